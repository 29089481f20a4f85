/*
** Unit tests for src/lib/date.c: strict ISO parsing, leap years, day
** numbers against an independent day-by-day calendar walk, the clock
** functions' formats, ages at birthday edges and every age band
** boundary.  The file under test is included, h2o style, so this
** compiles alone:
**
**   gcc -std=c11 -Wall -Wextra -Werror -fsanitize=address,undefined -g \
**       tests/unit/test_date.c -lcmocka -o /tmp/t && /tmp/t
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/lib/date.c"

static void test_leap_years(void **state) {
  (void)state;
  assert_true(date_is_leap(2024));
  assert_true(date_is_leap(2000)); /* divisible by 400 */
  assert_false(date_is_leap(1900)); /* divisible by 100 only */
  assert_false(date_is_leap(2100));
  assert_false(date_is_leap(2023));
  assert_true(date_valid("2024-02-29"));
  assert_true(date_valid("2000-02-29"));
  assert_false(date_valid("2023-02-29"));
  assert_false(date_valid("1900-02-29"));
  assert_false(date_valid("2100-02-29"));
  assert_false(date_valid("2024-02-30"));
}

static void test_parse_ok(void **state) {
  (void)state;
  int y = 0, m = 0, d = 0;
  assert_int_equal(date_parse("2024-03-07", &y, &m, &d), 0);
  assert_int_equal(y, 2024);
  assert_int_equal(m, 3);
  assert_int_equal(d, 7);
  assert_int_equal(date_parse("1985-12-31", NULL, NULL, NULL), 0);
  assert_true(date_valid("1800-01-01")); /* the range is inclusive */
  assert_true(date_valid("2200-12-31"));
  assert_true(date_valid("2024-04-30"));
  assert_true(date_valid("2024-01-31"));
}

static void test_parse_bad(void **state) {
  (void)state;
  static const char *azBad[] = {
      "2023-02-29",  "2024-13-01",  "2024-00-10", "2024-04-31", "2024-01-00",
      "2024-01-32",  "2024-1-01",   "2024-01-1",  "24-01-01",   "2024-01-011",
      "2024-01-01x", "2024-01-01 ", " 2024-01-01", "2024/01/01", "2024-01-0a",
      "20240101",    "",            "1799-12-31", "2201-01-01", "+024-01-01",
      "2024--1-01",  "2024-01-01T00:00:00Z",
  };
  for (size_t i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    int y = -7, m = -7, d = -7;
    if (date_parse(azBad[i], &y, &m, &d) != -1) fail_msg("accepted %s", azBad[i]);
    assert_int_equal(y + m + d, -21); /* outputs untouched on failure */
    assert_false(date_valid(azBad[i]));
  }
  assert_int_equal(date_parse(NULL, NULL, NULL, NULL), -1);
  assert_false(date_valid(NULL));
}

static void test_days_fixed_points(void **state) {
  (void)state;
  assert_int_equal(date_days(1970, 1, 1), 0);
  assert_int_equal(date_days(1969, 12, 31), -1);
  assert_int_equal(date_days(1970, 1, 2), 1);
  assert_int_equal(date_days(2000, 3, 1), 11017);
  assert_int_equal(date_days(1900, 1, 1), -25567);
  assert_int_equal(date_days(2100, 1, 1), 47482);
  assert_int_equal(date_days(1600, 1, 1), -135140);
  char z[11];
  date_from_days(0, z);
  assert_string_equal(z, "1970-01-01");
  date_from_days(-1, z);
  assert_string_equal(z, "1969-12-31");
  date_from_days(11016, z);
  assert_string_equal(z, "2000-02-29");
}

/* Advance y-m-d by one day with plain month lengths: an oracle that
** shares no arithmetic with date_days(). */
static void next_day(int *y, int *m, int *d) {
  static const int aLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int nLen = aLen[*m - 1] + (*m == 2 && date_is_leap(*y));
  if (++*d <= nLen) return;
  *d = 1;
  if (++*m <= 12) return;
  *m = 1;
  ++*y;
}

static void test_days_roundtrip_1900_2100(void **state) {
  (void)state;
  int y = 1900, m = 1, d = 1, nChecked = 0;
  int64_t n = date_days(1900, 1, 1);
  for (; y <= 2100; next_day(&y, &m, &d), n++, nChecked++) {
    char zWant[11], zGot[11];
    date_format(y, m, d, zWant);
    assert_int_equal(date_days(y, m, d), n);
    date_from_days(n, zGot);
    assert_string_equal(zGot, zWant);
  }
  assert_int_equal(nChecked, date_days(2101, 1, 1) - date_days(1900, 1, 1));
  assert_int_equal(nChecked, 201 * 365 + 49); /* 1904..2096 leap, 2000 too */
}

