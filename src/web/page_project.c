/*
** page_project.c — the second half of intake in the web UI, the pages:
**
**   (on the case page)                 project_case_actions(): the
**                                      cooperative and case manager, the
**                                      second interviews, the project's
**                                      summary
**   GET /cases/{id}/project            the Personalised Individual Project:
**                                      state, planning warnings, objectives,
**                                      interventions, commitments, and the
**                                      forms that change them
**   GET /cases/{id}/project/versions   every agreed version, newest first,
**                                      with its diff against the previous
**
** The forms are in page_project_forms.c and page_project_fields.c, the
** POST handlers in page_project_post.c; what the files share is
** page_project.h.  Everything is read through
** src/domain/intake.h and project.h.  Who may do what is decided once per
** request by project_case_guard(): reading needs intake_can_read() of the
** caller's relation to the participant (else 404, the same page as an
** unknown case, the refusal audited), changing needs intake_can_plan()
** (else 403) on top of the route's capability.
*/
#include "page_project.h"

#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../lib/i18n.h"
#include "../lib/money.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* clang-format off */
/* Intervention statuses and their labels (msgids). */
static const char *const project_azStatus[] = {
    "planned",     N_("planned"),
    "active",      N_("active"),
    "suspended",   N_("suspended"),
    "completed",   N_("completed"),
    "interrupted", N_("interrupted"),
    "cancelled",   N_("cancelled"),
    0,
};
/* clang-format on */

/* ------------------------------------------------------------------ */
/* Shared helpers                                                      */
/* ------------------------------------------------------------------ */

const char *project_money(Req *r, int64_t iCents) {
  char z[40];
  money_format(iCents, r->iLang == LANG_IT, z, sizeof z);
  return arena_strdup(&r->a, z);
}

static const char *status_label(Req *r, const char *zStatus) {
  for (int i = 0; zStatus && project_azStatus[i]; i += 2) {
    if (strcmp(project_azStatus[i], zStatus) == 0) return _(project_azStatus[i + 1]);
  }
  return zStatus;
}

/* A value for a cell, or a dash when there is none. */
static void cell(Req *r, const char *z) {
  if (domain_blank(z))
    html_raw(&r->out, "<span class=\"ali-muted\">—</span>");
  else
    html_txt(&r->out, z);
}

/* The page of a step the record's state does not allow (409), with the
** reason and the way back. */
static void project_conflict(Req *r, int64_t iCase, const char *zMsg) {
  buf_reset(&r->out);
  r->nHeader = 0;
  r->iStatus = 409;
  layout_begin(r, _("Not possible now"), NAV_PEOPLE);
  html_f(&r->out, "<h1>%s</h1><p class=\"lead\" id=\"conflict\">%s</p>",
         _("This change is not possible now"), _(zMsg));
  html_f(&r->out, "<p><a href=\"/cases/%D/project\">%s</a> · <a href=\"/cases/%D\">%s</a></p>",
         iCase, _("Back to the project"), iCase, _("Back to the case"));
  layout_end(r);
}

void project_fail(Req *r, int rc, int64_t iCase) {
  if (rc == DOMAIN_NOT_FOUND) {
    case_not_found(r);
  } else if (rc == DOMAIN_CONFLICT) {
    project_conflict(
        r, iCase, r->err.n ? r->err.a[0].zMsg : N_("The case is not at the right stage for this."));
  } else if (rc == DB_BUSY) {
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  } else {
    if (r->db) fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    if (rc == DB_CONSTRAINT)
      req_error(r, 409,
                N_("The change conflicts with another record; reload the page and try again."));
    else
      req_error(r, 500, N_("The project could not be read or saved."));
  }
}

int project_case_guard(Req *r, int64_t iCase, int eNeed, Case *pc, Relation *peRel) {
  *peRel = case_guard(r, iCase, pc, intake_can_read);
  if (*peRel == REL_NONE) return -1;
  if (eNeed == PV_PLAN && !intake_can_plan(*peRel)) {
    req_error(r, 403,
              N_("Only the case manager following this case, or the manager, can change "
                 "its project."));
    return -1;
  }
  return 0;
}

