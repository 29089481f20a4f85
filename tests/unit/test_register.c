/*
** Unit tests for src/domain/register.c: the kinds, who may read and write
** the register and see restricted entries (every relation), and against a
** database: adding entries (every field's check, members of the
** household only, the case's own interventions only, another agency's
** case), the timeline newest first with the kind and member filters,
** keyset pagination, restricted entries left out for those who may not
** see them, and the counts the team meeting reads.
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
#include "../../src/domain/register.c"
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

#include "intake_fixture.c"

/* ------------------------------------------------------------------ */
/* Pure                                                                */
/* ------------------------------------------------------------------ */

static void test_kinds(void **state) {
  (void)state;
  for (int e = 0; e < ACT_KIND_COUNT; e++) {
    assert_int_equal(register_kind_from_code(register_kind_code((ActivityKind)e)), e);
    assert_non_null(register_kind_label((ActivityKind)e));
  }
  assert_string_equal(register_kind_code(ACT_HOME_VISIT), "home_visit");
  assert_string_equal(register_kind_label(ACT_PHONE_CALL), "Phone call");
  assert_null(register_kind_code(ACT_KIND_COUNT));
  assert_int_equal(register_kind_from_code("visit"), -1);
  assert_int_equal(register_kind_from_code(NULL), -1);
}

static void test_rules(void **state) {
  (void)state;
  /* relation: can read, can write, sees others' restricted entries */
  static const struct { Relation e; int bRead, bWrite, bRestricted; } a[] = {
      {REL_NONE, 0, 0, 0},         {REL_REGISTRY, 0, 0, 0},    {REL_OPERATOR, 1, 1, 0},
      {REL_CASE_MANAGER, 1, 1, 1}, {REL_PSYCHOTHERAPIST, 1, 1, 0}, {REL_HOLDER, 1, 1, 1},
      {REL_BREAK_GLASS, 1, 0, 0},  {REL_MANAGER, 1, 1, 1}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    assert_int_equal(register_can_read(a[i].e), a[i].bRead);
    assert_int_equal(register_can_write(a[i].e), a[i].bWrite);
    assert_int_equal(register_entry_visible(a[i].e, 7, 8, 0), a[i].bRead);
    assert_int_equal(register_entry_visible(a[i].e, 7, 8, 1), a[i].bRestricted);
    /* one's own restricted entry: visible whenever the register is */
    assert_int_equal(register_entry_visible(a[i].e, 7, 7, 1), a[i].bRead);
  }
}

/* ------------------------------------------------------------------ */
/* Against a database                                                  */
/* ------------------------------------------------------------------ */

/* Maria's case with cm_a as case manager, a draft project and an
** internship for her; the intervention through *piIv. */
static int64_t fx_case(World *w, int64_t *piIv) {
  int64_t iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  assert_int_equal(fx_stage(w, iCase), STAGE_SECOND_INTERVIEW);
  Errors e = {.n = 0};
  int64_t iProject = 0;
  assert_int_equal(project_create(w->db, w->iA, iCase, &iProject, &e), 0);
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = "internship";
  iv.iPerson = w->iMaria;
  iv.zPlannedStart = "2022-03-01";
  iv.iPlannedHours = iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = -1;
  assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv, NULL, 0, &e), 0);
  *piIv = iv.id;
  return iCase;
}

static ActivityInput fx_input(const char *zOn, const char *zKind) {
  ActivityInput in = {zOn, zKind, 45, NULL, 0, 0, 0, "Met Maria at the office about the CV."};
  return in;
}

