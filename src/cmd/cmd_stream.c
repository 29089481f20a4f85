/*
** cmd_stream.c — `ali stream add|list`: the funding streams that pay for
** paths, from the command line, through the domain's stream_save and
** stream_list (src/domain/programme.h).
**
**   ali stream add CODE --name TEXT --allocation EUROS [--esf]
**                  [--rule CONDITIONS]
**   ali stream list
**
** `add` writes one stream in one transaction: a new code creates it, an
** existing one updates it (flags included: without --esf the stream is
** no longer marked ESF-co-financed).  The allocation is euros as people
** type them ("793165", "793.165,00", "793,165.00"; see money.h), stored
** in cents.  Validation errors are printed as "ali: field: message" and
** nothing is written.  A stream created or changed appends an audit entry
** in the same transaction (create or update, its field-level changes, by
** "cli:LOGIN").
*/
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../lib/money.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali stream add CODE --name TEXT --allocation EUROS [--esf]\n"
    "                  [--rule CONDITIONS] [--db URL] [--agency CODE]\n"
    "       ali stream list [--db URL] [--agency CODE]\n\n"
    "add   creates funding stream CODE, or updates it if the agency has it already.\n"
    "      --allocation  the money allocated, in euros: 793165, 793.165,00 or 793,165.00\n"
    "      --esf         the stream is co-financed by the European Social Fund\n"
    "      --rule        who it may fund: conditions separated by commas, each\n"
    "                    of which a candidate must meet: minimum_income,\n"
    "                    age_min=N, age_max=N, municipality=NAME (e.g.\n"
    "                    \"minimum_income,age_min=18\"); without it, anyone the\n"
    "                    programme admits\n"
    "list  prints the funding streams of the agency.\n";

typedef struct StreamOpts {
  const char *zDb, *zAgency, *zName, *zAllocation, *zRule;
  int bEsf;
} StreamOpts;

static int stream_list_command(Db *db, int64_t iAgency) {
  Arena a = ARENA_INIT;
  FundingStream *aS;
  int n;
  if (stream_list(db, &a, iAgency, &aS, &n)) {
    fprintf(stderr, "ali: cannot read the funding streams: %s\n", db_errmsg(db));
    arena_free(&a);
    return 1;
  }
  const char **az = arena_alloc(&a, (size_t)(n + 1) * 5 * sizeof *az);
  const char *azHead[5] = {"CODE", "NAME", "ALLOCATION", "ESF", "RULE"};
  memcpy(az, azHead, sizeof azHead);
  for (int i = 0; i < n; i++) {
    const char **azRow = az + 5 * (i + 1);
    char *zMoney = arena_alloc(&a, 32);
    money_format(aS[i].iAllocationCents, 0, zMoney, 32);
    azRow[0] = aS[i].zCode;
    azRow[1] = aS[i].zName;
    azRow[2] = zMoney;
    azRow[3] = aS[i].bEsf ? "yes" : "no";
    azRow[4] = domain_blank(aS[i].zRule) ? "-" : aS[i].zRule;
  }
  cli_print_table(az, n + 1, 5);
  arena_free(&a);
  return 0;
}

/*
** The allocation in cents through *pCents.  A minus sign before an amount
** gives a negative number, for the domain to refuse ("cannot be
** negative").  Adds an error to pErr when z is absent or not an amount.
*/
static void stream_parse_allocation(const char *z, int64_t *pCents, Errors *pErr) {
  size_t n;
  const char *zTrim = z ? domain_trim(z, &n) : "";
  int bMinus = *zTrim == '-';
  int64_t iCents = 0;
  if (domain_blank(z)) {
    errors_add(pErr, "allocation_cents", "required");
  } else if (money_parse_euros(zTrim + bMinus, &iCents)) {
    errors_add(pErr, "allocation_cents",
               "not an amount of euros (e.g. 793165, 793.165,00 or 793,165.00)");
  } else {
    *pCents = bMinus ? -iCents : iCents;
  }
}

/* Append the audit entry of stream id just saved (pBefore: its version
** before, NULL when new); nothing when an update changed nothing.  0 or
** a db.h code. */
static int stream_audit(Db *db, Arena *a, int64_t iAgency, const FundingStream *pBefore,
                        int64_t id) {
  FundingStream after;
  char zUser[128];
  int rc = stream_get(db, a, iAgency, id, &after);
  if (rc) return rc;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_stream(&d, pBefore, &after);
  audit_cli_username(zUser, sizeof zUser);
  AuditEntry e = {.iAgency = iAgency, .zUsername = zUser,
                  .zAction = pBefore ? "update" : "create", .zEntity = "funding_stream",
                  .iEntityId = id, .zDetail = audit_diff_finish(&d, a)};
  return e.zDetail ? audit_append(db, &e) : 0;
}

/* Save p and its audit entry in one transaction: 0, DOMAIN_INVALID (pErr
** says why) or a db.h code; nothing is written unless 0. */
static int stream_save_one(Db *db, int64_t iAgency, FundingStream *p, Errors *pErr) {
  Arena a = ARENA_INIT;
  FundingStream before;
  int64_t iBefore = 0;
  int rc = db_begin(db);
  if (!rc) iBefore = stream_find(db, iAgency, p->zCode);
  if (!rc && iBefore) rc = stream_get(db, &a, iAgency, iBefore, &before);
  if (!rc) rc = stream_save(db, iAgency, p, pErr);
  if (!rc) rc = stream_audit(db, &a, iAgency, iBefore ? &before : NULL, p->id);
  if (!rc) rc = db_commit(db);
  if (rc) db_rollback(db);
  arena_free(&a);
  return rc;
}

static int stream_add_command(Db *db, int64_t iAgency, const char *zCode, const void *pOpts) {
  const StreamOpts *o = pOpts;
  Errors err = {.n = 0};
  FundingStream s = {.zCode = zCode, .zName = o->zName, .bEsf = o->bEsf, .zRule = o->zRule};
  stream_parse_allocation(o->zAllocation, &s.iAllocationCents, &err);
  int rc = DOMAIN_INVALID;
  if (err.n) stream_validate(&s, &err); /* report the other fields too */
  else rc = stream_save_one(db, iAgency, &s, &err);
  if (rc == DOMAIN_INVALID) {
    for (int i = 0; i < err.n; i++) fprintf(stderr, "ali: %s: %s\n", err.a[i].zField, err.a[i].zMsg);
  } else if (rc) {
    fprintf(stderr, "ali: cannot save funding stream %s: %s\n", zCode, db_errmsg(db));
  } else {
    printf("funding stream %s saved\n", zCode);
  }
  return rc ? 1 : 0;
}

int cmd_stream(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},   {"agency", required_argument, 0, 'a'},
      {"name", required_argument, 0, 'n'}, {"allocation", required_argument, 0, 'l'},
      {"esf", no_argument, 0, 'e'},        {"rule", required_argument, 0, 'r'},
      {0, 0, 0, 0}};
  StreamOpts o = {0};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd': o.zDb = optarg; break;
      case 'a': o.zAgency = optarg; break;
      case 'n': o.zName = optarg; break;
      case 'l': o.zAllocation = optarg; break;
      case 'e': o.bEsf = 1; break;
      case 'r': o.zRule = optarg; break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  return cli_add_or_list(argc, argv, zUsage, o.zDb, o.zAgency, stream_add_command,
                         stream_list_command, &o);
}
