/*
** cmd_audit.c — `ali audit verify|list`: checking the audit trail's hash
** chain, and reading the trail from the command line (src/domain/audit.h).
**
**   ali audit verify
**   ali audit list [--person ID] [--user USERNAME] [--from DATE] [--to DATE]
**                  [--action ACTION] [--before ID] [--limit N]
**
** verify prints "audit trail intact: N entries" and the last entry's
** hash (to keep elsewhere: see audit.h on what the chain proves), exit 0;
** or "audit trail broken: " and the first entry changed or removed, exit
** 1.  list prints a page of entries, newest first, as a table.
*/
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../lib/arena.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali audit verify [--db URL]\n"
    "       ali audit list [--person ID] [--user USERNAME] [--from DATE] [--to DATE]\n"
    "                      [--action ACTION] [--before ID] [--limit N] [--agency CODE]\n"
    "                      [--db URL]\n\n"
    "verify  checks the audit trail's hash chain and names the first entry that\n"
    "        was changed or removed (exit status 1 then).\n"
    "list    prints audit entries, newest first.\n"
    "ali audit verify --help and ali audit list --help say more.\n";

static const char zVerifyUsage[] =
    "usage: ali audit verify [--db URL]\n\n"
    "Walks the audit trail's hash chain from the first entry to the last and\n"
    "recomputes every hash.  Prints \"audit trail intact: N entries\" and the last\n"
    "entry's hash (keep it somewhere else to compare later), exit status 0; or\n"
    "\"audit trail broken: \" and the first entry that was changed or removed,\n"
    "exit status 1.  Safe to run while ali serves.\n";

static const char zListUsage[] =
    "usage: ali audit list [--person ID] [--user USERNAME] [--from YYYY-MM-DD]\n"
    "                      [--to YYYY-MM-DD] [--action ACTION] [--before ID]\n"
    "                      [--limit N] [--agency CODE] [--db URL]\n\n"
    "Prints audit entries, newest first.\n"
    "  --person   entries about the person with this id\n"
    "  --user     entries by this username (the command line's are cli:LOGIN)\n"
    "  --from     entries from this day on; --to  up to the end of this day (UTC)\n"
    "  --action   only this action (create, update, read_sensitive, login, ...)\n"
    "  --limit    entries to print, 1..1000 (default 50)\n"
    "  --before   the next page: entries older than this id (printed after a\n"
    "             full page as \"more: --before ID\")\n"
    "  --agency   only this agency's entries (default: every agency, and the\n"
    "             entries that have none, such as failed logins)\n";

/* Options of `ali audit`. */
typedef struct AuditOpts {
  const char *zDb, *zAgency, *zPerson, *zUser, *zFrom, *zTo, *zAction, *zBefore, *zLimit;
} AuditOpts;

static int audit_verify_command(Db *db) {
  int64_t n = 0;
  char zErr[512], zHash[AUDIT_HASH_HEX + 1];
  int rc = audit_verify(db, &n, zHash, zErr, sizeof zErr);
  if (rc == DOMAIN_INVALID) {
    printf("audit trail broken: %s\n", zErr);
    printf("(%" PRId64 " entr%s before it intact)\n", n, n == 1 ? "y" : "ies");
    return 1;
  }
  if (rc) {
    fprintf(stderr, "ali: cannot read the audit trail: %s\n", zErr);
    return 1;
  }
  printf("audit trail intact: %" PRId64 " entr%s\n", n, n == 1 ? "y" : "ies");
  if (n) printf("last entry: %" PRId64 " hash %s\n", n, zHash);
  return 0;
}

/* *pV from z: a whole number in iMin..iMax, else an error naming zOpt. */
static int audit_parse_int(const char *zOpt, const char *z, int64_t iMin, int64_t iMax,
                           int64_t *pV) {
  if (!z) return 0;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  if (zEnd == z || *zEnd || v < iMin || v > iMax) {
    fprintf(stderr, "ali: %s: must be a number from %" PRId64 " to %" PRId64 "\n", zOpt, iMin,
            iMax);
    return -1;
  }
  *pV = v;
  return 0;
}

/* The filter the options describe; -1 after printing what is wrong. */
static int audit_filter(const AuditOpts *o, AuditFilter *pF) {
  int64_t iLimit = 50;
  *pF =
      (AuditFilter){.zUsername = o->zUser, .zFrom = o->zFrom, .zTo = o->zTo, .zAction = o->zAction};
  if (audit_parse_int("--person", o->zPerson, 1, INT64_MAX, &pF->iPerson) ||
      audit_parse_int("--before", o->zBefore, 1, INT64_MAX, &pF->iBefore) ||
      audit_parse_int("--limit", o->zLimit, 1, 1000, &iLimit))
    return -1;
  pF->nLimit = (int)iLimit;
  return 0;
}

