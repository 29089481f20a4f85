/*
** Unit tests for src/domain/user.c and src/domain/session.c: the
** password policy (lengths counted in UTF-8 characters, the embedded
** list of common passwords searched without regard to case), the
** timestamp helpers of src/lib/date.c they use, then against a real
** database: validation of new accounts, create / authenticate / wrong
** password / unknown user / disabled user, a new password ending the
** sessions, session idle and absolute expiry with a controlled clock,
** API tokens (create, find, last use, revoke, list) and login throttling
** (the exponential delay per username and per address, the hourly lock).
**
** Every argon2id hash costs about 0.7 s and 256 MiB (the MODERATE limits,
** as in production), so only the tests about passwords hash: the others
** insert their accounts with a placeholder hash.  One hash is timed and
** printed.
**
** The database tests run on a fresh SQLite file in /tmp migrated to the
** latest schema (db_fixture.c), and again on PostgreSQL when ALI_TEST_PG
** holds the URL of a server's "postgres" database (tests/run exports it).
** The files under test are included, h2o style, and the binary links
** build/asan/embedded.o for the migrations and the common-password list
** (make build/test/test_user).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/migrate.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/session.c"
#include "../../src/domain/user.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/mem.c"

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define FX_NAME "user"
#include "db_fixture.c"

/* A new agency; each database test uses its own, so tests stay apart. */
static int64_t new_agency(Db *db, const char *zCode) {
  int64_t id = db_int(db, 0,
                      "INSERT INTO agency(code, name, created_at) VALUES ($1,$1,$2) RETURNING id",
                      "tt", zCode, "2024-01-01T00:00:00Z");
  assert_true(id > 0);
  return id;
}

static int64_t new_org(Db *db, int64_t iAgency, const char *zCode) {
  int64_t id = db_int(db, 0,
                      "INSERT INTO organisation(agency_id, code, name, kind)"
                      " VALUES ($1,$2,$2,'cooperative') RETURNING id",
                      "it", iAgency, zCode);
  assert_true(id > 0);
  return id;
}

/* An active account without hashing: its password hash is a placeholder
** nothing verifies against, for tests that do not log in. */
static int64_t quick_user(Db *db, int64_t iAgency, const char *zName, unsigned mRoles) {
  int64_t id = db_int(db, 0,
                      "INSERT INTO app_user(agency_id, username, full_name, password_hash,"
                      " active, created_at, password_changed_at)"
                      " VALUES ($1,$2,$2,'-',1,$3,$3) RETURNING id",
                      "itt", iAgency, zName, "2024-01-01T00:00:00Z");
  assert_true(id > 0);
  assert_int_equal(user_insert_roles(db, id, mRoles), 0);
  return id;
}

/* The timestamp t seconds after zBase, into zOut. */
static const char *at(const char *zBase, int64_t t, char zOut[21]) {
  timestamp_format(timestamp_seconds(zBase) + t, zOut);
  return zOut;
}

#define T0 "2025-03-01T09:00:00Z"

/* ------------------------------------------------------------------ */
/* Password policy and timestamps (no database)                        */
/* ------------------------------------------------------------------ */

/* n copies of the UTF-8 character zChar, in zOut. */
static const char *repeat(const char *zChar, int n, char *zOut) {
  zOut[0] = 0;
  for (int i = 0; i < n; i++) strcat(zOut, zChar);
  return zOut;
}

static void test_password_lengths(void **state) {
  (void)state;
  char z[8192];
  assert_string_equal(user_password_problem(0), "required");
  assert_string_equal(user_password_problem(""), "required");
  assert_string_equal(user_password_problem("tramonto-bl"), "at least 12 characters");
  assert_null(user_password_problem("tramonto-blu"));
  assert_null(user_password_problem(repeat("k", 128, z)));
  assert_string_equal(user_password_problem(repeat("k", 129, z)), "at most 128 characters");
  assert_string_equal(user_password_problem(repeat("k", 5000, z)), "at most 128 characters");
  /* Characters, not bytes: 11 "è" are 22 bytes and still too short. */
  assert_string_equal(user_password_problem(repeat("è", 11, z)), "at least 12 characters");
  assert_null(user_password_problem(repeat("è", 12, z)));
  assert_null(user_password_problem(repeat("è", 128, z)));  /* 256 bytes */
  assert_string_equal(user_password_problem(repeat("è", 129, z)), "at most 128 characters");
  assert_null(user_password_problem(repeat("😀", 12, z))); /* 4 bytes each */
  assert_null(user_password_problem("spazi ammessi qui"));
  assert_string_equal(user_password_problem("bad\xff utf-8 text"),
                      "contains characters that are not allowed");
  assert_string_equal(user_password_problem("tab\there is refused"),
                      "contains characters that are not allowed");
}

