/*
** api_case.c — the candidacies of a round (cases, src/domain/intake.h) as
** JSON:
**
**   GET  /api/v1/rounds/{id}/candidates          the round's cases the caller
**                                                may read (?stage=
**                                                ?social_worker= ?organisation=,
**                                                cursor pages)
**   POST /api/v1/rounds/{id}/candidates          shortlist a person
**   GET  /api/v1/rounds/{id}/funnel              the round's funnel (counts)
**   GET  /api/v1/cases/{id}                      one case, with its referrals
**                                                and second interviews
**   GET|PUT /api/v1/cases/{id}/access-form       the first interview's form
**   POST /api/v1/cases/{id}/first-interview-outcome
**   POST /api/v1/cases/{id}/referrals
**   POST /api/v1/cases/{id}/withdrawal
**   PUT  /api/v1/cases/{id}/case-manager
**   GET|POST /api/v1/cases/{id}/second-interviews
**
** Record access: the caller's relation to the participant
** (intake_case_relation) must allow reading (intake_can_read) and, for a
** write, the step (intake_can_interview for the first interview,
** intake_can_plan for second interviews); any refusal is answered 404
** exactly like an unknown id and audited as "denied".  Bodies: an
** unknown key or a known key of the wrong type is a 422 naming it
** (api_case_body_read).  A step the case's stage forbids is a 409 with
** the domain's reason.  Every write is audited in its transaction
** (entity "case", the participant's person id, a JSON detail without
** free text).  The project of a case is api_project.c's.
*/
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../domain/project.h"
#include "../http/guard.h"
#include "api.h"
#include "api_common.h"

/* ---- shared with api_project.c (declared in api.h) ---- */

int api_case_body_read(Req *r, const struct ApiField *aField, const char *const *azAlso,
                       void *pObj) {
  if (!r->pJson) return 0;
  int nErr = r->err.n;
  json_t *pKnown = json_object();
  const char *zKey;
  json_t *v;
  json_object_foreach(r->pJson, zKey, v) {
    const ApiField *p = aField;
    while (p->zName && strcmp(p->zName, zKey) != 0) p++;
    if (p->zName) {
      json_object_set(pKnown, zKey, v);
      continue;
    }
    int bAlso = 0;
    for (int i = 0; azAlso && azAlso[i] && !bAlso; i++) bAlso = strcmp(azAlso[i], zKey) == 0;
    /* The message is a literal: the key is data, named by the field. */
    if (!bAlso) errors_add(&r->err, arena_strdup(&r->a, zKey), "unknown field");
  }
  json_t *pAll = r->pJson;
  r->pJson = pKnown;
  api_body_read(r, aField, pObj);
  r->pJson = pAll;
  json_decref(pKnown);
  return r->err.n - nErr;
}

int api_case_body_id(Req *r, const char *zKey, int64_t *piId) {
  json_t *v = r->pJson ? json_object_get(r->pJson, zKey) : 0;
  if (!v) return 0;
  if (json_is_null(v)) {
    *piId = 0;
  } else if (json_is_integer(v) && json_integer_value(v) > 0) {
    *piId = json_integer_value(v);
  } else {
    errors_add(&r->err, zKey, "must be a positive integer or null");
    return 1;
  }
  return 0;
}

const char *api_case_detail(Req *r, const char *const *azKv) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  for (int i = 0; azKv[i]; i += 2) {
    if (azKv[i + 1]) jw_kv_str(&w, azKv[i], azKv[i + 1]);
  }
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

int api_case_load(Req *r, int (*xAllowed)(Relation), struct Case *p) {
  int rc = intake_case_get(r->db, &r->a, r->iAgency, r->aId[0], p);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "case");
    return -1;
  }
  Relation e = rc ? REL_NONE : intake_case_relation(r->db, &r->user, p);
  if (!intake_can_read(e) || (xAllowed && !xAllowed(e))) {
    guard_denied(r, "case", r->aId[0], rc ? 0 : p->iPerson);
    api_not_found(r, "case");
    return -1;
  }
  return 0;
}

