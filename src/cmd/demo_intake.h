/*
** demo_intake.h — the intake (issue 4; DOMAIN.md, "The path of one
** participant", steps 1-3) of `ali demo`'s people.
**
** Every demo participant becomes a candidacy of their round (a case_file
** row with round, funding stream, stage "agreed" and its dates) with an
** Access and Evaluation Form, one or two second interviews with the case
** manager of a cooperative, and an agreed Personalised Individual
** Project (objectives, interventions for the household's members,
** version 1, a few revised into version 2).  Beside them the demo adds
** the candidates who left: not suitable (referred to a specialised
** service, or needing a job only) and withdrawn, in the numbers that
** demo_leavers.c states per round of the pilot, scaled to the demo's size.
**
** The services of the projects are placed exactly: for each round and
** service, the number of projects with it is the pilot's count (DOMAIN.md,
** "Services activated") scaled to the round's participants and rounded,
** unless fewer households can take it (home education needs a minor).
** Everything is drawn from the seed: the same seed, the same intake.
** Rows are written with plain SQL (bulk loading; the statements are
** prepared once per connection) in the caller's transaction; the
** screening calls screening_suggest() on the rules of the database and
** the versions' snapshots are project_snapshot()'s.
*/
#ifndef ALI_DEMO_INTAKE_H
#define ALI_DEMO_INTAKE_H
#include <stdint.h>

#include "../db/db.h"
#include "demo_data.h"
#include "demo_staff.h"

typedef struct DemoIntake DemoIntake;

/*
** One draw of a participant of round iRound (1 or 2): the date their
** project is agreed (the entry date, inside the round's window of
** agreements, late enough for the interviews before it to fall inside
** the round) into zEntry, then the household (demo_household) into *h.
** cmd_demo.c's people and the service plan of demo_intake_open() both
** draw through this, so they see the same households.
*/
void demo_intake_draw(DemoRng *r, int iRound, char zEntry[11], DemoHousehold *h);

/* The round's cap of participants (round.max_participants) for n
** participants: the pilot's 150 and 65, scaled from its 144 and 63. */
int demo_intake_round_cap(int iRound, int64_t n);

/* How many candidates left round iRound (not suitable or withdrew) when
** it has nParticipants participants: the pilot-sized figures of
** demo_leavers.c, scaled and rounded per kind. */
int64_t demo_intake_leaver_count(int iRound, int64_t nParticipants);

/*
** Reads what the intake needs from the programme of pStaff->iAgency (the
** rounds R1 and R2, the streams fondo_poverta and pon_inclusione, the
** standard catalogue, the organisations, the screening rules) and plans
** the services of the nPeople participants of seed iSeed, the first
** nRound1 of them in round 1 (drawn again through demo_intake_draw).
** *pp is freed by demo_intake_free().  0, or 1 after printing why not.
*/
int demo_intake_open(Db *db, const DemoStaff *pStaff, uint64_t iSeed, int64_t nPeople,
                     int64_t nRound1, DemoIntake **pp);
void demo_intake_free(DemoIntake *p); /* NULL is a no-op */

/*
** The intake of participant i (0-based, in the order drawn) whose
** household h was saved with the ids aId[0..h->nMember) and whose
** project is agreed on zEntry: the case, candidacy, form, screening,
** second interviews, project, interventions, case operators, versions.
** 0 or a db.h code (after printing what failed).
*/
int demo_intake_participant(DemoIntake *p, Db *db, int64_t i, const DemoHousehold *h,
                            const int64_t *aId, const char *zEntry);

/*
** The i-th candidate who left round iRound (0 <= i <
** demo_intake_leaver_count): demo_intake_leaver_draw() draws their
** household into *h from the intake's own generator (call it once per
** candidate, in order); the caller saves it, then demo_intake_leaver()
** writes the candidacy up to its exit.  0 or a db.h code.
*/
void demo_intake_leaver_draw(DemoIntake *p, int iRound, int64_t i, DemoHousehold *h);
int demo_intake_leaver(DemoIntake *p, Db *db, int iRound, int64_t i, const DemoHousehold *h,
                       const int64_t *aId);

#endif
