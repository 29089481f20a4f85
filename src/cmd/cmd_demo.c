/*
** cmd_demo.c — `ali demo`: creates (if absent) and fills a demo database
** shaped like the ALI pilot, then serves it.
**
** The programme: one agency (the Pisa Società della Salute), three
** cooperatives, host firms and specialised services, rounds R1 and R2
** with the pilot's dates and services, the funding streams fondo_poverta
** (minimum-income recipients only) and pon_inclusione (ESF co-financed).
** The people: N participants (default 207, split between the rounds as
** 144/63) with their households, drawn by demo_data.c so that gender,
** origin, age band, household size and single mothers match the pilot's
** published tables.  The same seed gives the same database.
**
** The staff: one account per role (demo_staff.c), all with the password
** DEMO_PASSWORD, printed at start and shown on the login page in demo mode
** only; cases tie them to the households so that each role's view
** differs.  The password is hashed once for all the accounts.
**
** The intake (demo_intake.c): every participant's candidacy in their
** round, from the shortlist to an agreed project, and beside them the
** candidates who left (not suitable, withdrew), with their households.
**
** The delivery (demo_delivery.c): every participant's interventions run
** and end, courses, internships, the registers, the requests, the
** handover of a social worker who left, and the closing of every path.
** Then the agenda (demo_agenda.c): visits, meetings and follow-up calls
** planned from today on, so that "my day" has something to show.
*/
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../db/migrate.h"
#include "../http/server.h"
#include "../domain/domain.h"
#include "../domain/entry.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "../lib/codice_fiscale.h"
#include "cmd.h"
#include "demo_agenda.h"
#include "demo_data.h"
#include "demo_delivery.h"
#include "demo_intake.h"
#include "demo_money.h"
#include "demo_staff.h"

static const char zUsage[] =
    "usage: ali demo [--db PATH|postgresql://URL] [--people N] [--seed S]\n"
    "                [--listen HOST:PORT] [--no-serve]\n\n"
    "Creates a demo database shaped like the ALI pilot (default ali-demo.db,\n"
    "207 participants with their households, seed 1) unless it already holds\n"
    "data, then serves it (default 127.0.0.1:8080). --no-serve only creates it.\n";

#define DEMO_BATCH 20000 /* households per transaction */

/* The password of every demo account: printed at start, shown on the
** login page in demo mode only. */
#define DEMO_PASSWORD "demo-ali-2026!"

typedef struct DemoOptions {
  const char *zDb;
  int64_t nPeople;
  uint64_t iSeed;
  const char *zListen;
  int bNoServe;
} DemoOptions;

/* ---- the programme ---- */

static int demo_organisations(Db *db, int64_t iAgency, Errors *pErr) {
  static const char *const az[][3] = {
      {"coop_arnera", "Cooperativa sociale Arnera", "cooperative"},
      {"coop_ponte", "Il Ponte società cooperativa sociale", "cooperative"},
      {"coop_paim", "Paim cooperativa sociale", "cooperative"},
      {"serd_pisa", "SerD Pisa (dipendenze)", "specialised_service"},
      {"csm_pisa", "Centro di salute mentale di Pisa", "specialised_service"},
      {"firm_forno", "Forno Sant'Antonio srl", "host_firm"},
      {"firm_logistica", "Logistica Navicelli spa", "host_firm"},
      {"firm_mensa", "Ristorazione Collettiva Pisana srl", "host_firm"},
  };
  for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
    Organisation o = {0, az[i][0], az[i][1], az[i][2], 0};
    int rc = organisation_save(db, iAgency, &o, pErr);
    if (rc) return rc;
  }
  return 0;
}

/* The rounds, their caps scaled to the demo's participants n1 and n2. */
static int demo_rounds(Db *db, int64_t iAgency, int64_t n1, int64_t n2, Errors *pErr) {
  /* Round 1 ran before IT and soft-skills courses existed; green
  ** maintenance and furniture were planned but never run. */
  static const char *azR1[] = {"internship", "forklift", "italian_l2", "haccp", "safety",
                               "home_education", "home_care", "psych_support", "orientation"};
  static const char *azR2[] = {"internship", "forklift", "italian_l2", "haccp",
                               "safety", "home_education", "it_training", "soft_skills",
                               "home_care", "psych_support", "orientation"};
  Round r1 = {0, "R1", "ALI – prima edizione", "2020-10-01", "2021-12-31",
              demo_intake_round_cap(1, n1), azR1, 9};
  Round r2 = {0, "R2", "ALI – seconda edizione", "2022-01-01", "2022-06-30",
              demo_intake_round_cap(2, n2), azR2, 11};
  int rc = round_save(db, iAgency, &r1, pErr);
  return rc ? rc : round_save(db, iAgency, &r2, pErr);
}

