/*
** domain.h — what every file of src/domain/ shares: the two status codes
** a domain function returns besides 0 and the db.h codes, and small helpers
** used by the validators and queries.
**
** Status convention of the domain layer: 0 is success; DOMAIN_NOT_FOUND
** means the row does not exist *in the caller's agency* (a row of another
** agency is indistinguishable from a missing one); DOMAIN_INVALID means
** the input failed validation and the Errors passed in says why, field by
** field; DOMAIN_CONFLICT means the step is not allowed in the record's
** present state (the Errors say why); any other negative value is a db.h code (DB_ERROR, DB_CONSTRAINT,
** DB_BUSY) with db_errmsg() set.  The codes do not overlap.
**
** Domain functions never open or close transactions: the caller (the HTTP
** dispatcher, a CLI command) wraps each write request in one.
*/
#ifndef ALI_DOMAIN_H
#define ALI_DOMAIN_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../db/db.h"
#include "../lib/errors.h"
#include "../lib/i18n.h"

#define DOMAIN_NOT_FOUND (-10) /* no such row in the caller's agency */
#define DOMAIN_INVALID (-11)   /* validation failed: see the Errors */
#define DOMAIN_CONFLICT (-12)  /* valid input, but the record's state forbids it
                               ** (a project before the first interview): the
                               ** Errors say why; answered 409 */

/* 1 if z is NULL, empty or only spaces and tabs: an absent optional
** value (forms submit "" for an empty field). */
static inline int domain_blank(const char *z) {
  if (!z) return 1;
  while (*z == ' ' || *z == '\t') z++;
  return *z == 0;
}

/* The text of z without leading and trailing spaces and tabs: returns a
** pointer into z and stores the length in bytes through pn.  z must not
** be NULL. */
static inline const char *domain_trim(const char *z, size_t *pn) {
  while (*z == ' ' || *z == '\t') z++;
  size_t n = 0;
  while (z[n]) n++;
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pn = n;
  return z;
}

/*
** The length in characters (Unicode code points) of the n bytes at z, or
** -1 when they are not well-formed UTF-8 (overlong forms, surrogates and
** code points above U+10FFFF included) or hold a control character
** (U+0000..U+001F, U+007F).
*/
static inline long domain_text_len(const char *z, size_t n) {
  const unsigned char *s = (const unsigned char *)z, *sEnd = s + n;
  long nChar = 0;
  while (s < sEnd) {
    unsigned c = *s;
    int nCont = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
              : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
    if (nCont < 0 || c < 0x20 || c == 0x7F || sEnd - s <= nCont) return -1;
    unsigned cp = nCont == 0 ? c : c & (0x3Fu >> nCont);
    for (int i = 1; i <= nCont; i++) {
      if ((s[i] & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((nCont == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (nCont == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return -1;
    s += 1 + nCont;
    nChar++;
  }
  return nChar;
}

/*
** Check a reference the agency gives to its records (person_ref,
** household_ref): required, 1..64 printable ASCII characters (0x20..0x7E),
** no space at either end.  At most one error is added, under zField.
*/
static inline void domain_check_ref(Errors *pErr, const char *zField, const char *z) {
  if (domain_blank(z)) {
    errors_add(pErr, zField, "required");
    return;
  }
  size_t n = strlen(z);
  for (size_t i = 0; i < n; i++) {
    if (z[i] < 0x20 || z[i] > 0x7E) {
      errors_add(pErr, zField, "only letters, digits and punctuation are allowed");
      return;
    }
  }
  if (z[0] == ' ' || z[n - 1] == ' ') {
    errors_add(pErr, zField, "must not begin or end with a space");
  } else if (n > 64) {
    errors_add(pErr, zField, "at most 64 characters");
  }
}

/*
** Check free text: once trimmed, at most nMax characters (nMax is 100 or
** 200) of UTF-8 without control characters; when bRequired, not blank.
** At most one error is added, under zField.
*/
static inline void domain_check_text(Errors *pErr, const char *zField, const char *z, long nMax,
                                     int bRequired) {
  if (domain_blank(z)) {
    if (bRequired) errors_add(pErr, zField, "required");
    return;
  }
  size_t n;
  const char *zTrim = domain_trim(z, &n);
  long nChar = domain_text_len(zTrim, n);
  if (nChar < 0) {
    errors_add(pErr, zField, "contains characters that are not allowed");
  } else if (nChar > nMax) {
    errors_add(pErr, zField, nMax == 100 ? N_("at most 100 characters") : N_("at most 200 characters"));
  }
}

/*
** Check a code (of a round, stream, service, organisation): required,
** 1..32 characters among A-Z a-z 0-9 _ -.  At most one error, on zField.
*/
static inline void domain_check_code(Errors *pErr, const char *zField, const char *z) {
  if (domain_blank(z)) {
    errors_add(pErr, zField, "required");
    return;
  }
  size_t n = 0;
  for (; z[n]; n++) {
    char c = z[n];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
          c == '_' || c == '-')) {
      errors_add(pErr, zField, "only letters, digits, '_' and '-' are allowed");
      return;
    }
  }
  if (n > 32) errors_add(pErr, zField, "at most 32 characters");
}

/* Step q once, store its first column (0 when there is no row) through
** pV and release q.  Returns 0, or the db.h error of the step. */
static inline int domain_one_int(DbStmt *q, int64_t *pV) {
  int rc = db_step(q);
  *pV = rc == DB_ROW ? db_col_int(q, 0) : 0;
  db_done(q);
  return rc < 0 ? rc : 0;
}

#endif
