/*
** api_request.c — requests and quick answers (request.h) in the JSON API:
**
**   GET  /api/v1/cases/{id}/requests            the case's requests, newest
**        first (?limit=, ?cursor=)
**   POST /api/v1/cases/{id}/requests            raise one: kind, text,
**        assignee_id (null or absent: the case manager, else the social
**        worker), raised_by_participant (boolean); 201 with it
**   POST /api/v1/requests/{id}/acknowledgement  raised -> acknowledged
**        (an empty body); 200 with the request
**   POST /api/v1/requests/{id}/resolution       acknowledged -> resolved
**        ({"resolution": "..."}); 200 with the request
**   GET  /api/v1/requests                       the requests of the cases
**        the caller may read, newest first; ?mine=true only those
**        assigned to the caller, ?overdue=true only the overdue ones,
**        ?open=true only those not resolved; ?limit=, ?cursor=
**
** Record level as on the pages (page_request.c): a case's requests are
** read by whoever reads its register (register_can_read), raised by
** whoever writes it (register_can_write), answered by those of them that
** request_can_answer() allows (else 403); a case or request the caller
** may not read is a 404, audited as "denied".  Illegal orders are 409
** with the reason (fields.status), bad bodies 422 naming the field; an
** unknown key is a 422 (api_case_body_read).  Writes are audited
** ("create" / "update", entity request, the participant's id).
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/register.h"
#include "../domain/request.h"
#include "../http/guard.h"
#include "api.h"
#include "api_common.h"

/* "zKey": {"id": id, "name": zName}, or null when id is 0. */
static void rq_kv_user(JsonW *w, const char *zKey, int64_t id, const char *zName) {
  if (!id) {
    jw_kv_null(w, zKey);
    return;
  }
  jw_key(w, zKey);
  jw_obj(w);
  jw_kv_int(w, "id", id);
  jw_kv_str(w, "name", zName);
  jw_obj_end(w);
}

/* One request as JSON. */
static void request_json(JsonW *w, const Request *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "case_id", p->iCase);
  jw_kv_int(w, "person_id", p->iPerson);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "last_name", p->zLastName);
  jw_kv_str(w, "kind", request_kind_code(p->eKind));
  jw_kv_str(w, "status", request_status_code(p->eStatus));
  jw_kv_bool(w, "raised_by_participant", p->bByParticipant);
  rq_kv_user(w, "raised_by", p->iRaisedBy, p->zRaisedBy);
  rq_kv_user(w, "assignee", p->iAssignee, p->zAssignee);
  rq_kv_user(w, "acknowledged_by", p->iAckBy, p->zAckBy);
  rq_kv_user(w, "resolved_by", p->iResolvedBy, p->zResolvedBy);
  jw_kv_str(w, "text", p->zText);
  jw_kv_str(w, "resolution", p->zResolution);
  jw_kv_str(w, "raised_at", p->zRaisedAt);
  jw_kv_str(w, "acknowledged_at", p->zAckAt);
  jw_kv_str(w, "resolved_at", p->zResolvedAt);
  jw_kv_str(w, "acknowledge_due", p->zAckDue);
  jw_kv_str(w, "resolve_due", p->zResolveDue);
  jw_kv_bool(w, "overdue", p->bOverdue);
  jw_obj_end(w);
}

