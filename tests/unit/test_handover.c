/*
** Unit tests for src/domain/handover.c and coordination.c: the even
** spread (pure), role codes; then against a real database (the intake
** fixture's world): a social worker's handover to two colleagues (the
** spread, the history closed and opened with note and author, closed
** and ended candidacies left alone, open requests moved), refusals
** (inactive colleague, another cooperative, the leaver, another agency),
** a case manager's handover within the cooperative, the history kept by
** the triggers when intake_assign writes case_file, the check of cases
** without an active worker, the team meeting (what is new since the last
** meeting, interventions soon, recording writes a minute into each case's
** register) and my day.
**
** Each database test runs on a fresh SQLite file, and again on a fresh
** PostgreSQL database when ALI_TEST_PG is set.  Included h2o style.
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
#include "../../src/domain/coordination.c"
#include "../../src/domain/country.c"
#include "../../src/domain/handover.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
/* register.c and request.c both name their kind tables azKind: rename one */
#define azKind register_azKind
#define azKindLabel register_azKindLabel
#include "../../src/domain/register.c"
#undef azKind
#undef azKindLabel
#include "../../src/domain/request.c"
#include "../../src/domain/screening.c"
#include "../../src/domain/session.c"
#include "../../src/domain/user.c"
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
#include "../../src/lib/workdays.c"
#include "intake_fixture.c"

/* fixture helpers these tests do not need */
static void ho_unused(void) {
  (void)fx_expect;
  (void)fx_stage;
  (void)fx_second_interview;
}

/* ------------------------------------------------------------------ */
/* Pure                                                                */
/* ------------------------------------------------------------------ */

static void test_spread(void **state) {
  (void)state;
  int a[7], nPer[3] = {0, 0, 0};
  handover_spread(7, 3, a);
  static const int aWant[7] = {0, 1, 2, 0, 1, 2, 0};
  for (int i = 0; i < 7; i++) {
    assert_int_equal(a[i], aWant[i]);
    nPer[a[i]]++;
  }
  assert_int_equal(nPer[0], 3);
  assert_int_equal(nPer[1], 2);
  assert_int_equal(nPer[2], 2);
  handover_spread(2, 5, a); /* fewer cases than colleagues: one each */
  assert_int_equal(a[0], 0);
  assert_int_equal(a[1], 1);
  handover_spread(0, 1, a); /* nothing to do */
}

