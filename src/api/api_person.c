/*
** api_person.c — the people of the registry as JSON, under /api/v1/people:
** list (name or codice fiscale search, filters, cursor pages), get (one
** person with their household, see api_household_json), create and
** partial update.  Rules live in src/domain/person.c; this file only maps
** JSON to a Person and back, and domain status codes to HTTP answers.
**
** A person in JSON: id, person_ref, household_id, household_ref,
** relationship, codice_fiscale, first_name, last_name, gender,
** birth_date, birth_country, citizenship, municipality, minimum_income
** (true, false or null when unknown), age, created_at, updated_at, and
** access (the caller's relation to the person, src/domain/access.h).
** Only the fields the caller's relation shows are present: the registry
** view has id, first_name, last_name, age, household_id, household_ref;
** an operator's adds relationship and municipality.  A person the caller
** may not see is answered 404, like an unknown id; lists hold only the
** people the caller may see.
**
** /api/v1/people/{id}/sensitive reads and writes the special-category
** fields (health, psych_notes, court_notes, addiction) the caller's
** relation allows (policy_sensitive_visible); every read and write is
** audited with the field names only.
*/
#include <stddef.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/person.h"
#include "../domain/sensitive.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "api.h"
#include "api_common.h"

/* The writable fields of a person, and the ones a body may not set. */
static const ApiField aPersonField[] = {
    {"person_ref", API_TEXT, offsetof(Person, zPersonRef), 0},
    {"household_ref", API_TEXT, offsetof(Person, zHouseholdRef), 0},
    {"relationship", API_TEXT, offsetof(Person, zRelationship), 0},
    {"codice_fiscale", API_TEXT, offsetof(Person, zCodiceFiscale), 0},
    {"first_name", API_TEXT, offsetof(Person, zFirstName), 0},
    {"last_name", API_TEXT, offsetof(Person, zLastName), 0},
    {"gender", API_TEXT, offsetof(Person, zGender), 0},
    {"birth_date", API_TEXT, offsetof(Person, zBirthDate), 0},
    {"birth_country", API_TEXT, offsetof(Person, zBirthCountry), 0},
    {"citizenship", API_TEXT, offsetof(Person, zCitizenship), 0},
    {"municipality", API_TEXT, offsetof(Person, zMunicipality), 0},
    {"minimum_income", API_TRI, offsetof(Person, iMinimumIncome), 0},
    {"id", API_READONLY, 0, 0},
    {"age", API_READONLY, 0, 0},
    {"access", API_READONLY, 0, 0},
    {"household_id", API_READONLY, 0, 0},
    {"household", API_READONLY, 0, 0},
    {"created_at", API_READONLY, 0, 0},
    {"updated_at", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

/* A string member, when relation eRel shows field eField. */
static void kv_str_if(JsonW *w, Relation eRel, PersonField eField, const char *zKey,
                      const char *z) {
  if (access_sees(eRel, eField)) jw_kv_str(w, zKey, z);
}

/* The members of a person object as relation eRel shows it, without the
** braces.  Redacts a copy first, so a value can leave only through a
** field the relation shows. */
static void person_fields(JsonW *w, const Person *pIn, Relation eRel) {
  Person q = *pIn, *p = &q;
  int iAge;
  access_redact(eRel, p, &iAge);
  jw_kv_int(w, "id", p->id);
  kv_str_if(w, eRel, PF_PERSON_REF, "person_ref", p->zPersonRef);
  jw_kv_int(w, "household_id", p->iHouseholdId);
  jw_kv_str(w, "household_ref", p->zHouseholdRef);
  kv_str_if(w, eRel, PF_RELATIONSHIP, "relationship", p->zRelationship);
  kv_str_if(w, eRel, PF_CODICE_FISCALE, "codice_fiscale", p->zCodiceFiscale);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "last_name", p->zLastName);
  kv_str_if(w, eRel, PF_GENDER, "gender", p->zGender);
  kv_str_if(w, eRel, PF_BIRTH_DATE, "birth_date", p->zBirthDate);
  kv_str_if(w, eRel, PF_BIRTH_COUNTRY, "birth_country", p->zBirthCountry);
  kv_str_if(w, eRel, PF_CITIZENSHIP, "citizenship", p->zCitizenship);
  kv_str_if(w, eRel, PF_MUNICIPALITY, "municipality", p->zMunicipality);
  if (access_sees(eRel, PF_MINIMUM_INCOME)) api_kv_tri(w, "minimum_income", p->iMinimumIncome);
  if (iAge < 0) jw_kv_null(w, "age");
  else jw_kv_int(w, "age", iAge);
  kv_str_if(w, eRel, PF_RECORD_DATES, "created_at", p->zCreatedAt);
  kv_str_if(w, eRel, PF_RECORD_DATES, "updated_at", p->zUpdatedAt);
  jw_kv_str(w, "access", access_relation_code(eRel));
}

/* Reads the list filters into *pF; 0, or -1 after answering 400. */
static int person_filter_read(Req *r, PersonFilter *pF) {
  static const char *const azGender[] = {"F", "M", 0};
  memset(pF, 0, sizeof *pF);
  pF->iMinimumIncome = -1;
  pF->zQuery = req_query(r, "q");
  pF->zMunicipality = req_query(r, "municipality");
  if (api_page_params(r, &pF->nLimit, &pF->zCursor)) return -1;
  if (api_query_choice(r, "gender", azGender, &pF->zGender)) return -1;
  if (api_query_bool(r, "minimum_income", &pF->iMinimumIncome)) return -1;
  return api_query_id(r, "household_id", &pF->iHousehold);
}

/* GET /api/v1/people?q=&gender=&municipality=&minimum_income=
** &household_id=&limit=&cursor= */
void api_person_list(Req *r) {
  PersonFilter f;
  if (person_filter_read(r, &f)) return;
  Person *aP;
  int nP;
  const char *zNext;
  access_person_scope(&r->user, &f.scope);
  int rc = person_list(r->db, &r->a, r->iAgency, &f, &aP, &nP, &zNext);
  if (rc == DOMAIN_INVALID) {
    api_bad_cursor(r);
    return;
  }
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(nP + 1));
  access_list_rows(r->db, &r->user, &f, aP, &nP, aRel);
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < nP; i++) {
    jw_obj(&w);
    person_fields(&w, &aP[i], aRel[i]);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, zNext);
}

