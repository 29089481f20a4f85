/*
** project_diff.c — the versions of a project made readable (see
** project.h): project_snapshot() writes a project as JSON with the names
** a person needs (who, which service, which provider), and
** project_diff() compares two snapshots into lines a social worker reads
** at a glance: what changed, the value before, the value after
** ("Intervention Internship: recipient", "Mario Rossi", "Giulia Rossi").
** Both are pure: no database, no clock.  Snapshots are written with the
** structural writer (jsonw.h) and parsed with jansson.
*/
#include "project.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/date.h"
#include "../lib/jsonw.h"
#include "../lib/money.h"

/* ------------------------------------------------------------------ */
/* Snapshots                                                           */
/* ------------------------------------------------------------------ */

/* Write an integer, or null when it is negative (unknown). */
static void snap_kv_count(JsonW *w, const char *zKey, int64_t v) {
  if (v < 0) jw_kv_null(w, zKey);
  else jw_kv_int(w, zKey, v);
}

/* Write an id, or null when it is 0 (none). */
static void snap_kv_id(JsonW *w, const char *zKey, int64_t v) {
  if (v <= 0) jw_kv_null(w, zKey);
  else jw_kv_int(w, zKey, v);
}

static void snap_objective(JsonW *w, const Objective *o) {
  jw_obj(w);
  jw_kv_int(w, "id", o->id);
  jw_kv_int(w, "person_id", o->iPerson);
  jw_kv_str(w, "person", o->zPersonName);
  jw_kv_str(w, "text", o->zText);
  jw_kv_str(w, "indicator", o->zIndicator);
  jw_kv_str(w, "target_on", o->zTargetOn);
  jw_obj_end(w);
}

/* The service name of iv; with pOther (the same intervention read in
** the other language) an object {"it": ..., "en": ...}. */
static void snap_service_name(JsonW *w, const Intervention *iv, const Intervention *pOther) {
  if (!pOther) {
    jw_kv_str(w, "service_name", iv->zServiceName);
    return;
  }
  jw_key(w, "service_name");
  jw_obj(w);
  jw_kv_str(w, "it", iv->zServiceName);
  jw_kv_str(w, "en", pOther->zServiceName);
  jw_obj_end(w);
}

static void snap_intervention(JsonW *w, const Intervention *iv, const Intervention *pOther) {
  jw_obj(w);
  jw_kv_int(w, "id", iv->id);
  jw_kv_str(w, "service", iv->zServiceCode);
  snap_service_name(w, iv, pOther);
  jw_kv_str(w, "kind", iv->zServiceKind);
  jw_kv_int(w, "person_id", iv->iPerson);
  jw_kv_str(w, "person", iv->zPersonName);
  snap_kv_id(w, "organisation_id", iv->iOrganisation);
  jw_kv_str(w, "organisation", iv->zOrganisation);
  snap_kv_id(w, "operator_id", iv->iOperator);
  jw_kv_str(w, "operator", iv->zOperator);
  jw_kv_str(w, "planned_start", iv->zPlannedStart);
  jw_kv_str(w, "planned_end", iv->zPlannedEnd);
  snap_kv_count(w, "planned_hours", iv->iPlannedHours);
  snap_kv_count(w, "planned_sessions", iv->iPlannedSessions);
  snap_kv_count(w, "estimated_cost_cents", iv->iEstimatedCostCents);
  jw_kv_str(w, "funding_stream", iv->zStreamCode);
  jw_kv_str(w, "status", iv->zStatus);
  jw_obj_end(w);
}

/* The same intervention (by id) in project pOther, or NULL. */
static const Intervention *snap_twin(const Project *pOther, int64_t id) {
  for (int i = 0; pOther && i < pOther->nIntervention; i++) {
    if (pOther->aIntervention[i].id == id) return &pOther->aIntervention[i];
  }
  return NULL;
}

const char *project_snapshot_langs(Arena *a, const Project *p, const Project *pEn) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "state", p->zState);
  jw_kv_str(&w, "agreed_on", p->zAgreedOn);
  jw_kv_str(&w, "commitments", p->zCommitments);
  jw_key(&w, "objectives");
  jw_arr(&w);
  for (int i = 0; i < p->nObjective; i++) snap_objective(&w, &p->aObjective[i]);
  jw_arr_end(&w);
  jw_key(&w, "interventions");
  jw_arr(&w);
  for (int i = 0; i < p->nIntervention; i++) {
    const Intervention *iv = &p->aIntervention[i];
    snap_intervention(&w, iv, pEn ? snap_twin(pEn, iv->id) : NULL);
  }
  jw_arr_end(&w);
  jw_obj_end(&w);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

const char *project_snapshot(Arena *a, const Project *p) { return project_snapshot_langs(a, p, NULL); }

/* ------------------------------------------------------------------ */
/* Reading snapshot values as text                                     */
/* ------------------------------------------------------------------ */

