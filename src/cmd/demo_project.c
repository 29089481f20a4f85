/*
** demo_project.c — the agreed Personalised Individual Project of each of
** `ali demo`'s participants (see demo_intake_common.h): the interventions
** of the services the plan gave the case (who receives each among the
** household, its provider and operator, dates, hours, sessions and
** cost), one to three objectives following their themes, the case
** operators, version 1 with project_snapshot_langs()'s snapshot and, for
** a few, a version 2 (an internship moved to an adult child, or
** postponed by the pandemic).
*/
#include <string.h>

#include "../domain/project.h"
#include "../lib/date.h"
#include "demo_intake_common.h"

static const char *const azCommitments[] = {
    "Frequentare con regolarità corsi e tirocinio; avvisare il case manager in caso di assenza.",
    "Partecipare agli incontri concordati e collaborare con gli operatori.",
    "Tenere i contatti con la scuola dei figli e con l'assistente sociale.",
    "Rispettare orari e impegni del progetto; comunicare ogni cambiamento.",
    "Partecipare ai colloqui di verifica ogni mese.",
};

/* The name of id in a[0..n), NULL when absent. */
static const char *name_of(const Named *a, int n, int64_t id) {
  for (int i = 0; i < n; i++) {
    if (a[i].id == id) return a[i].zName;
  }
  return 0;
}

static const char *member_name(Arena *a, const DemoView *v, int i) {
  return arena_printf(a, "%s %s", v->h->aMember[i].zFirst, v->h->aMember[i].zLast);
}

/* A planned intervention, before and after a revision. */
typedef struct PlanIv {
  int s, iMember;
  int64_t iOrg, iOperator;
  char zStart[11], zEnd[11];
  int nHours, nSessions;
  int64_t nCost;
} PlanIv;

#define MAX_IV 24

/* The provider and operator of service s for the case. */
static void provider(const DemoIntake *p, const Cand *c, int s, PlanIv *iv) {
  const DemoStaff *st = p->pStaff;
  int bA = c->kase.iOrganisation == st->iCoopA;
  iv->iOrg = c->kase.iOrganisation;
  switch (s) {
    case SV_INTERNSHIP:
      iv->iOperator = bA ? st->iTutor : st->iTutorB;
      break;
    case SV_HOME_EDU:
      iv->iOperator = bA ? st->iEducator : st->iEducatorB;
      break;
    case SV_HOME_CARE:
      iv->iOrg = st->iCoopA;
      iv->iOperator = st->iHomeCare;
      break;
    case SV_PSYCH:
      iv->iOperator = st->iPsychotherapist;
      break;
    case SV_ORIENT:
      iv->iOperator = c->kase.iCaseManager;
      break;
    default:
      iv->iOrg = st->iCoopC;
      iv->iOperator = st->iTrainer;
      break; /* the courses */
  }
}

