/*
** cmd_user.c — `ali user`: staff accounts and their API tokens from the
** command line, through the domain's user.h and session.h.
**
**   ali user add USERNAME --role ROLE [--role ROLE...] [--org CODE]
**                [--name "Full Name"] [--email E] [--password-file FILE]
**   ali user passwd USERNAME [--password-file FILE]
**   ali user disable USERNAME
**   ali user list
**   ali user token USERNAME [--label TEXT]
**   ali user tokens USERNAME
**   ali user revoke USERNAME TOKEN_ID
**
** A password comes from --password-file (its first line; "-" reads
** standard input) or, when standard input is a terminal, from a prompt
** asked twice without echo.  Each write is one transaction; validation
** errors are printed as "ali: field: message", exit status 1, and nothing
** is written.  The password helpers are shared with `ali init`.
*/
#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../domain/domain.h"
#include "../domain/policy.h"
#include "../domain/programme.h"
#include "../domain/session.h"
#include "../domain/user.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/date.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali user add USERNAME --role ROLE [--role ROLE...] [--org CODE]\n"
    "                [--name \"FULL NAME\"] [--email ADDRESS] [--password-file FILE]\n"
    "       ali user passwd USERNAME [--password-file FILE]\n"
    "       ali user disable USERNAME\n"
    "       ali user list\n"
    "       ali user token USERNAME [--label TEXT]\n"
    "       ali user tokens USERNAME\n"
    "       ali user revoke USERNAME TOKEN_ID\n"
    "   (each also takes [--db URL] [--agency CODE])\n\n"
    "add      creates an account. Roles: admin, manager, social_worker,\n"
    "         psychotherapist, case_manager, operator, evaluator, auditor\n"
    "         (--role may repeat or list several: --role manager,auditor).\n"
    "         --org is the code of the cooperative the user works for;\n"
    "         --name defaults to the username.\n"
    "passwd   sets a new password and ends the user's sessions.\n"
    "disable  disables the account, ends its sessions and revokes its tokens.\n"
    "list     prints the accounts of the agency.\n"
    "token    creates an API bearer token and prints it as the last line\n"
    "         (it is shown only once).\n"
    "tokens   lists the user's tokens (never the tokens themselves).\n"
    "revoke   revokes the token with that id (see tokens).\n\n"
    "Passwords: 12 to 128 characters, not one of the most common. They are read\n"
    "from the first line of --password-file FILE (- for standard input) or,\n"
    "on a terminal, asked twice without echo.\n";

#define USER_PASSWORD_BUF 1024 /* bytes: room for 128 characters and more */

/* Options of `ali user`; mSeen has one bit per option given (USER_OPT_*). */
typedef struct UserOpts {
  const char *zDb, *zAgency, *zOrg, *zName, *zEmail, *zPasswordFile, *zLabel;
  const char *azRole[16];
  int nRole;
  unsigned mSeen;
} UserOpts;

enum { USER_OPT_ROLE = 1, USER_OPT_ORG = 2, USER_OPT_NAME = 4, USER_OPT_EMAIL = 8,
       USER_OPT_PASSWORD = 16, USER_OPT_LABEL = 32 };

/* ------------------------------------------------------------------ */
/* Passwords (shared with cmd_init.c)                                  */
/* ------------------------------------------------------------------ */

static struct termios user_termSaved;
static volatile sig_atomic_t user_bEchoOff;

/* Turn echo back on (also from a signal handler: tcsetattr is
** async-signal-safe). */
static void user_echo_on(void) {
  if (user_bEchoOff) tcsetattr(0, TCSAFLUSH, &user_termSaved);
  user_bEchoOff = 0;
}

/* Ctrl-C at a password prompt: restore the terminal, then die of it. */
static void user_on_signal(int iSig) {
  user_echo_on();
  signal(iSig, SIG_DFL);
  raise(iSig);
}

/* Strip a line ending (LF, CRLF) from the end of z. */
static void user_chomp(char *z) {
  size_t n = strlen(z);
  if (n && z[n - 1] == '\n') z[--n] = 0;
  if (n && z[n - 1] == '\r') z[--n] = 0;
}