/* A date as the language writes it: "31/12/2022" in Italian. */
static const char *diff_date(Arena *a, const char *z, int iLang) { return tr_date(a, iLang, z); }

/* How each field of a snapshot object reads. */
typedef enum DiffKind { DK_TEXT, DK_DATE, DK_COUNT, DK_MONEY, DK_NAME } DiffKind;

/* The value of field zKey of o as a person reads it (NULL: none). */
static const char *diff_value(Arena *a, json_t *o, const char *zKey, DiffKind e, int iLang) {
  json_t *v = json_object_get(o, zKey);
  if (!v || json_is_null(v)) return NULL;
  if (e == DK_NAME && json_is_object(v)) v = json_object_get(v, iLang == LANG_IT ? "it" : "en");
  if (json_is_integer(v)) {
    int64_t n = (int64_t)json_integer_value(v);
    if (e != DK_MONEY) return arena_printf(a, "%lld", (long long)n);
    char z[40];
    money_format(n, iLang == LANG_IT, z, sizeof z);
    return arena_strdup(a, z);
  }
  const char *z = json_string_value(v);
  if (!z) return NULL;
  const char *zCopy = arena_strdup(a, z); /* z dies with the parsed snapshot */
  return e == DK_DATE ? diff_date(a, zCopy, iLang) : zCopy;
}

/* 1 if two values (either may be NULL) differ. */
static int diff_differ(const char *z1, const char *z2) {
  if (!z1 || !z2) return z1 != z2;
  return strcmp(z1, z2) != 0;
}

/* ------------------------------------------------------------------ */
/* Collecting lines                                                    */
/* ------------------------------------------------------------------ */

typedef struct DiffOut {
  Arena *a;
  int iLang;
  DiffLine *aLine;
  int nLine, nAlloc;
} DiffOut;

static void diff_add(DiffOut *p, const char *zWhat, const char *zBefore, const char *zAfter) {
  if (p->nLine == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 16;
    DiffLine *aNew = arena_alloc(p->a, sizeof *aNew * (size_t)p->nAlloc);
    if (p->nLine) memcpy(aNew, p->aLine, sizeof *aNew * (size_t)p->nLine);
    p->aLine = aNew;
  }
  p->aLine[p->nLine++] = (DiffLine){zWhat, zBefore, zAfter};
}

/* One field of an objective or intervention: its key, how it reads, its
** label (a msgid). */
typedef struct DiffField {
  const char *zKey;
  DiffKind e;
  const char *zLabel;
} DiffField;

static const DiffField diff_aObjective[] = {
    {"text", DK_TEXT, N_("objective")},
    {"indicator", DK_TEXT, N_("indicator of achievement")},
    {"target_on", DK_DATE, N_("target date")},
};

static const DiffField diff_aIntervention[] = {
    {"service_name", DK_NAME, N_("service")},
    {"organisation", DK_TEXT, N_("provider")},
    {"operator", DK_TEXT, N_("operator")},
    {"planned_start", DK_DATE, N_("planned start")},
    {"planned_end", DK_DATE, N_("planned end")},
    {"planned_hours", DK_COUNT, N_("planned hours")},
    {"planned_sessions", DK_COUNT, N_("planned sessions")},
    {"estimated_cost_cents", DK_MONEY, N_("estimated cost")},
    {"funding_stream", DK_TEXT, N_("funding stream")},
    {"status", DK_TEXT, N_("status")},
};

/* The element of array aArr whose "id" is id, or NULL. */
static json_t *diff_by_id(json_t *aArr, json_int_t id) {
  size_t i;
  json_t *o;
  json_array_foreach(aArr, i, o) {
    if (json_integer_value(json_object_get(o, "id")) == id) return o;
  }
  return NULL;
}

/* z, or "?" when it is NULL (a name a snapshot lacks). */
static const char *diff_or(const char *z) { return z ? z : "?"; }

/* What an objective is called: "Objective (Maria Rossi)". */
static const char *diff_objective_name(DiffOut *p, json_t *o) {
  return arena_printf(p->a, tr(p->iLang, N_("Objective (%s)")),
                      diff_or(diff_value(p->a, o, "person", DK_TEXT, p->iLang)));
}

/* What an intervention is called: "Intervention Internship (Maria Rossi)". */
static const char *diff_intervention_name(DiffOut *p, json_t *o) {
  return arena_printf(p->a, tr(p->iLang, N_("Intervention %s (%s)")),
                      diff_or(diff_value(p->a, o, "service_name", DK_NAME, p->iLang)),
                      diff_or(diff_value(p->a, o, "person", DK_TEXT, p->iLang)));
}

