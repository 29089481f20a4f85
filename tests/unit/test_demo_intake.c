/*
** Tests of the demo's intake (the files demo_intake_common.h lists):
** `ali demo` (the sanitized binary, $ALI_BIN or build/asan/ali) fills a
** fresh SQLite database with the pilot's 207 participants, and again a
** fresh PostgreSQL database when ALI_TEST_PG holds the URL of a server's
** "postgres" database (demo_fixture.c); the tests then read what it
** wrote:
**
**   - every participant (144 in round 1, 63 in round 2) has an access
**     form that continued (by a social worker who held the case: the
**     delivery, demo_coordination.c, hands some cases over) and an agreed
**     project with objectives, interventions and its versions;
**   - the services activated per round are exactly the pilot's table;
**   - stages and dates agree with each other and fall inside the round;
**   - no objective, intervention or referral for a person outside the
**     participant's household; operators reach whom they serve;
**   - the funding stream's rule holds for every candidate;
**   - the screening stored is what screening_suggest() says of the form,
**     an override always has its reason, vulnerabilities agree with the
**     person;
**   - candidates who left exist, as demo_leavers.c's table says, with
**     their reasons, referrals and notes.
**
** The pilot's figures are written out again here, not read from the
** generator.  screening.c is included to recompute the screening.
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
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/screening.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/mem.c"

#define FX_NAME "demo_intake"
#include "demo_fixture.c"

/* ---- participants ---- */

static void test_participants(void **state) {
  Db *db = world_db(state);
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN round r ON r.id=c.round_id"
                          " WHERE r.code='R1' AND c.stage='agreed'",
                          ""),
                   144);
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN round r ON r.id=c.round_id"
                          " WHERE r.code='R2' AND c.stage='agreed'",
                          ""),
                   63);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM case_file WHERE round_id IS NULL", ""), 0);
  /* each participant: a form that continued, fully scored, privacy signed */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM case_file c WHERE c.stage='agreed' AND NOT EXISTS"
             " (SELECT 1 FROM access_form f WHERE f.case_id=c.id AND f.outcome='continue'"
             " AND f.privacy_notice=1 AND f.privacy_signed_on IS NOT NULL"
             " AND EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id=c.id"
             "      AND a.role='social_worker' AND a.user_id=f.social_worker_id)"
             " AND f.past_work IS NOT NULL"
             " AND f.education_isced IS NOT NULL AND f.labour_status IS NOT NULL"
             " AND (SELECT count(*) FROM access_form_score s WHERE s.case_id=c.id"
             "      AND s.descriptor IS NOT NULL)=11"
             " AND EXISTS (SELECT 1 FROM access_form_service v WHERE v.case_id=c.id))",
             ""),
      0);
  /* ... an agreed project with objectives, interventions, versions */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c WHERE c.stage='agreed' AND NOT EXISTS"
                          " (SELECT 1 FROM project p WHERE p.case_id=c.id AND p.state='agreed'"
                          " AND p.agreed_on=c.agreed_on AND p.version>=1"
                          " AND (SELECT count(*) FROM project_objective o WHERE o.project_id=p.id)"
                          "     BETWEEN 1 AND 3"
                          " AND EXISTS (SELECT 1 FROM intervention i WHERE i.project_id=p.id)"
                          " AND (SELECT count(*) FROM project_version v WHERE v.project_id=p.id)"
                          "     = p.version)",
                          ""),
                   0);
  /* ... and second interviews with the cooperative's case manager */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c WHERE c.stage='agreed' AND"
                          " (c.case_manager_id IS NULL OR c.organisation_id IS NULL OR NOT EXISTS"
                          " (SELECT 1 FROM second_interview s WHERE s.case_id=c.id"
                          " AND s.case_manager_id=c.case_manager_id))",
                          ""),
                   0);
  /* versions: the first is the agreement, later ones have a reason */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM project_version WHERE (version=1) <> (reason IS NULL)"
             " OR snapshot NOT LIKE '{%'",
             ""),
      0);
  int nRevised = (int)db_int(db, -1, "SELECT count(*) FROM project WHERE version=2", "");
  assert_true(nRevised >= 2 && nRevised <= 30);
  assert_true(db_int(db, -1,
                     "SELECT count(*) FROM project_version WHERE reason LIKE '%maggiorenne%'",
                     "") >= 1);
  /* no project outside an agreed case */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM project p JOIN case_file c ON c.id=p.case_id"
                          " WHERE c.stage<>'agreed'",
                          ""),
                   0);
}

