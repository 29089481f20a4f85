/*
** cmd_export.c — `ali export microdata`: pseudonymised microdata for
** evaluators (src/report/microdata.h), written as two CSV files.
**
**   ali export microdata (--key KEYFILE | --key-env VAR) [--round CODE]
**                        --output DIR [--db URL] [--agency CODE]
**
** The key is the content of KEYFILE (one trailing line end dropped) or
** of the environment variable VAR, at least 32 bytes; it is never stored
** nor printed, and the same key gives the same pseudonyms.  DIR is
** created (mode 0700) when missing; participants.csv and
** interventions.csv are written in it (mode 0600), replacing earlier
** ones.  The export is audited in one transaction with the profiles at
** entry it may write first: action "export", entity "microdata", the
** round and the row counts, by "cli:LOGIN".  The files are written to
** temporary names and renamed once the audit entry is committed, so
** that no export leaves the machine unrecorded.  Exit status 0, 1 (data,
** files, database), 2 (the command line, a short key).
*/
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../domain/audit.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../report/microdata.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali export microdata (--key KEYFILE | --key-env VAR) [--round CODE]\n"
    "                            --output DIR [--db URL] [--agency CODE]\n\n"
    "Writes pseudonymised microdata for evaluators into DIR: participants.csv (one\n"
    "row per participation) and interventions.csv (one row per intervention),\n"
    "without names, codici fiscali, addresses, birth dates or free text.\n"
    "  --key KEYFILE   the export key: the file's content (at least 32 bytes),\n"
    "                  e.g. made with: openssl rand -hex 32 > KEYFILE\n"
    "  --key-env VAR   the export key from environment variable VAR instead\n"
    "  --round CODE    one round (default: every round)\n"
    "  --output DIR    where to write the two files (created if missing)\n"
    "The same key gives every person the same pseudonym; another key, others.\n"
    "The key is never stored.  The export is recorded in the audit trail.\n";

#define KEY_MAX 4096

typedef struct ExportOpts {
  const char *zDb, *zAgency, *zKeyFile, *zKeyEnv, *zRound, *zOutput;
} ExportOpts;

/* Reads the key into aKey (KEY_MAX bytes): *pnKey its length.  0, or 1
** after printing why not (2 for a short key). */
static int export_key(const ExportOpts *o, unsigned char *aKey, size_t *pnKey) {
  size_t n = 0;
  if (o->zKeyEnv) {
    const char *z = getenv(o->zKeyEnv);
    if (!z) {
      fprintf(stderr, "ali: the environment variable %s is not set\n", o->zKeyEnv);
      return 1;
    }
    n = strlen(z);
    if (n > KEY_MAX) n = KEY_MAX;
    memcpy(aKey, z, n);
  } else {
    FILE *f = fopen(o->zKeyFile, "rb");
    if (!f) {
      fprintf(stderr, "ali: %s: %s\n", o->zKeyFile, strerror(errno));
      return 1;
    }
    n = fread(aKey, 1, KEY_MAX, f);
    fclose(f);
    if (n > 0 && aKey[n - 1] == '\n') n--;
    if (n > 0 && aKey[n - 1] == '\r') n--;
  }
  *pnKey = n;
  if (n < MICRODATA_KEY_MIN) {
    fprintf(stderr, "ali: the key must be at least %d bytes; this one has %zu\n",
            MICRODATA_KEY_MIN, n);
    return 2;
  }
  return 0;
}

