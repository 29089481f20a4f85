/*
** rdoc.h — a report as data, rendered the same way in every format.
**
** A report (RDoc) holds tables of typed cells (RTable).  One of them is
** the *data* table: long ("tidy"), one fact per row, with stable column
** codes — it is what CSV and the "rows" of JSON carry, so that a
** spreadsheet can pivot it.  The others are *views*: the tables a person
** reads (categories down, rounds across, as the reference chapter prints
** them), with a caption and notes under them ("one missing value").
** Text, XLSX, PDF and the web page render the views; XLSX adds the data
** table as its last sheet.  When a report has no views, its data table
** is also its only view.
**
**   RDoc d; rdoc_init(&d, &a, "profile", tr(iLang, "Participant profile"));
**   RTable *t = rdoc_data(&d, 5, azCode, azLabel);
**   rt_text(t, "gender"); rt_text(t, "F"); ... rt_int(t, 12); rt_real(t, 41.4, 1);
**   rdoc_csv(&d, &out);
**
** Cells are appended row by row: after a table's nCol-th cell the next
** one starts a new row.  Strings are copied into the report's arena, so
** callers may pass temporaries.  Numbers keep their type (XLSX writes
** them as numbers, JSON as numbers); a real carries the number of
** decimals it is shown with.  A NULL cell is empty in CSV and text,
** null in JSON, an empty cell in XLSX.
**
** Everything is allocated from the arena given to rdoc_init(): nothing
** to free but the arena.  No function fails on memory (the arena aborts);
** rdoc_xlsx() and rdoc_pdf() report a library error with -1.
*/
#ifndef ALI_RDOC_H
#define ALI_RDOC_H
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/buf.h"

typedef enum { RC_NULL, RC_TEXT, RC_INT, RC_REAL } RCellKind;

typedef struct RCell {
  RCellKind e;
  int nDec;      /* RC_REAL: decimals shown */
  int64_t i;     /* RC_INT */
  double r;      /* RC_REAL */
  const char *z; /* RC_TEXT */
} RCell;

typedef struct RTable {
  Arena *a;
  const char *zName;    /* code: the XLSX sheet, the JSON key ("gender") */
  const char *zTitle;   /* caption, translated ("Gender") */
  int nCol;
  const char **azCode;  /* column codes: CSV header, JSON keys */
  const char **azLabel; /* column headers, translated */
  int nRow;             /* complete rows so far */
  int nCell, nAlloc;    /* cells appended, room for */
  RCell *aCell;         /* row-major */
  int nNote;
  const char **azNote;  /* lines printed under the table */
  /* A bar chart beside the table on the web page: the bars' values come
  ** from column iChartCol (a number), their labels from iChartLabel.
  ** iChartCol < 0: no chart (the default). */
  int iChartCol, iChartLabel;
} RTable;

#define RDOC_MAX_VIEW 32

typedef struct RDoc {
  Arena *a;
  const char *zName;     /* the report's code ("profile") */
  const char *zTitle;    /* translated */
  const char *zSubtitle; /* what it covers: rounds, period, filters; or NULL */
  RTable *pData;         /* the tidy table (rdoc_data), or NULL */
  int nView;
  RTable *apView[RDOC_MAX_VIEW];
} RDoc;

void rdoc_init(RDoc *d, Arena *a, const char *zName, const char *zTitle);
void rdoc_subtitle(RDoc *d, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));

/* The data table: nCol columns with codes azCode and headers azLabel
** (azLabel NULL: the codes).  The arrays are copied. */
RTable *rdoc_data(RDoc *d, int nCol, const char *const *azCode, const char *const *azLabel);

/* A new view, after the others (at most RDOC_MAX_VIEW). */
RTable *rdoc_view(RDoc *d, const char *zName, const char *zTitle, int nCol,
                  const char *const *azCode, const char *const *azLabel);

/* Appending cells, in row order. */
void rt_text(RTable *t, const char *z); /* NULL: an empty cell */
void rt_int(RTable *t, int64_t i);
void rt_real(RTable *t, double r, int nDec);
void rt_null(RTable *t);
/* A percentage n/nOf*100 with one decimal, or an empty cell when nOf is 0. */
void rt_percent(RTable *t, int64_t n, int64_t nOf);
void rt_note(RTable *t, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
/* Draw column iCol as bars labelled by column iLabel on the web page. */
void rt_chart(RTable *t, int iCol, int iLabel);

/* The cell at (iRow, iCol), or NULL outside the table. */
const RCell *rt_cell(const RTable *t, int iRow, int iCol);
/* A cell as text: "12", "41.4", the string, "" for NULL (in arena a
** when it must be formatted). */
const char *rcell_str(Arena *a, const RCell *c);

/* The views to render: the views, or the data table when there are none.
** Returns their number and sets *papView. */
int rdoc_views(const RDoc *d, RTable *const **papView);

/* Missing values said the way the reference chapter says them, in
** language iLang: "one missing value", "six missing values", "12 missing
** values"; NULL when n is 0. */
const char *report_missing(Arena *a, int iLang, int64_t n);

/* Writers: each appends the whole document to pOut. */
void rdoc_csv(const RDoc *d, Buf *pOut);  /* the data table, RFC 4180, "\n" ends */
void rdoc_json(const RDoc *d, Buf *pOut); /* see rdoc.c for the shape */
void rdoc_text(const RDoc *d, Buf *pOut); /* the views, aligned, for a terminal */
int rdoc_xlsx(const RDoc *d, Buf *pOut);  /* the views, then the data: 0 or -1 */
/* An A4 PDF of the views, in language iLang, with zHeader (the agency's
** name) at the top of every page: 0 or -1. */
int rdoc_pdf(const RDoc *d, int iLang, const char *zHeader, Buf *pOut);

#endif
