/*
** page_register.c — the activity register of a case (register.h) in the
** web UI:
**
**   GET  /cases/{id}/register      the activities planned (page_agenda.c),
**                                  the timeline of those done, newest
**                                  first, with the filters kind and member
**                                  (?kind=, ?member=, pages by
**                                  ?before=DATE.ID) and, to those who may
**                                  write, the forms to add an entry and to
**                                  plan one
**   POST /cases/{id}/register      add an entry: on_date, kind, minutes,
**                                  member_ID=1 per household member,
**                                  intervention, restricted=1, text
**   GET  /cases/{id}/register.pdf  the register of the case as PDF (the
**                                  entries the caller may see), audited
**                                  as an "export"
**
** Reading needs register_can_read(), writing register_can_write() on top
** of the route's CAP_REGISTER_WRITE; any other caller gets the case's 404
** (case_guard, audited).  Restricted entries the caller may not see are
** left out (register_entry_visible).  A write that fails validation
** re-renders the page with 422 and the messages next to the fields; a
** success is audited ("create", entity activity) and answers 303.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/intake.h"
#include "../domain/agenda.h"
#include "../domain/project.h"
#include "../domain/register.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "../report/pdf.h"
#include "html.h"
#include "layout.h"
#include "page_register.h"
#include "pages.h"

/* The translated label of a kind. */
static const char *reg_kind_label(Req *r, ActivityKind e) { return _(register_kind_label(e)); }

/* value, label pairs of the kinds after a first "" option zNone. */
static const char *const *reg_kind_options(Req *r, const char *zNone) {
  const char **az = arena_alloc(&r->a, (2 * ACT_KIND_COUNT + 3) * sizeof *az);
  int j = 0;
  az[j++] = "";
  az[j++] = zNone;
  for (int e = 0; e < ACT_KIND_COUNT; e++) {
    az[j++] = register_kind_code((ActivityKind)e);
    az[j++] = reg_kind_label(r, (ActivityKind)e);
  }
  return az;
}

void register_case_link(Req *r, const Case *c, Relation eRel) {
  if (!register_can_read(eRel)) return;
  html_f(&r->out,
         "<section aria-labelledby=\"h-register\" class=\"mt-4\"><h2 id=\"h-register\" "
         "class=\"h4\">%s</h2><p><a id=\"register-link\" href=\"/cases/%D/register\">%s</a>"
         " · <a id=\"requests-link\" href=\"/cases/%D/requests\">%s</a></p></section>",
         _("Activity register and requests"), c->id, _("The activity register"), c->id,
         _("Requests"));
}

/* The filter of the query string into *f; the raw values through pz*. */
static void reg_filter(Req *r, ActivityFilter *f) {
  memset(f, 0, sizeof *f);
  f->eKind = register_kind_from_code(req_query(r, "kind"));
  f->iMember = req_query_int(r, "member", 0, 0, INT64_MAX);
  const char *zBefore = req_query(r, "before");
  const char *zDot = zBefore ? strchr(zBefore, '.') : NULL;
  if (zDot && zDot - zBefore == 10) {
    f->zBeforeOn = arena_strndup(&r->a, zBefore, 10);
    f->iBeforeId = strtoll(zDot + 1, NULL, 10);
  }
}

/* The filter form: kind and member. */
static void render_filters(Req *r, const Case *c, Person *aMember, int nMember,
                           const ActivityFilter *f) {
  html_f(&r->out,
         "<form method=\"get\" action=\"/cases/%D/register\" class=\"row g-2 mb-3\" "
         "id=\"register-filter\"><div class=\"col-md-4\">",
         c->id);
  form_scope(r, "filter", 0);
  form_select(r, "kind", _("Kind"), reg_kind_options(r, _("Any kind")),
              f->eKind >= 0 ? register_kind_code((ActivityKind)f->eKind) : "");
  html_raw(&r->out, "</div><div class=\"col-md-4\">");
  const char **az = arena_alloc(&r->a, (size_t)(2 * nMember + 3) * sizeof *az);
  int j = 0;
  az[j++] = "";
  az[j++] = _("Any member");
  for (int i = 0; i < nMember; i++) {
    az[j++] = arena_printf(&r->a, "%" PRId64, aMember[i].id);
    az[j++] = arena_printf(&r->a, "%s %s", aMember[i].zFirstName, aMember[i].zLastName);
  }
  form_select(r, "member", _("Household member"), az,
              f->iMember ? arena_printf(&r->a, "%" PRId64, f->iMember) : "");
  html_f(&r->out,
         "</div><div class=\"col-md-4 align-self-end\"><button class=\"btn btn-outline-primary\" "
         "type=\"submit\">%s</button></div></form>",
         _("Filter"));
  form_scope(r, NULL, 1);
}

