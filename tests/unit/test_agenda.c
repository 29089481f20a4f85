/*
** Unit tests for src/domain/agenda.c: which kinds may be planned, who
** sees and who closes a planned activity (every relation, the author, a
** worker listed), and against a database: planning (every check: not in
** the past, a plannable kind, no time spent yet, the hour, the workers
** of the case only), recording as done (not on a future day, the date
** kept or changed, the purpose kept), cancelling (a reason), every
** illegal move (done or cancelled twice, done after cancelled, an entry
** never planned), the timeline and its counts holding done entries only,
** the upcoming and cancelled lists, and "my day" of the author and of a
** worker listed (today, overdue, and nothing once the worker has left
** the case).
**
** Each database test gets a fresh SQLite file (intake_fixture.c), and a
** fresh PostgreSQL database when ALI_TEST_PG is set.  Included h2o style.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/access.c"
#include "../../src/domain/access_form.c"
#include "../../src/domain/agenda.c"
#include "../../src/domain/country.c"
#include "../../src/domain/entry.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/project.c"
#include "../../src/domain/project_diff.c"
#include "../../src/domain/register.c"
#include "../../src/domain/screening.c"
#include "../../src/domain/session.c"
#include "../../src/domain/user.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"
#include "intake_fixture.c"

#define TODAY "2030-05-10"
#define NOW "2030-05-10T09:00:00Z"

/* ------------------------------------------------------------------ */
/* Pure                                                                */
/* ------------------------------------------------------------------ */

static void test_plannable(void **state) {
  (void)state;
  static const int aPlannable[ACT_KIND_COUNT] = {
      [ACT_MEETING] = 1, [ACT_PHONE_CALL] = 1, [ACT_HOME_VISIT] = 1, [ACT_SCHOOL_MEETING] = 1};
  for (int e = 0; e < ACT_KIND_COUNT; e++)
    assert_int_equal(agenda_kind_plannable((ActivityKind)e), aPlannable[e]);
  for (int e = 0; e < ACT_STATUS_COUNT; e++)
    assert_int_equal(register_status_from_code(register_status_code((ActivityStatus)e)), e);
  assert_int_equal(register_status_from_code("open"), -1);
}

static void test_rules(void **state) {
  (void)state;
  ActivityWorker aW[] = {{7, "Otto"}};
  Activity x;
  memset(&x, 0, sizeof x);
  x.iAuthor = 5;
  x.eStatus = ACT_PLANNED;
  x.aWorker = aW;
  x.nWorker = 1;
  /* user 9 (neither author nor worker): relation decides */
  static const struct {
    Relation e;
    int bSee, bClose;
  } a[] = {{REL_NONE, 0, 0},         {REL_REGISTRY, 0, 0},        {REL_OPERATOR, 1, 0},
           {REL_CASE_MANAGER, 1, 1}, {REL_PSYCHOTHERAPIST, 1, 0}, {REL_HOLDER, 1, 1},
           {REL_BREAK_GLASS, 1, 0},  {REL_MANAGER, 1, 1}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    assert_int_equal(agenda_visible(a[i].e, 9, &x), a[i].bSee);
    assert_int_equal(agenda_can_close(a[i].e, 9, &x), a[i].bClose);
  }
  /* the author and the worker close it with any relation that writes */
  assert_true(agenda_can_close(REL_OPERATOR, 5, &x));
  assert_true(agenda_can_close(REL_PSYCHOTHERAPIST, 7, &x));
  assert_false(agenda_can_close(REL_BREAK_GLASS, 5, &x));
  assert_false(agenda_can_close(REL_NONE, 7, &x));
  /* restricted: the worker listed sees it, another psychotherapist not */
  x.bRestricted = 1;
  assert_true(agenda_visible(REL_PSYCHOTHERAPIST, 7, &x));
  assert_false(agenda_visible(REL_PSYCHOTHERAPIST, 9, &x));
  assert_false(agenda_can_close(REL_PSYCHOTHERAPIST, 9, &x));
  assert_true(agenda_visible(REL_HOLDER, 9, &x));
  assert_false(agenda_visible(REL_REGISTRY, 7, &x));
}

/* ------------------------------------------------------------------ */
/* Against a database                                                  */
/* ------------------------------------------------------------------ */

/* Maria's case: sw1 holds it, psy its psychotherapist, cm_a its case
** manager. */
static int64_t fx_case(World *w) {
  int64_t iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  assert_int_equal(fx_stage(w, iCase), STAGE_SECOND_INTERVIEW);
  return iCase;
}

