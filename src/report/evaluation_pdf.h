/*
** evaluation_pdf.h — the conclusive evaluation of a path as a PDF
** (evaluation_pdf.c, drawn with pdf.h): the participant and the path,
** each objective with its result, skills acquired, critical issues,
** resources activated, the outcome with its conditional fields, and the
** signatures of the case manager and the participant.
*/
#ifndef ALI_EVALUATION_PDF_H
#define ALI_EVALUATION_PDF_H
#include "../domain/closing.h"
#include "../domain/intake.h"
#include "../lib/arena.h"
#include "../lib/buf.h"

/* Draws the evaluation v of case c in language iLang (zAgency: the page
** header) and appends the PDF to pOut.  0, or -1 when cairo failed. */
int evaluation_pdf(const Case *c, const Evaluation *v, int iLang, const char *zAgency, Arena *a,
                   Buf *pOut);

#endif
