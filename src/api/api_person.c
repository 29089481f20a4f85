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
** (true, false or null when unknown), created_at, updated_at.
*/
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/household.h"
#include "../domain/person.h"
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
    {"household_id", API_READONLY, 0, 0},
    {"household", API_READONLY, 0, 0},
    {"created_at", API_READONLY, 0, 0},
    {"updated_at", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

/* The members of a person object, without the braces. */
static void person_fields(JsonW *w, const Person *p) {
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "person_ref", p->zPersonRef);
  jw_kv_int(w, "household_id", p->iHouseholdId);
  jw_kv_str(w, "household_ref", p->zHouseholdRef);
  jw_kv_str(w, "relationship", p->zRelationship);
  jw_kv_str(w, "codice_fiscale", p->zCodiceFiscale);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "last_name", p->zLastName);
  jw_kv_str(w, "gender", p->zGender);
  jw_kv_str(w, "birth_date", p->zBirthDate);
  jw_kv_str(w, "birth_country", p->zBirthCountry);
  jw_kv_str(w, "citizenship", p->zCitizenship);
  jw_kv_str(w, "municipality", p->zMunicipality);
  api_kv_tri(w, "minimum_income", p->iMinimumIncome);
  jw_kv_str(w, "created_at", p->zCreatedAt);
  jw_kv_str(w, "updated_at", p->zUpdatedAt);
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
  int rc = person_list(r->db, &r->a, r->iAgency, &f, &aP, &nP, &zNext);
  if (rc == DOMAIN_INVALID) {
    api_bad_cursor(r);
    return;
  }
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < nP; i++) {
    jw_obj(&w);
    person_fields(&w, &aP[i]);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, zNext);
}

/* Answers person `id` with their household, with status iStatus. */
static void person_answer(Req *r, int64_t id, int iStatus) {
  Person p;
  int rc = person_get(r->db, &r->a, r->iAgency, id, &p);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  Household h;
  Person *aMember;
  int nMember;
  rc = household_get(r->db, &r->a, r->iAgency, p.iHouseholdId, &h);
  if (!rc) rc = household_members(r->db, &r->a, r->iAgency, h.id, &aMember, &nMember);
  if (rc) {
    api_domain_error(r, rc, "household");
    return;
  }
  JsonW w;
  api_object_begin(r, &w, iStatus);
  person_fields(&w, &p);
  jw_key(&w, "household");
  api_household_json(&w, &h, aMember, nMember);
  api_object_end(r, &w);
}

/* GET /api/v1/people/{id} */
void api_person_get(Req *r) { person_answer(r, r->aId[0], 200); }

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
static int person_write(Req *r, int64_t id, Person *p) {
  person_validate(p, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return -1;
  }
  if (person_ref_taken(r, p->zPersonRef, id)) return -1;
  int rc = id ? person_update(r->db, r->iAgency, id, p, &r->err)
              : person_save(r->db, r->iAgency, p, &r->err);
  if (rc) {
    api_domain_error(r, rc, "person");
    return -1;
  }
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
  if (person_write(r, 0, &p)) return;
  person_answer(r, p.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/people", p.id);
}

/* PATCH /api/v1/people/{id}: the fields present change, the merged
** person is validated as a whole. */
void api_person_update(Req *r) {
  Person p;
  int rc = person_get(r->db, &r->a, r->iAgency, r->aId[0], &p);
  if (rc) {
    api_domain_error(r, rc, "person");
    return;
  }
  if (api_body_read(r, aPersonField, &p)) {
    api_invalid(r);
    return;
  }
  if (person_write(r, r->aId[0], &p)) return;
  person_answer(r, r->aId[0], 200);
}
