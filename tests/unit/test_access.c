/*
** Unit tests for src/domain/access.c and sensitive.c: the pure decision
** (roles x facts -> relation), the relation -> fields table and
** redaction, then against a real database: the relation of every kind of
** user to the people of a small agency (holder, colleague, psychotherapist,
** case managers of two cooperatives, an operator, a closed case, another
** agency, a removed role), household members as an operator sees them,
** the scope of person_list() and the caseloads the triggers keep for it,
** emergency access with its expiry, and the storage of special-category
** data.
**
** The database tests run on a fresh SQLite file in /tmp migrated to the
** latest schema (db_fixture.c), and again on PostgreSQL when ALI_TEST_PG
** holds the URL of a server's "postgres" database (tests/run exports it).  Accounts
** are inserted directly (user.c is not under test here).  The files under
** test are included, h2o style, so this compiles alone.
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
#include "../../src/domain/country.c"
#include "../../src/domain/household.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/sensitive.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"

/* ------------------------------------------------------------------ */
/* Pure: the decision and the field table                              */
/* ------------------------------------------------------------------ */

static void test_decide(void **state) {
  (void)state;
  AccessFacts none = {0}, in = {.bInAgency = 1};
  AccessFacts all = {1, 1, 1, 1, 1, 1};
  /* nothing outside the agency, whatever the roles and facts */
  assert_int_equal(access_decide(ROLE_MANAGER, &none), REL_NONE);
  all.bInAgency = 0;
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER | ROLE_MANAGER, &all), REL_NONE);
  all.bInAgency = 1;
  /* the manager sees the whole agency */
  assert_int_equal(access_decide(ROLE_MANAGER, &in), REL_MANAGER);
  /* each case relation needs its role */
  AccessFacts f = in;
  f.bHolder = 1;
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER, &f), REL_HOLDER);
  assert_int_equal(access_decide(ROLE_AUDITOR, &f), REL_NONE);
  assert_int_equal(access_decide(ROLE_CASE_MANAGER, &f), REL_NONE);
  f = in;
  f.bPsychotherapist = 1;
  assert_int_equal(access_decide(ROLE_PSYCHOTHERAPIST, &f), REL_PSYCHOTHERAPIST);
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER, &f), REL_REGISTRY);
  f = in;
  f.bCaseManager = 1;
  assert_int_equal(access_decide(ROLE_CASE_MANAGER, &f), REL_CASE_MANAGER);
  assert_int_equal(access_decide(ROLE_OPERATOR, &f), REL_NONE);
  f = in;
  f.bOperator = 1;
  assert_int_equal(access_decide(ROLE_OPERATOR, &f), REL_OPERATOR);
  assert_int_equal(access_decide(ROLE_CASE_MANAGER, &f), REL_NONE);
  /* emergency access needs the capability to break the glass */
  f = in;
  f.bBreakGlass = 1;
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER, &f), REL_BREAK_GLASS);
  assert_int_equal(access_decide(ROLE_OPERATOR, &f), REL_NONE);
  /* a social worker without a case sees the registry; others nothing */
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER, &in), REL_REGISTRY);
  for (int i = 0; i < ROLE_COUNT; i++) {
    unsigned m = policy_role_at(i);
    if (m == ROLE_MANAGER || m == ROLE_SOCIAL_WORKER) continue;
    assert_int_equal(access_decide(m, &in), REL_NONE);
  }
  /* precedence: holder before psychotherapist before case manager */
  assert_int_equal(access_decide(ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER,
                                 &all),
                   REL_HOLDER);
  assert_int_equal(access_decide(ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER, &all),
                   REL_PSYCHOTHERAPIST);
}

static void test_fields(void **state) {
  (void)state;
  /* nobody sees anything with REL_NONE */
  for (int i = 0; i < PF_COUNT; i++) {
    assert_false(access_sees(REL_NONE, (PersonField)i));
    assert_non_null(access_field_code((PersonField)i));
  }
  /* the registry view: name, age, household only */
  for (int i = 0; i < PF_COUNT; i++) {
    int bWant = i == PF_NAME || i == PF_AGE || i == PF_HOUSEHOLD;
    assert_int_equal(access_sees(REL_REGISTRY, (PersonField)i), bWant);
  }
  /* an operator: also relationship and municipality */
  for (int i = 0; i < PF_COUNT; i++) {
    int bWant = i == PF_NAME || i == PF_AGE || i == PF_HOUSEHOLD || i == PF_RELATIONSHIP ||
                i == PF_MUNICIPALITY;
    assert_int_equal(access_sees(REL_OPERATOR, (PersonField)i), bWant);
  }
  /* the relations of a case see the whole record */
  Relation aFull[] = {REL_CASE_MANAGER, REL_PSYCHOTHERAPIST, REL_HOLDER, REL_BREAK_GLASS,
                      REL_MANAGER};
  for (size_t k = 0; k < sizeof aFull / sizeof *aFull; k++) {
    for (int i = 0; i < PF_COUNT; i++) assert_true(access_sees(aFull[k], (PersonField)i));
  }
  assert_true(access_can_edit(REL_HOLDER));
  assert_true(access_can_edit(REL_MANAGER));
  assert_true(access_can_edit(REL_BREAK_GLASS));
  assert_false(access_can_edit(REL_CASE_MANAGER));
  assert_false(access_can_edit(REL_PSYCHOTHERAPIST));
  assert_false(access_can_edit(REL_OPERATOR));
  assert_false(access_can_edit(REL_REGISTRY));
  assert_string_equal(access_relation_code(REL_BREAK_GLASS), "break_glass");
}

