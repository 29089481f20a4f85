/*
** api_course.c — training courses in the JSON API (src/domain/course.h):
**
**   GET   /api/v1/course-editions                       list (?service=ID)
**   POST  /api/v1/course-editions                       create, 201
**   GET   /api/v1/course-editions/{id}                  one, with enrolments
**                                                       and sessions
**   PATCH /api/v1/course-editions/{id}                  edit; "action"
**                                                       start|finish|cancel
**   POST  /api/v1/course-editions/{id}/enrolments       enrol an intervention
**   PATCH /api/v1/course-editions/{id}/enrolments/{id}  complete|withdraw|fail
**   POST  /api/v1/course-editions/{id}/sessions         add a session
**   PUT   /api/v1/course-editions/{id}/sessions/{id}/attendance  the register
**
** Record-level rules as on the pages (page_course.c, docs/access.md):
** participants' names only for course_sees_person(); enrolling needs the
** right to plan the intervention's case; attendance is the trainer's (or
** the manager's); completion the trainer's, the manager's or the case's
** case manager's; withdrawal the last two's.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/course.h"
#include "../domain/intake.h"
#include "api.h"
#include "api_common.h"

/* ---- JSON ---- */

/* The members of an edition object (the caller opens and closes it). */
static void edition_json(JsonW *w, const Edition *p) {
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "service", p->zServiceCode);
  jw_kv_str(w, "service_name", p->zServiceName);
  jw_kv_str(w, "code", p->zCode);
  jw_kv_str(w, "title", p->zTitle);
  jw_kv_str(w, "starts_on", p->zStartsOn);
  jw_kv_str(w, "ends_on", p->zEndsOn);
  jw_kv_int(w, "seats", p->nSeats);
  api_kv_id(w, "trainer_id", p->iTrainer);
  api_kv_id(w, "organisation_id", p->iOrganisation);
  jw_kv_str(w, "place", p->zPlace);
  jw_kv_str(w, "status", p->zStatus);
  jw_kv_int(w, "seats_taken", p->nTaken);
  jw_kv_int(w, "waiting", p->nWaiting);
}

/* An enrolment; names and ids of the person only when bSee. */
static void enrolment_json(JsonW *w, const Enrolment *p, int bSee) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  api_kv_id(w, "intervention_id", bSee ? p->iIntervention : 0);
  api_kv_id(w, "person_id", bSee ? p->iPerson : 0);
  jw_kv_str(w, "person_name", bSee ? p->zPersonName : NULL);
  jw_kv_str(w, "status", p->zStatus);
  if (p->iPosition)
    jw_kv_int(w, "position", p->iPosition);
  else
    jw_kv_null(w, "position");
  jw_kv_str(w, "completed_on", p->zCompletedOn);
  jw_kv_str(w, "certificate_number", p->zCertificateNumber);
  jw_kv_str(w, "certificate_on", p->zCertificateOn);
  jw_kv_int(w, "sessions_attended", p->nPresent);
  jw_obj_end(w);
}

static void session_json(Req *r, JsonW *w, const CourseSession *s, const Enrolment *aE, int nE) {
  jw_obj(w);
  jw_kv_int(w, "id", s->id);
  jw_kv_str(w, "on_date", s->zOn);
  jw_kv_int(w, "minutes", s->nMinutes);
  jw_kv_str(w, "topic", s->zTopic);
  jw_key(w, "present");
  jw_arr(w);
  for (int i = 0; i < nE; i++) {
    if (course_attended(r->db, s->id, aE[i].id) == 1) jw_int(w, aE[i].id);
  }
  jw_arr_end(w);
  jw_obj_end(w);
}

