/*
** access.c — record-level need-to-know (see access.h): the relation of a
** user to a person or a household, what each relation sees of the
** registry record, the scope of lists, and emergency access.
**
** The relation is decided in two steps: one query gathers the facts
** (AccessFacts: the open cases of the household the user works on, an
** operator link, a live emergency access), then access_decide() applies
** the roles, purely.  The query starts from the person's household, so
** it reads a handful of rows through the indexes case_file(person_id),
** person(household_id), case_operator(user_id) and break_glass(user_id).
*/
#include "access.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "domain.h"

/* ------------------------------------------------------------------ */
/* Deciding                                                            */
/* ------------------------------------------------------------------ */

Relation access_decide(unsigned mRoles, const AccessFacts *pF) {
  if (!pF->bInAgency) return REL_NONE;
  if (mRoles & ROLE_MANAGER) return REL_MANAGER;
  if (pF->bHolder && (mRoles & ROLE_SOCIAL_WORKER)) return REL_HOLDER;
  if (pF->bPsychotherapist && (mRoles & ROLE_PSYCHOTHERAPIST)) return REL_PSYCHOTHERAPIST;
  if (pF->bCaseManager && (mRoles & ROLE_CASE_MANAGER)) return REL_CASE_MANAGER;
  if (pF->bOperator && (mRoles & ROLE_OPERATOR)) return REL_OPERATOR;
  if (pF->bBreakGlass && policy_allows(mRoles, CAP_BREAK_GLASS)) return REL_BREAK_GLASS;
  if (mRoles & ROLE_SOCIAL_WORKER) return REL_REGISTRY;
  return REL_NONE;
}

/* The case roles the user has in the cases of the household, as bits (1
** holder, 2 psychotherapist, 4 case manager within the user's
** organisation): a subquery over household h (an alias the statement
** defines) with the user $3 and organisation $4.  Closed cases count: the
** social worker still holds the citizen's file after a path ends, and the
** psychotherapist and case manager who followed it read (not change: a
** closed path is read-only) what they wrote, and follow the person up.
** Operators' links end with the case (case_operator below). */
#define ACCESS_CASE_BITS_SQL                                                             \
  "(SELECT coalesce(max(CASE WHEN c.social_worker_id=$3 THEN 1 ELSE 0 END),0)"           \
  " + 2*coalesce(max(CASE WHEN c.psychotherapist_id=$3 THEN 1 ELSE 0 END),0)"            \
  " + 4*coalesce(max(CASE WHEN c.case_manager_id=$3 AND c.organisation_id=$4"            \
  " THEN 1 ELSE 0 END),0)"                                                               \
  " FROM person q JOIN case_file c ON c.person_id=q.id"                                  \
  " WHERE q.household_id=h.id AND c.agency_id=$2)"

/* A live emergency access of user $3 to a member of household h at $5. */
#define ACCESS_BREAK_GLASS_SQL                                                           \
  "(SELECT count(*) FROM break_glass b JOIN person q ON q.id=b.person_id"                \
  " WHERE b.user_id=$3 AND b.agency_id=$2 AND q.household_id=h.id AND b.expires_at>$5)"

/* The facts of the current row of an access statement (case bits,
** operator links, emergency accesses), into *pF. */
static void access_facts_of_row(DbStmt *q, AccessFacts *pF) {
  int64_t mCase = db_col_int(q, 0);
  memset(pF, 0, sizeof *pF);
  pF->bInAgency = 1;
  pF->bHolder = (mCase & 1) != 0;
  pF->bPsychotherapist = (mCase & 2) != 0;
  pF->bCaseManager = (mCase & 4) != 0;
  pF->bOperator = db_col_int(q, 1) > 0;
  pF->bBreakGlass = db_col_int(q, 2) > 0;
}

