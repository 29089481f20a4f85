/*
** page_esf.c — the ESF+ data of a case beyond the access form
** (esf_record.h), for the ESF+ indicators (docs/esf.md):
**
**   GET  /cases/{id}/esf        what is recorded, and the forms
**   POST /cases/{id}/esf/entry  the entry questions of the first
**                               interview: parents_born_abroad,
**                               disability, minority (each yes | no |
**                               not_stated, "" not asked)
**   POST /cases/{id}/esf/exit   the situation within four weeks of
**                               leaving: situation_on, job_searching,
**                               in_education (1 | 0)
**
** Reading needs a relation that reads the case (intake_can_read); each
** field is shown and written by the relations esf_record.h lists, and a
** form posts only the fields its author may write.  Showing disability or
** minority writes one "read_sensitive" audit entry naming the fields,
** never their values; a change is audited as "update" of
** "esf_participant" (disability and minority as "[changed]").  Anyone
** else gets the case's 404 (case_guard), audited.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/esf_record.h"
#include "../domain/intake.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

#define ESF_ENTRY_MASK ((1u << ESF_PARENTS_ABROAD) | (1u << ESF_DISABILITY) | (1u << ESF_MINORITY))
#define ESF_EXIT_MASK (1u << ESF_SITUATION)

/* The questions of the entry fields, in EsfField order (msgids). */
static const char *const azQuestion[3] = {
    N_("Both parents born abroad (foreign background)"),
    N_("Certified disability (Law 104/1992 or 68/1999)"),
    N_("Belongs to a minority, including marginalised communities such as the Roma"),
};

/* Options of an entry question: "" not asked, then yes, no, not stated. */
static const char *const *esf_answer_options(Req *r) {
  const char **az = arena_alloc(&r->a, 9 * sizeof *az);
  az[0] = "";
  az[1] = _("Not asked");
  for (int i = 0; i < 6; i += 2) {
    az[2 + i] = esf_azAnswer[i];
    az[3 + i] = _(esf_azAnswer[i + 1]);
  }
  az[8] = NULL;
  return az;
}

static const char *esf_answer_label(Req *r, const char *zCode) {
  for (int i = 0; zCode && esf_azAnswer[i]; i += 2) {
    if (strcmp(esf_azAnswer[i], zCode) == 0) return _(esf_azAnswer[i + 1]);
  }
  return _("Not asked");
}

static const char *esf_flag_label(Req *r, int e) {
  return e < 0 ? _("Not recorded") : e ? _("Yes") : _("No");
}

static void render_fact(Req *r, const char *zId, const char *zLabel, const char *zValue) {
  html_f(&r->out, "<dt class=\"col-sm-5\">%s</dt><dd class=\"col-sm-7\" id=\"%s\">%s</dd>", zLabel,
         zId, zValue);
}

/* The values of the entry fields of mRead. */
static const char *entry_value(const EsfRecord *p, int i) {
  return i == ESF_PARENTS_ABROAD ? p->zParentsAbroad
         : i == ESF_DISABILITY   ? p->zDisability
                                 : p->zMinority;
}

static void render_entry(Req *r, const Case *c, const EsfRecord *p, unsigned mRead,
                         unsigned mWrite) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-entry\" class=\"mt-4\" id=\"entry\">"
         "<h2 id=\"h-entry\" class=\"h4\">%s</h2><p class=\"ali-muted small\">%s</p>"
         "<dl class=\"row\">",
         _("At entry (first interview)"),
         _("Asked as the ESF+ entry questionnaire asks them. Disability and minority are "
           "special-category data: only those who need them see them, and every reading is "
           "recorded."));
  for (int i = 0; i < 3; i++) {
    if (mRead & (1u << i))
      render_fact(r, arena_printf(&r->a, "v-%s", esf_field_code((EsfField)i)), _(azQuestion[i]),
                  esf_answer_label(r, entry_value(p, i)));
  }
  html_raw(&r->out, "</dl>");
  if ((mWrite & ESF_ENTRY_MASK) && auth_can(r, CAP_INTAKE_WRITE)) {
    form_begin(r, arena_printf(&r->a, "/cases/%lld/esf/entry", (long long)c->id),
               " id=\"esf-entry-form\"");
    form_scope(r, "entry", 1);
    for (int i = 0; i < 3; i++) {
      if (mWrite & (1u << i))
        form_select(r, esf_field_code((EsfField)i), _(azQuestion[i]), esf_answer_options(r),
                    entry_value(p, i));
    }
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
           _("Save"));
  }
  html_raw(&r->out, "</section>");
}

