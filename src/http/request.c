/*
** request.c — reading a request's inputs: query string, form body,
** headers, cookies (see req.h).  The urlencoded parser is ours rather
** than libmicrohttpd's PostProcessor, the source of most of its CVEs.
*/
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "req.h"

const char *req_query(Req *r, const char *zName) {
  return MHD_lookup_connection_value(r->pConn, MHD_GET_ARGUMENT_KIND, zName);
}

const char *req_header(Req *r, const char *zName) {
  return r->pConn ? MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, zName) : 0;
}

const char *req_cookie(Req *r, const char *zName) {
  return r->pConn ? MHD_lookup_connection_value(r->pConn, MHD_COOKIE_KIND, zName) : 0;
}

int64_t req_query_int(Req *r, const char *zName, int64_t iDflt, int64_t iMin, int64_t iMax) {
  const char *z = req_query(r, zName);
  if (!z || !*z) return iDflt;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  if (*zEnd) return iDflt;
  return v < iMin ? iMin : v > iMax ? iMax : v;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes n bytes of application/x-www-form-urlencoded into the arena;
** NULL when an escape is malformed or decodes to a NUL byte. */
static char *form_decode(Arena *a, const char *z, size_t n) {
  char *zOut = arena_alloc(a, n + 1), *p = zOut;
  for (size_t i = 0; i < n; i++) {
    if (z[i] == '+') {
      *p++ = ' ';
    } else if (z[i] == '%') {
      if (i + 2 >= n) return 0;
      int hi = hex_value(z[i + 1]), lo = hex_value(z[i + 2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return 0;
      *p++ = (char)(hi * 16 + lo);
      i += 2;
    } else {
      *p++ = z[i];
    }
  }
  *p = 0;
  return zOut;
}

#define FORM_MAX_FIELDS 256

int req_form_parse(Req *r) {
  const char *z = r->zBody, *zEnd = r->zBody + r->nBody;
  r->azForm = arena_alloc(&r->a, 2 * FORM_MAX_FIELDS * sizeof(char *));
  r->nForm = 0;
  while (z < zEnd) {
    const char *zAmp = memchr(z, '&', (size_t)(zEnd - z));
    if (!zAmp) zAmp = zEnd;
    const char *zEq = memchr(z, '=', (size_t)(zAmp - z));
    if (zAmp > z) {
      if (r->nForm >= FORM_MAX_FIELDS) return -1;
      const char *zNameEnd = zEq ? zEq : zAmp;
      char *zName = form_decode(&r->a, z, (size_t)(zNameEnd - z));
      char *zValue = zEq ? form_decode(&r->a, zEq + 1, (size_t)(zAmp - zEq - 1)) : "";
      if (!zName || !zValue) return -1;
      r->azForm[2 * r->nForm] = zName;
      r->azForm[2 * r->nForm + 1] = zValue;
      r->nForm++;
    }
    z = zAmp + 1;
  }
  return 0;
}

const char *req_form(Req *r, const char *zName) {
  for (int i = 0; i < r->nForm; i++) {
    if (strcmp(r->azForm[2 * i], zName) == 0) return r->azForm[2 * i + 1];
  }
  return 0;
}
