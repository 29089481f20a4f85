/*
** page_programme.c — the programme as the agency has set it up:
**
**   GET  /programme           rounds (dates, services active or not),
**                             funding streams (allocation, ESF, rule),
**                             the service catalogue, and the two forms
**   POST /programme/rounds    adds a round
**   POST /programme/streams   adds a funding stream
**
** Everything goes through src/domain/programme.h.  The two forms live on
** the programme page, each in a <details> block that opens when it has
** errors (no JavaScript needed).  Their field names are distinct
** (round_code, stream_code...) so that an error sits next to the right
** field; the domain's field names are mapped onto them.  A form that
** fails validation comes back with HTTP 422, its values kept; the
** dispatcher rolls the transaction back.  The domain saves by upsert on
** the code, so "add" first refuses a code already in use: these forms
** never overwrite a round or a stream.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/audit.h"
#include "../domain/programme.h"
#include "../lib/i18n.h"
#include "../lib/money.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* clang-format off */
/* Field name, label pairs of the two forms (labels are msgids). */
static const char *const programme_azField[] = {
    "round_code",       N_("Code"),
    "round_name",       N_("Name"),
    "start_date",       N_("Start date"),
    "end_date",         N_("End date"),
    "max_participants", N_("Maximum number of participants"),
    "services",         N_("Services offered"),
    "stream_code",      N_("Code"),
    "stream_name",      N_("Name"),
    "allocation",       N_("Allocation (euros)"),
    "esf",              N_("Co-financed by the European Social Fund"),
    "rule",             N_("Eligibility"),
    0,
};

/* The domain's field names (programme.h) and the forms' names for them. */
static const char *const programme_azRoundMap[] = {
    "code", "round_code", "name", "round_name", 0,
};

static const char *const programme_azStreamMap[] = {
    "code", "stream_code", "name", "stream_name", "allocation_cents", "allocation", 0,
};


static const char *const programme_azKind[] = {
    "internship",     N_("Internship"),
    "training",       N_("Training course"),
    "home_education", N_("Home educational service for minors"),
    "home_care",      N_("Basic home care"),
    "psych_support",  N_("Psychological support"),
    "orientation",    N_("Orientation to local services"),
    "other",          N_("Other"),
    0,
};
/* clang-format on */

/* What the page shows. */
typedef struct Programme {
  Round *aRound;
  int nRound;
  FundingStream *aStream;
  int nStream;
  Service *aService;
  int nService;
} Programme;

/* A form as submitted (or empty), with whether to show it open. */
typedef struct RoundForm {
  Round round;
  const char *zMax; /* max_participants as typed */
  int bSubmitted;   /* services checked as submitted, not all */
} RoundForm;

typedef struct StreamForm {
  FundingStream stream;
  const char *zAllocation; /* as typed */
  int bSubmitted;
} StreamForm;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* A copy of the value, label list az with the labels translated. */
static const char *const *programme_options(Req *r, const char *const *az) {
  int n = 0;
  while (az[n]) n += 2;
  const char **azOut = arena_alloc(&r->a, (size_t)(n + 1) * sizeof *azOut);
  for (int i = 0; i < n; i += 2) {
    azOut[i] = az[i];
    azOut[i + 1] = _(az[i + 1]);
  }
  return azOut;
}

/* The translated label of zValue in az; zValue itself when absent. */
static const char *programme_label(Req *r, const char *const *az, const char *zValue) {
  for (int i = 0; zValue && az[i]; i += 2) {
    if (strcmp(az[i], zValue) == 0) return _(az[i + 1]);
  }
  return zValue;
}

/* Renames the fields of r's errors from the domain's names to the form's. */
static void programme_map_errors(Req *r, const char *const *azMap) {
  for (int i = 0; i < r->err.n; i++) {
    for (int j = 0; azMap[j]; j += 2) {
      if (strcmp(r->err.a[i].zField, azMap[j]) == 0) {
        r->err.a[i].zField = azMap[j + 1];
        break;
      }
    }
  }
}

