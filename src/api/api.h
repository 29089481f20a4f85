/* api.h — the JSON API handlers, one file per resource (api_<resource>.c). */
#ifndef ALI_API_H
#define ALI_API_H
#include "../http/req.h"

/* api_person.c — /api/v1/people */
void api_person_list(Req *r);
void api_person_get(Req *r);
void api_person_create(Req *r);
void api_person_update(Req *r);
void api_person_sensitive_get(Req *r); /* GET /api/v1/people/{id}/sensitive */
void api_person_sensitive_put(Req *r); /* PUT /api/v1/people/{id}/sensitive */

/* api_household.c — /api/v1/households */
void api_household_list(Req *r);
void api_household_get(Req *r);
void api_household_create(Req *r);
void api_household_update(Req *r);

/* api_programme.c — /api/v1/rounds, /api/v1/funding-streams, /api/v1/services */
void api_programme_round_list(Req *r);
void api_programme_round_get(Req *r);
void api_programme_round_create(Req *r);
void api_programme_round_update(Req *r);
void api_programme_stream_list(Req *r);
void api_programme_stream_get(Req *r);
void api_programme_stream_create(Req *r);
void api_programme_stream_update(Req *r);
void api_programme_service_list(Req *r);
void api_programme_service_get(Req *r);
void api_programme_service_create(Req *r);
void api_programme_service_update(Req *r);

/* api_case.c — the candidacies of a round: /api/v1/rounds/{id}/candidates,
** /api/v1/rounds/{id}/funnel, /api/v1/cases/{id} and its first-interview,
** case-manager and second-interview routes */
void api_case_candidates(Req *r);     /* GET  /api/v1/rounds/{id}/candidates */
void api_case_shortlist(Req *r);      /* POST /api/v1/rounds/{id}/candidates */
void api_case_funnel(Req *r);         /* GET  /api/v1/rounds/{id}/funnel */
void api_case_get(Req *r);            /* GET  /api/v1/cases/{id} */
void api_case_form_get(Req *r);       /* GET  /api/v1/cases/{id}/access-form */
void api_case_form_put(Req *r);       /* PUT  /api/v1/cases/{id}/access-form */
void api_case_outcome(Req *r);        /* POST /api/v1/cases/{id}/first-interview-outcome */
void api_case_refer(Req *r);          /* POST /api/v1/cases/{id}/referrals */
void api_case_withdraw(Req *r);       /* POST /api/v1/cases/{id}/withdrawal */
void api_case_assign(Req *r);         /* PUT  /api/v1/cases/{id}/case-manager */
void api_case_interview_list(Req *r); /* GET  /api/v1/cases/{id}/second-interviews */
void api_case_interview_add(Req *r);  /* POST /api/v1/cases/{id}/second-interviews */
/* What api_case.c lends api_project.c:
**   api_case_load: reads the case of the path (r->aId[0]) into *p when
**     the caller may read it and xAllowed (NULL: reading is enough)
**     allows their relation; else audits "denied", answers 404 and
**     returns -1.
**   api_case_body_read: api_body_read() over the keys of aField; a key
**     neither there nor in the NULL-terminated azAlso (keys the caller
**     reads itself; may be NULL) is an "unknown field" error, as
**     everywhere in the API; a known key of the wrong type is an error
**     too.  Returns the number of errors added to r->err.
**   api_case_body_id: the key zKey, when present, as a positive integer
**     or null (stored as 0) into *piId; else an error; returns 0 or 1.
**   api_case_detail: {"k": "v", ...} from the NULL-terminated pairs of
**     azKv (a NULL value is left out), an arena string for req_audit.
**   api_case_rename_error: renames the errors of field zFrom to zTo (the
**     domain's name for a field that the body names otherwise). */
struct ApiField;
struct Case;
int api_case_load(Req *r, int (*xAllowed)(Relation), struct Case *p);
int api_case_body_read(Req *r, const struct ApiField *aField, const char *const *azAlso,
                       void *pObj);
int api_case_body_id(Req *r, const char *zKey, int64_t *piId);
const char *api_case_detail(Req *r, const char *const *azKv);
void api_case_rename_error(Req *r, const char *zFrom, const char *zTo);

/* api_project.c — the project of a case: /api/v1/cases/{id}/project... */
void api_project_get(Req *r);                 /* GET    .../project */
void api_project_create(Req *r);              /* POST   .../project */
void api_project_commitments(Req *r);         /* PUT    .../project/commitments */
void api_project_objective_add(Req *r);       /* POST   .../project/objectives */
void api_project_objective_update(Req *r);    /* PATCH  .../project/objectives/{id} */
void api_project_objective_delete(Req *r);    /* DELETE .../project/objectives/{id} */
void api_project_intervention_add(Req *r);    /* POST   .../project/interventions */
void api_project_intervention_update(Req *r); /* PATCH  .../project/interventions/{id} */
void api_project_intervention_delete(Req *r); /* DELETE .../project/interventions/{id} */
void api_project_agree(Req *r);               /* POST   .../project/agreement */
void api_project_versions(Req *r);            /* GET    .../project/versions */

/* page_print.c (src/web) — the printable documents of a case as PDF */
void api_print_form_pdf(Req *r);    /* GET /api/v1/cases/{id}/access-form.pdf */
void api_print_project_pdf(Req *r); /* GET /api/v1/cases/{id}/project.pdf */

