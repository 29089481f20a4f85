/*
** delivery.c — the lifecycle of an intervention (see delivery.h): the
** state machine as a table, iv_transition() that checks the record (an
** agreed project, a case not closed), the date and the reason, appends a
** row of intervention_event and moves intervention.status with its
** dates; iv_events() reads the history back; delivery_can_record() is
** the record-level rule of who acts on an intervention.
**
** Dates: a transition is dated on or after the previous one (the last
** event, or the start) and not in the future, except that a suspension
** or a cancellation may be recorded ahead of its date (a planned pause,
** a cancellation agreed before the start).
*/
#include "delivery.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "access.h"
#include "intake.h"

static const char *const delivery_azAction[IV_ACTION_COUNT] = {
    "start", "suspend", "resume", "complete", "interrupt", "cancel",
};

/* For each action: the statuses it leaves from (space separated, with
** a space at both ends) and the status it leads to. */
static const struct {
  const char *zFrom, *zTo;
} delivery_aMove[IV_ACTION_COUNT] = {
    {" planned ", "active"},
    {" active ", "suspended"},
    {" suspended ", "active"},
    {" active suspended ", "completed"},
    {" active suspended ", "interrupted"},
    {" planned suspended ", "cancelled"},
};

int iv_action_from_code(const char *z) {
  for (int i = 0; z && i < IV_ACTION_COUNT; i++) {
    if (strcmp(z, delivery_azAction[i]) == 0) return i;
  }
  return -1;
}

const char *iv_action_code(IvAction e) {
  return (unsigned)e < IV_ACTION_COUNT ? delivery_azAction[e] : NULL;
}

const char *iv_next_status(const char *zStatus, IvAction e) {
  if ((unsigned)e >= IV_ACTION_COUNT || !zStatus || !*zStatus || strchr(zStatus, ' ')) return NULL;
  const char *zFrom = delivery_aMove[e].zFrom;
  size_t n = strlen(zStatus);
  for (const char *p = strstr(zFrom, zStatus); p; p = strstr(p + 1, zStatus)) {
    if (p[-1] == ' ' && p[n] == ' ') return delivery_aMove[e].zTo;
  }
  return NULL;
}

const char *iv_action_label(IvAction e) {
  static const char *const az[IV_ACTION_COUNT] = {
      N_("Start"), N_("Suspend"), N_("Resume"), N_("Complete"), N_("Interrupt"), N_("Cancel"),
  };
  return (unsigned)e < IV_ACTION_COUNT ? az[e] : NULL;
}

const char *iv_status_label(const char *zStatus) {
  static const char *const az[][2] = {
      {"planned", N_("planned")},         {"active", N_("active")},
      {"suspended", N_("suspended")},     {"completed", N_("completed")},
      {"interrupted", N_("interrupted")}, {"cancelled", N_("cancelled")},
  };
  for (size_t i = 0; zStatus && i < sizeof az / sizeof *az; i++) {
    if (strcmp(zStatus, az[i][0]) == 0) return az[i][1];
  }
  return zStatus;
}

int iv_action_needs_reason(IvAction e) {
  return e == IV_SUSPEND || e == IV_INTERRUPT || e == IV_CANCEL;
}

/* What a transition needs to know of its intervention. */
typedef struct IvCtx {
  char zStatus[16];
  char zLast[11];     /* date of the last event or the start; "" none */
  int bAgreed, bClosed;
  int64_t iCase;
} IvCtx;

