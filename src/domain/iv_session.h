/*
** iv_session.h — services delivered in sessions (home education, home
** care, psychological support, orientation; any intervention may record
** them): the sessions with their notes, the time and sessions delivered
** against what was planned, the home educational service's school and
** weekly hours, and the status of a referral to a specialised service.
** (session.c is the login session: hence the name.)
**
** The notes of a psychological support intervention's sessions are
** restricted: they are read only where policy_sensitive_visible(rel,
** SENS_PSYCH_NOTES) allows (the psychotherapist of the case, its case
** manager, the manager); the caller audits each read as read_sensitive.
** Status codes and conventions as in intake.h.
*/
#ifndef ALI_IV_SESSION_H
#define ALI_IV_SESSION_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"

typedef struct IvSession {
  int64_t id;
  const char *zOn;               /* date: not in the future, not before the
                                 ** intervention started, not after it ended */
  int iMinutes;                  /* 1..1440 */
  const char *zNote;             /* <= 4000 characters; NULL when none or hidden */
  const char *zBy;               /* read: who recorded it */
  const char *zCreatedAt;        /* read */
} IvSession;

/* 1 when the notes of intervention iIntervention's sessions are
** restricted (its service is of kind psych_support). */
int iv_session_restricted(Db *db, int64_t iAgency, int64_t iIntervention);

/*
** Record a session of intervention iIntervention by iBy (fields on_date,
** minutes, note): DOMAIN_NOT_FOUND for another agency's;
** DOMAIN_CONFLICT ("status") when it has not started, was cancelled, or
** its case is closed; DOMAIN_INVALID field by field.  Sets p->id.
*/
int iv_session_add(Db *db, int64_t iAgency, int64_t iIntervention, IvSession *p, int64_t iBy,
                   Errors *pErr);

/* The sessions of an intervention, newest first; the notes only when
** bNotes (else NULL). */
int iv_sessions(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, int bNotes,
                IvSession **pa, int *pn);

/* What was delivered of an intervention: minutes and sessions of its
** sessions plus the days present of its placement's attendance (each a
** session, with its minutes).  0 or a db.h code. */
typedef struct IvDelivered {
  int64_t nMinutes;
  int nSessions;
} IvDelivered;
int iv_delivered(Db *db, int64_t iAgency, int64_t iIntervention, IvDelivered *p);

/* Home education: set the child's school (<= 200 characters, "school")
** and weekly hours (0..40, -1 unknown, "weekly_hours") of intervention
** iIntervention, whose service must be of kind home_education
** (DOMAIN_CONFLICT on "service"); a closed case: DOMAIN_CONFLICT. */
int iv_set_school(Db *db, int64_t iAgency, int64_t iIntervention, const char *zSchool,
                  int iWeeklyHours, Errors *pErr);

/*
** Move the status of referral iReferral of case iCase to zStatus:
** sent -> accepted | declined; accepted | declined -> closed.
** DOMAIN_NOT_FOUND when the referral is not the case's (or the agency's);
** DOMAIN_INVALID for an unknown status ("status"); DOMAIN_CONFLICT when
** the move is not allowed from the present status ("status").  The old
** status through *pzFrom (a static string) when not NULL.
*/
int referral_set_status(Db *db, int64_t iAgency, int64_t iCase, int64_t iReferral,
                        const char *zStatus, const char **pzFrom, Errors *pErr);
/* The statuses a referral may move to from zFrom ("" none).  Pure. */
const char *referral_next(const char *zFrom, int i);

#endif
