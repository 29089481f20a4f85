/*
** entry.c — the participant's profile at entry (entry.h): the rules in
** C (entry_rules, pure) and the rows of entry_profile written from the
** registry as it is when they are written (migration 012).
*/
#include "entry.h"

#include <string.h>
#include <strings.h>

#include "../lib/arena.h"
#include "../lib/date.h"

/* ------------------------------------------------------------------ */
/* The rules                                                           */
/* ------------------------------------------------------------------ */

/* 1 if member m was born after the entry date zEntry (not yet a member
** then); a member with no birth date was. */
static int born_after(const EntryMember *m, const char *zEntry) {
  return m->zBirthDate && date_valid(m->zBirthDate) && strcmp(m->zBirthDate, zEntry) > 0;
}

/* Single mother with children (DOMAIN.md): 1, 0, or -1 when the gender
** is unknown. */
static int single_mother(const char *zGender, const char *zRel, const EntryMember *aMember,
                         int nMember, const char *zEntry) {
  if (!zGender) return -1;
  if (strcmp(zGender, "F") != 0 || !zRel || strcmp(zRel, "reference") != 0) return 0;
  int bChild = 0;
  for (int i = 0; i < nMember; i++) {
    const char *z = aMember[i].zRelationship;
    if (!z) continue;
    if (strcmp(z, "partner") == 0 && !born_after(&aMember[i], zEntry)) return 0;
    if (strcmp(z, "child") == 0) {
      int iAge = age_at(aMember[i].zBirthDate, zEntry);
      if (iAge >= 0 && iAge < 18) bChild = 1;
    }
  }
  return bChild;
}

void entry_rules(const char *zGender, const char *zRel, const char *zBirth,
                 const char *zCountry, const EntryMember *aMember, int nMember,
                 const char *zEntry, EntryProfile *pOut) {
  memset(pOut, 0, sizeof *pOut);
  pOut->iAge = zBirth ? age_at(zBirth, zEntry) : -1;
  for (int i = 0; i < nMember; i++) {
    if (!born_after(&aMember[i], zEntry)) pOut->nHousehold++;
  }
  if (pOut->nHousehold < 1) pOut->nHousehold = 1; /* the participant, at least */
  pOut->eSingleMother = single_mother(zGender, zRel, aMember, nMember, zEntry);
  if (zCountry && *zCountry) pOut->zOrigin = strcasecmp(zCountry, "IT") == 0 ? "italy" : "other";
}

/* ------------------------------------------------------------------ */
/* The rows                                                            */
/* ------------------------------------------------------------------ */

/* A case to snapshot, as read from the registry. */
typedef struct EntryCase {
  int64_t iCase, iPerson, iHousehold;
  const char *zEntry, *zGender, *zBirth, *zCountry, *zRel;
} EntryCase;

static const char *col_dup(Arena *a, DbStmt *q, int i) {
  const char *z = db_col_text(q, i);
  return z ? arena_strdup(a, z) : NULL;
}

/* The agreed cases of the agency without a row (only iCase when not 0),
** into *pa (arena a): their number or a negative db.h code. */
static int entry_pending(Db *db, Arena *a, int64_t iAgency, int64_t iCase, EntryCase **pa) {
  DbStmt *q = db_query(db,
                       "SELECT c.id, c.person_id, p.household_id, c.agreed_on, p.gender,"
                       " p.birth_date, p.birth_country, p.relationship"
                       " FROM case_file c JOIN person p ON p.id = c.person_id"
                       " WHERE c.agency_id = $1 AND ($2 = 0 OR c.id = $2)"
                       " AND c.stage = 'agreed' AND c.agreed_on IS NOT NULL"
                       " AND NOT EXISTS (SELECT 1 FROM entry_profile e WHERE e.case_id = c.id)"
                       " ORDER BY c.id",
                       "ii", iAgency, iCase);
  int n = 0, nAlloc = 0, rc;
  EntryCase *aC = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      EntryCase *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aC, sizeof *aNew * (size_t)n);
      aC = aNew;
    }
    EntryCase *c = &aC[n++];
    c->iCase = db_col_int(q, 0);
    c->iPerson = db_col_int(q, 1);
    c->iHousehold = db_col_int(q, 2);
    c->zEntry = col_dup(a, q, 3);
    c->zGender = col_dup(a, q, 4);
    c->zBirth = col_dup(a, q, 5);
    c->zCountry = col_dup(a, q, 6);
    c->zRel = col_dup(a, q, 7);
  }
  db_done(q);
  *pa = aC;
  return rc == DB_DONE ? n : rc;
}

