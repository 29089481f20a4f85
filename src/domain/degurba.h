/*
** degurba.h — the degree of urbanisation of the municipalities the
** agency's participants live in (table municipality_degurba, migration
** 013), for the ESF+ indicator "participants from rural areas" (EECO17):
** Eurostat's DEGURBA classes, which ISTAT assigns to every comune —
** 1 cities, 2 towns and suburbs, 3 rural areas (thinly populated).
**
** The agency keeps the list (ali municipality set|import|remove|list);
** a municipality not in it is "unknown", so the report says how many
** participants it could not classify instead of calling them urban.
** Names are matched by a key: trimmed, ASCII letters lowercased, runs of
** spaces made one ("  San  Giuliano Terme" = "san giuliano terme").
** Conventions as in intake.h (the agency's rows, db.h codes, no
** transaction opened here).
*/
#ifndef ALI_DEGURBA_H
#define ALI_DEGURBA_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"

typedef struct Degurba {
  const char *zName; /* as typed */
  const char *zKey;  /* degurba_key(zName) */
  int iClass;        /* 1, 2, 3 */
} Degurba;

/* The matching key of a municipality's name, in arena a; "" for a blank
** or NULL name. */
const char *degurba_key(Arena *a, const char *zName);

/* Sets the class of municipality zName (1..3; "class": "must be 1, 2 or
** 3"; "municipality": required, at most 100 characters), replacing what
** was there; *pbChanged (may be NULL) says whether anything changed. */
int degurba_set(Db *db, int64_t iAgency, const char *zName, int iClass, int *pbChanged,
                Errors *pErr);
/* Removes municipality zName from the list: 0, or DOMAIN_NOT_FOUND. */
int degurba_remove(Db *db, int64_t iAgency, const char *zName);
/* The list, by name (*pa in a). */
int degurba_list(Db *db, Arena *a, int64_t iAgency, Degurba **pa, int *pn);
/* The class of municipality zName in a list read by degurba_list, or 0
** when it is not there. */
int degurba_find(Arena *a, const Degurba *aList, int n, const char *zName);

#endif
