/*
** page_case.c — one candidacy (a case in a round) in the web UI:
**
**   GET  /cases/{id}            the case: who holds it, the stage tracker
**                               (shortlisted -> first interview -> second
**                               interview -> project agreed, or the exit),
**                               the first interview's screening, the
**                               referrals, and the actions the caller may
**                               take at this stage
**   POST /cases/{id}/outcome    the outcome of the first interview
**   POST /cases/{id}/referrals  a referral to a specialised service
**   POST /cases/{id}/withdraw   the candidate withdraws
**
** Everything goes through src/domain/intake.h.  Record access is the
** caller's relation to the participant (intake_case_relation): a case the
** caller may not read answers 404 exactly like a missing one
** (case_not_found), and the refusal is audited; the writes need
** intake_can_interview on top of the route's CAP_INTAKE_WRITE.  A write
** that fails validation re-renders the case page with HTTP 422, each
** message next to its field and the values as typed; a step the case's
** stage forbids re-renders it with 409 and the reason on top.  The
** dispatcher rolls both back.  A write that succeeds is audited (entity
** "case") and answers 303 to the case page.  The project part of the
** page (assign a case manager, second interviews, the project) is
** page_project.c's: project_case_actions().
**
** The three forms share one page, so their fields have distinct names
** (outcome_on, withdraw_on, ...) and the domain's field names are mapped
** onto them.  On a re-render the submitted fields are in the request, so
** each field shows req_form() when present, else its default.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* clang-format off */
/* Labels of the stages (msgids), in Stage order. */
static const char *const case_azStage[STAGE_COUNT] = {
    N_("Shortlisted"),
    N_("First interview done"),
    N_("Second interview"),
    N_("Project agreed"),
    N_("Not suitable"),
    N_("Withdrew"),
};

/* Outcomes of the first interview: value, label pairs. */
static const char *const case_azOutcome[] = {
    "",             N_("Choose the outcome"),
    "continue",     N_("Continue to the second interview"),
    "not_suitable", N_("Not suitable"),
    "withdrew",     N_("Withdrew"),
    0,
};


/* Field name, label pairs of the three forms (labels are msgids). */
static const char *const case_azField[] = {
    "outcome",               N_("Outcome"),
    "outcome_on",            N_("Date of the outcome"),
    "outcome_reason",        N_("Reason for withdrawing"),
    "outcome_note",          N_("Note"),
    "referral_organisation", N_("Specialised service"),
    "referral_reason",       N_("Reason for the referral"),
    "withdraw_on",           N_("Date of the withdrawal"),
    "withdraw_reason",       N_("Reason for withdrawing"),
    "withdraw_note",         N_("Note"),
    0,
};

/* The domain's field names and the forms' names for them. */
static const char *const case_azOutcomeMap[] = {
    "reason", "outcome_reason", "note", "outcome_note", 0,
};
static const char *const case_azWithdrawMap[] = {
    "withdrawn_on", "withdraw_on", "reason", "withdraw_reason", "note", "withdraw_note", 0,
};
static const char *const case_azReferralMap[] = {
    "organisation", "referral_organisation", "reason", "referral_reason", 0,
};
/* clang-format on */

/* ------------------------------------------------------------------ */
/* Shared with the other intake pages (pages.h)                        */
/* ------------------------------------------------------------------ */

const char *case_stage_label(Req *r, int e) {
  return e >= 0 && e < STAGE_COUNT ? _(case_azStage[e]) : "";
}

const char *case_screening_label(Req *r, const char *zCode) {
  for (int i = 0; zCode && intake_azScreening[i]; i += 2) {
    if (strcmp(intake_azScreening[i], zCode) == 0) return _(intake_azScreening[i + 1]);
  }
  return zCode;
}

const char *case_withdrawal_label(Req *r, const char *zCode) {
  int i = zCode ? withdrawal_reason_find(zCode) : -1;
  return i >= 0 ? _(withdrawal_reason_label(i)) : zCode;
}

const char *case_person_name(Req *r, const Case *c) {
  return arena_printf(&r->a, "%s %s", c->zLastName ? c->zLastName : "",
                      c->zFirstName ? c->zFirstName : "");
}

