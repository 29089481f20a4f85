/*
** report_funnel.c — report "funnel": how far the candidates of each round
** got, from the shortlist through the interviews and the agreed project
** to the end of the path, where the others left, and why (issue 6,
** "Paths").  Per round and, without --round, in total (participations).
** --social-worker and --cooperative keep only the cases of one holder or
** one cooperative.
**
** The stages come from intake_funnel (src/domain/funnel.c): a candidate
** who withdrew after the second interview still counts as having reached
** it.  This file adds what the path after the project says:
**   interviewed       had the first interview: a first-interview form,
**                     the outcome "continue", or found not suitable there
**   in_intake         still between the shortlist and the project
**   ongoing           project agreed, path not closed
**   concluded         project agreed, path closed (closing.h)
**   left_during_path  concluded with the outcome interrupted or withdrew
** so that withdrew_at_shortlisted + not_suitable +
** withdrew_at_first_interview + withdrew_at_second_interview + in_intake
** + ongoing + concluded = shortlisted: every candidate is somewhere.
**
** The data table (CSV, JSON rows): with --round, "stage,count" as it has
** always been -- shortlisted, first_interview, second_interview, agreed,
** not_suitable, withdrew, withdrew_at_shortlisted,
** withdrew_at_first_interview, withdrew_at_second_interview,
** withdrew_reason_CODE (each reason of intake.h), screening_suitable,
** screening_refer, screening_job_only, screening_overrides -- then the
** five codes above.  Without --round, "round,stage,count": the same rows
** for each round (its code) and for "total".
**
** Views: the steps (with % of the shortlisted and a chart), where each
** candidate is now (the partition above, with a chart), the withdrawals
** by reason, and the screening decisions.
*/
#include "../domain/intake.h"
#include "../lib/i18n.h"
#include "report_paths.h"

enum {
  F_SHORTLISTED = 0,
  F_FIRST_INTERVIEW,
  F_SECOND_INTERVIEW,
  F_AGREED,
  F_NOT_SUITABLE,
  F_WITHDREW,
  F_AT_SHORTLISTED,
  F_AT_FIRST,
  F_AT_SECOND,
  F_REASON,                                         /* one per withdrawal reason */
  F_SCREENING = F_REASON + WITHDRAWAL_REASON_COUNT, /* suitable, refer, job_only */
  F_OVERRIDES = F_SCREENING + 3,
  F_INTERVIEWED,
  F_IN_INTAKE,
  F_ONGOING,
  F_CONCLUDED,
  F_LEFT_PATH,
  F_COUNT
};

static const char *const azDecision[3] = {"suitable", "refer", "job_only"};

/* The CSV code of value i. */
static const char *funnel_code(Arena *a, int i) {
  static const char *const azFixed[] = {"shortlisted",
                                        "first_interview",
                                        "second_interview",
                                        "agreed",
                                        "not_suitable",
                                        "withdrew",
                                        "withdrew_at_shortlisted",
                                        "withdrew_at_first_interview",
                                        "withdrew_at_second_interview"};
  static const char *const azPath[] = {"interviewed", "in_intake", "ongoing", "concluded",
                                       "left_during_path"};
  if (i < F_REASON) return azFixed[i];
  if (i < F_SCREENING)
    return arena_printf(a, "withdrew_reason_%s", withdrawal_reason_code(i - F_REASON));
  if (i < F_OVERRIDES) return arena_printf(a, "screening_%s", azDecision[i - F_SCREENING]);
  if (i == F_OVERRIDES) return "screening_overrides";
  return azPath[i - F_INTERVIEWED];
}

