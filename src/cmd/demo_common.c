/*
** demo_common.c — the services, dates and failure messages the demo's
** generators share (see demo_common.h).
*/
#include "demo_common.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"

const char *const demo_azService[SV_COUNT] = {
    "internship",  "forklift",    "italian_l2", "haccp",         "safety",     "home_education",
    "it_training", "soft_skills", "home_care",  "psych_support", "orientation"};

int demo_service_of(const char *zCode) {
  for (int s = 0; zCode && s < SV_COUNT; s++) {
    if (strcmp(demo_azService[s], zCode) == 0) return s;
  }
  return -1;
}

int demo_service_is_training(int s) {
  return s == SV_FORKLIFT || s == SV_ITALIAN || s == SV_HACCP || s == SV_SAFETY || s == SV_IT ||
         s == SV_SOFT;
}

int64_t demo_day_of(const char *z) {
  int y, m, d;
  if (!z || date_parse(z, &y, &m, &d)) return 0;
  return date_days(y, m, d);
}

const char *demo_stamp(Arena *a, const char *zDate, int iHour, int iMin) {
  return arena_printf(a, "%sT%02d:%02d:00Z", zDate, iHour, iMin);
}

int demo_fail(Db *db, const char *zPart, const char *zWhat, int rc) {
  if (rc) fprintf(stderr, "ali: demo %s, %s: %s\n", zPart, zWhat, db_errmsg(db));
  return rc;
}
