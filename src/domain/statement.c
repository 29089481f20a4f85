/*
** statement.c — the quarterly statement (see statement.h): generating
** and refreshing it from the cooperative's expenses, submitting it, the
** agency's decisions per line with their history, reimbursement.  What
** each status allows is money.h's state machine; this file applies it
** to the rows.
*/
#include "statement.h"

#include <inttypes.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/i18n.h"
#include "domain.h"

/* ---- reading ---- */

#define ST_SELECT                                                                              \
  "SELECT st.id, st.organisation_id, o.name, st.funding_stream_id, f.code, f.name,"            \
  " st.quarter, st.status, st.submission, st.created_at, uc.full_name, st.submitted_at,"       \
  " us.full_name, st.reviewed_at, ur.full_name, st.paid_on, st.paid_cents, st.reimbursed_at,"  \
  " ui.full_name, coalesce(x.n,0), coalesce(x.np,0), coalesce(x.na,0), coalesce(x.nr,0),"      \
  " coalesce(x.t,0), coalesce(x.tp,0), coalesce(x.ta,0), coalesce(x.tr,0)"                     \
  " FROM statement st JOIN organisation o ON o.id=st.organisation_id"                          \
  " JOIN funding_stream f ON f.id=st.funding_stream_id"                                        \
  " LEFT JOIN app_user uc ON uc.id=st.created_by LEFT JOIN app_user us ON us.id=st.submitted_by" \
  " LEFT JOIN app_user ur ON ur.id=st.reviewed_by"                                             \
  " LEFT JOIN app_user ui ON ui.id=st.reimbursed_by"                                           \
  " LEFT JOIN (SELECT statement_id, count(*) AS n,"                                            \
  "   sum(CASE WHEN decision IS NULL THEN 1 ELSE 0 END) AS np,"                                \
  "   sum(CASE WHEN decision='approved' THEN 1 ELSE 0 END) AS na,"                             \
  "   sum(CASE WHEN decision='rejected' THEN 1 ELSE 0 END) AS nr,"                             \
  "   sum(amount_cents) AS t,"                                                                 \
  "   sum(CASE WHEN decision IS NULL THEN amount_cents ELSE 0 END) AS tp,"                     \
  "   sum(CASE WHEN decision='approved' THEN amount_cents ELSE 0 END) AS ta,"                  \
  "   sum(CASE WHEN decision='rejected' THEN amount_cents ELSE 0 END) AS tr"                   \
  "   FROM expense WHERE agency_id=$1 AND statement_id IS NOT NULL GROUP BY statement_id) x"   \
  "  ON x.statement_id=st.id"                                                                  \
  " WHERE st.agency_id=$1 AND (CAST($2 AS BIGINT)=0 OR st.organisation_id=$2)"

static const char *st_col(DbStmt *q, Arena *a, int i) { return arena_strdup(a, db_col_text(q, i)); }

static void st_from_row(DbStmt *q, Arena *a, Statement *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iOrganisation = db_col_int(q, 1);
  p->zOrganisation = st_col(q, a, 2);
  p->iStream = db_col_int(q, 3);
  p->zStreamCode = st_col(q, a, 4);
  p->zStreamName = st_col(q, a, 5);
  p->zQuarter = st_col(q, a, 6);
  p->iQuarter = quarter_parse(p->zQuarter);
  int e = statement_status_find(db_col_text(q, 7));
  p->eStatus = e < 0 ? ST_DRAFT : (StStatus)e;
  p->nSubmission = (int)db_col_int(q, 8);
  p->zCreatedAt = st_col(q, a, 9);
  p->zCreatedBy = st_col(q, a, 10);
  p->zSubmittedAt = st_col(q, a, 11);
  p->zSubmittedBy = st_col(q, a, 12);
  p->zReviewedAt = st_col(q, a, 13);
  p->zReviewedBy = st_col(q, a, 14);
  p->zPaidOn = st_col(q, a, 15);
  p->nPaidCents = db_col_int(q, 16);
  p->zReimbursedAt = st_col(q, a, 17);
  p->zReimbursedBy = st_col(q, a, 18);
  p->nLine = (int)db_col_int(q, 19);
  p->nPending = (int)db_col_int(q, 20);
  p->nApproved = (int)db_col_int(q, 21);
  p->nRejected = (int)db_col_int(q, 22);
  p->nTotalCents = db_col_int(q, 23);
  p->nPendingCents = db_col_int(q, 24);
  p->nApprovedCents = db_col_int(q, 25);
  p->nRejectedCents = db_col_int(q, 26);
}

