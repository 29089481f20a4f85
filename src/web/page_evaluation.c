/*
** page_evaluation.c — the conclusive evaluation that closes a path
** (closing.h) in the web UI:
**
**   GET  /cases/{id}/evaluation      the evaluation of a closed path; for
**                                    an open agreed path, the form to the
**                                    case manager and the manager
**   POST /cases/{id}/evaluation      write it: each objective judged, the
**                                    texts, the outcome with its fields,
**                                    how each active or suspended
**                                    intervention ends; success closes
**                                    the path
**   GET  /cases/{id}/evaluation.pdf  the evaluation as PDF (also
**                                    GET /api/v1/cases/{id}/evaluation.pdf)
**
** Reading needs a relation that may read the case (intake_can_read),
** writing one that may plan it (intake_can_plan) on top of the route's
** CAP_CASE_CLOSE; any other caller gets the case's 404 (case_guard),
** audited.  A write that fails validation re-renders the form with 422,
** each message next to its field; a conflict (the path already closed,
** the project not agreed) with 409.  The close is audited ("close",
** entity case) and answers 303 to the evaluation -- or, for a caller
** who no longer reaches the closed case (one whose relation came from
** elsewhere, e.g. an emergency access that expired), a page saying it is
** done; the PDF
** handed out is audited as an "export".
**
** Form fields: written_on, outcome, outcome_on, contract_type,
** interruption_reason, withdrawal_reason, note, skills_acquired,
** critical_issues, resources_activated, result_ID and result_note_ID per
** objective, end_ID (interrupt | complete) per active or suspended
** intervention.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../api/api.h"
#include "../api/api_common.h"
#include "../domain/closing.h"
#include "../domain/delivery.h"
#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/project.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../report/evaluation_pdf.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* The pairs az with the labels translated, after a first "" option
** labelled zNone (NULL: no such option). */
static const char *const *ev_options(Req *r, const char *const *az, const char *zNone) {
  int n = 0;
  while (az[n]) n += 2;
  const char **azOut = arena_alloc(&r->a, (size_t)(n + 3) * sizeof *azOut);
  int j = 0;
  if (zNone) {
    azOut[j++] = "";
    azOut[j++] = zNone;
  }
  for (int i = 0; i < n; i += 2) {
    azOut[j++] = az[i];
    azOut[j++] = _(az[i + 1]);
  }
  return azOut;
}

static const char *const *ev_withdrawal_options(Req *r) {
  const char **az = arena_alloc(&r->a, (2 * WITHDRAWAL_REASON_COUNT + 3) * sizeof *az);
  az[0] = "";
  az[1] = _("Only for a withdrawal");
  for (int i = 0; i < WITHDRAWAL_REASON_COUNT; i++) {
    az[2 * i + 2] = withdrawal_reason_code(i);
    az[2 * i + 3] = _(withdrawal_reason_label(i));
  }
  return az;
}

/* The submitted value of zName on a re-render, else zDefault. */
static const char *ev_value(Req *r, const char *zName, const char *zDefault) {
  const char *z = r->nForm ? req_form(r, zName) : 0;
  return z ? z : zDefault;
}

static const char *ev_label(Req *r, const char *const *az, const char *zCode) {
  const char *z = closing_label(az, zCode);
  return z ? _(z) : zCode;
}

static void ev_textarea(Req *r, const char *zName, const char *zLabel, const char *zValue) {
  const char *zErr = errors_get(&r->err, zName);
  html_f(&r->out, "<div class=\"form-group\"><label class=\"active\" for=\"f-%s\">%s</label>",
         zName, zLabel);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"f-%s\" name=\"%s\" rows=\"3\"",
         zErr ? " is-invalid" : "", zName, zName);
  if (zErr) html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", zName);
  html_f(&r->out, ">\n%s</textarea>", zValue ? zValue : "");
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-%s\">%s</div>", zName, _(zErr));
  html_raw(&r->out, "</div>");
}

static void ev_fact(Req *r, const char *zLabel, const char *zValue) {
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\">", zLabel);
  if (domain_blank(zValue))
    html_f(&r->out, "<span class=\"ali-muted\">—</span>");
  else
    html_txt(&r->out, zValue);
  html_raw(&r->out, "</dd>");
}

