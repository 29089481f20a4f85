/*
** api_household.c — households of the registry as JSON, under
** /api/v1/households: list (by id, cursor pages), get (with members and
** the derived facts), create and partial update.  Also writes the
** household object that GET /api/v1/people/{id} embeds.
**
** A household in a list: id, household_ref, municipality, size,
** created_at, updated_at.  One household (GET, and embedded in a person)
** adds minors, single_parent_with_minors and members (id, person_ref,
** first_name, last_name, relationship, gender, birth_date, age).  Ages
** and minors are as of today (UTC); single_parent_with_minors is the
** domain's test applied to the household's reference person.
**
** household_ref identifies the household to the agency and to people
** (who join a household by naming its household_ref): it is set when
** the household is created and cannot be changed by PATCH.
*/
#include <stddef.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/household.h"
#include "../lib/date.h"
#include "api.h"
#include "api_common.h"

static const ApiField aHouseholdField[] = {
    {"household_ref", API_TEXT, offsetof(Household, zHouseholdRef), 0},
    {"municipality", API_TEXT, offsetof(Household, zMunicipality), 0},
    {"id", API_READONLY, 0, 0},
    {"size", API_READONLY, 0, 0},
    {"minors", API_READONLY, 0, 0},
    {"single_parent_with_minors", API_READONLY, 0, 0},
    {"members", API_READONLY, 0, 0},
    {"created_at", API_READONLY, 0, 0},
    {"updated_at", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

/* The members every household object has. */
static void household_fields(JsonW *w, const Household *h) {
  jw_kv_int(w, "id", h->id);
  jw_kv_str(w, "household_ref", h->zHouseholdRef);
  jw_kv_str(w, "municipality", h->zMunicipality);
  jw_kv_int(w, "size", household_size(h->nMember));
  jw_kv_str(w, "created_at", h->zCreatedAt);
  jw_kv_str(w, "updated_at", h->zUpdatedAt);
}

/* One member: who they are and how old today (null when unknown). */
static void household_member_json(JsonW *w, const Person *p, const char *zToday) {
  int age = age_at(p->zBirthDate, zToday);
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  jw_kv_str(w, "person_ref", p->zPersonRef);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "last_name", p->zLastName);
  jw_kv_str(w, "relationship", p->zRelationship);
  jw_kv_str(w, "gender", p->zGender);
  jw_kv_str(w, "birth_date", p->zBirthDate);
  if (age < 0)
    jw_kv_null(w, "age");
  else
    jw_kv_int(w, "age", age);
  jw_obj_end(w);
}

/* 1 if the household's reference person is a single parent of minors. */
static int household_single_parent(const Person *aMember, int n, const char *zToday) {
  for (int i = 0; i < n; i++) {
    if (aMember[i].zRelationship && strcmp(aMember[i].zRelationship, "reference") == 0) {
      return household_single_parent_with_minors(aMember, n, i, zToday);
    }
  }
  return 0;
}

void api_household_json(JsonW *w, const Household *h, const Person *aMember, int nMember) {
  char zToday[11];
  date_today(zToday);
  Household hSize = *h;
  hSize.nMember = nMember;
  jw_obj(w);
  household_fields(w, &hSize);
  jw_kv_int(w, "minors", household_minors(aMember, nMember, zToday));
  jw_kv_bool(w, "single_parent_with_minors", household_single_parent(aMember, nMember, zToday));
  jw_key(w, "members");
  jw_arr(w);
  for (int i = 0; i < nMember; i++) household_member_json(w, &aMember[i], zToday);
  jw_arr_end(w);
  jw_obj_end(w);
}

/* GET /api/v1/households?household_ref=&municipality=&limit=&cursor= */
void api_household_list(Req *r) {
  HouseholdFilter f = {0};
  const char *zCursor;
  if (api_page_params(r, &f.nLimit, &zCursor) || api_cursor_id(r, zCursor, &f.iAfter)) return;
  f.zHouseholdRef = req_query(r, "household_ref");
  f.zMunicipality = req_query(r, "municipality");
  Household *aH;
  int nH;
  int64_t iNext;
  int rc = household_list(r->db, &r->a, r->iAgency, &f, &aH, &nH, &iNext);
  if (rc) {
    api_domain_error(r, rc, "household");
    return;
  }
  JsonW w;
  api_list_begin(r, &w);
  for (int i = 0; i < nH; i++) {
    jw_obj(&w);
    household_fields(&w, &aH[i]);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, api_cursor_text(r, iNext));
}

/* Answers household `id` with its members, with status iStatus. */
static void household_answer(Req *r, int64_t id, int iStatus) {
  Household h;
  Person *aMember;
  int nMember;
  int rc = household_get(r->db, &r->a, r->iAgency, id, &h);
  if (!rc) rc = household_members(r->db, &r->a, r->iAgency, id, &aMember, &nMember);
  if (rc) {
    api_domain_error(r, rc, "household");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  api_household_json(&w, &h, aMember, nMember);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/households/{id} */
void api_household_get(Req *r) { household_answer(r, r->aId[0], 200); }

/* The id of the agency's household zRef, or 0 (none, or a DB error). */
static int64_t household_find_ref(Req *r, const char *zRef) {
  HouseholdFilter f = {0};
  f.zHouseholdRef = zRef;
  f.nLimit = 1;
  Household *aH;
  int nH;
  int64_t iNext;
  if (household_list(r->db, &r->a, r->iAgency, &f, &aH, &nH, &iNext) || nH == 0) return 0;
  return aH[0].id;
}

/* Validates h and saves it; 0, or -1 after answering. */
static int household_write(Req *r, Household *h) {
  int rc = household_save(r->db, r->iAgency, h, &r->err);
  if (rc) {
    api_domain_error(r, rc, "household");
    return -1;
  }
  return 0;
}

/* POST /api/v1/households: 201 with the household and a Location header;
** 409 when the agency already has its household_ref. */
void api_household_create(Req *r) {
  Household h = {0};
  if (api_body_read(r, aHouseholdField, &h)) {
    api_invalid(r);
    return;
  }
  household_validate(&h, &r->err);
  if (r->err.n) {
    api_invalid(r);
    return;
  }
  if (household_find_ref(r, h.zHouseholdRef)) {
    errors_add(&r->err, "household_ref", "this reference belongs to another household");
    req_json_error(r, 409, "conflict", "A household with this household_ref already exists.");
    return;
  }
  if (household_write(r, &h)) return;
  household_answer(r, h.id, 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/households", h.id);
}

/* PATCH /api/v1/households/{id}: municipality (household_ref only if it
** stays the same). */
void api_household_update(Req *r) {
  Household h;
  int rc = household_get(r->db, &r->a, r->iAgency, r->aId[0], &h);
  if (rc) {
    api_domain_error(r, rc, "household");
    return;
  }
  const char *zRef = h.zHouseholdRef;
  if (api_body_read(r, aHouseholdField, &h)) {
    api_invalid(r);
    return;
  }
  if (!h.zHouseholdRef || strcmp(h.zHouseholdRef, zRef) != 0) {
    errors_add(&r->err, "household_ref", "cannot be changed");
    api_invalid(r);
    return;
  }
  if (household_write(r, &h)) return;
  household_answer(r, h.id, 200);
}
