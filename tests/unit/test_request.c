/*
** Unit tests for src/domain/request.c: kinds, statuses and default
** targets, the median and the 90th percentile, the overdue rule and who
** may answer (pure); and against a database: raising (every check, the
** default assignee, a closed case, another agency), every legal
** transition and every illegal one (DOMAIN_CONFLICT, nothing written),
** due instants in working days across a weekend and Easter, overdue lists,
** editing the targets, and the response times per worker and per kind.
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
#include "../../src/domain/country.c"
#include "../../src/domain/entry.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/project.c"
#include "../../src/domain/project_diff.c"
#include "../../src/domain/request.c"
#include "../../src/domain/screening.c"
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
#include "../../src/lib/workdays.c"

#include "intake_fixture.c"

/* ------------------------------------------------------------------ */
/* Pure                                                                */
/* ------------------------------------------------------------------ */

static void test_codes(void **state) {
  (void)state;
  for (int e = 0; e < REQ_KIND_COUNT; e++) {
    assert_int_equal(request_kind_from_code(request_kind_code((RequestKind)e)), e);
    assert_non_null(request_kind_label((RequestKind)e));
    RequestTarget t = request_target_default((RequestKind)e);
    assert_true(t.nAckDays >= 0 && t.nAckDays <= t.nResolveDays);
  }
  assert_int_equal(request_kind_from_code("food"), -1);
  assert_int_equal(request_kind_from_code(NULL), -1);
  assert_null(request_kind_code(REQ_KIND_COUNT));
  assert_string_equal(request_status_code(REQ_ACKNOWLEDGED), "acknowledged");
  assert_string_equal(request_status_label(REQ_RESOLVED), "Resolved");
  RequestTarget t = request_target_default(REQ_EMERGENCY);
  assert_int_equal(t.nAckDays, 0);
  assert_int_equal(t.nResolveDays, 1);
  t = request_target_default(REQ_RENT);
  assert_int_equal(t.nAckDays, 2);
  assert_int_equal(t.nResolveDays, 10);
}

