/*
** demo_agenda.c — the activities planned in the demo's registers (see
** demo_agenda.h): read the agreed cases, draw each one's plans, write
** them with plain SQL, DEMO_AGENDA_BATCH cases per transaction, then make
** sure social1 and cm_a have a visit today and one overdue.
*/
#include "demo_agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "demo_common.h"
#include "demo_data.h"

#define DEMO_AGENDA_BATCH 5000 /* cases per transaction */

/* An agreed case and who works on it. */
typedef struct ACase {
  int64_t id, iPerson, iSocialWorker, iCaseManager;
  int bOpen;
} ACase;

typedef struct ACtx {
  Db *db;
  int64_t iAgency;
  DemoRng rng;
  int64_t iToday; /* day number of today */
  char zNow[21];
} ACtx;

/* The purposes of each kind of plan, in Italian like the rest of the demo. */
static const char *const azVisit[] = {
    "Visita domiciliare: come procede l'organizzazione della casa e dei figli",
    "Visita a casa per parlare dell'iscrizione scolastica dei bambini",
    "Visita domiciliare di verifica dopo l'avvio del tirocinio",
};
static const char *const azMeeting[] = {
    "Colloquio di verifica del progetto personalizzato",
    "Colloquio in ufficio per rivedere gli obiettivi e i prossimi passi",
};
static const char *const azFollowUp[] = {
    "Telefonata di follow-up: situazione lavorativa a qualche mese dalla chiusura",
    "Chiamare per sapere se il contratto è stato rinnovato",
    "Telefonata: la famiglia ha ancora bisogno dei servizi ordinari?",
};
static const char *const azTime[] = {"09:30", "10:00", "11:30", "15:00", NULL};

/* Reads the agreed cases of the agency into a new malloc'd array. */
static int read_cases(ACtx *x, ACase **pa, int *pn) {
  DbStmt *q = db_query(x->db,
                       "SELECT id, person_id, coalesce(social_worker_id,0),"
                       " coalesce(case_manager_id,0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END"
                       " FROM case_file"
                       " WHERE agency_id=$1 AND stage='agreed' ORDER BY id",
                       "i", x->iAgency);
  int n = 0, nAlloc = 0, rc;
  ACase *a = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 256;
      ACase *aNew = realloc(a, (size_t)nAlloc * sizeof *a);
      if (!aNew) abort();
      a = aNew;
    }
    ACase *c = &a[n++];
    c->id = db_col_int(q, 0);
    c->iPerson = db_col_int(q, 1);
    c->iSocialWorker = db_col_int(q, 2);
    c->iCaseManager = db_col_int(q, 3);
    c->bOpen = db_col_int(q, 4) != 0;
  }
  db_done(q);
  *pa = a;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* Plans an activity of kind zKind for case c by iAuthor, iDay days from
** today at zTime (NULL: any time), with iWorker (0: none) taking part. */
static int plan(ACtx *x, const ACase *c, int64_t iAuthor, int64_t iWorker, const char *zKind,
                int iDay, const char *zTime, const char *zText) {
  char zOn[11];
  date_from_days(x->iToday + iDay, zOn);
  int64_t id = db_int(x->db, 0,
                      "INSERT INTO activity (agency_id, case_id, on_date, author_id, kind, minutes,"
                      " confidentiality, text, created_at, status, planned_on, planned_time,"
                      " plan_text) VALUES ($1,$2,$3,$4,$5,0,'normal',$6,$7,'planned',$3,$8,$6)"
                      " RETURNING id",
                      "iititttt", x->iAgency, c->id, zOn, iAuthor, zKind, zText, x->zNow, zTime);
  if (id <= 0) return DB_ERROR;
  int rc = db_exec(x->db, "INSERT INTO activity_member (activity_id, person_id) VALUES ($1,$2)",
                   "ii", id, c->iPerson);
  if (!rc && iWorker && iWorker != iAuthor)
    rc = db_exec(x->db, "INSERT INTO activity_worker (activity_id, user_id) VALUES ($1,$2)", "ii",
                 id, iWorker);
  return rc;
}

