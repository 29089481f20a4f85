/*
** routes.c — the route table: every URL ali answers, in one place.
** Method, path pattern, handler, kind (how errors are answered), and the
** largest body accepted.  The dispatcher (router.c) enforces all of it
** before a handler runs.  A newcomer looking for a page starts here.
*/
#include "../api/api.h"
#include "../web/pages.h"
#include "req.h"

void assets_get(Req *r);
void system_healthz(Req *r);
void system_root(Req *r);
void system_lang(Req *r);

#define KB 1024

const Route aRoute[] = {
    /* system */
    {"GET", "/", system_root, ROUTE_HTML, 0},
    {"GET", "/healthz", system_healthz, ROUTE_JSON, 0},
    {"GET", "/lang", system_lang, ROUTE_HTML, 0},
    {"GET", "/assets/*", assets_get, ROUTE_HTML, 0},

    /* web UI: src/web/page_*.c */
    {"GET", "/people", person_list_page, ROUTE_HTML, 0},
    {"GET", "/people/new", person_new_page, ROUTE_HTML, 0},
    {"POST", "/people", person_create_page, ROUTE_HTML, 64 * KB},
    {"GET", "/people/{id}", person_page, ROUTE_HTML, 0},
    {"GET", "/people/{id}/edit", person_edit_page, ROUTE_HTML, 0},
    {"POST", "/people/{id}", person_update_page, ROUTE_HTML, 64 * KB},
    {"GET", "/programme", programme_page, ROUTE_HTML, 0},
    {"POST", "/programme/rounds", programme_round_add_page, ROUTE_HTML, 64 * KB},
    {"POST", "/programme/streams", programme_stream_add_page, ROUTE_HTML, 64 * KB},
    /* ROUTES-WEB (keep this marker: helpers insert web routes above it) */

    /* JSON API: src/api/api_*.c */
    {"GET", "/api/v1/openapi.json", api_openapi_get, ROUTE_JSON, 0},
    {"GET", "/api/v1/people", api_person_list, ROUTE_JSON, 0},
    {"POST", "/api/v1/people", api_person_create, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/people/{id}", api_person_get, ROUTE_JSON, 0},
    {"PATCH", "/api/v1/people/{id}", api_person_update, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/households", api_household_list, ROUTE_JSON, 0},
    {"POST", "/api/v1/households", api_household_create, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/households/{id}", api_household_get, ROUTE_JSON, 0},
    {"PATCH", "/api/v1/households/{id}", api_household_update, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/rounds", api_programme_round_list, ROUTE_JSON, 0},
    {"POST", "/api/v1/rounds", api_programme_round_create, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/rounds/{id}", api_programme_round_get, ROUTE_JSON, 0},
    {"PATCH", "/api/v1/rounds/{id}", api_programme_round_update, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/funding-streams", api_programme_stream_list, ROUTE_JSON, 0},
    {"POST", "/api/v1/funding-streams", api_programme_stream_create, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/funding-streams/{id}", api_programme_stream_get, ROUTE_JSON, 0},
    {"PATCH", "/api/v1/funding-streams/{id}", api_programme_stream_update, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/services", api_programme_service_list, ROUTE_JSON, 0},
    {"POST", "/api/v1/services", api_programme_service_create, ROUTE_JSON, 64 * KB},
    {"GET", "/api/v1/services/{id}", api_programme_service_get, ROUTE_JSON, 0},
    {"PATCH", "/api/v1/services/{id}", api_programme_service_update, ROUTE_JSON, 64 * KB},
    /* ROUTES-API (keep this marker: helpers insert API routes above it) */
    {0, 0, 0, 0, 0},
};
