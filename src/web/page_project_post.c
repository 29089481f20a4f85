/*
** page_project_post.c — the POST handlers of the second half of intake
** (their forms are page_project_forms.c's):
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
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../lib/money.h"
#include "html.h"
#include "layout.h"
#include "page_project.h"
#include "pages.h"

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

/* The delete functions of project.h: an objective's, an intervention's. */
typedef int (*ItemDelete)(Db *db, int64_t iAgency, int64_t iProject, int64_t iItem,
                          const char *zReason, int64_t iBy, Errors *pErr);

/* Removes item r->aId[1] of the project, zEntity ("objective",
** "intervention") removed by xDelete; back to the list at zAnchor. */
static void item_delete(Req *r, const char *zEntity, ItemDelete xDelete, const char *zAnchor) {
  Case c;
  Relation eRel;
  int64_t iProject, iItem = r->aId[1];
  if (project_write_guard(r, &c, &eRel, &iProject, 1)) return;
  const char *zReason = form_reason(r);
  int rc = r->err.n ? DOMAIN_INVALID
                    : xDelete(r->db, r->iAgency, iProject, iItem, zReason, r->user.id, &r->err);
  if (rc == 0) {
    Detail d;
    detail_begin(&d, &c, iProject);
    req_audit(r, "delete", zEntity, iItem, c.iPerson, detail_end(r, &d, zReason));
  }
  project_answer(r, rc, &c, eRel, zAnchor);
}

void project_objective_delete_page(Req *r) {
  item_delete(r, "objective", project_objective_delete, "#objectives");
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
  item_delete(r, "intervention", project_intervention_delete, "#interventions");
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
