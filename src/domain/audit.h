/*
** audit.h — the tamper-evident audit trail.
**
** Every write to case data appends an entry in the same transaction;
** every read of special-category data, every export, every login, failed
** login and denied access appends one too.  Each entry's hash is
** BLAKE2b-256 over the previous entry's hash and the entry's own fields,
** so changing or removing an entry breaks the chain, and audit_verify()
** names the first entry that no longer fits.  No credentials, tokens or
** special-category values ever go into an entry.
**
** The chain.  Entries are numbered 1, 2, 3... with no gap: audit_append
** gives each the id after the chain head's (table audit_head, one row:
** the id and hash of the last entry), so the id is part of what is hashed
** and a deleted entry leaves a hole.  The hash of entry N is
**
**   hex(BLAKE2b-256("ali-audit-v1" || F(prev_hash) || F(id) ||
**       F(agency_id) || F(at) || F(user_id) || F(username) || F(address) ||
**       F(action) || F(entity) || F(entity_id) || F(person_id) || F(detail)))
**
** where prev_hash is the hash of entry N-1 ("" for entry 1) and F()
** encodes one column as stored, so that no two different rows hash the
** same bytes: SQL NULL is the byte 'N'; an integer is 'I' and its 8 bytes
** big-endian (two's complement); text is 'T', its length in bytes as 8
** bytes big-endian, then its bytes.  The hex is lowercase, 64 characters.
**
** What the chain proves, and what it does not: anyone who can only change
** rows is caught (a changed, deleted or inserted entry, a truncated tail).
** Someone who can write the database AND recompute hashes can rebuild the
** chain from the changed entry on; against that, copy the last hash that
** `ali audit verify` prints to somewhere they cannot write (a ticket, a
** signed e-mail, the backup log) and compare later.
*/
#ifndef ALI_AUDIT_H
#define ALI_AUDIT_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/jsonw.h"

/* ------------------------------------------------------------------ */
/* Entries                                                             */
/* ------------------------------------------------------------------ */

#define AUDIT_HASH_HEX 64 /* a hash: BLAKE2b-256 in lowercase hex */

/*
** One entry.  For audit_append the caller owns the strings; integer
** fields that are 0 and string fields that are NULL are stored as SQL
** NULL.  audit_list fills entries with strings in the caller's arena.
*/
typedef struct AuditEntry {
  int64_t id;             /* set by audit_append */
  int64_t iAgency;        /* 0: none known (a failed login) */
  const char *zAt;        /* UTC timestamp; NULL: now */
  int64_t iUser;          /* 0: anonymous or the command line */
  const char *zUsername;  /* as it was then; NULL allowed */
  const char *zAddress;   /* client address; NULL for the command line */
  const char *zAction;    /* create, update, read_sensitive, export, login,
                          ** login_failed, logout, denied, break_glass, ... */
  const char *zEntity;    /* person, household, round, user, ... ; NULL */
  int64_t iEntityId;
  int64_t iPerson;        /* whose data it touched (0: nobody's) */
  const char *zDetail;    /* JSON text (field-level before/after, a reason) */
} AuditEntry;

/*
** Appends *p to the chain and sets p->id.  Must run inside the caller's
** transaction, after the change it records: it locks the chain head
** (UPDATE audit_head ... RETURNING), so on PostgreSQL concurrent appenders
** queue there until this transaction ends, and SQLite writers are
** serialized already.  zAt NULL is now (timestamp_now); zAction must not
** be NULL.  Returns 0, or a db.h code (DB_ERROR also when the chain head
** row is missing: `ali audit verify` then says so); on error the caller
** rolls back its transaction, the change included.
*/
int audit_append(Db *db, AuditEntry *p);

/*
** Many appends in one transaction (an import): audit_chain_begin locks and
** reads the chain head once, audit_chain_append inserts each entry
** chained in memory, audit_chain_end writes the head once, before the
** caller commits.  The entries are exactly those audit_append would
** make.  Use it beyond a few dozen entries per transaction: on PostgreSQL
** every update of the head's row inside one transaction leaves a row
** version that later updates in that transaction must step over, so
** audit_append in a loop costs O(n^2) (10,000 entries: 23 s; 20,000:
** 145 s, measured), the chain O(n).  Between begin and end the head in
** the database is stale: a caller that skips audit_chain_end must roll
** back (verify would report its entries as added outside ali).  Each
** returns 0 or a db.h code.
*/
typedef struct AuditChain {
  int64_t iLast;                       /* id of the last entry so far */
  char zLastHash[AUDIT_HASH_HEX + 1];  /* its hash */
  int nAppended;                       /* entries appended since begin */
} AuditChain;
int audit_chain_begin(Db *db, AuditChain *pC);
int audit_chain_append(Db *db, AuditChain *pC, AuditEntry *p);
int audit_chain_end(Db *db, AuditChain *pC);

/*
** Walks the whole chain in id order, a page at a time (constant memory
** whatever its length), recomputing every hash.  *pnChecked gets the
** number of entries found intact (before the first bad one).  Returns 0
** if the chain is intact; DOMAIN_INVALID with zErr naming the first
** problem:
**   "entry 17 was changed"              its fields, prev_hash or hash
**                                       no longer match
**   "entry 18 is missing (deleted)"     a hole in the ids (or
**   "entries 18 to 20 are missing (deleted)")
**   "the last entries after 41 were removed (42 to 45)" (or "the last
**                                       entry, 42, was removed"; "all 45
**                                       entries were removed")
**   "entry 42 is not in the chain head (added outside ali, or the head
**    was altered)"
**   "entry 41 or the chain head was changed" the last entry is
**                                       self-consistent but not the head's
**   "the chain head (table audit_head) is missing"
** or a db.h code with the database's message in zErr.  Safe to run while
** ali serves: appends made during the walk are not mistaken for damage.
** If zLastHash is not NULL (AUDIT_HASH_HEX + 1 bytes) it gets the hash of
** the last entry checked ("" when none), for keeping elsewhere.
*/
int audit_verify(Db *db, int64_t *pnChecked, char *zLastHash, char *zErr, size_t nErr);

