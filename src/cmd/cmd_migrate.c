/*
** cmd_migrate.c — `ali migrate`: applies the migrations the database
** lacks, each in its own transaction.
*/
#include <getopt.h>
#include <stdio.h>

#include "../db/migrate.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali migrate [--db PATH|postgresql://URL]\n\n"
    "Applies pending schema migrations. A database newer than this ali is refused.\n";

int cmd_migrate(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'}, {0, 0, 0, 0}};
  const char *zDb = 0;
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    if (c == 'd') zDb = optarg;
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
  int rc = init_schema(db, zUrl, 0);
  db_close(db);
  return rc;
}
