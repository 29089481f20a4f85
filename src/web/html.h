/*
** html.h — the only way markup is written.  Data is escaped by the call
** you make: html_txt() and html_attr() escape, html_url_arg() percent-
** encodes, and html_f()'s %s escapes; html_raw() is for string literals of
** our own markup only, never for data.
*/
#ifndef ALI_HTML_H
#define ALI_HTML_H
#include <stdint.h>

#include "../lib/buf.h"

void html_raw(Buf *p, const char *zLiteral); /* our own markup, as is */
void html_txt(Buf *p, const char *z);        /* text: & < > " ' escaped; NULL = "" */
void html_attr(Buf *p, const char *z);       /* an attribute value (same escaping) */
void html_url_arg(Buf *p, const char *z);    /* a query-string value, %-encoded */
void html_int(Buf *p, int64_t v);

/* Formatted markup.  zFmt is a string literal of our markup; in it
**   %s  a string, HTML-escaped (NULL writes nothing)
**   %d  an int          %D  an int64_t
**   %u  a string, percent-encoded for a URL query value
**   %%  a percent sign
** No other conversions exist, so data cannot reach the page unescaped. */
void html_f(Buf *p, const char *zFmt, ...);

#endif
