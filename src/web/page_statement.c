/*
** page_statement.c — quarterly statements in the web UI
** (src/domain/statement.h; docs/money.md):
**
**   GET  /statements                          the statements, newest
**                                             quarter first, and the form
**                                             that generates one
**   POST /statements                          generate (or refresh) the
**                                             statement of a cooperative,
**                                             stream and quarter
**   GET  /statements/{id}                     one: its lines, totals,
**                                             history, and the steps its
**                                             status allows the caller
**   POST /statements/{id}/submit              the cooperative submits it
**   POST /statements/{id}/decisions           the agency approves or
**                                             rejects lines (decision_ID,
**                                             reason_ID per line)
**   POST /statements/{id}/lines/{id}/remove   take a line out
**   POST /statements/{id}/reimburse           mark it reimbursed (paid_on)
**   POST /statements/{id}/delete              delete a draft
**   GET  /statements/{id}.pdf, .xlsx          the documents (also in the
**                                             API, /api/v1/statements/...)
**
** A case manager reaches their own cooperative's statements (another's
** is a 404); decisions and reimbursement need CAP_STATEMENT_REVIEW.  A
** step the status does not allow answers 409 with the page and why.
** Every step is audited; documents handed out as "export".
*/
#include <inttypes.h>
#include <string.h>

#include "../api/api.h"
#include "../domain/domain.h"
#include "../http/guard.h"
#include "../lib/i18n.h"
#include "../report/statement_doc.h"
#include "html.h"
#include "layout.h"
#include "money_shared.h"
#include "pages.h"

/* ---- the list ---- */

static const char *const *st_stream_options(Req *r) {
  int n = (int)db_int(r->db, 0, "SELECT count(*) FROM funding_stream WHERE agency_id=$1", "i", r->iAgency);
  const char **az = arena_alloc(&r->a, sizeof *az * (size_t)(2 * n + 3));
  int k = 0;
  az[k++] = "";
  az[k++] = _("Choose the stream");
  DbStmt *q = db_query(r->db, "SELECT id, name FROM funding_stream WHERE agency_id=$1 ORDER BY id",
                       "i", r->iAgency);
  while (db_step(q) == DB_ROW && k < 2 * n + 2) {
    az[k++] = arena_printf(&r->a, "%" PRId64, db_col_int(q, 0));
    az[k++] = arena_strdup(&r->a, db_col_text(q, 1));
  }
  db_done(q);
  az[k] = 0;
  return az;
}

static void render_generate(Req *r, const MoneyWho *w) {
  html_f(&r->out, "<section class=\"mt-4\" aria-labelledby=\"h-generate\"><h2 class=\"h4\" id=\"h-generate\">"
                  "%s</h2><p class=\"ali-muted\">%s</p>",
         _("Generate a statement"),
         _("It gathers the cooperative's expenses of the quarter on the stream that are in no "
           "statement yet, and those of earlier quarters not claimed."));
  form_error_summary(r);
  form_begin(r, "/statements", " id=\"generate-form\" class=\"row g-2\"");
  if (!w->iOrg) {
    html_raw(&r->out, "<div class=\"col-md-4\">");
    form_select(r, "organisation_id", _("Cooperative"),
                form_organisation_options(r, "cooperative", _("Choose the cooperative"), NULL),
                req_form(r, "organisation_id"));
    html_raw(&r->out, "</div>");
  }
  html_raw(&r->out, "<div class=\"col-md-4\">");
  form_select(r, "funding_stream_id", _("Funding stream"), st_stream_options(r),
              req_form(r, "funding_stream_id"));
  char zQ[8];
  quarter_format(quarter_of_date(money_today(r)) - 1, zQ);
  const char *zQuarter = r->nForm ? req_form(r, "quarter") : zQ;
  html_raw(&r->out, "</div><div class=\"col-md-2\">");
  form_input(r, "quarter", _("Quarter (2021-Q3)"), "text", zQuarter, 1);
  html_f(&r->out, "</div><div class=\"col-md-2\"><button type=\"submit\" class=\"btn btn-primary\" "
                  "id=\"generate\">%s</button></div></form></section>", _("Generate"));
}

