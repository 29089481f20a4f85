/*
** cmd.h — the subcommands (one file each: cmd_<name>.c) and the helpers
** they share.  Each command takes argc/argv from after its name, prints
** what went wrong on stderr, and returns the process exit status.
*/
#ifndef ALI_CMD_H
#define ALI_CMD_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"

int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_round(int argc, char **argv);
int cmd_stream(int argc, char **argv);

/* Shared steps: apply migrations (cmd_init.c); create the agency and its
** catalogue in one transaction (cmd_init.c); serve a database until a
** signal (cmd_serve.c).  Each returns an exit status. */
int init_schema(Db *db, const char *zUrl, int bQuiet);
int init_agency(Db *db, const char *zCode, const char *zName, int64_t *piAgency);
int serve_database(const char *zUrl, const char *zListen, int nThread);

/* The database named by --db, else $ALI_DB, else "ali.db". */
const char *cli_db_url(const char *zOption);
/* Opens zUrl and checks the schema is current; prints why not and
** returns NULL on failure. */
Db *cli_open(const char *zUrl);
/* The id of the agency with code zCode (NULL: the first one), its name
** copied to zName (may be NULL); 0 after printing an error if none. */
int64_t cli_agency(Db *db, const char *zCode, char *zName, size_t nName);
/* True when --help or -h is among the arguments: print zUsage, exit 0. */
int cli_wants_help(int argc, char **argv, const char *zUsage);
/* A progress bar on stderr, only when stderr is a terminal. */
void cli_progress(const char *zWhat, int64_t iDone, int64_t nTotal);

#endif
