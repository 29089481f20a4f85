/*
** page_shortlist.c — shortlisting candidates into a round:
**
**   GET  /rounds/{id}/shortlist   the round (name, dates, places left),
**                                 its candidates, and a registry search
**                                 (?q= surname prefix or codice fiscale)
**                                 whose results can be ticked and
**                                 shortlisted on a funding stream, with a
**                                 social worker and a date
**   POST /rounds/{id}/shortlist   shortlists every ticked person
**
** The POST is all or nothing: each person goes through intake_shortlist()
** (the stream's rule, the social worker, one candidacy per round, the
** places left); if any is refused the answer is 422 with each refused
** person named beside the reason, and the dispatcher rolls back the ones
** that went in, so nothing is written.  Because the page of a refusal is
** written inside that transaction, it leaves out the candidates this
** request inserted.  On success every case created is audited ("create",
** entity "case") and the answer is 303 back to the page with a notice.
**
** The candidates listed by name are those whose case the caller may read
** (intake_can_read); the others are only counted.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

#define SHORTLIST_SEARCH_MAX 25 /* people one search shows */
#define SHORTLIST_PICK_MAX 200  /* people one submission may shortlist */

/* One person the domain refused, with its reasons. */
typedef struct Refusal {
  int64_t iPerson;
  const char *zName;
  Errors err;
} Refusal;

/* The form as submitted (or empty), and what the submission did. */
typedef struct ShortlistForm {
  int64_t *aPerson; /* the ticked people */
  int nPerson;
  const char *zQuery, *zStream, *zSocialWorker, *zDate;
  Refusal *aRefused;
  int nRefused;
  int64_t *aCreated; /* cases this request inserted (rolled back on a refusal) */
  int nCreated;
} ShortlistForm;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static void shortlist_fail(Req *r, int rc) {
  if (rc == DOMAIN_NOT_FOUND) {
    req_error(r, 404, N_("There is no such round."));
    return;
  }
  case_fail(r, rc);
}

static const char *shortlist_name(Req *r, const Person *p) {
  return arena_printf(&r->a, "%s %s", p->zLastName ? p->zLastName : "",
                      p->zFirstName ? p->zFirstName : "");
}

/* 1 if case id was inserted by this request. */
static int shortlist_created(const ShortlistForm *f, int64_t id) {
  for (int i = 0; i < f->nCreated; i++) {
    if (f->aCreated[i] == id) return 1;
  }
  return 0;
}

/* The agency's funding streams as options: code, "name — rule in words". */
static const char *const *shortlist_stream_options(Req *r, const FundingStream *a, int n) {
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  az[0] = "";
  az[1] = _("Choose the funding stream");
  for (int i = 0; i < n; i++) {
    az[2 * i + 2] = a[i].zCode;
    az[2 * i + 3] =
        arena_printf(&r->a, "%s — %s", a[i].zName, stream_rule_words(&r->a, r->iLang, a[i].zRule));
  }
  return az;
}

/* ------------------------------------------------------------------ */
/* The page                                                            */
/* ------------------------------------------------------------------ */

static void render_round_head(Req *r, const Round *rd, int nLeft) {
  html_f(&r->out, "<h1 class=\"h2 mb-1\">%s</h1>", arena_printf(&r->a, _("Shortlist: %s"), rd->zName));
  html_f(&r->out, "<p class=\"lead\" id=\"round\"><code>%s</code> · %s – %s · ", rd->zCode,
         ui_date(r, rd->zStartDate), ui_date(r, rd->zEndDate));
  if (nLeft < 0)
    html_f(&r->out, "<span id=\"places\">%s</span>", _("no limit on places"));
  else
    html_f(&r->out, "<span id=\"places\">%s</span>",
           arena_printf(&r->a, _n("%d place left of %d", "%d places left of %d", nLeft), nLeft,
                        rd->iMaxParticipants));
  html_f(&r->out, " · <a href=\"/rounds/%D/funnel\">%s</a></p>", rd->id, _("Funnel"));
}

