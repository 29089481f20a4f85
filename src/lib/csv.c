/*
** csv.c — the CSV reader and writer of csv.h over libcsv.
**
** The reader pulls the input in chunks of CSV_CHUNK bytes and walks each
** chunk once: it checks UTF-8 (carrying a character cut by the chunk's
** end over to the next chunk), counts physical lines (LF, CRLF or a lone
** CR each end one), and hands libcsv one line at a time.  Before each
** line, if libcsv has not begun a record, the next record starts on this
** line; when libcsv ends a record (its row callback) the record gets that
** start line.  This is why the reader looks at libcsv's parser state
** (pstate, a public member of struct csv_parser; 0 is its ROW_NOT_BEGUN),
** and at entry_pos (the bytes of the field being read) to cap a record.
**
** Fields go into one byte buffer (each NUL-terminated) with an array of
** offsets; completed records wait in a queue that csv_next() drains; the
** storage is compacted each time the queue is empty, so it holds one
** line's records plus the record being built.
*/
#include "csv.h"

#include <assert.h>
#include <csv.h>
#include <string.h>

#include "mem.h"

#define CSV_CHUNK 65536
#define CSV_MAX_RECORD (1 << 20)   /* bytes in one record: a quote left open
                                   ** would otherwise swallow the file */
#define CSV_ROW_NOT_BEGUN 0        /* libcsv's pstate before a record */

/* A completed record waiting in the queue. */
typedef struct CsvQueued {
  int iFirst, nField; /* its fields: aOff[iFirst..iFirst+nField-1] */
  long iLine;         /* the line it starts on */
} CsvQueued;

struct CsvReader {
  FILE *in;
  struct csv_parser parser;
  char cSep;          /* ',' or ';'; 0 until the first chunk is read */
  int bStarted;       /* the first chunk has been read (BOM, separator) */
  int bEof;           /* the input is exhausted and csv_fini was called */
  int bError;
  char zErr[160];
  long iErrLine;

  unsigned char aBuf[CSV_CHUNK + 4]; /* input; a cut UTF-8 character is carried */
  size_t nCarry;                     /* bytes carried at the front of aBuf */
  long iLine;         /* the line of the next byte fed to libcsv */
  int bPrevCR;        /* the last byte fed was CR: a following LF ends no line */
  long iStartLine;    /* the line the record being built starts on */

  Buf text;           /* field bytes, each NUL-terminated */
  size_t *aOff;       /* aOff[i]: offset in text of field i */
  int nField, nFieldAlloc;
  int iPartial;       /* the first field of the record being built */
  CsvQueued *aQueue;  /* completed records */
  int nQueue, nQueueAlloc, iQueue; /* iQueue: the next one to hand out */

  const char **azOut; /* the record handed out */
  int nOutAlloc;
  CsvRecord rec;
};

static void *csv_realloc(void *p, size_t n) { return xrealloc(p, n); }

