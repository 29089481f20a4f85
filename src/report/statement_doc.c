/*
** statement_doc.c — the quarterly statement as a PDF and as an XLSX
** workbook (see statement_doc.h).  Labels of kinds, statuses and
** decisions come from money.h, so that the documents and the pages name
** them alike.
*/
#include "statement_doc.h"

#include <string.h>

#include "../lib/i18n.h"
#include "../lib/money.h"
#include "pdf.h"
#include "rdoc.h"

/* ---- labels ---- */

static const char *sd_euros(Arena *a, int iLang, int64_t iCents) {
  char *z = arena_alloc(a, 40);
  money_format(iCents, iLang == LANG_IT, z, 40);
  return z;
}

static const char *sd_kind(int iLang, const char *zKind) {
  int e = expense_kind_find(zKind);
  return e < 0 ? zKind : tr(iLang, expense_kind_label((ExpenseKind)e));
}

static const char *sd_decision(int iLang, const char *zDecision) {
  int e = line_state_find(zDecision);
  return tr(iLang, e == LINE_APPROVED ? N_("Approved") : e == LINE_REJECTED ? N_("Rejected")
                                                                              : N_("Pending"));
}

/* "1.5 h × € 22,00", or NULL for a line that is not hours. */
static const char *sd_hours(Arena *a, int iLang, const Expense *e) {
  if (!e->iHoursX100) return NULL;
  char zH[24];
  money_hours_format(e->iHoursX100, iLang == LANG_IT, zH);
  return arena_printf(a, "%s h × %s", zH, sd_euros(a, iLang, e->iRateCents));
}

static const char *sd_quarter_dates(Arena *a, int iLang, const Statement *s) {
  char zFirst[11], zLast[11];
  quarter_first_day(s->iQuarter, zFirst);
  quarter_last_day(s->iQuarter, zLast);
  return arena_printf(a, "%s (%s – %s)", s->zQuarter, tr_date(a, iLang, zFirst),
                      tr_date(a, iLang, zLast));
}

/* ---- PDF ---- */

static void sd_head(Pdf *p, const Statement *s, int iLang, Arena *a) {
  pdf_title(p, tr(iLang, "Quarterly statement"),
            arena_printf(a, "%s · %s · %s", s->zOrganisation, s->zStreamName, s->zQuarter));
  pdf_field(p, tr(iLang, "Cooperative"), s->zOrganisation);
  pdf_field(p, tr(iLang, "Funding stream"), arena_printf(a, "%s (%s)", s->zStreamName, s->zStreamCode));
  pdf_field(p, tr(iLang, "Quarter"), sd_quarter_dates(a, iLang, s));
  pdf_field(p, tr(iLang, "Status"), tr(iLang, statement_status_label(s->eStatus)));
  if (s->nSubmission)
    pdf_field(p, tr(iLang, "Submitted"),
              arena_printf(a, tr(iLang, "%s (submission %d)"), tr_date(a, iLang, arena_strndup(a, s->zSubmittedAt, 10)),
                           s->nSubmission));
  if (s->zPaidOn)
    pdf_field(p, tr(iLang, "Reimbursed"),
              arena_printf(a, "%s, %s", tr_date(a, iLang, s->zPaidOn), sd_euros(a, iLang, s->nPaidCents)));
}

static void sd_lines(Pdf *p, const Expense *aL, int nL, int iLang, Arena *a) {
  pdf_heading(p, tr(iLang, "Lines"));
  if (!nL) {
    pdf_note(p, tr(iLang, "The statement has no lines."));
    return;
  }
  const char *azHead[] = {tr(iLang, "Date"), tr(iLang, "Intervention"), tr(iLang, "Kind"),
                          tr(iLang, "Description"), tr(iLang, "Hours"), tr(iLang, "Amount"),
                          tr(iLang, "Decision")};
  static const double aW[] = {2, 3, 2, 4, 2.4, 2, 3};
  pdf_table_begin(p, 7, azHead, aW);
  for (int i = 0; i < nL; i++) {
    const Expense *e = &aL[i];
    const char *zDecision = sd_decision(iLang, e->zDecision);
    if (e->zDecisionReason) zDecision = arena_printf(a, "%s: %s", zDecision, e->zDecisionReason);
    const char *az[] = {tr_date(a, iLang, e->zSpentOn),
                        arena_printf(a, "%s — %s", e->zServiceName, e->zPersonRef),
                        sd_kind(iLang, e->zKind), e->zDescription, sd_hours(a, iLang, e),
                        sd_euros(a, iLang, e->iAmountCents), zDecision};
    pdf_table_row(p, az);
  }
  pdf_table_end(p);
}

static void sd_totals(Pdf *p, const Statement *s, int iLang, Arena *a) {
  pdf_heading(p, tr(iLang, "Totals"));
  pdf_field(p, tr(iLang, "Claimed"), arena_printf(a, trn(iLang, "%s (%d line)", "%s (%d lines)", s->nLine),
                                                  sd_euros(a, iLang, s->nTotalCents), s->nLine));
  pdf_field(p, tr(iLang, "Approved"), sd_euros(a, iLang, s->nApprovedCents));
  pdf_field(p, tr(iLang, "Rejected"), sd_euros(a, iLang, s->nRejectedCents));
  pdf_field(p, tr(iLang, "Pending"), sd_euros(a, iLang, s->nPendingCents));
}

