/*
** coordination.c — the weekly team meeting of a social worker (the view
** of what to discuss, and recording it with a minute per case into each
** case's register) and "my day" (what needs a user today).  Rules in
** coordination.h; the register and the requests are register.c's and
** request.c's, read through their functions.
*/
#include "coordination.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/i18n.h"
#include "register.h"

#define CO_ACTIVE "c.closed_at IS NULL AND c.stage NOT IN ('not_suitable','withdrew')"

/* Room for one more element in the arena array pa of n elements. */
static void *coord_grow(Arena *a, void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return pa;
  *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 16;
  void *pNew = arena_alloc(a, sz * (size_t)*pnAlloc);
  if (n) memcpy(pNew, pa, sz * (size_t)n);
  return pNew;
}

static const char *coord_col(DbStmt *q, Arena *a, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

/* Today and now when the caller gave NULL (zT, zN hold them). */
static void coord_clock(const char **pzToday, char zT[11], const char **pzNow, char zN[21]) {
  if (!*pzToday) {
    date_today(zT);
    *pzToday = zT;
  }
  if (!*pzNow) {
    timestamp_now(zN);
    *pzNow = zN;
  }
}

/* zToday plus nDays into zOut. */
static void coord_add_days(const char *zToday, int nDays, char zOut[11]) {
  int y, m, d;
  date_parse(zToday, &y, &m, &d);
  date_from_days(date_days(y, m, d) + nDays, zOut);
}

/* ------------------------------------------------------------------ */
/* Interventions starting or ending soon                               */
/* ------------------------------------------------------------------ */

/* The interventions of case iCase (0: any) of active cases that user
** iUser (0: anyone) holds or delivers, planned to start or due to end in
** [zFrom, zTo]. */
static int coord_iv_soon(Db *db, Arena *a, int64_t iAgency, int64_t iCase, int64_t iUser,
                         const char *zFrom, const char *zTo, int iLang, IvSoon **pa, int *pn) {
  DbStmt *q = db_query(
      db,
      "SELECT i.id, pr.case_id, s.name_it, s.name_en, pe.first_name, pe.last_name, i.status,"
      " CASE WHEN i.status='planned' THEN i.planned_start ELSE i.planned_end END AS soon"
      " FROM intervention i JOIN project pr ON pr.id=i.project_id"
      " JOIN case_file c ON c.id=pr.case_id JOIN service s ON s.id=i.service_id"
      " JOIN person pe ON pe.id=i.person_id"
      " WHERE i.agency_id=$1 AND ($2=0 OR pr.case_id=$2) AND " CO_ACTIVE
      " AND ($3=0 OR c.social_worker_id=$3 OR c.case_manager_id=$3"
      "   OR c.psychotherapist_id=$3 OR i.operator_id=$3)"
      " AND ((i.status='planned' AND i.planned_start BETWEEN $4 AND $5)"
      "   OR (i.status IN ('active','suspended') AND i.planned_end BETWEEN $4 AND $5))"
      " ORDER BY soon, i.id",
      "iiitt", iAgency, iCase, iUser, zFrom, zTo);
  int rc, n = 0, nAlloc = 0;
  IvSoon *aIv = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aIv = coord_grow(a, aIv, n, &nAlloc, sizeof *aIv);
    IvSoon *p = &aIv[n++];
    p->id = db_col_int(q, 0);
    p->iCase = db_col_int(q, 1);
    p->zService = coord_col(q, a, iLang == LANG_EN ? 3 : 2);
    p->zFirstName = coord_col(q, a, 4);
    p->zLastName = coord_col(q, a, 5);
    p->zStatus = coord_col(q, a, 6);
    p->bStarting = strcmp(p->zStatus, "planned") == 0;
    p->zOn = coord_col(q, a, 7);
  }
  db_done(q);
  *pa = aIv;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* The team meeting                                                    */
/* ------------------------------------------------------------------ */

/* The last meeting of the social worker and the timestamp "new" counts
** from: the second after the meeting's created_at (set once its minutes
** were written), or 7 days before zNow without a meeting. */
static void coord_last_meeting(Db *db, Arena *a, int64_t iAgency, const char *zNow,
                               MeetingView *p) {
  DbStmt *q = db_query(db,
                       "SELECT id, held_on, created_at FROM team_meeting"
                       " WHERE agency_id=$1 AND social_worker_id=$2"
                       " ORDER BY held_on DESC, id DESC LIMIT 1",
                       "ii", iAgency, p->iSocialWorker);
  if (db_step(q) == DB_ROW) {
    p->iLastMeeting = db_col_int(q, 0);
    p->zLastHeldOn = coord_col(q, a, 1);
    p->zSince = coord_col(q, a, 2);
  }
  db_done(q);
  char z[21];
  int64_t t = p->zSince ? timestamp_seconds(p->zSince) + 1 : timestamp_seconds(zNow) - 7 * 86400;
  timestamp_format(t, z);
  p->zSince = arena_strdup(a, z);
}

/* The counts and interventions of one case of the meeting. */
static int coord_case_items(Db *db, Arena *a, int64_t iAgency, const MeetingView *pV,
                            const char *zToday, const char *zNow, int iLang, MeetingCase *p) {
  char zTo[11];
  coord_add_days(zToday, COORD_SOON_DAYS, zTo);
  p->nNewActivity = register_count_since(db, iAgency, p->iCase, pV->zSince);
  if (p->nNewActivity < 0) return DB_ERROR;
  int rc =
      request_case_counts(db, iAgency, p->iCase, pV->zSince, zNow, &p->nNewRequests, &p->nOverdue);
  if (!rc) rc = coord_iv_soon(db, a, iAgency, p->iCase, 0, zToday, zTo, iLang, &p->aIv, &p->nIv);
  p->bToDiscuss = p->nNewActivity || p->nNewRequests || p->nOverdue || p->nIv;
  return rc;
}

/* The active cases of the meeting, by name. */
static int coord_meeting_cases(Db *db, Arena *a, int64_t iAgency, int64_t iCaseManager,
                               MeetingView *p) {
  DbStmt *q = db_query(db,
                       "SELECT c.id, pe.person_ref, pe.first_name, pe.last_name, c.stage,"
                       " coalesce(c.case_manager_id,0), cm.full_name"
                       " FROM case_file c JOIN person pe ON pe.id=c.person_id"
                       " LEFT JOIN app_user cm ON cm.id=c.case_manager_id"
                       " WHERE c.agency_id=$1 AND c.social_worker_id=$2 AND " CO_ACTIVE
                       " AND ($3=0 OR c.case_manager_id=$3)"
                       " ORDER BY pe.last_name, pe.first_name, c.id",
                       "iii", iAgency, p->iSocialWorker, iCaseManager);
  int rc, n = 0, nAlloc = 0;
  MeetingCase *aC = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aC = coord_grow(a, aC, n, &nAlloc, sizeof *aC);
    MeetingCase *pC = &aC[n++];
    pC->iCase = db_col_int(q, 0);
    pC->zPersonRef = coord_col(q, a, 1);
    pC->zFirstName = coord_col(q, a, 2);
    pC->zLastName = coord_col(q, a, 3);
    pC->eStage = (Stage)stage_from_code(db_col_text(q, 4));
    pC->iCaseManager = db_col_int(q, 5);
    pC->zCaseManager = coord_col(q, a, 6);
  }
  db_done(q);
  p->aCase = aC;
  p->nCase = n;
  return rc < 0 ? rc : 0;
}

