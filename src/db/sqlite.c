/*
** sqlite.c — the SQLite backend of db.h.
**
** One connection per thread, WAL mode, synchronous=FULL (an acknowledged
** write survives power loss; db_commit() keeps that promise its own way,
** see db_sqlite_commit), foreign keys on, and a busy timeout: two workers
** opening a WAL database at once otherwise get SQLITE_BUSY.
** Parameters are written $1..$n and bound by *name*: SQLite numbers named
** parameters in order of appearance, so "$2||$1" would swap them by index.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/mem.h"
#include "db_impl.h"

static int sqlite_error(Db *db, int rc) {
  db_set_error(db, sqlite3_errmsg(db->pSqlite));
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DB_BUSY;
    default: return DB_ERROR;
  }
}

/* ---- one writer at a time, queued in the process ----
**
** SQLite lets one connection write at a time; the others wait in its busy
** handler, which polls with sleeps of 1, 2, 5 ... 100 ms.  Under load a
** writer then waits long after the lock is free (a p99 of hundreds of ms
** for a 1 ms transaction).  So the server's connections to one file first
** queue on a mutex of their own, which wakes the next writer at once;
** SQLite's lock still guards against other processes. */
typedef struct WriterLock {
  char *zPath;
  pthread_mutex_t mutex;
  struct WriterLock *pNext;
} WriterLock;

static WriterLock *writerLocks; /* one per database file, never freed */
static pthread_mutex_t writerLocksMutex = PTHREAD_MUTEX_INITIALIZER;

static WriterLock *writer_lock_of(const char *zPath) {
  if (!zPath[0] || strcmp(zPath, ":memory:") == 0) return 0; /* private */
  char *zReal = realpath(zPath, 0);
  const char *zKey = zReal ? zReal : zPath;
  pthread_mutex_lock(&writerLocksMutex);
  WriterLock *p = writerLocks;
  while (p && strcmp(p->zPath, zKey) != 0) p = p->pNext;
  if (!p) {
    p = xcalloc(1, sizeof *p);
    p->zPath = xstrdup(zKey);
    pthread_mutex_init(&p->mutex, 0);
    p->pNext = writerLocks;
    writerLocks = p;
  }
  pthread_mutex_unlock(&writerLocksMutex);
  free(zReal);
  return p;
}

int db_sqlite_begin(Db *db) {
  WriterLock *p = db->pWriterLock;
  if (p && !db->bWriter) {
    /* bounded like SQLite's busy timeout: a thread that already writes
    ** through a second connection gets SQLITE_BUSY, not a deadlock */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += DB_SQLITE_BUSY_MS / 1000;
    db->bWriter = pthread_mutex_timedlock(&p->mutex, &ts) == 0;
  }
  /* the level of the COMMIT (db_sqlite_commit); outside a transaction
  ** only: SQLite refuses to change it inside one */
  if (!db->bBulk) db_exec_script(db, "PRAGMA synchronous=NORMAL");
  int rc = db_exec_script(db, "BEGIN IMMEDIATE");
  if (rc) db_sqlite_ended(db);
  return rc;
}

void db_sqlite_ended(Db *db) {
  if (!sqlite3_get_autocommit(db->pSqlite)) return; /* a COMMIT that failed */
  if (!db->bBulk) db_exec_script(db, "PRAGMA synchronous=FULL");
  if (db->bWriter) {
    db->bWriter = 0;
    pthread_mutex_unlock(&db->pWriterLock->mutex);
  }
}

/* SQLite counts every allocation under one process-wide mutex unless
** told not to: the server's threads then queue on it.  Must precede the
** library's initialisation, which the first open does. */
static void sqlite_configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* Group commit.  With synchronous=FULL, SQLite syncs the WAL inside
** COMMIT, while this process's writer queue and SQLite's write lock are
** held: every writer waits for the disk flush of the one before it, and
** the flush (about a millisecond here) bounds the writes per second.  So
** a transaction of db_begin runs at synchronous=NORMAL (its COMMIT appends
** the frames and does not flush them), the locks are released, and only
** then is the WAL synced: the next writer works during this one's flush,
** and one flush covers every frame written before it, whichever
** connection wrote it.  The caller hears of success only after the sync,
** so an acknowledged write is as durable as with FULL.  A checkpoint
** syncs the WAL before it copies frames into the database and syncs the
** database before the WAL is reused, so frames moved there are durable
** too.  Statements outside db_begin/db_commit (a session's last-seen
** time, a logout) run at FULL. */
static int sqlite_sync_wal(Db *db) {
  sqlite3_file *pWal = 0;
  if (sqlite3_file_control(db->pSqlite, "main", SQLITE_FCNTL_JOURNAL_POINTER, &pWal) != SQLITE_OK ||
      !pWal || !pWal->pMethods)
    return 0; /* no WAL open (an in-memory database): nothing to flush */
  int rc = pWal->pMethods->xSync(pWal, SQLITE_SYNC_NORMAL);
  if (rc == SQLITE_OK) return 0;
  db_set_error(db, "the write was committed but could not be flushed to disk");
  return DB_ERROR;
}

