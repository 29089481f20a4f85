/*
** form_pdf.c — the content of the two printable intake documents (see
** form.h): the Access and Evaluation Form and the Personalised Individual
** Project, written section by section into a DocSink, and the sink that
** draws them as PDF (pdf.h).  The print-friendly page (page_print.c)
** uses the same writers with an HTML sink, so the two always match.
**
** A case without a form or a project prints as a blank document: every
** value a dotted line, every checkbox empty, the score column "1 2 3 4"
** to circle, a few empty table rows -- the paper version of the form.
*/
#include <stdio.h>
#include <string.h>

#include "../domain/household.h"
#include "../lib/i18n.h"
#include "../lib/money.h"
#include "form.h"
#include "pdf.h"

/* What a writer carries: the sink, the arena, the language. */
typedef struct W {
  const DocSink *s;
  Arena *a;
  int iLang;
} W;

static void w_title(W *w, const char *z, const char *zSub) { w->s->xTitle(w->s->pArg, z, zSub); }
static void w_heading(W *w, const char *z) { w->s->xHeading(w->s->pArg, z); }
static void w_para(W *w, const char *z) { w->s->xParagraph(w->s->pArg, z); }
static void w_note(W *w, const char *z) { w->s->xNote(w->s->pArg, z); }
static void w_field(W *w, const char *zLabel, const char *zValue) {
  w->s->xField(w->s->pArg, zLabel, zValue && zValue[0] ? zValue : NULL);
}
static void w_date(W *w, const char *zLabel, const char *zIso) {
  w_field(w, zLabel, form_date(w->a, w->iLang, zIso));
}
static void w_table(W *w, int n, const char *const *azHead, const double *aW) {
  w->s->xTableBegin(w->s->pArg, n, azHead, aW);
}
static void w_row(W *w, const char *const *az) { w->s->xTableRow(w->s->pArg, az); }
static void w_table_end(W *w) { w->s->xTableEnd(w->s->pArg); }

/* Yes, No, or NULL (blank) for a flag that is -1 when unknown. */
static const char *yes_no(W *w, int b) {
  return b < 0 ? NULL : b ? tr(w->iLang, "Yes") : tr(w->iLang, "No");
}

/* ------------------------------------------------------------------ */
/* Labels of codes                                                     */
/* ------------------------------------------------------------------ */

/* Code, label pairs (msgids), NULL-terminated. */
static const char *const azReferral[] = {
    "addiction", N_("Addiction services"), "mental_health", N_("Mental-health services"), 0,
};
static const char *const azOutcome[] = {
    "continue",
    N_("Continues to the second interview"),
    "not_suitable",
    N_("Not suitable"),
    "withdrew",
    N_("Withdrew"),
    0,
};
/* The translated label of code z in az, z itself when unknown, NULL for NULL. */
static const char *label_of(W *w, const char *const *az, const char *z) {
  if (!z) return NULL;
  for (int i = 0; az[i]; i += 2) {
    if (strcmp(az[i], z) == 0) return tr(w->iLang, az[i + 1]);
  }
  return z;
}

static const char *catalogue_name(W *w, const CatalogueItem *p) {
  return w->iLang == LANG_IT ? p->zNameIt : p->zNameEn;
}

static const char *person_name(W *w, const Person *p) {
  return arena_printf(w->a, "%s %s", p->zFirstName ? p->zFirstName : "",
                      p->zLastName ? p->zLastName : "");
}

/* ------------------------------------------------------------------ */
/* Both documents                                                      */
/* ------------------------------------------------------------------ */

const char *form_access_title(int iLang) { return tr(iLang, "Access and Evaluation Form"); }
const char *form_project_title(int iLang) { return tr(iLang, "Personalised Individual Project"); }

/* "Round R1 · Agency name, printed on 31/12/2024". */
static const char *subtitle(W *w, const PrintCase *p) {
  return arena_printf(w->a, "%s · %s %s", p->zAgency ? p->zAgency : "", tr(w->iLang, "printed on"),
                      form_date(w->a, w->iLang, p->zToday));
}

static void write_participant(W *w, const PrintCase *p) {
  w_heading(w, tr(w->iLang, "Participant"));
  w_field(w, tr(w->iLang, "Name"), p->zParticipant);
  w_field(w, tr(w->iLang, "Codice fiscale"), p->zCodiceFiscale);
  w_date(w, tr(w->iLang, "Birth date"), p->zBirthDate);
  w_field(w, tr(w->iLang, "Round"), p->c.zRoundCode);
  w_field(w, tr(w->iLang, "Funding stream"), p->c.zStreamCode);
  w_date(w, tr(w->iLang, "Shortlisted on"), p->c.zShortlistedOn);
}

