/*
** intake_fixture.c — the small world the intake unit tests share
** (test_intake.c, test_project.c include it after the files under test):
** a fresh database for every test (db_fixture.c: SQLite in /tmp, or a
** PostgreSQL database created for the test when the group runs on
** ALI_TEST_PG), migrated to the latest schema, holding:
**
**   agency A "sds" with the standard catalogue, and agency B "other"
**   organisations of A: coop_a, coop_b (cooperatives), serd
**     (specialised service), firm (host firm)
**   round R1 2022-01-10 .. 2022-06-30, at most 3 participants, offering
**     every service but it_training
**   streams fondo_poverta (minimum_income, EUR 10,000.00) and pon (open,
**     EUR 5,000.00)
**   staff of A: manager, sw1 and sw2 (social workers), psy
**     (psychotherapist), cm_a (case manager of coop_a), cm_b (of coop_b),
**     op (operator of coop_a, capacity 1), sw_gone (inactive social worker)
**   household ROSSI: Maria (reference, minimum income, 1980), Mario
**     (partner, 1975), Giulia (child, 2001), Luca (child, 2012)
**   household BIANCHI: Anna (reference, no minimum income, 1990)
**   in agency B: a person Zeta
**
** and helpers that take a case through the stages.
*/

#define FX_NAME "intake"
#include "db_fixture.c"

typedef struct World {
  Db *db;
  int64_t iA, iB;
  int64_t iCoopA, iCoopB, iSerd, iFirm;
  int64_t iRound, iStreamFp, iStreamPon;
  User manager, sw1, sw2, psy, cmA, cmB, op, swGone;
  int64_t iMaria, iMario, iGiulia, iLuca, iAnna, iZeta;
} World;

static int64_t fx_org(Db *db, int64_t iAgency, const char *zCode, const char *zKind) {
  Errors e = {.n = 0};
  Organisation o = {0, zCode, zCode, zKind, NULL};
  assert_int_equal(organisation_save(db, iAgency, &o, &e), 0);
  return o.id;
}

/* An account inserted directly (user.c's hashing is not under test). */
static User fx_user(Db *db, int64_t iAgency, int64_t iOrg, const char *zName, unsigned mRoles,
                    int bActive) {
  User u;
  memset(&u, 0, sizeof u);
  u.iAgency = iAgency;
  u.iOrganisation = iOrg;
  u.zUsername = u.zFullName = zName;
  u.mRoles = mRoles;
  u.bActive = bActive;
  u.id = db_int(db, 0,
                "INSERT INTO app_user(agency_id, organisation_id, username, full_name, active,"
                " created_at) VALUES ($1, NULLIF($2,0), $3, $3, $4, '2024-01-01T00:00:00Z')"
                " RETURNING id",
                "iiti", iAgency, iOrg, zName, (int64_t)bActive);
  assert_true(u.id > 0);
  for (int i = 0; i < ROLE_COUNT; i++) {
    unsigned m = policy_role_at(i);
    if (!(mRoles & m)) continue;
    assert_int_equal(db_exec(db, "INSERT INTO user_role(user_id, role) VALUES ($1,$2)", "it", u.id,
                             policy_role_code(m)),
                     0);
  }
  return u;
}

static int64_t fx_person(Db *db, int64_t iAgency, const char *zRef, const char *zHousehold,
                         const char *zRel, const char *zFirst, const char *zLast,
                         const char *zBirth, int iMi) {
  Person p;
  memset(&p, 0, sizeof p);
  p.zPersonRef = zRef;
  p.zHouseholdRef = zHousehold;
  p.zRelationship = zRel;
  p.zFirstName = zFirst;
  p.zLastName = zLast;
  p.zBirthDate = zBirth;
  p.zMunicipality = "Pisa";
  p.iMinimumIncome = iMi;
  Errors e = {.n = 0};
  assert_int_equal(person_save(db, iAgency, &p, &e), 0);
  return p.id;
}

static void fx_programme(World *w) {
  Db *db = w->db;
  Errors e = {.n = 0};
  assert_int_equal(programme_install_catalogue(db, w->iA), 0);
  w->iCoopA = fx_org(db, w->iA, "coop_a", "cooperative");
  w->iCoopB = fx_org(db, w->iA, "coop_b", "cooperative");
  w->iSerd = fx_org(db, w->iA, "serd", "specialised_service");
  w->iFirm = fx_org(db, w->iA, "firm", "host_firm");
  static const char *azService[] = {"internship", "forklift",  "italian_l2",  "haccp",
                                    "safety",     "home_education", "soft_skills", "home_care",
                                    "psych_support", "orientation"};
  Round r = {0, "R1", "Round 1", "2022-01-10", "2022-06-30", 3, azService, 10};
  assert_int_equal(round_save(db, w->iA, &r, &e), 0);
  w->iRound = r.id;
  FundingStream fp = {0, "fondo_poverta", "Fondo Povertà", 1000000, 0, "minimum_income"};
  FundingStream pon = {0, "pon", "PON Inclusione", 500000, 1, NULL};
  assert_int_equal(stream_save(db, w->iA, &fp, &e), 0);
  assert_int_equal(stream_save(db, w->iA, &pon, &e), 0);
  w->iStreamFp = fp.id;
  w->iStreamPon = pon.id;
}

