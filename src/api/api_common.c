/*
** api_common.c — the helpers every JSON API handler shares (see
** api_common.h): typed body fields with unknown-field detection, list
** parameters and envelopes, and domain status codes as HTTP errors.
*/
#include "api_common.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"

/* ---- JSON bodies ---- */

static const ApiField *field_find(const ApiField *aField, const char *zKey) {
  for (const ApiField *p = aField; p->zName; p++) {
    if (strcmp(p->zName, zKey) == 0) return p;
  }
  return 0;
}

/* Reads an array of strings into a NULL-terminated arena array. */
static const char *read_texts(Req *r, json_t *v, const char ***pazOut, int *pnOut) {
  if (!json_is_array(v)) return "must be an array of strings";
  size_t n = json_array_size(v);
  const char **az = arena_alloc(&r->a, (n + 1) * sizeof(char *));
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(v, i);
    if (!json_is_string(e)) return "must be an array of strings";
    az[i] = arena_strndup(&r->a, json_string_value(e), json_string_length(e));
  }
  *pazOut = az;
  *pnOut = (int)n;
  return 0;
}

/* An integer value as int, or an error message. */
static const char *read_int(json_t *v, int bNull, int *pOut) {
  if (bNull && json_is_null(v)) {
    *pOut = -1;
    return 0;
  }
  if (!json_is_integer(v)) return bNull ? "must be an integer or null" : "must be an integer";
  json_int_t i = json_integer_value(v);
  if (i < (bNull ? 0 : INT_MIN) || i > INT_MAX) return "is out of range";
  *pOut = (int)i;
  return 0;
}

/* Stores v into the member p describes; NULL, or the error message. */
static const char *read_field(Req *r, const ApiField *p, json_t *v, char *pObj) {
  void *pMember = pObj + p->iOffset;
  switch (p->eType) {
    case API_TEXT:
      if (json_is_null(v))
        *(const char **)pMember = 0;
      else if (json_is_string(v)) {
        *(const char **)pMember = arena_strndup(&r->a, json_string_value(v), json_string_length(v));
      } else
        return "must be a string";
      return 0;
    case API_INT64:
      if (!json_is_integer(v)) return "must be an integer";
      *(int64_t *)pMember = json_integer_value(v);
      return 0;
    case API_INT:
      return read_int(v, 0, (int *)pMember);
    case API_INT_NULL:
      return read_int(v, 1, (int *)pMember);
    case API_BOOL:
      if (!json_is_boolean(v)) return "must be true or false";
      *(int *)pMember = json_is_true(v);
      return 0;
    case API_TRI:
      if (!json_is_boolean(v) && !json_is_null(v)) return "must be true, false or null";
      *(int *)pMember = json_is_null(v) ? -1 : json_is_true(v);
      return 0;
    case API_TEXTS:
      return read_texts(r, v, (const char ***)pMember, (int *)(pObj + p->iOffset2));
    default:
      return "is read-only";
  }
}

int api_body_read(Req *r, const ApiField *aField, void *pObj) {
  if (!r->pJson) return 0;
  int nErr = 0;
  const char *zKey;
  json_t *v;
  json_object_foreach(r->pJson, zKey, v) {
    const ApiField *p = field_find(aField, zKey);
    const char *zMsg = p ? read_field(r, p, v, pObj) : "unknown field";
    if (zMsg) {
      errors_add(&r->err, arena_strdup(&r->a, zKey), zMsg);
      nErr++;
    }
  }
  return nErr;
}

int api_body_require(Req *r, const char *const *azName) {
  int nErr = 0;
  for (int i = 0; azName[i]; i++) {
    if (r->pJson && json_object_get(r->pJson, azName[i])) continue;
    errors_add(&r->err, azName[i], "required");
    nErr++;
  }
  return nErr;
}

/* ---- list parameters ---- */

/* Parses 1..18 decimal digits; -1 for anything else. */
static int64_t parse_digits(const char *z) {
  size_t n = strlen(z);
  if (n == 0 || n > 18 || strspn(z, "0123456789") != n) return -1;
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
  return v;
}

int api_page_params(Req *r, int *pnLimit, const char **pzCursor) {
  const char *zLimit = req_query(r, "limit"), *zCursor = req_query(r, "cursor");
  *pnLimit = API_LIMIT_DEFAULT;
  if (zLimit) {
    int64_t v = parse_digits(zLimit);
    if (v < 1 || v > API_LIMIT_MAX) {
      errors_add(&r->err, "limit", "must be an integer from 1 to 500");
      req_json_error(r, 400, "bad_request", "limit must be an integer from 1 to 500.");
      return -1;
    }
    *pnLimit = (int)v;
  }
  *pzCursor = zCursor && *zCursor ? zCursor : 0;
  return 0;
}

/* 400 naming the query parameter zName. */
static int bad_query(Req *r, const char *zName, const char *zMsg) {
  errors_add(&r->err, zName, zMsg);
  req_json_error(r, 400, "bad_request", arena_printf(&r->a, "The parameter %s %s.", zName, zMsg));
  return -1;
}

int api_query_bool(Req *r, const char *zName, int *pV) {
  const char *z = req_query(r, zName);
  if (!z) return 0;
  if (!strcmp(z, "true") || !strcmp(z, "1") || !strcmp(z, "yes"))
    *pV = 1;
  else if (!strcmp(z, "false") || !strcmp(z, "0") || !strcmp(z, "no"))
    *pV = 0;
  else
    return bad_query(r, zName, "must be true or false");
  return 0;
}

