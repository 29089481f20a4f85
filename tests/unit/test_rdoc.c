/*
** test_rdoc.c — the report model and its writers (src/report/rdoc*.c):
** cells keep their types and rows close after nCol cells; CSV quotes what
** must be quoted and carries the data table only; JSON parses back with
** the data rows as objects and the views as arrays; text aligns numbers
** to the right; the XLSX is a real workbook whose sheets hold numbers as
** numbers (read back with unzip); the PDF's text holds every cell and
** note (read back with pdftotext); the missing values are worded as the
** reference chapter words them.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/report/pdf.c"
#include "../../src/report/rdoc.c"
#include "../../src/report/rdoc_pdf.c"
#include "../../src/report/rdoc_xlsx.c"

/* A small profile-like report: a tidy data table and one view. */
static void sample(RDoc *d, Arena *a) {
  static const char *const azData[] = {"dimension", "category", "round", "count", "percent"};
  static const char *const azView[] = {"category", "count", "percent"};
  static const char *const azLabel[] = {"Gender", "N.", "%"};
  rdoc_init(d, a, "profile", "Participant profile");
  rdoc_subtitle(d, "Rounds %s and %s", "R1", "R2");
  RTable *t = rdoc_data(d, 5, azData, NULL);
  rt_text(t, "gender"), rt_text(t, "F"), rt_text(t, "R1"), rt_int(t, 80), rt_percent(t, 80, 143);
  rt_text(t, "gender"), rt_text(t, "missing"), rt_text(t, "R1"), rt_int(t, 1), rt_null(t);
  rt_text(t, "note"), rt_text(t, "a, \"quoted\"\nline"), rt_text(t, "total"), rt_int(t, 0),
      rt_real(t, 2.0 / 3.0, 2);
  RTable *v = rdoc_view(d, "gender", "Gender of the participants", 3, azView, azLabel);
  rt_text(v, "Femmine"), rt_int(v, 80), rt_percent(v, 80, 143);
  rt_text(v, "Maschi"), rt_int(v, 63), rt_percent(v, 63, 143);
  rt_note(v, "%s", report_missing(a, LANG_EN, 6));
  rt_chart(v, 1, 0);
}

static void test_cells_and_rows(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  RDoc d;
  sample(&d, &a);
  assert_int_equal(d.pData->nRow, 3);
  assert_int_equal(d.nView, 1);
  assert_int_equal(rt_cell(d.pData, 0, 3)->e, RC_INT);
  assert_int_equal(rt_cell(d.pData, 1, 4)->e, RC_NULL);
  assert_string_equal(rcell_str(&a, rt_cell(d.pData, 0, 4)), "55.9");
  assert_string_equal(rcell_str(&a, rt_cell(d.pData, 2, 4)), "0.67");
  assert_null(rt_cell(d.pData, 3, 0));
  assert_null(rt_cell(d.pData, 0, 5));
  /* a half-filled row is not a row yet */
  rt_text(d.pData, "gender");
  assert_int_equal(d.pData->nRow, 3);
  arena_free(&a);
}

static void test_csv(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  sample(&d, &a);
  rdoc_csv(&d, &b);
  assert_string_equal(buf_str(&b),
                      "dimension,category,round,count,percent\n"
                      "gender,F,R1,80,55.9\n"
                      "gender,missing,R1,1,\n"
                      "note,\"a, \"\"quoted\"\"\nline\",total,0,0.67\n");
  buf_free(&b);
  arena_free(&a);
}

static void test_json(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  sample(&d, &a);
  rdoc_json(&d, &b);
  json_error_t e;
  json_t *j = json_loads(buf_str(&b), 0, &e);
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "report")), "profile");
  assert_string_equal(json_string_value(json_object_get(j, "subtitle")), "Rounds R1 and R2");
  json_t *aRow = json_object_get(j, "rows");
  assert_int_equal(json_array_size(aRow), 3);
  json_t *r0 = json_array_get(aRow, 0);
  assert_int_equal(json_integer_value(json_object_get(r0, "count")), 80);
  assert_true(json_is_real(json_object_get(r0, "percent")));
  assert_true(json_is_null(json_object_get(json_array_get(aRow, 1), "percent")));
  json_t *v = json_array_get(json_object_get(j, "tables"), 0);
  assert_string_equal(json_string_value(json_object_get(v, "name")), "gender");
  assert_string_equal(json_string_value(json_array_get(json_object_get(v, "labels"), 1)), "N.");
  assert_int_equal(json_integer_value(json_array_get(
                       json_array_get(json_object_get(v, "rows"), 1), 1)),
                   63);
  assert_string_equal(json_string_value(json_array_get(json_object_get(v, "notes"), 0)),
                      "six missing values");
  json_decref(j);
  buf_free(&b);
  arena_free(&a);
}

