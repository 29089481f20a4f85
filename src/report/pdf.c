/*
** pdf.c — the document writer of pdf.h: a list of blocks, laid out on A4
** pages by pango and drawn by cairo's PDF surface.
**
** Layout works on lines: every text becomes a PangoLayout of a given
** width, and a Lines table holds each of its lines' top, height and
** baseline, so that a text can be drawn a part at a time and a page can
** break between any two of its lines.  pdf_finish() lays the blocks out
** twice with the same fonts and widths (so the same page breaks): the
** first time into a PDF surface whose bytes are dropped, to count the
** pages; the second into pOut, with "Page N of M" in every footer.
**
** Ownership: a rendering creates its own pango font map, context, font
** descriptions, surface and cairo context and releases all of them
** before pdf_finish() returns.  Fontconfig's process-wide configuration
** (its list of fonts, loaded on first use) stays for the life of the
** process, as it is meant to; it is reachable, so LeakSanitizer does not
** count it.  One thing is not: fontconfig 2.14 loses 288 bytes, once per
** process, while it parses the system's configuration (inside
** FcInitLoadConfigAndFonts, called from pango's font-map set-up thread;
** measured: the same 288 bytes after 1 or 40 renderings on 1 or 4
** threads, and a bare FcInit()+FcFini() loses them too).  The sanitized
** builds therefore carry one LeakSanitizer suppression, below, matching
** only blocks allocated by libfontconfig itself (its frames have no frame
** pointers, so the function name is not in LeakSanitizer's fast stack
** traces: the library is the narrowest match that works).  A leaked font
** map, layout or surface of ours is still reported: those are allocated
** by glib, pango and cairo.
*/
#include "pdf.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/arena.h"
#include "../lib/i18n.h"
#include "../lib/mem.h"

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer reads this at start-up (see the comment at the top). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
#endif

/* ---- geometry (points; A4 is 210 x 297 mm) ---- */
#define MM (72.0 / 25.4)
#define PAGE_W (210.0 * MM)
#define PAGE_H (297.0 * MM)
#define MARGIN_X (18.0 * MM)
#define BODY_TOP (26.0 * MM) /* below the page header */
#define BODY_BOTTOM (PAGE_H - 20.0 * MM)
#define BODY_W (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD 3.0 /* inside a table cell */
#define GAP 4.0      /* after a paragraph or a row */
#define FONT_FAMILY "DejaVu Sans"

/* The fonts, as pango descriptions. */
enum { F_BODY, F_BOLD, F_SMALL, F_TITLE, F_HEADING, F_CELL, F_CELL_BOLD, F_COUNT };
static const char *const azFontDesc[F_COUNT] = {
    FONT_FAMILY " 9.5",     FONT_FAMILY " Bold 9.5", FONT_FAMILY " 8",      FONT_FAMILY " Bold 16",
    FONT_FAMILY " Bold 12", FONT_FAMILY " 8.5",      FONT_FAMILY " Bold 8",
};

/* ---- the document: a list of blocks ---- */

enum {
  B_TITLE,
  B_HEADING,
  B_PARA,
  B_NOTE,
  B_FIELD,
  B_TABLE,
  B_ROW,
  B_TABLE_END,
  B_CHECK,
  B_SIGN,
  B_SPACE
};

typedef struct Block {
  int eKind;
  int n;           /* B_TABLE, B_ROW: columns; B_SIGN: signers; B_CHECK: ticked */
  const char **az; /* the block's strings (see each pdf_ function) */
  double *aW;      /* B_TABLE: column widths in points */
  double f;        /* B_SPACE: points */
} Block;

struct Pdf {
  int iLang;
  const char *zTitle, *zHeader;
  Arena a; /* every string and array of the blocks */
  Block *aBlock;
  int nBlock, nAlloc;
  int nTableCol; /* columns of the open table; 0 when none */
};

/* A copy of z in the document's arena, made valid UTF-8; NULL stays NULL. */
static const char *doc_str(Pdf *p, const char *z) {
  if (!z) return 0;
  if (g_utf8_validate(z, -1, 0)) return arena_strdup(&p->a, z);
  gchar *zValid = g_utf8_make_valid(z, -1);
  const char *zCopy = arena_strdup(&p->a, zValid);
  g_free(zValid);
  return zCopy;
}

