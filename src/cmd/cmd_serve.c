/*
** cmd_serve.c — `ali serve`: checks the database, then serves the web UI
** and the API until SIGINT/SIGTERM.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "../http/server.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali serve [--db PATH|postgresql://URL] [--listen HOST:PORT] [--threads N]\n"
    "                 [--secure-cookies] [--idle-minutes N] [--session-hours N]\n"
    "                 [--files DIR]\n\n"
    "Serves the web UI and the JSON API (default 127.0.0.1:8080, or $ALI_LISTEN).\n"
    "  --secure-cookies   the session cookie is Secure and __Host- prefixed: use it\n"
    "                     when TLS ends at a reverse proxy in front of ali\n"
    "  --idle-minutes N   a session ends after N idle minutes (default 30)\n"
    "  --session-hours N  and N hours after login in any case (default 12)\n"
    "  --files DIR        where uploaded receipts are kept, outside any published\n"
    "                     directory (default: PATH.files beside a SQLite database,\n"
    "                     or $ALI_FILES; with PostgreSQL, none unless given)\n";

/* The files directory: --files, else $ALI_FILES, else "PATH.files" beside
** a SQLite database PATH; NULL for PostgreSQL without either (receipts
** are then refused).  The string is static or an argument's. */
static const char *serve_files_dir(const char *zOption, const char *zDbUrl) {
  static char zDefault[4096];
  if (zOption && *zOption) return zOption;
  const char *zEnv = getenv("ALI_FILES");
  if (zEnv && *zEnv) return zEnv;
  if (strncmp(zDbUrl, "postgres", 8) == 0) return 0;
  snprintf(zDefault, sizeof zDefault, "%s.files", zDbUrl);
  return zDefault;
}

int serve_database(ServerConfig *pCfg) {
  char zErr[256];
  pCfg->zFilesDir = serve_files_dir(pCfg->zFilesDir, pCfg->zDbUrl);
  if (pCfg->zFilesDir && mkdir(pCfg->zFilesDir, 0700) && errno != EEXIST) {
    fprintf(stderr, "ali: cannot create the files directory %s: %s\n", pCfg->zFilesDir,
            strerror(errno));
    return 1;
  }
  struct sockaddr_storage addr;
  if (server_parse_listen(pCfg->zListen, &addr, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s\n", zErr);
    return 2;
  }
  Db *db = cli_open(pCfg->zDbUrl);
  if (!db) return 1;
  int64_t nUser = db_int(db, 0, "SELECT count(*) FROM app_user WHERE active=1", "");
  printf("ali: %s database %s\n", db_backend(db), pCfg->zDbUrl);
  db_close(db);
  if (!nUser)
    fprintf(stderr, "ali: warning: no active account yet: add one with"
                    " 'ali user add NAME --role admin'\n");
  return server_run(pCfg);
}

static int positive(const char *z, const char *zOpt) {
  char *zEnd;
  long v = strtol(z, &zEnd, 10);
  if (*zEnd || v < 1 || v > 100000) {
    fprintf(stderr, "ali: %s wants a positive number (got '%s')\n", zOpt, z);
    return -1;
  }
  return (int)v;
}

int cmd_serve(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {
      {"db", required_argument, 0, 'd'},           {"listen", required_argument, 0, 'l'},
      {"threads", required_argument, 0, 't'},      {"secure-cookies", no_argument, 0, 's'},
      {"idle-minutes", required_argument, 0, 'i'}, {"session-hours", required_argument, 0, 'h'},
      {"files", required_argument, 0, 'f'},        {0, 0, 0, 0}};
  const char *zDb = 0, *zListen = getenv("ALI_LISTEN");
  ServerConfig cfg = {0};
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    switch (c) {
      case 'd': zDb = optarg; break;
      case 'l': zListen = optarg; break;
      case 't': cfg.nThread = atoi(optarg); break;
      case 's': cfg.bSecureCookies = 1; break;
      case 'f': cfg.zFilesDir = optarg; break;
      case 'i':
        if ((cfg.nIdleSeconds = positive(optarg, "--idle-minutes")) < 0) return 2;
        cfg.nIdleSeconds *= 60;
        break;
      case 'h':
        if ((cfg.nAbsoluteSeconds = positive(optarg, "--session-hours")) < 0) return 2;
        cfg.nAbsoluteSeconds *= 3600;
        break;
      default: fputs(zUsage, stderr); return 2;
    }
  }
  cfg.zDbUrl = cli_db_url(zDb);
  cfg.zListen = zListen && *zListen ? zListen : "127.0.0.1:8080";
  return serve_database(&cfg);
}
