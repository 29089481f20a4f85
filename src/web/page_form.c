/*
** page_form.c — the Access and Evaluation Form of the first interview:
**
**   GET  /cases/{id}/form   the form, filled with what was saved (or
**                           today's date and the case's staff), and after
**                           a save the screening: the rules' suggestion,
**                           why, and the social worker's decision
**   POST /cases/{id}/form   saves it (intake_form_save), with the
**                           participant's psycho-physical health
**
** Both need the route's CAP_INTAKE_WRITE and a relation to the case that
** may interview (intake_can_interview); any other caller gets the case's
** 404.  The form has: date, social worker and psychotherapist; the privacy
** notice and the date it was signed; psycho-physical health, which is
** special-category data kept in person_sensitive.health
** (src/domain/sensitive.h): shown and written only when
** policy_sensitive_visible() allows it, each display audited as
** "read_sensitive" and each change as "update_sensitive" (guard.h); the
** household as the registry holds it now, each member linked to their
** registry record so that corrections are made there (with its audit);
** the vulnerabilities checklist; the employability assessment (a score
** 1-4 and a descriptor per area); four free texts; ISCED level;
** labour-market status; the services that could be activated; and the
** decision on the screening's suggestion, with a reason when it differs.
**
** A form that fails validation comes back with HTTP 422, each message next
** to its field and the values as typed (the dispatcher rolls back, the
** health text included); a case past the first interview answers 409 and
** shows the form read-only.  A save that succeeds is audited (entity
** "case") and answers 303 to the form, which then shows the screening.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "../domain/sensitive.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

#define FORM_HEALTH_MASK (1u << SENS_HEALTH)

/* clang-format off */
/* Field name, label pairs (labels are msgids); the areas are added. */
static const char *const form_azField[] = {
    "interview_on",        N_("Date of the interview"),
    "social_worker_id",    N_("Social worker"),
    "psychotherapist_id",  N_("Psychotherapist"),
    "privacy_notice",      N_("Privacy notice given"),
    "privacy_signed_on",   N_("Date the participant signed it"),
    "health",              N_("Psycho-physical health"),
    "vulnerabilities",     N_("Vulnerabilities"),
    "vulnerability_other", N_("Other vulnerability: what"),
    "scores",              N_("Employability assessment"),
    "past_work",           N_("Past work experience"),
    "skills",              N_("Skills"),
    "work_difficulties",   N_("Possible difficulties at work"),
    "aspirations",         N_("Interests and aspirations"),
    "education_isced",     N_("Education level (ISCED)"),
    "labour_status",       N_("Labour-market status"),
    "unemployed_months",   N_("Months unemployed"),
    "services",            N_("Services that could be activated"),
    "decision",            N_("Decision"),
    "override_reason",     N_("Reason for the override"),
    0,
};

/* Options of a select of the form's scales: "" (not known), then each
** code with its label from intake.h, translated. */
static const char *const *form_isced_options(Req *r) {
  const char **az = arena_alloc(&r->a, 21 * sizeof *az);
  az[0] = "";
  az[1] = _("Not known");
  for (int i = 0; i <= 8; i++) {
    az[2 + 2 * i] = arena_printf(&r->a, "%d", i);
    az[3 + 2 * i] = arena_printf(&r->a, "%d · %s", i, _(intake_isced_label(i)));
  }
  az[20] = 0;
  return az;
}

static const char *const *form_decision_options(Req *r) {
  int n = 0;
  while (intake_azScreening[n]) n += 2;
  const char **az = arena_alloc(&r->a, (size_t)(n + 3) * sizeof *az);
  az[0] = "";
  az[1] = _("Not decided yet");
  for (int i = 0; i < n; i++) az[2 + i] = i % 2 ? _(intake_azScreening[i]) : intake_azScreening[i];
  az[n + 2] = 0;
  return az;
}

