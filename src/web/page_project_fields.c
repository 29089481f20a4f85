/*
** page_project_fields.c — the fields of the forms of the project page and
** of the case page's intake forms (page_project_forms.c; declared in
** page_project_fields.h): labelled inputs, text areas and selects with
** their error messages, the error summary of the form just posted, and
** the option lists of the project's household, catalogue, providers,
** operators and funding streams.
**
** Several forms share a page and their field names ("reason" is on every
** form of an agreed project), so each form's fields get ids prefixed with
** the form's key, and only the form whose action is the path just posted
** to shows the submitted values and the errors (PForm).
*/
#include "page_project_fields.h"

#include <string.h>

#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
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
void pf_begin(Req *r, PForm *f, const char *zAction, const char *zKey) {
  f->zAction = zAction;
  f->zKey = zKey;
  f->bPosted = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
  form_begin(r, zAction, " class=\"mt-2 mb-3\"");
  pf_errors(r, f);
}

void pf_end(Req *r, const char *zButton) {
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

void pf_input(Req *r, const PForm *f, const char *zName, const char *zType, const char *zDflt,
              int bReq) {
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

void pf_textarea(Req *r, const PForm *f, const char *zName, const char *zDflt, int bReq) {
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
void pf_select(Req *r, const PForm *f, const char *zName, const char *zLabel,
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
void pf_reason(Req *r, const PForm *f, const ProjectView *pv) {
  if (!pv->iProject || strcmp(pv->p.zState, "agreed") != 0) return;
  pf_textarea(r, f, "reason", "", 1);
  html_f(&r->out, "<p class=\"small ali-muted\">%s</p>",
         _("The project is agreed: this change makes a new version, kept with its reason."));
}

void pf_row(Req *r) { html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">"); }
void pf_col(Req *r) { html_raw(&r->out, "</div><div class=\"col-md-6\">"); }
void pf_row_end(Req *r) { html_raw(&r->out, "</div></div>"); }

/* An option list of n + 1 pairs (+ the NULL end), the first "" → zNone
** when zNone is not NULL. */
const char **pf_options_new(Req *r, int n, const char *zNone, int *pk) {
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  *pk = 0;
  if (zNone) {
    az[0] = "";
    az[1] = zNone;
    *pk = 2;
  }
  return az;
}

const char *pf_id(Req *r, int64_t id) {
  return id > 0 ? arena_printf(&r->a, "%lld", (long long)id) : "";
}

const char *pf_int(Req *r, int v) { return v >= 0 ? arena_printf(&r->a, "%d", v) : ""; }

const char *const *pf_member_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = pf_options_new(r, pv->nMember, _("— choose —"), &k);
  for (int i = 0; i < pv->nMember; i++) {
    az[k++] = pf_id(r, pv->aMember[i].id);
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

const char *const *pf_service_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = pf_options_new(r, pv->nService, _("— choose —"), &k);
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

const char *const *pf_org_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = pf_options_new(r, pv->nOrg, _("— none —"), &k);
  for (int i = 0; i < pv->nOrg; i++) {
    if (strcmp(pv->aOrg[i].zKind, "specialised_service") == 0) continue;
    az[k++] = pf_id(r, pv->aOrg[i].id);
    az[k++] = pv->aOrg[i].zName;
  }
  return az;
}

const char *const *pf_operator_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = pf_options_new(r, pv->nOperator, _("— none —"), &k);
  for (int i = 0; i < pv->nOperator; i++) {
    const User *u = &pv->aOperator[i];
    az[k++] = pf_id(r, u->id);
    az[k++] = u->zOrganisationName
                  ? arena_printf(&r->a, "%s — %s", u->zFullName, u->zOrganisationName)
                  : u->zFullName;
  }
  return az;
}

const char *const *pf_stream_options(Req *r, const ProjectView *pv) {
  int k;
  const char **az = pf_options_new(r, pv->nStream, 0, &k);
  for (int i = 0; i < pv->nStream; i++) {
    az[k++] = pv->aStream[i].zCode;
    az[k++] = pv->aStream[i].zName;
  }
  return az;
}
