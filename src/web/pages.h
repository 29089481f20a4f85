/* pages.h — the web UI handlers, one file per area (page_<area>.c). */
#ifndef ALI_PAGES_H
#define ALI_PAGES_H
#include "../http/req.h"

/* page_person.c — the registry of people */
void person_list_page(Req *r);   /* GET  /people */
void person_page(Req *r);        /* GET  /people/{id} */
void person_new_page(Req *r);    /* GET  /people/new */
void person_create_page(Req *r); /* POST /people */
void person_edit_page(Req *r);   /* GET  /people/{id}/edit */
void person_update_page(Req *r); /* POST /people/{id} */
/* The 404 page of a person who does not exist or whom the caller may not
** see (the two are indistinguishable); offers emergency access to those
** who may break the glass. */
void person_not_found(Req *r, int64_t id);

/* page_sensitive.c — special-category data on the person page */
/* The section of person iPerson's page: the fields the relation may read
** (each read audited), and a form to change them for those who may. */
void sensitive_section(Req *r, int64_t iPerson, Relation eRel);
void sensitive_update_page(Req *r); /* POST /people/{id}/sensitive */

/* page_emergency.c — emergency access ("break the glass") */
void emergency_page(Req *r);       /* GET  /people/{id}/emergency */
void emergency_grant_page(Req *r); /* POST /people/{id}/emergency */
void emergency_list_page(Req *r);  /* GET  /emergency-access */

/* page_programme.c — rounds, funding streams, the service catalogue */
void programme_page(Req *r);            /* GET  /programme */
void programme_round_add_page(Req *r);  /* POST /programme/rounds */
void programme_stream_add_page(Req *r); /* POST /programme/streams */

/* page_audit.c */
void audit_page(Req *r);

/* page_shortlist.c, page_case.c, page_form.c, page_funnel.c (intake, first
** interview), page_project.c (second interview, project), page_print.c (PDF
** and printable forms): helpers declare their handlers here, one block
** per file. */

/* page_shortlist.c — shortlisting candidates into a round */
void shortlist_page(Req *r);        /* GET  /rounds/{id}/shortlist */
void shortlist_submit_page(Req *r); /* POST /rounds/{id}/shortlist */

/* page_case.c — one candidacy: stage, first interview outcome, referrals,
** withdrawal */
struct Case;
void case_page(Req *r);          /* GET  /cases/{id} */
void case_outcome_page(Req *r);  /* POST /cases/{id}/outcome */
void case_referral_page(Req *r); /* POST /cases/{id}/referrals */
void case_withdraw_page(Req *r); /* POST /cases/{id}/withdraw */
/* Reads case id into *c and the caller's relation to it.  A case that
** does not exist, or one whose relation xAllowed (intake_can_read,
** intake_can_interview...) refuses, is answered 404 exactly alike (the
** refusal audited as "denied"); a database failure with an error page.
** Returns REL_NONE when the answer is written, else the relation. */
Relation case_guard(Req *r, int64_t id, struct Case *c, int (*xAllowed)(Relation));
/* The 404 page of a case that does not exist or that the caller may not
** see (the two are indistinguishable). */
void case_not_found(Req *r);
/* The answer to a domain or database failure: 404 for DOMAIN_NOT_FOUND,
** 503 when busy, else 409 or 500. */
void case_fail(Req *r, int rc);
/* Translated labels (in the request language): of a stage (intake.h
** Stage), of a screening code (suitable|refer|job_only), of a withdrawal
** reason code; an unknown code comes back as it is. */
const char *case_stage_label(Req *r, int eStage);
const char *case_screening_label(Req *r, const char *zCode);
const char *case_withdrawal_label(Req *r, const char *zCode);
/* "Surname First name" of the case's participant, arena string. */
const char *case_person_name(Req *r, const struct Case *c);

/* page_form.c — the Access and Evaluation Form of the first interview */
void form_page(Req *r);      /* GET  /cases/{id}/form */
void form_save_page(Req *r); /* POST /cases/{id}/form */

/* page_funnel.c — a round's funnel */
void funnel_page(Req *r); /* GET /rounds/{id}/funnel */

