/*
** session.c — browser sessions, API tokens and login throttling (see
** session.h), the stored half of authentication.
**
** A secret (a session cookie's value, an API token) is 32 random bytes
** from libsodium shown as 64 hex digits; the database keeps only the hex
** BLAKE2b-256 of those 32 bytes, found through a unique index.  Someone
** who reads the tables cannot log in with what they read.
**
** Expiry is computed from the stored timestamps and the caller's "now"
** (tests move the clock by passing another one): idle time counts from
** last_seen_at, which is refreshed at most once a minute so that a busy
** session does not write on every request; absolute time counts from
** created_at.  A session or token also dies with its user (disabled) and
** a session with the user's password (changed after it began).
**
** Throttling counts rows of login_failure in a trailing window, per
** username (folded to lower case) and per address, through the indexes
** on (username, at) and (address, at).
*/
#include "session.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "domain.h"

#define SESSION_REFRESH 60        /* seconds between last-seen/last-used updates */
#define LOGIN_WINDOW (15 * 60)    /* failures counted for the delay */
#define LOGIN_FREE 5              /* failures in the window without delay */
#define LOGIN_DELAY_MAX 60        /* seconds */
#define LOGIN_LOCK_WINDOW 3600    /* the hour of the account lock */
#define LOGIN_LOCK_FAILURES 100   /* failures in that hour that lock */

/* ------------------------------------------------------------------ */
/* Secrets                                                             */
/* ------------------------------------------------------------------ */

/* A new random secret: its hex in zHex and the hex of its hash in zHash. */
static void session_new_secret(char zHex[SESSION_SECRET_HEX + 1], char zHash[65]) {
  unsigned char aSecret[32], aHash[32];
  if (sodium_init() < 0) abort();
  randombytes_buf(aSecret, sizeof aSecret);
  sodium_bin2hex(zHex, SESSION_SECRET_HEX + 1, aSecret, sizeof aSecret);
  crypto_generichash(aHash, sizeof aHash, aSecret, sizeof aSecret, 0, 0);
  sodium_bin2hex(zHash, 65, aHash, sizeof aHash);
  sodium_memzero(aSecret, sizeof aSecret);
}

/* The hex hash of the secret written as zHex into zHash: 0, or -1 when
** zHex is not exactly 64 hex digits (then nothing can match it). */
static int session_hash(const char *zHex, char zHash[65]) {
  unsigned char aSecret[32], aHash[32];
  size_t nBin = 0;
  const char *zEnd = 0;
  if (!zHex || strlen(zHex) != SESSION_SECRET_HEX) return -1;
  if (sodium_hex2bin(aSecret, sizeof aSecret, zHex, SESSION_SECRET_HEX, 0, &nBin, &zEnd) ||
      nBin != sizeof aSecret || zEnd != zHex + SESSION_SECRET_HEX) {
    return -1;
  }
  crypto_generichash(aHash, sizeof aHash, aSecret, sizeof aSecret, 0, 0);
  sodium_bin2hex(zHash, 65, aHash, sizeof aHash);
  sodium_memzero(aSecret, sizeof aSecret);
  return 0;
}

/* A random 256-bit value in hex, in the arena (the CSRF token). */
static char *session_random_hex(Arena *a) {
  unsigned char aRandom[32];
  char *z = arena_alloc(a, 2 * sizeof aRandom + 1);
  if (sodium_init() < 0) abort();
  randombytes_buf(aRandom, sizeof aRandom);
  sodium_bin2hex(z, 2 * sizeof aRandom + 1, aRandom, sizeof aRandom);
  return z;
}

