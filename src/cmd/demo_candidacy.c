/*
** demo_candidacy.c — a candidacy of `ali demo`'s intake up to its project
** (see demo_intake_common.h): the candidate's funding stream, the Access
** and Evaluation Form of the first interview (labour status,
** vulnerabilities consistent with the household and the plan, the
** employability scores, the services thought of) screened with
** screening_suggest() on the database's rules, the case row with the
** stage and its dates, the form's rows and the second interviews.
** Texts are short invented Italian sentences from small tables; any
** likeness to real people is chance.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "demo_intake_common.h"

/* ---- phrase tables ---- */

static const char *const azAreaCode[EMPLOYABILITY_AREAS] = {
    "personal", "family",  "economic",  "education",   "training", "communication",
    "italian",  "digital", "contracts", "transversal", "mobility",
};
static const char *const azDescriptor[EMPLOYABILITY_AREAS][4] = {
    {"Condizioni personali molto fragili", "Alcune difficoltà personali da sostenere",
     "Condizioni personali nel complesso stabili", "Buone condizioni personali e motivazione"},
    {"Rete familiare assente o conflittuale", "Rete debole, pesanti carichi di cura",
     "Rete familiare presente", "Rete familiare solida e di supporto"},
    {"Nessun reddito stabile, debiti", "Reddito insufficiente, sostegni pubblici",
     "Reddito modesto ma regolare", "Situazione economica adeguata"},
    {"Nessun titolo o titolo non riconosciuto", "Licenza media", "Diploma di scuola superiore",
     "Titolo universitario"},
    {"Nessuna formazione professionale", "Formazione scarsa o datata",
     "Qualche corso professionale recente", "Qualifiche professionali spendibili"},
    {"Grande difficoltà a relazionarsi", "Comunicazione incerta con gli estranei",
     "Si esprime in modo adeguato", "Ottime capacità comunicative"},
    {"Non parla italiano", "Italiano di base, frasi semplici",
     "Italiano buono, incerto nello scritto", "Madrelingua o piena padronanza"},
    {"Non usa strumenti digitali", "Usa lo smartphone solo per messaggi",
     "Usa posta e servizi online con aiuto", "Autonomia con computer e servizi online"},
    {"Mai avuto un contratto regolare", "Solo lavori saltuari o irregolari",
     "Contratti a termine ripetuti", "Esperienze di lavoro stabili"},
    {"Fatica a rispettare orari e impegni", "Puntualità e autonomia da consolidare",
     "Affidabile, lavora bene in gruppo", "Iniziativa e capacità organizzative"},
    {"Non si sposta da solo", "Solo a piedi o con mezzi vicini a casa", "Usa i mezzi pubblici",
     "Patente e mezzo proprio"},
};
static const char *const azPastWork[] = {
    "Pulizie in un'impresa di servizi, con contratti brevi.",
    "Lavori stagionali nella ristorazione sul litorale.",
    "Magazzino con contratti a termine fino al 2019.",
    "Assistenza familiare a una persona anziana per tre anni.",
    "Edilizia, lavoro interrotto dopo un infortunio.",
    "Vendita in un negozio di abbigliamento.",
    "Lavoro agricolo nel paese d'origine.",
    "Nessuna esperienza di lavoro regolare.",
    "Aiuto cucina in una mensa aziendale.",
    "Facchinaggio e traslochi, in modo saltuario.",
    "Cassa in un supermercato fino al 2020.",
    "Piccoli lavori di sartoria a domicilio.",
};
static const char *const azPastWorkStable[] = {
    "Dieci anni da magazziniere, azienda chiusa nel 2020.",
    "Impiego amministrativo a tempo indeterminato fino alla crisi dell'azienda.",
    "Autista di furgoni per consegne, contratto scaduto da poco.",
    "Operaio metalmeccanico specializzato, in cassa integrazione poi licenziato.",
};
static const char *const azSkills[] = {
    "Cucina, cura della casa, assistenza alle persone anziane.",
    "Uso del carrello elevatore, senza patentino.",
    "Buona manualità, piccola manutenzione.",
    "Parla arabo e francese, un po' di italiano.",
    "Patente B, conosce bene la zona.",
    "Videoscrittura e posta elettronica.",
    "Vendita e contatto con il pubblico.",
    "Giardinaggio e cura del verde.",
    "Cucito e piccole riparazioni.",
    "Pulizie professionali e uso dei macchinari.",
};
static const char *const azDifficulties[] = {
    "Orari da conciliare con l'uscita dei figli da scuola.",
    "Non può sollevare pesi per problemi alla schiena.",
    "Difficoltà con la lingua scritta.",
    "Poca autonomia negli spostamenti fuori città.",
    "Ansia nei colloqui di lavoro.",
    "Nessuno a cui affidare i figli.",
    "Fatica a rispettare gli orari.",
    "Nessuna difficoltà particolare riferita.",
    "Poca dimestichezza con gli strumenti digitali.",
    "Turni serali non sostenibili.",
};
static const char *const azAspirations[] = {
    "Lavorare nella ristorazione.",
    "Un lavoro stabile in magazzino.",
    "Prendere la patente.",
    "Aprire un piccolo laboratorio di sartoria.",
    "Lavorare nell'assistenza agli anziani.",
    "Migliorare l'italiano per trovare lavoro.",
    "Conseguire il diploma di scuola superiore.",
    "Il patentino del muletto e un lavoro nella logistica.",
    "Lavorare nel commercio.",
    "Più tempo per sé e per i figli.",
};
static const char *const azSecondNotes[] = {
    "Primo incontro con il case manager: presentati i servizi, raccolte le aspettative.",
    "Approfondite competenze e interessi; scelti i corsi più adatti.",
    "Incontro con la famiglia per organizzare il servizio educativo.",
    "Rivisto il progetto ipotizzato al primo colloquio.",
    "Concordati tempi e orari compatibili con i carichi di cura.",
    "Verificata la disponibilità di aziende per un tirocinio vicino a casa.",
};
static const char *const azOther[] = {
    "Debiti pregressi con il gestore dell'alloggio.",
    "Familiare detenuto.",
    "Documenti di soggiorno in rinnovo.",
};