/* Print zPrompt on stderr and read a line from the terminal on standard
** input into zOut, without echo when bSecret.  0, or 1 at end of input
** or for a line longer than nOut. */
static int user_ask(const char *zPrompt, int bSecret, char *zOut, size_t nOut) {
  struct sigaction sa = {0}, saInt, saTerm;
  int bHandlers = 0;
  fputs(zPrompt, stderr);
  fflush(stderr);
  if (bSecret && tcgetattr(0, &user_termSaved) == 0) {
    struct termios t = user_termSaved;
    sa.sa_handler = user_on_signal;
    sigaction(SIGINT, &sa, &saInt);
    sigaction(SIGTERM, &sa, &saTerm);
    bHandlers = 1;
    t.c_lflag &= ~(tcflag_t)ECHO;
    t.c_lflag |= ECHONL;
    user_bEchoOff = tcsetattr(0, TCSAFLUSH, &t) == 0;
  }
  int bOk = fgets(zOut, (int)nOut, stdin) != 0;
  user_echo_on();
  if (bHandlers) {
    sigaction(SIGINT, &saInt, 0);
    sigaction(SIGTERM, &saTerm, 0);
  }
  if (!bOk) {
    fputc('\n', stderr);
    return 1;
  }
  size_t n = strlen(zOut);
  if (n == nOut - 1 && zOut[n - 1] != '\n') {
    fprintf(stderr, "ali: the answer is too long\n");
    for (int c = getchar(); c != EOF && c != '\n'; c = getchar()) {}
    return 1;
  }
  user_chomp(zOut);
  return 0;
}

/* Read the password from the first line of zFile ("-": standard input).
** The file holds nothing else (a final line ending is allowed).  Prints
** what is wrong and returns 1, else 0. */
static int user_password_from_file(const char *zFile, char *zOut, size_t nOut) {
  int bStdin = strcmp(zFile, "-") == 0;
  FILE *f = bStdin ? stdin : fopen(zFile, "rb");
  if (!f) {
    fprintf(stderr, "ali: password file %s: cannot be read: %m\n", zFile);
    return 1;
  }
  size_t n = fread(zOut, 1, nOut - 1, f);
  int bMore = getc(f) != EOF, bError = ferror(f);
  if (!bStdin) fclose(f);
  zOut[n] = 0;
  const char *zWhy = bError ? "cannot be read"
                     : bMore ? "is too long for a password"
                     : strlen(zOut) != n ? "holds a NUL byte"
                             : 0;
  if (!zWhy) {
    user_chomp(zOut);
    zWhy = !zOut[0] ? "is empty" : strpbrk(zOut, "\r\n") ? "must hold the password alone on one line" : 0;
  }
  if (zWhy) {
    fprintf(stderr, "ali: password file %s: %s\n", bStdin ? "(standard input)" : zFile, zWhy);
    sodium_memzero(zOut, nOut);
    return 1;
  }
  return 0;
}

/* Ask for a new password for zUser twice on the terminal, until the two
** agree and the policy accepts it (three tries).  0 or 1. */
static int user_password_prompt(const char *zUser, char *zOut, size_t nOut) {
  char zAgain[USER_PASSWORD_BUF];
  for (int iTry = 0; iTry < 3; iTry++) {
    char zPrompt[160];
    snprintf(zPrompt, sizeof zPrompt, "New password for %s: ", zUser);
    if (user_ask(zPrompt, 1, zOut, nOut)) return 1;
    const char *zWhy = user_password_problem(zOut);
    if (zWhy) {
      fprintf(stderr, "ali: password: %s\n", zWhy);
      continue;
    }
    int rc = user_ask("Type it again: ", 1, zAgain, sizeof zAgain);
    int bSame = !rc && strcmp(zOut, zAgain) == 0;
    sodium_memzero(zAgain, sizeof zAgain);
    if (rc) return 1;
    if (bSame) return 0;
    fprintf(stderr, "ali: the two passwords differ\n");
  }
  sodium_memzero(zOut, nOut);
  return 1;
}

