/*
** page_person.c — the registry of people in the web UI:
**
**   GET  /people              the list: search by name prefix or codice
**                             fiscale, filters, keyset pagination
**   GET  /people/{id}         one person, with their household
**   GET  /people/new          the form for a new person
**   POST /people              creates the person
**   GET  /people/{id}/edit    the form for an existing person
**   POST /people/{id}         updates the person
**
** Everything is read and written through src/domain/person.h and
** household.h; who sees what is src/domain/access.h: the list is scoped
** to the caller (the whole agency, or their caseload), each row and page
** shows only the fields the caller's relation to that person allows, and
** a person the caller may not see answers 404 exactly like an unknown id
** (person_not_found).  Only the holder of the case, an emergency access
** and the manager edit.  A form that fails validation comes back with
** HTTP 422, the values as typed, each message next to its field and a
** summary on top; the dispatcher then rolls the transaction back, so nothing is
** written.  A save that succeeds answers 303 to the person's page
** (post/redirect/get), so reloading never submits twice.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/country.h"
#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* Rows on one page of the list. */
#define PERSON_PAGE_SIZE 25

/* clang-format off */
/* Field name, label pairs of the person form (labels are msgids). */
static const char *const person_azField[] = {
    "last_name",      N_("Surname"),
    "first_name",     N_("First name"),
    "codice_fiscale", N_("Codice fiscale"),
    "gender",         N_("Gender"),
    "birth_date",     N_("Birth date"),
    "birth_country",  N_("Country of birth"),
    "citizenship",    N_("Citizenship"),
    "municipality",   N_("Municipality of residence"),
    "household_ref",  N_("Household reference"),
    "relationship",   N_("Relationship to the reference person"),
    "person_ref",     N_("Agency reference"),
    "minimum_income", N_("Minimum income"),
    0,
};

/* Value, label pairs of the selects (labels are msgids). */

static const char *const person_azGender[] = {
    "", N_("Not known"), "F", N_("Female"), "M", N_("Male"), 0,
};

static const char *const person_azIncome[] = {
    "", N_("Not known"), "yes", N_("Yes"), "no", N_("No"), 0,
};

static const char *const person_azGenderAny[] = {
    "", N_("Any"), "F", N_("Female"), "M", N_("Male"), 0,
};

static const char *const person_azIncomeAny[] = {
    "", N_("Any"), "yes", N_("Receives it"), "no", N_("Does not receive it"), 0,
};
/* clang-format on */

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* A copy of the value, label list az with the labels translated. */
static const char *const *person_options(Req *r, const char *const *az) {
  int n = 0;
  while (az[n]) n += 2;
  const char **azOut = arena_alloc(&r->a, (size_t)(n + 1) * sizeof *azOut);
  for (int i = 0; i < n; i += 2) {
    azOut[i] = az[i];
    azOut[i + 1] = _(az[i + 1]);
  }
  return azOut;
}

/* The translated label of value zValue in az, or zValue itself. */
static const char *person_option_label(Req *r, const char *const *az, const char *zValue) {
  for (int i = 0; zValue && az[i]; i += 2) {
    if (strcmp(az[i], zValue) == 0) return _(az[i + 1]);
  }
  return zValue;
}

/* The translated label of form field zName. */
static const char *person_label(Req *r, const char *zName) {
  return person_option_label(r, person_azField, zName);
}

/* -1, 0 or 1 for "", "no", "yes" (minimum income); iBad otherwise. */
static int person_income_value(const char *z, int iBad) {
  if (domain_blank(z)) return -1;
  if (strcmp(z, "yes") == 0) return 1;
  if (strcmp(z, "no") == 0) return 0;
  return iBad;
}

static const char *person_income_code(int i) { return i == 1 ? "yes" : i == 0 ? "no" : ""; }

/* Whole years at today's date, or -1 when the birth date is unknown. */
static int person_age(const char *zBirth) {
  char zToday[11];
  if (!zBirth) return -1;
  date_today(zToday);
  return age_at(zBirth, zToday);
}

/* "Surname First name": the order of the list and of name search. */
static const char *person_full_name(Req *r, const Person *p) {
  return arena_printf(&r->a, "%s %s", p->zLastName ? p->zLastName : "",
                      p->zFirstName ? p->zFirstName : "");
}

/* Text for a table cell or a fact; a dash when the value is unknown. */
static void render_value(Req *r, const char *z) {
  if (domain_blank(z)) {
    html_f(&r->out, "<span class=\"ali-muted\" title=\"%s\">—</span>", _("Not known"));
  } else {
    html_txt(&r->out, z);
  }
}

