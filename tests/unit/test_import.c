/*
** Unit tests for the people import (src/cmd/cmd_import.c) against a
** temporary SQLite database with the real schema (the migrations built
** into the binary) and the real domain code: a good file lands with its
** households; a file with several bad rows reports every problem with
** its line and field and imports nothing; importing again updates
** without duplicating; rows sharing household_ref form one household; a
** codice fiscale held by a person not in the file rolls everything back;
** header problems; minimum_income spellings; a semicolon file with a
** byte order mark; the audit trail (one entry per person created or
** changed, none for a row that changes nothing or an import rolled
** back).  The file under test and what it calls are included
** whole (h2o style) so that this compiles on its own.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/cmd/cli.c"
#include "../../src/cmd/cmd_import.c"
#include "../../src/cmd/import_history.c" /* a kind of cmd_import.c's table */
#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/access.c"
#include "../../src/domain/audit.c"
#include "../../src/domain/audit_diff.c"
#include "../../src/domain/closing.c"
#include "../../src/domain/country.c"
#include "../../src/domain/delivery.c"
#include "../../src/domain/entry.c"
#include "../../src/domain/history.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/project.c"
#include "../../src/domain/project_diff.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/csv.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"

/* One test's world: a database with one agency, a directory for files,
** and what the last import printed. */
typedef struct World {
  char zDir[64];
  char zDb[96];
  Db *db;
  int64_t iAgency;
  char *zOut, *zErr; /* the last import's stdout and stderr */
  size_t nOut, nErr;
} World;

static int world_setup(void **state) {
  World *w = xcalloc(1, sizeof *w);
  snprintf(w->zDir, sizeof w->zDir, "/tmp/ali-test-import.XXXXXX");
  assert_non_null(mkdtemp(w->zDir));
  snprintf(w->zDb, sizeof w->zDb, "%s/t.db", w->zDir);
  char zErr[256];
  assert_int_equal(db_open(w->zDb, &w->db, zErr, sizeof zErr), 0);
  int nApplied;
  assert_int_equal(migrate_apply(w->db, &nApplied, zErr, sizeof zErr), 0);
  assert_int_equal(db_exec(w->db,
                           "INSERT INTO agency(code, name, created_at)"
                           " VALUES ('sds', 'SdS Pisa', '2024-01-01T00:00:00Z')",
                           ""),
                   0);
  w->iAgency = db_int(w->db, 0, "SELECT id FROM agency WHERE code='sds'", "");
  assert_true(w->iAgency > 0);
  *state = w;
  return 0;
}

static int world_teardown(void **state) {
  World *w = *state;
  db_close(w->db);
  free(w->zOut);
  free(w->zErr);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", w->zDir);
  if (system(zCmd)) {}
  free(w);
  return 0;
}

/* Write zText to zName in the world's directory; returns the path
** (static buffer: one file at a time). */
static const char *world_file(World *w, const char *zName, const char *zText) {
  static char zPath[160];
  snprintf(zPath, sizeof zPath, "%s/%s", w->zDir, zName);
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  fputs(zText, f);
  fclose(f);
  return zPath;
}

/* Run the people import of zPath; its output lands in w->zOut/zErr. */
static int world_import(World *w, const char *zPath) {
  free(w->zOut);
  free(w->zErr);
  FILE *pOut = open_memstream(&w->zOut, &w->nOut);
  FILE *pErr = open_memstream(&w->zErr, &w->nErr);
  int rc = import_file(w->db, w->iAgency, import_kind("people"), zPath, pOut, pErr);
  fclose(pOut);
  fclose(pErr);
  return rc;
}

static int64_t world_count(World *w, const char *zSql) { return db_int(w->db, -1, zSql, ""); }

static const char zHeader[] =
    "person_ref,household_ref,relationship,codice_fiscale,first_name,last_name,gender,"
    "birth_date,birth_country,citizenship,municipality,minimum_income\n";

static const char zGood[] =
    "P1,H1,reference,RSSMRA85T10A562S,Mario,Rossi,M,1985-12-10,IT,IT,Pisa,yes\n"
    "P2,H1,partner,,Anna,Bianchi,F,1987-03-01,it,IT,Pisa,no\n"
    "P3,H1,child,,Luca,Rossi,M,2015-06-01,IT,IT,Pisa,\n"
    "P4,H2,reference,,Fatima,El Amrani,F,1979-01-20,MA,MA,Cascina,sì\n"
    "P5,H2,child,,\"Amira, detta Mimi\",El Amrani,F,2012-09-15,IT,MA,Cascina,\n";

