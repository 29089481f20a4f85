/*
** money_shared.c — what the money pages and the money API share (see
** money_shared.h).
*/
#include "money_shared.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/receipt.h"
#include "../http/guard.h"
#include "../http/server.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../lib/money.h"
#include "html.h"

void money_req_who(Req *r, MoneyWho *pW) { money_who(&r->user, r->iLang, pW); }

const char *money_today(Req *r) {
  char *z = arena_alloc(&r->a, 11);
  date_today(z);
  return z;
}

const char *money_euros(Req *r, int64_t iCents) {
  char *z = arena_alloc(&r->a, 40);
  money_format(iCents, r->iLang == LANG_IT, z, 40);
  return z;
}

const char *money_warning_code(const MoneyWarning *w) {
  return w->e == MW_OVERCOMMITTED ? "stream_overcommitted"
         : w->e == MW_NEARLY_SPENT ? "stream_nearly_spent"
                                   : "statement_late";
}

const char *money_warning_text(Req *r, const MoneyOverview *o, const MoneyWarning *w) {
  return money_warning_words(&r->a, r->iLang, o, w);
}

/* ---- audit ---- */

void money_audit_expense(Req *r, const char *zAction, const Expense *p) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_int(&w, "intervention_id", p->iIntervention);
  jw_kv_int(&w, "organisation_id", p->iOrganisation);
  jw_kv_int(&w, "funding_stream_id", p->iStream);
  jw_kv_str(&w, "kind", p->zKind);
  jw_kv_str(&w, "spent_on", p->zSpentOn);
  jw_kv_int(&w, "amount_cents", p->iAmountCents);
  if (p->iStatement) jw_kv_int(&w, "statement_id", p->iStatement);
  if (p->zReceiptSha256) jw_kv_str(&w, "receipt_sha256", p->zReceiptSha256);
  jw_obj_end(&w);
  req_audit(r, zAction, "expense", p->id, p->iPerson, arena_strdup(&r->a, buf_str(&b)));
  buf_free(&b);
}

void money_audit_statement(Req *r, const char *zAction, int64_t iStatement, const char *zDetail) {
  req_audit(r, zAction, "statement", iStatement, 0, zDetail);
}

/* ---- receipts ---- */

/* The files directory, or NULL when the server keeps none. */
static const char *money_files_dir(void) {
  return pServerConfig && pServerConfig->zFilesDir ? pServerConfig->zFilesDir : NULL;
}

int money_receipt_accept(Req *r, int64_t iExpense, const void *p, size_t n, const char *zDeclared,
                         const char *zName) {
  MoneyWho w;
  money_req_who(r, &w);
  Expense e;
  int rc = expense_get(r->db, &r->a, &w, iExpense, &e);
  if (rc) return rc;
  const char *zType;
  const char *zWhy = receipt_problem(p, n, zDeclared, &zType);
  if (zWhy) {
    errors_add(&r->err, "receipt", zWhy);
    return DOMAIN_INVALID;
  }
  const char *zDir = money_files_dir();
  char zSha[RECEIPT_SHA256_HEX + 1], zErr[512];
  if (!zDir) {
    fprintf(stderr, "ali: a receipt arrived but the server keeps no files (ali serve --files DIR)\n");
    return -1;
  }
  if (receipt_store(zDir, p, n, zSha, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: receipt: %s\n", zErr);
    return -1;
  }
  char zClean[128];
  const char *zKeep = receipt_clean_name(zName, zClean, sizeof zClean);
  rc = expense_set_receipt(r->db, &w, iExpense, zSha, zType, (int64_t)n, zKeep, &r->err);
  if (rc) return rc;
  e.zReceiptSha256 = arena_strdup(&r->a, zSha);
  money_audit_expense(r, "receipt", &e);
  return 0;
}

void money_receipt_send(Req *r, int bApi) {
  MoneyWho w;
  money_req_who(r, &w);
  Expense e;
  int rc = expense_get(r->db, &r->a, &w, r->aId[0], &e);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "expense", r->aId[0], 0);
  if (!rc && !e.zReceiptFile) rc = DOMAIN_NOT_FOUND;
  if (rc) {
    if (bApi)
      req_json_error(r, rc == DOMAIN_NOT_FOUND ? 404 : 500, rc == DOMAIN_NOT_FOUND ? "not_found" : "internal",
                     rc == DOMAIN_NOT_FOUND ? "No such receipt." : "Something went wrong on the server.");
    else
      req_error(r, rc == DOMAIN_NOT_FOUND ? 404 : 500,
                rc == DOMAIN_NOT_FOUND ? N_("No such receipt.") : N_("Something went wrong on the server."));
    return;
  }
  char zErr[512];
  const char *zDir = money_files_dir();
  buf_reset(&r->out);
  if (!zDir || receipt_load(zDir, e.zReceiptFile, &r->out, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: receipt of expense %" PRId64 ": %s\n", e.id, zDir ? zErr : "no files directory");
    buf_reset(&r->out);
    req_error(r, 500, N_("The receipt could not be read; tell the administrator."));
    return;
  }
  static const char *const azExt[][2] = {
      {"application/pdf", "pdf"}, {"image/png", "png"}, {"image/jpeg", "jpg"}};
  const char *zExt = "bin";
  for (size_t i = 0; i < sizeof azExt / sizeof *azExt; i++) {
    if (strcmp(e.zReceiptType, azExt[i][0]) == 0) zExt = azExt[i][1];
  }
  r->iStatus = 200;
  r->zContentType = e.zReceiptType;
  req_header_add(r, "Content-Disposition",
                 arena_printf(&r->a, "attachment; filename=\"receipt-%" PRId64 ".%s\"", e.id, zExt));
  req_audit(r, "export", "expense", e.id, e.iPerson, "{\"document\":\"receipt\"}");
}

/* ---- for the pages ---- */

void money_fail(Req *r, int rc, const char *zNotFound) {
  if (rc == DOMAIN_NOT_FOUND) {
    req_error(r, 404, zNotFound);
  } else if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409, r->err.n ? r->err.a[0].zMsg : N_("Not possible in the present state."));
  } else if (rc == DOMAIN_INVALID) {
    req_error(r, 422, r->err.n ? r->err.a[0].zMsg : N_("The form holds mistakes."));
  } else if (rc == DB_BUSY) {
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  } else {
    fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    req_error(r, 500, N_("Something went wrong on the server."));
  }
}

const char *money_form(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? NULL : z;
}

int64_t money_form_id(Req *r, const char *zName) {
  const char *z = money_form(r, zName);
  if (!z) return 0;
  int64_t v = 0;
  for (size_t i = 0; z[i]; i++) {
    if (z[i] < '0' || z[i] > '9' || i >= 18) return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

int money_form_euros(Req *r, const char *zName, const char *zField, int64_t *pCents) {
  const char *z = money_form(r, zName);
  *pCents = 0;
  if (!z) return 0;
  if (money_parse_euros(z, pCents) == 0) return 0;
  errors_add(&r->err, zField, N_("an amount in euros, such as 12,50"));
  return -1;
}

void money_status_badge(Req *r, StStatus e) {
  static const char *const azClass[ST_COUNT] = {"bg-secondary", "bg-primary", "bg-success",
                                                "bg-warning text-dark", "bg-danger", "bg-dark"};
  html_f(&r->out, "<span class=\"badge %s\" data-status=\"%s\">%s</span>",
         e < ST_COUNT ? azClass[e] : "bg-secondary", statement_status_code(e),
         _(statement_status_label(e)));
}
