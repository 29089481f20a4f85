/*
** page_host_firm.c — the host firms of internships (GET
** /programme/host-firms: the list and, for who may set up the
** programme, the form to add one; POST /programme/host-firms adds it).
** A host firm is an organisation of kind host_firm with its partita IVA,
** ATECO section, address and contact (placement.h).
*/
#include <inttypes.h>
#include <string.h>

#include "../domain/placement.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* Field, label pairs of the form (labels are msgids). */
static const char *const host_firm_azField[] = {
    "code",          N_("Code"),
    "name",          N_("Name"),
    "vat_number",    N_("Partita IVA"),
    "ateco_section", N_("ATECO section (A–U)"),
    "address",       N_("Address"),
    "contact_name",  N_("Contact person"),
    "contact_phone", N_("Phone"),
    "contact_email", N_("E-mail"),
    NULL,
};

static void render_firm_row(Req *r, const HostFirm *f) {
  html_f(&r->out,
         "<tr id=\"firm-%D\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
         "</tr>",
         f->id, f->zName, f->zVatNumber ? f->zVatNumber : "", f->zAteco ? f->zAteco : "",
         f->zAddress ? f->zAddress : "", f->zContactName ? f->zContactName : "",
         arena_printf(&r->a, "%s %s", f->zContactPhone ? f->zContactPhone : "",
                      f->zContactEmail ? f->zContactEmail : ""));
}

static void render_firm_form(Req *r) {
  const char *azLabel[2 * 8 + 1];
  for (int i = 0; host_firm_azField[i]; i += 2) {
    azLabel[i] = host_firm_azField[i];
    azLabel[i + 1] = _(host_firm_azField[i + 1]);
  }
  azLabel[16] = NULL;
  html_f(&r->out, "<h2 class=\"h4 mt-4\">%s</h2>", _("Add a host firm"));
  form_error_summary_fields(r, azLabel);
  form_begin(r, "/programme/host-firms", " id=\"host-firm-form\"");
  int bPost = strcmp(r->zMethod, "POST") == 0;
  for (int i = 0; host_firm_azField[i]; i += 2) {
    const char *zName = host_firm_azField[i];
    form_input(r, zName, azLabel[i + 1], strcmp(zName, "contact_email") == 0 ? "email" : "text",
               bPost ? req_form(r, zName) : NULL, i <= 4);
  }
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>", _("Add"));
}

static void render_host_firms(Req *r) {
  HostFirm *a;
  int n;
  if (host_firm_list(r->db, &r->a, r->iAgency, &a, &n)) n = 0;
  layout_begin(r, _("Host firms"), NAV_PROGRAMME);
  html_f(&r->out, "<h1>%s</h1><p><a href=\"/programme\">%s</a></p>", _("Host firms"),
         _("Back to the programme"));
  if (!n) {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No host firm yet."));
  } else {
    html_f(&r->out,
           "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"host-firms\">"
           "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
           "<tbody>",
           _("Name"), _("Partita IVA"), _("ATECO"), _("Address"), _("Contact person"), _("Contact"));
    for (int i = 0; i < n; i++) render_firm_row(r, &a[i]);
    html_raw(&r->out, "</tbody></table></div>");
  }
  if (auth_can(r, CAP_PROGRAMME_WRITE)) render_firm_form(r);
  layout_end(r);
}

void host_firm_list_page(Req *r) { render_host_firms(r); }

void host_firm_add_page(Req *r) {
  HostFirm f = {0,
                req_form(r, "code"),
                req_form(r, "name"),
                req_form(r, "vat_number"),
                req_form(r, "ateco_section"),
                req_form(r, "address"),
                req_form(r, "contact_name"),
                req_form(r, "contact_phone"),
                req_form(r, "contact_email")};
  int rc = host_firm_save(r->db, r->iAgency, &f, &r->err);
  if (rc == 0) {
    req_audit(r, "create", "organisation", f.id, 0, NULL);
    req_redirect(r, arena_printf(&r->a, "/programme/host-firms#firm-%" PRId64, f.id));
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) {
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The host firm could not be saved."));
    return;
  }
  r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
  render_host_firms(r);
}
