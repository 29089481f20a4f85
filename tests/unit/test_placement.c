/*
** Unit tests for src/domain/placement.c and iv_session.c, with the
** record-level rule of delivery.c (delivery_can_record): host firms
** (partita IVA, ATECO section, contact checks, a code taken); the
** placement only for internships, field checks, hiring with its
** contract type; the attendance log by day (dates within the
** placement, no day twice, absence without time); sessions and the time
** delivered against planned; psychological support notes restricted;
** the home educational service's school; referral status moves; who
** reads, records and plans an intervention.
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
#include "../../src/domain/delivery.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/iv_session.c"
#include "../../src/domain/person.c"
#include "../../src/domain/placement.c"
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

#define VAT "01234567897"

/* A host firm with every field valid. */
static HostFirm fx_firm(const char *zCode) {
  return (HostFirm){0, zCode, "Trattoria Da Gino", VAT, "I", "Via Roma 1, 56100 Pisa",
                    "Gino Bianchi", "+39 050 123456", "gino@example.it"};
}

/* An agreed project for Maria: an internship delivered by op (coop_a),
** psychological support for Maria, home education for Luca; case
** through *piCase, interventions through aIv[3]. */
static void fx_paths(World *w, int64_t *piCase, int64_t aIv[3]) {
  int64_t iCase = fx_shortlist(w, w->iMaria, "fondo_poverta");
  fx_first_interview(w, iCase);
  fx_second_interview(w, iCase);
  Errors e = {.n = 0};
  int64_t iProject = 0;
  assert_int_equal(project_create(w->db, w->iA, iCase, &iProject, &e), 0);
  Objective o = {0, w->iMaria, NULL, "find work", NULL, NULL};
  assert_int_equal(project_objective_save(w->db, w->iA, iProject, &o, NULL, 0, &e), 0);
  static const char *azService[] = {"internship", "psych_support", "home_education"};
  for (int i = 0; i < 3; i++) {
    Intervention iv;
    memset(&iv, 0, sizeof iv);
    iv.zServiceCode = azService[i];
    iv.iPerson = i == 2 ? w->iLuca : w->iMaria;
    iv.iOrganisation = i == 0 ? w->iCoopA : 0;
    iv.iOperator = i == 0 ? w->op.id : 0;
    iv.zPlannedStart = "2022-03-01";
    iv.iPlannedHours = 200;
    iv.iPlannedSessions = i == 1 ? 10 : -1;
    iv.iEstimatedCostCents = -1;
    assert_int_equal(project_intervention_save(w->db, w->iA, iProject, &iv, NULL, 0, &e), 0);
    aIv[i] = iv.id;
  }
  assert_int_equal(project_agree(w->db, w->iA, iProject, "2022-02-15", w->cmA.id, &e), 0);
  assert_int_equal(fx_stage(w, iCase), STAGE_AGREED);
  *piCase = iCase;
}