/* "Italia (IT)"; the code alone if the table does not know it. */
static const char *person_country(Req *r, const char *zCode) {
  const char *zName = zCode ? country_name(zCode, r->iLang == LANG_IT) : 0;
  return zName ? arena_printf(&r->a, "%s (%s)", zName, zCode) : zCode;
}

void person_not_found(Req *r, int64_t id) {
  buf_reset(&r->out);
  r->nHeader = 0;
  r->iStatus = 404;
  layout_begin(r, _("Not found"), NAV_PEOPLE);
  html_f(&r->out, "<h1>%s</h1><p class=\"lead\" id=\"not-found\">%s</p>", _("Not found"),
         _("This person is not in the registry."));
  if (auth_can(r, CAP_BREAK_GLASS)) {
    html_f(&r->out,
           "<p>%s</p><p><a class=\"btn btn-outline-danger\" id=\"emergency-link\""
           " href=\"/people/%D/emergency\">%s</a></p>",
           _("If this is an emergency and you must open a record you do not work on, you can "
             "ask for emergency access. It is recorded and your manager sees it."),
           id, _("Emergency access"));
  }
  html_f(&r->out, "<p><a href=\"/people\">%s</a></p>", _("Back to the registry"));
  layout_end(r);
}

/* The answer to a domain or database failure other than a validation
** error: 404 for an unknown person, 503 when busy, else 409 or 500. */
static void person_fail(Req *r, int rc) {
  if (rc == DOMAIN_NOT_FOUND) {
    person_not_found(r, r->nId ? r->aId[0] : 0);
    return;
  }
  if (r->db) fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
  if (rc == DB_BUSY)
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  else if (rc == DB_CONSTRAINT)
    req_error(r, 409,
              N_("The change conflicts with another record; reload the page and try again."));
  else
    req_error(r, 500, N_("The registry could not be read or saved."));
}

/* ------------------------------------------------------------------ */
/* GET /people                                                         */
/* ------------------------------------------------------------------ */

/* The query value zName, trimmed; NULL when absent or blank. */
static const char *person_query(Req *r, const char *zName) {
  const char *z = req_query(r, zName);
  if (domain_blank(z)) return 0;
  size_t n;
  z = domain_trim(z, &n);
  return arena_strndup(&r->a, z, n);
}

/* The list's filters from the query string; unknown values filter nothing. */
static void person_list_filter(Req *r, PersonFilter *pF) {
  memset(pF, 0, sizeof *pF);
  pF->zQuery = person_query(r, "q");
  const char *zGender = person_query(r, "gender");
  if (zGender && (strcmp(zGender, "F") == 0 || strcmp(zGender, "M") == 0)) pF->zGender = zGender;
  pF->zMunicipality = person_query(r, "municipality");
  pF->iMinimumIncome = person_income_value(req_query(r, "minimum_income"), -1);
  pF->zCursor = person_query(r, "after");
  pF->nLimit = PERSON_PAGE_SIZE;
}

static int person_filtered(const PersonFilter *pF) {
  return pF->zQuery || pF->zGender || pF->zMunicipality || pF->iMinimumIncome >= 0;
}

/* The filters as query arguments, each followed by "&amp;". */
static void render_filter_args(Req *r, const PersonFilter *pF) {
  if (pF->zQuery) html_f(&r->out, "q=%u&amp;", pF->zQuery);
  if (pF->zGender) html_f(&r->out, "gender=%u&amp;", pF->zGender);
  if (pF->zMunicipality) html_f(&r->out, "municipality=%u&amp;", pF->zMunicipality);
  if (pF->iMinimumIncome >= 0) {
    html_f(&r->out, "minimum_income=%u&amp;", person_income_code(pF->iMinimumIncome));
  }
}

static void render_list_head(Req *r, const PersonFilter *pF) {
  html_raw(&r->out,
           "<div class=\"d-flex flex-wrap justify-content-between align-items-center mb-4\">");
  html_f(&r->out, "<h1 class=\"h2 mb-0\">%s</h1>",
         pF->scope.bRestricted ? _("My caseload") : _("Registry of people"));
  if (auth_can(r, CAP_PERSON_WRITE)) {
    html_f(&r->out, "<a class=\"btn btn-primary\" href=\"/people/new\">%s</a>", _("New person"));
  }
  html_raw(&r->out, "</div>");
}

/* A cell the caller's relation to the person does not show. */
static void render_withheld(Req *r) {
  html_f(&r->out, "<span class=\"ali-muted\" title=\"%s\">·</span>", _("Not visible to you"));
}

