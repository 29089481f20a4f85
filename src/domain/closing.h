/*
** closing.h — the end of a participant's path (DOMAIN.md step 5): the
** conclusive evaluation the case manager writes (each objective of the
** project judged achieved / partly / not, skills acquired, critical
** issues, resources activated, and the one outcome of the path), which
** closes the case (migration 007).
**
** Closing, in one transaction (the caller's): validates the evaluation,
** ends every open intervention of the project through iv_transition()
** (delivery.h) on the evaluation's date with the reason "path closed" --
** planned ones are cancelled, active and suspended ones interrupted or,
** when the case manager chose so, completed -- stores the evaluation and
** the results of the objectives, and sets case_file.closed_at.  The case
** keeps its stage "agreed": closed means closed_at is set.  A closed
** project is read-only (project.c and delivery.c answer DOMAIN_CONFLICT);
** only the follow-up after the path (a later issue) writes to it.
**
** Outcome codes (DOMAIN.md "Outcome codes"): employed_host (hired by the
** host firm of one of the project's internships: a placement of an
** intervention of the project with a hiring date), employed_other,
** training_completed, qualification, activated, interrupted, withdrew.
** Conditional fields: contract_type only for employed_*, required there;
** interruption_reason only for interrupted, required there;
** withdrawal_reason (intake.h's withdrawal reason codes) only for
** withdrew, required there.
**
** Status codes and conventions as in intake.h: the agency's rows only,
** DOMAIN_INVALID with field errors (names as in the JSON, below),
** DOMAIN_CONFLICT with the reason under "stage" (or "outcome"), no
** transactions opened here, strings in the caller's arena.
*/
#ifndef ALI_CLOSING_H
#define ALI_CLOSING_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"

/* Code, label (msgid) pairs ending with NULL, in the order the forms and
** the reports show them: the outcomes, the contract types, the reasons
** of an interruption, the results of an objective. */
extern const char *const closing_azOutcome[];
extern const char *const closing_azContract[];
extern const char *const closing_azInterruption[];
extern const char *const closing_azResult[];
#define OUTCOME_COUNT 7

/* The label (msgid, translate with tr()) of zCode in the pairs az, or
** NULL when zCode is NULL or not among them.  Pure. */
const char *closing_label(const char *const *az, const char *zCode);
/* Index of zCode among the codes of az, or -1.  Pure. */
int closing_find(const char *const *az, const char *zCode);

/* The judgement of one objective of the project. */
typedef struct ObjectiveResult {
  int64_t iObjective;
  const char *zObjective; /* the objective's text (read) */
  const char *zPerson;    /* whom it concerns (read) */
  const char *zResult;    /* achieved | partly | not */
  const char *zNote;      /* <= 2000 characters */
} ObjectiveResult;

/* How to end an active or suspended intervention when the path closes. */
typedef struct IvEnding {
  int64_t iIntervention;
  int bComplete; /* 1 complete, 0 interrupt (the default) */
} IvEnding;

typedef struct Evaluation {
  int64_t iCase;
  const char *zWrittenOn;          /* "written_on": required date, not in the
                                   ** future, not before the project was agreed */
  int64_t iAuthor;                 /* who wrote it (read; the closer) */
  const char *zAuthor;             /* full name (read) */
  const char *zSkills;             /* "skills_acquired", <= 4000 */
  const char *zIssues;             /* "critical_issues", <= 4000 */
  const char *zResources;          /* "resources_activated", <= 4000 */
  const char *zOutcome;            /* "outcome": a code above, required */
  const char *zOutcomeOn;          /* "outcome_on": required date, not before
                                   ** the agreement, not after written_on */
  const char *zContractType;       /* "contract_type" */
  const char *zInterruptionReason; /* "interruption_reason" */
  const char *zWithdrawalReason;   /* "withdrawal_reason" */
  const char *zNote;               /* "note", <= 2000 */
  ObjectiveResult *aResult;        /* "objectives": one per objective */
  int nResult;
  IvEnding *aEnding; /* "interventions": choices for active and
                     ** suspended ones (absent: interrupt) */
  int nEnding;
  const char *zCreatedAt; /* read */
} Evaluation;

/* The pure checks of an evaluation's own fields, one error per wrong
** field: written_on, outcome_on (valid dates, not in the future,
** outcome_on not after written_on), outcome (a known code),
** contract_type / interruption_reason / withdrawal_reason (required for
** their outcome, "only for ..." otherwise, known codes), the texts
** (skills_acquired, critical_issues, resources_activated at most 4000
** characters, note 2000), and each result ("objectives.ID": a known
** result; a note at most 2000; "objectives.ID" twice is an error).
** Field names of the results are arena strings of a. */
void closing_validate(Arena *a, const Evaluation *p, Errors *pErr);

/* The date the host firm of one of project iProject's internships hired
** the participant, copied into zOut (the earliest), or "" -- returns 1
** when there is one.  Reads placement.hired_on (migration 004). */
int closing_host_hired(Db *db, int64_t iAgency, int64_t iProject, char zOut[11]);

/*
** Close case p->iCase with the evaluation p, by user iBy; iLang is the
** language of the reason written on the interventions ended ("path
** closed").  Beyond closing_validate: DOMAIN_CONFLICT under "stage" when
** the project is not agreed or the path is already closed; DOMAIN_INVALID
** when written_on / outcome_on are before the agreement ("the path
** started on DATE"), when an objective of the project is not judged
** ("objectives.ID": "judge this objective") or one judged is not the
** project's, when an ending names an intervention of another project or
** one not active or suspended ("interventions.ID"), when employed_host
** has no hiring by a host firm of the project ("outcome") or an
** intervention changed status after written_on ("written_on").
** Nothing is written unless everything passes (the caller rolls back
** on any error all the same).
*/
int closing_close(Db *db, Arena *a, int64_t iAgency, const Evaluation *p, int iLang, int64_t iBy,
                  Errors *pErr);

/* Read the evaluation of case iCase with its results (objectives in
** project order).  DOMAIN_NOT_FOUND when the case has none. */
int closing_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Evaluation *p);

#endif
