/*
** Unit tests for src/domain/project.c and project_diff.c: the project
** is refused before the second interview and for people outside the
** household; validation of objectives and interventions; the agreement
** (version 1, the case agreed); changes to an agreed project need a
** reason and make version n+1, draft edits make none; the pilot's story
** of a plan moved from a father to his adult daughter, read as a diff in
** both languages; the planning warnings (beyond the round's end, a
** service the round does not offer, an operator at capacity, a cost
** beyond what is left on the stream); operators reaching exactly the
** member they serve.
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

#define REASON "the father found work; the daughter takes the internship"

/* A draft project for person iPerson of the ROSSI household, taken
** through both interviews; its case through *piCase. */
static int64_t fx_project(World *w, int64_t iPerson, int64_t *piCase) {
  int64_t iCase = fx_shortlist(w, iPerson, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  Errors e = {.n = 0};
  int64_t iProject = 0;
  assert_int_equal(project_create(w->db, w->iA, iCase, &iProject, &e), 0);
  if (piCase) *piCase = iCase;
  return iProject;
}

/* An intervention of service zService for iPerson, 2022-03-01..zEnd. */
static Intervention fx_iv(const char *zService, int64_t iPerson, const char *zEnd) {
  Intervention iv;
  memset(&iv, 0, sizeof iv);
  iv.zServiceCode = zService;
  iv.iPerson = iPerson;
  iv.zPlannedStart = "2022-03-01";
  iv.zPlannedEnd = zEnd;
  iv.iPlannedHours = 120;
  iv.iPlannedSessions = -1;
  iv.iEstimatedCostCents = 150000;
  return iv;
}

static Objective fx_obj(int64_t iPerson, const char *zText) {
  return (Objective){0, iPerson, NULL, zText, "a contract signed", "2022-06-30"};
}

/* ------------------------------------------------------------------ */
/* Creation and the household                                          */
/* ------------------------------------------------------------------ */

static void test_create(void **state) {
  World w;
  fx_world(state, &w);
  Errors e = {.n = 0};
  int64_t iProject = 0;
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  assert_int_equal(project_create(w.db, w.iA, iCase, &iProject, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the first interview has not been held");
  fx_first_interview(&w, iCase);
  assert_int_equal(project_create(w.db, w.iA, iCase, &iProject, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "no second interview has been held");
  assert_int_equal(project_of_case(w.db, w.iA, iCase), 0);
  fx_second_interview(&w, iCase);
  assert_int_equal(project_create(w.db, w.iB, iCase, &iProject, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(project_create(w.db, w.iA, iCase, &iProject, &e), 0);
  assert_int_equal(project_of_case(w.db, w.iA, iCase), iProject);
  assert_int_equal(project_of_case(w.db, w.iB, iCase), 0);
  int64_t iAgain = 0;
  assert_int_equal(project_create(w.db, w.iA, iCase, &iAgain, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the case already has a project");
  Arena a = ARENA_INIT;
  Project p;
  assert_int_equal(project_get(w.db, &a, w.iA, iProject, LANG_EN, &p), 0);
  assert_string_equal(p.zState, "draft");
  assert_int_equal(p.iVersion, 0);
  assert_int_equal(p.nObjective + p.nIntervention, 0);
  assert_int_equal(project_get(w.db, &a, w.iB, iProject, LANG_EN, &p), DOMAIN_NOT_FOUND);
  /* a withdrawn candidate's draft cannot be edited */
  assert_int_equal(intake_withdraw(w.db, w.iA, iCase, "2022-02-20", "health", NULL, 0, &e), 0);
  assert_int_equal(fx_stage(&w, iCase), STAGE_WITHDREW);
  Objective o = fx_obj(w.iMaria, "find work");
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  arena_free(&a);
}

static void test_household_and_validation(void **state) {
  World w;
  fx_world(state, &w);
  Errors e = {.n = 0};
  int64_t iProject = fx_project(&w, w.iMaria, NULL);
  /* Anna is not of the Rossi household: conflict, nothing written */
  Objective o = fx_obj(w.iAnna, "find work");
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "person_id", "not a member of the participant's household");
  Intervention iv = fx_iv("internship", w.iAnna, "2022-06-30");
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "person_id", "not a member of the participant's household");
  iv = fx_iv("internship", w.iZeta, "2022-06-30");
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "person_id", NULL);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM intervention WHERE project_id=$1", iProject),
                   0);
  assert_int_equal(
      FX_COUNT(&w, "SELECT count(*) FROM project_objective WHERE project_id=$1", iProject), 0);

  /* field by field */
  o = fx_obj(w.iMaria, "");
  o.zTargetOn = "2022-02-31";
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, 0, &e), DOMAIN_INVALID);
  assert_int_equal(e.n, 2);
  assert_string_equal(errors_get(&e, "text"), "required");
  assert_string_equal(errors_get(&e, "target_on"), "not a valid date (YYYY-MM-DD)");
  e.n = 0;
  static const struct {
    int iCase;
    const char *zField, *zMsg;
  } aBad[] = {
      {0, "service", "unknown service"},
      {1, "planned_end", "cannot be before the planned start"},
      {2, "operator_id", "not an active operator of the agency"},
      {3, "operator_id", "not an active operator of this organisation"},
      {4, "organisation_id", "unknown organisation"},
      {5, "estimated_cost_cents", "cannot be negative"},
      {6, "planned_hours", "a number from 0 to 100000, or empty"},
      {7, "funding_stream", "unknown funding stream"},
      {8, "planned_start", "not a valid date (YYYY-MM-DD)"},
  };
  for (size_t i = 0; i < sizeof aBad / sizeof *aBad; i++) {
    iv = fx_iv("internship", w.iMaria, "2022-06-30");
    switch (aBad[i].iCase) {
    case 0: iv.zServiceCode = "juggling"; break;
    case 1: iv.zPlannedEnd = "2022-02-01"; break;
    case 2: iv.iOperator = w.cmA.id; break;
    case 3: iv.iOperator = w.op.id; iv.iOrganisation = w.iCoopB; break;
    case 4: iv.iOrganisation = 999999; break;
    case 5: iv.iEstimatedCostCents = -5; break;
    case 6: iv.iPlannedHours = 100001; break;
    case 7: iv.iStream = 999999; break;
    case 8: iv.zPlannedStart = "01/03/2022"; break;
    }
    assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e),
                     DOMAIN_INVALID);
    fx_expect(&e, aBad[i].zField, aBad[i].zMsg);
  }
  /* an objective or intervention of another project: not found */
  o = fx_obj(w.iMaria, "find work");
  o.id = 999999;
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, 0, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(project_intervention_delete(w.db, w.iA, iProject, 999999, NULL, 0, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(e.n, 0);
}

/* ------------------------------------------------------------------ */
/* Agreement and versions                                              */
/* ------------------------------------------------------------------ */

static void test_agree_and_versions(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = 0;
  int64_t iProject = fx_project(&w, w.iMaria, &iCase);
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-15", w.cmA.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the project needs at least one objective and one intervention");
  /* draft edits make no version, and need no reason */
  Objective o = fx_obj(w.iMaria, "find stable work in catering");
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, w.cmA.id, &e), 0);
  Intervention iv = fx_iv("haccp", w.iMaria, "2022-04-30");
  iv.iStream = w.iStreamPon;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, w.cmA.id, &e), 0);
  assert_int_equal(project_set_commitments(w.db, w.iA, iProject, "attend every lesson", NULL,
                                           w.cmA.id, &e),
                   0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM project_version WHERE project_id=$1",
                            iProject),
                   0);
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2199-01-01", w.cmA.id, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "agreed_on", "cannot be in the future");
  /* agree: version 1, the case agreed */
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-15", w.cmA.id, &e), 0);
  Project p;
  assert_int_equal(project_get(w.db, &a, w.iA, iProject, LANG_EN, &p), 0);
  assert_string_equal(p.zState, "agreed");
  assert_int_equal(p.iVersion, 1);
  assert_string_equal(p.zAgreedOn, "2022-02-15");
  assert_string_equal(p.zCommitments, "attend every lesson");
  assert_int_equal(p.nIntervention, 1);
  assert_string_equal(p.aIntervention[0].zServiceName, "HACCP course (food hygiene)");
  assert_string_equal(p.aIntervention[0].zStreamCode, "pon");
  assert_string_equal(p.aIntervention[0].zStatus, "planned");
  assert_string_equal(p.aObjective[0].zPersonName, "Maria Rossi");
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.eStage, STAGE_AGREED);
  assert_string_equal(c.zAgreedOn, "2022-02-15");
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-16", w.cmA.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the project has already been agreed");

  /* a change after the agreement needs a reason */
  o.zIndicator = "a contract of at least six months";
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, w.cmA.id, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, "typo", w.cmA.id, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "explain the change in at least 10 characters");
  assert_int_equal(project_intervention_delete(w.db, w.iA, iProject, iv.id, NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(project_set_commitments(w.db, w.iA, iProject, "x", "", 0, &e), DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM project_version WHERE project_id=$1",
                            iProject),
                   1);
  assert_int_equal(project_get(w.db, &a, w.iA, iProject, LANG_EN, &p), 0);
  assert_string_equal(p.aObjective[0].zIndicator, "a contract signed"); /* unchanged */
  /* with a reason: version 2 at once */
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o,
                                          "  the employer asked for a longer contract ", w.cmA.id,
                                          &e),
                   0);
  ProjectVersion *aV;
  int nV;
  assert_int_equal(project_versions(w.db, &a, w.iA, iProject, &aV, &nV), 0);
  assert_int_equal(nV, 2);
  assert_int_equal(aV[0].iVersion, 1);
  assert_null(aV[0].zReason);
  assert_string_equal(aV[0].zCreatedBy, "cm_a");
  assert_int_equal(aV[1].iVersion, 2);
  assert_string_equal(aV[1].zReason, "the employer asked for a longer contract");
  assert_int_equal(project_get(w.db, &a, w.iA, iProject, LANG_EN, &p), 0);
  assert_int_equal(p.iVersion, 2);
  DiffLine *aD;
  int nD;
  assert_int_equal(project_diff(&a, aV[0].zSnapshot, aV[1].zSnapshot, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 1);
  assert_string_equal(aD[0].zWhat, "Objective (Maria Rossi): indicator of achievement");
  assert_string_equal(aD[0].zBefore, "a contract signed");
  assert_string_equal(aD[0].zAfter, "a contract of at least six months");
  /* deleting with a reason: version 3 */
  assert_int_equal(project_intervention_delete(w.db, w.iA, iProject, iv.id,
                                               "the course was cancelled by the provider",
                                               w.cmA.id, &e),
                   0);
  assert_int_equal(project_versions(w.db, &a, w.iA, iProject, &aV, &nV), 0);
  assert_int_equal(nV, 3);
  assert_int_equal(project_diff(&a, aV[1].zSnapshot, aV[2].zSnapshot, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 1);
  assert_string_equal(aD[0].zWhat, "Intervention HACCP course (food hygiene) (Maria Rossi)");
  assert_string_equal(aD[0].zBefore, "Maria Rossi, from 2022-03-01 to 2022-04-30");
  assert_null(aD[0].zAfter);
  assert_int_equal(project_versions(w.db, &a, w.iB, iProject, &aV, &nV), 0);
  assert_int_equal(nV, 0);
  arena_free(&a);
}

/* The pilot's case: the plan built around the father moves to his adult
** daughter, who was then hired. */
static void test_father_to_daughter(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iProject = fx_project(&w, w.iMario, NULL);
  Objective o = fx_obj(w.iMario, "be hired by the host firm");
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, NULL, 0, &e), 0);
  Intervention iv = fx_iv("internship", w.iMario, "2022-06-30");
  iv.iOrganisation = w.iFirm;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e), 0);
  assert_int_equal(project_agree(w.db, w.iA, iProject, "2022-02-15", w.cmA.id, &e), 0);
  /* the move: the intervention and the objective */
  iv.iPerson = w.iGiulia;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, REASON, w.cmA.id, &e), 0);
  o.iPerson = w.iGiulia;
  assert_int_equal(project_objective_save(w.db, w.iA, iProject, &o, REASON, w.cmA.id, &e), 0);
  ProjectVersion *aV;
  int nV;
  assert_int_equal(project_versions(w.db, &a, w.iA, iProject, &aV, &nV), 0);
  assert_int_equal(nV, 3);
  DiffLine *aD;
  int nD;
  assert_int_equal(project_diff(&a, aV[0].zSnapshot, aV[2].zSnapshot, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 2);
  assert_string_equal(aD[0].zWhat, "Objective: household member");
  assert_string_equal(aD[0].zBefore, "Mario Rossi");
  assert_string_equal(aD[0].zAfter, "Giulia Rossi");
  assert_string_equal(aD[1].zWhat, "Intervention Internship: recipient");
  assert_string_equal(aD[1].zBefore, "Mario Rossi");
  assert_string_equal(aD[1].zAfter, "Giulia Rossi");
  /* in Italian: the service's Italian name, the label translated */
  assert_int_equal(project_diff(&a, aV[0].zSnapshot, aV[2].zSnapshot, LANG_IT, &aD, &nD), 0);
  assert_int_equal(nD, 2);
  char zWant[200];
  snprintf(zWant, sizeof zWant, tr(LANG_IT, "Intervention %s: recipient"), "Tirocinio");
  assert_string_equal(aD[1].zWhat, zWant);
  assert_non_null(strstr(aD[1].zWhat, "Tirocinio"));
  /* a snapshot against nothing: everything added */
  assert_int_equal(project_diff(&a, NULL, aV[0].zSnapshot, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 2);
  assert_string_equal(aD[0].zWhat, "Objective (Mario Rossi)");
  assert_null(aD[0].zBefore);
  assert_string_equal(aD[0].zAfter, "be hired by the host firm");
  assert_string_equal(aD[1].zWhat, "Intervention Internship (Mario Rossi)");
  assert_string_equal(aD[1].zAfter, "Mario Rossi, from 2022-03-01 to 2022-06-30");
  /* the same snapshot: no lines; not JSON: -1 */
  assert_int_equal(project_diff(&a, aV[1].zSnapshot, aV[1].zSnapshot, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 0);
  assert_int_equal(project_diff(&a, "{", aV[1].zSnapshot, LANG_EN, &aD, &nD), -1);
  assert_int_equal(project_diff(&a, aV[1].zSnapshot, "[]", LANG_EN, &aD, &nD), -1);
  arena_free(&a);
}

/* The pure diff on hand-written snapshots: every field of an
** intervention, money and dates as each language writes them. */
static void test_diff_fields(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  const char *zOld =
      "{\"commitments\":\"come on time\",\"objectives\":[],\"interventions\":[{\"id\":7,"
      "\"service\":\"forklift\",\"service_name\":{\"it\":\"Carrellisti\",\"en\":\"Forklift\"},"
      "\"person\":\"Maria Rossi\",\"organisation\":\"coop_a\",\"operator\":null,"
      "\"planned_start\":\"2022-03-01\",\"planned_end\":\"2022-04-30\",\"planned_hours\":40,"
      "\"planned_sessions\":null,\"estimated_cost_cents\":123450,\"funding_stream\":\"pon\","
      "\"status\":\"planned\"}]}";
  const char *zNew =
      "{\"commitments\":\"come on time\",\"objectives\":[],\"interventions\":[{\"id\":7,"
      "\"service\":\"forklift\",\"service_name\":{\"it\":\"Carrellisti\",\"en\":\"Forklift\"},"
      "\"person\":\"Maria Rossi\",\"organisation\":\"coop_a\",\"operator\":\"op\","
      "\"planned_start\":\"2022-03-01\",\"planned_end\":\"2022-05-31\",\"planned_hours\":40,"
      "\"planned_sessions\":10,\"estimated_cost_cents\":150000,\"funding_stream\":\"pon\","
      "\"status\":\"planned\"}]}";
  DiffLine *aD;
  int nD;
  assert_int_equal(project_diff(&a, zOld, zNew, LANG_EN, &aD, &nD), 0);
  assert_int_equal(nD, 4);
  assert_string_equal(aD[0].zWhat, "Intervention Forklift (Maria Rossi): operator");
  assert_null(aD[0].zBefore);
  assert_string_equal(aD[0].zAfter, "op");
  assert_string_equal(aD[1].zWhat, "Intervention Forklift (Maria Rossi): planned end");
  assert_string_equal(aD[1].zAfter, "2022-05-31");
  assert_string_equal(aD[2].zWhat, "Intervention Forklift (Maria Rossi): planned sessions");
  assert_string_equal(aD[2].zAfter, "10");
  assert_string_equal(aD[3].zWhat, "Intervention Forklift (Maria Rossi): estimated cost");
  assert_string_equal(aD[3].zBefore, "\xe2\x82\xac" "1,234.50");
  assert_string_equal(aD[3].zAfter, "\xe2\x82\xac" "1,500.00");
  assert_int_equal(project_diff(&a, zOld, zNew, LANG_IT, &aD, &nD), 0);
  assert_int_equal(nD, 4);
  assert_string_equal(aD[1].zBefore, "30/04/2022");
  assert_string_equal(aD[1].zAfter, "31/05/2022");
  assert_string_equal(aD[3].zBefore, "\xe2\x82\xac 1.234,50");
  assert_non_null(strstr(aD[0].zWhat, "Carrellisti"));
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Warnings and operators                                              */
/* ------------------------------------------------------------------ */

/* The warning of code zCode in a[0..n), or NULL. */
static const PlanWarning *find_warning(const PlanWarning *a, int n, const char *zCode) {
  for (int i = 0; i < n; i++) {
    if (strcmp(a[i].zCode, zCode) == 0) return &a[i];
  }
  return NULL;
}

static void test_warnings(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iProject = fx_project(&w, w.iMaria, NULL);
  /* a plan with nothing to warn about */
  Intervention ok = fx_iv("haccp", w.iMaria, "2022-06-30");
  ok.iOperator = w.op.id;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &ok, NULL, 0, &e), 0);
  PlanWarning *aW;
  int nW;
  assert_int_equal(project_warnings(w.db, &a, w.iA, iProject, LANG_EN, &aW, &nW), 0);
  assert_int_equal(nW, 0);

  /* beyond the round's end (2022-06-30) */
  Intervention late = fx_iv("internship", w.iMaria, "2022-09-30");
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &late, NULL, 0, &e), 0);
  /* a service the round does not offer */
  Intervention it = fx_iv("it_training", w.iGiulia, "2022-05-31");
  it.iEstimatedCostCents = -1;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &it, NULL, 0, &e), 0);
  /* the operator (capacity 1) gets a second intervention */
  Intervention home = fx_iv("home_education", w.iLuca, "2022-06-30");
  home.iOperator = w.op.id;
  home.iEstimatedCostCents = 0;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &home, NULL, 0, &e), 0);
  /* over budget: pon holds EUR 5,000.00 */
  Intervention dear = fx_iv("forklift", w.iMaria, "2022-06-30");
  dear.iStream = w.iStreamPon;
  dear.iEstimatedCostCents = 600000;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &dear, NULL, 0, &e), 0);

  assert_int_equal(project_warnings(w.db, &a, w.iA, iProject, LANG_EN, &aW, &nW), 0);
  const PlanWarning *p = find_warning(aW, nW, "beyond_round_end");
  assert_non_null(p);
  assert_int_equal(p->iIntervention, late.id);
  assert_string_equal(p->zMessage, "Internship for Maria Rossi ends after the round: this path"
                                   " will be cut short on 2022-06-30");
  p = find_warning(aW, nW, "service_not_active");
  assert_non_null(p);
  assert_int_equal(p->iIntervention, it.id);
  assert_string_equal(p->zMessage, "Basic and advanced IT skills is not active in this round");
  p = find_warning(aW, nW, "operator_full");
  assert_non_null(p);
  assert_string_equal(p->zMessage,
                      "op already follows 1 interventions, as many as their capacity of 1");
  p = find_warning(aW, nW, "over_budget");
  assert_non_null(p);
  assert_int_equal(p->iIntervention, 0);
  assert_string_equal(p->zMessage, "The estimated cost on pon, \xe2\x82\xac" "6,000.00, is beyond"
                                   " what is left on it: \xe2\x82\xac" "5,000.00");
  assert_int_equal(nW, 5); /* operator_full on both of op's interventions */
  /* in Italian: dates and money as Italians write them */
  assert_int_equal(project_warnings(w.db, &a, w.iA, iProject, LANG_IT, &aW, &nW), 0);
  p = find_warning(aW, nW, "beyond_round_end");
  assert_non_null(strstr(p->zMessage, "30/06/2022"));
  assert_non_null(strstr(p->zMessage, "Tirocinio"));
  p = find_warning(aW, nW, "over_budget");
  assert_non_null(strstr(p->zMessage, "\xe2\x82\xac 6.000,00"));
  /* another agency's project: not found */
  assert_int_equal(project_warnings(w.db, &a, w.iB, iProject, LANG_EN, &aW, &nW),
                   DOMAIN_NOT_FOUND);
  arena_free(&a);
}

