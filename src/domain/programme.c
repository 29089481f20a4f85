/*
** programme.c — the set-up of an agency's programme (see programme.h):
** the agency row, rounds with the services they offer, funding streams
** and their eligibility rule, the service catalogue (with the standard
** catalogue of DOMAIN.md) and partner organisations.
**
** Each concept follows one pattern: a pure *_validate, a *_save that
** validates and then upserts on (agency_id, code) by looking the code up
** first (no reliance on ON CONFLICT, so that a failed statement never
** aborts the caller's PostgreSQL transaction), *_get, *_find and *_list.
** Every statement names the agency; round_service, which has no agency
** column, is reached through its round.  Lists are ordered by id (after
** the start date for rounds), never by text: SQLite and PostgreSQL
** collate text differently, ids they order alike.
*/
#include "programme.h"

#include <assert.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/money.h"
#include "domain.h"

/* Room for one more element in the arena array *pa of n elements of sz
** bytes, doubling its capacity *pnAlloc when full.  Returns the array. */
static void *prog_grow(Arena *a, void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return pa;
  *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 8;
  void *aNew = arena_alloc(a, sz * (size_t)*pnAlloc);
  if (n) memcpy(aNew, pa, sz * (size_t)n);
  return aNew;
}

/* 1 if z equals one of the NULL-terminated azList. */
static int prog_one_of(const char *z, const char *const *azList) {
  for (int i = 0; z && azList[i]; i++) {
    if (strcmp(z, azList[i]) == 0) return 1;
  }
  return 0;
}

/* The status of a single-row read: rc of its first step. */
static int prog_row_status(int rc) { return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc; }

/* Finish a write returning its id through *pId (an INSERT ... RETURNING
** id), or just run it when pId is NULL.  0 or a db.h code. */
static int prog_write(DbStmt *q, int64_t *pId) {
  int64_t id = 0;
  int rc = domain_one_int(q, &id);
  if (!rc && pId) *pId = id;
  return rc;
}

/* ------------------------------------------------------------------ */
/* Agency                                                              */
/* ------------------------------------------------------------------ */

int agency_ensure(Db *db, const char *zCode, const char *zName, int64_t *pId) {
  int rc = domain_one_int(db_query(db, "SELECT id FROM agency WHERE code=$1", "t", zCode), pId);
  if (rc || *pId) return rc;
  char zNow[21];
  timestamp_now(zNow);
  return prog_write(db_query(db,
                             "INSERT INTO agency(code, name, created_at) VALUES ($1,$2,$3)"
                             " RETURNING id",
                             "ttt", zCode, zName ? zName : zCode, zNow),
                    pId);
}

int64_t agency_find(Db *db, const char *zCode) {
  return db_int(db, 0, "SELECT id FROM agency WHERE code=$1", "t", zCode);
}

int agency_get_name(Db *db, Arena *a, int64_t iAgency, const char **pzName) {
  DbStmt *q = db_query(db, "SELECT name FROM agency WHERE id=$1", "i", iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) *pzName = arena_strdup(a, db_col_text(q, 0));
  db_done(q);
  return prog_row_status(rc);
}

/* ------------------------------------------------------------------ */
/* Service catalogue                                                   */
/* ------------------------------------------------------------------ */

static const char *const prog_azServiceKind[] = {
    "internship", "training", "home_education", "home_care",
    "psych_support", "orientation", "other", 0,
};

void service_validate(const Service *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "name_it", p->zNameIt, 200, 1);
  domain_check_text(pErr, "name_en", p->zNameEn, 200, 1);
  if (!prog_one_of(p->zKind, prog_azServiceKind)) {
    errors_add(pErr, "kind",
               "must be one of internship, training, home_education, home_care,"
               " psych_support, orientation, other");
  }
}

int64_t service_find(Db *db, int64_t iAgency, const char *zCode) {
  return db_int(db, 0, "SELECT id FROM service WHERE agency_id=$1 AND code=$2", "it", iAgency,
                zCode);
}

