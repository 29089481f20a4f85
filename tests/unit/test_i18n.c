/*
** test_i18n.c — both languages answered in one process, from the catalogue
** built into the binary; plural forms (trn); Accept-Language parsing.
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

/* Every msgid of the catalogue is found through the hash table. */
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

/* Counts read right: the Italian catalogue's plural entries, form 0
** for one and form 1 for the rest (zero included); English from the
** msgids; a message without a plural entry falls back to the English. */
static void test_plural_forms(void **state) {
  (void)state;
  assert_string_equal(trn(LANG_IT, "%s, you follow %d active case.",
                          "%s, you follow %d active cases.", 1),
                      "%s, segui %d caso attivo.");
  assert_string_equal(trn(LANG_IT, "%s, you follow %d active case.",
                          "%s, you follow %d active cases.", 2),
                      "%s, segui %d casi attivi.");
  assert_string_equal(trn(LANG_IT, "%d minute", "%d minutes", 0), "%d minuti");
  assert_string_equal(trn(LANG_IT, "%d minute", "%d minutes", 1), "%d minuto");
  assert_string_equal(trn(LANG_IT, "%d minute", "%d minutes", -1), "%d minuti");
  assert_string_equal(trn(LANG_EN, "%d minute", "%d minutes", 1), "%d minute");
  assert_string_equal(trn(LANG_EN, "%d minute", "%d minutes", 7), "%d minutes");
  assert_string_equal(trn(LANG_IT, "no such %d thing", "no such %d things", 1), "no such %d thing");
  assert_string_equal(trn(LANG_IT, "no such %d thing", "no such %d things", 5), "no such %d things");
  /* a plain (not plural) entry found by the singular is not a plural
  ** entry: the English, so that one sentence is not in two languages */
  assert_string_equal(trn(LANG_IT, "Registry", "Registries", 1), "Registry");
  assert_string_equal(trn(LANG_IT, "Registry", "Registries", 2), "Registries");
  /* tr() on a plural entry gives its first form */
  assert_string_equal(tr(LANG_IT, "%d minute"), "%d minuto");
}

/* Every plural entry of the catalogue has two distinct forms, and trn()
** picks each: form 0 for 1, form 1 for 0 and 2. */
static void test_every_plural_entry_has_both_forms(void **state) {
  (void)state;
  const Embedded *p = embedded_find("po/it.mo");
  assert_non_null(p);
  uint32_t n = mo_word(p->pData, 8), iOrig = mo_word(p->pData, 12);
  uint32_t iTrans = mo_word(p->pData, 16);
  int nPlural = 0;
  for (uint32_t i = 1; i < n; i++) {
    const char *zKey = (const char *)p->pData + mo_word(p->pData, iOrig + 8 * i + 4);
    uint32_t nKey = mo_word(p->pData, iOrig + 8 * i);
    if (nKey == strlen(zKey)) continue;
    nPlural++;
    const char *zPlural = zKey + strlen(zKey) + 1;
    const char *zTr = (const char *)p->pData + mo_word(p->pData, iTrans + 8 * i + 4);
    const char *zTr1 = zTr + strlen(zTr) + 1;
    assert_string_equal(trn(LANG_IT, zKey, zPlural, 1), zTr);
    assert_string_equal(trn(LANG_IT, zKey, zPlural, 2), zTr1);
    assert_string_equal(trn(LANG_IT, zKey, zPlural, 0), zTr1);
    assert_string_not_equal(zTr, zTr1);
  }
  assert_true(nPlural >= 10);
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
      cmocka_unit_test(test_plural_forms),
      cmocka_unit_test(test_every_plural_entry_has_both_forms),
      cmocka_unit_test(test_dates_as_each_language_writes_them),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
