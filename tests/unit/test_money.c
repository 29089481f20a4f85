/*
** Unit tests for the pure rules of the programme's money:
** src/domain/money.c (quarters, hours times rates, expense kinds, the
** statement's state machine, which expenses a statement takes, the
** breakdown per stream, cooperative and quarter, the warnings),
** expense_validate() of src/domain/expense.c, and the checks and the
** storage of receipts (src/domain/receipt.c: types by content, size,
** declared types, names, a stored file read back and a changed one
** refused).  Expected figures are worked out by hand in each test.
** Included h2o style.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/domain/expense.c"
#include "../../src/domain/money.c"
#include "../../src/domain/receipt.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/date.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"

/* ---- quarters ---- */

static void test_quarters(void **state) {
  (void)state;
  assert_int_equal(quarter_parse("2021-Q3"), 2021 * 4 + 2);
  assert_int_equal(quarter_parse("2021-Q1") + 1, quarter_parse("2021-Q2"));
  assert_int_equal(quarter_parse("2020-Q4") + 1, quarter_parse("2021-Q1"));
  static const char *const azBad[] = {"2021-Q0", "2021-Q5", "2021Q3", "2021-q3", "21-Q3",
                                      "2021-Q3 ", "1799-Q4", "2201-Q1", "", "2021-03"};
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++)
    assert_int_equal(quarter_parse(azBad[i]), -1);
  assert_int_equal(quarter_parse(NULL), -1);
  char z[8];
  quarter_format(quarter_parse("2022-Q4"), z);
  assert_string_equal(z, "2022-Q4");
  quarter_format(quarter_parse("2022-Q4") + 1, z);
  assert_string_equal(z, "2023-Q1");
  assert_int_equal(quarter_of_date("2021-01-01"), quarter_parse("2021-Q1"));
  assert_int_equal(quarter_of_date("2021-03-31"), quarter_parse("2021-Q1"));
  assert_int_equal(quarter_of_date("2021-04-01"), quarter_parse("2021-Q2"));
  assert_int_equal(quarter_of_date("2021-09-30"), quarter_parse("2021-Q3"));
  assert_int_equal(quarter_of_date("2021-12-31"), quarter_parse("2021-Q4"));
  assert_int_equal(quarter_of_date("2021-02-30"), -1);
  assert_int_equal(quarter_of_month("2021-07"), quarter_parse("2021-Q3"));
  assert_int_equal(quarter_of_month("2021-13"), -1);
  char zD[11];
  static const char *const azLast[4] = {"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"};
  static const char *const azFirst[4] = {"2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"};
  for (int q = 0; q < 4; q++) {
    quarter_first_day(2024 * 4 + q, zD);
    assert_string_equal(zD, azFirst[q]);
    quarter_last_day(2024 * 4 + q, zD);
    assert_string_equal(zD, azLast[q]);
  }
}

/* ---- amounts ---- */

static void test_hours(void **state) {
  (void)state;
  int64_t v = 0;
  static const struct { const char *z; int64_t v; } aOk[] = {
      {"2", 200}, {"1,5", 150}, {"1.5", 150}, {"1.25", 125}, {" 0,75 ", 75}, {"10000", 1000000},
      {"0.01", 1}, {"12,05", 1205}};
  for (size_t i = 0; i < sizeof aOk / sizeof *aOk; i++) {
    assert_int_equal(money_hours_parse(aOk[i].z, &v), 0);
    assert_int_equal(v, aOk[i].v);
  }
  static const char *const azBad[] = {"", "0", "0,00", "-1", "1,234", "1.2.3", "1,", ",5", "abc",
                                      "10000.01", "1 000", "1e3"};
  for (size_t i = 0; i < sizeof azBad / sizeof *azBad; i++) {
    v = -7;
    assert_int_equal(money_hours_parse(azBad[i], &v), -1);
    assert_int_equal(v, -7);
  }
  char z[24];
  money_hours_format(150, 1, z);
  assert_string_equal(z, "1,5");
  money_hours_format(125, 0, z);
  assert_string_equal(z, "1.25");
  money_hours_format(800, 0, z);
  assert_string_equal(z, "8");
  money_hours_format(105, 0, z);
  assert_string_equal(z, "1.05");
}

