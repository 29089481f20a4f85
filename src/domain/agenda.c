/*
** agenda.c — planned activities of a case's register (agenda.h): who may
** see and close them, planning one with its workers, recording it as
** done or cancelling it, the case's upcoming and cancelled lists, and a
** user's planned entries for today and the days past.
*/
#include "agenda.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "intake.h"

int agenda_kind_plannable(ActivityKind e) {
  return e == ACT_MEETING || e == ACT_PHONE_CALL || e == ACT_HOME_VISIT || e == ACT_SCHOOL_MEETING;
}

/* 1 when iUser is a worker listed on p. */
static int agenda_listed(int64_t iUser, const Activity *p) {
  for (int i = 0; i < p->nWorker; i++) {
    if (p->aWorker[i].iUser == iUser) return 1;
  }
  return 0;
}

int agenda_visible(Relation eRel, int64_t iUser, const Activity *p) {
  if (register_entry_visible(eRel, iUser, p->iAuthor, p->bRestricted)) return 1;
  return register_can_read(eRel) && agenda_listed(iUser, p);
}

int agenda_can_close(Relation eRel, int64_t iUser, const Activity *p) {
  if (!register_can_write(eRel) || !agenda_visible(eRel, iUser, p)) return 0;
  return iUser == p->iAuthor || agenda_listed(iUser, p) || eRel == REL_HOLDER ||
         eRel == REL_CASE_MANAGER || eRel == REL_MANAGER;
}

/* ---- planning ---- */

/* 1 when z is an hour "HH:MM" from 00:00 to 23:59. */
static int agenda_time_valid(const char *z) {
  return strlen(z) == 5 && z[0] >= '0' && z[0] <= '2' && z[1] >= '0' && z[1] <= '9' &&
         z[2] == ':' && z[3] >= '0' && z[3] <= '5' && z[4] >= '0' && z[4] <= '9' &&
         (z[0] < '2' || z[1] <= '3');
}

/* 1 when iUser may be listed as a worker of case pCase. */
static int agenda_worker_ok(Db *db, int64_t iAgency, const Case *pCase, int64_t iUser) {
  Arena a = {0};
  User u;
  int bOk = user_get(db, &a, iAgency, iUser, &u) == 0 && u.bActive &&
            register_can_write(intake_case_relation(db, &u, pCase));
  arena_free(&a);
  return bOk;
}

/* The checks of planning besides register_check_input(). */
static void agenda_check_plan(Db *db, int64_t iAgency, const Case *pCase, const PlanInput *p,
                              const char *zToday, Errors *pErr) {
  const ActivityInput *in = &p->in;
  if (domain_blank(in->zOn)) {
    errors_add(pErr, "on_date", N_("required"));
  } else if (!date_valid(in->zOn)) {
    errors_add(pErr, "on_date", N_("must be a date YYYY-MM-DD"));
  } else if (strcmp(in->zOn, zToday) < 0) {
    errors_add(pErr, "on_date", N_("an activity is planned for today or a later day"));
  }
  int e = register_kind_from_code(in->zKind);
  if (e >= 0 && !agenda_kind_plannable((ActivityKind)e)) {
    errors_add(pErr, "kind",
               N_("only meetings, phone calls, home visits and school meetings are planned"));
  }
  if (in->nMinutes != 0) {
    errors_add(pErr, "minutes", N_("the time spent is recorded when the activity is done"));
  }
  if (p->zTime && *p->zTime && !agenda_time_valid(p->zTime)) {
    errors_add(pErr, "time", N_("must be an hour HH:MM"));
  }
  if (p->nWorker < 0 || p->nWorker > AGENDA_WORKERS_MAX) {
    errors_add(pErr, "workers", N_("at most 10 workers"));
    return;
  }
  for (int i = 0; i < p->nWorker; i++) {
    if (!agenda_worker_ok(db, iAgency, pCase, p->aWorker[i])) {
      errors_add(pErr, "workers", N_("is not a worker of this case"));
      return;
    }
  }
}

