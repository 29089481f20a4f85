/*
** money.c — parsing and formatting euro amounts held as integer cents
** (see money.h for the accepted forms).  Characters are classified by
** explicit ASCII ranges, never by <ctype.h>, whose answers follow the
** locale.
*/
#include "money.h"

#include <stdio.h>
#include <string.h>

static const char money_zEuro[] = "\xE2\x82\xAC"; /* U+20AC in UTF-8 */

static int money_is_digit(char c) { return c >= '0' && c <= '9'; }

/* Count occurrences of c in the n bytes at z. */
static int money_count(const char *z, size_t n, char c) {
  int k = 0;
  for (size_t i = 0; i < n; i++) k += z[i] == c;
  return k;
}

/* Index of the last c in the n bytes at z, or -1. */
static long money_last(const char *z, size_t n, char c) {
  for (size_t i = n; i > 0; i--) {
    if (z[i - 1] == c) return (long)(i - 1);
  }
  return -1;
}

/* Add the decimal digit c to *pV; -1 past MONEY_MAX_CENTS. */
static int money_push(int64_t *pV, char c) {
  *pV = *pV * 10 + (c - '0');
  return *pV > MONEY_MAX_CENTS ? -1 : 0;
}

/* The integer part (n bytes at z): digits, grouped by cSep in threes when
** cSep is not 0.  Adds it to *pV as euros; 0 or -1. */
static int money_integer(const char *z, size_t n, char cSep, int64_t *pV) {
  if (n == 0) return -1;
  size_t nGroup = 0;
  int bFirst = 1;
  for (size_t i = 0; i < n; i++) {
    if (cSep && z[i] == cSep) {
      if (bFirst ? nGroup < 1 || nGroup > 3 || z[0] == '0' : nGroup != 3) return -1;
      bFirst = 0;
      nGroup = 0;
    } else if (money_is_digit(z[i])) {
      nGroup++;
      if (money_push(pV, z[i])) return -1;
    } else {
      return -1;
    }
  }
  if (cSep && !bFirst && nGroup != 3) return -1;
  return nGroup ? 0 : -1;
}

/* Which character separates decimals in the n bytes at z: '.', ',' or 0
** (none); -1 when the string cannot be an amount. */
static int money_decimal_sep(const char *z, size_t n) {
  long iDot = money_last(z, n, '.'), iComma = money_last(z, n, ',');
  if (iDot >= 0 && iComma >= 0) {
    char c = iDot > iComma ? '.' : ',';
    return money_count(z, n, c) == 1 ? c : -1;
  }
  long i = iDot >= 0 ? iDot : iComma;
  if (i < 0) return 0;
  char c = z[i];
  size_t nAfter = n - (size_t)i - 1;
  return money_count(z, n, c) == 1 && nAfter >= 1 && nAfter <= 2 ? c : 0;
}

/* Parse the n bytes at z (no spaces, no euro sign). */
static int money_parse_bare(const char *z, size_t n, int64_t *pCents) {
  int cDec = money_decimal_sep(z, n);
  if (cDec < 0) return -1;
  char cSep = money_count(z, n, '.') ? '.' : money_count(z, n, ',') ? ',' : 0;
  if (cDec) cSep = cDec == '.' ? ',' : '.';
  if (cSep && !money_count(z, n, cSep)) cSep = 0;
  size_t nInt = cDec ? (size_t)money_last(z, n, (char)cDec) : n;
  int64_t v = 0;
  if (money_integer(z, nInt, cSep, &v)) return -1;
  size_t nFrac = cDec ? n - nInt - 1 : 0;
  if (cDec && (nFrac < 1 || nFrac > 2)) return -1;
  for (size_t i = 0; i < 2; i++) {
    char c = i < nFrac ? z[nInt + 1 + i] : '0';
    if (!money_is_digit(c) || money_push(&v, c)) return -1;
  }
  *pCents = v;
  return 0;
}

int money_parse_euros(const char *z, int64_t *pCents) {
  if (!z) return -1;
  while (*z == ' ') z++;
  if (strncmp(z, money_zEuro, 3) == 0) {
    z += 3;
    while (*z == ' ') z++;
  }
  size_t n = strlen(z);
  while (n && z[n - 1] == ' ') n--;
  return n ? money_parse_bare(z, n, pCents) : -1;
}

void money_format(int64_t iCents, int bItalian, char *zOut, size_t n) {
  if (n == 0) return;
  uint64_t u = iCents < 0 ? 0 - (uint64_t)iCents : (uint64_t)iCents;
  char zInt[40];
  int k = 0, nDigit = 0;
  uint64_t e = u / 100;
  do { /* the euros, backwards, with a separator every three digits */
    if (nDigit && nDigit % 3 == 0) zInt[k++] = bItalian ? '.' : ',';
    zInt[k++] = (char)('0' + e % 10);
    nDigit++;
    e /= 10;
  } while (e);
  char zRev[40];
  for (int i = 0; i < k; i++) zRev[i] = zInt[k - 1 - i];
  zRev[k] = 0;
  snprintf(zOut, n, "%s%s%s%s%c%02u", iCents < 0 ? "-" : "", money_zEuro,
           bItalian ? " " : "", zRev, bItalian ? ',' : '.', (unsigned)(u % 100));
}
