/*
** demo_money.c — the expenses, quarterly statements and allocations of
** `ali demo` (see demo_money.h).  Three passes: the expenses of every
** intervention that ran (read first, written DM_BATCH interventions per
** transaction); the statements of every cooperative, stream and quarter
** with expenses, each with its story; the allocations.  Amounts of hours
** go through money_hours_amount(), the rule the schema checks.
*/
#include "demo_money.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/money.h"
#include "../lib/date.h"
#include "../lib/mem.h"
#include "demo_data.h"

#define DM_BATCH 2000 /* interventions per transaction */

/* ---- the interventions that ran ---- */

typedef struct DmIv {
  int64_t id, iOrg, iStream, nCost, nIndemnity;
  char zService[24], zKind[16], zStart[11], zEnd[11], zStatus[12];
  char zName[64];
} DmIv;

static void dm_copy(char *zOut, size_t n, const char *z) { snprintf(zOut, n, "%s", z ? z : ""); }

/* The interventions of agreed projects that started, with a cooperative,
** into *pa (malloc'ed; the caller frees). */
static int dm_interventions(Db *db, int64_t iAgency, DmIv **pa, int *pn) {
  int nAll = (int)db_int(db, 0, "SELECT count(*) FROM intervention WHERE agency_id=$1", "i", iAgency);
  *pa = xmalloc(sizeof **pa * (size_t)(nAll + 1));
  *pn = 0;
  DbStmt *q = db_query(db,
                       "SELECT i.id, o.id, i.funding_stream_id, coalesce(i.estimated_cost_cents,0),"
                       " coalesce(pl.monthly_indemnity_cents,0), s.code, s.kind, i.started_on,"
                       " coalesce(i.ended_on, i.planned_end, i.started_on), i.status, s.name_it"
                       " FROM intervention i JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id"
                       " LEFT JOIN organisation io ON io.id=i.organisation_id"
                       " JOIN organisation o ON o.id=(CASE WHEN io.kind='cooperative' THEN io.id"
                       "  ELSE c.organisation_id END) AND o.kind='cooperative'"
                       " JOIN service s ON s.id=i.service_id"
                       " LEFT JOIN placement pl ON pl.intervention_id=i.id"
                       " WHERE i.agency_id=$1 AND j.state='agreed' AND i.started_on IS NOT NULL"
                       " AND i.status IN ('active','suspended','completed','interrupted')"
                       " ORDER BY i.id",
                       "i", iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && *pn < nAll) {
    DmIv *p = &(*pa)[(*pn)++];
    p->id = db_col_int(q, 0);
    p->iOrg = db_col_int(q, 1);
    p->iStream = db_col_int(q, 2);
    p->nCost = db_col_int(q, 3);
    p->nIndemnity = db_col_int(q, 4);
    dm_copy(p->zService, sizeof p->zService, db_col_text(q, 5));
    dm_copy(p->zKind, sizeof p->zKind, db_col_text(q, 6));
    dm_copy(p->zStart, sizeof p->zStart, db_col_text(q, 7));
    dm_copy(p->zEnd, sizeof p->zEnd, db_col_text(q, 8));
    dm_copy(p->zStatus, sizeof p->zStatus, db_col_text(q, 9));
    dm_copy(p->zName, sizeof p->zName, db_col_text(q, 10));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* ---- expenses ---- */

typedef struct DmCtx {
  Db *db;
  const DemoStaff *pStaff;
  DemoRng rng;
  int64_t iManager;
} DmCtx;

static const char *const dm_azMonth[12] = {"gennaio", "febbraio", "marzo",    "aprile",
                                           "maggio",  "giugno",   "luglio",   "agosto",
                                           "settembre", "ottobre", "novembre", "dicembre"};

/* The case manager who records a cooperative's expenses (0: none). */
static int64_t dm_recorder(const DemoStaff *s, int64_t iOrg) {
  return iOrg == s->iCoopA ? s->iCmA : iOrg == s->iCoopB ? s->iCmB : 0;
}

/* One expense; iHoursX100 > 0 makes it hours at iRate. */
static int dm_insert(DmCtx *c, const DmIv *v, const char *zKind, const char *zDesc,
                     const char *zOn, int64_t iHoursX100, int64_t iRate, int64_t nAmount) {
  char zAt[21];
  snprintf(zAt, sizeof zAt, "%.10sT17:30:00Z", zOn);
  if (iHoursX100 > 0) nAmount = money_hours_amount(iHoursX100, iRate);
  if (nAmount <= 0) return 0;
  int64_t iBy = dm_recorder(c->pStaff, v->iOrg);
  return db_exec(c->db,
                 "INSERT INTO expense(agency_id, organisation_id, intervention_id, funding_stream_id,"
                 " kind, description, spent_on, hours_x100, hourly_rate_cents, amount_cents,"
                 " created_at, created_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,"
                 "NULLIF(CAST($8 AS BIGINT),0),NULLIF(CAST($9 AS BIGINT),0),$10,$11,"
                 "NULLIF(CAST($12 AS BIGINT),0),$11)",
                 "iiiitttiiiti", c->pStaff->iAgency, v->iOrg, v->id, v->iStream, zKind, zDesc, zOn,
                 iHoursX100 > 0 ? iHoursX100 : 0, iHoursX100 > 0 ? iRate : 0, nAmount, zAt, iBy);
}

/* The hourly rate, in cents, of the services paid by the hour (0: not). */
static int64_t dm_rate(const char *zService) {
  static const struct { const char *z; int64_t iRate; } a[] = {
      {"home_education", 2200}, {"home_care", 1950}, {"psych_support", 4500}, {"orientation", 2500}};
  for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
    if (strcmp(a[i].z, zService) == 0) return a[i].iRate;
  }
  return 0;
}

static const char *dm_hours_what(const char *zService) {
  if (strcmp(zService, "home_education") == 0) return "Educativa domiciliare";
  if (strcmp(zService, "home_care") == 0) return "Assistenza domiciliare di base";
  if (strcmp(zService, "psych_support") == 0) return "Sostegno psicologico";
  return "Orientamento ai servizi";
}

/* Hours in hundredths, in half hours, worth about nCents at iRate. */
static int64_t dm_hours_for(int64_t nCents, int64_t iRate) {
  int64_t h = (nCents * 2 / iRate) * 50;
  return h < 100 ? 100 : h;
}

/* The expenses of intervention v, month by month from its start to its
** end (a training course: its fee, once). */
static int dm_expenses_of(DmCtx *c, const DmIv *v) {
  char zDesc[160];
  if (strcmp(v->zKind, "training") == 0) {
    snprintf(zDesc, sizeof zDesc, "Quota di iscrizione: %s", v->zName);
    return dm_insert(c, v, "course_fee", zDesc, v->zStart, 0, 0, v->nCost > 0 ? v->nCost : 15000);
  }
  int y0, m0, y1, m1, d1;
  if (date_parse(v->zStart, &y0, &m0, 0) || date_parse(v->zEnd, &y1, &m1, &d1) ||
      strcmp(v->zEnd, v->zStart) < 0)
    return 0;
  int nMonth = (y1 - y0) * 12 + (m1 - m0) + 1;
  int iPercent = strcmp(v->zStatus, "interrupted") == 0 ? demo_rng_range(&c->rng, 60, 90)
                                                        : demo_rng_range(&c->rng, 82, 100);
  int64_t nMonthly = v->nCost * iPercent / 100 / nMonth;
  int64_t iRate = dm_rate(v->zService);
  int bIntern = strcmp(v->zService, "internship") == 0;
  int rc = 0;
  for (int k = 0; k < nMonth && !rc; k++) {
    int y = y0 + (m0 - 1 + k) / 12, m = (m0 - 1 + k) % 12 + 1;
    static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char zOn[11];
    date_format(y, m, m == 2 && date_is_leap(y) ? 29 : aDays[m - 1], zOn);
    if (strcmp(zOn, v->zEnd) > 0) memcpy(zOn, v->zEnd, 11);
    if (strcmp(zOn, v->zStart) < 0) continue;
    if (bIntern) {
      snprintf(zDesc, sizeof zDesc, "Indennità di tirocinio, %s %d", dm_azMonth[m - 1], y);
      rc = dm_insert(c, v, "indemnity", zDesc, zOn, 0, 0, v->nIndemnity > 0 ? v->nIndemnity : 45000);
      snprintf(zDesc, sizeof zDesc, "Tutoraggio del tirocinio, %s %d", dm_azMonth[m - 1], y);
      if (!rc) rc = dm_insert(c, v, "hours", zDesc, zOn, 100 * demo_rng_range(&c->rng, 2, 5), 2400, 0);
    } else if (iRate && nMonthly > 0) {
      snprintf(zDesc, sizeof zDesc, "%s, %s %d", dm_hours_what(v->zService), dm_azMonth[m - 1], y);
      rc = dm_insert(c, v, "hours", zDesc, zOn, dm_hours_for(nMonthly, iRate), iRate, 0);
    }
  }
  return rc;
}

static int dm_all_expenses(DmCtx *c, const DmIv *a, int n) {
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    if (i % DM_BATCH == 0 && (rc = db_begin(c->db)) != 0) break;
    rc = dm_expenses_of(c, &a[i]);
    if (!rc && ((i + 1) % DM_BATCH == 0 || i + 1 == n)) rc = db_commit(c->db);
  }
  if (rc) db_rollback(c->db);
  return rc;
}

