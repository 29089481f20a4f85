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
**   case_file     (id, person_id, round_id, agreed_on, stage, dates,
**                  workers)                           every case
**   entry_profile, access_form, evaluation            by case
**   project       (id, case_id)
**   intervention  (project_id, service_id, status, hours, cost, stream)
**   expense, statement                                the money
**   request       (kind, assignee, raised/acknowledged/resolved)
**   case_assignment                                   the caseloads
**   esf_participant, access_form_vulnerability, placement, enrolment
**
** which are the rows the twelve monitoring reports read (until issue 7's
** third session it read only the first six, those of the profile and the
** services, and the reports were measured against that).  Besides the
** profile and the services it keeps, per round or per group, what the
** other reports count: cases per stage, screening results, outcomes, days
** to the project, hours planned and delivered, money per stream,
** cooperative and quarter, requests and their median times per kind,
** cases per worker, and the ESF+ facts.
**
** It prints, per round, the participant profile of DOMAIN.md ("Definitions
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

#define MAX_COL 12
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
  int64_t nParticipant, nEntry;
  int64_t aGender[N_GENDER], aOrigin[N_ORIGIN], aAge[N_AGE], aSize[N_SIZE];
  int64_t *aService; /* projects per service index */
} RoundAgg;

/* ---- what the other reports count ---- */

enum { N_STAGE = 8, N_CODE = 16, N_KIND = 8, N_MONEY = 4096 };

/* Up to N_CODE distinct short codes (stages, outcomes, kinds...). */
typedef struct Codes {
  char az[N_CODE][24];
  int n;
} Codes;

static int code_index(Codes *c, const char *z) {
  if (!z) z = "";
  for (int i = 0; i < c->n; i++) {
    if (strcmp(c->az[i], z) == 0) return i;
  }
  if (c->n == N_CODE) return N_CODE - 1; /* the rest together */
  snprintf(c->az[c->n], sizeof c->az[0], "%s", z);
  return c->n++;
}

/* The money of one (stream, cooperative, quarter). */
typedef struct MoneyCell {
  int64_t iStream, iOrg;
  int32_t iQuarter;
  int bUsed;
  int64_t nCommitted, nSpent, nReimbursed, nLate;
} MoneyCell;

/* Durations of one kind of request, in days. */
typedef struct Durations {
  double *a;
  int64_t n, nAlloc;
} Durations;

typedef struct Tally {
  Codes stages, outcomes, screenings, kinds;
  int64_t aStage[MAX_ROUND][N_CODE];      /* cases per round and stage */
  int64_t aOutcome[MAX_ROUND][N_CODE];    /* closed cases per round and outcome */
  int64_t aScreening[MAX_ROUND][N_CODE];  /* access forms per round and result */
  int64_t aOverride[MAX_ROUND];           /* decisions against the screening */
  int64_t aDaysToProject[MAX_ROUND], aAgreed[MAX_ROUND];
  int64_t aIvStatus[256][N_CODE];         /* interventions per service and status */
  Codes ivStatuses;
  int64_t aPlannedHours[256], aDeliveredMinutes[256];
  MoneyCell aMoney[N_MONEY];              /* open addressing */
  Vec statementReimbursed;                /* 1 draft, 2 submitted, 3 reimbursed */
  int64_t aRequests[N_CODE];
  Durations aAck[N_CODE], aResolve[N_CODE];
  Vec requestsPerAssignee, casesPerWorker, caseVulnerable;
  int64_t nEsf, nHired, nCertified, nNoWorker;
} Tally;

static MoneyCell *money_cell(Tally *t, int64_t iStream, int64_t iOrg, int32_t iQuarter) {
  uint64_t h = ((uint64_t)iStream * 1000003u ^ (uint64_t)iOrg * 10007u ^ (uint64_t)iQuarter) %
               N_MONEY;
  for (int i = 0; i < N_MONEY; i++) {
    MoneyCell *c = &t->aMoney[(h + (uint64_t)i) % N_MONEY];
    if (!c->bUsed) {
      *c = (MoneyCell){.iStream = iStream, .iOrg = iOrg, .iQuarter = iQuarter, .bUsed = 1};
      return c;
    }
    if (c->iStream == iStream && c->iOrg == iOrg && c->iQuarter == iQuarter) return c;
  }
  fail("money", "more cells than this program counts");
  return 0;
}

static void durations_add(Durations *d, double v) {
  if (d->n == d->nAlloc) {
    d->nAlloc = d->nAlloc ? 2 * d->nAlloc : 1024;
    d->a = realloc(d->a, (size_t)d->nAlloc * sizeof *d->a);
    if (!d->a) fail("memory", "out of memory");
  }
  d->a[d->n++] = v;
}

