/*
** household.h — households ("nuclei familiari") of the registry, and the
** household facts the funders' reports use.
**
** A household is identified within its agency by household_ref; its
** members are the people whose household_id points to it, each with a
** relationship to the household's reference person.  The first half of
** this file reads and writes households through db.h (every query scoped
** by the caller's agency; no transactions: the caller holds one).  The
** second half derives report facts from an array of members and a date,
** with no database: household size, minors, and the exact "single mother
** with children" definition of DOMAIN.md.
*/
#ifndef ALI_HOUSEHOLD_H
#define ALI_HOUSEHOLD_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "person.h"

typedef struct Household {
  int64_t id;                /* 0 until saved */
  const char *zHouseholdRef; /* the agency's own id; unique within it */
  const char *zMunicipality; /* where the household lives; NULL unknown */
  const char *zCreatedAt, *zUpdatedAt; /* UTC timestamps; read only */
  int nMember;               /* people in it; filled by get and list */
} Household;

/*
** Validate: household_ref required, 1..64 printable ASCII characters
** (space allowed inside, not at either end); municipality absent or at
** most 100 characters of UTF-8 text without control characters.  Errors
** are added under "household_ref" and "municipality".
*/
void household_validate(const Household *p, Errors *pErr);

/*
** Create the household p->zHouseholdRef of the agency, or update the
** municipality of the existing one (upsert on (agency_id, household_ref);
** an empty municipality is stored as NULL).  Validates first: on errors
** returns DOMAIN_INVALID with pErr filled and writes nothing.  On success
** returns 0 and sets p->id; else a db.h code.
*/
int household_save(Db *db, int64_t iAgency, Household *p, Errors *pErr);

/*
** The id of household zRef of the agency through *pId, creating it (with
** zMunicipality, NULL allowed) when missing; an existing household is not
** modified.  zRef must be valid (the caller validated it).  0 or a db.h
** code.  Used by person_save.
*/
int household_ensure(Db *db, int64_t iAgency, const char *zRef, const char *zMunicipality,
                     int64_t *pId);

/* Read household `id` of the agency into *pOut (strings in a).
** 0, DOMAIN_NOT_FOUND or a db.h code. */
int household_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Household *pOut);

/*
** The members of household iHousehold of the agency, into a new arena
** array (*pa, *pn; *pa NULL when none): the reference person(s) first,
** then by birth date, oldest first, unknown birth dates last, then by
** id.  A household of another agency has no members.  0 or a db.h code.
*/
int household_members(Db *db, Arena *a, int64_t iAgency, int64_t iHousehold, Person **pa,
                      int *pn);

/*
** Household `id` of the agency and its members (as household_members()
** orders them) in one statement; h->nMember is how many.  0,
** DOMAIN_NOT_FOUND or a db.h code.
*/
int household_with_members(Db *db, Arena *a, int64_t iAgency, int64_t id, Household *pH,
                           Person **pa, int *pn);

/*
** Person idPerson of the agency, their household and its members (the
** person among them), in one statement: what the person page and the
** API's person answer show.  0, DOMAIN_NOT_FOUND (no such person in the
** agency) or a db.h code.
*/
int household_of_person(Db *db, Arena *a, int64_t iAgency, int64_t idPerson, Person *pPerson,
                        Household *pH, Person **pa, int *pn);

/* Filters of household_list(); NULL/0 filters nothing. */
typedef struct HouseholdFilter {
  const char *zHouseholdRef; /* exact match */
  const char *zMunicipality; /* exact match */
  int64_t iAfter;            /* keyset cursor: only ids > iAfter; 0 first page */
  int nLimit;                /* rows per page: <= 0 means 50; at most 1000 */
} HouseholdFilter;

/*
** One page of the agency's households matching pF, ordered by id, into a
** new arena array (*pa, *pn).  *piNext gets the iAfter of the next page,
** or 0 when this page is the last.  0 or a db.h code.
*/
int household_list(Db *db, Arena *a, int64_t iAgency, const HouseholdFilter *pF,
                   Household **pa, int *pn, int64_t *piNext);

/* ---- Report facts: pure functions over members, no database. ----
** Each takes the household's members (the participant included) as
** aMember[0..n-1], using zRelationship, zGender and zBirthDate, and the
** date zAt ("YYYY-MM-DD", the participant's entry date). */

/* Household size: the number of members, the participant included. */
int household_size(int nMember);

/* The members under 18 at zAt (whole years by age_at()).  Members with
** an unknown birth date, or born after zAt, are not counted. */
int household_minors(const Person *aMember, int n, const char *zAt);

/*
** DOMAIN.md's "single mother with children", for participant
** aMember[iParticipant] at zAt: -1 (missing) if her gender is unknown;
** otherwise 1 if she is a woman, the reference person of the household,
** with at least one other member whose relationship is "child" and who is
** under 18 at zAt, and no member whose relationship is "partner"; else 0.
** iParticipant must index aMember (assert).
*/
int household_is_single_mother(const Person *aMember, int n, int iParticipant,
                               const char *zAt);

/* The same test without the gender condition (a single parent of either
** gender): 1 or 0, never missing. */
int household_single_parent_with_minors(const Person *aMember, int n, int iParticipant,
                                        const char *zAt);

/* The report band of a household size: "1".."5", "6plus" for 6 or more;
** NULL for n < 1.  Static strings. */
const char *household_size_band(int n);

#endif
