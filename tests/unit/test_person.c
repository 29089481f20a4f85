/*
** Unit tests for src/domain/person.c (and the database half of
** household.c): validation of every field, name-key folding, then against
** a real database: upsert on person_ref, the duplicate codice fiscale
** error, update by id, get, agency isolation, prefix search and keyset
** pagination over 50 people, malformed cursors, household members order
** and household paging.
**
** The database tests run on a fresh SQLite file in /tmp migrated to the
** latest schema (db_fixture.c; the list's scope reads the case tables),
** and again on PostgreSQL when ALI_TEST_PG holds the URL of a server's
** "postgres" database (tests/run exports it): a database is created for
** the run and dropped after it.  The files under test are included, h2o
** style; the binary links build/asan/embedded.o for the migrations
** (make build/test/test_person).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
/* sqlite.c's snprintf of "$%d" into 8 bytes trips -Wformat-truncation at
** -O0 (the value is at most DB_MAX_PARAM, which GCC cannot see there). */
#include "../../src/db/sqlite.c"
#include "../../src/domain/country.c"
#include "../../src/domain/household.c"
#include "../../src/domain/person.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/mem.c"

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define FX_NAME "person"
#include "db_fixture.c"

/* A new agency; each database test uses its own, so tests stay apart. */
static int64_t new_agency(Db *db, const char *zCode) {
  int64_t id = db_int(db, 0,
                      "INSERT INTO agency(code, name, created_at) VALUES ($1,$1,$2) RETURNING id",
                      "tt", zCode, "2024-01-01T00:00:00Z");
  assert_true(id > 0);
  return id;
}

/* A valid person with the required fields; the rest unknown. */
static Person mk(const char *zRef, const char *zHousehold, const char *zLast, const char *zFirst) {
  Person p;
  memset(&p, 0, sizeof p);
  p.zPersonRef = zRef;
  p.zHouseholdRef = zHousehold;
  p.zLastName = zLast;
  p.zFirstName = zFirst;
  p.iMinimumIncome = -1;
  return p;
}

/* The codice fiscale of a person born in Pisa, into zOut. */
static const char *cf_of(char zOut[17], const char *zLast, const char *zFirst,
                         const char *zBirth, char cGender) {
  assert_int_equal(cf_compute(zOut, zLast, zFirst, zBirth, cGender, "G702"), 0);
  return zOut;
}

/* ------------------------------------------------------------------ */
/* Validation and name keys (no database)                              */
/* ------------------------------------------------------------------ */

/* Validate p and expect exactly one error, on zField. */
static void expect_one_error(const Person *p, const char *zField) {
  Errors e = {.n = 0};
  person_validate(p, &e);
  if (e.n != 1 || !errors_get(&e, zField)) {
    for (int i = 0; i < e.n; i++) fprintf(stderr, "  %s: %s\n", e.a[i].zField, e.a[i].zMsg);
    fail_msg("expected one error on %s, got %d", zField, e.n);
  }
}

static void test_validate_ok(void **state) {
  (void)state;
  char zCf[17];
  Person p = mk("P-001", "H 001", "  Rossi ", "Mario");
  p.zRelationship = "child";
  p.zCodiceFiscale = cf_of(zCf, "Rossi", "Mario", "1985-12-10", 'M');
  p.zGender = "M";
  p.zBirthDate = "1985-12-10";
  p.zBirthCountry = "it";
  p.zCitizenship = "MA";
  p.zMunicipality = "San Giuliano Terme";
  p.iMinimumIncome = 1;
  Errors e = {.n = 0};
  person_validate(&p, &e);
  assert_int_equal(e.n, 0);
  /* Optional fields may be absent or empty. */
  Person q = mk("P-002", "H-002", "Bianchi", "Anna");
  q.zCodiceFiscale = "";
  q.zGender = "";
  q.zBirthDate = " ";
  person_validate(&q, &e);
  assert_int_equal(e.n, 0);
}