/* Answers person `id` with their household, as relation eRel shows
** them, with status iStatus. */
static void person_answer(Req *r, int64_t id, Relation eRel, int iStatus) {
  Person p, *aMember;
  Household h;
  int nMember;
  int rc = household_of_person(r->db, &r->a, r->iAgency, id, &p, &h, &aMember, &nMember);
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(nMember + 1));
  if (!rc) rc = access_members(r->db, &r->user, h.id, aMember, nMember, aRel);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  JsonW w;
  api_object_begin(r, &w, iStatus);
  person_fields(&w, &p, eRel);
  jw_key(&w, "household");
  api_household_json(&w, &h, eRel, aMember, aRel, nMember);
  api_object_end(r, &w);
}

/* GET /api/v1/people/{id} */
void api_person_get(Req *r) {
  Relation eRel = guard_person(r, r->aId[0]);
  if (eRel == REL_NONE) {
    api_not_found(r, "person");
    return;
  }
  person_answer(r, r->aId[0], eRel, 200);
}

/* 1 (after answering 409) when a person of the agency other than
** iSelf (0: none) holds the reference zRef; 0 otherwise. */
static int person_ref_taken(Req *r, const char *zRef, int64_t iSelf) {
  int64_t id = person_find(r->db, r->iAgency, zRef);
  if (!id || id == iSelf) return 0;
  errors_add(&r->err, "person_ref", "this reference belongs to another person");
  req_json_error(r, 409, "conflict", "Another person already has this person_ref.");
  return 1;
}

/* Validates p (422) and its reference (409), then writes it: person_save
** when id is 0, person_update otherwise.  0, or -1 after answering. */
static int person_write(Req *r, int64_t id, Person *p, const Person *pBefore) {
  person_validate(p, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return -1;
  }
  if (person_ref_taken(r, p->zPersonRef, id)) return -1;
  if (!access_household_ref_writable(r->db, &r->user, p->zHouseholdRef)) {
    errors_add(&r->err, "household_ref", "you do not work on this household");
    api_invalid(r);
    return -1;
  }
  int rc = id ? person_update(r->db, r->iAgency, id, p, &r->err)
              : person_save(r->db, r->iAgency, p, &r->err);
  if (rc) {
    api_domain_error(r, rc, "person");
    return -1;
  }
  req_audit_person(r, pBefore, p->id);
  return 0;
}

