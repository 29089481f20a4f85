/*
** demo_staff.h — the accounts of `ali demo`, one per role, and the cases
** that tie them to the demo's households so that each role's view
** differs: social1 and social2 hold about half of the cases each; cm_a
** (Cooperativa sociale Arnera) and cm_b (Il Ponte) follow some of either;
** the psychotherapist joins some; the educator serves minors of some of
** cm_a's households and the tutor some of its adults; some cases carry
** special-category notes (plausible, invented Italian text).
*/
#ifndef ALI_DEMO_STAFF_H
#define ALI_DEMO_STAFF_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_data.h"

typedef struct DemoStaff {
  int64_t iAgency;
  int64_t iSocial1, iSocial2, iPsychotherapist, iCmA, iCmB, iEducator, iTutor;
  int64_t iCoopA, iCoopB, iCoopC;
} DemoStaff;

/* The usernames demo_staff_create() makes, in order, ending with NULL. */
extern const char *const demo_azStaffUsername[];

/* Creates the accounts (the password hashed once for all of them) in the
** caller's transaction and fills *p.  0, or 1 after printing why not. */
int demo_staff_create(Db *db, int64_t iAgency, const char *zPassword, DemoStaff *p);

/* Maybe opens a case for the household h (its members saved with the ids
** aId[0..h->nMember)), drawing from pRng (a generator of its own, so that
** the population does not depend on it), with its operators and notes.
** zEntry is the participant's entry date.  0 or a db.h code. */
int demo_staff_case(Db *db, const DemoStaff *p, DemoRng *pRng, const DemoHousehold *h,
                    const int64_t *aId, const char *zEntry);

#endif