/* The hash of *p (its id set) chained after zPrevHash, as audit_append
** computes it: AUDIT_HASH_HEX lowercase hex digits into zOut.  zAt must
** be set.  Pure; for tests and tools. */
void audit_hash(const char *zPrevHash, const AuditEntry *p, char zOut[AUDIT_HASH_HEX + 1]);

/* The username recorded for the command line: "cli:" and the Unix login
** name of the effective user (getpwuid_r), or "cli:uid N" when the system
** has no name for it.  Always NUL-terminated in zOut (n bytes). */
void audit_cli_username(char *zOut, size_t n);

/* ------------------------------------------------------------------ */
/* Reading the trail                                                   */
/* ------------------------------------------------------------------ */

/* Filters of audit_list(); a zero or NULL field filters nothing. */
typedef struct AuditFilter {
  int64_t iPerson;       /* entries about this person (index audit_person) */
  int64_t iUser;         /* entries by this user id (index audit_user) */
  const char *zUsername; /* entries by this username, exactly ("cli:root"
                         ** finds the command line's; not indexed) */
  const char *zFrom;     /* "YYYY-MM-DD": entries at or after its start */
  const char *zTo;       /* "YYYY-MM-DD": entries up to the end of that day */
  const char *zAction;   /* exactly this action */
  int64_t iBefore;       /* the cursor: entries with id < iBefore (the
                         ** *piNext of the previous page); 0: the newest */
  int nLimit;            /* entries per page: <= 0 means 50; at most 1000 */
} AuditFilter;

/*
** One page of the trail, newest first (keyset by id): the entries of
** agency iAgency matching pF, into a new arena array (*pa NULL when none,
** *pn their number).  *piNext gets the cursor of the next page (the
** iBefore to pass), or 0 when this page is the last.  iAgency 0 reads
** every agency and the entries with none (failed logins): for the
** command line only; pages always pass their caller's agency.  A person
** or user filter reads its index, so a page costs the same at any depth.
** Returns 0; DOMAIN_INVALID when zFrom or zTo is not a valid date (nothing
** read); or a db.h code.
*/
int audit_list(Db *db, Arena *a, int64_t iAgency, const AuditFilter *pF, AuditEntry **pa,
               int *pn, int64_t *piNext);

/* ------------------------------------------------------------------ */
/* Details: field-level changes (audit_diff.c)                         */
/* ------------------------------------------------------------------ */

/*
** The detail of a create or update, built field by field:
**
**   {"name": {"before": "Old", "after": "New"}, "health": "[changed]"}
**
** Only fields whose value changed appear, in the order they were added.
** A created record has before null for each of its fields; a field set
** to nothing has after null.  A special-category field (health,
** psychological, court or addiction notes) is added with
** audit_diff_add_redacted and appears only as the string "[changed]":
** neither value, nor whether it was set or cleared, reaches the trail.
**
**   AuditDiff d;
**   audit_diff_init(&d);
**   audit_diff_add(&d, "name", zOld, zNew);
**   e.zDetail = audit_diff_finish(&d, &a);   NULL: nothing changed
**
** The AuditDiff holds a malloc'ed buffer until audit_diff_finish (or
** audit_diff_free) releases it; it must not be copied while in use.
*/
typedef struct AuditDiff {
  Buf b;      /* the JSON object so far */
  JsonW w;    /* writing into b */
  int n;      /* fields recorded */
} AuditDiff;

void audit_diff_init(AuditDiff *p);

/* Records zField if zBefore and zAfter differ (NULL and "" count as the
** same: both are "no value"); NULL is written as null. */
void audit_diff_add(AuditDiff *p, const char *zField, const char *zBefore, const char *zAfter);

/* Records zField as a JSON number pair if iBefore != iAfter. */
void audit_diff_add_int(AuditDiff *p, const char *zField, int64_t iBefore, int64_t iAfter);

/* Records zField as "[changed]" if zBefore and zAfter differ (NULL and ""
** the same): for special-category fields, whose values never go in the
** trail. */
void audit_diff_add_redacted(AuditDiff *p, const char *zField, const char *zBefore,
                             const char *zAfter);

/* The number of fields recorded so far. */
int audit_diff_count(const AuditDiff *p);

/* The JSON object copied into a, or NULL when no field changed; releases
** the buffer either way (p may be initialised again). */
char *audit_diff_finish(AuditDiff *p, Arena *a);

/* Releases the buffer without producing anything. */
void audit_diff_free(AuditDiff *p);

/*
** The differences between two versions of a record, added to p with the
** record's JSON field names; pBefore NULL for a record being created.
**   person  person_ref, household_ref, relationship, codice_fiscale,
**           first_name, last_name, gender, birth_date, birth_country,
**           citizenship, municipality, minimum_income ("yes", "no",
**           null when unknown)
**   round   code, name, start_date, end_date, max_participants (null: no
**           cap), services (codes joined by ",")
**   stream  code, name, allocation_cents, esf, rule
** Strings of a are used for the services list.
*/
struct Person;
struct Round;
struct FundingStream;
void audit_diff_person(AuditDiff *p, const struct Person *pBefore, const struct Person *pAfter);
void audit_diff_round(AuditDiff *p, Arena *a, const struct Round *pBefore,
                      const struct Round *pAfter);
void audit_diff_stream(AuditDiff *p, const struct FundingStream *pBefore,
                       const struct FundingStream *pAfter);

#endif
