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
/* The 404 page of a person who does not exist or whom the caller may not
** see (the two are indistinguishable); offers emergency access to those
** who may break the glass. */
void person_not_found(Req *r, int64_t id);

/* page_sensitive.c — special-category data on the person page */
/* The section of person iPerson's page: the fields the relation may read
** (each read audited), and a form to change them for those who may. */
void sensitive_section(Req *r, int64_t iPerson, Relation eRel);
void sensitive_update_page(Req *r); /* POST /people/{id}/sensitive */

/* page_emergency.c — emergency access ("break the glass") */
void emergency_page(Req *r);       /* GET  /people/{id}/emergency */
void emergency_grant_page(Req *r); /* POST /people/{id}/emergency */
void emergency_list_page(Req *r);  /* GET  /emergency-access */

/* page_programme.c — rounds, funding streams, the service catalogue */
void programme_page(Req *r);            /* GET  /programme */
void programme_round_add_page(Req *r);  /* POST /programme/rounds */
void programme_stream_add_page(Req *r); /* POST /programme/streams */

/* page_audit.c */
void audit_page(Req *r);

/* page_login.c */
void login_page(Req *r);
void login_submit_page(Req *r);
void logout_page(Req *r);

#endif
