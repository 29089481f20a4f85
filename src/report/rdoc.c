/*
** rdoc.c — the report model (rdoc.h) and its text, CSV and JSON writers.
** XLSX is in rdoc_xlsx.c, PDF in rdoc_pdf.c, the web page in
** src/web/page_report.c.
**
** JSON shape (what `ali report NAME --format json` prints and
** GET /api/v1/reports/{name} answers):
**   {"report": "profile", "title": "...", "subtitle": "..." | null,
**    "columns": ["dimension", ...],          the data table's codes
**    "rows": [{"dimension": "gender", ...}], one object per data row
**    "tables": [{"name": "gender", "title": "...", "columns": [...],
**                "labels": [...], "rows": [[...], ...], "notes": [...]}]}
*/
#include "rdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../lib/i18n.h"
#include "../lib/jsonw.h"

void rdoc_init(RDoc *d, Arena *a, const char *zName, const char *zTitle) {
  memset(d, 0, sizeof *d);
  d->a = a;
  d->zName = arena_strdup(a, zName);
  d->zTitle = arena_strdup(a, zTitle);
}

void rdoc_subtitle(RDoc *d, const char *zFmt, ...) {
  char z[1024];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  d->zSubtitle = arena_strdup(d->a, z);
}

static const char **copy_strings(Arena *a, int n, const char *const *az) {
  const char **azOut = arena_alloc(a, sizeof(char *) * (size_t)(n > 0 ? n : 1));
  for (int i = 0; i < n; i++) azOut[i] = arena_strdup(a, az[i]);
  return azOut;
}

static RTable *table_new(Arena *a, const char *zName, const char *zTitle, int nCol,
                         const char *const *azCode, const char *const *azLabel) {
  RTable *t = arena_alloc(a, sizeof *t);
  t->a = a;
  t->zName = arena_strdup(a, zName);
  t->zTitle = arena_strdup(a, zTitle);
  t->nCol = nCol;
  t->azCode = copy_strings(a, nCol, azCode);
  t->azLabel = copy_strings(a, nCol, azLabel ? azLabel : azCode);
  t->iChartCol = -1;
  return t;
}

RTable *rdoc_data(RDoc *d, int nCol, const char *const *azCode, const char *const *azLabel) {
  d->pData = table_new(d->a, "data", "", nCol, azCode, azLabel);
  return d->pData;
}

RTable *rdoc_view(RDoc *d, const char *zName, const char *zTitle, int nCol,
                  const char *const *azCode, const char *const *azLabel) {
  RTable *t = table_new(d->a, zName, zTitle, nCol, azCode, azLabel);
  if (d->nView < RDOC_MAX_VIEW) d->apView[d->nView++] = t;
  return t;
}