static int demo_streams(Db *db, int64_t iAgency, Errors *pErr) {
  /* The pilot's budget, €793,165, split between its two funders. */
  FundingStream a = {0, "fondo_poverta", "Fondo nazionale povertà", 41200000, 0, "minimum_income"};
  FundingStream b = {0, "pon_inclusione", "PON Inclusione (FSE)", 38116500, 1, 0};
  int rc = stream_save(db, iAgency, &a, pErr);
  return rc ? rc : stream_save(db, iAgency, &b, pErr);
}

static int demo_programme(Db *db, int64_t iAgency, int64_t n1, int64_t n2) {
  Errors err = {0};
  int rc = db_begin(db);
  if (!rc) rc = demo_organisations(db, iAgency, &err);
  if (!rc) rc = demo_rounds(db, iAgency, n1, n2, &err);
  if (!rc) rc = demo_streams(db, iAgency, &err);
  if (!rc) rc = db_commit(db);
  if (rc) {
    fprintf(stderr, "ali: demo programme: %s %s\n", err.n ? err.a[0].zField : "",
            err.n ? err.a[0].zMsg : db_errmsg(db));
    db_rollback(db);
  }
  return rc;
}

/* ---- the people ---- */

static int save_member(Db *db, int64_t iAgency, const DemoHousehold *h, int i,
                       int64_t iPerson, const char *zHouseholdRef, int64_t *pId) {
  const DemoPerson *m = &h->aMember[i];
  char zRef[24], zGender[2] = {m->cGender, 0};
  snprintf(zRef, sizeof zRef, "P%08" PRId64, iPerson);
  Person p = {0};
  p.zPersonRef = zRef;
  p.zHouseholdRef = zHouseholdRef;
  p.zRelationship = m->zRelationship;
  p.zCodiceFiscale = m->zCf[0] ? m->zCf : 0;
  p.zFirstName = m->zFirst;
  p.zLastName = m->zLast;
  p.zGender = m->cGender ? zGender : 0;
  p.zBirthDate = m->zBirth;
  p.zBirthCountry = m->zBirthCountry[0] ? m->zBirthCountry : 0;
  p.zCitizenship = m->zCitizenship;
  p.zMunicipality = h->zMunicipality;
  p.iMinimumIncome = m->bMinimumIncome;
  Errors err = {0};
  int rc = person_save(db, iAgency, &p, &err);
  /* Two people with the same names, birth date and place: the real
  ** registry gives the second an omocodia variant, and so do we. */
  char zCf[17];
  for (int iLevel = 1; rc == DOMAIN_INVALID && p.zCodiceFiscale &&
                       errors_get(&err, "codice_fiscale") && iLevel <= 7; iLevel++) {
    memcpy(zCf, m->zCf, sizeof zCf);
    cf_omocode(zCf, iLevel);
    p.zCodiceFiscale = zCf;
    memset(&err, 0, sizeof err);
    rc = person_save(db, iAgency, &p, &err);
  }
  if (rc)
    fprintf(stderr, "ali: demo person %s: %s: %s\n", zRef, err.n ? err.a[0].zField : "",
            err.n ? err.a[0].zMsg : db_errmsg(db));
  *pId = p.id;
  return rc;
}

/* The number of participants of round 1 among nPeople. */
static int64_t demo_round1_size(int64_t nPeople) {
  return nPeople * demo_round_size(1) / (demo_round_size(1) + demo_round_size(2));
}

/* Saves the members of household h as H<iHousehold> into aId, counting
** people in *piPerson.  0 or an error code. */
static int save_household(Db *db, int64_t iAgency, const DemoHousehold *h, int64_t iHousehold,
                          int64_t *piPerson, int64_t *aId) {
  char zHouseholdRef[24];
  snprintf(zHouseholdRef, sizeof zHouseholdRef, "H%08" PRId64, iHousehold);
  int rc = 0;
  for (int j = 0; j < h->nMember && !rc; j++) {
    rc = save_member(db, iAgency, h, j, ++*piPerson, zHouseholdRef, &aId[j]);
  }
  return rc;
}

