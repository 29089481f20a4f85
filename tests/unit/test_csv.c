/*
** Unit tests for src/lib/csv.c: quoting (RFC 4180), fields spanning
** lines and the line each record starts on, the byte order mark, the
** separator detection, CR/LF/CRLF line ends, empty fields and blank
** rows, invalid UTF-8 and bad quoting with their lines, a file larger
** than the reader's chunk, the cap on a record's size, the header mapping (order, case, spaces,
** unknown, duplicate and missing columns) and the writer, whose output
** the reader must read back unchanged.  Inputs come from fmemopen().
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../src/lib/buf.c"
#include "../../src/lib/csv.c"
#include "../../src/lib/mem.c"

/* A reader over the n bytes of z (n < 0: strlen), with its FILE. */
typedef struct Src {
  FILE *in;
  CsvReader *p;
} Src;

static Src src_open(const char *z, long n, char cSep) {
  Src s;
  size_t nLen = n < 0 ? strlen(z) : (size_t)n;
  s.in = fmemopen((void *)z, nLen ? nLen : 1, "r");
  if (nLen == 0) fgetc(s.in); /* fmemopen refuses size 0: consume the one byte */
  assert_non_null(s.in);
  s.p = csv_reader_new(s.in, cSep);
  return s;
}

static void src_close(Src *s) {
  csv_reader_free(s->p);
  fclose(s->in);
}

/* The next record must be the nField strings of az, starting on iLine. */
static void expect_record(Src *s, long iLine, int nField, const char *const *az) {
  const CsvRecord *r;
  int rc = csv_next(s->p, &r);
  if (rc != CSV_RECORD) fail_msg("expected a record at line %ld, got %d (%s)", iLine, rc,
                                 csv_errmsg(s->p));
  assert_int_equal(r->iLine, iLine);
  assert_int_equal(r->nField, nField);
  for (int i = 0; i < nField; i++) assert_string_equal(r->azField[i], az[i]);
}

static void expect_end(Src *s) {
  const CsvRecord *r;
  assert_int_equal(csv_next(s->p, &r), CSV_END);
  assert_int_equal(csv_next(s->p, &r), CSV_END);
}

static void expect_error(Src *s, long iLine, const char *zLike) {
  const CsvRecord *r;
  int rc;
  while ((rc = csv_next(s->p, &r)) == CSV_RECORD) {}
  assert_int_equal(rc, CSV_ERROR);
  assert_int_equal(csv_errline(s->p), iLine);
  if (!strstr(csv_errmsg(s->p), zLike)) fail_msg("'%s' lacks '%s'", csv_errmsg(s->p), zLike);
  assert_int_equal(csv_next(s->p, &r), CSV_ERROR); /* errors are sticky */
}

#define FIELDS(...) (const char *const[]){__VA_ARGS__}
#define NFIELDS(...) (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
#define EXPECT(s, line, ...) expect_record(s, line, NFIELDS(__VA_ARGS__), FIELDS(__VA_ARGS__))

static void test_plain(void **state) {
  (void)state;
  Src s = src_open("a,b,c\n1,2,3\n4,5,6\n", -1, 0);
  EXPECT(&s, 1, "a", "b", "c");
  EXPECT(&s, 2, "1", "2", "3");
  EXPECT(&s, 3, "4", "5", "6");
  expect_end(&s);
  assert_int_equal(csv_separator(s.p), ',');
  src_close(&s);
}

static void test_quoting(void **state) {
  (void)state;
  Src s = src_open("name,note\n"
                   "\"Rossi, Mario\",\"he said \"\"ciao\"\"\"\n"
                   "\"\",plain\n"
                   "  spaced  ,\"  kept  \"\n",
                   -1, 0);
  EXPECT(&s, 1, "name", "note");
  EXPECT(&s, 2, "Rossi, Mario", "he said \"ciao\"");
  EXPECT(&s, 3, "", "plain");
  EXPECT(&s, 4, "spaced", "  kept  ");
  expect_end(&s);
  src_close(&s);
}