static void test_validate_each_field(void **state) {
  (void)state;
  char zLong[200];
  memset(zLong, 'x', sizeof zLong);
  zLong[101] = 0; /* 101 characters */
  char zRef65[66];
  memset(zRef65, 'r', 65);
  zRef65[65] = 0;
  char zTomorrow[11];
  date_today(zTomorrow);
  int y, m, d;
  date_parse(zTomorrow, &y, &m, &d);
  date_from_days(date_days(y, m, d) + 1, zTomorrow);

  Person p = mk(NULL, "H1", "Rossi", "Mario");
  expect_one_error(&p, "person_ref");
  p.zPersonRef = zRef65;
  expect_one_error(&p, "person_ref");
  p.zPersonRef = "P\x01";
  expect_one_error(&p, "person_ref");
  p.zPersonRef = " P1";
  expect_one_error(&p, "person_ref");

  p = mk("P1", "", "Rossi", "Mario");
  expect_one_error(&p, "household_ref");

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zRelationship = "cousin";
  expect_one_error(&p, "relationship");

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zCodiceFiscale = "RSSMRA85T10G702X"; /* wrong check character */
  expect_one_error(&p, "codice_fiscale");
  Errors e = {.n = 0};
  person_validate(&p, &e);
  char zCf[17];
  cf_normalize(p.zCodiceFiscale, zCf);
  assert_string_equal(errors_get(&e, "codice_fiscale"), cf_error_message(cf_validate(zCf)));
  p.zCodiceFiscale = "RSSMRA85T10";
  expect_one_error(&p, "codice_fiscale");

  p = mk("P1", "H1", "Rossi", "   ");
  expect_one_error(&p, "first_name");
  p.zFirstName = zLong;
  expect_one_error(&p, "first_name");
  p.zFirstName = "Ma\x02rio";
  expect_one_error(&p, "first_name");

  p = mk("P1", "H1", "Ro\xffssi", "Mario"); /* not UTF-8 */
  expect_one_error(&p, "last_name");
  p.zLastName = NULL;
  expect_one_error(&p, "last_name");
  /* 100 accented characters (200 bytes) are fine. */
  char zAccent[256] = "";
  for (int i = 0; i < 100; i++) strcat(zAccent, "\xc3\xa0");
  p.zLastName = zAccent;
  person_validate(&p, &e);
  assert_null(errors_get(&e, "last_name"));

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zGender = "X";
  expect_one_error(&p, "gender");
  p.zGender = "f";
  expect_one_error(&p, "gender");

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zBirthDate = "2023-02-29";
  expect_one_error(&p, "birth_date");
  p.zBirthDate = zTomorrow;
  expect_one_error(&p, "birth_date");
  p.zBirthDate = "1899-12-31";
  expect_one_error(&p, "birth_date");
  p.zBirthDate = "1900-01-01";
  Errors e2 = {.n = 0};
  person_validate(&p, &e2);
  assert_int_equal(e2.n, 0);

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zBirthCountry = "XX";
  expect_one_error(&p, "birth_country");
  p = mk("P1", "H1", "Rossi", "Mario");
  p.zCitizenship = "ITA";
  expect_one_error(&p, "citizenship");

  p = mk("P1", "H1", "Rossi", "Mario");
  p.zMunicipality = zLong;
  expect_one_error(&p, "municipality");

  p = mk("P1", "H1", "Rossi", "Mario");
  p.iMinimumIncome = 2;
  expect_one_error(&p, "minimum_income");
}

static void test_validate_all_at_once(void **state) {
  (void)state;
  Person p = {0};
  p.zRelationship = "boss";
  p.zCodiceFiscale = "nonsense";
  p.zGender = "?";
  p.zBirthDate = "yesterday";
  p.zBirthCountry = "Italia";
  p.zCitizenship = "I";
  p.zMunicipality = "\x7f";
  p.iMinimumIncome = 9;
  Errors e = {.n = 0};
  person_validate(&p, &e);
  assert_int_equal(e.n, 12);
  static const char *azField[] = {"person_ref",    "household_ref", "relationship", "codice_fiscale",
                                  "first_name",    "last_name",     "gender",       "birth_date",
                                  "birth_country", "citizenship",   "municipality", "minimum_income"};
  for (int i = 0; i < 12; i++) assert_non_null(errors_get(&e, azField[i]));
}

static void expect_key(const char *zLast, const char *zFirst, const char *zWant) {
  char z[PERSON_KEY_MAX];
  person_name_key(zLast, zFirst, z, sizeof z);
  assert_string_equal(z, zWant);
}