/* Dates, hours, sessions and cost of an intervention starting after zFrom. */
static void schedule(DemoRng *r, const Cand *c, const char *zFrom, int iLead, PlanIv *iv) {
  const RoundCal *cal = demo_intake_cal(c->iRound);
  int64_t iEnd = demo_day_of(cal->zEnd), iStart = demo_day_of(zFrom) + iLead;
  int nLong = demo_rng_range(r, cal->aCourseDays[0], cal->aCourseDays[1]), nDays;
  switch (iv->s) {
    case SV_INTERNSHIP:
      nDays = nLong;
      break;
    case SV_HOME_EDU:
    case SV_PSYCH:
    case SV_HOME_CARE:
      nDays = nLong;
      break;
    case SV_ITALIAN:
      nDays = nLong * 2 / 3;
      break;
    case SV_IT:
      nDays = demo_rng_range(r, 30, 60);
      break;
    case SV_SOFT:
    case SV_ORIENT:
      nDays = demo_rng_range(r, 20, 45);
      break;
    default:
      nDays = demo_rng_range(r, 4, 14);
      break;
  }
  if (iStart > iEnd - 10) iStart = iEnd - 10;
  int64_t iStop = iStart + nDays > iEnd ? iEnd : iStart + nDays;
  date_from_days(iStart, iv->zStart);
  date_from_days(iStop, iv->zEnd);
  int nWeeks = (int)((iStop - iStart) / 7) + 1;
  iv->nSessions = -1;
  switch (iv->s) {
    case SV_INTERNSHIP:
      iv->nHours = nWeeks * 20;
      iv->nCost = (nWeeks * 500 / 4 + 300) * 100;
      break;
    case SV_FORKLIFT:
      iv->nHours = 12;
      iv->nCost = 35000;
      break;
    case SV_ITALIAN:
      iv->nSessions = nWeeks * 2;
      iv->nHours = nWeeks * 4;
      iv->nCost = iv->nHours * 1500;
      break;
    case SV_HACCP:
      iv->nHours = demo_rng_chance(r, 50) ? 8 : 12;
      iv->nCost = 9000;
      break;
    case SV_SAFETY:
      iv->nHours = demo_rng_chance(r, 70) ? 12 : 16;
      iv->nCost = iv->nHours * 1000;
      break;
    case SV_IT:
      iv->nHours = 40;
      iv->nCost = 40000;
      break;
    case SV_SOFT:
      iv->nHours = 20;
      iv->nCost = 25000;
      break;
    case SV_PSYCH:
      iv->nSessions = demo_rng_range(r, 8, 16);
      iv->nHours = iv->nSessions;
      iv->nCost = iv->nSessions * 5000;
      break;
    case SV_ORIENT:
      iv->nSessions = demo_rng_range(r, 3, 8);
      iv->nHours = iv->nSessions * 2;
      iv->nCost = iv->nHours * 3000;
      break;
    default: /* home education, home care: two visits of two hours a week */
      iv->nSessions = nWeeks * 2;
      iv->nHours = nWeeks * 4;
      iv->nCost = iv->nHours * (iv->s == SV_HOME_EDU ? 2400 : 2200);
      break;
  }
}

/* Who receives service s (a member index), among those who can. */
static int pick_receiver(DemoRng *r, const DemoView *v, int s, int iIntern) {
  int aIdx[DEMO_MAX_MEMBER], n = demo_view_receivers(v, s, aIdx);
  if (s == SV_SAFETY && iIntern >= 0) return iIntern;
  if (demo_view_can_receive(v, s, 0)) {
    if (n > 1 && (s == SV_INTERNSHIP || s == SV_FORKLIFT) && demo_rng_chance(r, 15)) return aIdx[1];
    if (s == SV_HOME_CARE && n > 1 && demo_rng_chance(r, 60)) return aIdx[1];
    return 0;
  }
  return aIdx[demo_rng_below(r, n)];
}