int statement_get(Db *db, Arena *a, const MoneyWho *w, int64_t id, Statement *p) {
  if (w->iOrg < 0) return DOMAIN_NOT_FOUND;
  DbStmt *q = db_prepare(db, ST_SELECT " AND st.id=$3");
  db_bind_int(q, 1, w->iAgency);
  db_bind_int(q, 2, w->iOrg);
  db_bind_int(q, 3, id);
  int rc = db_step(q);
  if (rc == DB_ROW) st_from_row(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int statement_list(Db *db, Arena *a, const MoneyWho *w, const StatementFilter *pF,
                   Statement **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  if (w->iOrg < 0) return 0;
  char zQuarter[8] = "";
  if (pF->iQuarter >= 0) quarter_format(pF->iQuarter, zQuarter);
  DbStmt *q = db_prepare(db, ST_SELECT " AND (CAST($3 AS BIGINT)=0 OR st.organisation_id=$3)"
                             " AND (CAST($4 AS BIGINT)=0 OR st.funding_stream_id=$4)"
                             " AND (CAST($5 AS TEXT) IS NULL OR st.quarter=$5)"
                             " AND (CAST($6 AS TEXT) IS NULL OR st.status=$6)"
                             " ORDER BY st.quarter DESC, o.name, f.code, st.id LIMIT 2000");
  db_bind_int(q, 1, w->iAgency);
  db_bind_int(q, 2, w->iOrg);
  db_bind_int(q, 3, pF->iOrg);
  db_bind_int(q, 4, pF->iStream);
  db_bind_text(q, 5, zQuarter[0] ? zQuarter : NULL);
  db_bind_text(q, 6, pF->eStatus >= 0 ? statement_status_code((StStatus)pF->eStatus) : NULL);
  int rc, nAlloc = 0;
  Statement *aSt = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      Statement *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (*pn) memcpy(aNew, aSt, sizeof *aNew * (size_t)*pn);
      aSt = aNew;
    }
    st_from_row(q, a, &aSt[(*pn)++]);
  }
  db_done(q);
  *pa = aSt;
  return rc < 0 ? rc : 0;
}

int statement_lines(Db *db, Arena *a, const MoneyWho *w, int64_t id, Expense **pa, int *pn) {
  ExpenseFilter f = {0};
  f.iStatement = id;
  f.iQuarter = -1;
  return expense_list(db, a, w, &f, pa, pn);
}

int statement_decisions(Db *db, Arena *a, int64_t id, StatementDecision **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  int nAll = (int)db_int(db, 0, "SELECT count(*) FROM statement_decision WHERE statement_id=$1",
                         "i", id);
  if (nAll <= 0) return 0;
  StatementDecision *aD = arena_alloc(a, sizeof *aD * (size_t)nAll);
  DbStmt *q = db_prepare(db, "SELECT d.id, d.expense_id, d.submission, d.decision, d.reason,"
                             " d.amount_cents, u.full_name, d.decided_at FROM statement_decision d"
                             " LEFT JOIN app_user u ON u.id=d.decided_by"
                             " WHERE d.statement_id=$1 ORDER BY d.id");
  db_bind_int(q, 1, id);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && *pn < nAll) {
    StatementDecision *p = &aD[(*pn)++];
    p->id = db_col_int(q, 0);
    p->iExpense = db_col_int(q, 1);
    p->nSubmission = (int)db_col_int(q, 2);
    p->zDecision = st_col(q, a, 3);
    p->zReason = st_col(q, a, 4);
    p->nAmountCents = db_col_int(q, 5);
    p->zBy = st_col(q, a, 6);
    p->zAt = st_col(q, a, 7);
  }
  db_done(q);
  *pa = aD;
  return rc < 0 ? rc : 0;
}

/* ---- steps ---- */