static void test_name_key(void **state) {
  (void)state;
  expect_key("Rossi", "Mario", "rossi mario");
  expect_key("D'Angelò", "Maria Luisa", "d angelo maria luisa");
  expect_key("D\xe2\x80\x99" "ANGELO", "Maria", "d angelo maria"); /* ’ */
  expect_key("  DE   LUCA ", " \xc3\x88lena", "de luca elena");  /* È */
  expect_key("Nicol\xc3\xb2", "Ces\xc3\xa0re", "nicolo cesare");  /* ò à */
  expect_key("Perù", "Ìrene Ùmberto", "peru irene umberto");
  expect_key("\xc5\x9e" "tef\xc4\x83nescu", "Ioana", "stefanescu ioana"); /* Ş ă */
  expect_key("\xc8\x98" "erban", "Ana", "serban ana");                    /* Ș */
  expect_key("M\xc3\xbcller-L\xc3\xbc" "denscheidt", "J\xc3\xbcrgen",
             "muller ludenscheidt jurgen");
  expect_key("Stra\xc3\x9f" "e", "\xc3\x86sa", "strasse aesa");      /* ß Æ */
  expect_key("Wa\xc5\x82\xc4\x99sa", "\xc5\x81ukasz", "walesa lukasz"); /* ł ę Ł */
  expect_key("Jose\xcc\x81", "Nu\xc3\xb1" "ez", "jose nunez");         /* e + ´, ñ */
  expect_key("Ro\xffssi", "M", "ro ssi m");                             /* invalid UTF-8 */
  expect_key("Hoxha", NULL, "hoxha");
  expect_key(NULL, "Solo", "solo");
  expect_key("'--'", "", "");
  expect_key("Kowalski 2", "Jan", "kowalski 2 jan");
  /* Truncation keeps the string terminated and trimmed. */
  char z[7];
  person_name_key("Rossi", "Mario", z, sizeof z);
  assert_string_equal(z, "rossi");
  person_name_key("Rossi", "Mario", z, 3);
  assert_string_equal(z, "ro");

  char zQ[PERSON_KEY_MAX];
  person_search_key("  ROSSI   ma ", zQ, sizeof zQ);
  assert_string_equal(zQ, "rossi ma");
  person_search_key("D\xe2\x80\x99" "ANG", zQ, sizeof zQ);
  assert_string_equal(zQ, "d ang");
  person_search_key(NULL, zQ, sizeof zQ);
  assert_string_equal(zQ, "");
}

/* ------------------------------------------------------------------ */
/* Saving and reading                                                  */
/* ------------------------------------------------------------------ */

static void test_save_upsert(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "upsert");
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  char zCf[17];
  Person p = mk("P1", "H1", " Rossi ", "Mario");
  cf_of(zCf, "Rossi", "Mario", "1985-12-10", 'M');
  char zCfLower[32];
  snprintf(zCfLower, sizeof zCfLower, " %.8s %.8s", zCf, zCf + 8);
  for (char *z = zCfLower; *z; z++) *z = (char)(*z >= 'A' && *z <= 'Z' ? *z + 32 : *z);
  p.zCodiceFiscale = zCfLower; /* lower case and spaces: normalized on save */
  p.zMunicipality = "Pisa";
  p.zBirthCountry = "it";
  p.zBirthDate = "1985-12-10";
  p.zGender = "M";
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  assert_int_equal(e.n, 0);
  assert_true(p.id > 0 && p.iHouseholdId > 0);
  int64_t id = p.id, iHousehold = p.iHouseholdId;

  /* The same person_ref again: an update of the same row. */
  Person q = mk("P1", "H1", "Rossi", "Mario Luigi");
  q.zMunicipality = "Cascina";
  q.iMinimumIncome = 1;
  assert_int_equal(person_save(db, iAgency, &q, &e), 0);
  assert_int_equal(q.id, id);
  assert_int_equal(q.iHouseholdId, iHousehold);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM person WHERE agency_id=$1", "i", iAgency), 1);

  Person r;
  assert_int_equal(person_get(db, &a, iAgency, id, &r), 0);
  assert_string_equal(r.zPersonRef, "P1");
  assert_string_equal(r.zHouseholdRef, "H1");
  assert_string_equal(r.zFirstName, "Mario Luigi");
  assert_string_equal(r.zLastName, "Rossi");
  assert_string_equal(r.zRelationship, "reference");
  assert_string_equal(r.zMunicipality, "Cascina");
  assert_int_equal(r.iMinimumIncome, 1);
  assert_null(r.zCodiceFiscale); /* the update cleared it */
  assert_null(r.zBirthDate);
  assert_non_null(r.zCreatedAt);
  assert_int_equal(strlen(r.zUpdatedAt), 20);
  char *zKey = db_text(db, &a, "SELECT name_key FROM person WHERE id=$1", "i", id);
  assert_string_equal(zKey, "rossi mario luigi");
  /* The household kept the municipality it was created with. */
  Household h;
  assert_int_equal(household_get(db, &a, iAgency, iHousehold, &h), 0);
  assert_string_equal(h.zHouseholdRef, "H1");
  assert_string_equal(h.zMunicipality, "Pisa");
  assert_int_equal(h.nMember, 1);

  /* The first save stored the normalized forms. */
  p.zFirstName = "Mario";
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  assert_int_equal(person_get(db, &a, iAgency, id, &r), 0);
  assert_string_equal(r.zCodiceFiscale, zCf);
  assert_string_equal(r.zBirthCountry, "IT");
  assert_string_equal(r.zLastName, "Rossi");
  assert_string_equal(r.zBirthDate, "1985-12-10");
  assert_string_equal(r.zGender, "M");
  assert_int_equal(r.iMinimumIncome, -1);

  /* Validation errors write nothing. */
  Person bad = mk("P2", "H1", "", "X");
  assert_int_equal(person_save(db, iAgency, &bad, &e), DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "last_name"));
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM person WHERE agency_id=$1", "i", iAgency), 1);
  arena_free(&a);
}

