/*
** register.c — the activity register of a case (register.h): the kinds of
** entry, who may read and write it and see restricted entries, adding an
** entry with its members, and the timeline (done entries) with filters
** and keyset pagination.  Planning is agenda.c's.
*/
#include "register.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../lib/date.h"
#include "intake.h"

static const char *const azKind[ACT_KIND_COUNT] = {
    "meeting", "phone_call", "home_visit", "email", "school_meeting", "team_meeting", "note"};
static const char *const azKindLabel[ACT_KIND_COUNT] = {
    N_("Meeting"),        N_("Phone call"),   N_("Home visit"), N_("E-mail"),
    N_("School meeting"), N_("Team meeting"), N_("Note")};

const char *register_kind_code(ActivityKind e) {
  return (unsigned)e < ACT_KIND_COUNT ? azKind[e] : NULL;
}

const char *register_kind_label(ActivityKind e) {
  return (unsigned)e < ACT_KIND_COUNT ? azKindLabel[e] : NULL;
}

int register_kind_from_code(const char *z) {
  for (int i = 0; z && i < ACT_KIND_COUNT; i++) {
    if (strcmp(z, azKind[i]) == 0) return i;
  }
  return -1;
}

static const char *const azActivityStatus[ACT_STATUS_COUNT] = {"done", "planned", "cancelled"};

const char *register_status_code(ActivityStatus e) {
  return (unsigned)e < ACT_STATUS_COUNT ? azActivityStatus[e] : NULL;
}

int register_status_from_code(const char *z) {
  for (int i = 0; z && i < ACT_STATUS_COUNT; i++) {
    if (strcmp(z, azActivityStatus[i]) == 0) return i;
  }
  return -1;
}

int register_can_read(Relation e) { return intake_can_read(e) || e == REL_OPERATOR; }

int register_can_write(Relation e) { return register_can_read(e) && e != REL_BREAK_GLASS; }

int register_entry_visible(Relation eRel, int64_t iUser, int64_t iAuthor, int bRestricted) {
  if (!register_can_read(eRel)) return 0;
  if (!bRestricted) return 1;
  return iUser == iAuthor || eRel == REL_HOLDER || eRel == REL_CASE_MANAGER ||
         eRel == REL_MANAGER;
}

/* ---- adding an entry ---- */

/* Check the members: each of the case's household, at most
** REGISTER_MEMBERS_MAX; an error under "members". */
static void register_check_members(Db *db, int64_t iHousehold, const ActivityInput *p,
                                   Errors *pErr) {
  if (p->nMember < 0 || p->nMember > REGISTER_MEMBERS_MAX) {
    errors_add(pErr, "members", N_("at most 20 members"));
    return;
  }
  for (int i = 0; i < p->nMember; i++) {
    if (db_int(db, 0, "SELECT count(*) FROM person WHERE id=$1 AND household_id=$2", "ii",
               p->aMember[i], iHousehold) != 1) {
      errors_add(pErr, "members", N_("is not a member of the case's household"));
      return;
    }
  }
}

void register_check_input(Db *db, int64_t iAgency, const Case *pCase, const ActivityInput *p,
                          int bPlan, Errors *pErr) {
  if (!bPlan) intake_check_date(pErr, "on_date", p->zOn, 1);
  if (domain_blank(p->zKind)) {
    errors_add(pErr, "kind", N_("required"));
  } else if (register_kind_from_code(p->zKind) < 0) {
    errors_add(pErr, "kind", N_("not one of the choices"));
  }
  if (p->nMinutes < 0 || p->nMinutes > REGISTER_MINUTES_MAX) {
    errors_add(pErr, "minutes", N_("must be between 0 and 1440 minutes"));
  }
  register_check_members(db, pCase->iHousehold, p, pErr);
  if (p->iIntervention &&
      db_int(db, 0,
             "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
             " WHERE i.id=$1 AND p.case_id=$2 AND i.agency_id=$3",
             "iii", p->iIntervention, pCase->id, iAgency) != 1) {
    errors_add(pErr, "intervention", N_("is not an intervention of this case"));
  }
  intake_check_text(pErr, "text", p->zText, REGISTER_TEXT_MAX, 1);
}

/* Insert the members of entry iId, each once. */
static int register_insert_members(Db *db, int64_t iId, const ActivityInput *p) {
  for (int i = 0; i < p->nMember; i++) {
    int bSeen = 0;
    for (int j = 0; j < i && !bSeen; j++) bSeen = p->aMember[j] == p->aMember[i];
    if (bSeen) continue;
    int rc = db_exec(db, "INSERT INTO activity_member (activity_id, person_id) VALUES ($1,$2)",
                     "ii", iId, p->aMember[i]);
    if (rc) return rc;
  }
  return 0;
}

