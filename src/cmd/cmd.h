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
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_handover(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_municipality(int argc, char **argv);

/* Shared steps: apply migrations (cmd_init.c); create the agency and its
** catalogue in one transaction (cmd_init.c); serve a database until a
** signal (cmd_serve.c).  Each returns an exit status. */
int init_schema(Db *db, const char *zUrl, int bQuiet);
int init_agency(Db *db, const char *zCode, const char *zName, int64_t *piAgency);
struct ServerConfig;
int serve_database(struct ServerConfig *pCfg);

/* Passwords for `ali user` and `ali init` (cmd_user.c).  The password
** for account zUser into zOut (nOut bytes): the first and only line of
** zFile ("-": standard input) when zFile is not NULL, else asked twice
** without echo when standard input is a terminal (re-asked, up to three
** times, until the two agree and the policy accepts it).  0, or 1 after
** printing why not. */
int cmd_user_password(const char *zFile, const char *zUser, char *zOut, size_t nOut);
/* Prints zPrompt on stderr and reads a line of the terminal (echoed)
** into zOut, without its line ending.  0, or 1 at end of input. */
int cmd_user_ask(const char *zPrompt, char *zOut, size_t nOut);

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
/* Prints rows of nCol strings (row-major, the header first) as columns
** two spaces apart, each padded to its widest cell in characters; the
** last column is not padded.  nCol <= CLI_TABLE_MAX_COL. */
#define CLI_TABLE_MAX_COL 12
void cli_print_table(const char *const *az, int nRow, int nCol);
/* A progress bar on stderr, only when stderr is a terminal. */
void cli_progress(const char *zWhat, int64_t iDone, int64_t nTotal);
/* Runs `ali NOUN add CODE | list` once its options are parsed (the verb
** and CODE at argv[optind...]): opens zDb (cli_db_url), finds agency
** zAgency (cli_agency) and returns xAdd(db, iAgency, CODE, pOpts) or
** xList(db, iAgency); 1 when the database or the agency cannot be
** opened; 2 after printing zUsage for any other verb. */
int cli_add_or_list(int argc, char **argv, const char *zUsage, const char *zDb, const char *zAgency,
                    int (*xAdd)(Db *db, int64_t iAgency, const char *zCode, const void *pOpts),
                    int (*xList)(Db *db, int64_t iAgency), const void *pOpts);

#endif
