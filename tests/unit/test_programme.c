/*
** Unit tests for src/lib/money.c and src/domain/programme.c: euro parsing
** (Italian and English forms, garbage, limits) and formatting; round,
** stream, service and organisation validation; the funding-stream rules
** (every condition, combinations, malformed rules and the reasons);
** then against a real database: agencies, the standard catalogue
** (installed twice: idempotent, edits kept), rounds with their services
** (explicit, defaulted, unknown, replaced on re-save), streams and
** organisations upserted on their codes, and agency isolation.  Also the
** country table of src/domain/country.c.
**
** The database tests run on a fresh SQLite file in /tmp migrated to the
** latest schema (db_fixture.c), and again on PostgreSQL when ALI_TEST_PG
** holds the URL of a server's "postgres" database.  Included h2o style;
** the binary links build/asan/embedded.o for the migrations (make
** build/test/test_programme).
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
/* sqlite.c's snprintf of "$%d" into 8 bytes trips -Wformat-truncation at
** -O0 (the value is at most DB_MAX_PARAM, which GCC cannot see there). */
#include "../../src/db/sqlite.c"
#include "../../src/domain/country.c"
#include "../../src/domain/household.c"
#include "../../src/domain/person.c"
#include "../../src/domain/programme.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define FX_NAME "programme"
#include "db_fixture.c"

/* ------------------------------------------------------------------ */
/* Money                                                               */
/* ------------------------------------------------------------------ */

static void test_money_parse(void **state) {
  (void)state;
  static const struct {
    const char *z;
    int64_t iCents;
  } aOk[] = {
      {"1234", 123400},        {"1234.5", 123450},     {"1234,50", 123450},
      {"1.234,50", 123450},    {"1,234.50", 123450},   {"1.234", 123400},
      {"1,234", 123400},       {"1.234.567", 123456700}, {"1.234.567,89", 123456789},
      {"12,345,678.9", 1234567890}, {"0", 0},          {"0,05", 5},
      {"0.5", 50},             {"  42 ", 4200},        {"\xe2\x82\xac 1.234,50", 123450},
      {"\xe2\x82\xac" "7", 700}, {"793165", 79316500}, {"007", 700},
      {"10000000000000", 1000000000000000LL},
  };
  for (size_t i = 0; i < sizeof aOk / sizeof *aOk; i++) {
    int64_t v = -1;
    if (money_parse_euros(aOk[i].z, &v) != 0) fail_msg("rejected \"%s\"", aOk[i].z);
    if (v != aOk[i].iCents) fail_msg("\"%s\" -> %lld", aOk[i].z, (long long)v);
  }
  static const char *azBad[] = {
      "",        "   ",      "-5",       "+5",        "-1.234,50", "abc",     "12a",
      "1.2.3",   "1,23,456", "1.234,5,6", "1234.",    ".5",        ",50",     "1.2345",
      "1,234.567", "0.050",  "12.34.56", "1 234",     "1e3",       "€",       "5 €",
      "1..5",    "1.,5",     "10000000000000,01", "99999999999999999999", NULL,
  };
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++) {
    int64_t v = -7;
    if (money_parse_euros(azBad[i], &v) == 0) fail_msg("accepted \"%s\"", azBad[i]);
    assert_int_equal(v, -7); /* untouched */
  }
}