static void test_percentiles(void **state) {
  (void)state;
  double a[] = {5, 1, 3};
  assert_true(request_median(a, 3) == 3);
  double b[] = {4, 1, 3, 2};
  assert_true(request_median(b, 4) == 2.5);
  assert_true(request_median(b, 0) == 0);
  double c[10] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  assert_true(request_percentile(c, 10, 90) == 9); /* rank 9 of 10 */
  assert_true(request_percentile(c, 10, 100) == 10);
  assert_true(request_percentile(c, 10, 1) == 1);
  double d[] = {7};
  assert_true(request_percentile(d, 1, 90) == 7);
  double e[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  assert_true(request_percentile(e, 11, 90) == 10); /* ceil(9.9) = 10 */
  assert_true(request_percentile(e, 0, 90) == 0);
}

static void test_overdue_rule(void **state) {
  (void)state;
  Request r;
  memset(&r, 0, sizeof r);
  r.zRaisedAt = "2025-03-07T10:00:00Z";
  strcpy(r.zAckDue, "2025-03-11T23:59:59Z");
  strcpy(r.zResolveDue, "2025-03-21T23:59:59Z");
  assert_false(request_is_overdue(&r, "2025-03-11T23:59:59Z"));
  assert_true(request_is_overdue(&r, "2025-03-12T00:00:00Z"));
  r.zAckAt = "2025-03-12T09:00:00Z"; /* late, but acknowledged */
  assert_false(request_is_overdue(&r, "2025-03-12T10:00:00Z"));
  assert_true(request_is_overdue(&r, "2025-03-22T00:00:00Z"));
  r.zResolvedAt = "2025-03-25T09:00:00Z";
  assert_false(request_is_overdue(&r, "2025-04-01T00:00:00Z"));
  User u = {.id = 5};
  r.iAssignee = 5;
  assert_true(request_can_answer(&u, REL_CASE_MANAGER, &r));
  r.iAssignee = 6;
  assert_false(request_can_answer(&u, REL_CASE_MANAGER, &r));
  assert_false(request_can_answer(&u, REL_PSYCHOTHERAPIST, &r));
  assert_false(request_can_answer(&u, REL_OPERATOR, &r));
  assert_true(request_can_answer(&u, REL_HOLDER, &r));
  assert_true(request_can_answer(&u, REL_MANAGER, &r));
}

/* ------------------------------------------------------------------ */
/* Against a database                                                  */
/* ------------------------------------------------------------------ */

/* Maria's case, cm_a its case manager. */
static int64_t fx_case(World *w) {
  int64_t iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  assert_int_equal(fx_stage(w, iCase), STAGE_SECOND_INTERVIEW);
  return iCase;
}

/* Raise a request of kind zKind at zAt on case iCase assigned to iTo
** (0: the default); its id. */
static int64_t fx_raise(World *w, int64_t iCase, const char *zKind, int64_t iTo, const char *zAt) {
  Errors e = {.n = 0};
  RequestInput in = {zKind, "The landlord asks for three months of rent.", iTo, 1};
  int64_t id = 0;
  int rc = request_raise(w->db, w->iA, iCase, &in, w->op.id, zAt, &id, &e);
  if (rc) fail_msg("raise: %d %s", rc, e.n ? e.a[0].zField : "");
  return id;
}

static void test_raise(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  Arena a = ARENA_INIT;
  int64_t id = fx_raise(&w, iCase, "rent", 0, "2025-03-07T10:00:00Z");
  Request r;
  assert_int_equal(request_get(w.db, &a, w.iA, id, "2025-03-07T11:00:00Z", &r), 0);
  assert_int_equal(r.iAssignee, w.cmA.id);
  assert_string_equal(r.zAssignee, "cm_a");
  assert_int_equal(r.iRaisedBy, w.op.id);
  assert_int_equal(r.bByParticipant, 1);
  assert_int_equal(r.eKind, REQ_RENT);
  assert_int_equal(r.eStatus, REQ_RAISED);
  assert_string_equal(r.zFirstName, "Maria");
  assert_string_equal(r.zAckDue, "2025-03-11T23:59:59Z");     /* Fri + 2 working days */
  assert_string_equal(r.zResolveDue, "2025-03-21T23:59:59Z"); /* + 10 */
  assert_false(r.bOverdue);
  assert_int_equal(request_get(w.db, &a, w.iB, id, NULL, &r), DOMAIN_NOT_FOUND);
  assert_int_equal(request_get(w.db, &a, w.iA, id + 100, NULL, &r), DOMAIN_NOT_FOUND);
  /* other assignees: the social worker, a manager; not a stranger */
  Errors e = {.n = 0};
  RequestInput in = {"documents", "Renew the residence permit.", w.sw1.id, 0};
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), 0);
  in.iAssignee = w.manager.id;
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), 0);
  int64_t n = FX_COUNT(&w, "SELECT count(*) FROM request WHERE case_id=$1", iCase);
  in.iAssignee = w.sw2.id;
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, "assignee", "does not work on this case");
  in.iAssignee = w.swGone.id;
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, "assignee", NULL);
  in.iAssignee = 0;
  in.zKind = "food";
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, "kind", NULL);
  in.zKind = "school";
  in.zText = " ";
  assert_int_equal(request_raise(w.db, w.iA, iCase, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, "text", "required");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM request WHERE case_id=$1", iCase), n);
  in.zText = "School bus for Luca.";
  assert_int_equal(request_raise(w.db, w.iB, iCase, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_NOT_FOUND);
  /* a case without a case manager goes to its social worker */
  int64_t iAnna = fx_shortlist(&w, w.iAnna, "pon");
  id = fx_raise(&w, iAnna, "health", 0, NULL);
  assert_int_equal(request_get(w.db, &a, w.iA, id, NULL, &r), 0);
  assert_int_equal(r.iAssignee, w.sw1.id);
  /* a closed case takes no request */
  assert_int_equal(db_exec(w.db, "UPDATE case_file SET closed_at='2025-01-01T00:00:00Z' WHERE id=$1",
                           "i", iAnna), 0);
  assert_int_equal(request_raise(w.db, w.iA, iAnna, &in, w.sw1.id, NULL, NULL, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "case", "the case is closed");
  arena_free(&a);
}

static void test_transitions(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  int64_t id = fx_raise(&w, iCase, "emergency", 0, "2025-03-07T10:00:00Z");
  Errors e = {.n = 0};
  /* resolve before acknowledging */
  assert_int_equal(request_resolve(w.db, w.iA, id, w.cmA.id, "Paid.", NULL, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "acknowledge the request first");
  assert_int_equal(request_acknowledge(w.db, w.iB, id, w.cmA.id, NULL, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(request_acknowledge(w.db, w.iA, id + 9, w.cmA.id, NULL, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(request_acknowledge(w.db, w.iA, id, w.cmA.id, "2025-03-07T12:00:00Z", &e), 0);
  assert_int_equal(request_acknowledge(w.db, w.iA, id, w.cmA.id, NULL, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the request is already acknowledged");
  assert_int_equal(request_resolve(w.db, w.iA, id, w.cmA.id, "  ", NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, "resolution", "required");
  assert_int_equal(request_resolve(w.db, w.iA, id, w.cmA.id, " Emergency fund paid. ",
                                   "2025-03-10T09:00:00Z", &e), 0);
  assert_int_equal(request_acknowledge(w.db, w.iA, id, w.cmA.id, NULL, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the request is already resolved");
  assert_int_equal(request_resolve(w.db, w.iA, id, w.cmA.id, "Again.", NULL, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the request is already resolved");
  Arena a = ARENA_INIT;
  Request r;
  assert_int_equal(request_get(w.db, &a, w.iA, id, "2025-04-01T00:00:00Z", &r), 0);
  assert_int_equal(r.eStatus, REQ_RESOLVED);
  assert_string_equal(r.zAckAt, "2025-03-07T12:00:00Z");
  assert_string_equal(r.zResolvedAt, "2025-03-10T09:00:00Z");
  assert_string_equal(r.zResolution, "Emergency fund paid.");
  assert_int_equal(r.iAckBy, w.cmA.id);
  assert_int_equal(r.iResolvedBy, w.cmA.id);
  /* resolved late (due Monday 10th end of day? emergency: 1 working day
  ** after Friday = Monday 10th), so on time: not overdue */
  assert_string_equal(r.zResolveDue, "2025-03-10T23:59:59Z");
  assert_false(r.bOverdue);
  arena_free(&a);
}

/* The ids of request_list(f) at zNow as "a,b". */
static const char *fx_ids(World *w, Arena *a, const RequestFilter *f, const char *zNow) {
  Request *aReq;
  int n;
  assert_int_equal(request_list(w->db, a, w->iA, f, zNow, &aReq, &n), 0);
  char *z = arena_strdup(a, "");
  for (int i = 0; i < n; i++) z = arena_printf(a, "%s%s%lld", z, i ? "," : "", (long long)aReq[i].id);
  return z;
}

static void test_overdue_and_targets(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  /* Thursday before Easter 2025: rent due (ack) Tuesday 22 Apr */
  int64_t i1 = fx_raise(&w, iCase, "rent", 0, "2025-04-17T09:00:00Z");
  int64_t i2 = fx_raise(&w, iCase, "emergency", w.sw1.id, "2025-04-17T09:00:00Z");
  Arena a = ARENA_INIT;
  RequestFilter f = {.bOverdue = 1};
  assert_string_equal(fx_ids(&w, &a, &f, "2025-04-17T20:00:00Z"), "");
  /* the emergency: acknowledge by the end of the 17th */
  assert_string_equal(fx_ids(&w, &a, &f, "2025-04-18T00:00:01Z"), arena_printf(&a, "%lld", (long long)i2));
  assert_string_equal(fx_ids(&w, &a, &f, "2025-04-22T23:00:00Z"), arena_printf(&a, "%lld", (long long)i2));
  assert_string_equal(fx_ids(&w, &a, &f, "2025-04-23T00:00:00Z"),
                      arena_printf(&a, "%lld,%lld", (long long)i2, (long long)i1));
  RequestFilter g = {.iAssignee = w.sw1.id};
  assert_string_equal(fx_ids(&w, &a, &g, NULL), arena_printf(&a, "%lld", (long long)i2));
  g = (RequestFilter){.iCase = iCase, .nLimit = 1};
  assert_string_equal(fx_ids(&w, &a, &g, NULL), arena_printf(&a, "%lld", (long long)i2));
  g.iBefore = i2;
  assert_string_equal(fx_ids(&w, &a, &g, NULL), arena_printf(&a, "%lld", (long long)i1));
  int nNew, nOverdue;
  assert_int_equal(request_case_counts(w.db, w.iA, iCase, "2025-04-17T09:00:00Z", "2025-04-18T00:00:01Z",
                                       &nNew, &nOverdue), 0);
  assert_int_equal(nNew, 2);
  assert_int_equal(nOverdue, 1);
  assert_int_equal(request_case_counts(w.db, w.iA, iCase, "2025-04-18T00:00:00Z", NULL, &nNew, NULL), 0);
  assert_int_equal(nNew, 0);
  /* targets: invalid, then rent 5/20 */
  Errors e = {.n = 0};
  assert_int_equal(request_target_set(w.db, w.iA, REQ_RENT, 61, 70, &e), DOMAIN_INVALID);
  fx_expect(&e, "ack_days", NULL);
  assert_int_equal(request_target_set(w.db, w.iA, REQ_RENT, 5, 4, &e), DOMAIN_INVALID);
  fx_expect(&e, "resolve_days", NULL);
  assert_int_equal(request_target_set(w.db, w.iA, REQ_KIND_COUNT, 1, 2, &e), DOMAIN_INVALID);
  fx_expect(&e, "kind", NULL);
  assert_int_equal(request_target_set(w.db, w.iA, REQ_RENT, 5, 20, &e), 0);
  assert_int_equal(request_target_set(w.db, w.iA, REQ_RENT, 5, 20, &e), 0); /* again: one row */
  RequestTarget aT[REQ_KIND_COUNT];
  assert_int_equal(request_targets(w.db, w.iA, aT), 0);
  assert_int_equal(aT[REQ_RENT].nAckDays, 5);
  assert_int_equal(aT[REQ_RENT].nResolveDays, 20);
  assert_int_equal(aT[REQ_HEALTH].nAckDays, 1);
  assert_int_equal(request_targets(w.db, w.iB, aT), 0);
  assert_int_equal(aT[REQ_RENT].nAckDays, 2); /* the other agency keeps the default */
  Request r;
  assert_int_equal(request_get(w.db, &a, w.iA, i1, "2025-04-23T00:00:00Z", &r), 0);
  /* Thu 17 + 5: 18, 22, 23, 24, 28 (21 Easter Monday, 25 Apr) */
  assert_string_equal(r.zAckDue, "2025-04-28T23:59:59Z");
  assert_false(r.bOverdue);
  arena_free(&a);
}

static void test_stats(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iCase = fx_case(&w);
  Errors e = {.n = 0};
  /* cm_a: two rent requests acknowledged after 0.5 and 1 working day
  ** (the second over a weekend: Fri 12:00 -> Mon 12:00), one resolved
  ** after 2 working days; sw1: one emergency never answered */
  int64_t i1 = fx_raise(&w, iCase, "rent", 0, "2025-03-04T00:00:00Z");
  int64_t i2 = fx_raise(&w, iCase, "rent", 0, "2025-03-07T12:00:00Z");
  fx_raise(&w, iCase, "emergency", w.sw1.id, "2025-03-10T08:00:00Z");
  assert_int_equal(request_acknowledge(w.db, w.iA, i1, w.cmA.id, "2025-03-04T12:00:00Z", &e), 0);
  assert_int_equal(request_resolve(w.db, w.iA, i1, w.cmA.id, "Paid", "2025-03-06T00:00:00Z", &e), 0);
  assert_int_equal(request_acknowledge(w.db, w.iA, i2, w.cmA.id, "2025-03-10T12:00:00Z", &e), 0);
  Arena a = ARENA_INIT;
  RequestStats *aW, *aK;
  int nW, nK;
  assert_int_equal(request_stats(w.db, &a, w.iA, 0, "2025-03-12T00:00:00Z", &aW, &nW, &aK, &nK), 0);
  assert_int_equal(nW, 2);
  assert_string_equal(aW[0].zName, "cm_a");
  assert_int_equal(aW[0].nRequests, 2);
  assert_int_equal(aW[0].nAcked, 2);
  assert_int_equal(aW[0].nResolved, 1);
  assert_true(aW[0].rAckMedian == 0.75);
  assert_true(aW[0].rAckP90 == 1.0);
  assert_true(aW[0].rResolveMedian == 2.0);
  assert_int_equal(aW[0].nOverdue, 0);
  assert_string_equal(aW[1].zName, "sw1");
  assert_int_equal(aW[1].nRequests, 1);
  assert_int_equal(aW[1].nAcked, 0);
  assert_int_equal(aW[1].nOverdue, 1);
  assert_int_equal(nK, REQ_KIND_COUNT);
  assert_int_equal(aK[REQ_RENT].nRequests, 2);
  assert_int_equal(aK[REQ_EMERGENCY].nOverdue, 1);
  assert_int_equal(aK[REQ_SCHOOL].nRequests, 0);
  /* another round has none of them */
  assert_int_equal(request_stats(w.db, &a, w.iA, w.iRound + 100, NULL, &aW, &nW, &aK, &nK), 0);
  assert_int_equal(nW, 0);
  assert_int_equal(aK[REQ_RENT].nRequests, 0);
  assert_int_equal(request_stats(w.db, &a, w.iA, w.iRound, "2025-03-12T00:00:00Z", &aW, &nW, &aK, &nK), 0);
  assert_int_equal(nW, 2);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_raise, setup, teardown),                                  \
      cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),                        \
      cmocka_unit_test_setup_teardown(test_overdue_and_targets, setup, teardown),                \
      cmocka_unit_test_setup_teardown(test_stats, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_codes), cmocka_unit_test(test_percentiles),
                                     cmocka_unit_test(test_overdue_rule)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("request", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("request on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("request on postgresql", aPg, NULL, NULL);
  return rc;
}