static void test_host_firms(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  HostFirm f = fx_firm("gino");
  f.zVatNumber = "01234567890";
  f.zAteco = "Z";
  f.zContactEmail = "gino at example";
  f.zContactPhone = "call me";
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), DOMAIN_INVALID);
  assert_int_equal(e.n, 4);
  assert_string_equal(errors_get(&e, "vat_number"), "not a valid partita IVA (11 digits)");
  assert_string_equal(errors_get(&e, "ateco_section"), "an ATECO section: one letter from A to U");
  assert_string_equal(errors_get(&e, "contact_email"), "not a valid e-mail address");
  assert_string_equal(errors_get(&e, "contact_phone"), "not a valid phone number");
  e.n = 0;
  f = fx_firm("gino");
  f.zVatNumber = "";
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), DOMAIN_INVALID);
  fx_expect(&e, "vat_number", "required");
  assert_int_equal(host_firm_ateco_valid("A"), 1);
  assert_int_equal(host_firm_ateco_valid("U"), 1);
  assert_int_equal(host_firm_ateco_valid("V"), 0);
  assert_int_equal(host_firm_ateco_valid("a"), 0);
  assert_int_equal(host_firm_ateco_valid("AB"), 0);
  f = fx_firm("gino");
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), 0);
  assert_true(f.id > 0);
  HostFirm g;
  assert_int_equal(host_firm_get(w.db, &a, w.iA, f.id, &g), 0);
  assert_string_equal(g.zAteco, "I");
  assert_string_equal(g.zContactName, "Gino Bianchi");
  assert_int_equal(host_firm_get(w.db, &a, w.iB, f.id, &g), DOMAIN_NOT_FOUND);
  assert_int_equal(host_firm_get(w.db, &a, w.iA, w.iCoopA, &g), DOMAIN_NOT_FOUND);
  /* a code another organisation has */
  HostFirm h = fx_firm("coop_a");
  assert_int_equal(host_firm_save(w.db, w.iA, &h, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "code", "another organisation already has this code");
  /* update; a cooperative cannot be updated as a host firm */
  f.zAddress = "Via Garibaldi 2, Pisa";
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), 0);
  h = fx_firm("x");
  h.id = w.iCoopA;
  assert_int_equal(host_firm_save(w.db, w.iA, &h, &e), DOMAIN_NOT_FOUND);
  HostFirm *aF;
  int nF;
  assert_int_equal(host_firm_list(w.db, &a, w.iA, &aF, &nF), 0);
  assert_int_equal(nF, 2); /* the fixture's firm and gino */
  assert_int_equal(host_firm_list(w.db, &a, w.iB, &aF, &nF), 0);
  assert_int_equal(nF, 0);
  arena_free(&a);
}

static Placement fx_placement(World *w, int64_t iIv, int64_t iFirm) {
  return (Placement){iIv, iFirm, NULL, "Gino Bianchi", w->op.id, NULL, "2022-03-01", "2022-08-31",
                     25, 50000, NULL, NULL, NULL};
}

static void test_placement_and_hiring(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase, aIv[3];
  fx_paths(&w, &iCase, aIv);
  HostFirm f = fx_firm("gino");
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), 0);
  Placement p = fx_placement(&w, aIv[1], f.id);
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "service", "only an internship has a placement");
  p = fx_placement(&w, aIv[0], w.iCoopA);
  p.iCoopTutor = w.cmA.id;
  p.zEndOn = "2022-02-01";
  p.iWeeklyHours = 61;
  p.iMonthlyIndemnityCents = -5;
  p.zContractType = "forever";
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "host_firm_id"), "not a host firm of the agency");
  assert_string_equal(errors_get(&e, "coop_tutor_id"), "not an active operator of this organisation");
  assert_string_equal(errors_get(&e, "end_on"), "cannot be before the start");
  assert_string_equal(errors_get(&e, "weekly_hours"), "a number from 0 to 60, or empty");
  assert_string_equal(errors_get(&e, "monthly_indemnity_cents"), "cannot be negative");
  assert_string_equal(errors_get(&e, "hired_on"), "required");
  assert_string_equal(errors_get(&e, "contract_type"),
                      "must be one of permanent, fixed_term, apprenticeship, other");
  e.n = 0;
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM placement WHERE intervention_id=$1", aIv[0]), 0);
  p = fx_placement(&w, aIv[0], f.id);
  assert_int_equal(placement_save(w.db, w.iB, &p, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), 0);
  Placement g;
  assert_int_equal(placement_get(w.db, &a, w.iA, aIv[0], &g), 0);
  assert_string_equal(g.zHostFirm, "Trattoria Da Gino");
  assert_string_equal(g.zCoopTutor, "op");
  assert_int_equal(g.iMonthlyIndemnityCents, 50000);
  assert_null(g.zHiredOn);
  assert_int_equal(placement_get(w.db, &a, w.iA, aIv[1], &g), DOMAIN_NOT_FOUND);
  /* hiring: a date without a contract type, before the start, then right */
  p.zHiredOn = "2022-09-01";
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), DOMAIN_INVALID);
  fx_expect(&e, "contract_type", "required");
  p.zHiredOn = "2022-02-01";
  p.zContractType = "apprenticeship";
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), DOMAIN_INVALID);
  fx_expect(&e, "hired_on", "cannot be before the start");
  p.zHiredOn = "2022-09-01";
  p.zEndReason = "hired by the host firm";
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), 0);
  assert_int_equal(placement_get(w.db, &a, w.iA, aIv[0], &g), 0);
  assert_string_equal(g.zHiredOn, "2022-09-01");
  assert_string_equal(g.zContractType, "apprenticeship");
  assert_int_equal(FX_COUNT(&w, "SELECT count(*) FROM placement WHERE intervention_id=$1", aIv[0]), 1);
  assert_int_equal(placement_contract_find("fixed_term"), 1);
  assert_string_equal(placement_contract_label(0), "Permanent");
  /* a closed case: no more changes */
  assert_int_equal(db_exec(w.db, "UPDATE case_file SET closed_at='2022-10-01T00:00:00Z' WHERE id=$1",
                           "i", iCase),
                   0);
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the case is closed");
  arena_free(&a);
}

