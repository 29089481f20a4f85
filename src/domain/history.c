/*
** history.c — past participations made from the rows of a history file
** (see history.h): the case, its project, interventions and evaluation
** as the live workflow would have left them, and the comparison that
** makes importing the same row twice change nothing.
**
** history_save() reads what the case holds now (hist_read: the view and
** the ids), decides what the row makes of it (hist_target), refuses what
** would take something away (hist_conflicts), and writes only when the
** two views differ: the case row, the project and its interventions
** (hist_project), the closing (hist_close), then the case's own columns
** last (closed_at set after the open interventions ended).
*/
#include "history.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "delivery.h"
#include "project.h"

/* ------------------------------------------------------------------ */
/* Pure rules                                                          */
/* ------------------------------------------------------------------ */

int history_stage(const char *zAgreedOn, const char *zOutcome) {
  if (zAgreedOn) return STAGE_AGREED;
  if (!zOutcome) return STAGE_SHORTLISTED;
  if (strcmp(zOutcome, "withdrew") == 0) return STAGE_WITHDREW;
  if (strcmp(zOutcome, "interrupted") == 0) return STAGE_NOT_SUITABLE;
  return -1;
}

const char *history_iv_status(const char *zOutcome) {
  if (!zOutcome) return "active";
  if (strcmp(zOutcome, "interrupted") == 0 || strcmp(zOutcome, "withdrew") == 0) {
    return "interrupted";
  }
  return "completed";
}

/* 1 for the stage codes of a candidate who left: not_suitable, withdrew. */
static int hist_is_exit(const char *zStage) {
  int e = stage_from_code(zStage);
  return e >= 0 && stage_is_exit((Stage)e);
}

/* The fields of a view, named as the file's columns, in the order the
** audit trail lists them. */
static const struct {
  const char *zName;
  size_t iOffset;
} hist_aField[] = {
    {"funding_stream", offsetof(HistoryView, zStream)},
    {"stage", offsetof(HistoryView, zStage)},
    {"shortlisted_on", offsetof(HistoryView, zShortlistedOn)},
    {"agreed_on", offsetof(HistoryView, zAgreedOn)},
    {"services", offsetof(HistoryView, zServices)},
    {"outcome", offsetof(HistoryView, zOutcome)},
    {"ended_on", offsetof(HistoryView, zEndedOn)},
};
#define HIST_N_FIELD (int)(sizeof hist_aField / sizeof hist_aField[0])

static const char *hist_field(const HistoryView *p, int i) {
  return *(const char *const *)((const char *)p + hist_aField[i].iOffset);
}

void history_view_diff(AuditDiff *d, const HistoryView *pBefore, const HistoryView *pAfter) {
  for (int i = 0; i < HIST_N_FIELD; i++) {
    audit_diff_add(d, hist_aField[i].zName, hist_field(pBefore, i), hist_field(pAfter, i));
  }
}

/* 1 when the two views say the same (NULL and "" alike). */
static int hist_same(const HistoryView *p, const HistoryView *q) {
  for (int i = 0; i < HIST_N_FIELD; i++) {
    const char *z1 = hist_field(p, i), *z2 = hist_field(q, i);
    if (strcmp(z1 ? z1 : "", z2 ? z2 : "") != 0) return 0;
  }
  return 1;
}

static int hist_cmp(const void *p, const void *q) {
  return strcmp(*(const char *const *)p, *(const char *const *)q);
}

/* The codes az[0..n) and az2[0..n2) sorted (bytewise: the same on both
** backends), each once, joined by "|" in arena a; NULL when none. */
static const char *hist_join(Arena *a, const char *const *az, int n, const char *const *az2,
                             int n2) {
  if (n + n2 == 0) return NULL;
  const char **aAll = arena_alloc(a, sizeof(char *) * (size_t)(n + n2));
  size_t nByte = 1;
  for (int i = 0; i < n + n2; i++) {
    aAll[i] = i < n ? az[i] : az2[i - n];
    nByte += strlen(aAll[i]) + 1;
  }
  qsort(aAll, (size_t)(n + n2), sizeof *aAll, hist_cmp);
  char *z = arena_alloc(a, nByte), *zEnd = z;
  for (int i = 0; i < n + n2; i++) {
    if (i && strcmp(aAll[i], aAll[i - 1]) == 0) continue;
    if (zEnd > z) *zEnd++ = '|';
    size_t m = strlen(aAll[i]);
    memcpy(zEnd, aAll[i], m);
    zEnd += m;
  }
  *zEnd = 0;
  return z;
}

