/*
** request.h — requests and quick answers (issue 5): a need of a case's
** household (rent, documents, school, health, emergency, other) raised by
** the participant (recorded by a professional) or by a professional,
** assigned to a worker who must acknowledge it and then resolve it:
**
**   raised --acknowledge--> acknowledged --resolve--> resolved
**
** Any other order (acknowledging twice, resolving before acknowledging,
** anything after resolved) is DOMAIN_CONFLICT with the reason under
** "status".  Each kind has a target time to acknowledge and to resolve,
** in working days (src/lib/workdays.h), per agency (request_kind_target,
** migration 006; a kind without a row uses the built-in default, see
** request_target_default).  Due instants: workdays_due(raised_at, days).
** A request is overdue when now is past a due instant it has not met:
** not acknowledged by the acknowledge due, or not resolved by the resolve
** due.  Response times are measured in working days (fractions of them:
** workdays_seconds_between / 86400), the unit targets are set in.
**
** Who answers: request_can_answer().  Tables: request, request_kind_target.
** Conventions as in intake.h (status codes, agency scoping, no
** transactions, strings in the caller's arena); timestamps are UTC
** "YYYY-MM-DDTHH:MM:SSZ" and every zNow parameter may be NULL (now).
*/
#ifndef ALI_REQUEST_H
#define ALI_REQUEST_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "policy.h"
#include "user.h"

#define REQUEST_TEXT_MAX 2000       /* characters of the need */
#define REQUEST_RESOLUTION_MAX 2000 /* characters of the resolution */
#define REQUEST_ACK_DAYS_MAX 60     /* bounds of the targets */
#define REQUEST_RESOLVE_DAYS_MAX 250

typedef enum RequestKind {
  REQ_RENT = 0,  /* "rent" */
  REQ_DOCUMENTS, /* "documents" */
  REQ_SCHOOL,    /* "school" */
  REQ_HEALTH,    /* "health" */
  REQ_EMERGENCY, /* "emergency" */
  REQ_OTHER,     /* "other" */
  REQ_KIND_COUNT
} RequestKind;

/* Code as stored ("rent", ...), NULL out of range.  Pure. */
const char *request_kind_code(RequestKind e);
/* English label, a msgid ("Rent", "Documents", "School", "Health",
** "Emergency", "Other"): translate with tr().  Pure. */
const char *request_kind_label(RequestKind e);
/* The kind of a code, or -1.  Pure. */
int request_kind_from_code(const char *z);

typedef enum RequestStatus {
  REQ_RAISED = 0,     /* "raised" */
  REQ_ACKNOWLEDGED,   /* "acknowledged" */
  REQ_RESOLVED,       /* "resolved" */
} RequestStatus;
/* "raised", "acknowledged", "resolved".  Pure. */
const char *request_status_code(RequestStatus e);
/* Its English label (msgid "Raised", "Acknowledged", "Resolved").  Pure. */
const char *request_status_label(RequestStatus e);

/* ---- targets ---- */

typedef struct RequestTarget {
  RequestKind eKind;
  int nAckDays;      /* working days to acknowledge (0: the same working day) */
  int nResolveDays;  /* working days to resolve, >= nAckDays */
} RequestTarget;

/* The built-in default of a kind: emergency 0/1, health 1/5, rent 2/10,
** school 2/10, documents 2/15, other 3/20 (the reasons are in migration
** 006).  Pure. */
RequestTarget request_target_default(RequestKind e);

/* The agency's targets, one per kind in RequestKind order (the stored row
** or the default).  0 or a db.h code. */
int request_targets(Db *db, int64_t iAgency, RequestTarget a[REQ_KIND_COUNT]);

/* Set the targets of kind e: nAck 0..60 ("ack_days"), nResolve
** nAck..250 ("resolve_days"); DOMAIN_INVALID otherwise.  Upserts the
** row. */
int request_target_set(Db *db, int64_t iAgency, RequestKind e, int nAck, int nResolve,
                       Errors *pErr);

/* ---- requests ---- */

typedef struct RequestInput {
  const char *zKind;           /* a kind code, required */
  const char *zText;           /* the need, 1..2000 characters */
  int64_t iAssignee;           /* 0: the case manager, else the social worker */
  int bByParticipant;          /* 1: the participant raised it */
} RequestInput;

/*
** Raise a request on case iCase by iBy at zNow.  Checks "kind", "text"
** and "assignee": an active account of the agency that works on the case
** (its social worker, psychotherapist or case manager, an operator linked
** to it by case_operator) or a manager of the agency; with iAssignee 0
** the case manager, else the social worker (DOMAIN_INVALID "assignee"
** when the case has neither).  DOMAIN_CONFLICT ("case") when the case is
** closed; DOMAIN_NOT_FOUND when it is not the agency's.  Sets *piId (may
** be NULL).
*/
int request_raise(Db *db, int64_t iAgency, int64_t iCase, const RequestInput *p, int64_t iBy,
                  const char *zNow, int64_t *piId, Errors *pErr);