static void render_list_table(Req *r, const Statement *a, int n) {
  if (!n) {
    html_f(&r->out, "<p id=\"no-statements\">%s</p>", _("No statement yet."));
    return;
  }
  html_f(&r->out, "<table class=\"table\" id=\"statements\"><thead><tr><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
                  "<th scope=\"col\" class=\"text-end\">%s</th></tr></thead><tbody>",
         _("Quarter"), _("Cooperative"), _("Stream"), _("Status"), _("Lines"), _("Claimed"),
         _("Approved"));
  for (int i = 0; i < n; i++) {
    const Statement *s = &a[i];
    html_f(&r->out, "<tr id=\"statement-%D\"><td><a href=\"/statements/%D\">%s</a></td><td>%s</td>"
                    "<td>%s</td><td>", s->id, s->id, s->zQuarter, s->zOrganisation, s->zStreamCode);
    money_status_badge(r, s->eStatus);
    html_f(&r->out, "</td><td class=\"text-end\">%d</td><td class=\"text-end text-nowrap\">%s</td>"
                    "<td class=\"text-end text-nowrap\">%s</td></tr>",
           s->nLine, money_euros(r, s->nTotalCents), money_euros(r, s->nApprovedCents));
  }
  html_raw(&r->out, "</tbody></table>");
}

static void render_list(Req *r) {
  MoneyWho w;
  money_req_who(r, &w);
  StatementFilter f = {0, 0, -1, -1};
  const char *zStatus = req_query(r, "status");
  if (zStatus) f.eStatus = statement_status_find(zStatus);
  Statement *a;
  int n;
  int rc = statement_list(r->db, &r->a, &w, &f, &a, &n);
  if (rc) return money_fail(r, rc, N_("Page not found."));
  int iStatus = r->iStatus;
  layout_begin(r, _("Quarterly statements"), NAV_NONE);
  r->iStatus = iStatus;
  html_f(&r->out, "<h1 class=\"h2\">%s</h1><p><a href=\"/money\">%s</a> · <a href=\"/expenses\">%s</a></p>",
         _("Quarterly statements"), _("Money"), _("Expenses"));
  if (r->iStatus == 409 && r->err.n)
    html_f(&r->out, "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\">%s</div>",
           _(r->err.a[0].zMsg));
  render_list_table(r, a, n);
  if (auth_can(r, CAP_EXPENSE_WRITE)) render_generate(r, &w);
  layout_end(r);
}

void statement_list_page(Req *r) { render_list(r); }

void statement_generate_page(Req *r) {
  MoneyWho w;
  money_req_who(r, &w);
  int64_t iOrg = w.iOrg > 0 ? w.iOrg : money_form_id(r, "organisation_id");
  int64_t iStream = money_form_id(r, "funding_stream_id");
  const char *zQuarter = money_form(r, "quarter");
  int64_t id;
  int bCreated, nAdded;
  int rc = statement_generate(r->db, &w, iOrg < 0 ? 0 : iOrg, iStream < 0 ? 0 : iStream,
                              zQuarter, money_today(r), &id, &bCreated, &nAdded, &r->err);
  if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
    r->iStatus = rc == DOMAIN_INVALID ? 422 : 409;
    render_list(r);
    return;
  }
  if (rc) return money_fail(r, rc, N_("Page not found."));
  money_audit_statement(r, bCreated ? "generate" : "refresh", id,
                        arena_printf(&r->a, "{\"organisation_id\":%" PRId64 ",\"funding_stream_id\":%"
                                            PRId64 ",\"quarter\":\"%s\",\"lines_added\":%d}",
                                     iOrg, iStream, zQuarter, nAdded));
  req_redirect(r, arena_printf(&r->a, "/statements/%" PRId64 "?added=%d", id, nAdded));
}

/* ---- one statement ---- */

typedef struct StView {
  MoneyWho w;
  Statement s;
  Expense *aL;
  int nL;
  StatementDecision *aD;
  int nD;
} StView;

/* Statement r->aId[0] with its lines and history; 0, or -1 answered. */
static int st_load(Req *r, StView *v) {
  money_req_who(r, &v->w);
  int rc = statement_get(r->db, &r->a, &v->w, r->aId[0], &v->s);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "statement", r->aId[0], 0);
  if (!rc) rc = statement_lines(r->db, &r->a, &v->w, v->s.id, &v->aL, &v->nL);
  if (!rc) rc = statement_decisions(r->db, &r->a, v->s.id, &v->aD, &v->nD);
  if (rc) money_fail(r, rc, N_("There is no such statement."));
  return rc ? -1 : 0;
}

