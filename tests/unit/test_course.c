/*
** Unit tests for src/domain/course.c: validation of editions; the
** waiting list filled in order when a seat frees (withdrawal, failure,
** seats raised) with positions renumbered; illegal enrolments refused
** with nothing written; the edition's start moving its enrolled
** interventions to active; completion with a certificate completing the
** intervention; attendance for enrolled participants only; who sees the
** participants' names.
**
** Each database test gets a fresh SQLite file (intake_fixture.c), and a
** fresh PostgreSQL database when ALI_TEST_PG is set.  Included h2o style.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/access.c"
#include "../../src/domain/access_form.c"
#include "../../src/domain/country.c"
#include "../../src/domain/entry.c"
#include "../../src/domain/course.c"
#include "../../src/domain/delivery.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/project.c"
#include "../../src/domain/project_diff.c"
#include "../../src/domain/screening.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"
#include "intake_fixture.c"

#define REASON "found a job and cannot attend"

/* The world plus an agreed project of Maria's case with one HACCP
** intervention for each of Maria, Mario, Giulia, Luca (aIv, in that
** order), a forklift one for Maria (iForklift), and an edition. */
typedef struct CourseWorld {
  World w;
  int64_t iCase, iProject, aIv[4], iForklift;
  User trainer;
} CourseWorld;

static int64_t cw_iv(CourseWorld *c, const char *zService, int64_t iPerson) {
  Errors e = {.n = 0};
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = zService;
  iv.iPerson = iPerson;
  iv.zPlannedStart = "2022-03-01";
  iv.zPlannedEnd = "2022-06-30";
  iv.iPlannedHours = 40;
  iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = -1;
  int rc = project_intervention_save(c->w.db, c->w.iA, c->iProject, &iv, NULL, 0, &e);
  if (rc) fail_msg("intervention: %d %s", rc, e.n ? e.a[0].zMsg : "");
  return iv.id;
}

static void cw_world(void **state, CourseWorld *c, int bAgree) {
  memset(c, 0, sizeof *c);
  fx_world(state, &c->w);
  World *w = &c->w;
  Errors e = {.n = 0};
  c->iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, c->iCase);
  fx_second_interview(w, c->iCase);
  assert_int_equal(project_create(w->db, w->iA, c->iCase, &c->iProject, &e), 0);
  Objective o = {0, w->iMaria, NULL, "a food-hygiene certificate", NULL, NULL};
  assert_int_equal(project_objective_save(w->db, w->iA, c->iProject, &o, NULL, 0, &e), 0);
  int64_t aP[4] = {w->iMaria, w->iMario, w->iGiulia, w->iLuca};
  for (int i = 0; i < 4; i++) c->aIv[i] = cw_iv(c, "haccp", aP[i]);
  c->iForklift = cw_iv(c, "forklift", w->iMaria);
  if (bAgree) assert_int_equal(project_agree(w->db, w->iA, c->iProject, "2022-02-15", 0, &e), 0);
  c->trainer = fx_user(w->db, w->iA, w->iCoopA, "trainer", ROLE_OPERATOR, 1);
}

/* A new HACCP edition with nSeats seats, trained by the trainer. */
static int64_t cw_edition(CourseWorld *c, const char *zCode, int nSeats) {
  Errors e = {.n = 0};
  Edition ed = {0};
  ed.zServiceCode = "haccp";
  ed.zCode = zCode;
  ed.zTitle = "HACCP spring";
  ed.zStartsOn = "2024-03-01";
  ed.zEndsOn = "2024-04-30";
  ed.nSeats = nSeats;
  ed.iTrainer = c->trainer.id;
  ed.iOrganisation = c->w.iCoopA;
  ed.zPlace = "Via Roma 1, Pisa";
  int rc = course_edition_save(c->w.db, c->w.iA, &ed, 0, &e);
  if (rc) fail_msg("edition: %d %s %s", rc, e.n ? e.a[0].zField : "", e.n ? e.a[0].zMsg : "");
  return ed.id;
}

static int64_t cw_enrol(CourseWorld *c, int64_t iEdition, int64_t iIv) {
  Errors e = {.n = 0};
  int64_t id = 0;
  int rc = course_enrol(c->w.db, c->w.iA, iEdition, iIv, 0, &id, &e);
  if (rc) fail_msg("enrol: %d %s", rc, e.n ? e.a[0].zMsg : "");
  return id;
}

