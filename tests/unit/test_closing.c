/*
** Unit tests for src/domain/closing.c and round_end.c: the pure checks of
** an evaluation (outcome codes and their conditional fields, dates,
** results); closing refused before the agreement, with an objective not
** judged or a date before the agreement (nothing written); a close that
** cancels the planned intervention, interrupts the active one with the
** reason "path closed" and completes the suspended one as chosen, sets
** closed_at and keeps the stage; after it every write to the project and
** every transition is refused and a second close is a conflict;
** employed_host without a hiring; the round-end plan (paths with
** interventions past the round's end, the notice date, the next round)
** and its decisions, including the move to the next round.
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
#include "../../src/domain/closing.c"
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
#include "../../src/domain/round_end.c"
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

/* ------------------------------------------------------------------ */
/* Pure checks                                                         */
/* ------------------------------------------------------------------ */

static Evaluation ev_base(void) {
  Evaluation v;
  memset(&v, 0, sizeof v);
  v.zWrittenOn = "2022-06-20";
  v.zOutcome = "activated";
  v.zOutcomeOn = "2022-06-15";
  return v;
}

static void test_validate(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  Evaluation v = ev_base();
  closing_validate(&a, &v, &e);
  assert_int_equal(e.n, 0);
  v.zOutcome = "employed_other";
  closing_validate(&a, &v, &e);
  fx_expect(&e, "contract_type", "required");
  v.zContractType = "zero_hours";
  closing_validate(&a, &v, &e);
  fx_expect(&e, "contract_type", "not one of the allowed values");
  v.zContractType = "permanent";
  v.zInterruptionReason = "health";
  closing_validate(&a, &v, &e);
  fx_expect(&e, "interruption_reason", "only for an interrupted path");
  v = ev_base();
  v.zOutcome = "interrupted";
  v.zContractType = "permanent";
  closing_validate(&a, &v, &e);
  assert_int_equal(e.n, 2);
  assert_string_equal(errors_get(&e, "contract_type"), "only for an outcome of employment");
  assert_string_equal(errors_get(&e, "interruption_reason"), "required");
  e.n = 0;
  v = ev_base();
  v.zOutcome = "withdrew";
  v.zWithdrawalReason = "bored";
  closing_validate(&a, &v, &e);
  fx_expect(&e, "withdrawal_reason", "not one of the allowed values");
  v.zWithdrawalReason = "found_job";
  closing_validate(&a, &v, &e);
  assert_int_equal(e.n, 0);
  v.zOutcome = "hired";
  v.zWithdrawalReason = NULL;
  closing_validate(&a, &v, &e);
  fx_expect(&e, "outcome", "not one of the allowed values");
  v = ev_base();
  v.zOutcomeOn = "2022-06-21";
  closing_validate(&a, &v, &e);
  fx_expect(&e, "outcome_on", "cannot be after the date of the evaluation");
  v = ev_base();
  ObjectiveResult aR[] = {{7, 0, 0, "achieved", 0}, {8, 0, 0, "maybe", 0}, {7, 0, 0, "not", 0}};
  v.aResult = aR;
  v.nResult = 3;
  closing_validate(&a, &v, &e);
  assert_int_equal(e.n, 2);
  assert_string_equal(errors_get(&e, "objectives.8"), "not one of the allowed values");
  assert_string_equal(errors_get(&e, "objectives.7"), "judged twice");
  assert_string_equal(closing_label(closing_azOutcome, "employed_host"),
                      "Employed by the internship's host firm");
  assert_null(closing_label(closing_azOutcome, "nope"));
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Closing                                                             */
/* ------------------------------------------------------------------ */

typedef struct Path {
  int64_t iCase, iProject, iObjMaria, iObjLuca;
  int64_t iPlanned, iActive, iSuspended;
} Path;

static int64_t fx_add_iv(World *w, int64_t iProject, const char *zService, int64_t iPerson,
                         const char *zEnd) {
  Errors e = {.n = 0};
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = zService;
  iv.iPerson = iPerson;
  iv.zPlannedStart = "2022-03-01";
  iv.zPlannedEnd = zEnd;
  iv.iPlannedHours = 100;
  iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = -1;
  assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv, NULL, 0, &e), 0);
  return iv.id;
}