/* Why the social worker decided zDecision against suggestion zScreening. */
static const char *override_reason(int eProfile, const char *zDecision) {
  if (strcmp(zDecision, "suitable") == 0) {
    if (eProfile == PR_ADDICTION)
      return "Dipendenza pregressa già seguita dal SerD e stabile: il servizio concorda "
             "sulla partecipazione.";
    if (eProfile == PR_MENTAL)
      return "Già seguito dal Centro di salute mentale, che ritiene utile il percorso: si "
             "procede insieme allo specialista.";
    return "Al colloquio emergono isolamento e sfiducia che i punteggi non mostrano: il "
           "percorso può aiutare.";
  }
  if (strcmp(zDecision, "refer") == 0)
    return "Al colloquio emergono bisogni che richiedono prima il servizio specialistico.";
  return "Ha soprattutto bisogno di un lavoro: indirizzato al Centro per l'impiego.";
}

/* ---- the form ---- */

/* The funding stream: round 2 only fondo_poverta (minimum income); round
** 1 fondo_poverta for most minimum-income households, else the PON.
** Checked with the stream's own rule, so the demo cannot break it. */
int demo_candidacy_stream(DemoIntake *p, Cand *c) {
  const DemoPerson *m = &c->v.h->aMember[0];
  c->iStream = c->iRound == 2 || (m->bMinimumIncome && demo_rng_chance(&p->rng, 70)) ? 0 : 1;
  Person per = {0};
  per.zBirthDate = m->zBirth;
  per.zMunicipality = c->v.h->zMunicipality;
  per.iMinimumIncome = m->bMinimumIncome;
  const char *zWhy = 0;
  if (!stream_rule_check(&p->aStream[c->iStream], &per, c->zShort, &zWhy)) {
    fprintf(stderr, "ali: demo intake: stream %s refuses a candidate: %s\n",
            p->aStream[c->iStream].zCode, zWhy);
    return DB_ERROR;
  }
  return 0;
}

static void add_vuln(AccessForm *f, const char *z) {
  for (int i = 0; i < f->nVulnerability; i++) {
    if (strcmp(f->azVulnerability[i], z) == 0) return;
  }
  if (f->nVulnerability < VULNERABILITY_MAX) f->azVulnerability[f->nVulnerability++] = z;
}

/* Education and labour status at entry. */
static void draw_labour(DemoRng *r, Cand *c) {
  static const int aIscedIt[9] = {0, 5, 45, 38, 4, 0, 8, 0, 0};
  static const int aIscedAbroad[9] = {8, 14, 30, 35, 0, 0, 13, 0, 0};
  AccessForm *f = &c->form;
  if (c->eProfile == PR_JOB_ONLY) {
    f->iEducationIsced = demo_rng_chance(r, 75) ? 3 : 6;
    f->zLabourStatus = "unemployed";
    f->iUnemployedMonths = demo_rng_range(r, 2, 12);
    return;
  }
  f->iEducationIsced =
      demo_rng_weighted(r, demo_view_born_abroad(&c->v, 0) ? aIscedAbroad : aIscedIt, 9);
  int k = demo_rng_below(r, 100);
  f->zLabourStatus = k < 80 ? "unemployed" : k < 93 ? "inactive" : "employed";
  f->iUnemployedMonths = k < 80 ? demo_rng_range(r, 3, 60) : -1;
}