static const char *const *form_labour_options(Req *r) {
  static const char *const azCode[] = {"employed", "unemployed", "inactive"};
  const char **az = arena_alloc(&r->a, 9 * sizeof *az);
  az[0] = "";
  az[1] = _("Not known");
  for (int i = 0; i < 3; i++) {
    az[2 + 2 * i] = azCode[i];
    az[3 + 2 * i] = _(intake_labour_label(azCode[i]));
  }
  az[8] = 0;
  return az;
}



/* clang-format on */

/* What the page shows besides the form's values. */
typedef struct FormView {
  Case c;
  Relation eRel;
  int bStored;       /* a form was saved before */
  AccessForm stored; /* that form (the screening shown) */
  CatalogueItem *aVuln, *aArea;
  int nVuln, nArea;
  Service *aService;
  int nService;
  Person *aMember; /* the participant's household */
  Relation *aMemberRel;
  int nMember;
  int bHealth;         /* the caller may see the health field */
  const char *zHealth; /* its value: stored, or as submitted */
  int bEditable;       /* the first interview is still open */
} FormView;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static const char *form_label_of(Req *r, const char *const *az, const char *zValue) {
  for (int i = 0; zValue && az[i]; i += 2) {
    if (strcmp(az[i], zValue) == 0) return _(az[i + 1]);
  }
  return zValue;
}

static const char *form_item_name(Req *r, const CatalogueItem *p) {
  return r->iLang == LANG_IT ? p->zNameIt : p->zNameEn;
}

/* "scores.CODE", the field of an area's score and its errors. */
static const char *form_score_field(Req *r, const char *zArea) {
  return arena_printf(&r->a, "scores.%s", zArea);
}

/* The labels of every field, the areas included, translated. */
static const char *const *form_labels(Req *r, const FormView *v) {
  int n = 0;
  while (form_azField[n]) n += 2;
  const char **az = arena_alloc(&r->a, (size_t)(n + 2 * v->nArea + 1) * sizeof *az);
  for (int i = 0; i < n; i += 2) {
    az[i] = form_azField[i];
    az[i + 1] = _(form_azField[i + 1]);
  }
  for (int i = 0; i < v->nArea; i++) {
    az[n + 2 * i] = form_score_field(r, v->aArea[i].zCode);
    az[n + 2 * i + 1] = form_item_name(r, &v->aArea[i]);
  }
  return az;
}

static const char *form_id_text(Req *r, int64_t id) {
  return id ? arena_printf(&r->a, "%" PRId64, id) : "";
}

static const char *form_int_text(Req *r, int i) {
  return i >= 0 ? arena_printf(&r->a, "%d", i) : "";
}

static int form_has(const char *const *az, int n, const char *z) {
  for (int i = 0; i < n; i++) {
    if (az[i] && strcmp(az[i], z) == 0) return 1;
  }
  return 0;
}

static const AreaScore *form_score_of(const AccessForm *f, const char *zArea) {
  for (int i = 0; i < f->nScore; i++) {
    if (f->aScore[i].zArea && strcmp(f->aScore[i].zArea, zArea) == 0) return &f->aScore[i];
  }
  return 0;
}

/* The message under a field, if it has one. */
static void form_field_error(Req *r, const char *zName) {
  const char *zErr = errors_get(&r->err, zName);
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-%s\">%s</div>", zName, _(zErr));
}

/* A <textarea> with its label and its error, like form_input(). */
static void form_textarea(Req *r, const char *zName, const char *zLabel, const char *zValue) {
  const char *zErr = errors_get(&r->err, zName);
  html_f(&r->out, "<div class=\"form-group\"><label class=\"active\" for=\"f-%s\">%s</label>",
         zName, zLabel);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"f-%s\" name=\"%s\" rows=\"3\"",
         zErr ? " is-invalid" : "", zName, zName);
  if (zErr) html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", zName);
  html_f(&r->out, ">\n%s</textarea>", zValue ? zValue : "");
  form_field_error(r, zName);
  html_raw(&r->out, "</div>");
}

