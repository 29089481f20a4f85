/*
** audit_writer.c — the audit entries of reads, committed in batches (see
** audit_writer.h).
**
** One thread, one database connection, one queue.  The thread takes the
** whole queue, writes it as one chain extension in one transaction
** (audit_chain_*), and resumes the connections; requests that arrive
** while it commits form the next batch.  Nothing waits on a timer: a
** lone request is written at once, and the batch grows with the load.
*/
#include "audit_writer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "../db/db.h"
#include "../lib/mem.h"

typedef struct AuditJob {
  struct MHD_Connection *pConn;
  AuditEntry *a;
  int n;
  int *pRc;
  struct AuditJob *pNext;
} AuditJob;

static struct {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  AuditJob *pHead, **ppTail; /* the queue, oldest first */
  int bRunning;              /* submissions accepted */
  pthread_t thread;
  Db *db;
} w = {.mutex = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

/* Writes the entries of every job of the batch in one transaction.  0 or
** a db.h code (then nothing of the batch was written). */
static int write_batch(AuditJob *pBatch) {
  AuditChain chain;
  int rc = db_begin(w.db);
  if (!rc) rc = audit_chain_begin(w.db, &chain);
  for (AuditJob *j = pBatch; j && !rc; j = j->pNext) {
    for (int i = 0; i < j->n && !rc; i++) rc = audit_chain_append(w.db, &chain, &j->a[i]);
  }
  if (!rc) rc = audit_chain_end(w.db, &chain);
  if (!rc) rc = db_commit(w.db);
  if (rc) {
    fprintf(stderr, "ali: audit append failed: %s\n", db_errmsg(w.db));
    db_rollback(w.db);
  }
  return rc;
}

static void *writer_main(void *pArg) {
  (void)pArg;
  for (;;) {
    pthread_mutex_lock(&w.mutex);
    while (!w.pHead && w.bRunning) pthread_cond_wait(&w.cond, &w.mutex);
    AuditJob *pBatch = w.pHead;
    w.pHead = 0;
    w.ppTail = &w.pHead;
    pthread_mutex_unlock(&w.mutex);
    if (!pBatch) break; /* stopped, and nothing left */
    int rc = write_batch(pBatch);
    while (pBatch) {
      AuditJob *pNext = pBatch->pNext;
      *pBatch->pRc = rc;
      MHD_resume_connection(pBatch->pConn);
      free(pBatch);
      pBatch = pNext;
    }
  }
  return 0;
}

int audit_writer_start(const char *zDbUrl) {
  char zErr[256];
  if (db_open(zDbUrl, &w.db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: the audit writer cannot open the database: %s\n", zErr);
    return -1;
  }
  /* it touches the tail of the audit table and the pages of its indexes:
  ** a small cache, so that the server stays within its memory */
  if (!db_is_postgres(w.db)) db_exec_script(w.db, "PRAGMA cache_size=-2000");
  w.pHead = 0;
  w.ppTail = &w.pHead;
  w.bRunning = 1;
  if (pthread_create(&w.thread, 0, writer_main, 0)) {
    fprintf(stderr, "ali: cannot start the audit writer\n");
    w.bRunning = 0;
    db_close(w.db);
    w.db = 0;
    return -1;
  }
  return 0;
}

void audit_writer_stop(void) {
  pthread_mutex_lock(&w.mutex);
  int bWasRunning = w.bRunning;
  w.bRunning = 0;
  pthread_cond_signal(&w.cond);
  pthread_mutex_unlock(&w.mutex);
  if (!bWasRunning) return;
  pthread_join(w.thread, 0); /* it empties the queue first */
  db_close(w.db);
  w.db = 0;
}

int audit_writer_submit(struct MHD_Connection *c, AuditEntry *a, int n, int *pRc) {
  pthread_mutex_lock(&w.mutex);
  if (!w.bRunning) {
    pthread_mutex_unlock(&w.mutex);
    return -1;
  }
  /* suspended before the writer can see the job, so that it never
  ** resumes a connection not yet suspended */
  MHD_suspend_connection(c);
  AuditJob *j = xcalloc(1, sizeof *j);
  j->pConn = c;
  j->a = a;
  j->n = n;
  j->pRc = pRc;
  *w.ppTail = j;
  w.ppTail = &j->pNext;
  pthread_cond_signal(&w.cond);
  pthread_mutex_unlock(&w.mutex);
  return 0;
}
