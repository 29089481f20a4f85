/*
** evaluation_pdf.c — the conclusive evaluation as a PDF (see
** evaluation_pdf.h).  Labels of codes come from closing.h and intake.h,
** so the PDF, the page and the reports name them alike.
*/
#include "evaluation_pdf.h"

#include <string.h>

#include "../lib/i18n.h"
#include "pdf.h"

/* The translated label of zCode in az, or the code as it is. */
static const char *ev_label(int iLang, const char *const *az, const char *zCode) {
  const char *z = closing_label(az, zCode);
  return z ? tr(iLang, z) : zCode;
}

static void ev_head(Pdf *p, const Case *c, const Evaluation *v, int iLang, Arena *a) {
  const char *zName = arena_printf(a, "%s %s", c->zLastName, c->zFirstName);
  pdf_title(p, tr(iLang, "Conclusive evaluation"),
            arena_printf(a, tr(iLang, "%s, round %s"), zName, c->zRoundCode));
  pdf_field(p, tr(iLang, "Participant"), zName);
  pdf_field(p, tr(iLang, "Round"), c->zRoundCode);
  pdf_field(p, tr(iLang, "Cooperative"), c->zOrganisation);
  pdf_field(p, tr(iLang, "Case manager"), c->zCaseManager);
  pdf_field(p, tr(iLang, "Project agreed on"), tr_date(a, iLang, c->zAgreedOn));
  pdf_field(p, tr(iLang, "Date of the evaluation"), tr_date(a, iLang, v->zWrittenOn));
  pdf_field(p, tr(iLang, "Written by"), v->zAuthor);
}

static void ev_objectives(Pdf *p, const Evaluation *v, int iLang) {
  pdf_heading(p, tr(iLang, "Objectives"));
  if (!v->nResult) {
    pdf_note(p, tr(iLang, "The project has no objectives."));
    return;
  }
  const char *azHead[] = {tr(iLang, "Objective"), tr(iLang, "For"), tr(iLang, "Result"),
                          tr(iLang, "Note")};
  static const double aW[] = {4, 2, 2, 3};
  pdf_table_begin(p, 4, azHead, aW);
  for (int i = 0; i < v->nResult; i++) {
    const ObjectiveResult *o = &v->aResult[i];
    const char *az[] = {o->zObjective, o->zPerson, ev_label(iLang, closing_azResult, o->zResult),
                        o->zNote};
    pdf_table_row(p, az);
  }
  pdf_table_end(p);
}

/* A text section: heading and paragraph, or a note when empty. */
static void ev_text(Pdf *p, int iLang, const char *zHeading, const char *zText) {
  pdf_heading(p, tr(iLang, zHeading));
  if (zText && zText[0])
    pdf_paragraph(p, zText);
  else
    pdf_note(p, tr(iLang, "Nothing recorded."));
}

static void ev_outcome(Pdf *p, const Evaluation *v, int iLang, Arena *a) {
  pdf_heading(p, tr(iLang, "Outcome"));
  pdf_field(p, tr(iLang, "Outcome"), ev_label(iLang, closing_azOutcome, v->zOutcome));
  pdf_field(p, tr(iLang, "Date of the outcome"), tr_date(a, iLang, v->zOutcomeOn));
  if (v->zContractType)
    pdf_field(p, tr(iLang, "Contract type"), ev_label(iLang, closing_azContract, v->zContractType));
  if (v->zInterruptionReason)
    pdf_field(p, tr(iLang, "Reason for the interruption"),
              ev_label(iLang, closing_azInterruption, v->zInterruptionReason));
  if (v->zWithdrawalReason) {
    int i = withdrawal_reason_find(v->zWithdrawalReason);
    pdf_field(p, tr(iLang, "Reason for withdrawing"),
              i >= 0 ? tr(iLang, withdrawal_reason_label(i)) : v->zWithdrawalReason);
  }
  if (v->zNote && v->zNote[0]) pdf_field(p, tr(iLang, "Note"), v->zNote);
}

int evaluation_pdf(const Case *c, const Evaluation *v, int iLang, const char *zAgency, Arena *a,
                   Buf *pOut) {
  Pdf *p = pdf_new(iLang, tr(iLang, "Conclusive evaluation"), zAgency);
  ev_head(p, c, v, iLang, a);
  ev_objectives(p, v, iLang);
  ev_text(p, iLang, N_("Skills acquired"), v->zSkills);
  ev_text(p, iLang, N_("Critical issues"), v->zIssues);
  ev_text(p, iLang, N_("Resources activated"), v->zResources);
  ev_outcome(p, v, iLang, a);
  const char *azWho[] = {tr(iLang, "The case manager"), tr(iLang, "The participant")};
  const char *azName[] = {v->zAuthor, arena_printf(a, "%s %s", c->zFirstName, c->zLastName)};
  pdf_space(p, 6);
  pdf_signatures(p, tr(iLang, "Place and date"), 2, azWho, azName);
  return pdf_finish(p, pOut, NULL);
}