/* "status:position" of enrolment id, e.g. "waiting:1", "enrolled:0". */
static const char *cw_state(CourseWorld *c, Arena *a, int64_t id) {
  char *z =
      db_text(c->w.db, a, "SELECT status || ':' || coalesce(position,0) FROM enrolment WHERE id=$1",
              "i", id);
  return z ? z : "none";
}

static const char *cw_iv_status(CourseWorld *c, Arena *a, int64_t iIv) {
  return db_text(c->w.db, a, "SELECT status FROM intervention WHERE id=$1", "i", iIv);
}

static void cw_change(CourseWorld *c, int64_t iEdition, int64_t id, const char *zAction,
                      int rcWant) {
  Errors e = {.n = 0};
  EnrolmentChange ch = {zAction, "2024-03-10", REASON, NULL, NULL};
  int rc = course_enrolment_change(c->w.db, c->w.iA, iEdition, id, &ch, 0, &e);
  if (rc != rcWant) fail_msg("%s: %d %s", zAction, rc, e.n ? e.a[0].zMsg : "");
}

/* ------------------------------------------------------------------ */

static void test_edition_validate(void **state) {
  (void)state;
  Errors e = {.n = 0};
  Edition ed = {0};
  ed.zCode = "H-1";
  ed.zTitle = "HACCP";
  ed.zStartsOn = "2024-03-01";
  ed.zEndsOn = "2024-04-30";
  ed.nSeats = 10;
  course_edition_validate(&ed, &e);
  assert_int_equal(e.n, 0);
  ed.zEndsOn = "2024-02-28";
  course_edition_validate(&ed, &e);
  fx_expect(&e, "ends_on", "must not be before the start");
  ed.zEndsOn = "2024-02-30";
  course_edition_validate(&ed, &e);
  fx_expect(&e, "ends_on", "not a valid date (YYYY-MM-DD)");
  ed.zEndsOn = "2024-04-30";
  ed.nSeats = 0;
  course_edition_validate(&ed, &e);
  fx_expect(&e, "seats", NULL);
  ed.nSeats = 501;
  course_edition_validate(&ed, &e);
  fx_expect(&e, "seats", NULL);
  ed.nSeats = 3;
  ed.zCode = "bad code";
  course_edition_validate(&ed, &e);
  fx_expect(&e, "code", NULL);
  assert_string_equal(course_label(course_azEnrolmentStatus, "waiting"), "waiting");
  assert_string_equal(course_label(course_azEditionStatus, "xyz"), "xyz");
}

