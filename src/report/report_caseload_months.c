/*
** report_caseload_months.c — report "caseload": how many active cases
** each social worker and each case manager held, month by month (issue
** 6, "Paths": caseload per worker over time), from the assignment
** history (case_assignment, migration 008; src/domain/handover.h).
**
** A month's figure is a snapshot at the end of its last day (or of --to,
** when the period ends earlier): the cases a worker held then -- the
** assignment began on or before that day and had not ended by it -- that
** were active then: the candidacy had begun (shortlisted, or opened when
** outside any round), had not ended (found not suitable, withdrew) and
** the path was not closed by that day.  A handover on a day counts for
** the new holder.  The period: --from/--to (months from --from's to
** --to's); without --to, today (the end of --round's round when earlier);
** without --from, the start of --round's round, or the twelve months
** ending with --to's.  At most 120 months (the latest).  --round keeps
** that round's cases.  Workers are named, so it is the manager's
** (CAP_CASELOAD_ADMIN).
**
** The data table (CSV, JSON rows): "month,role,username,name,cases";
** month "YYYY-MM", role social_worker or case_manager, one row per month
** for each worker who held an active case at the end of any month of the
** period (zeros included), by role then name.
**
** Views: the latest month (with a chart), then the social workers and
** the case managers with a column per month.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/handover.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/mem.h"
#include "report_scope.h"

#define CL_MAX_MONTH 120

/* One worker in one role, and the cases held at each month's end. */
typedef struct ClWorker {
  int eRole; /* CASE_ROLE_SOCIAL_WORKER or CASE_ROLE_CASE_MANAGER */
  int64_t iUser;
  const char *zUser, *zName;
  int64_t *aN; /* per month */
} ClWorker;

typedef struct Caseload {
  int nMonth;
  char (*azMonth)[8]; /* "YYYY-MM" */
  char (*azDay)[11];  /* the snapshot day of each month */
  ClWorker *aW;
  int nW, nWAlloc;
  int *aiSlot[2];     /* per role, by user id: 1 + the worker's index in aW */
  int64_t nSlot[2];   /* user ids each covers */
} Caseload;

/* The period's ends into zFrom and zTo (see the header comment). */
static void cl_period(Db *db, Arena *a, const ReportQuery *q, char zFrom[11], char zTo[11]) {
  char zToday[11];
  date_today(zToday);
  const char *zStart = NULL, *zEnd = NULL;
  if (q->iRound) {
    zStart = db_text(db, a, "SELECT start_date FROM round WHERE id=$1 AND agency_id=$2", "ii",
                     q->iRound, q->iAgency);
    zEnd = db_text(db, a, "SELECT end_date FROM round WHERE id=$1 AND agency_id=$2", "ii",
                   q->iRound, q->iAgency);
  }
  snprintf(zTo, 11, "%s", q->zTo ? q->zTo : zToday);
  if (!q->zTo && zEnd && date_valid(zEnd) && strcmp(zEnd, zTo) < 0) snprintf(zTo, 11, "%s", zEnd);
  if (q->zFrom) {
    snprintf(zFrom, 11, "%s", q->zFrom);
  } else if (zStart && date_valid(zStart)) {
    snprintf(zFrom, 11, "%s", zStart);
  } else {
    int y, m;
    date_parse(zTo, &y, &m, NULL);
    m -= 11;
    if (m < 1) m += 12, y--;
    date_format(y, m, 1, zFrom);
  }
}

/* The months from zFrom's to zTo's (the latest CL_MAX_MONTH), each with
** its snapshot day: the month's last day, or zTo in the last month. */
static void cl_months(Arena *a, const char *zFrom, const char *zTo, Caseload *c) {
  int yF, mF, yT, mT, dT;
  date_parse(zFrom, &yF, &mF, NULL);
  date_parse(zTo, &yT, &mT, &dT);
  int n = (yT - yF) * 12 + (mT - mF) + 1;
  if (n < 0) n = 0;
  if (n > CL_MAX_MONTH) n = CL_MAX_MONTH;
  c->nMonth = n;
  c->azMonth = arena_alloc(a, sizeof *c->azMonth * (size_t)(n + 1));
  c->azDay = arena_alloc(a, sizeof *c->azDay * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    int iBack = n - 1 - i, y = yT, m = mT - iBack;
    while (m < 1) m += 12, y--;
    char zFirst[11];
    date_format(y, m, 1, zFirst);
    memcpy(c->azMonth[i], zFirst, 7);
    c->azMonth[i][7] = 0;
    int yN = m == 12 ? y + 1 : y, mN = m == 12 ? 1 : m + 1;
    date_from_days(date_days(yN, mN, 1) - 1, c->azDay[i]);
    if (i == n - 1) snprintf(c->azDay[i], 11, "%s", zTo);
  }
}

