/*
** layout.c — the page frame and the form field helpers (see layout.h).
*/
#include "layout.h"

#include "../domain/programme.h"
#include "../domain/user.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

static void nav_item(Req *r, const char *zHref, const char *zLabel, int bActive) {
  /* The attribute is markup, not data: html_f's %s would escape it. */
  html_f(&r->out, "<li class=\"nav-item\"><a class=\"nav-link%s\" href=\"%s\"", bActive ? " active" : "",
         zHref);
  if (bActive) html_raw(&r->out, " aria-current=\"page\"");
  html_f(&r->out, "><span>%s</span></a></li>", zLabel);
}

/* The language switch links back to this page in the other language. */
static void lang_switch(Req *r) {
  html_raw(&r->out, "<div class=\"it-header-slim-right-zone\"><nav class=\"ali-lang\" aria-label=\"Language\">");
  static const char *const azLang[] = {"it", "ITA", "en", "ENG"};
  for (int i = 0; i < 4; i += 2) {
    int bCur = r->iLang == (i ? LANG_EN : LANG_IT);
    html_f(&r->out, "<a class=\"ali-lang-link%s\" lang=\"%s\" href=\"/lang?set=%s&amp;next=%u\"",
           bCur ? " active" : "", azLang[i], azLang[i], r->zPath);
    if (bCur) html_raw(&r->out, " aria-current=\"true\"");
    html_f(&r->out, ">%s</a>", azLang[i + 1]);
  }
  html_raw(&r->out, "</nav></div>");
}

/* Who is logged in, and the way out (a POST, so a link cannot log
** anyone out). */
static void account_zone(Req *r) {
  if (!r->user.id) return;
  html_f(&r->out, "<span class=\"ali-account\">%s</span>", r->user.zFullName);
  form_begin(r, "/logout", " class=\"ali-logout\"");
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-sm btn-outline-light\">%s</button></form>",
         _("Log out"));
}

static void header(Req *r, int eNav) {
  html_raw(&r->out, "<header class=\"it-header-wrapper\"><div class=\"it-header-slim-wrapper\">"
                    "<div class=\"container\"><div class=\"row\"><div class=\"col-12\">"
                    "<div class=\"it-header-slim-wrapper-content\">");
  html_f(&r->out, "<span class=\"navbar-brand\">%s</span>", r->zAgencyName ? r->zAgencyName : "ali");
  html_raw(&r->out, "<div class=\"ali-slim-right\">");
  account_zone(r);
  lang_switch(r);
  html_raw(&r->out, "</div>");
  html_raw(&r->out, "</div></div></div></div></div>"
                    "<div class=\"it-nav-wrapper\"><div class=\"it-header-center-wrapper\">"
                    "<div class=\"container\"><div class=\"row\"><div class=\"col-12\">"
                    "<div class=\"it-header-center-content-wrapper\"><div class=\"it-brand-wrapper\">"
                    "<a href=\"/\"><div class=\"it-brand-text\"><div class=\"it-brand-title\">ali</div>");
  html_f(&r->out, "<div class=\"it-brand-tagline d-none d-md-block\">%s</div>",
         _("Integrated job-inclusion paths"));
  html_raw(&r->out, "</div></a></div></div></div></div></div></div>"
                    "<div class=\"it-header-navbar-wrapper\"><div class=\"container\"><div class=\"row\">"
                    "<div class=\"col-12\"><nav class=\"navbar navbar-expand-lg\">"
                    "<div class=\"navbar-collapsable ali-navbar\"><div class=\"menu-wrapper\">"
                    "<ul class=\"navbar-nav\">");
  if (auth_can(r, CAP_PERSON_READ)) nav_item(r, "/people", _("Registry"), eNav == NAV_PEOPLE);
  if (auth_can(r, CAP_PERSON_READ)) nav_item(r, "/requests", _("Requests"), 0);
  if (auth_can(r, CAP_PROGRAMME_READ))
    nav_item(r, "/programme", _("Programme"), eNav == NAV_PROGRAMME);
  if (auth_can(r, CAP_REPORT_READ))
    nav_item(r, "/reports", _("Reports"), r->zPath && strncmp(r->zPath, "/reports", 8) == 0);
  if (auth_can(r, CAP_MONEY_READ))
    nav_item(r, "/money", _("Money"),
             r->zPath && (strncmp(r->zPath, "/money", 6) == 0 || strncmp(r->zPath, "/expenses", 9) == 0 ||
                          strncmp(r->zPath, "/statements", 11) == 0));
  if (auth_can(r, CAP_AUDIT_READ)) nav_item(r, "/audit", _("Audit trail"), eNav == NAV_AUDIT);
  if (auth_can(r, CAP_BREAK_GLASS_REVIEW))
    nav_item(r, "/emergency-access", _("Emergency accesses"), eNav == NAV_EMERGENCY);
  html_raw(&r->out, "</ul></div></div></nav></div></div></div></div></div></header>");
}