/* ---- the services activated, per round ---- */

static void test_services(void **state) {
  static const struct {
    const char *zCode;
    int a[2]; /* round 1, round 2; -1 not active */
  } aWant[] = {
      {"internship", {43, 12}},    {"forklift", {21, 19}},    {"italian_l2", {27, 13}},
      {"haccp", {46, 17}},         {"safety", {68, 39}},      {"home_education", {47, 19}},
      {"it_training", {-1, 29}},   {"soft_skills", {-1, 9}},  {"home_care", {5, 4}},
      {"psych_support", {34, 12}}, {"orientation", {17, 12}},
  };
  static const char *const azRound[2] = {"R1", "R2"};
  Db *db = world_db(state);
  for (size_t k = 0; k < sizeof aWant / sizeof aWant[0]; k++) {
    for (int r = 0; r < 2; r++) {
      int n = (int)db_int(db, -1,
                          "SELECT count(DISTINCT p.id) FROM project p"
                          " JOIN case_file c ON c.id=p.case_id JOIN round r ON r.id=c.round_id"
                          " JOIN intervention i ON i.project_id=p.id"
                          " JOIN service s ON s.id=i.service_id"
                          " WHERE r.code=$1 AND s.code=$2 AND c.stage='agreed'"
                          " AND i.status IN ('active','suspended','completed','interrupted')",
                          "tt", azRound[r], aWant[k].zCode);
      print_message("  %s %-15s %3d (pilot %d)\n", azRound[r], aWant[k].zCode, n, aWant[k].a[r]);
      assert_int_equal(n, aWant[k].a[r] < 0 ? 0 : aWant[k].a[r]);
    }
  }
  /* a service a round does not offer never appears in it */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
                          " JOIN case_file c ON c.id=p.case_id WHERE NOT EXISTS"
                          " (SELECT 1 FROM round_service rs WHERE rs.round_id=c.round_id"
                          " AND rs.service_id=i.service_id)",
                          ""),
                   0);
}

/* ---- dates and stages ---- */

static void test_dates(void **state) {
  Db *db = world_db(state);
  /* the candidacy's dates: in order, inside the round */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN round r ON r.id=c.round_id WHERE"
                          " c.shortlisted_on IS NULL OR c.shortlisted_on < r.start_date"
                          " OR c.first_interview_on < c.shortlisted_on"
                          " OR c.second_interview_on < c.first_interview_on"
                          " OR c.agreed_on < c.second_interview_on"
                          " OR COALESCE(c.agreed_on, c.exit_on) > r.end_date"
                          " OR c.exit_on < COALESCE(c.second_interview_on, c.first_interview_on,"
                          "                         c.shortlisted_on)"
                          " OR c.opened_at <> CAST(c.shortlisted_on AS TEXT)",
                          ""),
                   0);
  /* the stage agrees with the dates */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c WHERE"
                          " (c.stage='agreed') <> (c.agreed_on IS NOT NULL)"
                          " OR (c.stage IN ('withdrew','not_suitable')) <> (c.exit_on IS NOT NULL)"
                          " OR (c.stage='agreed' AND (c.first_interview_on IS NULL"
                          "     OR c.second_interview_on IS NULL))"
                          " OR (c.stage='not_suitable' AND c.first_interview_on IS NOT NULL)"
                          " OR c.stage IN ('shortlisted','first_interview','second_interview')",
                          ""),
                   0);
  /* the form: held after the shortlist, before the exit or the agreement */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN access_form f ON f.case_id=c.id"
                          " WHERE f.interview_on < c.shortlisted_on"
                          " OR f.interview_on > COALESCE(c.agreed_on, c.exit_on)"
                          " OR (f.outcome='continue' AND f.interview_on <> c.first_interview_on)"
                          " OR f.outcome_on < f.interview_on",
                          ""),
                   0);
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c WHERE NOT EXISTS"
                          " (SELECT 1 FROM access_form f WHERE f.case_id=c.id)",
                          ""),
                   0);
  /* second interviews between the first interview and the agreement */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM second_interview s JOIN case_file c ON c.id=s.case_id"
             " WHERE s.held_on < c.first_interview_on"
             " OR s.held_on > COALESCE(c.agreed_on, c.exit_on)"
             " OR s.held_on < c.second_interview_on",
             ""),
      0);
  /* interventions planned inside the round, after the agreement */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
                          " JOIN case_file c ON c.id=p.case_id JOIN round r ON r.id=c.round_id"
                          " WHERE i.planned_start < c.agreed_on OR i.planned_end > r.end_date"
                          " OR i.planned_end < i.planned_start OR i.planned_hours IS NULL"
                          " OR i.estimated_cost_cents IS NULL"
                          " OR i.funding_stream_id <> c.funding_stream_id"
                          " OR i.status NOT IN ('planned','active','suspended','completed',"
                          "'interrupted','cancelled')",
                          ""),
                   0);
  /* at most the round's cap of candidates still in */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM round r WHERE r.max_participants < (SELECT count(*)"
                          " FROM case_file c WHERE c.round_id=r.id"
                          " AND c.stage NOT IN ('withdrew','not_suitable'))",
                          ""),
                   0);
}