/* Appends a block of kind eKind with n strings copied from az. */
static Block *doc_add(Pdf *p, int eKind, int n, const char *const *az) {
  if (p->nBlock == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 64;
    p->aBlock = xrealloc(p->aBlock, (size_t)p->nAlloc * sizeof(Block));
  }
  Block *b = &p->aBlock[p->nBlock++];
  memset(b, 0, sizeof *b);
  b->eKind = eKind;
  b->n = n;
  if (n > 0) {
    b->az = arena_alloc(&p->a, (size_t)n * sizeof(char *));
    for (int i = 0; i < n; i++) b->az[i] = az ? doc_str(p, az[i]) : 0;
  }
  return b;
}

Pdf *pdf_new(int iLang, const char *zTitle, const char *zHeader) {
  Pdf *p = xcalloc(1, sizeof(Pdf));
  p->iLang = iLang;
  p->zTitle = doc_str(p, zTitle ? zTitle : "");
  p->zHeader = doc_str(p, zHeader ? zHeader : "");
  return p;
}

void pdf_free(Pdf *p) {
  if (!p) return;
  arena_free(&p->a);
  free(p->aBlock);
  free(p);
}

void pdf_title(Pdf *p, const char *zTitle, const char *zSub) {
  const char *az[2] = {zTitle, zSub};
  doc_add(p, B_TITLE, 2, az);
}
void pdf_heading(Pdf *p, const char *zText) { doc_add(p, B_HEADING, 1, &zText); }
void pdf_paragraph(Pdf *p, const char *zText) { doc_add(p, B_PARA, 1, &zText); }
void pdf_note(Pdf *p, const char *zText) { doc_add(p, B_NOTE, 1, &zText); }

void pdf_field(Pdf *p, const char *zLabel, const char *zValue) {
  const char *az[2] = {zLabel, zValue};
  doc_add(p, B_FIELD, 2, az);
}

void pdf_table_begin(Pdf *p, int nCol, const char *const *azHead, const double *aWidth) {
  if (nCol < 1) nCol = 1;
  if (nCol > PDF_MAX_COL) nCol = PDF_MAX_COL;
  Block *b = doc_add(p, B_TABLE, nCol, azHead);
  double fSum = 0;
  for (int i = 0; i < nCol; i++) fSum += aWidth && aWidth[i] > 0 ? aWidth[i] : 1;
  b->aW = arena_alloc(&p->a, (size_t)nCol * sizeof(double));
  for (int i = 0; i < nCol; i++) {
    b->aW[i] = BODY_W * (aWidth && aWidth[i] > 0 ? aWidth[i] : 1) / fSum;
  }
  p->nTableCol = nCol;
}

void pdf_table_row(Pdf *p, const char *const *azCell) {
  if (p->nTableCol) doc_add(p, B_ROW, p->nTableCol, azCell);
}

void pdf_table_end(Pdf *p) {
  doc_add(p, B_TABLE_END, 0, 0);
  p->nTableCol = 0;
}

void pdf_checkbox(Pdf *p, const char *zLabel, int bChecked) {
  Block *b = doc_add(p, B_CHECK, 1, &zLabel);
  b->n = bChecked ? 1 : 0;
}

void pdf_signatures(Pdf *p, const char *zPlaceDate, int n, const char *const *azWho,
                    const char *const *azName) {
  if (n < 1) return;
  if (n > 3) n = 3;
  const char *az[7] = {zPlaceDate};
  for (int i = 0; i < n; i++) {
    az[1 + i] = azWho[i];
    az[4 + i] = azName ? azName[i] : 0;
  }
  Block *b = doc_add(p, B_SIGN, 7, az);
  b->n = n; /* the strings stay at their fixed places: 0, 1..3, 4..6 */
}