CsvReader *csv_reader_new(FILE *in, char cSep) {
  assert(in && (cSep == 0 || cSep == ',' || cSep == ';'));
  CsvReader *p = xcalloc(1, sizeof *p);
  p->in = in;
  p->cSep = cSep;
  p->iLine = 1;
  p->iStartLine = 1;
  csv_init(&p->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_realloc_func(&p->parser, csv_realloc);
  csv_set_free_func(&p->parser, free);
  csv_set_blk_size(&p->parser, 4096);
  return p;
}

void csv_reader_free(CsvReader *p) {
  if (!p) return;
  csv_free(&p->parser);
  buf_free(&p->text);
  free(p->aOff);
  free(p->aQueue);
  free(p->azOut);
  free(p);
}

const char *csv_errmsg(const CsvReader *p) { return p->bError ? p->zErr : ""; }
long csv_errline(const CsvReader *p) { return p->iErrLine; }
char csv_separator(const CsvReader *p) { return p->cSep ? p->cSep : ','; }
long csv_lines_read(const CsvReader *p) { return p->iLine - 1; }

static int csv_fail(CsvReader *p, long iLine, const char *zMsg) {
  p->bError = 1;
  p->iErrLine = iLine;
  snprintf(p->zErr, sizeof p->zErr, "%s", zMsg);
  return CSV_ERROR;
}

/* ---- libcsv callbacks: a field, the end of a record ---- */

static void csv_on_field(void *s, size_t n, void *pArg) {
  CsvReader *p = pArg;
  if (p->nField == p->nFieldAlloc) {
    p->nFieldAlloc = p->nFieldAlloc ? 2 * p->nFieldAlloc : 64;
    p->aOff = xrealloc(p->aOff, (size_t)p->nFieldAlloc * sizeof *p->aOff);
  }
  p->aOff[p->nField++] = p->text.n;
  buf_append(&p->text, s ? s : "", s ? n : 0);
  buf_putc(&p->text, 0); /* each field keeps its terminator */
}

/* 1 if every field from iFirst on is empty. */
static int csv_all_empty(const CsvReader *p, int iFirst) {
  for (int i = iFirst; i < p->nField; i++) {
    if (p->text.z[p->aOff[i]]) return 0;
  }
  return 1;
}

static void csv_on_record(int c, void *pArg) {
  (void)c;
  CsvReader *p = pArg;
  if (csv_all_empty(p, p->iPartial)) { /* ";;;" rows left by spreadsheets */
    p->text.n = p->iPartial < p->nField ? p->aOff[p->iPartial] : p->text.n;
    p->nField = p->iPartial;
  } else {
    if (p->nQueue == p->nQueueAlloc) {
      p->nQueueAlloc = p->nQueueAlloc ? 2 * p->nQueueAlloc : 8;
      p->aQueue = xrealloc(p->aQueue, (size_t)p->nQueueAlloc * sizeof *p->aQueue);
    }
    p->aQueue[p->nQueue++] = (CsvQueued){p->iPartial, p->nField - p->iPartial, p->iStartLine};
    p->iPartial = p->nField;
  }
  p->iStartLine = p->iLine; /* another record may follow on this line */
}

/* ---- feeding libcsv ---- */

/* Hand n bytes of one line (its end included, if any) to libcsv. */
static int csv_feed(CsvReader *p, const unsigned char *z, size_t n) {
  if (n == 0) return 0;
  if (p->parser.pstate == CSV_ROW_NOT_BEGUN) p->iStartLine = p->iLine;
  size_t nDone = csv_parse(&p->parser, z, n, csv_on_field, csv_on_record, p);
  if (nDone < n || csv_error(&p->parser)) {
    return csv_fail(p, p->iLine,
                    "bad quoting: a field holding a quote must be enclosed in quotes, and a"
                    " quote inside it doubled");
  }
  size_t nRecord = p->text.n - (p->iPartial < p->nField ? p->aOff[p->iPartial] : p->text.n);
  if (nRecord + p->parser.entry_pos > CSV_MAX_RECORD) { /* entry_pos: the field being read */
    return csv_fail(p, p->iStartLine, "record longer than 1 MiB (is a quote left open?)");
  }
  return 0;
}

/* Bytes of the UTF-8 sequence a lead byte c begins, or 0 if c cannot
** begin one. */
static int csv_utf8_len(unsigned c) {
  return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
       : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

/* 1 if the n-byte sequence at s (lead byte already checked) is
** well-formed: continuation bytes, no overlong form, no surrogate, no
** code point above U+10FFFF. */
static int csv_utf8_ok(const unsigned char *s, int n) {
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (s[0] == 0xE0) lo = 0xA0;
  else if (s[0] == 0xED) hi = 0x9F;
  else if (s[0] == 0xF0) lo = 0x90;
  else if (s[0] == 0xF4) hi = 0x8F;
  if (s[1] < lo || s[1] > hi) return 0;
  for (int i = 2; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
  }
  return 1;
}

/*
** Check and feed aBuf[0..n): one libcsv call per physical line.  With
** bFinal 0, a UTF-8 sequence cut at the end is left unfed and its bytes
** moved to the front of aBuf (p->nCarry).
*/
static int csv_feed_chunk(CsvReader *p, size_t n, int bFinal) {
  const unsigned char *z = p->aBuf;
  size_t i = 0, iSeg = 0;
  while (i < n) {
    unsigned c = z[i];
    if (c == '\n' || c == '\r') {
      int bBreak = !(c == '\n' && p->bPrevCR);
      p->bPrevCR = c == '\r';
      if (csv_feed(p, z + iSeg, i + 1 - iSeg)) return CSV_ERROR;
      iSeg = ++i;
      if (bBreak) p->iLine++;
      continue;
    }
    p->bPrevCR = 0;
    if (c >= 0x20 && c < 0x80) { /* the common case */
      i++;
      continue;
    }
    if (c == 0) return csv_fail(p, p->iLine, "a NUL byte (is this a text file?)");
    int nSeq = csv_utf8_len(c);
    if (nSeq == 0) return csv_fail(p, p->iLine, "invalid UTF-8 (save the file as CSV UTF-8)");
    if (i + (size_t)nSeq > n) {
      if (bFinal) return csv_fail(p, p->iLine, "invalid UTF-8 (save the file as CSV UTF-8)");
      break;
    }
    if (nSeq > 1 && !csv_utf8_ok(z + i, nSeq)) {
      return csv_fail(p, p->iLine, "invalid UTF-8 (save the file as CSV UTF-8)");
    }
    i += (size_t)nSeq;
  }
  if (csv_feed(p, z + iSeg, i - iSeg)) return CSV_ERROR;
  p->nCarry = n - i;
  memmove(p->aBuf, z + i, p->nCarry);
  return 0;
}

/* The separator of the first line in z[0..n): the more frequent of ','
** and ';' outside quotes; ',' on a tie. */
static char csv_detect(const unsigned char *z, size_t n) {
  long nComma = 0, nSemi = 0;
  int bQuoted = 0;
  for (size_t i = 0; i < n && (bQuoted || (z[i] != '\n' && z[i] != '\r')); i++) {
    if (z[i] == '"') bQuoted = !bQuoted;
    else if (!bQuoted && z[i] == ',') nComma++;
    else if (!bQuoted && z[i] == ';') nSemi++;
  }
  return nSemi > nComma ? ';' : ',';
}

/* Read and feed the next chunk; at the end of the input, finish. */
static int csv_read_chunk(CsvReader *p) {
  size_t nRead = fread(p->aBuf + p->nCarry, 1, CSV_CHUNK, p->in);
  if (nRead < CSV_CHUNK && ferror(p->in)) return csv_fail(p, 0, "cannot read the file");
  size_t n = p->nCarry + nRead;
  p->nCarry = 0;
  if (!p->bStarted) {
    p->bStarted = 1;
    if (n >= 3 && memcmp(p->aBuf, "\xEF\xBB\xBF", 3) == 0) {
      memmove(p->aBuf, p->aBuf + 3, n - 3);
      n -= 3;
    }
    if (!p->cSep) p->cSep = csv_detect(p->aBuf, n);
    csv_set_delim(&p->parser, (unsigned char)p->cSep);
  }
  int bFinal = nRead < CSV_CHUNK;
  if (csv_feed_chunk(p, n, bFinal)) return CSV_ERROR;
  if (bFinal) {
    long iStart = p->iStartLine;
    if (csv_fini(&p->parser, csv_on_field, csv_on_record, p)) {
      return csv_fail(p, iStart, "a quoted field is not closed");
    }
    p->bEof = 1;
  }
  return 0;
}

/* Drop the handed-out records, keeping the record being built. */
static void csv_compact(CsvReader *p) {
  int nKeep = p->nField - p->iPartial;
  size_t iBase = nKeep ? p->aOff[p->iPartial] : p->text.n;
  memmove(p->text.z, p->text.z + iBase, p->text.n - iBase);
  p->text.n -= iBase;
  for (int i = 0; i < nKeep; i++) p->aOff[i] = p->aOff[p->iPartial + i] - iBase;
  p->nField = nKeep;
  p->iPartial = 0;
  p->nQueue = p->iQueue = 0;
}

int csv_next(CsvReader *p, const CsvRecord **ppRec) {
  *ppRec = 0;
  while (p->iQueue >= p->nQueue) {
    if (p->bError) return CSV_ERROR; /* after the records before it */
    if (p->text.z) csv_compact(p);
    if (p->bEof) return CSV_END;
    csv_read_chunk(p);
  }
  const CsvQueued *pQ = &p->aQueue[p->iQueue++];
  if (pQ->nField > p->nOutAlloc) {
    p->nOutAlloc = pQ->nField * 2;
    p->azOut = xrealloc(p->azOut, (size_t)p->nOutAlloc * sizeof *p->azOut);
  }
  for (int i = 0; i < pQ->nField; i++) p->azOut[i] = p->text.z + p->aOff[pQ->iFirst + i];
  p->rec = (CsvRecord){pQ->nField, p->azOut, pQ->iLine};
  *ppRec = &p->rec;
  return CSV_RECORD;
}

/* ---- the header ---- */

/* z trimmed of spaces and tabs: start through the return, length *pn. */
static const char *csv_trim(const char *z, size_t *pn) {
  while (*z == ' ' || *z == '\t') z++;
  size_t n = strlen(z);
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pn = n;
  return z;
}

/* The index in aCol of the column named z[0..n) (ASCII case folded), or -1. */
static int csv_column_find(const CsvColumn *aCol, int nCol, const char *z, size_t n) {
  for (int k = 0; k < nCol; k++) {
    if (strlen(aCol[k].zName) == n && strncasecmp(aCol[k].zName, z, n) == 0) return k;
  }
  return -1;
}

int csv_columns(const CsvRecord *pHdr, const CsvColumn *aCol, int nCol, int *aiIndex,
                Buf *pErr) {
  int nProblem = 0;
  for (int k = 0; k < nCol; k++) aiIndex[k] = -1;
  for (int i = 0; i < pHdr->nField; i++) {
    size_t n;
    const char *z = csv_trim(pHdr->azField[i], &n);
    int k = csv_column_find(aCol, nCol, z, n);
    if (n == 0) {
      buf_printf(pErr, "column %d has no name\n", i + 1);
    } else if (k < 0) {
      buf_printf(pErr, "unknown column %.*s\n", (int)n, z);
    } else if (aiIndex[k] >= 0) {
      buf_printf(pErr, "duplicate column %s\n", aCol[k].zName);
    } else {
      aiIndex[k] = i;
      continue;
    }
    nProblem++;
  }
  for (int k = 0; k < nCol; k++) {
    if (aCol[k].bRequired && aiIndex[k] < 0) {
      buf_printf(pErr, "missing column %s\n", aCol[k].zName);
      nProblem++;
    }
  }
  return nProblem;
}

/* ---- the writer ---- */

void csv_write_field(Buf *p, const char *z) {
  if (!z || !*z) return;
  size_t n = strlen(z);
  int bQuote = z[0] == ' ' || z[0] == '\t' || z[n - 1] == ' ' || z[n - 1] == '\t' ||
               strpbrk(z, ",;\"\r\n") != 0;
  if (!bQuote) {
    buf_append(p, z, n);
    return;
  }
  buf_putc(p, '"');
  for (const char *zQ; (zQ = strchr(z, '"')) != 0; z = zQ + 1) {
    buf_append(p, z, (size_t)(zQ - z) + 1);
    buf_putc(p, '"');
  }
  buf_puts(p, z);
  buf_putc(p, '"');
}
