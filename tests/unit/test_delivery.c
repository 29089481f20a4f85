/*
** Unit tests for src/domain/delivery.c: the state machine (every action
** from every status, legal or not), the actions that need a reason, and
** against a database: every legal transition with its event row and the
** intervention's dates and reason; every illegal one answered
** DOMAIN_CONFLICT with nothing written; dates (invalid, in the future,
** before the previous change); a draft project's and a closed case's
** interventions refuse to move; the history read back; a cancelled
** intervention's operator loses access to the member.
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

#define REASON "postponed: health emergency"

/* ------------------------------------------------------------------ */
/* The state machine (pure)                                            */
/* ------------------------------------------------------------------ */

static void test_machine(void **state) {
  (void)state;
  static const char *azStatus[] = {"planned", "active", "suspended", "completed", "interrupted",
                                   "cancelled"};
  /* expected next status per [status][action]; NULL: not allowed */
  static const char *aaNext[6][IV_ACTION_COUNT] = {
      /* start suspend resume complete interrupt cancel */
      {"active", NULL, NULL, NULL, NULL, "cancelled"},                  /* planned */
      {NULL, "suspended", NULL, "completed", "interrupted", NULL},      /* active */
      {NULL, NULL, "active", "completed", "interrupted", "cancelled"},  /* suspended */
      {NULL, NULL, NULL, NULL, NULL, NULL},                             /* completed */
      {NULL, NULL, NULL, NULL, NULL, NULL},                             /* interrupted */
      {NULL, NULL, NULL, NULL, NULL, NULL},                             /* cancelled */
  };
  for (int s = 0; s < 6; s++) {
    for (int e = 0; e < IV_ACTION_COUNT; e++) {
      const char *z = iv_next_status(azStatus[s], (IvAction)e);
      if (aaNext[s][e]) {
        assert_non_null(z);
        assert_string_equal(z, aaNext[s][e]);
      } else if (z) {
        fail_msg("%s --%s--> %s should be refused", azStatus[s], iv_action_code((IvAction)e), z);
      }
    }
  }
  /* statuses that are substrings or unknown */
  assert_null(iv_next_status("plan", IV_START));
  assert_null(iv_next_status("", IV_START));
  assert_null(iv_next_status(NULL, IV_START));
  assert_null(iv_next_status("planned active", IV_START));
  assert_null(iv_next_status("planned", IV_ACTION_COUNT));
  for (int e = 0; e < IV_ACTION_COUNT; e++) {
    assert_int_equal(iv_action_from_code(iv_action_code((IvAction)e)), e);
  }
  assert_int_equal(iv_action_from_code("restart"), -1);
  assert_int_equal(iv_action_from_code(NULL), -1);
  assert_null(iv_action_code(IV_ACTION_COUNT));
  assert_string_equal(iv_action_code(IV_INTERRUPT), "interrupt");
  assert_int_equal(iv_action_needs_reason(IV_START), 0);
  assert_int_equal(iv_action_needs_reason(IV_SUSPEND), 1);
  assert_int_equal(iv_action_needs_reason(IV_RESUME), 0);
  assert_int_equal(iv_action_needs_reason(IV_COMPLETE), 0);
  assert_int_equal(iv_action_needs_reason(IV_INTERRUPT), 1);
  assert_int_equal(iv_action_needs_reason(IV_CANCEL), 1);
}

/* ------------------------------------------------------------------ */
/* Against a database                                                  */
/* ------------------------------------------------------------------ */

/* A project for Maria with an internship (op delivers it) and a haccp
** course for Giulia; agreed on 2022-02-15 unless bDraft.  The
** interventions through *piIv / *piIv2, the case through *piCase. */
static void fx_delivery(World *w, int bDraft, int64_t *piIv, int64_t *piIv2, int64_t *piCase) {
  int64_t iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  Errors e = {.n = 0};
  int64_t iProject = 0;
  assert_int_equal(project_create(w->db, w->iA, iCase, &iProject, &e), 0);
  Objective o = {0, w->iMaria, NULL, "find work", NULL, NULL};
  assert_int_equal(project_objective_save(w->db, w->iA, iProject, &o, NULL, 0, &e), 0);
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = "internship";
  iv.iPerson = w->iMaria;
  iv.iOperator = w->op.id;
  iv.zPlannedStart = "2022-03-01";
  iv.iPlannedHours = iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = -1;
  assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv, NULL, 0, &e), 0);
  Intervention iv2 = iv;
  iv2.id = 0;
  iv2.zServiceCode = "haccp";
  iv2.iPerson = w->iGiulia;
  iv2.iOperator = 0;
  assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv2, NULL, 0, &e), 0);
  if (!bDraft) {
    assert_int_equal(project_agree(w->db, w->iA, iProject, "2022-02-15", w->cmA.id, &e), 0);
    assert_int_equal(fx_stage(w, iCase), STAGE_AGREED);
  }
  *piIv = iv.id;
  if (piIv2) *piIv2 = iv2.id;
  if (piCase) *piCase = iCase;
}