/* The stages of round iRound from intake_funnel into aV. */
static int funnel_stages(Db *db, const ReportQuery *q, int64_t iRound, int64_t *aV) {
  Funnel f;
  int rc = intake_funnel(db, q->iAgency, iRound, q->iSocialWorker, q->iOrganisation, &f);
  if (rc) return rc;
  const int aStage[] = {f.nShortlisted,
                        f.nFirstInterview,
                        f.nSecondInterview,
                        f.nAgreed,
                        f.nNotSuitable,
                        f.nWithdrew,
                        f.nWithdrewAt[STAGE_SHORTLISTED],
                        f.nWithdrewAt[STAGE_FIRST_INTERVIEW],
                        f.nWithdrewAt[STAGE_SECOND_INTERVIEW]};
  for (int i = 0; i < F_REASON; i++) aV[i] = aStage[i];
  for (int k = 0; k < WITHDRAWAL_REASON_COUNT; k++) aV[F_REASON + k] = f.nWithdrewReason[k];
  for (int k = 0; k < 3; k++) aV[F_SCREENING + k] = f.nScreening[k];
  aV[F_OVERRIDES] = f.nOverride;
  return 0;
}

/* What the path adds (the five codes of the header comment) into aV. */
static int funnel_path(Db *db, const ReportQuery *q, int64_t iRound, int64_t *aV) {
  DbStmt *s =
      db_query(db,
               "SELECT sum(CASE WHEN c.first_interview_on IS NOT NULL OR c.stage='not_suitable'"
               "   OR f.case_id IS NOT NULL THEN 1 ELSE 0 END),"
               " sum(CASE WHEN c.stage IN ('shortlisted','first_interview','second_interview')"
               "   THEN 1 ELSE 0 END),"
               " sum(CASE WHEN c.stage='agreed' AND c.closed_at IS NULL THEN 1 ELSE 0 END),"
               " sum(CASE WHEN c.stage='agreed' AND c.closed_at IS NOT NULL THEN 1 ELSE 0 END),"
               " sum(CASE WHEN c.stage='agreed' AND c.closed_at IS NOT NULL"
               "   AND e.outcome IN ('interrupted','withdrew') THEN 1 ELSE 0 END)"
               " FROM case_file c LEFT JOIN access_form f ON f.case_id=c.id"
               " LEFT JOIN evaluation e ON e.case_id=c.id"
               " WHERE c.agency_id=$1 AND c.round_id=$2"
               " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)",
               "iiii", q->iAgency, iRound, q->iSocialWorker, q->iOrganisation);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    for (int i = 0; i < 5; i++) aV[F_INTERVIEWED + i] = db_col_int(s, i);
  }
  db_done(s);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : DB_ERROR;
}

/* The values of every slot into *paaV (aaV[slot][F_COUNT] in arena a),
** the total slot the sum of the rounds'. */
static int funnel_values(Db *db, Arena *a, const ReportQuery *q, const PathCols *p,
                         int64_t (**paaV)[F_COUNT]) {
  int64_t(*aaV)[F_COUNT] = paths_per_slot(a, p, sizeof *aaV);
  for (int k = 0; k < p->nRound; k++) {
    int rc = funnel_stages(db, q, p->aRound[k].id, aaV[k]);
    if (!rc) rc = funnel_path(db, q, p->aRound[k].id, aaV[k]);
    if (rc) return rc;
    if (p->bTotal) {
      for (int i = 0; i < F_COUNT; i++) aaV[p->nRound][i] += aaV[k][i];
    }
  }
  *paaV = aaV;
  return 0;
}

/* The data table: "stage,count" for one round, else "round,stage,count". */
static void funnel_data(RDoc *d, const PathCols *p, int64_t (*aaV)[F_COUNT]) {
  static const char *const azCode[] = {"round", "stage", "count"};
  int bRound = p->bTotal;
  RTable *t = rdoc_data(d, 2 + bRound, azCode + !bRound, NULL);
  for (int k = 0; k < p->nSlot; k++) {
    for (int i = 0; i < F_COUNT; i++) {
      if (bRound) rt_text(t, k < p->nRound ? p->aRound[k].zCode : "total");
      rt_text(t, funnel_code(d->a, i));
      rt_int(t, aaV[k][i]);
    }
  }
}

