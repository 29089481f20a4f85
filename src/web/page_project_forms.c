/*
** page_project_forms.c — the forms of the second half of intake and the
** POST handlers that answer them:
**
**   POST /cases/{id}/assign                          a cooperative's case manager
**   POST /cases/{id}/interviews                      a second interview
**   POST /cases/{id}/project                         starts the draft project
**   POST /cases/{id}/project/commitments             the participant's commitments
**   POST /cases/{id}/project/objectives[/{id}]       adds / changes an objective
**   POST /cases/{id}/project/objectives/{id}/delete  removes it
**   POST /cases/{id}/project/interventions[/{id}]    adds / changes an intervention
**   POST /cases/{id}/project/interventions/{id}/delete
**   POST /cases/{id}/project/agree                   the participant agrees
**
** Every handler first asks project_case_guard() (page_project.c): 404 when
** the case cannot be read, 403 when the caller may not plan it.  Then it
** reads the form, calls the one function of src/domain/project.h (or
** intake.h), and answers: a success is audited (req_audit, in the
** request's transaction) and redirected (303) to the changed item's
** anchor on the project page; DOMAIN_INVALID re-renders the page with
** status 422, the values as typed and each message next to its field;
** DOMAIN_CONFLICT is a 409 page with the reason.  The dispatcher rolls
** the transaction back on any answer >= 400, so a refused change writes
** nothing.
**
** Several forms share a page and their field names ("reason" is on every
** form of an agreed project), so each form's fields get ids prefixed with
** the form's key, and only the form whose action is the path just posted
** to shows the submitted values and the errors (PForm).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../lib/money.h"
#include "html.h"
#include "layout.h"
#include "page_project.h"
#include "pages.h"

/* clang-format off */
/* Field name, label pairs of every form (labels are msgids). */
static const char *const pf_azLabel[] = {
    "text",             N_("Objective"),
    "person_id",        N_("Household member"),
    "indicator",        N_("Indicator of achievement"),
    "target_on",        N_("Target date"),
    "service",          N_("Service"),
    "organisation_id",  N_("Provider"),
    "operator_id",      N_("Operator"),
    "planned_start",    N_("Planned start"),
    "planned_end",      N_("Planned end"),
    "planned_hours",    N_("Planned hours"),
    "planned_sessions", N_("Planned sessions"),
    "estimated_cost",   N_("Estimated cost (euros)"),
    "funding_stream",   N_("Funding stream"),
    "commitments",      N_("The participant's commitments"),
    "reason",           N_("Reason for the change"),
    "agreed_on",        N_("Date the participant agreed"),
    "held_on",          N_("Date of the interview"),
    "notes",            N_("Notes"),
    "case_manager_id",  N_("Cooperative — case manager"),
    0,
};
/* clang-format on */

/* A form of the page: where it posts, the prefix of its field ids, and
** whether it is the form just submitted (then it shows the submitted
** values and r->err). */
typedef struct PForm {
  const char *zAction;
  const char *zKey;
  int bPosted;
} PForm;

/* ------------------------------------------------------------------ */
/* Field helpers                                                       */
/* ------------------------------------------------------------------ */

static const char *pf_label(Req *r, const char *zField) {
  for (int i = 0; pf_azLabel[i]; i += 2) {
    if (strcmp(pf_azLabel[i], zField) == 0) return _(pf_azLabel[i + 1]);
  }
  return 0;
}

/* The error summary of the submitted form: one line per error. */
static void pf_errors(Req *r, const PForm *f) {
  if (!f->bPosted || !r->err.n) return;
  html_f(&r->out,
         "<div class=\"alert alert-danger\" role=\"alert\" id=\"errors\"><p class=\"mb-2\">"
         "<strong>%s</strong></p><ul class=\"mb-0\">",
         r->err.n == 1 ? _("One field needs fixing.") : _("Some fields need fixing."));
  for (int i = 0; i < r->err.n; i++) {
    const FieldError *e = &r->err.a[i];
    const char *zLabel = pf_label(r, e->zField);
    if (zLabel)
      html_f(&r->out, "<li><a href=\"#f-%s-%s\">%s</a>: %s</li>", f->zKey, e->zField, zLabel,
             _(e->zMsg));
    else
      html_f(&r->out, "<li>%s</li>", _(e->zMsg));
  }
  html_raw(&r->out, "</ul></div>");
}

