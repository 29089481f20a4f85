/*
** api_statement.c — quarterly statements in the JSON API
** (src/domain/statement.h; docs/money.md):
**
**   GET    /api/v1/statements                     list: ?organisation_id=
**                                                 &funding_stream_id= &quarter=
**                                                 &status=
**   POST   /api/v1/statements                     generate {organisation_id,
**                                                 funding_stream_id, quarter}:
**                                                 201 new, 200 refreshed
**   GET    /api/v1/statements/{id}                one, with its lines and
**                                                 the history of decisions
**   POST   /api/v1/statements/{id}/submission     submit it
**   POST   /api/v1/statements/{id}/decisions      the agency's decisions
**                                                 {"decisions": [{expense_id,
**                                                 decision, reason}]}
**   DELETE /api/v1/statements/{id}/lines/{id}     take a line out
**   POST   /api/v1/statements/{id}/reimbursement  {paid_on}
**   GET    /api/v1/statements/{id}.pdf|.xlsx      the documents (page_statement.c)
**
** A case manager reaches their own cooperative's statements only
** (another's: 404, audited as denied) and may generate, submit, take
** lines out; decisions and reimbursement are the agency's
** (CAP_STATEMENT_REVIEW).  A step the status forbids answers 409 with
** the reason.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../http/guard.h"
#include "../web/money_shared.h"
#include "api.h"
#include "api_common.h"

/* A body-less write: any key of a body is an unknown field. */
static const ApiField aNoField[] = {{0, 0, 0, 0}};

/* ---- JSON ---- */

static void statement_members(JsonW *w, const Statement *s) {
  jw_kv_int(w, "id", s->id);
  api_kv_ref(w, "organisation", s->iOrganisation, s->zOrganisation);
  jw_kv_int(w, "funding_stream_id", s->iStream);
  jw_kv_str(w, "funding_stream", s->zStreamCode);
  jw_kv_str(w, "quarter", s->zQuarter);
  jw_kv_str(w, "status", statement_status_code(s->eStatus));
  jw_kv_int(w, "submission", s->nSubmission);
  jw_kv_int(w, "lines", s->nLine);
  jw_kv_int(w, "lines_pending", s->nPending);
  jw_kv_int(w, "lines_approved", s->nApproved);
  jw_kv_int(w, "lines_rejected", s->nRejected);
  jw_kv_int(w, "total_cents", s->nTotalCents);
  jw_kv_int(w, "pending_cents", s->nPendingCents);
  jw_kv_int(w, "approved_cents", s->nApprovedCents);
  jw_kv_int(w, "rejected_cents", s->nRejectedCents);
  jw_kv_str(w, "created_at", s->zCreatedAt);
  jw_kv_str(w, "submitted_at", s->zSubmittedAt);
  jw_kv_str(w, "reviewed_at", s->zReviewedAt);
  jw_kv_str(w, "paid_on", s->zPaidOn);
  if (s->eStatus == ST_REIMBURSED)
    jw_kv_int(w, "paid_cents", s->nPaidCents);
  else
    jw_kv_null(w, "paid_cents");
}

static void decision_json(JsonW *w, const StatementDecision *d) {
  jw_obj(w);
  jw_kv_int(w, "expense_id", d->iExpense);
  jw_kv_int(w, "submission", d->nSubmission);
  jw_kv_str(w, "decision", d->zDecision);
  jw_kv_str(w, "reason", d->zReason);
  jw_kv_int(w, "amount_cents", d->nAmountCents);
  jw_kv_str(w, "decided_by", d->zBy);
  jw_kv_str(w, "decided_at", d->zAt);
  jw_obj_end(w);
}

/* Answers statement id with its lines and decisions, status iStatus;
** nAdded >= 0 adds "lines_added". */
static void statement_answer(Req *r, int64_t id, int iStatus, int nAdded) {
  MoneyWho w;
  money_req_who(r, &w);
  Statement s;
  Expense *aL;
  StatementDecision *aD;
  int nL, nD;
  int rc = statement_get(r->db, &r->a, &w, id, &s);
  if (!rc) rc = statement_lines(r->db, &r->a, &w, id, &aL, &nL);
  if (!rc) rc = statement_decisions(r->db, &r->a, id, &aD, &nD);
  if (rc) return api_domain_error(r, rc, "statement");
  JsonW jw;
  api_object_begin(r, &jw, iStatus);
  statement_members(&jw, &s);
  if (nAdded >= 0) jw_kv_int(&jw, "lines_added", nAdded);
  jw_key(&jw, "items");
  jw_arr(&jw);
  for (int i = 0; i < nL; i++) api_expense_json(&jw, &aL[i]);
  jw_arr_end(&jw);
  jw_key(&jw, "decisions");
  jw_arr(&jw);
  for (int i = 0; i < nD; i++) decision_json(&jw, &aD[i]);
  jw_arr_end(&jw);
  api_object_end(r, &jw);
}