static Person full_person(void) {
  Person p;
  memset(&p, 0, sizeof p);
  p.id = 7;
  p.iHouseholdId = 3;
  p.zPersonRef = "P-7";
  p.zHouseholdRef = "H-3";
  p.zRelationship = "child";
  p.zCodiceFiscale = "RSSMRA85T10G702S";
  p.zFirstName = "Mario";
  p.zLastName = "Rossi";
  p.zGender = "M";
  p.zBirthDate = "2000-01-01";
  p.zBirthCountry = "IT";
  p.zCitizenship = "IT";
  p.zMunicipality = "Pisa";
  p.iMinimumIncome = 1;
  p.zCreatedAt = p.zUpdatedAt = "2024-01-01T00:00:00Z";
  return p;
}

static void test_redact(void **state) {
  (void)state;
  int iAge;
  Person p = full_person();
  access_redact(REL_REGISTRY, &p, &iAge);
  assert_true(iAge >= 24);
  assert_string_equal(p.zLastName, "Rossi");
  assert_string_equal(p.zHouseholdRef, "H-3");
  assert_int_equal(p.iHouseholdId, 3);
  assert_null(p.zCodiceFiscale);
  assert_null(p.zBirthDate);
  assert_null(p.zBirthCountry);
  assert_null(p.zCitizenship);
  assert_null(p.zMunicipality);
  assert_null(p.zRelationship);
  assert_null(p.zPersonRef);
  assert_null(p.zGender);
  assert_null(p.zCreatedAt);
  assert_int_equal(p.iMinimumIncome, -1);

  p = full_person();
  access_redact(REL_OPERATOR, &p, &iAge);
  assert_string_equal(p.zMunicipality, "Pisa");
  assert_string_equal(p.zRelationship, "child");
  assert_null(p.zCodiceFiscale);
  assert_null(p.zCitizenship);
  assert_int_equal(p.iMinimumIncome, -1);

  p = full_person();
  access_redact(REL_HOLDER, &p, &iAge);
  assert_string_equal(p.zCodiceFiscale, "RSSMRA85T10G702S");
  assert_string_equal(p.zBirthDate, "2000-01-01");
  assert_int_equal(p.iMinimumIncome, 1);

  p = full_person();
  access_redact(REL_NONE, &p, &iAge);
  assert_int_equal(iAge, -1);
  assert_null(p.zFirstName);
  assert_null(p.zLastName);
  assert_null(p.zHouseholdRef);
}

