/*
** demo_delivery.c — the delivery and closing of `ali demo`'s paths (see
** demo_delivery.h).  Three passes over what the intake wrote:
**
**   1. training: the training interventions, sorted by course, round and
**      planned start, fill course editions of 6 to 25 seats (a new
**      edition when the next planned start is more than a few weeks
**      later); an edition starts on the first lesson day after the
**      latest planned start of its participants, so nobody starts before
**      their project was agreed;
**   2. the cases, DD_BATCH per transaction: the fate of the path
**      (completed; cut short: moved away, health, unsuitable, the end of
**      round 2; withdrew), the other interventions, the placements, the
**      sessions, the outcome and evaluation, the register, the requests,
**      and the handover of the temporary social worker's cases;
**   3. social1's weekly team meetings.
**
** Figures the demo chooses (the chapter gives none): round 1 paths cut
** short 8% and withdrawn 6%, round 2 cut short 30% (most by the round's
** end) and withdrawn 5%; 12% of round-1 interventions started in the
** pandemic's waves suspended for two to six weeks, 4% interrupted
** ("postponed"); a quarter of completed internships hired by the host
** (three in four where the internship moved to an adult child); about
** 10% absences in courses and internships; requests acknowledged late 8%
** of the time and resolved late 12%.  Texts are short invented Italian
** sentences; any likeness to real people or firms is chance.
*/
#include "demo_delivery.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/programme.h"
#include "../domain/request.h"
#include "../lib/date.h"
#include "../lib/mem.h"
#include "../lib/workdays.h"
#include "cmd.h"

#define DD_BATCH 2000 /* cases per transaction */
#define NA(az) (int)(sizeof(az) / sizeof *(az))
#define PICK(r, az) (az)[demo_rng_below(r, NA(az))]

/* ---- services and the generator's state ---- */

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
static const char *const azSvc[SV_COUNT] = {
    "internship", "forklift",    "italian_l2", "haccp",         "safety",     "home_education",
    "it_training", "soft_skills", "home_care", "psych_support", "orientation"};

static int sv_of(const char *z) {
  for (int s = 0; z && s < SV_COUNT; s++) {
    if (strcmp(azSvc[s], z) == 0) return s;
  }
  return -1;
}
static int is_training(int s) {
  return s == SV_FORKLIFT || s == SV_ITALIAN || s == SV_HACCP || s == SV_SAFETY || s == SV_IT ||
         s == SV_SOFT;
}

/* Request kinds, as migration 006 lists them. */
enum { RK_RENT, RK_DOCUMENTS, RK_SCHOOL, RK_HEALTH, RK_EMERGENCY, RK_OTHER, RK_COUNT };
static const char *const azKind[RK_COUNT] = {"rent",   "documents", "school",
                                             "health", "emergency", "other"};

typedef struct Ctx {
  Db *db;
  const DemoStaff *st;
  DemoRng rng;
  int64_t aService[SV_COUNT];
  int64_t aStart[2], aEnd[2]; /* the rounds' first and last days */
  int64_t iManager, iTemp;    /* the manager; the social worker who left */
  int64_t iHandover;          /* the day she left */
  int64_t *aFirm;             /* host firms */
  int nFirm;
  int aAck[RK_COUNT], aRes[RK_COUNT]; /* request targets, working days */
  int nCert;                          /* certificates issued so far */
} Ctx;

static int chance(DemoRng *r, int iPercent) { return demo_rng_below(r, 100) < iPercent; }
/* lo..hi, or lo when hi < lo. */
static int range(DemoRng *r, int lo, int hi) {
  return hi <= lo ? lo : lo + demo_rng_below(r, hi - lo + 1);
}

static int64_t day_of(const char *z) {
  int y, m, d;
  if (!z || date_parse(z, &y, &m, &d)) return 0;
  return date_days(y, m, d);
}
/* 0 Monday .. 6 Sunday (1970-01-01 was a Thursday). */
static int weekday(int64_t n) { return (int)(((n % 7) + 7 + 3) % 7); }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

/* Date and timestamp text of day n into caller buffers. */
typedef struct DayText {
  char z[11];
} DayText;
static DayText dt(int64_t n) {
  DayText t;
  date_from_days(n, t.z);
  return t;
}
typedef struct StampText {
  char z[32];
} StampText;
static StampText st_at(int64_t n, int iHour, int iMin) {
  StampText t;
  char zDay[11];
  date_from_days(n, zDay);
  snprintf(t.z, sizeof t.z, "%.10sT%02d:%02d:00Z", zDay, iHour % 24, iMin % 60);
  return t;
}

static int fail(Db *db, const char *zWhat, int rc) {
  if (rc) fprintf(stderr, "ali: demo delivery, %s: %s\n", zWhat, db_errmsg(db));
  return rc;
}

/* ---- the lifecycle of one intervention ---- */

/* How an intervention went: dates are day numbers, 0 for none. */
typedef struct IvPath {
  int64_t iStart, iEnd;         /* started (0: cancelled before), ended */
  int64_t iSuspend, iResume;    /* a suspension; iResume 0: never resumed */
  const char *zEnd;             /* completed | interrupted | cancelled */
  const char *zReason;          /* of the interruption or cancellation */
  const char *zSuspendReason;   /* of the suspension */
  int64_t iBy;                  /* who recorded the transitions */
} IvPath;

static int event(Ctx *x, int64_t id, int64_t iOn, const char *zFrom, const char *zTo,
                 const char *zReason, int64_t iBy) {
  return db_exec(x->db,
                 "INSERT INTO intervention_event(intervention_id, on_date, from_status,"
                 " to_status, reason, user_id, created_at) VALUES ($1,$2,$3,$4,$5,"
                 "NULLIF(CAST($6 AS BIGINT),0),$7)",
                 "ittttit", id, dt(iOn).z, zFrom, zTo, zReason, iBy,
                 st_at(iOn, 17, 30).z);
}

/* The intervention's history (intervention_event) and its row. */
static int write_path(Ctx *x, int64_t id, const IvPath *p) {
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

/* ---- 1. training: editions, enrolments, attendance ---- */

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
    {SV_FORKLIFT, "MUL", "Patentino per carrello elevatore", "Area logistica Navicelli, Pisa",
     "PCE", 6, 10, {3, 3}, 240, 3,
     {"Normativa e rischi", "Componenti e stabilità del carrello", "Prova pratica di guida",
      "Verifica finale"}},
    {SV_ITALIAN, "ITA", "Italiano per stranieri (livello A2)", "Centro civico Porta a Lucca, Pisa",
     "A2", 12, 18, {24, 14}, 120, 2,
     {"Presentarsi e parlare di sé", "Al lavoro e negli uffici", "La casa e la scuola",
      "Leggere e compilare moduli"}},
    {SV_HACCP, "HACCP", "HACCP: igiene degli alimenti", "Sala formazione Paim, via Battelli, Pisa",
     "HACCP", 15, 20, {2, 2}, 240, 3,
     {"Rischi e contaminazioni", "Autocontrollo e piano HACCP", "Conservazione degli alimenti",
      "Verifica finale"}},
    {SV_SAFETY, "SIC", "Sicurezza sul lavoro (generale e specifica)",
     "Sala formazione Paim, via Battelli, Pisa", "SIC", 18, 25, {3, 3}, 240, 3,
     {"Concetti generali di rischio", "Diritti e doveri dei lavoratori", "Rischi specifici",
      "Verifica finale"}},
    {SV_IT, "INF", "Informatica di base", "Aula informatica Paim, Pisa", 0, 10, 14, {10, 10}, 240, 2,
     {"Il computer e i file", "Posta elettronica e SPID", "Videoscrittura", "Servizi online"}},
    {SV_SOFT, "SOFT", "Competenze trasversali per il lavoro", "Sala formazione Paim, via Battelli, Pisa",
     0, 10, 15, {5, 5}, 240, 1,
     {"Comunicare in gruppo", "Il colloquio di lavoro", "Gestire tempi e conflitti",
      "Il curriculum"}},
};

