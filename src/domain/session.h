/*
** session.h — browser sessions, API tokens and login throttling: the
** stored half of authentication (src/http/auth.c is the HTTP half).
**
** Secrets (the session cookie's 256-bit value, API tokens) are random
** from libsodium and stored only as BLAKE2b-256 hashes in hex; comparing
** hashes found by an index lookup leaks nothing useful.  Times are UTC
** ISO 8601 strings and "now" is passed in, so tests can move the clock.
*/
#ifndef ALI_SESSION_H
#define ALI_SESSION_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "user.h"

#define SESSION_SECRET_HEX 64 /* 256 bits as hex */
#define SESSION_IDLE_DEFAULT (30 * 60)           /* seconds */
#define SESSION_ABSOLUTE_DEFAULT (12 * 60 * 60)  /* seconds */

typedef struct SessionLimits {
  int nIdleSeconds;     /* default 30 minutes */
  int nAbsoluteSeconds; /* default 12 hours */
} SessionLimits;

typedef struct Session {
  int64_t id;
  int64_t iUser;
  const char *zCsrf;    /* hex, 256 bits */
  const char *zCreatedAt, *zLastSeenAt;
} Session;

/* Starts a session for user iUser: writes the new secret (hex, for the
** cookie) into zSecret and fills *p.  0 or a db.h code. */
int session_create(Db *db, Arena *a, int64_t iUser, const char *zAddress, const char *zNow,
                   char zSecret[SESSION_SECRET_HEX + 1], Session *p);
/* The live session with this secret, and its user: 1 if found and within
** both limits (its last-seen time is then refreshed, at most once a
** minute), 0 otherwise (an expired session is ended).  A session is not
** live once nIdleSeconds have passed since its last-seen time or
** nAbsoluteSeconds since it began (pLimits NULL: the defaults above), when
** its user is disabled, or when it began before the user's last password
** change.  zSecret that is not 64 hex digits finds nothing. */
int session_find(Db *db, Arena *a, const char *zSecret, const char *zNow,
                 const SessionLimits *pLimits, Session *p, User *pUser);
/* End one session (logout) or every session of a user; ending an ended
** session changes nothing. */
void session_end(Db *db, int64_t id, const char *zNow);
void session_end_all(Db *db, int64_t iUser, const char *zNow);

/* A new API token for user iUser, labelled zLabel (NULL or up to 100
** characters): the token (64 hex digits, shown once) in zToken.  0,
** DOMAIN_INVALID for a bad label, or a db.h code. */
int token_create(Db *db, int64_t iUser, const char *zLabel, const char *zNow,
                 char zToken[SESSION_SECRET_HEX + 1], int64_t *pId);
/* 1 and *pUser filled when zToken is a live token of an active user
** (its last use is recorded, at most once a minute); 0 otherwise. */
int token_find(Db *db, Arena *a, const char *zToken, const char *zNow, User *pUser);
/* Revokes token iToken of user iUser: 0 (also when it was revoked
** already), DOMAIN_NOT_FOUND when the user has no such token, or a db.h
** code. */
int token_revoke(Db *db, int64_t iUser, int64_t iToken, const char *zNow);

/* An API token as listed (never the token itself). */
typedef struct Token {
  int64_t id;
  const char *zLabel;      /* NULL when none */
  const char *zCreatedAt;
  const char *zLastUsedAt; /* NULL: never used */
  const char *zRevokedAt;  /* NULL: live */
} Token;

/* The tokens of user iUser, oldest first, into a new arena array (*pa
** NULL when none).  0 or a db.h code. */
int token_list(Db *db, Arena *a, int64_t iUser, Token **pa, int *pn);

/* Throttling of logins.  The delay, in seconds, before another attempt
** for this username or from this address is allowed (0: go ahead):
** nothing for the first 5 failures in the last 15 minutes, then 1, 2, 4...
** up to 60 s; at 100 failures for an account in the last hour the account
** is locked for the rest of that hour (returns a delay until then).
** The delays count from the latest failure.  Usernames are compared
** without regard to ASCII case.  An attempt refused because of a delay is
** not a failure: do not call login_failed() for it. */
int login_delay(Db *db, const char *zUsername, const char *zAddress, const char *zNow);
/* Records a failed login (and forgets this username's and address's
** failures older than an hour). */
void login_failed(Db *db, const char *zUsername, const char *zAddress, const char *zNow);
/* Forgets the failures of this username and of this address. */
void login_succeeded(Db *db, const char *zUsername, const char *zAddress);

#endif
