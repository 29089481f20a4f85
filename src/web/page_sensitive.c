/*
** page_sensitive.c — special-category data (GDPR art. 9-10: health,
** psychological support notes, court-related notes, addiction) on the
** person page, and POST /people/{id}/sensitive that changes them.
**
** Which fields a caller reads is policy_sensitive_visible() applied to
** their relation to the person (src/domain/access.h); every display is
** one "read_sensitive" audit entry naming the fields shown, never their
** values.  Writing needs the route's CAP_SENSITIVE_WRITE and touches only
** the fields the caller may read; it is audited with the names of the
** fields that changed ("[changed]").  A caller who may read none of them
** gets the person's 404.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/sensitive.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* The label of each field (msgids), in Sensitive order. */
static const char *const sensitive_azLabel[SENS_COUNT] = {
    N_("Psycho-physical health"),
    N_("Psychological support notes"),
    N_("Court-related notes"),
    N_("Addiction"),
};

/* A <textarea> with its label and its error, like form_input(). */
static void render_textarea(Req *r, const char *zName, const char *zLabel, const char *zValue) {
  const char *zErr = errors_get(&r->err, zName);
  html_raw(&r->out, "<div class=\"form-group\">");
  html_f(&r->out, "<label class=\"active\" for=\"f-%s\">%s</label>", zName, zLabel);
  html_f(&r->out, "<textarea class=\"form-control%s\" id=\"f-%s\" name=\"%s\" rows=\"4\"",
         zErr ? " is-invalid" : "", zName, zName);
  if (zErr) html_f(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", zName);
  /* a newline right after the tag: the parser drops it, and keeps a
  ** leading newline of the value */
  html_f(&r->out, ">\n%s</textarea>", zValue ? zValue : "");
  if (zErr) {
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-%s\">%s</div>", zName,
           _(zErr));
  }
  html_raw(&r->out, "</div>");
}

/* The form posting the fields of mFields to /people/{id}/sensitive. */
static void render_form(Req *r, int64_t iPerson, unsigned mFields, const PersonSensitive *p) {
  form_begin(r, arena_printf(&r->a, "/people/%lld/sensitive", (long long)iPerson),
             " id=\"sensitive-form\"");
  for (int i = 0; i < SENS_COUNT; i++) {
    if (mFields & (1u << i)) {
      render_textarea(r, policy_sensitive_code((Sensitive)i), _(sensitive_azLabel[i]), p->az[i]);
    }
  }
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
         _("Save"));
}

/* The values of the fields of mFields, as a description list. */
static void render_values(Req *r, unsigned mFields, const PersonSensitive *p) {
  html_raw(&r->out, "<dl class=\"row\" id=\"sensitive-data\">");
  for (int i = 0; i < SENS_COUNT; i++) {
    if (!(mFields & (1u << i))) continue;
    html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\" id=\"s-%s\">",
           _(sensitive_azLabel[i]), policy_sensitive_code((Sensitive)i));
    if (domain_blank(p->az[i]))
      html_f(&r->out, "<span class=\"ali-muted\">%s</span>", _("Nothing recorded"));
    else
      html_f(&r->out, "<div class=\"ali-note\">%s</div>", p->az[i]);
    html_raw(&r->out, "</dd>");
  }
  html_raw(&r->out, "</dl>");
}

static void render_section_head(Req *r) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-sensitive\" class=\"mt-4\" id=\"sensitive\">"
         "<h2 id=\"h-sensitive\" class=\"h4\">%s</h2><p class=\"ali-muted small\">%s</p>",
         _("Special-category data"),
         _("Health, psychological, court-related and addiction data: you see only what your "
           "work on this case needs, and every reading is recorded."));
}

void sensitive_section(Req *r, int64_t iPerson, Relation eRel) {
  unsigned m = sensitive_visible_mask(eRel);
  if (!m) return;
  PersonSensitive s;
  if (sensitive_get(r->db, &r->a, r->iAgency, iPerson, m, &s)) {
    render_section_head(r);
    html_f(&r->out, "<p class=\"text-danger\">%s</p></section>",
           _("These data could not be read now; try again in a moment."));
    return;
  }
  guard_sensitive_read(r, iPerson, m);
  render_section_head(r);
  render_values(r, m, &s);
  if (auth_can(r, CAP_SENSITIVE_WRITE)) {
    html_f(&r->out, "<details class=\"mb-3\"><summary class=\"btn btn-outline-primary\">%s</summary>",
           _("Change these data"));
    render_form(r, iPerson, m, &s);
    html_raw(&r->out, "</details>");
  }
  html_raw(&r->out, "</section>");
}

/* The form again, with the values as typed and the errors (422). */
static void render_invalid(Req *r, int64_t iPerson, unsigned mFields, const PersonSensitive *p) {
  r->iStatus = 422;
  layout_begin(r, _("Special-category data"), NAV_PEOPLE);
  html_f(&r->out, "<h1 class=\"h2 mb-4\">%s</h1>", _("Special-category data"));
  form_error_summary(r);
  render_form(r, iPerson, mFields, p);
  html_f(&r->out, "<p class=\"mt-3\"><a href=\"/people/%D\">%s</a></p>", iPerson, _("Cancel"));
  layout_end(r);
}

void sensitive_update_page(Req *r) {
  int64_t id = r->aId[0];
  unsigned m = sensitive_visible_mask(access_person(r->db, &r->user, id));
  if (!m) {
    guard_denied(r, "person", id, id);
    person_not_found(r, id);
    return;
  }
  PersonSensitive in;
  memset(&in, 0, sizeof in);
  unsigned mWrite = 0;
  for (int i = 0; i < SENS_COUNT; i++) {
    const char *z = (m & (1u << i)) ? req_form(r, policy_sensitive_code((Sensitive)i)) : 0;
    if (z) {
      in.az[i] = z;
      mWrite |= 1u << i;
    }
  }
  char zNow[21];
  timestamp_now(zNow);
  unsigned mChanged;
  int rc = sensitive_save(r->db, r->iAgency, id, mWrite, &in, zNow, &mChanged, &r->err);
  if (rc == DOMAIN_INVALID) {
    render_invalid(r, id, m, &in);
  } else if (rc == DOMAIN_NOT_FOUND) {
    person_not_found(r, id);
  } else if (rc) {
    fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The registry could not be read or saved."));
  } else {
    guard_sensitive_write(r, id, mChanged);
    req_redirect(r, arena_printf(&r->a, "/people/%lld#sensitive", (long long)id));
  }
}