/* ------------------------------------------------------------------ */
/* What the case holds now                                             */
/* ------------------------------------------------------------------ */

/* The case of a person in a round, as history_save needs it. */
typedef struct HistCase {
  int64_t id;            /* 0: none yet */
  int bImported;         /* imported_at is set */
  int64_t iStream;
  int64_t iProject;      /* 0: none */
  int iVersion;          /* the project's current version */
  int bClosed, bEvaluation;
  const char **azService; /* codes of the services that started, sorted */
  int nService;
  HistoryView v;
} HistCase;

static const char *hist_col(DbStmt *q, Arena *a, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

/* The codes of the services with an intervention of project iProject that
** started, into c. */
static int hist_read_services(Db *db, Arena *a, HistCase *c) {
  DbStmt *q = db_query(db,
                       "SELECT DISTINCT s.code FROM intervention i"
                       " JOIN service s ON s.id=i.service_id"
                       " WHERE i.project_id=$1 AND (i.status IN"
                       " ('active','suspended','completed','interrupted')"
                       " OR (i.status='cancelled' AND i.started_on IS NOT NULL))",
                       "i", c->iProject);
  int rc, nAlloc = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    if (c->nService == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      const char **aNew = arena_alloc(a, sizeof(char *) * (size_t)nAlloc);
      if (c->nService) memcpy(aNew, c->azService, sizeof(char *) * (size_t)c->nService);
      c->azService = aNew;
    }
    c->azService[c->nService++] = hist_col(q, a, 0);
  }
  db_done(q);
  if (rc < 0) return rc;
  c->v.zServices = hist_join(a, c->azService, c->nService, NULL, 0);
  return 0;
}

/* Fill the view's outcome and end from an evaluation or an exit. */
static void hist_read_ending(HistCase *c, Arena *a, const char *zOutcome, const char *zWrittenOn,
                             const char *zExitOn) {
  if (zOutcome) {
    c->v.zOutcome = arena_strdup(a, zOutcome);
    c->v.zEndedOn = arena_strdup(a, zWrittenOn);
  } else if (hist_is_exit(c->v.zStage)) {
    c->v.zOutcome = c->v.zStage[0] == 'w' ? "withdrew" : "interrupted";
    c->v.zEndedOn = arena_strdup(a, zExitOn);
  }
}

/* Read the case of person iPerson in round iRound into *c (c->id 0 when
** there is none). */
static int hist_read(Db *db, Arena *a, int64_t iAgency, int64_t iRound, int64_t iPerson,
                     HistCase *c) {
  memset(c, 0, sizeof *c);
  DbStmt *q = db_query(db,
                       "SELECT c.id, CASE WHEN c.imported_at IS NULL THEN 0 ELSE 1 END,"
                       " c.funding_stream_id, f.code, c.stage, c.shortlisted_on, c.agreed_on,"
                       " c.exit_on, CASE WHEN c.closed_at IS NULL THEN 0 ELSE 1 END,"
                       " COALESCE(j.id,0), COALESCE(j.version,0), e.outcome, e.written_on"
                       " FROM case_file c LEFT JOIN funding_stream f ON f.id=c.funding_stream_id"
                       " LEFT JOIN project j ON j.case_id=c.id"
                       " LEFT JOIN evaluation e ON e.case_id=c.id"
                       " WHERE c.agency_id=$1 AND c.round_id=$2 AND c.person_id=$3",
                       "iii", iAgency, iRound, iPerson);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    c->id = db_col_int(q, 0);
    c->bImported = db_col_int(q, 1) != 0;
    c->iStream = db_col_int(q, 2);
    c->v.zStream = hist_col(q, a, 3);
    c->v.zStage = hist_col(q, a, 4);
    c->v.zShortlistedOn = hist_col(q, a, 5);
    c->v.zAgreedOn = hist_col(q, a, 6);
    c->bClosed = db_col_int(q, 8) != 0;
    c->iProject = db_col_int(q, 9);
    c->iVersion = (int)db_col_int(q, 10);
    c->bEvaluation = !db_col_null(q, 11);
    hist_read_ending(c, a, db_col_text(q, 11), db_col_text(q, 12), db_col_text(q, 7));
  }
  db_done(q);
  if (rc < 0) return rc;
  return c->iProject ? hist_read_services(db, a, c) : 0;
}