/* ---- the household ---- */

static void test_household(void **state) {
  Db *db = world_db(state);
  static const char *const azSql[] = {
      "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
      " JOIN case_file c ON c.id=p.case_id JOIN person a ON a.id=c.person_id"
      " JOIN person b ON b.id=i.person_id WHERE a.household_id<>b.household_id",
      "SELECT count(*) FROM project_objective o JOIN project p ON p.id=o.project_id"
      " JOIN case_file c ON c.id=p.case_id JOIN person a ON a.id=c.person_id"
      " JOIN person b ON b.id=o.person_id WHERE a.household_id<>b.household_id",
      "SELECT count(*) FROM referral f JOIN case_file c ON c.id=f.case_id"
      " WHERE f.person_id<>c.person_id",
      /* home education is for the household's minors */
      "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
      " JOIN person b ON b.id=i.person_id WHERE s.code='home_education'"
      " AND b.birth_date > i.planned_start",
      "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
      " JOIN person b ON b.id=i.person_id JOIN project p ON p.id=i.project_id"
      " JOIN case_file c ON c.id=p.case_id WHERE s.code='home_education'"
      " AND (b.id=c.person_id OR b.birth_date <= '1999-01-01')",
      /* every operator reaches whom they serve, as project.c gives it */
      "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
      " WHERE i.operator_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_operator o"
      " WHERE o.case_id=p.case_id AND o.user_id=i.operator_id AND o.person_id=i.person_id)",
  };
  for (size_t i = 0; i < sizeof azSql / sizeof azSql[0]; i++) {
    int n = (int)db_int(db, -1, azSql[i], "");
    if (n) print_message("failed: %s\n", azSql[i]);
    assert_int_equal(n, 0);
  }
  /* some internships go to an adult child, some courses to a partner */
  assert_true(db_int(db, -1,
                     "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
                     " JOIN case_file c ON c.id=p.case_id WHERE i.person_id<>c.person_id",
                     "") > 50);
}

/* ---- the funding streams ---- */