static void test_text(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  sample(&d, &a);
  rdoc_text(&d, &b);
  assert_string_equal(buf_str(&b),
                      "Participant profile\n"
                      "Rounds R1 and R2\n"
                      "\n"
                      "Gender of the participants\n"
                      "\n"
                      "Gender   N.     %\n"
                      "Femmine  80  55.9\n"
                      "Maschi   63  44.1\n"
                      "six missing values\n");
  buf_free(&b);
  arena_free(&a);
}

/* Writes b to a temporary file; its path in zPath. */
static void to_file(const Buf *b, char *zPath) {
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, b->z, b->n), (ssize_t)b->n);
  close(fd);
}

/* The output of a shell command: the caller frees it. */
static char *run(const char *zCmd) {
  FILE *in = popen(zCmd, "r");
  assert_non_null(in);
  Buf out = BUF_INIT;
  char z[4096];
  size_t n;
  while ((n = fread(z, 1, sizeof z, in)) > 0) buf_append(&out, z, n);
  assert_int_equal(pclose(in), 0);
  buf_putc(&out, 0);
  return out.z;
}

static void test_xlsx(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  sample(&d, &a);
  assert_int_equal(rdoc_xlsx(&d, &b), 0);
  assert_memory_equal(b.z, "PK", 2);
  char zPath[] = "/tmp/ali-test-xlsx-XXXXXX";
  to_file(&b, zPath);
  char zCmd[256];
  snprintf(zCmd, sizeof zCmd, "unzip -p %s xl/workbook.xml", zPath);
  char *z = run(zCmd);
  assert_non_null(strstr(z, "name=\"gender\""));
  assert_non_null(strstr(z, "name=\"data\""));
  free(z);
  /* the view's sheet: 80 in B5 as a number, not a string */
  snprintf(zCmd, sizeof zCmd, "unzip -p %s xl/worksheets/sheet1.xml", zPath);
  z = run(zCmd);
  assert_non_null(strstr(z, "<c r=\"B5\"><v>80</v></c>"));
  free(z);
  snprintf(zCmd, sizeof zCmd, "unzip -p %s xl/sharedStrings.xml", zPath);
  z = run(zCmd);
  assert_non_null(strstr(z, "Femmine"));
  assert_non_null(strstr(z, "six missing values"));
  assert_non_null(strstr(z, "dimension"));
  free(z);
  unlink(zPath);
  buf_free(&b);
  arena_free(&a);
}

static void test_pdf(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  Buf b = BUF_INIT;
  RDoc d;
  sample(&d, &a);
  assert_int_equal(rdoc_pdf(&d, LANG_EN, "Agency of Pisa", &b), 0);
  assert_memory_equal(b.z, "%PDF-", 5);
  char zPath[] = "/tmp/ali-test-rdoc-XXXXXX";
  to_file(&b, zPath);
  char zCmd[256];
  snprintf(zCmd, sizeof zCmd, "pdftotext -enc UTF-8 -layout %s -", zPath);
  char *z = run(zCmd);
  assert_non_null(strstr(z, "Participant profile"));
  assert_non_null(strstr(z, "Agency of Pisa"));
  assert_non_null(strstr(z, "Femmine"));
  assert_non_null(strstr(z, "55.9"));
  assert_non_null(strstr(z, "six missing values"));
  free(z);
  unlink(zPath);
  buf_free(&b);
  arena_free(&a);
}

static void test_missing_words(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  assert_null(report_missing(&a, LANG_EN, 0));
  assert_string_equal(report_missing(&a, LANG_EN, 1), "one missing value");
  assert_string_equal(report_missing(&a, LANG_EN, 6), "six missing values");
  assert_string_equal(report_missing(&a, LANG_EN, 12), "12 missing values");
  assert_string_equal(report_missing(&a, LANG_IT, 1), "un valore mancante");
  assert_string_equal(report_missing(&a, LANG_IT, 6), "sei valori mancanti");
  assert_string_equal(report_missing(&a, LANG_IT, 11), "11 valori mancanti");
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cells_and_rows), cmocka_unit_test(test_csv),
      cmocka_unit_test(test_json),           cmocka_unit_test(test_text),
      cmocka_unit_test(test_xlsx),           cmocka_unit_test(test_pdf),           cmocka_unit_test(test_missing_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