/* Saves nPeople participants with their households and intake,
** DEMO_BATCH households per transaction; returns 0 or the first error. */
static int demo_people(Db *db, int64_t iAgency, DemoIntake *pIntake, int64_t nPeople,
                       uint64_t iSeed, int64_t *pnPerson) {
  DemoRng rng;
  demo_rng_seed(&rng, iSeed);
  int64_t aId[DEMO_MAX_MEMBER];
  int64_t nRound1 = demo_round1_size(nPeople);
  int64_t iPerson = 0;
  int rc = 0;
  DemoHousehold h;
  for (int64_t i = 0; i < nPeople && !rc; i++) {
    if (i % DEMO_BATCH == 0 && (rc = db_begin(db)) != 0) break;
    char zEntry[11];
    demo_intake_draw(&rng, i < nRound1 ? 1 : 2, zEntry, &h);
    rc = save_household(db, iAgency, &h, i + 1, &iPerson, aId);
    if (!rc) rc = demo_intake_participant(pIntake, db, i, &h, aId, zEntry);
    if (!rc && ((i + 1) % DEMO_BATCH == 0 || i + 1 == nPeople)) {
      rc = db_commit(db);
      cli_progress("demo people", i + 1, nPeople);
    }
  }
  if (rc) db_rollback(db);
  *pnPerson = iPerson;
  return rc;
}

/* Saves the candidates who left each round, with their households
** (numbered after the participants' households), in one transaction per
** DEMO_BATCH; adds the people to *pnPerson and their number to *pnLeft. */
static int demo_leavers(Db *db, int64_t iAgency, DemoIntake *pIntake, int64_t nPeople,
                        int64_t *pnPerson, int64_t *pnLeft) {
  int64_t aN[2] = {demo_round1_size(nPeople), nPeople - demo_round1_size(nPeople)};
  int64_t aId[DEMO_MAX_MEMBER], iHousehold = nPeople, nDone = 0;
  DemoHousehold h;
  int rc = 0;
  for (int iRound = 1; iRound <= 2 && !rc; iRound++) {
    int64_t n = demo_intake_leaver_count(iRound, aN[iRound - 1]);
    for (int64_t i = 0; i < n && !rc; i++) {
      if (nDone % DEMO_BATCH == 0 && (rc = db_begin(db)) != 0) break;
      demo_intake_leaver_draw(pIntake, iRound, i, &h);
      rc = save_household(db, iAgency, &h, ++iHousehold, pnPerson, aId);
      if (!rc) rc = demo_intake_leaver(pIntake, db, iRound, i, &h, aId);
      if (!rc && ++nDone % DEMO_BATCH == 0) rc = db_commit(db);
    }
  }
  if (!rc && nDone % DEMO_BATCH) rc = db_commit(db);
  if (rc) db_rollback(db);
  *pnLeft = nDone;
  return rc;
}

/* ---- the command ---- */

static int parse_options(int argc, char **argv, DemoOptions *pOpt) {
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},       {"people", required_argument, 0, 'p'},
      {"seed", required_argument, 0, 's'},     {"listen", required_argument, 0, 'l'},
      {"no-serve", no_argument, 0, 'n'},       {0, 0, 0, 0}};
  int c;
  char *zEnd;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd': pOpt->zDb = optarg; break;
      case 'p':
        pOpt->nPeople = strtoll(optarg, &zEnd, 10);
        if (*zEnd || pOpt->nPeople < 1 || pOpt->nPeople > 10000000) {
          fprintf(stderr, "ali: --people wants a number from 1 to 10000000 (got '%s')\n", optarg);
          return 2;
        }
        break;
      case 's':
        pOpt->iSeed = strtoull(optarg, &zEnd, 10);
        if (*zEnd || !*optarg) {
          fprintf(stderr, "ali: --seed wants a non-negative integer (got '%s')\n", optarg);
          return 2;
        }
        break;
      case 'l': pOpt->zListen = optarg; break;
      case 'n': pOpt->bNoServe = 1; break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  return 0;
}