static void test_amounts(void **state) {
  (void)state;
  /* 1.5 h at 23.50 = 35.25; 0.33 h at 10.00 = 3.30; 0.01 h at 0.49 =
  ** 0.0049 -> 0.00 (half up of 0.49 cents is 0); 0.01 h at 0.50 = 0.005
  ** -> 0.01 (half up) */
  assert_int_equal(money_hours_amount(150, 2350), 3525);
  assert_int_equal(money_hours_amount(33, 1000), 330);
  assert_int_equal(money_hours_amount(1, 49), 0);
  assert_int_equal(money_hours_amount(1, 50), 1);
  assert_int_equal(money_hours_amount(1, 149), 1);
  assert_int_equal(money_hours_amount(1, 150), 2);
  assert_int_equal(money_hours_amount(0, 100), -1);
  assert_int_equal(money_hours_amount(100, 0), -1);
  assert_int_equal(money_hours_amount(MONEY_HOURS_MAX_X100 + 1, 100), -1);
  assert_int_equal(money_hours_amount(MONEY_HOURS_MAX_X100, MONEY_MAX_CENTS), -1);
  assert_int_equal(money_hours_amount(100, MONEY_MAX_CENTS), MONEY_MAX_CENTS);
}

static void test_kinds(void **state) {
  (void)state;
  for (int e = 0; e < EK_COUNT; e++) assert_int_equal(expense_kind_find(expense_kind_code(e)), e);
  assert_int_equal(expense_kind_find("fee"), -1);
  assert_int_equal(expense_kind_find(NULL), -1);
  assert_null(expense_kind_problem(EK_HOURS, "home_education"));
  assert_null(expense_kind_problem(EK_OTHER, "internship"));
  assert_null(expense_kind_problem(EK_COURSE_FEE, "training"));
  assert_non_null(expense_kind_problem(EK_COURSE_FEE, "internship"));
  assert_null(expense_kind_problem(EK_INDEMNITY, "internship"));
  assert_non_null(expense_kind_problem(EK_INDEMNITY, "training"));
  assert_non_null(expense_kind_problem(EK_INDEMNITY, NULL));
}

/* ---- the statement ---- */

static void test_state_machine(void **state) {
  (void)state;
  /* the table of money.h, row by row: 1 allowed */
  static const int aWant[SA_COUNT][ST_COUNT] = {
      /*                draft sub appr part rej reimb */
      [SA_REFRESH] = {1, 0, 0, 1, 1, 0},
      [SA_REMOVE] = {1, 0, 0, 1, 1, 0},
      [SA_EDIT] = {1, 0, 0, 1, 1, 0},
      [SA_SUBMIT] = {1, 0, 0, 1, 1, 0},
      [SA_DECIDE] = {0, 1, 0, 0, 0, 0},
      [SA_REIMBURSE] = {0, 0, 1, 0, 0, 0},
      [SA_DELETE] = {1, 0, 0, 0, 0, 0},
  };
  for (int a = 0; a < SA_COUNT; a++) {
    for (int s = 0; s < ST_COUNT; s++) {
      const char *z = statement_action_problem((StStatus)s, (StAction)a);
      if (aWant[a][s])
        assert_null(z);
      else
        assert_non_null(z);
    }
  }
  for (int s = 0; s < ST_COUNT; s++)
    assert_int_equal(statement_status_find(statement_status_code(s)), s);
  assert_int_equal(statement_status_find("paid"), -1);
  /* lines: an approved line is settled once the statement went out */
  assert_null(statement_line_problem(ST_DRAFT, LINE_APPROVED, SA_EDIT));
  assert_non_null(statement_line_problem(ST_PARTLY_APPROVED, LINE_APPROVED, SA_EDIT));
  assert_non_null(statement_line_problem(ST_PARTLY_APPROVED, LINE_APPROVED, SA_REMOVE));
  assert_null(statement_line_problem(ST_PARTLY_APPROVED, LINE_REJECTED, SA_EDIT));
  assert_null(statement_line_problem(ST_REJECTED, LINE_REJECTED, SA_REMOVE));
  assert_null(statement_line_problem(ST_PARTLY_APPROVED, LINE_PENDING, SA_REMOVE));
  assert_non_null(statement_line_problem(ST_SUBMITTED, LINE_PENDING, SA_EDIT));
  assert_non_null(statement_line_problem(ST_REIMBURSED, LINE_APPROVED, SA_EDIT));
  assert_int_equal(line_state_find(NULL), LINE_PENDING);
  assert_int_equal(line_state_find("approved"), LINE_APPROVED);
  assert_int_equal(line_state_find("rejected"), LINE_REJECTED);
  assert_int_equal(line_state_find("maybe"), -1);
}