/* A conflict on "status" with zMsg; returns DOMAIN_CONFLICT. */
static int st_conflict(Errors *pErr, const char *zMsg) {
  errors_add(pErr, "status", zMsg);
  return DOMAIN_CONFLICT;
}

/* The checks of a generation; errors into pErr. */
static void st_check_generate(Db *db, const MoneyWho *w, int64_t iOrg, int64_t iStream,
                              const char *zQuarter, const char *zToday, Errors *pErr) {
  if (iOrg <= 0 || (w->iOrg && w->iOrg != iOrg) ||
      !db_int(db, 0, "SELECT count(*) FROM organisation WHERE id=$1 AND agency_id=$2"
                     " AND kind='cooperative'", "ii", iOrg, w->iAgency))
    errors_add(pErr, "organisation_id", N_("unknown cooperative"));
  if (iStream <= 0 || !db_int(db, 0, "SELECT count(*) FROM funding_stream WHERE id=$1"
                                     " AND agency_id=$2", "ii", iStream, w->iAgency))
    errors_add(pErr, "funding_stream_id", N_("unknown funding stream"));
  int iQ = quarter_parse(zQuarter);
  if (iQ < 0)
    errors_add(pErr, "quarter", N_("not a quarter: write it as 2021-Q3"));
  else if (iQ > quarter_of_date(zToday))
    errors_add(pErr, "quarter", N_("is in the future"));
}

/* Adds to statement id the expenses that statement_takes() gives it:
** those of its cooperative and stream in no statement, spent by the
** quarter's last day.  *pnAdded gets how many. */
static int st_take(Db *db, const MoneyWho *w, int64_t id, int64_t iOrg, int64_t iStream,
                   int iQ, int *pnAdded) {
  char zLast[11];
  quarter_last_day(iQ, zLast);
  DbStmt *q = db_query(db, "UPDATE expense SET statement_id=$1 WHERE agency_id=$2"
                           " AND organisation_id=$3 AND funding_stream_id=$4"
                           " AND statement_id IS NULL AND spent_on<=$5 RETURNING id",
                       "iiiit", id, w->iAgency, iOrg, iStream, zLast);
  int rc;
  *pnAdded = 0;
  while ((rc = db_step(q)) == DB_ROW) (*pnAdded)++;
  db_done(q);
  return rc < 0 ? rc : 0;
}

int statement_generate(Db *db, const MoneyWho *w, int64_t iOrg, int64_t iStream,
                       const char *zQuarter, const char *zToday, int64_t *pId, int *pbCreated,
                       int *pnAdded, Errors *pErr) {
  *pId = 0;
  *pbCreated = 0;
  *pnAdded = 0;
  if (w->iOrg < 0) return DOMAIN_NOT_FOUND;
  st_check_generate(db, w, iOrg, iStream, zQuarter, zToday, pErr);
  if (pErr->n) return DOMAIN_INVALID;
  Arena a = ARENA_INIT;
  const char *zStatus = 0;
  DbStmt *q = db_query(db, "SELECT id, status FROM statement WHERE agency_id=$1"
                           " AND organisation_id=$2 AND funding_stream_id=$3 AND quarter=$4",
                       "iiit", w->iAgency, iOrg, iStream, zQuarter);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *pId = db_col_int(q, 0);
    zStatus = arena_strdup(&a, db_col_text(q, 1));
  }
  db_done(q);
  rc = rc < 0 ? rc : 0;
  if (!rc && *pId) {
    int e = statement_status_find(zStatus);
    const char *zWhy = statement_action_problem(e < 0 ? ST_COUNT : (StStatus)e, SA_REFRESH);
    if (zWhy) rc = st_conflict(pErr, zWhy);
  } else if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    *pId = db_int(db, 0, "INSERT INTO statement(agency_id, organisation_id, funding_stream_id,"
                         " quarter, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6)"
                         " RETURNING id", "iiitti", w->iAgency, iOrg, iStream, zQuarter, zNow,
                  w->iUser);
    if (!*pId) rc = DB_ERROR;
    *pbCreated = 1;
  }
  arena_free(&a);
  if (!rc) rc = st_take(db, w, *pId, iOrg, iStream, quarter_parse(zQuarter), pnAdded);
  return rc;
}

