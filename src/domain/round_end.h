/*
** round_end.h — planning the end of a round (issue 5, "Round end"): the
** manager's list, N weeks before a round ends, of the paths that would be
** cut off -- active projects of the round (agreed, not closed) with an
** open intervention (planned, active or suspended) planned to end after
** the round's end date -- with what can be done for each, and the
** decision recorded per case (round_end_decision, migration 007) so that
** families are told in time instead of paths being cut short.
**
** The options for each path:
**   close_early        close the path before the round ends (the
**                      conclusive evaluation, closing.h, does it)
**   next_round         move it to the next round: the agency's round
**                      starting after this one ends (the earliest); only
**                      offered when there is one
**   ordinary_services  hand the family over to the agency's ordinary
**                      services when the path ends
**
** Moving to the next round opens a new candidacy of the participant in
** that round (intake_shortlist: same funding stream, same social
** worker, shortlisted today), recorded as the decision's next_case_id.
** The model: a candidacy belongs to one round (case_file has one
** round_id, and the reports count participations per round, DOMAIN.md
** "Totals"), the next round has its own funding-stream rules and places,
** which intake_shortlist checks, and the participant agrees the project
** of the new round anew; the path of this round is then closed with its
** evaluation like any other.  So the new candidacy starts at
** "shortlisted" and nothing of the old project is copied.
**
** Status codes and conventions as in intake.h.
*/
#ifndef ALI_ROUND_END_H
#define ALI_ROUND_END_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"

/* The decisions, code and label (msgid) pairs ending with NULL. */
extern const char *const round_end_azDecision[];

#define ROUND_END_WEEKS 6 /* the default notice, in weeks */

/* An open intervention planned past the round's end. */
typedef struct RoundEndIv {
  int64_t id;
  const char *zService; /* name in the request language */
  const char *zPerson;  /* who receives it */
  const char *zStatus;  /* planned | active | suspended */
  const char *zPlannedEnd;
} RoundEndIv;

/* One path that would outlast the round. */
typedef struct RoundEndCase {
  int64_t iCase, iPerson;
  const char *zName;        /* "Last First" of the participant */
  const char *zCaseManager; /* full name, or NULL */
  const char *zLastEnd;     /* the latest planned end of its interventions */
  RoundEndIv *aIv;
  int nIv;
  const char *zDecision; /* the decision recorded, or NULL */
  const char *zNote;
  const char *zDecidedBy, *zDecidedAt;
  int64_t iNextCase; /* the candidacy in the next round, or 0 */
} RoundEndCase;

typedef struct RoundEnd {
  int64_t iRound;
  const char *zCode, *zEnd; /* the round's code and end date */
  int nWeeks;
  char zNoticeBy[11]; /* the end minus nWeeks weeks: families told by then */
  int64_t iNext;      /* the next round, or 0 */
  const char *zNextCode, *zNextStart;
  RoundEndCase *aCase; /* by participant's name */
  int nCase;
} RoundEnd;

/* The plan of round iRound with a notice of nWeeks weeks (1..52):
** DOMAIN_NOT_FOUND when the round is not the agency's. */
int round_end_plan(Db *db, Arena *a, int64_t iAgency, int64_t iRound, int nWeeks, int iLang,
                   RoundEnd *p);

/* The next round of round iRound (the agency's round with the earliest
** start after iRound's end), or 0. */
int64_t round_end_next(Db *db, int64_t iAgency, int64_t iRound);

/*
** Record decision zDecision ("decision": a code above) for case iCase
** with zNote ("note", <= 2000 characters: what the family is told), by
** iBy; replaces an earlier one.  DOMAIN_CONFLICT ("stage") unless the
** case is an open agreed path of a round; DOMAIN_CONFLICT ("decision")
** for next_round without a next round, or when the path was already
** moved to the next round (that decision stands).  next_round shortlists
** the participant into the next round (intake_shortlist's errors and
** conflicts are returned as they are) and sets *piNextCase (may be NULL).
*/
int round_end_decide(Db *db, int64_t iAgency, int64_t iCase, const char *zDecision,
                     const char *zNote, int64_t iBy, int64_t *piNextCase, Errors *pErr);

#endif
