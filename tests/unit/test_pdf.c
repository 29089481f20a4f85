/*
** test_pdf.c — the document writer (src/report/pdf.c): a real PDF comes
** out, its text (read back with pdftotext) holds every block with its
** accents, long content breaks into pages with "Page N of M" on each, a
** table repeats its header after a break, a cell taller than a page is
** split rather than lost, and nothing leaks (AddressSanitizer).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/mem.c"
#include "../../src/report/pdf.c"

/* The text of a PDF, by pdftotext: the caller frees it. */
static char *pdf_text(const Buf *pPdf) {
  char zIn[] = "/tmp/ali-test-pdf-XXXXXX";
  int fd = mkstemp(zIn);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, pPdf->z, pPdf->n), (ssize_t)pPdf->n);
  close(fd);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "pdftotext -enc UTF-8 %s -", zIn);
  FILE *in = popen(zCmd, "r");
  assert_non_null(in);
  Buf out = BUF_INIT;
  char a[4096];
  size_t n;
  while ((n = fread(a, 1, sizeof a, in)) > 0) buf_append(&out, a, n);
  assert_int_equal(pclose(in), 0);
  unlink(zIn);
  char *z = xstrdup(buf_str(&out));
  buf_free(&out);
  return z;
}

static int count(const char *zHay, const char *zNeedle) {
  int n = 0;
  for (const char *z = zHay; (z = strstr(z, zNeedle)); z += strlen(zNeedle)) n++;
  return n;
}

static void test_pdf_blocks_and_metadata(void **state) {
  (void)state;
  Pdf *p = pdf_new(LANG_EN, "Access form", "Società della Salute");
  pdf_title(p, "Access and Evaluation Form", "Niccolò Bàrberi");
  pdf_heading(p, "Vulnerabilities");
  pdf_checkbox(p, "Foreign origin", 1);
  pdf_checkbox(p, "Single parenthood", 0);
  pdf_checkbox(p, "Relational poverty", 1);
  pdf_field(p, "Codice fiscale", "BRBNCL80A01G702X");
  pdf_field(p, "Past work", NULL);
  pdf_paragraph(p, "Perché è così: più città, già fatto.");
  pdf_note(p, "Nothing recorded");
  const char *azWho[] = {"Participant", "The social worker"};
  const char *azName[] = {"Niccolò Bàrberi", NULL};
  pdf_signatures(p, "Place and date", 2, azWho, azName);
  Buf b = BUF_INIT;
  int nPage = 0;
  assert_int_equal(pdf_finish(p, &b, &nPage), 0);
  assert_int_equal(nPage, 1);
  assert_true(b.n > 1000);
  assert_memory_equal(b.z, "%PDF-", 5);
  char *zText = pdf_text(&b);
  const char *azWant[] = {"Access and Evaluation Form",
                          "Niccolò Bàrberi",
                          "Vulnerabilities",
                          "Foreign origin",
                          "Relational poverty",
                          "BRBNCL80A01G702X",
                          "Perché è così: più città, già fatto.",
                          "Nothing recorded",
                          "Participant",
                          "The social worker",
                          "Place and date",
                          "Società della Salute",
                          "Page 1 of 1"};
  for (size_t i = 0; i < sizeof azWant / sizeof azWant[0]; i++) {
    if (!strstr(zText, azWant[i])) fail_msg("missing \"%s\" in:\n%s", azWant[i], zText);
  }
  free(zText);
  /* the metadata: title and creator, as text in the file's Info */
  assert_non_null(memmem(b.z, b.n, "(Access form)", 13));
  assert_non_null(memmem(b.z, b.n, "(ali)", 5));
  buf_free(&b);
}

static void test_pdf_breaks_pages_and_repeats_the_table_header(void **state) {
  (void)state;
  Pdf *p = pdf_new(LANG_EN, "Project", "Agency");
  pdf_heading(p, "Interventions");
  const char *azHead[] = {"Service", "Member", "Hours"};
  const double aW[] = {2, 2, 1};
  pdf_table_begin(p, 3, azHead, aW);
  char zCell[64];
  for (int i = 0; i < 120; i++) {
    snprintf(zCell, sizeof zCell, "Row%03d", i);
    const char *az[] = {zCell, "Maria Rossi", "40"};
    pdf_table_row(p, az);
  }
  pdf_table_end(p);
  /* a cell longer than a page: split, every word kept */
  Buf big = BUF_INIT;
  for (int i = 0; i < 400; i++) buf_printf(&big, "word%03d ", i);
  const char *az[] = {"Long", buf_str(&big), "1"};
  pdf_table_begin(p, 3, azHead, aW);
  pdf_table_row(p, az);
  pdf_table_end(p);
  pdf_paragraph(p, "The end.");
  Buf b = BUF_INIT;
  int nPage = 0;
  assert_int_equal(pdf_finish(p, &b, &nPage), 0);
  assert_true(nPage >= 4);
  char *zText = pdf_text(&b);
  for (int i = 0; i < 120; i++) {
    snprintf(zCell, sizeof zCell, "Row%03d", i);
    if (!strstr(zText, zCell)) fail_msg("missing %s", zCell);
  }
  for (int i = 0; i < 400; i++) {
    snprintf(zCell, sizeof zCell, "word%03d", i);
    if (!strstr(zText, zCell)) fail_msg("missing %s", zCell);
  }
  /* the header once per page the table is on (at least one break each) */
  assert_true(count(zText, "Service") >= 4);
  char zLast[32];
  snprintf(zLast, sizeof zLast, "Page %d of %d", nPage, nPage);
  assert_non_null(strstr(zText, zLast));
  assert_non_null(strstr(zText, "Page 1 of"));
  assert_non_null(strstr(zText, "The end."));
  free(zText);
  buf_free(&b);
  buf_free(&big);
}

static void test_pdf_invalid_utf8_is_repaired(void **state) {
  (void)state;
  Pdf *p = pdf_new(LANG_EN, "T", "H");
  pdf_paragraph(p, "ok \xff\xfe still ok");
  Buf b = BUF_INIT;
  assert_int_equal(pdf_finish(p, &b, NULL), 0);
  char *zText = pdf_text(&b);
  assert_non_null(strstr(zText, "still ok"));
  free(zText);
  buf_free(&b);
  pdf_free(NULL);
  pdf_free(pdf_new(LANG_IT, "never rendered", NULL));
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_pdf_blocks_and_metadata),
      cmocka_unit_test(test_pdf_breaks_pages_and_repeats_the_table_header),
      cmocka_unit_test(test_pdf_invalid_utf8_is_repaired),
  };
  return cmocka_run_group_tests(aTest, 0, 0);
}
