/*
** page_report.c — every report of the registry (src/report/reports.c) on
** the web, without a line of code per report:
**
**   GET /reports                   the reports the caller may read
**   GET /reports/NAME?QUERY        the report's page: a form (the round,
**                                  "all rounds" unless the report is of
**                                  one round; from/to for REPORT_PERIOD;
**                                  social worker and cooperative for
**                                  REPORT_FILTERS), links to download it,
**                                  and each view (page_report_view)
**   GET /reports/NAME.EXT?QUERY    the report as a file: csv, xlsx, pdf,
**                                  json (report_download.c), audited as
**                                  an export
**
** The routes need CAP_REPORT_READ; each report's own capability
** (pDef->eCap) is checked here, and refused with a 403 audited like the
** dispatcher's.  An unknown report or format is a 404.  The query string
** is report_download.h's; a malformed value re-renders the form with the
** message next to its field (400 or 422).
*/
#include <stdio.h>
#include <string.h>

#include "../domain/programme.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "page_report.h"
#include "pages.h"
#include "report_download.h"

/* ------------------------------------------------------------------ */
/* One view                                                            */
/* ------------------------------------------------------------------ */

/* A cell as the page shows it: reals with the language's separator. */
static const char *view_cell(Req *r, const RCell *c) {
  const char *z = rcell_str(&r->a, c);
  if (c && c->e == RC_REAL && r->iLang == LANG_IT) {
    char *zCopy = arena_strdup(&r->a, z);
    char *p = strchr(zCopy, '.');
    if (p) *p = ',';
    return zCopy;
  }
  return z;
}

static int view_is_number(const RCell *c) { return c && (c->e == RC_INT || c->e == RC_REAL); }

/* 1 if column j holds a number: its cells and header go to the right. */
static int view_numeric_col(const RTable *t, int j) {
  for (int i = 0; i < t->nRow; i++) {
    if (view_is_number(rt_cell(t, i, j))) return 1;
  }
  return 0;
}

static void view_table(Req *r, const RTable *t) {
  html_f(&r->out, "<div class=\"table-responsive\"><table class=\"table table-sm ali-table\""
                  " id=\"table-%s\"",
         t->zName);
  if (t->nNote) html_f(&r->out, " aria-describedby=\"notes-%s\"", t->zName);
  html_f(&r->out, "><caption class=\"caption-top\">%s</caption><thead><tr>", t->zTitle);
  for (int j = 0; j < t->nCol; j++) {
    html_raw(&r->out, j && view_numeric_col(t, j) ? "<th scope=\"col\" class=\"text-end\">"
                                                   : "<th scope=\"col\">");
    html_f(&r->out, "%s</th>", t->azLabel[j]);
  }
  html_raw(&r->out, "</tr></thead><tbody>");
  for (int i = 0; i < t->nRow; i++) {
    html_raw(&r->out, "<tr>");
    for (int j = 0; j < t->nCol; j++) {
      const char *z = view_cell(r, rt_cell(t, i, j));
      if (j == 0)
        html_f(&r->out, "<th scope=\"row\">%s</th>", z);
      else if (view_numeric_col(t, j))
        html_f(&r->out, "<td class=\"text-end\">%s</td>", z);
      else
        html_f(&r->out, "<td>%s</td>", z);
    }
    html_raw(&r->out, "</tr>");
  }
  html_raw(&r->out, "</tbody></table></div>");
  if (!t->nNote) return;
  html_f(&r->out, "<ul class=\"list-unstyled small ali-report-notes\" id=\"notes-%s\">", t->zName);
  for (int k = 0; k < t->nNote; k++) html_f(&r->out, "<li>%s</li>", t->azNote[k]);
  html_raw(&r->out, "</ul>");
}