/* ------------------------------------------------------------------ */
/* What the row makes of it                                            */
/* ------------------------------------------------------------------ */

/* The view of the case once row p is saved over c (c->id 0: a new case). */
static void hist_target(Arena *a, const HistoryRow *p, const HistCase *c, HistoryView *v) {
  int e = history_stage(p->zAgreedOn, p->zOutcome);
  assert(e >= 0);
  memset(v, 0, sizeof *v);
  v->zStream = p->zStream;
  v->zStage = stage_code((Stage)e);
  if (e == STAGE_SHORTLISTED && c->id &&
      (strcmp(c->v.zStage, "first_interview") == 0 ||
       strcmp(c->v.zStage, "second_interview") == 0)) {
    v->zStage = c->v.zStage; /* reached in ali since: the row does not take it back */
  }
  v->zShortlistedOn = p->zShortlistedOn;
  v->zAgreedOn = p->zAgreedOn;
  if (p->zAgreedOn) {
    v->zServices = hist_join(a, p->azService, p->nService, c->azService, c->nService);
  }
  v->zOutcome = p->zOutcome;
  v->zEndedOn = p->zEndedOn;
}

/* What row p may not do to the existing case c: each problem into pErr.
** Returns DOMAIN_CONFLICT when there is one, else 0. */
static int hist_conflicts(const HistoryRow *p, const HistCase *c, Errors *pErr) {
  int nErr = pErr->n;
  if (!c->bImported) {
    errors_add(pErr, "person_ref",
               N_("already a candidate of this round, recorded in ali: the history import does "
                  "not change it"));
    return DOMAIN_CONFLICT;
  }
  if (!p->zAgreedOn && c->iProject) {
    errors_add(pErr, "agreed_on",
               N_("required: the case has a project in this round, and an import does not "
                  "remove it"));
  }
  if (!p->zOutcome && c->bClosed) {
    errors_add(pErr, "outcome",
               N_("required: the path is closed, and an import does not reopen it"));
  }
  return pErr->n > nErr ? DOMAIN_CONFLICT : 0;
}

