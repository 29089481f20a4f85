/*
** cmd_handover.c — `ali handover USERNAME --to USERNAME[,USERNAME...]`:
** hand every active case of a leaving worker over to one or several
** colleagues holding the same role, spread evenly (handover_plan and
** handover_apply, src/domain/handover.h), in one transaction, with one
** audit entry per case moved (action "handover", entity "case", by
** "cli:LOGIN").  Prints a line per case: the case, the participant, the
** colleague it goes to; --dry-run prints the same and writes nothing.
** Exit status 0, 1 (data: an unknown user, a refusal, a database
** error) or 2 (the command line).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../domain/handover.h"
#include "../domain/user.h"
#include "../lib/arena.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali handover USERNAME --to USERNAME[,USERNAME...] [--note TEXT]\n"
    "                    [--role social_worker|case_manager|psychotherapist]\n"
    "                    [--dry-run] [--db URL] [--agency CODE]\n\n"
    "Hands every active case USERNAME holds over to the colleagues named by --to,\n"
    "spread evenly in case order (the first case to the first colleague, the\n"
    "second to the second, ...).  The colleagues must be active accounts with the\n"
    "same role (case managers: of the same cooperative).  --role says which role\n"
    "is handed over (default: social_worker, or the one role of that list\n"
    "USERNAME holds); --note is the handover note every case gets; --dry-run\n"
    "prints what would move and writes nothing.  The assignment history of each\n"
    "case keeps who held it before.\n";

typedef struct HandoverOpts {
  const char *zDb, *zAgency, *zTo, *zNote, *zRole;
  int bDryRun;
} HandoverOpts;

static int handover_parse(int argc, char **argv, HandoverOpts *o) {
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"agency", required_argument, 0, 'a'},
                                       {"to", required_argument, 0, 't'},
                                       {"note", required_argument, 0, 'n'},
                                       {"role", required_argument, 0, 'r'},
                                       {"dry-run", no_argument, 0, 'y'},
                                       {0, 0, 0, 0}};
  memset(o, 0, sizeof *o);
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", aOpt, NULL)) != -1) {
    switch (c) {
      case 'd':
        o->zDb = optarg;
        break;
      case 'a':
        o->zAgency = optarg;
        break;
      case 't':
        o->zTo = optarg;
        break;
      case 'n':
        o->zNote = optarg;
        break;
      case 'r':
        o->zRole = optarg;
        break;
      case 'y':
        o->bDryRun = 1;
        break;
      default:
        fputs(zUsage, stderr);
        return 2;
    }
  }
  if (optind != argc - 1 || !o->zTo) {
    fputs(zUsage, stderr);
    return 2;
  }
  return 0;
}

/* The role to hand over: --role, else the one case role the user holds
** (social_worker when several or none); -1 after printing why. */
static int handover_role(const HandoverOpts *o, const User *pFrom) {
  if (o->zRole) {
    int e = case_role_from_code(o->zRole);
    if (e < 0) fprintf(stderr, "ali: --role: not social_worker, case_manager or psychotherapist\n");
    return e;
  }
  int eFound = -1, nFound = 0;
  for (int i = 0; i < CASE_ROLE_COUNT; i++) {
    if (pFrom->mRoles & case_role_bit((CaseRole)i)) eFound = i, nFound++;
  }
  return nFound == 1 ? eFound : CASE_ROLE_SOCIAL_WORKER;
}

/* The ids of the comma-separated usernames of zList; -1 after printing
** an unknown one. */
static int handover_users(Db *db, Arena *a, int64_t iAgency, const char *zList, int64_t *aiTo,
                          int *pnTo) {
  int n = 0;
  for (const char *z = zList; *z && n < HANDOVER_TO_MAX + 1;) {
    size_t nItem = strcspn(z, ",");
    size_t nTrim;
    const char *zName = domain_trim(arena_strndup(a, z, nItem), &nTrim);
    z += nItem + (z[nItem] == ',');
    if (!nTrim) continue;
    User u;
    zName = arena_strndup(a, zName, nTrim);
    if (user_get_by_name(db, a, zName, &u) || u.iAgency != iAgency) {
      fprintf(stderr, "ali: --to: no account %s in this agency\n", zName);
      return -1;
    }
    aiTo[n++] = u.id;
  }
  *pnTo = n;
  return 0;
}