/* 1 if the caller may change the project of a case related by eRel. */
static int may_plan(Req *r, Relation eRel) {
  return auth_can(r, CAP_PROJECT_WRITE) && intake_can_plan(eRel);
}

/* ------------------------------------------------------------------ */
/* On the case page                                                    */
/* ------------------------------------------------------------------ */

static void render_case_manager(Req *r, const Case *c, Relation eRel) {
  html_f(&r->out,
         "<section class=\"mb-4\" id=\"case-manager\" aria-labelledby=\"h-case-manager\">"
         "<h2 class=\"h4\" id=\"h-case-manager\">%s</h2>",
         _("Case manager"));
  if (c->iCaseManager)
    html_f(&r->out, "<p id=\"case-manager-name\">%s — %s</p>", c->zOrganisation, c->zCaseManager);
  else
    html_f(&r->out, "<p class=\"ali-muted\" id=\"case-manager-name\">%s</p>",
           _("No case manager assigned yet."));
  int bStage = c->eStage == STAGE_FIRST_INTERVIEW || c->eStage == STAGE_SECOND_INTERVIEW ||
               c->eStage == STAGE_AGREED;
  if (bStage && auth_can(r, CAP_CASE_ASSIGN) && intake_can_plan(eRel) && !c->zClosedAt) {
    project_assign_form(r, c);
  }
  html_raw(&r->out, "</section>");
}

static void render_interview_list(Req *r, const SecondInterview *a, int n) {
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No second interview yet."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"interview-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "</tr></thead><tbody>",
         _("Date"), _("Case manager"), _("Notes"));
  for (int i = 0; i < n; i++) {
    html_f(&r->out, "<tr id=\"interview-%D\"><td class=\"text-nowrap\">%s</td><td>", a[i].id,
           ui_date(r, a[i].zHeldOn));
    cell(r, a[i].zCaseManager);
    html_raw(&r->out, "</td><td class=\"ali-note\">");
    cell(r, a[i].zNotes);
    html_raw(&r->out, "</td></tr>");
  }
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_interviews(Req *r, const Case *c, Relation eRel) {
  SecondInterview *a = 0;
  int n = 0;
  html_f(&r->out,
         "<section class=\"mb-4\" id=\"second-interviews\" aria-labelledby=\"h-second\">"
         "<h2 class=\"h4\" id=\"h-second\">%s</h2>",
         _("Second interviews"));
  if (intake_second_interviews(r->db, &r->a, r->iAgency, c->id, &a, &n)) {
    html_f(&r->out, "<p class=\"text-danger\">%s</p></section>",
           _("The second interviews could not be read now; try again in a moment."));
    return;
  }
  render_interview_list(r, a, n);
  int bStage = c->eStage == STAGE_FIRST_INTERVIEW || c->eStage == STAGE_SECOND_INTERVIEW ||
               c->eStage == STAGE_AGREED;
  if (bStage && may_plan(r, eRel) && !c->zClosedAt) {
    if (c->iCaseManager)
      project_interview_form(r, c);
    else
      html_f(&r->out, "<p class=\"ali-muted\">%s</p>",
             _("A second interview can be recorded once a case manager is assigned."));
  }
  html_raw(&r->out, "</section>");
}

/* "Draft" or "Agreed, version 2, agreed on 12/03/2025". */
static void render_state(Req *r, const Project *p) {
  if (strcmp(p->zState, "agreed") == 0) {
    html_f(&r->out,
           "<span class=\"badge bg-success\" id=\"project-state\">%s</span> "
           "<span id=\"project-version\">%s %d</span> · %s %s",
           _("Agreed"), _("version"), p->iVersion, _("agreed on"), ui_date(r, p->zAgreedOn));
  } else {
    html_f(&r->out, "<span class=\"badge bg-secondary\" id=\"project-state\">%s</span>",
           _("Draft"));
  }
}

