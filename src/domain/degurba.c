/*
** degurba.c — the agency's list of municipalities with their degree of
** urbanisation (see degurba.h).
*/
#include "degurba.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

const char *degurba_key(Arena *a, const char *zName) {
  size_t n = zName ? strlen(zName) : 0;
  char *z = arena_alloc(a, n + 1);
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)zName[i];
    if (isspace(c)) {
      if (j > 0 && z[j - 1] != ' ') z[j++] = ' ';
    } else {
      z[j++] = (char)(c < 0x80 ? tolower(c) : c);
    }
  }
  if (j > 0 && z[j - 1] == ' ') j--;
  z[j] = 0;
  return z;
}

int degurba_set(Db *db, int64_t iAgency, const char *zName, int iClass, int *pbChanged,
                Errors *pErr) {
  Arena a = ARENA_INIT;
  int nErr = pErr->n, rc = 0;
  if (pbChanged) *pbChanged = 0;
  domain_check_text(pErr, "municipality", zName, 100, 1);
  if (iClass < 1 || iClass > 3) errors_add(pErr, "class", N_("must be 1, 2 or 3"));
  if (pErr->n > nErr) {
    arena_free(&a);
    return DOMAIN_INVALID;
  }
  size_t nTrim;
  const char *zTrim = domain_trim(zName, &nTrim);
  zTrim = arena_strndup(&a, zTrim, nTrim);
  const char *zKey = degurba_key(&a, zName);
  int64_t iOld =
      db_int(db, 0, "SELECT degurba FROM municipality_degurba WHERE agency_id=$1 AND name_key=$2",
             "it", iAgency, zKey);
  if (iOld != iClass) {
    rc = iOld ? db_exec(db,
                        "UPDATE municipality_degurba SET degurba=$3, name=$4"
                        " WHERE agency_id=$1 AND name_key=$2",
                        "itit", iAgency, zKey, (int64_t)iClass, zTrim)
              : db_exec(db,
                        "INSERT INTO municipality_degurba(agency_id, name_key, name, degurba)"
                        " VALUES ($1,$2,$3,$4)",
                        "itti", iAgency, zKey, zTrim, (int64_t)iClass);
    if (!rc && pbChanged) *pbChanged = 1;
  }
  arena_free(&a);
  return rc;
}

int degurba_remove(Db *db, int64_t iAgency, const char *zName) {
  Arena a = ARENA_INIT;
  const char *zKey = degurba_key(&a, zName);
  int64_t n = db_int(db, 0,
                     "SELECT count(*) FROM municipality_degurba WHERE agency_id=$1 AND name_key=$2",
                     "it", iAgency, zKey);
  int rc = n ? db_exec(db, "DELETE FROM municipality_degurba WHERE agency_id=$1 AND name_key=$2",
                       "it", iAgency, zKey)
             : DOMAIN_NOT_FOUND;
  arena_free(&a);
  return rc;
}

static int degurba_cmp(const void *p1, const void *p2) {
  return strcmp(((const Degurba *)p1)->zKey, ((const Degurba *)p2)->zKey);
}

int degurba_list(Db *db, Arena *a, int64_t iAgency, Degurba **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT name, name_key, degurba FROM municipality_degurba"
                       " WHERE agency_id=$1 ORDER BY name_key",
                       "i", iAgency);
  int n = 0, nAlloc = 0, rc;
  Degurba *aD = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      Degurba *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aD, sizeof *aNew * (size_t)n);
      aD = aNew;
    }
    aD[n].zName = arena_strdup(a, db_col_text(q, 0));
    aD[n].zKey = arena_strdup(a, db_col_text(q, 1));
    aD[n].iClass = (int)db_col_int(q, 2);
    n++;
  }
  db_done(q);
  if (n > 1)
    qsort(aD, (size_t)n, sizeof *aD, degurba_cmp); /* strcmp order, whatever the collation */
  *pa = aD;
  *pn = n;
  return rc == DB_DONE ? 0 : rc;
}

int degurba_find(Arena *a, const Degurba *aList, int n, const char *zName) {
  const char *zKey = degurba_key(a, zName);
  if (!*zKey) return 0;
  int lo = 0, hi = n - 1;
  while (lo <= hi) { /* degurba_list sorts it by key */
    int mid = (lo + hi) / 2, c = strcmp(aList[mid].zKey, zKey);
    if (c == 0) return aList[mid].iClass;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
