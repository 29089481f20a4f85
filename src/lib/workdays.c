/*
** workdays.c — the working-day calendar (workdays.h): Monday-Friday
** without the Italian national holidays, Easter Monday computed.
*/
#include "workdays.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

void workdays_easter(int y, int *pM, int *pD) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  *pM = (h + l - 7 * m + 114) / 31;
  *pD = (h + l - 7 * m + 114) % 31 + 1;
}

int workdays_is_holiday(int y, int m, int d) {
  static const unsigned char aFixed[][2] = {{1, 1},  {1, 6},   {4, 25},  {5, 1},  {6, 2},
                                            {8, 15}, {11, 1},  {12, 8},  {12, 25}, {12, 26}};
  for (size_t i = 0; i < sizeof aFixed / sizeof aFixed[0]; i++) {
    if (aFixed[i][0] == m && aFixed[i][1] == d) return 1;
  }
  /* Easter Monday of the year asked last: a report asks thousands of
  ** days of the same few years */
  static _Thread_local int iYear = -1;
  static _Thread_local int64_t nEasterMonday;
  if (y != iYear) {
    int em, ed;
    workdays_easter(y, &em, &ed);
    nEasterMonday = date_days(y, em, ed) + 1;
    iYear = y;
  }
  return date_days(y, m, d) == nEasterMonday;
}

int workdays_is_workday_n(int64_t nDay) {
  /* 1970-01-01 was a Thursday: (nDay + 3) mod 7 is 0 on Mondays. */
  int64_t w = ((nDay + 3) % 7 + 7) % 7;
  if (w >= 5) return 0;
  int y, m, d;
  if (date_civil(nDay, &y, &m, &d)) return 0;
  return !workdays_is_holiday(y, m, d);
}

int workdays_is_workday(const char *z) {
  int y, m, d;
  if (date_parse(z, &y, &m, &d)) return 0;
  return workdays_is_workday_n(date_days(y, m, d));
}

int64_t workdays_add_n(int64_t nDay, int n) {
  while (!workdays_is_workday_n(nDay)) nDay++;
  while (n-- > 0) {
    nDay++;
    while (!workdays_is_workday_n(nDay)) nDay++;
  }
  return nDay;
}

int workdays_due(const char *zFrom, int n, char zOut[21]) {
  zOut[0] = 0;
  int64_t t = timestamp_seconds(zFrom);
  if (t < 0 || n < 0) return -1;
  int64_t nDay = workdays_add_n(t / 86400, n);
  timestamp_format(nDay * 86400 + 86399, zOut);
  return zOut[0] ? 0 : -1;
}

int64_t workdays_seconds_between(const char *zFrom, const char *zTo) {
  int64_t t0 = timestamp_seconds(zFrom), t1 = timestamp_seconds(zTo);
  if (t0 < 0 || t1 < 0) return -1;
  int64_t nSec = 0;
  while (t0 < t1) {
    int64_t nDay = t0 / 86400, tEnd = (nDay + 1) * 86400;
    if (tEnd > t1) tEnd = t1;
    if (workdays_is_workday_n(nDay)) nSec += tEnd - t0;
    t0 = tEnd;
  }
  return nSec;
}
