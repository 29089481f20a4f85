/*
** demo_money.h — the money of `ali demo`'s paths (issue 6, "Money";
** docs/money.md), written after the delivery (demo_delivery.h):
**
**   - the cooperatives' expenses, month by month, for every intervention
**     that ran: hours of home education, home care, psychological support
**     and orientation at each service's hourly rate; the internship's
**     monthly indemnity and the tutor's hours; the fee of each training
**     course; together 80 to 100% of the estimated cost (less for an
**     interrupted path);
**   - the quarterly statement of each cooperative, stream and quarter:
**     submitted some days after the quarter's end and reimbursed weeks
**     later; one of Il Ponte's had a line rejected ("the hours do not
**     match the attendance register"), corrected and submitted again;
**     the last quarter is still open: Arnera's statement waits for the
**     agency's review, the others are drafts (and so late); Il Ponte's
**     statement of the quarter before is approved and waits for payment;
**   - the allocations: PON Inclusione is set just below what its agreed
**     interventions commit, so that the money page warns that it has run
**     out, as it did in the pilot (round 2 could only take minimum-income
**     recipients); the Poverty Fund keeps room.
**
** Drawn from the seed in intervention order; rows written with plain SQL,
** a batch of interventions per transaction.
*/
#ifndef ALI_DEMO_MONEY_H
#define ALI_DEMO_MONEY_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_staff.h"

/* Writes the above for the agency of pStaff (the delivery must have
** run); opens and commits its own transactions.  0, or 1 after printing
** what failed (the transaction under way is rolled back). */
int demo_money(Db *db, const DemoStaff *pStaff, uint64_t iSeed);

#endif