/* Insert (id 0) or update service p of the agency; sets p->id. */
static int service_write(Db *db, int64_t iAgency, int64_t id, Service *p) {
  if (id) {
    p->id = id;
    return prog_write(db_query(db,
                               "UPDATE service SET name_it=$1, name_en=$2, kind=$3"
                               " WHERE id=$4 AND agency_id=$5",
                               "tttii", p->zNameIt, p->zNameEn, p->zKind, id, iAgency),
                      NULL);
  }
  return prog_write(db_query(db,
                             "INSERT INTO service(agency_id, code, name_it, name_en, kind)"
                             " VALUES ($1,$2,$3,$4,$5) RETURNING id",
                             "itttt", iAgency, p->zCode, p->zNameIt, p->zNameEn, p->zKind),
                    &p->id);
}

int service_save(Db *db, int64_t iAgency, Service *p, Errors *pErr) {
  int nErr = pErr->n;
  service_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  return service_write(db, iAgency, service_find(db, iAgency, p->zCode), p);
}

#define SERVICE_COLUMNS "id, code, name_it, name_en, kind"

static void service_from_row(DbStmt *q, Arena *a, Service *p) {
  p->id = db_col_int(q, 0);
  p->zCode = arena_strdup(a, db_col_text(q, 1));
  p->zNameIt = arena_strdup(a, db_col_text(q, 2));
  p->zNameEn = arena_strdup(a, db_col_text(q, 3));
  p->zKind = arena_strdup(a, db_col_text(q, 4));
}