int register_insert(Db *db, int64_t iAgency, int64_t iCase, const ActivityInput *p,
                    ActivityStatus eStatus, const char *zTime, int64_t iAuthor, int64_t *piId) {
  Arena a = {0};
  size_t n;
  const char *zTrim = domain_trim(p->zText, &n);
  const char *zText = arena_strndup(&a, zTrim, n);
  int bPlan = eStatus == ACT_PLANNED;
  char zNow[21];
  timestamp_now(zNow);
  int64_t iId = db_int(db, 0,
                       "INSERT INTO activity (agency_id, case_id, on_date, author_id, kind,"
                       " minutes, intervention_id, confidentiality, text, created_at, status,"
                       " planned_on, planned_time, plan_text)"
                       " VALUES ($1,$2,$3,$4,$5,$6,NULLIF($7,0),$8,$9,$10,$11,$12,$13,$14)"
                       " RETURNING id",
                       "iititiittttttt", iAgency, iCase, p->zOn, iAuthor, p->zKind,
                       (int64_t)p->nMinutes, p->iIntervention,
                       p->bRestricted ? "restricted" : "normal", zText, zNow,
                       register_status_code(eStatus), bPlan ? p->zOn : NULL,
                       bPlan && zTime && *zTime ? zTime : NULL, bPlan ? zText : NULL);
  int rc = iId > 0 ? register_insert_members(db, iId, p) : DB_ERROR;
  if (rc == 0 && piId) *piId = iId;
  arena_free(&a);
  return rc;
}

int register_add(Db *db, int64_t iAgency, int64_t iCase, const ActivityInput *p,
                 int64_t iAuthor, int64_t *piId, Errors *pErr) {
  Arena a = {0};
  Case c;
  int rc = intake_case_get(db, &a, iAgency, iCase, &c);
  if (rc == 0) rc = register_add_to(db, iAgency, &c, p, iAuthor, piId, pErr);
  arena_free(&a);
  return rc;
}

int register_add_to(Db *db, int64_t iAgency, const Case *pCase, const ActivityInput *p,
                    int64_t iAuthor, int64_t *piId, Errors *pErr) {
  int nErr = pErr->n;
  register_check_input(db, iAgency, pCase, p, 0, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  return register_insert(db, iAgency, pCase->id, p, ACT_DONE, NULL, iAuthor, piId);
}

/* ---- reading ---- */

void register_row(DbStmt *q, Arena *a, Activity *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->iCase = db_col_int(q, 1);
  p->zOn = arena_strdup(a, db_col_text(q, 2));
  p->iAuthor = db_col_int(q, 3);
  p->zAuthor = arena_strdup(a, db_col_text(q, 4));
  int e = register_kind_from_code(db_col_text(q, 5));
  p->eKind = e < 0 ? ACT_NOTE : (ActivityKind)e;
  p->nMinutes = (int)db_col_int(q, 6);
  p->iIntervention = db_col_int(q, 7);
  p->zServiceIt = arena_strdup(a, db_col_text(q, 8));
  p->zServiceEn = arena_strdup(a, db_col_text(q, 9));
  const char *zConf = db_col_text(q, 10);
  p->bRestricted = zConf && strcmp(zConf, "restricted") == 0;
  p->zText = arena_strdup(a, db_col_text(q, 11));
  p->zCreatedAt = arena_strdup(a, db_col_text(q, 12));
  int e2 = register_status_from_code(db_col_text(q, 13));
  p->eStatus = e2 < 0 ? ACT_DONE : (ActivityStatus)e2;
  p->zPlannedOn = arena_strdup(a, db_col_text(q, 14));
  p->zPlannedTime = arena_strdup(a, db_col_text(q, 15));
  p->zPlanText = arena_strdup(a, db_col_text(q, 16));
  p->zCancelReason = arena_strdup(a, db_col_text(q, 17));
  p->iClosedBy = db_col_int(q, 18);
  p->zClosedBy = arena_strdup(a, db_col_text(q, 19));
  p->zClosedAt = arena_strdup(a, db_col_text(q, 20));
}

/* Read the workers of entry *p (one that was planned), by name. */
static int register_workers(Db *db, Arena *a, Activity *p) {
  DbStmt *q = db_query(db,
                       "SELECT u.id, u.full_name FROM activity_worker w JOIN app_user u"
                       " ON u.id=w.user_id WHERE w.activity_id=$1 ORDER BY u.full_name, u.id",
                       "i", p->id);
  int nAlloc = 0, rc;
  p->nWorker = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    if (p->nWorker == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 4;
      ActivityWorker *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (p->nWorker) memcpy(aNew, p->aWorker, (size_t)p->nWorker * sizeof *aNew);
      p->aWorker = aNew;
    }
    p->aWorker[p->nWorker].iUser = db_col_int(q, 0);
    p->aWorker[p->nWorker++].zFullName = arena_strdup(a, db_col_text(q, 1));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Read the members of entry *p, by last name and first name. */
static int register_members(Db *db, Arena *a, Activity *p) {
  DbStmt *q = db_query(db,
                       "SELECT p.id, p.first_name, p.last_name FROM activity_member m"
                       " JOIN person p ON p.id=m.person_id WHERE m.activity_id=$1"
                       " ORDER BY p.last_name, p.first_name, p.id",
                       "i", p->id);
  int nAlloc = 0, rc;
  p->nMember = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    if (p->nMember == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 4;
      ActivityMember *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (p->nMember) memcpy(aNew, p->aMember, (size_t)p->nMember * sizeof *aNew);
      p->aMember = aNew;
    }
    ActivityMember *m = &p->aMember[p->nMember++];
    m->iPerson = db_col_int(q, 0);
    m->zFirstName = arena_strdup(a, db_col_text(q, 1));
    m->zLastName = arena_strdup(a, db_col_text(q, 2));
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int register_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, int64_t id, Activity *p) {
  DbStmt *q = db_query(db, REGISTER_SELECT " WHERE a.id=$1 AND a.case_id=$2 AND a.agency_id=$3",
                       "iii", id, iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) register_row(q, a, p);
  db_done(q);
  if (rc == DB_DONE) return DOMAIN_NOT_FOUND;
  if (rc < 0) return rc;
  return register_people(db, a, p);
}

int register_people(Db *db, Arena *a, Activity *p) {
  int rc = register_members(db, a, p);
  if (rc == 0 && p->zPlannedOn) rc = register_workers(db, a, p);
  return rc;
}

/* Read the rows of q into a growing array, keeping those the caller may
** see, up to nLimit; *pbMore when a further visible row exists. */
static int register_rows(DbStmt *q, Arena *a, Relation eRel, int64_t iUser, int nLimit,
                         Activity **pa, int *pn, int *pbMore) {
  int nAlloc = 0, rc;
  Activity *aRow = NULL;
  *pn = 0;
  *pbMore = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    Activity x;
    register_row(q, a, &x);
    if (!register_entry_visible(eRel, iUser, x.iAuthor, x.bRestricted)) continue;
    if (*pn == nLimit) {
      *pbMore = 1;
      break;
    }
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      Activity *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (*pn) memcpy(aNew, aRow, (size_t)*pn * sizeof *aNew);
      aRow = aNew;
    }
    aRow[(*pn)++] = x;
  }
  db_done(q);
  *pa = aRow;
  return rc < 0 ? rc : 0;
}

