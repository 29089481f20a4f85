/*
** report_money.c — report "money": the funding streams' money
** (money_overview, src/domain/money_overview.h, whose definitions of
** committed, spent, reimbursed and left it keeps) per stream, per
** cooperative and per quarter, in euros, with the warnings as notes.
** The whole agency's money: the manager's (CAP_STATEMENT_REVIEW).
** Rounds do not divide money (a stream spans them), so --round is not
** used; the per-quarter view is the time line.
**
** CSV (long): stream,cooperative,quarter,measure,euros — one row per
** figure: for each stream (cooperative and quarter "total") its
** allocation, committed, spent, reimbursed and left; for each stream and
** cooperative (quarter "total"), and each stream and quarter
** (cooperative "total"), committed, spent and reimbursed.  stream is the
** stream's code, cooperative the cooperative's name, quarter like
** 2021-Q3, euros with two decimals.
*/
#include "../domain/money_overview.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "report.h"

static double euros(int64_t iCents) {
  return (double)iCents / 100.0;
}

/* One data row. */
static void money_fact(RTable *t, const char *zStream, const char *zOrg, const char *zQuarter,
                       const char *zMeasure, int64_t iCents) {
  rt_text(t, zStream);
  rt_text(t, zOrg);
  rt_text(t, zQuarter);
  rt_text(t, zMeasure);
  rt_real(t, euros(iCents), 2);
}

static const char *stream_code(const MoneyOverview *o, int64_t iStream) {
  const MoneyStream *s = money_stream(o, iStream);
  return s ? s->zCode : "";
}

static void money_by_stream(const ReportQuery *q, RDoc *d, RTable *pData,
                            const MoneyOverview *o) {
  static const char *const azCode[] = {"stream",     "allocation", "committed",
                                       "spent",      "reimbursed", "left"};
  const char *azLabel[] = {tr(q->iLang, "Funding stream"), tr(q->iLang, "Allocation"),
                           tr(q->iLang, "Committed"),      tr(q->iLang, "Spent"),
                           tr(q->iLang, "Reimbursed"),     tr(q->iLang, "Left")};
  RTable *t = rdoc_view(d, "streams", tr(q->iLang, "Per funding stream, in euros"), 6, azCode,
                        azLabel);
  for (int i = 0; i < o->nByStream; i++) {
    const MoneyRow *m = &o->aByStream[i];
    const MoneyStream *s = money_stream(o, m->iStream);
    rt_text(t, s ? s->zName : "");
    rt_real(t, euros(m->nAllocation), 2);
    rt_real(t, euros(m->nCommitted), 2);
    rt_real(t, euros(m->nSpent), 2);
    rt_real(t, euros(m->nReimbursed), 2);
    rt_real(t, euros(m->nLeft), 2);
    const char *zS = stream_code(o, m->iStream);
    money_fact(pData, zS, "total", "total", "allocation", m->nAllocation);
    money_fact(pData, zS, "total", "total", "committed", m->nCommitted);
    money_fact(pData, zS, "total", "total", "spent", m->nSpent);
    money_fact(pData, zS, "total", "total", "reimbursed", m->nReimbursed);
    money_fact(pData, zS, "total", "total", "left", m->nLeft);
  }
  for (int i = 0; i < o->nWarn; i++) {
    rt_note(t, "%s", money_warning_words(d->a, q->iLang, o, &o->aWarn[i]));
  }
  rt_chart(t, 5, 0);
}

/* The per-cooperative (bOrg) or per-quarter breakdown. */
static void money_breakdown_view(const ReportQuery *q, RDoc *d, RTable *pData,
                                 const MoneyOverview *o, int bOrg) {
  static const char *const azOrg[] = {"stream", "cooperative", "committed", "spent",
                                      "reimbursed"};
  static const char *const azQuarter[] = {"stream", "quarter", "committed", "spent",
                                          "reimbursed"};
  const char *azLabel[] = {tr(q->iLang, "Funding stream"),
                           bOrg ? tr(q->iLang, "Cooperative") : tr(q->iLang, "Quarter"),
                           tr(q->iLang, "Committed"), tr(q->iLang, "Spent"),
                           tr(q->iLang, "Reimbursed")};
  RTable *t = rdoc_view(d, bOrg ? "cooperatives" : "quarters",
                        bOrg ? tr(q->iLang, "Per cooperative, in euros")
                             : tr(q->iLang, "Per quarter, in euros"),
                        5, bOrg ? azOrg : azQuarter, azLabel);
  const MoneyRow *a = bOrg ? o->aByOrg : o->aByQuarter;
  int n = bOrg ? o->nByOrg : o->nByQuarter;
  for (int i = 0; i < n; i++) {
    const MoneyRow *m = &a[i];
    const MoneyStream *s = money_stream(o, m->iStream);
    char zQ[8] = "total";
    if (!bOrg) quarter_format(m->iQuarter, zQ);
    const char *zKey = bOrg ? money_org_name(o, m->iOrg) : zQ;
    rt_text(t, s ? s->zName : "");
    rt_text(t, zKey);
    rt_real(t, euros(m->nCommitted), 2);
    rt_real(t, euros(m->nSpent), 2);
    rt_real(t, euros(m->nReimbursed), 2);
    const char *zS = stream_code(o, m->iStream);
    const char *zOrg = bOrg ? zKey : "total";
    money_fact(pData, zS, zOrg, zQ, "committed", m->nCommitted);
    money_fact(pData, zS, zOrg, zQ, "spent", m->nSpent);
    money_fact(pData, zS, zOrg, zQ, "reimbursed", m->nReimbursed);
  }
}

int report_money(Db *db, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {"stream", "cooperative", "quarter", "measure", "euros"};
  MoneyWho w = {.iAgency = q->iAgency, .bManager = 1, .iLang = q->iLang};
  MoneyOverview o;
  char zToday[11];
  date_today(zToday);
  int rc = money_overview(db, d->a, &w, 0, zToday, &o);
  if (rc) return rc;
  RTable *pData = rdoc_data(d, 5, azCode, NULL);
  money_by_stream(q, d, pData, &o);
  money_breakdown_view(q, d, pData, &o, 1);
  money_breakdown_view(q, d, pData, &o, 0);
  return 0;
}