/* Answers iStatus with request id read back. */
static void rq_answer(Req *r, int64_t id, int iStatus) {
  Request x;
  int rc = request_get(r->db, &r->a, r->iAgency, id, NULL, &x);
  if (rc) {
    api_domain_error(r, rc, "request");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  request_json(&w, &x);
  buf_putc(&r->out, '\n');
}

/* Case iCase and the caller's relation to it (REL_NONE when it is not
** the agency's or on a database error). */
static Relation rq_relation(Req *r, int64_t iCase, Case *c) {
  if (intake_case_get(r->db, &r->a, r->iAgency, iCase, c)) return REL_NONE;
  return intake_case_relation(r->db, &r->user, c);
}

/* The case of the path when xAllowed allows the caller's relation;
** else audits "denied", answers 404 and returns REL_NONE. */
static Relation rq_case_load(Req *r, int (*xAllowed)(Relation), Case *c) {
  Relation e = rq_relation(r, r->aId[0], c);
  if (e == REL_NONE || !xAllowed(e)) {
    guard_denied(r, "case", r->aId[0], c->id == r->aId[0] ? c->iPerson : 0);
    api_not_found(r, "case");
    return REL_NONE;
  }
  return e;
}

/* Print the page of a[0..n) as the list envelope (?limit, ?cursor). */
static void rq_list_answer(Req *r, const Request *a, int n) {
  int iFirst, nPage;
  const char *zNext;
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) request_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

void api_request_case_list(Req *r) {
  Case c;
  memset(&c, 0, sizeof c);
  if (rq_case_load(r, register_can_read, &c) == REL_NONE) return;
  RequestFilter f = {.iCase = c.id};
  Request *a;
  int n;
  int rc = request_list(r->db, &r->a, r->iAgency, &f, NULL, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  rq_list_answer(r, a, n);
}

/* The body of a new request (assignee_id is read apart). */
typedef struct RequestBody {
  const char *zKind, *zText;
  int bByParticipant;
} RequestBody;

static const ApiField aRequestField[] = {
    {"kind", API_TEXT, offsetof(RequestBody, zKind), 0},
    {"text", API_TEXT, offsetof(RequestBody, zText), 0},
    {"raised_by_participant", API_BOOL, offsetof(RequestBody, bByParticipant), 0},
    {0, 0, 0, 0},
};

void api_request_raise(Req *r) {
  Case c;
  memset(&c, 0, sizeof c);
  if (rq_case_load(r, register_can_write, &c) == REL_NONE) return;
  static const char *const azAlso[] = {"assignee_id", NULL};
  RequestBody b = {0};
  RequestInput in = {0};
  if (api_case_body_read(r, aRequestField, azAlso, &b) +
      api_case_body_id(r, "assignee_id", &in.iAssignee)) {
    api_invalid(r);
    return;
  }
  in.zKind = b.zKind;
  in.zText = b.zText;
  in.bByParticipant = b.bByParticipant;
  int64_t id = 0;
  int rc = request_raise(r->db, r->iAgency, c.id, &in, r->user.id, NULL, &id, &r->err);
  api_case_rename_error(r, "assignee", "assignee_id");
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  const char *const azKv[] = {"kind", in.zKind, 0};
  req_audit(r, "create", "request", id, c.iPerson, api_case_detail(r, azKv));
  rq_answer(r, id, 201);
}

/* The request of the path when the caller may read its case and answer
** it: 0; else -1 after answering 404 (audited) or 403. */
static int rq_answerable(Req *r, Request *p, Case *c) {
  int rc = request_get(r->db, &r->a, r->iAgency, r->aId[0], NULL, p);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "request");
    return -1;
  }
  Relation e = rc ? REL_NONE : rq_relation(r, p->iCase, c);
  if (!register_can_read(e)) {
    guard_denied(r, "request", r->aId[0], rc ? 0 : p->iPerson);
    api_not_found(r, "request");
    return -1;
  }
  if (!request_can_answer(&r->user, e, p)) {
    guard_denied(r, "request", p->id, p->iPerson);
    req_json_error(r, 403, "forbidden",
                   "Only the assignee, the social worker holding the case or a manager may "
                   "answer this request.");
    return -1;
  }
  return 0;
}

static const ApiField aNoField[] = {{0, 0, 0, 0}};

void api_request_acknowledge(Req *r) {
  Request p;
  Case c;
  if (rq_answerable(r, &p, &c)) return;
  if (api_case_body_read(r, aNoField, 0, &p)) {
    api_invalid(r);
    return;
  }
  int rc = request_acknowledge(r->db, r->iAgency, p.id, r->user.id, NULL, &r->err);
  if (rc) {
    api_domain_error(r, rc, "request");
    return;
  }
  req_audit(r, "update", "request", p.id, p.iPerson, "{\"status\":\"acknowledged\"}");
  rq_answer(r, p.id, 200);
}

typedef struct ResolutionBody {
  const char *zResolution;
} ResolutionBody;

static const ApiField aResolutionField[] = {
    {"resolution", API_TEXT, offsetof(ResolutionBody, zResolution), 0},
    {0, 0, 0, 0},
};

void api_request_resolve(Req *r) {
  Request p;
  Case c;
  if (rq_answerable(r, &p, &c)) return;
  ResolutionBody b = {0};
  if (api_case_body_read(r, aResolutionField, 0, &b)) {
    api_invalid(r);
    return;
  }
  int rc = request_resolve(r->db, r->iAgency, p.id, r->user.id, b.zResolution, NULL, &r->err);
  if (rc) {
    api_domain_error(r, rc, "request");
    return;
  }
  req_audit(r, "update", "request", p.id, p.iPerson, "{\"status\":\"resolved\"}");
  rq_answer(r, p.id, 200);
}

/* Keep of a[0..*pn) the requests whose case the caller may read (the
** relation looked up once per case). */
static void rq_keep_readable(Req *r, Request *a, int *pn) {
  int n = 0;
  int64_t iLastCase = 0;
  int bLastOk = 0;
  for (int i = 0; i < *pn; i++) {
    if (a[i].iCase != iLastCase) {
      Case c;
      iLastCase = a[i].iCase;
      bLastOk = register_can_read(rq_relation(r, iLastCase, &c));
    }
    if (bLastOk) a[n++] = a[i];
  }
  *pn = n;
}

void api_request_list(Req *r) {
  int bMine = 0, bOverdue = 0, bOpen = 0;
  if (api_query_bool(r, "mine", &bMine) || api_query_bool(r, "overdue", &bOverdue) ||
      api_query_bool(r, "open", &bOpen)) {
    return;
  }
  RequestFilter f = {.iAssignee = bMine ? r->user.id : 0, .bOpen = bOpen, .bOverdue = bOverdue};
  Request *a;
  int n;
  int rc = request_list(r->db, &r->a, r->iAgency, &f, NULL, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "request");
    return;
  }
  rq_keep_readable(r, a, &n);
  rq_list_answer(r, a, n);
}
