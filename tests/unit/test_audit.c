/*
** Unit tests for the audit trail (src/domain/audit.c, audit_diff.c).
**
** Pure: the hash covers every column and tells NULL from "" and field
** boundaries apart; the detail builder (only what changed, escaping,
** redaction of special-category fields) and the person, round and
** funding-stream diffs.
**
** On a database (a fresh SQLite file with the migrations built into the
** binary, and again on PostgreSQL when ALI_TEST_PG holds the URL of a
** server's "postgres" database, as tests/run exports it): appended
** entries verify; each column of one entry altered with SQL is named
** ("entry 17 was changed"), then restored; deleted middle and last
** entries; an entry rewritten and hashed again; an entry added behind
** ali's back; the chain head deleted; a rolled-back append leaves no
** trace; many appends through one AuditChain; a chain longer than one
** page of the walk; four threads on four
** connections appending at once still make one chain; listing with
** every filter and keyset paging.  The files under test are included
** (h2o style), so this compiles alone (see the Makefile's build/test/%).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/audit.c"
#include "../../src/domain/audit_diff.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define FX_NAME "audit"
#define FX_MORE int64_t iAgency, iAgency2; /* "sds" and "other" */
#include "db_fixture.c"

/* The agencies every test writes entries for. */
static void fixture_agencies(Fixture *f) {
  f->iAgency = db_int(f->db, 0,
                      "INSERT INTO agency(code, name, created_at)"
                      " VALUES ('sds', 'SdS', '2024-01-01T00:00:00Z') RETURNING id",
                      "");
  f->iAgency2 = db_int(f->db, 0,
                       "INSERT INTO agency(code, name, created_at)"
                       " VALUES ('other', 'Other', '2024-01-01T00:00:00Z') RETURNING id",
                       "");
  assert_true(f->iAgency > 0 && f->iAgency2 > f->iAgency);
}

/* A fresh database for every test, so that tests stay apart. */
static int audit_setup_sqlite(void **state) {
  setup_sqlite(state);
  fixture_agencies(*state);
  return 0;
}

static int audit_setup_pg(void **state) {
  setup_pg(state);
  fixture_agencies(*state);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Entry i of a varied sequence: both agencies, NULLs here and there,
** three users, five people, an address on some. */
static AuditEntry sample_entry(const Fixture *f, unsigned i, char *zAt, char *zDetail) {
  static const char *const azAction[] = {"create", "update", "read_sensitive", "login", "export"};
  snprintf(zAt, 21, "2024-03-%02uT10:%02u:00Z", 1 + i % 28, i % 60);
  snprintf(zDetail, 64, "{\"n\":%u}", i);
  AuditEntry e = {
      .iAgency = i % 7 == 6   ? 0
                 : i % 5 == 4 ? f->iAgency2
                              : f->iAgency,
      .zAt = zAt,
      .iUser = i % 3 + 1,
      .zUsername = i % 3 == 0   ? "anna"
                   : i % 3 == 1 ? "bruno"
                                : "cli:root",
      .zAddress = i % 2 ? "192.0.2.7" : NULL,
      .zAction = azAction[i % 5],
      .zEntity = i % 4 == 3 ? NULL : "person",
      .iEntityId = i % 4 == 3 ? 0 : 100 + i % 5,
      .iPerson = i % 4 == 3 ? 0 : 100 + i % 5,
      .zDetail = i % 6 == 5 ? NULL : zDetail,
  };
  if (e.iUser == 3) e.iUser = 0; /* the command line */
  return e;
}

/* Append entries 1..n of sample_entry in one transaction. */
static void append_n(Fixture *f, int n) {
  assert_int_equal(db_begin(f->db), 0);
  for (unsigned i = 0; i < (unsigned)n; i++) {
    char zAt[21], zDetail[64];
    AuditEntry e = sample_entry(f, i, zAt, zDetail);
    assert_int_equal(audit_append(f->db, &e), 0);
  }
  assert_int_equal(db_commit(f->db), 0);
}

/* Run audit_verify: its status; the message in zErr (static). */
static const char *zVerifyErr;
static int64_t nVerified;
static int verify(Fixture *f) {
  static char zErr[512];
  int rc = audit_verify(f->db, &nVerified, NULL, zErr, sizeof zErr);
  zVerifyErr = zErr;
  return rc;
}

static void assert_broken(Fixture *f, const char *zWant) {
  int rc = verify(f);
  if (rc != DOMAIN_INVALID || strcmp(zVerifyErr, zWant) != 0) {
    fail_msg("verify: %d \"%s\", wanted \"%s\"", rc, zVerifyErr, zWant);
  }
}

static void assert_intact(Fixture *f, int64_t n) {
  int rc = verify(f);
  if (rc) fail_msg("verify: %d \"%s\"", rc, zVerifyErr);
  assert_int_equal(nVerified, n);
}

/* Keep a copy of the trail and its head, and put it back. */
static void snapshot(Fixture *f) {
  assert_int_equal(db_exec_script(f->db,
                                  "DROP TABLE IF EXISTS audit_copy;"
                                  " DROP TABLE IF EXISTS audit_head_copy;"
                                  " CREATE TABLE audit_copy AS SELECT * FROM audit;"
                                  " CREATE TABLE audit_head_copy AS SELECT * FROM audit_head"),
                   0);
}
static void restore(Fixture *f) {
  assert_int_equal(db_exec_script(f->db,
                                  "DELETE FROM audit;"
                                  " INSERT INTO audit SELECT * FROM audit_copy;"
                                  " DELETE FROM audit_head;"
                                  " INSERT INTO audit_head SELECT * FROM audit_head_copy"),
                   0);
}

/* Run SQL built from a format (the tests' tampering, not ali's). */
static void sqlf(Fixture *f, const char *zFmt, ...) {
  char zSql[512];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zSql, sizeof zSql, zFmt, ap);
  va_end(ap);
  if (db_exec_script(f->db, zSql)) fail_msg("%s: %s", zSql, db_errmsg(f->db));
}

