/*
** demo_intake.c — the intake of `ali demo` (see demo_intake.h): for every
** participant a candidacy that reached an agreed project.  This file holds
** the generator (what the programme holds, the plan of services) and the
** participants; the form is demo_candidacy.c's, the project
** demo_project.c's, the candidates who left demo_leavers.c's (their
** figures are stated there).  Texts are short invented Italian sentences
** from small tables; any likeness to real people is chance.
**
** The pilot's chapter gives the participants (144 and 63) and the
** services activated per round.  Among the participants the demo puts a
** few whose screening suggested otherwise and whom the social worker took
** in with a reason (an override): 2% of round 1 and 6% of round 2 with a
** suspected addiction or psychiatric need, already followed by the
** specialised service; 1% and 5% whose main need was a job.  A few agreed
** projects are revised (version 2): an internship moved from the
** participant to an adult child (the pilot's story of the father and his
** daughter), or an internship of round 1 postponed by the pandemic.
**
** Interventions are "active" (the rounds are over; the delivery issue
** adds the later states), so the services-activated report counts them.
*/
#include "demo_intake.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../lib/date.h"
#include "../lib/mem.h"
#include "demo_intake_common.h"

/* ---- the pilot's figures ---- */

/* Services activated per round in the pilot (DOMAIN.md), by SV_ index;
** -1 not active. */
static const int aPilot[SV_COUNT][2] = {
    {43, 12}, /* internship */
    {21, 19}, /* forklift */
    {27, 13}, /* italian_l2 */
    {46, 17}, /* haccp */
    {68, 39}, /* safety */
    {47, 19}, /* home_education */
    {-1, 29}, /* it_training */
    {-1, 9},  /* soft_skills */
    {5, 4},   /* home_care */
    {34, 12}, /* psych_support */
    {17, 12}, /* orientation */
};

/* The order services are placed in: the ones few households can take
** first; safety last, to give a service to whoever has none yet. */
static const int aPlanOrder[SV_COUNT] = {SV_HOME_EDU,  SV_ITALIAN, SV_INTERNSHIP, SV_FORKLIFT,
                                         SV_HOME_CARE, SV_IT,      SV_SOFT,       SV_PSYCH,
                                         SV_ORIENT,    SV_HACCP,   SV_SAFETY};

/* The rounds' calendars (RoundCal, demo_intake_common.h). */
static const RoundCal aCal[2] = {
    {"2020-10-01",
     "2021-12-31",
     "2020-12-14",
     200,
     {{5, 20}, {7, 25}, {7, 21}, {0, 7}},
     150,
     144,
     {90, 240}},
    {"2022-01-01",
     "2022-06-30",
     "2022-02-08",
     50,
     {{3, 10}, {4, 10}, {5, 10}, {0, 4}},
     65,
     63,
     {45, 100}},
};

const RoundCal *demo_intake_cal(int iRound) { return &aCal[iRound - 1]; }

int demo_intake_offers(int iRound, int s) { return aPilot[s][iRound - 1] >= 0; }

/* ---- the household as the intake sees it ---- */

void demo_view_init(DemoView *v, const DemoHousehold *h, const char *zOn) {
  v->h = h;
  for (int i = 0; i < h->nMember; i++) v->aAge[i] = age_at(h->aMember[i].zBirth, zOn);
}

int demo_view_is_rel(const DemoView *v, int i, const char *zRel) {
  return strcmp(v->h->aMember[i].zRelationship, zRel) == 0;
}

int demo_view_born_abroad(const DemoView *v, int i) {
  const char *z = v->h->aMember[i].zBirthCountry;
  return z[0] && strcmp(z, "IT") != 0;
}

/* The participant is a single mother with children (DOMAIN.md). */
int demo_view_single_mother(const DemoView *v) {
  if (v->h->aMember[0].cGender != 'F') return 0;
  int bChild = 0;
  for (int i = 1; i < v->h->nMember; i++) {
    if (demo_view_is_rel(v, i, "partner")) return 0;
    if (demo_view_is_rel(v, i, "child") && v->aAge[i] >= 0 && v->aAge[i] < 18) bChild = 1;
  }
  return bChild;
}