/* One entry of the timeline. */
static void render_entry(Req *r, const Activity *x) {
  html_f(&r->out, "<li class=\"list-group-item\" id=\"activity-%D\"><div><strong>%s</strong> · %s · %s",
         x->id, ui_date(r, x->zOn), reg_kind_label(r, x->eKind), x->zAuthor);
  html_f(&r->out, " · %s", arena_printf(&r->a, _n("%d minute", "%d minutes", x->nMinutes), x->nMinutes));
  if (x->bRestricted)
    html_f(&r->out, " <span class=\"badge bg-warning text-dark\">%s</span>", _("Restricted"));
  html_raw(&r->out, "</div>");
  if (x->nMember) {
    html_f(&r->out, "<div class=\"small\">%s:", _("Members involved"));
    for (int i = 0; i < x->nMember; i++)
      html_f(&r->out, "%s %s %s", i ? "," : "", x->aMember[i].zFirstName, x->aMember[i].zLastName);
    html_raw(&r->out, "</div>");
  }
  if (x->iIntervention)
    html_f(&r->out, "<div class=\"small\">%s: %s</div>", _("Intervention"),
           r->iLang == LANG_EN ? x->zServiceEn : x->zServiceIt);
  html_f(&r->out, "<div class=\"ali-pre\" style=\"white-space: pre-line\">%s</div></li>", x->zText);
}

/* The timeline with its next-page link. */
static void render_timeline(Req *r, const Case *c, Relation eRel, const ActivityFilter *f) {
  Activity *a;
  int n, bMore;
  int rc = register_list(r->db, &r->a, r->iAgency, c->id, eRel, r->user.id, f, &a, &n, &bMore);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  if (!n) {
    html_f(&r->out, "<p id=\"register-empty\">%s</p>", _("No entries."));
    return;
  }
  html_raw(&r->out, "<ul class=\"list-group mb-3\" id=\"register\">");
  for (int i = 0; i < n; i++) render_entry(r, &a[i]);
  html_raw(&r->out, "</ul>");
  if (bMore) {
    html_f(&r->out, "<p><a id=\"register-next\" href=\"/cases/%D/register?kind=%u&amp;member=%u&amp;before=%u\">%s</a></p>",
           c->id, f->eKind >= 0 ? register_kind_code((ActivityKind)f->eKind) : "",
           f->iMember ? arena_printf(&r->a, "%" PRId64, f->iMember) : "",
           arena_printf(&r->a, "%s.%" PRId64, a[n - 1].zOn, a[n - 1].id), _("Older entries"));
  }
}

/* The value of zName on a re-render of the add form, else zDefault. */
static const char *reg_value(Req *r, int bPosted, const char *zName, const char *zDefault) {
  const char *z = bPosted ? req_form(r, zName) : NULL;
  return z ? z : zDefault;
}

/* The interventions of the case's project as select options. */
static const char *const *reg_intervention_options(Req *r, const Case *c) {
  Project p;
  int64_t iProject = project_of_case(r->db, r->iAgency, c->id);
  int n = 0;
  if (iProject && project_get(r->db, &r->a, r->iAgency, iProject, r->iLang, &p) == 0) n = p.nIntervention;
  const char **az = arena_alloc(&r->a, (size_t)(2 * n + 3) * sizeof *az);
  int j = 0;
  az[j++] = "";
  az[j++] = _("None");
  for (int i = 0; i < n; i++) {
    az[j++] = arena_printf(&r->a, "%" PRId64, p.aIntervention[i].id);
    az[j++] = p.aIntervention[i].zServiceName;
  }
  return az;
}

void register_member_fields(Req *r, int bPosted, const Person *aMember, int nMember) {
  html_f(&r->out, "<fieldset class=\"mb-3\"><legend class=\"h6\">%s</legend>", _("Members involved"));
  for (int i = 0; i < nMember; i++) {
    const char *zName = arena_printf(&r->a, "member_%" PRId64, aMember[i].id);
    form_checkbox(r, zName, arena_printf(&r->a, "%s %s", aMember[i].zFirstName, aMember[i].zLastName),
                  bPosted && req_form(r, zName) != NULL);
  }
  form_group_error(r, "members");
  html_raw(&r->out, "</fieldset>");
}

