/*
** expense.h — a cooperative's expenses per intervention (issue 6,
** "Money"; docs/money.md): hours times an hourly rate, a course fee, an
** internship indemnity, or anything else, each with a description, the
** date it was spent (which decides its quarter) and an optional receipt
** (receipt.h keeps the file; the expense keeps its metadata).
**
** Whose expenses.  An expense belongs to the cooperative of its
** intervention: the intervention's provider, or else the cooperative
** following the case.  Its funding stream is the intervention's.  A
** caller sees and writes through a MoneyWho: a manager the whole
** agency's, a case manager only their own cooperative's (another's is
** DOMAIN_NOT_FOUND, exactly like a missing one), anyone else nothing.
**
** Lines.  An expense in a statement is one of its lines; whether it may
** still change follows the statement's state machine (money.h,
** statement_line_problem): a rejected line that is changed is pending
** again, ready for the next submission.
**
** Status codes as in domain.h: 0, DOMAIN_NOT_FOUND, DOMAIN_INVALID
** (Errors filled, nothing written), DOMAIN_CONFLICT (Errors say why) or a
** db.h code.  No function opens a transaction.  Strings returned live in
** the caller's arena.
*/
#ifndef ALI_EXPENSE_H
#define ALI_EXPENSE_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "user.h"

/* Who is asking, for money: the agency, the cooperative the caller is
** limited to, and who they are. */
typedef struct MoneyWho {
  int64_t iAgency;
  int64_t iOrg;  /* 0: the whole agency (a manager); > 0: only this
                 ** cooperative's; -1: nothing (no cooperative) */
  int64_t iUser; /* acts (audit columns); names of their own cases show */
  int bManager;  /* names of every participant show */
  int iLang;     /* LANG_IT or LANG_EN: the language of service names */
} MoneyWho;

/* The cooperative of an intervention in SQL: its provider when that is a
** cooperative, else the cooperative following the case.  Needs the
** aliases io (the provider: LEFT JOIN organisation io ON
** io.id=i.organisation_id) and c (the case_file). */
#define EXPENSE_COOP_SQL "(CASE WHEN io.kind='cooperative' THEN io.id ELSE c.organisation_id END)"

/* The MoneyWho of user u asking in language iLang: a manager sees the
** agency, a case manager their cooperative, anyone else nothing. */
void money_who(const User *u, int iLang, MoneyWho *pW);

typedef struct Expense {
  int64_t id;
  int64_t iIntervention;    /* written */
  const char *zKind;        /* written: hours|course_fee|indemnity|other */
  const char *zDescription; /* written: 1..200 characters */
  const char *zSpentOn;     /* written: "YYYY-MM-DD", not in the future */
  int64_t iHoursX100;       /* written, hours only: hundredths of an hour */
  int64_t iRateCents;       /* written, hours only: the hourly rate */
  int64_t iAmountCents;     /* written for the other kinds (0 for an
                            ** indemnity: the placement's monthly one);
                            ** for hours computed, money_hours_amount() */
  /* read */
  int64_t iOrganisation;
  const char *zOrganisation;
  int64_t iStream;
  const char *zStreamCode, *zStreamName;
  int64_t iCase, iPerson;
  const char *zPersonRef;
  const char *zPersonName;  /* NULL unless the caller follows the case or
                            ** is a manager */
  const char *zServiceCode, *zServiceName, *zServiceKind;
  const char *zReceiptFile, *zReceiptType, *zReceiptSha256, *zReceiptName;
  int64_t nReceiptSize;     /* 0: no receipt */
  int64_t iStatement;       /* 0: in no statement */
  const char *zStatementQuarter, *zStatementStatus;
  const char *zDecision;    /* NULL pending, "approved", "rejected" */
  const char *zDecisionReason, *zDecidedAt;
  const char *zCreatedAt, *zUpdatedAt;
} Expense;

/*
** The checks that need no database, one error per wrong field: kind,
** description, spent_on (a date not after zToday), and by kind: hours
** and hourly_rate_cents (both required for hours, absent otherwise;
** the product within MONEY_MAX_CENTS), amount_cents (required and
** positive for course_fee and other, absent for hours, optional for an
** indemnity), intervention_id.
*/
void expense_validate(const Expense *p, const char *zToday, Errors *pErr);

/*
** Records a new expense (p->id 0) or changes one, as w.  Validates,
** then checks the intervention: in the agency, its project agreed,
** within w's cooperative (else "unknown intervention" on
** intervention_id, so that others' ids are not confirmed), the kind fits
** its service (expense_kind_problem), spent_on not before the project
** was agreed.  An indemnity without an amount takes the placement's
** monthly indemnity.  A change to an expense that is a line must be
** allowed by its statement (else DOMAIN_CONFLICT); a rejected line
** becomes pending; the intervention of a line does not change.  Sets
** p->id and p->iAmountCents.
*/
int expense_save(Db *db, const MoneyWho *w, const char *zToday, Expense *p, Errors *pErr);

/* Reads expense id within w's reach into *p.  0, DOMAIN_NOT_FOUND or a
** db.h code. */
int expense_get(Db *db, Arena *a, const MoneyWho *w, int64_t id, Expense *p);

/* Filters of expense_list(); 0 / -1 / NULL filter nothing. */
typedef struct ExpenseFilter {
  int64_t iOrg;          /* the cooperative */
  int64_t iStream;
  int64_t iIntervention;
  int64_t iStatement;
  int iQuarter;          /* spent in this quarter; -1: any */
  int bFree;             /* only those in no statement */
} ExpenseFilter;

/* At most this many expenses come back from one expense_list(). */
#define EXPENSE_LIST_MAX 5000

/* The expenses within w's reach matching pF (iQuarter -1 for any), by
** intervention, date spent and id, into a new arena array (*pa NULL
** when none); at most EXPENSE_LIST_MAX.  0 or a db.h code. */
int expense_list(Db *db, Arena *a, const MoneyWho *w, const ExpenseFilter *pF, Expense **pa,
                 int *pn);

/* Deletes expense id: only one in no statement or in a draft.  0,
** DOMAIN_NOT_FOUND, DOMAIN_CONFLICT or a db.h code.  The receipt file
** stays (files are named by their content and may be shared). */
int expense_delete(Db *db, const MoneyWho *w, int64_t id, Errors *pErr);

/*
** Records the receipt of expense id: the stored file zFile (its sha256,
** receipt.h), media type, size and the name it was sent with (NULL
** allowed).  Allowed when the expense may be changed (as expense_save);
** a rejected line becomes pending.  0, DOMAIN_NOT_FOUND,
** DOMAIN_CONFLICT or a db.h code.
*/
int expense_set_receipt(Db *db, const MoneyWho *w, int64_t id, const char *zFile,
                        const char *zType, int64_t nSize, const char *zName, Errors *pErr);

/*
** The interventions w may record expenses for (agreed projects, within
** w's cooperative; iOrg > 0 narrows to that cooperative), for the add
** form: ids and labels "Service — participant (ref)" into new arena
** arrays.  0 or a db.h code.
*/
int expense_interventions(Db *db, Arena *a, const MoneyWho *w, int64_t iOrg, int iLang,
                          int64_t **paId, const char ***pazLabel, int *pn);

#endif
