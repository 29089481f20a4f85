/*
** report_outcomes.c — `ali report outcomes [--round CODE]`: the outcomes
** of the paths per round and in total (DOMAIN.md "What the agency
** reports", "Outcome codes").
**
** The participants of a round are its cases at stage agreed.  Each is
** counted once in its round: under its evaluation's outcome when the path
** is closed, as "ongoing" while it is open, as "missing" when it was
** closed without an evaluation.  Percentages are of the closed paths with
** an outcome (the known values), one decimal; ongoing and missing are
** stated apart.  The total counts participations (a person in two rounds
** counts twice).  Without --round every round of the agency is listed,
** by start date.
**
**   text  per round a heading "Round R1: 12 participants, 8 closed, 3
**         ongoing, 1 missing" and an aligned table OUTCOME, COUNT, %;
**         then the same for the total
**   csv   header "round,outcome,count,percent"; per round (and "total")
**         one row per outcome code, then "ongoing" and "missing" with an
**         empty percent
**   json  {"rounds": [{"round", "participants", "closed", "ongoing",
**         "missing", "outcomes": [{"outcome", "count", "percent"}]}],
**         "total": {... the same without "round"}}; percent is null when
**         nothing is closed
** Exit status 0, 1 on a database error.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/closing.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/jsonw.h"
#include "cmd.h"

/* The figures of one round (or the total). */
typedef struct Outcomes {
  int64_t iRound;
  const char *zRound;
  int aN[OUTCOME_COUNT];
  int nOngoing, nMissing;
} Outcomes;

static int oc_closed(const Outcomes *p) {
  int n = 0;
  for (int k = 0; k < OUTCOME_COUNT; k++) n += p->aN[k];
  return n;
}

static const char *oc_percent(Arena *a, int n, int nOf) {
  return nOf ? arena_printf(a, "%.1f", 100.0 * n / nOf) : "";
}

/* The rounds (one when iRound): their ids and codes, by start date. */
static int oc_rounds(Db *db, Arena *a, int64_t iAgency, int64_t iRound, Outcomes **pa, int *pn) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM round WHERE agency_id=$1", "i", iAgency);
  *pa = arena_alloc(a, sizeof **pa * (size_t)(n + 2));
  *pn = 0;
  DbStmt *q = db_query(db,
                       "SELECT id, code FROM round WHERE agency_id=$1 AND ($2=0 OR id=$2)"
                       " ORDER BY start_date, id",
                       "ii", iAgency, iRound);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && *pn < n) {
    Outcomes *o = &(*pa)[(*pn)++];
    o->iRound = db_col_int(q, 0);
    o->zRound = arena_strdup(a, db_col_text(q, 1));
  }
  db_done(q);
  return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

/* Adds the count of code zCode to o. */
static void oc_add(Outcomes *o, const char *zCode, int n) {
  if (strcmp(zCode, "ongoing") == 0)
    o->nOngoing += n;
  else if (strcmp(zCode, "missing") == 0)
    o->nMissing += n;
  else {
    int k = closing_find(closing_azOutcome, zCode);
    if (k >= 0) o->aN[k] += n;
  }
}

