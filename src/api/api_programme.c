/*
** api_programme.c — how the agency's programme is set up, as JSON: rounds
** (/api/v1/rounds, with the codes of the services each one offers),
** funding streams (/api/v1/funding-streams) and the service catalogue
** (/api/v1/services).  Each has list, get, create and partial update;
** the rules live in src/domain/programme.c.
**
** These lists are short (a few rounds, streams and services per agency),
** so the domain returns them whole and this file filters and pages them
** in memory (api_page_array: the cursor is the id of the last item).
**
** A code identifies its row to the agency, the CLI and other records:
** it is given at creation (a code the agency already has is a 409) and
** cannot be changed by PATCH.
*/
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/programme.h"
#include "api.h"

#include "../domain/audit.h"
#include "api_common.h"

/* ---- shared ---- */

/* 1 when z is absent (filters nothing) or equal to zValue. */
static int filter_match(const char *z, const char *zValue) {
  return !z || (zValue && strcmp(z, zValue) == 0);
}

/* 1 (after answering 409) when the agency already has code zCode:
** iExisting is what <kind>_find() returned for it. */
static int code_taken(Req *r, int64_t iExisting, const char *zWhat) {
  if (!iExisting) return 0;
  errors_add(&r->err, "code", "this code is already in use");
  req_json_error(r, 409, "conflict",
                 arena_printf(&r->a, "A %s with this code already exists.", zWhat));
  return 1;
}

/* 1 (after answering 422) when a PATCH body changed the code zOld. */
static int code_changed(Req *r, const char *zOld, const char *zNew) {
  if (zNew && strcmp(zOld, zNew) == 0) return 0;
  errors_add(&r->err, "code", "cannot be changed");
  api_invalid(r);
  return 1;
}

/* Reads a body over *pObj (422 on errors); 0 or -1 after answering. */
static int body_read(Req *r, const ApiField *aField, void *pObj) {
  if (api_body_read(r, aField, pObj) == 0) return 0;
  api_invalid(r);
  return -1;
}

/* ---- rounds ---- */