void api_case_rename_error(Req *r, const char *zFrom, const char *zTo) {
  for (int i = 0; i < r->err.n; i++) {
    if (strcmp(r->err.a[i].zField, zFrom) == 0) r->err.a[i].zField = zTo;
  }
}

/* ---- the case as JSON ---- */

static const char *id_text(Req *r, int64_t id) { return arena_printf(&r->a, "%" PRId64, id); }

/* An integer member, or null when v is 0 (no such record). */
/* The members of a case object, without the braces. */
static void case_fields(Req *r, JsonW *w, const Case *c) {
  jw_kv_int(w, "id", c->id);
  jw_kv_int(w, "person_id", c->iPerson);
  jw_kv_int(w, "household_id", c->iHousehold);
  jw_kv_str(w, "person_ref", c->zPersonRef);
  jw_kv_str(w, "first_name", c->zFirstName);
  jw_kv_str(w, "last_name", c->zLastName);
  jw_kv_int(w, "round_id", c->iRound);
  jw_kv_str(w, "round_code", c->zRoundCode);
  jw_kv_str(w, "round_end", c->zRoundEnd);
  api_kv_id(w, "funding_stream_id", c->iStream);
  jw_kv_str(w, "funding_stream", c->zStreamCode);
  jw_kv_str(w, "stage", stage_code(c->eStage));
  jw_kv_str(w, "shortlisted_on", c->zShortlistedOn);
  jw_kv_str(w, "first_interview_on", c->zFirstInterviewOn);
  jw_kv_str(w, "second_interview_on", c->zSecondInterviewOn);
  jw_kv_str(w, "agreed_on", c->zAgreedOn);
  jw_kv_str(w, "exit_on", c->zExitOn);
  jw_kv_str(w, "exit_reason", c->zExitReason);
  jw_kv_str(w, "exit_note", c->zExitNote);
  jw_kv_str(w, "closed_at", c->zClosedAt);
  api_kv_ref(w, "social_worker", c->iSocialWorker, c->zSocialWorker);
  api_kv_ref(w, "psychotherapist", c->iPsychotherapist, c->zPsychotherapist);
  api_kv_ref(w, "organisation", c->iOrganisation, c->zOrganisation);
  api_kv_ref(w, "case_manager", c->iCaseManager, c->zCaseManager);
  api_kv_id(w, "project_id", project_of_case(r->db, r->iAgency, c->id));
}

static void referral_json(JsonW *w, const Referral *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_int(w, "organisation_id", p->iOrganisation);
  jw_kv_str(w, "organisation", p->zOrganisation);
  jw_kv_str(w, "reason", p->zReason);
  jw_kv_str(w, "status", p->zStatus);
  jw_kv_str(w, "created_at", p->zCreatedAt);
  jw_obj_end(w);
}

static void interview_json(JsonW *w, const SecondInterview *p) {
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "held_on", p->zHeldOn);
  api_kv_ref(w, "case_manager", p->iCaseManager, p->zCaseManager);
  jw_kv_str(w, "notes", p->zNotes);
  jw_obj_end(w);
}

/* Answers case id, re-read, with its referrals and second interviews. */
static void case_answer(Req *r, int64_t id, int iStatus) {
  Case c;
  Referral *aRef;
  SecondInterview *aInt;
  int nRef, nInt;
  int rc = intake_case_get(r->db, &r->a, r->iAgency, id, &c);
  if (!rc) rc = intake_referrals(r->db, &r->a, r->iAgency, id, &aRef, &nRef);
  if (!rc) rc = intake_second_interviews(r->db, &r->a, r->iAgency, id, &aInt, &nInt);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  JsonW w;
  api_object_begin(r, &w, iStatus);
  case_fields(r, &w, &c);
  jw_key(&w, "referrals");
  jw_arr(&w);
  for (int i = 0; i < nRef; i++) referral_json(&w, &aRef[i]);
  jw_arr_end(&w);
  jw_key(&w, "second_interviews");
  jw_arr(&w);
  for (int i = 0; i < nInt; i++) interview_json(&w, &aInt[i]);
  jw_arr_end(&w);
  api_object_end(r, &w);
}

