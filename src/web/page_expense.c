/*
** page_expense.c — a cooperative's expenses in the web UI
** (src/domain/expense.h):
**
**   GET  /expenses               the expenses, per intervention, with the
**                                form of a new one; filters ?organisation=
**                                (managers) &stream= &quarter= &intervention=
**   POST /expenses               record one, with its receipt (a form sent
**                                as multipart/form-data)
**   GET  /expenses/{id}          one, with the form to change it
**   POST /expenses/{id}          change it, the receipt replaced if sent
**   POST /expenses/{id}/delete   delete it
**   GET  /expenses/{id}/receipt  its receipt (money_shared.c)
**
** Form fields: intervention_id, kind, description, spent_on, hours
** ("1,5"), hourly_rate and amount (euros, "12,50"), receipt (a file).
** A case manager reaches their own cooperative's expenses only; another
** cooperative's answers 404 like a missing one.  A form that fails is
** shown again with 422, each message next to its field; a receipt that
** is not a PDF or an image, or is larger than 5 MB, fails the whole form
** (nothing is recorded).
*/
#include <inttypes.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/money.h"
#include "../http/guard.h"
#include "../http/multipart.h"
#include "../lib/i18n.h"
#include "../lib/money.h"
#include "html.h"
#include "layout.h"
#include "money_shared.h"
#include "pages.h"

/* ---- the form ---- */

static const char *const *ex_kind_options(Req *r) {
  const char **az = arena_alloc(&r->a, sizeof *az * (2 * EK_COUNT + 3));
  int k = 0;
  az[k++] = "";
  az[k++] = _("Choose the kind");
  for (int e = 0; e < EK_COUNT; e++) {
    az[k++] = expense_kind_code((ExpenseKind)e);
    az[k++] = _(expense_kind_label((ExpenseKind)e));
  }
  return az;
}

static const char *const *ex_intervention_options(Req *r, int64_t iOrg) {
  MoneyWho w;
  money_req_who(r, &w);
  int64_t *aId;
  const char **azLabel;
  int n;
  if (expense_interventions(r->db, &r->a, &w, iOrg, r->iLang, &aId, &azLabel, &n)) n = 0;
  const char **az = arena_alloc(&r->a, sizeof *az * (size_t)(2 * n + 3));
  az[0] = "";
  az[1] = _("Choose the intervention");
  for (int i = 0; i < n; i++) {
    az[2 * i + 2] = arena_printf(&r->a, "%" PRId64, aId[i]);
    az[2 * i + 3] = azLabel[i];
  }
  return az;
}

/* The value of field zName: the submitted one on a re-render, else zDflt. */
static const char *ex_value(Req *r, const char *zName, const char *zDflt) {
  const char *z = r->nForm ? req_form(r, zName) : NULL;
  return z ? z : zDflt;
}

static const char *ex_cents_text(Req *r, int64_t v) {
  if (v <= 0) return "";
  return arena_printf(&r->a, r->iLang == LANG_IT ? "%lld,%02lld" : "%lld.%02lld",
                      (long long)(v / 100), (long long)(v % 100));
}

static void ex_file_input(Req *r) {
  const char *zErr = errors_get(&r->err, "receipt");
  html_f(&r->out, "<div class=\"form-group\"><label class=\"active\" for=\"f-receipt\">%s</label>"
                  "<input type=\"file\" class=\"form-control%s\" id=\"f-receipt\" name=\"receipt\""
                  " accept=\"application/pdf,image/png,image/jpeg\"",
         _("Receipt (PDF, PNG or JPEG, at most 5 MB)"), zErr ? " is-invalid" : "");
  if (zErr) html_raw(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-receipt\"");
  html_raw(&r->out, ">");
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-receipt\">%s</div>", _(zErr));
  html_raw(&r->out, "</div>");
}

