/*
** The escaping HTML writer (see html.h).
*/
#include "html.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

void html_raw(Buf *p, const char *zLiteral) { buf_puts(p, zLiteral); }

void html_txt(Buf *p, const char *z) {
  if (!z) return;
  const char *zRun = z;
  for (; *z; z++) {
    const char *zEsc;
    switch (*z) {
      case '&': zEsc = "&amp;"; break;
      case '<': zEsc = "&lt;"; break;
      case '>': zEsc = "&gt;"; break;
      case '"': zEsc = "&quot;"; break;
      case '\'': zEsc = "&#39;"; break;
      default: continue;
    }
    buf_append(p, zRun, (size_t)(z - zRun));
    buf_puts(p, zEsc);
    zRun = z + 1;
  }
  buf_append(p, zRun, (size_t)(z - zRun));
}

void html_attr(Buf *p, const char *z) { html_txt(p, z); }

void html_url_arg(Buf *p, const char *z) {
  static const char hex[] = "0123456789ABCDEF";
  if (!z) return;
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~') {
      buf_putc(p, (char)c);
    } else {
      char a[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_append(p, a, 3);
    }
  }
}

void html_int(Buf *p, int64_t v) { buf_printf(p, "%" PRId64, v); }

void html_f(Buf *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  const char *zRun = zFmt;
  for (const char *z = zFmt; *z; z++) {
    if (*z != '%') continue;
    buf_append(p, zRun, (size_t)(z - zRun));
    switch (*++z) {
      case 's': html_txt(p, va_arg(ap, const char *)); break;
      case 'u': html_url_arg(p, va_arg(ap, const char *)); break;
      case 'd': buf_printf(p, "%d", va_arg(ap, int)); break;
      case 'D': html_int(p, va_arg(ap, int64_t)); break;
      case '%': buf_putc(p, '%'); break;
      default: assert(!"html_f: unknown conversion"); z--; break;
    }
    zRun = z + 1;
  }
  buf_puts(p, zRun);
  va_end(ap);
}