static void render_facts(Req *r, const Statement *s) {
  html_raw(&r->out, "<dl class=\"row\" id=\"facts\">");
  html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">", _("Status"));
  money_status_badge(r, s->eStatus);
  html_raw(&r->out, "</dd>");
  if (s->nSubmission)
    html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">%s (%s %d)</dd>", _("Submitted"),
           ui_date(r, arena_strndup(&r->a, s->zSubmittedAt, 10)), _("submission"), s->nSubmission);
  if (s->zPaidOn)
    html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\" id=\"paid\">%s, %s</dd>",
           _("Reimbursed"), ui_date(r, s->zPaidOn), money_euros(r, s->nPaidCents));
  html_f(&r->out, "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\" id=\"totals\">%s %s · %s %s · %s %s"
                  " · %s %s</dd></dl>",
         _("Totals"), _("claimed"), money_euros(r, s->nTotalCents), _("approved"),
         money_euros(r, s->nApprovedCents), _("rejected"), money_euros(r, s->nRejectedCents),
         _("pending"), money_euros(r, s->nPendingCents));
  html_f(&r->out, "<p><a href=\"/statements/%D.pdf\" id=\"pdf-link\" class=\"me-3\" download>%s</a>"
                  "<a href=\"/statements/%D.xlsx\" id=\"xlsx-link\" download>%s</a></p>",
         s->id, _("Download the PDF"), s->id, _("Download the spreadsheet (XLSX)"));
}

static const char *st_decision_label(Req *r, const char *zDecision) {
  int e = line_state_find(zDecision);
  return e == LINE_APPROVED ? _("Approved") : e == LINE_REJECTED ? _("Rejected") : _("Pending");
}

/* The cell of a line's decision: a select and a reason when reviewing. */
static void render_decision_cell(Req *r, const Expense *e, int bReview) {
  if (!bReview) {
    html_f(&r->out, "<span data-decision=\"%s\">%s</span>", e->zDecision ? e->zDecision : "pending",
           st_decision_label(r, e->zDecision));
    if (e->zDecisionReason) html_f(&r->out, "<br><small class=\"reason\">%s</small>", e->zDecisionReason);
    return;
  }
  static const char *const az[] = {"", N_("Decide later"), "approved", N_("Approve"), "rejected",
                                   N_("Reject"), 0};
  const char *azOpt[7];
  for (int i = 0; az[i]; i += 2) {
    azOpt[i] = az[i];
    azOpt[i + 1] = _(az[i + 1]);
  }
  azOpt[6] = 0;
  const char *zName = arena_printf(&r->a, "decision_%" PRId64, e->id);
  const char *zReason = arena_printf(&r->a, "reason_%" PRId64, e->id);
  const char *zField = arena_printf(&r->a, "decisions.%" PRId64, e->id);
  const char *zErr = errors_get(&r->err, zField);
  if (zErr) errors_add(&r->err, zName, zErr);
  form_select(r, zName, _("Decision"), azOpt, r->nForm ? req_form(r, zName) : e->zDecision);
  form_input(r, zReason, _("Reason (for a rejection)"), "text",
             r->nForm ? req_form(r, zReason) : e->zDecisionReason, 0);
}

/* A line's own step for the cooperative: edit, take out. */
static void render_line_actions(Req *r, const StView *v, const Expense *e) {
  if (!auth_can(r, CAP_EXPENSE_WRITE)) return;
  int eL = line_state_find(e->zDecision);
  LineState l = eL < 0 ? LINE_APPROVED : (LineState)eL;
  if (!statement_line_problem(v->s.eStatus, l, SA_EDIT))
    html_f(&r->out, "<a href=\"/expenses/%D\" class=\"me-2\">%s</a>", e->id, _("Correct"));
  if (!statement_line_problem(v->s.eStatus, l, SA_REMOVE)) {
    form_begin(r, arena_printf(&r->a, "/statements/%" PRId64 "/lines/%" PRId64 "/remove", v->s.id, e->id),
               " class=\"d-inline\"");
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-sm btn-outline-secondary\" "
                    "id=\"remove-%D\">%s</button></form>", e->id, _("Take out"));
  }
}

