/*
** Unit tests for src/domain/intake.c, access_form.c and funnel.c: stage
** and reason codes, who may do what on a case (pure), the form's
** validation (pure); then against a real database (intake_fixture.c):
** the shortlist (eligibility refused with the reason, duplicates, the
** round's cap and places freed by leaving, other agencies), the form
** (saved, read back, replaced, screening and overrides, references),
** every legal and illegal stage transition, withdrawal at each stage,
** referrals, lists, relations and the funnel.
**
** Each database test gets a fresh SQLite file, and again a fresh
** PostgreSQL database when ALI_TEST_PG holds the URL of a server's
** "postgres" database.  Included h2o style (see the Makefile).
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
#include "../../src/domain/funnel.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/screening.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"

#include "intake_fixture.c"

/* ------------------------------------------------------------------ */
/* Pure                                                                */
/* ------------------------------------------------------------------ */

static void test_codes(void **state) {
  (void)state;
  for (int i = 0; i < STAGE_COUNT; i++) {
    assert_int_equal(stage_from_code(stage_code((Stage)i)), i);
    assert_non_null(stage_obstacle((Stage)i));
  }
  assert_null(stage_code(STAGE_COUNT));
  assert_int_equal(stage_from_code("agreedx"), -1);
  assert_int_equal(stage_from_code(NULL), -1);
  assert_true(stage_is_exit(STAGE_WITHDREW) && stage_is_exit(STAGE_NOT_SUITABLE));
  assert_false(stage_is_exit(STAGE_AGREED) || stage_is_exit(STAGE_SHORTLISTED));
  assert_string_equal(stage_obstacle(STAGE_SHORTLISTED), "the first interview has not been held");
  assert_string_equal(stage_obstacle(STAGE_WITHDREW), "the candidate has withdrawn");
  assert_int_equal(withdrawal_reason_find("expected_benefit"), 0);
  assert_string_equal(withdrawal_reason_label(0), "Expected a benefit in exchange");
  for (int i = 0; i < WITHDRAWAL_REASON_COUNT; i++) {
    assert_int_equal(withdrawal_reason_find(withdrawal_reason_code(i)), i);
    assert_non_null(withdrawal_reason_label(i));
  }
  assert_int_equal(withdrawal_reason_find("bored"), -1);
  assert_null(withdrawal_reason_code(WITHDRAWAL_REASON_COUNT));
}

static void test_can(void **state) {
  (void)state;
  /* relation: read, interview, plan */
  static const int aWant[][4] = {
      {REL_NONE, 0, 0, 0},         {REL_REGISTRY, 0, 0, 0},    {REL_OPERATOR, 0, 0, 0},
      {REL_CASE_MANAGER, 1, 0, 1}, {REL_PSYCHOTHERAPIST, 1, 1, 0}, {REL_HOLDER, 1, 1, 0},
      {REL_BREAK_GLASS, 1, 0, 0},  {REL_MANAGER, 1, 1, 1},
  };
  for (size_t i = 0; i < sizeof aWant / sizeof *aWant; i++) {
    Relation e = (Relation)aWant[i][0];
    assert_int_equal(intake_can_read(e), aWant[i][1]);
    assert_int_equal(intake_can_interview(e), aWant[i][2]);
    assert_int_equal(intake_can_plan(e), aWant[i][3]);
  }
}

static void test_text_checks(void **state) {
  (void)state;
  Errors e = {.n = 0};
  intake_check_text(&e, "t", "line one\nline two\r\n\tindented", 2000, 1);
  intake_check_text(&e, "t", NULL, 2000, 0);
  assert_int_equal(e.n, 0);
  intake_check_text(&e, "t", "  ", 500, 1);
  fx_expect(&e, "t", "required");
  intake_check_text(&e, "t", "bell\a", 500, 1);
  fx_expect(&e, "t", "contains characters that are not allowed");
  char z[2100];
  memset(z, 'x', 2001);
  z[2001] = 0;
  intake_check_text(&e, "t", z, 2000, 1);
  fx_expect(&e, "t", "at most 2000 characters");
  z[2000] = 0;
  intake_check_text(&e, "t", z, 2000, 1);
  assert_int_equal(e.n, 0);
  intake_check_date(&e, "d", "2022-02-30", 1);
  fx_expect(&e, "d", "not a valid date (YYYY-MM-DD)");
  intake_check_date(&e, "d", "2199-01-01", 1);
  fx_expect(&e, "d", "cannot be in the future");
  intake_check_date(&e, "d", "", 1);
  fx_expect(&e, "d", "required");
  intake_check_date(&e, "d", "", 0);
  assert_int_equal(e.n, 0);
}

