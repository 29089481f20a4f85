/*
** demo_intake.c — the intake of `ali demo` (see demo_intake.h): for every
** participant a candidacy that reached an agreed project, and beside
** them the candidates who left.  Texts are short invented Italian
** sentences from small tables; any likeness to real people is chance.
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
** and among the participants a few whose screening suggested otherwise
** and whom the social worker took in with a reason (an override): 2% of
** round 1 and 6% of round 2 with a suspected addiction or psychiatric
** need, already followed by the specialised service; 1% and 5% whose
** main need was a job.  A few agreed projects are revised (version 2):
** an internship moved from the participant to an adult child (the
** pilot's story of the father and his daughter), or an internship of
** round 1 postponed by the pandemic.
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
#include "../domain/project.h"
#include "../lib/arena.h"
#include "../lib/date.h"
#include "../lib/mem.h"

/* ---- the pilot's figures ---- */

enum {
  SV_INTERNSHIP,
  SV_FORKLIFT,
  SV_ITALIAN,
  SV_HACCP,
  SV_SAFETY,
  SV_HOME_EDU,
  SV_IT,
  SV_SOFT,
  SV_HOME_CARE,
  SV_PSYCH,
  SV_ORIENT,
  SV_COUNT
};

/* Services activated per round in the pilot (DOMAIN.md); -1 not active. */
static const struct {
  const char *zCode;
  int aPilot[2];
} aSvc[SV_COUNT] = {
    {"internship", {43, 12}},    {"forklift", {21, 19}},    {"italian_l2", {27, 13}},
    {"haccp", {46, 17}},         {"safety", {68, 39}},      {"home_education", {47, 19}},
    {"it_training", {-1, 29}},   {"soft_skills", {-1, 9}},  {"home_care", {5, 4}},
    {"psych_support", {34, 12}}, {"orientation", {17, 12}},
};

/* The order services are placed in: the ones few households can take
** first; safety last, to give a service to whoever has none yet. */
static const int aPlanOrder[SV_COUNT] = {SV_HOME_EDU,  SV_ITALIAN, SV_INTERNSHIP, SV_FORKLIFT,
                                         SV_HOME_CARE, SV_IT,      SV_SOFT,       SV_PSYCH,
                                         SV_ORIENT,    SV_HACCP,   SV_SAFETY};

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

/* The profile a candidate is drawn with. */
enum { PR_NORMAL, PR_ADDICTION, PR_MENTAL, PR_JOB_ONLY };

/* ---- phrase tables ---- */

#define NA(az) (int)(sizeof(az) / sizeof *(az))
#define PICK(r, az) (az)[demo_rng_below(r, NA(az))]

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
static const char *const azCommitments[] = {
    "Frequentare con regolarità corsi e tirocinio; avvisare il case manager in caso di assenza.",
    "Partecipare agli incontri concordati e collaborare con gli operatori.",
    "Tenere i contatti con la scuola dei figli e con l'assistente sociale.",
    "Rispettare orari e impegni del progetto; comunicare ogni cambiamento.",
    "Partecipare ai colloqui di verifica ogni mese.",
};
static const char *const azOther[] = {
    "Debiti pregressi con il gestore dell'alloggio.",
    "Familiare detenuto.",
    "Documenti di soggiorno in rinnovo.",
};

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
  if (strcmp(zReason, "expected_benefit") == 0) return PICK(r, azBenefit);
  if (strcmp(zReason, "found_job") == 0) return PICK(r, azJob);
  if (strcmp(zReason, "health") == 0) return PICK(r, azHealth);
  if (strcmp(zReason, "not_interested") == 0) return PICK(r, azNot);
  if (strcmp(zReason, "moved_away") == 0)
    return "Trasferimento in un'altra regione presso parenti.";
  if (strcmp(zReason, "family") == 0) return "Deve assistere un familiare malato.";
  return "Motivi personali non precisati.";
}

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

