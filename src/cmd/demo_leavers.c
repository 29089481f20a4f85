/*
** demo_leavers.c — the candidates of `ali demo` who left before an
** agreed project (see demo_intake.h): not suitable (referred to a
** specialised service, or needing a job only) and withdrawn.
**
** The pilot's chapter gives the participants (144 and 63) and the
** services activated per round, and says that some candidates withdrew
** between the first and the second interview, often because they hoped
** for a benefit in exchange, and that round 2 took in unsuitable
** profiles (addiction, psychiatric need, or only a job needed) because
** only minimum-income recipients could join.  It gives no count of who
** left, so the demo chooses these, per round of pilot size, scaled to
** the demo's participants and rounded per kind:
**
**                                              round 1   round 2
**   not suitable, referred to the SerD (addiction)    3         2
**   not suitable, referred to mental health           2         2
**   not suitable, needs a job only                    4         3
**   withdrew at the first interview                   4         2
**     (not_interested 2/1, found_job 1/0, health 1/1)
**   withdrew between the two interviews              11         6
**     (expected_benefit 7/4, found_job 2/1, moved_away 1/1, family 1/0)
**   withdrew after a second interview                 4         2
**     (expected_benefit 2/1, health 1/0, other 1/0, family 0/1)
**   candidates who left                              28        17
**
** Each is a candidacy up to its exit: the form of the first interview
** (demo_candidacy.c), a referral for those referred, the second
** interview of those who withdrew after it.
*/
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "demo_intake_common.h"

/* The candidates who left, per pilot-sized round (see the comment on top). */
enum { LK_REFER_ADDICTION, LK_REFER_MENTAL, LK_JOB_ONLY, LK_WD_FIRST, LK_WD_BETWEEN, LK_WD_SECOND };
static const struct {
  int eKind;
  const char *zReason; /* withdrawal reason code */
  int aPilot[2];
} aLeaver[] = {
    {LK_REFER_ADDICTION, 0, {3, 2}},
    {LK_REFER_MENTAL, 0, {2, 2}},
    {LK_JOB_ONLY, 0, {4, 3}},
    {LK_WD_FIRST, "not_interested", {2, 1}},
    {LK_WD_FIRST, "found_job", {1, 0}},
    {LK_WD_FIRST, "health", {1, 1}},
    {LK_WD_BETWEEN, "expected_benefit", {7, 4}},
    {LK_WD_BETWEEN, "found_job", {2, 1}},
    {LK_WD_BETWEEN, "moved_away", {1, 1}},
    {LK_WD_BETWEEN, "family", {1, 0}},
    {LK_WD_SECOND, "expected_benefit", {2, 1}},
    {LK_WD_SECOND, "health", {1, 0}},
    {LK_WD_SECOND, "other", {1, 0}},
    {LK_WD_SECOND, "family", {0, 1}},
};
#define N_LEAVER (int)(sizeof aLeaver / sizeof aLeaver[0])

int64_t demo_intake_leaver_count(int iRound, int64_t n) {
  int64_t nAll = 0;
  for (int k = 0; k < N_LEAVER; k++)
    nAll += demo_intake_scaled(aLeaver[k].aPilot[iRound - 1], n, demo_intake_cal(iRound)->nPilot);
  return nAll;
}

