/*
** page_round_end.c — the manager's round-end page (round_end.h):
**
**   GET  /rounds/{id}/ending?weeks=N  the paths of the round whose open
**                                     interventions are planned past its
**                                     end, the date by which families
**                                     should be told (N weeks before the
**                                     end, default 6), and for each path
**                                     the decision taken or a form to
**                                     take it
**   POST /rounds/{id}/ending          record the decision for one path
**                                     (case_id, decision, note)
**
** Both need CAP_CASELOAD_ADMIN (the manager), checked by the router; the
** page lists every path of the round, as the manager's caseload pages do.
** A decision that fails answers the page again with 422 (invalid) or 409
** (not possible now) and the message on top; a decision recorded is
** audited ("update", entity case, the decision and any new candidacy)
** and answers 303 to the page.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/programme.h"
#include "../domain/round_end.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* The decision options the round allows, labels translated. */
static const char *const *re_options(Req *r, const RoundEnd *p) {
  const char **az = arena_alloc(&r->a, 10 * sizeof *az);
  int j = 0;
  az[j++] = "";
  az[j++] = _("Choose what to do");
  for (int i = 0; round_end_azDecision[i]; i += 2) {
    if (!strcmp(round_end_azDecision[i], "next_round") && !p->iNext) continue;
    az[j++] = round_end_azDecision[i];
    az[j++] = _(round_end_azDecision[i + 1]);
  }
  return az;
}

static const char *re_decision_label(Req *r, const char *zCode) {
  for (int i = 0; zCode && round_end_azDecision[i]; i += 2) {
    if (!strcmp(round_end_azDecision[i], zCode)) return _(round_end_azDecision[i + 1]);
  }
  return zCode;
}

static void render_intro(Req *r, const RoundEnd *p) {
  char zToday[11];
  date_today(zToday);
  html_f(&r->out, "<h1 class=\"h2\">%s</h1>", arena_printf(&r->a, _("End of round %s"), p->zCode));
  html_f(&r->out, "<p class=\"lead\" id=\"round-end\">%s</p>",
         arena_printf(&r->a, _("The round ends on %s: families should be told by %s."),
                      ui_date(r, p->zEnd), ui_date(r, p->zNoticeBy)));
  if (strcmp(zToday, p->zNoticeBy) > 0)
    html_f(&r->out, "<p class=\"alert alert-warning\" id=\"late\">%s</p>",
           _("The notice date has passed: decide for every path now."));
  if (p->iNext)
    html_f(&r->out, "<p id=\"next-round\">%s</p>",
           arena_printf(&r->a, _("The next round, %s, starts on %s."), p->zNextCode,
                        ui_date(r, p->zNextStart)));
  else
    html_f(&r->out, "<p id=\"next-round\">%s</p>", _("There is no next round yet."));
  html_f(&r->out,
         "<form method=\"get\" class=\"mb-3\"><label for=\"f-weeks\">%s</label> "
         "<input type=\"number\" min=\"1\" max=\"52\" id=\"f-weeks\" name=\"weeks\" value=\"%d\"> "
         "<button class=\"btn btn-sm btn-outline-primary\" type=\"submit\">%s</button></form>",
         _("Weeks of notice"), p->nWeeks, _("Show"));
}

static void render_errors(Req *r) {
  if (!r->err.n) return;
  html_f(&r->out,
         "<div class=\"alert alert-danger\" role=\"alert\" id=\"conflict\"><ul class=\"mb-0\">");
  for (int i = 0; i < r->err.n; i++) html_f(&r->out, "<li>%s</li>", _(r->err.a[i].zMsg));
  html_raw(&r->out, "</ul></div>");
}

static void render_decision_form(Req *r, const RoundEnd *p, const RoundEndCase *c) {
  form_begin(r, arena_printf(&r->a, "/rounds/%" PRId64 "/ending?weeks=%d", p->iRound, p->nWeeks),
             " class=\"ali-round-end-form\"");
  html_f(&r->out, "<input type=\"hidden\" name=\"case_id\" value=\"%D\">", c->iCase);
  form_select(r, "decision", _("Decision"), re_options(r, p), c->zDecision ? c->zDecision : "");
  form_input(r, "note", _("What the family is told, and when"), "text", c->zNote, 0);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-sm btn-primary\">%s</button></form>",
         _("Record the decision"));
}

