/*
** multipart.c — the strict multipart/form-data reader (see multipart.h).
** Each step checks the bytes it expects and refuses anything else;
** lengths are always explicit (file bytes may hold NULs).  Characters are
** compared by explicit ASCII ranges, never by <ctype.h>.
*/
#include "multipart.h"

#include <string.h>

#include "../lib/i18n.h"

#define MP_BOUNDARY_MAX 70
#define MP_LINE_MAX 1024

static const char mp_zBad[] = N_("The form could not be read.");

static char mp_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* 1 if the n bytes at z begin with zPrefix, compared without case. */
static int mp_prefix(const char *z, size_t n, const char *zPrefix) {
  size_t k = strlen(zPrefix);
  if (n < k) return 0;
  for (size_t i = 0; i < k; i++) {
    if (mp_lower(z[i]) != mp_lower(zPrefix[i])) return 0;
  }
  return 1;
}

/* A token character of RFC 7230 (what an unquoted parameter value may hold). */
static int mp_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* A parameter list "; a=b; c=\"d\"" of n bytes at z.  Calls back for each;
** returns -1 when malformed or the callback refuses. */
typedef int (*MpParam)(void *pCtx, const char *zName, size_t nName, const char *zVal, size_t nVal);
static int mp_params(const char *z, size_t n, MpParam x, void *pCtx) {
  size_t i = 0;
  while (i < n) {
    while (i < n && z[i] == ' ') i++;
    if (i == n) break;
    if (z[i++] != ';') return -1;
    while (i < n && z[i] == ' ') i++;
    size_t iName = i;
    while (i < n && mp_tchar(z[i])) i++;
    size_t nName = i - iName;
    if (nName == 0 || i >= n || z[i++] != '=') return -1;
    const char *zVal;
    size_t nVal;
    if (i < n && z[i] == '"') {
      const char *zEnd = memchr(z + i + 1, '"', n - i - 1);
      if (!zEnd) return -1;
      zVal = z + i + 1;
      nVal = (size_t)(zEnd - zVal);
      i = (size_t)(zEnd - z) + 1;
    } else {
      zVal = z + i;
      while (i < n && mp_tchar(z[i])) i++;
      nVal = (size_t)(z + i - zVal);
      if (nVal == 0) return -1;
    }
    if (x(pCtx, z + iName, nName, zVal, nVal)) return -1;
  }
  return 0;
}

/* ---- the boundary ---- */

typedef struct MpBoundary {
  const char *z;
  size_t n;
} MpBoundary;

static int mp_boundary_param(void *pCtx, const char *zName, size_t nName, const char *zVal,
                             size_t nVal) {
  MpBoundary *b = pCtx;
  if (nName == 8 && mp_prefix(zName, nName, "boundary")) {
    if (b->z || nVal == 0 || nVal > MP_BOUNDARY_MAX) return -1;
    for (size_t i = 0; i < nVal; i++) {
      if (zVal[i] < 0x20 || zVal[i] > 0x7E) return -1;
    }
    b->z = zVal;
    b->n = nVal;
  }
  return 0; /* charset and the like are harmless */
}

static int mp_boundary(const char *zType, MpBoundary *b) {
  static const char zMedia[] = "multipart/form-data";
  if (!zType) return -1;
  size_t n = strlen(zType);
  if (!mp_prefix(zType, n, zMedia)) return -1;
  memset(b, 0, sizeof *b);
  if (mp_params(zType + sizeof zMedia - 1, n - (sizeof zMedia - 1), mp_boundary_param, b)) return -1;
  return b->z ? 0 : -1;
}

/* ---- one part's headers ---- */

typedef struct MpHead {
  const char *zName, *zFilename, *zType;
  size_t nName, nFilename, nType;
  int bDisposition;
} MpHead;

static int mp_disposition_param(void *pCtx, const char *zName, size_t nName, const char *zVal,
                                size_t nVal) {
  MpHead *h = pCtx;
  if (nName == 4 && mp_prefix(zName, nName, "name") && !h->zName) {
    h->zName = zVal;
    h->nName = nVal;
  } else if (nName == 8 && mp_prefix(zName, nName, "filename") && !h->zFilename) {
    h->zFilename = zVal;
    h->nFilename = nVal;
  } else {
    return -1;
  }
  return 0;
}