/* Withdrawal notes by reason code (intake.h's list). */
static const char *withdrawal_note(DemoRng *r, const char *zReason) {
  static const char *const azBenefit[] = {
      "Sperava in un contributo per l'affitto in cambio della partecipazione.",
      "Chiedeva buoni spesa come condizione per continuare.",
      "Interessato soprattutto a non perdere il sostegno per le bollette.",
      "Ha accettato solo sperando in un alloggio più grande.",
  };
  static const char *const azJob[] = {"Ha trovato un lavoro stagionale.",
                                      "Assunzione a termine in un'impresa di pulizie."};
  static const char *const azHealth[] = {"Ricovero e lunga convalescenza.",
                                         "Problemi di salute non compatibili con il percorso."};
  static const char *const azNot[] = {"Non interessato alle attività proposte.",
                                      "Non si è presentato agli appuntamenti successivi."};
  if (strcmp(zReason, "expected_benefit") == 0) return DEMO_PICK(r, azBenefit);
  if (strcmp(zReason, "found_job") == 0) return DEMO_PICK(r, azJob);
  if (strcmp(zReason, "health") == 0) return DEMO_PICK(r, azHealth);
  if (strcmp(zReason, "not_interested") == 0) return DEMO_PICK(r, azNot);
  if (strcmp(zReason, "moved_away") == 0)
    return "Trasferimento in un'altra regione presso parenti.";
  if (strcmp(zReason, "family") == 0) return "Deve assistere un familiare malato.";
  return "Motivi personali non precisati.";
}

/* The kind (index in aLeaver) of the i-th candidate who left round iRound. */
static int leaver_kind(const DemoIntake *p, int iRound, int64_t i) {
  int64_t n = iRound == 1 ? p->nRound1 : p->nPeople - p->nRound1;
  for (int k = 0; k < N_LEAVER; k++) {
    int64_t nKind =
        demo_intake_scaled(aLeaver[k].aPilot[iRound - 1], n, demo_intake_cal(iRound)->nPilot);
    if (i < nKind) return k;
    i -= nKind;
  }
  return N_LEAVER - 1;
}

void demo_intake_leaver_draw(DemoIntake *p, int iRound, int64_t i, DemoHousehold *h) {
  const RoundCal *cal = demo_intake_cal(iRound);
  int bJobOnly = aLeaver[leaver_kind(p, iRound, i)].eKind == LK_JOB_ONLY;
  int nWindow = iRound == 1 ? 180 : 40;
  for (int t = 0; t < 100; t++) {
    date_from_days(demo_day_of(cal->zStart) + demo_rng_below(&p->rngLeaver, nWindow),
                   p->zLeaverShort);
    demo_household(&p->rngLeaver, iRound, p->zLeaverShort, h);
    DemoView v;
    demo_view_init(&v, h, p->zLeaverShort);
    /* needing a job only: no vulnerability but unemployment */
    if (!bJobOnly || (!demo_view_born_abroad(&v, 0) && !demo_view_single_mother(&v))) break;
  }
}

static const char *not_suitable_note(DemoRng *r, int eProfile) {
  static const char *const azAddiction[] = {
      "Uso problematico di alcol emerso al colloquio: invio al SerD per una valutazione.",
      "Gioco d'azzardo riferito dal nucleo: invio al SerD.",
  };
  if (eProfile == PR_ADDICTION) return DEMO_PICK(r, azAddiction);
  if (eProfile == PR_MENTAL)
    return "Sintomi che richiedono una valutazione psichiatrica: invio al Centro di salute "
           "mentale.";
  return "Profilo autonomo: serve soprattutto un lavoro; indirizzato al Centro per l'impiego.";
}

static int write_referral(Db *db, DemoIntake *p, const Cand *c, const char *zReason) {
  const char *zKind = c->form.zReferralKind;
  int bAddiction = zKind ? strcmp(zKind, "addiction") == 0 : c->eProfile == PR_ADDICTION;
  const char *zAt = demo_stamp(&p->scratch, c->zExit, 12, 30);
  return db_exec(db,
                 "INSERT INTO referral(agency_id, case_id, person_id, organisation_id, reason,"
                 " status, created_at, created_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$7)",
                 "iiiittti", p->pStaff->iAgency, c->kase.id, c->aId[0],
                 bAddiction ? p->iSerd : p->iCsm, zReason,
                 demo_rng_chance(&p->rng, 60) ? "accepted" : "sent", zAt, c->kase.iSocialWorker);
}

