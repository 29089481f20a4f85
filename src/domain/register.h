/*
** register.h — the activity register of a case (issue 5, "The activity
** register"): a timeline of what the professionals did for a household —
** meetings, phone calls, home visits, e-mails, school meetings, team
** meetings, notes — each with its date, author, time spent, the household
** members involved, the intervention it concerns and a confidentiality
** level.  Tables activity and activity_member (migration 006).
**
** Who may do what (record level; the routes already demand
** CAP_REGISTER_WRITE to write and CAP_PERSON_READ to read), with the
** relation of intake_case_relation():
**   read the register   register_can_read(): holder, psychotherapist,
**                       case manager, operator (linked to the participant),
**                       break glass, manager
**   add an entry        register_can_write(): the same without break glass
**   see a restricted    register_entry_visible(): its author, the holder,
**   entry               the case manager, the manager — nobody else, not
**                       even under break glass
**
** Status codes and conventions as in intake.h (0, DOMAIN_NOT_FOUND,
** DOMAIN_INVALID with the Errors by field, DOMAIN_CONFLICT, db.h codes;
** no transaction opened here; strings in the caller's arena; dates
** "YYYY-MM-DD", timestamps UTC "YYYY-MM-DDTHH:MM:SSZ").  Entries are
** never edited nor deleted: a correction is a new entry.  A closed case
** still takes entries (follow-up after the path ended).
**
** An entry may also be planned before it happens and later recorded as
** done or cancelled (agenda.h, migration 010): only done entries are the
** timeline (register_list), the counts and the minutes below; an entry
** added here is done at once.
*/
#ifndef ALI_REGISTER_H
#define ALI_REGISTER_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "intake.h"
#include "policy.h"
#include "user.h"

#define REGISTER_TEXT_MAX 4000   /* characters of an entry's text */
#define REGISTER_MINUTES_MAX 1440 /* time spent: 0..1440 minutes */
#define REGISTER_MEMBERS_MAX 20  /* household members of one entry */
#define REGISTER_PAGE 50         /* entries per page of the timeline */

/* The kinds of entry, as stored. */
typedef enum ActivityKind {
  ACT_MEETING = 0,   /* "meeting" */
  ACT_PHONE_CALL,    /* "phone_call" */
  ACT_HOME_VISIT,    /* "home_visit" */
  ACT_EMAIL,         /* "email" */
  ACT_SCHOOL_MEETING,/* "school_meeting" */
  ACT_TEAM_MEETING,  /* "team_meeting" (the weekly team meeting writes these) */
  ACT_NOTE,          /* "note" */
  ACT_KIND_COUNT
} ActivityKind;

/* The code of a kind ("meeting", ...); NULL out of range.  Pure. */
const char *register_kind_code(ActivityKind e);
/* The English label of a kind, a msgid ("Meeting", "Phone call", "Home
** visit", "E-mail", "School meeting", "Team meeting", "Note"): translate
** with tr().  NULL out of range.  Pure. */
const char *register_kind_label(ActivityKind e);
/* The kind of a code, or -1.  Pure. */
int register_kind_from_code(const char *z);

/* The record-level rules above, in one place.  Pure. */
int register_can_read(Relation e);
int register_can_write(Relation e);
/* 1 when a user with relation eRel to the case may see an entry written
** by iAuthor with confidentiality bRestricted: any entry the caller may
** read when it is normal; a restricted one only when iUser is its author
** or eRel is REL_HOLDER, REL_CASE_MANAGER or REL_MANAGER.  Pure. */
int register_entry_visible(Relation eRel, int64_t iUser, int64_t iAuthor, int bRestricted);

/* A new entry, as the form, the API and the team meeting give it. */
typedef struct ActivityInput {
  const char *zOn;          /* date, required, not in the future */
  const char *zKind;        /* a kind code, required */
  long nMinutes;            /* time spent, 0..REGISTER_MINUTES_MAX */
  const int64_t *aMember;   /* ids of persons of the case's household */
  int nMember;              /* 0..REGISTER_MEMBERS_MAX; duplicates ignored */
  int64_t iIntervention;    /* 0: none; else an intervention of the case's project */
  int bRestricted;          /* 0 normal, 1 restricted */
  const char *zText;        /* required, at most REGISTER_TEXT_MAX characters */
} ActivityInput;

/*
** Add an entry to case iCase of agency iAgency written by iAuthor.
** Checks (DOMAIN_INVALID, the message under the field named): "on_date"
** (a date, not in the future), "kind", "minutes" (0..1440), "members"
** (each a member of the case's household, at most 20), "intervention"
** (an intervention of the case's project), "text" (1..4000 characters).
** DOMAIN_NOT_FOUND when the case is not the agency's.  Inserts activity
** and its activity_member rows (created_at now) and sets *piId (may be
** NULL).  Record-level access is the caller's (register_can_write).
*/
int register_add(Db *db, int64_t iAgency, int64_t iCase, const ActivityInput *p,
                 int64_t iAuthor, int64_t *piId, Errors *pErr);
/* register_add() for the case *pCase the caller has read already (a
** request reads it to decide access): the same checks, one read less. */
int register_add_to(Db *db, int64_t iAgency, const Case *pCase, const ActivityInput *p,
                    int64_t iAuthor, int64_t *piId, Errors *pErr);

/* A member involved in an entry. */
typedef struct ActivityMember {
  int64_t iPerson;
  const char *zFirstName, *zLastName;
} ActivityMember;

