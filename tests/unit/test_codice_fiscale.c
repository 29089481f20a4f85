/*
** Unit tests for src/lib/codice_fiscale.c: known valid codes, omocodia,
** each validation error, normalization, computation from names with
** accents and apostrophes, and birth-date decoding.
**
** The expected codes were worked out by hand from the published rules
** and cross-checked against the npm package codice-fiscale-js 2.4.0;
** the omocodic BNZVCN32S10E57PV, BNZVCNPNSMLERTPX, SPSGPP75B18F83VM and
** CCHGNN67R05H1S3I come from that package's test suite.  The files
** under test are included, h2o style, so this compiles alone:
**
**   gcc -std=c11 -Wall -Wextra -Werror -fsanitize=address,undefined -g \
**       tests/unit/test_codice_fiscale.c -lcmocka -o /tmp/t && /tmp/t
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/lib/date.c"
#include "../../src/lib/codice_fiscale.c"

/* Assert cf_validate(z) == want, naming the code on failure. */
static void expect_validate(const char *z, int want) {
  int rc = cf_validate(z);
  if (rc != want) {
    fail_msg("cf_validate(%s) = %d, want %d", z ? z : "NULL", rc, want);
  }
}

static void test_valid_known(void **state) {
  (void)state;
  expect_validate("RSSMRA85T10A562S", CF_OK); /* Mario Rossi */
  expect_validate("MRTMTT25D09F205Z", CF_OK); /* Matteo Moretti */
  expect_validate("BNZVCN32S10E573Z", CF_OK);
  expect_validate("MRNLCU00A01H501J", CF_OK);
  expect_validate("RSSMRA85T50A562W", CF_OK); /* Maria Rossi: day 10+40 */
  expect_validate("RSSMRA85T71A562X", CF_OK); /* day 31+40 */
  expect_validate("RSSMRA85B30A562G", CF_OK); /* Feb 30: no month check */
}

static void test_omocodia_published(void **state) {
  (void)state;
  expect_validate("BNZVCN32S10E57PV", CF_OK);
  expect_validate("BNZVCNPNSMLERTPX", CF_OK); /* all seven replaced */
  expect_validate("SPSGPP75B18F83VM", CF_OK);
  expect_validate("CCHGNN67R05H1S3I", CF_OK); /* not from the right */
  expect_validate("bnzvcnpnsmlertpx", CF_OK);
  expect_validate("BNZVCN32S10E57PZ", CF_ERR_CHECK); /* base check char */
}

/* Replace the digits of RSSMRA85T10A562S with their omocodia letters
** one at a time from the right, as the Agenzia does: each step is valid
** with its recomputed check character and invalid with the old one. */
static void test_omocodia_from_the_right(void **state) {
  (void)state;
  static const char *azWant[] = {
      "RSSMRA85T10A56NH", "RSSMRA85T10A5SNT", "RSSMRA85T10ARSNO",
      "RSSMRA85T1LARSNR", "RSSMRA85TMLARSNC", "RSSMRA8RTMLARSNO",
      "RSSMRAURTMLARSNL",
  };
  static const int aPos[] = {14, 13, 12, 10, 9, 7, 6};
  char z[17] = "RSSMRA85T10A562S";
  for (int i = 0; i < 7; i++) {
    z[aPos[i]] = cf_zOmocodia[z[aPos[i]] - '0'];
    expect_validate(z, CF_ERR_CHECK); /* the previous check char */
    z[15] = cf_check_char(z);
    assert_string_equal(z, azWant[i]);
    expect_validate(z, CF_OK);
  }
}

static void test_wrong_check(void **state) {
  (void)state;
  expect_validate("RSSMRA85T10A562T", CF_ERR_CHECK);
  expect_validate("RSSMRA85T10A562A", CF_ERR_CHECK);
  expect_validate("MRTMTT25D09F205Y", CF_ERR_CHECK);
  expect_validate("RSSMRA85T11A562S", CF_ERR_CHECK); /* one digit off */
  expect_validate("SRSMRA85T10A562S", CF_ERR_CHECK); /* transposition */
  assert_string_equal(cf_error_message(CF_ERR_CHECK),
                      "the check character is wrong");
}

static void test_wrong_month(void **state) {
  (void)state;
  expect_validate("RSSMRA85F10A562R", CF_ERR_MONTH); /* right check char */
  expect_validate("RSSMRA85F10A562S", CF_ERR_MONTH);
  expect_validate("RSSMRA85Z10A562S", CF_ERR_MONTH);
  expect_validate("RSSMRA85I10A562S", CF_ERR_MONTH);
  expect_validate("RSSMRA85f10A562S", CF_ERR_MONTH);
}

