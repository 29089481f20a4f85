/*
** cmd_report.c — `ali report NAME [options]`: the agency's reports on the
** command line, as an aligned text table, CSV or JSON.
**
** Reports are rows of aReport[] (a name, a one-line description, whether
** it needs --round, and a function per format); `ali report --list`
** prints them.  The options every report shares are parsed once here:
** --db, --agency, --format text|csv|json (default text), --round CODE,
** and the filters --social-worker USERNAME and --cooperative CODE.
** Output goes to standard output; problems to standard error with exit
** status 1 (data: an unknown round, a database error) or 2 (the command
** line).  Reports only read: nothing is written, nothing is audited.
**
** funnel: the funnel of one round (intake_funnel, src/domain/funnel.c).
**   text  an aligned table "stage, count, % of shortlisted", then the
**         withdrawals by the stage reached and by reason, then the
**         screening decisions;
**   csv   long format, header "stage,count", one row per code:
**           shortlisted, first_interview, second_interview, agreed,
**           not_suitable, withdrew                  (the stages)
**           withdrew_at_shortlisted, withdrew_at_first_interview,
**           withdrew_at_second_interview            (stage reached)
**           withdrew_reason_CODE                    (each withdrawal
**                                                    reason of intake.h)
**           screening_suitable, screening_refer, screening_job_only,
**           screening_overrides                     (decisions)
**   json  the object GET /api/v1/rounds/{id}/funnel answers.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/jsonw.h"
#include "cmd.h"

enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON };

/* What a report runs on: the options, resolved. */
typedef struct ReportArgs {
  Db *db;
  int64_t iAgency;
  int eFormat;
  int64_t iRound; /* 0 unless --round */
  const char *zRound;
  int64_t iSocialWorker; /* 0: any */
  int64_t iOrganisation; /* 0: any */
} ReportArgs;

typedef struct Report {
  const char *zName;
  const char *zHelp;
  int bRound;                      /* --round required */
  int (*xRun)(const ReportArgs *); /* exit status */
} Report;

/* ------------------------------------------------------------------ */
/* funnel                                                              */
/* ------------------------------------------------------------------ */

static const char *const azDecision[3] = {"suitable", "refer", "job_only"};

/* The stages' counts in Stage order. */
static void funnel_stages(const Funnel *f, int aN[STAGE_COUNT]) {
  aN[STAGE_SHORTLISTED] = f->nShortlisted;
  aN[STAGE_FIRST_INTERVIEW] = f->nFirstInterview;
  aN[STAGE_SECOND_INTERVIEW] = f->nSecondInterview;
  aN[STAGE_AGREED] = f->nAgreed;
  aN[STAGE_NOT_SUITABLE] = f->nNotSuitable;
  aN[STAGE_WITHDREW] = f->nWithdrew;
}

/* "75.0%" of the shortlisted, or "-" when nobody was. */
static const char *percent(Arena *a, int n, int nOf) {
  if (nOf <= 0) return "-";
  return arena_printf(a, "%.1f%%", 100.0 * n / nOf);
}

/* One row (label, count, percent) into the table az at row *pi. */
static void text_row(Arena *a, const char **az, int *pi, const char *zLabel, int n, int nOf) {
  az[3 * *pi] = zLabel;
  az[3 * *pi + 1] = arena_printf(a, "%d", n);
  az[3 * *pi + 2] = percent(a, n, nOf);
  (*pi)++;
}

static const char *const azStageLabel[STAGE_COUNT] = {
    "shortlisted",    "first interview", "second interview",
    "project agreed", "not suitable",    "withdrew",
};

static void funnel_text(const ReportArgs *p, const Funnel *f) {
  Arena a = ARENA_INIT;
  enum { N_ROW = 1 + STAGE_COUNT + 3 + WITHDRAWAL_REASON_COUNT + 4 };
  const char *az[3 * N_ROW];
  int aN[STAGE_COUNT], i = 0, nOf = f->nShortlisted;
  funnel_stages(f, aN);
  az[0] = "stage";
  az[1] = "count";
  az[2] = "% of shortlisted";
  i = 1;
  for (int e = 0; e < STAGE_COUNT; e++) text_row(&a, az, &i, azStageLabel[e], aN[e], nOf);
  for (int e = 0; e < STAGE_AGREED; e++) {
    text_row(&a, az, &i, arena_printf(&a, "  withdrew at %s", azStageLabel[e]), f->nWithdrewAt[e],
             nOf);
  }
  for (int k = 0; k < WITHDRAWAL_REASON_COUNT; k++) {
    text_row(&a, az, &i, arena_printf(&a, "  withdrew: %s", withdrawal_reason_label(k)),
             f->nWithdrewReason[k], nOf);
  }
  for (int k = 0; k < 3; k++) {
    text_row(&a, az, &i, arena_printf(&a, "screening decision: %s", azDecision[k]),
             f->nScreening[k], nOf);
  }
  text_row(&a, az, &i, "screening overridden", f->nOverride, nOf);
  printf("Funnel of round %s\n\n", p->zRound);
  cli_print_table(az, i, 3);
  arena_free(&a);
}