/* The status of intervention id as stored. */
static const char *fx_status(World *w, Arena *a, int64_t id) {
  return db_text(w->db, a, "SELECT status FROM intervention WHERE id=$1", "i", id);
}

#define FX_EVENTS(w, id) FX_COUNT(w, "SELECT count(*) FROM intervention_event WHERE intervention_id=$1", id)

/* Each illegal action from the present status is refused, nothing written. */
static void fx_refuse_others(World *w, int64_t iIv, const char *zStatus) {
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t n = FX_EVENTS(w, iIv);
  for (int k = 0; k < IV_ACTION_COUNT; k++) {
    if (iv_next_status(zStatus, (IvAction)k)) continue;
    assert_int_equal(iv_transition(w->db, w->iA, iIv, (IvAction)k, "2022-06-01", REASON, w->cmA.id, &e),
                     DOMAIN_CONFLICT);
    fx_expect(&e, "status", "this change is not possible from the present status");
  }
  assert_int_equal(FX_EVENTS(w, iIv), n);
  assert_string_equal(fx_status(w, &a, iIv), zStatus);
  arena_free(&a);
}

static void test_lifecycle(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iIv, iIv2;
  fx_delivery(&w, 0, &iIv, &iIv2, NULL);
  fx_refuse_others(&w, iIv, "planned");
  /* start */
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_START, "2022-03-01", NULL, w.cmA.id, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv), "active");
  assert_string_equal(db_text(w.db, &a, "SELECT started_on FROM intervention WHERE id=$1", "i", iIv),
                      "2022-03-01");
  fx_refuse_others(&w, iIv, "active");
  /* suspend needs a reason of at least 10 characters */
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_SUSPEND, "2022-04-01", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_SUSPEND, "2022-04-01", " flu ", 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "explain the reason in at least 10 characters");
  assert_int_equal(FX_EVENTS(&w, iIv), 1);
  assert_int_equal(
      iv_transition(w.db, w.iA, iIv, IV_SUSPEND, "2022-04-01", "  " REASON " ", w.cmA.id, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv), "suspended");
  assert_string_equal(
      db_text(w.db, &a, "SELECT status_reason FROM intervention WHERE id=$1", "i", iIv), REASON);
  fx_refuse_others(&w, iIv, "suspended");
  /* resume, then complete (a reason is optional there) */
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_RESUME, "2022-04-20", NULL, w.cmA.id, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv), "active");
  /* before the previous change */
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_COMPLETE, "2022-04-19", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on", "cannot be before the previous change of status");
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_COMPLETE, "2199-01-01", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on", "cannot be in the future");
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_COMPLETE, "2022-02-30", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on", "not a valid date (YYYY-MM-DD)");
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_COMPLETE, "2022-06-30", NULL, w.op.id, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv), "completed");
  assert_string_equal(db_text(w.db, &a, "SELECT ended_on FROM intervention WHERE id=$1", "i", iIv),
                      "2022-06-30");
  fx_refuse_others(&w, iIv, "completed");
  /* the history */
  IvEvent *aEv;
  int nEv;
  assert_int_equal(iv_events(w.db, &a, w.iA, iIv, &aEv, &nEv), 0);
  assert_int_equal(nEv, 4);
  assert_string_equal(aEv[0].zOn, "2022-03-01");
  assert_string_equal(aEv[0].zFrom, "planned");
  assert_string_equal(aEv[0].zTo, "active");
  assert_null(aEv[0].zReason);
  assert_string_equal(aEv[0].zBy, "cm_a");
  assert_string_equal(aEv[1].zReason, REASON);
  assert_string_equal(aEv[2].zTo, "active");
  assert_string_equal(aEv[3].zTo, "completed");
  assert_string_equal(aEv[3].zBy, "op");
  assert_int_equal(iv_events(w.db, &a, w.iB, iIv, &aEv, &nEv), 0);
  assert_int_equal(nEv, 0);
  /* another agency cannot move it */
  assert_int_equal(iv_transition(w.db, w.iB, iIv2, IV_START, NULL, NULL, 0, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(iv_transition(w.db, w.iA, 999999, IV_START, NULL, NULL, 0, &e),
                   DOMAIN_NOT_FOUND);
  /* the default date is today */
  char zToday[11];
  date_today(zToday);
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_START, "", NULL, 0, &e), 0);
  assert_string_equal(db_text(w.db, &a, "SELECT started_on FROM intervention WHERE id=$1", "i", iIv2),
                      zToday);
  /* interrupt from active */
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_INTERRUPT, NULL, REASON, 0, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv2), "interrupted");
  fx_refuse_others(&w, iIv2, "interrupted");
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, 99, NULL, NULL, 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "action", "unknown action");
  arena_free(&a);
}