static void test_duplicate_cf(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "dupcf"), iOther = new_agency(db, "dupcf2");
  char zCf[17];
  cf_of(zCf, "Verdi", "Giuseppe", "1970-10-10", 'M');
  Errors e = {.n = 0};
  Person p = mk("A", "HA", "Verdi", "Giuseppe");
  p.zCodiceFiscale = zCf;
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  /* Saving the same person again with the same code is fine. */
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  assert_int_equal(e.n, 0);

  char zLower[17];
  for (int i = 0; i < 17; i++) zLower[i] = (char)(zCf[i] >= 'A' && zCf[i] <= 'Z' ? zCf[i] + 32 : zCf[i]);
  Person q = mk("B", "HB", "Verdi", "Giuseppe");
  q.zCodiceFiscale = zLower;
  assert_int_equal(person_save(db, iAgency, &q, &e), DOMAIN_INVALID);
  assert_int_equal(e.n, 1);
  assert_string_equal(errors_get(&e, "codice_fiscale"),
                      "this codice fiscale belongs to another person");
  assert_int_equal(q.id, 0);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM person WHERE agency_id=$1", "i", iAgency), 1);
  /* No household was created for the refused person either. */
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM household WHERE agency_id=$1", "i", iAgency), 1);

  /* Another agency may hold the same code. */
  Errors e2 = {.n = 0};
  assert_int_equal(person_save(db, iOther, &q, &e2), 0);
}

static void test_update_by_id(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "update"), iOther = new_agency(db, "update2");
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  Person p1 = mk("U1", "HU1", "Neri", "Carla"), p2 = mk("U2", "HU1", "Neri", "Paolo");
  p2.zRelationship = "partner";
  assert_int_equal(person_save(db, iAgency, &p1, &e), 0);
  assert_int_equal(person_save(db, iAgency, &p2, &e), 0);
  assert_int_equal(p1.iHouseholdId, p2.iHouseholdId);

  /* A new reference, a new household. */
  Person u = mk("U1-new", "HU2", "Neri", "Carla Maria");
  u.zMunicipality = "Vecchiano";
  assert_int_equal(person_update(db, iAgency, p1.id, &u, &e), 0);
  assert_int_equal(e.n, 0);
  assert_int_equal(u.id, p1.id);
  assert_true(u.iHouseholdId != p1.iHouseholdId);
  Person r;
  assert_int_equal(person_get(db, &a, iAgency, p1.id, &r), 0);
  assert_string_equal(r.zPersonRef, "U1-new");
  assert_string_equal(r.zHouseholdRef, "HU2");
  Household h;
  assert_int_equal(household_get(db, &a, iAgency, u.iHouseholdId, &h), 0);
  assert_string_equal(h.zMunicipality, "Vecchiano");

  /* The reference of another person: refused. */
  Person v = mk("U2", "HU2", "Neri", "Carla");
  assert_int_equal(person_update(db, iAgency, p1.id, &v, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "person_ref"), "this reference belongs to another person");

  /* Unknown ids, and ids of another agency, are not found. */
  Errors e2 = {.n = 0};
  assert_int_equal(person_update(db, iAgency, 999999, &u, &e2), DOMAIN_NOT_FOUND);
  assert_int_equal(person_update(db, iOther, p1.id, &u, &e2), DOMAIN_NOT_FOUND);
  assert_int_equal(person_get(db, &a, iOther, p1.id, &r), DOMAIN_NOT_FOUND);
  assert_int_equal(person_get(db, &a, iAgency, 0, &r), DOMAIN_NOT_FOUND);
  assert_int_equal(e2.n, 0);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