static void handover_print(const HandoverPlan *p, int bDryRun) {
  printf("%s %d case(s) of %s (%s):\n", bDryRun ? "would hand over" : "handed over", p->nItem,
         p->from.zUsername, case_role_code(p->eRole));
  const char **az = NULL;
  Arena a = ARENA_INIT;
  az = arena_alloc(&a, sizeof *az * 4 * (size_t)(p->nItem + 1));
  az[0] = "CASE", az[1] = "REF", az[2] = "PARTICIPANT", az[3] = "TO";
  for (int i = 0; i < p->nItem; i++) {
    const HandoverItem *pI = &p->aItem[i];
    const char **azRow = az + 4 * (i + 1);
    azRow[0] = arena_printf(&a, "%lld", (long long)pI->iCase);
    azRow[1] = pI->zPersonRef;
    azRow[2] = arena_printf(&a, "%s %s", pI->zLastName, pI->zFirstName);
    azRow[3] = p->aTo[pI->iTo].zUsername;
  }
  if (p->nItem) cli_print_table(az, p->nItem + 1, 4);
  for (int k = 0; k < p->nTo; k++) {
    int n = 0;
    for (int i = 0; i < p->nItem; i++) n += p->aItem[i].iTo == k;
    printf("  %s: %d\n", p->aTo[k].zUsername, n);
  }
  arena_free(&a);
}

/* Apply the plan and audit each case, in one transaction. */
static int handover_write(Db *db, Arena *a, int64_t iAgency, const HandoverPlan *p) {
  Errors e = {.n = 0};
  char zUser[128];
  audit_cli_username(zUser, sizeof zUser);
  int rc = db_begin(db);
  if (!rc) rc = handover_apply(db, a, iAgency, p, 0, &e);
  for (int i = 0; !rc && i < p->nItem; i++) {
    AuditEntry en = {.iAgency = iAgency,
                     .zUsername = zUser,
                     .zAction = "handover",
                     .zEntity = "case",
                     .iEntityId = p->aItem[i].iCase,
                     .iPerson = p->aItem[i].iPerson,
                     .zDetail = handover_audit_detail(a, p, i)};
    rc = audit_append(db, &en);
  }
  if (!rc) rc = db_commit(db);
  if (rc) {
    db_rollback(db);
    for (int i = 0; i < e.n; i++) fprintf(stderr, "ali: %s: %s\n", e.a[i].zField, e.a[i].zMsg);
    if (!e.n) fprintf(stderr, "ali: cannot hand over: %s\n", db_errmsg(db));
  }
  return rc ? 1 : 0;
}

static int handover_run(Db *db, int64_t iAgency, const char *zFrom, const HandoverOpts *o) {
  Arena a = ARENA_INIT;
  User from;
  int64_t aiTo[HANDOVER_TO_MAX + 1];
  int nTo = 0, rc = 1, eRole;
  HandoverPlan plan;
  Errors e = {.n = 0};
  if (user_get_by_name(db, &a, zFrom, &from) || from.iAgency != iAgency) {
    fprintf(stderr, "ali: no account %s in this agency\n", zFrom);
  } else if ((eRole = handover_role(o, &from)) >= 0 &&
             handover_users(db, &a, iAgency, o->zTo, aiTo, &nTo) == 0) {
    int rcPlan =
        handover_plan(db, &a, iAgency, from.id, (CaseRole)eRole, aiTo, nTo, o->zNote, &plan, &e);
    for (int i = 0; i < e.n; i++) fprintf(stderr, "ali: %s: %s\n", e.a[i].zField, e.a[i].zMsg);
    if (rcPlan && !e.n) fprintf(stderr, "ali: cannot read the cases: %s\n", db_errmsg(db));
    if (!rcPlan) rc = o->bDryRun || !plan.nItem ? 0 : handover_write(db, &a, iAgency, &plan);
    if (!rcPlan && !rc) handover_print(&plan, o->bDryRun);
  }
  arena_free(&a);
  return rc;
}

int cmd_handover(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  HandoverOpts o;
  if (handover_parse(argc, argv, &o)) return 2;
  const char *zFrom = argv[optind];
  Db *db = cli_open(cli_db_url(o.zDb));
  if (!db) return 1;
  int64_t iAgency = cli_agency(db, o.zAgency, NULL, 0);
  int rc = iAgency ? handover_run(db, iAgency, zFrom, &o) : 1;
  db_close(db);
  return rc;
}