static void test_form_validate(void **state) {
  (void)state;
  Errors e = {.n = 0};
  AccessForm f = fx_form(1, "suitable");
  intake_form_validate(&f, &e);
  assert_int_equal(e.n, 0);
  f.iEducationIsced = -1; /* unknown */
  f.zLabourStatus = NULL;
  f.iUnemployedMonths = -1;
  f.zDecision = NULL;
  intake_form_validate(&f, &e);
  assert_int_equal(e.n, 0);

  static const struct {
    int iCase;
    const char *zField, *zMsg;
  } aBad[] = {
      {0, "interview_on", "required"},
      {1, "interview_on", "cannot be in the future"},
      {2, "privacy_signed_on", "required"},
      {3, "privacy_signed_on", "the privacy notice has not been given"},
      {4, "vulnerabilities", "a vulnerability is checked twice"},
      {5, "vulnerabilities", "not a valid vulnerability"},
      {6, "vulnerability_other", "say what the other vulnerability is"},
      {7, "scores.italian", "a score from 1 to 4"},
      {8, "scores", "unknown employability area"},
      {9, "scores", "an area is scored twice"},
      {10, "education_isced", "an ISCED level from 0 to 8"},
      {11, "labour_status", "must be employed, unemployed or inactive"},
      {12, "unemployed_months", "only for a person who is unemployed"},
      {13, "decision", "must be suitable, refer or job_only"},
      {14, "past_work", "at most 2000 characters"},
      {15, "services", "not a valid service code"},
      {16, "override_reason", "at most 500 characters"},
      {17, "privacy_notice", "must be 0 or 1"},
  };
  static char zLong[2100];
  memset(zLong, 'y', 2050);
  static const char *azBadService[] = {"haccp", "no such"};
  for (size_t i = 0; i < sizeof aBad / sizeof *aBad; i++) {
    f = fx_form(1, "suitable");
    switch (aBad[i].iCase) {
    case 0: f.zInterviewOn = NULL; break;
    case 1: f.zInterviewOn = "2199-01-01"; break;
    case 2: f.zPrivacySignedOn = ""; break;
    case 3: f.bPrivacyNotice = 0; break;
    case 4: f.azVulnerability[1] = "single_parent"; break;
    case 5: f.azVulnerability[1] = "bad code"; break;
    case 6: f.azVulnerability[2] = "other"; f.nVulnerability = 3; break;
    case 7: f.aScore[1].iScore = 5; break;
    case 8: f.aScore[1].zArea = "charisma"; break;
    case 9: f.aScore[1].zArea = "personal"; break;
    case 10: f.iEducationIsced = 9; break;
    case 11: f.zLabourStatus = "retired"; f.iUnemployedMonths = -1; break;
    case 12: f.zLabourStatus = "employed"; break;
    case 13: f.zDecision = "maybe"; break;
    case 14: f.zPastWork = zLong; break;
    case 15: f.azService = azBadService; f.nService = 2; break;
    case 16: f.zOverrideReason = zLong; break;
    case 17: f.bPrivacyNotice = 2; break;
    }
    intake_form_validate(&f, &e);
    fx_expect(&e, aBad[i].zField, aBad[i].zMsg);
  }
  /* "other" explained is fine */
  f = fx_form(1, "suitable");
  f.azVulnerability[2] = "other";
  f.nVulnerability = 3;
  f.zVulnerabilityOther = "debts";
  intake_form_validate(&f, &e);
  assert_int_equal(e.n, 0);
}

/* ------------------------------------------------------------------ */
/* The shortlist                                                       */
/* ------------------------------------------------------------------ */