/* Reads the row of an access statement into *pF (none: no facts at all),
** and releases q. */
static void access_facts_read(DbStmt *q, AccessFacts *pF) {
  memset(pF, 0, sizeof *pF);
  if (db_step(q) == DB_ROW) access_facts_of_row(q, pF);
  db_done(q);
}

/* Binds the parameters every access statement shares. */
static void access_bind(DbStmt *q, int64_t id, const User *pUser, const char *zNow) {
  db_bind_int(q, 1, id);
  db_bind_int(q, 2, pUser->iAgency);
  db_bind_int(q, 3, pUser->id);
  db_bind_int(q, 4, pUser->iOrganisation);
  db_bind_text(q, 5, zNow);
}

/* A manager's relation depends only on the agency (access_decide): one
** primary-key read instead of the facts' subqueries, on every page a
** manager opens. */
static Relation access_manager(Db *db, const User *pUser, const char *zSql, int64_t id) {
  int64_t bIn = db_int(db, 0, zSql, "ii", id, pUser->iAgency);
  AccessFacts f = {.bInAgency = bIn != 0};
  return access_decide(pUser->mRoles, &f);
}

/* The facts of person p (and p.id, the fourth column), for the person or
** people the statement's "p.id" condition, which follows, picks. */
#define ACCESS_PERSON_FACTS_SQL                                                          \
  "SELECT " ACCESS_CASE_BITS_SQL ","                                                     \
  " (SELECT count(*) FROM case_operator o JOIN case_file c ON c.id=o.case_id"            \
  " WHERE o.user_id=$3 AND o.person_id=p.id AND c.agency_id=$2"                          \
  " AND c.closed_at IS NULL), " ACCESS_BREAK_GLASS_SQL ", p.id"                          \
  " FROM person p JOIN household h ON h.id=p.household_id"                               \
  " WHERE p.agency_id=$2 AND p.id"

Relation access_person_at(Db *db, const User *pUser, int64_t iPerson, const char *zNow) {
  if (!pUser || pUser->id <= 0 || iPerson <= 0) return REL_NONE;
  if (pUser->mRoles & ROLE_MANAGER) {
    return access_manager(db, pUser,
                          "SELECT 1 FROM person WHERE id=$1 AND agency_id=$2", iPerson);
  }
  DbStmt *q = db_prepare(db, ACCESS_PERSON_FACTS_SQL "=$1");
  access_bind(q, iPerson, pUser, zNow);
  AccessFacts f;
  access_facts_read(q, &f);
  return access_decide(pUser->mRoles, &f);
}

Relation access_person(Db *db, const User *pUser, int64_t iPerson) {
  char zNow[21];
  timestamp_now(zNow);
  return access_person_at(db, pUser, iPerson, zNow);
}

Relation access_household_at(Db *db, const User *pUser, int64_t iHousehold, const char *zNow) {
  if (!pUser || pUser->id <= 0 || iHousehold <= 0) return REL_NONE;
  if (pUser->mRoles & ROLE_MANAGER) {
    return access_manager(db, pUser,
                          "SELECT 1 FROM household WHERE id=$1 AND agency_id=$2",
                          iHousehold);
  }
  DbStmt *q = db_prepare(db,
                         "SELECT " ACCESS_CASE_BITS_SQL ","
                         " (SELECT count(*) FROM case_operator o JOIN case_file c ON c.id=o.case_id"
                         " JOIN person q ON q.id=o.person_id WHERE o.user_id=$3"
                         " AND q.household_id=h.id AND c.agency_id=$2 AND c.closed_at IS NULL), "
                         ACCESS_BREAK_GLASS_SQL
                         " FROM household h WHERE h.id=$1 AND h.agency_id=$2");
  access_bind(q, iHousehold, pUser, zNow);
  AccessFacts f;
  access_facts_read(q, &f);
  return access_decide(pUser->mRoles, &f);
}

Relation access_household(Db *db, const User *pUser, int64_t iHousehold) {
  char zNow[21];
  timestamp_now(zNow);
  return access_household_at(db, pUser, iHousehold, zNow);
}

