/*
** demo_fixture.c — the database the demo's unit tests read: `ali demo`
** (the sanitized binary, $ALI_BIN or build/asan/ali) run with the pilot's
** 207 participants and seed 7 into a fresh SQLite file (setup_sqlite) or
** into a database created on the server of ALI_TEST_PG (setup_pg,
** scratch_db.c), once per group; teardown() removes it.
**
** Included (h2o style) by a test after cmocka.h, db.c, postgres.c,
** sqlite.c and mem.c, with FX_NAME defined as the word that names its
** files and databases ("demo_intake": /tmp/ali-test-demo_intake-PID.db,
** ali_unit_demo_intake_PID).
*/
#include "scratch_db.c"

typedef struct World {
  Db *db;
  char zSqlitePath[80];
  char zPgName[64];
} World;

/* Runs `ali demo` into zUrl; 0 on success. */
static int run_demo(const char *zUrl) {
  const char *zBin = getenv("ALI_BIN");
  char zCmd[1024];
  snprintf(zCmd, sizeof zCmd, "'%s' demo --db '%s' --people 207 --seed 7 --no-serve >/dev/null",
           zBin && *zBin ? zBin : "build/asan/ali", zUrl);
  int rc = system(zCmd);
  if (rc) fprintf(stderr, "demo failed (%d): %s\n", rc, zCmd);
  return rc;
}

static int setup_sqlite(void **state) {
  World *w = xcalloc(1, sizeof *w);
  *state = w;
  snprintf(w->zSqlitePath, sizeof w->zSqlitePath, "/tmp/ali-test-%s-%d.db", FX_NAME,
           (int)getpid());
  fx_unlink_sqlite(w->zSqlitePath);
  char zErr[256];
  if (run_demo(w->zSqlitePath)) return -1;
  return db_open(w->zSqlitePath, &w->db, zErr, sizeof zErr) ? -1 : 0;
}

static int setup_pg(void **state) {
  World *w = xcalloc(1, sizeof *w);
  *state = w;
  snprintf(w->zPgName, sizeof w->zPgName, "ali_unit_%s_%d", FX_NAME, (int)getpid());
  char zUrl[512], zErr[256];
  if (fx_pg_create(w->zPgName, zUrl, sizeof zUrl)) return -1;
  if (run_demo(zUrl)) return -1;
  return db_open(zUrl, &w->db, zErr, sizeof zErr) ? -1 : 0;
}

static int teardown(void **state) {
  World *w = *state;
  db_close(w->db);
  if (w->zSqlitePath[0]) fx_unlink_sqlite(w->zSqlitePath);
  if (w->zPgName[0]) fx_pg_drop(w->zPgName);
  free(w);
  return 0;
}

static Db *world_db(void **state) { return ((World *)*state)->db; }
