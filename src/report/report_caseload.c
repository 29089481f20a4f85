/*
** report_caseload.c — report "caseload-gaps": the agency's active cases
** without an active social worker or case manager (handover_orphans,
** src/domain/handover.h), for the manager to hand them over before
** someone waits for an answer that never comes.  A list of people, so
** it needs CAP_CASELOAD_ADMIN, not just the aggregate reports' capability.
**
** One table, also the CSV: case_id, person_ref, last_name, first_name,
** round, stage, no_social_worker, no_case_manager (1 or 0),
** social_worker, case_manager (the inactive holder's name, or empty).
*/
#include "../domain/handover.h"
#include "../lib/i18n.h"
#include "report.h"

int report_caseload_gaps(Db *db, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {
      "case_id",          "person_ref",      "last_name",     "first_name",  "round", "stage",
      "no_social_worker", "no_case_manager", "social_worker", "case_manager"};
  const char *azLabel[] = {
      tr(q->iLang, "Case"),          tr(q->iLang, "Reference"),
      tr(q->iLang, "Surname"),       tr(q->iLang, "Name"),
      tr(q->iLang, "Round"),         tr(q->iLang, "Stage"),
      tr(q->iLang, "No social worker"), tr(q->iLang, "No case manager"),
      tr(q->iLang, "Social worker (inactive)"), tr(q->iLang, "Case manager (inactive)")};
  Orphan *aO;
  int n;
  int rc = handover_orphans(db, d->a, q->iAgency, &aO, &n);
  if (rc) return rc;
  RTable *t = rdoc_data(d, 10, azCode, azLabel);
  for (int i = 0; i < n; i++) {
    const Orphan *p = &aO[i];
    rt_int(t, p->iCase);
    rt_text(t, p->zPersonRef);
    rt_text(t, p->zLastName);
    rt_text(t, p->zFirstName);
    rt_text(t, p->zRoundCode);
    rt_text(t, stage_code(p->eStage));
    rt_int(t, p->bNoSocialWorker);
    rt_int(t, p->bNoCaseManager);
    rt_text(t, p->bNoSocialWorker ? p->zSocialWorker : NULL);
    rt_text(t, p->bNoCaseManager ? p->zCaseManager : NULL);
  }
  rt_note(t, tr(q->iLang, "Active cases without an active social worker or case manager: %d"),
          n);
  return 0;
}
