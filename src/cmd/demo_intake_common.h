/*
** demo_intake_common.h — what the files of the demo's intake share:
**
**   demo_intake.c     the generator: the pilot's services and calendars,
**                     the household as the intake sees it, the plan of
**                     services, the participants
**   demo_candidacy.c  a candidacy up to the project: the case's stage and
**                     dates, the Access and Evaluation Form with its
**                     screening, the second interviews
**   demo_project.c    the agreed project: objectives, interventions,
**                     versions
**   demo_leavers.c    the candidates who left
**
** The public entry points are in demo_intake.h.  Nothing outside these
** files includes this one.
*/
#ifndef ALI_DEMO_INTAKE_COMMON_H
#define ALI_DEMO_INTAKE_COMMON_H
#include <stdint.h>

#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "demo_common.h"
#include "demo_intake.h"

/* A round's calendar: its dates, the window of agreements, the gaps in
** days (shortlist -> first interview -> second interview -> another
** second interview -> agreement), its cap and pilot size. */
typedef struct RoundCal {
  const char *zStart, *zEnd, *zEntryFrom;
  int nEntryDays;
  int aGap[4][2];
  int nCap, nPilot;
  int aCourseDays[2]; /* how long the longer services last, at least..at most */
} RoundCal;

/* The calendar of round iRound (1 or 2). */
const RoundCal *demo_intake_cal(int iRound);

/* 1 if the pilot activated service s (SV_) in round iRound. */
int demo_intake_offers(int iRound, int s);

/* k of a pilot-sized round of nPilot, scaled to n and rounded. */
int64_t demo_intake_scaled(int k, int64_t n, int nPilot);

/* The profile a candidate is drawn with. */
enum { PR_NORMAL, PR_ADDICTION, PR_MENTAL, PR_JOB_ONLY };

/* ---- the generator's state ---- */

typedef struct Named {
  int64_t id;
  const char *zName;
} Named;

struct DemoIntake {
  const DemoStaff *pStaff;
  int64_t nPeople, nRound1;
  int64_t aRound[2];
  FundingStream aStream[2]; /* fondo_poverta, pon_inclusione */
  int64_t aService[SV_COUNT];
  const char *azServiceName[SV_COUNT], *azServiceNameEn[SV_COUNT], *azServiceKind[SV_COUNT];
  int64_t iSerd, iCsm;
  Named *aUser, *aOrg; /* names for the snapshots */
  int nUser, nOrg;
  ScreeningRule *aRule;
  int nRule;
  uint16_t *aPlan;       /* services of participant i, a bit per SV_ */
  DemoRng rng;           /* the intake's draws */
  DemoRng rngLeaver;     /* the households of those who left */
  char zLeaverShort[11]; /* shortlist date of the last leaver drawn */
  Arena a;               /* lives as long as the generator */
  Arena scratch;         /* one candidate's strings */
};

/* ---- the household as the intake sees it (demo_intake.c) ---- */

typedef struct DemoView {
  const DemoHousehold *h;
  int aAge[DEMO_MAX_MEMBER];
} DemoView;

/* The household h with its members' ages on zOn. */
void demo_view_init(DemoView *v, const DemoHousehold *h, const char *zOn);
/* Member i's relationship to the participant is zRel. */
int demo_view_is_rel(const DemoView *v, int i, const char *zRel);
/* Member i was born outside Italy (a known country). */
int demo_view_born_abroad(const DemoView *v, int i);
/* The participant is a single mother with children (DOMAIN.md). */
int demo_view_single_mother(const DemoView *v);
/* Member i could receive service s. */
int demo_view_can_receive(const DemoView *v, int s, int i);
/* The members who could receive s, into aIdx; how many. */
int demo_view_receivers(const DemoView *v, int s, int *aIdx);

/* ---- one candidate ---- */

typedef struct Cand {
  DemoView v;
  const int64_t *aId; /* person ids of the household's members */
  int iRound;         /* 1 or 2 */
  int bContinued;     /* the first interview's outcome was "continue" */
  int eProfile;       /* PR_ */
  unsigned mPlan;     /* the project's services (participants) */
  int iStream;        /* index in aStream */
  DemoCase kase;
  char zShort[11], zFirst[11], azSecond[2][11], zAgreed[11], zExit[11];
  int nSecond;
  const ScreeningRule *pRule; /* the rule the screening matched */
  AccessForm form;
  const char *azService[SV_COUNT + 1];
} Cand;

/* ---- demo_candidacy.c ---- */

/*
** The funding stream of candidate c into c->iStream: round 2 only
** fondo_poverta (minimum income); round 1 fondo_poverta for most
** minimum-income households, else the PON.  Checked with the stream's
** own rule: 0, or DB_ERROR after printing why the stream refuses.
*/
int demo_candidacy_stream(DemoIntake *p, Cand *c);

/* Draws the form of the first interview into c->form and screens it;
** zDecision is what the social worker decides (an override, with its
** reason, when the rules suggested otherwise). */
void demo_candidacy_form(DemoIntake *p, Cand *c, const char *zDecision);

/* The candidacy on the case row: round, stream, stage zStage and its
** dates, and the exit (reason, note, by; NULL/0 for none).  0 or a db.h
** code. */
int demo_candidacy_write(Db *db, DemoIntake *p, const Cand *c, const char *zStage,
                         const char *zExitReason, const char *zExitNote, int64_t iExitBy);

/* The form with its scores, vulnerabilities and services, and its
** outcome zOutcome on zOutcomeOn.  0 or a db.h code. */
int demo_candidacy_form_write(Db *db, DemoIntake *p, const Cand *c, const char *zOutcome,
                              const char *zOutcomeOn);

/* The second interviews of c with its case manager.  0 or a db.h code. */
int demo_candidacy_interviews(Db *db, DemoIntake *p, const Cand *c);

/* ---- demo_project.c ---- */

/* The agreed project of participant c: objectives, interventions, the
** case operators, version 1 and, for a few, version 2.  0 or a db.h
** code. */
int demo_project_write(Db *db, DemoIntake *p, const Cand *c);

#endif