static void test_streams(void **state) {
  Db *db = world_db(state);
  /* the rule of fondo_poverta is "minimum_income": every candidate on it
  ** receives it */
  Arena a = ARENA_INIT;
  assert_string_equal(
      db_text(db, &a, "SELECT rule FROM funding_stream WHERE code='fondo_poverta'", ""),
      "minimum_income");
  arena_free(&a);
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN funding_stream s"
                          " ON s.id=c.funding_stream_id JOIN person p ON p.id=c.person_id"
                          " WHERE s.rule='minimum_income' AND (p.minimum_income IS NULL"
                          " OR p.minimum_income<>1)",
                          ""),
                   0);
  /* round 2: only minimum-income recipients, on fondo_poverta */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file c JOIN round r ON r.id=c.round_id"
                          " JOIN funding_stream s ON s.id=c.funding_stream_id"
                          " WHERE r.code='R2' AND s.code<>'fondo_poverta'",
                          ""),
                   0);
  /* round 1 uses both */
  assert_true(db_int(db, -1,
                     "SELECT count(DISTINCT c.funding_stream_id) FROM case_file c"
                     " JOIN round r ON r.id=c.round_id WHERE r.code='R1'",
                     "") == 2);
}

/* ---- the candidates who left ---- */

static int count_left(Db *db, const char *zRound, const char *zStage, const char *zReason) {
  return (int)db_int(db, -1,
                     "SELECT count(*) FROM case_file c JOIN round r ON r.id=c.round_id"
                     " WHERE r.code=$1 AND c.stage=$2 AND c.exit_reason=$3",
                     "ttt", zRound, zStage, zReason);
}

static void test_leavers(void **state) {
  Db *db = world_db(state);
  /* demo_leavers.c's table at pilot size */
  assert_int_equal(count_left(db, "R1", "not_suitable", "refer"), 5);
  assert_int_equal(count_left(db, "R1", "not_suitable", "job_only"), 4);
  assert_int_equal(count_left(db, "R2", "not_suitable", "refer"), 4);
  assert_int_equal(count_left(db, "R2", "not_suitable", "job_only"), 3);
  assert_int_equal(count_left(db, "R1", "withdrew", "expected_benefit"), 9);
  assert_int_equal(count_left(db, "R2", "withdrew", "expected_benefit"), 5);
  assert_int_equal(
      db_int(db, -1, "SELECT count(*) FROM case_file WHERE stage IN ('withdrew','not_suitable')",
             ""),
      45);
  /* several withdrew between the interviews hoping for a benefit */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM case_file WHERE stage='withdrew'"
                          " AND exit_reason='expected_benefit' AND first_interview_on IS NOT NULL"
                          " AND second_interview_on IS NULL",
                          ""),
                   11);
  /* every exit has its reason, note and author; the form says the same */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM case_file c JOIN access_form f ON f.case_id=c.id"
             " WHERE c.stage IN ('withdrew','not_suitable') AND (c.exit_reason IS NULL"
             " OR c.exit_note IS NULL OR c.exit_by IS NULL"
             " OR (c.stage='not_suitable' AND (f.outcome<>'not_suitable'"
             "     OR f.decision<>c.exit_reason))"
             " OR (c.stage='withdrew' AND c.exit_reason NOT IN ('expected_benefit',"
             "     'found_job','health','moved_away','family','not_interested','other'))"
             " OR (c.stage='withdrew' AND f.outcome <> CASE WHEN c.first_interview_on"
             "     IS NULL THEN 'withdrew' ELSE 'continue' END))",
             ""),
      0);
  /* each one referred went to a specialised service */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM case_file c WHERE c.exit_reason='refer' AND NOT EXISTS"
             " (SELECT 1 FROM referral f JOIN organisation o ON o.id=f.organisation_id"
             " WHERE f.case_id=c.id AND o.kind='specialised_service')",
             ""),
      0);
  assert_int_equal(db_int(db, -1, "SELECT count(DISTINCT organisation_id) FROM referral", ""), 2);
}

/* ---- the screening ---- */