/* Opens form f posting to zAction; its field ids start with "f-zKey-". */
static void pf_begin(Req *r, PForm *f, const char *zAction, const char *zKey) {
  f->zAction = zAction;
  f->zKey = zKey;
  f->bPosted = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
  form_begin(r, zAction, " class=\"mt-2 mb-3\"");
  pf_errors(r, f);
}

static void pf_end(Req *r, const char *zButton) {
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>", zButton);
}

/* The value a field shows: as submitted, or zDflt. */
static const char *pf_value(Req *r, const PForm *f, const char *zName, const char *zDflt) {
  if (!f->bPosted) return zDflt;
  const char *z = req_form(r, zName);
  return z ? z : "";
}

static const char *pf_error(Req *r, const PForm *f, const char *zName) {
  return f->bPosted ? errors_get(&r->err, zName) : 0;
}

/* The label of field zName, its error attributes, and after the control
** the message. */
static void pf_label_tag(Req *r, const PForm *f, const char *zName, const char *zLabel, int bReq) {
  html_f(&r->out, "<label class=\"active\" for=\"f-%s-%s\">%s%s</label>", f->zKey, zName, zLabel,
         bReq ? " *" : "");
}

static void pf_invalid_attrs(Req *r, const PForm *f, const char *zName, const char *zErr) {
  if (zErr) html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s-%s\"", f->zKey, zName);
}

static void pf_message(Req *r, const PForm *f, const char *zName, const char *zErr) {
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-%s-%s\">%s</div>", f->zKey,
           zName, _(zErr));
}

static void pf_input(Req *r, const PForm *f, const char *zName, const char *zType,
                     const char *zDflt, int bReq) {
  const char *zErr = pf_error(r, f, zName);
  html_raw(&r->out, "<div class=\"form-group\">");
  pf_label_tag(r, f, zName, pf_label(r, zName), bReq);
  html_f(&r->out,
         "<input type=\"%s\" class=\"form-control%s\" id=\"f-%s-%s\" name=\"%s\" value=\"%s\"%s",
         zType, zErr ? " is-invalid" : "", f->zKey, zName, zName, pf_value(r, f, zName, zDflt),
         bReq ? " required" : "");
  pf_invalid_attrs(r, f, zName, zErr);
  html_raw(&r->out, ">");
  pf_message(r, f, zName, zErr);
  html_raw(&r->out, "</div>");
}

static void pf_textarea(Req *r, const PForm *f, const char *zName, const char *zDflt, int bReq) {
  const char *zErr = pf_error(r, f, zName);
  html_raw(&r->out, "<div class=\"form-group\">");
  pf_label_tag(r, f, zName, pf_label(r, zName), bReq);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"f-%s-%s\" name=\"%s\" rows=\"3\"%s",
         zErr ? " is-invalid" : "", f->zKey, zName, zName, bReq ? " required" : "");
  pf_invalid_attrs(r, f, zName, zErr);
  /* a newline right after the tag: the parser drops it and keeps the
  ** value's own leading newline */
  html_f(&r->out, ">\n%s</textarea>", pf_value(r, f, zName, zDflt));
  pf_message(r, f, zName, zErr);
  html_raw(&r->out, "</div>");
}

/* A <select> of azOpt (value, label pairs, labels ready to show, ending
** with NULL), labelled zLabel (NULL: the field's label). */
static void pf_select(Req *r, const PForm *f, const char *zName, const char *zLabel,
                      const char *const *azOpt, const char *zDflt, int bReq) {
  const char *zErr = pf_error(r, f, zName);
  const char *zValue = pf_value(r, f, zName, zDflt);
  html_raw(&r->out, "<div class=\"select-wrapper form-group\">");
  pf_label_tag(r, f, zName, zLabel ? zLabel : pf_label(r, zName), bReq);
  html_f(&r->out, "<select id=\"f-%s-%s\" name=\"%s\" class=\"%s\"%s", f->zKey, zName, zName,
         zErr ? "is-invalid" : "", bReq ? " required" : "");
  pf_invalid_attrs(r, f, zName, zErr);
  html_raw(&r->out, ">");
  for (int i = 0; azOpt[i]; i += 2) {
    int bSel = zValue && strcmp(zValue, azOpt[i]) == 0;
    html_f(&r->out, "<option value=\"%s\"%s>%s</option>", azOpt[i], bSel ? " selected" : "",
           azOpt[i + 1]);
  }
  html_raw(&r->out, "</select>");
  pf_message(r, f, zName, zErr);
  html_raw(&r->out, "</div>");
}

