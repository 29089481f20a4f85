/*
** test_db.c — the db.h contract on SQLite and, when tests/run has started
** one ($ALI_TEST_PG), on PostgreSQL: parameters bound by name, the
** statement cache (and a nested use of a cached statement), NULLs, error
** codes, transactions that roll back, SQLite's group commit, and the
** migrations.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/mem.c"

static char zSqlitePath[256];

static Db *open_or_fail(const char *zUrl) {
  Db *db;
  char zErr[256];
  int rc = db_open(zUrl, &db, zErr, sizeof zErr);
  if (rc) fail_msg("db_open(%s): %s", zUrl, zErr);
  return db;
}

static int setup_sqlite(void **state) {
  snprintf(zSqlitePath, sizeof zSqlitePath, "/tmp/ali-test-db-%d.db", getpid());
  unlink(zSqlitePath);
  *state = open_or_fail(zSqlitePath);
  return 0;
}

/* A fresh schema in a PostgreSQL database of its own. */
static int setup_postgres(void **state) {
  Db *db = open_or_fail(getenv("ALI_TEST_PG"));
  db_exec_script(db, "DROP SCHEMA IF EXISTS ali_test_db CASCADE; CREATE SCHEMA ali_test_db;"
                     " SET search_path TO ali_test_db");
  *state = db;
  return 0;
}

static int teardown(void **state) {
  Db *db = *state;
  int bPg = db_is_postgres(db);
  if (bPg) db_exec_script(db, "DROP SCHEMA ali_test_db CASCADE");
  db_close(db);
  if (!bPg) {
    char z[300];
    unlink(zSqlitePath);
    snprintf(z, sizeof z, "%s-wal", zSqlitePath);
    unlink(z);
    snprintf(z, sizeof z, "%s-shm", zSqlitePath);
    unlink(z);
  }
  return 0;
}

static void test_migrations_apply_once(void **state) {
  Db *db = *state;
  char zErr[256];
  int n;
  assert_int_equal(migrate_version(db), 0);
  assert_int_not_equal(migrate_check(db, zErr, sizeof zErr), 0);
  assert_int_equal(migrate_apply(db, &n, zErr, sizeof zErr), 0);
  assert_int_equal(n, migrate_latest());
  assert_int_equal(migrate_apply(db, &n, zErr, sizeof zErr), 0);
  assert_int_equal(n, 0);
  assert_int_equal(migrate_check(db, zErr, sizeof zErr), 0);
  /* a database from the future is refused */
  assert_int_equal(db_exec(db, "INSERT INTO schema_migration VALUES ($1, 'future', 'now')", "i",
                           (int64_t)migrate_latest() + 1), 0);
  assert_int_not_equal(migrate_apply(db, &n, zErr, sizeof zErr), 0);
  assert_non_null(strstr(zErr, "newer than this ali"));
  assert_int_not_equal(migrate_check(db, zErr, sizeof zErr), 0);
  assert_int_equal(db_exec(db, "DELETE FROM schema_migration WHERE name='future'", ""), 0);
}

/* SQLite numbers "$2||$1" as 1,2 by appearance: binding by name matters. */
static void test_parameters_bind_by_name(void **state) {
  Db *db = *state;
  Arena a = ARENA_INIT;
  char *z = db_text(db, &a, "SELECT CAST($2 AS TEXT) || CAST($1 AS TEXT)", "tt", "one", "two");
  assert_string_equal(z, "twoone");
  assert_int_equal(db_int(db, -1, "SELECT CAST($1 AS BIGINT) + 1", "i", (int64_t)9000000000LL),
                   9000000001LL);
  assert_null(db_text(db, &a, "SELECT CAST($1 AS TEXT)", "t", (const char *)NULL));
  arena_free(&a);
}

static void seed(Db *db) {
  assert_int_equal(db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)",
                           "ttt", "a1", "Agency one", "2026-01-01T00:00:00Z"), 0);
  assert_int_equal(db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)",
                           "ttt", "a2", "Agency 'two'", "2026-01-01T00:00:00Z"), 0);
}

static void test_cache_and_nested_statements(void **state) {
  Db *db = *state;
  seed(db);
  static const char zSql[] = "SELECT id, name FROM agency ORDER BY id";
  DbStmt *q = db_prepare(db, zSql);
  int nOuter = 0, nInner = 0;
  while (db_step(q) == DB_ROW) {
    nOuter++;
    DbStmt *q2 = db_prepare(db, zSql); /* the cached one is busy: a copy */
    assert_ptr_not_equal(q, q2);
    while (db_step(q2) == DB_ROW) nInner++;
    db_done(q2);
  }
  db_done(q);
  assert_int_equal(nOuter, 2);
  assert_int_equal(nInner, 4);
  assert_ptr_equal(db_prepare(db, zSql), q); /* and the cached one again */
  db_done(q);
}