static void test_submit_and_review(void **state) {
  (void)state;
  int iQ = quarter_parse("2021-Q3");
  /* the quarter must be over */
  assert_non_null(statement_submit_problem(ST_DRAFT, iQ, "2021-09-30", 2, 0, 0));
  assert_null(statement_submit_problem(ST_DRAFT, iQ, "2021-10-01", 2, 0, 0));
  assert_non_null(statement_submit_problem(ST_DRAFT, iQ, "2021-10-01", 0, 0, 0));
  assert_non_null(statement_submit_problem(ST_SUBMITTED, iQ, "2021-10-01", 2, 0, 0));
  /* again, after corrections: no rejected line left */
  assert_non_null(statement_submit_problem(ST_PARTLY_APPROVED, iQ, "2022-01-10", 0, 3, 1));
  assert_null(statement_submit_problem(ST_PARTLY_APPROVED, iQ, "2022-01-10", 1, 3, 0));
  assert_null(statement_submit_problem(ST_REJECTED, iQ, "2022-01-10", 2, 0, 0));
  assert_int_equal(statement_review_status(1, 2, 0), ST_SUBMITTED);
  assert_int_equal(statement_review_status(0, 3, 0), ST_APPROVED);
  assert_int_equal(statement_review_status(0, 2, 1), ST_PARTLY_APPROVED);
  assert_int_equal(statement_review_status(0, 0, 2), ST_REJECTED);
  assert_int_equal(statement_review_status(0, 0, 0), ST_SUBMITTED);
}

static void test_takes(void **state) {
  (void)state;
  int iQ = quarter_parse("2021-Q2");
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "2021-05-10", 0), 1);
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "2021-06-30", 0), 1);
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "2021-01-15", 0), 1); /* forgotten: joins */
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "2021-07-01", 0), 0); /* the next quarter's */
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "2021-05-10", 12), 0); /* counted once */
  assert_int_equal(statement_takes(7, 3, iQ, 8, 3, "2021-05-10", 0), 0);
  assert_int_equal(statement_takes(7, 3, iQ, 7, 4, "2021-05-10", 0), 0);
  assert_int_equal(statement_takes(7, 3, iQ, 7, 3, "not a date", 0), 0);
}

/* ---- figures and warnings ---- */

static void test_breakdown(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  int q1 = quarter_parse("2021-Q1"), q2 = q1 + 1;
  /* stream 10 (allocation 1000.00), stream 20 (500.00), stream 30 (none
  ** of its cells), and a cell of stream 99, which is not listed */
  const MoneyCell aCell[] = {
      {10, 1, q1, 40000, 10000, 10000}, {10, 2, q1, 30000, 5000, 0},
      {10, 1, q2, 20000, 15000, 0},     {20, 1, q2, 60000, 0, 0},
      {99, 1, q1, 777, 777, 777},
  };
  const int64_t aStream[] = {10, 20, 30}, aAlloc[] = {100000, 50000, 7000};
  MoneyRow *aRow;
  int n;
  money_breakdown(&a, aCell, 5, aStream, aAlloc, 3, MB_STREAM, &aRow, &n);
  assert_int_equal(n, 3);
  assert_int_equal(aRow[0].iStream, 10);
  assert_int_equal(aRow[0].nCommitted, 90000);
  assert_int_equal(aRow[0].nSpent, 30000);
  assert_int_equal(aRow[0].nReimbursed, 10000);
  assert_int_equal(aRow[0].nLeft, 10000);
  assert_int_equal(aRow[1].iStream, 20);
  assert_int_equal(aRow[1].nLeft, -10000); /* committed beyond the allocation */
  assert_int_equal(aRow[2].iStream, 30);
  assert_int_equal(aRow[2].nLeft, 7000);
  MoneyWarning w;
  assert_int_equal(money_stream_warning(&aRow[0], &w), 1);
  assert_int_equal(w.e, MW_NEARLY_SPENT); /* 90% committed */
  assert_int_equal(w.nAmount, 10000);
  assert_int_equal(money_stream_warning(&aRow[1], &w), 1);
  assert_int_equal(w.e, MW_OVERCOMMITTED);
  assert_int_equal(w.nAmount, 10000);
  assert_int_equal(money_stream_warning(&aRow[2], &w), 0);
  money_breakdown(&a, aCell, 5, aStream, aAlloc, 3, MB_STREAM_ORG, &aRow, &n);
  assert_int_equal(n, 3);
  assert_true(aRow[0].iStream == 10 && aRow[0].iOrg == 1 && aRow[0].nCommitted == 60000 &&
              aRow[0].nSpent == 25000);
  assert_true(aRow[1].iStream == 10 && aRow[1].iOrg == 2 && aRow[1].nCommitted == 30000);
  assert_true(aRow[2].iStream == 20 && aRow[2].iOrg == 1 && aRow[2].nCommitted == 60000);
  money_breakdown(&a, aCell, 5, aStream, aAlloc, 3, MB_STREAM_QUARTER, &aRow, &n);
  assert_int_equal(n, 3);
  assert_true(aRow[0].iStream == 10 && aRow[0].iQuarter == q1 && aRow[0].nCommitted == 70000 &&
              aRow[0].nReimbursed == 10000);
  assert_true(aRow[1].iStream == 10 && aRow[1].iQuarter == q2 && aRow[1].nSpent == 15000);
  assert_true(aRow[2].iStream == 20 && aRow[2].iQuarter == q2);
  /* spending beyond the estimates eats into what is left */
  const MoneyCell c = {5, 1, q1, 400, 700, 0};
  const int64_t a5[] = {5}, al[] = {1000};
  money_breakdown(&a, &c, 1, a5, al, 1, MB_STREAM, &aRow, &n);
  assert_int_equal(aRow[0].nLeft, 300);
  arena_free(&a);
}