void case_not_found(Req *r) {
  buf_reset(&r->out);
  r->nHeader = 0;
  r->iStatus = 404;
  layout_begin(r, _("Not found"), NAV_PEOPLE);
  html_f(&r->out, "<h1>%s</h1><p class=\"lead\" id=\"not-found\">%s</p>", _("Not found"),
         _("There is no such case, or you do not work on it."));
  html_f(&r->out, "<p><a href=\"/people\">%s</a></p>", _("Back to the registry"));
  layout_end(r);
}

void case_fail(Req *r, int rc) {
  if (rc == DOMAIN_NOT_FOUND) {
    case_not_found(r);
    return;
  }
  if (r->db) fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
  if (rc == DB_BUSY)
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  else if (rc == DB_CONSTRAINT)
    req_error(r, 409,
              N_("The change conflicts with another record; reload the page and try again."));
  else
    req_error(r, 500, N_("The case could not be read or saved."));
}

Relation case_guard(Req *r, int64_t id, Case *c, int (*xAllowed)(Relation)) {
  int rc = intake_case_get(r->db, &r->a, r->iAgency, id, c);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    case_fail(r, rc);
    return REL_NONE;
  }
  Relation e = rc ? REL_NONE : intake_case_relation(r->db, &r->user, c);
  if (e == REL_NONE || !xAllowed(e)) {
    guard_denied(r, "case", id, rc ? 0 : c->iPerson);
    case_not_found(r);
    return REL_NONE;
  }
  return e;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* A copy of the value, label list az with the labels translated. */
static const char *const *case_options(Req *r, const char *const *az) {
  int n = 0;
  while (az[n]) n += 2;
  const char **azOut = arena_alloc(&r->a, (size_t)(n + 1) * sizeof *azOut);
  for (int i = 0; i < n; i += 2) {
    azOut[i] = az[i];
    azOut[i + 1] = _(az[i + 1]);
  }
  return azOut;
}

/* The withdrawal reasons as select options, after a "choose" one. */
static const char *const *case_reason_options(Req *r) {
  const char **az = arena_alloc(&r->a, (2 * WITHDRAWAL_REASON_COUNT + 3) * sizeof *az);
  az[0] = "";
  az[1] = _("Choose the reason");
  for (int i = 0; i < WITHDRAWAL_REASON_COUNT; i++) {
    az[2 * i + 2] = withdrawal_reason_code(i);
    az[2 * i + 3] = _(withdrawal_reason_label(i));
  }
  return az;
}

/* The submitted value of field zName on a re-render, else zDefault. */
static const char *case_value(Req *r, const char *zName, const char *zDefault) {
  const char *z = r->nForm ? req_form(r, zName) : 0;
  return z ? z : zDefault;
}

/* Renames r's errors from the domain's field names to the form's. */
static void case_map_errors(Req *r, const char *const *azMap) {
  for (int i = 0; i < r->err.n; i++) {
    for (int j = 0; azMap[j]; j += 2) {
      if (strcmp(r->err.a[i].zField, azMap[j]) == 0) {
        r->err.a[i].zField = azMap[j + 1];
        break;
      }
    }
  }
}

/* A <textarea> with its label and its error, like form_input(). */
static void case_textarea(Req *r, const char *zName, const char *zLabel, const char *zValue) {
  const char *zErr = errors_get(&r->err, zName);
  html_f(&r->out, "<div class=\"form-group\"><label class=\"active\" for=\"f-%s\">%s</label>",
         zName, zLabel);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"f-%s\" name=\"%s\" rows=\"2\"",
         zErr ? " is-invalid" : "", zName, zName);
  if (zErr) html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", zName);
  html_f(&r->out, ">\n%s</textarea>", zValue ? zValue : "");
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-%s\">%s</div>", zName, _(zErr));
  html_raw(&r->out, "</div>");
}