/* Answer edition id with its enrolments and sessions, status iStatus. */
static void edition_answer(Req *r, int64_t id, int iStatus) {
  Edition ed;
  Enrolment *aE = NULL;
  CourseSession *aS = NULL;
  int nE = 0, nS = 0;
  int rc = course_edition_get(r->db, &r->a, r->iAgency, id, r->iLang, &ed);
  if (!rc) rc = course_enrolments(r->db, &r->a, r->iAgency, id, &aE, &nE);
  if (!rc) rc = course_sessions(r->db, &r->a, r->iAgency, id, &aS, &nS);
  if (rc) return api_domain_error(r, rc, "course edition");
  JsonW w;
  api_object_begin(r, &w, iStatus);
  edition_json(&w, &ed);
  jw_key(&w, "enrolments");
  jw_arr(&w);
  for (int i = 0; i < nE; i++)
    enrolment_json(&w, &aE[i], course_sees_person(r->db, &r->user, &ed, aE[i].iPerson));
  jw_arr_end(&w);
  jw_key(&w, "sessions");
  jw_arr(&w);
  for (int i = 0; i < nS; i++) session_json(r, &w, &aS[i], aE, nE);
  jw_arr_end(&w);
  api_object_end(r, &w);
}

/* The edition of the path; 0, or -1 after answering 404. */
static int edition_load(Req *r, Edition *p) {
  int rc = course_edition_get(r->db, &r->a, r->iAgency, r->aId[0], r->iLang, p);
  if (rc) api_domain_error(r, rc, "course edition");
  return rc ? -1 : 0;
}

/* ---- editions ---- */

/* GET /api/v1/course-editions */
void api_course_list(Req *r) {
  int64_t iService = 0;
  if (api_query_id(r, "service", &iService)) return;
  Edition *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = course_edition_list(r->db, &r->a, r->iAgency, iService, r->iLang, &a, &n);
  if (rc) return api_domain_error(r, rc, "course edition");
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) {
    jw_obj(&w);
    edition_json(&w, &a[i]);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, zNext);
}

typedef struct EditionBody {
  Edition ed;
  const char *zAction, *zOn;
} EditionBody;

static const ApiField aEditionField[] = {
    {"service", API_TEXT, offsetof(EditionBody, ed.zServiceCode), 0},
    {"code", API_TEXT, offsetof(EditionBody, ed.zCode), 0},
    {"title", API_TEXT, offsetof(EditionBody, ed.zTitle), 0},
    {"starts_on", API_TEXT, offsetof(EditionBody, ed.zStartsOn), 0},
    {"ends_on", API_TEXT, offsetof(EditionBody, ed.zEndsOn), 0},
    {"seats", API_INT, offsetof(EditionBody, ed.nSeats), 0},
    {"trainer_id", API_INT64, offsetof(EditionBody, ed.iTrainer), 0},
    {"organisation_id", API_INT64, offsetof(EditionBody, ed.iOrganisation), 0},
    {"place", API_TEXT, offsetof(EditionBody, ed.zPlace), 0},
    {"action", API_TEXT, offsetof(EditionBody, zAction), 0},
    {"on", API_TEXT, offsetof(EditionBody, zOn), 0},
    {"id", API_READONLY, 0, 0},
    {"status", API_READONLY, 0, 0},
    {"service_name", API_READONLY, 0, 0},
    {"seats_taken", API_READONLY, 0, 0},
    {"waiting", API_READONLY, 0, 0},
    {NULL, 0, 0, 0},
};