int cmd_user_password(const char *zFile, const char *zUser, char *zOut, size_t nOut) {
  if (zFile) return user_password_from_file(zFile, zOut, nOut);
  if (!isatty(0)) {
    fprintf(stderr, "ali: password: give --password-file FILE (standard input is not a terminal)\n");
    return 1;
  }
  return user_password_prompt(zUser, zOut, nOut);
}

int cmd_user_ask(const char *zPrompt, char *zOut, size_t nOut) {
  return user_ask(zPrompt, 0, zOut, nOut);
}

/* ------------------------------------------------------------------ */
/* Shared steps                                                        */
/* ------------------------------------------------------------------ */

/* Print the field errors, one "ali: field: message" line each. */
static void user_print_errors(const Errors *pErr) {
  for (int i = 0; i < pErr->n; i++) fprintf(stderr, "ali: %s: %s\n", pErr->a[i].zField, pErr->a[i].zMsg);
}

/* The role codes of mRoles joined by commas, in policy order. */
static const char *user_roles_text(Arena *a, unsigned mRoles) {
  Buf b = BUF_INIT;
  for (int i = 0; i < ROLE_COUNT; i++) {
    unsigned mBit = policy_role_at(i);
    if (mRoles & mBit) buf_printf(&b, "%s%s", b.n ? "," : "", policy_role_code(mBit));
  }
  const char *z = arena_strdup(a, b.n ? buf_str(&b) : "-");
  buf_free(&b);
  return z;
}

/* The role bits named by the --role options (each a code or a comma
** list); an unknown code is an error on "roles". */
static unsigned user_parse_roles(const UserOpts *o, Errors *pErr) {
  unsigned mRoles = 0;
  for (int i = 0; i < o->nRole; i++) {
    char zCode[64];
    for (const char *z = o->azRole[i]; *z;) {
      size_t n = strcspn(z, ","), nTrim;
      const char *zTrim = domain_trim(z, &nTrim);
      if (nTrim > n) nTrim = n;
      snprintf(zCode, sizeof zCode, "%.*s", (int)nTrim, zTrim);
      unsigned mBit = policy_role_bit(zCode);
      if (!mBit && nTrim) {
        errors_add(pErr, "roles",
                   "unknown role: use admin, manager, social_worker, psychotherapist,"
                   " case_manager, operator, evaluator or auditor");
      }
      mRoles |= mBit;
      z += n + (z[n] == ',');
    }
  }
  return mRoles;
}

/* The user zName of agency iAgency into *p: 0, or 1 after saying why
** not. */
static int user_lookup(Db *db, Arena *a, int64_t iAgency, const char *zName, User *p) {
  int rc = user_get_by_name(db, a, zName, p);
  if (rc == 0 && p->iAgency == iAgency) return 0;
  if (rc && rc != DOMAIN_NOT_FOUND) fprintf(stderr, "ali: cannot read the users: %s\n", db_errmsg(db));
  else fprintf(stderr, "ali: username: no user '%s' in this agency\n", zName);
  return 1;
}

