/*
** postgres.c — the PostgreSQL backend of db.h, over libpq.
**
** One connection per worker thread.  Each statement is prepared on the
** server once per connection (PQprepare, named "s<N>"), but for those db.h
** ("Plans") sends whole at each call, and executed with text parameters;
** the whole result arrives on the first db_step and the following steps
** walk it (a stream's rows arrive one by one).  Dates come back as ISO text (DateStyle ISO),
** so callers see the same strings as on SQLite.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/mem.h"
#include "db_impl.h"

/* Maps a failed result to a db.h code, keeping the server's message. */
static int pg_error(Db *db, PGresult *pRes) {
  const char *zState = pRes ? PQresultErrorField(pRes, PG_DIAG_SQLSTATE) : 0;
  const char *zMsg = pRes ? PQresultErrorMessage(pRes) : 0;
  db_set_error(db, zMsg && *zMsg ? zMsg : PQerrorMessage(db->pPg));
  if (zState && strncmp(zState, "23", 2) == 0) return DB_CONSTRAINT;
  if (zState && (strcmp(zState, "40P01") == 0 || strcmp(zState, "55P03") == 0 ||
                 strcmp(zState, "40001") == 0))
    return DB_BUSY;
  return DB_ERROR;
}

static void pg_notice(void *pArg, const char *zMsg) {
  (void)pArg;
  (void)zMsg; /* NOTICEs ("relation exists, skipping") are not for users */
}

int db_postgres_open(Db *db, const char *zUrl) {
  db->pOps = &db_postgres_ops;
  db->pPg = PQconnectdb(zUrl);
  if (PQstatus(db->pPg) != CONNECTION_OK) {
    db_set_error(db, PQerrorMessage(db->pPg));
    return DB_ERROR;
  }
  PQsetNoticeProcessor(db->pPg, pg_notice, 0);
  PGresult *pRes = PQexec(db->pPg,
                          "SET datestyle TO ISO; SET client_encoding TO 'UTF8';"
                          " SET TIME ZONE 'UTC';"
                          /* until db_serving: see Plans in db.h */
                          " SET plan_cache_mode TO force_custom_plan;");
  int rc = PQresultStatus(pRes) == PGRES_COMMAND_OK ? 0 : pg_error(db, pRes);
  PQclear(pRes);
  return rc;
}

/* 1 for a statement sent whole at each call (see Plans in db.h): a
** stream, or one with an optional filter, which these patterns find. */
static int pg_plan_each(const DbStmt *q) {
  static const char *const azOptional[] = {"=0 OR", "= 0 OR", "<0 OR", "< 0 OR", "IS NULL OR"};
  if (q->bStream) return 1;
  for (size_t i = 0; i < sizeof azOptional / sizeof azOptional[0]; i++) {
    if (strstr(q->zSql, azOptional[i])) return 1;
  }
  return 0;
}

static int pg_prepare(Db *db, DbStmt *q) {
  q->iRow = -1;
  q->bStream = strncmp(q->zSql, DB_STREAM, sizeof DB_STREAM - 1) == 0;
  if (pg_plan_each(q)) {
    q->zName[0] = 0;
    return 0;
  }
  snprintf(q->zName, sizeof q->zName, "s%d", ++db->nPrepared);
  PGresult *pRes = PQprepare(db->pPg, q->zName, q->zSql, q->nParam, 0);
  int rc = PQresultStatus(pRes) == PGRES_COMMAND_OK ? 0 : pg_error(db, pRes);
  PQclear(pRes);
  q->iRow = -1;
  return rc;
}

/* Reads what is left of a stream, so that the connection is free. */
static void pg_stream_drain(DbStmt *q) {
  PGresult *pRes;
  while ((pRes = PQgetResult(q->db->pPg)) != NULL) PQclear(pRes);
  q->bStreaming = 0;
}

static void pg_reset(DbStmt *q) {
  if (q->bStreaming) pg_stream_drain(q);
  for (int i = 0; i < q->nParam; i++) {
    free(q->azParam[i]);
    q->azParam[i] = 0;
  }
  PQclear(q->pRes);
  q->pRes = 0;
  q->iRow = -1;
  q->nRow = 0;
}

