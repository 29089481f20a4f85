/*
** cmd_import.c — `ali import KIND FILE`: loads an agency's records from a
** CSV file (src/lib/csv.h), all or nothing.
**
** The driver is the same for every kind; a kind (one row of aKind[]: its
** columns, a check and a save function per row) says what a row means.
** The kinds: people (the registry), shortlist (candidates of a round,
** `--round CODE`) and history (past participations, import_history.c;
** the kinds share the driver's helpers through import.h).
**
** The file is read twice.  Pass 1 checks every row without touching the
** database (the kind's xCheck: the domain's validation plus checks across
** rows such as a reference used twice) and reports every problem as
** "FILE:LINE: field: message", LINE being the physical line the record
** starts on (the header is line 1).  Any problem: exit status 1, nothing
** written, and the database is not even locked.  Pass 2 saves every row
** in ONE transaction (the kind's xSave); what only the database can tell
** (a codice fiscale held by a person not in the file) is reported the
** same way and rolls everything back.  Standard input ("-") is copied to
** a temporary file first so that it can be read twice.
**
** Every record created or changed appends one audit entry in the same
** transaction (action create or update, the field-level changes as its
** detail, by "cli:LOGIN"); a row that changes nothing appends none.  The
** entries go through one AuditChain (audit.h): the chain head is locked
** at the first row and written once, by the kind's xFinish, before the
** commit.
*/
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../domain/audit.h"
#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/codice_fiscale.h"
#include "../lib/csv.h"
#include "../lib/jsonw.h"
#include "../lib/mem.h"
#include "cmd.h"
#include "import.h"

#define IMPORT_PROGRESS_EVERY 4096 /* rows between two progress updates */

/* ------------------------------------------------------------------ */
/* Reporting                                                           */
/* ------------------------------------------------------------------ */

/* Report one problem, "FILE:LINE: FIELD: MESSAGE", on p->pErr. */
void import_problem(Import *p, long iLine, const char *zField, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  if (p->bBar) { /* start below the bar */
    fputc('\n', stderr);
    p->bBar = 0;
  }
  fprintf(p->pErr, "%s:%ld: %s: ", p->zFile, iLine, zField);
  vfprintf(p->pErr, zFmt, ap);
  fputc('\n', p->pErr);
  va_end(ap);
  p->nProblem++;
}

/* Report the field errors the domain collected for the row on iLine. */
void import_errors(Import *p, long iLine, const Errors *pErr) {
  for (int i = 0; i < pErr->n; i++) {
    import_problem(p, iLine, pErr->a[i].zField, "%s", pErr->a[i].zMsg);
  }
}

