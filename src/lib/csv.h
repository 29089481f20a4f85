/*
** csv.h — reading and writing CSV files (RFC 4180) as agencies export
** them from spreadsheets, over libcsv (Debian libcsv-dev), which does the
** quoting.
**
** The reader is an iterator: csv_next() hands out one record at a time,
** so a file of a million rows is never in memory at once (the reader
** holds one physical line and the record being built).  What it adds to
** libcsv:
**
**   - the physical line each record starts on (a quoted field may span
**     lines; the header is line 1), for error messages "FILE:LINE: ...";
**   - a UTF-8 byte order mark at the start is skipped;
**   - the separator, comma or semicolon (Italian Excel writes ';'), is
**     detected from the first line: whichever occurs more often outside
**     quotes; a tie (neither) means comma;
**   - every line must be well-formed UTF-8 without NUL bytes, else an
**     error naming the line;
**   - CRLF, LF and CR line ends; blank lines are skipped; spaces and tabs
**     around an unquoted field are dropped (libcsv's default), those
**     inside quotes kept;
**   - strict quoting: a quote inside an unquoted field, text after a
**     closing quote or a quote left open at the end of the file is an
**     error naming the line.
**
** Errors end the reading: once the records before the error are handed
** out, csv_next() returns CSV_ERROR and csv_errmsg() / csv_errline() say
** what and where.
**
** The header helper csv_columns() maps the column names of a header
** record to the columns a caller knows, in any order.
**
** The writer csv_write_field() appends one field, quoted when needed.
*/
#ifndef ALI_CSV_H
#define ALI_CSV_H
#include <stdio.h>

#include "buf.h"

/* Results of csv_next(). */
enum { CSV_RECORD = 1, CSV_END = 0, CSV_ERROR = -1 };

/* One record.  Fields are NUL-terminated UTF-8, owned by the reader and
** valid until the next csv_next() or csv_reader_free(). */
typedef struct CsvRecord {
  int nField;           /* number of fields, >= 1 */
  const char **azField; /* azField[0..nField-1] */
  long iLine;           /* the physical line the record starts on, from 1 */
} CsvRecord;

typedef struct CsvReader CsvReader;

/*
** A reader of the stream in (which the caller keeps open and closes).
** cSep is ',' or ';' to force a separator, or 0 to detect it from the
** first line.  Never returns NULL.
*/
CsvReader *csv_reader_new(FILE *in, char cSep);
void csv_reader_free(CsvReader *p); /* NULL is a no-op */

/*
** The next record through *ppRec: CSV_RECORD, CSV_END at the end of the
** stream, or CSV_ERROR (then every later call returns CSV_ERROR too).
*/
int csv_next(CsvReader *p, const CsvRecord **ppRec);

/* After CSV_ERROR: what went wrong ("invalid UTF-8", "a quoted field is
** not closed", ...) and the physical line (0 for a read error). */
const char *csv_errmsg(const CsvReader *p);
long csv_errline(const CsvReader *p);

/* The separator in use: ',' or ';' (the detected one after the first
** csv_next()). */
char csv_separator(const CsvReader *p);

/* Physical lines read so far: for progress. */
long csv_lines_read(const CsvReader *p);

/* A column a caller expects in a header. */
typedef struct CsvColumn {
  const char *zName; /* lower case, as written in the documentation */
  int bRequired;     /* 1: the header must have it */
} CsvColumn;

/*
** Match the header record pHdr with the nCol columns aCol: column names
** compare case-insensitively (ASCII) after trimming spaces.  aiIndex[k]
** gets the field index of aCol[k] in the records, or -1 when the header
** lacks it.  Every problem is appended to pErr as one line ending in
** '\n': "missing column NAME" (a required column absent), "unknown column
** NAME" (a header field none of aCol names; NAME as written, trimmed),
** "duplicate column NAME", "empty column name".  Returns the number of
** problems (0: the header is good).
*/
int csv_columns(const CsvRecord *pHdr, const CsvColumn *aCol, int nCol, int *aiIndex,
                Buf *pErr);

/*
** Append z (NULL is an empty field) to p as one CSV field, without a
** separator: as it is, or between double quotes with inner quotes
** doubled when it contains a comma, a semicolon, a quote, CR or LF, or
** begins or ends with a space or a tab (which readers would drop).
** Separators and line ends are the caller's ("," and "\r\n" per RFC
** 4180).  No protection against spreadsheet formulas (=, +, -, @): the
** exporter decides.
*/
void csv_write_field(Buf *p, const char *z);

#endif