/* ------------------------------------------------------------------ */
/* The Access and Evaluation Form                                      */
/* ------------------------------------------------------------------ */

static void write_interview(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "First interview"));
  w_date(w, tr(w->iLang, "Interview date"), f->zInterviewOn);
  w_field(w, tr(w->iLang, "Social worker"), p->base.c.zSocialWorker);
  w_field(w, tr(w->iLang, "Psychotherapist"), p->base.c.zPsychotherapist);
  w_field(w, tr(w->iLang, "Privacy notice given"), yes_no(w, p->bForm ? f->bPrivacyNotice : -1));
  w_date(w, tr(w->iLang, "Privacy notice signed on"), f->zPrivacySignedOn);
}

static void write_household(W *w, const AccessPrint *p) {
  w_heading(w, tr(w->iLang, "Household"));
  const char *azHead[] = {tr(w->iLang, "Name"), tr(w->iLang, "Relationship"),
                          tr(w->iLang, "Birth date")};
  const double aW[] = {3, 2, 1.4};
  w_table(w, 3, azHead, aW);
  for (int i = 0; i < p->nMember; i++) {
    const Person *m = &p->aMember[i];
    const char *az[] = {person_name(w, m), label_of(w, person_azRelationship, m->zRelationship),
                        form_date(w->a, w->iLang, m->zBirthDate)};
    w_row(w, az);
  }
  w_table_end(w);
}

static void write_health(W *w, const AccessPrint *p) {
  if (!p->bHealth) return;
  w_heading(w, tr(w->iLang, "Psycho-physical health"));
  w_note(w, tr(w->iLang,
               "Special-category data: shown only to those whose work on this case needs it; "
               "every reading is recorded."));
  if (p->zHealth)
    w_para(w, p->zHealth);
  else
    w_field(w, tr(w->iLang, "Psycho-physical health"), NULL);
}

static int has_code(const char *const *az, int n, const char *z) {
  for (int i = 0; i < n; i++) {
    if (az[i] && strcmp(az[i], z) == 0) return 1;
  }
  return 0;
}

static void write_vulnerabilities(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "Vulnerabilities"));
  for (int i = 0; i < p->nVuln; i++) {
    w->s->xCheckbox(w->s->pArg, catalogue_name(w, &p->aVuln[i]),
                    has_code(f->azVulnerability, f->nVulnerability, p->aVuln[i].zCode));
  }
  if (f->zVulnerabilityOther || !p->bForm)
    w_field(w, tr(w->iLang, "Other (what)"), f->zVulnerabilityOther);
}

/* The score cell: "2 – partial obstacle", or "1 2 3 4" to circle. */
static const char *score_cell(W *w, int iScore, int bBlank) {
  if (bBlank) return "1    2    3    4";
  if (iScore < 1 || iScore > 4) return "—";
  return arena_printf(w->a, "%d – %s", iScore, tr(w->iLang, intake_score_label(iScore)));
}

static void write_scores(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "Employability assessment"));
  w_note(w, tr(w->iLang,
               "Each area is scored from 1 (a serious obstacle to work) to 4 (a strength), with "
               "what the score rests on."));
  const char *azHead[] = {tr(w->iLang, "Area"), tr(w->iLang, "Score"),
                          tr(w->iLang, "What the score rests on")};
  const double aW[] = {2.2, 1.6, 3.6};
  w_table(w, 3, azHead, aW);
  for (int i = 0; i < p->nArea; i++) {
    const AreaScore *s = 0;
    for (int k = 0; k < f->nScore; k++) {
      if (f->aScore[k].zArea && strcmp(f->aScore[k].zArea, p->aArea[i].zCode) == 0)
        s = &f->aScore[k];
    }
    const char *az[] = {catalogue_name(w, &p->aArea[i]),
                        score_cell(w, s ? s->iScore : 0, !p->bForm), s ? s->zDescriptor : NULL};
    w_row(w, az);
  }
  w_table_end(w);
}

