/*
** demo_courses.c — pass 1 of `ali demo`'s delivery (see
** demo_delivery_common.h): the training interventions, sorted by course,
** round and planned start, fill course editions of 6 to 25 seats (a new
** edition when the next planned start is more than a few weeks later); an
** edition starts on the first lesson day after the latest planned start
** of its participants, so nobody starts before their project was agreed.
** Each participant is enrolled (a few waited on the list and took the
** seat of someone who withdrew), attends, and completes with a
** certificate, fails or withdraws.
*/
#include <stdlib.h>
#include <string.h>

#include "../lib/mem.h"
#include "../lib/workdays.h"
#include "demo_delivery_common.h"

/* A course as the demo runs it: seats, lessons per round, their length,
** lessons per week (3: any working day; 2: Tuesday and Thursday; 1:
** Wednesday), the certificate's prefix (NULL: none; "A2" for half of the
** Italian courses' completers). */
static const struct CourseSpec {
  int s;
  const char *zPrefix, *zTitle, *zPlace, *zCert;
  int nSeatsLo, nSeatsHi, aLessons[2], nMinutes, nPerWeek;
  const char *azTopic[4];
} aCourse[] = {
    {SV_FORKLIFT,
     "MUL",
     "Patentino per carrello elevatore",
     "Area logistica Navicelli, Pisa",
     "PCE",
     6,
     10,
     {3, 3},
     240,
     3,
     {"Normativa e rischi", "Componenti e stabilità del carrello", "Prova pratica di guida",
      "Verifica finale"}},
    {SV_ITALIAN,
     "ITA",
     "Italiano per stranieri (livello A2)",
     "Centro civico Porta a Lucca, Pisa",
     "A2",
     12,
     18,
     {24, 14},
     120,
     2,
     {"Presentarsi e parlare di sé", "Al lavoro e negli uffici", "La casa e la scuola",
      "Leggere e compilare moduli"}},
    {SV_HACCP,
     "HACCP",
     "HACCP: igiene degli alimenti",
     "Sala formazione Paim, via Battelli, Pisa",
     "HACCP",
     15,
     20,
     {2, 2},
     240,
     3,
     {"Rischi e contaminazioni", "Autocontrollo e piano HACCP", "Conservazione degli alimenti",
      "Verifica finale"}},
    {SV_SAFETY,
     "SIC",
     "Sicurezza sul lavoro (generale e specifica)",
     "Sala formazione Paim, via Battelli, Pisa",
     "SIC",
     18,
     25,
     {3, 3},
     240,
     3,
     {"Concetti generali di rischio", "Diritti e doveri dei lavoratori", "Rischi specifici",
      "Verifica finale"}},
    {SV_IT,
     "INF",
     "Informatica di base",
     "Aula informatica Paim, Pisa",
     0,
     10,
     14,
     {10, 10},
     240,
     2,
     {"Il computer e i file", "Posta elettronica e SPID", "Videoscrittura", "Servizi online"}},
    {SV_SOFT,
     "SOFT",
     "Competenze trasversali per il lavoro",
     "Sala formazione Paim, via Battelli, Pisa",
     0,
     10,
     15,
     {5, 5},
     240,
     1,
     {"Comunicare in gruppo", "Il colloquio di lavoro", "Gestire tempi e conflitti",
      "Il curriculum"}},
};

static const struct CourseSpec *course_of(int s) {
  for (int i = 0; i < DEMO_N(aCourse); i++) {
    if (aCourse[i].s == s) return &aCourse[i];
  }
  return 0;
}

/* A training intervention waiting for an edition. */
typedef struct TIv {
  int64_t id, iPerson;
  int s, iRound;
  int64_t iStart, iAgreed; /* planned start, the project's agreement */
} TIv;

