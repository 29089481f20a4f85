/*
** sensitive.h — the special-category data of a person (GDPR art. 9-10):
** health, psychological notes, court-related notes, addiction, stored in
** person_sensitive, one row per person.
**
** This file only stores and validates.  Who may read or write which field
** is policy_sensitive_visible() (policy.h) applied to the caller's
** relation (access.h); recording every read and write in the audit trail
** is the caller's duty (the HTTP handlers do it through req_audit), with
** field names only, never values.  Fields are indexed by Sensitive
** (policy.h); field sets are bit masks (1 << SENS_HEALTH, ...).
*/
#ifndef ALI_SENSITIVE_H
#define ALI_SENSITIVE_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "policy.h"

#define SENSITIVE_MAX_CHARS 4000 /* longest text of one field */
#define SENSITIVE_ALL ((1u << SENS_COUNT) - 1)

typedef struct PersonSensitive {
  const char *az[SENS_COUNT]; /* the text of each field; NULL when empty */
  const char *zUpdatedAt;     /* NULL when the person has no such data */
} PersonSensitive;

/* The fields relation eRel may read (policy_sensitive_visible), as a mask. */
unsigned sensitive_visible_mask(Relation eRel);

/* Writes the codes of the fields of mFields as a JSON object into a:
** {"fields":["health","court_notes"]} — for audit details.  With
** zMark non-NULL writes {"health":"[changed]",...} instead. */
const char *sensitive_audit_detail(Arena *a, unsigned mFields, const char *zMark);

/* Reads the special-category data of person iPerson of agency iAgency
** (strings in a; every field NULL when there is none).  Only the fields
** of mFields are read; the others stay NULL.  0, DOMAIN_NOT_FOUND (no such
** person in the agency) or a db.h code. */
int sensitive_get(Db *db, Arena *a, int64_t iAgency, int64_t iPerson, unsigned mFields,
                  PersonSensitive *p);

/* Checks the fields of mFields of p: each absent, or at most
** SENSITIVE_MAX_CHARS characters of UTF-8 without control characters
** other than tab and line breaks.  One error per wrong field, under its
** code ("health"). */
void sensitive_validate(const PersonSensitive *p, unsigned mFields, Errors *pErr);

/* Writes the fields of mFields of p (blank text stores NULL) for person
** iPerson of the agency, leaving the others as they are; *pmChanged gets
** the fields whose value changed.  Validates first (DOMAIN_INVALID, pErr
** filled, nothing written).  0, DOMAIN_NOT_FOUND, DOMAIN_INVALID or a db.h
** code. */
int sensitive_save(Db *db, int64_t iAgency, int64_t iPerson, unsigned mFields,
                   const PersonSensitive *p, const char *zNow, unsigned *pmChanged,
                   Errors *pErr);

#endif