static void test_money_format(void **state) {
  (void)state;
  char z[32];
  money_format(123450, 1, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac 1.234,50");
  money_format(123450, 0, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac" "1,234.50");
  money_format(0, 1, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac 0,00");
  money_format(5, 0, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac" "0.05");
  money_format(79316500, 1, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac 793.165,00");
  money_format(100000000, 1, z, sizeof z);
  assert_string_equal(z, "\xe2\x82\xac 1.000.000,00");
  money_format(-123456, 1, z, sizeof z);
  assert_string_equal(z, "-\xe2\x82\xac 1.234,56");
  money_format(-1, 0, z, sizeof z);
  assert_string_equal(z, "-\xe2\x82\xac" "0.01");
  money_format(INT64_MIN, 0, z, sizeof z);
  assert_string_equal(z, "-\xe2\x82\xac" "92,233,720,368,547,758.08");
  money_format(123450, 1, z, 6); /* truncated, terminated */
  assert_int_equal(strlen(z), 5);
  /* Formatting then parsing gives the amount back. */
  for (int64_t v = 0; v < 2000000; v += 7919) {
    int64_t w;
    money_format(v, 1, z, sizeof z);
    assert_int_equal(money_parse_euros(z, &w), 0);
    assert_int_equal(w, v);
    money_format(v, 0, z, sizeof z);
    assert_int_equal(money_parse_euros(z, &w), 0);
    assert_int_equal(w, v);
  }
}

/* ------------------------------------------------------------------ */
/* Validation and rules (no database)                                  */
/* ------------------------------------------------------------------ */

static Round mk_round(const char *zCode, const char *zStart, const char *zEnd) {
  Round r;
  memset(&r, 0, sizeof r);
  r.zCode = zCode;
  r.zName = "Round";
  r.zStartDate = zStart;
  r.zEndDate = zEnd;
  r.iMaxParticipants = -1;
  return r;
}

static void expect_round_error(const Round *r, const char *zField) {
  Errors e = {.n = 0};
  round_validate(r, &e);
  if (e.n != 1 || !errors_get(&e, zField)) {
    for (int i = 0; i < e.n; i++) fprintf(stderr, "  %s: %s\n", e.a[i].zField, e.a[i].zMsg);
    fail_msg("expected one error on %s, got %d", zField, e.n);
  }
}

static void test_round_validate(void **state) {
  (void)state;
  Errors e = {.n = 0};
  Round r = mk_round("R1", "2020-10-01", "2021-12-31");
  round_validate(&r, &e);
  assert_int_equal(e.n, 0);
  r = mk_round("round_2-b", "2022-01-01", "2022-01-01"); /* one day is fine */
  r.iMaxParticipants = 63;
  round_validate(&r, &e);
  assert_int_equal(e.n, 0);

  r = mk_round("R 1", "2020-10-01", "2021-12-31");
  expect_round_error(&r, "code");
  r.zCode = "R1.";
  expect_round_error(&r, "code");
  r.zCode = "abcdefghijklmnopqrstuvwxyz0123456"; /* 33 */
  expect_round_error(&r, "code");
  r.zCode = "";
  expect_round_error(&r, "code");
  r = mk_round("R1", "2020-10-01", "2021-12-31");
  r.zName = " ";
  expect_round_error(&r, "name");
  r = mk_round("R1", "2020-13-01", "2021-12-31");
  expect_round_error(&r, "start_date");
  r = mk_round("R1", "2020-10-01", NULL);
  expect_round_error(&r, "end_date");
  r = mk_round("R1", "2020-10-01", "2020-09-30");
  expect_round_error(&r, "end_date");
  r = mk_round("R1", "2020-10-01", "2021-12-31");
  r.iMaxParticipants = 0;
  expect_round_error(&r, "max_participants");
  const char *azService[] = {"haccp", "bad code"};
  r.iMaxParticipants = -1;
  r.azService = azService;
  r.nService = 2;
  expect_round_error(&r, "services");
}

/* A person for the rule tests: born zBirth, living in zPlace, minimum
** income iMi (-1 unknown). */
static Person mk_rule_person(const char *zBirth, const char *zPlace, int iMi) {
  Person p;
  memset(&p, 0, sizeof p);
  p.zBirthDate = zBirth;
  p.zMunicipality = zPlace;
  p.iMinimumIncome = iMi;
  return p;
}

static void test_stream_rule_problem(void **state) {
  (void)state;
  static const char *azGood[] = {
      NULL, "", "  ", "minimum_income", " minimum_income ", "age_min=18", "age_max=0",
      "age_min=0,age_max=120", "age_min = 18 , age_max= 29", "municipality=Pisa",
      "municipality=San Giuliano Terme", "municipality=Forlì",
      "minimum_income,age_min=18,age_max=65,municipality=Cascina", "age_min=30,age_max=30",
  };
  for (size_t i = 0; i < sizeof azGood / sizeof *azGood; i++) {
    const char *z = stream_rule_problem(azGood[i]);
    if (z) fail_msg("\"%s\" refused: %s", azGood[i], z);
  }
  static const struct {
    const char *zRule, *zProblem;
  } aBad[] = {
      {"disabled", "unknown condition: use minimum_income, age_min=N, age_max=N or"
                   " municipality=NAME, separated by commas"},
      {"minimum_income=1", "minimum_income takes no value"},
      {"minimum_income,", "a condition is empty: remove the extra comma"},
      {",minimum_income", "a condition is empty: remove the extra comma"},
      {"minimum_income,,age_min=3", "a condition is empty: remove the extra comma"},
      {"age_min", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_min=", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_min=-1", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_max=121", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_max=1000", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_max=18.5", "age_min and age_max need a whole number of years from 0 to 120"},
      {"age_min=3 0", "age_min and age_max need a whole number of years from 0 to 120"},
      {"municipality=", "municipality needs the name of a municipality"},
      {"municipality", "municipality needs the name of a municipality"},
      {"municipality=Pi\tsa", "contains characters that are not allowed"},
      {"minimum_income\n", "contains characters that are not allowed"},
      {"age_min=30,age_max=29", "age_min is greater than age_max"},
      {"age_min=18,age_min=20", "a condition appears twice"},
      {"minimum_income, minimum_income", "a condition appears twice"},
      {"Minimum_Income", "unknown condition: use minimum_income, age_min=N, age_max=N or"
                         " municipality=NAME, separated by commas"},
      {"age_min:18", "unknown condition: use minimum_income, age_min=N, age_max=N or"
                     " municipality=NAME, separated by commas"},
  };
  for (size_t i = 0; i < sizeof aBad / sizeof *aBad; i++) {
    const char *z = stream_rule_problem(aBad[i].zRule);
    if (!z) fail_msg("\"%s\" accepted", aBad[i].zRule);
    if (strcmp(z, aBad[i].zProblem)) fail_msg("\"%s\": %s", aBad[i].zRule, z);
  }
  char zLong[260];
  memset(zLong, 0, sizeof zLong);
  strcpy(zLong, "municipality=");
  memset(zLong + 13, 'a', 188); /* 201 characters */
  assert_string_equal(stream_rule_problem(zLong), "at most 200 characters");
  zLong[200] = 0;
  assert_null(stream_rule_problem(zLong));
}

static void test_stream_rule_check(void **state) {
  (void)state;
  static const struct {
    const char *zRule, *zBirth, *zPlace;
    int iMi;
    const char *zOn;
    const char *zReason; /* NULL: admitted */
  } aCase[] = {
      /* open streams */
      {NULL, NULL, NULL, -1, "2022-01-10", NULL},
      {"", NULL, NULL, 0, "2022-01-10", NULL},
      /* minimum income: only a known "yes" */
      {"minimum_income", NULL, NULL, 1, "2022-01-10", NULL},
      {"minimum_income", NULL, NULL, 0, "2022-01-10", "receives no minimum income"},
      {"minimum_income", NULL, NULL, -1, "2022-01-10", "not known to receive the minimum income"},
      /* ages, on the day: the 18th birthday counts */
      {"age_min=18", "2004-01-10", NULL, -1, "2022-01-10", NULL},
      {"age_min=18", "2004-01-11", NULL, -1, "2022-01-10", "younger than the stream's minimum age"},
      {"age_max=29", "1992-01-11", NULL, -1, "2022-01-10", NULL},
      {"age_max=29", "1992-01-10", NULL, -1, "2022-01-10", "older than the stream's maximum age"},
      {"age_max=29", "1992-01-10", NULL, -1, "2022-01-09", NULL},
      {"age_min=18", NULL, NULL, 1, "2022-01-10",
       "the birth date is not known, and the stream has an age limit"},
      {"age_min=18", "2030-01-01", NULL, 1, "2022-01-10",
       "the birth date is not known, and the stream has an age limit"},
      /* municipality: without case, accents or punctuation */
      {"municipality=Pisa", NULL, "Pisa", -1, "2022-01-10", NULL},
      {"municipality=pisa", NULL, "PISA", -1, "2022-01-10", NULL},
      {"municipality=San Giuliano Terme", NULL, "san giuliano  terme", -1, "2022-01-10", NULL},
      {"municipality=Forli", NULL, "Forlì", -1, "2022-01-10", NULL},
      {"municipality=Pisa", NULL, "Cascina", -1, "2022-01-10",
       "not resident in the stream's municipality"},
      {"municipality=Pisa", NULL, "Pisa Nord", -1, "2022-01-10",
       "not resident in the stream's municipality"},
      {"municipality=Pisa", NULL, NULL, -1, "2022-01-10",
       "the municipality of residence is not known"},
      /* combinations: every condition must hold; the first failing one is the reason */
      {"minimum_income, age_min=25, municipality=Pisa", "1980-05-05", "Pisa", 1, "2022-01-10", NULL},
      {"minimum_income, age_min=25, municipality=Pisa", "1980-05-05", "Pisa", 0, "2022-01-10",
       "receives no minimum income"},
      {"minimum_income, age_min=25, municipality=Pisa", "2000-05-05", "Pisa", 1, "2022-01-10",
       "younger than the stream's minimum age"},
      {"minimum_income, age_min=25, municipality=Pisa", "1980-05-05", "Vecchiano", 1,
       "2022-01-10", "not resident in the stream's municipality"},
      {"age_min=18,age_max=29", "1995-03-01", NULL, -1, "2022-01-10", NULL},
      {"age_min=18,age_max=29", "1985-03-01", NULL, -1, "2022-01-10",
       "older than the stream's maximum age"},
      /* malformed rules and dates admit nobody */
      {"everyone", "1980-05-05", "Pisa", 1, "2022-01-10", "the stream's rule is not valid"},
      {"minimum_income,", "1980-05-05", "Pisa", 1, "2022-01-10", "the stream's rule is not valid"},
      {"minimum_income", "1980-05-05", "Pisa", 1, "10/01/2022", "not a valid date (YYYY-MM-DD)"},
  };
  for (size_t i = 0; i < sizeof aCase / sizeof *aCase; i++) {
    FundingStream s = {.zCode = "s", .zName = "S", .zRule = aCase[i].zRule};
    Person p = mk_rule_person(aCase[i].zBirth, aCase[i].zPlace, aCase[i].iMi);
    const char *zWhy = "unset";
    int bOk = stream_rule_check(&s, &p, aCase[i].zOn, &zWhy);
    if (bOk != (aCase[i].zReason == NULL)) fail_msg("case %zu (%s): %d", i, aCase[i].zRule, bOk);
    if (aCase[i].zReason == NULL) {
      if (zWhy) fail_msg("case %zu: reason %s", i, zWhy);
    } else if (!zWhy || strcmp(zWhy, aCase[i].zReason)) {
      fail_msg("case %zu (%s): reason %s", i, aCase[i].zRule, zWhy ? zWhy : "NULL");
    }
    assert_int_equal(stream_rule_check(&s, &p, aCase[i].zOn, NULL), bOk); /* pzReason optional */
  }
}

static void test_stream_validate(void **state) {
  (void)state;
  Errors e = {.n = 0};
  FundingStream s = {.zCode = "pon", .zName = "PON Inclusione", .iAllocationCents = 100};
  s.zRule = "minimum_income";
  stream_validate(&s, &e);
  s.zRule = "minimum_income, age_min=18, municipality=Pisa";
  stream_validate(&s, &e);
  s.zRule = "";
  stream_validate(&s, &e);
  assert_int_equal(e.n, 0);
  s.zRule = "disabled";
  s.iAllocationCents = -1;
  s.bEsf = 2;
  s.zName = NULL;
  stream_validate(&s, &e);
  assert_int_equal(e.n, 4);
  assert_string_equal(errors_get(&e, "rule"), stream_rule_problem("disabled"));
  assert_non_null(errors_get(&e, "allocation_cents"));
  assert_non_null(errors_get(&e, "esf"));
  assert_non_null(errors_get(&e, "name"));
  Errors e2 = {.n = 0};
  s = (FundingStream){.zCode = "pon", .zName = "PON", .zRule = "age_min=40,age_max=30"};
  stream_validate(&s, &e2);
  assert_int_equal(e2.n, 1);
  assert_string_equal(errors_get(&e2, "rule"), "age_min is greater than age_max");
}

static void test_service_and_organisation_validate(void **state) {
  (void)state;
  Errors e = {.n = 0};
  Service s = {0, "cooking", "Cucina", "Cooking", "training"};
  service_validate(&s, &e);
  assert_int_equal(e.n, 0);
  s.zKind = "course";
  s.zNameEn = "";
  service_validate(&s, &e);
  assert_int_equal(e.n, 2);
  assert_non_null(errors_get(&e, "kind"));
  assert_non_null(errors_get(&e, "name_en"));

  assert_true(organisation_vat_valid("00743110157"));
  assert_true(organisation_vat_valid("01234567897"));
  assert_false(organisation_vat_valid("01234567890")); /* check digit */
  assert_false(organisation_vat_valid("0074311015"));
  assert_false(organisation_vat_valid("0074311015a"));
  assert_false(organisation_vat_valid(NULL));
  Errors e2 = {.n = 0};
  Organisation o = {0, "coop1", "Cooperativa Uno", "cooperative", "00743110157"};
  organisation_validate(&o, &e2);
  assert_int_equal(e2.n, 0);
  o.zVatNumber = "";
  organisation_validate(&o, &e2);
  assert_int_equal(e2.n, 0);
  o.zVatNumber = "12345678901";
  o.zKind = "firm";
  organisation_validate(&o, &e2);
  assert_int_equal(e2.n, 2);
  assert_non_null(errors_get(&e2, "vat_number"));
  assert_non_null(errors_get(&e2, "kind"));
}

static void test_countries(void **state) {
  (void)state;
  assert_int_equal(country_count(), 250); /* 249 assigned + XK */
  for (int i = 1; i < country_count(); i++) {
    assert_true(strcmp(country_code_at(i - 1), country_code_at(i)) < 0);
    assert_non_null(country_name(country_code_at(i), 1));
    assert_non_null(country_name(country_code_at(i), 0));
  }
  assert_null(country_code_at(country_count()));
  assert_true(country_valid("IT"));
  assert_true(country_valid("ro"));
  assert_true(country_valid("XK"));
  assert_true(country_valid("AD"));
  assert_true(country_valid("ZW"));
  assert_false(country_valid("XX"));
  assert_false(country_valid("UK")); /* reserved, not assigned: GB */
  assert_false(country_valid("ITA"));
  assert_false(country_valid("I"));
  assert_false(country_valid(""));
  assert_false(country_valid(NULL));
  assert_false(country_valid("1T"));
  assert_string_equal(country_name("IT", 1), "Italia");
  assert_string_equal(country_name("it", 0), "Italy");
  assert_string_equal(country_name("MA", 1), "Marocco");
  assert_string_equal(country_name("CI", 1), "Costa d'Avorio");
  assert_string_equal(country_name("DE", 1), "Germania");
  assert_string_equal(country_name("CN", 0), "China");
  assert_null(country_name("QQ", 1));
}

/* ------------------------------------------------------------------ */
/* Database                                                            */
/* ------------------------------------------------------------------ */

static void test_agency(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  Arena a = ARENA_INIT;
  int64_t id = 0, id2 = 0;
  assert_int_equal(agency_find(db, "sds_pisa"), 0);
  assert_int_equal(agency_ensure(db, "sds_pisa", "SdS Pisa", &id), 0);
  assert_true(id > 0);
  assert_int_equal(agency_ensure(db, "sds_pisa", "Another name", &id2), 0);
  assert_int_equal(id2, id);
  assert_int_equal(agency_find(db, "sds_pisa"), id);
  const char *zName = NULL;
  assert_int_equal(agency_get_name(db, &a, id, &zName), 0);
  assert_string_equal(zName, "SdS Pisa");
  assert_int_equal(agency_get_name(db, &a, id + 1000, &zName), DOMAIN_NOT_FOUND);
  assert_int_equal(agency_ensure(db, "nameless", NULL, &id2), 0);
  assert_int_equal(agency_get_name(db, &a, id2, &zName), 0);
  assert_string_equal(zName, "nameless");
  arena_free(&a);
}

static void test_catalogue_idempotent(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  Arena a = ARENA_INIT;
  int64_t iAgency, iOther;
  assert_int_equal(agency_ensure(db, "cat", "Catalogue", &iAgency), 0);
  assert_int_equal(agency_ensure(db, "cat2", "Other", &iOther), 0);
  assert_int_equal(programme_install_catalogue(db, iAgency), 0);
  Service *aS;
  int nS;
  assert_int_equal(service_list(db, &a, iAgency, &aS, &nS), 0);
  assert_int_equal(nS, 13);
  static const char *azCode[] = {"internship", "forklift", "italian_l2", "haccp", "safety",
                                 "home_education", "it_training", "soft_skills", "home_care",
                                 "psych_support", "orientation", "green_maintenance", "furniture"};
  for (int i = 0; i < 13; i++) {
    assert_string_equal(aS[i].zCode, azCode[i]);
    assert_true(strlen(aS[i].zNameIt) > 3 && strlen(aS[i].zNameEn) > 3);
  }
  assert_string_equal(aS[1].zKind, "training");
  assert_string_equal(aS[0].zKind, "internship");
  assert_string_equal(aS[9].zKind, "psych_support");

  /* An agency edits a name and adds its own service; install again. */
  Errors e = {.n = 0};
  Service edit = {0, "haccp", "HACCP (alimentaristi)", "HACCP", "training"};
  assert_int_equal(service_save(db, iAgency, &edit, &e), 0);
  assert_int_equal(edit.id, aS[3].id);
  Service own = {0, "cooking", "Corso di cucina", "Cooking course", "training"};
  assert_int_equal(service_save(db, iAgency, &own, &e), 0);
  assert_int_equal(programme_install_catalogue(db, iAgency), 0);
  assert_int_equal(service_list(db, &a, iAgency, &aS, &nS), 0);
  assert_int_equal(nS, 14);
  Service s;
  assert_int_equal(service_get(db, &a, iAgency, edit.id, &s), 0);
  assert_string_equal(s.zNameIt, "HACCP (alimentaristi)");
  assert_int_equal(service_get(db, &a, iOther, edit.id, &s), DOMAIN_NOT_FOUND);
  assert_int_equal(service_find(db, iOther, "haccp"), 0);
  assert_int_equal(service_list(db, &a, iOther, &aS, &nS), 0);
  assert_int_equal(nS, 0);
  arena_free(&a);
}

static void test_round_save(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  Arena a = ARENA_INIT;
  int64_t iAgency, iOther;
  assert_int_equal(agency_ensure(db, "rounds", "Rounds", &iAgency), 0);
  assert_int_equal(agency_ensure(db, "rounds2", "Other", &iOther), 0);
  assert_int_equal(programme_install_catalogue(db, iAgency), 0);
  assert_int_equal(programme_install_catalogue(db, iOther), 0);

  /* No services given: the whole catalogue. */
  Errors e = {.n = 0};
  Round r1 = mk_round("R1", "2020-10-01", "2021-12-31");
  r1.zName = "Round 1";
  assert_int_equal(round_save(db, iAgency, &r1, &e), 0);
  Round g;
  assert_int_equal(round_get(db, &a, iAgency, r1.id, &g), 0);
  assert_int_equal(g.nService, 13);
  assert_string_equal(g.zStartDate, "2020-10-01");
  assert_string_equal(g.zEndDate, "2021-12-31");
  assert_int_equal(g.iMaxParticipants, -1);

  /* Explicit services (a duplicate is harmless), listed in catalogue order. */
  const char *azService[] = {"safety", "haccp", "it_training", "haccp"};
  Round r2 = mk_round("R2", "2022-01-01", "2022-06-30");
  r2.zName = "Round 2";
  r2.iMaxParticipants = 63;
  r2.azService = azService;
  r2.nService = 4;
  assert_int_equal(round_save(db, iAgency, &r2, &e), 0);
  assert_int_equal(round_get(db, &a, iAgency, r2.id, &g), 0);
  assert_int_equal(g.nService, 3);
  assert_string_equal(g.azService[0], "haccp");
  assert_string_equal(g.azService[1], "safety");
  assert_string_equal(g.azService[2], "it_training");
  assert_int_equal(g.iMaxParticipants, 63);

  /* Saved again under its code: updated, services replaced. */
  r2.nService = 1;
  r2.zEndDate = "2022-07-31";
  int64_t id2 = r2.id;
  assert_int_equal(round_save(db, iAgency, &r2, &e), 0);
  assert_int_equal(r2.id, id2);
  assert_int_equal(round_get(db, &a, iAgency, r2.id, &g), 0);
  assert_int_equal(g.nService, 1);
  assert_string_equal(g.azService[0], "safety");
  assert_string_equal(g.zEndDate, "2022-07-31");
  assert_int_equal(e.n, 0);

  /* An unknown service: refused, nothing written. */
  const char *azUnknown[] = {"haccp", "juggling"};
  Round r3 = mk_round("R3", "2023-01-01", "2023-12-31");
  r3.azService = azUnknown;
  r3.nService = 2;
  assert_int_equal(round_save(db, iAgency, &r3, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "services"), "unknown service");
  assert_int_equal(round_find(db, iAgency, "R3"), 0);

  /* Listing, find, isolation. */
  Round *aR;
  int nR;
  assert_int_equal(round_list(db, &a, iAgency, &aR, &nR), 0);
  assert_int_equal(nR, 2);
  assert_string_equal(aR[0].zCode, "R1");
  assert_int_equal(aR[0].nService, 13);
  assert_string_equal(aR[1].zCode, "R2");
  assert_int_equal(aR[1].nService, 1);
  assert_int_equal(round_find(db, iAgency, "R2"), r2.id);
  assert_int_equal(round_find(db, iOther, "R2"), 0);
  assert_int_equal(round_get(db, &a, iOther, r2.id, &g), DOMAIN_NOT_FOUND);
  assert_int_equal(round_list(db, &a, iOther, &aR, &nR), 0);
  assert_int_equal(nR, 0);
  arena_free(&a);
}

static void test_stream_and_organisation_save(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  Arena a = ARENA_INIT;
  int64_t iAgency, iOther;
  assert_int_equal(agency_ensure(db, "money", "Money", &iAgency), 0);
  assert_int_equal(agency_ensure(db, "money2", "Other", &iOther), 0);
  Errors e = {.n = 0};
  FundingStream fp = {0, "fondo_poverta", "Fondo Povertà", 40000000, 0, "minimum_income"};
  FundingStream pon = {0, "pon_inclusione", "PON Inclusione", 39316500, 1, ""};
  assert_int_equal(stream_save(db, iAgency, &fp, &e), 0);
  assert_int_equal(stream_save(db, iAgency, &pon, &e), 0);
  FundingStream g;
  assert_int_equal(stream_get(db, &a, iAgency, pon.id, &g), 0);
  assert_null(g.zRule);
  assert_int_equal(g.bEsf, 1);
  assert_int_equal(g.iAllocationCents, 39316500);
  pon.iAllocationCents = 0; /* run out */
  assert_int_equal(stream_save(db, iAgency, &pon, &e), 0);
  FundingStream *aS;
  int nS;
  assert_int_equal(stream_list(db, &a, iAgency, &aS, &nS), 0);
  assert_int_equal(nS, 2);
  assert_string_equal(aS[0].zCode, "fondo_poverta");
  assert_string_equal(aS[0].zRule, "minimum_income");
  assert_int_equal(aS[1].iAllocationCents, 0);
  assert_int_equal(stream_find(db, iAgency, "pon_inclusione"), pon.id);
  assert_int_equal(stream_find(db, iOther, "pon_inclusione"), 0);
  assert_int_equal(stream_get(db, &a, iOther, pon.id, &g), DOMAIN_NOT_FOUND);
  /* A rule of several conditions is stored as given. */
  FundingStream young = {0, "giovani", "Giovani", 100, 0, "age_min=18, age_max=29, municipality=Pisa"};
  assert_int_equal(stream_save(db, iAgency, &young, &e), 0);
  assert_int_equal(stream_get(db, &a, iAgency, young.id, &g), 0);
  assert_string_equal(g.zRule, "age_min=18, age_max=29, municipality=Pisa");
  FundingStream bad = {0, "x", "X", -5, 0, NULL};
  assert_int_equal(stream_save(db, iAgency, &bad, &e), DOMAIN_INVALID);
  assert_int_equal(stream_find(db, iAgency, "x"), 0);
  Errors e3 = {.n = 0};
  FundingStream badRule = {0, "y", "Y", 5, 0, "age_min=200"};
  assert_int_equal(stream_save(db, iAgency, &badRule, &e3), DOMAIN_INVALID);
  assert_non_null(errors_get(&e3, "rule"));
  assert_int_equal(stream_find(db, iAgency, "y"), 0);

  Errors e2 = {.n = 0};
  Organisation o = {0, "coop_a", "Cooperativa A", "cooperative", "00743110157"};
  Organisation h = {0, "firm_b", "Ditta B", "host_firm", NULL};
  assert_int_equal(organisation_save(db, iAgency, &o, &e2), 0);
  assert_int_equal(organisation_save(db, iAgency, &h, &e2), 0);
  o.zName = "Cooperativa A s.c.s.";
  o.zVatNumber = "";
  int64_t idO = o.id;
  assert_int_equal(organisation_save(db, iAgency, &o, &e2), 0);
  assert_int_equal(o.id, idO);
  Organisation go;
  assert_int_equal(organisation_get(db, &a, iAgency, o.id, &go), 0);
  assert_string_equal(go.zName, "Cooperativa A s.c.s.");
  assert_null(go.zVatNumber);
  assert_int_equal(organisation_get(db, &a, iOther, o.id, &go), DOMAIN_NOT_FOUND);
  Organisation *aO;
  int nO;
  assert_int_equal(organisation_list(db, &a, iAgency, &aO, &nO), 0);
  assert_int_equal(nO, 2);
  assert_string_equal(aO[1].zKind, "host_firm");
  assert_int_equal(organisation_find(db, iAgency, "firm_b"), h.id);
  Organisation badO = {0, "bad", "Bad", "bank", "1"};
  assert_int_equal(organisation_save(db, iAgency, &badO, &e2), DOMAIN_INVALID);
  assert_int_equal(e2.n, 2);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_money_parse),
      cmocka_unit_test(test_money_format),
      cmocka_unit_test(test_round_validate),
      cmocka_unit_test(test_stream_rule_problem),
      cmocka_unit_test(test_stream_rule_check),
      cmocka_unit_test(test_stream_validate),
      cmocka_unit_test(test_service_and_organisation_validate),
      cmocka_unit_test(test_countries),
  };
  const struct CMUnitTest aDb[] = {
      cmocka_unit_test(test_agency),
      cmocka_unit_test(test_catalogue_idempotent),
      cmocka_unit_test(test_round_save),
      cmocka_unit_test(test_stream_and_organisation_save),
  };
  int rc = cmocka_run_group_tests_name("programme", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("programme on sqlite", aDb, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG")) {
    rc |= cmocka_run_group_tests_name("programme on postgresql", aDb, setup_pg, teardown);
  }
  return rc;
}