static void test_password_common(void **state) {
  (void)state;
  const char *zCommon = "is one of the most common passwords: choose another";
  assert_string_equal(user_password_problem("qwerty123456"), zCommon);
  assert_string_equal(user_password_problem("Qwerty123456"), zCommon);
  assert_string_equal(user_password_problem("LEAVEMEALONE"), zCommon);
  assert_string_equal(user_password_problem("1q2w3e4r5t6y"), zCommon);
  assert_null(user_password_problem("leavemealone!"));
  /* Every line of the embedded list is found, and its neighbours are not. */
  const Embedded *e = embedded_find("data/common-passwords.txt");
  assert_non_null(e);
  const char *z = (const char *)e->pData;
  int nLine = 0;
  for (const char *zLine = z; *zLine; nLine++) {
    size_t n = strcspn(zLine, "\n");
    assert_true(user_is_common(zLine, n));
    char zMore[256];
    assert_true(n + 2 < sizeof zMore);
    snprintf(zMore, sizeof zMore, "%.*s\x7f", (int)n, zLine);
    assert_false(user_is_common(zMore, n + 1));
    zLine += n + (zLine[n] == '\n');
  }
  assert_int_equal(nLine, 10000);
  assert_false(user_is_common("", 0));
  assert_false(user_is_common("zzzzzzzzzzzzzzzzzzzz", 20));
  assert_false(user_is_common("\x01", 1));
}

static void test_timestamps(void **state) {
  (void)state;
  char z[21];
  assert_int_equal(timestamp_seconds("1970-01-01T00:00:00Z"), 0);
  assert_int_equal(timestamp_seconds("2000-03-01T00:00:01Z"), 951868801);
  assert_int_equal(timestamp_seconds("2024-02-29T23:59:59Z"), 1709251199);
  timestamp_format(1709251199, z);
  assert_string_equal(z, "2024-02-29T23:59:59Z");
  timestamp_format(1709251200, z);
  assert_string_equal(z, "2024-03-01T00:00:00Z");
  timestamp_now(z);
  assert_true(timestamp_seconds(z) > 1700000000);
  assert_int_equal(timestamp_seconds(0), -1);
  assert_int_equal(timestamp_seconds(""), -1);
  assert_int_equal(timestamp_seconds("2024-02-30T00:00:00Z"), -1);
  assert_int_equal(timestamp_seconds("2024-01-01 00:00:00Z"), -1);
  assert_int_equal(timestamp_seconds("2024-01-01T24:00:00Z"), -1);
  assert_int_equal(timestamp_seconds("2024-01-01T00:60:00Z"), -1);
  assert_int_equal(timestamp_seconds("2024-01-01T00:00:00"), -1);
  assert_int_equal(timestamp_seconds("2024-01-01T00:00:00Zx"), -1);
  assert_int_equal(timestamp_seconds("1969-12-31T23:59:59Z"), -1);
}

