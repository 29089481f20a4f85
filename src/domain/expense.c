/*
** expense.c — a cooperative's expenses per intervention (see
** expense.h): validation, the intervention's cooperative and stream,
** reading within the caller's reach, and changes that follow the
** statement's state machine (money.h).
*/
#include "expense.h"

#include <inttypes.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/money.h"
#include "domain.h"
#include "money.h"
#include "policy.h"

void money_who(const User *u, int iLang, MoneyWho *pW) {
  memset(pW, 0, sizeof *pW);
  pW->iAgency = u->iAgency;
  pW->iUser = u->id;
  pW->iLang = iLang;
  if (u->mRoles & ROLE_MANAGER) {
    pW->bManager = 1;
  } else if ((u->mRoles & ROLE_CASE_MANAGER) && u->iOrganisation > 0) {
    pW->iOrg = u->iOrganisation;
  } else {
    pW->iOrg = -1;
  }
}

/* ---- validation ---- */

static void ex_check_amount(const Expense *p, ExpenseKind e, Errors *pErr) {
  if (e == EK_HOURS) {
    if (p->iHoursX100 <= 0 || p->iHoursX100 > MONEY_HOURS_MAX_X100)
      errors_add(pErr, "hours", N_("a number of hours above 0 and up to 10000, at most two decimals"));
    if (p->iRateCents <= 0 || p->iRateCents > MONEY_MAX_CENTS)
      errors_add(pErr, "hourly_rate_cents", N_("required: the hourly rate"));
    else if (p->iHoursX100 > 0 && money_hours_amount(p->iHoursX100, p->iRateCents) < 0)
      errors_add(pErr, "hourly_rate_cents", N_("the amount would be too large"));
    if (p->iAmountCents) errors_add(pErr, "amount_cents", N_("computed from hours and rate: leave it out"));
    return;
  }
  if (p->iHoursX100) errors_add(pErr, "hours", N_("only for hours worked"));
  if (p->iRateCents) errors_add(pErr, "hourly_rate_cents", N_("only for hours worked"));
  if (p->iAmountCents < 0 || p->iAmountCents > MONEY_MAX_CENTS ||
      (p->iAmountCents == 0 && e != EK_INDEMNITY))
    errors_add(pErr, "amount_cents", N_("required: an amount above zero"));
}

void expense_validate(const Expense *p, const char *zToday, Errors *pErr) {
  int e = expense_kind_find(p->zKind);
  if (e < 0) errors_add(pErr, "kind", N_("choose hours, course fee, indemnity or other"));
  domain_check_text(pErr, "description", p->zDescription, 200, 1);
  if (domain_blank(p->zSpentOn))
    errors_add(pErr, "spent_on", N_("required"));
  else if (!date_valid(p->zSpentOn))
    errors_add(pErr, "spent_on", N_("not a valid date (YYYY-MM-DD)"));
  else if (zToday && strcmp(p->zSpentOn, zToday) > 0)
    errors_add(pErr, "spent_on", N_("cannot be in the future"));
  if (p->iIntervention <= 0) errors_add(pErr, "intervention_id", N_("required"));
  if (e >= 0) ex_check_amount(p, (ExpenseKind)e, pErr);
}

/* ---- reading ---- */

#define EX_SELECT                                                                              \
  "SELECT e.id, e.intervention_id, e.kind, e.description, e.spent_on, e.hours_x100,"           \
  " e.hourly_rate_cents, e.amount_cents, e.organisation_id, o.name, e.funding_stream_id,"      \
  " f.code, f.name, c.id, i.person_id, p.person_ref,"                                          \
  " CASE WHEN CAST($3 AS BIGINT)=1 OR c.case_manager_id=$4"                                    \
  "  THEN p.last_name || ' ' || p.first_name END,"                                             \
  " s.code, s.name_it, s.name_en, s.kind, e.receipt_file, e.receipt_type, e.receipt_sha256,"   \
  " e.receipt_name, e.receipt_size, e.statement_id, st.quarter, st.status, e.decision,"        \
  " e.decision_reason, e.decided_at, e.created_at, e.updated_at"                               \
  " FROM expense e JOIN organisation o ON o.id=e.organisation_id"                              \
  " JOIN funding_stream f ON f.id=e.funding_stream_id"                                         \
  " JOIN intervention i ON i.id=e.intervention_id JOIN project j ON j.id=i.project_id"         \
  " JOIN case_file c ON c.id=j.case_id JOIN person p ON p.id=i.person_id"                      \
  " JOIN service s ON s.id=i.service_id LEFT JOIN statement st ON st.id=e.statement_id"        \
  " WHERE e.agency_id=$1 AND (CAST($2 AS BIGINT)=0 OR e.organisation_id=$2)"