/* Member i could receive service s. */
int demo_view_can_receive(const DemoView *v, int s, int i) {
  int iAge = v->aAge[i];
  switch (s) {
    case SV_INTERNSHIP:
      return (i == 0 && iAge <= 62) ||
             (demo_view_is_rel(v, i, "child") && iAge >= 18 && iAge <= 30);
    case SV_FORKLIFT:
      return (i == 0 && iAge <= 60) ||
             (demo_view_is_rel(v, i, "partner") && iAge >= 18 && iAge <= 60);
    case SV_ITALIAN:
      return iAge >= 16 && demo_view_born_abroad(v, i);
    case SV_HOME_EDU:
      return i > 0 && iAge >= 3 && iAge <= 17;
    case SV_HOME_CARE:
      return i == 0 || (demo_view_is_rel(v, i, "parent") && iAge >= 65);
    case SV_SAFETY:
      return i == 0 || (demo_view_is_rel(v, i, "child") && iAge >= 18 && iAge <= 30);
    default:
      return i == 0;
  }
}

/* The members who could receive s, into aIdx; how many. */
int demo_view_receivers(const DemoView *v, int s, int *aIdx) {
  int n = 0;
  for (int i = 0; i < v->h->nMember; i++) {
    if (demo_view_can_receive(v, s, i)) aIdx[n++] = i;
  }
  return n;
}

static unsigned eligible_mask(const DemoView *v) {
  int aIdx[DEMO_MAX_MEMBER];
  unsigned m = 0;
  for (int s = 0; s < SV_COUNT; s++) {
    if (demo_view_receivers(v, s, aIdx)) m |= 1u << s;
  }
  return m;
}

/* ---- drawing the participants and planning their services ---- */

void demo_intake_draw(DemoRng *r, int iRound, char zEntry[11], DemoHousehold *h) {
  const RoundCal *c = demo_intake_cal(iRound);
  date_from_days(demo_day_of(c->zEntryFrom) + demo_rng_below(r, c->nEntryDays), zEntry);
  demo_household(r, iRound, zEntry, h);
}

int demo_intake_round_cap(int iRound, int64_t n) {
  const RoundCal *c = demo_intake_cal(iRound);
  int64_t nCap = (n * c->nCap + c->nPilot - 1) / c->nPilot;
  return nCap < 1 ? 1 : nCap > 2000000000 ? 2000000000 : (int)nCap;
}

int64_t demo_intake_scaled(int k, int64_t n, int nPilot) { return (k * n + nPilot / 2) / nPilot; }

