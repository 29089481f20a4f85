/*
** page_print.c — the printable documents of a case: the Access and
** Evaluation Form and the Personalised Individual Project, as PDF
**
**   GET /cases/{id}/form.pdf             GET /api/v1/cases/{id}/access-form.pdf
**   GET /cases/{id}/project.pdf          GET /api/v1/cases/{id}/project.pdf
**
** and as print-friendly pages (GET /cases/{id}/form/print and
** /cases/{id}/project/print): the same content (the writers of
** src/report/form.h drawn into escaped HTML instead of a PDF), laid out
** for paper by the @media print rules of assets/ali.css, with no
** navigation.
**
** Every route needs CAP_PERSON_READ and a relation to the participant
** that may read the case (intake_can_read); any other caller gets the
** case's 404, exactly like a missing case, and the refusal is audited.
** Every document handed out is audited as an "export" of the case; when
** it shows the participant's psycho-physical health (only to relations
** that may read it: policy_sensitive_visible), that reading is audited
** too ("read_sensitive"), as on the person page.
*/
#include <stdio.h>
#include <string.h>

#include "../api/api.h"
#include "../api/api_common.h"
#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../http/guard.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "../report/form.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

enum { DOC_FORM, DOC_PROJECT };
enum { OUT_PAGE, OUT_PDF, OUT_API };

/* ---- the record check ---- */

/* The caller's relation to case id (r->aId[0]) when they may read it;
** otherwise REL_NONE after answering 404 (JSON for the API). */
static Relation print_guard(Req *r, int eOut, Case *c) {
  if (eOut != OUT_API) return case_guard(r, r->aId[0], c, intake_can_read);
  int rc = intake_case_get(r->db, &r->a, r->iAgency, r->aId[0], c);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    api_domain_error(r, rc, "case");
    return REL_NONE;
  }
  Relation e = rc ? REL_NONE : intake_case_relation(r->db, &r->user, c);
  if (!intake_can_read(e)) {
    guard_denied(r, "case", r->aId[0], rc ? 0 : c->iPerson);
    api_not_found(r, "case");
    return REL_NONE;
  }
  return e;
}

/* The audit entries of a document handed out: the export, and the
** reading of health when the document shows it. */
static void print_audit(Req *r, const Case *c, int eDoc, const char *zFormat, int bHealth) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "document", eDoc == DOC_FORM ? "access_form" : "project");
  jw_kv_str(&w, "format", zFormat);
  jw_obj_end(&w);
  req_audit(r, "export", "case", c->id, c->iPerson, buf_str(&b));
  buf_free(&b);
  if (bHealth) guard_sensitive_read(r, c->iPerson, 1u << SENS_HEALTH);
}

/* A failure to read (rc, a db.h code) or to draw (-1). */
static void print_fail(Req *r, int eOut, int rc) {
  buf_reset(&r->out);
  r->nHeader = 0;
  if (rc == -1) {
    req_error(r, 500, N_("The document could not be made; try again in a moment."));
  } else if (eOut == OUT_API) {
    api_domain_error(r, rc, "case");
  } else {
    case_fail(r, rc);
  }
}

/* ---- PDF ---- */

/* Draws document eDoc of case c as PDF into r->out: 0, -1 (cairo) or a
** db.h code; *pbHealth says whether it shows health. */
static int print_pdf_body(Req *r, const Case *c, Relation e, int eDoc, int *pbHealth) {
  if (eDoc == DOC_FORM) {
    AccessPrint p;
    int rc = form_access_load(r->db, &r->a, r->iAgency, c, e, r->iLang, &p);
    if (rc) return rc;
    *pbHealth = p.bHealth;
    return form_access_pdf(&p, &r->a, &r->out);
  }
  ProjectPrint p;
  int rc = form_project_load(r->db, &r->a, r->iAgency, c, e, r->iLang, &p);
  if (rc) return rc;
  *pbHealth = 0;
  return form_project_pdf(&p, &r->a, &r->out);
}