/* The value of column k of the kind in record r; NULL when the file has
** no such column. */
const char *import_field(const Import *p, const CsvRecord *r, int k) {
  int i = p->aiCol[k];
  return i >= 0 ? r->azField[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* A set of strings, each with the line it was first seen on           */
/* ------------------------------------------------------------------ */

static uint32_t strset_hash(const char *z) {
  uint64_t h = 14695981039346656037ull; /* FNV-1a */
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ull;
  return (uint32_t)(h ^ (h >> 32));
}

const char *strset_str(const StrSet *p, size_t iStr) { return p->pool.z + iStr; }

static void strset_place(StrSet *p, size_t iEntry) {
  size_t i = p->a[iEntry].h & (p->nSlot - 1);
  while (p->aSlot[i]) i = (i + 1) & (p->nSlot - 1);
  p->aSlot[i] = (uint32_t)(iEntry + 1);
}

static void strset_grow(StrSet *p) {
  free(p->aSlot);
  p->nSlot = p->nSlot ? 2 * p->nSlot : 1024;
  p->aSlot = xcalloc(p->nSlot, sizeof *p->aSlot);
  for (size_t i = 0; i < p->n; i++) strset_place(p, i);
}

/* The entry of z, or NULL after adding it (import.h). */
const SetEntry *strset_add(StrSet *p, const char *z, long iLine, size_t iAux) {
  uint32_t h = strset_hash(z);
  if (p->nSlot) {
    for (size_t i = h & (p->nSlot - 1); p->aSlot[i]; i = (i + 1) & (p->nSlot - 1)) {
      const SetEntry *e = &p->a[p->aSlot[i] - 1];
      if (e->h == h && strcmp(strset_str(p, e->iStr), z) == 0) return e;
    }
  }
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 1024;
    p->a = xrealloc(p->a, p->nAlloc * sizeof *p->a);
  }
  p->a[p->n] = (SetEntry){p->pool.n, iAux, iLine, h};
  buf_append(&p->pool, z, strlen(z) + 1);
  p->n++;
  if (2 * p->n > p->nSlot) strset_grow(p);
  else strset_place(p, p->n - 1);
  return NULL;
}

void strset_free(StrSet *p) {
  buf_free(&p->pool);
  free(p->a);
  free(p->aSlot);
  memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ */
/* Kind: people                                                        */
/* ------------------------------------------------------------------ */

enum {
  PEOPLE_PERSON_REF, PEOPLE_HOUSEHOLD_REF, PEOPLE_RELATIONSHIP, PEOPLE_CODICE_FISCALE,
  PEOPLE_FIRST_NAME, PEOPLE_LAST_NAME, PEOPLE_GENDER, PEOPLE_BIRTH_DATE, PEOPLE_BIRTH_COUNTRY,
  PEOPLE_CITIZENSHIP, PEOPLE_MUNICIPALITY, PEOPLE_MINIMUM_INCOME, PEOPLE_N_COL
};

_Static_assert(PEOPLE_N_COL <= IMPORT_MAX_COL, "Import.aiCol holds every column");

static const CsvColumn aPeopleCol[PEOPLE_N_COL] = {
    {"person_ref", 1},    {"household_ref", 1}, {"relationship", 0}, {"codice_fiscale", 0},
    {"first_name", 1},    {"last_name", 1},     {"gender", 0},       {"birth_date", 0},
    {"birth_country", 0}, {"citizenship", 0},   {"municipality", 0}, {"minimum_income", 0},
};

typedef struct PeopleState {
  StrSet refs;       /* person_ref -> first line */
  StrSet cfs;        /* normalized codice fiscale -> first line, person_ref */
  StrSet households; /* household_ref */
  int bCounted;      /* nBefore is set, the audit chain begun */
  int64_t nBefore;   /* people of the agency before saving */
  AuditChain chain;  /* the audit trail, appended to row by row */
  char zCliUser[128]; /* the audit trail's username for this run */
} PeopleState;

/*
** minimum_income as written in a spreadsheet: -1 when blank (unknown),
** 1 for yes/sì/si, 0 for no (any case, spaces around ignored); -2 for
** anything else.
*/
static int people_yes_no(const char *z) {
  if (domain_blank(z)) return -1;
  size_t n;
  const unsigned char *s = (const unsigned char *)domain_trim(z, &n);
  if ((n == 3 && strncasecmp((const char *)s, "yes", 3) == 0) ||
      (n == 2 && strncasecmp((const char *)s, "si", 2) == 0) ||
      (n == 3 && (s[0] | 0x20) == 's' && s[1] == 0xC3 && (s[2] == 0xAC || s[2] == 0x8C)))
    return 1; /* ì is C3 AC, Ì is C3 8C */
  if (n == 2 && strncasecmp((const char *)s, "no", 2) == 0) return 0;
  return -2;
}

/* The Person a record describes; its strings point into the record. */
static Person people_person(const Import *p, const CsvRecord *r) {
  Person o = {0};
  o.zPersonRef = import_field(p, r, PEOPLE_PERSON_REF);
  o.zHouseholdRef = import_field(p, r, PEOPLE_HOUSEHOLD_REF);
  o.zRelationship = import_field(p, r, PEOPLE_RELATIONSHIP);
  o.zCodiceFiscale = import_field(p, r, PEOPLE_CODICE_FISCALE);
  o.zFirstName = import_field(p, r, PEOPLE_FIRST_NAME);
  o.zLastName = import_field(p, r, PEOPLE_LAST_NAME);
  o.zGender = import_field(p, r, PEOPLE_GENDER);
  o.zBirthDate = import_field(p, r, PEOPLE_BIRTH_DATE);
  o.zBirthCountry = import_field(p, r, PEOPLE_BIRTH_COUNTRY);
  o.zCitizenship = import_field(p, r, PEOPLE_CITIZENSHIP);
  o.zMunicipality = import_field(p, r, PEOPLE_MUNICIPALITY);
  int iMin = people_yes_no(import_field(p, r, PEOPLE_MINIMUM_INCOME));
  o.iMinimumIncome = iMin == -2 ? -1 : iMin;
  return o;
}

static void people_begin(Import *p) {
  PeopleState *s = xcalloc(1, sizeof(PeopleState));
  audit_cli_username(s->zCliUser, sizeof s->zCliUser);
  p->pState = s;
}

static void people_end(Import *p) {
  PeopleState *s = p->pState;
  if (!s) return;
  strset_free(&s->refs);
  strset_free(&s->cfs);
  strset_free(&s->households);
  free(s);
  p->pState = 0;
}

/* Across rows: a person_ref used twice, a codice fiscale given to two
** people.  Each problem is reported on the later line. */
static void people_check_unique(Import *p, const CsvRecord *r, const Person *o) {
  PeopleState *s = p->pState;
  size_t iRef = 0;
  if (!domain_blank(o->zPersonRef)) {
    const SetEntry *e = strset_add(&s->refs, o->zPersonRef, r->iLine, 0);
    if (e) {
      import_problem(p, r->iLine, "person_ref", "%s is already on line %ld", o->zPersonRef,
                     e->iLine);
      return; /* the same person twice: the codice fiscale would repeat it */
    }
    iRef = s->refs.a[s->refs.n - 1].iStr;
  }
  char zCf[17];
  cf_normalize(o->zCodiceFiscale, zCf);
  if (domain_blank(o->zPersonRef) || cf_validate(zCf) != CF_OK) return;
  const SetEntry *e = strset_add(&s->cfs, zCf, r->iLine, iRef);
  if (e) {
    import_problem(p, r->iLine, "codice_fiscale", "%s is already given to %s on line %ld", zCf,
                   strset_str(&s->refs, e->iAux), e->iLine);
  }
}

static void people_check(Import *p, const CsvRecord *r) {
  PeopleState *s = p->pState;
  Person o = people_person(p, r);
  Errors err = {0};
  person_validate(&o, &err);
  if (people_yes_no(import_field(p, r, PEOPLE_MINIMUM_INCOME)) == -2) {
    errors_add(&err, "minimum_income", "must be yes or no (or sì), or empty when unknown");
  }
  import_errors(p, r->iLine, &err);
  people_check_unique(p, r, &o);
  if (!domain_blank(o.zHouseholdRef)) strset_add(&s->households, o.zHouseholdRef, r->iLine, 0);
}

static int64_t people_count(Import *p) {
  return db_int(p->db, 0, "SELECT count(*) FROM person WHERE agency_id=$1", "i", p->iAgency);
}

/*
** Append the audit entry of person pAfter just saved, as stored (its
** version before is pBefore, NULL when it is new): the fields that
** changed.  Nothing when an update changed nothing.  0 or a db.h code.
*/
static int people_audit(Import *p, Arena *a, const Person *pBefore, const Person *pAfter) {
  PeopleState *s = p->pState;
  AuditDiff d;
  audit_diff_init(&d);
  audit_diff_person(&d, pBefore, pAfter);
  AuditEntry e = {.iAgency = p->iAgency, .zUsername = s->zCliUser,
                  .zAction = pBefore ? "update" : "create", .zEntity = "person",
                  .iEntityId = pAfter->id, .iPerson = pAfter->id,
                  .zDetail = audit_diff_finish(&d, a)};
  return e.zDetail ? audit_chain_append(p->db, &s->chain, &e) : 0;
}

/* Save the person of record r over the one with its reference, if any,
** and audit the change with both versions as stored. */
static int people_save_existing(Import *p, Arena *a, Person *o, Errors *pErr) {
  Person before, after;
  int64_t iBefore = person_find(p->db, p->iAgency, o->zPersonRef);
  int rc = iBefore ? person_get(p->db, a, p->iAgency, iBefore, &before) : 0;
  if (rc == 0) rc = person_save(p->db, p->iAgency, o, pErr);
  if (rc == 0) rc = person_get(p->db, a, p->iAgency, o->id, &after);
  if (rc == 0) rc = people_audit(p, a, iBefore ? &before : NULL, &after);
  return rc;
}

static int people_save(Import *p, const CsvRecord *r) {
  PeopleState *s = p->pState;
  if (!s->bCounted) { /* the first row: inside the transaction already */
    s->nBefore = people_count(p);
    s->bCounted = 1;
    int rc = audit_chain_begin(p->db, &s->chain);
    if (rc) return rc;
  }
  Person o = people_person(p, r);
  Errors err = {0};
  Arena a = ARENA_INIT;
  int rc;
  if (s->nBefore == 0) {
    /* an empty registry: pass 1 found every reference and codice fiscale
    ** unique in the file, so each row is new and nothing need be looked
    ** up (the first load of an agency: 1,000,000 rows 37 s -> 31 s) */
    rc = person_save_new(p->db, &a, p->iAgency, &o, &err);
    if (rc == 0) rc = people_audit(p, &a, NULL, &o);
  } else {
    rc = people_save_existing(p, &a, &o, &err);
  }
  arena_free(&a);
  if (rc == DOMAIN_INVALID) {
    import_errors(p, r->iLine, &err);
    return 0;
  }
  return rc;
}

/* Write the audit chain's head (an import of no row begun none). */
static int people_finish(Import *p) {
  PeopleState *s = p->pState;
  return s->bCounted ? audit_chain_end(p->db, &s->chain) : 0;
}

static void people_summary(Import *p) {
  PeopleState *s = p->pState;
  int64_t nCreated = people_count(p) - s->nBefore;
  fprintf(p->pOut, "imported %ld %s (%lld created, %lld updated) in %zu household%s\n",
          p->nRow, p->nRow == 1 ? "person" : "people", (long long)nCreated,
          (long long)(p->nRow - nCreated), s->households.n, s->households.n == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* Kind: shortlist                                                     */
/* ------------------------------------------------------------------ */

/*
** Candidates of the round of --round (intake_shortlist): each row names a
** person of the registry, the funding stream whose rule they must meet,
** the social worker (username) who holds the case, and the date (blank:
** today).  Pass 1 checks the fields and that no person appears twice;
** pass 2 what only the database knows (the person exists, the stream
** admits them, the social worker, a place left in the round, not already
** a candidate), each reported on its line.  Every case created appends
** one audit entry "create case", as the web and the API do.
*/
enum { SL_PERSON_REF, SL_FUNDING_STREAM, SL_SOCIAL_WORKER, SL_SHORTLISTED_ON, SL_N_COL };

static const CsvColumn aShortlistCol[SL_N_COL] = {
    {"person_ref", 1}, {"funding_stream", 1}, {"social_worker", 1}, {"shortlisted_on", 0},
};

typedef struct ShortlistState {
  StrSet refs;        /* person_ref -> first line */
  int bBegun;         /* the audit chain is begun */
  long nCreated;
  AuditChain chain;
  char zCliUser[128];
} ShortlistState;

static void shortlist_begin(Import *p) {
  ShortlistState *s = xcalloc(1, sizeof(ShortlistState));
  audit_cli_username(s->zCliUser, sizeof s->zCliUser);
  p->pState = s;
}

static void shortlist_end(Import *p) {
  ShortlistState *s = p->pState;
  if (!s) return;
  strset_free(&s->refs);
  free(s);
  p->pState = 0;
}

/* The entry a record describes (iPerson still 0); strings into r. */
static ShortlistEntry shortlist_entry(const Import *p, const CsvRecord *r) {
  ShortlistEntry e = {0};
  e.zStream = import_field(p, r, SL_FUNDING_STREAM);
  e.zSocialWorker = import_field(p, r, SL_SOCIAL_WORKER);
  e.zShortlistedOn = import_field(p, r, SL_SHORTLISTED_ON);
  return e;
}

static void shortlist_check(Import *p, const CsvRecord *r) {
  ShortlistState *s = p->pState;
  const char *zRef = import_field(p, r, SL_PERSON_REF);
  ShortlistEntry e = shortlist_entry(p, r);
  Errors err = {0};
  if (domain_blank(zRef)) errors_add(&err, "person_ref", "required");
  if (domain_blank(e.zStream)) errors_add(&err, "funding_stream", "required");
  else domain_check_code(&err, "funding_stream", e.zStream);
  if (domain_blank(e.zSocialWorker)) errors_add(&err, "social_worker", "required");
  intake_check_date(&err, "shortlisted_on", e.zShortlistedOn, 0);
  import_errors(p, r->iLine, &err);
  if (domain_blank(zRef)) return;
  const SetEntry *pSeen = strset_add(&s->refs, zRef, r->iLine, 0);
  if (pSeen) {
    import_problem(p, r->iLine, "person_ref", "%s is already on line %ld", zRef, pSeen->iLine);
  }
}

/* The audit entry of case iCase just created for person iPerson. */
static int shortlist_audit(Import *p, int64_t iCase, int64_t iPerson, const ShortlistEntry *e) {
  ShortlistState *s = p->pState;
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_str(&w, "round", p->zRound);
  jw_kv_str(&w, "funding_stream", e->zStream);
  jw_kv_str(&w, "social_worker", e->zSocialWorker);
  jw_kv_str(&w, "shortlisted_on", domain_blank(e->zShortlistedOn) ? NULL : e->zShortlistedOn);
  jw_kv_str(&w, "stage", "shortlisted");
  jw_obj_end(&w);
  AuditEntry a = {.iAgency = p->iAgency, .zUsername = s->zCliUser, .zAction = "create",
                  .zEntity = "case", .iEntityId = iCase, .iPerson = iPerson,
                  .zDetail = buf_str(&b)};
  int rc = audit_chain_append(p->db, &s->chain, &a);
  buf_free(&b);
  return rc;
}

static int shortlist_save(Import *p, const CsvRecord *r) {
  ShortlistState *s = p->pState;
  if (!s->bBegun) {
    int rc = audit_chain_begin(p->db, &s->chain);
    if (rc) return rc;
    s->bBegun = 1;
  }
  const char *zRef = import_field(p, r, SL_PERSON_REF);
  ShortlistEntry e = shortlist_entry(p, r);
  e.iPerson = person_find(p->db, p->iAgency, zRef);
  if (!e.iPerson) {
    import_problem(p, r->iLine, "person_ref", "no person %s in the registry", zRef);
    return 0;
  }
  Errors err = {0};
  int64_t iCase = 0;
  int rc = intake_shortlist(p->db, p->iAgency, p->iRound, &e, 0, &iCase, &err);
  if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
    for (int i = 0; i < err.n; i++) { /* the file names the person by person_ref */
      if (strcmp(err.a[i].zField, "person") == 0) err.a[i].zField = "person_ref";
    }
    import_errors(p, r->iLine, &err);
    return 0;
  }
  if (rc) return rc;
  s->nCreated++;
  return shortlist_audit(p, iCase, e.iPerson, &e);
}

static int shortlist_finish(Import *p) {
  ShortlistState *s = p->pState;
  return s->bBegun ? audit_chain_end(p->db, &s->chain) : 0;
}

static void shortlist_summary(Import *p) {
  ShortlistState *s = p->pState;
  int nLeft = -1;
  fprintf(p->pOut, "shortlisted %ld candidate%s into round %s", s->nCreated,
          s->nCreated == 1 ? "" : "s", p->zRound);
  if (intake_places_left(p->db, p->iAgency, p->iRound, &nLeft) == 0 && nLeft >= 0) {
    fprintf(p->pOut, " (%d place%s left)", nLeft, nLeft == 1 ? "" : "s");
  }
  fputc('\n', p->pOut);
}

/* ------------------------------------------------------------------ */
/* The table of kinds and the driver                                   */
/* ------------------------------------------------------------------ */

static const ImportKind aKind[] = {
    {"people", "people", aPeopleCol, PEOPLE_N_COL, 0, people_begin, people_check, people_save,
     people_finish, people_summary, people_end},
    {"shortlist", "candidates", aShortlistCol, SL_N_COL, 1, shortlist_begin, shortlist_check,
     shortlist_save, shortlist_finish, shortlist_summary, shortlist_end},
    {"history", "participations", import_history_aCol, HISTORY_N_COL, 0, import_history_begin,
     import_history_check, import_history_save, import_history_finish, import_history_summary,
     import_history_end},
};
#define N_KIND (int)(sizeof aKind / sizeof aKind[0])

static const char zUsage[] =
    "usage: ali import KIND FILE.csv [--round CODE] [--social-worker USERNAME]\n"
    "                  [--db PATH|postgresql://URL] [--agency CODE]\n\n"
    "Imports records from a CSV file (UTF-8, a header row, comma or semicolon\n"
    "separated), all or nothing: if any row is wrong, every problem is printed as\n"
    "FILE:LINE: field: message, nothing is imported and the exit status is 1.\n"
    "FILE may be - for standard input.\n\n"
    "KIND:\n"
    "  people   the registry: person_ref, household_ref, first_name, last_name\n"
    "           (required), relationship, codice_fiscale, gender, birth_date,\n"
    "           birth_country, citizenship, municipality, minimum_income.\n"
    "           A person_ref already in the database is updated.\n"
    "  shortlist candidates of the round --round CODE (required): person_ref,\n"
    "           funding_stream (the stream's code; the person must meet its rule),\n"
    "           social_worker (username of the social worker holding the case),\n"
    "           shortlisted_on (YYYY-MM-DD; blank or absent: today).\n"
    "  history  past participations, one per person and round: person_ref,\n"
    "           round, funding_stream, shortlisted_on (required), agreed_on\n"
    "           (empty: never reached a project), services (codes separated by\n"
    "           |, each an intervention that started), outcome (empty: ongoing),\n"
    "           ended_on (with the outcome).  A row imported before is left\n"
    "           unchanged, or corrected; a case made in ali is never touched.\n"
    "           --social-worker USERNAME: the social worker of the cases it\n"
    "           creates (default: none; they are listed among the cases\n"
    "           without a worker while open).\n\n"
    "See docs/cli.md for the columns and their formats.\n";

/* The number of '\n' in the file: the total for the progress bar. */
static long import_count_lines(FILE *in) {
  char aBuf[65536];
  long n = 0;
  size_t nRead;
  while ((nRead = fread(aBuf, 1, sizeof aBuf, in)) > 0) {
    for (const char *z = aBuf, *zEnd = aBuf + nRead; (z = memchr(z, '\n', (size_t)(zEnd - z)));
         z++)
      n++;
  }
  rewind(in);
  return n;
}

/* Open zFile for two passes; "-" is standard input copied to a
** temporary file.  NULL after printing why on pErr. */
static FILE *import_open(const char *zFile, FILE *pErr) {
  if (strcmp(zFile, "-") != 0) {
    FILE *in = fopen(zFile, "rb");
    struct stat st;
    if (in && (fstat(fileno(in), &st) || S_ISDIR(st.st_mode))) {
      fclose(in);
      in = 0;
    }
    if (!in) fprintf(pErr, "ali: cannot open %s\n", zFile);
    return in;
  }
  FILE *tmp = tmpfile();
  if (!tmp) {
    fprintf(pErr, "ali: cannot create a temporary file for standard input\n");
    return 0;
  }
  char aBuf[65536];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, stdin)) > 0) fwrite(aBuf, 1, n, tmp);
  if (ferror(stdin) || fflush(tmp)) {
    fprintf(pErr, "ali: cannot read standard input\n");
    fclose(tmp);
    return 0;
  }
  rewind(tmp);
  return tmp;
}

