/*
** db.c — the backend-independent half of db.h: opening, the statement
** cache, the one-liners and transactions.  sqlite.c and postgres.c do the
** backend-specific work through the DbOps table.
*/
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/mem.h"
#include "db_impl.h"

int db_open(const char *zUrl, Db **ppDb, char *zErr, size_t nErr) {
  Db *db = xcalloc(1, sizeof(Db));
  int isPg = strncmp(zUrl, "postgresql://", 13) == 0 || strncmp(zUrl, "postgres://", 11) == 0;
  int rc = isPg ? db_postgres_open(db, zUrl) : db_sqlite_open(db, zUrl);
  if (rc) {
    snprintf(zErr, nErr, "%s", db->zErr);
    db_close(db);
    *ppDb = 0;
    return rc;
  }
  *ppDb = db;
  return 0;
}

void db_close(Db *db) {
  if (!db) return;
  for (int i = 0; i < db->nCache; i++) {
    DbStmt *q = db->apCache[i];
    if (q) {
      db->pOps->xFinalize(q);
      free(q);
    }
  }
  free(db->apCache);
  if (db->pOps) db->pOps->xClose(db);
  free(db);
}

const char *db_backend(const Db *db) { return db->pOps->zName; }
int db_is_postgres(const Db *db) { return db->pOps == &db_postgres_ops; }
const char *db_errmsg(Db *db) { return db->zErr; }

void db_set_error(Db *db, const char *zMsg) {
  snprintf(db->zErr, sizeof db->zErr, "%s", zMsg ? zMsg : "unknown error");
  /* drop libpq's trailing newline so messages compose */
  size_t n = strlen(db->zErr);
  while (n && (db->zErr[n - 1] == '\n' || db->zErr[n - 1] == ' ')) db->zErr[--n] = 0;
}

/* Highest $n in zSql, so backends know how many parameters to expect. */
static int count_params(const char *zSql) {
  int nMax = 0;
  for (const char *z = zSql; *z; z++) {
    if (*z == '\'') { /* skip string literals: '$1' is not a parameter */
      for (z++; *z && *z != '\''; z++) {}
      if (!*z) break;
    } else if (*z == '$' && z[1] >= '1' && z[1] <= '9') {
      int n = atoi(z + 1);
      if (n > nMax) nMax = n;
    }
  }
  assert(nMax <= DB_MAX_PARAM);
  return nMax;
}

static DbStmt *stmt_new(Db *db, const char *zSql) {
  DbStmt *q = xcalloc(1, sizeof(DbStmt));
  q->db = db;
  q->zSql = zSql;
  q->nParam = count_params(zSql);
  if (db->pOps->xPrepare(db, q)) {
    fprintf(stderr, "ali: cannot prepare SQL: %s\n  %s\n", db->zErr, zSql);
    abort(); /* a bad statement is a programmer error (db.h) */
  }
  return q;
}

static size_t cache_slot(const char *zSql, int nCache) {
  uintptr_t h = (uintptr_t)zSql;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> 7) & (size_t)(nCache - 1);
}

static void cache_insert(Db *db, DbStmt *q);

static void cache_grow(Db *db) {
  DbStmt **apOld = db->apCache;
  int nOld = db->nCache;
  db->nCache = nOld ? nOld * 2 : 64;
  db->apCache = xcalloc((size_t)db->nCache, sizeof(DbStmt *));
  db->nCacheUsed = 0;
  for (int i = 0; i < nOld; i++) {
    if (apOld[i]) cache_insert(db, apOld[i]);
  }
  free(apOld);
}

static void cache_insert(Db *db, DbStmt *q) {
  if (2 * (db->nCacheUsed + 1) > db->nCache) cache_grow(db);
  size_t i = cache_slot(q->zSql, db->nCache);
  while (db->apCache[i]) i = (i + 1) & (size_t)(db->nCache - 1);
  db->apCache[i] = q;
  db->nCacheUsed++;
}

static DbStmt *cache_find(Db *db, const char *zSql) {
  if (!db->nCache) return 0;
  size_t i = cache_slot(zSql, db->nCache);
  while (db->apCache[i]) {
    if (db->apCache[i]->zSql == zSql) return db->apCache[i];
    i = (i + 1) & (size_t)(db->nCache - 1);
  }
  return 0;
}

DbStmt *db_prepare(Db *db, const char *zSql) {
  DbStmt *q = cache_find(db, zSql);
  if (q && !q->bBusy) {
    q->bBusy = 1;
    return q;
  }
  /* Not cached yet, or the cached copy is in use by an outer loop over
  ** the same statement: such a nested copy is finalized by db_done. */
  int bCache = q == 0;
  q = stmt_new(db, zSql);
  q->bBusy = 1;
  q->bCached = bCache;
  if (bCache) cache_insert(db, q);
  return q;
}

void db_bind_int(DbStmt *q, int i, int64_t v) {
  assert(i >= 1 && i <= q->nParam);
  q->db->pOps->xBindInt(q, i, v);
}