/* The reason field every form of an agreed project carries. */
static void pf_reason(Req *r, const PForm *f, const ProjectView *pv) {
  if (!pv->iProject || strcmp(pv->p.zState, "agreed") != 0) return;
  pf_textarea(r, f, "reason", "", 1);
  html_f(&r->out, "<p class=\"small ali-muted\">%s</p>",
         _("The project is agreed: this change makes a new version, kept with its reason."));
}

static void pf_row(Req *r) { html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">"); }
static void pf_col(Req *r) { html_raw(&r->out, "</div><div class=\"col-md-6\">"); }
static void pf_row_end(Req *r) { html_raw(&r->out, "</div></div>"); }

/* An option list of n + 1 pairs (+ the NULL end), the first "" → zNone
** when zNone is not NULL. */
static const char **opt_new(Req *r, int n, const char *zNone, int *pk) {
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  *pk = 0;
  if (zNone) {
    az[0] = "";
    az[1] = zNone;
    *pk = 2;
  }
  return az;
}

static const char *id_str(Req *r, int64_t id) {
  return id > 0 ? arena_printf(&r->a, "%lld", (long long)id) : "";
}

static const char *int_str(Req *r, int v) { return v >= 0 ? arena_printf(&r->a, "%d", v) : ""; }

static const char *const *member_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = opt_new(r, pv->nMember, _("— choose —"), &k);
  for (int i = 0; i < pv->nMember; i++) {
    az[k++] = id_str(r, pv->aMember[i].id);
    az[k++] =
        arena_printf(&r->a, "%s %s", pv->aMember[i].zFirstName ? pv->aMember[i].zFirstName : "",
                     pv->aMember[i].zLastName ? pv->aMember[i].zLastName : "");
  }
  return az;
}

/* 1 if the case's round offers service zCode. */
static int round_offers(const ProjectView *pv, const char *zCode) {
  for (int i = 0; i < pv->round.nService; i++) {
    if (strcmp(pv->round.azService[i], zCode) == 0) return 1;
  }
  return 0;
}

static const char *const *service_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = opt_new(r, pv->nService, _("— choose —"), &k);
  for (int i = 0; i < pv->nService; i++) {
    const Service *s = &pv->aService[i];
    const char *zName = r->iLang == LANG_IT ? s->zNameIt : s->zNameEn;
    az[k++] = s->zCode;
    az[k++] = round_offers(pv, s->zCode)
                  ? zName
                  : arena_printf(&r->a, "%s (%s)", zName, _("not offered in this round"));
  }
  return az;
}

static const char *const *org_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = opt_new(r, pv->nOrg, _("— none —"), &k);
  for (int i = 0; i < pv->nOrg; i++) {
    if (strcmp(pv->aOrg[i].zKind, "specialised_service") == 0) continue;
    az[k++] = id_str(r, pv->aOrg[i].id);
    az[k++] = pv->aOrg[i].zName;
  }
  return az;
}

static const char *const *operator_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = opt_new(r, pv->nOperator, _("— none —"), &k);
  for (int i = 0; i < pv->nOperator; i++) {
    const User *u = &pv->aOperator[i];
    az[k++] = id_str(r, u->id);
    az[k++] = u->zOrganisationName
                  ? arena_printf(&r->a, "%s — %s", u->zFullName, u->zOrganisationName)
                  : u->zFullName;
  }
  return az;
}

static const char *const *stream_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = opt_new(r, pv->nStream, 0, &k);
  for (int i = 0; i < pv->nStream; i++) {
    az[k++] = pv->aStream[i].zCode;
    az[k++] = pv->aStream[i].zName;
  }
  return az;
}

static const char *project_base(Req *r, const ProjectView *pv) {
  return arena_printf(&r->a, "/cases/%lld/project", (long long)pv->c.id);
}

/* Opens the <details> around an add form: open when it was submitted. */
static void add_details(Req *r, const char *zAction, const char *zSummary) {
  int bOpen = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
  html_f(&r->out,
         "<details class=\"mb-4\"%s><summary class=\"btn btn-outline-primary\">%s</summary>",
         bOpen ? " open" : "", zSummary);
}

/* ------------------------------------------------------------------ */
/* The forms                                                           */
/* ------------------------------------------------------------------ */