static void test_roles(void **state) {
  (void)state;
  for (int i = 0; i < CASE_ROLE_COUNT; i++) {
    assert_int_equal(case_role_from_code(case_role_code((CaseRole)i)), i);
    assert_non_null(case_role_label((CaseRole)i));
  }
  assert_int_equal(case_role_from_code("operator"), -1);
  assert_int_equal(case_role_from_code(NULL), -1);
  assert_null(case_role_code(CASE_ROLE_COUNT));
  assert_int_equal(case_role_bit(CASE_ROLE_CASE_MANAGER), ROLE_CASE_MANAGER);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static int64_t ho_holder(World *w, int64_t iCase) {
  return db_int(w->db, -1, "SELECT coalesce(social_worker_id,0) FROM case_file WHERE id=$1", "i",
                iCase);
}

/* The number of history rows of a role on a case, and of open ones. */
static int ho_rows(World *w, int64_t iCase, const char *zRole, int bOpen) {
  return (int)db_int(w->db, -1,
                     "SELECT count(*) FROM case_assignment WHERE case_id=$1 AND role=$2"
                     " AND ($3=0 OR to_at IS NULL)",
                     "iti", iCase, zRole, (int64_t)bOpen);
}

/* Plan and apply a handover of iFrom's cases in eRole to aiTo. */
static int ho_run(World *w, Arena *a, int64_t iFrom, CaseRole eRole, const int64_t *aiTo, int nTo,
                  const char *zNote, HandoverPlan *p, Errors *e) {
  int rc = handover_plan(w->db, a, w->iA, iFrom, eRole, aiTo, nTo, zNote, p, e);
  if (rc) return rc;
  return handover_apply(w->db, a, w->iA, p, w->manager.id, e);
}

/* ------------------------------------------------------------------ */
/* Handover                                                            */
/* ------------------------------------------------------------------ */

static void test_handover_social_worker(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  User sw3 = fx_user(w.db, w.iA, 0, "sw3", ROLE_SOCIAL_WORKER, 1);
  int64_t c1 = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t c2 = fx_shortlist(&w, w.iAnna, "pon");
  int64_t c3 = fx_shortlist(&w, w.iMario, "fondo_poverta");
  assert_int_equal(intake_withdraw(w.db, w.iA, c3, "2022-01-15", "found_job", NULL, w.sw1.id, &e),
                   0);
  /* the triggers opened the first rows */
  assert_int_equal(ho_rows(&w, c1, "social_worker", 1), 1);
  /* a request on c1 assigned to sw1 follows the case */
  RequestInput in = {"rent", "arrears of three months", w.sw1.id, 1};
  int64_t iReq = 0;
  assert_int_equal(request_raise(w.db, w.iA, c1, &in, w.sw1.id, NULL, &iReq, &e), 0);

  /* refusals */
  HandoverPlan p;
  int64_t aBad[2] = {w.sw2.id, w.swGone.id};
  assert_int_equal(ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aBad, 2, NULL, &p, &e),
                   DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "to"));
  e.n = 0;
  int64_t aSelf[1] = {w.sw1.id};
  assert_int_equal(ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aSelf, 1, NULL, &p, &e),
                   DOMAIN_INVALID);
  e.n = 0;
  int64_t aPsy[1] = {w.psy.id};
  assert_int_equal(ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aPsy, 1, NULL, &p, &e),
                   DOMAIN_INVALID);
  e.n = 0;
  assert_int_equal(ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aBad, 0, NULL, &p, &e),
                   DOMAIN_INVALID);
  e.n = 0;
  assert_int_equal(ho_holder(&w, c1), w.sw1.id);

  /* the handover: c1 to sw2, c2 to sw3; the withdrawn c3 stays */
  int64_t aTo[2] = {w.sw2.id, sw3.id};
  assert_int_equal(
      ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aTo, 2, "call Maria on Monday", &p, &e), 0);
  assert_int_equal(p.nItem, 2);
  assert_int_equal(p.aItem[0].iPerson, w.iMaria);
  assert_string_equal(handover_audit_detail(&a, &p, 1),
                      "{\"role\":\"social_worker\",\"from\":\"sw1\",\"to\":\"sw3\","
                      "\"note\":\"call Maria on Monday\"}");
  assert_int_equal(ho_holder(&w, c1), w.sw2.id);
  assert_int_equal(ho_holder(&w, c2), sw3.id);
  assert_int_equal(ho_holder(&w, c3), w.sw1.id);
  assert_int_equal(handover_caseload(w.db, w.iA, w.sw1.id, CASE_ROLE_SOCIAL_WORKER), 0);

  Assignment *aH;
  int nH;
  assert_int_equal(handover_history(w.db, &a, w.iA, c1, &aH, &nH), 0);
  assert_int_equal(nH, 2);
  assert_int_equal(aH[0].iUser, w.sw1.id);
  assert_non_null(aH[0].zToAt);
  assert_null(aH[0].zNote);
  assert_int_equal(aH[1].iUser, w.sw2.id);
  assert_null(aH[1].zToAt);
  assert_string_equal(aH[1].zNote, "call Maria on Monday");
  assert_string_equal(aH[1].zAssignedBy, "manager");
  assert_int_equal(ho_rows(&w, c3, "social_worker", 0), 1);

  Request r;
  assert_int_equal(request_get(w.db, &a, w.iA, iReq, NULL, &r), 0);
  assert_int_equal(r.iAssignee, w.sw2.id);

  /* nothing left to hand over: an empty plan */
  assert_int_equal(
      handover_plan(w.db, &a, w.iA, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aTo, 2, NULL, &p, &e), 0);
  assert_int_equal(p.nItem, 0);
  /* another agency's account is no one here */
  User zed = fx_user(w.db, w.iB, 0, "zed", ROLE_SOCIAL_WORKER, 1);
  assert_int_equal(
      handover_plan(w.db, &a, w.iA, zed.id, CASE_ROLE_SOCIAL_WORKER, aTo, 2, NULL, &p, &e),
      DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "from"));
  arena_free(&a);
}