int db_sqlite_commit(Db *db) {
  int rc = db_exec_script(db, "COMMIT");
  db_sqlite_ended(db);
  /* in bulk mode: synchronous=OFF and no WAL, nothing to flush */
  if (!rc && !db->bBulk) rc = sqlite_sync_wal(db);
  return rc;
}

int db_sqlite_open(Db *db, const char *zPath) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, sqlite_configure);
  db->pOps = &db_sqlite_ops;
  int rc = sqlite3_open_v2(zPath, &db->pSqlite,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 0);
  if (rc != SQLITE_OK) {
    db_set_error(db, db->pSqlite ? sqlite3_errmsg(db->pSqlite) : "cannot open the database");
    return DB_ERROR;
  }
  sqlite3_busy_timeout(db->pSqlite, DB_SQLITE_BUSY_MS);
  db->pWriterLock = writer_lock_of(zPath);
  rc = sqlite3_exec(db->pSqlite,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    " PRAGMA foreign_keys=ON; PRAGMA cache_size=-32000;"
                    /* statement journals and sorts in memory, not temp files:
                    ** an import of 1M rows spends 40% less time */
                    " PRAGMA temp_store=MEMORY;",
                    0, 0, 0);
  if (rc != SQLITE_OK) return sqlite_error(db, rc);
  return 0;
}

static int sqlite_prepare(Db *db, DbStmt *q) {
  int rc = sqlite3_prepare_v3(db->pSqlite, q->zSql, -1, SQLITE_PREPARE_PERSISTENT, &q->pSt, 0);
  if (rc != SQLITE_OK) return sqlite_error(db, rc);
  for (int i = 1; i <= q->nParam; i++) {
    char zName[16];
    snprintf(zName, sizeof zName, "$%d", i);
    q->aIdx[i] = sqlite3_bind_parameter_index(q->pSt, zName);
  }
  return 0;
}

static void sqlite_finalize(DbStmt *q) { sqlite3_finalize(q->pSt); }

static void sqlite_reset(DbStmt *q) {
  sqlite3_reset(q->pSt);
  sqlite3_clear_bindings(q->pSt);
}

static void sqlite_bind_int(DbStmt *q, int i, int64_t v) {
  if (q->aIdx[i]) sqlite3_bind_int64(q->pSt, q->aIdx[i], v);
}
static void sqlite_bind_text(DbStmt *q, int i, const char *z) {
  if (q->aIdx[i]) sqlite3_bind_text(q->pSt, q->aIdx[i], z, -1, SQLITE_TRANSIENT);
}
static void sqlite_bind_null(DbStmt *q, int i) {
  if (q->aIdx[i]) sqlite3_bind_null(q->pSt, q->aIdx[i]);
}

static int sqlite_step(DbStmt *q) {
  /* A write inside db_read_begin's snapshot would have to upgrade it,
  ** and fail if another connection wrote since: end the snapshot. */
  if (q->db->bReading && !sqlite3_stmt_readonly(q->pSt)) db_read_end(q->db);
  int rc = sqlite3_step(q->pSt);
  if (rc == SQLITE_ROW) return DB_ROW;
  if (rc == SQLITE_DONE) return DB_DONE;
  return sqlite_error(q->db, sqlite3_extended_errcode(q->db->pSqlite));
}

static int sqlite_col_count(DbStmt *q) { return sqlite3_column_count(q->pSt); }
static int sqlite_col_null(DbStmt *q, int i) {
  return sqlite3_column_type(q->pSt, i) == SQLITE_NULL;
}
static const char *sqlite_col_text(DbStmt *q, int i) {
  return (const char *)sqlite3_column_text(q->pSt, i);
}
static int64_t sqlite_col_int(DbStmt *q, int i) { return sqlite3_column_int64(q->pSt, i); }

static int sqlite_exec_script(Db *db, const char *zScript) {
  char *zErr = 0;
  int rc = sqlite3_exec(db->pSqlite, zScript, 0, 0, &zErr);
  if (rc != SQLITE_OK) {
    db_set_error(db, zErr);
    sqlite3_free(zErr);
    return (rc & 0xff) == SQLITE_CONSTRAINT ? DB_CONSTRAINT
         : (rc & 0xff) == SQLITE_BUSY      ? DB_BUSY
                                           : DB_ERROR;
  }
  return 0;
}

static void sqlite_close(Db *db) {
  sqlite3_close(db->pSqlite);
  if (db->bWriter) {
    db->bWriter = 0;
    pthread_mutex_unlock(&db->pWriterLock->mutex);
  }
}

const DbOps db_sqlite_ops = {
    "sqlite",         sqlite_prepare,  sqlite_finalize,  sqlite_reset,
    sqlite_bind_int,  sqlite_bind_text, sqlite_bind_null, sqlite_step,
    sqlite_col_count, sqlite_col_null, sqlite_col_text,  sqlite_col_int,
    sqlite_exec_script, sqlite_close,
};
