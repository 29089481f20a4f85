/*
** Unit tests for src/domain/entry.c: the profile at entry.
**
** The rules (pure): age at entry in whole years (the day before the
** birthday and the birthday itself); household size counting the
** participant and leaving out members born after the entry date; single
** mother with children — a woman reference person with a child under 18
** at entry and no partner; not with a partner, a child of 18, a child
** whose birth date is unknown, a man or a woman who is not the reference
** person; missing when the gender is unknown; origin italy / other /
** missing.
**
** On a database (SQLite, and PostgreSQL when ALI_TEST_PG is set): the
** agreement writes the row in its transaction (project_agree); a member
** born later does not change it, and writing again adds nothing;
** entry_snapshot_fill writes the rows of the cases agreed without one
** (as the demo and the history import load them) and only of the agreed
** ones; entry_snapshot_upgrade fills only when migrations crossed 12.
** Included h2o style, with the intake fixture.
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

/* ------------------------------------------------------------------ */
/* The rules                                                           */
/* ------------------------------------------------------------------ */

static EntryProfile rules(const char *zGender, const char *zRel, const char *zBirth,
                          const char *zCountry, const EntryMember *a, int n, const char *zEntry) {
  EntryProfile p;
  entry_rules(zGender, zRel, zBirth, zCountry, a, n, zEntry, &p);
  return p;
}

static void test_age(void **state) {
  (void)state;
  EntryMember me = {"reference", "1980-03-14"};
  assert_int_equal(rules("F", "reference", "1980-03-14", "IT", &me, 1, "2022-03-13").iAge, 41);
  assert_int_equal(rules("F", "reference", "1980-03-14", "IT", &me, 1, "2022-03-14").iAge, 42);
  assert_int_equal(rules("F", "reference", "1980-03-14", "IT", &me, 1, "2022-12-31").iAge, 42);
  assert_int_equal(rules("F", "reference", NULL, "IT", &me, 1, "2022-03-14").iAge, -1);
}

static void test_household(void **state) {
  (void)state;
  EntryMember a[] = {{"reference", "1985-01-01"},
                     {"child", "2010-05-05"},
                     {"child", "2023-01-10"}, /* born after the entry */
                     {"parent", NULL}};
  assert_int_equal(rules("M", "reference", "1985-01-01", "IT", a, 4, "2022-06-01").nHousehold, 3);
  assert_int_equal(rules("M", "reference", "1985-01-01", "IT", a, 4, "2023-06-01").nHousehold, 4);
  assert_int_equal(rules("M", "reference", "1985-01-01", "IT", a, 1, "2022-06-01").nHousehold, 1);
}

static void test_single_mother(void **state) {
  (void)state;
  const char *zOn = "2022-06-01";
  EntryMember aAlone[] = {{"reference", "1985-01-01"}, {"child", "2012-02-02"}};
  assert_int_equal(rules("F", "reference", "1985-01-01", "MA", aAlone, 2, zOn).eSingleMother, 1);
  /* a man, a woman who is not the reference person, an unknown gender */
  assert_int_equal(rules("M", "reference", "1985-01-01", "MA", aAlone, 2, zOn).eSingleMother, 0);
  assert_int_equal(rules("F", "child", "1985-01-01", "MA", aAlone, 2, zOn).eSingleMother, 0);
  assert_int_equal(rules(NULL, "reference", "1985-01-01", "MA", aAlone, 2, zOn).eSingleMother, -1);
  /* with a partner */
  EntryMember aPartner[] = {{"reference", "1985-01-01"}, {"child", "2012-02-02"},
                            {"partner", "1980-01-01"}};
  assert_int_equal(rules("F", "reference", "1985-01-01", "MA", aPartner, 3, zOn).eSingleMother, 0);
  /* the child turns 18 on the entry date; the day before, 17 */
  EntryMember aGrown[] = {{"reference", "1985-01-01"}, {"child", "2004-06-01"}};
  assert_int_equal(rules("F", "reference", "1985-01-01", "IT", aGrown, 2, zOn).eSingleMother, 0);
  assert_int_equal(rules("F", "reference", "1985-01-01", "IT", aGrown, 2, "2022-05-31").eSingleMother,
                   1);
  /* a child without a birth date, and no members at all */
  EntryMember aUnknown[] = {{"reference", "1985-01-01"}, {"child", NULL}};
  assert_int_equal(rules("F", "reference", "1985-01-01", "IT", aUnknown, 2, zOn).eSingleMother, 0);
  assert_int_equal(rules("F", "reference", "1985-01-01", "IT", NULL, 0, zOn).eSingleMother, 0);
}

static void test_origin(void **state) {
  (void)state;
  EntryMember me = {"reference", NULL};
  assert_string_equal(rules("F", "reference", NULL, "IT", &me, 1, "2022-01-01").zOrigin, "italy");
  assert_string_equal(rules("F", "reference", NULL, "it", &me, 1, "2022-01-01").zOrigin, "italy");
  assert_string_equal(rules("F", "reference", NULL, "RO", &me, 1, "2022-01-01").zOrigin, "other");
  assert_null(rules("F", "reference", NULL, NULL, &me, 1, "2022-01-01").zOrigin);
}

/* ------------------------------------------------------------------ */
/* On a database                                                       */
/* ------------------------------------------------------------------ */

