/*
** test_html.c — the escaping writer (html.c) and the JSON writer (jsonw.c):
** data can only reach output escaped.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/lib/buf.c"
#include "../../src/lib/jsonw.c"
#include "../../src/lib/mem.c"
#include "../../src/web/html.c"

static void test_html_txt_escapes_every_special_character(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  html_txt(&b, "<script>alert(\"x\" & 'y')</script>");
  assert_string_equal(buf_str(&b),
                      "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  buf_reset(&b);
  html_txt(&b, NULL);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
}

static void test_html_f_conversions(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  html_f(&b, "<a href=\"/p?q=%u\" title=\"%s\">%d %D 100%%</a>", "rossi & co/è", "a\"b", 42,
         (int64_t)9000000000LL);
  assert_string_equal(buf_str(&b),
                      "<a href=\"/p?q=rossi%20%26%20co%2F%C3%A8\" title=\"a&quot;b\">42 9000000000 100%</a>");
  buf_free(&b);
}

static void test_json_writer_structure_and_escaping(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_int(&w, "id", 7);
  jw_kv_str(&w, "name", "D'Angelo \"Niccolò\"\n</script>");
  jw_kv_null(&w, "cf");
  jw_key(&w, "list");
  jw_arr(&w);
  jw_int(&w, 1);
  jw_bool(&w, 0);
  jw_str(&w, NULL);
  jw_obj(&w);
  jw_obj_end(&w);
  jw_arr_end(&w);
  jw_obj_end(&w);
  assert_string_equal(buf_str(&b),
                      "{\"id\":7,\"name\":\"D'Angelo \\\"Niccolò\\\"\\n\\u003c/script>\","
                      "\"cf\":null,\"list\":[1,false,null,{}]}");
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html_txt_escapes_every_special_character),
      cmocka_unit_test(test_html_f_conversions),
      cmocka_unit_test(test_json_writer_structure_and_escaping),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
