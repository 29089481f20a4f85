/*
** Tests of the demo population sampler (src/cmd/demo_data.c), which is
** included whole to reach its statics; so are the codice fiscale and
** date code it uses.
**
** The marginals are checked against the chapter's published figures,
** written out again here (not read from the sampler's tables), over
** 100,000 households per round with a fixed seed: each share within 2
** percentage points of the target.  Invariants (codice fiscale,
** children's ages, the single-mother definition of DOMAIN.md) are
** checked on every household drawn.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/cmd/demo_data.c"
#include "../../src/cmd/demo_names.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"

#define N_DRAW 100000
#define SEED 20201001u

/* Published figures (counts of known values), per round. */
typedef struct Target {
  int aGender[2];       /* men, women */
  int aOrigin[2];       /* Italy, other */
  int aAgeBand[5];      /* <=24, 25-34, 35-44, 45-54, 55+ */
  int aSize[6];         /* 1..5, 6+ */
  double rSingleMother; /* share of participants */
} Target;

static const Target aTarget[2] = {
    {{59, 85}, {65, 79}, {17, 26, 37, 33, 31}, {35, 28, 27, 23, 13, 12}, 0.26},
    {{22, 28}, {32, 18}, {2, 7, 14, 18, 8}, {24, 9, 7, 3, 2, 5}, 0.18},
};

/* Entry dates spread over a round (both rounds' windows in the pilot),
** plus a leap day to exercise the Feb 29 anniversaries. */
static const char *const azEntry[2][6] = {
    {"2020-10-01", "2020-11-16", "2021-01-11", "2021-02-28", "2021-03-01", "2024-02-29"},
    {"2022-01-10", "2022-01-31", "2022-02-28", "2022-03-15", "2022-04-01", "2024-02-29"},
};

static int band_of(int iAge) {
  return iAge <= 24 ? 0 : iAge <= 34 ? 1 : iAge <= 44 ? 2 : iAge <= 54 ? 3 : 4;
}

/* 1 if the household's participant is a single mother with children as
** DOMAIN.md defines it, computed from the household alone. */
static int is_single_mother(const DemoHousehold *p, const char *zEntry) {
  const DemoPerson *pRef = &p->aMember[0];
  if (pRef->cGender != 'F' || strcmp(pRef->zRelationship, "reference")) {
    return 0;
  }
  int bMinorChild = 0;
  for (int i = 1; i < p->nMember; i++) {
    const DemoPerson *q = &p->aMember[i];
    if (strcmp(q->zRelationship, "partner") == 0) return 0;
    if (strcmp(q->zRelationship, "child") == 0 && age_at(q->zBirth, zEntry) < 18) {
      bMinorChild = 1;
    }
  }
  return bMinorChild;
}

static int is_relationship(const char *z) {
  static const char *const az[] = {"partner", "child", "parent", "sibling", "other"};
  for (int i = 0; i < 5; i++) {
    if (strcmp(z, az[i]) == 0) return 1;
  }
  return 0;
}

static int same_person(const DemoPerson *a, const DemoPerson *b) {
  return strcmp(a->zFirst, b->zFirst) == 0 && strcmp(a->zLast, b->zLast) == 0 &&
         a->cGender == b->cGender && strcmp(a->zBirth, b->zBirth) == 0 &&
         strcmp(a->zBirthCountry, b->zBirthCountry) == 0 &&
         strcmp(a->zCitizenship, b->zCitizenship) == 0 && strcmp(a->zCf, b->zCf) == 0 &&
         strcmp(a->zRelationship, b->zRelationship) == 0 && a->bMinimumIncome == b->bMinimumIncome;
}

