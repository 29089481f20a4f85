/*
** audit.c — the audit trail's chain (see audit.h): appending an entry
** under the chain head's lock, recomputing the chain to verify it, and
** reading pages of it.  The field-level details are built in
** audit_diff.c.
**
** The hash input is written column by column through a BLAKE2b state
** (libsodium crypto_generichash), never assembled in memory, so a large
** detail costs no copy.  audit_hash_row() is the one place that knows the
** order of the columns: append hashes the row it is about to insert,
** verify the row it has read, through the same function.
*/
#include "audit.h"

#include <assert.h>
#include <inttypes.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../lib/date.h"
#include "domain.h"

#define AUDIT_VERSION "ali-audit-v1" /* first bytes hashed: the encoding below */
#define AUDIT_PAGE 2000              /* rows verify reads per query */

/* ------------------------------------------------------------------ */
/* Hashing                                                             */
/* ------------------------------------------------------------------ */

/* One column as stored: SQL NULL, an integer or text. */
typedef struct AuditValue {
  char cType;    /* 'N', 'I' or 'T' */
  int64_t i;     /* 'I' */
  const char *z; /* 'T' */
} AuditValue;

/* The hashed columns of an entry, in hashing order: prev_hash, id,
** agency_id, at, user_id, username, address, action, entity, entity_id,
** person_id, detail. */
#define AUDIT_N_HASHED 12

static AuditValue audit_int(int64_t i) { return (AuditValue){'I', i, 0}; }
static AuditValue audit_int_or_null(int64_t i) {
  return i ? audit_int(i) : (AuditValue){'N', 0, 0};
}
static AuditValue audit_text(const char *z) {
  return z ? (AuditValue){'T', 0, z} : (AuditValue){'N', 0, 0};
}

static void audit_put_u64(crypto_generichash_state *pS, uint64_t v) {
  unsigned char a[8];
  for (int i = 7; i >= 0; i--, v >>= 8) a[i] = (unsigned char)(v & 0xFF);
  crypto_generichash_update(pS, a, sizeof a);
}

/* F(v) of audit.h into the hash state. */
static void audit_put(crypto_generichash_state *pS, const AuditValue *v) {
  unsigned char c = (unsigned char)v->cType;
  crypto_generichash_update(pS, &c, 1);
  if (v->cType == 'I') {
    audit_put_u64(pS, (uint64_t)v->i);
  } else if (v->cType == 'T') {
    size_t n = strlen(v->z);
    audit_put_u64(pS, (uint64_t)n);
    crypto_generichash_update(pS, (const unsigned char *)v->z, n);
  } else {
    assert(v->cType == 'N');
  }
}

/* The hex hash of the AUDIT_N_HASHED columns a[] into zOut. */
static void audit_hash_row(const AuditValue *a, char zOut[AUDIT_HASH_HEX + 1]) {
  crypto_generichash_state s;
  unsigned char aHash[32];
  crypto_generichash_init(&s, NULL, 0, sizeof aHash);
  crypto_generichash_update(&s, (const unsigned char *)AUDIT_VERSION, strlen(AUDIT_VERSION));
  for (int i = 0; i < AUDIT_N_HASHED; i++) audit_put(&s, &a[i]);
  crypto_generichash_final(&s, aHash, sizeof aHash);
  sodium_bin2hex(zOut, AUDIT_HASH_HEX + 1, aHash, sizeof aHash);
}

/* The columns of entry *p as audit_append stores them. */
static void audit_entry_values(const char *zPrevHash, const AuditEntry *p, AuditValue *a) {
  a[0] = audit_text(zPrevHash);
  a[1] = audit_int(p->id);
  a[2] = audit_int_or_null(p->iAgency);
  a[3] = audit_text(p->zAt);
  a[4] = audit_int_or_null(p->iUser);
  a[5] = audit_text(p->zUsername);
  a[6] = audit_text(p->zAddress);
  a[7] = audit_text(p->zAction);
  a[8] = audit_text(p->zEntity);
  a[9] = audit_int_or_null(p->iEntityId);
  a[10] = audit_int_or_null(p->iPerson);
  a[11] = audit_text(p->zDetail);
}