/* Acknowledge request id (raised -> acknowledged) by iBy at zNow.
** DOMAIN_CONFLICT ("status") from any other status; DOMAIN_NOT_FOUND. */
int request_acknowledge(Db *db, int64_t iAgency, int64_t id, int64_t iBy, const char *zNow,
                        Errors *pErr);

/* Resolve request id (acknowledged -> resolved) by iBy at zNow with
** zResolution (1..2000 characters, "resolution": DOMAIN_INVALID).
** DOMAIN_CONFLICT ("status") when it is not acknowledged; DOMAIN_NOT_FOUND. */
int request_resolve(Db *db, int64_t iAgency, int64_t id, int64_t iBy, const char *zResolution,
                    const char *zNow, Errors *pErr);

typedef struct Request {
  int64_t id, iCase;
  int64_t iPerson;                 /* the case's participant */
  const char *zFirstName, *zLastName; /* the participant */
  RequestKind eKind;
  RequestStatus eStatus;
  int bByParticipant;
  int64_t iRaisedBy, iAssignee, iAckBy, iResolvedBy; /* 0: none */
  const char *zRaisedBy, *zAssignee, *zAckBy, *zResolvedBy; /* full names, NULL: none */
  const char *zText, *zResolution;
  const char *zRaisedAt, *zAckAt, *zResolvedAt; /* timestamps, NULL until then */
  char zAckDue[21], zResolveDue[21]; /* due instants (workdays_due) */
  int bOverdue;                    /* request_is_overdue() at the zNow of the read */
} Request;

/* 1 when p is overdue at zNow (see the top of this file).  Pure. */
int request_is_overdue(const Request *p, const char *zNow);

/* 1 when user pUser, with relation eRel to the request's case, may
** acknowledge and resolve it: its assignee, the holder of the case
** (REL_HOLDER) or a manager (REL_MANAGER).  Pure. */
int request_can_answer(const User *pUser, Relation eRel, const Request *p);

/* Read request id with due instants and overdue flag at zNow.  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int request_get(Db *db, Arena *a, int64_t iAgency, int64_t id, const char *zNow, Request *p);

/* Filter of request_list(); zero fields do not filter. */
typedef struct RequestFilter {
  int64_t iCase;
  int64_t iAssignee;
  int bOpen;          /* 1: only requests not resolved */
  int bOverdue;       /* 1: only requests overdue at zNow */
  int64_t iBefore;    /* keyset: requests with id < iBefore (0: from the newest) */
  int nLimit;         /* 0: no limit */
} RequestFilter;

/* The agency's requests matching f, newest (highest id) first, with
** due instants and overdue flags at zNow.  0 or a db.h code. */
int request_list(Db *db, Arena *a, int64_t iAgency, const RequestFilter *f, const char *zNow,
                 Request **pa, int *pn);

/* ---- response times ---- */

/* The median of a[0..n): the middle value, or the mean of the two middle
** values when n is even; sorts a in place.  0 when n is 0.  Pure. */
double request_median(double *a, int n);
/* The p-th percentile (1..100) of a[0..n) by the nearest-rank method:
** the value at rank ceil(p/100 * n) of the sorted values; sorts a in
** place.  0 when n is 0.  Pure. */
double request_percentile(double *a, int n, int p);

/* Response times of one group of requests (a worker or a kind). */
typedef struct RequestStats {
  int64_t iUser;            /* the assignee (per worker), 0 per kind */
  const char *zName;        /* the assignee's full name, or the kind code */
  int nRequests;            /* requests raised */
  int nAcked, nResolved;    /* of which acknowledged, resolved */
  double rAckMedian, rAckP90;         /* working days raised -> acknowledged */
  double rResolveMedian, rResolveP90; /* working days raised -> resolved */
  int nOverdue;             /* overdue at zNow */
} RequestStats;

/* Response times of the agency's requests (of round iRound's cases when
** iRound is not 0): per assignee (by name) through *paWorker and *pnWorker
** and per kind (RequestKind order, kinds without requests included)
** through *paKind and *pnKind.  0 or a db.h code. */
int request_stats(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const char *zNow,
                  RequestStats **paWorker, int *pnWorker, RequestStats **paKind, int *pnKind);
/* The same for the requests raised in the period [zFrom, zTo] (dates
** "YYYY-MM-DD", both days included; NULL: that end open). */
int request_stats_period(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const char *zFrom,
                         const char *zTo, const char *zNow, RequestStats **paWorker,
                         int *pnWorker, RequestStats **paKind, int *pnKind);

/* The number of requests of case iCase raised at or after zSince (NULL:
** ever), and through *pnOverdue (may be NULL) how many of the case's
** requests are overdue at zNow — for the team meeting.  0 or a db.h
** code. */
int request_case_counts(Db *db, int64_t iAgency, int64_t iCase, const char *zSince,
                        const char *zNow, int *pnNew, int *pnOverdue);

#endif