void layout_begin(Req *r, const char *zTitle, int eNav) {
  r->zContentType = "text/html; charset=utf-8";
  html_f(&r->out, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>%s · ali</title>",
         i18n_code(r->iLang), zTitle);
  html_raw(&r->out, "<link rel=\"stylesheet\" href=\"/assets/bootstrap-italia.min.css\">"
                    "<link rel=\"stylesheet\" href=\"/assets/ali.css\"></head><body>");
  header(r, eNav);
  html_raw(&r->out, "<main class=\"container my-4\" id=\"main\">");
}

void layout_end(Req *r) {
  html_raw(&r->out, "</main><footer class=\"it-footer\"><div class=\"it-footer-small-prints\">"
                    "<div class=\"container\"><p class=\"ali-footer-text text-white\">");
  html_f(&r->out, "ali · %s", r->zAgencyName ? r->zAgencyName : "");
  html_raw(&r->out, "</p></div></div></footer></body></html>\n");
}

/* ---- field ids: "f-NAME", or "f-SCOPE-NAME" in a form_scope() ---- */

void form_scope(Req *r, const char *zScope, int bErrors) {
  assert(!zScope || (*zScope && strspn(zScope, "abcdefghijklmnopqrstuvwxyz"
                                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
                                        strlen(zScope)));
  r->zFormScope = zScope;
  r->bFormQuiet = !bErrors;
}

/* The id zPrefix ("f" or "e") of field zName in the current scope. */
static const char *scoped_id(Req *r, const char *zPrefix, const char *zName) {
  if (!r->zFormScope) return arena_printf(&r->a, "%s-%s", zPrefix, zName);
  return arena_printf(&r->a, "%s-%s-%s", zPrefix, r->zFormScope, zName);
}

const char *form_field_id(Req *r, const char *zName) { return scoped_id(r, "f", zName); }

const char *form_field_message(Req *r, const char *zName) {
  return r->bFormQuiet ? NULL : errors_get(&r->err, zName);
}

/* The message under a field that failed validation, if any. */
static void field_error(Req *r, const char *zName, const char *zErr) {
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"%s\">%s</div>",
           scoped_id(r, "e", zName), _(zErr));
}

/* The attributes of a field that failed validation. */
static void field_invalid_attrs(Req *r, const char *zName, const char *zErr) {
  if (zErr)
    html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"%s\"", scoped_id(r, "e", zName));
}

void form_begin(Req *r, const char *zAction, const char *zAttrs) {
  form_scope(r, NULL, 1);
  html_f(&r->out, "<form method=\"post\" action=\"%s\"", zAction);
  if (zAttrs && *zAttrs) {
    if (*zAttrs != ' ') html_raw(&r->out, " "); /* callers write " id=..." or "id=..." */
    html_raw(&r->out, zAttrs);
  }
  html_raw(&r->out, ">");
  if (r->zCsrf) html_f(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->zCsrf);
}

/* Opens the form-group of field id zId with its label ("*" when
** bRequired); returns zId. */
static const char *label_group(Req *r, const char *zId, const char *zLabel, int bRequired) {
  html_raw(&r->out, "<div class=\"form-group\">");
  html_f(&r->out, "<label class=\"active\" for=\"%s\">%s%s</label>", zId, zLabel,
         bRequired ? " *" : "");
  return zId;
}

void form_input(Req *r, const char *zName, const char *zLabel, const char *zType,
                const char *zValue, int bRequired) {
  const char *zErr = form_field_message(r, zName);
  const char *zId = label_group(r, form_field_id(r, zName), zLabel, bRequired);
  html_f(&r->out, "<input type=\"%s\" class=\"form-control%s\" id=\"%s\" name=\"%s\" value=\"%s\"%s",
         zType, zErr ? " is-invalid" : "", zId, zName, zValue ? zValue : "",
         bRequired ? " required" : "");
  field_invalid_attrs(r, zName, zErr);
  html_raw(&r->out, ">");
  field_error(r, zName, zErr);
  html_raw(&r->out, "</div>");
}

void form_select(Req *r, const char *zName, const char *zLabel, const char *const *azOption,
                 const char *zValue) {
  const char *zErr = form_field_message(r, zName);
  const char *zId = form_field_id(r, zName);
  html_raw(&r->out, "<div class=\"select-wrapper form-group\">");
  html_f(&r->out, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\" class=\"%s\"",
         zId, zLabel, zId, zName, zErr ? "is-invalid" : "");
  field_invalid_attrs(r, zName, zErr);
  html_raw(&r->out, ">");
  for (int i = 0; azOption[i]; i += 2) {
    int bSel = zValue && strcmp(zValue, azOption[i]) == 0;
    html_f(&r->out, "<option value=\"%s\"%s>%s</option>", azOption[i],
           bSel ? " selected" : "", azOption[i + 1]);
  }
  html_raw(&r->out, "</select>");
  field_error(r, zName, zErr);
  html_raw(&r->out, "</div>");
}

