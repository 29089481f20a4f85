/*
** page_project_forms.c — the forms of the second half of intake: on the
** project page the objective, intervention, commitments, agreement and
** removal forms; on the case page the forms assigning a case manager and
** recording a second interview.  Their fields are page_project_fields.c's;
** the handlers they post to, page_project_post.c's.
*/
#include <string.h>

#include "../domain/user.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "page_project.h"
#include "page_project_fields.h"

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
  pf_select(r, &f, "person_id", 0, pf_member_options(r, pv),
            pf_id(r, o ? o->iPerson : pv->c.iPerson), 1);
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
  pf_select(r, f, "organisation_id", 0, pf_org_options(r, pv), pf_id(r, iv ? iv->iOrganisation : 0),
            0);
  pf_col(r);
  pf_select(r, f, "operator_id", 0, pf_operator_options(r, pv), pf_id(r, iv ? iv->iOperator : 0),
            0);
  pf_col(r);
  pf_input(r, f, "planned_start", "date", iv ? iv->zPlannedStart : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_end", "date", iv ? iv->zPlannedEnd : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_hours", "text", iv ? pf_int(r, iv->iPlannedHours) : "", 0);
  pf_col(r);
  pf_input(r, f, "planned_sessions", "text", iv ? pf_int(r, iv->iPlannedSessions) : "", 0);
  pf_col(r);
  const char *zCost =
      iv && iv->iEstimatedCostCents >= 0 ? project_money(r, iv->iEstimatedCostCents) : "";
  pf_input(r, f, "estimated_cost", "text", zCost, 0);
  pf_col(r);
  const char *zStream = iv && iv->zStreamCode ? iv->zStreamCode : pv->c.zStreamCode;
  pf_select(r, f, "funding_stream", 0, pf_stream_options(r, pv), zStream, 0);
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
  pf_select(r, &f, "service", 0, pf_service_options(r, pv), iv ? iv->zServiceCode : "", 1);
  pf_col(r);
  pf_select(r, &f, "person_id", _("Recipient (a household member)"), pf_member_options(r, pv),
            pf_id(r, iv ? iv->iPerson : pv->c.iPerson), 1);
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
  const char **az = pf_options_new(r, nUser, _("— choose —"), &k);
  for (int i = 0; i < nOrg; i++) {
    if (strcmp(aOrg[i].zKind, "cooperative") != 0) continue;
    for (int j = 0; j < nUser; j++) {
      const User *u = &aUser[j];
      if (!u->bActive || !(u->mRoles & ROLE_CASE_MANAGER) || u->iOrganisation != aOrg[i].id)
        continue;
      az[k++] = pf_id(r, u->id);
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
  pf_select(r, &f, "case_manager_id", 0, case_manager_options(r), pf_id(r, c->iCaseManager), 1);
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
