/*
** cli.c — what the subcommands share: finding and opening the database,
** choosing the agency, --help, and the progress bar.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../db/migrate.h"
#include "cmd.h"

const char *cli_db_url(const char *zOption) {
  if (zOption && *zOption) return zOption;
  const char *z = getenv("ALI_DB");
  return z && *z ? z : "ali.db";
}

Db *cli_open(const char *zUrl) {
  Db *db;
  char zErr[512];
  if (db_open(zUrl, &db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: cannot open %s: %s\n", zUrl, zErr);
    return 0;
  }
  if (migrate_check(db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s: %s\n", zUrl, zErr);
    db_close(db);
    return 0;
  }
  return db;
}

int64_t cli_agency(Db *db, const char *zCode, char *zName, size_t nName) {
  DbStmt *q = zCode ? db_query(db, "SELECT id, name FROM agency WHERE code=$1", "t", zCode)
                    : db_query(db, "SELECT id, name FROM agency ORDER BY id LIMIT 1", "");
  int64_t iId = 0;
  if (db_step(q) == DB_ROW) {
    iId = db_col_int(q, 0);
    if (zName) snprintf(zName, nName, "%s", db_col_text(q, 1));
  }
  db_done(q);
  if (!iId) {
    if (zCode) fprintf(stderr, "ali: no agency with code '%s'\n", zCode);
    else fprintf(stderr, "ali: the database has no agency: run 'ali init'\n");
  }
  return iId;
}

int cli_wants_help(int argc, char **argv, const char *zUsage) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(zUsage, stdout);
      return 1;
    }
  }
  return 0;
}

void cli_progress(const char *zWhat, int64_t iDone, int64_t nTotal) {
  static int bTty = -1;
  if (bTty < 0) bTty = isatty(2);
  if (!bTty || nTotal <= 0) return;
  int nWidth = 40, nFill = (int)(iDone * nWidth / nTotal);
  fprintf(stderr, "\r%-16s [", zWhat);
  for (int i = 0; i < nWidth; i++) fputc(i < nFill ? '#' : '.', stderr);
  fprintf(stderr, "] %3d%% %lld/%lld", (int)(iDone * 100 / nTotal), (long long)iDone,
          (long long)nTotal);
  if (iDone >= nTotal) fputc('\n', stderr);
  fflush(stderr);
}

/* Display width of UTF-8 text: its characters, not its bytes. */
static size_t text_width(const char *z) {
  size_t w = 0;
  for (; *z; z++) w += (*z & 0xC0) != 0x80;
  return w;
}

void cli_print_table(const char *const *az, int nRow, int nCol) {
  size_t aWidth[CLI_TABLE_MAX_COL] = {0};
  assert(nCol >= 1 && nCol <= CLI_TABLE_MAX_COL);
  for (int i = 0; i < nRow * nCol; i++) {
    size_t w = text_width(az[i]);
    if (w > aWidth[i % nCol]) aWidth[i % nCol] = w;
  }
  for (int i = 0; i < nRow * nCol; i++) {
    int k = i % nCol;
    fputs(az[i], stdout);
    if (k == nCol - 1) fputc('\n', stdout);
    else printf("%*s", (int)(aWidth[k] - text_width(az[i]) + 2), "");
  }
}

int cli_add_or_list(int argc, char **argv, const char *zUsage, const char *zDb, const char *zAgency,
                    int (*xAdd)(Db *db, int64_t iAgency, const char *zCode, const void *pOpts),
                    int (*xList)(Db *db, int64_t iAgency), const void *pOpts) {
  int nArg = argc - optind;
  const char *zVerb = nArg > 0 ? argv[optind] : "";
  int bAdd = strcmp(zVerb, "add") == 0 && nArg == 2;
  int bList = strcmp(zVerb, "list") == 0 && nArg == 1;
  if (!bAdd && !bList) {
    fputs(zUsage, stderr);
    return 2;
  }
  Db *db = cli_open(cli_db_url(zDb));
  if (!db) return 1;
  int64_t iAgency = cli_agency(db, zAgency, 0, 0);
  int rc = !iAgency ? 1 : bAdd ? xAdd(db, iAgency, argv[optind + 1], pOpts) : xList(db, iAgency);
  db_close(db);
  return rc;
}
