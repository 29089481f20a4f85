/*
** router.h — from a libmicrohttpd request to a handler (see req.h for
** what the dispatcher guarantees to handlers).
*/
#ifndef ALI_ROUTER_H
#define ALI_ROUTER_H
#include <microhttpd.h>
#include <stddef.h>

#include "req.h"

/* The body cap of the route zMethod zUrl would take (0 if none matches). */
size_t router_body_limit(const char *zMethod, const char *zUrl);
/* Runs the request and queues its response, or, when audit entries must
** be committed first (audit_writer.h), suspends c, sets *ppHeld and lets
** router_resume() answer once c is resumed. */
enum MHD_Result router_dispatch(struct MHD_Connection *c, const char *zMethod,
                                const char *zUrl, const char *zBody, size_t nBody,
                                void **ppHeld);
enum MHD_Result router_resume(struct MHD_Connection *c, void *pHeld); /* frees pHeld */
void router_held_free(void *pHeld); /* a held request that ended unanswered */
/* Queues "413 Payload Too Large" (HTML or JSON by the path). */
enum MHD_Result router_too_big(struct MHD_Connection *c, const char *zUrl);
/* Matches zPath against a route pattern; fills aId/nId/zRest of r. */
int router_match(const char *zPattern, const char *zPath, Req *r);

#endif