static void test_multiline_field_start_line(void **state) {
  (void)state;
  Src s = src_open("id,note\n"
                   "1,\"first line\n"
                   "second line\n"
                   "third\"\n"
                   "2,after\n"
                   "\n"
                   "3,\"x\ny\"\n",
                   -1, 0);
  EXPECT(&s, 1, "id", "note");
  EXPECT(&s, 2, "1", "first line\nsecond line\nthird");
  EXPECT(&s, 5, "2", "after");
  EXPECT(&s, 7, "3", "x\ny");
  expect_end(&s);
  src_close(&s);
}

static void test_bom(void **state) {
  (void)state;
  Src s = src_open("\xEF\xBB\xBFperson_ref;last_name\nP1;Rossi\n", -1, 0);
  EXPECT(&s, 1, "person_ref", "last_name");
  EXPECT(&s, 2, "P1", "Rossi");
  expect_end(&s);
  src_close(&s);
}

static void test_semicolon_detection(void **state) {
  (void)state;
  /* semicolons outside quotes win; the commas inside quotes do not count */
  Src s = src_open("\"a,b,c\";d;e\n\"1,5\";2;\"x;y\"\n", -1, 0);
  EXPECT(&s, 1, "a,b,c", "d", "e");
  EXPECT(&s, 2, "1,5", "2", "x;y");
  expect_end(&s);
  assert_int_equal(csv_separator(s.p), ';');
  src_close(&s);
  /* a tie (here none of either) is a comma */
  s = src_open("single\nva;lue\n", -1, 0);
  EXPECT(&s, 1, "single");
  EXPECT(&s, 2, "va;lue");
  expect_end(&s);
  assert_int_equal(csv_separator(s.p), ',');
  src_close(&s);
  /* more commas than semicolons */
  s = src_open("a,b;c,d\n", -1, 0);
  EXPECT(&s, 1, "a", "b;c", "d");
  src_close(&s);
  /* a forced separator is not detected */
  s = src_open("a;b,c\n", -1, ',');
  EXPECT(&s, 1, "a;b", "c");
  src_close(&s);
}

static void test_line_ends(void **state) {
  (void)state;
  Src s = src_open("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5", -1, 0);
  EXPECT(&s, 1, "a", "b");
  EXPECT(&s, 2, "1", "2");
  EXPECT(&s, 4, "3", "x\r\ny");
  EXPECT(&s, 6, "4", "5"); /* no line end at the end of the file */
  expect_end(&s);
  src_close(&s);
  /* old Mac spreadsheets: CR alone */
  s = src_open("a,b\r1,2\r3,4\r", -1, 0);
  EXPECT(&s, 1, "a", "b");
  EXPECT(&s, 2, "1", "2");
  EXPECT(&s, 3, "3", "4");
  expect_end(&s);
  src_close(&s);
}

static void test_empty_fields_and_rows(void **state) {
  (void)state;
  Src s = src_open("a,b,c\n,,x\n,,\n;;\n,y,\n", -1, 0);
  EXPECT(&s, 1, "a", "b", "c");
  EXPECT(&s, 2, "", "", "x");
  /* ",," is a row of empty fields: skipped like a blank line */
  EXPECT(&s, 4, ";;");
  EXPECT(&s, 5, "", "y", "");
  expect_end(&s);
  src_close(&s);
  s = src_open("", 0, 0);
  expect_end(&s);
  src_close(&s);
  s = src_open("\n\n\n", -1, 0);
  expect_end(&s);
  src_close(&s);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  /* Latin-1 "è" (0xE8) on line 3 */
  Src s = src_open("a,b\nok,\xC3\xA8\nbad,\xE8\n", -1, 0);
  EXPECT(&s, 1, "a", "b");
  EXPECT(&s, 2, "ok", "\xC3\xA8");
  expect_error(&s, 3, "invalid UTF-8");
  src_close(&s);
  /* overlong form, surrogate, above U+10FFFF, truncated at the end */
  const char *const azBad[] = {"x\n\xC0\xAF\n", "x\n\xED\xA0\x80\n", "x\n\xF4\x90\x80\x80\n",
                               "x\n\xE2\x82"};
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++) {
    s = src_open(azBad[i], -1, 0);
    expect_error(&s, 2, "invalid UTF-8");
    src_close(&s);
  }
  /* a NUL byte */
  s = src_open("a\nb\0c\n", 6, 0);
  expect_error(&s, 2, "NUL");
  src_close(&s);
  /* four-byte characters are fine */
  s = src_open("\xF0\x9F\x98\x80,\xE2\x82\xAC\n", -1, 0);
  EXPECT(&s, 1, "\xF0\x9F\x98\x80", "\xE2\x82\xAC");
  src_close(&s);
}

