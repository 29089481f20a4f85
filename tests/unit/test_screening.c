/*
** Unit tests for src/domain/screening.c: the suitability screening is a
** pure function of the rules and the form.  The rules are those schema
** 003 seeds (checked against the table on SQLite, and on PostgreSQL when
** ALI_TEST_PG is set): each seeded rule on a form made for it,
** precedence (the first matching rule wins), no scores, the
** "besides unemployment" count, a rule of only some conditions, no rules
** at all.  Overrides are the social worker's (access_form.c): the
** screening only suggests, whatever the form's decision says.
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
#include "../../src/domain/screening.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/mem.c"

/* The rules of schema 003, in evaluation order. */
static const ScreeningRule aSeed[] = {
    {1, "suspected_addiction", -1, -1, "refer", "addiction", "", ""},
    {2, "suspected_psychiatric", -1, -1, "refer", "mental_health", "", ""},
    {3, NULL, 30, 0, "job_only", NULL, "", ""},
};
#define N_SEED 3

/* A form with the vulnerabilities az (NULL-terminated) and the scores
** aScore[0..nScore) given to the first areas. */
static AccessForm mk_form(const char *const *az, const int *aScore, int nScore) {
  static const char *const azArea[] = {"personal", "family", "economic", "education",
                                       "training", "communication", "italian", "digital",
                                       "contracts", "transversal", "mobility"};
  AccessForm f;
  memset(&f, 0, sizeof f);
  for (int i = 0; az && az[i]; i++) f.azVulnerability[f.nVulnerability++] = az[i];
  for (int i = 0; i < nScore; i++) f.aScore[f.nScore++] = (AreaScore){azArea[i], aScore[i], NULL};
  return f;
}

/* The suggestion and the id of the matching rule (0: none). */
static const char *suggest(const AccessForm *f, int64_t *piRule) {
  const ScreeningRule *p = (const ScreeningRule *)1;
  const char *z = screening_suggest(aSeed, N_SEED, f, &p);
  *piRule = p ? p->id : 0;
  return z;
}

static void test_each_rule(void **state) {
  (void)state;
  static const int aGood[] = {3, 4, 3, 3, 4, 3, 3, 3, 3, 4, 3}; /* mean 3.27 */
  static const int aWeak[] = {2, 1, 2, 3, 2, 2, 1, 2, 2, 2, 3}; /* mean 2.0 */
  static const struct {
    const char *az[4];
    const int *aScore;
    int nScore;
    const char *zWant;
    int64_t iRule;
  } aCase[] = {
      /* rule 1: suspected addiction, whatever else */
      {{"suspected_addiction", 0}, aWeak, 11, "refer", 1},
      {{"unemployment", "suspected_addiction", 0}, aGood, 11, "refer", 1},
      /* rule 2: suspected psychiatric need */
      {{"suspected_psychiatric", 0}, aWeak, 11, "refer", 2},
      {{"suspected_psychiatric", "single_parent", "housing", 0}, NULL, 0, "refer", 2},
      /* rule 3: good employability and nothing besides unemployment */
      {{"unemployment", 0}, aGood, 11, "job_only", 3},
      {{0}, aGood, 11, "job_only", 3},
      /* not rule 3: weak scores, or another vulnerability, or no scores */
      {{"unemployment", 0}, aWeak, 11, "suitable", 0},
      {{"unemployment", "single_parent", 0}, aGood, 11, "suitable", 0},
      {{"foreign_origin", 0}, aGood, 11, "suitable", 0},
      {{"unemployment", 0}, NULL, 0, "suitable", 0},
      {{0}, NULL, 0, "suitable", 0},
  };
  for (size_t i = 0; i < sizeof aCase / sizeof *aCase; i++) {
    AccessForm f = mk_form(aCase[i].az, aCase[i].aScore, aCase[i].nScore);
    int64_t iRule;
    const char *z = suggest(&f, &iRule);
    if (strcmp(z, aCase[i].zWant) != 0 || iRule != aCase[i].iRule) {
      fail_msg("case %zu: %s (rule %lld)", i, z, (long long)iRule);
    }
  }
}

