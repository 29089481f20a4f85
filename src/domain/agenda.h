/*
** agenda.h — the activities of a case's register planned before they
** happen (issue 5, "My day": "sessions and visits planned"): a home
** visit, a meeting, a school meeting or a phone call is planned for a day
** (and maybe an hour) with the household members it concerns and the
** workers who take part; it is later recorded as done (the day it
** happened, the time spent, what happened) or cancelled with a reason.
** Table activity (status, planned_on, planned_time, plan_text,
** cancel_reason, closed_by, closed_at) and activity_worker, migration
** 010; the entry itself is register.h's Activity.
**
**   planned --done--> done        (on a day not in the future: a visit
**      |                          planned for tomorrow is not done yet)
**      `--cancel--> cancelled     (with a reason)
**
** Any other move (done or cancelled again) is DOMAIN_CONFLICT.  Only
** done entries are the register's timeline (register_list); planned ones
** are the case's "upcoming" list and, for today and the days past, the
** "my day" of their author and of each worker listed.
**
** Who (record level, on top of the route's CAP_REGISTER_WRITE):
**   plan                 register_can_write() (as adding an entry)
**   be listed as worker  an active account of the agency whose relation
**                        to the case allows register_can_write()
**   see a planned entry  agenda_visible(): register_entry_visible(), and
**                        a worker listed on a restricted one
**   record it / cancel   agenda_can_close(): its author, a worker listed,
**                        the holder, the case manager, the manager
**
** Status codes and conventions as in register.h (0, DOMAIN_NOT_FOUND,
** DOMAIN_INVALID with Errors by field, DOMAIN_CONFLICT with the reason
** under "status", db.h codes; no transaction opened here; strings in the
** caller's arena).  zToday / zNow parameters NULL mean today / now, UTC.
*/
#ifndef ALI_AGENDA_H
#define ALI_AGENDA_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "register.h"
#include "user.h"

#define AGENDA_WORKERS_MAX 10 /* workers listed on one planned entry */
#define AGENDA_REASON_MAX 500 /* characters of a cancellation's reason */
#define AGENDA_LIST_MAX 200   /* entries of one upcoming or cancelled list */

/* 1 when kind e may be planned: meeting, phone call, home visit, school
** meeting (an e-mail, a note or a team meeting is written when done).
** Pure. */
int agenda_kind_plannable(ActivityKind e);

/* 1 when iUser with relation eRel may see entry p (any status): as
** register_entry_visible(), or a worker listed on it.  Pure. */
int agenda_visible(Relation eRel, int64_t iUser, const Activity *p);
/* 1 when iUser with relation eRel may record planned entry p as done or
** cancel it (the table above).  Pure. */
int agenda_can_close(Relation eRel, int64_t iUser, const Activity *p);

/* A planned entry: the entry (its nMinutes must be 0: the time spent is
** recorded when done; zText is its purpose), its hour and its workers. */
typedef struct PlanInput {
  ActivityInput in;       /* zOn today or later; zKind plannable */
  const char *zTime;      /* "HH:MM" 00:00-23:59; NULL or blank: any time */
  const int64_t *aWorker; /* users besides the author; duplicates and the
                          ** author are ignored */
  int nWorker;            /* 0..AGENDA_WORKERS_MAX */
} PlanInput;

/*
** Plan an entry of case iCase written by iAuthor, as of zToday.  Checks
** those of register_add() (register_check_input) except the date, and:
** "on_date" (a date, today or later), "kind" (plannable), "minutes" (0),
** "time", "workers" (each an active account of the agency that may write
** the case's register, at most AGENDA_WORKERS_MAX).  Inserts the entry
** (status planned) with its members and workers; sets *piId (may be
** NULL).  DOMAIN_NOT_FOUND when the case is not the agency's.
*/
int agenda_plan(Db *db, int64_t iAgency, int64_t iCase, const PlanInput *p, int64_t iAuthor,
                const char *zToday, int64_t *piId, Errors *pErr);

/* Recording a planned entry as done. */
typedef struct DoneInput {
  const char *zOn;   /* the day it happened: NULL or blank keeps the planned
                     ** day; not in the future */
  long nMinutes;     /* time spent, 0..REGISTER_MINUTES_MAX */
  const char *zText; /* what happened, required, at most REGISTER_TEXT_MAX */
} DoneInput;

/*
** Record planned entry id of case iCase as done by iBy: status done,
** on_date, minutes and text set, closed_by and closed_at (zNow); the
** purpose stays in plan_text.  DOMAIN_NOT_FOUND (not an entry of the
** case), DOMAIN_CONFLICT (not planned: "status"), DOMAIN_INVALID
** ("on_date": in the future — the day given, or the planned day when
** none is given —, "minutes", "text").
*/
int agenda_done(Db *db, int64_t iAgency, int64_t iCase, int64_t id, const DoneInput *p, int64_t iBy,
                const char *zToday, const char *zNow, Errors *pErr);

/*
** Cancel planned entry id of case iCase by iBy with zReason (required,
** at most AGENDA_REASON_MAX characters): status cancelled, cancel_reason,
** closed_by, closed_at.  Codes as agenda_done() ("reason").
*/
int agenda_cancel(Db *db, int64_t iAgency, int64_t iCase, int64_t id, const char *zReason,
                  int64_t iBy, const char *zNow, Errors *pErr);

/*
** The entries of case iCase with status eStatus (ACT_PLANNED: by day, hour
** — any time of the day first — and id; ACT_CANCELLED: the latest
** cancelled first) that match f's kind and member (f may be NULL; its
** page fields are ignored) and that iUser with relation eRel may see
** (agenda_visible), at most AGENDA_LIST_MAX, members and workers read.
** 0 or a db.h code.
*/
int agenda_list(Db *db, Arena *a, int64_t iAgency, int64_t iCase, ActivityStatus eStatus,
                Relation eRel, int64_t iUser, const ActivityFilter *f, Activity **pa, int *pn);

/* A planned entry on someone's day, with its case's participant. */
typedef struct AgendaItem {
  Activity x;
  const char *zFirstName, *zLastName; /* the case's participant */
  int bOverdue;                       /* planned for a day before zToday */
} AgendaItem;

/*
** "My day": the planned entries of pUser's agency whose author is pUser
** or that list pUser as a worker, planned for zToday or before (overdue),
** by day, hour and id, at most AGENDA_LIST_MAX; members and workers read.
** Only those of cases pUser may still read and that agenda_visible()
** lets them see (a worker whose relation to the case ended no longer
** sees its plans).  0 or a db.h code.
*/
int agenda_of_user(Db *db, Arena *a, const User *pUser, const char *zToday, AgendaItem **pa,
                   int *pn);

/*
** The accounts that may be listed as workers of case pCase: the active
** accounts of the agency holding a role of the case's work (social
** worker, psychotherapist, case manager, operator, manager) whose
** relation to the case allows register_can_write(), by name.  0 or a
** db.h code.
*/
int agenda_case_workers(Db *db, Arena *a, int64_t iAgency, const Case *pCase, User **pa, int *pn);

#endif