/* The form of expense p (NULL: a new one), posting to zAction. */
static void render_form(Req *r, const Expense *p, const char *zAction, int64_t iOrg,
                        int64_t iIntervention) {
  static const char *const azLabelField[] = {"intervention_id", N_("Intervention"), "kind", N_("Kind"),
                                             "description", N_("Description"), "spent_on", N_("Date"),
                                             "hours", N_("Hours"), "hourly_rate_cents", N_("Hourly rate"),
                                             "amount_cents", N_("Amount"), "receipt", N_("Receipt"), 0};
  const char *azLabel[sizeof azLabelField / sizeof *azLabelField];
  for (size_t i = 0; azLabelField[i]; i += 2) {
    azLabel[i] = azLabelField[i];
    azLabel[i + 1] = _(azLabelField[i + 1]);
  }
  azLabel[sizeof azLabelField / sizeof *azLabelField - 1] = 0;
  form_error_summary_fields(r, azLabel);
  form_begin(r, zAction, " enctype=\"multipart/form-data\" id=\"expense-form\"");
  char zHours[24] = "";
  if (p && p->iHoursX100) money_hours_format(p->iHoursX100, r->iLang == LANG_IT, zHours);
  const char *zIv = p ? arena_printf(&r->a, "%" PRId64, p->iIntervention)
                      : iIntervention ? arena_printf(&r->a, "%" PRId64, iIntervention) : "";
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-8\">");
  form_select(r, "intervention_id", _("Intervention"), ex_intervention_options(r, iOrg),
              ex_value(r, "intervention_id", zIv));
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_select(r, "kind", _("Kind"), ex_kind_options(r), ex_value(r, "kind", p ? p->zKind : ""));
  html_raw(&r->out, "</div><div class=\"col-md-8\">");
  form_input(r, "description", _("Description"), "text",
             ex_value(r, "description", p ? p->zDescription : ""), 1);
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_input(r, "spent_on", _("Date"), "date", ex_value(r, "spent_on", p ? p->zSpentOn : money_today(r)), 1);
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_input(r, "hours", _("Hours (hours worked only)"), "text", ex_value(r, "hours", zHours), 0);
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_input(r, "hourly_rate_cents", _("Hourly rate, € (hours worked only)"), "text",
             ex_value(r, "hourly_rate_cents", p ? ex_cents_text(r, p->iRateCents) : ""), 0);
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_input(r, "amount_cents", _("Amount, € (other kinds)"), "text",
             ex_value(r, "amount_cents", p && !p->iHoursX100 ? ex_cents_text(r, p->iAmountCents) : ""), 0);
  html_raw(&r->out, "</div></div>");
  ex_file_input(r);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\" id=\"expense-save\">%s</button></form>",
         p ? _("Save the changes") : _("Record the expense"));
}

/* ---- the list ---- */

static void render_receipt_link(Req *r, const Expense *e) {
  if (e->zReceiptFile)
    html_f(&r->out, "<a href=\"/expenses/%D/receipt\" class=\"receipt-link\">%s</a>", e->id,
           _("receipt"));
  else
    html_raw(&r->out, "<span class=\"ali-muted\">—</span>");
}

static void render_statement_cell(Req *r, const Expense *e) {
  if (!e->iStatement) {
    html_f(&r->out, "<span class=\"ali-muted\">%s</span>", _("not yet claimed"));
    return;
  }
  int eS = statement_status_find(e->zStatementStatus);
  html_f(&r->out, "<a href=\"/statements/%D\">%s</a> ", e->iStatement, e->zStatementQuarter);
  if (eS >= 0) money_status_badge(r, (StStatus)eS);
  if (e->zDecision) {
    html_f(&r->out, "<br><small>%s%s%s</small>",
           strcmp(e->zDecision, "approved") == 0 ? _("approved") : _("rejected"),
           e->zDecisionReason ? ": " : "", e->zDecisionReason ? e->zDecisionReason : "");
  }
}

static void render_row(Req *r, const Expense *e) {
  char zH[24] = "";
  if (e->iHoursX100) money_hours_format(e->iHoursX100, r->iLang == LANG_IT, zH);
  int eK = expense_kind_find(e->zKind);
  html_f(&r->out, "<tr id=\"expense-%D\"><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s</td>"
                  "<td class=\"text-end text-nowrap\">%s</td><td>",
         e->id, ui_date(r, e->zSpentOn), eK >= 0 ? _(expense_kind_label((ExpenseKind)eK)) : e->zKind,
         e->zDescription, zH, zH[0] ? " h × " : "", zH[0] ? money_euros(r, e->iRateCents) : "",
         money_euros(r, e->iAmountCents));
  render_receipt_link(r, e);
  html_raw(&r->out, "</td><td>");
  render_statement_cell(r, e);
  html_f(&r->out, "</td><td><a href=\"/expenses/%D\">%s</a></td></tr>", e->id, _("Open"));
}

/* The expenses a[0..n), grouped by intervention (they come in its order). */
static void render_expenses(Req *r, const Expense *a, int n) {
  if (!n) {
    html_f(&r->out, "<p id=\"no-expenses\">%s</p>", _("No expense recorded yet."));
    return;
  }
  html_f(&r->out, "<table class=\"table\" id=\"expenses\"><thead><tr><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead>",
         _("Date"), _("Kind"), _("Description"), _("Hours"), _("Amount"), _("Receipt"), _("Statement"));
  for (int i = 0; i < n; i++) {
    if (i == 0 || a[i].iIntervention != a[i - 1].iIntervention) {
      if (i) html_raw(&r->out, "</tbody>");
      html_f(&r->out, "<tbody id=\"intervention-%D\"><tr class=\"table-light\"><th colspan=\"8\" "
                      "scope=\"rowgroup\">%s — %s%s%s · %s · %s</th></tr>",
             a[i].iIntervention, a[i].zServiceName, a[i].zPersonRef, a[i].zPersonName ? ", " : "",
             a[i].zPersonName ? a[i].zPersonName : "", a[i].zOrganisation, a[i].zStreamName);
    }
    render_row(r, &a[i]);
  }
  html_raw(&r->out, "</tbody></table>");
}