/* The form of case iCase as screening_suggest() reads it. */
static void load_form(Db *db, Arena *a, int64_t iCase, AccessForm *f) {
  memset(f, 0, sizeof *f);
  DbStmt *q = db_query(db, "SELECT vulnerability FROM access_form_vulnerability WHERE case_id=$1",
                       "i", iCase);
  while (db_step(q) == DB_ROW && f->nVulnerability < VULNERABILITY_MAX) {
    f->azVulnerability[f->nVulnerability++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_done(q);
  q = db_query(db, "SELECT area, score FROM access_form_score WHERE case_id=$1", "i", iCase);
  while (db_step(q) == DB_ROW && f->nScore < EMPLOYABILITY_AREAS) {
    f->aScore[f->nScore].zArea = arena_strdup(a, db_col_text(q, 0));
    f->aScore[f->nScore++].iScore = (int)db_col_int(q, 1);
  }
  db_done(q);
}

static void test_screening(void **state) {
  Db *db = world_db(state);
  Arena a = ARENA_INIT;
  ScreeningRule *aRule;
  int nRule, nForm = 0;
  assert_int_equal(screening_rules(db, &a, &aRule, &nRule), 0);
  DbStmt *q = db_query(db, "SELECT case_id, screening, screening_rule_id FROM access_form", "");
  int64_t aCase[400];
  char azScreening[400][12];
  int64_t aRuleId[400];
  while (db_step(q) == DB_ROW && nForm < 400) {
    aCase[nForm] = db_col_int(q, 0);
    snprintf(azScreening[nForm], 12, "%s", db_col_text(q, 1));
    aRuleId[nForm++] = db_col_int(q, 2);
  }
  db_done(q);
  assert_int_equal(nForm, 207 + 45);
  for (int i = 0; i < nForm; i++) {
    AccessForm f;
    const ScreeningRule *pRule;
    load_form(db, &a, aCase[i], &f);
    assert_string_equal(screening_suggest(aRule, nRule, &f, &pRule), azScreening[i]);
    assert_true(pRule ? pRule->id == aRuleId[i] : aRuleId[i] == 0);
  }
  arena_free(&a);
  /* an override always has its reason; a few participants are overrides */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM access_form WHERE (decision<>screening)"
                          " <> (override_reason IS NOT NULL)",
                          ""),
                   0);
  assert_true(db_int(db, -1, "SELECT count(*) FROM access_form WHERE decision<>screening", "") >=
              2);
  assert_true(db_int(db, -1,
                     "SELECT count(*) FROM access_form f JOIN case_file c ON c.id=f.case_id"
                     " WHERE c.stage='agreed' AND f.decision<>'suitable'",
                     "") == 0);
  /* vulnerabilities agree with the person and the form */
  assert_int_equal(
      db_int(db, -1,
             "SELECT count(*) FROM access_form f JOIN case_file c ON c.id=f.case_id"
             " JOIN person p ON p.id=c.person_id WHERE"
             " (p.birth_country<>'IT') <> EXISTS (SELECT 1 FROM access_form_vulnerability v"
             "  WHERE v.case_id=f.case_id AND v.vulnerability='foreign_origin')"
             " OR (f.labour_status='unemployed') <> EXISTS (SELECT 1 FROM"
             "  access_form_vulnerability v WHERE v.case_id=f.case_id"
             "  AND v.vulnerability='unemployment')"
             " OR (f.labour_status='unemployed') <> (f.unemployed_months IS NOT NULL)",
             ""),
      0);
  /* single parenthood: a woman with a minor child and no partner */
  assert_int_equal(db_int(db, -1,
                          "SELECT count(*) FROM access_form f JOIN case_file c ON c.id=f.case_id"
                          " JOIN person p ON p.id=c.person_id WHERE EXISTS (SELECT 1 FROM"
                          " access_form_vulnerability v WHERE v.case_id=f.case_id"
                          " AND v.vulnerability='single_parent') AND (p.gender<>'F' OR EXISTS"
                          " (SELECT 1 FROM person m WHERE m.household_id=p.household_id"
                          " AND m.relationship='partner'))",
                          ""),
                   0);
  assert_true(
      db_int(db, -1,
             "SELECT count(*) FROM access_form_vulnerability WHERE vulnerability='single_parent'",
             "") > 20);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_participants), cmocka_unit_test(test_services),
      cmocka_unit_test(test_dates),        cmocka_unit_test(test_household),
      cmocka_unit_test(test_streams),      cmocka_unit_test(test_leavers),
      cmocka_unit_test(test_screening),
  };
  int rc = cmocka_run_group_tests_name("sqlite", aTest, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG") && *getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("postgresql", aTest, setup_pg, teardown);
  return rc;
}
