/*
** report_download.c — a report's query from the query string, and a
** built report answered as a file (report_download.h).
*/
#include "report_download.h"

#include <inttypes.h>
#include <string.h>

#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"

/* ------------------------------------------------------------------ */
/* The query                                                           */
/* ------------------------------------------------------------------ */

/* A positive decimal id, or 0. */
static int64_t id_of(const char *z) {
  if (!z || !*z || *z == '0' || strlen(z) > 18 || strspn(z, "0123456789") != strlen(z)) return 0;
  int64_t v = 0;
  for (; *z; z++) v = v * 10 + (*z - '0');
  return v;
}

/* A value: NULL when absent or empty. */
static const char *query_value(Req *r, const char *zName) {
  const char *z = req_query(r, zName);
  return z && *z ? z : NULL;
}

/* The round of ?round=, by code then by id; its id, or 0. */
static int64_t resolve_round(Req *r, const char *z, const char **pzCode) {
  int64_t id = round_find(r->db, r->iAgency, z);
  if (id) {
    *pzCode = z;
    return id;
  }
  Round rd;
  if (id_of(z) && round_get(r->db, &r->a, r->iAgency, id_of(z), &rd) == 0) {
    *pzCode = rd.zCode;
    return rd.id;
  }
  return 0;
}

/* The account of ?social_worker=, by id or username, in the agency. */
static int64_t resolve_user(Req *r, const char *z) {
  User u;
  if (id_of(z)) return user_get(r->db, &r->a, r->iAgency, id_of(z), &u) == 0 ? u.id : 0;
  return user_get_by_name(r->db, &r->a, z, &u) == 0 && u.iAgency == r->iAgency ? u.id : 0;
}

/* The cooperative of ?cooperative=, by id or code, in the agency. */
static int64_t resolve_cooperative(Req *r, const char *z) {
  Organisation o;
  int64_t id = id_of(z) ? id_of(z) : organisation_find(r->db, r->iAgency, z);
  if (!id || organisation_get(r->db, &r->a, r->iAgency, id, &o) != 0) return 0;
  return strcmp(o.zKind, "cooperative") == 0 ? o.id : 0;
}

/* The period: 0, or 400 with the fields at fault. */
static int parse_period(Req *r, ReportReq *p) {
  p->zFrom = query_value(r, "from");
  p->zTo = query_value(r, "to");
  if (p->zFrom && !date_valid(p->zFrom)) errors_add(&r->err, "from", N_("not a date (YYYY-MM-DD)"));
  if (p->zTo && !date_valid(p->zTo)) errors_add(&r->err, "to", N_("not a date (YYYY-MM-DD)"));
  if (r->err.n) return 400;
  if (p->zFrom && p->zTo && strcmp(p->zFrom, p->zTo) > 0) {
    errors_add(&r->err, "to", N_("the end of the period is before its start"));
    return 400;
  }
  p->q.zFrom = p->zFrom;
  p->q.zTo = p->zTo;
  return 0;
}

/* The filters: 0, or 422 with the fields naming nothing. */
static int parse_filters(Req *r, ReportReq *p) {
  p->zSocialWorker = query_value(r, "social_worker");
  p->zCooperative = query_value(r, "cooperative");
  if (p->zSocialWorker && !(p->q.iSocialWorker = resolve_user(r, p->zSocialWorker)))
    errors_add(&r->err, "social_worker", N_("there is no such account in the agency"));
  if (p->zCooperative && !(p->q.iOrganisation = resolve_cooperative(r, p->zCooperative)))
    errors_add(&r->err, "cooperative", N_("there is no such cooperative in the agency"));
  return r->err.n ? 422 : 0;
}

int report_req_parse(Req *r, const ReportDef *pDef, ReportReq *p) {
  memset(p, 0, sizeof *p);
  p->pDef = pDef;
  p->q.iAgency = r->iAgency;
  p->q.iLang = r->iLang;
  p->zRound = query_value(r, "round");
  if (p->zRound && strcmp(p->zRound, "all") == 0) p->zRound = NULL;
  int rc = (pDef->flags & REPORT_PERIOD) ? parse_period(r, p) : 0;
  if (!rc && !p->zRound && (pDef->flags & REPORT_NEEDS_ROUND)) {
    errors_add(&r->err, "round", N_("this report is of one round: choose it"));
    rc = 400;
  }
  if (rc) return rc;
  if (p->zRound && !(p->q.iRound = resolve_round(r, p->zRound, &p->q.zRound)))
    errors_add(&r->err, "round", N_("there is no such round in the agency"));
  if (pDef->flags & REPORT_FILTERS) parse_filters(r, p);
  return r->err.n ? 422 : 0;
}