static void render_lines(Req *r, const StView *v, int bReview) {
  if (!v->nL) {
    html_f(&r->out, "<p id=\"no-lines\">%s</p>", _("The statement has no lines."));
    return;
  }
  html_f(&r->out, "<table class=\"table\" id=\"lines\"><thead><tr><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead><tbody>",
         _("Date"), _("Intervention"), _("Kind"), _("Description"), _("Amount"), _("Receipt"),
         _("Decision"));
  for (int i = 0; i < v->nL; i++) {
    const Expense *e = &v->aL[i];
    int eK = expense_kind_find(e->zKind);
    html_f(&r->out, "<tr id=\"line-%D\"><td>%s</td><td>%s — %s%s%s</td><td>%s</td><td>%s</td>"
                    "<td class=\"text-end text-nowrap\">%s</td><td>",
           e->id, ui_date(r, e->zSpentOn), e->zServiceName, e->zPersonRef, e->zPersonName ? ", " : "",
           e->zPersonName ? e->zPersonName : "", eK >= 0 ? _(expense_kind_label((ExpenseKind)eK)) : e->zKind,
           e->zDescription, money_euros(r, e->iAmountCents));
    if (e->zReceiptFile)
      html_f(&r->out, "<a href=\"/expenses/%D/receipt\">%s</a>", e->id, _("receipt"));
    html_raw(&r->out, "</td><td>");
    render_decision_cell(r, e, bReview);
    html_raw(&r->out, "</td><td>");
    if (!bReview) render_line_actions(r, v, e);
    html_raw(&r->out, "</td></tr>");
  }
  html_raw(&r->out, "</tbody></table>");
}

static void render_history(Req *r, const StView *v) {
  if (!v->nD) return;
  html_f(&r->out, "<section class=\"mt-4\" aria-labelledby=\"h-history\"><h2 class=\"h4\" id=\"h-history\">%s"
                  "</h2><table class=\"table table-sm\" id=\"history\"><thead><tr><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "</tr></thead><tbody>",
         _("Decisions"), _("Date"), _("Line"), _("Submission"), _("Decision"), _("Amount"), _("Reason"),
         _("By"));
  for (int i = 0; i < v->nD; i++) {
    const StatementDecision *d = &v->aD[i];
    html_f(&r->out, "<tr><td>%s</td><td>%D</td><td>%d</td><td>%s</td><td class=\"text-end text-nowrap\">%s</td>"
                    "<td>%s</td><td>%s</td></tr>",
           ui_date(r, arena_strndup(&r->a, d->zAt, 10)), d->iExpense, d->nSubmission,
           st_decision_label(r, d->zDecision), money_euros(r, d->nAmountCents), d->zReason ? d->zReason : "",
           d->zBy ? d->zBy : "");
  }
  html_raw(&r->out, "</tbody></table></section>");
}

/* A one-button form posting to /statements/ID/zStep. */
static void st_button(Req *r, int64_t id, const char *zStep, const char *zId, const char *zClass,
                      const char *zLabel) {
  form_begin(r, arena_printf(&r->a, "/statements/%" PRId64 "/%s", id, zStep), " class=\"d-inline me-2\"");
  html_f(&r->out, "<button type=\"submit\" class=\"btn %s\" id=\"%s\">%s</button></form>", zClass, zId,
         zLabel);
}