static void funnel_csv(const Funnel *f) {
  int aN[STAGE_COUNT];
  funnel_stages(f, aN);
  printf("stage,count\n");
  for (int e = 0; e < STAGE_COUNT; e++) printf("%s,%d\n", stage_code((Stage)e), aN[e]);
  for (int e = 0; e < STAGE_AGREED; e++) {
    printf("withdrew_at_%s,%d\n", stage_code((Stage)e), f->nWithdrewAt[e]);
  }
  for (int k = 0; k < WITHDRAWAL_REASON_COUNT; k++) {
    printf("withdrew_reason_%s,%d\n", withdrawal_reason_code(k), f->nWithdrewReason[k]);
  }
  for (int k = 0; k < 3; k++) printf("screening_%s,%d\n", azDecision[k], f->nScreening[k]);
  printf("screening_overrides,%d\n", f->nOverride);
}

static void kv_id(JsonW *w, const char *zKey, int64_t id) {
  if (id)
    jw_kv_int(w, zKey, id);
  else
    jw_kv_null(w, zKey);
}

/* The same object as GET /api/v1/rounds/{id}/funnel (api_case.c). */
static void funnel_json(const ReportArgs *p, const Funnel *f) {
  Buf b = BUF_INIT;
  JsonW w;
  int aN[STAGE_COUNT];
  funnel_stages(f, aN);
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_int(&w, "round_id", p->iRound);
  jw_kv_str(&w, "round_code", p->zRound);
  kv_id(&w, "social_worker_id", p->iSocialWorker);
  kv_id(&w, "organisation_id", p->iOrganisation);
  jw_key(&w, "stages");
  jw_obj(&w);
  for (int e = 0; e < STAGE_COUNT; e++) jw_kv_int(&w, stage_code((Stage)e), aN[e]);
  jw_obj_end(&w);
  jw_key(&w, "withdrawals");
  jw_obj(&w);
  jw_key(&w, "by_stage");
  jw_obj(&w);
  for (int e = 0; e < STAGE_AGREED; e++) jw_kv_int(&w, stage_code((Stage)e), f->nWithdrewAt[e]);
  jw_obj_end(&w);
  jw_key(&w, "by_reason");
  jw_obj(&w);
  for (int k = 0; k < WITHDRAWAL_REASON_COUNT; k++) {
    jw_kv_int(&w, withdrawal_reason_code(k), f->nWithdrewReason[k]);
  }
  jw_obj_end(&w);
  jw_obj_end(&w);
  jw_key(&w, "screening");
  jw_obj(&w);
  for (int k = 0; k < 3; k++) jw_kv_int(&w, azDecision[k], f->nScreening[k]);
  jw_kv_int(&w, "overrides", f->nOverride);
  jw_obj_end(&w);
  jw_obj_end(&w);
  printf("%s\n", buf_str(&b));
  buf_free(&b);
}

static int report_funnel(const ReportArgs *p) {
  Funnel f;
  int rc = intake_funnel(p->db, p->iAgency, p->iRound, p->iSocialWorker, p->iOrganisation, &f);
  if (rc) {
    fprintf(stderr, "ali: the funnel could not be read: %s\n", db_errmsg(p->db));
    return 1;
  }
  if (p->eFormat == FORMAT_CSV)
    funnel_csv(&f);
  else if (p->eFormat == FORMAT_JSON)
    funnel_json(p, &f);
  else
    funnel_text(p, &f);
  return 0;
}

/* ------------------------------------------------------------------ */
/* The table of reports and the command                                */
/* ------------------------------------------------------------------ */