static void write_texts(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "Work experience, skills and aspirations"));
  w_field(w, tr(w->iLang, "Past work experience"), f->zPastWork);
  w_field(w, tr(w->iLang, "Skills"), f->zSkills);
  w_field(w, tr(w->iLang, "Possible difficulties at work"), f->zWorkDifficulties);
  w_field(w, tr(w->iLang, "Interests and aspirations"), f->zAspirations);
}

static void write_status(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "Education and labour-market status at entry"));
  const char *zIsced = NULL;
  if (p->bForm && f->iEducationIsced >= 0 && f->iEducationIsced <= 8) {
    zIsced = arena_printf(w->a, "ISCED %d – %s", f->iEducationIsced,
                          tr(w->iLang, intake_isced_label(f->iEducationIsced)));
  }
  w_field(w, tr(w->iLang, "Education level"), zIsced);
  const char *zLabour = (f->zLabourStatus ? tr(w->iLang, intake_labour_label(f->zLabourStatus)) : NULL);
  if (zLabour && f->zLabourStatus && strcmp(f->zLabourStatus, "unemployed") == 0 &&
      f->iUnemployedMonths >= 0) {
    zLabour =
        arena_printf(w->a, "%s (%s: %d)", zLabour, tr(w->iLang, "months"), f->iUnemployedMonths);
  }
  w_field(w, tr(w->iLang, "Labour-market status"), zLabour);
}

static void write_services(W *w, const AccessPrint *p) {
  w_heading(w, tr(w->iLang, "Interventions that could be activated"));
  if (!p->bForm) {
    w_field(w, tr(w->iLang, "Services"), NULL);
    return;
  }
  if (p->form.nService == 0) {
    w_note(w, tr(w->iLang, "None indicated."));
    return;
  }
  Buf b = BUF_INIT;
  for (int i = 0; i < p->form.nService; i++) {
    buf_printf(&b, "%s%s", i ? "\n" : "", p->azService[i] ? p->azService[i] : "");
  }
  w_para(w, buf_str(&b));
  buf_free(&b);
}

static void write_screening(W *w, const AccessPrint *p) {
  const AccessForm *f = &p->form;
  w_heading(w, tr(w->iLang, "Suitability screening"));
  w_field(w, tr(w->iLang, "Suggested by the rules"), label_of(w, intake_azScreening, f->zScreening));
  if (f->zScreeningReason) w_field(w, tr(w->iLang, "Why"), f->zScreeningReason);
  if (f->zReferralKind)
    w_field(w, tr(w->iLang, "Refer to"), label_of(w, azReferral, f->zReferralKind));
  w_field(w, tr(w->iLang, "The social worker's decision"), label_of(w, intake_azScreening, f->zDecision));
  if (f->zOverrideReason || !p->bForm)
    w_field(w, tr(w->iLang, "Reason for departing from the rules"), f->zOverrideReason);
  w_field(w, tr(w->iLang, "Outcome of the interview"), label_of(w, azOutcome, f->zOutcome));
  w_date(w, tr(w->iLang, "Outcome recorded on"), f->zOutcomeOn);
}

static void write_signatures(W *w, const PrintCase *p, int bCaseManager) {
  const char *azWho[3] = {tr(w->iLang, "Participant's signature"),
                          tr(w->iLang, "The social worker"), tr(w->iLang, "The case manager")};
  const char *azName[3] = {p->zParticipant, p->c.zSocialWorker, p->c.zCaseManager};
  w->s->xSignatures(w->s->pArg, tr(w->iLang, "Place and date"), bCaseManager ? 3 : 2, azWho,
                    azName);
}

void form_access_write(const AccessPrint *p, Arena *a, const DocSink *pSink) {
  W ww = {pSink, a, p->base.iLang}, *w = &ww;
  w_title(w, form_access_title(w->iLang), subtitle(w, &p->base));
  if (!p->bForm)
    w_note(w, tr(w->iLang, "No form has been recorded for this case yet: fill it in by hand."));
  write_participant(w, &p->base);
  write_interview(w, p);
  write_household(w, p);
  write_health(w, p);
  write_vulnerabilities(w, p);
  write_scores(w, p);
  write_texts(w, p);
  write_status(w, p);
  write_services(w, p);
  write_screening(w, p);
  write_signatures(w, &p->base, 0);
}

/* ------------------------------------------------------------------ */
/* The Personalised Individual Project                                 */
/* ------------------------------------------------------------------ */