static void test_precedence_and_threshold(void **state) {
  (void)state;
  int64_t iRule;
  /* both suspicions: the first rule wins */
  static const char *azBoth[] = {"suspected_psychiatric", "suspected_addiction", 0};
  AccessForm f = mk_form(azBoth, NULL, 0);
  assert_string_equal(suggest(&f, &iRule), "refer");
  assert_int_equal(iRule, 1);
  /* the mean is exact: 3.0 reaches 30, 2.9 does not */
  static const int aThree[] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  static const int aJustBelow[] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 2}; /* 2.9 */
  static const char *azUnemployed[] = {"unemployment", 0};
  f = mk_form(azUnemployed, aThree, 10);
  assert_string_equal(suggest(&f, &iRule), "job_only");
  f = mk_form(azUnemployed, aJustBelow, 10);
  assert_string_equal(suggest(&f, &iRule), "suitable");
  /* unscored areas (0) do not count in the mean */
  f = mk_form(azUnemployed, aThree, 3);
  f.aScore[f.nScore++] = (AreaScore){"digital", 0, NULL};
  assert_string_equal(suggest(&f, &iRule), "job_only");
  /* "other" is a vulnerability besides unemployment */
  static const char *azOther[] = {"unemployment", "other", 0};
  f = mk_form(azOther, aThree, 10);
  assert_string_equal(suggest(&f, &iRule), "suitable");
  /* no rules: always suitable, no rule */
  const ScreeningRule *p = (const ScreeningRule *)1;
  assert_string_equal(screening_suggest(aSeed, 0, &f, &p), "suitable");
  assert_null(p);
  /* a rule of a vulnerability and a score condition needs both */
  ScreeningRule both = {9, "housing", 25, -1, "job_only", NULL, "", ""};
  static const char *azHousing[] = {"housing", 0};
  f = mk_form(azHousing, aThree, 10);
  assert_string_equal(screening_suggest(&both, 1, &f, NULL), "job_only");
  f = mk_form(azHousing, NULL, 0);
  assert_string_equal(screening_suggest(&both, 1, &f, NULL), "suitable");
}

static void test_decision_is_not_screening(void **state) {
  (void)state;
  int64_t iRule;
  static const char *azAddiction[] = {"suspected_addiction", 0};
  AccessForm f = mk_form(azAddiction, NULL, 0);
  f.zDecision = "suitable"; /* the social worker overrides: not the screening's business */
  f.zOverrideReason = "already followed by the addiction service, stable";
  f.zScreening = "suitable";
  assert_string_equal(suggest(&f, &iRule), "refer");
  assert_int_equal(iRule, 1);
}

/* The seeded table holds exactly aSeed's conditions, in that order. */
static void check_seed(const char *zUrl) {
  Db *db;
  char zErr[256];
  int nApplied;
  if (db_open(zUrl, &db, zErr, sizeof zErr)) fail_msg("open: %s", zErr);
  if (migrate_apply(db, &nApplied, zErr, sizeof zErr)) fail_msg("migrate: %s", zErr);
  Arena a = ARENA_INIT;
  ScreeningRule *aR;
  int nR;
  assert_int_equal(screening_rules(db, &a, &aR, &nR), 0);
  assert_int_equal(nR, N_SEED);
  for (int i = 0; i < nR; i++) {
    assert_int_equal(aR[i].id, aSeed[i].id);
    if (aSeed[i].zVulnerability) assert_string_equal(aR[i].zVulnerability, aSeed[i].zVulnerability);
    else assert_null(aR[i].zVulnerability);
    assert_int_equal(aR[i].iMinMeanScoreX10, aSeed[i].iMinMeanScoreX10);
    assert_int_equal(aR[i].iMaxOtherVulnerabilities, aSeed[i].iMaxOtherVulnerabilities);
    assert_string_equal(aR[i].zSuggestion, aSeed[i].zSuggestion);
    if (aSeed[i].zReferralKind) assert_string_equal(aR[i].zReferralKind, aSeed[i].zReferralKind);
    else assert_null(aR[i].zReferralKind);
    assert_true(strlen(aR[i].zReasonIt) > 10 && strlen(aR[i].zReasonEn) > 10);
  }
  arena_free(&a);
  db_close(db);
}

static void test_seeded_rules(void **state) {
  (void)state;
  char zPath[64];
  snprintf(zPath, sizeof zPath, "/tmp/ali-test-screening-%d.db", (int)getpid());
  unlink(zPath);
  check_seed(zPath);
  unlink(zPath);
  const char *zAdmin = getenv("ALI_TEST_PG");
  if (!zAdmin) return;
  char zName[64], zSql[128], zUrl[512], zErr[256];
  snprintf(zName, sizeof zName, "ali_unit_screening_%d", (int)getpid());
  Db *pAdmin;
  if (db_open(zAdmin, &pAdmin, zErr, sizeof zErr)) fail_msg("%s", zErr);
  snprintf(zSql, sizeof zSql, "DROP DATABASE IF EXISTS %s", zName);
  db_exec_script(pAdmin, zSql);
  snprintf(zSql, sizeof zSql, "CREATE DATABASE %s", zName);
  assert_int_equal(db_exec_script(pAdmin, zSql), 0);
  const char *z = strstr(zAdmin, "/postgres?");
  if (!z) z = strstr(zAdmin, "/postgres");
  assert_non_null(z);
  snprintf(zUrl, sizeof zUrl, "%.*s/%s%s", (int)(z - zAdmin), zAdmin, zName, z + 9);
  check_seed(zUrl);
  snprintf(zSql, sizeof zSql, "DROP DATABASE IF EXISTS %s", zName);
  db_exec_script(pAdmin, zSql);
  db_close(pAdmin);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_each_rule),
      cmocka_unit_test(test_precedence_and_threshold),
      cmocka_unit_test(test_decision_is_not_screening),
      cmocka_unit_test(test_seeded_rules),
  };
  return cmocka_run_group_tests_name("screening", aTest, NULL, NULL);
}
