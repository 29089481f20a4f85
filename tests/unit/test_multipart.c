/*
** Unit tests for src/http/multipart.c: a browser's form with text fields
** and one file (binary bytes with NUL and CR LF inside), quoted and bare
** boundaries, a file input left empty, and everything a browser would
** not send refused: another media type, no boundary, a preamble, a
** missing or extra header, two files, a field without a name, a NUL in a
** text field, no closing delimiter, bytes after it, too many fields.
** Included h2o style.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/http/multipart.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/mem.c"

#define CT "multipart/form-data; boundary=----AliBoundary7MA4YWxk"
#define B "------AliBoundary7MA4YWxk"

static const char *field(const Multipart *m, const char *zName) {
  for (int i = 0; i < m->nField; i++) {
    if (strcmp(m->azField[2 * i], zName) == 0) return m->azField[2 * i + 1];
  }
  return NULL;
}

/* Parses the n bytes at z with zType: the return code. */
static int parse(const char *zType, const char *z, size_t n, Arena *a, Multipart *m) {
  const char *zErr = "unset";
  int rc = multipart_parse(zType, z, n, a, m, &zErr);
  if (rc)
    assert_string_equal(zErr, "The form could not be read.");
  else
    assert_null(zErr);
  return rc;
}

#define PARSE(zType, zLit, a, m) parse(zType, zLit, sizeof(zLit) - 1, a, m)

static void test_form_with_file(void **state) {
  (void)state;
  static const char z[] =
      B "\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "abc123\r\n" B "\r\n"
      "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
      "Bus pass, line 2\r\nand more\r\n" B "\r\n"
      "Content-Disposition: form-data; name=\"receipt\"; filename=\"bus.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n"
      "%PDF-1.4\r\n\0\x01\r\n--not-the-boundary\r\n" "\r\n" B "--\r\n";
  Arena a = ARENA_INIT;
  Multipart m;
  assert_int_equal(PARSE(CT, z, &a, &m), 0);
  assert_int_equal(m.nField, 2);
  assert_string_equal(field(&m, "csrf"), "abc123");
  assert_string_equal(field(&m, "description"), "Bus pass, line 2\r\nand more");
  assert_string_equal(m.file.zField, "receipt");
  assert_string_equal(m.file.zFilename, "bus.pdf");
  assert_string_equal(m.file.zType, "application/pdf");
  static const char zWant[] = "%PDF-1.4\r\n\0\x01\r\n--not-the-boundary\r\n";
  assert_int_equal(m.file.nData, sizeof zWant - 1);
  assert_memory_equal(m.file.pData, zWant, sizeof zWant - 1);
  arena_free(&a);
}

static void test_variants(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Multipart m;
  /* a quoted boundary, no final CRLF, an empty file input, an empty value */
  static const char z1[] = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n"
                           "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
                           "Content-Type: application/octet-stream\r\n\r\n\r\n--xyz--";
  assert_int_equal(PARSE("multipart/form-data; boundary=\"xyz\"", z1, &a, &m), 0);
  assert_int_equal(m.nField, 1);
  assert_string_equal(field(&m, "a"), "");
  assert_null(m.file.zField);
  /* case of the media type and header names does not matter */
  static const char z2[] = "--q\r\ncontent-disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q--\r\n";
  assert_int_equal(PARSE("Multipart/Form-Data; charset=utf-8; boundary=q", z2, &a, &m), 0);
  assert_string_equal(field(&m, "x"), "1");
  arena_free(&a);
}

static void test_refused(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Multipart m;
  static const char zOk[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q--\r\n";
  assert_int_equal(PARSE("multipart/form-data; boundary=q", zOk, &a, &m), 0);
  /* the content type */
  assert_int_equal(PARSE("application/x-www-form-urlencoded", zOk, &a, &m), -1);
  assert_int_equal(PARSE("multipart/form-data", zOk, &a, &m), -1);
  assert_int_equal(PARSE("multipart/form-data; boundary=", zOk, &a, &m), -1);
  assert_int_equal(PARSE("multipart/form-data; boundary=q; boundary=r", zOk, &a, &m), -1);
  assert_int_equal(parse(NULL, zOk, sizeof zOk - 1, &a, &m), -1);
  assert_int_equal(parse("multipart/form-data; boundary=q", NULL, 0, &a, &m), -1);
  static const char *const azBad[] = {
      /* a preamble */
      "hello\r\n--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q--\r\n",
      /* no closing delimiter */
      "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n",
      /* bytes after it */
      "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q--\r\nmore",
      /* no Content-Disposition */
      "--q\r\nContent-Type: text/plain\r\n\r\n1\r\n--q--\r\n",
      /* another header */
      "--q\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Evil: 1\r\n\r\n1\r\n--q--\r\n",
      /* not form-data */
      "--q\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\n1\r\n--q--\r\n",
      /* no name, an empty name, an unknown parameter */
      "--q\r\nContent-Disposition: form-data\r\n\r\n1\r\n--q--\r\n",
      "--q\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--q--\r\n",
      "--q\r\nContent-Disposition: form-data; name=\"x\"; size=3\r\n\r\n1\r\n--q--\r\n",
      /* an unterminated quote, LF alone */
      "--q\r\nContent-Disposition: form-data; name=\"x\r\n\r\n1\r\n--q--\r\n",
      "--q\nContent-Disposition: form-data; name=\"x\"\n\n1\n--q--\n",
      /* two files */
      "--q\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.pdf\"\r\n\r\n%PDF-\r\n"
      "--q\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.pdf\"\r\n\r\n%PDF-\r\n--q--\r\n",
  };
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++)
    assert_int_equal(parse("multipart/form-data; boundary=q", azBad[i], strlen(azBad[i]), &a, &m), -1);
  /* a NUL byte in a text field */
  static const char zNul[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\0b\r\n--q--\r\n";
  assert_int_equal(PARSE("multipart/form-data; boundary=q", zNul, &a, &m), -1);
  arena_free(&a);
}

static void test_too_many(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Multipart m;
  char *z = malloc(100000);
  size_t n = 0;
  for (int i = 0; i <= MULTIPART_MAX_FIELDS; i++)
    n += (size_t)sprintf(z + n, "--q\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
  n += (size_t)sprintf(z + n, "--q--\r\n");
  assert_int_equal(parse("multipart/form-data; boundary=q", z, n, &a, &m), -1);
  /* one fewer is fine */
  n = 0;
  for (int i = 0; i < MULTIPART_MAX_FIELDS; i++)
    n += (size_t)sprintf(z + n, "--q\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
  n += (size_t)sprintf(z + n, "--q--\r\n");
  assert_int_equal(parse("multipart/form-data; boundary=q", z, n, &a, &m), 0);
  assert_int_equal(m.nField, MULTIPART_MAX_FIELDS);
  assert_string_equal(field(&m, "f63"), "63");
  free(z);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_form_with_file),
      cmocka_unit_test(test_variants),
      cmocka_unit_test(test_refused),
      cmocka_unit_test(test_too_many),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