/* The status of an entry (activity.status). */
typedef enum ActivityStatus {
  ACT_DONE = 0,  /* "done": it happened on zOn */
  ACT_PLANNED,   /* "planned": it is planned for zOn (agenda.h) */
  ACT_CANCELLED, /* "cancelled": planned, then called off */
  ACT_STATUS_COUNT
} ActivityStatus;

/* The code of a status ("done", ...); NULL out of range.  Pure. */
const char *register_status_code(ActivityStatus e);
/* The status of a code, or -1.  Pure. */
int register_status_from_code(const char *z);

/* A worker taking part in a planned entry besides its author. */
typedef struct ActivityWorker {
  int64_t iUser;
  const char *zFullName;
} ActivityWorker;

/* One entry of the register. */
typedef struct Activity {
  int64_t id, iCase;
  const char *zOn;                 /* date */
  int64_t iAuthor;
  const char *zAuthor;             /* the author's full name */
  ActivityKind eKind;
  int nMinutes;
  int64_t iIntervention;           /* 0: none */
  const char *zServiceIt, *zServiceEn; /* the intervention's service name in
                                   ** Italian and English, NULL without one */
  int bRestricted;
  const char *zText;
  const char *zCreatedAt;          /* timestamp */
  ActivityMember *aMember;         /* by last name, first name */
  int nMember;
  /* planning (agenda.h); NULL or 0 for an entry never planned */
  ActivityStatus eStatus;
  const char *zPlannedOn;          /* the day it was planned for */
  const char *zPlannedTime;        /* "HH:MM", NULL: any time of the day */
  const char *zPlanText;           /* its purpose as planned */
  const char *zCancelReason;       /* cancelled only */
  int64_t iClosedBy;               /* who recorded it done or cancelled it */
  const char *zClosedBy;           /*   (full name) */
  const char *zClosedAt;           /*   and when (timestamp) */
  ActivityWorker *aWorker;         /* the workers listed, by name */
  int nWorker;
} Activity;

/* Filter and page of register_list().  Zero fields do not filter. */
typedef struct ActivityFilter {
  int eKind;                       /* -1: any kind */
  int64_t iMember;                 /* 0: any; else entries involving this person */
  const char *zBeforeOn;           /* keyset: entries strictly before */
  int64_t iBeforeId;               /*   (zBeforeOn, iBeforeId) in the order
                                   **   below; zBeforeOn NULL: from the newest */
  int nLimit;                      /* 0: REGISTER_PAGE */
} ActivityFilter;

/*
** The done entries of case iCase of the agency that match f and that the
** caller (iUser with relation eRel) may see (register_entry_visible:
** restricted entries of others are left out, not masked), newest first:
** by on_date descending then id descending, at most nLimit.  *pbMore is
** set to 1 when more entries follow the last one returned (fetch the
** next page with zBeforeOn/iBeforeId = the last entry's zOn/id); pbMore
** may be NULL.  0 or a db.h code; an unknown case gives an empty list.
*/
int register_list(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Relation eRel,
                  int64_t iUser, const ActivityFilter *f, Activity **pa, int *pn, int *pbMore);

/* Read entry id of case iCase (members and workers included), whatever
** its status and confidentiality: the caller applies
** register_entry_visible() (agenda_visible() for a planned one).  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int register_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, int64_t id, Activity *p);

/* The number of done entries of case iCase written (or, when planned
** first, recorded as done) at or after the timestamp zSince (NULL:
** ever), whatever their confidentiality — for the team meeting's "cases
** with new activity".  -1 on a database error. */
int register_count_since(Db *db, int64_t iAgency, int64_t iCase, const char *zSince);

/* The total minutes spent on case iCase (done entries), or -1 on a
** database error. */
long register_minutes_total(Db *db, int64_t iAgency, int64_t iCase);

/* ---- for agenda.c: the checks and the insertion of register_add ---- */

/* Check every field of p for case pCase as register_add() does, except
** the date: "on_date" must be a date not in the future when bPlan is 0,
** and is left to the caller when bPlan is 1.  Errors under their
** fields. */
void register_check_input(Db *db, int64_t iAgency, const Case *pCase, const ActivityInput *p,
                          int bPlan, Errors *pErr);
/* Insert p (checked) as an entry of case iCase with status eStatus (for
** a planned one: planned_on = on_date, planned_time zTime or NULL,
** plan_text = the text) and its members; sets *piId.  0 or a db.h
** code. */
int register_insert(Db *db, int64_t iAgency, int64_t iCase, const ActivityInput *p,
                    ActivityStatus eStatus, const char *zTime, int64_t iAuthor, int64_t *piId);
/* Read the members and the workers of entry *p. */
int register_people(Db *db, Arena *a, Activity *p);
/* The SELECT list and joins that register_row() reads, for agenda.c. */
#define REGISTER_SELECT                                                                    \
  "SELECT a.id, a.case_id, a.on_date, a.author_id, u.full_name, a.kind, a.minutes,"        \
  " a.intervention_id, s.name_it, s.name_en, a.confidentiality, a.text, a.created_at,"     \
  " a.status, a.planned_on, a.planned_time, a.plan_text, a.cancel_reason, a.closed_by,"    \
  " cu.full_name, a.closed_at"                                                             \
  " FROM activity a JOIN app_user u ON u.id=a.author_id"                                   \
  " LEFT JOIN app_user cu ON cu.id=a.closed_by"                                            \
  " LEFT JOIN intervention i ON i.id=a.intervention_id"                                    \
  " LEFT JOIN service s ON s.id=i.service_id"
/* Fill *p from a row of REGISTER_SELECT (members and workers not read). */
void register_row(DbStmt *q, Arena *a, Activity *p);

#endif