/* GET /api/v1/cases/{id} */
void api_case_get(Req *r) {
  Case c;
  if (api_case_load(r, 0, &c)) return;
  case_answer(r, c.id, 200);
}

/* ---- the candidates of a round ---- */

/* The round of the path; 0, or -1 after answering 404. */
static int round_load(Req *r, Round *pRound) {
  int rc = round_get(r->db, &r->a, r->iAgency, r->aId[0], pRound);
  if (rc) api_domain_error(r, rc, "round");
  return rc ? -1 : 0;
}

/* Reads ?stage= ?social_worker= ?organisation= into *pF; 0 or -1 (400). */
static int candidate_filter(Req *r, CaseFilter *pF) {
  static const char *const azStage[] = {"shortlisted",
                                        "first_interview",
                                        "second_interview",
                                        "agreed",
                                        "not_suitable",
                                        "withdrew",
                                        0};
  const char *zStage = 0;
  if (api_query_choice(r, "stage", azStage, &zStage)) return -1;
  pF->eStage = zStage ? stage_from_code(zStage) : -1;
  if (api_query_id(r, "social_worker", &pF->iSocialWorker)) return -1;
  return api_query_id(r, "organisation", &pF->iOrganisation);
}

/* The next page of f's cases the caller may read: up to nLimit into
** *pa, *pzNext the cursor of the page after (NULL: last).  Reads the
** list in batches, so that hidden cases do not shorten a page. */
static int candidate_page(Req *r, CaseFilter *pF, int nLimit, Case **pa, int *pn,
                          const char **pzNext) {
  Case *aOut = arena_alloc(&r->a, sizeof(Case) * (size_t)(nLimit + 1));
  int nOut = 0;
  pF->nLimit = nLimit + 1;
  for (;;) {
    Case *aBatch;
    int nBatch;
    int rc = intake_case_list(r->db, &r->a, r->iAgency, pF, &aBatch, &nBatch);
    if (rc) return rc;
    for (int i = 0; i < nBatch && nOut <= nLimit; i++) {
      if (intake_can_read(intake_case_relation(r->db, &r->user, &aBatch[i])))
        aOut[nOut++] = aBatch[i];
    }
    if (nOut > nLimit || nBatch < pF->nLimit) break;
    pF->iAfter = aBatch[nBatch - 1].id;
  }
  *pzNext = nOut > nLimit ? api_cursor_text(r, aOut[nLimit - 1].id) : 0;
  *pa = aOut;
  *pn = nOut > nLimit ? nLimit : nOut;
  return 0;
}

/* GET /api/v1/rounds/{id}/candidates */
void api_case_candidates(Req *r) {
  Round rd;
  if (round_load(r, &rd)) return;
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.iRound = rd.id;
  int nLimit;
  const char *zCursor, *zNext;
  if (candidate_filter(r, &f) || api_page_params(r, &nLimit, &zCursor) ||
      api_cursor_id(r, zCursor, &f.iAfter))
    return;
  Case *a;
  int n;
  int rc = candidate_page(r, &f, nLimit, &a, &n, &zNext);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < n; i++) {
    jw_obj(&w);
    case_fields(r, &w, &a[i]);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, zNext);
}

static const ApiField aShortlistField[] = {
    {"person_id", API_INT64, offsetof(ShortlistEntry, iPerson), 0},
    {"funding_stream", API_TEXT, offsetof(ShortlistEntry, zStream), 0},
    {"social_worker", API_TEXT, offsetof(ShortlistEntry, zSocialWorker), 0},
    {"shortlisted_on", API_TEXT, offsetof(ShortlistEntry, zShortlistedOn), 0},
    {0, 0, 0, 0},
};