static void test_late(void **state) {
  (void)state;
  int iQ = quarter_parse("2021-Q1"); /* ends 2021-03-31; due 30 days later, 2021-04-30 */
  MoneyWarning w;
  assert_int_equal(money_late_warning(3, 4, iQ, 5000, "2021-04-30", &w), 0);
  assert_int_equal(money_late_warning(3, 4, iQ, 5000, "2021-05-01", &w), 1);
  assert_int_equal(w.e, MW_LATE);
  assert_int_equal(w.nDaysLate, 1);
  assert_int_equal(w.nAmount, 5000);
  assert_int_equal(w.iOrg, 3);
  assert_int_equal(w.iStream, 4);
  assert_int_equal(w.iQuarter, iQ);
  assert_int_equal(money_late_warning(3, 4, iQ, 5000, "2021-07-30", &w), 1);
  assert_int_equal(w.nDaysLate, 91); /* May 31 + June 30 + July 30 */
  assert_int_equal(money_late_warning(3, 4, iQ, 0, "2022-01-01", &w), 0);
  assert_int_equal(money_late_warning(3, 4, iQ, 100, "garbage", &w), 0);
}

/* ---- expenses ---- */

static Expense ex_base(void) {
  Expense e;
  memset(&e, 0, sizeof e);
  e.iIntervention = 5;
  e.zKind = "other";
  e.zDescription = "Abbonamento bus per il tirocinio";
  e.zSpentOn = "2021-05-03";
  e.iAmountCents = 3500;
  return e;
}

static void test_expense_validate(void **state) {
  (void)state;
  Errors err = {0};
  Expense e = ex_base();
  expense_validate(&e, "2021-06-01", &err);
  assert_int_equal(err.n, 0);
  e.zSpentOn = "2021-06-02";
  expense_validate(&e, "2021-06-01", &err);
  assert_non_null(errors_get(&err, "spent_on"));
  err = (Errors){0};
  e = ex_base();
  e.zKind = "hours";
  e.iAmountCents = 0;
  expense_validate(&e, "2021-06-01", &err);
  assert_non_null(errors_get(&err, "hours"));
  assert_non_null(errors_get(&err, "hourly_rate_cents"));
  err = (Errors){0};
  e.iHoursX100 = 150;
  e.iRateCents = 2200;
  expense_validate(&e, "2021-06-01", &err);
  assert_int_equal(err.n, 0);
  e.iAmountCents = 100;
  expense_validate(&e, "2021-06-01", &err);
  assert_non_null(errors_get(&err, "amount_cents"));
  err = (Errors){0};
  e = ex_base();
  e.zKind = "course_fee";
  e.iHoursX100 = 100;
  e.iAmountCents = 0;
  e.zDescription = "   ";
  e.iIntervention = 0;
  expense_validate(&e, "2021-06-01", &err);
  assert_non_null(errors_get(&err, "hours"));
  assert_non_null(errors_get(&err, "amount_cents"));
  assert_non_null(errors_get(&err, "description"));
  assert_non_null(errors_get(&err, "intervention_id"));
  err = (Errors){0};
  e = ex_base();
  e.zKind = "indemnity";
  e.iAmountCents = 0; /* the placement's monthly indemnity, later */
  expense_validate(&e, "2021-06-01", &err);
  assert_int_equal(err.n, 0);
  e.zKind = "gift";
  expense_validate(&e, "2021-06-01", &err);
  assert_non_null(errors_get(&err, "kind"));
}

/* ---- receipts ---- */

