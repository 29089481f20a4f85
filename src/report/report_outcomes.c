/*
** report_outcomes.c — report "outcomes": the outcomes of the paths per
** round and in total (DOMAIN.md "What the agency reports", "Outcome
** codes"; issue 6, "Paths").
**
** The participants of a round are its cases at stage agreed.  Each is
** counted once in its round: under its evaluation's outcome when the path
** is closed, as "ongoing" while it is open, as "missing" when it was
** closed without an evaluation.  Percentages are of the closed paths with
** an outcome (the known values), one decimal; ongoing and missing are
** stated apart.  The total counts participations (a person in two rounds
** counts twice).  --social-worker and --cooperative keep only the cases
** of one holder or one cooperative.
**
** The data table (CSV, JSON rows): "round,outcome,count,percent"; per
** round (its code, by start date) and then "total", one row per outcome
** code (employed_host, employed_other, training_completed, qualification,
** activated, interrupted, withdrew), then "ongoing" and "missing" with an
** empty percent.  The percent is empty too when nothing is closed.
**
** Views: the outcomes of the closed paths (with a chart), and the paths
** (participants, closed, ongoing, closed without an evaluation).
*/
#include <string.h>

#include "../domain/closing.h"
#include "../lib/i18n.h"
#include "report_paths.h"

enum { O_ONGOING = OUTCOME_COUNT, O_MISSING, O_COUNT };

/* The counts of every slot: aaN[slot][O_COUNT], the total summed. */
static int outcomes_count(Db *db, Arena *a, const ReportQuery *q, const PathCols *p,
                          int64_t (**paaN)[O_COUNT]) {
  int64_t(*aaN)[O_COUNT] = paths_per_slot(a, p, sizeof *aaN);
  DbStmt *s = db_query(db,
                       "SELECT c.round_id, CASE WHEN c.closed_at IS NULL THEN 'ongoing'"
                       " WHEN e.outcome IS NULL THEN 'missing' ELSE e.outcome END, count(*)"
                       " FROM case_file c LEFT JOIN evaluation e ON e.case_id=c.id"
                       " WHERE c.agency_id=$1 AND c.stage='agreed' AND c.round_id IS NOT NULL"
                       " AND ($2=0 OR c.round_id=$2)"
                       " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)"
                       " GROUP BY 1, 2",
                       "iiii", q->iAgency, q->iRound, q->iSocialWorker, q->iOrganisation);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int k = paths_slot(p, db_col_int(s, 0));
    const char *zCode = db_col_text(s, 1);
    int i = strcmp(zCode, "ongoing") == 0   ? O_ONGOING
            : strcmp(zCode, "missing") == 0 ? O_MISSING
                                            : closing_find(closing_azOutcome, zCode);
    if (k < 0 || i < 0) continue;
    aaN[k][i] += db_col_int(s, 2);
    if (p->bTotal) aaN[p->nRound][i] += db_col_int(s, 2);
  }
  db_done(s);
  *paaN = aaN;
  return rc == DB_DONE ? 0 : rc;
}

static int64_t outcomes_closed(const int64_t *aN) {
  int64_t n = 0;
  for (int i = 0; i < OUTCOME_COUNT; i++) n += aN[i];
  return n;
}

static void outcomes_data(RDoc *d, const PathCols *p, int64_t (*aaN)[O_COUNT]) {
  static const char *const azCode[] = {"round", "outcome", "count", "percent"};
  RTable *t = rdoc_data(d, 4, azCode, NULL);
  for (int k = 0; k < p->nSlot; k++) {
    const char *zRound = k < p->nRound ? p->aRound[k].zCode : "total";
    int64_t nClosed = outcomes_closed(aaN[k]);
    for (int i = 0; i < O_COUNT; i++) {
      rt_text(t, zRound);
      rt_text(t, i == O_ONGOING   ? "ongoing"
                 : i == O_MISSING ? "missing"
                                  : closing_azOutcome[2 * i]);
      rt_int(t, aaN[k][i]);
      if (i < OUTCOME_COUNT)
        rt_percent(t, aaN[k][i], nClosed);
      else
        rt_null(t);
    }
  }
}

/* Row i of every slot, as a percentage of aOf (NULL: none). */
static void outcomes_row(RTable *t, const PathCols *p, const char *zLabel, int64_t (*aaN)[O_COUNT],
                         int i, const int64_t *aOf) {
  int64_t *aN = paths_counts(t->a, p);
  for (int k = 0; k < p->nSlot; k++) {
    aN[k] = i < 0 ? outcomes_closed(aaN[k]) : aaN[k][i];
  }
  paths_row(t, p, zLabel, aN, aOf);
}

static void outcomes_views(RDoc *d, const PathCols *p, int iLang, int64_t (*aaN)[O_COUNT]) {
  int64_t *aClosed = paths_counts(d->a, p), *aAll = paths_counts(d->a, p);
  for (int k = 0; k < p->nSlot; k++) {
    aClosed[k] = outcomes_closed(aaN[k]);
    aAll[k] = aClosed[k] + aaN[k][O_ONGOING] + aaN[k][O_MISSING];
  }
  RTable *t = paths_view(d, p, 1, "outcomes", tr(iLang, "Outcomes of the closed paths"),
                         tr(iLang, "Outcome"));
  for (int i = 0; i < OUTCOME_COUNT; i++) {
    outcomes_row(t, p, tr(iLang, closing_azOutcome[2 * i + 1]), aaN, i, aClosed);
  }
  paths_chart(t, p);
  rt_note(t, "%s", tr(iLang, "Percentages of the closed paths with an outcome."));
  for (int k = 0; k < p->nSlot; k++) {
    const char *zMissing = report_missing(d->a, iLang, aaN[k][O_MISSING]);
    if (!zMissing) continue;
    rt_note(t, "%s: %s (%s)", k < p->nRound ? p->aRound[k].zCode : tr(iLang, "Total"), zMissing,
            tr(iLang, "paths closed without a conclusive evaluation"));
  }
  t = paths_view(d, p, 1, "paths", tr(iLang, "Participants' paths"), tr(iLang, "Paths"));
  paths_row(t, p, tr(iLang, "Participants (project agreed)"), aAll, aAll);
  outcomes_row(t, p, tr(iLang, "Closed, with an outcome"), aaN, -1, aAll);
  outcomes_row(t, p, tr(iLang, "Ongoing"), aaN, O_ONGOING, aAll);
  outcomes_row(t, p, tr(iLang, "Closed without a conclusive evaluation"), aaN, O_MISSING, aAll);
}

int report_outcomes(Db *db, const ReportQuery *q, RDoc *d) {
  PathCols p;
  int64_t(*aaN)[O_COUNT];
  int rc = paths_cols(db, d->a, q, &p);
  if (!rc) rc = outcomes_count(db, d->a, q, &p, &aaN);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound, NULL, d);
  outcomes_data(d, &p, aaN);
  outcomes_views(d, &p, q->iLang, aaN);
  return 0;
}