/* The time of one argon2id hash at the MODERATE limits, printed. */
static void test_hash_time(void **state) {
  (void)state;
  char zHash[crypto_pwhash_STRBYTES];
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(user_hash("tramonto-blu sul mare", zHash), 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("one argon2id hash (opslimit %llu, memlimit %zu MiB): %.3f s\n",
         (unsigned long long)crypto_pwhash_OPSLIMIT_MODERATE,
         (size_t)crypto_pwhash_MEMLIMIT_MODERATE >> 20, s);
  assert_true(strncmp(zHash, "$argon2id$", 10) == 0);
  assert_non_null(strstr(zHash, "m=262144,t=3"));
}

/* ------------------------------------------------------------------ */
/* Accounts                                                            */
/* ------------------------------------------------------------------ */

static void test_create_validation(void **state) {
  Db *db = ((Fixture *)*state)->db;
  int64_t iAgency = new_agency(db, "val"), iOther = new_agency(db, "val2");
  int64_t iOrgOther = new_org(db, iOther, "coop_elsewhere");
  quick_user(db, iAgency, "taken", ROLE_MANAGER);

  User u = {.iAgency = iAgency, .zUsername = "a", .zFullName = "", .zEmail = "no-at-sign",
            .mRoles = 0};
  Errors err = {.n = 0};
  assert_int_equal(user_create(db, &u, "short", &err), DOMAIN_INVALID);
  assert_string_equal(errors_get(&err, "username"), "2 to 64 characters");
  assert_string_equal(errors_get(&err, "full_name"), "required");
  assert_string_equal(errors_get(&err, "email"), "not a valid e-mail address");
  assert_string_equal(errors_get(&err, "roles"), "choose at least one role");
  assert_string_equal(errors_get(&err, "password"), "at least 12 characters");

  u = (User){.iAgency = iAgency, .zUsername = "mario rossi", .zFullName = "Mario",
             .mRoles = 1u << 12};
  err.n = 0;
  assert_int_equal(user_create(db, &u, "tramonto-blu", &err), DOMAIN_INVALID);
  assert_string_equal(errors_get(&err, "username"),
                      "only letters, digits, '.', '_' and '-' are allowed");
  assert_string_equal(errors_get(&err, "roles"), "unknown role");

  /* Checked against the database: a taken name (in any case), an
  ** organisation of another agency. */
  u = (User){.iAgency = iAgency, .zUsername = "TAKEN", .zFullName = "T", .mRoles = ROLE_OPERATOR,
             .iOrganisation = iOrgOther};
  err.n = 0;
  assert_int_equal(user_create(db, &u, "tramonto-blu", &err), DOMAIN_INVALID);
  assert_string_equal(errors_get(&err, "username"), "already taken");
  assert_string_equal(errors_get(&err, "organisation"), "unknown organisation");
  assert_int_equal(err.n, 2);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM app_user WHERE agency_id=$1", "i", iAgency),
                   1);
}

