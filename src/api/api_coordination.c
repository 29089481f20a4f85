/*
** api_coordination.c — coordination in the JSON API (handover.h,
** coordination.h):
**
**   POST /api/v1/handovers          hand a user's active cases in one role
**                                   over to colleagues, spread evenly
**                                   (CAP_CASELOAD_ADMIN); "dry_run": true
**                                   answers the spread and writes nothing
**   GET  /api/v1/caseload/orphans   active cases without an active social
**                                   worker or case manager (CAP_CASELOAD_ADMIN)
**   GET  /api/v1/my-day             what needs the caller today (any account),
**                                   with the activities planned for today
**                                   and those overdue (agenda.h)
**
** The handover body: {"from_user_id": int, "to_user_ids": [int, ...],
** "role": "social_worker"|"case_manager"|"psychotherapist" (default
** social_worker), "note": text, "notes": {"<case id>": text, ...} (a note
** per case, over "note"), "dry_run": bool}.  It answers 200 {"role",
** "from_user_id", "dry_run", "cases": [{"case_id", "person_ref",
** "to_user_id", "to_username", "note"}]}; every case moved is audited
** (action "handover", entity "case").  Errors: 422 with the fields
** (from_user_id, to_user_ids, role, note, notes.<id>), 409 when a case
** changed hands meanwhile.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/agenda.h"
#include "../domain/coordination.h"
#include "../domain/handover.h"
#include "api.h"
#include "api_common.h"

/* ------------------------------------------------------------------ */
/* POST /api/v1/handovers                                              */
/* ------------------------------------------------------------------ */

/* The body's keys besides the ones read; unknown ones are errors. */
static void api_handover_keys(Req *r) {
  static const char *const azKnown[] = {"from_user_id", "to_user_ids", "role", "note",
                                        "notes",        "dry_run",     0};
  const char *zKey;
  json_t *v;
  json_object_foreach(r->pJson, zKey, v) {
    int bKnown = 0;
    for (int i = 0; azKnown[i]; i++) bKnown |= strcmp(azKnown[i], zKey) == 0;
    if (!bKnown) errors_add(&r->err, arena_strdup(&r->a, zKey), N_("unknown field"));
  }
}

/* The colleagues of "to_user_ids" into aiTo; their number, or -1. */
static int api_handover_to(Req *r, int64_t *aiTo) {
  json_t *v = json_object_get(r->pJson, "to_user_ids");
  size_t i;
  json_t *pItem;
  if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > HANDOVER_TO_MAX) {
    errors_add(&r->err, "to_user_ids", N_("a list of 1 to 20 user ids"));
    return -1;
  }
  json_array_foreach(v, i, pItem) {
    if (!json_is_integer(pItem)) {
      errors_add(&r->err, "to_user_ids", N_("a list of 1 to 20 user ids"));
      return -1;
    }
    aiTo[i] = json_integer_value(pItem);
  }
  return (int)json_array_size(v);
}

/* The per-case notes of "notes" onto the plan's items. */
static void api_handover_notes(Req *r, HandoverPlan *p) {
  json_t *pNotes = json_object_get(r->pJson, "notes");
  if (!pNotes || json_is_null(pNotes)) return;
  if (!json_is_object(pNotes)) {
    errors_add(&r->err, "notes", N_("an object of case id: note"));
    return;
  }
  const char *zKey;
  json_t *v;
  json_object_foreach(pNotes, zKey, v) {
    int iFound = -1;
    for (int i = 0; i < p->nItem; i++) {
      if (strtoll(zKey, NULL, 10) == p->aItem[i].iCase) iFound = i;
    }
    const char *zField = arena_printf(&r->a, "notes.%s", zKey);
    if (iFound < 0) {
      errors_add(&r->err, zField, N_("not one of the cases handed over"));
    } else if (!json_is_string(v)) {
      errors_add(&r->err, zField, N_("must be a string"));
    } else {
      p->aItem[iFound].zNote = arena_strdup(&r->a, json_string_value(v));
      intake_check_text(&r->err, zField, p->aItem[iFound].zNote, HANDOVER_NOTE_MAX, 0);
    }
  }
}

