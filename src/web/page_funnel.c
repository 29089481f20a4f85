/*
** page_funnel.c — the funnel of a round:
**
**   GET /rounds/{id}/funnel[?social_worker=ID&organisation=ID]
**
** How many candidates reached each stage (shortlisted, first interview,
** second interview, project agreed), how many left as not suitable or
** withdrew (by the stage they had reached and by reason), and the
** screening's decisions and overrides: a bar chart in plain HTML and CSS
** (widths are classes of assets/ali.css, as the Content-Security-Policy
** allows no inline style) and the same figures as a table.  Both filters
** narrow the counts and the lists.  Below, the candidates at each stage;
** only the cases the caller may read (intake_can_read) are listed by
** name, the others are counted: the figures are for the whole round.
** Everything comes from src/domain/intake.h (intake_funnel,
** intake_case_list).
*/
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/programme.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* The filters of the page, from the query string. */
typedef struct FunnelFilter {
  int64_t iSocialWorker, iOrganisation;
} FunnelFilter;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* n as a percentage of nOf, rounded to the nearest 5 (the bar classes),
** at least 5 when n > 0 so that a few candidates still show. */
static int funnel_width(int n, int nOf) {
  if (nOf <= 0 || n <= 0) return 0;
  int p = (int)((200LL * n + nOf) / (2LL * nOf)); /* rounded percent */
  if (p > 100) p = 100;
  p = (p + 2) / 5 * 5;
  return p ? p : 5;
}

/* "12.5" (one decimal) of n out of nOf, or a dash. */
static const char *funnel_pct(Req *r, int n, int nOf) {
  if (nOf <= 0) return "—";
  int64_t x = (1000LL * n + nOf / 2) / nOf;
  return arena_printf(&r->a, r->iLang == LANG_IT ? "%d,%d%%" : "%d.%d%%", (int)(x / 10),
                      (int)(x % 10));
}

static const char *funnel_id_text(Req *r, int64_t id) {
  return id ? arena_printf(&r->a, "%" PRId64, id) : "";
}

/* The date a case reached stage e (its exit date for an exit). */
static const char *funnel_stage_date(const Case *c) {
  switch (c->eStage) {
    case STAGE_SHORTLISTED:
      return c->zShortlistedOn;
    case STAGE_FIRST_INTERVIEW:
      return c->zFirstInterviewOn;
    case STAGE_SECOND_INTERVIEW:
      return c->zSecondInterviewOn;
    case STAGE_AGREED:
      return c->zAgreedOn;
    default:
      return c->zExitOn;
  }
}

/* ------------------------------------------------------------------ */
/* The figures                                                         */
/* ------------------------------------------------------------------ */

static void render_filters(Req *r, const Round *rd, const FunnelFilter *pf) {
  html_f(&r->out,
         "<form method=\"get\" action=\"/rounds/%D/funnel\" class=\"mb-4\" id=\"funnel-filter\">"
         "<div class=\"row align-items-end\"><div class=\"col-md-4\">",
         rd->id);
  form_select(r, "social_worker", _("Social worker"), form_user_options(r, ROLE_SOCIAL_WORKER, 0, 1, _("Any")),
              funnel_id_text(r, pf->iSocialWorker));
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  form_select(r, "organisation", _("Cooperative"), form_organisation_options(r, "cooperative", _("Any"), 0),
              funnel_id_text(r, pf->iOrganisation));
  html_f(&r->out,
         "</div><div class=\"col-md-4 mb-4 text-nowrap\"><button type=\"submit\" class=\"btn "
         "btn-primary me-2\">%s</button><a class=\"btn btn-outline-primary\" "
         "href=\"/rounds/%D/funnel\">%s</a></div></div></form>",
         _("Filter"), rd->id, _("Clear"));
}

/* One bar: label, bar, count. */
static void render_bar(Req *r, const char *zId, const char *zLabel, int n, int nOf, int bExit) {
  html_f(&r->out,
         "<li class=\"ali-funnel-row\" id=\"bar-%s\"><span class=\"ali-funnel-label\">%s</span>"
         "<span class=\"ali-funnel-track\"><span class=\"ali-bar%s ali-w-%d\"></span></span>"
         "<span class=\"ali-funnel-count\">%d</span></li>",
         zId, zLabel, bExit ? " ali-bar-exit" : "", funnel_width(n, nOf), n);
}