/* page_project.c, page_project_forms.c, page_project_post.c — the case manager, second
** interviews and the Personalised Individual Project */
struct Case;
/* The part of case c's page (GET /cases/{id}, page_case.c) about the
** second half of intake, as the stage and the caller's relation eRel
** allow: the cooperative and case manager (with the form assigning them,
** for the manager), the second interviews held (with the form recording
** one), and the project's summary with a link to its page or the button
** that starts it.  Writes nothing when eRel may not read the case. */
void project_case_actions(Req *r, const struct Case *c, Relation eRel);
void project_assign_page(Req *r);              /* POST /cases/{id}/assign */
void project_interview_page(Req *r);           /* POST /cases/{id}/interviews */
void project_page(Req *r);                     /* GET  /cases/{id}/project */
void project_versions_page(Req *r);            /* GET  /cases/{id}/project/versions */
void project_create_page(Req *r);              /* POST /cases/{id}/project */
void project_commitments_page(Req *r);         /* POST .../project/commitments */
void project_objective_add_page(Req *r);       /* POST .../project/objectives */
void project_objective_update_page(Req *r);    /* POST .../project/objectives/{id} */
void project_objective_delete_page(Req *r);    /* POST .../project/objectives/{id}/delete */
void project_intervention_add_page(Req *r);    /* POST .../project/interventions */
void project_intervention_update_page(Req *r); /* POST .../project/interventions/{id} */
void project_intervention_delete_page(Req *r); /* POST .../project/interventions/{id}/delete */
void project_agree_page(Req *r);               /* POST .../project/agree */

/* page_print.c — the printable documents of a case: the Access and
** Evaluation Form and the Personalised Individual Project as PDF and as
** print-friendly pages (the API's PDF routes are declared in api.h) */
void print_form_pdf_page(Req *r);    /* GET /cases/{id}/form.pdf */
void print_project_pdf_page(Req *r); /* GET /cases/{id}/project.pdf */
void print_form_page(Req *r);        /* GET /cases/{id}/form/print */
void print_project_page(Req *r);     /* GET /cases/{id}/project/print */

/* page_course.c — training courses: editions, enrolment, register of
** attendance, completion and certificates */
struct Intervention;
void course_list_page(Req *r);       /* GET  /courses */
void course_create_page(Req *r);     /* POST /courses */
void course_page(Req *r);            /* GET  /courses/{id} */
void course_update_page(Req *r);     /* POST /courses/{id} (edit, or move: status) */
void course_enrol_page(Req *r);      /* POST /courses/{id}/enrolments */
void course_enrolment_page(Req *r);  /* POST /courses/{id}/enrolments/{id} */
void course_session_page(Req *r);    /* POST /courses/{id}/sessions */
void course_attendance_page(Req *r); /* POST /courses/{id}/sessions/{id}/attendance */
/* On a project's intervention of a training service: a small link to the
** edition it is enrolled in, or to the editions to enrol it in. */
void course_intervention_link(Req *r, const struct Intervention *iv);

/* page_evaluation.c — the conclusive evaluation that closes a path */
struct Case;
void evaluation_page(Req *r);      /* GET  /cases/{id}/evaluation */
void evaluation_save_page(Req *r); /* POST /cases/{id}/evaluation */
void evaluation_pdf_page(Req *r);  /* GET  /cases/{id}/evaluation.pdf */
/* The "Conclusion" part of case c's page (page_case.c): for an agreed
** path the caller may read, a link to the evaluation and its PDF once
** closed, or to the form for those who may close it. */
void evaluation_case_link(Req *r, const struct Case *c, Relation eRel);

/* page_round_end.c — the manager's round-end page (round_end.h) */
void round_end_page(Req *r);        /* GET  /rounds/{id}/ending?weeks=N */
void round_end_decide_page(Req *r); /* POST /rounds/{id}/ending */

/* page_register.c — the activity register of a case (register.h) */
struct Case;
void register_page(Req *r);     /* GET  /cases/{id}/register?kind=&member=&before= */
void register_add_page(Req *r); /* POST /cases/{id}/register */
void register_pdf_page(Req *r); /* GET  /cases/{id}/register.pdf */
/* The "Activity register and requests" part of case c's page
** (page_case.c): links to the register and the requests of the case for
** a caller who may read the register (register_can_read). */
void register_case_link(Req *r, const struct Case *c, Relation eRel);
/* page_agenda.c — activities planned in the register (agenda.h) */
void register_plan_page(Req *r);   /* POST /cases/{id}/register/plan */
void register_done_page(Req *r);   /* POST /cases/{id}/register/{id}/done */
void register_cancel_page(Req *r); /* POST /cases/{id}/register/{id}/cancel */

/* page_request.c — requests and quick answers (request.h) */
void request_case_page(Req *r);    /* GET  /cases/{id}/requests */
void request_raise_page(Req *r);   /* POST /cases/{id}/requests */
void request_ack_page(Req *r);     /* POST /requests/{id}/acknowledge */
void request_resolve_page(Req *r); /* POST /requests/{id}/resolve */
void request_list_page(Req *r);    /* GET  /requests (mine; the manager: all, times, targets) */
void request_targets_page(Req *r); /* POST /requests/targets (the manager) */