/* ------------------------------------------------------------------ */
/* The link on the case page                                           */
/* ------------------------------------------------------------------ */

void evaluation_case_link(Req *r, const Case *c, Relation eRel) {
  if (!intake_can_read(eRel) || c->eStage != STAGE_AGREED) return;
  html_f(&r->out,
         "<section aria-labelledby=\"h-closing\" class=\"mt-4\"><h2 id=\"h-closing\" "
         "class=\"h4\">%s</h2><p id=\"evaluation-link\">",
         _("Conclusion"));
  if (c->zClosedAt) {
    html_f(
        &r->out,
        "%s <a href=\"/cases/%D/evaluation\">%s</a> · <a href=\"/cases/%D/evaluation.pdf\">%s</a>",
        _("The path is closed."), c->id, _("The conclusive evaluation"), c->id, _("PDF"));
  } else if (auth_can(r, CAP_CASE_CLOSE) && intake_can_plan(eRel)) {
    html_f(&r->out, "<a class=\"btn btn-outline-primary\" href=\"/cases/%D/evaluation\">%s</a>",
           c->id, _("Write the conclusive evaluation and close the path"));
  } else {
    html_f(&r->out, "%s", _("The path is open."));
  }
  html_raw(&r->out, "</p></section>");
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

static void render_head(Req *r, const Case *c) {
  html_f(&r->out,
         "<h1 class=\"h2\">%s <span class=\"ali-muted\">· %s %s</span></h1>"
         "<p><a href=\"/cases/%D\">%s</a></p>",
         _("Conclusive evaluation"), case_person_name(r, c), c->zRoundCode, c->id,
         _("Back to the case"));
}

static void render_conflict(Req *r) {
  if (r->iStatus != 409) return;
  html_f(&r->out,
         "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\"><p class=\"mb-2\">"
         "<strong>%s</strong></p><ul class=\"mb-0\">",
         _("This step is not possible now."));
  for (int i = 0; i < r->err.n; i++) html_f(&r->out, "<li>%s</li>", _(r->err.a[i].zMsg));
  html_raw(&r->out, "</ul></div>");
}

/* The evaluation of a closed path, read-only. */
static void render_evaluation(Req *r, const Case *c, const Evaluation *v) {
  if (req_query(r, "done"))
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"done\">%s</div>",
           _("The path was closed with its conclusive evaluation."));
  html_f(&r->out, "<p><a href=\"/cases/%D/evaluation.pdf\" id=\"pdf-link\">%s</a></p>", c->id,
         _("Download the PDF"));
  html_raw(&r->out, "<dl class=\"row\" id=\"evaluation\">");
  ev_fact(r, _("Date of the evaluation"), ui_date(r, v->zWrittenOn));
  ev_fact(r, _("Written by"), v->zAuthor);
  ev_fact(r, _("Outcome"), ev_label(r, closing_azOutcome, v->zOutcome));
  ev_fact(r, _("Date of the outcome"), ui_date(r, v->zOutcomeOn));
  if (v->zContractType)
    ev_fact(r, _("Contract type"), ev_label(r, closing_azContract, v->zContractType));
  if (v->zInterruptionReason)
    ev_fact(r, _("Reason for the interruption"),
            ev_label(r, closing_azInterruption, v->zInterruptionReason));
  if (v->zWithdrawalReason)
    ev_fact(r, _("Reason for withdrawing"), case_withdrawal_label(r, v->zWithdrawalReason));
  ev_fact(r, _("Note"), v->zNote);
  ev_fact(r, _("Skills acquired"), v->zSkills);
  ev_fact(r, _("Critical issues"), v->zIssues);
  ev_fact(r, _("Resources activated"), v->zResources);
  html_raw(&r->out, "</dl>");
  html_f(&r->out,
         "<h2 class=\"h4\">%s</h2><table class=\"table\" id=\"results\"><thead><tr><th>%s</th>"
         "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
         _("Objectives"), _("Objective"), _("For"), _("Result"), _("Note"));
  for (int i = 0; i < v->nResult; i++) {
    const ObjectiveResult *o = &v->aResult[i];
    html_f(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", o->zObjective,
           o->zPerson, ev_label(r, closing_azResult, o->zResult), o->zNote ? o->zNote : "");
  }
  html_raw(&r->out, "</tbody></table>");
}

