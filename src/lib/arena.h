/*
** Arena: a memory pool owned by one request (or one command).  Everything
** allocated from it is released at once by arena_free(); callers never
** free individual allocations.  Allocation aborts on exhaustion.
*/
#ifndef ALI_ARENA_H
#define ALI_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *pHead; /* current block; older blocks chained behind it */
} Arena;

#define ARENA_INIT {0}

void *arena_alloc(Arena *a, size_t n);   /* zeroed, 16-byte aligned */
char *arena_strdup(Arena *a, const char *z); /* NULL in, NULL out */
char *arena_strndup(Arena *a, const char *z, size_t n);
char *arena_printf(Arena *a, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a); /* releases everything; the arena is reusable */

#endif