static void render_search_form(Req *r, const PersonFilter *pF) {
  html_f(&r->out,
         "<form method=\"get\" action=\"/people\" class=\"ali-search mb-3\" role=\"search\""
         " aria-label=\"%s\"><div class=\"row align-items-end\"><div class=\"col-lg-3\">",
         _("Search the registry"));
  form_input(r, "q", _("Name or codice fiscale"), "search", pF->zQuery, 0);
  html_raw(&r->out, "</div><div class=\"col-lg-2 col-md-4\">");
  form_select(r, "gender", _("Gender"), person_options(r, person_azGenderAny), pF->zGender);
  html_raw(&r->out, "</div><div class=\"col-lg-2 col-md-4\">");
  form_input(r, "municipality", _("Municipality"), "text", pF->zMunicipality, 0);
  html_raw(&r->out, "</div><div class=\"col-lg-2 col-md-4\">");
  form_select(r, "minimum_income", _("Minimum income"), person_options(r, person_azIncomeAny),
              person_income_code(pF->iMinimumIncome));
  html_f(&r->out,
         "</div><div class=\"col-lg-3 mb-4 text-nowrap\">"
         "<button type=\"submit\" class=\"btn btn-primary me-2\">%s</button>"
         "<a class=\"btn btn-outline-primary\" href=\"/people\">%s</a></div></div></form>",
         _("Search"), _("Clear"));
}

/* A table cell: the value, or a mark when the relation withholds it. */
static void render_cell(Req *r, Relation eRel, PersonField eField, const char *z) {
  if (access_sees(eRel, eField)) render_value(r, z);
  else render_withheld(r);
}

static void render_person_row(Req *r, const Person *pIn, Relation eRel) {
  Person p = *pIn;
  int iAge;
  access_redact(eRel, &p, &iAge);
  html_f(&r->out, "<tr><td><a href=\"/people/%D\">%s</a></td><td><code>", p.id,
         person_full_name(r, &p));
  render_cell(r, eRel, PF_CODICE_FISCALE, p.zCodiceFiscale);
  html_raw(&r->out, "</code></td><td>");
  render_cell(r, eRel, PF_BIRTH_DATE, ui_date(r, p.zBirthDate));
  if (iAge >= 0)
    html_f(&r->out, "</td><td class=\"text-end\">%d</td><td>", iAge);
  else
    html_raw(&r->out, "</td><td></td><td>");
  render_cell(r, eRel, PF_MUNICIPALITY, p.zMunicipality);
  html_raw(&r->out, "</td><td>");
  render_cell(r, eRel, PF_HOUSEHOLD, p.zHouseholdRef);
  html_raw(&r->out, "</td></tr>");
}

static void render_people_table(Req *r, const Person *a, const Relation *aRel, int n) {
  html_f(
      &r->out,
      "<div class=\"table-responsive\"><table class=\"table table-hover ali-table\" id=\"people\">"
      "<caption class=\"visually-hidden\">%s</caption><thead><tr>",
      _("People in the registry"));
  html_f(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
         _("Full name"), _("Codice fiscale"), _("Birth date"));
  html_f(&r->out,
         "<th scope=\"col\" class=\"text-end\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th></tr></thead><tbody>",
         _("Age"), _("Municipality"), _("Household"));
  for (int i = 0; i < n; i++) render_person_row(r, &a[i], aRel[i]);
  html_raw(&r->out, "</tbody></table></div>");
}

/* The message when a page has no rows: an empty registry, or no match. */
static void render_list_empty(Req *r, const PersonFilter *pF) {
  html_raw(&r->out, "<div class=\"callout\" id=\"empty\"><div class=\"callout-title\">");
  if (person_filtered(pF)) {
    html_f(&r->out, "%s</div><p>%s</p>", _("No results"),
           _("No person matches the search. Try a shorter name or fewer filters."));
  } else if (pF->scope.bRestricted) {
    html_f(&r->out, "%s</div><p>%s</p>", _("Nobody is assigned to you yet"),
           _("The people of the cases you work on appear here."));
  } else {
    html_f(&r->out, "%s</div><p>%s</p>", _("The registry is empty"),
           _("Add the first person with the New person button, or import the agency's "
             "records with the ali import command."));
  }
  html_raw(&r->out, "</div>");
}