static void render_objectives(Req *r, const Project *p) {
  html_f(&r->out, "<fieldset class=\"mt-3\"><legend class=\"h5\">%s</legend>", _("Objectives"));
  for (int i = 0; i < p->nObjective; i++) {
    const Objective *o = &p->aObjective[i];
    const char *zName = arena_printf(&r->a, "result_%" PRId64, o->id);
    const char *zNote = arena_printf(&r->a, "result_note_%" PRId64, o->id);
    const char *zErr = errors_get(&r->err, arena_printf(&r->a, "objectives.%" PRId64, o->id));
    if (zErr) errors_add(&r->err, zName, zErr);
    html_f(&r->out,
           "<div class=\"row border-bottom mb-2\"><div class=\"col-md-5\"><p><strong>%s"
           "</strong><br><span class=\"ali-muted\">%s</span></p></div><div class=\"col-md-3\">",
           o->zText, o->zPersonName);
    form_select(r, zName, _("Result"), ev_options(r, closing_azResult, _("Judge this objective")),
                ev_value(r, zName, ""));
    html_raw(&r->out, "</div><div class=\"col-md-4\">");
    form_input(r, zNote, _("Note"), "text", ev_value(r, zNote, ""), 0);
    html_raw(&r->out, "</div></div>");
  }
  html_raw(&r->out, "</fieldset>");
}

/* The open interventions: planned ones are cancelled; active and
** suspended ones interrupted or completed, as chosen. */
static void render_interventions(Req *r, const Project *p) {
  static const char *const azEnd[] = {"interrupt", N_("Interrupt"), "complete", N_("Complete"), 0};
  html_f(&r->out,
         "<fieldset class=\"mt-3\"><legend class=\"h5\">%s</legend><p class=\"ali-muted "
         "small\">%s</p>",
         _("Open interventions"),
         _("Closing ends them with the reason \"path closed\": planned ones are cancelled."));
  int n = 0;
  for (int i = 0; i < p->nIntervention; i++) {
    const Intervention *v = &p->aIntervention[i];
    int bPlanned = strcmp(v->zStatus, "planned") == 0;
    if (!bPlanned && strcmp(v->zStatus, "active") && strcmp(v->zStatus, "suspended")) continue;
    n++;
    html_f(&r->out,
           "<div class=\"row\" id=\"iv-%D\"><div class=\"col-md-6\"><p>%s — %s (%s)</p></div>"
           "<div class=\"col-md-6\">",
           v->id, v->zServiceName, v->zPersonName, _(iv_status_label(v->zStatus)));
    if (bPlanned) {
      html_f(&r->out, "<p>%s</p>", _("Will be cancelled"));
    } else {
      const char *zName = arena_printf(&r->a, "end_%" PRId64, v->id);
      form_select(r, zName, _("How it ends"), ev_options(r, azEnd, NULL),
                  ev_value(r, zName, "interrupt"));
    }
    html_raw(&r->out, "</div></div>");
  }
  if (!n) html_f(&r->out, "<p>%s</p>", _("No intervention is open."));
  html_raw(&r->out, "</fieldset>");
}

static void render_outcome(Req *r) {
  html_f(&r->out,
         "<fieldset class=\"mt-3\"><legend class=\"h5\">%s</legend><div class=\"row\"><div "
         "class=\"col-md-6\">",
         _("Outcome"));
  form_select(r, "outcome", _("Outcome"), ev_options(r, closing_azOutcome, _("Choose the outcome")),
              ev_value(r, "outcome", ""));
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_input(r, "outcome_on", _("Date of the outcome"), "date", ev_value(r, "outcome_on", ""), 1);
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_select(r, "contract_type", _("Contract type"),
              ev_options(r, closing_azContract, _("Only for employment")),
              ev_value(r, "contract_type", ""));
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_select(r, "interruption_reason", _("Reason for the interruption"),
              ev_options(r, closing_azInterruption, _("Only for an interrupted path")),
              ev_value(r, "interruption_reason", ""));
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_select(r, "withdrawal_reason", _("Reason for withdrawing"), ev_withdrawal_options(r),
              ev_value(r, "withdrawal_reason", ""));
  html_raw(&r->out, "</div></div>");
  ev_textarea(r, "note", _("Note"), ev_value(r, "note", 0));
  html_raw(&r->out, "</fieldset>");
}