static const struct CourseSpec *course_of(int s) {
  for (int i = 0; i < NA(aCourse); i++) {
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
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 1024;
      a = xrealloc(a, (size_t)nAlloc * sizeof *a);
    }
    TIv *t = &a[n++];
    t->id = db_col_int(q, 0);
    t->iPerson = db_col_int(q, 1);
    t->s = sv_of(db_col_text(q, 2));
    t->iRound = strcmp(db_col_text(q, 3), "R1") == 0 ? 1 : 2;
    t->iStart = day_of(db_col_text(q, 4));
    t->iAgreed = day_of(db_col_text(q, 5));
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
static const char *certificate(Ctx *x, const struct CourseSpec *c, int64_t iOn, char *z,
                               size_t n) {
  if (!c->zCert || (c->s == SV_ITALIAN && !chance(&x->rng, 50))) return 0;
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
  int iPresent = chance(r, 8) ? 55 : 92, nPresent = 0, nAt = 0;
  int aPresent[MAX_LESSON];
  int nLast = bQuits ? 1 : e->nLesson;
  for (int i = iFirst; i < nLast; i++) {
    aPresent[i] = i == iFirst || chance(r, iPresent);
    nPresent += aPresent[i];
    nAt++;
  }
  int nAbsent = nAt - nPresent, nAllowed = nAt / 4 > 1 ? nAt / 4 : 1; /* a quarter, or one */
  int bDone = !bQuits && nAbsent <= nAllowed;
  int64_t iEnd = bQuits ? e->aDay[1] : e->aDay[e->nLesson - 1];
  char zCert[40];
  const char *zNumber = bDone ? certificate(x, e->c, iEnd, zCert, sizeof zCert) : 0;
  int64_t iAsked = bWaited ? e->aDay[0] - 1 : range(r, (int)t->iAgreed, (int)e->aDay[0] - 2);
  if (iAsked < t->iAgreed) iAsked = t->iAgreed;
  int64_t iEnrolment =
      db_int(x->db, 0,
             "INSERT INTO enrolment(edition_id, intervention_id, person_id, status, enrolled_at,"
             " completed_on, certificate_number, certificate_on) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
             " RETURNING id",
             "iiitt" "ttt", e->id, t->id, t->iPerson,
             bDone ? "completed" : bQuits ? "withdrawn" : "failed",
             st_at(iAsked, bWaited ? 16 : range(r, 9, 13), range(r, 0, 59)).z, dt(iEnd).z, zNumber,
             zNumber ? dt(iEnd).z : 0);
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
    p.zReason = bQuits ? PICK(r, azQuit) : "Frequenza insufficiente: attestato non rilasciato.";
  }
  return rc ? rc : write_path(x, t->id, &p);
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
  e.nLesson = lesson_days(e.c, iFrom, x->aEnd[e.iRound - 1], nWant < MAX_LESSON ? nWant : MAX_LESSON,
                          e.aDay);
  *pbWaited = pWait && e.nLesson >= 3 && pWait->iAgreed <= e.aDay[0] - 1;
  if (pWait && !*pbWaited) e.nSeats++; /* no waiting after all: one seat more */
  int rc = edition_write(x, &e, iSeq);
  int iQuit = *pbWaited ? demo_rng_below(&x->rng, n) : -1;
  for (int i = 0; !rc && i < n; i++) rc = enrol(x, &e, &a[i], 0, 0, i == iQuit);
  if (!rc && pWait) rc = enrol(x, &e, pWait, *pbWaited, *pbWaited, 0);
  return rc;
}