static void render_project_summary(Req *r, const Case *c, Relation eRel) {
  html_f(&r->out,
         "<section class=\"mb-4\" id=\"project-summary\" aria-labelledby=\"h-project\">"
         "<h2 class=\"h4\" id=\"h-project\">%s</h2>",
         _("Personalised Individual Project"));
  int64_t iProject = project_of_case(r->db, r->iAgency, c->id);
  Project p;
  if (iProject && project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &p) == 0) {
    html_raw(&r->out, "<p>");
    render_state(r, &p);
    html_f(&r->out, "</p><p>%s: %d · %s: %d</p>", _("Objectives"), p.nObjective, _("Interventions"),
           p.nIntervention);
    html_f(&r->out,
           "<p><a class=\"btn btn-outline-primary\" id=\"project-link\" "
           "href=\"/cases/%D/project\">%s</a></p>",
           c->id, _("Open the project"));
  } else if (c->eStage == STAGE_SECOND_INTERVIEW && may_plan(r, eRel) && !c->zClosedAt) {
    form_begin(r, arena_printf(&r->a, "/cases/%lld/project", (long long)c->id),
               " id=\"project-create-form\"");
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
           _("Start the project"));
  } else {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>",
           _("The project is written with the case manager after a second interview."));
  }
  html_raw(&r->out, "</section>");
}

void project_case_actions(Req *r, const struct Case *c, Relation eRel) {
  if (!intake_can_read(eRel)) return;
  if (c->eStage == STAGE_SHORTLISTED || c->eStage == STAGE_NOT_SUITABLE) return;
  html_raw(&r->out, "<div id=\"project-actions\">");
  render_case_manager(r, c, eRel);
  render_interviews(r, c, eRel);
  render_project_summary(r, c, eRel);
  html_raw(&r->out, "</div>");
}

/* ------------------------------------------------------------------ */
/* Loading the project page                                            */
/* ------------------------------------------------------------------ */

/* Keeps the active users holding the operator role. */
static void keep_operators(User *a, int *pn) {
  int k = 0;
  for (int i = 0; i < *pn; i++) {
    if (a[i].bActive && (a[i].mRoles & ROLE_OPERATOR)) a[k++] = a[i];
  }
  *pn = k;
}

static int load_catalogues(Req *r, ProjectView *pv) {
  int rc =
      household_members(r->db, &r->a, r->iAgency, pv->c.iHousehold, &pv->aMember, &pv->nMember);
  if (!rc && pv->c.iRound) rc = round_get(r->db, &r->a, r->iAgency, pv->c.iRound, &pv->round);
  if (!rc) rc = service_list(r->db, &r->a, r->iAgency, &pv->aService, &pv->nService);
  if (!rc) rc = organisation_list(r->db, &r->a, r->iAgency, &pv->aOrg, &pv->nOrg);
  if (!rc) rc = user_list(r->db, &r->a, r->iAgency, &pv->aOperator, &pv->nOperator);
  if (!rc) keep_operators(pv->aOperator, &pv->nOperator);
  if (!rc) rc = stream_list(r->db, &r->a, r->iAgency, &pv->aStream, &pv->nStream);
  return rc;
}