/* Links to the first page (when not on it) and to the next one. */
static void render_pager(Req *r, const PersonFilter *pF, const char *zNext) {
  if (!pF->zCursor && !zNext) return;
  html_f(&r->out, "<nav class=\"pagination-wrapper\" aria-label=\"%s\"><ul class=\"pagination\">",
         _("Pages of the registry"));
  if (pF->zCursor) {
    html_raw(&r->out, "<li class=\"page-item\"><a class=\"page-link\" href=\"/people?");
    render_filter_args(r, pF);
    html_f(&r->out, "\">%s</a></li>", _("First page"));
  }
  if (zNext) {
    html_raw(&r->out,
             "<li class=\"page-item\"><a class=\"page-link\" rel=\"next\" href=\"/people?");
    render_filter_args(r, pF);
    html_f(&r->out, "after=%u\">%s</a></li>", zNext, _("Next page"));
  }
  html_raw(&r->out, "</ul></nav>");
}

void person_list_page(Req *r) {
  PersonFilter f;
  Person *a;
  int n;
  const char *zNext;
  person_list_filter(r, &f);
  access_person_scope(&r->user, &f.scope);
  int rc = person_list(r->db, &r->a, r->iAgency, &f, &a, &n, &zNext);
  if (rc == DOMAIN_INVALID) {
    req_error(r, 400, N_("This page link is not valid; start again from the first page."));
    return;
  }
  if (rc) {
    person_fail(r, rc);
    return;
  }
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(n + 1));
  access_list_rows(r->db, &r->user, &f, a, &n, aRel);
  layout_begin(r, _("Registry"), NAV_PEOPLE);
  render_list_head(r, &f);
  render_search_form(r, &f);
  if (n)
    render_people_table(r, a, aRel, n);
  else
    render_list_empty(r, &f);
  render_pager(r, &f, zNext);
  layout_end(r);
}

/* ------------------------------------------------------------------ */
/* GET /people/{id}                                                    */
/* ------------------------------------------------------------------ */

/* One line of a description list; zValue is text (escaped). */
static void render_fact(Req *r, const char *zLabel, const char *zValue) {
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\">", zLabel);
  render_value(r, zValue);
  html_raw(&r->out, "</dd>");
}

/* "31/12/1985 (39 years)". */
static const char *person_birth_text(Req *r, const Person *p) {
  int iAge = person_age(p->zBirthDate);
  if (iAge < 0) return ui_date(r, p->zBirthDate);
  return arena_printf(&r->a, "%s (%s)", ui_date(r, p->zBirthDate),
                      arena_printf(&r->a, _n("%d year", "%d years", iAge), iAge));
}

static const char *person_income_text(Req *r, int i) {
  return i == 1 ? _("Receives it") : i == 0 ? _("Does not receive it") : 0;
}

/* The buttons above the record: edit for those who may, back to the list. */
static void render_person_head(Req *r, const Person *p, Relation eRel) {
  html_raw(&r->out,
           "<div class=\"d-flex flex-wrap justify-content-between align-items-center mb-3\">");
  html_f(&r->out, "<h1 class=\"h2 mb-0\">%s</h1><div>", person_full_name(r, p));
  if (access_can_edit(eRel) && auth_can(r, CAP_PERSON_WRITE)) {
    html_f(&r->out, "<a class=\"btn btn-primary me-2\" href=\"/people/%D/edit\">%s</a>", p->id,
           _("Edit"));
  }
  html_f(&r->out, "<a class=\"btn btn-outline-primary\" href=\"/people\">%s</a></div></div>",
         _("Back to the registry"));
}

/* What the caller's relation means here: the registry view, an
** operator's view, an emergency access. */
static void render_access_note(Req *r, const Person *p, Relation eRel) {
  if (eRel == REL_REGISTRY) {
    html_f(&r->out,
           "<div class=\"callout note\" id=\"access-note\"><div class=\"callout-title\">%s</div>"
           "<p>%s</p>",
           _("Registry basics only"),
           _("You do not work on this person's case: you see only their name, age and "
             "household."));
    if (auth_can(r, CAP_BREAK_GLASS)) {
      html_f(&r->out,
             "<p><a class=\"btn btn-sm btn-outline-danger\" id=\"emergency-link\""
             " href=\"/people/%D/emergency\">%s</a></p>",
             p->id, _("Emergency access"));
    }
    html_raw(&r->out, "</div>");
  } else if (eRel == REL_OPERATOR) {
    html_f(&r->out, "<div class=\"callout note\" id=\"access-note\"><p>%s</p></div>",
           _("You see the data your work with this person needs."));
  } else if (eRel == REL_BREAK_GLASS) {
    html_f(&r->out, "<div class=\"alert alert-warning\" role=\"alert\" id=\"access-note\">%s</div>",
           _("Emergency access: this record is open to you for a limited time, and every "
             "access is recorded."));
  }
}

