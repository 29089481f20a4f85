/*
** routes.c — the route table: every URL ali answers, in one place.
** Method, path pattern, handler, kind (how errors are answered), the
** largest body accepted and the capability required (policy.h: who holds
** it is in the policy table of src/domain/policy.c).  The dispatcher
** (router.c) enforces all of it before a handler runs; handlers check
** only the record ("is this case mine?", src/domain/access.c).  A newcomer looking for a page starts here.
*/
#include "../api/api.h"
#include "../web/pages.h"
#include "req.h"

void assets_get(Req *r);
void system_healthz(Req *r);
void system_root(Req *r);
void system_lang(Req *r);

#define KB 1024

const Route aRoute[] = {
    /* system */
    {"GET", "/", system_root, ROUTE_HTML, 0, CAP_LOGGED_IN},
    {"GET", "/healthz", system_healthz, ROUTE_JSON, 0, CAP_PUBLIC},
    {"GET", "/lang", system_lang, ROUTE_HTML, 0, CAP_PUBLIC},
    {"GET", "/assets/*", assets_get, ROUTE_HTML, 0, CAP_PUBLIC},
    {"GET", "/login", login_page, ROUTE_HTML, 0, CAP_PUBLIC},
    {"POST", "/login", login_submit_page, ROUTE_HTML, 8 * KB, CAP_PUBLIC},
    {"POST", "/logout", logout_page, ROUTE_HTML, 8 * KB, CAP_LOGGED_IN},

    /* web UI: src/web/page_*.c */
    {"GET", "/people", person_list_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/people/new", person_new_page, ROUTE_HTML, 0, CAP_PERSON_WRITE},
    {"POST", "/people", person_create_page, ROUTE_HTML, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/people/{id}", person_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/people/{id}/edit", person_edit_page, ROUTE_HTML, 0, CAP_PERSON_WRITE},
    {"POST", "/people/{id}", person_update_page, ROUTE_HTML, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/programme", programme_page, ROUTE_HTML, 0, CAP_PROGRAMME_READ},
    {"POST", "/programme/rounds", programme_round_add_page, ROUTE_HTML, 64 * KB, CAP_PROGRAMME_WRITE},
    {"POST", "/programme/streams", programme_stream_add_page, ROUTE_HTML, 64 * KB, CAP_PROGRAMME_WRITE},
    {"POST", "/people/{id}/sensitive", sensitive_update_page, ROUTE_HTML, 64 * KB, CAP_SENSITIVE_WRITE},
    {"GET", "/people/{id}/emergency", emergency_page, ROUTE_HTML, 0, CAP_BREAK_GLASS},
    {"POST", "/people/{id}/emergency", emergency_grant_page, ROUTE_HTML, 8 * KB, CAP_BREAK_GLASS},
    {"GET", "/emergency-access", emergency_list_page, ROUTE_HTML, 0, CAP_BREAK_GLASS_REVIEW},
    {"GET", "/audit", audit_page, ROUTE_HTML, 0, CAP_AUDIT_READ},
    /* intake: shortlist, case, first interview form, funnel (page_shortlist.c,
    ** page_case.c, page_form.c, page_funnel.c) */
    {"GET", "/rounds/{id}/shortlist", shortlist_page, ROUTE_HTML, 0, CAP_SHORTLIST},
    {"POST", "/rounds/{id}/shortlist", shortlist_submit_page, ROUTE_HTML, 64 * KB, CAP_SHORTLIST},
    {"GET", "/rounds/{id}/funnel", funnel_page, ROUTE_HTML, 0, CAP_FUNNEL_READ},
    {"GET", "/cases/{id}", case_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/cases/{id}/outcome", case_outcome_page, ROUTE_HTML, 16 * KB, CAP_INTAKE_WRITE},
    {"POST", "/cases/{id}/referrals", case_referral_page, ROUTE_HTML, 16 * KB, CAP_INTAKE_WRITE},
    {"POST", "/cases/{id}/withdraw", case_withdraw_page, ROUTE_HTML, 16 * KB, CAP_INTAKE_WRITE},
    {"GET", "/cases/{id}/form", form_page, ROUTE_HTML, 0, CAP_INTAKE_WRITE},
    {"POST", "/cases/{id}/form", form_save_page, ROUTE_HTML, 64 * KB, CAP_INTAKE_WRITE},
    /* second interview and the project (page_project.c, page_project_forms.c) */
    {"POST", "/cases/{id}/assign", project_assign_page, ROUTE_HTML, 8 * KB, CAP_CASE_ASSIGN},
    {"POST", "/cases/{id}/interviews", project_interview_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"GET", "/cases/{id}/project", project_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/cases/{id}/project/versions", project_versions_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/cases/{id}/project", project_create_page, ROUTE_HTML, 8 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/commitments", project_commitments_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/objectives", project_objective_add_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/objectives/{id}", project_objective_update_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/objectives/{id}/delete", project_objective_delete_page, ROUTE_HTML, 8 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/interventions", project_intervention_add_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/interventions/{id}", project_intervention_update_page, ROUTE_HTML, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/interventions/{id}/delete", project_intervention_delete_page, ROUTE_HTML, 8 * KB, CAP_PROJECT_WRITE},
    {"POST", "/cases/{id}/project/agree", project_agree_page, ROUTE_HTML, 8 * KB, CAP_PROJECT_WRITE},
    /* printable documents (page_print.c) */
    {"GET", "/cases/{id}/form.pdf", print_form_pdf_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/cases/{id}/project.pdf", print_project_pdf_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/cases/{id}/form/print", print_form_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/cases/{id}/project/print", print_project_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    /* ROUTES-WEB (keep this marker: helpers insert web routes above it) */

    /* JSON API: src/api/api_*.c */
    {"GET", "/api/v1/openapi.json", api_openapi_get, ROUTE_JSON, 0, CAP_PUBLIC},
    {"GET", "/api/v1/people", api_person_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/people", api_person_create, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/people/{id}", api_person_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PATCH", "/api/v1/people/{id}", api_person_update, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/people/{id}/sensitive", api_person_sensitive_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PUT", "/api/v1/people/{id}/sensitive", api_person_sensitive_put, ROUTE_JSON, 64 * KB, CAP_SENSITIVE_WRITE},
    {"GET", "/api/v1/households", api_household_list, ROUTE_JSON, 0, CAP_PERSON_SEARCH},
    {"POST", "/api/v1/households", api_household_create, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/households/{id}", api_household_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PATCH", "/api/v1/households/{id}", api_household_update, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/rounds", api_programme_round_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/rounds", api_programme_round_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/rounds/{id}", api_programme_round_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/rounds/{id}", api_programme_round_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/funding-streams", api_programme_stream_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/funding-streams", api_programme_stream_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/funding-streams/{id}", api_programme_stream_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/funding-streams/{id}", api_programme_stream_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/services", api_programme_service_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/services", api_programme_service_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/services/{id}", api_programme_service_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/services/{id}", api_programme_service_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    /* intake: candidacies, first interview, second interviews (api_case.c) */
    {"GET", "/api/v1/rounds/{id}/candidates", api_case_candidates, ROUTE_JSON, 0, CAP_FUNNEL_READ},
    {"POST", "/api/v1/rounds/{id}/candidates", api_case_shortlist, ROUTE_JSON, 16 * KB, CAP_SHORTLIST},
    {"GET", "/api/v1/rounds/{id}/funnel", api_case_funnel, ROUTE_JSON, 0, CAP_FUNNEL_READ},
    {"GET", "/api/v1/cases/{id}", api_case_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"GET", "/api/v1/cases/{id}/access-form", api_case_form_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PUT", "/api/v1/cases/{id}/access-form", api_case_form_put, ROUTE_JSON, 64 * KB, CAP_INTAKE_WRITE},
    {"POST", "/api/v1/cases/{id}/first-interview-outcome", api_case_outcome, ROUTE_JSON, 16 * KB, CAP_INTAKE_WRITE},
    {"POST", "/api/v1/cases/{id}/referrals", api_case_refer, ROUTE_JSON, 16 * KB, CAP_INTAKE_WRITE},
    {"POST", "/api/v1/cases/{id}/withdrawal", api_case_withdraw, ROUTE_JSON, 16 * KB, CAP_INTAKE_WRITE},
    {"PUT", "/api/v1/cases/{id}/case-manager", api_case_assign, ROUTE_JSON, 8 * KB, CAP_CASE_ASSIGN},
    {"GET", "/api/v1/cases/{id}/second-interviews", api_case_interview_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/cases/{id}/second-interviews", api_case_interview_add, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    /* the project of a case (api_project.c) */
    {"GET", "/api/v1/cases/{id}/project", api_project_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/cases/{id}/project", api_project_create, ROUTE_JSON, 8 * KB, CAP_PROJECT_WRITE},
    {"PUT", "/api/v1/cases/{id}/project/commitments", api_project_commitments, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    {"POST", "/api/v1/cases/{id}/project/objectives", api_project_objective_add, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    {"PATCH", "/api/v1/cases/{id}/project/objectives/{id}", api_project_objective_update, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    {"DELETE", "/api/v1/cases/{id}/project/objectives/{id}", api_project_objective_delete, ROUTE_JSON, 8 * KB, CAP_PROJECT_WRITE},
    {"POST", "/api/v1/cases/{id}/project/interventions", api_project_intervention_add, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    {"PATCH", "/api/v1/cases/{id}/project/interventions/{id}", api_project_intervention_update, ROUTE_JSON, 16 * KB, CAP_PROJECT_WRITE},
    {"DELETE", "/api/v1/cases/{id}/project/interventions/{id}", api_project_intervention_delete, ROUTE_JSON, 8 * KB, CAP_PROJECT_WRITE},
    {"POST", "/api/v1/cases/{id}/project/agreement", api_project_agree, ROUTE_JSON, 8 * KB, CAP_PROJECT_WRITE},
    {"GET", "/api/v1/cases/{id}/project/versions", api_project_versions, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"GET", "/api/v1/cases/{id}/access-form.pdf", api_print_form_pdf, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"GET", "/api/v1/cases/{id}/project.pdf", api_print_project_pdf, ROUTE_JSON, 0, CAP_PERSON_READ},
    /* ROUTES-API (keep this marker: helpers insert API routes above it) */
    {0, 0, 0, 0, 0, CAP_PUBLIC},
};
