/*
** report_paths.h — what the reports on participants' paths share (issue
** 6, "Paths": funnel, outcomes, screening, time-to-project): the rounds
** a report covers laid out as the columns of a view, as the reference
** chapter prints its tables -- categories down, each round across, then
** the total.  The subtitle that says what a report covers is
** report_scope.h's.
**
** A view made here has a first column with the category's label, then
** one "slot" per round covered and, when the report covers every round,
** one for the total.  A slot is a count, optionally followed by its
** percentage.  Column codes are the round's code (its percentage
** "CODE_percent"), "total" and "total_percent"; headers are the round's
** code, "%" and the translated "Total".  Counts are passed per slot as
** arrays of PathCols.nSlot values, the total slot last (paths_sum fills
** it from the rounds': totals count participations).
*/
#ifndef ALI_REPORT_PATHS_H
#define ALI_REPORT_PATHS_H
#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "report_scope.h"

typedef struct PathCols {
  ReportRound *aRound; /* the rounds covered, by start date */
  int nRound;
  int bTotal; /* a total slot follows (the query asked every round) */
  int nSlot;  /* nRound + bTotal */
  int iLang;
} PathCols;

/* The rounds q covers into *p (arena a): 0 or a negative DB error. */
int paths_cols(Db *db, Arena *a, const ReportQuery *q, PathCols *p);

/* The slot of round iRound in p, or -1 when p does not cover it. */
int paths_slot(const PathCols *p, int64_t iRound);

/* Zeroed room in arena a for one nSize-byte item per slot (the figures
** of each round and the total). */
void *paths_per_slot(Arena *a, const PathCols *p, size_t nSize);
/* A new int64_t[nSlot] of zeros in arena a. */
int64_t *paths_counts(Arena *a, const PathCols *p);

/* Sets the total slot of aN (when p has one) to the sum of the rounds'. */
void paths_sum(const PathCols *p, int64_t *aN);

/* A view of d named zName with caption zTitle: the category column
** headed zItem, then a count per slot, each followed by its percentage
** when bPercent. */
RTable *paths_view(RDoc *d, const PathCols *p, int bPercent, const char *zName, const char *zTitle,
                   const char *zItem);

/* One row of a paths_view: zLabel, then aN[k] per slot and, when the
** view has percentages, aN[k] of aOf[k] (empty when aOf[k] is 0). */
void paths_row(RTable *t, const PathCols *p, const char *zLabel, const int64_t *aN,
               const int64_t *aOf);

/* Bars of the last slot's count (the total, or the only round) on the
** web page. */
void paths_chart(RTable *t, const PathCols *p);

#endif