static int delivery_ctx(Db *db, int64_t iAgency, int64_t iIntervention, IvCtx *p) {
  DbStmt *q = db_query(db,
                       "SELECT i.status, j.state, c.closed_at, c.id,"
                       " (SELECT max(e.on_date) FROM intervention_event e"
                       "  WHERE e.intervention_id=i.id), i.started_on"
                       " FROM intervention i JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id"
                       " WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    snprintf(p->zStatus, sizeof p->zStatus, "%s", db_col_text(q, 0));
    p->bAgreed = strcmp(db_col_text(q, 1), "agreed") == 0;
    p->bClosed = !db_col_null(q, 2);
    p->iCase = db_col_int(q, 3);
    const char *zLast = db_col_text(q, 4);
    if (!zLast) zLast = db_col_text(q, 5);
    if (zLast) snprintf(p->zLast, sizeof p->zLast, "%.10s", zLast);
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Check the date of a transition (zOn already defaulted to today). */
static void delivery_check_date(const IvCtx *c, IvAction e, const char *zOn, Errors *pErr) {
  char zToday[11];
  date_today(zToday);
  if (!date_valid(zOn)) {
    errors_add(pErr, "on", N_("not a valid date (YYYY-MM-DD)"));
  } else if (e != IV_SUSPEND && e != IV_CANCEL && strcmp(zOn, zToday) > 0) {
    errors_add(pErr, "on", N_("cannot be in the future"));
  } else if (c->zLast[0] && strcmp(zOn, c->zLast) < 0) {
    errors_add(pErr, "on", N_("cannot be before the previous change of status"));
  }
}

/* Check the reason: required (10..500 characters) when the action needs
** one, else optional (at most 500). */
static void delivery_check_reason(IvAction e, const char *zReason, Errors *pErr) {
  int bNeed = iv_action_needs_reason(e);
  intake_check_text(pErr, "reason", zReason, 500, bNeed);
  if (!bNeed || errors_get(pErr, "reason")) return;
  size_t n;
  const char *z = domain_trim(zReason, &n);
  if (intake_multiline_len(z, n) < 10) {
    errors_add(pErr, "reason", N_("explain the reason in at least 10 characters"));
  }
}

/* Why the record forbids any transition, or NULL. */
static const char *delivery_obstacle(const IvCtx *c) {
  if (c->bClosed) return N_("the case is closed");
  if (!c->bAgreed) return N_("the project has not been agreed");
  return NULL;
}

/* Keep case_operator in step (as project.c does): an operator reaches
** the members they serve by interventions not cancelled. */
static int delivery_sync_operators(Db *db, int64_t iCase) {
  int rc = db_exec(db, "DELETE FROM case_operator WHERE case_id=$1", "i", iCase);
  if (rc) return rc;
  return db_exec(db,
                 "INSERT INTO case_operator(case_id, user_id, person_id)"
                 " SELECT DISTINCT j.case_id, i.operator_id, i.person_id"
                 " FROM intervention i JOIN project j ON j.id=i.project_id"
                 " WHERE j.case_id=$1 AND i.operator_id IS NOT NULL AND i.status<>'cancelled'",
                 "i", iCase);
}

/* Write the transition: the event row and the intervention's columns. */
static int delivery_write(Db *db, int64_t iIntervention, const IvCtx *c, IvAction e,
                          const char *zTo, const char *zOn, const char *zReason, int64_t iBy) {
  char zNow[21];
  timestamp_now(zNow);
  int rc = db_exec(db,
                   "INSERT INTO intervention_event(intervention_id, on_date, from_status,"
                   " to_status, reason, user_id, created_at) VALUES ($1,$2,$3,$4,$5,NULLIF($6,0),$7)",
                   "ittttit", iIntervention, zOn, c->zStatus, zTo, zReason, iBy, zNow);
  int bEnd = e == IV_COMPLETE || e == IV_INTERRUPT || e == IV_CANCEL;
  if (!rc) {
    rc = db_exec(db,
                 "UPDATE intervention SET status=$1,"
                 " started_on=CASE WHEN $2=1 AND started_on IS NULL THEN $3 ELSE started_on END,"
                 " ended_on=CASE WHEN $4=1 THEN $3 ELSE ended_on END,"
                 " status_reason=COALESCE($5, status_reason),"
                 " updated_at=$6 WHERE id=$7",
                 "tititti", zTo, (int64_t)(e == IV_START), zOn, (int64_t)bEnd, zReason, zNow,
                 iIntervention);
  }
  if (!rc && e == IV_CANCEL) rc = delivery_sync_operators(db, c->iCase);
  return rc;
}

int iv_transition(Db *db, int64_t iAgency, int64_t iIntervention, IvAction e, const char *zOn,
                  const char *zReason, int64_t iBy, Errors *pErr) {
  if ((unsigned)e >= IV_ACTION_COUNT) {
    errors_add(pErr, "action", N_("unknown action"));
    return DOMAIN_INVALID;
  }
  IvCtx c;
  int rc = delivery_ctx(db, iAgency, iIntervention, &c);
  if (rc) return rc;
  const char *zWhy = delivery_obstacle(&c);
  const char *zTo = iv_next_status(c.zStatus, e);
  if (!zWhy && !zTo) zWhy = N_("this change is not possible from the present status");
  if (zWhy) {
    errors_add(pErr, "status", zWhy);
    return DOMAIN_CONFLICT;
  }
  char zToday[11];
  date_today(zToday);
  if (domain_blank(zOn)) zOn = zToday;
  int nErr = pErr->n;
  delivery_check_date(&c, e, zOn, pErr);
  delivery_check_reason(e, zReason, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  char zTrim[2048];
  const char *zR = NULL;
  if (!domain_blank(zReason)) {
    size_t n;
    const char *z = domain_trim(zReason, &n);
    snprintf(zTrim, sizeof zTrim, "%.*s", (int)n, z);
    zR = zTrim;
  }
  return delivery_write(db, iIntervention, &c, e, zTo, zOn, zR, iBy);
}

int iv_events(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, IvEvent **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT e.on_date, e.from_status, e.to_status, e.reason, u.full_name,"
                       " e.created_at FROM intervention_event e"
                       " JOIN intervention i ON i.id=e.intervention_id"
                       " LEFT JOIN app_user u ON u.id=e.user_id"
                       " WHERE e.intervention_id=$1 AND i.agency_id=$2 ORDER BY e.id",
                       "ii", iIntervention, iAgency);
  int n = 0, nAlloc = 0, rc;
  IvEvent *aEv = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      IvEvent *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aEv, sizeof *aNew * (size_t)n);
      aEv = aNew;
    }
    IvEvent *p = &aEv[n++];
    p->zOn = arena_strndup(a, db_col_text(q, 0), 10);
    p->zFrom = arena_strdup(a, db_col_text(q, 1));
    p->zTo = arena_strdup(a, db_col_text(q, 2));
    p->zReason = arena_strdup(a, db_col_text(q, 3));
    p->zBy = arena_strdup(a, db_col_text(q, 4));
    p->zAt = arena_strdup(a, db_col_text(q, 5));
  }
  db_done(q);
  *pa = aEv;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* One intervention, and who acts on it                                */