/* Maria's agreed path (2022-02-15): two objectives; haccp planned, an
** internship active since 2022-03-01, home education for Luca suspended
** on 2022-04-01 and planned to end after the round (2022-09-30). */
static Path fx_path(World *w) {
  Path p;
  memset(&p, 0, sizeof p);
  p.iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, p.iCase);
  fx_second_interview(w, p.iCase);
  Errors e = {.n = 0};
  assert_int_equal(project_create(w->db, w->iA, p.iCase, &p.iProject, &e), 0);
  Objective o1 = {0, w->iMaria, NULL, "a job in catering", NULL, NULL};
  Objective o2 = {0, w->iLuca, NULL, "school attendance", NULL, NULL};
  assert_int_equal(project_objective_save(w->db, w->iA, p.iProject, &o1, NULL, 0, &e), 0);
  assert_int_equal(project_objective_save(w->db, w->iA, p.iProject, &o2, NULL, 0, &e), 0);
  p.iObjMaria = o1.id;
  p.iObjLuca = o2.id;
  p.iPlanned = fx_add_iv(w, p.iProject, "haccp", w->iMaria, "2022-05-30");
  p.iActive = fx_add_iv(w, p.iProject, "internship", w->iMaria, "2022-06-30");
  p.iSuspended = fx_add_iv(w, p.iProject, "home_education", w->iLuca, "2022-09-30");
  assert_int_equal(project_agree(w->db, w->iA, p.iProject, "2022-02-15", w->cmA.id, &e), 0);
  assert_int_equal(iv_transition(w->db, w->iA, p.iActive, IV_START, "2022-03-01", NULL, 0, &e), 0);
  assert_int_equal(iv_transition(w->db, w->iA, p.iSuspended, IV_START, "2022-03-01", NULL, 0, &e),
                   0);
  assert_int_equal(iv_transition(w->db, w->iA, p.iSuspended, IV_SUSPEND, "2022-04-01",
                                 "postponed: health emergency", 0, &e),
                   0);
  return p;
}

static void test_close_refused(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  Evaluation v = ev_base();
  v.iCase = fx_shortlist(&w, w.iAnna, "pon");
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the project has not been agreed");
  assert_int_equal(closing_close(w.db, &a, w.iB, &v, LANG_EN, w.cmA.id, &e), DOMAIN_NOT_FOUND);
  Path p = fx_path(&w);
  v.iCase = p.iCase;
  ObjectiveResult aR[] = {{p.iObjMaria, 0, 0, "partly", "a short contract"}};
  v.aResult = aR;
  v.nResult = 1;
  v.zOutcomeOn = "2022-02-01";
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), DOMAIN_INVALID);
  assert_int_equal(e.n, 2);
  assert_string_equal(errors_get(&e, "outcome_on"), "cannot be before the project was agreed");
  assert_string_equal(errors_get(&e, arena_printf(&a, "objectives.%lld", (long long)p.iObjLuca)),
                      "judge this objective");
  e.n = 0;
  v = ev_base();
  v.iCase = p.iCase;
  v.zOutcome = "employed_host";
  v.zContractType = "fixed_term";
  ObjectiveResult aBoth[] = {{p.iObjMaria, 0, 0, "achieved", 0}, {p.iObjLuca, 0, 0, "not", 0}};
  v.aResult = aBoth;
  v.nResult = 2;
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), DOMAIN_INVALID);
  fx_expect(&e, "outcome", "no internship of this project ended in hiring");
  IvEnding aEnd[] = {{p.iPlanned, 1}};
  v = ev_base();
  v.iCase = p.iCase;
  v.aResult = aBoth;
  v.nResult = 2;
  v.aEnding = aEnd;
  v.nEnding = 1;
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), DOMAIN_INVALID);
  fx_expect(&e, arena_printf(&a, "interventions.%lld", (long long)p.iPlanned),
            "not an active or suspended intervention of this project");
  /* nothing was written */
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM evaluation WHERE case_id=$1", p.iCase), 0);
  assert_int_equal(
      FX_COUNT(&w, "SELECT count(*) FROM case_file WHERE id=$1 AND closed_at IS NULL", p.iCase), 1);
  assert_int_equal(
      FX_COUNT(&w, "SELECT count(*) FROM intervention WHERE project_id=$1 AND status='planned'",
               p.iProject),
      1);
  /* the host firm hires her: employed_host closes */
  assert_int_equal(
      db_exec(w.db,
              "INSERT INTO placement(intervention_id, host_firm_id, start_on, hired_on,"
              " contract_type, updated_at) VALUES ($1,$2,'2022-03-01','2022-06-10',"
              "'fixed_term','2022-06-10T10:00:00Z')",
              "ii", p.iActive, w.iFirm),
      0);
  v = ev_base();
  v.iCase = p.iCase;
  v.zOutcome = "employed_host";
  v.zContractType = "fixed_term";
  v.aResult = aBoth;
  v.nResult = 2;
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), 0);
  assert_int_equal(e.n, 0);
  arena_free(&a);
}

