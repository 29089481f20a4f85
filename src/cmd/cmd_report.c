/*
** cmd_report.c — `ali report NAME [options]`: the agency's reports on the
** command line.
**
** The reports are the registry of src/report/reports.c (report.h): each
** builds an RDoc that is printed as an aligned text table, CSV, JSON,
** XLSX or PDF (rdoc.h).  `ali report --list` names them.  The options
** every report shares are parsed once here: --db, --agency, --format
** text|csv|xlsx|pdf|json (default text), --output FILE (default standard
** output; required for xlsx and pdf on a terminal), --round CODE, --from
** and --to (a period), --lang it|en (default it), and the filters
** --social-worker USERNAME and --cooperative CODE.  Problems go to
** standard error with exit status 1 (data: an unknown round, a database
** error) or 2 (the command line).  Reports only read: nothing is written,
** nothing is audited.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../domain/domain.h"
#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../report/report.h"
#include "cmd.h"

enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX, FORMAT_PDF };

/* What a report runs on: the options, resolved. */
typedef struct ReportArgs {
  Db *db;
  int64_t iAgency;
  int64_t iRound; /* 0 unless --round */
  const char *zRound;
  int64_t iSocialWorker; /* 0: any */
  int64_t iOrganisation; /* 0: any */
} ReportArgs;

static const char zUsage[] =
    "usage: ali report NAME [--round CODE] [--from DATE --to DATE]\n"
    "                  [--format text|csv|xlsx|pdf|json] [--output FILE] [--lang it|en]\n"
    "                  [--social-worker USERNAME] [--cooperative CODE]\n"
    "                  [--db PATH|postgresql://URL] [--agency CODE]\n"
    "       ali report --list\n\n"
    "Prints a report of the agency: an aligned table (text, the default), CSV\n"
    "with a header row (long format: one fact per row), JSON, or an XLSX\n"
    "workbook or PDF document (these two need --output FILE, or a pipe).\n"
    "Without --round a report covers every round and the total.\n\n"
    "  --round CODE              one round\n"
    "  --from DATE, --to DATE    a period, YYYY-MM-DD, both ends included\n"
    "  --output FILE             write there instead of standard output\n"
    "  --lang it|en              the language of titles and labels (default it);\n"
    "                            codes and CSV headers are always the same\n"
    "  --social-worker USERNAME  only the cases of this social worker\n"
    "  --cooperative CODE        only the cases followed by this cooperative\n"
    "  --list                    the reports there are\n\n"
    "See docs/cli.md and docs/reports.md for each report's columns and codes.\n";

static void report_list(void) {
  for (int i = 0; i < report_count(); i++) {
    printf("%-16s %s\n", report_at(i)->zName, report_at(i)->zHelp);
  }
}

/* The options as given on the command line. */
typedef struct ReportOpts {
  const char *zDb, *zAgency, *zFormat, *zRound, *zWorker, *zCoop;
  const char *zFrom, *zTo, *zOutput, *zLang;
  int bList;
} ReportOpts;

/* Parse the options into *o: 0, or 2 after printing the usage. */
static int report_parse(int argc, char **argv, ReportOpts *o) {
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"agency", required_argument, 0, 'a'},
                                       {"format", required_argument, 0, 'f'},
                                       {"round", required_argument, 0, 'r'},
                                       {"social-worker", required_argument, 0, 's'},
                                       {"cooperative", required_argument, 0, 'c'},
                                       {"from", required_argument, 0, 'F'},
                                       {"to", required_argument, 0, 'T'},
                                       {"output", required_argument, 0, 'o'},
                                       {"lang", required_argument, 0, 'L'},
                                       {"list", no_argument, 0, 'l'},
                                       {0, 0, 0, 0}};
  int c;
  memset(o, 0, sizeof *o);
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    const char **pz = c == 'd'   ? &o->zDb
                      : c == 'a' ? &o->zAgency
                      : c == 'f' ? &o->zFormat
                      : c == 'r' ? &o->zRound
                      : c == 's' ? &o->zWorker
                      : c == 'c' ? &o->zCoop
                      : c == 'F' ? &o->zFrom
                      : c == 'T' ? &o->zTo
                      : c == 'o' ? &o->zOutput
                      : c == 'L' ? &o->zLang
                                 : NULL;
    if (pz) {
      *pz = optarg;
    } else if (c == 'l') {
      o->bList = 1;
    } else {
      fputs(zUsage, stderr);
      return 2;
    }
  }
  return 0;
}

/* The format of --format: FORMAT_*, or -1 after printing why. */
static int report_format(const char *z) {
  if (!z || strcmp(z, "text") == 0) return FORMAT_TEXT;
  if (strcmp(z, "csv") == 0) return FORMAT_CSV;
  if (strcmp(z, "json") == 0) return FORMAT_JSON;
  if (strcmp(z, "xlsx") == 0) return FORMAT_XLSX;
  if (strcmp(z, "pdf") == 0) return FORMAT_PDF;
  fprintf(stderr, "ali: --format must be text, csv, xlsx, pdf or json, not '%s'\n", z);
  return -1;
}

/* Checks --from, --to and --lang: 0, or 2 after printing why. */
static int report_check_opts(const ReportOpts *o) {
  if ((o->zFrom && !date_valid(o->zFrom)) || (o->zTo && !date_valid(o->zTo))) {
    fprintf(stderr, "ali: --from and --to take a date YYYY-MM-DD\n");
    return 2;
  }
  if (o->zFrom && o->zTo && strcmp(o->zFrom, o->zTo) > 0) {
    fprintf(stderr, "ali: --from %s is after --to %s\n", o->zFrom, o->zTo);
    return 2;
  }
  if (o->zLang && strcmp(o->zLang, "it") != 0 && strcmp(o->zLang, "en") != 0) {
    fprintf(stderr, "ali: --lang must be it or en, not '%s'\n", o->zLang);
    return 2;
  }
  return 0;
}

