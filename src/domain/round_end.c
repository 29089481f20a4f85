/*
** round_end.c — planning the end of a round (see round_end.h): the paths
** of a round whose open interventions are planned past its end, the next
** round, and the decision recorded for each path (with the new candidacy
** when a path moves to the next round).
*/
#include "round_end.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "intake.h"

/* clang-format off */
const char *const round_end_azDecision[] = {
    "close_early",       N_("Close the path early"),
    "next_round",        N_("Move to the next round"),
    "ordinary_services", N_("Hand over to the ordinary services"),
    0,
};
/* clang-format on */

static const char *re_col(DbStmt *q, Arena *a, int i) { return arena_strdup(a, db_col_text(q, i)); }

int64_t round_end_next(Db *db, int64_t iAgency, int64_t iRound) {
  return db_int(db, 0,
                "SELECT n.id FROM round r JOIN round n ON n.agency_id=r.agency_id"
                " AND n.start_date > r.end_date WHERE r.id=$1 AND r.agency_id=$2"
                " ORDER BY n.start_date, n.id LIMIT 1",
                "ii", iRound, iAgency);
}

/* The round's code and end, the notice date and the next round. */
static int re_round(Db *db, Arena *a, int64_t iAgency, int64_t iRound, int nWeeks, RoundEnd *p) {
  DbStmt *q = db_query(db, "SELECT code, end_date FROM round WHERE id=$1 AND agency_id=$2", "ii",
                       iRound, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    p->zCode = re_col(q, a, 0);
    p->zEnd = arena_printf(a, "%.10s", db_col_text(q, 1));
  }
  db_done(q);
  if (rc != DB_ROW) return rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
  int y, m, d;
  if (date_parse(p->zEnd, &y, &m, &d) == 0)
    date_from_days(date_days(y, m, d) - 7 * nWeeks, p->zNoticeBy);
  p->iNext = round_end_next(db, iAgency, iRound);
  if (p->iNext) {
    q = db_query(db, "SELECT code, start_date FROM round WHERE id=$1", "i", p->iNext);
    if (db_step(q) == DB_ROW) {
      p->zNextCode = re_col(q, a, 0);
      p->zNextStart = arena_printf(a, "%.10s", db_col_text(q, 1));
    }
    db_done(q);
  }
  return 0;
}

/* Add intervention row q to the last case of p, starting a new case
** when the row's case differs. */
static void re_add_row(DbStmt *q, Arena *a, RoundEnd *p, int nMax) {
  int64_t iCase = db_col_int(q, 0);
  RoundEndCase *c = p->nCase ? &p->aCase[p->nCase - 1] : NULL;
  if (!c || c->iCase != iCase) {
    c = &p->aCase[p->nCase++];
    c->iCase = iCase;
    c->iPerson = db_col_int(q, 1);
    c->zName = re_col(q, a, 2);
    c->zCaseManager = re_col(q, a, 3);
    c->zDecision = re_col(q, a, 9);
    c->zNote = re_col(q, a, 10);
    c->zDecidedBy = re_col(q, a, 11);
    c->zDecidedAt = re_col(q, a, 12);
    c->iNextCase = db_col_int(q, 13);
    c->aIv = arena_alloc(a, sizeof *c->aIv * (size_t)nMax);
  }
  RoundEndIv *v = &c->aIv[c->nIv++];
  v->id = db_col_int(q, 4);
  v->zService = re_col(q, a, 5);
  v->zPerson = re_col(q, a, 6);
  v->zStatus = re_col(q, a, 7);
  v->zPlannedEnd = arena_printf(a, "%.10s", db_col_text(q, 8));
  if (!c->zLastEnd || strcmp(v->zPlannedEnd, c->zLastEnd) > 0) c->zLastEnd = v->zPlannedEnd;
}