static void render_fact(Req *r, const char *zLabel, const char *zValue) {
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\">", zLabel);
  if (domain_blank(zValue))
    html_f(&r->out, "<span class=\"ali-muted\" title=\"%s\">—</span>", _("Not known"));
  else
    html_txt(&r->out, zValue);
  html_raw(&r->out, "</dd>");
}

/* 1 when the caller may take the first interview's steps on the case. */
static int case_may_interview(Req *r, Relation eRel) {
  return auth_can(r, CAP_INTAKE_WRITE) && intake_can_interview(eRel);
}

static int case_is_open(const Case *c) { return !stage_is_exit(c->eStage) && !c->zClosedAt; }

/* ------------------------------------------------------------------ */
/* The sections of the page                                            */
/* ------------------------------------------------------------------ */

static void render_head(Req *r, const Case *c) {
  html_raw(&r->out,
           "<div class=\"d-flex flex-wrap justify-content-between align-items-center mb-3\">");
  html_f(&r->out, "<h1 class=\"h2 mb-0\">%s <span class=\"ali-muted\">· %s %s</span></h1>",
         case_person_name(r, c), _("Round"), c->zRoundCode);
  html_f(&r->out, "<a class=\"btn btn-outline-primary\" href=\"/people/%D\">%s</a></div>",
         c->iPerson, _("The person's record"));
}

/* The success notice after a 303 (?done=...). */
static void render_done(Req *r) {
  static const char *const az[] = {
      "outcome",  N_("The outcome of the first interview was recorded."),
      "referral", N_("The referral was recorded."),
      "withdraw", N_("The withdrawal was recorded."),
      0,
  };
  const char *z = req_query(r, "done");
  for (int i = 0; z && az[i]; i += 2) {
    if (strcmp(z, az[i]) == 0) {
      html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"done\">%s</div>",
             _(az[i + 1]));
    }
  }
}

/* A 409: why the step is not allowed now. */
static void render_conflict(Req *r) {
  if (r->iStatus != 409) return;
  html_f(&r->out,
         "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\"><p class=\"mb-2\">"
         "<strong>%s</strong></p><ul class=\"mb-0\">",
         _("This step is not possible now."));
  for (int i = 0; i < r->err.n; i++) html_f(&r->out, "<li>%s</li>", _(r->err.a[i].zMsg));
  html_raw(&r->out, "</ul></div>");
}

static void render_facts(Req *r, const Case *c) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-case\"><h2 id=\"h-case\" class=\"h4\">%s</h2>"
         "<dl class=\"row\" id=\"case\"><dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\">"
         "<a href=\"/people/%D\">%s</a></dd>",
         _("The case"), _("Participant"), c->iPerson, case_person_name(r, c));
  render_fact(r, _("Round"), c->zRoundCode);
  render_fact(r, _("Funding stream"), c->zStreamCode);
  render_fact(r, _("Social worker"), c->zSocialWorker);
  render_fact(r, _("Psychotherapist"), c->zPsychotherapist);
  render_fact(r, _("Cooperative"), c->zOrganisation);
  render_fact(r, _("Case manager"), c->zCaseManager);
  html_raw(&r->out, "</dl></section>");
}

/* One step of the tracker: reached (with its date when known), the
** current one, or still to come. */
static void render_step(Req *r, Stage e, int bReached, const char *zOn, int bCurrent) {
  const char *zClass = bCurrent ? "current" : bReached ? "done" : "todo";
  html_f(&r->out, "<li class=\"ali-stage ali-stage-%s\" id=\"stage-%s\"", zClass, stage_code(e));
  if (bCurrent) html_raw(&r->out, " aria-current=\"step\"");
  html_f(&r->out, "><span>%s</span>", case_stage_label(r, e));
  if (zOn) html_f(&r->out, " <span class=\"ali-stage-date\">%s</span>", ui_date(r, zOn));
  html_raw(&r->out, "</li>");
}