static void test_budget_counts_agreed(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iMaria = fx_project(&w, w.iMaria, NULL);
  Objective o = fx_obj(w.iMaria, "a job");
  assert_int_equal(project_objective_save(w.db, w.iA, iMaria, &o, NULL, 0, &e), 0);
  Intervention iv = fx_iv("haccp", w.iMaria, "2022-06-30");
  iv.iStream = w.iStreamPon;
  iv.iEstimatedCostCents = 400000; /* of 500000 */
  assert_int_equal(project_intervention_save(w.db, w.iA, iMaria, &iv, NULL, 0, &e), 0);
  PlanWarning *aW;
  int nW;
  assert_int_equal(project_warnings(w.db, &a, w.iA, iMaria, LANG_EN, &aW, &nW), 0);
  assert_int_equal(nW, 0);
  assert_int_equal(project_agree(w.db, w.iA, iMaria, "2022-02-15", 0, &e), 0);
  assert_int_equal(project_warnings(w.db, &a, w.iA, iMaria, LANG_EN, &aW, &nW), 0);
  assert_int_equal(nW, 0); /* its own costs are not counted twice */
  /* Mario's draft: EUR 2,000 where EUR 1,000 is left */
  int64_t iMario = fx_project(&w, w.iMario, NULL);
  Intervention iv2 = fx_iv("safety", w.iMario, "2022-06-30");
  iv2.iStream = w.iStreamPon;
  iv2.iEstimatedCostCents = 200000;
  assert_int_equal(project_intervention_save(w.db, w.iA, iMario, &iv2, NULL, 0, &e), 0);
  assert_int_equal(project_warnings(w.db, &a, w.iA, iMario, LANG_EN, &aW, &nW), 0);
  assert_int_equal(nW, 1);
  assert_string_equal(aW[0].zCode, "over_budget");
  assert_non_null(strstr(aW[0].zMessage, "\xe2\x82\xac" "1,000.00"));
  arena_free(&a);
}