/* Statement r->aId[0] within reach; 0, or -1 after answering 404. */
static int statement_load(Req *r, Statement *p) {
  MoneyWho w;
  money_req_who(r, &w);
  int rc = statement_get(r->db, &r->a, &w, r->aId[0], p);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "statement", r->aId[0], 0);
  if (rc) api_domain_error(r, rc, "statement");
  return rc ? -1 : 0;
}

/* ---- reads ---- */

void api_statement_list(Req *r) {
  static const char *const azStatus[] = {"draft", "submitted", "approved", "partly_approved",
                                         "rejected", "reimbursed", 0};
  StatementFilter f = {0, 0, -1, -1};
  const char *zStatus = 0;
  if (api_query_id(r, "organisation_id", &f.iOrg) ||
      api_query_id(r, "funding_stream_id", &f.iStream) ||
      api_query_choice(r, "status", azStatus, &zStatus) || api_money_quarter(r, &f.iQuarter))
    return;
  if (zStatus) f.eStatus = statement_status_find(zStatus);
  MoneyWho w;
  money_req_who(r, &w);
  Statement *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = statement_list(r->db, &r->a, &w, &f, &a, &n);
  if (rc) return api_domain_error(r, rc, "statement");
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW jw;
  api_list_begin(r, &jw);
  for (int i = iFirst; i < iFirst + nPage; i++) {
    jw_obj(&jw);
    statement_members(&jw, &a[i]);
    jw_obj_end(&jw);
  }
  api_list_end(r, &jw, zNext);
}

void api_statement_get(Req *r) {
  Statement s;
  if (statement_load(r, &s)) return;
  statement_answer(r, s.id, 200, -1);
}

/* ---- the cooperative's steps ---- */

typedef struct GenerateBody {
  int64_t iOrg, iStream;
  const char *zQuarter;
} GenerateBody;

static const ApiField aGenerateField[] = {
    {"organisation_id", API_INT64, offsetof(GenerateBody, iOrg), 0},
    {"funding_stream_id", API_INT64, offsetof(GenerateBody, iStream), 0},
    {"quarter", API_TEXT, offsetof(GenerateBody, zQuarter), 0},
    {0, 0, 0, 0},
};

void api_statement_create(Req *r) {
  GenerateBody b = {0, 0, 0};
  if (api_body_read(r, aGenerateField, &b)) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  if (!b.iOrg && w.iOrg > 0) b.iOrg = w.iOrg; /* a case manager's own cooperative */
  int64_t id;
  int bCreated, nAdded;
  int rc = statement_generate(r->db, &w, b.iOrg, b.iStream, b.zQuarter, money_today(r), &id,
                              &bCreated, &nAdded, &r->err);
  if (rc) return api_domain_error(r, rc, "statement");
  money_audit_statement(r, bCreated ? "generate" : "refresh", id,
                        arena_printf(&r->a, "{\"organisation_id\":%" PRId64 ",\"funding_stream_id\":%" PRId64
                                            ",\"quarter\":\"%s\",\"lines_added\":%d}",
                                     b.iOrg, b.iStream, b.zQuarter, nAdded));
  if (bCreated) api_created(r, "/api/v1/statements", id);
  statement_answer(r, id, bCreated ? 201 : 200, nAdded);
}

void api_statement_submit(Req *r) {
  Statement s;
  if (statement_load(r, &s)) return;
  if (api_body_read(r, aNoField, &s)) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  int rc = statement_submit(r->db, &w, s.id, money_today(r), &r->err);
  if (rc) return api_domain_error(r, rc, "statement");
  money_audit_statement(r, "submit", s.id,
                        arena_printf(&r->a, "{\"submission\":%d}", s.nSubmission + 1));
  statement_answer(r, s.id, 200, -1);
}