void register_entry_fields(Req *r, int bPosted, const Case *c) {
  form_select(r, "intervention", _("Intervention"), reg_intervention_options(r, c),
              reg_value(r, bPosted, "intervention", ""));
  form_checkbox(r, "restricted", _("Restricted: only the author, the social worker holding the case, the case manager and the manager see it"),
                bPosted && req_form(r, "restricted") != NULL);
}

const char *const *register_kind_choices(Req *r, int bPlannable) {
  const char *const *az = reg_kind_options(r, _("Choose…"));
  if (!bPlannable) return az;
  const char **azKeep = arena_alloc(&r->a, (2 * ACT_KIND_COUNT + 3) * sizeof *azKeep);
  int j = 0;
  for (int i = 0; az[i]; i += 2) {
    int e = register_kind_from_code(az[i]);
    if (e >= 0 && !agenda_kind_plannable((ActivityKind)e)) continue;
    azKeep[j++] = az[i];
    azKeep[j++] = az[i + 1];
  }
  azKeep[j] = NULL;
  return azKeep;
}

/* The form to add an entry (its fields "f-NAME"). */
static void render_form(Req *r, const Case *c, Person *aMember, int nMember) {
  const char *zAction = arena_printf(&r->a, "/cases/%" PRId64 "/register", c->id);
  int bPosted = strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-add\">%s</h2>", _("Add an entry"));
  form_begin(r, zAction, "id=\"register-form\"");
  form_scope(r, NULL, bPosted);
  char zToday[11];
  date_today(zToday);
  form_input(r, "on_date", _("Date"), "date", reg_value(r, bPosted, "on_date", zToday), 1);
  form_select(r, "kind", _("Kind"), register_kind_choices(r, 0), reg_value(r, bPosted, "kind", ""));
  form_input(r, "minutes", _("Time spent (minutes)"), "number",
             reg_value(r, bPosted, "minutes", "30"), 1);
  register_member_fields(r, bPosted, aMember, nMember);
  register_entry_fields(r, bPosted, c);
  form_text_area(r, "text", _("What happened"), reg_value(r, bPosted, "text", ""), 4, 1);
  html_f(&r->out, "<button class=\"btn btn-primary\" type=\"submit\">%s</button></form>", _("Add"));
  form_scope(r, NULL, 1);
}

/* The message after a write (?done=). */
static void render_done(Req *r) {
  static const char *const az[] = {"1",         N_("Entry added."),
                                   "planned",   N_("Activity planned."),
                                   "recorded",  N_("Activity recorded as done."),
                                   "cancelled", N_("Planned activity cancelled."),
                                   NULL};
  const char *z = req_query(r, "done");
  for (int i = 0; z && az[i]; i += 2) {
    if (strcmp(z, az[i]) == 0)
      html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\" id=\"register-done\">%s</div>",
             _(az[i + 1]));
  }
}

void register_render(Req *r, const Case *c, Relation eRel) {
  Person *aMember;
  int nMember;
  int rc = household_members(r->db, &r->a, r->iAgency, c->iHousehold, &aMember, &nMember);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  ActivityFilter f;
  reg_filter(r, &f);
  layout_begin(r, _("Activity register"), NAV_PEOPLE);
  html_f(&r->out, "<h1>%s</h1><p><a href=\"/cases/%D\">%s %s</a> · <a id=\"register-pdf\" href=\"/cases/%D/register.pdf\">%s</a></p>",
         _("Activity register"), c->id, c->zFirstName, c->zLastName, c->id, _("PDF"));
  render_done(r);
  if (r->iStatus == 422) form_error_summary(r);
  int bWrite = auth_can(r, CAP_REGISTER_WRITE) && register_can_write(eRel);
  agenda_render_upcoming(r, c, eRel);
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-timeline\">%s</h2>", _("What was done"));
  render_filters(r, c, aMember, nMember, &f);
  render_timeline(r, c, eRel, &f);
  if (bWrite) render_form(r, c, aMember, nMember);
  if (bWrite) agenda_render_plan_form(r, c, aMember, nMember);
  layout_end(r);
}

void register_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_read);
  if (e != REL_NONE) register_render(r, &c, e);
}

int register_form_ids(Req *r, const char *zPrefix, const int64_t **pa) {
  size_t nPrefix = strlen(zPrefix);
  int64_t *a = arena_alloc(&r->a, (size_t)(r->nForm + 1) * sizeof *a);
  int n = 0;
  for (int i = 0; i < r->nForm; i++) {
    const char *zName = r->azForm[2 * i];
    if (strncmp(zName, zPrefix, nPrefix) == 0) a[n++] = strtoll(zName + nPrefix, NULL, 10);
  }
  *pa = a;
  return n;
}