/* Read the header and map the kind's columns: 0, or the number of
** problems (reported). */
static int import_header(Import *p, CsvReader *pRd) {
  const CsvRecord *r;
  int rc = csv_next(pRd, &r);
  if (rc == CSV_ERROR) {
    import_problem(p, csv_errline(pRd), "csv", "%s", csv_errmsg(pRd));
    return 1;
  }
  if (rc == CSV_END) {
    import_problem(p, 1, "header", "the file is empty");
    return 1;
  }
  Buf err = BUF_INIT;
  int nBad = csv_columns(r, p->pKind->aCol, p->pKind->nCol, p->aiCol, &err);
  for (char *z = err.z, *zEnd; nBad && (zEnd = strchr(z, '\n')); z = zEnd + 1) {
    *zEnd = 0;
    import_problem(p, r->iLine, "header", "%s", z);
  }
  buf_free(&err);
  p->nHeaderField = r->nField;
  return nBad;
}

/*
** Read every data record of the file, calling xRow (pass 1: the kind's
** check; pass 2: its save) on the records with as many fields as the
** header.  Returns 0, or the db.h error xRow returned (reading stops).
** Problems of the file itself are reported and counted.
*/
static int import_pass(Import *p, int bSave) {
  rewind(p->in);
  CsvReader *pRd = csv_reader_new(p->in, 0);
  int rc = 0;
  if (import_header(p, pRd) == 0) {
    const CsvRecord *r;
    long nDone = 0;
    const char *zWhat = bSave ? "saving" : "checking";
    int rcCsv;
    while (rc == 0 && (rcCsv = csv_next(pRd, &r)) == CSV_RECORD) {
      if (r->nField != p->nHeaderField) {
        import_problem(p, r->iLine, "row", "%d fields where the header has %d", r->nField,
                       p->nHeaderField);
      } else if (bSave) {
        rc = p->pKind->xSave(p, r);
      } else {
        p->pKind->xCheck(p, r);
      }
      if (++nDone % IMPORT_PROGRESS_EVERY == 0) {
        cli_progress(zWhat, bSave ? nDone : csv_lines_read(pRd), bSave ? p->nRow : p->nLine);
        p->bBar = isatty(2);
      }
    }
    if (rc == 0 && rcCsv == CSV_ERROR) {
      import_problem(p, csv_errline(pRd), "csv", "%s", csv_errmsg(pRd));
    }
    if (!bSave) p->nRow = nDone;
    if (rc == 0 && p->bBar) { /* complete the bar, which ends its line */
      long nEnd = bSave ? nDone : csv_lines_read(pRd);
      cli_progress(zWhat, nEnd, nEnd);
    }
    p->bBar = 0;
  }
  csv_reader_free(pRd);
  return rc;
}