void project_objective_form(Req *r, const ProjectView *pv, const Objective *o) {
  PForm f;
  const char *zAction =
      o ? arena_printf(&r->a, "%s/objectives/%lld", project_base(r, pv), (long long)o->id)
        : arena_printf(&r->a, "%s/objectives", project_base(r, pv));
  if (!o) add_details(r, zAction, _("Add an objective"));
  pf_begin(r, &f, zAction,
           o ? arena_printf(&r->a, "objective-%lld", (long long)o->id) : "objective-new");
  pf_textarea(r, &f, "text", o ? o->zText : "", 1);
  pf_row(r);
  pf_select(r, &f, "person_id", 0, member_options(r, pv), id_str(r, o ? o->iPerson : pv->c.iPerson),
            1);
  pf_col(r);
  pf_input(r, &f, "target_on", "date", o ? o->zTargetOn : "", 0);
  pf_row_end(r);
  pf_textarea(r, &f, "indicator", o ? o->zIndicator : "", 0);
  pf_reason(r, &f, pv);
  pf_end(r, o ? _("Save the objective") : _("Add the objective"));
  if (!o) html_raw(&r->out, "</details>");
}

/* The fields of the intervention form after the service and recipient. */
static void intervention_fields(Req *r, const PForm *f, const ProjectView *pv,
                                const Intervention *iv) {
  pf_row(r);
  pf_select(r, f, "organisation_id", 0, org_options(r, pv), id_str(r, iv ? iv->iOrganisation : 0),
            0);
  pf_col(r);
  pf_select(r, f, "operator_id", 0, operator_options(r, pv), id_str(r, iv ? iv->iOperator : 0), 0);
  pf_col(r);
  pf_input(r, f, "planned_start", "date", iv ? iv->zPlannedStart : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_end", "date", iv ? iv->zPlannedEnd : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_hours", "text", iv ? int_str(r, iv->iPlannedHours) : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_sessions", "text", iv ? int_str(r, iv->iPlannedSessions) : "", 0);
  pf_col(r);
  const char *zCost =
      iv && iv->iEstimatedCostCents >= 0 ? project_money(r, iv->iEstimatedCostCents) : "";
  pf_input(r, f, "estimated_cost", "text", zCost, 0);
  pf_col(r);
  const char *zStream = iv && iv->zStreamCode ? iv->zStreamCode : pv->c.zStreamCode;
  pf_select(r, f, "funding_stream", 0, stream_options(r, pv), zStream, 0);
  pf_row_end(r);
}

void project_intervention_form(Req *r, const ProjectView *pv, const Intervention *iv) {
  PForm f;
  const char *zAction =
      iv ? arena_printf(&r->a, "%s/interventions/%lld", project_base(r, pv), (long long)iv->id)
         : arena_printf(&r->a, "%s/interventions", project_base(r, pv));
  if (!iv) add_details(r, zAction, _("Add an intervention"));
  pf_begin(r, &f, zAction,
           iv ? arena_printf(&r->a, "intervention-%lld", (long long)iv->id) : "intervention-new");
  pf_row(r);
  pf_select(r, &f, "service", 0, service_options(r, pv), iv ? iv->zServiceCode : "", 1);
  pf_col(r);
  pf_select(r, &f, "person_id", _("Recipient (a household member)"), member_options(r, pv),
            id_str(r, iv ? iv->iPerson : pv->c.iPerson), 1);
  pf_row_end(r);
  intervention_fields(r, &f, pv, iv);
  pf_reason(r, &f, pv);
  pf_end(r, iv ? _("Save the intervention") : _("Add the intervention"));
  if (!iv) html_raw(&r->out, "</details>");
}

void project_commitments_form(Req *r, const ProjectView *pv) {
  PForm f;
  const char *zAction = arena_printf(&r->a, "%s/commitments", project_base(r, pv));
  add_details(r, zAction, _("Change the commitments"));
  pf_begin(r, &f, zAction, "commitments");
  pf_textarea(r, &f, "commitments", pv->p.zCommitments ? pv->p.zCommitments : "", 0);
  pf_reason(r, &f, pv);
  pf_end(r, _("Save the commitments"));
  html_raw(&r->out, "</details>");
}

void project_agree_form(Req *r, const ProjectView *pv) {
  PForm f;
  char zToday[11];
  date_today(zToday);
  html_f(&r->out,
         "<section class=\"mb-5\" id=\"agree\" aria-labelledby=\"h-agree\">"
         "<h2 class=\"h3\" id=\"h-agree\">%s</h2><p>%s</p>",
         _("The participant agrees"),
         _("When the participant agrees the project it becomes version 1; from then on each "
           "change makes a new version with its reason."));
  pf_begin(r, &f, arena_printf(&r->a, "%s/agree", project_base(r, pv)), "agree");
  pf_input(r, &f, "agreed_on", "date", zToday, 1);
  pf_end(r, _("The participant agrees"));
  html_raw(&r->out, "</section>");
}

void project_delete_form(Req *r, const ProjectView *pv, const char *zWhat, int64_t iItem) {
  PForm f;
  const char *zAction =
      arena_printf(&r->a, "%s/%s/%lld/delete", project_base(r, pv), zWhat, (long long)iItem);
  int bAgreed = strcmp(pv->p.zState, "agreed") == 0;
  if (bAgreed) {
    int bOpen = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
    html_f(&r->out, "<details%s><summary class=\"btn btn-sm btn-outline-danger\">%s</summary>",
           bOpen ? " open" : "", _("Remove"));
  }
  pf_begin(r, &f, zAction, arena_printf(&r->a, "delete-%s-%lld", zWhat, (long long)iItem));
  pf_reason(r, &f, pv);
  html_f(&r->out,
         "<button type=\"submit\" class=\"btn btn-sm btn-outline-danger\">%s</button></form>",
         _("Remove"));
  if (bAgreed) html_raw(&r->out, "</details>");
}

/* The "Cooperative — case manager" pairs: active case managers of the
** agency's cooperatives. */
static const char *const *case_manager_options(Req *r) {
  Organisation *aOrg = 0;
  User *aUser = 0;
  int nOrg = 0, nUser = 0, k;
  if (organisation_list(r->db, &r->a, r->iAgency, &aOrg, &nOrg) ||
      user_list(r->db, &r->a, r->iAgency, &aUser, &nUser)) {
    nOrg = nUser = 0;
  }
  const char **az = opt_new(r, nUser, _("— choose —"), &k);
  for (int i = 0; i < nOrg; i++) {
    if (strcmp(aOrg[i].zKind, "cooperative") != 0) continue;
    for (int j = 0; j < nUser; j++) {
      const User *u = &aUser[j];
      if (!u->bActive || !(u->mRoles & ROLE_CASE_MANAGER) || u->iOrganisation != aOrg[i].id)
        continue;
      az[k++] = id_str(r, u->id);
      az[k++] = arena_printf(&r->a, "%s — %s", aOrg[i].zName, u->zFullName);
    }
  }
  return az;
}

void project_assign_form(Req *r, const Case *c) {
  PForm f;
  const char *zAction = arena_printf(&r->a, "/cases/%lld/assign", (long long)c->id);
  add_details(r, zAction,
              c->iCaseManager ? _("Change the case manager") : _("Assign a case manager"));
  pf_begin(r, &f, zAction, "assign");
  pf_select(r, &f, "case_manager_id", 0, case_manager_options(r), id_str(r, c->iCaseManager), 1);
  pf_end(r, _("Assign"));
  html_raw(&r->out, "</details>");
}

void project_interview_form(Req *r, const Case *c) {
  PForm f;
  char zToday[11];
  date_today(zToday);
  const char *zAction = arena_printf(&r->a, "/cases/%lld/interviews", (long long)c->id);
  add_details(r, zAction, _("Record a second interview"));
  pf_begin(r, &f, zAction, "interview");
  pf_input(r, &f, "held_on", "date", zToday, 1);
  pf_textarea(r, &f, "notes", "", 0);
  pf_end(r, _("Record the interview"));
  html_raw(&r->out, "</details>");
}

/* ------------------------------------------------------------------ */
/* Reading the forms                                                   */
/* ------------------------------------------------------------------ */

/* The form value zName, NULL when absent or blank. */
static const char *form_opt(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? 0 : z;
}

/* A whole number of at most 9 digits from field zName: -1 when blank,
** -2 (and an error) when not a number. */
static int64_t form_number(Req *r, const char *zName, const char *zMsg) {
  const char *z = form_opt(r, zName);
  if (!z) return -1;
  size_t n;
  z = domain_trim(z, &n);
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9' || i >= 9) {
      errors_add(&r->err, zName, zMsg);
      return -2;
    }
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

/* The reason for a change: required by the domain on an agreed project
** only, but when given it must be clean text of at most 500 characters
** (else an error on "reason"). */
static const char *form_reason(Req *r) {
  const char *z = req_form(r, "reason");
  if (!domain_blank(z)) intake_check_text(&r->err, "reason", z, 500, 0);
  return z;
}

/* An id from a select: 0 when blank. */
static int64_t form_id(Req *r, const char *zName) {
  int64_t v = form_number(r, zName, N_("choose one of the list"));
  return v < 0 ? 0 : v;
}

static void objective_from_form(Req *r, int64_t id, Objective *o) {
  memset(o, 0, sizeof *o);
  o->id = id;
  o->iPerson = form_id(r, "person_id");
  o->zText = req_form(r, "text");
  o->zIndicator = form_opt(r, "indicator");
  o->zTargetOn = form_opt(r, "target_on");
}

static void intervention_from_form(Req *r, int64_t id, Intervention *iv) {
  memset(iv, 0, sizeof *iv);
  iv->id = id;
  iv->zServiceCode = form_opt(r, "service");
  iv->iPerson = form_id(r, "person_id");
  iv->iOrganisation = form_id(r, "organisation_id");
  iv->iOperator = form_id(r, "operator_id");
  iv->zPlannedStart = form_opt(r, "planned_start");
  iv->zPlannedEnd = form_opt(r, "planned_end");
  iv->iPlannedHours = (int)form_number(r, "planned_hours", N_("must be a whole number of hours"));
  iv->iPlannedSessions =
      (int)form_number(r, "planned_sessions", N_("must be a whole number of sessions"));
  iv->iEstimatedCostCents = -1;
  const char *zCost = form_opt(r, "estimated_cost");
  if (zCost && money_parse_euros(zCost, &iv->iEstimatedCostCents)) {
    errors_add(&r->err, "estimated_cost", N_("not an amount of euros (for example 1.234,56)"));
  }
  const char *zStream = form_opt(r, "funding_stream");
  if (zStream) {
    iv->iStream = stream_find(r->db, r->iAgency, zStream);
    if (!iv->iStream) errors_add(&r->err, "funding_stream", N_("choose one of the list"));
  }
}

/* The domain names the cost field estimated_cost_cents; the form, in euros,
** estimated_cost. */
static void rename_cost_errors(Req *r) {
  for (int i = 0; i < r->err.n; i++) {
    if (strcmp(r->err.a[i].zField, "estimated_cost_cents") == 0)
      r->err.a[i].zField = "estimated_cost";
  }
}

/* ------------------------------------------------------------------ */
/* Audit details                                                       */
/* ------------------------------------------------------------------ */

/* A JSON object being written for an audit entry. */
typedef struct Detail {
  Buf b;
  JsonW w;
} Detail;

static void detail_begin(Detail *d, const Case *c, int64_t iProject) {
  memset(&d->b, 0, sizeof d->b);
  jw_init(&d->w, &d->b);
  jw_obj(&d->w);
  jw_kv_int(&d->w, "case_id", c->id);
  if (iProject) jw_kv_int(&d->w, "project_id", iProject);
}

/* Ends the object with the reason (when given), copies it into the
** arena and frees the buffer. */
static const char *detail_end(Req *r, Detail *d, const char *zReason) {
  if (!domain_blank(zReason)) jw_kv_str(&d->w, "reason", zReason);
  jw_obj_end(&d->w);
  const char *z = arena_strdup(&r->a, buf_str(&d->b));
  buf_free(&d->b);
  return z;
}

static void detail_id(Detail *d, const char *zKey, int64_t id) {
  if (id > 0) jw_kv_int(&d->w, zKey, id);
}

static void detail_str(Detail *d, const char *zKey, const char *z) {
  if (z) jw_kv_str(&d->w, zKey, z);
}

/* ------------------------------------------------------------------ */
/* The handlers                                                        */
/* ------------------------------------------------------------------ */

/* The answer to a write on the project of case *c: rc 0 redirects to
** zAnchor of the project page; DOMAIN_INVALID re-renders the page (422);
** anything else is project_fail(). */
static void project_answer(Req *r, int rc, const Case *c, Relation eRel, const char *zAnchor) {
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/cases/%lld/project%s", (long long)c->id, zAnchor));
    return;
  }
  if (rc != DOMAIN_INVALID) {
    project_fail(r, rc, c->id);
    return;
  }
  ProjectView pv;
  if (project_view_load(r, c, eRel, &pv)) return;
  r->iStatus = 422;
  project_view_page(r, &pv);
}