/* An intervention in one line: "Maria Rossi, 01/03/2022 - 30/06/2022". */
static const char *diff_intervention_summary(DiffOut *p, json_t *o) {
  const char *zWho = diff_or(diff_value(p->a, o, "person", DK_TEXT, p->iLang));
  const char *zStart = diff_value(p->a, o, "planned_start", DK_DATE, p->iLang);
  const char *zEnd = diff_value(p->a, o, "planned_end", DK_DATE, p->iLang);
  if (!zStart && !zEnd) return zWho;
  return arena_printf(p->a, tr(p->iLang, N_("%s, from %s to %s")), zWho, zStart ? zStart : "?",
                      zEnd ? zEnd : "?");
}

/* The changed fields of two versions of an objective or intervention. */
static void diff_fields(DiffOut *p, const char *zName, json_t *pOld, json_t *pNew,
                        const DiffField *aF, size_t nF) {
  for (size_t i = 0; i < nF; i++) {
    const char *zBefore = diff_value(p->a, pOld, aF[i].zKey, aF[i].e, p->iLang);
    const char *zAfter = diff_value(p->a, pNew, aF[i].zKey, aF[i].e, p->iLang);
    if (!diff_differ(zBefore, zAfter)) continue;
    diff_add(p, arena_printf(p->a, "%s: %s", zName, tr(p->iLang, aF[i].zLabel)), zBefore, zAfter);
  }
}

static void diff_objectives(DiffOut *p, json_t *aOld, json_t *aNew) {
  size_t i;
  json_t *o;
  json_array_foreach(aOld, i, o) {
    json_t *pNew = diff_by_id(aNew, json_integer_value(json_object_get(o, "id")));
    if (!pNew) {
      diff_add(p, diff_objective_name(p, o), diff_value(p->a, o, "text", DK_TEXT, p->iLang), NULL);
      continue;
    }
    const char *zBefore = diff_value(p->a, o, "person", DK_TEXT, p->iLang);
    const char *zAfter = diff_value(p->a, pNew, "person", DK_TEXT, p->iLang);
    if (diff_differ(zBefore, zAfter)) {
      diff_add(p, tr(p->iLang, N_("Objective: household member")), zBefore, zAfter);
    }
    diff_fields(p, diff_objective_name(p, pNew), o, pNew, diff_aObjective,
                sizeof diff_aObjective / sizeof *diff_aObjective);
  }
  json_array_foreach(aNew, i, o) {
    if (diff_by_id(aOld, json_integer_value(json_object_get(o, "id")))) continue;
    diff_add(p, diff_objective_name(p, o), NULL, diff_value(p->a, o, "text", DK_TEXT, p->iLang));
  }
}

static void diff_interventions(DiffOut *p, json_t *aOld, json_t *aNew) {
  size_t i;
  json_t *o;
  json_array_foreach(aOld, i, o) {
    json_t *pNew = diff_by_id(aNew, json_integer_value(json_object_get(o, "id")));
    if (!pNew) {
      diff_add(p, diff_intervention_name(p, o), diff_intervention_summary(p, o), NULL);
      continue;
    }
    const char *zService = diff_value(p->a, pNew, "service_name", DK_NAME, p->iLang);
    const char *zBefore = diff_value(p->a, o, "person", DK_TEXT, p->iLang);
    const char *zAfter = diff_value(p->a, pNew, "person", DK_TEXT, p->iLang);
    if (diff_differ(zBefore, zAfter)) {
      diff_add(p, arena_printf(p->a, tr(p->iLang, N_("Intervention %s: recipient")), diff_or(zService)),
               zBefore, zAfter);
    }
    diff_fields(p, diff_intervention_name(p, pNew), o, pNew, diff_aIntervention,
                sizeof diff_aIntervention / sizeof *diff_aIntervention);
  }
  json_array_foreach(aNew, i, o) {
    if (diff_by_id(aOld, json_integer_value(json_object_get(o, "id")))) continue;
    diff_add(p, diff_intervention_name(p, o), NULL, diff_intervention_summary(p, o));
  }
}

int project_diff(Arena *a, const char *zOld, const char *zNew, int iLang, DiffLine **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  json_error_t err;
  json_t *pOld = zOld ? json_loads(zOld, 0, &err) : json_object();
  json_t *pNew = zNew ? json_loads(zNew, 0, &err) : NULL;
  int rc = -1;
  if (json_is_object(pOld) && json_is_object(pNew)) {
    DiffOut out = {a, iLang, NULL, 0, 0};
    const char *zBefore = diff_value(a, pOld, "commitments", DK_TEXT, iLang);
    const char *zAfter = diff_value(a, pNew, "commitments", DK_TEXT, iLang);
    if (diff_differ(zBefore, zAfter)) {
      diff_add(&out, tr(iLang, N_("Participant's commitments")), zBefore, zAfter);
    }
    diff_objectives(&out, json_object_get(pOld, "objectives"), json_object_get(pNew, "objectives"));
    diff_interventions(&out, json_object_get(pOld, "interventions"),
                       json_object_get(pNew, "interventions"));
    *pa = out.aLine;
    *pn = out.nLine;
    rc = 0;
  }
  json_decref(pOld);
  json_decref(pNew);
  return rc;
}
