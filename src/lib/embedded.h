/*
** Files built into the binary: the schema migrations, the compiled
** translations and the web assets (scripts/embed generates the table from
** the Makefile's list).  Each file's bytes are followed by a NUL, so text
** files can be used as C strings.
*/
#ifndef ALI_EMBEDDED_H
#define ALI_EMBEDDED_H
#include <stddef.h>

typedef struct Embedded {
  const char *zName;           /* e.g. "schema/001_registry.sqlite.sql" */
  const unsigned char *pData;  /* the bytes, NUL-terminated */
  size_t nUnused;              /* see embedded_size() */
} Embedded;

extern const Embedded aEmbedded[]; /* ends with a zName == NULL entry */

size_t embedded_size(const Embedded *p);
const Embedded *embedded_find(const char *zName); /* NULL if absent */

#endif