static void form_fieldset_begin(Req *r, const char *zId, const char *zLegend) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"%s\"><legend class=\"h5 mb-3\">%s</legend>"
         "<div class=\"row pt-3\"><div class=\"col-md-6\">",
         zId, zLegend);
}

static void form_fieldset_end(Req *r) { html_raw(&r->out, "</div></div></fieldset>"); }
static void form_col(Req *r) { html_raw(&r->out, "</div><div class=\"col-md-6\">"); }

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

/* Everything but the case and the health text into *v.  0 or a code. */
static int form_view_load(Req *r, FormView *v) {
  int rc = intake_form_get(r->db, &r->a, r->iAgency, v->c.id, r->iLang, &v->stored);
  v->bStored = rc == 0;
  if (rc == DOMAIN_NOT_FOUND) rc = 0;
  if (!rc) rc = intake_vulnerabilities(r->db, &r->a, &v->aVuln, &v->nVuln);
  if (!rc) rc = intake_areas(r->db, &r->a, &v->aArea, &v->nArea);
  if (!rc) rc = service_list(r->db, &r->a, r->iAgency, &v->aService, &v->nService);
  if (!rc) {
    rc = household_members(r->db, &r->a, r->iAgency, v->c.iHousehold, &v->aMember, &v->nMember);
  }
  v->aMemberRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(v->nMember + 1));
  if (!rc)
    rc = access_members(r->db, &r->user, v->c.iHousehold, v->aMember, v->nMember, v->aMemberRel);
  v->bHealth = policy_sensitive_visible(v->eRel, SENS_HEALTH);
  v->bEditable =
      v->c.eStage == STAGE_SHORTLISTED && !v->c.zClosedAt && !(v->bStored && v->stored.zOutcome);
  return rc;
}

/* The stored health text, its reading audited.  0 or a code. */
static int form_health_read(Req *r, FormView *v) {
  if (!v->bHealth) return 0;
  PersonSensitive s;
  int rc = sensitive_get(r->db, &r->a, r->iAgency, v->c.iPerson, FORM_HEALTH_MASK, &s);
  if (rc) return rc;
  guard_sensitive_read(r, v->c.iPerson, FORM_HEALTH_MASK);
  v->zHealth = s.az[SENS_HEALTH];
  return 0;
}

/* A new form: today, the case's social worker and psychotherapist. */
static void form_defaults(Req *r, const Case *c, AccessForm *f) {
  memset(f, 0, sizeof *f);
  char *zToday = arena_alloc(&r->a, 11);
  date_today(zToday);
  f->iCase = c->id;
  f->zInterviewOn = zToday;
  f->iSocialWorker = c->iSocialWorker;
  f->iPsychotherapist = c->iPsychotherapist;
  f->iEducationIsced = -1;
  f->iUnemployedMonths = -1;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

static void render_interview_fields(Req *r, const AccessForm *f) {
  form_fieldset_begin(r, "fs-interview", _("The interview"));
  form_input(r, "interview_on", _("Date of the interview"), "date", f->zInterviewOn, 1);
  form_col(r);
  form_select(r, "social_worker_id", _("Social worker"),
              form_user_options(r, ROLE_SOCIAL_WORKER, 0, 0, _("Nobody")),
              form_id_text(r, f->iSocialWorker));
  form_col(r);
  form_select(r, "psychotherapist_id", _("Psychotherapist"),
              form_user_options(r, ROLE_PSYCHOTHERAPIST, 0, 0, _("Nobody")),
              form_id_text(r, f->iPsychotherapist));
  form_col(r);
  form_checkbox(r, "privacy_notice", _("Privacy notice given to the participant"),
                f->bPrivacyNotice == 1);
  form_input(r, "privacy_signed_on", _("Date the participant signed it"), "date",
             f->zPrivacySignedOn, 0);
  form_fieldset_end(r);
}

/* Psycho-physical health: special-category data, kept with the person. */
static void render_health(Req *r, const FormView *v) {
  if (!v->bHealth) return;
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"fs-health\"><legend class=\"h5 mb-1\">%s</legend>"
         "<p class=\"ali-muted small\">%s</p>",
         _("Psycho-physical health"),
         _("Special-category data: it is kept with the person's record, only those whose work "
           "needs it see it, and every reading and change is recorded."));
  form_textarea(r, "health", _("Psycho-physical health"), v->zHealth);
  html_raw(&r->out, "</fieldset>");
}