static const char *project_state(W *w, const ProjectPrint *p) {
  const Project *j = &p->project;
  if (!p->bProject) return tr(w->iLang, "Not drafted yet");
  if (j->iVersion <= 0) return tr(w->iLang, "Draft, not yet agreed");
  return arena_printf(w->a, "%s %d, %s %s", tr(w->iLang, "Version"), j->iVersion,
                      tr(w->iLang, "agreed on"), form_date(w->a, w->iLang, j->zAgreedOn));
}

static void write_team(W *w, const ProjectPrint *p) {
  const Case *c = &p->base.c;
  w_heading(w, tr(w->iLang, "Who follows the path"));
  w_field(w, tr(w->iLang, "Social worker"), c->zSocialWorker);
  w_field(w, tr(w->iLang, "Cooperative"), c->zOrganisation);
  w_field(w, tr(w->iLang, "Case manager"), c->zCaseManager);
  w_date(w, tr(w->iLang, "Second interview (first meeting)"), c->zSecondInterviewOn);
  w_field(w, tr(w->iLang, "State of the project"), project_state(w, p));
}

static void write_objectives(W *w, const ProjectPrint *p) {
  w_heading(w, tr(w->iLang, "Objectives"));
  const char *azHead[] = {tr(w->iLang, "For"), tr(w->iLang, "Objective"),
                          tr(w->iLang, "Indicator of achievement"), tr(w->iLang, "Target date")};
  const double aW[] = {1.5, 3, 2.5, 1.2};
  w_table(w, 4, azHead, aW);
  const Project *j = &p->project;
  for (int i = 0; i < j->nObjective; i++) {
    const Objective *o = &j->aObjective[i];
    const char *az[] = {o->zPersonName, o->zText, o->zIndicator,
                        form_date(w->a, w->iLang, o->zTargetOn)};
    w_row(w, az);
  }
  for (int i = j->nObjective; i < 3 && !p->bProject; i++) w_row(w, (const char *[4]){0});
  w_table_end(w);
}

/* "40 h · 12 sessions", or NULL when neither is known. */
static const char *iv_amount(W *w, const Intervention *v) {
  if (v->iPlannedHours < 0 && v->iPlannedSessions < 0) return NULL;
  const char *zH = arena_printf(
      w->a, trn(w->iLang, "%d hour", "%d hours", v->iPlannedHours), v->iPlannedHours);
  const char *zS = arena_printf(
      w->a, trn(w->iLang, "%d session", "%d sessions", v->iPlannedSessions), v->iPlannedSessions);
  if (v->iPlannedSessions < 0) return zH;
  if (v->iPlannedHours < 0) return zS;
  return arena_printf(w->a, "%s, %s", zH, zS);
}

static const char *euros(W *w, int64_t iCents) {
  if (iCents < 0) return NULL;
  char z[32];
  money_format(iCents, w->iLang == LANG_IT, z, sizeof z);
  return arena_strdup(w->a, z);
}

/* One intervention as a table row (6 cells into az). */
static void iv_cells(W *w, const Intervention *v, const char **az) {
  az[0] = v->zServiceName ? v->zServiceName : v->zServiceCode;
  az[1] = v->zPersonName;
  az[2] = v->zOrganisation && v->zOperator
              ? arena_printf(w->a, "%s\n%s", v->zOrganisation, v->zOperator)
          : v->zOrganisation ? v->zOrganisation
                             : v->zOperator;
  const char *zFrom = form_date(w->a, w->iLang, v->zPlannedStart);
  const char *zTo = form_date(w->a, w->iLang, v->zPlannedEnd);
  az[3] =
      zFrom || zTo ? arena_printf(w->a, "%s\n– %s", zFrom ? zFrom : "…", zTo ? zTo : "…") : NULL;
  az[4] = iv_amount(w, v);
  az[5] = euros(w, v->iEstimatedCostCents);
}

static void write_interventions(W *w, const ProjectPrint *p) {
  w_heading(w, tr(w->iLang, "Interventions"));
  const char *azHead[] = {tr(w->iLang, "Service"),
                          tr(w->iLang, "For"),
                          tr(w->iLang, "Provider and operator"),
                          tr(w->iLang, "Planned dates"),
                          tr(w->iLang, "Hours / sessions"),
                          tr(w->iLang, "Estimated cost")};
  const double aW[] = {2, 1.6, 2, 1.5, 1.5, 1.4};
  w_table(w, 6, azHead, aW);
  const Project *j = &p->project;
  int64_t iTotal = 0;
  for (int i = 0; i < j->nIntervention; i++) {
    const char *az[6];
    iv_cells(w, &j->aIntervention[i], az);
    w_row(w, az);
    if (j->aIntervention[i].iEstimatedCostCents > 0)
      iTotal += j->aIntervention[i].iEstimatedCostCents;
  }
  for (int i = j->nIntervention; i < 3 && !p->bProject; i++) w_row(w, (const char *[6]){0});
  w_table_end(w);
  if (p->bProject) w_field(w, tr(w->iLang, "Total estimated cost"), euros(w, iTotal));
}

