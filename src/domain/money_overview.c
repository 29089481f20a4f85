/*
** money_overview.c — the money figures from the database (see
** money_overview.h).  Two passes give the facts per stream, cooperative
** and quarter: the interventions' committed money, and the expenses
** (spent, reimbursed, and not yet submitted, for the late statements).
** The quarters and the pure money_breakdown()
** (money.c) sums them per stream, per cooperative and per quarter.
*/
#include "money_overview.h"

#include <string.h>

#include "../lib/i18n.h"
#include "../lib/money.h"
#include "domain.h"

/* ---- facts ---- */

typedef struct Facts {
  MoneyCell *a;
  int n, nAlloc;
  int iLast; /* the cell found last: rows in a row often share it */
} Facts;

static int mo_is(const MoneyCell *c, int64_t iStream, int64_t iOrg, int iQ) {
  return c->iStream == iStream && c->iOrg == iOrg && c->iQuarter == iQ;
}

/* The cell of (stream, org, quarter), added when missing. */
static MoneyCell *mo_cell(Arena *a, Facts *f, int64_t iStream, int64_t iOrg, int iQ) {
  if (f->iLast < f->n && mo_is(&f->a[f->iLast], iStream, iOrg, iQ)) return &f->a[f->iLast];
  for (int i = f->n - 1; i >= 0; i--) {
    if (mo_is(&f->a[i], iStream, iOrg, iQ)) {
      f->iLast = i;
      return &f->a[i];
    }
  }
  if (f->n == f->nAlloc) {
    f->nAlloc = f->nAlloc ? 2 * f->nAlloc : 64;
    MoneyCell *aNew = arena_alloc(a, sizeof *aNew * (size_t)f->nAlloc);
    if (f->n) memcpy(aNew, f->a, sizeof *aNew * (size_t)f->n);
    f->a = aNew;
  }
  f->iLast = f->n;
  MoneyCell *c = &f->a[f->n++];
  memset(c, 0, sizeof *c);
  c->iStream = iStream;
  c->iOrg = iOrg;
  c->iQuarter = iQ;
  return c;
}