void form_group_error(Req *r, const char *zName) {
  field_error(r, zName, form_field_message(r, zName));
}

void form_text_area(Req *r, const char *zName, const char *zLabel, const char *zValue, int nRows,
                   int bRequired) {
  const char *zErr = form_field_message(r, zName);
  const char *zId = label_group(r, form_field_id(r, zName), zLabel, bRequired);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"%s\" name=\"%s\" rows=\"%d\"%s",
         zErr ? " is-invalid" : "", zId, zName, nRows, bRequired ? " required" : "");
  field_invalid_attrs(r, zName, zErr);
  /* a newline right after the tag: the parser drops it and keeps the
  ** value's own leading newline */
  html_f(&r->out, ">\n%s</textarea>", zValue ? zValue : "");
  field_error(r, zName, zErr);
  html_raw(&r->out, "</div>");
}

void form_checkbox(Req *r, const char *zName, const char *zLabel, int bChecked) {
  const char *zErr = form_field_message(r, zName);
  const char *zId = form_field_id(r, zName);
  /* mb-4: the floating label of a field that follows sits above that
  ** field and would otherwise cover this box, which could not be clicked */
  html_raw(&r->out, "<div class=\"form-check mb-4\">");
  html_f(&r->out, "<input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s",
         zId, zName, bChecked ? " checked" : "");
  field_invalid_attrs(r, zName, zErr);
  html_f(&r->out, "><label for=\"%s\">%s</label>", zId, zLabel);
  field_error(r, zName, zErr);
  html_raw(&r->out, "</div>");
}

void form_error_summary(Req *r) {
  if (!r->err.n) return;
  html_raw(&r->out, "<div class=\"alert alert-danger\" role=\"alert\">");
  html_f(&r->out, "%s", r->err.n == 1 ? _("One field needs fixing.") : _("Some fields need fixing."));
  html_raw(&r->out, "</div>");
}

/* The translated label of field zName in azLabel, or NULL. */
static const char *field_label(const char *const *azLabel, const char *zName) {
  for (int i = 0; azLabel && azLabel[i]; i += 2) {
    if (strcmp(azLabel[i], zName) == 0) return azLabel[i + 1];
  }
  return 0;
}

void form_error_summary_fields(Req *r, const char *const *azLabel) {
  if (!r->err.n) return;
  html_raw(&r->out, "<div class=\"alert alert-danger\" role=\"alert\" id=\"errors\">");
  html_f(&r->out, "<p class=\"mb-2\"><strong>%s</strong></p><ul class=\"mb-0\">",
         r->err.n == 1 ? _("One field needs fixing.") : _("Some fields need fixing."));
  for (int i = 0; i < r->err.n; i++) {
    const FieldError *e = &r->err.a[i];
    const char *zLabel = field_label(azLabel, e->zField);
    if (zLabel) {
      html_f(&r->out, "<li><a href=\"#%s\">%s</a>: %s</li>", form_field_id(r, e->zField), zLabel,
             _(e->zMsg));
    } else {
      html_f(&r->out, "<li>%s</li>", _(e->zMsg));
    }
  }
  html_raw(&r->out, "</ul></div>");
}

const char *ui_date(Req *r, const char *zIso) { return tr_date(&r->a, r->iLang, zIso); }

const char *const *form_organisation_options(Req *r, const char *zKind, const char *zNone,
                                             int *pn) {
  Organisation *a;
  int n = 0;
  if (organisation_list(r->db, &r->a, r->iAgency, &a, &n)) n = 0;
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  int k = 0;
  az[k++] = "";
  az[k++] = zNone;
  for (int i = 0; i < n; i++) {
    if (strcmp(a[i].zKind, zKind) != 0) continue;
    az[k++] = arena_printf(&r->a, "%" PRId64, a[i].id);
    az[k++] = a[i].zName;
  }
  if (pn) *pn = k / 2 - 1;
  return az;
}

const char *const *form_user_options(Req *r, unsigned mRoles, int bByUsername, int bAll,
                                     const char *zNone) {
  User *a;
  int n = 0;
  if (user_list(r->db, &r->a, r->iAgency, &a, &n)) n = 0;
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  int k = 0;
  az[k++] = "";
  az[k++] = zNone;
  for (int i = 0; i < n; i++) {
    if (!(a[i].mRoles & mRoles) || (!bAll && !a[i].bActive)) continue;
    az[k++] = bByUsername ? a[i].zUsername : arena_printf(&r->a, "%" PRId64, a[i].id);
    az[k++] = a[i].zFullName;
  }
  return az;
}
