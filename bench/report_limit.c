/*
** report_limit.c — the limit the monitoring reports are measured against
** (issue 7): one program that reads the rows the reports need exactly
** once, in one pass per table, and aggregates them in memory.  No report
** can read less; the harness (bench/run) compares the wall time of every
** `ali report` over the whole dataset with this program's.
**
**   build/bench/report_limit DB
**
** DB is an SQLite file or a postgresql:// URL.  It reads, in this order:
**
**   round         (id, code)                          the rounds
**   service       (id, code)                          the catalogue
**   person        (id, household_id, gender, birth_date, birth_country)
**   case_file     (id, person_id, round_id, agreed_on) agreed ones only
**   project       (id, case_id)
**   intervention  (project_id, service_id, status)
**
** and prints, per round, the participant profile of DOMAIN.md ("Definitions
** the reports use"): participants, gender, origin (Italy / other),
** age band at entry, household size at entry (members counted as the
** registry holds them now), and the services activated (projects with at
** least one intervention of the service that started).  SQLite rows are
** read through sqlite3_step with typed columns; PostgreSQL rows through
** COPY (SELECT ...) TO STDOUT, the fastest way libpq offers to stream a
** table.  Exit status 0, or 1 with a message on standard error.
*/
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COL 6
#define MAX_ROUND 64

/* ---- reading rows from either backend ---- */

/* One row as text: column i is NULL when azText[i] is. */
typedef struct Row {
  const char *azText[MAX_COL];
} Row;

typedef void (*RowFn)(void *pCtx, const Row *pRow);

typedef struct Src {
  sqlite3 *pLite;
  PGconn *pPg;
} Src;

static void fail(const char *zWhat, const char *zMsg) {
  fprintf(stderr, "report_limit: %s: %s\n", zWhat, zMsg);
  exit(1);
}

static void *xmalloc(size_t n) {
  void *p = calloc(1, n ? n : 1);
  if (!p) fail("memory", "out of memory");
  return p;
}

static void lite_each(Src *s, const char *zSql, int nCol, RowFn x, void *pCtx) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->pLite, zSql, -1, &st, 0)) fail(zSql, sqlite3_errmsg(s->pLite));
  Row row;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < nCol; i++) row.azText[i] = (const char *)sqlite3_column_text(st, i);
    x(pCtx, &row);
  }
  if (rc != SQLITE_DONE) fail(zSql, sqlite3_errmsg(s->pLite));
  sqlite3_finalize(st);
}

/* Split one COPY text line in place: tabs separate, \N is NULL.  The
** columns read here never hold tabs, newlines or backslashes. */
static void pg_split(char *z, int n, int nCol, Row *pRow) {
  if (n > 0 && z[n - 1] == '\n') z[--n] = 0;
  for (int i = 0; i < nCol; i++) {
    char *zEnd = strchr(z, '\t');
    if (zEnd) *zEnd = 0;
    pRow->azText[i] = strcmp(z, "\\N") == 0 ? NULL : z;
    z = zEnd ? zEnd + 1 : z + strlen(z);
  }
}

static void pg_each(Src *s, const char *zSql, int nCol, RowFn x, void *pCtx) {
  char zCopy[1024];
  snprintf(zCopy, sizeof zCopy, "COPY (%s) TO STDOUT", zSql);
  PGresult *res = PQexec(s->pPg, zCopy);
  if (PQresultStatus(res) != PGRES_COPY_OUT) fail(zSql, PQerrorMessage(s->pPg));
  PQclear(res);
  char *zLine;
  int n;
  Row row;
  while ((n = PQgetCopyData(s->pPg, &zLine, 0)) > 0) {
    pg_split(zLine, n, nCol, &row);
    x(pCtx, &row);
    PQfreemem(zLine);
  }
  if (n == -2) fail(zSql, PQerrorMessage(s->pPg));
  res = PQgetResult(s->pPg);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) fail(zSql, PQerrorMessage(s->pPg));
  PQclear(res);
}