int access_members(Db *db, const User *pUser, int64_t iHousehold, const Person *aMember, int n,
                   Relation *aRel) {
  for (int i = 0; i < n; i++) aRel[i] = REL_NONE;
  if (!pUser || pUser->id <= 0 || iHousehold <= 0) return 0;
  Relation eHousehold;
  if (pUser->mRoles & ROLE_MANAGER) {
    /* the members were read from the caller's agency: so is the
    ** household (a statement less on every person page and answer) */
    AccessFacts f = {.bInAgency = n > 0};
    eHousehold = access_decide(pUser->mRoles, &f);
  } else {
    eHousehold = access_household(db, pUser, iHousehold);
  }
  if (eHousehold != REL_OPERATOR) {
    for (int i = 0; i < n; i++) aRel[i] = eHousehold;
    return 0;
  }
  /* an operator: the members linked to them; the others as a social
  ** worker of the agency would see them, if the user is one */
  Relation eOther = (pUser->mRoles & ROLE_SOCIAL_WORKER) ? REL_REGISTRY : REL_NONE;
  for (int i = 0; i < n; i++) aRel[i] = eOther;
  DbStmt *q = db_query(db,
                       "SELECT DISTINCT o.person_id FROM case_operator o"
                       " JOIN case_file c ON c.id=o.case_id JOIN person q ON q.id=o.person_id"
                       " WHERE o.user_id=$1 AND q.household_id=$2 AND c.agency_id=$3"
                       " AND c.closed_at IS NULL",
                       "iii", pUser->id, iHousehold, pUser->iAgency);
  int rc;
  while ((rc = db_step(q)) == DB_ROW) {
    int64_t id = db_col_int(q, 0);
    for (int i = 0; i < n; i++) {
      if (aMember[i].id == id) aRel[i] = REL_OPERATOR;
    }
  }
  db_done(q);
  if (rc < 0) {
    for (int i = 0; i < n; i++) aRel[i] = REL_NONE;
    return rc;
  }
  return 0;
}

int access_can_edit(Relation eRel) {
  return eRel == REL_HOLDER || eRel == REL_BREAK_GLASS || eRel == REL_MANAGER;
}

int access_household_ref_writable(Db *db, const User *pUser, const char *zRef) {
  if (!pUser || pUser->id <= 0) return 0;
  if (domain_blank(zRef)) return 1; /* refused by validation anyway */
  int64_t iHousehold = 0;
  if (domain_one_int(db_query(db, "SELECT id FROM household WHERE agency_id=$1 AND household_ref=$2",
                              "it", pUser->iAgency, zRef),
                     &iHousehold)) {
    return 0;
  }
  return !iHousehold || access_can_edit(access_household(db, pUser, iHousehold));
}

/* ------------------------------------------------------------------ */
/* What each relation sees of the registry record                      */
/* ------------------------------------------------------------------ */

#define BIT(r) (1u << (r))
/* The relations that see the whole registry record. */
#define REL_FULL                                                                          \
  (BIT(REL_CASE_MANAGER) | BIT(REL_PSYCHOTHERAPIST) | BIT(REL_HOLDER) | BIT(REL_BREAK_GLASS) | \
   BIT(REL_MANAGER))

