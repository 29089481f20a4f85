/*
** api_intervention.c — interventions as they run, and host firms:
**
**   GET  /api/v1/interventions/{id}              the intervention, its history,
**                                                placement, attendance, sessions
**   POST /api/v1/interventions/{id}/transitions  {action, on, reason}
**   PUT  /api/v1/interventions/{id}/placement    the placement (and hiring)
**   POST /api/v1/interventions/{id}/attendance   {on_date, minutes, present, note}
**   POST /api/v1/interventions/{id}/sessions     {on_date, minutes, note}
**   GET  /api/v1/host-firms, POST /api/v1/host-firms, GET /api/v1/host-firms/{id}
**
** Record-level rule: delivery_can_record() (docs/access.md, "Delivery");
** an intervention the caller may not read is a 404 like a missing one,
** one they read but may not change a 403.  Unknown body fields are 422
** as everywhere; a change the status forbids is 409 with nothing
** written.  Notes of psychological support sessions are null unless
** policy_sensitive_visible(SENS_PSYCH_NOTES), each showing audited as
** read_sensitive; no free text goes to the audit trail.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/delivery.h"
#include "../domain/intake.h"
#include "../domain/iv_session.h"
#include "../domain/placement.h"
#include "../http/guard.h"
#include "api.h"
#include "api_common.h"

typedef struct ApiIv {
  IvRecord rec;
  unsigned mRight;
  Relation eRel;
} ApiIv;

/* Load intervention r->aId[0]: 404 unless readable, 403 without mNeed.
** 0, or -1 once answered. */
static int api_iv_load(Req *r, ApiIv *p, unsigned mNeed) {
  int rc = iv_get(r->db, &r->a, r->iAgency, r->aId[0], r->iLang, &p->rec);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "intervention");
    return -1;
  }
  p->mRight = rc ? 0 : delivery_can_record(r->db, &r->user, &p->rec, &p->eRel);
  if (!(p->mRight & DELIVERY_READ)) {
    guard_denied(r, "intervention", r->aId[0], rc ? 0 : p->rec.iCasePerson);
    api_not_found(r, "intervention");
    return -1;
  }
  if ((p->mRight & mNeed) != mNeed) {
    req_json_error(r, 403, "forbidden",
                   mNeed & DELIVERY_PLAN
                       ? N_("Only the case manager following this case, or the manager, can "
                            "change this intervention.")
                       : N_("Only the operator who delivers this intervention, its case manager "
                            "or the manager can record it."));
    return -1;
  }
  return 0;
}

/* ---- the intervention as JSON ---- */