/* Read the body into the plan; 0, or -1 after answering. */
static int api_handover_read(Req *r, HandoverPlan *p, int *pbDry) {
  if (!r->pJson) r->pJson = json_object(); /* freed with the request */
  api_handover_keys(r);
  json_t *pFrom = json_object_get(r->pJson, "from_user_id");
  json_t *pRole = json_object_get(r->pJson, "role");
  json_t *pNote = json_object_get(r->pJson, "note");
  json_t *pDry = json_object_get(r->pJson, "dry_run");
  if (!json_is_integer(pFrom)) errors_add(&r->err, "from_user_id", N_("required"));
  int eRole = pRole ? case_role_from_code(json_string_value(pRole)) : CASE_ROLE_SOCIAL_WORKER;
  if (eRole < 0) errors_add(&r->err, "role", N_("not one of the choices"));
  if (pNote && !json_is_string(pNote) && !json_is_null(pNote)) {
    errors_add(&r->err, "note", N_("must be a string"));
  }
  if (pDry && !json_is_boolean(pDry)) errors_add(&r->err, "dry_run", N_("must be true or false"));
  *pbDry = json_is_true(pDry);
  int64_t aiTo[HANDOVER_TO_MAX];
  int nTo = api_handover_to(r, aiTo);
  if (r->err.n) {
    api_invalid(r);
    return -1;
  }
  int rc = handover_plan(r->db, &r->a, r->iAgency, json_integer_value(pFrom), (CaseRole)eRole, aiTo,
                         nTo, json_string_value(pNote), p, &r->err);
  if (rc == DOMAIN_INVALID) {
    for (int i = 0; i < r->err.n; i++) {
      const char *z = r->err.a[i].zField;
      if (strcmp(z, "from") == 0) r->err.a[i].zField = "from_user_id";
      if (strcmp(z, "to") == 0) r->err.a[i].zField = "to_user_ids";
    }
  }
  if (!rc) api_handover_notes(r, p);
  if (!rc && r->err.n) rc = DOMAIN_INVALID;
  if (rc) api_domain_error(r, rc, "user");
  return rc ? -1 : 0;
}

static void api_handover_answer(Req *r, const HandoverPlan *p, int bDry) {
  JsonW w;
  api_object_begin(r, &w, 200);
  jw_kv_str(&w, "role", case_role_code(p->eRole));
  jw_kv_int(&w, "from_user_id", p->from.id);
  jw_kv_bool(&w, "dry_run", bDry);
  jw_key(&w, "cases");
  jw_arr(&w);
  for (int i = 0; i < p->nItem; i++) {
    const HandoverItem *pI = &p->aItem[i];
    jw_obj(&w);
    jw_kv_int(&w, "case_id", pI->iCase);
    jw_kv_str(&w, "person_ref", pI->zPersonRef);
    jw_kv_int(&w, "to_user_id", p->aTo[pI->iTo].id);
    jw_kv_str(&w, "to_username", p->aTo[pI->iTo].zUsername);
    jw_kv_str(&w, "note", pI->zNote ? pI->zNote : p->zNote);
    jw_obj_end(&w);
  }
  jw_arr_end(&w);
  api_object_end(r, &w);
}

void api_handover_create(Req *r) {
  HandoverPlan plan;
  int bDry = 0;
  if (api_handover_read(r, &plan, &bDry)) return;
  if (!bDry) {
    int rc = handover_apply(r->db, &r->a, r->iAgency, &plan, r->user.id, &r->err);
    if (rc) {
      api_domain_error(r, rc, "case");
      return;
    }
    for (int i = 0; i < plan.nItem; i++) {
      req_audit(r, "handover", "case", plan.aItem[i].iCase, plan.aItem[i].iPerson,
                handover_audit_detail(&r->a, &plan, i));
    }
  }
  api_handover_answer(r, &plan, bDry);
}

/* ------------------------------------------------------------------ */
/* GET /api/v1/caseload/orphans                                        */
/* ------------------------------------------------------------------ */

static void api_orphan_json(JsonW *w, const Orphan *p) {
  jw_obj(w);
  jw_kv_int(w, "case_id", p->iCase);
  jw_kv_str(w, "person_ref", p->zPersonRef);
  jw_kv_str(w, "last_name", p->zLastName);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "round", p->zRoundCode);
  jw_kv_str(w, "stage", stage_code(p->eStage));
  jw_kv_bool(w, "no_social_worker", p->bNoSocialWorker);
  jw_kv_bool(w, "no_case_manager", p->bNoCaseManager);
  jw_kv_str(w, "social_worker", p->zSocialWorker);
  jw_kv_str(w, "case_manager", p->zCaseManager);
  jw_obj_end(w);
}

