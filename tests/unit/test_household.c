/*
** Unit tests for the report facts of src/domain/household.c: household
** size and size bands, minors at a date, and DOMAIN.md's "single mother
** with children" at its edges (a child turning 18 the day before, on and
** the day after the entry date, a partner present, gender unknown, a
** man, a participant who is not the reference person).  The file under
** test is included, h2o style, with what it links against, so this
** compiles alone:
**
**   gcc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE \
**       -fsanitize=address,undefined -g $(pkg-config --cflags libpq) \
**       tests/unit/test_household.c -lcmocka -lsqlite3 -lpq -o /tmp/t && /tmp/t
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/postgres.c"
/* sqlite.c's snprintf of "$%d" into 8 bytes trips -Wformat-truncation at
** -O0 (the value is at most DB_MAX_PARAM, which GCC cannot see there). */
#include "../../src/db/sqlite.c"
#include "../../src/domain/country.c"
#include "../../src/domain/household.c"
#include "../../src/domain/person.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/mem.c"

#define ENTRY "2021-03-15"

/* A member with only the fields the derivations read. */
static Person member(const char *zRel, const char *zGender, const char *zBirth) {
  Person p;
  memset(&p, 0, sizeof p);
  p.zRelationship = zRel;
  p.zGender = zGender;
  p.zBirthDate = zBirth;
  p.iMinimumIncome = -1;
  return p;
}

static void test_size_and_bands(void **state) {
  (void)state;
  assert_int_equal(household_size(1), 1);
  assert_int_equal(household_size(7), 7);
  assert_null(household_size_band(0));
  assert_null(household_size_band(-3));
  assert_string_equal(household_size_band(1), "1");
  assert_string_equal(household_size_band(2), "2");
  assert_string_equal(household_size_band(3), "3");
  assert_string_equal(household_size_band(4), "4");
  assert_string_equal(household_size_band(5), "5");
  assert_string_equal(household_size_band(6), "6plus");
  assert_string_equal(household_size_band(11), "6plus");
}

static void test_minors_at_date(void **state) {
  (void)state;
  Person a[] = {
      member("reference", "F", "1980-01-01"),
      member("child", "M", "2003-03-16"), /* 18 tomorrow: still a minor */
      member("child", "F", "2003-03-15"), /* 18 today: an adult */
      member("child", "F", "2003-03-14"), /* 18 yesterday */
      member("child", "M", NULL),         /* unknown: not counted */
      member("child", "M", "2021-03-16"), /* born after entry: not counted */
      member("child", "M", "2021-03-15"), /* born on the entry day: age 0 */
      member("other", "M", "2010-06-30"), /* any relationship counts */
  };
  assert_int_equal(household_minors(a, 8, ENTRY), 3);
  assert_int_equal(household_minors(a, 1, ENTRY), 0);
  assert_int_equal(household_minors(a, 0, ENTRY), 0);
  /* A year later the first child is an adult too. */
  assert_int_equal(household_minors(a, 8, "2022-03-16"), 3); /* +the newborn */
}

static void test_single_mother_basic(void **state) {
  (void)state;
  Person a[] = {member("reference", "F", "1985-05-05"), member("child", "M", "2012-01-01")};
  assert_int_equal(household_is_single_mother(a, 2, 0, ENTRY), 1);
  assert_int_equal(household_single_parent_with_minors(a, 2, 0, ENTRY), 1);
  /* Alone, no child: not a single mother. */
  assert_int_equal(household_is_single_mother(a, 1, 0, ENTRY), 0);
}

static void test_single_mother_child_turning_18(void **state) {
  (void)state;
  Person aBefore[] = {member("reference", "F", "1970-01-01"),
                      member("child", "F", "2003-03-14")}; /* 18 the day before */
  Person aOn[] = {member("reference", "F", "1970-01-01"),
                  member("child", "F", "2003-03-15")}; /* 18 on the entry day */
  Person aAfter[] = {member("reference", "F", "1970-01-01"),
                     member("child", "F", "2003-03-16")}; /* 18 the day after */
  assert_int_equal(household_is_single_mother(aBefore, 2, 0, ENTRY), 0);
  assert_int_equal(household_is_single_mother(aOn, 2, 0, ENTRY), 0);
  assert_int_equal(household_is_single_mother(aAfter, 2, 0, ENTRY), 1);
  /* An adult child and a minor one: yes. */
  Person aMixed[] = {member("reference", "F", "1970-01-01"), member("child", "M", "1999-01-01"),
                     member("child", "M", "2010-01-01")};
  assert_int_equal(household_is_single_mother(aMixed, 3, 0, ENTRY), 1);
}

static void test_single_mother_partner_present(void **state) {
  (void)state;
  Person a[] = {member("reference", "F", "1985-05-05"), member("child", "M", "2012-01-01"),
                member("partner", "M", "1983-02-02")};
  assert_int_equal(household_is_single_mother(a, 3, 0, ENTRY), 0);
  assert_int_equal(household_single_parent_with_minors(a, 3, 0, ENTRY), 0);
  /* A partner with unknown data still counts as a partner. */
  a[2] = member("partner", NULL, NULL);
  assert_int_equal(household_is_single_mother(a, 3, 0, ENTRY), 0);
}

static void test_single_mother_gender(void **state) {
  (void)state;
  Person a[] = {member("reference", NULL, "1985-05-05"), member("child", "M", "2012-01-01")};
  assert_int_equal(household_is_single_mother(a, 2, 0, ENTRY), -1);
  a[0].zGender = "";
  assert_int_equal(household_is_single_mother(a, 2, 0, ENTRY), -1);
  a[0].zGender = "M"; /* a single father */
  assert_int_equal(household_is_single_mother(a, 2, 0, ENTRY), 0);
  assert_int_equal(household_single_parent_with_minors(a, 2, 0, ENTRY), 1);
}

static void test_single_mother_not_reference(void **state) {
  (void)state;
  /* The participant is the adult daughter of the reference person, with
  ** her own minor child recorded as "other": not a single mother by the
  ** definition, whoever else is in the household. */
  Person a[] = {member("reference", "F", "1950-05-05"), member("child", "F", "1990-01-01"),
                member("child", "M", "2012-01-01")};
  assert_int_equal(household_is_single_mother(a, 3, 1, ENTRY), 0);
  assert_int_equal(household_single_parent_with_minors(a, 3, 1, ENTRY), 0);
  /* The reference person herself, with a minor child: yes. */
  assert_int_equal(household_is_single_mother(a, 3, 0, ENTRY), 1);
  /* The participant may sit anywhere in the array. */
  Person b[] = {member("child", "M", "2012-01-01"), member("reference", "F", "1985-05-05")};
  assert_int_equal(household_is_single_mother(b, 2, 1, ENTRY), 1);
  /* A minor child with an unknown birth date does not count. */
  b[0].zBirthDate = NULL;
  assert_int_equal(household_is_single_mother(b, 2, 1, ENTRY), 0);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_size_and_bands),
      cmocka_unit_test(test_minors_at_date),
      cmocka_unit_test(test_single_mother_basic),
      cmocka_unit_test(test_single_mother_child_turning_18),
      cmocka_unit_test(test_single_mother_partner_present),
      cmocka_unit_test(test_single_mother_gender),
      cmocka_unit_test(test_single_mother_not_reference),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
