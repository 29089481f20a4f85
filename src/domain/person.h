/*
** person.h — the registry of people: citizens the agency assists and the
** members of their households.
**
** A person belongs to one agency and one household of that agency.  The
** agency identifies people by its own reference (person_ref) and
** households by household_ref; ali's ids are internal.  Saving a person
** finds or creates the household named by household_ref.  A search key
** (name_key, lowercase ASCII "last first") is kept beside the names for
** fast prefix search; listing pages with an opaque keyset cursor.
**
** Every function takes the caller's agency id and touches only that
** agency's rows.  Status codes: see domain.h.  No function opens a
** transaction: the caller wraps each write request in one.
*/
#ifndef ALI_PERSON_H
#define ALI_PERSON_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"

/*
** One person.  Strings are UTF-8, NULL when absent (an empty string is
** read as absent by validation and saving).  Dates "YYYY-MM-DD",
** timestamps UTC "YYYY-MM-DDTHH:MM:SSZ".  Filled by person_get/person_list
** with strings in the caller's arena; for saving, the caller owns them.
*/
typedef struct Person {
  int64_t id;                /* 0 until saved */
  int64_t iHouseholdId;      /* filled by saving and reading */
  const char *zPersonRef;    /* the agency's own id of the person */
  const char *zHouseholdRef; /* the agency's own id of the household */
  const char *zRelationship; /* to the household's reference person:
                             ** reference|partner|child|parent|sibling|other;
                             ** NULL saves as "reference" */
  const char *zCodiceFiscale;
  const char *zFirstName, *zLastName;
  const char *zGender;       /* "F", "M" or NULL (unknown) */
  const char *zBirthDate;
  const char *zBirthCountry; /* ISO 3166-1 alpha-2 */
  const char *zCitizenship;  /* ISO 3166-1 alpha-2 */
  const char *zMunicipality; /* of residence */
  int iMinimumIncome;        /* receives the minimum income: -1 unknown, 0, 1
                             ** (a zeroed Person says 0, "no": set -1) */
  const char *zCreatedAt, *zUpdatedAt; /* read only */
} Person;

/* The relationship codes and their labels (English msgids: translate
** them), as code, label pairs ending with NULL: the one table the pages,
** the forms and the PDFs show. */
extern const char *const person_azRelationship[];

/* Largest name key person_name_key() writes (each name is at most 100
** characters and a character folds to at most 2 letters). */
#define PERSON_KEY_MAX 512

/*
** The columns person_from_row() reads, for queries over "person p JOIN
** household h ON h.id = p.household_id" (a macro of string literals, so
** that SQL built with it stays a literal):
**   "SELECT " PERSON_COLUMNS " FROM person p JOIN household h ON ..."
*/
#define PERSON_COLUMNS                                                              \
  "p.id, p.household_id, p.person_ref, h.household_ref, p.relationship,"           \
  " p.codice_fiscale, p.first_name, p.last_name, p.gender, p.birth_date,"          \
  " p.birth_country, p.citizenship, p.municipality, p.minimum_income,"             \
  " p.created_at, p.updated_at, p.name_key"
#define PERSON_COLUMN_COUNT 17 /* how many PERSON_COLUMNS names */

/* Fill *p from the current row of q, selected with PERSON_COLUMNS first;
** strings are copied into a.  SQL NULL minimum_income reads as -1. */
void person_from_row(DbStmt *q, Arena *a, Person *p);

/*
** Check every field of p and add one error per wrong field to pErr, under
** the JSON/CSV field name (person_ref, household_ref, relationship,
** codice_fiscale, first_name, last_name, gender, birth_date,
** birth_country, citizenship, municipality, minimum_income):
**   person_ref, household_ref  required; 1..64 printable ASCII characters
**                              (space allowed inside, not at either end)
**   first_name, last_name      required; 1..100 characters once spaces
**                              at either end are trimmed; UTF-8 without
**                              control characters
**   relationship               absent, or one of the six values above
**   codice_fiscale             absent, or valid after cf_normalize()
**                              (the message is cf_error_message())
**   gender                     absent, "F" or "M"
**   birth_date                 absent, or a valid date from 1900-01-01
**                              to today (UTC)
**   birth_country, citizenship absent, or an ISO 3166-1 alpha-2 code
**                              (either case; saved upper-case)
**   municipality               absent, or at most 100 characters
**   minimum_income             -1, 0 or 1
** Messages are English string literals (gettext msgids).  Pure: no DB.
*/
void person_validate(const Person *p, Errors *pErr);

/*
** The search key of a person: zLast then zFirst, folded to lowercase
** ASCII and joined by one space, written to zOut (n bytes, always
** NUL-terminated, cut short if too small: PERSON_KEY_MAX suffices for
** valid names).  Folding, per Unicode character:
**   A-Z -> a-z; a-z and 0-9 kept;
**   Latin-1 and Latin Extended-A letters -> their base letters
**   (à->a, è é->e, ñ->n, ç->c, ł->l, ő->o, ş ș->s, ţ ț->t; ß->ss, æ->ae,
**   œ->oe, ĳ->ij, þ->th);
**   combining accents (U+0300..U+036F) dropped;
**   anything else (spaces, apostrophes ' ’, hyphens, dots, other
**   scripts, invalid UTF-8) is a separator.
** Runs of separators become one space; none at either end.  zLast or
** zFirst may be NULL (treated as "").
** Example: ("D'Angelò", "Maria Luisa") -> "d angelo maria luisa".
*/
void person_name_key(const char *zLast, const char *zFirst, char *zOut, size_t n);