/* api_closing.c — closing a path and the round end */
void api_closing_get(Req *r);   /* GET /api/v1/cases/{id}/evaluation */
void api_closing_put(Req *r);   /* PUT /api/v1/cases/{id}/evaluation (closes) */
void api_round_end_get(Req *r); /* GET /api/v1/rounds/{id}/ending?weeks=N */
/* page_evaluation.c (src/web) — GET /api/v1/cases/{id}/evaluation.pdf */
void api_closing_evaluation_pdf(Req *r);

/* api_course.c — training courses: editions, enrolments, sessions, attendance */
void api_course_list(Req *r);              /* GET   /api/v1/course-editions */
void api_course_create(Req *r);            /* POST  /api/v1/course-editions */
void api_course_get(Req *r);               /* GET   /api/v1/course-editions/{id} */
void api_course_update(Req *r);            /* PATCH /api/v1/course-editions/{id} */
void api_course_enrol(Req *r);             /* POST  .../{id}/enrolments */
void api_course_enrolment_update(Req *r);  /* PATCH .../{id}/enrolments/{id} */
void api_course_session_add(Req *r);       /* POST  .../{id}/sessions */
void api_course_attendance(Req *r);        /* PUT   .../{id}/sessions/{id}/attendance */

/* api_coordination.c — handovers, cases without a worker, my day */
void api_handover_create(Req *r);   /* POST /api/v1/handovers */
void api_caseload_orphans(Req *r);  /* GET  /api/v1/caseload/orphans */
void api_my_day(Req *r);            /* GET  /api/v1/my-day */

/* api_intervention.c — interventions as they run; host firms */
void api_intervention_get(Req *r);        /* GET  /api/v1/interventions/{id} */
void api_intervention_transition(Req *r); /* POST /api/v1/interventions/{id}/transitions */
void api_intervention_placement(Req *r);  /* PUT  /api/v1/interventions/{id}/placement */
void api_intervention_attendance(Req *r); /* POST /api/v1/interventions/{id}/attendance */
void api_intervention_session(Req *r);    /* POST /api/v1/interventions/{id}/sessions */
void api_host_firm_list(Req *r);          /* GET  /api/v1/host-firms */
void api_host_firm_create(Req *r);        /* POST /api/v1/host-firms */
void api_host_firm_get(Req *r);           /* GET  /api/v1/host-firms/{id} */

/* api_register.c — the activity register of a case */
void api_register_list(Req *r); /* GET  /api/v1/cases/{id}/activities */
void api_register_add(Req *r);  /* POST /api/v1/cases/{id}/activities */
void api_register_done(Req *r);   /* POST /api/v1/cases/{id}/activities/{id}/done */
void api_register_cancel(Req *r); /* POST /api/v1/cases/{id}/activities/{id}/cancel */

/* api_request.c — requests and quick answers */
void api_request_case_list(Req *r);   /* GET  /api/v1/cases/{id}/requests */
void api_request_raise(Req *r);       /* POST /api/v1/cases/{id}/requests */
void api_request_acknowledge(Req *r); /* POST /api/v1/requests/{id}/acknowledgement */
void api_request_resolve(Req *r);     /* POST /api/v1/requests/{id}/resolution */
void api_request_list(Req *r);        /* GET  /api/v1/requests?mine=&overdue=&open= */

/* api_report.c — every report of the registry (src/report/reports.c) */
void api_report_list(Req *r); /* GET /api/v1/reports */
void api_report_get(Req *r);  /* GET /api/v1/reports/NAME?round=&from=&to=&...&format= */

/* api_openapi.c — GET /api/v1/openapi.json, the document of all of the above */
void api_openapi_get(Req *r);

/* api_money.c — the money figures (money_overview.h) */
void api_money_get(Req *r);    /* GET /api/v1/money */
void api_money_stream(Req *r); /* GET /api/v1/funding-streams/{id}/money */
/* The ?quarter= of a list (2021-Q3) into *piQ (absent: unchanged); 0, or
** -1 after answering 400. */
int api_money_quarter(Req *r, int *piQ);

/* api_expense.c — a cooperative's expenses (expense.h) */
void api_expense_list(Req *r);        /* GET    /api/v1/expenses */
void api_expense_create(Req *r);      /* POST   /api/v1/expenses */
void api_expense_get(Req *r);         /* GET    /api/v1/expenses/{id} */
void api_expense_update(Req *r);      /* PATCH  /api/v1/expenses/{id} */
void api_expense_delete(Req *r);      /* DELETE /api/v1/expenses/{id} */
void api_expense_receipt_put(Req *r); /* PUT    /api/v1/expenses/{id}/receipt (raw body) */
void api_expense_receipt_get(Req *r); /* GET    /api/v1/expenses/{id}/receipt */
/* An expense as a JSON object (api_statement.c lists a statement's lines). */
struct Expense;
void api_expense_json(JsonW *w, const struct Expense *p);

/* api_statement.c — quarterly statements (statement.h) */
void api_statement_list(Req *r);        /* GET    /api/v1/statements */
void api_statement_create(Req *r);      /* POST   /api/v1/statements (generate) */
void api_statement_get(Req *r);         /* GET    /api/v1/statements/{id} */
void api_statement_submit(Req *r);      /* POST   /api/v1/statements/{id}/submission */
void api_statement_decide(Req *r);      /* POST   /api/v1/statements/{id}/decisions */
void api_statement_line_delete(Req *r); /* DELETE /api/v1/statements/{id}/lines/{id} */
void api_statement_reimburse(Req *r);   /* POST   /api/v1/statements/{id}/reimbursement */
/* page_statement.c — the documents, for pages and the API alike */
void api_statement_pdf(Req *r);  /* GET /api/v1/statements/{id}.pdf */
void api_statement_xlsx(Req *r); /* GET /api/v1/statements/{id}.xlsx */

#endif