/* One fact, when the relation shows that field. */
static void render_fact_if(Req *r, Relation eRel, PersonField eField, const char *zLabel,
                           const char *zValue) {
  if (access_sees(eRel, eField)) render_fact(r, zLabel, zValue);
}

static void render_person_facts(Req *r, const Person *p, Relation eRel, int iAge) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-person\"><h2 id=\"h-person\" class=\"h4\">%s</h2>"
         "<dl class=\"row\" id=\"person\">",
         _("Personal data"));
  render_fact(r, person_label(r, "last_name"), p->zLastName);
  render_fact(r, person_label(r, "first_name"), p->zFirstName);
  render_fact_if(r, eRel, PF_CODICE_FISCALE, person_label(r, "codice_fiscale"),
                 p->zCodiceFiscale);
  render_fact_if(r, eRel, PF_GENDER, person_label(r, "gender"),
                 p->zGender ? person_option_label(r, person_azGender, p->zGender) : 0);
  if (access_sees(eRel, PF_BIRTH_DATE)) {
    render_fact(r, person_label(r, "birth_date"), person_birth_text(r, p));
  } else {
    render_fact(r, _("Age"), iAge >= 0 ? arena_printf(&r->a, "%d", iAge) : 0);
  }
  render_fact_if(r, eRel, PF_BIRTH_COUNTRY, person_label(r, "birth_country"),
                 person_country(r, p->zBirthCountry));
  render_fact_if(r, eRel, PF_CITIZENSHIP, person_label(r, "citizenship"),
                 person_country(r, p->zCitizenship));
  render_fact_if(r, eRel, PF_MUNICIPALITY, person_label(r, "municipality"), p->zMunicipality);
  render_fact_if(r, eRel, PF_MINIMUM_INCOME, person_label(r, "minimum_income"),
                 person_income_text(r, p->iMinimumIncome));
  render_fact_if(r, eRel, PF_PERSON_REF, person_label(r, "person_ref"), p->zPersonRef);
  render_fact(r, person_label(r, "household_ref"), p->zHouseholdRef);
  render_fact_if(r, eRel, PF_RELATIONSHIP, person_label(r, "relationship"),
                 person_option_label(r, person_azRelationship, p->zRelationship));
  render_fact_if(r, eRel, PF_RECORD_DATES, _("Last updated"),
                 p->zUpdatedAt ? ui_date(r, arena_strndup(&r->a, p->zUpdatedAt, 10)) : 0);
  html_raw(&r->out, "</dl></section>");
}

/* Size, minors and "single parent with minors" for the person, today. */
static void render_household_facts(Req *r, const Person *p, const Person *aMember, int n) {
  char zToday[11];
  date_today(zToday);
  int iSelf = -1;
  for (int i = 0; i < n; i++) {
    if (aMember[i].id == p->id) iSelf = i;
  }
  html_raw(&r->out, "<dl class=\"row\" id=\"household-facts\">");
  render_fact(r, _("Household size"), arena_printf(&r->a, "%d", household_size(n)));
  render_fact(r, _("Members under 18"),
              arena_printf(&r->a, "%d", household_minors(aMember, n, zToday)));
  if (iSelf >= 0) {
    int b = household_single_parent_with_minors(aMember, n, iSelf, zToday);
    render_fact(r, _("Single parent with minors"), b ? _("Yes") : _("No"));
  }
  html_raw(&r->out, "</dl>");
}

/* One member, as the caller's relation to that member shows them. */
static void render_member_row(Req *r, const Person *pSelf, const Person *mIn, Relation eRel) {
  Person m = *mIn;
  int iAge;
  access_redact(eRel, &m, &iAge);
  html_raw(&r->out, "<tr><td>");
  if (m.id == pSelf->id) {
    html_f(&r->out, "<strong>%s</strong> <span class=\"ali-muted\">(%s)</span>",
           person_full_name(r, &m), _("this person"));
  } else {
    html_f(&r->out, "<a href=\"/people/%D\">%s</a>", m.id, person_full_name(r, &m));
  }
  html_raw(&r->out, "</td><td>");
  if (access_sees(eRel, PF_RELATIONSHIP))
    render_value(r, person_option_label(r, person_azRelationship, m.zRelationship));
  else
    render_withheld(r);
  html_raw(&r->out, "</td><td>");
  if (access_sees(eRel, PF_GENDER))
    render_value(r, m.zGender ? person_option_label(r, person_azGender, m.zGender) : 0);
  else
    render_withheld(r);
  if (iAge >= 0)
    html_f(&r->out, "</td><td class=\"text-end\">%d</td></tr>", iAge);
  else
    html_raw(&r->out, "</td><td></td></tr>");
}

