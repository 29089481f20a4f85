/*
** Per-field validation errors (see errors.h).
*/
#include "errors.h"

#include <string.h>

void errors_add(Errors *p, const char *zField, const char *zMsg) {
  if (p->n >= ERRORS_MAX) return;
  p->a[p->n].zField = zField;
  p->a[p->n].zMsg = zMsg;
  p->n++;
}

const char *errors_get(const Errors *p, const char *zField) {
  for (int i = 0; i < p->n; i++) {
    if (strcmp(p->a[i].zField, zField) == 0) return p->a[i].zMsg;
  }
  return 0;
}