/* The slot of user iUser in role eRole (0 or 1) of c, grown as needed:
** a worker is found in one step, where a search of the list cost
** O(workers) for each assignment (2,500 workers at 100,000
** participants, 25,000 at a million). */
static int *cl_slot(Caseload *c, int eRole, int64_t iUser) {
  if (iUser >= c->nSlot[eRole]) {
    int64_t n = c->nSlot[eRole] ? c->nSlot[eRole] : 1024;
    while (n <= iUser) n *= 2;
    c->aiSlot[eRole] = xrealloc(c->aiSlot[eRole], sizeof(int) * (size_t)n);
    memset(c->aiSlot[eRole] + c->nSlot[eRole], 0, sizeof(int) * (size_t)(n - c->nSlot[eRole]));
    c->nSlot[eRole] = n;
  }
  return &c->aiSlot[eRole][iUser];
}

/* The worker (role, user) of c, added when new. */
static ClWorker *cl_worker(Arena *a, Caseload *c, int eRole, DbStmt *s) {
  int64_t iUser = db_col_int(s, 1);
  int *piSlot = cl_slot(c, eRole == CASE_ROLE_CASE_MANAGER, iUser < 0 ? 0 : iUser);
  if (*piSlot) return &c->aW[*piSlot - 1];
  if (c->nW == c->nWAlloc) {
    c->nWAlloc = c->nWAlloc ? 2 * c->nWAlloc : 16;
    ClWorker *aNew = arena_alloc(a, sizeof *aNew * (size_t)c->nWAlloc);
    if (c->nW) memcpy(aNew, c->aW, sizeof *aNew * (size_t)c->nW);
    c->aW = aNew;
  }
  ClWorker *w = &c->aW[c->nW++];
  *piSlot = c->nW;
  w->eRole = eRole;
  w->iUser = iUser;
  w->zUser = arena_strdup(a, db_col_text(s, 2));
  w->zName = arena_strdup(a, db_col_text(s, 3));
  w->aN = arena_alloc(a, sizeof *w->aN * (size_t)(c->nMonth + 1));
  memset(w->aN, 0, sizeof *w->aN * (size_t)(c->nMonth + 1));
  return w;
}

/* 1 when timestamp or date z is on day zDay or before it. */
static int cl_by(const char *z, const char *zDay) { return z && strncmp(z, zDay, 10) <= 0; }

/* 1 when the assignment of row s was held, on an active case, at the
** end of day zDay.  Columns: 4 from_at, 5 to_at, 6 shortlisted_on,
** 7 opened_at, 8 exit_on, 9 stage, 10 closed_at. */
static int cl_held(DbStmt *s, const char *zDay) {
  const char *zStart = db_col_text(s, 6) ? db_col_text(s, 6) : db_col_text(s, 7);
  if (!cl_by(db_col_text(s, 4), zDay) || cl_by(db_col_text(s, 5), zDay)) return 0;
  if (!cl_by(zStart, zDay) || cl_by(db_col_text(s, 10), zDay)) return 0;
  if (db_col_text(s, 8)) return !cl_by(db_col_text(s, 8), zDay);
  int e = stage_from_code(db_col_text(s, 9));
  return e < 0 || !stage_is_exit((Stage)e); /* an exit without a date: gone */
}

static int cl_read(Db *db, Arena *a, const ReportQuery *q, Caseload *c) {
  DbStmt *s = db_query(db,
                       DB_STREAM "SELECT a.role, a.user_id, u.username, u.full_name, a.from_at,"
                       " a.to_at,"
                       " c.shortlisted_on, c.opened_at, c.exit_on, c.stage, c.closed_at"
                       " FROM case_assignment a JOIN case_file c ON c.id=a.case_id"
                       " JOIN app_user u ON u.id=a.user_id"
                       " WHERE a.agency_id=$1 AND c.agency_id=$1"
                       " AND a.role IN ('social_worker','case_manager')"
                       " AND ($2=0 OR c.round_id=$2)",
                       "ii", q->iAgency, q->iRound);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    ClWorker *w = NULL;
    int eRole = case_role_from_code(db_col_text(s, 0));
    for (int i = 0; i < c->nMonth; i++) {
      if (!cl_held(s, c->azDay[i])) continue;
      if (!w) w = cl_worker(a, c, eRole, s);
      w->aN[i]++;
    }
  }
  db_done(s);
  for (int i = 0; i < 2; i++) free(c->aiSlot[i]);
  return rc == DB_DONE ? 0 : rc;
}