static void render_case(Req *r, const RoundEnd *p, const RoundEndCase *c) {
  html_f(&r->out,
         "<tr id=\"case-%D\"><td><a href=\"/cases/%D\">%s</a><br><span "
         "class=\"ali-muted\">%s</span></td><td><ul class=\"mb-0\">",
         c->iCase, c->iCase, c->zName, c->zCaseManager);
  for (int i = 0; i < c->nIv; i++)
    html_f(&r->out, "<li>%s — %s: %s</li>", c->aIv[i].zService, c->aIv[i].zPerson,
           ui_date(r, c->aIv[i].zPlannedEnd));
  html_raw(&r->out, "</ul></td><td>");
  if (c->zDecision) {
    html_f(&r->out, "<p class=\"ali-decision\"><strong>%s</strong>",
           re_decision_label(r, c->zDecision));
    if (c->zNote) html_f(&r->out, "<br>%s", c->zNote);
    html_f(&r->out, "<br><span class=\"ali-muted small\">%s, %s</span>", c->zDecidedBy,
           c->zDecidedAt);
    if (c->iNextCase)
      html_f(&r->out, "<br><a href=\"/cases/%D\">%s</a>", c->iNextCase,
             _("The candidacy in the next round"));
    html_raw(&r->out, "</p>");
  }
  if (!c->iNextCase) render_decision_form(r, p, c);
  html_raw(&r->out, "</td></tr>");
}

static void render_page(Req *r, int nWeeks) {
  RoundEnd p;
  int rc = round_end_plan(r->db, &r->a, r->iAgency, r->aId[0], nWeeks, r->iLang, &p);
  if (rc == DOMAIN_NOT_FOUND) {
    req_error(r, 404, N_("There is no such round."));
    return;
  }
  if (rc) {
    case_fail(r, rc);
    return;
  }
  layout_begin(r, arena_printf(&r->a, _("End of round %s"), p.zCode), NAV_PROGRAMME);
  render_intro(r, &p);
  render_errors(r);
  if (!p.nCase) {
    html_f(&r->out, "<p id=\"no-cases\">%s</p>",
           _("No open path goes beyond the end of the round."));
  } else {
    html_f(&r->out,
           "<table class=\"table\" id=\"paths\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr>"
           "</thead><tbody>",
           _("Participant"), _("Interventions beyond the end"), _("Decision"));
    for (int i = 0; i < p.nCase; i++) render_case(r, &p, &p.aCase[i]);
    html_raw(&r->out, "</tbody></table>");
  }
  layout_end(r);
}

void round_end_page(Req *r) {
  render_page(r, (int)req_query_int(r, "weeks", ROUND_END_WEEKS, 1, 52));
}

void round_end_decide_page(Req *r) {
  const char *zCase = req_form(r, "case_id");
  int64_t iCase = zCase ? strtoll(zCase, NULL, 10) : 0;
  const char *zDecision = req_form(r, "decision");
  const char *zNote = req_form(r, "note");
  int nWeeks = (int)req_query_int(r, "weeks", ROUND_END_WEEKS, 1, 52);
  int rc = DOMAIN_NOT_FOUND;
  int64_t iNew = 0, iPerson = 0;
  if (iCase > 0 && db_int(r->db, 0,
                          "SELECT count(*) FROM case_file WHERE id=$1 AND round_id=$2"
                          " AND agency_id=$3",
                          "iii", iCase, r->aId[0], r->iAgency)) {
    iPerson = db_int(r->db, 0, "SELECT person_id FROM case_file WHERE id=$1", "i", iCase);
    rc = round_end_decide(r->db, r->iAgency, iCase, zDecision, zNote, r->user.id, &iNew, &r->err);
  } else {
    errors_add(&r->err, "case_id", N_("There is no such case in this round."));
  }
  if (!rc) {
    Buf b = BUF_INIT;
    JsonW w;
    jw_init(&w, &b);
    jw_obj(&w);
    jw_kv_str(&w, "round_end_decision", zDecision);
    if (iNew) jw_kv_int(&w, "next_case_id", iNew);
    jw_obj_end(&w);
    req_audit(r, "update", "case", iCase, iPerson, buf_str(&b));
    buf_free(&b);
    req_redirect(r, arena_printf(&r->a, "/rounds/%" PRId64 "/ending?weeks=%d", r->aId[0], nWeeks));
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT && rc != DOMAIN_NOT_FOUND) {
    case_fail(r, rc);
    return;
  }
  int iStatus = rc == DOMAIN_CONFLICT ? 409 : rc == DOMAIN_NOT_FOUND ? 404 : 422;
  render_page(r, nWeeks);
  r->iStatus = iStatus;
}
