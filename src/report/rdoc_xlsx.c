/*
** rdoc_xlsx.c — a report (rdoc.h) as an Excel workbook, through
** libxlsxwriter: one sheet per view, then a sheet "data" with the tidy
** table, ready for a pivot table.
**
** A view's sheet: A1 the report's title, A2 the view's caption (and the
** report's subtitle after it), row 4 the column headers, the rows from
** row 5, the notes after one empty row.  The data sheet has the column
** codes in row 1 and nothing else but the rows, so that it pivots as is.
** Numbers are written as numbers (reals with the decimals they are
** shown with), never as text.
**
** libxlsxwriter writes to a file: we write a private temporary file
** (mkstemp in $TMPDIR or /tmp, removed at once) and read it back.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "rdoc.h"

typedef struct Formats {
  lxw_format *pBold, *pTitle, *aReal[4]; /* aReal[n]: n decimals */
} Formats;

static void formats_init(lxw_workbook *wb, Formats *f) {
  static const char *const azNum[4] = {"0", "0.0", "0.00", "0.000"};
  f->pBold = workbook_add_format(wb);
  format_set_bold(f->pBold);
  f->pTitle = workbook_add_format(wb);
  format_set_bold(f->pTitle);
  format_set_font_size(f->pTitle, 14);
  for (int i = 0; i < 4; i++) {
    f->aReal[i] = workbook_add_format(wb);
    format_set_num_format(f->aReal[i], azNum[i]);
  }
}

static void write_cell(lxw_worksheet *ws, int iRow, int iCol, const RCell *c, const Formats *f) {
  switch (c->e) {
    case RC_TEXT:
      worksheet_write_string(ws, (lxw_row_t)iRow, (lxw_col_t)iCol, c->z, NULL);
      break;
    case RC_INT:
      worksheet_write_number(ws, (lxw_row_t)iRow, (lxw_col_t)iCol, (double)c->i, NULL);
      break;
    case RC_REAL:
      worksheet_write_number(ws, (lxw_row_t)iRow, (lxw_col_t)iCol, c->r,
                             f->aReal[c->nDec < 0 ? 0 : c->nDec > 3 ? 3 : c->nDec]);
      break;
    default:
      break;
  }
}

/* The table's header at row iRow and its rows under it; returns the row
** after the last. */
static int write_table(lxw_worksheet *ws, const RTable *t, int iRow, const char *const *azHead,
                       const Formats *f) {
  for (int j = 0; j < t->nCol; j++) {
    worksheet_write_string(ws, (lxw_row_t)iRow, (lxw_col_t)j, azHead[j], f->pBold);
  }
  for (int i = 0; i < t->nRow; i++) {
    for (int j = 0; j < t->nCol; j++) write_cell(ws, iRow + 1 + i, j, rt_cell(t, i, j), f);
  }
  worksheet_set_column(ws, 0, 0, 28, NULL);
  if (t->nCol > 1) worksheet_set_column(ws, 1, (lxw_col_t)(t->nCol - 1), 14, NULL);
  return iRow + 1 + t->nRow;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\,
** unique in the workbook (a number is appended to a repeated name). */
static void sheet_name(const char *z, int iSheet, char zOut[32]) {
  int n = 0;
  for (; *z && n < 28; z++) zOut[n++] = strchr("[]:*?/\\", *z) ? '_' : *z;
  if (n == 0) n = snprintf(zOut, 32, "sheet");
  zOut[n] = 0;
  if (iSheet > 0) snprintf(zOut + n, (size_t)(32 - n), "%d", iSheet + 1);
}

static void write_view(lxw_workbook *wb, const RDoc *d, const RTable *t, int iSheet,
                       const Formats *f) {
  char zName[32];
  sheet_name(t->zName, 0, zName);
  if (workbook_get_worksheet_by_name(wb, zName)) sheet_name(t->zName, iSheet, zName);
  lxw_worksheet *ws = workbook_add_worksheet(wb, zName);
  worksheet_write_string(ws, 0, 0, d->zTitle, f->pTitle);
  worksheet_write_string(ws, 1, 0, t->zTitle, f->pBold);
  if (d->zSubtitle) worksheet_write_string(ws, 1, 1, d->zSubtitle, NULL);
  int iRow = write_table(ws, t, 3, t->azLabel, f) + 1;
  for (int k = 0; k < t->nNote; k++) {
    worksheet_write_string(ws, (lxw_row_t)(iRow + k), 0, t->azNote[k], NULL);
  }
}

static int read_file(const char *zPath, Buf *pOut) {
  FILE *in = fopen(zPath, "rb");
  if (!in) return -1;
  char z[65536];
  size_t n;
  while ((n = fread(z, 1, sizeof z, in)) > 0) buf_append(pOut, z, n);
  int rc = ferror(in) ? -1 : 0;
  fclose(in);
  return rc;
}

int rdoc_xlsx(const RDoc *d, Buf *pOut) {
  const char *zDir = getenv("TMPDIR");
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/ali-report-XXXXXX", zDir && *zDir ? zDir : "/tmp");
  int fd = mkstemp(zPath);
  if (fd < 0) {
    perror("ali: a temporary file for the workbook");
    return -1;
  }
  close(fd);
  lxw_workbook *wb = workbook_new(zPath);
  if (!wb) {
    unlink(zPath);
    return -1;
  }
  Formats f;
  formats_init(wb, &f);
  RTable *const *ap;
  int nView = rdoc_views(d, &ap);
  for (int k = 0; k < nView; k++) write_view(wb, d, ap[k], k, &f);
  if (d->pData && d->nView > 0) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "data");
    write_table(ws, d->pData, 0, d->pData->azCode, &f);
  }
  lxw_error e = workbook_close(wb);
  int rc = e == LXW_NO_ERROR ? read_file(zPath, pOut) : -1;
  if (e != LXW_NO_ERROR) fprintf(stderr, "ali: the workbook: %s\n", lxw_strerror(e));
  unlink(zPath);
  return rc;
}
