/*
** demo_register.c — the activity register of `ali demo`'s cases (see
** demo_delivery_common.h): 5 to 25 entries per case between the agreement
** and the evaluation (meetings, calls, home visits, e-mails, school
** meetings, team meetings, notes), by the case manager, the social worker
** holding the case that day or the intervention's operator, a few
** restricted (the psychotherapist's).
*/
#include "demo_delivery_common.h"

static const char *const azActivity[AK_COUNT] = {
    "meeting", "phone_call", "home_visit", "email", "school_meeting", "team_meeting", "note"};
static const char *const azActivityText[AK_COUNT][4] = {
    {"Colloquio di verifica: il percorso procede, obiettivi confermati.",
     "Incontro con la partecipante e l'operatrice per rivedere gli orari.",
     "Colloquio sul tirocinio: soddisfazione per le mansioni assegnate.",
     "Verifica mensile: emersi dubbi sul dopo, si valuta il Centro per l'impiego."},
    {"Telefonata per confermare l'inizio del corso.",
     "Chiamata del tutor aziendale: buon inserimento, qualche ritardo.",
     "Sentita la partecipante dopo due assenze: problemi con i trasporti.",
     "Telefonata all'assistente sociale per la domanda di contributo affitto."},
    {"Visita domiciliare: la casa è in ordine, i bambini seguiti.",
     "Visita con l'educatrice: organizzati gli spazi per i compiti.",
     "Visita domiciliare per conoscere il resto del nucleo.",
     "Visita: il servizio domiciliare è ora accettato volentieri."},
    {"Inviata la relazione trimestrale all'assistente sociale.",
     "Mail all'ente di formazione per l'iscrizione al corso.",
     "Mail all'azienda ospitante con il calendario delle presenze.",
     "Scambio di mail con la scuola sugli orari del doposcuola."},
    {"Incontro con gli insegnanti: frequenza regolare, lieve calo in matematica.",
     "Colloquio a scuola con la madre e l'educatrice.",
     "Incontro con la dirigente per il trasporto scolastico.",
     "Consiglio di classe: apprezzati i progressi nella socializzazione."},
    {"Caso discusso in équipe: confermato il progetto.",
     "Équipe settimanale: si anticipa la verifica del tirocinio.",
     "In équipe si concorda di coinvolgere il Centro per l'impiego.",
     "Équipe: aggiornamento sulla situazione abitativa."},
    {"Nota: la partecipante chiede di spostare gli incontri al pomeriggio.",
     "Nota: consegnati i documenti per il rinnovo del permesso di soggiorno.",
     "Nota: aggiornato il curriculum.", "Nota: ricevuto l'attestato del corso."},
};
static const char *const azRestricted[] = {
    "Riferiti episodi di tensione in famiglia: concordato un colloquio con la psicoterapeuta.",
    "Emersa una fragilità psicologica da monitorare; informata la psicoterapeuta.",
    "Situazione debitoria riservata: non condividere con l'azienda ospitante.",
};

int demo_register_activity(Ctx *x, const PCase *k, int64_t iDay, int64_t iAuthor, int e,
                           int64_t iIv, int bRestricted, const char *zText, const int64_t *aMember,
                           int nMember) {
  static const int aMin[AK_COUNT][2] = {{30, 90}, {5, 20},  {45, 120}, {5, 15},
                                        {45, 90}, {10, 20}, {5, 10}};
  int64_t id = db_int(x->db, 0,
                      "INSERT INTO activity(agency_id, case_id, on_date, author_id, kind, minutes,"
                      " intervention_id, confidentiality, text, created_at) VALUES ($1,$2,$3,$4,$5,"
                      "$6,NULLIF(CAST($7 AS BIGINT),0),$8,$9,$10) RETURNING id",
                      "iititiittt", x->st->iAgency, k->id, dt(iDay).z, iAuthor, azActivity[e],
                      (int64_t)demo_rng_range(&x->rng, aMin[e][0], aMin[e][1]), iIv,
                      bRestricted ? "restricted" : "normal", zText, st_at(iDay, 18, 15).z);
  int rc = id ? 0 : DB_ERROR;
  for (int i = 0; !rc && i < nMember; i++) {
    if (i > 0 && aMember[i] == aMember[0]) continue;
    rc = db_exec(x->db, "INSERT INTO activity_member(activity_id, person_id) VALUES ($1,$2)", "ii",
                 id, aMember[i]);
  }
  return rc;
}

/* 5 to 25 entries between the agreement and the evaluation. */
int demo_register_write(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iLast) {
  static const int aWeight[AK_COUNT] = {20, 30, 12, 15, 6, 7, 10};
  DemoRng *r = &x->rng;
  int n = demo_rng_range(r, 5, k->iRound == 1 ? 25 : 15), rc = 0;
  int bEdu = 0;
  for (int i = 0; i < k->nIv; i++) bEdu |= b->aIv[k->iIv + i].s == SV_HOME_EDU;
  for (int i = 0; !rc && i < n; i++) {
    int64_t d = k->iAgreed + (int64_t)demo_rng_below(r, (int)max64(iLast - k->iAgreed, 1));
    int e = demo_rng_weighted(r, aWeight, AK_COUNT);
    if (e == AK_SCHOOL && !bEdu) e = AK_MEETING;
    int64_t iAuthor = k->iCm ? k->iCm : k->iSocial, iIv = 0;
    int64_t aMember[2] = {k->iPerson, 0};
    int nMember = demo_rng_chance(r, 80) ? 1 : 0;
    const PIv *v = k->nIv ? &b->aIv[k->iIv + demo_rng_below(r, k->nIv)] : 0;
    if (e == AK_TEAM || (e == AK_VISIT && demo_rng_chance(r, 40)))
      iAuthor = demo_social_on(x, k, f, d);
    if ((e == AK_SCHOOL || e == AK_VISIT || e == AK_PHONE) && v && v->iOperator && v->path.iStart &&
        demo_rng_chance(r, 50)) {
      iAuthor = v->iOperator;
      iIv = v->id;
      aMember[0] = v->iPerson;
      nMember = 1;
    }
    if (k->nMem > 1 && demo_rng_chance(r, 25)) aMember[nMember++] = b->aMem[k->iMem + 1];
    int bRestricted = demo_rng_chance(r, 5);
    const char *zText = bRestricted ? DEMO_PICK(r, azRestricted) : DEMO_PICK(r, azActivityText[e]);
    if (bRestricted && k->iPsy) iAuthor = k->iPsy;
    rc = demo_register_activity(x, k, d, iAuthor, e, iIv, bRestricted, zText, aMember, nMember);
  }
  return rc;
}