static void test_create_and_authenticate(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "auth"), iOther = new_agency(db, "auth2");
  int64_t iOrg = new_org(db, iAgency, "coop_a");
  const char *zPw = "Il mare d'inverno è blu";
  User u = {.iAgency = iAgency, .zUsername = "Anna.Verdi", .zFullName = "  Anna Verdi ",
            .zEmail = "anna@example.it", .mRoles = ROLE_CASE_MANAGER | ROLE_OPERATOR,
            .iOrganisation = iOrg};
  Errors err = {.n = 0};
  assert_int_equal(user_create(db, &u, zPw, &err), 0);
  assert_true(u.id > 0);
  char *zHash = db_text(db, &a, "SELECT password_hash FROM app_user WHERE id=$1", "i", u.id);
  assert_true(strncmp(zHash, "$argon2id$", 10) == 0);
  assert_null(strstr(zHash, zPw));

  User g;
  assert_int_equal(user_get(db, &a, iAgency, u.id, &g), 0);
  assert_string_equal(g.zUsername, "anna.verdi");
  assert_string_equal(g.zFullName, "Anna Verdi");
  assert_string_equal(g.zEmail, "anna@example.it");
  assert_string_equal(g.zOrganisationName, "coop_a");
  assert_int_equal(g.iOrganisation, iOrg);
  assert_int_equal(g.mRoles, ROLE_CASE_MANAGER | ROLE_OPERATOR);
  assert_int_equal(g.bActive, 1);
  assert_null(g.zLastLoginAt);
  assert_int_equal(user_get(db, &a, iOther, u.id, &g), DOMAIN_NOT_FOUND);
  assert_int_equal(user_get_by_name(db, &a, "ANNA.verdi", &g), 0);
  assert_int_equal(g.id, u.id);
  assert_int_equal(user_get_by_name(db, &a, "nobody", &g), DOMAIN_NOT_FOUND);

  /* The right password, in any case of the username; the wrong one; an
  ** unknown user. */
  User w;
  assert_int_equal(user_authenticate(db, &a, "anna.verdi", zPw, &w), 1);
  assert_int_equal(w.id, u.id);
  assert_int_equal(w.mRoles, ROLE_CASE_MANAGER | ROLE_OPERATOR);
  assert_int_equal(w.iAgency, iAgency);
  assert_int_equal(user_authenticate(db, &a, "Anna.Verdi", zPw, &w), 1);

  /* A wrong password; an unknown user, which costs one verification too,
  ** of a dummy hash made with the same argon2id parameters as real ones
  ** (counted, not timed: tests never assert timings). */
  unsigned long nBefore = user_nVerify;
  assert_int_equal(user_authenticate(db, &a, "ghost", zPw, &w), 0);
  assert_int_equal(user_nVerify - nBefore, 1);
  assert_int_equal(user_authenticate(db, &a, "anna.verdi", "Il mare d'inverno è Blu", &w), 0);
  assert_int_equal(user_nVerify - nBefore, 2);
  const char *zReal = db_text(db, &a, "SELECT password_hash FROM app_user WHERE id=$1", "i", u.id);
  assert_non_null(zReal);
  /* "$argon2id$v=19$m=..,t=..,p=..$salt$hash": the same up to the salt */
  size_t nParams = (size_t)(strchr(zReal + strlen("$argon2id$v=19$"), '$') - zReal);
  assert_true(user_zDummy[0]);
  assert_memory_equal(user_zDummy, zReal, nParams);
  assert_int_equal(user_authenticate(db, &a, "bad name\xff", zPw, &w), 0);

  /* Listing: by username, the agency's only, or every agency's with 0. */
  quick_user(db, iAgency, "aaron", ROLE_ADMIN);
  quick_user(db, iOther, "zed", ROLE_AUDITOR);
  User *aU;
  int n;
  assert_int_equal(user_list(db, &a, iAgency, &aU, &n), 0);
  assert_int_equal(n, 2);
  assert_string_equal(aU[0].zUsername, "aaron");
  assert_int_equal(aU[0].mRoles, ROLE_ADMIN);
  assert_string_equal(aU[1].zUsername, "anna.verdi");
  assert_int_equal(aU[1].mRoles, ROLE_CASE_MANAGER | ROLE_OPERATOR);
  assert_int_equal(user_list(db, &a, 0, &aU, &n), 0);
  assert_true(n >= 3);

  /* Disabled: the right password no longer opens it. */
  assert_int_equal(user_disable(db, iOther, u.id), DOMAIN_NOT_FOUND);
  assert_int_equal(user_disable(db, iAgency, u.id), 0);
  assert_int_equal(user_authenticate(db, &a, "anna.verdi", zPw, &w), 0);
  arena_free(&a);
}

static void test_set_password_ends_sessions(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "pw"), iOther = new_agency(db, "pw2");
  int64_t id = quick_user(db, iAgency, "paolo", ROLE_SOCIAL_WORKER);
  char zNow[21], zSecret[SESSION_SECRET_HEX + 1], zSecret2[SESSION_SECRET_HEX + 1];
  Session s;
  User u;
  timestamp_now(zNow);
  assert_int_equal(session_create(db, &a, id, "10.0.0.1", zNow, zSecret, &s), 0);
  assert_int_equal(session_create(db, &a, id, "10.0.0.2", zNow, zSecret2, &s), 0);
  assert_int_equal(session_find(db, &a, zSecret, zNow, 0, &s, &u), 1);

  Errors err = {.n = 0};
  assert_int_equal(user_set_password(db, iOther, id, "una nuova password", &err), DOMAIN_NOT_FOUND);
  assert_int_equal(user_set_password(db, iAgency, id, "qwerty123456", &err), DOMAIN_INVALID);
  assert_string_equal(errors_get(&err, "password"),
                      "is one of the most common passwords: choose another");
  assert_int_equal(session_find(db, &a, zSecret, zNow, 0, &s, &u), 1);
  err.n = 0;
  assert_int_equal(user_set_password(db, iAgency, id, "una nuova password", &err), 0);
  assert_int_equal(session_find(db, &a, zSecret, zNow, 0, &s, &u), 0);
  assert_int_equal(session_find(db, &a, zSecret2, zNow, 0, &s, &u), 0);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM session WHERE user_id=$1 AND ended_at IS NULL",
                          "i", id),
                   0);
  assert_non_null(db_text(db, &a, "SELECT password_changed_at FROM app_user WHERE id=$1", "i", id));
  assert_int_equal(user_authenticate(db, &a, "paolo", "una nuova password", &u), 1);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