/* page_intervention.c — one intervention: status and its history,
** placement, attendance, sessions (delivery.h, placement.h, iv_session.h) */
struct Case;
struct Referral;
void intervention_page(Req *r);            /* GET  /interventions/{id} */
void intervention_transition_page(Req *r); /* POST /interventions/{id}/transition */
void intervention_school_page(Req *r);     /* POST /interventions/{id}/school */
void intervention_placement_page(Req *r);  /* POST /interventions/{id}/placement */
void intervention_attendance_page(Req *r); /* POST /interventions/{id}/attendance */
void intervention_session_page(Req *r);    /* POST /interventions/{id}/sessions */
void intervention_referral_status_page(Req *r); /* POST /cases/{id}/referrals/{id}/status */
/* The buttons that move the status of case c's referrals a[0..n)
** (sent -> accepted | declined -> closed), for a caller who may
** interview the case (page_case.c, under the referrals). */
void intervention_referral_forms(Req *r, const struct Case *c, Relation eRel,
                                 const struct Referral *a, int n);
/* Minutes of "h" or "h:mm" (0..24 hours), or -1.  Pure. */
int intervention_parse_time(const char *z);

/* page_host_firm.c — host firms of internships */
void host_firm_list_page(Req *r); /* GET  /programme/host-firms */
void host_firm_add_page(Req *r);  /* POST /programme/host-firms */

/* page_my_day.c — what needs the caller today (GET / redirects here) */
void my_day_page(Req *r); /* GET /my-day */
void dashboard_page(Req *r); /* GET /dashboard (page_dashboard.c) */
/* page_team_meeting.c — the weekly team meeting of a social worker */
void team_meeting_page(Req *r);        /* GET  /team-meeting[?social_worker=ID] */
void team_meeting_record_page(Req *r); /* POST /team-meeting */
/* page_handover.c — caseload handover and cases without an active worker */
void handover_page(Req *r);         /* GET  /handover (choose, preview) */
void handover_submit_page(Req *r);  /* POST /handover (confirm) */
void caseload_orphans_page(Req *r); /* GET  /caseload/orphans */

/* page_report.c — every report of the registry (src/report/reports.c);
** page_report.h has the renderer of one view */
void report_list_page(Req *r); /* GET /reports */
void report_page(Req *r);      /* GET /reports/NAME[.csv|.xlsx|.pdf|.json] */

/* page_login.c */
void login_page(Req *r);
void login_submit_page(Req *r);
void logout_page(Req *r);

/* page_money.c — the money overview (money_overview.h) */
void money_page(Req *r); /* GET /money */
/* page_expense.c — a cooperative's expenses (expense.h) */
void expense_list_page(Req *r);    /* GET  /expenses (and the add form) */
void expense_create_page(Req *r);  /* POST /expenses (multipart, with the receipt) */
void expense_page(Req *r);         /* GET  /expenses/{id} */
void expense_update_page(Req *r);  /* POST /expenses/{id} (multipart) */
void expense_delete_page(Req *r);  /* POST /expenses/{id}/delete */
void expense_receipt_page(Req *r); /* GET  /expenses/{id}/receipt */
/* page_statement.c — quarterly statements (statement.h) */
void statement_list_page(Req *r);        /* GET  /statements */
void statement_generate_page(Req *r);    /* POST /statements */
void statement_page(Req *r);             /* GET  /statements/{id} */
void statement_submit_page(Req *r);      /* POST /statements/{id}/submit */
void statement_decide_page(Req *r);      /* POST /statements/{id}/decisions */
void statement_remove_line_page(Req *r); /* POST /statements/{id}/lines/{id}/remove */
void statement_reimburse_page(Req *r);   /* POST /statements/{id}/reimburse */
void statement_delete_page(Req *r);      /* POST /statements/{id}/delete */
void statement_pdf_page(Req *r);         /* GET  /statements/{id}.pdf */
void statement_xlsx_page(Req *r);        /* GET  /statements/{id}.xlsx */

/* page_esf.c — the ESF+ data of a case beyond the access form (esf_record.h) */
void esf_page(Req *r);       /* GET  /cases/{id}/esf */
void esf_entry_page(Req *r); /* POST /cases/{id}/esf/entry */
void esf_exit_page(Req *r);  /* POST /cases/{id}/esf/exit */
/* The link to the ESF+ data on case c's page, for a participation of an
** ESF-co-financed stream and a caller who reads the case. */
void esf_case_link(Req *r, const struct Case *c, Relation eRel);

/* page_microdata.c — pseudonymised microdata for evaluators (microdata.h) */
void microdata_page(Req *r);        /* GET  /exports/microdata */
void microdata_export_page(Req *r); /* POST /exports/microdata */

#endif
