/*
** req.h — one HTTP request as handlers see it, and the route table.
**
** Every handler takes one Req *: its arena (freed when the response is
** queued), the worker thread's database connection, the validated path
** parameters, the parsed body, the language, and the output being built.
** Handlers never free anything and never touch libmicrohttpd.
**
** The dispatcher (router.c) does, before any handler runs: route lookup,
** method check, body size cap, body parsing (urlencoded forms, JSON for
** /api/), language; and around every write (any method but GET/HEAD) one
** database transaction, committed if the handler answered < 400 and
** rolled back otherwise.
*/
#ifndef ALI_REQ_H
#define ALI_REQ_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../domain/audit.h"
#include "../domain/policy.h"
#include "../domain/user.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/errors.h"

typedef struct Req Req;
typedef void (*Handler)(Req *r);

enum { ROUTE_HTML = 1, ROUTE_JSON = 2 };
/* A route that takes a file (receipts): ROUTE_UPLOAD added to its kind.
** ROUTE_HTML_UPLOAD: a form sent as multipart/form-data (multipart.h),
** its text fields in azForm like any form, its file in pUpload;
** ROUTE_JSON_UPLOAD: the file is the raw body (zBody, nBody) with its
** own Content-Type, read by the handler.  Test kinds with & ROUTE_JSON. */
enum { ROUTE_UPLOAD = 4, ROUTE_HTML_UPLOAD = ROUTE_HTML | ROUTE_UPLOAD,
       ROUTE_JSON_UPLOAD = ROUTE_JSON | ROUTE_UPLOAD };

/* One line of the route table (routes.c). */
typedef struct Route {
  const char *zMethod;  /* "GET", "POST", "PATCH", ... */
  const char *zPattern; /* "/people/{id}"; "{id}" matches a positive integer,
                        ** a final "*" matches any rest of the path */
  Handler xHandler;
  int eKind;            /* ROUTE_HTML or ROUTE_JSON: how errors are answered */
  size_t nBodyMax;      /* largest body accepted, bytes; 0 = none */
  Cap eCap;             /* what the caller must be allowed (policy.h) */
} Route;

extern const Route aRoute[]; /* ends with a zMethod == NULL entry */

#define REQ_MAX_ID 4
#define REQ_MAX_HEADER 6

struct Req {
  Arena a;
  Db *db;
  void *pConn;            /* struct MHD_Connection *, for request.c only */
  const Route *pRoute;
  const char *zMethod, *zPath;
  int64_t aId[REQ_MAX_ID]; /* the {id}s of the path, in order */
  int nId;
  const char *zRest;      /* what a trailing "*" matched */
  const char *zBody;      /* raw body, NUL-terminated; NULL when none */
  size_t nBody;
  const char **azForm;    /* urlencoded body: name, value, name, value... */
  int nForm;
  json_t *pJson;          /* JSON body (an object) for API writes; else NULL */
  int iLang;              /* LANG_IT or LANG_EN */
  int64_t iAgency;        /* the agency whose data this request sees */
  const char *zAgencyName;
  /* who is asking: auth.c fills these before a non-public handler runs */
  User user;              /* the caller; user.id == 0 when anonymous */
  int64_t iSession;       /* the browser session; 0 with a bearer token */
  const char *zCsrf;      /* the session's CSRF token, for forms */
  const char *zAddress;   /* the client's address */
  int bInTransaction;     /* a write: audit entries go in its transaction */
  int bKeepWrites;        /* commit even though the answer is >= 400 (a
                          ** failed login must still count for throttling) */
  AuditEntry *aAudit;     /* entries of a read, written after the handler */
  int nAudit;
  /* the response */
  int iStatus;
  Buf out;
  const char *zContentType;
  const char *azHeader[2 * REQ_MAX_HEADER]; /* extra headers: name, value */
  int nHeader;
  const unsigned char *pStatic; /* a body served from the binary, not out */
  size_t nStatic;
  Errors err;             /* field errors of a submitted form or body */
  /* the form being written (layout.c: form_begin, form_scope) */
  const char *zFormScope; /* NULL, or the scope of its field ids: "f-SCOPE-NAME" */
  int bFormQuiet;         /* 1: not the submitted form; err is not shown in it */
  const struct MultipartFile *pUpload; /* ROUTE_HTML_UPLOAD: the file sent, or NULL */
};

/* request.c — inputs */
const char *req_query(Req *r, const char *zName);  /* ?name=; NULL if absent */
const char *req_form(Req *r, const char *zName);   /* urlencoded body field */
const char *req_header(Req *r, const char *zName);
const char *req_cookie(Req *r, const char *zName);
int req_form_parse(Req *r); /* splits zBody into azForm; 0 or -1 if malformed */
int64_t req_query_int(Req *r, const char *zName, int64_t iDflt, int64_t iMin, int64_t iMax);

/* trail.c — the audit entries of a request.  In a write they are appended
** in its transaction at once (a "denied" entry excepted: the write will
** be rolled back, so it is kept for after); in a read they are written
** right after the handler, and the answer is replaced by an error if that fails (no
** special-category data leaves unless its reading was recorded).
** zDetail is JSON or NULL; strings are copied. */
void req_audit(Req *r, const char *zAction, const char *zEntity, int64_t iEntity,
               int64_t iPerson, const char *zDetail);
int req_audit_flush(Req *r); /* router.c: 0, or -1 after answering 503 */
void req_audit_failed(Req *r); /* the entries could not be written: 503 */
/* The entry of a person just created (pBefore NULL) or changed: the
** fields that differ between pBefore and the stored person id. */
struct Person;
void req_audit_person(Req *r, const struct Person *pBefore, int64_t id);

/* auth.c — who is asking */
int auth_identify(Req *r);   /* 1 when a live session or token names a user */
const char *auth_address(Req *r); /* the client's address (router.c sets zAddress) */
int auth_csrf_ok(Req *r);    /* 1 when a write may proceed (token or bearer) */
/* The session cookie: set at login, cleared at logout. */
void auth_cookie_set(Req *r, const char *zSecret);
void auth_cookie_clear(Req *r);
/* 1 if the caller has the capability (and is logged in unless public). */
int auth_can(Req *r, Cap eCap);

/* response.c — outputs */
void req_header_add(Req *r, const char *zName, const char *zValue);
void req_redirect(Req *r, const char *zLocation); /* 303 See Other */
/* {"error": {"code": zCode, "message": zMsg, "fields": {...r->err}}} */
void req_json_error(Req *r, int iStatus, const char *zCode, const char *zMsg);
/* An error page or JSON error, by the route's kind (or the path). */
void req_error(Req *r, int iStatus, const char *zMsg);
void req_json_begin(Req *r, int iStatus); /* sets status and content type */

#endif