static void fx_staff(World *w) {
  Db *db = w->db;
  w->manager = fx_user(db, w->iA, 0, "manager", ROLE_MANAGER, 1);
  w->sw1 = fx_user(db, w->iA, 0, "sw1", ROLE_SOCIAL_WORKER, 1);
  w->sw2 = fx_user(db, w->iA, 0, "sw2", ROLE_SOCIAL_WORKER, 1);
  w->psy = fx_user(db, w->iA, 0, "psy", ROLE_PSYCHOTHERAPIST, 1);
  w->cmA = fx_user(db, w->iA, w->iCoopA, "cm_a", ROLE_CASE_MANAGER, 1);
  w->cmB = fx_user(db, w->iA, w->iCoopB, "cm_b", ROLE_CASE_MANAGER, 1);
  w->op = fx_user(db, w->iA, w->iCoopA, "op", ROLE_OPERATOR, 1);
  w->swGone = fx_user(db, w->iA, 0, "sw_gone", ROLE_SOCIAL_WORKER, 0);
  assert_int_equal(db_exec(db, "UPDATE app_user SET capacity=1 WHERE id=$1", "i", w->op.id), 0);
}

static void fx_world(void **state, World *w) {
  Fixture *f = *state;
  memset(w, 0, sizeof *w);
  w->db = f->db;
  assert_int_equal(agency_ensure(w->db, "sds", "SdS Pisa", &w->iA), 0);
  assert_int_equal(agency_ensure(w->db, "other", "Other", &w->iB), 0);
  fx_programme(w);
  fx_staff(w);
  Db *db = w->db;
  w->iMaria = fx_person(db, w->iA, "P1", "ROSSI", "reference", "Maria", "Rossi", "1980-03-14", 1);
  w->iMario = fx_person(db, w->iA, "P2", "ROSSI", "partner", "Mario", "Rossi", "1975-07-02", 1);
  w->iGiulia = fx_person(db, w->iA, "P3", "ROSSI", "child", "Giulia", "Rossi", "2001-11-20", -1);
  w->iLuca = fx_person(db, w->iA, "P4", "ROSSI", "child", "Luca", "Rossi", "2012-05-05", -1);
  w->iAnna = fx_person(db, w->iA, "P5", "BIANCHI", "reference", "Anna", "Bianchi", "1990-01-01", 0);
  w->iZeta = fx_person(db, w->iB, "Z1", "ZETA", "reference", "Zeta", "Zeta", "1970-01-01", 1);
}

/* Shortlist person iPerson on stream zStream (sw1, 2022-01-12). */
static int64_t fx_shortlist(World *w, int64_t iPerson, const char *zStream) {
  Errors e = {.n = 0};
  ShortlistEntry s = {iPerson, zStream, "sw1", "2022-01-12"};
  int64_t iCase = 0;
  int rc = intake_shortlist(w->db, w->iA, w->iRound, &s, w->manager.id, &iCase, &e);
  if (rc) fail_msg("shortlist: %d %s %s", rc, e.n ? e.a[0].zField : "", e.n ? e.a[0].zMsg : "");
  return iCase;
}

/* A complete, valid form for case iCase judged zDecision (NULL: none). */
static AccessForm fx_form(int64_t iCase, const char *zDecision) {
  AccessForm f;
  memset(&f, 0, sizeof f);
  f.iCase = iCase;
  f.zInterviewOn = "2022-01-20";
  f.bPrivacyNotice = 1;
  f.zPrivacySignedOn = "2022-01-20";
  f.azVulnerability[0] = "single_parent";
  f.azVulnerability[1] = "unemployment";
  f.nVulnerability = 2;
  f.aScore[0] = (AreaScore){"personal", 2, "fragile after the separation"};
  f.aScore[1] = (AreaScore){"italian", 4, NULL};
  f.nScore = 2;
  f.iEducationIsced = 3;
  f.zLabourStatus = "unemployed";
  f.iUnemployedMonths = 18;
  f.zDecision = zDecision;
  return f;
}

/* Take case iCase through a suitable first interview (continue). */
static void fx_first_interview(World *w, int64_t iCase) {
  Arena a = ARENA_INIT;
  Errors e = {.n = 0};
  AccessForm f = fx_form(iCase, "suitable");
  f.iSocialWorker = w->sw1.id;
  f.iPsychotherapist = w->psy.id;
  assert_int_equal(intake_form_save(w->db, &a, w->iA, &f, &e), 0);
  assert_int_equal(
      intake_first_outcome(w->db, w->iA, iCase, "continue", "2022-01-21", NULL, NULL, w->sw1.id, &e),
      0);
  arena_free(&a);
}

/* Then assign cm_a of coop_a and hold a second interview on 2022-02-01. */
static void fx_second_interview(World *w, int64_t iCase) {
  Errors e = {.n = 0};
  assert_int_equal(intake_assign(w->db, w->iA, iCase, w->iCoopA, w->cmA.id, &e), 0);
  SecondInterview s = {0, "2022-02-01", 0, NULL, "first meeting"};
  int64_t id = 0;
  assert_int_equal(intake_second_interview(w->db, w->iA, iCase, &s, &id, &e), 0);
  assert_true(id > 0);
}

/* The stage of case iCase as stored. */
static Stage fx_stage(World *w, int64_t iCase) {
  Arena a = ARENA_INIT;
  Case c;
  assert_int_equal(intake_case_get(w->db, &a, w->iA, iCase, &c), 0);
  arena_free(&a);
  return c.eStage;
}

/* Assert that e holds exactly one error, on zField, and reset it. */
static void fx_expect(Errors *e, const char *zField, const char *zMsg) {
  if (e->n != 1 || !errors_get(e, zField)) {
    for (int i = 0; i < e->n; i++) fprintf(stderr, "  %s: %s\n", e->a[i].zField, e->a[i].zMsg);
    fail_msg("expected one error on %s, got %d", zField, e->n);
  }
  if (zMsg) assert_string_equal(errors_get(e, zField), zMsg);
  e->n = 0;
}

/* The number of rows of a count query with one integer parameter. */
#define FX_COUNT(w, zSql, id) db_int((w)->db, -1, zSql, "i", (int64_t)(id))