static void render_form(Req *r, const Case *c, const Project *p) {
  char zToday[11];
  date_today(zToday);
  form_error_summary(r);
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/evaluation", c->id),
             " id=\"evaluation-form\"");
  form_input(r, "written_on", _("Date of the evaluation"), "date",
             ev_value(r, "written_on", zToday), 1);
  render_objectives(r, p);
  ev_textarea(r, "skills_acquired", _("Skills acquired"), ev_value(r, "skills_acquired", 0));
  ev_textarea(r, "critical_issues", _("Critical issues"), ev_value(r, "critical_issues", 0));
  ev_textarea(r, "resources_activated", _("Resources activated"),
              ev_value(r, "resources_activated", 0));
  render_outcome(r);
  render_interventions(r, p);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary mt-3\">%s</button></form>",
         _("Close the path"));
}

/* The whole page for case c as the caller's relation eRel allows. */
static void render_page(Req *r, const Case *c, Relation eRel) {
  Evaluation v;
  int rc = closing_get(r->db, &r->a, r->iAgency, c->id, &v);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    case_fail(r, rc);
    return;
  }
  Project p = {0};
  int64_t iProject = project_of_case(r->db, r->iAgency, c->id);
  if (rc && iProject) {
    int rc2 = project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &p);
    if (rc2) {
      case_fail(r, rc2);
      return;
    }
  }
  layout_begin(r, _("Conclusive evaluation"), NAV_PEOPLE);
  render_head(r, c);
  render_conflict(r);
  if (!rc)
    render_evaluation(r, c, &v);
  else if (c->eStage == STAGE_AGREED && !c->zClosedAt && auth_can(r, CAP_CASE_CLOSE) &&
           intake_can_plan(eRel))
    render_form(r, c, &p);
  else
    html_f(&r->out, "<p id=\"no-evaluation\">%s</p>",
           _("The path has no conclusive evaluation yet."));
  layout_end(r);
}

void evaluation_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_read);
  if (e != REL_NONE) render_page(r, &c, e);
}

/* ------------------------------------------------------------------ */
/* The write                                                           */
/* ------------------------------------------------------------------ */

/* The form's results and endings for project iProject into v. */
static int ev_read_lists(Req *r, int64_t iProject, Evaluation *v) {
  Project p;
  int rc = project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &p);
  if (rc) return rc;
  v->aResult = arena_alloc(&r->a, sizeof *v->aResult * (size_t)(p.nObjective + 1));
  for (int i = 0; i < p.nObjective; i++) {
    ObjectiveResult *o = &v->aResult[v->nResult++];
    o->iObjective = p.aObjective[i].id;
    o->zResult = req_form(r, arena_printf(&r->a, "result_%" PRId64, o->iObjective));
    o->zNote = req_form(r, arena_printf(&r->a, "result_note_%" PRId64, o->iObjective));
  }
  v->aEnding = arena_alloc(&r->a, sizeof *v->aEnding * (size_t)(p.nIntervention + 1));
  for (int i = 0; i < p.nIntervention; i++) {
    const char *z = req_form(r, arena_printf(&r->a, "end_%" PRId64, p.aIntervention[i].id));
    if (z && strcmp(z, "complete") == 0)
      v->aEnding[v->nEnding++] = (IvEnding){p.aIntervention[i].id, 1};
  }
  return 0;
}

static const char *ev_field(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? NULL : z;
}