static void test_handover_case_manager(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  User cmA2 = fx_user(w.db, w.iA, w.iCoopA, "cm_a2", ROLE_CASE_MANAGER, 1);
  int64_t c1 = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  fx_first_interview(&w, c1);
  assert_int_equal(intake_assign(w.db, w.iA, c1, w.iCoopB, w.cmB.id, &e), 0);
  assert_int_equal(intake_assign(w.db, w.iA, c1, w.iCoopA, w.cmA.id, &e), 0);
  /* intake_assign wrote case_file; the triggers kept the history */
  assert_int_equal(ho_rows(&w, c1, "case_manager", 0), 2);
  assert_int_equal(ho_rows(&w, c1, "case_manager", 1), 1);
  assert_int_equal(ho_rows(&w, c1, "psychotherapist", 1), 1);

  HandoverPlan p;
  int64_t aOther[1] = {w.cmB.id};
  assert_int_equal(ho_run(&w, &a, w.cmA.id, CASE_ROLE_CASE_MANAGER, aOther, 1, NULL, &p, &e),
                   DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "to"));
  e.n = 0;
  int64_t aTo[1] = {cmA2.id};
  assert_int_equal(ho_run(&w, &a, w.cmA.id, CASE_ROLE_CASE_MANAGER, aTo, 1, NULL, &p, &e), 0);
  p.aItem[0].zNote = "x"; /* a stale plan is refused */
  assert_int_equal(handover_apply(w.db, &a, w.iA, &p, w.manager.id, &e), DOMAIN_CONFLICT);
  assert_int_equal(db_int(w.db, 0, "SELECT case_manager_id FROM case_file WHERE id=$1", "i", c1),
                   cmA2.id);
  assert_int_equal(ho_rows(&w, c1, "case_manager", 0), 3);
  assert_int_equal(ho_rows(&w, c1, "case_manager", 1), 1);
  /* one case moved on purpose, a psychotherapist this time */
  User psy2 = fx_user(w.db, w.iA, 0, "psy2", ROLE_PSYCHOTHERAPIST, 1);
  e.n = 0;
  assert_int_equal(
      handover_reassign(w.db, w.iA, c1, CASE_ROLE_PSYCHOTHERAPIST, psy2.id, "ok", w.manager.id, &e),
      0);
  assert_int_equal(
      handover_reassign(w.db, w.iA, c1, CASE_ROLE_PSYCHOTHERAPIST, psy2.id, NULL, w.manager.id, &e),
      0);
  assert_int_equal(ho_rows(&w, c1, "psychotherapist", 0), 2);
  assert_int_equal(
      handover_reassign(w.db, w.iA, 999999, CASE_ROLE_PSYCHOTHERAPIST, psy2.id, NULL, 0, &e),
      DOMAIN_NOT_FOUND);
  arena_free(&a);
}