/* Seconds from zThen to zNow; a huge number when either is malformed (so
** that anything measured with it has expired). */
static int64_t session_age(const char *zThen, const char *zNow) {
  int64_t tThen = timestamp_seconds(zThen), tNow = timestamp_seconds(zNow);
  if (tThen < 0 || tNow < 0) return INT64_MAX / 2;
  return tNow - tThen;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

int session_create(Db *db, Arena *a, int64_t iUser, const char *zAddress, const char *zNow,
                   char zSecret[SESSION_SECRET_HEX + 1], Session *p) {
  char zHash[65];
  session_new_secret(zSecret, zHash);
  *p = (Session){.iUser = iUser, .zCsrf = session_random_hex(a),
                 .zCreatedAt = arena_strdup(a, zNow), .zLastSeenAt = arena_strdup(a, zNow)};
  return domain_one_int(db_query(db,
                                 "INSERT INTO session(user_id, token_hash, csrf_token, created_at,"
                                 " last_seen_at, address) VALUES ($1,$2,$3,$4,$4,$5) RETURNING id",
                                 "itttt", iUser, zHash, p->zCsrf, zNow, zAddress),
                        &p->id);
}

/* A session row as read with its user. */
typedef struct SessionRow {
  Session s;
  User user;                      /* with its roles */
  const char *zPasswordChangedAt; /* NULL: never */
} SessionRow;

/* Read the open session whose hash is zHash, and its user with its
** roles, into *pR: 1 if found, else 0.  One statement (a row per role):
** it runs on every request. */
static int session_read(Db *db, Arena *a, const char *zHash, SessionRow *pR) {
  DbStmt *q = db_query(db,
                       "SELECT " USER_COLUMNS ", s.id, s.csrf_token, s.created_at,"
                       " s.last_seen_at, u.password_changed_at, " USER_ROLE_COLUMN USER_FROM
                       " JOIN session s ON s.user_id=u.id" USER_ROLE_JOIN
                       " WHERE s.token_hash=$1 AND s.ended_at IS NULL",
                       "t", zHash);
  const int k = USER_NCOL;
  int bFound = db_step(q) == DB_ROW;
  if (bFound) {
    user_from_row(q, a, &pR->user);
    pR->s = (Session){.id = db_col_int(q, k), .iUser = pR->user.id,
                      .zCsrf = arena_strdup(a, db_col_text(q, k + 1)),
                      .zCreatedAt = arena_strdup(a, db_col_text(q, k + 2)),
                      .zLastSeenAt = arena_strdup(a, db_col_text(q, k + 3))};
    pR->zPasswordChangedAt = arena_strdup(a, db_col_text(q, k + 4));
    int rc;
    do user_add_role(q, k + 5, &pR->user);
    while ((rc = db_step(q)) == DB_ROW);
    bFound = rc == DB_DONE; /* not a user with some of their roles */
  }
  db_done(q);
  return bFound;
}

/* 1 if the session of *pR is live at zNow under *pL. */
static int session_live(const SessionRow *pR, const char *zNow, const SessionLimits *pL) {
  if (!pR->user.bActive) return 0;
  if (session_age(pR->s.zCreatedAt, zNow) >= pL->nAbsoluteSeconds) return 0;
  if (session_age(pR->s.zLastSeenAt, zNow) >= pL->nIdleSeconds) return 0;
  /* Begun before the last password change (timestamps of one format
  ** compare as text). */
  if (pR->zPasswordChangedAt && strcmp(pR->s.zCreatedAt, pR->zPasswordChangedAt) < 0) return 0;
  return 1;
}

int session_find(Db *db, Arena *a, const char *zSecret, const char *zNow,
                 const SessionLimits *pLimits, Session *p, User *pUser) {
  static const SessionLimits dflt = {SESSION_IDLE_DEFAULT, SESSION_ABSOLUTE_DEFAULT};
  char zHash[65];
  SessionRow r;
  if (session_hash(zSecret, zHash) || !session_read(db, a, zHash, &r)) return 0;
  if (!session_live(&r, zNow, pLimits ? pLimits : &dflt)) {
    session_end(db, r.s.id, zNow);
    return 0;
  }
  if (session_age(r.s.zLastSeenAt, zNow) >= SESSION_REFRESH &&
      db_exec(db, "UPDATE session SET last_seen_at=$1 WHERE id=$2", "ti", zNow, r.s.id) == 0) {
    r.s.zLastSeenAt = arena_strdup(a, zNow);
  }
  *pUser = r.user;
  *p = r.s;
  return 1;
}

void session_end(Db *db, int64_t id, const char *zNow) {
  db_exec(db, "UPDATE session SET ended_at=$1 WHERE id=$2 AND ended_at IS NULL", "ti", zNow, id);
}

void session_end_all(Db *db, int64_t iUser, const char *zNow) {
  db_exec(db, "UPDATE session SET ended_at=$1 WHERE user_id=$2 AND ended_at IS NULL", "ti", zNow,
          iUser);
}

/* ------------------------------------------------------------------ */
/* API tokens                                                          */
/* ------------------------------------------------------------------ */

int token_create(Db *db, int64_t iUser, const char *zLabel, const char *zNow,
                 char zToken[SESSION_SECRET_HEX + 1], int64_t *pId) {
  Errors err = {.n = 0};
  domain_check_text(&err, "label", zLabel, 100, 0);
  if (err.n) return DOMAIN_INVALID;
  char zHash[65];
  session_new_secret(zToken, zHash);
  return domain_one_int(db_query(db,
                                 "INSERT INTO api_token(user_id, token_hash, label, created_at)"
                                 " VALUES ($1,$2,$3,$4) RETURNING id",
                                 "ittt", iUser, zHash, domain_blank(zLabel) ? NULL : zLabel,
                                 zNow),
                        pId);
}

int token_find(Db *db, Arena *a, const char *zToken, const char *zNow, User *pUser) {
  char zHash[65];
  if (session_hash(zToken, zHash)) return 0;
  DbStmt *q = db_query(db,
                       "SELECT " USER_COLUMNS ", t.id, t.last_used_at, " USER_ROLE_COLUMN USER_FROM
                       " JOIN api_token t ON t.user_id=u.id" USER_ROLE_JOIN
                       " WHERE t.token_hash=$1 AND t.revoked_at IS NULL",
                       "t", zHash);
  int64_t id = 0, bRefresh = 0;
  User u = {0};
  if (db_step(q) == DB_ROW) {
    user_from_row(q, a, &u);
    id = db_col_int(q, USER_NCOL);
    bRefresh = db_col_null(q, USER_NCOL + 1) ||
               session_age(db_col_text(q, USER_NCOL + 1), zNow) >= SESSION_REFRESH;
    int rc;
    do user_add_role(q, USER_NCOL + 2, &u);
    while ((rc = db_step(q)) == DB_ROW);
    if (rc != DB_DONE) id = 0; /* not a user with some of their roles */
  }
  db_done(q);
  if (!id || !u.bActive) return 0;
  if (bRefresh) db_exec(db, "UPDATE api_token SET last_used_at=$1 WHERE id=$2", "ti", zNow, id);
  *pUser = u;
  return 1;
}

int token_revoke(Db *db, int64_t iUser, int64_t iToken, const char *zNow) {
  DbStmt *q = db_query(db, "SELECT revoked_at FROM api_token WHERE id=$1 AND user_id=$2", "ii",
                       iToken, iUser);
  int rc = db_step(q), bLive = rc == DB_ROW && db_col_null(q, 0);
  db_done(q);
  if (rc < 0) return rc;
  if (rc == DB_DONE) return DOMAIN_NOT_FOUND;
  if (!bLive) return 0;
  return db_exec(db, "UPDATE api_token SET revoked_at=$1 WHERE id=$2", "ti", zNow, iToken);
}

int token_list(Db *db, Arena *a, int64_t iUser, Token **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT id, label, created_at, last_used_at, revoked_at FROM api_token"
                       " WHERE user_id=$1 ORDER BY id",
                       "i", iUser);
  Token *aT = 0;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      Token *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (n) memcpy(aNew, aT, (size_t)n * sizeof *aT);
      aT = aNew;
    }
    aT[n++] = (Token){.id = db_col_int(q, 0), .zLabel = arena_strdup(a, db_col_text(q, 1)),
                      .zCreatedAt = arena_strdup(a, db_col_text(q, 2)),
                      .zLastUsedAt = arena_strdup(a, db_col_text(q, 3)),
                      .zRevokedAt = arena_strdup(a, db_col_text(q, 4))};
  }
  db_done(q);
  if (rc < 0) return rc;
  *pa = aT;
  *pn = n;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Throttling                                                          */
