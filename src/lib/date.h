/*
** ISO calendar dates ("YYYY-MM-DD", proleptic Gregorian), UTC timestamps,
** ages and the age bands used by the funders' reports.  Dates travel
** through the application as 10-character strings; day numbers (days
** since 1970-01-01) are for arithmetic only.  Nothing here allocates or
** keeps state, so every function is safe on any thread.
*/
#ifndef ALI_DATE_H
#define ALI_DATE_H
#include <stdint.h>

/* Accepted year range: wide enough for any birth date or case date we
** can meet, narrow enough to catch typos such as 0985 or 20024. */
#define DATE_YEAR_MIN 1800
#define DATE_YEAR_MAX 2200

/*
** Parse a strict "YYYY-MM-DD": exactly 10 characters, digits and two
** dashes, a real calendar date (Feb 29 only in leap years), year in
** DATE_YEAR_MIN..DATE_YEAR_MAX.  On success stores the parts through
** pY/pM/pD (any of which may be NULL) and returns 0; otherwise returns
** -1 and leaves them untouched.  z may be NULL (-1).
*/
int date_parse(const char *z, int *pY, int *pM, int *pD);

/* 1 if date_parse() would accept z, else 0. */
int date_valid(const char *z);

/* 1 if y is a Gregorian leap year, else 0. */
int date_is_leap(int y);

/*
** Days since 1970-01-01 of the proleptic Gregorian date y-m-d (negative
** before it).  The date must be real (assert); any year fits.
*/
int64_t date_days(int y, int m, int d);

/*
** The inverse of date_days(): writes "YYYY-MM-DD" to zOut.  For a day
** number whose year falls outside 0..9999 (not representable in 10
** characters) writes "".
*/
void date_from_days(int64_t n, char zOut[11]);
/* The same as numbers: 0, or -1 when the year falls outside 0..9999
** (*pY then unset). */
int date_civil(int64_t n, int *pY, int *pM, int *pD);

/* Write the date y-m-d as "YYYY-MM-DD" (year 0..9999, month 1..12,
** day 1..31, asserted; the date itself is not checked). */
void date_format(int y, int m, int d, char zOut[11]);

/* Today's date in UTC, as "YYYY-MM-DD". */
void date_today(char zOut[11]);

/* The current instant in UTC, as "YYYY-MM-DDTHH:MM:SSZ". */
void timestamp_now(char zOut[21]);

/* The instant t seconds after 1970-01-01T00:00:00Z as "YYYY-MM-DDTHH:MM:SSZ"
** (UTC); "" when its year falls outside 0..9999. */
void timestamp_format(int64_t t, char zOut[21]);

/*
** The seconds since 1970-01-01T00:00:00Z of a strict UTC timestamp
** "YYYY-MM-DDTHH:MM:SSZ" (what timestamp_now() writes), or -1 when zTs is
** NULL, malformed, not a real date and time, or before 1970.
*/
int64_t timestamp_seconds(const char *zTs);

/*
** Whole years completed on date zAt by someone born on zBirth (both
** "YYYY-MM-DD").  A Feb 29 birthday is completed on Mar 1 in common
** years.  Returns -1 if either date is invalid or zAt is before zBirth.
*/
int age_at(const char *zBirth, const char *zAt);

/*
** The report code of the age band holding age: "le24" (up to 24),
** "25-34", "35-44", "45-54", "55plus".  NULL for a negative age (an
** unknown or impossible age).  The string is static: do not free.
*/
const char *age_band(int age);

#endif