int service_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Service *p) {
  DbStmt *q = db_query(db, "SELECT " SERVICE_COLUMNS " FROM service WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) service_from_row(q, a, p);
  db_done(q);
  return prog_row_status(rc);
}

int service_list(Db *db, Arena *a, int64_t iAgency, Service **pa, int *pn) {
  DbStmt *q = db_query(db, "SELECT " SERVICE_COLUMNS " FROM service WHERE agency_id=$1 ORDER BY id",
                       "i", iAgency);
  Service *aS = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aS = prog_grow(a, aS, n, &nAlloc, sizeof *aS);
    service_from_row(q, a, &aS[n++]);
  }
  db_done(q);
  *pa = aS;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* The standard catalogue of DOMAIN.md. */
static const Service prog_aCatalogue[] = {
    {0, "internship", "Tirocinio", "Internship", "internship"},
    {0, "forklift", "Corso per carrellisti (muletto)", "Forklift operator course", "training"},
    {0, "italian_l2", "Italiano per stranieri (L2)", "Italian for foreigners (L2)", "training"},
    {0, "haccp", "Corso HACCP (igiene alimentare)", "HACCP course (food hygiene)", "training"},
    {0, "safety", "Sicurezza sul lavoro", "Workplace safety", "training"},
    {0, "home_education", "Servizio educativo domiciliare per minori",
     "Home educational service for minors", "home_education"},
    {0, "it_training", "Informatica di base e avanzata", "Basic and advanced IT skills",
     "training"},
    {0, "soft_skills", "Competenze trasversali (soft skills)", "Soft skills", "training"},
    {0, "home_care", "Assistenza domiciliare di base", "Basic home care", "home_care"},
    {0, "psych_support", "Sostegno psicologico", "Psychological support", "psych_support"},
    {0, "orientation", "Orientamento ai servizi del territorio", "Orientation to local services",
     "orientation"},
    {0, "green_maintenance", "Manutenzione del verde", "Green-space maintenance", "training"},
    {0, "furniture", "Montaggio e restauro di mobili", "Furniture assembly and restoration",
     "training"},
};

int programme_install_catalogue(Db *db, int64_t iAgency) {
  for (size_t i = 0; i < sizeof prog_aCatalogue / sizeof *prog_aCatalogue; i++) {
    Service s = prog_aCatalogue[i];
    if (service_find(db, iAgency, s.zCode)) continue;
    int rc = service_write(db, iAgency, 0, &s);
    if (rc) return rc;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Rounds                                                              */
/* ------------------------------------------------------------------ */

static void round_check_dates(const Round *p, Errors *pErr) {
  int bStart = date_valid(p->zStartDate), bEnd = date_valid(p->zEndDate);
  if (!bStart) errors_add(pErr, "start_date", "not a valid date (YYYY-MM-DD)");
  if (!bEnd) {
    errors_add(pErr, "end_date", "not a valid date (YYYY-MM-DD)");
  } else if (bStart && strcmp(p->zEndDate, p->zStartDate) < 0) {
    errors_add(pErr, "end_date", "cannot be before the start date");
  }
}

void round_validate(const Round *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "name", p->zName, 200, 1);
  round_check_dates(p, pErr);
  if (p->iMaxParticipants != -1 && p->iMaxParticipants < 1) {
    errors_add(pErr, "max_participants", "must be empty or a number of at least 1");
  }
  for (int i = 0; i < p->nService; i++) {
    Errors e = {.n = 0};
    domain_check_code(&e, "services", p->azService[i]);
    if (e.n) {
      errors_add(pErr, "services", "not a valid service code");
      break;
    }
  }
}

/* Add an error on "services" if a code of p is not in the catalogue. */
static void round_check_services(Db *db, int64_t iAgency, const Round *p, Errors *pErr) {
  for (int i = 0; i < p->nService; i++) {
    if (!service_find(db, iAgency, p->azService[i])) {
      errors_add(pErr, "services", "unknown service");
      return;
    }
  }
}

/* Insert (id 0) or update round p of the agency; sets p->id. */
static int round_write(Db *db, int64_t iAgency, int64_t id, Round *p) {
  DbStmt *q;
  if (id) {
    q = db_prepare(db,
                   "UPDATE round SET name=$3, start_date=$4, end_date=$5, max_participants=$6"
                   " WHERE id=$2 AND agency_id=$1");
    db_bind_int(q, 2, id);
  } else {
    q = db_prepare(db,
                   "INSERT INTO round(agency_id, code, name, start_date, end_date,"
                   " max_participants) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id");
    db_bind_text(q, 2, p->zCode);
  }
  db_bind_int(q, 1, iAgency);
  db_bind_text(q, 3, p->zName);
  db_bind_text(q, 4, p->zStartDate);
  db_bind_text(q, 5, p->zEndDate);
  if (p->iMaxParticipants < 0) db_bind_null(q, 6);
  else db_bind_int(q, 6, p->iMaxParticipants);
  p->id = id;
  return prog_write(q, id ? NULL : &p->id);
}

/* Replace the services of round p->id: p->azService, or all. */
static int round_write_services(Db *db, int64_t iAgency, const Round *p) {
  int rc = db_exec(db,
                   "DELETE FROM round_service WHERE round_id IN"
                   " (SELECT id FROM round WHERE id=$1 AND agency_id=$2)",
                   "ii", p->id, iAgency);
  if (!rc && p->nService == 0) {
    rc = db_exec(db,
                 "INSERT INTO round_service(round_id, service_id)"
                 " SELECT r.id, s.id FROM round r JOIN service s ON s.agency_id=r.agency_id"
                 " WHERE r.id=$1 AND r.agency_id=$2",
                 "ii", p->id, iAgency);
  }
  for (int i = 0; !rc && i < p->nService; i++) {
    rc = db_exec(db,
                 "INSERT INTO round_service(round_id, service_id)"
                 " SELECT r.id, s.id FROM round r JOIN service s ON s.agency_id=r.agency_id"
                 " WHERE r.id=$1 AND r.agency_id=$2 AND s.code=$3 AND NOT EXISTS"
                 " (SELECT 1 FROM round_service x WHERE x.round_id=r.id AND x.service_id=s.id)",
                 "iit", p->id, iAgency, p->azService[i]);
  }
  return rc;
}

int64_t round_find(Db *db, int64_t iAgency, const char *zCode) {
  return db_int(db, 0, "SELECT id FROM round WHERE agency_id=$1 AND code=$2", "it", iAgency,
                zCode);
}

int round_save(Db *db, int64_t iAgency, Round *p, Errors *pErr) {
  int nErr = pErr->n;
  round_validate(p, pErr);
  if (pErr->n == nErr) round_check_services(db, iAgency, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  int rc = round_write(db, iAgency, round_find(db, iAgency, p->zCode), p);
  return rc ? rc : round_write_services(db, iAgency, p);
}

/* The service codes of round p->id into p->azService (catalogue order). */
static int round_read_services(Db *db, Arena *a, int64_t iAgency, Round *p) {
  DbStmt *q = db_query(db,
                       "SELECT s.code FROM round_service rs"
                       " JOIN round r ON r.id=rs.round_id"
                       " JOIN service s ON s.id=rs.service_id"
                       " WHERE r.id=$1 AND r.agency_id=$2 ORDER BY s.id",
                       "ii", p->id, iAgency);
  const char **az = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    az = prog_grow(a, az, n, &nAlloc, sizeof *az);
    az[n++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_done(q);
  p->azService = az;
  p->nService = n;
  return rc < 0 ? rc : 0;
}

#define ROUND_COLUMNS "id, code, name, start_date, end_date, max_participants"

static void round_from_row(DbStmt *q, Arena *a, Round *p) {
  memset(p, 0, sizeof *p);
  p->id = db_col_int(q, 0);
  p->zCode = arena_strdup(a, db_col_text(q, 1));
  p->zName = arena_strdup(a, db_col_text(q, 2));
  p->zStartDate = arena_strdup(a, db_col_text(q, 3));
  p->zEndDate = arena_strdup(a, db_col_text(q, 4));
  p->iMaxParticipants = db_col_null(q, 5) ? -1 : (int)db_col_int(q, 5);
}

int round_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Round *p) {
  DbStmt *q = db_query(db, "SELECT " ROUND_COLUMNS " FROM round WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) round_from_row(q, a, p);
  db_done(q);
  rc = prog_row_status(rc);
  return rc ? rc : round_read_services(db, a, iAgency, p);
}

int round_list(Db *db, Arena *a, int64_t iAgency, Round **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT " ROUND_COLUMNS " FROM round WHERE agency_id=$1"
                       " ORDER BY start_date, id",
                       "i", iAgency);
  Round *aR = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aR = prog_grow(a, aR, n, &nAlloc, sizeof *aR);
    round_from_row(q, a, &aR[n++]);
  }
  db_done(q);
  for (int i = 0; rc >= 0 && i < n; i++) rc = round_read_services(db, a, iAgency, &aR[i]);
  *pa = aR;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* Funding streams                                                     */
/* ------------------------------------------------------------------ */

void stream_validate(const FundingStream *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "name", p->zName, 200, 1);
  if (p->iAllocationCents < 0) {
    errors_add(pErr, "allocation_cents", "cannot be negative");
  } else if (p->iAllocationCents > MONEY_MAX_CENTS) {
    errors_add(pErr, "allocation_cents", "too large");
  }
  if (p->bEsf != 0 && p->bEsf != 1) errors_add(pErr, "esf", "must be 0 or 1");
  const char *zProblem = stream_rule_problem(p->zRule);
  if (zProblem) errors_add(pErr, "rule", zProblem);
}

int64_t stream_find(Db *db, int64_t iAgency, const char *zCode) {
  return db_int(db, 0, "SELECT id FROM funding_stream WHERE agency_id=$1 AND code=$2", "it",
                iAgency, zCode);
}

int stream_save(Db *db, int64_t iAgency, FundingStream *p, Errors *pErr) {
  int nErr = pErr->n;
  stream_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  const char *zRule = domain_blank(p->zRule) ? NULL : p->zRule;
  int64_t id = stream_find(db, iAgency, p->zCode);
  if (id) {
    p->id = id;
    return prog_write(db_query(db,
                               "UPDATE funding_stream SET name=$1, allocation_cents=$2, esf=$3,"
                               " rule=$4 WHERE id=$5 AND agency_id=$6",
                               "tiitii", p->zName, p->iAllocationCents, (int64_t)p->bEsf, zRule,
                               id, iAgency),
                      NULL);
  }
  return prog_write(db_query(db,
                             "INSERT INTO funding_stream(agency_id, code, name, allocation_cents,"
                             " esf, rule) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                             "ittiit", iAgency, p->zCode, p->zName, p->iAllocationCents,
                             (int64_t)p->bEsf, zRule),
                    &p->id);
}

#define STREAM_COLUMNS "id, code, name, allocation_cents, esf, rule"

static void stream_from_row(DbStmt *q, Arena *a, FundingStream *p) {
  p->id = db_col_int(q, 0);
  p->zCode = arena_strdup(a, db_col_text(q, 1));
  p->zName = arena_strdup(a, db_col_text(q, 2));
  p->iAllocationCents = db_col_int(q, 3);
  p->bEsf = (int)db_col_int(q, 4);
  p->zRule = arena_strdup(a, db_col_text(q, 5));
}

int stream_get(Db *db, Arena *a, int64_t iAgency, int64_t id, FundingStream *p) {
  DbStmt *q = db_query(db,
                       "SELECT " STREAM_COLUMNS " FROM funding_stream WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) stream_from_row(q, a, p);
  db_done(q);
  return prog_row_status(rc);
}

int stream_list(Db *db, Arena *a, int64_t iAgency, FundingStream **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT " STREAM_COLUMNS " FROM funding_stream WHERE agency_id=$1"
                       " ORDER BY id",
                       "i", iAgency);
  FundingStream *aS = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aS = prog_grow(a, aS, n, &nAlloc, sizeof *aS);
    stream_from_row(q, a, &aS[n++]);
  }
  db_done(q);
  *pa = aS;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ---- eligibility rules ---- */

/* The kinds of condition of a rule. */
typedef enum RuleKind { RULE_MINIMUM_INCOME, RULE_AGE_MIN, RULE_AGE_MAX, RULE_MUNICIPALITY } RuleKind;

/* One condition as parsed: its kind and value (an age, or a name that
** points into the rule: zName[0..nName)). */
typedef struct RuleItem {
  RuleKind eKind;
  int iAge;
  const char *zName;
  size_t nName;
} RuleItem;

#define RULE_MAX_CHARS 200 /* a rule is at most this long */
#define RULE_AGE_LIMIT 120 /* ages in a rule go from 0 to this */

/* z[0..n) without spaces and tabs at either end, through *pn. */
static const char *rule_trim(const char *z, size_t n, size_t *pn) {
  while (n && (*z == ' ' || *z == '\t')) z++, n--;
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pn = n;
  return z;
}

/* 1 if z[0..n) is exactly the literal zLit. */
static int rule_is(const char *z, size_t n, const char *zLit) {
  return strlen(zLit) == n && memcmp(z, zLit, n) == 0;
}

/* The age z[0..n) (1..3 digits, 0..RULE_AGE_LIMIT), or -1. */
static int rule_age(const char *z, size_t n) {
  if (n == 0 || n > 3) return -1;
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v <= RULE_AGE_LIMIT ? v : -1;
}

/* Parse the condition z[0..n) (already trimmed) into *p.  NULL, or the
** problem (a msgid). */
static const char *rule_parse_item(const char *z, size_t n, RuleItem *p) {
  memset(p, 0, sizeof *p);
  if (n == 0) return N_("a condition is empty: remove the extra comma");
  const char *zEq = memchr(z, '=', n);
  size_t nKey, nVal = 0;
  const char *zKey = rule_trim(z, zEq ? (size_t)(zEq - z) : n, &nKey);
  const char *zVal = zEq ? rule_trim(zEq + 1, n - (size_t)(zEq - z) - 1, &nVal) : NULL;
  if (rule_is(zKey, nKey, "minimum_income")) {
    p->eKind = RULE_MINIMUM_INCOME;
    return zEq ? N_("minimum_income takes no value") : NULL;
  }
  if (rule_is(zKey, nKey, "age_min") || rule_is(zKey, nKey, "age_max")) {
    p->eKind = rule_is(zKey, nKey, "age_min") ? RULE_AGE_MIN : RULE_AGE_MAX;
    p->iAge = zVal ? rule_age(zVal, nVal) : -1;
    return p->iAge < 0 ? N_("age_min and age_max need a whole number of years from 0 to 120") : NULL;
  }
  if (rule_is(zKey, nKey, "municipality")) {
    p->eKind = RULE_MUNICIPALITY;
    p->zName = zVal;
    p->nName = nVal;
    if (!zVal || nVal == 0) return N_("municipality needs the name of a municipality");
    return domain_text_len(zVal, nVal) < 0 ? N_("contains characters that are not allowed") : NULL;
  }
  return N_("unknown condition: use minimum_income, age_min=N, age_max=N or municipality=NAME,"
            " separated by commas");
}

/*
** The next condition of the rule at *pz into *p, advancing *pz past it
** and its comma.  1 when a condition was read, 0 at the end, -1 on a
** malformed one with *pzProblem set.
*/
static int rule_next(const char **pz, RuleItem *p, const char **pzProblem) {
  const char *z = *pz;
  if (!z) return 0;
  const char *zComma = strchr(z, ',');
  size_t nAll = zComma ? (size_t)(zComma - z) : strlen(z), n;
  const char *zItem = rule_trim(z, nAll, &n);
  *pz = zComma ? zComma + 1 : NULL;
  *pzProblem = rule_parse_item(zItem, n, p);
  return *pzProblem ? -1 : 1;
}

const char *stream_rule_problem(const char *zRule) {
  if (domain_blank(zRule)) return NULL;
  long nChar = domain_text_len(zRule, strlen(zRule));
  if (nChar < 0) return N_("contains characters that are not allowed");
  if (nChar > RULE_MAX_CHARS) return N_("at most 200 characters");
  const char *z = zRule, *zProblem = NULL;
  RuleItem it;
  int iMin = -1, iMax = -1, rc;
  unsigned mSeen = 0;
  while ((rc = rule_next(&z, &it, &zProblem)) == 1) {
    if (mSeen & (1u << it.eKind)) return N_("a condition appears twice");
    mSeen |= 1u << it.eKind;
    if (it.eKind == RULE_AGE_MIN) iMin = it.iAge;
    if (it.eKind == RULE_AGE_MAX) iMax = it.iAge;
  }
  if (rc < 0) return zProblem;
  if (iMin >= 0 && iMax >= 0 && iMin > iMax) return N_("age_min is greater than age_max");
  return NULL;
}

const char *stream_rule_words(Arena *a, int iLang, const char *zRule) {
  if (domain_blank(zRule)) return tr(iLang, N_("open to everyone"));
  if (stream_rule_problem(zRule)) return zRule;
  const char *z = zRule, *zProblem = NULL, *zOut = "";
  RuleItem it;
  while (rule_next(&z, &it, &zProblem) == 1) {
    const char *zItem;
    if (it.eKind == RULE_MINIMUM_INCOME)
      zItem = tr(iLang, N_("minimum-income recipients"));
    else if (it.eKind == RULE_MUNICIPALITY)
      zItem = arena_printf(a, tr(iLang, N_("resident in %.*s")), (int)it.nName, it.zName);
    else
      zItem = arena_printf(a, tr(iLang, it.eKind == RULE_AGE_MIN ? N_("aged at least %d")
                                                               : N_("aged at most %d")),
                           it.iAge);
    zOut = *zOut ? arena_printf(a, "%s; %s", zOut, zItem) : zItem;
  }
  return zOut;
}

/* 1 if the municipality zHave is the name z[0..n), compared as names are
** searched (person_search_key: without case, accents or punctuation). */
static int rule_same_place(const char *zHave, const char *z, size_t n) {
  char zWant[PERSON_KEY_MAX], zKeyHave[PERSON_KEY_MAX], zCopy[PERSON_KEY_MAX];
  if (n >= sizeof zCopy) return 0;
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  person_search_key(zCopy, zWant, sizeof zWant);
  person_search_key(zHave, zKeyHave, sizeof zKeyHave);
  return zWant[0] && strcmp(zWant, zKeyHave) == 0;
}

/* NULL when person p meets condition *pIt on date zOn, else why not. */
static const char *rule_item_check(const RuleItem *pIt, const Person *p, const char *zOn) {
  switch (pIt->eKind) {
  case RULE_MINIMUM_INCOME:
    if (p->iMinimumIncome == 1) return NULL;
    return p->iMinimumIncome == 0 ? N_("receives no minimum income")
                                  : N_("not known to receive the minimum income");
  case RULE_AGE_MIN:
  case RULE_AGE_MAX: {
    int iAge = p->zBirthDate ? age_at(p->zBirthDate, zOn) : -1;
    if (iAge < 0) return N_("the birth date is not known, and the stream has an age limit");
    if (pIt->eKind == RULE_AGE_MIN && iAge < pIt->iAge) return N_("younger than the stream's minimum age");
    if (pIt->eKind == RULE_AGE_MAX && iAge > pIt->iAge) return N_("older than the stream's maximum age");
    return NULL;
  }
  case RULE_MUNICIPALITY:
    if (domain_blank(p->zMunicipality)) return N_("the municipality of residence is not known");
    return rule_same_place(p->zMunicipality, pIt->zName, pIt->nName)
               ? NULL
               : N_("not resident in the stream's municipality");
  }
  return N_("the stream's rule is not valid");
}

int stream_rule_check(const FundingStream *s, const Person *p, const char *zOn,
                      const char **pzReason) {
  const char *zWhy = NULL, *zProblem = NULL;
  if (pzReason) *pzReason = NULL;
  if (domain_blank(s->zRule)) return 1;
  if (stream_rule_problem(s->zRule)) {
    zWhy = N_("the stream's rule is not valid");
  } else if (!date_valid(zOn)) {
    zWhy = N_("not a valid date (YYYY-MM-DD)");
  } else {
    const char *z = s->zRule;
    RuleItem it;
    while (!zWhy && rule_next(&z, &it, &zProblem) == 1) zWhy = rule_item_check(&it, p, zOn);
  }
  if (pzReason) *pzReason = zWhy;
  return zWhy == NULL;
}

/* ------------------------------------------------------------------ */
/* Organisations                                                       */
/* ------------------------------------------------------------------ */

static const char *const prog_azOrgKind[] = {
    "cooperative", "host_firm", "specialised_service", 0,
};

int organisation_vat_valid(const char *z) {
  if (!z || strlen(z) != 11) return 0;
  int sum = 0;
  for (int i = 0; i < 11; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    int d = z[i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2; /* 2nd, 4th, ... 10th digit */
    sum += d;
  }
  return sum % 10 == 0;
}

void organisation_validate(const Organisation *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "name", p->zName, 200, 1);
  if (!prog_one_of(p->zKind, prog_azOrgKind)) {
    errors_add(pErr, "kind", "must be one of cooperative, host_firm, specialised_service");
  }
  if (!domain_blank(p->zVatNumber) && !organisation_vat_valid(p->zVatNumber)) {
    errors_add(pErr, "vat_number", "not a valid partita IVA (11 digits)");
  }
}

int64_t organisation_find(Db *db, int64_t iAgency, const char *zCode) {
  return db_int(db, 0, "SELECT id FROM organisation WHERE agency_id=$1 AND code=$2", "it",
                iAgency, zCode);
}

int organisation_save(Db *db, int64_t iAgency, Organisation *p, Errors *pErr) {
  int nErr = pErr->n;
  organisation_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  const char *zVat = domain_blank(p->zVatNumber) ? NULL : p->zVatNumber;
  int64_t id = organisation_find(db, iAgency, p->zCode);
  if (id) {
    p->id = id;
    return prog_write(db_query(db,
                               "UPDATE organisation SET name=$1, kind=$2, vat_number=$3"
                               " WHERE id=$4 AND agency_id=$5",
                               "tttii", p->zName, p->zKind, zVat, id, iAgency),
                      NULL);
  }
  return prog_write(db_query(db,
                             "INSERT INTO organisation(agency_id, code, name, kind, vat_number)"
                             " VALUES ($1,$2,$3,$4,$5) RETURNING id",
                             "itttt", iAgency, p->zCode, p->zName, p->zKind, zVat),
                    &p->id);
}

#define ORG_COLUMNS "id, code, name, kind, vat_number"

static void organisation_from_row(DbStmt *q, Arena *a, Organisation *p) {
  p->id = db_col_int(q, 0);
  p->zCode = arena_strdup(a, db_col_text(q, 1));
  p->zName = arena_strdup(a, db_col_text(q, 2));
  p->zKind = arena_strdup(a, db_col_text(q, 3));
  p->zVatNumber = arena_strdup(a, db_col_text(q, 4));
}

int organisation_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Organisation *p) {
  DbStmt *q = db_query(db,
                       "SELECT " ORG_COLUMNS " FROM organisation WHERE id=$1 AND agency_id=$2",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) organisation_from_row(q, a, p);
  db_done(q);
  return prog_row_status(rc);
}

int organisation_list(Db *db, Arena *a, int64_t iAgency, Organisation **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT " ORG_COLUMNS " FROM organisation WHERE agency_id=$1"
                       " ORDER BY id",
                       "i", iAgency);
  Organisation *aO = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    aO = prog_grow(a, aO, n, &nAlloc, sizeof *aO);
    organisation_from_row(q, a, &aO[n++]);
  }
  db_done(q);
  *pa = aO;
  *pn = n;
  return rc < 0 ? rc : 0;
}
