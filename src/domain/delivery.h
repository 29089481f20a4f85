/*
** delivery.h — the lifecycle of an intervention once the project is
** agreed (DOMAIN.md step 4), shared by every kind of service: internships
** and sessions (delivery.c), course enrolments (course.c), the closing of
** a path (closing.c).
**
**   planned --start--> active --suspend--> suspended --resume--> active
**      |                 |  \                  |
**      |                 |   +--complete--> completed
**      |                 +------interrupt--> interrupted <--interrupt--+
**      +--cancel--> cancelled            (suspended may also be completed
**                                          or interrupted)
**
** Every transition has a date (not before the previous one, not in the
** future except "cancel" and "suspend" may be planned the same day) and,
** for suspend, interrupt and cancel, a reason ("postponed: health
** emergency"); each is one row of intervention_event (migration 004) and
** updates intervention.status, started_on / ended_on and status_reason.
** Only interventions of an agreed project move; a closed case's do not
** (DOMAIN_CONFLICT, with the reason under "status").  Status codes and
** conventions as in intake.h.
*/
#ifndef ALI_DELIVERY_H
#define ALI_DELIVERY_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "policy.h"
#include "project.h"
#include "user.h"

/* The transitions, as the API and the forms name them. */
typedef enum IvAction {
  IV_START = 0, /* planned -> active */
  IV_SUSPEND,   /* active -> suspended (reason) */
  IV_RESUME,    /* suspended -> active */
  IV_COMPLETE,  /* active|suspended -> completed */
  IV_INTERRUPT, /* active|suspended -> interrupted (reason) */
  IV_CANCEL,    /* planned|suspended -> cancelled (reason) */
  IV_ACTION_COUNT
} IvAction;

/* "start", "suspend", ... ; -1 / NULL when unknown. */
int iv_action_from_code(const char *z);
const char *iv_action_code(IvAction e);

/* The status an action leads to from zStatus, or NULL when the action is
** not allowed from it (pure: the state machine, unit-tested). */
const char *iv_next_status(const char *zStatus, IvAction e);

/* 1 when the action needs a reason.  Pure. */
int iv_action_needs_reason(IvAction e);

/*
** Apply action e to intervention iIntervention of the agency on date zOn
** ("YYYY-MM-DD"; NULL: today) with zReason (required when
** iv_action_needs_reason, 10..500 characters; else optional), by user iBy.
** DOMAIN_CONFLICT when the state machine or the case forbids it (message
** under "status"), DOMAIN_INVALID for a bad date or reason ("on",
** "reason").  On success the intervention's status is the new one.
*/
int iv_transition(Db *db, int64_t iAgency, int64_t iIntervention, IvAction e, const char *zOn,
                  const char *zReason, int64_t iBy, Errors *pErr);

/* One transition of an intervention's history. */
typedef struct IvEvent {
  const char *zOn, *zFrom, *zTo, *zReason, *zBy, *zAt;
} IvEvent;
/* The history of an intervention, oldest first. */
int iv_events(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, IvEvent **pa, int *pn);

/* ---- one intervention as its page and the API read it ---- */

typedef struct IvRecord {
  Intervention iv;               /* service, person, provider, operator,
                                 ** planned figures, status (project.h) */
  int64_t iProject, iCase;
  int64_t iCasePerson;           /* the case's participant */
  int bAgreed;                   /* the project is agreed */
  const char *zClosedAt;         /* the case's, NULL while open */
  const char *zStartedOn, *zEndedOn, *zStatusReason; /* NULL when unset */
  const char *zSchool;           /* home education: the child's school, or NULL */
  int iWeeklyHours;              /* home education: hours a week; -1 unknown */
  int64_t iCoopTutor;            /* the placement's cooperative tutor; 0 none */
} IvRecord;

/* Read intervention id of the agency (service name in language iLang).
** 0, DOMAIN_NOT_FOUND or a db.h code. */
int iv_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, IvRecord *p);

/*
** The record-level rule of who acts on an intervention (docs/access.md,
** "Delivery"), as a mask:
**   DELIVERY_READ    read it (its page, the API): whoever may read the
**                    case (intake_can_read) and whoever delivers it
**   DELIVERY_RECORD  record attendance and sessions: whoever delivers it
**                    (intervention.operator_id, or the placement's
**                    coop_tutor_id), its case manager and the manager
**   DELIVERY_PLAN    move its lifecycle, write the placement, the hiring,
**                    the school: its case manager and the manager
**                    (intake_can_plan of the caller's relation to the
**                    case's participant)
** Users of another agency get 0.  *peRel (may be NULL) receives the
** caller's relation to the participant, for policy_sensitive_visible.
*/
enum { DELIVERY_READ = 1, DELIVERY_RECORD = 2, DELIVERY_PLAN = 4 };
unsigned delivery_can_record(Db *db, const User *pUser, const IvRecord *p, Relation *peRel);

/* Labels (English msgids: translate with tr()/_()) of an action ("Start",
** "Suspend", ...) and of a status ("planned", "active", ...; an unknown
** status comes back as it is).  Pure. */
const char *iv_action_label(IvAction e);
const char *iv_status_label(const char *zStatus);

#endif