/* Cases to discuss first, each group keeping its order by name. */
static void coord_sort_cases(Arena *a, MeetingView *p) {
  MeetingCase *aSorted = arena_alloc(a, sizeof *aSorted * (size_t)(p->nCase + 1));
  int k = 0;
  for (int pass = 1; pass >= 0; pass--) {
    for (int i = 0; i < p->nCase; i++) {
      if (p->aCase[i].bToDiscuss == pass) aSorted[k++] = p->aCase[i];
    }
  }
  if (p->nCase) memcpy(p->aCase, aSorted, sizeof *aSorted * (size_t)p->nCase);
}

int coord_meeting_view(Db *db, Arena *a, int64_t iAgency, int64_t iSocialWorker,
                       int64_t iCaseManager, const char *zToday, const char *zNow, int iLang,
                       MeetingView *p) {
  char zT[11], zN[21];
  coord_clock(&zToday, zT, &zNow, zN);
  memset(p, 0, sizeof *p);
  p->iSocialWorker = iSocialWorker;
  p->zSocialWorker = db_text(db, a,
                             "SELECT u.full_name FROM app_user u JOIN user_role r ON"
                             " r.user_id=u.id AND r.role='social_worker'"
                             " WHERE u.id=$1 AND u.agency_id=$2",
                             "ii", iSocialWorker, iAgency);
  if (!p->zSocialWorker) return DOMAIN_NOT_FOUND;
  coord_last_meeting(db, a, iAgency, zNow, p);
  int rc = coord_meeting_cases(db, a, iAgency, iCaseManager, p);
  for (int i = 0; !rc && i < p->nCase; i++) {
    rc = coord_case_items(db, a, iAgency, p, zToday, zNow, iLang, &p->aCase[i]);
  }
  if (!rc) coord_sort_cases(a, p);
  return rc;
}

