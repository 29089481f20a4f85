/*
** household.c — households of the registry (see household.h): validation,
** upsert on household_ref, find-or-create for person_save, reading one
** household, its members and a keyset-paged list; then the pure report
** derivations (size, minors, single mother with children, size band)
** over an array of members at an entry date.
**
** Every statement names the caller's agency.  Member order is written to
** give the same answer on SQLite and PostgreSQL, which sort NULL at
** opposite ends: "birth_date IS NULL" comes first in the ORDER BY.
*/
#include "household.h"

#include <assert.h>
#include <string.h>

#include "../lib/date.h"
#include "domain.h"

/* ------------------------------------------------------------------ */
/* Storage                                                             */
/* ------------------------------------------------------------------ */

void household_validate(const Household *p, Errors *pErr) {
  domain_check_ref(pErr, "household_ref", p->zHouseholdRef);
  domain_check_text(pErr, "municipality", p->zMunicipality, 100, 0);
}

/* The id of the agency's household zRef through *pId (0: none). */
static int household_id_by_ref(Db *db, int64_t iAgency, const char *zRef, int64_t *pId) {
  return domain_one_int(db_query(db,
                                 "SELECT id FROM household WHERE agency_id=$1 AND household_ref=$2",
                                 "it", iAgency, zRef),
                        pId);
}

static int household_insert(Db *db, int64_t iAgency, const char *zRef, const char *zMunicipality,
                            int64_t *pId) {
  char zNow[21];
  timestamp_now(zNow);
  return domain_one_int(db_query(db,
                                 "INSERT INTO household(agency_id, household_ref, municipality,"
                                 " created_at, updated_at) VALUES ($1,$2,$3,$4,$4) RETURNING id",
                                 "ittt", iAgency, zRef, zMunicipality, zNow),
                        pId);
}

int household_ensure(Db *db, int64_t iAgency, const char *zRef, const char *zMunicipality,
                     int64_t *pId) {
  int rc = household_id_by_ref(db, iAgency, zRef, pId);
  if (rc || *pId) return rc;
  return household_insert(db, iAgency, zRef, zMunicipality, pId);
}

/* p->zMunicipality trimmed into zBuf (NULL when blank). */
static const char *household_municipality(const Household *p, char *zBuf, size_t nBuf) {
  if (domain_blank(p->zMunicipality)) return NULL;
  size_t n;
  const char *z = domain_trim(p->zMunicipality, &n);
  if (n >= nBuf) n = nBuf - 1; /* cannot happen once validated */
  memcpy(zBuf, z, n);
  zBuf[n] = 0;
  return zBuf;
}

int household_save(Db *db, int64_t iAgency, Household *p, Errors *pErr) {
  int nErr = pErr->n;
  household_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  char zBuf[512];
  const char *zMunicipality = household_municipality(p, zBuf, sizeof zBuf);
  int64_t id = 0;
  int rc = household_id_by_ref(db, iAgency, p->zHouseholdRef, &id);
  if (rc) return rc;
  if (!id) {
    rc = household_insert(db, iAgency, p->zHouseholdRef, zMunicipality, &id);
  } else {
    char zNow[21];
    timestamp_now(zNow);
    rc = db_exec(db,
                 "UPDATE household SET municipality=$1, updated_at=$2"
                 " WHERE id=$3 AND agency_id=$4",
                 "ttii", zMunicipality, zNow, id, iAgency);
  }
  if (!rc) p->id = id;
  return rc;
}

/* The household's own columns, over "household h"; HOUSEHOLD_COLUMNS adds
** the count of its members. */
#define HOUSEHOLD_FIELDS "h.id, h.household_ref, h.municipality, h.created_at, h.updated_at"
#define HOUSEHOLD_COLUMNS                                                          \
  HOUSEHOLD_FIELDS ","                                                             \
  " (SELECT count(*) FROM person p WHERE p.household_id=h.id AND p.agency_id=h.agency_id)"