/* Fills the figures of a[0..n) and their total *pTotal. */
static int oc_count(Db *db, int64_t iAgency, Outcomes *a, int n, Outcomes *pTotal) {
  DbStmt *q = db_query(db,
                       "SELECT c.round_id, CASE WHEN c.closed_at IS NULL THEN 'ongoing'"
                       " WHEN e.outcome IS NULL THEN 'missing' ELSE e.outcome END, count(*)"
                       " FROM case_file c LEFT JOIN evaluation e ON e.case_id=c.id"
                       " WHERE c.agency_id=$1 AND c.stage='agreed' AND c.round_id IS NOT NULL"
                       " GROUP BY 1, 2",
                       "i", iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int64_t iRound = db_col_int(q, 0);
    const char *zCode = db_col_text(q, 1);
    int nCount = (int)db_col_int(q, 2);
    for (int i = 0; i < n; i++) {
      if (a[i].iRound != iRound) continue;
      oc_add(&a[i], zCode, nCount);
      oc_add(pTotal, zCode, nCount);
    }
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

static void oc_text(Arena *a, const Outcomes *o, const char *zTitle) {
  int nClosed = oc_closed(o);
  printf("%s: %d participants, %d closed, %d ongoing, %d missing\n", zTitle,
         nClosed + o->nOngoing + o->nMissing, nClosed, o->nOngoing, o->nMissing);
  const char **az = arena_alloc(a, sizeof *az * 3 * (OUTCOME_COUNT + 1));
  az[0] = "OUTCOME", az[1] = "COUNT", az[2] = "%";
  for (int k = 0; k < OUTCOME_COUNT; k++) {
    az[3 * k + 3] = closing_azOutcome[2 * k];
    az[3 * k + 4] = arena_printf(a, "%d", o->aN[k]);
    az[3 * k + 5] = nClosed ? oc_percent(a, o->aN[k], nClosed) : "-";
  }
  cli_print_table(az, OUTCOME_COUNT + 1, 3);
  printf("\n");
}

static void oc_csv(Arena *a, const Outcomes *o, const char *zRound) {
  int nClosed = oc_closed(o);
  for (int k = 0; k < OUTCOME_COUNT; k++)
    printf("%s,%s,%d,%s\n", zRound, closing_azOutcome[2 * k], o->aN[k],
           oc_percent(a, o->aN[k], nClosed));
  printf("%s,ongoing,%d,\n%s,missing,%d,\n", zRound, o->nOngoing, zRound, o->nMissing);
}

static void oc_json(JsonW *w, const Outcomes *o, const char *zRound) {
  int nClosed = oc_closed(o);
  jw_obj(w);
  if (zRound) jw_kv_str(w, "round", zRound);
  jw_kv_int(w, "participants", nClosed + o->nOngoing + o->nMissing);
  jw_kv_int(w, "closed", nClosed);
  jw_kv_int(w, "ongoing", o->nOngoing);
  jw_kv_int(w, "missing", o->nMissing);
  jw_key(w, "outcomes");
  jw_arr(w);
  for (int k = 0; k < OUTCOME_COUNT; k++) {
    jw_obj(w);
    jw_kv_str(w, "outcome", closing_azOutcome[2 * k]);
    jw_kv_int(w, "count", o->aN[k]);
    jw_key(w, "percent");
    if (!nClosed)
      jw_null(w);
    else {
      /* a decimal number: jsonw.h writes only integers, so the value
      ** follows its key by hand */
      buf_printf(w->pOut, "%.1f", 100.0 * o->aN[k] / nClosed);
      w->bAfterKey = 0;
    }
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_obj_end(w);
}

static void oc_print(Arena *a, const Outcomes *aO, int n, const Outcomes *pTotal, int eFormat) {
  if (eFormat == 1) {
    printf("round,outcome,count,percent\n");
    for (int i = 0; i < n; i++) oc_csv(a, &aO[i], aO[i].zRound);
    oc_csv(a, pTotal, "total");
  } else if (eFormat == 2) {
    Buf b = BUF_INIT;
    JsonW w;
    jw_init(&w, &b);
    jw_obj(&w);
    jw_key(&w, "rounds");
    jw_arr(&w);
    for (int i = 0; i < n; i++) oc_json(&w, &aO[i], aO[i].zRound);
    jw_arr_end(&w);
    jw_key(&w, "total");
    oc_json(&w, pTotal, NULL);
    jw_obj_end(&w);
    printf("%s\n", buf_str(&b));
    buf_free(&b);
  } else {
    for (int i = 0; i < n; i++) oc_text(a, &aO[i], arena_printf(a, "Round %s", aO[i].zRound));
    oc_text(a, pTotal, "Total");
  }
}

int report_outcomes(Db *db, int64_t iAgency, int64_t iRound, int eFormat) {
  Arena a = ARENA_INIT;
  Outcomes *aO, total;
  memset(&total, 0, sizeof total);
  int n;
  int rc = oc_rounds(db, &a, iAgency, iRound, &aO, &n);
  if (!rc) rc = oc_count(db, iAgency, aO, n, &total);
  if (rc) {
    fprintf(stderr, "ali: the outcomes could not be read: %s\n", db_errmsg(db));
  } else {
    oc_print(&a, aO, n, &total, eFormat);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}
