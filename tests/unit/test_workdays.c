/*
** Unit tests for src/lib/workdays.c: Easter for known years, every
** national holiday (and days next to them that are not), weekends,
** adding working days across weekends, Easter Monday and the Christmas
** run, due instants, and the working time between two timestamps.
** Included h2o style, so this compiles alone.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/lib/date.c"
#include "../../src/lib/workdays.c"

static int64_t day(const char *z) {
  int y, m, d;
  assert_int_equal(date_parse(z, &y, &m, &d), 0);
  return date_days(y, m, d);
}

static void assert_day(int64_t n, const char *zWant) {
  char z[11];
  date_from_days(n, z);
  assert_string_equal(z, zWant);
}

static void test_easter(void **state) {
  (void)state;
  static const struct { int y, m, d; } a[] = {
      {2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21}, {2023, 4, 9},
      {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5},  {2038, 4, 25}, {2285, 3, 22}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    int m, d;
    workdays_easter(a[i].y, &m, &d);
    assert_int_equal(m, a[i].m);
    assert_int_equal(d, a[i].d);
  }
}

static void test_holidays(void **state) {
  (void)state;
  static const char *azHoliday[] = {"2025-01-01", "2025-01-06", "2025-04-21", "2025-04-25",
                                    "2025-05-01", "2025-06-02", "2025-08-15", "2025-11-01",
                                    "2025-12-08", "2025-12-25", "2025-12-26", "2024-04-01"};
  for (size_t i = 0; i < sizeof azHoliday / sizeof azHoliday[0]; i++) {
    int y, m, d;
    date_parse(azHoliday[i], &y, &m, &d);
    assert_true(workdays_is_holiday(y, m, d));
  }
  /* Easter Sunday itself is a Sunday, not in the list; Easter Tuesday,
  ** 2 Jan, 24 Dec, 31 Dec, 14 Aug, 2 Nov are ordinary days */
  assert_false(workdays_is_holiday(2025, 4, 20));
  assert_false(workdays_is_holiday(2025, 4, 22));
  assert_false(workdays_is_holiday(2025, 1, 2));
  assert_false(workdays_is_holiday(2025, 12, 24));
  assert_false(workdays_is_holiday(2025, 12, 31));
  assert_false(workdays_is_holiday(2025, 8, 14));
  assert_false(workdays_is_holiday(2025, 11, 2));
  assert_false(workdays_is_holiday(2024, 4, 22)); /* Easter Monday 2025's date, in 2024 */
}

static void test_is_workday(void **state) {
  (void)state;
  assert_true(workdays_is_workday("2025-03-03"));  /* Monday */
  assert_true(workdays_is_workday("2025-03-07"));  /* Friday */
  assert_false(workdays_is_workday("2025-03-08")); /* Saturday */
  assert_false(workdays_is_workday("2025-03-09")); /* Sunday */
  assert_false(workdays_is_workday("2025-04-21")); /* Easter Monday */
  assert_false(workdays_is_workday("2025-04-25")); /* Liberation day, a Friday */
  assert_true(workdays_is_workday("2025-04-22"));
  assert_false(workdays_is_workday("1970-01-01") == 1); /* New Year, a Thursday */
  assert_true(workdays_is_workday("1970-01-02"));        /* Friday */
  assert_false(workdays_is_workday("2025-02-30"));       /* invalid */
  assert_false(workdays_is_workday(NULL));
}

