/*
** api_closing.c — closing a path and the round end in the JSON API:
**
**   GET /api/v1/cases/{id}/evaluation     the conclusive evaluation (404
**                                         while the path is open)
**   PUT /api/v1/cases/{id}/evaluation     write it and close the path
**   GET /api/v1/rounds/{id}/ending?weeks=N the paths that would outlast
**                                         the round (round_end.h)
**
** (GET /api/v1/cases/{id}/evaluation.pdf is page_evaluation.c's.)
**
** The PUT body: written_on, skills_acquired, critical_issues,
** resources_activated, outcome, outcome_on, contract_type,
** interruption_reason, withdrawal_reason, note (strings or null),
** objectives: [{"objective_id": ID, "result": "achieved|partly|not",
** "note": ...}], interventions: [{"intervention_id": ID, "end":
** "interrupt|complete"}] (active or suspended ones; absent: interrupt).
** An unknown key anywhere is a 422.  Reading needs intake_can_read,
** closing intake_can_plan (a case the caller may not reach is a 404,
** audited).  Errors as api_common.h: 422 with the fields, 409 when the
** path is already closed or the project not agreed.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/closing.h"
#include "../domain/intake.h"
#include "../domain/round_end.h"
#include "../lib/jsonw.h"
#include "api.h"
#include "api_common.h"

/* ---- the evaluation as JSON ---- */

