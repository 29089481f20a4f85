/*
** demo_delivery.c — the delivery and closing of `ali demo`'s paths (see
** demo_delivery.h).  Three passes over what the intake wrote:
**
**   1. training: the training interventions, sorted by course, round and
**      planned start, fill course editions of 6 to 25 seats (a new
**      edition when the next planned start is more than a few weeks
**      later); an edition starts on the first lesson day after the
**      latest planned start of its participants, so nobody starts before
**      their project was agreed;
**   2. the cases, DD_BATCH per transaction: the fate of the path
**      (completed; cut short: moved away, health, unsuitable, the end of
**      round 2; withdrew), the other interventions, the placements, the
**      sessions, the outcome and evaluation, the register, the requests,
**      and the handover of the temporary social worker's cases;
**   3. social1's weekly team meetings.
**
** Figures the demo chooses (the chapter gives none): round 1 paths cut
** short 8% and withdrawn 6%, round 2 cut short 30% (most by the round's
** end) and withdrawn 5%; 12% of round-1 interventions started in the
** pandemic's waves suspended for two to six weeks, 4% interrupted
** ("postponed"); a quarter of completed internships hired by the host
** (three in four where the internship moved to an adult child); about
** 10% absences in courses and internships; requests acknowledged late 8%
** of the time and resolved late 12%.  Texts are short invented Italian
** sentences; any likeness to real people or firms is chance.
**
** This file opens the generator and runs the passes; each part of a case
** is written by its own file (demo_delivery_common.h lists them).
*/
#include "demo_delivery.h"

#include <stdlib.h>
#include <string.h>

#include "../domain/programme.h"
#include "../domain/request.h"
#include "../lib/mem.h"
#include "cmd.h"
#include "demo_delivery_common.h"

#define DD_BATCH 2000 /* cases per transaction */

/* ---- 2. the cases: loading a batch ---- */

