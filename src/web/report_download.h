/*
** report_download.h — what the report page (page_report.c) and the
** report API (src/api/api_report.c) share: reading a report's query
** from the query string, and answering a built report as a file.
**
** The query string of every report (only what the report's flags use is
** read; the rest is ignored):
**   round=CODE          one round, by its code (or its id); absent, empty
**                       or "all": every round and the total
**   from=, to=          a period, YYYY-MM-DD, both included (REPORT_PERIOD)
**   social_worker=      an account, by id or username (REPORT_FILTERS)
**   cooperative=        a cooperative, by id or code (REPORT_FILTERS)
*/
#ifndef ALI_REPORT_DOWNLOAD_H
#define ALI_REPORT_DOWNLOAD_H
#include "../http/req.h"
#include "../report/report.h"

/* A report's query as asked and as resolved. */
typedef struct ReportReq {
  const ReportDef *pDef;
  ReportQuery q;
  /* the values as given (NULL: absent), for the form and the links */
  const char *zRound, *zFrom, *zTo, *zSocialWorker, *zCooperative;
} ReportReq;

/* Reads the query of report pDef into *p (q in the request's agency and
** language).  Returns 0; or 400 when a value is malformed (a date that
** is not YYYY-MM-DD, from after to, a report that needs a round without
** one) and 422 when a value names nothing in the agency (a round, an
** account or a cooperative) — r->err then holds a message (a msgid) on
** each field at fault, and nothing is answered yet. */
int report_req_parse(Req *r, const ReportDef *pDef, ReportReq *p);

/* The query string of p ("round=R1&from=2021-01-01"; "" when none), its
** values percent-encoded, in r's arena.  For links. */
const char *report_req_query_string(Req *r, const ReportReq *p);

/* 1 if zFormat is one of csv, xlsx, pdf, json. */
int report_format_known(const char *zFormat);

/* Answers report d (built from p) in zFormat (csv, xlsx, pdf or json):
** the body, its content type, with bAttachment a Content-Disposition
** attachment named like "profile-R1.xlsx", and an audit entry "export"
** of entity "report" (detail: the report, the format, the query).
** Returns 0, or -1 when the file could not be made (nothing answered). */
int report_send(Req *r, const ReportReq *p, const RDoc *d, const char *zFormat, int bAttachment);

/* Answers 403 for a report whose capability (pDef->eCap) the caller
** lacks, audited as "denied" the way the dispatcher refuses a route. */
void report_forbidden(Req *r, const ReportDef *pDef);

#endif
