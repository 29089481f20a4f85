/*
** intake.c — the candidacy of a person in a round (see intake.h): stages
** and withdrawal reasons, the shortlist with its eligibility check and
** places, reading and listing cases, who may do what on a case, the
** outcome of the first interview, referrals, the assignment of a case
** manager, second interviews and withdrawal.  The Access and Evaluation
** Form is in access_form.c, the screening in screening.c, the funnel in
** funnel.c.
**
** Every step checks the case's stage before it writes anything, and
** checks every input before the first write, so that a refused step
** never leaves half a change behind (nor a failed statement in a
** PostgreSQL transaction).
*/
#include "intake.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "access.h"
#include "person.h"

/* ------------------------------------------------------------------ */
/* Stages and withdrawal reasons                                       */
/* ------------------------------------------------------------------ */

static const char *const intake_azStage[STAGE_COUNT] = {
    "shortlisted", "first_interview", "second_interview", "agreed", "not_suitable", "withdrew",
};

const char *stage_code(Stage e) { return e >= 0 && e < STAGE_COUNT ? intake_azStage[e] : NULL; }

int stage_from_code(const char *z) {
  for (int i = 0; z && i < STAGE_COUNT; i++) {
    if (strcmp(z, intake_azStage[i]) == 0) return i;
  }
  return -1;
}

int stage_is_exit(Stage e) { return e == STAGE_NOT_SUITABLE || e == STAGE_WITHDREW; }

const char *stage_obstacle(Stage e) {
  switch (e) {
  case STAGE_SHORTLISTED: return N_("the first interview has not been held");
  case STAGE_FIRST_INTERVIEW: return N_("no second interview has been held");
  case STAGE_SECOND_INTERVIEW: return N_("the project has not been agreed");
  case STAGE_AGREED: return N_("the project has already been agreed");
  case STAGE_NOT_SUITABLE: return N_("the candidate was found not suitable");
  case STAGE_WITHDREW: return N_("the candidate has withdrawn");
  default: return N_("the candidacy is in an unknown stage");
  }
}

static const char *const intake_azReason[WITHDRAWAL_REASON_COUNT][2] = {
    {"expected_benefit", N_("Expected a benefit in exchange")},
    {"found_job", N_("Found a job")},
    {"health", N_("Health reasons")},
    {"moved_away", N_("Moved away")},
    {"family", N_("Family reasons")},
    {"not_interested", N_("Not interested")},
    {"other", N_("Other reason")},
};

const char *withdrawal_reason_code(int i) {
  return i >= 0 && i < WITHDRAWAL_REASON_COUNT ? intake_azReason[i][0] : NULL;
}

const char *withdrawal_reason_label(int i) {
  return i >= 0 && i < WITHDRAWAL_REASON_COUNT ? intake_azReason[i][1] : NULL;
}

int withdrawal_reason_find(const char *zCode) {
  for (int i = 0; zCode && i < WITHDRAWAL_REASON_COUNT; i++) {
    if (strcmp(zCode, intake_azReason[i][0]) == 0) return i;
  }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Shared checks                                                       */
/* ------------------------------------------------------------------ */

void intake_check_text(Errors *pErr, const char *zField, const char *z, long nMax,
                       int bRequired) {
  assert(nMax == 500 || nMax == 2000 || nMax == 4000);
  if (domain_blank(z)) {
    if (bRequired) errors_add(pErr, zField, N_("required"));
    return;
  }
  size_t n;
  const char *zTrim = domain_trim(z, &n);
  long nChar = domain_text_len(zTrim, n);
  /* free text may hold line breaks: count them as characters */
  if (nChar < 0) nChar = intake_multiline_len(zTrim, n);
  if (nChar < 0) {
    errors_add(pErr, zField, N_("contains characters that are not allowed"));
  } else if (nChar > nMax) {
    errors_add(pErr, zField, nMax == 500    ? N_("at most 500 characters")
                             : nMax == 2000 ? N_("at most 2000 characters")
                                            : N_("at most 4000 characters"));
  }
}

long intake_multiline_len(const char *z, size_t n) {
  long nChar = 0;
  size_t iStart = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && z[i] != '\n' && z[i] != '\r' && z[i] != '\t') continue;
    long nPart = domain_text_len(z + iStart, i - iStart);
    if (nPart < 0) return -1;
    nChar += nPart + (i < n);
    iStart = i + 1;
  }
  return nChar;
}

