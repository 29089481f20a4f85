/*
** jsonw.h — a structural JSON writer into a Buf.  Strings are escaped by
** construction; commas and nesting are tracked so that callers cannot
** produce malformed output.  (Parsing uses jansson.)
**
**   JsonW w; jw_init(&w, &r->out);
**   jw_obj(&w); jw_kv_int(&w, "id", 7); jw_kv_str(&w, "name", z);
**   jw_obj_end(&w);
*/
#ifndef ALI_JSONW_H
#define ALI_JSONW_H
#include <stdint.h>

#include "buf.h"

#define JSON_MAX_DEPTH 32

typedef struct JsonW {
  Buf *pOut;
  int nDepth;
  unsigned char aCount[JSON_MAX_DEPTH]; /* values written at each depth */
  int bAfterKey;                        /* a key was written, value due */
} JsonW;

void jw_init(JsonW *w, Buf *pOut);
void jw_obj(JsonW *w);
void jw_obj_end(JsonW *w);
void jw_arr(JsonW *w);
void jw_arr_end(JsonW *w);
void jw_key(JsonW *w, const char *zKey);
void jw_str(JsonW *w, const char *z); /* NULL writes null */
void jw_int(JsonW *w, int64_t v);
void jw_real(JsonW *w, double v, int nDec); /* nDec decimals; NaN writes null */
void jw_bool(JsonW *w, int b);
void jw_null(JsonW *w);
/* The same, preceded by a key. */
void jw_kv_str(JsonW *w, const char *zKey, const char *z);
void jw_kv_int(JsonW *w, const char *zKey, int64_t v);
void jw_kv_bool(JsonW *w, const char *zKey, int b);
void jw_kv_null(JsonW *w, const char *zKey);
/* Appends z as a quoted JSON string to p (used by jw_str). */
void jw_quote(Buf *p, const char *z);

#endif