/* The members the caller may see (aRel[i] != REL_NONE). */
static void render_members(Req *r, const Person *p, const Person *aMember, const Relation *aRel,
                           int n) {
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"members\">"
         "<caption class=\"visually-hidden\">%s</caption><thead><tr>",
         _("Members of the household"));
  html_f(&r->out,
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\" class=\"text-end\">%s</th></tr></thead><tbody>",
         _("Full name"), _("Relationship"), _("Gender"), _("Age"));
  for (int i = 0; i < n; i++) {
    if (aRel[i] != REL_NONE) render_member_row(r, p, &aMember[i], aRel[i]);
  }
  html_raw(&r->out, "</tbody></table></div>");
}

/* The household as the caller's relation shows it; aMember is every
** member (for the facts), aRel how the caller relates to each. */
static void render_household(Req *r, const Person *p, Relation eRel, const Household *h,
                             const Person *aMember, const Relation *aRel, int n) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-household\" class=\"mt-4\">"
         "<h2 id=\"h-household\" class=\"h4\">%s %s</h2>",
         _("Household"), p->zHouseholdRef);
  if (h->zMunicipality && access_sees(eRel, PF_MUNICIPALITY))
    html_f(&r->out, "<p>%s: %s</p>", _("Municipality"), h->zMunicipality);
  if (access_sees(eRel, PF_HOUSEHOLD_FACTS)) render_household_facts(r, p, aMember, n);
  render_members(r, p, aMember, aRel, n);
  if (access_can_edit(eRel) && auth_can(r, CAP_PERSON_WRITE)) {
    html_f(&r->out,
           "<a class=\"btn btn-outline-primary\" href=\"/people/new?household_ref=%u\">%s</a>",
           p->zHouseholdRef, _("Add a member to this household"));
  }
  html_raw(&r->out, "</section>");
}

/* The person's paths in the programme (one candidacy per round), for a
** relation that may read cases (intake_can_read). */
static void render_cases(Req *r, const Person *p, Relation eRel) {
  Case *a;
  int n;
  if (!intake_can_read(eRel)) return;
  html_f(&r->out,
         "<section aria-labelledby=\"h-cases\" class=\"mt-4\" id=\"cases\">"
         "<h2 id=\"h-cases\" class=\"h4\">%s</h2>",
         _("Paths"));
  if (intake_cases_of_person(r->db, &r->a, r->iAgency, p->id, &a, &n)) {
    html_f(&r->out, "<p class=\"text-danger\">%s</p></section>",
           _("The paths could not be read now; try again in a moment."));
    return;
  }
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p></section>",
           _("This person has not been a candidate in any round."));
    return;
  }
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"case-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "</tr></thead><tbody>",
         _("Round"), _("Stage"), _("Case"));
  for (int i = 0; i < n; i++) {
    html_f(&r->out,
           "<tr><td><code>%s</code></td><td>%s</td><td><a href=\"/cases/%D\">%s</a></td></tr>",
           a[i].zRoundCode, case_stage_label(r, a[i].eStage), a[i].id, _("Open the case"));
  }
  html_raw(&r->out, "</tbody></table></div></section>");
}

void person_page(Req *r) {
  Person p, *aMember;
  Household h;
  int nMember;
  Relation eRel = guard_person(r, r->aId[0]);
  if (eRel == REL_NONE) {
    person_not_found(r, r->aId[0]);
    return;
  }
  int rc = household_of_person(r->db, &r->a, r->iAgency, r->aId[0], &p, &h, &aMember, &nMember);
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(nMember + 1));
  if (!rc) rc = access_members(r->db, &r->user, p.iHouseholdId, aMember, nMember, aRel);
  if (rc) {
    person_fail(r, rc);
    return;
  }
  int iAge;
  access_redact(eRel, &p, &iAge);
  layout_begin(r, person_full_name(r, &p), NAV_PEOPLE);
  render_person_head(r, &p, eRel);
  render_access_note(r, &p, eRel);
  render_person_facts(r, &p, eRel, iAge);
  sensitive_section(r, p.id, eRel);
  render_household(r, &p, eRel, &h, aMember, aRel, nMember);
  render_cases(r, &p, eRel);
  layout_end(r);
}