/* Insert the workers of planned entry iId, each once, the author left out. */
static int agenda_insert_workers(Db *db, int64_t iId, const PlanInput *p, int64_t iAuthor) {
  for (int i = 0; i < p->nWorker; i++) {
    int bSeen = p->aWorker[i] == iAuthor;
    for (int j = 0; j < i && !bSeen; j++) bSeen = p->aWorker[j] == p->aWorker[i];
    if (bSeen) continue;
    int rc = db_exec(db, "INSERT INTO activity_worker (activity_id, user_id) VALUES ($1,$2)", "ii",
                     iId, p->aWorker[i]);
    if (rc) return rc;
  }
  return 0;
}

int agenda_plan(Db *db, int64_t iAgency, int64_t iCase, const PlanInput *p, int64_t iAuthor,
                const char *zToday, int64_t *piId, Errors *pErr) {
  char zT[11];
  if (!zToday) {
    date_today(zT);
    zToday = zT;
  }
  Arena a = {0};
  Case c;
  int rc = intake_case_get(db, &a, iAgency, iCase, &c);
  if (rc == 0) {
    int nErr = pErr->n;
    agenda_check_plan(db, iAgency, &c, p, zToday, pErr);
    register_check_input(db, iAgency, &c, &p->in, 1, pErr);
    if (pErr->n > nErr) rc = DOMAIN_INVALID;
  }
  int64_t iId = 0;
  if (rc == 0)
    rc = register_insert(db, iAgency, iCase, &p->in, ACT_PLANNED, p->zTime, iAuthor, &iId);
  if (rc == 0) rc = agenda_insert_workers(db, iId, p, iAuthor);
  if (rc == 0 && piId) *piId = iId;
  arena_free(&a);
  return rc;
}

/* ---- recording and cancelling ---- */

/* The status of entry id of case iCase into *pe, and its planned day into
** zPlannedOn; 0, DOMAIN_NOT_FOUND, DOMAIN_CONFLICT (not planned, the
** reason under "status") or a db.h code. */
static int agenda_planned_of(Db *db, int64_t iAgency, int64_t iCase, int64_t id,
                             char zPlannedOn[11], Errors *pErr) {
  DbStmt *q = db_query(db,
                       "SELECT status, planned_on FROM activity WHERE id=$1 AND case_id=$2"
                       " AND agency_id=$3",
                       "iii", id, iCase, iAgency);
  int rc = db_step(q), e = -1;
  zPlannedOn[0] = 0;
  if (rc == DB_ROW) {
    e = register_status_from_code(db_col_text(q, 0));
    const char *z = db_col_text(q, 1);
    if (z) snprintf(zPlannedOn, 11, "%s", z);
  }
  db_done(q);
  if (rc == DB_DONE) return DOMAIN_NOT_FOUND;
  if (rc < 0) return rc;
  if (e == ACT_PLANNED) return 0;
  errors_add(pErr, "status",
             e == ACT_CANCELLED ? N_("the activity was cancelled")
             : zPlannedOn[0]    ? N_("the activity is already recorded as done")
                                : N_("the activity was not planned: it is done"));
  return DOMAIN_CONFLICT;
}

