/*
** person.c — the registry of people (see person.h): validation, the
** ASCII name key used for prefix search, saving (upsert on person_ref,
** household found or created), reading one person, and listing with
** keyset pagination over the indexes person(agency_id, name_key, id) and
** person(agency_id, codice_fiscale).
**
** Every statement names the agency in its WHERE clause.  Listing uses two
** fixed statements (name range, codice fiscale range) in which each
** optional filter is written "(CAST($n AS TEXT) IS NULL OR col = $n)":
** the CAST types the parameter for PostgreSQL and is a no-op on SQLite.
*/
#include "person.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../lib/codice_fiscale.h"
#include "../lib/date.h"
#include "country.h"
#include "domain.h"
#include "household.h"

/* clang-format off */
/* The relationships and their labels (person.h). */
const char *const person_azRelationship[] = {
    "reference", N_("Reference person"),
    "partner",   N_("Partner"),
    "child",     N_("Child"),
    "parent",    N_("Parent"),
    "sibling",   N_("Brother or sister"),
    "other",     N_("Other member"),
    0,
};
/* clang-format on */

/* ------------------------------------------------------------------ */
/* Name keys                                                           */
/* ------------------------------------------------------------------ */

/* ASCII for U+00C0..U+00FF; NULL is a separator (× ÷). */
static const char *const person_azLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", 0,   "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", 0,   "o", "u", "u", "u", "u", "y", "th", "y",
};