static void test_wrong_length(void **state) {
  (void)state;
  expect_validate(NULL, CF_ERR_LENGTH);
  expect_validate("", CF_ERR_LENGTH);
  expect_validate("RSSMRA85T10A562", CF_ERR_LENGTH);
  expect_validate("RSSMRA85T10A562SX", CF_ERR_LENGTH);
  expect_validate("RSSMRA85T10A562S ", CF_ERR_LENGTH);
  expect_validate("RSS MRA 85T10 A562S", CF_ERR_LENGTH);
}

static void test_wrong_chars(void **state) {
  (void)state;
  expect_validate("1SSMRA85T10A562S", CF_ERR_CHARS); /* digit at 1 */
  expect_validate("RSSMR585T10A562S", CF_ERR_CHARS); /* digit at 6 */
  expect_validate("RSSMRAA5T10A562S", CF_ERR_CHARS); /* A is not omocodia */
  expect_validate("RSSMRA8ZT10A562S", CF_ERR_CHARS);
  expect_validate("RSSMRA85510A562S", CF_ERR_CHARS); /* before the month */
  expect_validate("RSSMRA85T1OA562S", CF_ERR_CHARS); /* letter O, not 0 */
  expect_validate("RSSMRA85T1025628", CF_ERR_CHARS); /* digit at 12 */
  expect_validate("RSSMRA85T10A5W2S", CF_ERR_CHARS);
  expect_validate("RSSMRA85T10A5621", CF_ERR_CHARS); /* digit at 16 */
  expect_validate("RSSMRA85T10A56 S", CF_ERR_CHARS);
  expect_validate("RSSMRA85T10A562\xC3", CF_ERR_CHARS);
  expect_validate("RSSMRA85T10A562-", CF_ERR_CHARS);
}

static void test_wrong_day(void **state) {
  (void)state;
  expect_validate("RSSMRA85T32A562Y", CF_ERR_DAY); /* right check char */
  expect_validate("RSSMRA85T00A562R", CF_ERR_DAY);
  expect_validate("RSSMRA85T40A562V", CF_ERR_DAY);
  expect_validate("RSSMRA85T72A562C", CF_ERR_DAY);
  expect_validate("RSSMRA85T99A562S", CF_ERR_DAY);
  expect_validate("RSSMRA85TPNA562S", CF_ERR_DAY); /* omocodic 32 */
  expect_validate("RSSMRA85TLLA562S", CF_ERR_DAY); /* omocodic 00 */
}

static void test_lowercase(void **state) {
  (void)state;
  expect_validate("rssmra85t10a562s", CF_OK);
  expect_validate("RssMra85t10A562s", CF_OK);
  expect_validate("rssmra85t10a562t", CF_ERR_CHECK);
}

static void test_error_messages(void **state) {
  (void)state;
  static const int aCode[] = {CF_OK,         CF_ERR_LENGTH, CF_ERR_CHARS,
                              CF_ERR_MONTH,  CF_ERR_DAY,    CF_ERR_CHECK};
  const int n = (int)(sizeof aCode / sizeof aCode[0]);
  for (int i = 0; i < n; i++) {
    const char *z = cf_error_message(aCode[i]);
    assert_non_null(z);
    assert_true(strlen(z) > 10);
    for (int j = 0; j < i; j++) {
      assert_string_not_equal(z, cf_error_message(aCode[j]));
    }
  }
  assert_non_null(cf_error_message(-99));
}

static void test_normalize(void **state) {
  (void)state;
  char z[17];
  cf_normalize(" rss mra 85t10\ta562s ", z);
  assert_string_equal(z, "RSSMRA85T10A562S");
  expect_validate(z, CF_OK);
  cf_normalize("RSSMRA85T10A562S", z);
  assert_string_equal(z, "RSSMRA85T10A562S");
  cf_normalize("RSSMRA85T10A562SX", z); /* 17 characters: cannot fit */
  assert_string_equal(z, "");
  cf_normalize("  RSSMRA85T10A562S1234567890  ", z);
  assert_string_equal(z, "");
  cf_normalize("abc", z);
  assert_string_equal(z, "ABC");
  cf_normalize("   ", z);
  assert_string_equal(z, "");
  cf_normalize(NULL, z);
  assert_string_equal(z, "");
}

/* Assert cf_compute() gives zWant, and that the code validates and
** decodes back to the birth date and gender it was built from. */
static void expect_compute(const char *zLast, const char *zFirst,
                           const char *zBirth, char cGender,
                           const char *zBelfiore, const char *zWant) {
  char z[17], zDate[11];
  char g = 0;
  assert_int_equal(cf_compute(z, zLast, zFirst, zBirth, cGender, zBelfiore), 0);
  assert_string_equal(z, zWant);
  expect_validate(z, CF_OK);
  /* The birth year as the century cut decodes 1925 as 1925, not 2025. */
  int iYear = (int)strtol(zBirth, NULL, 10);
  assert_int_equal(cf_birth_date(z, iYear, zDate, &g), 0);
  assert_string_equal(zDate, zBirth);
  assert_int_equal(g, cGender == 'f' ? 'F' : cGender == 'm' ? 'M' : cGender);
}