/* The next DD_BATCH agreed cases after case iAfter. */
static int load_cases(Ctx *x, Batch *b, int64_t iAfter) {
  b->nCase = b->nIv = b->nMem = b->nObj = 0;
  DbStmt *q = db_query(x->db,
                       "SELECT c.id, c.person_id, c.social_worker_id, c.case_manager_id,"
                       " c.psychotherapist_id, p.id, r.code, c.agreed_on, c.first_interview_on,"
                       " c.opened_at FROM case_file c JOIN project p ON p.case_id=c.id"
                       " JOIN round r ON r.id=c.round_id WHERE c.agency_id=$1 AND"
                       " c.stage='agreed' AND c.id>$2 ORDER BY c.id LIMIT $3",
                       "iii", x->st->iAgency, iAfter, (int64_t)DD_BATCH);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    GROW(b->aCase, b->nCase, b->nCaseAlloc);
    PCase *k = &b->aCase[b->nCase++];
    memset(k, 0, sizeof *k);
    k->id = db_col_int(q, 0);
    k->iPerson = db_col_int(q, 1);
    k->iSocial = db_col_int(q, 2);
    k->iCm = db_col_int(q, 3);
    k->iPsy = db_col_int(q, 4);
    k->iProject = db_col_int(q, 5);
    k->iRound = strcmp(db_col_text(q, 6), "R1") == 0 ? 1 : 2;
    k->iAgreed = demo_day_of(db_col_text(q, 7));
    k->iFirst = demo_day_of(db_col_text(q, 8));
    snprintf(k->zOpened, sizeof k->zOpened, "%s", db_col_text(q, 9));
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

/* The index of case id in the batch (cases are in id order). */
static int case_index(const Batch *b, int64_t id) {
  int lo = 0, hi = b->nCase - 1;
  while (lo <= hi) {
    int m = (lo + hi) / 2;
    if (b->aCase[m].id == id) return m;
    if (b->aCase[m].id < id)
      lo = m + 1;
    else
      hi = m - 1;
  }
  return -1;
}

static int load_interventions(Ctx *x, Batch *b) {
  int64_t lo = b->aCase[0].id, hi = b->aCase[b->nCase - 1].id;
  DbStmt *q = db_query(
      x->db,
      "SELECT p.case_id, i.id, i.person_id, i.operator_id, s.code, i.planned_start,"
      " i.planned_end, i.planned_sessions, i.status, i.started_on, i.ended_on,"
      " (SELECT count(*) FROM enrolment e WHERE e.intervention_id=i.id"
      "  AND e.certificate_number IS NOT NULL)"
      " FROM intervention i JOIN project p ON p.id=i.project_id JOIN service s ON s.id=i.service_id"
      " JOIN case_file c ON c.id=p.case_id"
      " WHERE p.agency_id=$1 AND p.case_id BETWEEN $2 AND $3 AND c.stage='agreed'"
      " ORDER BY p.case_id, i.id",
      "iii", x->st->iAgency, lo, hi);
  int rc, iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aIv, b->nIv, b->nIvAlloc);
    PIv *v = &b->aIv[b->nIv];
    memset(v, 0, sizeof *v);
    v->id = db_col_int(q, 1);
    v->iPerson = db_col_int(q, 2);
    v->iOperator = db_col_int(q, 3);
    v->s = demo_service_of(db_col_text(q, 4));
    v->iStart = demo_day_of(db_col_text(q, 5));
    v->iEnd = demo_day_of(db_col_text(q, 6));
    v->nSessions = db_col_null(q, 7) ? 0 : (int)db_col_int(q, 7);
    snprintf(v->zStatus, sizeof v->zStatus, "%s", db_col_text(q, 8));
    v->iStarted = demo_day_of(db_col_text(q, 9));
    v->iEnded = demo_day_of(db_col_text(q, 10));
    v->bCert = db_col_int(q, 11) > 0;
    if (k != iCase) b->aCase[k].iIv = b->nIv;
    iCase = k;
    b->aCase[k].nIv++;
    b->nIv++;
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

/* The household members of each case, and the objectives of its project. */
static int load_members(Ctx *x, Batch *b) {
  int64_t lo = b->aCase[0].id, hi = b->aCase[b->nCase - 1].id;
  DbStmt *q = db_query(x->db,
                       "SELECT c.id, m.id FROM case_file c JOIN person pe ON pe.id=c.person_id"
                       " JOIN person m ON m.household_id=pe.household_id"
                       " WHERE c.agency_id=$1 AND c.id BETWEEN $2 AND $3 AND c.stage='agreed'"
                       " ORDER BY c.id, m.id",
                       "iii", x->st->iAgency, lo, hi);
  int rc, iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aMem, b->nMem, b->nMemAlloc);
    if (k != iCase) b->aCase[k].iMem = b->nMem;
    iCase = k;
    b->aCase[k].nMem++;
    b->aMem[b->nMem++] = db_col_int(q, 1);
  }
  db_done(q);
  if (rc != DB_DONE) return rc;
  q = db_query(x->db,
               "SELECT p.case_id, o.id FROM project_objective o JOIN project p ON p.id=o.project_id"
               " WHERE p.agency_id=$1 AND p.case_id BETWEEN $2 AND $3 ORDER BY p.case_id, o.id",
               "iii", x->st->iAgency, lo, hi);
  iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aObj, b->nObj, b->nObjAlloc);
    if (k != iCase) b->aCase[k].iObj = b->nObj;
    iCase = k;
    b->aCase[k].nObj++;
    b->aObj[b->nObj++] = db_col_int(q, 1);
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

static void batch_free(Batch *b) {
  free(b->aCase);
  free(b->aIv);
  free(b->aMem);
  free(b->aObj);
}

/* ---- 2. one case ---- */

/* The social worker holding case k on day d. */
int64_t demo_social_on(const Ctx *x, const PCase *k, const Fate *f, int64_t d) {
  return f->bHandover && d < x->iHandover ? x->iTemp : k->iSocial;
}

static int deliver_case(Ctx *x, Batch *b, int iCase) {
  PCase *k = &b->aCase[iCase];
  Fate f;
  demo_iv_fate(x, b, k, &f);
  int rc = 0;
  int64_t iHired = 0;
  const char *zContract = 0;
  for (int i = 0; i < k->nIv; i++) {
    PIv *v = &b->aIv[k->iIv + i];
    if (!demo_service_is_training(v->s)) demo_iv_plan(x, b, k, &f, v);
  }
  for (int i = 0; !rc && i < k->nIv; i++) {
    PIv *v = &b->aIv[k->iIv + i];
    if (demo_service_is_training(v->s)) continue;
    rc = demo_iv_history(x, v->id, &v->path);
    if (!rc && v->s == SV_HOME_EDU && v->path.iStart)
      rc = db_exec(x->db, "UPDATE intervention SET school=$2, weekly_hours=4 WHERE id=$1", "it",
                   v->id,
                   demo_rng_chance(&x->rng, 50) ? "Istituto comprensivo Fibonacci, Pisa"
                                                : "Scuola primaria Filzi, Cascina");
    if (!rc && v->s == SV_INTERNSHIP) {
      int64_t iH;
      const char *zC;
      rc = demo_placement_write(x, k, &f, v, &iH, &zC);
      if (iH && (!iHired || iH < iHired)) {
        iHired = iH;
        zContract = zC;
      }
    }
    if (!rc && v->nSessions && v->s != SV_INTERNSHIP) rc = demo_iv_sessions(x, v);
  }
  Outcome o;
  demo_closing_outcome(x, b, k, &f, iHired, zContract, &o);
  if (!rc) rc = demo_closing_write(x, b, k, &f, &o);
  if (!rc) rc = demo_register_write(x, b, k, &f, o.iWritten);
  if (!rc) rc = demo_requests_write(x, k, &f, o.iWritten);
  if (!rc && f.bHandover) rc = demo_handover_write(x, k);
  return rc;
}

