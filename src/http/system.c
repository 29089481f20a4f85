/*
** system.c — the routes that are not about the programme's data:
** GET /healthz for monitors, GET / and GET /lang (the language switch).
*/
#include <string.h>

#include "../db/migrate.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "req.h"

/* 200 with the backend and schema version when the database answers. */
void system_healthz(Req *r) {
  int iVersion = migrate_version(r->db);
  req_json_begin(r, iVersion > 0 ? 200 : 503);
  JsonW w;
  jw_init(&w, &r->out);
  jw_obj(&w);
  jw_kv_str(&w, "status", iVersion > 0 ? "ok" : "unavailable");
  jw_kv_str(&w, "backend", db_backend(r->db));
  jw_kv_int(&w, "schema_version", iVersion);
  jw_obj_end(&w);
  buf_putc(&r->out, '\n');
}

/* GET /: every role starts from what needs them today (page_my_day.c). */
/* GET /: the manager's home is the dashboard; everyone else's, my day. */
void system_root(Req *r) {
  req_redirect(r, policy_allows(r->user.mRoles, CAP_DASHBOARD) ? "/dashboard" : "/my-day");
}

/* A path on this site, never another host ("//evil", "/\evil"). */
static int is_local_path(const char *z) {
  return z && z[0] == '/' && z[1] != '/' && z[1] != '\\' && !strpbrk(z, "\r\n");
}

/* GET /lang?set=it|en&next=/path: remembers the choice in a cookie. */
void system_lang(Req *r) {
  const char *zSet = req_query(r, "set"), *zNext = req_query(r, "next");
  int iLang = i18n_lang(zSet);
  req_header_add(r, "Set-Cookie",
                 iLang == LANG_EN ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                                  : "lang=it; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
  req_redirect(r, is_local_path(zNext) ? arena_strdup(&r->a, zNext) : "/people");
}