static void test_rng(void **state) {
  (void)state;
  DemoRng a, b;
  demo_rng_seed(&a, 1);
  demo_rng_seed(&b, 1);
  for (int i = 0; i < 1000; i++) assert_true(demo_rng_next(&a) == demo_rng_next(&b));
  demo_rng_seed(&b, 2);
  assert_true(demo_rng_next(&a) != demo_rng_next(&b));
  demo_rng_seed(&a, 0); /* seed 0 must not give the all-zero state */
  assert_true(a.s[0] | a.s[1] | a.s[2] | a.s[3]);

  int aCount[7] = {0};
  static const int aWeight[7] = {1, 0, 2, 0, 3, 0, 4};
  for (int i = 0; i < 100000; i++) {
    int k = demo_rng_below(&a, 7);
    assert_in_range(k, 0, 6);
    aCount[demo_rng_weighted(&a, aWeight, 7)]++;
  }
  assert_int_equal(aCount[1] + aCount[3] + aCount[5], 0);
  assert_true(fabs(aCount[6] / 100000.0 - 0.4) < 0.01);
  assert_true(fabs(aCount[0] / 100000.0 - 0.1) < 0.01);
  assert_int_equal(demo_rng_below(&a, 1), 0);
}

static void test_determinism(void **state) {
  (void)state;
  static DemoHousehold aFirst[100];
  DemoHousehold h;
  DemoRng r;
  demo_rng_seed(&r, SEED);
  for (int i = 0; i < 100; i++) {
    demo_household(&r, 1 + i % 2, azEntry[i % 2][i % 6], &aFirst[i]);
  }
  demo_rng_seed(&r, SEED);
  for (int i = 0; i < 100; i++) {
    demo_household(&r, 1 + i % 2, azEntry[i % 2][i % 6], &h);
    assert_int_equal(h.nMember, aFirst[i].nMember);
    assert_string_equal(h.zMunicipality, aFirst[i].zMunicipality);
    for (int j = 0; j < h.nMember; j++) {
      assert_true(same_person(&h.aMember[j], &aFirst[i].aMember[j]));
    }
  }
  /* Another seed, other households. */
  demo_rng_seed(&r, SEED + 1);
  demo_household(&r, 1, azEntry[0][0], &h);
  assert_false(h.nMember == aFirst[0].nMember && same_person(&h.aMember[0], &aFirst[0].aMember[0]));
}

/* Counters of one round's draws. */
typedef struct Tally {
  int aGender[2], aOrigin[2], aAgeBand[5], aSize[6];
  int nSingleMother, nIncome;
  int nMember, nGenderUnknown, nCountryUnknown;
  int nForeignAdult, nForeignAdultNoCf;
} Tally;

/* Check the invariants of one person; count what the tally needs. */
static void check_member(const DemoHousehold *p, int i, const char *zEntry, Tally *t) {
  const DemoPerson *q = &p->aMember[i];
  const DemoPerson *pRef = &p->aMember[0];
  int iAge = age_at(q->zBirth, zEntry);
  assert_true(iAge >= 0 && iAge <= 110);
  assert_true(strlen(q->zFirst) > 0 && strlen(q->zLast) > 0);
  assert_int_equal(strlen(q->zCitizenship), 2);
  assert_int_equal(q->bMinimumIncome, pRef->bMinimumIncome);
  if (i == 0) {
    assert_string_equal(q->zRelationship, "reference");
    assert_true(q->cGender == 'F' || q->cGender == 'M');
    assert_int_equal(strlen(q->zBirthCountry), 2);
    assert_in_range(iAge, 18, 66);
  } else {
    assert_true(is_relationship(q->zRelationship));
    assert_true(q->cGender == 'F' || q->cGender == 'M' || q->cGender == 0);
    t->nMember++;
    t->nGenderUnknown += q->cGender == 0;
    t->nCountryUnknown += q->zBirthCountry[0] == 0;
  }
  if (strcmp(q->zRelationship, "child") == 0) {
    assert_true(strcmp(q->zBirth, pRef->zBirth) > 0); /* younger */
    int iGap = age_at(pRef->zBirth, q->zBirth);
    assert_in_range(iGap, 17, 45);
  }
  if (q->zCf[0]) {
    char zBirth[11], cGender;
    assert_int_equal(strlen(q->zCf), 16);
    assert_int_equal(cf_validate(q->zCf), CF_OK);
    assert_int_equal(cf_birth_date(q->zCf, 2024, zBirth, &cGender), 0);
    assert_string_equal(zBirth + 2, q->zBirth + 2); /* century may differ */
    assert_true(cGender == q->cGender);
    assert_true((q->zCf[11] == 'Z') == (strcmp(q->zBirthCountry, "IT") != 0));
  } else {
    /* Only the incomplete, and foreign-born adults, lack a code. */
    int bIncomplete = q->cGender == 0 || q->zBirthCountry[0] == 0;
    assert_true(bIncomplete ||
                (strcmp(q->zBirthCountry, "IT") && iAge >= 18 && !q->bMinimumIncome));
  }
  if (q->cGender && q->zBirthCountry[0] && strcmp(q->zBirthCountry, "IT") && iAge >= 18) {
    t->nForeignAdult++;
    t->nForeignAdultNoCf += q->zCf[0] == 0;
  }
}