/* Call x for each row of zSql (nCol columns, as text). */
static void src_each(Src *s, const char *zSql, int nCol, RowFn x, void *pCtx) {
  if (s->pPg)
    pg_each(s, zSql, nCol, x, pCtx);
  else
    lite_each(s, zSql, nCol, x, pCtx);
}

static void src_open(Src *s, const char *zDb) {
  memset(s, 0, sizeof *s);
  if (strncmp(zDb, "postgresql://", 13) == 0 || strncmp(zDb, "postgres://", 11) == 0) {
    s->pPg = PQconnectdb(zDb);
    if (PQstatus(s->pPg) != CONNECTION_OK) fail(zDb, PQerrorMessage(s->pPg));
  } else if (sqlite3_open_v2(zDb, &s->pLite, SQLITE_OPEN_READONLY, 0)) {
    fail(zDb, sqlite3_errmsg(s->pLite));
  }
}

static void src_close(Src *s) {
  if (s->pPg) PQfinish(s->pPg);
  if (s->pLite) sqlite3_close(s->pLite);
}

/* ---- growable arrays indexed by row id ---- */

typedef struct Vec {
  int32_t *a;
  int64_t n; /* slots allocated */
} Vec;

/* The slot of id, growing the array (new slots are 0). */
static int32_t *vec_at(Vec *v, int64_t id) {
  if (id < 0) fail("id", "negative id");
  if (id >= v->n) {
    int64_t nNew = v->n ? v->n : 1024;
    while (nNew <= id) nNew *= 2;
    v->a = realloc(v->a, (size_t)nNew * sizeof *v->a);
    if (!v->a) fail("memory", "out of memory");
    memset(v->a + v->n, 0, (size_t)(nNew - v->n) * sizeof *v->a);
    v->n = nNew;
  }
  return &v->a[id];
}

static int32_t vec_get(const Vec *v, int64_t id) { return id >= 0 && id < v->n ? v->a[id] : 0; }

/* ---- the aggregation ---- */

enum { GENDER_F, GENDER_M, GENDER_MISSING, N_GENDER };
enum { ORIGIN_IT, ORIGIN_OTHER, ORIGIN_MISSING, N_ORIGIN };
enum { N_AGE = 6 };  /* <=24, 25-34, 35-44, 45-54, 55+, missing */
enum { N_SIZE = 7 }; /* 1, 2, 3, 4, 5, 6+, missing */

typedef struct RoundAgg {
  int64_t id;
  char zCode[32];
  int64_t nParticipant;
  int64_t aGender[N_GENDER], aOrigin[N_ORIGIN], aAge[N_AGE], aSize[N_SIZE];
  int64_t *aService; /* projects per service index */
} RoundAgg;

typedef struct Agg {
  RoundAgg aRound[MAX_ROUND];
  int nRound;
  int64_t aServiceId[256];
  char azService[256][48];
  int nService;
  /* per person: household id, birth date as yyyymmdd, gender+origin code */
  Vec personHousehold, personBirth, personCode;
  Vec householdSize;          /* members per household */
  Vec caseRound;              /* 1 + round index of an agreed case, 0 otherwise */
  Vec projectRound;           /* 1 + round index of the project's case */
  uint64_t *aProjectServices; /* one bit per service index, per project id */
  int64_t nProject;           /* slots of aProjectServices */
} Agg;

static int64_t num(const char *z) { return z ? strtoll(z, 0, 10) : 0; }

/* "YYYY-MM-DD" as yyyymmdd, 0 when NULL or short. */
static int32_t ymd(const char *z) {
  if (!z || strlen(z) < 10) return 0;
  return (int32_t)(atoi(z) * 10000 + atoi(z + 5) * 100 + atoi(z + 8));
}

