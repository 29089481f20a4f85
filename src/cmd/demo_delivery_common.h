/*
** demo_delivery_common.h — what the files of the demo's delivery share:
**
**   demo_delivery.c       the generator: opening, the batches of cases and
**                         what happens to one case, in order
**   demo_courses.c        pass 1: course editions, enrolments, attendance
**   demo_interventions.c  the fate of a path, how each other intervention
**                         went (its history) and its sessions
**   demo_placements.c     host firms, placements and their attendance
**   demo_closing.c        the outcome and the conclusive evaluation
**   demo_register.c       the activity register
**   demo_requests.c       the household's requests
**   demo_coordination.c   the social worker who left (her cases handed
**                         over) and pass 3, social1's team meetings
**
** The public entry point is demo_delivery() (demo_delivery.h).  Every
** function draws from x->rng in the order the cases are delivered, so
** the same seed gives the same delivery.  Nothing outside these files
** includes this one.
*/
#ifndef ALI_DEMO_DELIVERY_COMMON_H
#define ALI_DEMO_DELIVERY_COMMON_H
#include <stdint.h>
#include <stdio.h>

#include "../lib/date.h"
#include "demo_common.h"
#include "demo_delivery.h"

/* Request kinds, as migration 006 lists them. */
enum { RK_RENT, RK_DOCUMENTS, RK_SCHOOL, RK_HEALTH, RK_EMERGENCY, RK_OTHER, RK_COUNT };

/* Kinds of entry of the activity register (their codes: demo_register.c). */
enum { AK_MEETING, AK_PHONE, AK_VISIT, AK_EMAIL, AK_SCHOOL, AK_TEAM, AK_NOTE, AK_COUNT };

/* The generator's state. */
typedef struct Ctx {
  Db *db;
  const DemoStaff *st;
  DemoRng rng;
  int64_t aService[SV_COUNT];
  int64_t aStart[2], aEnd[2]; /* the rounds' first and last days */
  int64_t iManager, iTemp;    /* the manager; the social worker who left */
  int64_t iHandover;          /* the day she left */
  int64_t *aFirm;             /* host firms */
  int nFirm;
  int aAck[RK_COUNT], aRes[RK_COUNT]; /* request targets, working days */
  int nCert;                          /* certificates issued so far */
} Ctx;

/* 0 Monday .. 6 Sunday (1970-01-01 was a Thursday). */
static inline int weekday(int64_t n) { return (int)(((n % 7) + 7 + 3) % 7); }
static inline int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

/* Date and timestamp text of day n, returned by value. */
typedef struct DayText {
  char z[11];
} DayText;
static inline DayText dt(int64_t n) {
  DayText t;
  date_from_days(n, t.z);
  return t;
}
typedef struct StampText {
  char z[32];
} StampText;
static inline StampText st_at(int64_t n, int iHour, int iMin) {
  StampText t;
  char zDay[11];
  date_from_days(n, zDay);
  snprintf(t.z, sizeof t.z, "%.10sT%02d:%02d:00Z", zDay, iHour % 24, iMin % 60);
  return t;
}

/* How an intervention went: dates are day numbers, 0 for none. */
typedef struct IvPath {
  int64_t iStart, iEnd;       /* started (0: cancelled before), ended */
  int64_t iSuspend, iResume;  /* a suspension; iResume 0: never resumed */
  const char *zEnd;           /* completed | interrupted | cancelled */
  const char *zReason;        /* of the interruption or cancellation */
  const char *zSuspendReason; /* of the suspension */
  int64_t iBy;                /* who recorded the transitions */
} IvPath;

/* ---- a batch of cases (pass 2) ---- */

typedef struct PIv {
  int64_t id, iPerson, iOperator;
  int s, nSessions;
  int64_t iStart, iEnd;     /* planned */
  int64_t iStarted, iEnded; /* training: as pass 1 left it */
  char zStatus[12];
  int bCert;   /* a certificate was issued */
  IvPath path; /* the others: as this pass decides */
} PIv;

typedef struct PCase {
  int64_t id, iPerson, iSocial, iCm, iPsy, iProject;
  int iRound;
  int64_t iAgreed, iFirst;
  char zOpened[32];
  int iIv, nIv, iMem, nMem, iObj, nObj;
} PCase;

typedef struct Batch {
  PCase *aCase;
  PIv *aIv;
  int64_t *aMem, *aObj;
  int nCase, nIv, nMem, nObj, nCaseAlloc, nIvAlloc, nMemAlloc, nObjAlloc;
} Batch;