static const char *ex_col(DbStmt *q, Arena *a, int i) { return arena_strdup(a, db_col_text(q, i)); }

static void ex_from_row(DbStmt *q, Arena *a, int iLang, Expense *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iIntervention = db_col_int(q, 1);
  p->zKind = ex_col(q, a, 2);
  p->zDescription = ex_col(q, a, 3);
  p->zSpentOn = ex_col(q, a, 4);
  p->iHoursX100 = db_col_int(q, 5);
  p->iRateCents = db_col_int(q, 6);
  p->iAmountCents = db_col_int(q, 7);
  p->iOrganisation = db_col_int(q, 8);
  p->zOrganisation = ex_col(q, a, 9);
  p->iStream = db_col_int(q, 10);
  p->zStreamCode = ex_col(q, a, 11);
  p->zStreamName = ex_col(q, a, 12);
  p->iCase = db_col_int(q, 13);
  p->iPerson = db_col_int(q, 14);
  p->zPersonRef = ex_col(q, a, 15);
  p->zPersonName = ex_col(q, a, 16);
  p->zServiceCode = ex_col(q, a, 17);
  p->zServiceName = ex_col(q, a, iLang == LANG_EN ? 19 : 18);
  p->zServiceKind = ex_col(q, a, 20);
  p->zReceiptFile = ex_col(q, a, 21);
  p->zReceiptType = ex_col(q, a, 22);
  p->zReceiptSha256 = ex_col(q, a, 23);
  p->zReceiptName = ex_col(q, a, 24);
  p->nReceiptSize = db_col_int(q, 25);
  p->iStatement = db_col_int(q, 26);
  p->zStatementQuarter = ex_col(q, a, 27);
  p->zStatementStatus = ex_col(q, a, 28);
  p->zDecision = ex_col(q, a, 29);
  p->zDecisionReason = ex_col(q, a, 30);
  p->zDecidedAt = ex_col(q, a, 31);
  p->zCreatedAt = ex_col(q, a, 32);
  p->zUpdatedAt = ex_col(q, a, 33);
}

/* Binds the four parameters every EX_SELECT takes. */
static void ex_bind_who(DbStmt *q, const MoneyWho *w) {
  db_bind_int(q, 1, w->iAgency);
  db_bind_int(q, 2, w->iOrg);
  db_bind_int(q, 3, w->bManager ? 1 : 0);
  db_bind_int(q, 4, w->iUser);
}

int expense_get(Db *db, Arena *a, const MoneyWho *w, int64_t id, Expense *p) {
  if (w->iOrg < 0) return DOMAIN_NOT_FOUND;
  DbStmt *q = db_prepare(db, EX_SELECT " AND e.id=$5");
  ex_bind_who(q, w);
  db_bind_int(q, 5, id);
  int rc = db_step(q);
  if (rc == DB_ROW) ex_from_row(q, a, w->iLang, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int expense_list(Db *db, Arena *a, const MoneyWho *w, const ExpenseFilter *pF, Expense **pa,
                 int *pn) {
  *pa = NULL;
  *pn = 0;
  if (w->iOrg < 0) return 0;
  char zFrom[11] = "1800-01-01", zTo[11] = "2200-12-31";
  if (pF->iQuarter >= 0) {
    quarter_first_day(pF->iQuarter, zFrom);
    quarter_last_day(pF->iQuarter, zTo);
  }
  DbStmt *q = db_prepare(db, EX_SELECT
                         " AND (CAST($5 AS BIGINT)=0 OR e.organisation_id=$5)"
                         " AND (CAST($6 AS BIGINT)=0 OR e.funding_stream_id=$6)"
                         " AND (CAST($7 AS BIGINT)=0 OR e.intervention_id=$7)"
                         " AND (CAST($8 AS BIGINT)=0 OR e.statement_id=$8)"
                         " AND (CAST($9 AS BIGINT)=0 OR e.statement_id IS NULL)"
                         " AND e.spent_on>=$10 AND e.spent_on<=$11"
                         " ORDER BY e.intervention_id, e.spent_on, e.id LIMIT 5000");
  ex_bind_who(q, w);
  db_bind_int(q, 5, pF->iOrg);
  db_bind_int(q, 6, pF->iStream);
  db_bind_int(q, 7, pF->iIntervention);
  db_bind_int(q, 8, pF->iStatement);
  db_bind_int(q, 9, pF->bFree ? 1 : 0);
  db_bind_text(q, 10, zFrom);
  db_bind_text(q, 11, zTo);
  int nAlloc = 0, rc;
  Expense *aEx = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 32;
      Expense *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (*pn) memcpy(aNew, aEx, sizeof *aNew * (size_t)*pn);
      aEx = aNew;
    }
    ex_from_row(q, a, w->iLang, &aEx[(*pn)++]);
  }
  db_done(q);
  *pa = aEx;
  return rc < 0 ? rc : 0;
}