static void test_add(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iIv, id = 0;
  int64_t iCase = fx_case(&w, &iIv);
  Errors e = {.n = 0};
  int64_t aMember[] = {w.iMaria, w.iGiulia, w.iMaria};
  ActivityInput in = fx_input("2022-03-02", "home_visit");
  in.aMember = aMember;
  in.nMember = 3;
  in.iIntervention = iIv;
  in.zText = "  Visit at home: Giulia's school enrolment.\nNext visit in two weeks.  ";
  assert_int_equal(register_add(w.db, w.iA, iCase, &in, w.cmA.id, &id, &e), 0);
  assert_true(id > 0);
  Arena a = ARENA_INIT;
  Activity x;
  assert_int_equal(register_get(w.db, &a, w.iA, iCase, id, &x), 0);
  assert_string_equal(x.zOn, "2022-03-02");
  assert_int_equal(x.eKind, ACT_HOME_VISIT);
  assert_int_equal(x.nMinutes, 45);
  assert_int_equal(x.iAuthor, w.cmA.id);
  assert_string_equal(x.zAuthor, "cm_a");
  assert_int_equal(x.iIntervention, iIv);
  assert_non_null(x.zServiceEn);
  assert_int_equal(x.bRestricted, 0);
  assert_string_equal(x.zText, "Visit at home: Giulia's school enrolment.\nNext visit in two weeks.");
  assert_int_equal(x.nMember, 2); /* the duplicate once */
  assert_string_equal(x.aMember[0].zFirstName, "Giulia");
  assert_string_equal(x.aMember[1].zFirstName, "Maria");
  assert_int_equal(register_get(w.db, &a, w.iA, iCase + 1000, id, &x), DOMAIN_NOT_FOUND);
  assert_int_equal(register_get(w.db, &a, w.iB, iCase, id, &x), DOMAIN_NOT_FOUND);
  /* no members, no intervention, 0 minutes: fine */
  in = fx_input("2022-03-03", "note");
  in.nMinutes = 0;
  assert_int_equal(register_add(w.db, w.iA, iCase, &in, w.sw1.id, NULL, &e), 0);
  assert_int_equal(register_minutes_total(w.db, w.iA, iCase), 45);
  assert_int_equal(register_count_since(w.db, w.iA, iCase, NULL), 2);
  assert_int_equal(register_count_since(w.db, w.iA, iCase, "2999-01-01T00:00:00Z"), 0);
  arena_free(&a);
}

/* register_add(in) is refused with one error on zField; nothing written. */
static void fx_refused(World *w, int64_t iCase, const ActivityInput *in, const char *zField) {
  Errors e = {.n = 0};
  int64_t n = FX_COUNT(w, "SELECT count(*) FROM activity WHERE case_id=$1", iCase);
  assert_int_equal(register_add(w->db, w->iA, iCase, in, w->sw1.id, NULL, &e), DOMAIN_INVALID);
  fx_expect(&e, zField, NULL);
  assert_int_equal(FX_COUNT(w, "SELECT count(*) FROM activity WHERE case_id=$1", iCase), n);
}

static void test_add_refused(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iIv;
  int64_t iCase = fx_case(&w, &iIv);
  ActivityInput in = fx_input("2999-01-01", "meeting");
  fx_refused(&w, iCase, &in, "on_date");
  in = fx_input("2022-02-30", "meeting");
  fx_refused(&w, iCase, &in, "on_date");
  in = fx_input(NULL, "meeting");
  fx_refused(&w, iCase, &in, "on_date");
  in = fx_input("2022-03-02", "visit");
  fx_refused(&w, iCase, &in, "kind");
  in = fx_input("2022-03-02", "");
  fx_refused(&w, iCase, &in, "kind");
  in = fx_input("2022-03-02", "meeting");
  in.nMinutes = 1441;
  fx_refused(&w, iCase, &in, "minutes");
  in.nMinutes = -1;
  fx_refused(&w, iCase, &in, "minutes");
  in.nMinutes = 10;
  int64_t aOther[] = {w.iMaria, w.iAnna};
  in.aMember = aOther;
  in.nMember = 2;
  fx_refused(&w, iCase, &in, "members");
  aOther[1] = w.iZeta;
  fx_refused(&w, iCase, &in, "members");
  in.nMember = 21;
  fx_refused(&w, iCase, &in, "members");
  in.nMember = 0;
  in.iIntervention = iIv + 1000;
  fx_refused(&w, iCase, &in, "intervention");
  in.iIntervention = 0;
  in.zText = "   ";
  fx_refused(&w, iCase, &in, "text");
  char *zLong = xcalloc(1, 4002);
  memset(zLong, 'x', 4001);
  in.zText = zLong;
  fx_refused(&w, iCase, &in, "text");
  free(zLong);
  /* another agency's case */
  Errors e = {.n = 0};
  in = fx_input("2022-03-02", "meeting");
  assert_int_equal(register_add(w.db, w.iB, iCase, &in, w.sw1.id, NULL, &e), DOMAIN_NOT_FOUND);
  /* an intervention of another case */
  int64_t iAnna = fx_shortlist(&w, w.iAnna, "pon");
  in.iIntervention = iIv;
  fx_refused(&w, iAnna, &in, "intervention");
}

/* Add an entry on zOn of kind zKind by iAuthor, restricted or not,
** involving iMember (0: nobody); its id. */
static int64_t fx_entry(World *w, int64_t iCase, const char *zOn, const char *zKind,
                        int64_t iAuthor, int bRestricted, int64_t iMember) {
  Errors e = {.n = 0};
  ActivityInput in = fx_input(zOn, zKind);
  in.bRestricted = bRestricted;
  in.aMember = &iMember;
  in.nMember = iMember ? 1 : 0;
  int64_t id = 0;
  assert_int_equal(register_add(w->db, w->iA, iCase, &in, iAuthor, &id, &e), 0);
  return id;
}