static void programme_fail(Req *r, int rc) {
  if (r->db) fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
  if (rc == DB_BUSY)
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  else if (rc == DB_CONSTRAINT)
    req_error(r, 409,
              N_("The change conflicts with another record; reload the page and try again."));
  else
    req_error(r, 500, N_("The programme could not be read or saved."));
}

static int programme_load(Req *r, Programme *p) {
  memset(p, 0, sizeof *p);
  int rc = round_list(r->db, &r->a, r->iAgency, &p->aRound, &p->nRound);
  if (!rc) rc = stream_list(r->db, &r->a, r->iAgency, &p->aStream, &p->nStream);
  if (!rc) rc = service_list(r->db, &r->a, r->iAgency, &p->aService, &p->nService);
  return rc;
}

/* 1 if the service zCode is among the round's. */
static int round_offers(const Round *p, const char *zCode) {
  for (int i = 0; i < p->nService; i++) {
    if (strcmp(p->azService[i], zCode) == 0) return 1;
  }
  return 0;
}

static const char *service_name(Req *r, const Service *p) {
  return r->iLang == LANG_IT ? p->zNameIt : p->zNameEn;
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */
/* ------------------------------------------------------------------ */

/* 1 if the caller may open a round's shortlist or funnel (the column). */
static int programme_round_links(Req *r) {
  return auth_can(r, CAP_SHORTLIST) || auth_can(r, CAP_FUNNEL_READ);
}

/* The cell with the round's intake pages the caller may open. */
static void render_round_links(Req *r, const Round *p) {
  if (!programme_round_links(r)) return;
  html_raw(&r->out, "<td class=\"text-nowrap\">");
  if (auth_can(r, CAP_SHORTLIST))
    html_f(&r->out, "<a class=\"me-3\" href=\"/rounds/%D/shortlist\">%s</a>", p->id, _("Shortlist"));
  if (auth_can(r, CAP_FUNNEL_READ))
    html_f(&r->out, "<a href=\"/rounds/%D/funnel\">%s</a>", p->id, _("Funnel"));
  html_raw(&r->out, "</td>");
}

static void render_round_row(Req *r, const Round *p, int nCatalogue) {
  html_f(&r->out, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td>", p->zCode,
         p->zName, ui_date(r, p->zStartDate), ui_date(r, p->zEndDate));
  if (p->iMaxParticipants > 0)
    html_f(&r->out, "<td class=\"text-end\">%d</td>", p->iMaxParticipants);
  else
    html_f(&r->out, "<td class=\"text-end\">%s</td>", _("no cap"));
  html_f(&r->out, "<td>%d / %d</td>", p->nService, nCatalogue);
  render_round_links(r, p);
  html_raw(&r->out, "</tr>");
}

static void render_rounds(Req *r, const Programme *pg) {
  html_f(
      &r->out,
      "<section class=\"mb-5\" aria-labelledby=\"rounds\"><h2 id=\"rounds\" class=\"h3\">%s</h2>",
      _("Rounds"));
  if (!pg->nRound) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No round yet."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"round-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
         _("Code"), _("Name"));
  html_f(
      &r->out,
      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
      "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\">%s</th>",
      _("Start date"), _("End date"), _("Participants (cap)"), _("Services active"));
  if (programme_round_links(r))
    html_f(&r->out, "<th scope=\"col\">%s</th>", _("Candidates"));
  html_raw(&r->out, "</tr></thead><tbody>");
  for (int i = 0; i < pg->nRound; i++) render_round_row(r, &pg->aRound[i], pg->nService);
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_stream_row(Req *r, const FundingStream *p) {
  char zMoney[40];
  money_format(p->iAllocationCents, r->iLang == LANG_IT, zMoney, sizeof zMoney);
  html_f(&r->out,
         "<tr><td><code>%s</code></td><td>%s</td><td class=\"text-end text-nowrap\">%s</td>",
         p->zCode, p->zName, zMoney);
  html_f(&r->out, "<td>%s</td><td>%s</td></tr>", p->bEsf ? _("Yes") : _("No"),
         stream_rule_words(&r->a, r->iLang, p->zRule));
}

static void render_streams(Req *r, const Programme *pg) {
  html_f(
      &r->out,
      "<section class=\"mb-5\" aria-labelledby=\"streams\"><h2 id=\"streams\" class=\"h3\">%s</h2>",
      _("Funding streams"));
  if (!pg->nStream) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No funding stream yet."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"stream-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th>",
         _("Code"), _("Name"), _("Allocation"));
  html_f(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
         _("ESF co-financed"), _("Eligibility"));
  for (int i = 0; i < pg->nStream; i++) render_stream_row(r, &pg->aStream[i]);
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_service_row(Req *r, const Service *p, const Programme *pg) {
  html_f(&r->out, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td>", p->zCode,
         service_name(r, p), programme_label(r, programme_azKind, p->zKind));
  for (int i = 0; i < pg->nRound; i++) {
    if (round_offers(&pg->aRound[i], p->zCode))
      html_f(&r->out, "<td>%s</td>", _("active"));
    else
      html_f(&r->out, "<td class=\"ali-muted\">%s</td>", _("not active"));
  }
  html_raw(&r->out, "</tr>");
}

/* The catalogue, with one column per round: active or not active. */
static void render_catalogue(Req *r, const Programme *pg) {
  html_f(&r->out,
         "<section class=\"mb-5\" aria-labelledby=\"catalogue\">"
         "<h2 id=\"catalogue\" class=\"h3\">%s</h2>",
         _("Service catalogue"));
  if (!pg->nService) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p></section>", _("The catalogue is empty."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"service-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
         _("Code"), _("Service"), _("Kind"));
  for (int i = 0; i < pg->nRound; i++) {
    html_f(&r->out, "<th scope=\"col\">%s</th>", pg->aRound[i].zCode);
  }
  html_raw(&r->out, "</tr></thead><tbody>");
  for (int i = 0; i < pg->nService; i++) render_service_row(r, &pg->aService[i], pg);
  html_raw(&r->out, "</tbody></table></div></section>");
}

