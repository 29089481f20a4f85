/*
** Unit tests for the reports "profile", "countries" and "services"
** (src/report/report_profile.c, report_services.c) on a small generated
** database: the intake fixture's agency (round R1 offering ten services
** of the catalogue, not it_training) and a round R2 offering five services; 40 people
** drawn by a fixed rule with their households, loaded with SQL the way
** the demo and the history import load them, a person in both rounds,
** candidates who never reached a project, and interventions in every
** status (one cancelled after it started, one before).
**
** The expected figures are computed here from the generating rule with
** this file's own simple code (DOMAIN.md's definitions restated), never
** with the reports' SQL: counts per dimension, category and round,
** percentages of the known values, missing values, total = sum of the
** rounds, the mean age; countries; services activated, not_active, the
** interventions by status and the hours planned and delivered.
** SQLite, and PostgreSQL when ALI_TEST_PG is set.  Included h2o style.
*/
#include <math.h>
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
#include "../../src/report/rdoc.c"
#include "../../src/report/report_profile.c"
#include "../../src/report/report_scope.c"
#include "../../src/report/report_services.c"
#include "intake_fixture.c"

/* reports.c's report_rounds, restated: including reports.c would pull
** every builder of the registry into this test. */
int report_rounds(Db *db, Arena *a, const ReportQuery *q, ReportRound **pa) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM round WHERE agency_id=$1", "i", q->iAgency);
  ReportRound *aR = arena_alloc(a, sizeof *aR * (size_t)(n + 1));
  DbStmt *s = db_query(db,
                       "SELECT id, code FROM round WHERE agency_id=$1 AND ($2=0 OR id=$2)"
                       " ORDER BY start_date, code",
                       "ii", q->iAgency, q->iRound);
  int k = 0;
  while (db_step(s) == DB_ROW && k < n) {
    aR[k].id = db_col_int(s, 0);
    aR[k].zCode = arena_strdup(a, db_col_text(s, 1));
    k++;
  }
  db_done(s);
  *pa = aR;
  return k;
}

/* ------------------------------------------------------------------ */
/* The generated people                                                */
/* ------------------------------------------------------------------ */

#define N_PEOPLE 40
#define MAX_KID 4

/* One participant as the rule draws it. */
typedef struct Spec {
  int iRound;           /* 0: R1, 1: R2 */
  const char *zGender;  /* F, M or NULL */
  const char *zCountry; /* IT, MA, RO or NULL */
  char zBirth[11];      /* "" unknown */
  char zEntry[11];
  int bPartner, bChildOfRef; /* the participant is a child of the reference person */
  int nKid;
  char azKid[MAX_KID][11]; /* "" unknown */
} Spec;

static void spec_of(int i, Spec *p) {
  memset(p, 0, sizeof *p);
  p->iRound = i % 3 == 0 ? 1 : 0;
  p->zGender = i % 7 == 0 ? NULL : i % 2 ? "F" : "M";
  p->zCountry = i % 5 == 0 ? NULL : i % 3 == 0 ? "IT" : i % 3 == 1 ? "MA" : "RO";
  if (i % 11 != 0) date_format(1955 + (i * 7) % 48, i % 12 + 1, i % 28 + 1, p->zBirth);
  date_format(2022, p->iRound ? 8 : 3, i % 28 + 1, p->zEntry);
  p->bPartner = i % 4 == 0;
  p->bChildOfRef = i % 17 == 5;
  p->nKid = i % 5;
  for (int k = 0; k < p->nKid; k++) {
    if (i % 13 == 0 && k == 0) continue; /* unknown birth date */
    date_format(1996 + ((i + k) * 5) % 26, 6, k + 1, p->azKid[k]);
  }
}