static void test_attendance_and_sessions(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase, aIv[3];
  fx_paths(&w, &iCase, aIv);
  HostFirm f = fx_firm("gino");
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), 0);
  Placement p = fx_placement(&w, aIv[0], f.id);
  p.zEndOn = NULL;
  Attendance t = {0, "2022-03-02", 240, 1, "on time", NULL};
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &t, w.op.id, &e), DOMAIN_NOT_FOUND);
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), 0);
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &t, w.op.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the intervention has not started");
  assert_int_equal(iv_transition(w.db, w.iA, aIv[0], IV_START, "2022-03-01", NULL, 0, &e), 0);
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &t, w.op.id, &e), 0);
  assert_true(t.id > 0);
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &t, w.op.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "on_date", "attendance is already recorded for this day");
  Attendance bad = {0, "2022-02-28", 0, 1, NULL, NULL};
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &bad, w.op.id, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "on_date"), "before the start of the placement");
  assert_string_equal(errors_get(&e, "minutes"), "a time from 1 minute to 24 hours");
  e.n = 0;
  bad = (Attendance){0, "2199-01-01", 30, 0, NULL, NULL};
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &bad, w.op.id, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "on_date"), "cannot be in the future");
  assert_string_equal(errors_get(&e, "minutes"), "a day of absence has no time");
  e.n = 0;
  Attendance absent = {0, "2022-03-03", 0, 0, "ill", NULL};
  assert_int_equal(placement_attend(w.db, w.iA, aIv[0], &absent, w.op.id, &e), 0);
  Attendance *aT;
  int nT;
  assert_int_equal(placement_attendance(w.db, &a, w.iA, aIv[0], &aT, &nT), 0);
  assert_int_equal(nT, 2);
  assert_string_equal(aT[0].zOn, "2022-03-03");
  assert_int_equal(aT[0].bPresent, 0);
  assert_string_equal(aT[1].zBy, "op");
  assert_int_equal(placement_attendance(w.db, &a, w.iB, aIv[0], &aT, &nT), 0);
  assert_int_equal(nT, 0);
  /* sessions count with attendance */
  IvSession s = {0, "2022-03-04", 90, "  weekly review with the tutor ", NULL, NULL};
  assert_int_equal(iv_session_add(w.db, w.iA, aIv[0], &s, w.op.id, &e), 0);
  IvDelivered d;
  assert_int_equal(iv_delivered(w.db, w.iA, aIv[0], &d), 0);
  assert_int_equal(d.nMinutes, 330);
  assert_int_equal(d.nSessions, 2);
  /* psychological support: not started yet, then notes restricted */
  IvSession ps = {0, "2022-03-10", 50, "talked about the separation", NULL, NULL};
  assert_int_equal(iv_session_add(w.db, w.iA, aIv[1], &ps, w.psy.id, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "the intervention has not started");
  assert_int_equal(iv_transition(w.db, w.iA, aIv[1], IV_START, "2022-03-05", NULL, 0, &e), 0);
  ps.zOn = "2022-03-04";
  ps.iMinutes = 0;
  assert_int_equal(iv_session_add(w.db, w.iA, aIv[1], &ps, w.psy.id, &e), DOMAIN_INVALID);
  assert_string_equal(errors_get(&e, "on_date"), "before the intervention started");
  assert_string_equal(errors_get(&e, "minutes"), "a time from 1 minute to 24 hours");
  e.n = 0;
  ps.zOn = "2022-03-10";
  ps.iMinutes = 50;
  assert_int_equal(iv_session_add(w.db, w.iA, aIv[1], &ps, w.psy.id, &e), 0);
  assert_int_equal(iv_session_restricted(w.db, w.iA, aIv[1]), 1);
  assert_int_equal(iv_session_restricted(w.db, w.iA, aIv[0]), 0);
  IvSession *aS;
  int nS;
  assert_int_equal(iv_sessions(w.db, &a, w.iA, aIv[1], 0, &aS, &nS), 0);
  assert_int_equal(nS, 1);
  assert_null(aS[0].zNote);
  assert_int_equal(iv_sessions(w.db, &a, w.iA, aIv[1], 1, &aS, &nS), 0);
  assert_string_equal(aS[0].zNote, "talked about the separation");
  assert_string_equal(aS[0].zBy, "psy");
  assert_int_equal(iv_sessions(w.db, &a, w.iA, aIv[0], 1, &aS, &nS), 0);
  assert_string_equal(aS[0].zNote, "weekly review with the tutor");
  assert_int_equal(iv_delivered(w.db, w.iA, aIv[1], &d), 0);
  assert_int_equal(d.nSessions, 1);
  assert_int_equal(d.nMinutes, 50);
  arena_free(&a);
}

