/*
** money.h — the rules of the programme's money (issue 6, "Money";
** docs/money.md), pure: no database, no allocation beyond the arena a
** caller passes.  What the expense and statement modules (expense.h,
** statement.h) and the money overview (money_overview.c) decide rests on
** the functions here, so that the unit tests reach every rule directly.
**
**   - quarters: "2021-Q3" as an index (year * 4 + quarter - 1), the
**     quarter of a date, its first and last day;
**   - amounts: hours in hundredths ("1,5" -> 150) times an hourly rate in
**     cents, rounded half up to the cent;
**   - the quarterly statement's state machine: which action each status
**     allows, what the review of the lines concludes;
**   - which expenses go into a quarter's statement;
**   - the figures per stream, per cooperative and per quarter
**     (allocation, committed, spent, reimbursed, left) and the warnings
**     (a stream committed beyond its allocation, a cooperative late with
**     its statement).
**
** Money is integer cents everywhere (lib/money.h formats and parses
** euros); no floating point.
*/
#ifndef ALI_DOMAIN_MONEY_H
#define ALI_DOMAIN_MONEY_H
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"

/* ------------------------------------------------------------------ */
/* Quarters                                                            */
/* ------------------------------------------------------------------ */

/* The index of quarter "YYYY-Qn" (n 1..4, year 1800..2200), or -1 when
** z is not exactly that.  Index = year * 4 + n - 1, so that consecutive
** quarters have consecutive indexes. */
int quarter_parse(const char *z);

/* Writes quarter iQ as "YYYY-Qn" (8 bytes with the NUL). */
void quarter_format(int iQ, char zOut[8]);

/* The quarter holding date zDate ("YYYY-MM-DD"), or -1 when not a date. */
int quarter_of_date(const char *zDate);

/* The quarter of a year and month (1..12); -1 when the month is out of
** range.  For grouping "YYYY-MM" rows. */
int quarter_of_month(const char *zYearMonth);

/* The first and the last day of quarter iQ, "YYYY-MM-DD". */
void quarter_first_day(int iQ, char zOut[11]);
void quarter_last_day(int iQ, char zOut[11]);

/* ------------------------------------------------------------------ */
/* Amounts                                                             */
/* ------------------------------------------------------------------ */

/* The most hours one expense line may hold: 10,000 h (in hundredths). */
#define MONEY_HOURS_MAX_X100 1000000

/*
** Parse hours as people type them: "2", "1,5", "1.25", "0,75" (at most
** two decimals, '.' or ',' as the decimal separator, no thousands
** separator, spaces around allowed).  Stores hundredths of an hour
** through pX100 and returns 0; -1 for anything else, zero, or more than
** MONEY_HOURS_MAX_X100.
*/
int money_hours_parse(const char *z, int64_t *pX100);

/* Hours in hundredths as text: "2", "1.5", "1.25" (bItalian: "1,5"). */
void money_hours_format(int64_t iX100, int bItalian, char zOut[24]);

/* The amount of iX100 hundredths of an hour at iRateCents per hour, in
** cents, rounded half up: (iX100 * iRateCents + 50) / 100 — the same
** formula the schema checks.  -1 when an input is not positive or the
** result would exceed MONEY_MAX_CENTS. */
int64_t money_hours_amount(int64_t iX100, int64_t iRateCents);

/* ------------------------------------------------------------------ */
/* Expense kinds                                                       */
/* ------------------------------------------------------------------ */

typedef enum ExpenseKind { EK_HOURS, EK_COURSE_FEE, EK_INDEMNITY, EK_OTHER, EK_COUNT } ExpenseKind;

/* "hours", "course_fee", "indemnity", "other"; and back (-1: unknown). */
const char *expense_kind_code(ExpenseKind e);
int expense_kind_find(const char *z);
/* The English label, a msgid ("Hours worked"...). */
const char *expense_kind_label(ExpenseKind e);

/* NULL when an expense of kind e fits an intervention of service kind
** zServiceKind (service.kind), else why not (a msgid): course fees only
** on training courses, indemnities only on internships. */
const char *expense_kind_problem(ExpenseKind e, const char *zServiceKind);

/* ------------------------------------------------------------------ */
/* The quarterly statement                                             */
/* ------------------------------------------------------------------ */

typedef enum StStatus {
  ST_DRAFT,           /* generated; the cooperative may change it */
  ST_SUBMITTED,       /* with the agency: lines are being decided */
  ST_APPROVED,        /* every line approved: to be paid */
  ST_PARTLY_APPROVED, /* some lines rejected: back with the cooperative */
  ST_REJECTED,        /* every line rejected: back with the cooperative */
  ST_REIMBURSED,      /* paid; final */
  ST_COUNT
} StStatus;

typedef enum StAction {
  SA_REFRESH,   /* add the expenses that are due and in no statement */
  SA_REMOVE,    /* take a line out (the expense is free again) */
  SA_EDIT,      /* change an expense that is a line */
  SA_SUBMIT,    /* hand it to the agency */
  SA_DECIDE,    /* approve or reject a line */
  SA_REIMBURSE, /* mark it paid */
  SA_DELETE,    /* drop the statement, freeing its lines */
  SA_COUNT
} StAction;

/* A line's decision. */
typedef enum LineState { LINE_PENDING, LINE_APPROVED, LINE_REJECTED } LineState;

