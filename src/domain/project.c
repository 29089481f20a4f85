/*
** project.c — the Personalised Individual Project of a case (see
** project.h): creating it at the second interview, reading it, the
** writes (commitments, objectives, interventions), the agreement, the
** versions an agreed project gains with every change, and the planning
** warnings.  Snapshots and diffs are in project_diff.c.
**
** Every write goes through the same two steps: proj_open() reads the
** project's context and checks what every write needs (the case still
** on its path; a reason when the project is agreed), then, once the
** change is made, proj_close() stamps the project and, when agreed,
** records version n+1 (proj_version(), also what the agreement uses for
** version 1).  Operators of interventions are kept in case_operator, so
** that an operator reaches exactly the household members they serve
** (access.c).
*/
#include "project.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/money.h"
#include "entry.h"
#include "intake.h"

/* What every write needs to know of its project. */
typedef struct ProjCtx {
  int64_t iProject, iCase, iHousehold, iCaseStream, iRound;
  int bAgreed;
  int iVersion;
  Stage eStage;
  int bClosed;                   /* the path is closed (case_file.closed_at) */
} ProjCtx;

/* Room for one more element in the arena array pa of n elements. */
static void *proj_grow(Arena *a, void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return pa;
  *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 8;
  void *aNew = arena_alloc(a, sz * (size_t)*pnAlloc);
  if (n) memcpy(aNew, pa, sz * (size_t)n);
  return aNew;
}

/* An arena copy of column i of q. */
static const char *proj_col(DbStmt *q, Arena *a, int i) { return arena_strdup(a, db_col_text(q, i)); }

/* z, or NULL when blank. */
static const char *proj_or_null(const char *z) { return domain_blank(z) ? NULL : z; }

/* Bind v to parameter i of q, or NULL when v is below iMin. */
static void proj_bind_opt(DbStmt *q, int i, int64_t v, int64_t iMin) {
  if (v < iMin) db_bind_null(q, i);
  else db_bind_int(q, i, v);
}

/* ------------------------------------------------------------------ */
/* Context and versions                                                */
/* ------------------------------------------------------------------ */