/* The ids listed for (eRel, iUser) with filter f, in order, as "a,b,c". */
static const char *fx_ids(World *w, Arena *a, int64_t iCase, Relation eRel, int64_t iUser,
                          const ActivityFilter *f, int *pbMore) {
  Activity *aRow;
  int n;
  assert_int_equal(register_list(w->db, a, w->iA, iCase, eRel, iUser, f, &aRow, &n, pbMore), 0);
  char *z = arena_strdup(a, "");
  for (int i = 0; i < n; i++) z = arena_printf(a, "%s%s%lld", z, i ? "," : "", (long long)aRow[i].id);
  return z;
}

static void test_list(void **state) {
  World w;
  fx_world(state, &w);
  int64_t iIv;
  int64_t iCase = fx_case(&w, &iIv);
  int64_t i1 = fx_entry(&w, iCase, "2022-03-01", "meeting", w.sw1.id, 0, w.iMaria);
  int64_t i2 = fx_entry(&w, iCase, "2022-03-05", "phone_call", w.cmA.id, 0, w.iGiulia);
  int64_t i3 = fx_entry(&w, iCase, "2022-03-03", "meeting", w.psy.id, 1, w.iMaria);
  int64_t i4 = fx_entry(&w, iCase, "2022-03-05", "note", w.sw1.id, 0, 0);
  Arena a = ARENA_INIT;
  ActivityFilter f = {.eKind = -1};
  char *zAll = arena_printf(&a, "%lld,%lld,%lld,%lld", (long long)i4, (long long)i2,
                            (long long)i3, (long long)i1);
  int bMore = 1;
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &f, &bMore), zAll);
  assert_int_equal(bMore, 0);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_HOLDER, w.sw1.id, &f, NULL), zAll);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_CASE_MANAGER, w.cmA.id, &f, NULL), zAll);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_PSYCHOTHERAPIST, w.psy.id, &f, NULL), zAll);
  /* the restricted entry is left out for those who may not see it */
  char *zNo3 = arena_printf(&a, "%lld,%lld,%lld", (long long)i4, (long long)i2, (long long)i1);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_OPERATOR, w.op.id, &f, NULL), zNo3);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_BREAK_GLASS, w.sw2.id, &f, NULL), zNo3);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_PSYCHOTHERAPIST, w.sw2.id, &f, NULL), zNo3);
  assert_string_equal(fx_ids(&w, &a, iCase, REL_NONE, w.sw2.id, &f, NULL), "");
  /* filters */
  f.eKind = ACT_MEETING;
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &f, NULL),
                      arena_printf(&a, "%lld,%lld", (long long)i3, (long long)i1));
  f.iMember = w.iMaria;
  f.eKind = -1;
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &f, NULL),
                      arena_printf(&a, "%lld,%lld", (long long)i3, (long long)i1));
  assert_string_equal(fx_ids(&w, &a, iCase, REL_OPERATOR, w.op.id, &f, NULL),
                      arena_printf(&a, "%lld", (long long)i1));
  f.iMember = w.iLuca;
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &f, NULL), "");
  /* pages of 2: i4,i2 then i3,i1 */
  ActivityFilter p = {.eKind = -1, .nLimit = 2};
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &p, &bMore),
                      arena_printf(&a, "%lld,%lld", (long long)i4, (long long)i2));
  assert_int_equal(bMore, 1);
  p.zBeforeOn = "2022-03-05";
  p.iBeforeId = i2;
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &p, &bMore),
                      arena_printf(&a, "%lld,%lld", (long long)i3, (long long)i1));
  assert_int_equal(bMore, 0);
  /* a page that skips a hidden entry still fills up: the operator's
  ** second page after i2 is i1 alone */
  assert_string_equal(fx_ids(&w, &a, iCase, REL_OPERATOR, w.op.id, &p, &bMore),
                      arena_printf(&a, "%lld", (long long)i1));
  /* a malformed cursor date starts from the newest */
  p.zBeforeOn = "yesterday";
  assert_string_equal(fx_ids(&w, &a, iCase, REL_MANAGER, w.manager.id, &p, NULL),
                      arena_printf(&a, "%lld,%lld", (long long)i4, (long long)i2));
  /* another agency sees nothing of it */
  Activity *aRow;
  int n;
  assert_int_equal(register_list(w.db, &a, w.iB, iCase, REL_MANAGER, 1, &f, &aRow, &n, NULL), 0);
  assert_int_equal(n, 0);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_add, setup, teardown),                                    \
      cmocka_unit_test_setup_teardown(test_add_refused, setup, teardown),                        \
      cmocka_unit_test_setup_teardown(test_list, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_kinds), cmocka_unit_test(test_rules)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("register", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("register on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("register on postgresql", aPg, NULL, NULL);
  return rc;
}
