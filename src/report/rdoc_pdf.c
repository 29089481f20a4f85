/*
** rdoc_pdf.c — a report (rdoc.h) as an A4 PDF through pdf.h: the title,
** the subtitle, then each view as a heading, a table and its notes.
** A view wider than pdf.h's PDF_MAX_COL columns is printed in slices,
** each repeating the first column (the categories), so that no number
** is lost on paper.
*/
#include "../lib/i18n.h"
#include "pdf.h"
#include "rdoc.h"

/* Columns iFrom..iFrom+nCol-1 of t after its first column. */
static void pdf_slice(Pdf *p, Arena *a, const RTable *t, int iFrom, int nCol) {
  const char *azHead[PDF_MAX_COL];
  const char *azCell[PDF_MAX_COL];
  double aW[PDF_MAX_COL];
  azHead[0] = t->azLabel[0];
  aW[0] = 3;
  for (int j = 0; j < nCol; j++) {
    azHead[1 + j] = t->azLabel[iFrom + j];
    aW[1 + j] = 1.4;
  }
  pdf_table_begin(p, 1 + nCol, azHead, aW);
  for (int i = 0; i < t->nRow; i++) {
    azCell[0] = rcell_str(a, rt_cell(t, i, 0));
    for (int j = 0; j < nCol; j++) azCell[1 + j] = rcell_str(a, rt_cell(t, i, iFrom + j));
    pdf_table_row(p, azCell);
  }
  pdf_table_end(p);
}

static void pdf_view(Pdf *p, Arena *a, const RTable *t) {
  if (t->zTitle && *t->zTitle) pdf_heading(p, t->zTitle);
  if (t->nCol == 1) {
    const char *az[1] = {t->azLabel[0]};
    const double aW[1] = {1};
    pdf_table_begin(p, 1, az, aW);
    for (int i = 0; i < t->nRow; i++) {
      az[0] = rcell_str(a, rt_cell(t, i, 0));
      pdf_table_row(p, az);
    }
    pdf_table_end(p);
  }
  for (int j = 1; j < t->nCol; j += PDF_MAX_COL - 1) {
    int n = t->nCol - j < PDF_MAX_COL - 1 ? t->nCol - j : PDF_MAX_COL - 1;
    pdf_slice(p, a, t, j, n);
  }
  for (int k = 0; k < t->nNote; k++) pdf_note(p, t->azNote[k]);
  pdf_space(p, 4);
}

int rdoc_pdf(const RDoc *d, int iLang, const char *zHeader, Buf *pOut) {
  Arena a = ARENA_INIT;
  Pdf *p = pdf_new(iLang, d->zTitle, zHeader);
  RTable *const *ap;
  int nView = rdoc_views(d, &ap);
  pdf_title(p, d->zTitle, d->zSubtitle);
  for (int k = 0; k < nView; k++) pdf_view(p, &a, ap[k]);
  if (nView == 0) pdf_note(p, tr(iLang, "Nothing to report."));
  int rc = pdf_finish(p, pOut, NULL);
  arena_free(&a);
  return rc;
}