static void sd_history(Pdf *p, const StatementDecision *aD, int nD, int iLang, Arena *a) {
  if (!nD) return;
  pdf_heading(p, tr(iLang, "Decisions"));
  const char *azHead[] = {tr(iLang, "Date"), tr(iLang, "Line"), tr(iLang, "Submission"),
                          tr(iLang, "Decision"), tr(iLang, "Amount"), tr(iLang, "Reason"),
                          tr(iLang, "By")};
  static const double aW[] = {2, 1.2, 1.6, 2, 2, 4, 3};
  pdf_table_begin(p, 7, azHead, aW);
  for (int i = 0; i < nD; i++) {
    const StatementDecision *d = &aD[i];
    const char *az[] = {tr_date(a, iLang, arena_strndup(a, d->zAt, 10)),
                        arena_printf(a, "%lld", (long long)d->iExpense),
                        arena_printf(a, "%d", d->nSubmission), sd_decision(iLang, d->zDecision),
                        sd_euros(a, iLang, d->nAmountCents), d->zReason, d->zBy};
    pdf_table_row(p, az);
  }
  pdf_table_end(p);
}

int statement_pdf(const Statement *s, const Expense *aL, int nL, const StatementDecision *aD,
                  int nD, int iLang, const char *zAgency, Arena *a, Buf *pOut) {
  Pdf *p = pdf_new(iLang, tr(iLang, "Quarterly statement"), zAgency);
  sd_head(p, s, iLang, a);
  sd_lines(p, aL, nL, iLang, a);
  sd_totals(p, s, iLang, a);
  sd_history(p, aD, nD, iLang, a);
  const char *azWho[] = {tr(iLang, "For the cooperative"), tr(iLang, "For the agency")};
  const char *azName[] = {s->zSubmittedBy, s->zReviewedBy};
  pdf_space(p, 6);
  pdf_signatures(p, tr(iLang, "Place and date"), 2, azWho, azName);
  return pdf_finish(p, pOut, NULL);
}

/* ---- XLSX ---- */

static void sd_summary(RDoc *d, const Statement *s, int iLang, Arena *a) {
  static const char *const azCode[] = {"item", "value"};
  const char *azLabel[] = {tr(iLang, "Item"), tr(iLang, "Value")};
  RTable *t = rdoc_view(d, "summary", tr(iLang, "Summary"), 2, azCode, azLabel);
  rt_text(t, tr(iLang, "Cooperative"));
  rt_text(t, s->zOrganisation);
  rt_text(t, tr(iLang, "Funding stream"));
  rt_text(t, s->zStreamCode);
  rt_text(t, tr(iLang, "Quarter"));
  rt_text(t, s->zQuarter);
  rt_text(t, tr(iLang, "Status"));
  rt_text(t, tr(iLang, statement_status_label(s->eStatus)));
  const struct { const char *z; int64_t v; } aRow[] = {
      {N_("Claimed"), s->nTotalCents}, {N_("Approved"), s->nApprovedCents},
      {N_("Rejected"), s->nRejectedCents}, {N_("Pending"), s->nPendingCents}};
  for (size_t i = 0; i < sizeof aRow / sizeof *aRow; i++) {
    rt_text(t, tr(iLang, aRow[i].z));
    rt_real(t, (double)aRow[i].v / 100.0, 2);
  }
  rt_text(t, tr(iLang, "Paid on"));
  rt_text(t, s->zPaidOn);
  (void)a;
}

int statement_xlsx(const Statement *s, const Expense *aL, int nL, int iLang, Arena *a, Buf *pOut) {
  RDoc d;
  rdoc_init(&d, a, "statement", tr(iLang, "Quarterly statement"));
  rdoc_subtitle(&d, "%s · %s · %s", s->zOrganisation, s->zStreamCode, s->zQuarter);
  static const char *const azCode[] = {STATEMENT_XLSX_COLUMNS};
  const char *azLabel[] = {tr(iLang, "Date"),        tr(iLang, "Intervention"), tr(iLang, "Reference"),
                           tr(iLang, "Service"),     tr(iLang, "Kind"),         tr(iLang, "Description"),
                           tr(iLang, "Hours"),       tr(iLang, "Hourly rate"),  tr(iLang, "Amount"),
                           tr(iLang, "Decision"),    tr(iLang, "Reason")};
  RTable *t = rdoc_view(&d, "lines", tr(iLang, "Lines"), 11, azCode, azLabel);
  for (int i = 0; i < nL; i++) {
    const Expense *e = &aL[i];
    rt_text(t, e->zSpentOn);
    rt_int(t, e->iIntervention);
    rt_text(t, e->zPersonRef);
    rt_text(t, e->zServiceName);
    rt_text(t, sd_kind(iLang, e->zKind));
    rt_text(t, e->zDescription);
    if (e->iHoursX100) {
      rt_real(t, (double)e->iHoursX100 / 100.0, 2);
      rt_real(t, (double)e->iRateCents / 100.0, 2);
    } else {
      rt_null(t);
      rt_null(t);
    }
    rt_real(t, (double)e->iAmountCents / 100.0, 2);
    rt_text(t, sd_decision(iLang, e->zDecision));
    rt_text(t, e->zDecisionReason);
  }
  rt_note(t, "%s: %s", tr(iLang, "Claimed"), sd_euros(a, iLang, s->nTotalCents));
  sd_summary(&d, s, iLang, a);
  return rdoc_xlsx(&d, pOut);
}
