/*
** report_requests.c — report "requests": how fast the agency's requests
** are answered (request_stats_period, src/domain/request.c), per worker
** (the assignee) and per kind (issue 6, "Paths").  Times are in working
** days (Monday-Friday without national holidays, src/lib/workdays.h) from
** when a request was raised to when it was acknowledged and resolved: the
** median and the 90th percentile (nearest rank) of the requests that got
** there; "overdue" counts the requests overdue now.  --round keeps the
** requests of that round's cases, --from/--to those raised in the period.
** Workers are named, so it is the manager's (CAP_CASELOAD_ADMIN).
**
** The data table (CSV, JSON rows): "group,name,measure,value"; group
** "worker" (name: the worker's full name, by name) or "kind" (name: the
** kind code: rent, documents, school, health, emergency, other, every
** kind listed); one row per measure: requests, acknowledged, resolved,
** overdue (counts), acknowledge_median_days, acknowledge_p90_days,
** resolve_median_days, resolve_p90_days (two decimals; empty without any
** request that got there).
**
** Views: per worker (with a chart of the median time to acknowledge) and
** per kind, one row each with every measure.
*/
#include "../domain/request.h"
#include "../lib/i18n.h"
#include "report_scope.h"

/* A time of a group: two decimals, or empty when no request got there. */
static void requests_days(RTable *t, int n, double v) {
  if (n)
    rt_real(t, v, 2);
  else
    rt_null(t);
}

static void requests_data_group(RTable *t, const char *zGroup, const RequestStats *s, int n) {
  static const char *const azMeasure[] = {"requests",
                                          "acknowledged",
                                          "resolved",
                                          "overdue",
                                          "acknowledge_median_days",
                                          "acknowledge_p90_days",
                                          "resolve_median_days",
                                          "resolve_p90_days"};
  for (int i = 0; i < n; i++) {
    const RequestStats *p = &s[i];
    const int64_t aCount[] = {p->nRequests, p->nAcked, p->nResolved, p->nOverdue};
    const double aDays[] = {p->rAckMedian, p->rAckP90, p->rResolveMedian, p->rResolveP90};
    const int aOf[] = {p->nAcked, p->nAcked, p->nResolved, p->nResolved};
    for (int m = 0; m < 8; m++) {
      rt_text(t, zGroup);
      rt_text(t, p->zName ? p->zName : "");
      rt_text(t, azMeasure[m]);
      if (m < 4)
        rt_int(t, aCount[m]);
      else
        requests_days(t, aOf[m - 4], aDays[m - 4]);
    }
  }
}

/* A view of the groups s[0..n): names (kind labels when bKind), then the
** counts and times. */
static RTable *requests_view(RDoc *d, int iLang, const char *zName, const char *zTitle,
                             const RequestStats *s, int n, int bKind) {
  static const char *const azCode[] = {"name",
                                       "requests",
                                       "acknowledged",
                                       "acknowledge_median_days",
                                       "acknowledge_p90_days",
                                       "resolved",
                                       "resolve_median_days",
                                       "resolve_p90_days",
                                       "overdue"};
  const char *azLabel[] = {bKind ? tr(iLang, "Kind") : tr(iLang, "Worker"),
                           tr(iLang, "Requests"),
                           tr(iLang, "Acknowledged"),
                           tr(iLang, "Acknowledge: median"),
                           tr(iLang, "Acknowledge: 90th percentile"),
                           tr(iLang, "Resolved"),
                           tr(iLang, "Resolve: median"),
                           tr(iLang, "Resolve: 90th percentile"),
                           tr(iLang, "Overdue now")};
  RTable *t = rdoc_view(d, zName, zTitle, 9, azCode, azLabel);
  for (int i = 0; i < n; i++) {
    const RequestStats *p = &s[i];
    const char *zLabel = p->zName ? p->zName : "";
    if (bKind) zLabel = tr(iLang, request_kind_label((RequestKind)i));
    rt_text(t, zLabel);
    rt_int(t, p->nRequests);
    rt_int(t, p->nAcked);
    requests_days(t, p->nAcked, p->rAckMedian);
    requests_days(t, p->nAcked, p->rAckP90);
    rt_int(t, p->nResolved);
    requests_days(t, p->nResolved, p->rResolveMedian);
    requests_days(t, p->nResolved, p->rResolveP90);
    rt_int(t, p->nOverdue);
  }
  return t;
}

int report_requests(Db *db, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {"group", "name", "measure", "value"};
  RequestStats *aW, *aK;
  int nW, nK;
  ReportRound *aRound;
  int nRound = report_rounds(db, d->a, q, &aRound);
  if (nRound < 0) return nRound;
  int rc = request_stats_period(db, d->a, q->iAgency, q->iRound, q->zFrom, q->zTo, NULL, &aW, &nW,
                                &aK, &nK);
  if (rc) return rc;
  report_scope_subtitle(db, q, aRound, nRound, tr(q->iLang, "raised"), d);
  RTable *t = rdoc_data(d, 4, azCode, NULL);
  requests_data_group(t, "worker", aW, nW);
  requests_data_group(t, "kind", aK, nK);
  int iLang = q->iLang;
  t = requests_view(d, iLang, "workers", tr(iLang, "Per worker: working days to answer"), aW, nW,
                    0);
  rt_chart(t, 3, 0);
  rt_note(t, "%s",
          tr(iLang,
             "Working days from when a request was raised: the median and the 90th "
             "percentile of the requests that got there."));
  requests_view(d, iLang, "kinds", tr(iLang, "Per kind: working days to answer"), aK, nK, 1);
  return 0;
}