static void render_chart(Req *r, const Funnel *f) {
  html_f(&r->out, "<ol class=\"ali-funnel\" id=\"funnel-chart\" aria-label=\"%s\">",
         _("The funnel as a chart"));
  render_bar(r, "shortlisted", case_stage_label(r, STAGE_SHORTLISTED), f->nShortlisted,
             f->nShortlisted, 0);
  render_bar(r, "first_interview", case_stage_label(r, STAGE_FIRST_INTERVIEW), f->nFirstInterview,
             f->nShortlisted, 0);
  render_bar(r, "second_interview", case_stage_label(r, STAGE_SECOND_INTERVIEW),
             f->nSecondInterview, f->nShortlisted, 0);
  render_bar(r, "agreed", case_stage_label(r, STAGE_AGREED), f->nAgreed, f->nShortlisted, 0);
  render_bar(r, "not_suitable", case_stage_label(r, STAGE_NOT_SUITABLE), f->nNotSuitable,
             f->nShortlisted, 1);
  render_bar(r, "withdrew", case_stage_label(r, STAGE_WITHDREW), f->nWithdrew, f->nShortlisted, 1);
  html_raw(&r->out, "</ol>");
}

static void render_count_row(Req *r, const char *zId, const char *zLabel, int n, int nOf) {
  html_f(&r->out,
         "<tr id=\"count-%s\"><th scope=\"row\">%s</th><td class=\"text-end\">%d</td>"
         "<td class=\"text-end\">%s</td></tr>",
         zId, zLabel, n, funnel_pct(r, n, nOf));
}

static void render_table_head(Req *r, const char *zId, const char *zCaption, const char *zWhat) {
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"%s\">"
         "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\" class=\"text-end\">%s</th>"
         "</tr></thead><tbody>",
         zId, zCaption, zWhat, _("Candidates"), _("Share of the shortlisted"));
}

static void render_counts(Req *r, const Funnel *f) {
  int n = f->nShortlisted;
  render_table_head(r, "funnel-table", _("Candidates by stage reached"), _("Stage"));
  render_count_row(r, "shortlisted", case_stage_label(r, STAGE_SHORTLISTED), n, n);
  render_count_row(r, "first_interview", case_stage_label(r, STAGE_FIRST_INTERVIEW),
                   f->nFirstInterview, n);
  render_count_row(r, "second_interview", case_stage_label(r, STAGE_SECOND_INTERVIEW),
                   f->nSecondInterview, n);
  render_count_row(r, "agreed", case_stage_label(r, STAGE_AGREED), f->nAgreed, n);
  render_count_row(r, "not_suitable", case_stage_label(r, STAGE_NOT_SUITABLE), f->nNotSuitable, n);
  render_count_row(r, "withdrew", case_stage_label(r, STAGE_WITHDREW), f->nWithdrew, n);
  html_raw(&r->out, "</tbody></table></div>");
}