/* caseload-gaps: active cases without an active worker (report_caseload.c). */
static int report_caseload(const ReportArgs *p) {
  return report_caseload_gaps(p->db, p->iAgency, p->eFormat);
}

/* outcomes: the outcomes of the paths per round and in total
** (report_outcomes.c; eFormat 0 text, 1 csv, 2 json). */
int report_outcomes(Db *db, int64_t iAgency, int64_t iRound, int eFormat);
static int report_outcomes_run(const ReportArgs *p) {
  return report_outcomes(p->db, p->iAgency, p->iRound, p->eFormat);
}

/* requests: response times per worker and per kind (report_requests.c;
** eFormat 0 text, 1 csv, 2 json; zRound the code of iRound, or NULL). */
int report_requests(Db *db, int64_t iAgency, int64_t iRound, const char *zRound, int eFormat);
static int report_requests_run(const ReportArgs *p) {
  return report_requests(p->db, p->iAgency, p->iRound, p->zRound, p->eFormat);
}

static const Report aReport[] = {
    {"funnel", "a round's funnel: candidates at each stage, withdrawals, screening", 1,
     report_funnel},
    {"caseload-gaps", "active cases without an active social worker or case manager", 0,
     report_caseload},
    {"requests", "response times of requests per worker and per kind, in working days", 0,
     report_requests_run},
    {"outcomes", "the outcomes of the paths per round and in total", 0, report_outcomes_run},
};
#define N_REPORT (int)(sizeof aReport / sizeof aReport[0])

static const char zUsage[] =
    "usage: ali report NAME [--round CODE] [--format text|csv|json]\n"
    "                  [--social-worker USERNAME] [--cooperative CODE]\n"
    "                  [--db PATH|postgresql://URL] [--agency CODE]\n"
    "       ali report --list\n\n"
    "Prints a report of the agency on standard output: an aligned table (text,\n"
    "the default), CSV with a header row, or JSON.\n\n"
    "  --round CODE              the round (required by: funnel)\n"
    "  --social-worker USERNAME  only the cases of this social worker\n"
    "  --cooperative CODE        only the cases followed by this cooperative\n"
    "  --list                    the reports there are\n\n"
    "See docs/cli.md for each report's columns and codes.\n";

static const Report *report_find(const char *zName) {
  for (int i = 0; i < N_REPORT; i++) {
    if (strcmp(aReport[i].zName, zName) == 0) return &aReport[i];
  }
  return NULL;
}

static void report_list(void) {
  for (int i = 0; i < N_REPORT; i++) printf("%-10s %s\n", aReport[i].zName, aReport[i].zHelp);
}

/* The options as given on the command line. */
typedef struct ReportOpts {
  const char *zDb, *zAgency, *zFormat, *zRound, *zWorker, *zCoop;
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
                                       {"list", no_argument, 0, 'l'},
                                       {0, 0, 0, 0}};
  int c;
  memset(o, 0, sizeof *o);
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd':
        o->zDb = optarg;
        break;
      case 'a':
        o->zAgency = optarg;
        break;
      case 'f':
        o->zFormat = optarg;
        break;
      case 'r':
        o->zRound = optarg;
        break;
      case 's':
        o->zWorker = optarg;
        break;
      case 'c':
        o->zCoop = optarg;
        break;
      case 'l':
        o->bList = 1;
        break;
      default:
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
  fprintf(stderr, "ali: --format must be text, csv or json, not '%s'\n", z);
  return -1;
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

/* Open the database and run report pRep.  Returns the exit status. */
static int report_run(const Report *pRep, const ReportOpts *o, int eFormat) {
  ReportArgs args = {.eFormat = eFormat};
  args.db = cli_open(cli_db_url(o->zDb));
  if (!args.db) return 1;
  int rc = 1;
  args.iAgency = cli_agency(args.db, o->zAgency, 0, 0);
  if (args.iAgency && report_resolve(o, &args) == 0) rc = pRep->xRun(&args);
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
  const Report *pRep = report_find(argv[optind]);
  if (!pRep) {
    fprintf(stderr, "ali: no report '%s' (ali report --list shows them)\n", argv[optind]);
    return 2;
  }
  int eFormat = report_format(o.zFormat);
  if (eFormat < 0) return 2;
  if (pRep->bRound && !o.zRound) {
    fprintf(stderr, "ali: report %s needs --round CODE\n", pRep->zName);
    return 2;
  }
  return report_run(pRep, &o, eFormat);
}
