/*
** cmd_init.c — `ali init`: creates the schema (all migrations), the
** agency, the standard service catalogue and the first administrator.
** Running it again is a no-op apart from applying migrations the
** database lacks.
**
** There are no default accounts.  The first administrator is created
** only while the agency has no account at all: from --admin-user and
** --admin-password-file, or by asking on a terminal.  Without either and
** without a terminal (a script, a container), init says that no
** administrator exists and how to add one (`ali user add NAME --role
** admin`), and succeeds.
*/
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../db/migrate.h"
#include "../domain/domain.h"
#include "../domain/entry.h"
#include "../domain/policy.h"
#include "../domain/programme.h"
#include "../domain/user.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali init [--db PATH|postgresql://URL] [--agency-code CODE] [--agency-name NAME]\n"
    "                [--admin-user NAME] [--admin-password-file FILE]\n\n"
    "Creates the schema, the agency (default code 'sds', name 'Servizi sociali')\n"
    "and the standard service catalogue. Safe to run again.\n\n"
    "While the agency has no account, it also creates the first administrator:\n"
    "  --admin-user NAME            its username (default admin)\n"
    "  --admin-password-file FILE   its password, the first line of FILE (- for\n"
    "                               standard input); on a terminal it is asked instead\n"
    "Without them and without a terminal, no account is created: add one later\n"
    "with 'ali user add NAME --role admin'.\n";

/* The options of `ali init`. */
typedef struct InitOpts {
  const char *zDb, *zCode, *zName, *zAdminUser, *zAdminPasswordFile;
} InitOpts;