/* The guard of every project write; *piProject the case's project, which
** must exist when bNeedProject (else 409).  0 to go on, -1 answered. */
static int project_write_guard(Req *r, Case *c, Relation *peRel, int64_t *piProject,
                               int bNeedProject) {
  if (project_case_guard(r, r->aId[0], PV_PLAN, c, peRel)) return -1;
  *piProject = project_of_case(r->db, r->iAgency, c->id);
  if (bNeedProject && !*piProject) {
    errors_add(&r->err, "project", N_("This case has no project yet: start it first."));
    project_fail(r, DOMAIN_CONFLICT, c->id);
    return -1;
  }
  return 0;
}

void project_create_page(Req *r) {
  Case c;
  Relation eRel;
  int64_t iProject;
  if (project_write_guard(r, &c, &eRel, &iProject, 0)) return;
  int rc = project_create(r->db, r->iAgency, c.id, &iProject, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    req_audit(r, "create", "project", iProject, c.iPerson, detail_end(r, &d, 0));
  }
  project_answer(r, rc, &c, eRel, "");
}

void project_commitments_page(Req *r) {
  Case c;
  Relation eRel;
  int64_t iProject;
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  const char *zText = req_form(r, "commitments"), *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : project_set_commitments(r->db, r->iAgency, iProject, zText ? zText : "",
                                              zReason, r->user.id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    jw_kv_str(&d.w, "changed", "commitments");
    req_audit(r, "update", "project", iProject, c.iPerson, detail_end(r, &d, zReason));
  }
  project_answer(r, rc, &c, eRel, "#commitments");
}

