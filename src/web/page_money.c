/*
** page_money.c — the money overview in the web UI:
**
**   GET /money      every funding stream: allocation, committed, spent,
**                   reimbursed and left; the warnings (a stream committed
**                   beyond its allocation or about to run out, a
**                   cooperative late with its statement); then each
**                   stream per cooperative and per quarter
**
** Definitions in src/domain/money_overview.h.  A case manager sees their
** own cooperative's figures (no "left", no stream warnings) and their own
** late statements; a manager the agency's.  Each table is a table: the
** figures are read, not drawn.
*/
#include "../domain/money_overview.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "money_shared.h"
#include "pages.h"

static void render_links(Req *r) {
  html_f(&r->out,
         "<p class=\"mb-4\"><a class=\"btn btn-outline-primary me-2\" href=\"/expenses\" "
         "id=\"expenses-link\">%s</a><a class=\"btn btn-outline-primary\" href=\"/statements\" "
         "id=\"statements-link\">%s</a></p>",
         _("Expenses"), _("Quarterly statements"));
}

static void render_warnings(Req *r, const MoneyOverview *o) {
  if (!o->nWarn) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"no-warnings\">%s</p>", _("No warnings."));
    return;
  }
  html_f(&r->out, "<div class=\"alert alert-warning\" role=\"alert\" id=\"warnings\"><p class=\"mb-2\">"
                  "<strong>%s</strong></p><ul class=\"mb-0\">", _("Warnings"));
  for (int i = 0; i < o->nWarn; i++) {
    html_f(&r->out, "<li data-code=\"%s\">%s</li>", money_warning_code(&o->aWarn[i]),
           money_warning_text(r, o, &o->aWarn[i]));
  }
  html_raw(&r->out, "</ul></div>");
}

/* The three figures of a row as cells. */
static void cells(Req *r, const MoneyRow *p) {
  html_f(&r->out, "<td class=\"text-end text-nowrap\">%s</td><td class=\"text-end text-nowrap\">%s</td>"
                  "<td class=\"text-end text-nowrap\">%s</td>",
         money_euros(r, p->nCommitted), money_euros(r, p->nSpent), money_euros(r, p->nReimbursed));
}

static void render_streams(Req *r, const MoneyOverview *o, int bAgency) {
  html_f(&r->out,
         "<table class=\"table\" id=\"streams\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th></tr></thead><tbody>",
         bAgency ? _("Funding streams") : _("Funding streams: your cooperative's figures"),
         _("Stream"), _("Allocation"), _("Committed"), _("Spent"), _("Reimbursed"), _("Left"));
  for (int i = 0; i < o->nByStream; i++) {
    const MoneyRow *p = &o->aByStream[i];
    const MoneyStream *s = money_stream(o, p->iStream);
    html_f(&r->out, "<tr data-stream=\"%s\"><th scope=\"row\">%s</th><td class=\"text-end\">%s</td>",
           s->zCode, s->zName, money_euros(r, s->nAllocation));
    cells(r, p);
    html_f(&r->out, "<td class=\"text-end%s\">%s</td></tr>", bAgency && p->nLeft < 0 ? " text-danger" : "",
           bAgency ? money_euros(r, p->nLeft) : "—");
  }
  html_raw(&r->out, "</tbody></table>");
}

static void breakdown_head(Req *r, const char *zId, const char *zCaption, const char *zFirst) {
  html_f(&r->out,
         "<table class=\"table table-sm\" id=\"%s\"><caption>%s</caption><thead><tr>"
         "<th scope=\"col\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
         "</tr></thead><tbody>",
         zId, zCaption, zFirst, _("Committed"), _("Spent"), _("Reimbursed"));
}

/* Stream s per cooperative and per quarter. */
static void render_stream_detail(Req *r, const MoneyOverview *o, const MoneyStream *s) {
  html_f(&r->out, "<section class=\"mt-4\" aria-labelledby=\"h-stream-%s\"><h2 class=\"h4\" "
                  "id=\"h-stream-%s\">%s</h2><div class=\"row\"><div class=\"col-lg-6\">",
         s->zCode, s->zCode, s->zName);
  breakdown_head(r, arena_printf(&r->a, "by-coop-%s", s->zCode), _("Per cooperative"), _("Cooperative"));
  for (int i = 0; i < o->nByOrg; i++) {
    const MoneyRow *p = &o->aByOrg[i];
    if (p->iStream != s->id) continue;
    html_f(&r->out, "<tr><th scope=\"row\">%s</th>", p->iOrg ? money_org_name(o, p->iOrg) : _("No cooperative"));
    cells(r, p);
    html_raw(&r->out, "</tr>");
  }
  html_raw(&r->out, "</tbody></table></div><div class=\"col-lg-6\">");
  breakdown_head(r, arena_printf(&r->a, "by-quarter-%s", s->zCode), _("Per quarter"), _("Quarter"));
  for (int i = 0; i < o->nByQuarter; i++) {
    const MoneyRow *p = &o->aByQuarter[i];
    if (p->iStream != s->id) continue;
    char zQ[8];
    quarter_format(p->iQuarter, zQ);
    html_f(&r->out, "<tr><th scope=\"row\">%s</th>", zQ);
    cells(r, p);
    html_raw(&r->out, "</tr>");
  }
  html_raw(&r->out, "</tbody></table></div></div></section>");
}

void money_page(Req *r) {
  MoneyWho w;
  money_req_who(r, &w);
  MoneyOverview o;
  int rc = money_overview(r->db, &r->a, &w, 0, money_today(r), &o);
  if (rc) return money_fail(r, rc, N_("Page not found."));
  layout_begin(r, _("Money"), NAV_NONE);
  html_f(&r->out, "<h1 class=\"h2\">%s</h1>", _("Money"));
  html_f(&r->out, "<p class=\"lead\">%s</p>",
         _("Committed is the estimated cost of the agreed interventions; spent, the approved "
           "expenses; reimbursed, what the agency has paid back."));
  render_links(r);
  render_warnings(r, &o);
  render_streams(r, &o, w.iOrg == 0);
  for (int i = 0; i < o.nStream; i++) render_stream_detail(r, &o, &o.aStream[i]);
  layout_end(r);
}
