/*
** handover.c — the assignment history of cases, the caseload handover of
** a leaving worker, and the check of cases without an active worker (see
** handover.h for the rules).  The SQL names a role's column of case_file
** literally, so each query that depends on the role comes in three
** variants, indexed by CaseRole.
*/
#include "handover.h"

#include <assert.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/date.h"
#include "../lib/jsonw.h"
#include "policy.h"

/* clang-format off */
static const char *const handover_azRole[CASE_ROLE_COUNT][2] = {
    {"social_worker",   N_("Social worker")},
    {"case_manager",    N_("Case manager")},
    {"psychotherapist", N_("Psychotherapist")},
};

/* A case is active: not closed, candidacy not ended. */
#define HO_ACTIVE "c.closed_at IS NULL AND c.stage NOT IN ('not_suitable','withdrew')"
#define HO_CASE_COLS "c.id, p.person_ref, p.first_name, p.last_name, c.stage, c.person_id"

/* The active cases of $2 in a role, by id. */
static const char *const handover_azCasesSql[CASE_ROLE_COUNT] = {
    "SELECT " HO_CASE_COLS " FROM case_file c JOIN person p ON p.id=c.person_id"
    " WHERE c.agency_id=$1 AND c.social_worker_id=$2 AND " HO_ACTIVE " ORDER BY c.id",
    "SELECT " HO_CASE_COLS " FROM case_file c JOIN person p ON p.id=c.person_id"
    " WHERE c.agency_id=$1 AND c.case_manager_id=$2 AND " HO_ACTIVE " ORDER BY c.id",
    "SELECT " HO_CASE_COLS " FROM case_file c JOIN person p ON p.id=c.person_id"
    " WHERE c.agency_id=$1 AND c.psychotherapist_id=$2 AND " HO_ACTIVE " ORDER BY c.id",
};
/* The present holder of a role on case $2 (0: none); -1 when inactive case. */
static const char *const handover_azHolderSql[CASE_ROLE_COUNT] = {
    "SELECT coalesce(c.social_worker_id,0) FROM case_file c WHERE c.agency_id=$1 AND c.id=$2",
    "SELECT coalesce(c.case_manager_id,0) FROM case_file c WHERE c.agency_id=$1 AND c.id=$2",
    "SELECT coalesce(c.psychotherapist_id,0) FROM case_file c WHERE c.agency_id=$1 AND c.id=$2",
};
static const char *const handover_azSetSql[CASE_ROLE_COUNT] = {
    "UPDATE case_file SET social_worker_id=$1 WHERE agency_id=$2 AND id=$3",
    "UPDATE case_file SET case_manager_id=$1, organisation_id=$4 WHERE agency_id=$2 AND id=$3",
    "UPDATE case_file SET psychotherapist_id=$1 WHERE agency_id=$2 AND id=$3",
};
static const char *const handover_azCountSql[CASE_ROLE_COUNT] = {
    "SELECT count(*) FROM case_file c WHERE c.agency_id=$1 AND c.social_worker_id=$2 AND " HO_ACTIVE,
    "SELECT count(*) FROM case_file c WHERE c.agency_id=$1 AND c.case_manager_id=$2 AND " HO_ACTIVE,
    "SELECT count(*) FROM case_file c WHERE c.agency_id=$1 AND c.psychotherapist_id=$2 AND " HO_ACTIVE,
};
/* clang-format on */

const char *case_role_code(CaseRole e) {
  return (unsigned)e < CASE_ROLE_COUNT ? handover_azRole[e][0] : NULL;
}

const char *case_role_label(CaseRole e) {
  return (unsigned)e < CASE_ROLE_COUNT ? handover_azRole[e][1] : NULL;
}

int case_role_from_code(const char *z) {
  for (int i = 0; z && i < CASE_ROLE_COUNT; i++) {
    if (strcmp(z, handover_azRole[i][0]) == 0) return i;
  }
  return -1;
}

unsigned case_role_bit(CaseRole e) {
  static const unsigned aBit[CASE_ROLE_COUNT] = {ROLE_SOCIAL_WORKER, ROLE_CASE_MANAGER,
                                                 ROLE_PSYCHOTHERAPIST};
  return (unsigned)e < CASE_ROLE_COUNT ? aBit[e] : 0;
}

void handover_spread(int nCase, int nTo, int *aiTo) {
  assert(nTo > 0);
  for (int i = 0; i < nCase; i++) aiTo[i] = i % nTo;
}

int handover_caseload(Db *db, int64_t iAgency, int64_t iUser, CaseRole eRole) {
  assert((unsigned)eRole < CASE_ROLE_COUNT);
  return (int)db_int(db, -1, handover_azCountSql[eRole], "ii", iAgency, iUser);
}