/* The interventions of the plan, in catalogue order. */
static int plan_interventions(DemoIntake *p, const Cand *c, PlanIv *a) {
  DemoRng *r = &p->rng;
  int n = 0, iIntern = -1, aIdx[DEMO_MAX_MEMBER];
  char zSafetyEnd[11] = "";
  static const int aOrder[SV_COUNT] = {SV_SAFETY,    SV_INTERNSHIP, SV_FORKLIFT, SV_ITALIAN,
                                       SV_HACCP,     SV_HOME_EDU,   SV_IT,       SV_SOFT,
                                       SV_HOME_CARE, SV_PSYCH,      SV_ORIENT};
  if (c->mPlan & (1u << SV_INTERNSHIP)) iIntern = pick_receiver(r, &c->v, SV_INTERNSHIP, -1);
  for (int k = 0; k < SV_COUNT; k++) {
    int s = aOrder[k];
    if (!(c->mPlan & (1u << s))) continue;
    int nRecv = demo_view_receivers(&c->v, s, aIdx), nFor = 1;
    int aFor[DEMO_MAX_MEMBER] = {s == SV_INTERNSHIP ? iIntern
                                                    : pick_receiver(r, &c->v, s, iIntern)};
    if (s == SV_HOME_EDU) { /* every minor, three at most */
      nFor = nRecv > 3 ? 3 : nRecv;
      memcpy(aFor, aIdx, sizeof aFor);
    } else if (s == SV_ITALIAN && aFor[0] == 0 && nRecv > 1 && demo_rng_chance(r, 30)) {
      aFor[nFor++] = aIdx[1];
    }
    for (int j = 0; j < nFor && n < MAX_IV; j++) {
      PlanIv *iv = &a[n++];
      memset(iv, 0, sizeof *iv);
      iv->s = s;
      iv->iMember = aFor[j];
      provider(p, c, s, iv);
      int bAfterSafety = s == SV_INTERNSHIP && zSafetyEnd[0];
      schedule(
          r, c, bAfterSafety ? zSafetyEnd : c->zAgreed,
          bAfterSafety ? demo_rng_range(r, 3, 10) : demo_rng_range(r, 3, c->iRound == 1 ? 30 : 14),
          iv);
      if (s == SV_SAFETY && iv->iMember == (iIntern < 0 ? 0 : iIntern))
        memcpy(zSafetyEnd, iv->zEnd, 11);
    }
  }
  return n;
}

/* An objective of the project.  Objectives follow the themes of the
** interventions, in this order: 0 work, 1 the children, 2 the language,
** 3 well-being and the home, 4 autonomy with local services. */
typedef struct PlanObj {
  int iMember;
  const char *zText, *zIndicator;
  char zTarget[11];
} PlanObj;

static int theme_of(int s) {
  switch (s) {
    case SV_HOME_EDU:
      return 1;
    case SV_ITALIAN:
      return 2;
    case SV_PSYCH:
    case SV_HOME_CARE:
      return 3;
    case SV_ORIENT:
      return 4;
    default:
      return 0; /* work */
  }
}

static void objective_text(int iTheme, unsigned mPlan, PlanObj *o) {
  static const char *const az[5][2] = {
      {"Ottenere gli attestati professionali richiesti dalle aziende",
       "Attestati dei corsi conseguiti"},
      {"Sostenere il percorso scolastico e la socializzazione dei figli minori",
       "Frequenza regolare e rapporti costanti con la scuola"},
      {"Migliorare la conoscenza dell'italiano per muoversi in autonomia",
       "Livello A2 raggiunto al termine del corso"},
      {"Rafforzare il benessere psicologico e la fiducia in sé",
       "Partecipazione regolare ai colloqui di sostegno"},
      {"Conoscere i servizi del territorio e gestire da sé le pratiche",
       "Pratiche con gli uffici pubblici seguite in autonomia"},
  };
  o->zText = az[iTheme][0];
  o->zIndicator = az[iTheme][1];
  if (iTheme == 0 && (mPlan & (1u << SV_INTERNSHIP))) {
    o->zText = "Fare un'esperienza di lavoro con un tirocinio e acquisire competenze spendibili";
    o->zIndicator = "Tirocinio concluso con valutazione positiva del tutor aziendale";
  } else if (iTheme == 3 && !(mPlan & (1u << SV_PSYCH))) {
    o->zText = "Migliorare la gestione della casa e della vita quotidiana";
    o->zIndicator = "Obiettivi concordati con l'operatrice domiciliare raggiunti";
  }
}

