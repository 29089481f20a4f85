/*
** project.h — the Personalised Individual Project of a case: objectives,
** the interventions planned for the members of the household, the
** participant's commitments, and its versions.
**
** A project is created by the case manager at the second interview (the
** case at stage second_interview; DOMAIN_CONFLICT before) and is a draft
** until the participant agrees it: project_agree() sets the date, makes
** version 1 (a snapshot) and moves the case to stage "agreed".  From then
** on every change (an objective or intervention added, edited or removed,
** the commitments) needs a reason and makes a new version at once; the
** versions are kept (project_version), listed, and compared by
** project_diff() as readable lines.  Edits to a draft make no version.
**
** Objectives and interventions concern members of the participant's
** household: another person answers DOMAIN_CONFLICT under "person_id".
** An intervention's service must be in the agency's catalogue; planning
** problems that do not forbid the plan are warnings (project_warnings).
**
** Status codes and conventions as in intake.h.
*/
#ifndef ALI_PROJECT_H
#define ALI_PROJECT_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"

typedef struct Objective {
  int64_t id;
  int64_t iPerson;               /* the household member it concerns */
  const char *zPersonName;       /* "First Last" (read) */
  const char *zText;             /* required, <= 2000 characters */
  const char *zIndicator;        /* how achievement is judged; <= 2000 */
  const char *zTargetOn;         /* date or NULL */
} Objective;

typedef struct Intervention {
  int64_t id;
  int64_t iService;
  const char *zServiceCode, *zServiceName; /* read; name in the request language */
  const char *zServiceKind;      /* read */
  int64_t iPerson;               /* who receives it: a household member */
  const char *zPersonName;       /* read */
  int64_t iOrganisation;         /* provider; 0 none */
  const char *zOrganisation;     /* read */
  int64_t iOperator;             /* who delivers it; 0 none */
  const char *zOperator;         /* read */
  const char *zPlannedStart, *zPlannedEnd; /* dates or NULL; end not before start */
  int iPlannedHours, iPlannedSessions;     /* -1 unknown */
  int64_t iEstimatedCostCents;   /* -1 unknown */
  int64_t iStream;               /* funding stream; 0: the case's stream */
  const char *zStreamCode;       /* read */
  const char *zStatus;           /* planned (read; the delivery issue moves it) */
} Intervention;

typedef struct Project {
  int64_t id, iCase;
  const char *zState;            /* draft | agreed */
  int iVersion;                  /* current agreed version; 0 never agreed */
  const char *zCommitments;      /* <= 4000 characters */
  const char *zAgreedOn;
  Objective *aObjective; int nObjective;
  Intervention *aIntervention; int nIntervention;
  const char *zUpdatedAt;
} Project;

/*
** The columns intervention_from_row() reads, first in a query over
** INTERVENTION_FROM (string-literal macros, so that SQL built with them
** stays a literal):
**   "SELECT " INTERVENTION_COLUMNS ", more... FROM " INTERVENTION_FROM " WHERE ..."
*/
#define INTERVENTION_COLUMNS                                                       \
  "i.id, i.service_id, s.code, s.name_it, s.name_en, s.kind,"                      \
  " i.person_id, pe.first_name || ' ' || pe.last_name, i.organisation_id,"         \
  " o.name, i.operator_id, u.full_name, i.planned_start, i.planned_end,"           \
  " i.planned_hours, i.planned_sessions, i.estimated_cost_cents,"                  \
  " i.funding_stream_id, f.code, i.status"
#define INTERVENTION_NCOLUMNS 20
#define INTERVENTION_FROM                                                          \
  "intervention i JOIN service s ON s.id=i.service_id"                             \
  " JOIN person pe ON pe.id=i.person_id"                                           \
  " LEFT JOIN organisation o ON o.id=i.organisation_id"                            \
  " LEFT JOIN app_user u ON u.id=i.operator_id"                                    \
  " LEFT JOIN funding_stream f ON f.id=i.funding_stream_id"

/* Fill *iv from the current row of q, selected with INTERVENTION_COLUMNS
** first; strings copied into a, the service name in language iLang. */
void intervention_from_row(DbStmt *q, Arena *a, int iLang, Intervention *iv);

/* Create the (draft) project of case iCase, stage second_interview
** (DOMAIN_CONFLICT otherwise, or when it already has one).  *piProject. */
int project_create(Db *db, int64_t iAgency, int64_t iCase, int64_t *piProject, Errors *pErr);

/* Read project id with its objectives and interventions (service names
** in language iLang). */
int project_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, Project *p);
/* The id of case iCase's project, or 0. */
int64_t project_of_case(Db *db, int64_t iAgency, int64_t iCase);

