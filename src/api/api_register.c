/*
** api_register.c — the activity register of a case (register.h) in the
** JSON API:
**
**   GET  /api/v1/cases/{id}/activities   the entries the caller may see:
**        ?status=done (the default, the timeline) newest first (by date,
**        then id), ?limit=, ?cursor= (the next_cursor "YYYY-MM-DD.ID" of a
**        page); ?status=planned by day and hour, ?status=cancelled the
**        latest first, both paged by ?limit= and ?cursor= (an id);
**        ?kind=CODE, ?member=PERSON_ID
**   POST /api/v1/cases/{id}/activities   add one: on_date, kind, minutes,
**        members (person ids of the household), intervention_id (or
**        null), restricted (boolean), text; 201 with the entry.  With
**        "status": "planned" it is planned (agenda.h): on_date today or
**        later, no minutes, time ("HH:MM" or null), workers (user ids)
**   POST /api/v1/cases/{id}/activities/{id}/done     record a planned one
**        as done: on_date (absent: the planned day), minutes, text
**   POST /api/v1/cases/{id}/activities/{id}/cancel   cancel a planned one:
**        reason
**
** Record level as on the pages (page_register.c): reading needs
** register_can_read() of the caller's relation to the case, writing
** register_can_write(); anything else is the case's 404, audited as
** "denied".  Restricted entries of others the caller may not see are
** left out.  A key not in the body's schema, or of the wrong type, is a
** 422 naming it (api_case_body_read).  A write is audited ("create",
** entity activity, the participant's id).  Recording or cancelling: an
** activity the caller does not see is a 404 (audited "denied"), one they
** may not close (agenda_can_close) a 403, one not planned a 409; both
** audited "update" with the status.
*/
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/agenda.h"
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

