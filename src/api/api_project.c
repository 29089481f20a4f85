/*
** api_project.c — the Personalised Individual Project of a case
** (src/domain/project.h) as JSON, under /api/v1/cases/{id}/project:
**
**   GET    .../project                      the project: objectives,
**                                           interventions, planning warnings
**   POST   .../project                      create the draft (201)
**   PUT    .../project/commitments          {"commitments", "reason"}
**   POST   .../project/objectives           add an objective (201)
**   PATCH  .../project/objectives/{id}      change it (fields present)
**   DELETE .../project/objectives/{id}      remove it
**   POST   .../project/interventions        add an intervention (201)
**   PATCH  .../project/interventions/{id}
**   DELETE .../project/interventions/{id}
**   POST   .../project/agreement            {"agreed_on"}: the participant agrees
**   GET    .../project/versions             the agreed versions, each with
**                                           its diff against the previous
**
** Once the project is agreed every change needs "reason" (in the body;
** DELETE takes a JSON body {"reason": ...} too) and makes a new version.
** Reading follows intake_can_read, writing intake_can_plan (the case
** manager, the manager); a refusal is a 404 like an unknown case.  Bodies
** and errors as in api_case.c.  Every write is audited in its
** transaction: entity "project", "objective" or "intervention", the
** participant's person id, a JSON detail (codes, ids, dates, the reason
** for a change to an agreed project).
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../domain/project.h"
#include "api.h"
#include "api_common.h"

/* ---- JSON ---- */

static const char *id_text(Req *r, int64_t id) { return arena_printf(&r->a, "%" PRId64, id); }

static void objective_json(JsonW *w, const Objective *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "person_id", p->iPerson);
  jw_kv_str(w, "person_name", p->zPersonName);
  jw_kv_str(w, "text", p->zText);
  jw_kv_str(w, "indicator", p->zIndicator);
  jw_kv_str(w, "target_on", p->zTargetOn);
  jw_obj_end(w);
}

static void warning_json(JsonW *w, const PlanWarning *p) {
  jw_obj(w);
  api_kv_id(w, "intervention_id", p->iIntervention);
  jw_kv_str(w, "code", p->zCode);
  jw_kv_str(w, "message", p->zMessage);
  jw_obj_end(w);
}

/* An intervention with the warnings of a[0..n) that concern it. */
static void intervention_json(JsonW *w, const Intervention *p, const PlanWarning *a, int n) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "service_id", p->iService);
  jw_kv_str(w, "service", p->zServiceCode);
  jw_kv_str(w, "service_name", p->zServiceName);
  jw_kv_str(w, "service_kind", p->zServiceKind);
  jw_kv_int(w, "person_id", p->iPerson);
  jw_kv_str(w, "person_name", p->zPersonName);
  api_kv_id(w, "organisation_id", p->iOrganisation);
  jw_kv_str(w, "organisation", p->zOrganisation);
  api_kv_id(w, "operator_id", p->iOperator);
  jw_kv_str(w, "operator", p->zOperator);
  jw_kv_str(w, "planned_start", p->zPlannedStart);
  jw_kv_str(w, "planned_end", p->zPlannedEnd);
  api_kv_count(w, "planned_hours", p->iPlannedHours);
  api_kv_count(w, "planned_sessions", p->iPlannedSessions);
  api_kv_count(w, "estimated_cost_cents", p->iEstimatedCostCents);
  api_kv_id(w, "funding_stream_id", p->iStream);
  jw_kv_str(w, "funding_stream", p->zStreamCode);
  jw_kv_str(w, "status", p->zStatus);
  jw_key(w, "warnings");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    if (a[i].iIntervention == p->id) warning_json(w, &a[i]);
  }
  jw_arr_end(w);
  jw_obj_end(w);
}

/* A project read with its warnings. */
typedef struct ProjectView {
  Project p;
  PlanWarning *aWarn;
  int nWarn;
} ProjectView;

static int view_read(Req *r, int64_t iProject, ProjectView *v) {
  int rc = project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &v->p);
  if (!rc)
    rc = project_warnings(r->db, &r->a, r->iAgency, iProject, r->iLang, &v->aWarn, &v->nWarn);
  return rc;
}

