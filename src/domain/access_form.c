/*
** access_form.c — the Access and Evaluation Form of the first interview
** (see intake.h): the catalogues it offers (vulnerabilities, employability
** areas), its pure validation, saving (the form row, then its child rows
** -- vulnerabilities, scores, services -- replaced as a whole) with the
** screening's suggestion beside the social worker's decision, and
** reading it back.  Psycho-physical health is special-category data and
** lives in person_sensitive (sensitive.c), not here.
*/
#include "intake.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"

/* The employability areas of schema 003 and the field names of their
** errors ("scores.AREA": literals, as Errors keeps pointers). */
static const char *const form_azArea[EMPLOYABILITY_AREAS][2] = {
    {"personal", "scores.personal"},       {"family", "scores.family"},
    {"economic", "scores.economic"},       {"education", "scores.education"},
    {"training", "scores.training"},       {"communication", "scores.communication"},
    {"italian", "scores.italian"},         {"digital", "scores.digital"},
    {"contracts", "scores.contracts"},     {"transversal", "scores.transversal"},
    {"mobility", "scores.mobility"},
};

static const char *const form_azDecision[] = {"suitable", "refer", "job_only", 0};
static const char *const form_azLabour[] = {"employed", "unemployed", "inactive", 0};

/* 1 if z is one of the NULL-terminated az. */
static int form_one_of(const char *z, const char *const *az) {
  for (int i = 0; z && az[i]; i++) {
    if (strcmp(z, az[i]) == 0) return 1;
  }
  return 0;
}

/* The error field of area zCode, or NULL when it is not an area. */
static const char *form_area_field(const char *zCode) {
  for (int i = 0; zCode && i < EMPLOYABILITY_AREAS; i++) {
    if (strcmp(zCode, form_azArea[i][0]) == 0) return form_azArea[i][1];
  }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Catalogues                                                          */
/* ------------------------------------------------------------------ */

/* The rows of q (code, name_it, name_en) into a new arena array. */
static int form_catalogue(DbStmt *q, Arena *a, CatalogueItem **pa, int *pn) {
  CatalogueItem *aI = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      CatalogueItem *aNew = arena_alloc(a, sizeof *aI * (size_t)nAlloc);
      if (n) memcpy(aNew, aI, sizeof *aI * (size_t)n);
      aI = aNew;
    }
    aI[n].zCode = arena_strdup(a, db_col_text(q, 0));
    aI[n].zNameIt = arena_strdup(a, db_col_text(q, 1));
    aI[n++].zNameEn = arena_strdup(a, db_col_text(q, 2));
  }
  db_done(q);
  *pa = aI;
  *pn = n;
  return rc < 0 ? rc : 0;
}

int intake_vulnerabilities(Db *db, Arena *a, CatalogueItem **pa, int *pn) {
  return form_catalogue(
      db_query(db, "SELECT code, name_it, name_en FROM vulnerability ORDER BY position", ""), a,
      pa, pn);
}

