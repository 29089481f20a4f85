/*
** microdata.c — pseudonymised microdata for evaluators (microdata.h):
** the pseudonym, the two tables, the small-cell count.
**
** Rows are read in the order of the rounds, then sorted by pseudonym
** within each round, so that their order says nothing of the registry's
** (an id's order is the order people were registered in).
*/
#include "microdata.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/entry.h"
#include "../domain/esf.h"
#include "../domain/iv_session.h"
#include "../lib/date.h"
#include "../lib/jsonw.h"

void microdata_pseudonym(const unsigned char *pKey, size_t nKey, int64_t iPerson,
                         char zOut[MICRODATA_PSEUDONYM_HEX + 1]) {
  char zMsg[64];
  int n = snprintf(zMsg, sizeof zMsg, "ali-microdata-v1:%lld", (long long)iPerson);
  unsigned char aMac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  if (sodium_init() < 0) abort();
  crypto_auth_hmacsha256_init(&st, pKey, nKey);
  crypto_auth_hmacsha256_update(&st, (const unsigned char *)zMsg, (unsigned long long)n);
  crypto_auth_hmacsha256_final(&st, aMac);
  sodium_bin2hex(zOut, MICRODATA_PSEUDONYM_HEX + 1, aMac, MICRODATA_PSEUDONYM_HEX / 2);
  sodium_memzero(&st, sizeof st);
}

/* One row of either file, before sorting. */
typedef struct MdRow {
  int iRound;                            /* the round's place in start order */
  char zPseudo[MICRODATA_PSEUDONYM_HEX + 1];
  int64_t iTie;                          /* breaks ties: never written */
  const char **azCell;                   /* the cells after the pseudonym */
  double rHours;                         /* interventions: delivered hours; -1 none */
} MdRow;

typedef struct MdRows {
  MdRow *a;
  int n, nAlloc;
} MdRows;

static MdRow *md_push(Arena *a, MdRows *p, int nCell) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 64;
    MdRow *aNew = arena_alloc(a, sizeof *aNew * (size_t)p->nAlloc);
    if (p->n) memcpy(aNew, p->a, sizeof *aNew * (size_t)p->n);
    p->a = aNew;
  }
  MdRow *r = &p->a[p->n++];
  memset(r, 0, sizeof *r);
  r->azCell = arena_alloc(a, sizeof(char *) * (size_t)nCell);
  r->rHours = -1;
  return r;
}

static int md_cmp(const void *p1, const void *p2) {
  const MdRow *a = p1, *b = p2;
  if (a->iRound != b->iRound) return a->iRound < b->iRound ? -1 : 1;
  int c = strcmp(a->zPseudo, b->zPseudo);
  if (c) return c;
  static const int aKey[] = {1, 4}; /* interventions: service, start month */
  for (int i = 0; i < 2; i++) {
    const char *z1 = a->azCell[aKey[i]], *z2 = b->azCell[aKey[i]];
    if ((c = strcmp(z1 ? z1 : "", z2 ? z2 : "")) != 0) return c;
  }
  return a->iTie < b->iTie ? -1 : a->iTie > b->iTie;
}

/* What rows are read with: the key, and the round seen last. */
typedef struct MdCursor {
  const unsigned char *pKey;
  size_t nKey;
  int64_t iLast; /* the round id of the row before */
  int iOrd;      /* its place in the order rows come in */
} MdCursor;

/* A new row of nCell cells for the person (column 0) and the round
** (column 1) of row q, which come in the order of the rounds. */
static MdRow *md_row(Arena *a, MdRows *p, int nCell, DbStmt *q, MdCursor *k) {
  MdRow *r = md_push(a, p, nCell);
  int64_t iRound = db_col_int(q, 1);
  if (iRound != k->iLast) {
    k->iLast = iRound;
    k->iOrd++;
  }
  r->iRound = k->iOrd;
  microdata_pseudonym(k->pKey, k->nKey, db_col_int(q, 0), r->zPseudo);
  return r;
}

/* "YYYY-MM" of a date or timestamp, or NULL. */
static const char *md_month(Arena *a, const char *z) {
  return z && strlen(z) >= 7 ? arena_strndup(a, z, 7) : NULL;
}

static const char *md_text(Arena *a, DbStmt *q, int i) {
  return arena_strdup(a, db_col_text(q, i));
}

/* ------------------------------------------------------------------ */
/* participants.csv                                                    */
/* ------------------------------------------------------------------ */

#define PART_CELLS 14
static const char *const azPartCode[PART_CELLS + 1] = {
    "pseudonym",         "round",          "funding_stream", "gender",        "age_band",
    "origin",            "citizenship_group", "household_size", "single_mother", "labour_status",
    "isced",             "screening_decision", "entry_month",  "outcome",       "exit_month"};