static void on_round(void *p, const Row *r) {
  Agg *g = p;
  if (g->nRound == MAX_ROUND) fail("round", "more rounds than this program counts");
  RoundAgg *pR = &g->aRound[g->nRound++];
  pR->id = num(r->azText[0]);
  snprintf(pR->zCode, sizeof pR->zCode, "%s", r->azText[1] ? r->azText[1] : "");
}

static void on_service(void *p, const Row *r) {
  Agg *g = p;
  if (g->nService == 256) fail("service", "more services than this program counts");
  g->aServiceId[g->nService] = num(r->azText[0]);
  snprintf(g->azService[g->nService++], 48, "%s", r->azText[1] ? r->azText[1] : "");
}

static void on_person(void *p, const Row *r) {
  Agg *g = p;
  int64_t id = num(r->azText[0]), iHousehold = num(r->azText[1]);
  const char *zGender = r->azText[2], *zCountry = r->azText[4];
  int eGender = !zGender ? GENDER_MISSING : zGender[0] == 'F' ? GENDER_F : GENDER_M;
  int eOrigin = !zCountry || !zCountry[0]     ? ORIGIN_MISSING
                : strcmp(zCountry, "IT") == 0 ? ORIGIN_IT
                                              : ORIGIN_OTHER;
  *vec_at(&g->personHousehold, id) = (int32_t)iHousehold;
  *vec_at(&g->personBirth, id) = ymd(r->azText[3]);
  *vec_at(&g->personCode, id) = eGender * N_ORIGIN + eOrigin;
  (*vec_at(&g->householdSize, iHousehold))++;
}

static int round_index(const Agg *g, int64_t iRound) {
  for (int i = 0; i < g->nRound; i++) {
    if (g->aRound[i].id == iRound) return i;
  }
  return -1;
}

static int age_band(int32_t iBirth, int32_t iEntry) {
  if (!iBirth || !iEntry) return N_AGE - 1;
  int nAge = (iEntry - iBirth) / 10000; /* whole years: yyyymmdd arithmetic */
  return nAge <= 24 ? 0 : nAge <= 34 ? 1 : nAge <= 44 ? 2 : nAge <= 54 ? 3 : 4;
}

static void on_case(void *p, const Row *r) {
  Agg *g = p;
  int i = round_index(g, num(r->azText[2]));
  if (i < 0) return; /* outside any round */
  int64_t iPerson = num(r->azText[1]);
  RoundAgg *pR = &g->aRound[i];
  int32_t eCode = vec_get(&g->personCode, iPerson);
  int32_t nSize = vec_get(&g->householdSize, vec_get(&g->personHousehold, iPerson));
  pR->nParticipant++;
  pR->aGender[eCode / N_ORIGIN]++;
  pR->aOrigin[eCode % N_ORIGIN]++;
  pR->aAge[age_band(vec_get(&g->personBirth, iPerson), ymd(r->azText[3]))]++;
  pR->aSize[nSize <= 0 ? N_SIZE - 1 : nSize >= 6 ? 5 : nSize - 1]++;
  *vec_at(&g->caseRound, num(r->azText[0])) = i + 1;
}

static void on_project(void *p, const Row *r) {
  Agg *g = p;
  int32_t iRound = vec_get(&g->caseRound, num(r->azText[1]));
  if (iRound) *vec_at(&g->projectRound, num(r->azText[0])) = iRound;
}

static int service_index(const Agg *g, int64_t iService) {
  for (int i = 0; i < g->nService; i++) {
    if (g->aServiceId[i] == iService) return i;
  }
  return -1;
}

/* Statuses of an intervention that started (DOMAIN.md). */
static int started(const char *z) {
  return z && (strcmp(z, "active") == 0 || strcmp(z, "suspended") == 0 ||
               strcmp(z, "completed") == 0 || strcmp(z, "interrupted") == 0);
}

