/*
** report_scope.c — the subtitle that says what a report covers
** (report_scope.h).
*/
#include "report_scope.h"

#include "../lib/i18n.h"

void report_scope_subtitle(Db *db, const ReportQuery *q, const ReportRound *aRound, int nRound,
                           const char *zPeriod, RDoc *d) {
  Buf b = BUF_INIT;
  buf_puts(&b, tr(q->iLang, nRound == 1 ? "Round" : "Rounds"));
  for (int i = 0; i < nRound; i++) buf_printf(&b, "%s %s", i ? "," : "", aRound[i].zCode);
  if (nRound == 0) buf_printf(&b, " %s", tr(q->iLang, "none"));
  if (q->zFrom || q->zTo) {
    buf_printf(&b, "; %s %s – %s", zPeriod ? zPeriod : tr(q->iLang, "period"),
               q->zFrom ? tr_date(d->a, q->iLang, q->zFrom) : "…",
               q->zTo ? tr_date(d->a, q->iLang, q->zTo) : "…");
  }
  if (q->iSocialWorker) {
    char *z = db_text(db, d->a, "SELECT full_name FROM app_user WHERE id = $1 AND agency_id = $2",
                      "ii", q->iSocialWorker, q->iAgency);
    buf_printf(&b, "; %s %s", tr(q->iLang, "social worker"), z ? z : "?");
  }
  if (q->iOrganisation) {
    char *z = db_text(db, d->a, "SELECT name FROM organisation WHERE id = $1 AND agency_id = $2",
                      "ii", q->iOrganisation, q->iAgency);
    buf_printf(&b, "; %s %s", tr(q->iLang, "cooperative"), z ? z : "?");
  }
  rdoc_subtitle(d, "%s", buf_str(&b));
  buf_free(&b);
}
