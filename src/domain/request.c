/*
** request.c — requests and quick answers (request.h): kinds and targets,
** raise -> acknowledge -> resolve, due instants and overdue flags in
** working days (src/lib/workdays.h), and the response times per worker
** and per kind (median and 90th percentile, in working days).
*/
#include "request.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/mem.h"
#include "../lib/workdays.h"
#include "intake.h"

static const char *const azKind[REQ_KIND_COUNT] = {"rent",   "documents", "school",
                                                   "health", "emergency", "other"};
static const char *const azKindLabel[REQ_KIND_COUNT] = {
    N_("Rent"), N_("Documents"), N_("School"), N_("Health"), N_("Emergency"), N_("Other")};
static const char *const azStatus[] = {"raised", "acknowledged", "resolved"};
static const char *const azStatusLabel[] = {N_("Raised"), N_("Acknowledged"), N_("Resolved")};

const char *request_kind_code(RequestKind e) {
  return (unsigned)e < REQ_KIND_COUNT ? azKind[e] : NULL;
}
const char *request_kind_label(RequestKind e) {
  return (unsigned)e < REQ_KIND_COUNT ? azKindLabel[e] : NULL;
}
int request_kind_from_code(const char *z) {
  for (int i = 0; z && i < REQ_KIND_COUNT; i++) {
    if (strcmp(z, azKind[i]) == 0) return i;
  }
  return -1;
}
const char *request_status_code(RequestStatus e) {
  return (unsigned)e <= REQ_RESOLVED ? azStatus[e] : NULL;
}
const char *request_status_label(RequestStatus e) {
  return (unsigned)e <= REQ_RESOLVED ? azStatusLabel[e] : NULL;
}

/* ---- targets ---- */

RequestTarget request_target_default(RequestKind e) {
  /* in RequestKind order: rent, documents, school, health, emergency, other */
  static const int aaDays[REQ_KIND_COUNT][2] = {{2, 10}, {2, 15}, {2, 10},
                                                {1, 5},  {0, 1},  {3, 20}};
  RequestTarget t = {e, 3, 20};
  if ((unsigned)e < REQ_KIND_COUNT) {
    t.nAckDays = aaDays[e][0];
    t.nResolveDays = aaDays[e][1];
  }
  return t;
}