int coord_social_workers_of(Db *db, Arena *a, int64_t iAgency, int64_t iCaseManager, User **pa,
                            int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT DISTINCT u.id, u.username, u.full_name FROM case_file c"
                       " JOIN app_user u ON u.id=c.social_worker_id"
                       " WHERE c.agency_id=$1 AND c.case_manager_id=$2 AND " CO_ACTIVE
                       " ORDER BY u.full_name, u.id",
                       "ii", iAgency, iCaseManager);
  int rc, n = 0, nAlloc = 0;
  User *aU = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aU = coord_grow(a, aU, n, &nAlloc, sizeof *aU);
    User *p = &aU[n++];
    p->id = db_col_int(q, 0);
    p->iAgency = iAgency;
    p->zUsername = coord_col(q, a, 1);
    p->zFullName = coord_col(q, a, 2);
  }
  db_done(q);
  *pa = aU;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* The checks of one minute: the case, its text. */
static void coord_check_minute(Db *db, Arena *a, int64_t iAgency, const MeetingInput *p, int i,
                               Errors *pErr) {
  const MeetingMinute *pM = &p->aMinute[i];
  const char *zField = arena_printf(a, "minute.%lld", (long long)pM->iCase);
  for (int j = 0; j < i; j++) {
    if (p->aMinute[j].iCase == pM->iCase) {
      errors_add(pErr, zField, N_("this case is discussed twice"));
      return;
    }
  }
  if (!db_int(db, 0,
              "SELECT count(*) FROM case_file c WHERE c.agency_id=$1 AND c.id=$2"
              " AND c.social_worker_id=$3 AND ($4=0 OR c.case_manager_id=$4) AND " CO_ACTIVE,
              "iiii", iAgency, pM->iCase, p->iSocialWorker, p->iCaseManager)) {
    errors_add(pErr, zField, N_("not an active case of this social worker you work on"));
    return;
  }
  intake_check_text(pErr, zField, pM->zMinute, REGISTER_TEXT_MAX, 1);
}

static void coord_check_meeting(Db *db, Arena *a, int64_t iAgency, const MeetingInput *p,
                                Errors *pErr) {
  if (!intake_user_has_role(db, iAgency, p->iSocialWorker, "social_worker", 0)) {
    errors_add(pErr, "social_worker", N_("not an active social worker of the agency"));
  }
  intake_check_date(pErr, "held_on", p->zHeldOn, 1);
  intake_check_text(pErr, "notes", p->zNotes, COORD_NOTES_MAX, 0);
  if (p->nMinute < 1) {
    errors_add(pErr, "minutes", N_("write the minute of at least one case"));
  } else if (p->nMinute > COORD_MINUTES_MAX) {
    errors_add(pErr, "minutes", N_("at most 60 cases in one meeting"));
  }
  for (int i = 0; i < p->nMinute && i < COORD_MINUTES_MAX; i++) {
    coord_check_minute(db, a, iAgency, p, i, pErr);
  }
}

/* Store one case's minute and write it into the case's register. */
static int coord_write_minute(Db *db, int64_t iAgency, int64_t iMeeting, const char *zHeldOn,
                              const MeetingMinute *pM, int64_t iBy, Errors *pErr) {
  int rc =
      db_exec(db, "INSERT INTO team_meeting_case(meeting_id, case_id, minute) VALUES ($1,$2,$3)",
              "iit", iMeeting, pM->iCase, pM->zMinute);
  if (rc) return rc;
  ActivityInput in = {zHeldOn, "team_meeting", 0, NULL, 0, 0, 0, pM->zMinute};
  return register_add(db, iAgency, pM->iCase, &in, iBy, NULL, pErr);
}