/* How the candidacy ended: not suitable (the decision) or withdrew (the reason). */
static void render_exit(Req *r, const Case *c) {
  const char *zReason = c->eStage == STAGE_WITHDREW ? case_withdrawal_label(r, c->zExitReason)
                                                    : case_screening_label(r, c->zExitReason);
  html_f(&r->out,
         "<li class=\"ali-stage ali-stage-exit\" id=\"stage-%s\" aria-current=\"step\">"
         "<span>%s</span> <span class=\"ali-stage-date\">%s</span>",
         stage_code(c->eStage), case_stage_label(r, c->eStage), ui_date(r, c->zExitOn));
  if (zReason) html_f(&r->out, "<div id=\"exit-reason\">%s</div>", zReason);
  if (!domain_blank(c->zExitNote))
    html_f(&r->out, "<div class=\"ali-note\">%s</div>", c->zExitNote);
  html_raw(&r->out, "</li>");
}

/* shortlisted -> first interview -> second interview -> agreed, or the
** steps reached and then the exit. */
static void render_tracker(Req *r, const Case *c) {
  const char *azOn[] = {c->zShortlistedOn, c->zFirstInterviewOn, c->zSecondInterviewOn,
                        c->zAgreedOn};
  int bExit = stage_is_exit(c->eStage);
  html_f(&r->out,
         "<section aria-labelledby=\"h-stages\" class=\"mt-4\"><h2 id=\"h-stages\" class=\"h4\">"
         "%s</h2><ol class=\"ali-stages\" id=\"stages\">",
         _("Stage"));
  for (int i = STAGE_SHORTLISTED; i <= STAGE_AGREED; i++) {
    int bReached = i == STAGE_SHORTLISTED || azOn[i] || (!bExit && (int)c->eStage >= i);
    if (bExit && !bReached) continue;
    render_step(r, (Stage)i, bReached, azOn[i], !bExit && (int)c->eStage == i);
  }
  if (bExit) render_exit(r, c);
  html_raw(&r->out, "</ol></section>");
}

/* The first interview: the form's screening and decision, the link to
** the form, and the outcome form at stage shortlisted. */
static void render_interview(Req *r, const Case *c, Relation eRel, const AccessForm *f, int bForm,
                             int nReferral) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-interview\" class=\"mt-4\" id=\"interview\">"
         "<h2 id=\"h-interview\" class=\"h4\">%s</h2>",
         _("First interview"));
  if (!bForm) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"no-form\">%s</p>",
           _("The Access and Evaluation Form has not been filled in yet."));
  } else {
    html_raw(&r->out, "<dl class=\"row\" id=\"screening\">");
    render_fact(r, _("Interview date"), ui_date(r, f->zInterviewOn));
    render_fact(r, _("The rules suggest"), case_screening_label(r, f->zScreening));
    render_fact(r, _("Why"), f->zScreeningReason);
    render_fact(r, _("Decision"), domain_blank(f->zDecision)
                                      ? _("not confirmed yet: confirm or override the suggestion "
                                          "in the form")
                                      : case_screening_label(r, f->zDecision));
    if (!domain_blank(f->zOverrideReason))
      render_fact(r, _("Reason for the override"), f->zOverrideReason);
    html_raw(&r->out, "</dl>");
    if (f->zScreening && strcmp(f->zScreening, "refer") == 0 && nReferral == 0 &&
        case_may_interview(r, eRel)) {
      html_f(&r->out,
             "<div class=\"callout warning\" id=\"referral-prompt\"><div class=\"callout-title\">"
             "%s</div><p>%s</p><p><a class=\"btn btn-sm btn-primary\" href=\"#referral-form\">%s"
             "</a></p></div>",
             _("Refer to a specialised service"),
             _("The screening suggests a specialised service should assess this person. "
               "Create the referral below."),
             _("Create the referral"));
    }
  }
  if (case_may_interview(r, eRel)) {
    html_f(&r->out,
           "<p><a class=\"btn btn-outline-primary\" id=\"form-link\" "
           "href=\"/cases/%D/form\">%s</a></p>",
           c->id,
           bForm ? _("Open the Access and Evaluation Form")
                 : _("Fill in the Access and Evaluation Form"));
  }
  /* Printing is for everyone who reads the case: a blank form is printed
  ** to be filled in by hand. */
  html_f(&r->out,
         "<p class=\"ali-print-links\"><a id=\"form-print\" href=\"/cases/%D/form/print\">%s</a> · "
         "<a id=\"form-pdf\" href=\"/cases/%D/form.pdf\">%s</a></p>",
         c->id, _("Print the form"), c->id, _("Form as PDF"));
  html_raw(&r->out, "</section>");
}

