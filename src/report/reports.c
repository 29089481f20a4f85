/*
** reports.c — the registry of reports (report.h) and what their builders
** share: the rounds a report covers, and missing values said in words.
*/
#include "report.h"

#include <string.h>

#include "../lib/i18n.h"

int report_caseload_gaps(Db *db, const ReportQuery *q, RDoc *d); /* report_caseload.c */
int report_profile(Db *db, const ReportQuery *q, RDoc *d);   /* report_profile.c */
int report_countries(Db *db, const ReportQuery *q, RDoc *d); /* report_profile.c */
int report_services(Db *db, const ReportQuery *q, RDoc *d);  /* report_services.c */

int report_funnel(Db *db, const ReportQuery *q, RDoc *d);          /* report_funnel.c */
int report_outcomes(Db *db, const ReportQuery *q, RDoc *d);        /* report_outcomes.c */
int report_screening(Db *db, const ReportQuery *q, RDoc *d);       /* report_screening.c */
int report_time_to_project(Db *db, const ReportQuery *q, RDoc *d); /* report_time_to_project.c */
int report_requests(Db *db, const ReportQuery *q, RDoc *d);        /* report_requests.c */
int report_caseload(Db *db, const ReportQuery *q, RDoc *d);        /* report_caseload_months.c */
int report_esf(Db *db, const ReportQuery *q, RDoc *d);             /* report_esf.c */
int report_money(Db *db, const ReportQuery *q, RDoc *d);           /* report_money.c */

/* Add a report: one row here, its builder in report_NAME.c. */
static const ReportDef aReport[] = {
    {"caseload-gaps", N_("Active cases without an active social worker or case manager"),
     0, CAP_CASELOAD_ADMIN, report_caseload_gaps},
    {"profile", N_("Participant profile at entry: gender, origin, age, household, single mothers"),
     REPORT_PERIOD | REPORT_FILTERS, CAP_REPORT_READ, report_profile},
    {"countries", N_("Participants by country of birth"), REPORT_PERIOD | REPORT_FILTERS,
     CAP_REPORT_READ, report_countries},
    {"services", N_("Services activated for the individual projects; interventions and hours"),
     REPORT_FILTERS, CAP_REPORT_READ, report_services},
    {"funnel", N_("The funnel: shortlisted, interviewed, project, concluded, and where people left"),
     REPORT_FILTERS, CAP_REPORT_READ, report_funnel},
    {"outcomes", N_("The outcomes of the paths per round and in total"), REPORT_FILTERS,
     CAP_REPORT_READ, report_outcomes},
    {"screening", N_("Screening suggestions and decisions at the first interview, and overrides"),
     REPORT_FILTERS, CAP_REPORT_READ, report_screening},
    {"time-to-project", N_("Days from the shortlist to the agreed project"),
     REPORT_PERIOD | REPORT_FILTERS, CAP_REPORT_READ, report_time_to_project},
    {"requests", N_("Requests' response times in working days, per worker and per kind"),
     REPORT_PERIOD, CAP_CASELOAD_ADMIN, report_requests},
    {"caseload", N_("Active cases held by each social worker and case manager, month by month"),
     REPORT_PERIOD, CAP_CASELOAD_ADMIN, report_caseload},
    {"esf", N_("ESF+ common indicators of the participants of ESF-co-financed streams, by gender"),
     REPORT_PERIOD, CAP_REPORT_READ, report_esf},
    {"money", N_("Funding streams' money: allocation, committed, spent, reimbursed, left"),
     REPORT_NO_ROUND, CAP_STATEMENT_REVIEW, report_money},
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