/* ------------------------------------------------------------------ */
/* Planning                                                            */
/* ------------------------------------------------------------------ */

/* Check the colleagues and read them into p->aTo. */
static void handover_check_to(Db *db, Arena *a, int64_t iAgency, CaseRole eRole,
                              const int64_t *aiTo, int nTo, HandoverPlan *p, Errors *pErr) {
  if (nTo < 1) {
    errors_add(pErr, "to", N_("choose at least one colleague"));
    return;
  }
  if (nTo > HANDOVER_TO_MAX) {
    errors_add(pErr, "to", N_("at most 20 colleagues"));
    return;
  }
  p->aTo = arena_alloc(a, sizeof(User) * (size_t)nTo);
  for (int i = 0; i < nTo; i++) {
    for (int j = 0; j < i; j++) {
      if (aiTo[j] == aiTo[i]) {
        errors_add(pErr, "to", N_("a colleague is named twice"));
        return;
      }
    }
    if (aiTo[i] == p->from.id) {
      errors_add(pErr, "to", N_("the cases cannot be handed over to the person leaving"));
      return;
    }
    int64_t iOrg = eRole == CASE_ROLE_CASE_MANAGER ? p->from.iOrganisation : 0;
    if (user_get(db, a, iAgency, aiTo[i], &p->aTo[i]) ||
        !intake_user_has_role(db, iAgency, aiTo[i], case_role_code(eRole), iOrg) ||
        (eRole == CASE_ROLE_CASE_MANAGER && !iOrg)) {
      errors_add(
          pErr, "to",
          eRole == CASE_ROLE_CASE_MANAGER ? N_("not an active case manager of the same cooperative")
          : eRole == CASE_ROLE_SOCIAL_WORKER ? N_("not an active social worker of the agency")
                                             : N_("not an active psychotherapist of the agency"));
      return;
    }
  }
  p->nTo = nTo;
}

/* Read the active cases of p->from in p->eRole into p->aItem. */
static int handover_read_items(Db *db, Arena *a, int64_t iAgency, HandoverPlan *p) {
  DbStmt *q = db_query(db, handover_azCasesSql[p->eRole], "ii", iAgency, p->from.id);
  int rc, n = 0, nAlloc = 0;
  HandoverItem *aItem = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      HandoverItem *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aItem, sizeof *aNew * (size_t)n);
      aItem = aNew;
    }
    HandoverItem *pI = &aItem[n++];
    pI->iCase = db_col_int(q, 0);
    pI->zPersonRef = arena_strdup(a, db_col_text(q, 1));
    pI->zFirstName = arena_strdup(a, db_col_text(q, 2));
    pI->zLastName = arena_strdup(a, db_col_text(q, 3));
    pI->eStage = (Stage)stage_from_code(db_col_text(q, 4));
    pI->iPerson = db_col_int(q, 5);
  }
  db_done(q);
  p->aItem = aItem;
  p->nItem = n;
  return rc < 0 ? rc : 0;
}

int handover_plan(Db *db, Arena *a, int64_t iAgency, int64_t iFrom, CaseRole eRole,
                  const int64_t *aiTo, int nTo, const char *zNote, HandoverPlan *p, Errors *pErr) {
  assert((unsigned)eRole < CASE_ROLE_COUNT);
  memset(p, 0, sizeof *p);
  p->eRole = eRole;
  int nErr = pErr->n;
  if (user_get(db, a, iAgency, iFrom, &p->from)) {
    errors_add(pErr, "from", N_("not an account of the agency"));
    return DOMAIN_INVALID;
  }
  handover_check_to(db, a, iAgency, eRole, aiTo, nTo, p, pErr);
  intake_check_text(pErr, "note", zNote, HANDOVER_NOTE_MAX, 0);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  p->zNote = domain_blank(zNote) ? NULL : arena_strdup(a, zNote);
  int rc = handover_read_items(db, a, iAgency, p);
  if (rc) return rc;
  int *aiSpread = arena_alloc(a, sizeof(int) * (size_t)(p->nItem + 1));
  handover_spread(p->nItem, p->nTo, aiSpread);
  for (int i = 0; i < p->nItem; i++) p->aItem[i].iTo = aiSpread[i];
  return 0;
}

const char *handover_audit_detail(Arena *a, const HandoverPlan *p, int i) {
  const HandoverItem *pI = &p->aItem[i];
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "role", case_role_code(p->eRole));
  jw_kv_str(&w, "from", p->from.zUsername);
  jw_kv_str(&w, "to", p->aTo[pI->iTo].zUsername);
  jw_kv_str(&w, "note", pI->zNote ? pI->zNote : p->zNote);
  jw_obj_end(&w);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* ------------------------------------------------------------------ */
/* Reassigning                                                         */
/* ------------------------------------------------------------------ */

