/*
** Unit tests for src/domain/esf.c, the rules of the ESF+ common
** indicators for participants (Regulation (EU) 2021/1057, Annex I), and
** for the municipality key of src/domain/degurba.c: tables of cases,
** each with the answer the regulation and the Commission's guidance give
** (docs/esf.md): long-term unemployment by age, the age groups, the
** ISCED groups, third-country nationals (citizenship outside the EU-27,
** EEA and Swiss citizens included), "upon leaving" as within four weeks,
** and whole participations through esf_indicators().
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
#include "../../src/domain/degurba.c"
#include "../../src/domain/esf.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/mem.c"

static void test_long_term(void **state) {
  (void)state;
  static const struct {
    int iAge, iMonths, iWant;
  } a[] = {
      {30, 13, 1},  {30, 12, 0}, {30, 7, 0},  {25, 7, 0},  {25, 12, 0}, {25, 13, 1},
      {24, 7, 1},   {24, 6, 0},  {24, 12, 1}, {18, 13, 1}, {16, 7, 1},  {30, 0, 0},
      {-1, 13, 1},  {-1, 8, -1}, {-1, 6, 0},  {30, -1, -1}, {-1, -1, -1},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    int iGot = esf_long_term(a[i].iAge, a[i].iMonths);
    if (iGot != a[i].iWant)
      fail_msg("age %d, %d months: %d, want %d", a[i].iAge, a[i].iMonths, iGot, a[i].iWant);
  }
}

static void test_age_groups(void **state) {
  (void)state;
  static const int a[][2] = {{0, 0},  {17, 0}, {18, 1}, {25, 1}, {29, 1}, {30, 2},
                             {54, 2}, {55, 3}, {80, 3}, {-1, -1}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (esf_age_group(a[i][0]) != a[i][1])
      fail_msg("age %d: group %d, want %d", a[i][0], esf_age_group(a[i][0]), a[i][1]);
  }
}

static void test_isced_groups(void **state) {
  (void)state;
  static const int aWant[] = {0, 0, 0, 1, 1, 2, 2, 2, 2}; /* levels 0..8 */
  for (int i = 0; i <= 8; i++) assert_int_equal(esf_isced_group(i), aWant[i]);
  assert_int_equal(esf_isced_group(-1), -1);
  assert_int_equal(esf_isced_group(9), -1);
}

static void test_third_country(void **state) {
  (void)state;
  static const struct {
    const char *z;
    int iWant;
  } a[] = {
      {"IT", 0}, {"it", 0}, {"RO", 0}, {"GR", 0}, {"HR", 0}, {"SE", 0}, {"AT", 0}, {"SK", 0},
      {"MA", 1}, {"AL", 1}, {"UA", 1}, {"NG", 1}, {"NO", 1}, {"CH", 1}, {"GB", 1}, {"IS", 1},
      {"XK", 1}, {NULL, -1}, {"", -1},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (esf_third_country(a[i].z) != a[i].iWant)
      fail_msg("citizenship %s: %d, want %d", a[i].z ? a[i].z : "NULL",
               esf_third_country(a[i].z), a[i].iWant);
  }
  int nEu = 0;
  for (char c1 = 'A'; c1 <= 'Z'; c1++) {
    for (char c2 = 'A'; c2 <= 'Z'; c2++) nEu += esf_eu_member((char[]){c1, c2, 0});
  }
  assert_int_equal(nEu, 27);
}

static void test_four_weeks(void **state) {
  (void)state;
  static const struct {
    const char *zExit, *zDate;
    int iWant;
  } a[] = {
      {"2024-01-31", "2024-02-28", 1}, {"2024-01-31", "2024-02-29", 0},
      {"2024-01-31", "2024-01-31", 1}, {"2024-01-31", "2023-12-01", 1},
      {"2023-02-10", "2023-03-10", 1}, {"2023-02-10", "2023-03-11", 0},
      {"2024-12-20", "2025-01-17", 1}, {"2024-12-20", "2025-01-18", 0},
      {"2024-01-31", NULL, 0},         {NULL, "2024-01-31", 0},
      {"2024-01-31", "31/01/2024", 0},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (esf_within_four_weeks(a[i].zExit, a[i].zDate) != a[i].iWant)
      fail_msg("left %s, %s: want %d", a[i].zExit ? a[i].zExit : "NULL",
               a[i].zDate ? a[i].zDate : "NULL", a[i].iWant);
  }
}

