/*
** cmd_serve.c — `ali serve`: checks the database, then serves the web UI
** and the API until SIGINT/SIGTERM.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../http/server.h"
#include "cmd.h"

static const char zUsage[] =
    "usage: ali serve [--db PATH|postgresql://URL] [--listen HOST:PORT] [--threads N]\n\n"
    "Serves the web UI and the JSON API (default 127.0.0.1:8080, or $ALI_LISTEN).\n"
    "Until staff accounts exist, only loopback addresses are accepted.\n";

int serve_database(const char *zUrl, const char *zListen, int nThread) {
  char zErr[256];
  struct sockaddr_storage addr;
  if (server_parse_listen(zListen, &addr, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s\n", zErr);
    return 2;
  }
  if (!server_is_loopback(&addr)) {
    fprintf(stderr, "ali: refusing to listen on %s: without accounts the data would be open\n"
                    "     to the network; use a loopback address such as 127.0.0.1\n", zListen);
    return 2;
  }
  Db *db = cli_open(zUrl);
  if (!db) return 1;
  char zName[256];
  int64_t iAgency = cli_agency(db, 0, zName, sizeof zName);
  const char *zBackend = db_backend(db);
  db_close(db);
  if (!iAgency) return 1;
  ServerConfig cfg = {zUrl, zListen, nThread, iAgency, zName};
  printf("ali: %s database %s, agency '%s'\n", zBackend, zUrl, zName);
  return server_run(&cfg);
}

int cmd_serve(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"listen", required_argument, 0, 'l'},
                                       {"threads", required_argument, 0, 't'},
                                       {0, 0, 0, 0}};
  const char *zDb = 0, *zListen = getenv("ALI_LISTEN");
  int nThread = 0, c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    if (c == 'd') zDb = optarg;
    else if (c == 'l') zListen = optarg;
    else if (c == 't') nThread = atoi(optarg);
    else {
      fputs(zUsage, stderr);
      return 2;
    }
  }
  return serve_database(cli_db_url(zDb), zListen && *zListen ? zListen : "127.0.0.1:8080", nThread);
}
