/*
** page_microdata.c — pseudonymised microdata for evaluators
** (src/report/microdata.h) in the browser, for CAP_MICRODATA_EXPORT
** (managers, evaluators):
**
**   GET  /exports/microdata   the form: the export key (typed, never
**                             shown again nor stored), the round, and
**                             one button per file
**   POST /exports/microdata   key, round ("" every round), file
**                             (participants | interventions): the CSV
**                             as a download
**
** A key shorter than MICRODATA_KEY_MIN bytes, an unknown round or file
** re-render the form with 422.  Each download is audited ("export" of
** "microdata": the file's row count and the round, never the key) in the
** request's transaction, with the profiles at entry the export may write
** first.  The same key typed here and given to `ali export microdata`
** (as the file's content or the variable's value) gives the same
** pseudonyms.
*/
#include <string.h>

#include "../domain/programme.h"
#include "../lib/i18n.h"
#include "../report/microdata.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* The round options: "" every round, then each round's code. */
static const char *const *md_round_options(Req *r) {
  Round *aR = NULL;
  int n = 0;
  if (round_list(r->db, &r->a, r->iAgency, &aR, &n)) n = 0;
  const char **az = arena_alloc(&r->a, sizeof *az * (size_t)(2 * n + 3));
  az[0] = "";
  az[1] = _("Every round");
  for (int i = 0; i < n; i++) {
    az[2 + 2 * i] = aR[i].zCode;
    az[3 + 2 * i] = arena_printf(&r->a, "%s · %s", aR[i].zCode, aR[i].zName);
  }
  az[2 + 2 * n] = NULL;
  return az;
}

static void render_form(Req *r, const char *zRound) {
  layout_begin(r, _("Microdata for evaluators"), NAV_NONE);
  html_f(&r->out, "<h1 class=\"h2 mb-3\">%s</h1>", _("Microdata for evaluators"));
  html_f(&r->out, "<p>%s</p><p>%s</p>",
         _("One row per participation and one per intervention, with a pseudonym instead of "
           "the person: no names, codici fiscali, addresses, birth dates or free text. Ages are "
           "bands, dates are months."),
         _("The pseudonyms come from the export key: the same key gives every person the same "
           "pseudonym, another key others. Keep the key (at least 32 characters) where the data "
           "are not: it is not stored here. Every export is recorded."));
  form_error_summary(r);
  form_begin(r, "/exports/microdata", " id=\"microdata-form\" autocomplete=\"off\"");
  form_input(r, "key", _("Export key"), "password", NULL, 1);
  form_select(r, "round", _("Round"), md_round_options(r), zRound);
  html_f(&r->out,
         "<button type=\"submit\" class=\"btn btn-primary me-2\" name=\"file\" "
         "value=\"participants\">%s</button>"
         "<button type=\"submit\" class=\"btn btn-outline-primary\" name=\"file\" "
         "value=\"interventions\">%s</button></form>",
         _("Download participants.csv"), _("Download interventions.csv"));
  layout_end(r);
}

void microdata_page(Req *r) { render_form(r, NULL); }

/* Checks the form: 0 with *piRound and *pbPart set, or 422 written. */
static int md_check(Req *r, const char *zKey, const char *zRound, const char *zFile,
                    int64_t *piRound, int *pbPart) {
  *piRound = 0;
  if (!zKey || strlen(zKey) < MICRODATA_KEY_MIN)
    errors_add(&r->err, "key", N_("at least 32 characters"));
  if (zRound && *zRound && !(*piRound = round_find(r->db, r->iAgency, zRound)))
    errors_add(&r->err, "round", N_("no such round"));
  *pbPart = zFile && strcmp(zFile, "participants") == 0;
  if (!*pbPart && !(zFile && strcmp(zFile, "interventions") == 0))
    errors_add(&r->err, "file", N_("not one of the allowed values"));
  if (!r->err.n) return 0;
  r->iStatus = 422;
  render_form(r, zRound);
  return -1;
}

void microdata_export_page(Req *r) {
  const char *zKey = req_form(r, "key"), *zRound = req_form(r, "round");
  int64_t iRound;
  int bPart;
  if (md_check(r, zKey, zRound, req_form(r, "file"), &iRound, &bPart)) return;
  RDoc part, iv;
  MicrodataCounts n;
  int rc = microdata_build(r->db, &r->a, r->iAgency, iRound, (const unsigned char *)zKey,
                           strlen(zKey), &part, &iv, &n);
  if (rc) {
    req_error(r, rc == DB_BUSY ? 503 : 500,
              N_("The export could not be made; try again in a moment."));
    return;
  }
  const char *zRoundCode = iRound ? zRound : NULL;
  req_audit(r, "export", "microdata", 0, 0,
            microdata_audit_detail(&r->a, zRoundCode, &n, bPart, !bPart));
  buf_reset(&r->out);
  rdoc_csv(bPart ? &part : &iv, &r->out);
  r->iStatus = 200;
  r->zContentType = "text/csv; charset=utf-8";
  const char *zName = bPart ? "participants" : "interventions";
  req_header_add(r, "Content-Disposition",
                 zRoundCode
                     ? arena_printf(&r->a, "attachment; filename=\"%s-%s.csv\"", zName, zRoundCode)
                     : arena_printf(&r->a, "attachment; filename=\"%s.csv\"", zName));
}