static void render_member(Req *r, const FormView *v, int i) {
  Person m = v->aMember[i];
  Relation e = v->aMemberRel[i];
  if (e == REL_NONE) return;
  int iAge;
  access_redact(e, &m, &iAge);
  const char *zName = arena_printf(&r->a, "%s %s", m.zLastName ? m.zLastName : "",
                                   m.zFirstName ? m.zFirstName : "");
  if (access_can_edit(e) && auth_can(r, CAP_PERSON_WRITE))
    html_f(&r->out, "<tr><td><a href=\"/people/%D/edit\">%s</a>", m.id, zName);
  else
    html_f(&r->out, "<tr><td><a href=\"/people/%D\">%s</a>", m.id, zName);
  if (m.id == v->c.iPerson)
    html_f(&r->out, " <span class=\"ali-muted\">(%s)</span>", _("participant"));
  html_f(&r->out, "</td><td>%s</td><td>%s</td><td class=\"text-end\">",
         form_label_of(r, person_azRelationship, m.zRelationship), ui_date(r, m.zBirthDate));
  if (iAge >= 0) html_int(&r->out, iAge);
  html_raw(&r->out, "</td></tr>");
}

/* The household as the registry holds it now. */
static void render_household(Req *r, const FormView *v) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"fs-household\"><legend class=\"h5 mb-1\">%s</legend>"
         "<p class=\"ali-muted small\">%s</p>",
         _("The household as it is now"),
         _("From the registry. To correct a member, open their record: the change is made in "
           "the registry and recorded there."));
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"household\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th></tr></thead><tbody>",
         _("Full name"), _("Relationship"), _("Birth date"), _("Age"));
  for (int i = 0; i < v->nMember; i++) render_member(r, v, i);
  html_raw(&r->out, "</tbody></table></div></fieldset>");
}

static void render_vulnerabilities(Req *r, const FormView *v, const AccessForm *f) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"f-vulnerabilities\"><legend class=\"h5 mb-3\">%s</legend>",
         _("Personal and family vulnerabilities"));
  for (int i = 0; i < v->nVuln; i++) {
    const char *zCode = v->aVuln[i].zCode;
    html_f(&r->out,
           "<div class=\"form-check form-check-inline\"><input type=\"checkbox\" "
           "name=\"vulnerabilities\" id=\"f-vuln-%s\" value=\"%s\"%s><label for=\"f-vuln-%s\">%s"
           "</label></div>",
           zCode, zCode, form_has(f->azVulnerability, f->nVulnerability, zCode) ? " checked" : "",
           zCode, form_item_name(r, &v->aVuln[i]));
  }
  form_field_error(r, "vulnerabilities");
  html_raw(&r->out, "<div class=\"row mt-3\"><div class=\"col-md-6\">");
  form_input(r, "vulnerability_other", _("Other vulnerability: what"), "text",
             f->zVulnerabilityOther, 0);
  html_raw(&r->out, "</div></div></fieldset>");
}