const char *report_req_query_string(Req *r, const ReportReq *p) {
  const char *azName[] = {"round", "from", "to", "social_worker", "cooperative"};
  const char *azValue[] = {p->q.zRound, p->zFrom, p->zTo, p->zSocialWorker, p->zCooperative};
  Buf b = BUF_INIT;
  for (int i = 0; i < 5; i++) {
    if (!azValue[i]) continue;
    buf_printf(&b, "%s%s=", b.n ? "&" : "", azName[i]);
    html_url_arg(&b, azValue[i]);
  }
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* ------------------------------------------------------------------ */
/* The file                                                            */
/* ------------------------------------------------------------------ */

static const struct {
  const char *zExt, *zType;
} aFormat[] = {
    {"csv", "text/csv; charset=utf-8"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pdf", "application/pdf"},
    {"json", "application/json"},
};
#define N_FORMAT (int)(sizeof aFormat / sizeof aFormat[0])

static int format_index(const char *z) {
  for (int i = 0; z && i < N_FORMAT; i++) {
    if (strcmp(aFormat[i].zExt, z) == 0) return i;
  }
  return -1;
}

int report_format_known(const char *zFormat) { return format_index(zFormat) >= 0; }

/* Appends z to b keeping only the characters safe in a file name. */
static void file_part(Buf *b, const char *z) {
  buf_putc(b, '-');
  for (; *z; z++) {
    char c = *z;
    int bSafe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    buf_putc(b, bSafe ? c : '_');
  }
}

/* "profile-R1-2021-01-01-2021-12-31.xlsx" */
static const char *file_name(Req *r, const ReportReq *p, const char *zExt) {
  Buf b = BUF_INIT;
  buf_puts(&b, p->pDef->zName);
  if (p->q.zRound) file_part(&b, p->q.zRound);
  if (p->zFrom) file_part(&b, p->zFrom);
  if (p->zTo) file_part(&b, p->zTo);
  buf_printf(&b, ".%s", zExt);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

static void kv_opt(JsonW *w, const char *zKey, const char *z) {
  if (z) jw_kv_str(w, zKey, z);
}

static void audit_export(Req *r, const ReportReq *p, const char *zFormat) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "report", p->pDef->zName);
  jw_kv_str(&w, "format", zFormat);
  kv_opt(&w, "round", p->q.zRound);
  kv_opt(&w, "from", p->zFrom);
  kv_opt(&w, "to", p->zTo);
  if (p->q.iSocialWorker) jw_kv_int(&w, "social_worker_id", p->q.iSocialWorker);
  if (p->q.iOrganisation) jw_kv_int(&w, "organisation_id", p->q.iOrganisation);
  jw_obj_end(&w);
  req_audit(r, "export", "report", 0, 0, buf_str(&b));
  buf_free(&b);
}

int report_send(Req *r, const ReportReq *p, const RDoc *d, const char *zFormat, int bAttachment) {
  int k = format_index(zFormat), rc = 0;
  if (k < 0) return -1;
  buf_reset(&r->out);
  if (k == 0)
    rdoc_csv(d, &r->out);
  else if (k == 1)
    rc = rdoc_xlsx(d, &r->out);
  else if (k == 2)
    rc = rdoc_pdf(d, r->iLang, r->zAgencyName, &r->out);
  else
    rdoc_json(d, &r->out);
  if (rc) {
    buf_reset(&r->out);
    return -1;
  }
  r->iStatus = 200;
  r->zContentType = aFormat[k].zType;
  if (bAttachment) {
    req_header_add(r, "Content-Disposition",
                   arena_printf(&r->a, "attachment; filename=\"%s\"", file_name(r, p, zFormat)));
  }
  audit_export(r, p, zFormat);
  return 0;
}

void report_forbidden(Req *r, const ReportDef *pDef) {
  req_audit(r, "denied", "report", 0, 0,
            arena_printf(&r->a, "{\"report\":\"%s\",\"needs\":\"%s\"}", pDef->zName,
                         policy_cap_code(pDef->eCap)));
  req_error(r, 403, N_("You are not allowed to do this."));
}