/* z cut to at most n characters (UTF-8), with an ellipsis when cut. */
static const char *view_cut(Req *r, const char *z, int n) {
  int nChar = 0;
  const char *p = z;
  for (; *p; p++) {
    if (((unsigned char)*p & 0xC0) != 0x80 && nChar++ == n) break;
  }
  if (!*p) return z;
  return arena_printf(&r->a, "%.*s…", (int)(p - z), z);
}

#define CHART_W 400   /* the SVG's user units across */
#define CHART_LABEL 170
#define CHART_BAR 180 /* the longest bar */
#define CHART_ROW 22

/* The bar chart of t: column iChartCol as bars, iChartLabel as labels. */
static void view_chart(Req *r, const RTable *t) {
  double rMax = 0;
  for (int i = 0; i < t->nRow; i++) {
    const RCell *c = rt_cell(t, i, t->iChartCol);
    double v = !view_is_number(c) ? 0 : c->e == RC_INT ? (double)c->i : c->r;
    if (v > rMax) rMax = v;
  }
  int nH = 24 + CHART_ROW * t->nRow;
  html_f(&r->out,
         "<div class=\"ali-report-chart\" aria-hidden=\"true\" id=\"chart-%s\">"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\""
         " focusable=\"false\"><text x=\"0\" y=\"14\" font-size=\"12\" font-weight=\"600\""
         " fill=\"#1a1a1a\">%s</text>",
         t->zName, CHART_W, nH, t->azLabel[t->iChartCol]);
  for (int i = 0; i < t->nRow; i++) {
    const RCell *c = rt_cell(t, i, t->iChartCol);
    double v = !view_is_number(c) ? 0 : c->e == RC_INT ? (double)c->i : c->r;
    int w = rMax > 0 ? (int)(CHART_BAR * v / rMax + 0.5) : 0, y = 24 + CHART_ROW * i;
    html_f(&r->out,
           "<text x=\"0\" y=\"%d\" font-size=\"11\" fill=\"#1a1a1a\">%s</text>"
           "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#0066cc\"></rect>"
           "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#1a1a1a\">%s</text>",
           y + 12, view_cut(r, rcell_str(&r->a, rt_cell(t, i, t->iChartLabel)), 28),
           CHART_LABEL, y + 2, w, CHART_LABEL + w + 4, y + 12,
           view_cell(r, c));
  }
  html_raw(&r->out, "</svg></div>");
}

void page_report_view(Req *r, const RTable *t) {
  int bChart = t->iChartCol >= 0 && t->iChartCol < t->nCol && t->iChartLabel >= 0 &&
               t->iChartLabel < t->nCol && t->nRow > 0;
  html_f(&r->out, "<section class=\"ali-report-view mb-5\" id=\"view-%s\">", t->zName);
  if (bChart) html_raw(&r->out, "<div class=\"row\"><div class=\"col-lg-7\">");
  view_table(r, t);
  if (bChart) {
    html_raw(&r->out, "</div><div class=\"col-lg-5\">");
    view_chart(r, t);
    html_raw(&r->out, "</div></div>");
  }
  html_raw(&r->out, "</section>");
}

/* ------------------------------------------------------------------ */
/* The list                                                            */
/* ------------------------------------------------------------------ */

static const char *const azFormat[] = {"csv", "xlsx", "pdf", "json"};