static void render_outcome_form(Req *r, const Case *c) {
  char zToday[11];
  date_today(zToday);
  html_f(&r->out,
         "<section aria-labelledby=\"h-outcome\" class=\"mt-4\"><h2 id=\"h-outcome\" "
         "class=\"h4\">%s</h2><p class=\"ali-muted small\">%s</p>",
         _("Outcome of the first interview"),
         _("To continue, the form's decision must be \"suitable\"; a withdrawal needs a reason."));
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/outcome", c->id), " id=\"outcome-form\"");
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">");
  form_select(r, "outcome", _("Outcome"), case_options(r, case_azOutcome),
              case_value(r, "outcome", ""));
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_input(r, "outcome_on", _("Date"), "date", case_value(r, "outcome_on", zToday), 1);
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_select(r, "outcome_reason", _("Reason for withdrawing"), case_reason_options(r),
              case_value(r, "outcome_reason", ""));
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  case_textarea(r, "outcome_note", _("Note"), case_value(r, "outcome_note", 0));
  html_f(&r->out,
         "</div></div><button type=\"submit\" class=\"btn btn-primary\">%s</button></form>"
         "</section>",
         _("Record the outcome"));
}

static void render_referral_row(Req *r, const Referral *p) {
  static const char *const azStatus[] = {
      "sent",   N_("sent"),   "accepted", N_("accepted"), "declined", N_("declined"),
      "closed", N_("closed"), 0,
  };
  const char *zStatus = p->zStatus;
  for (int i = 0; zStatus && azStatus[i]; i += 2) {
    if (strcmp(azStatus[i], zStatus) == 0) zStatus = _(azStatus[i + 1]);
  }
  html_f(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
         ui_date(r, p->zCreatedAt ? arena_strndup(&r->a, p->zCreatedAt, 10) : 0), p->zOrganisation,
         p->zReason, zStatus);
}

static void render_referral_form(Req *r, const Case *c) {
  int n;
  const char *const *az = form_organisation_options(r, "specialised_service", _("Choose the service"), &n);
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"referral-form\">%s</p>",
           _("No specialised service is registered among the agency's organisations."));
    return;
  }
  int bOpen =
      errors_get(&r->err, "referral_organisation") || errors_get(&r->err, "referral_reason");
  html_f(
      &r->out,
      "<details class=\"mb-3\" id=\"referral-form\"%s><summary class=\"btn btn-outline-primary\">"
      "%s</summary>",
      bOpen ? " open" : "", _("Refer to a specialised service"));
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/referrals", c->id), " class=\"mt-3\"");
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">");
  form_select(r, "referral_organisation", _("Specialised service"), az,
              case_value(r, "referral_organisation", ""));
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  case_textarea(r, "referral_reason", _("Reason"), case_value(r, "referral_reason", 0));
  html_f(&r->out,
         "</div></div><button type=\"submit\" class=\"btn btn-primary\">%s</button></form>"
         "</details>",
         _("Send the referral"));
}

static void render_referrals(Req *r, const Case *c, Relation eRel, const Referral *a, int n) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-referrals\" class=\"mt-4\" id=\"referrals\">"
         "<h2 id=\"h-referrals\" class=\"h4\">%s</h2>",
         _("Referrals to specialised services"));
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No referral."));
  } else {
    html_f(&r->out,
           "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"referral-table\">"
           "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th></tr></thead><tbody>",
           _("Date"), _("Specialised service"), _("Reason"), _("Status"));
    for (int i = 0; i < n; i++) render_referral_row(r, &a[i]);
    html_raw(&r->out, "</tbody></table></div>");
    intervention_referral_forms(r, c, eRel, a, n);
  }
  if (case_may_interview(r, eRel) && !c->zClosedAt) render_referral_form(r, c);
  html_raw(&r->out, "</section>");
}

