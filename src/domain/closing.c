/*
** closing.c — the conclusive evaluation that closes a path (see
** closing.h): the outcome codes and their labels, the pure checks of an
** evaluation, the checks against the record (the agreement date, every
** objective judged, a hiring for employed_host), and the close itself:
** the open interventions ended through iv_transition(), the evaluation
** and the results stored, case_file.closed_at set.
*/
#include "closing.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "delivery.h"
#include "intake.h"

/* clang-format off */
const char *const closing_azOutcome[] = {
    "employed_host",      N_("Employed by the internship's host firm"),
    "employed_other",     N_("Employed elsewhere"),
    "training_completed", N_("Training completed"),
    "qualification",      N_("Qualification or diploma obtained"),
    "activated",          N_("Activated (started a path of autonomy)"),
    "interrupted",        N_("Interrupted"),
    "withdrew",           N_("Withdrew"),
    0,
};
const char *const closing_azContract[] = {
    "permanent",      N_("Permanent"),
    "fixed_term",     N_("Fixed-term"),
    "apprenticeship", N_("Apprenticeship"),
    "other",          N_("Other contract"),
    0,
};
const char *const closing_azInterruption[] = {
    "round_ended", N_("The round ended"),
    "moved_away",  N_("Moved away"),
    "health",      N_("Health"),
    "unsuitable",  N_("Unsuitable profile"),
    "other",       N_("Other reason"),
    0,
};
const char *const closing_azResult[] = {
    "achieved", N_("Achieved"),
    "partly",   N_("Partly achieved"),
    "not",      N_("Not achieved"),
    0,
};
/* clang-format on */

int closing_find(const char *const *az, const char *zCode) {
  for (int i = 0; zCode && az[i]; i += 2) {
    if (strcmp(az[i], zCode) == 0) return i / 2;
  }
  return -1;
}

const char *closing_label(const char *const *az, const char *zCode) {
  int i = closing_find(az, zCode);
  return i < 0 ? NULL : az[2 * i + 1];
}

/* ------------------------------------------------------------------ */
/* Pure checks                                                         */
/* ------------------------------------------------------------------ */

/* A conditional code: required (and known) when bWanted, else absent. */
static void closing_check_cond(Errors *pErr, const char *zField, const char *zValue, int bWanted,
                               int bKnown, const char *zOnly) {
  if (!bWanted) {
    if (!domain_blank(zValue)) errors_add(pErr, zField, zOnly);
  } else if (domain_blank(zValue)) {
    errors_add(pErr, zField, N_("required"));
  } else if (!bKnown) {
    errors_add(pErr, zField, N_("not one of the allowed values"));
  }
}

static void closing_check_outcome(const Evaluation *p, Errors *pErr) {
  const char *z = p->zOutcome;
  if (domain_blank(z))
    errors_add(pErr, "outcome", N_("required"));
  else if (closing_find(closing_azOutcome, z) < 0)
    errors_add(pErr, "outcome", N_("not one of the allowed values"));
  int bEmployed = z && strncmp(z, "employed_", 9) == 0;
  closing_check_cond(pErr, "contract_type", p->zContractType, bEmployed,
                     closing_find(closing_azContract, p->zContractType) >= 0,
                     N_("only for an outcome of employment"));
  closing_check_cond(pErr, "interruption_reason", p->zInterruptionReason,
                     z && strcmp(z, "interrupted") == 0,
                     closing_find(closing_azInterruption, p->zInterruptionReason) >= 0,
                     N_("only for an interrupted path"));
  closing_check_cond(pErr, "withdrawal_reason", p->zWithdrawalReason,
                     z && strcmp(z, "withdrew") == 0,
                     p->zWithdrawalReason && withdrawal_reason_find(p->zWithdrawalReason) >= 0,
                     N_("only for a withdrawal"));
}

static void closing_check_results(Arena *a, const Evaluation *p, Errors *pErr) {
  for (int i = 0; i < p->nResult; i++) {
    const ObjectiveResult *r = &p->aResult[i];
    const char *zField = arena_printf(a, "objectives.%" PRId64, r->iObjective);
    int bTwice = 0;
    for (int j = 0; j < i; j++) bTwice |= p->aResult[j].iObjective == r->iObjective;
    if (bTwice)
      errors_add(pErr, zField, N_("judged twice"));
    else if (domain_blank(r->zResult))
      errors_add(pErr, zField, N_("judge this objective"));
    else if (closing_find(closing_azResult, r->zResult) < 0)
      errors_add(pErr, zField, N_("not one of the allowed values"));
    else
      intake_check_text(pErr, zField, r->zNote, 2000, 0);
  }
}