/* The steps of the cooperative and of the agency that the status allows. */
static void render_steps(Req *r, const StView *v) {
  const Statement *s = &v->s;
  html_raw(&r->out, "<div class=\"mt-3 mb-3\" id=\"steps\">");
  if (auth_can(r, CAP_EXPENSE_WRITE)) {
    if (!statement_action_problem(s->eStatus, SA_SUBMIT))
      st_button(r, s->id, "submit", "submit", "btn-primary", s->nSubmission ? _("Submit again") : _("Submit"));
    if (!statement_action_problem(s->eStatus, SA_REFRESH)) {
      form_begin(r, "/statements", " class=\"d-inline me-2\"");
      html_f(&r->out, "<input type=\"hidden\" name=\"organisation_id\" value=\"%D\"><input type=\"hidden\" "
                      "name=\"funding_stream_id\" value=\"%D\"><input type=\"hidden\" name=\"quarter\" "
                      "value=\"%s\"><button type=\"submit\" class=\"btn btn-outline-primary\" id=\"refresh\">"
                      "%s</button></form>",
             s->iOrganisation, s->iStream, s->zQuarter, _("Add the expenses recorded since"));
    }
    if (!statement_action_problem(s->eStatus, SA_DELETE))
      st_button(r, s->id, "delete", "delete", "btn-outline-danger", _("Delete the draft"));
  }
  if (auth_can(r, CAP_STATEMENT_REVIEW) && !statement_action_problem(s->eStatus, SA_REIMBURSE)) {
    form_begin(r, arena_printf(&r->a, "/statements/%" PRId64 "/reimburse", s->id), " id=\"reimburse-form\" class=\"row g-2 mt-2\"");
    html_raw(&r->out, "<div class=\"col-md-4\">");
    form_input(r, "paid_on", _("Paid on"), "date", r->nForm ? req_form(r, "paid_on") : money_today(r), 1);
    html_f(&r->out, "</div><div class=\"col-md-4\"><button type=\"submit\" class=\"btn btn-primary\" "
                    "id=\"reimburse\">%s</button></div></form>", _("Mark reimbursed"));
  }
  html_raw(&r->out, "</div>");
}

static void render_page(Req *r, const StView *v) {
  const Statement *s = &v->s;
  int iStatus = r->iStatus;
  layout_begin(r, _("Quarterly statement"), NAV_NONE);
  r->iStatus = iStatus;
  html_f(&r->out, "<h1 class=\"h2\">%s %s <span class=\"ali-muted\">· %s · %s</span></h1>"
                  "<p><a href=\"/statements\">%s</a></p>",
         _("Quarterly statement"), s->zQuarter, s->zOrganisation, s->zStreamName, _("All the statements"));
  if (r->iStatus == 409 && r->err.n)
    html_f(&r->out, "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\">%s</div>",
           _(r->err.a[0].zMsg));
  const char *zAdded = req_query(r, "added");
  if (zAdded)
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"added\">%s %s</div>",
           _("Expenses added to the statement:"), zAdded);
  render_facts(r, s);
  int bReview = auth_can(r, CAP_STATEMENT_REVIEW) && !statement_action_problem(s->eStatus, SA_DECIDE);
  if (bReview) {
    form_error_summary(r);
    if (errors_get(&r->err, "decisions"))
      html_f(&r->out, "<p class=\"text-danger\" id=\"e-decisions\">%s</p>", _(errors_get(&r->err, "decisions")));
    form_begin(r, arena_printf(&r->a, "/statements/%" PRId64 "/decisions", s->id), " id=\"decisions-form\"");
  }
  render_lines(r, v, bReview);
  if (bReview)
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\" id=\"decide\">%s</button></form>",
           _("Save the decisions"));
  render_steps(r, v);
  render_history(r, v);
  layout_end(r);
}

void statement_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  render_page(r, &v);
}

/* After a step: 303 back to the statement, or the page again with the
** error (422, 409). */
static void st_after(Req *r, int rc, const char *zAction, const char *zDetail) {
  if (!rc) {
    money_audit_statement(r, zAction, r->aId[0], zDetail);
    req_redirect(r, arena_printf(&r->a, "/statements/%" PRId64, r->aId[0]));
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) return money_fail(r, rc, N_("There is no such statement."));
  StView v;
  Errors err = r->err;
  r->err.n = 0;
  if (st_load(r, &v)) return;
  r->err = err;
  r->iStatus = rc == DOMAIN_INVALID ? 422 : 409;
  render_page(r, &v);
}

void statement_submit_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  int rc = statement_submit(r->db, &v.w, v.s.id, money_today(r), &r->err);
  st_after(r, rc, "submit", arena_printf(&r->a, "{\"submission\":%d}", v.s.nSubmission + 1));
}