int project_view_load(Req *r, const Case *pc, Relation eRel, ProjectView *pv) {
  memset(pv, 0, sizeof *pv);
  pv->c = *pc;
  pv->eRel = eRel;
  pv->bPlan = may_plan(r, eRel) && !pc->zClosedAt;
  pv->iProject = project_of_case(r->db, r->iAgency, pc->id);
  int rc = 0;
  if (pv->iProject) {
    rc = project_get(r->db, &r->a, r->iAgency, pv->iProject, r->iLang, &pv->p);
    if (!rc) {
      rc = project_warnings(r->db, &r->a, r->iAgency, pv->iProject, r->iLang, &pv->aWarn,
                            &pv->nWarn);
    }
  }
  if (!rc && pv->bPlan) rc = load_catalogues(r, pv);
  if (rc) {
    project_fail(r, rc, pc->id);
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* The project page                                                    */
/* ------------------------------------------------------------------ */

static void render_head(Req *r, const ProjectView *pv) {
  const Case *c = &pv->c;
  html_f(&r->out,
         "<nav aria-label=\"%s\" class=\"mb-2\"><a href=\"/cases/%D\">%s</a></nav>"
         "<h1 class=\"h2\">%s</h1>",
         _("Breadcrumb"), c->id, _("Back to the case"), _("Personalised Individual Project"));
  html_f(&r->out, "<p class=\"lead\" id=\"participant\">%s", case_person_name(r, c));
  if (c->zRoundCode) html_f(&r->out, " · %s %s", _("round"), c->zRoundCode);
  if (c->zStreamCode) html_f(&r->out, " · %s %s", _("funding stream"), c->zStreamCode);
  if (c->zCaseManager) html_f(&r->out, " · %s %s", _("case manager"), c->zCaseManager);
  html_raw(&r->out, "</p>");
}

static void render_status(Req *r, const ProjectView *pv) {
  const Project *p = &pv->p;
  html_raw(&r->out, "<p>");
  render_state(r, p);
  if (p->iVersion > 0)
    html_f(&r->out, " · <a href=\"/cases/%D/project/versions\" id=\"versions-link\">%s</a>",
           pv->c.id, _("Versions and changes"));
  html_f(&r->out,
         " · <a id=\"project-print\" href=\"/cases/%D/project/print\">%s</a>"
         " · <a id=\"project-pdf\" href=\"/cases/%D/project.pdf\">%s</a>",
         pv->c.id, _("Print the project"), pv->c.id, _("Project as PDF"));
  html_raw(&r->out, "</p>");
  if (pv->bPlan && strcmp(p->zState, "agreed") == 0) {
    html_f(&r->out, "<div class=\"alert alert-info\" role=\"status\" id=\"version-note\">%s</div>",
           _("The participant has agreed this project: each change makes a new version, and "
             "needs a reason for the change."));
  }
}

static void render_warnings(Req *r, const ProjectView *pv) {
  if (!pv->nWarn) return;
  html_f(&r->out,
         "<div class=\"alert alert-warning\" role=\"alert\" id=\"warnings\">"
         "<p class=\"mb-2\"><strong>%s</strong></p><ul class=\"mb-0\">",
         _("Check the plan:"));
  for (int i = 0; i < pv->nWarn; i++) {
    const PlanWarning *w = &pv->aWarn[i];
    html_f(&r->out, "<li class=\"warning-%s\">", w->zCode);
    if (w->iIntervention)
      html_f(&r->out, "<a href=\"#intervention-%D\">%s</a>", w->iIntervention, w->zMessage);
    else
      html_txt(&r->out, w->zMessage);
    html_raw(&r->out, "</li>");
  }
  html_raw(&r->out, "</ul></div>");
}

/* The edit form in a <details>, and the remove form, of one item. */
static void render_item_controls(Req *r, const ProjectView *pv, const char *zWhat, int64_t id,
                                 const Objective *o, const Intervention *iv) {
  const char *zAction =
      arena_printf(&r->a, "/cases/%lld/project/%s/%lld", (long long)pv->c.id, zWhat, (long long)id);
  int bOpen = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
  html_f(&r->out,
         "<details class=\"mb-2\"%s><summary class=\"btn btn-sm btn-outline-primary\">%s"
         "</summary><div class=\"mt-2\">",
         bOpen ? " open" : "", _("Edit"));
  if (o) project_objective_form(r, pv, o);
  if (iv) project_intervention_form(r, pv, iv);
  html_raw(&r->out, "</div></details>");
  project_delete_form(r, pv, zWhat, id);
}

static void render_objective(Req *r, const ProjectView *pv, const Objective *o) {
  html_f(&r->out, "<tr id=\"objective-%D\"><td class=\"ali-note\">%s</td><td>", o->id, o->zText);
  cell(r, o->zPersonName);
  html_raw(&r->out, "</td><td class=\"ali-note\">");
  cell(r, o->zIndicator);
  html_raw(&r->out, "</td><td class=\"text-nowrap\">");
  cell(r, ui_date(r, o->zTargetOn));
  html_raw(&r->out, "</td>");
  if (pv->bPlan) {
    html_raw(&r->out, "<td>");
    render_item_controls(r, pv, "objectives", o->id, o, 0);
    html_raw(&r->out, "</td>");
  }
  html_raw(&r->out, "</tr>");
}

static void render_objectives(Req *r, const ProjectView *pv) {
  const Project *p = &pv->p;
  html_f(&r->out,
         "<section class=\"mb-5\" id=\"objectives\" aria-labelledby=\"h-objectives\">"
         "<h2 class=\"h3\" id=\"h-objectives\">%s</h2>",
         _("Objectives"));
  if (!p->nObjective) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No objective yet."));
  } else {
    html_f(&r->out,
           "<div class=\"table-responsive\"><table class=\"table ali-table\" "
           "id=\"objective-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
           _("Objective"), _("Household member"), _("Indicator of achievement"), _("Target date"));
    if (pv->bPlan) html_f(&r->out, "<th scope=\"col\">%s</th>", _("Changes"));
    html_raw(&r->out, "</tr></thead><tbody>");
    for (int i = 0; i < p->nObjective; i++) render_objective(r, pv, &p->aObjective[i]);
    html_raw(&r->out, "</tbody></table></div>");
  }
  if (pv->bPlan) project_objective_form(r, pv, 0);
  html_raw(&r->out, "</section>");
}

/* "01/02/2025 – 30/06/2025", with dashes for unknown ends. */
static const char *date_span(Req *r, const Intervention *iv) {
  const char *zA = iv->zPlannedStart ? ui_date(r, iv->zPlannedStart) : "…";
  const char *zB = iv->zPlannedEnd ? ui_date(r, iv->zPlannedEnd) : "…";
  return arena_printf(&r->a, "%s – %s", zA, zB);
}

/* "40 h · 10 sessions", or NULL when neither is known. */
static const char *amount_of_work(Req *r, const Intervention *iv) {
  const char *zH =
      iv->iPlannedHours >= 0
          ? arena_printf(&r->a, _n("%d hour", "%d hours", iv->iPlannedHours), iv->iPlannedHours)
          : 0;
  const char *zS = iv->iPlannedSessions >= 0
                       ? arena_printf(&r->a, _n("%d session", "%d sessions", iv->iPlannedSessions),
                                      iv->iPlannedSessions)
                       : 0;
  if (zH && zS) return arena_printf(&r->a, "%s · %s", zH, zS);
  return zH ? zH : zS;
}

static void render_intervention(Req *r, const ProjectView *pv, const Intervention *iv) {
  html_f(&r->out, "<tr id=\"intervention-%D\"><td><a href=\"/interventions/%D\">%s</a></td><td>",
         iv->id, iv->id, iv->zServiceName);
  cell(r, iv->zPersonName);
  html_raw(&r->out, "</td><td>");
  cell(r, iv->zOrganisation);
  html_raw(&r->out, "</td><td>");
  cell(r, iv->zOperator);
  html_f(&r->out, "</td><td class=\"text-nowrap\">%s</td><td class=\"text-nowrap\">",
         date_span(r, iv));
  cell(r, amount_of_work(r, iv));
  html_raw(&r->out, "</td><td class=\"text-end text-nowrap\">");
  cell(r, iv->iEstimatedCostCents >= 0 ? project_money(r, iv->iEstimatedCostCents) : 0);
  html_raw(&r->out, "</td><td>");
  cell(r, iv->zStreamCode);
  html_f(&r->out, "</td><td>%s", status_label(r, iv->zStatus));
  course_intervention_link(r, iv); /* training: its course edition (page_course.c) */
  html_raw(&r->out, "</td>");
  if (pv->bPlan) {
    html_raw(&r->out, "<td>");
    render_item_controls(r, pv, "interventions", iv->id, 0, iv);
    html_raw(&r->out, "</td>");
  }
  html_raw(&r->out, "</tr>");
}

static void render_interventions(Req *r, const ProjectView *pv) {
  const Project *p = &pv->p;
  html_f(&r->out,
         "<section class=\"mb-5\" id=\"interventions\" aria-labelledby=\"h-interventions\">"
         "<h2 class=\"h3\" id=\"h-interventions\">%s</h2>",
         _("Interventions"));
  if (!p->nIntervention) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No intervention yet."));
  } else {
    html_f(&r->out,
           "<div class=\"table-responsive\"><table class=\"table ali-table\" "
           "id=\"intervention-table\"><thead><tr><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
           _("Service"), _("Recipient"), _("Provider"), _("Operator"));
    html_f(&r->out,
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
           "class=\"text-end\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
           _("Planned start – end"), _("Hours / sessions"), _("Estimated cost"),
           _("Funding stream"), _("Status"));
    if (pv->bPlan) html_f(&r->out, "<th scope=\"col\">%s</th>", _("Changes"));
    html_raw(&r->out, "</tr></thead><tbody>");
    for (int i = 0; i < p->nIntervention; i++) render_intervention(r, pv, &p->aIntervention[i]);
    html_raw(&r->out, "</tbody></table></div>");
  }
  if (pv->bPlan) project_intervention_form(r, pv, 0);
  html_raw(&r->out, "</section>");
}

