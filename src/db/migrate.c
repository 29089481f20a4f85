/*
** migrate.c — applies the numbered migrations built into the binary
** (see migrate.h).  The migrations are found in the embedded file table
** by name: "schema/NNN_name.<dialect>.sql".
*/
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/embedded.h"

/* The version of an embedded migration of this dialect, or 0. */
static int migration_number(const Embedded *p, const char *zDialect) {
  const char *zName = p->zName;
  if (strncmp(zName, "schema/", 7) != 0) return 0;
  zName += 7;
  size_t n = strlen(zName), nSuffix = strlen(zDialect) + 5; /* ".x.sql" */
  if (n < 4 + nSuffix) return 0;
  const char *zSuffix = zName + n - nSuffix;
  if (zSuffix[0] != '.' || strncmp(zSuffix + 1, zDialect, strlen(zDialect)) != 0 ||
      strcmp(zSuffix + 1 + strlen(zDialect), ".sql") != 0)
    return 0;
  return atoi(zName);
}

static const char *dialect(Db *db) { return db_is_postgres(db) ? "pg" : "sqlite"; }

static const Embedded *migration_find(int iVersion, const char *zDialect) {
  for (const Embedded *p = aEmbedded; p->zName; p++) {
    if (migration_number(p, zDialect) == iVersion) return p;
  }
  return 0;
}

int migrate_latest(void) {
  int iMax = 0;
  for (const Embedded *p = aEmbedded; p->zName; p++) {
    int v = migration_number(p, "sqlite");
    if (v > iMax) iMax = v;
  }
  return iMax;
}

static int ensure_table(Db *db) {
  return db_exec_script(db,
                        "CREATE TABLE IF NOT EXISTS schema_migration ("
                        " version INTEGER PRIMARY KEY,"  /* migration number */
                        " name TEXT NOT NULL,"           /* its file name */
                        " applied_at TEXT NOT NULL)");   /* UTC timestamp */
}

/* Whether the migrations table exists, asked without creating it: the
** health check runs this on every probe. */
static int table_exists(Db *db) {
  return db_is_postgres(db)
             ? db_int(db, 0, "SELECT count(*) FROM information_schema.tables"
                             " WHERE table_schema = current_schema()"
                             " AND table_name = 'schema_migration'", "") > 0
             : db_int(db, 0, "SELECT count(*) FROM sqlite_master"
                             " WHERE type = 'table' AND name = 'schema_migration'", "") > 0;
}

int migrate_version(Db *db) {
  if (!table_exists(db)) return 0;
  return (int)db_int(db, 0, "SELECT max(version) FROM schema_migration", "");
}

static int apply_one(Db *db, const Embedded *p, int iVersion, char *zErr, size_t nErr) {
  char zNow[21];
  timestamp_now(zNow);
  int rc = db_begin(db);
  if (!rc) rc = db_exec_script(db, (const char *)p->pData);
  if (!rc) rc = db_exec(db, "INSERT INTO schema_migration(version, name, applied_at)"
                            " VALUES ($1, $2, $3)", "itt",
                        (int64_t)iVersion, p->zName + 7, zNow);
  if (!rc) rc = db_commit(db);
  if (rc) {
    snprintf(zErr, nErr, "migration %s failed: %s", p->zName + 7, db_errmsg(db));
    db_rollback(db);
  }
  return rc;
}

int migrate_apply(Db *db, int *pnApplied, char *zErr, size_t nErr) {
  *pnApplied = 0;
  if (ensure_table(db)) {
    snprintf(zErr, nErr, "cannot create the migrations table: %s", db_errmsg(db));
    return DB_ERROR;
  }
  int iCur = migrate_version(db), iLatest = migrate_latest();
  if (iCur < 0) {
    snprintf(zErr, nErr, "cannot read the schema version: %s", db_errmsg(db));
    return DB_ERROR;
  }
  if (iCur > iLatest) {
    snprintf(zErr, nErr,
             "the database is at schema version %d, newer than this ali (%d):"
             " upgrade ali before using this database", iCur, iLatest);
    return DB_ERROR;
  }
  for (int v = iCur + 1; v <= iLatest; v++) {
    const Embedded *p = migration_find(v, dialect(db));
    if (!p) {
      snprintf(zErr, nErr, "migration %03d is missing for %s", v, db_backend(db));
      return DB_ERROR;
    }
    int rc = apply_one(db, p, v, zErr, nErr);
    if (rc) return rc;
    (*pnApplied)++;
  }
  return 0;
}

int migrate_check(Db *db, char *zErr, size_t nErr) {
  int iCur = migrate_version(db), iLatest = migrate_latest();
  if (iCur == iLatest) return 0;
  if (iCur < 0)
    snprintf(zErr, nErr, "cannot read the schema version: %s", db_errmsg(db));
  else if (iCur == 0)
    snprintf(zErr, nErr, "the database is empty: run 'ali init' first");
  else if (iCur < iLatest)
    snprintf(zErr, nErr, "the database is at schema version %d, this ali needs %d:"
             " run 'ali migrate'", iCur, iLatest);
  else
    snprintf(zErr, nErr, "the database is at schema version %d, newer than this ali (%d):"
             " upgrade ali before using this database", iCur, iLatest);
  return DB_ERROR;
}
