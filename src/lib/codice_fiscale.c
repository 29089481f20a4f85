/*
** The Italian codice fiscale: validation, normalization, computation
** from personal data, and decoding of the birth date (see
** codice_fiscale.h for the layout of the code).
**
** Positions below are 0-based: letters at 0-5, 8, 11 and 15; digits (or
** their omocodia letters) at 6, 7, 9, 10, 12, 13 and 14.  Characters are
** classified by explicit ASCII ranges rather than <ctype.h>, whose
** answers depend on the locale.
*/
#include "codice_fiscale.h"

#include "i18n.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "date.h"

#define CF_LEN 16

/* Month letters, January first. */
static const char cf_zMonth[] = "ABCDEHLMPRST";

/* Letters standing for the digits 0..9 in omocodic codes. */
static const char cf_zOmocodia[] = "LMNPQRSTUV";

/* Value of a character at an odd (1-based) position, for the check
** character: indexed by letter, and a digit d counts as the d-th letter. */
static const int cf_aOdd[26] = {1,  0,  5,  7,  9,  13, 15, 17, 19,
                                21, 2,  4,  18, 20, 11, 3,  6,  8,
                                12, 14, 16, 10, 22, 25, 24, 23};

static int cf_upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }
static int cf_is_letter(int c) { return c >= 'A' && c <= 'Z'; }
static int cf_is_digit(int c) { return c >= '0' && c <= '9'; }

/* 1 if position i holds a digit (or an omocodia letter) in a code. */
static int cf_is_numeric_pos(int i) {
  return i == 6 || i == 7 || i == 9 || i == 10 || i == 12 || i == 13 ||
         i == 14;
}

/* Digit value of an upper-case character in a numeric position, decoding
** omocodia letters; -1 if it is neither a digit nor such a letter. */
static int cf_digit(int c) {
  if (cf_is_digit(c)) return c - '0';
  const char *p = c ? strchr(cf_zOmocodia, c) : NULL;
  return p ? (int)(p - cf_zOmocodia) : -1;
}

/* Two-digit number at positions i, i+1 of an upper-case code. */
static int cf_number2(const char *z, int i) {
  return cf_digit(z[i]) * 10 + cf_digit(z[i + 1]);
}

/* The check character of the first 15 characters of an upper-case code
** whose classes have already been checked. */
static char cf_check_char(const char *z) {
  int sum = 0;
  for (int i = 0; i < CF_LEN - 1; i++) {
    int c = z[i];
    int k = cf_is_digit(c) ? c - '0' : c - 'A';
    sum += (i % 2 == 0) ? cf_aOdd[k] : k; /* i even = odd 1-based position */
  }
  return (char)('A' + sum % 26);
}

/* CF_OK if every character of the 16-character upper-case z is of the
** class its position requires, else CF_ERR_CHARS. */
static int cf_check_classes(const char *z) {
  for (int i = 0; i < CF_LEN; i++) {
    int ok = cf_is_numeric_pos(i) ? cf_digit(z[i]) >= 0 : cf_is_letter(z[i]);
    if (!ok) return CF_ERR_CHARS;
  }
  return CF_OK;
}

/* Copy z upper-cased into zUp (17 bytes); CF_ERR_LENGTH unless it is
** exactly 16 characters long. */
static int cf_upper_copy(const char *z, char zUp[CF_LEN + 1]) {
  if (z == NULL) return CF_ERR_LENGTH;
  int n = 0;
  for (; z[n] && n <= CF_LEN; n++) {
    if (n < CF_LEN) zUp[n] = (char)cf_upper((unsigned char)z[n]);
  }
  if (n != CF_LEN) return CF_ERR_LENGTH;
  zUp[CF_LEN] = 0;
  return CF_OK;
}