static void test_session_create_find(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "ses");
  int64_t id = quick_user(db, iAgency, "sara", ROLE_MANAGER | ROLE_AUDITOR);
  char zSecret[SESSION_SECRET_HEX + 1], zT[21];
  Session s, f;
  User u;
  assert_int_equal(session_create(db, &a, id, "192.0.2.7", T0, zSecret, &s), 0);
  assert_int_equal(strlen(zSecret), 64);
  assert_int_equal(strlen(s.zCsrf), 64);
  assert_string_not_equal(s.zCsrf, zSecret);
  /* Only the hash is stored. */
  char *zStored = db_text(db, &a, "SELECT token_hash FROM session WHERE id=$1", "i", s.id);
  assert_int_equal(strlen(zStored), 64);
  assert_string_not_equal(zStored, zSecret);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM session WHERE token_hash=$1", "t", zSecret), 0);

  assert_int_equal(session_find(db, &a, zSecret, at(T0, 30, zT), 0, &f, &u), 1);
  assert_int_equal(f.id, s.id);
  assert_string_equal(f.zCsrf, s.zCsrf);
  assert_int_equal(u.id, id);
  assert_int_equal(u.mRoles, ROLE_MANAGER | ROLE_AUDITOR);
  assert_null(u.zLastLoginAt); /* not read on every request */
  User *aU;
  int nU;
  assert_int_equal(user_list(db, &a, iAgency, &aU, &nU), 0);
  assert_int_equal(nU, 1);
  assert_string_equal(aU[0].zLastLoginAt, T0);
  /* Upper-case hex is the same secret; anything else finds nothing. */
  char zUpper[SESSION_SECRET_HEX + 1];
  for (int i = 0; i <= SESSION_SECRET_HEX; i++) {
    zUpper[i] = zSecret[i] >= 'a' && zSecret[i] <= 'f' ? (char)(zSecret[i] - 32) : zSecret[i];
  }
  assert_int_equal(session_find(db, &a, zUpper, at(T0, 30, zT), 0, &f, &u), 1);
  char zBad[SESSION_SECRET_HEX + 2];
  snprintf(zBad, sizeof zBad, "%s", zSecret);
  zBad[10] = 'g';
  assert_int_equal(session_find(db, &a, zBad, zT, 0, &f, &u), 0);
  assert_int_equal(session_find(db, &a, "", zT, 0, &f, &u), 0);
  assert_int_equal(session_find(db, &a, 0, zT, 0, &f, &u), 0);
  snprintf(zBad, sizeof zBad, "%s0", zSecret);
  assert_int_equal(session_find(db, &a, zBad, zT, 0, &f, &u), 0);

  /* Logout. */
  session_end(db, s.id, at(T0, 60, zT));
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 61, zT), 0, &f, &u), 0);
  arena_free(&a);
}

static void test_session_idle_expiry(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "idle");
  int64_t id = quick_user(db, iAgency, "ivo", ROLE_SOCIAL_WORKER);
  char zSecret[SESSION_SECRET_HEX + 1], zT[21];
  Session s;
  User u;
  assert_int_equal(session_create(db, &a, id, "192.0.2.8", T0, zSecret, &s), 0);
  /* Within a minute of the last refresh nothing is written. */
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 59, zT), 0, &s, &u), 1);
  assert_string_equal(s.zLastSeenAt, T0);
  /* After a minute last_seen_at moves to now. */
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 600, zT), 0, &s, &u), 1);
  assert_string_equal(s.zLastSeenAt, at(T0, 600, zT));
  assert_string_equal(db_text(db, &a, "SELECT last_seen_at FROM session WHERE id=$1", "i", s.id),
                      zT);
  /* 30 minutes idle from there: live one second before, ended at. */
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 600 + 1799, zT), 0, &s, &u), 1);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 600 + 1799 + 1800, zT), 0, &s, &u), 0);
  assert_non_null(db_text(db, &a, "SELECT ended_at FROM session WHERE id=$1", "i", s.id));
  /* Ended for good: an earlier clock does not bring it back. */
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 700, zT), 0, &s, &u), 0);

  /* Limits given by the caller. */
  SessionLimits l = {.nIdleSeconds = 120, .nAbsoluteSeconds = 3600};
  assert_int_equal(session_create(db, &a, id, "192.0.2.8", T0, zSecret, &s), 0);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 119, zT), &l, &s, &u), 1);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 119 + 120, zT), &l, &s, &u), 0);
  arena_free(&a);
}

