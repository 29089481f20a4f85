/*
** money.c — the pure rules of the programme's money (see money.h):
** quarters, hours times rates, the statement's state machine, the
** breakdown of the figures and the warnings.  No database, no I/O.
** Characters are classified by explicit ASCII ranges, never by
** <ctype.h>, whose answers follow the locale.
*/
#include "money.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/money.h"

/* ---- quarters ---- */

static int mn_digits(const char *z, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

int quarter_parse(const char *z) {
  if (!z || strlen(z) != 7 || z[4] != '-' || z[5] != 'Q' || z[6] < '1' || z[6] > '4') return -1;
  int y = mn_digits(z, 4);
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) return -1;
  return y * 4 + (z[6] - '1');
}

void quarter_format(int iQ, char zOut[8]) {
  unsigned y = iQ < 0 ? 0 : (unsigned)(iQ / 4) % 10000, q = iQ < 0 ? 1 : (unsigned)(iQ % 4) + 1;
  zOut[0] = (char)('0' + y / 1000);
  zOut[1] = (char)('0' + y / 100 % 10);
  zOut[2] = (char)('0' + y / 10 % 10);
  zOut[3] = (char)('0' + y % 10);
  zOut[4] = '-';
  zOut[5] = 'Q';
  zOut[6] = (char)('0' + q);
  zOut[7] = 0;
}

int quarter_of_date(const char *zDate) {
  int y, m;
  if (date_parse(zDate, &y, &m, 0)) return -1;
  return y * 4 + (m - 1) / 3;
}

int quarter_of_month(const char *z) {
  if (!z || strlen(z) < 7 || z[4] != '-') return -1;
  int y = mn_digits(z, 4), m = mn_digits(z + 5, 2);
  if (y < 0 || m < 1 || m > 12) return -1;
  return y * 4 + (m - 1) / 3;
}

void quarter_first_day(int iQ, char zOut[11]) { date_format(iQ / 4, (iQ % 4) * 3 + 1, 1, zOut); }

void quarter_last_day(int iQ, char zOut[11]) {
  static const int aLast[4] = {31, 30, 30, 31}; /* Mar, Jun, Sep, Dec */
  date_format(iQ / 4, (iQ % 4) * 3 + 3, aLast[iQ % 4], zOut);
}

/* ---- amounts ---- */

int money_hours_parse(const char *z, int64_t *pX100) {
  if (!z) return -1;
  while (*z == ' ') z++;
  size_t n = strlen(z);
  while (n && z[n - 1] == ' ') n--;
  int64_t v = 0;
  size_t i = 0, nInt = 0;
  for (; i < n && z[i] >= '0' && z[i] <= '9'; i++, nInt++) {
    v = v * 10 + (z[i] - '0');
    if (v > MONEY_HOURS_MAX_X100) return -1;
  }
  if (nInt == 0) return -1;
  v *= 100;
  if (i < n) {
    if (z[i] != '.' && z[i] != ',') return -1;
    size_t nFrac = n - i - 1;
    if (nFrac < 1 || nFrac > 2) return -1;
    int f = mn_digits(z + i + 1, (int)nFrac);
    if (f < 0) return -1;
    v += nFrac == 1 ? f * 10 : f;
  }
  if (v <= 0 || v > MONEY_HOURS_MAX_X100) return -1;
  *pX100 = v;
  return 0;
}

void money_hours_format(int64_t iX100, int bItalian, char zOut[24]) {
  long long h = (long long)(iX100 / 100), f = (long long)(iX100 % 100);
  char cSep = bItalian ? ',' : '.';
  if (f == 0)
    snprintf(zOut, 24, "%lld", h);
  else if (f % 10 == 0)
    snprintf(zOut, 24, "%lld%c%lld", h, cSep, f / 10);
  else
    snprintf(zOut, 24, "%lld%c%02lld", h, cSep, f);
}

int64_t money_hours_amount(int64_t iX100, int64_t iRateCents) {
  if (iX100 <= 0 || iRateCents <= 0 || iX100 > MONEY_HOURS_MAX_X100) return -1;
  if (iRateCents > (MONEY_MAX_CENTS * 100) / iX100) return -1; /* the product would overflow */
  int64_t v = (iX100 * iRateCents + 50) / 100;
  return v > MONEY_MAX_CENTS ? -1 : v;
}

/* ---- expense kinds ---- */

static const char *const mn_azKind[EK_COUNT] = {"hours", "course_fee", "indemnity", "other"};
static const char *const mn_azKindLabel[EK_COUNT] = {N_("Hours worked"), N_("Course fee"),
                                                     N_("Internship indemnity"), N_("Other")};

const char *expense_kind_code(ExpenseKind e) { return e < EK_COUNT ? mn_azKind[e] : 0; }
const char *expense_kind_label(ExpenseKind e) { return e < EK_COUNT ? mn_azKindLabel[e] : 0; }

int expense_kind_find(const char *z) {
  for (int i = 0; z && i < EK_COUNT; i++) {
    if (strcmp(z, mn_azKind[i]) == 0) return i;
  }
  return -1;
}