static void render_withdraw_form(Req *r, const Case *c) {
  char zToday[11];
  date_today(zToday);
  int bOpen = errors_get(&r->err, "withdraw_on") || errors_get(&r->err, "withdraw_reason") ||
              errors_get(&r->err, "withdraw_note");
  html_f(&r->out,
         "<section class=\"mt-4\" id=\"withdraw\"><details%s><summary class=\"btn "
         "btn-outline-danger\">%s</summary>",
         bOpen ? " open" : "", _("The candidate withdraws"));
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/withdraw", c->id),
             " class=\"mt-3\" id=\"withdraw-form\"");
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">");
  form_input(r, "withdraw_on", _("Date"), "date", case_value(r, "withdraw_on", zToday), 1);
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_select(r, "withdraw_reason", _("Reason"), case_reason_options(r),
              case_value(r, "withdraw_reason", ""));
  html_raw(&r->out, "</div><div class=\"col-12\">");
  case_textarea(r, "withdraw_note", _("Note"), case_value(r, "withdraw_note", 0));
  html_f(&r->out,
         "</div></div><button type=\"submit\" class=\"btn btn-danger\">%s</button></form>"
         "</details></section>",
         _("Record the withdrawal"));
}

/* The whole page, with status r->iStatus (200, or 409/422 on a re-render). */
static void render_case(Req *r, const Case *c, Relation eRel) {
  AccessForm f;
  Referral *aRef = 0;
  int nRef = 0;
  int rc = intake_form_get(r->db, &r->a, r->iAgency, c->id, r->iLang, &f);
  int bForm = rc == 0;
  if (rc == DOMAIN_NOT_FOUND) rc = 0;
  if (!rc) rc = intake_referrals(r->db, &r->a, r->iAgency, c->id, &aRef, &nRef);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  layout_begin(r, case_person_name(r, c), NAV_PEOPLE);
  render_head(r, c);
  render_done(r);
  render_conflict(r);
  if (r->iStatus == 422) form_error_summary_fields(r, case_options(r, case_azField));
  render_facts(r, c);
  render_tracker(r, c);
  render_interview(r, c, eRel, &f, bForm, nRef);
  int bMay = case_may_interview(r, eRel);
  if (bMay && c->eStage == STAGE_SHORTLISTED && !c->zClosedAt) render_outcome_form(r, c);
  render_referrals(r, c, eRel, aRef, nRef);
  project_case_actions(r, c, eRel);
  evaluation_case_link(r, c, eRel);
  register_case_link(r, c, eRel);
  esf_case_link(r, c, eRel);
  if (bMay && case_is_open(c) && c->eStage != STAGE_AGREED) render_withdraw_form(r, c);
  layout_end(r);
}

void case_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_read);
  if (e != REL_NONE) render_case(r, &c, e);
}

/* ------------------------------------------------------------------ */
/* The writes                                                          */
/* ------------------------------------------------------------------ */

/* After a write: 303 to the case, or the page again with 422 or 409
** (errors renamed to the form's fields by azMap), or an error page. */
static void case_write_done(Req *r, int rc, const Case *cIn, Relation eRel,
                            const char *const *azMap, const char *zDone) {
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "?done=%s", cIn->id, zDone));
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) {
    case_fail(r, rc);
    return;
  }
  case_map_errors(r, azMap);
  r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
  Case c;
  /* the case as it is (the write did not happen) */
  if (intake_case_get(r->db, &r->a, r->iAgency, cIn->id, &c)) c = *cIn;
  render_case(r, &c, eRel);
}

/* A small JSON object for an audit detail: keys and values in pairs,
** ending with NULL; NULL values are left out. */
static const char *case_detail(Req *r, const char *const *azKv) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  for (int i = 0; azKv[i]; i += 2) {
    if (azKv[i + 1]) jw_kv_str(&w, azKv[i], azKv[i + 1]);
  }
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* The form's value of zName, NULL when blank. */
static const char *case_field(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? 0 : z;
}

