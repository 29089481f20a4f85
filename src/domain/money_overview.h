/*
** money_overview.h — the figures of the programme's money from the
** database (issue 6, "Money"; docs/money.md): for every funding stream
** its allocation, and committed, spent, reimbursed and left, per stream,
** per cooperative and per quarter, with the warnings.  The definitions
** (exact, so that every page, API answer and document means one thing):
**
**   committed   the estimated cost of the interventions of agreed
**               projects, cancelled ones excluded; an intervention's
**               cooperative is its provider when that is a cooperative,
**               else the case's (EXPENSE_COOP_SQL); its quarter the
**               quarter the project was agreed (the participant's entry)
**   spent       the approved expenses (approved lines), in the quarter
**               they were spent
**   reimbursed  the approved expenses of reimbursed statements
**   left        per stream: allocation - max(committed, spent)
**
** A case manager (MoneyWho.iOrg > 0) gets the figures of their own
** cooperative only, and no stream warnings (they speak of everyone's
** money); late statements only their own.
*/
#ifndef ALI_MONEY_OVERVIEW_H
#define ALI_MONEY_OVERVIEW_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "expense.h"
#include "money.h"

typedef struct MoneyStream {
  int64_t id;
  const char *zCode, *zName;
  int64_t nAllocation;
} MoneyStream;

typedef struct MoneyOverview {
  MoneyStream *aStream;       /* the agency's streams, in creation order */
  int nStream;
  MoneyRow *aByStream;        /* one row per stream */
  int nByStream;
  MoneyRow *aByOrg;           /* per stream and cooperative */
  int nByOrg;
  MoneyRow *aByQuarter;       /* per stream and quarter */
  int nByQuarter;
  MoneyWarning *aWarn;        /* stream warnings first, then late ones */
  int nWarn;
  int64_t *aOrgId;            /* the organisations named in the rows */
  const char **azOrgName;
  int nOrg;
} MoneyOverview;

/*
** Reads the figures of the streams of w's agency (iStream > 0: that one
** only; DOMAIN_NOT_FOUND when it is not the agency's) on date zToday
** (for late statements) into *p, in arena a.  0 or a db.h code.
*/
int money_overview(Db *db, Arena *a, const MoneyWho *w, int64_t iStream, const char *zToday,
                   MoneyOverview *p);

/* Warning w of overview p in words, in language iLang, in arena a
** ("PON Inclusione: committed € 1.200,00 beyond its allocation"). */
const char *money_warning_words(Arena *a, int iLang, const MoneyOverview *p,
                                const MoneyWarning *w);

/* The name of organisation iOrg in p ("—" for 0 or unknown). */
const char *money_org_name(const MoneyOverview *p, int64_t iOrg);
/* The stream iStream of p, or NULL. */
const MoneyStream *money_stream(const MoneyOverview *p, int64_t iStream);

#endif