/* Participation i: person i's (0 <= i < N_PEOPLE), or for i == N_PEOPLE
** the second one of G1 (R1), in R2 from 2022-08-20. */
static void participation(int i, Spec *p) {
  spec_of(i == N_PEOPLE ? 1 : i, p);
  if (i == N_PEOPLE) {
    p->iRound = 1;
    memcpy(p->zEntry, "2022-08-20", 11);
  }
}

/* Whole years from zBirth to zOn, computed on the digits; -1 unknown. */
static int years(const char *zBirth, const char *zOn) {
  if (!zBirth || !*zBirth) return -1;
  int n = atoi(zOn) - atoi(zBirth);
  if (strcmp(zOn + 5, zBirth + 5) < 0) n--;
  return n;
}

/* The expected category of dimension d (0..4 as report_profile.c's
** aDim), or "missing". */
static const char *expected_cat(const Spec *p, int d, char zBuf[16]) {
  if (d == 0) return p->zGender ? p->zGender : "missing";
  if (d == 1) return !p->zCountry ? "missing" : strcmp(p->zCountry, "IT") == 0 ? "italy" : "other";
  if (d == 2) {
    int y = years(p->zBirth, p->zEntry);
    return y < 0 ? "missing" : y <= 24 ? "le24" : y <= 34 ? "25-34" : y <= 44 ? "35-44"
           : y <= 54 ? "45-54" : "55plus";
  }
  if (d == 3) {
    int n = 1 + p->bPartner + p->nKid + p->bChildOfRef;
    if (n >= 6) return "6plus";
    snprintf(zBuf, 16, "%d", n);
    return zBuf;
  }
  if (!p->zGender) return "missing";
  if (strcmp(p->zGender, "F") != 0 || p->bChildOfRef || p->bPartner) return "no";
  for (int k = 0; k < p->nKid; k++) {
    int y = years(p->azKid[k], p->zEntry);
    if (y >= 0 && y < 18) return "yes";
  }
  return "no";
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

typedef struct Loaded {
  int64_t iR2;
  int64_t aCase[N_PEOPLE + 1]; /* the last: the second participation */
  int64_t aProject[N_PEOPLE + 1];
  int64_t aPerson[N_PEOPLE];
} Loaded;

static int64_t ld_household(World *w, const char *zRef) {
  return db_int(w->db, 0,
                "INSERT INTO household(agency_id, household_ref, created_at, updated_at)"
                " VALUES ($1, $2, 'x', 'x') RETURNING id",
                "it", w->iA, zRef);
}

static int64_t ld_person(World *w, int64_t iHousehold, const char *zRef, const char *zRel,
                         const char *zGender, const char *zBirth, const char *zCountry) {
  int64_t id = db_int(w->db, 0,
                      "INSERT INTO person(agency_id, person_ref, household_id, relationship,"
                      " first_name, last_name, name_key, gender, birth_date, birth_country,"
                      " created_at, updated_at) VALUES ($1, $2, $3, $4, 'A', 'B', 'b a', $5, $6,"
                      " $7, 'x', 'x') RETURNING id",
                      "itittt" "t", w->iA, zRef, iHousehold, zRel, zGender,
                      zBirth && *zBirth ? zBirth : NULL, zCountry);
  assert_true(id > 0);
  return id;
}

static int64_t ld_case(World *w, int64_t iPerson, int64_t iRound, const char *zStage,
                       const char *zAgreed) {
  return db_int(w->db, 0,
                "INSERT INTO case_file(agency_id, person_id, opened_at, round_id, stage, agreed_on)"
                " VALUES ($1, $2, 'x', $3, $4, $5) RETURNING id",
                "iiitt", w->iA, iPerson, iRound, zStage, zAgreed);
}

static int64_t ld_project(World *w, int64_t iCase) {
  return db_int(w->db, 0,
                "INSERT INTO project(agency_id, case_id, state, version, created_at, updated_at)"
                " VALUES ($1, $2, 'agreed', 1, 'x', 'x') RETURNING id",
                "ii", w->iA, iCase);
}

static void ld_people(World *w, Loaded *l) {
  char zRef[32];
  for (int i = 0; i < N_PEOPLE; i++) {
    Spec s;
    spec_of(i, &s);
    snprintf(zRef, sizeof zRef, "GH%d", i);
    int64_t iH = ld_household(w, zRef);
    snprintf(zRef, sizeof zRef, "G%d", i);
    l->aPerson[i] = ld_person(w, iH, zRef, s.bChildOfRef ? "child" : "reference", s.zGender,
                              s.zBirth, s.zCountry);
    if (s.bChildOfRef) {
      snprintf(zRef, sizeof zRef, "G%d-ref", i);
      ld_person(w, iH, zRef, "reference", "F", "1950-01-01", "IT");
    }
    if (s.bPartner) {
      snprintf(zRef, sizeof zRef, "G%d-partner", i);
      ld_person(w, iH, zRef, "partner", "M", "1970-01-01", "IT");
    }
    for (int k = 0; k < s.nKid; k++) {
      snprintf(zRef, sizeof zRef, "G%d-kid%d", i, k);
      ld_person(w, iH, zRef, "child", "M", s.azKid[k], "IT");
    }
    l->aCase[i] = ld_case(w, l->aPerson[i], s.iRound ? l->iR2 : w->iRound, "agreed", s.zEntry);
    l->aProject[i] = ld_project(w, l->aCase[i]);
  }
  /* P1 (R1) takes part in R2 too; P2 and P4 never reached a project */
  l->aCase[N_PEOPLE] = ld_case(w, l->aPerson[1], l->iR2, "agreed", "2022-08-20");
  l->aProject[N_PEOPLE] = ld_project(w, l->aCase[N_PEOPLE]);
  int64_t iH = ld_household(w, "HX");
  ld_case(w, ld_person(w, iH, "PX1", "reference", "F", "1990-01-01", "IT"), w->iRound,
          "second_interview", NULL);
  ld_case(w, ld_person(w, iH, "PX2", "partner", "M", "1990-01-01", "IT"), l->iR2, "withdrew",
          NULL);
}

static void ld_world(void **state, World *w, Loaded *l) {
  fx_world(state, w);
  memset(l, 0, sizeof *l);
  static const char *azR2[] = {"forklift", "haccp", "safety", "it_training", "home_care"};
  Errors e = {.n = 0};
  Round r2 = {0, "R2", "Round 2", "2022-07-01", "2022-12-31", -1, azR2, 5};
  assert_int_equal(round_save(w->db, w->iA, &r2, &e), 0);
  l->iR2 = r2.id;
  ld_people(w, l);
  assert_int_equal(entry_snapshot_fill(w->db, w->iA), 0);
}

/* ------------------------------------------------------------------ */
/* Reading the report                                                  */
/* ------------------------------------------------------------------ */

/* The data row whose first nKey cells are azKey, or -1. */
static int find_row(const RTable *t, const char *const *azKey, int nKey) {
  for (int i = 0; i < t->nRow; i++) {
    int k = 0;
    while (k < nKey && strcmp(rcell_str(t->a, rt_cell(t, i, k)), azKey[k]) == 0) k++;
    if (k == nKey) return i;
  }
  return -1;
}

static int64_t cell_int(const RTable *t, int i, int j) {
  const RCell *c = rt_cell(t, i, j);
  assert_non_null(c);
  assert_int_equal(c->e, RC_INT);
  return c->i;
}

/* Builds report x of query q into d (arena a): the report must succeed. */
static void build(World *w, Arena *a, RDoc *d, const ReportQuery *q,
                  int (*x)(Db *, const ReportQuery *, RDoc *)) {
  rdoc_init(d, a, "test", "Test");
  assert_int_equal(x(w->db, q, d), 0);
}

static const char *const azDim[] = {"gender", "origin", "age_band", "household_size",
                                    "single_mother"};
static const char *const azRoundCode[] = {"R1", "R2", "total"};

/* The expected count of (dimension d, category zCat) in group g (0 R1,
** 1 R2, 2 total). */
static int64_t expect_count(int d, const char *zCat, int g) {
  int64_t n = 0;
  char z[16];
  for (int i = 0; i <= N_PEOPLE; i++) {
    Spec s;
    participation(i, &s);
    if (g < 2 && s.iRound != g) continue;
    if (strcmp(expected_cat(&s, d, z), zCat) == 0) n++;
  }
  return n;
}

static void test_profile(void **state) {
  World w;
  Loaded l;
  ld_world(state, &w, &l);
  Arena a = ARENA_INIT;
  RDoc d;
  ReportQuery q = {.iAgency = w.iA, .iLang = LANG_EN};
  build(&w, &a, &d, &q, report_profile);
  const RTable *t = d.pData;
  assert_string_equal(t->azCode[0], "dimension");
  assert_string_equal(t->azCode[4], "percent");
  static const char *const aazCat[5][8] = {
      {"F", "M", "missing"},
      {"italy", "other", "missing"},
      {"le24", "25-34", "35-44", "45-54", "55plus", "missing"},
      {"1", "2", "3", "4", "5", "6plus", "missing"},
      {"yes", "no", "missing"}};
  int nRow = 0, nMissing = 0;
  for (int k = 0; k < 5; k++) {
    for (int g = 0; g < 3; g++) {
      int64_t nKnown = 0;
      for (int c = 0; aazCat[k][c]; c++) {
        if (strcmp(aazCat[k][c], "missing") != 0) nKnown += expect_count(k, aazCat[k][c], g);
      }
      for (int c = 0; aazCat[k][c]; c++) {
        const char *azKey[] = {azDim[k], aazCat[k][c], azRoundCode[g]};
        int i = find_row(t, azKey, 3);
        if (i < 0) fail_msg("no row %s %s %s", azKey[0], azKey[1], azKey[2]);
        nRow++;
        int64_t n = expect_count(k, aazCat[k][c], g);
        if (cell_int(t, i, 3) != n)
          fail_msg("%s %s %s: %lld, expected %lld", azKey[0], azKey[1], azKey[2],
                   (long long)cell_int(t, i, 3), (long long)n);
        const RCell *p = rt_cell(t, i, 4);
        if (strcmp(aazCat[k][c], "missing") == 0) {
          assert_int_equal(p->e, RC_NULL);
          nMissing += n > 0;
        } else {
          assert_int_equal(p->e, RC_REAL);
          assert_true(fabs(p->r - 100.0 * (double)n / (double)nKnown) < 1e-9);
        }
      }
    }
  }
  assert_int_equal(nRow, t->nRow); /* nothing else */
  assert_true(nMissing >= 4);      /* the rule makes missing values in most dimensions */
  /* the gender view: F, M; the note of R1's missing genders */
  assert_string_equal(d.apView[0]->zName, "gender");
  assert_int_equal(d.apView[0]->nRow, 2);
  assert_int_equal(cell_int(d.apView[0], 0, 5), expect_count(0, "F", 2));
  assert_true(d.apView[0]->iChartCol == 5);
  int64_t nR1Missing = expect_count(0, "missing", 0);
  const char *zNote = d.apView[0]->azNote[0];
  assert_non_null(strstr(zNote, report_missing(&a, LANG_EN, nR1Missing)));
  assert_int_equal(strncmp(zNote, "R1: ", 4), 0);
  arena_free(&a);
}

static void test_profile_one_round_and_mean(void **state) {
  World w;
  Loaded l;
  ld_world(state, &w, &l);
  Arena a = ARENA_INIT;
  RDoc d;
  ReportQuery q = {.iAgency = w.iA, .iRound = l.iR2, .zRound = "R2", .iLang = LANG_EN};
  build(&w, &a, &d, &q, report_profile);
  for (int i = 0; i < d.pData->nRow; i++) {
    assert_string_equal(rcell_str(&a, rt_cell(d.pData, i, 2)), "R2");
  }
  /* the mean age of R2, computed here */
  double rSum = 0;
  int n = 0;
  for (int i = 0; i <= N_PEOPLE; i++) {
    Spec s;
    participation(i, &s);
    if (s.iRound != 1 || years(s.zBirth, s.zEntry) < 0) continue;
    rSum += years(s.zBirth, s.zEntry);
    n++;
  }
  const RTable *pMean = NULL;
  for (int k = 0; k < d.nView; k++) {
    if (strcmp(d.apView[k]->zName, "mean_age") == 0) pMean = d.apView[k];
  }
  assert_non_null(pMean);
  assert_int_equal(pMean->nRow, 1);
  assert_int_equal(cell_int(pMean, 0, 1), n);
  assert_true(fabs(rt_cell(pMean, 0, 2)->r - rSum / n) < 1e-9);
  /* a period that holds no entry: every count 0, percentages empty */
  ReportQuery qp = {.iAgency = w.iA, .zFrom = "2023-01-01", .zTo = "2023-12-31", .iLang = LANG_EN};
  build(&w, &a, &d, &qp, report_profile);
  for (int i = 0; i < d.pData->nRow; i++) {
    assert_int_equal(cell_int(d.pData, i, 3), 0);
    assert_int_equal(rt_cell(d.pData, i, 4)->e, RC_NULL);
  }
  arena_free(&a);
}

static void test_countries(void **state) {
  World w;
  Loaded l;
  ld_world(state, &w, &l);
  Arena a = ARENA_INIT;
  RDoc d;
  ReportQuery q = {.iAgency = w.iA, .iLang = LANG_IT};
  build(&w, &a, &d, &q, report_countries);
  static const char *const azCountry[] = {"IT", "MA", "RO"};
  for (int c = 0; c < 3; c++) {
    int64_t n = 0;
    for (int i = 0; i <= N_PEOPLE; i++) {
      Spec s;
      participation(i, &s);
      n += s.zCountry && strcmp(s.zCountry, azCountry[c]) == 0;
    }
    const char *azKey[] = {azCountry[c], "total"};
    int i = find_row(d.pData, azKey, 2);
    assert_true(i >= 0);
    assert_int_equal(cell_int(d.pData, i, 2), n);
  }
  /* the view names the countries in Italian */
  assert_string_equal(d.apView[0]->zName, "countries");
  int bMarocco = 0;
  for (int i = 0; i < d.apView[0]->nRow; i++) {
    bMarocco |= strcmp(rcell_str(&a, rt_cell(d.apView[0], i, 0)), "Marocco") == 0;
  }
  assert_true(bMarocco);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* services                                                            */
/* ------------------------------------------------------------------ */

/* Interventions: participant i, service, status, started. */
typedef struct IvSpec {
  int iPerson;
  const char *zService, *zStatus;
  int bStarted, nHours, nSessionMinutes;
} IvSpec;

static const IvSpec aIv[] = {
    {0, "haccp", "completed", 1, 20, 600},   /* R2 */
    {0, "safety", "active", 1, 10, 0},       /* R2 */
    {0, "safety", "completed", 1, 10, 0},    /* R2, same project: counts once */
    {1, "haccp", "completed", 1, 20, 300},   /* R1 */
    {1, "internship", "interrupted", 1, 100, 0},
    {2, "haccp", "planned", 0, 20, 0},       /* R1, not started */
    {2, "safety", "cancelled", 0, 10, 0},    /* cancelled before it started */
    {4, "safety", "cancelled", 1, 10, 0},    /* cancelled after it started */
    {5, "haccp", "suspended", 1, 20, 0},     /* R1 */
    {6, "it_training", "completed", 1, 30, 0}, /* R2 offers it */
    {7, "it_training", "completed", 1, 30, 0}, /* R1 does not: not counted */
    {N_PEOPLE, "haccp", "active", 1, 20, 90},  /* P1's R2 participation */
};
#define N_IV (int)(sizeof aIv / sizeof aIv[0])

static int spec_round(int i) {
  Spec s;
  participation(i, &s);
  return s.iRound;
}

static void ld_interventions(World *w, const Loaded *l) {
  for (int k = 0; k < N_IV; k++) {
    const IvSpec *p = &aIv[k];
    int iP = p->iPerson == N_PEOPLE ? 1 : p->iPerson;
    int64_t id = db_int(
        w->db, 0,
        "INSERT INTO intervention(agency_id, project_id, service_id, person_id, planned_hours,"
        " status, started_on, created_at, updated_at) VALUES ($1, $2,"
        " (SELECT id FROM service WHERE agency_id=$1 AND code=$3), $4, $5, $6, $7, 'x', 'x')"
        " RETURNING id",
        "iitiitt", w->iA, l->aProject[p->iPerson], p->zService, l->aPerson[iP],
        (int64_t)p->nHours, p->zStatus, p->bStarted ? "2022-09-01" : NULL);
    assert_true(id > 0);
    if (p->nSessionMinutes) {
      assert_int_equal(db_exec(w->db,
                               "INSERT INTO intervention_session(intervention_id, on_date, minutes,"
                               " created_at) VALUES ($1, '2022-09-02', $2, 'x')",
                               "ii", id, (int64_t)p->nSessionMinutes),
                       0);
    }
  }
}

/* The expected projects of service zService in group g (0 R1, 1 R2). */
static int64_t expect_projects(const char *zService, int g) {
  int64_t n = 0;
  for (int i = 0; i <= N_PEOPLE; i++) {
    if (spec_round(i) != g) continue;
    int bHas = 0;
    for (int k = 0; k < N_IV; k++) {
      bHas |= aIv[k].iPerson == i && aIv[k].bStarted && strcmp(aIv[k].zService, zService) == 0;
    }
    n += bHas;
  }
  return n;
}

static void test_services(void **state) {
  World w;
  Loaded l;
  ld_world(state, &w, &l);
  ld_interventions(&w, &l);
  Arena a = ARENA_INIT;
  RDoc d;
  ReportQuery q = {.iAgency = w.iA, .iLang = LANG_EN};
  build(&w, &a, &d, &q, report_services);
  const RTable *t = d.pData;
  static const char *const azHeader[] = {"service", "round", "status", "projects"};
  for (int j = 0; j < 4; j++) assert_string_equal(t->azCode[j], azHeader[j]);
  /* R1 offers what the fixture lists (not it_training, green_maintenance, furniture);
  ** R2 forklift, haccp, safety, it_training, home_care */
  static const char *const azR1[] = {"internship",    "forklift",    "italian_l2", "haccp",
                                     "safety",        "home_education", "soft_skills",
                                     "home_care",     "psych_support", "orientation"};
  static const char *const azR2[] = {"forklift", "haccp", "safety", "it_training", "home_care"};
  int nService = (int)db_int(w.db, 0, "SELECT count(*) FROM service WHERE agency_id=$1", "i", w.iA);
  assert_int_equal(t->nRow, 3 * nService);
  for (int i = 0; i < t->nRow; i++) {
    const char *zSvc = rcell_str(&a, rt_cell(t, i, 0));
    const char *zRound = rcell_str(&a, rt_cell(t, i, 1));
    int bR1 = 0, bR2 = 0;
    for (int k = 0; k < 10; k++) bR1 |= strcmp(zSvc, azR1[k]) == 0;
    for (int k = 0; k < 5; k++) bR2 |= strcmp(zSvc, azR2[k]) == 0;
    int g = strcmp(zRound, "R1") == 0 ? 0 : strcmp(zRound, "R2") == 0 ? 1 : 2;
    int bActive = g == 0 ? bR1 : g == 1 ? bR2 : bR1 || bR2;
    assert_string_equal(rcell_str(&a, rt_cell(t, i, 2)), bActive ? "active" : "not_active");
    if (!bActive) {
      assert_int_equal(rt_cell(t, i, 3)->e, RC_NULL);
      continue;
    }
    int64_t n = g < 2 ? expect_projects(zSvc, g)
                      : (bR1 ? expect_projects(zSvc, 0) : 0) + (bR2 ? expect_projects(zSvc, 1) : 0);
    if (cell_int(t, i, 3) != n)
      fail_msg("%s %s: %lld, expected %lld", zSvc, zRound, (long long)cell_int(t, i, 3),
               (long long)n);
  }
  /* spot checks of the rule itself */
  const char *azKey[] = {"haccp", "R2"};
  assert_int_equal(cell_int(t, find_row(t, azKey, 2), 3), 2); /* P0, P1's second */
  const char *azSafety[] = {"safety", "R1"};
  assert_int_equal(cell_int(t, find_row(t, azSafety, 2), 3), 1); /* P4: cancelled after start */
  const char *azIt[] = {"it_training", "total"};
  assert_int_equal(cell_int(t, find_row(t, azIt, 2), 3), 1); /* P6 only */
  /* interventions by status: safety 1 active + 1 completed + 2 cancelled */
  const RTable *v = d.apView[1];
  assert_string_equal(v->zName, "interventions");
  for (int i = 0; i < v->nRow; i++) {
    if (strcmp(rcell_str(&a, rt_cell(v, i, 0)), "Workplace safety") != 0) continue;
    assert_int_equal(cell_int(v, i, 1), 0);
    assert_int_equal(cell_int(v, i, 2), 1);
    assert_int_equal(cell_int(v, i, 3), 1);
    assert_int_equal(cell_int(v, i, 5), 2);
    assert_int_equal(cell_int(v, i, 6), 4);
  }
  /* hours: haccp planned 20 x 5 (none cancelled), delivered (600+300+90)/60 */
  const RTable *h = d.apView[2];
  assert_string_equal(h->zName, "hours");
  int bSeen = 0;
  for (int i = 0; i < h->nRow; i++) {
    const char *zName = rcell_str(&a, rt_cell(h, i, 0));
    if (strncmp(zName, "HACCP", 5) == 0) {
      bSeen = 1;
      assert_int_equal(cell_int(h, i, 1), 100);
      assert_true(fabs(rt_cell(h, i, 2)->r - 990.0 / 60.0) < 1e-9);
    }
    if (strcmp(zName, "Workplace safety") == 0) assert_int_equal(cell_int(h, i, 1), 30);
  }
  assert_true(bSeen);
  arena_free(&a);
}

#define DB_TESTS(setup)                                                              \
  cmocka_unit_test_setup_teardown(test_profile, setup, teardown),                    \
      cmocka_unit_test_setup_teardown(test_profile_one_round_and_mean, setup, teardown), \
      cmocka_unit_test_setup_teardown(test_countries, setup, teardown),              \
      cmocka_unit_test_setup_teardown(test_services, setup, teardown)

int main(void) {
  (void)fx_stage; /* the fixture's helpers this file does not need */
  (void)fx_expect;
  (void)fx_second_interview;
  (void)fx_first_interview;
  (void)fx_shortlist;
  const struct CMUnitTest aSqlite[] = {DB_TESTS(setup_sqlite)};
  const struct CMUnitTest aPg[] = {DB_TESTS(setup_pg)};
  int rc = cmocka_run_group_tests_name("report profile on sqlite", aSqlite, NULL, NULL);
  if (getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("report profile on postgresql", aPg, NULL, NULL);
  return rc;
}