/* The directory DIR, created if missing: 0, or 1 after printing why not. */
static int export_dir(const char *zDir) {
  struct stat st;
  if (stat(zDir, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return 0;
    fprintf(stderr, "ali: %s: not a directory\n", zDir);
    return 1;
  }
  if (mkdir(zDir, 0700) != 0) {
    fprintf(stderr, "ali: %s: %s\n", zDir, strerror(errno));
    return 1;
  }
  return 0;
}

/* Writes d as CSV to DIR/NAME.tmp (mode 0600): 0, or 1 after printing. */
static int export_write(Arena *a, const char *zDir, const char *zName, const RDoc *d) {
  const char *zPath = arena_printf(a, "%s/.%s.tmp", zDir, zName);
  Buf b = {0};
  rdoc_csv(d, &b);
  FILE *f = NULL;
  int fd = open(zPath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd >= 0) f = fdopen(fd, "wb");
  int rc = !f || fwrite(buf_str(&b), 1, b.n, f) != b.n;
  if (f && fclose(f) != 0) rc = 1;
  else if (!f && fd >= 0) close(fd);
  buf_free(&b);
  if (rc) fprintf(stderr, "ali: %s: %s\n", zPath, strerror(errno));
  return rc;
}

/* Renames DIR/.NAME.tmp to DIR/NAME (bKeep), or removes it. */
static int export_finish(Arena *a, const char *zDir, const char *zName, int bKeep) {
  const char *zTmp = arena_printf(a, "%s/.%s.tmp", zDir, zName);
  const char *zPath = arena_printf(a, "%s/%s", zDir, zName);
  if (!bKeep) {
    unlink(zTmp);
    return 0;
  }
  if (rename(zTmp, zPath) == 0) return 0;
  fprintf(stderr, "ali: %s: %s\n", zPath, strerror(errno));
  return 1;
}

/* Builds, writes and audits the export in one transaction. */
static int export_run(Db *db, int64_t iAgency, const ExportOpts *o, const unsigned char *aKey,
                      size_t nKey) {
  Arena a = ARENA_INIT;
  int64_t iRound = 0;
  if (o->zRound && !(iRound = round_find(db, iAgency, o->zRound))) {
    fprintf(stderr, "ali: no round with code '%s'\n", o->zRound);
    arena_free(&a);
    return 1;
  }
  RDoc part, iv;
  MicrodataCounts n;
  char zUser[64];
  audit_cli_username(zUser, sizeof zUser);
  int rc = db_begin(db);
  if (!rc) rc = microdata_build(db, &a, iAgency, iRound, aKey, nKey, &part, &iv, &n);
  int bFiles = !rc && !export_write(&a, o->zOutput, "participants.csv", &part) &&
               !export_write(&a, o->zOutput, "interventions.csv", &iv);
  AuditEntry e = {.iAgency = iAgency,
                  .zUsername = zUser,
                  .zAction = "export",
                  .zEntity = "microdata",
                  .zDetail = microdata_audit_detail(&a, o->zRound, &n, 1, 1)};
  if (bFiles) rc = audit_append(db, &e);
  if (bFiles && !rc) rc = db_commit(db);
  if (rc || !bFiles) {
    if (rc) fprintf(stderr, "ali: the export failed: %s\n", db_errmsg(db));
    db_rollback(db);
  }
  int bOk = bFiles && !rc;
  int rcFiles = export_finish(&a, o->zOutput, "participants.csv", bOk) |
                export_finish(&a, o->zOutput, "interventions.csv", bOk);
  if (bOk && !rcFiles) {
    printf("participants.csv: %d rows\ninterventions.csv: %d rows\n", n.nParticipants,
           n.nInterventions);
    if (n.nUnique)
      printf(
          "warning: %d participation rows are alone in their round with their gender, age band,\n"
          "origin and citizenship group: they may be recognisable (see docs/esf.md)\n",
          n.nUnique);
  }
  arena_free(&a);
  return bOk && !rcFiles ? 0 : 1;
}

static int export_parse(int argc, char **argv, ExportOpts *o) {
  static const struct option aLong[] = {
      {"db", required_argument, 0, 'd'},     {"agency", required_argument, 0, 'a'},
      {"key", required_argument, 0, 'k'},    {"key-env", required_argument, 0, 'e'},
      {"round", required_argument, 0, 'r'},  {"output", required_argument, 0, 'o'},
      {0, 0, 0, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", aLong, NULL)) != -1) {
    switch (c) {
      case 'd': o->zDb = optarg; break;
      case 'a': o->zAgency = optarg; break;
      case 'k': o->zKeyFile = optarg; break;
      case 'e': o->zKeyEnv = optarg; break;
      case 'r': o->zRound = optarg; break;
      case 'o': o->zOutput = optarg; break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  if (optind != argc - 1 || strcmp(argv[optind], "microdata") != 0) {
    fputs(zUsage, stderr);
    return 2;
  }
  if (!o->zKeyFile == !o->zKeyEnv) {
    fprintf(stderr, "ali: give the key with --key KEYFILE or --key-env VAR (one of them)\n");
    return 2;
  }
  if (!o->zOutput) {
    fprintf(stderr, "ali: --output DIR is required\n");
    return 2;
  }
  return 0;
}

int cmd_export(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  ExportOpts o = {0};
  int rc = export_parse(argc, argv, &o);
  if (rc) return rc;
  unsigned char aKey[KEY_MAX];
  size_t nKey = 0;
  rc = export_key(&o, aKey, &nKey);
  if (!rc) rc = export_dir(o.zOutput);
  Db *db = rc ? NULL : cli_open(cli_db_url(o.zDb));
  if (!rc && !db) rc = 1;
  int64_t iAgency = db ? cli_agency(db, o.zAgency, NULL, 0) : 0;
  if (!rc && !iAgency) rc = 1;
  if (!rc) rc = export_run(db, iAgency, &o, aKey, nKey);
  sodium_memzero(aKey, sizeof aKey);
  db_close(db);
  return rc;
}