void intake_check_date(Errors *pErr, const char *zField, const char *z, int bRequired) {
  if (domain_blank(z)) {
    if (bRequired) errors_add(pErr, zField, N_("required"));
    return;
  }
  char zToday[11];
  date_today(zToday);
  if (!date_valid(z)) {
    errors_add(pErr, zField, N_("not a valid date (YYYY-MM-DD)"));
  } else if (strcmp(z, zToday) > 0) {
    errors_add(pErr, zField, N_("cannot be in the future"));
  }
}

/* Add zMsg under "stage" and answer DOMAIN_CONFLICT. */
static int intake_conflict(Errors *pErr, const char *zMsg) {
  errors_add(pErr, "stage", zMsg);
  return DOMAIN_CONFLICT;
}

/* z, or NULL when blank (stored as SQL NULL). */
static const char *intake_or_null(const char *z) { return domain_blank(z) ? NULL : z; }

/* 1 if user iUser is an active account of agency iAgency holding role
** zRole (and, when iOrganisation is not 0, of that organisation). */
int intake_user_has_role(Db *db, int64_t iAgency, int64_t iUser, const char *zRole,
                         int64_t iOrganisation) {
  if (iUser <= 0) return 0;
  return db_int(db, 0,
                "SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id=u.id"
                " WHERE u.id=$1 AND u.agency_id=$2 AND u.active=1 AND r.role=$3"
                " AND ($4=0 OR u.organisation_id=$4)",
                "iiti", iUser, iAgency, zRole, iOrganisation) > 0;
}

/* Room for one more element in the arena array pa of n elements. */
static void *intake_grow(Arena *a, void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return pa;
  *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 8;
  void *aNew = arena_alloc(a, sz * (size_t)*pnAlloc);
  if (n) memcpy(aNew, pa, sz * (size_t)n);
  return aNew;
}

/* ------------------------------------------------------------------ */
/* Reading cases                                                       */
/* ------------------------------------------------------------------ */

#define INTAKE_CASE_SELECT                                                                 \
  "SELECT c.id, c.person_id, p.household_id, p.person_ref, p.first_name, p.last_name,"    \
  " c.round_id, r.code, r.end_date, c.funding_stream_id, s.code,"                          \
  " c.social_worker_id, c.psychotherapist_id, c.organisation_id, c.case_manager_id,"      \
  " sw.full_name, ps.full_name, o.name, cm.full_name, c.stage, c.shortlisted_on,"         \
  " c.first_interview_on, c.second_interview_on, c.agreed_on, c.exit_on, c.exit_reason,"  \
  " c.exit_note, c.closed_at"                                                              \
  " FROM case_file c JOIN person p ON p.id=c.person_id"                                    \
  " LEFT JOIN round r ON r.id=c.round_id"                                                  \
  " LEFT JOIN funding_stream s ON s.id=c.funding_stream_id"                                \
  " LEFT JOIN app_user sw ON sw.id=c.social_worker_id"                                     \
  " LEFT JOIN app_user ps ON ps.id=c.psychotherapist_id"                                   \
  " LEFT JOIN organisation o ON o.id=c.organisation_id"                                    \
  " LEFT JOIN app_user cm ON cm.id=c.case_manager_id"

