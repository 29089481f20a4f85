/*
** access.h — record-level need-to-know, in one place.
**
** The dispatcher has already checked the route's capability (policy.h);
** what is left is the record: how does this user relate to this person?
** access_person() answers with a Relation (policy.h), computed from the
** cases the user works on (case_file, case_operator), their live
** emergency accesses (break_glass) and their roles:
**
**   REL_MANAGER          a manager, for every person of their agency
**   REL_HOLDER           the social worker of a case (open or closed) of the
**                        person's household
**   REL_PSYCHOTHERAPIST  the psychotherapist of such a case
**   REL_CASE_MANAGER     its case manager, when the case is with the case
**                        manager's own organisation
**   REL_OPERATOR         an operator linked to exactly this person by
**                        case_operator on an open case
**   REL_BREAK_GLASS      a live (unexpired) emergency access of the user to
**                        a member of the person's household
**   REL_REGISTRY         any other person of the agency, for a social
**                        worker: the registry basics only
**   REL_NONE             everything else (and always across agencies)
**
** When several apply, the first in this list wins; each needs the role it
** names (a social worker no longer holds a case once the role is taken
** away).  What each relation may see of the registry record is the table
** behind access_sees(); special-category fields follow
** policy_sensitive_visible().  A person the caller has REL_NONE to must be
** answered exactly like a person that does not exist (404).
**
** Lists are scoped by access_person_scope() (see PersonScope, person.h).
** Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; functions ending in _at take "now"
** so tests can move the clock.  No function opens a transaction.
*/
#ifndef ALI_ACCESS_H
#define ALI_ACCESS_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "person.h"
#include "policy.h"
#include "user.h"

#define ACCESS_BREAK_GLASS_MINUTES 60 /* how long an emergency access lasts */
#define ACCESS_REASON_MIN 10          /* characters a reason needs at least */
#define ACCESS_REASON_MAX 500         /* and at most */

/* The facts access_decide() weighs: each flag 1 when it holds. */
typedef struct AccessFacts {
  int bInAgency;     /* the person (household) exists in the user's agency */
  int bHolder;       /* social worker of a case of the household (closed too) */
  int bPsychotherapist;
  int bCaseManager;  /* case manager of such a case, in their organisation */
  int bOperator;     /* linked by case_operator on an open case */
  int bBreakGlass;   /* a live emergency access covering the household */
} AccessFacts;

/* The relation the facts give a user holding the roles mRoles.  Pure. */
Relation access_decide(unsigned mRoles, const AccessFacts *pF);

/* The caller's relation to person iPerson (of any agency: another
** agency's person is REL_NONE, as is an unknown id or a database error).
** One query. */
Relation access_person(Db *db, const User *pUser, int64_t iPerson);
Relation access_person_at(Db *db, const User *pUser, int64_t iPerson, const char *zNow);

/* The caller's relation to a household as a whole: as for a person, but
** REL_OPERATOR when the user is linked to any of its members.  One query. */
Relation access_household(Db *db, const User *pUser, int64_t iHousehold);
Relation access_household_at(Db *db, const User *pUser, int64_t iHousehold, const char *zNow);

/* The caller's relation to each member aMember[0..n) of household
** iHousehold (as read from the caller's agency: household_members), into
** aRel[0..n): the household's relation for everyone,
** except that an operator relates only to the members linked to them
** (REL_OPERATOR) and to the others as a social worker would (REL_REGISTRY)
** or not at all.  At most two queries.  0 or a db.h code (aRel all
** REL_NONE then). */
int access_members(Db *db, const User *pUser, int64_t iHousehold, const Person *aMember, int n,
                   Relation *aRel);

/* 1 if the relation may change the registry record (and the household):
** REL_HOLDER, REL_BREAK_GLASS, REL_MANAGER. */
int access_can_edit(Relation eRel);

/* 1 if the user may put a person into household zRef of their agency:
** when no such household exists yet (it will be created), or when they
** may edit it (access_can_edit).  0 otherwise, and on a database error. */
int access_household_ref_writable(Db *db, const User *pUser, const char *zRef);

