/*
** cmd_init.c — `ali init`: creates the schema (all migrations), the
** agency and the standard service catalogue.  Running it again is a
** no-op apart from applying migrations the database lacks.
*/
#include <getopt.h>
#include <stdio.h>

#include "../db/migrate.h"
#include "../domain/programme.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali init [--db PATH|postgresql://URL] [--agency-code CODE] [--agency-name NAME]\n\n"
    "Creates the schema, the agency (default code 'sds', name 'Servizi sociali')\n"
    "and the standard service catalogue. Safe to run again.\n";

/* Applies the migrations; shared with `ali migrate` and `ali demo`. */
int init_schema(Db *db, const char *zUrl, int bQuiet) {
  char zErr[512];
  int nApplied;
  if (migrate_apply(db, &nApplied, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s: %s\n", zUrl, zErr);
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

int cmd_init(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"agency-code", required_argument, 0, 'c'},
                                       {"agency-name", required_argument, 0, 'n'},
                                       {0, 0, 0, 0}};
  const char *zDb = 0, *zCode = "sds", *zName = "Servizi sociali";
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    if (c == 'd') zDb = optarg;
    else if (c == 'c') zCode = optarg;
    else if (c == 'n') zName = optarg;
    else {
      fputs(zUsage, stderr);
      return 2;
    }
  }
  const char *zUrl = cli_db_url(zDb);
  Db *db;
  char zErr[512];
  if (db_open(zUrl, &db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: cannot open %s: %s\n", zUrl, zErr);
    return 1;
  }
  int64_t iAgency;
  int rc = init_schema(db, zUrl, 0) || init_agency(db, zCode, zName, &iAgency);
  db_close(db);
  return rc;
}