void db_bind_text(DbStmt *q, int i, const char *z) {
  assert(i >= 1 && i <= q->nParam);
  if (z) q->db->pOps->xBindText(q, i, z);
  else q->db->pOps->xBindNull(q, i);
}

void db_bind_null(DbStmt *q, int i) {
  assert(i >= 1 && i <= q->nParam);
  q->db->pOps->xBindNull(q, i);
}

int db_step(DbStmt *q) { return q->db->pOps->xStep(q); }
int db_col_count(DbStmt *q) { return q->db->pOps->xColCount(q); }
int db_col_null(DbStmt *q, int i) { return q->db->pOps->xColNull(q, i); }
int64_t db_col_int(DbStmt *q, int i) { return q->db->pOps->xColInt(q, i); }
const char *db_col_text(DbStmt *q, int i) { return q->db->pOps->xColText(q, i); }

void db_done(DbStmt *q) {
  if (!q) return;
  q->db->pOps->xReset(q);
  q->bBusy = 0;
  if (!q->bCached) {
    q->db->pOps->xFinalize(q);
    free(q);
  }
}

static void bind_va(DbStmt *q, const char *zTypes, va_list ap) {
  for (int i = 0; zTypes[i]; i++) {
    switch (zTypes[i]) {
      case 'i': db_bind_int(q, i + 1, va_arg(ap, int64_t)); break;
      case 't': db_bind_text(q, i + 1, va_arg(ap, const char *)); break;
      default: assert(!"db: parameter type must be 'i' or 't'");
    }
  }
}

DbStmt *db_query(Db *db, const char *zSql, const char *zTypes, ...) {
  DbStmt *q = db_prepare(db, zSql);
  va_list ap;
  va_start(ap, zTypes);
  bind_va(q, zTypes, ap);
  va_end(ap);
  return q;
}

int db_exec(Db *db, const char *zSql, const char *zTypes, ...) {
  DbStmt *q = db_prepare(db, zSql);
  va_list ap;
  va_start(ap, zTypes);
  bind_va(q, zTypes, ap);
  va_end(ap);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {}
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

int64_t db_int(Db *db, int64_t iDflt, const char *zSql, const char *zTypes, ...) {
  DbStmt *q = db_prepare(db, zSql);
  va_list ap;
  va_start(ap, zTypes);
  bind_va(q, zTypes, ap);
  va_end(ap);
  int64_t v = iDflt;
  if (db_step(q) == DB_ROW && !db_col_null(q, 0)) v = db_col_int(q, 0);
  db_done(q);
  return v;
}

char *db_text(Db *db, Arena *a, const char *zSql, const char *zTypes, ...) {
  DbStmt *q = db_prepare(db, zSql);
  va_list ap;
  va_start(ap, zTypes);
  bind_va(q, zTypes, ap);
  va_end(ap);
  char *z = 0;
  if (db_step(q) == DB_ROW) z = arena_strdup(a, db_col_text(q, 0));
  db_done(q);
  return z;
}

int db_exec_script(Db *db, const char *zScript) { return db->pOps->xExecScript(db, zScript); }

void db_read_begin(Db *db) {
  if (db_is_postgres(db) || db->bReading) return;
  db->bReading = db_exec_script(db, "BEGIN") == 0;
}

void db_read_end(Db *db) {
  if (!db->bReading) return;
  db->bReading = 0;
  db_exec_script(db, "COMMIT"); /* a read-only transaction: cannot fail */
}

int db_begin(Db *db) {
  db_read_end(db);
  return db_is_postgres(db) ? db_exec_script(db, "BEGIN") : db_sqlite_begin(db);
}

int db_commit(Db *db) {
  return db_is_postgres(db) ? db_exec_script(db, "COMMIT") : db_sqlite_commit(db);
}

void db_rollback(Db *db) {
  char zKeep[sizeof db->zErr]; /* keep the error that caused the rollback */
  memcpy(zKeep, db->zErr, sizeof zKeep);
  db_exec_script(db, "ROLLBACK");
  memcpy(db->zErr, zKeep, sizeof zKeep);
  if (!db_is_postgres(db)) db_sqlite_ended(db);
}

int db_bulk_mode(Db *db, int bOn) {
  if (db_is_postgres(db))
    return db_exec_script(db, bOn ? "SET synchronous_commit TO off" : "SET synchronous_commit TO on");
  /* Leaving WAL for the load halves the bytes written (no checkpoint
  ** copies); the rollback journal stays in memory. */
  db->bBulk = bOn;
  return db_exec_script(db, bOn ? "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
                                  " PRAGMA cache_size=-262144"
                                : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                  " PRAGMA cache_size=-32000");
}

int db_serving(Db *db) {
  return db_is_postgres(db) ? db_exec_script(db, "SET plan_cache_mode TO auto") : 0;
}

int db_analyze(Db *db) {
  return db_exec_script(db, db_is_postgres(db) ? "ANALYZE"
                                               : "PRAGMA analysis_limit=1000; ANALYZE");
}
