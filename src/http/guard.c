/*
** guard.c — record-level checks with their audit entries (see guard.h).
*/
#include "guard.h"

#include "../domain/sensitive.h"
#include "../lib/jsonw.h"

void guard_denied(Req *r, const char *zEntity, int64_t iId, int64_t iPerson) {
  req_audit(r, "denied", zEntity, iId, iPerson,
            arena_printf(&r->a, "{\"route\":\"%s %s\",\"reason\":\"need_to_know\"}",
                         r->pRoute ? r->pRoute->zMethod : r->zMethod,
                         r->pRoute ? r->pRoute->zPattern : "?"));
}

Relation guard_person(Req *r, int64_t iPerson) {
  Relation e = access_person(r->db, &r->user, iPerson);
  if (e == REL_NONE) guard_denied(r, "person", iPerson, iPerson);
  return e;
}

Relation guard_household(Req *r, int64_t iHousehold) {
  Relation e = access_household(r->db, &r->user, iHousehold);
  if (e == REL_NONE) guard_denied(r, "household", iHousehold, 0);
  return e;
}

Relation guard_person_edit(Req *r, int64_t iPerson) {
  Relation e = access_person(r->db, &r->user, iPerson);
  if (access_can_edit(e)) return e;
  guard_denied(r, "person", iPerson, iPerson);
  return REL_NONE;
}

Relation guard_household_edit(Req *r, int64_t iHousehold) {
  Relation e = access_household(r->db, &r->user, iHousehold);
  if (access_can_edit(e)) return e;
  guard_denied(r, "household", iHousehold, 0);
  return REL_NONE;
}

void guard_sensitive_read(Req *r, int64_t iPerson, unsigned mFields) {
  if (!mFields) return;
  req_audit(r, "read_sensitive", "person", iPerson, iPerson,
            sensitive_audit_detail(&r->a, mFields, 0));
}

void guard_sensitive_write(Req *r, int64_t iPerson, unsigned mChanged) {
  if (!mChanged) return;
  req_audit(r, "update_sensitive", "person", iPerson, iPerson,
            sensitive_audit_detail(&r->a, mChanged, "[changed]"));
}

void guard_break_glass(Req *r, int64_t iPerson, const char *zReason, const char *zExpires) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "reason", zReason);
  jw_kv_str(&w, "expires_at", zExpires);
  jw_obj_end(&w);
  req_audit(r, "break_glass", "person", iPerson, iPerson, buf_str(&b));
  buf_free(&b);
}