/* Field -> the relations that see it.  The registry view is the basics a
** social worker searches by (name, age, household); an operator also
** needs where the person lives and who they are in the household; the
** relations of a case see everything.  Special-category fields are not
** here: policy_sensitive_visible() decides them. */
static const struct {
  const char *zCode;
  unsigned mRel;
} aField[PF_COUNT] = {
    [PF_NAME] = {"name", BIT(REL_REGISTRY) | BIT(REL_OPERATOR) | REL_FULL},
    [PF_AGE] = {"age", BIT(REL_REGISTRY) | BIT(REL_OPERATOR) | REL_FULL},
    [PF_HOUSEHOLD] = {"household", BIT(REL_REGISTRY) | BIT(REL_OPERATOR) | REL_FULL},
    [PF_RELATIONSHIP] = {"relationship", BIT(REL_OPERATOR) | REL_FULL},
    [PF_MUNICIPALITY] = {"municipality", BIT(REL_OPERATOR) | REL_FULL},
    [PF_PERSON_REF] = {"person_ref", REL_FULL},
    [PF_CODICE_FISCALE] = {"codice_fiscale", REL_FULL},
    [PF_GENDER] = {"gender", REL_FULL},
    [PF_BIRTH_DATE] = {"birth_date", REL_FULL},
    [PF_BIRTH_COUNTRY] = {"birth_country", REL_FULL},
    [PF_CITIZENSHIP] = {"citizenship", REL_FULL},
    [PF_MINIMUM_INCOME] = {"minimum_income", REL_FULL},
    [PF_HOUSEHOLD_FACTS] = {"household_facts", REL_FULL},
    [PF_RECORD_DATES] = {"record_dates", REL_FULL},
};

int access_sees(Relation eRel, PersonField eField) {
  if (eField < 0 || eField >= PF_COUNT || eRel <= REL_NONE || eRel > REL_MANAGER) return 0;
  return (aField[eField].mRel & BIT(eRel)) != 0;
}

const char *access_field_code(PersonField eField) {
  return eField >= 0 && eField < PF_COUNT ? aField[eField].zCode : 0;
}

const char *access_relation_code(Relation eRel) {
  static const char *const az[] = {"none",   "registry",    "operator", "case_manager",
                                   "psychotherapist", "holder", "break_glass", "manager"};
  return eRel >= REL_NONE && eRel <= REL_MANAGER ? az[eRel] : "none";
}