/* One area: a 1-4 radio group and its descriptor. */
static void render_area(Req *r, const CatalogueItem *pArea, const AreaScore *s) {
  const char *zField = form_score_field(r, pArea->zCode);
  const char *zErr = errors_get(&r->err, zField);
  html_f(&r->out,
         "<div class=\"ali-area%s\" id=\"f-%s\"><div class=\"ali-area-name\">%s</div>"
         "<div class=\"ali-area-scores\" role=\"radiogroup\" aria-label=\"%s\">",
         zErr ? " is-invalid" : "", zField, form_item_name(r, pArea), form_item_name(r, pArea));
  for (int k = 1; k <= 4; k++) {
    html_f(&r->out,
           "<div class=\"form-check form-check-inline\"><input type=\"radio\" name=\"%s\" "
           "id=\"f-%s-%d\" value=\"%d\"%s><label for=\"f-%s-%d\" title=\"%s\">%d</label></div>",
           zField, zField, k, k, s && s->iScore == k ? " checked" : "", zField, k,
           _(intake_score_label(k)), k);
  }
  html_raw(&r->out, "</div>");
  const char *zDesc = arena_printf(&r->a, "descriptors.%s", pArea->zCode);
  html_f(&r->out,
         "<input type=\"text\" class=\"form-control form-control-sm\" name=\"%s\" id=\"f-%s\" "
         "value=\"%s\" placeholder=\"%s\" aria-label=\"%s\">",
         zDesc, zDesc, s ? s->zDescriptor : "", _("What the score rests on"),
         _("What the score rests on"));
  form_field_error(r, zField);
  html_raw(&r->out, "</div>");
}

static void render_scores(Req *r, const FormView *v, const AccessForm *f) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"f-scores\"><legend class=\"h5 mb-1\">%s</legend>"
         "<p class=\"ali-muted small\" id=\"score-legend\">",
         _("Employability assessment"));
  for (int k = 0; k < 4; k++) html_f(&r->out, "%s%d %s", k ? " · " : "", k + 1, _(intake_score_label(k + 1)));
  html_f(&r->out, " · %s</p>", _("no choice: not assessed"));
  form_field_error(r, "scores");
  for (int i = 0; i < v->nArea; i++)
    render_area(r, &v->aArea[i], form_score_of(f, v->aArea[i].zCode));
  html_raw(&r->out, "</fieldset>");
}

static void render_texts(Req *r, const AccessForm *f) {
  form_fieldset_begin(r, "fs-work", _("Work, skills and aspirations"));
  form_textarea(r, "past_work", _("Past work experience"), f->zPastWork);
  form_col(r);
  form_textarea(r, "skills", _("Skills"), f->zSkills);
  form_col(r);
  form_textarea(r, "work_difficulties", _("Possible difficulties at work"), f->zWorkDifficulties);
  form_col(r);
  form_textarea(r, "aspirations", _("Interests and aspirations"), f->zAspirations);
  form_col(r);
  form_select(r, "education_isced", _("Education level (ISCED)"), form_isced_options(r),
              form_int_text(r, f->iEducationIsced));
  form_col(r);
  form_select(r, "labour_status", _("Labour-market status"), form_labour_options(r),
              f->zLabourStatus ? f->zLabourStatus : "");
  form_col(r);
  form_input(r, "unemployed_months", _("Months unemployed"), "number",
             form_int_text(r, f->iUnemployedMonths), 0);
  form_fieldset_end(r);
}

static void render_services(Req *r, const FormView *v, const AccessForm *f) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"f-services\"><legend class=\"h5 mb-3\">%s</legend>",
         _("Services that could be activated"));
  for (int i = 0; i < v->nService; i++) {
    const Service *s = &v->aService[i];
    html_f(&r->out,
           "<div class=\"form-check form-check-inline\"><input type=\"checkbox\" name=\"services\""
           " id=\"f-services-%s\" value=\"%s\"%s><label for=\"f-services-%s\">%s</label></div>",
           s->zCode, s->zCode, form_has(f->azService, f->nService, s->zCode) ? " checked" : "",
           s->zCode, r->iLang == LANG_IT ? s->zNameIt : s->zNameEn);
  }
  form_field_error(r, "services");
  html_raw(&r->out, "</fieldset>");
}