static void render_added(Req *r) {
  int64_t n = req_query_int(r, "added", 0, 0, 100000);
  if (n > 0) {
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"added\">%s %D</div>",
           _("Candidates added to the shortlist:"), n);
  }
}

static void render_refused(Req *r, const ShortlistForm *f) {
  if (!f->nRefused) return;
  html_f(&r->out,
         "<div class=\"alert alert-danger\" role=\"alert\" id=\"refused\"><p class=\"mb-2\">"
         "<strong>%s</strong></p><ul class=\"mb-0\">",
         _("Nobody was shortlisted: these people cannot be, for the reasons given."));
  for (int i = 0; i < f->nRefused; i++) {
    const Refusal *p = &f->aRefused[i];
    html_f(&r->out, "<li data-person=\"%D\"><strong>%s</strong>: ", p->iPerson, p->zName);
    for (int j = 0; j < p->err.n; j++) {
      html_f(&r->out, "%s%s", j ? "; " : "", _(p->err.a[j].zMsg));
    }
    html_raw(&r->out, "</li>");
  }
  html_raw(&r->out, "</ul></div>");
}

static void render_candidate_row(Req *r, const Case *c) {
  html_f(&r->out, "<tr><td><a href=\"/cases/%D\">%s</a></td><td><code>%s</code></td>", c->id,
         case_person_name(r, c), c->zStreamCode);
  html_f(&r->out, "<td>%s</td><td>%s</td><td>%s</td></tr>", c->zSocialWorker,
         ui_date(r, c->zShortlistedOn), case_stage_label(r, c->eStage));
}

/* The round's candidates the caller may read; the others counted. */
static void render_candidates(Req *r, const Case *a, int n, const ShortlistForm *f) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-candidates\" class=\"mb-5\"><h2 id=\"h-candidates\" "
         "class=\"h4\">%s</h2>",
         _("Candidates of the round"));
  int nShown = 0, nHidden = 0;
  for (int i = 0; i < n; i++) {
    if (shortlist_created(f, a[i].id)) continue;
    if (!intake_can_read(intake_case_relation(r->db, &r->user, &a[i]))) {
      nHidden++;
      continue;
    }
    if (!nShown++) {
      html_f(&r->out,
             "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"candidates\">"
             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
             _("Full name"), _("Funding stream"));
      html_f(&r->out,
             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
             "</thead><tbody>",
             _("Social worker"), _("Shortlisted on"), _("Stage"));
    }
    render_candidate_row(r, &a[i]);
  }
  if (nShown) html_raw(&r->out, "</tbody></table></div>");
  if (!nShown && !nHidden)
    html_f(&r->out, "<p class=\"ali-muted\" id=\"no-candidates\">%s</p>", _("No candidate yet."));
  if (nHidden)
    html_f(&r->out, "<p class=\"ali-muted\" id=\"hidden-candidates\">%s %d</p>",
           _("Candidates of cases you do not work on:"), nHidden);
  html_raw(&r->out, "</section>");
}

static void render_search(Req *r, const Round *rd, const ShortlistForm *f) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-search\"><h2 id=\"h-search\" class=\"h4\">%s</h2>"
         "<form method=\"get\" action=\"/rounds/%D/shortlist\" class=\"mb-3\" role=\"search\">"
         "<div class=\"row align-items-end\"><div class=\"col-md-6\">",
         _("Add candidates from the registry"), rd->id);
  form_input(r, "q", _("Surname or codice fiscale"), "search", f->zQuery, 0);
  html_f(&r->out,
         "</div><div class=\"col-md-3 mb-4\"><button type=\"submit\" class=\"btn btn-primary\">"
         "%s</button></div></div></form>",
         _("Search"));
}

/* 1 if person iPerson is a candidate of the round already. */
static int shortlist_is_candidate(const Case *a, int n, const ShortlistForm *f, int64_t iPerson) {
  for (int i = 0; i < n; i++) {
    if (a[i].iPerson == iPerson && !shortlist_created(f, a[i].id)) return 1;
  }
  return 0;
}

static int shortlist_ticked(const ShortlistForm *f, int64_t iPerson) {
  for (int i = 0; i < f->nPerson; i++) {
    if (f->aPerson[i] == iPerson) return 1;
  }
  return 0;
}