long register_form_minutes(Req *r) {
  const char *zMin = req_form(r, "minutes");
  char *zEnd = NULL;
  long n = domain_blank(zMin) ? -1 : strtol(zMin, &zEnd, 10);
  return zEnd && *zEnd ? -1 : n;
}

void register_form_input(Req *r, ActivityInput *in) {
  memset(in, 0, sizeof *in);
  in->zOn = req_form(r, "on_date");
  in->zKind = req_form(r, "kind");
  in->nMember = register_form_ids(r, "member_", &in->aMember);
  in->iIntervention = strtoll(req_form(r, "intervention") ? req_form(r, "intervention") : "0", NULL, 10);
  in->bRestricted = req_form(r, "restricted") != NULL;
  in->zText = req_form(r, "text");
}

void register_add_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_write);
  if (e == REL_NONE) return;
  ActivityInput in;
  register_form_input(r, &in);
  in.nMinutes = register_form_minutes(r);
  int64_t id = 0;
  int rc = register_add_to(r->db, r->iAgency, &c, &in, r->user.id, &id, &r->err);
  if (rc == 0) {
    req_audit(r, "create", "activity", id, c.iPerson,
              in.bRestricted ? "{\"confidentiality\":\"restricted\"}" : NULL);
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "/register?done=1", c.id));
    return;
  }
  if (rc != DOMAIN_INVALID) {
    case_fail(r, rc);
    return;
  }
  r->iStatus = 422;
  register_render(r, &c, e);
  r->iStatus = 422;
}

/* ------------------------------------------------------------------ */
/* The PDF                                                             */
/* ------------------------------------------------------------------ */

/* Every visible entry of the case (all pages) into the table of p. */
static int reg_pdf_rows(Req *r, const Case *c, Relation eRel, Pdf *p) {
  ActivityFilter f = {.eKind = -1, .nLimit = 200};
  int bMore = 1, rc = 0;
  while (bMore && rc == 0) {
    Activity *a;
    int n;
    rc = register_list(r->db, &r->a, r->iAgency, c->id, eRel, r->user.id, &f, &a, &n, &bMore);
    for (int i = 0; rc == 0 && i < n; i++) {
      const char *zWho = a[i].zAuthor;
      for (int k = 0; k < a[i].nMember; k++)
        zWho = arena_printf(&r->a, "%s%s%s %s", zWho, k ? ", " : "\n", a[i].aMember[k].zFirstName,
                            a[i].aMember[k].zLastName);
      const char *azCell[5] = {ui_date(r, a[i].zOn), reg_kind_label(r, a[i].eKind),
                               arena_printf(&r->a, "%d", a[i].nMinutes), zWho,
                               a[i].bRestricted ? arena_printf(&r->a, "[%s] %s", _("Restricted"), a[i].zText)
                                                : a[i].zText};
      pdf_table_row(p, azCell);
    }
    if (n) {
      f.zBeforeOn = a[n - 1].zOn;
      f.iBeforeId = a[n - 1].id;
    }
  }
  return rc;
}

void register_pdf_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_read);
  if (e == REL_NONE) return;
  Pdf *p = pdf_new(r->iLang, _("Activity register"), r->zAgencyName);
  pdf_title(p, _("Activity register"),
            arena_printf(&r->a, "%s %s (%s)", c.zFirstName, c.zLastName, c.zPersonRef));
  const char *azHead[5] = {_("Date"), _("Kind"), _("Minutes"), _("Author and members"),
                           _("What happened")};
  const double aWidth[5] = {1.2, 1.3, 0.8, 2, 4.5};
  pdf_table_begin(p, 5, azHead, aWidth);
  int rc = reg_pdf_rows(r, &c, e, p);
  pdf_table_end(p);
  if (rc) {
    pdf_free(p);
    case_fail(r, rc);
    return;
  }
  buf_reset(&r->out);
  if (pdf_finish(p, &r->out, NULL)) {
    buf_reset(&r->out);
    req_error(r, 500, N_("The document could not be made; try again in a moment."));
    return;
  }
  r->iStatus = 200;
  r->zContentType = "application/pdf";
  req_header_add(r, "Content-Disposition",
                 arena_printf(&r->a, "inline; filename=\"register-%" PRId64 ".pdf\"", c.id));
  req_audit(r, "export", "case", c.id, c.iPerson, "{\"document\":\"register\",\"format\":\"pdf\"}");
}