static const ApiField aRoundField[] = {
    {"code", API_TEXT, offsetof(Round, zCode), 0},
    {"name", API_TEXT, offsetof(Round, zName), 0},
    {"start_date", API_TEXT, offsetof(Round, zStartDate), 0},
    {"end_date", API_TEXT, offsetof(Round, zEndDate), 0},
    {"max_participants", API_INT_NULL, offsetof(Round, iMaxParticipants), 0},
    {"services", API_TEXTS, offsetof(Round, azService), offsetof(Round, nService)},
    {"id", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

static void round_json(JsonW *w, const Round *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "code", p->zCode);
  jw_kv_str(w, "name", p->zName);
  jw_kv_str(w, "start_date", p->zStartDate);
  jw_kv_str(w, "end_date", p->zEndDate);
  if (p->iMaxParticipants < 0)
    jw_kv_null(w, "max_participants");
  else
    jw_kv_int(w, "max_participants", p->iMaxParticipants);
  jw_key(w, "services");
  jw_arr(w);
  for (int i = 0; i < p->nService; i++) jw_str(w, p->azService[i]);
  jw_arr_end(w);
  jw_obj_end(w);
}

/* 1 if round p offers service zCode (NULL: any round). */
static int round_offers(const Round *p, const char *zCode) {
  if (!zCode) return 1;
  for (int i = 0; i < p->nService; i++) {
    if (strcmp(p->azService[i], zCode) == 0) return 1;
  }
  return 0;
}

/* GET /api/v1/rounds?code=&service=&limit=&cursor= */
void api_programme_round_list(Req *r) {
  Round *a;
  int n, iFirst, nPage;
  const char *zNext, *zCode = req_query(r, "code"), *zService = req_query(r, "service");
  int rc = round_list(r->db, &r->a, r->iAgency, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  int nKeep = 0;
  for (int i = 0; i < n; i++) {
    if (filter_match(zCode, a[i].zCode) && round_offers(&a[i], zService)) a[nKeep++] = a[i];
  }
  if (api_page_array(r, a, sizeof *a, nKeep, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) round_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

/* Answers round `id` with status iStatus. */
static void round_answer(Req *r, int64_t id, int iStatus) {
  Round p;
  int rc = round_get(r->db, &r->a, r->iAgency, id, &p);
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  round_json(&w, &p);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/rounds/{id} */
void api_programme_round_get(Req *r) { round_answer(r, r->aId[0], 200); }

/* Validates and saves p; 0, or -1 after answering. */
static int round_write(Req *r, Round *p, const Round *pBefore) {
  round_validate(p, &r->err);
  int rc = r->err.n ? DOMAIN_INVALID : round_save(r->db, r->iAgency, p, &r->err);
  if (rc) {
    api_domain_error(r, rc, "round");
    return -1;
  }
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_round(&d, &r->a, pBefore, p);
  const char *zDetail = audit_diff_finish(&d, &r->a);
  if (zDetail) req_audit(r, pBefore ? "update" : "create", "round", p->id, 0, zDetail);
  return 0;
}

/* POST /api/v1/rounds: services absent or [] means the whole catalogue. */
void api_programme_round_create(Req *r) {
  Round p = {0};
  p.iMaxParticipants = -1;
  if (body_read(r, aRoundField, &p)) return;
  round_validate(&p, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  if (code_taken(r, round_find(r->db, r->iAgency, p.zCode), "round")) return;
  if (round_write(r, &p, 0)) return;
  round_answer(r, p.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/rounds", p.id);
}

/* PATCH /api/v1/rounds/{id}: services, when present, replace the list. */
void api_programme_round_update(Req *r) {
  Round p;
  int rc = round_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  const char *zCode = p.zCode;
  Round before = p;
  if (body_read(r, aRoundField, &p) || code_changed(r, zCode, p.zCode)) return;
  if (round_write(r, &p, &before)) return;
  round_answer(r, p.id, 200);
}

/* ---- funding streams ---- */

static const ApiField aStreamField[] = {
    {"code", API_TEXT, offsetof(FundingStream, zCode), 0},
    {"name", API_TEXT, offsetof(FundingStream, zName), 0},
    {"allocation_cents", API_INT64, offsetof(FundingStream, iAllocationCents), 0},
    {"esf", API_BOOL, offsetof(FundingStream, bEsf), 0},
    {"rule", API_TEXT, offsetof(FundingStream, zRule), 0},
    {"id", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

static void stream_json(JsonW *w, const FundingStream *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "code", p->zCode);
  jw_kv_str(w, "name", p->zName);
  jw_kv_int(w, "allocation_cents", p->iAllocationCents);
  jw_kv_bool(w, "esf", p->bEsf);
  jw_kv_str(w, "rule", p->zRule && p->zRule[0] ? p->zRule : 0);
  jw_obj_end(w);
}

/* GET /api/v1/funding-streams?code=&esf=&limit=&cursor= */
void api_programme_stream_list(Req *r) {
  FundingStream *a;
  int n, iFirst, nPage, bEsf = -1;
  const char *zNext, *zCode = req_query(r, "code");
  if (api_query_bool(r, "esf", &bEsf)) return;
  int rc = stream_list(r->db, &r->a, r->iAgency, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "funding stream");
    return;
  }
  int nKeep = 0;
  for (int i = 0; i < n; i++) {
    if (filter_match(zCode, a[i].zCode) && (bEsf < 0 || a[i].bEsf == bEsf)) a[nKeep++] = a[i];
  }
  if (api_page_array(r, a, sizeof *a, nKeep, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) stream_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

static void stream_answer(Req *r, int64_t id, int iStatus) {
  FundingStream p;
  int rc = stream_get(r->db, &r->a, r->iAgency, id, &p);
  if (rc) {
    api_domain_error(r, rc, "funding stream");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  stream_json(&w, &p);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/funding-streams/{id} */
void api_programme_stream_get(Req *r) { stream_answer(r, r->aId[0], 200); }

static int stream_write(Req *r, FundingStream *p, const FundingStream *pBefore) {
  stream_validate(p, &r->err);
  int rc = r->err.n ? DOMAIN_INVALID : stream_save(r->db, r->iAgency, p, &r->err);
  if (rc) {
    api_domain_error(r, rc, "funding stream");
    return -1;
  }
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_stream(&d, pBefore, p);
  const char *zDetail = audit_diff_finish(&d, &r->a);
  if (zDetail) req_audit(r, pBefore ? "update" : "create", "funding_stream", p->id, 0, zDetail);
  return 0;
}

/* POST /api/v1/funding-streams: code, name, allocation_cents required. */
void api_programme_stream_create(Req *r) {
  static const char *const azRequired[] = {"allocation_cents", 0};
  FundingStream p = {0};
  if (body_read(r, aStreamField, &p)) return;
  api_body_require(r, azRequired);
  stream_validate(&p, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  if (code_taken(r, stream_find(r->db, r->iAgency, p.zCode), "funding stream")) return;
  if (stream_write(r, &p, 0)) return;
  stream_answer(r, p.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/funding-streams", p.id);
}

/* PATCH /api/v1/funding-streams/{id} */
void api_programme_stream_update(Req *r) {
  FundingStream p;
  int rc = stream_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    api_domain_error(r, rc, "funding stream");
    return;
  }
  const char *zCode = p.zCode;
  FundingStream before = p;
  if (body_read(r, aStreamField, &p) || code_changed(r, zCode, p.zCode)) return;
  if (stream_write(r, &p, &before)) return;
  stream_answer(r, p.id, 200);
}

/* ---- service catalogue ---- */

static const ApiField aServiceField[] = {
    {"code", API_TEXT, offsetof(Service, zCode), 0},
    {"name_it", API_TEXT, offsetof(Service, zNameIt), 0},
    {"name_en", API_TEXT, offsetof(Service, zNameEn), 0},
    {"kind", API_TEXT, offsetof(Service, zKind), 0},
    {"id", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

static void service_json(JsonW *w, const Service *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "code", p->zCode);
  jw_kv_str(w, "name_it", p->zNameIt);
  jw_kv_str(w, "name_en", p->zNameEn);
  jw_kv_str(w, "kind", p->zKind);
  jw_obj_end(w);
}

/* GET /api/v1/services?code=&kind=&limit=&cursor= */
void api_programme_service_list(Req *r) {
  Service *a;
  int n, iFirst, nPage;
  const char *zNext, *zCode = req_query(r, "code"), *zKind = req_query(r, "kind");
  int rc = service_list(r->db, &r->a, r->iAgency, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "service");
    return;
  }
  int nKeep = 0;
  for (int i = 0; i < n; i++) {
    if (filter_match(zCode, a[i].zCode) && filter_match(zKind, a[i].zKind)) a[nKeep++] = a[i];
  }
  if (api_page_array(r, a, sizeof *a, nKeep, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) service_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

static void service_answer(Req *r, int64_t id, int iStatus) {
  Service p;
  int rc = service_get(r->db, &r->a, r->iAgency, id, &p);
  if (rc) {
    api_domain_error(r, rc, "service");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  service_json(&w, &p);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/services/{id} */
void api_programme_service_get(Req *r) { service_answer(r, r->aId[0], 200); }

static int service_write(Req *r, Service *p, const Service *pBefore) {
  service_validate(p, &r->err);
  int rc = r->err.n ? DOMAIN_INVALID : service_save(r->db, r->iAgency, p, &r->err);
  if (rc) {
    api_domain_error(r, rc, "service");
    return -1;
  }
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_add(&d, "code", pBefore ? pBefore->zCode : 0, p->zCode);
  audit_diff_add(&d, "name_it", pBefore ? pBefore->zNameIt : 0, p->zNameIt);
  audit_diff_add(&d, "name_en", pBefore ? pBefore->zNameEn : 0, p->zNameEn);
  audit_diff_add(&d, "kind", pBefore ? pBefore->zKind : 0, p->zKind);
  const char *zDetail = audit_diff_finish(&d, &r->a);
  if (zDetail) req_audit(r, pBefore ? "update" : "create", "service", p->id, 0, zDetail);
  return 0;
}

/* POST /api/v1/services */
void api_programme_service_create(Req *r) {
  Service p = {0};
  if (body_read(r, aServiceField, &p)) return;
  service_validate(&p, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  if (code_taken(r, service_find(r->db, r->iAgency, p.zCode), "service")) return;
  if (service_write(r, &p, 0)) return;
  service_answer(r, p.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/services", p.id);
}

/* PATCH /api/v1/services/{id} */
void api_programme_service_update(Req *r) {
  Service p;
  int rc = service_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    api_domain_error(r, rc, "service");
    return;
  }
  const char *zCode = p.zCode;
  Service before = p;
  if (body_read(r, aServiceField, &p) || code_changed(r, zCode, p.zCode)) return;
  if (service_write(r, &p, &before)) return;
  service_answer(r, p.id, 200);
}

static_assert(offsetof(Round, id) == 0 && offsetof(FundingStream, id) == 0 &&
                  offsetof(Service, id) == 0,
              "api_page_array() reads the id first");