static void test_session_absolute_expiry(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "abs");
  int64_t id = quick_user(db, iAgency, "ada", ROLE_SOCIAL_WORKER);
  char zSecret[SESSION_SECRET_HEX + 1], zT[21];
  Session s;
  User u;
  assert_int_equal(session_create(db, &a, id, "192.0.2.9", T0, zSecret, &s), 0);
  /* Busy all day: a request every 20 minutes keeps it from idling out... */
  for (int t = 1200; t < 12 * 3600; t += 1200) {
    assert_int_equal(session_find(db, &a, zSecret, at(T0, t, zT), 0, &s, &u), 1);
  }
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 12 * 3600 - 1, zT), 0, &s, &u), 1);
  /* ...but 12 hours after login it ends. */
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 12 * 3600, zT), 0, &s, &u), 0);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 12 * 3600 - 1, zT), 0, &s, &u), 0);
  arena_free(&a);
}

static void test_session_user_state(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "ust");
  int64_t id = quick_user(db, iAgency, "ugo", ROLE_SOCIAL_WORKER);
  char zSecret[SESSION_SECRET_HEX + 1], zT[21];
  Session s;
  User u;
  /* A session begun before the password changed (here the change is
  ** written directly, as if another server had made it) is not live. */
  assert_int_equal(session_create(db, &a, id, "192.0.2.10", T0, zSecret, &s), 0);
  assert_int_equal(db_exec(db, "UPDATE app_user SET password_changed_at=$1 WHERE id=$2", "ti",
                           at(T0, 5, zT), id),
                   0);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 10, zT), 0, &s, &u), 0);
  /* One begun at the change or after it is. */
  assert_int_equal(session_create(db, &a, id, "192.0.2.10", at(T0, 5, zT), zSecret, &s), 0);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 10, zT), 0, &s, &u), 1);
  /* Disabled users have no live session. */
  assert_int_equal(db_exec(db, "UPDATE app_user SET active=0 WHERE id=$1", "i", id), 0);
  assert_int_equal(session_find(db, &a, zSecret, at(T0, 20, zT), 0, &s, &u), 0);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* API tokens                                                          */
/* ------------------------------------------------------------------ */