static const char *const azLast[10] = {
    "Rossi", "Russo", "Rossini", "Bianchi", "Ferrari", "Esposito", "D'Amico", "Colombo",
    "Ricci", "Ròssi",
};
static const char *const azFirst[5] = {"Mario", "Maria", "Luca", "Giulia", "Marco"};

/* 50 people: ten surnames by five first names, the last five all "Rossi
** Mario" (ties broken by id); every other one a woman; one in three on
** the minimum income; codes from distinct birth years. */
static void add_fifty(Db *db, int64_t iAgency, char azCf[50][17]) {
  Errors e = {.n = 0};
  for (int i = 0; i < 50; i++) {
    char zRef[16], zHousehold[16], zBirth[24];
    snprintf(zRef, sizeof zRef, "L%02d", i);
    snprintf(zHousehold, sizeof zHousehold, "LH%02d", i % 20);
    snprintf(zBirth, sizeof zBirth, "19%02d-06-15", 40 + i);
    Person p = mk(zRef, zHousehold, i >= 45 ? "Rossi" : azLast[i % 10],
                  i >= 45 ? "Mario" : azFirst[i / 10]);
    p.zGender = i % 2 ? "F" : "M";
    p.zBirthDate = zBirth;
    p.iMinimumIncome = i % 3 == 0;
    p.zMunicipality = i % 4 == 0 ? "Pisa" : "Cascina";
    p.zCodiceFiscale = cf_of(azCf[i], p.zLastName, p.zFirstName, zBirth, p.zGender[0]);
    assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  }
}

/* Read every page of filter *pF (nLimit rows each) into aId; returns the
** number of rows and checks that only the last page lacks a cursor. */
static int all_pages(Db *db, int64_t iAgency, PersonFilter *pF, int64_t *aId, int nMax) {
  Arena a = ARENA_INIT;
  int n = 0, nPage = 0;
  pF->zCursor = NULL;
  for (;;) {
    Person *aP;
    int nP;
    const char *zNext;
    assert_int_equal(person_list(db, &a, iAgency, pF, &aP, &nP, &zNext), 0);
    assert_true(nP <= pF->nLimit);
    for (int i = 0; i < nP; i++) {
      assert_true(n < nMax);
      aId[n++] = aP[i].id;
    }
    nPage++;
    if (!zNext) break;
    assert_int_equal(nP, pF->nLimit);
    for (const char *z = zNext; *z; z++) { /* URL-safe */
      assert_true((*z >= '0' && *z <= '9') || (*z >= 'a' && *z <= 'f') || *z == '.');
    }
    pF->zCursor = arena_strdup(&a, zNext);
    assert_true(nPage < 100);
  }
  pF->zCursor = NULL;
  arena_free(&a);
  return n;
}

/* The ids the database itself orders for a name-key prefix zPrefix ("":
** all) and gender zGender (NULL: any). */
static int expected_ids(Db *db, int64_t iAgency, const char *zPrefix, const char *zGender,
                        int64_t *aId) {
  DbStmt *q = db_query(db,
                       "SELECT id FROM person WHERE agency_id=$1"
                       " AND substr(name_key,1,length($2))=$2"
                       " AND (CAST($3 AS TEXT) IS NULL OR gender=$3)"
                       " ORDER BY name_key, id",
                       "itt", iAgency, zPrefix, zGender);
  int n = 0;
  while (db_step(q) == DB_ROW) aId[n++] = db_col_int(q, 0);
  db_done(q);
  return n;
}

static void expect_same(const int64_t *aGot, int nGot, const int64_t *aWant, int nWant) {
  assert_int_equal(nGot, nWant);
  for (int i = 0; i < nGot; i++) assert_int_equal(aGot[i], aWant[i]);
}