void audit_hash(const char *zPrevHash, const AuditEntry *p, char zOut[AUDIT_HASH_HEX + 1]) {
  AuditValue a[AUDIT_N_HASHED];
  assert(zPrevHash && p->zAt && p->zAction);
  audit_entry_values(zPrevHash, p, a);
  audit_hash_row(a, zOut);
}

/* ------------------------------------------------------------------ */
/* Appending                                                           */
/* ------------------------------------------------------------------ */

/* Lock the chain head and read it: the last id and hash.  DB_ERROR when
** the row is missing. */
static int audit_lock_head(Db *db, int64_t *piLast, char zHash[AUDIT_HASH_HEX + 1]) {
  DbStmt *q = db_prepare(db,
                         "UPDATE audit_head SET last_id=last_id WHERE id=1"
                         " RETURNING last_id, last_hash");
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *piLast = db_col_int(q, 0);
    snprintf(zHash, AUDIT_HASH_HEX + 1, "%s", db_col_text(q, 1) ? db_col_text(q, 1) : "");
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc < 0 ? rc : DB_ERROR;
}

static int audit_insert(Db *db, const AuditEntry *p, const char *zPrev, const char *zHash) {
  DbStmt *q = db_prepare(db,
                         "INSERT INTO audit(id, agency_id, at, user_id, username, address,"
                         " action, entity, entity_id, person_id, detail, prev_hash, hash)"
                         " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)");
  const int64_t aInt[] = {p->id, p->iAgency, 0, p->iUser, 0, 0, 0, 0, p->iEntityId, p->iPerson};
  for (int i = 0; i < 10; i++) {
    if (aInt[i])
      db_bind_int(q, i + 1, aInt[i]);
    else
      db_bind_null(q, i + 1);
  }
  db_bind_text(q, 3, p->zAt);
  db_bind_text(q, 5, p->zUsername);
  db_bind_text(q, 6, p->zAddress);
  db_bind_text(q, 7, p->zAction);
  db_bind_text(q, 8, p->zEntity);
  db_bind_text(q, 11, p->zDetail);
  db_bind_text(q, 12, zPrev);
  db_bind_text(q, 13, zHash);
  int rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

int audit_chain_begin(Db *db, AuditChain *pC) {
  memset(pC, 0, sizeof *pC);
  return audit_lock_head(db, &pC->iLast, pC->zLastHash);
}

int audit_chain_append(Db *db, AuditChain *pC, AuditEntry *p) {
  assert(p->zAction && *p->zAction);
  char zNow[21], zHash[AUDIT_HASH_HEX + 1];
  AuditEntry e = *p;
  if (!e.zAt) {
    timestamp_now(zNow);
    e.zAt = zNow;
  }
  e.id = pC->iLast + 1;
  audit_hash(pC->zLastHash, &e, zHash);
  int rc = audit_insert(db, &e, pC->zLastHash, zHash);
  if (rc) return rc;
  p->id = pC->iLast = e.id;
  memcpy(pC->zLastHash, zHash, sizeof zHash);
  pC->nAppended++;
  return 0;
}

int audit_chain_end(Db *db, AuditChain *pC) {
  if (pC->nAppended == 0) return 0;
  return db_exec(db, "UPDATE audit_head SET last_id=$1, last_hash=$2 WHERE id=1", "it", pC->iLast,
                 pC->zLastHash);
}

int audit_append(Db *db, AuditEntry *p) {
  AuditChain c;
  int rc = audit_chain_begin(db, &c);
  if (!rc) rc = audit_chain_append(db, &c, p);
  if (!rc) rc = audit_chain_end(db, &c);
  return rc;
}

void audit_cli_username(char *zOut, size_t n) {
  struct passwd pw, *pPw = 0;
  char aBuf[4096];
  uid_t uid = geteuid();
  if (getpwuid_r(uid, &pw, aBuf, sizeof aBuf, &pPw) == 0 && pPw && pPw->pw_name[0]) {
    snprintf(zOut, n, "cli:%s", pPw->pw_name);
  } else {
    snprintf(zOut, n, "cli:uid %ld", (long)uid);
  }
}

/* ------------------------------------------------------------------ */
/* Verifying                                                           */
/* ------------------------------------------------------------------ */

/* The state of a walk along the chain. */
typedef struct AuditWalk {
  int64_t nChecked;                   /* entries found intact */
  int64_t iLast;                      /* id of the last of them (0: none) */
  char zLastHash[AUDIT_HASH_HEX + 1]; /* its hash ("" when none) */
  char *zErr;
  size_t nErr;
} AuditWalk;

/* Read the chain head (no lock).  0, DOMAIN_INVALID if it is missing, or
** a db.h code. */
static int audit_read_head(Db *db, AuditWalk *w, int64_t *piLast, char zHash[AUDIT_HASH_HEX + 2]) {
  DbStmt *q = db_query(db, "SELECT last_id, last_hash FROM audit_head WHERE id=1", "");
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *piLast = db_col_int(q, 0);
    /* one byte more than a hash, so that a longer value cannot compare
    ** equal once cut short */
    snprintf(zHash, AUDIT_HASH_HEX + 2, "%s", db_col_text(q, 1) ? db_col_text(q, 1) : "");
  }
  db_done(q);
  if (rc == DB_DONE) {
    snprintf(w->zErr, w->nErr, "the chain head (table audit_head) is missing");
    return DOMAIN_INVALID;
  }
  return rc == DB_ROW ? 0 : rc;
}