/* A project for case iCase with one objective and one intervention. */
static int64_t fx_project(World *w, int64_t iCase, int64_t iPerson) {
  Errors e = {.n = 0};
  int64_t iProject = 0;
  assert_int_equal(project_create(w->db, w->iA, iCase, &iProject, &e), 0);
  Objective o = {0, iPerson, NULL, "a job", NULL, NULL};
  assert_int_equal(project_objective_save(w->db, w->iA, iProject, &o, NULL, 0, &e), 0);
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = "haccp";
  iv.iPerson = iPerson;
  iv.iPlannedHours = iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = -1;
  assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv, NULL, 0, &e), 0);
  return iProject;
}

#define ROW_INT(w, zCol, iCase) \
  db_int((w)->db, -9, "SELECT coalesce(" zCol ", -1) FROM entry_profile WHERE case_id=$1", "i", \
         (int64_t)(iCase))

static void test_agreement_writes_the_row(void **state) {
  World w;
  fx_world(state, &w);
  Errors e = {.n = 0};
  assert_int_equal(db_exec(w.db, "UPDATE person SET gender='F', birth_country='IT' WHERE id=$1",
                           "i", w.iMaria),
                   0);
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  fx_first_interview(&w, iCase);
  fx_second_interview(&w, iCase);
  int64_t iProject = fx_project(&w, iCase, w.iMaria);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE case_id=$1", iCase), 0);
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-15", w.cmA.id, &e), 0);
  /* Maria (1980-03-14), Mario her partner, Giulia (2001) and Luca (2012) */
  assert_int_equal(ROW_INT(&w, "age", iCase), 41);
  assert_int_equal(ROW_INT(&w, "household_size", iCase), 4);
  assert_int_equal(ROW_INT(&w, "single_mother", iCase), 0);
  Arena a = ARENA_INIT;
  assert_string_equal(
      db_text(w.db, &a, "SELECT origin FROM entry_profile WHERE case_id=$1", "i", iCase), "italy");
  assert_string_equal(
      db_text(w.db, &a, "SELECT entry_date FROM entry_profile WHERE case_id=$1", "i", iCase),
      "2022-02-15");
  arena_free(&a);
  /* the household grows and the partner leaves: the row stays as it was */
  fx_person(w.db, w.iA, "P9", "ROSSI", "child", "Neo", "Rossi", "2022-05-01", -1);
  assert_int_equal(db_exec(w.db, "UPDATE person SET relationship='other' WHERE id=$1", "i",
                           w.iMario),
                   0);
  assert_int_equal(entry_snapshot_fill(w.db, w.iA), 0);
  assert_int_equal(ROW_INT(&w, "household_size", iCase), 4);
  assert_int_equal(ROW_INT(&w, "single_mother", iCase), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE agency_id=$1", w.iA), 1);
}

/* A case of person iPerson at stage zStage, agreed on zAgreed, by SQL as
** the demo and the history import write them. */
static int64_t fx_case_sql(World *w, int64_t iPerson, const char *zStage, const char *zAgreed) {
  int64_t id = db_int(w->db, 0,
                      "INSERT INTO case_file(agency_id, person_id, opened_at, round_id, stage,"
                      " agreed_on) VALUES ($1, $2, '2022-01-01T00:00:00Z', $3, $4, $5)"
                      " RETURNING id",
                      "iiitt", w->iA, iPerson, w->iRound, zStage, zAgreed);
  assert_true(id > 0);
  return id;
}

static void test_fill(void **state) {
  World w;
  fx_world(state, &w);
  /* Anna, gender unknown, lives alone; Luca's case never reached a project */
  int64_t iAnna = fx_case_sql(&w, w.iAnna, "agreed", "2022-03-01");
  int64_t iLuca = fx_case_sql(&w, w.iLuca, "second_interview", NULL);
  assert_int_equal(entry_snapshot_fill(w.db, w.iA), 0);
  assert_int_equal(ROW_INT(&w, "household_size", iAnna), 1);
  assert_int_equal(ROW_INT(&w, "single_mother", iAnna), -1); /* NULL: gender unknown */
  assert_int_equal(ROW_INT(&w, "age", iAnna), 32);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE case_id=$1", iLuca), 0);
  /* again: nothing more; another agency's fill writes nothing of ours */
  assert_int_equal(entry_snapshot_fill(w.db, w.iA), 0);
  assert_int_equal(entry_snapshot_fill(w.db, w.iB), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE agency_id=$1", w.iA), 1);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE agency_id=$1", w.iB), 0);
  /* the single case: only when agreed */
  assert_int_equal(entry_snapshot_case(w.db, w.iA, iLuca), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE case_id=$1", iLuca), 0);
}

static void test_upgrade(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iAnna = fx_case_sql(&w, w.iAnna, "agreed", "2022-03-01");
  /* not crossing 12: nothing written */
  assert_int_equal(entry_snapshot_upgrade(w.db, 0, 12), 0);
  assert_int_equal(entry_snapshot_upgrade(w.db, 12, 13), 0);
  assert_int_equal(entry_snapshot_upgrade(w.db, 9, 11), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE case_id=$1", iAnna), 0);
  assert_int_equal(entry_snapshot_upgrade(w.db, 11, 12), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM entry_profile WHERE case_id=$1", iAnna), 1);
}

#define DB_TESTS(setup)                                                            \
  cmocka_unit_test_setup_teardown(test_agreement_writes_the_row, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_fill, setup, teardown),                 \
      cmocka_unit_test_setup_teardown(test_upgrade, setup, teardown)

int main(void) {
  (void)fx_stage; /* the fixture's helpers this file does not need */
  (void)fx_expect;
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_age), cmocka_unit_test(test_household),
                                     cmocka_unit_test(test_single_mother),
                                     cmocka_unit_test(test_origin)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("entry", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("entry on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("entry on postgresql", aPg, NULL, NULL);
  return rc;
}