static void render_result_row(Req *r, const Person *pIn, Relation eRel, int bCandidate,
                              int bTicked) {
  Person p = *pIn;
  int iAge;
  access_redact(eRel, &p, &iAge);
  html_raw(&r->out, "<tr><td>");
  if (bCandidate) {
    html_f(&r->out, "<span class=\"ali-muted\">%s</span>", _("already a candidate"));
  } else {
    html_f(&r->out,
           "<input type=\"checkbox\" name=\"person_id\" value=\"%D\" id=\"pick-%D\"%s>"
           "<label for=\"pick-%D\" class=\"visually-hidden\">%s</label>",
           p.id, p.id, bTicked ? " checked" : "", p.id, _("Select"));
  }
  html_f(&r->out, "</td><td><a href=\"/people/%D\">%s</a></td><td>", p.id, shortlist_name(r, &p));
  if (iAge >= 0) html_int(&r->out, iAge);
  html_f(&r->out, "</td><td>%s</td><td>", p.zMunicipality);
  if (p.iMinimumIncome >= 0) html_txt(&r->out, p.iMinimumIncome ? _("Yes") : _("No"));
  html_raw(&r->out, "</td></tr>");
}

/* The people to pick from: the search's, or the ticked ones on a re-render. */
static int shortlist_people(Req *r, const ShortlistForm *f, Person **pa, int *pn) {
  *pa = 0;
  *pn = 0;
  if (f->nPerson) {
    *pa = arena_alloc(&r->a, (size_t)f->nPerson * sizeof **pa);
    for (int i = 0; i < f->nPerson; i++) {
      if (person_get(r->db, &r->a, r->iAgency, f->aPerson[i], &(*pa)[*pn]) == 0) (*pn)++;
    }
    return 0;
  }
  if (!f->zQuery) return 0;
  PersonFilter pf;
  memset(&pf, 0, sizeof pf);
  pf.zQuery = f->zQuery;
  pf.iMinimumIncome = -1;
  pf.nLimit = SHORTLIST_SEARCH_MAX;
  access_person_scope(&r->user, &pf.scope);
  const char *zNext;
  int rc = person_list(r->db, &r->a, r->iAgency, &pf, pa, pn, &zNext);
  return rc == DOMAIN_INVALID ? 0 : rc;
}

static void render_pick_table(Req *r, Person *a, const Relation *aRel, int n, const Case *aCase,
                              int nCase, const ShortlistForm *f) {
  const char *zErr = errors_get(&r->err, "person_id");
  html_f(&r->out,
         "<div class=\"table-responsive\" id=\"f-person_id\"><table class=\"table ali-table\" "
         "id=\"results\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
         _("Select"), _("Full name"));
  html_f(&r->out,
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
         "</thead><tbody>",
         _("Age"), _("Municipality"), _("Minimum income"));
  for (int i = 0; i < n; i++) {
    render_result_row(r, &a[i], aRel[i], shortlist_is_candidate(aCase, nCase, f, a[i].id),
                      shortlist_ticked(f, a[i].id));
  }
  html_raw(&r->out, "</tbody></table></div>");
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-person_id\">%s</div>", _(zErr));
}

