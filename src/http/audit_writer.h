/*
** audit_writer.h — the audit entries of reads, committed in batches.
**
** A read of sensitive data is answered only once its audit entry is on
** disk.  Written one request at a time, every view of a person's page is
** a transaction with its own fsync, taken in turn by all the server's
** threads: 60 % of the page's cost, and the threads wait on the disk
** instead of serving.  Instead, the dispatcher hands the entries to this
** writer and suspends the connection; the writer's thread commits every
** entry queued meanwhile in one transaction (a group commit), then resumes
** the connections, whose answers then leave (router_resume).  The
** guarantee is the same: no answer before its audit entry is durable.
*/
#ifndef ALI_AUDIT_WRITER_H
#define ALI_AUDIT_WRITER_H
#include <microhttpd.h>

#include "../domain/audit.h"

/* Starts the writer on its own connection to zDbUrl.  0, or -1 after
** printing why not (the server then writes entries request by request). */
int audit_writer_start(const char *zDbUrl);

/* Commits what is queued, resumes its connections, and stops. */
void audit_writer_stop(void);

/* Queues the n entries a[] of connection c and suspends it; the writer
** sets *pRc (0, or a db.h code) and resumes c once they are committed (or
** failed).  a[] and pRc must live until then.  -1 (nothing queued, c not
** suspended) when the writer is not running. */
int audit_writer_submit(struct MHD_Connection *c, AuditEntry *a, int n, int *pRc);

#endif