static void test_constraint_and_rollback(void **state) {
  Db *db = *state;
  int64_t nBefore = db_int(db, -1, "SELECT count(*) FROM agency", "");
  assert_int_equal(db_begin(db), 0);
  assert_int_equal(db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)",
                           "ttt", "a3", "Three", "2026-01-01T00:00:00Z"), 0);
  int rc = db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)", "ttt",
                   "a1", "Duplicate", "2026-01-01T00:00:00Z");
  assert_int_equal(rc, DB_CONSTRAINT);
  assert_true(strlen(db_errmsg(db)) > 0);
  db_rollback(db);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM agency", ""), nBefore);
  /* NULL in a NOT NULL column is a constraint too */
  assert_int_equal(db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)",
                           "ttt", "a4", (const char *)NULL, "2026-01-01T00:00:00Z"),
                   DB_CONSTRAINT);
}

static void test_columns(void **state) {
  Db *db = *state;
  DbStmt *q = db_query(db, "SELECT id, name, NULL FROM agency WHERE code=$1", "t", "a2");
  assert_int_equal(db_step(q), DB_ROW);
  assert_int_equal(db_col_count(q), 3);
  assert_true(db_col_int(q, 0) > 0);
  assert_string_equal(db_col_text(q, 1), "Agency 'two'");
  assert_true(db_col_null(q, 2));
  assert_null(db_col_text(q, 2));
  assert_int_equal(db_step(q), DB_DONE);
  db_done(q);
}

/* A DB_STREAM statement gives every row with its NULLs; left early, or
** failing, it leaves the connection free for the next statement. */
static void test_stream(void **state) {
  Db *db = *state;
  static const char zSql[] = DB_STREAM "SELECT n, CASE WHEN n % 3 = 0 THEN NULL ELSE n * 2 END"
                             " FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3"
                             " UNION ALL SELECT 4 UNION ALL SELECT 5) t WHERE n <= $1 ORDER BY n";
  DbStmt *q = db_query(db, zSql, "i", (int64_t)5);
  int64_t nSum = 0, nNull = 0, nRow = 0;
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    nRow++;
    nSum += db_col_int(q, 0) + db_col_int(q, 1);
    nNull += db_col_null(q, 1);
  }
  assert_int_equal(rc, DB_DONE);
  db_done(q);
  assert_int_equal(nRow, 5);
  assert_int_equal(nNull, 1);
  assert_int_equal(nSum, 15 + 2 * (1 + 2 + 4 + 5));
  /* read two rows and stop: the next statement runs */
  q = db_query(db, zSql, "i", (int64_t)5);
  assert_int_equal(db_step(q), DB_ROW);
  assert_int_equal(db_step(q), DB_ROW);
  assert_int_equal(db_col_int(q, 0), 2);
  db_done(q);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM agency", ""), 2);
  /* none at all */
  q = db_query(db, zSql, "i", (int64_t)0);
  assert_int_equal(db_step(q), DB_DONE);
  db_done(q);
  /* an error after the first rows is an error, and the connection recovers */
  q = db_query(db, DB_STREAM "SELECT abs(n) FROM (SELECT CAST(1 AS BIGINT) AS n UNION ALL"
                             " SELECT CAST(-9223372036854775808 AS BIGINT)) t ORDER BY n DESC", "");
  while ((rc = db_step(q)) == DB_ROW) {
  }
  assert_true(rc < 0);
  db_done(q);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM agency", ""), 2);
}

/* SQLite's group commit (db_sqlite_commit): a commit reaches a second
** connection, flushes the WAL through the connection's own handle on it,
** and leaves the connection at synchronous=FULL for statements outside a
** transaction.  PostgreSQL commits as it always does. */
static void test_commit_is_flushed(void **state) {
  Db *db = *state;
  assert_int_equal(db_begin(db), 0);
  assert_int_equal(db_exec(db, "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)",
                           "ttt", "a5", "Five", "2026-01-01T00:00:00Z"), 0);
  assert_int_equal(db_commit(db), 0);
  if (db_is_postgres(db)) return;
  Db *pOther = open_or_fail(zSqlitePath);
  assert_int_equal(db_int(pOther, -1, "SELECT count(*) FROM agency WHERE code=$1", "t", "a5"), 1);
  db_close(pOther);
  assert_int_equal(db_int(db, -1, "PRAGMA synchronous", ""), 2); /* FULL */
  sqlite3_file *pWal = 0;
  assert_int_equal(
      sqlite3_file_control(db->pSqlite, "main", SQLITE_FCNTL_JOURNAL_POINTER, &pWal), SQLITE_OK);
  assert_non_null(pWal);
  assert_non_null(pWal->pMethods); /* the WAL is open: sqlite_sync_wal flushes it */
  assert_int_equal(sqlite_sync_wal(db), 0);
  assert_false(db->bWriter); /* the writer queue was left before the flush */
  assert_int_equal(db_exec(db, "DELETE FROM agency WHERE code=$1", "t", "a5"), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_migrations_apply_once),
      cmocka_unit_test(test_parameters_bind_by_name),
      cmocka_unit_test(test_cache_and_nested_statements),
      cmocka_unit_test(test_constraint_and_rollback),
      cmocka_unit_test(test_columns),
      cmocka_unit_test(test_stream),
      cmocka_unit_test(test_commit_is_flushed),
  };
  int rc = cmocka_run_group_tests_name("sqlite", tests, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG")) {
    rc |= cmocka_run_group_tests_name("postgresql", tests, setup_postgres, teardown);
  } else {
    printf("test_db: ALI_TEST_PG not set, PostgreSQL part skipped\n");
  }
  return rc;
}
