/*
** test_i18n.c — both languages answered in one process, from the catalogue
** built into the binary; Accept-Language parsing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/lib/embedded.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/i18n.c"
#include "../../src/lib/mem.c"

static void test_both_languages_in_one_process(void **state) {
  (void)state;
  assert_string_equal(tr(LANG_IT, "Registry"), "Anagrafe");
  assert_string_equal(tr(LANG_EN, "Registry"), "Registry");
  assert_string_equal(tr(LANG_IT, "Programme"), "Programma");
  /* an unknown message falls back to the English text */
  assert_string_equal(tr(LANG_IT, "no such message, surely"), "no such message, surely");
  assert_string_equal(tr(LANG_IT, ""), "");
}

/* Every msgid of the catalogue is found by the binary search. */
static void test_every_catalogue_entry_is_found(void **state) {
  (void)state;
  const Embedded *p = embedded_find("po/it.mo");
  assert_non_null(p);
  uint32_t n = mo_word(p->pData, 8), iOrig = mo_word(p->pData, 12);
  assert_true(n > 10);
  for (uint32_t i = 1; i < n; i++) { /* entry 0 is the header */
    const char *zKey = (const char *)p->pData + mo_word(p->pData, iOrig + 8 * i + 4);
    assert_ptr_not_equal(tr(LANG_IT, zKey), zKey);
  }
}

static void test_dates_as_each_language_writes_them(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  assert_string_equal(tr_date(&a, LANG_IT, "2022-06-30"), "30/06/2022");
  assert_string_equal(tr_date(&a, LANG_EN, "2022-06-30"), "2022-06-30");
  assert_string_equal(tr_date(&a, LANG_IT, "not a date"), "not a date");
  assert_null(tr_date(&a, LANG_IT, NULL));
  arena_free(&a);
}

static void test_accept_language(void **state) {
  (void)state;
  assert_int_equal(i18n_lang(NULL), LANG_IT);
  assert_int_equal(i18n_lang(""), LANG_IT);
  assert_int_equal(i18n_lang("en"), LANG_EN);
  assert_int_equal(i18n_lang("en-GB,en;q=0.9,it;q=0.8"), LANG_EN);
  assert_int_equal(i18n_lang("it-IT,it;q=0.9,en;q=0.8"), LANG_IT);
  assert_int_equal(i18n_lang("fr-FR,fr;q=0.9,en;q=0.5"), LANG_EN);
  assert_int_equal(i18n_lang("de,fr"), LANG_IT);
  assert_int_equal(i18n_lang("eng"), LANG_IT); /* not "en" */
  assert_string_equal(i18n_code(LANG_EN), "en");
  assert_string_equal(i18n_code(LANG_IT), "it");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_both_languages_in_one_process),
      cmocka_unit_test(test_every_catalogue_entry_is_found),
      cmocka_unit_test(test_accept_language),
      cmocka_unit_test(test_dates_as_each_language_writes_them),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