/* One participation from row q of the query below. */
static void md_part_row(Arena *a, DbStmt *q, MdRow *r) {
  const char **az = r->azCell;
  az[0] = md_text(a, q, 2);                                   /* round */
  az[1] = md_text(a, q, 3);                                   /* funding_stream */
  az[2] = md_text(a, q, 4);                                   /* gender */
  az[3] = db_col_null(q, 5) ? NULL : age_band((int)db_col_int(q, 5));
  az[4] = md_text(a, q, 6);                                   /* origin */
  const char *zCit = db_col_text(q, 7);
  az[5] = !zCit || !*zCit ? NULL : esf_eu_member(zCit) ? "eu" : "non_eu";
  int64_t nHousehold = db_col_null(q, 8) ? 0 : db_col_int(q, 8);
  az[6] = nHousehold <= 0   ? NULL
          : nHousehold >= 6 ? "6plus"
                            : arena_printf(a, "%d", (int)nHousehold);
  az[7] = db_col_null(q, 9) ? NULL : db_col_int(q, 9) ? "yes" : "no";
  az[8] = md_text(a, q, 10);                                  /* labour_status */
  az[9] = md_text(a, q, 11);                                  /* isced */
  az[10] = md_text(a, q, 12);                                 /* screening_decision */
  az[11] = md_month(a, db_col_text(q, 13));                   /* entry_month */
  az[12] = md_text(a, q, 14);                                 /* outcome */
  az[13] = md_month(a, db_col_null(q, 15) ? db_col_text(q, 16) : db_col_text(q, 15));
}

static int md_participants(Db *db, Arena *a, int64_t iAgency, int64_t iRound, MdCursor k,
                           MdRows *p) {
  DbStmt *q = db_query(db,
                       "SELECT c.person_id, c.round_id, r.code, s.code, ep.gender, ep.age,"
                       " ep.origin, pe.citizenship, ep.household_size, ep.single_mother,"
                       " f.labour_status, f.education_isced, f.decision, c.agreed_on,"
                       " ev.outcome, ev.written_on, c.closed_at"
                       " FROM case_file c JOIN round r ON r.id=c.round_id"
                       " JOIN person pe ON pe.id=c.person_id"
                       " LEFT JOIN funding_stream s ON s.id=c.funding_stream_id"
                       " LEFT JOIN entry_profile ep ON ep.case_id=c.id"
                       " LEFT JOIN access_form f ON f.case_id=c.id"
                       " LEFT JOIN evaluation ev ON ev.case_id=c.id"
                       " WHERE c.agency_id=$1 AND ($2=0 OR c.round_id=$2)"
                       " AND c.agreed_on IS NOT NULL"
                       " ORDER BY r.start_date, r.code",
                       "ii", iAgency, iRound);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) md_part_row(a, q, md_row(a, p, PART_CELLS, q, &k));
  db_done(q);
  return rc == DB_DONE ? 0 : rc;
}

/* ------------------------------------------------------------------ */
/* interventions.csv                                                   */
/* ------------------------------------------------------------------ */

#define IV_CELLS 8
static const char *const azIvCode[IV_CELLS + 1] = {
    "pseudonym",   "round",     "service",       "recipient",      "status",
    "start_month", "end_month", "planned_hours", "delivered_hours"};

static int md_interventions(Db *db, Arena *a, int64_t iAgency, int64_t iRound, MdCursor k,
                            MdRows *p) {
  DbStmt *q = db_query(db,
                       "SELECT c.person_id, c.round_id, i.id, r.code, sv.code, i.person_id,"
                       " i.status, i.started_on, i.ended_on, i.planned_hours,"
                       " (SELECT coalesce(sum(cs.minutes),0) FROM enrolment n"
                       "  JOIN course_attendance ca ON ca.enrolment_id=n.id AND ca.present=1"
                       "  JOIN course_session cs ON cs.id=ca.session_id"
                       "  WHERE n.intervention_id=i.id)"
                       " FROM intervention i JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id JOIN round r ON r.id=c.round_id"
                       " JOIN service sv ON sv.id=i.service_id"
                       " WHERE c.agency_id=$1 AND ($2=0 OR c.round_id=$2)"
                       " AND c.agreed_on IS NOT NULL"
                       " ORDER BY r.start_date, r.code",
                       "ii", iAgency, iRound);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    MdRow *r = md_row(a, p, IV_CELLS, q, &k);
    r->iTie = db_col_int(q, 2);
    const char **az = r->azCell;
    az[0] = md_text(a, q, 3);
    az[1] = md_text(a, q, 4);
    az[2] = db_col_int(q, 5) == db_col_int(q, 0) ? "participant" : "household_member";
    az[3] = md_text(a, q, 6);
    az[4] = md_month(a, db_col_text(q, 7));
    az[5] = md_month(a, db_col_text(q, 8));
    az[6] = md_text(a, q, 9);
    r->rHours = (double)db_col_int(q, 10); /* course minutes; sessions added below */
  }
  db_done(q);
  for (int i = 0; rc == DB_DONE && i < p->n; i++) {
    IvDelivered dv;
    int rc2 = iv_delivered(db, iAgency, p->a[i].iTie, &dv);
    if (rc2) return rc2;
    p->a[i].rHours = (p->a[i].rHours + (double)dv.nMinutes) / 60.0;
  }
  return rc == DB_DONE ? 0 : rc;
}

