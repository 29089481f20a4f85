/*
** multipart.h — a minimal, strict reader of multipart/form-data bodies
** (RFC 7578) for forms that send one file: text fields and at most one
** file part.  Ours rather than libmicrohttpd's PostProcessor, the source
** of most of its CVEs; whatever a browser would not send is refused:
**
**   - the Content-Type must be multipart/form-data with a boundary of 1
**     to 70 characters (quoted or not);
**   - the body starts with "--boundary" CRLF (no preamble) and ends with
**     "--boundary--", optionally followed by one CRLF and nothing else;
**   - each part has a Content-Disposition: form-data header with a name
**     (and a filename for the file), optionally a Content-Type, no other
**     header; header lines end with CRLF and are at most 1024 bytes;
**   - at most MULTIPART_MAX_FIELDS text fields, each at most
**     MULTIPART_MAX_TEXT bytes without a NUL byte, names of 1..100
**     bytes; at most one part with a filename.
**
** A file input left empty by the browser arrives as a part with an empty
** filename and no bytes: it counts as no file.  Nothing is copied but
** the names and the text values (into the arena); the file's bytes are
** a pointer into the body, which must outlive the result.
*/
#ifndef ALI_MULTIPART_H
#define ALI_MULTIPART_H
#include <stddef.h>

#include "../lib/arena.h"

#define MULTIPART_MAX_FIELDS 64
#define MULTIPART_MAX_TEXT (64 * 1024)

typedef struct MultipartFile {
  const char *zField;    /* the form field's name */
  const char *zFilename; /* as sent (unchecked; may be "") */
  const char *zType;     /* the part's Content-Type, or NULL */
  const char *pData;     /* the bytes, inside the body */
  size_t nData;
} MultipartFile;

typedef struct Multipart {
  const char **azField;  /* name, value, name, value ... (NUL-terminated values) */
  int nField;
  MultipartFile file;    /* file.zField NULL: no file was sent */
} Multipart;

/*
** Parses the nBody bytes at zBody sent with zContentType into *p (arena
** a).  Returns 0, or -1 with *pzErr a message (a msgid: "The form could
** not be read.") -- the detail is not shown to people: a browser never
** sends a malformed form.
*/
int multipart_parse(const char *zContentType, const char *zBody, size_t nBody, Arena *a,
                    Multipart *p, const char **pzErr);

#endif