void closing_validate(Arena *a, const Evaluation *p, Errors *pErr) {
  intake_check_date(pErr, "written_on", p->zWrittenOn, 1);
  intake_check_date(pErr, "outcome_on", p->zOutcomeOn, 1);
  if (!errors_get(pErr, "written_on") && !errors_get(pErr, "outcome_on") &&
      strcmp(p->zOutcomeOn, p->zWrittenOn) > 0) {
    errors_add(pErr, "outcome_on", N_("cannot be after the date of the evaluation"));
  }
  closing_check_outcome(p, pErr);
  intake_check_text(pErr, "skills_acquired", p->zSkills, 4000, 0);
  intake_check_text(pErr, "critical_issues", p->zIssues, 4000, 0);
  intake_check_text(pErr, "resources_activated", p->zResources, 4000, 0);
  intake_check_text(pErr, "note", p->zNote, 2000, 0);
  closing_check_results(a, p, pErr);
}

/* ------------------------------------------------------------------ */
/* Checks against the record                                           */
/* ------------------------------------------------------------------ */

int closing_host_hired(Db *db, int64_t iAgency, int64_t iProject, char zOut[11]) {
  DbStmt *q = db_query(db,
                       "SELECT min(p.hired_on) FROM placement p"
                       " JOIN intervention i ON i.id=p.intervention_id"
                       " WHERE i.project_id=$1 AND i.agency_id=$2 AND p.hired_on IS NOT NULL",
                       "ii", iProject, iAgency);
  zOut[0] = 0;
  if (db_step(q) == DB_ROW && !db_col_null(q, 0)) snprintf(zOut, 11, "%.10s", db_col_text(q, 0));
  db_done(q);
  return zOut[0] != 0;
}

/* What closing needs to know of the case. */
typedef struct CloseCtx {
  int64_t iProject;
  int bAgreed, bClosed;
  char zAgreedOn[11];
} CloseCtx;