static void test_school_and_referrals(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase, aIv[3];
  fx_paths(&w, &iCase, aIv);
  assert_int_equal(iv_set_school(w.db, w.iA, aIv[0], "Scuola Fibonacci", 6, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "service", "only a home educational service has a school");
  assert_int_equal(iv_set_school(w.db, w.iA, aIv[2], "Scuola Fibonacci", 41, &e), DOMAIN_INVALID);
  fx_expect(&e, "weekly_hours", "a number from 0 to 40, or empty");
  assert_int_equal(iv_set_school(w.db, w.iA, aIv[2], "Scuola Fibonacci", 6, &e), 0);
  IvRecord r;
  assert_int_equal(iv_get(w.db, &a, w.iA, aIv[2], LANG_EN, &r), 0);
  assert_string_equal(r.zSchool, "Scuola Fibonacci");
  assert_int_equal(r.iWeeklyHours, 6);
  assert_string_equal(r.iv.zPersonName, "Luca Rossi");
  assert_int_equal(r.iCase, iCase);
  assert_int_equal(iv_get(w.db, &a, w.iB, aIv[2], LANG_EN, &r), DOMAIN_NOT_FOUND);
  /* referrals: sent -> accepted -> closed; declined only from sent */
  int64_t iRef = 0;
  assert_int_equal(intake_refer(w.db, w.iA, iCase, w.iSerd, "addiction suspected", w.sw1.id, &iRef, &e), 0);
  const char *zFrom = NULL;
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "closed", &zFrom, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", "this change is not possible from the present status");
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "lost", &zFrom, &e), DOMAIN_INVALID);
  fx_expect(&e, "status", "must be one of accepted, declined, closed");
  assert_int_equal(referral_set_status(w.db, w.iA, iCase + 1, iRef, "accepted", &zFrom, &e),
                   DOMAIN_NOT_FOUND);
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "accepted", &zFrom, &e), 0);
  assert_string_equal(zFrom, "sent");
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "declined", &zFrom, &e), DOMAIN_CONFLICT);
  fx_expect(&e, "status", NULL);
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "closed", &zFrom, &e), 0);
  assert_string_equal(zFrom, "accepted");
  assert_int_equal(referral_set_status(w.db, w.iA, iCase, iRef, "closed", &zFrom, &e), DOMAIN_CONFLICT);
  e.n = 0;
  assert_string_equal(db_text(w.db, &a, "SELECT status FROM referral WHERE id=$1", "i", iRef), "closed");
  assert_string_equal(referral_next("sent", 1), "declined");
  assert_null(referral_next("closed", 0));
  arena_free(&a);
}