/* ---- statements ---- */

typedef struct DmSt {
  int64_t iOrg, iStream;
  int iQ;
} DmSt;

/* The (cooperative, stream, quarter) of the expenses, by quarter. */
static int dm_triples(Db *db, int64_t iAgency, DmSt **pa, int *pn) {
  int nAll = (int)db_int(db, 0, "SELECT count(*) FROM (SELECT DISTINCT organisation_id,"
                                " funding_stream_id, substr(CAST(spent_on AS TEXT),1,7)"
                                " FROM expense WHERE agency_id=$1) x", "i", iAgency);
  *pa = xmalloc(sizeof **pa * (size_t)(nAll + 1));
  *pn = 0;
  DbStmt *q = db_query(db, "SELECT DISTINCT organisation_id, funding_stream_id,"
                           " substr(CAST(spent_on AS TEXT),1,7) FROM expense WHERE agency_id=$1"
                           " ORDER BY 3, 1, 2", "i", iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW && *pn < nAll) {
    DmSt s = {db_col_int(q, 0), db_col_int(q, 1), quarter_of_month(db_col_text(q, 2))};
    int bSeen = 0;
    for (int i = 0; i < *pn && !bSeen; i++) {
      bSeen = (*pa)[i].iOrg == s.iOrg && (*pa)[i].iStream == s.iStream && (*pa)[i].iQ == s.iQ;
    }
    if (!bSeen && s.iQ >= 0) (*pa)[(*pn)++] = s;
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* The timestamp iDays after the last day of quarter iQ, at 10:00 UTC. */
static void dm_after(int iQ, int iDays, char zOut[21]) {
  char zLast[11], zDay[11];
  int y, m, d;
  quarter_last_day(iQ, zLast);
  date_parse(zLast, &y, &m, &d);
  date_from_days(date_days(y, m, d) + iDays, zDay);
  snprintf(zOut, 21, "%sT10:00:00Z", zDay);
}

/* Decides every pending line of statement id approved, in submission
** nSub, at zAt. */
static int dm_approve_pending(DmCtx *c, int64_t id, int nSub, const char *zAt) {
  int rc = db_exec(c->db, "INSERT INTO statement_decision(statement_id, expense_id, submission,"
                          " decision, amount_cents, decided_by, decided_at) SELECT $1, id, $2,"
                          " 'approved', amount_cents, $3, $4 FROM expense"
                          " WHERE statement_id=$1 AND decision IS NULL ORDER BY id",
                   "iiit", id, (int64_t)nSub, c->iManager, zAt);
  if (!rc)
    rc = db_exec(c->db, "UPDATE expense SET decision='approved', decided_by=$2, decided_at=$3"
                        " WHERE statement_id=$1 AND decision IS NULL", "iit", id, c->iManager, zAt);
  return rc;
}

/* The first review of the story statement id (at zReview): its first
** line of more than 1.5 hours is rejected, the others approved; the
** line is corrected (an hour less) and the statement submitted again.
** *pnDays moves on to the second review. */
static int dm_reject_and_correct(DmCtx *c, int64_t id, int iQ, const char *zReview, int *pnDays) {
  DbStmt *q = db_query(c->db, "SELECT id, hours_x100, hourly_rate_cents, amount_cents FROM expense"
                              " WHERE statement_id=$1 AND kind='hours' AND hours_x100>150"
                              " ORDER BY id LIMIT 1", "i", id);
  int64_t iEx = 0, h = 0, iRate = 0, nOld = 0;
  if (db_step(q) == DB_ROW) {
    iEx = db_col_int(q, 0);
    h = db_col_int(q, 1);
    iRate = db_col_int(q, 2);
    nOld = db_col_int(q, 3);
  }
  db_done(q);
  if (!iEx) return dm_approve_pending(c, id, 1, zReview);
  static const char zWhy[] = "Le ore non corrispondono al registro delle presenze";
  int rc = db_exec(c->db, "INSERT INTO statement_decision(statement_id, expense_id, submission,"
                          " decision, reason, amount_cents, decided_by, decided_at)"
                          " VALUES ($1,$2,1,'rejected',$3,$4,$5,$6)",
                   "iitiit", id, iEx, zWhy, nOld, c->iManager, zReview);
  if (!rc)
    rc = db_exec(c->db, "UPDATE expense SET decision='rejected', decision_reason=$2, decided_by=$3,"
                        " decided_at=$4 WHERE id=$1", "itit", iEx, zWhy, c->iManager, zReview);
  if (!rc) rc = dm_approve_pending(c, id, 1, zReview);
  char zFix[21], zAgain[21];
  dm_after(iQ, *pnDays + 3, zFix);
  dm_after(iQ, *pnDays + 4, zAgain);
  h -= 100;
  if (!rc)
    rc = db_exec(c->db, "UPDATE expense SET hours_x100=$2, amount_cents=$3, updated_at=$4,"
                        " decision=NULL, decision_reason=NULL, decided_by=NULL, decided_at=NULL"
                        " WHERE id=$1", "iiit", iEx, h, money_hours_amount(h, iRate), zFix);
  if (!rc)
    rc = db_exec(c->db, "UPDATE statement SET submission=2, submitted_at=$2 WHERE id=$1", "it", id, zAgain);
  *pnDays += 6;
  return rc;
}

/* What happens to the statement of s: 0 draft, 1 submitted, 2 approved,
** 3 reimbursed, 4 reimbursed after a rejected line. */
static int dm_story(const DmCtx *c, const DmSt *s, int iLastQ, int64_t iStoryStream, int iStoryQ) {
  const DemoStaff *p = c->pStaff;
  if (s->iQ == iLastQ) return s->iOrg == p->iCoopA ? 1 : 0;
  if (s->iQ == iLastQ - 1 && s->iOrg == p->iCoopB) return 2;
  if (s->iOrg == p->iCoopB && s->iStream == iStoryStream && s->iQ == iStoryQ) return 4;
  return 3;
}

static int dm_statement(DmCtx *c, const DmSt *s, int eStory) {
  char zQ[8], zLast[11], zCreated[21], zSubmitted[21], zReview[21];
  quarter_format(s->iQ, zQ);
  quarter_last_day(s->iQ, zLast);
  int nDays = demo_rng_range(&c->rng, 8, 20);
  dm_after(s->iQ, eStory ? nDays - 2 : demo_rng_range(&c->rng, 1, 40), zCreated);
  dm_after(s->iQ, nDays, zSubmitted);
  int64_t iBy = dm_recorder(c->pStaff, s->iOrg);
  int64_t id = db_int(c->db, 0, "INSERT INTO statement(agency_id, organisation_id, funding_stream_id,"
                                " quarter, created_at, created_by) VALUES ($1,$2,$3,$4,$5,"
                                "NULLIF(CAST($6 AS BIGINT),0)) RETURNING id",
                      "iiitti", c->pStaff->iAgency, s->iOrg, s->iStream, zQ, zCreated, iBy);
  if (!id) return DB_ERROR;
  int rc = db_exec(c->db, "UPDATE expense SET statement_id=$1 WHERE organisation_id=$2"
                          " AND funding_stream_id=$3 AND statement_id IS NULL AND spent_on<=$4",
                   "iiit", id, s->iOrg, s->iStream, zLast);
  if (rc || eStory == 0) return rc;
  rc = db_exec(c->db, "UPDATE statement SET status='submitted', submission=1, submitted_at=$2,"
                      " submitted_by=NULLIF(CAST($3 AS BIGINT),0) WHERE id=$1", "iti", id, zSubmitted, iBy);
  if (rc || eStory == 1) return rc;
  nDays += demo_rng_range(&c->rng, 6, 15);
  dm_after(s->iQ, nDays, zReview);
  if (eStory == 4) rc = dm_reject_and_correct(c, id, s->iQ, zReview, &nDays);
  if (!rc && eStory == 4) dm_after(s->iQ, nDays, zReview);
  if (!rc) rc = dm_approve_pending(c, id, eStory == 4 ? 2 : 1, zReview);
  if (!rc)
    rc = db_exec(c->db, "UPDATE statement SET status='approved', reviewed_at=$2, reviewed_by=$3"
                        " WHERE id=$1", "iti", id, zReview, c->iManager);
  if (rc || eStory == 2) return rc;
  char zPaid[21];
  dm_after(s->iQ, nDays + demo_rng_range(&c->rng, 12, 30), zPaid);
  zPaid[10] = 0;
  return db_exec(c->db, "UPDATE statement SET status='reimbursed', paid_on=$2, reimbursed_at=$3,"
                        " reimbursed_by=$4, paid_cents=(SELECT sum(amount_cents) FROM expense"
                        " WHERE statement_id=$1) WHERE id=$1",
                 "itti", id, zPaid, zReview, c->iManager);
}

static int dm_all_statements(DmCtx *c) {
  DmSt *a;
  int n, rc = dm_triples(c->db, c->pStaff->iAgency, &a, &n);
  int iLastQ = -1;
  for (int i = 0; i < n; i++) iLastQ = a[i].iQ > iLastQ ? a[i].iQ : iLastQ;
  /* the story: Il Ponte's statement with a rejected line, in the middle */
  int64_t iStoryStream = 0;
  int iStoryQ = -1;
  for (int i = 0; i < n && !iStoryStream; i++) {
    if (a[i].iOrg == c->pStaff->iCoopB && a[i].iQ <= iLastQ - 3) {
      iStoryStream = a[i].iStream;
      iStoryQ = a[i].iQ;
    }
  }
  if (!rc) rc = db_begin(c->db);
  for (int i = 0; i < n && !rc; i++)
    rc = dm_statement(c, &a[i], dm_story(c, &a[i], iLastQ, iStoryStream, iStoryQ));
  if (!rc) rc = db_commit(c->db);
  if (rc) db_rollback(c->db);
  free(a);
  return rc;
}

/* ---- allocations ---- */

/* What the agreed interventions of a stream commit (cancelled excluded). */
#define DM_COMMITTED                                                                     \
  "(SELECT CAST(coalesce(sum(i.estimated_cost_cents),0) AS BIGINT) FROM intervention i"  \
  " JOIN project j ON j.id=i.project_id WHERE i.funding_stream_id=funding_stream.id"     \
  " AND j.state='agreed' AND i.status<>'cancelled')"

/* PON Inclusione at 96% of what it commits (in thousands of euros): it
** warns; the Poverty Fund at least 120% of it. */
static int dm_allocations(Db *db, int64_t iAgency) {
  int rc = db_begin(db);
  if (!rc)
    rc = db_exec(db, "UPDATE funding_stream SET allocation_cents=(96 * " DM_COMMITTED " / 10000000)"
                     " * 100000 WHERE agency_id=$1 AND code='pon_inclusione'", "i", iAgency);
  if (!rc)
    rc = db_exec(db, "UPDATE funding_stream SET allocation_cents=(13 * " DM_COMMITTED " / 1000000)"
                     " * 100000 WHERE agency_id=$1 AND code='fondo_poverta'"
                     " AND allocation_cents < 12 * " DM_COMMITTED " / 10", "i", iAgency);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

int demo_money(Db *db, const DemoStaff *pStaff, uint64_t iSeed) {
  DmCtx c = {db, pStaff, {{0}}, 0};
  demo_rng_seed(&c.rng, iSeed ^ 0x6d6f6e6579ULL); /* "money": a stream of its own */
  c.iManager = db_int(db, 0, "SELECT id FROM app_user WHERE agency_id=$1 AND username='manager'", "i",
                      pStaff->iAgency);
  DmIv *a = NULL;
  int n = 0;
  int rc = dm_interventions(db, pStaff->iAgency, &a, &n);
  if (!rc) rc = dm_all_expenses(&c, a, n);
  free(a);
  if (!rc) rc = dm_all_statements(&c);
  if (!rc) rc = dm_allocations(db, pStaff->iAgency);
  if (rc) {
    fprintf(stderr, "ali: demo money: %s\n", db_errmsg(db));
    return 1;
  }
  return 0;
}