static void test_orphans(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t c1 = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t c2 = fx_shortlist(&w, w.iAnna, "pon");
  int64_t c3 = fx_shortlist(&w, w.iMario, "fondo_poverta");
  fx_first_interview(&w, c2); /* no case manager yet */
  assert_int_equal(intake_withdraw(w.db, w.iA, c3, "2022-01-15", "found_job", NULL, w.sw1.id, &e),
                   0);
  Orphan *aO;
  int nO;
  assert_int_equal(handover_orphans(w.db, &a, w.iA, &aO, &nO), 0);
  assert_int_equal(nO, 1);
  assert_int_equal(aO[0].iCase, c2);
  assert_false(aO[0].bNoSocialWorker);
  assert_true(aO[0].bNoCaseManager);
  /* sw1 leaves: every active case of theirs has no active social worker */
  assert_int_equal(db_exec(w.db, "UPDATE app_user SET active=0 WHERE id=$1", "i", w.sw1.id), 0);
  assert_int_equal(handover_orphans(w.db, &a, w.iA, &aO, &nO), 0);
  assert_int_equal(nO, 2);
  assert_int_equal(aO[0].iCase, c1);
  assert_true(aO[0].bNoSocialWorker);
  assert_false(aO[0].bNoCaseManager);
  assert_string_equal(aO[0].zSocialWorker, "sw1");
  /* the handover of an inactive account's cases fixes it */
  HandoverPlan p;
  int64_t aTo[1] = {w.sw2.id};
  assert_int_equal(ho_run(&w, &a, w.sw1.id, CASE_ROLE_SOCIAL_WORKER, aTo, 1, NULL, &p, &e), 0);
  assert_int_equal(intake_assign(w.db, w.iA, c2, w.iCoopA, w.cmA.id, &e), 0);
  assert_int_equal(handover_orphans(w.db, &a, w.iA, &aO, &nO), 0);
  assert_int_equal(nO, 0);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Team meeting and my day                                             */
/* ------------------------------------------------------------------ */

/* A project for case iCase with one intervention for iPerson starting
** on zStart (planned). */
static int64_t co_intervention(World *w, int64_t iCase, int64_t iPerson, const char *zStart) {
  int64_t iProject = db_int(w->db, 0,
                            "INSERT INTO project(agency_id, case_id, created_at, updated_at)"
                            " VALUES ($1,$2,'2022-01-25T00:00:00Z','2022-01-25T00:00:00Z')"
                            " RETURNING id",
                            "ii", w->iA, iCase);
  int64_t iService =
      db_int(w->db, 0, "SELECT id FROM service WHERE agency_id=$1 AND code='haccp'", "i", w->iA);
  return db_int(w->db, 0,
                "INSERT INTO intervention(agency_id, project_id, service_id, person_id,"
                " planned_start, planned_end, created_at, updated_at)"
                " VALUES ($1,$2,$3,$4,$5,$5,'2022-01-25T00:00:00Z','2022-01-25T00:00:00Z')"
                " RETURNING id",
                "iiiit", w->iA, iProject, iService, iPerson, zStart);
}

static void test_team_meeting(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t c1 = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t c2 = fx_shortlist(&w, w.iAnna, "pon");
  char zToday[11], zSoon[11];
  date_today(zToday);
  coord_add_days(zToday, 3, zSoon);
  co_intervention(&w, c2, w.iAnna, zSoon);
  ActivityInput act = {zToday, "phone_call", 10, NULL, 0, 0, 0, "asked about the rent"};
  assert_int_equal(register_add(w.db, w.iA, c1, &act, w.sw1.id, NULL, &e), 0);

  MeetingView v;
  assert_int_equal(coord_meeting_view(w.db, &a, w.iA, w.sw1.id, 0, NULL, NULL, LANG_EN, &v), 0);
  assert_int_equal(v.nCase, 2);
  assert_int_equal(v.iLastMeeting, 0);
  /* Bianchi (an intervention soon) and Rossi (a call), both to discuss */
  assert_int_equal(v.aCase[0].iCase, c2);
  assert_int_equal(v.aCase[0].nIv, 1);
  assert_true(v.aCase[0].aIv[0].bStarting);
  assert_int_equal(v.aCase[1].iCase, c1);
  assert_int_equal(v.aCase[1].nNewActivity, 1);
  assert_true(v.aCase[1].bToDiscuss);
  /* a case manager of none of them sees nothing */
  assert_int_equal(coord_meeting_view(w.db, &a, w.iA, w.sw1.id, w.cmA.id, NULL, NULL, LANG_EN, &v),
                   0);
  assert_int_equal(v.nCase, 0);
  assert_int_equal(coord_meeting_view(w.db, &a, w.iA, w.psy.id, 0, NULL, NULL, LANG_EN, &v),
                   DOMAIN_NOT_FOUND);

  /* recording: validation first */
  MeetingMinute aM[2] = {{c1, "rent: the social worker calls the landlord"}, {c2, ""}};
  MeetingInput in = {w.sw1.id, zToday, "sw1, cm_a", aM, 2, 0};
  assert_int_equal(coord_meeting_record(w.db, &a, w.iA, &in, w.sw1.id, NULL, &e), DOMAIN_INVALID);
  assert_non_null(errors_get(&e, arena_printf(&a, "minute.%lld", (long long)c2)));
  e.n = 0;
  in.nMinute = 0;
  assert_int_equal(coord_meeting_record(w.db, &a, w.iA, &in, w.sw1.id, NULL, &e), DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "minutes"));
  e.n = 0;
  in.nMinute = 1;
  in.zHeldOn = "2999-01-01";
  assert_int_equal(coord_meeting_record(w.db, &a, w.iA, &in, w.sw1.id, NULL, &e), DOMAIN_INVALID);
  e.n = 0;
  in.zHeldOn = zToday;
  int64_t iMeeting = 0;
  assert_int_equal(coord_meeting_record(w.db, &a, w.iA, &in, w.sw1.id, &iMeeting, &e), 0);
  assert_true(iMeeting > 0);
  /* the minute is in the case's register, as a team meeting */
  assert_int_equal(db_int(w.db, 0,
                          "SELECT count(*) FROM activity WHERE case_id=$1 AND kind='team_meeting'"
                          " AND text LIKE 'rent:%'",
                          "i", c1),
                   1);
  assert_int_equal(db_int(w.db, 0, "SELECT count(*) FROM activity WHERE case_id=$1", "i", c2), 0);
  Meeting *aMt;
  int nMt;
  assert_int_equal(coord_meetings(w.db, &a, w.iA, w.sw1.id, 10, &aMt, &nMt), 0);
  assert_int_equal(nMt, 1);
  assert_int_equal(aMt[0].nCase, 1);
  /* after the meeting, the call and the minute are no longer new */
  assert_int_equal(coord_meeting_view(w.db, &a, w.iA, w.sw1.id, 0, NULL, NULL, LANG_EN, &v), 0);
  assert_int_equal(v.iLastMeeting, iMeeting);
  for (int i = 0; i < v.nCase; i++) assert_int_equal(v.aCase[i].nNewActivity, 0);
  arena_free(&a);
}