static void test_shortlist(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int nLeft = 0;
  assert_int_equal(intake_places_left(w.db, w.iA, w.iRound, &nLeft), 0);
  assert_int_equal(nLeft, 3);

  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.eStage, STAGE_SHORTLISTED);
  assert_int_equal(c.iPerson, w.iMaria);
  assert_string_equal(c.zFirstName, "Maria");
  assert_string_equal(c.zRoundCode, "R1");
  assert_string_equal(c.zRoundEnd, "2022-06-30");
  assert_string_equal(c.zStreamCode, "fondo_poverta");
  assert_int_equal(c.iSocialWorker, w.sw1.id);
  assert_string_equal(c.zSocialWorker, "sw1");
  assert_string_equal(c.zShortlistedOn, "2022-01-12");
  assert_null(c.zExitOn);
  assert_null(c.zClosedAt);
  assert_int_equal(intake_case_get(w.db, &a, w.iB, iCase, &c), DOMAIN_NOT_FOUND);
  assert_int_equal(intake_places_left(w.db, w.iA, w.iRound, &nLeft), 0);
  assert_int_equal(nLeft, 2);

  /* the same person twice: conflict, nothing written */
  int64_t iNew = 0;
  ShortlistEntry s = {w.iMaria, "pon", "sw2", "2022-01-13"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, w.manager.id, &iNew, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "person", "already a candidate of this round");

  /* eligibility: Anna receives no minimum income */
  s = (ShortlistEntry){w.iAnna, "fondo_poverta", "sw1", "2022-01-13"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "funding_stream", "receives no minimum income");
  /* Giulia's minimum income is unknown */
  s.iPerson = w.iGiulia;
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "funding_stream", "not known to receive the minimum income");

  /* bad inputs, one field each */
  s = (ShortlistEntry){w.iAnna, "nope", "sw1", "2022-01-13"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "funding_stream", "unknown funding stream");
  s = (ShortlistEntry){w.iAnna, "", "sw1", "2022-01-13"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "funding_stream", "required");
  static const char *azWorker[] = {"sw_gone", "psy", "nobody", "manager"};
  for (int i = 0; i < 4; i++) {
    s = (ShortlistEntry){w.iAnna, "pon", azWorker[i], "2022-01-13"};
    assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
    fx_expect(&e, "social_worker", "not an active social worker of the agency");
  }
  s = (ShortlistEntry){w.iAnna, "pon", "sw1", "2022-13-01"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "shortlisted_on", "not a valid date (YYYY-MM-DD)");
  s.zShortlistedOn = "2199-01-01";
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_INVALID);
  fx_expect(&e, "shortlisted_on", "cannot be in the future");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM case_file WHERE round_id=$1", w.iRound), 1);

  /* another agency's person or round: not found */
  s = (ShortlistEntry){w.iZeta, "pon", "sw1", NULL};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_NOT_FOUND);
  s.iPerson = w.iAnna;
  assert_int_equal(intake_shortlist(w.db, w.iB, w.iRound, &s, 0, &iNew, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(intake_places_left(w.db, w.iB, w.iRound, &nLeft), DOMAIN_NOT_FOUND);
  assert_int_equal(e.n, 0);

  /* no date: today */
  s = (ShortlistEntry){w.iAnna, "pon", "sw2", ""};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, w.sw2.id, &iNew, &e), 0);
  char zToday[11];
  date_today(zToday);
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iNew, &c), 0);
  assert_string_equal(c.zShortlistedOn, zToday);
  arena_free(&a);
}

static void test_cap(void **state) {
  World w;
  fx_world(state, &w);
  Errors e = {.n = 0};
  fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t iMario = fx_shortlist(&w, w.iMario, "fondo_poverta");
  fx_shortlist(&w, w.iAnna, "pon");
  int nLeft = -7;
  assert_int_equal(intake_places_left(w.db, w.iA, w.iRound, &nLeft), 0);
  assert_int_equal(nLeft, 0);
  int64_t iNew = 0;
  ShortlistEntry s = {w.iGiulia, "pon", "sw1", "2022-01-13"};
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "round", "the round has no places left");
  /* a candidate who leaves frees the place */
  assert_int_equal(
      intake_withdraw(w.db, w.iA, iMario, "2022-01-14", "found_job", NULL, w.sw1.id, &e), 0);
  assert_int_equal(intake_places_left(w.db, w.iA, w.iRound, &nLeft), 0);
  assert_int_equal(nLeft, 1);
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), 0);
  /* a round without a cap */
  assert_int_equal(db_exec(w.db, "UPDATE round SET max_participants=NULL WHERE id=$1", "i",
                           w.iRound),
                   0);
  assert_int_equal(intake_places_left(w.db, w.iA, w.iRound, &nLeft), 0);
  assert_int_equal(nLeft, -1);
  s.iPerson = w.iLuca;
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iNew, &e), 0);
}

/* ------------------------------------------------------------------ */
/* The form                                                            */
/* ------------------------------------------------------------------ */

