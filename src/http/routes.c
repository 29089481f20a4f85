/*
** routes.c — the route table: every URL ali answers, in one place.
** Method, path pattern, handler, kind (how errors are answered), the
** largest body accepted and the capability required (policy.h: who holds
** it is in the policy table of src/domain/policy.c).  The dispatcher
** (router.c) enforces all of it before a handler runs; handlers check
** only the record ("is this case mine?", src/domain/access.c).  A newcomer looking for a page starts here.
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
    {"GET", "/", system_root, ROUTE_HTML, 0, CAP_LOGGED_IN},
    {"GET", "/healthz", system_healthz, ROUTE_JSON, 0, CAP_PUBLIC},
    {"GET", "/lang", system_lang, ROUTE_HTML, 0, CAP_PUBLIC},
    {"GET", "/assets/*", assets_get, ROUTE_HTML, 0, CAP_PUBLIC},
    {"GET", "/login", login_page, ROUTE_HTML, 0, CAP_PUBLIC},
    {"POST", "/login", login_submit_page, ROUTE_HTML, 8 * KB, CAP_PUBLIC},
    {"POST", "/logout", logout_page, ROUTE_HTML, 8 * KB, CAP_LOGGED_IN},

    /* web UI: src/web/page_*.c */
    {"GET", "/people", person_list_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/people/new", person_new_page, ROUTE_HTML, 0, CAP_PERSON_WRITE},
    {"POST", "/people", person_create_page, ROUTE_HTML, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/people/{id}", person_page, ROUTE_HTML, 0, CAP_PERSON_READ},
    {"GET", "/people/{id}/edit", person_edit_page, ROUTE_HTML, 0, CAP_PERSON_WRITE},
    {"POST", "/people/{id}", person_update_page, ROUTE_HTML, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/programme", programme_page, ROUTE_HTML, 0, CAP_PROGRAMME_READ},
    {"POST", "/programme/rounds", programme_round_add_page, ROUTE_HTML, 64 * KB, CAP_PROGRAMME_WRITE},
    {"POST", "/programme/streams", programme_stream_add_page, ROUTE_HTML, 64 * KB, CAP_PROGRAMME_WRITE},
    {"POST", "/people/{id}/sensitive", sensitive_update_page, ROUTE_HTML, 64 * KB, CAP_SENSITIVE_WRITE},
    {"GET", "/people/{id}/emergency", emergency_page, ROUTE_HTML, 0, CAP_BREAK_GLASS},
    {"POST", "/people/{id}/emergency", emergency_grant_page, ROUTE_HTML, 8 * KB, CAP_BREAK_GLASS},
    {"GET", "/emergency-access", emergency_list_page, ROUTE_HTML, 0, CAP_BREAK_GLASS_REVIEW},
    {"GET", "/audit", audit_page, ROUTE_HTML, 0, CAP_AUDIT_READ},
    /* ROUTES-WEB (keep this marker: helpers insert web routes above it) */

    /* JSON API: src/api/api_*.c */
    {"GET", "/api/v1/openapi.json", api_openapi_get, ROUTE_JSON, 0, CAP_PUBLIC},
    {"GET", "/api/v1/people", api_person_list, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"POST", "/api/v1/people", api_person_create, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/people/{id}", api_person_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PATCH", "/api/v1/people/{id}", api_person_update, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/people/{id}/sensitive", api_person_sensitive_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PUT", "/api/v1/people/{id}/sensitive", api_person_sensitive_put, ROUTE_JSON, 64 * KB, CAP_SENSITIVE_WRITE},
    {"GET", "/api/v1/households", api_household_list, ROUTE_JSON, 0, CAP_PERSON_SEARCH},
    {"POST", "/api/v1/households", api_household_create, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/households/{id}", api_household_get, ROUTE_JSON, 0, CAP_PERSON_READ},
    {"PATCH", "/api/v1/households/{id}", api_household_update, ROUTE_JSON, 64 * KB, CAP_PERSON_WRITE},
    {"GET", "/api/v1/rounds", api_programme_round_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/rounds", api_programme_round_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/rounds/{id}", api_programme_round_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/rounds/{id}", api_programme_round_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/funding-streams", api_programme_stream_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/funding-streams", api_programme_stream_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/funding-streams/{id}", api_programme_stream_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/funding-streams/{id}", api_programme_stream_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/services", api_programme_service_list, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"POST", "/api/v1/services", api_programme_service_create, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    {"GET", "/api/v1/services/{id}", api_programme_service_get, ROUTE_JSON, 0, CAP_PROGRAMME_READ},
    {"PATCH", "/api/v1/services/{id}", api_programme_service_update, ROUTE_JSON, 64 * KB, CAP_PROGRAMME_WRITE},
    /* ROUTES-API (keep this marker: helpers insert API routes above it) */
    {0, 0, 0, 0, 0, CAP_PUBLIC},
};
