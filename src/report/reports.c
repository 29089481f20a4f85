/*
** reports.c — the registry of reports (report.h) and what their builders
** share: the rounds a report covers, and missing values said in words.
*/
#include "report.h"

#include <string.h>

#include "../lib/i18n.h"

int report_caseload_gaps(Db *db, const ReportQuery *q, RDoc *d); /* report_caseload.c */

/* Add a report: one row here, its builder in report_NAME.c. */
static const ReportDef aReport[] = {
    {"caseload-gaps", N_("Active cases without an active social worker or case manager"),
     0, CAP_CASELOAD_ADMIN, report_caseload_gaps},
};
#define N_REPORT (int)(sizeof aReport / sizeof aReport[0])

int report_count(void) {
  return N_REPORT;
}

const ReportDef *report_at(int i) {
  return i >= 0 && i < N_REPORT ? &aReport[i] : NULL;
}

const ReportDef *report_find(const char *zName) {
  for (int i = 0; zName && i < N_REPORT; i++) {
    if (strcmp(aReport[i].zName, zName) == 0) return &aReport[i];
  }
  return NULL;
}

int report_build(Db *db, Arena *a, const ReportDef *pDef, const ReportQuery *q, RDoc *d) {
  rdoc_init(d, a, pDef->zName, tr(q->iLang, pDef->zHelp));
  return pDef->xBuild(db, q, d);
}

int report_rounds(Db *db, Arena *a, const ReportQuery *q, ReportRound **pa) {
  DbStmt *s = db_query(db,
                       "SELECT id, code, name, start_date, end_date FROM round"
                       " WHERE agency_id = $1 AND ($2 = 0 OR id = $2)"
                       " ORDER BY start_date, code",
                       "ii", q->iAgency, q->iRound);
  int n = 0, nAlloc = 0, rc;
  ReportRound *aR = NULL;
  while ((rc = db_step(s)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      ReportRound *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aR, sizeof *aNew * (size_t)n);
      aR = aNew;
    }
    ReportRound *r = &aR[n++];
    r->id = db_col_int(s, 0);
    r->zCode = arena_strdup(a, db_col_text(s, 1));
    r->zName = arena_strdup(a, db_col_text(s, 2));
    r->zStart = arena_strdup(a, db_col_text(s, 3));
    r->zEnd = arena_strdup(a, db_col_text(s, 4));
  }
  db_done(s);
  *pa = aR;
  return rc == DB_DONE ? n : rc;
}