static int chance(DemoRng *r, int iPercent) { return demo_rng_below(r, 100) < iPercent; }
static int range(DemoRng *r, int lo, int hi) { return lo + demo_rng_below(r, hi - lo + 1); }

static int64_t day_of(const char *z) {
  int y, m, d;
  if (date_parse(z, &y, &m, &d)) return 0;
  return date_days(y, m, d);
}

/* "YYYY-MM-DDThh:mm:00Z" of a date and a time of day. */
static const char *stamp(Arena *a, const char *zDate, int iHour, int iMin) {
  return arena_printf(a, "%sT%02d:%02d:00Z", zDate, iHour, iMin);
}

static const char *name_of(const Named *a, int n, int64_t id) {
  for (int i = 0; i < n; i++) {
    if (a[i].id == id) return a[i].zName;
  }
  return 0;
}

/* ---- the household as the intake sees it ---- */

typedef struct View {
  const DemoHousehold *h;
  int aAge[DEMO_MAX_MEMBER];
} View;

static void view_init(View *v, const DemoHousehold *h, const char *zOn) {
  v->h = h;
  for (int i = 0; i < h->nMember; i++) v->aAge[i] = age_at(h->aMember[i].zBirth, zOn);
}

static int is_rel(const View *v, int i, const char *zRel) {
  return strcmp(v->h->aMember[i].zRelationship, zRel) == 0;
}

static int born_abroad(const View *v, int i) {
  const char *z = v->h->aMember[i].zBirthCountry;
  return z[0] && strcmp(z, "IT") != 0;
}

/* The participant is a single mother with children (DOMAIN.md). */
static int single_mother(const View *v) {
  if (v->h->aMember[0].cGender != 'F') return 0;
  int bChild = 0;
  for (int i = 1; i < v->h->nMember; i++) {
    if (is_rel(v, i, "partner")) return 0;
    if (is_rel(v, i, "child") && v->aAge[i] >= 0 && v->aAge[i] < 18) bChild = 1;
  }
  return bChild;
}

/* Member i could receive service s. */
static int can_receive(const View *v, int s, int i) {
  int iAge = v->aAge[i];
  switch (s) {
    case SV_INTERNSHIP:
      return (i == 0 && iAge <= 62) || (is_rel(v, i, "child") && iAge >= 18 && iAge <= 30);
    case SV_FORKLIFT:
      return (i == 0 && iAge <= 60) || (is_rel(v, i, "partner") && iAge >= 18 && iAge <= 60);
    case SV_ITALIAN:
      return iAge >= 16 && born_abroad(v, i);
    case SV_HOME_EDU:
      return i > 0 && iAge >= 3 && iAge <= 17;
    case SV_HOME_CARE:
      return i == 0 || (is_rel(v, i, "parent") && iAge >= 65);
    case SV_SAFETY:
      return i == 0 || (is_rel(v, i, "child") && iAge >= 18 && iAge <= 30);
    default:
      return i == 0;
  }
}

/* The members who could receive s, into aIdx; how many. */
static int receivers(const View *v, int s, int *aIdx) {
  int n = 0;
  for (int i = 0; i < v->h->nMember; i++) {
    if (can_receive(v, s, i)) aIdx[n++] = i;
  }
  return n;
}

static unsigned eligible_mask(const View *v) {
  int aIdx[DEMO_MAX_MEMBER];
  unsigned m = 0;
  for (int s = 0; s < SV_COUNT; s++) {
    if (receivers(v, s, aIdx)) m |= 1u << s;
  }
  return m;
}

/* ---- drawing the participants and planning their services ---- */

void demo_intake_draw(DemoRng *r, int iRound, char zEntry[11], DemoHousehold *h) {
  const RoundCal *c = &aCal[iRound - 1];
  date_from_days(day_of(c->zEntryFrom) + demo_rng_below(r, c->nEntryDays), zEntry);
  demo_household(r, iRound, zEntry, h);
}