/* Pass 1: every training intervention in an edition. */
static int training(Ctx *x) {
  TIv *a;
  int64_t n;
  int rc = load_training(x, &a, &n), iSeq = 0;
  int64_t i = 0, nEditions = 0;
  if (!rc) rc = db_begin(x->db);
  while (!rc && i < n) {
    const struct CourseSpec *c = course_of(a[i].s);
    int nSeats = range(&x->rng, c->nSeatsLo, c->nSeatsHi), nWindow = a[i].iRound == 1 ? 30 : 14;
    int64_t j = i;
    while (j < n && j - i < nSeats && a[j].s == a[i].s && a[j].iRound == a[i].iRound &&
           a[j].iStart - a[i].iStart <= nWindow)
      j++;
    /* a few editions are asked for by one more than their seats: the
    ** last asked waits, and takes the seat of one who withdraws */
    const TIv *pWait = 0;
    if (j - i >= 4 && c->aLessons[a[i].iRound - 1] >= 3 && chance(&x->rng, 30)) {
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
  if (!rc) rc = db_commit(x->db);
  else db_rollback(x->db);
  free(a);
  return fail(x->db, "courses", rc);
}

/* ---- 2. the cases: loading a batch ---- */

typedef struct PIv {
  int64_t id, iPerson, iOperator;
  int s, nSessions;
  int64_t iStart, iEnd;       /* planned */
  int64_t iStarted, iEnded;   /* training: as pass 1 left it */
  char zStatus[12];
  int bCert;                  /* a certificate was issued */
  IvPath path;                /* the others: as this pass decides */
} PIv;

typedef struct PCase {
  int64_t id, iPerson, iSocial, iCm, iPsy, iProject;
  int iRound;
  int64_t iAgreed, iFirst;
  char zOpened[32];
  int iIv, nIv, iMem, nMem, iObj, nObj;
} PCase;

typedef struct Batch {
  PCase *aCase;
  PIv *aIv;
  int64_t *aMem, *aObj;
  int nCase, nIv, nMem, nObj, nCaseAlloc, nIvAlloc, nMemAlloc, nObjAlloc;
} Batch;

#define GROW(a, n, nAlloc)                                   \
  do {                                                       \
    if ((n) == (nAlloc)) {                                   \
      (nAlloc) = (nAlloc) ? 2 * (nAlloc) : 256;              \
      (a) = xrealloc((a), (size_t)(nAlloc) * sizeof *(a));   \
    }                                                        \
  } while (0)

/* The next DD_BATCH agreed cases after case iAfter. */
static int load_cases(Ctx *x, Batch *b, int64_t iAfter) {
  b->nCase = b->nIv = b->nMem = b->nObj = 0;
  DbStmt *q = db_query(x->db,
                       "SELECT c.id, c.person_id, c.social_worker_id, c.case_manager_id,"
                       " c.psychotherapist_id, p.id, r.code, c.agreed_on, c.first_interview_on,"
                       " c.opened_at FROM case_file c JOIN project p ON p.case_id=c.id"
                       " JOIN round r ON r.id=c.round_id WHERE c.agency_id=$1 AND"
                       " c.stage='agreed' AND c.id>$2 ORDER BY c.id LIMIT $3",
                       "iii", x->st->iAgency, iAfter, (int64_t)DD_BATCH);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    GROW(b->aCase, b->nCase, b->nCaseAlloc);
    PCase *k = &b->aCase[b->nCase++];
    memset(k, 0, sizeof *k);
    k->id = db_col_int(q, 0);
    k->iPerson = db_col_int(q, 1);
    k->iSocial = db_col_int(q, 2);
    k->iCm = db_col_int(q, 3);
    k->iPsy = db_col_int(q, 4);
    k->iProject = db_col_int(q, 5);
    k->iRound = strcmp(db_col_text(q, 6), "R1") == 0 ? 1 : 2;
    k->iAgreed = day_of(db_col_text(q, 7));
    k->iFirst = day_of(db_col_text(q, 8));
    snprintf(k->zOpened, sizeof k->zOpened, "%s", db_col_text(q, 9));
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

/* The index of case id in the batch (cases are in id order). */
static int case_index(const Batch *b, int64_t id) {
  int lo = 0, hi = b->nCase - 1;
  while (lo <= hi) {
    int m = (lo + hi) / 2;
    if (b->aCase[m].id == id) return m;
    if (b->aCase[m].id < id) lo = m + 1;
    else hi = m - 1;
  }
  return -1;
}

static int load_interventions(Ctx *x, Batch *b) {
  int64_t lo = b->aCase[0].id, hi = b->aCase[b->nCase - 1].id;
  DbStmt *q = db_query(
      x->db,
      "SELECT p.case_id, i.id, i.person_id, i.operator_id, s.code, i.planned_start,"
      " i.planned_end, i.planned_sessions, i.status, i.started_on, i.ended_on,"
      " (SELECT count(*) FROM enrolment e WHERE e.intervention_id=i.id"
      "  AND e.certificate_number IS NOT NULL)"
      " FROM intervention i JOIN project p ON p.id=i.project_id JOIN service s ON s.id=i.service_id"
      " JOIN case_file c ON c.id=p.case_id"
      " WHERE p.agency_id=$1 AND p.case_id BETWEEN $2 AND $3 AND c.stage='agreed'"
      " ORDER BY p.case_id, i.id",
      "iii", x->st->iAgency, lo, hi);
  int rc, iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aIv, b->nIv, b->nIvAlloc);
    PIv *v = &b->aIv[b->nIv];
    memset(v, 0, sizeof *v);
    v->id = db_col_int(q, 1);
    v->iPerson = db_col_int(q, 2);
    v->iOperator = db_col_int(q, 3);
    v->s = sv_of(db_col_text(q, 4));
    v->iStart = day_of(db_col_text(q, 5));
    v->iEnd = day_of(db_col_text(q, 6));
    v->nSessions = db_col_null(q, 7) ? 0 : (int)db_col_int(q, 7);
    snprintf(v->zStatus, sizeof v->zStatus, "%s", db_col_text(q, 8));
    v->iStarted = day_of(db_col_text(q, 9));
    v->iEnded = day_of(db_col_text(q, 10));
    v->bCert = db_col_int(q, 11) > 0;
    if (k != iCase) b->aCase[k].iIv = b->nIv;
    iCase = k;
    b->aCase[k].nIv++;
    b->nIv++;
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

/* The household members of each case, and the objectives of its project. */
static int load_members(Ctx *x, Batch *b) {
  int64_t lo = b->aCase[0].id, hi = b->aCase[b->nCase - 1].id;
  DbStmt *q = db_query(x->db,
                       "SELECT c.id, m.id FROM case_file c JOIN person pe ON pe.id=c.person_id"
                       " JOIN person m ON m.household_id=pe.household_id"
                       " WHERE c.agency_id=$1 AND c.id BETWEEN $2 AND $3 AND c.stage='agreed'"
                       " ORDER BY c.id, m.id",
                       "iii", x->st->iAgency, lo, hi);
  int rc, iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aMem, b->nMem, b->nMemAlloc);
    if (k != iCase) b->aCase[k].iMem = b->nMem;
    iCase = k;
    b->aCase[k].nMem++;
    b->aMem[b->nMem++] = db_col_int(q, 1);
  }
  db_done(q);
  if (rc != DB_DONE) return rc;
  q = db_query(x->db,
               "SELECT p.case_id, o.id FROM project_objective o JOIN project p ON p.id=o.project_id"
               " WHERE p.agency_id=$1 AND p.case_id BETWEEN $2 AND $3 ORDER BY p.case_id, o.id",
               "iii", x->st->iAgency, lo, hi);
  iCase = -1;
  while ((rc = db_step(q)) == DB_ROW) {
    int k = case_index(b, db_col_int(q, 0));
    if (k < 0) continue;
    GROW(b->aObj, b->nObj, b->nObjAlloc);
    if (k != iCase) b->aCase[k].iObj = b->nObj;
    iCase = k;
    b->aCase[k].nObj++;
    b->aObj[b->nObj++] = db_col_int(q, 1);
  }
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

static void batch_free(Batch *b) {
  free(b->aCase);
  free(b->aIv);
  free(b->aMem);
  free(b->aObj);
}

/* ---- 2. the cases: the fate of a path and its interventions ---- */

enum { FATE_DONE, FATE_CUT, FATE_WITHDREW };

/* What happens to one case, decided before anything is written. */
typedef struct Fate {
  int e;                       /* FATE_ */
  const char *zInterruption;   /* FATE_CUT: round_ended, moved_away, health, unsuitable, other */
  const char *zWithdrawal;     /* FATE_WITHDREW: a withdrawal reason code */
  const char *zReason;         /* the reason written on the interventions ended */
  int64_t iCut;                /* the day the path was cut short or left */
  int bHandover;               /* held by the social worker who left, until x->iHandover */
} Fate;

static void draw_fate(Ctx *x, const Batch *b, const PCase *k, Fate *f) {
  static const char *const azWithdrawal[] = {"found_job", "family", "health", "not_interested",
                                             "moved_away", "other"};
  DemoRng *r = &x->rng;
  memset(f, 0, sizeof *f);
  int64_t iEnd = x->aEnd[k->iRound - 1], iLatest = k->iAgreed;
  for (int i = 0; i < k->nIv; i++) {
    const PIv *v = &b->aIv[k->iIv + i];
    iLatest = max64(iLatest, is_training(v->s) ? max64(v->iEnded, v->iStart) : v->iStart);
  }
  int d = demo_rng_below(r, 100);
  int nCut = k->iRound == 1 ? 8 : 30, nWithdrew = k->iRound == 1 ? 6 : 5;
  f->bHandover = k->iRound == 1 && k->iFirst < x->iHandover - 7 && chance(r, 35);
  if (d >= nCut + nWithdrew) return;
  if (k->iRound == 2 && d < 24) {
    f->e = FATE_CUT;
    f->zInterruption = "round_ended";
    f->zReason = "Fine dell'edizione: percorso interrotto.";
    f->iCut = iEnd;
    return;
  }
  f->iCut = range(r, (int)(iLatest + 7), (int)iEnd);
  if (f->iCut > iEnd) return; /* nothing left to cut: the path ends as planned */
  if (d < nCut) {
    static const char *const az[][2] = {
        {"moved_away", "Trasferimento del nucleo in un altro comune."},
        {"health", "Ricovero ospedaliero e lunga convalescenza."},
        {"unsuitable", "Bisogni emersi che richiedono il servizio specialistico."},
        {"other", "Interruzione concordata con il servizio sociale."},
    };
    int j = demo_rng_below(r, NA(az));
    f->e = FATE_CUT;
    f->zInterruption = az[j][0];
    f->zReason = az[j][1];
  } else {
    f->e = FATE_WITHDREW;
    f->zWithdrawal = PICK(r, azWithdrawal);
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
static void plan_path(Ctx *x, const Batch *b, const PCase *k, const Fate *f, PIv *v) {
  DemoRng *r = &x->rng;
  IvPath *p = &v->path;
  int64_t iEnd = x->aEnd[k->iRound - 1];
  memset(p, 0, sizeof *p);
  p->iBy = v->iOperator ? v->iOperator : k->iCm;
  p->zEnd = "completed";
  p->iStart = min64(v->iStart + range(r, 0, 5), iEnd - 1);
  p->iEnd = min64(max64(v->iEnd, p->iStart + 1), iEnd);
  if (v->s == SV_HOME_EDU && has_other(b, k, v) && chance(r, 25)) {
    p->iStart = 0;
    p->iEnd = v->iStart - range(r, 1, 3);
    if (p->iEnd < k->iAgreed) p->iEnd = k->iAgreed;
    p->zEnd = "cancelled";
    p->zReason = "La scuola ha attivato un proprio servizio di doposcuola.";
    return;
  }
  /* the pandemic's waves of 2020-21 */
  if (k->iRound == 1 && p->iStart < day_of("2021-06-01") && p->iEnd - p->iStart > 40) {
    int d = demo_rng_below(r, 100);
    if (d < 4) {
      p->iEnd = p->iStart + range(r, 5, 15);
      p->zEnd = "interrupted";
      p->zReason = "postponed: health emergency (rinviato per l'emergenza sanitaria)";
      return;
    }
    if (d < 16) {
      p->iSuspend = p->iStart + range(r, 7, 20);
      p->iResume = p->iSuspend + range(r, 14, 42);
      p->zSuspendReason = "Sospeso per l'emergenza sanitaria (zona rossa).";
      p->iEnd = min64(p->iEnd + (p->iResume - p->iSuspend), iEnd);
      if (p->iResume >= p->iEnd) p->iResume = 0;
    }
  }
  int bCut = f->e != FATE_DONE &&
             (f->e != FATE_CUT || strcmp(f->zInterruption, "round_ended") != 0 ||
              v->iEnd >= iEnd - 14);
  if (bCut && f->iCut <= p->iEnd) {
    p->iEnd = f->iCut;
    p->zEnd = "interrupted";
    p->zReason = f->zReason;
    if (p->iResume && p->iResume >= p->iEnd) p->iResume = 0;
    if (p->iSuspend && p->iSuspend >= p->iEnd) p->iSuspend = 0;
  }
}

/* ---- sessions, placements, host firms ---- */

static int write_sessions(Ctx *x, const PIv *v) {
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
    if (chance(&x->rng, 8)) continue; /* cancelled by the family */
    const char *z = v->s == SV_HOME_EDU    ? PICK(&x->rng, azEdu)
                    : v->s == SV_HOME_CARE ? PICK(&x->rng, azCare)
                    : v->s == SV_PSYCH     ? PICK(&x->rng, azPsy)
                                           : PICK(&x->rng, azOrient);
    rc = db_exec(x->db,
                 "INSERT INTO intervention_session(intervention_id, on_date, minutes, note,"
                 " recorded_by, created_at) VALUES ($1,$2,$3,$4,NULLIF(CAST($5 AS BIGINT),0),$6)",
                 "ititit", v->id, dt(d).z, (int64_t)nMin, z, p->iBy, st_at(d, 19, 0).z);
  }
  return rc;
}

/* A partita IVA: seven digits of the firm, the Pisa office (050), the
** check digit that organisation_vat_valid() wants. */
static void vat_number(int64_t iSerial, char z[12]) {
  snprintf(z, 12, "%07" PRId64 "050", 1000000 + iSerial % 8999999);
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    int d = z[i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  z[10] = (char)('0' + (10 - sum % 10) % 10);
  z[11] = 0;
}

/* The host firms: the programme's three and one per three internships. */
static int host_firms(Ctx *x) {
  static const struct {
    const char *zKind, *zSlug;
    char cAteco;
  } aType[] = {
      {"Panificio", "panificio", 'C'},  {"Trattoria", "trattoria", 'I'},
      {"Logistica", "logistica", 'H'},  {"Servizi di pulizia", "pulizie", 'N'},
      {"Supermercato", "market", 'G'},  {"Vivaio", "vivaio", 'A'},
      {"Albergo", "hotel", 'I'},        {"Residenza per anziani", "rsa", 'Q'},
      {"Lavanderia industriale", "lavanderia", 'S'}, {"Officina meccanica", "officina", 'C'},
  };
  static const char *const azName[] = {"Bianchi", "Lari",    "Del Corso", "Marchetti", "Puccini",
                                       "Baldacci", "Giusti", "Orsucci",   "Santini",   "Vannini",
                                       "Cecchini", "Lupi",   "Tognetti",  "Bargagna",  "Frediani"};
  static const char *const azTown[][2] = {{"56121", "Pisa"},     {"56124", "Pisa"},
                                          {"56021", "Cascina"},  {"56017", "San Giuliano Terme"},
                                          {"56019", "Vecchiano"}, {"56010", "Vicopisano"},
                                          {"56011", "Calci"}};
  static const char *const azStreet[] = {"via Aurelia",      "via Tosco Romagnola", "via di Gello",
                                         "via Emilia",       "via del Brennero",    "via Fiorentina",
                                         "viale delle Cascine"};
  static const char *const azFirst[] = {"Marta", "Paolo", "Gianni", "Silvia", "Franco", "Laura"};
  int64_t nIntern = db_int(x->db, 0,
                           "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
                           " WHERE i.agency_id=$1 AND s.code='internship'",
                           "i", x->st->iAgency);
  int64_t n = max64(3, nIntern / 3);
  x->aFirm = xmalloc((size_t)n * sizeof *x->aFirm);
  DemoRng *r = &x->rng;
  int rc = 0;
  for (int64_t i = 0; !rc && i < n; i++) {
    int t = (int)(i % NA(aType)), w = demo_rng_below(r, NA(azTown));
    const char *zName = azName[demo_rng_below(r, NA(azName))];
    char zFirm[120], zCode[32], zVat[12], zAddress[120], zPhone[20], zEmail[120], zContact[60];
    snprintf(zFirm, sizeof zFirm, "%s %s%s", aType[t].zKind, zName,
             i % 3 == 0 ? " srl" : i % 3 == 1 ? " snc" : " & C. sas");
    snprintf(zCode, sizeof zCode, "firm_%06" PRId64, i + 1);
    vat_number(i * 7919 + 104729, zVat);
    snprintf(zAddress, sizeof zAddress, "%s %d, %s %s", PICK(r, azStreet), range(r, 1, 180),
             azTown[w][0], azTown[w][1]);
    snprintf(zPhone, sizeof zPhone, "050 %07d", range(r, 1000000, 9999999));
    snprintf(zEmail, sizeof zEmail, "tirocini.%s%" PRId64 "@example.it", aType[t].zSlug, i + 1);
    snprintf(zContact, sizeof zContact, "%s %s", PICK(r, azFirst), zName);
    char zAteco[2] = {aType[t].cAteco, 0};
    const char *zOld = i < 3 ? (i == 0 ? "firm_forno" : i == 1 ? "firm_logistica" : "firm_mensa") : 0;
    int64_t iOld = zOld ? organisation_find(x->db, x->st->iAgency, zOld) : 0;
    if (iOld) {
      x->aFirm[i] = iOld;
      rc = db_exec(x->db,
                   "UPDATE organisation SET vat_number=$2, ateco_section=$3, address=$4,"
                   " contact_name=$5, contact_phone=$6, contact_email=$7 WHERE id=$1",
                   "ittttt" "t", iOld, zVat, i == 0 ? "C" : i == 1 ? "H" : "I", zAddress, zContact,
                   zPhone, zEmail);
      continue;
    }
    x->aFirm[i] = db_int(x->db, 0,
                         "INSERT INTO organisation(agency_id, code, name, kind, vat_number,"
                         " ateco_section, address, contact_name, contact_phone, contact_email)"
                         " VALUES ($1,$2,$3,'host_firm',$4,$5,$6,$7,$8,$9) RETURNING id",
                         "ittttttt" "t", x->st->iAgency, zCode, zFirm, zVat, zAteco, zAddress,
                         zContact, zPhone, zEmail);
    if (!x->aFirm[i]) rc = DB_ERROR;
  }
  x->nFirm = (int)n;
  return fail(x->db, "host firms", rc);
}

/* A day of a placement's attendance log, waiting to be written. */
typedef struct Attendance {
  int64_t iDay;
  int nMinutes, bPresent;
  const char *zNote;
} Attendance;
#define ATT_ROWS 4 /* rows per INSERT: fewer statements for the largest table */

/* Writes a[0..*pn) of placement v (ATT_ROWS in one statement, else the
** last one alone) and sets *pn to what is left.  0 or a db.h code. */
static int attendance_write(Ctx *x, const PIv *v, Attendance *a, int *pn) {
  if (*pn < ATT_ROWS) {
    const Attendance *t = &a[--*pn];
    return db_exec(x->db,
                   "INSERT INTO placement_attendance(intervention_id, on_date, minutes, present,"
                   " note, recorded_by, created_at) VALUES ($1,$2,$3,$4,$5,"
                   "NULLIF(CAST($6 AS BIGINT),0),$7)",
                   "itiitit", v->id, dt(t->iDay).z, (int64_t)t->nMinutes, (int64_t)t->bPresent,
                   t->zNote, v->iOperator, st_at(t->iDay, 18, 30).z);
  }
  DbStmt *q = db_prepare(x->db,
                         "INSERT INTO placement_attendance(intervention_id, on_date, minutes,"
                         " present, note, recorded_by, created_at) VALUES"
                         " ($1,$3,$4,$5,$6,NULLIF(CAST($2 AS BIGINT),0),$7),"
                         " ($1,$8,$9,$10,$11,NULLIF(CAST($2 AS BIGINT),0),$12),"
                         " ($1,$13,$14,$15,$16,NULLIF(CAST($2 AS BIGINT),0),$17),"
                         " ($1,$18,$19,$20,$21,NULLIF(CAST($2 AS BIGINT),0),$22)");
  db_bind_int(q, 1, v->id);
  db_bind_int(q, 2, v->iOperator);
  for (int i = 0; i < ATT_ROWS; i++) {
    db_bind_text(q, 3 + 5 * i, dt(a[i].iDay).z);
    db_bind_int(q, 4 + 5 * i, a[i].nMinutes);
    db_bind_int(q, 5 + 5 * i, a[i].bPresent);
    db_bind_text(q, 6 + 5 * i, a[i].zNote);
    db_bind_text(q, 7 + 5 * i, st_at(a[i].iDay, 18, 30).z);
  }
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {}
  db_done(q);
  *pn = 0;
  return rc == DB_DONE ? 0 : rc;
}

/* The placement of an internship with its attendance log; *piHired gets
** the hiring day (0: none: the internship did not complete, or the path
** of fate f is cut short later) and *pzContract its contract type. */
static int write_placement(Ctx *x, const PCase *k, const Fate *f, const PIv *v,
                           int64_t *piHired, const char **pzContract) {
  static const char *const azTutor[] = {"Marco Lari",   "Anna Puccini", "Sergio Giusti",
                                        "Elisa Santini", "Roberto Lupi", "Daniela Orsucci"};
  static const char *const azContract[] = {"fixed_term", "fixed_term", "fixed_term", "fixed_term",
                                           "apprenticeship", "apprenticeship", "permanent",
                                           "permanent", "other"};
  DemoRng *r = &x->rng;
  const IvPath *p = &v->path;
  *piHired = 0;
  *pzContract = 0;
  if (!p->iStart) return 0;
  int bDone = strcmp(p->zEnd, "completed") == 0;
  int bChild = v->iPerson != k->iPerson; /* the plan moved to an adult child */
  if (bDone && f->e == FATE_DONE && chance(r, bChild ? 75 : 25)) { /* not if the path is cut */
    *piHired = min64(p->iEnd + range(r, 0, 10), x->aEnd[k->iRound - 1]);
    *pzContract = PICK(r, azContract);
  }
  int nWeekly = k->iRound == 1 ? (chance(r, 50) ? 20 : 25) : 20;
  int nDays = nWeekly == 20 ? 4 : 5, nMin = nWeekly * 60 / nDays;
  const char *zEndReason = *piHired         ? "Assunzione presso l'azienda ospitante."
                           : bDone          ? "Tirocinio concluso come da progetto."
                                            : p->zReason;
  int rc = db_exec(x->db,
                   "INSERT INTO placement(intervention_id, host_firm_id, company_tutor,"
                   " coop_tutor_id, start_on, end_on, weekly_hours, monthly_indemnity_cents,"
                   " end_reason, hired_on, contract_type, updated_at) VALUES ($1,$2,$3,"
                   "NULLIF(CAST($4 AS BIGINT),0),$5,$6,$7,$8,$9,$10,$11,$12)",
                   "iitittii" "tttt", v->id, x->aFirm[demo_rng_below(r, x->nFirm)],
                   PICK(r, azTutor), v->iOperator, dt(p->iStart).z, dt(p->iEnd).z,
                   (int64_t)nWeekly, (int64_t)(nWeekly >= 25 ? 50000 : 40000), zEndReason,
                   *piHired ? dt(*piHired).z : 0, *pzContract, st_at(p->iEnd, 18, 0).z);
  Attendance aRow[ATT_ROWS];
  int nRow = 0;
  for (int64_t d = p->iStart; !rc && d <= p->iEnd; d++) {
    if (weekday(d) >= nDays || !workdays_is_workday_n(d)) continue;
    if (p->iSuspend && d >= p->iSuspend && (!p->iResume || d < p->iResume)) continue;
    int bAbsent = chance(r, 7);
    aRow[nRow++] = (Attendance){d, bAbsent ? 0 : nMin, !bAbsent,
                                bAbsent ? (chance(r, 60) ? "Malattia" : "Assenza per motivi familiari")
                                        : 0};
    if (nRow == ATT_ROWS) rc = attendance_write(x, v, aRow, &nRow);
  }
  while (!rc && nRow) rc = attendance_write(x, v, aRow, &nRow);
  return rc;
}

/* ---- the outcome and the conclusive evaluation ---- */

typedef struct Outcome {
  const char *zOutcome, *zContract, *zNote;
  int64_t iOn, iWritten;
} Outcome;

/* The outcome of case k from its fate and what its interventions did. */
static void draw_outcome(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iHired,
                         const char *zHiredContract, Outcome *o) {
  static const char *const azContract[] = {"fixed_term", "fixed_term", "permanent", "other"};
  DemoRng *r = &x->rng;
  int64_t iLast = k->iAgreed;
  int bTrained = 0, bQualified = 0, bWorkPath = 0;
  for (int i = 0; i < k->nIv; i++) {
    const PIv *v = &b->aIv[k->iIv + i];
    int bTr = is_training(v->s);
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
  } else if (bWorkPath && chance(r, k->iRound == 1 ? 12 : 8)) {
    o->zOutcome = "employed_other";
    o->zContract = PICK(r, azContract);
    o->iOn = iLast + range(r, 0, 20);
    o->zNote = "Ha trovato lavoro presso un'altra azienda grazie al curriculum rinnovato.";
  } else if (bQualified && chance(r, 60)) {
    o->zOutcome = "qualification";
  } else if (bTrained) {
    o->zOutcome = "training_completed";
  } else {
    o->zOutcome = "activated";
  }
  o->iOn = max64(o->iOn, k->iAgreed);
  o->iWritten = max64(iLast, o->iOn) + range(r, 3, 20);
}

static int write_evaluation(Ctx *x, const Batch *b, const PCase *k, const Fate *f,
                            const Outcome *o) {
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
  int rc = db_exec(x->db,
                   "INSERT INTO evaluation(case_id, agency_id, written_on, author_id,"
                   " skills_acquired, critical_issues, resources_activated, outcome, outcome_on,"
                   " contract_type, interruption_reason, withdrawal_reason, note, created_at)"
                   " VALUES ($1,$2,$3,NULLIF(CAST($4 AS BIGINT),0),$5,$6,$7,$8,$9,$10,$11,$12,$13,"
                   "$14)",
                   "iitittttttttt" "t", k->id, x->st->iAgency, dt(o->iWritten).z, k->iCm,
                   PICK(r, azSkills), f->e == FATE_CUT ? f->zReason : PICK(r, azIssues),
                   PICK(r, azResources), o->zOutcome, dt(o->iOn).z, o->zContract,
                   f->e == FATE_CUT ? f->zInterruption : 0,
                   f->e == FATE_WITHDREW ? f->zWithdrawal : 0, o->zNote,
                   st_at(o->iWritten, 16, 0).z);
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

/* ---- the activity register ---- */

enum { AK_MEETING, AK_PHONE, AK_VISIT, AK_EMAIL, AK_SCHOOL, AK_TEAM, AK_NOTE, AK_COUNT };
static const char *const azActivity[AK_COUNT] = {"meeting", "phone_call",     "home_visit", "email",
                                                 "school_meeting", "team_meeting", "note"};
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
     "Nota: aggiornato il curriculum.",
     "Nota: ricevuto l'attestato del corso."},
};
static const char *const azRestricted[] = {
    "Riferiti episodi di tensione in famiglia: concordato un colloquio con la psicoterapeuta.",
    "Emersa una fragilità psicologica da monitorare; informata la psicoterapeuta.",
    "Situazione debitoria riservata: non condividere con l'azienda ospitante.",
};

static int write_activity(Ctx *x, const PCase *k, int64_t iDay, int64_t iAuthor, int e,
                          int64_t iIv, int bRestricted, const char *zText, const int64_t *aMember,
                          int nMember) {
  static const int aMin[AK_COUNT][2] = {{30, 90}, {5, 20}, {45, 120}, {5, 15},
                                        {45, 90}, {10, 20}, {5, 10}};
  int64_t id = db_int(x->db, 0,
                      "INSERT INTO activity(agency_id, case_id, on_date, author_id, kind, minutes,"
                      " intervention_id, confidentiality, text, created_at) VALUES ($1,$2,$3,$4,$5,"
                      "$6,NULLIF(CAST($7 AS BIGINT),0),$8,$9,$10) RETURNING id",
                      "iititiittt", x->st->iAgency, k->id, dt(iDay).z, iAuthor, azActivity[e],
                      (int64_t)range(&x->rng, aMin[e][0], aMin[e][1]), iIv,
                      bRestricted ? "restricted" : "normal", zText, st_at(iDay, 18, 15).z);
  int rc = id ? 0 : DB_ERROR;
  for (int i = 0; !rc && i < nMember; i++) {
    if (i > 0 && aMember[i] == aMember[0]) continue;
    rc = db_exec(x->db, "INSERT INTO activity_member(activity_id, person_id) VALUES ($1,$2)", "ii",
                 id, aMember[i]);
  }
  return rc;
}

/* The social worker holding case k on day d. */
static int64_t social_on(const Ctx *x, const PCase *k, const Fate *f, int64_t d) {
  return f->bHandover && d < x->iHandover ? x->iTemp : k->iSocial;
}

/* 5 to 25 entries between the agreement and the evaluation. */
static int write_register(Ctx *x, const Batch *b, const PCase *k, const Fate *f, int64_t iLast) {
  static const int aWeight[AK_COUNT] = {20, 30, 12, 15, 6, 7, 10};
  DemoRng *r = &x->rng;
  int n = range(r, 5, k->iRound == 1 ? 25 : 15), rc = 0;
  int bEdu = 0;
  for (int i = 0; i < k->nIv; i++) bEdu |= b->aIv[k->iIv + i].s == SV_HOME_EDU;
  for (int i = 0; !rc && i < n; i++) {
    int64_t d = k->iAgreed + (int64_t)demo_rng_below(r, (int)max64(iLast - k->iAgreed, 1));
    int e = demo_rng_weighted(r, aWeight, AK_COUNT);
    if (e == AK_SCHOOL && !bEdu) e = AK_MEETING;
    int64_t iAuthor = k->iCm ? k->iCm : k->iSocial, iIv = 0;
    int64_t aMember[2] = {k->iPerson, 0};
    int nMember = chance(r, 80) ? 1 : 0;
    const PIv *v = k->nIv ? &b->aIv[k->iIv + demo_rng_below(r, k->nIv)] : 0;
    if (e == AK_TEAM || (e == AK_VISIT && chance(r, 40))) iAuthor = social_on(x, k, f, d);
    if ((e == AK_SCHOOL || e == AK_VISIT || e == AK_PHONE) && v && v->iOperator &&
        v->path.iStart && chance(r, 50)) {
      iAuthor = v->iOperator;
      iIv = v->id;
      aMember[0] = v->iPerson;
      nMember = 1;
    }
    if (k->nMem > 1 && chance(r, 25)) aMember[nMember++] = b->aMem[k->iMem + 1];
    int bRestricted = chance(r, 5);
    const char *zText = bRestricted ? PICK(r, azRestricted) : PICK(r, azActivityText[e]);
    if (bRestricted && k->iPsy) iAuthor = k->iPsy;
    rc = write_activity(x, k, d, iAuthor, e, iIv, bRestricted, zText, aMember, nMember);
  }
  return rc;
}

/* ---- requests ---- */

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
     {"Nucleo senza spesa per la settimana.",
      "Attivati i buoni spesa e il pacco della Caritas."}},
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
  int h = range(&x->rng, 9, 17);
  if (e < iAfterDay) e = iAfterDay;
  if (e == iAfterDay && h <= iAfterHour) h = iAfterHour + 1;
  if (h > 23) {
    e = workdays_add_n(e + 1, 0);
    h = 9;
  }
  *piDay = e;
  return st_at(e, h, range(&x->rng, 0, 59));
}

/* Zero to four requests, raised after the agreement and answered. */
static int write_requests(Ctx *x, const PCase *k, const Fate *f, int64_t iLast) {
  static const int aCount[5] = {25, 30, 25, 12, 8};
  static const int aWeight[RK_COUNT] = {20, 25, 15, 15, 5, 20};
  DemoRng *r = &x->rng;
  int n = demo_rng_weighted(r, aCount, 5), rc = 0;
  if (iLast - k->iAgreed < 40) n = n > 1 ? 1 : n;
  for (int i = 0; !rc && i < n; i++) {
    int e = demo_rng_weighted(r, aWeight, RK_COUNT), j = demo_rng_below(r, 2);
    int64_t d = k->iAgreed + 3 + demo_rng_below(r, (int)max64(iLast - k->iAgreed - 45, 1));
    int hRaised = range(r, 9, 16);
    int64_t iSocial = social_on(x, k, f, d);
    int64_t iAssignee = e == RK_SCHOOL || e == RK_OTHER ? (k->iCm ? k->iCm : iSocial) : iSocial;
    int bParticipant = chance(r, 70);
    int64_t iRaisedBy = bParticipant || chance(r, 50) ? (k->iCm ? k->iCm : iSocial) : iSocial;
    int nAck = chance(r, 8) ? x->aAck[e] + range(r, 1, 4) : range(r, 0, x->aAck[e]);
    int nRes = chance(r, 12) ? x->aRes[e] + range(r, 1, 8) : range(r, x->aAck[e], x->aRes[e]);
    int64_t iAckDay, iResDay;
    StampText zAck = answer_at(x, d, nAck, d, hRaised, &iAckDay);
    StampText zRes = answer_at(x, d, nRes > nAck ? nRes : nAck, iAckDay, 17, &iResDay);
    rc = db_exec(x->db,
                 "INSERT INTO request(agency_id, case_id, kind, raised_by_participant, raised_by,"
                 " assignee_id, text, raised_at, acknowledged_at, acknowledged_by, resolved_at,"
                 " resolved_by, resolution) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$6,$10,$6,$11)",
                 "iitiiitttt" "t", x->st->iAgency, k->id, azKind[e], (int64_t)bParticipant,
                 iRaisedBy, iAssignee, azRequest[e][j][0],
                 st_at(d, hRaised, range(r, 0, 59)).z, zAck.z, zRes.z, azRequest[e][j][1]);
  }
  return rc;
}

/* ---- the handover of the temporary social worker's cases ---- */

static int write_handover(Ctx *x, const PCase *k) {
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
    rc = db_exec(x->db, "UPDATE case_file SET shortlisted_by=$2 WHERE id=$1", "ii", k->id,
                 x->iTemp);
  return rc;
}

/* ---- one case ---- */

static int deliver_case(Ctx *x, Batch *b, int iCase) {
  PCase *k = &b->aCase[iCase];
  Fate f;
  draw_fate(x, b, k, &f);
  int rc = 0;
  int64_t iHired = 0;
  const char *zContract = 0;
  for (int i = 0; i < k->nIv; i++) {
    PIv *v = &b->aIv[k->iIv + i];
    if (!is_training(v->s)) plan_path(x, b, k, &f, v);
  }
  for (int i = 0; !rc && i < k->nIv; i++) {
    PIv *v = &b->aIv[k->iIv + i];
    if (is_training(v->s)) continue;
    rc = write_path(x, v->id, &v->path);
    if (!rc && v->s == SV_HOME_EDU && v->path.iStart)
      rc = db_exec(x->db, "UPDATE intervention SET school=$2, weekly_hours=4 WHERE id=$1", "it",
                   v->id, chance(&x->rng, 50) ? "Istituto comprensivo Fibonacci, Pisa"
                                              : "Scuola primaria Filzi, Cascina");
    if (!rc && v->s == SV_INTERNSHIP) {
      int64_t iH;
      const char *zC;
      rc = write_placement(x, k, &f, v, &iH, &zC);
      if (iH && (!iHired || iH < iHired)) {
        iHired = iH;
        zContract = zC;
      }
    }
    if (!rc && v->nSessions && v->s != SV_INTERNSHIP) rc = write_sessions(x, v);
  }
  Outcome o;
  draw_outcome(x, b, k, &f, iHired, zContract, &o);
  if (!rc) rc = write_evaluation(x, b, k, &f, &o);
  if (!rc) rc = write_register(x, b, k, &f, o.iWritten);
  if (!rc) rc = write_requests(x, k, &f, o.iWritten);
  if (!rc && f.bHandover) rc = write_handover(x, k);
  return rc;
}

/* Pass 2: every agreed case, DD_BATCH per transaction. */
static int cases(Ctx *x) {
  Batch b;
  memset(&b, 0, sizeof b);
  int64_t iAfter = 0, nDone = 0;
  int64_t nAll = db_int(x->db, 0, "SELECT count(*) FROM case_file WHERE agency_id=$1 AND"
                                  " stage='agreed'", "i", x->st->iAgency);
  int rc = 0;
  for (;;) {
    rc = load_cases(x, &b, iAfter);
    if (rc || b.nCase == 0) break;
    rc = load_interventions(x, &b);
    if (!rc) rc = load_members(x, &b);
    if (!rc) rc = db_begin(x->db);
    for (int i = 0; !rc && i < b.nCase; i++) rc = deliver_case(x, &b, i);
    if (!rc) rc = db_commit(x->db);
    if (rc) {
      db_rollback(x->db);
      break;
    }
    iAfter = b.aCase[b.nCase - 1].id;
    nDone += b.nCase;
    cli_progress("demo delivery", nDone, nAll);
  }
  batch_free(&b);
  return fail(x->db, "cases", rc);
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
    a[n++] = (Held){db_col_int(q, 0), db_col_int(q, 1), day_of(zFrom), day_of(db_col_text(q, 3)),
                    day_of(db_col_text(q, 4))};
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
  int nPick = 0, nWant = range(r, 3, 6);
  for (int t = 0; t < 60 && nPick < nWant && n > 0; t++) {
    const Held *h = &a[demo_rng_below(r, (int)(n < 2000000000 ? n : 2000000000))];
    int bDup = 0;
    for (int i = 0; i < nPick; i++) bDup |= aPick[i] == h - a;
    if (!bDup && h->iFrom <= d && h->iAgreed <= d && h->iWritten >= d) aPick[nPick++] = h - a;
  }
  if (nPick == 0) return 0;
  int64_t id = db_int(x->db, 0,
                      "INSERT INTO team_meeting(agency_id, social_worker_id, held_on, notes,"
                      " created_by, created_at) VALUES ($1,$2,$3,$4,$2,$5) RETURNING id",
                      "iitt" "t", x->st->iAgency, x->st->iSocial1, dt(d).z,
                      "Presenti: Chiara Lenzi, Giulia Martelli, Stefano Bertini.",
                      st_at(d, 13, 0).z);
  int rc = id ? 0 : DB_ERROR;
  for (int i = 0; !rc && i < nPick; i++) {
    const Held *h = &a[aPick[i]];
    const char *zMinute = PICK(r, azMinute);
    rc = db_exec(x->db,
                 "INSERT INTO team_meeting_case(meeting_id, case_id, minute) VALUES ($1,$2,$3)",
                 "iit", id, h->iCase, zMinute);
    PCase k = {0};
    k.id = h->iCase;
    if (!rc) rc = write_activity(x, &k, d, x->st->iSocial1, AK_TEAM, 0, 0, zMinute, &h->iPerson, 1);
  }
  return rc;
}

/* Pass 3: a meeting every Tuesday of both rounds but August and the
** Christmas weeks. */
static int team_meetings(Ctx *x) {
  Held *a;
  int64_t n;
  int rc = load_held(x, x->st->iSocial1, &a, &n);
  if (!rc) rc = db_begin(x->db);
  for (int64_t d = x->aStart[0] + 60; !rc && d <= x->aEnd[1]; d++) {
    char z[11];
    date_from_days(d, z);
    if (weekday(d) != 1 || !workdays_is_workday_n(d) || memcmp(z + 5, "08", 2) == 0 ||
        (memcmp(z + 5, "12", 2) == 0 && z[8] >= '2') || (memcmp(z + 5, "01", 2) == 0 && z[8] == '0'))
      continue;
    rc = meeting(x, a, n, d);
  }
  if (!rc) rc = db_commit(x->db);
  else db_rollback(x->db);
  free(a);
  return fail(x->db, "team meetings", rc);
}

/* ---- opening ---- */

/* The social worker on a temporary contract, who left on x->iHandover. */
static int temp_worker(Ctx *x) {
  x->iTemp = db_int(x->db, 0,
                    "INSERT INTO app_user(agency_id, username, full_name, active, created_at)"
                    " VALUES ($1,'social_temp','Valentina Orsini',0,'2020-09-01T08:00:00Z')"
                    " RETURNING id",
                    "i", x->st->iAgency);
  if (!x->iTemp) return DB_ERROR;
  return db_exec(x->db, "INSERT INTO user_role(user_id, role) VALUES ($1,'social_worker')", "i",
                 x->iTemp);
}

static int open_ctx(Ctx *x) {
  static const char *const azRound[2] = {"R1", "R2"};
  for (int s = 0; s < SV_COUNT; s++) {
    x->aService[s] = service_find(x->db, x->st->iAgency, azSvc[s]);
    if (!x->aService[s]) {
      fprintf(stderr, "ali: demo delivery: no service %s\n", azSvc[s]);
      return 1;
    }
  }
  for (int i = 0; i < 2; i++) {
    Arena a = {0};
    int64_t id = round_find(x->db, x->st->iAgency, azRound[i]);
    x->aStart[i] = day_of(db_text(x->db, &a, "SELECT start_date FROM round WHERE id=$1", "i", id));
    x->aEnd[i] = day_of(db_text(x->db, &a, "SELECT end_date FROM round WHERE id=$1", "i", id));
    arena_free(&a);
    if (!x->aStart[i] || !x->aEnd[i]) {
      fprintf(stderr, "ali: demo delivery: round %s missing\n", azRound[i]);
      return 1;
    }
  }
  x->iManager = db_int(x->db, 0, "SELECT id FROM app_user WHERE username='manager'", "");
  x->iHandover = day_of("2021-05-14");
  RequestTarget aT[REQ_KIND_COUNT];
  if (request_targets(x->db, x->st->iAgency, aT)) {
    fprintf(stderr, "ali: demo delivery: request targets: %s\n", db_errmsg(x->db));
    return 1;
  }
  for (int e = 0; e < RK_COUNT; e++) { /* RK_ is RequestKind's order */
    x->aAck[e] = aT[e].nAckDays;
    x->aRes[e] = aT[e].nResolveDays;
  }
  return 0;
}

int demo_delivery(Db *db, const DemoStaff *pStaff, uint64_t iSeed) {
  Ctx x;
  memset(&x, 0, sizeof x);
  x.db = db;
  x.st = pStaff;
  demo_rng_seed(&x.rng, iSeed ^ 0xDE11FE47ull);
  if (open_ctx(&x)) return 1;
  int rc = db_begin(db);
  if (!rc) rc = fail(db, "temporary social worker", temp_worker(&x));
  if (!rc) rc = host_firms(&x);
  if (!rc) rc = db_commit(db);
  else db_rollback(db);
  if (!rc) rc = training(&x);
  if (!rc) rc = cases(&x);
  if (!rc) rc = team_meetings(&x);
  free(x.aFirm);
  return rc ? 1 : 0;
}
