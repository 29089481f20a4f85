/*
** Unit tests for the pure rules of src/domain/history.c (the history
** import's rows, history.h): the stage a row leaves its case at, the
** status of its interventions, the services of a view (sorted bytewise,
** each once, joined by "|"), and the comparison and audit diff of two
** views (NULL and "" alike).  What a row writes is tested end to end on
** both backends by tests/http/cli_history.test.mjs.  Included h2o style.
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
#include "../../src/domain/access.c"
#include "../../src/domain/audit.c"
#include "../../src/domain/audit_diff.c"
#include "../../src/domain/country.c"
#include "../../src/domain/delivery.c"
#include "../../src/domain/entry.c"
#include "../../src/domain/history.c"
#include "../../src/domain/household.c"
#include "../../src/domain/intake.c"
#include "../../src/domain/person.c"
#include "../../src/domain/policy.c"
#include "../../src/domain/programme.c"
#include "../../src/domain/project.c"
#include "../../src/domain/project_diff.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/buf.c"
#include "../../src/lib/codice_fiscale.c"
#include "../../src/lib/date.c"
#include "../../src/lib/embedded.c"
#include "../../src/lib/errors.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/money.c"

static void test_stage(void **state) {
  (void)state;
  assert_int_equal(history_stage("2021-01-10", NULL), STAGE_AGREED);
  assert_int_equal(history_stage("2021-01-10", "employed_other"), STAGE_AGREED);
  assert_int_equal(history_stage("2021-01-10", "withdrew"), STAGE_AGREED);
  assert_int_equal(history_stage(NULL, NULL), STAGE_SHORTLISTED);
  assert_int_equal(history_stage(NULL, "withdrew"), STAGE_WITHDREW);
  assert_int_equal(history_stage(NULL, "interrupted"), STAGE_NOT_SUITABLE);
  static const char *const azNeedProject[] = {"employed_host", "employed_other",
                                              "training_completed", "qualification",
                                              "activated"};
  for (int i = 0; i < 5; i++) assert_int_equal(history_stage(NULL, azNeedProject[i]), -1);
}

static void test_iv_status(void **state) {
  (void)state;
  assert_string_equal(history_iv_status(NULL), "active");
  assert_string_equal(history_iv_status("interrupted"), "interrupted");
  assert_string_equal(history_iv_status("withdrew"), "interrupted");
  static const char *const azDone[] = {"employed_host", "employed_other", "training_completed",
                                       "qualification", "activated"};
  for (int i = 0; i < 5; i++) assert_string_equal(history_iv_status(azDone[i]), "completed");
}

static void test_join(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  const char *az1[] = {"safety", "haccp", "home_education"};
  const char *az2[] = {"haccp", "home_care", "Z_local"};
  assert_null(hist_join(&a, NULL, 0, NULL, 0));
  assert_string_equal(hist_join(&a, az1, 1, NULL, 0), "safety");
  /* bytewise: "Z_local" before lower case, "home_care" before "home_education" */
  assert_string_equal(hist_join(&a, az1, 3, az2, 3),
                      "Z_local|haccp|home_care|home_education|safety");
  assert_string_equal(hist_join(&a, az1, 3, az1, 3), "haccp|home_education|safety");
  arena_free(&a);
}

static void test_views(void **state) {
  (void)state;
  HistoryView v1 = {"fp", "agreed", "2021-01-04", "2021-02-01", "haccp|safety", NULL, ""};
  HistoryView v2 = v1;
  v2.zEndedOn = NULL; /* NULL and "" are the same: no value */
  assert_true(hist_same(&v1, &v2));
  v2.zServices = "haccp";
  v2.zOutcome = "activated";
  assert_false(hist_same(&v1, &v2));
  Arena a = ARENA_INIT;
  AuditDiff d;
  audit_diff_init(&d);
  history_view_diff(&d, &v1, &v2);
  assert_string_equal(audit_diff_finish(&d, &a),
                      "{\"services\":{\"before\":\"haccp|safety\",\"after\":\"haccp\"},"
                      "\"outcome\":{\"before\":null,\"after\":\"activated\"}}");
  HistoryView vNone = {0};
  audit_diff_init(&d);
  history_view_diff(&d, &vNone, &v1);
  const char *z = audit_diff_finish(&d, &a);
  assert_non_null(strstr(z, "\"funding_stream\":{\"before\":null,\"after\":\"fp\"}"));
  assert_null(strstr(z, "ended_on")); /* "" is no value */
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_stage),
      cmocka_unit_test(test_iv_status),
      cmocka_unit_test(test_join),
      cmocka_unit_test(test_views),
  };
  return cmocka_run_group_tests(aTest, 0, 0);
}