/* The plans of one case, drawn. */
static int plan_case(ACtx *x, const ACase *c) {
  int rc = 0;
  if (c->bOpen) {
    if (c->iSocialWorker)
      rc = plan(x, c, c->iSocialWorker, c->iCaseManager, "home_visit",
                demo_rng_range(&x->rng, 0, 10), DEMO_PICK(&x->rng, azTime),
                DEMO_PICK(&x->rng, azVisit));
    if (!rc && c->iCaseManager && demo_rng_chance(&x->rng, 60))
      rc = plan(x, c, c->iCaseManager, 0, "meeting", demo_rng_range(&x->rng, 1, 10),
                DEMO_PICK(&x->rng, azTime), DEMO_PICK(&x->rng, azMeeting));
    return rc;
  }
  if (!c->iSocialWorker || !demo_rng_chance(&x->rng, 20)) return 0;
  int bCall = demo_rng_chance(&x->rng, 70);
  return plan(x, c, c->iSocialWorker, 0, bCall ? "phone_call" : "home_visit",
              demo_rng_range(&x->rng, -3, 14), DEMO_PICK(&x->rng, azTime),
              bCall ? DEMO_PICK(&x->rng, azFollowUp) : DEMO_PICK(&x->rng, azVisit));
}

/* 1 when user iUser already has a plan of his own on day iDay (0 today,
** -1 any day before). */
static int has_plan(ACtx *x, int64_t iUser, int iDay) {
  char zToday[11];
  date_from_days(x->iToday, zToday);
  return db_int(x->db, 0,
                iDay == 0 ? "SELECT count(*) FROM activity WHERE agency_id=$1 AND author_id=$2"
                            " AND status='planned' AND on_date=$3"
                          : "SELECT count(*) FROM activity WHERE agency_id=$1 AND author_id=$2"
                            " AND status='planned' AND on_date<$3",
                "iit", x->iAgency, iUser, zToday) > 0;
}

/* A visit today and one two days ago (overdue) for iUser on the first
** case they work on, unless the draw gave them already. */
static int ensure_day(ACtx *x, const ACase *a, int n, int64_t iUser) {
  const ACase *c = NULL;
  for (int i = 0; i < n && !c; i++) {
    if (a[i].iSocialWorker == iUser || a[i].iCaseManager == iUser) c = &a[i];
  }
  if (!c) return 0;
  int64_t iOther = c->iSocialWorker == iUser ? c->iCaseManager : c->iSocialWorker;
  int rc = 0;
  if (!has_plan(x, iUser, 0)) rc = plan(x, c, iUser, iOther, "home_visit", 0, "10:00", azVisit[0]);
  if (!rc && !has_plan(x, iUser, -1))
    rc = plan(x, c, iUser, 0, "phone_call", -2, NULL, azFollowUp[0]);
  return rc;
}

/* The cases' plans in batches, then the days of social1 and cm_a. */
static int plan_all(ACtx *x, const DemoStaff *p, const ACase *a, int n) {
  int rc = 0;
  for (int i = 0; i < n && !rc; i += DEMO_AGENDA_BATCH) {
    rc = db_begin(x->db);
    for (int j = i; j < n && j < i + DEMO_AGENDA_BATCH && !rc; j++) rc = plan_case(x, &a[j]);
    if (!rc) rc = db_commit(x->db);
    if (rc) return demo_fail(x->db, "agenda", "cases", rc);
  }
  rc = db_begin(x->db);
  if (!rc) rc = ensure_day(x, a, n, p->iSocial1);
  if (!rc) rc = ensure_day(x, a, n, p->iCmA);
  if (!rc) rc = db_commit(x->db);
  return demo_fail(x->db, "agenda", "my day", rc);
}

int demo_agenda(Db *db, const DemoStaff *pStaff, uint64_t iSeed) {
  ACtx x;
  memset(&x, 0, sizeof x);
  x.db = db;
  x.iAgency = pStaff->iAgency;
  demo_rng_seed(&x.rng, iSeed ^ 0xA6E4DA11ull);
  char zToday[11];
  date_today(zToday);
  x.iToday = demo_day_of(zToday);
  timestamp_now(x.zNow);
  ACase *a = NULL;
  int n = 0;
  int rc = demo_fail(db, "agenda", "cases", read_cases(&x, &a, &n));
  if (!rc) rc = plan_all(&x, pStaff, a, n);
  if (rc) db_rollback(db);
  free(a);
  return rc ? 1 : 0;
}