/* The POST form: the people to tick, then stream, social worker, date. */
static void render_pick_form(Req *r, const Round *rd, const Case *aCase, int nCase,
                             const ShortlistForm *f, const FundingStream *aStream, int nStream) {
  Person *a;
  int n;
  if (shortlist_people(r, f, &a, &n)) n = 0;
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(n + 1));
  PersonFilter pf = {0};
  pf.zQuery = f->zQuery;
  pf.iMinimumIncome = -1;
  access_list_rows(r->db, &r->user, &pf, a, &n, aRel);
  if (!n && !r->err.n) {
    if (f->zQuery)
      html_f(&r->out, "<p class=\"ali-muted\" id=\"no-results\">%s</p>",
             _("No person matches the search."));
    html_raw(&r->out, "</section>");
    return;
  }
  char zToday[11];
  date_today(zToday);
  form_begin(r, arena_printf(&r->a, "/rounds/%" PRId64 "/shortlist", rd->id),
             " id=\"shortlist-form\"");
  if (f->zQuery) html_f(&r->out, "<input type=\"hidden\" name=\"q\" value=\"%s\">", f->zQuery);
  render_pick_table(r, a, aRel, n, aCase, nCase, f);
  html_raw(&r->out, "<div class=\"row mt-3\"><div class=\"col-md-6\">");
  form_select(r, "funding_stream", _("Funding stream"),
              shortlist_stream_options(r, aStream, nStream), f->zStream);
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_select(r, "social_worker", _("Social worker"), form_user_options(r, ROLE_SOCIAL_WORKER, 1, 0, _("Choose the social worker")),
              f->zSocialWorker ? f->zSocialWorker
                               : (r->user.mRoles & ROLE_SOCIAL_WORKER ? r->user.zUsername : ""));
  html_raw(&r->out, "</div><div class=\"col-md-6\">");
  form_input(r, "shortlisted_on", _("Shortlisted on"), "date", f->zDate ? f->zDate : zToday, 1);
  html_f(&r->out,
         "</div></div><button type=\"submit\" class=\"btn btn-primary\">%s</button></form>"
         "</section>",
         _("Shortlist selected"));
}

/* The whole page with status r->iStatus; f holds a submission or is empty. */
static void render_shortlist(Req *r, const Round *rd, const ShortlistForm *f) {
  int nLeft;
  Case *aCase;
  int nCase;
  FundingStream *aStream;
  int nStream;
  CaseFilter cf = {.iRound = rd->id, .eStage = -1};
  int rc = intake_places_left(r->db, r->iAgency, rd->id, &nLeft);
  if (!rc) rc = intake_case_list(r->db, &r->a, r->iAgency, &cf, &aCase, &nCase);
  if (!rc) rc = stream_list(r->db, &r->a, r->iAgency, &aStream, &nStream);
  if (rc) {
    shortlist_fail(r, rc);
    return;
  }
  if (nLeft >= 0) {
    for (int i = 0; i < nCase; i++) nLeft += shortlist_created(f, aCase[i].id);
  }
  layout_begin(r, arena_printf(&r->a, _("Shortlist: %s"), rd->zName), NAV_PROGRAMME);
  render_round_head(r, rd, nLeft);
  render_added(r);
  render_refused(r, f);
  form_error_summary(r);
  render_candidates(r, aCase, nCase, f);
  render_search(r, rd, f);
  render_pick_form(r, rd, aCase, nCase, f, aStream, nStream);
  layout_end(r);
}

/* The query value q, trimmed; NULL when absent or blank. */
static const char *shortlist_query(Req *r) {
  const char *z = req_query(r, "q");
  if (!z && r->nForm) z = req_form(r, "q");
  if (domain_blank(z)) return 0;
  size_t n;
  z = domain_trim(z, &n);
  return arena_strndup(&r->a, z, n);
}

void shortlist_page(Req *r) {
  Round rd;
  int rc = round_get(r->db, &r->a, r->iAgency, r->aId[0], &rd);
  if (rc) {
    shortlist_fail(r, rc);
    return;
  }
  ShortlistForm f = {0};
  f.zQuery = shortlist_query(r);
  render_shortlist(r, &rd, &f);
}

/* ------------------------------------------------------------------ */
/* POST /rounds/{id}/shortlist                                         */
/* ------------------------------------------------------------------ */