static void check_household(const DemoHousehold *p, const DemoTruth *pT, int iRound,
                            const char *zEntry, Tally *t) {
  const DemoPerson *pRef = &p->aMember[0];
  assert_in_range(p->nMember, 1, DEMO_MAX_MEMBER);
  assert_non_null(p->zMunicipality);
  int iBand = band_of(age_at(pRef->zBirth, zEntry));
  int iSize = p->nMember >= 6 ? 5 : p->nMember - 1;
  int bSingleMother = is_single_mother(p, zEntry);
  assert_int_equal(iBand, pT->iAgeBand);
  assert_int_equal(iSize, pT->iSizeClass);
  assert_int_equal(bSingleMother, pT->bSingleMother);
  for (int i = 0; i < p->nMember; i++) check_member(p, i, zEntry, t);
  if (iRound == 2) assert_true(pRef->bMinimumIncome);
  t->aGender[pRef->cGender == 'F']++;
  t->aOrigin[strcmp(pRef->zBirthCountry, "IT") != 0]++;
  t->aAgeBand[iBand]++;
  t->aSize[iSize]++;
  t->nSingleMother += bSingleMother;
  t->nIncome += pRef->bMinimumIncome;
}

/* Assert that n of N_DRAW is within 2 points of k of kTotal; print both. */
static void check_share(const char *zWhat, int n, int k, int kTotal) {
  double rGot = n / (double)N_DRAW, rWant = k / (double)kTotal;
  print_message("  %-22s %5.1f%%  (target %5.1f%%)\n", zWhat, 100 * rGot, 100 * rWant);
  assert_true(fabs(rGot - rWant) < 0.02);
}

static void check_round(int iRound) {
  static const char *const azBand[5] = {"age <=24", "age 25-34", "age 35-44", "age 45-54",
                                        "age 55+"};
  static const char *const azSize[6] = {"size 1", "size 2", "size 3",
                                        "size 4", "size 5", "size 6+"};
  const Target *pW = &aTarget[iRound - 1];
  Tally t;
  memset(&t, 0, sizeof t);
  DemoRng r;
  demo_rng_seed(&r, SEED + (uint64_t)iRound);
  for (int i = 0; i < N_DRAW; i++) {
    const char *zEntry = azEntry[iRound - 1][i % 6];
    DemoHousehold h;
    DemoTruth truth;
    demo_household_draw(&r, iRound, zEntry, &h, &truth);
    check_household(&h, &truth, iRound, zEntry, &t);
  }
  print_message("round %d, %d households:\n", iRound, N_DRAW);
  check_share("women", t.aGender[1], pW->aGender[1], pW->aGender[0] + pW->aGender[1]);
  check_share("born abroad", t.aOrigin[1], pW->aOrigin[1], pW->aOrigin[0] + pW->aOrigin[1]);
  int nBand = 0, nSize = 0;
  for (int i = 0; i < 5; i++) nBand += pW->aAgeBand[i];
  for (int i = 0; i < 6; i++) nSize += pW->aSize[i];
  for (int i = 0; i < 5; i++) check_share(azBand[i], t.aAgeBand[i], pW->aAgeBand[i], nBand);
  for (int i = 0; i < 6; i++) check_share(azSize[i], t.aSize[i], pW->aSize[i], nSize);
  check_share("single mothers", t.nSingleMother, (int)(pW->rSingleMother * 1000 + 0.5), 1000);
  print_message(
      "  minimum income %.1f%%; of other members: gender unknown "
      "%.2f%%, birth country unknown %.2f%%; foreign-born adults "
      "without a codice fiscale %.1f%%\n",
      100.0 * t.nIncome / N_DRAW, 100.0 * t.nGenderUnknown / t.nMember,
      100.0 * t.nCountryUnknown / t.nMember, 100.0 * t.nForeignAdultNoCf / t.nForeignAdult);
  if (iRound == 1) assert_true(fabs(t.nIncome / (double)N_DRAW - 0.6) < 0.03);
  assert_true(t.nGenderUnknown > 0 && t.nGenderUnknown < t.nMember / 100);
  assert_true(t.nCountryUnknown > 0 && t.nCountryUnknown < t.nMember / 100);
}

