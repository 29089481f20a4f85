/*
** statement_doc.h — the quarterly statement as documents
** (statement_doc.c): a PDF (pdf.h) with the cooperative, the stream,
** the quarter and its dates, the status, every line with its decision,
** the totals, the history of decisions and the signature lines; and an
** XLSX workbook (rdoc.h) with the lines (sheet "lines") and the summary
** (sheet "summary").  Lines name the participant by the agency's
** reference, never by name: the document travels between offices.
*/
#ifndef ALI_STATEMENT_DOC_H
#define ALI_STATEMENT_DOC_H
#include "../domain/statement.h"
#include "../lib/arena.h"
#include "../lib/buf.h"

/* The lines' column codes of the XLSX sheet "lines", in order. */
#define STATEMENT_XLSX_COLUMNS                                                                \
  "spent_on", "intervention_id", "person_ref", "service", "kind", "description", "hours",      \
      "hourly_rate", "amount", "decision", "reason"

/* Appends statement s with its nL lines aL and nD decisions aD as a PDF
** in language iLang (zAgency: the page header) to pOut.  0 or -1. */
int statement_pdf(const Statement *s, const Expense *aL, int nL, const StatementDecision *aD,
                  int nD, int iLang, const char *zAgency, Arena *a, Buf *pOut);

/* Appends the same as an XLSX workbook.  0 or -1. */
int statement_xlsx(const Statement *s, const Expense *aL, int nL, int iLang, Arena *a, Buf *pOut);

#endif