/* Adds (iObjective 0) or changes an objective. */
static void objective_save(Req *r, int64_t iObjective) {
  Case c;
  Relation eRel;
  int64_t iProject;
  Objective o;
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  objective_from_form(r, iObjective, &o);
  const char *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : project_objective_save(r->db, r->iAgency, iProject, &o, zReason, r->user.id,
                                             &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    detail_id(&d, "person_id", o.iPerson);
    detail_str(&d, "target_on", o.zTargetOn);
    req_audit(r, iObjective ? "update" : "create", "objective", o.id, c.iPerson,
              detail_end(r, &d, zReason));
  }
  project_answer(r, rc, &c, eRel,
                 o.id ? arena_printf(&r->a, "#objective-%lld", (long long)o.id) : "#objectives");
}

void project_objective_add_page(Req *r) { objective_save(r, 0); }
void project_objective_update_page(Req *r) { objective_save(r, r->aId[1]); }

void project_objective_delete_page(Req *r) {
  Case c;
  Relation eRel;
  int64_t iProject, iObjective = r->aId[1];
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  const char *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : project_objective_delete(r->db, r->iAgency, iProject, iObjective, zReason,
                                               r->user.id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    req_audit(r, "delete", "objective", iObjective, c.iPerson, detail_end(r, &d, zReason));
  }
  project_answer(r, rc, &c, eRel, "#objectives");
}