static void print_pdf(Req *r, int eOut, int eDoc) {
  Case c;
  Relation e = print_guard(r, eOut, &c);
  if (e == REL_NONE) return;
  int bHealth = 0;
  buf_reset(&r->out);
  int rc = print_pdf_body(r, &c, e, eDoc, &bHealth);
  if (rc) {
    print_fail(r, eOut, rc);
    return;
  }
  r->iStatus = 200;
  r->zContentType = "application/pdf";
  req_header_add(r, "Content-Disposition",
                 arena_printf(&r->a, "inline; filename=\"%s-%lld.pdf\"",
                              eDoc == DOC_FORM ? "access-form" : "project", (long long)c.id));
  print_audit(r, &c, eDoc, "pdf", bHealth);
}

void print_form_pdf_page(Req *r) { print_pdf(r, OUT_PDF, DOC_FORM); }
void print_project_pdf_page(Req *r) { print_pdf(r, OUT_PDF, DOC_PROJECT); }
void api_print_form_pdf(Req *r) { print_pdf(r, OUT_API, DOC_FORM); }
void api_print_project_pdf(Req *r) { print_pdf(r, OUT_API, DOC_PROJECT); }

/* ---- the print-friendly page: an HTML sink ---- */

/* Consecutive checkboxes share one wrapper (two columns). */
typedef struct HtmlSink {
  Req *r;
  int bInChecks; /* a checkbox wrapper is open */
  int nCol;      /* columns of the open table */
} HtmlSink;

static void hs_close_checks(HtmlSink *h) {
  if (!h->bInChecks) return;
  html_raw(&h->r->out, "</div>");
  h->bInChecks = 0;
}

static void hs_title(void *p, const char *z, const char *zSub) {
  HtmlSink *h = p;
  hs_close_checks(h);
  html_f(&h->r->out, "<h1 class=\"ali-print-title\">%s</h1>", z);
  if (zSub) html_f(&h->r->out, "<p class=\"ali-print-sub\">%s</p>", zSub);
}

static void hs_heading(void *p, const char *z) {
  HtmlSink *h = p;
  hs_close_checks(h);
  html_f(&h->r->out, "<h2 class=\"ali-print-h\">%s</h2>", z);
}

static void hs_para(void *p, const char *z) {
  HtmlSink *h = p;
  hs_close_checks(h);
  html_f(&h->r->out, "<p class=\"ali-note\">%s</p>", z);
}

static void hs_note(void *p, const char *z) {
  HtmlSink *h = p;
  hs_close_checks(h);
  html_f(&h->r->out, "<p class=\"ali-muted small\">%s</p>", z);
}

static void hs_field(void *p, const char *zLabel, const char *zValue) {
  HtmlSink *h = p;
  hs_close_checks(h);
  html_f(&h->r->out, "<div class=\"ali-print-field\"><div class=\"ali-print-label\">%s</div>",
         zLabel);
  if (zValue)
    html_f(&h->r->out, "<div class=\"ali-print-value ali-note\">%s</div></div>", zValue);
  else
    html_raw(&h->r->out, "<div class=\"ali-print-value ali-print-blank\"></div></div>");
}

static void hs_table(void *p, int n, const char *const *azHead, const double *aW) {
  HtmlSink *h = p;
  (void)aW; /* the browser sizes columns; inline styles are refused by our CSP */
  hs_close_checks(h);
  html_raw(&h->r->out,
           "<table class=\"table table-bordered table-sm ali-print-table\"><thead><tr>");
  for (int i = 0; i < n; i++) html_f(&h->r->out, "<th scope=\"col\">%s</th>", azHead[i]);
  html_raw(&h->r->out, "</tr></thead><tbody>");
  h->nCol = n;
}

static void hs_row(void *p, const char *const *az) {
  HtmlSink *h = p;
  html_raw(&h->r->out, "<tr>");
  for (int i = 0; i < h->nCol; i++) {
    if (az[i])
      html_f(&h->r->out, "<td class=\"ali-note\">%s</td>", az[i]);
    else
      html_raw(&h->r->out, "<td class=\"ali-print-empty\"></td>");
  }
  html_raw(&h->r->out, "</tr>");
}

static void hs_table_end(void *p) {
  HtmlSink *h = p;
  html_raw(&h->r->out, "</tbody></table>");
  h->nCol = 0;
}

