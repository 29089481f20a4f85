/*
** report_time_to_project.c — report "time-to-project": how long
** candidates waited from the shortlist to their agreed project, in
** calendar days (agreed_on - shortlisted_on), per round and in total
** (issue 6, "Paths"): the median (the middle value, or the mean of the
** two middle ones), the 90th percentile (nearest rank), the mean, the
** shortest and the longest, and how many fall in each band of days.  The
** projects are the participants' (stage agreed); --from/--to keep those
** agreed in the period; --social-worker and --cooperative those of one
** holder or one cooperative.  A project whose shortlist date is unknown
** (or later than the agreement) is a missing value, stated apart.
**
** The data table (CSV, JSON rows): "round,measure,value"; per round (its
** code, by start date) and then "total", the measures projects (all the
** agreed projects), missing, median_days, p90_days, mean_days,
** min_days, max_days (the median and the mean with one decimal, the
** others whole days; empty when no project has both dates), and the bands days_0_30, days_31_60,
*days_61_90,
** days_91_180, days_181plus (counts).
**
** Views: the summary per round, and the bands with percentages of the
** known values (with a chart).
*/
#include <string.h>

#include "../domain/request.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "report_paths.h"

#define N_BAND 5
static const int aBandMax[N_BAND] = {30, 60, 90, 180, -1}; /* -1: no upper bound */
static const char *const azBandCode[N_BAND] = {"days_0_30", "days_31_60", "days_61_90",
                                               "days_91_180", "days_181plus"};
static const char *const azBandLabel[N_BAND] = {N_("Up to 30 days"), N_("31 to 60 days"),
                                                N_("61 to 90 days"), N_("91 to 180 days"),
                                                N_("More than 180 days")};

/* The durations of one slot. */
typedef struct Waits {
  int64_t nProjects, nMissing;
  double *aDays; /* the known durations */
  int nDays, nAlloc;
} Waits;

static void waits_push(Arena *a, Waits *w, double r) {
  if (w->nDays == w->nAlloc) {
    w->nAlloc = w->nAlloc ? 2 * w->nAlloc : 16;
    double *aNew = arena_alloc(a, sizeof *aNew * (size_t)w->nAlloc);
    if (w->nDays) memcpy(aNew, w->aDays, sizeof *aNew * (size_t)w->nDays);
    w->aDays = aNew;
  }
  w->aDays[w->nDays++] = r;
}

/* The days from zFrom to zTo, or -1 when either is not a date or zTo is
** earlier. */
static int64_t ttp_days(const char *zFrom, const char *zTo) {
  int y1, m1, d1, y2, m2, d2;
  if (date_parse(zFrom, &y1, &m1, &d1) || date_parse(zTo, &y2, &m2, &d2)) return -1;
  int64_t n = date_days(y2, m2, d2) - date_days(y1, m1, d1);
  return n < 0 ? -1 : n;
}

/* Adds one project to slot w. */
static void ttp_add(Arena *a, Waits *w, int64_t nDays) {
  w->nProjects++;
  if (nDays < 0)
    w->nMissing++;
  else
    waits_push(a, w, (double)nDays);
}

static int ttp_read(Db *db, Arena *a, const ReportQuery *q, const PathCols *p, Waits **paW) {
  Waits *aW = paths_per_slot(a, p, sizeof *aW);
  DbStmt *s = db_query(db,
                       "SELECT c.round_id, c.shortlisted_on, c.agreed_on FROM case_file c"
                       " WHERE c.agency_id=$1 AND c.stage='agreed' AND c.round_id IS NOT NULL"
                       " AND ($2=0 OR c.round_id=$2)"
                       " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)"
                       " ORDER BY c.id",
                       "iiii", q->iAgency, q->iRound, q->iSocialWorker, q->iOrganisation);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int k = paths_slot(p, db_col_int(s, 0));
    const char *zAgreed = db_col_text(s, 2);
    if (k < 0) continue;
    if ((q->zFrom || q->zTo) && !zAgreed) continue; /* no agreement date: not in any period */
    if (q->zFrom && strcmp(zAgreed, q->zFrom) < 0) continue;
    if (q->zTo && strcmp(zAgreed, q->zTo) > 0) continue;
    int64_t n = ttp_days(db_col_text(s, 1), zAgreed);
    ttp_add(a, &aW[k], n);
    if (p->bTotal) ttp_add(a, &aW[p->nRound], n);
  }
  db_done(s);
  *paW = aW;
  return rc == DB_DONE ? 0 : rc;
}

/* The statistics of a slot (sorts its durations). */
typedef struct WaitStats {
  double rMedian, rP90, rMean, rMin, rMax;
  int64_t aBand[N_BAND];
} WaitStats;