static int load_training(Ctx *x, TIv **pa, int64_t *pn) {
  int64_t n = 0, nAlloc = 0;
  TIv *a = 0;
  DbStmt *q = db_query(x->db,
                       "SELECT i.id, i.person_id, s.code, r.code, i.planned_start, c.agreed_on"
                       " FROM intervention i JOIN project p ON p.id=i.project_id"
                       " JOIN case_file c ON c.id=p.case_id JOIN round r ON r.id=c.round_id"
                       " JOIN service s ON s.id=i.service_id"
                       " WHERE i.agency_id=$1 AND c.stage='agreed' AND s.code IN ('forklift',"
                       "'italian_l2','haccp','safety','it_training','soft_skills')"
                       " ORDER BY s.code, r.code, i.planned_start, i.id",
                       "i", x->st->iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    GROW(a, n, nAlloc);
    TIv *t = &a[n++];
    t->id = db_col_int(q, 0);
    t->iPerson = db_col_int(q, 1);
    t->s = demo_service_of(db_col_text(q, 2));
    t->iRound = strcmp(db_col_text(q, 3), "R1") == 0 ? 1 : 2;
    t->iStart = demo_day_of(db_col_text(q, 4));
    t->iAgreed = demo_day_of(db_col_text(q, 5));
  }
  db_done(q);
  *pa = a;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

/* The lesson days of an edition from day iFrom, at most nMax, none past
** iLast; how many. */
static int lesson_days(const struct CourseSpec *c, int64_t iFrom, int64_t iLast, int nMax,
                       int64_t *aDay) {
  int n = 0;
  for (int64_t d = iFrom; n < nMax && d <= iLast; d++) {
    int w = weekday(d);
    int bOk = c->nPerWeek >= 3 ? 1 : c->nPerWeek == 2 ? (w == 1 || w == 3) : w == 2;
    if (bOk && workdays_is_workday_n(d)) aDay[n++] = d;
  }
  if (n == 0) aDay[n++] = iFrom > iLast ? iLast : iFrom;
  return n;
}

#define MAX_LESSON 32

/* One edition in the making. */
typedef struct Edition {
  const struct CourseSpec *c;
  int iRound, nSeats, nLesson;
  int64_t id;
  int64_t aDay[MAX_LESSON], aSession[MAX_LESSON];
} Edition;

static int edition_write(Ctx *x, Edition *e, int iSeq) {
  char zCode[32], zTitle[160];
  snprintf(zCode, sizeof zCode, "%s-R%d-%03d", e->c->zPrefix, e->iRound, iSeq);
  snprintf(zTitle, sizeof zTitle, "%s, edizione %d (R%d)", e->c->zTitle, iSeq, e->iRound);
  e->id = db_int(x->db, 0,
                 "INSERT INTO course_edition(agency_id, service_id, code, title, starts_on,"
                 " ends_on, seats, trainer_id, organisation_id, place, status, created_at)"
                 " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'finished',$11) RETURNING id",
                 "iittttiiitt", x->st->iAgency, x->aService[e->c->s], zCode, zTitle,
                 dt(e->aDay[0]).z, dt(e->aDay[e->nLesson - 1]).z, (int64_t)e->nSeats,
                 x->st->iTrainer, x->st->iCoopC, e->c->zPlace, st_at(e->aDay[0] - 30, 10, 0).z);
  if (!e->id) return DB_ERROR;
  for (int i = 0; i < e->nLesson; i++) {
    e->aSession[i] = db_int(x->db, 0,
                            "INSERT INTO course_session(edition_id, on_date, minutes, topic)"
                            " VALUES ($1,$2,$3,$4) RETURNING id",
                            "itit", e->id, dt(e->aDay[i]).z, (int64_t)e->c->nMinutes,
                            e->c->azTopic[i * 4 / e->nLesson]);
    if (!e->aSession[i]) return DB_ERROR;
  }
  return 0;
}

/* The certificate of a completed enrolment (NULL: none). */
static const char *certificate(Ctx *x, const struct CourseSpec *c, int64_t iOn, char *z, size_t n) {
  if (!c->zCert || (c->s == SV_ITALIAN && !demo_rng_chance(&x->rng, 50))) return 0;
  snprintf(z, n, "%s/PI/%.4s/%05d", c->zCert, dt(iOn).z, ++x->nCert);
  return z;
}

/* One participant of edition e: enrolled (or, bWaited, taken from the
** waiting list) from lesson iFirst; bQuits: withdraws at lesson 1. */
static int enrol(Ctx *x, Edition *e, const TIv *t, int iFirst, int bWaited, int bQuits) {
  static const char *const azQuit[] = {
      "Ritirato dal corso: ha trovato un lavoro stagionale.",
      "Ritirato dal corso: orari incompatibili con la cura dei figli.",
      "Ritirato dal corso: problemi di salute.",
  };
  DemoRng *r = &x->rng;
  int iPresent = demo_rng_chance(r, 8) ? 55 : 92, nPresent = 0, nAt = 0;
  int aPresent[MAX_LESSON];
  int nLast = bQuits ? 1 : e->nLesson;
  for (int i = iFirst; i < nLast; i++) {
    aPresent[i] = i == iFirst || demo_rng_chance(r, iPresent);
    nPresent += aPresent[i];
    nAt++;
  }
  int nAbsent = nAt - nPresent, nAllowed = nAt / 4 > 1 ? nAt / 4 : 1; /* a quarter, or one */
  int bDone = !bQuits && nAbsent <= nAllowed;
  int64_t iEnd = bQuits ? e->aDay[1] : e->aDay[e->nLesson - 1];
  char zCert[40];
  const char *zNumber = bDone ? certificate(x, e->c, iEnd, zCert, sizeof zCert) : 0;
  int64_t iAsked =
      bWaited ? e->aDay[0] - 1 : demo_rng_range(r, (int)t->iAgreed, (int)e->aDay[0] - 2);
  if (iAsked < t->iAgreed) iAsked = t->iAgreed;
  int64_t iEnrolment =
      db_int(x->db, 0,
             "INSERT INTO enrolment(edition_id, intervention_id, person_id, status, enrolled_at,"
             " completed_on, certificate_number, certificate_on) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
             " RETURNING id",
             "iiitt"
             "ttt",
             e->id, t->id, t->iPerson,
             bDone    ? "completed"
             : bQuits ? "withdrawn"
                      : "failed",
             st_at(iAsked, bWaited ? 16 : demo_rng_range(r, 9, 13), demo_rng_range(r, 0, 59)).z,
             dt(iEnd).z, zNumber, zNumber ? dt(iEnd).z : 0);
  int rc = iEnrolment ? 0 : DB_ERROR;
  for (int i = iFirst; !rc && i < nLast; i++) {
    rc = db_exec(x->db,
                 "INSERT INTO course_attendance(session_id, enrolment_id, present)"
                 " VALUES ($1,$2,$3)",
                 "iii", e->aSession[i], iEnrolment, (int64_t)aPresent[i]);
  }
  IvPath p = {e->aDay[iFirst], iEnd, 0, 0, "completed", 0, 0, x->st->iTrainer};
  if (!bDone) {
    p.zEnd = "interrupted";
    p.zReason =
        bQuits ? DEMO_PICK(r, azQuit) : "Frequenza insufficiente: attestato non rilasciato.";
  }
  return rc ? rc : demo_iv_history(x, t->id, &p);
}

/* Edition of a[0..n) (and maybe a waiting participant *pWait, who takes
** the seat of one who withdraws after the first lesson).  Sets *pbWaited
** when *pWait was used. */
static int edition(Ctx *x, const TIv *a, int n, const TIv *pWait, int nSeats, int iSeq,
                   int *pbWaited) {
  Edition e;
  memset(&e, 0, sizeof e);
  e.c = course_of(a[0].s);
  e.iRound = a[0].iRound;
  e.nSeats = nSeats;
  int64_t iFrom = 0;
  for (int i = 0; i < n; i++) iFrom = max64(iFrom, a[i].iStart);
  if (pWait) iFrom = max64(iFrom, pWait->iStart);
  int nWant = e.c->aLessons[e.iRound - 1];
  e.nLesson = lesson_days(e.c, iFrom, x->aEnd[e.iRound - 1],
                          nWant < MAX_LESSON ? nWant : MAX_LESSON, e.aDay);
  *pbWaited = pWait && e.nLesson >= 3 && pWait->iAgreed <= e.aDay[0] - 1;
  if (pWait && !*pbWaited) e.nSeats++; /* no waiting after all: one seat more */
  int rc = edition_write(x, &e, iSeq);
  int iQuit = *pbWaited ? demo_rng_below(&x->rng, n) : -1;
  for (int i = 0; !rc && i < n; i++) rc = enrol(x, &e, &a[i], 0, 0, i == iQuit);
  if (!rc && pWait) rc = enrol(x, &e, pWait, *pbWaited, *pbWaited, 0);
  return rc;
}

/* Pass 1: every training intervention in an edition. */
int demo_courses(Ctx *x) {
  TIv *a;
  int64_t n;
  int rc = load_training(x, &a, &n), iSeq = 0;
  int64_t i = 0, nEditions = 0;
  if (!rc) rc = db_begin(x->db);
  while (!rc && i < n) {
    const struct CourseSpec *c = course_of(a[i].s);
    int nSeats = demo_rng_range(&x->rng, c->nSeatsLo, c->nSeatsHi),
        nWindow = a[i].iRound == 1 ? 30 : 14;
    int64_t j = i;
    while (j < n && j - i < nSeats && a[j].s == a[i].s && a[j].iRound == a[i].iRound &&
           a[j].iStart - a[i].iStart <= nWindow)
      j++;
    /* a few editions are asked for by one more than their seats: the
    ** last asked waits, and takes the seat of one who withdraws */
    const TIv *pWait = 0;
    if (j - i >= 4 && c->aLessons[a[i].iRound - 1] >= 3 && demo_rng_chance(&x->rng, 30)) {
      pWait = &a[--j];
      nSeats = (int)(j - i);
    }
    iSeq = i > 0 && a[i - 1].s == a[i].s && a[i - 1].iRound == a[i].iRound ? iSeq + 1 : 1;
    int bWaited = 0;
    rc = edition(x, &a[i], (int)(j - i), pWait, nSeats, iSeq, &bWaited);
    i = j + (pWait ? 1 : 0);
    if (!rc && ++nEditions % 500 == 0) {
      rc = db_commit(x->db);
      if (!rc) rc = db_begin(x->db);
    }
  }
  if (!rc)
    rc = db_commit(x->db);
  else
    db_rollback(x->db);
  free(a);
  return demo_fail(x->db, "delivery", "courses", rc);
}
