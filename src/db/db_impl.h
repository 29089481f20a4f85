/*
** db_impl.h — what db.c shares with the two backends (sqlite.c,
** postgres.c).  Private to src/db/.
*/
#ifndef ALI_DB_IMPL_H
#define ALI_DB_IMPL_H
#include <libpq-fe.h>
#include <sqlite3.h>

#include "db.h"

#define DB_MAX_PARAM 32

/* A prepared statement of either backend. */
struct DbStmt {
  Db *db;
  const char *zSql;   /* the literal it was prepared from (cache key) */
  int bBusy;          /* handed out by db_prepare, not yet db_done */
  int bCached;        /* lives in the cache; else finalized by db_done */
  int nParam;         /* highest $n used */
  /* SQLite */
  sqlite3_stmt *pSt;
  int aIdx[DB_MAX_PARAM + 1]; /* $n -> sqlite parameter index (0: unused) */
  /* PostgreSQL */
  char zName[24];              /* server-side prepared statement name */
  char *azParam[DB_MAX_PARAM]; /* bound values, owned; NULL = SQL NULL */
  PGresult *pRes;              /* result of the execution, after 1st step */
  int iRow, nRow;              /* cursor in pRes */
  int bStream;                 /* DB_STREAM: rows arrive one by one */
  int bStreaming;              /* sent, and not all of it read yet */
};

/* Backend operations.  db.c owns the cache and the one-liners. */
typedef struct DbOps {
  const char *zName;
  int (*xPrepare)(Db *, DbStmt *);    /* fills pSt or zName; 0 or error */
  void (*xFinalize)(DbStmt *);
  void (*xReset)(DbStmt *);           /* clears bindings and results */
  void (*xBindInt)(DbStmt *, int, int64_t);
  void (*xBindText)(DbStmt *, int, const char *);
  void (*xBindNull)(DbStmt *, int);
  int (*xStep)(DbStmt *);
  int (*xColCount)(DbStmt *);
  int (*xColNull)(DbStmt *, int);
  const char *(*xColText)(DbStmt *, int);
  int64_t (*xColInt)(DbStmt *, int);
  int (*xExecScript)(Db *, const char *);
  void (*xClose)(Db *);
} DbOps;

struct Db {
  const DbOps *pOps;
  sqlite3 *pSqlite;
  PGconn *pPg;
  int nPrepared;        /* PostgreSQL: statements named so far */
  int bReading;         /* SQLite: inside db_read_begin's transaction */
  struct WriterLock *pWriterLock; /* SQLite: the file's writer queue */
  int bWriter;          /* SQLite: holds it (between db_begin and the end) */
  int bBulk;            /* SQLite: in db_bulk_mode (no WAL, no syncs) */
  DbStmt **apCache;     /* open-addressing hash on the zSql address */
  int nCache, nCacheUsed;
  char zErr[512];
};

extern const DbOps db_sqlite_ops;
extern const DbOps db_postgres_ops;
int db_sqlite_open(Db *db, const char *zPath);
#define DB_SQLITE_BUSY_MS 10000
int db_sqlite_begin(Db *db);    /* queue for the writer lock, BEGIN IMMEDIATE */
void db_sqlite_ended(Db *db);   /* after COMMIT or ROLLBACK: leave the queue */
int db_sqlite_commit(Db *db);   /* COMMIT, leave the queue, then make it durable */
int db_postgres_open(Db *db, const char *zUrl);
void db_set_error(Db *db, const char *zMsg);

#endif