static void render_commitments(Req *r, const ProjectView *pv) {
  html_f(&r->out,
         "<section class=\"mb-5\" id=\"commitments\" aria-labelledby=\"h-commitments\">"
         "<h2 class=\"h3\" id=\"h-commitments\">%s</h2>",
         _("The participant's commitments"));
  if (domain_blank(pv->p.zCommitments))
    html_f(&r->out, "<p class=\"ali-muted\" id=\"commitments-text\">%s</p>",
           _("No commitment written yet."));
  else
    html_f(&r->out, "<p class=\"ali-note\" id=\"commitments-text\">%s</p>", pv->p.zCommitments);
  if (pv->bPlan) project_commitments_form(r, pv);
  html_raw(&r->out, "</section>");
}

/* The page of a case without a project yet. */
static void render_no_project(Req *r, const ProjectView *pv) {
  const Case *c = &pv->c;
  html_f(&r->out, "<p id=\"no-project\">%s</p>", _("This case has no project yet."));
  if (c->eStage == STAGE_SECOND_INTERVIEW && pv->bPlan) {
    form_begin(r, arena_printf(&r->a, "/cases/%lld/project", (long long)c->id),
               " id=\"project-create-form\"");
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
           _("Start the project"));
  } else if (c->eStage == STAGE_FIRST_INTERVIEW || c->eStage == STAGE_SHORTLISTED) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>",
           _("The project is written with the case manager after a second interview."));
  }
}