const char *expense_kind_problem(ExpenseKind e, const char *zServiceKind) {
  const char *z = zServiceKind ? zServiceKind : "";
  if (e == EK_COURSE_FEE && strcmp(z, "training") != 0)
    return N_("a course fee belongs to a training course");
  if (e == EK_INDEMNITY && strcmp(z, "internship") != 0)
    return N_("an indemnity belongs to an internship");
  return 0;
}

/* ---- the statement's state machine ---- */

static const char *const mn_azStatus[ST_COUNT] = {"draft",           "submitted", "approved",
                                                  "partly_approved", "rejected",  "reimbursed"};
static const char *const mn_azStatusLabel[ST_COUNT] = {
    N_("Draft"), N_("Submitted"), N_("Approved"), N_("Partly approved"), N_("Rejected"),
    N_("Reimbursed")};

const char *statement_status_code(StStatus e) { return e < ST_COUNT ? mn_azStatus[e] : 0; }
const char *statement_status_label(StStatus e) { return e < ST_COUNT ? mn_azStatusLabel[e] : 0; }

int statement_status_find(const char *z) {
  for (int i = 0; z && i < ST_COUNT; i++) {
    if (strcmp(z, mn_azStatus[i]) == 0) return i;
  }
  return -1;
}

const char *line_state_code(LineState e) {
  return e == LINE_APPROVED ? "approved" : e == LINE_REJECTED ? "rejected" : 0;
}

int line_state_find(const char *z) {
  if (!z) return LINE_PENDING;
  if (strcmp(z, "approved") == 0) return LINE_APPROVED;
  if (strcmp(z, "rejected") == 0) return LINE_REJECTED;
  return -1;
}

/* Bit s of aAllowed[a]: action a is allowed in status s. */
#define B(s) (1u << (s))
static const unsigned mn_aAllowed[SA_COUNT] = {
    [SA_REFRESH] = B(ST_DRAFT) | B(ST_PARTLY_APPROVED) | B(ST_REJECTED),
    [SA_REMOVE] = B(ST_DRAFT) | B(ST_PARTLY_APPROVED) | B(ST_REJECTED),
    [SA_EDIT] = B(ST_DRAFT) | B(ST_PARTLY_APPROVED) | B(ST_REJECTED),
    [SA_SUBMIT] = B(ST_DRAFT) | B(ST_PARTLY_APPROVED) | B(ST_REJECTED),
    [SA_DECIDE] = B(ST_SUBMITTED),
    [SA_REIMBURSE] = B(ST_APPROVED),
    [SA_DELETE] = B(ST_DRAFT),
};
#undef B

const char *statement_action_problem(StStatus eS, StAction eA) {
  if (eS >= ST_COUNT || eA >= SA_COUNT) return N_("the statement cannot change now");
  if (mn_aAllowed[eA] & (1u << eS)) return 0;
  switch (eS) {
    case ST_SUBMITTED: return N_("the statement is with the agency for review");
    case ST_REIMBURSED: return N_("the statement has been reimbursed");
    case ST_APPROVED:
      return eA == SA_DECIDE ? N_("the review of the statement is over")
                             : N_("the statement is approved and waits for payment");
    case ST_DRAFT:
      return eA == SA_REIMBURSE ? N_("only an approved statement can be reimbursed")
                                : N_("the statement has not been submitted");
    default:
      return eA == SA_DECIDE ? N_("the review of the statement is over")
             : eA == SA_REIMBURSE ? N_("only an approved statement can be reimbursed")
                                  : N_("only a draft statement can be deleted");
  }
}

const char *statement_line_problem(StStatus eS, LineState eL, StAction eA) {
  const char *z = statement_action_problem(eS, eA);
  if (z) return z;
  if ((eA == SA_EDIT || eA == SA_REMOVE) && eS != ST_DRAFT && eL == LINE_APPROVED)
    return N_("the line has been approved");
  return 0;
}

const char *statement_submit_problem(StStatus eS, int iQ, const char *zToday, int nPending,
                                     int nApproved, int nRejected) {
  const char *z = statement_action_problem(eS, SA_SUBMIT);
  if (z) return z;
  int iToday = quarter_of_date(zToday);
  if (iToday >= 0 && iQ >= iToday) return N_("the quarter is not over yet");
  if (nPending + nApproved + nRejected == 0) return N_("the statement has no lines");
  if (nRejected) return N_("correct or remove the rejected lines first");
  return 0;
}

StStatus statement_review_status(int nPending, int nApproved, int nRejected) {
  if (nPending || nApproved + nRejected == 0) return ST_SUBMITTED;
  if (!nRejected) return ST_APPROVED;
  return nApproved ? ST_PARTLY_APPROVED : ST_REJECTED;
}

int statement_takes(int64_t iOrg, int64_t iStream, int iQ, int64_t iExpenseOrg,
                    int64_t iExpenseStream, const char *zSpentOn, int64_t iExpenseStatement) {
  if (iExpenseStatement || iExpenseOrg != iOrg || iExpenseStream != iStream) return 0;
  int iSpent = quarter_of_date(zSpentOn);
  return iSpent >= 0 && iSpent <= iQ;
}

