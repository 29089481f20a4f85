/*
** report.h — the agency's reports: one registry, one query shape.
**
** Every report is a row of the registry in reports.c: a code ("profile"),
** a one-line description, what options it takes, and a builder that
** reads the database and fills an RDoc (rdoc.h).  The same builder feeds
** `ali report NAME` (src/cmd/cmd_report.c), the web page /reports/NAME
** and its downloads (src/web/page_report.c), and the API
** GET /api/v1/reports/NAME (src/api/api_report.c): adding a row here is
** all it takes to have a report everywhere.  Builders live in
** src/report/report_NAME.c.
**
** Builders only read; they translate their titles and labels with
** tr(q->iLang, ...) and keep codes (column codes, category codes) in
** English, since scripts rely on them.
*/
#ifndef ALI_REPORT_H
#define ALI_REPORT_H
#include <stdint.h>

#include "../db/db.h"
#include "../domain/policy.h"
#include "rdoc.h"

/* What a report runs on. */
typedef struct ReportQuery {
  int64_t iAgency;
  int64_t iRound;        /* 0: every round, and the total */
  const char *zRound;    /* its code, or NULL */
  const char *zFrom;     /* a period, "YYYY-MM-DD" inclusive, or NULL */
  const char *zTo;
  int64_t iSocialWorker; /* 0: any */
  int64_t iOrganisation; /* 0: any */
  int iLang;             /* LANG_IT, LANG_EN */
} ReportQuery;

enum {
  REPORT_NEEDS_ROUND = 1 << 0, /* --round is required */
  REPORT_PERIOD = 1 << 1,      /* --from / --to mean something */
  REPORT_FILTERS = 1 << 2,     /* --social-worker / --cooperative mean something */
  REPORT_NO_ROUND = 1 << 3,    /* not divided by rounds: --round is ignored */
};

typedef struct ReportDef {
  const char *zName;
  const char *zHelp; /* English, one line; N_() for the web page */
  unsigned flags;
  Cap eCap; /* who may read it on the web and the API (CAP_REPORT_READ for
            ** aggregates; lists of people need their own capability) */
  /* Fills d (already rdoc_init()ed with the name and translated help as
  ** title); returns 0 or a negative DB/DOMAIN error. */
  int (*xBuild)(Db *db, const ReportQuery *q, RDoc *d);
} ReportDef;

int report_count(void);
const ReportDef *report_at(int i);
const ReportDef *report_find(const char *zName); /* NULL: no such report */

/* Runs report pDef into d (allocated in arena a): 0 or an error. */
int report_build(Db *db, Arena *a, const ReportDef *pDef, const ReportQuery *q, RDoc *d);

/* A round a report covers. */
typedef struct ReportRound {
  int64_t id;
  const char *zCode, *zName, *zStart, *zEnd;
} ReportRound;

/* The rounds q covers: q->iRound alone, or all the agency's rounds in the
** order they started.  Returns their number (*pa in arena a), or a
** negative DB error. */
int report_rounds(Db *db, Arena *a, const ReportQuery *q, ReportRound **pa);

#endif