/* Pass 2: everything in one transaction, committed only if every row
** saved.  Returns the exit status. */
static int import_save(Import *p) {
  int rc = db_begin(p->db);
  if (rc == 0) rc = import_pass(p, 1);
  if (rc == 0 && p->nProblem == 0) rc = p->pKind->xFinish(p);
  if (rc == 0 && p->nProblem == 0) {
    rc = db_commit(p->db);
    if (rc == 0) {
      db_analyze(p->db); /* a bulk load: only the plans would suffer if it failed */
      p->pKind->xSummary(p);
      return 0;
    }
  }
  if (rc) fprintf(p->pErr, "ali: %s: database error: %s\n", p->zFile, db_errmsg(p->db));
  db_rollback(p->db);
  return 1;
}

/* Both passes.  Returns the exit status. */
static int import_run(Import *p) {
  p->pKind->xBegin(p);
  p->nLine = import_count_lines(p->in);
  int rc = import_pass(p, 0);
  if (rc == 0 && p->nProblem == 0) rc = import_save(p);
  else rc = 1;
  if (p->nProblem) {
    fprintf(p->pErr, "ali: %s: %ld problem%s, nothing imported\n", p->zFile, p->nProblem,
            p->nProblem == 1 ? "" : "s");
  }
  p->pKind->xEnd(p);
  return rc;
}