void project_view_page(Req *r, const ProjectView *pv) {
  layout_begin(r, _("Personalised Individual Project"), NAV_PEOPLE);
  render_head(r, pv);
  if (!pv->iProject) {
    render_no_project(r, pv);
    layout_end(r);
    return;
  }
  render_status(r, pv);
  render_warnings(r, pv);
  render_objectives(r, pv);
  render_interventions(r, pv);
  render_commitments(r, pv);
  if (pv->bPlan && strcmp(pv->p.zState, "draft") == 0) project_agree_form(r, pv);
  layout_end(r);
}

void project_page(Req *r) {
  Case c;
  Relation eRel;
  ProjectView pv;
  if (project_case_guard(r, r->aId[0], PV_READ, &c, &eRel)) return;
  if (project_view_load(r, &c, eRel, &pv)) return;
  project_view_page(r, &pv);
}

/* ------------------------------------------------------------------ */
/* GET /cases/{id}/project/versions                                    */
/* ------------------------------------------------------------------ */

static void render_diff_line(Req *r, const DiffLine *d) {
  const char *zClass = !d->zBefore  ? "table-success diff-line"
                       : !d->zAfter ? "table-danger diff-line"
                                    : "diff-line";
  html_f(&r->out, "<tr class=\"%s\"><td>%s", zClass, d->zWhat);
  if (!d->zBefore)
    html_f(&r->out, " <span class=\"badge bg-success diff-added\">%s</span>", _("added"));
  else if (!d->zAfter)
    html_f(&r->out, " <span class=\"badge bg-danger diff-removed\">%s</span>", _("removed"));
  html_raw(&r->out, "</td><td class=\"ali-note\">");
  cell(r, d->zBefore);
  html_raw(&r->out, "</td><td class=\"ali-note\">");
  cell(r, d->zAfter);
  html_raw(&r->out, "</td></tr>");
}