/* 1 when case iCase of the agency is active; -1 when it does not exist. */
static int handover_case_active(Db *db, int64_t iAgency, int64_t iCase) {
  return (int)db_int(db, -1,
                     "SELECT CASE WHEN " HO_ACTIVE
                     " THEN 1 ELSE 0 END FROM case_file c"
                     " WHERE c.agency_id=$1 AND c.id=$2",
                     "ii", iAgency, iCase);
}

/* Check the new holder iTo of role eRole on case iCase; the cooperative
** of a case manager through *piOrg. */
static void handover_check_holder(Db *db, int64_t iAgency, int64_t iCase, CaseRole eRole,
                                  int64_t iTo, int64_t *piOrg, Errors *pErr) {
  *piOrg = 0;
  if (eRole != CASE_ROLE_CASE_MANAGER) {
    if (!intake_user_has_role(db, iAgency, iTo, case_role_code(eRole), 0)) {
      errors_add(pErr, "to",
                 eRole == CASE_ROLE_SOCIAL_WORKER
                     ? N_("not an active social worker of the agency")
                     : N_("not an active psychotherapist of the agency"));
    }
    return;
  }
  int64_t iCaseOrg = db_int(db, 0,
                            "SELECT coalesce(organisation_id,0) FROM case_file"
                            " WHERE agency_id=$1 AND id=$2",
                            "ii", iAgency, iCase);
  int64_t iUserOrg = db_int(db, 0,
                            "SELECT coalesce(organisation_id,0) FROM app_user"
                            " WHERE agency_id=$1 AND id=$2",
                            "ii", iAgency, iTo);
  *piOrg = iCaseOrg ? iCaseOrg : iUserOrg;
  if (!*piOrg || !intake_user_has_role(db, iAgency, iTo, "case_manager", *piOrg)) {
    errors_add(pErr, "to", N_("not an active case manager of the case's cooperative"));
  }
}

/* Move the case's open requests assigned to iFrom to iTo. */
static int handover_move_requests(Db *db, int64_t iAgency, int64_t iCase, int64_t iFrom,
                                  int64_t iTo) {
  if (!iFrom) return 0;
  return db_exec(db,
                 "UPDATE request SET assignee_id=$1 WHERE agency_id=$2 AND case_id=$3"
                 " AND assignee_id=$4 AND resolved_at IS NULL",
                 "iiii", iTo, iAgency, iCase, iFrom);
}

int handover_reassign(Db *db, int64_t iAgency, int64_t iCase, CaseRole eRole, int64_t iTo,
                      const char *zNote, int64_t iBy, Errors *pErr) {
  assert((unsigned)eRole < CASE_ROLE_COUNT);
  int bActive = handover_case_active(db, iAgency, iCase);
  if (bActive < 0) return DOMAIN_NOT_FOUND;
  int nErr = pErr->n;
  int64_t iOrg;
  handover_check_holder(db, iAgency, iCase, eRole, iTo, &iOrg, pErr);
  intake_check_text(pErr, "note", zNote, HANDOVER_NOTE_MAX, 0);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  if (!bActive) {
    errors_add(pErr, "case", N_("the case is closed or the candidacy has ended"));
    return DOMAIN_CONFLICT;
  }
  int64_t iFrom = db_int(db, 0, handover_azHolderSql[eRole], "ii", iAgency, iCase);
  if (iFrom == iTo) return 0;
  int rc = eRole == CASE_ROLE_CASE_MANAGER
               ? db_exec(db, handover_azSetSql[eRole], "iiii", iTo, iAgency, iCase, iOrg)
               : db_exec(db, handover_azSetSql[eRole], "iii", iTo, iAgency, iCase);
  if (!rc) {
    rc = db_exec(db,
                 "UPDATE case_assignment SET note=$1, assigned_by=NULLIF($2,0)"
                 " WHERE agency_id=$3 AND case_id=$4 AND role=$5 AND to_at IS NULL",
                 "tiiit", domain_blank(zNote) ? NULL : zNote, iBy, iAgency, iCase,
                 case_role_code(eRole));
  }
  if (!rc) rc = handover_move_requests(db, iAgency, iCase, iFrom, iTo);
  return rc;
}

