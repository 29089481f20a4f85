/*
** iv_session.c — sessions of an intervention with their (possibly
** restricted) notes, the time delivered against planned, the home
** educational service's school and weekly hours, and the status of a
** referral to a specialised service (see iv_session.h).
*/
#include "iv_session.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "intake.h"

int iv_session_restricted(Db *db, int64_t iAgency, int64_t iIntervention) {
  return db_int(db, 0,
                "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
                " WHERE i.id=$1 AND i.agency_id=$2 AND s.kind='psych_support'",
                "ii", iIntervention, iAgency) > 0;
}

/* What a session needs of its intervention. */
typedef struct SesCtx {
  char zStatus[16], zStarted[11], zEnded[11];
  int bClosed;
} SesCtx;

static int ses_ctx(Db *db, int64_t iAgency, int64_t iIntervention, SesCtx *p) {
  DbStmt *q = db_query(db,
                       "SELECT i.status, i.started_on, i.ended_on, c.closed_at"
                       " FROM intervention i JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    snprintf(p->zStatus, sizeof p->zStatus, "%s", db_col_text(q, 0));
    if (db_col_text(q, 1)) snprintf(p->zStarted, sizeof p->zStarted, "%.10s", db_col_text(q, 1));
    if (db_col_text(q, 2)) snprintf(p->zEnded, sizeof p->zEnded, "%.10s", db_col_text(q, 2));
    p->bClosed = !db_col_null(q, 3);
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

static void ses_check(const SesCtx *c, const IvSession *p, Errors *pErr) {
  intake_check_date(pErr, "on_date", p->zOn, 1);
  if (!errors_get(pErr, "on_date")) {
    if (c->zStarted[0] && strcmp(p->zOn, c->zStarted) < 0) {
      errors_add(pErr, "on_date", N_("before the intervention started"));
    } else if (c->zEnded[0] && strcmp(p->zOn, c->zEnded) > 0) {
      errors_add(pErr, "on_date", N_("after the intervention ended"));
    }
  }
  if (p->iMinutes < 1 || p->iMinutes > 1440) {
    errors_add(pErr, "minutes", N_("a time from 1 minute to 24 hours"));
  }
  intake_check_text(pErr, "note", p->zNote, 4000, 0);
}

int iv_session_add(Db *db, int64_t iAgency, int64_t iIntervention, IvSession *p, int64_t iBy,
                   Errors *pErr) {
  SesCtx c;
  int rc = ses_ctx(db, iAgency, iIntervention, &c);
  if (rc) return rc;
  if (c.bClosed || !c.zStarted[0] || strcmp(c.zStatus, "cancelled") == 0) {
    errors_add(pErr, "status", c.bClosed ? N_("the case is closed")
                                         : N_("the intervention has not started"));
    return DOMAIN_CONFLICT;
  }
  int nErr = pErr->n;
  ses_check(&c, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  Arena a = ARENA_INIT;
  char zNow[21];
  timestamp_now(zNow);
  size_t n = 0;
  const char *zNote = domain_blank(p->zNote) ? NULL : domain_trim(p->zNote, &n);
  DbStmt *q = db_query(db,
                       "INSERT INTO intervention_session(intervention_id, on_date, minutes, note,"
                       " recorded_by, created_at) VALUES ($1,$2,$3,$4,NULLIF($5,0),$6) RETURNING id",
                       "ititit", iIntervention, p->zOn, (int64_t)p->iMinutes,
                       zNote ? arena_strndup(&a, zNote, n) : NULL, iBy, zNow);
  rc = db_step(q);
  if (rc == DB_ROW) p->id = db_col_int(q, 0);
  db_done(q);
  arena_free(&a);
  return rc < 0 ? rc : 0;
}

int iv_sessions(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, int bNotes,
                IvSession **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT t.id, t.on_date, t.minutes, t.note, u.full_name, t.created_at"
                       " FROM intervention_session t JOIN intervention i ON i.id=t.intervention_id"
                       " LEFT JOIN app_user u ON u.id=t.recorded_by"
                       " WHERE t.intervention_id=$1 AND i.agency_id=$2"
                       " ORDER BY t.on_date DESC, t.id DESC",
                       "ii", iIntervention, iAgency);
  int n = 0, nAlloc = 0, rc;
  IvSession *aS = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      IvSession *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aS, sizeof *aNew * (size_t)n);
      aS = aNew;
    }
    IvSession *p = &aS[n++];
    p->id = db_col_int(q, 0);
    p->zOn = arena_strdup(a, db_col_text(q, 1));
    p->iMinutes = (int)db_col_int(q, 2);
    p->zNote = bNotes ? arena_strdup(a, db_col_text(q, 3)) : NULL;
    p->zBy = arena_strdup(a, db_col_text(q, 4));
    p->zCreatedAt = arena_strdup(a, db_col_text(q, 5));
  }
  db_done(q);
  *pa = aS;
  *pn = n;
  return rc < 0 ? rc : 0;
}