/* Fold a search query exactly as person_name_key() folds a name:
** "Rossi Ma" -> "rossi ma", "D’ANG" -> "d ang".  zQuery may be NULL. */
void person_search_key(const char *zQuery, char *zOut, size_t n);

/*
** Insert p, or update the person of the agency with the same person_ref
** (upsert on (agency_id, person_ref); an update replaces every field, so
** an absent one becomes NULL).  Validates first (DOMAIN_INVALID,
** pErr filled, nothing written).  Then, still before writing:
** a codice fiscale held by another person of the agency is an error on
** codice_fiscale ("this codice fiscale belongs to another person",
** DOMAIN_INVALID).  The household named by household_ref is found or
** created (a new household takes the person's municipality).
** Stored: names trimmed, codice fiscale normalized (upper case, no
** spaces), countries upper case, empty strings as NULL, name_key,
** relationship "reference" when absent, created_at/updated_at now.
** On success returns 0 and sets p->id and p->iHouseholdId; otherwise a
** domain.h or db.h code.
*/
int person_save(Db *db, int64_t iAgency, Person *p, Errors *pErr);

/*
** person_save for a bulk load whose caller vouches that the person is new:
** no person of the agency holds p's person_ref or codice fiscale (an
** import into an empty registry, its rows checked unique among
** themselves), so the lookups are skipped; the unique index on
** (agency_id, person_ref) still refuses a duplicate.  Same validation and
** normalization as person_save.  On success p's fields are the values as
** stored (what person_get would read back; strings in a), p->id and
** p->iHouseholdId set.
*/
int person_save_new(Db *db, Arena *a, int64_t iAgency, Person *p, Errors *pErr);

/*
** Update the person with id `id` in the agency with every field of p
** (the same rules as person_save).  person_ref may change if no other
** person of the agency holds the new one, else an error on person_ref
** ("this reference belongs to another person", DOMAIN_INVALID).
** Returns DOMAIN_NOT_FOUND when the agency has no such person (checked
** after validation).  On success 0, p->id = id, p->iHouseholdId set.
*/
int person_update(Db *db, int64_t iAgency, int64_t id, Person *p, Errors *pErr);

/* The id of the agency's person with reference zRef, 0 when there is
** none (or on a database error). */
int64_t person_find(Db *db, int64_t iAgency, const char *zRef);

/* Read person `id` of the agency into *p (household_ref included),
** strings copied into a.  0, DOMAIN_NOT_FOUND, or a db.h code. */
int person_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Person *p);

/* Whose people person_list() may show (access_person_scope() in
** access.h fills it from the caller's roles).  A zeroed scope is the whole
** agency, as for the command line.  A restricted scope shows the union of
** its non-zero parts, and nobody when they are all 0. */
typedef struct PersonScope {
  int bRestricted;          /* 0: the whole agency */
  int64_t iCaseManager;     /* members of the households of the open cases
                            ** this user manages for iOrganisation */
  int64_t iOrganisation;
  int64_t iPsychotherapist; /* members of the households of the open cases
                            ** this user is the psychotherapist of */
  int64_t iOperator;        /* the persons linked to this user by
                            ** case_operator on an open case */
} PersonScope;

/* Filters of person_list(); zero/NULL fields (and iMinimumIncome -1)
** filter nothing. */
typedef struct PersonFilter {
  const char *zQuery;        /* a name prefix ("ros", "rossi ma", folded by
                             ** person_search_key) or, when it looks like a
                             ** codice fiscale (only letters and digits once
                             ** spaces are removed, 6..16 of them, at least
                             ** one digit), a codice fiscale prefix */
  const char *zGender;       /* "F" or "M" */
  const char *zMunicipality; /* exact match */
  int iMinimumIncome;        /* -1 any, 0, 1 */
  int64_t iHousehold;        /* a household id; 0 any */
  const char *zCursor;       /* *pzNextCursor of the previous page; NULL
                             ** for the first page */
  int nLimit;                /* rows per page: <= 0 means 50; at most 1000 */
  PersonScope scope;         /* whose people; zeroed: the whole agency */
} PersonFilter;

/* 1 if person_list() reads zQuery as a codice fiscale prefix rather than
** a name (see PersonFilter.zQuery); 0 for NULL. */
int person_query_is_codice_fiscale(const char *zQuery);

/*
** One page of the agency's people matching pF, ordered by (name_key, id),
** into a new array of the arena (*paOut, *pnOut; *paOut NULL when empty).
** *pzNextCursor gets the cursor of the next page (arena string, URL-safe:
** lowercase hex of the last row's name key, ".", its id), or NULL when
** this is the last page.  Keyset pagination: a page costs the same at any
** depth.  A name query reads the index person(agency_id, name_key, id) as
** the range [key, key with its last letter incremented); a codice fiscale
** query reads person(agency_id, codice_fiscale) as the range [prefix,
** prefix padded with 'Z' to 16].  A malformed cursor returns
** DOMAIN_INVALID (nothing read).  0 or a db.h code otherwise.
*/
int person_list(Db *db, Arena *a, int64_t iAgency, const PersonFilter *pF, Person **paOut,
                int *pnOut, const char **pzNextCursor);

#endif
