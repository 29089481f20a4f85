/*
** page_project.h — what page_project.c (the pages: the case's second
** interview section, the project page, its versions),
** page_project_forms.c (the forms, with page_project_fields.c's fields)
** and page_project_post.c (the POST handlers that answer them) share.
** Nothing outside these files includes it; their routes are declared in
** pages.h.
*/
#ifndef ALI_PAGE_PROJECT_H
#define ALI_PAGE_PROJECT_H
#include "../domain/household.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../domain/project.h"
#include "../domain/user.h"
#include "../http/req.h"

/* Everything the project page shows, loaded by project_view_load(). */
typedef struct ProjectView {
  Case c;
  Relation eRel;    /* the caller's relation to the participant */
  int bPlan;        /* the caller may change the project */
  int64_t iProject; /* 0: the case has no project yet */
  Project p;        /* valid when iProject */
  PlanWarning *aWarn;
  int nWarn;
  Person *aMember; /* the participant's household */
  int nMember;
  Round round;       /* the case's round (its services) */
  Service *aService; /* the agency's catalogue */
  int nService;
  Organisation *aOrg; /* every organisation of the agency */
  int nOrg;
  User *aOperator; /* active users with the operator role */
  int nOperator;
  FundingStream *aStream;
  int nStream;
} ProjectView;

/* What a handler needs of the case: how far it must be allowed. */
enum { PV_READ = 0, PV_PLAN = 1 };

/*
** Reads case iCase into *pc with the caller's relation, checking record
** access with case_guard() (page_case.c): a case that does not exist, or
** one the caller may not read (intake_can_read), answers 404 (and a
** refusal is audited); with
** eNeed == PV_PLAN a case the caller may read but not plan answers 403.
** Returns 0 when the handler may go on, -1 when the answer is written.
*/
int project_case_guard(Req *r, int64_t iCase, int eNeed, Case *pc, Relation *peRel);

/* Loads everything the project page of the guarded case *pc shows into
** *pv (the project, its warnings, the household, the catalogues).  0, or
** -1 with the error page written. */
int project_view_load(Req *r, const Case *pc, Relation eRel, ProjectView *pv);

/* Writes the project page of *pv with status r->iStatus (200 unless the
** caller set 422): the form whose action is the path just posted to
** shows the submitted values and r->err. */
void project_view_page(Req *r, const ProjectView *pv);

/* The answer to a status other than 0 and DOMAIN_INVALID: 404 for
** DOMAIN_NOT_FOUND, 409 with the first error's message for
** DOMAIN_CONFLICT, 503 when busy, else 500 (logged). */
void project_fail(Req *r, int rc, int64_t iCase);

/* page_project_forms.c: the forms of the project page.  Each is shown
** with the submitted values and errors when r->zPath is its action. */
void project_objective_form(Req *r, const ProjectView *pv, const Objective *o); /* NULL: add */
void project_intervention_form(Req *r, const ProjectView *pv, const Intervention *iv);
void project_commitments_form(Req *r, const ProjectView *pv);
void project_agree_form(Req *r, const ProjectView *pv);
/* The small form removing objective or intervention (zWhat "objectives"
** or "interventions") iItem. */
void project_delete_form(Req *r, const ProjectView *pv, const char *zWhat, int64_t iItem);
/* The forms of the case page: assign a case manager, record a second
** interview. */
void project_assign_form(Req *r, const Case *c);
void project_interview_form(Req *r, const Case *c);

/* The caller's display of a euro amount ("€ 1.234,50"), arena string. */
const char *project_money(Req *r, int64_t iCents);

#endif