/* The status and reason of intervention id. */
static void expect_iv(World *w, int64_t id, const char *zStatus, const char *zReason) {
  DbStmt *q = db_query(
      w->db, "SELECT status, status_reason, ended_on FROM intervention WHERE id=$1", "i", id);
  assert_int_equal(db_step(q), DB_ROW);
  assert_string_equal(db_col_text(q, 0), zStatus);
  if (zReason) assert_string_equal(db_col_text(q, 1), zReason);
  assert_string_equal(db_col_text(q, 2), "2022-06-20");
  db_done(q);
}

static void test_close(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  Path p = fx_path(&w);
  Evaluation v = ev_base();
  v.iCase = p.iCase;
  v.zSkills = "HACCP basics; punctuality";
  ObjectiveResult aR[] = {{p.iObjMaria, 0, 0, "partly", "a short contract"},
                          {p.iObjLuca, 0, 0, "achieved", 0}};
  v.aResult = aR;
  v.nResult = 2;
  IvEnding aEnd[] = {{p.iSuspended, 1}};
  v.aEnding = aEnd;
  v.nEnding = 1;
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), 0);
  expect_iv(&w, p.iPlanned, "cancelled", "path closed");
  expect_iv(&w, p.iActive, "interrupted", "path closed");
  expect_iv(&w, p.iSuspended, "completed", NULL);
  assert_int_equal(fx_stage(&w, p.iCase), STAGE_AGREED);
  assert_int_equal(
      FX_COUNT(&w, "SELECT count(*) FROM case_file WHERE id=$1 AND closed_at IS NULL", p.iCase), 0);
  Evaluation g;
  assert_int_equal(closing_get(w.db, &a, w.iA, p.iCase, &g), 0);
  assert_string_equal(g.zOutcome, "activated");
  assert_string_equal(g.zAuthor, "cm_a");
  assert_string_equal(g.zSkills, "HACCP basics; punctuality");
  assert_null(g.zIssues);
  assert_int_equal(g.nResult, 2);
  assert_string_equal(g.aResult[0].zResult, "partly");
  assert_string_equal(g.aResult[0].zObjective, "a job in catering");
  assert_string_equal(g.aResult[1].zPerson, "Luca Rossi");
  assert_int_equal(closing_get(w.db, &a, w.iB, p.iCase, &g), DOMAIN_NOT_FOUND);
  /* closed: read-only */
  assert_int_equal(closing_close(w.db, &a, w.iA, &v, LANG_EN, w.cmA.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the path is closed");
  assert_int_equal(project_set_commitments(w.db, w.iA, p.iProject, "more", "a change after the end",
                                           w.cmA.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the path is closed");
  Objective o = {0, w.iMaria, NULL, "another", NULL, NULL};
  assert_int_equal(
      project_objective_save(w.db, w.iA, p.iProject, &o, "a change after the end", w.cmA.id, &e),
      DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the path is closed");
  assert_int_equal(iv_transition(w.db, w.iA, p.iActive, IV_COMPLETE, "2022-06-21", NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the case is closed");
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Round end                                                           */
/* ------------------------------------------------------------------ */

static void test_round_end(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  Path p = fx_path(&w);
  RoundEnd re;
  assert_int_equal(round_end_plan(w.db, &a, w.iB, w.iRound, 6, LANG_EN, &re), DOMAIN_NOT_FOUND);
  assert_int_equal(round_end_plan(w.db, &a, w.iA, w.iRound, 6, LANG_EN, &re), 0);
  assert_string_equal(re.zNoticeBy, "2022-05-19");
  assert_int_equal(re.iNext, 0);
  assert_int_equal(re.nCase, 1);
  assert_int_equal(re.aCase[0].iCase, p.iCase);
  assert_string_equal(re.aCase[0].zName, "Rossi Maria");
  assert_int_equal(re.aCase[0].nIv, 1);
  assert_int_equal(re.aCase[0].aIv[0].id, p.iSuspended);
  assert_string_equal(re.aCase[0].aIv[0].zService, "Home educational service for minors");
  assert_string_equal(re.aCase[0].zLastEnd, "2022-09-30");
  assert_null(re.aCase[0].zDecision);
  /* no next round yet */
  assert_int_equal(
      round_end_decide(w.db, w.iA, p.iCase, "next_round", NULL, w.manager.id, NULL, &e),
      DOMAIN_CONFLICT);
  fx_expect(&e, "decision", "there is no next round");
  assert_int_equal(round_end_decide(w.db, w.iA, p.iCase, "later", NULL, w.manager.id, NULL, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "decision", "not one of the allowed values");
  assert_int_equal(round_end_decide(w.db, w.iA, p.iCase, "ordinary_services", "told on 2022-05-10",
                                    w.manager.id, NULL, &e),
                   0);
  Round r2 = {0, "R2", "Round 2", "2022-07-01", "2022-12-31", -1, NULL, 0};
  assert_int_equal(round_save(w.db, w.iA, &r2, &e), 0);
  int64_t iNew = 0;
  assert_int_equal(round_end_decide(w.db, w.iA, p.iCase, "next_round", "continues in R2",
                                    w.manager.id, &iNew, &e),
                   0);
  assert_true(iNew > 0);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iNew, &c), 0);
  assert_int_equal(c.iRound, r2.id);
  assert_int_equal(c.iPerson, w.iMaria);
  assert_int_equal(c.eStage, STAGE_SHORTLISTED);
  assert_string_equal(c.zStreamCode, "fondo_poverta");
  assert_int_equal(round_end_plan(w.db, &a, w.iA, w.iRound, 2, LANG_EN, &re), 0);
  assert_int_equal(re.iNext, r2.id);
  assert_string_equal(re.aCase[0].zDecision, "next_round");
  assert_string_equal(re.aCase[0].zNote, "continues in R2");
  assert_int_equal(re.aCase[0].iNextCase, iNew);
  assert_int_equal(
      round_end_decide(w.db, w.iA, p.iCase, "close_early", NULL, w.manager.id, NULL, &e),
      DOMAIN_CONFLICT);
  fx_expect(&e, "decision", "the path has already been moved to the next round");
  /* a closed path leaves the plan */
  assert_int_equal(
      db_exec(w.db, "UPDATE case_file SET closed_at='2022-06-20T10:00:00Z' WHERE id=$1", "i",
              p.iCase),
      0);
  assert_int_equal(round_end_plan(w.db, &a, w.iA, w.iRound, 6, LANG_EN, &re), 0);
  assert_int_equal(re.nCase, 0);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                 \
  cmocka_unit_test_setup_teardown(test_close_refused, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_close, setup, teardown),     \
      cmocka_unit_test_setup_teardown(test_round_end, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_validate)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("closing", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("closing on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("closing on postgresql", aPg, NULL, NULL);
  return rc;
}