/* The audit detail of a close. */
static const char *evaluation_audit_detail(Req *r, const Evaluation *v) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "closed", "evaluation");
  jw_kv_str(&w, "outcome", v->zOutcome);
  jw_kv_str(&w, "outcome_on", v->zOutcomeOn);
  jw_kv_str(&w, "written_on", v->zWrittenOn);
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* After a close: 303 to the evaluation when the caller still reaches
** the case; otherwise a page saying it is done. */
static void evaluation_closed(Req *r, Case *c) {
  Case cNow;
  int rc = intake_case_get(r->db, &r->a, r->iAgency, c->id, &cNow);
  if (!rc && intake_can_read(intake_case_relation(r->db, &r->user, &cNow))) {
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "/evaluation?done=1", c->id));
    return;
  }
  layout_begin(r, _("Conclusive evaluation"), NAV_PEOPLE);
  html_f(&r->out,
         "<h1 class=\"h2\">%s</h1><div class=\"alert alert-success\" role=\"status\" id=\"done\">"
         "<p>%s</p><p class=\"mb-0\">%s</p></div><p><a href=\"/people\">%s</a></p>",
         case_person_name(r, c), _("The path was closed with its conclusive evaluation."),
         _("A closed path is read by the programme's managers only."), _("Back to the registry"));
  layout_end(r);
}

void evaluation_save_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_plan);
  if (e == REL_NONE) return;
  Evaluation v = {0};
  v.iCase = c.id;
  v.zWrittenOn = ev_field(r, "written_on");
  v.zOutcome = ev_field(r, "outcome");
  v.zOutcomeOn = ev_field(r, "outcome_on");
  v.zContractType = ev_field(r, "contract_type");
  v.zInterruptionReason = ev_field(r, "interruption_reason");
  v.zWithdrawalReason = ev_field(r, "withdrawal_reason");
  v.zNote = ev_field(r, "note");
  v.zSkills = ev_field(r, "skills_acquired");
  v.zIssues = ev_field(r, "critical_issues");
  v.zResources = ev_field(r, "resources_activated");
  int64_t iProject = project_of_case(r->db, r->iAgency, c.id);
  int rc = iProject ? ev_read_lists(r, iProject, &v) : 0;
  if (!rc) rc = closing_close(r->db, &r->a, r->iAgency, &v, r->iLang, r->user.id, &r->err);
  if (rc == 0) {
    req_audit(r, "close", "case", c.id, c.iPerson, evaluation_audit_detail(r, &v));
    evaluation_closed(r, &c);
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) {
    case_fail(r, rc);
    return;
  }
  r->iStatus = rc == DOMAIN_INVALID ? 422 : 409;
  int iStatus = r->iStatus;
  render_page(r, &c, e);
  r->iStatus = iStatus;
}

/* ------------------------------------------------------------------ */
/* The PDF                                                             */
/* ------------------------------------------------------------------ */

/* GET the PDF: bApi answers errors as JSON. */
static void ev_pdf(Req *r, int bApi) {
  Case c;
  if (bApi) {
    if (api_case_load(r, intake_can_read, &c)) return;
  } else if (case_guard(r, r->aId[0], &c, intake_can_read) == REL_NONE) {
    return;
  }
  Evaluation v;
  int rc = closing_get(r->db, &r->a, r->iAgency, c.id, &v);
  if (rc) {
    if (bApi)
      api_domain_error(r, rc, "evaluation");
    else if (rc == DOMAIN_NOT_FOUND)
      req_error(r, 404, N_("The path has no conclusive evaluation yet."));
    else
      case_fail(r, rc);
    return;
  }
  buf_reset(&r->out);
  if (evaluation_pdf(&c, &v, r->iLang, r->zAgencyName, &r->a, &r->out)) {
    buf_reset(&r->out);
    req_error(r, 500, N_("The document could not be made; try again in a moment."));
    return;
  }
  r->iStatus = 200;
  r->zContentType = "application/pdf";
  req_header_add(r, "Content-Disposition",
                 arena_printf(&r->a, "inline; filename=\"evaluation-%" PRId64 ".pdf\"", c.id));
  req_audit(r, "export", "case", c.id, c.iPerson,
            "{\"document\":\"evaluation\",\"format\":\"pdf\"}");
}

void evaluation_pdf_page(Req *r) { ev_pdf(r, 0); }
void api_closing_evaluation_pdf(Req *r) { ev_pdf(r, 1); }