/* ------------------------------------------------------------------ */

/* An arena copy of column i of q (NULL stays NULL). */
static const char *delivery_col(DbStmt *q, Arena *a, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

static void delivery_from_row(DbStmt *q, Arena *a, int iLang, IvRecord *p) {
  intervention_from_row(q, a, iLang, &p->iv);
  p->iProject = db_col_int(q, 20);
  p->iCase = db_col_int(q, 21);
  p->iCasePerson = db_col_int(q, 22);
  p->bAgreed = strcmp(db_col_text(q, 23), "agreed") == 0;
  p->zClosedAt = delivery_col(q, a, 24);
  p->zStartedOn = delivery_col(q, a, 25);
  p->zEndedOn = delivery_col(q, a, 26);
  p->zStatusReason = delivery_col(q, a, 27);
  p->zSchool = delivery_col(q, a, 28);
  p->iWeeklyHours = db_col_null(q, 29) ? -1 : (int)db_col_int(q, 29);
  p->iCoopTutor = db_col_int(q, 30);
}

int iv_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, IvRecord *p) {
  DbStmt *q = db_query(db,
                       "SELECT " INTERVENTION_COLUMNS ","
                       " j.id, c.id, c.person_id, j.state, c.closed_at,"
                       " i.started_on, i.ended_on, i.status_reason, i.school, i.weekly_hours,"
                       " pl.coop_tutor_id"
                       " FROM " INTERVENTION_FROM
                       " JOIN project j ON j.id=i.project_id JOIN case_file c ON c.id=j.case_id"
                       " LEFT JOIN placement pl ON pl.intervention_id=i.id"
                       " WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    delivery_from_row(q, a, iLang, p);
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

unsigned delivery_can_record(Db *db, const User *pUser, const IvRecord *p, Relation *peRel) {
  Relation eRel = access_person(db, pUser, p->iCasePerson);
  if (peRel) *peRel = eRel;
  if (pUser->iAgency != db_int(db, 0, "SELECT agency_id FROM intervention WHERE id=$1", "i",
                               p->iv.id)) {
    return 0;
  }
  int bDeliver = pUser->id && (pUser->id == p->iv.iOperator || pUser->id == p->iCoopTutor);
  unsigned m = 0;
  if (intake_can_read(eRel) || bDeliver) m |= DELIVERY_READ;
  if (intake_can_plan(eRel)) m |= DELIVERY_READ | DELIVERY_RECORD | DELIVERY_PLAN;
  if (bDeliver) m |= DELIVERY_RECORD;
  return m;
}