static void test_form_save(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  AccessForm g;
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iCase, LANG_EN, &g), DOMAIN_NOT_FOUND);

  AccessForm f = fx_form(iCase, "suitable");
  static const char *azService[] = {"haccp", "internship", "haccp"};
  f.azService = azService;
  f.nService = 3;
  f.iPsychotherapist = w.psy.id;
  f.iSocialWorker = w.sw1.id;
  f.zPastWork = "cleaner, 2015-2019\nshop assistant";
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_string_equal(f.zScreening, "suitable");
  assert_null(f.zReferralKind);
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iCase, LANG_EN, &g), 0);
  assert_string_equal(g.zInterviewOn, "2022-01-20");
  assert_int_equal(g.bPrivacyNotice, 1);
  assert_int_equal(g.nVulnerability, 2);
  assert_string_equal(g.azVulnerability[0], "single_parent"); /* form order */
  assert_string_equal(g.azVulnerability[1], "unemployment");
  assert_int_equal(g.nScore, 2);
  assert_string_equal(g.aScore[0].zArea, "personal");
  assert_string_equal(g.aScore[0].zDescriptor, "fragile after the separation");
  assert_string_equal(g.aScore[1].zArea, "italian");
  assert_int_equal(g.aScore[1].iScore, 4);
  assert_int_equal(g.nService, 2);
  assert_string_equal(g.azService[0], "internship"); /* catalogue order */
  assert_string_equal(g.azService[1], "haccp");
  assert_int_equal(g.iEducationIsced, 3);
  assert_string_equal(g.zLabourStatus, "unemployed");
  assert_int_equal(g.iUnemployedMonths, 18);
  assert_string_equal(g.zPastWork, "cleaner, 2015-2019\nshop assistant");
  assert_string_equal(g.zScreening, "suitable");
  assert_string_equal(g.zDecision, "suitable");
  assert_null(g.zOutcome);
  assert_string_equal(g.zScreeningReason,
                      "No screening rule applies: the profile fits the programme");
  assert_int_equal(g.iPsychotherapist, w.psy.id);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.iPsychotherapist, w.psy.id); /* the psychotherapist reaches the case */
  assert_int_equal(access_person(w.db, &w.psy, w.iMaria), REL_PSYCHOTHERAPIST);

  /* saved again: the child rows are replaced, not added to */
  f = fx_form(iCase, "refer");
  f.azVulnerability[0] = "suspected_addiction";
  f.azVulnerability[1] = "other";
  f.zVulnerabilityOther = "gambling debts";
  f.nScore = 1;
  f.zOverrideReason = "wrong";
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_string_equal(f.zScreening, "refer");
  assert_string_equal(f.zReferralKind, "addiction");
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iCase, LANG_IT, &g), 0);
  assert_int_equal(g.nVulnerability, 2);
  assert_string_equal(g.azVulnerability[0], "suspected_addiction");
  assert_string_equal(g.azVulnerability[1], "other");
  assert_string_equal(g.zVulnerabilityOther, "gambling debts");
  assert_int_equal(g.nScore, 1);
  assert_int_equal(g.nService, 0);
  assert_string_equal(g.zReferralKind, "addiction");
  assert_null(g.zOverrideReason); /* the decision follows the screening */
  assert_string_equal(g.zScreeningReason,
                      "Sospetta dipendenza: prima una valutazione del servizio specialistico"
                      " per le dipendenze");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM access_form_score WHERE case_id=$1", iCase),
                   1);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM access_form WHERE case_id=$1", iCase), 1);
  arena_free(&a);
}

static void test_form_override_and_refs(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  /* the screening says job_only (good scores, nothing but unemployment) */
  AccessForm f = fx_form(iCase, "suitable");
  f.azVulnerability[0] = "unemployment";
  f.nVulnerability = 1;
  f.aScore[0].iScore = 3;
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "override_reason",
            "required when the decision differs from the screening's suggestion");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM access_form WHERE case_id=$1", iCase), 0);
  f.zOverrideReason = "single mother of two, needs the whole programme";
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_string_equal(f.zScreening, "job_only");
  AccessForm g;
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iCase, LANG_EN, &g), 0);
  assert_string_equal(g.zScreening, "job_only");
  assert_string_equal(g.zDecision, "suitable");
  assert_string_equal(g.zOverrideReason, "single mother of two, needs the whole programme");
  assert_string_equal(g.zScreeningReason, "Good employability and no vulnerability besides"
                                          " unemployment: needs a job, not this programme");

  /* references the catalogues and the staff do not hold */
  f = fx_form(iCase, "suitable");
  f.azVulnerability[1] = "lazy";
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "vulnerabilities", "unknown vulnerability");
  static const char *azService[] = {"juggling"};
  f = fx_form(iCase, "suitable");
  f.azService = azService;
  f.nService = 1;
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "services", "unknown service");
  f = fx_form(iCase, "suitable");
  f.iPsychotherapist = w.sw1.id;
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "psychotherapist_id", "not an active psychotherapist of the agency");
  f = fx_form(iCase, "suitable");
  f.iSocialWorker = w.swGone.id;
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "social_worker_id", "not an active social worker of the agency");
  f = fx_form(iCase + 1000, "suitable");
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_NOT_FOUND);
  f = fx_form(iCase, "suitable");
  assert_int_equal(intake_form_save(w.db, &a, w.iB, &f, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(intake_form_get(w.db, &a, w.iB, iCase, LANG_EN, &g), DOMAIN_NOT_FOUND);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Stage transitions                                                   */
/* ------------------------------------------------------------------ */

/* Every step from stage shortlisted: which are refused, then continue. */
static void test_from_shortlisted(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t id = 0;
  /* too early: case manager, second interview */
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopA, w.cmA.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the first interview has not been held");
  SecondInterview si = {0, "2022-02-01", 0, NULL, NULL};
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the first interview has not been held");
  /* an outcome needs a form, and "continue" a suitable decision */
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "continue", "2022-01-21", NULL, NULL,
                                        w.sw1.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the Access and Evaluation Form has not been saved");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "not_suitable", "2022-01-21", NULL,
                                        NULL, w.sw1.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the Access and Evaluation Form has not been saved");
  AccessForm f = fx_form(iCase, NULL);
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "continue", "2022-01-21", NULL, NULL,
                                        w.sw1.id, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "only a candidate judged suitable continues to the second interview");
  /* bad outcomes and dates */
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "maybe", "2022-01-21", NULL, NULL, 0,
                                        &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "outcome", "must be continue, not_suitable or withdrew");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "continue", "21/01/2022", NULL, NULL,
                                        0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "outcome_on", "not a valid date (YYYY-MM-DD)");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "withdrew", "2022-01-21", NULL, NULL,
                                        0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(fx_stage(&w, iCase), STAGE_SHORTLISTED);
  /* continue */
  f = fx_form(iCase, "suitable");
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "continue", "2022-01-21", NULL, NULL,
                                        w.sw1.id, &e),
                   0);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.eStage, STAGE_FIRST_INTERVIEW);
  assert_string_equal(c.zFirstInterviewOn, "2022-01-20"); /* the interview's date */
  AccessForm g;
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iCase, LANG_EN, &g), 0);
  assert_string_equal(g.zOutcome, "continue");
  assert_string_equal(g.zOutcomeOn, "2022-01-21");
  /* the first interview is closed now */
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the first interview is already closed");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "not_suitable", "2022-01-22", NULL,
                                        NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the first interview is already closed");
  arena_free(&a);
}