static void test_compute_known(void **state) {
  (void)state;
  expect_compute("Rossi", "Mario", "1985-12-10", 'M', "A562",
                 "RSSMRA85T10A562S");
  expect_compute("Moretti", "Matteo", "1925-04-09", 'M', "F205",
                 "MRTMTT25D09F205Z");
  expect_compute("ROSSI", "MARIA", "1985-12-10", 'F', "A562",
                 "RSSMRA85T50A562W"); /* women: day + 40 */
  expect_compute("rossi", "maria", "1985-12-10", 'f', "a562",
                 "RSSMRA85T50A562W");
  expect_compute("Rossi", "Mario", "1985-02-01", 'F', "A562",
                 "RSSMRA85B41A562G");
  /* Four or more consonants in the first name: 1st, 3rd and 4th. */
  expect_compute("Strauss", "Gianfranco", "1960-07-31", 'M', "Z112",
                 "STRGFR60L31Z112Y");
}

static void test_compute_accents(void **state) {
  (void)state;
  expect_compute("D'Angelo", "Niccolò", "1990-02-28", 'M', "G702",
                 "DNGNCL90B28G702E");
  expect_compute("D’Angelo", "NICCOLÒ", "1990-02-28", 'M', "G702",
                 "DNGNCL90B28G702E"); /* typographic apostrophe */
  expect_compute("Dangelo", "Niccolo", "1990-02-28", 'M', "G702",
                 "DNGNCL90B28G702E");
  /* Short names, where the accented vowels are used and X pads. */
  expect_compute("Fò", "Zoè", "2001-01-01", 'F', "Z600", "FOXZOE01A41Z600K");
  expect_compute("FÒ", "ZOÉ", "2001-01-01", 'F', "Z600", "FOXZOE01A41Z600K");
  expect_compute("Lù", "Łukasz", "2004-02-29", 'M', "Z127",
                 "LUXLSZ04B29Z127N");
  expect_compute("Strauß", "Gianfranco", "1960-07-31", 'M', "Z112",
                 "STRGFR60L31Z112Y");
}

/* Every accented vowel of Italian names folds to its base letter. */
static void test_compute_all_accents(void **state) {
  (void)state;
  static const char *aPair[][2] = {
      {"À", "A"}, {"È", "E"}, {"É", "E"}, {"Ì", "I"}, {"Ò", "O"}, {"Ù", "U"},
      {"à", "A"}, {"è", "E"}, {"é", "E"}, {"ì", "I"}, {"ò", "O"}, {"ù", "U"},
  };
  for (size_t i = 0; i < sizeof aPair / sizeof aPair[0]; i++) {
    char zName[16], zAscii[16], zA[17], zB[17];
    snprintf(zName, sizeof zName, "B%s", aPair[i][0]);
    snprintf(zAscii, sizeof zAscii, "B%s", aPair[i][1]);
    assert_int_equal(cf_compute(zA, zName, zName, "1970-01-01", 'M', "G702"), 0);
    assert_int_equal(cf_compute(zB, zAscii, zAscii, "1970-01-01", 'M', "G702"), 0);
    assert_string_equal(zA, zB);
    assert_int_equal(zA[1], aPair[i][1][0]);
  }
}

static void test_compute_bad_input(void **state) {
  (void)state;
  char z[17];
  struct {
    const char *zLast, *zFirst, *zBirth;
    char g;
    const char *zPlace;
  } aBad[] = {
      {"", "Mario", "1985-12-10", 'M', "A562"},
      {"' -", "Mario", "1985-12-10", 'M', "A562"}, /* no letters */
      {"Rossi2", "Mario", "1985-12-10", 'M', "A562"},
      {"Rossi", "Ma\xC3", "1985-12-10", 'M', "A562"}, /* cut UTF-8 */
      {"Rossi", "Ma\xC0\xAF", "1985-12-10", 'M', "A562"}, /* overlong */
      {"Rossi", "Mario☺", "1985-12-10", 'M', "A562"},
      {NULL, "Mario", "1985-12-10", 'M', "A562"},
      {"Rossi", NULL, "1985-12-10", 'M', "A562"},
      {"Rossi", "Mario", "1985-02-30", 'M', "A562"},
      {"Rossi", "Mario", "85-12-10", 'M', "A562"},
      {"Rossi", "Mario", NULL, 'M', "A562"},
      {"Rossi", "Mario", "1985-12-10", 'X', "A562"},
      {"Rossi", "Mario", "1985-12-10", 0, "A562"},
      {"Rossi", "Mario", "1985-12-10", 'M', "A56"},
      {"Rossi", "Mario", "1985-12-10", 'M', "A5622"},
      {"Rossi", "Mario", "1985-12-10", 'M', "1562"},
      {"Rossi", "Mario", "1985-12-10", 'M', "AA62"},
      {"Rossi", "Mario", "1985-12-10", 'M', NULL},
  };
  for (size_t i = 0; i < sizeof aBad / sizeof aBad[0]; i++) {
    strcpy(z, "junk");
    int rc = cf_compute(z, aBad[i].zLast, aBad[i].zFirst, aBad[i].zBirth,
                        aBad[i].g, aBad[i].zPlace);
    if (rc != -1) fail_msg("case %d accepted", (int)i);
    assert_string_equal(z, "");
  }
}