/* ------------------------------------------------------------------ */

/* The username as counted: folded to lower case, or "?" for anything
** that cannot be a username (too long, not UTF-8 text), so that such
** attempts share one count and never reach the database as bad text. */
static const char *login_key(const char *zUsername, char zOut[72]) {
  if (!zUsername || domain_text_len(zUsername, strlen(zUsername)) < 0 ||
      !user_fold_name(zUsername, zOut, 72)) {
    return "?";
  }
  return zOut;
}

/* The seconds still to wait at tNow after n failures in the window, the
** latest at tLast: none for the first LOGIN_FREE, then 1, 2, 4... */
static int64_t login_backoff(int64_t n, int64_t tLast, int64_t tNow) {
  if (n < LOGIN_FREE) return 0;
  int64_t nDelay = n - LOGIN_FREE >= 6 ? LOGIN_DELAY_MAX : (int64_t)1 << (n - LOGIN_FREE);
  if (nDelay > LOGIN_DELAY_MAX) nDelay = LOGIN_DELAY_MAX;
  int64_t nWait = tLast + nDelay - tNow;
  return nWait > 0 ? nWait : 0;
}

/* The wait from the failures of q (count, latest) at tNow. */
static int64_t login_wait_of(DbStmt *q, int64_t tNow) {
  int64_t n = 0, tLast = 0;
  if (db_step(q) == DB_ROW) {
    n = db_col_int(q, 0);
    tLast = timestamp_seconds(db_col_text(q, 1));
  }
  db_done(q);
  return login_backoff(n, tLast, tNow);
}