static void on_intervention(void *p, const Row *r) {
  Agg *g = p;
  int64_t iProject = num(r->azText[0]);
  int iService = service_index(g, num(r->azText[1]));
  if (iService < 0 || !started(r->azText[2]) || !vec_get(&g->projectRound, iProject)) return;
  if (iProject >= g->nProject) {
    int64_t nNew = g->projectRound.n;
    uint64_t *a = realloc(g->aProjectServices, (size_t)nNew * 4 * sizeof *a);
    if (!a) fail("memory", "out of memory");
    memset(a + g->nProject * 4, 0, (size_t)(nNew - g->nProject) * 4 * sizeof *a);
    g->aProjectServices = a;
    g->nProject = nNew;
  }
  g->aProjectServices[iProject * 4 + iService / 64] |= 1ull << (iService % 64);
}

/* Count each project once per service it activated. */
static void services_count(Agg *g) {
  for (int i = 0; i < g->nRound; i++) {
    g->aRound[i].aService = xmalloc(sizeof(int64_t) * (size_t)(g->nService ? g->nService : 1));
  }
  for (int64_t iProject = 0; iProject < g->nProject; iProject++) {
    int32_t iRound = vec_get(&g->projectRound, iProject);
    if (!iRound) continue;
    for (int j = 0; j < g->nService; j++) {
      if (g->aProjectServices[iProject * 4 + j / 64] >> (j % 64) & 1) {
        g->aRound[iRound - 1].aService[j]++;
      }
    }
  }
}

static void print_counts(const char *zWhat, const char *const *azLabel, const int64_t *a, int n) {
  printf("  %-18s", zWhat);
  for (int i = 0; i < n; i++) printf(" %s=%lld", azLabel[i], (long long)a[i]);
  printf("\n");
}

static void print_round(const Agg *g, const RoundAgg *pR) {
  static const char *const azGender[] = {"F", "M", "missing"};
  static const char *const azOrigin[] = {"IT", "other", "missing"};
  static const char *const azAge[] = {"<=24", "25-34", "35-44", "45-54", "55+", "missing"};
  static const char *const azSize[] = {"1", "2", "3", "4", "5", "6+", "missing"};
  printf("round %s: %lld participants\n", pR->zCode, (long long)pR->nParticipant);
  print_counts("gender", azGender, pR->aGender, N_GENDER);
  print_counts("origin", azOrigin, pR->aOrigin, N_ORIGIN);
  print_counts("age at entry", azAge, pR->aAge, N_AGE);
  print_counts("household size", azSize, pR->aSize, N_SIZE);
  printf("  %-18s", "services");
  for (int j = 0; j < g->nService; j++) {
    printf(" %s=%lld", g->azService[j], (long long)pR->aService[j]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: report_limit DB  (an SQLite file or a postgresql:// URL)\n");
    return 2;
  }
  Src s;
  src_open(&s, argv[1]);
  Agg *g = xmalloc(sizeof *g);
  src_each(&s, "SELECT id, code FROM round ORDER BY start_date, code", 2, on_round, g);
  src_each(&s, "SELECT id, code FROM service ORDER BY id", 2, on_service, g);
  if (g->nService > 256) fail("service", "more services than this program counts");
  src_each(&s, "SELECT id, household_id, gender, birth_date, birth_country FROM person", 5,
           on_person, g);
  src_each(&s,
           "SELECT id, person_id, round_id, agreed_on FROM case_file"
           " WHERE agreed_on IS NOT NULL",
           4, on_case, g);
  src_each(&s, "SELECT id, case_id FROM project", 2, on_project, g);
  src_each(&s, "SELECT project_id, service_id, status FROM intervention", 3, on_intervention, g);
  services_count(g);
  for (int i = 0; i < g->nRound; i++) print_round(g, &g->aRound[i]);
  src_close(&s);
  for (int i = 0; i < g->nRound; i++) free(g->aRound[i].aService);
  free(g->personHousehold.a);
  free(g->personBirth.a);
  free(g->personCode.a);
  free(g->householdSize.a);
  free(g->caseRound.a);
  free(g->projectRound.a);
  free(g->aProjectServices);
  free(g);
  return 0;
}