/* One to three objectives, one per theme of the interventions. */
static int plan_objectives(const Cand *c, const PlanIv *aIv, int nIv, PlanObj *aObj) {
  int n = 0;
  for (int iTheme = 0; iTheme < 5 && n < 3; iTheme++) {
    int bFound = 0;
    PlanObj *o = &aObj[n];
    for (int i = 0; i < nIv; i++) {
      if (theme_of(aIv[i].s) != iTheme) continue;
      if (!bFound) {
        o->iMember = iTheme == 1 ? 0 : aIv[i].iMember; /* the children's: the parent's aim */
        memcpy(o->zTarget, aIv[i].zEnd, 11);
        bFound = 1;
      } else if (strcmp(aIv[i].zEnd, o->zTarget) > 0) {
        memcpy(o->zTarget, aIv[i].zEnd, 11);
      }
    }
    if (!bFound) continue;
    objective_text(iTheme, c->mPlan, o);
    n++;
  }
  return n;
}

/* The snapshot of the project as planned in aIv/aObj (ids from aIvId/aObjId). */
static const char *snapshot(DemoIntake *p, const Cand *c, int64_t iProject, int iVersion,
                            const char *zCommitments, const PlanIv *aIv, const int64_t *aIvId,
                            int nIv, const PlanObj *aObj, const int64_t *aObjId, int nObj,
                            const char *zAt) {
  Arena *a = &p->scratch;
  Project pr = {0};
  pr.id = iProject;
  pr.iCase = c->kase.id;
  pr.zState = "agreed";
  pr.iVersion = iVersion;
  pr.zCommitments = zCommitments;
  pr.zAgreedOn = c->zAgreed;
  pr.zUpdatedAt = zAt;
  pr.aObjective = arena_alloc(a, (size_t)(nObj ? nObj : 1) * sizeof *pr.aObjective);
  pr.aIntervention = arena_alloc(a, (size_t)(nIv ? nIv : 1) * sizeof *pr.aIntervention);
  for (int i = 0; i < nObj; i++) {
    Objective *o = &pr.aObjective[pr.nObjective++];
    o->id = aObjId[i];
    o->iPerson = c->aId[aObj[i].iMember];
    o->zPersonName = member_name(a, &c->v, aObj[i].iMember);
    o->zText = aObj[i].zText;
    o->zIndicator = aObj[i].zIndicator;
    o->zTargetOn = arena_strdup(a, aObj[i].zTarget);
  }
  for (int i = 0; i < nIv; i++) {
    const PlanIv *s = &aIv[i];
    Intervention *iv = &pr.aIntervention[pr.nIntervention++];
    iv->id = aIvId[i];
    iv->iService = p->aService[s->s];
    iv->zServiceCode = demo_azService[s->s];
    iv->zServiceName = p->azServiceName[s->s];
    iv->zServiceKind = p->azServiceKind[s->s];
    iv->iPerson = c->aId[s->iMember];
    iv->zPersonName = member_name(a, &c->v, s->iMember);
    iv->iOrganisation = s->iOrg;
    iv->zOrganisation = name_of(p->aOrg, p->nOrg, s->iOrg);
    iv->iOperator = s->iOperator;
    iv->zOperator = s->iOperator ? name_of(p->aUser, p->nUser, s->iOperator) : 0;
    iv->zPlannedStart = arena_strdup(a, s->zStart);
    iv->zPlannedEnd = arena_strdup(a, s->zEnd);
    iv->iPlannedHours = s->nHours;
    iv->iPlannedSessions = s->nSessions;
    iv->iEstimatedCostCents = s->nCost;
    iv->iStream = p->aStream[c->iStream].id;
    iv->zStreamCode = p->aStream[c->iStream].zCode;
    iv->zStatus = "active";
  }
  /* the same read in English, as project.c stores versions */
  Project prEn = pr;
  prEn.aIntervention = arena_alloc(a, (size_t)(nIv ? nIv : 1) * sizeof *pr.aIntervention);
  for (int i = 0; i < nIv; i++) {
    prEn.aIntervention[i] = pr.aIntervention[i];
    prEn.aIntervention[i].zServiceName = p->azServiceNameEn[aIv[i].s];
  }
  return project_snapshot_langs(a, &pr, &prEn);
}