/* ------------------------------------------------------------------ */
/* The form: GET /people/new, GET /people/{id}/edit, POST both          */
/* ------------------------------------------------------------------ */

typedef struct CountryOption {
  char zKey[64]; /* the name folded to lowercase ASCII: the sort key */
  const char *zCode, *zName;
} CountryOption;

static int country_option_cmp(const void *a, const void *b) {
  return strcmp(((const CountryOption *)a)->zKey, ((const CountryOption *)b)->zKey);
}

/* Value, label pairs of every country, sorted by name in the UI language,
** after a first "not known" option. */
static const char *const *person_country_options(Req *r) {
  int n = country_count();
  CountryOption *a = arena_alloc(&r->a, (size_t)n * sizeof *a);
  for (int i = 0; i < n; i++) {
    a[i].zCode = country_code_at(i);
    a[i].zName = country_name(a[i].zCode, r->iLang == LANG_IT);
    person_search_key(a[i].zName, a[i].zKey, sizeof a[i].zKey);
  }
  qsort(a, (size_t)n, sizeof *a, country_option_cmp);
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  az[0] = "";
  az[1] = _("Not known");
  for (int i = 0; i < n; i++) {
    az[2 * i + 2] = a[i].zCode;
    az[2 * i + 3] = a[i].zName;
  }
  return az;
}

/* The submitted form as a Person (strings point into the request). */
static void person_from_form(Req *r, Person *p) {
  memset(p, 0, sizeof *p);
  p->zPersonRef = req_form(r, "person_ref");
  p->zHouseholdRef = req_form(r, "household_ref");
  p->zRelationship = req_form(r, "relationship");
  p->zCodiceFiscale = req_form(r, "codice_fiscale");
  p->zFirstName = req_form(r, "first_name");
  p->zLastName = req_form(r, "last_name");
  p->zGender = req_form(r, "gender");
  p->zBirthDate = req_form(r, "birth_date");
  p->zBirthCountry = req_form(r, "birth_country");
  p->zCitizenship = req_form(r, "citizenship");
  p->zMunicipality = req_form(r, "municipality");
  p->iMinimumIncome = person_income_value(req_form(r, "minimum_income"), 2 /* invalid */);
}

/* The column of a form: a half-width column on wide screens. */
static void form_col(Req *r) { html_raw(&r->out, "</div><div class=\"col-md-6\">"); }

static void render_fieldset_begin(Req *r, const char *zLegend) {
  html_f(&r->out,
         "<fieldset class=\"mb-4\"><legend class=\"h5 mb-3\">%s</legend>"
         "<div class=\"row pt-4\"><div class=\"col-md-6\">",
         zLegend);
}

static void render_fieldset_end(Req *r) { html_raw(&r->out, "</div></div></fieldset>"); }

static void render_identity(Req *r, const Person *p) {
  render_fieldset_begin(r, _("Identity"));
  form_input(r, "last_name", person_label(r, "last_name"), "text", p->zLastName, 1);
  form_col(r);
  form_input(r, "first_name", person_label(r, "first_name"), "text", p->zFirstName, 1);
  form_col(r);
  form_input(r, "codice_fiscale", person_label(r, "codice_fiscale"), "text", p->zCodiceFiscale, 0);
  form_col(r);
  form_select(r, "gender", person_label(r, "gender"), person_options(r, person_azGender),
              p->zGender);
  form_col(r);
  form_input(r, "birth_date", person_label(r, "birth_date"), "date", p->zBirthDate, 0);
  render_fieldset_end(r);
}

static void render_origin(Req *r, const Person *p) {
  const char *const *azCountry = person_country_options(r);
  render_fieldset_begin(r, _("Origin"));
  form_select(r, "birth_country", person_label(r, "birth_country"), azCountry, p->zBirthCountry);
  form_col(r);
  form_select(r, "citizenship", person_label(r, "citizenship"), azCountry, p->zCitizenship);
  render_fieldset_end(r);
}

static void render_household_fields(Req *r, const Person *p) {
  render_fieldset_begin(r, _("Household and registry"));
  form_input(r, "household_ref", person_label(r, "household_ref"), "text", p->zHouseholdRef, 1);
  form_col(r);
  form_select(r, "relationship", person_label(r, "relationship"),
              person_options(r, person_azRelationship), p->zRelationship);
  form_col(r);
  form_input(r, "municipality", person_label(r, "municipality"), "text", p->zMunicipality, 0);
  form_col(r);
  form_input(r, "person_ref", person_label(r, "person_ref"), "text", p->zPersonRef, 1);
  form_col(r);
  form_select(r, "minimum_income", person_label(r, "minimum_income"),
              person_options(r, person_azIncome), person_income_code(p->iMinimumIncome));
  html_f(&r->out, "</div><div class=\"col-md-6\"><p class=\"ali-muted small\">%s</p>",
         _("A new household reference creates a new household; an existing one adds the "
           "person to it."));
  render_fieldset_end(r);
}

