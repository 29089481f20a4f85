/*
** The synthetic population of `ali demo` (see demo_data.h): a PRNG, the
** name and place tables, the pilot's published distributions and the
** household sampler.
**
** How the marginals come out right.  Gender, origin, age band and
** household size are drawn independently, each from its round's table.
** Single-mother status is then drawn only for women in households of two
** or more, with probability target / (P(woman) * P(size >= 2)), which
** makes its unconditional share the target (the chapter gives 26% and
** 18%).  Every later choice (who the other members are) is made so as
** not to change any of those five facts: a single mother gets at least
** one child under 18 and no partner; any other woman either lives with
** a partner or has no child under 18 at home.  The single mothers of the
** 55+ band are kept at 55..60 so that a child under 18 is at most 45
** years younger; the band itself is untouched.
**
** Day numbers (date_days()) do the date arithmetic: a birth date for
** "age A at entry" is drawn uniformly from the days on which that is
** exactly true.
*/
#include "demo_data.h"
#include "demo_names.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "../lib/codice_fiscale.h"
#include "../lib/date.h"

/************************************************************************
** The PRNG
*/

static uint64_t demo_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* One step of splitmix64, the generator used to fill a xoshiro state. */
static uint64_t demo_splitmix64(uint64_t *pX) {
  uint64_t z = (*pX += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void demo_rng_seed(DemoRng *r, uint64_t seed) {
  for (int i = 0; i < 4; i++) r->s[i] = demo_splitmix64(&seed);
}

uint64_t demo_rng_next(DemoRng *r) {
  uint64_t *s = r->s;
  uint64_t result = demo_rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = demo_rotl(s[3], 45);
  return result;
}

int demo_rng_below(DemoRng *r, int n) {
  assert(n > 0);
  uint64_t un = (uint64_t)n;
  uint64_t threshold = (0 - un) % un; /* 2^64 mod n */
  for (;;) {
    uint64_t x = demo_rng_next(r);
    if (x >= threshold) return (int)(x % un);
  }
}

int demo_rng_weighted(DemoRng *r, const int *aWeight, int n) {
  int total = 0;
  for (int i = 0; i < n; i++) {
    assert(aWeight[i] >= 0);
    total += aWeight[i];
  }
  assert(total > 0);
  int x = demo_rng_below(r, total);
  for (int i = 0; i < n; i++) {
    if (x < aWeight[i]) return i;
    x -= aWeight[i];
  }
  assert(0);
  return n - 1;
}

int demo_rng_chance(DemoRng *r, int iPercent) { return demo_rng_below(r, 100) < iPercent; }

int demo_rng_range(DemoRng *r, int lo, int hi) {
  return hi <= lo ? lo : lo + demo_rng_below(r, hi - lo + 1);
}

/* 1 with probability iPermille / 1000. */
static int demo_chance(DemoRng *r, int iPermille) { return demo_rng_below(r, 1000) < iPermille; }

/* A uniform double in [0, 1). */
static double demo_unit(DemoRng *r) {
  return (double)(demo_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* A uniform integer in lo..hi (lo <= hi). */
static int demo_range(DemoRng *r, int lo, int hi) {
  assert(lo <= hi);
  return lo + demo_rng_below(r, hi - lo + 1);
}

/* A uniform day number in lo..hi (lo <= hi). */
static int64_t demo_day_range(DemoRng *r, int64_t lo, int64_t hi) {
  assert(lo <= hi && hi - lo < 1000000);
  return lo + demo_rng_below(r, (int)(hi - lo + 1));
}

/************************************************************************
** Places
*/

/* Countries of birth of the foreign-born, weighted roughly as the
** communities of the province of Pisa among the users of its social
** services.  Z-codes are the Belfiore codes the codice fiscale uses for
** a birth abroad. */
typedef struct DemoCountry {
  const char *zIso;      /* ISO 3166-1 alpha-2 */
  const char *zBelfiore; /* "Z129" */
  const char *zName;     /* English, for people reading this table */
  int iPool;             /* names: an index in demo_aPool */
  int iWeight;
} DemoCountry;

static const DemoCountry demo_aCountry[] = {
    {"AL", "Z100", "Albania", POOL_AL, 20},
    {"RO", "Z129", "Romania", POOL_RO, 17},
    {"MA", "Z330", "Morocco", POOL_AR, 13},
    {"SN", "Z343", "Senegal", POOL_SN, 8},
    {"NG", "Z335", "Nigeria", POOL_NG, 6},
    {"UA", "Z138", "Ukraine", POOL_UA, 6},
    {"GE", "Z254", "Georgia", POOL_GE, 5},
    {"PE", "Z611", "Peru", POOL_ES, 5},
    {"PH", "Z216", "Philippines", POOL_PH, 4},
    {"CN", "Z210", "China", POOL_CN, 4},
    {"TN", "Z352", "Tunisia", POOL_AR, 4},
    {"BD", "Z249", "Bangladesh", POOL_BD, 3},
    {"MD", "Z140", "Moldova", POOL_RO, 3},
    {"LK", "Z209", "Sri Lanka", POOL_LK, 2},
    {"DO", "Z505", "Dominican Republic", POOL_ES, 2},
    {"PK", "Z236", "Pakistan", POOL_BD, 2},
    {"EG", "Z336", "Egypt", POOL_AR, 2},
    {"BR", "Z602", "Brazil", POOL_BR, 2},
    {"EC", "Z605", "Ecuador", POOL_ES, 1},
};

#define DEMO_ITALY (-1) /* country index of Italy */

/* The nine municipalities of the zona-distretto pisana, whose social
** services the SdS runs.  (Lari, now Casciana Terme Lari, belongs to the
** Valdera zone.) */
static const DemoMunicipality demo_aMunicipality[] = {
    {"Pisa", "G702", 89500},
    {"Cascina", "B950", 45300},
    {"San Giuliano Terme", "A562", 30900},
    {"Vecchiano", "L702", 12200},
    {"Vicopisano", "L850", 8500},
    {"Calci", "B390", 6300},
    {"Crespina Lorenzana", "M328", 5500},
    {"Fauglia", "D510", 3700},
    {"Orciano Pisano", "G090", 640},
};

/* Birthplaces elsewhere in Italy of the adults who moved to the area. */
static const char *const demo_azBelfioreElsewhere[] = {
    "F839", /* Napoli */
    "G273", /* Palermo */
    "C351", /* Catania */
    "A662", /* Bari */
    "B354", /* Cagliari */
    "D643", /* Foggia */
    "E625", /* Livorno */
    "E715", /* Lucca */
    "D612", /* Firenze */
};

#define DEMO_BELFIORE_PISA "G702" /* the area's hospitals are in Pisa */

int demo_municipality_count(void) { return DEMO_N(demo_aMunicipality); }

const DemoMunicipality *demo_municipality(int i) {
  assert(i >= 0 && i < DEMO_N(demo_aMunicipality));
  return &demo_aMunicipality[i];
}

/************************************************************************
** The pilot's participants, per round (chapter, Tables 8.1-8.4; the
** shares of single mothers are in the text).  Counts are of the known
** values; only the proportions matter here.
*/
typedef struct DemoRound {
  int nParticipant;     /* participants of the round */
  int aGender[2];       /* men, women */
  int aOrigin[2];       /* Italy, other */
  int aAgeBand[5];      /* <=24, 25-34, 35-44, 45-54, 55+ */
  int aSize[6];         /* 1, 2, 3, 4, 5, 6+ */
  int iSingleMotherPm;  /* single mothers with children, per mille */
  int iIncomeItalyPm;   /* minimum-income households, Italian-born */
  int iIncomeForeignPm; /*   ... foreign-born participant */
  int iYoungFamilyPm;   /* couples and lone fathers whose first child is a
                        ** minor (0: any age; round 2 took in families with
                        ** school-age children for home education) */
} DemoRound;

static const DemoRound demo_aRound[2] = {
    {144, {59, 85}, {65, 79}, {17, 26, 37, 33, 31}, {35, 28, 27, 23, 13, 12}, 260, 800, 440, 0},
    {63, {22, 28}, {32, 18}, {2, 7, 14, 18, 8}, {24, 9, 7, 3, 2, 5}, 180, 1000, 1000, 1000},
};

int demo_round_size(int iRound) {
  assert(iRound == 1 || iRound == 2);
  return demo_aRound[iRound - 1].nParticipant;
}

/* Actual sizes of a "6 and more" household: 6..9. */
static const int demo_aSizeBig[4] = {55, 25, 12, 8};

/* Ages within the 55+ band (55..66), fewer as pension age nears. */
static const int demo_aAgeOld[12] = {10, 10, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1};

/* Share, per mille, of non-participants with an unknown gender, and
** (separately) with an unknown birth country. */
#define DEMO_UNKNOWN_PM 5
/* Share of foreign-born adults without a codice fiscale, in households
** that do not receive minimum income. */
#define DEMO_NO_CF_PM 140
/* Minimum and maximum age difference between parent and child, in days
** (just under 18 years, so that an 18-year-old mother is possible, and
** 45 years). */
#define DEMO_GAP_MIN 6570
#define DEMO_GAP_MAX 16436

/************************************************************************
** The household under construction
*/

typedef struct DemoBuild {
  DemoRng *r;
  DemoHousehold *p;
  int y, m, d;                     /* the entry date */
  int64_t iEntry;                  /* its day number */
  int bIncome;                     /* minimum-income household */
  int iMunicipality;               /* index in demo_aMunicipality */
  int iRefAge;                     /* the participant's age at entry */
  int iPartner;                    /* member index, or -1 */
  int bMother, bFather;            /* a parent of theirs lives there */
  int iYoungFamilyPm;              /* DemoRound.iYoungFamilyPm */
  int64_t aBirth[DEMO_MAX_MEMBER]; /* day numbers */
  int aCountry[DEMO_MAX_MEMBER];   /* birth country, or DEMO_ITALY */
} DemoBuild;

/* What the sampler meant to make, for the tests to check against. */
typedef struct DemoTruth {
  int iAgeBand;      /* 0..4 */
  int iSizeClass;    /* 0..5, for sizes 1..5 and 6+ */
  int bSingleMother; /* drawn as a single mother with children */
} DemoTruth;

/* Day number of the entry date's month and day nYear years before it;
** Feb 29 becomes Feb 28 in a common year. */
static int64_t demo_anniversary(const DemoBuild *b, int nYear) {
  int y = b->y - nYear;
  int d = (b->m == 2 && b->d == 29 && !date_is_leap(y)) ? 28 : b->d;
  return date_days(y, b->m, d);
}

/* A birth day on which the person is exactly iAge at entry. */
static int64_t demo_birth_for_age(DemoBuild *b, int iAge) {
  int64_t lo = demo_anniversary(b, iAge + 1) + 1;
  int64_t hi = demo_anniversary(b, iAge);
  return demo_day_range(b->r, lo, hi);
}

/* Whole years completed at entry by someone born on day iBirth. */
static int demo_age(const DemoBuild *b, int64_t iBirth) {
  assert(iBirth <= b->iEntry);
  int iAge = (int)((b->iEntry - iBirth) / 366); /* never more than the age */
  while (demo_anniversary(b, iAge + 1) >= iBirth) iAge++;
  return iAge;
}

static void demo_copy(char *zDst, size_t nDst, const char *zSrc) {
  size_t n = strlen(zSrc);
  assert(n < nDst);
  (void)nDst;
  memcpy(zDst, zSrc, n + 1);
}

static const char *demo_pick(DemoRng *r, const char *const *az, int n) {
  return az[demo_rng_below(r, n)];
}

static const char *demo_first_name(DemoRng *r, int iPool, char cGender) {
  const DemoNamePool *pPool = &demo_aPool[iPool];
  if (cGender == 'F') return demo_pick(r, pPool->azFemale, pPool->nFemale);
  return demo_pick(r, pPool->azMale, pPool->nMale);
}

static const char *demo_surname(DemoRng *r, int iPool) {
  const DemoNamePool *pPool = &demo_aPool[iPool];
  return demo_pick(r, pPool->azSurname, pPool->nSurname);
}

static int demo_pool_of(int iCountry) {
  return iCountry == DEMO_ITALY ? POOL_IT : demo_aCountry[iCountry].iPool;
}

static const char *demo_iso_of(int iCountry) {
  return iCountry == DEMO_ITALY ? "IT" : demo_aCountry[iCountry].zIso;
}

/* A foreign country of birth, by community size. */
static int demo_foreign_country(DemoRng *r) {
  int aWeight[DEMO_N(demo_aCountry)];
  for (int i = 0; i < DEMO_N(demo_aCountry); i++) {
    aWeight[i] = demo_aCountry[i].iWeight;
  }
  return demo_rng_weighted(r, aWeight, DEMO_N(demo_aCountry));
}

static int demo_random_municipality(DemoRng *r) {
  int aWeight[DEMO_N(demo_aMunicipality)];
  for (int i = 0; i < DEMO_N(demo_aMunicipality); i++) {
    aWeight[i] = demo_aMunicipality[i].nPopulation;
  }
  return demo_rng_weighted(r, aWeight, DEMO_N(demo_aMunicipality));
}

static char demo_random_gender(DemoRng *r, int iFemalePm) {
  return demo_chance(r, iFemalePm) ? 'F' : 'M';
}

/*
** Append a member to the household and return its index.  The first
** name comes from name pool iPool; the surname is zLast, or one drawn
** from the same pool when zLast is NULL.  Citizenship, the codice
** fiscale and the rest are filled later.
*/
static int demo_add(DemoBuild *b, const char *zRel, char cGender, int64_t iBirth, int iCountry,
                    int iPool, const char *zLast) {
  int i = b->p->nMember++;
  assert(i < DEMO_MAX_MEMBER && iBirth <= b->iEntry);
  DemoPerson *q = &b->p->aMember[i];
  q->zRelationship = zRel;
  q->cGender = cGender;
  b->aBirth[i] = iBirth;
  b->aCountry[i] = iCountry;
  demo_copy(q->zFirst, sizeof q->zFirst, demo_first_name(b->r, iPool, cGender));
  demo_copy(q->zLast, sizeof q->zLast, zLast ? zLast : demo_surname(b->r, iPool));
  return i;
}

/* Citizenship of a member who is not a child of the participant: that
** of the birth country, except for some long-settled foreign-born
** adults who have become Italian. */
static void demo_set_citizenship(DemoBuild *b, int i) {
  int iCountry = b->aCountry[i];
  const char *z = demo_iso_of(iCountry);
  if (iCountry != DEMO_ITALY && demo_age(b, b->aBirth[i]) >= 30 && demo_chance(b->r, 150)) {
    z = "IT";
  }
  demo_copy(b->p->aMember[i].zCitizenship, 3, z);
}

/* Citizenship of a child: Italian if a parent at home is, or (half of
** the time) if born in Italy and now of age; else the participant's. */
static void demo_set_child_citizenship(DemoBuild *b, int i) {
  const DemoPerson *aM = b->p->aMember;
  int bParentIt = strcmp(aM[0].zCitizenship, "IT") == 0 ||
                  (b->iPartner > 0 && strcmp(aM[b->iPartner].zCitizenship, "IT") == 0);
  int bNaturalised =
      b->aCountry[i] == DEMO_ITALY && demo_age(b, b->aBirth[i]) >= 18 && demo_chance(b->r, 500);
  const char *z = bParentIt || bNaturalised ? "IT" : aM[0].zCitizenship;
  demo_copy(b->p->aMember[i].zCitizenship, 3, z);
}

/************************************************************************
** The members around the participant
*/

enum { DEMO_ANY, DEMO_MINOR, DEMO_ADULT }; /* age of a child at entry */

/* The foreign country of the family (the participant's, else the
** partner's), or DEMO_ITALY if both were born in Italy. */
static int demo_family_country(const DemoBuild *b) {
  if (b->aCountry[0] != DEMO_ITALY) return b->aCountry[0];
  if (b->iPartner > 0) return b->aCountry[b->iPartner];
  return DEMO_ITALY;
}

/* Birth country of a child born on iBirth: the younger, the likelier in
** Italy; always in Italy when both parents at home were. */
static int demo_child_country(DemoBuild *b, int64_t iBirth) {
  int iFamily = demo_family_country(b);
  if (iFamily == DEMO_ITALY) return DEMO_ITALY;
  int bMixed =
      b->aCountry[0] == DEMO_ITALY || (b->iPartner > 0 && b->aCountry[b->iPartner] == DEMO_ITALY);
  int iAge = demo_age(b, iBirth);
  int iItalyPm = bMixed ? 900 : iAge < 6 ? 800 : iAge < 12 ? 600 : iAge < 18 ? 400 : 150;
  return demo_chance(b->r, iItalyPm) ? DEMO_ITALY : iFamily;
}

/* The member whose surname the children take: the father if he lives
** there, else the participant. */
static int demo_surname_giver(const DemoBuild *b) {
  if (b->p->aMember[0].cGender == 'M') return 0;
  if (b->iPartner > 0 && b->p->aMember[b->iPartner].cGender == 'M') {
    return b->iPartner;
  }
  return 0;
}

/* Most children a parent of iAge plausibly has at home (one a year
** from 18 on, give or take). */
static int demo_child_cap(int iAge) {
  return iAge <= 20 ? 1 : iAge <= 23 ? 2 : iAge <= 27 ? 3 : DEMO_MAX_MEMBER;
}

/*
** Add a child of the participant (and of the partner, if any), 18 to 45
** years younger than each parent, of the age class iKind.  Returns 0, or
** -1 (nothing added) when no birth date fits.
*/
static int demo_add_child(DemoBuild *b, int iKind) {
  int64_t lo = b->aBirth[0] + DEMO_GAP_MIN;
  int64_t hi = b->aBirth[0] + DEMO_GAP_MAX;
  if (b->iPartner > 0) {
    int64_t iOther = b->aBirth[b->iPartner];
    if (iOther + DEMO_GAP_MIN > lo) lo = iOther + DEMO_GAP_MIN;
    if (iOther + DEMO_GAP_MAX < hi) hi = iOther + DEMO_GAP_MAX;
  }
  if (hi > b->iEntry) hi = b->iEntry;
  int64_t iAdult = demo_anniversary(b, 18); /* born by then: 18 at entry */
  if (iKind == DEMO_MINOR && lo <= iAdult) lo = iAdult + 1;
  if (iKind == DEMO_ADULT && hi > iAdult) hi = iAdult;
  if (lo > hi) return -1;
  int64_t iBirth = demo_day_range(b->r, lo, hi);
  int iCountry = demo_child_country(b, iBirth);
  int iFamily = demo_family_country(b);
  int iPool = demo_pool_of(iFamily);
  if (iCountry == DEMO_ITALY && iFamily != DEMO_ITALY && demo_chance(b->r, 200)) {
    iPool = POOL_IT;
  }
  const char *zLast = b->p->aMember[demo_surname_giver(b)].zLast;
  int i = demo_add(b, "child", demo_random_gender(b->r, 490), iBirth, iCountry, iPool, zLast);
  demo_set_child_citizenship(b, i);
  return 0;
}

/* Add the participant's partner: of the other sex, of similar age (the
** man usually a few years older), mostly born where the participant
** was. */
static void demo_add_partner(DemoBuild *b) {
  char cGender = b->p->aMember[0].cGender == 'M' ? 'F' : 'M';
  int iDelta = demo_range(b->r, -3, 10);
  int iAge = b->iRefAge + (cGender == 'M' ? iDelta : -iDelta);
  if (iAge < 18) iAge = 18;
  if (iAge > 85) iAge = 85;
  int iCountry = b->aCountry[0];
  int iRoll = demo_rng_below(b->r, 1000);
  if (iCountry == DEMO_ITALY) {
    if (iRoll < 80) iCountry = demo_foreign_country(b->r);
  } else if (iRoll < 70) {
    iCountry = DEMO_ITALY;
  } else if (iRoll < 120) {
    iCountry = demo_foreign_country(b->r);
  }
  int i = demo_add(b, "partner", cGender, demo_birth_for_age(b, iAge), iCountry,
                   demo_pool_of(iCountry), NULL);
  demo_set_citizenship(b, i);
  b->iPartner = i;
}

/* Add a parent of the participant of gender cGender, 19 to 38 years
** older.  Returns -1 (nothing added) if that parent is already there
** or would be over 92. */
static int demo_add_parent(DemoBuild *b, char cGender) {
  int *pbThere = cGender == 'F' ? &b->bMother : &b->bFather;
  int iAge = b->iRefAge + demo_range(b->r, 19, 38);
  if (*pbThere || iAge > 92) return -1;
  *pbThere = 1;
  int iCountry = b->aCountry[0];
  const char *zLast = cGender == 'M' ? b->p->aMember[0].zLast : NULL;
  int i = demo_add(b, "parent", cGender, demo_birth_for_age(b, iAge), iCountry,
                   demo_pool_of(iCountry), zLast);
  demo_set_citizenship(b, i);
  return 0;
}

static void demo_add_sibling(DemoBuild *b) {
  int iAge = b->iRefAge + demo_range(b->r, -10, 10);
  if (iAge < 0) iAge = 0;
  int iCountry = b->aCountry[0];
  int i = demo_add(b, "sibling", demo_random_gender(b->r, 500), demo_birth_for_age(b, iAge),
                   iCountry, demo_pool_of(iCountry), b->p->aMember[0].zLast);
  demo_set_citizenship(b, i);
}

/* Another relative: a grandchild of an older participant, or a cousin,
** an in-law, a nephew. */
static void demo_add_other(DemoBuild *b) {
  int iAge;
  if (b->iRefAge >= 45 && demo_chance(b->r, 500)) {
    iAge = demo_range(b->r, 0, b->iRefAge - 40);
  } else {
    iAge = demo_range(b->r, 5, 80);
  }
  int iCountry = b->aCountry[0];
  int iPool = demo_pool_of(iCountry);
  const char *zLast = demo_chance(b->r, 500) ? b->p->aMember[0].zLast : NULL;
  int i = demo_add(b, "other", demo_random_gender(b->r, 500), demo_birth_for_age(b, iAge), iCountry,
                   iPool, zLast);
  demo_set_citizenship(b, i);
}

/* Add n relatives who are neither partner nor child: a parent when one
** fits, else siblings and others. */
static void demo_add_relatives(DemoBuild *b, int n) {
  for (int k = 0; k < n; k++) {
    int iRoll = demo_rng_below(b->r, 100);
    if (iRoll < 35 && demo_add_parent(b, demo_random_gender(b->r, 650)) == 0) {
      continue;
    }
    if (iRoll < 80)
      demo_add_sibling(b);
    else
      demo_add_other(b);
  }
}

/* A single mother: at least one child under 18, maybe her mother or
** other relatives, no partner. */
static void demo_compose_single_mother(DemoBuild *b, int nRest) {
  int nChild = demo_child_cap(b->iRefAge);
  if (nChild > nRest) nChild = nRest;
  if (nChild >= 3 && demo_chance(b->r, 150)) nChild--;
  int rc = demo_add_child(b, DEMO_MINOR);
  assert(rc == 0); /* she is 18..60: a child under 18 always fits */
  (void)rc;
  int nRel = nRest - nChild;
  for (int k = 1; k < nChild; k++) {
    if (demo_add_child(b, DEMO_ANY)) nRel++;
  }
  demo_add_relatives(b, nRel);
}

/* Add the first child of a couple or a lone father: a minor in the
** round's share of young families (when the parents' ages allow it). */
static int demo_add_first_child(DemoBuild *b) {
  int pm = b->iYoungFamilyPm;
  if (pm > 0 && (pm >= 1000 || demo_chance(b->r, pm)) && demo_add_child(b, DEMO_MINOR) == 0) {
    return 0;
  }
  return demo_add_child(b, DEMO_ANY);
}

/* A couple, their children, and sometimes a relative. */
static void demo_compose_couple(DemoBuild *b, int nRest) {
  demo_add_partner(b);
  int n = nRest - 1;
  int nRel = n >= 2 && demo_chance(b->r, 120) ? 1 : 0;
  int nChild = n - nRel;
  if (nChild > demo_child_cap(b->iRefAge)) {
    nChild = demo_child_cap(b->iRefAge);
  }
  nRel = n - nChild;
  for (int k = 0; k < nChild; k++) {
    if ((k == 0 ? demo_add_first_child(b) : demo_add_child(b, DEMO_ANY)) != 0) nRel++;
  }
  demo_add_relatives(b, nRel);
}

/* A lone parent with children of age class iKind (anything else at home
** is a relative). */
static void demo_compose_lone_parent(DemoBuild *b, int nRest, int iKind) {
  int nChild = demo_child_cap(b->iRefAge);
  if (nChild > nRest) nChild = nRest;
  int nRel = nRest - nChild;
  for (int k = 0; k < nChild; k++) {
    int bFirstAny = k == 0 && iKind == DEMO_ANY;
    if ((bFirstAny ? demo_add_first_child(b) : demo_add_child(b, iKind)) != 0) nRel++;
  }
  demo_add_relatives(b, nRel);
}

/* A young participant still living with one or both parents, and maybe
** brothers and sisters. */
static void demo_compose_parental_home(DemoBuild *b, int nRest) {
  if (nRest >= 2 && demo_chance(b->r, 600)) {
    demo_add_parent(b, 'F');
    demo_add_parent(b, 'M');
  } else {
    demo_add_parent(b, demo_random_gender(b->r, 700));
  }
  int n = nRest - (b->p->nMember - 1);
  for (int k = 0; k < n; k++) demo_add_sibling(b);
}

/*
** Fill the household of the participant (already member 0) up to nSize
** members.  Any woman who is not drawn as a single mother ends up with a
** partner, or with no child under 18: the single-mother share stays the
** one drawn.
*/
static void demo_compose(DemoBuild *b, int nSize, int bSingleMother) {
  int nRest = nSize - 1;
  if (nRest == 0) return;
  if (bSingleMother) {
    demo_compose_single_mother(b, nRest);
    return;
  }
  int bYoung = b->iRefAge <= 24;
  if (demo_chance(b->r, bYoung ? 300 : 780)) {
    demo_compose_couple(b, nRest);
  } else if (bYoung) {
    demo_compose_parental_home(b, nRest);
  } else if (b->p->aMember[0].cGender == 'M') {
    if (demo_chance(b->r, 450))
      demo_compose_lone_parent(b, nRest, DEMO_ANY);
    else
      demo_add_relatives(b, nRest);
  } else if (b->iRefAge >= 37 && demo_chance(b->r, 600)) {
    demo_compose_lone_parent(b, nRest, DEMO_ADULT);
  } else {
    demo_add_relatives(b, nRest);
  }
  assert(b->p->nMember == nSize);
}

/************************************************************************
** The participant, and the finishing touches
*/

/* An age in band iBand (0..4).  Single mothers of the 55+ band are kept
** at 55..60, so that a child under 18 is at most 45 years younger. */
static int demo_age_in_band(DemoRng *r, int iBand, int bSingleMother) {
  static const int aLo[5] = {18, 25, 35, 45, 55};
  if (iBand < 4) return demo_range(r, aLo[iBand], aLo[iBand] + (iBand ? 9 : 6));
  if (bSingleMother) return demo_range(r, 55, 60);
  return 55 + demo_rng_weighted(r, demo_aAgeOld, DEMO_N(demo_aAgeOld));
}

/* Draw the participant's facts from the round's tables, add them as
** member 0, and return the household size. */
static int demo_add_participant(DemoBuild *b, const DemoRound *pR, DemoTruth *pT) {
  DemoRng *r = b->r;
  char cGender = demo_rng_weighted(r, pR->aGender, 2) ? 'F' : 'M';
  int bForeign = demo_rng_weighted(r, pR->aOrigin, 2);
  pT->iAgeBand = demo_rng_weighted(r, pR->aAgeBand, 5);
  pT->iSizeClass = demo_rng_weighted(r, pR->aSize, 6);
  /* P(single mother | woman, 2+ members), so that P(single mother) is
  ** the round's share. */
  double pWoman = pR->aGender[1] / (double)(pR->aGender[0] + pR->aGender[1]);
  int nSize = 0;
  for (int i = 0; i < 6; i++) nSize += pR->aSize[i];
  double pShared = 1.0 - pR->aSize[0] / (double)nSize;
  double pCond = pR->iSingleMotherPm / 1000.0 / (pWoman * pShared);
  assert(pCond <= 1.0);
  pT->bSingleMother = cGender == 'F' && pT->iSizeClass > 0 && demo_unit(r) < pCond;
  b->iRefAge = demo_age_in_band(r, pT->iAgeBand, pT->bSingleMother);
  int iCountry = bForeign ? demo_foreign_country(r) : DEMO_ITALY;
  demo_add(b, "reference", cGender, demo_birth_for_age(b, b->iRefAge), iCountry,
           demo_pool_of(iCountry), NULL);
  demo_set_citizenship(b, 0);
  b->bIncome = demo_chance(r, bForeign ? pR->iIncomeForeignPm : pR->iIncomeItalyPm);
  if (pT->iSizeClass < 5) return pT->iSizeClass + 1;
  return 6 + demo_rng_weighted(r, demo_aSizeBig, DEMO_N(demo_aSizeBig));
}

/* Belfiore code of the birthplace of an Italian-born member: mostly
** Pisa, where the area's hospitals are, else the home municipality; a
** few adults come from elsewhere in Italy.  Crespina Lorenzana exists
** only since 2014: those born there before were born in Pisa here. */
static const char *demo_birthplace_italy(DemoBuild *b, int i) {
  int64_t iBirth = b->aBirth[i];
  if (demo_age(b, iBirth) >= 18 && demo_chance(b->r, 150)) {
    return demo_pick(b->r, demo_azBelfioreElsewhere, DEMO_N(demo_azBelfioreElsewhere));
  }
  const DemoMunicipality *pHome = &demo_aMunicipality[b->iMunicipality];
  if (demo_chance(b->r, 700)) return DEMO_BELFIORE_PISA;
  if (strcmp(pHome->zBelfiore, "M328") == 0 && iBirth < date_days(2014, 1, 1)) {
    return DEMO_BELFIORE_PISA;
  }
  return pHome->zBelfiore;
}

/* Birth date string, birth country, minimum income, the odd unknown
** value, and the codice fiscale of member i. */
static void demo_finish_member(DemoBuild *b, int i) {
  DemoPerson *q = &b->p->aMember[i];
  int iCountry = b->aCountry[i];
  date_from_days(b->aBirth[i], q->zBirth);
  demo_copy(q->zBirthCountry, 3, demo_iso_of(iCountry));
  q->bMinimumIncome = b->bIncome;
  int bUnknown = 0;
  if (i > 0 && demo_chance(b->r, DEMO_UNKNOWN_PM)) {
    q->cGender = 0;
    bUnknown = 1;
  }
  if (i > 0 && demo_chance(b->r, DEMO_UNKNOWN_PM)) {
    q->zBirthCountry[0] = 0;
    bUnknown = 1;
  }
  if (bUnknown) return; /* zCf stays "" */
  if (iCountry != DEMO_ITALY && !b->bIncome && demo_age(b, b->aBirth[i]) >= 18 &&
      demo_chance(b->r, DEMO_NO_CF_PM)) {
    return;
  }
  const char *zPlace =
      iCountry == DEMO_ITALY ? demo_birthplace_italy(b, i) : demo_aCountry[iCountry].zBelfiore;
  int rc = cf_compute(q->zCf, q->zLast, q->zFirst, q->zBirth, q->cGender, zPlace);
  assert(rc == 0); /* the tables hold only names cf_compute() accepts */
  (void)rc;
}

/* demo_household(), also reporting what it meant to draw. */
static void demo_household_draw(DemoRng *r, int iRound, const char *zEntryDate, DemoHousehold *p,
                                DemoTruth *pT) {
  assert(iRound == 1 || iRound == 2);
  DemoBuild b;
  memset(p, 0, sizeof *p);
  memset(&b, 0, sizeof b);
  b.r = r;
  b.p = p;
  b.iPartner = -1;
  int rc = date_parse(zEntryDate, &b.y, &b.m, &b.d);
  assert(rc == 0);
  (void)rc;
  b.iEntry = date_days(b.y, b.m, b.d);
  b.iMunicipality = demo_random_municipality(r);
  p->zMunicipality = demo_aMunicipality[b.iMunicipality].zName;
  b.iYoungFamilyPm = demo_aRound[iRound - 1].iYoungFamilyPm;
  int nSize = demo_add_participant(&b, &demo_aRound[iRound - 1], pT);
  demo_compose(&b, nSize, pT->bSingleMother);
  for (int i = 0; i < p->nMember; i++) demo_finish_member(&b, i);
}

void demo_household(DemoRng *r, int iRound, const char *zEntryDate, DemoHousehold *p) {
  DemoTruth t;
  demo_household_draw(r, iRound, zEntryDate, p, &t);
}
