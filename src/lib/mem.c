/*
** Allocation wrappers that abort on failure (see mem.h).
*/
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n) {
  fprintf(stderr, "ali: out of memory allocating %zu bytes\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *xcalloc(size_t nMemb, size_t n) {
  void *p = calloc(nMemb ? nMemb : 1, n ? n : 1);
  if (!p) out_of_memory(nMemb * n);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *pNew = realloc(p, n ? n : 1);
  if (!pNew) out_of_memory(n);
  return pNew;
}

char *xstrndup(const char *z, size_t n) {
  char *zNew = xmalloc(n + 1);
  memcpy(zNew, z, n);
  zNew[n] = 0;
  return zNew;
}

char *xstrdup(const char *z) { return xstrndup(z, strlen(z)); }