static const char *intervention_detail(Req *r, const Case *c, int64_t iProject,
                                       const Intervention *iv, const char *zReason) {
  Detail d;
  detail_begin(&d, c, iProject);
  detail_str(&d, "service", iv->zServiceCode);
  detail_id(&d, "person_id", iv->iPerson);
  detail_id(&d, "organisation_id", iv->iOrganisation);
  detail_id(&d, "operator_id", iv->iOperator);
  detail_str(&d, "planned_start", iv->zPlannedStart);
  detail_str(&d, "planned_end", iv->zPlannedEnd);
  if (iv->iEstimatedCostCents >= 0)
    jw_kv_int(&d.w, "estimated_cost_cents", iv->iEstimatedCostCents);
  detail_id(&d, "funding_stream_id", iv->iStream);
  return detail_end(r, &d, zReason);
}

/* Adds (iIntervention 0) or changes an intervention. */
static void intervention_save(Req *r, int64_t iIntervention) {
  Case c;
  Relation eRel;
  int64_t iProject;
  Intervention iv;
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  intervention_from_form(r, iIntervention, &iv);
  const char *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : project_intervention_save(r->db, r->iAgency, iProject, &iv, zReason,
                                                r->user.id, &r->err);
  rename_cost_errors(r);
  if (rc == 0) {
    req_audit(r, iIntervention ? "update" : "create", "intervention", iv.id, c.iPerson,
              intervention_detail(r, &c, iProject, &iv, zReason));
  }
  project_answer(
      r, rc, &c, eRel,
      iv.id ? arena_printf(&r->a, "#intervention-%lld", (long long)iv.id) : "#interventions");
}

void project_intervention_add_page(Req *r) { intervention_save(r, 0); }
void project_intervention_update_page(Req *r) { intervention_save(r, r->aId[1]); }

