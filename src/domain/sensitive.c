/*
** sensitive.c — storing the special-category data of a person (see
** sensitive.h).  One row of person_sensitive per person, written by
** looking it up first and then inserting or updating (no ON CONFLICT, so
** that a failed statement never aborts the caller's PostgreSQL
** transaction).  Every statement checks the person's agency.
*/
#include "sensitive.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/jsonw.h"
#include "../lib/mem.h"
#include "domain.h"

/* the columns are read and written in the order of the enum */
_Static_assert(SENS_HEALTH == 0 && SENS_PSYCH_NOTES == 1 && SENS_COURT_NOTES == 2 && SENS_ADDICTION == 3,
               "person_sensitive columns in Sensitive order");

unsigned sensitive_visible_mask(Relation eRel) {
  unsigned m = 0;
  for (int i = 0; i < SENS_COUNT; i++) {
    if (policy_sensitive_visible(eRel, (Sensitive)i)) m |= 1u << i;
  }
  return m;
}

const char *sensitive_audit_detail(Arena *a, unsigned mFields, const char *zMark) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  if (!zMark) {
    jw_key(&w, "fields");
    jw_arr(&w);
  }
  for (int i = 0; i < SENS_COUNT; i++) {
    if (!(mFields & (1u << i))) continue;
    if (zMark) jw_kv_str(&w, policy_sensitive_code((Sensitive)i), zMark);
    else jw_str(&w, policy_sensitive_code((Sensitive)i));
  }
  if (!zMark) jw_arr_end(&w);
  jw_obj_end(&w);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* Reads every field of the person's row into *p; *pbRow says whether the
** row exists.  0, DOMAIN_NOT_FOUND or a db.h code. */
static int sensitive_read(Db *db, Arena *a, int64_t iAgency, int64_t iPerson, PersonSensitive *p,
                          int *pbRow) {
  memset(p, 0, sizeof *p);
  *pbRow = 0;
  DbStmt *q = db_query(db,
                       
                       "SELECT s.person_id, s.health, s.psych_notes, s.court_notes, s.addiction,"
                       " s.updated_at FROM person p"
                       " LEFT JOIN person_sensitive s ON s.person_id=p.id"
                       " WHERE p.id=$1 AND p.agency_id=$2",
                       "ii", iPerson, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *pbRow = !db_col_null(q, 0);
    for (int i = 0; i < SENS_COUNT; i++) p->az[i] = arena_strdup(a, db_col_text(q, 1 + i));
    p->zUpdatedAt = arena_strdup(a, db_col_text(q, 5));
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int sensitive_get(Db *db, Arena *a, int64_t iAgency, int64_t iPerson, unsigned mFields,
                  PersonSensitive *p) {
  int bRow;
  int rc = sensitive_read(db, a, iAgency, iPerson, p, &bRow);
  for (int i = 0; i < SENS_COUNT; i++) {
    if (!(mFields & (1u << i))) p->az[i] = 0;
  }
  return rc;
}

/* The length in characters of note z, or -1 when it is not UTF-8 or has
** a control character other than tab, carriage return and line feed. */
static long sensitive_text_len(const char *z) {
  size_t n = strlen(z);
  if (n > 4 * SENSITIVE_MAX_CHARS + 4) return SENSITIVE_MAX_CHARS + 1; /* too long anyway */
  char *zCopy = xstrndup(z, n);
  for (size_t i = 0; i < n; i++) {
    if (zCopy[i] == '\t' || zCopy[i] == '\r' || zCopy[i] == '\n') zCopy[i] = ' ';
  }
  long nChar = domain_text_len(zCopy, n);
  free(zCopy);
  return nChar;
}

void sensitive_validate(const PersonSensitive *p, unsigned mFields, Errors *pErr) {
  for (int i = 0; i < SENS_COUNT; i++) {
    if (!(mFields & (1u << i)) || domain_blank(p->az[i])) continue;
    long nChar = sensitive_text_len(p->az[i]);
    const char *zField = policy_sensitive_code((Sensitive)i);
    if (nChar < 0) {
      errors_add(pErr, zField, N_("contains characters that are not allowed"));
    } else if (nChar > SENSITIVE_MAX_CHARS) {
      errors_add(pErr, zField, N_("at most 4000 characters"));
    }
  }
}

/* 1 if two stored values differ (NULL and blank are the same). */
static int sensitive_differs(const char *zOld, const char *zNew) {
  if (domain_blank(zOld) || domain_blank(zNew)) return domain_blank(zOld) != domain_blank(zNew);
  return strcmp(zOld, zNew) != 0;
}

int sensitive_save(Db *db, int64_t iAgency, int64_t iPerson, unsigned mFields,
                   const PersonSensitive *p, const char *zNow, unsigned *pmChanged,
                   Errors *pErr) {
  assert(pErr && zNow);
  *pmChanged = 0;
  int nErr = pErr->n;
  sensitive_validate(p, mFields, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  Arena a = {0};
  PersonSensitive cur;
  int bRow;
  int rc = sensitive_read(db, &a, iAgency, iPerson, &cur, &bRow);
  const char *az[SENS_COUNT];
  for (int i = 0; !rc && i < SENS_COUNT; i++) {
    az[i] = cur.az[i];
    if (!(mFields & (1u << i))) continue;
    const char *zNew = domain_blank(p->az[i]) ? 0 : p->az[i];
    if (sensitive_differs(cur.az[i], zNew)) *pmChanged |= 1u << i;
    az[i] = zNew;
  }
  if (!rc && *pmChanged) {
    const char *zSql = bRow ? "UPDATE person_sensitive SET health=$2, psych_notes=$3,"
                              " court_notes=$4, addiction=$5, updated_at=$6 WHERE person_id=$1"
                            : "INSERT INTO person_sensitive(person_id, health, psych_notes,"
                              " court_notes, addiction, updated_at) VALUES ($1,$2,$3,$4,$5,$6)";
    rc = db_exec(db, zSql, "ittttt", iPerson, az[SENS_HEALTH], az[SENS_PSYCH_NOTES],
                 az[SENS_COURT_NOTES], az[SENS_ADDICTION], zNow);
  }
  arena_free(&a);
  return rc;
}