int round_end_plan(Db *db, Arena *a, int64_t iAgency, int64_t iRound, int nWeeks, int iLang,
                   RoundEnd *p) {
  memset(p, 0, sizeof *p);
  p->iRound = iRound;
  p->nWeeks = nWeeks;
  int rc = re_round(db, a, iAgency, iRound, nWeeks, p);
  if (rc) return rc;
  int n = (int)db_int(db, 0,
                      "SELECT count(*) FROM intervention i JOIN project j ON j.id=i.project_id"
                      " JOIN case_file c ON c.id=j.case_id JOIN round r ON r.id=c.round_id"
                      " WHERE c.round_id=$1 AND c.agency_id=$2 AND j.state='agreed'"
                      " AND c.closed_at IS NULL AND i.status IN ('planned','active','suspended')"
                      " AND i.planned_end > r.end_date",
                      "ii", iRound, iAgency);
  p->aCase = arena_alloc(a, sizeof *p->aCase * (size_t)(n + 1));
  DbStmt *q = db_query(
      db,
      "SELECT c.id, c.person_id, pp.last_name || ' ' || pp.first_name, cm.full_name, i.id,"
      " CASE WHEN $3=1 THEN s.name_en ELSE s.name_it END, pr.first_name || ' ' || pr.last_name,"
      " i.status, i.planned_end, d.decision, d.note, du.full_name, d.decided_at, d.next_case_id"
      " FROM intervention i JOIN project j ON j.id=i.project_id"
      " JOIN case_file c ON c.id=j.case_id JOIN round r ON r.id=c.round_id"
      " JOIN person pp ON pp.id=c.person_id JOIN person pr ON pr.id=i.person_id"
      " JOIN service s ON s.id=i.service_id LEFT JOIN app_user cm ON cm.id=c.case_manager_id"
      " LEFT JOIN round_end_decision d ON d.case_id=c.id"
      " LEFT JOIN app_user du ON du.id=d.decided_by"
      " WHERE c.round_id=$1 AND c.agency_id=$2 AND j.state='agreed' AND c.closed_at IS NULL"
      " AND i.status IN ('planned','active','suspended') AND i.planned_end > r.end_date"
      " ORDER BY pp.last_name, pp.first_name, c.id, i.planned_end, i.id",
      "iii", iRound, iAgency, (int64_t)(iLang == LANG_EN));
  while ((rc = db_step(q)) == DB_ROW && p->nCase < n) re_add_row(q, a, p, n);
  db_done(q);
  return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

/* ------------------------------------------------------------------ */
/* The decision                                                        */
/* ------------------------------------------------------------------ */

/* Shortlist case c's participant into round iNext, as round_end.h says. */
static int re_move(Db *db, int64_t iAgency, const Case *c, int64_t iNext, int64_t iBy,
                   int64_t *piNew, Errors *pErr) {
  Arena a = ARENA_INIT;
  const char *zUser = arena_strdup(&a, "");
  DbStmt *q = db_query(db, "SELECT username FROM app_user WHERE id=$1", "i", c->iSocialWorker);
  if (db_step(q) == DB_ROW) zUser = arena_strdup(&a, db_col_text(q, 0));
  db_done(q);
  ShortlistEntry e = {c->iPerson, c->zStreamCode, zUser, NULL};
  int rc = intake_shortlist(db, iAgency, iNext, &e, iBy, piNew, pErr);
  arena_free(&a);
  return rc;
}

static int re_store(Db *db, int64_t iAgency, int64_t iCase, const char *zDecision,
                    const char *zNote, int64_t iNew, int64_t iBy) {
  char zNow[21];
  timestamp_now(zNow);
  int rc = db_exec(db, "DELETE FROM round_end_decision WHERE case_id=$1", "i", iCase);
  if (rc) return rc;
  return db_exec(db,
                 "INSERT INTO round_end_decision(case_id, agency_id, decision, next_case_id, note,"
                 " decided_by, decided_at) VALUES ($1,$2,$3,NULLIF($4,0),NULLIF($5,''),"
                 " NULLIF($6,0),$7)",
                 "iititit", iCase, iAgency, zDecision, iNew, zNote, iBy, zNow);
}

/* Why the decision cannot be taken for case c (a msgid, field in
** *pzField), or NULL. */
static const char *re_obstacle(Db *db, int64_t iAgency, const Case *c, const char *zDecision,
                               const char **pzField) {
  *pzField = "stage";
  if (!c->iRound || c->eStage != STAGE_AGREED) return N_("the project has not been agreed");
  if (c->zClosedAt) return N_("the path is closed");
  *pzField = "decision";
  if (db_int(db, 0,
             "SELECT count(*) FROM round_end_decision WHERE case_id=$1"
             " AND next_case_id IS NOT NULL",
             "i", c->id))
    return N_("the path has already been moved to the next round");
  if (strcmp(zDecision, "next_round") == 0 && !round_end_next(db, iAgency, c->iRound))
    return N_("there is no next round");
  return NULL;
}

int round_end_decide(Db *db, int64_t iAgency, int64_t iCase, const char *zDecision,
                     const char *zNote, int64_t iBy, int64_t *piNextCase, Errors *pErr) {
  int nErr = pErr->n;
  if (domain_blank(zDecision)) {
    errors_add(pErr, "decision", N_("required"));
  } else {
    int bKnown = 0;
    for (int i = 0; round_end_azDecision[i]; i += 2)
      bKnown |= strcmp(round_end_azDecision[i], zDecision) == 0;
    if (!bKnown) errors_add(pErr, "decision", N_("not one of the allowed values"));
  }
  intake_check_text(pErr, "note", zNote, 2000, 0);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  Arena a = ARENA_INIT;
  Case c;
  int rc = intake_case_get(db, &a, iAgency, iCase, &c);
  const char *zField, *zWhy = rc ? NULL : re_obstacle(db, iAgency, &c, zDecision, &zField);
  if (zWhy) {
    errors_add(pErr, zField, zWhy);
    rc = DOMAIN_CONFLICT;
  }
  int64_t iNew = 0;
  if (!rc && strcmp(zDecision, "next_round") == 0)
    rc = re_move(db, iAgency, &c, round_end_next(db, iAgency, c.iRound), iBy, &iNew, pErr);
  if (!rc) rc = re_store(db, iAgency, iCase, zDecision, zNote, iNew, iBy);
  if (!rc && piNextCase) *piNextCase = iNew;
  arena_free(&a);
  return rc;
}
