/*
** page_handover.c — the caseload handover when a worker leaves, and the
** cases left without an active worker (handover.h), for the manager
** (CAP_CASELOAD_ADMIN):
**
**   GET  /handover                 choose the leaving user and the role;
**        ?from=ID&role=R           then the colleagues (checkboxes
**                                  "to_<id>") and a note for every case;
**        ...&to_<id>=1&preview=1   then the spread, case by case, with a
**                                  note per case ("note.<case id>") and the
**                                  button that confirms
**   POST /handover                 apply it (from, role, to_<id>, note,
**                                  note.<case id>): one transaction, one
**                                  audit entry per case ("handover"), 303
**                                  back to /handover?done=N
**   GET  /caseload/orphans         the active cases without an active
**                                  social worker or case manager
**
** The preview is a GET so that it changes nothing; the POST plans again
** and refuses (409) a case that changed hands meanwhile.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/handover.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* clang-format off */
static const char *const ho_azRole[] = {
    "social_worker",   N_("Social worker"),
    "case_manager",    N_("Case manager"),
    "psychotherapist", N_("Psychotherapist"),
    0,
};
/* clang-format on */

/* A parameter of the query (GET) or of the form (POST). */
static const char *ho_param(Req *r, const char *zName) {
  return strcmp(r->zMethod, "POST") == 0 ? req_form(r, zName) : req_query(r, zName);
}

static const char *ho_id_text(Req *r, int64_t id) {
  return id ? arena_printf(&r->a, "%" PRId64, id) : "";
}

/* The role asked for (default social worker). */
static CaseRole ho_role(Req *r) {
  int e = case_role_from_code(ho_param(r, "role"));
  return e < 0 ? CASE_ROLE_SOCIAL_WORKER : (CaseRole)e;
}

/* The colleagues that could take the role: active accounts holding it
** (case managers: of the leaving user's cooperative), not the leaver. */
static int ho_candidates(Req *r, const User *pFrom, CaseRole eRole, User **pa) {
  User *aAll;
  int nAll = 0, n = 0;
  if (user_list(r->db, &r->a, r->iAgency, &aAll, &nAll)) nAll = 0;
  User *a = arena_alloc(&r->a, sizeof *a * (size_t)(nAll + 1));
  for (int i = 0; i < nAll; i++) {
    const User *u = &aAll[i];
    if (!u->bActive || u->id == pFrom->id || !(u->mRoles & case_role_bit(eRole))) continue;
    if (eRole == CASE_ROLE_CASE_MANAGER && u->iOrganisation != pFrom->iOrganisation) continue;
    a[n++] = *u;
  }
  *pa = a;
  return n;
}

/* The colleagues ticked ("to_<id>" = 1) among the candidates. */
static int ho_ticked(Req *r, const User *aCand, int nCand, int64_t *aiTo) {
  int n = 0;
  for (int i = 0; i < nCand && n < HANDOVER_TO_MAX; i++) {
    const char *z = ho_param(r, arena_printf(&r->a, "to_%" PRId64, aCand[i].id));
    if (z && strcmp(z, "1") == 0) aiTo[n++] = aCand[i].id;
  }
  return n;
}

/* Step 1: the leaving user and the role. */
static void ho_step_from(Req *r, int64_t iFrom, CaseRole eRole) {
  html_raw(&r->out, "<form method=\"get\" action=\"/handover\" id=\"ho-from\">");
  form_select(r, "from", _("Who is leaving"),
              form_user_options(r, ROLE_SOCIAL_WORKER | ROLE_CASE_MANAGER | ROLE_PSYCHOTHERAPIST, 0,
                                1, _("Choose a person")),
              ho_id_text(r, iFrom));
  const char **azRole = arena_alloc(&r->a, sizeof ho_azRole);
  for (int i = 0; ho_azRole[i]; i += 2)
    azRole[i] = ho_azRole[i], azRole[i + 1] = _(ho_azRole[i + 1]);
  form_select(r, "role", _("Role handed over"), azRole, case_role_code(eRole));
  html_f(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
         _("Next"));
}