static void render_diff(Req *r, const char *zOld, const char *zNew) {
  DiffLine *a = 0;
  int n = 0;
  if (project_diff(&r->a, zOld, zNew, r->iLang, &a, &n)) {
    html_f(&r->out, "<p class=\"text-danger\">%s</p>", _("This version cannot be compared."));
    return;
  }
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("Nothing changed in the plan."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table diff-table\"><thead><tr>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "</tr></thead><tbody>",
         _("What"), _("Before"), _("After"));
  for (int i = 0; i < n; i++) render_diff_line(r, &a[i]);
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_version(Req *r, const ProjectVersion *a, int i) {
  const ProjectVersion *v = &a[i];
  const char *zDay = v->zCreatedAt ? arena_strndup(&r->a, v->zCreatedAt, 10) : 0;
  html_f(&r->out,
         "<section class=\"mb-5\" id=\"version-%d\" aria-labelledby=\"h-version-%d\">"
         "<h2 class=\"h4\" id=\"h-version-%d\">%s %d</h2><p>%s · %s</p>",
         v->iVersion, v->iVersion, v->iVersion, _("Version"), v->iVersion, ui_date(r, zDay),
         v->zCreatedBy ? v->zCreatedBy : "");
  if (v->zReason)
    html_f(&r->out, "<p><strong>%s</strong> <span class=\"version-reason\">%s</span></p>",
           _("Reason for the change:"), v->zReason);
  else
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("The participant agreed the project."));
  render_diff(r, i > 0 ? a[i - 1].zSnapshot : 0, v->zSnapshot);
  html_raw(&r->out, "</section>");
}

void project_versions_page(Req *r) {
  Case c;
  Relation eRel;
  if (project_case_guard(r, r->aId[0], PV_READ, &c, &eRel)) return;
  int64_t iProject = project_of_case(r->db, r->iAgency, c.id);
  ProjectVersion *a = 0;
  int n = 0, rc = iProject ? project_versions(r->db, &r->a, r->iAgency, iProject, &a, &n) : 0;
  if (rc) {
    project_fail(r, rc, c.id);
    return;
  }
  layout_begin(r, _("Versions of the project"), NAV_PEOPLE);
  html_f(&r->out,
         "<nav class=\"mb-2\"><a href=\"/cases/%D/project\">%s</a></nav>"
         "<h1 class=\"h2\">%s</h1><p class=\"lead\">%s</p>",
         c.id, _("Back to the project"), _("Versions of the project"), case_person_name(r, &c));
  if (!n)
    html_f(&r->out, "<p class=\"ali-muted\" id=\"no-versions\">%s</p>",
           _("The project has not been agreed yet: versions start when the participant agrees "
             "it."));
  for (int i = n - 1; i >= 0; i--) render_version(r, a, i);
  layout_end(r);
}
