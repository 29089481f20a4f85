/*
** The synthetic population of `ali demo`: a deterministic sampler of
** participants and their households, shaped on the ALI pilot of the
** Pisa Società della Salute (reference/ali-pisa-chapter.txt, Tables
** 8.1-8.4 and the share of single mothers).  Pure C, libc only: no
** database, no allocation, no mutable globals.  The same seed gives the
** same households on every machine.
**
** Over many draws of demo_household() for a round, the participant's
** gender, origin (Italy / other), age band at entry, household size and
** the share of single mothers with children (as DOMAIN.md defines them)
** match that round's published distributions.  Everything else (names,
** relatives, citizenship, codice fiscale, minimum income) is plausible
** rather than calibrated.
*/
#ifndef ALI_DEMO_DATA_H
#define ALI_DEMO_DATA_H
#include <stdint.h>

/*
** xoshiro256** (Blackman and Vigna), seeded through splitmix64 so that
** any seed, 0 included, gives a good state.  Not for cryptography.
*/
typedef struct DemoRng {
  uint64_t s[4];
} DemoRng;

void demo_rng_seed(DemoRng *r, uint64_t seed);
uint64_t demo_rng_next(DemoRng *r); /* 64 uniform bits */

/* A uniform integer in 0..n-1 (n > 0, asserted), without modulo bias. */
int demo_rng_below(DemoRng *r, int n);

/* An index in 0..n-1 drawn with probability aWeight[i] / sum(aWeight).
** Weights are >= 0 and their sum > 0 (asserted); a zero weight is never
** drawn. */
int demo_rng_weighted(DemoRng *r, const int *aWeight, int n);

/* 1 with probability iPercent / 100 (one draw). */
int demo_rng_chance(DemoRng *r, int iPercent);

/* A uniform integer in lo..hi (one draw); lo, without a draw, when
** hi <= lo. */
int demo_rng_range(DemoRng *r, int lo, int hi);

/* The number of elements of array a; an element of array az drawn
** uniformly. */
#define DEMO_N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DEMO_PICK(r, az) (az)[demo_rng_below(r, DEMO_N(az))]

#define DEMO_MAX_MEMBER 12 /* the largest household demo_household() makes */

/* One member of a household.  Strings are UTF-8, NUL-terminated. */
typedef struct DemoPerson {
  char zFirst[48];
  char zLast[48];
  char cGender;              /* 'F', 'M', or 0 when unknown */
  char zBirth[11];           /* "YYYY-MM-DD", always known */
  char zBirthCountry[3];     /* ISO 3166-1 alpha-2 ("IT"); "" when unknown */
  char zCitizenship[3];      /* ISO 3166-1 alpha-2, always known */
  char zCf[17];              /* codice fiscale; "" if none */
  const char *zRelationship; /* to the participant: "reference" (the
                             ** participant), "partner", "child",
                             ** "parent", "sibling" or "other"; static */
  int bMinimumIncome;        /* 1 if the household receives minimum income */
} DemoPerson;

/* A participant (aMember[0], relationship "reference") and the people
** living with them at the entry date. */
typedef struct DemoHousehold {
  int nMember; /* 1..DEMO_MAX_MEMBER, the participant included */
  DemoPerson aMember[DEMO_MAX_MEMBER];
  const char *zMunicipality; /* residence, a name from demo_municipality() */
} DemoHousehold;

/*
** Sample one participant of round iRound (1 or 2) whose personalised
** project is agreed on zEntryDate ("YYYY-MM-DD"; asserted valid), and
** their household, into *p (overwritten entirely; nothing to free).
**
** The participant always has a known gender and birth date, and is 18
** to 66 at entry.  About 0.5% of the other members have an unknown
** gender and, separately, about 0.5% an unknown birth country; such a
** member has no codice fiscale.  Foreign-born adults of households that
** do not receive minimum income lack a codice fiscale 14% of the time
** (minimum income cannot be granted without one); everyone else has
** the code computed from their data, with their birth country's Z-code
** when born abroad.  All round-2 households receive minimum income (as
** in the pilot), about 60% of round-1 households do.
*/
void demo_household(DemoRng *r, int iRound, const char *zEntryDate, DemoHousehold *p);

/* Number of participants of round iRound (1 or 2) in the pilot: 144, 63. */
int demo_round_size(int iRound);

/* The municipalities of the Pisa zona-distretto, by population. */
typedef struct DemoMunicipality {
  const char *zName;     /* "San Giuliano Terme" */
  const char *zBelfiore; /* cadastral code, "A562" */
  int nPopulation;       /* residents, approximate (ISTAT, about 2021) */
} DemoMunicipality;

/* The i-th municipality (0 <= i < demo_municipality_count()); static. */
int demo_municipality_count(void);
const DemoMunicipality *demo_municipality(int i);

#endif
