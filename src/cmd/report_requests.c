/*
** report_requests.c — `ali report requests [--round CODE]`: how fast the
** agency's requests are answered (request_stats, src/domain/request.c),
** per worker (the assignee) and per kind.  Times are in working days
** (Monday-Friday without national holidays, src/lib/workdays.h) from when
** a request was raised to when it was acknowledged and resolved: the
** median and the 90th percentile (nearest rank) of the requests that got
** there; "overdue" counts the requests overdue now.  With --round only the
** requests of that round's cases.
**
**   text  "Requests: response times in working days" (and the round), then
**         two aligned tables, per worker and per kind, with the columns
**         REQUESTS, ACKNOWLEDGED, ACK MEDIAN, ACK P90, RESOLVED,
**         RESOLVE MEDIAN, RESOLVE P90, OVERDUE ("-" for a time without
**         any request that got there)
**   csv   long format, header "group,name,measure,value": group "worker"
**         (name: the worker's full name) or "kind" (name: the kind code:
**         rent, documents, school, health, emergency, other); one row per
**         measure: requests, acknowledged, resolved, overdue (counts),
**         acknowledge_median_days, acknowledge_p90_days,
**         resolve_median_days, resolve_p90_days (two decimals; empty
**         without any request that got there)
**   json  {"round": CODE or null, "workers": [{"user_id", "name", ...}],
**         "kinds": [{"kind", ...}]} where ... is "requests",
**         "acknowledged", "resolved", "overdue" and the four times as
**         numbers (null when empty)
** Exit status 0, 1 on a database error.  Reads only.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/request.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/csv.h"
#include "../lib/jsonw.h"
#include "cmd.h"

/* A time of a group: "1.50", or zNone when no request got there. */
static const char *rr_days(Arena *a, int n, double v, const char *zNone) {
  return n ? arena_printf(a, "%.2f", v) : zNone;
}

/* One aligned table of the groups a[0..n) headed zHead. */
static void rr_text(Arena *a, const char *zHead, const RequestStats *s, int n) {
  enum { N_COL = 9 };
  const char **az = arena_alloc(a, sizeof *az * N_COL * (size_t)(n + 1));
  const char *const azHead[N_COL] = {zHead,     "REQUESTS", "ACKNOWLEDGED",   "ACK MEDIAN",
                                     "ACK P90", "RESOLVED", "RESOLVE MEDIAN", "RESOLVE P90",
                                     "OVERDUE"};
  memcpy(az, azHead, sizeof azHead);
  for (int i = 0; i < n; i++) {
    const char **z = &az[N_COL * (i + 1)];
    z[0] = s[i].zName ? s[i].zName : "";
    z[1] = arena_printf(a, "%d", s[i].nRequests);
    z[2] = arena_printf(a, "%d", s[i].nAcked);
    z[3] = rr_days(a, s[i].nAcked, s[i].rAckMedian, "-");
    z[4] = rr_days(a, s[i].nAcked, s[i].rAckP90, "-");
    z[5] = arena_printf(a, "%d", s[i].nResolved);
    z[6] = rr_days(a, s[i].nResolved, s[i].rResolveMedian, "-");
    z[7] = rr_days(a, s[i].nResolved, s[i].rResolveP90, "-");
    z[8] = arena_printf(a, "%d", s[i].nOverdue);
  }
  cli_print_table(az, n + 1, N_COL);
}

/* One CSV row: group, name, measure, value. */
static void rr_csv_row(Buf *b, const char *zGroup, const char *zName, const char *zMeasure,
                       const char *zValue) {
  csv_write_field(b, zGroup);
  buf_putc(b, ',');
  csv_write_field(b, zName);
  buf_putc(b, ',');
  csv_write_field(b, zMeasure);
  buf_putc(b, ',');
  csv_write_field(b, zValue);
  buf_putc(b, '\n');
}

