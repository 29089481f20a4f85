/*
** form.h — the two printable documents of intake: the Access and
** Evaluation Form (first interview) and the Personalised Individual
** Project (second interview), as PDF (pdf.h) and, through the same
** content writer, as the print-friendly HTML page (src/web/page_print.c).
**
** Three steps, so that the PDF and the page cannot drift apart:
**   1. a loader (form_data.c) reads everything a document shows into an
**      AccessPrint or ProjectPrint, in the request's language, keeping
**      only what the caller's relation to the participant may see;
**   2. a writer (form_pdf.c) turns it into calls on a DocSink — title,
**      headings, label-value rows, tables, checkboxes, signature lines —
**      with every label translated;
**   3. a sink draws them: form_pdf.c's onto a pdf.h document, the page's
**      into escaped HTML.
** Nothing here audits: the HTTP handler records the export and, when
** bHealth is set, the reading of the special-category field.
*/
#ifndef ALI_FORM_H
#define ALI_FORM_H
#include <stdint.h>

#include "../db/db.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/policy.h"
#include "../domain/project.h"
#include "../lib/arena.h"
#include "../lib/buf.h"

/* What both documents share: the agency, the case, the participant. */
typedef struct PrintCase {
  int iLang;                  /* LANG_IT or LANG_EN */
  const char *zAgency;        /* the agency's name */
  Case c;                     /* the case (intake_case_get) */
  const char *zParticipant;   /* "First Last" */
  const char *zCodiceFiscale; /* NULL when unknown or not visible */
  const char *zBirthDate;     /* NULL when unknown or not visible */
  const char *zToday;         /* the date printed, "YYYY-MM-DD" */
} PrintCase;

typedef struct AccessPrint {
  PrintCase base;
  int bForm;            /* a form has been saved (else a blank form) */
  AccessForm form;      /* when bForm */
  CatalogueItem *aVuln; /* the vulnerability catalogue, form order */
  int nVuln;
  CatalogueItem *aArea; /* the employability areas, form order */
  int nArea;
  const char **azService; /* names of form.azService, in iLang */
  Person *aMember;        /* the household as it is now (visible members) */
  int nMember;
  int bHealth;         /* the caller may read health: zHealth was read */
  const char *zHealth; /* psycho-physical health; NULL: nothing recorded */
} AccessPrint;

typedef struct ProjectPrint {
  PrintCase base;
  int bProject;    /* a project exists (else a blank project) */
  Project project; /* when bProject (project_get, names in iLang) */
} ProjectPrint;

/*
** The loaders: read what the document of case *pCase shows, for a caller
** related to the participant by eRel (who must be allowed to read the
** case: intake_can_read), strings in a.  The codice fiscale and birth
** date only when access_sees() allows them; health only when
** policy_sensitive_visible(eRel, SENS_HEALTH) (then bHealth is 1 and the
** caller must audit the reading).  A case without a form or a project
** loads as a blank document to fill in by hand.  0 or a db.h code.
*/
int form_access_load(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel, int iLang,
                     AccessPrint *p);
int form_project_load(Db *db, Arena *a, int64_t iAgency, const Case *pCase, Relation eRel,
                      int iLang, ProjectPrint *p);

/* A date "YYYY-MM-DD" as language iLang writes it ("31/12/2024" in
** Italian); NULL stays NULL, anything else comes back as it is. */
const char *form_date(Arena *a, int iLang, const char *zIso);

/* Where a document is drawn.  Strings are UTF-8 text (never markup),
** already translated; NULL values mean "nothing recorded" and draw a line
** to fill in by hand.  See pdf.h for what each call means. */
typedef struct DocSink {
  void *pArg;
  void (*xTitle)(void *pArg, const char *zTitle, const char *zSub);
  void (*xHeading)(void *pArg, const char *zText);
  void (*xParagraph)(void *pArg, const char *zText);
  void (*xNote)(void *pArg, const char *zText);
  void (*xField)(void *pArg, const char *zLabel, const char *zValue);
  void (*xTableBegin)(void *pArg, int nCol, const char *const *azHead, const double *aWidth);
  void (*xTableRow)(void *pArg, const char *const *azCell);
  void (*xTableEnd)(void *pArg);
  void (*xCheckbox)(void *pArg, const char *zLabel, int bChecked);
  void (*xSignatures)(void *pArg, const char *zPlaceDate, int n, const char *const *azWho,
                      const char *const *azName);
} DocSink;

/* The documents' titles (translated), for the PDF metadata and pages. */
const char *form_access_title(int iLang);
const char *form_project_title(int iLang);

/* Write the document into a sink.  a holds the strings made on the way. */
void form_access_write(const AccessPrint *p, Arena *a, const DocSink *pSink);
void form_project_write(const ProjectPrint *p, Arena *a, const DocSink *pSink);

/* The documents as PDF, appended to pOut.  0, or -1 when cairo failed
** (reported on stderr). */
int form_access_pdf(const AccessPrint *p, Arena *a, Buf *pOut);
int form_project_pdf(const ProjectPrint *p, Arena *a, Buf *pOut);

#endif
