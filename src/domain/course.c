/*
** course.c — training courses: editions of a training service, the
** enrolment of projects' interventions with a waiting list filled in
** order, sessions and the register of attendance, completion with a
** certificate.  The rules are described in course.h; the intervention's
** lifecycle is delivery.h's (iv_transition).
*/
#include "course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "access.h"
#include "delivery.h"
#include "intake.h"

const char *const course_azEnrolmentStatus[] = {
    "enrolled",  N_("enrolled"),  "waiting", N_("waiting"), "completed", N_("completed"),
    "withdrawn", N_("withdrawn"), "failed",  N_("failed"),  NULL};
const char *const course_azEditionStatus[] = {"planned",     N_("planned"),   "running",
                                              N_("running"), "finished",      N_("finished"),
                                              "cancelled",   N_("cancelled"), NULL};

const char *course_label(const char *const *az, const char *zCode) {
  for (int i = 0; zCode && az[i]; i += 2) {
    if (strcmp(az[i], zCode) == 0) return az[i + 1];
  }
  return zCode;
}

/* Room for one more element in the arena array pa of n elements. */
static void *course_grow(Arena *a, void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return pa;
  *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 8;
  void *aNew = arena_alloc(a, sz * (size_t)*pnAlloc);
  if (n) memcpy(aNew, pa, sz * (size_t)n);
  return aNew;
}

/* Add zMsg under zField and answer DOMAIN_CONFLICT. */
static int course_conflict(Errors *pErr, const char *zField, const char *zMsg) {
  errors_add(pErr, zField, zMsg);
  return DOMAIN_CONFLICT;
}

/* ------------------------------------------------------------------ */
/* Editions                                                            */
/* ------------------------------------------------------------------ */

void course_edition_validate(const Edition *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "title", p->zTitle, 200, 1);
  domain_check_text(pErr, "place", p->zPlace, 200, 0);
  int bStart = !domain_blank(p->zStartsOn) && date_valid(p->zStartsOn);
  int bEnd = !domain_blank(p->zEndsOn) && date_valid(p->zEndsOn);
  if (domain_blank(p->zStartsOn))
    errors_add(pErr, "starts_on", N_("required"));
  else if (!bStart)
    errors_add(pErr, "starts_on", N_("not a valid date (YYYY-MM-DD)"));
  if (domain_blank(p->zEndsOn))
    errors_add(pErr, "ends_on", N_("required"));
  else if (!bEnd)
    errors_add(pErr, "ends_on", N_("not a valid date (YYYY-MM-DD)"));
  else if (bStart && strcmp(p->zEndsOn, p->zStartsOn) < 0)
    errors_add(pErr, "ends_on", N_("must not be before the start"));
  if (p->nSeats < 1 || p->nSeats > COURSE_SEATS_MAX)
    errors_add(pErr, "seats", N_("must be between 1 and 500"));
}

/* Resolve p->iService (by code when 0) and check it is a training service
** of the agency; check the trainer and the organisation.  Errors added. */
static void course_edition_refs(Db *db, int64_t iAgency, Edition *p, Errors *pErr) {
  if (!p->iService && !domain_blank(p->zServiceCode)) {
    p->iService = db_int(db, 0, "SELECT id FROM service WHERE agency_id=$1 AND code=$2", "it",
                         iAgency, p->zServiceCode);
  }
  if (p->iService <= 0 ||
      db_int(db, 0, "SELECT count(*) FROM service WHERE id=$1 AND agency_id=$2 AND kind='training'",
             "ii", p->iService, iAgency) == 0) {
    errors_add(pErr, "service", N_("not a training course of the catalogue"));
  }
  if (p->iTrainer && !intake_user_has_role(db, iAgency, p->iTrainer, "operator", 0))
    errors_add(pErr, "trainer_id", N_("not an active operator"));
  if (p->iOrganisation &&
      db_int(
          db, 0,
          "SELECT count(*) FROM organisation WHERE id=$1 AND agency_id=$2 AND kind='cooperative'",
          "ii", p->iOrganisation, iAgency) == 0)
    errors_add(pErr, "organisation_id", N_("not a cooperative of the agency"));
  if (db_int(db, 0, "SELECT count(*) FROM course_edition WHERE agency_id=$1 AND code=$2 AND id<>$3",
             "iti", iAgency, p->zCode, p->id) > 0)
    errors_add(pErr, "code", N_("already used by another edition"));
}