int handover_apply(Db *db, Arena *a, int64_t iAgency, const HandoverPlan *p, int64_t iBy,
                   Errors *pErr) {
  for (int i = 0; i < p->nItem; i++) {
    const HandoverItem *pI = &p->aItem[i];
    int64_t iHolder = db_int(db, 0, handover_azHolderSql[p->eRole], "ii", iAgency, pI->iCase);
    if (iHolder != p->from.id || handover_case_active(db, iAgency, pI->iCase) != 1) {
      errors_add(pErr, "case", N_("a case changed hands meanwhile: prepare the handover again"));
      return DOMAIN_CONFLICT;
    }
    Errors e = {.n = 0};
    const char *zNote = pI->zNote ? pI->zNote : p->zNote;
    int rc =
        handover_reassign(db, iAgency, pI->iCase, p->eRole, p->aTo[pI->iTo].id, zNote, iBy, &e);
    if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
      for (int k = 0; k < e.n; k++) {
        int bNote = strcmp(e.a[k].zField, "note") == 0;
        errors_add(pErr, bNote ? arena_printf(a, "note.%lld", (long long)pI->iCase) : e.a[k].zField,
                   e.a[k].zMsg);
      }
    }
    if (rc) return rc;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* History and orphans                                                 */
/* ------------------------------------------------------------------ */

int handover_history(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Assignment **pa, int *pn) {
  int n = (int)db_int(db, 0,
                      "SELECT count(*) FROM case_assignment WHERE agency_id=$1"
                      " AND case_id=$2",
                      "ii", iAgency, iCase);
  Assignment *aA = arena_alloc(a, sizeof *aA * (size_t)(n + 1));
  DbStmt *q = db_query(db,
                       "SELECT h.id, h.role, h.user_id, u.username, u.full_name, h.from_at,"
                       " h.to_at, h.note, b.full_name FROM case_assignment h"
                       " JOIN app_user u ON u.id=h.user_id"
                       " LEFT JOIN app_user b ON b.id=h.assigned_by"
                       " WHERE h.agency_id=$1 AND h.case_id=$2 ORDER BY h.from_at, h.id",
                       "ii", iAgency, iCase);
  int rc, i = 0;
  while ((rc = db_step(q)) == DB_ROW && i < n) {
    Assignment *p = &aA[i++];
    p->id = db_col_int(q, 0);
    p->eRole = (CaseRole)case_role_from_code(db_col_text(q, 1));
    p->iUser = db_col_int(q, 2);
    p->zUsername = arena_strdup(a, db_col_text(q, 3));
    p->zUser = arena_strdup(a, db_col_text(q, 4));
    p->zFromAt = arena_strdup(a, db_col_text(q, 5));
    p->zToAt = arena_strdup(a, db_col_text(q, 6));
    p->zNote = arena_strdup(a, db_col_text(q, 7));
    p->zAssignedBy = arena_strdup(a, db_col_text(q, 8));
  }
  db_done(q);
  *pa = aA;
  *pn = i;
  return rc < 0 ? rc : 0;
}

int handover_orphans(Db *db, Arena *a, int64_t iAgency, Orphan **pa, int *pn) {
  DbStmt *q = db_query(
      db,
      "SELECT c.id, p.person_ref, p.first_name, p.last_name, r.code, c.stage,"
      " CASE WHEN sw.active=1 AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id=sw.id"
      "   AND ur.role='social_worker') THEN 0 ELSE 1 END,"
      " CASE WHEN c.stage IN ('first_interview','second_interview','agreed') AND NOT"
      "   (coalesce(cm.active,0)=1 AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id=cm.id"
      "   AND ur.role='case_manager')) THEN 1 ELSE 0 END,"
      " sw.full_name, cm.full_name"
      " FROM case_file c JOIN person p ON p.id=c.person_id"
      " LEFT JOIN round r ON r.id=c.round_id"
      " LEFT JOIN app_user sw ON sw.id=c.social_worker_id"
      " LEFT JOIN app_user cm ON cm.id=c.case_manager_id"
      " WHERE c.agency_id=$1 AND " HO_ACTIVE " ORDER BY c.id",
      "i", iAgency);
  int rc, n = 0, nAlloc = 0;
  Orphan *aO = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (!db_col_int(q, 6) && !db_col_int(q, 7)) continue;
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      Orphan *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aO, sizeof *aNew * (size_t)n);
      aO = aNew;
    }
    Orphan *p = &aO[n++];
    p->iCase = db_col_int(q, 0);
    p->zPersonRef = arena_strdup(a, db_col_text(q, 1));
    p->zFirstName = arena_strdup(a, db_col_text(q, 2));
    p->zLastName = arena_strdup(a, db_col_text(q, 3));
    p->zRoundCode = arena_strdup(a, db_col_text(q, 4));
    p->eStage = (Stage)stage_from_code(db_col_text(q, 5));
    p->bNoSocialWorker = (int)db_col_int(q, 6);
    p->bNoCaseManager = (int)db_col_int(q, 7);
    p->zSocialWorker = arena_strdup(a, db_col_text(q, 8));
    p->zCaseManager = arena_strdup(a, db_col_text(q, 9));
  }
  db_done(q);
  *pa = aO;
  *pn = n;
  return rc < 0 ? rc : 0;
}