/* Makes room for one more element of a[0..n) (xrealloc, doubling). */
#define GROW(a, n, nAlloc)                                 \
  do {                                                     \
    if ((n) == (nAlloc)) {                                 \
      (nAlloc) = (nAlloc) ? 2 * (nAlloc) : 256;            \
      (a) = xrealloc((a), (size_t)(nAlloc) * sizeof *(a)); \
    }                                                      \
  } while (0)

enum { FATE_DONE, FATE_CUT, FATE_WITHDREW };

/* What happens to one case, decided before anything is written. */
typedef struct Fate {
  int e;                     /* FATE_ */
  const char *zInterruption; /* FATE_CUT: round_ended, moved_away, health, unsuitable, other */
  const char *zWithdrawal;   /* FATE_WITHDREW: a withdrawal reason code */
  const char *zReason;       /* the reason written on the interventions ended */
  int64_t iCut;              /* the day the path was cut short or left */
  int bHandover;             /* held by the social worker who left, until x->iHandover */
} Fate;

/* The outcome of a path and the days it was reached and written. */
typedef struct Outcome {
  const char *zOutcome, *zContract, *zNote;
  int64_t iOn, iWritten;
} Outcome;

/* ---- demo_delivery.c ---- */

/* The social worker holding case k on day d. */
int64_t demo_social_on(const Ctx *x, const PCase *k, const Fate *f, int64_t d);

/* ---- demo_courses.c ---- */

/* Pass 1: every training intervention of an agreed case in a finished
** course edition, with its enrolment, attendance and history; its own
** transactions.  0 or a db.h code (printed). */
int demo_courses(Ctx *x);

/* ---- demo_interventions.c ---- */

/* Intervention id's history (intervention_event) as p says, and its row.
** 0 or a db.h code. */
int demo_iv_history(Ctx *x, int64_t id, const IvPath *p);

/* The fate of case k of batch b into *f. */
void demo_iv_fate(Ctx *x, const Batch *b, const PCase *k, Fate *f);

/* How non-training intervention v of case k went under fate f, into
** v->path. */
void demo_iv_plan(Ctx *x, const Batch *b, const PCase *k, const Fate *f, PIv *v);

/* The sessions of intervention v as v->path went.  0 or a db.h code. */
int demo_iv_sessions(Ctx *x, const PIv *v);

/* ---- demo_placements.c ---- */

/* The host firms into x->aFirm: the programme's three completed, and one
** per three internships.  0 or a db.h code (printed). */
int demo_host_firms(Ctx *x);

/* The placement of internship v of case k with its attendance log;
** *piHired gets the hiring day (0: none: the internship did not complete,
** or the path of fate f is cut short later) and *pzContract its contract
** type.  0 or a db.h code. */
int demo_placement_write(Ctx *x, const PCase *k, const Fate *f, const PIv *v, int64_t *piHired,
                         const char **pzContract);

/* ---- demo_closing.c ---- */

/* The outcome of case k from its fate and what its interventions did
** (iHired: the earliest hiring of its placements, 0 for none), into *o. */
void demo_closing_outcome(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iHired,
                          const char *zHiredContract, Outcome *o);

/* The conclusive evaluation of case k, its objectives judged, the case
** closed on the day it was written.  0 or a db.h code. */
int demo_closing_write(Ctx *x, const Batch *b, const PCase *k, const Fate *f, const Outcome *o);

/* ---- demo_register.c ---- */

/* One entry of kind e (AK_) in the register of case k, by iAuthor on
** iDay, about intervention iIv (0: none) and the people aMember[0..n).
** 0 or a db.h code. */
int demo_register_activity(Ctx *x, const PCase *k, int64_t iDay, int64_t iAuthor, int e,
                           int64_t iIv, int bRestricted, const char *zText, const int64_t *aMember,
                           int nMember);

/* 5 to 25 entries between the agreement and iLast.  0 or a db.h code. */
int demo_register_write(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iLast);

/* ---- demo_requests.c ---- */

/* Zero to four requests of case k, raised after the agreement, before
** iLast, and answered.  0 or a db.h code. */
int demo_requests_write(Ctx *x, const PCase *k, const Fate *f, int64_t iLast);

/* ---- demo_coordination.c ---- */

/* The social worker on a temporary contract (x->iTemp), who left on
** x->iHandover.  0 or a db.h code. */
int demo_handover_worker(Ctx *x);

/* Case k was hers until x->iHandover: its assignments, form and shortlist
** say so.  0 or a db.h code. */
int demo_handover_write(Ctx *x, const PCase *k);

/* Pass 3: social1's weekly team meetings; its own transaction.  0 or a
** db.h code (printed). */
int demo_team_meetings(Ctx *x);

#endif