static void test_from_days_out_of_range(void **state) {
  (void)state;
  char z[11] = "junk";
  date_from_days(date_days(10000, 1, 1), z);
  assert_string_equal(z, "");
  date_from_days(date_days(0, 1, 1) - 1, z);
  assert_string_equal(z, "");
  date_from_days(INT64_MAX, z);
  assert_string_equal(z, "");
  date_from_days(INT64_MIN, z);
  assert_string_equal(z, "");
  date_from_days(date_days(9999, 12, 31), z);
  assert_string_equal(z, "9999-12-31");
  date_from_days(date_days(0, 1, 1), z);
  assert_string_equal(z, "0000-01-01");
}

static void test_today_and_timestamp(void **state) {
  (void)state;
  char zDay[11], zTs[21];
  date_today(zDay);
  timestamp_now(zTs);
  assert_true(date_valid(zDay));
  assert_true(strcmp(zDay, "2024-01-01") > 0);
  assert_int_equal(strlen(zTs), 20);
  char zTsDay[11];
  memcpy(zTsDay, zTs, 10);
  zTsDay[10] = 0;
  assert_true(date_valid(zTsDay));
  assert_true(zTs[10] == 'T' && zTs[13] == ':' && zTs[16] == ':');
  assert_true(zTs[19] == 'Z');
  int hh = (zTs[11] - '0') * 10 + zTs[12] - '0';
  int mm = (zTs[14] - '0') * 10 + zTs[15] - '0';
  int ss = (zTs[17] - '0') * 10 + zTs[18] - '0';
  assert_true(hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 60);
}

static void test_age_at_birthday_edges(void **state) {
  (void)state;
  assert_int_equal(age_at("2000-05-10", "2000-05-10"), 0);
  assert_int_equal(age_at("2000-05-10", "2010-05-09"), 9); /* day before */
  assert_int_equal(age_at("2000-05-10", "2010-05-10"), 10); /* the day */
  assert_int_equal(age_at("2000-05-10", "2010-05-11"), 10);
  assert_int_equal(age_at("2000-05-10", "2010-04-30"), 9);
  assert_int_equal(age_at("1999-12-31", "2000-01-01"), 0);
  assert_int_equal(age_at("1999-12-31", "2024-12-31"), 25);
  assert_int_equal(age_at("1950-01-01", "2049-12-31"), 99);
}

static void test_age_at_feb29(void **state) {
  (void)state;
  assert_int_equal(age_at("2004-02-29", "2005-02-28"), 0);
  assert_int_equal(age_at("2004-02-29", "2005-03-01"), 1); /* common year */
  assert_int_equal(age_at("2004-02-29", "2008-02-28"), 3);
  assert_int_equal(age_at("2004-02-29", "2008-02-29"), 4); /* leap year */
  assert_int_equal(age_at("2004-02-29", "2022-03-01"), 18);
  assert_int_equal(age_at("2004-02-29", "2022-02-28"), 17);
}

static void test_age_at_bad(void **state) {
  (void)state;
  assert_int_equal(age_at("2000-05-10", "2000-05-09"), -1); /* before birth */
  assert_int_equal(age_at("2000-05-10", "1999-12-31"), -1);
  assert_int_equal(age_at("2000-02-30", "2020-01-01"), -1);
  assert_int_equal(age_at("2000-01-01", "2020-1-01"), -1);
  assert_int_equal(age_at(NULL, "2020-01-01"), -1);
  assert_int_equal(age_at("2000-01-01", NULL), -1);
}

static void test_age_band_boundaries(void **state) {
  (void)state;
  assert_null(age_band(-1));
  assert_null(age_band(-100));
  assert_string_equal(age_band(0), "le24");
  assert_string_equal(age_band(24), "le24");
  assert_string_equal(age_band(25), "25-34");
  assert_string_equal(age_band(34), "25-34");
  assert_string_equal(age_band(35), "35-44");
  assert_string_equal(age_band(44), "35-44");
  assert_string_equal(age_band(45), "45-54");
  assert_string_equal(age_band(54), "45-54");
  assert_string_equal(age_band(55), "55plus");
  assert_string_equal(age_band(120), "55plus");
  assert_string_equal(age_band(age_at("2000-05-10", "2025-05-09")), "le24");
  assert_string_equal(age_band(age_at("2000-05-10", "2025-05-10")), "25-34");
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_leap_years),
      cmocka_unit_test(test_parse_ok),
      cmocka_unit_test(test_parse_bad),
      cmocka_unit_test(test_days_fixed_points),
      cmocka_unit_test(test_days_roundtrip_1900_2100),
      cmocka_unit_test(test_from_days_out_of_range),
      cmocka_unit_test(test_today_and_timestamp),
      cmocka_unit_test(test_age_at_birthday_edges),
      cmocka_unit_test(test_age_at_feb29),
      cmocka_unit_test(test_age_at_bad),
      cmocka_unit_test(test_age_band_boundaries),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