int cf_validate(const char *z) {
  char zUp[CF_LEN + 1];
  int rc = cf_upper_copy(z, zUp);
  if (rc == CF_OK) rc = cf_check_classes(zUp);
  if (rc != CF_OK) return rc;
  if (strchr(cf_zMonth, zUp[8]) == NULL) return CF_ERR_MONTH;
  int day = cf_number2(zUp, 9);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    return CF_ERR_DAY;
  }
  if (cf_check_char(zUp) != zUp[15]) return CF_ERR_CHECK;
  return CF_OK;
}

const char *cf_error_message(int code) {
  switch (code) {
    case CF_OK: return N_("the tax code is valid");
    case CF_ERR_LENGTH: return N_("the tax code must be 16 characters long");
    case CF_ERR_CHARS:
      return N_("the tax code has a letter where a digit belongs, or a digit "
             "where a letter belongs");
    case CF_ERR_MONTH: return N_("the month letter of the tax code is not valid");
    case CF_ERR_DAY: return N_("the day of birth in the tax code is not valid");
    case CF_ERR_CHECK: return N_("the check character is wrong");
    default: return N_("the tax code is not valid");
  }
}

void cf_normalize(const char *zIn, char zOut[17]) {
  int n = 0;
  zOut[0] = 0;
  if (zIn == NULL) return;
  for (; *zIn; zIn++) {
    if (*zIn == ' ' || *zIn == '\t') continue;
    if (n == CF_LEN) {
      zOut[0] = 0;
      return;
    }
    zOut[n++] = (char)cf_upper((unsigned char)*zIn);
  }
  zOut[n] = 0;
}

/*
** Name folding for cf_compute().  A name is read as UTF-8 code points,
** each folded to zero (ignored), one or two upper-case ASCII letters.
*/

/* Latin-1 Supplement U+00C0..U+00FF, then Latin Extended-A
** U+0100..U+017F: the base letter of each, '*' for a two-letter
** transliteration (see cf_fold_special), '?' for a non-letter. */
static const char cf_zLatin1[] =
    "AAAAAA*CEEEEIIIIDNOOOOO?OUUUUY**"
    "AAAAAA*CEEEEIIIIDNOOOOO?OUUUUY*Y";
static const char cf_zLatinExtA[] =
    "AAAAAA" "CCCCCCCC" "DDDD" "EEEEEEEEEE" "GGGGGGGG" "HHHH" "IIIIIIIIII"
    "**" "JJ" "KKK" "LLLLLLLLLL" "NNNNNNNNN" "OOOOOO" "**" "RRRRRR"
    "SSSSSSSS" "TTTTTT" "UUUUUUUUUUUU" "WW" "YYY" "ZZZZZZ" "S";
_Static_assert(sizeof cf_zLatin1 == 64 + 1, "one entry per U+00C0..U+00FF");
_Static_assert(sizeof cf_zLatinExtA == 128 + 1, "one per U+0100..U+017F");

/* The two-letter transliterations marked '*' above. */
static const char *cf_fold_special(uint32_t cp) {
  switch (cp) {
    case 0xC6: case 0xE6: return "AE";    /* Æ æ */
    case 0xDE: case 0xFE: return "TH";    /* Þ þ */
    case 0xDF: return "SS";               /* ß */
    case 0x132: case 0x133: return "IJ";  /* Ĳ ĳ */
    case 0x152: case 0x153: return "OE";  /* Œ œ */
    default: return NULL;
  }
}

/* 1 for the characters a name may hold that are not letters: spaces,
** hyphens, dots, and the apostrophes of "D'Angelo" or "Nicolo'" (ASCII,
** typographic, modifier letter, grave and acute accents typed alone). */
static int cf_is_ignorable(uint32_t cp) {
  return cp == ' ' || cp == '\'' || cp == '-' || cp == '.' || cp == '`' ||
         cp == 0xA0 || cp == 0xB4 || cp == 0x2BC || cp == 0x2018 ||
         cp == 0x2019;
}

