/*
** api_expense.c — a cooperative's expenses in the JSON API
** (src/domain/expense.h; docs/money.md):
**
**   GET    /api/v1/expenses                  list: ?organisation_id=
**                                            &funding_stream_id=
**                                            &intervention_id= &statement_id=
**                                            &quarter=2021-Q3 &free=true
**   POST   /api/v1/expenses                  record one, 201
**   GET    /api/v1/expenses/{id}             one
**   PATCH  /api/v1/expenses/{id}             change it (while its statement allows)
**   DELETE /api/v1/expenses/{id}             delete it (in no statement, or a draft's)
**   PUT    /api/v1/expenses/{id}/receipt     the receipt as the raw body, with
**                                            Content-Type application/pdf,
**                                            image/png or image/jpeg (at most 5 MB)
**   GET    /api/v1/expenses/{id}/receipt     the receipt's bytes
**
** A case manager reaches their own cooperative's expenses only; another
** cooperative's answers 404 like a missing one (audited as denied).
** Amounts are integer cents; hours are hundredths (hours_x100: 150 is
** 1.5 h) and the amount of hours worked is computed, half up.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/money.h"
#include "../domain/receipt.h"
#include "../http/guard.h"
#include "../web/money_shared.h"
#include "api.h"
#include "api_common.h"

/* A body-less write: any key of a body is an unknown field. */
static const ApiField aNoField[] = {{0, 0, 0, 0}};

/* ---- JSON ---- */

static void kv_opt_int(JsonW *w, const char *zKey, int64_t v) {
  if (v > 0)
    jw_kv_int(w, zKey, v);
  else
    jw_kv_null(w, zKey);
}

void api_expense_json(JsonW *w, const Expense *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "intervention_id", p->iIntervention);
  jw_kv_str(w, "service", p->zServiceCode);
  jw_kv_str(w, "service_name", p->zServiceName);
  jw_kv_int(w, "person_id", p->iPerson);
  jw_kv_str(w, "person_ref", p->zPersonRef);
  jw_kv_str(w, "person_name", p->zPersonName);
  jw_kv_int(w, "case_id", p->iCase);
  api_kv_ref(w, "organisation", p->iOrganisation, p->zOrganisation);
  jw_kv_int(w, "funding_stream_id", p->iStream);
  jw_kv_str(w, "funding_stream", p->zStreamCode);
  jw_kv_str(w, "kind", p->zKind);
  jw_kv_str(w, "description", p->zDescription);
  jw_kv_str(w, "spent_on", p->zSpentOn);
  char zQ[8];
  quarter_format(quarter_of_date(p->zSpentOn), zQ);
  jw_kv_str(w, "quarter", quarter_of_date(p->zSpentOn) >= 0 ? zQ : NULL);
  kv_opt_int(w, "hours_x100", p->iHoursX100);
  kv_opt_int(w, "hourly_rate_cents", p->iRateCents);
  jw_kv_int(w, "amount_cents", p->iAmountCents);
  jw_key(w, "receipt");
  if (p->zReceiptFile) {
    jw_obj(w);
    jw_kv_str(w, "media_type", p->zReceiptType);
    jw_kv_int(w, "size", p->nReceiptSize);
    jw_kv_str(w, "sha256", p->zReceiptSha256);
    jw_kv_str(w, "name", p->zReceiptName);
    jw_obj_end(w);
  } else {
    jw_null(w);
  }
  kv_opt_int(w, "statement_id", p->iStatement);
  jw_kv_str(w, "statement_quarter", p->zStatementQuarter);
  jw_kv_str(w, "statement_status", p->zStatementStatus);
  jw_kv_str(w, "decision", p->zDecision);
  jw_kv_str(w, "decision_reason", p->zDecisionReason);
  jw_kv_str(w, "decided_at", p->zDecidedAt);
  jw_kv_str(w, "created_at", p->zCreatedAt);
  jw_kv_str(w, "updated_at", p->zUpdatedAt);
  jw_obj_end(w);
}

/* Answers expense id with status iStatus. */
static void expense_answer(Req *r, int64_t id, int iStatus) {
  MoneyWho w;
  money_req_who(r, &w);
  Expense e;
  int rc = expense_get(r->db, &r->a, &w, id, &e);
  if (rc) return api_domain_error(r, rc, "expense");
  JsonW jw;
  req_json_begin(r, iStatus);
  jw_init(&jw, &r->out);
  api_expense_json(&jw, &e);
  buf_putc(&r->out, '\n');
}

/* Expense r->aId[0] within reach into *p; 0, or -1 after answering 404. */
static int expense_load(Req *r, Expense *p) {
  MoneyWho w;
  money_req_who(r, &w);
  int rc = expense_get(r->db, &r->a, &w, r->aId[0], p);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "expense", r->aId[0], 0);
  if (rc) api_domain_error(r, rc, "expense");
  return rc ? -1 : 0;
}

/* ---- list ---- */