static int closing_ctx(Db *db, int64_t iAgency, int64_t iCase, CloseCtx *p) {
  DbStmt *q = db_query(db,
                       "SELECT j.id, j.state, c.closed_at, c.agreed_on FROM case_file c"
                       " LEFT JOIN project j ON j.case_id=c.id"
                       " WHERE c.id=$1 AND c.agency_id=$2",
                       "ii", iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    p->iProject = db_col_int(q, 0);
    p->bAgreed = db_col_text(q, 1) && strcmp(db_col_text(q, 1), "agreed") == 0;
    p->bClosed = !db_col_null(q, 2);
    if (!db_col_null(q, 3)) snprintf(p->zAgreedOn, sizeof p->zAgreedOn, "%.10s", db_col_text(q, 3));
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* The judged result of objective iObjective in p, or NULL. */
static const ObjectiveResult *closing_result_of(const Evaluation *p, int64_t iObjective) {
  for (int i = 0; i < p->nResult; i++) {
    if (p->aResult[i].iObjective == iObjective) return &p->aResult[i];
  }
  return NULL;
}

/* Every objective of the project judged, and only those. */
static int closing_check_objectives(Db *db, Arena *a, const CloseCtx *c, const Evaluation *p,
                                    Errors *pErr) {
  DbStmt *q = db_query(db, "SELECT id FROM project_objective WHERE project_id=$1 ORDER BY id", "i",
                       c->iProject);
  int rc, nFound = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    int64_t id = db_col_int(q, 0);
    if (closing_result_of(p, id))
      nFound++;
    else
      errors_add(pErr, arena_printf(a, "objectives.%" PRId64, id), N_("judge this objective"));
  }
  db_done(q);
  if (rc != DB_DONE) return rc;
  for (int i = 0; nFound < p->nResult && i < p->nResult; i++) {
    int64_t id = p->aResult[i].iObjective;
    if (!db_int(db, 0, "SELECT count(*) FROM project_objective WHERE id=$1 AND project_id=$2", "ii",
                id, c->iProject)) {
      errors_add(pErr, arena_printf(a, "objectives.%" PRId64, id),
                 N_("not an objective of this project"));
    }
  }
  return 0;
}

/* Each ending names an active or suspended intervention of the project. */
static void closing_check_endings(Db *db, Arena *a, const CloseCtx *c, const Evaluation *p,
                                  Errors *pErr) {
  for (int i = 0; i < p->nEnding; i++) {
    int64_t id = p->aEnding[i].iIntervention;
    if (!db_int(db, 0,
                "SELECT count(*) FROM intervention WHERE id=$1 AND project_id=$2"
                " AND status IN ('active','suspended')",
                "ii", id, c->iProject)) {
      errors_add(pErr, arena_printf(a, "interventions.%" PRId64, id),
                 N_("not an active or suspended intervention of this project"));
    }
  }
}

/* The checks of closing_close() that read the record (pure ones done). */
static int closing_check_record(Db *db, Arena *a, int64_t iAgency, const CloseCtx *c,
                                const Evaluation *p, Errors *pErr) {
  if (c->zAgreedOn[0]) {
    if (!errors_get(pErr, "written_on") && strcmp(p->zWrittenOn, c->zAgreedOn) < 0)
      errors_add(pErr, "written_on", N_("cannot be before the project was agreed"));
    if (!errors_get(pErr, "outcome_on") && strcmp(p->zOutcomeOn, c->zAgreedOn) < 0)
      errors_add(pErr, "outcome_on", N_("cannot be before the project was agreed"));
  }
  char zHired[11];
  if (p->zOutcome && strcmp(p->zOutcome, "employed_host") == 0 &&
      !closing_host_hired(db, iAgency, c->iProject, zHired)) {
    errors_add(pErr, "outcome", N_("no internship of this project ended in hiring"));
  }
  closing_check_endings(db, a, c, p, pErr);
  return closing_check_objectives(db, a, c, p, pErr);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* The action ending intervention id of status zStatus. */
static IvAction closing_action(const Evaluation *p, int64_t id, const char *zStatus) {
  if (strcmp(zStatus, "planned") == 0) return IV_CANCEL;
  for (int i = 0; i < p->nEnding; i++) {
    if (p->aEnding[i].iIntervention == id && p->aEnding[i].bComplete) return IV_COMPLETE;
  }
  return IV_INTERRUPT;
}

/* End every open intervention of the project on the evaluation's date. */
static int closing_end_interventions(Db *db, Arena *a, int64_t iAgency, const CloseCtx *c,
                                     const Evaluation *p, int iLang, int64_t iBy, Errors *pErr) {
  int64_t *aId = 0;
  const char **azStatus = 0;
  int n = 0, nAlloc = 0, rc;
  DbStmt *q = db_query(db,
                       "SELECT id, status FROM intervention WHERE project_id=$1"
                       " AND status IN ('planned','active','suspended') ORDER BY id",
                       "i", c->iProject);
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      int64_t *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      const char **azNew = arena_alloc(a, sizeof *azNew * (size_t)nAlloc);
      if (n) {
        memcpy(aNew, aId, sizeof *aId * (size_t)n);
        memcpy(azNew, azStatus, sizeof *azNew * (size_t)n);
      }
      aId = aNew;
      azStatus = azNew;
    }
    aId[n] = db_col_int(q, 0);
    azStatus[n++] = arena_strdup(a, db_col_text(q, 1));
  }
  db_done(q);
  if (rc != DB_DONE) return rc;
  const char *zReason = tr(iLang, N_("path closed"));
  for (int i = 0; i < n; i++) {
    Errors e = {0};
    rc = iv_transition(db, iAgency, aId[i], closing_action(p, aId[i], azStatus[i]), p->zWrittenOn,
                       zReason, iBy, &e);
    if (rc == DOMAIN_INVALID && errors_get(&e, "on")) {
      errors_add(pErr, "written_on", N_("an open intervention changed status after this date"));
    } else if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
      errors_add(pErr, arena_printf(a, "interventions.%" PRId64, aId[i]),
                 e.n ? e.a[0].zMsg : N_("this intervention cannot be ended"));
    }
    if (rc) return rc;
  }
  return 0;
}

static int closing_store(Db *db, int64_t iAgency, const Evaluation *p, int64_t iBy) {
  char zNow[21];
  timestamp_now(zNow);
  int rc = db_exec(db,
                   "INSERT INTO evaluation(case_id, agency_id, written_on, author_id,"
                   " skills_acquired, critical_issues, resources_activated, outcome, outcome_on,"
                   " contract_type, interruption_reason, withdrawal_reason, note, created_at)"
                   " VALUES ($1,$2,$3,NULLIF($4,0),NULLIF($5,''),NULLIF($6,''),NULLIF($7,''),$8,$9,"
                   " NULLIF($10,''),NULLIF($11,''),NULLIF($12,''),NULLIF($13,''),$14)",
                   "iiti"
                   "tttttttttt",
                   p->iCase, iAgency, p->zWrittenOn, iBy, p->zSkills, p->zIssues, p->zResources,
                   p->zOutcome, p->zOutcomeOn, p->zContractType, p->zInterruptionReason,
                   p->zWithdrawalReason, p->zNote, zNow);
  for (int i = 0; !rc && i < p->nResult; i++) {
    rc = db_exec(db,
                 "INSERT INTO objective_result(objective_id, result, note)"
                 " VALUES ($1,$2,NULLIF($3,''))",
                 "itt", p->aResult[i].iObjective, p->aResult[i].zResult, p->aResult[i].zNote);
  }
  if (!rc) {
    rc = db_exec(db, "UPDATE case_file SET closed_at=$1 WHERE id=$2 AND agency_id=$3", "tii", zNow,
                 p->iCase, iAgency);
  }
  return rc;
}