/* One header line (n bytes, no CRLF) into h; 0 or -1. */
static int mp_header(const char *z, size_t n, MpHead *h) {
  static const char zCd[] = "content-disposition:", zCt[] = "content-type:";
  if (mp_prefix(z, n, zCd)) {
    size_t i = sizeof zCd - 1;
    while (i < n && z[i] == ' ') i++;
    if (h->bDisposition || !mp_prefix(z + i, n - i, "form-data")) return -1;
    h->bDisposition = 1;
    i += 9;
    return mp_params(z + i, n - i, mp_disposition_param, h);
  }
  if (mp_prefix(z, n, zCt)) {
    size_t i = sizeof zCt - 1;
    while (i < n && z[i] == ' ') i++;
    if (h->zType || i == n) return -1;
    h->zType = z + i;
    h->nType = n - i;
    return 0;
  }
  return -1;
}

/* The headers from *pi up to the empty line; *pi after it.  0 or -1. */
static int mp_headers(const char *zBody, size_t nBody, size_t *pi, MpHead *h) {
  memset(h, 0, sizeof *h);
  size_t i = *pi;
  for (int nLine = 0;; nLine++) {
    const char *zEnd = memmem(zBody + i, nBody - i, "\r\n", 2);
    if (!zEnd || nLine > 8) return -1;
    size_t n = (size_t)(zEnd - (zBody + i));
    if (n > MP_LINE_MAX) return -1;
    if (n == 0) {
      *pi = i + 2;
      break;
    }
    for (size_t k = 0; k < n; k++) {
      if ((unsigned char)zBody[i + k] < 0x20 && zBody[i + k] != '\t') return -1;
    }
    if (mp_header(zBody + i, n, h)) return -1;
    i += n + 2;
  }
  return h->bDisposition && h->zName && h->nName >= 1 && h->nName <= 100 ? 0 : -1;
}

/* ---- the body ---- */

/* Stores part h with content z[0..n) into p; 0 or -1. */
static int mp_store(Arena *a, Multipart *p, const MpHead *h, const char *z, size_t n) {
  char *zName = arena_strndup(a, h->zName, h->nName);
  if (h->zFilename) {
    if (h->nFilename == 0 && n == 0) return 0; /* a file input left empty */
    if (p->file.zField) return -1;
    p->file.zField = zName;
    p->file.zFilename = arena_strndup(a, h->zFilename, h->nFilename);
    p->file.zType = h->zType ? arena_strndup(a, h->zType, h->nType) : NULL;
    p->file.pData = z;
    p->file.nData = n;
    return 0;
  }
  if (p->nField >= MULTIPART_MAX_FIELDS || n > MULTIPART_MAX_TEXT || memchr(z, 0, n)) return -1;
  p->azField[2 * p->nField] = zName;
  p->azField[2 * p->nField + 1] = arena_strndup(a, z, n);
  p->nField++;
  return 0;
}

int multipart_parse(const char *zContentType, const char *zBody, size_t nBody, Arena *a,
                    Multipart *p, const char **pzErr) {
  memset(p, 0, sizeof *p);
  *pzErr = mp_zBad;
  p->azField = arena_alloc(a, sizeof *p->azField * 2 * MULTIPART_MAX_FIELDS);
  MpBoundary b;
  if (mp_boundary(zContentType, &b) || !zBody) return -1;
  /* "\r\n--" + boundary: what ends each part's content */
  char zDelim[MP_BOUNDARY_MAX + 5];
  memcpy(zDelim, "\r\n--", 4);
  memcpy(zDelim + 4, b.z, b.n);
  size_t nDelim = b.n + 4;
  if (nBody < nDelim || memcmp(zBody, zDelim + 2, nDelim - 2) != 0) return -1;
  size_t i = nDelim - 2;
  for (;;) {
    if (nBody - i >= 2 && memcmp(zBody + i, "--", 2) == 0) { /* the closing delimiter */
      i += 2;
      if (nBody - i == 2 && memcmp(zBody + i, "\r\n", 2) == 0) i += 2;
      break;
    }
    if (nBody - i < 2 || memcmp(zBody + i, "\r\n", 2) != 0) return -1;
    i += 2;
    MpHead h;
    if (mp_headers(zBody, nBody, &i, &h)) return -1;
    const char *zEnd = memmem(zBody + i, nBody - i, zDelim, nDelim);
    if (!zEnd) return -1;
    if (mp_store(a, p, &h, zBody + i, (size_t)(zEnd - (zBody + i)))) return -1;
    i = (size_t)(zEnd - zBody) + nDelim;
  }
  if (i != nBody) return -1;
  *pzErr = 0;
  return 0;
}