int statement_remove_line(Db *db, const MoneyWho *w, int64_t id, int64_t iExpense, Errors *pErr) {
  Arena a = ARENA_INIT;
  Statement s;
  int rc = statement_get(db, &a, w, id, &s);
  const char *zDecision = 0;
  if (!rc) {
    DbStmt *q = db_query(db, "SELECT decision FROM expense WHERE id=$1 AND statement_id=$2", "ii",
                         iExpense, id);
    rc = db_step(q);
    if (rc == DB_ROW) zDecision = arena_strdup(&a, db_col_text(q, 0));
    db_done(q);
    rc = rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  }
  if (!rc) {
    int eL = line_state_find(zDecision);
    const char *zWhy = statement_line_problem(s.eStatus, eL < 0 ? LINE_APPROVED : (LineState)eL,
                                              SA_REMOVE);
    if (zWhy) rc = st_conflict(pErr, zWhy);
  }
  arena_free(&a);
  if (rc) return rc;
  return db_exec(db, "UPDATE expense SET statement_id=NULL, decision=NULL, decision_reason=NULL,"
                     " decided_by=NULL, decided_at=NULL WHERE id=$1 AND statement_id=$2",
                 "ii", iExpense, id);
}

/* Sets the status of statement id to eS; a concluded review (eS not
** submitted) records who concluded it and when. */
static int st_set_status(Db *db, const MoneyWho *w, int64_t id, StStatus eS, const char *zNow) {
  return db_exec(db, "UPDATE statement SET status=$2,"
                     " reviewed_at=CASE WHEN $2='submitted' THEN reviewed_at ELSE $3 END,"
                     " reviewed_by=CASE WHEN $2='submitted' THEN reviewed_by ELSE $4 END"
                     " WHERE id=$1",
                 "itti", id, statement_status_code(eS), zNow, w->iUser);
}

int statement_submit(Db *db, const MoneyWho *w, int64_t id, const char *zToday, Errors *pErr) {
  Arena a = ARENA_INIT;
  Statement s;
  int rc = statement_get(db, &a, w, id, &s);
  arena_free(&a);
  if (rc) return rc;
  const char *zWhy = statement_submit_problem(s.eStatus, s.iQuarter, zToday, s.nPending,
                                              s.nApproved, s.nRejected);
  if (zWhy) return st_conflict(pErr, zWhy);
  char zNow[21];
  timestamp_now(zNow);
  rc = db_exec(db, "UPDATE statement SET submission=submission+1, submitted_at=$2,"
                   " submitted_by=$3 WHERE id=$1", "iti", id, zNow, w->iUser);
  /* no line pending (the rejected ones removed): approved at once, the
  ** last review's author and date kept */
  StStatus eNew = statement_review_status(s.nPending, s.nApproved, s.nRejected);
  if (!rc) rc = db_exec(db, "UPDATE statement SET status=$2 WHERE id=$1", "it", id,
                        statement_status_code(eNew));
  return rc;
}

/* Checks decision d on statement id; errors under "decisions.<id>". */
static void st_check_decision(Db *db, Arena *a, int64_t id, const LineDecision *d, Errors *pErr) {
  const char *zField = arena_printf(a, "decisions.%" PRId64, d->iExpense);
  int e = line_state_find(d->zDecision);
  if (!d->zDecision || e < 0) {
    errors_add(pErr, zField, N_("choose approved or rejected"));
  } else if (e == LINE_REJECTED) {
    if (domain_blank(d->zReason))
      errors_add(pErr, zField, N_("a rejection needs a reason"));
    else
      domain_check_text(pErr, zField, d->zReason, 200, 1);
  }
  if (!db_int(db, 0, "SELECT count(*) FROM expense WHERE id=$1 AND statement_id=$2", "ii",
              d->iExpense, id))
    errors_add(pErr, zField, N_("not a line of this statement"));
}

