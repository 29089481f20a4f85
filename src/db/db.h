/*
** db.h — the one small interface between ali and its store.
**
** Two backends sit behind it: SQLite (a file path) and PostgreSQL (a
** "postgresql://" or "postgres://" URL).  Nothing above src/db/ knows which
** one is in use, except migrate.c, which picks the DDL dialect.
**
** SQL is portable DML with $1..$n placeholders.  SQL text is always a string
** literal: its address is the key of the per-connection statement cache, so
** each statement is prepared once per connection.  A bad prepare is a
** programmer error and aborts; expected failures (a constraint, a busy
** database) come back as negative codes with db_errmsg() set.
**
** Typical use:
**
**   DbStmt *q = db_query(db, "SELECT id, last_name FROM person"
**                            " WHERE agency_id=$1 AND name_key>=$2", "it",
**                        agencyId, zKey);
**   while (db_step(q) == DB_ROW) { ... db_col_int(q, 0) ... }
**   db_done(q);
**
** Values: integers are int64_t; text is UTF-8; dates are 'YYYY-MM-DD' text,
** timestamps UTC ISO 8601 text, booleans 0/1, money integer cents.
*/
#ifndef ALI_DB_H
#define ALI_DB_H
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"

typedef struct Db Db;
typedef struct DbStmt DbStmt;

enum {
  DB_OK = 0,
  DB_ROW = 1,          /* db_step: a row is ready */
  DB_DONE = 2,         /* db_step: no more rows */
  DB_ERROR = -1,       /* anything unexpected; db_errmsg() says what */
  DB_CONSTRAINT = -2,  /* unique, foreign key, check or not-null violated */
  DB_BUSY = -3,        /* the database stayed locked past the busy timeout */
};

/* Opens zUrl (a file path or a postgresql:// URL).  On failure returns a
** negative code, sets *ppDb to NULL and writes a message to zErr. */
int db_open(const char *zUrl, Db **ppDb, char *zErr, size_t nErr);
void db_close(Db *db); /* NULL is a no-op */

const char *db_backend(const Db *db); /* "sqlite" or "postgresql" */
int db_is_postgres(const Db *db);     /* for migrate.c's dialect only */
const char *db_errmsg(Db *db);        /* the last error on this connection */

/* Plans.  PostgreSQL prepares each statement once per connection
** (parsing a statement cost more than running the lookups by key of
** every request), except two kinds, sent whole at each call and planned
** for their values: those with optional filters ("$n = 0 OR ...",
** "... IS NULL OR ..."), where a plan made once for other values scans
** everything (a caseload went from 2,000 pages a second to 4), and the
** streams (DB_STREAM).  How the prepared ones are planned is the
** connection's: a command plans every call (an import fills tables from
** empty in one transaction, and a plan cached on the empty table made it
** O(n^2)); a connection that db_serving marked may keep a generic plan.
** SQLite plans once anyway, from its statistics (db_analyze). */

/* Streams.  A statement that begins with DB_STREAM reads a whole table
** for a report: PostgreSQL sends its rows one by one (libpq's single-row
** mode) instead of the whole result at once, so that memory stays flat
** however many rows (a result of a million rows would take hundreds of
** megabytes).  While it is read, until db_step returns DB_DONE or
** db_done, no other statement may run on the connection.  SQLite always
** steps row by row. */
#define DB_STREAM "/* streamed */ "

/* This connection serves requests (ali serve): its prepared statements
** may keep PostgreSQL's generic plans.  No-op on SQLite. */
int db_serving(Db *db);

/* Statements.  db_prepare returns a cached statement, reset and unbound. */
DbStmt *db_prepare(Db *db, const char *zSql);
void db_bind_int(DbStmt *q, int i, int64_t v); /* i counts from 1, like $1 */
void db_bind_text(DbStmt *q, int i, const char *z); /* NULL binds SQL NULL */
void db_bind_null(DbStmt *q, int i);
int db_step(DbStmt *q); /* DB_ROW, DB_DONE or a negative error */
int db_col_count(DbStmt *q);
int db_col_null(DbStmt *q, int i);          /* i counts from 0 */
int64_t db_col_int(DbStmt *q, int i);       /* NULL reads as 0 */
const char *db_col_text(DbStmt *q, int i);  /* NULL for SQL NULL; valid until
                                             ** the next step or db_done */
void db_done(DbStmt *q); /* finished with q: reset it back into the cache */

/* One-liners.  zTypes has one letter per parameter: 'i' an int64_t,
** 't' a const char * (NULL binds SQL NULL). */
DbStmt *db_query(Db *db, const char *zSql, const char *zTypes, ...);
int db_exec(Db *db, const char *zSql, const char *zTypes, ...); /* 0 or < 0 */
int64_t db_int(Db *db, int64_t iDflt, const char *zSql, const char *zTypes, ...);
char *db_text(Db *db, Arena *a, const char *zSql, const char *zTypes, ...);

/* Several ;-separated statements without parameters (migrations, DDL). */
int db_exec_script(Db *db, const char *zScript);

/* Transactions.  db_begin takes the write lock at once (SQLite: BEGIN
** IMMEDIATE) so that two writers never deadlock on a lock upgrade. */
int db_begin(Db *db);
int db_commit(Db *db);
void db_rollback(Db *db);

/* One snapshot for a run of reads (a web request).  On SQLite each
** statement outside a transaction opens and closes its own read
** transaction, and each of those locks the WAL index that the server's
** threads share: a person's page reads a dozen times.  db_read_begin
** opens one read transaction for them all; db_begin, or any statement
** that writes, ends it first (so a write never runs on an old snapshot),
** and db_read_end ends it.  Both are no-ops on PostgreSQL, where an
** explicit transaction costs two round trips and buys nothing here. */
void db_read_begin(Db *db);
void db_read_end(Db *db);

/* Bulk loading of a new database (ali demo): trades durability for speed
** until turned off — SQLite: synchronous=OFF and a large page cache;
** PostgreSQL: synchronous_commit=off.  A crash during the load can lose
** it, so use it only for data that can be generated again. */
int db_bulk_mode(Db *db, int bOn);

/* Refreshes the query planner's statistics, after a bulk load or a
** migration.  Without them SQLite reads every row of a report through an
** index that selects nothing (agency_id: 3.6 s where a scan takes 1 s,
** 825,000 expenses).  SQLite samples (analysis_limit, under a second at
** 100,000 participants); PostgreSQL's autovacuum would catch up later. */
int db_analyze(Db *db);

#endif