int register_list(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Relation eRel,
                  int64_t iUser, const ActivityFilter *f, Activity **pa, int *pn, int *pbMore) {
  const char *zKind = f->eKind >= 0 ? register_kind_code((ActivityKind)f->eKind) : NULL;
  int nLimit = f->nLimit > 0 ? f->nLimit : REGISTER_PAGE, bMore;
  DbStmt *q = db_query(
      db,
      REGISTER_SELECT
      " WHERE a.agency_id=$1 AND a.case_id=$2 AND a.status='done' AND ($3='' OR a.kind=$3)"
      " AND ($4=0 OR EXISTS (SELECT 1 FROM activity_member m WHERE m.activity_id=a.id"
      " AND m.person_id=$4)) AND (a.on_date<$5 OR (a.on_date=$5 AND a.id<$6))"
      " ORDER BY a.on_date DESC, a.id DESC",
      "iititi", iAgency, iCase, zKind ? zKind : "", f->iMember,
      f->zBeforeOn && date_valid(f->zBeforeOn) ? f->zBeforeOn : "9999-12-31",
      f->zBeforeOn && date_valid(f->zBeforeOn) ? f->iBeforeId : INT64_MAX);
  int rc = register_rows(q, a, eRel, iUser, nLimit, pa, pn, &bMore);
  if (pbMore) *pbMore = bMore;
  for (int i = 0; rc == 0 && i < *pn; i++) rc = register_people(db, a, &(*pa)[i]);
  return rc;
}

int register_count_since(Db *db, int64_t iAgency, int64_t iCase, const char *zSince) {
  return (int)db_int(db, -1,
                     "SELECT count(*) FROM activity WHERE agency_id=$1 AND case_id=$2"
                     " AND status='done' AND coalesce(closed_at, created_at)>=$3",
                     "iit", iAgency, iCase, zSince ? zSince : "");
}

long register_minutes_total(Db *db, int64_t iAgency, int64_t iCase) {
  return (long)db_int(db, -1,
                      "SELECT coalesce(sum(minutes),0) FROM activity WHERE agency_id=$1"
                      " AND case_id=$2 AND status='done'",
                      "ii", iAgency, iCase);
}