static void test_birth_date(void **state) {
  (void)state;
  char z[11];
  char g = 0;
  assert_int_equal(cf_birth_date("RSSMRA85T10A562S", 2026, z, &g), 0);
  assert_string_equal(z, "1985-12-10");
  assert_int_equal(g, 'M');
  assert_int_equal(cf_birth_date("rssmra85t50a562w", 2026, z, &g), 0);
  assert_string_equal(z, "1985-12-10");
  assert_int_equal(g, 'F');
  assert_int_equal(cf_birth_date("MRNLCU00A01H501J", 2026, z, NULL), 0);
  assert_string_equal(z, "2000-01-01");
  assert_int_equal(cf_birth_date("MRNLCU00A01H501J", 1999, z, NULL), 0);
  assert_string_equal(z, "1900-01-01"); /* the century cut decides */
  assert_int_equal(cf_birth_date("MRTMTT25D09F205Z", 2025, z, NULL), 0);
  assert_string_equal(z, "2025-04-09");
  assert_int_equal(cf_birth_date("MRTMTT25D09F205Z", 2024, z, NULL), 0);
  assert_string_equal(z, "1925-04-09");
}

static void test_birth_date_omocodia(void **state) {
  (void)state;
  char z[11];
  char g = 0;
  assert_int_equal(cf_birth_date("BNZVCNPNSMLERTPX", 2026, z, &g), 0);
  assert_string_equal(z, "1932-11-10");
  assert_int_equal(g, 'M');
  assert_int_equal(cf_birth_date("RSSMRAURTMLARSNL", 2026, z, &g), 0);
  assert_string_equal(z, "1985-12-10");
  assert_int_equal(cf_birth_date("SPSGPP75B18F83VM", 2026, z, NULL), 0);
  assert_string_equal(z, "1975-02-18");
}

static void test_birth_date_bad(void **state) {
  (void)state;
  char z[11];
  char g = 'Q';
  strcpy(z, "junk");
  assert_int_equal(cf_birth_date("RSSMRA85T10A562T", 2026, z, &g), -1);
  assert_string_equal(z, "");
  assert_int_equal(g, 'Q'); /* untouched on failure */
  assert_int_equal(cf_birth_date(NULL, 2026, z, &g), -1);
  /* Valid code, impossible date (Feb 30). */
  assert_int_equal(cf_birth_date("RSSMRA85B30A562G", 2026, z, &g), -1);
  assert_string_equal(z, "");
  /* 1960 and 2060 are both after the cut. */
  assert_int_equal(cf_birth_date("RSSMRA60A01A562U", 1950, z, &g), -1);
  assert_int_equal(cf_birth_date("RSSMRA60A01A562U", 1960, z, &g), 0);
  assert_string_equal(z, "1960-01-01");
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_valid_known),
      cmocka_unit_test(test_omocodia_published),
      cmocka_unit_test(test_omocodia_from_the_right),
      cmocka_unit_test(test_wrong_check),
      cmocka_unit_test(test_wrong_month),
      cmocka_unit_test(test_wrong_length),
      cmocka_unit_test(test_wrong_chars),
      cmocka_unit_test(test_wrong_day),
      cmocka_unit_test(test_lowercase),
      cmocka_unit_test(test_error_messages),
      cmocka_unit_test(test_normalize),
      cmocka_unit_test(test_compute_known),
      cmocka_unit_test(test_compute_accents),
      cmocka_unit_test(test_compute_all_accents),
      cmocka_unit_test(test_compute_bad_input),
      cmocka_unit_test(test_birth_date),
      cmocka_unit_test(test_birth_date_omocodia),
      cmocka_unit_test(test_birth_date_bad),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
