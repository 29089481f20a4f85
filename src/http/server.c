/*
** server.c — libmicrohttpd set-up, the connection life cycle and the
** per-thread database connections (see server.h).
**
** Limits, so that one client cannot exhaust the server: a per-connection
** memory pool of 64 KiB, a per-IP connection cap, a 30 s idle timeout,
** and each route's own body cap (a larger body is refused with 413 as
** soon as its Content-Length, or its bytes, exceed it).
*/
#include "server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/mem.h"
#include "audit_writer.h"
#include "router.h"

const ServerConfig *pServerConfig;

/* ---- one database connection per worker thread ---- */

static pthread_key_t dbKey;
static pthread_once_t dbKeyOnce = PTHREAD_ONCE_INIT;

static void db_key_close(void *p) { db_close(p); }
static void db_key_make(void) { pthread_key_create(&dbKey, db_key_close); }

Db *server_db(void) {
  pthread_once(&dbKeyOnce, db_key_make);
  Db *db = pthread_getspecific(dbKey);
  if (db) return db;
  char zErr[256];
  if (db_open(pServerConfig->zDbUrl, &db, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: cannot open the database: %s\n", zErr);
    return 0;
  }
  if (db_serving(db)) {
    fprintf(stderr, "ali: cannot set up the database connection: %s\n", db_errmsg(db));
    db_close(db);
    return 0;
  }
  pthread_setspecific(dbKey, db);
  return db;
}

/* ---- connections ---- */

typedef struct Upload {
  Buf body;
  size_t nMax;    /* the route's body cap */
  int bTooBig;    /* the body exceeded nMax: answer 413 */
  size_t nDiscarded; /* bytes of a too-big body read and dropped */
  void *pHeld;       /* its answer waits for the audit writer (router.h) */
} Upload;

/* The announced Content-Length (0 when absent: chunked or no body). */
static unsigned long long content_length(struct MHD_Connection *c) {
  const char *z = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  return z ? strtoull(z, 0, 10) : 0;
}

/* A body over its cap is read and dropped, then refused with 413:
** libmicrohttpd 0.9.75 takes a response only on the first call or once the
** body is read, and answering on the first call closes the socket on
** unread bytes, which resets the client before it reads the 413.  A body
** announced over UPLOAD_DISCARD_MAX is refused at once all the same (the
** client may miss the answer); one that grows past it is dropped. */
#define UPLOAD_DISCARD_MAX (8u << 20)

static enum MHD_Result on_request(void *pCls, struct MHD_Connection *c, const char *zUrl,
                                  const char *zMethod, const char *zVersion,
                                  const char *zData, size_t *pnData, void **ppCtx) {
  (void)pCls;
  (void)zVersion;
  Upload *p = *ppCtx;
  if (!p) {
    /* First call: headers only.  Answering now would cost keep-alive
    ** (libmicrohttpd 0.9.75 then closes the connection), so just note. */
    p = xcalloc(1, sizeof(Upload));
    p->nMax = router_body_limit(zMethod, zUrl);
    unsigned long long nLength = content_length(c);
    p->bTooBig = nLength > p->nMax;
    *ppCtx = p;
    return nLength > UPLOAD_DISCARD_MAX ? router_too_big(c, zUrl) : MHD_YES;
  }
  if (*pnData) {
    if (!p->bTooBig && p->body.n + *pnData > p->nMax) {
      p->bTooBig = 1;
      buf_free(&p->body);
    }
    if (p->bTooBig) {
      p->nDiscarded += *pnData;
      if (p->nDiscarded > UPLOAD_DISCARD_MAX) return MHD_NO;
    } else {
      buf_append(&p->body, zData, *pnData);
    }
    *pnData = 0;
    return MHD_YES;
  }
  if (p->pHeld) { /* resumed by the audit writer */
    void *pHeld = p->pHeld;
    p->pHeld = 0;
    return router_resume(c, pHeld);
  }
  if (p->bTooBig) return router_too_big(c, zUrl);
  return router_dispatch(c, zMethod, zUrl, p->body.z, p->body.n, &p->pHeld);
}

static void on_completed(void *pCls, struct MHD_Connection *c, void **ppCtx,
                         enum MHD_RequestTerminationCode eCode) {
  (void)pCls;
  (void)c;
  (void)eCode;
  Upload *p = *ppCtx;
  if (!p) return;
  if (p->pHeld) router_held_free(p->pHeld);
  buf_free(&p->body);
  free(p);
  *ppCtx = 0;
}

/* ---- addresses ---- */

int server_parse_listen(const char *zListen, struct sockaddr_storage *pAddr,
                        char *zErr, unsigned nErr) {
  char zHost[256];
  const char *zColon = strrchr(zListen, ':');
  if (!zColon || zColon == zListen || (size_t)(zColon - zListen) >= sizeof zHost) {
    snprintf(zErr, nErr, "--listen wants HOST:PORT, e.g. 127.0.0.1:8080 (got '%s')", zListen);
    return -1;
  }
  const char *zHostStart = zListen;
  size_t nHost = (size_t)(zColon - zListen);
  if (zListen[0] == '[' && zColon[-1] == ']') { /* [::1]:8080 */
    zHostStart++;
    nHost -= 2;
  }
  memcpy(zHost, zHostStart, nHost);
  zHost[nHost] = 0;
  char *zEnd;
  long iPort = strtol(zColon + 1, &zEnd, 10);
  if (*zEnd || iPort < 1 || iPort > 65535) {
    snprintf(zErr, nErr, "--listen: '%s' is not a port number (1-65535)", zColon + 1);
    return -1;
  }
  struct addrinfo hints = {0}, *pRes = 0;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  if (getaddrinfo(zHost, zColon + 1, &hints, &pRes) || !pRes) {
    snprintf(zErr, nErr, "--listen: cannot resolve host '%s'", zHost);
    return -1;
  }
  memset(pAddr, 0, sizeof *pAddr);
  memcpy(pAddr, pRes->ai_addr, pRes->ai_addrlen);
  freeaddrinfo(pRes);
  return 0;
}

int server_is_loopback(const struct sockaddr_storage *pAddr) {
  if (pAddr->ss_family == AF_INET) {
    const struct sockaddr_in *p = (const struct sockaddr_in *)pAddr;
    return (ntohl(p->sin_addr.s_addr) >> 24) == 127;
  }
  if (pAddr->ss_family == AF_INET6) {
    const struct sockaddr_in6 *p = (const struct sockaddr_in6 *)pAddr;
    return IN6_IS_ADDR_LOOPBACK(&p->sin6_addr);
  }
  return 0;
}

/* ---- running ---- */

static struct MHD_Daemon *daemon_start(const ServerConfig *pConfig,
                                       const struct sockaddr_storage *pAddr) {
  unsigned nThread = pConfig->nThread > 0 ? (unsigned)pConfig->nThread
                                          : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                   MHD_ALLOW_SUSPEND_RESUME; /* audit_writer.c */
  if (pAddr->ss_family == AF_INET6) flags |= MHD_USE_IPv6;
  return MHD_start_daemon(
      flags, 0, 0, 0, on_request, 0,
      MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)pAddr,
      MHD_OPTION_THREAD_POOL_SIZE, nThread ? nThread : 1u,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
      MHD_OPTION_CONNECTION_LIMIT, 1000u,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, 256u,
      MHD_OPTION_CONNECTION_TIMEOUT, 30u,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)0,
      MHD_OPTION_END);
}

