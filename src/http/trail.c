/*
** trail.c — the audit entries a request produces (see req.h).  A write
** appends them inside its own transaction, so the change and its record
** commit together; a read queues them and the dispatcher has them
** written (audit_writer.c, or here) before the answer leaves.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/person.h"
#include "req.h"

#define TRAIL_MAX 64 /* entries one request may queue */

static AuditEntry entry(Req *r, const char *zAction, const char *zEntity, int64_t iEntity,
                        int64_t iPerson, const char *zDetail) {
  AuditEntry e = {0};
  e.iAgency = r->iAgency;
  e.iUser = r->user.id;
  e.zUsername = r->user.zUsername;
  e.zAddress = r->zAddress;
  e.zAction = arena_strdup(&r->a, zAction);
  e.zEntity = arena_strdup(&r->a, zEntity);
  e.iEntityId = iEntity;
  e.iPerson = iPerson;
  e.zDetail = arena_strdup(&r->a, zDetail);
  return e;
}

void req_audit(Req *r, const char *zAction, const char *zEntity, int64_t iEntity,
               int64_t iPerson, const char *zDetail) {
  AuditEntry e = entry(r, zAction, zEntity, iEntity, iPerson, zDetail);
  /* A refusal ends in a rollback: record it after, not inside. */
  if (r->bInTransaction && strcmp(zAction, "denied") != 0) {
    if (audit_append(r->db, &e)) {
      fprintf(stderr, "ali: audit append failed: %s\n", db_errmsg(r->db));
      req_error(r, 503, "The change could not be recorded; nothing was saved.");
    }
    return;
  }
  if (!r->aAudit) r->aAudit = arena_alloc(&r->a, TRAIL_MAX * sizeof(AuditEntry));
  if (r->nAudit < TRAIL_MAX) r->aAudit[r->nAudit++] = e;
}

int req_audit_flush(Req *r) {
  if (!r->nAudit) return 0;
  int rc = db_begin(r->db);
  for (int i = 0; !rc && i < r->nAudit; i++) rc = audit_append(r->db, &r->aAudit[i]);
  if (!rc) rc = db_commit(r->db);
  if (rc) {
    fprintf(stderr, "ali: audit append failed: %s\n", db_errmsg(r->db));
    db_rollback(r->db);
    req_audit_failed(r);
    return -1;
  }
  r->nAudit = 0;
  return 0;
}

void req_audit_failed(Req *r) {
  buf_reset(&r->out);
  r->nHeader = 0;
  r->pStatic = 0;
  r->nAudit = 0;
  req_error(r, 503, "The database is busy; try again in a moment.");
}

void req_audit_person(Req *r, const Person *pBefore, int64_t id) {
  Person after;
  if (person_get(r->db, &r->a, r->iAgency, id, &after)) return;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_person(&d, pBefore, &after);
  const char *zDetail = audit_diff_finish(&d, &r->a);
  if (zDetail) req_audit(r, pBefore ? "update" : "create", "person", id, id, zDetail);
}