/* Finish a write begun with db_begin: commit when rc is 0, else roll
** back.  Returns the status. */
static int user_finish(Db *db, int rc) {
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

/* ------------------------------------------------------------------ */
/* The subcommands                                                     */
/* ------------------------------------------------------------------ */

/* Fill *p for `add` from the options; what only the command line can
** get wrong (a role or organisation code) goes to pErr. */
static void user_from_options(Db *db, int64_t iAgency, const char *zName, const UserOpts *o,
                              User *p, Errors *pErr) {
  *p = (User){.iAgency = iAgency, .zUsername = zName, .zFullName = o->zName ? o->zName : zName,
              .zEmail = o->zEmail, .bActive = 1};
  p->mRoles = user_parse_roles(o, pErr);
  if (o->zOrg) {
    p->iOrganisation = organisation_find(db, iAgency, o->zOrg);
    if (!p->iOrganisation) errors_add(pErr, "organisation", "unknown organisation");
  }
}

static int user_add_command(Db *db, int64_t iAgency, const char *zName, const UserOpts *o) {
  Arena a = ARENA_INIT;
  Errors err = {.n = 0};
  User u, uOld;
  char zPassword[USER_PASSWORD_BUF], zFolded[72] = "";
  Errors errDomain = {.n = 0};
  user_from_options(db, iAgency, zName, o, &u, &err);
  user_validate(&u, 0, &errDomain);
  for (int i = 0; i < errDomain.n; i++) { /* one error per field */
    if (!errors_get(&err, errDomain.a[i].zField)) {
      errors_add(&err, errDomain.a[i].zField, errDomain.a[i].zMsg);
    }
  }
  if (!errors_get(&err, "username") && user_get_by_name(db, &a, zName, &uOld) == 0) {
    errors_add(&err, "username", "already taken");
  }
  int rc = 1;
  user_fold_name(zName, zFolded, sizeof zFolded);
  if (err.n) user_print_errors(&err);
  else if (!cmd_user_password(o->zPasswordFile, zFolded, zPassword, sizeof zPassword)) {
    rc = db_begin(db);
    if (!rc) rc = user_finish(db, user_create(db, &u, zPassword, &err));
    sodium_memzero(zPassword, sizeof zPassword);
    if (rc == DOMAIN_INVALID) user_print_errors(&err);
    else if (rc) fprintf(stderr, "ali: cannot create user %s: %s\n", zName, db_errmsg(db));
    else printf("user %s created (roles: %s)\n", zFolded, user_roles_text(&a, u.mRoles));
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int user_passwd_command(Db *db, int64_t iAgency, const char *zName, const UserOpts *o) {
  Arena a = ARENA_INIT;
  Errors err = {.n = 0};
  User u;
  char zPassword[USER_PASSWORD_BUF];
  int rc = 1;
  if (!user_lookup(db, &a, iAgency, zName, &u) &&
      !cmd_user_password(o->zPasswordFile, u.zUsername, zPassword, sizeof zPassword)) {
    rc = db_begin(db);
    if (!rc) rc = user_finish(db, user_set_password(db, iAgency, u.id, zPassword, &err));
    sodium_memzero(zPassword, sizeof zPassword);
    if (rc == DOMAIN_INVALID) user_print_errors(&err);
    else if (rc) fprintf(stderr, "ali: cannot change the password: %s\n", db_errmsg(db));
    else printf("password of %s changed; its sessions have ended\n", u.zUsername);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int user_disable_command(Db *db, int64_t iAgency, const char *zName) {
  Arena a = ARENA_INIT;
  User u;
  int rc = user_lookup(db, &a, iAgency, zName, &u);
  if (!rc) {
    rc = db_begin(db);
    if (!rc) rc = user_finish(db, user_disable(db, iAgency, u.id));
    if (rc) fprintf(stderr, "ali: cannot disable user %s: %s\n", u.zUsername, db_errmsg(db));
    else printf("user %s disabled; its sessions have ended and its tokens are revoked\n", u.zUsername);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int user_list_command(Db *db, int64_t iAgency) {
  Arena a = ARENA_INIT;
  User *aU;
  int n;
  if (user_list(db, &a, iAgency, &aU, &n)) {
    fprintf(stderr, "ali: cannot read the users: %s\n", db_errmsg(db));
    arena_free(&a);
    return 1;
  }
  if (n == 0) {
    printf("no users yet: add one with  ali user add NAME --role admin\n");
    arena_free(&a);
    return 0;
  }
  enum { NCOL = 6 };
  const char **az = arena_alloc(&a, (size_t)(n + 1) * NCOL * sizeof *az);
  const char *azHead[NCOL] = {"USERNAME", "NAME", "ROLES", "ORGANISATION", "ACTIVE", "LAST LOGIN"};
  memcpy(az, azHead, sizeof azHead);
  for (int i = 0; i < n; i++) {
    const char **azRow = az + NCOL * (i + 1);
    azRow[0] = aU[i].zUsername;
    azRow[1] = aU[i].zFullName;
    azRow[2] = user_roles_text(&a, aU[i].mRoles);
    azRow[3] = aU[i].zOrganisationName ? aU[i].zOrganisationName : "-";
    azRow[4] = aU[i].bActive ? "yes" : "no";
    azRow[5] = aU[i].zLastLoginAt ? aU[i].zLastLoginAt : "-";
  }
  cli_print_table(az, n + 1, NCOL);
  arena_free(&a);
  return 0;
}

static int user_token_command(Db *db, int64_t iAgency, const char *zName, const UserOpts *o) {
  Arena a = ARENA_INIT;
  Errors err = {.n = 0};
  User u;
  int rc = user_lookup(db, &a, iAgency, zName, &u);
  domain_check_text(&err, "label", o->zLabel, 100, 0);
  if (!rc && err.n) user_print_errors(&err), rc = 1;
  if (!rc && !u.bActive) fprintf(stderr, "ali: username: user %s is disabled\n", u.zUsername), rc = 1;
  if (!rc) {
    char zNow[21], zToken[SESSION_SECRET_HEX + 1];
    int64_t iToken = 0;
    timestamp_now(zNow);
    rc = db_begin(db);
    if (!rc) rc = user_finish(db, token_create(db, u.id, o->zLabel, zNow, zToken, &iToken));
    if (rc) {
      fprintf(stderr, "ali: cannot create the token: %s\n", db_errmsg(db));
    } else {
      printf("token %lld for %s created; keep it secret, it is shown only once:\n%s\n",
             (long long)iToken, u.zUsername, zToken);
    }
    sodium_memzero(zToken, sizeof zToken);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int user_tokens_command(Db *db, int64_t iAgency, const char *zName) {
  Arena a = ARENA_INIT;
  User u;
  Token *aT;
  int n = 0, rc = user_lookup(db, &a, iAgency, zName, &u);
  if (!rc && token_list(db, &a, u.id, &aT, &n)) {
    fprintf(stderr, "ali: cannot read the tokens: %s\n", db_errmsg(db));
    rc = 1;
  }
  if (!rc && n == 0) printf("%s has no tokens\n", u.zUsername);
  if (!rc && n > 0) {
    enum { NCOL = 5 };
    const char **az = arena_alloc(&a, (size_t)(n + 1) * NCOL * sizeof *az);
    const char *azHead[NCOL] = {"ID", "LABEL", "CREATED", "LAST USED", "REVOKED"};
    memcpy(az, azHead, sizeof azHead);
    for (int i = 0; i < n; i++) {
      const char **azRow = az + NCOL * (i + 1);
      azRow[0] = arena_printf(&a, "%lld", (long long)aT[i].id);
      azRow[1] = aT[i].zLabel ? aT[i].zLabel : "-";
      azRow[2] = aT[i].zCreatedAt;
      azRow[3] = aT[i].zLastUsedAt ? aT[i].zLastUsedAt : "never";
      azRow[4] = aT[i].zRevokedAt ? aT[i].zRevokedAt : "-";
    }
    cli_print_table(az, n + 1, NCOL);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int user_revoke_command(Db *db, int64_t iAgency, const char *zName, const char *zId) {
  Arena a = ARENA_INIT;
  User u;
  char *zEnd;
  long long iToken = strtoll(zId, &zEnd, 10);
  int rc = user_lookup(db, &a, iAgency, zName, &u);
  if (!rc && (zEnd == zId || *zEnd || iToken <= 0)) {
    fprintf(stderr, "ali: token: '%s' is not a token id (see ali user tokens %s)\n", zId, u.zUsername);
    rc = 1;
  }
  if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    rc = db_begin(db);
    if (!rc) rc = user_finish(db, token_revoke(db, u.id, iToken, zNow));
    if (rc == DOMAIN_NOT_FOUND) fprintf(stderr, "ali: token: %s has no token %lld\n", u.zUsername, iToken);
    else if (rc) fprintf(stderr, "ali: cannot revoke the token: %s\n", db_errmsg(db));
    else printf("token %lld of %s revoked\n", iToken, u.zUsername);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

/* The verbs: the positional arguments each takes (its own name
** included) and the options it accepts besides --db and --agency. */
static const struct {
  const char *zVerb;
  int nArg;
  unsigned mOpt;
} aUserVerb[] = {
    {"add", 2, USER_OPT_ROLE | USER_OPT_ORG | USER_OPT_NAME | USER_OPT_EMAIL | USER_OPT_PASSWORD},
    {"passwd", 2, USER_OPT_PASSWORD},
    {"disable", 2, 0},
    {"list", 1, 0},
    {"token", 2, USER_OPT_LABEL},
    {"tokens", 2, 0},
    {"revoke", 3, 0},
};

/* Parse the options into *o: 0, or 2 after printing the usage. */
static int user_parse_options(int argc, char **argv, UserOpts *o) {
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},       {"agency", required_argument, 0, 'a'},
      {"role", required_argument, 0, 'r'},     {"org", required_argument, 0, 'o'},
      {"name", required_argument, 0, 'n'},     {"email", required_argument, 0, 'e'},
      {"password-file", required_argument, 0, 'p'}, {"label", required_argument, 0, 'l'},
      {0, 0, 0, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd': o->zDb = optarg; break;
      case 'a': o->zAgency = optarg; break;
      case 'r':
        if (o->nRole < (int)(sizeof o->azRole / sizeof *o->azRole)) o->azRole[o->nRole++] = optarg;
        o->mSeen |= USER_OPT_ROLE;
        break;
      case 'o': o->zOrg = optarg, o->mSeen |= USER_OPT_ORG; break;
      case 'n': o->zName = optarg, o->mSeen |= USER_OPT_NAME; break;
      case 'e': o->zEmail = optarg, o->mSeen |= USER_OPT_EMAIL; break;
      case 'p': o->zPasswordFile = optarg, o->mSeen |= USER_OPT_PASSWORD; break;
      case 'l': o->zLabel = optarg, o->mSeen |= USER_OPT_LABEL; break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  return 0;
}

/* The index in aUserVerb of the verb of the command line, or -1 after
** printing what is wrong and the usage. */
static int user_find_verb(int argc, char **argv, const UserOpts *o) {
  int nArg = argc - optind;
  const char *zVerb = nArg > 0 ? argv[optind] : "";
  for (int i = 0; i < (int)(sizeof aUserVerb / sizeof *aUserVerb); i++) {
    if (strcmp(zVerb, aUserVerb[i].zVerb) != 0) continue;
    if (nArg != aUserVerb[i].nArg) break;
    if (o->mSeen & ~aUserVerb[i].mOpt) {
      fprintf(stderr, "ali: an option given is not one of 'ali user %s'\n", zVerb);
      break;
    }
    return i;
  }
  fputs(zUsage, stderr);
  return -1;
}

int cmd_user(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  UserOpts o = {0};
  if (user_parse_options(argc, argv, &o)) return 2;
  int iVerb = user_find_verb(argc, argv, &o);
  if (iVerb < 0) return 2;
  Db *db = cli_open(cli_db_url(o.zDb));
  if (!db) return 1;
  int64_t iAgency = cli_agency(db, o.zAgency, 0, 0);
  const char *zName = argv[optind + 1];
  int rc = 1;
  if (iAgency) {
    switch (iVerb) {
      case 0: rc = user_add_command(db, iAgency, zName, &o); break;
      case 1: rc = user_passwd_command(db, iAgency, zName, &o); break;
      case 2: rc = user_disable_command(db, iAgency, zName); break;
      case 3: rc = user_list_command(db, iAgency); break;
      case 4: rc = user_token_command(db, iAgency, zName, &o); break;
      case 5: rc = user_tokens_command(db, iAgency, zName); break;
      case 6: rc = user_revoke_command(db, iAgency, zName, argv[optind + 2]); break;
    }
  }
  db_close(db);
  return rc;
}