int request_targets(Db *db, int64_t iAgency, RequestTarget a[REQ_KIND_COUNT]) {
  for (int i = 0; i < REQ_KIND_COUNT; i++) a[i] = request_target_default((RequestKind)i);
  DbStmt *q = db_query(db,
                       "SELECT kind, ack_working_days, resolve_working_days"
                       " FROM request_kind_target WHERE agency_id=$1",
                       "i", iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int e = request_kind_from_code(db_col_text(q, 0));
    if (e < 0) continue;
    a[e].nAckDays = (int)db_col_int(q, 1);
    a[e].nResolveDays = (int)db_col_int(q, 2);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int request_target_set(Db *db, int64_t iAgency, RequestKind e, int nAck, int nResolve,
                       Errors *pErr) {
  if ((unsigned)e >= REQ_KIND_COUNT) {
    errors_add(pErr, "kind", N_("not one of the choices"));
    return DOMAIN_INVALID;
  }
  if (nAck < 0 || nAck > REQUEST_ACK_DAYS_MAX) {
    errors_add(pErr, "ack_days", N_("must be between 0 and 60 working days"));
  }
  if (nResolve < nAck || nResolve > REQUEST_RESOLVE_DAYS_MAX) {
    errors_add(pErr, "resolve_days",
               N_("must be at least the days to acknowledge and at most 250 working days"));
  }
  if (errors_get(pErr, "ack_days") || errors_get(pErr, "resolve_days")) return DOMAIN_INVALID;
  int rc = db_exec(db, "DELETE FROM request_kind_target WHERE agency_id=$1 AND kind=$2", "it",
                   iAgency, azKind[e]);
  if (rc) return rc;
  return db_exec(db,
                 "INSERT INTO request_kind_target (agency_id, kind, ack_working_days,"
                 " resolve_working_days) VALUES ($1,$2,$3,$4)",
                 "itii", iAgency, azKind[e], (int64_t)nAck, (int64_t)nResolve);
}

/* ---- the lifecycle ---- */

/* The default assignee of a case: its case manager, else its social
** worker; 0 when it has neither. */
static int64_t request_default_assignee(const Case *c) {
  return c->iCaseManager ? c->iCaseManager : c->iSocialWorker;
}

/* 1 when iUser may be assigned a request of case c: an active account of
** the agency working on the case, or one of its managers. */
static int request_assignable(Db *db, int64_t iAgency, const Case *c, int64_t iUser) {
  if (!iUser) return 0;
  if (db_int(db, 0, "SELECT count(*) FROM app_user WHERE id=$1 AND agency_id=$2 AND active=1",
             "ii", iUser, iAgency) != 1) {
    return 0;
  }
  if (iUser == c->iSocialWorker || iUser == c->iPsychotherapist || iUser == c->iCaseManager) {
    return 1;
  }
  if (db_int(db, 0, "SELECT count(*) FROM case_operator WHERE case_id=$1 AND user_id=$2", "ii",
             c->id, iUser) > 0) {
    return 1;
  }
  return intake_user_has_role(db, iAgency, iUser, "manager", 0);
}

/* Check a request's fields; sets *piAssignee to the assignee. */
static void request_check(Db *db, int64_t iAgency, const Case *c, const RequestInput *p,
                          int64_t *piAssignee, Errors *pErr) {
  if (domain_blank(p->zKind)) {
    errors_add(pErr, "kind", N_("required"));
  } else if (request_kind_from_code(p->zKind) < 0) {
    errors_add(pErr, "kind", N_("not one of the choices"));
  }
  intake_check_text(pErr, "text", p->zText, REQUEST_TEXT_MAX, 1);
  *piAssignee = p->iAssignee ? p->iAssignee : request_default_assignee(c);
  if (!*piAssignee) {
    errors_add(pErr, "assignee", N_("the case has no case manager or social worker: choose one"));
  } else if (!request_assignable(db, iAgency, c, *piAssignee)) {
    errors_add(pErr, "assignee", N_("does not work on this case"));
  }
}

/* zNow, or the current instant written into zBuf. */
static const char *request_now(const char *zNow, char zBuf[21]) {
  if (zNow) return zNow;
  timestamp_now(zBuf);
  return zBuf;
}

int request_raise(Db *db, int64_t iAgency, int64_t iCase, const RequestInput *p, int64_t iBy,
                  const char *zNow, int64_t *piId, Errors *pErr) {
  Arena a = {0};
  Case c;
  int64_t iAssignee = 0;
  int rc = intake_case_get(db, &a, iAgency, iCase, &c);
  if (rc == 0 && c.zClosedAt) {
    errors_add(pErr, "case", N_("the case is closed"));
    rc = DOMAIN_CONFLICT;
  }
  if (rc == 0) {
    int nErr = pErr->n;
    request_check(db, iAgency, &c, p, &iAssignee, pErr);
    if (pErr->n > nErr) rc = DOMAIN_INVALID;
  }
  if (rc == 0) {
    char zBuf[21];
    size_t n;
    const char *zText = domain_trim(p->zText, &n);
    int64_t iId = db_int(db, 0,
                         "INSERT INTO request (agency_id, case_id, kind, raised_by_participant,"
                         " raised_by, assignee_id, text, raised_at) VALUES"
                         " ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
                         "iitiiitt", iAgency, iCase, p->zKind, (int64_t)(p->bByParticipant != 0),
                         iBy, iAssignee, arena_strndup(&a, zText, n), request_now(zNow, zBuf));
    rc = iId > 0 ? 0 : DB_ERROR;
    if (rc == 0 && piId) *piId = iId;
  }
  arena_free(&a);
  return rc;
}

/* The status of request id through *pe.  0, DOMAIN_NOT_FOUND or a db.h code. */
static int request_status_of(Db *db, int64_t iAgency, int64_t id, RequestStatus *pe) {
  DbStmt *q = db_query(db,
                       "SELECT CASE WHEN acknowledged_at IS NULL THEN 0 ELSE 1 END,"
                       " CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END FROM request"
                       " WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *pe = db_col_int(q, 1) ? REQ_RESOLVED : db_col_int(q, 0) ? REQ_ACKNOWLEDGED : REQ_RAISED;
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int request_acknowledge(Db *db, int64_t iAgency, int64_t id, int64_t iBy, const char *zNow,
                        Errors *pErr) {
  RequestStatus e;
  int rc = request_status_of(db, iAgency, id, &e);
  if (rc) return rc;
  if (e != REQ_RAISED) {
    errors_add(pErr, "status", e == REQ_RESOLVED ? N_("the request is already resolved")
                                                 : N_("the request is already acknowledged"));
    return DOMAIN_CONFLICT;
  }
  char zBuf[21];
  return db_exec(db,
                 "UPDATE request SET acknowledged_at=$1, acknowledged_by=$2"
                 " WHERE id=$3 AND agency_id=$4",
                 "tiii", request_now(zNow, zBuf), iBy, id, iAgency);
}

int request_resolve(Db *db, int64_t iAgency, int64_t id, int64_t iBy, const char *zResolution,
                    const char *zNow, Errors *pErr) {
  RequestStatus e;
  int rc = request_status_of(db, iAgency, id, &e);
  if (rc) return rc;
  if (e != REQ_ACKNOWLEDGED) {
    errors_add(pErr, "status", e == REQ_RESOLVED ? N_("the request is already resolved")
                                                 : N_("acknowledge the request first"));
    return DOMAIN_CONFLICT;
  }
  intake_check_text(pErr, "resolution", zResolution, REQUEST_RESOLUTION_MAX, 1);
  if (errors_get(pErr, "resolution")) return DOMAIN_INVALID;
  char zBuf[21];
  size_t n;
  const char *z = domain_trim(zResolution, &n);
  Arena a = {0};
  rc = db_exec(db,
               "UPDATE request SET resolved_at=$1, resolved_by=$2, resolution=$3"
               " WHERE id=$4 AND agency_id=$5",
               "titii", request_now(zNow, zBuf), iBy, arena_strndup(&a, z, n), id, iAgency);
  arena_free(&a);
  return rc;
}

/* ---- reading ---- */

int request_is_overdue(const Request *p, const char *zNow) {
  char zBuf[21];
  const char *z = request_now(zNow, zBuf);
  if (!p->zAckAt && p->zAckDue[0] && strcmp(z, p->zAckDue) > 0) return 1;
  return !p->zResolvedAt && p->zResolveDue[0] && strcmp(z, p->zResolveDue) > 0;
}

int request_can_answer(const User *pUser, Relation eRel, const Request *p) {
  return pUser->id == p->iAssignee || eRel == REL_HOLDER || eRel == REL_MANAGER;
}

#define REQUEST_SELECT                                                                      \
  "SELECT r.id, r.case_id, c.person_id, pe.first_name, pe.last_name, r.kind,"               \
  " r.raised_by_participant, r.raised_by, ub.full_name, r.assignee_id, ua.full_name,"       \
  " r.acknowledged_by, uk.full_name, r.resolved_by, ur.full_name, r.text, r.resolution,"    \
  " r.raised_at, r.acknowledged_at, r.resolved_at"                                          \
  " FROM request r JOIN case_file c ON c.id=r.case_id JOIN person pe ON pe.id=c.person_id"  \
  " JOIN app_user ub ON ub.id=r.raised_by JOIN app_user ua ON ua.id=r.assignee_id"          \
  " LEFT JOIN app_user uk ON uk.id=r.acknowledged_by"                                       \
  " LEFT JOIN app_user ur ON ur.id=r.resolved_by"

/* Fill *p from a row of REQUEST_SELECT, with its due instants from the
** targets aT and the overdue flag at zNow. */
static void request_row(DbStmt *q, Arena *a, const RequestTarget *aT, const char *zNow,
                        Request *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iCase = db_col_int(q, 1);
  p->iPerson = db_col_int(q, 2);
  p->zFirstName = arena_strdup(a, db_col_text(q, 3));
  p->zLastName = arena_strdup(a, db_col_text(q, 4));
  int e = request_kind_from_code(db_col_text(q, 5));
  p->eKind = e < 0 ? REQ_OTHER : (RequestKind)e;
  p->bByParticipant = (int)db_col_int(q, 6);
  p->iRaisedBy = db_col_int(q, 7);
  p->zRaisedBy = arena_strdup(a, db_col_text(q, 8));
  p->iAssignee = db_col_int(q, 9);
  p->zAssignee = arena_strdup(a, db_col_text(q, 10));
  p->iAckBy = db_col_int(q, 11);
  p->zAckBy = arena_strdup(a, db_col_text(q, 12));
  p->iResolvedBy = db_col_int(q, 13);
  p->zResolvedBy = arena_strdup(a, db_col_text(q, 14));
  p->zText = arena_strdup(a, db_col_text(q, 15));
  p->zResolution = arena_strdup(a, db_col_text(q, 16));
  p->zRaisedAt = arena_strdup(a, db_col_text(q, 17));
  p->zAckAt = arena_strdup(a, db_col_text(q, 18));
  p->zResolvedAt = arena_strdup(a, db_col_text(q, 19));
  p->eStatus = p->zResolvedAt ? REQ_RESOLVED : p->zAckAt ? REQ_ACKNOWLEDGED : REQ_RAISED;
  workdays_due(p->zRaisedAt, aT[p->eKind].nAckDays, p->zAckDue);
  workdays_due(p->zRaisedAt, aT[p->eKind].nResolveDays, p->zResolveDue);
  p->bOverdue = request_is_overdue(p, zNow);
}

int request_get(Db *db, Arena *a, int64_t iAgency, int64_t id, const char *zNow, Request *p) {
  RequestTarget aT[REQ_KIND_COUNT];
  int rc = request_targets(db, iAgency, aT);
  if (rc) return rc;
  char zBuf[21];
  zNow = request_now(zNow, zBuf);
  DbStmt *q = db_query(db, REQUEST_SELECT " WHERE r.id=$1 AND r.agency_id=$2", "ii", id, iAgency);
  rc = db_step(q);
  if (rc == DB_ROW) request_row(q, a, aT, zNow, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Append *p to the growing array *pa of *pn rows (capacity *pnAlloc). */
static void request_push(Arena *a, Request **pa, int *pn, int *pnAlloc, const Request *p) {
  if (*pn == *pnAlloc) {
    *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 16;
    Request *aNew = arena_alloc(a, (size_t)*pnAlloc * sizeof *aNew);
    if (*pn) memcpy(aNew, *pa, (size_t)*pn * sizeof *aNew);
    *pa = aNew;
  }
  (*pa)[(*pn)++] = *p;
}

int request_list(Db *db, Arena *a, int64_t iAgency, const RequestFilter *f, const char *zNow,
                 Request **pa, int *pn) {
  RequestTarget aT[REQ_KIND_COUNT];
  int rc = request_targets(db, iAgency, aT), nAlloc = 0;
  *pa = NULL;
  *pn = 0;
  if (rc) return rc;
  char zBuf[21];
  zNow = request_now(zNow, zBuf);
  DbStmt *q = db_query(db,
                       REQUEST_SELECT
                       " WHERE r.agency_id=$1 AND ($2=0 OR r.case_id=$2)"
                       " AND ($3=0 OR r.assignee_id=$3) AND ($4=0 OR r.resolved_at IS NULL)"
                       " AND r.id<$5 ORDER BY r.id DESC",
                       "iiiii", iAgency, f->iCase, f->iAssignee, (int64_t)(f->bOpen != 0),
                       f->iBefore > 0 ? f->iBefore : INT64_MAX);
  while ((rc = db_step(q)) == DB_ROW) {
    if (f->nLimit > 0 && *pn == f->nLimit) break;
    Request x;
    request_row(q, a, aT, zNow, &x);
    if (f->bOverdue && !x.bOverdue) continue;
    request_push(a, pa, pn, &nAlloc, &x);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int request_case_counts(Db *db, int64_t iAgency, int64_t iCase, const char *zSince,
                        const char *zNow, int *pnNew, int *pnOverdue) {
  Arena a = {0};
  RequestFilter f = {.iCase = iCase};
  Request *aReq;
  int n, rc = request_list(db, &a, iAgency, &f, zNow, &aReq, &n);
  *pnNew = 0;
  if (pnOverdue) *pnOverdue = 0;
  for (int i = 0; rc == 0 && i < n; i++) {
    if (!zSince || strcmp(aReq[i].zRaisedAt, zSince) >= 0) (*pnNew)++;
    if (pnOverdue && aReq[i].bOverdue) (*pnOverdue)++;
  }
  arena_free(&a);
  return rc;
}

/* ---- response times ---- */

static int request_cmp_double(const void *p1, const void *p2) {
  double x = *(const double *)p1, y = *(const double *)p2;
  return x < y ? -1 : x > y;
}

double request_median(double *a, int n) {
  if (n <= 0) return 0;
  qsort(a, (size_t)n, sizeof *a, request_cmp_double);
  return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

double request_percentile(double *a, int n, int p) {
  if (n <= 0) return 0;
  qsort(a, (size_t)n, sizeof *a, request_cmp_double);
  int iRank = (int)ceil((double)p * n / 100.0);
  if (iRank < 1) iRank = 1;
  if (iRank > n) iRank = n;
  return a[iRank - 1];
}

/* The working days between two timestamps, or -1 when either is missing. */
static double request_days(const char *zFrom, const char *zTo) {
  if (!zFrom || !zTo) return -1;
  int64_t n = workdays_seconds_between(zFrom, zTo);
  return n < 0 ? -1 : (double)n / 86400.0;
}

/* What the response times need of one request: read for a whole agency
** (138,000 requests at 100,000 participants), so nothing more. */
typedef struct RequestTimes {
  int64_t iAssignee;
  RequestKind eKind;
  double rAck, rResolve; /* working days, -1: not yet */
  int bOverdue;
} RequestTimes;

/* Fill the counts and times of group *pS from its n requests ap[0..n). */
static void request_group(Arena *a, const RequestTimes *const *ap, int n, RequestStats *pS) {
  double *aAck = arena_alloc(a, (size_t)(n + 1) * sizeof(double));
  double *aRes = arena_alloc(a, (size_t)(n + 1) * sizeof(double));
  for (int i = 0; i < n; i++) {
    pS->nRequests++;
    pS->nOverdue += ap[i]->bOverdue;
    if (ap[i]->rAck >= 0) aAck[pS->nAcked++] = ap[i]->rAck;
    if (ap[i]->rResolve >= 0) aRes[pS->nResolved++] = ap[i]->rResolve;
  }
  pS->rAckMedian = request_median(aAck, pS->nAcked);
  pS->rAckP90 = request_percentile(aAck, pS->nAcked, 90);
  pS->rResolveMedian = request_median(aRes, pS->nResolved);
  pS->rResolveP90 = request_percentile(aRes, pS->nResolved, 90);
}

/* 1 when timestamp zAt falls on a day of [zFrom, zTo] (NULL: open end). */
static int request_in_period(const char *zAt, const char *zFrom, const char *zTo) {
  if (zFrom && strncmp(zAt, zFrom, 10) < 0) return 0;
  if (zTo && strncmp(zAt, zTo, 10) > 0) return 0;
  return 1;
}

/* The times of the requests of the agency (of round iRound's cases when
** not 0) raised in the period [zFrom, zTo], into the malloc'ed *pa.  One
** streamed statement; the assignees' names are read apart
** (request_names), once each. */
static int request_times(Db *db, int64_t iAgency, int64_t iRound, const char *zFrom,
                         const char *zTo, const char *zNow, RequestTimes **pa, int *pn) {
  RequestTarget aT[REQ_KIND_COUNT];
  int rc = request_targets(db, iAgency, aT), nAlloc = 0;
  *pa = NULL;
  *pn = 0;
  if (rc) return rc;
#define REQUEST_TIMES_SQL                                                                   \
  DB_STREAM "SELECT r.kind, r.assignee_id, r.raised_at, r.acknowledged_at, r.resolved_at"   \
            " FROM request r"
  DbStmt *q = iRound ? db_query(db,
                                REQUEST_TIMES_SQL " JOIN case_file c ON c.id=r.case_id"
                                                  " WHERE r.agency_id=$1 AND c.round_id=$2",
                                "ii", iAgency, iRound)
                     /* "+": a scan, not every row through the agency's index */
                     : db_query(db, REQUEST_TIMES_SQL " WHERE +r.agency_id=$1", "i", iAgency);
#undef REQUEST_TIMES_SQL
  while ((rc = db_step(q)) == DB_ROW) {
    Request x; /* the fields request_is_overdue reads */
    memset(&x, 0, sizeof x);
    x.zRaisedAt = db_col_text(q, 2);
    if (!x.zRaisedAt || !request_in_period(x.zRaisedAt, zFrom, zTo)) continue;
    x.zAckAt = db_col_text(q, 3);
    x.zResolvedAt = db_col_text(q, 4);
    int e = request_kind_from_code(db_col_text(q, 0));
    RequestKind eKind = e < 0 ? REQ_OTHER : (RequestKind)e;
    workdays_due(x.zRaisedAt, aT[eKind].nAckDays, x.zAckDue);
    workdays_due(x.zRaisedAt, aT[eKind].nResolveDays, x.zResolveDue);
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 1024;
      *pa = xrealloc(*pa, (size_t)nAlloc * sizeof **pa);
    }
    RequestTimes *t = &(*pa)[(*pn)++];
    t->iAssignee = db_col_int(q, 1);
    t->eKind = eKind;
    t->rAck = request_days(x.zRaisedAt, x.zAckAt);
    t->rResolve = request_days(x.zRaisedAt, x.zResolvedAt);
    t->bOverdue = request_is_overdue(&x, zNow);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* The full names of the workers aW[0..n) (their iUser), in a. */
static int request_names(Db *db, Arena *a, int64_t iAgency, RequestStats *aW, int n) {
  DbStmt *q = db_query(db,
                       "SELECT u.id, u.full_name FROM app_user u WHERE u.id IN"
                       " (SELECT DISTINCT assignee_id FROM request WHERE agency_id=$1)"
                       " ORDER BY u.id",
                       "i", iAgency);
  int rc, i = 0;
  /* aW is in user id order here, as the query */
  while ((rc = db_step(q)) == DB_ROW) {
    int64_t id = db_col_int(q, 0);
    while (i < n && aW[i].iUser < id) i++;
    if (i < n && aW[i].iUser == id) aW[i].zName = arena_strdup(a, db_col_text(q, 1));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Order of workers: by name, then id. */
static int request_cmp_worker(const void *p1, const void *p2) {
  const RequestStats *x = p1, *y = p2;
  int c = strcmp(x->zName ? x->zName : "", y->zName ? y->zName : "");
  return c ? c : (x->iUser > y->iUser) - (x->iUser < y->iUser);
}

int request_stats(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const char *zNow,
                  RequestStats **paWorker, int *pnWorker, RequestStats **paKind, int *pnKind) {
  return request_stats_period(db, a, iAgency, iRound, NULL, NULL, zNow, paWorker, pnWorker, paKind,
                              pnKind);
}

/* Requests by assignee (0, nobody, first): each worker's run. */
static int request_cmp_assignee(const void *p1, const void *p2) {
  const RequestTimes *x = *(const RequestTimes *const *)p1;
  const RequestTimes *y = *(const RequestTimes *const *)p2;
  return (x->iAssignee > y->iAssignee) - (x->iAssignee < y->iAssignee);
}

int request_stats_period(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const char *zFrom,
                         const char *zTo, const char *zNow, RequestStats **paWorker,
                         int *pnWorker, RequestStats **paKind, int *pnKind) {
  RequestTimes *aReq;
  char zBuf[21];
  int n, rc = request_times(db, iAgency, iRound, zFrom, zTo, request_now(zNow, zBuf), &aReq, &n);
  if (rc) {
    free(aReq);
    return rc;
  }
  /* one pass per grouping over pointers sorted into runs: the agency's
  ** hundreds of workers each cost their own requests, not all of them */
  const RequestTimes **ap = xmalloc((size_t)(n + 1) * sizeof *ap);
  RequestStats *aKind = arena_alloc(a, REQ_KIND_COUNT * sizeof *aKind);
  for (int k = 0; k < REQ_KIND_COUNT; k++) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (aReq[i].eKind == (RequestKind)k) ap[m++] = &aReq[i];
    }
    aKind[k].zName = azKind[k];
    request_group(a, ap, m, &aKind[k]);
  }
  for (int i = 0; i < n; i++) ap[i] = &aReq[i];
  qsort(ap, (size_t)n, sizeof *ap, request_cmp_assignee);
  RequestStats *aWorker = arena_alloc(a, (size_t)(n + 1) * sizeof *aWorker);
  int nWorker = 0;
  for (int i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && ap[j]->iAssignee == ap[i]->iAssignee; j++) {
    }
    aWorker[nWorker].iUser = ap[i]->iAssignee;
    request_group(a, ap + i, j - i, &aWorker[nWorker++]);
  }
  free(ap);
  free(aReq);
  rc = request_names(db, a, iAgency, aWorker, nWorker);
  if (rc) return rc;
  qsort(aWorker, (size_t)nWorker, sizeof *aWorker, request_cmp_worker);
  *paWorker = aWorker;
  *pnWorker = nWorker;
  *paKind = aKind;
  *pnKind = REQ_KIND_COUNT;
  return 0;
}