/* Whether the case takes a place it did not hold, and the round has none
** left: then the problem on "round". */
static int hist_check_room(Db *db, const HistoryRow *p, const HistCase *c, const HistoryView *v,
                           Errors *pErr) {
  if (hist_is_exit(v->zStage) || (c->id && !hist_is_exit(c->v.zStage))) return 0;
  DbStmt *q = db_query(db,
                       "SELECT max_participants, (SELECT count(*) FROM case_file c"
                       " WHERE c.round_id=r.id AND c.stage NOT IN ('not_suitable','withdrew'))"
                       " FROM round r WHERE r.id=$1",
                       "i", p->iRound);
  int rc = db_step(q), bFull = 0;
  if (rc == DB_ROW) bFull = !db_col_null(q, 0) && db_col_int(q, 1) >= db_col_int(q, 0);
  db_done(q);
  if (rc < 0) return rc;
  if (!bFull) return 0;
  errors_add(pErr, "round", N_("the round has no places left"));
  return DOMAIN_CONFLICT;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Insert the case of row p (stage shortlisted; history_save sets the
** rest) into c->id. */
static int hist_insert_case(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p,
                            int64_t iSocialWorker, const char *zNow, HistCase *c) {
  const char *zOpened = arena_printf(a, "%sT00:00:00Z", p->zShortlistedOn);
  return domain_one_int(db_query(db,
                                 "INSERT INTO case_file(agency_id, person_id, social_worker_id,"
                                 " opened_at, round_id, funding_stream_id, stage, shortlisted_on,"
                                 " imported_at) VALUES ($1,$2,NULLIF($3,0),$4,$5,$6,'shortlisted',"
                                 " $7,$8) RETURNING id",
                                 "iiitiitt", iAgency, p->iPerson, iSocialWorker, zOpened,
                                 p->iRound, p->iStream, p->zShortlistedOn, zNow),
                        &c->id);
}

/* One intervention of service iService for the participant, started on
** the row's agreed_on, with its events; ended on ended_on when the path
** has an outcome. */
static int hist_insert_iv(Db *db, int64_t iAgency, int64_t iProject, const HistoryRow *p,
                          int64_t iService, const char *zNow) {
  const char *zStatus = history_iv_status(p->zOutcome);
  int64_t iIv = 0;
  int rc = domain_one_int(
      db_query(db,
               "INSERT INTO intervention(agency_id, project_id, service_id, person_id,"
               " planned_start, planned_end, funding_stream_id, status, started_on, ended_on,"
               " created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$5,$6,$9,$9) RETURNING id",
               "iiiittitt", iAgency, iProject, iService, p->iPerson, p->zAgreedOn, p->zEndedOn,
               p->iStream, zStatus, zNow),
      &iIv);
  static const char zEvent[] =
      "INSERT INTO intervention_event(intervention_id, on_date, from_status, to_status,"
      " created_at) VALUES ($1,$2,$3,$4,$5)";
  if (!rc) rc = db_exec(db, zEvent, "itttt", iIv, p->zAgreedOn, "planned", "active", zNow);
  if (!rc && p->zOutcome) {
    rc = db_exec(db, zEvent, "itttt", iIv, p->zEndedOn, "active", zStatus, zNow);
  }
  return rc;
}

/* 1 if code z is among the started services of c. */
static int hist_has_service(const HistCase *c, const char *z) {
  for (int i = 0; i < c->nService; i++) {
    if (strcmp(c->azService[i], z) == 0) return 1;
  }
  return 0;
}

/* Move what started on the old agreement date (the interventions, their
** start events) to the row's, and drop the profile taken at the old
** entry date (entry.h). */
static int hist_move_start(Db *db, const HistCase *c, const HistoryRow *p, const char *zNow) {
  int rc = db_exec(db,
                   "UPDATE intervention_event SET on_date=$1 WHERE from_status='planned'"
                   " AND to_status='active' AND on_date=$2 AND intervention_id IN"
                   " (SELECT id FROM intervention WHERE project_id=$3 AND started_on=$2)",
                   "tti", p->zAgreedOn, c->v.zAgreedOn, c->iProject);
  if (!rc) {
    rc = db_exec(db,
                 "UPDATE intervention SET started_on=$1, planned_start=$1, updated_at=$2"
                 " WHERE project_id=$3 AND started_on=$4",
                 "ttit", p->zAgreedOn, zNow, c->iProject, c->v.zAgreedOn);
  }
  if (!rc) {
    rc = db_exec(db, "UPDATE project SET agreed_on=$1, state='agreed', updated_at=$2 WHERE id=$3",
                 "tti", p->zAgreedOn, zNow, c->iProject);
  }
  /* the profile at entry was taken on the old date: the import's
  ** entry_snapshot_fill takes it again on the new one */
  if (!rc) rc = db_exec(db, "DELETE FROM entry_profile WHERE case_id=$1", "i", c->id);
  return rc;
}

/* The project of an agreed row: created when missing, else its date and
** stream corrected; an intervention for each service without a started
** one; the version that records it. */
static int hist_project(Db *db, int64_t iAgency, const HistoryRow *p, HistCase *c,
                        const char *zNow) {
  int rc = 0;
  if (!c->iProject) {
    rc = domain_one_int(db_query(db,
                                 "INSERT INTO project(agency_id, case_id, state, version,"
                                 " agreed_on, created_at, updated_at)"
                                 " VALUES ($1,$2,'agreed',0,$3,$4,$4)"
                                 " RETURNING id",
                                 "iitt", iAgency, c->id, p->zAgreedOn, zNow),
                        &c->iProject);
  } else if (!c->v.zAgreedOn || strcmp(c->v.zAgreedOn, p->zAgreedOn) != 0) {
    rc = hist_move_start(db, c, p, zNow);
  }
  if (!rc && c->iStream != p->iStream) {
    rc = db_exec(db,
                 "UPDATE intervention SET funding_stream_id=$1 WHERE project_id=$2"
                 " AND funding_stream_id=$3",
                 "iii", p->iStream, c->iProject, c->iStream);
  }
  int nAdded = 0;
  for (int i = 0; !rc && i < p->nService; i++) {
    if (hist_has_service(c, p->azService[i])) continue;
    rc = hist_insert_iv(db, iAgency, c->iProject, p, p->aiService[i], zNow);
    nAdded++;
  }
  if (rc) return rc;
  if (c->iVersion == 0) return project_record_version(db, iAgency, c->iProject, 1, NULL, 0);
  if (nAdded == 0) return 0;
  return project_record_version(db, iAgency, c->iProject, c->iVersion + 1,
                                tr(LANG_IT, N_("services added by the history import")), 0);
}

/* End the project's open interventions on ended_on as closing does:
** planned ones cancelled, active and suspended ones completed or
** interrupted as the outcome says. */
static int hist_end_open(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p,
                         const HistCase *c, Errors *pErr) {
  int n = (int)db_int(db, 0,
                      "SELECT count(*) FROM intervention WHERE project_id=$1"
                      " AND status IN ('planned','active','suspended')",
                      "i", c->iProject);
  if (n == 0) return 0;
  int64_t *aId = arena_alloc(a, sizeof(int64_t) * (size_t)n);
  int *aPlanned = arena_alloc(a, sizeof(int) * (size_t)n), nRead = 0, rc;
  DbStmt *q = db_query(db,
                       "SELECT id, status FROM intervention WHERE project_id=$1"
                       " AND status IN ('planned','active','suspended') ORDER BY id",
                       "i", c->iProject);
  while ((rc = db_step(q)) == DB_ROW && nRead < n) {
    aId[nRead] = db_col_int(q, 0);
    aPlanned[nRead++] = strcmp(db_col_text(q, 1), "planned") == 0;
  }
  db_done(q);
  if (rc < 0) return rc;
  IvAction eEnd = strcmp(history_iv_status(p->zOutcome), "completed") == 0 ? IV_COMPLETE
                                                                           : IV_INTERRUPT;
  const char *zReason = tr(LANG_IT, N_("path closed"));
  for (int i = 0; i < nRead; i++) {
    Errors e = {0};
    rc = iv_transition(db, iAgency, aId[i], aPlanned[i] ? IV_CANCEL : eEnd, p->zEndedOn, zReason,
                       0, &e);
    if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
      errors_add(pErr, "ended_on", N_("an open intervention changed status after this date"));
      return DOMAIN_CONFLICT;
    }
    if (rc) return rc;
  }
  return 0;
}