/* The hashed columns of the current row of the page query below. */
static void audit_row_values(DbStmt *q, AuditValue *a) {
  static const char aType[AUDIT_N_HASHED] = {'T', 'I', 'I', 'T', 'I', 'T',
                                             'T', 'T', 'T', 'I', 'I', 'T'};
  /* column 0 of the query is id: hashed column k > 0 is query column k-1,
  ** and prev_hash (hashed column 0) is query column 11 */
  for (int k = 0; k < AUDIT_N_HASHED; k++) {
    int iCol = k == 0 ? 11 : k - 1;
    if (db_col_null(q, iCol))
      a[k] = (AuditValue){'N', 0, 0};
    else if (aType[k] == 'I')
      a[k] = audit_int(db_col_int(q, iCol));
    else
      a[k] = audit_text(db_col_text(q, iCol));
  }
}

/*
** Check the current row (entry id) against the chain so far.  0 if it
** fits (the walk advances); otherwise DOMAIN_INVALID with the message.
*/
static int audit_check_row(AuditWalk *w, DbStmt *q) {
  int64_t id = db_col_int(q, 0);
  int64_t iWant = w->iLast + 1;
  if (id != iWant) {
    assert(id > iWant); /* ids ascend */
    if (id == iWant + 1)
      snprintf(w->zErr, w->nErr, "entry %" PRId64 " is missing (deleted)", iWant);
    else
      snprintf(w->zErr, w->nErr, "entries %" PRId64 " to %" PRId64 " are missing (deleted)", iWant,
               id - 1);
    return DOMAIN_INVALID;
  }
  AuditValue a[AUDIT_N_HASHED];
  char zHash[AUDIT_HASH_HEX + 1];
  audit_row_values(q, a);
  audit_hash_row(a, zHash);
  const char *zStored = db_col_text(q, 12), *zPrev = db_col_text(q, 11);
  if (!zStored || strcmp(zHash, zStored) != 0) {
    snprintf(w->zErr, w->nErr, "entry %" PRId64 " was changed", id);
    return DOMAIN_INVALID;
  }
  if (!zPrev || strcmp(zPrev, w->zLastHash) != 0) {
    /* self-consistent, but chained to something else: the entry before it
    ** was changed and hashed again (for entry 1, it was itself) */
    snprintf(w->zErr, w->nErr, "entry %" PRId64 " was changed", id > 1 ? id - 1 : id);
    return DOMAIN_INVALID;
  }
  w->iLast = id;
  w->nChecked++;
  snprintf(w->zLastHash, sizeof w->zLastHash, "%s", zStored);
  return 0;
}