/* The wait until the hourly lock of account zKey ends, 0 if not locked:
** locked while the hour before now holds LOGIN_LOCK_FAILURES failures,
** that is until the hundredth newest of them is an hour old. */
static int64_t login_lock_wait(Db *db, const char *zKey, const char *zHour, int64_t tNow) {
  DbStmt *q = db_query(db,
                       "SELECT at FROM login_failure WHERE username=$1 AND at>$2"
                       " ORDER BY at DESC LIMIT 1 OFFSET 99",
                       "tt", zKey, zHour);
  int64_t nWait = 0;
  if (db_step(q) == DB_ROW) {
    int64_t t = timestamp_seconds(db_col_text(q, 0));
    if (t >= 0) nWait = t + LOGIN_LOCK_WINDOW - tNow;
  }
  db_done(q);
  return nWait > 0 ? nWait : 0;
}

_Static_assert(LOGIN_LOCK_FAILURES == 100, "the OFFSET above is LOGIN_LOCK_FAILURES - 1");

int login_delay(Db *db, const char *zUsername, const char *zAddress, const char *zNow) {
  char zBuf[72], zWindow[21], zHour[21];
  const char *zKey = login_key(zUsername, zBuf);
  int64_t tNow = timestamp_seconds(zNow);
  if (tNow < 0) return 0;
  timestamp_format(tNow - LOGIN_WINDOW, zWindow);
  timestamp_format(tNow - LOGIN_LOCK_WINDOW, zHour);
  int64_t nUser = login_wait_of(
      db_query(db, "SELECT count(*), max(at) FROM login_failure WHERE username=$1 AND at>$2", "tt",
               zKey, zWindow),
      tNow);
  int64_t nAddr = login_wait_of(
      db_query(db, "SELECT count(*), max(at) FROM login_failure WHERE address=$1 AND at>$2", "tt",
               zAddress ? zAddress : "", zWindow),
      tNow);
  int64_t nLock = login_lock_wait(db, zKey, zHour, tNow);
  int64_t nWait = nUser > nAddr ? nUser : nAddr;
  return (int)(nLock > nWait ? nLock : nWait);
}

void login_failed(Db *db, const char *zUsername, const char *zAddress, const char *zNow) {
  char zBuf[72], zHour[21];
  const char *zKey = login_key(zUsername, zBuf);
  if (!zAddress) zAddress = "";
  int64_t tNow = timestamp_seconds(zNow);
  if (tNow >= 0) {
    timestamp_format(tNow - LOGIN_LOCK_WINDOW, zHour);
    db_exec(db, "DELETE FROM login_failure WHERE username=$1 AND at<=$2", "tt", zKey, zHour);
    db_exec(db, "DELETE FROM login_failure WHERE address=$1 AND at<=$2", "tt", zAddress, zHour);
  }
  db_exec(db, "INSERT INTO login_failure(username, address, at) VALUES ($1,$2,$3)", "ttt", zKey,
          zAddress, zNow);
}

void login_succeeded(Db *db, const char *zUsername, const char *zAddress) {
  char zBuf[72];
  db_exec(db, "DELETE FROM login_failure WHERE username=$1", "t", login_key(zUsername, zBuf));
  db_exec(db, "DELETE FROM login_failure WHERE address=$1", "t", zAddress ? zAddress : "");
}