static void write_agreement(W *w, const ProjectPrint *p) {
  const Project *j = &p->project;
  w_heading(w, tr(w->iLang, "Commitments of the participant"));
  if (j->zCommitments && j->zCommitments[0])
    w_para(w, j->zCommitments);
  else
    w_field(w, tr(w->iLang, "Commitments"), NULL);
  w_heading(w, tr(w->iLang, "Agreement"));
  w_date(w, tr(w->iLang, "Agreed on"), j->zAgreedOn);
  w_field(w, tr(w->iLang, "Version"),
          j->iVersion > 0 ? arena_printf(w->a, "%d", j->iVersion) : NULL);
}

void form_project_write(const ProjectPrint *p, Arena *a, const DocSink *pSink) {
  W ww = {pSink, a, p->base.iLang}, *w = &ww;
  w_title(w, form_project_title(w->iLang), subtitle(w, &p->base));
  if (!p->bProject)
    w_note(w, tr(w->iLang, "No project has been drafted for this case yet: fill it in by hand."));
  write_participant(w, &p->base);
  write_team(w, p);
  write_objectives(w, p);
  write_interventions(w, p);
  write_agreement(w, p);
  write_signatures(w, &p->base, 1);
}

/* ------------------------------------------------------------------ */
/* The PDF sink                                                        */
/* ------------------------------------------------------------------ */

static void pdf_x_title(void *p, const char *z, const char *zSub) { pdf_title(p, z, zSub); }
static void pdf_x_heading(void *p, const char *z) { pdf_heading(p, z); }
static void pdf_x_para(void *p, const char *z) { pdf_paragraph(p, z); }
static void pdf_x_note(void *p, const char *z) { pdf_note(p, z); }
static void pdf_x_field(void *p, const char *zLabel, const char *zValue) {
  pdf_field(p, zLabel, zValue);
}
static void pdf_x_table(void *p, int n, const char *const *azHead, const double *aW) {
  pdf_table_begin(p, n, azHead, aW);
}
static void pdf_x_row(void *p, const char *const *az) { pdf_table_row(p, az); }
static void pdf_x_table_end(void *p) { pdf_table_end(p); }
static void pdf_x_check(void *p, const char *z, int b) { pdf_checkbox(p, z, b); }
static void pdf_x_sign(void *p, const char *zPlace, int n, const char *const *azWho,
                       const char *const *azName) {
  pdf_signatures(p, zPlace, n, azWho, azName);
}

static DocSink pdf_sink(Pdf *pDoc) {
  DocSink s = {pDoc,        pdf_x_title, pdf_x_heading,   pdf_x_para,  pdf_x_note, pdf_x_field,
               pdf_x_table, pdf_x_row,   pdf_x_table_end, pdf_x_check, pdf_x_sign};
  return s;
}

/* "Title – First Last": the PDF's title and every page's header. */
static const char *doc_title(Arena *a, const char *zTitle, const PrintCase *p) {
  return arena_printf(a, "%s – %s", zTitle, p->zParticipant ? p->zParticipant : "");
}

int form_access_pdf(const AccessPrint *p, Arena *a, Buf *pOut) {
  Pdf *pDoc = pdf_new(p->base.iLang, doc_title(a, form_access_title(p->base.iLang), &p->base),
                      p->base.zAgency);
  DocSink s = pdf_sink(pDoc);
  form_access_write(p, a, &s);
  return pdf_finish(pDoc, pOut, NULL);
}

int form_project_pdf(const ProjectPrint *p, Arena *a, Buf *pOut) {
  Pdf *pDoc = pdf_new(p->base.iLang, doc_title(a, form_project_title(p->base.iLang), &p->base),
                      p->base.zAgency);
  DocSink s = pdf_sink(pDoc);
  form_project_write(p, a, &s);
  return pdf_finish(pDoc, pOut, NULL);
}
