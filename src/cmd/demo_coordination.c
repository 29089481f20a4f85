/*
** demo_coordination.c — the coordination of `ali demo`'s cases (see
** demo_delivery_common.h): a social worker on a temporary contract
** (social_temp, no longer active) who left in the middle of round 1, her
** cases handed over to social1 and social2 (case_assignment keeps the
** history); and pass 3, social1's weekly team meetings, each minute also
** in the register of the case discussed.
*/
#include <stdlib.h>
#include <string.h>

#include "../lib/mem.h"
#include "../lib/workdays.h"
#include "demo_delivery_common.h"

/* ---- the handover of the temporary social worker's cases ---- */

/* The social worker on a temporary contract, who left on x->iHandover. */
int demo_handover_worker(Ctx *x) {
  x->iTemp = db_int(x->db, 0,
                    "INSERT INTO app_user(agency_id, username, full_name, active, created_at)"
                    " VALUES ($1,'social_temp','Valentina Orsini',0,'2020-09-01T08:00:00Z')"
                    " RETURNING id",
                    "i", x->st->iAgency);
  if (!x->iTemp) return DB_ERROR;
  return db_exec(x->db, "INSERT INTO user_role(user_id, role) VALUES ($1,'social_worker')", "i",
                 x->iTemp);
}

int demo_handover_write(Ctx *x, const PCase *k) {
  StampText zAt = st_at(x->iHandover, 9, 0);
  int rc = db_exec(x->db,
                   "UPDATE case_assignment SET from_at=$2, note=$3, assigned_by=$4"
                   " WHERE case_id=$1 AND role='social_worker' AND to_at IS NULL",
                   "itti", k->id, zAt.z,
                   "Passaggio di consegne: contratto a termine concluso. Famiglia informata; "
                   "prossima verifica con il case manager già fissata.",
                   x->iManager);
  if (!rc)
    rc = db_exec(x->db,
                 "INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at, to_at)"
                 " VALUES ($1,$2,'social_worker',$3,$4,$5)",
                 "iiitt", x->st->iAgency, k->id, x->iTemp, k->zOpened, zAt.z);
  if (!rc)
    rc = db_exec(x->db, "UPDATE access_form SET social_worker_id=$2 WHERE case_id=$1", "ii", k->id,
                 x->iTemp);
  if (!rc)
    rc =
        db_exec(x->db, "UPDATE case_file SET shortlisted_by=$2 WHERE id=$1", "ii", k->id, x->iTemp);
  return rc;
}

/* ---- 3. social1's weekly team meetings ---- */

typedef struct Held {
  int64_t iCase, iPerson, iFrom, iAgreed, iWritten;
} Held;

static int load_held(Ctx *x, int64_t iSocial, Held **pa, int64_t *pn) {
  int64_t n = 0, nAlloc = 0;
  Held *a = 0;
  DbStmt *q = db_query(x->db,
                       "SELECT c.id, c.person_id, a.from_at, c.agreed_on, e.written_on"
                       " FROM case_assignment a JOIN case_file c ON c.id=a.case_id"
                       " JOIN evaluation e ON e.case_id=c.id WHERE a.user_id=$1"
                       " AND a.role='social_worker' AND a.to_at IS NULL ORDER BY c.id",
                       "i", iSocial);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    GROW(a, n, nAlloc);
    char zFrom[11];
    snprintf(zFrom, sizeof zFrom, "%s", db_col_text(q, 2));
    a[n++] = (Held){db_col_int(q, 0), db_col_int(q, 1), demo_day_of(zFrom),
                    demo_day_of(db_col_text(q, 3)), demo_day_of(db_col_text(q, 4))};
  }
  db_done(q);
  *pa = a;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

/* One meeting on day d: up to six of the cases active then. */
static int meeting(Ctx *x, const Held *a, int64_t n, int64_t d) {
  static const char *const azMinute[] = {
      "Percorso regolare; il tirocinio procede bene, si valuta la proroga.",
      "Richiesta sull'affitto ancora aperta: l'assistente sociale sollecita il Comune.",
      "Assenze ripetute al corso: il case manager sente la partecipante.",
      "La scuola segnala miglioramenti; l'educativa continua.",
      "In vista della fine del percorso: preparare il passaggio ai servizi ordinari.",
      "Nessuna novità di rilievo; prossima verifica tra due settimane.",
  };
  DemoRng *r = &x->rng;
  int64_t aPick[6];
  int nPick = 0, nWant = demo_rng_range(r, 3, 6);
  for (int t = 0; t < 60 && nPick < nWant && n > 0; t++) {
    const Held *h = &a[demo_rng_below(r, (int)(n < 2000000000 ? n : 2000000000))];
    int bDup = 0;
    for (int i = 0; i < nPick; i++) bDup |= aPick[i] == h - a;
    if (!bDup && h->iFrom <= d && h->iAgreed <= d && h->iWritten >= d) aPick[nPick++] = h - a;
  }
  if (nPick == 0) return 0;
  int64_t id =
      db_int(x->db, 0,
             "INSERT INTO team_meeting(agency_id, social_worker_id, held_on, notes,"
             " created_by, created_at) VALUES ($1,$2,$3,$4,$2,$5) RETURNING id",
             "iitt"
             "t",
             x->st->iAgency, x->st->iSocial1, dt(d).z,
             "Presenti: Chiara Lenzi, Giulia Martelli, Stefano Bertini.", st_at(d, 13, 0).z);
  int rc = id ? 0 : DB_ERROR;
  for (int i = 0; !rc && i < nPick; i++) {
    const Held *h = &a[aPick[i]];
    const char *zMinute = DEMO_PICK(r, azMinute);
    rc = db_exec(x->db,
                 "INSERT INTO team_meeting_case(meeting_id, case_id, minute) VALUES ($1,$2,$3)",
                 "iit", id, h->iCase, zMinute);
    PCase k = {0};
    k.id = h->iCase;
    if (!rc)
      rc =
          demo_register_activity(x, &k, d, x->st->iSocial1, AK_TEAM, 0, 0, zMinute, &h->iPerson, 1);
  }
  return rc;
}

/* Pass 3: a meeting every Tuesday of both rounds but August and the
** Christmas weeks. */
int demo_team_meetings(Ctx *x) {
  Held *a;
  int64_t n;
  int rc = load_held(x, x->st->iSocial1, &a, &n);
  if (!rc) rc = db_begin(x->db);
  for (int64_t d = x->aStart[0] + 60; !rc && d <= x->aEnd[1]; d++) {
    char z[11];
    date_from_days(d, z);
    if (weekday(d) != 1 || !workdays_is_workday_n(d) || memcmp(z + 5, "08", 2) == 0 ||
        (memcmp(z + 5, "12", 2) == 0 && z[8] >= '2') ||
        (memcmp(z + 5, "01", 2) == 0 && z[8] == '0'))
      continue;
    rc = meeting(x, a, n, d);
  }
  if (!rc)
    rc = db_commit(x->db);
  else
    db_rollback(x->db);
  free(a);
  return demo_fail(x->db, "delivery", "team meetings", rc);
}