/* Correct the evaluation of a closed path: the outcome and dates, the
** conditional fields that no longer apply, and the interventions that
** ended with the path (on the old date) move to the new one with the new
** outcome's status. */
static int hist_correct_closing(Db *db, const HistoryRow *p, const HistCase *c, const char *zNow) {
  const char *zStatus = history_iv_status(p->zOutcome);
  int rc = db_exec(db,
                   "UPDATE intervention_event SET on_date=$1, to_status=CASE WHEN"
                   " to_status='cancelled' THEN 'cancelled' ELSE $2 END WHERE on_date=$3"
                   " AND to_status IN ('completed','interrupted','cancelled')"
                   " AND intervention_id IN"
                   " (SELECT id FROM intervention WHERE project_id=$4 AND ended_on=$3)",
                   "ttti", p->zEndedOn, zStatus, c->v.zEndedOn, c->iProject);
  if (!rc) {
    rc = db_exec(db,
                 "UPDATE intervention SET ended_on=$1, status=CASE WHEN status='cancelled'"
                 " THEN 'cancelled' ELSE $2 END, updated_at=$3 WHERE project_id=$4 AND ended_on=$5"
                 " AND status IN ('completed','interrupted','cancelled')",
                 "tttit", p->zEndedOn, zStatus, zNow, c->iProject,
                 c->v.zEndedOn);
  }
  if (!rc) {
    rc = db_exec(db,
                 "UPDATE evaluation SET outcome=$1, written_on=$2, outcome_on=$2,"
                 " contract_type=CASE WHEN $3=1 THEN contract_type END,"
                 " interruption_reason=CASE WHEN $4=1 THEN interruption_reason END,"
                 " withdrawal_reason=CASE WHEN $5=1 THEN withdrawal_reason END WHERE case_id=$6",
                 "ttiiii", p->zOutcome, p->zEndedOn,
                 (int64_t)(strncmp(p->zOutcome, "employed_", 9) == 0),
                 (int64_t)(strcmp(p->zOutcome, "interrupted") == 0),
                 (int64_t)(strcmp(p->zOutcome, "withdrew") == 0), c->id);
  }
  return rc;
}