/* Checks the date field zName (required, a real date) into r->err. */
static void case_check_date(Req *r, const char *zName) {
  const char *z = case_field(r, zName);
  if (!z)
    errors_add(&r->err, zName, N_("required"));
  else if (!date_valid(z))
    errors_add(&r->err, zName, N_("not a valid date (YYYY-MM-DD)"));
}

/* The checks of the outcome form that need no database. */
static void case_check_outcome(Req *r, const char *zOutcome, const char *zReason) {
  if (!zOutcome) {
    errors_add(&r->err, "outcome", N_("required"));
  } else if (strcmp(zOutcome, "continue") && strcmp(zOutcome, "not_suitable") &&
             strcmp(zOutcome, "withdrew")) {
    errors_add(&r->err, "outcome", N_("not one of the choices"));
  }
  case_check_date(r, "outcome_on");
  if (zOutcome && strcmp(zOutcome, "withdrew") == 0 && !zReason)
    errors_add(&r->err, "outcome_reason", N_("required when the candidate withdrew"));
}

void case_outcome_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_interview);
  if (e == REL_NONE) return;
  const char *zOutcome = case_field(r, "outcome");
  const char *zOn = case_field(r, "outcome_on");
  const char *zReason = case_field(r, "outcome_reason");
  const char *zNote = case_field(r, "outcome_note");
  case_check_outcome(r, zOutcome, zReason);
  int rc = DOMAIN_INVALID;
  if (!r->err.n) {
    rc = intake_first_outcome(r->db, r->iAgency, c.id, zOutcome, zOn, zReason, zNote, r->user.id,
                              &r->err);
  }
  if (rc == 0) {
    const char *const az[] = {"first_interview_outcome", zOutcome, "on", zOn, "reason", zReason, 0};
    req_audit(r, "update", "case", c.id, c.iPerson, case_detail(r, az));
  }
  case_write_done(r, rc, &c, e, case_azOutcomeMap, "outcome");
}

void case_referral_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_interview);
  if (e == REL_NONE) return;
  const char *zOrg = case_field(r, "referral_organisation");
  const char *zReason = case_field(r, "referral_reason");
  char *zEnd = 0;
  long long iOrg = zOrg ? strtoll(zOrg, &zEnd, 10) : 0;
  if (!zOrg)
    errors_add(&r->err, "referral_organisation", N_("required"));
  else if (iOrg <= 0 || *zEnd)
    errors_add(&r->err, "referral_organisation", N_("not one of the choices"));
  if (!zReason) errors_add(&r->err, "referral_reason", N_("required"));
  int rc = DOMAIN_INVALID;
  int64_t iReferral = 0;
  if (!r->err.n)
    rc = intake_refer(r->db, r->iAgency, c.id, iOrg, zReason, r->user.id, &iReferral, &r->err);
  if (rc == 0) {
    const char *const az[] = {"referral", arena_printf(&r->a, "%" PRId64, iReferral),
                              "organisation", zOrg, 0};
    req_audit(r, "update", "case", c.id, c.iPerson, case_detail(r, az));
  }
  case_write_done(r, rc, &c, e, case_azReferralMap, "referral");
}

void case_withdraw_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_interview);
  if (e == REL_NONE) return;
  const char *zOn = case_field(r, "withdraw_on");
  const char *zReason = case_field(r, "withdraw_reason");
  const char *zNote = case_field(r, "withdraw_note");
  case_check_date(r, "withdraw_on");
  if (!zReason)
    errors_add(&r->err, "withdraw_reason", N_("required"));
  else if (withdrawal_reason_find(zReason) < 0)
    errors_add(&r->err, "withdraw_reason", N_("not one of the choices"));
  int rc = DOMAIN_INVALID;
  if (!r->err.n)
    rc = intake_withdraw(r->db, r->iAgency, c.id, zOn, zReason, zNote, r->user.id, &r->err);
  if (rc == 0) {
    const char *const az[] = {"stage", "withdrew", "on", zOn, "reason", zReason, 0};
    req_audit(r, "update", "case", c.id, c.iPerson, case_detail(r, az));
  }
  case_write_done(r, rc, &c, e, case_azWithdrawMap, "withdraw");
}