static void test_add(void **state) {
  (void)state;
  assert_day(workdays_add_n(day("2025-03-05"), 0), "2025-03-05"); /* Wednesday */
  assert_day(workdays_add_n(day("2025-03-05"), 2), "2025-03-07");
  assert_day(workdays_add_n(day("2025-03-06"), 2), "2025-03-10"); /* over the weekend */
  assert_day(workdays_add_n(day("2025-03-08"), 0), "2025-03-10"); /* Saturday: Monday */
  assert_day(workdays_add_n(day("2025-03-08"), 1), "2025-03-11");
  assert_day(workdays_add_n(day("2025-03-07"), 10), "2025-03-21");
  /* Easter 2025: Thursday 17 Apr + 1 = Friday 18; + 2 = Tuesday 22
  ** (Monday 21 is Easter Monday); Thursday 24 + 1 = Monday 28 (25 Apr) */
  assert_day(workdays_add_n(day("2025-04-17"), 1), "2025-04-18");
  assert_day(workdays_add_n(day("2025-04-17"), 2), "2025-04-22");
  assert_day(workdays_add_n(day("2025-04-24"), 1), "2025-04-28");
  /* Christmas 2025: Wednesday 24 Dec + 1 = Monday 29 (25, 26, weekend) */
  assert_day(workdays_add_n(day("2025-12-24"), 1), "2025-12-29");
  /* 31 Dec 2025 + 2 = Friday 2 Jan 2026 (1 Jan), then Wednesday 7 (6 Jan) */
  assert_day(workdays_add_n(day("2025-12-31"), 1), "2026-01-02");
  assert_day(workdays_add_n(day("2025-12-31"), 2), "2026-01-05");
  assert_day(workdays_add_n(day("2025-12-31"), 3), "2026-01-07");
}

static void test_due(void **state) {
  (void)state;
  char z[21];
  assert_int_equal(workdays_due("2025-03-06T15:00:00Z", 0, z), 0);
  assert_string_equal(z, "2025-03-06T23:59:59Z");
  assert_int_equal(workdays_due("2025-03-06T15:00:00Z", 2, z), 0);
  assert_string_equal(z, "2025-03-10T23:59:59Z");
  assert_int_equal(workdays_due("2025-04-19T08:00:00Z", 0, z), 0); /* Saturday of Easter */
  assert_string_equal(z, "2025-04-22T23:59:59Z");
  assert_int_equal(workdays_due("2025-03-06", 1, z), -1);
  assert_string_equal(z, "");
  assert_int_equal(workdays_due("2025-03-06T15:00:00Z", -1, z), -1);
  assert_int_equal(workdays_due(NULL, 1, z), -1);
}

static void test_between(void **state) {
  (void)state;
  /* within one working day */
  assert_int_equal(workdays_seconds_between("2025-03-05T09:00:00Z", "2025-03-05T11:30:00Z"),
                   9000);
  /* Friday 16:00 -> Monday 10:00: 8 h + 10 h */
  assert_int_equal(workdays_seconds_between("2025-03-07T16:00:00Z", "2025-03-10T10:00:00Z"),
                   18 * 3600);
  /* raised on Saturday, answered Sunday: no working time */
  assert_int_equal(workdays_seconds_between("2025-03-08T10:00:00Z", "2025-03-09T18:00:00Z"), 0);
  /* Thursday 17 Apr 12:00 -> Tuesday 22 Apr 12:00: 12 h + 24 h (Fri) + 12 h */
  assert_int_equal(workdays_seconds_between("2025-04-17T12:00:00Z", "2025-04-22T12:00:00Z"),
                   48 * 3600);
  /* a whole working week */
  assert_int_equal(workdays_seconds_between("2025-03-03T00:00:00Z", "2025-03-10T00:00:00Z"),
                   5 * 86400);
  /* reversed or equal: 0; malformed: -1 */
  assert_int_equal(workdays_seconds_between("2025-03-05T11:00:00Z", "2025-03-05T09:00:00Z"), 0);
  assert_int_equal(workdays_seconds_between("2025-03-05T11:00:00Z", "2025-03-05T11:00:00Z"), 0);
  assert_int_equal(workdays_seconds_between("2025-03-05", "2025-03-05T11:00:00Z"), -1);
  assert_int_equal(workdays_seconds_between("2025-03-05T11:00:00Z", NULL), -1);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_easter), cmocka_unit_test(test_holidays),
      cmocka_unit_test(test_is_workday), cmocka_unit_test(test_add),
      cmocka_unit_test(test_due), cmocka_unit_test(test_between),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