/* The parts of a registry record, for access_sees(). */
typedef enum PersonField {
  PF_NAME = 0,       /* first and last name */
  PF_AGE,            /* age in whole years (not the birth date) */
  PF_HOUSEHOLD,      /* which household, and its members as each is seen */
  PF_RELATIONSHIP,   /* to the household's reference person */
  PF_MUNICIPALITY,   /* of residence (the person's and the household's) */
  PF_PERSON_REF,     /* the agency's own reference */
  PF_CODICE_FISCALE,
  PF_GENDER,
  PF_BIRTH_DATE,
  PF_BIRTH_COUNTRY,
  PF_CITIZENSHIP,
  PF_MINIMUM_INCOME,
  PF_HOUSEHOLD_FACTS, /* size, minors, single parent with minors */
  PF_RECORD_DATES,    /* created_at, updated_at */
  PF_COUNT
} PersonField;

/* 1 if a user related by eRel may see field eField of the record. */
int access_sees(Relation eRel, PersonField eField);
/* The name of a field ("codice_fiscale"), for documentation and tests. */
const char *access_field_code(PersonField eField);
/* The code of a relation ("holder"), for audit details and the API. */
const char *access_relation_code(Relation eRel);

/* Blanks in *p every field eRel may not see (strings NULL, minimum income
** -1), after storing the age today through piAge (-1 when unknown or not
** visible).  Ids and household_ref stay when PF_HOUSEHOLD is visible. */
void access_redact(Relation eRel, Person *p, int *piAge);

/* The scope of person_list() for this user: the whole agency for
** managers and social workers; otherwise the union of what each role
** gives: a case manager the members of the households of the cases (closed too)
** assigned to them in their organisation, a psychotherapist those of
** their cases, an operator the persons linked to them; nothing for
** anyone else. */
void access_person_scope(const User *pUser, PersonScope *pScope);

/* 1 if a row related by eRel may be listed under the filters of pF: the
** relation must see every field the filters match on (a registry row
** found by gender, municipality, minimum income or codice fiscale would
** reveal that field). */
int access_filter_visible(Relation eRel, const PersonFilter *pF);

/* After person_list(pF): the caller's relation to each row into aRel,
** dropping (and compacting away) the rows they may not see, or not under
** these filters (access_filter_visible).  A page may so come out shorter
** than asked; its cursor stays valid.  aRel has room for *pn.  One query
** per 16 rows, none for a manager. */
void access_list_rows(Db *db, const User *pUser, const PersonFilter *pF, Person *a, int *pn,
                      Relation *aRel);

/*
** Emergency access ("break the glass"): lets pUser (who must hold
** CAP_BREAK_GLASS) open the household of person iPerson of their agency
** for ACCESS_BREAK_GLASS_MINUTES from zNow, giving zReason (required,
** ACCESS_REASON_MIN..ACCESS_REASON_MAX characters, errors on "reason").
** Writes the expiry into zExpires.  0, DOMAIN_NOT_FOUND (no such person
** in the agency, or the user lacks the capability), DOMAIN_INVALID (pErr
** filled) or a db.h code.  The caller records it in the audit trail.
*/
int access_break_glass(Db *db, const User *pUser, int64_t iPerson, const char *zReason,
                       const char *zNow, Errors *pErr, char zExpires[21]);

/* One emergency access, as the manager's list shows it. */
typedef struct BreakGlass {
  int64_t id;
  int64_t iUser;
  const char *zUsername, *zUserFullName;
  int64_t iPerson;
  const char *zPersonName;  /* "Last First" */
  const char *zReason;
  const char *zCreatedAt, *zExpiresAt;
} BreakGlass;

/* The emergency accesses of agency iAgency granted at or after zSince,
** newest first, at most nLimit, into a new arena array (*pa NULL when
** none).  0 or a db.h code. */
int access_break_glass_list(Db *db, Arena *a, int64_t iAgency, const char *zSince, int nLimit,
                            BreakGlass **pa, int *pn);

#endif