/* The dates and exit of a candidate who left as aLeaver[k] says. */
static void leaver_dates(DemoRng *r, Cand *c, int eKind) {
  const RoundCal *cal = demo_intake_cal(c->iRound);
  int64_t iFirst = demo_day_of(c->zShort) + demo_rng_range(r, cal->aGap[0][0], cal->aGap[0][1]),
          iExit = iFirst;
  date_from_days(iFirst, c->zFirst);
  c->bContinued = eKind == LK_WD_BETWEEN || eKind == LK_WD_SECOND;
  if (eKind == LK_WD_BETWEEN) iExit = iFirst + demo_rng_range(r, 4, 20);
  if (eKind == LK_WD_SECOND) {
    int64_t iSecond = iFirst + demo_rng_range(r, cal->aGap[1][0], cal->aGap[1][1]);
    date_from_days(iSecond, c->azSecond[0]);
    c->nSecond = 1;
    iExit = iSecond + demo_rng_range(r, 3, 15);
  }
  date_from_days(iExit, c->zExit);
}

static int leaver_write(Db *db, DemoIntake *p, Cand *c, int k) {
  int eKind = aLeaver[k].eKind;
  if (eKind <= LK_JOB_ONLY) {
    const char *zNote = not_suitable_note(&p->rng, c->eProfile);
    int rc = demo_candidacy_write(db, p, c, "not_suitable", c->form.zDecision, zNote,
                                  c->kase.iSocialWorker);
    if (!rc) rc = demo_candidacy_form_write(db, p, c, "not_suitable", c->zExit);
    if (!rc && strcmp(c->form.zDecision, "refer") == 0) rc = write_referral(db, p, c, zNote);
    return rc;
  }
  const char *zReason = aLeaver[k].zReason, *zNote = withdrawal_note(&p->rng, zReason);
  int64_t iBy = eKind == LK_WD_SECOND ? c->kase.iCaseManager : c->kase.iSocialWorker;
  int rc = demo_candidacy_write(db, p, c, "withdrew", zReason, zNote, iBy);
  if (!rc)
    rc = demo_candidacy_form_write(db, p, c, eKind == LK_WD_FIRST ? "withdrew" : "continue",
                                   c->zFirst);
  if (!rc) rc = demo_candidacy_interviews(db, p, c);
  return rc;
}

int demo_intake_leaver(DemoIntake *p, Db *db, int iRound, int64_t i, const DemoHousehold *h,
                       const int64_t *aId) {
  static const int aProfile[3] = {PR_ADDICTION, PR_MENTAL, PR_JOB_ONLY};
  static const char *const azDecision[3] = {"refer", "refer", "job_only"};
  int k = leaver_kind(p, iRound, i), eKind = aLeaver[k].eKind;
  Cand c;
  memset(&c, 0, sizeof c);
  c.iRound = iRound;
  c.aId = aId;
  memcpy(c.zShort, p->zLeaverShort, 11);
  demo_view_init(&c.v, h, c.zShort);
  c.eProfile = eKind <= LK_JOB_ONLY ? aProfile[eKind] : PR_NORMAL;
  leaver_dates(&p->rng, &c, eKind);
  int bCoop = eKind == LK_WD_SECOND || (eKind == LK_WD_BETWEEN && demo_rng_chance(&p->rng, 50));
  int bPsy = c.eProfile == PR_ADDICTION || c.eProfile == PR_MENTAL || demo_rng_chance(&p->rng, 45);
  int rc = demo_staff_case(db, p->pStaff, &p->rng, aId[0], c.zShort, bPsy, bCoop, &c.kase);
  if (!rc) rc = demo_candidacy_stream(p, &c);
  if (!rc) {
    demo_candidacy_form(p, &c, eKind <= LK_JOB_ONLY ? azDecision[eKind] : "suitable");
    rc = demo_fail(db, "intake", "candidate who left", leaver_write(db, p, &c, k));
  }
  arena_free(&p->scratch);
  return rc;
}
