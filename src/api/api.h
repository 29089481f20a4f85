/* api.h — the JSON API handlers, one file per resource (api_<resource>.c). */
#ifndef ALI_API_H
#define ALI_API_H
#include "../http/req.h"

/* api_person.c — /api/v1/people */
void api_person_list(Req *r);
void api_person_get(Req *r);
void api_person_create(Req *r);
void api_person_update(Req *r);
void api_person_sensitive_get(Req *r); /* GET /api/v1/people/{id}/sensitive */
void api_person_sensitive_put(Req *r); /* PUT /api/v1/people/{id}/sensitive */

/* api_household.c — /api/v1/households */
void api_household_list(Req *r);
void api_household_get(Req *r);
void api_household_create(Req *r);
void api_household_update(Req *r);

/* api_programme.c — /api/v1/rounds, /api/v1/funding-streams, /api/v1/services */
void api_programme_round_list(Req *r);
void api_programme_round_get(Req *r);
void api_programme_round_create(Req *r);
void api_programme_round_update(Req *r);
void api_programme_stream_list(Req *r);
void api_programme_stream_get(Req *r);
void api_programme_stream_create(Req *r);
void api_programme_stream_update(Req *r);
void api_programme_service_list(Req *r);
void api_programme_service_get(Req *r);
void api_programme_service_create(Req *r);
void api_programme_service_update(Req *r);

/* api_openapi.c — GET /api/v1/openapi.json, the document of all of the above */
void api_openapi_get(Req *r);

#endif