void access_redact(Relation eRel, Person *p, int *piAge) {
  char zToday[11];
  date_today(zToday);
  *piAge = access_sees(eRel, PF_AGE) && p->zBirthDate ? age_at(p->zBirthDate, zToday) : -1;
  if (!access_sees(eRel, PF_NAME)) p->zFirstName = p->zLastName = 0;
  if (!access_sees(eRel, PF_HOUSEHOLD)) {
    p->iHouseholdId = 0;
    p->zHouseholdRef = 0;
  }
  if (!access_sees(eRel, PF_RELATIONSHIP)) p->zRelationship = 0;
  if (!access_sees(eRel, PF_MUNICIPALITY)) p->zMunicipality = 0;
  if (!access_sees(eRel, PF_PERSON_REF)) p->zPersonRef = 0;
  if (!access_sees(eRel, PF_CODICE_FISCALE)) p->zCodiceFiscale = 0;
  if (!access_sees(eRel, PF_GENDER)) p->zGender = 0;
  if (!access_sees(eRel, PF_BIRTH_DATE)) p->zBirthDate = 0;
  if (!access_sees(eRel, PF_BIRTH_COUNTRY)) p->zBirthCountry = 0;
  if (!access_sees(eRel, PF_CITIZENSHIP)) p->zCitizenship = 0;
  if (!access_sees(eRel, PF_MINIMUM_INCOME)) p->iMinimumIncome = -1;
  if (!access_sees(eRel, PF_RECORD_DATES)) p->zCreatedAt = p->zUpdatedAt = 0;
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */
/* ------------------------------------------------------------------ */

void access_person_scope(const User *pUser, PersonScope *pScope) {
  memset(pScope, 0, sizeof *pScope);
  unsigned m = pUser ? pUser->mRoles : 0;
  if (pUser && pUser->id > 0 && (m & (ROLE_MANAGER | ROLE_SOCIAL_WORKER))) return;
  pScope->bRestricted = 1;
  if (!pUser || pUser->id <= 0) return;
  if ((m & ROLE_CASE_MANAGER) && pUser->iOrganisation > 0) {
    pScope->iCaseManager = pUser->id;
    pScope->iOrganisation = pUser->iOrganisation;
  }
  if (m & ROLE_PSYCHOTHERAPIST) pScope->iPsychotherapist = pUser->id;
  if (m & ROLE_OPERATOR) pScope->iOperator = pUser->id;
}

int access_filter_visible(Relation eRel, const PersonFilter *pF) {
  if (!access_sees(eRel, PF_NAME)) return 0;
  if (pF->iHousehold > 0 && !access_sees(eRel, PF_HOUSEHOLD)) return 0;
  if (!domain_blank(pF->zGender) && !access_sees(eRel, PF_GENDER)) return 0;
  if (!domain_blank(pF->zMunicipality) && !access_sees(eRel, PF_MUNICIPALITY)) return 0;
  if ((pF->iMinimumIncome == 0 || pF->iMinimumIncome == 1) &&
      !access_sees(eRel, PF_MINIMUM_INCOME))
    return 0;
  if (person_query_is_codice_fiscale(pF->zQuery) && !access_sees(eRel, PF_CODICE_FISCALE)) {
    return 0;
  }
  return 1;
}

/* How many people one statement of access_people_at checks: $1 and
** $6..$20. */
#define ACCESS_BATCH 16

/* The relation of user pUser (not a manager) to each of people
** a[0..n-1] at zNow, into aRel: access_person_at's decision, for a list's
** rows in n / ACCESS_BATCH statements instead of n (on PostgreSQL each is
** a round trip).  A person the statement does not return is REL_NONE. */
static void access_people_at(Db *db, const User *pUser, const Person *a, int n,
                             const char *zNow, Relation *aRel) {
  for (int i = 0; i < n; i++) aRel[i] = REL_NONE;
  if (!pUser || pUser->id <= 0) return;
  for (int iFirst = 0; iFirst < n; iFirst += ACCESS_BATCH) {
    int m = n - iFirst < ACCESS_BATCH ? n - iFirst : ACCESS_BATCH;
    DbStmt *q = db_prepare(db, ACCESS_PERSON_FACTS_SQL " IN ($1,$6,$7,$8,$9,$10,$11,$12,$13,"
                               "$14,$15,$16,$17,$18,$19,$20)");
    access_bind(q, a[iFirst].id, pUser, zNow);
    for (int k = 1; k < ACCESS_BATCH; k++) db_bind_int(q, 5 + k, k < m ? a[iFirst + k].id : 0);
    while (db_step(q) == DB_ROW) {
      AccessFacts f;
      access_facts_of_row(q, &f);
      int64_t id = db_col_int(q, 3);
      for (int k = iFirst; k < iFirst + m; k++) {
        if (a[k].id == id) aRel[k] = access_decide(pUser->mRoles, &f);
      }
    }
    db_done(q);
  }
}

void access_list_rows(Db *db, const User *pUser, const PersonFilter *pF, Person *a, int *pn,
                      Relation *aRel) {
  char zNow[21];
  timestamp_now(zNow);
  int bManager = pUser && pUser->id > 0 && (pUser->mRoles & ROLE_MANAGER);
  if (!bManager) access_people_at(db, pUser, a, *pn, zNow, aRel);
  int n = 0;
  for (int i = 0; i < *pn; i++) {
    Relation e = bManager ? REL_MANAGER : aRel[i];
    if (e == REL_NONE || !access_filter_visible(e, pF)) continue;
    a[n] = a[i];
    aRel[n++] = e;
  }
  *pn = n;
}

/* ------------------------------------------------------------------ */
/* Emergency access                                                    */
/* ------------------------------------------------------------------ */

/* Checks the reason: 10..500 characters once trimmed, no control
** characters.  At most one error, on "reason". */
static void access_check_reason(const char *zReason, Errors *pErr) {
  if (domain_blank(zReason)) {
    errors_add(pErr, "reason", N_("required"));
    return;
  }
  size_t n;
  const char *z = domain_trim(zReason, &n);
  long nChar = domain_text_len(z, n);
  if (nChar < 0) {
    errors_add(pErr, "reason", N_("contains characters that are not allowed"));
  } else if (nChar < ACCESS_REASON_MIN) {
    errors_add(pErr, "reason", N_("explain the emergency in at least 10 characters"));
  } else if (nChar > ACCESS_REASON_MAX) {
    errors_add(pErr, "reason", N_("at most 500 characters"));
  }
}

int access_break_glass(Db *db, const User *pUser, int64_t iPerson, const char *zReason,
                       const char *zNow, Errors *pErr, char zExpires[21]) {
  assert(pErr && zNow);
  zExpires[0] = 0;
  if (!pUser || pUser->id <= 0 || !policy_allows(pUser->mRoles, CAP_BREAK_GLASS)) {
    return DOMAIN_NOT_FOUND;
  }
  int64_t iFound = 0;
  int rc = domain_one_int(db_query(db, "SELECT id FROM person WHERE id=$1 AND agency_id=$2", "ii",
                                   iPerson, pUser->iAgency),
                          &iFound);
  if (rc) return rc;
  if (!iFound) return DOMAIN_NOT_FOUND;
  int nErr = pErr->n;
  access_check_reason(zReason, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  int64_t t = timestamp_seconds(zNow);
  if (t < 0) return DB_ERROR;
  timestamp_format(t + ACCESS_BREAK_GLASS_MINUTES * 60, zExpires);
  size_t n;
  const char *z = domain_trim(zReason, &n);
  char zTrim[ACCESS_REASON_MAX * 4 + 1];
  snprintf(zTrim, sizeof zTrim, "%.*s", (int)n, z);
  return db_exec(db,
                 "INSERT INTO break_glass(agency_id, user_id, person_id, reason, created_at,"
                 " expires_at) VALUES ($1,$2,$3,$4,$5,$6)",
                 "iiittt", pUser->iAgency, pUser->id, iPerson, zTrim, zNow, zExpires);
}

int access_break_glass_list(Db *db, Arena *a, int64_t iAgency, const char *zSince, int nLimit,
                            BreakGlass **pa, int *pn) {
  *pa = 0;
  *pn = 0;
  if (nLimit <= 0) nLimit = 100;
  BreakGlass *aB = arena_alloc(a, sizeof(BreakGlass) * (size_t)nLimit);
  DbStmt *q = db_query(db,
                       "SELECT b.id, b.user_id, u.username, u.full_name, b.person_id,"
                       " p.last_name || ' ' || p.first_name, b.reason, b.created_at, b.expires_at"
                       " FROM break_glass b JOIN app_user u ON u.id=b.user_id"
                       " JOIN person p ON p.id=b.person_id"
                       " WHERE b.agency_id=$1 AND b.created_at>=$2"
                       " ORDER BY b.created_at DESC, b.id DESC LIMIT $3",
                       "iti", iAgency, zSince ? zSince : "", (int64_t)nLimit);
  int rc = DB_DONE, n = 0;
  while (n < nLimit && (rc = db_step(q)) == DB_ROW) {
    BreakGlass *p = &aB[n++];
    p->id = db_col_int(q, 0);
    p->iUser = db_col_int(q, 1);
    p->zUsername = arena_strdup(a, db_col_text(q, 2));
    p->zUserFullName = arena_strdup(a, db_col_text(q, 3));
    p->iPerson = db_col_int(q, 4);
    p->zPersonName = arena_strdup(a, db_col_text(q, 5));
    p->zReason = arena_strdup(a, db_col_text(q, 6));
    p->zCreatedAt = arena_strdup(a, db_col_text(q, 7));
    p->zExpiresAt = arena_strdup(a, db_col_text(q, 8));
  }
  db_done(q);
  if (rc < 0) return rc;
  *pa = n ? aB : 0;
  *pn = n;
  return 0;
}