static void test_good_file(void **state) {
  World *w = *state;
  char zText[2048];
  snprintf(zText, sizeof zText, "%s%s", zHeader, zGood);
  assert_int_equal(world_import(w, world_file(w, "good.csv", zText)), 0);
  assert_string_equal(w->zErr, "");
  assert_string_equal(w->zOut, "imported 5 people (5 created, 0 updated) in 2 households\n");
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 5);
  assert_int_equal(world_count(w, "SELECT count(*) FROM household"), 2);
  Arena a = ARENA_INIT;
  assert_string_equal(db_text(w->db, &a,
                              "SELECT relationship||'|'||codice_fiscale||'|'||minimum_income||'|'"
                              "||birth_country FROM person WHERE person_ref='P1'",
                              ""),
                      "reference|RSSMRA85T10A562S|1|IT");
  assert_string_equal(db_text(w->db, &a,
                              "SELECT first_name||'|'||birth_country||'|'||minimum_income"
                              " FROM person WHERE person_ref='P2'",
                              ""),
                      "Anna|IT|0");
  assert_string_equal(db_text(w->db, &a,
                              "SELECT first_name||'|'||coalesce(minimum_income,'unknown')"
                              " FROM person WHERE person_ref='P5'",
                              ""),
                      "Amira, detta Mimi|unknown");
  assert_int_equal(world_count(w, "SELECT minimum_income FROM person WHERE person_ref='P4'"), 1);
  /* one audit entry per person, created by the command line's user */
  assert_int_equal(world_count(w, "SELECT count(*) FROM audit WHERE action='create'"
                                  " AND entity='person' AND entity_id=person_id"
                                  " AND user_id IS NULL AND username LIKE 'cli:%'"),
                   5);
  assert_string_equal(db_text(w->db, &a,
                              "SELECT a.detail FROM audit a JOIN person p ON p.id=a.entity_id"
                              " WHERE p.person_ref='P2'",
                              ""),
                      "{\"person_ref\":{\"before\":null,\"after\":\"P2\"},"
                      "\"household_ref\":{\"before\":null,\"after\":\"H1\"},"
                      "\"relationship\":{\"before\":null,\"after\":\"partner\"},"
                      "\"first_name\":{\"before\":null,\"after\":\"Anna\"},"
                      "\"last_name\":{\"before\":null,\"after\":\"Bianchi\"},"
                      "\"gender\":{\"before\":null,\"after\":\"F\"},"
                      "\"birth_date\":{\"before\":null,\"after\":\"1987-03-01\"},"
                      "\"birth_country\":{\"before\":null,\"after\":\"IT\"},"
                      "\"citizenship\":{\"before\":null,\"after\":\"IT\"},"
                      "\"municipality\":{\"before\":null,\"after\":\"Pisa\"},"
                      "\"minimum_income\":{\"before\":null,\"after\":\"no\"}}");
  int64_t n;
  char zErr[256];
  assert_int_equal(audit_verify(w->db, &n, NULL, zErr, sizeof zErr), 0);
  assert_int_equal(n, 5);
  arena_free(&a);
}

static void test_household_grouping(void **state) {
  World *w = *state;
  char zText[2048];
  /* members of a household need not be adjacent */
  snprintf(zText, sizeof zText,
           "%sA1,HA,reference,,Ugo,Neri,M,1960-01-01,IT,IT,Calci,\n"
           "B1,HB,reference,,Eva,Gialli,F,1970-01-01,IT,IT,Vecchiano,\n"
           "A2,HA,partner,,Ida,Neri,F,1962-01-01,IT,IT,Calci,\n"
           "B2,HB,child,,Leo,Gialli,M,2010-01-01,IT,IT,Vecchiano,\n"
           "A3,HA,child,,Tea,Neri,F,2005-01-01,IT,IT,Calci,\n",
           zHeader);
  assert_int_equal(world_import(w, world_file(w, "hh.csv", zText)), 0);
  assert_string_equal(w->zOut, "imported 5 people (5 created, 0 updated) in 2 households\n");
  assert_int_equal(world_count(w, "SELECT count(DISTINCT household_id) FROM person"), 2);
  assert_int_equal(world_count(w,
                               "SELECT count(*) FROM person p JOIN household h"
                               " ON h.id=p.household_id WHERE h.household_ref='HA'"),
                   3);
  assert_int_equal(world_count(w,
                               "SELECT count(*) FROM person p JOIN household h"
                               " ON h.id=p.household_id WHERE h.household_ref='HB'"
                               " AND p.person_ref IN ('B1','B2')"),
                   2);
  Arena a = ARENA_INIT;
  assert_string_equal(db_text(w->db, &a, "SELECT municipality FROM household WHERE household_ref='HB'", ""),
                      "Vecchiano");
  arena_free(&a);
}