/* ------------------------------------------------------------------ */
/* The forms                                                           */
/* ------------------------------------------------------------------ */

/* Opens a form in a <details> block, open when bOpen. */
static void render_form_begin(Req *r, const char *zSummary, const char *zAction, int bOpen) {
  html_f(
      &r->out,
      "<details class=\"mb-4 ali-add\"%s><summary class=\"btn btn-outline-primary\">%s</summary>",
      bOpen ? " open" : "", zSummary);
  form_begin(r, zAction, " class=\"mt-3\"");
  if (bOpen) form_error_summary_fields(r, programme_options(r, programme_azField));
  html_raw(&r->out, "<div class=\"row\"><div class=\"col-md-6\">");
}

static void render_form_end(Req *r) {
  html_f(&r->out,
         "</div></div><button type=\"submit\" class=\"btn btn-primary\">%s</button>"
         "</form></details>",
         _("Add"));
}

static void form_col(Req *r) { html_raw(&r->out, "</div><div class=\"col-md-6\">"); }

/* The services of the round as checkboxes: all ticked on a new form. */
static void render_service_choices(Req *r, const Programme *pg, const RoundForm *f) {
  const char *zErr = errors_get(&r->err, "services");
  html_f(&r->out, "<fieldset class=\"mb-3\" id=\"f-services\"><legend class=\"h6\">%s</legend>",
         _("Services offered"));
  for (int i = 0; i < pg->nService; i++) {
    const Service *s = &pg->aService[i];
    int bOn = !f->bSubmitted || round_offers(&f->round, s->zCode);
    html_f(&r->out,
           "<div class=\"form-check form-check-inline\"><input type=\"checkbox\" name=\"services\""
           " id=\"f-services-%s\" value=\"%s\"%s><label for=\"f-services-%s\">%s</label></div>",
           s->zCode, s->zCode, bOn ? " checked" : "", s->zCode, service_name(r, s));
  }
  if (zErr)
    html_f(&r->out, "<div class=\"invalid-feedback d-block\" id=\"e-services\">%s</div>", _(zErr));
  html_raw(&r->out, "</fieldset>");
}

