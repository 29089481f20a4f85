/*
** Per-request memory pools (see arena.h).  Blocks of at least 8 KiB are
** chained; a large allocation gets a block of its own.
*/
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

struct ArenaBlock {
  ArenaBlock *pNext;
  size_t nUsed, nSize;
  _Alignas(16) unsigned char a[];
};

#define ARENA_BLOCK 8192

void *arena_alloc(Arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  ArenaBlock *p = a->pHead;
  if (!p || p->nSize - p->nUsed < n) {
    size_t nSize = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    p = xmalloc(sizeof(ArenaBlock) + nSize);
    p->nUsed = 0;
    p->nSize = nSize;
    p->pNext = a->pHead;
    a->pHead = p;
  }
  void *pMem = p->a + p->nUsed;
  p->nUsed += n;
  memset(pMem, 0, n);
  return pMem;
}

char *arena_strndup(Arena *a, const char *z, size_t n) {
  char *zNew = arena_alloc(a, n + 1);
  memcpy(zNew, z, n);
  zNew[n] = 0;
  return zNew;
}

char *arena_strdup(Arena *a, const char *z) {
  return z ? arena_strndup(a, z, strlen(z)) : 0;
}

char *arena_printf(Arena *a, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(0, 0, zFmt, ap);
  va_end(ap);
  char *z = arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
  va_start(ap, zFmt);
  vsnprintf(z, (size_t)n + 1, zFmt, ap);
  va_end(ap);
  return z;
}

void arena_free(Arena *a) {
  ArenaBlock *p = a->pHead;
  while (p) {
    ArenaBlock *pNext = p->pNext;
    free(p);
    p = pNext;
  }
  a->pHead = 0;
}