/* ---- figures ---- */

static int mn_stream_index(const int64_t *aStream, int nStream, int64_t iStream) {
  for (int i = 0; i < nStream; i++) {
    if (aStream[i] == iStream) return i;
  }
  return -1;
}

/* The row of key (iStream, iOrg, iQuarter) in a[0..*pn), added when missing. */
static MoneyRow *mn_row(MoneyRow *a, int *pn, int64_t iStream, int64_t iOrg, int iQuarter) {
  for (int i = 0; i < *pn; i++) {
    if (a[i].iStream == iStream && a[i].iOrg == iOrg && a[i].iQuarter == iQuarter) return &a[i];
  }
  MoneyRow *p = &a[(*pn)++];
  memset(p, 0, sizeof *p);
  p->iStream = iStream;
  p->iOrg = iOrg;
  p->iQuarter = iQuarter;
  return p;
}

/* Orders rows by the stream's position, then cooperative, then quarter. */
static void mn_sort(MoneyRow *a, int n, const int64_t *aStream, int nStream) {
  for (int i = 1; i < n; i++) { /* insertion sort: breakdowns are short */
    MoneyRow x = a[i];
    int kx = mn_stream_index(aStream, nStream, x.iStream), j = i - 1;
    while (j >= 0) {
      int kj = mn_stream_index(aStream, nStream, a[j].iStream);
      int bAfter = kj > kx || (kj == kx && (a[j].iOrg > x.iOrg ||
                                             (a[j].iOrg == x.iOrg && a[j].iQuarter > x.iQuarter)));
      if (!bAfter) break;
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

void money_breakdown(Arena *a, const MoneyCell *aCell, int n, const int64_t *aStream,
                     const int64_t *aAlloc, int nStream, MoneyBy eBy, MoneyRow **paOut,
                     int *pnOut) {
  MoneyRow *aRow = arena_alloc(a, sizeof *aRow * (size_t)(n + nStream + 1));
  int nRow = 0;
  if (eBy == MB_STREAM) {
    for (int i = 0; i < nStream; i++) mn_row(aRow, &nRow, aStream[i], 0, -1)->nAllocation = aAlloc[i];
  }
  for (int i = 0; i < n; i++) {
    const MoneyCell *c = &aCell[i];
    if (mn_stream_index(aStream, nStream, c->iStream) < 0) continue;
    MoneyRow *p = mn_row(aRow, &nRow, c->iStream, eBy == MB_STREAM_ORG ? c->iOrg : 0,
                         eBy == MB_STREAM_QUARTER ? c->iQuarter : -1);
    p->nCommitted += c->nCommitted;
    p->nSpent += c->nSpent;
    p->nReimbursed += c->nReimbursed;
  }
  for (int i = 0; eBy == MB_STREAM && i < nRow; i++) {
    MoneyRow *p = &aRow[i];
    p->nLeft = p->nAllocation - (p->nCommitted > p->nSpent ? p->nCommitted : p->nSpent);
  }
  mn_sort(aRow, nRow, aStream, nStream);
  *paOut = aRow;
  *pnOut = nRow;
}

/* ---- warnings ---- */

int money_stream_warning(const MoneyRow *p, MoneyWarning *pW) {
  memset(pW, 0, sizeof *pW);
  pW->iStream = p->iStream;
  pW->iQuarter = -1;
  if (p->nCommitted > p->nAllocation) {
    pW->e = MW_OVERCOMMITTED;
    pW->nAmount = p->nCommitted - p->nAllocation;
    return 1;
  }
  /* 90% or more committed: committed * 10 >= allocation * 9 */
  if (p->nAllocation > 0 && p->nCommitted * 10 >= p->nAllocation * 9) {
    pW->e = MW_NEARLY_SPENT;
    pW->nAmount = p->nAllocation - p->nCommitted;
    return 1;
  }
  return 0;
}

int money_late_warning(int64_t iOrg, int64_t iStream, int iQ, int64_t nUnsubmitted,
                       const char *zToday, MoneyWarning *pW) {
  int y, m, d;
  if (nUnsubmitted <= 0 || date_parse(zToday, &y, &m, &d)) return 0;
  char zLast[11];
  quarter_last_day(iQ, zLast);
  int yl, ml, dl;
  date_parse(zLast, &yl, &ml, &dl);
  int64_t nDays = date_days(y, m, d) - date_days(yl, ml, dl) - STATEMENT_DUE_DAYS;
  if (nDays <= 0) return 0;
  memset(pW, 0, sizeof *pW);
  pW->e = MW_LATE;
  pW->iStream = iStream;
  pW->iOrg = iOrg;
  pW->iQuarter = iQ;
  pW->nAmount = nUnsubmitted;
  pW->nDaysLate = nDays > 100000 ? 100000 : (int)nDays;
  return 1;
}
