/*
** pdf.h — a small document writer for printable forms: A4 portrait PDF
** through cairo's PDF surface, text laid out by pango (UTF-8, accents,
** line wrapping, the "DejaVu Sans" family that every Debian system has).
**
** A document is built first, as a list of blocks (a title, headings,
** paragraphs, label-value rows, tables, checkboxes, signature lines),
** and rendered by pdf_finish() into a Buf in memory.  Rendering runs the
** layout twice: once to count the pages, once to draw them, so that every
** page's footer can say "Page 1 of 3".  Every page carries a header (the
** agency's name on the left, the document's title on the right) and that
** footer.  Pages break automatically: between the lines of a long
** paragraph or value, before a heading that would end a page, between
** table rows (the header row is repeated on the new page; a row taller
** than a page is split between its lines), never inside a signature
** block.
**
** Strings passed in are copied: the caller may free them at once.  Every
** string is UTF-8 text, never markup (pango's markup is not used, so no
** escaping is needed or done).  NULL strings are allowed where a value
** may be missing and render as an empty line to fill in by hand.  The
** writer allocates with xmalloc (mem.h), so no function fails on memory;
** pdf_finish() reports a cairo error instead.  One Pdf is used by one
** thread; several threads may each render their own (each rendering has
** its own pango font map).
*/
#ifndef ALI_PDF_H
#define ALI_PDF_H
#include "../lib/buf.h"

typedef struct Pdf Pdf;

/* A new document in language iLang (LANG_IT, LANG_EN: the language of
** the footer "Page N of M").  zTitle is the PDF's title (metadata and
** the right side of every page header); zHeader the left side (the
** agency's name).  Free it with pdf_finish() or pdf_free(). */
Pdf *pdf_new(int iLang, const char *zTitle, const char *zHeader);

/* The document's title, large and bold, with an optional subtitle under
** it (zSub NULL: none). */
void pdf_title(Pdf *p, const char *zTitle, const char *zSub);

/* A section heading; kept on the same page as what follows it. */
void pdf_heading(Pdf *p, const char *zText);

/* A paragraph, wrapped to the page width; line breaks in zText are kept. */
void pdf_paragraph(Pdf *p, const char *zText);

/* A small grey paragraph (explanations, "nothing recorded"). */
void pdf_note(Pdf *p, const char *zText);

/* A row "label   value": the label in a left column (a third of the
** width), the value wrapped in the rest.  zValue NULL or "" draws a
** dotted line to fill in by hand. */
void pdf_field(Pdf *p, const char *zLabel, const char *zValue);

/* A table of nCol columns (1..PDF_MAX_COL).  azHead holds the nCol
** header cells; aWidth the relative widths of the columns (any positive
** numbers: they are scaled to the page width).  Then pdf_table_row() for
** each row (nCol cells, NULL = empty) and pdf_table_end().  Cells wrap. */
#define PDF_MAX_COL 8
void pdf_table_begin(Pdf *p, int nCol, const char *const *azHead, const double *aWidth);
void pdf_table_row(Pdf *p, const char *const *azCell);
void pdf_table_end(Pdf *p);

/* A checkbox with its label, ticked when bChecked.  Consecutive
** checkboxes are laid out in two columns. */
void pdf_checkbox(Pdf *p, const char *zLabel, int bChecked);

/* A block of n (1..3) signature lines side by side: above each line
** azWho[i] (who signs: "The social worker"), under it azName[i] (their
** name, NULL for none), all kept together on one page, with a "place
** and date" line (zPlaceDate, already translated) above them. */
void pdf_signatures(Pdf *p, const char *zPlaceDate, int n, const char *const *azWho,
                    const char *const *azName);

/* Vertical space of fMm millimetres (dropped at the top of a page). */
void pdf_space(Pdf *p, double fMm);

/*
** Renders the document and appends the PDF to pOut, then frees p.
** Returns 0, or -1 when cairo failed (the reason on stderr; pOut may
** hold a partial document, which the caller discards).  *pnPage, when
** not NULL, gets the number of pages.
*/
int pdf_finish(Pdf *p, Buf *pOut, int *pnPage);

/* Frees a document without rendering it. */
void pdf_free(Pdf *p);

#endif