static void closing_json(JsonW *w, const Evaluation *v) {
  jw_obj(w);
  jw_kv_int(w, "case_id", v->iCase);
  jw_kv_str(w, "written_on", v->zWrittenOn);
  jw_kv_str(w, "author", v->zAuthor);
  jw_kv_str(w, "skills_acquired", v->zSkills);
  jw_kv_str(w, "critical_issues", v->zIssues);
  jw_kv_str(w, "resources_activated", v->zResources);
  jw_kv_str(w, "outcome", v->zOutcome);
  jw_kv_str(w, "outcome_on", v->zOutcomeOn);
  jw_kv_str(w, "contract_type", v->zContractType);
  jw_kv_str(w, "interruption_reason", v->zInterruptionReason);
  jw_kv_str(w, "withdrawal_reason", v->zWithdrawalReason);
  jw_kv_str(w, "note", v->zNote);
  jw_key(w, "objectives");
  jw_arr(w);
  for (int i = 0; i < v->nResult; i++) {
    const ObjectiveResult *o = &v->aResult[i];
    jw_obj(w);
    jw_kv_int(w, "objective_id", o->iObjective);
    jw_kv_str(w, "text", o->zObjective);
    jw_kv_str(w, "person", o->zPerson);
    jw_kv_str(w, "result", o->zResult);
    jw_kv_str(w, "note", o->zNote);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_kv_str(w, "created_at", v->zCreatedAt);
  jw_obj_end(w);
}

static void closing_answer(Req *r, int64_t iCase, int iStatus) {
  Evaluation v;
  int rc = closing_get(r->db, &r->a, r->iAgency, iCase, &v);
  if (rc) {
    api_domain_error(r, rc, "evaluation");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  closing_json(&w, &v);
}

void api_closing_get(Req *r) {
  Case c;
  if (api_case_load(r, NULL, &c)) return;
  closing_answer(r, c.id, 200);
}

/* ---- the PUT body ---- */

static const ApiField aEvalField[] = {
    {"written_on", API_TEXT, offsetof(Evaluation, zWrittenOn), 0},
    {"skills_acquired", API_TEXT, offsetof(Evaluation, zSkills), 0},
    {"critical_issues", API_TEXT, offsetof(Evaluation, zIssues), 0},
    {"resources_activated", API_TEXT, offsetof(Evaluation, zResources), 0},
    {"outcome", API_TEXT, offsetof(Evaluation, zOutcome), 0},
    {"outcome_on", API_TEXT, offsetof(Evaluation, zOutcomeOn), 0},
    {"contract_type", API_TEXT, offsetof(Evaluation, zContractType), 0},
    {"interruption_reason", API_TEXT, offsetof(Evaluation, zInterruptionReason), 0},
    {"withdrawal_reason", API_TEXT, offsetof(Evaluation, zWithdrawalReason), 0},
    {"note", API_TEXT, offsetof(Evaluation, zNote), 0},
    {0, 0, 0, 0},
};

/* The positive integer at key zKey of object o, or 0 after an error. */
static int64_t closing_id(Req *r, json_t *o, const char *zKey, const char *zField) {
  json_t *v = json_object_get(o, zKey);
  if (!json_is_integer(v) || json_integer_value(v) <= 0) {
    errors_add(&r->err, zField, "must be a positive integer");
    return 0;
  }
  return json_integer_value(v);
}

/* The string at key zKey of o (NULL when absent or null); an error on
** zField when of another type. */
static const char *closing_str(Req *r, json_t *o, const char *zKey, const char *zField) {
  json_t *v = json_object_get(o, zKey);
  if (!v || json_is_null(v)) return NULL;
  if (!json_is_string(v)) {
    errors_add(&r->err, zField, "must be a string");
    return NULL;
  }
  return arena_strdup(&r->a, json_string_value(v));
}

/* 1 when every key of o is in the NULL-terminated azKey, else an error. */
static int closing_keys_ok(Req *r, json_t *o, const char *const *azKey, const char *zField) {
  const char *zKey;
  json_t *v;
  json_object_foreach(o, zKey, v) {
    int bKnown = 0;
    for (int i = 0; azKey[i]; i++) bKnown |= strcmp(azKey[i], zKey) == 0;
    if (!bKnown) {
      errors_add(&r->err, arena_printf(&r->a, "%s.%s", zField, zKey), "unknown field");
      return 0;
    }
  }
  return 1;
}

static void closing_read_objectives(Req *r, json_t *a, Evaluation *v) {
  static const char *const azKey[] = {"objective_id", "result", "note", 0};
  size_t n = json_array_size(a);
  v->aResult = arena_alloc(&r->a, sizeof *v->aResult * (n + 1));
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_array_get(a, i);
    const char *zField = arena_printf(&r->a, "objectives[%zu]", i);
    if (!json_is_object(o)) {
      errors_add(&r->err, zField, "must be an object");
      continue;
    }
    if (!closing_keys_ok(r, o, azKey, zField)) continue;
    ObjectiveResult *p = &v->aResult[v->nResult++];
    p->iObjective = closing_id(r, o, "objective_id", zField);
    p->zResult = closing_str(r, o, "result", zField);
    p->zNote = closing_str(r, o, "note", zField);
  }
}

static void closing_read_endings(Req *r, json_t *a, Evaluation *v) {
  static const char *const azKey[] = {"intervention_id", "end", 0};
  size_t n = json_array_size(a);
  v->aEnding = arena_alloc(&r->a, sizeof *v->aEnding * (n + 1));
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_array_get(a, i);
    const char *zField = arena_printf(&r->a, "interventions[%zu]", i);
    if (!json_is_object(o)) {
      errors_add(&r->err, zField, "must be an object");
      continue;
    }
    if (!closing_keys_ok(r, o, azKey, zField)) continue;
    int64_t id = closing_id(r, o, "intervention_id", zField);
    const char *zEnd = closing_str(r, o, "end", zField);
    if (!zEnd || (strcmp(zEnd, "interrupt") && strcmp(zEnd, "complete")))
      errors_add(&r->err, zField, "end must be interrupt or complete");
    else
      v->aEnding[v->nEnding++] = (IvEnding){id, strcmp(zEnd, "complete") == 0};
  }
}

/* Reads the body into v: 0, or the number of errors in r->err. */
static int closing_body(Req *r, Evaluation *v) {
  static const char *const azAlso[] = {"objectives", "interventions", 0};
  int n = api_case_body_read(r, aEvalField, azAlso, v);
  json_t *a = r->pJson ? json_object_get(r->pJson, "objectives") : NULL;
  if (a && !json_is_array(a))
    errors_add(&r->err, "objectives", "must be an array");
  else if (a)
    closing_read_objectives(r, a, v);
  a = r->pJson ? json_object_get(r->pJson, "interventions") : NULL;
  if (a && !json_is_array(a))
    errors_add(&r->err, "interventions", "must be an array");
  else if (a)
    closing_read_endings(r, a, v);
  return n + r->err.n;
}

