/*
** report_screening.c — report "screening": what the screening rules
** suggested at the first interviews and what the social workers decided,
** and where they departed from the suggestion (the overrides), per round
** and in total (issue 6, "Paths").  From the Access and Evaluation Forms
** (access_form: screening, the rules' suggestion; decision, the social
** worker's, empty while undecided; screening_rule_id, the rule that
** matched, none when the profile fits).  --social-worker and
** --cooperative keep only the cases of one holder or one cooperative.
**
** The data table (CSV, JSON rows): "round,screening,decision,count"; per
** round (its code, by start date) and then "total", one row for each
** suggestion (suitable, refer, job_only) and each decision (suitable,
** refer, job_only, undecided): twelve rows, zeros included.  An override
** is a row whose decision is another suggestion's code.
**
** Views: the summary (forms, suggestions, decisions, decisions as
** suggested, overrides, with percentages of the forms), the overrides by
** suggestion and decision (with a chart), and the rules (over every
** round the report covers): the forms each matched and the overrides.
*/
#include <string.h>

#include "../domain/intake.h"
#include "../lib/i18n.h"
#include "report_paths.h"

#define N_DECISION 4 /* the three decisions, then undecided */

static const char *const azCodeOf[N_DECISION] = {"suitable", "refer", "job_only", "undecided"};

/* Index of zCode among azCodeOf (NULL: undecided), or -1. */
static int screening_index(const char *zCode) {
  if (!zCode || !*zCode) return 3;
  for (int i = 0; i < 3; i++) {
    if (strcmp(zCode, azCodeOf[i]) == 0) return i;
  }
  return -1;
}

/* The forms of every slot by suggestion and decision:
** aaN[slot][3 * N_DECISION], index 4 * suggestion + decision. */
typedef int64_t Grid[3 * N_DECISION];

static int screening_count(Db *db, Arena *a, const ReportQuery *q, const PathCols *p, Grid **paaN) {
  Grid *aaN = paths_per_slot(a, p, sizeof *aaN);
  DbStmt *s =
      db_query(db,
               "SELECT c.round_id, f.screening, f.decision, count(*)"
               " FROM access_form f JOIN case_file c ON c.id=f.case_id"
               " WHERE c.agency_id=$1 AND c.round_id IS NOT NULL AND ($2=0 OR c.round_id=$2)"
               " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)"
               " GROUP BY c.round_id, f.screening, f.decision",
               "iiii", q->iAgency, q->iRound, q->iSocialWorker, q->iOrganisation);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int k = paths_slot(p, db_col_int(s, 0));
    const char *zScreening = db_col_text(s, 1);
    int iS = zScreening ? screening_index(zScreening) : -1, iD = screening_index(db_col_text(s, 2));
    if (k < 0 || iS < 0 || iS > 2 || iD < 0) continue; /* not screened: nothing to compare */
    aaN[k][N_DECISION * iS + iD] += db_col_int(s, 3);
    if (p->bTotal) aaN[p->nRound][N_DECISION * iS + iD] += db_col_int(s, 3);
  }
  db_done(s);
  *paaN = aaN;
  return rc == DB_DONE ? 0 : rc;
}

static void screening_data(RDoc *d, const PathCols *p, const Grid *aaN) {
  static const char *const azCode[] = {"round", "screening", "decision", "count"};
  RTable *t = rdoc_data(d, 4, azCode, NULL);
  for (int k = 0; k < p->nSlot; k++) {
    for (int i = 0; i < 3 * N_DECISION; i++) {
      rt_text(t, k < p->nRound ? p->aRound[k].zCode : "total");
      rt_text(t, azCodeOf[i / N_DECISION]);
      rt_text(t, azCodeOf[i % N_DECISION]);
      rt_int(t, aaN[k][i]);
    }
  }
}

/* The sum over the cells of a grid for which xKeep(suggestion, decision). */
static int64_t screening_sum(const int64_t *aG, int (*xKeep)(int, int, int), int iArg) {
  int64_t n = 0;
  for (int i = 0; i < 3 * N_DECISION; i++) {
    if (xKeep(i / N_DECISION, i % N_DECISION, iArg)) n += aG[i];
  }
  return n;
}
static int keep_all(int iS, int iD, int x) { return (void)iS, (void)iD, (void)x, 1; }
static int keep_suggested(int iS, int iD, int x) { return (void)iD, iS == x; }
static int keep_decided(int iS, int iD, int x) { return (void)iS, iD == x; }
static int keep_as_suggested(int iS, int iD, int x) { return (void)x, iS == iD; }
static int keep_override(int iS, int iD, int x) { return (void)x, iD < 3 && iS != iD; }

