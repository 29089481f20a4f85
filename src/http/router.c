/*
** router.c — the dispatcher: finds the route, checks the method and the
** body, parses it, sets the language, runs the handler inside one
** transaction when it writes, and queues the response.  Handlers trust
** what it hands them (req.h).
*/
#include "router.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/i18n.h"
#include "../lib/mem.h"
#include "audit_writer.h"
#include "server.h"
#include "multipart.h"

static int is_write(const char *zMethod) {
  return strcmp(zMethod, "GET") != 0 && strcmp(zMethod, "HEAD") != 0;
}

/* A positive decimal id without sign, leading zeros or overflow. */
static int parse_id(const char *z, size_t n, int64_t *pId) {
  if (n == 0 || n > 18 || z[0] == '0') return 0;
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    v = v * 10 + (z[i] - '0');
  }
  *pId = v;
  return 1;
}

int router_match(const char *zPattern, const char *zPath, Req *r) {
  int nId = 0;
  while (*zPattern) {
    if (zPattern[0] == '*') {
      if (r) r->zRest = zPath;
      return 1;
    }
    if (strncmp(zPattern, "{id}", 4) == 0) {
      size_t n = strcspn(zPath, "/."); /* "/statements/{id}.pdf" */
      int64_t iId;
      if (!parse_id(zPath, n, &iId) || nId >= REQ_MAX_ID) return 0;
      if (r) r->aId[nId] = iId;
      nId++;
      zPattern += 4;
      zPath += n;
      continue;
    }
    if (*zPattern != *zPath) return 0;
    zPattern++;
    zPath++;
  }
  if (*zPath) return 0;
  if (r) r->nId = nId;
  return 1;
}

/* The route for zMethod zPath; *pbPathKnown says whether any method has it. */
static const Route *route_find(const char *zMethod, const char *zPath, int *pbPathKnown) {
  if (strcmp(zMethod, "HEAD") == 0) zMethod = "GET";
  *pbPathKnown = 0;
  for (const Route *p = aRoute; p->zMethod; p++) {
    if (!router_match(p->zPattern, zPath, 0)) continue;
    *pbPathKnown = 1;
    if (strcmp(p->zMethod, zMethod) == 0) return p;
  }
  return 0;
}

size_t router_body_limit(const char *zMethod, const char *zUrl) {
  int bKnown;
  const Route *p = route_find(zMethod, zUrl, &bKnown);
  return p ? p->nBodyMax : 0;
}

/* ---- queueing the response ---- */

static void free_buf(void *p) { free(p); }