/* Pass 2: every agreed case, DD_BATCH per transaction. */
static int cases(Ctx *x) {
  Batch b;
  memset(&b, 0, sizeof b);
  int64_t iAfter = 0, nDone = 0;
  int64_t nAll = db_int(x->db, 0,
                        "SELECT count(*) FROM case_file WHERE agency_id=$1 AND"
                        " stage='agreed'",
                        "i", x->st->iAgency);
  int rc = 0;
  for (;;) {
    rc = load_cases(x, &b, iAfter);
    if (rc || b.nCase == 0) break;
    rc = load_interventions(x, &b);
    if (!rc) rc = load_members(x, &b);
    if (!rc) rc = db_begin(x->db);
    for (int i = 0; !rc && i < b.nCase; i++) rc = deliver_case(x, &b, i);
    if (!rc) rc = db_commit(x->db);
    if (rc) {
      db_rollback(x->db);
      break;
    }
    iAfter = b.aCase[b.nCase - 1].id;
    nDone += b.nCase;
    cli_progress("demo delivery", nDone, nAll);
  }
  batch_free(&b);
  return demo_fail(x->db, "delivery", "cases", rc);
}

/* ---- opening ---- */

static int open_ctx(Ctx *x) {
  static const char *const azRound[2] = {"R1", "R2"};
  for (int s = 0; s < SV_COUNT; s++) {
    x->aService[s] = service_find(x->db, x->st->iAgency, demo_azService[s]);
    if (!x->aService[s]) {
      fprintf(stderr, "ali: demo delivery: no service %s\n", demo_azService[s]);
      return 1;
    }
  }
  for (int i = 0; i < 2; i++) {
    Arena a = {0};
    int64_t id = round_find(x->db, x->st->iAgency, azRound[i]);
    x->aStart[i] =
        demo_day_of(db_text(x->db, &a, "SELECT start_date FROM round WHERE id=$1", "i", id));
    x->aEnd[i] = demo_day_of(db_text(x->db, &a, "SELECT end_date FROM round WHERE id=$1", "i", id));
    arena_free(&a);
    if (!x->aStart[i] || !x->aEnd[i]) {
      fprintf(stderr, "ali: demo delivery: round %s missing\n", azRound[i]);
      return 1;
    }
  }
  x->iManager = db_int(x->db, 0, "SELECT id FROM app_user WHERE username='manager'", "");
  x->iHandover = demo_day_of("2021-05-14");
  RequestTarget aT[REQ_KIND_COUNT];
  if (request_targets(x->db, x->st->iAgency, aT)) {
    fprintf(stderr, "ali: demo delivery: request targets: %s\n", db_errmsg(x->db));
    return 1;
  }
  for (int e = 0; e < RK_COUNT; e++) { /* RK_ is RequestKind's order */
    x->aAck[e] = aT[e].nAckDays;
    x->aRes[e] = aT[e].nResolveDays;
  }
  return 0;
}

int demo_delivery(Db *db, const DemoStaff *pStaff, uint64_t iSeed) {
  Ctx x;
  memset(&x, 0, sizeof x);
  x.db = db;
  x.st = pStaff;
  demo_rng_seed(&x.rng, iSeed ^ 0xDE11FE47ull);
  if (open_ctx(&x)) return 1;
  int rc = db_begin(db);
  if (!rc) rc = demo_fail(db, "delivery", "temporary social worker", demo_handover_worker(&x));
  if (!rc) rc = demo_host_firms(&x);
  if (!rc)
    rc = db_commit(db);
  else
    db_rollback(db);
  if (!rc) rc = demo_courses(&x);
  if (!rc) rc = cases(&x);
  if (!rc) rc = demo_team_meetings(&x);
  free(x.aFirm);
  return rc ? 1 : 0;
}