static void test_my_day(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t c1 = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t c2 = fx_shortlist(&w, w.iAnna, "pon");
  fx_first_interview(&w, c2);
  assert_int_equal(intake_assign(w.db, w.iA, c2, w.iCoopA, w.cmA.id, &e), 0);
  RequestInput old = {"documents", "identity card renewal", w.sw1.id, 0};
  RequestInput fresh = {"school", "enrolment of Luca", w.sw1.id, 0};
  int64_t iOld, iFresh;
  assert_int_equal(request_raise(w.db, w.iA, c1, &fresh, w.cmA.id, NULL, &iFresh, &e), 0);
  assert_int_equal(request_raise(w.db, w.iA, c1, &old, w.cmA.id, "2022-02-01T09:00:00Z", &iOld, &e),
                   0);

  MyDay d;
  assert_int_equal(coord_my_day(w.db, &a, w.iA, &w.sw1, NULL, NULL, LANG_EN, &d), 0);
  assert_int_equal(d.nReq, 2);
  assert_int_equal(d.nOverdue, 1);
  assert_int_equal(d.aReq[0].id, iOld); /* overdue first */
  assert_int_equal(d.nForm, 1);         /* c1 has no first-interview form */
  assert_int_equal(d.aForm[0].iCase, c1);
  assert_string_equal(d.aForm[0].zKind, "access_form");
  assert_int_equal(d.nCases, 2);
  assert_int_equal(coord_my_day(w.db, &a, w.iA, &w.cmA, NULL, NULL, LANG_EN, &d), 0);
  assert_int_equal(d.nReq, 0);
  assert_int_equal(d.nForm, 1); /* the project of c2 */
  assert_string_equal(d.aForm[0].zKind, "project");
  assert_int_equal(coord_my_day(w.db, &a, w.iA, &w.op, NULL, NULL, LANG_EN, &d), 0);
  assert_int_equal(d.nReq + d.nForm + d.nIv + d.nSession + d.nCases, 0);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                             \
  cmocka_unit_test_setup_teardown(test_handover_social_worker, setup, teardown),    \
      cmocka_unit_test_setup_teardown(test_handover_case_manager, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_orphans, setup, teardown),               \
      cmocka_unit_test_setup_teardown(test_team_meeting, setup, teardown),          \
      cmocka_unit_test_setup_teardown(test_my_day, setup, teardown)

int main(void) {
  (void)ho_unused;
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_spread),
      cmocka_unit_test(test_roles),
  };
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int nFail = cmocka_run_group_tests_name("pure", aPure, NULL, NULL);
  nFail += cmocka_run_group_tests_name("sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) nFail += cmocka_run_group_tests_name("postgresql", aPg, NULL, NULL);
  return nFail ? 1 : 0;
}