/* Step 2: the colleagues and the note for all. */
static void ho_step_to(Req *r, const User *pFrom, CaseRole eRole, const User *aCand, int nCand) {
  int nCases = handover_caseload(r->db, r->iAgency, pFrom->id, eRole);
  html_f(&r->out, "<p id=\"ho-count\">%s</p>",
         arena_printf(&r->a, _n("%s holds %d active case as %s.", "%s holds %d active cases as %s.", nCases),
                      pFrom->zFullName, nCases,
                      _(case_role_label(eRole))));
  if (!nCand) {
    html_f(&r->out, "<p class=\"text-danger\">%s</p>", _("No active colleague holds this role."));
    return;
  }
  html_raw(&r->out, "<form method=\"get\" action=\"/handover\" id=\"ho-to\">");
  html_f(&r->out,
         "<input type=\"hidden\" name=\"from\" value=\"%D\">"
         "<input type=\"hidden\" name=\"role\" value=\"%s\">"
         "<input type=\"hidden\" name=\"preview\" value=\"1\">",
         pFrom->id, case_role_code(eRole));
  html_f(&r->out, "<fieldset><legend>%s</legend>", _("Colleagues who take the cases"));
  for (int i = 0; i < nCand; i++) {
    const char *zName = arena_printf(&r->a, "to_%" PRId64, aCand[i].id);
    const char *z = ho_param(r, zName);
    int nHeld = handover_caseload(r->db, r->iAgency, aCand[i].id, eRole);
    form_checkbox(r, zName,
                  arena_printf(&r->a, _n("%s (%d active case)", "%s (%d active cases)", nHeld),
                               aCand[i].zFullName, nHeld),
                  z && strcmp(z, "1") == 0);
  }
  html_raw(&r->out, "</fieldset>");
  form_input(r, "note", _("Handover note for every case"), "text", ho_param(r, "note"), 0);
  html_f(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
         _("Preview the spread"));
}

/* Step 3: the spread, a note per case, and the confirmation. */
static void ho_step_preview(Req *r, const HandoverPlan *p, const int64_t *aiTo) {
  form_begin(r, "/handover", "id=\"ho-confirm\"");
  html_f(&r->out,
         "<input type=\"hidden\" name=\"from\" value=\"%D\">"
         "<input type=\"hidden\" name=\"role\" value=\"%s\">"
         "<input type=\"hidden\" name=\"note\" value=\"%s\">",
         p->from.id, case_role_code(p->eRole), p->zNote);
  for (int k = 0; k < p->nTo; k++) {
    html_f(&r->out, "<input type=\"hidden\" name=\"to_%D\" value=\"1\">", aiTo[k]);
  }
  html_f(&r->out,
         "<table class=\"table\" id=\"ho-spread\"><thead><tr><th>%s</th><th>%s</th>"
         "<th>%s</th></tr></thead><tbody>",
         _("Participant"), _("Goes to"), _("Handover note for this case (blank: the one above)"));
  for (int i = 0; i < p->nItem; i++) {
    const HandoverItem *pI = &p->aItem[i];
    const char *zField = arena_printf(&r->a, "note.%" PRId64, pI->iCase);
    html_f(&r->out,
           "<tr><td><a href=\"/cases/%D\">%s %s</a> <small>%s</small></td><td>%s</td>"
           "<td><input class=\"form-control\" type=\"text\" name=\"%s\" value=\"%s\""
           " aria-label=\"%s\"></td></tr>",
           pI->iCase, pI->zLastName, pI->zFirstName, pI->zPersonRef, p->aTo[pI->iTo].zFullName,
           zField, req_form(r, zField), _("Handover note"));
  }
  html_raw(&r->out, "</tbody></table>");
  html_f(&r->out, "<button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
         arena_printf(&r->a, _n("Hand over %d case", "Hand over %d cases", p->nItem), p->nItem));
}

