/*
** Lookup of the files built into the binary (see embedded.h).
*/
#include "embedded.h"

#include <string.h>

const Embedded *embedded_find(const char *zName) {
  for (const Embedded *p = aEmbedded; p->zName; p++) {
    if (strcmp(p->zName, zName) == 0) return p;
  }
  return 0;
}