/* The filters of the list, as a GET form. */
static void render_filters(Req *r, const MoneyWho *w, int64_t iOrg, const char *zQuarter) {
  html_f(&r->out, "<form method=\"get\" action=\"/expenses\" class=\"row g-2 mt-4 mb-3\" id=\"filters\">");
  if (!w->iOrg) {
    html_raw(&r->out, "<div class=\"col-md-5\">");
    form_select(r, "organisation", _("Cooperative"),
                form_organisation_options(r, "cooperative", _("Every cooperative"), NULL),
                iOrg ? arena_printf(&r->a, "%" PRId64, iOrg) : "");
    html_raw(&r->out, "</div>");
  }
  html_raw(&r->out, "<div class=\"col-md-3\">");
  form_input(r, "quarter", _("Quarter (2021-Q3)"), "text", zQuarter ? zQuarter : "", 0);
  html_f(&r->out, "</div><div class=\"col-md-2\"><button type=\"submit\" class=\"btn btn-outline-primary\">"
                  "%s</button></div></form>", _("Show"));
}

/* The whole list page, with the add form (re-rendered after a failure). */
static void render_list(Req *r) {
  MoneyWho w;
  money_req_who(r, &w);
  ExpenseFilter f = {0};
  f.iQuarter = -1;
  const char *zQuarter = req_query(r, "quarter");
  if (zQuarter && *zQuarter) f.iQuarter = quarter_parse(zQuarter);
  f.iOrg = w.iOrg ? 0 : req_query_int(r, "organisation", 0, 0, INT64_MAX);
  f.iIntervention = req_query_int(r, "intervention", 0, 0, INT64_MAX);
  Expense *a;
  int n;
  int rc = expense_list(r->db, &r->a, &w, &f, &a, &n);
  if (rc) return money_fail(r, rc, N_("Page not found."));
  int iStatus = r->iStatus;
  layout_begin(r, _("Expenses"), NAV_NONE);
  r->iStatus = iStatus;
  html_f(&r->out, "<h1 class=\"h2\">%s</h1><p><a href=\"/money\">%s</a> · <a href=\"/statements\">%s</a></p>",
         _("Expenses"), _("Money"), _("Quarterly statements"));
  int64_t iSaved = req_query_int(r, "saved", 0, 0, INT64_MAX);
  if (iSaved)
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"saved\">%s</div>",
           _("The expense was recorded."));
  if (zQuarter && *zQuarter && f.iQuarter < 0)
    html_f(&r->out, "<div class=\"alert alert-warning\" role=\"alert\">%s</div>",
           _("The quarter is written as 2021-Q3: showing every quarter."));
  render_filters(r, &w, f.iOrg, zQuarter);
  render_expenses(r, a, n);
  if (auth_can(r, CAP_EXPENSE_WRITE)) {
    html_f(&r->out, "<section class=\"mt-4\" aria-labelledby=\"h-new\"><h2 class=\"h4\" id=\"h-new\">%s</h2>",
           _("Record an expense"));
    render_form(r, NULL, "/expenses", f.iOrg, f.iIntervention);
    html_raw(&r->out, "</section>");
  }
  layout_end(r);
}

void expense_list_page(Req *r) { render_list(r); }

/* ---- writes ---- */

/* The expense of the submitted form into *p; parse errors into r->err. */
static void ex_read_form(Req *r, Expense *p) {
  p->iIntervention = money_form_id(r, "intervention_id");
  if (p->iIntervention < 0) p->iIntervention = 0;
  p->zKind = money_form(r, "kind");
  p->zDescription = req_form(r, "description");
  p->zSpentOn = money_form(r, "spent_on");
  const char *zHours = money_form(r, "hours");
  p->iHoursX100 = 0;
  if (zHours && money_hours_parse(zHours, &p->iHoursX100))
    errors_add(&r->err, "hours", N_("a number of hours, such as 1,5"));
  money_form_euros(r, "hourly_rate_cents", "hourly_rate_cents", &p->iRateCents);
  money_form_euros(r, "amount_cents", "amount_cents", &p->iAmountCents);
  if (p->zKind && strcmp(p->zKind, "hours") == 0) p->iAmountCents = 0; /* computed */
}