static void ttp_stats(Waits *w, WaitStats *st) {
  memset(st, 0, sizeof *st);
  if (w->nDays == 0) return;
  st->rMedian = request_median(w->aDays, w->nDays); /* sorts */
  st->rP90 = request_percentile(w->aDays, w->nDays, 90);
  st->rMin = w->aDays[0];
  st->rMax = w->aDays[w->nDays - 1];
  for (int i = 0; i < w->nDays; i++) {
    st->rMean += w->aDays[i] / w->nDays;
    int b = 0;
    while (aBandMax[b] >= 0 && w->aDays[i] > aBandMax[b]) b++;
    st->aBand[b]++;
  }
}

/* Time m (0 median, 1 p90, 2 mean, 3 min, 4 max) of a slot: the median
** and the mean with one decimal, the others whole days; an empty cell
** when no project has both dates. */
static void ttp_time(RTable *t, const Waits *w, const WaitStats *st, int m) {
  const double aTime[] = {st->rMedian, st->rP90, st->rMean, st->rMin, st->rMax};
  if (!w->nDays)
    rt_null(t);
  else if (m == 0 || m == 2)
    rt_real(t, aTime[m], 1);
  else
    rt_int(t, (int64_t)aTime[m]);
}

static void ttp_data(RDoc *d, const PathCols *p, Waits *aW, const WaitStats *aS) {
  static const char *const azCode[] = {"round", "measure", "value"};
  static const char *const azMeasure[] = {"projects",  "missing",  "median_days", "p90_days",
                                          "mean_days", "min_days", "max_days"};
  RTable *t = rdoc_data(d, 3, azCode, NULL);
  for (int k = 0; k < p->nSlot; k++) {
    const char *zRound = k < p->nRound ? p->aRound[k].zCode : "total";
    for (int m = 0; m < 7 + N_BAND; m++) {
      rt_text(t, zRound);
      rt_text(t, m < 7 ? azMeasure[m] : azBandCode[m - 7]);
      if (m == 0)
        rt_int(t, aW[k].nProjects);
      else if (m == 1)
        rt_int(t, aW[k].nMissing);
      else if (m < 7)
        ttp_time(t, &aW[k], &aS[k], m - 2);
      else
        rt_int(t, aS[k].aBand[m - 7]);
    }
  }
}

static void ttp_views(RDoc *d, const PathCols *p, int iLang, Waits *aW, const WaitStats *aS) {
  static const char *const azLabel[] = {N_("Median"), N_("90th percentile"), N_("Mean"),
                                        N_("Shortest"), N_("Longest")};
  int nCol = 1 + p->nSlot;
  const char **azCode = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  const char **azHead = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  azCode[0] = "measure";
  azHead[0] = tr(iLang, "Days from the shortlist to the agreed project");
  for (int k = 1; k < nCol; k++) {
    azCode[k] = k - 1 < p->nRound ? p->aRound[k - 1].zCode : "total";
    azHead[k] = k - 1 < p->nRound ? p->aRound[k - 1].zCode : tr(iLang, "Total");
  }
  RTable *t = rdoc_view(d, "summary", tr(iLang, "Time from the shortlist to the agreed project"),
                        nCol, azCode, azHead);
  rt_text(t, tr(iLang, "Projects agreed"));
  for (int k = 0; k + 1 < nCol; k++) rt_int(t, aW[k].nProjects);
  for (int m = 0; m < 5; m++) {
    rt_text(t, tr(iLang, azLabel[m]));
    for (int k = 0; k + 1 < nCol; k++) ttp_time(t, &aW[k], &aS[k], m);
  }
  for (int k = 0; k + 1 < nCol; k++) {
    const char *zMissing = report_missing(d->a, iLang, aW[k].nMissing);
    if (zMissing) rt_note(t, "%s: %s", azHead[k + 1], zMissing);
  }
  rt_note(t, "%s", tr(iLang, "Calendar days; the 90th percentile by the nearest rank."));
  t = paths_view(d, p, 1, "bands", tr(iLang, "Projects by days waited"), tr(iLang, "Days waited"));
  int64_t *aN = paths_counts(d->a, p), *aOf = paths_counts(d->a, p);
  for (int b = 0; b < N_BAND; b++) {
    for (int k = 0; k < p->nSlot; k++) aN[k] = aS[k].aBand[b], aOf[k] = aW[k].nDays;
    paths_row(t, p, tr(iLang, azBandLabel[b]), aN, aOf);
  }
  paths_chart(t, p);
  rt_note(t, "%s", tr(iLang, "Percentages of the projects whose shortlist date is known."));
}

int report_time_to_project(Db *db, const ReportQuery *q, RDoc *d) {
  PathCols p;
  Waits *aW;
  int rc = paths_cols(db, d->a, q, &p);
  if (!rc) rc = ttp_read(db, d->a, q, &p, &aW);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound, tr(q->iLang, "agreed"), d);
  WaitStats *aS = paths_per_slot(d->a, &p, sizeof *aS);
  for (int k = 0; k < p.nSlot; k++) ttp_stats(&aW[k], &aS[k]);
  ttp_data(d, &p, aW, aS);
  ttp_views(d, &p, q->iLang, aW, aS);
  return 0;
}