/* The stored screening: what the rules suggest and why. */
static void render_screening(Req *r, const FormView *v) {
  if (!v->bStored) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"screening-none\">%s</p>",
           _("Save the form to see what the screening rules suggest."));
    return;
  }
  const AccessForm *s = &v->stored;
  html_f(&r->out,
         "<div class=\"callout note\" id=\"screening\"><div class=\"callout-title\">%s</div>"
         "<p><strong id=\"suggestion\" data-code=\"%s\">%s</strong></p><p id=\"screening-reason\">"
         "%s</p></div>",
         _("The screening suggests"), s->zScreening, case_screening_label(r, s->zScreening),
         s->zScreeningReason);
  if (s->zScreening && strcmp(s->zScreening, "refer") == 0) {
    html_f(&r->out,
           "<div class=\"alert alert-warning\" role=\"alert\" id=\"referral-prompt\"><p><strong>"
           "%s</strong></p><p>%s</p><a class=\"btn btn-primary\" href=\"/cases/%D#referral-form\">"
           "%s</a></div>",
           _("A specialised service should assess this person"),
           _("Create the referral to the specialised service from the case page."), v->c.id,
           _("Create the referral"));
  }
}

static void render_decision(Req *r, const FormView *v, const AccessForm *f) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\" id=\"fs-decision\"><legend class=\"h5 mb-3\">%s</legend>",
         _("Suitability"));
  render_screening(r, v);
  /* The decision is the social worker's: never preselected from the
  ** suggestion, so that what the page shows is what is stored. */
  if (v->bStored && domain_blank(v->stored.zDecision) && v->bEditable) {
    html_f(&r->out, "<div class=\"alert alert-info\" role=\"status\" id=\"decision-needed\">%s</div>",
           _("Confirm the suggestion or override it: choose the decision and save the form. "
             "The outcome can be recorded once the decision is saved."));
  }
  html_raw(&r->out, "<div class=\"row mt-5\"><div class=\"col-md-6\">");
  form_select(r, "decision", _("Decision"), form_decision_options(r), f->zDecision);
  form_col(r);
  form_textarea(r, "override_reason", _("Reason for the override"), f->zOverrideReason);
  html_f(&r->out, "<p class=\"ali-muted small\">%s</p>",
         _("Required when the decision differs from what the screening suggests."));
  html_raw(&r->out, "</div></div></fieldset>");
}

static void render_notices(Req *r, const FormView *v) {
  if (req_query(r, "saved"))
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"saved\">%s</div>",
           _("The form was saved."));
  if (r->iStatus == 409) {
    html_f(&r->out,
           "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\"><ul class=\"mb-0\">");
    for (int i = 0; i < r->err.n; i++) html_f(&r->out, "<li>%s</li>", _(r->err.a[i].zMsg));
    html_raw(&r->out, "</ul></div>");
  } else {
    form_error_summary_fields(r, form_labels(r, v));
  }
  if (!v->bEditable)
    html_f(&r->out, "<div class=\"callout\" id=\"read-only\"><p>%s</p></div>",
           _("The first interview is closed: the form can no longer be changed."));
}

/* The whole page with status r->iStatus; f holds the values to show. */
static void render_form(Req *r, const FormView *v, const AccessForm *f) {
  const char *zTitle = _("Access and Evaluation Form");
  layout_begin(r, zTitle, NAV_PEOPLE);
  html_f(&r->out,
         "<h1 class=\"h2 mb-1\">%s</h1><p class=\"lead\"><a href=\"/cases/%D\">%s</a> · %s %s</p>",
         zTitle, v->c.id, case_person_name(r, &v->c), _("Round"), v->c.zRoundCode);
  render_notices(r, v);
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/form", v->c.id), " id=\"access-form\"");
  html_raw(&r->out, v->bEditable ? "<fieldset>" : "<fieldset disabled>");
  render_interview_fields(r, f);
  render_health(r, v);
  render_household(r, v);
  render_vulnerabilities(r, v, f);
  render_scores(r, v, f);
  render_texts(r, f);
  render_services(r, v, f);
  render_decision(r, v, f);
  if (v->bEditable)
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary me-2\">%s</button>",
           _("Save"));
  html_f(&r->out,
         "</fieldset><a class=\"btn btn-outline-primary\" href=\"/cases/%D\">%s</a></form>",
         v->c.id, _("Back to the case"));
  layout_end(r);
}