static void test_codes(void **state) {
  (void)state;
  for (int e = 0; e < ESF_INDICATORS; e++) {
    char z[24];
    if (e < ESF_OUTPUTS) snprintf(z, sizeof z, "EECO%02d", e + 1);
    else snprintf(z, sizeof z, "EECR%02d", e - ESF_OUTPUTS + 1);
    assert_string_equal(esf_code(e), z);
    assert_non_null(esf_name(e));
  }
  assert_null(esf_code(ESF_INDICATORS));
  assert_null(esf_code(-1));
  assert_int_equal(ESF_OUTPUTS, 17);
  assert_int_equal(ESF_INDICATORS - ESF_OUTPUTS, 4);
}

/* A participation that entered on 2024-01-10 with nothing recorded. */
static EsfParticipation blank(void) {
  EsfParticipation p;
  memset(&p, 0, sizeof p);
  p.zEntry = "2024-01-10";
  p.iAge = p.iUnemployedMonths = p.iIsced = -1;
  p.eDisability = p.eParentsAbroad = p.eMinority = p.eHousing = p.eRural = -1;
  p.eJobSearching = p.eInEducation = -1;
  return p;
}

/* Checks a[e] for each (e, want) pair of aWant (ending with e -1). */
static void check(const char *zCase, const EsfParticipation *p, const int aWant[][2]) {
  signed char a[ESF_INDICATORS];
  esf_indicators(p, a);
  assert_int_equal(a[EECO01], 1);
  for (int i = 0; aWant[i][0] >= 0; i++) {
    if (a[aWant[i][0]] != aWant[i][1])
      fail_msg("%s: %s is %d, want %d", zCase, esf_code(aWant[i][0]), a[aWant[i][0]],
               aWant[i][1]);
  }
}

static void test_entry(void **state) {
  (void)state;
  EsfParticipation p = blank();
  static const int aNothing[][2] = {{EECO02, -1}, {EECO03, -1}, {EECO04, -1}, {EECO05, -1},
                                    {EECO06, -1}, {EECO07, -1}, {EECO08, -1}, {EECO09, -1},
                                    {EECO11, -1}, {EECO12, -1}, {EECO13, -1}, {EECO14, -1},
                                    {EECO15, -1}, {EECO16, -1}, {EECO17, -1}, {EECR01, -1},
                                    {EECR03, -1}, {EECR04, -1}, {-1, 0}};
  check("nothing recorded", &p, aNothing);

  p.zLabourStatus = "unemployed";
  p.iUnemployedMonths = 8;
  p.iAge = 23;
  p.iIsced = 2;
  p.zCitizenship = "MA";
  p.eHousing = 1;
  p.eRural = 0;
  p.eDisability = 0;
  p.eParentsAbroad = 1;
  p.eMinority = 1;
  static const int aYoung[][2] = {
      {EECO02, 1}, {EECO03, 1}, {EECO04, 0}, {EECO05, 0}, {EECO06, 0}, {EECO07, 1},
      {EECO08, 0}, {EECO09, 1}, {EECO10, 0}, {EECO11, 0}, {EECO12, 0}, {EECO13, 1},
      {EECO14, 1}, {EECO15, 1}, {EECO16, 1}, {EECO17, 0}, {EECR02, -1}, {-1, 0}};
  check("young unemployed for 8 months", &p, aYoung);

  p.iAge = 40; /* the same 8 months are not long-term at 40 */
  p.iIsced = 6;
  p.zCitizenship = "RO";
  p.eRural = 1;
  static const int aAdult[][2] = {{EECO02, 1}, {EECO03, 0}, {EECO07, 0}, {EECO08, 0},
                                  {EECO09, 0}, {EECO11, 1}, {EECO13, 0}, {EECO17, 1},
                                  {-1, 0}};
  check("adult unemployed for 8 months", &p, aAdult);

  p.iUnemployedMonths = -1; /* months unknown: long-term unknown, unemployed known */
  static const int aNoMonths[][2] = {{EECO02, 1}, {EECO03, -1}, {-1, 0}};
  check("unemployed, months unknown", &p, aNoMonths);

  p.zLabourStatus = "inactive";
  p.iAge = 57;
  p.iIsced = 3;
  static const int aInactive[][2] = {{EECO02, 0}, {EECO03, 0}, {EECO04, 1}, {EECO05, 0},
                                     {EECO08, 1}, {EECO10, 1}, {-1, 0}};
  check("inactive, 57", &p, aInactive);

  p.zLabourStatus = "employed";
  p.iAge = 16;
  static const int aEmployed[][2] = {{EECO04, 0}, {EECO05, 1}, {EECO06, 1}, {EECO07, 0},
                                     {-1, 0}};
  check("employed, 16", &p, aEmployed);
}

