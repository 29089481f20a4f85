/*
** cmd_round.c — `ali round add|list`: the programme's rounds
** ("edizioni") from the command line, through the domain's round_save
** and round_list (src/domain/programme.h).
**
**   ali round add CODE --name TEXT --start DATE --end DATE
**                 [--services CODE,...] [--max N]
**   ali round list
**
** `add` writes one round in one transaction: a new code creates the
** round, an existing one updates it (services included: without
** --services the round offers the whole catalogue).  Validation errors
** are printed as "ali: field: message" and nothing is written.  A round
** created or changed appends an audit entry in the same transaction
** (create or update, its field-level changes, by "cli:LOGIN").
*/
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali round add CODE --name TEXT --start YYYY-MM-DD --end YYYY-MM-DD\n"
    "                 [--services CODE,...] [--max N] [--db URL] [--agency CODE]\n"
    "       ali round list [--db URL] [--agency CODE]\n\n"
    "add   creates round CODE, or updates it if the agency has it already.\n"
    "      --services  the services the round offers, by code (default: the whole\n"
    "                  catalogue; an update without it makes them all active again)\n"
    "      --max       the most participants the round takes (default: no cap)\n"
    "list  prints the rounds of the agency.\n";

/* Options of `ali round`, shared by add and list. */
typedef struct RoundOpts {
  const char *zDb, *zAgency, *zName, *zStart, *zEnd, *zServices, *zMax;
} RoundOpts;

