/*
** page_dashboard.c — the manager's home page (issue 6, "Dashboard"):
**
**   GET /dashboard?round=ID   the current round at a glance
**
** The current round is the one whose dates hold today, else the last one
** that started, else the first; ?round= picks another.  The page puts
** together what the manager otherwise opens one by one, each with a link
** to the full page:
**   - participants by stage (the round's funnel, intake_funnel);
**   - services activated and outcomes so far (the registry reports
**     "services" and "outcomes", their first view, for this round);
**   - money committed / spent / left per stream, and the money warnings
**     (money_overview);
**   - what needs the manager: overdue requests, active cases without a
**     worker, paths the round's end would cut short (round_end_plan).
** Charts are page_report_view's: an SVG beside each table, hidden from
** screen readers because the table says the same.  Counts only: the
** names are on the pages the links open, behind their own checks.
** Needs CAP_DASHBOARD (the manager).  `/` sends managers here.
*/
#include <inttypes.h>
#include <string.h>

#include "../domain/handover.h"
#include "../domain/intake.h"
#include "../domain/money_overview.h"
#include "../domain/request.h"
#include "../domain/round_end.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../report/report.h"
#include "html.h"
#include "layout.h"
#include "money_shared.h"
#include "page_report.h"
#include "pages.h"

/* The round the dashboard shows: ?round= when it is the agency's, else
** the current one (see above).  0 when the agency has no round. */
static int64_t dash_round(Req *r, ReportRound *aR, int nR) {
  int64_t iAsked = req_query_int(r, "round", 0, 0, INT64_MAX);
  char zToday[11];
  date_today(zToday);
  int iPick = -1;
  for (int i = 0; i < nR; i++) {
    if (aR[i].id == iAsked) return aR[i].id;
    if (strcmp(aR[i].zStart, zToday) <= 0) iPick = i; /* rounds are by start */
    if (strcmp(aR[i].zStart, zToday) <= 0 && strcmp(zToday, aR[i].zEnd) <= 0) {
      iPick = i;
      break;
    }
  }
  if (iPick < 0 && nR > 0) iPick = 0;
  return iPick < 0 ? 0 : aR[iPick].id;
}

static void dash_round_form(Req *r, ReportRound *aR, int nR, int64_t iRound) {
  html_f(&r->out, "<form method=\"get\" class=\"d-flex gap-2 align-items-end mb-4\">"
                  "<div><label for=\"dash-round\" class=\"form-label\">%s</label>"
                  "<select id=\"dash-round\" name=\"round\" class=\"form-select\">",
         _("Round"));
  for (int i = 0; i < nR; i++) {
    html_f(&r->out, "<option value=\"%D\"%s>%s — %s</option>", aR[i].id,
           aR[i].id == iRound ? " selected" : "", aR[i].zCode, aR[i].zName);
  }
  html_f(&r->out, "</select></div><button type=\"submit\" class=\"btn btn-outline-primary\">%s"
                  "</button></form>",
         _("Show"));
}

/* A card with a big number, a label and a link; "attention" when n > 0. */
static void dash_tile(Req *r, const char *zId, int64_t n, const char *zLabel, const char *zHref) {
  html_f(&r->out,
         "<div class=\"col-sm-6 col-lg-3\"><div class=\"card card-bg mb-3%s\" id=\"%s\">"
         "<div class=\"card-body\"><p class=\"display-6 mb-0\">%D</p><p class=\"mb-1\">%s</p>",
         n > 0 ? " border-warning" : "", zId, n, zLabel);
  if (zHref) html_f(&r->out, "<a href=\"%s\">%s</a>", zHref, _("Open"));
  html_raw(&r->out, "</div></div></div>");
}

/* What needs the manager now: overdue requests, cases without a worker,
** paths the round's end would cut short. */
static void dash_attention(Req *r, int64_t iRound) {
  Request *aReq;
  Orphan *aO;
  RoundEnd re;
  int nReq = 0, nO = 0;
  RequestFilter f = {.bOpen = 1, .bOverdue = 1};
  const char *zNow = arena_printf(&r->a, "%sT00:00:00Z", money_today(r));
  if (request_list(r->db, &r->a, r->iAgency, &f, zNow, &aReq, &nReq)) nReq = 0;
  if (handover_orphans(r->db, &r->a, r->iAgency, &aO, &nO)) nO = 0;
  if (round_end_plan(r->db, &r->a, r->iAgency, iRound, ROUND_END_WEEKS, r->iLang, &re))
    re.nCase = 0;
  html_f(&r->out, "<h2 class=\"h4\">%s</h2><div class=\"row\">", _("Needs attention"));
  dash_tile(r, "tile-overdue", nReq, _("Overdue requests"), "/requests");
  dash_tile(r, "tile-orphans", nO, _("Active cases without a social worker or case manager"),
            "/caseload/orphans");
  dash_tile(r, "tile-round-end", re.nCase, _("Paths that the round's end would cut short"),
            arena_printf(&r->a, "/rounds/%" PRId64 "/ending", iRound));
  html_raw(&r->out, "</div>");
}