/* Resolve the round and the filters into *p: 0, or 1 after printing why. */
static int report_resolve(const ReportOpts *o, ReportArgs *p) {
  if (o->zRound && !(p->iRound = round_find(p->db, p->iAgency, o->zRound))) {
    fprintf(stderr, "ali: there is no round %s in the agency\n", o->zRound);
    return 1;
  }
  p->zRound = o->zRound;
  if (o->zWorker) {
    Arena a = ARENA_INIT;
    User u;
    int rc = user_get_by_name(p->db, &a, o->zWorker, &u);
    if (rc == 0 && u.iAgency == p->iAgency) p->iSocialWorker = u.id;
    arena_free(&a);
    if (!p->iSocialWorker) {
      fprintf(stderr, "ali: there is no user %s in the agency\n", o->zWorker);
      return 1;
    }
  }
  if (o->zCoop && !(p->iOrganisation = organisation_find(p->db, p->iAgency, o->zCoop))) {
    fprintf(stderr, "ali: there is no organisation %s in the agency\n", o->zCoop);
    return 1;
  }
  return 0;
}

/* Writes b to --output or standard output: 0, or 1 after printing why. */
static int report_write(const ReportOpts *o, const Buf *b) {
  FILE *out = o->zOutput ? fopen(o->zOutput, "wb") : stdout;
  if (!out) {
    fprintf(stderr, "ali: cannot write %s: %m\n", o->zOutput);
    return 1;
  }
  size_t n = fwrite(b->z, 1, b->n, out);
  int rc = n == b->n && fflush(out) == 0 ? 0 : 1;
  if (o->zOutput && fclose(out) != 0) rc = 1;
  if (rc) fprintf(stderr, "ali: cannot write %s: %m\n", o->zOutput ? o->zOutput : "the report");
  return rc;
}

/* Builds registry report pDef and renders it in eFormat: the exit status. */
static int report_render(const ReportDef *pDef, const ReportOpts *o, const ReportArgs *p,
                         int eFormat, const char *zAgencyName) {
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  ReportQuery q = {.iAgency = p->iAgency,
                   .iRound = p->iRound,
                   .zRound = p->zRound,
                   .zFrom = o->zFrom,
                   .zTo = o->zTo,
                   .iSocialWorker = p->iSocialWorker,
                   .iOrganisation = p->iOrganisation,
                   .iLang = i18n_lang(o->zLang ? o->zLang : "it")};
  int rc = report_build(p->db, &a, pDef, &q, &d);
  if (rc) {
    fprintf(stderr, "ali: report %s could not be read: %s\n", pDef->zName, db_errmsg(p->db));
  } else if (eFormat == FORMAT_CSV) {
    rdoc_csv(&d, &b);
  } else if (eFormat == FORMAT_JSON) {
    rdoc_json(&d, &b);
  } else if (eFormat == FORMAT_XLSX) {
    rc = rdoc_xlsx(&d, &b);
  } else if (eFormat == FORMAT_PDF) {
    rc = rdoc_pdf(&d, q.iLang, zAgencyName, &b);
  } else {
    rdoc_text(&d, &b);
  }
  if (rc == 0) rc = report_write(o, &b);
  else if (eFormat == FORMAT_XLSX || eFormat == FORMAT_PDF) fprintf(stderr, "ali: the file could not be made\n");
  buf_free(&b);
  arena_free(&a);
  return rc ? 1 : 0;
}

/* Open the database and run the report: the exit status. */
static int report_run(const ReportDef *pDef, const ReportOpts *o, int eFormat) {
  ReportArgs args = {0};
  char zAgencyName[200] = "";
  args.db = cli_open(cli_db_url(o->zDb));
  if (!args.db) return 1;
  int rc = 1;
  args.iAgency = cli_agency(args.db, o->zAgency, zAgencyName, sizeof zAgencyName);
  if (args.iAgency && report_resolve(o, &args) == 0) {
    rc = report_render(pDef, o, &args, eFormat, zAgencyName);
  }
  db_close(args.db);
  return rc;
}

int cmd_report(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  ReportOpts o;
  if (report_parse(argc, argv, &o)) return 2;
  if (o.bList) {
    report_list();
    return 0;
  }
  if (argc - optind != 1) {
    fputs(zUsage, stderr);
    return 2;
  }
  const ReportDef *pDef = report_find(argv[optind]);
  if (!pDef) {
    fprintf(stderr, "ali: no report '%s' (ali report --list shows them)\n", argv[optind]);
    return 2;
  }
  int eFormat = report_format(o.zFormat);
  if (eFormat < 0 || report_check_opts(&o)) return 2;
  if ((pDef->flags & REPORT_NEEDS_ROUND) && !o.zRound) {
    fprintf(stderr, "ali: report %s needs --round CODE\n", argv[optind]);
    return 2;
  }
  if ((eFormat == FORMAT_XLSX || eFormat == FORMAT_PDF) && !o.zOutput && isatty(1)) {
    fprintf(stderr, "ali: --format %s writes a file: give --output FILE\n", o.zFormat);
    return 2;
  }
  return report_run(pDef, &o, eFormat);
}