/* The committed money: the estimated cost of the agreed interventions,
** by stream, cooperative (EXPENSE_COOP_SQL) and the quarter the project
** was agreed.  Streamed and added up here: grouping in SQL sorted every
** intervention (0.5 s at 100,000 participants). */
static int mo_committed(Db *db, Arena *a, const MoneyWho *w, Facts *f) {
  DbStmt *q = db_query(db,
                       DB_STREAM "SELECT i.funding_stream_id, coalesce(" EXPENSE_COOP_SQL ",0),"
                       " j.agreed_on, i.estimated_cost_cents"
                       " FROM intervention i JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id"
                       " LEFT JOIN organisation io ON io.id=i.organisation_id"
                       " WHERE i.agency_id=$1 AND j.state='agreed' AND i.status<>'cancelled'"
                       " AND i.estimated_cost_cents IS NOT NULL AND j.agreed_on IS NOT NULL"
                       " AND (CAST($2 AS BIGINT)=0 OR coalesce(" EXPENSE_COOP_SQL ",0)=$2)",
                       "ii", w->iAgency, w->iOrg);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int iQ = quarter_of_month(db_col_text(q, 2));
    if (iQ < 0) continue;
    mo_cell(a, f, db_col_int(q, 0), db_col_int(q, 1), iQ)->nCommitted += db_col_int(q, 3);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* The expenses in one pass: per stream, cooperative and month, the
** approved ones of submitted statements (spent), of reimbursed ones
** (reimbursed), and those in no statement or a draft (into pLate, for
** the late warnings).  The groups follow the order of index expense_org
** (migration 017), which holds every column read: no table row and no
** sort (0.25 s for 824,000 expenses, against 1.1 s). */
static int mo_expenses(Db *db, Arena *a, const MoneyWho *w, Facts *f, Facts *pLate) {
#define MO_EXPENSE_GROUPS(zWhere)                                                         \
  "SELECT g.funding_stream_id, g.organisation_id, g.spent_on, g.decision, st.id, st.status," \
  " g.amount FROM (SELECT organisation_id, funding_stream_id, spent_on, statement_id,"      \
  " decision, sum(amount_cents) AS amount FROM expense WHERE " zWhere                       \
  " GROUP BY organisation_id, funding_stream_id, spent_on, statement_id, decision) g"       \
  " LEFT JOIN statement st ON st.id=g.statement_id"
  DbStmt *q = w->iOrg ? db_query(db, MO_EXPENSE_GROUPS("agency_id=$1 AND organisation_id=$2"),
                                 "ii", w->iAgency, w->iOrg)
                      : db_query(db, MO_EXPENSE_GROUPS("agency_id=$1"), "i", w->iAgency);
#undef MO_EXPENSE_GROUPS
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int iQ = quarter_of_month(db_col_text(q, 2));
    if (iQ < 0) continue;
    int64_t iStream = db_col_int(q, 0), iOrg = db_col_int(q, 1), nCents = db_col_int(q, 6);
    const char *zDecision = db_col_text(q, 3), *zStatus = db_col_text(q, 5);
    int bInStatement = !db_col_null(q, 4);
    if (bInStatement && zDecision && strcmp(zDecision, "approved") == 0) {
      MoneyCell *c = mo_cell(a, f, iStream, iOrg, iQ);
      c->nSpent += nCents;
      if (zStatus && strcmp(zStatus, "reimbursed") == 0) c->nReimbursed += nCents;
    }
    if (!bInStatement || (zStatus && strcmp(zStatus, "draft") == 0))
      mo_cell(a, pLate, iStream, iOrg, iQ)->nSpent += nCents;
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* ---- streams and names ---- */

static int mo_streams(Db *db, Arena *a, const MoneyWho *w, int64_t iStream, MoneyOverview *p) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM funding_stream WHERE agency_id=$1", "i",
                      w->iAgency);
  p->aStream = arena_alloc(a, sizeof *p->aStream * (size_t)(n + 1));
  DbStmt *q = db_query(db, "SELECT id, code, name, allocation_cents FROM funding_stream"
                           " WHERE agency_id=$1 AND (CAST($2 AS BIGINT)=0 OR id=$2) ORDER BY id",
                       "ii", w->iAgency, iStream);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && p->nStream < n) {
    MoneyStream *s = &p->aStream[p->nStream++];
    s->id = db_col_int(q, 0);
    s->zCode = arena_strdup(a, db_col_text(q, 1));
    s->zName = arena_strdup(a, db_col_text(q, 2));
    s->nAllocation = db_col_int(q, 3);
  }
  db_done(q);
  if (rc < 0) return rc;
  return iStream && !p->nStream ? DOMAIN_NOT_FOUND : 0;
}

