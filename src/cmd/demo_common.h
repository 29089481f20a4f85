/*
** demo_common.h — what the generators of `ali demo`'s paths share (the
** intake, demo_intake*.c, and the delivery, demo_delivery*.c): the
** services of the standard catalogue in the order the demo counts them,
** dates as day numbers, and the message of a failed write.  Not for
** callers outside src/cmd/demo_*.c.
*/
#ifndef ALI_DEMO_COMMON_H
#define ALI_DEMO_COMMON_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"

/* The services of the standard catalogue (programme_install_catalogue),
** an index per service: bit s of a plan is service s. */
enum {
  SV_INTERNSHIP,
  SV_FORKLIFT,
  SV_ITALIAN,
  SV_HACCP,
  SV_SAFETY,
  SV_HOME_EDU,
  SV_IT,
  SV_SOFT,
  SV_HOME_CARE,
  SV_PSYCH,
  SV_ORIENT,
  SV_COUNT
};

/* The service codes, by SV_ index ("internship", ...). */
extern const char *const demo_azService[SV_COUNT];

/* The SV_ index of service code zCode; -1 for NULL or another code. */
int demo_service_of(const char *zCode);

/* 1 if service s is a training course (enrolled in course editions). */
int demo_service_is_training(int s);

/* The day number (date_days) of date z ("YYYY-MM-DD"); 0 for NULL or a
** malformed date. */
int64_t demo_day_of(const char *z);

/* "YYYY-MM-DDThh:mm:00Z" of date zDate at iHour:iMin, in arena a. */
const char *demo_stamp(Arena *a, const char *zDate, int iHour, int iMin);

/*
** Prints "ali: demo zPart, zWhat: " and the database's message when rc
** is not 0; returns rc.
*/
int demo_fail(Db *db, const char *zPart, const char *zWhat, int rc);

#endif