/* The submission into *f; malformed person ids are an error on person_id. */
static void shortlist_from_form(Req *r, ShortlistForm *f) {
  memset(f, 0, sizeof *f);
  f->zQuery = shortlist_query(r);
  f->zStream = req_form(r, "funding_stream");
  f->zSocialWorker = req_form(r, "social_worker");
  f->zDate = req_form(r, "shortlisted_on");
  f->aPerson = arena_alloc(&r->a, (size_t)(r->nForm + 1) * sizeof *f->aPerson);
  int bBad = 0;
  for (int i = 0; i < r->nForm; i++) {
    if (strcmp(r->azForm[2 * i], "person_id") != 0) continue;
    char *zEnd;
    long long v = strtoll(r->azForm[2 * i + 1], &zEnd, 10);
    if (v <= 0 || *zEnd || zEnd == r->azForm[2 * i + 1])
      bBad = 1;
    else if (!shortlist_ticked(f, v))
      f->aPerson[f->nPerson++] = v;
  }
  if (bBad)
    errors_add(&r->err, "person_id", N_("not a person of the registry"));
  else if (!f->nPerson)
    errors_add(&r->err, "person_id", N_("tick at least one person"));
  else if (f->nPerson > SHORTLIST_PICK_MAX)
    errors_add(&r->err, "person_id", N_("at most 200 people at a time"));
  if (domain_blank(f->zStream)) errors_add(&r->err, "funding_stream", N_("required"));
  if (domain_blank(f->zSocialWorker)) errors_add(&r->err, "social_worker", N_("required"));
  if (!domain_blank(f->zDate) && !date_valid(f->zDate))
    errors_add(&r->err, "shortlisted_on", N_("not a valid date (YYYY-MM-DD)"));
}

static void shortlist_audit(Req *r, const Round *rd, const ShortlistForm *f, int64_t iCase,
                            int64_t iPerson) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "round", rd->zCode);
  jw_kv_str(&w, "funding_stream", f->zStream);
  jw_kv_str(&w, "social_worker", f->zSocialWorker);
  jw_kv_str(&w, "stage", "shortlisted");
  jw_obj_end(&w);
  req_audit(r, "create", "case", iCase, iPerson, buf_str(&b));
  buf_free(&b);
}

/* Shortlists one person: 0 (created or refused, as f records) or a
** database code. */
static int shortlist_one(Req *r, const Round *rd, ShortlistForm *f, int64_t iPerson) {
  ShortlistEntry e = {iPerson, f->zStream, f->zSocialWorker, f->zDate};
  Refusal *p = &f->aRefused[f->nRefused];
  memset(p, 0, sizeof *p);
  int64_t iCase = 0;
  int rc = intake_shortlist(r->db, r->iAgency, rd->id, &e, r->user.id, &iCase, &p->err);
  if (rc == 0) {
    f->aCreated[f->nCreated++] = iCase;
    shortlist_audit(r, rd, f, iCase, iPerson);
    return 0;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT && rc != DOMAIN_NOT_FOUND) return rc;
  Person person;
  p->iPerson = iPerson;
  if (person_get(r->db, &r->a, r->iAgency, iPerson, &person) == 0) {
    p->zName = shortlist_name(r, &person);
  } else {
    p->zName = arena_printf(&r->a, "#%" PRId64, iPerson);
    if (!p->err.n) errors_add(&p->err, "person", N_("not a person of the registry"));
  }
  if (!p->err.n) errors_add(&p->err, "round", N_("cannot be shortlisted in this round"));
  f->nRefused++;
  return 0;
}

void shortlist_submit_page(Req *r) {
  Round rd;
  int rc = round_get(r->db, &r->a, r->iAgency, r->aId[0], &rd);
  if (rc) {
    shortlist_fail(r, rc);
    return;
  }
  ShortlistForm f;
  shortlist_from_form(r, &f);
  if (r->err.n) {
    r->iStatus = 422;
    render_shortlist(r, &rd, &f);
    return;
  }
  f.aRefused = arena_alloc(&r->a, (size_t)f.nPerson * sizeof *f.aRefused);
  f.aCreated = arena_alloc(&r->a, (size_t)f.nPerson * sizeof *f.aCreated);
  for (int i = 0; i < f.nPerson && !rc; i++) rc = shortlist_one(r, &rd, &f, f.aPerson[i]);
  if (rc) {
    shortlist_fail(r, rc);
  } else if (f.nRefused) {
    r->iStatus = 422;
    render_shortlist(r, &rd, &f);
  } else {
    req_redirect(r,
                 arena_printf(&r->a, "/rounds/%" PRId64 "/shortlist?added=%d", rd.id, f.nCreated));
  }
}