int agenda_done(Db *db, int64_t iAgency, int64_t iCase, int64_t id, const DoneInput *p, int64_t iBy,
                const char *zToday, const char *zNow, Errors *pErr) {
  char zPlanned[11], zT[11], zN[21];
  if (!zToday) {
    date_today(zT);
    zToday = zT;
  }
  if (!zNow) {
    timestamp_now(zN);
    zNow = zN;
  }
  int rc = agenda_planned_of(db, iAgency, iCase, id, zPlanned, pErr);
  if (rc) return rc;
  const char *zOn = domain_blank(p->zOn) ? zPlanned : p->zOn;
  int nErr = pErr->n;
  if (!date_valid(zOn)) {
    errors_add(pErr, "on_date", N_("must be a date YYYY-MM-DD"));
  } else if (strcmp(zOn, zToday) > 0) {
    errors_add(pErr, "on_date",
               N_("an activity is recorded as done once it has happened: not on a future day"));
  }
  if (p->nMinutes < 0 || p->nMinutes > REGISTER_MINUTES_MAX) {
    errors_add(pErr, "minutes", N_("must be between 0 and 1440 minutes"));
  }
  intake_check_text(pErr, "text", p->zText, REGISTER_TEXT_MAX, 1);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  Arena a = {0};
  size_t n;
  const char *zTrim = domain_trim(p->zText, &n);
  const char *zText = arena_strndup(&a, zTrim, n);
  rc = db_exec(db,
               "UPDATE activity SET status='done', on_date=$1, minutes=$2, text=$3,"
               " closed_by=$4, closed_at=$5 WHERE id=$6 AND agency_id=$7 AND status='planned'",
               "tititii", zOn, (int64_t)p->nMinutes, zText, iBy, zNow, id, iAgency);
  arena_free(&a);
  return rc;
}

int agenda_cancel(Db *db, int64_t iAgency, int64_t iCase, int64_t id, const char *zReason,
                  int64_t iBy, const char *zNow, Errors *pErr) {
  char zPlanned[11], zN[21];
  if (!zNow) {
    timestamp_now(zN);
    zNow = zN;
  }
  int rc = agenda_planned_of(db, iAgency, iCase, id, zPlanned, pErr);
  if (rc) return rc;
  int nErr = pErr->n;
  intake_check_text(pErr, "reason", zReason, AGENDA_REASON_MAX, 1);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  Arena a = {0};
  size_t n;
  const char *zTrim = domain_trim(zReason, &n);
  const char *z = arena_strndup(&a, zTrim, n);
  rc = db_exec(db,
               "UPDATE activity SET status='cancelled', cancel_reason=$1, closed_by=$2,"
               " closed_at=$3 WHERE id=$4 AND agency_id=$5 AND status='planned'",
               "titii", z, iBy, zNow, id, iAgency);
  arena_free(&a);
  return rc;
}

/* ---- lists ---- */

/* The rows of q (REGISTER_SELECT) into *pa, *pn of them, at most
** AGENDA_LIST_MAX, with their members and workers; only those iUser with
** relation eRel may see (agenda_visible) unless iUser is negative. */
static int agenda_rows(Db *db, DbStmt *q, Arena *a, Relation eRel, int64_t iUser, Activity **pa,
                       int *pn) {
  int nAlloc = 0, rc;
  Activity *aRow = NULL;
  *pn = 0;
  while (*pn < AGENDA_LIST_MAX && (rc = db_step(q)) == DB_ROW) {
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      Activity *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (*pn) memcpy(aNew, aRow, (size_t)*pn * sizeof *aNew);
      aRow = aNew;
    }
    register_row(q, a, &aRow[*pn]);
    (*pn)++;
  }
  if (*pn == AGENDA_LIST_MAX) rc = DB_DONE;
  db_done(q);
  *pa = aRow;
  if (rc < 0) return rc;
  /* the people after the statement is done (one statement at a time) */
  int n = 0;
  for (int i = 0; i < *pn; i++) {
    rc = register_people(db, a, &aRow[i]);
    if (rc) return rc;
    if (iUser < 0 || agenda_visible(eRel, iUser, &aRow[i])) aRow[n++] = aRow[i];
  }
  *pn = n;
  return 0;
}