int intake_areas(Db *db, Arena *a, CatalogueItem **pa, int *pn) {
  return form_catalogue(
      db_query(db, "SELECT code, name_it, name_en FROM employability_area ORDER BY position", ""),
      a, pa, pn);
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static void form_check_privacy(const AccessForm *p, Errors *pErr) {
  if (p->bPrivacyNotice != 0 && p->bPrivacyNotice != 1) {
    errors_add(pErr, "privacy_notice", N_("must be 0 or 1"));
  } else if (p->bPrivacyNotice) {
    intake_check_date(pErr, "privacy_signed_on", p->zPrivacySignedOn, 1);
  } else if (!domain_blank(p->zPrivacySignedOn)) {
    errors_add(pErr, "privacy_signed_on", N_("the privacy notice has not been given"));
  }
}

static void form_check_vulnerabilities(const AccessForm *p, Errors *pErr) {
  int bOther = 0;
  if (p->nVulnerability < 0 || p->nVulnerability > VULNERABILITY_MAX) {
    errors_add(pErr, "vulnerabilities", N_("too many vulnerabilities"));
    return;
  }
  for (int i = 0; i < p->nVulnerability; i++) {
    Errors e = {.n = 0};
    domain_check_code(&e, "vulnerabilities", p->azVulnerability[i]);
    if (e.n) {
      errors_add(pErr, "vulnerabilities", N_("not a valid vulnerability"));
      return;
    }
    for (int j = 0; j < i; j++) {
      if (strcmp(p->azVulnerability[i], p->azVulnerability[j]) == 0) {
        errors_add(pErr, "vulnerabilities", N_("a vulnerability is checked twice"));
        return;
      }
    }
    bOther |= strcmp(p->azVulnerability[i], "other") == 0;
  }
  if (bOther && domain_blank(p->zVulnerabilityOther)) {
    errors_add(pErr, "vulnerability_other", N_("say what the other vulnerability is"));
  } else {
    domain_check_text(pErr, "vulnerability_other", p->zVulnerabilityOther, 200, 0);
  }
}

static void form_check_scores(const AccessForm *p, Errors *pErr) {
  if (p->nScore < 0 || p->nScore > EMPLOYABILITY_AREAS) {
    errors_add(pErr, "scores", N_("too many scores"));
    return;
  }
  for (int i = 0; i < p->nScore; i++) {
    const AreaScore *s = &p->aScore[i];
    const char *zField = form_area_field(s->zArea);
    if (!zField) {
      errors_add(pErr, "scores", N_("unknown employability area"));
      continue;
    }
    for (int j = 0; j < i; j++) {
      if (p->aScore[j].zArea && strcmp(s->zArea, p->aScore[j].zArea) == 0) {
        errors_add(pErr, "scores", N_("an area is scored twice"));
      }
    }
    if (s->iScore < 0 || s->iScore > 4) errors_add(pErr, zField, N_("a score from 1 to 4"));
    else intake_check_text(pErr, zField, s->zDescriptor, 2000, 0);
  }
}

static void form_check_work(const AccessForm *p, Errors *pErr) {
  intake_check_text(pErr, "past_work", p->zPastWork, 2000, 0);
  intake_check_text(pErr, "skills", p->zSkills, 2000, 0);
  intake_check_text(pErr, "work_difficulties", p->zWorkDifficulties, 2000, 0);
  intake_check_text(pErr, "aspirations", p->zAspirations, 2000, 0);
  if (p->iEducationIsced < -1 || p->iEducationIsced > 8) {
    errors_add(pErr, "education_isced", N_("an ISCED level from 0 to 8"));
  }
  int bStatus = !domain_blank(p->zLabourStatus);
  if (bStatus && !form_one_of(p->zLabourStatus, form_azLabour)) {
    errors_add(pErr, "labour_status", N_("must be employed, unemployed or inactive"));
  }
  if (p->iUnemployedMonths < -1 || p->iUnemployedMonths > 1200) {
    errors_add(pErr, "unemployed_months", N_("a number of months from 0 to 1200"));
  } else if (p->iUnemployedMonths >= 0 &&
             !(bStatus && strcmp(p->zLabourStatus, "unemployed") == 0)) {
    errors_add(pErr, "unemployed_months", N_("only for a person who is unemployed"));
  }
}

void intake_form_validate(const AccessForm *p, Errors *pErr) {
  intake_check_date(pErr, "interview_on", p->zInterviewOn, 1);
  form_check_privacy(p, pErr);
  form_check_vulnerabilities(p, pErr);
  form_check_scores(p, pErr);
  form_check_work(p, pErr);
  for (int i = 0; i < p->nService; i++) {
    Errors e = {.n = 0};
    domain_check_code(&e, "services", p->azService[i]);
    if (e.n) {
      errors_add(pErr, "services", N_("not a valid service code"));
      break;
    }
  }
  if (!domain_blank(p->zDecision) && !form_one_of(p->zDecision, form_azDecision)) {
    errors_add(pErr, "decision", N_("must be suitable, refer or job_only"));
  }
  intake_check_text(pErr, "override_reason", p->zOverrideReason, 500, 0);
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */
/* ------------------------------------------------------------------ */

/* The checks against the database: catalogue codes and staff. */
static void form_check_refs(Db *db, int64_t iAgency, const AccessForm *p, Errors *pErr) {
  for (int i = 0; i < p->nVulnerability; i++) {
    if (!db_int(db, 0, "SELECT count(*) FROM vulnerability WHERE code=$1", "t",
                p->azVulnerability[i])) {
      errors_add(pErr, "vulnerabilities", N_("unknown vulnerability"));
      break;
    }
  }
  for (int i = 0; i < p->nService; i++) {
    if (!service_find(db, iAgency, p->azService[i])) {
      errors_add(pErr, "services", N_("unknown service"));
      break;
    }
  }
  if (p->iSocialWorker && !intake_user_has_role(db, iAgency, p->iSocialWorker, "social_worker", 0)) {
    errors_add(pErr, "social_worker_id", N_("not an active social worker of the agency"));
  }
  if (p->iPsychotherapist &&
      !intake_user_has_role(db, iAgency, p->iPsychotherapist, "psychotherapist", 0)) {
    errors_add(pErr, "psychotherapist_id", N_("not an active psychotherapist of the agency"));
  }
}

/* Whether the case can take a form now: its stage.  0, DOMAIN_CONFLICT,
** DOMAIN_NOT_FOUND or a db.h code. */
static int form_check_stage(Db *db, int64_t iAgency, int64_t iCase, Errors *pErr) {
  DbStmt *q = db_query(db, "SELECT stage FROM case_file WHERE id=$1 AND agency_id=$2", "ii", iCase,
                       iAgency);
  int rc = db_step(q);
  int e = rc == DB_ROW ? stage_from_code(db_col_text(q, 0)) : -1;
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  if (e == STAGE_SHORTLISTED) return 0;
  errors_add(pErr, "stage", e >= 0 && stage_is_exit((Stage)e)
                                ? stage_obstacle((Stage)e)
                                : N_("the first interview is already closed"));
  return DOMAIN_CONFLICT;
}

/* Bind the columns the insert and the update share ($2..$19). */
static void form_bind(DbStmt *q, const AccessForm *p, int64_t iRule, const char *zNow) {
  db_bind_text(q, 2, p->zInterviewOn);
  if (p->iSocialWorker) db_bind_int(q, 3, p->iSocialWorker);
  else db_bind_null(q, 3);
  if (p->iPsychotherapist) db_bind_int(q, 4, p->iPsychotherapist);
  else db_bind_null(q, 4);
  db_bind_int(q, 5, p->bPrivacyNotice);
  db_bind_text(q, 6, p->bPrivacyNotice ? p->zPrivacySignedOn : NULL);
  const char *az[] = {p->zPastWork, p->zSkills, p->zWorkDifficulties, p->zAspirations};
  for (int i = 0; i < 4; i++) db_bind_text(q, 7 + i, domain_blank(az[i]) ? NULL : az[i]);
  if (p->iEducationIsced >= 0) db_bind_int(q, 11, p->iEducationIsced);
  else db_bind_null(q, 11);
  db_bind_text(q, 12, domain_blank(p->zLabourStatus) ? NULL : p->zLabourStatus);
  if (p->iUnemployedMonths >= 0) db_bind_int(q, 13, p->iUnemployedMonths);
  else db_bind_null(q, 13);
  db_bind_text(q, 14, p->zScreening);
  if (iRule) db_bind_int(q, 15, iRule);
  else db_bind_null(q, 15);
  int bDecision = !domain_blank(p->zDecision);
  db_bind_text(q, 16, bDecision ? p->zDecision : NULL);
  int bOverride = bDecision && strcmp(p->zDecision, p->zScreening) != 0;
  db_bind_text(q, 17, bOverride ? p->zOverrideReason : NULL);
  db_bind_text(q, 18, zNow);
}

/* Insert or update the form row of p->iCase. */
static int form_write_row(Db *db, int64_t iAgency, const AccessForm *p, int64_t iRule) {
  char zNow[21];
  timestamp_now(zNow);
  int bExists = db_int(db, 0, "SELECT count(*) FROM access_form WHERE case_id=$1", "i", p->iCase) > 0;
  DbStmt *q;
  if (bExists) {
    q = db_prepare(db,
                   "UPDATE access_form SET interview_on=$2, social_worker_id=$3,"
                   " psychotherapist_id=$4, privacy_notice=$5, privacy_signed_on=$6,"
                   " past_work=$7, skills=$8, work_difficulties=$9, aspirations=$10,"
                   " education_isced=$11, labour_status=$12, unemployed_months=$13,"
                   " screening=$14, screening_rule_id=$15, decision=$16, override_reason=$17,"
                   " updated_at=$18 WHERE case_id=$1 AND agency_id=$19");
  } else {
    q = db_prepare(db,
                   "INSERT INTO access_form(case_id, interview_on, social_worker_id,"
                   " psychotherapist_id, privacy_notice, privacy_signed_on, past_work, skills,"
                   " work_difficulties, aspirations, education_isced, labour_status,"
                   " unemployed_months, screening, screening_rule_id, decision, override_reason,"
                   " created_at, updated_at, agency_id)"
                   " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18,$19)");
  }
  db_bind_int(q, 1, p->iCase);
  form_bind(q, p, iRule, zNow);
  db_bind_int(q, 19, iAgency);
  int rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Replace the child rows of the form of p->iCase. */
static int form_write_children(Db *db, int64_t iAgency, const AccessForm *p) {
  int rc = db_exec(db, "DELETE FROM access_form_vulnerability WHERE case_id=$1", "i", p->iCase);
  if (!rc) rc = db_exec(db, "DELETE FROM access_form_score WHERE case_id=$1", "i", p->iCase);
  if (!rc) rc = db_exec(db, "DELETE FROM access_form_service WHERE case_id=$1", "i", p->iCase);
  for (int i = 0; !rc && i < p->nVulnerability; i++) {
    const char *z = p->azVulnerability[i];
    rc = db_exec(db,
                 "INSERT INTO access_form_vulnerability(case_id, vulnerability, note)"
                 " VALUES ($1,$2,$3)",
                 "itt", p->iCase, z, strcmp(z, "other") == 0 ? p->zVulnerabilityOther : NULL);
  }
  for (int i = 0; !rc && i < p->nScore; i++) {
    const AreaScore *s = &p->aScore[i];
    if (s->iScore < 1) continue; /* not scored */
    rc = db_exec(db,
                 "INSERT INTO access_form_score(case_id, area, score, descriptor)"
                 " VALUES ($1,$2,$3,$4)",
                 "itit", p->iCase, s->zArea, (int64_t)s->iScore,
                 domain_blank(s->zDescriptor) ? NULL : s->zDescriptor);
  }
  for (int i = 0; !rc && i < p->nService; i++) {
    rc = db_exec(db,
                 "INSERT INTO access_form_service(case_id, service_id)"
                 " SELECT f.case_id, s.id FROM access_form f"
                 " JOIN service s ON s.agency_id=f.agency_id"
                 " WHERE f.case_id=$1 AND f.agency_id=$2 AND s.code=$3"
                 " AND NOT EXISTS (SELECT 1 FROM access_form_service x"
                 " WHERE x.case_id=f.case_id AND x.service_id=s.id)",
                 "iit", p->iCase, iAgency, p->azService[i]);
  }
  return rc;
}

/* Run the screening on p: fills p->zScreening, p->zReferralKind and the
** matching rule's id through *piRule (0: none). */
static int form_screen(Db *db, Arena *a, AccessForm *p, int64_t *piRule) {
  ScreeningRule *aRule;
  int nRule;
  int rc = screening_rules(db, a, &aRule, &nRule);
  if (rc) return rc;
  const ScreeningRule *pRule;
  p->zScreening = screening_suggest(aRule, nRule, p, &pRule);
  p->zReferralKind = pRule ? pRule->zReferralKind : NULL;
  *piRule = pRule ? pRule->id : 0;
  return 0;
}

int intake_form_save(Db *db, Arena *a, int64_t iAgency, AccessForm *p, Errors *pErr) {
  int nErr = pErr->n;
  int rc = form_check_stage(db, iAgency, p->iCase, pErr);
  if (rc) return rc;
  intake_form_validate(p, pErr);
  if (pErr->n == nErr) form_check_refs(db, iAgency, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  int64_t iRule;
  rc = form_screen(db, a, p, &iRule);
  if (rc) return rc;
  if (!domain_blank(p->zDecision) && strcmp(p->zDecision, p->zScreening) != 0 &&
      domain_blank(p->zOverrideReason)) {
    errors_add(pErr, "override_reason",
               N_("required when the decision differs from the screening's suggestion"));
    return DOMAIN_INVALID;
  }
  rc = form_write_row(db, iAgency, p, iRule);
  if (!rc) rc = form_write_children(db, iAgency, p);
  if (!rc && p->iPsychotherapist) {
    rc = db_exec(db, "UPDATE case_file SET psychotherapist_id=$1 WHERE id=$2 AND agency_id=$3",
                 "iii", p->iPsychotherapist, p->iCase, iAgency);
  }
  return rc;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* Fill the scalar fields of *p from the form row of q. */
static void form_from_row(DbStmt *q, Arena *a, int iLang, AccessForm *p) {
  p->zInterviewOn = arena_strdup(a, db_col_text(q, 0));
  p->iSocialWorker = db_col_int(q, 1);
  p->iPsychotherapist = db_col_int(q, 2);
  p->bPrivacyNotice = (int)db_col_int(q, 3);
  p->zPrivacySignedOn = arena_strdup(a, db_col_text(q, 4));
  p->zPastWork = arena_strdup(a, db_col_text(q, 5));
  p->zSkills = arena_strdup(a, db_col_text(q, 6));
  p->zWorkDifficulties = arena_strdup(a, db_col_text(q, 7));
  p->zAspirations = arena_strdup(a, db_col_text(q, 8));
  p->iEducationIsced = db_col_null(q, 9) ? -1 : (int)db_col_int(q, 9);
  p->zLabourStatus = arena_strdup(a, db_col_text(q, 10));
  p->iUnemployedMonths = db_col_null(q, 11) ? -1 : (int)db_col_int(q, 11);
  p->zScreening = arena_strdup(a, db_col_text(q, 12));
  p->zDecision = arena_strdup(a, db_col_text(q, 13));
  p->zOverrideReason = arena_strdup(a, db_col_text(q, 14));
  p->zOutcome = arena_strdup(a, db_col_text(q, 15));
  p->zOutcomeOn = arena_strdup(a, db_col_text(q, 16));
  p->zUpdatedAt = arena_strdup(a, db_col_text(q, 17));
  p->zReferralKind = arena_strdup(a, db_col_text(q, 18));
  const char *zReason = db_col_text(q, iLang == LANG_IT ? 19 : 20);
  p->zScreeningReason =
      zReason ? arena_strdup(a, zReason)
              : tr(iLang, N_("No screening rule applies: the profile fits the programme"));
}

/* The vulnerabilities of the form of p->iCase, in form order. */
static int form_read_vulnerabilities(Db *db, Arena *a, AccessForm *p) {
  DbStmt *q = db_query(db,
                       "SELECT x.vulnerability, x.note FROM access_form_vulnerability x"
                       " JOIN vulnerability v ON v.code=x.vulnerability"
                       " WHERE x.case_id=$1 ORDER BY v.position",
                       "i", p->iCase);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && p->nVulnerability < VULNERABILITY_MAX) {
    const char *zCode = arena_strdup(a, db_col_text(q, 0));
    if (strcmp(zCode, "other") == 0) p->zVulnerabilityOther = arena_strdup(a, db_col_text(q, 1));
    p->azVulnerability[p->nVulnerability++] = zCode;
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* The scores of the form of p->iCase, in form order. */
static int form_read_scores(Db *db, Arena *a, AccessForm *p) {
  DbStmt *q = db_query(db,
                       "SELECT x.area, x.score, x.descriptor FROM access_form_score x"
                       " JOIN employability_area e ON e.code=x.area"
                       " WHERE x.case_id=$1 ORDER BY e.position",
                       "i", p->iCase);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && p->nScore < EMPLOYABILITY_AREAS) {
    AreaScore *s = &p->aScore[p->nScore++];
    s->zArea = arena_strdup(a, db_col_text(q, 0));
    s->iScore = (int)db_col_int(q, 1);
    s->zDescriptor = arena_strdup(a, db_col_text(q, 2));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* The service codes of the form of p->iCase, in catalogue order. */
static int form_read_services(Db *db, Arena *a, AccessForm *p) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM access_form_service WHERE case_id=$1", "i",
                      p->iCase);
  p->azService = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
  DbStmt *q = db_query(db,
                       "SELECT s.code FROM access_form_service x JOIN service s ON s.id=x.service_id"
                       " WHERE x.case_id=$1 ORDER BY s.id",
                       "i", p->iCase);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && p->nService < n) {
    p->azService[p->nService++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int intake_form_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, int iLang, AccessForm *p) {
  memset(p, 0, sizeof *p);
  p->iCase = iCase;
  DbStmt *q = db_query(db,
                       "SELECT f.interview_on, f.social_worker_id, f.psychotherapist_id,"
                       " f.privacy_notice, f.privacy_signed_on, f.past_work, f.skills,"
                       " f.work_difficulties, f.aspirations, f.education_isced, f.labour_status,"
                       " f.unemployed_months, f.screening, f.decision, f.override_reason,"
                       " f.outcome, f.outcome_on, f.updated_at, r.referral_kind, r.reason_it,"
                       " r.reason_en FROM access_form f"
                       " LEFT JOIN screening_rule r ON r.id=f.screening_rule_id"
                       " WHERE f.case_id=$1 AND f.agency_id=$2",
                       "ii", iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) form_from_row(q, a, iLang, p);
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  rc = form_read_vulnerabilities(db, a, p);
  if (!rc) rc = form_read_scores(db, a, p);
  if (!rc) rc = form_read_services(db, a, p);
  return rc;
}

/* ---- the labels of the form's scales ---- */

/* clang-format off */
const char *const intake_azScreening[] = {
    "suitable", N_("Suitable"),
    "refer",    N_("Refer to a specialised service"),
    "job_only", N_("Needs a job only, not this programme's profile"),
    0,
};
/* clang-format on */

static const char *const azIscedLabel[9] = {
    N_("Less than primary education"),
    N_("Primary education"),
    N_("Lower secondary education"),
    N_("Upper secondary education"),
    N_("Post-secondary non-tertiary education"),
    N_("Short-cycle tertiary education"),
    N_("Bachelor's degree or equivalent"),
    N_("Master's degree or equivalent"),
    N_("Doctorate or equivalent"),
};

static const char *const azScoreLabel[4] = {
    N_("serious obstacle"), N_("partial obstacle"), N_("adequate"), N_("strength"),
};

const char *intake_isced_label(int iLevel) {
  return iLevel >= 0 && iLevel <= 8 ? azIscedLabel[iLevel] : NULL;
}

const char *intake_score_label(int iScore) {
  return iScore >= 1 && iScore <= 4 ? azScoreLabel[iScore - 1] : NULL;
}

const char *intake_labour_label(const char *zCode) {
  if (!zCode) return NULL;
  if (strcmp(zCode, "employed") == 0) return N_("Employed");
  if (strcmp(zCode, "unemployed") == 0) return N_("Unemployed");
  if (strcmp(zCode, "inactive") == 0) return N_("Inactive");
  return NULL;
}