/* Withdrawals by the stage reached and by reason. */
static void render_withdrawals(Req *r, const Funnel *f) {
  int n = f->nShortlisted;
  render_table_head(r, "withdrew-stage", _("Withdrew, by the stage they had reached"),
                    _("Stage reached"));
  for (int e = STAGE_SHORTLISTED; e <= STAGE_SECOND_INTERVIEW; e++) {
    render_count_row(r, arena_printf(&r->a, "withdrew-at-%s", stage_code((Stage)e)),
                     case_stage_label(r, e), f->nWithdrewAt[e], n);
  }
  html_raw(&r->out, "</tbody></table></div>");
  render_table_head(r, "withdrew-reason", _("Withdrew, by reason"), _("Reason"));
  for (int i = 0; i < WITHDRAWAL_REASON_COUNT; i++) {
    render_count_row(r, arena_printf(&r->a, "reason-%s", withdrawal_reason_code(i)),
                     _(withdrawal_reason_label(i)), f->nWithdrewReason[i], n);
  }
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_screening(Req *r, const Funnel *f) {
  static const char *const azCode[3] = {"suitable", "refer", "job_only"};
  int n = f->nShortlisted;
  render_table_head(r, "screening", _("Decisions after the screening"), _("Decision"));
  for (int i = 0; i < 3; i++) {
    render_count_row(r, arena_printf(&r->a, "decision-%s", azCode[i]),
                     case_screening_label(r, azCode[i]), f->nScreening[i], n);
  }
  render_count_row(r, "overrides", _("Decisions that override the suggestion"), f->nOverride, n);
  html_raw(&r->out, "</tbody></table></div>");
}

/* ------------------------------------------------------------------ */
/* The lists                                                           */
/* ------------------------------------------------------------------ */

static void render_case_row(Req *r, const Case *c) {
  html_f(&r->out, "<tr><td><a href=\"/cases/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>",
         c->id, case_person_name(r, c), ui_date(r, funnel_stage_date(c)), c->zSocialWorker,
         c->zOrganisation);
  html_f(&r->out, "<td>%s</td></tr>", c->zCaseManager);
}

/* The candidates now at stage e: by name those the caller may read. */
static void render_stage_list(Req *r, int e, const Case *a, const int *abRead, int n) {
  int nShown = 0, nHidden = 0;
  html_f(&r->out, "<section class=\"mb-4\" id=\"list-%s\"><h3 class=\"h5\">%s</h3>",
         stage_code((Stage)e), case_stage_label(r, e));
  for (int i = 0; i < n; i++) {
    if ((int)a[i].eStage != e) continue;
    if (!abRead[i]) {
      nHidden++;
      continue;
    }
    if (!nShown++) {
      html_f(&r->out,
             "<div class=\"table-responsive\"><table class=\"table ali-table\"><thead><tr>"
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             _("Full name"), _("Since"), _("Social worker"));
      html_f(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Cooperative"), _("Case manager"));
    }
    render_case_row(r, &a[i]);
  }
  if (nShown) html_raw(&r->out, "</tbody></table></div>");
  if (!nShown && !nHidden) html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("Nobody."));
  if (nHidden)
    html_f(&r->out, "<p class=\"ali-muted\" id=\"hidden-%s\">%s %d</p>", stage_code((Stage)e),
           _("Candidates of cases you do not work on:"), nHidden);
  html_raw(&r->out, "</section>");
}

/* The round's cases under the filters, and which the caller may read. */
typedef struct FunnelCases {
  Case *a;
  int *abRead;
  int n;
} FunnelCases;

static int funnel_cases(Req *r, const Round *rd, const FunnelFilter *pf, FunnelCases *p) {
  CaseFilter cf = {.iRound = rd->id,
                   .eStage = -1,
                   .iSocialWorker = pf->iSocialWorker,
                   .iOrganisation = pf->iOrganisation};
  int rc = intake_case_list(r->db, &r->a, r->iAgency, &cf, &p->a, &p->n);
  if (rc) return rc;
  p->abRead = arena_alloc(&r->a, sizeof(int) * (size_t)(p->n + 1));
  for (int i = 0; i < p->n; i++) {
    p->abRead[i] = intake_can_read(intake_case_relation(r->db, &r->user, &p->a[i]));
  }
  return 0;
}

static void render_lists(Req *r, const FunnelCases *p) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-lists\" class=\"mt-5\"><h2 id=\"h-lists\" class=\"h4\">"
         "%s</h2>",
         _("Candidates at each stage"));
  for (int e = 0; e < STAGE_COUNT; e++) render_stage_list(r, e, p->a, p->abRead, p->n);
  html_raw(&r->out, "</section>");
}

void funnel_page(Req *r) {
  Round rd;
  int rc = round_get(r->db, &r->a, r->iAgency, r->aId[0], &rd);
  if (rc == DOMAIN_NOT_FOUND) {
    req_error(r, 404, N_("There is no such round."));
    return;
  }
  FunnelFilter ff = {req_query_int(r, "social_worker", 0, 0, INT64_MAX),
                     req_query_int(r, "organisation", 0, 0, INT64_MAX)};
  Funnel f;
  memset(&f, 0, sizeof f);
  FunnelCases fc;
  if (!rc) rc = intake_funnel(r->db, r->iAgency, rd.id, ff.iSocialWorker, ff.iOrganisation, &f);
  if (!rc) rc = funnel_cases(r, &rd, &ff, &fc);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  const char *zTitle = arena_printf(&r->a, _("Funnel: %s"), rd.zName);
  layout_begin(r, zTitle, NAV_PROGRAMME);
  html_f(&r->out, "<h1 class=\"h2 mb-1\">%s</h1><p class=\"lead\"><code>%s</code> · %s – %s</p>",
         zTitle, rd.zCode, ui_date(r, rd.zStartDate), ui_date(r, rd.zEndDate));
  if (auth_can(r, CAP_SHORTLIST))
    html_f(&r->out, "<p><a href=\"/rounds/%D/shortlist\">%s</a></p>", rd.id, _("Shortlist"));
  render_filters(r, &rd, &ff);
  html_f(&r->out, "<p class=\"ali-muted\" id=\"funnel-note\">%s</p>",
         _("The figures count every candidate of the round that matches the filters, including "
           "the cases you do not work on; the lists name only the cases you work on."));
  render_chart(r, &f);
  render_counts(r, &f);
  render_withdrawals(r, &f);
  render_screening(r, &f);
  render_lists(r, &fc);
  layout_end(r);
}