static int mo_org_names(Db *db, Arena *a, const MoneyWho *w, MoneyOverview *p) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM organisation WHERE agency_id=$1", "i",
                      w->iAgency);
  p->aOrgId = arena_alloc(a, sizeof *p->aOrgId * (size_t)(n + 1));
  p->azOrgName = arena_alloc(a, sizeof *p->azOrgName * (size_t)(n + 1));
  DbStmt *q = db_query(db, "SELECT id, name FROM organisation WHERE agency_id=$1 ORDER BY id", "i",
                       w->iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && p->nOrg < n) {
    p->aOrgId[p->nOrg] = db_col_int(q, 0);
    p->azOrgName[p->nOrg++] = arena_strdup(a, db_col_text(q, 1));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

const char *money_org_name(const MoneyOverview *p, int64_t iOrg) {
  for (int i = 0; i < p->nOrg; i++) {
    if (p->aOrgId[i] == iOrg) return p->azOrgName[i];
  }
  return "—";
}

const MoneyStream *money_stream(const MoneyOverview *p, int64_t iStream) {
  for (int i = 0; i < p->nStream; i++) {
    if (p->aStream[i].id == iStream) return &p->aStream[i];
  }
  return NULL;
}

/* ---- warnings ---- */

/* The late statements: per cooperative, stream and quarter, the amount
** of expenses in no statement or in a draft (pLate, as nSpent). */
static void mo_late(const Facts *pLate, const MoneyOverview *p, const char *zToday,
                    MoneyWarning *aW, int *pnW, int nMax) {
  for (int i = 0; i < pLate->n && *pnW < nMax; i++) {
    const MoneyCell *c = &pLate->a[i];
    if (!money_stream(p, c->iStream)) continue;
    if (money_late_warning(c->iOrg, c->iStream, c->iQuarter, c->nSpent, zToday, &aW[*pnW]))
      (*pnW)++;
  }
}

/* Late warnings in order: stream, cooperative, quarter. */
static void mo_sort_late(MoneyWarning *a, int n) {
  for (int i = 1; i < n; i++) {
    MoneyWarning x = a[i];
    int j = i - 1;
    while (j >= 0 && (a[j].iStream > x.iStream ||
                      (a[j].iStream == x.iStream &&
                       (a[j].iOrg > x.iOrg || (a[j].iOrg == x.iOrg && a[j].iQuarter > x.iQuarter))))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

int money_overview(Db *db, Arena *a, const MoneyWho *w, int64_t iStream, const char *zToday,
                   MoneyOverview *p) {
  memset(p, 0, sizeof *p);
  if (w->iOrg < 0) return 0;
  int rc = mo_streams(db, a, w, iStream, p);
  if (!rc) rc = mo_org_names(db, a, w, p);
  Facts f = {0}, fLate = {0};
  if (!rc) rc = mo_committed(db, a, w, &f);
  if (!rc) rc = mo_expenses(db, a, w, &f, &fLate);
  if (rc) return rc;
  int64_t *aId = arena_alloc(a, sizeof *aId * (size_t)(p->nStream + 1));
  int64_t *aAlloc = arena_alloc(a, sizeof *aAlloc * (size_t)(p->nStream + 1));
  for (int i = 0; i < p->nStream; i++) {
    aId[i] = p->aStream[i].id;
    aAlloc[i] = p->aStream[i].nAllocation;
  }
  money_breakdown(a, f.a, f.n, aId, aAlloc, p->nStream, MB_STREAM, &p->aByStream, &p->nByStream);
  money_breakdown(a, f.a, f.n, aId, aAlloc, p->nStream, MB_STREAM_ORG, &p->aByOrg, &p->nByOrg);
  money_breakdown(a, f.a, f.n, aId, aAlloc, p->nStream, MB_STREAM_QUARTER, &p->aByQuarter,
                  &p->nByQuarter);
  int nMax = p->nStream + 1000;
  p->aWarn = arena_alloc(a, sizeof *p->aWarn * (size_t)nMax);
  for (int i = 0; w->iOrg == 0 && i < p->nByStream; i++) {
    if (money_stream_warning(&p->aByStream[i], &p->aWarn[p->nWarn])) p->nWarn++;
  }
  int nFirst = p->nWarn;
  mo_late(&fLate, p, zToday, p->aWarn, &p->nWarn, nMax);
  mo_sort_late(p->aWarn + nFirst, p->nWarn - nFirst);
  return 0;
}

/* An amount in euros as language iLang writes it, in arena a. */
static const char *mo_euros(Arena *a, int iLang, int64_t iCents) {
  char *z = arena_alloc(a, 40);
  money_format(iCents, iLang == LANG_IT, z, 40);
  return z;
}

const char *money_warning_words(Arena *a, int iLang, const MoneyOverview *p,
                                const MoneyWarning *w) {
  const MoneyStream *s = money_stream(p, w->iStream);
  const char *zStream = s ? s->zName : "?";
  if (w->e == MW_OVERCOMMITTED)
    return arena_printf(a, tr(iLang, "%s: committed %s beyond its allocation"), zStream,
                        mo_euros(a, iLang, w->nAmount));
  if (w->e == MW_NEARLY_SPENT)
    return arena_printf(a, tr(iLang, "%s: about to run out, %s left to commit"), zStream,
                        mo_euros(a, iLang, w->nAmount));
  char zQ[8];
  quarter_format(w->iQuarter, zQ);
  return arena_printf(a,
                      trn(iLang,
                          "%s is late with its statement for %s on %s: %s not submitted, %d day "
                          "after it was due",
                          "%s is late with its statement for %s on %s: %s not submitted, %d days "
                          "after it was due",
                          w->nDaysLate),
                      money_org_name(p, w->iOrg), zQ, zStream, mo_euros(a, iLang, w->nAmount),
                      w->nDaysLate);
}