static void hs_check(void *p, const char *z, int bChecked) {
  HtmlSink *h = p;
  Req *r = h->r;
  if (!h->bInChecks) html_raw(&r->out, "<div class=\"ali-print-checks\">");
  h->bInChecks = 1;
  html_f(&r->out, "<div class=\"ali-print-check\" data-checked=\"%d\">", bChecked ? 1 : 0);
  html_f(&r->out,
         "<span aria-hidden=\"true\">%s</span> <span class=\"visually-hidden\">%s:</span> %s</div>",
         bChecked ? "☒" : "☐", bChecked ? _("Yes") : _("No"), z);
}

static void hs_sign(void *p, const char *zPlace, int n, const char *const *azWho,
                    const char *const *azName) {
  HtmlSink *h = p;
  Req *r = h->r;
  hs_close_checks(h);
  html_f(&r->out,
         "<section class=\"ali-print-sign\" id=\"signatures\"><p>%s "
         "<span class=\"ali-print-blank ali-print-blank-inline\"></span></p>"
         "<div class=\"ali-print-sign-row\">",
         zPlace);
  for (int i = 0; i < n; i++) {
    html_f(&r->out,
           "<div class=\"ali-print-sign-box\"><strong>%s</strong>"
           "<div class=\"ali-print-sign-line\"></div><small>%s</small></div>",
           azWho[i], azName[i]);
  }
  html_raw(&r->out, "</div></section>");
}

/* The page around the document: no navigation, a bar (not printed) to
** go back or download the PDF. */
static void print_page_begin(Req *r, const char *zTitle, const Case *c, int eDoc) {
  r->zContentType = "text/html; charset=utf-8";
  html_f(&r->out,
         "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>%s · ali</title>",
         i18n_code(r->iLang), zTitle);
  html_raw(&r->out,
           "<link rel=\"stylesheet\" href=\"/assets/bootstrap-italia.min.css\">"
           "<link rel=\"stylesheet\" href=\"/assets/ali.css\"></head>"
           "<body class=\"ali-print-body\"><nav class=\"ali-print-bar ali-noprint\" ");
  html_f(&r->out, "aria-label=\"%s\"><a href=\"/cases/%D\">%s</a>", _("Document"), c->id,
         _("Back to the case"));
  html_f(&r->out, "<a href=\"/cases/%D/%s\" id=\"pdf-link\">%s</a><span>%s</span></nav>", c->id,
         eDoc == DOC_FORM ? "form.pdf" : "project.pdf", _("Download the PDF"),
         _("Use your browser's Print command to print this page."));
  html_f(&r->out,
         "<main class=\"ali-print\" id=\"main\"><div class=\"ali-print-head\">"
         "<span>%s</span><span>%s</span></div>",
         r->zAgencyName, zTitle);
}

static void print_page(Req *r, int eDoc) {
  Case c;
  Relation e = print_guard(r, OUT_PAGE, &c);
  if (e == REL_NONE) return;
  HtmlSink h = {r, 0, 0};
  DocSink s = {&h,       hs_title, hs_heading,   hs_para,  hs_note, hs_field,
               hs_table, hs_row,   hs_table_end, hs_check, hs_sign};
  int rc, bHealth = 0;
  if (eDoc == DOC_FORM) {
    AccessPrint p;
    rc = form_access_load(r->db, &r->a, r->iAgency, &c, e, r->iLang, &p);
    if (rc) {
      print_fail(r, OUT_PAGE, rc);
      return;
    }
    print_page_begin(r, form_access_title(r->iLang), &c, eDoc);
    form_access_write(&p, &r->a, &s);
    bHealth = p.bHealth;
  } else {
    ProjectPrint p;
    rc = form_project_load(r->db, &r->a, r->iAgency, &c, e, r->iLang, &p);
    if (rc) {
      print_fail(r, OUT_PAGE, rc);
      return;
    }
    print_page_begin(r, form_project_title(r->iLang), &c, eDoc);
    form_project_write(&p, &r->a, &s);
  }
  hs_close_checks(&h);
  html_raw(&r->out, "</main></body></html>\n");
  r->iStatus = 200;
  print_audit(r, &c, eDoc, "html", bHealth);
}

void print_form_page(Req *r) { print_page(r, DOC_FORM); }
void print_project_page(Req *r) { print_page(r, DOC_PROJECT); }