/* After the signal: stop accepting, give requests in flight up to 10 s. */
static void daemon_drain(struct MHD_Daemon *d) {
  MHD_quiesce_daemon(d);
  for (int i = 0; i < 100; i++) {
    const union MHD_DaemonInfo *p = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if (!p || p->num_connections == 0) break;
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, 0);
  }
  audit_writer_stop(); /* resumes the connections it holds, before they go */
  MHD_stop_daemon(d);
}

int server_run(const ServerConfig *pConfig) {
  char zErr[256];
  struct sockaddr_storage addr;
  if (server_parse_listen(pConfig->zListen, &addr, zErr, sizeof zErr)) {
    fprintf(stderr, "ali: %s\n", zErr);
    return 1;
  }
  pServerConfig = pConfig;
  /* Workers inherit this mask: only the main thread takes the signals. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  signal(SIGPIPE, SIG_IGN);
  audit_writer_start(pConfig->zDbUrl); /* without it, entries are written per request */
  struct MHD_Daemon *d = daemon_start(pConfig, &addr);
  if (!d) {
    audit_writer_stop();
    fprintf(stderr, "ali: cannot listen on %s (address in use?)\n", pConfig->zListen);
    return 1;
  }
  printf("ali: listening on http://%s/\n", pConfig->zListen);
  fflush(stdout);
  int iSig = 0;
  sigwait(&set, &iSig);
  fprintf(stderr, "ali: %s received, finishing requests in flight\n",
          iSig == SIGINT ? "SIGINT" : "SIGTERM");
  daemon_drain(d);
  return 0;
}
