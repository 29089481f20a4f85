/*
** demo_requests.c — the requests of `ali demo`'s households (see
** demo_delivery_common.h): zero to four per case, raised after the
** agreement, acknowledged and resolved in working days, most within the
** agency's targets (request_targets) and some late.
*/
#include "../lib/workdays.h"
#include "demo_delivery_common.h"

static const char *const azKind[RK_COUNT] = {"rent",   "documents", "school",
                                             "health", "emergency", "other"};

static const char *const azRequest[RK_COUNT][2][2] = {
    {{"Arretrati di due mesi d'affitto, il proprietario minaccia lo sfratto.",
      "Chiesto il contributo affitto del Comune; sollecito al proprietario."},
     {"Bolletta del gas scaduta, chiede aiuto per una rateizzazione.",
      "Attivata la rateizzazione con il gestore e il fondo morosità incolpevole."}},
    {{"Permesso di soggiorno in scadenza: serve aiuto per il rinnovo.",
      "Fissato l'appuntamento in Questura e preparati i documenti."},
     {"Carta d'identità smarrita, serve per iniziare il tirocinio.",
      "Accompagnata all'anagrafe: nuova carta richiesta."}},
    {{"Il figlio non ha più il posto sullo scuolabus.",
      "Contattato l'ufficio scuola del Comune: posto ripristinato."},
     {"Iscrizione alla scuola media da completare.",
      "Iscrizione completata insieme all'educatrice."}},
    {{"Chiede una visita specialistica urgente per il figlio.",
      "Prenotata la visita tramite il medico di base."},
     {"Esenzione dal ticket scaduta.",
      "Rinnovata l'esenzione per reddito al distretto sanitario."}},
    {{"Riscaldamento staccato in casa con bambini piccoli.",
      "Intervento del servizio sociale: allaccio ripristinato in giornata."},
     {"Nucleo senza spesa per la settimana.", "Attivati i buoni spesa e il pacco della Caritas."}},
    {{"Chiede informazioni sul dopo il progetto.",
      "Spiegati i servizi del Centro per l'impiego e fissato un incontro."},
     {"Vorrebbe un corso di patente B.",
      "Indicata l'autoscuola convenzionata e le agevolazioni del Comune."}},
};

/* A timestamp n working days (n >= 0) after day d, not before iAfter
** (a timestamp's seconds); *piDay gets the day. */
static StampText answer_at(Ctx *x, int64_t d, int n, int64_t iAfterDay, int iAfterHour,
                           int64_t *piDay) {
  int64_t e = workdays_add_n(d, n);
  int h = demo_rng_range(&x->rng, 9, 17);
  if (e < iAfterDay) e = iAfterDay;
  if (e == iAfterDay && h <= iAfterHour) h = iAfterHour + 1;
  if (h > 23) {
    e = workdays_add_n(e + 1, 0);
    h = 9;
  }
  *piDay = e;
  return st_at(e, h, demo_rng_range(&x->rng, 0, 59));
}

/* Zero to four requests, raised after the agreement and answered. */
int demo_requests_write(Ctx *x, const PCase *k, const Fate *f, int64_t iLast) {
  static const int aCount[5] = {25, 30, 25, 12, 8};
  static const int aWeight[RK_COUNT] = {20, 25, 15, 15, 5, 20};
  DemoRng *r = &x->rng;
  int n = demo_rng_weighted(r, aCount, 5), rc = 0;
  if (iLast - k->iAgreed < 40) n = n > 1 ? 1 : n;
  for (int i = 0; !rc && i < n; i++) {
    int e = demo_rng_weighted(r, aWeight, RK_COUNT), j = demo_rng_below(r, 2);
    int64_t d = k->iAgreed + 3 + demo_rng_below(r, (int)max64(iLast - k->iAgreed - 45, 1));
    int hRaised = demo_rng_range(r, 9, 16);
    int64_t iSocial = demo_social_on(x, k, f, d);
    int64_t iAssignee = e == RK_SCHOOL || e == RK_OTHER ? (k->iCm ? k->iCm : iSocial) : iSocial;
    int bParticipant = demo_rng_chance(r, 70);
    int64_t iRaisedBy =
        bParticipant || demo_rng_chance(r, 50) ? (k->iCm ? k->iCm : iSocial) : iSocial;
    int nAck = demo_rng_chance(r, 8) ? x->aAck[e] + demo_rng_range(r, 1, 4)
                                     : demo_rng_range(r, 0, x->aAck[e]);
    int nRes = demo_rng_chance(r, 12) ? x->aRes[e] + demo_rng_range(r, 1, 8)
                                      : demo_rng_range(r, x->aAck[e], x->aRes[e]);
    int64_t iAckDay, iResDay;
    StampText zAck = answer_at(x, d, nAck, d, hRaised, &iAckDay);
    StampText zRes = answer_at(x, d, nRes > nAck ? nRes : nAck, iAckDay, 17, &iResDay);
    rc = db_exec(x->db,
                 "INSERT INTO request(agency_id, case_id, kind, raised_by_participant, raised_by,"
                 " assignee_id, text, raised_at, acknowledged_at, acknowledged_by, resolved_at,"
                 " resolved_by, resolution) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$6,$10,$6,$11)",
                 "iitiiitttt"
                 "t",
                 x->st->iAgency, k->id, azKind[e], (int64_t)bParticipant, iRaisedBy, iAssignee,
                 azRequest[e][j][0], st_at(d, hRaised, demo_rng_range(r, 0, 59)).z, zAck.z, zRes.z,
                 azRequest[e][j][1]);
  }
  return rc;
}