/* Records decision d (checked) on line d->iExpense of statement s. */
static int st_write_decision(Db *db, const MoneyWho *w, const Statement *s, const LineDecision *d,
                             const char *zNow) {
  const char *zReason = line_state_find(d->zDecision) == LINE_REJECTED ? d->zReason : NULL;
  int rc = db_exec(db, "UPDATE expense SET decision=$3, decision_reason=$4, decided_by=$5,"
                       " decided_at=$6 WHERE id=$1 AND statement_id=$2",
                   "iittit", d->iExpense, s->id, d->zDecision, zReason, w->iUser, zNow);
  if (!rc)
    rc = db_exec(db, "INSERT INTO statement_decision(statement_id, expense_id, submission,"
                     " decision, reason, amount_cents, decided_by, decided_at)"
                     " SELECT $1, id, $3, $4, $5, amount_cents, $6, $7 FROM expense"
                     " WHERE id=$2 AND statement_id=$1",
                 "iiittit", s->id, d->iExpense, (int64_t)s->nSubmission, d->zDecision, zReason,
                 w->iUser, zNow);
  return rc;
}

int statement_decide(Db *db, Arena *a, const MoneyWho *w, int64_t id, const LineDecision *aD,
                     int n, Errors *pErr) {
  Statement s;
  int rc = statement_get(db, a, w, id, &s);
  if (rc) return rc;
  const char *zWhy = statement_action_problem(s.eStatus, SA_DECIDE);
  if (zWhy) return st_conflict(pErr, zWhy);
  if (n <= 0) errors_add(pErr, "decisions", N_("required: a decision on at least one line"));
  for (int i = 0; i < n; i++) st_check_decision(db, a, id, &aD[i], pErr);
  if (pErr->n) return DOMAIN_INVALID;
  char zNow[21];
  timestamp_now(zNow);
  for (int i = 0; i < n && !rc; i++) rc = st_write_decision(db, w, &s, &aD[i], zNow);
  if (!rc) rc = statement_get(db, a, w, id, &s);
  if (!rc) rc = st_set_status(db, w, id, statement_review_status(s.nPending, s.nApproved,
                                                                 s.nRejected), zNow);
  return rc;
}

int statement_reimburse(Db *db, const MoneyWho *w, int64_t id, const char *zPaidOn,
                        const char *zToday, Errors *pErr) {
  Arena a = ARENA_INIT;
  Statement s;
  int rc = statement_get(db, &a, w, id, &s);
  const char *zWhy = rc ? 0 : statement_action_problem(s.eStatus, SA_REIMBURSE);
  if (zWhy) rc = st_conflict(pErr, zWhy);
  if (!rc) {
    if (domain_blank(zPaidOn))
      errors_add(pErr, "paid_on", N_("required"));
    else if (!date_valid(zPaidOn))
      errors_add(pErr, "paid_on", N_("not a valid date (YYYY-MM-DD)"));
    else if (strcmp(zPaidOn, zToday) > 0)
      errors_add(pErr, "paid_on", N_("cannot be in the future"));
    else if (s.zSubmittedAt && strncmp(zPaidOn, s.zSubmittedAt, 10) < 0)
      errors_add(pErr, "paid_on", N_("is before the statement was submitted"));
    if (pErr->n) rc = DOMAIN_INVALID;
  }
  if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    rc = db_exec(db, "UPDATE statement SET status='reimbursed', paid_on=$2, paid_cents=$3,"
                     " reimbursed_at=$4, reimbursed_by=$5 WHERE id=$1",
                 "ititi", id, zPaidOn, s.nApprovedCents, zNow, w->iUser);
  }
  arena_free(&a);
  return rc;
}

int statement_delete(Db *db, const MoneyWho *w, int64_t id, Errors *pErr) {
  Arena a = ARENA_INIT;
  Statement s;
  int rc = statement_get(db, &a, w, id, &s);
  arena_free(&a);
  if (rc) return rc;
  const char *zWhy = statement_action_problem(s.eStatus, SA_DELETE);
  if (zWhy) return st_conflict(pErr, zWhy);
  rc = db_exec(db, "UPDATE expense SET statement_id=NULL, decision=NULL, decision_reason=NULL,"
                   " decided_by=NULL, decided_at=NULL WHERE statement_id=$1", "i", id);
  if (!rc) rc = db_exec(db, "DELETE FROM statement WHERE id=$1 AND agency_id=$2", "ii", id, w->iAgency);
  return rc;
}