static void test_results(void **state) {
  (void)state;
  EsfParticipation p = blank();
  p.zLabourStatus = "inactive";
  p.zExit = "2024-03-01";
  static const int aLeft[][2] = {{EECR01, -1}, {EECR02, -1}, {EECR03, 0}, {EECR04, 0},
                                 {-1, 0}};
  check("left, nothing after", &p, aLeft);

  p.zSituationOn = "2024-03-20";
  p.eJobSearching = 1;
  p.eInEducation = 0;
  p.zOutcome = "employed_other";
  p.zOutcomeOn = "2024-03-25"; /* 24 days after leaving */
  static const int aJob[][2] = {{EECR01, 1}, {EECR02, 0}, {EECR03, 0}, {EECR04, 1}, {-1, 0}};
  check("inactive, looking for a job, then hired", &p, aJob);

  p.zSituationOn = "2024-04-15"; /* 45 days after: not "upon leaving" */
  p.zOutcomeOn = "2024-04-15";
  static const int aLate[][2] = {{EECR01, -1}, {EECR02, -1}, {EECR04, 0}, {-1, 0}};
  check("situation and hiring too late", &p, aLate);

  p.zSituationOn = "2024-02-20"; /* before leaving: not the situation after it */
  static const int aEarly[][2] = {{EECR01, -1}, {EECR02, -1}, {-1, 0}};
  check("situation before leaving", &p, aEarly);

  p.zOutcome = "activated";
  p.zHiredOn = "2024-02-15"; /* hired by the host firm during the path */
  static const int aHired[][2] = {{EECR04, 1}, {-1, 0}};
  check("hired by the host firm during the path", &p, aHired);

  p.zLabourStatus = "employed"; /* already employed at entry: not a result */
  p.zSituationOn = "2024-03-10";
  static const int aEmployed[][2] = {{EECR01, 0}, {EECR02, 0}, {EECR04, 0}, {-1, 0}};
  check("employed at entry", &p, aEmployed);

  p.zLabourStatus = NULL;
  static const int aUnknown[][2] = {{EECR01, -1}, {EECR04, -1}, {EECR02, 0}, {-1, 0}};
  check("labour status at entry unknown", &p, aUnknown);

  p.zLabourStatus = "unemployed";
  p.zHiredOn = NULL;
  p.zCertificateOn = "2024-03-28"; /* 27 days after leaving */
  static const int aCert[][2] = {{EECR01, 0}, {EECR03, 1}, {EECR04, 0}, {-1, 0}};
  check("a course certificate four weeks after leaving", &p, aCert);

  p.zCertificateOn = "2023-12-01"; /* before entry: not gained on the path */
  p.zOutcome = "qualification";
  p.zOutcomeOn = "2024-02-01";
  static const int aQual[][2] = {{EECR03, 1}, {-1, 0}};
  check("a qualification as the outcome", &p, aQual);

  p.zOutcome = "training_completed";
  static const int aTraining[][2] = {{EECR03, 0}, {-1, 0}};
  check("training completed is not a qualification", &p, aTraining);
}

static void test_degurba_key(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  assert_string_equal(degurba_key(&a, "  San  Giuliano\tTerme "), "san giuliano terme");
  assert_string_equal(degurba_key(&a, "PISA"), "pisa");
  assert_string_equal(degurba_key(&a, "Forlì"), "forlì");
  assert_string_equal(degurba_key(&a, "   "), "");
  assert_string_equal(degurba_key(&a, NULL), "");
  Degurba aList[] = {{"Calci", "calci", 3}, {"Cascina", "cascina", 2}, {"Pisa", "pisa", 1},
                     {"Vicopisano", "vicopisano", 3}};
  assert_int_equal(degurba_find(&a, aList, 4, " calci"), 3);
  assert_int_equal(degurba_find(&a, aList, 4, "CASCINA"), 2);
  assert_int_equal(degurba_find(&a, aList, 4, "Pisa"), 1);
  assert_int_equal(degurba_find(&a, aList, 4, "Vicopisano"), 3);
  assert_int_equal(degurba_find(&a, aList, 4, "Lucca"), 0);
  assert_int_equal(degurba_find(&a, aList, 4, NULL), 0);
  assert_int_equal(degurba_find(&a, aList, 0, "Pisa"), 0);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_long_term),    cmocka_unit_test(test_age_groups),
      cmocka_unit_test(test_isced_groups), cmocka_unit_test(test_third_country),
      cmocka_unit_test(test_four_weeks),   cmocka_unit_test(test_codes),
      cmocka_unit_test(test_entry),        cmocka_unit_test(test_results),
      cmocka_unit_test(test_degurba_key),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