void statement_decide_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  LineDecision *aD = arena_alloc(&r->a, sizeof *aD * (size_t)(v.nL + 1));
  int n = 0;
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"lines\":[");
  for (int i = 0; i < v.nL; i++) {
    const char *zDecision = money_form(r, arena_printf(&r->a, "decision_%" PRId64, v.aL[i].id));
    if (!zDecision) continue;
    aD[n].iExpense = v.aL[i].id;
    aD[n].zDecision = zDecision;
    aD[n].zReason = money_form(r, arena_printf(&r->a, "reason_%" PRId64, v.aL[i].id));
    buf_printf(&b, "%s%" PRId64, n ? "," : "", v.aL[i].id);
    n++;
  }
  buf_puts(&b, "]}");
  int rc = statement_decide(r->db, &r->a, &v.w, v.s.id, aD, n, &r->err);
  const char *zDetail = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  st_after(r, rc, "decide", zDetail);
}

void statement_remove_line_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  int rc = statement_remove_line(r->db, &v.w, v.s.id, r->aId[1], &r->err);
  if (rc == DOMAIN_NOT_FOUND) return money_fail(r, rc, N_("There is no such line."));
  st_after(r, rc, "remove_line", arena_printf(&r->a, "{\"expense_id\":%" PRId64 "}", r->aId[1]));
}

void statement_reimburse_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  const char *zPaidOn = money_form(r, "paid_on");
  int rc = statement_reimburse(r->db, &v.w, v.s.id, zPaidOn, money_today(r), &r->err);
  st_after(r, rc, "reimburse",
           rc ? NULL : arena_printf(&r->a, "{\"paid_on\":\"%s\",\"paid_cents\":%" PRId64 "}", zPaidOn,
                                    v.s.nApprovedCents));
}

void statement_delete_page(Req *r) {
  StView v;
  if (st_load(r, &v)) return;
  int rc = statement_delete(r->db, &v.w, v.s.id, &r->err);
  if (!rc) {
    money_audit_statement(r, "delete", v.s.id, NULL);
    req_redirect(r, "/statements");
    return;
  }
  st_after(r, rc, "delete", NULL);
}

/* ---- the documents ---- */

/* GET the PDF (bXlsx 0) or XLSX of statement r->aId[0]; bApi answers
** errors as JSON. */
static void st_document(Req *r, int bApi, int bXlsx) {
  StView v;
  money_req_who(r, &v.w);
  int rc = statement_get(r->db, &r->a, &v.w, r->aId[0], &v.s);
  if (rc == DOMAIN_NOT_FOUND) guard_denied(r, "statement", r->aId[0], 0);
  if (!rc) rc = statement_lines(r->db, &r->a, &v.w, v.s.id, &v.aL, &v.nL);
  if (!rc) rc = statement_decisions(r->db, &r->a, v.s.id, &v.aD, &v.nD);
  if (rc) {
    if (bApi)
      req_json_error(r, rc == DOMAIN_NOT_FOUND ? 404 : 500, rc == DOMAIN_NOT_FOUND ? "not_found" : "internal",
                     rc == DOMAIN_NOT_FOUND ? "No such statement." : "Something went wrong on the server.");
    else
      money_fail(r, rc, N_("There is no such statement."));
    return;
  }
  buf_reset(&r->out);
  rc = bXlsx ? statement_xlsx(&v.s, v.aL, v.nL, r->iLang, &r->a, &r->out)
             : statement_pdf(&v.s, v.aL, v.nL, v.aD, v.nD, r->iLang, r->zAgencyName, &r->a, &r->out);
  if (rc) {
    buf_reset(&r->out);
    req_error(r, 500, N_("The document could not be made; try again in a moment."));
    return;
  }
  r->iStatus = 200;
  r->zContentType = bXlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          : "application/pdf";
  req_header_add(r, "Content-Disposition",
                 arena_printf(&r->a, "%s; filename=\"statement-%s-%" PRId64 ".%s\"",
                              bXlsx ? "attachment" : "inline", v.s.zQuarter, v.s.id, bXlsx ? "xlsx" : "pdf"));
  money_audit_statement(r, "export", v.s.id, bXlsx ? "{\"format\":\"xlsx\"}" : "{\"format\":\"pdf\"}");
}

void statement_pdf_page(Req *r) { st_document(r, 0, 0); }
void statement_xlsx_page(Req *r) { st_document(r, 0, 1); }
void api_statement_pdf(Req *r) { st_document(r, 1, 0); }
void api_statement_xlsx(Req *r) { st_document(r, 1, 1); }