void project_intervention_delete_page(Req *r) {
  Case c;
  Relation eRel;
  int64_t iProject, iIntervention = r->aId[1];
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  const char *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : project_intervention_delete(r->db, r->iAgency, iProject, iIntervention,
                                                  zReason, r->user.id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    req_audit(r, "delete", "intervention", iIntervention, c.iPerson, detail_end(r, &d, zReason));
  }
  project_answer(r, rc, &c, eRel, "#interventions");
}

void project_agree_page(Req *r) {
  Case c;
  Relation eRel;
  int64_t iProject;
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  const char *zOn = req_form(r, "agreed_on");
  int rc = project_agree(r->db, r->iAgency, iProject, zOn ? zOn : "", r->user.id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    jw_kv_str(&d.w, "agreed_on", zOn);
    jw_kv_int(&d.w, "version", 1);
    req_audit(r, "agree", "project", iProject, c.iPerson, detail_end(r, &d, 0));
  }
  project_answer(r, rc, &c, eRel, "");
}

/* ------------------------------------------------------------------ */
/* The case page's forms: assign, second interview                     */
/* ------------------------------------------------------------------ */

/* A case-page form that failed validation: the case's second-interview
** part again, with the values as typed and the errors (422). */
static void case_form_invalid(Req *r, const Case *c, Relation eRel) {
  r->iStatus = 422;
  layout_begin(r, _("Case"), NAV_PEOPLE);
  html_f(&r->out, "<nav class=\"mb-2\"><a href=\"/cases/%D\">%s</a></nav><h1 class=\"h2\">%s</h1>",
         c->id, _("Back to the case"), case_person_name(r, c));
  project_case_actions(r, c, eRel);
  layout_end(r);
}

/* The answer to a write of the case page. */
static void case_answer(Req *r, int rc, const Case *c, Relation eRel, const char *zAnchor) {
  if (rc == 0)
    req_redirect(r, arena_printf(&r->a, "/cases/%lld%s", (long long)c->id, zAnchor));
  else if (rc == DOMAIN_INVALID)
    case_form_invalid(r, c, eRel);
  else
    project_fail(r, rc, c->id);
}

void project_assign_page(Req *r) {
  Case c;
  Relation eRel;
  if (project_case_guard(r, r->aId[0], PV_PLAN, &c, &eRel)) return;
  int64_t iUser = form_id(r, "case_manager_id");
  User u;
  int rc = 0;
  if (!r->err.n && !iUser) errors_add(&r->err, "case_manager_id", N_("choose a case manager"));
  if (!r->err.n && (rc = user_get(r->db, &r->a, r->iAgency, iUser, &u)) == DOMAIN_NOT_FOUND)
    errors_add(&r->err, "case_manager_id", N_("choose one of the list"));
  if (r->err.n)
    rc = DOMAIN_INVALID;
  else if (!rc)
    rc = intake_assign(r->db, r->iAgency, c.id, u.iOrganisation, u.id, &r->err);
  if (rc == DOMAIN_INVALID && !errors_get(&r->err, "case_manager_id") && r->err.n) {
    /* the domain names organisation or case manager: both are this field */
    for (int i = 0; i < r->err.n; i++) r->err.a[i].zField = "case_manager_id";
  }
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, 0);
    detail_id(&d, "organisation_id", u.iOrganisation);
    detail_id(&d, "case_manager_id", u.id);
    detail_id(&d, "previous_case_manager_id", c.iCaseManager);
    req_audit(r, "assign", "case", c.id, c.iPerson, detail_end(r, &d, 0));
  }
  case_answer(r, rc, &c, eRel, "#case-manager");
}

void project_interview_page(Req *r) {
  Case c;
  Relation eRel;
  if (project_case_guard(r, r->aId[0], PV_PLAN, &c, &eRel)) return;
  SecondInterview si;
  memset(&si, 0, sizeof si);
  si.zHeldOn = req_form(r, "held_on");
  si.zNotes = form_opt(r, "notes");
  si.iCaseManager = c.iCaseManager;
  int64_t id = 0;
  int rc = intake_second_interview(r->db, r->iAgency, c.id, &si, &id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, 0);
    detail_str(&d, "held_on", si.zHeldOn);
    detail_id(&d, "case_manager_id", c.iCaseManager);
    req_audit(r, "create", "second_interview", id, c.iPerson, detail_end(r, &d, 0));
  }
  case_answer(r, rc, &c, eRel, "#second-interviews");
}