/* Fold code point cp into zOut (up to 2 letters, NUL-terminated).
** Returns 0, or -1 for a character that has no place in a name. */
static int cf_fold_cp(uint32_t cp, char zOut[3]) {
  char c = '?';
  zOut[0] = 0;
  if (cf_is_ignorable(cp)) return 0;
  if (cp < 0x80 && cf_is_letter(cf_upper((int)cp))) c = (char)cf_upper((int)cp);
  else if (cp >= 0xC0 && cp <= 0xFF) c = cf_zLatin1[cp - 0xC0];
  else if (cp >= 0x100 && cp <= 0x17F) c = cf_zLatinExtA[cp - 0x100];
  else if (cp == 0x218 || cp == 0x219) c = 'S'; /* Romanian Ș ș */
  else if (cp == 0x21A || cp == 0x21B) c = 'T'; /* Romanian Ț ț */
  if (c == '*') {
    const char *zSpecial = cf_fold_special(cp);
    assert(zSpecial != NULL); /* every '*' in the tables has an entry */
    memcpy(zOut, zSpecial, 3);
    return 0;
  }
  if (c == '?') return -1;
  zOut[0] = c;
  zOut[1] = 0;
  return 0;
}

/* Decode one UTF-8 code point at *pz, advancing *pz past it.  Returns
** the code point, or -1 for a malformed or overlong sequence. */
static int32_t cf_utf8_next(const unsigned char **pz) {
  const unsigned char *z = *pz;
  int n = z[0] < 0x80 ? 0 : z[0] >= 0xC2 && z[0] < 0xE0 ? 1
        : z[0] >= 0xE0 && z[0] < 0xF0 ? 2 : z[0] >= 0xF0 && z[0] < 0xF5 ? 3
        : -1;
  if (n < 0) return -1;
  uint32_t cp = n == 0 ? z[0] : z[0] & (0x3F >> n);
  for (int i = 1; i <= n; i++) {
    if ((z[i] & 0xC0) != 0x80) return -1; /* also stops at the NUL */
    cp = (cp << 6) | (z[i] & 0x3F);
  }
  static const uint32_t aMin[4] = {0, 0x80, 0x800, 0x10000};
  if (cp < aMin[n] || cp > 0x10FFFF) return -1;
  *pz = z + n + 1;
  return (int32_t)cp;
}

/* The letters of a name that matter: its first consonants and vowels in
** order, and how many of each it has in all. */
typedef struct CfLetters {
  char aCons[4];
  char aVow[3];
  int nCons;
  int nVow;
} CfLetters;

static void cf_letters_add(CfLetters *p, char c) {
  if (strchr("AEIOU", c)) {
    if (p->nVow < 3) p->aVow[p->nVow] = c;
    p->nVow++;
  } else {
    if (p->nCons < 4) p->aCons[p->nCons] = c;
    p->nCons++;
  }
}

/* Split the UTF-8 name z into *p.  Returns 0, or -1 if z is NULL, not
** UTF-8, holds a character that is not part of a name, or no letter. */
static int cf_letters(const char *z, CfLetters *p) {
  memset(p, 0, sizeof *p);
  if (z == NULL) return -1;
  const unsigned char *zu = (const unsigned char *)z;
  while (*zu) {
    char zFold[3];
    int32_t cp = cf_utf8_next(&zu);
    if (cp < 0 || cf_fold_cp((uint32_t)cp, zFold)) return -1;
    for (int i = 0; zFold[i]; i++) cf_letters_add(p, zFold[i]);
  }
  return p->nCons + p->nVow > 0 ? 0 : -1;
}

/* The usual three letters: consonants, then vowels, then X padding. */
static void cf_three(const CfLetters *p, char *zOut) {
  int n = 0;
  for (int i = 0; i < p->nCons && i < 4 && n < 3; i++) zOut[n++] = p->aCons[i];
  for (int i = 0; i < p->nVow && i < 3 && n < 3; i++) zOut[n++] = p->aVow[i];
  while (n < 3) zOut[n++] = 'X';
}