int agenda_list(Db *db, Arena *a, int64_t iAgency, int64_t iCase, ActivityStatus eStatus,
                Relation eRel, int64_t iUser, const ActivityFilter *f, Activity **pa, int *pn) {
  assert(eStatus == ACT_PLANNED || eStatus == ACT_CANCELLED);
  int eKind = f ? f->eKind : -1;
  const char *zKind = eKind >= 0 ? register_kind_code((ActivityKind)eKind) : NULL;
  DbStmt *q =
      db_query(db,
               eStatus == ACT_PLANNED ? REGISTER_SELECT
                   " WHERE a.agency_id=$1 AND a.case_id=$2 AND a.status='planned'"
                   " AND ($3='' OR a.kind=$3) AND ($4=0 OR EXISTS (SELECT 1 FROM activity_member m"
                   " WHERE m.activity_id=a.id AND m.person_id=$4))"
                   " ORDER BY a.on_date, coalesce(a.planned_time, ''), a.id"
                                      : REGISTER_SELECT
                   " WHERE a.agency_id=$1 AND a.case_id=$2 AND a.status='cancelled'"
                   " AND ($3='' OR a.kind=$3) AND ($4=0 OR EXISTS (SELECT 1 FROM activity_member m"
                   " WHERE m.activity_id=a.id AND m.person_id=$4))"
                   " ORDER BY a.closed_at DESC, a.id DESC",
               "iiti", iAgency, iCase, zKind ? zKind : "", f ? f->iMember : 0);
  return agenda_rows(db, q, a, eRel, iUser, pa, pn);
}

/* The participant of case iCase into *p and the relation of pUser to
** the case; REL_NONE when it cannot be read. */
static Relation agenda_case_of(Db *db, Arena *a, const User *pUser, int64_t iCase, AgendaItem *p) {
  Case c;
  if (intake_case_get(db, a, pUser->iAgency, iCase, &c)) return REL_NONE;
  p->zFirstName = c.zFirstName;
  p->zLastName = c.zLastName;
  return intake_case_relation(db, pUser, &c);
}

int agenda_of_user(Db *db, Arena *a, const User *pUser, const char *zToday, AgendaItem **pa,
                   int *pn) {
  char zT[11];
  if (!zToday) {
    date_today(zT);
    zToday = zT;
  }
  DbStmt *q = db_query(db,
                       REGISTER_SELECT
                       " WHERE a.agency_id=$1 AND a.status='planned' AND a.on_date<=$3"
                       " AND (a.author_id=$2 OR EXISTS (SELECT 1 FROM activity_worker w"
                       " WHERE w.activity_id=a.id AND w.user_id=$2))"
                       " ORDER BY a.on_date, coalesce(a.planned_time, ''), a.id",
                       "iit", pUser->iAgency, pUser->id, zToday);
  Activity *aX;
  int nX;
  int rc = agenda_rows(db, q, a, REL_NONE, -1, &aX, &nX);
  if (rc) return rc;
  AgendaItem *aItem = arena_alloc(a, (size_t)(nX + 1) * sizeof *aItem);
  int n = 0;
  for (int i = 0; i < nX; i++) {
    AgendaItem *p = &aItem[n];
    memset(p, 0, sizeof *p);
    p->x = aX[i];
    if (!agenda_visible(agenda_case_of(db, a, pUser, aX[i].iCase, p), pUser->id, &aX[i])) continue;
    p->bOverdue = strcmp(aX[i].zOn, zToday) < 0;
    n++;
  }
  *pa = aItem;
  *pn = n;
  return 0;
}

int agenda_case_workers(Db *db, Arena *a, int64_t iAgency, const Case *pCase, User **pa, int *pn) {
  const unsigned mWork =
      ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER | ROLE_OPERATOR | ROLE_MANAGER;
  User *aU;
  int n, rc = user_list(db, a, iAgency, &aU, &n);
  if (rc) return rc;
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (!aU[i].bActive || !(aU[i].mRoles & mWork)) continue;
    if (register_can_write(intake_case_relation(db, &aU[i], pCase))) aU[k++] = aU[i];
  }
  *pa = aU;
  *pn = k;
  return 0;
}