static void test_who_records(void **state) {
  World w;
  fx_world(state, &w);
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  int64_t iCase, aIv[3];
  fx_paths(&w, &iCase, aIv);
  IvRecord r;
  assert_int_equal(iv_get(w.db, &a, w.iA, aIv[0], LANG_EN, &r), 0);
  const unsigned mAll = DELIVERY_READ | DELIVERY_RECORD | DELIVERY_PLAN;
  Relation eRel;
  assert_int_equal(delivery_can_record(w.db, &w.cmA, &r, &eRel), mAll);
  assert_int_equal(eRel, REL_CASE_MANAGER);
  assert_int_equal(delivery_can_record(w.db, &w.manager, &r, NULL), mAll);
  assert_int_equal(delivery_can_record(w.db, &w.op, &r, NULL), DELIVERY_READ | DELIVERY_RECORD);
  assert_int_equal(delivery_can_record(w.db, &w.sw1, &r, NULL), DELIVERY_READ);
  assert_int_equal(delivery_can_record(w.db, &w.psy, &r, &eRel), DELIVERY_READ);
  assert_int_equal(policy_sensitive_visible(eRel, SENS_PSYCH_NOTES), 1);
  assert_int_equal(delivery_can_record(w.db, &w.cmB, &r, NULL), 0);
  assert_int_equal(delivery_can_record(w.db, &w.sw2, &r, &eRel), 0);
  assert_int_equal(policy_sensitive_visible(eRel, SENS_PSYCH_NOTES), 0);
  /* the op delivers nothing of the psych support; the placement's coop
  ** tutor records its attendance */
  assert_int_equal(iv_get(w.db, &a, w.iA, aIv[1], LANG_EN, &r), 0);
  assert_int_equal(delivery_can_record(w.db, &w.op, &r, NULL), 0);
  User tutor = fx_user(w.db, w.iA, w.iCoopA, "tutor", ROLE_OPERATOR, 1);
  HostFirm f = fx_firm("gino");
  assert_int_equal(host_firm_save(w.db, w.iA, &f, &e), 0);
  Placement p = fx_placement(&w, aIv[0], f.id);
  p.iCoopTutor = tutor.id;
  assert_int_equal(placement_save(w.db, w.iA, &p, &e), 0);
  assert_int_equal(iv_get(w.db, &a, w.iA, aIv[0], LANG_EN, &r), 0);
  assert_int_equal(r.iCoopTutor, tutor.id);
  assert_int_equal(delivery_can_record(w.db, &tutor, &r, NULL), DELIVERY_READ | DELIVERY_RECORD);
  User other = w.op;
  other.iAgency = w.iB;
  assert_int_equal(delivery_can_record(w.db, &other, &r, NULL), 0);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                                          \
  cmocka_unit_test_setup_teardown(test_host_firms, setup, teardown),                             \
      cmocka_unit_test_setup_teardown(test_placement_and_hiring, setup, teardown),               \
      cmocka_unit_test_setup_teardown(test_attendance_and_sessions, setup, teardown),            \
      cmocka_unit_test_setup_teardown(test_school_and_referrals, setup, teardown),               \
      cmocka_unit_test_setup_teardown(test_who_records, setup, teardown)

int main(void) {
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("placement on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG")) rc |= cmocka_run_group_tests_name("placement on postgresql", aPg, NULL, NULL);
  return rc;
}
