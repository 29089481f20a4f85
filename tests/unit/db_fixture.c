/*
** db_fixture.c — a fresh database for a unit test, migrated to the latest
** schema by migrate_apply() (the embedded migrations, as `ali migrate`
** applies them): setup_sqlite() makes a SQLite file in /tmp,
** setup_pg() a database on the server of ALI_TEST_PG (scratch_db.c);
** teardown() closes and removes it.  Use them per test
** (cmocka_unit_test_setup_teardown) or per group.
**
** Included (h2o style) by a test after cmocka.h, db.c, migrate.c,
** postgres.c, sqlite.c, embedded.c and mem.c, with FX_NAME defined as
** the word that names its files and databases ("access":
** /tmp/ali-test-access-PID-N.db, ali_unit_access_PID_N).  A test that
** keeps more in its fixture defines FX_MORE as those members before
** including this file (test_audit.c).
*/
#include "scratch_db.c"

typedef struct Fixture {
  Db *db;
  char zUrl[512];       /* what db_open() was given (other threads may open it too) */
  char zSqlitePath[80]; /* SQLite: the file */
  char zPgName[64];     /* PostgreSQL: the database created for the test */
#ifdef FX_MORE
  FX_MORE
#endif
} Fixture;

/* Opens f->zUrl and applies the migrations; fails the test if it cannot. */
static void fx_migrate(Fixture *f) {
  char zErr[256];
  int nApplied;
  if (db_open(f->zUrl, &f->db, zErr, sizeof zErr)) fail_msg("open %s: %s", f->zUrl, zErr);
  if (migrate_apply(f->db, &nApplied, zErr, sizeof zErr)) fail_msg("migrate: %s", zErr);
}

static int setup_sqlite(void **state) {
  static int nRun;
  Fixture *f = xcalloc(1, sizeof *f);
  snprintf(f->zSqlitePath, sizeof f->zSqlitePath, "/tmp/ali-test-%s-%d-%d.db", FX_NAME,
           (int)getpid(), ++nRun);
  fx_unlink_sqlite(f->zSqlitePath);
  snprintf(f->zUrl, sizeof f->zUrl, "%s", f->zSqlitePath);
  fx_migrate(f);
  *state = f;
  return 0;
}

static int setup_pg(void **state) {
  static int nRun;
  Fixture *f = xcalloc(1, sizeof *f);
  snprintf(f->zPgName, sizeof f->zPgName, "ali_unit_%s_%d_%d", FX_NAME, (int)getpid(), ++nRun);
  if (fx_pg_create(f->zPgName, f->zUrl, sizeof f->zUrl)) {
    char zName[sizeof f->zPgName];
    memcpy(zName, f->zPgName, sizeof zName);
    free(f);
    fail_msg("cannot create %s", zName);
  }
  fx_migrate(f);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  db_close(f->db);
  if (f->zSqlitePath[0]) fx_unlink_sqlite(f->zSqlitePath);
  if (f->zPgName[0]) fx_pg_drop(f->zPgName);
  free(f);
  return 0;
}