static void render_round_form(Req *r, const Programme *pg, const RoundForm *f) {
  const Round *p = &f->round;
  render_form_begin(r, _("Add a round"), "/programme/rounds", f->bSubmitted);
  form_input(r, "round_code", _("Code"), "text", p->zCode, 1);
  form_col(r);
  form_input(r, "round_name", _("Name"), "text", p->zName, 1);
  form_col(r);
  form_input(r, "start_date", _("Start date"), "date", p->zStartDate, 1);
  form_col(r);
  form_input(r, "end_date", _("End date"), "date", p->zEndDate, 1);
  form_col(r);
  form_input(r, "max_participants", _("Maximum number of participants"), "text", f->zMax, 0);
  html_raw(&r->out, "</div><div class=\"col-12\">");
  render_service_choices(r, pg, f);
  render_form_end(r);
}

static void render_stream_form(Req *r, const StreamForm *f) {
  const FundingStream *p = &f->stream;
  render_form_begin(r, _("Add a funding stream"), "/programme/streams", f->bSubmitted);
  form_input(r, "stream_code", _("Code"), "text", p->zCode, 1);
  form_col(r);
  form_input(r, "stream_name", _("Name"), "text", p->zName, 1);
  form_col(r);
  form_input(r, "allocation", _("Allocation (euros)"), "text", f->zAllocation, 1);
  form_col(r);
  form_input(r, "rule", _("Eligibility"), "text", p->zRule, 0);
  html_f(&r->out, "<p class=\"ali-muted small\">%s</p>",
         _("Empty: open to every participant. Otherwise conditions separated by commas:"
           " minimum_income, age_min=N, age_max=N, municipality=NAME."));
  html_raw(&r->out, "</div><div class=\"col-12\">");
  form_checkbox(r, "esf", _("Co-financed by the European Social Fund"), p->bEsf);
  render_form_end(r);
}

/* The whole page; rf and sf hold a submitted form, or are empty. */
static void render_programme(Req *r, const RoundForm *rf, const StreamForm *sf) {
  Programme pg;
  int rc = programme_load(r, &pg);
  if (rc) {
    programme_fail(r, rc);
    return;
  }
  layout_begin(r, _("Programme"), NAV_PROGRAMME);
  html_f(&r->out, "<h1 class=\"h2 mb-4\">%s</h1>", _("Programme"));
  const char *zAdded = req_query(r, "added");
  if (zAdded && (strcmp(zAdded, "round") == 0 || strcmp(zAdded, "stream") == 0)) {
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\">%s</div>",
           zAdded[0] == 'r' ? _("The round was added.") : _("The funding stream was added."));
  }
  render_rounds(r, &pg);
  render_round_form(r, &pg, rf);
  html_raw(&r->out, "</section>");
  render_streams(r, &pg);
  render_stream_form(r, sf);
  html_raw(&r->out, "</section>");
  render_catalogue(r, &pg);
  layout_end(r);
}

void programme_page(Req *r) {
  RoundForm rf = {0};
  StreamForm sf = {0};
  render_programme(r, &rf, &sf);
}

/* ------------------------------------------------------------------ */
/* POST /programme/rounds                                              */
/* ------------------------------------------------------------------ */

/* Every value of the form field zName (checkboxes), into the arena. */
static const char **programme_form_all(Req *r, const char *zName, int *pn) {
  const char **az = arena_alloc(&r->a, (size_t)(r->nForm + 1) * sizeof *az);
  int n = 0;
  for (int i = 0; i < r->nForm; i++) {
    if (strcmp(r->azForm[2 * i], zName) == 0) az[n++] = r->azForm[2 * i + 1];
  }
  *pn = n;
  return az;
}

/* max_participants: blank is -1 (no cap); *pb set to 0 when not a number. */
static int programme_max(const char *z, int *pbOk) {
  *pbOk = 1;
  if (domain_blank(z)) return -1;
  size_t n;
  z = domain_trim(z, &n);
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9' || v > 1000000) {
      *pbOk = 0;
      return -1;
    }
    v = v * 10 + (z[i] - '0');
  }
  return (int)v;
}