/*
** The writes.  Each validates (fields named as in the JSON: text,
** indicator, target_on, person_id, service, organisation_id, operator_id,
** planned_start, planned_end, planned_hours, planned_sessions,
** estimated_cost_cents, funding_stream, commitments, reason), checks
** references (household member, catalogue service, organisation,
** operator of the agency), and on an agreed project requires zReason
** ("reason", 10..500 characters) and makes version n+1 with it (iBy the
** author).  On a draft zReason is ignored.
*/
int project_set_commitments(Db *db, int64_t iAgency, int64_t iProject, const char *zText,
                            const char *zReason, int64_t iBy, Errors *pErr);
int project_objective_save(Db *db, int64_t iAgency, int64_t iProject, Objective *p,
                           const char *zReason, int64_t iBy, Errors *pErr); /* id 0: add */
int project_objective_delete(Db *db, int64_t iAgency, int64_t iProject, int64_t iObjective,
                             const char *zReason, int64_t iBy, Errors *pErr);
/* pIv->iService 0 with zServiceCode set: by code. */
int project_intervention_save(Db *db, int64_t iAgency, int64_t iProject, Intervention *pIv,
                              const char *zReason, int64_t iBy, Errors *pErr); /* id 0: add */
int project_intervention_delete(Db *db, int64_t iAgency, int64_t iProject, int64_t iIntervention,
                                const char *zReason, int64_t iBy, Errors *pErr);

/* The participant agrees the draft on zOn (a date, not in the future;
** "agreed_on"): needs at least one objective and one intervention
** (DOMAIN_CONFLICT otherwise) -- makes version 1, moves the case to
** stage agreed with agreed_on.  An agreed project: DOMAIN_CONFLICT. */
int project_agree(Db *db, int64_t iAgency, int64_t iProject, const char *zOn, int64_t iBy,
                  Errors *pErr);

/* ---- versions ---- */

/* Record version iVersion of project iProject as it is now (its snapshot)
** with zReason (NULL for version 1, the agreement) by iBy (0: nobody),
** and make it the current one -- what every write to an agreed project
** does; for a caller that writes the project's rows itself (the history
** import, history.h).  0 or a db.h code. */
int project_record_version(Db *db, int64_t iAgency, int64_t iProject, int iVersion,
                           const char *zReason, int64_t iBy);

typedef struct ProjectVersion {
  int iVersion;
  const char *zReason;           /* NULL for version 1 */
  const char *zSnapshot;         /* JSON (project_snapshot) */
  const char *zCreatedAt;
  const char *zCreatedBy;        /* full name */
} ProjectVersion;

/* Versions of a project, oldest first. */
int project_versions(Db *db, Arena *a, int64_t iAgency, int64_t iProject, ProjectVersion **pa,
                     int *pn);

/* The JSON snapshot of a project as read by project_get (names, codes,
** dates: what a person needs to read a diff), arena string.  Pure. */
const char *project_snapshot(Arena *a, const Project *p);
/* The same, with each service name in both languages ({"it": ...,
** "en": ...}): pIt and pEn are the same project read in Italian and in
** English (interventions matched by id).  What project versions store,
** so that a diff reads in either language.  Pure. */
const char *project_snapshot_langs(Arena *a, const Project *pIt, const Project *pEn);

/* One line of a diff: what changed, with the values before and after. */
typedef struct DiffLine {
  const char *zWhat;             /* "Intervention internship (Maria Rossi): recipient" */
  const char *zBefore, *zAfter;  /* NULL when added / removed */
} DiffLine;

/* The readable difference between two snapshots (zOld NULL: everything
** added).  Objectives and interventions are matched by id; a changed
** field is one line.  Labels in language iLang.  Pure; 0 or -1 when a
** snapshot is not valid JSON. */
int project_diff(Arena *a, const char *zOld, const char *zNew, int iLang, DiffLine **pa, int *pn);

/* ---- planning warnings ---- */

typedef struct PlanWarning {
  int64_t iIntervention;         /* which intervention (0: the project) */
  const char *zCode;             /* beyond_round_end | service_not_active |
                                 ** operator_full | over_budget */
  const char *zMessage;          /* readable, in the request language, with the
                                 ** date / names / amounts */
} PlanWarning;

/* The warnings of project iProject as planned now: an intervention
** ending after the round's end ("this path will be cut short on DATE"),
** a service not offered by the round, an operator at or beyond capacity
** (app_user.capacity, counting their planned/active/suspended
** interventions), an estimated cost beyond what is left on the funding
** stream (allocation minus the estimated cost of interventions of agreed
** projects, cancelled excluded). */
int project_warnings(Db *db, Arena *a, int64_t iAgency, int64_t iProject, int iLang,
                     PlanWarning **pa, int *pn);

#endif