/* A revision after the agreement (version 2): the internship moved from
** the participant to an adult child, or (round 1) postponed by the
** pandemic.  Changes aIv/aObj in place; the reason, or NULL for none. */
static const char *revise(DemoIntake *p, const Cand *c, PlanIv *aIv, int nIv, PlanObj *aObj,
                          int nObj, char zOn[11]) {
  DemoRng *r = &p->rng;
  const RoundCal *cal = demo_intake_cal(c->iRound);
  int aIdx[DEMO_MAX_MEMBER], nRecv = demo_view_receivers(&c->v, SV_INTERNSHIP, aIdx);
  int64_t iEnd = demo_day_of(cal->zEnd), iOn = demo_day_of(c->zAgreed) + demo_rng_range(r, 20, 60);
  date_from_days(iOn > iEnd - 5 ? iEnd - 5 : iOn, zOn);
  for (int i = 0; i < nIv; i++) {
    PlanIv *iv = &aIv[i];
    if (iv->s != SV_INTERNSHIP) continue;
    if (iv->iMember == 0 && nRecv > 1 && aIdx[1] != 0 && demo_rng_chance(r, 70)) {
      int iChild = aIdx[1];
      iv->iMember = iChild;
      if (nObj > 0 && aObj[0].iMember == 0) aObj[0].iMember = iChild; /* the work objective */
      return c->v.h->aMember[iChild].cGender == 'F'
                 ? "Il progetto si concentra sulla figlia maggiorenne: il tirocinio passa a lei, "
                   "che ha più possibilità di essere assunta."
                 : "Il progetto si concentra sul figlio maggiorenne: il tirocinio passa a lui, "
                   "che ha più possibilità di essere assunto.";
    }
    if (c->iRound == 1 && demo_rng_chance(r, 10)) {
      int64_t iShift = demo_rng_range(r, 30, 60), iStart = demo_day_of(iv->zStart) + iShift;
      int64_t iStop = demo_day_of(iv->zEnd) + iShift;
      if (iStart > iEnd - 10) iStart = iEnd - 10;
      date_from_days(iStart, iv->zStart);
      date_from_days(iStop > iEnd ? iEnd : iStop, iv->zEnd);
      if (strcmp(zOn, iv->zStart) >= 0) date_from_days(iStart - 1, zOn);
      return "Tirocinio rinviato per l'emergenza sanitaria: l'azienda ospitante ha sospeso "
             "gli inserimenti.";
    }
    return 0;
  }
  return 0;
}

static int write_objectives(Db *db, int64_t iProject, const Cand *c, const PlanObj *a, int n,
                            int64_t *aId) {
  for (int i = 0; i < n; i++) {
    aId[i] =
        db_int(db, 0,
               "INSERT INTO project_objective(project_id, person_id, text, indicator,"
               " target_on) VALUES ($1,$2,$3,$4,$5) RETURNING id",
               "iittt", iProject, c->aId[a[i].iMember], a[i].zText, a[i].zIndicator, a[i].zTarget);
    if (!aId[i]) return DB_ERROR;
  }
  return 0;
}

