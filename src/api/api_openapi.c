/*
** api_openapi.c — GET /api/v1/openapi.json: the OpenAPI 3.1 document of
** the JSON API.  The document is src/api/openapi.json, kept by hand
** beside the handlers and built into the binary (src/lib/embedded.h);
** tests/http/openapi.test.mjs calls every route it documents and checks
** that every /api/v1 route of src/http/routes.c is in it.
*/
#include "api.h"

#include "../lib/embedded.h"

void api_openapi_get(Req *r) {
  const Embedded *p = embedded_find("api/openapi.json");
  if (!p) {
    req_json_error(r, 500, "internal", "The API document is missing from this build.");
    return;
  }
  r->pStatic = p->pData;
  r->nStatic = embedded_size(p);
  r->zContentType = "application/json";
}
