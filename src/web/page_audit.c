/*
** page_audit.c — GET /audit: the audit trail for managers and auditors.
**
** "Who opened this file, when, why": the entries about one person
** (?person=ID), by one user (?user=USERNAME), between two dates
** (?from=, ?to=), of one action (?action=), newest first, a page at a
** time (?before=CURSOR, keyset by id).  Only the caller's agency.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../domain/user.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

#define AUDIT_PAGE 50

/* The filters as typed, to re-show them and to carry them across pages. */
typedef struct AuditForm {
  const char *zPerson, *zUser, *zFrom, *zTo, *zAction;
} AuditForm;

static int64_t positive_id(const char *z) {
  if (!z || !*z) return 0;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  return *zEnd || v < 1 ? -1 : v;
}

/* Fills pF from the query; 0, or -1 with r->err saying which field. */
static int audit_filter(Req *r, const AuditForm *f, AuditFilter *pF) {
  memset(pF, 0, sizeof *pF);
  pF->iPerson = positive_id(f->zPerson);
  if (pF->iPerson < 0) errors_add(&r->err, "person", N_("is not valid"));
  if (f->zUser && *f->zUser) {
    User u;
    /* an unknown user simply has no entries: filter by the name as typed */
    if (user_get_by_name(r->db, &r->a, f->zUser, &u) == 0) pF->iUser = u.id;
    else pF->zUsername = f->zUser;
  }
  pF->zFrom = f->zFrom && *f->zFrom ? f->zFrom : 0;
  pF->zTo = f->zTo && *f->zTo ? f->zTo : 0;
  pF->zAction = f->zAction && *f->zAction ? f->zAction : 0;
  pF->iBefore = positive_id(req_query(r, "before"));
  if (pF->iBefore < 0) pF->iBefore = 0;
  pF->nLimit = AUDIT_PAGE;
  return r->err.n ? -1 : 0;
}

static void render_filters(Req *r, const AuditForm *f) {
  html_raw(&r->out, "<form method=\"get\" action=\"/audit\" class=\"row g-3 mb-4\" role=\"search\">");
  html_raw(&r->out, "<div class=\"col-6 col-md-2\">");
  form_input(r, "person", _("Person id"), "text", f->zPerson, 0);
  html_raw(&r->out, "</div><div class=\"col-6 col-md-2\">");
  form_input(r, "user", _("User"), "text", f->zUser, 0);
  html_raw(&r->out, "</div><div class=\"col-6 col-md-2\">");
  form_input(r, "from", _("From"), "date", f->zFrom, 0);
  html_raw(&r->out, "</div><div class=\"col-6 col-md-2\">");
  form_input(r, "to", _("To"), "date", f->zTo, 0);
  html_raw(&r->out, "</div><div class=\"col-6 col-md-2\">");
  form_input(r, "action", _("Action"), "text", f->zAction, 0);
  html_f(&r->out, "</div><div class=\"col-6 col-md-2\"><button type=\"submit\" class=\"btn btn-primary\">%s</button></div></form>",
         _("Search"));
}

static void render_entry(Req *r, const AuditEntry *e) {
  html_f(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td><code>%s</code></td><td>",
         e->zAt, e->zUsername ? e->zUsername : "—", e->zAddress ? e->zAddress : "",
         e->zAction);
  if (e->zEntity) html_f(&r->out, "%s %D", e->zEntity, e->iEntityId);
  html_raw(&r->out, "</td><td>");
  if (e->iPerson) html_f(&r->out, "<a href=\"/people/%D\">%D</a>", e->iPerson, e->iPerson);
  html_f(&r->out, "</td><td class=\"ali-audit-detail\"><code>%s</code></td></tr>",
         e->zDetail ? e->zDetail : "");
}

static void render_next(Req *r, const AuditForm *f, int64_t iNext) {
  if (!iNext) return;
  html_f(&r->out,
         "<a class=\"btn btn-outline-primary\" href=\"/audit?person=%u&amp;user=%u&amp;from=%u"
         "&amp;to=%u&amp;action=%u&amp;before=%D\">%s</a>",
         f->zPerson, f->zUser, f->zFrom, f->zTo, f->zAction, iNext, _("Older entries"));
}

static void render_table(Req *r, const AuditEntry *a, int n) {
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No entries match."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"audit\"><thead><tr>"
         "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
         "</tr></thead><tbody>",
         _("When (UTC)"), _("Who"), _("Address"), _("Action"), _("Record"), _("Person"),
         _("Detail"));
  for (int i = 0; i < n; i++) render_entry(r, &a[i]);
  html_raw(&r->out, "</tbody></table></div>");
}

/* GET /audit */
void audit_page(Req *r) {
  AuditForm f = {req_query(r, "person"), req_query(r, "user"), req_query(r, "from"),
                 req_query(r, "to"), req_query(r, "action")};
  AuditFilter flt;
  AuditEntry *a = 0;
  int n = 0;
  int64_t iNext = 0;
  int rc = audit_filter(r, &f, &flt);
  if (!rc) rc = audit_list(r->db, &r->a, r->iAgency, &flt, &a, &n, &iNext);
  if (rc == DOMAIN_INVALID && !r->err.n) errors_add(&r->err, "from", N_("is not a valid date"));
  if (rc) r->iStatus = rc == DOMAIN_INVALID || r->err.n ? 422 : 503;
  layout_begin(r, _("Audit trail"), NAV_AUDIT);
  html_f(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Audit trail"),
         _("Who read or changed what, when and from where. Special-category values are never "
           "written here, only that they were read or changed."));
  render_filters(r, &f);
  if (!rc) {
    render_table(r, a, n);
    render_next(r, &f, iNext);
  }
  layout_end(r);
}