/* The kind named zKind, or NULL. */
static const ImportKind *import_kind(const char *zKind) {
  for (int i = 0; i < N_KIND; i++) {
    if (strcmp(zKind, aKind[i].zName) == 0) return &aKind[i];
  }
  return NULL;
}

/* Run the import *p (its kind, file, database, agency and options set):
** opens p->zFile, runs both passes, closes it.  Returns the exit status:
** 0 imported, 1 not. */
static int import_file_with(Import *p) {
  p->in = import_open(p->zFile, p->pErr);
  if (!p->in) return 1;
  int rc = import_run(p);
  fclose(p->in);
  return rc;
}

/*
** Import zFile as pKind (a kind that needs no round) into the agency:
** the summary goes to pOut, every problem to pErr.  Returns the exit
** status: 0 imported, 1 not.
*/
static int import_file(Db *db, int64_t iAgency, const ImportKind *pKind, const char *zFile,
                       FILE *pOut, FILE *pErr) {
  Import imp = {.pKind = pKind, .zFile = zFile, .db = db, .iAgency = iAgency, .pOut = pOut,
                .pErr = pErr};
  return import_file_with(&imp);
}

/* The round --round names, for a kind that needs one: its id, or 0 after
** printing why not. */
static int64_t import_round(Db *db, int64_t iAgency, const char *zRound) {
  int64_t iRound = round_find(db, iAgency, zRound);
  if (!iRound) fprintf(stderr, "ali: there is no round %s in the agency\n", zRound);
  return iRound;
}

