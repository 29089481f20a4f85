/*
** report_paths.c — the rounds as columns that the reports on
** participants' paths share (report_paths.h).
*/
#include "report_paths.h"

#include <string.h>

#include "../lib/i18n.h"

int paths_cols(Db *db, Arena *a, const ReportQuery *q, PathCols *p) {
  memset(p, 0, sizeof *p);
  p->iLang = q->iLang;
  int n = report_rounds(db, a, q, &p->aRound);
  if (n < 0) return n;
  p->nRound = n;
  p->bTotal = q->iRound == 0;
  p->nSlot = n + p->bTotal;
  return 0;
}

int paths_slot(const PathCols *p, int64_t iRound) {
  for (int k = 0; k < p->nRound; k++) {
    if (p->aRound[k].id == iRound) return k;
  }
  return -1;
}

void *paths_per_slot(Arena *a, const PathCols *p, size_t nSize) {
  size_t n = nSize * (size_t)(p->nSlot + 1);
  void *pAll = arena_alloc(a, n);
  memset(pAll, 0, n);
  return pAll;
}

int64_t *paths_counts(Arena *a, const PathCols *p) { return paths_per_slot(a, p, sizeof(int64_t)); }

void paths_sum(const PathCols *p, int64_t *aN) {
  if (!p->bTotal) return;
  aN[p->nRound] = 0;
  for (int k = 0; k < p->nRound; k++) aN[p->nRound] += aN[k];
}

RTable *paths_view(RDoc *d, const PathCols *p, int bPercent, const char *zName, const char *zTitle,
                   const char *zItem) {
  int nCol = 1 + p->nSlot * (bPercent ? 2 : 1);
  const char **azCode = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  const char **azLabel = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  int j = 0;
  azCode[j] = "category";
  azLabel[j++] = zItem;
  for (int k = 0; k < p->nSlot; k++) {
    int bRound = k < p->nRound;
    azCode[j] = bRound ? p->aRound[k].zCode : "total";
    azLabel[j++] = bRound ? p->aRound[k].zCode : tr(p->iLang, "Total");
    if (!bPercent) continue;
    azCode[j] = arena_printf(d->a, "%s_percent", azCode[j - 1]);
    azLabel[j++] = "%";
  }
  return rdoc_view(d, zName, zTitle, nCol, azCode, azLabel);
}

void paths_row(RTable *t, const PathCols *p, const char *zLabel, const int64_t *aN,
               const int64_t *aOf) {
  int bPercent = t->nCol > 1 + p->nSlot;
  rt_text(t, zLabel);
  for (int k = 0; k < p->nSlot; k++) {
    rt_int(t, aN[k]);
    if (bPercent) rt_percent(t, aN[k], aOf ? aOf[k] : 0);
  }
}

void paths_chart(RTable *t, const PathCols *p) {
  if (p->nSlot == 0) return;
  int bPercent = t->nCol > 1 + p->nSlot;
  rt_chart(t, t->nCol - (bPercent ? 2 : 1), 0);
}