/* POST /api/v1/people: 201 with the person and a Location header. */
void api_person_create(Req *r) {
  Person p = {0};
  p.iMinimumIncome = -1;
  if (api_body_read(r, aPersonField, &p)) {
    api_invalid(r);
    return;
  }
  if (person_write(r, 0, &p, 0)) return;
  person_answer(r, p.id, access_person(r->db, &r->user, p.id), 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/people", p.id);
}

/* PATCH /api/v1/people/{id}: the fields present change, the merged
** person is validated as a whole. */
void api_person_update(Req *r) {
  Person p;
  Relation eRel = guard_person_edit(r, r->aId[0]);
  if (eRel == REL_NONE) {
    api_not_found(r, "person");
    return;
  }
  int rc = person_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  Person before = p;
  if (api_body_read(r, aPersonField, &p)) {
    api_invalid(r);
    return;
  }
  if (person_write(r, r->aId[0], &p, &before)) return;
  person_answer(r, r->aId[0], access_person(r->db, &r->user, r->aId[0]), 200);
}

/* ---- /api/v1/people/{id}/sensitive ---- */

/* The body of a PUT: any of the four fields, a string or null. */
static const ApiField aSensitiveField[] = {
    {"health", API_TEXT, offsetof(PersonSensitive, az[SENS_HEALTH]), 0},
    {"psych_notes", API_TEXT, offsetof(PersonSensitive, az[SENS_PSYCH_NOTES]), 0},
    {"court_notes", API_TEXT, offsetof(PersonSensitive, az[SENS_COURT_NOTES]), 0},
    {"addiction", API_TEXT, offsetof(PersonSensitive, az[SENS_ADDICTION]), 0},
    {"person_id", API_READONLY, 0, 0},
    {"updated_at", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

/* The fields of mFields of person id (null when empty), audited as one
** read.  Fields outside mFields are absent. */
static void sensitive_answer(Req *r, int64_t id, unsigned mFields) {
  PersonSensitive s;
  int rc = sensitive_get(r->db, &r->a, r->iAgency, id, mFields, &s);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  guard_sensitive_read(r, id, mFields);
  JsonW w;
  api_object_begin(r, &w, 200);
  jw_kv_int(&w, "person_id", id);
  for (int i = 0; i < SENS_COUNT; i++) {
    if (mFields & (1u << i)) jw_kv_str(&w, policy_sensitive_code((Sensitive)i), s.az[i]);
  }
  jw_kv_str(&w, "updated_at", s.zUpdatedAt);
  api_object_end(r, &w);
}

/* The special-category fields the caller may read of person id; 0 (after
** auditing the refusal and answering 404) when none. */
static unsigned sensitive_mask(Req *r, int64_t id) {
  unsigned m = sensitive_visible_mask(access_person(r->db, &r->user, id));
  if (!m) {
    guard_denied(r, "person", id, id);
    api_not_found(r, "person");
  }
  return m;
}

/* GET /api/v1/people/{id}/sensitive */
void api_person_sensitive_get(Req *r) {
  unsigned m = sensitive_mask(r, r->aId[0]);
  if (m) sensitive_answer(r, r->aId[0], m);
}

/* PUT /api/v1/people/{id}/sensitive: the fields present change (null or
** "" clears one), the others stay; a field the caller may not read is an
** error (422). */
void api_person_sensitive_put(Req *r) {
  int64_t id = r->aId[0];
  unsigned m = sensitive_mask(r, id);
  if (!m) return;
  PersonSensitive in;
  memset(&in, 0, sizeof in);
  if (api_body_read(r, aSensitiveField, &in)) {
    api_invalid(r);
    return;
  }
  unsigned mWrite = 0;
  for (int i = 0; r->pJson && i < SENS_COUNT; i++) {
    const char *zCode = policy_sensitive_code((Sensitive)i);
    if (!json_object_get(r->pJson, zCode)) continue;
    if (m & (1u << i)) mWrite |= 1u << i;
    else errors_add(&r->err, zCode, "not allowed for your role on this case");
  }
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  char zNow[21];
  timestamp_now(zNow);
  unsigned mChanged;
  int rc = sensitive_save(r->db, r->iAgency, id, mWrite, &in, zNow, &mChanged, &r->err);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  guard_sensitive_write(r, id, mChanged);
  sensitive_answer(r, id, m);
}