/* From first_interview: the case manager, second interviews, agreed. */
static void test_second_interviews(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  fx_first_interview(&w, iCase);
  int64_t id = 0;
  SecondInterview si = {0, "2022-02-01", 0, NULL, "met at the cooperative"};
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "no case manager has been assigned");
  /* assignment: a cooperative and one of its case managers */
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopA, w.cmB.id, &e), DOMAIN_INVALID);
  fx_expect(&e, "case_manager", "not an active case manager of this cooperative");
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iSerd, w.cmA.id, &e), DOMAIN_INVALID);
  fx_expect(&e, "organisation", "choose a cooperative of the agency");
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopA, w.op.id, &e), DOMAIN_INVALID);
  fx_expect(&e, "case_manager", "not an active case manager of this cooperative");
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopA, w.cmA.id, &e), 0);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.iCaseManager, w.cmA.id);
  assert_string_equal(c.zOrganisation, "coop_a");
  assert_int_equal(intake_case_relation(w.db, &w.cmA, &c), REL_CASE_MANAGER);
  assert_int_equal(intake_case_relation(w.db, &w.cmB, &c), REL_NONE);
  /* a second interview needs a date, not before the first interview */
  si.zHeldOn = "2022-01-19";
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), DOMAIN_INVALID);
  fx_expect(&e, "held_on", "cannot be before the first interview");
  si.zHeldOn = NULL;
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), DOMAIN_INVALID);
  fx_expect(&e, "held_on", "required");
  si.zHeldOn = "2022-02-01";
  si.iCaseManager = w.cmB.id;
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), DOMAIN_INVALID);
  fx_expect(&e, "case_manager", "not an active case manager of this cooperative");
  si.iCaseManager = 0;
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), 0);
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.eStage, STAGE_SECOND_INTERVIEW);
  assert_string_equal(c.zSecondInterviewOn, "2022-02-01");
  /* more second interviews keep the first date */
  si.zHeldOn = "2022-02-08";
  si.zNotes = NULL;
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), 0);
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_string_equal(c.zSecondInterviewOn, "2022-02-01");
  SecondInterview *aS;
  int nS;
  assert_int_equal(intake_second_interviews(w.db, &a, w.iA, iCase, &aS, &nS), 0);
  assert_int_equal(nS, 2);
  assert_string_equal(aS[0].zNotes, "met at the cooperative");
  assert_string_equal(aS[0].zCaseManager, "cm_a");
  assert_null(aS[1].zNotes);
  assert_int_equal(intake_second_interviews(w.db, &a, w.iB, iCase, &aS, &nS), 0);
  assert_int_equal(nS, 0);
  /* agreed (project.c's step, set here directly): another case manager
  ** may take over, later interviews are allowed, withdrawal is not */
  assert_int_equal(db_exec(w.db, "UPDATE case_file SET stage='agreed' WHERE id=$1", "i", iCase), 0);
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopB, w.cmB.id, &e), 0);
  si.zHeldOn = "2022-03-01";
  assert_int_equal(intake_second_interview(w.db, w.iA, iCase, &si, &id, &e), 0);
  assert_int_equal(fx_stage(&w, iCase), STAGE_AGREED);
  assert_int_equal(intake_withdraw(w.db, w.iA, iCase, "2022-03-02", "health", NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the project has already been agreed");
  arena_free(&a);
}

/* Exits: withdrawal at every stage before agreed, not suitable, and
** nothing moves a case that has left. */
static void test_exits(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iAtShortlist = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  int64_t iAtFirst = fx_shortlist(&w, w.iMario, "fondo_poverta");
  int64_t iAtSecond = fx_shortlist(&w, w.iAnna, "pon");
  fx_first_interview(&w, iAtFirst);
  fx_first_interview(&w, iAtSecond);
  fx_second_interview(&w, iAtSecond);

  /* withdrawal needs a reason from the list and a date */
  assert_int_equal(intake_withdraw(w.db, w.iA, iAtShortlist, "2022-01-15", "bored", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "choose a reason from the list");
  assert_int_equal(intake_withdraw(w.db, w.iA, iAtShortlist, NULL, "health", NULL, 0, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "withdrawn_on", "required");
  assert_int_equal(intake_withdraw(w.db, w.iB, iAtShortlist, "2022-01-15", "health", NULL, 0, &e),
                   DOMAIN_NOT_FOUND);

  /* at the first interview, through its outcome: the open form closes */
  AccessForm f = fx_form(iAtShortlist, NULL);
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_int_equal(intake_first_outcome(w.db, w.iA, iAtShortlist, "withdrew", "2022-01-21",
                                        "expected_benefit", "hoped for a subsidy", w.sw1.id, &e),
                   0);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iAtShortlist, &c), 0);
  assert_int_equal(c.eStage, STAGE_WITHDREW);
  assert_string_equal(c.zExitOn, "2022-01-21");
  assert_string_equal(c.zExitReason, "expected_benefit");
  assert_string_equal(c.zExitNote, "hoped for a subsidy");
  AccessForm g;
  assert_int_equal(intake_form_get(w.db, &a, w.iA, iAtShortlist, LANG_EN, &g), 0);
  assert_string_equal(g.zOutcome, "withdrew");
  /* after first interview and after second interview */
  assert_int_equal(
      intake_withdraw(w.db, w.iA, iAtFirst, "2022-01-25", "moved_away", NULL, w.sw1.id, &e), 0);
  assert_int_equal(fx_stage(&w, iAtFirst), STAGE_WITHDREW);
  assert_int_equal(
      intake_withdraw(w.db, w.iA, iAtSecond, "2022-02-10", "found_job", "hired", w.cmA.id, &e), 0);
  assert_int_equal(fx_stage(&w, iAtSecond), STAGE_WITHDREW);
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM case_file WHERE exit_by=$1", w.cmA.id), 1);

  /* nothing moves a case that has left */
  int64_t id = 0;
  SecondInterview si = {0, "2022-02-11", 0, NULL, NULL};
  assert_int_equal(intake_second_interview(w.db, w.iA, iAtSecond, &si, &id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  assert_int_equal(intake_assign(w.db, w.iA, iAtFirst, w.iCoopA, w.cmA.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  assert_int_equal(intake_withdraw(w.db, w.iA, iAtFirst, "2022-01-26", "health", NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  f = fx_form(iAtShortlist, "suitable");
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iAtShortlist, "continue", "2022-01-22", NULL,
                                        NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate has withdrawn");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM second_interview WHERE case_id=$1",
                            iAtSecond),
                   1);
  arena_free(&a);
}

static void test_not_suitable(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  AccessForm f = fx_form(iCase, "refer");
  f.azVulnerability[0] = "suspected_psychiatric";
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_string_equal(f.zReferralKind, "mental_health");
  assert_int_equal(intake_first_outcome(w.db, w.iA, iCase, "not_suitable", "2022-01-21", NULL,
                                        "referred to mental health", w.sw1.id, &e),
                   0);
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iCase, &c), 0);
  assert_int_equal(c.eStage, STAGE_NOT_SUITABLE);
  assert_string_equal(c.zExitReason, "refer");
  assert_null(c.zFirstInterviewOn);
  assert_int_equal(intake_withdraw(w.db, w.iA, iCase, "2022-01-22", "health", NULL, 0, &e),
                   DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate was found not suitable");
  assert_int_equal(intake_assign(w.db, w.iA, iCase, w.iCoopA, w.cmA.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "stage", "the candidate was found not suitable");
  /* a referral is possible at any stage */
  int64_t iRef = 0;
  assert_int_equal(intake_refer(w.db, w.iA, iCase, w.iCoopA, "psychiatric assessment", w.sw1.id,
                                &iRef, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "organisation", "choose a specialised service of the agency");
  assert_int_equal(intake_refer(w.db, w.iA, iCase, w.iSerd, "  ", w.sw1.id, &iRef, &e),
                   DOMAIN_INVALID);
  fx_expect(&e, "reason", "required");
  assert_int_equal(intake_refer(w.db, w.iB, iCase, w.iSerd, "x", w.sw1.id, &iRef, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(intake_refer(w.db, w.iA, iCase, w.iSerd, " psychiatric assessment ", w.sw1.id,
                                &iRef, &e),
                   0);
  assert_true(iRef > 0);
  Referral *aR;
  int nR;
  assert_int_equal(intake_referrals(w.db, &a, w.iA, iCase, &aR, &nR), 0);
  assert_int_equal(nR, 1);
  assert_int_equal(aR[0].id, iRef);
  assert_string_equal(aR[0].zOrganisation, "serd");
  assert_string_equal(aR[0].zReason, "psychiatric assessment");
  assert_string_equal(aR[0].zStatus, "sent");
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Lists and the funnel                                                */
/* ------------------------------------------------------------------ */

static void test_lists(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iMaria = fx_shortlist(&w, w.iMaria, "fondo_poverta");
  ShortlistEntry s = {w.iAnna, "pon", "sw2", "2022-01-13"};
  int64_t iAnna = 0;
  assert_int_equal(intake_shortlist(w.db, w.iA, w.iRound, &s, 0, &iAnna, &e), 0);
  fx_first_interview(&w, iMaria);
  fx_second_interview(&w, iMaria);
  Case *aC;
  int nC;
  CaseFilter all = {.iRound = w.iRound, .eStage = -1};
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &all, &aC, &nC), 0);
  assert_int_equal(nC, 2);
  assert_int_equal(aC[0].id, iMaria);
  CaseFilter f = all;
  f.eStage = STAGE_SHORTLISTED;
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &f, &aC, &nC), 0);
  assert_int_equal(nC, 1);
  assert_int_equal(aC[0].id, iAnna);
  f = all;
  f.iSocialWorker = w.sw2.id;
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &f, &aC, &nC), 0);
  assert_int_equal(nC, 1);
  assert_int_equal(aC[0].id, iAnna);
  f = all;
  f.iOrganisation = w.iCoopA;
  f.iCaseManager = w.cmA.id;
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &f, &aC, &nC), 0);
  assert_int_equal(nC, 1);
  assert_int_equal(aC[0].id, iMaria);
  f = all;
  f.nLimit = 1;
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &f, &aC, &nC), 0);
  assert_int_equal(nC, 1);
  f.iAfter = aC[0].id;
  assert_int_equal(intake_case_list(w.db, &a, w.iA, &f, &aC, &nC), 0);
  assert_int_equal(nC, 1);
  assert_int_equal(aC[0].id, iAnna);
  assert_int_equal(intake_case_list(w.db, &a, w.iB, &all, &aC, &nC), 0);
  assert_int_equal(nC, 0);

  /* a person's cases, newest round first */
  Errors e2 = {.n = 0};
  Round r2 = {0, "R2", "Round 2", "2023-01-10", "2023-06-30", -1, NULL, 0};
  assert_int_equal(round_save(w.db, w.iA, &r2, &e2), 0);
  ShortlistEntry s2 = {w.iMaria, "pon", "sw1", "2023-01-12"};
  int64_t iMaria2 = 0;
  assert_int_equal(intake_shortlist(w.db, w.iA, r2.id, &s2, 0, &iMaria2, &e2), 0);
  assert_int_equal(intake_cases_of_person(w.db, &a, w.iA, w.iMaria, &aC, &nC), 0);
  assert_int_equal(nC, 2);
  assert_int_equal(aC[0].id, iMaria2);
  assert_int_equal(aC[1].id, iMaria);
  assert_int_equal(intake_cases_of_person(w.db, &a, w.iB, w.iMaria, &aC, &nC), 0);
  assert_int_equal(nC, 0);

  /* relations */
  Case c;
  assert_int_equal(intake_case_get(w.db, &a, w.iA, iMaria, &c), 0);
  assert_int_equal(intake_case_relation(w.db, &w.sw1, &c), REL_HOLDER);
  assert_int_equal(intake_case_relation(w.db, &w.psy, &c), REL_PSYCHOTHERAPIST);
  assert_int_equal(intake_case_relation(w.db, &w.manager, &c), REL_MANAGER);
  assert_int_equal(intake_case_relation(w.db, &w.op, &c), REL_NONE);
  assert_int_equal(intake_case_relation(w.db, &w.sw2, &c), REL_REGISTRY);
  assert_false(intake_can_read(intake_case_relation(w.db, &w.sw2, &c)));
  arena_free(&a);
}