/* Check the entries after w->iLast, at most AUDIT_PAGE of them; *pnRow
** gets how many were read.  0, DOMAIN_INVALID or a db.h code. */
static int audit_check_page(Db *db, AuditWalk *w, int *pnRow) {
  DbStmt *q = db_query(db,
                       "SELECT id, agency_id, at, user_id, username, address, action, entity,"
                       " entity_id, person_id, detail, prev_hash, hash FROM audit"
                       " WHERE id>$1 ORDER BY id LIMIT $2",
                       "ii", w->iLast, (int64_t)AUDIT_PAGE);
  int rc, nRow = 0;
  while ((rc = db_step(q)) == DB_ROW) {
    nRow++;
    rc = audit_check_row(w, q);
    if (rc) break;
  }
  db_done(q);
  *pnRow = nRow;
  return rc == DB_DONE ? 0 : rc;
}

/*
** After the walk: compare the last entry with the chain head, read once
** before the walk (iHead0) and once after (iHead1).  Entries appended
** while the walk ran lie between the two and are fine.
*/
static int audit_check_tail(AuditWalk *w, int64_t iHead0, const char *zHead0, int64_t iHead1,
                            const char *zHead1) {
  int64_t n = w->iLast;
  if (n < iHead0) {
    if (n == 0)
      snprintf(w->zErr, w->nErr, "all %" PRId64 " entries were removed", iHead0);
    else if (iHead0 == n + 1)
      snprintf(w->zErr, w->nErr, "the last entry, %" PRId64 ", was removed", iHead0);
    else
      snprintf(w->zErr, w->nErr,
               "the last entries after %" PRId64 " were removed (%" PRId64 " to %" PRId64 ")", n,
               n + 1, iHead0);
    return DOMAIN_INVALID;
  }
  if (n > iHead1) {
    snprintf(w->zErr, w->nErr,
             "entry %" PRId64
             " is not in the chain head (added outside ali,"
             " or the head was altered)",
             iHead1 + 1);
    return DOMAIN_INVALID;
  }
  if ((n == iHead1 && strcmp(w->zLastHash, zHead1) != 0) ||
      (n != iHead1 && n == iHead0 && strcmp(w->zLastHash, zHead0) != 0)) {
    snprintf(w->zErr, w->nErr, "entry %" PRId64 " or the chain head was changed", n);
    return DOMAIN_INVALID;
  }
  return 0;
}