/* Shuffle a[0..n) (Fisher-Yates). */
static void shuffle(DemoRng *r, int32_t *a, int64_t n) {
  for (int64_t i = n - 1; i > 0; i--) {
    int64_t j = demo_rng_below(r, (int)(i + 1));
    int32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/* Safety first to those with no service yet, then to the interns. */
static void safety_priority(const uint16_t *aPlan, int32_t *a, int64_t n, int32_t *aTmp) {
  int64_t k = 0;
  for (int iPass = 0; iPass < 3; iPass++) {
    for (int64_t i = 0; i < n; i++) {
      unsigned m = aPlan[a[i]];
      int iPrio = m == 0 ? 0 : (m & (1u << SV_INTERNSHIP)) ? 1 : 2;
      if (iPrio == iPass) aTmp[k++] = a[i];
    }
  }
  memcpy(a, aTmp, (size_t)n * sizeof *a);
}

/* Places each service of round iRound on exactly its scaled pilot count
** of the participants lo..hi-1 that can take it; then anyone left with
** nothing gets orientation. */
static void plan_round(DemoIntake *p, const uint16_t *aElig, int64_t lo, int64_t hi, int iRound,
                       DemoRng *r) {
  int64_t n = hi - lo;
  int32_t *aCand = xmalloc((size_t)(n ? n : 1) * sizeof *aCand);
  int32_t *aTmp = xmalloc((size_t)(n ? n : 1) * sizeof *aTmp);
  for (int k = 0; k < SV_COUNT; k++) {
    int s = aPlanOrder[k];
    int iPilot = aPilot[s][iRound - 1];
    if (iPilot < 0) continue;
    int64_t nTarget = demo_intake_scaled(iPilot, n, demo_intake_cal(iRound)->nPilot), nCand = 0;
    for (int64_t i = lo; i < hi; i++) {
      if (aElig[i] & (1u << s)) aCand[nCand++] = (int32_t)i;
    }
    shuffle(r, aCand, nCand);
    if (s == SV_SAFETY) safety_priority(p->aPlan, aCand, nCand, aTmp);
    for (int64_t i = 0; i < nCand && i < nTarget; i++) p->aPlan[aCand[i]] |= 1u << s;
  }
  for (int64_t i = lo; i < hi; i++) {
    if (!p->aPlan[i]) p->aPlan[i] = 1u << SV_ORIENT;
  }
  free(aCand);
  free(aTmp);
}

static void plan_services(DemoIntake *p, uint64_t iSeed) {
  uint16_t *aElig = xcalloc((size_t)p->nPeople, sizeof *aElig);
  p->aPlan = xcalloc((size_t)p->nPeople, sizeof *p->aPlan);
  DemoRng r;
  demo_rng_seed(&r, iSeed);
  DemoHousehold h;
  DemoView v;
  for (int64_t i = 0; i < p->nPeople; i++) {
    char zEntry[11];
    demo_intake_draw(&r, i < p->nRound1 ? 1 : 2, zEntry, &h);
    demo_view_init(&v, &h, zEntry);
    aElig[i] = (uint16_t)eligible_mask(&v);
  }
  demo_rng_seed(&r, iSeed ^ 0x5E4F1CE5ull);
  plan_round(p, aElig, 0, p->nRound1, 1, &r);
  plan_round(p, aElig, p->nRound1, p->nPeople, 2, &r);
  free(aElig);
}

/* ---- opening: what the programme holds ---- */

static int load_names(Db *db, DemoIntake *p, int64_t iAgency) {
  p->aUser = arena_alloc(&p->a, 64 * sizeof *p->aUser);
  p->aOrg = arena_alloc(&p->a, 64 * sizeof *p->aOrg);
  DbStmt *q = db_query(db, "SELECT id, full_name FROM app_user WHERE agency_id=$1 ORDER BY id", "i",
                       iAgency);
  while (db_step(q) == DB_ROW && p->nUser < 64) {
    p->aUser[p->nUser++] = (Named){db_col_int(q, 0), arena_strdup(&p->a, db_col_text(q, 1))};
  }
  db_done(q);
  q = db_query(db, "SELECT id, name FROM organisation WHERE agency_id=$1 ORDER BY id", "i",
               iAgency);
  while (db_step(q) == DB_ROW && p->nOrg < 64) {
    p->aOrg[p->nOrg++] = (Named){db_col_int(q, 0), arena_strdup(&p->a, db_col_text(q, 1))};
  }
  db_done(q);
  return 0;
}

static int load_services(Db *db, DemoIntake *p, int64_t iAgency) {
  for (int s = 0; s < SV_COUNT; s++) {
    Service sv;
    p->aService[s] = service_find(db, iAgency, demo_azService[s]);
    if (!p->aService[s] || service_get(db, &p->a, iAgency, p->aService[s], &sv)) {
      fprintf(stderr, "ali: demo intake: no service %s in the catalogue\n", demo_azService[s]);
      return 1;
    }
    p->azServiceName[s] = sv.zNameIt;
    p->azServiceNameEn[s] = sv.zNameEn;
    p->azServiceKind[s] = sv.zKind;
  }
  return 0;
}

static int load_programme(Db *db, DemoIntake *p, int64_t iAgency) {
  static const char *const azRound[2] = {"R1", "R2"};
  static const char *const azStream[2] = {"fondo_poverta", "pon_inclusione"};
  for (int i = 0; i < 2; i++) {
    p->aRound[i] = round_find(db, iAgency, azRound[i]);
    int64_t iStream = stream_find(db, iAgency, azStream[i]);
    if (!p->aRound[i] || !iStream || stream_get(db, &p->a, iAgency, iStream, &p->aStream[i])) {
      fprintf(stderr, "ali: demo intake: round %s or stream %s missing\n", azRound[i], azStream[i]);
      return 1;
    }
  }
  p->iSerd = organisation_find(db, iAgency, "serd_pisa");
  p->iCsm = organisation_find(db, iAgency, "csm_pisa");
  if (!p->iSerd || !p->iCsm || load_services(db, p, iAgency) || load_names(db, p, iAgency)) {
    if (!p->iSerd || !p->iCsm) fprintf(stderr, "ali: demo intake: specialised services missing\n");
    return 1;
  }
  if (screening_rules(db, &p->a, &p->aRule, &p->nRule)) {
    fprintf(stderr, "ali: demo intake: cannot read the screening rules: %s\n", db_errmsg(db));
    return 1;
  }
  return 0;
}

int demo_intake_open(Db *db, const DemoStaff *pStaff, uint64_t iSeed, int64_t nPeople,
                     int64_t nRound1, DemoIntake **pp) {
  DemoIntake *p = xcalloc(1, sizeof *p);
  p->pStaff = pStaff;
  p->nPeople = nPeople;
  p->nRound1 = nRound1;
  demo_rng_seed(&p->rng, iSeed ^ 0x1A7A6Eull);
  demo_rng_seed(&p->rngLeaver, iSeed ^ 0x1EA7E25ull);
  *pp = p;
  if (load_programme(db, p, pStaff->iAgency)) return 1;
  plan_services(p, iSeed);
  return 0;
}

void demo_intake_free(DemoIntake *p) {
  if (!p) return;
  free(p->aPlan);
  arena_free(&p->a);
  arena_free(&p->scratch);
  free(p);
}

/* ---- participants ---- */

/* The dates before the agreement, backwards: the last second interview,
** maybe an earlier one, the first interview, the shortlist. */
static void participant_dates(DemoRng *r, Cand *c) {
  const RoundCal *cal = demo_intake_cal(c->iRound);
  int64_t i2 = demo_day_of(c->zAgreed) - demo_rng_range(r, cal->aGap[3][0], cal->aGap[3][1]);
  c->nSecond = demo_rng_chance(r, 40) ? 2 : 1;
  int64_t i1 = c->nSecond == 2 ? i2 - demo_rng_range(r, cal->aGap[2][0], cal->aGap[2][1]) : i2;
  int64_t iFirst = i1 - demo_rng_range(r, cal->aGap[1][0], cal->aGap[1][1]);
  int64_t iShort = iFirst - demo_rng_range(r, cal->aGap[0][0], cal->aGap[0][1]);
  date_from_days(i1, c->azSecond[0]);
  date_from_days(i2, c->azSecond[1]);
  date_from_days(iFirst, c->zFirst);
  date_from_days(iShort, c->zShort);
  c->bContinued = 1;
}

/* Most participants are plain suitable profiles; a few (more in round 2)
** were taken in against the screening's suggestion. */
static int participant_profile(DemoRng *r, const Cand *c) {
  static const int aRefer[2] = {2, 6}, aJob[2] = {1, 5};
  const unsigned mNotJob =
      (1u << SV_PSYCH) | (1u << SV_ITALIAN) | (1u << SV_HOME_CARE) | (1u << SV_HOME_EDU);
  int k = demo_rng_below(r, 100);
  if (k < aRefer[c->iRound - 1]) return demo_rng_chance(r, 50) ? PR_ADDICTION : PR_MENTAL;
  if (k < aRefer[c->iRound - 1] + aJob[c->iRound - 1] && !demo_view_born_abroad(&c->v, 0) &&
      !demo_view_single_mother(&c->v) && !(c->mPlan & mNotJob))
    return PR_JOB_ONLY;
  return PR_NORMAL;
}

int demo_intake_participant(DemoIntake *p, Db *db, int64_t i, const DemoHousehold *h,
                            const int64_t *aId, const char *zEntry) {
  Cand c;
  memset(&c, 0, sizeof c);
  c.iRound = i < p->nRound1 ? 1 : 2;
  c.aId = aId;
  c.mPlan = p->aPlan[i];
  demo_view_init(&c.v, h, zEntry);
  memcpy(c.zAgreed, zEntry, 11);
  participant_dates(&p->rng, &c);
  c.eProfile = participant_profile(&p->rng, &c);
  int bPsy =
      (c.mPlan & (1u << SV_PSYCH)) || c.eProfile == PR_MENTAL || demo_rng_chance(&p->rng, 45);
  int rc = demo_staff_case(db, p->pStaff, &p->rng, aId[0], c.zShort, bPsy, 1, &c.kase);
  if (!rc) rc = demo_candidacy_stream(p, &c);
  if (!rc) {
    demo_candidacy_form(p, &c, "suitable");
    rc = demo_fail(db, "intake", "candidacy", demo_candidacy_write(db, p, &c, "agreed", 0, 0, 0));
  }
  if (!rc)
    rc = demo_fail(db, "intake", "access form",
                   demo_candidacy_form_write(db, p, &c, "continue", c.zFirst));
  if (!rc) rc = demo_fail(db, "intake", "second interview", demo_candidacy_interviews(db, p, &c));
  if (!rc) rc = demo_fail(db, "intake", "project", demo_project_write(db, p, &c));
  arena_free(&p->scratch);
  return rc;
}