/* The members of household iHousehold into *pa: their number or a code. */
static int entry_members(Db *db, Arena *a, int64_t iHousehold, EntryMember **pa) {
  int nAlloc = (int)db_int(db, 0, "SELECT count(*) FROM person WHERE household_id = $1", "i",
                           iHousehold);
  EntryMember *aM = arena_alloc(a, sizeof *aM * (size_t)(nAlloc > 0 ? nAlloc : 1));
  DbStmt *q = db_query(db,
                       "SELECT relationship, birth_date FROM person WHERE household_id = $1"
                       " ORDER BY id",
                       "i", iHousehold);
  int n = 0, rc;
  while ((rc = db_step(q)) == DB_ROW && n < nAlloc) {
    aM[n].zRelationship = col_dup(a, q, 0);
    aM[n].zBirthDate = col_dup(a, q, 1);
    n++;
  }
  db_done(q);
  *pa = aM;
  return rc == DB_DONE || rc == DB_ROW ? n : rc;
}

/* Writes the row of case c. */
static int entry_write(Db *db, Arena *a, int64_t iAgency, const EntryCase *c, const char *zNow) {
  EntryMember *aM;
  int nM = entry_members(db, a, c->iHousehold, &aM);
  if (nM < 0) return nM;
  EntryProfile p;
  entry_rules(c->zGender, c->zRel, c->zBirth, c->zCountry, aM, nM, c->zEntry, &p);
  return db_exec(db,
                 "INSERT INTO entry_profile(case_id, agency_id, person_id, entry_date, gender,"
                 " birth_date, age, birth_country, origin, household_size, single_mother,"
                 " created_at)"
                 " VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, -1), $8, $9, $10,"
                 " NULLIF($11, -1), $12)",
                 "iiitttittiit", c->iCase, iAgency, c->iPerson, c->zEntry, c->zGender,
                 c->zBirth, (int64_t)p.iAge, c->zCountry, p.zOrigin,
                 (int64_t)p.nHousehold, (int64_t)p.eSingleMother, zNow);
}

static int entry_fill(Db *db, int64_t iAgency, int64_t iCase) {
  Arena a = ARENA_INIT;
  EntryCase *aC;
  int n = entry_pending(db, &a, iAgency, iCase, &aC), rc = n < 0 ? n : 0;
  char zNow[21];
  timestamp_now(zNow);
  for (int i = 0; i < n && rc == 0; i++) rc = entry_write(db, &a, iAgency, &aC[i], zNow);
  arena_free(&a);
  return rc;
}

int entry_snapshot_fill(Db *db, int64_t iAgency) { return entry_fill(db, iAgency, 0); }

int entry_snapshot_case(Db *db, int64_t iAgency, int64_t iCase) {
  return iCase > 0 ? entry_fill(db, iAgency, iCase) : 0;
}

int entry_snapshot_upgrade(Db *db, int iBefore, int iAfter) {
  if (iBefore <= 0 || iBefore >= 12 || iAfter < 12) return 0;
  int rc = db_begin(db);
  if (rc) return rc;
  Arena a = ARENA_INIT;
  int n = (int)db_int(db, 0, "SELECT count(*) FROM agency", "");
  int64_t *aAgency = arena_alloc(&a, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
  int k = 0, rcStep;
  DbStmt *q = db_query(db, "SELECT id FROM agency ORDER BY id", "");
  while ((rcStep = db_step(q)) == DB_ROW && k < n) aAgency[k++] = db_col_int(q, 0);
  db_done(q);
  if (rcStep < 0) rc = rcStep;
  for (int i = 0; !rc && i < k; i++) rc = entry_snapshot_fill(db, aAgency[i]);
  arena_free(&a);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}