/* Base letter of U+0100..U+017F, one per code point; '1' is "ij" (Ĳ ĳ)
** and '2' is "oe" (Œ œ). */
static const char person_zLatinExtA[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkkllllllllll"
    "nnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

_Static_assert(sizeof person_zLatinExtA == 129, "one letter per U+0100..U+017F");

/* Decode the UTF-8 character at *pz and advance past it.  Returns the
** code point, or -1 for an invalid sequence (one byte consumed). */
static long person_utf8_next(const unsigned char **pz) {
  const unsigned char *s = *pz;
  unsigned c = s[0];
  int nCont = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
            : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
  *pz = s + 1;
  if (nCont < 0) return -1;
  unsigned long cp = nCont == 0 ? c : c & (0x3Fu >> nCont);
  for (int i = 1; i <= nCont; i++) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  static const unsigned long aMin[4] = {0, 0x80, 0x800, 0x10000};
  if (cp < aMin[nCont] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return -1;
  *pz = s + 1 + nCont;
  return (long)cp;
}

/* Fold code point cp (-1: invalid UTF-8) into zOut: returns the number
** of ASCII letters or digits written (at most 2), 0 for a character to
** drop (combining accents), or -1 for a separator. */
static int person_fold_cp(long cp, char zOut[2]) {
  const char *z = 0;
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
    zOut[0] = (char)cp;
    return 1;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    z = person_azLatin1[cp - 0xC0];
  } else if (cp >= 0x100 && cp <= 0x17F) {
    char c = person_zLatinExtA[cp - 0x100];
    z = c == '1' ? "ij" : c == '2' ? "oe" : 0;
    if (!z) {
      zOut[0] = c;
      return 1;
    }
  } else if (cp >= 0x218 && cp <= 0x21B) {
    zOut[0] = cp <= 0x219 ? 's' : 't'; /* Romanian Ș ș Ț ț */
    return 1;
  } else if (cp >= 0x300 && cp <= 0x36F) {
    return 0; /* combining accents: "e" + U+0301 is "é" */
  }
  if (!z) return -1;
  size_t n = strlen(z);
  memcpy(zOut, z, n);
  return (int)n;
}

/* The key being written: zOut[0..i), room for n bytes with the NUL. */
typedef struct PersonKey {
  char *zOut;
  size_t n, i;
  int bSep; /* a separator is pending: write a space before the next letter */
} PersonKey;

/* Fold the UTF-8 text z onto the end of *pK. */
static void person_key_add(PersonKey *pK, const char *z) {
  const unsigned char *s = (const unsigned char *)(z ? z : "");
  while (*s) {
    char zFold[2];
    int nFold = person_fold_cp(person_utf8_next(&s), zFold);
    if (nFold < 0) pK->bSep = 1;
    if (nFold <= 0) continue;
    if (pK->bSep && pK->i > 0 && pK->i + 1 < pK->n) pK->zOut[pK->i++] = ' ';
    pK->bSep = 0;
    for (int k = 0; k < nFold && pK->i + 1 < pK->n; k++) pK->zOut[pK->i++] = zFold[k];
  }
}

/* Terminate the key, dropping a trailing space left by truncation. */
static void person_key_end(PersonKey *pK) {
  while (pK->i > 0 && pK->zOut[pK->i - 1] == ' ') pK->i--;
  pK->zOut[pK->i] = 0;
}

void person_name_key(const char *zLast, const char *zFirst, char *zOut, size_t n) {
  assert(n > 0);
  PersonKey k = {zOut, n, 0, 0};
  person_key_add(&k, zLast);
  k.bSep = 1;
  person_key_add(&k, zFirst);
  person_key_end(&k);
}

void person_search_key(const char *zQuery, char *zOut, size_t n) {
  assert(n > 0);
  PersonKey k = {zOut, n, 0, 0};
  person_key_add(&k, zQuery);
  person_key_end(&k);
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* 1 if z is one of the relationships of person_azRelationship. */
static int person_relationship_valid(const char *z) {
  for (int i = 0; person_azRelationship[i]; i += 2) {
    if (strcmp(z, person_azRelationship[i]) == 0) return 1;
  }
  return 0;
}

static void person_check_cf(const char *z, Errors *pErr) {
  if (domain_blank(z)) return;
  char zCf[17];
  cf_normalize(z, zCf);
  int rc = cf_validate(zCf);
  if (rc) errors_add(pErr, "codice_fiscale", cf_error_message(rc));
}

static void person_check_birth_date(const char *z, Errors *pErr) {
  if (domain_blank(z)) return;
  char zToday[11];
  date_today(zToday);
  if (!date_valid(z)) {
    errors_add(pErr, "birth_date", "not a valid date (YYYY-MM-DD)");
  } else if (strcmp(z, zToday) > 0) {
    errors_add(pErr, "birth_date", "cannot be in the future");
  } else if (strcmp(z, "1900-01-01") < 0) {
    errors_add(pErr, "birth_date", "cannot be before 1900");
  }
}

static void person_check_country(const char *zField, const char *z, Errors *pErr) {
  if (!domain_blank(z) && !country_valid(z)) {
    errors_add(pErr, zField, "not an ISO 3166-1 country code (two letters, e.g. IT)");
  }
}

void person_validate(const Person *p, Errors *pErr) {
  domain_check_ref(pErr, "person_ref", p->zPersonRef);
  domain_check_ref(pErr, "household_ref", p->zHouseholdRef);
  if (!domain_blank(p->zRelationship) && !person_relationship_valid(p->zRelationship)) {
    errors_add(pErr, "relationship",
               "must be one of reference, partner, child, parent, sibling, other");
  }
  person_check_cf(p->zCodiceFiscale, pErr);
  domain_check_text(pErr, "first_name", p->zFirstName, 100, 1);
  domain_check_text(pErr, "last_name", p->zLastName, 100, 1);
  if (!domain_blank(p->zGender) && strcmp(p->zGender, "F") && strcmp(p->zGender, "M")) {
    errors_add(pErr, "gender", "must be F or M");
  }
  person_check_birth_date(p->zBirthDate, pErr);
  person_check_country("birth_country", p->zBirthCountry, pErr);
  person_check_country("citizenship", p->zCitizenship, pErr);
  domain_check_text(pErr, "municipality", p->zMunicipality, 100, 0);
  if (p->iMinimumIncome < -1 || p->iMinimumIncome > 1) {
    errors_add(pErr, "minimum_income", "must be yes, no or unknown");
  }
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */
/* ------------------------------------------------------------------ */

/* A validated person in the form it is stored: p's strings point into
** the buffers below or into the caller's Person. */
typedef struct PersonRow {
  Person p;
  char zFirst[512], zLast[512], zMunicipality[512]; /* trimmed, <= 400 bytes */
  char zCf[17], zBirthCountry[3], zCitizenship[3];
  char zKey[PERSON_KEY_MAX];
} PersonRow;

/* z trimmed into zBuf (nBuf bytes), or NULL when z is blank. */
static const char *person_trim_copy(const char *z, char *zBuf, size_t nBuf) {
  if (domain_blank(z)) return NULL;
  size_t n;
  const char *zTrim = domain_trim(z, &n);
  if (n >= nBuf) n = nBuf - 1; /* cannot happen once validated */
  memcpy(zBuf, zTrim, n);
  zBuf[n] = 0;
  return zBuf;
}

/* A valid country code in upper case into zBuf, or NULL when blank. */
static const char *person_country_copy(const char *z, char zBuf[3]) {
  if (domain_blank(z)) return NULL;
  for (int i = 0; i < 2; i++) {
    zBuf[i] = z[i] >= 'a' && z[i] <= 'z' ? (char)(z[i] - 'a' + 'A') : z[i];
  }
  zBuf[2] = 0;
  return zBuf;
}

/* Fill *pR from a person that passed person_validate(). */
static void person_normalize(const Person *pIn, PersonRow *pR) {
  Person *p = &pR->p;
  *p = *pIn;
  p->zFirstName = person_trim_copy(pIn->zFirstName, pR->zFirst, sizeof pR->zFirst);
  p->zLastName = person_trim_copy(pIn->zLastName, pR->zLast, sizeof pR->zLast);
  p->zMunicipality =
      person_trim_copy(pIn->zMunicipality, pR->zMunicipality, sizeof pR->zMunicipality);
  p->zRelationship = domain_blank(pIn->zRelationship) ? "reference" : pIn->zRelationship;
  p->zCodiceFiscale = NULL;
  if (!domain_blank(pIn->zCodiceFiscale)) {
    cf_normalize(pIn->zCodiceFiscale, pR->zCf);
    p->zCodiceFiscale = pR->zCf;
  }
  if (domain_blank(p->zGender)) p->zGender = NULL;
  if (domain_blank(p->zBirthDate)) p->zBirthDate = NULL;
  p->zBirthCountry = person_country_copy(pIn->zBirthCountry, pR->zBirthCountry);
  p->zCitizenship = person_country_copy(pIn->zCitizenship, pR->zCitizenship);
  person_name_key(p->zLastName, p->zFirstName, pR->zKey, sizeof pR->zKey);
}

/* The id of the agency's person with reference zRef (0: none). */
static int person_id_by_ref(Db *db, int64_t iAgency, const char *zRef, int64_t *pId) {
  return domain_one_int(db_query(db, "SELECT id FROM person WHERE agency_id=$1 AND person_ref=$2",
                                 "it", iAgency, zRef),
                        pId);
}

int64_t person_find(Db *db, int64_t iAgency, const char *zRef) {
  int64_t id = 0;
  return person_id_by_ref(db, iAgency, zRef, &id) ? 0 : id;
}

/* Add an error if the codice fiscale of p belongs to a person of the
** agency other than `id` (0: p is new).  0 or a db.h code. */
static int person_check_cf_unique(Db *db, int64_t iAgency, int64_t id, const Person *p,
                                  Errors *pErr) {
  if (!p->zCodiceFiscale) return 0;
  int64_t iOther = 0;
  int rc = domain_one_int(db_query(db,
                                   "SELECT id FROM person WHERE agency_id=$1"
                                   " AND codice_fiscale=$2 AND id<>$3 LIMIT 1",
                                   "iti", iAgency, p->zCodiceFiscale, id),
                          &iOther);
  if (!rc && iOther) {
    errors_add(pErr, "codice_fiscale", "this codice fiscale belongs to another person");
  }
  return rc;
}

/* Bind $1..$15 of the INSERT and UPDATE below (the same numbering). */
static void person_bind(DbStmt *q, int64_t iAgency, const PersonRow *pR, int64_t iHousehold,
                        const char *zNow) {
  const Person *p = &pR->p;
  db_bind_int(q, 1, iAgency);
  db_bind_text(q, 2, p->zPersonRef);
  db_bind_int(q, 3, iHousehold);
  db_bind_text(q, 4, p->zRelationship);
  db_bind_text(q, 5, p->zCodiceFiscale);
  db_bind_text(q, 6, p->zFirstName);
  db_bind_text(q, 7, p->zLastName);
  db_bind_text(q, 8, pR->zKey);
  db_bind_text(q, 9, p->zGender);
  db_bind_text(q, 10, p->zBirthDate);
  db_bind_text(q, 11, p->zBirthCountry);
  db_bind_text(q, 12, p->zCitizenship);
  db_bind_text(q, 13, p->zMunicipality);
  if (p->iMinimumIncome < 0) db_bind_null(q, 14);
  else db_bind_int(q, 14, p->iMinimumIncome);
  db_bind_text(q, 15, zNow);
}

static int person_insert(Db *db, int64_t iAgency, const PersonRow *pR, int64_t iHousehold,
                         int64_t *pId) {
  char zNow[21];
  timestamp_now(zNow);
  DbStmt *q = db_prepare(db,
                         "INSERT INTO person(agency_id, person_ref, household_id, relationship,"
                         " codice_fiscale, first_name, last_name, name_key, gender, birth_date,"
                         " birth_country, citizenship, municipality, minimum_income,"
                         " created_at, updated_at)"
                         " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15)"
                         " RETURNING id");
  person_bind(q, iAgency, pR, iHousehold, zNow);
  return domain_one_int(q, pId);
}

static int person_update_row(Db *db, int64_t iAgency, int64_t id, const PersonRow *pR,
                             int64_t iHousehold) {
  char zNow[21];
  timestamp_now(zNow);
  DbStmt *q = db_prepare(db,
                         "UPDATE person SET person_ref=$2, household_id=$3, relationship=$4,"
                         " codice_fiscale=$5, first_name=$6, last_name=$7, name_key=$8,"
                         " gender=$9, birth_date=$10, birth_country=$11, citizenship=$12,"
                         " municipality=$13, minimum_income=$14, updated_at=$15"
                         " WHERE id=$16 AND agency_id=$1");
  person_bind(q, iAgency, pR, iHousehold, zNow);
  db_bind_int(q, 16, id);
  int rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Which row to write: for an update (id > 0) check that it exists and
** that its new person_ref is free; for a save find it by person_ref.
** Sets *pId (0: insert).  0, DOMAIN_NOT_FOUND or a db.h code; a taken
** reference is added to pErr. */
static int person_target(Db *db, int64_t iAgency, int64_t id, const Person *p, Errors *pErr,
                         int64_t *pId) {
  int64_t iByRef = 0;
  int rc = person_id_by_ref(db, iAgency, p->zPersonRef, &iByRef);
  if (rc || id == 0) {
    *pId = iByRef;
    return rc;
  }
  int64_t iFound = 0;
  rc = domain_one_int(db_query(db, "SELECT id FROM person WHERE id=$1 AND agency_id=$2", "ii",
                               id, iAgency),
                      &iFound);
  if (rc) return rc;
  if (!iFound) return DOMAIN_NOT_FOUND;
  if (iByRef && iByRef != id) {
    errors_add(pErr, "person_ref", "this reference belongs to another person");
  }
  *pId = id;
  return 0;
}

/* Write row pR of person p to the row iTarget (0: a new row), its
** household found or created; sets p->id and p->iHouseholdId. */
static int person_write_row(Db *db, int64_t iAgency, int64_t iTarget, const PersonRow *pR,
                            Person *p) {
  int64_t iHousehold = 0;
  int rc = household_ensure(db, iAgency, pR->p.zHouseholdRef, pR->p.zMunicipality, &iHousehold);
  if (rc) return rc;
  if (iTarget) rc = person_update_row(db, iAgency, iTarget, pR, iHousehold);
  else rc = person_insert(db, iAgency, pR, iHousehold, &iTarget);
  if (rc) return rc;
  p->id = iTarget;
  p->iHouseholdId = iHousehold;
  return 0;
}

/* person_save (id 0) and person_update (id > 0). */
static int person_write(Db *db, int64_t iAgency, int64_t id, Person *p, Errors *pErr) {
  assert(pErr && iAgency > 0 && id >= 0);
  int nErr = pErr->n;
  person_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  PersonRow r;
  person_normalize(p, &r);
  int64_t iTarget = 0;
  int rc = person_target(db, iAgency, id, &r.p, pErr, &iTarget);
  if (!rc) rc = person_check_cf_unique(db, iAgency, iTarget, &r.p, pErr);
  if (rc) return rc;
  if (pErr->n > nErr) return DOMAIN_INVALID;
  return person_write_row(db, iAgency, iTarget, &r, p);
}

int person_save(Db *db, int64_t iAgency, Person *p, Errors *pErr) {
  return person_write(db, iAgency, 0, p, pErr);
}

int person_save_new(Db *db, Arena *a, int64_t iAgency, Person *p, Errors *pErr) {
  assert(pErr && iAgency > 0);
  int nErr = pErr->n;
  person_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  PersonRow r;
  person_normalize(p, &r);
  int rc = person_write_row(db, iAgency, 0, &r, &r.p);
  if (rc) return rc;
  *p = r.p; /* its strings point into r: copied out */
  const char **az[] = {&p->zPersonRef, &p->zHouseholdRef, &p->zRelationship,
                       &p->zCodiceFiscale, &p->zFirstName, &p->zLastName,
                       &p->zGender, &p->zBirthDate, &p->zBirthCountry,
                       &p->zCitizenship, &p->zMunicipality};
  for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) *az[i] = arena_strdup(a, *az[i]);
  return 0;
}

int person_update(Db *db, int64_t iAgency, int64_t id, Person *p, Errors *pErr) {
  if (id <= 0) return DOMAIN_NOT_FOUND;
  return person_write(db, iAgency, id, p, pErr);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

void person_from_row(DbStmt *q, Arena *a, Person *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iHouseholdId = db_col_int(q, 1);
  p->zPersonRef = arena_strdup(a, db_col_text(q, 2));
  p->zHouseholdRef = arena_strdup(a, db_col_text(q, 3));
  p->zRelationship = arena_strdup(a, db_col_text(q, 4));
  p->zCodiceFiscale = arena_strdup(a, db_col_text(q, 5));
  p->zFirstName = arena_strdup(a, db_col_text(q, 6));
  p->zLastName = arena_strdup(a, db_col_text(q, 7));
  p->zGender = arena_strdup(a, db_col_text(q, 8));
  p->zBirthDate = arena_strdup(a, db_col_text(q, 9));
  p->zBirthCountry = arena_strdup(a, db_col_text(q, 10));
  p->zCitizenship = arena_strdup(a, db_col_text(q, 11));
  p->zMunicipality = arena_strdup(a, db_col_text(q, 12));
  p->iMinimumIncome = db_col_null(q, 13) ? -1 : (int)db_col_int(q, 13);
  p->zCreatedAt = arena_strdup(a, db_col_text(q, 14));
  p->zUpdatedAt = arena_strdup(a, db_col_text(q, 15));
}

int person_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Person *p) {
  DbStmt *q = db_query(db,
                       "SELECT " PERSON_COLUMNS " FROM person p"
                       " JOIN household h ON h.id=p.household_id"
                       " WHERE p.id=$1 AND p.agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) person_from_row(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

/* Where a page starts: after the row (zKey, iId); iId 0 before all. */
typedef struct PersonCursor {
  char zKey[PERSON_KEY_MAX];
  int64_t iId;
} PersonCursor;

static int person_hex(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parse "<lowercase hex of the key>.<id>" into *pC; 0 or -1. */
static int person_cursor_parse(const char *z, PersonCursor *pC) {
  const char *zDot = strchr(z, '.');
  if (!zDot) return -1;
  size_t nHex = (size_t)(zDot - z);
  if (nHex % 2 || nHex / 2 >= sizeof pC->zKey) return -1;
  for (size_t i = 0; i < nHex; i += 2) {
    int hi = person_hex(z[i]), lo = person_hex(z[i + 1]);
    if (hi < 0 || lo < 0 || hi * 16 + lo < 0x20 || hi * 16 + lo > 0x7E) return -1;
    pC->zKey[i / 2] = (char)(hi * 16 + lo);
  }
  pC->zKey[nHex / 2] = 0;
  const char *zId = zDot + 1;
  size_t nId = strlen(zId);
  if (nId < 1 || nId > 18 || zId[0] == '0') return -1;
  pC->iId = 0;
  for (size_t i = 0; i < nId; i++) {
    if (zId[i] < '0' || zId[i] > '9') return -1;
    pC->iId = pC->iId * 10 + (zId[i] - '0');
  }
  return 0;
}

/* The cursor after the row (zKey, iId), as an arena string. */
static const char *person_cursor_make(Arena *a, const char *zKey, int64_t iId) {
  static const char zHex[] = "0123456789abcdef";
  size_t n = strlen(zKey);
  char *z = arena_alloc(a, 2 * n + 24);
  for (size_t i = 0; i < n; i++) {
    z[2 * i] = zHex[(unsigned char)zKey[i] >> 4];
    z[2 * i + 1] = zHex[(unsigned char)zKey[i] & 15];
  }
  snprintf(z + 2 * n, 24, ".%lld", (long long)iId);
  return z;
}

/* If zQuery looks like (part of) a codice fiscale -- only letters and
** digits once spaces are removed, 6..16 of them, at least one digit --
** write it upper-cased to zCf and return 1; else 0. */
static int person_query_is_cf(const char *zQuery, char zCf[17]) {
  int n = 0, bDigit = 0;
  for (const char *z = zQuery; *z; z++) {
    char c = *z;
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || n == 16) return 0;
    bDigit |= c >= '0' && c <= '9';
    zCf[n++] = c;
  }
  zCf[n] = 0;
  return n >= 6 && bDigit;
}

/* The optional filters of both list statements, $6..$9. */
#define PERSON_FILTERS_SQL                                                                \
  " AND (CAST($6 AS TEXT) IS NULL OR p.gender=$6)"                                       \
  " AND (CAST($7 AS TEXT) IS NULL OR p.municipality=$7)"                                 \
  " AND (CAST($8 AS BIGINT)<0 OR p.minimum_income=$8)"                                   \
  " AND (CAST($9 AS BIGINT)=0 OR p.household_id=$9)"

/*
** The scope (PersonScope): a restricted list shows the people the
** worker's caseload holds (table caseload, kept by the triggers of
** migration 018): as case manager $12 for organisation $13, as
** psychotherapist $14, or as operator $15 (ids 0 match nobody; $11 is 1).
** It reads each role's part of the caseload in name order from the
** page's start, which the table's primary key gives (PERSON_LIST_CASELOAD):
** a page costs about as many lookups as it has rows, however large the
** caseload or the registry.  The whole agency's list reads the name
** index instead (PERSON_LIST_AGENCY, without $11..$15).
*/
#define PERSON_CASELOAD_CM "s.user_id=$12 AND s.role='case_manager' AND s.organisation_id=$13"
#define PERSON_CASELOAD_PSY "s.user_id=$14 AND s.role='psychotherapist' AND s.organisation_id=0"
#define PERSON_CASELOAD_OP "s.user_id=$15 AND s.role='operator' AND s.organisation_id=0"

int person_query_is_codice_fiscale(const char *zQuery) {
  char zCf[17];
  return zQuery && person_query_is_cf(zQuery, zCf);
}

/* Bind the optional filters, $6..$10, shared by the list statements,
** and a restricted scope's $11..$15. */
static void person_bind_filters(DbStmt *q, const PersonFilter *pF, int nFetch) {
  const PersonScope *pS = &pF->scope;
  db_bind_text(q, 6, domain_blank(pF->zGender) ? NULL : pF->zGender);
  db_bind_text(q, 7, domain_blank(pF->zMunicipality) ? NULL : pF->zMunicipality);
  db_bind_int(q, 8, pF->iMinimumIncome == 0 || pF->iMinimumIncome == 1 ? pF->iMinimumIncome : -1);
  db_bind_int(q, 9, pF->iHousehold > 0 ? pF->iHousehold : 0);
  db_bind_int(q, 10, nFetch);
  if (!pS->bRestricted) return;
  db_bind_int(q, 11, 1);
  db_bind_int(q, 12, pS->iCaseManager);
  db_bind_int(q, 13, pS->iOrganisation);
  db_bind_int(q, 14, pS->iPsychotherapist);
  db_bind_int(q, 15, pS->iOperator);
}

/* 1 when a restricted scope can show nobody: no query needed. */
static int person_scope_empty(const PersonScope *pS) {
  return pS->bRestricted && !pS->iCaseManager && !pS->iPsychotherapist && !pS->iOperator;
}

/* The list statements, by the kind of query (a name key prefix, a
** codice fiscale prefix) and the scope (the whole agency, a caseload).
** $2 and $3 bound the index range of the query's prefix, $4 and $5 are
** the cursor's key and id.  Name keys hold only a-z, 0-9 and single
** spaces, never at either end, so [key, key with its last byte + 1) is
** exactly the keys with that prefix, and "{" (after 'z') bounds them
** all; the lower bound is the larger of the key and the cursor's key, so
** that the index range starts at the page, and "name_key>$4 OR id>$5"
** then skips the rows of the cursor's own key up to its id.  A codice
** fiscale prefix runs to the largest code with that prefix. */
#define PERSON_NAME_WHERE                                                                 \
  " p.agency_id=$1 AND p.name_key>=$2 AND p.name_key<$3"                                 \
  " AND (p.name_key>$4 OR p.id>$5)" PERSON_FILTERS_SQL
#define PERSON_CF_WHERE                                                                   \
  " p.agency_id=$1 AND p.codice_fiscale>=$2 AND p.codice_fiscale<=$3"                    \
  " AND (p.name_key>$4 OR (p.name_key=$4 AND p.id>$5))" PERSON_FILTERS_SQL
#define PERSON_LIST_AGENCY(zWhere)                                                        \
  "SELECT " PERSON_COLUMNS " FROM person p JOIN household h ON h.id=p.household_id"     \
  " WHERE" zWhere " ORDER BY p.name_key, p.id LIMIT $10"
/* A restricted list reads the caseload s: the same bounds on s.name_key
** and s.person_id, so that each role's part is one range of its key. */
#define PERSON_CASELOAD_NAME_WHERE                                                          \
  " p.agency_id=$1 AND s.name_key>=$2 AND s.name_key<$3"                                 \
  " AND (s.name_key>$4 OR s.person_id>$5)" PERSON_FILTERS_SQL
#define PERSON_CASELOAD_CF_WHERE                                                            \
  " p.agency_id=$1 AND p.codice_fiscale>=$2 AND p.codice_fiscale<=$3"                    \
  " AND (s.name_key>$4 OR (s.name_key=$4 AND s.person_id>$5))" PERSON_FILTERS_SQL
/* One role's part of a restricted page: at most $10 of its people in name
** order from the page's start, filtered. */
#define PERSON_CASELOAD_PART(zRole, zWhere)                                                 \
  "SELECT * FROM (SELECT s.name_key AS k, s.person_id AS id FROM caseload s"             \
  " CROSS JOIN person p WHERE " zRole " AND p.id=s.person_id AND" zWhere                 \
  " ORDER BY s.name_key, s.person_id LIMIT $10) r"
#define PERSON_LIST_CASELOAD(zWhere)                                                        \
  "SELECT " PERSON_COLUMNS " FROM (" PERSON_CASELOAD_PART(PERSON_CASELOAD_CM, zWhere)      \
  " UNION " PERSON_CASELOAD_PART(PERSON_CASELOAD_PSY, zWhere)                              \
  " UNION " PERSON_CASELOAD_PART(PERSON_CASELOAD_OP, zWhere) ") s"                         \
  " CROSS JOIN person p JOIN household h ON h.id=p.household_id"                         \
  " WHERE p.id=s.id AND CAST($11 AS BIGINT)=1 ORDER BY s.k, s.id LIMIT $10"
static const char *const azPersonList[2][2] = {
    {PERSON_LIST_AGENCY(PERSON_NAME_WHERE), PERSON_LIST_CASELOAD(PERSON_CASELOAD_NAME_WHERE)},
    {PERSON_LIST_AGENCY(PERSON_CF_WHERE), PERSON_LIST_CASELOAD(PERSON_CASELOAD_CF_WHERE)}};

/* The list statement for query zQuery after cursor *pC, its range and
** cursor bound; bRestricted for a restricted scope (its caseload). */
static DbStmt *person_list_stmt(Db *db, int64_t iAgency, const char *zQuery,
                                const PersonCursor *pC, int bRestricted) {
  char zLow[PERSON_KEY_MAX], zHigh[PERSON_KEY_MAX];
  int bCf = person_query_is_cf(zQuery, zLow);
  if (bCf) {
    size_t n = strlen(zLow);
    memcpy(zHigh, zLow, n);
    memset(zHigh + n, 'Z', 16 - n);
    zHigh[16] = 0;
  } else {
    person_search_key(zQuery, zLow, sizeof zLow);
    size_t n = strlen(zLow);
    memcpy(zHigh, zLow, n + 1);
    if (n) zHigh[n - 1]++;
    else strcpy(zHigh, "{");
  }
  DbStmt *q = db_prepare(db, azPersonList[bCf][bRestricted != 0]);
  db_bind_int(q, 1, iAgency);
  db_bind_text(q, 2, !bCf && strcmp(pC->zKey, zLow) > 0 ? pC->zKey : zLow);
  db_bind_text(q, 3, zHigh);
  db_bind_text(q, 4, pC->zKey);
  db_bind_int(q, 5, pC->iId);
  return q;
}

/* Read up to nFetch rows of q into a new arena array; the name key of
** the row at index nLimit-1 goes to *pzLastKey.  Releases q. */
static int person_list_read(DbStmt *q, Arena *a, int nFetch, int nLimit, Person **paOut,
                            int *pnOut, const char **pzLastKey) {
  Person *aP = arena_alloc(a, sizeof(Person) * (size_t)nFetch);
  int n = 0, rc = DB_DONE;
  while (n < nFetch && (rc = db_step(q)) == DB_ROW) {
    person_from_row(q, a, &aP[n]);
    if (n == nLimit - 1) *pzLastKey = arena_strdup(a, db_col_text(q, 16));
    n++;
  }
  db_done(q);
  if (n < nFetch && rc < 0) return rc;
  *paOut = n ? aP : NULL;
  *pnOut = n;
  return 0;
}

int person_list(Db *db, Arena *a, int64_t iAgency, const PersonFilter *pF, Person **paOut,
                int *pnOut, const char **pzNextCursor) {
  PersonCursor cur = {{0}, 0};
  int bBad = !domain_blank(pF->zCursor) && person_cursor_parse(pF->zCursor, &cur);
  *paOut = NULL; /* only now: pzNextCursor may point into *pF */
  *pnOut = 0;
  *pzNextCursor = NULL;
  if (bBad) return DOMAIN_INVALID;
  if (person_scope_empty(&pF->scope)) return 0;
  int nLimit = pF->nLimit <= 0 ? 50 : pF->nLimit > 1000 ? 1000 : pF->nLimit;
  const char *zQuery = pF->zQuery ? pF->zQuery : "";
  DbStmt *q = person_list_stmt(db, iAgency, zQuery, &cur, pF->scope.bRestricted);
  person_bind_filters(q, pF, nLimit + 1);
  const char *zLastKey = NULL;
  int rc = person_list_read(q, a, nLimit + 1, nLimit, paOut, pnOut, &zLastKey);
  if (rc) return rc;
  if (*pnOut > nLimit) {
    *pnOut = nLimit;
    *pzNextCursor = person_cursor_make(a, zLastKey, (*paOut)[nLimit - 1].id);
  }
  return 0;
}