static int proj_ctx(Db *db, int64_t iAgency, int64_t iProject, ProjCtx *p) {
  DbStmt *q = db_query(db,
                       "SELECT j.case_id, pe.household_id, c.funding_stream_id, c.round_id,"
                       " j.state, j.version, c.stage, CASE WHEN c.closed_at IS NULL THEN 0 ELSE 1 END"
                       " FROM project j JOIN case_file c ON c.id=j.case_id"
                       " JOIN person pe ON pe.id=c.person_id"
                       " WHERE j.id=$1 AND j.agency_id=$2",
                       "ii", iProject, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    p->iProject = iProject;
    p->iCase = db_col_int(q, 0);
    p->iHousehold = db_col_int(q, 1);
    p->iCaseStream = db_col_int(q, 2);
    p->iRound = db_col_int(q, 3);
    p->bAgreed = strcmp(db_col_text(q, 4), "agreed") == 0;
    p->iVersion = (int)db_col_int(q, 5);
    int e = stage_from_code(db_col_text(q, 6));
    p->eStage = e < 0 ? STAGE_SHORTLISTED : (Stage)e;
    p->bClosed = db_col_int(q, 7) != 0;
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* Check the reason a change to an agreed project needs: 10..500
** characters.  At most one error, on "reason". */
static void proj_check_reason(const char *zReason, Errors *pErr) {
  intake_check_text(pErr, "reason", zReason, 500, 1);
  if (errors_get(pErr, "reason")) return;
  size_t n;
  const char *z = domain_trim(zReason, &n);
  if (intake_multiline_len(z, n) < 10) {
    errors_add(pErr, "reason", N_("explain the change in at least 10 characters"));
  }
}

/*
** The first step of every write: reads the context of project iProject
** into *p; when the project is agreed, checks zReason (adding its error
** to pErr: the caller returns DOMAIN_INVALID once its own checks are
** done too).  0, DOMAIN_NOT_FOUND, DOMAIN_CONFLICT (the candidate has
** left the path, or the path is closed: a closed project is read-only,
** closing.h) or a db.h code.
*/
static int proj_open(Db *db, int64_t iAgency, int64_t iProject, const char *zReason, ProjCtx *p,
                     Errors *pErr) {
  int rc = proj_ctx(db, iAgency, iProject, p);
  if (rc) return rc;
  if (stage_is_exit(p->eStage)) {
    errors_add(pErr, "stage", stage_obstacle(p->eStage));
    return DOMAIN_CONFLICT;
  }
  if (p->bClosed) {
    errors_add(pErr, "stage", N_("the path is closed"));
    return DOMAIN_CONFLICT;
  }
  if (p->bAgreed) proj_check_reason(zReason, pErr);
  return 0;
}

/* Record version iVersion of the project as it is now, with zReason
** (NULL for the agreement) by iBy, and make it the current one. */
static int proj_version(Db *db, int64_t iAgency, int64_t iProject, int iVersion,
                        const char *zReason, int64_t iBy) {
  Arena a = ARENA_INIT;
  Project pIt, pEn;
  int rc = project_get(db, &a, iAgency, iProject, LANG_IT, &pIt);
  if (!rc) rc = project_get(db, &a, iAgency, iProject, LANG_EN, &pEn);
  char zNow[21];
  timestamp_now(zNow);
  const char *zReasonTrim = NULL;
  if (zReason) {
    size_t n;
    const char *z = domain_trim(zReason, &n);
    zReasonTrim = arena_strndup(&a, z, n);
  }
  if (!rc) {
    rc = db_exec(db,
                 "INSERT INTO project_version(project_id, version, reason, snapshot, created_at,"
                 " created_by) VALUES ($1,$2,$3,$4,$5,NULLIF($6,0))",
                 "iittti", iProject, (int64_t)iVersion, zReasonTrim,
                 project_snapshot_langs(&a, &pIt, &pEn), zNow, iBy);
  }
  if (!rc) {
    rc = db_exec(db, "UPDATE project SET version=$1 WHERE id=$2 AND agency_id=$3", "iii",
                 (int64_t)iVersion, iProject, iAgency);
  }
  arena_free(&a);
  return rc;
}

int project_record_version(Db *db, int64_t iAgency, int64_t iProject, int iVersion,
                           const char *zReason, int64_t iBy) {
  return proj_version(db, iAgency, iProject, iVersion, zReason, iBy);
}

/* The last step of every write: stamps the project and, when it is
** agreed, records the next version with zReason. */
static int proj_close(Db *db, int64_t iAgency, const ProjCtx *p, const char *zReason, int64_t iBy) {
  char zNow[21];
  timestamp_now(zNow);
  int rc = db_exec(db, "UPDATE project SET updated_at=$1 WHERE id=$2 AND agency_id=$3", "tii",
                   zNow, p->iProject, iAgency);
  if (rc || !p->bAgreed) return rc;
  return proj_version(db, iAgency, p->iProject, p->iVersion + 1, zReason, iBy);
}

/* Keep case_operator in step with the interventions of the case's
** project: each operator linked to exactly the members they serve
** (interventions not cancelled). */
static int proj_sync_operators(Db *db, const ProjCtx *p) {
  int rc = db_exec(db, "DELETE FROM case_operator WHERE case_id=$1", "i", p->iCase);
  if (rc) return rc;
  return db_exec(db,
                 "INSERT INTO case_operator(case_id, user_id, person_id)"
                 " SELECT DISTINCT j.case_id, i.operator_id, i.person_id"
                 " FROM intervention i JOIN project j ON j.id=i.project_id"
                 " WHERE j.id=$1 AND i.operator_id IS NOT NULL AND i.status<>'cancelled'",
                 "i", p->iProject);
}

/* Whether person iPerson is a member of the participant's household:
** 0, or DOMAIN_CONFLICT with the error on "person_id". */
static int proj_check_member(Db *db, const ProjCtx *p, int64_t iPerson, Errors *pErr) {
  if (iPerson > 0 && db_int(db, 0, "SELECT count(*) FROM person WHERE id=$1 AND household_id=$2",
                            "ii", iPerson, p->iHousehold) > 0) {
    return 0;
  }
  errors_add(pErr, "person_id", N_("not a member of the participant's household"));
  return DOMAIN_CONFLICT;
}

/* ------------------------------------------------------------------ */
/* Creating and reading                                                */
/* ------------------------------------------------------------------ */

int project_create(Db *db, int64_t iAgency, int64_t iCase, int64_t *piProject, Errors *pErr) {
  DbStmt *q = db_query(db, "SELECT stage FROM case_file WHERE id=$1 AND agency_id=$2", "ii", iCase,
                       iAgency);
  int rc = db_step(q);
  int e = rc == DB_ROW ? stage_from_code(db_col_text(q, 0)) : -1;
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  if (project_of_case(db, iAgency, iCase)) {
    errors_add(pErr, "stage", N_("the case already has a project"));
    return DOMAIN_CONFLICT;
  }
  if (e != STAGE_SECOND_INTERVIEW) {
    errors_add(pErr, "stage", stage_obstacle(e < 0 ? STAGE_SHORTLISTED : (Stage)e));
    return DOMAIN_CONFLICT;
  }
  char zNow[21];
  timestamp_now(zNow);
  return domain_one_int(db_query(db,
                                 "INSERT INTO project(agency_id, case_id, state, version,"
                                 " created_at, updated_at) VALUES ($1,$2,'draft',0,$3,$3)"
                                 " RETURNING id",
                                 "iit", iAgency, iCase, zNow),
                        piProject);
}

int64_t project_of_case(Db *db, int64_t iAgency, int64_t iCase) {
  return db_int(db, 0, "SELECT id FROM project WHERE case_id=$1 AND agency_id=$2", "ii", iCase,
                iAgency);
}

static int proj_read_objectives(Db *db, Arena *a, Project *p) {
  DbStmt *q = db_query(db,
                       "SELECT o.id, o.person_id, pe.first_name || ' ' || pe.last_name, o.text,"
                       " o.indicator, o.target_on FROM project_objective o"
                       " JOIN person pe ON pe.id=o.person_id WHERE o.project_id=$1 ORDER BY o.id",
                       "i", p->id);
  int nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    p->aObjective = proj_grow(a, p->aObjective, p->nObjective, &nAlloc, sizeof *p->aObjective);
    Objective *o = &p->aObjective[p->nObjective++];
    o->id = db_col_int(q, 0);
    o->iPerson = db_col_int(q, 1);
    o->zPersonName = proj_col(q, a, 2);
    o->zText = proj_col(q, a, 3);
    o->zIndicator = proj_col(q, a, 4);
    o->zTargetOn = proj_col(q, a, 5);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

void intervention_from_row(DbStmt *q, Arena *a, int iLang, Intervention *iv) {
  iv->id = db_col_int(q, 0);
  iv->iService = db_col_int(q, 1);
  iv->zServiceCode = proj_col(q, a, 2);
  iv->zServiceName = proj_col(q, a, iLang == LANG_IT ? 3 : 4);
  iv->zServiceKind = proj_col(q, a, 5);
  iv->iPerson = db_col_int(q, 6);
  iv->zPersonName = proj_col(q, a, 7);
  iv->iOrganisation = db_col_int(q, 8);
  iv->zOrganisation = proj_col(q, a, 9);
  iv->iOperator = db_col_int(q, 10);
  iv->zOperator = proj_col(q, a, 11);
  iv->zPlannedStart = proj_col(q, a, 12);
  iv->zPlannedEnd = proj_col(q, a, 13);
  iv->iPlannedHours = db_col_null(q, 14) ? -1 : (int)db_col_int(q, 14);
  iv->iPlannedSessions = db_col_null(q, 15) ? -1 : (int)db_col_int(q, 15);
  iv->iEstimatedCostCents = db_col_null(q, 16) ? -1 : db_col_int(q, 16);
  iv->iStream = db_col_int(q, 17);
  iv->zStreamCode = proj_col(q, a, 18);
  iv->zStatus = proj_col(q, a, 19);
}

static int proj_read_interventions(Db *db, Arena *a, int iLang, Project *p) {
  DbStmt *q = db_query(db,
                       "SELECT " INTERVENTION_COLUMNS " FROM " INTERVENTION_FROM
                       " WHERE i.project_id=$1 ORDER BY i.id",
                       "i", p->id);
  int nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    p->aIntervention =
        proj_grow(a, p->aIntervention, p->nIntervention, &nAlloc, sizeof *p->aIntervention);
    intervention_from_row(q, a, iLang, &p->aIntervention[p->nIntervention++]);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int project_get(Db *db, Arena *a, int64_t iAgency, int64_t id, int iLang, Project *p) {
  memset(p, 0, sizeof *p);
  DbStmt *q = db_query(db,
                       "SELECT id, case_id, state, version, commitments, agreed_on, updated_at"
                       " FROM project WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    p->id = db_col_int(q, 0);
    p->iCase = db_col_int(q, 1);
    p->zState = proj_col(q, a, 2);
    p->iVersion = (int)db_col_int(q, 3);
    p->zCommitments = proj_col(q, a, 4);
    p->zAgreedOn = proj_col(q, a, 5);
    p->zUpdatedAt = proj_col(q, a, 6);
  }
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  rc = proj_read_objectives(db, a, p);
  return rc ? rc : proj_read_interventions(db, a, iLang, p);
}

/* ------------------------------------------------------------------ */
/* Commitments and objectives                                          */
/* ------------------------------------------------------------------ */

int project_set_commitments(Db *db, int64_t iAgency, int64_t iProject, const char *zText,
                            const char *zReason, int64_t iBy, Errors *pErr) {
  ProjCtx c;
  int nErr = pErr->n;
  int rc = proj_open(db, iAgency, iProject, zReason, &c, pErr);
  if (rc) return rc;
  intake_check_text(pErr, "commitments", zText, 4000, 0);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = db_exec(db, "UPDATE project SET commitments=$1 WHERE id=$2 AND agency_id=$3", "tii",
               proj_or_null(zText), iProject, iAgency);
  return rc ? rc : proj_close(db, iAgency, &c, zReason, iBy);
}

static void proj_check_objective(const Objective *p, Errors *pErr) {
  intake_check_text(pErr, "text", p->zText, 2000, 1);
  intake_check_text(pErr, "indicator", p->zIndicator, 2000, 0);
  if (!domain_blank(p->zTargetOn) && !date_valid(p->zTargetOn)) {
    errors_add(pErr, "target_on", N_("not a valid date (YYYY-MM-DD)"));
  }
  if (p->iPerson <= 0) errors_add(pErr, "person_id", N_("required"));
}

/* 1 if intervention (bIntervention) or objective iRow belongs to
** project iProject. */
static int proj_owns(Db *db, int64_t iProject, int64_t iRow, int bIntervention) {
  if (bIntervention) {
    return db_int(db, 0, "SELECT count(*) FROM intervention WHERE id=$1 AND project_id=$2", "ii",
                  iRow, iProject) > 0;
  }
  return db_int(db, 0, "SELECT count(*) FROM project_objective WHERE id=$1 AND project_id=$2",
                "ii", iRow, iProject) > 0;
}

static int proj_write_objective(Db *db, int64_t iProject, Objective *p) {
  if (p->id) {
    return db_exec(db,
                   "UPDATE project_objective SET person_id=$1, text=$2, indicator=$3,"
                   " target_on=$4 WHERE id=$5 AND project_id=$6",
                   "itttii", p->iPerson, p->zText, proj_or_null(p->zIndicator),
                   proj_or_null(p->zTargetOn), p->id, iProject);
  }
  return domain_one_int(db_query(db,
                                 "INSERT INTO project_objective(project_id, person_id, text,"
                                 " indicator, target_on) VALUES ($1,$2,$3,$4,$5) RETURNING id",
                                 "iittt", iProject, p->iPerson, p->zText,
                                 proj_or_null(p->zIndicator), proj_or_null(p->zTargetOn)),
                        &p->id);
}

int project_objective_save(Db *db, int64_t iAgency, int64_t iProject, Objective *p,
                           const char *zReason, int64_t iBy, Errors *pErr) {
  ProjCtx c;
  int nErr = pErr->n;
  int rc = proj_open(db, iAgency, iProject, zReason, &c, pErr);
  if (rc) return rc;
  if (p->id && !proj_owns(db, iProject, p->id, 0)) return DOMAIN_NOT_FOUND;
  proj_check_objective(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = proj_check_member(db, &c, p->iPerson, pErr);
  if (!rc) rc = proj_write_objective(db, iProject, p);
  return rc ? rc : proj_close(db, iAgency, &c, zReason, iBy);
}

int project_objective_delete(Db *db, int64_t iAgency, int64_t iProject, int64_t iObjective,
                             const char *zReason, int64_t iBy, Errors *pErr) {
  ProjCtx c;
  int nErr = pErr->n;
  int rc = proj_open(db, iAgency, iProject, zReason, &c, pErr);
  if (rc) return rc;
  if (!proj_owns(db, iProject, iObjective, 0)) return DOMAIN_NOT_FOUND;
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = db_exec(db, "DELETE FROM project_objective WHERE id=$1 AND project_id=$2", "ii", iObjective,
               iProject);
  return rc ? rc : proj_close(db, iAgency, &c, zReason, iBy);
}

/* ------------------------------------------------------------------ */
/* Interventions                                                       */
/* ------------------------------------------------------------------ */

static void proj_check_plan(const Intervention *p, Errors *pErr) {
  int bStart = !domain_blank(p->zPlannedStart), bEnd = !domain_blank(p->zPlannedEnd);
  if (bStart && !date_valid(p->zPlannedStart)) {
    errors_add(pErr, "planned_start", N_("not a valid date (YYYY-MM-DD)"));
  }
  if (bEnd && !date_valid(p->zPlannedEnd)) {
    errors_add(pErr, "planned_end", N_("not a valid date (YYYY-MM-DD)"));
  } else if (bEnd && bStart && date_valid(p->zPlannedStart) &&
             strcmp(p->zPlannedEnd, p->zPlannedStart) < 0) {
    errors_add(pErr, "planned_end", N_("cannot be before the planned start"));
  }
  if (p->iPlannedHours < -1 || p->iPlannedHours > 100000) {
    errors_add(pErr, "planned_hours", N_("a number from 0 to 100000, or empty"));
  }
  if (p->iPlannedSessions < -1 || p->iPlannedSessions > 100000) {
    errors_add(pErr, "planned_sessions", N_("a number from 0 to 100000, or empty"));
  }
  if (p->iEstimatedCostCents < -1 || p->iEstimatedCostCents > MONEY_MAX_CENTS) {
    errors_add(pErr, "estimated_cost_cents", N_("cannot be negative"));
  }
  if (p->iPerson <= 0) errors_add(pErr, "person_id", N_("required"));
}

/* Resolve and check the references of *p: the service (by id or code),
** the provider, the operator, the funding stream (0: the case's). */
static void proj_check_refs(Db *db, int64_t iAgency, const ProjCtx *c, Intervention *p,
                            Errors *pErr) {
  if (!p->iService && !domain_blank(p->zServiceCode)) {
    p->iService = service_find(db, iAgency, p->zServiceCode);
  }
  if (!p->iService || !db_int(db, 0, "SELECT count(*) FROM service WHERE id=$1 AND agency_id=$2",
                              "ii", p->iService, iAgency)) {
    errors_add(pErr, "service", N_("unknown service"));
  }
  if (p->iOrganisation && !db_int(db, 0, "SELECT count(*) FROM organisation WHERE id=$1"
                                         " AND agency_id=$2",
                                  "ii", p->iOrganisation, iAgency)) {
    errors_add(pErr, "organisation_id", N_("unknown organisation"));
  }
  if (p->iOperator &&
      !intake_user_has_role(db, iAgency, p->iOperator, "operator", p->iOrganisation)) {
    errors_add(pErr, "operator_id", p->iOrganisation
                                        ? N_("not an active operator of this organisation")
                                        : N_("not an active operator of the agency"));
  }
  if (!p->iStream) p->iStream = c->iCaseStream;
  if (!db_int(db, 0, "SELECT count(*) FROM funding_stream WHERE id=$1 AND agency_id=$2", "ii",
              p->iStream, iAgency)) {
    errors_add(pErr, "funding_stream", N_("unknown funding stream"));
  }
}

/* Bind the columns the insert and the update share ($2..$11). */
static void proj_bind_intervention(DbStmt *q, const Intervention *p) {
  db_bind_int(q, 2, p->iService);
  db_bind_int(q, 3, p->iPerson);
  proj_bind_opt(q, 4, p->iOrganisation, 1);
  proj_bind_opt(q, 5, p->iOperator, 1);
  db_bind_text(q, 6, proj_or_null(p->zPlannedStart));
  db_bind_text(q, 7, proj_or_null(p->zPlannedEnd));
  proj_bind_opt(q, 8, p->iPlannedHours, 0);
  proj_bind_opt(q, 9, p->iPlannedSessions, 0);
  proj_bind_opt(q, 10, p->iEstimatedCostCents, 0);
  db_bind_int(q, 11, p->iStream);
}

static int proj_write_intervention(Db *db, int64_t iAgency, int64_t iProject, Intervention *p) {
  char zNow[21];
  timestamp_now(zNow);
  DbStmt *q;
  if (p->id) {
    q = db_prepare(db,
                   "UPDATE intervention SET service_id=$2, person_id=$3, organisation_id=$4,"
                   " operator_id=$5, planned_start=$6, planned_end=$7, planned_hours=$8,"
                   " planned_sessions=$9, estimated_cost_cents=$10, funding_stream_id=$11,"
                   " updated_at=$12 WHERE id=$1 AND agency_id=$13 AND project_id=$14");
    db_bind_int(q, 1, p->id);
    db_bind_int(q, 14, iProject);
  } else {
    q = db_prepare(db,
                   "INSERT INTO intervention(project_id, service_id, person_id, organisation_id,"
                   " operator_id, planned_start, planned_end, planned_hours, planned_sessions,"
                   " estimated_cost_cents, funding_stream_id, created_at, updated_at, agency_id)"
                   " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12,$13) RETURNING id");
    db_bind_int(q, 1, iProject);
  }
  proj_bind_intervention(q, p);
  db_bind_text(q, 12, zNow);
  db_bind_int(q, 13, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW && !p->id) p->id = db_col_int(q, 0);
  db_done(q);
  return rc < 0 ? rc : 0;
}

int project_intervention_save(Db *db, int64_t iAgency, int64_t iProject, Intervention *pIv,
                              const char *zReason, int64_t iBy, Errors *pErr) {
  ProjCtx c;
  int nErr = pErr->n;
  int rc = proj_open(db, iAgency, iProject, zReason, &c, pErr);
  if (rc) return rc;
  if (pIv->id && !proj_owns(db, iProject, pIv->id, 1)) return DOMAIN_NOT_FOUND;
  proj_check_plan(pIv, pErr);
  proj_check_refs(db, iAgency, &c, pIv, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = proj_check_member(db, &c, pIv->iPerson, pErr);
  if (!rc) rc = proj_write_intervention(db, iAgency, iProject, pIv);
  if (!rc) rc = proj_sync_operators(db, &c);
  return rc ? rc : proj_close(db, iAgency, &c, zReason, iBy);
}

int project_intervention_delete(Db *db, int64_t iAgency, int64_t iProject, int64_t iIntervention,
                                const char *zReason, int64_t iBy, Errors *pErr) {
  ProjCtx c;
  int nErr = pErr->n;
  int rc = proj_open(db, iAgency, iProject, zReason, &c, pErr);
  if (rc) return rc;
  if (!proj_owns(db, iProject, iIntervention, 1)) return DOMAIN_NOT_FOUND;
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = db_exec(db, "DELETE FROM intervention WHERE id=$1 AND project_id=$2", "ii", iIntervention,
               iProject);
  if (!rc) rc = proj_sync_operators(db, &c);
  return rc ? rc : proj_close(db, iAgency, &c, zReason, iBy);
}

/* ------------------------------------------------------------------ */
/* Agreement and versions                                              */
/* ------------------------------------------------------------------ */

/* Why project c cannot be agreed now (a msgid), or NULL. */
static const char *proj_agree_obstacle(Db *db, const ProjCtx *c) {
  if (c->bAgreed) return N_("the project has already been agreed");
  if (c->eStage != STAGE_SECOND_INTERVIEW) return stage_obstacle(c->eStage);
  if (!db_int(db, 0, "SELECT count(*) FROM project_objective WHERE project_id=$1", "i",
              c->iProject) ||
      !db_int(db, 0, "SELECT count(*) FROM intervention WHERE project_id=$1", "i", c->iProject)) {
    return N_("the project needs at least one objective and one intervention");
  }
  return NULL;
}

int project_agree(Db *db, int64_t iAgency, int64_t iProject, const char *zOn, int64_t iBy,
                  Errors *pErr) {
  ProjCtx c;
  int rc = proj_ctx(db, iAgency, iProject, &c);
  if (rc) return rc;
  int nErr = pErr->n;
  intake_check_date(pErr, "agreed_on", zOn, 1);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  const char *zWhy = proj_agree_obstacle(db, &c);
  if (zWhy) {
    errors_add(pErr, "stage", zWhy);
    return DOMAIN_CONFLICT;
  }
  char zNow[21];
  timestamp_now(zNow);
  rc = db_exec(db,
               "UPDATE project SET state='agreed', agreed_on=$1, updated_at=$2"
               " WHERE id=$3 AND agency_id=$4",
               "ttii", zOn, zNow, iProject, iAgency);
  if (!rc) rc = proj_version(db, iAgency, iProject, 1, NULL, iBy);
  if (rc) return rc;
  rc = db_exec(db,
               "UPDATE case_file SET stage='agreed', agreed_on=$1 WHERE id=$2 AND agency_id=$3",
               "tii", zOn, c.iCase, iAgency);
  return rc ? rc : entry_snapshot_case(db, iAgency, c.iCase); /* the profile at entry */
}

int project_versions(Db *db, Arena *a, int64_t iAgency, int64_t iProject, ProjectVersion **pa,
                     int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT v.version, v.reason, v.snapshot, v.created_at, u.full_name"
                       " FROM project_version v JOIN project j ON j.id=v.project_id"
                       " LEFT JOIN app_user u ON u.id=v.created_by"
                       " WHERE v.project_id=$1 AND j.agency_id=$2 ORDER BY v.version",
                       "ii", iProject, iAgency);
  ProjectVersion *aV = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aV = proj_grow(a, aV, n, &nAlloc, sizeof *aV);
    ProjectVersion *p = &aV[n++];
    p->iVersion = (int)db_col_int(q, 0);
    p->zReason = proj_col(q, a, 1);
    p->zSnapshot = proj_col(q, a, 2);
    p->zCreatedAt = proj_col(q, a, 3);
    p->zCreatedBy = proj_col(q, a, 4);
  }
  db_done(q);
  *pa = aV;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* Planning warnings                                                   */
/* ------------------------------------------------------------------ */

typedef struct WarnOut {
  Arena *a;
  int iLang;
  PlanWarning *aW;
  int nW, nAlloc;
} WarnOut;

static void warn_add(WarnOut *p, int64_t iIntervention, const char *zCode, const char *zMessage) {
  p->aW = proj_grow(p->a, p->aW, p->nW, &p->nAlloc, sizeof *p->aW);
  p->aW[p->nW++] = (PlanWarning){iIntervention, zCode, zMessage};
}

/* A date as the language writes it: "30/06/2022" in Italian. */
static const char *warn_date(WarnOut *p, const char *z) { return tr_date(p->a, p->iLang, z); }

static const char *warn_money(WarnOut *p, int64_t iCents) {
  char z[40];
  money_format(iCents, p->iLang == LANG_IT, z, sizeof z);
  return arena_strdup(p->a, z);
}

/* The warnings of one intervention: the round's end and services, the
** operator's capacity. */
static void warn_intervention(Db *db, WarnOut *w, const ProjCtx *c, const char *zRoundEnd,
                              const Intervention *iv) {
  if (zRoundEnd && iv->zPlannedEnd && strcmp(iv->zPlannedEnd, zRoundEnd) > 0) {
    warn_add(w, iv->id, "beyond_round_end",
             arena_printf(w->a, tr(w->iLang, N_("%s for %s ends after the round: this path will be"
                                                " cut short on %s")),
                          iv->zServiceName, iv->zPersonName, warn_date(w, zRoundEnd)));
  }
  if (!db_int(db, 0, "SELECT count(*) FROM round_service WHERE round_id=$1 AND service_id=$2",
              "ii", c->iRound, iv->iService)) {
    warn_add(w, iv->id, "service_not_active",
             arena_printf(w->a, tr(w->iLang, N_("%s is not active in this round")),
                          iv->zServiceName));
  }
  if (!iv->iOperator) return;
  int64_t nCap = db_int(db, -1, "SELECT coalesce(capacity, -1) FROM app_user WHERE id=$1", "i",
                        iv->iOperator);
  int64_t nOther = db_int(db, 0,
                          "SELECT count(*) FROM intervention WHERE operator_id=$1 AND id<>$2"
                          " AND status IN ('planned','active','suspended')",
                          "ii", iv->iOperator, iv->id);
  if (nCap >= 0 && nOther >= nCap) {
    warn_add(w, iv->id, "operator_full",
             arena_printf(w->a, tr(w->iLang, N_("%s already follows %lld interventions, as many as"
                                                " their capacity of %lld")),
                          iv->zOperator, (long long)nOther, (long long)nCap));
  }
}

/* The budget warning of project p on stream iStream (code zStream):
** what it plans beyond what is left (allocation minus the interventions
** of the other agreed projects, cancelled excluded). */
static void warn_budget(Db *db, WarnOut *w, const Project *p, int64_t iStream, const char *zStream) {
  int64_t nNeed = 0;
  for (int i = 0; i < p->nIntervention; i++) {
    const Intervention *iv = &p->aIntervention[i];
    if (iv->iStream == iStream && iv->iEstimatedCostCents > 0 && strcmp(iv->zStatus, "cancelled")) {
      nNeed += iv->iEstimatedCostCents;
    }
  }
  if (nNeed == 0) return;
  int64_t nLeft = db_int(db, 0,
                         "SELECT f.allocation_cents - coalesce((SELECT sum(i.estimated_cost_cents)"
                         " FROM intervention i JOIN project j ON j.id=i.project_id"
                         " WHERE i.funding_stream_id=f.id AND j.state='agreed' AND j.id<>$2"
                         " AND i.status<>'cancelled'), 0) FROM funding_stream f WHERE f.id=$1",
                         "ii", iStream, p->id);
  if (nNeed <= nLeft) return;
  warn_add(w, 0, "over_budget",
           arena_printf(w->a, tr(w->iLang, N_("The estimated cost on %s, %s, is beyond what is"
                                              " left on it: %s")),
                        zStream, warn_money(w, nNeed), warn_money(w, nLeft < 0 ? 0 : nLeft)));
}

int project_warnings(Db *db, Arena *a, int64_t iAgency, int64_t iProject, int iLang,
                     PlanWarning **pa, int *pn) {
  *pa = NULL;
  *pn = 0;
  ProjCtx c;
  Project p;
  int rc = proj_ctx(db, iAgency, iProject, &c);
  if (!rc) rc = project_get(db, a, iAgency, iProject, iLang, &p);
  if (rc) return rc;
  const char *zRoundEnd = db_text(db, a, "SELECT end_date FROM round WHERE id=$1", "i", c.iRound);
  WarnOut w = {a, iLang, NULL, 0, 0};
  for (int i = 0; i < p.nIntervention; i++) {
    if (strcmp(p.aIntervention[i].zStatus, "cancelled") == 0) continue;
    warn_intervention(db, &w, &c, zRoundEnd, &p.aIntervention[i]);
  }
  for (int i = 0; i < p.nIntervention; i++) {
    const Intervention *iv = &p.aIntervention[i];
    int bSeen = 0;
    for (int j = 0; j < i; j++) bSeen |= p.aIntervention[j].iStream == iv->iStream;
    if (!bSeen && iv->iStream) warn_budget(db, &w, &p, iv->iStream, iv->zStreamCode);
  }
  *pa = w.aW;
  *pn = w.nW;
  return 0;
}