static void test_list_pages(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "list");
  char azCf[50][17];
  add_fifty(db, iAgency, azCf);
  int64_t aGot[64], aWant[64];

  PersonFilter flt = {.iMinimumIncome = -1, .nLimit = 7};
  int nWant = expected_ids(db, iAgency, "", NULL, aWant);
  assert_int_equal(nWant, 50);
  expect_same(aGot, all_pages(db, iAgency, &flt, aGot, 64), aWant, nWant);
  for (int i = 0; i < 50; i++) { /* no duplicates */
    for (int j = i + 1; j < 50; j++) assert_true(aGot[i] != aGot[j]);
  }

  /* A limit that divides the total: the last full page has no cursor. */
  flt.nLimit = 10;
  expect_same(aGot, all_pages(db, iAgency, &flt, aGot, 64), aWant, nWant);
  flt.nLimit = 7;

  static const char *azQuery[][2] = {
      {"ros", "ros"},      {"ROSSI", "rossi"},     {"rossi ma", "rossi ma"},
      {"Ròssi M", "rossi m"}, {"d'am", "d am"},    {"zzz", "zzz"},
      {"rossi mario", "rossi mario"},
  };
  for (size_t i = 0; i < sizeof azQuery / sizeof *azQuery; i++) {
    flt.zQuery = azQuery[i][0];
    nWant = expected_ids(db, iAgency, azQuery[i][1], NULL, aWant);
    expect_same(aGot, all_pages(db, iAgency, &flt, aGot, 64), aWant, nWant);
  }
  flt.zQuery = "rossi mario";
  assert_int_equal(all_pages(db, iAgency, &flt, aGot, 64), 5 + 1 + 1); /* 5 ties, i=0, Ròssi */

  /* Filters combine with the search. */
  flt.zQuery = "r";
  flt.zGender = "F";
  nWant = expected_ids(db, iAgency, "r", "F", aWant);
  assert_true(nWant > 7);
  expect_same(aGot, all_pages(db, iAgency, &flt, aGot, 64), aWant, nWant);
  flt.zGender = NULL;
  flt.zQuery = NULL;
  flt.iMinimumIncome = 1;
  flt.zMunicipality = "Pisa";
  int n = all_pages(db, iAgency, &flt, aGot, 64);
  assert_int_equal(n, db_int(db, -1,
                             "SELECT count(*) FROM person WHERE agency_id=$1"
                             " AND minimum_income=1 AND municipality='Pisa'",
                             "i", iAgency));
  assert_true(n > 0);
}

static void test_list_cf_and_household(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "listcf"), iOther = new_agency(db, "listcf2");
  char azCf[50][17];
  add_fifty(db, iAgency, azCf);
  Arena a = ARENA_INIT;
  Person *aP;
  int nP;
  const char *zNext;

  /* A codice fiscale, whole, lower-case, with spaces. */
  char zQ[40];
  snprintf(zQ, sizeof zQ, "%.6s %.10s", azCf[17], azCf[17] + 6);
  for (char *z = zQ; *z; z++) *z = (char)(*z >= 'A' && *z <= 'Z' ? *z + 32 : *z);
  PersonFilter flt = {.zQuery = zQ, .iMinimumIncome = -1, .nLimit = 7};
  assert_int_equal(person_list(db, &a, iAgency, &flt, &aP, &nP, &zNext), 0);
  assert_int_equal(nP, 1);
  assert_string_equal(aP[0].zCodiceFiscale, azCf[17]);
  assert_null(zNext);

  /* A prefix of it: every match starts with it, ordered by name. */
  char zPrefix[9];
  snprintf(zPrefix, sizeof zPrefix, "%.8s", azCf[17]);
  flt.zQuery = zPrefix;
  assert_int_equal(person_list(db, &a, iAgency, &flt, &aP, &nP, &zNext), 0);
  assert_true(nP >= 1);
  for (int i = 0; i < nP; i++) assert_memory_equal(aP[i].zCodiceFiscale, zPrefix, 8);
  int nWant = (int)db_int(db, -1,
                          "SELECT count(*) FROM person WHERE agency_id=$1"
                          " AND substr(codice_fiscale,1,8)=$2",
                          "it", iAgency, zPrefix);
  assert_int_equal(nP, nWant);

  /* Another agency sees none of them. */
  flt.zQuery = NULL;
  assert_int_equal(person_list(db, &a, iOther, &flt, &aP, &nP, &zNext), 0);
  assert_int_equal(nP, 0);
  assert_null(aP);
  assert_null(zNext);

  /* One household's members: three people (i = 5, 25, 45). */
  int64_t iHousehold = db_int(db, 0, "SELECT id FROM household WHERE agency_id=$1 AND household_ref='LH05'",
                              "i", iAgency);
  flt.iHousehold = iHousehold;
  assert_int_equal(person_list(db, &a, iAgency, &flt, &aP, &nP, &zNext), 0);
  assert_int_equal(nP, 3);
  for (int i = 0; i < nP; i++) assert_string_equal(aP[i].zHouseholdRef, "LH05");
  arena_free(&a);
}