/* ---- the intervention's context ---- */

typedef struct ExCtx {
  int64_t iOrg, iStream, nIndemnity;
  const char *zAgreedOn, *zServiceKind;
} ExCtx;

/* The cooperative, stream, agreement date, service kind and monthly
** indemnity of intervention iIv, when w may record expenses on it: 0,
** DOMAIN_NOT_FOUND or a db.h code. */
static int ex_context(Db *db, Arena *a, const MoneyWho *w, int64_t iIv, ExCtx *pC) {
  DbStmt *q = db_prepare(db, "SELECT " EXPENSE_COOP_SQL ", i.funding_stream_id, j.agreed_on,"
                             " s.kind, pl.monthly_indemnity_cents"
                             " FROM intervention i JOIN project j ON j.id=i.project_id"
                             " JOIN case_file c ON c.id=j.case_id"
                             " LEFT JOIN organisation io ON io.id=i.organisation_id"
                             " JOIN service s ON s.id=i.service_id"
                             " LEFT JOIN placement pl ON pl.intervention_id=i.id"
                             " WHERE i.id=$1 AND i.agency_id=$2 AND j.state='agreed'");
  db_bind_int(q, 1, iIv);
  db_bind_int(q, 2, w->iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    pC->iOrg = db_col_int(q, 0);
    pC->iStream = db_col_int(q, 1);
    pC->zAgreedOn = ex_col(q, a, 2);
    pC->zServiceKind = ex_col(q, a, 3);
    pC->nIndemnity = db_col_int(q, 4);
  }
  db_done(q);
  if (rc < 0) return rc;
  if (rc != DB_ROW || !pC->iOrg || !pC->iStream || w->iOrg < 0 || (w->iOrg && w->iOrg != pC->iOrg))
    return DOMAIN_NOT_FOUND;
  if (!db_int(db, 0, "SELECT count(*) FROM organisation WHERE id=$1 AND kind='cooperative'", "i",
              pC->iOrg))
    return DOMAIN_NOT_FOUND;
  return 0;
}

/* The checks against the intervention: into pErr; 0 or a db.h code. */
static int ex_check_context(Db *db, Arena *a, const MoneyWho *w, Expense *p, ExCtx *pC,
                            Errors *pErr) {
  int rc = ex_context(db, a, w, p->iIntervention, pC);
  if (rc == DOMAIN_NOT_FOUND) {
    errors_add(pErr, "intervention_id", N_("unknown intervention"));
    return 0;
  }
  if (rc) return rc;
  const char *zProblem = expense_kind_problem((ExpenseKind)expense_kind_find(p->zKind),
                                              pC->zServiceKind);
  if (zProblem) errors_add(pErr, "kind", zProblem);
  if (pC->zAgreedOn && strcmp(p->zSpentOn, pC->zAgreedOn) < 0)
    errors_add(pErr, "spent_on", N_("is before the project was agreed"));
  if (expense_kind_find(p->zKind) == EK_INDEMNITY && p->iAmountCents == 0) {
    if (pC->nIndemnity > 0)
      p->iAmountCents = pC->nIndemnity;
    else
      errors_add(pErr, "amount_cents", N_("required: the placement has no monthly indemnity"));
  }
  return 0;
}

/* ---- changes ---- */

/* NULL when expense p (as read) may change by eA, else why not. */
static const char *ex_line_problem(const Expense *p, StAction eA) {
  if (!p->iStatement) return 0;
  int eS = statement_status_find(p->zStatementStatus);
  int eL = line_state_find(p->zDecision);
  if (eS < 0 || eL < 0) return N_("the statement cannot change now");
  return statement_line_problem((StStatus)eS, (LineState)eL, eA);
}