static void test_tokens(void **state) {
  Db *db = ((Fixture *)*state)->db;
  Arena a = ARENA_INIT;
  int64_t iAgency = new_agency(db, "tok");
  int64_t id = quick_user(db, iAgency, "tina", ROLE_EVALUATOR);
  int64_t idOther = quick_user(db, iAgency, "teo", ROLE_EVALUATOR);
  char zToken[SESSION_SECRET_HEX + 1], zToken2[SESSION_SECRET_HEX + 1], zT[21];
  int64_t iToken, iToken2;
  User u;
  assert_int_equal(token_create(db, id, "export script", T0, zToken, &iToken), 0);
  assert_int_equal(token_create(db, id, 0, T0, zToken2, &iToken2), 0);
  assert_int_equal(strlen(zToken), 64);
  assert_string_not_equal(zToken, zToken2);
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM api_token WHERE token_hash=$1", "t", zToken), 0);
  char zLong[200];
  assert_int_equal(token_create(db, id, repeat("x", 101, zLong), T0, zToken2, &iToken2),
                   DOMAIN_INVALID);

  /* Found, with its last use recorded at most once a minute. */
  assert_int_equal(token_find(db, &a, zToken, at(T0, 10, zT), &u), 1);
  assert_int_equal(u.id, id);
  assert_int_equal(u.mRoles, ROLE_EVALUATOR);
  assert_int_equal(token_find(db, &a, zToken, at(T0, 40, zT), &u), 1);
  assert_string_equal(db_text(db, &a, "SELECT last_used_at FROM api_token WHERE id=$1", "i", iToken),
                      at(T0, 10, zT));
  assert_int_equal(token_find(db, &a, zToken, at(T0, 70, zT), &u), 1);
  assert_string_equal(db_text(db, &a, "SELECT last_used_at FROM api_token WHERE id=$1", "i", iToken),
                      at(T0, 70, zT));
  assert_int_equal(token_find(db, &a, "not-a-token", zT, &u), 0);

  /* Listing. */
  Token *aT;
  int n;
  assert_int_equal(token_list(db, &a, id, &aT, &n), 0);
  assert_true(n >= 2);
  assert_int_equal(aT[0].id, iToken);
  assert_string_equal(aT[0].zLabel, "export script");
  assert_string_equal(aT[0].zLastUsedAt, at(T0, 70, zT));
  assert_null(aT[0].zRevokedAt);
  assert_null(aT[1].zLabel);
  assert_null(aT[1].zLastUsedAt);

  /* Revoking: only one's own, twice is harmless, then it is dead. */
  assert_int_equal(token_revoke(db, idOther, iToken, at(T0, 80, zT)), DOMAIN_NOT_FOUND);
  assert_int_equal(token_revoke(db, id, iToken + 1000, zT), DOMAIN_NOT_FOUND);
  assert_int_equal(token_find(db, &a, zToken, at(T0, 90, zT), &u), 1);
  assert_int_equal(token_revoke(db, id, iToken, at(T0, 100, zT)), 0);
  assert_int_equal(token_revoke(db, id, iToken, at(T0, 110, zT)), 0);
  assert_int_equal(token_find(db, &a, zToken, at(T0, 120, zT), &u), 0);
  assert_int_equal(token_list(db, &a, id, &aT, &n), 0);
  assert_string_equal(aT[0].zRevokedAt, at(T0, 100, zT));

  /* A disabled user's token finds nothing, and disabling revokes it. */
  char zToken3[SESSION_SECRET_HEX + 1];
  int64_t iToken3;
  assert_int_equal(token_create(db, idOther, "x", T0, zToken3, &iToken3), 0);
  assert_int_equal(token_find(db, &a, zToken3, at(T0, 10, zT), &u), 1);
  assert_int_equal(user_disable(db, iAgency, idOther), 0);
  assert_int_equal(token_find(db, &a, zToken3, at(T0, 20, zT), &u), 0);
  assert_int_equal(
      db_int(db, -1, "SELECT count(*) FROM api_token WHERE user_id=$1 AND revoked_at IS NULL", "i",
             idOther),
      0);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Throttling                                                          */
/* ------------------------------------------------------------------ */

static void test_throttle_by_username(void **state) {
  Db *db = ((Fixture *)*state)->db;
  char zT[21], zAddr[32];
  /* Failures from different addresses: only the username's count. */
  for (int i = 0; i < 4; i++) {
    snprintf(zAddr, sizeof zAddr, "198.51.100.%d", i);
    login_failed(db, i % 2 ? "Mallory" : "mallory", zAddr, at(T0, i, zT));
  }
  assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, 4, zT)), 0);
  login_failed(db, "mallory", "198.51.100.4", at(T0, 4, zT)); /* the 5th */
  assert_int_equal(login_delay(db, "MALLORY", "203.0.113.1", at(T0, 4, zT)), 1);
  assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, 5, zT)), 0);
  /* Then 2, 4, 8, 16, 32 and never more than 60 seconds. */
  int aWant[] = {2, 4, 8, 16, 32, 60, 60, 60};
  int t = 5;
  for (int i = 0; i < 8; i++, t += 100) {
    snprintf(zAddr, sizeof zAddr, "198.51.100.%d", 10 + i);
    login_failed(db, "mallory", zAddr, at(T0, t, zT));
    assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, t, zT)), aWant[i]);
    assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, t + aWant[i] - 1, zT)), 1);
    assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, t + aWant[i], zT)), 0);
  }
  /* Other usernames are not affected. */
  assert_int_equal(login_delay(db, "alice", "203.0.113.1", at(T0, t, zT)), 0);
  /* Failures older than 15 minutes do not count: at t=1000 the window
  ** holds those at 105..705 and a new one, 8 (of 14): a delay of 8 s. */
  login_failed(db, "mallory", "198.51.100.98", at(T0, 1000, zT));
  assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, 1000, zT)), 8);
  /* A success forgets them. */
  login_succeeded(db, "Mallory", "198.51.100.99");
  assert_int_equal(login_delay(db, "mallory", "203.0.113.1", at(T0, 1000, zT)), 0);
}

