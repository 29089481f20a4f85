/*
** demo_staff.c — the demo's accounts and cases (see demo_staff.h).
** Names and notes are invented; any likeness to real people is chance.
*/
#include "demo_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/policy.h"
#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/date.h"
#include "../lib/mem.h"
#include "demo_names.h"

/* username, full name, role, organisation code (NULL: the agency's own) */
static const struct {
  const char *zUser, *zName;
  unsigned mRole;
  const char *zOrg;
} aStaff[] = {
    {"admin", "Paolo Ferri", ROLE_ADMIN, 0},
    {"manager", "Lucia Bernardini", ROLE_MANAGER, 0},
    {"social1", "Chiara Lenzi", ROLE_SOCIAL_WORKER, 0},
    {"social2", "Marco Pellegrini", ROLE_SOCIAL_WORKER, 0},
    {"psychotherapist", "Elena Vannucci", ROLE_PSYCHOTHERAPIST, 0},
    {"cm_a", "Giulia Martelli", ROLE_CASE_MANAGER, "coop_arnera"},
    {"cm_b", "Stefano Bertini", ROLE_CASE_MANAGER, "coop_ponte"},
    {"educator", "Sara Guidi", ROLE_OPERATOR, "coop_arnera"},
    {"tutor", "Andrea Nardi", ROLE_OPERATOR, "coop_arnera"},
    {"educator_b", "Irene Fabbri", ROLE_OPERATOR, "coop_ponte"},
    {"tutor_b", "Luca Benedetti", ROLE_OPERATOR, "coop_ponte"},
    {"trainer", "Simone Galli", ROLE_OPERATOR, "coop_paim"},
    {"homecare", "Rosa Mancini", ROLE_OPERATOR, "coop_arnera"},
    {"evaluator", "Francesca Rossetti", ROLE_EVALUATOR, 0},
    {"auditor", "Roberto Cecchi", ROLE_AUDITOR, 0},
};
#define N_STAFF (int)(sizeof aStaff / sizeof aStaff[0])

const char *const demo_azStaffUsername[] = {
    "admin",   "manager",    "social1", "social2", "psychotherapist", "cm_a",
    "cm_b",    "educator",   "tutor",   "educator_b", "tutor_b",       "trainer",
    "homecare", "evaluator", "auditor", 0,
};

/* Where each account's id goes in a DemoStaff (NULL: nowhere). */
static int64_t *staff_slot(DemoStaff *p, const char *zUser) {
  if (strcmp(zUser, "social1") == 0) return &p->iSocial1;
  if (strcmp(zUser, "social2") == 0) return &p->iSocial2;
  if (strcmp(zUser, "psychotherapist") == 0) return &p->iPsychotherapist;
  if (strcmp(zUser, "cm_a") == 0) return &p->iCmA;
  if (strcmp(zUser, "cm_b") == 0) return &p->iCmB;
  if (strcmp(zUser, "educator") == 0) return &p->iEducator;
  if (strcmp(zUser, "tutor") == 0) return &p->iTutor;
  if (strcmp(zUser, "educator_b") == 0) return &p->iEducatorB;
  if (strcmp(zUser, "tutor_b") == 0) return &p->iTutorB;
  if (strcmp(zUser, "trainer") == 0) return &p->iTrainer;
  if (strcmp(zUser, "homecare") == 0) return &p->iHomeCare;
  return 0;
}

static int staff_fail(const char *zUser, const Errors *pErr, Db *db) {
  fprintf(stderr, "ali: demo account %s: %s %s\n", zUser, pErr->n ? pErr->a[0].zField : "",
          pErr->n ? pErr->a[0].zMsg : db_errmsg(db));
  return 1;
}

/* Participants per extra worker of each pool (DemoStaff). */
#define DEMO_CASES_PER_SOCIAL 100
#define DEMO_CASES_PER_CM 200  /* per cooperative: half the cases each */
#define DEMO_CASES_PER_PSY 200 /* about half the cases see one */

static void pool_add(DemoPool *p, int nAlloc, int64_t id) {
  if (!p->aId) p->aId = xcalloc((size_t)nAlloc, sizeof *p->aId);
  p->aId[p->n++] = id;
}

/* The size of a pool for nParticipants: at least nBase. */
static int pool_size(int64_t nParticipants, int nPer, int nBase) {
  int64_t n = nParticipants / nPer;
  return n > nBase ? (int)n : nBase;
}