static void test_sensitive_policy(void **state) {
  (void)state;
  assert_int_equal(sensitive_visible_mask(REL_NONE), 0);
  assert_int_equal(sensitive_visible_mask(REL_REGISTRY), 0);
  assert_int_equal(sensitive_visible_mask(REL_OPERATOR), 0);
  assert_int_equal(sensitive_visible_mask(REL_MANAGER), SENSITIVE_ALL);
  assert_int_equal(sensitive_visible_mask(REL_HOLDER),
                   (1u << SENS_HEALTH) | (1u << SENS_COURT_NOTES) | (1u << SENS_ADDICTION));
  assert_int_equal(sensitive_visible_mask(REL_CASE_MANAGER),
                   (1u << SENS_HEALTH) | (1u << SENS_PSYCH_NOTES));
  Arena a = {0};
  assert_string_equal(sensitive_audit_detail(&a, (1u << SENS_HEALTH) | (1u << SENS_ADDICTION), 0),
                      "{\"fields\":[\"health\",\"addiction\"]}");
  assert_string_equal(sensitive_audit_detail(&a, 1u << SENS_COURT_NOTES, "[changed]"),
                      "{\"court_notes\":\"[changed]\"}");
  PersonSensitive s = {{0}, 0};
  Errors e = {.n = 0};
  s.az[SENS_HEALTH] = "Diabete di tipo 2.\nControlli regolari.\tNessun ricovero.";
  s.az[SENS_PSYCH_NOTES] = "bad\x01text";
  sensitive_validate(&s, SENSITIVE_ALL, &e);
  assert_int_equal(e.n, 1);
  assert_non_null(errors_get(&e, "psych_notes"));
  e.n = 0;
  sensitive_validate(&s, 1u << SENS_HEALTH, &e); /* psych_notes not written: not checked */
  assert_int_equal(e.n, 0);
  char *zLong = xmalloc(SENSITIVE_MAX_CHARS + 2);
  memset(zLong, 'a', SENSITIVE_MAX_CHARS + 1);
  zLong[SENSITIVE_MAX_CHARS + 1] = 0;
  s.az[SENS_ADDICTION] = zLong;
  sensitive_validate(&s, 1u << SENS_ADDICTION, &e);
  assert_non_null(errors_get(&e, "addiction"));
  free(zLong);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define FX_NAME "access"
#include "db_fixture.c"

/* The little world every database test shares: agency A with two
** cooperatives and agency B, their staff, and these households of A:
**   H1: p1 (reference, case 1 held by sw1; psy1; coop_a with cm_a;
**       operator op1 serves p2) and p2 (child)
**   H2: p3 (case 2 held by sw2; coop_b with cm_b)
**   H3: p4 (case 3, closed, once held by sw1)
**   H4: p5 (case 4 with cm_a as case manager but for coop_b: a mistake
**       that must not open it to cm_a)
** and in agency B: HB with pb.  */
typedef struct World {
  int64_t iA, iB, iCoopA, iCoopB;
  User manager, sw1, sw2, psy1, cmA, cmB, op1, evaluator, managerB;
  int64_t p1, p2, p3, p4, p5, pb, h1, h2, h3;
} World;

static int64_t mk_agency(Db *db, const char *zCode) {
  return db_int(db, 0,
                "INSERT INTO agency(code, name, created_at) VALUES ($1,$1,$2) RETURNING id", "tt",
                zCode, "2024-01-01T00:00:00Z");
}

static int64_t mk_org(Db *db, int64_t iAgency, const char *zCode) {
  return db_int(db, 0,
                "INSERT INTO organisation(agency_id, code, name, kind)"
                " VALUES ($1,$2,$2,'cooperative') RETURNING id",
                "it", iAgency, zCode);
}

static User mk_user(Db *db, int64_t iAgency, int64_t iOrg, const char *zName, unsigned mRoles) {
  User u;
  memset(&u, 0, sizeof u);
  u.iAgency = iAgency;
  u.iOrganisation = iOrg;
  u.zUsername = zName;
  u.zFullName = zName;
  u.mRoles = mRoles;
  u.bActive = 1;
  if (iOrg) {
    u.id = db_int(db, 0,
                  "INSERT INTO app_user(agency_id, organisation_id, username, full_name, created_at)"
                  " VALUES ($1,$2,$3,$3,'2024-01-01T00:00:00Z') RETURNING id",
                  "iit", iAgency, iOrg, zName);
  } else {
    u.id = db_int(db, 0,
                  "INSERT INTO app_user(agency_id, username, full_name, created_at)"
                  " VALUES ($1,$2,$2,'2024-01-01T00:00:00Z') RETURNING id",
                  "it", iAgency, zName);
  }
  assert_true(u.id > 0);
  for (int i = 0; i < ROLE_COUNT; i++) {
    unsigned m = policy_role_at(i);
    if (mRoles & m) {
      assert_int_equal(db_exec(db, "INSERT INTO user_role(user_id, role) VALUES ($1,$2)", "it",
                               u.id, policy_role_code(m)),
                       0);
    }
  }
  return u;
}

static int64_t mk_person(Db *db, int64_t iAgency, const char *zRef, const char *zHousehold,
                         const char *zRel, const char *zLast) {
  Person p;
  memset(&p, 0, sizeof p);
  p.zPersonRef = zRef;
  p.zHouseholdRef = zHousehold;
  p.zRelationship = zRel;
  p.zFirstName = "Test";
  p.zLastName = zLast;
  p.zBirthDate = "1980-05-05";
  p.zMunicipality = "Pisa";
  p.iMinimumIncome = -1;
  Errors e = {.n = 0};
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  return p.id;
}

static int64_t mk_case(Db *db, int64_t iAgency, int64_t iPerson, int64_t iSw, int64_t iPsy,
                       int64_t iOrg, int64_t iCm, const char *zClosed) {
  /* NULL ids as 0 would break the foreign keys: use NULLIF */
  return db_int(db, 0,
                "INSERT INTO case_file(agency_id, person_id, social_worker_id, psychotherapist_id,"
                " organisation_id, case_manager_id, opened_at, closed_at)"
                " VALUES ($1,$2,NULLIF(CAST($3 AS BIGINT),0),NULLIF(CAST($4 AS BIGINT),0),"
                " NULLIF(CAST($5 AS BIGINT),0),NULLIF(CAST($6 AS BIGINT),0),"
                " '2024-01-01',$7) RETURNING id",
                "iiiiiit", iAgency, iPerson, iSw, iPsy, iOrg, iCm, zClosed);
}

static void mk_world(Db *db, World *w) {
  memset(w, 0, sizeof *w);
  w->iA = mk_agency(db, "a");
  w->iB = mk_agency(db, "b");
  w->iCoopA = mk_org(db, w->iA, "coop_a");
  w->iCoopB = mk_org(db, w->iA, "coop_b");
  int64_t iCoopOfB = mk_org(db, w->iB, "coop_b");
  w->manager = mk_user(db, w->iA, 0, "manager", ROLE_MANAGER);
  w->sw1 = mk_user(db, w->iA, 0, "sw1", ROLE_SOCIAL_WORKER);
  w->sw2 = mk_user(db, w->iA, 0, "sw2", ROLE_SOCIAL_WORKER);
  w->psy1 = mk_user(db, w->iA, 0, "psy1", ROLE_PSYCHOTHERAPIST);
  w->cmA = mk_user(db, w->iA, w->iCoopA, "cm_a", ROLE_CASE_MANAGER);
  w->cmB = mk_user(db, w->iA, w->iCoopB, "cm_b", ROLE_CASE_MANAGER);
  w->op1 = mk_user(db, w->iA, w->iCoopA, "op1", ROLE_OPERATOR);
  w->evaluator = mk_user(db, w->iA, 0, "evaluator", ROLE_EVALUATOR);
  w->managerB = mk_user(db, w->iB, iCoopOfB, "manager_b", ROLE_MANAGER);
  w->p1 = mk_person(db, w->iA, "P1", "H1", "reference", "Uno");
  w->p2 = mk_person(db, w->iA, "P2", "H1", "child", "Due");
  w->p3 = mk_person(db, w->iA, "P3", "H2", "reference", "Tre");
  w->p4 = mk_person(db, w->iA, "P4", "H3", "reference", "Quattro");
  w->p5 = mk_person(db, w->iA, "P5", "H4", "reference", "Cinque");
  w->pb = mk_person(db, w->iB, "P1", "H1", "reference", "Altra");
  w->h1 = db_int(db, 0, "SELECT household_id FROM person WHERE id=$1", "i", w->p1);
  w->h2 = db_int(db, 0, "SELECT household_id FROM person WHERE id=$1", "i", w->p3);
  w->h3 = db_int(db, 0, "SELECT household_id FROM person WHERE id=$1", "i", w->p4);
  int64_t c1 = mk_case(db, w->iA, w->p1, w->sw1.id, w->psy1.id, w->iCoopA, w->cmA.id, 0);
  mk_case(db, w->iA, w->p3, w->sw2.id, 0, w->iCoopB, w->cmB.id, 0);
  int64_t c3 = mk_case(db, w->iA, w->p4, w->sw1.id, w->psy1.id, w->iCoopA, w->cmA.id,
                       "2024-06-30");
  mk_case(db, w->iA, w->p5, w->sw2.id, 0, w->iCoopB, w->cmA.id, 0);
  assert_int_equal(db_exec(db, "INSERT INTO case_operator(case_id, user_id, person_id)"
                               " VALUES ($1,$2,$3)",
                           "iii", c1, w->op1.id, w->p2),
                   0);
  /* the operator also once served p4, whose case is closed */
  assert_int_equal(db_exec(db, "INSERT INTO case_operator(case_id, user_id, person_id)"
                               " VALUES ($1,$2,$3)",
                           "iii", c3, w->op1.id, w->p4),
                   0);
}

#define NOW "2025-03-01T10:00:00Z"

static void expect_rel(Db *db, const User *u, int64_t iPerson, Relation eWant) {
  Relation e = access_person_at(db, u, iPerson, NOW);
  if (e != eWant) {
    fail_msg("%s -> person %lld: %s, expected %s", u->zUsername, (long long)iPerson,
             access_relation_code(e), access_relation_code(eWant));
  }
}

/* ------------------------------------------------------------------ */
/* Database tests                                                      */
/* ------------------------------------------------------------------ */

static void test_relations(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  World w;
  mk_world(db, &w);
  int64_t aA[] = {w.p1, w.p2, w.p3, w.p4, w.p5};
  for (size_t i = 0; i < 5; i++) {
    expect_rel(db, &w.manager, aA[i], REL_MANAGER);
    expect_rel(db, &w.managerB, aA[i], REL_NONE); /* never across agencies */
    expect_rel(db, &w.evaluator, aA[i], REL_NONE);
  }
  expect_rel(db, &w.manager, w.pb, REL_NONE);
  expect_rel(db, &w.managerB, w.pb, REL_MANAGER);
  expect_rel(db, &w.manager, 999999, REL_NONE);
  /* the holder sees the whole household; a colleague only the registry */
  expect_rel(db, &w.sw1, w.p1, REL_HOLDER);
  expect_rel(db, &w.sw1, w.p2, REL_HOLDER);
  expect_rel(db, &w.sw1, w.p3, REL_REGISTRY);
  expect_rel(db, &w.sw1, w.p4, REL_HOLDER); /* a closed case is still held */
  expect_rel(db, &w.sw1, w.pb, REL_NONE);
  expect_rel(db, &w.sw2, w.p1, REL_REGISTRY);
  expect_rel(db, &w.sw2, w.p3, REL_HOLDER);
  /* the psychotherapist: their cases, closed ones too */
  expect_rel(db, &w.psy1, w.p1, REL_PSYCHOTHERAPIST);
  expect_rel(db, &w.psy1, w.p2, REL_PSYCHOTHERAPIST);
  expect_rel(db, &w.psy1, w.p3, REL_NONE);
  expect_rel(db, &w.psy1, w.p4, REL_PSYCHOTHERAPIST);
  /* case managers: their cases, within their own cooperative */
  expect_rel(db, &w.cmA, w.p1, REL_CASE_MANAGER);
  expect_rel(db, &w.cmA, w.p2, REL_CASE_MANAGER);
  expect_rel(db, &w.cmA, w.p3, REL_NONE); /* another cooperative's case */
  expect_rel(db, &w.cmA, w.p5, REL_NONE); /* assigned, but for coop_b */
  expect_rel(db, &w.cmB, w.p3, REL_CASE_MANAGER);
  expect_rel(db, &w.cmB, w.p1, REL_NONE);
  expect_rel(db, &w.cmA, w.p4, REL_CASE_MANAGER); /* a closed case they followed */
  /* the operator: exactly the member served, on an open case */
  expect_rel(db, &w.op1, w.p2, REL_OPERATOR);
  expect_rel(db, &w.op1, w.p1, REL_NONE);
  expect_rel(db, &w.op1, w.p4, REL_NONE);
  /* a role taken away takes the relation with it */
  User sw1Auditor = w.sw1;
  sw1Auditor.mRoles = ROLE_AUDITOR;
  expect_rel(db, &sw1Auditor, w.p1, REL_NONE);
  /* households */
  assert_int_equal(access_household_at(db, &w.op1, w.h1, NOW), REL_OPERATOR);
  assert_int_equal(access_household_at(db, &w.op1, w.h2, NOW), REL_NONE);
  assert_int_equal(access_household_at(db, &w.sw1, w.h1, NOW), REL_HOLDER);
  assert_int_equal(access_household_at(db, &w.sw1, w.h2, NOW), REL_REGISTRY);
  assert_int_equal(access_household_at(db, &w.cmB, w.h1, NOW), REL_NONE);
  assert_int_equal(access_household_at(db, &w.managerB, w.h1, NOW), REL_NONE);
}

static void test_members(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  Arena a = {0};
  Person *aM;
  int n;
  assert_int_equal(household_members(f->db, &a, w.iA, w.h1, &aM, &n), 0);
  assert_int_equal(n, 2);
  Relation aRel[2];
  assert_int_equal(access_members(f->db, &w.op1, w.h1, aM, n, aRel), 0);
  for (int i = 0; i < n; i++) {
    assert_int_equal(aRel[i], aM[i].id == w.p2 ? REL_OPERATOR : REL_NONE);
  }
  assert_int_equal(access_members(f->db, &w.sw1, w.h1, aM, n, aRel), 0);
  assert_int_equal(aRel[0], REL_HOLDER);
  assert_int_equal(aRel[1], REL_HOLDER);
  assert_int_equal(access_members(f->db, &w.sw2, w.h1, aM, n, aRel), 0);
  assert_int_equal(aRel[0], REL_REGISTRY);
  assert_int_equal(access_members(f->db, &w.cmB, w.h1, aM, n, aRel), 0);
  assert_int_equal(aRel[0], REL_NONE);
  assert_int_equal(aRel[1], REL_NONE);
  arena_free(&a);
}

/* The person ids person_list() shows user u, in list order, as a mask
** over w's people (bit 0 p1 ... bit 4 p5). */
static unsigned listed(Db *db, const World *w, const User *u) {
  PersonFilter pf;
  memset(&pf, 0, sizeof pf);
  pf.iMinimumIncome = -1;
  pf.nLimit = 100;
  access_person_scope(u, &pf.scope);
  Arena a = {0};
  Person *aP;
  int n;
  const char *zNext;
  assert_int_equal(person_list(db, &a, u->iAgency, &pf, &aP, &n, &zNext), 0);
  int64_t aId[] = {w->p1, w->p2, w->p3, w->p4, w->p5};
  unsigned m = 0;
  for (int i = 0; i < n; i++) {
    int bKnown = 0;
    for (int k = 0; k < 5; k++) {
      if (aP[i].id == aId[k]) {
        m |= 1u << k;
        bKnown = 1;
      }
    }
    if (!bKnown) m |= 1u << 8; /* someone else: agency B's person */
  }
  arena_free(&a);
  return m;
}

/* test_scope's checks, on w's world. */
static void scope_cases(Db *db, const World *pW) {
  const World w = *pW;
  assert_int_equal(listed(db, &w, &w.manager), 0x1f);
  assert_int_equal(listed(db, &w, &w.sw1), 0x1f);   /* registry search */
  assert_int_equal(listed(db, &w, &w.psy1), 0xb);   /* H1, and H3 (closed) */
  assert_int_equal(listed(db, &w, &w.cmA), 0xb);    /* H1, H3; not p5 (coop_b) */
  assert_int_equal(listed(db, &w, &w.cmB), 0x4);    /* H2 */
  assert_int_equal(listed(db, &w, &w.op1), 0x2);    /* p2, not p4 (closed) */
  assert_int_equal(listed(db, &w, &w.evaluator), 0);
  assert_int_equal(listed(db, &w, &w.managerB), 1u << 8);
  /* a case manager of no organisation gets nothing */
  User cmNoOrg = w.cmA;
  cmNoOrg.iOrganisation = 0;
  assert_int_equal(listed(db, &w, &cmNoOrg), 0);
  /* a user with two roles sees the union */
  User both = w.cmB;
  both.mRoles |= ROLE_OPERATOR;
  both.id = w.op1.id; /* op1's links, as a case manager of coop_b */
  assert_int_equal(listed(db, &w, &both), 0x2);
}

/* person_list() of a restricted scope lists exactly each user's people. */
static void test_scope(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  scope_cases(f->db, &w);
}

/* The caseload table (migration 018) holds exactly what its definition,
** the view caseload_source, says: nothing missing, nothing stale. */
static void expect_caseload_current(Db *db, const char *zAfter) {
  int64_t nStale = db_int(db, -1,
                          "SELECT count(*) FROM (SELECT * FROM caseload"
                          " EXCEPT SELECT * FROM caseload_source) x", "");
  int64_t nMissing = db_int(db, -1,
                            "SELECT count(*) FROM (SELECT * FROM caseload_source"
                            " EXCEPT SELECT * FROM caseload) x", "");
  if (nStale || nMissing) {
    fail_msg("after %s: %lld caseload rows stale, %lld missing", zAfter, (long long)nStale,
             (long long)nMissing);
  }
}

static void exec_ok(Db *db, const char *zSql, int64_t a, int64_t b) {
  if (db_exec(db, zSql, "ii", a, b)) fail_msg("%s: %s", zSql, db_errmsg(db));
}

/* Every write the scope depends on changes the caseloads at once, by
** the triggers of migration 018 (whoever writes). */
static void test_caseload_kept(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  World w;
  mk_world(db, &w);
  expect_caseload_current(db, "the world is made");
  int64_t c2 = db_int(db, 0, "SELECT id FROM case_file WHERE person_id=$1", "i", w.p3);
  int64_t c1 = db_int(db, 0, "SELECT id FROM case_file WHERE person_id=$1", "i", w.p1);
  assert_int_equal(listed(db, &w, &w.cmA), 0xb);
  /* case 2 passes to cm_a, still for coop_b: not cm_a's; then coop_a */
  exec_ok(db, "UPDATE case_file SET case_manager_id=$1 WHERE id=$2", w.cmA.id, c2);
  expect_caseload_current(db, "a new case manager");
  assert_int_equal(listed(db, &w, &w.cmA), 0xb);
  assert_int_equal(listed(db, &w, &w.cmB), 0);
  exec_ok(db, "UPDATE case_file SET organisation_id=$1 WHERE id=$2", w.iCoopA, c2);
  expect_caseload_current(db, "a new cooperative");
  assert_int_equal(listed(db, &w, &w.cmA), 0xf);
  /* p2 moves from H1 to H2: the psychotherapist of H1 loses them */
  exec_ok(db, "UPDATE person SET household_id=$1 WHERE id=$2", w.h2, w.p2);
  expect_caseload_current(db, "a move");
  assert_int_equal(listed(db, &w, &w.psy1), 0x9);
  assert_int_equal(listed(db, &w, &w.cmA), 0xf);
  /* a new member of H2 joins cm_a's caseload */
  int64_t pNew = mk_person(db, w.iA, "P6", "H2", "partner", "Aaaa");
  expect_caseload_current(db, "a new member");
  assert_true(listed(db, &w, &w.cmA) & (1u << 8));
  /* a new name moves the person in the list's order */
  exec_ok(db, "UPDATE person SET name_key='zzz renamed' WHERE id=$1 AND id<>$2", pNew, 0);
  expect_caseload_current(db, "a new name");
  /* case 1 closes: the operator's link lapses, the others stay */
  exec_ok(db, "UPDATE case_file SET closed_at='2025-01-31' WHERE id=$1 AND id<>$2", c1, 0);
  expect_caseload_current(db, "a closed case");
  assert_int_equal(listed(db, &w, &w.op1), 0);
  exec_ok(db, "UPDATE case_file SET closed_at=NULL WHERE id=$1 AND id<>$2", c1, 0);
  assert_int_equal(listed(db, &w, &w.op1), 0x2);
  /* the link removed, then the psychotherapist */
  exec_ok(db, "DELETE FROM case_operator WHERE user_id=$1 AND person_id=$2", w.op1.id, w.p2);
  expect_caseload_current(db, "a link removed");
  assert_int_equal(listed(db, &w, &w.op1), 0);
  exec_ok(db, "UPDATE case_file SET psychotherapist_id=NULL WHERE id=$1 AND id<>$2", c1, 0);
  expect_caseload_current(db, "no psychotherapist");
  assert_int_equal(listed(db, &w, &w.psy1), 0x8);
  /* a case removed (its assignment history first) takes its household out */
  exec_ok(db, "DELETE FROM case_assignment WHERE case_id=$1 AND case_id<>$2", c2, 0);
  exec_ok(db, "DELETE FROM case_file WHERE id=$1 AND id<>$2", c2, 0);
  expect_caseload_current(db, "a case removed");
  assert_int_equal(listed(db, &w, &w.cmA), 0x9);
}

static void test_list_rows(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  Arena a = {0};
  PersonFilter pf;
  memset(&pf, 0, sizeof pf);
  pf.iMinimumIncome = -1;
  pf.nLimit = 100;
  Person *aP;
  int n;
  const char *zNext;
  assert_int_equal(person_list(f->db, &a, w.iA, &pf, &aP, &n, &zNext), 0);
  assert_int_equal(n, 5);
  Relation aRel[5];
  /* sw1: everyone of the agency, as holder or registry */
  access_list_rows(f->db, &w.sw1, &pf, aP, &n, aRel);
  assert_int_equal(n, 5);
  for (int i = 0; i < n; i++) {
    int bHeld = aP[i].id == w.p1 || aP[i].id == w.p2 || aP[i].id == w.p4; /* p4: closed, held */
    assert_int_equal(aRel[i], bHeld ? REL_HOLDER : REL_REGISTRY);
  }
  /* a filter on a field the registry view hides drops the registry rows */
  pf.zMunicipality = "Pisa";
  assert_int_equal(person_list(f->db, &a, w.iA, &pf, &aP, &n, &zNext), 0);
  assert_int_equal(n, 5);
  access_list_rows(f->db, &w.sw1, &pf, aP, &n, aRel);
  assert_int_equal(n, 3);
  assert_false(access_filter_visible(REL_REGISTRY, &pf));
  assert_true(access_filter_visible(REL_OPERATOR, &pf)); /* operators see the municipality */
  pf.zMunicipality = 0;
  pf.zQuery = "RSSMRA85T10"; /* a codice fiscale prefix */
  assert_false(access_filter_visible(REL_REGISTRY, &pf));
  assert_true(access_filter_visible(REL_CASE_MANAGER, &pf));
  pf.zQuery = "rossi"; /* a name: everyone who sees the row sees the name */
  assert_true(access_filter_visible(REL_REGISTRY, &pf));
  pf.zQuery = 0;
  pf.iMinimumIncome = 1;
  assert_false(access_filter_visible(REL_OPERATOR, &pf));
  pf.iMinimumIncome = -1;
  pf.zGender = "F";
  assert_false(access_filter_visible(REL_OPERATOR, &pf));
  assert_true(access_filter_visible(REL_MANAGER, &pf));
  /* rows the user may not see at all are dropped: cm_b on the whole agency */
  pf.zGender = 0;
  assert_int_equal(person_list(f->db, &a, w.iA, &pf, &aP, &n, &zNext), 0);
  access_list_rows(f->db, &w.cmB, &pf, aP, &n, aRel);
  assert_int_equal(n, 1);
  assert_int_equal(aP[0].id, w.p3);
  assert_int_equal(aRel[0], REL_CASE_MANAGER);
  arena_free(&a);
}

static void test_household_ref_writable(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  assert_true(access_household_ref_writable(f->db, &w.sw1, "H1"));  /* held */
  assert_false(access_household_ref_writable(f->db, &w.sw1, "H2")); /* a colleague's */
  assert_true(access_household_ref_writable(f->db, &w.sw1, "H-NEW")); /* created anew */
  assert_true(access_household_ref_writable(f->db, &w.manager, "H2"));
  assert_false(access_household_ref_writable(f->db, &w.cmA, "H1")); /* case managers do not edit */
  /* agency B's "H1" is another household: manager_b edits their own */
  assert_true(access_household_ref_writable(f->db, &w.managerB, "H1"));
}

static void test_break_glass(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  Errors e = {.n = 0};
  char zExpires[21];
  /* a reason is required, and long enough to mean something */
  assert_int_equal(access_break_glass(f->db, &w.sw2, w.p1, "  ", NOW, &e, zExpires),
                   DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "reason"));
  e.n = 0;
  assert_int_equal(access_break_glass(f->db, &w.sw2, w.p1, "urgente", NOW, &e, zExpires),
                   DOMAIN_INVALID);
  e.n = 0;
  /* not for another agency's person, nor for roles without the capability */
  assert_int_equal(access_break_glass(f->db, &w.sw2, w.pb, "Pronto soccorso chiama", NOW, &e,
                                     zExpires),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(access_break_glass(f->db, &w.cmB, w.p1, "Pronto soccorso chiama", NOW, &e,
                                      zExpires),
                   DOMAIN_NOT_FOUND);
  expect_rel(f->db, &w.sw2, w.p1, REL_REGISTRY);
  assert_int_equal(access_break_glass(f->db, &w.sw2, w.p2,
                                      "Il pronto soccorso chiede notizie del nucleo", NOW, &e,
                                      zExpires),
                   0);
  assert_int_equal(e.n, 0);
  assert_string_equal(zExpires, "2025-03-01T11:00:00Z");
  /* it opens the whole household for 60 minutes */
  expect_rel(f->db, &w.sw2, w.p1, REL_BREAK_GLASS);
  expect_rel(f->db, &w.sw2, w.p2, REL_BREAK_GLASS);
  expect_rel(f->db, &w.sw2, w.p4, REL_REGISTRY);
  assert_int_equal(access_person_at(f->db, &w.sw2, w.p1, "2025-03-01T10:59:59Z"),
                   REL_BREAK_GLASS);
  assert_int_equal(access_person_at(f->db, &w.sw2, w.p1, "2025-03-01T11:00:00Z"), REL_REGISTRY);
  /* a holder keeps being the holder */
  assert_int_equal(access_person_at(f->db, &w.sw2, w.p3, "2025-03-01T10:30:00Z"), REL_HOLDER);
  /* the manager's list */
  Arena a = {0};
  BreakGlass *aB;
  int n;
  assert_int_equal(access_break_glass_list(f->db, &a, w.iA, "2025-01-01", 10, &aB, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aB[0].zUsername, "sw2");
  assert_int_equal(aB[0].iPerson, w.p2);
  assert_string_equal(aB[0].zPersonName, "Due Test");
  assert_string_equal(aB[0].zReason, "Il pronto soccorso chiede notizie del nucleo");
  assert_string_equal(aB[0].zExpiresAt, "2025-03-01T11:00:00Z");
  assert_int_equal(access_break_glass_list(f->db, &a, w.iB, "2025-01-01", 10, &aB, &n), 0);
  assert_int_equal(n, 0);
  assert_int_equal(access_break_glass_list(f->db, &a, w.iA, "2025-03-02", 10, &aB, &n), 0);
  assert_int_equal(n, 0);
  arena_free(&a);
}

static void test_sensitive_storage(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  Arena a = {0};
  PersonSensitive s;
  /* nothing yet: every field empty */
  assert_int_equal(sensitive_get(f->db, &a, w.iA, w.p1, SENSITIVE_ALL, &s), 0);
  for (int i = 0; i < SENS_COUNT; i++) assert_null(s.az[i]);
  assert_null(s.zUpdatedAt);
  assert_int_equal(sensitive_get(f->db, &a, w.iB, w.p1, SENSITIVE_ALL, &s), DOMAIN_NOT_FOUND);
  /* write two fields */
  PersonSensitive in = {{0}, 0};
  in.az[SENS_HEALTH] = "Ipertensione, in terapia.";
  in.az[SENS_COURT_NOTES] = "Segnalazione al tribunale per i minorenni, 2023.";
  in.az[SENS_PSYCH_NOTES] = "not written: outside the mask";
  Errors e = {.n = 0};
  unsigned mChanged;
  unsigned mWrite = (1u << SENS_HEALTH) | (1u << SENS_COURT_NOTES);
  assert_int_equal(sensitive_save(f->db, w.iA, w.p1, mWrite, &in, NOW, &mChanged, &e), 0);
  assert_int_equal(mChanged, mWrite);
  assert_int_equal(sensitive_get(f->db, &a, w.iA, w.p1, SENSITIVE_ALL, &s), 0);
  assert_string_equal(s.az[SENS_HEALTH], "Ipertensione, in terapia.");
  assert_string_equal(s.az[SENS_COURT_NOTES], "Segnalazione al tribunale per i minorenni, 2023.");
  assert_null(s.az[SENS_PSYCH_NOTES]);
  assert_string_equal(s.zUpdatedAt, NOW);
  /* only the fields asked for are read */
  assert_int_equal(sensitive_get(f->db, &a, w.iA, w.p1, 1u << SENS_HEALTH, &s), 0);
  assert_null(s.az[SENS_COURT_NOTES]);
  /* the same values again change nothing; a blank clears */
  in.az[SENS_COURT_NOTES] = " ";
  assert_int_equal(sensitive_save(f->db, w.iA, w.p1, mWrite, &in, NOW, &mChanged, &e), 0);
  assert_int_equal(mChanged, 1u << SENS_COURT_NOTES);
  assert_int_equal(sensitive_get(f->db, &a, w.iA, w.p1, SENSITIVE_ALL, &s), 0);
  assert_null(s.az[SENS_COURT_NOTES]);
  assert_string_equal(s.az[SENS_HEALTH], "Ipertensione, in terapia.");
  /* another agency's person: not found, nothing written */
  assert_int_equal(sensitive_save(f->db, w.iB, w.p1, mWrite, &in, NOW, &mChanged, &e),
                   DOMAIN_NOT_FOUND);
  /* invalid text: nothing written */
  in.az[SENS_HEALTH] = "bad\x02";
  assert_int_equal(sensitive_save(f->db, w.iA, w.p1, mWrite, &in, NOW, &mChanged, &e),
                   DOMAIN_INVALID);
  assert_non_null(errors_get(&e, "health"));
  assert_int_equal(sensitive_get(f->db, &a, w.iA, w.p1, SENSITIVE_ALL, &s), 0);
  assert_string_equal(s.az[SENS_HEALTH], "Ipertensione, in terapia.");
  arena_free(&a);
}

/* A list longer than one statement of access_people_at (16 people), with
** people of another agency and an id of no one among them: each row gets
** exactly the relation access_person gives, for every kind of user. */
static void test_list_rows_batched(void **state) {
  Fixture *f = *state;
  World w;
  mk_world(f->db, &w);
  const int64_t aId[] = {w.p1, w.p2, w.p3, w.p4, w.p5, w.pb, 999999};
  enum { N = 37 };
  Person aP[N];
  memset(aP, 0, sizeof aP);
  for (int i = 0; i < N; i++) aP[i].id = aId[(i * 5 + i / 7) % 7];
  const User *apUser[] = {&w.sw1, &w.sw2, &w.psy1, &w.cmA, &w.cmB, &w.op1, &w.evaluator};
  PersonFilter pf;
  memset(&pf, 0, sizeof pf);
  pf.iMinimumIncome = -1;
  for (size_t u = 0; u < sizeof apUser / sizeof apUser[0]; u++) {
    Person aRow[N];
    Relation aRel[N];
    memcpy(aRow, aP, sizeof aRow);
    int n = N, nSeen = 0;
    access_list_rows(f->db, apUser[u], &pf, aRow, &n, aRel);
    for (int i = 0; i < N; i++) {
      Relation e = access_person(f->db, apUser[u], aP[i].id);
      if (e == REL_NONE) continue;
      assert_true(nSeen < n);
      assert_int_equal(aRow[nSeen].id, aP[i].id);
      assert_int_equal(aRel[nSeen], e);
      nSeen++;
    }
    assert_int_equal(n, nSeen);
    if (apUser[u] == &w.sw1) assert_true(nSeen > 16); /* more than one statement's worth */
  }
}

/* Each database test gets a fresh schema: the fixture is per test. */
#define DB_TEST(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_decide),
      cmocka_unit_test(test_fields),
      cmocka_unit_test(test_redact),
      cmocka_unit_test(test_sensitive_policy),
  };
  const struct CMUnitTest aSqlite[] = {
      DB_TEST(test_relations, setup_sqlite),   DB_TEST(test_members, setup_sqlite),
      DB_TEST(test_scope, setup_sqlite),       DB_TEST(test_break_glass, setup_sqlite),
      DB_TEST(test_list_rows, setup_sqlite),   DB_TEST(test_household_ref_writable, setup_sqlite),
      DB_TEST(test_sensitive_storage, setup_sqlite), DB_TEST(test_caseload_kept, setup_sqlite),
      DB_TEST(test_list_rows_batched, setup_sqlite),
  };
  const struct CMUnitTest aPg[] = {
      DB_TEST(test_relations, setup_pg),   DB_TEST(test_members, setup_pg),
      DB_TEST(test_scope, setup_pg),       DB_TEST(test_break_glass, setup_pg),
      DB_TEST(test_list_rows, setup_pg),   DB_TEST(test_household_ref_writable, setup_pg),
      DB_TEST(test_sensitive_storage, setup_pg), DB_TEST(test_caseload_kept, setup_pg),
      DB_TEST(test_list_rows_batched, setup_pg),
  };
  int rc = cmocka_run_group_tests_name("access", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("access on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("access on postgresql", aPg, NULL, NULL);
  return rc;
}