static void project_json(JsonW *w, const ProjectView *v) {
  const Project *p = &v->p;
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "case_id", p->iCase);
  jw_kv_str(w, "state", p->zState);
  jw_kv_int(w, "version", p->iVersion);
  jw_kv_str(w, "commitments", p->zCommitments);
  jw_kv_str(w, "agreed_on", p->zAgreedOn);
  jw_kv_str(w, "updated_at", p->zUpdatedAt);
  jw_key(w, "objectives");
  jw_arr(w);
  for (int i = 0; i < p->nObjective; i++) objective_json(w, &p->aObjective[i]);
  jw_arr_end(w);
  jw_key(w, "interventions");
  jw_arr(w);
  for (int i = 0; i < p->nIntervention; i++)
    intervention_json(w, &p->aIntervention[i], v->aWarn, v->nWarn);
  jw_arr_end(w);
  jw_key(w, "warnings");
  jw_arr(w);
  for (int i = 0; i < v->nWarn; i++) warning_json(w, &v->aWarn[i]);
  jw_arr_end(w);
  jw_obj_end(w);
}

/* Starts a JSON answer whose top value the caller writes. */
static void answer_begin(Req *r, JsonW *w, int iStatus) {
  req_json_begin(r, iStatus);
  jw_init(w, &r->out);
}

/* Answers project iProject with status iStatus. */
static void project_answer(Req *r, int64_t iProject, int iStatus) {
  ProjectView v;
  int rc = view_read(r, iProject, &v);
  if (rc) {
    api_domain_error(r, rc, "project");
    return;
  }
  JsonW w;
  answer_begin(r, &w, iStatus);
  project_json(&w, &v);
  buf_putc(&r->out, '\n');
}

/* ---- loading ---- */

/* The case of the path, allowed by xAllowed, and its project: 0, or -1
** after answering (404 when the case has no project yet). */
static int project_load(Req *r, int (*xAllowed)(Relation), Case *c, int64_t *piProject) {
  if (api_case_load(r, xAllowed, c)) return -1;
  *piProject = project_of_case(r->db, r->iAgency, c->id);
  if (*piProject) return 0;
  api_not_found(r, "project");
  return -1;
}

/* The project's state before a write: 1 when agreed (a change then makes
** a version, and its audit entry carries the reason). */
static int project_agreed(Req *r, int64_t iProject) {
  Project p;
  return project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &p) == 0 &&
         strcmp(p.zState, "agreed") == 0;
}

/* Audits a write of entity zEntity iId of case c, with the reason when
** the project was agreed. */
static void project_audit(Req *r, const char *zAction, const char *zEntity, int64_t iId,
                          const Case *c, int bAgreed, const char *zReason, const char *zWhat,
                          const char *zValue) {
  const char *const az[] = {"case",   id_text(r, c->id),     zWhat, zValue,
                            "reason", bAgreed ? zReason : 0, 0};
  req_audit(r, zAction, zEntity, iId, c->iPerson, api_case_detail(r, az));
}

/* ---- the project ---- */

/* GET /api/v1/cases/{id}/project */
void api_project_get(Req *r) {
  Case c;
  int64_t iProject;
  if (project_load(r, 0, &c, &iProject)) return;
  project_answer(r, iProject, 200);
}

/* POST /api/v1/cases/{id}/project: the draft, 201. */
void api_project_create(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_plan, &c)) return;
  int64_t iProject = 0;
  int rc = project_create(r->db, r->iAgency, c.id, &iProject, &r->err);
  if (rc) {
    api_domain_error(r, rc, "project");
    return;
  }
  project_audit(r, "create", "project", iProject, &c, 0, 0, "state", "draft");
  project_answer(r, iProject, 201);
  if (r->iStatus == 201) {
    req_header_add(r, "Location", arena_printf(&r->a, "/api/v1/cases/%" PRId64 "/project", c.id));
  }
}

typedef struct TextBody {
  const char *zText, *zReason, *zOn;
} TextBody;

static const ApiField aCommitmentsField[] = {
    {"commitments", API_TEXT, offsetof(TextBody, zText), 0},
    {"reason", API_TEXT, offsetof(TextBody, zReason), 0},
    {0, 0, 0, 0},
};

/* PUT /api/v1/cases/{id}/project/commitments */
void api_project_commitments(Req *r) {
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  TextBody b = {0};
  if (api_case_body_read(r, aCommitmentsField, 0, &b)) {
    api_invalid(r);
    return;
  }
  int bAgreed = project_agreed(r, iProject);
  int rc =
      project_set_commitments(r->db, r->iAgency, iProject, b.zText, b.zReason, r->user.id, &r->err);
  if (rc) {
    api_domain_error(r, rc, "project");
    return;
  }
  project_audit(r, "update", "project", iProject, &c, bAgreed, b.zReason, "commitments",
                "[changed]");
  project_answer(r, iProject, 200);
}