static void render_exit(Req *r, const Case *c, const EsfRecord *p, const char *zExit,
                        unsigned mWrite) {
  html_f(&r->out,
         "<section aria-labelledby=\"h-exit\" class=\"mt-4\" id=\"exit\">"
         "<h2 id=\"h-exit\" class=\"h4\">%s</h2>",
         _("Within four weeks of leaving"));
  if (!*zExit) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"exit-open\">%s</p></section>",
           _("The path has not ended yet."));
    return;
  }
  html_raw(&r->out, "<dl class=\"row\">");
  render_fact(r, "v-exit", _("The path ended on"), ui_date(r, zExit));
  render_fact(r, "v-situation_on", _("The situation refers to"),
              p->zSituationOn ? ui_date(r, p->zSituationOn) : _("Not recorded"));
  render_fact(r, "v-job_searching", _("Looking for a job"), esf_flag_label(r, p->eJobSearching));
  render_fact(r, "v-in_education", _("In education or training"),
              esf_flag_label(r, p->eInEducation));
  html_raw(&r->out, "</dl>");
  if ((mWrite & ESF_EXIT_MASK) && auth_can(r, CAP_CASE_CLOSE)) {
    const char *const azOpt[] = {"", _("Not recorded"), "1", _("Yes"), "0", _("No"), NULL};
    form_begin(r, arena_printf(&r->a, "/cases/%lld/esf/exit", (long long)c->id),
               " id=\"esf-exit-form\"");
    form_scope(r, "exit", 1);
    form_input(r, "situation_on", _("The situation refers to (date)"), "date", p->zSituationOn, 1);
    form_select(r, "job_searching", _("Looking for a job"), azOpt,
                p->eJobSearching < 0 ? "" : p->eJobSearching ? "1" : "0");
    form_select(r, "in_education", _("In education or training"), azOpt,
                p->eInEducation < 0 ? "" : p->eInEducation ? "1" : "0");
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
           _("Save"));
  }
  html_raw(&r->out, "</section>");
}

/* The page, with p as shown (stored, or as typed after a 422). */
static void render_page(Req *r, const Case *c, Relation eRel, const EsfRecord *p) {
  unsigned mRead = esf_readable_mask(eRel), mWrite = esf_writable_mask(eRel);
  char zExit[11];
  int rc = esf_case_exit(r->db, r->iAgency, c->id, zExit);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  layout_begin(r, _("ESF+ data"), NAV_PEOPLE);
  html_f(&r->out,
         "<h1 class=\"h2\">%s <span class=\"ali-muted\">· %s %s</span></h1>"
         "<p><a href=\"/cases/%D\">%s</a></p>",
         _("ESF+ data"), case_person_name(r, c), c->zRoundCode, c->id, _("Back to the case"));
  if (!esf_case_is_esf(r->db, r->iAgency, c->id))
    html_f(&r->out, "<div class=\"callout note\" id=\"not-esf\"><p>%s</p></div>",
           _("This path is not funded by an ESF-co-financed stream: the ESF+ indicators do "
             "not count it."));
  form_error_summary(r);
  render_entry(r, c, p, mRead, mWrite);
  render_exit(r, c, p, zExit, mWrite);
  layout_end(r);
}