/* The interventions, and the operators' access to whom they serve: one
** case_operator row per operator and person, as project.c keeps them. */
static int write_interventions(Db *db, DemoIntake *p, int64_t iProject, const Cand *c,
                               const PlanIv *a, int n, int64_t *aId, const char *zAt) {
  for (int i = 0; i < n; i++) {
    const PlanIv *iv = &a[i];
    aId[i] = db_int(db, 0,
                    "INSERT INTO intervention(agency_id, project_id, service_id, person_id,"
                    " organisation_id, operator_id, planned_start, planned_end, planned_hours,"
                    " planned_sessions, estimated_cost_cents, funding_stream_id, status,"
                    " created_at, updated_at) VALUES ($1,$2,$3,$4,NULLIF(CAST($5 AS BIGINT),0),"
                    "NULLIF(CAST($6 AS BIGINT),0),$7,$8,$9,NULLIF(CAST($10 AS BIGINT),-1),$11,$12,"
                    "'active',$13,$13) RETURNING id",
                    "iiiiiittiiiit", p->pStaff->iAgency, iProject, p->aService[iv->s],
                    c->aId[iv->iMember], iv->iOrg, iv->iOperator, iv->zStart, iv->zEnd,
                    (int64_t)iv->nHours, (int64_t)iv->nSessions, iv->nCost,
                    p->aStream[c->iStream].id, zAt);
    if (!aId[i]) return DB_ERROR;
  }
  return db_exec(db,
                 "INSERT INTO case_operator(case_id, user_id, person_id)"
                 " SELECT DISTINCT j.case_id, i.operator_id, i.person_id"
                 " FROM intervention i JOIN project j ON j.id=i.project_id"
                 " WHERE j.id=$1 AND i.operator_id IS NOT NULL AND i.status<>'cancelled'",
                 "i", iProject);
}

static int write_version(Db *db, int64_t iProject, int iVersion, const char *zReason,
                         const char *zSnapshot, const char *zAt, int64_t iBy) {
  if (!zSnapshot) return DB_ERROR;
  return db_exec(db,
                 "INSERT INTO project_version(project_id, version, reason, snapshot, created_at,"
                 " created_by) VALUES ($1,$2,$3,$4,$5,$6)",
                 "iittti", iProject, (int64_t)iVersion, zReason, zSnapshot, zAt, iBy);
}

/* The agreed project of a participant: objectives, interventions,
** version 1 and, for a few, version 2. */
int demo_project_write(Db *db, DemoIntake *p, const Cand *c) {
  Arena *a = &p->scratch;
  PlanIv aIv[MAX_IV], aIv1[MAX_IV];
  PlanObj aObj[3], aObj1[3];
  int64_t aIvId[MAX_IV], aObjId[3];
  int nIv = plan_interventions(p, c, aIv);
  int nObj = plan_objectives(c, aIv, nIv, aObj);
  memcpy(aIv1, aIv, sizeof aIv);
  memcpy(aObj1, aObj, sizeof aObj);
  char zV2[11];
  const char *zReason = revise(p, c, aIv, nIv, aObj, nObj, zV2);
  const char *zCommit = DEMO_PICK(&p->rng, azCommitments);
  const char *zAgreedAt = demo_stamp(a, c->zAgreed, 11, 0),
             *zV2At = zReason ? demo_stamp(a, zV2, 15, 30) : 0;
  int64_t iProject =
      db_int(db, 0,
             "INSERT INTO project(agency_id, case_id, state, version, commitments,"
             " agreed_on, created_at, updated_at) VALUES ($1,$2,'agreed',$3,$4,$5,"
             "$6,$7) RETURNING id",
             "iiitttt", p->pStaff->iAgency, c->kase.id, (int64_t)(zReason ? 2 : 1), zCommit,
             c->zAgreed, demo_stamp(a, c->azSecond[0], 10, 30), zReason ? zV2At : zAgreedAt);
  if (!iProject) return DB_ERROR;
  int rc = write_objectives(db, iProject, c, aObj, nObj, aObjId);
  if (!rc)
    rc = write_interventions(db, p, iProject, c, aIv, nIv, aIvId, zReason ? zV2At : zAgreedAt);
  if (!rc)
    rc = write_version(
        db, iProject, 1, 0,
        snapshot(p, c, iProject, 1, zCommit, aIv1, aIvId, nIv, aObj1, aObjId, nObj, zAgreedAt),
        zAgreedAt, c->kase.iCaseManager);
  if (!rc && zReason)
    rc = write_version(
        db, iProject, 2, zReason,
        snapshot(p, c, iProject, 2, zCommit, aIv, aIvId, nIv, aObj, aObjId, nObj, zV2At), zV2At,
        c->kase.iCaseManager);
  return rc;
}