int iv_delivered(Db *db, int64_t iAgency, int64_t iIntervention, IvDelivered *p) {
  DbStmt *q = db_query(db,
                       "SELECT (SELECT coalesce(sum(minutes),0) FROM intervention_session"
                       "  WHERE intervention_id=i.id),"
                       " (SELECT count(*) FROM intervention_session WHERE intervention_id=i.id),"
                       " (SELECT coalesce(sum(minutes),0) FROM placement_attendance"
                       "  WHERE intervention_id=i.id AND present=1),"
                       " (SELECT count(*) FROM placement_attendance"
                       "  WHERE intervention_id=i.id AND present=1)"
                       " FROM intervention i WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  memset(p, 0, sizeof *p);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    p->nMinutes = db_col_int(q, 0) + db_col_int(q, 2);
    p->nSessions = (int)(db_col_int(q, 1) + db_col_int(q, 3));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int iv_set_school(Db *db, int64_t iAgency, int64_t iIntervention, const char *zSchool,
                  int iWeeklyHours, Errors *pErr) {
  DbStmt *q = db_query(db,
                       "SELECT s.kind, c.closed_at FROM intervention i"
                       " JOIN service s ON s.id=i.service_id JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  int rc = db_step(q), bHome = 0, bClosed = 0;
  if (rc == DB_ROW) {
    bHome = strcmp(db_col_text(q, 0), "home_education") == 0;
    bClosed = !db_col_null(q, 1);
  }
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  if (!bHome || bClosed) {
    errors_add(pErr, bHome ? "status" : "service",
               bHome ? N_("the case is closed") : N_("only a home educational service has a school"));
    return DOMAIN_CONFLICT;
  }
  int nErr = pErr->n;
  domain_check_text(pErr, "school", zSchool, 200, 0);
  if (iWeeklyHours < -1 || iWeeklyHours > 40) {
    errors_add(pErr, "weekly_hours", N_("a number from 0 to 40, or empty"));
  }
  if (pErr->n > nErr) return DOMAIN_INVALID;
  char zNow[21];
  timestamp_now(zNow);
  q = db_prepare(db, "UPDATE intervention SET school=$1, weekly_hours=$2, updated_at=$3 WHERE id=$4");
  db_bind_text(q, 1, domain_blank(zSchool) ? NULL : zSchool);
  if (iWeeklyHours < 0) db_bind_null(q, 2);
  else db_bind_int(q, 2, iWeeklyHours);
  db_bind_text(q, 3, zNow);
  db_bind_int(q, 4, iIntervention);
  rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* Referrals                                                           */
/* ------------------------------------------------------------------ */

/* The moves of a referral: from, then the statuses it may go to. */
static const char *const ses_aaReferral[][3] = {
    {"sent", "accepted", "declined"},
    {"accepted", "closed", NULL},
    {"declined", "closed", NULL},
};

const char *referral_next(const char *zFrom, int i) {
  for (size_t k = 0; zFrom && i >= 0 && i < 2 && k < sizeof ses_aaReferral / sizeof *ses_aaReferral;
       k++) {
    if (strcmp(zFrom, ses_aaReferral[k][0]) == 0) return ses_aaReferral[k][1 + i];
  }
  return NULL;
}

int referral_set_status(Db *db, int64_t iAgency, int64_t iCase, int64_t iReferral,
                        const char *zStatus, const char **pzFrom, Errors *pErr) {
  static const char *const azAll[] = {"sent", "accepted", "declined", "closed"};
  Arena a = ARENA_INIT;
  char *zFrom = db_text(db, &a,
                        "SELECT status FROM referral WHERE id=$1 AND case_id=$2 AND agency_id=$3",
                        "iii", iReferral, iCase, iAgency);
  int rc = 0;
  if (!zFrom) rc = DOMAIN_NOT_FOUND;
  for (int i = 0; !rc && pzFrom && i < 4; i++) {
    if (strcmp(zFrom, azAll[i]) == 0) *pzFrom = azAll[i];
  }
  int bKnown = 0;
  for (int i = 0; zStatus && i < 4; i++) bKnown |= strcmp(zStatus, azAll[i]) == 0;
  if (!rc && !bKnown) {
    errors_add(pErr, "status", N_("must be one of accepted, declined, closed"));
    rc = DOMAIN_INVALID;
  }
  if (!rc) {
    const char *z0 = referral_next(zFrom, 0), *z1 = referral_next(zFrom, 1);
    if (!(z0 && strcmp(z0, zStatus) == 0) && !(z1 && strcmp(z1, zStatus) == 0)) {
      errors_add(pErr, "status", N_("this change is not possible from the present status"));
      rc = DOMAIN_CONFLICT;
    }
  }
  if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    rc = db_exec(db, "UPDATE referral SET status=$1, updated_at=$2 WHERE id=$3", "tti", zStatus,
                 zNow, iReferral);
  }
  arena_free(&a);
  return rc;
}