void api_statement_line_delete(Req *r) {
  Statement s;
  if (statement_load(r, &s)) return;
  if (api_body_read(r, aNoField, &s)) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  int rc = statement_remove_line(r->db, &w, s.id, r->aId[1], &r->err);
  if (rc) return api_domain_error(r, rc, "line");
  money_audit_statement(r, "remove_line", s.id,
                        arena_printf(&r->a, "{\"expense_id\":%" PRId64 "}", r->aId[1]));
  statement_answer(r, s.id, 200, -1);
}

/* ---- the agency's steps ---- */

/* The "decisions" array of the body into *paD; the number, or -1 after
** adding errors. */
static int decisions_read(Req *r, LineDecision **paD) {
  json_t *a = r->pJson ? json_object_get(r->pJson, "decisions") : NULL;
  const char *zKey;
  json_t *v;
  json_object_foreach(r->pJson, zKey, v) {
    if (strcmp(zKey, "decisions") != 0) errors_add(&r->err, arena_strdup(&r->a, zKey), "unknown field");
  }
  if (!json_is_array(a)) {
    errors_add(&r->err, "decisions", "must be an array of {expense_id, decision, reason}");
    return -1;
  }
  int n = (int)json_array_size(a);
  *paD = arena_alloc(&r->a, sizeof **paD * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    json_t *e = json_array_get(a, (size_t)i);
    json_t *pId = json_object_get(e, "expense_id"), *pDec = json_object_get(e, "decision"),
           *pWhy = json_object_get(e, "reason");
    if (!json_is_object(e) || !json_is_integer(pId) || !json_is_string(pDec) ||
        (pWhy && !json_is_string(pWhy) && !json_is_null(pWhy)) || json_object_size(e) > 3) {
      errors_add(&r->err, arena_printf(&r->a, "decisions.%d", i),
                 "must be {expense_id: integer, decision: string, reason: string}");
      continue;
    }
    (*paD)[i].iExpense = json_integer_value(pId);
    (*paD)[i].zDecision = arena_strdup(&r->a, json_string_value(pDec));
    (*paD)[i].zReason = json_is_string(pWhy) ? arena_strdup(&r->a, json_string_value(pWhy)) : NULL;
  }
  return r->err.n ? -1 : n;
}

/* The audit detail of decisions: the ids approved and rejected. */
static const char *decisions_detail(Req *r, const LineDecision *aD, int n) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  static const char *const azWhich[2] = {"approved", "rejected"};
  for (int k = 0; k < 2; k++) {
    jw_key(&w, azWhich[k]);
    jw_arr(&w);
    for (int i = 0; i < n; i++) {
      if (strcmp(aD[i].zDecision, azWhich[k]) == 0) jw_int(&w, aD[i].iExpense);
    }
    jw_arr_end(&w);
  }
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

void api_statement_decide(Req *r) {
  Statement s;
  if (statement_load(r, &s)) return;
  LineDecision *aD;
  int n = decisions_read(r, &aD);
  if (n < 0) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  int rc = statement_decide(r->db, &r->a, &w, s.id, aD, n, &r->err);
  if (rc) return api_domain_error(r, rc, "statement");
  money_audit_statement(r, "decide", s.id, decisions_detail(r, aD, n));
  statement_answer(r, s.id, 200, -1);
}

typedef struct PaidBody {
  const char *zPaidOn;
} PaidBody;

static const ApiField aPaidField[] = {
    {"paid_on", API_TEXT, offsetof(PaidBody, zPaidOn), 0},
    {0, 0, 0, 0},
};

void api_statement_reimburse(Req *r) {
  Statement s;
  if (statement_load(r, &s)) return;
  PaidBody b = {0};
  if (api_body_read(r, aPaidField, &b)) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  int rc = statement_reimburse(r->db, &w, s.id, b.zPaidOn, money_today(r), &r->err);
  if (rc) return api_domain_error(r, rc, "statement");
  money_audit_statement(r, "reimburse", s.id,
                        arena_printf(&r->a, "{\"paid_on\":\"%s\",\"paid_cents\":%" PRId64 "}",
                                     b.zPaidOn, s.nApprovedCents));
  statement_answer(r, s.id, 200, -1);
}