static void test_malformed_cursor(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "cursor");
  Arena a = ARENA_INIT;
  static const char *azBad[] = {
      "zz.1",   "abc.1",      "6162",   "6162.",   "6162.0",  "6162.-1",
      "6162.01", "6162.1x",   "01.5",   "7f.5",    "6162.1234567890123456789",
      "ABCD.1", "61 62.1",    ".",      "6162..1", "6162.+1",
  };
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++) {
    PersonFilter flt = {.zCursor = azBad[i], .iMinimumIncome = -1};
    Person *aP = (Person *)1;
    int nP = -1;
    const char *zNext = "x";
    if (person_list(db, &a, iAgency, &flt, &aP, &nP, &zNext) != DOMAIN_INVALID) {
      fail_msg("cursor \"%s\" accepted", azBad[i]);
    }
    assert_int_equal(nP, 0);
    assert_null(zNext);
  }
  /* Well-formed cursors, even for keys no one has, are fine. */
  static const char *azGood[] = {".1", "726f737369.42", "7a7a.999999999999999999"};
  for (size_t i = 0; i < sizeof azGood / sizeof *azGood; i++) {
    PersonFilter flt = {.zCursor = azGood[i], .iMinimumIncome = -1};
    Person *aP;
    int nP;
    const char *zNext;
    assert_int_equal(person_list(db, &a, iAgency, &flt, &aP, &nP, &zNext), 0);
  }
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Households in the database                                          */
/* ------------------------------------------------------------------ */

