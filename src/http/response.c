/*
** response.c — building a request's answer: headers, redirects, errors
** (see req.h).  JSON errors have one shape everywhere:
**   {"error": {"code": "...", "message": "...", "fields": {"name": "..."}}}
*/
#include <string.h>

#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../web/html.h"
#include "../web/layout.h"
#include "req.h"

void req_header_add(Req *r, const char *zName, const char *zValue) {
  if (r->nHeader >= REQ_MAX_HEADER) return;
  r->azHeader[2 * r->nHeader] = zName;
  r->azHeader[2 * r->nHeader + 1] = zValue;
  r->nHeader++;
}

void req_redirect(Req *r, const char *zLocation) {
  r->iStatus = 303;
  req_header_add(r, "Location", zLocation);
}

void req_json_begin(Req *r, int iStatus) {
  r->iStatus = iStatus;
  r->zContentType = "application/json";
  buf_reset(&r->out);
}

void req_json_error(Req *r, int iStatus, const char *zCode, const char *zMsg) {
  req_json_begin(r, iStatus);
  JsonW w;
  jw_init(&w, &r->out);
  jw_obj(&w);
  jw_key(&w, "error");
  jw_obj(&w);
  jw_kv_str(&w, "code", zCode);
  jw_kv_str(&w, "message", zMsg);
  if (r->err.n) {
    jw_key(&w, "fields");
    jw_obj(&w);
    for (int i = 0; i < r->err.n; i++) jw_kv_str(&w, r->err.a[i].zField, r->err.a[i].zMsg);
    jw_obj_end(&w);
  }
  jw_obj_end(&w);
  jw_obj_end(&w);
  buf_putc(&r->out, '\n');
}

static const char *status_code(int iStatus) {
  switch (iStatus) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "invalid";
    case 503: return "unavailable";
    default: return iStatus >= 500 ? "internal" : "error";
  }
}

void req_error(Req *r, int iStatus, const char *zMsg) {
  if (strncmp(r->zPath ? r->zPath : "", "/api/", 5) == 0) {
    req_json_error(r, iStatus, status_code(iStatus), zMsg);
    return;
  }
  buf_reset(&r->out);
  r->iStatus = iStatus;
  if (!r->zAgencyName) r->zAgencyName = "ali";
  layout_begin(r, _("Error"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><p><a href=\"/people\">%s</a></p>",
         _("Something went wrong"), _(zMsg), _("Back to the registry"));
  layout_end(r);
}
