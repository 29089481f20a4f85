/*
** demo_closing.c — the end of every path of `ali demo` (see
** demo_delivery_common.h): one outcome consistent with what happened
** (employed_host only after a hiring, interrupted or withdrew as the
** path's fate says), the conclusive evaluation with its texts, each
** objective judged, the case closed on the day the evaluation was
** written.
*/
#include <string.h>

#include "demo_delivery_common.h"

/* The outcome of case k from its fate and what its interventions did. */
void demo_closing_outcome(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iHired,
                          const char *zHiredContract, Outcome *o) {
  static const char *const azContract[] = {"fixed_term", "fixed_term", "permanent", "other"};
  DemoRng *r = &x->rng;
  int64_t iLast = k->iAgreed;
  int bTrained = 0, bQualified = 0, bWorkPath = 0;
  for (int i = 0; i < k->nIv; i++) {
    const PIv *v = &b->aIv[k->iIv + i];
    int bTr = demo_service_is_training(v->s);
    iLast = max64(iLast, bTr ? v->iEnded : v->path.iEnd);
    if (bTr && strcmp(v->zStatus, "completed") == 0) bTrained = 1;
    if (bTr && v->bCert && (v->s == SV_FORKLIFT || v->s == SV_ITALIAN)) bQualified = 1;
    if (v->s == SV_INTERNSHIP || bTr) bWorkPath = 1;
  }
  memset(o, 0, sizeof *o);
  o->iOn = iLast;
  if (f->e == FATE_CUT) {
    o->zOutcome = "interrupted";
    o->iOn = f->iCut;
  } else if (f->e == FATE_WITHDREW) {
    o->zOutcome = "withdrew";
    o->iOn = f->iCut;
  } else if (iHired) {
    o->zOutcome = "employed_host";
    o->zContract = zHiredContract;
    o->iOn = iHired;
    o->zNote = "Assunto dall'azienda che lo ha ospitato in tirocinio.";
  } else if (bWorkPath && demo_rng_chance(r, k->iRound == 1 ? 12 : 8)) {
    o->zOutcome = "employed_other";
    o->zContract = DEMO_PICK(r, azContract);
    o->iOn = iLast + demo_rng_range(r, 0, 20);
    o->zNote = "Ha trovato lavoro presso un'altra azienda grazie al curriculum rinnovato.";
  } else if (bQualified && demo_rng_chance(r, 60)) {
    o->zOutcome = "qualification";
  } else if (bTrained) {
    o->zOutcome = "training_completed";
  } else {
    o->zOutcome = "activated";
  }
  o->iOn = max64(o->iOn, k->iAgreed);
  o->iWritten = max64(iLast, o->iOn) + demo_rng_range(r, 3, 20);
}

int demo_closing_write(Ctx *x, const Batch *b, const PCase *k, const Fate *f, const Outcome *o) {
  static const char *const azSkills[] = {
      "Puntualità e rispetto degli orari; uso in sicurezza delle attrezzature.",
      "Maggiore autonomia negli spostamenti e nei rapporti con gli uffici.",
      "Competenze di base nella logistica e nel lavoro di squadra.",
      "Migliorata la conoscenza dell'italiano, anche scritto.",
      "Più fiducia in sé e capacità di presentarsi a un colloquio.",
  };
  static const char *const azIssues[] = {
      "Carichi di cura che hanno reso difficile la frequenza.",
      "Tempi del percorso troppo brevi rispetto ai bisogni.",
      "Risposte lente su casa e documenti nei primi mesi.",
      "Difficoltà con la lingua scritta.",
      "Nessuna criticità rilevante.",
  };
  static const char *const azResources[] = {
      "Rete con la scuola dei figli e con il Centro per l'impiego.",
      "Contatti con aziende del territorio disponibili ad assumere.",
      "Sostegno della rete familiare allargata.",
      "Associazione di volontariato del quartiere.",
  };
  DemoRng *r = &x->rng;
  int rc =
      db_exec(x->db,
              "INSERT INTO evaluation(case_id, agency_id, written_on, author_id,"
              " skills_acquired, critical_issues, resources_activated, outcome, outcome_on,"
              " contract_type, interruption_reason, withdrawal_reason, note, created_at)"
              " VALUES ($1,$2,$3,NULLIF(CAST($4 AS BIGINT),0),$5,$6,$7,$8,$9,$10,$11,$12,$13,"
              "$14)",
              "iitittttttttt"
              "t",
              k->id, x->st->iAgency, dt(o->iWritten).z, k->iCm, DEMO_PICK(r, azSkills),
              f->e == FATE_CUT ? f->zReason : DEMO_PICK(r, azIssues), DEMO_PICK(r, azResources),
              o->zOutcome, dt(o->iOn).z, o->zContract, f->e == FATE_CUT ? f->zInterruption : 0,
              f->e == FATE_WITHDREW ? f->zWithdrawal : 0, o->zNote, st_at(o->iWritten, 16, 0).z);
  static const int aDone[3] = {60, 30, 10}, aCut[3] = {5, 40, 55};
  static const char *const azResult[3] = {"achieved", "partly", "not"};
  for (int i = 0; !rc && i < k->nObj; i++) {
    int j = demo_rng_weighted(r, f->e == FATE_DONE ? aDone : aCut, 3);
    rc = db_exec(x->db, "INSERT INTO objective_result(objective_id, result) VALUES ($1,$2)", "it",
                 b->aObj[k->iObj + i], azResult[j]);
  }
  if (!rc)
    rc = db_exec(x->db, "UPDATE case_file SET closed_at=$2 WHERE id=$1", "it", k->id,
                 st_at(o->iWritten, 16, 0).z);
  return rc;
}