static void test_receipt_checks(void **state) {
  (void)state;
  const char *zType;
  static const unsigned char aPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
  static const unsigned char aJpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
  assert_string_equal(receipt_type_of("%PDF-1.4\n", 9), "application/pdf");
  assert_string_equal(receipt_type_of(aPng, sizeof aPng), "image/png");
  assert_string_equal(receipt_type_of(aJpg, sizeof aJpg), "image/jpeg");
  assert_null(receipt_type_of("%PDF", 4));
  assert_null(receipt_type_of("GIF89a", 6));
  assert_null(receipt_type_of("<html>%PDF-", 11));
  assert_null(receipt_problem("%PDF-1.7", 8, NULL, &zType));
  assert_string_equal(zType, "application/pdf");
  assert_null(receipt_problem("%PDF-1.7", 8, "application/pdf", &zType));
  assert_null(receipt_problem(aPng, sizeof aPng, "image/png; charset=binary", &zType));
  assert_non_null(receipt_problem(aPng, sizeof aPng, "application/pdf", &zType));
  assert_null(zType);
  assert_non_null(receipt_problem("MZ\x90", 3, NULL, &zType));
  assert_non_null(receipt_problem("", 0, NULL, &zType));
  char *pBig = calloc(1, RECEIPT_MAX_BYTES + 1);
  memcpy(pBig, "%PDF-", 5);
  assert_null(receipt_problem(pBig, RECEIPT_MAX_BYTES, NULL, &zType));
  assert_non_null(receipt_problem(pBig, RECEIPT_MAX_BYTES + 1, NULL, &zType));
  free(pBig);
  char z[128];
  assert_string_equal(receipt_clean_name("C:\\scans\\ricevuta bus.pdf", z, sizeof z),
                      "ricevuta bus.pdf");
  assert_string_equal(receipt_clean_name("../../etc/passwd", z, sizeof z), "passwd");
  assert_string_equal(receipt_clean_name("fa\"ttura\n.pdf", z, sizeof z), "fattura.pdf");
  assert_string_equal(receipt_clean_name("scontrino caffè.jpg", z, sizeof z), "scontrino caffè.jpg");
  assert_null(receipt_clean_name("dir/", z, sizeof z));
  assert_null(receipt_clean_name(NULL, z, sizeof z));
  char zLong[300];
  memset(zLong, 'a', 299);
  zLong[299] = 0;
  assert_int_equal(strlen(receipt_clean_name(zLong, z, sizeof z)), 100);
}

static void test_receipt_store(void **state) {
  (void)state;
  char zDir[] = "/tmp/ali-receipts-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char zFiles[600], zSha[65], zSha2[65], zErr[256];
  snprintf(zFiles, sizeof zFiles, "%s/files", zDir);
  static const char zPdf[] = "%PDF-1.4\nricevuta di prova\n%%EOF\n";
  assert_int_equal(receipt_store(zFiles, zPdf, sizeof zPdf - 1, zSha, zErr, sizeof zErr), 0);
  /* the name is the hash: the same bytes, the same file */
  assert_int_equal(receipt_store(zFiles, zPdf, sizeof zPdf - 1, zSha2, zErr, sizeof zErr), 0);
  assert_string_equal(zSha, zSha2);
  assert_int_equal(strlen(zSha), 64);
  Buf b = BUF_INIT;
  assert_int_equal(receipt_load(zFiles, zSha, &b, zErr, sizeof zErr), 0);
  assert_int_equal(b.n, sizeof zPdf - 1);
  assert_memory_equal(b.z, zPdf, b.n);
  buf_reset(&b);
  /* a changed file is refused */
  char zPath[800];
  snprintf(zPath, sizeof zPath, "%s/%.2s/%s", zFiles, zSha, zSha);
  FILE *f = fopen(zPath, "ab");
  fputs("tampered", f);
  fclose(f);
  assert_int_equal(receipt_load(zFiles, zSha, &b, zErr, sizeof zErr), -1);
  assert_int_equal(receipt_load(zFiles, "../../etc/passwd", &b, zErr, sizeof zErr), -1);
  buf_free(&b);
  unlink(zPath);
  snprintf(zPath, sizeof zPath, "%s/%.2s", zFiles, zSha);
  rmdir(zPath);
  rmdir(zFiles);
  rmdir(zDir);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_quarters),       cmocka_unit_test(test_hours),
      cmocka_unit_test(test_amounts),        cmocka_unit_test(test_kinds),
      cmocka_unit_test(test_state_machine),  cmocka_unit_test(test_submit_and_review),
      cmocka_unit_test(test_takes),          cmocka_unit_test(test_breakdown),
      cmocka_unit_test(test_late),           cmocka_unit_test(test_expense_validate),
      cmocka_unit_test(test_receipt_checks), cmocka_unit_test(test_receipt_store),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
