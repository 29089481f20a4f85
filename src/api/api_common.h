/*
** api_common.h — what every JSON API handler (src/api/api_*.c) shares:
** reading a JSON body into a domain struct field by field, the query
** parameters of lists (limit, cursor, typed filters), the list envelope
** {"items": [...], "next_cursor": ...}, and turning a domain status code
** into the right HTTP error.
**
** Error answers have one shape (response.c):
**   {"error": {"code": "...", "message": "...", "fields": {"name": "..."}}}
** Every helper that answers an error sets r->iStatus before it returns,
** so that the dispatcher rolls the write transaction back.
*/
#ifndef ALI_API_COMMON_H
#define ALI_API_COMMON_H
#include <stddef.h>
#include <stdint.h>

#include "../http/req.h"
#include "../lib/jsonw.h"

/* ---- JSON bodies ---- */

/* How a body field is read, and what member of the struct it fills. */
enum {
  API_TEXT = 1, /* const char *: a string, or null (stored as NULL) */
  API_INT64,    /* int64_t: an integer */
  API_INT,      /* int: an integer within INT_MIN..INT_MAX */
  API_INT_NULL, /* int: an integer >= 0, or null (stored as -1) */
  API_BOOL,     /* int: true or false (stored as 1 or 0) */
  API_TRI,      /* int: true, false or null (stored as 1, 0 or -1) */
  API_TEXTS,    /* const char **: an array of strings, stored NULL-
                ** terminated; iOffset2 is the int member for the count */
  API_READONLY, /* not writable: present in a body is an error */
};

typedef struct ApiField {
  const char *zName; /* the JSON key */
  int eType;         /* API_TEXT ... */
  size_t iOffset;    /* offsetof() the member in the struct */
  size_t iOffset2;   /* API_TEXTS: offsetof() its count member */
} ApiField;

/*
** Copy every key of the request's JSON body (r->pJson) into the struct
** at pObj, as aField (ended by a zName == NULL entry) says.  Only keys
** present in the body are written, so reading a body over a struct that
** holds the current record merges a partial update.  A key not in aField
** ("unknown field"), a read-only key, or a value of the wrong type adds
** an error to r->err under that key and leaves the member as it was.
** Strings are copied into the request's arena.  Returns the number of
** errors added (0: every key was read).  A request without a body reads
** as an empty object.
*/
int api_body_read(Req *r, const ApiField *aField, void *pObj);

/* Adds "required" to r->err for each name of the NULL-terminated
** azName that the body lacks (for fields whose zero value would pass
** validation, such as an amount).  Returns the number added. */
int api_body_require(Req *r, const char *const *azName);

/* ---- list parameters ---- */

#define API_LIMIT_DEFAULT 50
#define API_LIMIT_MAX 500

/*
** The ?limit= and ?cursor= of a list.  limit: absent means
** API_LIMIT_DEFAULT, else decimal digits only, 1..API_LIMIT_MAX.
** cursor: absent or empty means the first page (*pzCursor NULL).
** Returns 0, or -1 after answering 400 (bad_request) with a message.
*/
int api_page_params(Req *r, int *pnLimit, const char **pzCursor);

/* Reads the optional filter ?zName=: each returns 0 (absent leaves the
** output as the caller initialised it), or -1 after answering 400.
**   api_query_bool:   true|false (also 1|0, yes|no) -> 1 or 0
**   api_query_id:     a positive decimal integer
**   api_query_choice: one of the NULL-terminated azChoice
*/
int api_query_bool(Req *r, const char *zName, int *pV);
int api_query_id(Req *r, const char *zName, int64_t *pV);
int api_query_choice(Req *r, const char *zName, const char *const *azChoice, const char **pz);

/*
** An id cursor (the next page starts after this id): "" or NULL gives
** 0, decimal digits give the id.  Returns 0, or -1 after answering 400
** ("The cursor is not valid.").
*/
int api_cursor_id(Req *r, const char *zCursor, int64_t *pId);

/* Answers 400 "The cursor is not valid." (fields: cursor); returns -1. */
int api_bad_cursor(Req *r);

/* The cursor text of an id cursor (arena string); NULL when id is 0. */
const char *api_cursor_text(Req *r, int64_t id);

/*
** Pages a list held in memory: a holds n structs of nSize bytes each
** whose first member is the int64_t id, in the list's order.  Reads
** ?limit= and ?cursor= (the id of the last item of the previous page)
** and sets the page to a[*piFirst .. *piFirst + *pnPage - 1] and
** *pzNext to the next page's cursor (NULL on the last page).  Returns 0,
** or -1 after answering 400 (a bad limit, or a cursor that is not an id
** of the list).
*/
int api_page_array(Req *r, const void *a, size_t nSize, int n, int *piFirst, int *pnPage,
                   const char **pzNext);

/* ---- answers ---- */

/* Starts the list envelope: status 200, {"items": [ */
void api_list_begin(Req *r, JsonW *w);
/* Ends it: ], "next_cursor": zNext or null} */
void api_list_end(Req *r, JsonW *w, const char *zNext);

/* Starts a 200 (or 201) JSON object answer. */
void api_object_begin(Req *r, JsonW *w, int iStatus);
void api_object_end(Req *r, JsonW *w);

/* Marks the answer "201 Created" with a Location: zPrefix/id header. */
void api_created(Req *r, const char *zPrefix, int64_t id);

/* 422 "invalid" with r->err as the fields, and a message naming them. */
void api_invalid(Req *r);

/*
** Answers the error a non-zero domain or db.h status means: 404 for
** DOMAIN_NOT_FOUND (zWhat names the thing: "person"), 422 for
** DOMAIN_INVALID (r->err holds the fields), 409 for DOMAIN_CONFLICT (the
** first error's message) and DB_CONSTRAINT, 503
** for DB_BUSY, 500 otherwise (logged with db_errmsg()).
*/
void api_domain_error(Req *r, int rc, const char *zWhat);

/* 404 "No such zWhat." */
void api_not_found(Req *r, const char *zWhat);

/* ---- objects shared between resources ---- */

struct Household;
struct Person;
/* A household object with its members and derived facts, as the
** caller's relation eRel to the household shows it; aRel[i] is the
** relation to member aMember[i] (REL_NONE leaves the member out)
** (api_household.c). */
void api_household_json(JsonW *w, const struct Household *h, Relation eRel,
                        const struct Person *aMember, const Relation *aRel, int nMember);

/* Writes v as true/false, or null when v < 0. */
void api_kv_tri(JsonW *w, const char *zKey, int v);

/* Writes v, or null when v < 0 (not known: hours, sessions, amounts). */
void api_kv_count(JsonW *w, const char *zKey, int64_t v);

/* Writes id, or null when it is not > 0 (none). */
void api_kv_id(JsonW *w, const char *zKey, int64_t id);

/* Writes {"id": id, "name": zName} under zKey, or null when id is 0 (a
** reference to a record: a social worker, an organisation...). */
void api_kv_ref(JsonW *w, const char *zKey, int64_t id, const char *zName);

#endif