/* ------------------------------------------------------------------ */
/* Pure: the hash                                                      */
/* ------------------------------------------------------------------ */

static AuditEntry base_entry(void) {
  return (AuditEntry){.id = 7,
                      .iAgency = 1,
                      .zAt = "2024-05-01T09:00:00Z",
                      .iUser = 2,
                      .zUsername = "anna",
                      .zAddress = "192.0.2.1",
                      .zAction = "update",
                      .zEntity = "person",
                      .iEntityId = 3,
                      .iPerson = 3,
                      .zDetail = "{\"a\":1}"};
}

static void test_hash_covers_every_field(void **state) {
  (void)state;
  const char *zPrev = "00ff";
  AuditEntry e = base_entry();
  char zBase[AUDIT_HASH_HEX + 1], z[AUDIT_HASH_HEX + 1];
  audit_hash(zPrev, &e, zBase);
  assert_int_equal(strlen(zBase), AUDIT_HASH_HEX);
  audit_hash(zPrev, &e, z);
  assert_string_equal(z, zBase); /* deterministic */
  /* each field in turn, and prev_hash */
  for (int k = 0; k < 12; k++) {
    AuditEntry o = base_entry();
    const char *zP = zPrev;
    switch (k) {
      case 0:
        o.id = 8;
        break;
      case 1:
        o.iAgency = 2;
        break;
      case 2:
        o.zAt = "2024-05-01T09:00:01Z";
        break;
      case 3:
        o.iUser = 3;
        break;
      case 4:
        o.zUsername = "annA";
        break;
      case 5:
        o.zAddress = "192.0.2.2";
        break;
      case 6:
        o.zAction = "create";
        break;
      case 7:
        o.zEntity = "household";
        break;
      case 8:
        o.iEntityId = 4;
        break;
      case 9:
        o.iPerson = 4;
        break;
      case 10:
        o.zDetail = "{\"a\":2}";
        break;
      case 11:
        zP = "00fe";
        break;
    }
    audit_hash(zP, &o, z);
    if (strcmp(z, zBase) == 0) fail_msg("field %d does not change the hash", k);
  }
}

static void test_hash_null_and_boundaries(void **state) {
  (void)state;
  char z1[AUDIT_HASH_HEX + 1], z2[AUDIT_HASH_HEX + 1];
  AuditEntry a = base_entry(), b = base_entry();
  /* NULL is not "" */
  a.zAddress = NULL;
  b.zAddress = "";
  audit_hash("", &a, z1);
  audit_hash("", &b, z2);
  assert_string_not_equal(z1, z2);
  /* no id (stored NULL) is not the same as... a different agency */
  a = base_entry();
  b = base_entry();
  a.iAgency = 0;
  audit_hash("", &a, z1);
  audit_hash("", &b, z2);
  assert_string_not_equal(z1, z2);
  /* moving bytes across a field boundary changes the hash */
  a = base_entry();
  b = base_entry();
  a.zUsername = "ab";
  a.zAddress = "c";
  b.zUsername = "a";
  b.zAddress = "bc";
  audit_hash("", &a, z1);
  audit_hash("", &b, z2);
  assert_string_not_equal(z1, z2);
  a = base_entry();
  b = base_entry();
  a.zDetail = "x";
  a.zEntity = NULL;
  b.zDetail = NULL;
  b.zEntity = "x";
  audit_hash("", &a, z1);
  audit_hash("", &b, z2);
  assert_string_not_equal(z1, z2);
}

/* ------------------------------------------------------------------ */
/* Pure: details                                                       */
/* ------------------------------------------------------------------ */

