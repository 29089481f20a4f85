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
    /* training courses (page_course.c) */
    {"GET", "/courses", course_list_page, ROUTE_HTML, 0, CAP_PROGRAMME_READ},
    {"POST", "/courses", course_create_page, ROUTE_HTML, 8 * KB, CAP_COURSE_ADMIN},
    {"GET", "/courses/{id}", course_page, ROUTE_HTML, 0, CAP_PROGRAMME_READ},
    {"POST", "/courses/{id}", course_update_page, ROUTE_HTML, 8 * KB, CAP_COURSE_ADMIN},
    {"POST", "/courses/{id}/enrolments", course_enrol_page, ROUTE_HTML, 8 * KB, CAP_COURSE_ADMIN},
    {"POST", "/courses/{id}/enrolments/{id}", course_enrolment_page, ROUTE_HTML, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/courses/{id}/sessions", course_session_page, ROUTE_HTML, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/courses/{id}/sessions/{id}/attendance", course_attendance_page, ROUTE_HTML, 16 * KB, CAP_DELIVERY_WRITE},
    /* closing a path, the round end (page_evaluation.c, page_round_end.c) */
    {"GET", "/cases/{id}/evaluation", evaluation_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/cases/{id}/evaluation", evaluation_save_page, ROUTE_HTML, 64 * KB, CAP_CASE_CLOSE},
    {"GET", "/cases/{id}/evaluation.pdf", evaluation_pdf_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/rounds/{id}/ending", round_end_page, ROUTE_HTML, 0, CAP_CASELOAD_ADMIN},
    {"POST", "/rounds/{id}/ending", round_end_decide_page, ROUTE_HTML, 8 * KB, CAP_CASELOAD_ADMIN},
    /* the activity register of a case (page_register.c) */
    {"GET", "/cases/{id}/register", register_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/cases/{id}/register", register_add_page, ROUTE_HTML, 16 * KB, CAP_REGISTER_WRITE},
    {"GET", "/cases/{id}/register.pdf", register_pdf_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    /* interventions, host firms (page_intervention.c, page_host_firm.c) */
    {"GET", "/interventions/{id}", intervention_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/interventions/{id}/transition", intervention_transition_page, ROUTE_HTML, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/interventions/{id}/school", intervention_school_page, ROUTE_HTML, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/interventions/{id}/placement", intervention_placement_page, ROUTE_HTML, 16 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/interventions/{id}/attendance", intervention_attendance_page, ROUTE_HTML, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/interventions/{id}/sessions", intervention_session_page, ROUTE_HTML, 32 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/cases/{id}/referrals/{id}/status", intervention_referral_status_page, ROUTE_HTML, 8 * KB, CAP_INTAKE_WRITE},
    {"GET", "/programme/host-firms", host_firm_list_page, ROUTE_HTML, 0, CAP_PROGRAMME_READ},
    {"POST", "/programme/host-firms", host_firm_add_page, ROUTE_HTML, 16 * KB, CAP_PROGRAMME_WRITE},
    /* coordination: my day, team meeting, handover (page_my_day.c,
    ** page_team_meeting.c, page_handover.c) */
    {"GET", "/my-day", my_day_page, ROUTE_HTML, 0, CAP_LOGGED_IN},
    {"GET", "/team-meeting", team_meeting_page, ROUTE_HTML, 0, CAP_TEAM_MEETING},
    {"POST", "/team-meeting", team_meeting_record_page, ROUTE_HTML, 256 * KB, CAP_TEAM_MEETING},
    {"GET", "/handover", handover_page, ROUTE_HTML, 0, CAP_CASELOAD_ADMIN},
    {"POST", "/handover", handover_submit_page, ROUTE_HTML, 256 * KB, CAP_CASELOAD_ADMIN},
    {"GET", "/caseload/orphans", caseload_orphans_page, ROUTE_HTML, 0, CAP_CASELOAD_ADMIN},
    /* requests and quick answers (page_request.c) */
    {"GET", "/cases/{id}/requests", request_case_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/cases/{id}/requests", request_raise_page, ROUTE_HTML, 16 * KB, CAP_REQUEST_WRITE},
    {"POST", "/requests/{id}/acknowledge", request_ack_page, ROUTE_HTML, 8 * KB, CAP_REQUEST_WRITE},
    {"POST", "/requests/{id}/resolve", request_resolve_page, ROUTE_HTML, 16 * KB, CAP_REQUEST_WRITE},
    {"GET", "/requests", request_list_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"POST", "/requests/targets", request_targets_page, ROUTE_HTML, 8 * KB, CAP_CASELOAD_ADMIN},
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
    /* closing a path, the round end (api_closing.c) */
    {"GET", "/api/v1/cases/{id}/evaluation", api_closing_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PUT", "/api/v1/cases/{id}/evaluation", api_closing_put, ROUTE_JSON, 64 * KB, CAP_CASE_CLOSE},
    {"GET", "/api/v1/cases/{id}/evaluation.pdf", api_closing_evaluation_pdf, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"GET", "/api/v1/rounds/{id}/ending", api_round_end_get, ROUTE_JSON, 0, CAP_CASELOAD_ADMIN},
    /* training courses (api_course.c) */
    {"GET", "/api/v1/course-editions", api_course_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/course-editions", api_course_create, ROUTE_JSON, 16 * KB, CAP_COURSE_ADMIN},
    {"GET", "/api/v1/course-editions/{id}", api_course_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/course-editions/{id}", api_course_update, ROUTE_JSON, 16 * KB, CAP_COURSE_ADMIN},
    {"POST", "/api/v1/course-editions/{id}/enrolments", api_course_enrol, ROUTE_JSON, 8 * KB, CAP_COURSE_ADMIN},
    {"PATCH", "/api/v1/course-editions/{id}/enrolments/{id}", api_course_enrolment_update, ROUTE_JSON, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/api/v1/course-editions/{id}/sessions", api_course_session_add, ROUTE_JSON, 8 * KB, CAP_DELIVERY_WRITE},
    {"PUT", "/api/v1/course-editions/{id}/sessions/{id}/attendance", api_course_attendance, ROUTE_JSON, 64 * KB, CAP_DELIVERY_WRITE},
    /* coordination: handovers, cases without a worker, my day (api_coordination.c) */
    {"POST", "/api/v1/handovers", api_handover_create, ROUTE_JSON, 64 * KB, CAP_CASELOAD_ADMIN},
    {"GET", "/api/v1/caseload/orphans", api_caseload_orphans, ROUTE_JSON, 0, CAP_CASELOAD_ADMIN},
    {"GET", "/api/v1/my-day", api_my_day, ROUTE_JSON, 0, CAP_LOGGED_IN},
    /* interventions, host firms (api_intervention.c) */
    {"GET", "/api/v1/interventions/{id}", api_intervention_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/interventions/{id}/transitions", api_intervention_transition, ROUTE_JSON, 8 * KB, CAP_DELIVERY_WRITE},
    {"PUT", "/api/v1/interventions/{id}/placement", api_intervention_placement, ROUTE_JSON, 16 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/api/v1/interventions/{id}/attendance", api_intervention_attendance, ROUTE_JSON, 8 * KB, CAP_DELIVERY_WRITE},
    {"POST", "/api/v1/interventions/{id}/sessions", api_intervention_session, ROUTE_JSON, 32 * KB, CAP_DELIVERY_WRITE},
    {"GET", "/api/v1/host-firms", api_host_firm_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/host-firms", api_host_firm_create, ROUTE_JSON, 16 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/host-firms/{id}", api_host_firm_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    /* the activity register, requests and quick answers (api_register.c, api_request.c) */
    {"GET", "/api/v1/cases/{id}/activities", api_register_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/cases/{id}/activities", api_register_add, ROUTE_JSON, 16 * KB, CAP_REGISTER_WRITE},
    {"GET", "/api/v1/cases/{id}/requests", api_request_case_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/cases/{id}/requests", api_request_raise, ROUTE_JSON, 16 * KB, CAP_REQUEST_WRITE},
    {"POST", "/api/v1/requests/{id}/acknowledgement", api_request_acknowledge, ROUTE_JSON, 8 * KB, CAP_REQUEST_WRITE},
    {"POST", "/api/v1/requests/{id}/resolution", api_request_resolve, ROUTE_JSON, 16 * KB, CAP_REQUEST_WRITE},
    {"GET", "/api/v1/requests", api_request_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    /* ROUTES-API (keep this marker: helpers insert API routes above it) */
    {0, 0, 0, 0, 0, CAP_PUBLIC},
};
