/*
** funnel.c — the funnel of a round (see intake.h): how many candidates
** reached each step, how many left and why, and what the screening
** decided.  One query reads the round's cases with their first interview
** form; the counting is done here, from the dates each step leaves on
** the case (a candidate who withdrew after the second interview still
** counts as having reached it).
*/
#include "intake.h"

#include <string.h>

/* Index of decision z among suitable, refer, job_only, or -1. */
static int funnel_decision(const char *z) {
  static const char *const az[3] = {"suitable", "refer", "job_only"};
  for (int i = 0; z && i < 3; i++) {
    if (strcmp(z, az[i]) == 0) return i;
  }
  return -1;
}

/* Count one withdrawal: the stage reached, from the dates the steps left
** (first_interview_on, second_interview_on), and its reason. */
static void funnel_withdrawal(Funnel *p, int bFirst, int bSecond, const char *zReason) {
  p->nWithdrew++;
  p->nWithdrewAt[bSecond ? STAGE_SECOND_INTERVIEW : bFirst ? STAGE_FIRST_INTERVIEW
                                                           : STAGE_SHORTLISTED]++;
  int i = withdrawal_reason_find(zReason);
  if (i >= 0) p->nWithdrewReason[i]++;
}

/* Count the case of the current row of q. */
static void funnel_count(DbStmt *q, Funnel *p) {
  int e = stage_from_code(db_col_text(q, 0));
  int bFirst = !db_col_null(q, 1), bSecond = !db_col_null(q, 2), bAgreed = !db_col_null(q, 3);
  p->nShortlisted++;
  p->nFirstInterview += bFirst;
  p->nSecondInterview += bSecond;
  p->nAgreed += bAgreed;
  if (e == STAGE_NOT_SUITABLE) p->nNotSuitable++;
  if (e == STAGE_WITHDREW) funnel_withdrawal(p, bFirst, bSecond, db_col_text(q, 4));
  const char *zScreening = db_col_text(q, 5), *zDecision = db_col_text(q, 6);
  int iDecision = funnel_decision(zDecision);
  if (iDecision >= 0) {
    p->nScreening[iDecision]++;
    if (zScreening && strcmp(zScreening, zDecision) != 0) p->nOverride++;
  }
}

int intake_funnel(Db *db, int64_t iAgency, int64_t iRound, int64_t iSocialWorker,
                  int64_t iOrganisation, Funnel *p) {
  memset(p, 0, sizeof *p);
  if (!db_int(db, 0, "SELECT count(*) FROM round WHERE id=$1 AND agency_id=$2", "ii", iRound,
              iAgency)) {
    return DOMAIN_NOT_FOUND;
  }
  DbStmt *q = db_query(db,
                       "SELECT c.stage, c.first_interview_on, c.second_interview_on, c.agreed_on,"
                       " c.exit_reason, f.screening, f.decision"
                       " FROM case_file c LEFT JOIN access_form f ON f.case_id=c.id"
                       " WHERE c.agency_id=$1 AND c.round_id=$2"
                       " AND ($3=0 OR c.social_worker_id=$3) AND ($4=0 OR c.organisation_id=$4)",
                       "iiii", iAgency, iRound, iSocialWorker, iOrganisation);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) funnel_count(q, p);
  db_done(q);
  return rc < 0 ? rc : 0;
}