static void test_round1(void **state) {
  (void)state;
  check_round(1);
}

static void test_round2(void **state) {
  (void)state;
  check_round(2);
}

/* No name twice in a list; every name and place usable in a code. */
static void check_names(const char *const *az, int n, int nMin) {
  char zCf[17];
  assert_true(n >= nMin);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) assert_true(strcmp(az[i], az[j]) != 0);
    assert_true(strlen(az[i]) < 48);
    assert_int_equal(cf_compute(zCf, az[i], az[i], "1990-01-01", 'F', "G702"), 0);
  }
}

static void test_tables(void **state) {
  (void)state;
  check_names(demo_azItFemale, DEMO_N(demo_azItFemale), 120);
  check_names(demo_azItMale, DEMO_N(demo_azItMale), 120);
  check_names(demo_azItSurname, DEMO_N(demo_azItSurname), 300);
  for (int i = 0; i < DEMO_N(demo_aPool); i++) {
    const DemoNamePool *p = &demo_aPool[i];
    check_names(p->azFemale, p->nFemale, 10);
    check_names(p->azMale, p->nMale, 10);
    check_names(p->azSurname, p->nSurname, 10);
  }
  for (int i = 0; i < DEMO_N(demo_aCountry); i++) {
    const DemoCountry *c = &demo_aCountry[i];
    assert_int_equal(strlen(c->zIso), 2);
    assert_true(c->zBelfiore[0] == 'Z' && strlen(c->zBelfiore) == 4);
    for (int j = 0; j < i; j++) {
      assert_true(strcmp(c->zIso, demo_aCountry[j].zIso) != 0);
      assert_true(strcmp(c->zBelfiore, demo_aCountry[j].zBelfiore) != 0);
    }
  }
  /* Spot checks of codes that are easy to get wrong. */
  assert_string_equal(demo_aCountry[0].zBelfiore, "Z100"); /* Albania */
  assert_string_equal(demo_aCountry[1].zBelfiore, "Z129"); /* Romania */
  assert_string_equal(demo_aCountry[2].zBelfiore, "Z330"); /* Morocco */
  assert_int_equal(demo_municipality_count(), 9);
  assert_string_equal(demo_municipality(0)->zBelfiore, "G702");
  assert_string_equal(demo_municipality(1)->zBelfiore, "B950");
  assert_string_equal(demo_municipality(2)->zBelfiore, "A562");
  assert_int_equal(demo_round_size(1), 144);
  assert_int_equal(demo_round_size(2), 63);
}

/* A known code, to tie the sampler's use of cf_compute() to reality. */
static void test_known_code(void **state) {
  (void)state;
  char zCf[17];
  assert_int_equal(cf_compute(zCf, "Rossi", "Mario", "1985-12-10", 'M', "A562"), 0);
  assert_string_equal(zCf, "RSSMRA85T10A562S");
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_rng),    cmocka_unit_test(test_determinism),
      cmocka_unit_test(test_tables), cmocka_unit_test(test_known_code),
      cmocka_unit_test(test_round1), cmocka_unit_test(test_round2),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