void api_closing_put(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_plan, &c)) return;
  Evaluation v = {0};
  v.iCase = c.id;
  if (closing_body(r, &v)) {
    api_invalid(r);
    return;
  }
  int rc = closing_close(r->db, &r->a, r->iAgency, &v, r->iLang, r->user.id, &r->err);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  const char *const az[] = {"closed",     "evaluation", "outcome",    v.zOutcome, "outcome_on",
                            v.zOutcomeOn, "written_on", v.zWrittenOn, 0};
  req_audit(r, "close", "case", c.id, c.iPerson, api_case_detail(r, az));
  closing_answer(r, c.id, 200);
}

/* ---- the round end ---- */

static void round_end_case_json(JsonW *w, const RoundEndCase *c) {
  jw_obj(w);
  jw_kv_int(w, "case_id", c->iCase);
  jw_kv_int(w, "person_id", c->iPerson);
  jw_kv_str(w, "name", c->zName);
  jw_kv_str(w, "case_manager", c->zCaseManager);
  jw_kv_str(w, "last_planned_end", c->zLastEnd);
  jw_key(w, "interventions");
  jw_arr(w);
  for (int i = 0; i < c->nIv; i++) {
    jw_obj(w);
    jw_kv_int(w, "id", c->aIv[i].id);
    jw_kv_str(w, "service", c->aIv[i].zService);
    jw_kv_str(w, "person", c->aIv[i].zPerson);
    jw_kv_str(w, "status", c->aIv[i].zStatus);
    jw_kv_str(w, "planned_end", c->aIv[i].zPlannedEnd);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_key(w, "decision");
  if (!c->zDecision) {
    jw_null(w);
  } else {
    jw_obj(w);
    jw_kv_str(w, "decision", c->zDecision);
    jw_kv_str(w, "note", c->zNote);
    jw_kv_str(w, "decided_by", c->zDecidedBy);
    jw_kv_str(w, "decided_at", c->zDecidedAt);
    if (c->iNextCase)
      jw_kv_int(w, "next_case_id", c->iNextCase);
    else
      jw_kv_null(w, "next_case_id");
    jw_obj_end(w);
  }
  jw_obj_end(w);
}

void api_round_end_get(Req *r) {
  int64_t nWeeks = req_query_int(r, "weeks", ROUND_END_WEEKS, 1, 52); /* clamped */
  RoundEnd p;
  int rc = round_end_plan(r->db, &r->a, r->iAgency, r->aId[0], (int)nWeeks, r->iLang, &p);
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  JsonW w;
  req_json_begin(r, 200);
  jw_init(&w, &r->out);
  jw_obj(&w);
  jw_kv_int(&w, "round_id", p.iRound);
  jw_kv_str(&w, "round", p.zCode);
  jw_kv_str(&w, "end_date", p.zEnd);
  jw_kv_int(&w, "weeks", p.nWeeks);
  jw_kv_str(&w, "notice_by", p.zNoticeBy);
  jw_key(&w, "next_round");
  if (!p.iNext) {
    jw_null(&w);
  } else {
    jw_obj(&w);
    jw_kv_int(&w, "id", p.iNext);
    jw_kv_str(&w, "code", p.zNextCode);
    jw_kv_str(&w, "start_date", p.zNextStart);
    jw_obj_end(&w);
  }
  jw_key(&w, "options");
  jw_arr(&w);
  for (int i = 0; round_end_azDecision[i]; i += 2) {
    if (strcmp(round_end_azDecision[i], "next_round") || p.iNext)
      jw_str(&w, round_end_azDecision[i]);
  }
  jw_arr_end(&w);
  jw_key(&w, "cases");
  jw_arr(&w);
  for (int i = 0; i < p.nCase; i++) round_end_case_json(&w, &p.aCase[i]);
  jw_arr_end(&w);
  jw_obj_end(&w);
}