static void test_operator_access(void **state) {
  World w;
  fx_world(state, &w);
  Errors e = {.n = 0};
  int64_t iCase = 0;
  int64_t iProject = fx_project(&w, w.iMaria, &iCase);
  assert_int_equal(access_person(w.db, &w.op, w.iLuca), REL_NONE);
  Intervention iv = fx_iv("home_education", w.iLuca, "2022-06-30");
  iv.iOperator = w.op.id;
  iv.iOrganisation = w.iCoopA;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e), 0);
  assert_int_equal(access_person(w.db, &w.op, w.iLuca), REL_OPERATOR);
  assert_int_equal(access_person(w.db, &w.op, w.iMaria), REL_NONE);
  assert_int_equal(access_person(w.db, &w.op, w.iGiulia), REL_NONE);
  /* moved to Giulia: the operator follows the member served */
  iv.iPerson = w.iGiulia;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e), 0);
  assert_int_equal(access_person(w.db, &w.op, w.iGiulia), REL_OPERATOR);
  assert_int_equal(access_person(w.db, &w.op, w.iLuca), REL_NONE);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM case_operator WHERE case_id=$1", iCase), 1);
  /* no operator any more, then removed */
  iv.iOperator = 0;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e), 0);
  assert_int_equal(access_person(w.db, &w.op, w.iGiulia), REL_NONE);
  iv.iOperator = w.op.id;
  assert_int_equal(project_intervention_save(w.db, w.iA, iProject, &iv, NULL, 0, &e), 0);
  assert_int_equal(project_intervention_delete(w.db, w.iA, iProject, iv.id, NULL, 0, &e), 0);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM case_operator WHERE case_id=$1", iCase), 0);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_create, setup, teardown),                                 \
      cmocka_unit_test_setup_teardown(test_household_and_validation, setup, teardown),           \
      cmocka_unit_test_setup_teardown(test_agree_and_versions, setup, teardown),                 \
      cmocka_unit_test_setup_teardown(test_father_to_daughter, setup, teardown),                 \
      cmocka_unit_test_setup_teardown(test_warnings, setup, teardown),                           \
      cmocka_unit_test_setup_teardown(test_budget_counts_agreed, setup, teardown),               \
      cmocka_unit_test_setup_teardown(test_operator_access, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {cmocka_unit_test(test_diff_fields)};
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("project", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("project on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("project on postgresql", aPg, NULL, NULL);
  return rc;
}