int cmd_import(int argc, char **argv) {
  if (cli_wants_help(argc, argv, zUsage)) return 0;
  static const struct option aOpt[] = {{"db", required_argument, 0, 'd'},
                                       {"agency", required_argument, 0, 'a'},
                                       {"round", required_argument, 0, 'r'},
                                       {"social-worker", required_argument, 0, 's'},
                                       {0, 0, 0, 0}};
  const char *zDb = 0, *zAgency = 0, *zRound = 0, *zWorker = 0;
  int c;
  while ((c = getopt_long(argc, argv, "", aOpt, 0)) != -1) {
    if (c == 'd') zDb = optarg;
    else if (c == 'a') zAgency = optarg;
    else if (c == 'r') zRound = optarg;
    else if (c == 's') zWorker = optarg;
    else {
      fputs(zUsage, stderr);
      return 2;
    }
  }
  if (argc - optind != 2) {
    fputs(zUsage, stderr);
    return 2;
  }
  const ImportKind *pKind = import_kind(argv[optind]);
  if (!pKind) {
    fprintf(stderr, "ali: cannot import '%s': the kinds are people, shortlist, history\n",
            argv[optind]);
    return 2;
  }
  if (pKind->bRound != (zRound != 0)) {
    fprintf(stderr, pKind->bRound ? "ali: import %s needs --round CODE\n"
                                  : "ali: import %s takes no --round\n", pKind->zName);
    return 2;
  }
  if (zWorker && pKind->xBegin != import_history_begin) {
    fprintf(stderr, "ali: import %s takes no --social-worker\n", pKind->zName);
    return 2;
  }
  Db *db = cli_open(cli_db_url(zDb));
  if (!db) return 1;
  int64_t iAgency = cli_agency(db, zAgency, 0, 0);
  int64_t iRound = iAgency && zRound ? import_round(db, iAgency, zRound) : 0;
  int64_t iWorker = iAgency && zWorker ? import_history_worker(db, iAgency, zWorker, stderr) : 0;
  int rc = 1;
  if (iAgency && (!zRound || iRound) && (!zWorker || iWorker)) {
    const char *zFile = argv[optind + 1];
    Import imp = {.pKind = pKind, .zFile = zFile, .db = db, .iAgency = iAgency, .zRound = zRound,
                  .iRound = iRound, .iSocialWorker = iWorker, .pOut = stdout, .pErr = stderr};
    rc = zRound || zWorker ? import_file_with(&imp)
                           : import_file(db, iAgency, pKind, zFile, stdout, stderr);
  }
  db_close(db);
  return rc;
}