/* ------------------------------------------------------------------ */
/* Both                                                                */
/* ------------------------------------------------------------------ */

/* Writes rows p, sorted, as the data table of d (nCell cells and the
** pseudonym; a last column of delivered hours when bHours). */
static void md_table(MdRows *p, RDoc *d, const char *const *azCode, int nCell, int bHours) {
  if (p->n > 1) qsort(p->a, (size_t)p->n, sizeof *p->a, md_cmp);
  RTable *t = rdoc_data(d, nCell + 1 + bHours, azCode, NULL);
  for (int i = 0; i < p->n; i++) {
    rt_text(t, p->a[i].zPseudo);
    for (int k = 0; k < nCell; k++) rt_text(t, p->a[i].azCell[k]);
    if (bHours) rt_real(t, p->a[i].rHours, 1);
  }
}

/* The quasi-identifiers of a participation row: round, gender, age band,
** origin, citizenship group (cells 0, 2, 3, 4, 5). */
static const int aQuasi[] = {0, 2, 3, 4, 5};

static int md_quasi_cmp(const void *p1, const void *p2) {
  const MdRow *a = *(const MdRow *const *)p1, *b = *(const MdRow *const *)p2;
  for (size_t k = 0; k < sizeof aQuasi / sizeof aQuasi[0]; k++) {
    const char *z1 = a->azCell[aQuasi[k]], *z2 = b->azCell[aQuasi[k]];
    int c = strcmp(z1 ? z1 : "", z2 ? z2 : "");
    if (c) return c;
  }
  return 0;
}

/* Participation rows alone in their round with their gender, age band,
** origin and citizenship group. */
static int md_unique(Arena *a, const MdRows *p) {
  const MdRow **ap = arena_alloc(a, sizeof *ap * (size_t)(p->n ? p->n : 1));
  for (int i = 0; i < p->n; i++) ap[i] = &p->a[i];
  if (p->n > 1) qsort(ap, (size_t)p->n, sizeof *ap, md_quasi_cmp);
  int nUnique = 0;
  for (int i = 0; i < p->n; i++) {
    int bPrev = i > 0 && md_quasi_cmp(&ap[i - 1], &ap[i]) == 0;
    int bNext = i + 1 < p->n && md_quasi_cmp(&ap[i], &ap[i + 1]) == 0;
    nUnique += !bPrev && !bNext;
  }
  return nUnique;
}

int microdata_build(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const unsigned char *pKey,
                    size_t nKey, RDoc *pPart, RDoc *pIv, MicrodataCounts *pN) {
  assert(nKey >= MICRODATA_KEY_MIN);
  memset(pN, 0, sizeof *pN);
  MdRows part = {0}, iv = {0};
  MdCursor k = {pKey, nKey, 0, 0};
  int rc = entry_snapshot_fill(db, iAgency);
  if (!rc) rc = md_participants(db, a, iAgency, iRound, k, &part);
  if (!rc) rc = md_interventions(db, a, iAgency, iRound, k, &iv);
  if (rc) return rc;
  rdoc_init(pPart, a, "participants", "participants");
  rdoc_init(pIv, a, "interventions", "interventions");
  md_table(&part, pPart, azPartCode, PART_CELLS, 0);
  md_table(&iv, pIv, azIvCode, IV_CELLS - 1, 1);
  pN->nParticipants = part.n;
  pN->nInterventions = iv.n;
  pN->nUnique = md_unique(a, &part);
  return 0;
}

const char *microdata_audit_detail(Arena *a, const char *zRound, const MicrodataCounts *pN,
                                   int bPart, int bIv) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "round", zRound);
  if (bPart) jw_kv_int(&w, "participants", pN->nParticipants);
  if (bIv) jw_kv_int(&w, "interventions", pN->nInterventions);
  jw_obj_end(&w);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}
