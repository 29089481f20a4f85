/*
** cmd_municipality.c — `ali municipality`: the agency's list of
** municipalities with their degree of urbanisation (src/domain/degurba.h),
** which the ESF+ indicator "participants from rural areas" (EECO17)
** reads: 1 cities, 2 towns and suburbs, 3 rural areas, as ISTAT
** classifies every comune (Eurostat DEGURBA).
**
**   ali municipality set NAME --class 1|2|3
**   ali municipality remove NAME
**   ali municipality import FILE.csv      columns: municipality, class
**   ali municipality list
**
** Each change is one transaction with one audit entry ("update" of
** "municipality_degurba": the name and the class, or the number of rows
** imported).  The import is all or nothing: every problem is printed as
** FILE:LINE: field: message and nothing is written.  Exit status 0, 1
** (data), 2 (the command line).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/degurba.h"
#include "../domain/domain.h"
#include "../lib/arena.h"
#include "../lib/csv.h"
#include "../lib/jsonw.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali municipality set NAME --class 1|2|3 [--db URL] [--agency CODE]\n"
    "       ali municipality remove NAME [--db URL] [--agency CODE]\n"
    "       ali municipality import FILE.csv [--db URL] [--agency CODE]\n"
    "       ali municipality list [--db URL] [--agency CODE]\n\n"
    "The degree of urbanisation of the municipalities participants live in, for\n"
    "the ESF+ indicator \"participants from rural areas\": 1 cities, 2 towns and\n"
    "suburbs, 3 rural areas (ISTAT's DEGURBA classification of the comuni).\n"
    "import reads a CSV with the columns municipality and class.\n";

typedef struct MunOpts {
  const char *zDb, *zAgency, *zClass;
} MunOpts;

/* Appends the audit entry of a change, detail zDetail (JSON). */
static int mun_audit(Db *db, int64_t iAgency, const char *zDetail) {
  char zUser[64];
  audit_cli_username(zUser, sizeof zUser);
  AuditEntry e = {.iAgency = iAgency, .zUsername = zUser, .zAction = "update",
                  .zEntity = "municipality_degurba", .zDetail = zDetail};
  return audit_append(db, &e);
}

/* {"municipality": NAME, "class": N} (N 0: removed) in a. */
static const char *mun_detail(Arena *a, const char *zName, int iClass) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "municipality", zName);
  if (iClass) jw_kv_int(&w, "class", iClass);
  else jw_kv_null(&w, "class");
  jw_obj_end(&w);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* Prints pErr's errors as "zFile:iLine: field: message" ("ali: field:
** message" when zFile is NULL). */
static void mun_print_errors(const char *zFile, long iLine, const Errors *pErr) {
  for (int i = 0; i < pErr->n; i++) {
    if (zFile)
      fprintf(stderr, "%s:%ld: %s: %s\n", zFile, iLine, pErr->a[i].zField, pErr->a[i].zMsg);
    else fprintf(stderr, "ali: %s: %s\n", pErr->a[i].zField, pErr->a[i].zMsg);
  }
}

/* The class given as text: 1..3, or 0. */
static int mun_class(const char *z) {
  return z && z[0] >= '1' && z[0] <= '3' && z[1] == 0 ? z[0] - '0' : 0;
}

static int mun_set(Db *db, int64_t iAgency, const char *zName, const char *zClass) {
  Arena a = ARENA_INIT;
  Errors err = {0};
  int bChanged = 0;
  int rc = db_begin(db);
  if (!rc) rc = degurba_set(db, iAgency, zName, mun_class(zClass), &bChanged, &err);
  if (!rc && bChanged) rc = mun_audit(db, iAgency, mun_detail(&a, zName, mun_class(zClass)));
  if (!rc) rc = db_commit(db);
  if (rc) {
    if (rc == DOMAIN_INVALID) mun_print_errors(NULL, 0, &err);
    else fprintf(stderr, "ali: cannot save: %s\n", db_errmsg(db));
    db_rollback(db);
  }
  arena_free(&a);
  return rc == DOMAIN_INVALID ? 2 : rc ? 1 : 0;
}