/* POST /api/v1/course-editions */
void api_course_create(Req *r) {
  EditionBody b;
  memset(&b, 0, sizeof b);
  if (api_body_read(r, aEditionField, &b)) return api_invalid(r);
  if (b.zAction) {
    errors_add(&r->err, "action", N_("only when changing an edition"));
    return api_invalid(r);
  }
  int rc = course_edition_save(r->db, r->iAgency, &b.ed, r->user.id, &r->err);
  if (rc) return api_domain_error(r, rc, "course edition");
  req_audit(r, "create", "course_edition", b.ed.id, 0, NULL);
  edition_answer(r, b.ed.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/course-editions", b.ed.id);
}

/* GET /api/v1/course-editions/{id} */
void api_course_get(Req *r) { edition_answer(r, r->aId[0], 200); }

/* PATCH /api/v1/course-editions/{id} */
void api_course_update(Req *r) {
  EditionBody b;
  memset(&b, 0, sizeof b);
  if (edition_load(r, &b.ed)) return;
  b.ed.iService = 0;
  int bFields = r->pJson && json_object_size(r->pJson) > 0;
  if (api_body_read(r, aEditionField, &b)) return api_invalid(r);
  int rc = 0;
  bFields = bFields && (json_object_size(r->pJson) > (size_t)(!!b.zAction + !!b.zOn));
  if (bFields) rc = course_edition_save(r->db, r->iAgency, &b.ed, r->user.id, &r->err);
  if (!rc && b.zAction)
    rc = course_edition_move(r->db, r->iAgency, b.ed.id, b.zAction, b.zOn, r->user.id, &r->err);
  if (rc) return api_domain_error(r, rc, "course edition");
  req_audit(r, b.zAction ? b.zAction : "update", "course_edition", b.ed.id, 0, NULL);
  edition_answer(r, b.ed.id, 200);
}

/* ---- enrolments ---- */

typedef struct EnrolBody {
  int64_t iIntervention;
} EnrolBody;

static const ApiField aEnrolField[] = {
    {"intervention_id", API_INT64, offsetof(EnrolBody, iIntervention), 0},
    {NULL, 0, 0, 0},
};

/* 1 when the caller may plan the case of intervention iIv; *pc its case. */
static int api_course_may_enrol(Req *r, int64_t iIv, Case *pc) {
  int64_t iCase = iIv > 0 ? course_intervention_case(r->db, r->iAgency, iIv) : 0;
  return iCase && intake_case_get(r->db, &r->a, r->iAgency, iCase, pc) == 0 &&
         intake_can_plan(intake_case_relation(r->db, &r->user, pc));
}

/* POST /api/v1/course-editions/{id}/enrolments */
void api_course_enrol(Req *r) {
  Edition ed;
  if (edition_load(r, &ed)) return;
  EnrolBody b = {0};
  static const char *const azRequired[] = {"intervention_id", NULL};
  if (api_body_read(r, aEnrolField, &b) || api_body_require(r, azRequired)) return api_invalid(r);
  Case c;
  if (!api_course_may_enrol(r, b.iIntervention, &c)) {
    errors_add(&r->err, "intervention_id", N_("no such intervention"));
    return api_invalid(r);
  }
  int64_t id = 0;
  int rc = course_enrol(r->db, r->iAgency, ed.id, b.iIntervention, r->user.id, &id, &r->err);
  if (rc) return api_domain_error(r, rc, "course edition");
  req_audit(r, "create", "enrolment", id, c.iPerson, NULL);
  edition_answer(r, ed.id, 201);
}

static const ApiField aChangeField[] = {
    {"action", API_TEXT, offsetof(EnrolmentChange, zAction), 0},
    {"on", API_TEXT, offsetof(EnrolmentChange, zOn), 0},
    {"reason", API_TEXT, offsetof(EnrolmentChange, zReason), 0},
    {"certificate_number", API_TEXT, offsetof(EnrolmentChange, zCertificateNumber), 0},
    {"certificate_on", API_TEXT, offsetof(EnrolmentChange, zCertificateOn), 0},
    {NULL, 0, 0, 0},
};

/* PATCH /api/v1/course-editions/{id}/enrolments/{id} */
void api_course_enrolment_update(Req *r) {
  Edition ed;
  Enrolment n;
  if (edition_load(r, &ed)) return;
  int rc = course_enrolment_get(r->db, &r->a, r->iAgency, ed.id, r->aId[1], &n);
  if (rc) return api_domain_error(r, rc, "enrolment");
  EnrolmentChange c = {0};
  if (api_body_read(r, aChangeField, &c)) return api_invalid(r);
  int bComplete = c.zAction && !strcmp(c.zAction, "complete");
  int bMay =
      (r->user.mRoles & ROLE_MANAGER) || (bComplete && course_is_trainer(&r->user, &ed)) ||
      ((r->user.mRoles & ROLE_CASE_MANAGER) && course_sees_person(r->db, &r->user, &ed, n.iPerson));
  if (!bMay) {
    req_json_error(r, 403, "forbidden",
                   N_("Only the trainer, the manager or the participant's case manager can change "
                      "this enrolment."));
    return;
  }
  rc = course_enrolment_change(r->db, r->iAgency, ed.id, n.id, &c, r->user.id, &r->err);
  if (rc) return api_domain_error(r, rc, "enrolment");
  req_audit(r, c.zAction, "enrolment", n.id, n.iPerson, NULL);
  edition_answer(r, ed.id, 200);
}

/* ---- sessions ---- */

static const ApiField aSessionField[] = {
    {"on_date", API_TEXT, offsetof(CourseSession, zOn), 0},
    {"minutes", API_INT, offsetof(CourseSession, nMinutes), 0},
    {"topic", API_TEXT, offsetof(CourseSession, zTopic), 0},
    {NULL, 0, 0, 0},
};

/* POST /api/v1/course-editions/{id}/sessions */
void api_course_session_add(Req *r) {
  Edition ed;
  if (edition_load(r, &ed)) return;
  if (!course_is_trainer(&r->user, &ed) && !course_can_setup(&r->user)) {
    req_json_error(r, 403, "forbidden",
                   N_("Only the trainer or those who set up the edition can add sessions."));
    return;
  }
  CourseSession s = {0};
  if (api_body_read(r, aSessionField, &s)) return api_invalid(r);
  int rc = course_session_add(r->db, r->iAgency, ed.id, &s, &r->err);
  if (rc) return api_domain_error(r, rc, "course edition");
  req_audit(r, "create", "course_session", s.id, 0, NULL);
  edition_answer(r, ed.id, 201);
}

/* Read {"present": [id, ...]} into *paId; 0, or -1 with errors in r->err. */
static int attendance_body(Req *r, int64_t **paId, int *pn) {
  json_t *pArr = r->pJson ? json_object_get(r->pJson, "present") : NULL;
  const char *zKey;
  json_t *pVal;
  json_object_foreach(r->pJson, zKey, pVal) {
    if (strcmp(zKey, "present") != 0)
      errors_add(&r->err, arena_strdup(&r->a, zKey), N_("unknown field"));
  }
  if (!json_is_array(pArr)) errors_add(&r->err, "present", N_("must be a list of enrolment ids"));
  if (r->err.n) return -1;
  *pn = (int)json_array_size(pArr);
  *paId = arena_alloc(&r->a, sizeof **paId * (size_t)(*pn + 1));
  for (int i = 0; i < *pn; i++) {
    json_t *p = json_array_get(pArr, (size_t)i);
    if (!json_is_integer(p)) {
      errors_add(&r->err, "present", N_("must be a list of enrolment ids"));
      return -1;
    }
    (*paId)[i] = json_integer_value(p);
  }
  return 0;
}

/* PUT /api/v1/course-editions/{id}/sessions/{id}/attendance */
void api_course_attendance(Req *r) {
  Edition ed;
  if (edition_load(r, &ed)) return;
  if (!course_is_trainer(&r->user, &ed) && !(r->user.mRoles & ROLE_MANAGER)) {
    req_json_error(r, 403, "forbidden",
                   N_("Only the trainer of this edition records its attendance."));
    return;
  }
  int64_t *aId = NULL;
  int n = 0;
  if (attendance_body(r, &aId, &n)) return api_invalid(r);
  int rc = course_attendance_record(r->db, r->iAgency, ed.id, r->aId[1], aId, n, &r->err);
  if (rc) return api_domain_error(r, rc, "session");
  req_audit(r, "update", "course_attendance", r->aId[1], 0, NULL);
  edition_answer(r, ed.id, 200);
}
