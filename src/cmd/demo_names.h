/*
** demo_names.h — the name tables of the demo population (demo_names.c),
** private to demo_data.c: first names and surnames per language area.
*/
#ifndef ALI_DEMO_NAMES_H
#define ALI_DEMO_NAMES_H

#include "demo_data.h" /* DEMO_N */

typedef struct DemoNamePool {
  const char *const *azFemale;
  int nFemale;
  const char *const *azMale;
  int nMale;
  const char *const *azSurname;
  int nSurname;
} DemoNamePool;

enum {
  POOL_IT,
  POOL_RO,
  POOL_AL,
  POOL_AR,
  POOL_SN,
  POOL_NG,
  POOL_UA,
  POOL_GE,
  POOL_ES,
  POOL_PH,
  POOL_CN,
  POOL_BD,
  POOL_LK,
  POOL_BR
};

extern const DemoNamePool demo_aPool[];

#endif