/* Order: social workers first, then by name, then id. */
static int cl_cmp(const void *p1, const void *p2) {
  const ClWorker *x = p1, *y = p2;
  if (x->eRole != y->eRole) return x->eRole - y->eRole;
  int n = strcmp(x->zName, y->zName);
  return n ? n : (x->iUser > y->iUser) - (x->iUser < y->iUser);
}

static void cl_data(RDoc *d, const Caseload *c) {
  static const char *const azCode[] = {"month", "role", "username", "name", "cases"};
  RTable *t = rdoc_data(d, 5, azCode, NULL);
  for (int i = 0; i < c->nMonth; i++) {
    for (int j = 0; j < c->nW; j++) {
      rt_text(t, c->azMonth[i]);
      rt_text(t, case_role_code((CaseRole)c->aW[j].eRole));
      rt_text(t, c->aW[j].zUser);
      rt_text(t, c->aW[j].zName);
      rt_int(t, c->aW[j].aN[i]);
    }
  }
}

/* The workers in role eRole, a column per month. */
static void cl_role_view(RDoc *d, int iLang, const Caseload *c, int eRole, const char *zName,
                         const char *zTitle) {
  const char **azCode = arena_alloc(d->a, sizeof(char *) * (size_t)(c->nMonth + 1));
  azCode[0] = "name";
  for (int i = 0; i < c->nMonth; i++) azCode[i + 1] = c->azMonth[i];
  const char **azLabel = arena_alloc(d->a, sizeof(char *) * (size_t)(c->nMonth + 1));
  memcpy(azLabel, azCode, sizeof(char *) * (size_t)(c->nMonth + 1));
  azLabel[0] = tr(iLang, case_role_label((CaseRole)eRole));
  RTable *t = rdoc_view(d, zName, zTitle, c->nMonth + 1, azCode, azLabel);
  for (int j = 0; j < c->nW; j++) {
    if (c->aW[j].eRole != eRole) continue;
    rt_text(t, c->aW[j].zName);
    for (int i = 0; i < c->nMonth; i++) rt_int(t, c->aW[j].aN[i]);
  }
}

static void cl_views(RDoc *d, int iLang, const Caseload *c) {
  static const char *const azCode[] = {"role", "name", "cases"};
  const char *azLabel[] = {tr(iLang, "Role"), tr(iLang, "Worker"), tr(iLang, "Active cases")};
  int iLast = c->nMonth - 1;
  RTable *t = rdoc_view(
      d, "latest",
      arena_printf(d->a, tr(iLang, "Active cases held on %s"), iLast >= 0 ? c->azDay[iLast] : "-"),
      3, azCode, azLabel);
  for (int j = 0; iLast >= 0 && j < c->nW; j++) {
    rt_text(t, tr(iLang, case_role_label((CaseRole)c->aW[j].eRole)));
    rt_text(t, c->aW[j].zName);
    rt_int(t, c->aW[j].aN[iLast]);
  }
  rt_chart(t, 2, 1);
  rt_note(t, "%s",
          tr(iLang,
             "Cases not closed and not ended that the worker held at the end of "
             "the day. ali report caseload-gaps lists the active cases without "
             "a worker."));
  cl_role_view(d, iLang, c, CASE_ROLE_SOCIAL_WORKER, "social_workers",
               tr(iLang, "Social workers: active cases at the end of each month"));
  cl_role_view(d, iLang, c, CASE_ROLE_CASE_MANAGER, "case_managers",
               tr(iLang, "Case managers: active cases at the end of each month"));
}

int report_caseload(Db *db, const ReportQuery *q, RDoc *d) {
  Caseload c;
  char zFrom[11], zTo[11];
  memset(&c, 0, sizeof c);
  cl_period(db, d->a, q, zFrom, zTo);
  cl_months(d->a, zFrom, zTo, &c);
  ReportRound *aRound;
  int nRound = report_rounds(db, d->a, q, &aRound);
  if (nRound < 0) return nRound;
  int rc = cl_read(db, d->a, q, &c);
  if (rc) return rc;
  if (c.nW > 1) qsort(c.aW, (size_t)c.nW, sizeof *c.aW, cl_cmp);
  ReportQuery qP = *q;
  qP.zFrom = zFrom;
  qP.zTo = zTo;
  report_scope_subtitle(db, &qP, aRound, nRound, NULL, d);
  cl_data(d, &c);
  cl_views(d, q->iLang, &c);
  return 0;
}