/* The first-name letters: a name of four or more consonants gives the
** 1st, 3rd and 4th, so that "Gianfranco" (GFR) and "Gianni" (GNN)
** differ; otherwise the same rule as the surname. */
static void cf_first_name_three(const CfLetters *p, char *zOut) {
  if (p->nCons >= 4) {
    zOut[0] = p->aCons[0];
    zOut[1] = p->aCons[2];
    zOut[2] = p->aCons[3];
  } else {
    cf_three(p, zOut);
  }
}

/* Upper-cased copy of a Belfiore code (a letter and three digits) into
** zOut[5]; -1 if z is not one. */
static int cf_belfiore(const char *z, char zOut[5]) {
  if (z == NULL || strlen(z) != 4) return -1;
  for (int i = 0; i < 4; i++) zOut[i] = (char)cf_upper((unsigned char)z[i]);
  zOut[4] = 0;
  if (!cf_is_letter(zOut[0])) return -1;
  for (int i = 1; i < 4; i++) {
    if (!cf_is_digit(zOut[i])) return -1;
  }
  return 0;
}

int cf_compute(char zOut[17], const char *zLast, const char *zFirst,
               const char *zBirth, char cGender, const char *zBelfiore) {
  CfLetters last, first;
  char zPlace[5];
  int y, m, d;
  zOut[0] = 0;
  int g = cf_upper((unsigned char)cGender);
  if (cf_letters(zLast, &last) || cf_letters(zFirst, &first)) return -1;
  if (date_parse(zBirth, &y, &m, &d) || (g != 'F' && g != 'M')) return -1;
  if (cf_belfiore(zBelfiore, zPlace)) return -1;
  char z[CF_LEN + 1];
  cf_three(&last, z);
  cf_first_name_three(&first, z + 3);
  int dd = d + (g == 'F' ? 40 : 0);
  z[6] = (char)('0' + y / 10 % 10);
  z[7] = (char)('0' + y % 10);
  z[8] = cf_zMonth[m - 1];
  z[9] = (char)('0' + dd / 10);
  z[10] = (char)('0' + dd % 10);
  memcpy(z + 11, zPlace, 4);
  z[15] = cf_check_char(z);
  z[16] = 0;
  assert(cf_validate(z) == CF_OK);
  memcpy(zOut, z, sizeof z);
  return 0;
}

int cf_birth_date(const char *zCf, int iCenturyCutYear, char zOut[11],
                  char *pcGender) {
  char z[CF_LEN + 1];
  zOut[0] = 0;
  if (cf_validate(zCf) != CF_OK) return -1;
  cf_normalize(zCf, z);
  int yy = cf_number2(z, 6);
  int m = (int)(strchr(cf_zMonth, z[8]) - cf_zMonth) + 1;
  int d = cf_number2(z, 9);
  char g = d > 40 ? 'F' : 'M';
  if (d > 40) d -= 40;
  int y = 2000 + yy <= iCenturyCutYear ? 2000 + yy : 1900 + yy;
  if (y > iCenturyCutYear) return -1;
  char zDate[11];
  date_format(y, m, d, zDate);
  if (!date_valid(zDate)) return -1;
  memcpy(zOut, zDate, sizeof zDate);
  if (pcGender) *pcGender = g;
  return 0;
}

/* The Agenzia delle Entrate resolves two people sharing a code by
** replacing digits with letters from the right (omocodia); iLevel counts
** the replaced digits. */
int cf_omocode(char zCf[17], int iLevel) {
  static const int aPos[] = {14, 13, 12, 10, 9, 7, 6}; /* right to left */
  if (iLevel < 1 || iLevel > 7 || cf_validate(zCf) != CF_OK) return -1;
  char zUp[CF_LEN + 1];
  cf_upper_copy(zCf, zUp);
  for (int i = 0; i < iLevel; i++) {
    int d = cf_digit(zUp[aPos[i]]);
    zUp[aPos[i]] = cf_zOmocodia[d];
  }
  zUp[CF_LEN - 1] = cf_check_char(zUp);
  memcpy(zCf, zUp, CF_LEN + 1);
  return 0;
}