/* The planning members of an entry's JSON object (null when never
** planned). */
static void activity_plan_json(JsonW *w, const Activity *x) {
  jw_kv_str(w, "status", register_status_code(x->eStatus));
  jw_kv_str(w, "planned_on", x->zPlannedOn);
  jw_kv_str(w, "planned_time", x->zPlannedTime);
  jw_kv_str(w, "purpose", x->zPlanText);
  jw_kv_str(w, "cancel_reason", x->zCancelReason);
  api_kv_ref(w, "closed_by", x->iClosedBy, x->zClosedBy);
  jw_kv_str(w, "closed_at", x->zClosedAt);
  jw_key(w, "workers");
  jw_arr(w);
  for (int i = 0; i < x->nWorker; i++) {
    jw_obj(w);
    jw_kv_int(w, "id", x->aWorker[i].iUser);
    jw_kv_str(w, "name", x->aWorker[i].zFullName);
    jw_obj_end(w);
  }
  jw_arr_end(w);
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
  activity_plan_json(w, x);
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

/* The filter of the query: ?kind, ?member and, for the timeline
** (bPages), ?limit and ?cursor. */
static int reg_filter(Req *r, int bPages, ActivityFilter *f) {
  static const char *const azKind[] = {"meeting",        "phone_call",   "home_visit", "email",
                                       "school_meeting", "team_meeting", "note",       NULL};
  const char *zKind = NULL, *zCursor = NULL;
  memset(f, 0, sizeof *f);
  if (api_query_choice(r, "kind", azKind, &zKind) || api_query_id(r, "member", &f->iMember) ||
      (bPages && (api_page_params(r, &f->nLimit, &zCursor) || reg_cursor(r, zCursor, f)))) {
    return -1;
  }
  f->eKind = zKind ? register_kind_from_code(zKind) : -1;
  return 0;
}

/* ?status=planned or cancelled: the whole list, paged by id. */
static void reg_list_agenda(Req *r, const Case *c, Relation e, ActivityStatus eStatus) {
  ActivityFilter f;
  if (reg_filter(r, 0, &f)) return;
  Activity *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = agenda_list(r->db, &r->a, r->iAgency, c->id, eStatus, e, r->user.id, &f, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) activity_json(r, &w, &a[i]);
  api_list_end(r, &w, zNext);
}

void api_register_list(Req *r) {
  Case c;
  Relation e = reg_case_load(r, register_can_read, &c);
  if (e == REL_NONE) return;
  static const char *const azStatus[] = {"done", "planned", "cancelled", NULL};
  const char *zStatus = NULL;
  if (api_query_choice(r, "status", azStatus, &zStatus)) return;
  int eStatus = zStatus ? register_status_from_code(zStatus) : ACT_DONE;
  if (eStatus != ACT_DONE) {
    reg_list_agenda(r, &c, e, (ActivityStatus)eStatus);
    return;
  }
  ActivityFilter f;
  if (reg_filter(r, 1, &f)) return;
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

/* The body of a new entry (members, workers and intervention_id are read
** apart). */
typedef struct ActivityBody {
  const char *zOn, *zKind, *zText, *zStatus, *zTime;
  int nMinutes;
  int bRestricted;
} ActivityBody;

static const ApiField aActivityField[] = {
    {"on_date", API_TEXT, offsetof(ActivityBody, zOn), 0},
    {"kind", API_TEXT, offsetof(ActivityBody, zKind), 0},
    {"minutes", API_INT, offsetof(ActivityBody, nMinutes), 0},
    {"restricted", API_BOOL, offsetof(ActivityBody, bRestricted), 0},
    {"text", API_TEXT, offsetof(ActivityBody, zText), 0},
    {"status", API_TEXT, offsetof(ActivityBody, zStatus), 0},
    {"time", API_TEXT, offsetof(ActivityBody, zTime), 0},
    {0, 0, 0, 0},
};

/* The array of positive integers under zKey (absent: none) into *pa and
** *pn; 0, or 1 after adding the error zMsg under zKey. */
static int reg_ids(Req *r, const char *zKey, const char *zMsg, const int64_t **pa, int *pn) {
  json_t *v = r->pJson ? json_object_get(r->pJson, zKey) : NULL;
  if (!v) return 0;
  size_t n = json_is_array(v) ? json_array_size(v) : 0;
  int64_t *a = arena_alloc(&r->a, (n + 1) * sizeof *a);
  int bOk = json_is_array(v) && n <= 1000;
  for (size_t i = 0; bOk && i < n; i++) {
    json_t *x = json_array_get(v, i);
    bOk = json_is_integer(x) && json_integer_value(x) > 0;
    if (bOk) a[i] = json_integer_value(x);
  }
  if (!bOk) {
    errors_add(&r->err, zKey, zMsg);
    return 1;
  }
  *pa = a;
  *pn = (int)n;
  return 0;
}

/* Answers iStatus (201 or 200) with entry id of case c as it is now,
** audited zAction ("create", "update") with zDetail. */
static void reg_answer(Req *r, const Case *c, int64_t id, int iStatus, const char *zAction,
                       const char *zDetail) {
  Activity x;
  int rc = register_get(r->db, &r->a, r->iAgency, c->id, id, &x);
  if (rc) {
    api_domain_error(r, rc, "activity");
    return;
  }
  req_audit(r, zAction, "activity", id, c->iPerson, zDetail);
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  activity_json(r, &w, &x);
  buf_putc(&r->out, '\n');
}

/* The checks of the body's status and the keys it allows: 0, or the
** number of errors added. */
static int reg_status_check(Req *r, const ActivityBody *b, int *pbPlan) {
  *pbPlan = b->zStatus && strcmp(b->zStatus, "planned") == 0;
  if (b->zStatus && !*pbPlan && strcmp(b->zStatus, "done") != 0) {
    errors_add(&r->err, "status", "must be done or planned");
    return 1;
  }
  int nErr = 0;
  static const char *const azPlanOnly[] = {"time", "workers", NULL};
  for (int i = 0; !*pbPlan && azPlanOnly[i]; i++) {
    if (r->pJson && json_object_get(r->pJson, azPlanOnly[i])) {
      errors_add(&r->err, azPlanOnly[i], "only for a planned activity");
      nErr++;
    }
  }
  if (!*pbPlan) {
    static const char *const azRequired[] = {"minutes", NULL};
    nErr += api_body_require(r, azRequired);
  }
  return nErr;
}

void api_register_add(Req *r) {
  Case c;
  if (reg_case_load(r, register_can_write, &c) == REL_NONE) return;
  static const char *const azAlso[] = {"members", "intervention_id", "workers", NULL};
  ActivityBody b = {0};
  PlanInput p;
  memset(&p, 0, sizeof p);
  ActivityInput *in = &p.in;
  int bPlan;
  int nErr = api_case_body_read(r, aActivityField, azAlso, &b);
  nErr += reg_ids(r, "members", "must be an array of person ids", &in->aMember, &in->nMember);
  nErr += reg_ids(r, "workers", "must be an array of user ids", &p.aWorker, &p.nWorker);
  nErr += api_case_body_id(r, "intervention_id", &in->iIntervention);
  nErr += reg_status_check(r, &b, &bPlan);
  if (nErr) {
    api_invalid(r);
    return;
  }
  in->zOn = b.zOn;
  in->zKind = b.zKind;
  in->nMinutes = b.nMinutes;
  in->bRestricted = b.bRestricted;
  in->zText = b.zText;
  p.zTime = b.zTime;
  int64_t id = 0;
  int rc = bPlan ? agenda_plan(r->db, r->iAgency, c.id, &p, r->user.id, NULL, &id, &r->err)
                 : register_add_to(r->db, r->iAgency, &c, in, r->user.id, &id, &r->err);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  static const char *const azDetail[2][2] = {
      {NULL, "{\"confidentiality\":\"restricted\"}"},
      {"{\"status\":\"planned\"}", "{\"status\":\"planned\",\"confidentiality\":\"restricted\"}"}};
  reg_answer(r, &c, id, 201, "create", azDetail[bPlan][in->bRestricted ? 1 : 0]);
}

/* ------------------------------------------------------------------ */
/* Recording a planned activity as done, cancelling it                 */
/* ------------------------------------------------------------------ */

/* The planned activity of the path into *x when the caller may close it,
** and its case into *c: 0; else -1 after answering 404 (audited) or 403. */
static int reg_closable(Req *r, Case *c, Activity *x) {
  Relation e = reg_case_load(r, register_can_write, c);
  if (e == REL_NONE) return -1;
  int rc = register_get(r->db, &r->a, r->iAgency, c->id, r->aId[1], x);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "activity");
    return -1;
  }
  if (rc || !agenda_visible(e, r->user.id, x)) {
    guard_denied(r, "activity", r->aId[1], c->iPerson);
    api_not_found(r, "activity");
    return -1;
  }
  if (!agenda_can_close(e, r->user.id, x)) {
    req_json_error(r, 403, "forbidden",
                   "Only its author, a worker taking part, the social worker holding the case, "
                   "the case manager or a manager may record or cancel this activity.");
    return -1;
  }
  return 0;
}