/* A conflict: zMsg on zField; returns DOMAIN_CONFLICT. */
static int ex_conflict(Errors *pErr, const char *zField, const char *zMsg) {
  errors_add(pErr, zField, zMsg);
  return DOMAIN_CONFLICT;
}

/* What a change to a line does to its decision: a rejected line becomes
** pending (its history stays in statement_decision). */
#define EX_REOPEN_SQL                                                                         \
  " decision=CASE WHEN decision='rejected' THEN NULL ELSE decision END,"                      \
  " decision_reason=CASE WHEN decision='rejected' THEN NULL ELSE decision_reason END,"        \
  " decided_by=CASE WHEN decision='rejected' THEN NULL ELSE decided_by END,"                  \
  " decided_at=CASE WHEN decision='rejected' THEN NULL ELSE decided_at END"

/* Binds $2..$11, the columns insert and update share: kind, the trimmed
** description zDesc, spent_on, hours and rate (NULL but for hours),
** amount, intervention, cooperative and stream (c), and zNow. */
static void ex_bind_fields(DbStmt *q, const Expense *p, const ExCtx *c, const char *zDesc,
                           const char *zNow) {
  int bHours = expense_kind_find(p->zKind) == EK_HOURS;
  db_bind_text(q, 2, p->zKind);
  db_bind_text(q, 3, zDesc);
  db_bind_text(q, 4, p->zSpentOn);
  if (bHours) {
    db_bind_int(q, 5, p->iHoursX100);
    db_bind_int(q, 6, p->iRateCents);
  } else {
    db_bind_null(q, 5);
    db_bind_null(q, 6);
  }
  db_bind_int(q, 7, p->iAmountCents);
  db_bind_int(q, 8, p->iIntervention);
  db_bind_int(q, 9, c->iOrg);
  db_bind_int(q, 10, c->iStream);
  db_bind_text(q, 11, zNow);
}

static int ex_insert(Db *db, const MoneyWho *w, const ExCtx *c, Expense *p, const char *zDesc,
                     const char *zNow) {
  DbStmt *q = db_prepare(db, "INSERT INTO expense(agency_id, kind, description, spent_on,"
                             " hours_x100, hourly_rate_cents, amount_cents, intervention_id,"
                             " organisation_id, funding_stream_id, created_at, created_by,"
                             " updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$11)"
                             " RETURNING id");
  db_bind_int(q, 1, w->iAgency);
  ex_bind_fields(q, p, c, zDesc, zNow);
  db_bind_int(q, 12, w->iUser);
  int rc = db_step(q);
  if (rc == DB_ROW) p->id = db_col_int(q, 0);
  db_done(q);
  return rc < 0 ? rc : 0;
}

static int ex_update(Db *db, const MoneyWho *w, const ExCtx *c, const Expense *p,
                     const char *zDesc, const char *zNow) {
  DbStmt *q = db_prepare(db, "UPDATE expense SET kind=$2, description=$3, spent_on=$4,"
                             " hours_x100=$5, hourly_rate_cents=$6, amount_cents=$7,"
                             " intervention_id=$8, organisation_id=$9, funding_stream_id=$10,"
                             " updated_at=$11," EX_REOPEN_SQL " WHERE id=$1 AND agency_id=$12");
  db_bind_int(q, 1, p->id);
  ex_bind_fields(q, p, c, zDesc, zNow);
  db_bind_int(q, 12, w->iAgency);
  int rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

int expense_save(Db *db, const MoneyWho *w, const char *zToday, Expense *p, Errors *pErr) {
  Arena a = ARENA_INIT;
  Expense old;
  int rc = 0;
  if (p->id) {
    rc = expense_get(db, &a, w, p->id, &old);
    if (!rc && ex_line_problem(&old, SA_EDIT)) rc = ex_conflict(pErr, "statement", ex_line_problem(&old, SA_EDIT));
    if (!rc && old.iStatement && old.iIntervention != p->iIntervention)
      rc = ex_conflict(pErr, "intervention_id", N_("the intervention of a statement's line cannot change"));
  }
  ExCtx c = {0};
  if (!rc) expense_validate(p, zToday, pErr);
  if (!rc && !pErr->n) rc = ex_check_context(db, &a, w, p, &c, pErr);
  if (!rc && pErr->n) rc = DOMAIN_INVALID;
  if (!rc && expense_kind_find(p->zKind) == EK_HOURS)
    p->iAmountCents = money_hours_amount(p->iHoursX100, p->iRateCents);
  if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    size_t n;
    const char *z = domain_trim(p->zDescription, &n);
    const char *zDesc = arena_strndup(&a, z, n);
    rc = p->id ? ex_update(db, w, &c, p, zDesc, zNow) : ex_insert(db, w, &c, p, zDesc, zNow);
  }
  arena_free(&a);
  return rc;
}