static void test_diff_builder(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_add(&d, "same", "x", "x");
  audit_diff_add(&d, "empty_is_null", NULL, "");
  audit_diff_add(&d, "name", "Old \"one\"", "New\n<b>");
  audit_diff_add(&d, "set", NULL, "v");
  audit_diff_add(&d, "cleared", "v", "");
  audit_diff_add_int(&d, "cents", 100, 250);
  audit_diff_add_int(&d, "same_int", 5, 5);
  assert_int_equal(audit_diff_count(&d), 4);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"name\":{\"before\":\"Old \\\"one\\\"\",\"after\":\"New\\n\\u003cb>\"},"
                      "\"set\":{\"before\":null,\"after\":\"v\"},"
                      "\"cleared\":{\"before\":\"v\",\"after\":null},"
                      "\"cents\":{\"before\":100,\"after\":250}}");
  /* nothing changed: NULL, and the builder can be used again */
  audit_diff_init(&d);
  audit_diff_add(&d, "a", "1", "1");
  assert_null(audit_diff_finish(&d, &a));
  audit_diff_init(&d);
  audit_diff_add(&d, "a", "1", "2");
  audit_diff_free(&d); /* abandoned: no leak under ASan */
  arena_free(&a);
}

static void test_diff_redaction(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_add_redacted(&d, "health", "diabete", "diabete di tipo 2");
  audit_diff_add_redacted(&d, "addiction", NULL, "alcol");
  audit_diff_add_redacted(&d, "court_notes", "decreto", NULL);
  audit_diff_add_redacted(&d, "psych_notes", "same", "same");
  audit_diff_add(&d, "municipality", "Pisa", "Cascina");
  const char *z = audit_diff_finish(&d, &a);
  assert_string_equal(z,
                      "{\"health\":\"[changed]\",\"addiction\":\"[changed]\","
                      "\"court_notes\":\"[changed]\","
                      "\"municipality\":{\"before\":\"Pisa\",\"after\":\"Cascina\"}}");
  /* not one special-category value reaches the text */
  const char *azSecret[] = {"diabete", "alcol", "decreto", "same"};
  for (int i = 0; i < 4; i++) assert_null(strstr(z, azSecret[i]));
  arena_free(&a);
}

static void test_diff_records(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  AuditDiff d;
  /* a new person: every field it has, before null */
  Person p = {.zPersonRef = "P1",
              .zHouseholdRef = "H1",
              .zRelationship = "reference",
              .zFirstName = "Anna",
              .zLastName = "Neri",
              .iMinimumIncome = 1};
  audit_diff_init(&d);
  audit_diff_person(&d, NULL, &p);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"person_ref\":{\"before\":null,\"after\":\"P1\"},"
                      "\"household_ref\":{\"before\":null,\"after\":\"H1\"},"
                      "\"relationship\":{\"before\":null,\"after\":\"reference\"},"
                      "\"first_name\":{\"before\":null,\"after\":\"Anna\"},"
                      "\"last_name\":{\"before\":null,\"after\":\"Neri\"},"
                      "\"minimum_income\":{\"before\":null,\"after\":\"yes\"}}");
  Person q = p;
  q.iMinimumIncome = -1;
  q.zMunicipality = "Pisa";
  audit_diff_init(&d);
  audit_diff_person(&d, &p, &q);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"municipality\":{\"before\":null,\"after\":\"Pisa\"},"
                      "\"minimum_income\":{\"before\":\"yes\",\"after\":null}}");
  /* rounds: the cap (null when none) and the services */
  const char *azOld[] = {"internship", "haccp"}, *azNew[] = {"internship"};
  Round r0 = {.zCode = "R1",
              .zName = "Prima",
              .zStartDate = "2024-01-01",
              .zEndDate = "2024-12-31",
              .iMaxParticipants = -1,
              .azService = azOld,
              .nService = 2};
  Round r1 = r0;
  r1.iMaxParticipants = 30;
  r1.azService = azNew;
  r1.nService = 1;
  audit_diff_init(&d);
  audit_diff_round(&d, &a, &r0, &r1);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"max_participants\":{\"before\":null,\"after\":30},"
                      "\"services\":{\"before\":\"internship,haccp\",\"after\":\"internship\"}}");
  audit_diff_init(&d);
  audit_diff_round(&d, &a, &r1, &r1);
  assert_null(audit_diff_finish(&d, &a));
  /* funding streams */
  FundingStream s0 = {.zCode = "fp", .zName = "Fondo", .iAllocationCents = 100, .bEsf = 0};
  FundingStream s1 = s0;
  s1.bEsf = 1;
  s1.zRule = "minimum_income";
  audit_diff_init(&d);
  audit_diff_stream(&d, &s0, &s1);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"esf\":{\"before\":0,\"after\":1},"
                      "\"rule\":{\"before\":null,\"after\":\"minimum_income\"}}");
  audit_diff_init(&d);
  audit_diff_stream(&d, NULL, &s0);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"code\":{\"before\":null,\"after\":\"fp\"},"
                      "\"name\":{\"before\":null,\"after\":\"Fondo\"},"
                      "\"allocation_cents\":{\"before\":null,\"after\":100},"
                      "\"esf\":{\"before\":null,\"after\":0}}");
  arena_free(&a);
}