/* The cells of entry e: ID, AT, USER, ADDRESS, ACTION, RECORD, PERSON,
** DETAIL ("-" for what it lacks). */
static void audit_row_cells(Arena *a, const AuditEntry *e, const char **az) {
  az[0] = arena_printf(a, "%" PRId64, e->id);
  az[1] = e->zAt;
  az[2] = e->zUsername ? e->zUsername : "-";
  az[3] = e->zAddress ? e->zAddress : "-";
  az[4] = e->zAction;
  az[5] = !e->zEntity    ? "-"
          : e->iEntityId ? arena_printf(a, "%s %" PRId64, e->zEntity, e->iEntityId)
                         : e->zEntity;
  az[6] = e->iPerson ? arena_printf(a, "%" PRId64, e->iPerson) : "-";
  az[7] = e->zDetail ? e->zDetail : "-";
}

static int audit_list_command(Db *db, int64_t iAgency, const AuditOpts *o) {
  AuditFilter f;
  if (audit_filter(o, &f)) return 1;
  Arena a = ARENA_INIT;
  AuditEntry *aE;
  int n;
  int64_t iNext;
  int rc = audit_list(db, &a, iAgency, &f, &aE, &n, &iNext);
  if (rc == DOMAIN_INVALID) {
    fprintf(stderr, "ali: --from and --to must be dates (YYYY-MM-DD)\n");
  } else if (rc) {
    fprintf(stderr, "ali: cannot read the audit trail: %s\n", db_errmsg(db));
  } else {
    enum { N_COL = 8 };
    const char **az = arena_alloc(&a, (size_t)(n + 1) * N_COL * sizeof *az);
    const char *azHead[N_COL] = {"ID",     "AT",     "USER",   "ADDRESS",
                                 "ACTION", "RECORD", "PERSON", "DETAIL"};
    memcpy(az, azHead, sizeof azHead);
    for (int i = 0; i < n; i++) audit_row_cells(&a, &aE[i], az + N_COL * (i + 1));
    cli_print_table(az, n + 1, N_COL);
    if (iNext) printf("more: --before %" PRId64 "\n", iNext);
  }
  arena_free(&a);
  return rc ? 1 : 0;
}

/* Parse the options into *o; -1 on an unknown one. */
static int audit_options(int argc, char **argv, AuditOpts *o) {
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},     {"agency", required_argument, 0, 'a'},
      {"person", required_argument, 0, 'p'}, {"user", required_argument, 0, 'u'},
      {"from", required_argument, 0, 'f'},   {"to", required_argument, 0, 't'},
      {"action", required_argument, 0, 'c'}, {"before", required_argument, 0, 'b'},
      {"limit", required_argument, 0, 'l'},  {0, 0, 0, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd':
        o->zDb = optarg;
        break;
      case 'a':
        o->zAgency = optarg;
        break;
      case 'p':
        o->zPerson = optarg;
        break;
      case 'u':
        o->zUser = optarg;
        break;
      case 'f':
        o->zFrom = optarg;
        break;
      case 't':
        o->zTo = optarg;
        break;
      case 'c':
        o->zAction = optarg;
        break;
      case 'b':
        o->zBefore = optarg;
        break;
      case 'l':
        o->zLimit = optarg;
        break;
      default:
        return -1;
    }
  }
  return 0;
}

int cmd_audit(int argc, char **argv) {
  const char *zVerb = argc > 1 ? argv[1] : "";
  int bVerify = strcmp(zVerb, "verify") == 0, bList = strcmp(zVerb, "list") == 0;
  if (!bVerify && !bList) {
    if (cli_wants_help(argc, argv, zUsage)) return 0;
    fputs(zUsage, stderr);
    return 2;
  }
  const char *zVerbUsage = bVerify ? zVerifyUsage : zListUsage;
  if (cli_wants_help(argc, argv, zVerbUsage)) return 0;
  AuditOpts o = {0};
  int bBad = audit_options(argc - 1, argv + 1, &o) || optind != argc - 1;
  if (bBad || (bVerify && (o.zAgency || o.zPerson || o.zUser || o.zFrom || o.zTo || o.zAction ||
                           o.zBefore || o.zLimit))) {
    fputs(zVerbUsage, stderr);
    return 2;
  }
  Db *db = cli_open(cli_db_url(o.zDb));
  if (!db) return 1;
  int64_t iAgency = o.zAgency ? cli_agency(db, o.zAgency, 0, 0) : 0;
  int rc = o.zAgency && !iAgency ? 1
           : bVerify             ? audit_verify_command(db)
                                 : audit_list_command(db, iAgency, &o);
  db_close(db);
  return rc;
}