static void test_bad_rows_all_reported(void **state) {
  World *w = *state;
  const char *zPath = world_file(w, "bad.csv",
                                 "person_ref;household_ref;first_name;last_name;gender;birth_date;"
                                 "codice_fiscale;minimum_income;birth_country\n"
                                 "P1;H1;Mario;Rossi;M;1985-12-10;RSSMRA85T10A562S;yes;IT\n"
                                 "P2;H1;Anna;;X;1985-13-10;;forse;ITA\n"
                                 "P3;H1;\"Gianni\";Verdi;M;;RSSMRA85T10A562X;no;\n"
                                 "P1;H2;Mario;Rossi;M;;;;\n"
                                 "P4;;Carla;\"Neri\n"
                                 "Bianchi\";F;;;;\n"
                                 "P5;H3;Dario;Blu;M;2199-01-01;RSSMRA85T10A562S;;\n"
                                 "P6;H3;Only;Four;M\n"
                                 "P7;H3;Ok;Fine;M;;;;\n");
  assert_int_equal(world_import(w, zPath), 1);
  char zWant[2048];
  snprintf(zWant, sizeof zWant,
           "%1$s:3: last_name: required\n"
           "%1$s:3: gender: must be F or M\n"
           "%1$s:3: birth_date: not a valid date (YYYY-MM-DD)\n"
           "%1$s:3: birth_country: not an ISO 3166-1 country code (two letters, e.g. IT)\n"
           "%1$s:3: minimum_income: must be yes or no (or sì), or empty when unknown\n"
           "%1$s:4: codice_fiscale: the check character is wrong\n"
           "%1$s:5: person_ref: P1 is already on line 2\n"
           "%1$s:6: household_ref: required\n"
           "%1$s:6: last_name: contains characters that are not allowed\n"
           "%1$s:8: birth_date: cannot be in the future\n"
           "%1$s:8: codice_fiscale: RSSMRA85T10A562S is already given to P1 on line 2\n"
           "%1$s:9: row: 5 fields where the header has 9\n"
           "ali: %1$s: 12 problems, nothing imported\n",
           zPath);
  assert_string_equal(w->zErr, zWant);
  assert_string_equal(w->zOut, "");
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 0);
  assert_int_equal(world_count(w, "SELECT count(*) FROM household"), 0);
}

