/*
** api_register.c — the activity register of a case (register.h) in the
** JSON API:
**
**   GET  /api/v1/cases/{id}/activities   the entries the caller may see,
**        newest first (by date, then id); ?kind=CODE, ?member=PERSON_ID,
**        ?limit=, ?cursor= (the next_cursor "YYYY-MM-DD.ID" of a page)
**   POST /api/v1/cases/{id}/activities   add one: on_date, kind, minutes,
**        members (person ids of the household), intervention_id (or
**        null), restricted (boolean), text; 201 with the entry
**
** Record level as on the pages (page_register.c): reading needs
** register_can_read() of the caller's relation to the case, writing
** register_can_write(); anything else is the case's 404, audited as
** "denied".  Restricted entries of others the caller may not see are
** left out.  A key not in the body's schema, or of the wrong type, is a
** 422 naming it (api_case_body_read).  A write is audited ("create",
** entity activity, the participant's id).
*/
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/register.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "api.h"
#include "api_common.h"

/* The case of the path and the caller's relation to it when xAllowed
** allows it; else audits "denied", answers 404 and returns REL_NONE. */
static Relation reg_case_load(Req *r, int (*xAllowed)(Relation), Case *p) {
  int rc = intake_case_get(r->db, &r->a, r->iAgency, r->aId[0], p);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "case");
    return REL_NONE;
  }
  Relation e = rc ? REL_NONE : intake_case_relation(r->db, &r->user, p);
  if (e == REL_NONE || !xAllowed(e)) {
    guard_denied(r, "case", r->aId[0], rc ? 0 : p->iPerson);
    api_not_found(r, "case");
    return REL_NONE;
  }
  return e;
}

/* One entry as JSON. */
static void activity_json(Req *r, JsonW *w, const Activity *x) {
  jw_obj(w);
  jw_kv_int(w, "id", x->id);
  jw_kv_int(w, "case_id", x->iCase);
  jw_kv_str(w, "on_date", x->zOn);
  jw_kv_str(w, "kind", register_kind_code(x->eKind));
  jw_kv_int(w, "minutes", x->nMinutes);
  jw_key(w, "author");
  jw_obj(w);
  jw_kv_int(w, "id", x->iAuthor);
  jw_kv_str(w, "name", x->zAuthor);
  jw_obj_end(w);
  jw_key(w, "members");
  jw_arr(w);
  for (int i = 0; i < x->nMember; i++) {
    jw_obj(w);
    jw_kv_int(w, "id", x->aMember[i].iPerson);
    jw_kv_str(w, "first_name", x->aMember[i].zFirstName);
    jw_kv_str(w, "last_name", x->aMember[i].zLastName);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  if (x->iIntervention) {
    jw_kv_int(w, "intervention_id", x->iIntervention);
    jw_kv_str(w, "intervention_service", r->iLang == LANG_EN ? x->zServiceEn : x->zServiceIt);
  } else {
    jw_kv_null(w, "intervention_id");
    jw_kv_null(w, "intervention_service");
  }
  jw_kv_str(w, "confidentiality", x->bRestricted ? "restricted" : "normal");
  jw_kv_str(w, "text", x->zText);
  jw_kv_str(w, "created_at", x->zCreatedAt);
  jw_obj_end(w);
}

/* The cursor "YYYY-MM-DD.ID" into f; 0, or -1 after answering 400. */
static int reg_cursor(Req *r, const char *zCursor, ActivityFilter *f) {
  if (!zCursor) return 0;
  const char *zDot = strchr(zCursor, '.');
  if (!zDot || zDot - zCursor != 10 || !zDot[1] ||
      strspn(zDot + 1, "0123456789") != strlen(zDot + 1) || strlen(zDot + 1) > 18) {
    return api_bad_cursor(r);
  }
  f->zBeforeOn = arena_strndup(&r->a, zCursor, 10);
  if (!date_valid(f->zBeforeOn)) return api_bad_cursor(r);
  f->iBeforeId = strtoll(zDot + 1, NULL, 10);
  return 0;
}

/* The filter of the query: ?kind, ?member, ?limit, ?cursor. */
static int reg_filter(Req *r, ActivityFilter *f) {
  static const char *const azKind[] = {"meeting",        "phone_call",   "home_visit", "email",
                                       "school_meeting", "team_meeting", "note",       NULL};
  const char *zKind = NULL, *zCursor = NULL;
  memset(f, 0, sizeof *f);
  if (api_query_choice(r, "kind", azKind, &zKind) || api_query_id(r, "member", &f->iMember) ||
      api_page_params(r, &f->nLimit, &zCursor) || reg_cursor(r, zCursor, f)) {
    return -1;
  }
  f->eKind = zKind ? register_kind_from_code(zKind) : -1;
  return 0;
}

void api_register_list(Req *r) {
  Case c;
  Relation e = reg_case_load(r, register_can_read, &c);
  if (e == REL_NONE) return;
  ActivityFilter f;
  if (reg_filter(r, &f)) return;
  Activity *a;
  int n, bMore;
  int rc = register_list(r->db, &r->a, r->iAgency, c.id, e, r->user.id, &f, &a, &n, &bMore);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < n; i++) activity_json(r, &w, &a[i]);
  api_list_end(r, &w,
               bMore && n ? arena_printf(&r->a, "%s.%" PRId64, a[n - 1].zOn, a[n - 1].id) : NULL);
}