/* Vulnerabilities consistent with the person and the plan. */
static void draw_vulnerabilities(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  const DemoView *v = &c->v;
  f->nVulnerability = 0;
  if (demo_view_born_abroad(v, 0)) add_vuln(f, "foreign_origin");
  if (demo_view_single_mother(v)) add_vuln(f, "single_parent");
  if (strcmp(f->zLabourStatus, "unemployed") == 0) add_vuln(f, "unemployment");
  if (c->eProfile == PR_JOB_ONLY) return;
  int bCare = 0;
  for (int i = 1; i < v->h->nMember; i++) {
    if ((v->aAge[i] >= 0 && v->aAge[i] < 14) ||
        (demo_view_is_rel(v, i, "parent") && v->aAge[i] >= 75))
      bCare = 1;
  }
  if (demo_rng_chance(r, v->h->nMember == 1 ? 45 : 12)) add_vuln(f, "relational_poverty");
  if (demo_rng_chance(r, f->iEducationIsced <= 2 ? 65 : 15)) add_vuln(f, "low_skills");
  if (bCare && demo_rng_chance(r, 55)) add_vuln(f, "care_duties");
  if (demo_rng_chance(r, 15)) add_vuln(f, "housing");
  if (demo_rng_chance(r, (c->mPlan & (1u << SV_PSYCH)) ? 85 : 7)) add_vuln(f, "psych_fragility");
  if (demo_rng_chance(r, 3)) {
    add_vuln(f, "other");
    f->zVulnerabilityOther = DEMO_PICK(r, azOther);
  }
  if (c->eProfile == PR_ADDICTION) add_vuln(f, "suspected_addiction");
  if (c->eProfile == PR_MENTAL) {
    add_vuln(f, "suspected_psychiatric");
    add_vuln(f, "psych_fragility");
  }
  int nOther = f->nVulnerability;
  for (int i = 0; i < f->nVulnerability; i++)
    nOther -= strcmp(f->azVulnerability[i], "unemployment") == 0;
  if (nOther == 0) add_vuln(f, f->iEducationIsced <= 3 ? "low_skills" : "relational_poverty");
}

static int has_vuln(const AccessForm *f, const char *z) {
  for (int i = 0; i < f->nVulnerability; i++) {
    if (strcmp(f->azVulnerability[i], z) == 0) return 1;
  }
  return 0;
}

/* The score of area k, from what the form says of the person. */
static int area_score(DemoRng *r, const Cand *c, int k) {
  const AccessForm *f = &c->form;
  int iAge = c->v.aAge[0], bAbroad = demo_view_born_abroad(&c->v, 0);
  switch (k) {
    case 0:
      return has_vuln(f, "psych_fragility") ? demo_rng_range(r, 1, 2) : demo_rng_range(r, 2, 3);
    case 1:
      return has_vuln(f, "single_parent") || has_vuln(f, "care_duties") ||
                     has_vuln(f, "relational_poverty")
                 ? demo_rng_range(r, 1, 2)
                 : demo_rng_range(r, 2, 3);
    case 2:
      return c->v.h->aMember[0].bMinimumIncome ? demo_rng_range(r, 1, 2) : demo_rng_range(r, 1, 3);
    case 3: {
      int e = f->iEducationIsced;
      return e <= 1 ? 1 : e == 2 ? 2 : e <= 4 ? 3 : 4;
    }
    case 4:
      return demo_rng_range(r, 1, 3);
    case 6:
      if (!bAbroad) return 4;
      return (c->mPlan & (1u << SV_ITALIAN)) ? demo_rng_range(r, 1, 2) : demo_rng_range(r, 2, 4);
    case 5:
      return bAbroad ? demo_rng_range(r, 2, 3) : demo_rng_range(r, 2, 4);
    case 7:
      return iAge >= 55 ? demo_rng_range(r, 1, 2) : demo_rng_range(r, 1, 3);
    case 8:
      return f->iUnemployedMonths > 24 ? 1 : demo_rng_range(r, 1, 3);
    case 9:
      return demo_rng_range(r, 2, 3);
    default:
      return demo_rng_range(r, 2, 4);
  }
}

