/*
** user.h — staff accounts: who they are, their roles, their passwords.
**
** Passwords are hashed with argon2id (libsodium crypto_pwhash_str, at
** least the MODERATE limits) and must be 12 to 128 characters and not
** among the 10,000 most common passwords (data/common-passwords.txt,
** built into the binary).  Usernames are lowercase [a-z0-9._-], 2..64.
** Status codes as in domain.h; no function opens a transaction.
*/
#ifndef ALI_USER_H
#define ALI_USER_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"

typedef struct User {
  int64_t id;
  int64_t iAgency;
  int64_t iOrganisation;        /* 0: the agency's own staff */
  const char *zUsername;
  const char *zFullName;
  const char *zEmail;           /* NULL when unknown */
  const char *zOrganisationName; /* read only; NULL for agency staff */
  unsigned mRoles;              /* policy.h ROLE_* bits */
  int bActive;
  const char *zCreatedAt;       /* read only */
  const char *zLastLoginAt;     /* read only, by user_list: start of the latest
                                ** session; NULL if none (and from user_get) */
  const char *zAgencyName;      /* read only */
} User;

/* For statements that find a user by something else (a session, a
** token): select USER_COLUMNS first, then their own columns (from index
** USER_NCOL), FROM USER_FROM joined to their table; user_from_row() reads
** the user.  Its roles come either from user_read_roles() (a second
** statement) or, on every request, in the same statement: its last
** column USER_ROLE_COLUMN and USER_ROLE_JOIN after its joins give one row
** per role (one with NULL when none), each read by user_add_role(). */
#define USER_COLUMNS USER_COLUMNS_WITH("NULL")
/* The same with the last login (column 9) as zLastLogin: user_list's. */
#define USER_COLUMNS_WITH(zLastLogin)                                                    \
  "u.id, u.agency_id, u.organisation_id, u.username, u.full_name, u.email, o.name,"      \
  " u.active, u.created_at, " zLastLogin ", ag.name"
#define USER_NCOL 11
#define USER_FROM                                                                        \
  " FROM app_user u LEFT JOIN organisation o ON o.id=u.organisation_id"                  \
  " JOIN agency ag ON ag.id=u.agency_id"
#define USER_ROLE_COLUMN "ur.role"
#define USER_ROLE_JOIN " LEFT JOIN user_role ur ON ur.user_id=u.id"
void user_from_row(DbStmt *q, Arena *a, User *p);
int user_read_roles(Db *db, User *p); /* ORs them into p->mRoles; 0 or a db.h code */
void user_add_role(DbStmt *q, int iCol, User *p); /* ORs column iCol's role (or none) */

/* NULL if zPassword is acceptable, else the reason (a msgid): 12 to 128
** characters of UTF-8 without control characters, not among the common
** passwords (compared without regard to case). */
const char *user_password_problem(const char *zPassword);

/* Folds zIn to a lowercase username in zOut (ASCII letters only: other
** bytes are copied, and are refused later by validation).  Returns zOut,
** or NULL when zIn is NULL or does not fit in nOut bytes. */
char *user_fold_name(const char *zIn, char *zOut, size_t nOut);

/* The checks of p that need no database (username, full_name, email,
** roles) and of zPassword unless it is NULL ("password"), one error per
** wrong field. */
void user_validate(const User *p, const char *zPassword, Errors *pErr);

/* Validates p (username, full name, e-mail, at least one role, the
** organisation of the agency when given) and the password, then creates
** the account.  Sets p->id.  DOMAIN_INVALID with pErr on bad input
** (a taken username is an error on "username"; fields: username,
** full_name, email, roles, organisation, password).  Upper-case letters
** of the username are stored folded to lower case.  Hashing takes about
** 0.7 s and 256 MiB. */
int user_create(Db *db, User *p, const char *zPassword, Errors *pErr);
/* Replaces the password (errors on "password"), records
** password_changed_at and ends every session of the user.  0,
** DOMAIN_NOT_FOUND, DOMAIN_INVALID or a db.h code. */
int user_set_password(Db *db, int64_t iAgency, int64_t id, const char *zPassword, Errors *pErr);
/* Disables the account, ends its sessions and revokes its tokens.  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int user_disable(Db *db, int64_t iAgency, int64_t id);
/* Reads user id of agency iAgency, roles included; strings in a.  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int user_get(Db *db, Arena *a, int64_t iAgency, int64_t id, User *p);
/* The user with zUsername (any case) in any agency (usernames are
** global).  0, DOMAIN_NOT_FOUND or a db.h code. */
int user_get_by_name(Db *db, Arena *a, const char *zUsername, User *p);
/* Every user of agency iAgency (0: of every agency), ordered by username,
** into a new arena array (*pa NULL when none).  0 or a db.h code. */
int user_list(Db *db, Arena *a, int64_t iAgency, User **pa, int *pn);
/* Checks a password.  1 and *p filled when zUsername (any case) exists, is active
** and the password matches; 0 otherwise, taking the same time whether or
** not the user exists (a dummy hash is verified). */
int user_authenticate(Db *db, Arena *a, const char *zUsername, const char *zPassword, User *p);

/* Room for a password hash (libsodium's crypto_pwhash_STRBYTES). */
#define USER_HASH_MAX 128

/* Checks zPassword (errors on "password", DOMAIN_INVALID) and hashes it
** into zHash as user_create() would (about 0.7 s and 256 MiB), for
** user_create_with_hash().  0 or DOMAIN_INVALID. */
int user_password_hash(const char *zPassword, char zHash[USER_HASH_MAX], Errors *pErr);
/* user_create() with a hash from user_password_hash(), so that several
** accounts with the same password (the demo's) cost one hash.  A zHash
** that is not an argon2id hash is an error on "password". */
int user_create_with_hash(Db *db, User *p, const char *zHash, Errors *pErr);

#endif