static void api_iv_events(Req *r, JsonW *w, const ApiIv *p) {
  IvEvent *a;
  int n;
  if (iv_events(r->db, &r->a, r->iAgency, p->rec.iv.id, &a, &n)) n = 0;
  jw_key(w, "events");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    jw_obj(w);
    jw_kv_str(w, "on", a[i].zOn);
    jw_kv_str(w, "from", a[i].zFrom);
    jw_kv_str(w, "to", a[i].zTo);
    jw_kv_str(w, "reason", a[i].zReason);
    jw_kv_str(w, "by", a[i].zBy);
    jw_kv_str(w, "at", a[i].zAt);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

static void api_iv_allowed(JsonW *w, const ApiIv *p) {
  jw_key(w, "allowed_actions");
  jw_arr(w);
  int bOpen = p->rec.bAgreed && !p->rec.zClosedAt && (p->mRight & DELIVERY_PLAN);
  for (int e = 0; bOpen && e < IV_ACTION_COUNT; e++) {
    if (iv_next_status(p->rec.iv.zStatus, (IvAction)e)) jw_str(w, iv_action_code((IvAction)e));
  }
  jw_arr_end(w);
}

static void api_placement_json(JsonW *w, const Placement *pl) {
  jw_obj(w);
  jw_kv_int(w, "host_firm_id", pl->iHostFirm);
  jw_kv_str(w, "host_firm", pl->zHostFirm);
  jw_kv_str(w, "company_tutor", pl->zCompanyTutor);
  if (pl->iCoopTutor) jw_kv_int(w, "coop_tutor_id", pl->iCoopTutor);
  else jw_kv_null(w, "coop_tutor_id");
  jw_kv_str(w, "coop_tutor", pl->zCoopTutor);
  jw_kv_str(w, "start_on", pl->zStartOn);
  jw_kv_str(w, "end_on", pl->zEndOn);
  api_kv_count(w, "weekly_hours", pl->iWeeklyHours);
  api_kv_count(w, "monthly_indemnity_cents", pl->iMonthlyIndemnityCents);
  jw_kv_str(w, "end_reason", pl->zEndReason);
  jw_kv_str(w, "hired_on", pl->zHiredOn);
  jw_kv_str(w, "contract_type", pl->zContractType);
  jw_obj_end(w);
}

static void api_iv_placement(Req *r, JsonW *w, const ApiIv *p) {
  Placement pl;
  jw_key(w, "placement");
  if (placement_get(r->db, &r->a, r->iAgency, p->rec.iv.id, &pl)) {
    jw_null(w);
    return;
  }
  api_placement_json(w, &pl);
  Attendance *a;
  int n;
  if (placement_attendance(r->db, &r->a, r->iAgency, p->rec.iv.id, &a, &n)) n = 0;
  jw_key(w, "attendance");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    jw_obj(w);
    jw_kv_int(w, "id", a[i].id);
    jw_kv_str(w, "on_date", a[i].zOn);
    jw_kv_int(w, "minutes", a[i].iMinutes);
    jw_kv_bool(w, "present", a[i].bPresent);
    jw_kv_str(w, "note", a[i].zNote);
    jw_kv_str(w, "recorded_by", a[i].zBy);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

static void api_iv_sessions(Req *r, JsonW *w, const ApiIv *p) {
  int bRestricted = iv_session_restricted(r->db, r->iAgency, p->rec.iv.id);
  int bNotes = !bRestricted || policy_sensitive_visible(p->eRel, SENS_PSYCH_NOTES);
  IvSession *a;
  int n;
  if (iv_sessions(r->db, &r->a, r->iAgency, p->rec.iv.id, bNotes, &a, &n)) n = 0;
  if (bRestricted && bNotes && n) {
    guard_sensitive_read(r, p->rec.iCasePerson, 1u << SENS_PSYCH_NOTES);
  }
  jw_kv_bool(w, "notes_restricted", bRestricted && !bNotes);
  jw_key(w, "sessions");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    jw_obj(w);
    jw_kv_int(w, "id", a[i].id);
    jw_kv_str(w, "on_date", a[i].zOn);
    jw_kv_int(w, "minutes", a[i].iMinutes);
    jw_kv_str(w, "note", a[i].zNote);
    jw_kv_str(w, "recorded_by", a[i].zBy);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

static void api_iv_answer(Req *r, const ApiIv *p, int iStatus) {
  const Intervention *iv = &p->rec.iv;
  IvDelivered d;
  iv_delivered(r->db, r->iAgency, iv->id, &d);
  JsonW w;
  api_object_begin(r, &w, iStatus);
  jw_kv_int(&w, "id", iv->id);
  jw_kv_int(&w, "case_id", p->rec.iCase);
  jw_key(&w, "service");
  jw_obj(&w);
  jw_kv_str(&w, "code", iv->zServiceCode);
  jw_kv_str(&w, "name", iv->zServiceName);
  jw_kv_str(&w, "kind", iv->zServiceKind);
  jw_obj_end(&w);
  api_kv_ref(&w, "person", iv->iPerson, iv->zPersonName);
  api_kv_ref(&w, "provider", iv->iOrganisation, iv->zOrganisation);
  api_kv_ref(&w, "operator", iv->iOperator, iv->zOperator);
  jw_kv_str(&w, "planned_start", iv->zPlannedStart);
  jw_kv_str(&w, "planned_end", iv->zPlannedEnd);
  api_kv_count(&w, "planned_hours", iv->iPlannedHours);
  api_kv_count(&w, "planned_sessions", iv->iPlannedSessions);
  jw_key(&w, "delivered");
  jw_obj(&w);
  jw_kv_int(&w, "minutes", d.nMinutes);
  jw_kv_int(&w, "sessions", d.nSessions);
  jw_obj_end(&w);
  jw_kv_str(&w, "status", iv->zStatus);
  jw_kv_str(&w, "started_on", p->rec.zStartedOn);
  jw_kv_str(&w, "ended_on", p->rec.zEndedOn);
  jw_kv_str(&w, "status_reason", p->rec.zStatusReason);
  jw_kv_str(&w, "school", p->rec.zSchool);
  api_kv_count(&w, "weekly_hours", p->rec.iWeeklyHours);
  api_iv_allowed(&w, p);
  api_iv_events(r, &w, p);
  api_iv_placement(r, &w, p);
  api_iv_sessions(r, &w, p);
  api_object_end(r, &w);
}

/* Re-read the intervention after a write and answer it. */
static void api_iv_reanswer(Req *r, ApiIv *p, int iStatus) {
  int rc = iv_get(r->db, &r->a, r->iAgency, p->rec.iv.id, r->iLang, &p->rec);
  if (rc) {
    api_domain_error(r, rc, "intervention");
    return;
  }
  p->mRight = delivery_can_record(r->db, &r->user, &p->rec, &p->eRel);
  api_iv_answer(r, p, iStatus);
}

void api_intervention_get(Req *r) {
  ApiIv p;
  if (api_iv_load(r, &p, 0)) return;
  api_iv_answer(r, &p, 200);
}

/* ---- writes ---- */

/* The start of a write: intervention r->aId[0] loaded and allowed mNeed
** (api_iv_load), then the body read over *pBody by aField with the
** azRequired fields present.  0, or -1 once answered (a 422 lists the
** body's errors). */
static int api_iv_write_begin(Req *r, ApiIv *p, unsigned mNeed, const ApiField *aField,
                              const char *const *azRequired, void *pBody) {
  if (api_iv_load(r, p, mNeed)) return -1;
  if (api_body_read(r, aField, pBody) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return -1;
  }
  return 0;
}

/* The end of a write whose domain call returned rc: the error's answer
** (zWhat names what may be missing), or the audit entry of the change
** (azKv: key, value pairs ending with NULL) and the intervention as it
** is now, with status iStatus. */
static void api_iv_write_end(Req *r, ApiIv *p, int rc, const char *zWhat, const char *const *azKv,
                             int iStatus) {
  if (rc) {
    api_domain_error(r, rc, zWhat);
    return;
  }
  req_audit(r, "update", "intervention", p->rec.iv.id, p->rec.iv.iPerson, api_case_detail(r, azKv));
  api_iv_reanswer(r, p, iStatus);
}

typedef struct TransitionBody {
  const char *zAction, *zOn, *zReason;
} TransitionBody;

static const ApiField aTransitionField[] = {
    {"action", API_TEXT, offsetof(TransitionBody, zAction), 0},
    {"on", API_TEXT, offsetof(TransitionBody, zOn), 0},
    {"reason", API_TEXT, offsetof(TransitionBody, zReason), 0},
    {0, 0, 0, 0},
};

void api_intervention_transition(Req *r) {
  static const char *const azRequired[] = {"action", 0};
  ApiIv p;
  TransitionBody b = {0};
  if (api_iv_write_begin(r, &p, DELIVERY_PLAN, aTransitionField, azRequired, &b)) return;
  int e = iv_action_from_code(b.zAction);
  if (e < 0) {
    errors_add(&r->err, "action",
               N_("must be one of start, suspend, resume, complete, interrupt, cancel"));
    api_invalid(r);
    return;
  }
  const char *zFrom = p.rec.iv.zStatus;
  int rc = iv_transition(r->db, r->iAgency, p.rec.iv.id, (IvAction)e, b.zOn, b.zReason, r->user.id,
                         &r->err);
  const char *const az[] = {"action", b.zAction, "from", zFrom, "on", b.zOn, 0};
  api_iv_write_end(r, &p, rc, "intervention", az, 200);
}

typedef struct PlacementBody {
  int64_t iHostFirm;
  const char *zCompanyTutor;
  const char *zStartOn, *zEndOn, *zEndReason, *zHiredOn, *zContractType;
  int iWeeklyHours, iIndemnity;
} PlacementBody;

static const ApiField aPlacementField[] = {
    {"host_firm_id", API_INT64, offsetof(PlacementBody, iHostFirm), 0},
    {"company_tutor", API_TEXT, offsetof(PlacementBody, zCompanyTutor), 0},
    {"start_on", API_TEXT, offsetof(PlacementBody, zStartOn), 0},
    {"end_on", API_TEXT, offsetof(PlacementBody, zEndOn), 0},
    {"weekly_hours", API_INT_NULL, offsetof(PlacementBody, iWeeklyHours), 0},
    {"monthly_indemnity_cents", API_INT_NULL, offsetof(PlacementBody, iIndemnity), 0},
    {"end_reason", API_TEXT, offsetof(PlacementBody, zEndReason), 0},
    {"hired_on", API_TEXT, offsetof(PlacementBody, zHiredOn), 0},
    {"contract_type", API_TEXT, offsetof(PlacementBody, zContractType), 0},
    {0, 0, 0, 0},
};

void api_intervention_placement(Req *r) {
  static const char *const azRequired[] = {"host_firm_id", "start_on", 0};
  static const char *const azAlso[] = {"coop_tutor_id", 0};
  ApiIv p;
  if (api_iv_load(r, &p, DELIVERY_PLAN)) return;
  PlacementBody b = {0, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1};
  int64_t iTutor = 0;
  int nErr = api_case_body_read(r, aPlacementField, azAlso, &b) + api_body_require(r, azRequired);
  nErr += api_case_body_id(r, "coop_tutor_id", &iTutor);
  if (nErr) {
    api_invalid(r);
    return;
  }
  Placement pl = {p.rec.iv.id, b.iHostFirm, NULL, b.zCompanyTutor, iTutor, NULL, b.zStartOn,
                  b.zEndOn, b.iWeeklyHours, b.iIndemnity, b.zEndReason, b.zHiredOn,
                  b.zContractType};
  int rc = placement_save(r->db, r->iAgency, &pl, &r->err);
  const char *const az[] = {"placement", "saved", "hired_on", b.zHiredOn, "contract_type",
                            b.zContractType, 0};
  api_iv_write_end(r, &p, rc, "intervention", az, 200);
}

typedef struct RecordBody {
  const char *zOn, *zNote;
  int iMinutes, bPresent;
} RecordBody;

static const ApiField aAttendanceField[] = {
    {"on_date", API_TEXT, offsetof(RecordBody, zOn), 0},
    {"minutes", API_INT, offsetof(RecordBody, iMinutes), 0},
    {"present", API_BOOL, offsetof(RecordBody, bPresent), 0},
    {"note", API_TEXT, offsetof(RecordBody, zNote), 0},
    {0, 0, 0, 0},
};

void api_intervention_attendance(Req *r) {
  static const char *const azRequired[] = {"on_date", "minutes", "present", 0};
  ApiIv p;
  RecordBody b = {0};
  if (api_iv_write_begin(r, &p, DELIVERY_RECORD, aAttendanceField, azRequired, &b)) return;
  Attendance t = {0, b.zOn, b.iMinutes, b.bPresent, b.zNote, NULL};
  int rc = placement_attend(r->db, r->iAgency, p.rec.iv.id, &t, r->user.id, &r->err);
  const char *const az[] = {"attendance", b.zOn, "present", b.bPresent ? "1" : "0", 0};
  api_iv_write_end(r, &p, rc, "placement", az, 201);
}

static const ApiField aSessionField[] = {
    {"on_date", API_TEXT, offsetof(RecordBody, zOn), 0},
    {"minutes", API_INT, offsetof(RecordBody, iMinutes), 0},
    {"note", API_TEXT, offsetof(RecordBody, zNote), 0},
    {0, 0, 0, 0},
};

void api_intervention_session(Req *r) {
  static const char *const azRequired[] = {"on_date", "minutes", 0};
  ApiIv p;
  RecordBody b = {0};
  if (api_iv_write_begin(r, &p, DELIVERY_RECORD, aSessionField, azRequired, &b)) return;
  IvSession s = {0, b.zOn, b.iMinutes, b.zNote, NULL, NULL};
  int rc = iv_session_add(r->db, r->iAgency, p.rec.iv.id, &s, r->user.id, &r->err);
  const char *const az[] = {"session", b.zOn, 0};
  api_iv_write_end(r, &p, rc, "intervention", az, 201);
}

/* ---- host firms ---- */

static const ApiField aFirmField[] = {
    {"id", API_READONLY, 0, 0},
    {"code", API_TEXT, offsetof(HostFirm, zCode), 0},
    {"name", API_TEXT, offsetof(HostFirm, zName), 0},
    {"vat_number", API_TEXT, offsetof(HostFirm, zVatNumber), 0},
    {"ateco_section", API_TEXT, offsetof(HostFirm, zAteco), 0},
    {"address", API_TEXT, offsetof(HostFirm, zAddress), 0},
    {"contact_name", API_TEXT, offsetof(HostFirm, zContactName), 0},
    {"contact_phone", API_TEXT, offsetof(HostFirm, zContactPhone), 0},
    {"contact_email", API_TEXT, offsetof(HostFirm, zContactEmail), 0},
    {0, 0, 0, 0},
};

static void api_firm_json(JsonW *w, const HostFirm *f) {
  jw_obj(w);
  jw_kv_int(w, "id", f->id);
  jw_kv_str(w, "code", f->zCode);
  jw_kv_str(w, "name", f->zName);
  jw_kv_str(w, "vat_number", f->zVatNumber);
  jw_kv_str(w, "ateco_section", f->zAteco);
  jw_kv_str(w, "address", f->zAddress);
  jw_kv_str(w, "contact_name", f->zContactName);
  jw_kv_str(w, "contact_phone", f->zContactPhone);
  jw_kv_str(w, "contact_email", f->zContactEmail);
  jw_obj_end(w);
}

void api_host_firm_list(Req *r) {
  HostFirm *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = host_firm_list(r->db, &r->a, r->iAgency, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "host firm");
    return;
  }
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) api_firm_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

void api_host_firm_get(Req *r) {
  HostFirm f;
  int rc = host_firm_get(r->db, &r->a, r->iAgency, r->aId[0], &f);
  if (rc) {
    api_domain_error(r, rc, "host firm");
    return;
  }
  JsonW w;
  req_json_begin(r, 200);
  jw_init(&w, &r->out);
  api_firm_json(&w, &f);
}

void api_host_firm_create(Req *r) {
  HostFirm f;
  memset(&f, 0, sizeof f);
  if (api_body_read(r, aFirmField, &f)) {
    api_invalid(r);
    return;
  }
  int rc = host_firm_save(r->db, r->iAgency, &f, &r->err);
  if (!rc) rc = host_firm_get(r->db, &r->a, r->iAgency, f.id, &f);
  if (rc) {
    api_domain_error(r, rc, "host firm");
    return;
  }
  req_audit(r, "create", "organisation", f.id, 0, NULL);
  api_created(r, "/api/v1/host-firms", f.id);
  JsonW w;
  req_json_begin(r, 201);
  jw_init(&w, &r->out);
  api_firm_json(&w, &f);
}