static void rr_csv(Arena *a, Buf *b, const char *zGroup, const RequestStats *s, int n) {
  for (int i = 0; i < n; i++) {
    const char *z = s[i].zName ? s[i].zName : "";
    rr_csv_row(b, zGroup, z, "requests", arena_printf(a, "%d", s[i].nRequests));
    rr_csv_row(b, zGroup, z, "acknowledged", arena_printf(a, "%d", s[i].nAcked));
    rr_csv_row(b, zGroup, z, "resolved", arena_printf(a, "%d", s[i].nResolved));
    rr_csv_row(b, zGroup, z, "overdue", arena_printf(a, "%d", s[i].nOverdue));
    rr_csv_row(b, zGroup, z, "acknowledge_median_days",
               rr_days(a, s[i].nAcked, s[i].rAckMedian, ""));
    rr_csv_row(b, zGroup, z, "acknowledge_p90_days", rr_days(a, s[i].nAcked, s[i].rAckP90, ""));
    rr_csv_row(b, zGroup, z, "resolve_median_days",
               rr_days(a, s[i].nResolved, s[i].rResolveMedian, ""));
    rr_csv_row(b, zGroup, z, "resolve_p90_days", rr_days(a, s[i].nResolved, s[i].rResolveP90, ""));
  }
}

/* "zKey": a number with two decimals, or null when n is 0 (jsonw.h
** writes only integers, so the value follows its key by hand). */
static void rr_json_days(JsonW *w, const char *zKey, int n, double v) {
  jw_key(w, zKey);
  if (!n) {
    jw_null(w);
    return;
  }
  buf_printf(w->pOut, "%.2f", v);
  w->bAfterKey = 0;
}

static void rr_json(JsonW *w, const char *zKey, const RequestStats *s, int n, int bKind) {
  jw_key(w, zKey);
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    jw_obj(w);
    if (bKind) {
      jw_kv_str(w, "kind", s[i].zName);
    } else {
      jw_kv_int(w, "user_id", s[i].iUser);
      jw_kv_str(w, "name", s[i].zName);
    }
    jw_kv_int(w, "requests", s[i].nRequests);
    jw_kv_int(w, "acknowledged", s[i].nAcked);
    jw_kv_int(w, "resolved", s[i].nResolved);
    jw_kv_int(w, "overdue", s[i].nOverdue);
    rr_json_days(w, "acknowledge_median_days", s[i].nAcked, s[i].rAckMedian);
    rr_json_days(w, "acknowledge_p90_days", s[i].nAcked, s[i].rAckP90);
    rr_json_days(w, "resolve_median_days", s[i].nResolved, s[i].rResolveMedian);
    rr_json_days(w, "resolve_p90_days", s[i].nResolved, s[i].rResolveP90);
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

/* Print the two groups in eFormat (0 text, 1 csv, 2 json). */
static void rr_print(Arena *a, const char *zRound, const RequestStats *aW, int nW,
                     const RequestStats *aK, int nK, int eFormat) {
  Buf b = BUF_INIT;
  if (eFormat == 1) {
    buf_puts(&b, "group,name,measure,value\n");
    rr_csv(a, &b, "worker", aW, nW);
    rr_csv(a, &b, "kind", aK, nK);
  } else if (eFormat == 2) {
    JsonW w;
    jw_init(&w, &b);
    jw_obj(&w);
    jw_kv_str(&w, "round", zRound);
    rr_json(&w, "workers", aW, nW, 0);
    rr_json(&w, "kinds", aK, nK, 1);
    jw_obj_end(&w);
    buf_putc(&b, '\n');
  } else {
    if (zRound)
      printf("Requests of round %s: response times in working days\n\nPer worker\n", zRound);
    else
      printf("Requests: response times in working days\n\nPer worker\n");
    rr_text(a, "WORKER", aW, nW);
    printf("\nPer kind\n");
    rr_text(a, "KIND", aK, nK);
  }
  fputs(buf_str(&b), stdout);
  buf_free(&b);
}

int report_requests(Db *db, int64_t iAgency, int64_t iRound, const char *zRound, int eFormat) {
  Arena a = ARENA_INIT;
  RequestStats *aW, *aK;
  int nW, nK;
  int rc = request_stats(db, &a, iAgency, iRound, NULL, &aW, &nW, &aK, &nK);
  if (rc)
    fprintf(stderr, "ali: the requests could not be read: %s\n", db_errmsg(db));
  else
    rr_print(&a, iRound ? zRound : NULL, aW, nW, aK, nK, eFormat);
  arena_free(&a);
  return rc ? 1 : 0;
}
