/*
** import.h — what the kinds of `ali import` share.  cmd_import.c is the
** driver (two passes over the file, the one transaction, the summary)
** and holds the kinds people and shortlist; a kind that would make it
** too long lives in its own file (import_history.c) and reaches the
** driver's helpers through this header.
**
** A kind is a row of the driver's table: its columns, a check per row
** for pass 1 (no database: report every problem of the row on its own
** and across rows), a save per row for pass 2 (inside the transaction:
** report what only the database can tell; return a db.h code only for a
** database failure, which stops the import), a finish before the commit
** and a summary after it.  Problems are reported with import_problem()
** or import_errors() as "FILE:LINE: field: message"; any problem leaves
** the database as it was.
*/
#ifndef ALI_IMPORT_H
#define ALI_IMPORT_H
#include <stdint.h>
#include <stdio.h>

#include "../db/db.h"
#include "../lib/buf.h"
#include "../lib/csv.h"
#include "../lib/errors.h"

#define IMPORT_MAX_COL 32

typedef struct Import Import;

/* One kind of import: a row of cmd_import.c's aKind[]. */
typedef struct ImportKind {
  const char *zName;       /* the KIND of `ali import KIND FILE` */
  const char *zWhat;       /* plural noun for messages: "people" */
  const CsvColumn *aCol;   /* the columns, in documentation order */
  int nCol;
  int bRound;              /* needs --round CODE (Import.iRound) */
  void (*xBegin)(Import *);                  /* set up pState */
  void (*xCheck)(Import *, const CsvRecord *); /* pass 1: report problems */
  int (*xSave)(Import *, const CsvRecord *);   /* pass 2: 0, or a db.h error */
  int (*xFinish)(Import *);                    /* pass 2 done, before the commit:
                                               ** 0, or a db.h error */
  void (*xSummary)(Import *);                  /* after the commit */
  void (*xEnd)(Import *);                      /* free pState */
} ImportKind;

/* One run of the import. */
struct Import {
  const ImportKind *pKind;
  const char *zFile;   /* as the user wrote it, for messages */
  FILE *in;
  FILE *pOut, *pErr;   /* the summary; the problems (stdout, stderr) */
  Db *db;              /* pass 1 does not use it */
  int64_t iAgency;
  int64_t iRound;      /* the round of --round, for kinds with bRound */
  const char *zRound;  /* its code */
  int64_t iSocialWorker; /* --social-worker (history): the account's id; 0 none */
  int aiCol[IMPORT_MAX_COL]; /* field index of each column of the kind; -1 absent */
  int nHeaderField;
  long nRow;           /* data records of the file (pass 1) */
  long nLine;          /* physical lines of the file, for progress */
  long nProblem;       /* problems reported */
  int bBar;            /* a progress bar is on stderr's current line */
  void *pState;        /* the kind's */
};

/* Report one problem, "FILE:LINE: FIELD: MESSAGE", on p->pErr, and
** count it. */
void import_problem(Import *p, long iLine, const char *zField, const char *zFmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Report the field errors the domain collected for the row on iLine. */
void import_errors(Import *p, long iLine, const Errors *pErr);

/* The value of column k of the kind in record r; NULL when the file has
** no such column. */
const char *import_field(const Import *p, const CsvRecord *r, int k);

/* ---- a set of strings, each with the line it was first seen on ---- */

typedef struct SetEntry {
  size_t iStr;   /* offset of the string in the pool */
  size_t iAux;   /* the caller's: for codici fiscali, the person_ref's offset */
  long iLine;    /* where it was first seen */
  uint32_t h;    /* hash of the string */
} SetEntry;

typedef struct StrSet {
  Buf pool;          /* the strings, each NUL-terminated */
  SetEntry *a;       /* entries in insertion order */
  size_t n, nAlloc;
  uint32_t *aSlot;   /* open addressing: 1 + index into a; 0 empty */
  size_t nSlot;      /* a power of two, at least 2n */
} StrSet;

/* The entry of z if the set holds it already; otherwise add z with iLine
** and iAux and return NULL.  The pointer is valid until the next add.
** A zeroed StrSet is empty. */
const SetEntry *strset_add(StrSet *p, const char *z, long iLine, size_t iAux);
/* The string at offset iStr of the pool (SetEntry.iStr). */
const char *strset_str(const StrSet *p, size_t iStr);
/* Release the set; it is empty again. */
void strset_free(StrSet *p);

/* ---- the kind history (import_history.c) ---- */

enum {
  HISTORY_PERSON_REF, HISTORY_ROUND, HISTORY_FUNDING_STREAM, HISTORY_SHORTLISTED_ON,
  HISTORY_AGREED_ON, HISTORY_SERVICES, HISTORY_OUTCOME, HISTORY_ENDED_ON, HISTORY_N_COL
};
extern const CsvColumn import_history_aCol[HISTORY_N_COL];
void import_history_begin(Import *p);
void import_history_check(Import *p, const CsvRecord *r);
int import_history_save(Import *p, const CsvRecord *r);
int import_history_finish(Import *p);
void import_history_summary(Import *p);
void import_history_end(Import *p);

/* The id of zUsername, an active social worker of agency iAgency (the
** --social-worker of the history import), or 0 after printing why not
** on pErr. */
int64_t import_history_worker(Db *db, int64_t iAgency, const char *zUsername, FILE *pErr);

#endif