void form_page(Req *r) {
  FormView v;
  memset(&v, 0, sizeof v);
  v.eRel = case_guard(r, r->aId[0], &v.c, intake_can_interview);
  if (v.eRel == REL_NONE) return;
  int rc = form_view_load(r, &v);
  if (!rc) rc = form_health_read(r, &v);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  AccessForm f;
  if (v.bStored)
    f = v.stored;
  else
    form_defaults(r, &v.c, &f);
  render_form(r, &v, &f);
}

/* ------------------------------------------------------------------ */
/* POST /cases/{id}/form                                               */
/* ------------------------------------------------------------------ */

/* Every value of form field zName, into the arena (*pn of them). */
static const char **form_all(Req *r, const char *zName, int *pn) {
  const char **az = arena_alloc(&r->a, (size_t)(r->nForm + 1) * sizeof *az);
  int n = 0;
  for (int i = 0; i < r->nForm; i++) {
    if (strcmp(r->azForm[2 * i], zName) == 0) az[n++] = r->azForm[2 * i + 1];
  }
  *pn = n;
  return az;
}

/* The field as a number in [iMin, iMax]: -1 when blank, -2 when not such
** a number (the error then added under zName). */
static int64_t form_number(Req *r, const char *zName, int64_t iMin, int64_t iMax,
                           const char *zMsg) {
  const char *z = req_form(r, zName);
  if (domain_blank(z)) return -1;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  if (*zEnd || v < iMin || v > iMax) {
    errors_add(&r->err, zName, zMsg);
    return -2;
  }
  return v;
}

static const char *form_text(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? 0 : z;
}

/* The areas' scores and descriptors; a descriptor without a score is an
** error (it would not be kept). */
static void form_scores_from(Req *r, const FormView *v, AccessForm *f) {
  for (int i = 0; i < v->nArea && f->nScore < EMPLOYABILITY_AREAS; i++) {
    const char *zField = form_score_field(r, v->aArea[i].zCode);
    const char *zDesc = form_text(r, arena_printf(&r->a, "descriptors.%s", v->aArea[i].zCode));
    int64_t iScore = form_number(r, zField, 1, 4, N_("a score from 1 to 4"));
    if (iScore == -2) continue;
    if (iScore < 0 && !zDesc) continue;
    if (iScore < 0) errors_add(&r->err, zField, N_("choose a score for this description"));
    AreaScore *s = &f->aScore[f->nScore++];
    s->zArea = v->aArea[i].zCode;
    s->iScore = iScore < 0 ? 0 : (int)iScore;
    s->zDescriptor = zDesc;
  }
}

