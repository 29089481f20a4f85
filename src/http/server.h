/*
** server.h — the HTTP server: libmicrohttpd with a pool of worker threads,
** one database connection per worker, graceful stop on SIGINT/SIGTERM.
*/
#ifndef ALI_SERVER_H
#define ALI_SERVER_H
#include <stdint.h>

#include "../db/db.h"

typedef struct ServerConfig ServerConfig;
struct ServerConfig {
  const char *zDbUrl;   /* every worker opens its own connection to it */
  const char *zListen;  /* "127.0.0.1:8080", "[::1]:8080", "localhost:8080" */
  int nThread;          /* worker threads; 0 = one per core */
  int bSecureCookies;   /* Secure, __Host- cookies (TLS at the proxy) */
  int nIdleSeconds;     /* session idle timeout (default 30 min) */
  int nAbsoluteSeconds; /* session absolute timeout (default 12 h) */
  const char *zDemoPassword; /* demo mode only: the login page lists the
                        ** accounts and this, their shared password */
  const char *zFilesDir; /* where receipts are kept (receipt.h); NULL:
                        ** none can be stored */
};

/* Read-only after server_run() starts: the configuration it runs with. */
extern const ServerConfig *pServerConfig;

/* Serves until SIGINT or SIGTERM, then lets requests in flight finish.
** Returns 0, or 1 after printing why it could not start. */
int server_run(const ServerConfig *pConfig);

/* The calling worker thread's database connection (opened on first use,
** closed when the thread ends); NULL with a message on stderr on failure. */
Db *server_db(void);

/* Parses zListen into a socket address; 0 or -1 with zErr set. */
struct sockaddr_storage;
int server_parse_listen(const char *zListen, struct sockaddr_storage *pAddr,
                        char *zErr, unsigned nErr);
int server_is_loopback(const struct sockaddr_storage *pAddr);

#endif
