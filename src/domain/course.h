/*
** course.h — training courses (issue 5): a course is a catalogue service
** of kind "training"; it runs in editions (course_edition, migration 005)
** with dates, seats, a trainer (an operator) and a place.  A project's
** intervention of that service is enrolled in one edition; when the
** edition is full it waits, in order, and the first waiting takes the
** first seat that frees (course_fill_seats).  Attendance is registered
** per session; completion carries the certificate (number and date).
**
** Enrolment statuses:
**
**   waiting --(a seat frees)--> enrolled --complete--> completed
**      |                          |  \--fail-------> failed
**      +---withdraw--> withdrawn <+
**
** A seat is taken by an enrolled or completed enrolment; withdrawn and
** failed free it.  The intervention follows (delivery.h): the edition's
** start starts its enrolled interventions (planned -> active), a seat
** taken in a running edition starts it at once, completion completes it,
** withdrawal and failure interrupt it (or cancel it while still planned).
**
** Edition statuses: planned --start--> running --finish--> finished;
** planned --cancel--> cancelled (its enrolments are deleted, so that their
** interventions can be enrolled in another edition).
**
** Record-level rules (docs/access.md, "Training courses"): see
** course_is_trainer, course_can_setup, course_sees_person.
**
** Status codes and conventions as in intake.h: 0, DOMAIN_NOT_FOUND,
** DOMAIN_INVALID (Errors filled, nothing written), DOMAIN_CONFLICT (the
** reason under the field named), or a db.h code.  No function opens a
** transaction.  Strings returned live in the caller's arena.
*/
#ifndef ALI_COURSE_H
#define ALI_COURSE_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "policy.h"
#include "user.h"

#define COURSE_SEATS_MAX 500
#define COURSE_MINUTES_MAX 720

typedef struct Edition {
  int64_t id;
  int64_t iService; /* a training service of the agency; 0 with
                    ** zServiceCode set: by code */
  const char *zServiceCode;
  const char *zServiceName;        /* read: in the request language */
  const char *zCode;               /* 1..32 of A-Z a-z 0-9 _ -, unique in the agency */
  const char *zTitle;              /* required, <= 200 characters */
  const char *zStartsOn, *zEndsOn; /* dates, ends_on not before starts_on */
  int nSeats;                      /* 1..COURSE_SEATS_MAX */
  int64_t iTrainer;                /* an active operator of the agency; 0 none */
  const char *zTrainer;            /* read: full name */
  int64_t iOrganisation;           /* a cooperative of the agency; 0 none */
  const char *zOrganisation;       /* read: name */
  const char *zPlace;              /* <= 200 characters; may be NULL */
  const char *zStatus;             /* read: planned|running|finished|cancelled */
  int nTaken, nWaiting;            /* read: seats taken (enrolled+completed), waiting */
} Edition;

/* Pure checks of an edition's fields (names as in the JSON: code, title,
** starts_on, ends_on ("must not be before the start"), seats, place). */
void course_edition_validate(const Edition *p, Errors *pErr);

/*
** Create (p->id 0: status planned) or edit edition p.  Beyond the
** validation: "service" must be a training service of the agency,
** "trainer_id" an active operator of it, "organisation_id" a cooperative
** of it, "code" not used by another edition (all DOMAIN_INVALID).  An
** edit of a finished or cancelled edition, or seats below the seats
** taken, is DOMAIN_CONFLICT ("status", "seats"); the service of an
** edition with enrolments cannot change (DOMAIN_CONFLICT, "service").
** Raising the seats fills them from the waiting list (course_fill_seats,
** iBy the author).  Sets p->id.
*/
int course_edition_save(Db *db, int64_t iAgency, Edition *p, int64_t iBy, Errors *pErr);

/* Read edition id (service name in language iLang, counts). */
int course_edition_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, Edition *p);

/* The agency's editions, of service iService (0: all), by service code
** then start date. */
int course_edition_list(Db *db, Arena *a, int64_t iAgency, int64_t iService, int iLang,
                        Edition **pa, int *pn);

/*
** Move edition id: zAction "start" (planned -> running; every enrolled
** intervention starts on zOn via iv_transition), "finish" (running ->
** finished), "cancel" (planned -> cancelled; its enrolments and their
** attendance are deleted).  zOn a date (NULL: today; not in the future).
** Unknown action: DOMAIN_INVALID ("status"); not allowed from the
** present status: DOMAIN_CONFLICT ("status"); an intervention that
** cannot start passes on iv_transition's conflict.
*/
int course_edition_move(Db *db, int64_t iAgency, int64_t id, const char *zAction, const char *zOn,
                        int64_t iBy, Errors *pErr);

/* ---- enrolments ---- */

typedef struct Enrolment {
  int64_t id, iEdition, iIntervention, iPerson, iCase;
  const char *zPersonName;  /* "First Last" */
  const char *zStatus;      /* enrolled|waiting|completed|withdrawn|failed */
  int iPosition;            /* waiting: 1, 2, ... in order; else 0 */
  const char *zEnrolledAt;  /* UTC timestamp */
  const char *zCompletedOn; /* completed, withdrawn or failed: date; else NULL */
  const char *zCertificateNumber, *zCertificateOn; /* NULL when none */
  const char *zIvStatus;                           /* the intervention's status */
  int nPresent;                                    /* sessions attended */
} Enrolment;

/* The enrolment status codes with their labels (msgids), as code, label
** pairs ending with NULL. */
extern const char *const course_azEnrolmentStatus[];
/* ... and the edition statuses. */
extern const char *const course_azEditionStatus[];
/* The label (a msgid) of a code of such a list, or the code itself. */
const char *course_label(const char *const *az, const char *zCode);

