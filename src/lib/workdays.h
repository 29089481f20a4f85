/*
** workdays.h — the working-day calendar request targets count in:
** Monday to Friday, except the Italian national holidays (1 Jan, 6 Jan,
** Easter Monday, 25 Apr, 1 May, 2 Jun, 15 Aug, 1 Nov, 8 Dec, 25 Dec,
** 26 Dec).  Local patron saints' days are not counted (they differ by
** municipality).  Days are calendar days of the dates and timestamps
** given (timestamps are UTC, so a day runs 00:00-24:00 UTC; an hour off
** Italian time, which is immaterial for targets of whole days).  All
** functions are pure.
*/
#ifndef ALI_WORKDAYS_H
#define ALI_WORKDAYS_H
#include <stdint.h>

/* Easter Sunday of Gregorian year y (1583..9999) through *pM, *pD
** (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
void workdays_easter(int y, int *pM, int *pD);

/* 1 if y-m-d is an Italian national holiday (list above), else 0. */
int workdays_is_holiday(int y, int m, int d);

/* 1 if the day number nDay (days since 1970-01-01, date_days()) is a
** working day: Monday-Friday and not a holiday. */
int workdays_is_workday_n(int64_t nDay);

/* 1 if date z ("YYYY-MM-DD") is a working day; 0 if not or invalid. */
int workdays_is_workday(const char *z);

/*
** The day number of the date that is n (>= 0) working days after day
** nDay: n = 0 gives nDay itself when it is a working day, else the next
** working day; n = 1 the first working day after that one, and so on.
** So a request raised on day nDay with a target of n working days is due
** by the end of workdays_add_n(nDay, n).
*/
int64_t workdays_add_n(int64_t nDay, int n);

/*
** The due instant of a target of n working days for something raised at
** timestamp zFrom ("YYYY-MM-DDTHH:MM:SSZ"): the last second
** ("...T23:59:59Z") of the day workdays_add_n(day of zFrom, n), written
** to zOut.  Returns 0, or -1 (zOut "") when zFrom is not a timestamp or
** n < 0.
*/
int workdays_due(const char *zFrom, int n, char zOut[21]);

/*
** The working time between two timestamps, in seconds: the part of
** [zFrom, zTo) that falls on working days (every second of a working day
** counts, none of a Saturday, Sunday or holiday).  0 when zTo is not
** after zFrom; -1 when either is not a timestamp.  Divide by 86400 for
** working days: raised Friday 16:00, acknowledged Monday 10:00 (no
** holiday) is 8 + 10 hours = 0.75 working days.
*/
int64_t workdays_seconds_between(const char *zFrom, const char *zTo);

#endif