static void test_cli_username(void **state) {
  (void)state;
  char z[128], zSmall[6];
  audit_cli_username(z, sizeof z);
  assert_true(strncmp(z, "cli:", 4) == 0 && strlen(z) > 4);
  audit_cli_username(zSmall, sizeof zSmall);
  assert_int_equal(strlen(zSmall), 5); /* cut short, terminated */
}

/* ------------------------------------------------------------------ */
/* Database: appending and verifying                                   */
/* ------------------------------------------------------------------ */

static void test_empty_trail(void **state) {
  Fixture *f = *state;
  char zHash[AUDIT_HASH_HEX + 1], zErr[256];
  int64_t n = -1;
  assert_int_equal(audit_verify(f->db, &n, zHash, zErr, sizeof zErr), 0);
  assert_int_equal(n, 0);
  assert_string_equal(zHash, "");
}

static void test_append_and_verify(void **state) {
  Fixture *f = *state;
  append_n(f, 50);
  char zHash[AUDIT_HASH_HEX + 1], zErr[256];
  int64_t n;
  assert_int_equal(audit_verify(f->db, &n, zHash, zErr, sizeof zErr), 0);
  assert_int_equal(n, 50);
  Arena a = ARENA_INIT;
  assert_string_equal(zHash, db_text(f->db, &a, "SELECT last_hash FROM audit_head", ""));
  assert_string_equal(zHash, db_text(f->db, &a, "SELECT hash FROM audit WHERE id=50", ""));
  assert_int_equal(db_int(f->db, 0, "SELECT last_id FROM audit_head", ""), 50);
  /* ids 1..50, each chained to the one before; NULLs stored as NULL */
  assert_int_equal(db_int(f->db, 0, "SELECT min(id) FROM audit", ""), 1);
  assert_int_equal(db_int(f->db, 0,
                          "SELECT count(*) FROM audit a JOIN audit b ON b.id=a.id+1"
                          " WHERE b.prev_hash=a.hash",
                          ""),
                   49);
  assert_string_equal(db_text(f->db, &a, "SELECT prev_hash FROM audit WHERE id=1", ""), "");
  assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM audit WHERE agency_id IS NULL", ""),
                   7); /* i = 6, 13, ..., 48 */
  /* the hash is the documented one */
  char zAt[21], zDetail[64], zWant[AUDIT_HASH_HEX + 1];
  AuditEntry e = sample_entry(f, 9, zAt, zDetail);
  e.id = 10;
  audit_hash(db_text(f->db, &a, "SELECT prev_hash FROM audit WHERE id=10", ""), &e, zWant);
  assert_string_equal(zWant, db_text(f->db, &a, "SELECT hash FROM audit WHERE id=10", ""));
  /* zAt NULL is now */
  AuditEntry now = {.zAction = "login"};
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_append(f->db, &now), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_int_equal(now.id, 51);
  char zToday[11];
  date_today(zToday);
  const char *zNowAt = db_text(f->db, &a, "SELECT at FROM audit WHERE id=51", "");
  assert_int_equal(strlen(zNowAt), 20);
  assert_memory_equal(zNowAt, zToday, 10);
  assert_intact(f, 51);
  arena_free(&a);
}

/* Every column of entry 17 altered in turn is caught and named. */
static void test_changed_entry_named(void **state) {
  Fixture *f = *state;
  append_n(f, 40);
  snapshot(f);
  static const char *const azSet[] = {
      "detail='{\"n\":999}'",
      "username='mallory'",
      "at='2024-03-18T10:17:01Z'",
      "agency_id=NULL",
      "agency_id=99",
      "user_id=9",
      "user_id=NULL",
      "address='198.51.100.1'",
      "address=''",
      "action='read'",
      "entity='household'",
      "entity=NULL",
      "entity_id=12345",
      "person_id=NULL",
      "person_id=103",
      "detail=NULL",
      "prev_hash=''",
      "hash='0000000000000000000000000000000000000000000000000000000000000000'",
  };
  for (size_t i = 0; i < sizeof azSet / sizeof *azSet; i++) {
    sqlf(f, "UPDATE audit SET %s WHERE id=17", azSet[i]);
    int rc = verify(f);
    if (rc != DOMAIN_INVALID || strcmp(zVerifyErr, "entry 17 was changed") != 0) {
      fail_msg("after SET %s: %d \"%s\"", azSet[i], rc, zVerifyErr);
    }
    assert_int_equal(nVerified, 16);
    restore(f);
    assert_intact(f, 40);
  }
  /* the first and the last entry too */
  sqlf(f, "UPDATE audit SET username='x' WHERE id=1");
  assert_broken(f, "entry 1 was changed");
  restore(f);
  sqlf(f, "UPDATE audit SET detail='{}' WHERE id=40");
  assert_broken(f, "entry 40 was changed");
}

