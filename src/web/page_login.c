/*
** page_login.c — logging in and out: GET /login, POST /login,
** POST /logout.
**
** A failed login says only "wrong username or password", whether or not
** the user exists, and counts toward throttling (session.h): after five
** failures for an account or from an address the next attempt must wait,
** 1, 2, 4... seconds; the wait is stated, never slept on a worker thread.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/programme.h"
#include "../domain/session.h"
#include "../domain/user.h"
#include "../http/server.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* A path on this site to go back to after logging in. */
static const char *next_path(const char *z) {
  if (!z || z[0] != '/' || z[1] == '/' || z[1] == '\\' || strpbrk(z, "\r\n")) return "/";
  return z;
}

/* Demo mode: the accounts and their password, so a visitor can try
** every role. */
static void render_demo_accounts(Req *r) {
  if (!pServerConfig || !pServerConfig->zDemoPassword) return;
  User *a;
  int n;
  int64_t iAgency = agency_find(r->db, "sds"); /* the demo's agency */
  if (!iAgency || user_list(r->db, &r->a, iAgency, &a, &n) || !n) return;
  html_f(&r->out, "<div class=\"callout note mt-4\"><div class=\"callout-title\">%s</div><p>%s <code>%s</code></p><ul>",
         _("Demo accounts"), _("Password for every account:"), pServerConfig->zDemoPassword);
  for (int i = 0; i < n; i++) {
    html_f(&r->out, "<li><code>%s</code> — %s</li>", a[i].zUsername, a[i].zFullName);
  }
  html_raw(&r->out, "</ul></div>");
}

static void render_login(Req *r, const char *zUsername, const char *zNext, const char *zError) {
  layout_begin(r, _("Log in"), NAV_NONE);
  html_raw(&r->out, "<div class=\"row justify-content-center\"><div class=\"col-12 col-md-6\">");
  html_f(&r->out, "<h1>%s</h1>", _("Log in"));
  if (zError) html_f(&r->out, "<div class=\"alert alert-danger\" role=\"alert\">%s</div>", zError);
  form_begin(r, "/login", " id=\"login-form\"");
  html_f(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next_path(zNext));
  form_input(r, "username", _("Username"), "text", zUsername, 1);
  form_input(r, "password", _("Password"), "password", "", 1);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>", _("Log in"));
  render_demo_accounts(r);
  html_raw(&r->out, "</div></div>");
  layout_end(r);
}

/* GET /login */
void login_page(Req *r) {
  if (auth_identify(r)) {
    req_redirect(r, next_path(req_query(r, "next")));
    return;
  }
  render_login(r, 0, req_query(r, "next"), 0);
}

static void login_refused(Req *r, int iStatus, const char *zUsername, const char *zMsg) {
  r->iStatus = iStatus;
  r->bKeepWrites = 1; /* the failure counts even though we answer 4xx */
  render_login(r, zUsername, req_form(r, "next"), zMsg);
}

/* POST /login */
void login_submit_page(Req *r) {
  const char *zUser = req_form(r, "username"), *zPassword = req_form(r, "password");
  char zNow[21];
  timestamp_now(zNow);
  if (!zUser || !*zUser || !zPassword || !*zPassword) {
    login_refused(r, 422, zUser, _("Enter your username and password."));
    return;
  }
  int nWait = login_delay(r->db, zUser, r->zAddress, zNow);
  if (nWait > 0) {
    req_audit(r, "login_throttled", "user", 0, 0, 0);
    req_header_add(r, "Retry-After", arena_printf(&r->a, "%d", nWait));
    login_refused(r, 429, zUser,
                  arena_printf(&r->a,
                               _n("Too many failed attempts. Try again in %d second.",
                                  "Too many failed attempts. Try again in %d seconds.", nWait),
                               nWait));
    return;
  }
  User u;
  if (!user_authenticate(r->db, &r->a, zUser, zPassword, &u)) {
    login_failed(r->db, zUser, r->zAddress, zNow);
    req_audit(r, "login_failed", "user", 0, 0, 0);
    login_refused(r, 401, zUser, _("Wrong username or password."));
    return;
  }
  char zSecret[SESSION_SECRET_HEX + 1];
  Session s;
  if (session_create(r->db, &r->a, u.id, r->zAddress, zNow, zSecret, &s)) {
    req_error(r, 503, "The database is busy; try again in a moment.");
    return;
  }
  login_succeeded(r->db, zUser, r->zAddress);
  r->user = u;
  r->iAgency = u.iAgency;
  req_audit(r, "login", "user", u.id, 0, 0);
  auth_cookie_set(r, zSecret);
  req_redirect(r, next_path(req_form(r, "next")));
}

/* POST /logout */
void logout_page(Req *r) {
  char zNow[21];
  timestamp_now(zNow);
  if (r->iSession) session_end(r->db, r->iSession, zNow);
  req_audit(r, "logout", "user", r->user.id, 0, 0);
  auth_cookie_clear(r);
  req_redirect(r, "/login");
}