/* POST /api/v1/rounds/{id}/candidates: 201 with the case. */
void api_case_shortlist(Req *r) {
  static const char *const azRequired[] = {"person_id", "funding_stream", "social_worker", 0};
  Round rd;
  if (round_load(r, &rd)) return;
  ShortlistEntry e;
  memset(&e, 0, sizeof e);
  if (api_case_body_read(r, aShortlistField, 0, &e) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  int64_t iCase = 0;
  int rc = intake_shortlist(r->db, r->iAgency, rd.id, &e, r->user.id, &iCase, &r->err);
  api_case_rename_error(r, "person", "person_id");
  if (rc == DOMAIN_NOT_FOUND) { /* the round was found: the person was not */
    errors_add(&r->err, "person_id", "no such person");
    rc = DOMAIN_INVALID;
  }
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  const char *const az[] = {"round",         rd.zCode, "funding_stream", e.zStream, "social_worker",
                            e.zSocialWorker, 0};
  req_audit(r, "create", "case", iCase, e.iPerson, api_case_detail(r, az));
  case_answer(r, iCase, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/cases", iCase);
}

/* ---- the funnel ---- */

/* GET /api/v1/rounds/{id}/funnel?social_worker=&organisation= */
void api_case_funnel(Req *r) {
  Round rd;
  if (round_load(r, &rd)) return;
  int64_t iSocialWorker = 0, iOrganisation = 0;
  if (api_query_id(r, "social_worker", &iSocialWorker) ||
      api_query_id(r, "organisation", &iOrganisation))
    return;
  Funnel f;
  memset(&f, 0, sizeof f);
  int rc = intake_funnel(r->db, r->iAgency, rd.id, iSocialWorker, iOrganisation, &f);
  if (rc) {
    api_domain_error(r, rc, "round");
    return;
  }
  static const char *const azDecision[3] = {"suitable", "refer", "job_only"};
  JsonW w;
  api_object_begin(r, &w, 200);
  jw_kv_int(&w, "round_id", rd.id);
  jw_kv_str(&w, "round_code", rd.zCode);
  api_kv_id(&w, "social_worker_id", iSocialWorker);
  api_kv_id(&w, "organisation_id", iOrganisation);
  const int aStage[STAGE_COUNT] = {f.nShortlisted, f.nFirstInterview, f.nSecondInterview,
                                   f.nAgreed,      f.nNotSuitable,    f.nWithdrew};
  jw_key(&w, "stages");
  jw_obj(&w);
  for (int i = 0; i < STAGE_COUNT; i++) jw_kv_int(&w, stage_code((Stage)i), aStage[i]);
  jw_obj_end(&w);
  jw_key(&w, "withdrawals");
  jw_obj(&w);
  jw_key(&w, "by_stage");
  jw_obj(&w);
  for (int i = 0; i < STAGE_AGREED; i++) jw_kv_int(&w, stage_code((Stage)i), f.nWithdrewAt[i]);
  jw_obj_end(&w);
  jw_key(&w, "by_reason");
  jw_obj(&w);
  for (int i = 0; i < WITHDRAWAL_REASON_COUNT; i++)
    jw_kv_int(&w, withdrawal_reason_code(i), f.nWithdrewReason[i]);
  jw_obj_end(&w);
  jw_obj_end(&w);
  jw_key(&w, "screening");
  jw_obj(&w);
  for (int i = 0; i < 3; i++) jw_kv_int(&w, azDecision[i], f.nScreening[i]);
  jw_kv_int(&w, "overrides", f.nOverride);
  jw_obj_end(&w);
  api_object_end(r, &w);
}

/* ---- the Access and Evaluation Form ---- */

static void kv_texts(JsonW *w, const char *zKey, const char *const *az, int n) {
  jw_key(w, zKey);
  jw_arr(w);
  for (int i = 0; i < n; i++) jw_str(w, az[i]);
  jw_arr_end(w);
}

/* The form as JSON (health is not part of it: see /people/{id}/sensitive). */
static void form_json(JsonW *w, const AccessForm *p) {
  jw_obj(w);
  jw_kv_int(w, "case_id", p->iCase);
  jw_kv_str(w, "interview_on", p->zInterviewOn);
  api_kv_id(w, "social_worker_id", p->iSocialWorker);
  api_kv_id(w, "psychotherapist_id", p->iPsychotherapist);
  jw_kv_bool(w, "privacy_notice", p->bPrivacyNotice);
  jw_kv_str(w, "privacy_signed_on", p->zPrivacySignedOn);
  kv_texts(w, "vulnerabilities", p->azVulnerability, p->nVulnerability);
  jw_kv_str(w, "vulnerability_other", p->zVulnerabilityOther);
  jw_key(w, "scores");
  jw_obj(w);
  for (int i = 0; i < p->nScore; i++) {
    if (p->aScore[i].iScore <= 0) continue;
    jw_key(w, p->aScore[i].zArea);
    jw_obj(w);
    jw_kv_int(w, "score", p->aScore[i].iScore);
    jw_kv_str(w, "descriptor", p->aScore[i].zDescriptor);
    jw_obj_end(w);
  }
  jw_obj_end(w);
  jw_kv_str(w, "past_work", p->zPastWork);
  jw_kv_str(w, "skills", p->zSkills);
  jw_kv_str(w, "work_difficulties", p->zWorkDifficulties);
  jw_kv_str(w, "aspirations", p->zAspirations);
  api_kv_count(w, "education_isced", p->iEducationIsced);
  jw_kv_str(w, "labour_status", p->zLabourStatus);
  api_kv_count(w, "unemployed_months", p->iUnemployedMonths);
  kv_texts(w, "services", p->azService, p->nService);
  jw_key(w, "screening");
  jw_obj(w);
  jw_kv_str(w, "suggestion", p->zScreening);
  jw_kv_str(w, "reason", p->zScreeningReason);
  jw_kv_str(w, "referral_kind", p->zReferralKind);
  jw_obj_end(w);
  jw_kv_str(w, "decision", p->zDecision);
  jw_kv_str(w, "override_reason", p->zOverrideReason);
  jw_kv_str(w, "outcome", p->zOutcome);
  jw_kv_str(w, "outcome_on", p->zOutcomeOn);
  jw_kv_str(w, "updated_at", p->zUpdatedAt);
  jw_obj_end(w);
}

/* Answers the form of case iCase with status iStatus. */
static void form_answer(Req *r, int64_t iCase, int iStatus) {
  AccessForm f;
  int rc = intake_form_get(r->db, &r->a, r->iAgency, iCase, r->iLang, &f);
  if (rc) {
    api_domain_error(r, rc, "access form");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  form_json(&w, &f);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/cases/{id}/access-form */
void api_case_form_get(Req *r) {
  Case c;
  if (api_case_load(r, 0, &c)) return;
  form_answer(r, c.id, 200);
}

/* A PUT body: the form, and the vulnerabilities before they are copied
** into its fixed array. */
typedef struct FormBody {
  AccessForm f;
  const char **azVulnerability;
  int nVulnerability;
} FormBody;

#define FORM_FIELD(zName, eType, member) \
  { zName, eType, offsetof(FormBody, f.member), 0 }
static const ApiField aFormField[] = {
    FORM_FIELD("interview_on", API_TEXT, zInterviewOn),
    FORM_FIELD("privacy_notice", API_BOOL, bPrivacyNotice),
    FORM_FIELD("privacy_signed_on", API_TEXT, zPrivacySignedOn),
    {"vulnerabilities", API_TEXTS, offsetof(FormBody, azVulnerability),
     offsetof(FormBody, nVulnerability)},
    FORM_FIELD("vulnerability_other", API_TEXT, zVulnerabilityOther),
    FORM_FIELD("past_work", API_TEXT, zPastWork),
    FORM_FIELD("skills", API_TEXT, zSkills),
    FORM_FIELD("work_difficulties", API_TEXT, zWorkDifficulties),
    FORM_FIELD("aspirations", API_TEXT, zAspirations),
    FORM_FIELD("education_isced", API_INT_NULL, iEducationIsced),
    FORM_FIELD("labour_status", API_TEXT, zLabourStatus),
    FORM_FIELD("unemployed_months", API_INT_NULL, iUnemployedMonths),
    {"services", API_TEXTS, offsetof(FormBody, f.azService), offsetof(FormBody, f.nService)},
    FORM_FIELD("decision", API_TEXT, zDecision),
    FORM_FIELD("override_reason", API_TEXT, zOverrideReason),
    {0, 0, 0, 0},
};

/* Reads one entry of "scores": {"score": 1..4, "descriptor": text|null}. */
static void score_read(Req *r, const char *zArea, json_t *v, AreaScore *p) {
  const char *zField = arena_printf(&r->a, "scores.%s", zArea);
  json_t *pScore = json_is_object(v) ? json_object_get(v, "score") : 0;
  json_t *pDesc = json_is_object(v) ? json_object_get(v, "descriptor") : 0;
  if (!pScore || !json_is_integer(pScore) ||
      (pDesc && !json_is_string(pDesc) && !json_is_null(pDesc))) {
    errors_add(&r->err, zField, "must be an object with an integer score and a text descriptor");
    return;
  }
  json_int_t i = json_integer_value(pScore);
  p->zArea = arena_strdup(&r->a, zArea);
  p->iScore = i >= 1 && i <= 4 ? (int)i : -1; /* intake_form_validate names a bad score */
  p->zDescriptor =
      pDesc && json_is_string(pDesc) ? arena_strdup(&r->a, json_string_value(pDesc)) : 0;
}

/* Reads "scores" (an object: area code -> score) into pF; errors in r->err. */
static void scores_read(Req *r, AccessForm *pF) {
  json_t *pScores = r->pJson ? json_object_get(r->pJson, "scores") : 0;
  if (!pScores || json_is_null(pScores)) return;
  if (!json_is_object(pScores)) {
    errors_add(&r->err, "scores", "must be an object of area codes");
    return;
  }
  if (json_object_size(pScores) > EMPLOYABILITY_AREAS) {
    errors_add(&r->err, "scores", "has more areas than the assessment");
    return;
  }
  const char *zArea;
  json_t *v;
  json_object_foreach(pScores, zArea, v) { score_read(r, zArea, v, &pF->aScore[pF->nScore++]); }
}

/* Reads a PUT body into *pB (absent fields empty; the social worker the
** case's when absent).  Returns the number of errors added. */
static int form_body_read(Req *r, const Case *c, FormBody *pB) {
  memset(pB, 0, sizeof *pB);
  AccessForm *pF = &pB->f;
  pF->iCase = c->id;
  pF->iSocialWorker = c->iSocialWorker;
  pF->iEducationIsced = -1;
  pF->iUnemployedMonths = -1;
  int nErr = r->err.n;
  static const char *const azAlso[] = {"social_worker_id", "psychotherapist_id", "scores", 0};
  api_case_body_read(r, aFormField, azAlso, pB);
  api_case_body_id(r, "social_worker_id", &pF->iSocialWorker);
  api_case_body_id(r, "psychotherapist_id", &pF->iPsychotherapist);
  scores_read(r, pF);
  if (pB->nVulnerability > VULNERABILITY_MAX) {
    errors_add(&r->err, "vulnerabilities", "has more items than the checklist");
  } else {
    for (int i = 0; i < pB->nVulnerability; i++) pF->azVulnerability[i] = pB->azVulnerability[i];
    pF->nVulnerability = pB->nVulnerability;
  }
  return r->err.n - nErr;
}

/* PUT /api/v1/cases/{id}/access-form: saves the whole form (fields absent
** from the body are cleared) and answers it with the screening. */
void api_case_form_put(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_interview, &c)) return;
  FormBody b;
  if (form_body_read(r, &c, &b)) {
    api_invalid(r);
    return;
  }
  intake_form_validate(&b.f, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  AccessForm old;
  int bExisted = intake_form_get(r->db, &r->a, r->iAgency, c.id, r->iLang, &old) == 0;
  int rc = intake_form_save(r->db, &r->a, r->iAgency, &b.f, &r->err);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  const char *const az[] = {"access_form",
                            bExisted ? "updated" : "created",
                            "screening",
                            b.f.zScreening,
                            "decision",
                            b.f.zDecision,
                            "vulnerabilities",
                            id_text(r, b.f.nVulnerability),
                            "scores",
                            id_text(r, b.f.nScore),
                            0};
  req_audit(r, "update", "case", c.id, c.iPerson, api_case_detail(r, az));
  form_answer(r, c.id, 200);
}

/* ---- the steps of the first interview ---- */

typedef struct StepBody {
  const char *zOutcome, *zOn, *zReason, *zNote;
  int64_t iOrganisation;
} StepBody;

static const ApiField aOutcomeField[] = {
    {"outcome", API_TEXT, offsetof(StepBody, zOutcome), 0},
    {"on", API_TEXT, offsetof(StepBody, zOn), 0},
    {"reason", API_TEXT, offsetof(StepBody, zReason), 0},
    {"note", API_TEXT, offsetof(StepBody, zNote), 0},
    {0, 0, 0, 0},
};

/* The checks a step body needs before the domain sees it: a known
** outcome, a known withdrawal reason. */
static void outcome_check(Req *r, const StepBody *p) {
  if (domain_blank(p->zOutcome)) {
    errors_add(&r->err, "outcome", "required");
  } else if (strcmp(p->zOutcome, "continue") && strcmp(p->zOutcome, "not_suitable") &&
             strcmp(p->zOutcome, "withdrew")) {
    errors_add(&r->err, "outcome", "must be continue, not_suitable or withdrew");
  } else if (strcmp(p->zOutcome, "withdrew") == 0 &&
             (!p->zReason || withdrawal_reason_find(p->zReason) < 0)) {
    errors_add(&r->err, "reason", "must be a withdrawal reason code");
  }
}

/* Answers a step's result: the case (200), or the error rc means. */
static void step_done(Req *r, const Case *c, int rc, const char *const *azDetail) {
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  req_audit(r, "update", "case", c->id, c->iPerson, api_case_detail(r, azDetail));
  case_answer(r, c->id, 200);
}

/* POST /api/v1/cases/{id}/first-interview-outcome */
void api_case_outcome(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_interview, &c)) return;
  StepBody b = {0};
  api_case_body_read(r, aOutcomeField, 0, &b);
  if (!r->err.n) outcome_check(r, &b);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  int rc = intake_first_outcome(r->db, r->iAgency, c.id, b.zOutcome, b.zOn, b.zReason, b.zNote,
                                r->user.id, &r->err);
  api_case_rename_error(r, "outcome_on", "on");
  const char *const az[] = {
      "first_interview_outcome", b.zOutcome, "on", b.zOn, "reason", b.zReason, 0};
  step_done(r, &c, rc, az);
}

/* POST /api/v1/cases/{id}/withdrawal */
void api_case_withdraw(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_interview, &c)) return;
  StepBody b = {0};
  api_case_body_read(r, aOutcomeField + 1, 0, &b); /* on, reason, note */
  if (!r->err.n && (!b.zReason || withdrawal_reason_find(b.zReason) < 0))
    errors_add(&r->err, "reason", "must be a withdrawal reason code");
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  int rc = intake_withdraw(r->db, r->iAgency, c.id, b.zOn, b.zReason, b.zNote, r->user.id, &r->err);
  api_case_rename_error(r, "withdrawn_on", "on");
  const char *const az[] = {"withdrawal", b.zReason, "on", b.zOn, "stage", stage_code(c.eStage), 0};
  step_done(r, &c, rc, az);
}