static void test_reimport_updates(void **state) {
  World *w = *state;
  char zText[2048];
  snprintf(zText, sizeof zText, "%s%s", zHeader, zGood);
  assert_int_equal(world_import(w, world_file(w, "a.csv", zText)), 0);
  assert_int_equal(world_import(w, world_file(w, "a.csv", zText)), 0);
  assert_string_equal(w->zOut, "imported 5 people (0 created, 5 updated) in 2 households\n");
  /* the same file again changes nothing: no audit entry */
  assert_int_equal(world_count(w, "SELECT count(*) FROM audit"), 5);
  /* a changed name, a move to another household, one new person */
  snprintf(zText, sizeof zText,
           "%sP1,H1,reference,RSSMRA85T10A562S,Mario Luigi,Rossi,M,1985-12-10,IT,IT,Pisa,no\n"
           "P3,H9,reference,,Luca,Rossi,M,2015-06-01,IT,IT,Pisa,\n"
           "P6,H9,sibling,,Sara,Rossi,F,2016-06-01,IT,IT,Pisa,\n",
           zHeader);
  assert_int_equal(world_import(w, world_file(w, "b.csv", zText)), 0);
  assert_string_equal(w->zOut, "imported 3 people (1 created, 2 updated) in 2 households\n");
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 6);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person WHERE person_ref='P1'"), 1);
  assert_int_equal(world_count(w, "SELECT minimum_income FROM person WHERE person_ref='P1'"), 0);
  assert_int_equal(world_count(w,
                               "SELECT count(*) FROM person WHERE first_name='Mario Luigi'"
                               " AND name_key='rossi mario luigi'"),
                   1);
  assert_int_equal(world_count(w,
                               "SELECT count(*) FROM person p JOIN household h"
                               " ON h.id=p.household_id WHERE h.household_ref='H9'"),
                   2);
  assert_int_equal(world_count(w, "SELECT count(*) FROM household"), 3);
  /* two updates and a create, each with only what changed */
  assert_int_equal(world_count(w, "SELECT count(*) FROM audit"), 8);
  assert_int_equal(world_count(w, "SELECT count(*) FROM audit WHERE id>5 AND action='update'"), 2);
  Arena a = ARENA_INIT;
  assert_string_equal(db_text(w->db, &a,
                              "SELECT a.detail FROM audit a JOIN person p ON p.id=a.entity_id"
                              " WHERE p.person_ref='P1' AND a.action='update'",
                              ""),
                      "{\"first_name\":{\"before\":\"Mario\",\"after\":\"Mario Luigi\"},"
                      "\"minimum_income\":{\"before\":\"yes\",\"after\":\"no\"}}");
  assert_string_equal(db_text(w->db, &a,
                              "SELECT a.detail FROM audit a JOIN person p ON p.id=a.entity_id"
                              " WHERE p.person_ref='P3' AND a.action='update'",
                              ""),
                      "{\"household_ref\":{\"before\":\"H1\",\"after\":\"H9\"},"
                      "\"relationship\":{\"before\":\"child\",\"after\":\"reference\"}}");
  arena_free(&a);
  int64_t n;
  char zErr[256];
  assert_int_equal(audit_verify(w->db, &n, NULL, zErr, sizeof zErr), 0);
  assert_int_equal(n, 8);
}

/* A codice fiscale held by a person of the database who is not in the
** file: found in the second pass, and nothing of the file stays. */
static void test_conflict_with_database(void **state) {
  World *w = *state;
  char zText[2048];
  snprintf(zText, sizeof zText, "%s%s", zHeader, zGood);
  assert_int_equal(world_import(w, world_file(w, "a.csv", zText)), 0);
  snprintf(zText, sizeof zText,
           "%sQ1,K1,reference,,Nuovo,Uno,M,1990-01-01,IT,IT,Pisa,\n"
           "Q2,K1,partner,rssmra85t10a562s,Nuovo,Due,M,1990-01-01,IT,IT,Pisa,\n"
           "P2,H1,partner,,Anna Maria,Bianchi,F,1987-03-01,IT,IT,Pisa,no\n",
           zHeader);
  const char *zPath = world_file(w, "c.csv", zText);
  assert_int_equal(world_import(w, zPath), 1);
  char zWant[512];
  snprintf(zWant, sizeof zWant,
           "%1$s:3: codice_fiscale: this codice fiscale belongs to another person\n"
           "ali: %1$s: 1 problem, nothing imported\n",
           zPath);
  assert_string_equal(w->zErr, zWant);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 5);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person WHERE person_ref LIKE 'Q%'"), 0);
  assert_int_equal(world_count(w, "SELECT count(*) FROM household"), 2);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person WHERE first_name='Anna Maria'"), 0);
  /* the entries of the rolled-back rows went with them, the head too */
  assert_int_equal(world_count(w, "SELECT count(*) FROM audit"), 5);
  assert_int_equal(world_count(w, "SELECT last_id FROM audit_head"), 5);
}

static void test_header_problems(void **state) {
  World *w = *state;
  const char *zPath = world_file(w, "h.csv",
                                 "Person_Ref , household_ref,colour,first_name,gender,GENDER\n"
                                 "P1,H1,red,Mario,M,M\n");
  assert_int_equal(world_import(w, zPath), 1);
  char zWant[512];
  snprintf(zWant, sizeof zWant,
           "%1$s:1: header: unknown column colour\n"
           "%1$s:1: header: duplicate column gender\n"
           "%1$s:1: header: missing column last_name\n"
           "ali: %1$s: 3 problems, nothing imported\n",
           zPath);
  assert_string_equal(w->zErr, zWant);
  zPath = world_file(w, "empty.csv", "");
  assert_int_equal(world_import(w, zPath), 1);
  assert_non_null(strstr(w->zErr, ":1: header: the file is empty\n"));
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 0);
}