static void test_throttle_by_address(void **state) {
  Db *db = ((Fixture *)*state)->db;
  char zT[21], zUser[32];
  /* Password spraying: one address, a different username each time. */
  for (int i = 0; i < 5; i++) {
    snprintf(zUser, sizeof zUser, "victim%d", i);
    assert_int_equal(login_delay(db, zUser, "203.0.113.66", at(T0, i, zT)), 0);
    login_failed(db, zUser, "203.0.113.66", at(T0, i, zT));
  }
  assert_int_equal(login_delay(db, "victim9", "203.0.113.66", at(T0, 4, zT)), 1);
  login_failed(db, "victim5", "203.0.113.66", at(T0, 5, zT));
  assert_int_equal(login_delay(db, "victim9", "203.0.113.66", at(T0, 5, zT)), 2);
  /* Another address is free; the victims' own counts are 1 each. */
  assert_int_equal(login_delay(db, "victim9", "203.0.113.67", at(T0, 5, zT)), 0);
  assert_int_equal(login_delay(db, "victim1", "203.0.113.67", at(T0, 5, zT)), 0);
  /* Text that cannot be a username is counted under one key. */
  for (int i = 0; i < 5; i++) login_failed(db, "bad\xff\xfe", "203.0.113.70", at(T0, i, zT));
  assert_int_equal(login_delay(db, "\xc3", "203.0.113.71", at(T0, 4, zT)), 1);
  login_succeeded(db, "victim0", "203.0.113.66");
  assert_int_equal(login_delay(db, "victim9", "203.0.113.66", at(T0, 5, zT)), 0);
}

static void test_throttle_hourly_lock(void **state) {
  Db *db = ((Fixture *)*state)->db;
  char zT[21], zAddr[32];
  /* 100 failures in 49.5 minutes, each from its own address, every 30 s. */
  db_begin(db);
  for (int i = 0; i < 100; i++) {
    snprintf(zAddr, sizeof zAddr, "100.64.%d.%d", i / 250, i % 250);
    login_failed(db, "target", zAddr, at(T0, 30 * i, zT));
  }
  assert_int_equal(db_commit(db), 0);
  int tLast = 30 * 99;
  /* The delay alone would be over a minute after the last failure; the
  ** lock lasts until the first of the hundred is an hour old. */
  assert_int_equal(login_delay(db, "target", "192.0.2.1", at(T0, tLast + 61, zT)),
                   3600 - (tLast + 61));
  assert_int_equal(login_delay(db, "target", "192.0.2.1", at(T0, 3599, zT)), 1);
  assert_int_equal(login_delay(db, "target", "192.0.2.1", at(T0, 3600, zT)), 0);
  /* 99 failures in an hour do not lock. */
  assert_int_equal(login_delay(db, "other", "192.0.2.1", at(T0, tLast + 61, zT)), 0);
  /* Failures more than an hour old are forgotten by the next failure. */
  login_failed(db, "target", "192.0.2.200", at(T0, 7200, zT));
  assert_int_equal(db_int(db, -1, "SELECT count(*) FROM login_failure WHERE username='target'", ""),
                   1);
}

int main(void) {
  const struct CMUnitTest aPure[] = {
      cmocka_unit_test(test_password_lengths),
      cmocka_unit_test(test_password_common),
      cmocka_unit_test(test_timestamps),
      cmocka_unit_test(test_hash_time),
  };
  const struct CMUnitTest aDb[] = {
      cmocka_unit_test(test_create_validation),
      cmocka_unit_test(test_create_and_authenticate),
      cmocka_unit_test(test_set_password_ends_sessions),
      cmocka_unit_test(test_session_create_find),
      cmocka_unit_test(test_session_idle_expiry),
      cmocka_unit_test(test_session_absolute_expiry),
      cmocka_unit_test(test_session_user_state),
      cmocka_unit_test(test_tokens),
      cmocka_unit_test(test_throttle_by_username),
      cmocka_unit_test(test_throttle_by_address),
      cmocka_unit_test(test_throttle_hourly_lock),
  };
  int rc = cmocka_run_group_tests_name("user", aPure, NULL, NULL);
  rc |= cmocka_run_group_tests_name("user on sqlite", aDb, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG")) {
    rc |= cmocka_run_group_tests_name("user on postgresql", aDb, setup_pg, teardown);
  }
  return rc;
}
