/*
** auth.c — who is asking: bearer tokens and session cookies, the CSRF
** check, and the session cookie itself (see req.h).  What is stored
** (sessions, tokens, throttling) is in src/domain/session.c.
**
** Cookie: "ali_session", HttpOnly, SameSite=Strict, Path=/; with
** --secure-cookies (TLS ended at the proxy) it is "__Host-ali_session"
** and Secure, so no other site or subdomain can plant or read it.
*/
#include <arpa/inet.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../domain/session.h"
#include "../lib/date.h"
#include "req.h"
#include "server.h"

static const char *cookie_name(void) {
  return pServerConfig && pServerConfig->bSecureCookies ? "__Host-ali_session" : "ali_session";
}

/* The client's address as text, into the request's arena. */
const char *auth_address(Req *r) {
  const union MHD_ConnectionInfo *p =
      r->pConn ? MHD_get_connection_info(r->pConn, MHD_CONNECTION_INFO_CLIENT_ADDRESS) : 0;
  char z[INET6_ADDRSTRLEN] = "unknown";
  if (p && p->client_addr) {
    const struct sockaddr *sa = p->client_addr;
    if (sa->sa_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, z, sizeof z);
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, z, sizeof z);
  }
  return arena_strdup(&r->a, z);
}

/* The token of an "Authorization: Bearer TOKEN" header, or NULL. */
static const char *bearer_token(Req *r) {
  const char *z = req_header(r, "Authorization");
  if (!z || strncasecmp(z, "Bearer ", 7) != 0) return 0;
  z += 7;
  while (*z == ' ') z++;
  return *z ? z : 0;
}

static SessionLimits limits(void) {
  SessionLimits l = {30 * 60, 12 * 60 * 60};
  if (pServerConfig && pServerConfig->nIdleSeconds > 0) l.nIdleSeconds = pServerConfig->nIdleSeconds;
  if (pServerConfig && pServerConfig->nAbsoluteSeconds > 0)
    l.nAbsoluteSeconds = pServerConfig->nAbsoluteSeconds;
  return l;
}

int auth_identify(Req *r) {
  char zNow[21];
  timestamp_now(zNow);
  const char *zToken = bearer_token(r);
  int bFound = 0;
  if (zToken) {
    bFound = token_find(r->db, &r->a, zToken, zNow, &r->user);
  } else {
    const char *zSecret = req_cookie(r, cookie_name());
    Session s;
    SessionLimits l = limits();
    if (zSecret && session_find(r->db, &r->a, zSecret, zNow, &l, &s, &r->user)) {
      r->iSession = s.id;
      r->zCsrf = s.zCsrf;
      bFound = 1;
    }
  }
  if (!bFound) {
    memset(&r->user, 0, sizeof r->user);
    return 0;
  }
  r->iAgency = r->user.iAgency;
  r->zAgencyName = r->user.zAgencyName;
  return 1;
}

int auth_csrf_ok(Req *r) {
  if (!r->iSession) return 1; /* a bearer token: browsers never send one by themselves */
  const char *zSent = r->pRoute && (r->pRoute->eKind & ROUTE_JSON) ? req_header(r, "X-CSRF-Token")
                                                                   : req_form(r, "csrf");
  if (!zSent || !r->zCsrf || strlen(zSent) != strlen(r->zCsrf)) return 0;
  return sodium_memcmp(zSent, r->zCsrf, strlen(zSent)) == 0;
}

int auth_can(Req *r, Cap eCap) {
  if (eCap == CAP_PUBLIC) return 1;
  return r->user.id != 0 && policy_allows(r->user.mRoles, eCap);
}

void auth_cookie_set(Req *r, const char *zSecret) {
  int bSecure = pServerConfig && pServerConfig->bSecureCookies;
  req_header_add(r, "Set-Cookie",
                 arena_printf(&r->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", cookie_name(),
                              zSecret, bSecure ? "; Secure" : ""));
}

void auth_cookie_clear(Req *r) {
  int bSecure = pServerConfig && pServerConfig->bSecureCookies;
  req_header_add(r, "Set-Cookie",
                 arena_printf(&r->a, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
                              cookie_name(), bSecure ? "; Secure" : ""));
}