typedef struct DoneBody {
  const char *zOn, *zText;
  int nMinutes;
} DoneBody;

static const ApiField aDoneField[] = {
    {"on_date", API_TEXT, offsetof(DoneBody, zOn), 0},
    {"minutes", API_INT, offsetof(DoneBody, nMinutes), 0},
    {"text", API_TEXT, offsetof(DoneBody, zText), 0},
    {0, 0, 0, 0},
};

void api_register_done(Req *r) {
  Case c;
  Activity x;
  if (reg_closable(r, &c, &x)) return;
  static const char *const azRequired[] = {"minutes", NULL};
  DoneBody b = {0};
  if (api_case_body_read(r, aDoneField, NULL, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  DoneInput in = {b.zOn, b.nMinutes, b.zText};
  int rc = agenda_done(r->db, r->iAgency, c.id, x.id, &in, r->user.id, NULL, NULL, &r->err);
  if (rc) {
    api_domain_error(r, rc, "activity");
    return;
  }
  reg_answer(r, &c, x.id, 200, "update", "{\"status\":\"done\"}");
}

typedef struct CancelBody {
  const char *zReason;
} CancelBody;

static const ApiField aCancelField[] = {
    {"reason", API_TEXT, offsetof(CancelBody, zReason), 0},
    {0, 0, 0, 0},
};

void api_register_cancel(Req *r) {
  Case c;
  Activity x;
  if (reg_closable(r, &c, &x)) return;
  CancelBody b = {0};
  if (api_case_body_read(r, aCancelField, NULL, &b)) {
    api_invalid(r);
    return;
  }
  int rc = agenda_cancel(r->db, r->iAgency, c.id, x.id, b.zReason, r->user.id, NULL, &r->err);
  if (rc) {
    api_domain_error(r, rc, "activity");
    return;
  }
  reg_answer(r, &c, x.id, 200, "update", "{\"status\":\"cancelled\"}");
}