/* Participants by stage, with a chart, from the round's funnel. */
static void dash_stages(Req *r, int64_t iRound) {
  Funnel fu;
  if (intake_funnel(r->db, r->iAgency, iRound, 0, 0, &fu)) return;
  static const char *const azCode[] = {"stage", "count"};
  const char *azLabel[] = {_("Stage"), _("Candidates")};
  RDoc d;
  rdoc_init(&d, &r->a, "stages", _("Participants by stage"));
  RTable *t = rdoc_view(&d, "stages", _("Candidates by the stage they reached"), 2, azCode, azLabel);
  const struct {
    const char *zLabel;
    int n;
  } aRow[] = {
      {N_("Shortlisted"), fu.nShortlisted},   {N_("First interview"), fu.nFirstInterview},
      {N_("Second interview"), fu.nSecondInterview}, {N_("Project agreed"), fu.nAgreed},
      {N_("Not suitable"), fu.nNotSuitable}, {N_("Withdrew"), fu.nWithdrew},
  };
  for (size_t i = 0; i < sizeof aRow / sizeof aRow[0]; i++) {
    rt_text(t, _(aRow[i].zLabel));
    rt_int(t, aRow[i].n);
  }
  rt_chart(t, 1, 0);
  page_report_view(r, t);
  html_f(&r->out, "<p><a href=\"/rounds/%D/funnel\">%s</a></p>", iRound, _("The whole funnel"));
}

/* The first view of registry report zName for this round, with a link. */
static void dash_report(Req *r, const char *zName, int64_t iRound, const char *zRound) {
  const ReportDef *pDef = report_find(zName);
  if (!pDef) return;
  ReportQuery q = {.iAgency = r->iAgency, .iRound = iRound, .zRound = zRound, .iLang = r->iLang};
  RDoc d;
  RTable *const *ap;
  if (report_build(r->db, &r->a, pDef, &q, &d) || rdoc_views(&d, &ap) == 0) return;
  page_report_view(r, ap[0]);
  html_f(&r->out, "<p><a href=\"/reports/%s?round=%s\">%s</a></p>", zName, zRound,
         _("The whole report"));
}

/* Money per stream: allocation, committed, spent, left; the warnings. */
static void dash_money(Req *r) {
  MoneyWho w;
  MoneyOverview o;
  money_req_who(r, &w);
  if (money_overview(r->db, &r->a, &w, 0, money_today(r), &o)) return;
  static const char *const azCode[] = {"stream", "allocation", "committed", "spent", "left"};
  const char *azLabel[] = {_("Funding stream"), _("Allocation"), _("Committed"), _("Spent"),
                           _("Left")};
  RDoc d;
  rdoc_init(&d, &r->a, "money", _("Money"));
  RTable *t = rdoc_view(&d, "money", _("Money per funding stream, in euros"), 5, azCode, azLabel);
  for (int i = 0; i < o.nByStream; i++) {
    const MoneyRow *m = &o.aByStream[i];
    const MoneyStream *s = money_stream(&o, m->iStream);
    rt_text(t, s ? s->zName : "");
    rt_real(t, (double)m->nAllocation / 100.0, 2);
    rt_real(t, (double)m->nCommitted / 100.0, 2);
    rt_real(t, (double)m->nSpent / 100.0, 2);
    rt_real(t, (double)m->nLeft / 100.0, 2);
  }
  for (int i = 0; i < o.nWarn; i++) rt_note(t, "%s", money_warning_text(r, &o, &o.aWarn[i]));
  rt_chart(t, 4, 0);
  page_report_view(r, t);
  html_f(&r->out, "<p><a href=\"/money\">%s</a></p>", _("Money in detail"));
}

void dashboard_page(Req *r) {
  ReportQuery qAll = {.iAgency = r->iAgency, .iLang = r->iLang};
  ReportRound *aR;
  int nR = report_rounds(r->db, &r->a, &qAll, &aR);
  if (nR < 0) {
    req_error(r, 500, N_("The dashboard could not be read."));
    return;
  }
  layout_begin(r, _("Dashboard"), NAV_NONE);
  html_f(&r->out, "<h1 class=\"h2\">%s</h1>", _("Dashboard"));
  int64_t iRound = dash_round(r, aR, nR);
  if (!iRound) {
    html_f(&r->out, "<p id=\"no-round\">%s</p>", _("There is no round yet."));
    layout_end(r);
    return;
  }
  const char *zRound = "";
  for (int i = 0; i < nR; i++) {
    if (aR[i].id == iRound) zRound = aR[i].zCode;
  }
  dash_round_form(r, aR, nR, iRound);
  dash_attention(r, iRound);
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-lg-6\">");
  dash_stages(r, iRound);
  html_raw(&r->out, "</div><div class=\"col-lg-6\">");
  dash_report(r, "outcomes", iRound, zRound);
  html_raw(&r->out, "</div></div><div class=\"row\"><div class=\"col-lg-6\">");
  dash_report(r, "services", iRound, zRound);
  html_raw(&r->out, "</div><div class=\"col-lg-6\">");
  dash_money(r);
  html_raw(&r->out, "</div></div>");
  layout_end(r);
}