int rdoc_views(const RDoc *d, RTable *const **papView) {
  if (d->nView > 0) {
    *papView = d->apView;
    return d->nView;
  }
  *papView = (RTable *const *)&d->pData;
  return d->pData ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

static RCell *cell_push(RTable *t) {
  if (t->nCell == t->nAlloc) {
    int nNew = t->nAlloc ? 2 * t->nAlloc : 8 * t->nCol;
    RCell *aNew = arena_alloc(t->a, sizeof(RCell) * (size_t)nNew);
    if (t->nCell) memcpy(aNew, t->aCell, sizeof(RCell) * (size_t)t->nCell);
    t->aCell = aNew; /* the old block stays in the arena until it is freed */
    t->nAlloc = nNew;
  }
  RCell *c = &t->aCell[t->nCell++];
  memset(c, 0, sizeof *c);
  t->nRow = t->nCell / t->nCol;
  return c;
}

void rt_text(RTable *t, const char *z) {
  RCell *c = cell_push(t);
  if (z) {
    c->e = RC_TEXT;
    c->z = arena_strdup(t->a, z);
  }
}

void rt_int(RTable *t, int64_t i) {
  RCell *c = cell_push(t);
  c->e = RC_INT;
  c->i = i;
}

void rt_real(RTable *t, double r, int nDec) {
  RCell *c = cell_push(t);
  c->e = RC_REAL;
  c->r = r;
  c->nDec = nDec;
}

void rt_null(RTable *t) {
  cell_push(t);
}

void rt_percent(RTable *t, int64_t n, int64_t nOf) {
  if (nOf > 0)
    rt_real(t, 100.0 * (double)n / (double)nOf, 1);
  else
    rt_null(t);
}

void rt_note(RTable *t, const char *zFmt, ...) {
  char z[1024];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  const char **azNew = arena_alloc(t->a, sizeof(char *) * (size_t)(t->nNote + 1));
  if (t->nNote) memcpy(azNew, t->azNote, sizeof(char *) * (size_t)t->nNote);
  azNew[t->nNote++] = arena_strdup(t->a, z);
  t->azNote = azNew;
}

void rt_chart(RTable *t, int iCol, int iLabel) {
  t->iChartCol = iCol;
  t->iChartLabel = iLabel;
}

const RCell *rt_cell(const RTable *t, int iRow, int iCol) {
  if (iRow < 0 || iRow >= t->nRow || iCol < 0 || iCol >= t->nCol) return NULL;
  return &t->aCell[iRow * t->nCol + iCol];
}

const char *rcell_str(Arena *a, const RCell *c) {
  if (!c) return "";
  switch (c->e) {
    case RC_TEXT:
      return c->z;
    case RC_INT:
      return arena_printf(a, "%lld", (long long)c->i);
    case RC_REAL:
      return arena_printf(a, "%.*f", c->nDec, c->r);
    default:
      return "";
  }
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

/* A field quoted when it holds a comma, quote or line break (RFC 4180). */
static void csv_field(Buf *p, const char *z) {
  if (!strpbrk(z, ",\"\r\n")) {
    buf_puts(p, z);
    return;
  }
  buf_putc(p, '"');
  for (; *z; z++) {
    if (*z == '"') buf_putc(p, '"');
    buf_putc(p, *z);
  }
  buf_putc(p, '"');
}

static void csv_table(Arena *a, const RTable *t, Buf *pOut) {
  for (int j = 0; j < t->nCol; j++) {
    if (j) buf_putc(pOut, ',');
    csv_field(pOut, t->azCode[j]);
  }
  buf_putc(pOut, '\n');
  for (int i = 0; i < t->nRow; i++) {
    for (int j = 0; j < t->nCol; j++) {
      if (j) buf_putc(pOut, ',');
      csv_field(pOut, rcell_str(a, rt_cell(t, i, j)));
    }
    buf_putc(pOut, '\n');
  }
}

void rdoc_csv(const RDoc *d, Buf *pOut) {
  Arena a = ARENA_INIT;
  RTable *const *ap;
  const RTable *t = d->pData;
  if (!t && rdoc_views(d, &ap) > 0) t = ap[0];
  if (t) csv_table(&a, t, pOut);
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

static void json_cell(JsonW *w, const RCell *c) {
  switch (c->e) {
    case RC_TEXT:
      jw_str(w, c->z);
      break;
    case RC_INT:
      jw_int(w, c->i);
      break;
    case RC_REAL:
      jw_real(w, c->r, c->nDec);
      break;
    default:
      jw_null(w);
  }
}

static void json_strings(JsonW *w, const char *zKey, int n, const char *const *az) {
  jw_key(w, zKey);
  jw_arr(w);
  for (int i = 0; i < n; i++) jw_str(w, az[i]);
  jw_arr_end(w);
}

static void json_view(JsonW *w, const RTable *t) {
  jw_obj(w);
  jw_kv_str(w, "name", t->zName);
  jw_kv_str(w, "title", t->zTitle);
  json_strings(w, "columns", t->nCol, t->azCode);
  json_strings(w, "labels", t->nCol, t->azLabel);
  jw_key(w, "rows");
  jw_arr(w);
  for (int i = 0; i < t->nRow; i++) {
    jw_arr(w);
    for (int j = 0; j < t->nCol; j++) json_cell(w, rt_cell(t, i, j));
    jw_arr_end(w);
  }
  jw_arr_end(w);
  json_strings(w, "notes", t->nNote, t->azNote);
  jw_obj_end(w);
}

void rdoc_json(const RDoc *d, Buf *pOut) {
  JsonW w;
  RTable *const *ap;
  int nView = rdoc_views(d, &ap);
  const RTable *t = d->pData ? d->pData : (nView ? ap[0] : NULL);
  jw_init(&w, pOut);
  jw_obj(&w);
  jw_kv_str(&w, "report", d->zName);
  jw_kv_str(&w, "title", d->zTitle);
  jw_kv_str(&w, "subtitle", d->zSubtitle);
  json_strings(&w, "columns", t ? t->nCol : 0, t ? t->azCode : NULL);
  jw_key(&w, "rows");
  jw_arr(&w);
  for (int i = 0; t && i < t->nRow; i++) {
    jw_obj(&w);
    for (int j = 0; j < t->nCol; j++) {
      jw_key(&w, t->azCode[j]);
      json_cell(&w, rt_cell(t, i, j));
    }
    jw_obj_end(&w);
  }
  jw_arr_end(&w);
  jw_key(&w, "tables");
  jw_arr(&w);
  for (int k = 0; k < d->nView; k++) json_view(&w, d->apView[k]);
  jw_arr_end(&w);
  jw_obj_end(&w);
  buf_putc(pOut, '\n');
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* Characters on screen: UTF-8 continuation bytes take no column. */
static int text_width(const char *z) {
  int n = 0;
  for (; *z; z++) n += ((unsigned char)*z & 0xC0) != 0x80;
  return n;
}

static void text_pad(Buf *p, int n) {
  while (n-- > 0) buf_putc(p, ' ');
}

static void text_table(Arena *a, const RTable *t, Buf *pOut) {
  int *aW = arena_alloc(a, sizeof(int) * (size_t)t->nCol);
  for (int j = 0; j < t->nCol; j++) {
    aW[j] = text_width(t->azLabel[j]);
    for (int i = 0; i < t->nRow; i++) {
      int w = text_width(rcell_str(a, rt_cell(t, i, j)));
      if (w > aW[j]) aW[j] = w;
    }
  }
  if (t->zTitle && *t->zTitle) buf_printf(pOut, "%s\n\n", t->zTitle);
  for (int i = -1; i < t->nRow; i++) {
    for (int j = 0; j < t->nCol; j++) {
      /* numbers, and the headers of columns of numbers, to the right */
      const RCell *c = rt_cell(t, i < 0 ? 0 : i, j);
      const char *z = i < 0 ? t->azLabel[j] : rcell_str(a, c);
      int bRight = c && (c->e == RC_INT || c->e == RC_REAL);
      int nPad = aW[j] - text_width(z);
      if (j) buf_puts(pOut, "  ");
      if (bRight) text_pad(pOut, nPad);
      buf_puts(pOut, z);
      if (!bRight && j < t->nCol - 1) text_pad(pOut, nPad);
    }
    buf_putc(pOut, '\n');
  }
  for (int k = 0; k < t->nNote; k++) buf_printf(pOut, "%s\n", t->azNote[k]);
}

void rdoc_text(const RDoc *d, Buf *pOut) {
  Arena a = ARENA_INIT;
  RTable *const *ap;
  int nView = rdoc_views(d, &ap);
  buf_printf(pOut, "%s\n", d->zTitle);
  if (d->zSubtitle) buf_printf(pOut, "%s\n", d->zSubtitle);
  for (int k = 0; k < nView; k++) {
    buf_putc(pOut, '\n');
    text_table(&a, ap[k], pOut);
  }
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

const char *report_missing(Arena *a, int iLang, int64_t n) {
  /* The chapter spells small counts out ("six missing values"). */
  static const char *const azIt[] = {"",    "un",   "due",  "tre",  "quattro", "cinque",
                                     "sei", "sette", "otto", "nove", "dieci"};
  static const char *const azEn[] = {"",    "one",   "two",   "three", "four", "five",
                                     "six", "seven", "eight", "nine",  "ten"};
  if (n <= 0) return NULL;
  if (iLang == LANG_IT) {
    if (n == 1) return "un valore mancante";
    if (n <= 10) return arena_printf(a, "%s valori mancanti", azIt[n]);
    return arena_printf(a, "%lld valori mancanti", (long long)n);
  }
  if (n == 1) return "one missing value";
  if (n <= 10) return arena_printf(a, "%s missing values", azEn[n]);
  return arena_printf(a, "%lld missing values", (long long)n);
}
