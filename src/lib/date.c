/*
** ISO dates, UTC timestamps, ages and age bands (see date.h).
**
** Day numbers use Howard Hinnant's days_from_civil / civil_from_days
** algorithms: the year is shifted to start on March 1 so that the leap
** day falls at the end of it, and the 400-year Gregorian cycle ("era")
** of 146097 days makes the arithmetic exact for any year, positive or
** negative.  The clock is read with time() alone and converted with the
** same arithmetic, so nothing depends on gmtime()'s static buffer, on
** POSIX's gmtime_r() or on the process time zone.
*/
#include "date.h"

#include <assert.h>
#include <stddef.h>
#include <time.h>

int date_is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Number of days in month m (1..12) of year y. */
static int date_month_len(int y, int m) {
  static const int aLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  assert(m >= 1 && m <= 12);
  return m == 2 && date_is_leap(y) ? 29 : aLen[m - 1];
}

/* Value of the n ASCII digits at z, or -1 if any of them is not a digit.
** isdigit() is avoided: it depends on the locale and is undefined for
** negative chars. */
static int date_digits(const char *z, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

int date_parse(const char *z, int *pY, int *pM, int *pD) {
  if (z == NULL) return -1;
  /* Check the shape first: date_digits() stops at the NUL of a short
  ** string, and the final test rejects trailing garbage. */
  int y = date_digits(z, 4);
  if (y < 0 || z[4] != '-') return -1;
  int m = date_digits(z + 5, 2);
  if (m < 0 || z[7] != '-') return -1;
  int d = date_digits(z + 8, 2);
  if (d < 0 || z[10] != 0) return -1;
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) return -1;
  if (m < 1 || m > 12 || d < 1 || d > date_month_len(y, m)) return -1;
  if (pY) *pY = y;
  if (pM) *pM = m;
  if (pD) *pD = d;
  return 0;
}

int date_valid(const char *z) { return date_parse(z, NULL, NULL, NULL) == 0; }

/* Write v as n decimal digits, zero-padded, at z (no terminator).
** Used instead of snprintf(), whose possible truncation gcc cannot rule
** out for "%02d" however the arguments are bounded. */
static void date_put_digits(char *z, int v, int n) {
  assert(v >= 0);
  for (int i = n - 1; i >= 0; i--, v /= 10) z[i] = (char)('0' + v % 10);
}

void date_format(int y, int m, int d, char zOut[11]) {
  assert(y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
  date_put_digits(zOut, y, 4);
  zOut[4] = '-';
  date_put_digits(zOut + 5, m, 2);
  zOut[7] = '-';
  date_put_digits(zOut + 8, d, 2);
  zOut[10] = 0;
}

/* Floor division for a possibly negative numerator (C truncates). */
static int64_t date_floordiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t date_days(int y, int m, int d) {
  assert(m >= 1 && m <= 12 && d >= 1 && d <= date_month_len(y, m));
  int64_t yy = (int64_t)y - (m <= 2);           /* years start on March 1 */
  int64_t era = date_floordiv(yy, 400);
  int64_t yoe = yy - era * 400;                 /* [0, 399] */
  int64_t mp = (m + 9) % 12;                    /* March = 0 */
  int64_t doy = (153 * mp + 2) / 5 + d - 1;     /* [0, 365] */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
  return era * 146097 + doe - 719468;           /* 719468: 0000-03-01 */
}

int date_civil(int64_t n, int *pY, int *pM, int *pD) {
  /* Beyond about +-2.5e13 days the year overflows int64 arithmetic
  ** below; such a day is far outside 0..9999 anyway. */
  if (n < -800000000 || n > 800000000) return -1;
  int64_t z = n + 719468;
  int64_t era = date_floordiv(z, 146097);
  int64_t doe = z - era * 146097;                              /* [0, 146096] */
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);       /* [0, 365] */
  int64_t mp = (5 * doy + 2) / 153;                            /* [0, 11] */
  *pD = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pM = (int)(mp < 10 ? mp + 3 : mp - 9);
  int64_t y = yoe + era * 400 + (*pM <= 2);
  if (y < 0 || y > 9999) return -1;
  *pY = (int)y;
  return 0;
}

void date_from_days(int64_t n, char zOut[11]) {
  int y, m, d;
  zOut[0] = 0;
  if (date_civil(n, &y, &m, &d) == 0) date_format(y, m, d, zOut);
}

/* Seconds since the epoch now, split into a day number and the seconds
** into that day (time_t is a count of seconds on every POSIX system). */
static void date_clock(int64_t *pDay, int *pSec) {
  int64_t t = (int64_t)time(NULL);
  *pDay = date_floordiv(t, 86400);
  *pSec = (int)(t - *pDay * 86400);
}

void date_today(char zOut[11]) {
  int64_t nDay;
  int iSec;
  date_clock(&nDay, &iSec);
  date_from_days(nDay, zOut);
}

void timestamp_format(int64_t t, char zOut[21]) {
  int64_t nDay = date_floordiv(t, 86400);
  int iSec = (int)(t - nDay * 86400);
  date_from_days(nDay, zOut);
  if (!zOut[0]) return;
  zOut[10] = 'T';
  date_put_digits(zOut + 11, iSec / 3600, 2);
  zOut[13] = ':';
  date_put_digits(zOut + 14, iSec / 60 % 60, 2);
  zOut[16] = ':';
  date_put_digits(zOut + 17, iSec % 60, 2);
  zOut[19] = 'Z';
  zOut[20] = 0;
}

void timestamp_now(char zOut[21]) { timestamp_format((int64_t)time(NULL), zOut); }

int64_t timestamp_seconds(const char *zTs) {
  char zDate[11];
  int y, m, d;
  if (!zTs) return -1;
  for (int i = 0; i < 10; i++) {
    if (!zTs[i]) return -1;
    zDate[i] = zTs[i];
  }
  zDate[10] = 0;
  if (date_parse(zDate, &y, &m, &d) || y < 1970 || zTs[10] != 'T') return -1;
  int h = date_digits(zTs + 11, 2), mi = zTs[13] == ':' ? date_digits(zTs + 14, 2) : -1,
      s = zTs[16] == ':' ? date_digits(zTs + 17, 2) : -1;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return -1;
  if (zTs[19] != 'Z' || zTs[20] != 0) return -1;
  return date_days(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

int age_at(const char *zBirth, const char *zAt) {
  int yB, mB, dB, yA, mA, dA;
  if (date_parse(zBirth, &yB, &mB, &dB) || date_parse(zAt, &yA, &mA, &dA)) {
    return -1;
  }
  /* Comparing (month, day) pairs is what makes a Feb 29 birthday count
  ** on Mar 1 of a common year: Feb 28 < Feb 29 < Mar 1. */
  int bBefore = mA < mB || (mA == mB && dA < dB);
  int age = yA - yB - bBefore;
  return age < 0 ? -1 : age;
}

const char *age_band(int age) {
  if (age < 0) return NULL;
  if (age <= 24) return "le24";
  if (age <= 34) return "25-34";
  if (age <= 44) return "35-44";
  if (age <= 54) return "45-54";
  return "55plus";
}
