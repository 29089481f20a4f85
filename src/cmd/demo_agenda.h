/*
** demo_agenda.h — the visits, meetings and calls planned in the demo's
** registers (agenda.h), written by `ali demo` after the delivery
** (demo_delivery.h).
**
** Relative to the day the demo is made, so that "my day" always has
** something: every case still open gets one or two activities in the
** coming ten days (a home visit of its social worker with the case
** manager, a meeting of the case manager); about one closed case in five
** gets a follow-up — a phone call or a visit of the social worker who
** holds the citizen's file, to hear how things went months later
** (DOMAIN.md, "After") — from three days ago (planned and not yet
** recorded: overdue) to two weeks ahead.  social1 and cm_a each have a
** home visit today and one overdue whatever the draw.  Each concerns the
** participant; the text is the purpose.  Drawn from the seed in case
** order: the same seed and day, the same agenda.
*/
#ifndef ALI_DEMO_AGENDA_H
#define ALI_DEMO_AGENDA_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_staff.h"

/* Plans the activities above for the agreed cases of pStaff->iAgency;
** opens and commits its own transactions.  0, or 1 after printing what
** failed (the transaction under way is rolled back). */
int demo_agenda(Db *db, const DemoStaff *pStaff, uint64_t iSeed);

#endif