/* An arena copy of column i of q (NULL for SQL NULL). */
static const char *intake_col(DbStmt *q, Arena *a, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

static void intake_case_from_row(DbStmt *q, Arena *a, Case *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iPerson = db_col_int(q, 1);
  p->iHousehold = db_col_int(q, 2);
  p->zPersonRef = intake_col(q, a, 3);
  p->zFirstName = intake_col(q, a, 4);
  p->zLastName = intake_col(q, a, 5);
  p->iRound = db_col_int(q, 6);
  p->zRoundCode = intake_col(q, a, 7);
  p->zRoundEnd = intake_col(q, a, 8);
  p->iStream = db_col_int(q, 9);
  p->zStreamCode = intake_col(q, a, 10);
  p->iSocialWorker = db_col_int(q, 11);
  p->iPsychotherapist = db_col_int(q, 12);
  p->iOrganisation = db_col_int(q, 13);
  p->iCaseManager = db_col_int(q, 14);
  p->zSocialWorker = intake_col(q, a, 15);
  p->zPsychotherapist = intake_col(q, a, 16);
  p->zOrganisation = intake_col(q, a, 17);
  p->zCaseManager = intake_col(q, a, 18);
  int e = stage_from_code(db_col_text(q, 19));
  p->eStage = e < 0 ? STAGE_SHORTLISTED : (Stage)e;
  p->zShortlistedOn = intake_col(q, a, 20);
  p->zFirstInterviewOn = intake_col(q, a, 21);
  p->zSecondInterviewOn = intake_col(q, a, 22);
  p->zAgreedOn = intake_col(q, a, 23);
  p->zExitOn = intake_col(q, a, 24);
  p->zExitReason = intake_col(q, a, 25);
  p->zExitNote = intake_col(q, a, 26);
  p->zClosedAt = intake_col(q, a, 27);
}

/* Read every row of q into a new arena array (*pa NULL when none). */
static int intake_case_rows(DbStmt *q, Arena *a, Case **pa, int *pn) {
  Case *aC = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aC = intake_grow(a, aC, n, &nAlloc, sizeof *aC);
    intake_case_from_row(q, a, &aC[n++]);
  }
  db_done(q);
  *pa = aC;
  *pn = n;
  return rc < 0 ? rc : 0;
}