/* Fill *p from HOUSEHOLD_FIELDS, selected from column iCol on. */
static void household_fields_from_row(DbStmt *q, int iCol, Arena *a, Household *p) {
  p->id = db_col_int(q, iCol);
  p->zHouseholdRef = arena_strdup(a, db_col_text(q, iCol + 1));
  p->zMunicipality = arena_strdup(a, db_col_text(q, iCol + 2));
  p->zCreatedAt = arena_strdup(a, db_col_text(q, iCol + 3));
  p->zUpdatedAt = arena_strdup(a, db_col_text(q, iCol + 4));
}

static void household_from_row(DbStmt *q, Arena *a, Household *p) {
  household_fields_from_row(q, 0, a, p);
  p->nMember = (int)db_col_int(q, 5);
}

int household_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Household *pOut) {
  DbStmt *q = db_query(db,
                       "SELECT " HOUSEHOLD_COLUMNS " FROM household h"
                       " WHERE h.id=$1 AND h.agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) household_from_row(q, a, pOut);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Append the rows of q (selected with PERSON_COLUMNS) to a new arena
** array, growing it by doubling.  With pH, the rows are those of
** HOUSEHOLD_WITH_MEMBERS: the household is read from the first, and a row
** without a person (a household of no one) adds no member.  Releases q.
** 0, DOMAIN_NOT_FOUND (pH given, no household) or a db.h code. */
static int household_read_people(DbStmt *q, Arena *a, Household *pH, Person **pa, int *pn) {
  Person *aP = NULL;
  int n = 0, nAlloc = 0, nRow = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    if (pH && nRow++ == 0) household_fields_from_row(q, PERSON_COLUMN_COUNT, a, pH);
    if (pH && db_col_null(q, 0)) continue;
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      Person *aNew = arena_alloc(a, sizeof(Person) * (size_t)nAlloc);
      if (n) memcpy(aNew, aP, sizeof(Person) * (size_t)n);
      aP = aNew;
    }
    person_from_row(q, a, &aP[n++]);
  }
  db_done(q);
  if (rc < 0) return rc;
  if (pH && nRow == 0) return DOMAIN_NOT_FOUND;
  if (pH) pH->nMember = n;
  *pa = aP;
  *pn = n;
  return 0;
}

/* The order of a household's members (household.h, household_members). */
#define HOUSEHOLD_MEMBER_ORDER                                                     \
  " ORDER BY CASE WHEN p.relationship='reference' THEN 0 ELSE 1 END,"             \
  " p.birth_date IS NULL, p.birth_date, p.id"

int household_members(Db *db, Arena *a, int64_t iAgency, int64_t iHousehold, Person **pa,
                      int *pn) {
  *pa = NULL;
  *pn = 0;
  DbStmt *q = db_query(db,
                       "SELECT " PERSON_COLUMNS " FROM person p"
                       " JOIN household h ON h.id=p.household_id"
                       " WHERE p.agency_id=$1 AND p.household_id=$2" HOUSEHOLD_MEMBER_ORDER,
                       "ii", iAgency, iHousehold);
  return household_read_people(q, a, NULL, pa, pn);
}

/* A household (h.id = zWhich, a literal SQL expression over $1 the agency
** and $2) with its members in household_members() order: PERSON_COLUMNS
** then HOUSEHOLD_FIELDS, one row of NULL person columns when it has none.
** The person page and answer read all three in one statement: on
** PostgreSQL each statement is a round trip. */
#define HOUSEHOLD_WITH_MEMBERS(zWhich)                                             \
  "SELECT " PERSON_COLUMNS ", " HOUSEHOLD_FIELDS " FROM household h"              \
  " LEFT JOIN person p ON p.household_id=h.id AND p.agency_id=h.agency_id"         \
  " WHERE h.agency_id=$1 AND h.id=" zWhich HOUSEHOLD_MEMBER_ORDER

int household_with_members(Db *db, Arena *a, int64_t iAgency, int64_t id, Household *pH,
                           Person **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  DbStmt *q = db_query(db, HOUSEHOLD_WITH_MEMBERS("$2"), "ii", iAgency, id);
  return household_read_people(q, a, pH, pa, pn);
}