void report_list_page(Req *r) {
  layout_begin(r, _("Reports"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1><div class=\"table-responsive\"><table class=\"table\""
                  " id=\"reports\"><caption class=\"caption-top\">%s</caption><thead><tr>"
                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "</tr></thead><tbody>",
         _("Reports"), _("The reports you may read"), _("Report"), _("Code"), _("Download"));
  for (int i = 0; i < report_count(); i++) {
    const ReportDef *p = report_at(i);
    if (!auth_can(r, p->eCap)) continue;
    html_f(&r->out, "<tr id=\"report-%s\"><th scope=\"row\"><a href=\"/reports/%s\">%s</a></th>"
                    "<td><code>%s</code></td><td>",
           p->zName, p->zName, _(p->zHelp), p->zName);
    for (int k = 0; k < 4; k++) {
      html_f(&r->out, "%s<a href=\"/reports/%s.%s\">%s</a>", k ? " · " : "", p->zName,
             azFormat[k], azFormat[k]);
    }
    html_raw(&r->out, "</td></tr>");
  }
  html_raw(&r->out, "</tbody></table></div>");
  if (auth_can(r, CAP_MICRODATA_EXPORT)) {
    html_f(&r->out, "<p id=\"microdata-link\"><a href=\"/exports/microdata\">%s</a></p>",
           _("Pseudonymised microdata for evaluators"));
  }
  layout_end(r);
}

/* ------------------------------------------------------------------ */
/* One report                                                          */
/* ------------------------------------------------------------------ */

/* The options of the round select: all rounds (or a prompt), then each. */
static const char *const *round_options(Req *r, const ReportDef *pDef) {
  Round *aR = NULL;
  int n = 0;
  round_list(r->db, &r->a, r->iAgency, &aR, &n);
  const char **az = arena_alloc(&r->a, sizeof(char *) * (size_t)(2 * n + 3));
  int k = 0;
  az[k++] = (pDef->flags & REPORT_NEEDS_ROUND) ? "" : "all";
  az[k++] = (pDef->flags & REPORT_NEEDS_ROUND) ? _("Choose a round") : _("All rounds");
  for (int i = 0; i < n; i++) {
    az[k++] = aR[i].zCode;
    az[k++] = arena_printf(&r->a, "%s — %s", aR[i].zCode, aR[i].zName);
  }
  az[k] = NULL;
  return az;
}

static void render_form(Req *r, const ReportReq *p) {
  const ReportDef *pDef = p->pDef;
  html_f(&r->out, "<form method=\"get\" action=\"/reports/%s\" class=\"mb-4\" id=\"report-form\">"
                  "<div class=\"row align-items-end\"><div class=\"col-md-3\">",
         pDef->zName);
  if (!(pDef->flags & REPORT_NO_ROUND)) {
    form_select(r, "round", _("Round"), round_options(r, pDef),
                p->q.zRound ? p->q.zRound : p->zRound ? p->zRound : "all");
  }
  html_raw(&r->out, "</div>");
  if (pDef->flags & REPORT_PERIOD) {
    html_raw(&r->out, "<div class=\"col-md-2\">");
    form_input(r, "from", _("From"), "date", p->zFrom ? p->zFrom : req_query(r, "from"), 0);
    html_raw(&r->out, "</div><div class=\"col-md-2\">");
    form_input(r, "to", _("To"), "date", p->zTo ? p->zTo : req_query(r, "to"), 0);
    html_raw(&r->out, "</div>");
  }
  if (pDef->flags & REPORT_FILTERS) {
    html_raw(&r->out, "<div class=\"col-md-2\">");
    form_select(r, "social_worker", _("Social worker"),
                form_user_options(r, ROLE_SOCIAL_WORKER, 1, 1, _("Any")), p->zSocialWorker);
    html_raw(&r->out, "</div><div class=\"col-md-2\">");
    form_select(r, "cooperative", _("Cooperative"),
                form_organisation_options(r, "cooperative", _("Any"), 0), p->zCooperative);
    html_raw(&r->out, "</div>");
  }
  html_f(&r->out, "<div class=\"col-md-1 mb-4\"><button type=\"submit\" class=\"btn"
                  " btn-primary\">%s</button></div></div></form>",
         _("Show"));
}

static void render_downloads(Req *r, const ReportReq *p) {
  const char *zQs = report_req_query_string(r, p);
  html_f(&r->out, "<p class=\"ali-report-downloads\" id=\"downloads\">%s ", _("Download:"));
  for (int k = 0; k < 4; k++) {
    html_f(&r->out, "<a class=\"btn btn-outline-primary btn-sm me-2\" id=\"download-%s\""
                    " href=\"/reports/%s.%s%s%s\">%s</a>",
           azFormat[k], p->pDef->zName, azFormat[k], *zQs ? "?" : "", zQs, azFormat[k]);
  }
  html_raw(&r->out, "</p>");
}

/* The page of report p: the form, and the report unless iStatus says
** the query was refused. */
static void render_page(Req *r, const ReportReq *p, int iStatus) {
  Arena a = ARENA_INIT;
  RDoc d;
  memset(&d, 0, sizeof d);
  int rc = iStatus ? 0 : report_build(r->db, &a, p->pDef, &p->q, &d);
  if (rc) {
    arena_free(&a);
    req_error(r, 500, N_("The report could not be read; try again in a moment."));
    return;
  }
  const char *zTitle = _(p->pDef->zHelp);
  layout_begin(r, zTitle, NAV_NONE);
  html_f(&r->out, "<nav aria-label=\"%s\"><a href=\"/reports\">%s</a></nav><h1>%s</h1>",
         _("Breadcrumb"), _("Reports"), zTitle);
  if (!iStatus && d.zSubtitle) html_f(&r->out, "<p class=\"lead\" id=\"subtitle\">%s</p>", d.zSubtitle);
  render_form(r, p);
  if (!iStatus) {
    render_downloads(r, p);
    RTable *const *ap;
    int n = rdoc_views(&d, &ap);
    for (int k = 0; k < n; k++) page_report_view(r, ap[k]);
    if (n == 0) html_f(&r->out, "<p>%s</p>", _("Nothing to report."));
  } else if (iStatus == 200) {
    html_f(&r->out, "<p id=\"choose-round\">%s</p>", _("This report is of one round: choose it."));
  }
  layout_end(r);
  r->iStatus = iStatus ? iStatus : 200;
  arena_free(&a);
}

/* A download: the report in format zExt, or an error page. */
static void report_download(Req *r, const ReportReq *p, const char *zExt, int iStatus) {
  if (iStatus) {
    const char *zMsg = r->err.n ? r->err.a[0].zMsg : N_("This report is of one round: choose it.");
    req_error(r, iStatus, zMsg);
    return;
  }
  Arena a = ARENA_INIT;
  RDoc d;
  int rc = report_build(r->db, &a, p->pDef, &p->q, &d);
  if (rc == 0) rc = report_send(r, p, &d, zExt, 1);
  arena_free(&a);
  if (rc) req_error(r, 500, N_("The report could not be made; try again in a moment."));
}

void report_page(Req *r) {
  const char *zRest = r->zRest ? r->zRest : "";
  const char *zDot = strrchr(zRest, '.');
  char zName[64];
  size_t n = zDot ? (size_t)(zDot - zRest) : strlen(zRest);
  const ReportDef *pDef = NULL;
  if (n > 0 && n < sizeof zName && !memchr(zRest, '/', n)) {
    memcpy(zName, zRest, n);
    zName[n] = 0;
    pDef = report_find(zName);
  }
  if (!pDef || (zDot && !report_format_known(zDot + 1))) {
    req_error(r, 404, N_("Page not found."));
    return;
  }
  if (!auth_can(r, pDef->eCap)) {
    report_forbidden(r, pDef);
    return;
  }
  ReportReq q;
  int iStatus = report_req_parse(r, pDef, &q);
  if (zDot) {
    report_download(r, &q, zDot + 1, iStatus);
    return;
  }
  /* a report of one round opened without one: the form, and a word */
  if (iStatus == 400 && !req_query(r, "round") && (pDef->flags & REPORT_NEEDS_ROUND) &&
      !errors_get(&r->err, "from") && !errors_get(&r->err, "to")) {
    r->err.n = 0;
    iStatus = 200;
  }
  render_page(r, &q, iStatus);
}