static int cmp_double(const void *p1, const void *p2) {
  double x = *(const double *)p1, y = *(const double *)p2;
  return x < y ? -1 : x > y;
}

static double durations_median(Durations *d) {
  if (!d->n) return 0;
  qsort(d->a, (size_t)d->n, sizeof *d->a, cmp_double);
  return d->n % 2 ? d->a[d->n / 2] : (d->a[d->n / 2 - 1] + d->a[d->n / 2]) / 2;
}

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
  Vec caseAnyRound;           /* 1 + round index of any case in a round */
  Vec projectQuarter;         /* the quarter a project was agreed (quarter_of) */
  int64_t nHousehold;         /* households with a municipality */
  Tally t;                    /* what the other reports count */
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

/* Days since 1970-01-01 of "YYYY-MM-DD...", or -1 (Howard Hinnant's
** days_from_civil). */
static int64_t days_of(const char *z) {
  if (!z || strlen(z) < 10) return -1;
  int64_t y = atoi(z), m = atoi(z + 5), d = atoi(z + 8);
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Every case: its stage and days to the project per round, who holds
** it, and (agreed ones) the participant profile at entry. */
static void on_case(void *p, const Row *r) {
  Agg *g = p;
  int64_t iCase = num(r->azText[0]);
  if (!r->azText[7] && !r->azText[8] && !r->azText[6]) g->t.nNoWorker++;
  int i = round_index(g, num(r->azText[2]));
  if (i < 0) return; /* outside any round */
  *vec_at(&g->caseAnyRound, iCase) = i + 1;
  g->t.aStage[i][code_index(&g->t.stages, r->azText[4])]++;
  if (!r->azText[3]) return;
  int64_t nFrom = days_of(r->azText[5]), nTo = days_of(r->azText[3]);
  if (nFrom >= 0 && nTo >= nFrom) {
    g->t.aDaysToProject[i] += nTo - nFrom;
    g->t.aAgreed[i]++;
  }
  int64_t iPerson = num(r->azText[1]);
  RoundAgg *pR = &g->aRound[i];
  int32_t eCode = vec_get(&g->personCode, iPerson);
  int32_t nSize = vec_get(&g->householdSize, vec_get(&g->personHousehold, iPerson));
  pR->nParticipant++;
  pR->aGender[eCode / N_ORIGIN]++;
  pR->aOrigin[eCode % N_ORIGIN]++;
  pR->aAge[age_band(vec_get(&g->personBirth, iPerson), ymd(r->azText[3]))]++;
  pR->aSize[nSize <= 0 ? N_SIZE - 1 : nSize >= 6 ? 5 : nSize - 1]++;
  *vec_at(&g->caseRound, iCase) = i + 1;
}

/* The profile as recorded at entry, per round. */
static void on_entry(void *p, const Row *r) {
  Agg *g = p;
  int32_t i = vec_get(&g->caseAnyRound, num(r->azText[0]));
  if (i) g->aRound[i - 1].nEntry += r->azText[1] != NULL;
}

static void on_access_form(void *p, const Row *r) {
  Agg *g = p;
  int32_t i = vec_get(&g->caseAnyRound, num(r->azText[0]));
  if (!i) return;
  g->t.aScreening[i - 1][code_index(&g->t.screenings, r->azText[1])]++;
  if (r->azText[1] && r->azText[2] && strcmp(r->azText[1], r->azText[2]) != 0)
    g->t.aOverride[i - 1]++;
}

static void on_evaluation(void *p, const Row *r) {
  Agg *g = p;
  int32_t i = vec_get(&g->caseAnyRound, num(r->azText[0]));
  if (i) g->t.aOutcome[i - 1][code_index(&g->t.outcomes, r->azText[1])]++;
}

/* 1 + year * 4 + quarter index of "YYYY-MM...", 0 if none. */
static int32_t quarter_of(const char *z) {
  return z && strlen(z) >= 7 ? 1 + atoi(z) * 4 + (atoi(z + 5) - 1) / 3 : 0;
}

static void on_project(void *p, const Row *r) {
  Agg *g = p;
  int64_t iProject = num(r->azText[0]);
  int32_t iRound = vec_get(&g->caseRound, num(r->azText[1]));
  if (iRound) *vec_at(&g->projectRound, iProject) = iRound;
  *vec_at(&g->projectQuarter, iProject) = quarter_of(r->azText[2]);
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
  if (iService >= 0) {
    g->t.aIvStatus[iService][code_index(&g->t.ivStatuses, r->azText[2])]++;
    g->t.aPlannedHours[iService] += num(r->azText[3]);
    g->t.aDeliveredMinutes[iService] += num(r->azText[4]);
  }
  int32_t iQuarter = vec_get(&g->projectQuarter, iProject);
  if (r->azText[5] && iQuarter && (!r->azText[2] || strcmp(r->azText[2], "cancelled") != 0))
    money_cell(&g->t, num(r->azText[6]), num(r->azText[7]), iQuarter)->nCommitted += num(r->azText[5]);
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

static void on_statement(void *p, const Row *r) {
  Agg *g = p;
  const char *z = r->azText[1] ? r->azText[1] : "";
  *vec_at(&g->t.statementReimbursed, num(r->azText[0])) =
      strcmp(z, "draft") == 0 ? 1 : strcmp(z, "reimbursed") == 0 ? 3 : 2;
}

static void on_expense(void *p, const Row *r) {
  Agg *g = p;
  MoneyCell *c = money_cell(&g->t, num(r->azText[0]), num(r->azText[1]), quarter_of(r->azText[2]));
  int64_t nCents = num(r->azText[5]);
  int32_t eStatement = r->azText[3] ? vec_get(&g->t.statementReimbursed, num(r->azText[3])) : 0;
  int bApproved = r->azText[4] && strcmp(r->azText[4], "approved") == 0;
  if (eStatement <= 1) c->nLate += nCents;
  if (eStatement && bApproved) c->nSpent += nCents;
  if (eStatement == 3 && bApproved) c->nReimbursed += nCents;
}

static void on_request(void *p, const Row *r) {
  Agg *g = p;
  int k = code_index(&g->t.kinds, r->azText[0]);
  g->t.aRequests[k]++;
  (*vec_at(&g->t.requestsPerAssignee, num(r->azText[1])))++;
  int64_t nRaised = days_of(r->azText[2]);
  if (r->azText[3]) durations_add(&g->t.aAck[k], (double)(days_of(r->azText[3]) - nRaised));
  if (r->azText[4]) durations_add(&g->t.aResolve[k], (double)(days_of(r->azText[4]) - nRaised));
}

static void on_assignment(void *p, const Row *r) {
  Agg *g = p;
  if (!r->azText[2]) (*vec_at(&g->t.casesPerWorker, num(r->azText[1])))++;
}

static void on_household(void *p, const Row *r) {
  Agg *g = p;
  g->nHousehold += r->azText[1] != NULL;
}

static void on_esf(void *p, const Row *r) {
  Agg *g = p;
  g->t.nEsf += r->azText[0] != NULL;
}

static void on_vulnerability(void *p, const Row *r) {
  Agg *g = p;
  if (r->azText[1] && strcmp(r->azText[1], "housing") == 0)
    *vec_at(&g->t.caseVulnerable, num(r->azText[0])) = 1;
}

static void on_placement(void *p, const Row *r) {
  Agg *g = p;
  g->t.nHired += r->azText[1] != NULL;
}

static void on_enrolment(void *p, const Row *r) {
  Agg *g = p;
  g->t.nCertified += r->azText[2] != NULL;
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

/* What the other reports count, in a few lines (the work is the point;
** the lines show it was done). */
static void print_tally(Agg *g) {
  Tally *t = &g->t;
  int64_t nStage = 0, nOutcome = 0, nScreen = 0, nOverride = 0, nDays = 0, nAgreed = 0;
  for (int i = 0; i < g->nRound; i++) {
    for (int k = 0; k < N_CODE; k++) nStage += t->aStage[i][k];
    for (int k = 0; k < N_CODE; k++) nOutcome += t->aOutcome[i][k];
    for (int k = 0; k < N_CODE; k++) nScreen += t->aScreening[i][k];
    nOverride += t->aOverride[i];
    nDays += t->aDaysToProject[i];
    nAgreed += t->aAgreed[i];
  }
  printf("cases %lld in %d stages, %lld without a worker; %lld evaluations; %lld forms, %lld"
         " overrides; %.1f days to the project\n",
         (long long)nStage, t->stages.n, (long long)t->nNoWorker, (long long)nOutcome,
         (long long)nScreen, (long long)nOverride, nAgreed ? (double)nDays / (double)nAgreed : 0);
  int64_t nPlanned = 0, nDelivered = 0;
  for (int j = 0; j < g->nService; j++) {
    nPlanned += t->aPlannedHours[j];
    nDelivered += t->aDeliveredMinutes[j];
  }
  printf("hours planned %lld, delivered %lld\n", (long long)nPlanned, (long long)(nDelivered / 60));
  int64_t aSum[4] = {0}, nCell = 0;
  for (int i = 0; i < N_MONEY; i++) {
    const MoneyCell *c = &t->aMoney[i];
    if (!c->bUsed) continue;
    nCell++;
    aSum[0] += c->nCommitted;
    aSum[1] += c->nSpent;
    aSum[2] += c->nReimbursed;
    aSum[3] += c->nLate;
  }
  printf("money in %lld cells: committed %lld, spent %lld, reimbursed %lld, not submitted %lld"
         " (cents)\n",
         (long long)nCell, (long long)aSum[0], (long long)aSum[1], (long long)aSum[2],
         (long long)aSum[3]);
  for (int k = 0; k < t->kinds.n; k++) {
    printf("requests %s: %lld, median days to acknowledge %.1f, to resolve %.1f\n", t->kinds.az[k],
           (long long)t->aRequests[k], durations_median(&t->aAck[k]),
           durations_median(&t->aResolve[k]));
  }
  int64_t nWorker = 0, nHousing = 0;
  for (int64_t i = 0; i < t->casesPerWorker.n; i++) nWorker += t->casesPerWorker.a[i] > 0;
  for (int64_t i = 0; i < t->caseVulnerable.n; i++) nHousing += t->caseVulnerable.a[i];
  printf("workers with cases %lld; ESF+ records %lld, housing exclusion %lld, hired %lld,"
         " certificates %lld; households %lld\n",
         (long long)nWorker, (long long)t->nEsf, (long long)nHousing, (long long)t->nHired,
         (long long)t->nCertified, (long long)g->nHousehold);
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
  src_each(&s,
           "SELECT id, household_id, gender, birth_date, birth_country, citizenship,"
           " municipality FROM person",
           7, on_person, g);
  src_each(&s, "SELECT id, municipality FROM household", 2, on_household, g);
  src_each(&s,
           "SELECT id, person_id, round_id, agreed_on, stage, shortlisted_on, social_worker_id,"
           " case_manager_id, psychotherapist_id, closed_at, organisation_id FROM case_file",
           11, on_case, g);
  src_each(&s,
           "SELECT case_id, gender, origin, age, household_size, single_mother, birth_country"
           " FROM entry_profile",
           7, on_entry, g);
  src_each(&s,
           "SELECT case_id, screening, decision, screening_rule_id, labour_status,"
           " unemployed_months, education_isced FROM access_form",
           7, on_access_form, g);
  src_each(&s, "SELECT case_id, outcome, written_on, outcome_on FROM evaluation", 4, on_evaluation,
           g);
  src_each(&s, "SELECT id, case_id, agreed_on, state FROM project", 4, on_project, g);
  src_each(&s,
           "SELECT project_id, service_id, status, planned_hours, delivered_minutes,"
           " estimated_cost_cents, funding_stream_id, organisation_id, started_on"
           " FROM intervention",
           9, on_intervention, g);
  services_count(g);
  src_each(&s, "SELECT id, status FROM statement", 2, on_statement, g);
  src_each(&s,
           "SELECT funding_stream_id, organisation_id, spent_on, statement_id, decision,"
           " amount_cents FROM expense",
           6, on_expense, g);
  src_each(&s,
           "SELECT kind, assignee_id, raised_at, acknowledged_at, resolved_at, case_id"
           " FROM request",
           6, on_request, g);
  src_each(&s, "SELECT case_id, user_id, to_at, role, from_at FROM case_assignment", 5,
           on_assignment, g);
  src_each(&s, "SELECT case_id, disability FROM esf_participant", 2, on_esf, g);
  src_each(&s, "SELECT case_id, vulnerability FROM access_form_vulnerability", 2,
           on_vulnerability, g);
  src_each(&s, "SELECT intervention_id, hired_on FROM placement", 2, on_placement, g);
  src_each(&s, "SELECT intervention_id, person_id, certificate_on FROM enrolment", 3,
           on_enrolment, g);
  for (int i = 0; i < g->nRound; i++) print_round(g, &g->aRound[i]);
  print_tally(g);
  src_close(&s);
  for (int i = 0; i < g->nRound; i++) free(g->aRound[i].aService);
  for (int k = 0; k < N_CODE; k++) {
    free(g->t.aAck[k].a);
    free(g->t.aResolve[k].a);
  }
  Vec *aVec[] = {&g->personHousehold, &g->personBirth, &g->personCode, &g->householdSize,
                 &g->caseRound, &g->projectRound, &g->caseAnyRound, &g->projectQuarter,
                 &g->t.statementReimbursed, &g->t.requestsPerAssignee, &g->t.casesPerWorker,
                 &g->t.caseVulnerable};
  for (size_t i = 0; i < sizeof aVec / sizeof aVec[0]; i++) free(aVec[i]->a);
  free(g->aProjectServices);
  free(g);
  return 0;
}
