/*
** Allocation that never returns NULL: on exhaustion the process reports
** and aborts (a server that cannot allocate 64 bytes cannot do anything
** sensible with the error, and every caller checking NULL is code that
** is never tested).
*/
#ifndef ALI_MEM_H
#define ALI_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nMemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);
char *xstrndup(const char *z, size_t n);

#endif