const char *statement_status_code(StStatus e); /* "draft" ... "reimbursed" */
int statement_status_find(const char *z);      /* -1: unknown */
const char *statement_status_label(StStatus e); /* msgid */
/* "approved", "rejected", NULL for pending; and back (NULL -> pending,
** -1 for anything else). */
const char *line_state_code(LineState e);
int line_state_find(const char *z);

/*
** NULL when action eA is allowed on a statement in status eS, else why
** not (a msgid for a 409).  Who may act (the cooperative or the agency)
** is the caller's business; this is the state machine:
**
**   refresh, remove, edit:  draft, partly_approved, rejected
**   submit:                 draft, partly_approved, rejected
**   decide:                 submitted
**   reimburse:              approved
**   delete:                 draft
*/
const char *statement_action_problem(StStatus eS, StAction eA);

/*
** The same for an action on one line in state eL: in partly_approved and
** rejected statements only pending (corrected or added) and rejected
** lines may be edited or removed -- an approved line is settled.
*/
const char *statement_line_problem(StStatus eS, LineState eL, StAction eA);

/*
** NULL when a statement in status eS with nPending, nApproved and
** nRejected lines may be submitted on date zToday for quarter iQ, else
** why not: the status must allow it, the quarter must be over, the
** statement must hold a line, and no line may still be rejected (correct
** or remove it first).
*/
const char *statement_submit_problem(StStatus eS, int iQ, const char *zToday, int nPending,
                                     int nApproved, int nRejected);

/*
** The status after a submission or a decision: submitted while a line is
** pending; then approved (none rejected), rejected (none approved) or
** partly_approved.  A statement without lines stays submitted.
*/
StStatus statement_review_status(int nPending, int nApproved, int nRejected);

/*
** Whether an expense goes into the statement of cooperative iOrg, stream
** iStream, quarter iQ when it is generated or refreshed: it is that
** cooperative's, on that stream, in no statement yet, and was spent in
** that quarter or before (a forgotten expense joins the next statement).
** Returns 1 or 0.
*/
int statement_takes(int64_t iOrg, int64_t iStream, int iQ, int64_t iExpenseOrg,
                    int64_t iExpenseStream, const char *zSpentOn, int64_t iExpenseStatement);

/* ------------------------------------------------------------------ */
/* Figures and warnings                                                */
/* ------------------------------------------------------------------ */

/* Days after a quarter's end by which its statement is due. */
#define STATEMENT_DUE_DAYS 30

/* One fact: the money of one stream, cooperative (0: none) and quarter. */
typedef struct MoneyCell {
  int64_t iStream;
  int64_t iOrg;
  int iQuarter;
  int64_t nCommitted;  /* estimated cost of agreed interventions */
  int64_t nSpent;      /* approved expenses */
  int64_t nReimbursed; /* approved expenses of reimbursed statements */
} MoneyCell;

/* A row of a breakdown: the sums over the cells that share its key. */
typedef struct MoneyRow {
  int64_t iStream;
  int64_t iOrg;       /* 0 in a per-stream or per-quarter row */
  int iQuarter;       /* -1 in a per-stream or per-cooperative row */
  int64_t nAllocation; /* the stream's (per-stream rows only; else 0) */
  int64_t nCommitted, nSpent, nReimbursed;
  int64_t nLeft;      /* per-stream rows: allocation - max(committed, spent) */
} MoneyRow;

/* What to group the cells by. */
typedef enum MoneyBy { MB_STREAM, MB_STREAM_ORG, MB_STREAM_QUARTER } MoneyBy;

/*
** Sums the n cells of a by eBy into a new arena array *paOut (*pnOut
** rows), ordered by stream (the order of aStream), then cooperative id
** or quarter.  aStream/aAlloc give the nStream streams and their
** allocations: every stream gets a per-stream row even without cells;
** cells of a stream not listed are left out.
*/
void money_breakdown(Arena *a, const MoneyCell *aCell, int n, const int64_t *aStream,
                     const int64_t *aAlloc, int nStream, MoneyBy eBy, MoneyRow **paOut,
                     int *pnOut);

/* A warning of the money overview. */
typedef enum MoneyWarnKind {
  MW_OVERCOMMITTED, /* committed beyond the allocation */
  MW_NEARLY_SPENT,  /* committed 90% or more of the allocation */
  MW_LATE,          /* a quarter's expenses not submitted STATEMENT_DUE_DAYS after its end */
} MoneyWarnKind;

typedef struct MoneyWarning {
  MoneyWarnKind e;
  int64_t iStream;
  int64_t iOrg;       /* MW_LATE */
  int iQuarter;       /* MW_LATE */
  int64_t nAmount;    /* over: committed - allocation; nearly: what is left;
                      ** late: the amount not submitted */
  int nDaysLate;      /* MW_LATE: days after the due date */
} MoneyWarning;

/* The stream warning of one per-stream row, if any: 1 and *pW filled,
** or 0.  A stream with no allocation and nothing committed warns not. */
int money_stream_warning(const MoneyRow *pRow, MoneyWarning *pW);

/*
** The late warning of nUnsubmitted cents of cooperative iOrg's expenses
** on stream iStream spent in quarter iQ that are in no submitted
** statement, on date zToday: 1 and *pW filled when the quarter ended
** more than STATEMENT_DUE_DAYS days before zToday, else 0.
*/
int money_late_warning(int64_t iOrg, int64_t iStream, int iQ, int64_t nUnsubmitted,
                       const char *zToday, MoneyWarning *pW);

#endif