static void test_funnel(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  assert_int_equal(db_exec(w.db, "UPDATE round SET max_participants=NULL WHERE id=$1", "i",
                           w.iRound),
                   0);
  int64_t iMaria = fx_shortlist(&w, w.iMaria, "fondo_poverta");  /* agreed */
  int64_t iMario = fx_shortlist(&w, w.iMario, "fondo_poverta");  /* withdrew after 2nd */
  int64_t iAnna = fx_shortlist(&w, w.iAnna, "pon");              /* not suitable */
  int64_t iGiulia = fx_shortlist(&w, w.iGiulia, "pon");          /* withdrew at shortlist */
  int64_t iLuca = fx_shortlist(&w, w.iLuca, "pon");              /* still shortlisted */
  (void)iLuca;
  fx_first_interview(&w, iMaria);
  fx_second_interview(&w, iMaria);
  assert_int_equal(db_exec(w.db, "UPDATE case_file SET stage='agreed', agreed_on='2022-02-15'"
                                 " WHERE id=$1",
                           "i", iMaria),
                   0);
  fx_first_interview(&w, iMario);
  fx_second_interview(&w, iMario);
  assert_int_equal(
      intake_withdraw(w.db, w.iA, iMario, "2022-02-10", "found_job", NULL, 0, &e), 0);
  AccessForm f = fx_form(iAnna, "job_only");
  f.azVulnerability[0] = "unemployment";
  f.nVulnerability = 1;
  f.aScore[0].iScore = 3; /* the screening also says job_only */
  assert_int_equal(intake_form_save(w.db, &a, w.iA, &f, &e), 0);
  assert_int_equal(intake_first_outcome(w.db, w.iA, iAnna, "not_suitable", "2022-01-21", NULL,
                                        NULL, 0, &e),
                   0);
  assert_int_equal(
      intake_withdraw(w.db, w.iA, iGiulia, "2022-01-15", "expected_benefit", NULL, 0, &e), 0);

  Funnel fn;
  assert_int_equal(intake_funnel(w.db, w.iA, w.iRound, 0, 0, &fn), 0);
  assert_int_equal(fn.nShortlisted, 5);
  assert_int_equal(fn.nFirstInterview, 2);
  assert_int_equal(fn.nSecondInterview, 2);
  assert_int_equal(fn.nAgreed, 1);
  assert_int_equal(fn.nNotSuitable, 1);
  assert_int_equal(fn.nWithdrew, 2);
  assert_int_equal(fn.nWithdrewAt[STAGE_SHORTLISTED], 1);
  assert_int_equal(fn.nWithdrewAt[STAGE_SECOND_INTERVIEW], 1);
  assert_int_equal(fn.nWithdrewReason[withdrawal_reason_find("expected_benefit")], 1);
  assert_int_equal(fn.nWithdrewReason[withdrawal_reason_find("found_job")], 1);
  assert_int_equal(fn.nScreening[0], 2); /* suitable: Maria, Mario */
  assert_int_equal(fn.nScreening[2], 1); /* job_only: Anna */
  assert_int_equal(fn.nOverride, 0);
  /* filtered by social worker and cooperative */
  assert_int_equal(intake_funnel(w.db, w.iA, w.iRound, w.sw2.id, 0, &fn), 0);
  assert_int_equal(fn.nShortlisted, 0);
  assert_int_equal(intake_funnel(w.db, w.iA, w.iRound, w.sw1.id, w.iCoopA, &fn), 0);
  assert_int_equal(fn.nShortlisted, 2);
  assert_int_equal(fn.nAgreed, 1);
  assert_int_equal(intake_funnel(w.db, w.iB, w.iRound, 0, 0, &fn), DOMAIN_NOT_FOUND);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_shortlist, setup, teardown),                              \
      cmocka_unit_test_setup_teardown(test_cap, setup, teardown),                                \
      cmocka_unit_test_setup_teardown(test_form_save, setup, teardown),                          \
      cmocka_unit_test_setup_teardown(test_form_override_and_refs, setup, teardown),             \
      cmocka_unit_test_setup_teardown(test_from_shortlisted, setup, teardown),                   \
      cmocka_unit_test_setup_teardown(test_second_interviews, setup, teardown),                  \
      cmocka_unit_test_setup_teardown(test_exits, setup, teardown),                              \
      cmocka_unit_test_setup_teardown(test_not_suitable, setup, teardown),                       \
      cmocka_unit_test_setup_teardown(test_lists, setup, teardown),                              \
      cmocka_unit_test_setup_teardown(test_funnel, setup, teardown)

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_codes),
      cmocka_unit_test(test_can),
      cmocka_unit_test(test_text_checks),
      cmocka_unit_test(test_form_validate),
  };
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("intake", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("intake on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("intake on postgresql", aPg, NULL, NULL);
  return rc;
}