/* Someone rewrites an entry and recomputes its hash (but cannot rebuild
** the rest of the chain): the next entry no longer fits. */
static void test_rehashed_entry(void **state) {
  Fixture *f = *state;
  append_n(f, 30);
  snapshot(f);
  Arena a = ARENA_INIT;
  char zAt[21], zDetail[64], zHash[AUDIT_HASH_HEX + 1];
  AuditEntry e = sample_entry(f, 11, zAt, zDetail); /* entry 12 */
  e.id = 12;
  e.zDetail = "{\"n\":\"forged\"}";
  audit_hash(db_text(f->db, &a, "SELECT prev_hash FROM audit WHERE id=12", ""), &e, zHash);
  sqlf(f, "UPDATE audit SET detail='{\"n\":\"forged\"}', hash='%s' WHERE id=12", zHash);
  assert_broken(f, "entry 12 was changed");
  assert_int_equal(nVerified, 12); /* 12 itself is self-consistent */
  restore(f);
  /* the last entry: only the chain head can tell */
  e = sample_entry(f, 29, zAt, zDetail);
  e.id = 30;
  e.zUsername = "mallory";
  audit_hash(db_text(f->db, &a, "SELECT prev_hash FROM audit WHERE id=30", ""), &e, zHash);
  sqlf(f, "UPDATE audit SET username='mallory', hash='%s' WHERE id=30", zHash);
  assert_broken(f, "entry 30 or the chain head was changed");
  /* the whole tail rewritten but not the head: same answer */
  restore(f);
  sqlf(f, "UPDATE audit_head SET last_hash='%s'", zHash);
  assert_broken(f, "entry 30 or the chain head was changed");
  arena_free(&a);
}

static void test_deleted_entries(void **state) {
  Fixture *f = *state;
  append_n(f, 30);
  snapshot(f);
  sqlf(f, "DELETE FROM audit WHERE id=18");
  assert_broken(f, "entry 18 is missing (deleted)");
  assert_int_equal(nVerified, 17);
  restore(f);
  sqlf(f, "DELETE FROM audit WHERE id BETWEEN 5 AND 7");
  assert_broken(f, "entries 5 to 7 are missing (deleted)");
  restore(f);
  sqlf(f, "DELETE FROM audit WHERE id=1");
  assert_broken(f, "entry 1 is missing (deleted)");
  restore(f);
  /* the last ones: only the chain head remembers them */
  sqlf(f, "DELETE FROM audit WHERE id=30");
  assert_broken(f, "the last entry, 30, was removed");
  restore(f);
  sqlf(f, "DELETE FROM audit WHERE id>26");
  assert_broken(f, "the last entries after 26 were removed (27 to 30)");
  assert_int_equal(nVerified, 26);
  restore(f);
  sqlf(f, "DELETE FROM audit");
  assert_broken(f, "all 30 entries were removed");
  restore(f);
  /* a deleted entry whose successors were renumbered to hide the hole */
  sqlf(f,
       "DELETE FROM audit WHERE id=10; UPDATE audit SET id=-id WHERE id>10;"
       " UPDATE audit SET id=-id-1 WHERE id<0; UPDATE audit_head SET last_id=29");
  assert_broken(f, "entry 10 was changed");
  restore(f);
  assert_intact(f, 30);
}

static void test_added_outside_and_head(void **state) {
  Fixture *f = *state;
  append_n(f, 10);
  snapshot(f);
  /* a well-formed entry 11, hashed correctly, inserted without the head */
  Arena a = ARENA_INIT;
  AuditEntry e = {.id = 11, .zAt = "2024-04-01T00:00:00Z", .zAction = "create"};
  char zHash[AUDIT_HASH_HEX + 1];
  const char *zPrev = db_text(f->db, &a, "SELECT hash FROM audit WHERE id=10", "");
  audit_hash(zPrev, &e, zHash);
  sqlf(f,
       "INSERT INTO audit(id, at, action, prev_hash, hash)"
       " VALUES (11, '2024-04-01T00:00:00Z', 'create', '%s', '%s')",
       zPrev, zHash);
  assert_broken(f,
                "entry 11 is not in the chain head (added outside ali, or the head was altered)");
  restore(f);
  /* the head itself */
  sqlf(f, "DELETE FROM audit_head");
  assert_broken(f, "the chain head (table audit_head) is missing");
  AuditEntry x = {.zAction = "login"};
  assert_int_equal(db_begin(f->db), 0);
  assert_true(audit_append(f->db, &x) < 0); /* refuses to start a new chain */
  db_rollback(f->db);
  restore(f);
  sqlf(f, "UPDATE audit_head SET last_id=12");
  assert_broken(f, "the last entries after 10 were removed (11 to 12)");
  restore(f);
  assert_intact(f, 10);
  arena_free(&a);
}

