/*
** demo_interventions.c — how the interventions of `ali demo`'s cases went
** (see demo_delivery_common.h): the fate of each path (completed, cut
** short, withdrawn), each intervention's lifecycle under it (started,
** suspended and resumed in the pandemic's waves, completed, interrupted,
** cancelled where the project holds another of the same service), its
** history in intervention_event, and the sessions of home education,
** home care, psychological support and orientation.
*/
#include <string.h>

#include "demo_delivery_common.h"

/* ---- the lifecycle of one intervention ---- */

static int event(Ctx *x, int64_t id, int64_t iOn, const char *zFrom, const char *zTo,
                 const char *zReason, int64_t iBy) {
  return db_exec(x->db,
                 "INSERT INTO intervention_event(intervention_id, on_date, from_status,"
                 " to_status, reason, user_id, created_at) VALUES ($1,$2,$3,$4,$5,"
                 "NULLIF(CAST($6 AS BIGINT),0),$7)",
                 "ittttit", id, dt(iOn).z, zFrom, zTo, zReason, iBy, st_at(iOn, 17, 30).z);
}

/* The intervention's history (intervention_event) and its row. */
int demo_iv_history(Ctx *x, int64_t id, const IvPath *p) {
  int rc = 0;
  const char *zAt = "planned";
  if (p->iStart) {
    rc = event(x, id, p->iStart, "planned", "active", 0, p->iBy);
    zAt = "active";
  }
  if (!rc && p->iSuspend) {
    rc = event(x, id, p->iSuspend, "active", "suspended", p->zSuspendReason, p->iBy);
    zAt = "suspended";
    if (!rc && p->iResume) {
      rc = event(x, id, p->iResume, "suspended", "active", 0, p->iBy);
      zAt = "active";
    }
  }
  if (!rc) rc = event(x, id, p->iEnd, zAt, p->zEnd, p->zReason, p->iBy);
  const char *zLast = p->zReason ? p->zReason : p->iSuspend ? p->zSuspendReason : 0;
  if (!rc)
    rc = db_exec(x->db,
                 "UPDATE intervention SET status=$2, started_on=$3, ended_on=$4, status_reason=$5,"
                 " updated_at=$6 WHERE id=$1",
                 "ittttt", id, p->zEnd, p->iStart ? dt(p->iStart).z : 0, dt(p->iEnd).z, zLast,
                 st_at(p->iEnd, 17, 30).z);
  return rc;
}

/* ---- the fate of a path ---- */

void demo_iv_fate(Ctx *x, const Batch *b, const PCase *k, Fate *f) {
  static const char *const azWithdrawal[] = {"found_job",      "family",     "health",
                                             "not_interested", "moved_away", "other"};
  DemoRng *r = &x->rng;
  memset(f, 0, sizeof *f);
  int64_t iEnd = x->aEnd[k->iRound - 1], iLatest = k->iAgreed;
  for (int i = 0; i < k->nIv; i++) {
    const PIv *v = &b->aIv[k->iIv + i];
    iLatest =
        max64(iLatest, demo_service_is_training(v->s) ? max64(v->iEnded, v->iStart) : v->iStart);
  }
  int d = demo_rng_below(r, 100);
  int nCut = k->iRound == 1 ? 8 : 30, nWithdrew = k->iRound == 1 ? 6 : 5;
  f->bHandover = k->iRound == 1 && k->iFirst < x->iHandover - 7 && demo_rng_chance(r, 35);
  if (d >= nCut + nWithdrew) return;
  if (k->iRound == 2 && d < 24) {
    f->e = FATE_CUT;
    f->zInterruption = "round_ended";
    f->zReason = "Fine dell'edizione: percorso interrotto.";
    f->iCut = iEnd;
    return;
  }
  f->iCut = demo_rng_range(r, (int)(iLatest + 7), (int)iEnd);
  if (f->iCut > iEnd) return; /* nothing left to cut: the path ends as planned */
  if (d < nCut) {
    static const char *const az[][2] = {
        {"moved_away", "Trasferimento del nucleo in un altro comune."},
        {"health", "Ricovero ospedaliero e lunga convalescenza."},
        {"unsuitable", "Bisogni emersi che richiedono il servizio specialistico."},
        {"other", "Interruzione concordata con il servizio sociale."},
    };
    int j = demo_rng_below(r, DEMO_N(az));
    f->e = FATE_CUT;
    f->zInterruption = az[j][0];
    f->zReason = az[j][1];
  } else {
    f->e = FATE_WITHDREW;
    f->zWithdrawal = DEMO_PICK(r, azWithdrawal);
    f->zReason = "Ritiro dal percorso.";
  }
}

/* A project holds another intervention of service s than v (which then
** may be cancelled without changing the services activated). */
static int has_other(const Batch *b, const PCase *k, const PIv *v) {
  for (int i = 0; i < k->nIv; i++) {
    const PIv *w = &b->aIv[k->iIv + i];
    if (w != v && w->s == v->s && w->path.zEnd && strcmp(w->path.zEnd, "cancelled") != 0) return 1;
  }
  return 0;
}

