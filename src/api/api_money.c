/*
** api_money.c — the money figures in the JSON API
** (src/domain/money_overview.h; docs/money.md):
**
**   GET /api/v1/money                        every stream, with the warnings
**   GET /api/v1/funding-streams/{id}/money   one stream
**
** Each stream: its allocation and committed, spent, reimbursed and left,
** then the same per cooperative and per quarter.  A case manager gets
** their own cooperative's figures ("scope": "cooperative", left null)
** and their own late statements; the manager the agency's.
*/
#include <inttypes.h>
#include <string.h>

#include "../domain/domain.h"
#include "../web/money_shared.h"
#include "api.h"
#include "api_common.h"

static void figures(JsonW *w, const MoneyRow *p) {
  jw_kv_int(w, "committed_cents", p->nCommitted);
  jw_kv_int(w, "spent_cents", p->nSpent);
  jw_kv_int(w, "reimbursed_cents", p->nReimbursed);
}

static void stream_json(JsonW *w, const MoneyOverview *o, const MoneyRow *pRow, int bAgency) {
  const MoneyStream *s = money_stream(o, pRow->iStream);
  jw_obj(w);
  jw_kv_int(w, "id", s->id);
  jw_kv_str(w, "code", s->zCode);
  jw_kv_str(w, "name", s->zName);
  jw_kv_int(w, "allocation_cents", s->nAllocation);
  figures(w, pRow);
  if (bAgency)
    jw_kv_int(w, "left_cents", pRow->nLeft);
  else
    jw_kv_null(w, "left_cents");
  jw_key(w, "by_cooperative");
  jw_arr(w);
  for (int i = 0; i < o->nByOrg; i++) {
    const MoneyRow *p = &o->aByOrg[i];
    if (p->iStream != s->id) continue;
    jw_obj(w);
    if (p->iOrg)
      api_kv_ref(w, "organisation", p->iOrg, money_org_name(o, p->iOrg));
    else
      jw_kv_null(w, "organisation");
    figures(w, p);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_key(w, "by_quarter");
  jw_arr(w);
  for (int i = 0; i < o->nByQuarter; i++) {
    const MoneyRow *p = &o->aByQuarter[i];
    if (p->iStream != s->id) continue;
    char zQ[8];
    quarter_format(p->iQuarter, zQ);
    jw_obj(w);
    jw_kv_str(w, "quarter", zQ);
    figures(w, p);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_obj_end(w);
}

static void warning_json(Req *r, JsonW *w, const MoneyOverview *o, const MoneyWarning *p) {
  jw_obj(w);
  jw_kv_str(w, "code", money_warning_code(p));
  jw_kv_int(w, "funding_stream_id", p->iStream);
  if (p->e == MW_LATE) {
    char zQ[8];
    quarter_format(p->iQuarter, zQ);
    api_kv_ref(w, "organisation", p->iOrg, money_org_name(o, p->iOrg));
    jw_kv_str(w, "quarter", zQ);
    jw_kv_int(w, "days_late", p->nDaysLate);
  }
  jw_kv_int(w, "amount_cents", p->nAmount);
  jw_kv_str(w, "message", money_warning_text(r, o, p));
  jw_obj_end(w);
}

/* Answers the overview of iStream (0: every stream). */
static void money_answer(Req *r, int64_t iStream) {
  MoneyWho w;
  money_req_who(r, &w);
  MoneyOverview o;
  int rc = money_overview(r->db, &r->a, &w, iStream, money_today(r), &o);
  if (rc) return api_domain_error(r, rc, "funding stream");
  JsonW jw;
  api_object_begin(r, &jw, 200);
  jw_kv_str(&jw, "scope", w.iOrg ? "cooperative" : "agency");
  jw_key(&jw, "streams");
  jw_arr(&jw);
  for (int i = 0; i < o.nByStream; i++) stream_json(&jw, &o, &o.aByStream[i], w.iOrg == 0);
  jw_arr_end(&jw);
  jw_key(&jw, "warnings");
  jw_arr(&jw);
  for (int i = 0; i < o.nWarn; i++) warning_json(r, &jw, &o, &o.aWarn[i]);
  jw_arr_end(&jw);
  api_object_end(r, &jw);
}

void api_money_get(Req *r) { money_answer(r, 0); }

int api_money_quarter(Req *r, int *piQ) {
  const char *z = req_query(r, "quarter");
  if (!z) return 0;
  if ((*piQ = quarter_parse(z)) >= 0) return 0;
  errors_add(&r->err, "quarter", "is not a quarter such as 2021-Q3");
  req_json_error(r, 400, "bad_request", "The parameter quarter is not a quarter such as 2021-Q3.");
  return -1;
}
void api_money_stream(Req *r) { money_answer(r, r->aId[0]); }