void api_expense_list(Req *r) {
  ExpenseFilter f = {0};
  f.iQuarter = -1;
  int bFree = 0;
  if (api_query_id(r, "organisation_id", &f.iOrg) || api_query_id(r, "funding_stream_id", &f.iStream) ||
      api_query_id(r, "intervention_id", &f.iIntervention) ||
      api_query_id(r, "statement_id", &f.iStatement) || api_query_bool(r, "free", &bFree) ||
      api_money_quarter(r, &f.iQuarter))
    return;
  f.bFree = bFree;
  MoneyWho w;
  money_req_who(r, &w);
  Expense *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = expense_list(r->db, &r->a, &w, &f, &a, &n);
  if (rc) return api_domain_error(r, rc, "expense");
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW jw;
  api_list_begin(r, &jw);
  for (int i = iFirst; i < iFirst + nPage; i++) api_expense_json(&jw, &a[i]);
  api_list_end(r, &jw, zNext);
}

/* ---- writes ---- */

static const ApiField aExpenseField[] = {
    {"intervention_id", API_INT64, offsetof(Expense, iIntervention), 0},
    {"kind", API_TEXT, offsetof(Expense, zKind), 0},
    {"description", API_TEXT, offsetof(Expense, zDescription), 0},
    {"spent_on", API_TEXT, offsetof(Expense, zSpentOn), 0},
    {"hours_x100", API_INT64, offsetof(Expense, iHoursX100), 0},
    {"hourly_rate_cents", API_INT64, offsetof(Expense, iRateCents), 0},
    {"amount_cents", API_INT64, offsetof(Expense, iAmountCents), 0},
    {0, 0, 0, 0},
};

/* Saves *p read from the body (p->id 0: a new one); answers. */
static void expense_write(Req *r, Expense *p) {
  MoneyWho w;
  money_req_who(r, &w);
  int bNew = p->id == 0;
  int rc = expense_save(r->db, &w, money_today(r), p, &r->err);
  if (rc) return api_domain_error(r, rc, "expense");
  Expense e;
  if (expense_get(r->db, &r->a, &w, p->id, &e) == 0) money_audit_expense(r, bNew ? "create" : "update", &e);
  if (bNew) api_created(r, "/api/v1/expenses", p->id);
  expense_answer(r, p->id, bNew ? 201 : 200);
}

void api_expense_create(Req *r) {
  Expense e;
  memset(&e, 0, sizeof e);
  if (api_body_read(r, aExpenseField, &e)) return api_invalid(r);
  expense_write(r, &e);
}

/* 1 if the body has key zKey. */
static int body_has(Req *r, const char *zKey) { return r->pJson && json_object_get(r->pJson, zKey); }

void api_expense_update(Req *r) {
  Expense old;
  if (expense_load(r, &old)) return;
  Expense e = old;
  if (api_body_read(r, aExpenseField, &e)) return api_invalid(r);
  /* what the new kind does not take goes, unless the body sends it */
  int bHours = e.zKind && strcmp(e.zKind, "hours") == 0;
  if (bHours && !body_has(r, "amount_cents")) e.iAmountCents = 0;
  if (!bHours && !body_has(r, "hours_x100")) e.iHoursX100 = 0;
  if (!bHours && !body_has(r, "hourly_rate_cents")) e.iRateCents = 0;
  expense_write(r, &e);
}

void api_expense_get(Req *r) {
  Expense e;
  if (expense_load(r, &e)) return;
  expense_answer(r, e.id, 200);
}

void api_expense_delete(Req *r) {
  Expense e;
  if (expense_load(r, &e)) return;
  if (api_body_read(r, aNoField, &e)) return api_invalid(r);
  MoneyWho w;
  money_req_who(r, &w);
  int rc = expense_delete(r->db, &w, e.id, &r->err);
  if (rc) return api_domain_error(r, rc, "expense");
  money_audit_expense(r, "delete", &e);
  JsonW jw;
  api_object_begin(r, &jw, 200);
  jw_kv_int(&jw, "deleted", e.id);
  api_object_end(r, &jw);
}

void api_expense_receipt_put(Req *r) {
  Expense e;
  if (expense_load(r, &e)) return;
  const char *zType = req_header(r, "Content-Type");
  int rc = money_receipt_accept(r, e.id, r->zBody ? r->zBody : "", r->nBody, zType ? zType : "",
                                req_query(r, "filename"));
  if (rc == DOMAIN_INVALID) { /* empty 422, too large 413, not a PDF or image 415 */
    const char *zMsg = errors_get(&r->err, "receipt");
    if (r->nBody == 0)
      req_json_error(r, 422, "invalid", zMsg);
    else if (r->nBody > RECEIPT_MAX_BYTES)
      req_json_error(r, 413, "payload_too_large", zMsg);
    else
      req_json_error(r, 415, "unsupported_media_type", zMsg);
    return;
  }
  if (rc == -1) {
    req_json_error(r, 503, "unavailable", "Receipts cannot be stored now; tell the administrator.");
    return;
  }
  if (rc) return api_domain_error(r, rc, "expense");
  expense_answer(r, e.id, 200);
}

void api_expense_receipt_get(Req *r) { money_receipt_send(r, 1); }
