/* pages.h — the web UI handlers, one file per area (page_<area>.c). */
#ifndef ALI_PAGES_H
#define ALI_PAGES_H
#include "../http/req.h"

/* page_person.c — the registry of people */
void person_list_page(Req *r);   /* GET  /people */
void person_page(Req *r);        /* GET  /people/{id} */
void person_new_page(Req *r);    /* GET  /people/new */
void person_create_page(Req *r); /* POST /people */
void person_edit_page(Req *r);   /* GET  /people/{id}/edit */
void person_update_page(Req *r); /* POST /people/{id} */

/* page_programme.c — rounds, funding streams, the service catalogue */
void programme_page(Req *r);            /* GET  /programme */
void programme_round_add_page(Req *r);  /* POST /programme/rounds */
void programme_stream_add_page(Req *r); /* POST /programme/streams */

#endif