static void test_edition_save(void **state) {
  CourseWorld c;
  cw_world(state, &c, 1);
  Errors e = {.n = 0};
  Edition ed = {0};
  ed.zServiceCode = "internship";
  ed.zCode = "I-1";
  ed.zTitle = "Not a course";
  ed.zStartsOn = "2024-03-01";
  ed.zEndsOn = "2024-04-30";
  ed.nSeats = 2;
  ed.iTrainer = c.w.cmA.id; /* not an operator */
  assert_int_equal(course_edition_save(c.w.db, c.w.iA, &ed, 0, &e), DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "service"));
  assert_non_null(errors_get(&e, "trainer_id"));
  e.n = 0;
  int64_t id = cw_edition(&c, "H-1", 1);
  /* the same code again */
  ed.iService = 0;
  ed.zServiceCode = "haccp";
  ed.zCode = "H-1";
  ed.iTrainer = c.trainer.id;
  assert_int_equal(course_edition_save(c.w.db, c.w.iA, &ed, 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "code", "already used by another edition");
  /* another agency cannot read it */
  Arena a = ARENA_INIT;
  Edition got;
  assert_int_equal(course_edition_get(c.w.db, &a, c.w.iB, id, LANG_EN, &got), DOMAIN_NOT_FOUND);
  assert_int_equal(course_edition_get(c.w.db, &a, c.w.iA, id, LANG_EN, &got), 0);
  assert_string_equal(got.zStatus, "planned");
  assert_string_equal(got.zTrainer, "trainer");
  /* fewer seats than enrolled: conflict */
  cw_enrol(&c, id, c.aIv[0]);
  got.nSeats = 1;
  assert_int_equal(course_edition_save(c.w.db, c.w.iA, &got, 0, &e), 0);
  got.id = id;
  got.iService = 0;
  got.zServiceCode = "forklift";
  assert_int_equal(course_edition_save(c.w.db, c.w.iA, &got, 0, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "service", NULL);
  Edition *aE;
  int nE;
  assert_int_equal(course_edition_list(c.w.db, &a, c.w.iA, 0, LANG_IT, &aE, &nE), 0);
  assert_int_equal(nE, 1);
  assert_int_equal(aE[0].nTaken, 1);
  assert_string_equal(aE[0].zServiceName, "Corso HACCP (igiene alimentare)");
  arena_free(&a);
}

/* Two seats, four candidates: the waiting list in order, and every way
** a seat frees. */
static void test_waiting_list(void **state) {
  CourseWorld c;
  cw_world(state, &c, 1);
  Arena a = ARENA_INIT;
  int64_t iEd = cw_edition(&c, "H-1", 2);
  int64_t aN[4];
  for (int i = 0; i < 4; i++) aN[i] = cw_enrol(&c, iEd, c.aIv[i]);
  assert_string_equal(cw_state(&c, &a, aN[0]), "enrolled:0");
  assert_string_equal(cw_state(&c, &a, aN[1]), "enrolled:0");
  assert_string_equal(cw_state(&c, &a, aN[2]), "waiting:1");
  assert_string_equal(cw_state(&c, &a, aN[3]), "waiting:2");
  /* fill with no free seat moves nobody */
  Errors e = {.n = 0};
  int nMoved = -1;
  assert_int_equal(course_fill_seats(c.w.db, c.w.iA, iEd, 0, &nMoved, &e), 0);
  assert_int_equal(nMoved, 0);
  /* an enrolled withdraws: the first waiting takes the seat, the second moves up */
  cw_change(&c, iEd, aN[0], "withdraw", 0);
  assert_string_equal(cw_state(&c, &a, aN[0]), "withdrawn:0");
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[0]), "cancelled");
  assert_string_equal(cw_state(&c, &a, aN[2]), "enrolled:0");
  assert_string_equal(cw_state(&c, &a, aN[3]), "waiting:1");
  /* the seats are raised: the last waiting is enrolled */
  Edition ed;
  assert_int_equal(course_edition_get(c.w.db, &a, c.w.iA, iEd, LANG_EN, &ed), 0);
  ed.nSeats = 5;
  assert_int_equal(course_edition_save(c.w.db, c.w.iA, &ed, 0, &e), 0);
  assert_string_equal(cw_state(&c, &a, aN[3]), "enrolled:0");
  assert_int_equal(course_edition_get(c.w.db, &a, c.w.iA, iEd, LANG_EN, &ed), 0);
  assert_int_equal(ed.nTaken, 3);
  assert_int_equal(ed.nWaiting, 0);
  /* the list order: enrolled first, then withdrawn */
  Enrolment *aE;
  int nE;
  assert_int_equal(course_enrolments(c.w.db, &a, c.w.iA, iEd, &aE, &nE), 0);
  assert_int_equal(nE, 4);
  assert_string_equal(aE[3].zStatus, "withdrawn");
  arena_free(&a);
}

/* A waiting participant who withdraws leaves the list renumbered; a
** failure in a running edition frees a seat that starts the next. */
static void test_waiting_withdraw_and_fail(void **state) {
  CourseWorld c;
  cw_world(state, &c, 1);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iEd = cw_edition(&c, "H-1", 1);
  int64_t aN[4];
  for (int i = 0; i < 4; i++) aN[i] = cw_enrol(&c, iEd, c.aIv[i]);
  assert_string_equal(cw_state(&c, &a, aN[3]), "waiting:3");
  cw_change(&c, iEd, aN[1], "withdraw", 0);
  assert_string_equal(cw_state(&c, &a, aN[2]), "waiting:1");
  assert_string_equal(cw_state(&c, &a, aN[3]), "waiting:2");
  assert_string_equal(cw_state(&c, &a, aN[0]), "enrolled:0");
  /* failing before the start is refused */
  cw_change(&c, iEd, aN[0], "fail", DOMAIN_CONFLICT);
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "start", "2024-03-01", 0, &e), 0);
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[0]), "active");
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[2]), "planned");
  cw_change(&c, iEd, aN[0], "fail", 0);
  assert_string_equal(cw_state(&c, &a, aN[0]), "failed:0");
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[0]), "interrupted");
  /* the next in line took the seat and, the edition running, started */
  assert_string_equal(cw_state(&c, &a, aN[2]), "enrolled:0");
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[2]), "active");
  assert_string_equal(cw_state(&c, &a, aN[3]), "waiting:1");
  /* a waiting participant cannot fail or complete */
  cw_change(&c, iEd, aN[3], "fail", DOMAIN_CONFLICT);
  cw_change(&c, iEd, aN[3], "complete", DOMAIN_CONFLICT);
  /* withdrawing needs a reason */
  EnrolmentChange ch = {"withdraw", "2024-03-10", "short", NULL, NULL};
  assert_int_equal(course_enrolment_change(c.w.db, c.w.iA, iEd, aN[3], &ch, 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "reason", NULL);
  arena_free(&a);
}

