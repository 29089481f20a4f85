/*
** api_report.c — every report of the registry (src/report/reports.c) in
** the JSON API:
**
**   GET /api/v1/reports
**     {"items": [{"name", "title", "flags": ["needs_round", "period",
**      "filters"], "formats": ["json", "csv", "xlsx", "pdf"]}],
**      "next_cursor": null} — the reports the caller may read
**   GET /api/v1/reports/{name}?round=&from=&to=&social_worker=
**       &cooperative=&format=json|csv|xlsx|pdf
**     the report (report_download.h has the query): JSON by default, as
**     rdoc_json writes it (src/report/rdoc.c); csv, xlsx and pdf as an
**     attachment.  Every answer is audited as an export.
**
** Errors: an unknown report 404; one the caller's role may not read 403
** (audited "denied", as the dispatcher refuses a route); a malformed
** value 400 (bad_request), a value naming nothing in the agency 422
** (invalid), each with the fields at fault.
*/
#include <string.h>

#include "../lib/i18n.h"
#include "../web/report_download.h"
#include "api.h"
#include "api_common.h"

static const char *const azFormat[] = {"json", "csv", "xlsx", "pdf"};

void api_report_list(Req *r) {
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < report_count(); i++) {
    const ReportDef *p = report_at(i);
    if (!auth_can(r, p->eCap)) continue;
    jw_obj(&w);
    jw_kv_str(&w, "name", p->zName);
    jw_kv_str(&w, "title", tr(r->iLang, p->zHelp));
    jw_key(&w, "flags");
    jw_arr(&w);
    if (p->flags & REPORT_NEEDS_ROUND) jw_str(&w, "needs_round");
    if (p->flags & REPORT_PERIOD) jw_str(&w, "period");
    if (p->flags & REPORT_FILTERS) jw_str(&w, "filters");
    jw_arr_end(&w);
    jw_key(&w, "formats");
    jw_arr(&w);
    for (int k = 0; k < 4; k++) jw_str(&w, azFormat[k]);
    jw_arr_end(&w);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, NULL);
}

void api_report_get(Req *r) {
  const ReportDef *pDef = r->zRest && !strchr(r->zRest, '/') ? report_find(r->zRest) : NULL;
  if (!pDef) {
    api_not_found(r, "report");
    return;
  }
  if (!auth_can(r, pDef->eCap)) {
    report_forbidden(r, pDef);
    return;
  }
  const char *zFormat = req_query(r, "format");
  if (!zFormat || !*zFormat) zFormat = "json";
  if (!report_format_known(zFormat)) errors_add(&r->err, "format", N_("must be json, csv, xlsx or pdf"));
  ReportReq q;
  int iStatus = r->err.n ? 400 : report_req_parse(r, pDef, &q);
  if (iStatus == 400) {
    req_json_error(r, 400, "bad_request", N_("A value of the query is not valid."));
    return;
  }
  if (iStatus) {
    api_invalid(r);
    return;
  }
  Arena a = ARENA_INIT;
  RDoc d;
  int rc = report_build(r->db, &a, pDef, &q.q, &d);
  if (rc == 0) rc = report_send(r, &q, &d, zFormat, strcmp(zFormat, "json") != 0);
  arena_free(&a);
  if (rc) req_json_error(r, 500, "internal", N_("The report could not be made; try again in a moment."));
}
