/*
** coordination.h — the professionals of a case working together (issue
** 5, "Coordination"): the weekly team meeting of a social worker with
** the case managers of their cases, and "my day", what needs each user
** today.  The caseload handover and the check of cases without a worker
** are handover.h's.
**
** The team meeting.  For a social worker, the active cases they hold
** (handover.h's definition of active) with, since the last meeting: the
** register entries created (register_count_since, register.h), the
** requests raised and those overdue now (request_case_counts,
** request.h), and the interventions starting or ending in the next two
** weeks.  "Since the last meeting" is from the second after the
** created_at of the social worker's latest team_meeting (by held_on,
** then id; created_at is set once its minutes are written, so they do
** not count as new); with no meeting yet, the last 7 days.  Recording a meeting stores team_meeting
** and a team_meeting_case row per case discussed, and writes each
** minute into that case's register (register_add, kind team_meeting, on
** the meeting's date, by the recorder).
**
** Status codes and conventions as in intake.h (0, DOMAIN_NOT_FOUND,
** DOMAIN_INVALID with the Errors by field, db.h codes; no transaction
** opened here; strings in the caller's arena; dates "YYYY-MM-DD"; zToday
** and zNow parameters NULL mean today / now, UTC).  Record-level access
** is the caller's: a social worker sees their own meeting, a manager
** anyone's, a case manager only the cases they manage (iCaseManager).
*/
#ifndef ALI_COORDINATION_H
#define ALI_COORDINATION_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "intake.h"
#include "request.h"
#include "user.h"

#define COORD_SOON_DAYS 14   /* "in the next two weeks" */
#define COORD_NOTES_MAX 4000 /* characters of a meeting's notes */
#define COORD_MINUTES_MAX 60 /* cases of one meeting */

/* An intervention starting or ending soon. */
typedef struct IvSoon {
  int64_t id, iCase;
  const char *zService;               /* the service's name in the request language */
  const char *zFirstName, *zLastName; /* who receives it */
  const char *zStatus;                /* planned | active | suspended */
  int bStarting;                      /* 1: planned, starts on zOn; 0: ends on zOn */
  const char *zOn;                    /* planned_start or planned_end */
} IvSoon;

/* One case of the team meeting. */
typedef struct MeetingCase {
  int64_t iCase;
  const char *zPersonRef, *zFirstName, *zLastName;
  Stage eStage;
  int64_t iCaseManager;     /* 0: none */
  const char *zCaseManager; /* full name, NULL when none */
  int nNewActivity;         /* register entries since the last meeting */
  int nNewRequests;         /* requests raised since the last meeting */
  int nOverdue;             /* requests overdue now */
  IvSoon *aIv;              /* interventions starting or ending soon */
  int nIv;
  int bToDiscuss; /* any of the above */
} MeetingCase;

typedef struct MeetingView {
  int64_t iSocialWorker;
  const char *zSocialWorker; /* full name */
  int64_t iLastMeeting;      /* 0: none yet */
  const char *zLastHeldOn;   /* NULL: none yet */
  const char *zSince;        /* the timestamp "new" counts from */
  MeetingCase *aCase;        /* cases to discuss first, then by name */
  int nCase;
} MeetingView;

/*
** The team meeting of social worker iSocialWorker (an account of the
** agency with that role, else DOMAIN_NOT_FOUND) as of zToday/zNow.  When
** iCaseManager is not 0, only the cases that user manages (a case
** manager sees the cases they work on with this social worker).  iLang
** chooses the language of service names.
*/
int coord_meeting_view(Db *db, Arena *a, int64_t iAgency, int64_t iSocialWorker,
                       int64_t iCaseManager, const char *zToday, const char *zNow, int iLang,
                       MeetingView *p);

/* The social workers a case manager shares active cases with, by name
** (for the case manager's choice of meeting). */
int coord_social_workers_of(Db *db, Arena *a, int64_t iAgency, int64_t iCaseManager, User **pa,
                            int *pn);

/* The minute of one case discussed. */
typedef struct MeetingMinute {
  int64_t iCase;
  const char *zMinute; /* 1..4000 characters */
} MeetingMinute;

typedef struct MeetingInput {
  int64_t iSocialWorker;
  const char *zHeldOn;          /* required, not in the future */
  const char *zNotes;           /* optional, at most COORD_NOTES_MAX characters */
  const MeetingMinute *aMinute; /* at least one, at most COORD_MINUTES_MAX */
  int nMinute;
  int64_t iCaseManager; /* not 0: every case must be managed by this user */
} MeetingInput;

/*
** Record a team meeting by iBy.  Checks: "social_worker" (an active
** social worker of the agency), "held_on", "notes", "minutes" (at least
** one, none twice), each case an active case held by the social worker
** (and managed by p->iCaseManager when set) and each minute's text
** ("minute.<case id>", field names in a).  Then inserts team_meeting,
** its team_meeting_case rows and one register entry per case.  Sets
** *piMeeting (may be NULL).
*/
int coord_meeting_record(Db *db, Arena *a, int64_t iAgency, const MeetingInput *p, int64_t iBy,
                         int64_t *piMeeting, Errors *pErr);

/* A past meeting, for the list on the meeting page. */
typedef struct Meeting {
  int64_t id;
  const char *zHeldOn, *zNotes, *zCreatedBy;
  int nCase;
} Meeting;
/* The latest meetings of a social worker, newest first, at most nLimit. */
int coord_meetings(Db *db, Arena *a, int64_t iAgency, int64_t iSocialWorker, int nLimit,
                   Meeting **pa, int *pn);

/* ---- my day ---- */

/* A case with a form to complete. */
typedef struct DueForm {
  int64_t iCase;
  const char *zFirstName, *zLastName;
  const char *zKind; /* "access_form": first interview without a form;
                     ** "project": project to write or still a draft;
                     ** "evaluation": the conclusive evaluation is due */
  const char *zDue;  /* a date when known (round end), else NULL */
} DueForm;

/* A course session of an edition the user trains. */
typedef struct DaySession {
  int64_t iEdition;
  const char *zTitle, *zOn, *zPlace;
} DaySession;

typedef struct MyDay {
  Request *aReq; /* open requests assigned to the user, overdue first */
  int nReq, nOverdue;
  DaySession *aSession; /* sessions of the user's course editions, today..+6 days */
  int nSession;
  IvSoon *aIv; /* interventions of the user's cases, or delivered by
               ** the user, starting or ending today..+COORD_SOON_DAYS */
  int nIv;
  DueForm *aForm; /* forms to complete */
  int nForm;
  int nCases; /* active cases the user holds in any role */
} MyDay;

/*
** What needs user pUser today (zToday/zNow).  Forms: access_form for
** shortlisted cases the user holds as social worker without a saved
** form; project for cases the user manages at stage first_interview or
** second_interview without an agreed project; evaluation for agreed,
** open cases the user manages whose round ends within COORD_SOON_DAYS
** (or has ended) or whose interventions have all ended.  The manager's
** cases without a worker are handover_orphans()'s.
*/
int coord_my_day(Db *db, Arena *a, int64_t iAgency, const User *pUser, const char *zToday,
                 const char *zNow, int iLang, MyDay *p);

#endif