static const ApiField aReferralField[] = {
    {"organisation_id", API_INT64, offsetof(StepBody, iOrganisation), 0},
    {"reason", API_TEXT, offsetof(StepBody, zReason), 0},
    {0, 0, 0, 0},
};

/* POST /api/v1/cases/{id}/referrals: 201 with the referral. */
void api_case_refer(Req *r) {
  static const char *const azRequired[] = {"organisation_id", 0};
  Case c;
  if (api_case_load(r, intake_can_interview, &c)) return;
  StepBody b = {0};
  if (api_case_body_read(r, aReferralField, 0, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  int64_t iReferral = 0;
  int rc = intake_refer(r->db, r->iAgency, c.id, b.iOrganisation, b.zReason, r->user.id, &iReferral,
                        &r->err);
  api_case_rename_error(r, "organisation", "organisation_id");
  Referral *a;
  int n;
  if (!rc) rc = intake_referrals(r->db, &r->a, r->iAgency, c.id, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  const char *const az[] = {"referral", id_text(r, iReferral), "organisation_id",
                            id_text(r, b.iOrganisation), 0};
  req_audit(r, "update", "case", c.id, c.iPerson, api_case_detail(r, az));
  for (int i = 0; i < n; i++) {
    if (a[i].id != iReferral) continue;
    JsonW w;
    req_json_begin(r, 201);
    jw_init(&w, &r->out);
    referral_json(&w, &a[i]);
    buf_putc(&r->out, '\n');
    return;
  }
  api_not_found(r, "referral");
}

/* ---- the case manager and the second interviews ---- */

typedef struct AssignBody {
  int64_t iOrganisation, iCaseManager;
} AssignBody;

static const ApiField aAssignField[] = {
    {"organisation_id", API_INT64, offsetof(AssignBody, iOrganisation), 0},
    {"case_manager_id", API_INT64, offsetof(AssignBody, iCaseManager), 0},
    {0, 0, 0, 0},
};

/* PUT /api/v1/cases/{id}/case-manager: the cooperative and its case
** manager (the previous pair is in the audit detail). */
void api_case_assign(Req *r) {
  static const char *const azRequired[] = {"organisation_id", "case_manager_id", 0};
  Case c;
  if (api_case_load(r, 0, &c)) return;
  AssignBody b = {0};
  if (api_case_body_read(r, aAssignField, 0, &b) + api_body_require(r, azRequired)) {
    api_invalid(r);
    return;
  }
  int rc = intake_assign(r->db, r->iAgency, c.id, b.iOrganisation, b.iCaseManager, &r->err);
  api_case_rename_error(r, "organisation", "organisation_id");
  api_case_rename_error(r, "case_manager", "case_manager_id");
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_add_int(&d, "organisation_id", c.iOrganisation, b.iOrganisation);
  audit_diff_add_int(&d, "case_manager_id", c.iCaseManager, b.iCaseManager);
  const char *zDetail = audit_diff_finish(&d, &r->a);
  req_audit(r, "update", "case", c.id, c.iPerson, zDetail ? zDetail : "{}");
  case_answer(r, c.id, 200);
}

/* GET /api/v1/cases/{id}/second-interviews (?limit= ?cursor=) */
void api_case_interview_list(Req *r) {
  Case c;
  if (api_case_load(r, 0, &c)) return;
  SecondInterview *a;
  int n, iFirst, nPage;
  const char *zNext;
  int rc = intake_second_interviews(r->db, &r->a, r->iAgency, c.id, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  if (api_page_array(r, a, sizeof *a, n, &iFirst, &nPage, &zNext)) return;
  JsonW w;
  api_list_begin(r, &w);
  for (int i = iFirst; i < iFirst + nPage; i++) interview_json(&w, &a[i]);
  api_list_end(r, &w, zNext);
}

static const ApiField aInterviewField[] = {
    {"held_on", API_TEXT, offsetof(SecondInterview, zHeldOn), 0},
    {"notes", API_TEXT, offsetof(SecondInterview, zNotes), 0},
    {0, 0, 0, 0},
};

/* POST /api/v1/cases/{id}/second-interviews: 201 with the interview,
** held by the case's case manager. */
void api_case_interview_add(Req *r) {
  Case c;
  if (api_case_load(r, intake_can_plan, &c)) return;
  SecondInterview s;
  memset(&s, 0, sizeof s);
  if (api_case_body_read(r, aInterviewField, 0, &s)) {
    api_invalid(r);
    return;
  }
  s.iCaseManager = c.iCaseManager;
  int64_t id = 0;
  SecondInterview *a;
  int n;
  int rc = intake_second_interview(r->db, r->iAgency, c.id, &s, &id, &r->err);
  if (!rc) rc = intake_second_interviews(r->db, &r->a, r->iAgency, c.id, &a, &n);
  if (rc) {
    api_domain_error(r, rc, "case");
    return;
  }
  const char *const az[] = {"second_interview", id_text(r, id), "held_on", s.zHeldOn, 0};
  req_audit(r, "update", "case", c.id, c.iPerson, api_case_detail(r, az));
  for (int i = 0; i < n; i++) {
    if (a[i].id != id) continue;
    JsonW w;
    req_json_begin(r, 201);
    jw_init(&w, &r->out);
    interview_json(&w, &a[i]);
    buf_putc(&r->out, '\n');
    return;
  }
  api_not_found(r, "second interview");
}