/* How a non-training intervention went, under fate f. */
void demo_iv_plan(Ctx *x, const Batch *b, const PCase *k, const Fate *f, PIv *v) {
  DemoRng *r = &x->rng;
  IvPath *p = &v->path;
  int64_t iEnd = x->aEnd[k->iRound - 1];
  memset(p, 0, sizeof *p);
  p->iBy = v->iOperator ? v->iOperator : k->iCm;
  p->zEnd = "completed";
  p->iStart = min64(v->iStart + demo_rng_range(r, 0, 5), iEnd - 1);
  p->iEnd = min64(max64(v->iEnd, p->iStart + 1), iEnd);
  if (v->s == SV_HOME_EDU && has_other(b, k, v) && demo_rng_chance(r, 25)) {
    p->iStart = 0;
    p->iEnd = v->iStart - demo_rng_range(r, 1, 3);
    if (p->iEnd < k->iAgreed) p->iEnd = k->iAgreed;
    p->zEnd = "cancelled";
    p->zReason = "La scuola ha attivato un proprio servizio di doposcuola.";
    return;
  }
  /* the pandemic's waves of 2020-21 */
  if (k->iRound == 1 && p->iStart < demo_day_of("2021-06-01") && p->iEnd - p->iStart > 40) {
    int d = demo_rng_below(r, 100);
    if (d < 4) {
      p->iEnd = p->iStart + demo_rng_range(r, 5, 15);
      p->zEnd = "interrupted";
      p->zReason = "postponed: health emergency (rinviato per l'emergenza sanitaria)";
      return;
    }
    if (d < 16) {
      p->iSuspend = p->iStart + demo_rng_range(r, 7, 20);
      p->iResume = p->iSuspend + demo_rng_range(r, 14, 42);
      p->zSuspendReason = "Sospeso per l'emergenza sanitaria (zona rossa).";
      p->iEnd = min64(p->iEnd + (p->iResume - p->iSuspend), iEnd);
      if (p->iResume >= p->iEnd) p->iResume = 0;
    }
  }
  int bCut =
      f->e != FATE_DONE &&
      (f->e != FATE_CUT || strcmp(f->zInterruption, "round_ended") != 0 || v->iEnd >= iEnd - 14);
  if (bCut && f->iCut <= p->iEnd) {
    p->iEnd = f->iCut;
    p->zEnd = "interrupted";
    p->zReason = f->zReason;
    if (p->iResume && p->iResume >= p->iEnd) p->iResume = 0;
    if (p->iSuspend && p->iSuspend >= p->iEnd) p->iSuspend = 0;
  }
}

/* ---- sessions ---- */

int demo_iv_sessions(Ctx *x, const PIv *v) {
  static const char *const azEdu[] = {
      "Compiti di matematica e lettura; buona concentrazione.",
      "Contatto con l'insegnante di classe: migliorano i rapporti con i compagni.",
      "Uscita al parco con i fratelli; lavoro sulle regole.",
      "Preparazione della verifica di italiano.",
      "Colloquio con la scuola sulla frequenza: assenze in calo.",
  };
  static const char *const azCare[] = {
      "Riordino della casa e organizzazione della spesa settimanale.",
      "Accompagnamento alla visita medica.",
      "Aiuto nella gestione delle bollette e delle scadenze.",
  };
  static const char *const azPsy[] = {
      "Colloquio di sostegno: lavoro sull'ansia legata alla ricerca di lavoro.",
      "Elaborazione delle difficoltà familiari; buona alleanza terapeutica.",
      "Rinforzo dell'autostima in vista del tirocinio.",
  };
  static const char *const azOrient[] = {
      "Accompagnamento all'anagrafe per il rinnovo dei documenti.",
      "Iscrizione al Centro per l'impiego e aggiornamento del curriculum.",
      "Attivazione dello SPID e accesso ai servizi online.",
      "Pratiche per l'iscrizione scolastica dei figli.",
  };
  const IvPath *p = &v->path;
  if (!p->iStart || !v->nSessions) return 0;
  int64_t iPlanned = max64(v->iEnd - v->iStart, 1), iDone = p->iEnd - p->iStart;
  int n = (int)(v->nSessions * min64(iDone, iPlanned) / iPlanned);
  if (n < 1) n = 1;
  int nMin = v->s == SV_PSYCH ? 60 : v->s == SV_ORIENT ? 90 : 120, rc = 0;
  for (int i = 0; !rc && i < n; i++) {
    int64_t d = p->iStart + (iDone * i) / n;
    if (p->iSuspend && d >= p->iSuspend && (!p->iResume || d < p->iResume)) continue;
    if (demo_rng_chance(&x->rng, 8)) continue; /* cancelled by the family */
    const char *z = v->s == SV_HOME_EDU    ? DEMO_PICK(&x->rng, azEdu)
                    : v->s == SV_HOME_CARE ? DEMO_PICK(&x->rng, azCare)
                    : v->s == SV_PSYCH     ? DEMO_PICK(&x->rng, azPsy)
                                           : DEMO_PICK(&x->rng, azOrient);
    rc = db_exec(x->db,
                 "INSERT INTO intervention_session(intervention_id, on_date, minutes, note,"
                 " recorded_by, created_at) VALUES ($1,$2,$3,$4,NULLIF(CAST($5 AS BIGINT),0),$6)",
                 "ititit", v->id, dt(d).z, (int64_t)nMin, z, p->iBy, st_at(d, 19, 0).z);
  }
  return rc;
}