/* The whole page; a plan is made when colleagues are ticked. */
static void ho_render(Req *r, int iStatus) {
  const char *zFrom = ho_param(r, "from");
  int64_t iFrom = zFrom ? strtoll(zFrom, NULL, 10) : 0;
  if (iFrom < 0) iFrom = 0;
  CaseRole eRole = ho_role(r);
  r->iStatus = iStatus;
  layout_begin(r, _("Caseload handover"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1>", _("Caseload handover"));
  const char *zDone = req_query(r, "done");
  if (zDone) {
    int nDone = atoi(zDone);
    html_f(&r->out, "<div class=\"alert alert-success\" id=\"ho-done\">%s</div>",
           arena_printf(&r->a, _n("%d case handed over.", "%d cases handed over.", nDone), nDone));
  }
  form_error_summary_fields(r, (const char *const[]){"to", _("Colleagues"), "note", _("Note"), 0});
  ho_step_from(r, iFrom, eRole);
  User from;
  if (iFrom && !user_get(r->db, &r->a, r->iAgency, iFrom, &from)) {
    User *aCand;
    int nCand = ho_candidates(r, &from, eRole, &aCand);
    ho_step_to(r, &from, eRole, aCand, nCand);
    int64_t aiTo[HANDOVER_TO_MAX];
    int nTo = ho_ticked(r, aCand, nCand, aiTo);
    HandoverPlan plan;
    Errors e = {.n = 0};
    if (nTo && !handover_plan(r->db, &r->a, r->iAgency, iFrom, eRole, aiTo, nTo,
                              ho_param(r, "note"), &plan, &e)) {
      ho_step_preview(r, &plan, aiTo);
    }
  }
  layout_end(r);
}

void handover_page(Req *r) { ho_render(r, 200); }

void handover_submit_page(Req *r) {
  int64_t iFrom = strtoll(req_form(r, "from") ? req_form(r, "from") : "0", NULL, 10);
  CaseRole eRole = ho_role(r);
  User from;
  if (iFrom <= 0 || user_get(r->db, &r->a, r->iAgency, iFrom, &from)) {
    errors_add(&r->err, "from", N_("choose a person"));
    ho_render(r, 422);
    return;
  }
  User *aCand;
  int nCand = ho_candidates(r, &from, eRole, &aCand);
  int64_t aiTo[HANDOVER_TO_MAX];
  int nTo = ho_ticked(r, aCand, nCand, aiTo);
  HandoverPlan plan;
  int rc = handover_plan(r->db, &r->a, r->iAgency, iFrom, eRole, aiTo, nTo, req_form(r, "note"),
                         &plan, &r->err);
  for (int i = 0; !rc && i < plan.nItem; i++) {
    const char *z = req_form(r, arena_printf(&r->a, "note.%" PRId64, plan.aItem[i].iCase));
    if (!domain_blank(z)) plan.aItem[i].zNote = z;
  }
  if (!rc) rc = handover_apply(r->db, &r->a, r->iAgency, &plan, r->user.id, &r->err);
  if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
    ho_render(r, rc == DOMAIN_INVALID ? 422 : 409);
    return;
  }
  if (rc) {
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The handover could not be made; try again."));
    return;
  }
  for (int i = 0; i < plan.nItem; i++) {
    req_audit(r, "handover", "case", plan.aItem[i].iCase, plan.aItem[i].iPerson,
              handover_audit_detail(&r->a, &plan, i));
  }
  req_redirect(r, arena_printf(&r->a, "/handover?done=%d", plan.nItem));
}

/* ------------------------------------------------------------------ */
/* GET /caseload/orphans                                               */
/* ------------------------------------------------------------------ */

void caseload_orphans_page(Req *r) {
  Orphan *aO;
  int n;
  if (handover_orphans(r->db, &r->a, r->iAgency, &aO, &n)) {
    req_error(r, 500, N_("The page cannot be shown now; try again."));
    return;
  }
  layout_begin(r, _("Cases without an active worker"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1>", _("Cases without an active worker"));
  if (!n) {
    html_f(&r->out, "<p id=\"orphans-none\">%s</p>", _("Every active case has its workers."));
    layout_end(r);
    return;
  }
  html_f(&r->out,
         "<table class=\"table\" id=\"orphans\"><thead><tr><th>%s</th><th>%s</th>"
         "<th>%s</th><th>%s</th></tr></thead><tbody>",
         _("Participant"), _("Round"), _("Missing"), _("Inactive account"));
  for (int i = 0; i < n; i++) {
    const Orphan *p = &aO[i];
    const char *zMissing = p->bNoSocialWorker && p->bNoCaseManager
                               ? _("social worker and case manager")
                           : p->bNoSocialWorker ? _("social worker")
                                                : _("case manager");
    const char *zHolder = p->bNoSocialWorker ? p->zSocialWorker : p->zCaseManager;
    html_f(&r->out,
           "<tr><td><a href=\"/cases/%D\">%s %s</a> <small>%s</small></td><td>%s</td>"
           "<td>%s</td><td>%s</td></tr>",
           p->iCase, p->zLastName, p->zFirstName, p->zPersonRef, p->zRoundCode, zMissing,
           zHolder ? zHolder : "—");
  }
  html_f(&r->out, "</tbody></table><p><a href=\"/handover\">%s</a></p>", _("Hand cases over"));
  layout_end(r);
}
