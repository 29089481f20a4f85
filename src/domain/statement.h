/*
** statement.h — the quarterly statement of a cooperative on a funding
** stream (issue 6, "Money"; docs/money.md).  Its lines are expenses
** (expense.h) whose statement_id names it; the state machine is
** money.h's.  The flow:
**
**   generate (draft) -> submit -> the agency decides each line
**     -> approved | partly_approved | rejected
**   partly_approved, rejected: the cooperative corrects (the line is
**     pending again) or removes the rejected lines, may add the expenses
**     it forgot, and submits again; approved lines stay approved
**   approved -> reimbursed, with the payment date
**
** One statement per cooperative, stream and quarter; an expense is in at
** most one statement (the schema holds both).  Every function acts as a
** MoneyWho (expense.h): a case manager reaches their cooperative's
** statements only, another's is DOMAIN_NOT_FOUND like a missing one.
** Status codes as in domain.h; DOMAIN_CONFLICT when the statement's
** status forbids the step, with the reason in the Errors under
** "status".  No function opens a transaction.
*/
#ifndef ALI_STATEMENT_H
#define ALI_STATEMENT_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "expense.h"
#include "money.h"

typedef struct Statement {
  int64_t id;
  int64_t iOrganisation;
  const char *zOrganisation;
  int64_t iStream;
  const char *zStreamCode, *zStreamName;
  const char *zQuarter;      /* "2021-Q3" */
  int iQuarter;              /* quarter_parse(zQuarter) */
  StStatus eStatus;
  int nSubmission;           /* times submitted */
  const char *zCreatedAt, *zCreatedBy;
  const char *zSubmittedAt, *zSubmittedBy;
  const char *zReviewedAt, *zReviewedBy;
  const char *zPaidOn;       /* reimbursed only */
  int64_t nPaidCents;
  const char *zReimbursedAt, *zReimbursedBy;
  /* the lines */
  int nLine, nPending, nApproved, nRejected;
  int64_t nTotalCents, nPendingCents, nApprovedCents, nRejectedCents;
} Statement;

/* One decision of the history. */
typedef struct StatementDecision {
  int64_t id;
  int64_t iExpense;
  int nSubmission;
  const char *zDecision;     /* approved | rejected */
  const char *zReason;
  int64_t nAmountCents;      /* the line's amount then */
  const char *zBy, *zAt;
} StatementDecision;

/* A decision to make on one line. */
typedef struct LineDecision {
  int64_t iExpense;
  const char *zDecision;     /* approved | rejected */
  const char *zReason;       /* required for rejected: 1..200 characters */
} LineDecision;

/*
** Generates the statement of cooperative iOrg on stream iStream for
** quarter zQuarter, or refreshes it when it exists and may change
** (draft, partly_approved, rejected): either way it takes every expense
** statement_takes() gives it.  Checks: iOrg a cooperative of the agency
** within w's reach ("unknown cooperative" on organisation_id), iStream
** the agency's (funding_stream_id), zQuarter well formed and not after
** zToday's (quarter).  Sets *pId, *pbCreated and *pnAdded (lines added).
** DOMAIN_CONFLICT when it exists and may not change now.
*/
int statement_generate(Db *db, const MoneyWho *w, int64_t iOrg, int64_t iStream,
                       const char *zQuarter, const char *zToday, int64_t *pId, int *pbCreated,
                       int *pnAdded, Errors *pErr);

/* Statement id within w's reach, its lines counted.  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int statement_get(Db *db, Arena *a, const MoneyWho *w, int64_t id, Statement *p);

/* Filters of statement_list(); 0 / NULL / -1 filter nothing. */
typedef struct StatementFilter {
  int64_t iOrg, iStream;
  int iQuarter;
  int eStatus;
} StatementFilter;

/* The statements within w's reach matching pF, newest quarter first,
** lines counted, into a new arena array (at most 2000).  0 or a db.h
** code. */
int statement_list(Db *db, Arena *a, const MoneyWho *w, const StatementFilter *pF,
                   Statement **pa, int *pn);

/* The lines of statement id (expenses, as expense_list orders them). */
int statement_lines(Db *db, Arena *a, const MoneyWho *w, int64_t id, Expense **pa, int *pn);

/* The history of decisions of statement id, oldest first. */
int statement_decisions(Db *db, Arena *a, int64_t id, StatementDecision **pa, int *pn);

/* Takes expense iExpense out of statement id (statement_line_problem
** SA_REMOVE).  DOMAIN_NOT_FOUND when it is not one of its lines. */
int statement_remove_line(Db *db, const MoneyWho *w, int64_t id, int64_t iExpense, Errors *pErr);

/* Submits statement id on zToday (statement_submit_problem), numbering
** the submission; with no line pending (the rejected ones removed) the
** review concludes at once. */
int statement_submit(Db *db, const MoneyWho *w, int64_t id, const char *zToday, Errors *pErr);

/*
** The agency's decisions a[0..n) on lines of statement id (submitted),
** each recorded in the history; then the status follows
** statement_review_status().  Errors under "decisions.<expense id>" (or
** "decisions" when n is 0; the names live in a): an unknown line, a decision other than
** approved/rejected, a rejection without a reason.  All or nothing.
*/
int statement_decide(Db *db, Arena *a, const MoneyWho *w, int64_t id, const LineDecision *aD,
                     int n, Errors *pErr);

/* Marks statement id (approved) reimbursed: paid on zPaidOn (a date, not
** after zToday, not before the last submission), paid_cents the approved
** lines' total.  Errors on "paid_on". */
int statement_reimburse(Db *db, const MoneyWho *w, int64_t id, const char *zPaidOn,
                        const char *zToday, Errors *pErr);

/* Deletes statement id (a draft), freeing its lines. */
int statement_delete(Db *db, const MoneyWho *w, int64_t id, Errors *pErr);

#endif