static void round_from_form(Req *r, RoundForm *f) {
  memset(f, 0, sizeof *f);
  f->bSubmitted = 1;
  f->round.zCode = req_form(r, "round_code");
  f->round.zName = req_form(r, "round_name");
  f->round.zStartDate = req_form(r, "start_date");
  f->round.zEndDate = req_form(r, "end_date");
  f->zMax = req_form(r, "max_participants");
  f->round.azService = programme_form_all(r, "services", &f->round.nService);
}

/* The checks the domain does not make on an added round. */
static void round_check_new(Req *r, RoundForm *f) {
  int bOk;
  f->round.iMaxParticipants = programme_max(f->zMax, &bOk);
  if (!bOk)
    errors_add(&r->err, "max_participants", N_("must be a whole number, or empty for no cap"));
  if (!domain_blank(f->round.zCode) && round_find(r->db, r->iAgency, f->round.zCode)) {
    errors_add(&r->err, "round_code", N_("a round with this code already exists"));
  }
  if (f->round.nService == 0) errors_add(&r->err, "services", N_("choose at least one service"));
}

void programme_round_add_page(Req *r) {
  RoundForm rf;
  StreamForm sf = {0};
  round_from_form(r, &rf);
  round_check_new(r, &rf);
  round_validate(&rf.round, &r->err);
  int rc = r->err.n ? DOMAIN_INVALID : round_save(r->db, r->iAgency, &rf.round, &r->err);
  programme_map_errors(r, programme_azRoundMap);
  if (rc == 0) {
    AuditDiff d;
    audit_diff_init(&d);
    audit_diff_round(&d, &r->a, 0, &rf.round);
    req_audit(r, "create", "round", rf.round.id, 0, audit_diff_finish(&d, &r->a));
    req_redirect(r, "/programme?added=round#rounds");
  } else if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_programme(r, &rf, &sf);
  } else {
    programme_fail(r, rc);
  }
}

/* ------------------------------------------------------------------ */
/* POST /programme/streams                                             */
/* ------------------------------------------------------------------ */

static void stream_from_form(Req *r, StreamForm *f) {
  memset(f, 0, sizeof *f);
  f->bSubmitted = 1;
  f->stream.zCode = req_form(r, "stream_code");
  f->stream.zName = req_form(r, "stream_name");
  f->zAllocation = req_form(r, "allocation");
  const char *zEsf = req_form(r, "esf");
  f->stream.bEsf = zEsf && strcmp(zEsf, "1") == 0;
  f->stream.zRule = req_form(r, "rule");
}

/* The checks the domain does not make on an added stream. */
static void stream_check_new(Req *r, StreamForm *f) {
  if (domain_blank(f->zAllocation)) {
    errors_add(&r->err, "allocation", N_("required"));
  } else if (money_parse_euros(f->zAllocation, &f->stream.iAllocationCents)) {
    errors_add(&r->err, "allocation", N_("not an amount of euros (for example 150.000,00)"));
  }
  if (!domain_blank(f->stream.zCode) && stream_find(r->db, r->iAgency, f->stream.zCode)) {
    errors_add(&r->err, "stream_code", N_("a funding stream with this code already exists"));
  }
}

void programme_stream_add_page(Req *r) {
  RoundForm rf = {0};
  StreamForm sf;
  stream_from_form(r, &sf);
  stream_check_new(r, &sf);
  stream_validate(&sf.stream, &r->err);
  int rc = r->err.n ? DOMAIN_INVALID : stream_save(r->db, r->iAgency, &sf.stream, &r->err);
  if (rc == 0) {
    AuditDiff d;
    audit_diff_init(&d);
    audit_diff_stream(&d, 0, &sf.stream);
    req_audit(r, "create", "funding_stream", sf.stream.id, 0, audit_diff_finish(&d, &r->a));
  }
  programme_map_errors(r, programme_azStreamMap);
  if (rc == 0) {
    req_redirect(r, "/programme?added=stream#streams");
  } else if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_programme(r, &rf, &sf);
  } else {
    programme_fail(r, rc);
  }
}