int expense_delete(Db *db, const MoneyWho *w, int64_t id, Errors *pErr) {
  Arena a = ARENA_INIT;
  Expense old;
  int rc = expense_get(db, &a, w, id, &old);
  if (!rc && old.iStatement && statement_status_find(old.zStatementStatus) != ST_DRAFT)
    rc = ex_conflict(pErr, "statement", N_("the expense is a line of a submitted statement"));
  if (!rc) rc = db_exec(db, "DELETE FROM expense WHERE id=$1 AND agency_id=$2", "ii", id, w->iAgency);
  arena_free(&a);
  return rc;
}

int expense_set_receipt(Db *db, const MoneyWho *w, int64_t id, const char *zFile,
                        const char *zType, int64_t nSize, const char *zName, Errors *pErr) {
  Arena a = ARENA_INIT;
  Expense old;
  int rc = expense_get(db, &a, w, id, &old);
  if (!rc && ex_line_problem(&old, SA_EDIT)) rc = ex_conflict(pErr, "statement", ex_line_problem(&old, SA_EDIT));
  arena_free(&a);
  if (rc) return rc;
  char zNow[21];
  timestamp_now(zNow);
  return db_exec(db,
                 "UPDATE expense SET receipt_file=$2, receipt_type=$3, receipt_size=$4,"
                 " receipt_sha256=$2, receipt_name=$5, updated_at=$6," EX_REOPEN_SQL
                 " WHERE id=$1 AND agency_id=$7",
                 "ittitti", id, zFile, zType, nSize, zName, zNow, w->iAgency);
}

int expense_interventions(Db *db, Arena *a, const MoneyWho *w, int64_t iOrg, int iLang,
                          int64_t **paId, const char ***pazLabel, int *pn) {
  *paId = NULL;
  *pazLabel = NULL;
  *pn = 0;
  if (w->iOrg < 0) return 0;
  DbStmt *q = db_prepare(db, "SELECT i.id, s.name_it, s.name_en, p.person_ref,"
                             " CASE WHEN CAST($3 AS BIGINT)=1 OR c.case_manager_id=$4"
                             "  THEN p.last_name || ' ' || p.first_name END, o.name"
                             " FROM intervention i JOIN project j ON j.id=i.project_id"
                             " JOIN case_file c ON c.id=j.case_id"
                             " LEFT JOIN organisation io ON io.id=i.organisation_id"
                             " JOIN organisation o ON o.id=" EXPENSE_COOP_SQL
                             " AND o.kind='cooperative'"
                             " JOIN service s ON s.id=i.service_id JOIN person p ON p.id=i.person_id"
                             " WHERE i.agency_id=$1 AND j.state='agreed'"
                             " AND (CAST($2 AS BIGINT)=0 OR o.id=$2)"
                             " AND (CAST($5 AS BIGINT)=0 OR o.id=$5)"
                             " ORDER BY p.person_ref, i.id LIMIT 5000");
  db_bind_int(q, 1, w->iAgency);
  db_bind_int(q, 2, w->iOrg);
  db_bind_int(q, 3, w->bManager ? 1 : 0);
  db_bind_int(q, 4, w->iUser);
  db_bind_int(q, 5, iOrg);
  int rc, nAlloc = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 32;
      int64_t *aId = arena_alloc(a, sizeof *aId * (size_t)nAlloc);
      const char **az = arena_alloc(a, sizeof *az * (size_t)nAlloc);
      if (*pn) {
        memcpy(aId, *paId, sizeof *aId * (size_t)*pn);
        memcpy(az, *pazLabel, sizeof *az * (size_t)*pn);
      }
      *paId = aId;
      *pazLabel = az;
    }
    const char *zName = db_col_text(q, 4);
    (*paId)[*pn] = db_col_int(q, 0);
    (*pazLabel)[*pn] = arena_printf(a, "%s — %s%s%s (%s)", db_col_text(q, iLang == LANG_EN ? 2 : 1),
                                    db_col_text(q, 3), zName ? ", " : "", zName ? zName : "",
                                    db_col_text(q, 5));
    (*pn)++;
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}