/* Audits the showing of the special-category fields of mRead. */
static void esf_audit_read(Req *r, const Case *c, unsigned mRead) {
  unsigned m = esf_sensitive_mask(mRead);
  if (!m) return;
  const char *zDetail = "{\"fields\":[\"minority\"]}";
  if (m == esf_sensitive_mask(~0u)) zDetail = "{\"fields\":[\"disability\",\"minority\"]}";
  else if (m & (1u << ESF_DISABILITY)) zDetail = "{\"fields\":[\"disability\"]}";
  req_audit(r, "read_sensitive", "esf_participant", c->id, c->iPerson, zDetail);
}

void esf_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_read);
  if (e == REL_NONE) return;
  EsfRecord rec;
  unsigned mRead = esf_readable_mask(e);
  int rc = esf_record_get(r->db, &r->a, r->iAgency, c.id, mRead, &rec);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  esf_audit_read(r, &c, mRead);
  render_page(r, &c, e, &rec);
}

/* A yes/no field of the form: 1, 0, or -1 when blank or absent. */
static int esf_form_flag(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? -1 : strcmp(z, "1") == 0 ? 1 : strcmp(z, "0") == 0 ? 0 : 2;
}

/* Reads the fields of mFields from the form into *p. */
static void esf_from_form(Req *r, unsigned mFields, EsfRecord *p) {
  for (int i = 0; i < 3; i++) {
    if (!(mFields & (1u << i))) continue;
    const char *z = req_form(r, esf_field_code((EsfField)i));
    z = domain_blank(z) ? NULL : z;
    if (i == ESF_PARENTS_ABROAD) p->zParentsAbroad = z;
    else if (i == ESF_DISABILITY) p->zDisability = z;
    else p->zMinority = z;
  }
  if (mFields & ESF_EXIT_MASK) {
    p->zSituationOn = req_form(r, "situation_on");
    p->eJobSearching = esf_form_flag(r, "job_searching");
    p->eInEducation = esf_form_flag(r, "in_education");
  }
}

/* POST of the entry (bExit 0) or the exit part. */
static void esf_save(Req *r, int bExit) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, bExit ? intake_can_plan : intake_can_interview);
  if (e == REL_NONE) return;
  unsigned mRead = esf_readable_mask(e);
  unsigned mWrite = esf_writable_mask(e) & (bExit ? ESF_EXIT_MASK : ESF_ENTRY_MASK);
  EsfRecord cur, in;
  int rc = esf_record_get(r->db, &r->a, r->iAgency, c.id, mRead, &cur);
  in = cur;
  esf_from_form(r, mWrite, &in);
  const char *zDetail = NULL;
  char zNow[21];
  timestamp_now(zNow);
  if (!rc) rc = esf_record_save(r->db, &r->a, r->iAgency, c.id, mWrite, &in, r->user.id, zNow,
                                &zDetail, &r->err);
  if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    r->bKeepWrites = 1; /* nothing was written but the reading below, which must be kept */
    esf_audit_read(r, &c, mRead);
    render_page(r, &c, e, &in);
    return;
  }
  if (rc) {
    case_fail(r, rc);
    return;
  }
  if (zDetail) req_audit(r, "update", "esf_participant", c.id, c.iPerson, zDetail);
  req_redirect(r, arena_printf(&r->a, "/cases/%lld/esf", (long long)c.id));
}

void esf_entry_page(Req *r) { esf_save(r, 0); }
void esf_exit_page(Req *r) { esf_save(r, 1); }

void esf_case_link(Req *r, const Case *c, Relation eRel) {
  if (!intake_can_read(eRel) || !esf_case_is_esf(r->db, r->iAgency, c->id)) return;
  html_f(&r->out,
         "<section aria-labelledby=\"h-esf\" class=\"mt-4\"><h2 id=\"h-esf\" class=\"h4\">%s</h2>"
         "<p><a id=\"esf-link\" href=\"/cases/%D/esf\">%s</a></p></section>",
         _("ESF+ indicators"), c->id,
         _("The ESF+ data: entry questions and the situation after leaving"));
}