/* A semicolon file with a BOM and CRLF, as Italian Excel saves it; only
** the required columns, in another order; the spellings of yes and no. */
static void test_excel_file(void **state) {
  World *w = *state;
  const char *zPath = world_file(w, "excel.csv",
                                 "\xEF\xBB\xBFLAST_NAME;First_Name;person_ref;household_ref;"
                                 "minimum_income\r\n"
                                 "Rossi;Mario;E1;F1;S\xC3\x8C\r\n"
                                 "Rossi;Maria;E2;F1;si\r\n"
                                 "D'Angel\xC3\xB2;Nicol\xC3\xB2;E3;F2; No \r\n"
                                 ";;;;\r\n"
                                 "Verdi;Ugo;E4;F3;Yes\r\n");
  assert_int_equal(world_import(w, zPath), 0);
  assert_string_equal(w->zErr, "");
  assert_string_equal(w->zOut, "imported 4 people (4 created, 0 updated) in 3 households\n");
  assert_int_equal(world_count(w, "SELECT sum(minimum_income) FROM person"), 3);
  assert_int_equal(world_count(w,
                               "SELECT count(*) FROM person WHERE person_ref='E3'"
                               " AND name_key='d angelo nicolo' AND minimum_income=0"),
                   1);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person WHERE relationship='reference'"),
                   4);
}

/* Invalid UTF-8 (a Latin-1 file) names its line; nothing is imported. */
static void test_latin1_file(void **state) {
  World *w = *state;
  char zText[1024];
  snprintf(zText, sizeof zText, "%sL1,M1,,,Mario,Rossi,,,,,,\nL2,M1,,,Nicol\xF2,Rossi,,,,,,\n",
           zHeader);
  const char *zPath = world_file(w, "latin1.csv", zText);
  assert_int_equal(world_import(w, zPath), 1);
  char zWant[512];
  snprintf(zWant, sizeof zWant,
           "%1$s:3: csv: invalid UTF-8 (save the file as CSV UTF-8)\n"
           "ali: %1$s: 1 problem, nothing imported\n",
           zPath);
  assert_string_equal(w->zErr, zWant);
  assert_int_equal(world_count(w, "SELECT count(*) FROM person"), 0);
}

static void test_yes_no(void **state) {
  (void)state;
  assert_int_equal(people_yes_no(NULL), -1);
  assert_int_equal(people_yes_no(""), -1);
  assert_int_equal(people_yes_no("  "), -1);
  assert_int_equal(people_yes_no("yes"), 1);
  assert_int_equal(people_yes_no("YES"), 1);
  assert_int_equal(people_yes_no("s\xC3\xAC"), 1);
  assert_int_equal(people_yes_no("S\xC3\x8C"), 1);
  assert_int_equal(people_yes_no(" Si "), 1);
  assert_int_equal(people_yes_no("no"), 0);
  assert_int_equal(people_yes_no("No"), 0);
  assert_int_equal(people_yes_no("true"), -2);
  assert_int_equal(people_yes_no("1"), -2);
  assert_int_equal(people_yes_no("s"), -2);
  assert_int_equal(people_yes_no("sii"), -2);
}

/* The string set that finds repeated references. */
static void test_strset(void **state) {
  (void)state;
  StrSet s = {0};
  char z[32];
  for (int i = 0; i < 5000; i++) {
    snprintf(z, sizeof z, "P%d", i);
    assert_null(strset_add(&s, z, i + 2, (size_t)i));
  }
  for (int i = 0; i < 5000; i += 7) {
    snprintf(z, sizeof z, "P%d", i);
    const SetEntry *e = strset_add(&s, z, 99999, 0);
    assert_non_null(e);
    assert_int_equal(e->iLine, i + 2);
    assert_int_equal(e->iAux, i);
    assert_string_equal(strset_str(&s, e->iStr), z);
  }
  assert_int_equal(s.n, 5000);
  strset_free(&s);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test_setup_teardown(test_good_file, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_household_grouping, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_bad_rows_all_reported, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_reimport_updates, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_conflict_with_database, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_header_problems, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_excel_file, world_setup, world_teardown),
      cmocka_unit_test_setup_teardown(test_latin1_file, world_setup, world_teardown),
      cmocka_unit_test(test_yes_no),
      cmocka_unit_test(test_strset),
  };
  return cmocka_run_group_tests(aTest, 0, 0);
}