void pdf_space(Pdf *p, double fMm) {
  Block *b = doc_add(p, B_SPACE, 0, 0);
  b->f = fMm * MM;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

typedef struct Render {
  const Pdf *pDoc;
  cairo_surface_t *pSurf;
  cairo_t *cr;
  PangoContext *pCtx;
  PangoFontDescription **aFont;
  int iPage, nTotal;   /* this page (from 1); pages in all (0: not known yet) */
  double y;            /* where the next block starts */
  const Block *pTable; /* the open table, to repeat its header */
  double yFresh;       /* y right after the repeated table header */
  int bCheckOpen;      /* a checkbox sits alone in the left column */
  double yCheckRow, hCheckRow;
} Render;

/* A layout of z (NULL: "") in font eFont, wrapped at fWidth points. */
static PangoLayout *layout_new(Render *R, int eFont, const char *z, double fWidth) {
  PangoLayout *l = pango_layout_new(R->pCtx);
  pango_layout_set_font_description(l, R->aFont[eFont]);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  if (fWidth > 0) pango_layout_set_width(l, (int)(fWidth * PANGO_SCALE));
  pango_layout_set_text(l, z ? z : "", -1);
  return l;
}

/* The height of a layout in points. */
static double layout_h(PangoLayout *l) {
  int w, h;
  pango_layout_get_size(l, &w, &h);
  return (double)h / PANGO_SCALE;
}

/* Draws a whole layout with its top-left corner at x, y. */
static void layout_draw(Render *R, PangoLayout *l, double x, double y) {
  cairo_move_to(R->cr, x, y);
  pango_cairo_show_layout(R->cr, l);
}

/* ---- lines: a layout drawn a part at a time ---- */

typedef struct Lines {
  PangoLayout *l;
  int n;
  double *aTop, *aH, *aBase; /* per line, in points, from the layout's top */
} Lines;

static void lines_init(Lines *L, PangoLayout *l) {
  L->l = l;
  L->n = pango_layout_get_line_count(l);
  L->aTop = xmalloc(3 * (size_t)(L->n ? L->n : 1) * sizeof(double));
  L->aH = L->aTop + L->n;
  L->aBase = L->aH + L->n;
  PangoLayoutIter *it = pango_layout_get_iter(l);
  for (int i = 0; i < L->n; i++) {
    PangoRectangle log;
    pango_layout_iter_get_line_extents(it, 0, &log);
    L->aTop[i] = (double)log.y / PANGO_SCALE;
    L->aH[i] = (double)log.height / PANGO_SCALE;
    L->aBase[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    pango_layout_iter_next_line(it);
  }
  pango_layout_iter_free(it);
}

static void lines_free(Lines *L) {
  free(L->aTop);
  g_object_unref(L->l);
  memset(L, 0, sizeof *L);
}

/* The height of lines iFrom..iTo-1 (0 when none). */
static double lines_span(const Lines *L, int iFrom, int iTo) {
  if (iTo <= iFrom) return 0;
  return L->aTop[iTo - 1] + L->aH[iTo - 1] - L->aTop[iFrom];
}

/* How many lines from iFrom fit in fAvail points. */
static int lines_fit(const Lines *L, int iFrom, double fAvail) {
  int k = 0;
  while (iFrom + k < L->n && lines_span(L, iFrom, iFrom + k + 1) <= fAvail + 0.01) k++;
  return k;
}

/* Draws lines iFrom..iTo-1 with the top of line iFrom at x, y. */
static void lines_draw(Render *R, const Lines *L, int iFrom, int iTo, double x, double y) {
  for (int i = iFrom; i < iTo; i++) {
    cairo_move_to(R->cr, x, y + L->aBase[i] - L->aTop[iFrom]);
    pango_cairo_show_layout_line(R->cr, pango_layout_get_line_readonly(L->l, i));
  }
}

/* ---- pages ---- */

static void gray(Render *R, double v) { cairo_set_source_rgb(R->cr, v, v, v); }

/* The header of the current page: agency left (a third), title right, a rule. */
static void page_header(Render *R) {
  double fLeft = BODY_W / 3 - 6, fRight = BODY_W - fLeft - 12;
  PangoLayout *lLeft = layout_new(R, F_SMALL, R->pDoc->zHeader, fLeft);
  PangoLayout *lRight = layout_new(R, F_SMALL, R->pDoc->zTitle, fRight);
  pango_layout_set_alignment(lRight, PANGO_ALIGN_RIGHT);
  gray(R, 0.3);
  layout_draw(R, lLeft, MARGIN_X, 12 * MM);
  layout_draw(R, lRight, MARGIN_X + BODY_W - fRight, 12 * MM);
  double y = 12 * MM + (layout_h(lLeft) > layout_h(lRight) ? layout_h(lLeft) : layout_h(lRight));
  cairo_set_line_width(R->cr, 0.5);
  cairo_move_to(R->cr, MARGIN_X, y + 2);
  cairo_line_to(R->cr, MARGIN_X + BODY_W, y + 2);
  cairo_stroke(R->cr);
  gray(R, 0);
  g_object_unref(lLeft);
  g_object_unref(lRight);
}

/* The footer of the current page: "Page N of M", centred. */
static void page_footer(Render *R) {
  char zText[64];
  /* the msgid has the page numbers in this order in every language */
  snprintf(zText, sizeof zText, tr(R->pDoc->iLang, "Page %d of %d"), R->iPage,
           R->nTotal ? R->nTotal : R->iPage);
  PangoLayout *l = layout_new(R, F_SMALL, zText, BODY_W);
  pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
  gray(R, 0.3);
  layout_draw(R, l, MARGIN_X, PAGE_H - 13 * MM);
  gray(R, 0);
  g_object_unref(l);
}

static void page_break(Render *R) {
  page_footer(R);
  cairo_show_page(R->cr);
  R->iPage++;
  page_header(R);
  R->y = BODY_TOP;
}

/* Breaks the page unless fHeight points still fit on it. */
static void ensure(Render *R, double fHeight) {
  if (R->y + fHeight > BODY_BOTTOM && R->y > BODY_TOP + 0.5) page_break(R);
}

/* Draws all of L at x from R->y on, breaking pages between lines. */
static void flow(Render *R, const Lines *L, double x) {
  int i = 0;
  while (i < L->n) {
    int k = lines_fit(L, i, BODY_BOTTOM - R->y);
    if (k == 0 && R->y > BODY_TOP + 0.5) {
      page_break(R);
      continue;
    }
    if (k == 0) k = 1; /* a line taller than a page: draw it anyway */
    lines_draw(R, L, i, i + k, x, R->y);
    R->y += lines_span(L, i, i + k);
    i += k;
  }
}

/* ---- blocks ---- */

static void render_title(Render *R, const Block *b) {
  PangoLayout *l = layout_new(R, F_TITLE, b->az[0], BODY_W);
  ensure(R, layout_h(l));
  layout_draw(R, l, MARGIN_X, R->y);
  R->y += layout_h(l) + 2;
  g_object_unref(l);
  if (b->az[1]) {
    PangoLayout *s = layout_new(R, F_BODY, b->az[1], BODY_W);
    gray(R, 0.3);
    layout_draw(R, s, MARGIN_X, R->y);
    gray(R, 0);
    R->y += layout_h(s);
    g_object_unref(s);
  }
  R->y += 3 * MM;
}

static void render_heading(Render *R, const Block *b) {
  PangoLayout *l = layout_new(R, F_HEADING, b->az[0], BODY_W);
  double h = layout_h(l);
  if (R->y > BODY_TOP + 0.5) R->y += 3 * MM;
  ensure(R, h + 12 * MM); /* the heading and a few lines of what follows */
  layout_draw(R, l, MARGIN_X, R->y);
  R->y += h + 1;
  cairo_set_line_width(R->cr, 0.6);
  cairo_move_to(R->cr, MARGIN_X, R->y);
  cairo_line_to(R->cr, MARGIN_X + BODY_W, R->y);
  cairo_stroke(R->cr);
  R->y += 2 * MM;
  g_object_unref(l);
}

static void render_para(Render *R, const Block *b, int eFont, double fGray) {
  Lines L;
  lines_init(&L, layout_new(R, eFont, b->az[0], BODY_W));
  gray(R, fGray);
  flow(R, &L, MARGIN_X);
  gray(R, 0);
  R->y += GAP;
  lines_free(&L);
}

/* A dotted line to write on, from x to x + w, at y. */
static void fill_line(Render *R, double x, double w, double y) {
  static const double aDash[] = {1.0, 2.0};
  cairo_save(R->cr);
  gray(R, 0.45);
  cairo_set_line_width(R->cr, 0.6);
  cairo_set_dash(R->cr, aDash, 2, 0);
  cairo_move_to(R->cr, x, y);
  cairo_line_to(R->cr, x + w, y);
  cairo_stroke(R->cr);
  cairo_restore(R->cr);
}

static void render_field(Render *R, const Block *b) {
  double wLabel = BODY_W / 3, x2 = MARGIN_X + wLabel + 6, wValue = BODY_W - wLabel - 6;
  PangoLayout *lLabel = layout_new(R, F_BOLD, b->az[0], wLabel - 4);
  double hLabel = layout_h(lLabel);
  int bBlank = !b->az[1] || !b->az[1][0];
  Lines L;
  lines_init(&L, layout_new(R, F_BODY, bBlank ? "" : b->az[1], wValue));
  double hFirst = lines_span(&L, 0, 1);
  ensure(R, hLabel > hFirst ? hLabel : hFirst);
  int iPage = R->iPage;
  double yStart = R->y;
  gray(R, 0.25);
  layout_draw(R, lLabel, MARGIN_X, yStart);
  gray(R, 0);
  if (bBlank) {
    fill_line(R, x2, wValue, yStart + hFirst);
    R->y += hFirst + 2;
  } else {
    flow(R, &L, x2);
  }
  if (R->iPage == iPage && R->y < yStart + hLabel) R->y = yStart + hLabel;
  R->y += GAP;
  g_object_unref(lLabel);
  lines_free(&L);
}

/* The header row of table b at R->y: bold text on grey, framed. */
static double table_header_h(Render *R, const Block *b) {
  double h = 0;
  for (int c = 0; c < b->n; c++) {
    PangoLayout *l = layout_new(R, F_CELL_BOLD, b->az[c], b->aW[c] - 2 * CELL_PAD);
    if (layout_h(l) > h) h = layout_h(l);
    g_object_unref(l);
  }
  return h + 2 * CELL_PAD;
}

static void table_header(Render *R, const Block *b) {
  double h = table_header_h(R, b), x = MARGIN_X;
  cairo_set_line_width(R->cr, 0.5);
  for (int c = 0; c < b->n; c++) {
    cairo_rectangle(R->cr, x, R->y, b->aW[c], h);
    gray(R, 0.9);
    cairo_fill_preserve(R->cr);
    gray(R, 0.4);
    cairo_stroke(R->cr);
    gray(R, 0);
    PangoLayout *l = layout_new(R, F_CELL_BOLD, b->az[c], b->aW[c] - 2 * CELL_PAD);
    layout_draw(R, l, x + CELL_PAD, R->y + CELL_PAD);
    g_object_unref(l);
    x += b->aW[c];
  }
  R->y += h;
  R->yFresh = R->y;
}

static void render_table(Render *R, const Block *b) {
  R->pTable = b;
  R->y += 1 * MM;
  ensure(R, table_header_h(R, b) + 8 * MM); /* the header and a first row */
  table_header(R, b);
}

/* Frames one segment of a row (the cells side by side), height h. */
static void row_frame(Render *R, const Block *pTable, double h) {
  double x = MARGIN_X;
  cairo_set_line_width(R->cr, 0.5);
  gray(R, 0.4);
  for (int c = 0; c < pTable->n; c++) {
    cairo_rectangle(R->cr, x, R->y, pTable->aW[c], h);
    x += pTable->aW[c];
  }
  cairo_stroke(R->cr);
  gray(R, 0);
}

static void row_new_page(Render *R) {
  page_break(R);
  table_header(R, R->pTable);
}

/*
** One row: all of it on this page if it fits; else on the next (after
** the header again) if it fits there; else as much of each cell as fits
** here, the rest continuing on the next pages.
*/
static void render_row(Render *R, const Block *b) {
  const Block *t = R->pTable;
  if (!t) return;
  Lines aL[PDF_MAX_COL];
  int aIdx[PDF_MAX_COL] = {0}, aK[PDF_MAX_COL];
  for (int c = 0; c < b->n; c++) {
    lines_init(&aL[c], layout_new(R, F_CELL, b->az[c], t->aW[c] - 2 * CELL_PAD));
  }
  double fFresh = BODY_BOTTOM - (BODY_TOP + table_header_h(R, t)) - 2 * CELL_PAD;
  for (;;) {
    double fAvail = BODY_BOTTOM - R->y - 2 * CELL_PAD, fRest = 0;
    int bAll = 1, bAny = 0;
    for (int c = 0; c < b->n; c++) {
      aK[c] = lines_fit(&aL[c], aIdx[c], fAvail);
      if (aIdx[c] + aK[c] < aL[c].n) bAll = 0;
      if (aK[c] > 0) bAny = 1;
      double f = lines_span(&aL[c], aIdx[c], aL[c].n);
      if (f > fRest) fRest = f;
    }
    int bAtFresh = R->y <= R->yFresh + 0.5;
    if (!bAll && !bAtFresh && (fRest <= fFresh || !bAny)) {
      row_new_page(R);
      continue;
    }
    if (!bAny) { /* a line taller than a page: one line of each cell */
      for (int c = 0; c < b->n; c++) aK[c] = aIdx[c] < aL[c].n ? 1 : 0;
    }
    double h = 0;
    for (int c = 0; c < b->n; c++) {
      double f = lines_span(&aL[c], aIdx[c], aIdx[c] + aK[c]);
      if (f > h) h = f;
    }
    h += 2 * CELL_PAD;
    row_frame(R, t, h);
    double x = MARGIN_X;
    for (int c = 0; c < b->n; c++) {
      lines_draw(R, &aL[c], aIdx[c], aIdx[c] + aK[c], x + CELL_PAD, R->y + CELL_PAD);
      aIdx[c] += aK[c];
      x += t->aW[c];
    }
    R->y += h;
    int bDone = 1;
    for (int c = 0; c < b->n; c++) bDone &= aIdx[c] >= aL[c].n;
    if (bDone) break;
    row_new_page(R);
  }
  for (int c = 0; c < b->n; c++) lines_free(&aL[c]);
}

/* A box 8 points wide at x, y, ticked or not. */
static void checkbox_box(Render *R, double x, double y, int bChecked) {
  cairo_set_line_width(R->cr, 0.7);
  cairo_rectangle(R->cr, x, y, 8, 8);
  cairo_stroke(R->cr);
  if (bChecked) {
    cairo_set_line_width(R->cr, 1.2);
    cairo_move_to(R->cr, x + 1.5, y + 4.2);
    cairo_line_to(R->cr, x + 3.4, y + 6.5);
    cairo_line_to(R->cr, x + 6.8, y + 1.5);
    cairo_stroke(R->cr);
  }
}

/* Ends a row of checkboxes left with only its left column. */
static void check_flush(Render *R) {
  if (!R->bCheckOpen) return;
  R->y = R->yCheckRow + R->hCheckRow + 2;
  R->bCheckOpen = 0;
}

static void render_check(Render *R, const Block *b) {
  double wCol = BODY_W / 2, wLabel = wCol - 16;
  PangoLayout *l = layout_new(R, F_BODY, b->az[0], wLabel);
  double h = layout_h(l);
  if (R->bCheckOpen && R->yCheckRow + h > BODY_BOTTOM) check_flush(R);
  double x = MARGIN_X;
  if (R->bCheckOpen) {
    x += wCol;
    if (h > R->hCheckRow) R->hCheckRow = h;
  } else {
    ensure(R, h);
    R->yCheckRow = R->y;
    R->hCheckRow = h;
  }
  checkbox_box(R, x, R->yCheckRow + 2, b->n);
  layout_draw(R, l, x + 14, R->yCheckRow);
  g_object_unref(l);
  if (R->bCheckOpen) {
    R->bCheckOpen = 0;
    R->y = R->yCheckRow + R->hCheckRow + 2;
  } else {
    R->bCheckOpen = 1;
  }
}

/* The signature block: "place and date" line, then n lines side by
** side with who signs above and their name below. */
static void render_sign(Render *R, const Block *b) {
  double wCol = BODY_W / b->n, wLine = wCol - 8 * MM;
  double hBlock = 48 * MM;
  R->y += 4 * MM;
  ensure(R, hBlock);
  PangoLayout *lPlace = layout_new(R, F_BODY, b->az[0], BODY_W);
  layout_draw(R, lPlace, MARGIN_X, R->y);
  int wPlace, hPlace;
  pango_layout_get_pixel_size(lPlace, &wPlace, &hPlace);
  fill_line(R, MARGIN_X + wPlace + 4, 60 * MM, R->y + hPlace - 2);
  g_object_unref(lPlace);
  double yWho = R->y + hPlace + 8 * MM;
  for (int i = 0; i < b->n; i++) {
    double x = MARGIN_X + i * wCol;
    PangoLayout *lWho = layout_new(R, F_BOLD, b->az[1 + i], wLine);
    layout_draw(R, lWho, x, yWho);
    double yLine = yWho + layout_h(lWho) + 16 * MM;
    g_object_unref(lWho);
    cairo_set_line_width(R->cr, 0.7);
    cairo_move_to(R->cr, x, yLine);
    cairo_line_to(R->cr, x + wLine, yLine);
    cairo_stroke(R->cr);
    if (b->az[4 + i]) {
      PangoLayout *lName = layout_new(R, F_SMALL, b->az[4 + i], wLine);
      layout_draw(R, lName, x, yLine + 2);
      g_object_unref(lName);
    }
  }
  R->y += hBlock;
}

static void render_block(Render *R, const Block *b) {
  if (b->eKind != B_CHECK) check_flush(R);
  switch (b->eKind) {
    case B_TITLE:
      render_title(R, b);
      break;
    case B_HEADING:
      render_heading(R, b);
      break;
    case B_PARA:
      render_para(R, b, F_BODY, 0);
      break;
    case B_NOTE:
      render_para(R, b, F_SMALL, 0.35);
      break;
    case B_FIELD:
      render_field(R, b);
      break;
    case B_TABLE:
      render_table(R, b);
      break;
    case B_ROW:
      render_row(R, b);
      break;
    case B_TABLE_END:
      R->pTable = 0;
      R->y += GAP;
      break;
    case B_CHECK:
      render_check(R, b);
      break;
    case B_SIGN:
      render_sign(R, b);
      break;
    case B_SPACE:
      if (R->y > BODY_TOP + 0.5) R->y += b->f;
      break;
  }
}

/* ---- the two passes ---- */

static cairo_status_t write_buf(void *pArg, const unsigned char *a, unsigned int n) {
  if (pArg) buf_append((Buf *)pArg, (const char *)a, n);
  return CAIRO_STATUS_SUCCESS;
}

/*
** Lays the document out onto a new PDF surface writing to pOut (NULL:
** the bytes are dropped).  *pnPage gets the pages drawn.  0, or -1 after
** printing cairo's error.
*/
static int render_pass(const Pdf *p, PangoContext *pCtx, PangoFontDescription **aFont, int nTotal,
                       Buf *pOut, int *pnPage) {
  Render R = {.pDoc = p, .pCtx = pCtx, .aFont = aFont, .iPage = 1, .nTotal = nTotal};
  R.pSurf = cairo_pdf_surface_create_for_stream(write_buf, pOut, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata(R.pSurf, CAIRO_PDF_METADATA_TITLE, p->zTitle);
  cairo_pdf_surface_set_metadata(R.pSurf, CAIRO_PDF_METADATA_AUTHOR, p->zHeader);
  cairo_pdf_surface_set_metadata(R.pSurf, CAIRO_PDF_METADATA_CREATOR, "ali");
  R.cr = cairo_create(R.pSurf);
  pango_cairo_update_context(R.cr, pCtx);
  page_header(&R);
  R.y = BODY_TOP;
  for (int i = 0; i < p->nBlock; i++) render_block(&R, &p->aBlock[i]);
  check_flush(&R);
  page_footer(&R);
  cairo_show_page(R.cr);
  cairo_status_t rc = cairo_status(R.cr);
  cairo_destroy(R.cr);
  cairo_surface_finish(R.pSurf);
  if (rc == CAIRO_STATUS_SUCCESS) rc = cairo_surface_status(R.pSurf);
  cairo_surface_destroy(R.pSurf);
  if (rc != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "ali: pdf: %s\n", cairo_status_to_string(rc));
    return -1;
  }
  *pnPage = R.iPage;
  return 0;
}

int pdf_finish(Pdf *p, Buf *pOut, int *pnPage) {
  PangoFontMap *pMap = pango_cairo_font_map_new();
  PangoContext *pCtx = pango_font_map_create_context(pMap);
  cairo_font_options_t *pOpt = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(pOpt, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(pOpt, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pCtx, pOpt);
  cairo_font_options_destroy(pOpt);
  pango_context_set_round_glyph_positions(pCtx, FALSE);
  PangoFontDescription *aFont[F_COUNT];
  for (int i = 0; i < F_COUNT; i++) aFont[i] = pango_font_description_from_string(azFontDesc[i]);
  int nPage = 0;
  int rc = render_pass(p, pCtx, aFont, 0, NULL, &nPage);
  if (rc == 0) rc = render_pass(p, pCtx, aFont, nPage, pOut, &nPage);
  for (int i = 0; i < F_COUNT; i++) pango_font_description_free(aFont[i]);
  g_object_unref(pCtx);
  g_object_unref(pMap);
  if (pnPage) *pnPage = rc ? 0 : nPage;
  pdf_free(p);
  return rc;
}
