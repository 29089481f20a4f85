/*
** Buf: a growable byte string, always NUL-terminated after buf_* calls.
** Used for response bodies, SQL-free text building, CSV lines.  HTML is
** never built with buf_printf on data: use web/html.h, which escapes.
*/
#ifndef ALI_BUF_H
#define ALI_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
  char *z;    /* contents, NUL-terminated; NULL until the first append */
  size_t n;   /* bytes used, not counting the terminator */
  size_t cap; /* bytes allocated */
} Buf;

#define BUF_INIT {0, 0, 0}

void buf_append(Buf *p, const char *z, size_t n);
void buf_puts(Buf *p, const char *z);
void buf_putc(Buf *p, char c);
void buf_printf(Buf *p, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *p, const char *zFmt, va_list ap);
/* Contents as a C string: "" when empty, never NULL. Owned by the Buf. */
const char *buf_str(Buf *p);
void buf_reset(Buf *p); /* empties, keeps the allocation */
void buf_free(Buf *p);  /* releases the allocation; the Buf is reusable */

#endif