int coord_meeting_record(Db *db, Arena *a, int64_t iAgency, const MeetingInput *p, int64_t iBy,
                         int64_t *piMeeting, Errors *pErr) {
  int nErr = pErr->n;
  coord_check_meeting(db, a, iAgency, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  char zNow[21];
  timestamp_now(zNow);
  int64_t iMeeting = 0;
  int rc = domain_one_int(db_query(db,
                                   "INSERT INTO team_meeting(agency_id, social_worker_id, held_on,"
                                   " notes, created_by, created_at)"
                                   " VALUES ($1,$2,$3,$4,NULLIF($5,0),$6) RETURNING id",
                                   "iittit", iAgency, p->iSocialWorker, p->zHeldOn,
                                   domain_blank(p->zNotes) ? NULL : p->zNotes, iBy, zNow),
                          &iMeeting);
  for (int i = 0; !rc && i < p->nMinute; i++) {
    rc = coord_write_minute(db, iAgency, iMeeting, p->zHeldOn, &p->aMinute[i], iBy, pErr);
  }
  /* created_at is when the minutes were written, so that they are not
  ** "new" at the next meeting (see coord_last_meeting) */
  timestamp_now(zNow);
  if (!rc)
    rc = db_exec(db, "UPDATE team_meeting SET created_at=$1 WHERE id=$2", "ti", zNow, iMeeting);
  if (!rc && piMeeting) *piMeeting = iMeeting;
  return rc;
}

int coord_meetings(Db *db, Arena *a, int64_t iAgency, int64_t iSocialWorker, int nLimit,
                   Meeting **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT m.id, m.held_on, m.notes, u.full_name,"
                       " (SELECT count(*) FROM team_meeting_case t WHERE t.meeting_id=m.id)"
                       " FROM team_meeting m LEFT JOIN app_user u ON u.id=m.created_by"
                       " WHERE m.agency_id=$1 AND m.social_worker_id=$2"
                       " ORDER BY m.held_on DESC, m.id DESC LIMIT $3",
                       "iii", iAgency, iSocialWorker, (int64_t)nLimit);
  int rc, n = 0, nAlloc = 0;
  Meeting *aM = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    aM = coord_grow(a, aM, n, &nAlloc, sizeof *aM);
    Meeting *p = &aM[n++];
    p->id = db_col_int(q, 0);
    p->zHeldOn = coord_col(q, a, 1);
    p->zNotes = coord_col(q, a, 2);
    p->zCreatedBy = coord_col(q, a, 3);
    p->nCase = (int)db_col_int(q, 4);
  }
  db_done(q);
  *pa = aM;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* My day                                                              */
/* ------------------------------------------------------------------ */

/* Open requests assigned to the user, overdue first (newest first within). */
static int coord_my_requests(Db *db, Arena *a, int64_t iAgency, int64_t iUser, const char *zNow,
                             MyDay *p) {
  RequestFilter f = {0};
  f.iAssignee = iUser;
  f.bOpen = 1;
  Request *aR;
  int n;
  int rc = request_list(db, a, iAgency, &f, zNow, &aR, &n);
  if (rc) return rc;
  p->aReq = arena_alloc(a, sizeof *p->aReq * (size_t)(n + 1));
  for (int pass = 1; pass >= 0; pass--) {
    for (int i = 0; i < n; i++) {
      if (aR[i].bOverdue == pass) p->aReq[p->nReq++] = aR[i];
    }
  }
  for (int i = 0; i < n; i++) p->nOverdue += aR[i].bOverdue;
  return 0;
}