/* The services of round p for the list: "all" when it offers the whole
** catalogue of nCatalogue services, else their codes joined by commas. */
static const char *round_services_text(Arena *a, const Round *p, int nCatalogue) {
  if (p->nService == nCatalogue && nCatalogue > 0) return "all";
  if (p->nService == 0) return "-";
  Buf b = BUF_INIT;
  for (int k = 0; k < p->nService; k++) buf_printf(&b, "%s%s", k ? "," : "", p->azService[k]);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

static int round_list_command(Db *db, int64_t iAgency) {
  Arena a = ARENA_INIT;
  Round *aR;
  int n;
  int rc = round_list(db, &a, iAgency, &aR, &n);
  if (rc) {
    fprintf(stderr, "ali: cannot read the rounds: %s\n", db_errmsg(db));
    arena_free(&a);
    return 1;
  }
  Service *aSvc;
  int nSvc = 0;
  if (service_list(db, &a, iAgency, &aSvc, &nSvc)) nSvc = -1;
  const char **az = arena_alloc(&a, (size_t)(n + 1) * 6 * sizeof *az);
  const char *azHead[6] = {"CODE", "NAME", "START", "END", "MAX", "SERVICES"};
  memcpy(az, azHead, sizeof azHead);
  for (int i = 0; i < n; i++) {
    const char **azRow = az + 6 * (i + 1);
    azRow[0] = aR[i].zCode;
    azRow[1] = aR[i].zName;
    azRow[2] = aR[i].zStartDate;
    azRow[3] = aR[i].zEndDate;
    azRow[4] = aR[i].iMaxParticipants < 0 ? "-" : arena_printf(&a, "%d", aR[i].iMaxParticipants);
    azRow[5] = round_services_text(&a, &aR[i], nSvc);
  }
  cli_print_table(az, n + 1, 6);
  arena_free(&a);
  return 0;
}

/* Split the comma-separated codes of z into an arena array (spaces
** around a code and empty items are ignored). */
static int round_split_services(Arena *a, const char *z, const char ***pazOut) {
  int n = 0;
  const char **az = arena_alloc(a, (strlen(z) / 2 + 1) * sizeof *az);
  for (const char *zItem = z; *zItem;) {
    size_t nItem = strcspn(zItem, ",");
    size_t nTrim;
    char *zCopy = arena_strndup(a, zItem, nItem);
    const char *zCode = domain_trim(zCopy, &nTrim);
    if (nTrim) az[n++] = arena_strndup(a, zCode, nTrim);
    zItem += nItem + (zItem[nItem] == ',');
  }
  *pazOut = az;
  return n;
}

/* Print what is wrong with the round, one "ali: field: message" line per
** error; an unknown service also names the codes the catalogue lacks. */
static void round_print_errors(Db *db, int64_t iAgency, const Round *p, const Errors *pErr) {
  for (int i = 0; i < pErr->n; i++) {
    fprintf(stderr, "ali: %s: %s", pErr->a[i].zField, pErr->a[i].zMsg);
    if (strcmp(pErr->a[i].zMsg, "unknown service") == 0) {
      for (int k = 0, nShown = 0; k < p->nService; k++) {
        if (service_find(db, iAgency, p->azService[k])) continue;
        fprintf(stderr, "%s%s", nShown++ ? ", " : " ", p->azService[k]);
      }
    }
    fputc('\n', stderr);
  }
}

/* Fill *p from the options.  What the domain cannot see (an empty
** --services, a --max that is not a number) is added to pErr. */
static void round_from_options(Arena *a, const char *zCode, const RoundOpts *o, Round *p,
                               Errors *pErr) {
  *p = (Round){.zCode = zCode, .zName = o->zName, .zStartDate = o->zStart,
               .zEndDate = o->zEnd, .iMaxParticipants = -1};
  if (o->zServices) {
    p->nService = round_split_services(a, o->zServices, &p->azService);
    if (p->nService == 0) errors_add(pErr, "services", "name at least one service code");
  }
  if (o->zMax) {
    char *zEnd;
    long n = strtol(o->zMax, &zEnd, 10);
    if (zEnd == o->zMax || *zEnd || n < 1 || n > 1000000000) {
      errors_add(pErr, "max_participants", "must be empty or a number of at least 1");
    } else {
      p->iMaxParticipants = (int)n;
    }
  }
}

/* Append the audit entry of round id just saved (pBefore: its version
** before, NULL when new); nothing when an update changed nothing.  0 or
** a db.h code. */
static int round_audit(Db *db, Arena *a, int64_t iAgency, const Round *pBefore, int64_t id) {
  Round after;
  char zUser[128];
  int rc = round_get(db, a, iAgency, id, &after);
  if (rc) return rc;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_round(&d, a, pBefore, &after);
  audit_cli_username(zUser, sizeof zUser);
  AuditEntry e = {.iAgency = iAgency, .zUsername = zUser,
                  .zAction = pBefore ? "update" : "create", .zEntity = "round",
                  .iEntityId = id, .zDetail = audit_diff_finish(&d, a)};
  return e.zDetail ? audit_append(db, &e) : 0;
}

/* Save p and its audit entry in one transaction: 0, DOMAIN_INVALID (pErr
** says why) or a db.h code; nothing is written unless 0. */
static int round_save_one(Db *db, Arena *a, int64_t iAgency, Round *p, Errors *pErr) {
  Round before;
  int64_t iBefore = 0;
  int rc = db_begin(db);
  if (!rc) iBefore = round_find(db, iAgency, p->zCode);
  if (!rc && iBefore) rc = round_get(db, a, iAgency, iBefore, &before);
  if (!rc) rc = round_save(db, iAgency, p, pErr);
  if (!rc) rc = round_audit(db, a, iAgency, iBefore ? &before : NULL, p->id);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  return rc;
}

static int round_add_command(Db *db, int64_t iAgency, const char *zCode, const void *pOpts) {
  const RoundOpts *o = pOpts;
  Arena a = ARENA_INIT;
  Errors err = {.n = 0};
  Round r;
  round_from_options(&a, zCode, o, &r, &err);
  int rc = DOMAIN_INVALID;
  if (err.n) round_validate(&r, &err); /* report the other fields too */
  else rc = round_save_one(db, &a, iAgency, &r, &err);
  if (rc == DOMAIN_INVALID) round_print_errors(db, iAgency, &r, &err);
  else if (rc) fprintf(stderr, "ali: cannot save round %s: %s\n", zCode, db_errmsg(db));
  else printf("round %s saved\n", zCode);
  arena_free(&a);
  return rc ? 1 : 0;
}

int cmd_round(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},    {"agency", required_argument, 0, 'a'},
      {"name", required_argument, 0, 'n'},  {"start", required_argument, 0, 's'},
      {"end", required_argument, 0, 'e'},   {"services", required_argument, 0, 'v'},
      {"max", required_argument, 0, 'm'},   {0, 0, 0, 0}};
  RoundOpts o = {0};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd': o.zDb = optarg; break;
      case 'a': o.zAgency = optarg; break;
      case 'n': o.zName = optarg; break;
      case 's': o.zStart = optarg; break;
      case 'e': o.zEnd = optarg; break;
      case 'v': o.zServices = optarg; break;
      case 'm': o.zMax = optarg; break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  return cli_add_or_list(argc, argv, zUsage, o.zDb, o.zAgency, round_add_command,
                         round_list_command, &o);
}