/* A row of a view: value i of each slot, as a percentage of the
** shortlisted when the view has percentages.  iMinus, when >= 0, is
** subtracted (the concluded with an outcome other than leaving). */
static void funnel_row(RTable *t, const PathCols *p, const char *zLabel, int64_t (*aaV)[F_COUNT],
                       int i, int iMinus) {
  int64_t *pN = paths_counts(t->a, p), *pOf = paths_counts(t->a, p);
  for (int k = 0; k < p->nSlot; k++) {
    pN[k] = aaV[k][i] - (iMinus >= 0 ? aaV[k][iMinus] : 0);
    pOf[k] = aaV[k][F_SHORTLISTED];
  }
  paths_row(t, p, zLabel, pN, pOf);
}

static void funnel_views(RDoc *d, const PathCols *p, int iLang, int64_t (*aaV)[F_COUNT]) {
  static const struct {
    int i;
    const char *zLabel;
  } aStep[] = {{F_SHORTLISTED, N_("Shortlisted")},
               {F_INTERVIEWED, N_("Interviewed (first interview held)")},
               {F_FIRST_INTERVIEW, N_("Passed the first interview")},
               {F_SECOND_INTERVIEW, N_("Second interview held")},
               {F_AGREED, N_("Project agreed")},
               {F_CONCLUDED, N_("Path concluded")}},
    aWhere[] = {{F_AT_SHORTLISTED, N_("Withdrew before the first interview")},
                {F_NOT_SUITABLE, N_("Found not suitable at the first interview")},
                {F_AT_FIRST, N_("Withdrew after the first interview")},
                {F_AT_SECOND, N_("Withdrew after a second interview")},
                {F_IN_INTAKE, N_("Still in intake (no project yet)")},
                {F_ONGOING, N_("On the path (project under way)")},
                {F_LEFT_PATH, N_("Left the path (interrupted or withdrew)")},
                {F_CONCLUDED, N_("Concluded the path with another outcome")}};
  RTable *t = paths_view(d, p, 1, "steps", tr(iLang, "From the shortlist to the end of the path"),
                         tr(iLang, "Step"));
  for (size_t j = 0; j < sizeof aStep / sizeof aStep[0]; j++) {
    funnel_row(t, p, tr(iLang, aStep[j].zLabel), aaV, aStep[j].i, -1);
  }
  rt_note(t, "%s", tr(iLang, "Percentages of the shortlisted."));
  paths_chart(t, p);
  t = paths_view(d, p, 1, "where", tr(iLang, "Where the candidates are: who left, and when"),
                 tr(iLang, "Candidates"));
  for (size_t j = 0; j < sizeof aWhere / sizeof aWhere[0]; j++) {
    int i = aWhere[j].i;
    funnel_row(t, p, tr(iLang, aWhere[j].zLabel), aaV, i, i == F_CONCLUDED ? F_LEFT_PATH : -1);
  }
  paths_chart(t, p);
  t = paths_view(d, p, 0, "reasons", tr(iLang, "Withdrawals before the project, by reason"),
                 tr(iLang, "Reason"));
  for (int k = 0; k < WITHDRAWAL_REASON_COUNT; k++) {
    funnel_row(t, p, tr(iLang, withdrawal_reason_label(k)), aaV, F_REASON + k, -1);
  }
  paths_chart(t, p);
  t = paths_view(d, p, 0, "screening", tr(iLang, "Decisions at the first interview"),
                 tr(iLang, "Decision"));
  for (int k = 0; k < 3; k++) {
    funnel_row(t, p, tr(iLang, intake_azScreening[2 * k + 1]), aaV, F_SCREENING + k, -1);
  }
  funnel_row(t, p, tr(iLang, "Different from the screening's suggestion"), aaV, F_OVERRIDES, -1);
  rt_note(t, "%s", tr(iLang, "ali report screening gives the detail."));
}

int report_funnel(Db *db, const ReportQuery *q, RDoc *d) {
  PathCols p;
  int64_t(*aaV)[F_COUNT];
  int rc = paths_cols(db, d->a, q, &p);
  if (!rc) rc = funnel_values(db, d->a, q, &p, &aaV);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound, NULL, d);
  funnel_data(d, &p, aaV);
  funnel_views(d, &p, q->iLang, aaV);
  return 0;
}