/* Applies the migrations; shared with `ali migrate` and `ali demo`. */
int init_schema(Db *db, const char *zUrl, int bQuiet) {
  char zErr[512];
  int nApplied, iBefore = migrate_version(db);
  if (migrate_apply(db, &nApplied, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s: %s\n", zUrl, zErr);
    return 1;
  }
  if (entry_snapshot_upgrade(db, iBefore, migrate_version(db))) { /* the profiles at entry (012) */
    fprintf(stderr, "ali: %s: the profiles at entry: %s\n", zUrl, db_errmsg(db));
    return 1;
  }
  /* an upgrade adds indexes whose figures the planner needs (a new,
  ** empty database has none to give: it would plan for empty tables) */
  if (nApplied && iBefore > 0 && db_analyze(db)) {
    fprintf(stderr, "ali: %s: statistics: %s\n", zUrl, db_errmsg(db));
    return 1;
  }
  if (!bQuiet) {
    if (nApplied) printf("%s: applied %d migration(s), schema version %d\n", zUrl, nApplied, migrate_latest());
    else printf("%s: schema is up to date (version %d)\n", zUrl, migrate_latest());
  }
  return 0;
}

/* Creates the agency and its catalogue in one transaction. */
int init_agency(Db *db, const char *zCode, const char *zName, int64_t *piAgency) {
  int rc = db_begin(db);
  if (!rc) rc = agency_ensure(db, zCode, zName, piAgency);
  if (!rc) rc = programme_install_catalogue(db, *piAgency);
  if (!rc) rc = db_commit(db);
  if (rc) {
    fprintf(stderr, "ali: cannot create the agency: %s\n", db_errmsg(db));
    db_rollback(db);
    return 1;
  }
  return 0;
}

/* Creates the administrator zUser with the password zPassword in one
** transaction.  0, or 1 after printing why not. */
static int init_admin_create(Db *db, int64_t iAgency, const char *zUser, const char *zPassword) {
  User u = {.iAgency = iAgency, .zUsername = zUser, .zFullName = "Administrator",
            .mRoles = ROLE_ADMIN, .bActive = 1};
  Errors err = {.n = 0};
  int rc = db_begin(db);
  if (!rc) rc = user_create(db, &u, zPassword, &err);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  for (int i = 0; rc == DOMAIN_INVALID && i < err.n; i++) {
    fprintf(stderr, "ali: %s: %s\n", err.a[i].zField, err.a[i].zMsg);
  }
  if (rc && rc != DOMAIN_INVALID) {
    fprintf(stderr, "ali: cannot create the administrator: %s\n", db_errmsg(db));
  }
  if (!rc) printf("administrator '%s' created\n", zUser);
  return rc ? 1 : 0;
}

/* Asks on the terminal for the username of the first administrator
** (default "admin") into zOut.  0, or 1 at end of input. */
static int init_ask_username(char *zOut, size_t nOut) {
  for (;;) {
    if (cmd_user_ask("Username of the first administrator [admin]: ", zOut, nOut)) return 1;
    if (!zOut[0]) snprintf(zOut, nOut, "admin");
    User u = {.zUsername = zOut, .zFullName = "Administrator", .mRoles = ROLE_ADMIN};
    Errors err = {.n = 0};
    user_validate(&u, 0, &err);
    const char *zWhy = errors_get(&err, "username");
    if (!zWhy) return 0;
    fprintf(stderr, "ali: username: %s\n", zWhy);
  }
}

/* The first administrator, when the agency has no account yet: from the
** options, else from a terminal, else a notice.  Returns an exit status. */
static int init_admin(Db *db, int64_t iAgency, const InitOpts *o) {
  int64_t nUser = db_int(db, -1, "SELECT count(*) FROM app_user WHERE agency_id=$1", "i", iAgency);
  int bAsked = o->zAdminUser || o->zAdminPasswordFile;
  if (nUser != 0) {
    if (nUser > 0 && bAsked) {
      printf("the agency has accounts already: no administrator created"
             " (use ali user add or ali user passwd)\n");
    }
    return nUser < 0;
  }
  if (!bAsked && !isatty(0)) {
    printf("no administrator exists yet: add one with\n"
           "  ali user add NAME --role admin --password-file FILE\n");
    return 0;
  }
  char zUser[128], zPassword[1024];
  if (o->zAdminUser) snprintf(zUser, sizeof zUser, "%s", o->zAdminUser);
  else if (o->zAdminPasswordFile) snprintf(zUser, sizeof zUser, "admin");
  else if (init_ask_username(zUser, sizeof zUser)) return 1;
  user_fold_name(zUser, zUser, sizeof zUser); /* in place: the name as stored */
  if (cmd_user_password(o->zAdminPasswordFile, zUser, zPassword, sizeof zPassword)) return 1;
  int rc = init_admin_create(db, iAgency, zUser, zPassword);
  sodium_memzero(zPassword, sizeof zPassword);
  return rc;
}

int cmd_init(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"agency-code", required_argument, 0, 'c'},
                                       {"agency-name", required_argument, 0, 'n'},
                                       {"admin-user", required_argument, 0, 'u'},
                                       {"admin-password-file", required_argument, 0, 'p'},
                                       {0, 0, 0, 0}};
  InitOpts o = {.zCode = "sds", .zName = "Servizi sociali"};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    if (c == 'd') o.zDb = optarg;
    else if (c == 'c') o.zCode = optarg;
    else if (c == 'n') o.zName = optarg;
    else if (c == 'u') o.zAdminUser = optarg;
    else if (c == 'p') o.zAdminPasswordFile = optarg;
    else {
      fputs(zUsage, stderr);
      return 2;
    }
  }
  if (optind < argc) {
    fputs(zUsage, stderr);
    return 2;
  }
  const char *zUrl = cli_db_url(o.zDb);
  Db *db;
  char zErr[512];
  if (db_open(zUrl, &db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: cannot open %s: %s\n", zUrl, zErr);
    return 1;
  }
  int64_t iAgency;
  int rc = init_schema(db, zUrl, 0) || init_agency(db, o.zCode, o.zName, &iAgency) ||
           init_admin(db, iAgency, &o);
  db_close(db);
  return rc;
}