int intake_case_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Case *p) {
  DbStmt *q = db_query(db, INTAKE_CASE_SELECT " WHERE c.id=$1 AND c.agency_id=$2", "ii", id,
                       iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) intake_case_from_row(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int intake_cases_of_person(Db *db, Arena *a, int64_t iAgency, int64_t iPerson, Case **pa,
                           int *pn) {
  return intake_case_rows(db_query(db,
                                   INTAKE_CASE_SELECT
                                   " WHERE c.person_id=$1 AND c.agency_id=$2"
                                   " ORDER BY (r.start_date IS NULL), r.start_date DESC, c.id DESC",
                                   "ii", iPerson, iAgency),
                          a, pa, pn);
}

int intake_case_list(Db *db, Arena *a, int64_t iAgency, const CaseFilter *f, Case **pa, int *pn) {
  const char *zStage = f->eStage >= 0 ? stage_code((Stage)f->eStage) : NULL;
  return intake_case_rows(db_query(db,
                                   INTAKE_CASE_SELECT
                                   " WHERE c.agency_id=$1 AND ($2=0 OR c.round_id=$2)"
                                   " AND ($3='' OR c.stage=$3) AND ($4=0 OR c.social_worker_id=$4)"
                                   " AND ($5=0 OR c.organisation_id=$5)"
                                   " AND ($6=0 OR c.case_manager_id=$6) AND c.id>$7"
                                   " ORDER BY c.id LIMIT $8",
                                   "iitiiiii", iAgency, f->iRound, zStage ? zStage : "",
                                   f->iSocialWorker, f->iOrganisation, f->iCaseManager, f->iAfter,
                                   (int64_t)(f->nLimit > 0 ? f->nLimit : 1000000000)),
                          a, pa, pn);
}

Relation intake_case_relation(Db *db, const User *pUser, const Case *p) {
  return access_person(db, pUser, p->iPerson);
}

int intake_can_read(Relation e) {
  return e == REL_HOLDER || e == REL_PSYCHOTHERAPIST || e == REL_CASE_MANAGER ||
         e == REL_BREAK_GLASS || e == REL_MANAGER;
}

int intake_can_interview(Relation e) {
  return e == REL_HOLDER || e == REL_PSYCHOTHERAPIST || e == REL_MANAGER;
}

int intake_can_plan(Relation e) { return e == REL_CASE_MANAGER || e == REL_MANAGER; }

/* The stage of case iCase of the agency through *pe.  0,
** DOMAIN_NOT_FOUND or a db.h code. */
static int intake_stage_of(Db *db, int64_t iAgency, int64_t iCase, Stage *pe) {
  DbStmt *q = db_query(db, "SELECT stage FROM case_file WHERE id=$1 AND agency_id=$2", "ii", iCase,
                       iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    int e = stage_from_code(db_col_text(q, 0));
    *pe = e < 0 ? STAGE_SHORTLISTED : (Stage)e;
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* ------------------------------------------------------------------ */
/* The shortlist                                                       */
/* ------------------------------------------------------------------ */

int intake_places_left(Db *db, int64_t iAgency, int64_t iRound, int *pnLeft) {
  DbStmt *q = db_query(db,
                       "SELECT max_participants, (SELECT count(*) FROM case_file c"
                       " WHERE c.round_id=r.id AND c.stage NOT IN ('not_suitable','withdrew'))"
                       " FROM round r WHERE r.id=$1 AND r.agency_id=$2",
                       "ii", iRound, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    int64_t nLeft = db_col_int(q, 0) - db_col_int(q, 1);
    *pnLeft = db_col_null(q, 0) ? -1 : nLeft > 0 ? (int)nLeft : 0;
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* The id of the agency's active social worker zUsername, or 0. */
static int64_t intake_social_worker(Db *db, int64_t iAgency, const char *zUsername) {
  return db_int(db, 0,
                "SELECT u.id FROM app_user u JOIN user_role r ON r.user_id=u.id"
                " WHERE u.username=$1 AND u.agency_id=$2 AND u.active=1"
                " AND r.role='social_worker'",
                "ti", zUsername, iAgency);
}

/* Check the stream of entry p and its rule for person pPerson on zOn;
** the stream's id through *piStream. */
static void intake_check_stream(Db *db, Arena *a, int64_t iAgency, const ShortlistEntry *p,
                                const Person *pPerson, const char *zOn, int64_t *piStream,
                                Errors *pErr) {
  *piStream = 0;
  if (domain_blank(p->zStream)) {
    errors_add(pErr, "funding_stream", N_("required"));
    return;
  }
  int64_t id = stream_find(db, iAgency, p->zStream);
  FundingStream s;
  if (!id || stream_get(db, a, iAgency, id, &s)) {
    errors_add(pErr, "funding_stream", N_("unknown funding stream"));
    return;
  }
  const char *zWhy = NULL;
  if (date_valid(zOn) && !stream_rule_check(&s, pPerson, zOn, &zWhy)) {
    errors_add(pErr, "funding_stream", zWhy);
  }
  *piStream = id;
}

/* The checks of intake_shortlist that need the person and the database:
** stream and rule, social worker, date.  Sets *piStream, *piWorker. */
static void intake_check_entry(Db *db, Arena *a, int64_t iAgency, const ShortlistEntry *p,
                               const Person *pPerson, const char *zOn, int64_t *piStream,
                               int64_t *piWorker, Errors *pErr) {
  intake_check_date(pErr, "shortlisted_on", zOn, 1);
  intake_check_stream(db, a, iAgency, p, pPerson, zOn, piStream, pErr);
  *piWorker = 0;
  if (domain_blank(p->zSocialWorker)) {
    errors_add(pErr, "social_worker", N_("required"));
  } else if (!(*piWorker = intake_social_worker(db, iAgency, p->zSocialWorker))) {
    errors_add(pErr, "social_worker", N_("not an active social worker of the agency"));
  }
}

/* Whether the round can take person iPerson: not already a candidate,
** a place left.  0, DOMAIN_CONFLICT (pErr filled) or a db.h code. */
static int intake_check_room(Db *db, int64_t iAgency, int64_t iRound, int64_t iPerson,
                             Errors *pErr) {
  if (db_int(db, 0, "SELECT count(*) FROM case_file WHERE round_id=$1 AND person_id=$2", "ii",
             iRound, iPerson)) {
    errors_add(pErr, "person", N_("already a candidate of this round"));
    return DOMAIN_CONFLICT;
  }
  int nLeft = 0;
  int rc = intake_places_left(db, iAgency, iRound, &nLeft);
  if (rc) return rc;
  if (nLeft == 0) {
    errors_add(pErr, "round", N_("the round has no places left"));
    return DOMAIN_CONFLICT;
  }
  return 0;
}

int intake_shortlist(Db *db, int64_t iAgency, int64_t iRound, const ShortlistEntry *p,
                     int64_t iBy, int64_t *piCase, Errors *pErr) {
  if (!db_int(db, 0, "SELECT count(*) FROM round WHERE id=$1 AND agency_id=$2", "ii", iRound,
              iAgency)) {
    return DOMAIN_NOT_FOUND;
  }
  Arena a = ARENA_INIT;
  Person person;
  int rc = person_get(db, &a, iAgency, p->iPerson, &person);
  char zToday[11];
  date_today(zToday);
  const char *zOn = domain_blank(p->zShortlistedOn) ? zToday : p->zShortlistedOn;
  int64_t iStream = 0, iWorker = 0;
  int nErr = pErr->n;
  if (!rc) intake_check_entry(db, &a, iAgency, p, &person, zOn, &iStream, &iWorker, pErr);
  arena_free(&a);
  if (rc) return rc;
  if (pErr->n > nErr) return DOMAIN_INVALID;
  rc = intake_check_room(db, iAgency, iRound, p->iPerson, pErr);
  if (rc) return rc;
  char zNow[21];
  timestamp_now(zNow);
  return domain_one_int(db_query(db,
                                 "INSERT INTO case_file(agency_id, person_id, social_worker_id,"
                                 " opened_at, round_id, funding_stream_id, stage, shortlisted_on,"
                                 " shortlisted_by) VALUES ($1,$2,$3,$4,$5,$6,'shortlisted',$7,"
                                 " NULLIF($8,0)) RETURNING id",
                                 "iiitiiti", iAgency, p->iPerson, iWorker, zNow, iRound, iStream,
                                 zOn, iBy),
                        piCase);
}

/* ------------------------------------------------------------------ */
/* The outcome of the first interview and withdrawal                   */
/* ------------------------------------------------------------------ */

/* Move case iCase out of the path as eStage (not_suitable or withdrew). */
static int intake_exit(Db *db, int64_t iAgency, int64_t iCase, Stage eStage, const char *zOn,
                       const char *zReason, const char *zNote, int64_t iBy) {
  assert(stage_is_exit(eStage));
  return db_exec(db,
                 "UPDATE case_file SET stage=$1, exit_on=$2, exit_reason=$3, exit_note=$4,"
                 " exit_by=NULLIF($5,0) WHERE id=$6 AND agency_id=$7",
                 "ttttiii", stage_code(eStage), zOn, zReason, intake_or_null(zNote), iBy, iCase,
                 iAgency);
}

/* The checks every exit shares: the date, a withdrawal reason when
** bWithdrew, the note. */
static void intake_check_exit(const char *zOn, const char *zDateField, int bWithdrew,
                              const char *zReason, const char *zNote, Errors *pErr) {
  intake_check_date(pErr, zDateField, zOn, 1);
  if (bWithdrew && withdrawal_reason_find(zReason) < 0) {
    errors_add(pErr, "reason", domain_blank(zReason) ? N_("required")
                                                     : N_("choose a reason from the list"));
  }
  intake_check_text(pErr, "note", zNote, 2000, 0);
}

/* The form of case iCase as the outcome needs it: whether there is one
** (*pbForm), its decision and interview date (copied into zDecision[16]
** and zInterviewOn[11], "" when none). */
static int intake_form_facts(Db *db, int64_t iCase, int *pbForm, char zDecision[16],
                             char zInterviewOn[11]) {
  DbStmt *q = db_query(db, "SELECT decision, interview_on FROM access_form WHERE case_id=$1", "i",
                       iCase);
  int rc = db_step(q);
  *pbForm = rc == DB_ROW;
  zDecision[0] = zInterviewOn[0] = 0;
  if (rc == DB_ROW) {
    const char *z = db_col_text(q, 0);
    snprintf(zDecision, 16, "%s", z ? z : "");
    z = db_col_text(q, 1);
    snprintf(zInterviewOn, 11, "%s", z ? z : "");
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Close the open form of case iCase with outcome zOutcome on zOn. */
static int intake_form_close(Db *db, int64_t iCase, const char *zOutcome, const char *zOn) {
  char zNow[21];
  timestamp_now(zNow);
  return db_exec(db,
                 "UPDATE access_form SET outcome=$1, outcome_on=$2, updated_at=$3"
                 " WHERE case_id=$4 AND outcome IS NULL",
                 "ttti", zOutcome, zOn, zNow, iCase);
}

int intake_first_outcome(Db *db, int64_t iAgency, int64_t iCase, const char *zOutcome,
                         const char *zOn, const char *zReason, const char *zNote, int64_t iBy,
                         Errors *pErr) {
  Stage e;
  int rc = intake_stage_of(db, iAgency, iCase, &e);
  if (rc) return rc;
  static const char *const azOutcome[] = {"continue", "not_suitable", "withdrew"};
  int iOutcome = -1;
  for (int i = 0; zOutcome && i < 3; i++) {
    if (strcmp(zOutcome, azOutcome[i]) == 0) iOutcome = i;
  }
  int nErr = pErr->n;
  if (iOutcome < 0) errors_add(pErr, "outcome", N_("must be continue, not_suitable or withdrew"));
  intake_check_exit(zOn, "outcome_on", iOutcome == 2, zReason, zNote, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  if (e != STAGE_SHORTLISTED) {
    return intake_conflict(pErr, stage_is_exit(e) ? stage_obstacle(e)
                                                  : N_("the first interview is already closed"));
  }
  int bForm;
  char zDecision[16], zInterviewOn[11];
  rc = intake_form_facts(db, iCase, &bForm, zDecision, zInterviewOn);
  if (rc) return rc;
  if (iOutcome < 2 && !bForm) {
    return intake_conflict(pErr, N_("the Access and Evaluation Form has not been saved"));
  }
  if (iOutcome == 0 && strcmp(zDecision, "suitable") != 0) {
    return intake_conflict(pErr, N_("only a candidate judged suitable continues to the second"
                                    " interview"));
  }
  if (bForm) rc = intake_form_close(db, iCase, azOutcome[iOutcome], zOn);
  if (rc) return rc;
  if (iOutcome == 0) {
    return db_exec(db,
                   "UPDATE case_file SET stage='first_interview', first_interview_on=$1"
                   " WHERE id=$2 AND agency_id=$3",
                   "tii", zInterviewOn, iCase, iAgency);
  }
  return intake_exit(db, iAgency, iCase, iOutcome == 1 ? STAGE_NOT_SUITABLE : STAGE_WITHDREW, zOn,
                     iOutcome == 1 ? (zDecision[0] ? zDecision : NULL) : zReason, zNote, iBy);
}

int intake_withdraw(Db *db, int64_t iAgency, int64_t iCase, const char *zOn, const char *zReason,
                    const char *zNote, int64_t iBy, Errors *pErr) {
  Stage e;
  int rc = intake_stage_of(db, iAgency, iCase, &e);
  if (rc) return rc;
  int nErr = pErr->n;
  intake_check_exit(zOn, "withdrawn_on", 1, zReason, zNote, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  if (e == STAGE_AGREED || stage_is_exit(e)) return intake_conflict(pErr, stage_obstacle(e));
  rc = intake_form_close(db, iCase, "withdrew", zOn);
  return rc ? rc : intake_exit(db, iAgency, iCase, STAGE_WITHDREW, zOn, zReason, zNote, iBy);
}

/* ------------------------------------------------------------------ */
/* Referrals                                                           */
/* ------------------------------------------------------------------ */

/* 1 if organisation iOrg of the agency is of kind zKind. */
static int intake_org_is(Db *db, int64_t iAgency, int64_t iOrg, const char *zKind) {
  return db_int(db, 0, "SELECT count(*) FROM organisation WHERE id=$1 AND agency_id=$2 AND kind=$3",
                "iit", iOrg, iAgency, zKind) > 0;
}

int intake_refer(Db *db, int64_t iAgency, int64_t iCase, int64_t iOrganisation,
                 const char *zReason, int64_t iBy, int64_t *piReferral, Errors *pErr) {
  int64_t iPerson = db_int(db, 0, "SELECT person_id FROM case_file WHERE id=$1 AND agency_id=$2",
                           "ii", iCase, iAgency);
  if (!iPerson) return DOMAIN_NOT_FOUND;
  int nErr = pErr->n;
  if (!intake_org_is(db, iAgency, iOrganisation, "specialised_service")) {
    errors_add(pErr, "organisation", N_("choose a specialised service of the agency"));
  }
  intake_check_text(pErr, "reason", zReason, 2000, 1);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  char zNow[21];
  timestamp_now(zNow);
  size_t n;
  const char *z = domain_trim(zReason, &n);
  Arena a = ARENA_INIT;
  int rc = domain_one_int(db_query(db,
                                   "INSERT INTO referral(agency_id, case_id, person_id,"
                                   " organisation_id, reason, status, created_at, created_by,"
                                   " updated_at) VALUES ($1,$2,$3,$4,$5,'sent',$6,NULLIF($7,0),$6)"
                                   " RETURNING id",
                                   "iiiitti", iAgency, iCase, iPerson, iOrganisation,
                                   arena_strndup(&a, z, n), zNow, iBy),
                          piReferral);
  arena_free(&a);
  return rc;
}

int intake_referrals(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Referral **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT f.id, f.organisation_id, o.name, f.reason, f.status, f.created_at"
                       " FROM referral f JOIN organisation o ON o.id=f.organisation_id"
                       " WHERE f.case_id=$1 AND f.agency_id=$2 ORDER BY f.id",
                       "ii", iCase, iAgency);
  Referral *aR = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aR = intake_grow(a, aR, n, &nAlloc, sizeof *aR);
    Referral *p = &aR[n++];
    p->id = db_col_int(q, 0);
    p->iOrganisation = db_col_int(q, 1);
    p->zOrganisation = intake_col(q, a, 2);
    p->zReason = intake_col(q, a, 3);
    p->zStatus = intake_col(q, a, 4);
    p->zCreatedAt = intake_col(q, a, 5);
  }
  db_done(q);
  *pa = aR;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* The case manager and second interviews                              */
/* ------------------------------------------------------------------ */

int intake_assign(Db *db, int64_t iAgency, int64_t iCase, int64_t iOrganisation,
                  int64_t iCaseManager, Errors *pErr) {
  Stage e;
  int rc = intake_stage_of(db, iAgency, iCase, &e);
  if (rc) return rc;
  int nErr = pErr->n;
  if (!intake_org_is(db, iAgency, iOrganisation, "cooperative")) {
    errors_add(pErr, "organisation", N_("choose a cooperative of the agency"));
  } else if (!intake_user_has_role(db, iAgency, iCaseManager, "case_manager", iOrganisation)) {
    errors_add(pErr, "case_manager", N_("not an active case manager of this cooperative"));
  }
  if (pErr->n > nErr) return DOMAIN_INVALID;
  if (e == STAGE_SHORTLISTED || stage_is_exit(e)) return intake_conflict(pErr, stage_obstacle(e));
  return db_exec(db,
                 "UPDATE case_file SET organisation_id=$1, case_manager_id=$2"
                 " WHERE id=$3 AND agency_id=$4",
                 "iiii", iOrganisation, iCaseManager, iCase, iAgency);
}

/* The checks of a second interview on case c; its case manager through
** *piCaseManager. */
static void intake_check_second(Db *db, int64_t iAgency, const Case *c, const SecondInterview *p,
                                int64_t *piCaseManager, Errors *pErr) {
  intake_check_date(pErr, "held_on", p->zHeldOn, 1);
  if (date_valid(p->zHeldOn) && c->zFirstInterviewOn &&
      strcmp(p->zHeldOn, c->zFirstInterviewOn) < 0) {
    errors_add(pErr, "held_on", N_("cannot be before the first interview"));
  }
  intake_check_text(pErr, "notes", p->zNotes, 4000, 0);
  *piCaseManager = p->iCaseManager ? p->iCaseManager : c->iCaseManager;
  if (p->iCaseManager && p->iCaseManager != c->iCaseManager &&
      !intake_user_has_role(db, iAgency, p->iCaseManager, "case_manager", c->iOrganisation)) {
    errors_add(pErr, "case_manager", N_("not an active case manager of this cooperative"));
  }
}

int intake_second_interview(Db *db, int64_t iAgency, int64_t iCase, const SecondInterview *p,
                            int64_t *piId, Errors *pErr) {
  Arena a = ARENA_INIT;
  Case c;
  int rc = intake_case_get(db, &a, iAgency, iCase, &c);
  int64_t iCaseManager = 0;
  int nErr = pErr->n;
  if (!rc) intake_check_second(db, iAgency, &c, p, &iCaseManager, pErr);
  if (!rc && pErr->n > nErr) rc = DOMAIN_INVALID;
  if (!rc && (c.eStage == STAGE_SHORTLISTED || stage_is_exit(c.eStage))) {
    rc = intake_conflict(pErr, stage_obstacle(c.eStage));
  } else if (!rc && !c.iCaseManager) {
    rc = intake_conflict(pErr, N_("no case manager has been assigned"));
  }
  arena_free(&a);
  if (rc) return rc;
  char zNow[21];
  timestamp_now(zNow);
  rc = domain_one_int(db_query(db,
                               "INSERT INTO second_interview(agency_id, case_id, held_on,"
                               " case_manager_id, notes, created_at) VALUES ($1,$2,$3,$4,$5,$6)"
                               " RETURNING id",
                               "iititt", iAgency, iCase, p->zHeldOn, iCaseManager,
                               intake_or_null(p->zNotes), zNow),
                      piId);
  if (rc) return rc;
  return db_exec(db,
                 "UPDATE case_file SET stage=CASE WHEN stage='first_interview'"
                 " THEN 'second_interview' ELSE stage END,"
                 " second_interview_on=coalesce(second_interview_on, $1)"
                 " WHERE id=$2 AND agency_id=$3",
                 "tii", p->zHeldOn, iCase, iAgency);
}

int intake_second_interviews(Db *db, Arena *a, int64_t iAgency, int64_t iCase,
                             SecondInterview **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT i.id, i.held_on, i.case_manager_id, u.full_name, i.notes"
                       " FROM second_interview i LEFT JOIN app_user u ON u.id=i.case_manager_id"
                       " WHERE i.case_id=$1 AND i.agency_id=$2 ORDER BY i.held_on, i.id",
                       "ii", iCase, iAgency);
  SecondInterview *aS = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aS = intake_grow(a, aS, n, &nAlloc, sizeof *aS);
    SecondInterview *p = &aS[n++];
    p->id = db_col_int(q, 0);
    p->zHeldOn = intake_col(q, a, 1);
    p->iCaseManager = db_col_int(q, 2);
    p->zCaseManager = intake_col(q, a, 3);
    p->zNotes = intake_col(q, a, 4);
  }
  db_done(q);
  *pa = aS;
  *pn = n;
  return rc < 0 ? rc : 0;
}