int closing_close(Db *db, Arena *a, int64_t iAgency, const Evaluation *p, int iLang, int64_t iBy,
                  Errors *pErr) {
  CloseCtx c;
  int rc = closing_ctx(db, iAgency, p->iCase, &c);
  if (rc) return rc;
  if (c.bClosed || !c.bAgreed) {
    errors_add(pErr, "stage",
               c.bClosed ? N_("the path is closed") : N_("the project has not been agreed"));
    return DOMAIN_CONFLICT;
  }
  int nErr = pErr->n;
  closing_validate(a, p, pErr);
  rc = closing_check_record(db, a, iAgency, &c, p, pErr);
  if (rc) return rc;
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = closing_end_interventions(db, a, iAgency, &c, p, iLang, iBy, pErr);
  if (rc) return rc == DOMAIN_CONFLICT ? DOMAIN_INVALID : rc;
  return closing_store(db, iAgency, p, iBy);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

static const char *closing_col(DbStmt *q, Arena *a, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

static int closing_read_results(Db *db, Arena *a, int64_t iCase, Evaluation *p) {
  int n = (int)db_int(db, 0,
                      "SELECT count(*) FROM objective_result r"
                      " JOIN project_objective o ON o.id=r.objective_id"
                      " JOIN project j ON j.id=o.project_id WHERE j.case_id=$1",
                      "i", iCase);
  p->aResult = arena_alloc(a, sizeof *p->aResult * (size_t)(n + 1));
  DbStmt *q = db_query(db,
                       "SELECT o.id, o.text, pe.first_name || ' ' || pe.last_name, r.result, r.note"
                       " FROM objective_result r JOIN project_objective o ON o.id=r.objective_id"
                       " JOIN project j ON j.id=o.project_id JOIN person pe ON pe.id=o.person_id"
                       " WHERE j.case_id=$1 ORDER BY o.id",
                       "i", iCase);
  int rc;
  p->nResult = 0;
  while ((rc = db_step(q)) == DB_ROW && p->nResult < n) {
    ObjectiveResult *r = &p->aResult[p->nResult++];
    r->iObjective = db_col_int(q, 0);
    r->zObjective = closing_col(q, a, 1);
    r->zPerson = closing_col(q, a, 2);
    r->zResult = closing_col(q, a, 3);
    r->zNote = closing_col(q, a, 4);
  }
  db_done(q);
  return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

int closing_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Evaluation *p) {
  memset(p, 0, sizeof *p);
  DbStmt *q = db_query(db,
                       "SELECT e.written_on, e.author_id, u.full_name, e.skills_acquired,"
                       " e.critical_issues, e.resources_activated, e.outcome, e.outcome_on,"
                       " e.contract_type, e.interruption_reason, e.withdrawal_reason, e.note,"
                       " e.created_at FROM evaluation e LEFT JOIN app_user u ON u.id=e.author_id"
                       " WHERE e.case_id=$1 AND e.agency_id=$2",
                       "ii", iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    p->iCase = iCase;
    p->zWrittenOn = closing_col(q, a, 0);
    p->iAuthor = db_col_int(q, 1);
    p->zAuthor = closing_col(q, a, 2);
    p->zSkills = closing_col(q, a, 3);
    p->zIssues = closing_col(q, a, 4);
    p->zResources = closing_col(q, a, 5);
    p->zOutcome = closing_col(q, a, 6);
    p->zOutcomeOn = closing_col(q, a, 7);
    p->zContractType = closing_col(q, a, 8);
    p->zInterruptionReason = closing_col(q, a, 9);
    p->zWithdrawalReason = closing_col(q, a, 10);
    p->zNote = closing_col(q, a, 11);
    p->zCreatedAt = closing_col(q, a, 12);
  }
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  return closing_read_results(db, a, iCase, p);
}