/* Saves the form as expense p (p->id 0: new) with its receipt, if one
** was sent: 0; DOMAIN_INVALID or DOMAIN_CONFLICT (r->err says why: the
** caller shows the form again); or -1 after answering an error. */
static int ex_save(Req *r, Expense *p) {
  MoneyWho w;
  money_req_who(r, &w);
  int bNew = p->id == 0, rc;
  if (r->err.n) { /* a field could not be read: show every other problem too */
    expense_validate(p, money_today(r), &r->err);
    rc = DOMAIN_INVALID;
  } else {
    rc = expense_save(r->db, &w, money_today(r), p, &r->err);
  }
  if (!rc && r->pUpload && r->pUpload->nData)
    rc = money_receipt_accept(r, p->id, r->pUpload->pData, r->pUpload->nData, NULL,
                              r->pUpload->zFilename);
  if (rc == -1) {
    req_error(r, 503, N_("Receipts cannot be stored now; tell the administrator."));
    return -1;
  }
  if (rc && rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) {
    money_fail(r, rc, N_("There is no such expense."));
    return -1;
  }
  if (rc) return rc;
  Expense e;
  if (!expense_get(r->db, &r->a, &w, p->id, &e)) money_audit_expense(r, bNew ? "create" : "update", &e);
  return 0;
}

void expense_create_page(Req *r) {
  Expense e;
  memset(&e, 0, sizeof e);
  ex_read_form(r, &e);
  int rc = ex_save(r, &e);
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/expenses?saved=%" PRId64 "#expense-%" PRId64, e.id, e.id));
    return;
  }
  if (rc == -1) return; /* answered */
  r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
  render_list(r);
}

/* ---- one expense ---- */

/* Expense r->aId[0] within reach; 0, or -1 after answering 404. */
static int ex_load(Req *r, Expense *p) {
  MoneyWho w;
  money_req_who(r, &w);
  int rc = expense_get(r->db, &r->a, &w, r->aId[0], p);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "expense", r->aId[0], 0);
  if (rc) money_fail(r, rc, N_("There is no such expense."));
  return rc ? -1 : 0;
}

static void render_one(Req *r, const Expense *e) {
  int iStatus = r->iStatus;
  layout_begin(r, _("Expense"), NAV_NONE);
  r->iStatus = iStatus;
  html_f(&r->out, "<h1 class=\"h2\">%s <span class=\"ali-muted\">· %s — %s</span></h1>"
                  "<p><a href=\"/expenses?intervention=%D\">%s</a></p>",
         _("Expense"), e->zServiceName, e->zPersonRef, e->iIntervention, _("Back to the expenses"));
  if (r->iStatus == 409) {
    html_f(&r->out, "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\">%s</div>",
           r->err.n ? _(r->err.a[0].zMsg) : _("Not possible in the present state."));
    r->err.n = 0;
  }
  html_raw(&r->out, "<dl class=\"row\">");
  html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">%s · %s</dd>", _("Cooperative"),
         e->zOrganisation, e->zStreamName);
  html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">%s</dd>", _("Amount"),
         money_euros(r, e->iAmountCents));
  html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">", _("Receipt"));
  render_receipt_link(r, e);
  html_f(&r->out, "</dd><dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">", _("Statement"));
  render_statement_cell(r, e);
  html_raw(&r->out, "</dd></dl>");
  if (auth_can(r, CAP_EXPENSE_WRITE)) {
    render_form(r, e, arena_printf(&r->a, "/expenses/%" PRId64, e->id), e->iOrganisation, 0);
    form_begin(r, arena_printf(&r->a, "/expenses/%" PRId64 "/delete", e->id), " class=\"mt-3\"");
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-outline-danger\" id=\"expense-delete\">%s"
                    "</button></form>", _("Delete the expense"));
  }
  layout_end(r);
}

void expense_page(Req *r) {
  Expense e;
  if (ex_load(r, &e)) return;
  render_one(r, &e);
}

void expense_update_page(Req *r) {
  Expense old;
  if (ex_load(r, &old)) return;
  Expense e = old;
  ex_read_form(r, &e);
  e.id = old.id;
  int rc = ex_save(r, &e);
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/expenses/%" PRId64, e.id));
    return;
  }
  if (rc == -1) return; /* answered */
  r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
  render_one(r, &old);
}

void expense_delete_page(Req *r) {
  Expense e;
  if (ex_load(r, &e)) return;
  MoneyWho w;
  money_req_who(r, &w);
  int rc = expense_delete(r->db, &w, e.id, &r->err);
  if (rc == DOMAIN_CONFLICT) {
    r->iStatus = 409;
    render_one(r, &e);
    return;
  }
  if (rc) return money_fail(r, rc, N_("There is no such expense."));
  money_audit_expense(r, "delete", &e);
  req_redirect(r, arena_printf(&r->a, "/expenses?intervention=%" PRId64, e.iIntervention));
}

void expense_receipt_page(Req *r) { money_receipt_send(r, 0); }
