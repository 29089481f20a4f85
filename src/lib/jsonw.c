/*
** The structural JSON writer (see json.h).
*/
#include "jsonw.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

void jw_init(JsonW *w, Buf *pOut) {
  w->pOut = pOut;
  w->nDepth = 0;
  w->aCount[0] = 0;
  w->bAfterKey = 0;
}

/* Writes the comma that separates this value from the previous one. */
static void before_value(JsonW *w) {
  if (w->bAfterKey) {
    w->bAfterKey = 0;
    return;
  }
  if (w->aCount[w->nDepth]++) buf_putc(w->pOut, ',');
}

static void open_(JsonW *w, char c) {
  before_value(w);
  assert(w->nDepth + 1 < JSON_MAX_DEPTH);
  buf_putc(w->pOut, c);
  w->aCount[++w->nDepth] = 0;
}

static void close_(JsonW *w, char c) {
  assert(w->nDepth > 0 && !w->bAfterKey);
  w->nDepth--;
  buf_putc(w->pOut, c);
}

void jw_obj(JsonW *w) { open_(w, '{'); }
void jw_obj_end(JsonW *w) { close_(w, '}'); }
void jw_arr(JsonW *w) { open_(w, '['); }
void jw_arr_end(JsonW *w) { close_(w, ']'); }

void jw_quote(Buf *p, const char *z) {
  static const char hex[] = "0123456789abcdef";
  buf_putc(p, '"');
  const char *zRun = z;
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (c >= 0x20 && c != '"' && c != '\\' && c != '<') continue;
    buf_append(p, zRun, (size_t)(z - zRun));
    zRun = z + 1;
    switch (c) {
      case '"': buf_puts(p, "\\\""); break;
      case '\\': buf_puts(p, "\\\\"); break;
      case '\n': buf_puts(p, "\\n"); break;
      case '\r': buf_puts(p, "\\r"); break;
      case '\t': buf_puts(p, "\\t"); break;
      default: { /* control characters, and '<' so JSON is safe inside HTML */
        char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
        buf_puts(p, u);
      }
    }
  }
  buf_append(p, zRun, (size_t)(z - zRun));
  buf_putc(p, '"');
}

void jw_key(JsonW *w, const char *zKey) {
  assert(!w->bAfterKey);
  before_value(w);
  jw_quote(w->pOut, zKey);
  buf_putc(w->pOut, ':');
  w->bAfterKey = 1;
}

void jw_str(JsonW *w, const char *z) {
  if (!z) {
    jw_null(w);
    return;
  }
  before_value(w);
  jw_quote(w->pOut, z);
}

void jw_int(JsonW *w, int64_t v) {
  before_value(w);
  buf_printf(w->pOut, "%" PRId64, v);
}

void jw_real(JsonW *w, double v, int nDec) {
  before_value(w);
  if (isfinite(v))
    buf_printf(w->pOut, "%.*f", nDec, v);
  else
    buf_puts(w->pOut, "null"); /* JSON has no NaN or infinity */
}

void jw_bool(JsonW *w, int b) {
  before_value(w);
  buf_puts(w->pOut, b ? "true" : "false");
}

void jw_null(JsonW *w) {
  before_value(w);
  buf_puts(w->pOut, "null");
}

void jw_kv_str(JsonW *w, const char *zKey, const char *z) {
  jw_key(w, zKey);
  jw_str(w, z);
}
void jw_kv_int(JsonW *w, const char *zKey, int64_t v) {
  jw_key(w, zKey);
  jw_int(w, v);
}
void jw_kv_bool(JsonW *w, const char *zKey, int b) {
  jw_key(w, zKey);
  jw_bool(w, b);
}
void jw_kv_null(JsonW *w, const char *zKey) {
  jw_key(w, zKey);
  jw_null(w);
}
