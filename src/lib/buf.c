/*
** Growable strings (see buf.h).
*/
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "mem.h"

static void buf_reserve(Buf *p, size_t nMore) {
  size_t need = p->n + nMore + 1;
  if (need <= p->cap) return;
  size_t cap = p->cap ? p->cap * 2 : 256;
  while (cap < need) cap *= 2;
  p->z = xrealloc(p->z, cap);
  p->cap = cap;
}

void buf_append(Buf *p, const char *z, size_t n) {
  buf_reserve(p, n);
  if (n) memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void buf_puts(Buf *p, const char *z) { buf_append(p, z, strlen(z)); }

void buf_putc(Buf *p, char c) {
  buf_reserve(p, 1);
  p->z[p->n++] = c;
  p->z[p->n] = 0;
}

void buf_vprintf(Buf *p, const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap2);
  va_end(ap2);
  if (n <= 0) return;
  buf_reserve(p, (size_t)n);
  vsnprintf(p->z + p->n, (size_t)n + 1, zFmt, ap);
  p->n += (size_t)n;
}

void buf_printf(Buf *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(p, zFmt, ap);
  va_end(ap);
}

const char *buf_str(Buf *p) { return p->z ? p->z : ""; }

void buf_reset(Buf *p) {
  p->n = 0;
  if (p->z) p->z[0] = 0;
}

void buf_free(Buf *p) {
  free(p->z);
  p->z = 0;
  p->n = p->cap = 0;
}