int api_query_id(Req *r, const char *zName, int64_t *pV) {
  const char *z = req_query(r, zName);
  if (!z) return 0;
  int64_t v = parse_digits(z);
  if (v < 1) return bad_query(r, zName, "must be a positive integer");
  *pV = v;
  return 0;
}

int api_query_choice(Req *r, const char *zName, const char *const *azChoice, const char **pz) {
  const char *z = req_query(r, zName);
  if (!z) return 0;
  for (int i = 0; azChoice[i]; i++) {
    if (strcmp(z, azChoice[i]) == 0) {
      *pz = azChoice[i];
      return 0;
    }
  }
  return bad_query(r, zName, "has a value that is not allowed");
}

/* 400: the ?cursor= is not one this server gave. */
int api_bad_cursor(Req *r) {
  errors_add(&r->err, "cursor", "is not valid");
  req_json_error(r, 400, "bad_request", "The cursor is not valid.");
  return -1;
}

int api_cursor_id(Req *r, const char *zCursor, int64_t *pId) {
  *pId = 0;
  if (!zCursor || !*zCursor) return 0;
  int64_t v = parse_digits(zCursor);
  if (v < 1) return api_bad_cursor(r);
  *pId = v;
  return 0;
}

const char *api_cursor_text(Req *r, int64_t id) {
  return id > 0 ? arena_printf(&r->a, "%" PRId64, id) : 0;
}

int api_page_array(Req *r, const void *a, size_t nSize, int n, int *piFirst, int *pnPage,
                   const char **pzNext) {
  int nLimit;
  const char *zCursor;
  int64_t iAfter;
  if (api_page_params(r, &nLimit, &zCursor) || api_cursor_id(r, zCursor, &iAfter)) return -1;
  int iFirst = 0;
  if (iAfter) {
    while (iFirst < n && *(const int64_t *)((const char *)a + nSize * (size_t)iFirst) != iAfter) {
      iFirst++;
    }
    if (iFirst == n) return api_bad_cursor(r);
    iFirst++;
  }
  *piFirst = iFirst;
  *pnPage = n - iFirst < nLimit ? n - iFirst : nLimit;
  *pzNext = 0;
  if (iFirst + *pnPage < n) {
    int64_t iLast = *(const int64_t *)((const char *)a + nSize * (size_t)(iFirst + *pnPage - 1));
    *pzNext = api_cursor_text(r, iLast);
  }
  return 0;
}

/* ---- answers ---- */

void api_object_begin(Req *r, JsonW *w, int iStatus) {
  req_json_begin(r, iStatus);
  jw_init(w, &r->out);
  jw_obj(w);
}

void api_object_end(Req *r, JsonW *w) {
  jw_obj_end(w);
  buf_putc(&r->out, '\n');
}

void api_list_begin(Req *r, JsonW *w) {
  api_object_begin(r, w, 200);
  jw_key(w, "items");
  jw_arr(w);
}

void api_list_end(Req *r, JsonW *w, const char *zNext) {
  jw_arr_end(w);
  jw_kv_str(w, "next_cursor", zNext);
  api_object_end(r, w);
}

void api_created(Req *r, const char *zPrefix, int64_t id) {
  r->iStatus = 201;
  req_header_add(r, "Location", arena_printf(&r->a, "%s/%" PRId64, zPrefix, id));
}

void api_invalid(Req *r) {
  Buf b = BUF_INIT;
  buf_puts(&b, "Some fields are not valid:");
  for (int i = 0; i < r->err.n; i++) {
    buf_printf(&b, "%s %s: %s", i ? ";" : "", r->err.a[i].zField, r->err.a[i].zMsg);
  }
  buf_putc(&b, '.');
  const char *zMsg = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  req_json_error(r, 422, "invalid", zMsg);
}

void api_not_found(Req *r, const char *zWhat) {
  req_json_error(r, 404, "not_found", arena_printf(&r->a, "No such %s.", zWhat));
}

void api_domain_error(Req *r, int rc, const char *zWhat) {
  switch (rc) {
    case DOMAIN_NOT_FOUND:
      api_not_found(r, zWhat);
      break;
    case DOMAIN_INVALID:
      api_invalid(r);
      break;
    case DOMAIN_CONFLICT:
      req_json_error(r, 409, "conflict",
                     r->err.n ? r->err.a[0].zMsg : "The request conflicts with the record's state.");
      break;
    case DB_CONSTRAINT:
      req_json_error(r, 409, "conflict",
                     arena_printf(&r->a, "The %s conflicts with an existing one.", zWhat));
      break;
    case DB_BUSY:
      req_json_error(r, 503, "unavailable", "The database is busy; try again in a moment.");
      break;
    default:
      fprintf(stderr, "ali: api %s: %s\n", zWhat, db_errmsg(r->db));
      req_json_error(r, 500, "internal", "Something went wrong on the server.");
  }
}

void api_kv_tri(JsonW *w, const char *zKey, int v) {
  if (v < 0)
    jw_kv_null(w, zKey);
  else
    jw_kv_bool(w, zKey, v);
}

void api_kv_count(JsonW *w, const char *zKey, int64_t v) {
  if (v < 0)
    jw_kv_null(w, zKey);
  else
    jw_kv_int(w, zKey, v);
}

void api_kv_id(JsonW *w, const char *zKey, int64_t id) {
  if (id > 0)
    jw_kv_int(w, zKey, id);
  else
    jw_kv_null(w, zKey);
}

void api_kv_ref(JsonW *w, const char *zKey, int64_t id, const char *zName) {
  jw_key(w, zKey);
  if (!id) {
    jw_null(w);
    return;
  }
  jw_obj(w);
  jw_kv_int(w, "id", id);
  jw_kv_str(w, "name", zName);
  jw_obj_end(w);
}