/* An append rolled back with its transaction leaves no trace, the head
** included; the next append takes the same id. */
static void test_rollback(void **state) {
  Fixture *f = *state;
  append_n(f, 3);
  AuditEntry e = {.zAction = "update", .zEntity = "person", .iEntityId = 1};
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_append(f->db, &e), 0);
  assert_int_equal(e.id, 4);
  db_rollback(f->db);
  assert_intact(f, 3);
  assert_int_equal(db_int(f->db, 0, "SELECT last_id FROM audit_head", ""), 3);
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_append(f->db, &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_int_equal(e.id, 4);
  assert_intact(f, 4);
}

/* A chain of appends in one transaction makes the same entries as
** audit_append, interleaved with it; a chain not ended leaves the head
** behind, which verify reports. */
static void test_chain(void **state) {
  Fixture *f = *state;
  append_n(f, 5);
  AuditChain c;
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_chain_begin(f->db, &c), 0);
  assert_int_equal(c.iLast, 5);
  for (unsigned i = 5; i < 25; i++) {
    char zAt[21], zDetail[64];
    AuditEntry e = sample_entry(f, i, zAt, zDetail);
    assert_int_equal(audit_chain_append(f->db, &c, &e), 0);
    assert_int_equal(e.id, i + 1);
  }
  assert_int_equal(audit_chain_end(f->db, &c), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_intact(f, 25);
  /* the same hashes as one append at a time (compared with a database
  ** filled entry by entry) */
  Arena a = ARENA_INIT;
  const char *zChained = db_text(f->db, &a, "SELECT hash FROM audit WHERE id=25", "");
  sqlf(f, "DELETE FROM audit; UPDATE audit_head SET last_id=0, last_hash=''");
  for (unsigned i = 0; i < 25; i++) {
    char zAt[21], zDetail[64];
    AuditEntry e = sample_entry(f, i, zAt, zDetail);
    assert_int_equal(db_begin(f->db), 0);
    assert_int_equal(audit_append(f->db, &e), 0);
    assert_int_equal(db_commit(f->db), 0);
  }
  assert_string_equal(db_text(f->db, &a, "SELECT hash FROM audit WHERE id=25", ""), zChained);
  /* an empty chain writes nothing */
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_chain_begin(f->db, &c), 0);
  assert_int_equal(audit_chain_end(f->db, &c), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_intact(f, 25);
  /* a chain committed without its end */
  AuditEntry e = {.zAction = "create"};
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(audit_chain_begin(f->db, &c), 0);
  assert_int_equal(audit_chain_append(f->db, &c, &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_broken(f,
                "entry 26 is not in the chain head (added outside ali, or the head was altered)");
  arena_free(&a);
}

/* More entries than one page of the walk (AUDIT_PAGE): the pages join
** up, and damage beyond the first page is named. */
static void test_long_chain(void **state) {
  Fixture *f = *state;
  int n = 2 * AUDIT_PAGE + 123;
  append_n(f, n);
  assert_intact(f, n);
  sqlf(f, "UPDATE audit SET action='export' WHERE id=%d", AUDIT_PAGE + 1);
  char zWant[64];
  snprintf(zWant, sizeof zWant, "entry %d was changed", AUDIT_PAGE + 1);
  assert_broken(f, zWant);
  sqlf(f, "DELETE FROM audit WHERE id=%d", 2 * AUDIT_PAGE);
  snprintf(zWant, sizeof zWant, "entry %d was changed", AUDIT_PAGE + 1);
  assert_broken(f, zWant); /* still the first problem */
}

/* Four connections appending at once (each entry in its own
** transaction) still make one unbroken chain: the head's lock queues
** them on PostgreSQL, the write lock on SQLite. */
typedef struct Appender {
  const char *zUrl;
  int iThread, nEntry, nFail;
} Appender;

static void *appender_run(void *pArg) {
  Appender *p = pArg;
  Db *db;
  char zErr[256], zUser[16];
  if (db_open(p->zUrl, &db, zErr, sizeof zErr)) {
    p->nFail = p->nEntry;
    return NULL;
  }
  snprintf(zUser, sizeof zUser, "thread%d", p->iThread);
  for (int i = 0; i < p->nEntry; i++) {
    AuditEntry e = {.zUsername = zUser, .zAction = "read_sensitive", .iPerson = i + 1};
    int rc = db_begin(db);
    if (!rc) rc = audit_append(db, &e);
    if (!rc) rc = db_commit(db);
    if (rc) {
      db_rollback(db);
      p->nFail++;
    }
  }
  db_close(db);
  return NULL;
}

static void test_concurrent_appends(void **state) {
  Fixture *f = *state;
  enum { N_THREAD = 4, N_EACH = 50 };
  pthread_t aThread[N_THREAD];
  Appender aApp[N_THREAD];
  for (int i = 0; i < N_THREAD; i++) {
    aApp[i] = (Appender){f->zUrl, i, N_EACH, 0};
    assert_int_equal(pthread_create(&aThread[i], NULL, appender_run, &aApp[i]), 0);
  }
  for (int i = 0; i < N_THREAD; i++) pthread_join(aThread[i], NULL);
  int nFail = 0;
  for (int i = 0; i < N_THREAD; i++) nFail += aApp[i].nFail;
  assert_int_equal(nFail, 0);
  assert_intact(f, N_THREAD * N_EACH);
  assert_int_equal(db_int(f->db, 0, "SELECT count(DISTINCT username) FROM audit", ""), N_THREAD);
}

/* ------------------------------------------------------------------ */
/* Database: listing                                                   */
/* ------------------------------------------------------------------ */

/* The ids of a page as "5,4,3" into a static buffer. */
static const char *page_ids(const AuditEntry *a, int n) {
  static char z[4096];
  size_t k = 0;
  z[0] = 0;
  for (int i = 0; i < n && k < sizeof z - 24; i++) {
    k += (size_t)snprintf(z + k, sizeof z - k, "%s%lld", i ? "," : "", (long long)a[i].id);
  }
  return z;
}

static void test_list_filters(void **state) {
  Fixture *f = *state;
  append_n(f, 60);
  Arena a = ARENA_INIT;
  AuditEntry *aE;
  int n;
  int64_t iNext;
  /* newest first, the agency's only; the fields read back */
  AuditFilter flt = {.nLimit = 1000};
  assert_int_equal(audit_list(f->db, &a, f->iAgency, &flt, &aE, &n, &iNext), 0);
  int64_t nWant =
      db_int(f->db, 0, "SELECT count(*) FROM audit WHERE agency_id=$1", "i", f->iAgency);
  assert_int_equal(n, nWant);
  assert_int_equal(iNext, 0);
  for (int i = 0; i < n; i++) {
    assert_int_equal(aE[i].iAgency, f->iAgency);
    if (i) assert_true(aE[i].id < aE[i - 1].id);
  }
  assert_int_equal(
      aE[0].id, db_int(f->db, 0, "SELECT max(id) FROM audit WHERE agency_id=$1", "i", f->iAgency));
  char zAt[21], zDetail[64];
  AuditEntry e = sample_entry(f, (unsigned)aE[0].id - 1, zAt, zDetail);
  assert_string_equal(aE[0].zDetail ? aE[0].zDetail : "-", e.zDetail ? e.zDetail : "-");
  assert_string_equal(aE[0].zAt, e.zAt);
  assert_string_equal(aE[0].zUsername, e.zUsername);
  assert_string_equal(aE[0].zAction, e.zAction);
  assert_int_equal(aE[0].iPerson, e.iPerson);
  assert_int_equal(aE[0].iUser, e.iUser);
  assert_true(aE[0].zAddress ? e.zAddress && strcmp(aE[0].zAddress, e.zAddress) == 0 : !e.zAddress);
  /* every agency, the entries without one included (iAgency 0) */
  assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
  assert_int_equal(n, 60);
  /* by person, by user id, by username, by action: each compared with SQL */
  struct {
    AuditFilter f;
    const char *zSql;
  } aCase[] = {
      {{.iPerson = 102}, "SELECT count(*) FROM audit WHERE agency_id=$1 AND person_id=102"},
      {{.iUser = 2}, "SELECT count(*) FROM audit WHERE agency_id=$1 AND user_id=2"},
      {{.zUsername = "cli:root"},
       "SELECT count(*) FROM audit WHERE agency_id=$1 AND username='cli:root'"},
      {{.zAction = "login"}, "SELECT count(*) FROM audit WHERE agency_id=$1 AND action='login'"},
      {{.iPerson = 101, .zAction = "update"},
       "SELECT count(*) FROM audit WHERE agency_id=$1 AND person_id=101 AND action='update'"},
      {{.zFrom = "2024-03-10", .zTo = "2024-03-12"},
       "SELECT count(*) FROM audit WHERE agency_id=$1 AND at>='2024-03-10' AND at<'2024-03-13'"},
      {{.iUser = 1, .zTo = "2024-03-05"},
       "SELECT count(*) FROM audit WHERE agency_id=$1 AND user_id=1 AND at<'2024-03-06'"},
      {{.iPerson = 999}, "SELECT 0"},
  };
  for (size_t k = 0; k < sizeof aCase / sizeof *aCase; k++) {
    aCase[k].f.nLimit = 1000;
    assert_int_equal(audit_list(f->db, &a, f->iAgency, &aCase[k].f, &aE, &n, &iNext), 0);
    int64_t nSql = strcmp(aCase[k].zSql, "SELECT 0") == 0
                       ? 0
                       : db_int(f->db, -1, aCase[k].zSql, "i", f->iAgency);
    if (n != nSql) fail_msg("case %zu: %d entries, SQL says %lld", k, n, (long long)nSql);
    if (k < 2) assert_true(n > 0);
  }
  /* a person's entries are never another agency's */
  flt = (AuditFilter){.iPerson = 104, .nLimit = 1000};
  assert_int_equal(audit_list(f->db, &a, f->iAgency2, &flt, &aE, &n, &iNext), 0);
  for (int i = 0; i < n; i++) assert_int_equal(aE[i].iAgency, f->iAgency2);
  /* bad dates */
  flt = (AuditFilter){.zFrom = "2024-02-30"};
  assert_int_equal(audit_list(f->db, &a, f->iAgency, &flt, &aE, &n, &iNext), DOMAIN_INVALID);
  flt = (AuditFilter){.zTo = "yesterday"};
  assert_int_equal(audit_list(f->db, &a, f->iAgency, &flt, &aE, &n, &iNext), DOMAIN_INVALID);
  arena_free(&a);
}

static void test_list_paging(void **state) {
  Fixture *f = *state;
  append_n(f, 60);
  Arena a = ARENA_INIT;
  AuditEntry *aE;
  int n;
  /* every agency, pages of 25: 60..36, 35..11, 10..1 */
  AuditFilter flt = {.nLimit = 25};
  const char *azWant[3] = {0};
  char zAll[3][512];
  for (int k = 0; k < 3; k++) {
    size_t j = 0;
    int iTop = 60 - 25 * k, iBottom = iTop - 24 < 1 ? 1 : iTop - 24;
    for (int id = iTop; id >= iBottom; id--) {
      j += (size_t)snprintf(zAll[k] + j, sizeof zAll[k] - j, "%s%d", id == iTop ? "" : ",", id);
    }
    azWant[k] = zAll[k];
  }
  int64_t aNext[3] = {36, 11, 0};
  for (int k = 0; k < 3; k++) {
    int64_t iNext;
    assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
    assert_string_equal(page_ids(aE, n), azWant[k]);
    assert_int_equal(iNext, aNext[k]);
    flt.iBefore = iNext;
  }
  /* an exact multiple: no empty last page announced */
  int64_t iNext;
  flt = (AuditFilter){.nLimit = 30};
  assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
  assert_int_equal(iNext, 31);
  flt.iBefore = iNext;
  assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
  assert_int_equal(n, 30);
  assert_int_equal(iNext, 0);
  /* paging one person's trail */
  int64_t nPerson = db_int(f->db, 0, "SELECT count(*) FROM audit WHERE person_id=100", "");
  flt = (AuditFilter){.iPerson = 100, .nLimit = 4};
  int nSeen = 0;
  int64_t iLast = INT64_MAX;
  do {
    assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
    for (int i = 0; i < n; i++) {
      assert_int_equal(aE[i].iPerson, 100);
      assert_true(aE[i].id < iLast);
      iLast = aE[i].id;
    }
    nSeen += n;
    flt.iBefore = iNext;
  } while (iNext);
  assert_int_equal(nSeen, nPerson);
  /* default and maximum page sizes */
  flt = (AuditFilter){0};
  assert_int_equal(audit_list(f->db, &a, 0, &flt, &aE, &n, &iNext), 0);
  assert_int_equal(n, 50);
  assert_int_equal(iNext, 11);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_hash_covers_every_field),
      cmocka_unit_test(test_hash_null_and_boundaries),
      cmocka_unit_test(test_diff_builder),
      cmocka_unit_test(test_diff_redaction),
      cmocka_unit_test(test_diff_records),
      cmocka_unit_test(test_cli_username),
  };
#define DB_TEST(t, s) cmocka_unit_test_setup_teardown(t, s, teardown)
#define DB_TESTS(s)                                                                     \
  {                                                                                     \
    DB_TEST(test_empty_trail, s), DB_TEST(test_append_and_verify, s),                   \
        DB_TEST(test_changed_entry_named, s), DB_TEST(test_rehashed_entry, s),          \
        DB_TEST(test_deleted_entries, s), DB_TEST(test_added_outside_and_head, s),      \
        DB_TEST(test_rollback, s), DB_TEST(test_chain, s), DB_TEST(test_long_chain, s), \
        DB_TEST(test_concurrent_appends, s), DB_TEST(test_list_filters, s),             \
        DB_TEST(test_list_paging, s),                                                   \
  }
  const struct CMUnitTest aSqlite[] = DB_TESTS(audit_setup_sqlite);
  const struct CMUnitTest aPg[] = DB_TESTS(audit_setup_pg);
  int rc = cmocka_run_group_tests_name("audit", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("audit on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("audit on postgresql", aPg, NULL, NULL);
  return rc;
}