int demo_intake_round_cap(int iRound, int64_t n) {
  const RoundCal *c = &aCal[iRound - 1];
  int64_t nCap = (n * c->nCap + c->nPilot - 1) / c->nPilot;
  return nCap < 1 ? 1 : nCap > 2000000000 ? 2000000000 : (int)nCap;
}

static int64_t scaled(int k, int64_t n, int nPilot) { return (k * n + nPilot / 2) / nPilot; }

int64_t demo_intake_leaver_count(int iRound, int64_t n) {
  int64_t nAll = 0;
  for (int k = 0; k < N_LEAVER; k++)
    nAll += scaled(aLeaver[k].aPilot[iRound - 1], n, aCal[iRound - 1].nPilot);
  return nAll;
}

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
    int iPilot = aSvc[s].aPilot[iRound - 1];
    if (iPilot < 0) continue;
    int64_t nTarget = scaled(iPilot, n, aCal[iRound - 1].nPilot), nCand = 0;
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
  View v;
  for (int64_t i = 0; i < p->nPeople; i++) {
    char zEntry[11];
    demo_intake_draw(&r, i < p->nRound1 ? 1 : 2, zEntry, &h);
    view_init(&v, &h, zEntry);
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
    p->aService[s] = service_find(db, iAgency, aSvc[s].zCode);
    if (!p->aService[s] || service_get(db, &p->a, iAgency, p->aService[s], &sv)) {
      fprintf(stderr, "ali: demo intake: no service %s in the catalogue\n", aSvc[s].zCode);
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

/* ---- one candidate ---- */

typedef struct Cand {
  View v;
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

static const char *member_name(Arena *a, const View *v, int i) {
  return arena_printf(a, "%s %s", v->h->aMember[i].zFirst, v->h->aMember[i].zLast);
}

/* The funding stream: round 2 only fondo_poverta (minimum income); round
** 1 fondo_poverta for most minimum-income households, else the PON.
** Checked with the stream's own rule, so the demo cannot break it. */
static int choose_stream(DemoIntake *p, Cand *c) {
  const DemoPerson *m = &c->v.h->aMember[0];
  c->iStream = c->iRound == 2 || (m->bMinimumIncome && chance(&p->rng, 70)) ? 0 : 1;
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
    f->iEducationIsced = chance(r, 75) ? 3 : 6;
    f->zLabourStatus = "unemployed";
    f->iUnemployedMonths = range(r, 2, 12);
    return;
  }
  f->iEducationIsced = demo_rng_weighted(r, born_abroad(&c->v, 0) ? aIscedAbroad : aIscedIt, 9);
  int k = demo_rng_below(r, 100);
  f->zLabourStatus = k < 80 ? "unemployed" : k < 93 ? "inactive" : "employed";
  f->iUnemployedMonths = k < 80 ? range(r, 3, 60) : -1;
}

/* Vulnerabilities consistent with the person and the plan. */
static void draw_vulnerabilities(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  const View *v = &c->v;
  f->nVulnerability = 0;
  if (born_abroad(v, 0)) add_vuln(f, "foreign_origin");
  if (single_mother(v)) add_vuln(f, "single_parent");
  if (strcmp(f->zLabourStatus, "unemployed") == 0) add_vuln(f, "unemployment");
  if (c->eProfile == PR_JOB_ONLY) return;
  int bCare = 0;
  for (int i = 1; i < v->h->nMember; i++) {
    if ((v->aAge[i] >= 0 && v->aAge[i] < 14) || (is_rel(v, i, "parent") && v->aAge[i] >= 75))
      bCare = 1;
  }
  if (chance(r, v->h->nMember == 1 ? 45 : 12)) add_vuln(f, "relational_poverty");
  if (chance(r, f->iEducationIsced <= 2 ? 65 : 15)) add_vuln(f, "low_skills");
  if (bCare && chance(r, 55)) add_vuln(f, "care_duties");
  if (chance(r, 15)) add_vuln(f, "housing");
  if (chance(r, (c->mPlan & (1u << SV_PSYCH)) ? 85 : 7)) add_vuln(f, "psych_fragility");
  if (chance(r, 3)) {
    add_vuln(f, "other");
    f->zVulnerabilityOther = PICK(r, azOther);
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
  int iAge = c->v.aAge[0], bAbroad = born_abroad(&c->v, 0);
  switch (k) {
    case 0:
      return has_vuln(f, "psych_fragility") ? range(r, 1, 2) : range(r, 2, 3);
    case 1:
      return has_vuln(f, "single_parent") || has_vuln(f, "care_duties") ||
                     has_vuln(f, "relational_poverty")
                 ? range(r, 1, 2)
                 : range(r, 2, 3);
    case 2:
      return c->v.h->aMember[0].bMinimumIncome ? range(r, 1, 2) : range(r, 1, 3);
    case 3: {
      int e = f->iEducationIsced;
      return e <= 1 ? 1 : e == 2 ? 2 : e <= 4 ? 3 : 4;
    }
    case 4:
      return range(r, 1, 3);
    case 6:
      if (!bAbroad) return 4;
      return (c->mPlan & (1u << SV_ITALIAN)) ? range(r, 1, 2) : range(r, 2, 4);
    case 5:
      return bAbroad ? range(r, 2, 3) : range(r, 2, 4);
    case 7:
      return iAge >= 55 ? range(r, 1, 2) : range(r, 1, 3);
    case 8:
      return f->iUnemployedMonths > 24 ? 1 : range(r, 1, 3);
    case 9:
      return range(r, 2, 3);
    default:
      return range(r, 2, 4);
  }
}

static void draw_scores(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  f->nScore = EMPLOYABILITY_AREAS;
  for (int k = 0; k < EMPLOYABILITY_AREAS; k++) {
    int s = c->eProfile == PR_JOB_ONLY ? (k == 6 ? 4 : chance(r, 60) ? 3 : 4) : area_score(r, c, k);
    if (c->eProfile == PR_JOB_ONLY && k == 3) s = f->iEducationIsced >= 5 ? 4 : 3;
    f->aScore[k].zArea = azAreaCode[k];
    f->aScore[k].iScore = s;
    f->aScore[k].zDescriptor = azDescriptor[k][s - 1];
  }
}

static void draw_texts(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  f->zPastWork = c->eProfile == PR_JOB_ONLY ? PICK(r, azPastWorkStable) : PICK(r, azPastWork);
  f->zSkills = PICK(r, azSkills);
  f->zWorkDifficulties = PICK(r, azDifficulties);
  f->zAspirations = PICK(r, azAspirations);
}

/* The services the first interview thought of: the project's (or, for
** who left, a few the household could take), with a change or two. */
static void draw_form_services(DemoRng *r, Cand *c) {
  AccessForm *f = &c->form;
  int aIdx[DEMO_MAX_MEMBER], n = 0;
  unsigned m = c->mPlan;
  if (!m || chance(r, 25)) { /* one the second interview will not keep */
    int s = demo_rng_below(r, SV_COUNT);
    if (aSvc[s].aPilot[c->iRound - 1] >= 0 && receivers(&c->v, s, aIdx)) m |= 1u << s;
  }
  if (!m) m = 1u << SV_SAFETY;
  if (c->mPlan && __builtin_popcount(c->mPlan) > 1 && chance(r, 20)) {
    m &= ~(1u << __builtin_ctz(c->mPlan)); /* one added later */
    if (!m) m = c->mPlan;
  }
  for (int s = 0; s < SV_COUNT; s++) {
    if (m & (1u << s)) c->azService[n++] = aSvc[s].zCode;
  }
  f->azService = c->azService;
  f->nService = n;
}

/* The form of the first interview, screened; zDecision is what the social
** worker decides (an override when the rules suggested otherwise). */
static void draw_form(DemoIntake *p, Cand *c, const char *zDecision) {
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

static int write_candidacy(Db *db, DemoIntake *p, const Cand *c, const char *zStage,
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
      if (strcmp(aSvc[s].zCode, f->azService[i]) == 0) iService = p->aService[s];
    }
    rc = db_exec(db, "INSERT INTO access_form_service(case_id, service_id) VALUES ($1,$2)", "ii",
                 iCase, iService);
  }
  return rc;
}

/* The form with its outcome (zOutcome on zOutcomeOn). */
static int write_form(Db *db, DemoIntake *p, const Cand *c, const char *zOutcome,
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
      zOutcomeOn, stamp(a, f->zInterviewOn, 9, 30), stamp(a, zOutcomeOn, 12, 15));
  return rc ? rc : write_form_lists(db, p, c->kase.id, f);
}

static int write_second_interviews(Db *db, DemoIntake *p, const Cand *c) {
  int rc = 0;
  for (int i = 0; !rc && i < c->nSecond; i++) {
    rc = db_exec(db,
                 "INSERT INTO second_interview(agency_id, case_id, held_on, case_manager_id,"
                 " notes, created_at) VALUES ($1,$2,$3,$4,$5,$6)",
                 "iititt", p->pStaff->iAgency, c->kase.id, c->azSecond[i], c->kase.iCaseManager,
                 PICK(&p->rng, azSecondNotes), stamp(&p->scratch, c->azSecond[i], 10, 0));
  }
  return rc;
}

/* ---- the project ---- */

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
  const RoundCal *cal = &aCal[c->iRound - 1];
  int64_t iEnd = day_of(cal->zEnd), iStart = day_of(zFrom) + iLead;
  int nLong = range(r, cal->aCourseDays[0], cal->aCourseDays[1]), nDays;
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
      nDays = range(r, 30, 60);
      break;
    case SV_SOFT:
    case SV_ORIENT:
      nDays = range(r, 20, 45);
      break;
    default:
      nDays = range(r, 4, 14);
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
      iv->nHours = chance(r, 50) ? 8 : 12;
      iv->nCost = 9000;
      break;
    case SV_SAFETY:
      iv->nHours = chance(r, 70) ? 12 : 16;
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
      iv->nSessions = range(r, 8, 16);
      iv->nHours = iv->nSessions;
      iv->nCost = iv->nSessions * 5000;
      break;
    case SV_ORIENT:
      iv->nSessions = range(r, 3, 8);
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
static int pick_receiver(DemoRng *r, const View *v, int s, int iIntern) {
  int aIdx[DEMO_MAX_MEMBER], n = receivers(v, s, aIdx);
  if (s == SV_SAFETY && iIntern >= 0) return iIntern;
  if (can_receive(v, s, 0)) {
    if (n > 1 && (s == SV_INTERNSHIP || s == SV_FORKLIFT) && chance(r, 15)) return aIdx[1];
    if (s == SV_HOME_CARE && n > 1 && chance(r, 60)) return aIdx[1];
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
    int nRecv = receivers(&c->v, s, aIdx), nFor = 1;
    int aFor[DEMO_MAX_MEMBER] = {s == SV_INTERNSHIP ? iIntern
                                                    : pick_receiver(r, &c->v, s, iIntern)};
    if (s == SV_HOME_EDU) { /* every minor, three at most */
      nFor = nRecv > 3 ? 3 : nRecv;
      memcpy(aFor, aIdx, sizeof aFor);
    } else if (s == SV_ITALIAN && aFor[0] == 0 && nRecv > 1 && chance(r, 30)) {
      aFor[nFor++] = aIdx[1];
    }
    for (int j = 0; j < nFor && n < MAX_IV; j++) {
      PlanIv *iv = &a[n++];
      memset(iv, 0, sizeof *iv);
      iv->s = s;
      iv->iMember = aFor[j];
      provider(p, c, s, iv);
      int bAfterSafety = s == SV_INTERNSHIP && zSafetyEnd[0];
      schedule(r, c, bAfterSafety ? zSafetyEnd : c->zAgreed,
               bAfterSafety ? range(r, 3, 10) : range(r, 3, c->iRound == 1 ? 30 : 14), iv);
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
    iv->zServiceCode = aSvc[s->s].zCode;
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
  const RoundCal *cal = &aCal[c->iRound - 1];
  int aIdx[DEMO_MAX_MEMBER], nRecv = receivers(&c->v, SV_INTERNSHIP, aIdx);
  int64_t iEnd = day_of(cal->zEnd), iOn = day_of(c->zAgreed) + range(r, 20, 60);
  date_from_days(iOn > iEnd - 5 ? iEnd - 5 : iOn, zOn);
  for (int i = 0; i < nIv; i++) {
    PlanIv *iv = &aIv[i];
    if (iv->s != SV_INTERNSHIP) continue;
    if (iv->iMember == 0 && nRecv > 1 && aIdx[1] != 0 && chance(r, 70)) {
      int iChild = aIdx[1];
      iv->iMember = iChild;
      if (nObj > 0 && aObj[0].iMember == 0) aObj[0].iMember = iChild; /* the work objective */
      return c->v.h->aMember[iChild].cGender == 'F'
                 ? "Il progetto si concentra sulla figlia maggiorenne: il tirocinio passa a lei, "
                   "che ha più possibilità di essere assunta."
                 : "Il progetto si concentra sul figlio maggiorenne: il tirocinio passa a lui, "
                   "che ha più possibilità di essere assunto.";
    }
    if (c->iRound == 1 && chance(r, 10)) {
      int64_t iShift = range(r, 30, 60), iStart = day_of(iv->zStart) + iShift;
      int64_t iStop = day_of(iv->zEnd) + iShift;
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
static int write_project(Db *db, DemoIntake *p, const Cand *c) {
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
  const char *zCommit = PICK(&p->rng, azCommitments);
  const char *zAgreedAt = stamp(a, c->zAgreed, 11, 0), *zV2At = zReason ? stamp(a, zV2, 15, 30) : 0;
  int64_t iProject =
      db_int(db, 0,
             "INSERT INTO project(agency_id, case_id, state, version, commitments,"
             " agreed_on, created_at, updated_at) VALUES ($1,$2,'agreed',$3,$4,$5,"
             "$6,$7) RETURNING id",
             "iiitttt", p->pStaff->iAgency, c->kase.id, (int64_t)(zReason ? 2 : 1), zCommit,
             c->zAgreed, stamp(a, c->azSecond[0], 10, 30), zReason ? zV2At : zAgreedAt);
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

/* ---- participants ---- */

/* The dates before the agreement, backwards: the last second interview,
** maybe an earlier one, the first interview, the shortlist. */
static void participant_dates(DemoRng *r, Cand *c) {
  const RoundCal *cal = &aCal[c->iRound - 1];
  int64_t i2 = day_of(c->zAgreed) - range(r, cal->aGap[3][0], cal->aGap[3][1]);
  c->nSecond = chance(r, 40) ? 2 : 1;
  int64_t i1 = c->nSecond == 2 ? i2 - range(r, cal->aGap[2][0], cal->aGap[2][1]) : i2;
  int64_t iFirst = i1 - range(r, cal->aGap[1][0], cal->aGap[1][1]);
  int64_t iShort = iFirst - range(r, cal->aGap[0][0], cal->aGap[0][1]);
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
  if (k < aRefer[c->iRound - 1]) return chance(r, 50) ? PR_ADDICTION : PR_MENTAL;
  if (k < aRefer[c->iRound - 1] + aJob[c->iRound - 1] && !born_abroad(&c->v, 0) &&
      !single_mother(&c->v) && !(c->mPlan & mNotJob))
    return PR_JOB_ONLY;
  return PR_NORMAL;
}

static int fail(Db *db, const char *zWhat, int rc) {
  if (rc) fprintf(stderr, "ali: demo intake, %s: %s\n", zWhat, db_errmsg(db));
  return rc;
}

int demo_intake_participant(DemoIntake *p, Db *db, int64_t i, const DemoHousehold *h,
                            const int64_t *aId, const char *zEntry) {
  Cand c;
  memset(&c, 0, sizeof c);
  c.iRound = i < p->nRound1 ? 1 : 2;
  c.aId = aId;
  c.mPlan = p->aPlan[i];
  view_init(&c.v, h, zEntry);
  memcpy(c.zAgreed, zEntry, 11);
  participant_dates(&p->rng, &c);
  c.eProfile = participant_profile(&p->rng, &c);
  int bPsy = (c.mPlan & (1u << SV_PSYCH)) || c.eProfile == PR_MENTAL || chance(&p->rng, 45);
  int rc = demo_staff_case(db, p->pStaff, &p->rng, aId[0], c.zShort, bPsy, 1, &c.kase);
  if (!rc) rc = choose_stream(p, &c);
  if (!rc) {
    draw_form(p, &c, "suitable");
    rc = fail(db, "candidacy", write_candidacy(db, p, &c, "agreed", 0, 0, 0));
  }
  if (!rc) rc = fail(db, "access form", write_form(db, p, &c, "continue", c.zFirst));
  if (!rc) rc = fail(db, "second interview", write_second_interviews(db, p, &c));
  if (!rc) rc = fail(db, "project", write_project(db, p, &c));
  arena_free(&p->scratch);
  return rc;
}

/* ---- the candidates who left ---- */

/* The kind (index in aLeaver) of the i-th candidate who left round iRound. */
static int leaver_kind(const DemoIntake *p, int iRound, int64_t i) {
  int64_t n = iRound == 1 ? p->nRound1 : p->nPeople - p->nRound1;
  for (int k = 0; k < N_LEAVER; k++) {
    int64_t nKind = scaled(aLeaver[k].aPilot[iRound - 1], n, aCal[iRound - 1].nPilot);
    if (i < nKind) return k;
    i -= nKind;
  }
  return N_LEAVER - 1;
}

void demo_intake_leaver_draw(DemoIntake *p, int iRound, int64_t i, DemoHousehold *h) {
  const RoundCal *cal = &aCal[iRound - 1];
  int bJobOnly = aLeaver[leaver_kind(p, iRound, i)].eKind == LK_JOB_ONLY;
  int nWindow = iRound == 1 ? 180 : 40;
  for (int t = 0; t < 100; t++) {
    date_from_days(day_of(cal->zStart) + demo_rng_below(&p->rngLeaver, nWindow), p->zLeaverShort);
    demo_household(&p->rngLeaver, iRound, p->zLeaverShort, h);
    View v;
    view_init(&v, h, p->zLeaverShort);
    /* needing a job only: no vulnerability but unemployment */
    if (!bJobOnly || (!born_abroad(&v, 0) && !single_mother(&v))) break;
  }
}

static const char *not_suitable_note(DemoRng *r, int eProfile) {
  static const char *const azAddiction[] = {
      "Uso problematico di alcol emerso al colloquio: invio al SerD per una valutazione.",
      "Gioco d'azzardo riferito dal nucleo: invio al SerD.",
  };
  if (eProfile == PR_ADDICTION) return PICK(r, azAddiction);
  if (eProfile == PR_MENTAL)
    return "Sintomi che richiedono una valutazione psichiatrica: invio al Centro di salute "
           "mentale.";
  return "Profilo autonomo: serve soprattutto un lavoro; indirizzato al Centro per l'impiego.";
}

static int write_referral(Db *db, DemoIntake *p, const Cand *c, const char *zReason) {
  const char *zKind = c->form.zReferralKind;
  int bAddiction = zKind ? strcmp(zKind, "addiction") == 0 : c->eProfile == PR_ADDICTION;
  const char *zAt = stamp(&p->scratch, c->zExit, 12, 30);
  return db_exec(db,
                 "INSERT INTO referral(agency_id, case_id, person_id, organisation_id, reason,"
                 " status, created_at, created_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$7)",
                 "iiiittti", p->pStaff->iAgency, c->kase.id, c->aId[0],
                 bAddiction ? p->iSerd : p->iCsm, zReason,
                 chance(&p->rng, 60) ? "accepted" : "sent", zAt, c->kase.iSocialWorker);
}

/* The dates and exit of a candidate who left as aLeaver[k] says. */
static void leaver_dates(DemoRng *r, Cand *c, int eKind) {
  const RoundCal *cal = &aCal[c->iRound - 1];
  int64_t iFirst = day_of(c->zShort) + range(r, cal->aGap[0][0], cal->aGap[0][1]), iExit = iFirst;
  date_from_days(iFirst, c->zFirst);
  c->bContinued = eKind == LK_WD_BETWEEN || eKind == LK_WD_SECOND;
  if (eKind == LK_WD_BETWEEN) iExit = iFirst + range(r, 4, 20);
  if (eKind == LK_WD_SECOND) {
    int64_t iSecond = iFirst + range(r, cal->aGap[1][0], cal->aGap[1][1]);
    date_from_days(iSecond, c->azSecond[0]);
    c->nSecond = 1;
    iExit = iSecond + range(r, 3, 15);
  }
  date_from_days(iExit, c->zExit);
}

static int leaver_write(Db *db, DemoIntake *p, Cand *c, int k) {
  int eKind = aLeaver[k].eKind;
  if (eKind <= LK_JOB_ONLY) {
    const char *zNote = not_suitable_note(&p->rng, c->eProfile);
    int rc =
        write_candidacy(db, p, c, "not_suitable", c->form.zDecision, zNote, c->kase.iSocialWorker);
    if (!rc) rc = write_form(db, p, c, "not_suitable", c->zExit);
    if (!rc && strcmp(c->form.zDecision, "refer") == 0) rc = write_referral(db, p, c, zNote);
    return rc;
  }
  const char *zReason = aLeaver[k].zReason, *zNote = withdrawal_note(&p->rng, zReason);
  int64_t iBy = eKind == LK_WD_SECOND ? c->kase.iCaseManager : c->kase.iSocialWorker;
  int rc = write_candidacy(db, p, c, "withdrew", zReason, zNote, iBy);
  if (!rc) rc = write_form(db, p, c, eKind == LK_WD_FIRST ? "withdrew" : "continue", c->zFirst);
  if (!rc) rc = write_second_interviews(db, p, c);
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
  view_init(&c.v, h, c.zShort);
  c.eProfile = eKind <= LK_JOB_ONLY ? aProfile[eKind] : PR_NORMAL;
  leaver_dates(&p->rng, &c, eKind);
  int bCoop = eKind == LK_WD_SECOND || (eKind == LK_WD_BETWEEN && chance(&p->rng, 50));
  int bPsy = c.eProfile == PR_ADDICTION || c.eProfile == PR_MENTAL || chance(&p->rng, 45);
  int rc = demo_staff_case(db, p->pStaff, &p->rng, aId[0], c.zShort, bPsy, bCoop, &c.kase);
  if (!rc) rc = choose_stream(p, &c);
  if (!rc) {
    draw_form(p, &c, eKind <= LK_JOB_ONLY ? azDecision[eKind] : "suitable");
    rc = fail(db, "candidate who left", leaver_write(db, p, &c, k));
  }
  arena_free(&p->scratch);
  return rc;
}
