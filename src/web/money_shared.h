/*
** money_shared.h — what the money pages (page_money.c, page_expense.c,
** page_statement.c) and the money API (api_money.c, api_expense.c,
** api_statement.c) share: the caller as a MoneyWho, amounts and
** warnings in words, the audit entries of money writes, and receipts
** received and handed out (checked, stored, recorded, audited the same
** way from a form and from the API).  money_shared.c.
*/
#ifndef ALI_MONEY_SHARED_H
#define ALI_MONEY_SHARED_H
#include <stddef.h>
#include <stdint.h>

#include "../domain/expense.h"
#include "../domain/money_overview.h"
#include "../domain/statement.h"
#include "../http/req.h"

/* The caller of r as a MoneyWho (expense.h). */
void money_req_who(Req *r, MoneyWho *pW);

/* Today (UTC) as "YYYY-MM-DD", in r's arena. */
const char *money_today(Req *r);

/* iCents as euros the way r's language writes them ("€ 1.234,50"). */
const char *money_euros(Req *r, int64_t iCents);

/* Warning w of overview o in words, translated ("PON Inclusione:
** committed € 1.200,00 beyond its allocation"). */
const char *money_warning_text(Req *r, const MoneyOverview *o, const MoneyWarning *w);
/* Its code: stream_overcommitted, stream_nearly_spent, statement_late. */
const char *money_warning_code(const MoneyWarning *w);

/* An audit entry for expense p (action zAction: create, update, delete,
** receipt): ids and codes only, never the description. */
void money_audit_expense(Req *r, const char *zAction, const Expense *p);

/* An audit entry for statement iStatement: zAction (generate, submit,
** decide, remove_line, reimburse, delete, export) with the JSON detail
** zDetail (ids and codes only; NULL for none). */
void money_audit_statement(Req *r, const char *zAction, int64_t iStatement, const char *zDetail);

/*
** The receipt of expense iExpense: the n bytes at p, sent as zDeclared
** (the API's Content-Type; NULL from a form, where the content alone
** decides) with the file name zName (may be NULL).  Checks them
** (receipt_problem), stores the file in the files directory and records
** it on the expense, audited.  Returns 0; DOMAIN_INVALID with the reason
** in r->err under "receipt"; DOMAIN_NOT_FOUND, DOMAIN_CONFLICT (r->err
** says why); or -1 when the server keeps no files or could not write
** (the reason logged; the caller answers 503).
*/
int money_receipt_accept(Req *r, int64_t iExpense, const void *p, size_t n, const char *zDeclared,
                         const char *zName);

/* GET the receipt of expense r->aId[0]: its bytes with their type as an
** attachment, audited as an export; 404 (bApi: JSON) when the expense is
** out of reach or has no receipt. */
void money_receipt_send(Req *r, int bApi);

/* ---- for the pages ---- */

/* Answers a domain failure that is not a form error as a page: 404 with
** zNotFound, 409 or 422 with the first error, 503, 500. */
void money_fail(Req *r, int rc, const char *zNotFound);

/* The form value zName, NULL when absent or blank. */
const char *money_form(Req *r, const char *zName);

/* The form value zName as an id: 0 when blank, -1 when not a number. */
int64_t money_form_id(Req *r, const char *zName);

/* The form value zName as euros (lib/money.h) into *pCents: 0 (blank
** leaves *pCents 0), or -1 after adding "an amount in euros, such as
** 12,50" to r->err under zField. */
int money_form_euros(Req *r, const char *zName, const char *zField, int64_t *pCents);

/* A status badge of statement status e. */
void money_status_badge(Req *r, StStatus e);

#endif