static void test_household_members_and_list(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t iAgency = new_agency(db, "household"), iOther = new_agency(db, "household2");
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  static const struct {
    const char *zRef, *zRel, *zBirth;
  } aM[] = {
      {"M1", "child", "2015-01-01"}, {"M2", "child", NULL},        {"M3", "reference", "1980-01-01"},
      {"M4", "parent", "1950-05-05"}, {"M5", "child", "2010-02-02"},
  };
  for (int i = 0; i < 5; i++) {
    Person p = mk(aM[i].zRef, "FAM", "Hoxha", "X");
    p.zRelationship = aM[i].zRel;
    p.zBirthDate = aM[i].zBirth;
    assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  }
  int64_t iHousehold = db_int(db, 0, "SELECT id FROM household WHERE agency_id=$1", "i", iAgency);
  Person *aP;
  int nP;
  assert_int_equal(household_members(db, &a, iAgency, iHousehold, &aP, &nP), 0);
  assert_int_equal(nP, 5);
  static const char *azOrder[] = {"M3", "M4", "M5", "M1", "M2"};
  for (int i = 0; i < 5; i++) assert_string_equal(aP[i].zPersonRef, azOrder[i]);
  assert_int_equal(household_minors(aP, nP, "2020-01-01"), 2);
  assert_int_equal(household_members(db, &a, iOther, iHousehold, &aP, &nP), 0);
  assert_int_equal(nP, 0);

  /* household_save: upsert on the reference, validation. */
  Household h = {.zHouseholdRef = "FAM", .zMunicipality = " Pisa "};
  assert_int_equal(household_save(db, iAgency, &h, &e), 0);
  assert_int_equal(h.id, iHousehold);
  Household g;
  assert_int_equal(household_get(db, &a, iAgency, iHousehold, &g), 0);
  assert_string_equal(g.zMunicipality, "Pisa");
  assert_int_equal(g.nMember, 5);
  assert_int_equal(household_get(db, &a, iOther, iHousehold, &g), DOMAIN_NOT_FOUND);

  /* The same in one statement: a member with their household, or a
  ** household with its members, in the same order; nothing across
  ** agencies; a household of no one has no members. */
  Person self;
  Household hp;
  int64_t idM3 = db_int(db, 0, "SELECT id FROM person WHERE person_ref='M3'", "");
  int64_t idM2 = db_int(db, 0, "SELECT id FROM person WHERE person_ref='M2'", "");
  assert_int_equal(household_of_person(db, &a, iAgency, idM3, &self, &hp, &aP, &nP), 0);
  assert_int_equal(nP, 5);
  for (int i = 0; i < 5; i++) assert_string_equal(aP[i].zPersonRef, azOrder[i]);
  assert_string_equal(self.zPersonRef, "M3");
  assert_string_equal(hp.zMunicipality, "Pisa");
  assert_int_equal(hp.id, iHousehold);
  assert_int_equal(hp.nMember, 5);
  assert_int_equal(household_of_person(db, &a, iAgency, idM2, &self, &hp, &aP, &nP), 0);
  assert_string_equal(self.zPersonRef, "M2");
  assert_int_equal(household_of_person(db, &a, iOther, idM3, &self, &hp, &aP, &nP),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(household_with_members(db, &a, iAgency, iHousehold, &hp, &aP, &nP), 0);
  assert_int_equal(nP, 5);
  assert_string_equal(aP[4].zPersonRef, "M2");
  assert_int_equal(household_with_members(db, &a, iOther, iHousehold, &hp, &aP, &nP),
                   DOMAIN_NOT_FOUND);
  Household empty = {.zHouseholdRef = "NOONE"};
  assert_int_equal(household_save(db, iAgency, &empty, &e), 0);
  assert_int_equal(household_with_members(db, &a, iAgency, empty.id, &hp, &aP, &nP), 0);
  assert_int_equal(nP, 0);
  assert_null(aP);
  assert_int_equal(hp.nMember, 0);
  assert_string_equal(hp.zHouseholdRef, "NOONE");
  Household bad = {.zHouseholdRef = " "};
  assert_int_equal(household_save(db, iAgency, &bad, &e), DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "household_ref"));

  /* household_list: 12 more households, pages of 5, keyset by id. */
  for (int i = 0; i < 12; i++) {
    Errors e2 = {.n = 0};
    char zRef[16];
    snprintf(zRef, sizeof zRef, "HL%02d", i);
    Household n = {.zHouseholdRef = zRef, .zMunicipality = i % 2 ? "Pisa" : "Calci"};
    assert_int_equal(household_save(db, iAgency, &n, &e2), 0);
  }
  HouseholdFilter hf = {.nLimit = 5};
  int nTotal = 0, nPage = 0;
  int64_t iLast = 0;
  do {
    Household *aH;
    int nH;
    assert_int_equal(household_list(db, &a, iAgency, &hf, &aH, &nH, &hf.iAfter), 0);
    for (int i = 0; i < nH; i++) {
      assert_true(aH[i].id > iLast);
      iLast = aH[i].id;
    }
    nTotal += nH;
    nPage++;
  } while (hf.iAfter);
  assert_int_equal(nTotal, 14); /* FAM, NOONE and the twelve */
  assert_int_equal(nPage, 3);
  hf = (HouseholdFilter){.zMunicipality = "Pisa", .nLimit = 50};
  Household *aH;
  int nH;
  int64_t iNext;
  assert_int_equal(household_list(db, &a, iAgency, &hf, &aH, &nH, &iNext), 0);
  assert_int_equal(nH, 7); /* six HL and FAM */
  assert_int_equal(iNext, 0);
  hf = (HouseholdFilter){.zHouseholdRef = "HL03"};
  assert_int_equal(household_list(db, &a, iAgency, &hf, &aH, &nH, &iNext), 0);
  assert_int_equal(nH, 1);
  assert_string_equal(aH[0].zMunicipality, "Pisa");
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_validate_ok),
      cmocka_unit_test(test_validate_each_field),
      cmocka_unit_test(test_validate_all_at_once),
      cmocka_unit_test(test_name_key),
  };
  const struct CMUnitTest aDb[] = {
      cmocka_unit_test(test_save_upsert),
      cmocka_unit_test(test_duplicate_cf),
      cmocka_unit_test(test_update_by_id),
      cmocka_unit_test(test_list_pages),
      cmocka_unit_test(test_list_cf_and_household),
      cmocka_unit_test(test_malformed_cursor),
      cmocka_unit_test(test_household_members_and_list),
  };
  int rc = cmocka_run_group_tests_name("person", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("person on sqlite", aDb, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG")) {
    rc |= cmocka_run_group_tests_name("person on postgresql", aDb, setup_pg, teardown);
  }
  return rc;
}