/* The closing of an agreed row with an outcome: a new one (the open
** interventions ended, the evaluation written) or a correction. */
static int hist_close(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p, const HistCase *c,
                      const char *zNow, Errors *pErr) {
  if (c->bEvaluation) {
    int bSame = strcmp(c->v.zOutcome, p->zOutcome) == 0 && c->v.zEndedOn &&
                strcmp(c->v.zEndedOn, p->zEndedOn) == 0;
    return bSame ? 0 : hist_correct_closing(db, p, c, zNow);
  }
  int rc = hist_end_open(db, a, iAgency, p, c, pErr);
  if (rc) return rc;
  return db_exec(db,
                 "INSERT INTO evaluation(case_id, agency_id, written_on, outcome, outcome_on,"
                 " created_at) VALUES ($1,$2,$3,$4,$3,$5)",
                 "iittt", c->id, iAgency, p->zEndedOn, p->zOutcome, zNow);
}

/* The case's own columns, last: stream, stage, dates, closed_at. */
static int hist_update_case(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p,
                            const HistCase *c, const HistoryView *v) {
  int bExit = hist_is_exit(v->zStage);
  int bClosed = p->zAgreedOn && p->zOutcome;
  const char *zClosedAt = bClosed ? arena_printf(a, "%sT00:00:00Z", p->zEndedOn) : NULL;
  return db_exec(db,
                 "UPDATE case_file SET funding_stream_id=$1, stage=$2, shortlisted_on=$3,"
                 " agreed_on=$4,"
                 " first_interview_on=CASE WHEN $5=0 THEN first_interview_on"
                 "  WHEN first_interview_on IS NULL OR first_interview_on>$4 THEN $4"
                 "  ELSE first_interview_on END,"
                 " second_interview_on=CASE WHEN $5=0 THEN second_interview_on"
                 "  WHEN second_interview_on IS NULL OR second_interview_on>$4 THEN $4"
                 "  ELSE second_interview_on END,"
                 " exit_on=$6,"
                 " closed_at=CASE WHEN $7=0 THEN NULL"
                 "  WHEN closed_at IS NOT NULL AND substr(closed_at,1,10)=$8 THEN closed_at"
                 "  ELSE $9 END"
                 " WHERE id=$10 AND agency_id=$11",
                 "itttitittii", p->iStream, v->zStage, p->zShortlistedOn, p->zAgreedOn,
                 (int64_t)(p->zAgreedOn != NULL), bExit ? p->zEndedOn : NULL, (int64_t)bClosed,
                 bClosed ? p->zEndedOn : "", zClosedAt, c->id, iAgency);
}

int history_save(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p, int64_t iSocialWorker,
                 const char *zNow, HistorySaved *pOut, Errors *pErr) {
  memset(pOut, 0, sizeof *pOut);
  HistCase c;
  int rc = hist_read(db, a, iAgency, p->iRound, p->iPerson, &c);
  if (rc) return rc;
  if (c.id && (rc = hist_conflicts(p, &c, pErr)) != 0) return rc;
  HistoryView v;
  hist_target(a, p, &c, &v);
  pOut->iCase = c.id;
  pOut->before = c.v;
  pOut->after = v;
  if (c.id && hist_same(&c.v, &v)) return 0;
  rc = hist_check_room(db, p, &c, &v, pErr);
  if (rc) return rc;
  pOut->eChange = c.id ? HISTORY_UPDATED : HISTORY_CREATED;
  if (!c.id) rc = hist_insert_case(db, a, iAgency, p, iSocialWorker, zNow, &c);
  pOut->iCase = c.id;
  if (!rc && p->zAgreedOn) rc = hist_project(db, iAgency, p, &c, zNow);
  if (!rc && p->zAgreedOn && p->zOutcome) rc = hist_close(db, a, iAgency, p, &c, zNow, pErr);
  if (!rc) rc = hist_update_case(db, a, iAgency, p, &c, &v);
  return rc;
}
