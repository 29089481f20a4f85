/*
** scratch_db.c — the throw-away databases of the unit tests: a SQLite
** file in /tmp, or a database created for the test on the PostgreSQL
** server whose "postgres" database ALI_TEST_PG names, dropped again at
** the end.  db_fixture.c (a migrated database per test or group) and
** demo_fixture.c (a database `ali demo` filled) are built on it.
**
** Included (h2o style) by a test after cmocka.h, db.c, postgres.c,
** sqlite.c and mem.c.
*/

/* Removes SQLite database zPath and its -wal and -shm files. */
static void fx_unlink_sqlite(const char *zPath) {
  char z[100];
  unlink(zPath);
  snprintf(z, sizeof z, "%s-wal", zPath);
  unlink(z);
  snprintf(z, sizeof z, "%s-shm", zPath);
  unlink(z);
}

/* Runs "zVerb zName" ("CREATE DATABASE x", "DROP DATABASE IF EXISTS x")
** on the server's admin database; 0, or not 0 when it failed. */
static int fx_pg_admin(const char *zVerb, const char *zName) {
  Db *pAdmin;
  char zErr[256], zSql[160];
  if (db_open(getenv("ALI_TEST_PG"), &pAdmin, zErr, sizeof zErr)) return -1;
  snprintf(zSql, sizeof zSql, "%s %s", zVerb, zName);
  int rc = db_exec_script(pAdmin, zSql);
  db_close(pAdmin);
  return rc;
}

/* The URL of database zName on the server of ALI_TEST_PG, into zOut. */
static void fx_pg_url(const char *zName, char *zOut, size_t n) {
  const char *zAdmin = getenv("ALI_TEST_PG");
  const char *z = strstr(zAdmin, "/postgres?");
  if (!z) z = strstr(zAdmin, "/postgres");
  assert_non_null(z);
  snprintf(zOut, n, "%.*s/%s%s", (int)(z - zAdmin), zAdmin, zName, z + 9);
}

/* Creates database zName afresh (one left by an earlier run is dropped)
** and writes its URL into zUrl: 0, or -1 when it cannot be created. */
static int fx_pg_create(const char *zName, char *zUrl, size_t n) {
  fx_pg_admin("DROP DATABASE IF EXISTS", zName);
  if (fx_pg_admin("CREATE DATABASE", zName)) return -1;
  fx_pg_url(zName, zUrl, n);
  return 0;
}

/* Drops database zName. */
static void fx_pg_drop(const char *zName) { fx_pg_admin("DROP DATABASE IF EXISTS", zName); }