/* The accounts and their password, for whoever runs the demo. */
static void demo_print_accounts(void) {
  printf("demo accounts (password for every one: %s):", DEMO_PASSWORD);
  for (int i = 0; demo_azStaffUsername[i]; i++) printf(" %s", demo_azStaffUsername[i]);
  printf("\n");
  fflush(stdout);
}

/* The demo's staff in one transaction; 0 or 1. */
static int demo_staff(Db *db, int64_t iAgency, int64_t nParticipants, DemoStaff *pStaff) {
  int rc = db_begin(db);
  if (!rc) rc = demo_staff_create(db, iAgency, DEMO_PASSWORD, nParticipants, pStaff);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc ? 1 : 0;
}

/* The people, their intake and the candidates who left, in bulk mode. */
static int demo_population(Db *db, int64_t iAgency, const DemoStaff *pStaff,
                           const DemoOptions *pOpt, int64_t *pnPerson, int64_t *pnLeft) {
  DemoIntake *pIntake = 0;
  int rc = demo_intake_open(db, pStaff, pOpt->iSeed, pOpt->nPeople,
                            demo_round1_size(pOpt->nPeople), &pIntake);
  /* a demo can be generated again: no need to fsync every batch */
  if (!rc) rc = db_bulk_mode(db, 1) ? 1 : 0;
  if (!rc) rc = demo_people(db, iAgency, pIntake, pOpt->nPeople, pOpt->iSeed, pnPerson) ? 1 : 0;
  if (!rc) rc = demo_leavers(db, iAgency, pIntake, pOpt->nPeople, pnPerson, pnLeft) ? 1 : 0;
  if (!rc) rc = demo_delivery(db, pStaff, pOpt->iSeed);
  if (!rc) rc = entry_snapshot_fill(db, iAgency) ? 1 : 0; /* the profiles at entry */
  if (!rc) rc = demo_money(db, pStaff, pOpt->iSeed);
  if (!rc) rc = demo_agenda(db, pStaff, pOpt->iSeed);
  if (!rc) rc = db_bulk_mode(db, 0) ? 1 : 0;
  if (!rc) rc = db_analyze(db) ? 1 : 0;
  demo_intake_free(pIntake);
  return rc;
}

/* Creates and fills the database unless it already holds people. */
static int demo_create(const DemoOptions *pOpt) {
  Db *db;
  char zErr[512];
  if (db_open(pOpt->zDb, &db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: cannot open %s: %s\n", pOpt->zDb, zErr);
    return 1;
  }
  int64_t iAgency = 0, nPerson = 0, nLeft = 0;
  int64_t n1 = demo_round1_size(pOpt->nPeople);
  int rc = init_schema(db, pOpt->zDb, 1);
  if (!rc && db_int(db, 0, "SELECT count(*) FROM person", "") > 0) {
    printf("%s already holds a demo programme: serving it as it is\n", pOpt->zDb);
    demo_print_accounts();
    db_close(db);
    return 0;
  }
  if (!rc) rc = init_agency(db, "sds", "Società della Salute della Zona Pisana", &iAgency);
  if (!rc) rc = demo_programme(db, iAgency, n1, pOpt->nPeople - n1) ? 1 : 0;
  DemoStaff staff = {0};
  if (!rc) rc = demo_staff(db, iAgency, pOpt->nPeople, &staff);
  if (!rc) demo_print_accounts();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (!rc) rc = demo_population(db, iAgency, &staff, pOpt, &nPerson, &nLeft);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  demo_staff_free(&staff);
  if (!rc)
    printf("%s: %" PRId64 " participants and %" PRId64 " candidates who left, %" PRId64
           " people in all, in %.1f s (seed %" PRIu64 ")\n",
           pOpt->zDb, pOpt->nPeople, nLeft, nPerson,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, pOpt->iSeed);
  db_close(db);
  return rc;
}

int cmd_demo(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  DemoOptions opt = {"ali-demo.db", 207, 1, "127.0.0.1:8080", 0};
  int rc = parse_options(argc, argv, &opt);
  if (rc) return rc;
  rc = demo_create(&opt);
  if (rc || opt.bNoServe) return rc;
  ServerConfig cfg = {0};
  cfg.zDbUrl = opt.zDb;
  cfg.zListen = opt.zListen;
  cfg.zDemoPassword = DEMO_PASSWORD;
  return serve_database(&cfg);
}