static void test_bad_quoting(void **state) {
  (void)state;
  Src s = src_open("a,b\n1,2\nab\"c,3\n", -1, 0);
  EXPECT(&s, 1, "a", "b");
  EXPECT(&s, 2, "1", "2");
  expect_error(&s, 3, "quot");
  src_close(&s);
  s = src_open("a,b\n\"x\"y,3\n", -1, 0);
  expect_error(&s, 2, "quot");
  src_close(&s);
  /* a quote left open: reported on the line the record starts on */
  s = src_open("a,b\n1,2\n3,\"open\n4,5\n6,7\n", -1, 0);
  EXPECT(&s, 1, "a", "b");
  EXPECT(&s, 2, "1", "2");
  expect_error(&s, 3, "not closed");
  src_close(&s);
}

/* A file of many chunks: line numbers, multi-byte characters cut by a
** chunk boundary, CRLF cut between CR and LF. */
static void test_large(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  buf_puts(&b, "id,name,note\r\n");
  int nRow = 30000;
  for (int i = 1; i <= nRow; i++) {
    if (i % 1000 == 0) buf_printf(&b, "%d,\"Niccol\xC3\xB2\",\"two\r\nlines\"\r\n", i);
    else buf_printf(&b, "%d,Citt\xC3\xA0 %d,\xE2\x82\xAC\r\n", i, i);
  }
  Src s = src_open(b.z, (long)b.n, 0);
  const CsvRecord *r;
  assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
  long iLine = 2;
  for (int i = 1; i <= nRow; i++) {
    assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
    assert_int_equal(r->iLine, iLine);
    assert_int_equal(r->nField, 3);
    assert_int_equal(atoi(r->azField[0]), i);
    if (i % 1000 == 0) {
      assert_string_equal(r->azField[2], "two\r\nlines");
      iLine += 2;
    } else {
      char z[64];
      snprintf(z, sizeof z, "Citt\xC3\xA0 %d", i);
      assert_string_equal(r->azField[1], z);
      assert_string_equal(r->azField[2], "\xE2\x82\xAC");
      iLine += 1;
    }
  }
  expect_end(&s);
  assert_int_equal(csv_lines_read(s.p), iLine - 1);
  src_close(&s);
  buf_free(&b);
}

/* A record is capped at 1 MiB: a quote left open in a big file stops at
** the cap, reported on the record's first line; a big field below the
** cap is fine, and does not count against the records after it. */
static void test_record_cap(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  buf_puts(&b, "id,note\n1,\"");
  for (int i = 0; i < 900 * 1024; i++) buf_putc(&b, 'x');
  buf_puts(&b, "\"\n");
  for (int i = 2; i < 2000; i++) buf_printf(&b, "%d,%0200d\n", i, i);
  Src s = src_open(b.z, (long)b.n, 0);
  const CsvRecord *r;
  assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
  assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
  assert_int_equal(strlen(r->azField[1]), 900 * 1024);
  for (int i = 2; i < 2000; i++) {
    assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
    assert_int_equal(r->iLine, i + 1);
  }
  expect_end(&s);
  src_close(&s);
  buf_reset(&b);
  buf_puts(&b, "id,note\n1,ok\n2,\"never closed\n");
  for (int i = 0; i < 20000; i++) buf_printf(&b, "%d,%0100d\n", i, i);
  s = src_open(b.z, (long)b.n, 0);
  EXPECT(&s, 1, "id", "note");
  EXPECT(&s, 2, "1", "ok");
  expect_error(&s, 3, "longer than 1 MiB");
  src_close(&s);
  buf_free(&b);
}

