/*
** page_emergency.c — emergency access ("break the glass"):
**
**   GET  /people/{id}/emergency   the form: why must you open this record?
**   POST /people/{id}/emergency   grants 60 minutes of access to the
**                                 person's household, audited with the reason
**   GET  /emergency-access        the manager's list of recent accesses
**
** The form is shown for any id, so that it says nothing about whether the
** person exists; granting checks the person is in the caller's agency
** (src/domain/access.h).  Who may break the glass (managers, social
** workers) and who reviews (managers) are capabilities of the routes.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

#define EMERGENCY_LIST_DAYS 30 /* the manager's list looks this far back */

static void render_form(Req *r, int64_t id, const char *zReason) {
  layout_begin(r, _("Emergency access"), NAV_PEOPLE);
  html_f(&r->out, "<h1 class=\"h2 mb-3\">%s</h1>", _("Emergency access"));
  html_f(&r->out, "<div class=\"alert alert-warning\" role=\"alert\">%s</div>",
         _("You do not work on this record. In an emergency you may open it for 60 minutes by "
           "giving a reason. The access, the reason and everything you read are recorded, and "
           "your manager sees them."));
  form_error_summary(r);
  form_begin(r, arena_printf(&r->a, "/people/%lld/emergency", (long long)id),
             " id=\"emergency-form\"");
  const char *zErr = errors_get(&r->err, "reason");
  html_f(&r->out,
         "<div class=\"form-group\"><label class=\"active\" for=\"f-reason\">%s *</label>"
         "<textarea class=\"form-control%s\" id=\"f-reason\" name=\"reason\" rows=\"3\" required",
         _("Reason"), zErr ? " is-invalid" : "");
  if (zErr) html_raw(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-reason\"");
  html_f(&r->out, ">\n%s</textarea>", zReason ? zReason : "");
  if (zErr) {
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-reason\">%s</div>", _(zErr));
  }
  html_f(&r->out,
         "</div><button type=\"submit\" class=\"btn btn-danger me-2\">%s</button>"
         "<a class=\"btn btn-outline-primary\" href=\"/people\">%s</a></form>",
         _("Open the record"), _("Cancel"));
  layout_end(r);
}

void emergency_page(Req *r) {
  int64_t id = r->aId[0];
  /* nothing to break for those who already may edit the record */
  if (access_can_edit(access_person(r->db, &r->user, id))) {
    req_redirect(r, arena_printf(&r->a, "/people/%lld", (long long)id));
    return;
  }
  render_form(r, id, 0);
}

void emergency_grant_page(Req *r) {
  int64_t id = r->aId[0];
  const char *zReason = req_form(r, "reason");
  char zNow[21], zExpires[21];
  timestamp_now(zNow);
  int rc = access_break_glass(r->db, &r->user, id, zReason, zNow, &r->err, zExpires);
  if (rc == 0) {
    size_t n;
    const char *z = domain_trim(zReason, &n);
    guard_break_glass(r, id, arena_strndup(&r->a, z, n), zExpires);
    req_redirect(r, arena_printf(&r->a, "/people/%lld", (long long)id));
  } else if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_form(r, id, zReason);
  } else if (rc == DOMAIN_NOT_FOUND) {
    guard_denied(r, "person", id, id);
    person_not_found(r, id);
  } else {
    fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The registry could not be read or saved."));
  }
}

/* "2025-03-01T10:00:00Z" as "01/03/2025 10:00 UTC" (Italian) or
** "2025-03-01 10:00 UTC". */
static const char *emergency_time(Req *r, const char *zTs) {
  if (!zTs || strlen(zTs) < 16) return zTs;
  return arena_printf(&r->a, "%s %.5s UTC", ui_date(r, arena_strndup(&r->a, zTs, 10)), zTs + 11);
}

static void render_row(Req *r, const BreakGlass *p) {
  html_f(&r->out, "<tr><td>%s</td><td>%s <span class=\"ali-muted\">(%s)</span></td>",
         emergency_time(r, p->zCreatedAt), p->zUserFullName, p->zUsername);
  html_f(&r->out, "<td><a href=\"/people/%D\">%s</a></td><td class=\"ali-note\">%s</td>",
         p->iPerson, p->zPersonName, p->zReason);
  html_f(&r->out, "<td>%s</td></tr>", emergency_time(r, p->zExpiresAt));
}

void emergency_list_page(Req *r) {
  char zNow[21], zSince[21];
  timestamp_now(zNow);
  timestamp_format(timestamp_seconds(zNow) - EMERGENCY_LIST_DAYS * 86400, zSince);
  BreakGlass *a;
  int n;
  if (access_break_glass_list(r->db, &r->a, r->iAgency, zSince, 500, &a, &n)) {
    req_error(r, 503, N_("The database is busy; try again in a moment."));
    return;
  }
  layout_begin(r, _("Emergency accesses"), NAV_EMERGENCY);
  html_f(&r->out, "<h1 class=\"h2 mb-3\">%s</h1><p>%s</p>", _("Emergency accesses"),
         _("Records opened in an emergency by staff who do not work on them, in the last 30 "
           "days, newest first."));
  if (!n) {
    html_f(&r->out, "<div class=\"callout\" id=\"empty\"><p>%s</p></div>",
           _("No emergency access in the last 30 days."));
    layout_end(r);
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"emergencies\">"
         "<caption class=\"visually-hidden\">%s</caption><thead><tr>",
         _("Emergency accesses"));
  html_f(&r->out,
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
         _("When"), _("Who"), _("Person"), _("Reason"), _("Until"));
  for (int i = 0; i < n; i++) render_row(r, &a[i]);
  html_raw(&r->out, "</tbody></table></div>");
  layout_end(r);
}