static int coord_my_sessions(Db *db, Arena *a, int64_t iAgency, int64_t iUser, const char *zToday,
                             MyDay *p) {
  char zTo[11];
  coord_add_days(zToday, 6, zTo);
  DbStmt *q = db_query(db,
                       "SELECT e.id, e.title, s.on_date, e.place FROM course_session s"
                       " JOIN course_edition e ON e.id=s.edition_id"
                       " WHERE e.agency_id=$1 AND e.trainer_id=$2 AND e.status<>'cancelled'"
                       " AND s.on_date BETWEEN $3 AND $4 ORDER BY s.on_date, e.title, s.id",
                       "iitt", iAgency, iUser, zToday, zTo);
  int rc, nAlloc = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    p->aSession = coord_grow(a, p->aSession, p->nSession, &nAlloc, sizeof *p->aSession);
    DaySession *pS = &p->aSession[p->nSession++];
    pS->iEdition = db_col_int(q, 0);
    pS->zTitle = coord_col(q, a, 1);
    pS->zOn = coord_col(q, a, 2);
    pS->zPlace = coord_col(q, a, 3);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

static int coord_my_forms(Db *db, Arena *a, int64_t iAgency, int64_t iUser, const char *zToday,
                          MyDay *p) {
  char zSoon[11];
  coord_add_days(zToday, COORD_SOON_DAYS, zSoon);
  DbStmt *q = db_query(
      db,
      "SELECT c.id, pe.first_name, pe.last_name, 'access_form' AS kind, r.end_date AS due"
      " FROM case_file c JOIN person pe ON pe.id=c.person_id LEFT JOIN round r ON r.id=c.round_id"
      " WHERE c.agency_id=$1 AND c.social_worker_id=$2 AND c.stage='shortlisted'"
      " AND c.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM access_form f WHERE f.case_id=c.id)"
      " UNION ALL"
      " SELECT c.id, pe.first_name, pe.last_name, 'project', r.end_date"
      " FROM case_file c JOIN person pe ON pe.id=c.person_id LEFT JOIN round r ON r.id=c.round_id"
      " WHERE c.agency_id=$1 AND c.case_manager_id=$2"
      " AND c.stage IN ('first_interview','second_interview') AND c.closed_at IS NULL"
      " UNION ALL"
      " SELECT c.id, pe.first_name, pe.last_name, 'evaluation', r.end_date"
      " FROM case_file c JOIN person pe ON pe.id=c.person_id LEFT JOIN round r ON r.id=c.round_id"
      " JOIN project pj ON pj.case_id=c.id"
      " WHERE c.agency_id=$1 AND c.case_manager_id=$2 AND c.stage='agreed'"
      " AND c.closed_at IS NULL AND (r.end_date <= $3"
      "  OR (EXISTS (SELECT 1 FROM intervention i WHERE i.project_id=pj.id)"
      "   AND NOT EXISTS (SELECT 1 FROM intervention i WHERE i.project_id=pj.id"
      "    AND i.status IN ('planned','active','suspended'))))"
      " ORDER BY 4, 5, 1",
      "iit", iAgency, iUser, zSoon);
  int rc, nAlloc = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    p->aForm = coord_grow(a, p->aForm, p->nForm, &nAlloc, sizeof *p->aForm);
    DueForm *pF = &p->aForm[p->nForm++];
    pF->iCase = db_col_int(q, 0);
    pF->zFirstName = coord_col(q, a, 1);
    pF->zLastName = coord_col(q, a, 2);
    pF->zKind = coord_col(q, a, 3);
    pF->zDue = coord_col(q, a, 4);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int coord_my_day(Db *db, Arena *a, int64_t iAgency, const User *pUser, const char *zToday,
                 const char *zNow, int iLang, MyDay *p) {
  char zT[11], zN[21], zTo[11];
  coord_clock(&zToday, zT, &zNow, zN);
  memset(p, 0, sizeof *p);
  coord_add_days(zToday, COORD_SOON_DAYS, zTo);
  int rc = coord_my_requests(db, a, iAgency, pUser->id, zNow, p);
  if (!rc) rc = coord_my_sessions(db, a, iAgency, pUser->id, zToday, p);
  if (!rc) rc = coord_iv_soon(db, a, iAgency, 0, pUser->id, zToday, zTo, iLang, &p->aIv, &p->nIv);
  if (!rc) rc = coord_my_forms(db, a, iAgency, pUser->id, zToday, p);
  if (!rc) {
    p->nCases = (int)db_int(db, -1,
                            "SELECT count(*) FROM case_file c WHERE c.agency_id=$1 AND " CO_ACTIVE
                            " AND (c.social_worker_id=$2 OR c.case_manager_id=$2"
                            " OR c.psychotherapist_id=$2)",
                            "ii", iAgency, pUser->id);
    if (p->nCases < 0) rc = DB_ERROR;
  }
  return rc;
}