static const CsvColumn aCol[] = {
    {"person_ref", 1}, {"household_ref", 1}, {"first_name", 1}, {"gender", 0}, {"municipality", 0},
};
#define N_COL (int)(sizeof aCol / sizeof aCol[0])

/* Map the header of z; returns the problems and fills aiIndex. */
static int map_header(const char *z, int *aiIndex, Buf *pErr) {
  Src s = src_open(z, -1, 0);
  const CsvRecord *r;
  assert_int_equal(csv_next(s.p, &r), CSV_RECORD);
  int n = csv_columns(r, aCol, N_COL, aiIndex, pErr);
  src_close(&s);
  return n;
}

static void test_header_order_and_case(void **state) {
  (void)state;
  int ai[N_COL];
  Buf err = BUF_INIT;
  assert_int_equal(map_header(" First_Name ;PERSON_REF;household_ref\n", ai, &err), 0);
  assert_int_equal(ai[0], 1);
  assert_int_equal(ai[1], 2);
  assert_int_equal(ai[2], 0);
  assert_int_equal(ai[3], -1); /* optional, absent */
  assert_int_equal(ai[4], -1);
  assert_string_equal(buf_str(&err), "");
  buf_free(&err);
}

static void test_header_problems(void **state) {
  (void)state;
  int ai[N_COL];
  Buf err = BUF_INIT;
  int n = map_header("person_ref,Colour,gender,first_name,GENDER,,shoe size\n", ai, &err);
  assert_int_equal(n, 5);
  assert_string_equal(buf_str(&err),
                      "unknown column Colour\n"
                      "duplicate column gender\n"
                      "column 6 has no name\n"
                      "unknown column shoe size\n"
                      "missing column household_ref\n");
  buf_free(&err);
}

/* Write fields with csv_write_field and read them back. */
static void test_writer(void **state) {
  (void)state;
  const char *const az[] = {"plain",   "with,comma", "with;semi", "say \"hi\"", "two\nlines",
                            " lead",   "trail\t",    "",          "Città",      "\"",
                            "cr\ronly"};
  int n = (int)(sizeof az / sizeof *az);
  Buf b = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (i) buf_putc(&b, ',');
    csv_write_field(&b, az[i]);
  }
  buf_puts(&b, "\r\n");
  assert_non_null(strstr(b.z, "plain,\"with,comma\",\"with;semi\",\"say \"\"hi\"\"\""));
  assert_non_null(strstr(b.z, ",,Città,\"\"\"\","));
  Src s = src_open(b.z, (long)b.n, ',');
  expect_record(&s, 1, n, az);
  expect_end(&s);
  src_close(&s);
  buf_reset(&b);
  csv_write_field(&b, NULL);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_plain),
      cmocka_unit_test(test_quoting),
      cmocka_unit_test(test_multiline_field_start_line),
      cmocka_unit_test(test_bom),
      cmocka_unit_test(test_semicolon_detection),
      cmocka_unit_test(test_line_ends),
      cmocka_unit_test(test_empty_fields_and_rows),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_bad_quoting),
      cmocka_unit_test(test_large),
      cmocka_unit_test(test_record_cap),
      cmocka_unit_test(test_header_order_and_case),
      cmocka_unit_test(test_header_problems),
      cmocka_unit_test(test_writer),
  };
  return cmocka_run_group_tests(aTest, 0, 0);
}