/* Adds the extra workers of a pool, up to nWant: usernames zPrefix2,
** zPrefix3 ... with Italian names taken in turn from the name tables. */
static int pool_fill(Db *db, const DemoStaff *pStaff, DemoPool *p, int nWant, const char *zPrefix,
                     unsigned mRole, int64_t iOrg, const char *zHash) {
  const DemoNamePool *pN = &demo_aPool[POOL_IT];
  Errors err = {.n = 0};
  for (int k = p->n + 1; p->n < nWant; k++) {
    char zUser[40], zName[80];
    snprintf(zUser, sizeof zUser, "%s%d", zPrefix, k);
    int bMale = k % 3 == 0;
    snprintf(zName, sizeof zName, "%s %s",
             bMale ? pN->azMale[(k * 7) % pN->nMale] : pN->azFemale[(k * 7) % pN->nFemale],
             pN->azSurname[(k * 13) % pN->nSurname]);
    User u = {0};
    u.iAgency = pStaff->iAgency;
    u.zUsername = zUser;
    u.zFullName = zName;
    u.mRoles = mRole;
    u.bActive = 1;
    u.iOrganisation = iOrg;
    if (user_create_with_hash(db, &u, zHash, &err)) return staff_fail(zUser, &err, db);
    pool_add(p, nWant, u.id);
  }
  return 0;
}

/* The pools: the named accounts, then the extra workers. */
static int staff_pools(Db *db, DemoStaff *p, int64_t nParticipants, const char *zHash) {
  int nSocial = pool_size(nParticipants, DEMO_CASES_PER_SOCIAL, 2);
  int nCm = pool_size(nParticipants, DEMO_CASES_PER_CM, 1);
  int nPsy = pool_size(nParticipants, DEMO_CASES_PER_PSY, 1);
  pool_add(&p->social, nSocial, p->iSocial1);
  pool_add(&p->social, nSocial, p->iSocial2);
  pool_add(&p->cmA, nCm, p->iCmA);
  pool_add(&p->cmB, nCm, p->iCmB);
  pool_add(&p->psy, nPsy, p->iPsychotherapist);
  int rc = pool_fill(db, p, &p->social, nSocial, "social", ROLE_SOCIAL_WORKER, 0, zHash);
  if (!rc) rc = pool_fill(db, p, &p->cmA, nCm, "cm_a", ROLE_CASE_MANAGER, p->iCoopA, zHash);
  if (!rc) rc = pool_fill(db, p, &p->cmB, nCm, "cm_b", ROLE_CASE_MANAGER, p->iCoopB, zHash);
  if (!rc) rc = pool_fill(db, p, &p->psy, nPsy, "psychotherapist", ROLE_PSYCHOTHERAPIST, 0, zHash);
  return rc;
}

int demo_staff_create(Db *db, int64_t iAgency, const char *zPassword, int64_t nParticipants,
                      DemoStaff *p) {
  memset(p, 0, sizeof *p);
  p->iAgency = iAgency;
  p->iCoopA = organisation_find(db, iAgency, "coop_arnera");
  p->iCoopB = organisation_find(db, iAgency, "coop_ponte");
  p->iCoopC = organisation_find(db, iAgency, "coop_paim");
  Errors err = {.n = 0};
  char zHash[USER_HASH_MAX];
  if (user_password_hash(zPassword, zHash, &err)) return staff_fail("(password)", &err, db);
  for (int i = 0; i < N_STAFF; i++) {
    User u = {0};
    u.iAgency = iAgency;
    u.zUsername = aStaff[i].zUser;
    u.zFullName = aStaff[i].zName;
    u.mRoles = aStaff[i].mRole;
    u.bActive = 1;
    if (aStaff[i].zOrg) u.iOrganisation = organisation_find(db, iAgency, aStaff[i].zOrg);
    if (user_create_with_hash(db, &u, zHash, &err)) return staff_fail(u.zUsername, &err, db);
    int64_t *pSlot = staff_slot(p, u.zUsername);
    if (pSlot) *pSlot = u.id;
  }
  return staff_pools(db, p, nParticipants, zHash);
}

void demo_staff_free(DemoStaff *p) {
  free(p->social.aId);
  free(p->cmA.aId);
  free(p->cmB.aId);
  free(p->psy.aId);
  memset(&p->social, 0, 4 * sizeof p->social);
}

/* ---- special-category notes: invented, plausible ---- */