/*
** Enrol intervention iIntervention in edition iEdition, for its person:
** the edition planned or running ("status"), the intervention of the
** agency ("intervention_id", DOMAIN_INVALID "no such intervention"), of
** the edition's service, of an agreed project, planned, and not already
** enrolled in an edition (each DOMAIN_CONFLICT under "intervention_id").
** It joins the end of the waiting list, then course_fill_seats runs: a
** free seat makes it enrolled at once.  Sets *piEnrolment.
*/
int course_enrol(Db *db, int64_t iAgency, int64_t iEdition, int64_t iIntervention, int64_t iBy,
                 int64_t *piEnrolment, Errors *pErr);

/*
** Fill the free seats of edition iEdition (seats minus enrolled and
** completed) from its waiting list, first position first; in a running
** edition each intervention that takes a seat starts (iv_transition, on
** today, by iBy).  Positions of those still waiting are renumbered
** 1, 2, ...  A finished or cancelled edition fills nothing.  *pnMoved
** (may be NULL) gets how many took a seat.  0 or an error code.
*/
int course_fill_seats(Db *db, int64_t iAgency, int64_t iEdition, int64_t iBy, int *pnMoved,
                      Errors *pErr);

/* The edition's enrolments: enrolled and completed first (by name), then
** the waiting list in order, then withdrawn and failed. */
int course_enrolments(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, Enrolment **pa, int *pn);

/* Read enrolment id of edition iEdition. */
int course_enrolment_get(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, int64_t id,
                         Enrolment *p);

/* A change of an enrolment, as the form and the API give it. */
typedef struct EnrolmentChange {
  const char *zAction;            /* complete | withdraw | fail */
  const char *zOn;                /* date (NULL: today), not in the future */
  const char *zReason;            /* withdraw, fail: required, 10..500 characters */
  const char *zCertificateNumber; /* complete: optional, <= 100 characters */
  const char *zCertificateOn;     /* complete: date, required with a number */
} EnrolmentChange;

/*
** Apply c to enrolment iEnrolment of edition iEdition.  complete: an
** enrolled participant of a running or finished edition; completes the
** intervention (IV_COMPLETE on zOn) and stores the certificate; on an
** already completed enrolment only the certificate is updated.  withdraw:
** waiting or enrolled; the intervention is interrupted with the reason
** (cancelled while still planned).  fail: enrolled, in a running or
** finished edition; interrupted likewise.  A freed seat is filled
** (course_fill_seats).  Errors: "action" (DOMAIN_INVALID unknown,
** DOMAIN_CONFLICT not allowed now), "on", "reason", "certificate_number",
** "certificate_on"; iv_transition's conflicts pass on.
*/
int course_enrolment_change(Db *db, int64_t iAgency, int64_t iEdition, int64_t iEnrolment,
                            const EnrolmentChange *c, int64_t iBy, Errors *pErr);

/* ---- sessions and attendance ---- */

typedef struct CourseSession {
  int64_t id;
  const char *zOn;         /* date within the edition's dates */
  int nMinutes;            /* 1..COURSE_MINUTES_MAX */
  const char *zTopic;      /* <= 200 characters; may be NULL */
  int nPresent, nRecorded; /* read: present, rows recorded */
} CourseSession;

/* Add a session to edition iEdition (not finished or cancelled:
** DOMAIN_CONFLICT "status"); errors on "on_date" (required, within the
** edition's dates), "minutes", "topic".  Sets p->id. */
int course_session_add(Db *db, int64_t iAgency, int64_t iEdition, CourseSession *p, Errors *pErr);

/* The sessions of an edition, by date. */
int course_sessions(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, CourseSession **pa,
                    int *pn);

/*
** Record the attendance of session iSession of edition iEdition: every
** enrolment now enrolled gets a row, present when its id is among
** aPresent[0..nPresent), absent otherwise (replacing what was recorded).
** The edition must be running or finished (DOMAIN_CONFLICT "status"); an
** id of aPresent that is not an enrolled participant of the edition is
** DOMAIN_INVALID ("present").  DOMAIN_NOT_FOUND for an unknown session.
*/
int course_attendance_record(Db *db, int64_t iAgency, int64_t iEdition, int64_t iSession,
                             const int64_t *aPresent, int nPresent, Errors *pErr);

/* 1 when enrolment iEnrolment was recorded present at session iSession,
** 0 absent, -1 not recorded.  For the register grid. */
int course_attended(Db *db, int64_t iSession, int64_t iEnrolment);

/* The case of intervention iIntervention of the agency (its project's),
** or 0 when there is none: enrolling asks the caller's right to it. */
int64_t course_intervention_case(Db *db, int64_t iAgency, int64_t iIntervention);
/* The edition intervention iIntervention is enrolled in (any status), or
** 0; for the link on the project page. */
int64_t course_edition_of(Db *db, int64_t iAgency, int64_t iIntervention);

/* ---- record-level rules ---- */

/* 1 when pUser is the edition's trainer and holds the operator role:
** the trainer records attendance and completes participants. */
int course_is_trainer(const User *pUser, const Edition *p);
/* 1 when pUser sets up editions and enrols (manager, case manager). */
int course_can_setup(const User *pUser);
/* 1 when pUser may see the name of participant iPerson on the edition's
** page: the trainer and the manager see every participant, a case
** manager the participants of their own cases (access_person gives
** REL_CASE_MANAGER); others see only counts. */
int course_sees_person(Db *db, const User *pUser, const Edition *p, int64_t iPerson);

#endif