/* A row of the summary: the sum of xKeep's cells per slot, % of the forms. */
static void screening_row(RTable *t, const PathCols *p, const char *zLabel, const Grid *aaN,
                          int (*xKeep)(int, int, int), int iArg) {
  int64_t *aN = paths_counts(t->a, p), *aOf = paths_counts(t->a, p);
  for (int k = 0; k < p->nSlot; k++) {
    aN[k] = screening_sum(aaN[k], xKeep, iArg);
    aOf[k] = screening_sum(aaN[k], keep_all, 0);
  }
  paths_row(t, p, zLabel, aN, aOf);
}

static void screening_summary(RDoc *d, const PathCols *p, int iLang, const Grid *aaN) {
  RTable *t = paths_view(d, p, 1, "summary", tr(iLang, "Screening at the first interview"),
                         tr(iLang, "First-interview forms"));
  screening_row(t, p, tr(iLang, "Forms"), aaN, keep_all, 0);
  for (int i = 0; i < 3; i++) {
    screening_row(t, p,
                  arena_printf(d->a, "%s: %s", tr(iLang, "Suggested"),
                               tr(iLang, intake_azScreening[2 * i + 1])),
                  aaN, keep_suggested, i);
  }
  for (int i = 0; i < N_DECISION; i++) {
    const char *zWhat = i < 3 ? tr(iLang, intake_azScreening[2 * i + 1]) : tr(iLang, "not yet");
    screening_row(t, p, arena_printf(d->a, "%s: %s", tr(iLang, "Decided"), zWhat), aaN,
                  keep_decided, i);
  }
  screening_row(t, p, tr(iLang, "Decided as suggested"), aaN, keep_as_suggested, 0);
  screening_row(t, p, tr(iLang, "Overrides (decided otherwise)"), aaN, keep_override, 0);
  rt_note(t, "%s", tr(iLang, "Percentages of the forms."));
}

static void screening_overrides(RDoc *d, const PathCols *p, int iLang, const Grid *aaN) {
  RTable *t = paths_view(d, p, 0, "overrides", tr(iLang, "Overrides: suggestion and decision"),
                         tr(iLang, "Suggested, then decided"));
  int64_t *aN = paths_counts(d->a, p);
  for (int iS = 0; iS < 3; iS++) {
    for (int iD = 0; iD < 3; iD++) {
      if (iS == iD) continue;
      for (int k = 0; k < p->nSlot; k++) aN[k] = aaN[k][N_DECISION * iS + iD];
      paths_row(t, p,
                arena_printf(d->a, "%s → %s", tr(iLang, intake_azScreening[2 * iS + 1]),
                             tr(iLang, intake_azScreening[2 * iD + 1])),
                aN, NULL);
    }
  }
  paths_chart(t, p);
}

/* The rules over every round covered: forms matched, overrides. */
static int screening_rules_view(Db *db, RDoc *d, const ReportQuery *q, int iLang) {
  static const char *const azCode[] = {"rule", "forms", "overrides"};
  const char *azLabel[] = {tr(iLang, "Screening rule"), tr(iLang, "Forms"), tr(iLang, "Overrides")};
  RTable *t = rdoc_view(d, "rules", tr(iLang, "Per screening rule"), 3, azCode, azLabel);
  DbStmt *s = db_query(
      db,
      "SELECT r.reason_it, r.reason_en, count(*),"
      " sum(CASE WHEN f.decision IS NOT NULL AND f.decision<>f.screening THEN 1 ELSE 0 END)"
      " FROM access_form f JOIN case_file c ON c.id=f.case_id"
      " LEFT JOIN screening_rule r ON r.id=f.screening_rule_id"
      " WHERE c.agency_id=$1 AND c.round_id IS NOT NULL AND ($2=0 OR c.round_id=$2)"
      " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)"
      " AND f.screening IS NOT NULL"
      " GROUP BY f.screening_rule_id, r.position, r.reason_it, r.reason_en"
      " ORDER BY coalesce(r.position, 1000000)",
      "iiii", q->iAgency, q->iRound, q->iSocialWorker, q->iOrganisation);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *zReason = db_col_text(s, iLang == LANG_EN ? 1 : 0);
    rt_text(t, zReason ? zReason : tr(iLang, "No rule applied: the profile fits the programme"));
    rt_int(t, db_col_int(s, 2));
    rt_int(t, db_col_int(s, 3));
  }
  db_done(s);
  return rc == DB_DONE ? 0 : rc;
}

int report_screening(Db *db, const ReportQuery *q, RDoc *d) {
  PathCols p;
  Grid *aaN;
  int rc = paths_cols(db, d->a, q, &p);
  if (!rc) rc = screening_count(db, d->a, q, &p, &aaN);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound, NULL, d);
  screening_data(d, &p, aaN);
  screening_summary(d, &p, q->iLang, aaN);
  screening_overrides(d, &p, q->iLang, aaN);
  return screening_rules_view(db, d, q, q->iLang);
}