static const char *const azHealth[] = {
    "Ipertensione arteriosa in trattamento farmacologico.",
    "Diabete di tipo 2, seguito dal medico di medicina generale.",
    "Lombalgia cronica: evitare mansioni con sollevamento di carichi.",
    "Asma allergica, controllata con terapia inalatoria.",
    "Invalidità civile riconosciuta al 46%.",
    "Esiti di frattura al polso destro; fisioterapia in corso.",
    "Riferisce disturbi del sonno; nessuna diagnosi.",
    "Ipoacusia lieve all'orecchio sinistro.",
};
static const char *const azPsych[] = {
    "Colloqui settimanali; umore in miglioramento, buona adesione al percorso.",
    "Ansia legata alla ricerca di lavoro: si lavora sull'autostima.",
    "Lutto recente in famiglia; valutare l'invio al consultorio.",
    "Difficoltà nella gestione dei conflitti con il figlio adolescente.",
    "Motivazione alta, timore del giudizio nei colloqui di selezione.",
};
static const char *const azCourt[] = {
    "Affidamento dei figli regolato dal tribunale ordinario nel 2022.",
    "Procedimento di separazione in corso.",
    "Segnalazione al tribunale per i minorenni, archiviata senza provvedimenti.",
    "Misura alternativa alla detenzione conclusa nel 2019.",
};
static const char *const azAddiction[] = {
    "Pregresso abuso di alcol; in carico al SerD fino al 2020, ora astinente.",
    "Gioco d'azzardo segnalato dal nucleo; proposto un contatto con il SerD.",
    "Tabagismo; interesse per il programma di disassuefazione.",
};
/* Special-category notes for the participant, sometimes. */
static int case_notes(Db *db, DemoRng *r, int64_t iPerson, int bPsy, const char *zNow) {
  const char *zHealth = demo_rng_chance(r, 40) ? DEMO_PICK(r, azHealth) : 0;
  const char *zPsych = bPsy && demo_rng_chance(r, 70) ? DEMO_PICK(r, azPsych) : 0;
  const char *zCourt = demo_rng_chance(r, 10) ? DEMO_PICK(r, azCourt) : 0;
  const char *zAddiction = demo_rng_chance(r, 7) ? DEMO_PICK(r, azAddiction) : 0;
  if (!zHealth && !zPsych && !zCourt && !zAddiction) return 0;
  return db_exec(db,
                 "INSERT INTO person_sensitive(person_id, health, psych_notes, court_notes,"
                 " addiction, updated_at) VALUES ($1,$2,$3,$4,$5,$6)",
                 "ittttt", iPerson, zHealth, zPsych, zCourt, zAddiction, zNow);
}

/* A worker of pool p.  The pilot's pools (two social workers, one of the
** others) draw as the demo did before it had pools, so that its default
** data stay the same. */
static int64_t pool_pick(DemoRng *r, const DemoPool *p) {
  if (p->n == 1) return p->aId[0];
  if (p->n == 2) return demo_rng_chance(r, 50) ? p->aId[0] : p->aId[1];
  return p->aId[demo_rng_below(r, p->n)];
}

int demo_staff_case(Db *db, const DemoStaff *p, DemoRng *r, int64_t iPerson,
                    const char *zOpened, int bPsy, int bCoop, DemoCase *pCase) {
  memset(pCase, 0, sizeof *pCase);
  pCase->iSocialWorker = pool_pick(r, &p->social);
  int bCoopA = demo_rng_chance(r, 50);
  if (bCoop) {
    pCase->iOrganisation = bCoopA ? p->iCoopA : p->iCoopB;
    pCase->iCaseManager = pool_pick(r, bCoopA ? &p->cmA : &p->cmB);
  }
  if (bPsy) pCase->iPsychotherapist = pool_pick(r, &p->psy);
  pCase->id = db_int(db, 0,
                     "INSERT INTO case_file(agency_id, person_id, social_worker_id,"
                     " psychotherapist_id, organisation_id, case_manager_id, opened_at)"
                     " VALUES ($1,$2,$3,NULLIF(CAST($4 AS BIGINT),0),"
                     " NULLIF(CAST($5 AS BIGINT),0),NULLIF(CAST($6 AS BIGINT),0),$7) RETURNING id",
                     "iiiiiit", p->iAgency, iPerson, pCase->iSocialWorker,
                     pCase->iPsychotherapist, pCase->iOrganisation, pCase->iCaseManager, zOpened);
  if (!pCase->id) return DB_ERROR;
  char zNow[21];
  timestamp_now(zNow);
  return case_notes(db, r, iPerson, bPsy, zNow);
}