/* The body of a new entry (members and intervention_id are read apart). */
typedef struct ActivityBody {
  const char *zOn, *zKind, *zText;
  int nMinutes;
  int bRestricted;
} ActivityBody;

static const ApiField aActivityField[] = {
    {"on_date", API_TEXT, offsetof(ActivityBody, zOn), 0},
    {"kind", API_TEXT, offsetof(ActivityBody, zKind), 0},
    {"minutes", API_INT, offsetof(ActivityBody, nMinutes), 0},
    {"restricted", API_BOOL, offsetof(ActivityBody, bRestricted), 0},
    {"text", API_TEXT, offsetof(ActivityBody, zText), 0},
    {0, 0, 0, 0},
};

/* "members": an array of positive integers, into in; 0, or 1 after
** adding the error. */
static int reg_members(Req *r, ActivityInput *in) {
  json_t *v = r->pJson ? json_object_get(r->pJson, "members") : NULL;
  if (!v) return 0;
  size_t n = json_is_array(v) ? json_array_size(v) : 0;
  int64_t *a = arena_alloc(&r->a, (n + 1) * sizeof *a);
  int bOk = json_is_array(v);
  for (size_t i = 0; bOk && i < n; i++) {
    json_t *x = json_array_get(v, i);
    bOk = json_is_integer(x) && json_integer_value(x) > 0;
    if (bOk) a[i] = json_integer_value(x);
  }
  if (!bOk) {
    errors_add(&r->err, "members", "must be an array of person ids");
    return 1;
  }
  in->aMember = a;
  in->nMember = (int)n;
  return 0;
}

void api_register_add(Req *r) {
  Case c;
  if (reg_case_load(r, register_can_write, &c) == REL_NONE) return;
  static const char *const azAlso[] = {"members", "intervention_id", NULL};
  static const char *const azRequired[] = {"minutes", NULL};
  ActivityBody b = {0};
  ActivityInput in = {0};
  int nErr = api_case_body_read(r, aActivityField, azAlso, &b);
  nErr += reg_members(r, &in) + api_case_body_id(r, "intervention_id", &in.iIntervention);
  nErr += api_body_require(r, azRequired);
  if (nErr) {
    api_invalid(r);
    return;
  }
  in.zOn = b.zOn;
  in.zKind = b.zKind;
  in.nMinutes = b.nMinutes;
  in.bRestricted = b.bRestricted;
  in.zText = b.zText;
  int64_t id = 0;
  Activity x;
  int rc = register_add(r->db, r->iAgency, c.id, &in, r->user.id, &id, &r->err);
  if (rc == 0) rc = register_get(r->db, &r->a, r->iAgency, c.id, id, &x);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  req_audit(r, "create", "activity", id, c.iPerson,
            in.bRestricted ? "{\"confidentiality\":\"restricted\"}" : NULL);
  JsonW w;
  req_json_begin(r, 201);
  jw_init(&w, &r->out);
  activity_json(r, &w, &x);
  buf_putc(&r->out, '\n');
}