/* The whole form page; id is 0 for a new person. */
static void render_form_page(Req *r, const Person *p, int64_t id) {
  const char *zTitle = id ? _("Edit person") : _("New person");
  layout_begin(r, zTitle, NAV_PEOPLE);
  html_f(&r->out, "<h1 class=\"h2 mb-4\">%s</h1>", zTitle);
  form_error_summary_fields(r, person_options(r, person_azField));
  if (id)
    form_begin(r, arena_printf(&r->a, "/people/%lld", (long long)id), " id=\"person-form\"");
  else
    form_begin(r, "/people", " id=\"person-form\"");
  html_f(&r->out, "<p class=\"ali-muted small\">%s</p>", _("Fields marked * are required."));
  render_identity(r, p);
  render_origin(r, p);
  render_household_fields(r, p);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary me-2\">%s</button>", _("Save"));
  if (id)
    html_f(&r->out, "<a class=\"btn btn-outline-primary\" href=\"/people/%D\">%s</a>", id,
           _("Cancel"));
  else
    html_f(&r->out, "<a class=\"btn btn-outline-primary\" href=\"/people\">%s</a>", _("Cancel"));
  html_raw(&r->out, "</form>");
  layout_end(r);
}

/* After person_save/person_update: 303 to the person, the form again
** with 422, or an error page. */
static void person_form_done(Req *r, int rc, const Person *p, int64_t id) {
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/people/%" PRId64, p->id));
  } else if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_form_page(r, p, id);
  } else {
    person_fail(r, rc);
  }
}

void person_new_page(Req *r) {
  Person p = {0};
  p.iMinimumIncome = -1;
  p.zHouseholdRef = req_query(r, "household_ref");
  p.zRelationship = p.zHouseholdRef ? "child" : "reference";
  render_form_page(r, &p, 0);
}

/* 1 (with an error on household_ref) when p would join an existing
** household the caller may not edit: a case's household changes only
** through those who work on it. */
static int person_household_refused(Req *r, const Person *p) {
  if (access_household_ref_writable(r->db, &r->user, p->zHouseholdRef)) return 0;
  errors_add(&r->err, "household_ref", N_("you do not work on this household"));
  return 1;
}

/* person_save() updates the person who holds the reference it is given:
** a new person must not take over somebody else's record, so a reference
** in use is an error here (with the other fields checked too). */
static int person_create(Req *r, Person *p) {
  int bTaken = !domain_blank(p->zPersonRef) && person_find(r->db, r->iAgency, p->zPersonRef);
  if (bTaken) errors_add(&r->err, "person_ref", N_("this reference belongs to another person"));
  if (bTaken || person_household_refused(r, p)) {
    person_validate(p, &r->err);
    return DOMAIN_INVALID;
  }
  return person_save(r->db, r->iAgency, p, &r->err);
}

void person_create_page(Req *r) {
  Person p;
  person_from_form(r, &p);
  int rc = person_create(r, &p);
  if (rc == 0) req_audit_person(r, 0, p.id);
  person_form_done(r, rc, &p, 0);
}

void person_edit_page(Req *r) {
  Person p;
  if (guard_person_edit(r, r->aId[0]) == REL_NONE) {
    person_not_found(r, r->aId[0]);
    return;
  }
  int rc = person_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    person_fail(r, rc);
    return;
  }
  render_form_page(r, &p, p.id);
}

void person_update_page(Req *r) {
  Person p;
  if (guard_person_edit(r, r->aId[0]) == REL_NONE) {
    person_not_found(r, r->aId[0]);
    return;
  }
  Person before;
  int rc = person_get(r->db, &r->a, r->iAgency, r->aId[0], &before);
  if (rc) {
    person_fail(r, rc);
    return;
  }
  person_from_form(r, &p);
  rc = DOMAIN_INVALID;
  if (person_household_refused(r, &p)) person_validate(&p, &r->err);
  else rc = person_update(r->db, r->iAgency, r->aId[0], &p, &r->err);
  if (rc == 0) req_audit_person(r, &before, r->aId[0]);
  person_form_done(r, rc, &p, r->aId[0]);
}