static void test_other_paths(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iIv, iIv2, iCase;
  fx_delivery(&w, 0, &iIv, &iIv2, &iCase);
  assert_int_equal(access_person(w.db, &w.op, w.iMaria), REL_OPERATOR);
  /* cancel from planned needs a reason; may be dated ahead */
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_CANCEL, "2022-03-01", "", 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_CANCEL, "2199-01-01", REASON, 0, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv), "cancelled");
  assert_string_equal(db_text(w.db, &a, "SELECT ended_on FROM intervention WHERE id=$1", "i", iIv),
                      "2199-01-01");
  fx_refuse_others(&w, iIv, "cancelled");
  /* the operator of a cancelled intervention no longer reaches Maria */
  assert_int_equal(access_person(w.db, &w.op, w.iMaria), REL_NONE);
  /* suspended -> interrupted, suspended -> completed, suspended -> cancelled */
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_START, "2022-03-01", NULL, 0, &e), 0);
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_SUSPEND, "2022-03-05", REASON, 0, &e), 0);
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_INTERRUPT, "2022-03-04", REASON, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on", "cannot be before the previous change of status");
  assert_int_equal(iv_transition(w.db, w.iA, iIv2, IV_CANCEL, "2022-03-05", REASON, 0, &e), 0);
  assert_string_equal(fx_status(&w, &a, iIv2), "cancelled");
  assert_string_equal(
      db_text(w.db, &a, "SELECT started_on FROM intervention WHERE id=$1", "i", iIv2), "2022-03-01");
  arena_free(&a);
}

static void test_suspended_endings(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iIv, iIv2;
  fx_delivery(&w, 0, &iIv, &iIv2, NULL);
  for (int k = 0; k < 2; k++) {
    int64_t id = k ? iIv2 : iIv;
    assert_int_equal(iv_transition(w.db, w.iA, id, IV_START, "2022-03-01", NULL, 0, &e), 0);
    assert_int_equal(iv_transition(w.db, w.iA, id, IV_SUSPEND, "2022-03-05", REASON, 0, &e), 0);
    assert_int_equal(iv_transition(w.db, w.iA, id, k ? IV_COMPLETE : IV_INTERRUPT, "2022-03-06",
                                   k ? NULL : "moved away from the area", 0, &e),
                     0);
    assert_string_equal(fx_status(&w, &a, id), k ? "completed" : "interrupted");
  }
  assert_string_equal(db_text(w.db, &a, "SELECT status_reason FROM intervention WHERE id=$1", "i",
                              iIv),
                      "moved away from the area");
  arena_free(&a);
}

static void test_record_refuses(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iIv, iIv2, iCase;
  /* a draft project's interventions do not move */
  fx_delivery(&w, 1, &iIv, &iIv2, &iCase);
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_START, "2022-03-01", NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the project has not been agreed");
  assert_int_equal(FX_EVENTS(&w, iIv), 0);
  /* agreed, started; then the case is closed: nothing moves */
  int64_t iProject = project_of_case(w.db, w.iA, iCase);
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-15", w.cmA.id, &e), 0);
  assert_int_equal(iv_transition(w.db, w.iA, iIv, IV_START, "2022-03-01", NULL, 0, &e), 0);
  assert_int_equal(db_exec(w.db, "UPDATE case_file SET closed_at='2022-07-01T10:00:00Z' WHERE id=$1",
                           "i", iCase),
                   0);
  for (int k = 0; k < IV_ACTION_COUNT; k++) {
    assert_int_equal(iv_transition(w.db, w.iA, iIv, (IvAction)k, "2022-06-01", REASON, 0, &e),
                     DOMAIN_CONFLICT);
    fx_expect(&e, "status", "the case is closed");
  }
  assert_int_equal(FX_EVENTS(&w, iIv), 1);
  assert_string_equal(fx_status(&w, &a, iIv), "active");
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),                              \
      cmocka_unit_test_setup_teardown(test_other_paths, setup, teardown),                        \
      cmocka_unit_test_setup_teardown(test_suspended_endings, setup, teardown),                  \
      cmocka_unit_test_setup_teardown(test_record_refuses, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_machine)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("delivery", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("delivery on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("delivery on postgresql", aPg, NULL, NULL);
  return rc;
}