static void pg_finalize(DbStmt *q) {
  pg_reset(q);
  /* Deallocating costs a round trip; prepared statements die with the
  ** connection, and finalize only runs on close or for nested copies. */
  if (PQstatus(q->db->pPg) == CONNECTION_OK && !q->bCached && q->zName[0]) {
    char zSql[48];
    snprintf(zSql, sizeof zSql, "DEALLOCATE %s", q->zName);
    PQclear(PQexec(q->db->pPg, zSql));
  }
}

static void pg_set(DbStmt *q, int i, char *z) {
  free(q->azParam[i - 1]);
  q->azParam[i - 1] = z;
}

static void pg_bind_int(DbStmt *q, int i, int64_t v) {
  char z[24];
  snprintf(z, sizeof z, "%lld", (long long)v);
  pg_set(q, i, xstrdup(z));
}
static void pg_bind_text(DbStmt *q, int i, const char *z) { pg_set(q, i, xstrdup(z)); }
static void pg_bind_null(DbStmt *q, int i) { pg_set(q, i, 0); }

/* The next row of a DB_STREAM statement, sent at the first step. */
static int pg_stream_step(DbStmt *q) {
  if (!q->bStreaming && !q->pRes) {
    if (!PQsendQueryParams(q->db->pPg, q->zSql, q->nParam, 0, (const char *const *)q->azParam, 0,
                           0, 0) ||
        !PQsetSingleRowMode(q->db->pPg)) {
      int rc = pg_error(q->db, 0);
      pg_stream_drain(q);
      return rc;
    }
    q->bStreaming = 1;
  }
  if (!q->bStreaming) return DB_DONE;
  PQclear(q->pRes);
  q->pRes = PQgetResult(q->db->pPg);
  ExecStatusType st = PQresultStatus(q->pRes);
  if (st == PGRES_SINGLE_TUPLE) {
    q->iRow = 0;
    q->nRow = 1;
    return DB_ROW;
  }
  int rc = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK ? DB_DONE : pg_error(q->db, q->pRes);
  q->iRow = q->nRow = 0;
  pg_stream_drain(q);
  return rc;
}

static int pg_step(DbStmt *q) {
  if (q->bStream) return pg_stream_step(q);
  if (!q->pRes) {
    q->pRes = q->zName[0] ? PQexecPrepared(q->db->pPg, q->zName, q->nParam,
                                           (const char *const *)q->azParam, 0, 0, 0)
                          : PQexecParams(q->db->pPg, q->zSql, q->nParam, 0,
                                         (const char *const *)q->azParam, 0, 0, 0);
    ExecStatusType st = PQresultStatus(q->pRes);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      int rc = pg_error(q->db, q->pRes);
      PQclear(q->pRes);
      q->pRes = 0;
      return rc;
    }
    q->nRow = st == PGRES_TUPLES_OK ? PQntuples(q->pRes) : 0;
    q->iRow = -1;
  }
  if (q->iRow + 1 < q->nRow) {
    q->iRow++;
    return DB_ROW;
  }
  q->iRow = q->nRow;
  return DB_DONE;
}

static int pg_col_count(DbStmt *q) { return q->pRes ? PQnfields(q->pRes) : 0; }
static int pg_col_null(DbStmt *q, int i) {
  return q->iRow < 0 || q->iRow >= q->nRow || PQgetisnull(q->pRes, q->iRow, i);
}
static const char *pg_col_text(DbStmt *q, int i) {
  return pg_col_null(q, i) ? 0 : PQgetvalue(q->pRes, q->iRow, i);
}
static int64_t pg_col_int(DbStmt *q, int i) {
  const char *z = pg_col_text(q, i);
  return z ? strtoll(z, 0, 10) : 0;
}

static int pg_exec_script(Db *db, const char *zScript) {
  PGresult *pRes = PQexec(db->pPg, zScript);
  ExecStatusType st = PQresultStatus(pRes);
  int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : pg_error(db, pRes);
  PQclear(pRes);
  return rc;
}

static void pg_close(Db *db) { PQfinish(db->pPg); }

const DbOps db_postgres_ops = {
    "postgresql",  pg_prepare,   pg_finalize,  pg_reset,
    pg_bind_int,   pg_bind_text, pg_bind_null, pg_step,
    pg_col_count,  pg_col_null,  pg_col_text,  pg_col_int,
    pg_exec_script, pg_close,
};