static const ApiField aAgreementField[] = {
    {"agreed_on", API_TEXT, offsetof(TextBody, zOn), 0},
    {0, 0, 0, 0},
};

/* POST /api/v1/cases/{id}/project/agreement: version 1, stage agreed. */
void api_project_agree(Req *r) {
  static const char *const azRequired[] = {"agreed_on", 0};
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  TextBody b = {0};
  if (api_case_body_read(r, aAgreementField, 0, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  int rc = project_agree(r->db, r->iAgency, iProject, b.zOn, r->user.id, &r->err);
  if (rc) {
    api_domain_error(r, rc, "project");
    return;
  }
  project_audit(r, "update", "project", iProject, &c, 0, 0, "agreed_on", b.zOn);
  project_answer(r, iProject, 200);
}

/* ---- objectives and interventions: what their handlers share ---- */

/* The two kinds of item of a project: the entity their audit entries
** and errors name, and the function of project.h that removes one. */
enum { IT_OBJECTIVE, IT_INTERVENTION };
static const struct {
  const char *zEntity;
  int (*xDelete)(Db *db, int64_t iAgency, int64_t iProject, int64_t iItem, const char *zReason,
                 int64_t iBy, Errors *pErr);
} aItem[2] = {
    {"objective", project_objective_delete},
    {"intervention", project_intervention_delete},
};

/* The id of item i of kind eKind of v->p; its person into *piPerson. */
static int64_t item_id(const ProjectView *v, int eKind, int i, int64_t *piPerson) {
  if (eKind == IT_INTERVENTION) {
    *piPerson = v->p.aIntervention[i].iPerson;
    return v->p.aIntervention[i].id;
  }
  *piPerson = v->p.aObjective[i].iPerson;
  return v->p.aObjective[i].id;
}

/* Item iId of kind eKind of the project read into *v (an intervention's
** with the project's warnings), its index into *pi; 0, or -1 after
** answering (404 when the project has no such item). */
static int item_find(Req *r, int64_t iProject, int eKind, int64_t iId, ProjectView *v, int *pi) {
  int rc = eKind == IT_INTERVENTION
               ? view_read(r, iProject, v)
               : project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &v->p);
  if (rc) {
    api_domain_error(r, rc, "project");
    return -1;
  }
  int n = eKind == IT_INTERVENTION ? v->p.nIntervention : v->p.nObjective;
  for (int i = 0; i < n; i++) {
    int64_t iPerson;
    if (item_id(v, eKind, i, &iPerson) != iId) continue;
    *pi = i;
    return 0;
  }
  api_not_found(r, aItem[eKind].zEntity);
  return -1;
}

/* Answers item iId of the project (an intervention with its warnings)
** with status iStatus. */
static void item_answer(Req *r, int64_t iProject, int eKind, int64_t iId, int iStatus) {
  ProjectView v;
  int i;
  if (item_find(r, iProject, eKind, iId, &v, &i)) return;
  JsonW w;
  answer_begin(r, &w, iStatus);
  if (eKind == IT_INTERVENTION)
    intervention_json(&w, &v.p.aIntervention[i], v.aWarn, v.nWarn);
  else
    objective_json(&w, &v.p.aObjective[i]);
  buf_putc(&r->out, '\n');
}

/* After a write of item iId of person iPerson returned rc (zAction
** "create", "update" or "delete"): 0 once the change is audited (with
** the reason when the project was agreed), or -1 after answering the
** error. */
static int item_audit(Req *r, const Case *c, int eKind, int rc, const char *zAction, int64_t iId,
                      int64_t iPerson, int bAgreed, const char *zReason) {
  if (rc) {
    api_domain_error(r, rc, aItem[eKind].zEntity);
    return -1;
  }
  project_audit(r, zAction, aItem[eKind].zEntity, iId, c, bAgreed, zReason, "person_id",
                id_text(r, iPerson));
  return 0;
}

/* The end of an add (bNew) or a change of item iId: the audit entry and
** the item (201 when added), or the error. */
static void item_written(Req *r, const Case *c, int64_t iProject, int eKind, int rc, int bNew,
                         int64_t iId, int64_t iPerson, int bAgreed, const char *zReason) {
  if (item_audit(r, c, eKind, rc, bNew ? "create" : "update", iId, iPerson, bAgreed, zReason))
    return;
  item_answer(r, iProject, eKind, iId, bNew ? 201 : 200);
}

typedef struct ReasonBody {
  const char *zReason;
} ReasonBody;

static const ApiField aReasonField[] = {
    {"reason", API_TEXT, offsetof(ReasonBody, zReason), 0},
    {0, 0, 0, 0},
};

/* DELETE of item r->aId[1] of kind eKind, body {"reason"}: answers the
** project. */
static void item_delete(Req *r, int eKind) {
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  ReasonBody b = {0};
  if (api_case_body_read(r, aReasonField, 0, &b)) {
    api_invalid(r);
    return;
  }
  ProjectView v;
  int i;
  if (item_find(r, iProject, eKind, r->aId[1], &v, &i)) return;
  int64_t iPerson, iId = item_id(&v, eKind, i, &iPerson);
  int bAgreed = project_agreed(r, iProject);
  int rc = aItem[eKind].xDelete(r->db, r->iAgency, iProject, iId, b.zReason, r->user.id, &r->err);
  if (item_audit(r, &c, eKind, rc, "delete", iId, iPerson, bAgreed, b.zReason)) return;
  project_answer(r, iProject, 200);
}

/* ---- objectives ---- */

typedef struct ObjectiveBody {
  Objective o;
  const char *zReason;
} ObjectiveBody;

static const ApiField aObjectiveField[] = {
    {"person_id", API_INT64, offsetof(ObjectiveBody, o.iPerson), 0},
    {"text", API_TEXT, offsetof(ObjectiveBody, o.zText), 0},
    {"indicator", API_TEXT, offsetof(ObjectiveBody, o.zIndicator), 0},
    {"target_on", API_TEXT, offsetof(ObjectiveBody, o.zTargetOn), 0},
    {"reason", API_TEXT, offsetof(ObjectiveBody, zReason), 0},
    {0, 0, 0, 0},
};

/* Saves b (id 0: adds it) and answers it; the body is read already. */
static void objective_write(Req *r, const Case *c, int64_t iProject, ObjectiveBody *b) {
  int bAgreed = project_agreed(r, iProject);
  int bNew = b->o.id == 0;
  int rc =
      project_objective_save(r->db, r->iAgency, iProject, &b->o, b->zReason, r->user.id, &r->err);
  item_written(r, c, iProject, IT_OBJECTIVE, rc, bNew, b->o.id, b->o.iPerson, bAgreed, b->zReason);
}

/* POST /api/v1/cases/{id}/project/objectives: 201 with the objective. */
void api_project_objective_add(Req *r) {
  static const char *const azRequired[] = {"person_id", 0};
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  ObjectiveBody b;
  memset(&b, 0, sizeof b);
  if (api_case_body_read(r, aObjectiveField, 0, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  objective_write(r, &c, iProject, &b);
}

/* PATCH /api/v1/cases/{id}/project/objectives/{id}: the fields present. */
void api_project_objective_update(Req *r) {
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  ObjectiveBody b;
  memset(&b, 0, sizeof b);
  ProjectView v;
  int i;
  if (item_find(r, iProject, IT_OBJECTIVE, r->aId[1], &v, &i)) return;
  b.o = v.p.aObjective[i];
  if (api_case_body_read(r, aObjectiveField, 0, &b)) {
    api_invalid(r);
    return;
  }
  objective_write(r, &c, iProject, &b);
}

/* DELETE /api/v1/cases/{id}/project/objectives/{id} {"reason"}: answers
** the project. */
void api_project_objective_delete(Req *r) { item_delete(r, IT_OBJECTIVE); }

/* ---- interventions ---- */

typedef struct InterventionBody {
  Intervention v;
  const char *zService, *zStream, *zReason;
} InterventionBody;

#define IV_FIELD(zName, eType, member) \
  { zName, eType, offsetof(InterventionBody, v.member), 0 }
static const ApiField aInterventionField[] = {
    {"service", API_TEXT, offsetof(InterventionBody, zService), 0},
    IV_FIELD("person_id", API_INT64, iPerson),
    IV_FIELD("planned_start", API_TEXT, zPlannedStart),
    IV_FIELD("planned_end", API_TEXT, zPlannedEnd),
    IV_FIELD("planned_hours", API_INT_NULL, iPlannedHours),
    IV_FIELD("planned_sessions", API_INT_NULL, iPlannedSessions),
    {"funding_stream", API_TEXT, offsetof(InterventionBody, zStream), 0},
    {"reason", API_TEXT, offsetof(InterventionBody, zReason), 0},
    {0, 0, 0, 0},
};

/* Reads a body over *b: the table's fields, the nullable ids and the
** cost.  The service and the stream are codes: a service given replaces
** the current one; a stream not of the agency is an error.  Returns the
** number of errors. */
static int intervention_body_read(Req *r, InterventionBody *b) {
  int nErr = r->err.n;
  static const char *const azAlso[] = {"organisation_id", "operator_id", "estimated_cost_cents", 0};
  api_case_body_read(r, aInterventionField, azAlso, b);
  api_case_body_id(r, "organisation_id", &b->v.iOrganisation);
  api_case_body_id(r, "operator_id", &b->v.iOperator);
  json_t *pCost = r->pJson ? json_object_get(r->pJson, "estimated_cost_cents") : 0;
  if (pCost && json_is_null(pCost)) {
    b->v.iEstimatedCostCents = -1;
  } else if (pCost && json_is_integer(pCost) && json_integer_value(pCost) >= 0) {
    b->v.iEstimatedCostCents = json_integer_value(pCost);
  } else if (pCost) {
    errors_add(&r->err, "estimated_cost_cents", "must be an integer of at least 0, or null");
  }
  if (b->zService) {
    b->v.zServiceCode = b->zService;
    b->v.iService = 0;
  }
  if (r->pJson && json_object_get(r->pJson, "funding_stream")) {
    b->v.iStream = b->zStream ? stream_find(r->db, r->iAgency, b->zStream) : 0;
    if (b->zStream && !b->v.iStream)
      errors_add(&r->err, "funding_stream", "no such funding stream");
  }
  return r->err.n - nErr;
}

/* Saves b (id 0: adds it) and answers it. */
static void intervention_write(Req *r, const Case *c, int64_t iProject, InterventionBody *b) {
  int bAgreed = project_agreed(r, iProject);
  int bNew = b->v.id == 0;
  int rc = project_intervention_save(r->db, r->iAgency, iProject, &b->v, b->zReason, r->user.id,
                                     &r->err);
  item_written(r, c, iProject, IT_INTERVENTION, rc, bNew, b->v.id, b->v.iPerson, bAgreed,
               b->zReason);
}

/* POST /api/v1/cases/{id}/project/interventions: 201 with it. */
void api_project_intervention_add(Req *r) {
  static const char *const azRequired[] = {"service", "person_id", 0};
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  InterventionBody b;
  memset(&b, 0, sizeof b);
  b.v.iPlannedHours = b.v.iPlannedSessions = -1;
  b.v.iEstimatedCostCents = -1;
  if (intervention_body_read(r, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  intervention_write(r, &c, iProject, &b);
}

/* PATCH /api/v1/cases/{id}/project/interventions/{id}: the fields present. */
void api_project_intervention_update(Req *r) {
  Case c;
  int64_t iProject;
  if (project_load(r, intake_can_plan, &c, &iProject)) return;
  ProjectView v;
  int i;
  if (item_find(r, iProject, IT_INTERVENTION, r->aId[1], &v, &i)) return;
  InterventionBody b;
  memset(&b, 0, sizeof b);
  b.v = v.p.aIntervention[i];
  if (intervention_body_read(r, &b)) {
    api_invalid(r);
    return;
  }
  intervention_write(r, &c, iProject, &b);
}

/* DELETE /api/v1/cases/{id}/project/interventions/{id} {"reason"}:
** answers the project. */
void api_project_intervention_delete(Req *r) { item_delete(r, IT_INTERVENTION); }

/* ---- versions ---- */

/* GET /api/v1/cases/{id}/project/versions: oldest first, each with the
** readable lines that changed since the one before (version 1: all). */
void api_project_versions(Req *r) {
  Case c;
  int64_t iProject;
  if (project_load(r, 0, &c, &iProject)) return;
  ProjectVersion *a;
  int n;
  int rc = project_versions(r->db, &r->a, r->iAgency, iProject, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "project");
    return;
  }
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < n; i++) {
    DiffLine *aLine = 0;
    int nLine = 0;
    if (project_diff(&r->a, i ? a[i - 1].zSnapshot : 0, a[i].zSnapshot, r->iLang, &aLine, &nLine))
      nLine = 0;
    jw_obj(&w);
    jw_kv_int(&w, "version", a[i].iVersion);
    jw_kv_str(&w, "reason", a[i].zReason);
    jw_kv_str(&w, "created_at", a[i].zCreatedAt);
    jw_kv_str(&w, "created_by", a[i].zCreatedBy);
    jw_key(&w, "diff");
    jw_arr(&w);
    for (int j = 0; j < nLine; j++) {
      jw_obj(&w);
      jw_kv_str(&w, "what", aLine[j].zWhat);
      jw_kv_str(&w, "before", aLine[j].zBefore);
      jw_kv_str(&w, "after", aLine[j].zAfter);
      jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, 0);
}
