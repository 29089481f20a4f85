/*
** entry.h — the participant's profile at entry, stored (migration 012).
**
** DOMAIN.md "Definitions the reports use": the profile tables count each
** participation as it was on its entry date, the date the project was
** agreed (case_file.agreed_on).  The registry keeps only the current
** people and households, so a household that grows after entry would
** change a past round's table.  Each case that reached an agreed project
** therefore gets one entry_profile row, written once from the registry as
** it is when the row is written, and never changed afterwards:
**
**   entry_date      case_file.agreed_on
**   gender          person.gender ('F', 'M' or NULL)
**   birth_date      person.birth_date (NULL when unknown)
**   age             whole years at entry_date (NULL when no birth date)
**   birth_country   person.birth_country, ISO 3166-1 alpha-2 (NULL unknown)
**   origin          'italy' when birth_country is IT, 'other' for another
**                   country, NULL when unknown
**   household_size  members of the participant's household (the
**                   participant included) at entry: the registry's
**                   members, less any born after the entry date
**   single_mother   1 / 0, NULL when the gender is unknown: a woman who is
**                   the reference person of her household, with a member
**                   whose relationship is 'child' and who is under 18 at
**                   entry (a child with no birth date does not count), and
**                   no member whose relationship is 'partner'
**
** The rules are computed in C (entry_rules below, unit-tested) from the
** rows read in the agency's scope.  Callers: project_agree (the same
** transaction as the agreement), the demo and the history import after
** they write cases with SQL, ali migrate when it applies 012, and the
** profile report before it reads (a no-op when every row exists).
*/
#ifndef ALI_ENTRY_H
#define ALI_ENTRY_H
#include <stdint.h>

#include "../db/db.h"

/* Writes the entry_profile row of every case of agency iAgency whose
** stage is 'agreed' (agreed_on set) and that has none yet, computed from
** the registry as it is now.  Opens no transaction: it runs inside the
** caller's (call it inside db_begin/db_commit when other writes must go
** with it; alone, each INSERT is its own statement).  Returns 0 or a
** negative db.h code (db_errmsg says what). */
int entry_snapshot_fill(Db *db, int64_t iAgency);

/* The same for one case iCase of the agency (project_agree calls it in
** its transaction): writes its row if the case is agreed and has none.
** Returns 0 (also when there is nothing to write) or a db.h code. */
int entry_snapshot_case(Db *db, int64_t iAgency, int64_t iCase);

/* After migrations took a database from schema version iBefore to
** iAfter: when that crossed 12 (iBefore not 0, an empty database, and
** below 12; iAfter 12 or more), writes the rows of every agency's agreed
** cases in one transaction -- the cases agreed before the table existed,
** described by the registry as it is now, the closest there is to their
** entry.  Returns 0 or a db.h code (rolled back). */
int entry_snapshot_upgrade(Db *db, int iBefore, int iAfter);

/* One household member as entry_rules sees it. */
typedef struct EntryMember {
  const char *zRelationship; /* 'reference', 'partner', 'child', ... */
  const char *zBirthDate;    /* YYYY-MM-DD or NULL */
} EntryMember;

/* The computed profile of one participation. */
typedef struct EntryProfile {
  int iAge;           /* whole years at entry (age_at, date.h); -1 unknown */
  int nHousehold;     /* members at entry, the participant included */
  int eSingleMother;  /* 1 yes, 0 no, -1 missing (gender unknown) */
  const char *zOrigin; /* "italy", "other" or NULL (static strings) */
} EntryProfile;

/* Computes the profile of a participant (gender zGender 'F'/'M'/NULL,
** relationship zRel to the household's reference person, birth date,
** birth country) whose household has the nMember members aMember (the
** participant among them), on the entry date zEntry.  Pure: no database. */
void entry_rules(const char *zGender, const char *zRel, const char *zBirth,
                 const char *zCountry, const EntryMember *aMember,
                 int nMember, const char *zEntry, EntryProfile *pOut);

#endif