int audit_verify(Db *db, int64_t *pnChecked, char *zLastHash, char *zErr, size_t nErr) {
  AuditWalk w = {.zErr = zErr, .nErr = nErr};
  char zHead0[AUDIT_HASH_HEX + 2], zHead1[AUDIT_HASH_HEX + 2];
  int64_t iHead0 = 0, iHead1 = 0;
  zErr[0] = 0;
  int rc = audit_read_head(db, &w, &iHead0, zHead0);
  int nRow = AUDIT_PAGE;
  while (!rc && nRow == AUDIT_PAGE) rc = audit_check_page(db, &w, &nRow);
  if (!rc) rc = audit_read_head(db, &w, &iHead1, zHead1);
  if (!rc) rc = audit_check_tail(&w, iHead0, zHead0, iHead1, zHead1);
  if (rc < 0 && rc != DOMAIN_INVALID) snprintf(zErr, nErr, "%s", db_errmsg(db));
  *pnChecked = w.nChecked;
  if (zLastHash) snprintf(zLastHash, AUDIT_HASH_HEX + 1, "%s", w.zLastHash);
  return rc;
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

/* The columns audit_list reads, and the filters every variant shares:
** $1 agency (0: any), $2 id below, $3 from, $4 to (exclusive), $5 action,
** $6 username, $7 limit. */
#define AUDIT_LIST_COLUMNS                                                \
  "SELECT id, agency_id, at, user_id, username, address, action, entity," \
  " entity_id, person_id, detail FROM audit WHERE id<$2"
#define AUDIT_LIST_FILTERS                         \
  " AND (CAST($1 AS BIGINT)=0 OR agency_id=$1)"    \
  " AND (CAST($3 AS TEXT) IS NULL OR at>=$3)"      \
  " AND (CAST($4 AS TEXT) IS NULL OR at<$4)"       \
  " AND (CAST($5 AS TEXT) IS NULL OR action=$5)"   \
  " AND (CAST($6 AS TEXT) IS NULL OR username=$6)" \
  " ORDER BY id DESC LIMIT $7"

/* The statement for pF: by person, by user, or over the whole trail
** (the first two read their index in id order). */
static DbStmt *audit_list_query(Db *db, const AuditFilter *pF) {
  if (pF->iPerson) {
    DbStmt *q = db_prepare(db, AUDIT_LIST_COLUMNS " AND person_id=$8" AUDIT_LIST_FILTERS);
    db_bind_int(q, 8, pF->iPerson);
    return q;
  }
  if (pF->iUser) {
    DbStmt *q = db_prepare(db, AUDIT_LIST_COLUMNS " AND user_id=$8" AUDIT_LIST_FILTERS);
    db_bind_int(q, 8, pF->iUser);
    return q;
  }
  return db_prepare(db, AUDIT_LIST_COLUMNS AUDIT_LIST_FILTERS);
}

/* The day after the date z into zOut; -1 if z is not a valid date. */
static int audit_next_day(const char *z, char zOut[11]) {
  int y, m, d;
  if (date_parse(z, &y, &m, &d)) return -1;
  date_from_days(date_days(y, m, d) + 1, zOut);
  return 0;
}

static void audit_from_row(DbStmt *q, Arena *a, AuditEntry *p) {
  p->id = db_col_int(q, 0);
  p->iAgency = db_col_int(q, 1);
  p->zAt = arena_strdup(a, db_col_text(q, 2));
  p->iUser = db_col_int(q, 3);
  p->zUsername = arena_strdup(a, db_col_text(q, 4));
  p->zAddress = arena_strdup(a, db_col_text(q, 5));
  p->zAction = arena_strdup(a, db_col_text(q, 6));
  p->zEntity = arena_strdup(a, db_col_text(q, 7));
  p->iEntityId = db_col_int(q, 8);
  p->iPerson = db_col_int(q, 9);
  p->zDetail = arena_strdup(a, db_col_text(q, 10));
}

int audit_list(Db *db, Arena *a, int64_t iAgency, const AuditFilter *pF, AuditEntry **pa, int *pn,
               int64_t *piNext) {
  int nLimit = pF->nLimit <= 0 ? 50 : pF->nLimit > 1000 ? 1000 : pF->nLimit;
  char zTo[11];
  *pa = NULL;
  *pn = 0;
  *piNext = 0;
  if ((pF->zFrom && !date_valid(pF->zFrom)) || (pF->zTo && audit_next_day(pF->zTo, zTo))) {
    return DOMAIN_INVALID;
  }
  DbStmt *q = audit_list_query(db, pF);
  db_bind_int(q, 1, iAgency);
  db_bind_int(q, 2, pF->iBefore > 0 ? pF->iBefore : INT64_MAX);
  db_bind_text(q, 3, pF->zFrom);
  db_bind_text(q, 4, pF->zTo ? zTo : NULL);
  db_bind_text(q, 5, pF->zAction);
  db_bind_text(q, 6, pF->zUsername);
  db_bind_int(q, 7, nLimit + 1);
  AuditEntry *aE = arena_alloc(a, (size_t)(nLimit + 1) * sizeof *aE);
  int n = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) audit_from_row(q, a, &aE[n++]);
  db_done(q);
  if (rc < 0) return rc;
  if (n > nLimit) {
    n = nLimit;
    *piNext = aE[n - 1].id;
  }
  *pa = n ? aE : NULL;
  *pn = n;
  return 0;
}