static int mun_remove(Db *db, int64_t iAgency, const char *zName) {
  Arena a = ARENA_INIT;
  int rc = db_begin(db);
  if (!rc) rc = degurba_remove(db, iAgency, zName);
  if (!rc) rc = mun_audit(db, iAgency, mun_detail(&a, zName, 0));
  if (!rc) rc = db_commit(db);
  if (rc) {
    if (rc == DOMAIN_NOT_FOUND) fprintf(stderr, "ali: %s is not in the list\n", zName);
    else fprintf(stderr, "ali: cannot save: %s\n", db_errmsg(db));
    db_rollback(db);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

static int mun_list(Db *db, int64_t iAgency) {
  Arena a = ARENA_INIT;
  Degurba *aD;
  int n;
  if (degurba_list(db, &a, iAgency, &aD, &n)) {
    fprintf(stderr, "ali: cannot read the list: %s\n", db_errmsg(db));
    arena_free(&a);
    return 1;
  }
  const char **az = arena_alloc(&a, sizeof *az * 2 * (size_t)(n + 1));
  az[0] = "MUNICIPALITY";
  az[1] = "CLASS";
  for (int i = 0; i < n; i++) {
    az[2 * (i + 1)] = aD[i].zName;
    az[2 * (i + 1) + 1] = arena_printf(&a, "%d", aD[i].iClass);
  }
  cli_print_table(az, n + 1, 2);
  arena_free(&a);
  return 0;
}

/* The header of the import: 0 with aiIdx set, or 1 after printing. */
static int mun_import_header(CsvReader *r, const char *zFile, int *aiIdx) {
  static const CsvColumn aCol[] = {{"municipality", 1}, {"class", 1}};
  const CsvRecord *pRec;
  if (csv_next(r, &pRec) != CSV_RECORD) {
    fprintf(stderr, "%s:1: the file has no header\n", zFile);
    return 1;
  }
  Buf b = {0};
  int nBad = csv_columns(pRec, aCol, 2, aiIdx, &b);
  if (nBad) fprintf(stderr, "%s:1: %s", zFile, buf_str(&b));
  buf_free(&b);
  return nBad != 0;
}

/* Field iIdx of pRec, or NULL. */
static const char *mun_field(const CsvRecord *pRec, int iIdx) {
  return iIdx >= 0 && iIdx < pRec->nField ? pRec->azField[iIdx] : NULL;
}

/* Imports every record of in into the open transaction; problems are
** printed as FILE:LINE: field: message.  Returns their number, or -1
** after a database error; *pn gets the rows imported. */
static int mun_import_rows(Db *db, int64_t iAgency, const char *zFile, FILE *in, int *pn) {
  CsvReader *r = csv_reader_new(in, 0);
  int aiIdx[2];
  *pn = 0;
  if (mun_import_header(r, zFile, aiIdx)) {
    csv_reader_free(r);
    return 1;
  }
  const CsvRecord *pRec;
  int s = CSV_END, rc = 0, nBad = 0;
  /* a bad row does not stop the reading: every problem is printed at once */
  while (!rc && nBad < 100 && (s = csv_next(r, &pRec)) == CSV_RECORD) {
    Errors err = {0};
    rc = degurba_set(db, iAgency, mun_field(pRec, aiIdx[0]), mun_class(mun_field(pRec, aiIdx[1])),
                     NULL, &err);
    if (rc == DOMAIN_INVALID) {
      mun_print_errors(zFile, pRec->iLine, &err);
      nBad++;
      rc = 0;
    } else if (!rc) {
      (*pn)++;
    }
  }
  if (s == CSV_ERROR) {
    fprintf(stderr, "%s:%ld: %s\n", zFile, csv_errline(r), csv_errmsg(r));
    nBad++;
  }
  csv_reader_free(r);
  return rc ? -1 : nBad;
}

static int mun_import(Db *db, int64_t iAgency, const char *zFile) {
  FILE *in = fopen(zFile, "rb");
  if (!in) {
    perror(zFile);
    return 1;
  }
  Arena a = ARENA_INIT;
  int n = 0, rc = db_begin(db);
  int nBad = rc ? -1 : mun_import_rows(db, iAgency, zFile, in, &n);
  fclose(in);
  if (nBad == 0) {
    rc = mun_audit(db, iAgency, arena_printf(&a, "{\"imported\":%d}", n));
    if (!rc) rc = db_commit(db);
  }
  if (nBad != 0 || rc) {
    if (nBad < 0 || rc) fprintf(stderr, "ali: cannot save: %s\n", db_errmsg(db));
    else fprintf(stderr, "ali: nothing imported\n");
    db_rollback(db);
  } else {
    printf("%d municipalities imported\n", n);
  }
  arena_free(&a);
  return nBad != 0 || rc ? 1 : 0;
}

static int mun_parse(int argc, char **argv, MunOpts *o) {
  static const struct option aLong[] = {{"db", required_argument, 0, 'd'},
                                        {"agency", required_argument, 0, 'a'},
                                        {"class", required_argument, 0, 'c'},
                                        {0, 0, 0, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", aLong, NULL)) != -1) {
    switch (c) {
      case 'd': o->zDb = optarg; break;
      case 'a': o->zAgency = optarg; break;
      case 'c': o->zClass = optarg; break;
      default: return 2;
    }
  }
  return 0;
}

int cmd_municipality(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  MunOpts o = {0};
  if (mun_parse(argc, argv, &o)) {
    fputs(zUsage, stderr);
    return 2;
  }
  int nArg = argc - optind;
  const char *zVerb = nArg > 0 ? argv[optind] : "";
  int bList = strcmp(zVerb, "list") == 0 && nArg == 1;
  int bSet = strcmp(zVerb, "set") == 0 && nArg == 2 && o.zClass;
  int bOne = (strcmp(zVerb, "remove") == 0 || strcmp(zVerb, "import") == 0) && nArg == 2;
  if (!bList && !bSet && !bOne) {
    fputs(zUsage, stderr);
    return 2;
  }
  Db *db = cli_open(cli_db_url(o.zDb));
  if (!db) return 1;
  int64_t iAgency = cli_agency(db, o.zAgency, NULL, 0);
  int rc = 1;
  if (iAgency && bList) rc = mun_list(db, iAgency);
  else if (iAgency && bSet) rc = mun_set(db, iAgency, argv[optind + 1], o.zClass);
  else if (iAgency && zVerb[0] == 'r') rc = mun_remove(db, iAgency, argv[optind + 1]);
  else if (iAgency) rc = mun_import(db, iAgency, argv[optind + 1]);
  db_close(db);
  return rc;
}