/* A plan for zOn of kind zKind with Maria, by default valid. */
static PlanInput fx_plan(const char *zOn, const char *zKind, const int64_t *aMember) {
  PlanInput p;
  memset(&p, 0, sizeof p);
  p.in.zOn = zOn;
  p.in.zKind = zKind;
  p.in.aMember = aMember;
  p.in.nMember = 1;
  p.in.zText = "  Home visit: the school enrolment of Luca.  ";
  return p;
}

/* agenda_plan(p) by cm_a is refused with one error on zField; nothing
** written. */
static void fx_plan_refused(World *w, int64_t iCase, const PlanInput *p, const char *zField) {
  Errors e = {.n = 0};
  int64_t n = FX_COUNT(w, "SELECT count(*) FROM activity WHERE case_id=$1", iCase);
  assert_int_equal(agenda_plan(w->db, w->iA, iCase, p, w->cmA.id, TODAY, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, zField, NULL);
  assert_int_equal(FX_COUNT(w, "SELECT count(*) FROM activity WHERE case_id=$1", iCase), n);
}

static void test_plan(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  int64_t aMaria[] = {w.iMaria};
  Errors e = {.n = 0};
  PlanInput p = fx_plan("2030-05-12", "home_visit", aMaria);
  int64_t aWorker[] = {w.sw1.id, w.cmA.id, w.sw1.id};
  p.aWorker = aWorker;
  p.nWorker = 3; /* the author and a duplicate are ignored */
  p.zTime = "15:30";
  int64_t id = 0;
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.cmA.id, TODAY, &id, &e), 0);
  Arena a = ARENA_INIT;
  Activity x;
  assert_int_equal(register_get(w.db, &a, w.iA, iCase, id, &x), 0);
  assert_int_equal(x.eStatus, ACT_PLANNED);
  assert_string_equal(x.zOn, "2030-05-12");
  assert_string_equal(x.zPlannedOn, "2030-05-12");
  assert_string_equal(x.zPlannedTime, "15:30");
  assert_string_equal(x.zText, "Home visit: the school enrolment of Luca.");
  assert_string_equal(x.zPlanText, x.zText);
  assert_int_equal(x.nMinutes, 0);
  assert_int_equal(x.nMember, 1);
  assert_int_equal(x.nWorker, 1);
  assert_int_equal(x.aWorker[0].iUser, w.sw1.id);
  assert_null(x.zClosedAt);
  /* today is fine, without an hour; so is a closed case's follow-up */
  p = fx_plan(TODAY, "phone_call", aMaria);
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.sw1.id, TODAY, NULL, &e), 0);
  /* planned entries are not the timeline, nor its counts */
  ActivityFilter f = {.eKind = -1};
  Activity *aRow;
  int n;
  assert_int_equal(
      register_list(w.db, &a, w.iA, iCase, REL_MANAGER, w.manager.id, &f, &aRow, &n, NULL), 0);
  assert_int_equal(n, 0);
  assert_int_equal(register_count_since(w.db, w.iA, iCase, NULL), 0);
  assert_int_equal(register_minutes_total(w.db, w.iA, iCase), 0);
  /* every check */
  p = fx_plan("2030-05-09", "home_visit", aMaria);
  fx_plan_refused(&w, iCase, &p, "on_date"); /* the past */
  p = fx_plan("2030-02-30", "home_visit", aMaria);
  fx_plan_refused(&w, iCase, &p, "on_date");
  p = fx_plan(NULL, "home_visit", aMaria);
  fx_plan_refused(&w, iCase, &p, "on_date");
  p = fx_plan(TODAY, "note", aMaria);
  fx_plan_refused(&w, iCase, &p, "kind");
  p = fx_plan(TODAY, "visit", aMaria);
  fx_plan_refused(&w, iCase, &p, "kind");
  p = fx_plan(TODAY, "meeting", aMaria);
  p.in.nMinutes = 30;
  fx_plan_refused(&w, iCase, &p, "minutes");
  static const char *const azBadTime[] = {"24:00", "9:30", "12:60", "noon", "12:3x"};
  for (size_t i = 0; i < sizeof azBadTime / sizeof azBadTime[0]; i++) {
    p = fx_plan(TODAY, "meeting", aMaria);
    p.zTime = azBadTime[i];
    fx_plan_refused(&w, iCase, &p, "time");
  }
  p = fx_plan(TODAY, "meeting", aMaria);
  p.zTime = "23:59";
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.cmA.id, TODAY, NULL, &e), 0);
  /* workers: sw2 has no relation to the case, sw_gone left, op is not
  ** linked to Maria */
  int64_t aBad[][1] = {{w.sw2.id}, {w.swGone.id}, {w.op.id}, {999999}};
  for (size_t i = 0; i < sizeof aBad / sizeof aBad[0]; i++) {
    p = fx_plan(TODAY, "meeting", aMaria);
    p.aWorker = aBad[i];
    p.nWorker = 1;
    fx_plan_refused(&w, iCase, &p, "workers");
  }
  int64_t aEleven[11];
  for (int i = 0; i < 11; i++) aEleven[i] = w.sw1.id;
  p = fx_plan(TODAY, "meeting", aMaria);
  p.aWorker = aEleven;
  p.nWorker = 11;
  fx_plan_refused(&w, iCase, &p, "workers");
  /* the checks of an entry: a member of another household, empty text */
  int64_t aAnna[] = {w.iAnna};
  p = fx_plan(TODAY, "meeting", aAnna);
  fx_plan_refused(&w, iCase, &p, "members");
  p = fx_plan(TODAY, "meeting", aMaria);
  p.in.zText = "   ";
  fx_plan_refused(&w, iCase, &p, "text");
  /* another agency's case */
  p = fx_plan(TODAY, "meeting", aMaria);
  assert_int_equal(agenda_plan(w.db, w.iB, iCase, &p, w.cmA.id, TODAY, NULL, &e), DOMAIN_NOT_FOUND);
  /* who may be listed: the workers of the case that may write its register */
  Case c;
  User *aU;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(agenda_case_workers(w.db, &a, w.iA, &c, &aU, &n), 0);
  const char *zNames = "";
  for (int i = 0; i < n; i++) zNames = arena_printf(&a, "%s%s,", zNames, aU[i].zUsername);
  assert_string_equal(zNames, "cm_a,manager,psy,sw1,");
  arena_free(&a);
}