int household_of_person(Db *db, Arena *a, int64_t iAgency, int64_t idPerson, Person *pPerson,
                        Household *pH, Person **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  DbStmt *q = db_query(db,
                       HOUSEHOLD_WITH_MEMBERS(
                           "(SELECT household_id FROM person WHERE id=$2 AND agency_id=$1)"),
                       "ii", iAgency, idPerson);
  int rc = household_read_people(q, a, pH, pa, pn);
  for (int i = 0; !rc && i < *pn; i++) {
    if ((*pa)[i].id == idPerson) {
      *pPerson = (*pa)[i];
      return 0;
    }
  }
  return rc ? rc : DOMAIN_NOT_FOUND;
}

int household_list(Db *db, Arena *a, int64_t iAgency, const HouseholdFilter *pF,
                   Household **pa, int *pn, int64_t *piNext) {
  int nLimit = pF->nLimit <= 0 ? 50 : pF->nLimit > 1000 ? 1000 : pF->nLimit;
  DbStmt *q = db_query(db,
                       "SELECT " HOUSEHOLD_COLUMNS " FROM household h"
                       " WHERE h.agency_id=$1 AND h.id>$2"
                       " AND (CAST($3 AS TEXT) IS NULL OR h.household_ref=$3)"
                       " AND (CAST($4 AS TEXT) IS NULL OR h.municipality=$4)"
                       " ORDER BY h.id LIMIT $5",
                       "iitti", iAgency, pF->iAfter > 0 ? pF->iAfter : 0,
                       domain_blank(pF->zHouseholdRef) ? NULL : pF->zHouseholdRef,
                       domain_blank(pF->zMunicipality) ? NULL : pF->zMunicipality,
                       (int64_t)nLimit + 1);
  *pa = NULL; /* only now: piNext may point into *pF */
  *pn = 0;
  *piNext = 0;
  Household *aH = arena_alloc(a, sizeof(Household) * (size_t)(nLimit + 1));
  int n = 0, rc = DB_DONE;
  while (n <= nLimit && (rc = db_step(q)) == DB_ROW) household_from_row(q, a, &aH[n++]);
  db_done(q);
  if (rc < 0) return rc;
  if (n > nLimit) {
    n = nLimit;
    *piNext = aH[n - 1].id;
  }
  *pa = n ? aH : NULL;
  *pn = n;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Report facts                                                        */
/* ------------------------------------------------------------------ */

int household_size(int nMember) { return nMember; }

/* 1 if member p is under 18 at zAt (birth date known, not after zAt). */
static int household_is_minor(const Person *p, const char *zAt) {
  int age = age_at(p->zBirthDate, zAt);
  return age >= 0 && age < 18;
}

/* 1 if p's relationship is zRel. */
static int household_rel_is(const Person *p, const char *zRel) {
  return p->zRelationship && strcmp(p->zRelationship, zRel) == 0;
}

int household_minors(const Person *aMember, int n, const char *zAt) {
  int nMinor = 0;
  for (int i = 0; i < n; i++) nMinor += household_is_minor(&aMember[i], zAt);
  return nMinor;
}

int household_single_parent_with_minors(const Person *aMember, int n, int iParticipant,
                                        const char *zAt) {
  assert(iParticipant >= 0 && iParticipant < n);
  if (!household_rel_is(&aMember[iParticipant], "reference")) return 0;
  int bMinorChild = 0;
  for (int i = 0; i < n; i++) {
    if (i == iParticipant) continue;
    if (household_rel_is(&aMember[i], "partner")) return 0;
    if (household_rel_is(&aMember[i], "child") && household_is_minor(&aMember[i], zAt)) {
      bMinorChild = 1;
    }
  }
  return bMinorChild;
}

int household_is_single_mother(const Person *aMember, int n, int iParticipant,
                               const char *zAt) {
  assert(iParticipant >= 0 && iParticipant < n);
  const char *zGender = aMember[iParticipant].zGender;
  if (!zGender || !zGender[0]) return -1;
  if (strcmp(zGender, "F") != 0) return 0;
  return household_single_parent_with_minors(aMember, n, iParticipant, zAt);
}

const char *household_size_band(int n) {
  static const char *const azBand[] = {"1", "2", "3", "4", "5"};
  if (n < 1) return NULL;
  return n <= 5 ? azBand[n - 1] : "6plus";
}
