/*
** assets.c — GET /assets/NAME: the CSS, fonts and icons built into the
** binary.  They change only with the binary, so they are cached for a
** day and revalidated by ETag (the build's timestamp).
*/
#include <string.h>

#include "../lib/embedded.h"
#include "req.h"

static const char *asset_type(const char *zName) {
  const char *zExt = strrchr(zName, '.');
  if (!zExt) return "application/octet-stream";
  if (strcmp(zExt, ".css") == 0) return "text/css; charset=utf-8";
  if (strcmp(zExt, ".js") == 0) return "text/javascript; charset=utf-8";
  if (strcmp(zExt, ".svg") == 0) return "image/svg+xml";
  if (strcmp(zExt, ".woff2") == 0) return "font/woff2";
  if (strcmp(zExt, ".png") == 0) return "image/png";
  if (strcmp(zExt, ".json") == 0) return "application/json";
  return "application/octet-stream";
}

/* The same binary serves the same bytes: its build time is the ETag. */
static const char zEtag[] = "\"" __DATE__ " " __TIME__ "\"";

void assets_get(Req *r) {
  char zName[128];
  if (strlen(r->zRest) + 8 > sizeof zName || strstr(r->zRest, "..")) {
    req_error(r, 404, "Page not found.");
    return;
  }
  strcpy(zName, "assets/");
  strcat(zName, r->zRest);
  const Embedded *p = embedded_find(zName);
  if (!p) {
    req_error(r, 404, "Page not found.");
    return;
  }
  req_header_add(r, "ETag", zEtag);
  req_header_add(r, "Cache-Control", "public, max-age=86400");
  const char *zMatch = req_header(r, "If-None-Match");
  if (zMatch && strcmp(zMatch, zEtag) == 0) {
    r->iStatus = 304;
    return;
  }
  r->zContentType = asset_type(zName);
  r->pStatic = p->pData;
  r->nStatic = embedded_size(p);
}