static void test_enrol_illegal(void **state) {
  CourseWorld c;
  cw_world(state, &c, 0);
  Errors e = {.n = 0};
  int64_t iEd = cw_edition(&c, "H-1", 2), id = 0;
  /* the project is still a draft */
  assert_int_equal(course_enrol(c.w.db, c.w.iA, iEd, c.aIv[0], 0, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "intervention_id", "the project has not been agreed");
  assert_int_equal(project_agree(c.w.db, c.w.iA, c.iProject, "2022-02-15", 0, &e), 0);
  /* another service */
  assert_int_equal(course_enrol(c.w.db, c.w.iA, iEd, c.iForklift, 0, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "intervention_id", "the intervention is for another service");
  /* unknown, or another agency's view */
  assert_int_equal(course_enrol(c.w.db, c.w.iA, iEd, 999999, 0, &id, &e), DOMAIN_INVALID);
  fx_expect(&e, "intervention_id", "no such intervention");
  assert_int_equal(course_enrol(c.w.db, c.w.iB, iEd, c.aIv[0], 0, &id, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(FX_COUNT(&c.w, "SELECT count(*) FROM enrolment WHERE edition_id=$1", iEd), 0);
  /* twice */
  cw_enrol(&c, iEd, c.aIv[0]);
  assert_int_equal(course_enrol(c.w.db, c.w.iA, iEd, c.aIv[0], 0, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "intervention_id", "the intervention is already enrolled in a course edition");
  /* a cancelled edition takes nobody, and frees its enrolments */
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "cancel", NULL, 0, &e), 0);
  assert_int_equal(course_enrol(c.w.db, c.w.iA, iEd, c.aIv[1], 0, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", NULL);
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "start", NULL, 0, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", NULL);
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "fly", NULL, 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "status", NULL);
  int64_t iEd2 = cw_edition(&c, "H-2", 2);
  cw_enrol(&c, iEd2, c.aIv[0]);
}

static void test_sessions_attendance_completion(void **state) {
  CourseWorld c;
  cw_world(state, &c, 1);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iEd = cw_edition(&c, "H-1", 2);
  int64_t aN[3];
  for (int i = 0; i < 3; i++) aN[i] = cw_enrol(&c, iEd, c.aIv[i]);
  CourseSession s = {0, "2024-02-01", 240, "Hazards", 0, 0};
  assert_int_equal(course_session_add(c.w.db, c.w.iA, iEd, &s, &e), DOMAIN_INVALID);
  fx_expect(&e, "on_date", "outside the edition's dates");
  s.zOn = "2024-03-05";
  s.nMinutes = 0;
  assert_int_equal(course_session_add(c.w.db, c.w.iA, iEd, &s, &e), DOMAIN_INVALID);
  fx_expect(&e, "minutes", NULL);
  s.nMinutes = 240;
  assert_int_equal(course_session_add(c.w.db, c.w.iA, iEd, &s, &e), 0);
  /* not before the start */
  int64_t aP[1] = {aN[0]};
  assert_int_equal(course_attendance_record(c.w.db, c.w.iA, iEd, s.id, aP, 1, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the edition has not started");
  /* completing before the start is refused */
  cw_change(&c, iEd, aN[0], "complete", DOMAIN_CONFLICT);
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "start", "2024-03-01", 0, &e), 0);
  /* a waiting participant cannot be marked present */
  int64_t aBad[2] = {aN[0], aN[2]};
  assert_int_equal(course_attendance_record(c.w.db, c.w.iA, iEd, s.id, aBad, 2, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "present", NULL);
  assert_int_equal(
      FX_COUNT(&c.w, "SELECT count(*) FROM course_attendance WHERE session_id=$1", s.id), 0);
  assert_int_equal(course_attendance_record(c.w.db, c.w.iA, iEd, s.id, aP, 1, &e), 0);
  assert_int_equal(course_attended(c.w.db, s.id, aN[0]), 1);
  assert_int_equal(course_attended(c.w.db, s.id, aN[1]), 0);
  assert_int_equal(course_attended(c.w.db, s.id, aN[2]), -1);
  /* recorded again: replaced */
  assert_int_equal(course_attendance_record(c.w.db, c.w.iA, iEd, s.id, NULL, 0, &e), 0);
  assert_int_equal(course_attended(c.w.db, s.id, aN[0]), 0);
  assert_int_equal(course_attendance_record(c.w.db, c.w.iA, iEd, 999999, NULL, 0, &e),
                   DOMAIN_NOT_FOUND);
  CourseSession *aS;
  int nS;
  assert_int_equal(course_sessions(c.w.db, &a, c.w.iA, iEd, &aS, &nS), 0);
  assert_int_equal(nS, 1);
  assert_int_equal(aS[0].nRecorded, 2);
  /* completion with a certificate completes the intervention */
  EnrolmentChange ch = {"complete", "2024-04-30", NULL, "HACCP-2024-0017", NULL};
  assert_int_equal(course_enrolment_change(c.w.db, c.w.iA, iEd, aN[0], &ch, 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "certificate_on", "required");
  ch.zCertificateOn = "2024-04-30";
  assert_int_equal(course_enrolment_change(c.w.db, c.w.iA, iEd, aN[0], &ch, 0, &e), 0);
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[0]), "completed");
  Enrolment n;
  assert_int_equal(course_enrolment_get(c.w.db, &a, c.w.iA, iEd, aN[0], &n), 0);
  assert_string_equal(n.zStatus, "completed");
  assert_string_equal(n.zCertificateNumber, "HACCP-2024-0017");
  assert_string_equal(n.zCompletedOn, "2024-04-30");
  /* completion keeps the seat: the waiting one still waits */
  assert_string_equal(cw_state(&c, &a, aN[2]), "waiting:1");
  /* the certificate corrected on a completed enrolment */
  ch.zCertificateNumber = "HACCP-2024-0018";
  assert_int_equal(course_enrolment_change(c.w.db, c.w.iA, iEd, aN[0], &ch, 0, &e), 0);
  assert_int_equal(course_enrolment_get(c.w.db, &a, c.w.iA, iEd, aN[0], &n), 0);
  assert_string_equal(n.zCertificateNumber, "HACCP-2024-0018");
  /* a withdrawn participant cannot complete */
  cw_change(&c, iEd, aN[1], "withdraw", 0);
  assert_string_equal(cw_iv_status(&c, &a, c.aIv[1]), "interrupted");
  cw_change(&c, iEd, aN[1], "complete", DOMAIN_CONFLICT);
  assert_int_equal(course_edition_move(c.w.db, c.w.iA, iEd, "finish", "2024-04-30", 0, &e), 0);
  /* finished: no more sessions, nobody moves up */
  assert_string_equal(cw_state(&c, &a, aN[2]), "enrolled:0");
  s.id = 0;
  assert_int_equal(course_session_add(c.w.db, c.w.iA, iEd, &s, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", NULL);
  arena_free(&a);
}

static void test_sees_person(void **state) {
  CourseWorld c;
  cw_world(state, &c, 1);
  Arena a = ARENA_INIT;
  int64_t iEd = cw_edition(&c, "H-1", 2);
  Edition ed;
  assert_int_equal(course_edition_get(c.w.db, &a, c.w.iA, iEd, LANG_EN, &ed), 0);
  assert_true(course_is_trainer(&c.trainer, &ed));
  assert_false(course_is_trainer(&c.w.op, &ed));
  assert_true(course_sees_person(c.w.db, &c.trainer, &ed, c.w.iMaria));
  assert_true(course_sees_person(c.w.db, &c.w.manager, &ed, c.w.iMaria));
  assert_true(course_sees_person(c.w.db, &c.w.cmA, &ed, c.w.iMaria));
  assert_false(course_sees_person(c.w.db, &c.w.cmB, &ed, c.w.iMaria));
  assert_false(course_sees_person(c.w.db, &c.w.op, &ed, c.w.iMaria));
  assert_false(course_sees_person(c.w.db, &c.w.sw1, &ed, c.w.iMaria));
  assert_true(course_can_setup(&c.w.cmB));
  assert_false(course_can_setup(&c.trainer));
  assert_int_equal(fx_stage(&c.w, c.iCase), STAGE_AGREED);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                      \
  cmocka_unit_test_setup_teardown(test_edition_save, setup, teardown),                       \
      cmocka_unit_test_setup_teardown(test_waiting_list, setup, teardown),                   \
      cmocka_unit_test_setup_teardown(test_waiting_withdraw_and_fail, setup, teardown),      \
      cmocka_unit_test_setup_teardown(test_enrol_illegal, setup, teardown),                  \
      cmocka_unit_test_setup_teardown(test_sessions_attendance_completion, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_sees_person, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_edition_validate)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("course", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("course on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("course on postgresql", aPg, NULL, NULL);
  return rc;
}