/* The submitted form into *f (strings point into the request). */
static void form_from_request(Req *r, const FormView *v, AccessForm *f) {
  memset(f, 0, sizeof *f);
  f->iCase = v->c.id;
  f->zInterviewOn = req_form(r, "interview_on");
  int64_t i = form_number(r, "social_worker_id", 1, INT64_MAX / 2, N_("not one of the choices"));
  f->iSocialWorker = i > 0 ? i : 0;
  i = form_number(r, "psychotherapist_id", 1, INT64_MAX / 2, N_("not one of the choices"));
  f->iPsychotherapist = i > 0 ? i : 0;
  f->bPrivacyNotice = form_text(r, "privacy_notice") != 0;
  f->zPrivacySignedOn = form_text(r, "privacy_signed_on");
  int n;
  const char **az = form_all(r, "vulnerabilities", &n);
  if (n > VULNERABILITY_MAX) {
    errors_add(&r->err, "vulnerabilities", N_("too many vulnerabilities"));
    n = VULNERABILITY_MAX;
  }
  for (int k = 0; k < n; k++) f->azVulnerability[k] = az[k];
  f->nVulnerability = n;
  f->zVulnerabilityOther = form_text(r, "vulnerability_other");
  form_scores_from(r, v, f);
  f->zPastWork = form_text(r, "past_work");
  f->zSkills = form_text(r, "skills");
  f->zWorkDifficulties = form_text(r, "work_difficulties");
  f->zAspirations = form_text(r, "aspirations");
  i = form_number(r, "education_isced", 0, 8, N_("an ISCED level from 0 to 8"));
  f->iEducationIsced = i >= 0 ? (int)i : -1;
  f->zLabourStatus = form_text(r, "labour_status");
  i = form_number(r, "unemployed_months", 0, 1200, N_("a number of months from 0 to 1200"));
  f->iUnemployedMonths = i >= 0 ? (int)i : -1;
  f->azService = form_all(r, "services", &f->nService);
  f->zDecision = form_text(r, "decision");
  f->zOverrideReason = form_text(r, "override_reason");
}

/* Writes the health text when the caller may (and it was sent). */
static int form_health_write(Req *r, const FormView *v) {
  if (!v->bHealth || !auth_can(r, CAP_SENSITIVE_WRITE) || !req_form(r, "health")) return 0;
  PersonSensitive s;
  memset(&s, 0, sizeof s);
  s.az[SENS_HEALTH] = req_form(r, "health");
  char zNow[21];
  timestamp_now(zNow);
  unsigned mChanged = 0;
  int rc = sensitive_save(r->db, r->iAgency, v->c.iPerson, FORM_HEALTH_MASK, &s, zNow, &mChanged,
                          &r->err);
  if (!rc) guard_sensitive_write(r, v->c.iPerson, mChanged);
  return rc;
}

static void form_audit(Req *r, const FormView *v, const AccessForm *f) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "form", "access_form");
  jw_kv_str(&w, "interview_on", f->zInterviewOn);
  jw_kv_str(&w, "screening", f->zScreening);
  jw_kv_str(&w, "decision", f->zDecision);
  jw_kv_bool(&w, "override", f->zDecision && f->zScreening && strcmp(f->zDecision, f->zScreening));
  jw_obj_end(&w);
  req_audit(r, v->bStored ? "update" : "create", "case", v->c.id, v->c.iPerson, buf_str(&b));
  buf_free(&b);
}

/* Validates and saves; 0 or a domain/db code (errors in r->err). */
static int form_save(Req *r, FormView *v, AccessForm *f) {
  intake_form_validate(f, &r->err);
  if (v->bHealth && req_form(r, "health")) {
    PersonSensitive s;
    memset(&s, 0, sizeof s);
    s.az[SENS_HEALTH] = req_form(r, "health");
    sensitive_validate(&s, FORM_HEALTH_MASK, &r->err);
  }
  if (r->err.n) return DOMAIN_INVALID;
  int rc = intake_form_save(r->db, &r->a, r->iAgency, f, &r->err);
  if (!rc) rc = form_health_write(r, v);
  if (!rc) form_audit(r, v, f);
  return rc;
}

void form_save_page(Req *r) {
  FormView v;
  memset(&v, 0, sizeof v);
  v.eRel = case_guard(r, r->aId[0], &v.c, intake_can_interview);
  if (v.eRel == REL_NONE) return;
  int rc = form_view_load(r, &v);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  AccessForm f;
  form_from_request(r, &v, &f);
  rc = form_save(r, &v, &f);
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "/form?saved=1#fs-decision", v.c.id));
  } else if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
    r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
    v.zHealth = req_form(r, "health");
    render_form(r, &v, &f);
  } else {
    case_fail(r, rc);
  }
}