static void test_done_and_cancel(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  int64_t aMaria[] = {w.iMaria};
  Errors e = {.n = 0};
  int64_t idVisit = 0, idCall = 0, idNote = 0;
  PlanInput p = fx_plan(TODAY, "home_visit", aMaria);
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.cmA.id, TODAY, &idVisit, &e), 0);
  p = fx_plan("2030-05-20", "phone_call", aMaria);
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.sw1.id, TODAY, &idCall, &e), 0);
  ActivityInput in = {"2024-05-01", "note", 5, NULL, 0, 0, 0, "A note written when done."};
  assert_int_equal(register_add(w.db, w.iA, iCase, &in, w.sw1.id, &idNote, &e), 0);

  /* a planned activity is not done on a day still to come: the call
  ** (planned for the 20th) without a date, or the visit dated tomorrow */
  DoneInput d = {NULL, 20, "Talked to Maria."};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idCall, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on_date", NULL);
  d.zOn = "2030-05-11";
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idVisit, &d, w.cmA.id, TODAY, NOW, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "on_date", NULL);
  d = (DoneInput){TODAY, 2000, "x"};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idVisit, &d, w.cmA.id, TODAY, NOW, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "minutes", NULL);
  d = (DoneInput){TODAY, 60, " "};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idVisit, &d, w.cmA.id, TODAY, NOW, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "text", NULL);
  assert_int_equal(
      FX_COUNT(&w, "SELECT count(*) FROM activity WHERE status='planned' AND case_id=$1", iCase),
      2);

  /* the visit happened the day before it was planned: the date changes */
  d = (DoneInput){"2030-05-09", 75, " Saw Maria and Luca at home. "};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idVisit, &d, w.cmA.id, TODAY, NOW, &e), 0);
  Arena a = ARENA_INIT;
  Activity x;
  assert_int_equal(register_get(w.db, &a, w.iA, iCase, idVisit, &x), 0);
  assert_int_equal(x.eStatus, ACT_DONE);
  assert_string_equal(x.zOn, "2030-05-09");
  assert_string_equal(x.zPlannedOn, TODAY);
  assert_int_equal(x.nMinutes, 75);
  assert_string_equal(x.zText, "Saw Maria and Luca at home.");
  assert_string_equal(x.zPlanText, "Home visit: the school enrolment of Luca.");
  assert_int_equal(x.iClosedBy, w.cmA.id);
  assert_string_equal(x.zClosedAt, NOW);
  /* now it is the timeline and counts: done since NOW, though planned before */
  ActivityFilter f = {.eKind = -1};
  Activity *aRow;
  int n;
  assert_int_equal(
      register_list(w.db, &a, w.iA, iCase, REL_MANAGER, w.manager.id, &f, &aRow, &n, NULL), 0);
  assert_int_equal(n, 2);
  assert_int_equal(aRow[0].id, idVisit);
  assert_int_equal(register_minutes_total(w.db, w.iA, iCase), 80);
  assert_int_equal(register_count_since(w.db, w.iA, iCase, NOW), 1);

  /* illegal moves: 409 with the reason, nothing changed */
  d = (DoneInput){TODAY, 10, "again"};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idVisit, &d, w.cmA.id, TODAY, NOW, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the activity is already recorded as done");
  assert_int_equal(agenda_cancel(w.db, w.iA, iCase, idVisit, "no", w.cmA.id, NOW, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", NULL);
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idNote, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the activity was not planned: it is done");
  assert_int_equal(agenda_done(w.db, w.iA, iCase, 999999, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(agenda_done(w.db, w.iA, iCase + 1, idCall, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(agenda_done(w.db, w.iB, iCase, idCall, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_NOT_FOUND);

  /* cancelling the call: a reason is required */
  assert_int_equal(agenda_cancel(w.db, w.iA, iCase, idCall, "  ", w.sw1.id, NOW, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", NULL);
  assert_int_equal(
      agenda_cancel(w.db, w.iA, iCase, idCall, "Maria moved to Livorno", w.sw1.id, NOW, &e), 0);
  assert_int_equal(register_get(w.db, &a, w.iA, iCase, idCall, &x), 0);
  assert_int_equal(x.eStatus, ACT_CANCELLED);
  assert_string_equal(x.zCancelReason, "Maria moved to Livorno");
  assert_string_equal(x.zClosedBy, "sw1");
  assert_int_equal(agenda_cancel(w.db, w.iA, iCase, idCall, "again", w.sw1.id, NOW, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the activity was cancelled");
  d = (DoneInput){TODAY, 10, "done after all"};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, idCall, &d, w.sw1.id, TODAY, NOW, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the activity was cancelled");
  assert_int_equal(register_minutes_total(w.db, w.iA, iCase), 80);
  /* the lists */
  assert_int_equal(
      agenda_list(w.db, &a, w.iA, iCase, ACT_PLANNED, REL_MANAGER, w.manager.id, NULL, &aRow, &n),
      0);
  assert_int_equal(n, 0);
  assert_int_equal(
      agenda_list(w.db, &a, w.iA, iCase, ACT_CANCELLED, REL_MANAGER, w.manager.id, NULL, &aRow, &n),
      0);
  assert_int_equal(n, 1);
  assert_int_equal(aRow[0].id, idCall);
  arena_free(&a);
}

/* The ids of the planned list of iCase as iUser with eRel, "1,2,". */
static const char *fx_planned(World *w, Arena *a, int64_t iCase, Relation eRel, int64_t iUser,
                              const ActivityFilter *f) {
  Activity *aRow;
  int n;
  assert_int_equal(agenda_list(w->db, a, w->iA, iCase, ACT_PLANNED, eRel, iUser, f, &aRow, &n), 0);
  const char *z = "";
  for (int i = 0; i < n; i++) z = arena_printf(a, "%s%lld,", z, (long long)aRow[i].id);
  return z;
}

/* The ids on iUser's day (overdue ones with a '!'), "1,2!,". */
static const char *fx_day(World *w, Arena *a, const User *pUser) {
  AgendaItem *aItem;
  int n;
  assert_int_equal(agenda_of_user(w->db, a, pUser, TODAY, &aItem, &n), 0);
  const char *z = "";
  for (int i = 0; i < n; i++) {
    assert_string_equal(aItem[i].zFirstName, "Maria");
    z = arena_printf(a, "%s%lld%s,", z, (long long)aItem[i].x.id, aItem[i].bOverdue ? "!" : "");
  }
  return z;
}

static void test_lists_and_my_day(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  int64_t aMaria[] = {w.iMaria}, aGiulia[] = {w.iGiulia};
  Errors e = {.n = 0};
  int64_t id[4];
  /* 0: the 12th, by cm_a; 1: today 15:00 by sw1 with psy, restricted;
  ** 2: today at any hour by cm_a, for Giulia; 3: today 09:00 by sw1 */
  PlanInput p = fx_plan("2030-05-12", "meeting", aMaria);
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.cmA.id, TODAY, &id[0], &e), 0);
  p = fx_plan(TODAY, "home_visit", aMaria);
  p.zTime = "15:00";
  p.in.bRestricted = 1;
  int64_t aPsy[] = {w.psy.id};
  p.aWorker = aPsy;
  p.nWorker = 1;
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.sw1.id, TODAY, &id[1], &e), 0);
  p = fx_plan(TODAY, "school_meeting", aGiulia);
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.cmA.id, TODAY, &id[2], &e), 0);
  p = fx_plan(TODAY, "phone_call", aMaria);
  p.zTime = "09:00";
  assert_int_equal(agenda_plan(w.db, w.iA, iCase, &p, w.sw1.id, TODAY, &id[3], &e), 0);
  Arena a = ARENA_INIT;
  /* by day, then hour (any hour first), then id */
  const char *zAll = arena_printf(&a, "%lld,%lld,%lld,%lld,", (long long)id[2], (long long)id[3],
                                  (long long)id[1], (long long)id[0]);
  assert_string_equal(fx_planned(&w, &a, iCase, REL_MANAGER, w.manager.id, NULL), zAll);
  /* the restricted visit: psy sees it as a worker listed; the operator
  ** relation does not */
  assert_string_equal(fx_planned(&w, &a, iCase, REL_PSYCHOTHERAPIST, w.psy.id, NULL), zAll);
  assert_string_equal(
      fx_planned(&w, &a, iCase, REL_OPERATOR, w.op.id, NULL),
      arena_printf(&a, "%lld,%lld,%lld,", (long long)id[2], (long long)id[3], (long long)id[0]));
  ActivityFilter f = {.eKind = ACT_SCHOOL_MEETING};
  assert_string_equal(fx_planned(&w, &a, iCase, REL_MANAGER, w.manager.id, &f),
                      arena_printf(&a, "%lld,", (long long)id[2]));
  f = (ActivityFilter){.eKind = -1, .iMember = w.iGiulia};
  assert_string_equal(fx_planned(&w, &a, iCase, REL_MANAGER, w.manager.id, &f),
                      arena_printf(&a, "%lld,", (long long)id[2]));

  /* my day: today's of the author and of the worker listed; the 12th not */
  assert_string_equal(fx_day(&w, &a, &w.sw1),
                      arena_printf(&a, "%lld,%lld,", (long long)id[3], (long long)id[1]));
  assert_string_equal(fx_day(&w, &a, &w.psy), arena_printf(&a, "%lld,", (long long)id[1]));
  assert_string_equal(fx_day(&w, &a, &w.cmA), arena_printf(&a, "%lld,", (long long)id[2]));
  assert_string_equal(fx_day(&w, &a, &w.manager), "");
  /* the meeting of the 12th, two days later, is overdue; a done one is gone */
  assert_int_equal(
      db_exec(w.db, "UPDATE activity SET on_date='2030-05-08' WHERE id=$1", "i", id[0]), 0);
  DoneInput d = {TODAY, 30, "Called Maria."};
  assert_int_equal(agenda_done(w.db, w.iA, iCase, id[2], &d, w.cmA.id, TODAY, NOW, &e), 0);
  assert_string_equal(fx_day(&w, &a, &w.cmA), arena_printf(&a, "%lld!,", (long long)id[0]));
  /* sw1 leaves the case: their plans leave their day */
  assert_int_equal(
      db_exec(w.db, "UPDATE case_file SET social_worker_id=$1 WHERE id=$2", "ii", w.sw2.id, iCase),
      0);
  assert_string_equal(fx_day(&w, &a, &w.sw1), "");
  assert_string_equal(fx_day(&w, &a, &w.psy), arena_printf(&a, "%lld,", (long long)id[1]));
  arena_free(&a);
}

#define DB_TESTS(setup)                                                       \
  cmocka_unit_test_setup_teardown(test_plan, setup, teardown),                \
      cmocka_unit_test_setup_teardown(test_done_and_cancel, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_lists_and_my_day, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_plannable),
                                     cmocka_unit_test(test_rules)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("agenda", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("agenda on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("agenda on postgresql", aPg, NULL, NULL);
  return rc;
}