/* The conflicts of editing edition p over the stored one. */
static int course_edition_edit_check(Db *db, Arena *a, int64_t iAgency, const Edition *p,
                                     Errors *pErr) {
  Edition old;
  int rc = course_edition_get(db, a, iAgency, p->id, LANG_EN, &old);
  if (rc) return rc;
  if (strcmp(old.zStatus, "finished") == 0 || strcmp(old.zStatus, "cancelled") == 0)
    return course_conflict(pErr, "status", N_("the edition is finished or cancelled"));
  if (p->nSeats < old.nTaken)
    return course_conflict(pErr, "seats", N_("fewer seats than participants already enrolled"));
  if (p->iService != old.iService && old.nTaken + old.nWaiting > 0)
    return course_conflict(pErr, "service", N_("the edition already has participants"));
  return 0;
}

int course_edition_save(Db *db, int64_t iAgency, Edition *p, int64_t iBy, Errors *pErr) {
  int nErr = pErr->n;
  course_edition_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  course_edition_refs(db, iAgency, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  const char *zPlace = domain_blank(p->zPlace) ? NULL : p->zPlace;
  if (p->id == 0) {
    char zNow[21];
    timestamp_now(zNow);
    p->id = db_int(db, 0,
                   "INSERT INTO course_edition(agency_id, service_id, code, title, starts_on,"
                   " ends_on, seats, trainer_id, organisation_id, place, status, created_at)"
                   " VALUES ($1,$2,$3,$4,$5,$6,$7,NULLIF($8,0),NULLIF($9,0),$10,'planned',$11)"
                   " RETURNING id",
                   "iittttiiitt", iAgency, p->iService, p->zCode, p->zTitle, p->zStartsOn,
                   p->zEndsOn, (int64_t)p->nSeats, p->iTrainer, p->iOrganisation, zPlace, zNow);
    return p->id > 0 ? 0 : DB_ERROR;
  }
  Arena a = ARENA_INIT;
  int rc = course_edition_edit_check(db, &a, iAgency, p, pErr);
  arena_free(&a);
  if (rc) return rc;
  rc = db_exec(db,
               "UPDATE course_edition SET service_id=$3, code=$4, title=$5, starts_on=$6,"
               " ends_on=$7, seats=$8, trainer_id=NULLIF($9,0), organisation_id=NULLIF($10,0),"
               " place=$11 WHERE id=$1 AND agency_id=$2",
               "iiittttiiit", p->id, iAgency, p->iService, p->zCode, p->zTitle, p->zStartsOn,
               p->zEndsOn, (int64_t)p->nSeats, p->iTrainer, p->iOrganisation, zPlace);
  return rc ? rc : course_fill_seats(db, iAgency, p->id, iBy, NULL, pErr);
}

#define EDITION_COLS                                                                     \
  "SELECT e.id, e.service_id, s.code, CASE WHEN $2=0 THEN s.name_it ELSE s.name_en END," \
  " e.code, e.title, e.starts_on, e.ends_on, e.seats, e.trainer_id, u.full_name,"        \
  " e.organisation_id, o.name, e.place, e.status,"                                       \
  " (SELECT count(*) FROM enrolment n WHERE n.edition_id=e.id"                           \
  "   AND n.status IN ('enrolled','completed')),"                                        \
  " (SELECT count(*) FROM enrolment n WHERE n.edition_id=e.id AND n.status='waiting')"   \
  " FROM course_edition e JOIN service s ON s.id=e.service_id"                           \
  " LEFT JOIN app_user u ON u.id=e.trainer_id LEFT JOIN organisation o ON o.id=e.organisation_id"

static void course_edition_read(DbStmt *q, Arena *a, Edition *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iService = db_col_int(q, 1);
  p->zServiceCode = arena_strdup(a, db_col_text(q, 2));
  p->zServiceName = arena_strdup(a, db_col_text(q, 3));
  p->zCode = arena_strdup(a, db_col_text(q, 4));
  p->zTitle = arena_strdup(a, db_col_text(q, 5));
  p->zStartsOn = arena_strdup(a, db_col_text(q, 6));
  p->zEndsOn = arena_strdup(a, db_col_text(q, 7));
  p->nSeats = (int)db_col_int(q, 8);
  p->iTrainer = db_col_int(q, 9);
  p->zTrainer = arena_strdup(a, db_col_text(q, 10));
  p->iOrganisation = db_col_int(q, 11);
  p->zOrganisation = arena_strdup(a, db_col_text(q, 12));
  p->zPlace = arena_strdup(a, db_col_text(q, 13));
  p->zStatus = arena_strdup(a, db_col_text(q, 14));
  p->nTaken = (int)db_col_int(q, 15);
  p->nWaiting = (int)db_col_int(q, 16);
}

int course_edition_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, Edition *p) {
  DbStmt *q = db_query(db, EDITION_COLS " WHERE e.agency_id=$1 AND e.id=$3", "iii", iAgency,
                       (int64_t)(iLang == LANG_EN), id);
  int rc = db_step(q);
  if (rc == DB_ROW) course_edition_read(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int course_edition_list(Db *db, Arena *a, int64_t iAgency, int64_t iService, int iLang,
                        Edition **pa, int *pn) {
  DbStmt *q = db_query(db,
                       EDITION_COLS
                       " WHERE e.agency_id=$1 AND ($3=0 OR e.service_id=$3)"
                       " ORDER BY s.code, e.starts_on, e.id",
                       "iii", iAgency, (int64_t)(iLang == LANG_EN), iService);
  int n = 0, nAlloc = 0, rc;
  Edition *aE = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aE = course_grow(a, aE, n, &nAlloc, sizeof *aE);
    course_edition_read(q, a, &aE[n++]);
  }
  db_done(q);
  *pa = aE;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

/* Start every enrolled intervention of edition iEdition that is still
** planned, on zOn. */
static int course_start_enrolled(Db *db, int64_t iAgency, int64_t iEdition, const char *zOn,
                                 int64_t iBy, Errors *pErr) {
  Arena a = ARENA_INIT;
  int64_t *aIv = NULL;
  int n = 0, nAlloc = 0, rc;
  DbStmt *q = db_query(db,
                       "SELECT i.id FROM enrolment n JOIN intervention i ON i.id=n.intervention_id"
                       " WHERE n.edition_id=$1 AND n.status='enrolled' AND i.status='planned'"
                       " ORDER BY n.id",
                       "i", iEdition);
  while ((rc = db_step(q)) == DB_ROW) {
    aIv = course_grow(&a, aIv, n, &nAlloc, sizeof *aIv);
    aIv[n++] = db_col_int(q, 0);
  }
  db_done(q);
  rc = rc == DB_DONE ? 0 : rc;
  for (int i = 0; i < n && !rc; i++) {
    rc = iv_transition(db, iAgency, aIv[i], IV_START, zOn, NULL, iBy, pErr);
  }
  arena_free(&a);
  return rc;
}

/* Delete the enrolments of a cancelled edition with their attendance. */
static int course_drop_enrolments(Db *db, int64_t iEdition) {
  int rc = db_exec(db,
                   "DELETE FROM course_attendance WHERE enrolment_id IN"
                   " (SELECT id FROM enrolment WHERE edition_id=$1)",
                   "i", iEdition);
  if (!rc) rc = db_exec(db, "DELETE FROM enrolment WHERE edition_id=$1", "i", iEdition);
  return rc;
}

int course_edition_move(Db *db, int64_t iAgency, int64_t id, const char *zAction, const char *zOn,
                        int64_t iBy, Errors *pErr) {
  static const char *const az[] = {"start",    "planned", "running", "finish",    "running",
                                   "finished", "cancel",  "planned", "cancelled", NULL};
  int i = 0;
  while (az[i] && (!zAction || strcmp(az[i], zAction) != 0)) i += 3;
  if (!az[i]) {
    errors_add(pErr, "status", N_("must be one of start, finish, cancel"));
    return DOMAIN_INVALID;
  }
  char zToday[11];
  date_today(zToday);
  if (domain_blank(zOn)) zOn = zToday;
  intake_check_date(pErr, "on", zOn, 1);
  if (pErr->n) return DOMAIN_INVALID;
  Arena a = ARENA_INIT;
  char *zStatus = db_text(db, &a, "SELECT status FROM course_edition WHERE id=$1 AND agency_id=$2",
                          "ii", id, iAgency);
  int bOk = zStatus && strcmp(zStatus, az[i + 1]) == 0;
  arena_free(&a);
  if (!zStatus) return DOMAIN_NOT_FOUND;
  if (!bOk)
    return course_conflict(pErr, "status", N_("not allowed in the edition's present status"));
  int rc = db_exec(db, "UPDATE course_edition SET status=$2 WHERE id=$1", "it", id, az[i + 2]);
  if (rc) return rc;
  if (strcmp(zAction, "start") == 0) return course_start_enrolled(db, iAgency, id, zOn, iBy, pErr);
  if (strcmp(zAction, "cancel") == 0) return course_drop_enrolments(db, id);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Enrolments and the waiting list                                     */
/* ------------------------------------------------------------------ */

/* Renumber the waiting list of an edition 1, 2, ... in its order. */
static int course_renumber(Db *db, Arena *a, int64_t iEdition) {
  int64_t *aId = NULL;
  int n = 0, nAlloc = 0, rc;
  DbStmt *q = db_query(db,
                       "SELECT id FROM enrolment WHERE edition_id=$1 AND status='waiting'"
                       " ORDER BY position, id",
                       "i", iEdition);
  while ((rc = db_step(q)) == DB_ROW) {
    aId = course_grow(a, aId, n, &nAlloc, sizeof *aId);
    aId[n++] = db_col_int(q, 0);
  }
  db_done(q);
  if (rc != DB_DONE) return rc;
  for (int i = 0; i < n; i++) {
    rc =
        db_exec(db, "UPDATE enrolment SET position=$2 WHERE id=$1", "ii", aId[i], (int64_t)(i + 1));
    if (rc) return rc;
  }
  return 0;
}

int course_fill_seats(Db *db, int64_t iAgency, int64_t iEdition, int64_t iBy, int *pnMoved,
                      Errors *pErr) {
  Arena a = ARENA_INIT;
  Edition ed;
  int nMoved = 0;
  int rc = course_edition_get(db, &a, iAgency, iEdition, LANG_EN, &ed);
  int bOpen = !rc && (strcmp(ed.zStatus, "planned") == 0 || strcmp(ed.zStatus, "running") == 0);
  int bRunning = !rc && strcmp(ed.zStatus, "running") == 0;
  for (int nFree = bOpen ? ed.nSeats - ed.nTaken : 0; !rc && nFree > 0; nFree--) {
    int64_t iEnrol = db_int(db, 0,
                            "SELECT id FROM enrolment WHERE edition_id=$1 AND status='waiting'"
                            " ORDER BY position, id LIMIT 1",
                            "i", iEdition);
    if (!iEnrol) break;
    rc = db_exec(db, "UPDATE enrolment SET status='enrolled', position=NULL WHERE id=$1", "i",
                 iEnrol);
    int64_t iIv = db_int(db, 0, "SELECT intervention_id FROM enrolment WHERE id=$1", "i", iEnrol);
    if (!rc && bRunning) rc = iv_transition(db, iAgency, iIv, IV_START, NULL, NULL, iBy, pErr);
    nMoved++;
  }
  if (!rc && bOpen) rc = course_renumber(db, &a, iEdition);
  arena_free(&a);
  if (pnMoved) *pnMoved = nMoved;
  return rc;
}

/* The facts of an intervention that enrolment checks. */
typedef struct IvFacts {
  int64_t iService, iPerson;
  char zStatus[16], zProjectState[16];
  int bEnrolled;
} IvFacts;

static int course_iv_facts(Db *db, int64_t iAgency, int64_t iIv, IvFacts *f) {
  memset(f, 0, sizeof *f);
  DbStmt *q = db_query(db,
                       "SELECT i.service_id, i.person_id, i.status, p.state,"
                       " (SELECT count(*) FROM enrolment n WHERE n.intervention_id=i.id)"
                       " FROM intervention i JOIN project p ON p.id=i.project_id"
                       " WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIv, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    f->iService = db_col_int(q, 0);
    f->iPerson = db_col_int(q, 1);
    snprintf(f->zStatus, sizeof f->zStatus, "%s", db_col_text(q, 2));
    snprintf(f->zProjectState, sizeof f->zProjectState, "%s", db_col_text(q, 3));
    f->bEnrolled = db_col_int(q, 4) > 0;
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Why intervention f cannot be enrolled in edition ed (a msgid), or NULL. */
static const char *course_enrol_obstacle(const Edition *ed, const IvFacts *f) {
  if (f->iService != ed->iService) return N_("the intervention is for another service");
  if (strcmp(f->zProjectState, "agreed") != 0) return N_("the project has not been agreed");
  if (f->bEnrolled) return N_("the intervention is already enrolled in a course edition");
  if (strcmp(f->zStatus, "planned") != 0) return N_("the intervention is no longer planned");
  return NULL;
}

int course_enrol(Db *db, int64_t iAgency, int64_t iEdition, int64_t iIntervention, int64_t iBy,
                 int64_t *piEnrolment, Errors *pErr) {
  Arena a = ARENA_INIT;
  Edition ed;
  int rc = course_edition_get(db, &a, iAgency, iEdition, LANG_EN, &ed);
  int bOpen = !rc && (strcmp(ed.zStatus, "planned") == 0 || strcmp(ed.zStatus, "running") == 0);
  IvFacts f = {0};
  if (!rc && !bOpen)
    rc = course_conflict(pErr, "status", N_("the edition is finished or cancelled"));
  if (!rc && course_iv_facts(db, iAgency, iIntervention, &f)) {
    errors_add(pErr, "intervention_id", N_("no such intervention"));
    rc = DOMAIN_INVALID;
  }
  const char *zWhy = rc ? NULL : course_enrol_obstacle(&ed, &f);
  if (zWhy) rc = course_conflict(pErr, "intervention_id", zWhy);
  arena_free(&a);
  if (rc) return rc;
  char zNow[21];
  timestamp_now(zNow);
  *piEnrolment = db_int(db, 0,
                        "INSERT INTO enrolment(edition_id, intervention_id, person_id, status,"
                        " position, enrolled_at) VALUES ($1,$2,$3,'waiting',"
                        " (SELECT coalesce(max(position),0)+1 FROM enrolment"
                        "  WHERE edition_id=$1 AND status='waiting'), $4) RETURNING id",
                        "iiit", iEdition, iIntervention, f.iPerson, zNow);
  if (*piEnrolment <= 0) return DB_ERROR;
  return course_fill_seats(db, iAgency, iEdition, iBy, NULL, pErr);
}

#define ENROLMENT_COLS                                                                      \
  "SELECT n.id, n.edition_id, n.intervention_id, n.person_id, p.case_id,"                   \
  " pe.first_name || ' ' || pe.last_name, n.status, coalesce(n.position,0), n.enrolled_at," \
  " n.completed_on, n.certificate_number, n.certificate_on, i.status,"                      \
  " (SELECT count(*) FROM course_attendance t WHERE t.enrolment_id=n.id AND t.present=1)"   \
  " FROM enrolment n JOIN course_edition e ON e.id=n.edition_id"                            \
  " JOIN intervention i ON i.id=n.intervention_id JOIN project p ON p.id=i.project_id"      \
  " JOIN person pe ON pe.id=n.person_id"

static void course_enrolment_read(DbStmt *q, Arena *a, Enrolment *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iEdition = db_col_int(q, 1);
  p->iIntervention = db_col_int(q, 2);
  p->iPerson = db_col_int(q, 3);
  p->iCase = db_col_int(q, 4);
  p->zPersonName = arena_strdup(a, db_col_text(q, 5));
  p->zStatus = arena_strdup(a, db_col_text(q, 6));
  p->iPosition = (int)db_col_int(q, 7);
  p->zEnrolledAt = arena_strdup(a, db_col_text(q, 8));
  p->zCompletedOn = arena_strdup(a, db_col_text(q, 9));
  p->zCertificateNumber = arena_strdup(a, db_col_text(q, 10));
  p->zCertificateOn = arena_strdup(a, db_col_text(q, 11));
  p->zIvStatus = arena_strdup(a, db_col_text(q, 12));
  p->nPresent = (int)db_col_int(q, 13);
}

int course_enrolments(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, Enrolment **pa,
                      int *pn) {
  DbStmt *q = db_query(db,
                       ENROLMENT_COLS
                       " WHERE e.agency_id=$1 AND n.edition_id=$2 ORDER BY"
                       " CASE n.status WHEN 'enrolled' THEN 0 WHEN 'completed' THEN 0"
                       " WHEN 'waiting' THEN 1 ELSE 2 END, n.position, pe.last_name,"
                       " pe.first_name, n.id",
                       "ii", iAgency, iEdition);
  int n = 0, nAlloc = 0, rc;
  Enrolment *aE = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aE = course_grow(a, aE, n, &nAlloc, sizeof *aE);
    course_enrolment_read(q, a, &aE[n++]);
  }
  db_done(q);
  *pa = aE;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

int course_enrolment_get(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, int64_t id,
                         Enrolment *p) {
  DbStmt *q = db_query(db, ENROLMENT_COLS " WHERE e.agency_id=$1 AND n.edition_id=$2 AND n.id=$3",
                       "iii", iAgency, iEdition, id);
  int rc = db_step(q);
  if (rc == DB_ROW) course_enrolment_read(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Checks of a change's fields; zOn is the effective date. */
static void course_change_validate(const EnrolmentChange *c, const char *zOn, Errors *pErr) {
  intake_check_date(pErr, "on", zOn, 1);
  if (strcmp(c->zAction, "complete") == 0) {
    domain_check_text(pErr, "certificate_number", c->zCertificateNumber, 100, 0);
    intake_check_date(pErr, "certificate_on", c->zCertificateOn,
                      !domain_blank(c->zCertificateNumber));
  } else {
    intake_check_text(pErr, "reason", c->zReason, 500, 1);
    if (domain_blank(c->zReason) || errors_get(pErr, "reason")) return;
    size_t n;
    const char *z = domain_trim(c->zReason, &n);
    if (intake_multiline_len(z, n) < 10)
      errors_add(pErr, "reason", N_("explain the reason in at least 10 characters"));
  }
}

/* Complete enrolment n (or update its certificate when completed). */
static int course_complete(Db *db, int64_t iAgency, const Edition *ed, const Enrolment *n,
                           const EnrolmentChange *c, const char *zOn, int64_t iBy, Errors *pErr) {
  const char *zNum = domain_blank(c->zCertificateNumber) ? NULL : c->zCertificateNumber;
  const char *zCertOn = domain_blank(c->zCertificateOn) ? NULL : c->zCertificateOn;
  int bDone = strcmp(n->zStatus, "completed") == 0;
  if (!bDone && strcmp(n->zStatus, "enrolled") != 0)
    return course_conflict(pErr, "action", N_("only an enrolled participant can complete"));
  if (strcmp(ed->zStatus, "running") != 0 && strcmp(ed->zStatus, "finished") != 0)
    return course_conflict(pErr, "action", N_("the edition has not started"));
  int rc =
      bDone ? 0 : iv_transition(db, iAgency, n->iIntervention, IV_COMPLETE, zOn, NULL, iBy, pErr);
  if (!rc)
    rc = db_exec(db,
                 "UPDATE enrolment SET status='completed', completed_on=coalesce(completed_on,$2),"
                 " certificate_number=$3, certificate_on=$4 WHERE id=$1",
                 "ittt", n->id, zOn, zNum, zCertOn);
  return rc;
}

/* Withdraw or fail enrolment n: its intervention interrupted (cancelled
** while planned). */
static int course_leave(Db *db, int64_t iAgency, const Edition *ed, const Enrolment *n,
                        const EnrolmentChange *c, const char *zOn, int64_t iBy, Errors *pErr) {
  int bFail = strcmp(c->zAction, "fail") == 0;
  int bWaiting = strcmp(n->zStatus, "waiting") == 0;
  if (strcmp(n->zStatus, "enrolled") != 0 && (bFail || !bWaiting))
    return course_conflict(pErr, "action",
                           bFail ? N_("only an enrolled participant can fail")
                                 : N_("only a participant enrolled or waiting can withdraw"));
  if (bFail && strcmp(ed->zStatus, "running") != 0 && strcmp(ed->zStatus, "finished") != 0)
    return course_conflict(pErr, "action", N_("the edition has not started"));
  IvAction e = strcmp(n->zIvStatus, "planned") == 0 ? IV_CANCEL : IV_INTERRUPT;
  int rc = iv_transition(db, iAgency, n->iIntervention, e, zOn, c->zReason, iBy, pErr);
  if (!rc)
    rc = db_exec(db, "UPDATE enrolment SET status=$2, position=NULL, completed_on=$3 WHERE id=$1",
                 "itt", n->id, bFail ? "failed" : "withdrawn", zOn);
  return rc ? rc : course_fill_seats(db, iAgency, ed->id, iBy, NULL, pErr);
}

int course_enrolment_change(Db *db, int64_t iAgency, int64_t iEdition, int64_t iEnrolment,
                            const EnrolmentChange *c, int64_t iBy, Errors *pErr) {
  if (!c->zAction || (strcmp(c->zAction, "complete") && strcmp(c->zAction, "withdraw") &&
                      strcmp(c->zAction, "fail"))) {
    errors_add(pErr, "action", N_("must be one of complete, withdraw, fail"));
    return DOMAIN_INVALID;
  }
  char zToday[11];
  date_today(zToday);
  const char *zOn = domain_blank(c->zOn) ? zToday : c->zOn;
  course_change_validate(c, zOn, pErr);
  if (pErr->n) return DOMAIN_INVALID;
  Arena a = ARENA_INIT;
  Edition ed;
  Enrolment n = {0};
  int rc = course_edition_get(db, &a, iAgency, iEdition, LANG_EN, &ed);
  if (!rc) rc = course_enrolment_get(db, &a, iAgency, iEdition, iEnrolment, &n);
  if (!rc) {
    rc = strcmp(c->zAction, "complete") == 0
             ? course_complete(db, iAgency, &ed, &n, c, zOn, iBy, pErr)
             : course_leave(db, iAgency, &ed, &n, c, zOn, iBy, pErr);
  }
  arena_free(&a);
  return rc;
}

/* ------------------------------------------------------------------ */
/* Sessions and attendance                                             */
/* ------------------------------------------------------------------ */

int course_session_add(Db *db, int64_t iAgency, int64_t iEdition, CourseSession *p, Errors *pErr) {
  Arena a = ARENA_INIT;
  Edition ed;
  int rc = course_edition_get(db, &a, iAgency, iEdition, LANG_EN, &ed);
  if (!rc) {
    if (domain_blank(p->zOn))
      errors_add(pErr, "on_date", N_("required"));
    else if (!date_valid(p->zOn))
      errors_add(pErr, "on_date", N_("not a valid date (YYYY-MM-DD)"));
    else if (strcmp(p->zOn, ed.zStartsOn) < 0 || strcmp(p->zOn, ed.zEndsOn) > 0)
      errors_add(pErr, "on_date", N_("outside the edition's dates"));
    if (p->nMinutes < 1 || p->nMinutes > COURSE_MINUTES_MAX)
      errors_add(pErr, "minutes", N_("must be between 1 and 720"));
    domain_check_text(pErr, "topic", p->zTopic, 200, 0);
    if (pErr->n) rc = DOMAIN_INVALID;
  }
  if (!rc && (strcmp(ed.zStatus, "finished") == 0 || strcmp(ed.zStatus, "cancelled") == 0))
    rc = course_conflict(pErr, "status", N_("the edition is finished or cancelled"));
  arena_free(&a);
  if (rc) return rc;
  p->id = db_int(db, 0,
                 "INSERT INTO course_session(edition_id, on_date, minutes, topic)"
                 " VALUES ($1,$2,$3,$4) RETURNING id",
                 "itit", iEdition, p->zOn, (int64_t)p->nMinutes,
                 domain_blank(p->zTopic) ? NULL : p->zTopic);
  return p->id > 0 ? 0 : DB_ERROR;
}

int course_sessions(Db *db, Arena *a, int64_t iAgency, int64_t iEdition, CourseSession **pa,
                    int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT c.id, c.on_date, c.minutes, c.topic,"
                       " (SELECT count(*) FROM course_attendance t WHERE t.session_id=c.id"
                       "   AND t.present=1),"
                       " (SELECT count(*) FROM course_attendance t WHERE t.session_id=c.id)"
                       " FROM course_session c JOIN course_edition e ON e.id=c.edition_id"
                       " WHERE e.agency_id=$1 AND c.edition_id=$2 ORDER BY c.on_date, c.id",
                       "ii", iAgency, iEdition);
  int n = 0, nAlloc = 0, rc;
  CourseSession *aS = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aS = course_grow(a, aS, n, &nAlloc, sizeof *aS);
    aS[n].id = db_col_int(q, 0);
    aS[n].zOn = arena_strdup(a, db_col_text(q, 1));
    aS[n].nMinutes = (int)db_col_int(q, 2);
    aS[n].zTopic = arena_strdup(a, db_col_text(q, 3));
    aS[n].nPresent = (int)db_col_int(q, 4);
    aS[n].nRecorded = (int)db_col_int(q, 5);
    n++;
  }
  db_done(q);
  *pa = aS;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

/* 1 when id is among a[0..n). */
static int course_has(const int64_t *a, int n, int64_t id) {
  for (int i = 0; i < n; i++) {
    if (a[i] == id) return 1;
  }
  return 0;
}

int course_attendance_record(Db *db, int64_t iAgency, int64_t iEdition, int64_t iSession,
                             const int64_t *aPresent, int nPresent, Errors *pErr) {
  Arena a = ARENA_INIT;
  Edition ed;
  Enrolment *aE;
  int nE;
  int rc = course_edition_get(db, &a, iAgency, iEdition, LANG_EN, &ed);
  if (!rc && db_int(db, 0, "SELECT count(*) FROM course_session WHERE id=$1 AND edition_id=$2",
                    "ii", iSession, iEdition) == 0)
    rc = DOMAIN_NOT_FOUND;
  if (!rc) rc = course_enrolments(db, &a, iAgency, iEdition, &aE, &nE);
  for (int i = 0; !rc && i < nPresent; i++) {
    int bOk = 0;
    for (int j = 0; j < nE; j++)
      bOk |= aE[j].id == aPresent[i] && !strcmp(aE[j].zStatus, "enrolled");
    if (!bOk) {
      errors_add(pErr, "present", N_("not an enrolled participant of this edition"));
      rc = DOMAIN_INVALID;
    }
  }
  if (!rc && strcmp(ed.zStatus, "running") != 0 && strcmp(ed.zStatus, "finished") != 0)
    rc = course_conflict(pErr, "status", N_("the edition has not started"));
  for (int j = 0; !rc && j < nE; j++) {
    if (strcmp(aE[j].zStatus, "enrolled") != 0) continue;
    rc = db_exec(db, "DELETE FROM course_attendance WHERE session_id=$1 AND enrolment_id=$2", "ii",
                 iSession, aE[j].id);
    if (!rc)
      rc = db_exec(db,
                   "INSERT INTO course_attendance(session_id, enrolment_id, present)"
                   " VALUES ($1,$2,$3)",
                   "iii", iSession, aE[j].id, (int64_t)course_has(aPresent, nPresent, aE[j].id));
  }
  arena_free(&a);
  return rc;
}

int course_attended(Db *db, int64_t iSession, int64_t iEnrolment) {
  return (int)db_int(
      db, -1, "SELECT present FROM course_attendance WHERE session_id=$1 AND enrolment_id=$2", "ii",
      iSession, iEnrolment);
}

int64_t course_intervention_case(Db *db, int64_t iAgency, int64_t iIntervention) {
  return db_int(db, 0,
                "SELECT p.case_id FROM intervention i JOIN project p ON p.id=i.project_id"
                " WHERE i.id=$1 AND i.agency_id=$2",
                "ii", iIntervention, iAgency);
}

int64_t course_edition_of(Db *db, int64_t iAgency, int64_t iIntervention) {
  return db_int(db, 0,
                "SELECT n.edition_id FROM enrolment n JOIN course_edition e ON e.id=n.edition_id"
                " WHERE n.intervention_id=$1 AND e.agency_id=$2",
                "ii", iIntervention, iAgency);
}

/* ------------------------------------------------------------------ */
/* Record-level rules                                                  */
/* ------------------------------------------------------------------ */

int course_is_trainer(const User *pUser, const Edition *p) {
  return p->iTrainer && pUser->id == p->iTrainer && (pUser->mRoles & ROLE_OPERATOR);
}

int course_can_setup(const User *pUser) {
  return (pUser->mRoles & (ROLE_MANAGER | ROLE_CASE_MANAGER)) != 0;
}

int course_sees_person(Db *db, const User *pUser, const Edition *p, int64_t iPerson) {
  if (course_is_trainer(pUser, p) || (pUser->mRoles & ROLE_MANAGER)) return 1;
  if (!(pUser->mRoles & ROLE_CASE_MANAGER)) return 0;
  Relation e = access_person(db, pUser, iPerson);
  return e == REL_CASE_MANAGER || e == REL_MANAGER;
}
