/*
** demo_staff.c — the demo's accounts and cases (see demo_staff.h).
** Names and notes are invented; any likeness to real people is chance.
*/
#include "demo_staff.h"

#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/policy.h"
#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/date.h"

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
    {"evaluator", "Francesca Rossetti", ROLE_EVALUATOR, 0},
    {"auditor", "Roberto Cecchi", ROLE_AUDITOR, 0},
};
#define N_STAFF (int)(sizeof aStaff / sizeof aStaff[0])

const char *const demo_azStaffUsername[] = {
    "admin", "manager", "social1", "social2", "psychotherapist", "cm_a",
    "cm_b",  "educator", "tutor", "evaluator", "auditor", 0,
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
  return 0;
}

static int staff_fail(const char *zUser, const Errors *pErr, Db *db) {
  fprintf(stderr, "ali: demo account %s: %s %s\n", zUser, pErr->n ? pErr->a[0].zField : "",
          pErr->n ? pErr->a[0].zMsg : db_errmsg(db));
  return 1;
}

int demo_staff_create(Db *db, int64_t iAgency, const char *zPassword, DemoStaff *p) {
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
  return 0;
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
#define PICK(r, az) (az)[demo_rng_below(r, (int)(sizeof(az) / sizeof *(az)))]

static int chance(DemoRng *r, int iPercent) { return demo_rng_below(r, 100) < iPercent; }

/* Special-category notes for the participant, sometimes. */
static int case_notes(Db *db, DemoRng *r, int64_t iPerson, int bPsy, const char *zNow) {
  const char *zHealth = chance(r, 40) ? PICK(r, azHealth) : 0;
  const char *zPsych = bPsy && chance(r, 70) ? PICK(r, azPsych) : 0;
  const char *zCourt = chance(r, 10) ? PICK(r, azCourt) : 0;
  const char *zAddiction = chance(r, 7) ? PICK(r, azAddiction) : 0;
  if (!zHealth && !zPsych && !zCourt && !zAddiction) return 0;
  return db_exec(db,
                 "INSERT INTO person_sensitive(person_id, health, psych_notes, court_notes,"
                 " addiction, updated_at) VALUES ($1,$2,$3,$4,$5,$6)",
                 "ittttt", iPerson, zHealth, zPsych, zCourt, zAddiction, zNow);
}

static int case_operator(Db *db, int64_t iCase, int64_t iUser, int64_t iPerson) {
  return db_exec(db, "INSERT INTO case_operator(case_id, user_id, person_id) VALUES ($1,$2,$3)",
                 "iii", iCase, iUser, iPerson);
}

/* The educator serves the minors, the tutor the participant, of some of
** coop_arnera's households. */
static int case_operators(Db *db, const DemoStaff *p, DemoRng *r, int64_t iCase,
                          const DemoHousehold *h, const int64_t *aId, const char *zEntry) {
  int rc = 0;
  if (chance(r, 60)) {
    for (int i = 0; !rc && i < h->nMember; i++) {
      int iAge = age_at(h->aMember[i].zBirth, zEntry);
      if (iAge >= 0 && iAge < 18) rc = case_operator(db, iCase, p->iEducator, aId[i]);
    }
  }
  if (!rc && chance(r, 40)) rc = case_operator(db, iCase, p->iTutor, aId[0]);
  return rc;
}

int demo_staff_case(Db *db, const DemoStaff *p, DemoRng *r, const DemoHousehold *h,
                    const int64_t *aId, const char *zEntry) {
  if (!chance(r, 75)) return 0; /* a quarter of the participants have no case yet */
  int64_t iSocial = chance(r, 50) ? p->iSocial1 : p->iSocial2;
  int iCoop = demo_rng_below(r, 10); /* 0-3 coop_arnera, 4-7 coop_ponte, 8-9 coop_paim */
  int64_t iOrg = iCoop < 4 ? p->iCoopA : iCoop < 8 ? p->iCoopB : p->iCoopC;
  int64_t iCm = iCoop < 4 ? p->iCmA : iCoop < 8 ? p->iCmB : 0;
  int bPsy = chance(r, 30);
  char zClosed[11] = "";
  if (chance(r, 5)) { /* a few closed: nobody works on them any more */
    int y, m, d;
    date_parse(zEntry, &y, &m, &d);
    date_from_days(date_days(y, m, d) + 300, zClosed);
  }
  int64_t iCase = db_int(db, 0,
                         "INSERT INTO case_file(agency_id, person_id, social_worker_id,"
                         " psychotherapist_id, organisation_id, case_manager_id, opened_at,"
                         " closed_at) VALUES ($1,$2,$3,NULLIF(CAST($4 AS BIGINT),0),"
                         " NULLIF(CAST($5 AS BIGINT),0),NULLIF(CAST($6 AS BIGINT),0),"
                         " $7,$8) RETURNING id",
                         "iiiiiitt", p->iAgency, aId[0], iSocial, bPsy ? p->iPsychotherapist : 0,
                         iOrg, iCm, zEntry, zClosed[0] ? zClosed : 0);
  if (!iCase) return DB_ERROR;
  char zNow[21];
  timestamp_now(zNow);
  int rc = case_notes(db, r, aId[0], bPsy, zNow);
  if (!rc && iOrg == p->iCoopA && !zClosed[0]) rc = case_operators(db, p, r, iCase, h, aId, zEntry);
  return rc;
}