void api_caseload_orphans(Req *r) {
  Orphan *aO;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = handover_orphans(r->db, &r->a, r->iAgency, &aO, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  if (api_page_array(r, aO, sizeof *aO, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) api_orphan_json(&w, &aO[i]);
  api_list_end(r, &w, zNext);
}

/* ------------------------------------------------------------------ */
/* GET /api/v1/my-day                                                  */
/* ------------------------------------------------------------------ */

static void api_my_requests(JsonW *w, const MyDay *d) {
  jw_key(w, "requests");
  jw_arr(w);
  for (int i = 0; i < d->nReq; i++) {
    const Request *p = &d->aReq[i];
    jw_obj(w);
    jw_kv_int(w, "id", p->id);
    jw_kv_int(w, "case_id", p->iCase);
    jw_kv_str(w, "last_name", p->zLastName);
    jw_kv_str(w, "first_name", p->zFirstName);
    jw_kv_str(w, "kind", request_kind_code(p->eKind));
    jw_kv_str(w, "status", request_status_code(p->eStatus));
    jw_kv_str(w, "text", p->zText);
    jw_kv_str(w, "raised_at", p->zRaisedAt);
    jw_kv_str(w, "due", p->eStatus == REQ_RAISED ? p->zAckDue : p->zResolveDue);
    jw_kv_bool(w, "overdue", p->bOverdue);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

static void api_my_lists(JsonW *w, const MyDay *d) {
  jw_key(w, "sessions");
  jw_arr(w);
  for (int i = 0; i < d->nSession; i++) {
    jw_obj(w);
    jw_kv_int(w, "edition_id", d->aSession[i].iEdition);
    jw_kv_str(w, "title", d->aSession[i].zTitle);
    jw_kv_str(w, "on", d->aSession[i].zOn);
    jw_kv_str(w, "place", d->aSession[i].zPlace);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_key(w, "interventions");
  jw_arr(w);
  for (int i = 0; i < d->nIv; i++) {
    const IvSoon *p = &d->aIv[i];
    jw_obj(w);
    jw_kv_int(w, "id", p->id);
    jw_kv_int(w, "case_id", p->iCase);
    jw_kv_str(w, "service", p->zService);
    jw_kv_str(w, "last_name", p->zLastName);
    jw_kv_str(w, "first_name", p->zFirstName);
    jw_kv_str(w, "status", p->zStatus);
    jw_kv_str(w, "event", p->bStarting ? "starts" : "ends");
    jw_kv_str(w, "on", p->zOn);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_key(w, "forms");
  jw_arr(w);
  for (int i = 0; i < d->nForm; i++) {
    jw_obj(w);
    jw_kv_int(w, "case_id", d->aForm[i].iCase);
    jw_kv_str(w, "last_name", d->aForm[i].zLastName);
    jw_kv_str(w, "first_name", d->aForm[i].zFirstName);
    jw_kv_str(w, "form", d->aForm[i].zKind);
    jw_kv_str(w, "due", d->aForm[i].zDue);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

/* The activities planned for today and those whose day has passed
** (agenda_of_user), under "planned_activities". */
static void api_my_planned(JsonW *w, const AgendaItem *a, int n) {
  jw_key(w, "planned_activities");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    const Activity *x = &a[i].x;
    jw_obj(w);
    jw_kv_int(w, "id", x->id);
    jw_kv_int(w, "case_id", x->iCase);
    jw_kv_str(w, "first_name", a[i].zFirstName);
    jw_kv_str(w, "last_name", a[i].zLastName);
    jw_kv_str(w, "on_date", x->zOn);
    jw_kv_str(w, "planned_time", x->zPlannedTime);
    jw_kv_str(w, "kind", register_kind_code(x->eKind));
    jw_kv_str(w, "purpose", x->zText);
    jw_kv_bool(w, "overdue", a[i].bOverdue);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

void api_my_day(Req *r) {
  MyDay d;
  Orphan *aO = NULL;
  AgendaItem *aPlan = NULL;
  int nO = 0, nPlan = 0;
  int bManager = (r->user.mRoles & ROLE_MANAGER) != 0;
  int rc = coord_my_day(r->db, &r->a, r->iAgency, &r->user, NULL, NULL, r->iLang, &d);
  if (!rc && bManager) rc = handover_orphans(r->db, &r->a, r->iAgency, &aO, &nO);
  if (!rc) rc = agenda_of_user(r->db, &r->a, &r->user, NULL, &aPlan, &nPlan);
  if (rc) {
    api_domain_error(r, rc, "user");
    return;
  }
  JsonW w;
  api_object_begin(r, &w, 200);
  jw_kv_int(&w, "active_cases", d.nCases);
  jw_kv_int(&w, "overdue_requests", d.nOverdue);
  api_my_requests(&w, &d);
  api_my_planned(&w, aPlan, nPlan);
  api_my_lists(&w, &d);
  if (bManager) {
    jw_key(&w, "cases_without_worker");
    jw_arr(&w);
    for (int i = 0; i < nO; i++) api_orphan_json(&w, &aO[i]);
    jw_arr_end(&w);
  }
  api_object_end(r, &w);
}