static enum MHD_Result queue(struct MHD_Connection *c, Req *r) {
  struct MHD_Response *pResp;
  if (r->pStatic) {
    pResp = MHD_create_response_from_buffer(r->nStatic, (void *)r->pStatic,
                                            MHD_RESPMEM_PERSISTENT);
  } else {
    /* hand the Buf's memory to libmicrohttpd: no copy */
    pResp = MHD_create_response_from_buffer_with_free_callback(r->out.n, r->out.z, free_buf);
    r->out.z = 0;
    r->out.n = r->out.cap = 0;
  }
  if (!pResp) return MHD_NO;
  if (r->zContentType) MHD_add_response_header(pResp, "Content-Type", r->zContentType);
  for (int i = 0; i < r->nHeader; i++) {
    MHD_add_response_header(pResp, r->azHeader[2 * i], r->azHeader[2 * i + 1]);
  }
  MHD_add_response_header(pResp, "X-Content-Type-Options", "nosniff");
  if (!r->pStatic) {
    MHD_add_response_header(pResp, "Cache-Control", "no-store");
    MHD_add_response_header(pResp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(pResp, "X-Frame-Options", "DENY");
    MHD_add_response_header(pResp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self';"
                            " font-src 'self'; script-src 'self'; frame-ancestors 'none'");
  }
  enum MHD_Result rc = MHD_queue_response(c, (unsigned)r->iStatus, pResp);
  MHD_destroy_response(pResp);
  return rc;
}

enum MHD_Result router_too_big(struct MHD_Connection *c, const char *zUrl) {
  Req r = {0};
  r.zPath = zUrl;
  r.pConn = c;
  r.iLang = i18n_lang(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
  req_error(&r, 413, "The request body is too large.");
  enum MHD_Result rc = queue(c, &r);
  buf_free(&r.out);
  arena_free(&r.a);
  return rc;
}

/* ---- body parsing ---- */

static const char *content_type(Req *r) {
  const char *z = req_header(r, "Content-Type");
  return z ? z : "";
}

/* A form with a file (multipart.h): its text fields become the form's,
** the file r->pUpload.  0, or 400 answered. */
static int parse_multipart(Req *r) {
  Multipart m;
  const char *zErr;
  if (multipart_parse(req_header(r, "Content-Type"), r->zBody, r->nBody, &r->a, &m, &zErr)) {
    req_error(r, 400, zErr);
    return -1;
  }
  r->azForm = m.azField;
  r->nForm = m.nField;
  if (m.file.zField) {
    MultipartFile *p = arena_alloc(&r->a, sizeof *p);
    *p = m.file;
    r->pUpload = p;
  }
  return 0;
}

/* Parses the body the route expects; 0, or an error already answered. */
static int parse_body(Req *r) {
  if (!r->zBody || !r->nBody) return 0;
  if (r->pRoute->eKind == ROUTE_JSON_UPLOAD) return 0; /* the handler reads the raw body */
  if (r->pRoute->eKind == ROUTE_HTML_UPLOAD) return parse_multipart(r);
  if (r->pRoute->eKind == ROUTE_JSON) {
    if (strncmp(content_type(r), "application/json", 16) != 0) {
      req_json_error(r, 415, "unsupported_media_type", "Send the body as application/json.");
      return -1;
    }
    json_error_t e;
    r->pJson = json_loadb(r->zBody, r->nBody, JSON_REJECT_DUPLICATES, &e);
    if (!r->pJson || !json_is_object(r->pJson)) {
      char *zMsg = r->pJson ? "The body must be a JSON object."
                            : arena_printf(&r->a, "Malformed JSON at line %d, column %d: %s",
                                           e.line, e.column, e.text);
      req_json_error(r, 400, "malformed_json", zMsg);
      return -1;
    }
    return 0;
  }
  if (strncmp(content_type(r), "application/x-www-form-urlencoded", 33) != 0 ||
      req_form_parse(r)) {
    req_error(r, 400, "The form could not be read.");
    return -1;
  }
  return 0;
}

/* ---- dispatch ---- */

static void req_language(Req *r) {
  const char *z = req_cookie(r, "lang");
  r->iLang = i18n_lang(z ? z : req_header(r, "Accept-Language"));
}

/* Runs a writing handler in one transaction: committed when it answered
** below 400, rolled back otherwise, so bad input leaves data as it was. */
static void run_in_transaction(Req *r) {
  if (db_begin(r->db)) {
    req_error(r, 503, "The database is busy; try again in a moment.");
    return;
  }
  r->bInTransaction = 1;
  r->pRoute->xHandler(r);
  r->bInTransaction = 0;
  if (r->iStatus >= 400 && !r->bKeepWrites) {
    db_rollback(r->db);
  } else if (db_commit(r->db)) {
    fprintf(stderr, "ali: commit failed: %s\n", db_errmsg(r->db));
    db_rollback(r->db);
    buf_reset(&r->out);
    r->nHeader = 0;
    req_error(r, 503, "The change could not be saved; try again.");
  }
}

/* Not logged in: pages go to the login page, the API answers 401. */
static void unauthenticated(Req *r) {
  if (r->pRoute->eKind & ROUTE_JSON) {
    req_header_add(r, "WWW-Authenticate", "Bearer");
    req_json_error(r, 401, "unauthenticated", "Log in, or send Authorization: Bearer TOKEN.");
    return;
  }
  req_redirect(r, arena_printf(&r->a, "/login?next=%s", r->zPath));
}

/* Logged in, but the route needs a capability the caller's roles lack. */
static void forbidden(Req *r) {
  req_audit(r, "denied", "route", 0, 0,
            arena_printf(&r->a, "{\"route\":\"%s %s\",\"needs\":\"%s\"}", r->pRoute->zMethod,
                         r->pRoute->zPattern, policy_cap_code(r->pRoute->eCap)));
  req_error(r, 403, "You are not allowed to do this.");
}

/* Checks who is asking and what they may do; 0, or -1 after answering. */
static int admit(Req *r) {
  if (r->pRoute->eCap == CAP_PUBLIC) return 0;
  if (!auth_identify(r)) {
    unauthenticated(r);
    return -1;
  }
  if (!policy_allows(r->user.mRoles, r->pRoute->eCap)) {
    forbidden(r);
    return -1;
  }
  return 0;
}

static void run(Req *r) {
  int bKnown;
  r->pRoute = route_find(r->zMethod, r->zPath, &bKnown);
  if (!r->pRoute) {
    req_error(r, bKnown ? 405 : 404, bKnown ? "This method is not allowed here." : "Page not found.");
    return;
  }
  router_match(r->pRoute->zPattern, r->zPath, r);
  r->db = server_db();
  if (!r->db) {
    req_error(r, 503, "The database is not reachable.");
    return;
  }
  db_read_begin(r->db); /* ended by a write, else by router_dispatch */
  r->zAddress = auth_address(r);
  if (admit(r) || parse_body(r)) return;
  if (is_write(r->zMethod) && r->pRoute->eCap != CAP_PUBLIC && !auth_csrf_ok(r)) {
    req_audit(r, "denied", "csrf", 0, 0, 0);
    req_error(r, 403, "This form has expired. Reload the page and try again.");
    return;
  }
  if (is_write(r->zMethod)) run_in_transaction(r);
  else r->pRoute->xHandler(r);
}

/* Queues the response of r and frees r's memory. */
static enum MHD_Result respond(struct MHD_Connection *c, Req *r) {
  enum MHD_Result rc = queue(c, r);
  json_decref(r->pJson);
  buf_free(&r->out);
  arena_free(&r->a);
  return rc;
}

/* A response held while the audit writer commits its entries. */
typedef struct Held {
  Req r;
  int rc; /* the writer's result */
} Held;

enum MHD_Result router_dispatch(struct MHD_Connection *c, const char *zMethod, const char *zUrl,
                                const char *zBody, size_t nBody, void **ppHeld) {
  Req r = {0};
  r.pConn = c;
  r.zMethod = zMethod;
  r.zPath = zUrl;
  r.zBody = zBody;
  r.nBody = nBody;
  r.iStatus = 200;
  req_language(&r);
  run(&r);
  if (!r.db) return respond(c, &r);
  db_read_end(r.db);
  if (r.nAudit) { /* entries of a read, or of a refusal */
    Held *h = xmalloc(sizeof *h);
    h->r = r;
    h->rc = 0;
    if (audit_writer_submit(c, h->r.aAudit, h->r.nAudit, &h->rc) == 0) {
      *ppHeld = h; /* router_resume answers */
      return MHD_YES;
    }
    free(h);
    req_audit_flush(&r); /* no writer: here and now */
  }
  return respond(c, &r);
}

enum MHD_Result router_resume(struct MHD_Connection *c, void *pHeld) {
  Held *h = pHeld;
  if (h->rc) req_audit_failed(&h->r);
  enum MHD_Result rc = respond(c, &h->r);
  free(h);
  return rc;
}

void router_held_free(void *pHeld) {
  Held *h = pHeld;
  json_decref(h->r.pJson);
  buf_free(&h->r.out);
  arena_free(&h->r.a);
  free(h);
}