static void draw_scores(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  f->nScore = EMPLOYABILITY_AREAS;
  for (int k = 0; k < EMPLOYABILITY_AREAS; k++) {
    int s = c->eProfile == PR_JOB_ONLY ? (k == 6                   ? 4
                                          : demo_rng_chance(r, 60) ? 3
                                                                   : 4)
                                       : area_score(r, c, k);
    if (c->eProfile == PR_JOB_ONLY && k == 3) s = f->iEducationIsced >= 5 ? 4 : 3;
    f->aScore[k].zArea = azAreaCode[k];
    f->aScore[k].iScore = s;
    f->aScore[k].zDescriptor = azDescriptor[k][s - 1];
  }
}

static void draw_texts(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  f->zPastWork =
      c->eProfile == PR_JOB_ONLY ? DEMO_PICK(r, azPastWorkStable) : DEMO_PICK(r, azPastWork);
  f->zSkills = DEMO_PICK(r, azSkills);
  f->zWorkDifficulties = DEMO_PICK(r, azDifficulties);
  f->zAspirations = DEMO_PICK(r, azAspirations);
}

/* The services the first interview thought of: the project's (or, for
** who left, a few the household could take), with a change or two. */
static void draw_form_services(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  int aIdx[DEMO_MAX_MEMBER], n = 0;
  unsigned m = c->mPlan;
  if (!m || demo_rng_chance(r, 25)) { /* one the second interview will not keep */
    int s = demo_rng_below(r, SV_COUNT);
    if (demo_intake_offers(c->iRound, s) && demo_view_receivers(&c->v, s, aIdx)) m |= 1u << s;
  }
  if (!m) m = 1u << SV_SAFETY;
  if (c->mPlan && __builtin_popcount(c->mPlan) > 1 && demo_rng_chance(r, 20)) {
    m &= ~(1u << __builtin_ctz(c->mPlan)); /* one added later */
    if (!m) m = c->mPlan;
  }
  for (int s = 0; s < SV_COUNT; s++) {
    if (m & (1u << s)) c->azService[n++] = demo_azService[s];
  }
  f->azService = c->azService;
  f->nService = n;
}

/* The form of the first interview, screened; zDecision is what the social
** worker decides (an override when the rules suggested otherwise). */
void demo_candidacy_form(DemoIntake *p, Cand *c, const char *zDecision) {
  DemoRng *r = &p->rng;
  AccessForm *f = &c->form;
  memset(f, 0, sizeof *f);
  f->zInterviewOn = c->zFirst;
  f->iSocialWorker = c->kase.iSocialWorker;
  f->iPsychotherapist = c->kase.iPsychotherapist;
  f->bPrivacyNotice = 1;
  f->zPrivacySignedOn = c->zFirst;
  draw_labour(r, c);
  draw_vulnerabilities(r, c);
  draw_scores(r, c);
  draw_texts(r, c);
  draw_form_services(r, c);
  f->zScreening = screening_suggest(p->aRule, p->nRule, f, &c->pRule);
  f->zReferralKind = c->pRule ? c->pRule->zReferralKind : 0;
  f->zDecision = zDecision;
  f->zOverrideReason =
      strcmp(zDecision, f->zScreening) ? override_reason(c->eProfile, zDecision) : 0;
}

/* ---- writing ---- */

int demo_candidacy_write(Db *db, DemoIntake *p, const Cand *c, const char *zStage,
                         const char *zExitReason, const char *zExitNote, int64_t iExitBy) {
  const DemoCase *k = &c->kase;
  return db_exec(db,
                 "UPDATE case_file SET round_id=$2, funding_stream_id=$3, stage=$4,"
                 " shortlisted_on=$5, shortlisted_by=$6, first_interview_on=$7,"
                 " second_interview_on=$8, agreed_on=$9, exit_on=$10, exit_reason=$11,"
                 " exit_note=$12, exit_by=NULLIF(CAST($13 AS BIGINT),0) WHERE id=$1",
                 "iiittitttttti", k->id, p->aRound[c->iRound - 1], p->aStream[c->iStream].id,
                 zStage, c->zShort, k->iSocialWorker, c->bContinued ? c->zFirst : 0,
                 c->nSecond ? c->azSecond[0] : 0, c->zAgreed[0] ? c->zAgreed : 0,
                 c->zExit[0] ? c->zExit : 0, zExitReason, zExitNote, iExitBy);
}

