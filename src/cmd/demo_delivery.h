/*
** demo_delivery.h — the second half of every demo participant's path
** (issue 5; DOMAIN.md, "The path of one participant", steps 4-5), written
** by `ali demo` after the intake (demo_intake.h).
**
** The demo's rounds are over, so every path is delivered and closed:
**
**   - training: the training interventions of each course and round are
**     grouped, in order of their planned start, into finished course
**     editions (seats, the demo's trainer, a place) with their sessions
**     and attendance; each is enrolled (a few waited on the list and took
**     the seat of someone who withdrew), then completed with a
**     certificate (HACCP, forklift licence, ...), failed or withdrawn;
**   - the other interventions start, a few are suspended (the pandemic
**     in round 1), are completed, interrupted ("postponed: health
**     emergency", the end of round 2) or, where the project holds another
**     of the same service, cancelled; each transition is a row of
**     intervention_event; sessions of home education, home care,
**     psychological support and orientation;
**   - internships: host firms (a valid partita IVA, an ATECO section, an
**     address, a contact), placements with both tutors, weekly hours,
**     the indemnity and the attendance log; some end in a hiring (more
**     often where the project moved the internship to an adult child);
**   - the activity register (5 to 25 entries per case) and the
**     household's requests with their response times (most within the
**     agency's targets in working days, some overdue);
**   - the conclusive evaluation with one outcome, consistent with the
**     interventions (employed_host only after a hiring), the objectives
**     judged, the case closed on the day it was written;
**   - a social worker on a temporary contract (social_temp, no longer
**     active) who left in the middle of round 1: her cases were handed
**     over to social1 and social2 (case_assignment keeps the history);
**     and social1's weekly team meetings, each minute also in the
**     register of the case discussed.
**
** Only statuses that started are used for any intervention that is the
** project's only one of its service, so the services activated per round
** (DOMAIN.md) stay the intake's exact figures.  Everything is drawn from
** the seed, in case order: the same seed, the same delivery.  Rows are
** written with plain SQL (prepared once per connection), a batch of cases
** per transaction.
*/
#ifndef ALI_DEMO_DELIVERY_H
#define ALI_DEMO_DELIVERY_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_staff.h"

/*
** Delivers and closes the paths of every agreed case of pStaff->iAgency
** (the intake must have run), drawing from iSeed; opens and commits its
** own transactions.  0, or 1 after printing what failed (the transaction
** under way is rolled back).
*/
int demo_delivery(Db *db, const DemoStaff *pStaff, uint64_t iSeed);

#endif
