/*
** receipt.h — the files that prove an expense: a PDF or an image (PNG,
** JPEG), at most RECEIPT_MAX_BYTES, recognised by their content (the
** first bytes), never by a name or a declared type.
**
** Storage.  Receipts live in the files directory the server is given
** (`ali serve --files DIR`, next to the database by default), never
** under anything the server publishes: they are read back only through
** routes that check who asks (the expense's cooperative, a manager).
** A file is named by the SHA-256 of its bytes, DIR/ab/abcdef... (the
** first two hex digits a subdirectory), written to a temporary file,
** flushed and renamed, so that a crash leaves no half file; the same
** bytes sent twice are stored once.  A file whose expense goes away
** stays (another expense may share it; money records are kept).
** Reading checks the hash again: a changed file is refused.
*/
#ifndef ALI_RECEIPT_H
#define ALI_RECEIPT_H
#include <stddef.h>

#include "../lib/buf.h"

#define RECEIPT_MAX_BYTES (5u * 1024 * 1024) /* 5 MB */
#define RECEIPT_SHA256_HEX 64

/* The media type of the n bytes at p by their first bytes:
** "application/pdf" (%PDF-), "image/png", "image/jpeg"; NULL for
** anything else.  Pure. */
const char *receipt_type_of(const void *p, size_t n);

/*
** NULL when the n bytes at p are an acceptable receipt, else why not
** (a msgid): empty, larger than RECEIPT_MAX_BYTES, not a PDF or an
** image, or -- when zDeclared is not NULL -- not of the declared type
** (the API's Content-Type).  *pzType gets the type found.  Pure.
*/
const char *receipt_problem(const void *p, size_t n, const char *zDeclared, const char **pzType);

/* The lowercase hex SHA-256 of the n bytes at p into zOut. */
void receipt_sha256(const void *p, size_t n, char zOut[RECEIPT_SHA256_HEX + 1]);

/*
** Stores the n bytes at p under directory zDir (created, mode 0700, if
** missing) as DIR/ab/<sha256>; zSha gets the hash, which is also the
** stored file's name.  0, or -1 with the reason in zErr.
*/
int receipt_store(const char *zDir, const void *p, size_t n, char zSha[RECEIPT_SHA256_HEX + 1],
                  char *zErr, size_t nErr);

/* Appends the stored file zSha (a 64-hex name) of directory zDir to
** pOut after checking its hash.  0, or -1 with the reason in zErr. */
int receipt_load(const char *zDir, const char *zSha, Buf *pOut, char *zErr, size_t nErr);

/* The name a file was sent with, made safe to keep and show: the part
** after the last '/' or '\\', at most 100 bytes of printable UTF-8
** (control characters, quotes and backslashes dropped); NULL when
** nothing is left.  Written into zOut (nOut bytes). */
const char *receipt_clean_name(const char *zName, char *zOut, size_t nOut);

#endif