static int write_scores(Db *db, int64_t iCase, const AccessForm *f) {
  const AreaScore *s = f->aScore;
  return db_exec(db,
                 "INSERT INTO access_form_score(case_id, area, score, descriptor) VALUES"
                 " ($1,'personal',$2,$3),($1,'family',$4,$5),($1,'economic',$6,$7),"
                 "($1,'education',$8,$9),($1,'training',$10,$11),($1,'communication',$12,$13),"
                 "($1,'italian',$14,$15),($1,'digital',$16,$17),($1,'contracts',$18,$19),"
                 "($1,'transversal',$20,$21),($1,'mobility',$22,$23)",
                 "iititititititititititit", iCase, (int64_t)s[0].iScore, s[0].zDescriptor,
                 (int64_t)s[1].iScore, s[1].zDescriptor, (int64_t)s[2].iScore, s[2].zDescriptor,
                 (int64_t)s[3].iScore, s[3].zDescriptor, (int64_t)s[4].iScore, s[4].zDescriptor,
                 (int64_t)s[5].iScore, s[5].zDescriptor, (int64_t)s[6].iScore, s[6].zDescriptor,
                 (int64_t)s[7].iScore, s[7].zDescriptor, (int64_t)s[8].iScore, s[8].zDescriptor,
                 (int64_t)s[9].iScore, s[9].zDescriptor, (int64_t)s[10].iScore, s[10].zDescriptor);
}

static int write_form_lists(Db *db, DemoIntake *p, int64_t iCase, const AccessForm *f) {
  int rc = write_scores(db, iCase, f);
  for (int i = 0; !rc && i < f->nVulnerability; i++) {
    const char *z = f->azVulnerability[i];
    rc = db_exec(db,
                 "INSERT INTO access_form_vulnerability(case_id, vulnerability, note)"
                 " VALUES ($1,$2,$3)",
                 "itt", iCase, z, strcmp(z, "other") == 0 ? f->zVulnerabilityOther : 0);
  }
  for (int i = 0; !rc && i < f->nService; i++) {
    int64_t iService = 0;
    for (int s = 0; s < SV_COUNT; s++) {
      if (strcmp(demo_azService[s], f->azService[i]) == 0) iService = p->aService[s];
    }
    rc = db_exec(db, "INSERT INTO access_form_service(case_id, service_id) VALUES ($1,$2)", "ii",
                 iCase, iService);
  }
  return rc;
}

/* The form with its outcome (zOutcome on zOutcomeOn). */
int demo_candidacy_form_write(Db *db, DemoIntake *p, const Cand *c, const char *zOutcome,
                              const char *zOutcomeOn) {
  const AccessForm *f = &c->form;
  Arena *a = &p->scratch;
  int rc = db_exec(
      db,
      "INSERT INTO access_form(case_id, agency_id, interview_on, social_worker_id,"
      " psychotherapist_id, privacy_notice, privacy_signed_on, past_work, skills,"
      " work_difficulties, aspirations, education_isced, labour_status, unemployed_months,"
      " screening, screening_rule_id, decision, override_reason, outcome, outcome_on,"
      " created_at, updated_at) VALUES ($1,$2,$3,$4,NULLIF(CAST($5 AS BIGINT),0),1,$6,$7,$8,$9,"
      "$10,$11,$12,NULLIF(CAST($13 AS BIGINT),-1),$14,NULLIF(CAST($15 AS BIGINT),0),$16,$17,"
      "$18,$19,$20,$21)",
      "iitiitttttitititttttt", c->kase.id, p->pStaff->iAgency, f->zInterviewOn, f->iSocialWorker,
      f->iPsychotherapist, f->zPrivacySignedOn, f->zPastWork, f->zSkills, f->zWorkDifficulties,
      f->zAspirations, (int64_t)f->iEducationIsced, f->zLabourStatus, (int64_t)f->iUnemployedMonths,
      f->zScreening, c->pRule ? c->pRule->id : 0, f->zDecision, f->zOverrideReason, zOutcome,
      zOutcomeOn, demo_stamp(a, f->zInterviewOn, 9, 30), demo_stamp(a, zOutcomeOn, 12, 15));
  return rc ? rc : write_form_lists(db, p, c->kase.id, f);
}

int demo_candidacy_interviews(Db *db, DemoIntake *p, const Cand *c) {
  int rc = 0;
  for (int i = 0; !rc && i < c->nSecond; i++) {
    rc = db_exec(db,
                 "INSERT INTO second_interview(agency_id, case_id, held_on, case_manager_id,"
                 " notes, created_at) VALUES ($1,$2,$3,$4,$5,$6)",
                 "iititt", p->pStaff->iAgency, c->kase.id, c->azSecond[i], c->kase.iCaseManager,
                 DEMO_PICK(&p->rng, azSecondNotes), demo_stamp(&p->scratch, c->azSecond[i], 10, 0));
  }
  return rc;
}
