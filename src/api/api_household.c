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
** What the caller sees follows their relation to the household
** (src/domain/access.h): everyone who may see it gets id, household_ref
** and access; municipality needs an operator's relation or more; size,
** minors, single_parent_with_minors and the timestamps a case relation.
** Members appear only when the caller may see them, each as the
** caller's relation to that member shows them.  A household the caller
** may not see answers 404; only the holder, an emergency access and the
** manager change one.
**
** household_ref identifies the household to the agency and to people
** (who join a household by naming its household_ref): it is set when
** the household is created and cannot be changed by PATCH.
*/
#include <stddef.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/domain.h"
#include "../domain/household.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "api.h"
#include "api_common.h"

static const ApiField aHouseholdField[] = {
    {"household_ref", API_TEXT, offsetof(Household, zHouseholdRef), 0},
    {"municipality", API_TEXT, offsetof(Household, zMunicipality), 0},
    {"id", API_READONLY, 0, 0},
    {"access", API_READONLY, 0, 0},
    {"size", API_READONLY, 0, 0},
    {"minors", API_READONLY, 0, 0},
    {"single_parent_with_minors", API_READONLY, 0, 0},
    {"members", API_READONLY, 0, 0},
    {"created_at", API_READONLY, 0, 0},
    {"updated_at", API_READONLY, 0, 0},
    {0, 0, 0, 0},
};

/* The members every household object has, as relation eRel shows them. */
static void household_fields(JsonW *w, const Household *h, Relation eRel) {
  jw_kv_int(w, "id", h->id);
  jw_kv_str(w, "household_ref", h->zHouseholdRef);
  if (access_sees(eRel, PF_MUNICIPALITY)) jw_kv_str(w, "municipality", h->zMunicipality);
  if (access_sees(eRel, PF_HOUSEHOLD_FACTS)) jw_kv_int(w, "size", household_size(h->nMember));
  if (access_sees(eRel, PF_RECORD_DATES)) {
    jw_kv_str(w, "created_at", h->zCreatedAt);
    jw_kv_str(w, "updated_at", h->zUpdatedAt);
  }
  jw_kv_str(w, "access", access_relation_code(eRel));
}

/* One member as relation eRel shows them: who they are and how old
** today (null when unknown). */
static void household_member_json(JsonW *w, const Person *pIn, Relation eRel) {
  Person m = *pIn, *p = &m;
  int age;
  access_redact(eRel, p, &age);
  jw_obj(w);
  jw_kv_int(w, "id", p->id);
  if (access_sees(eRel, PF_PERSON_REF)) jw_kv_str(w, "person_ref", p->zPersonRef);
  jw_kv_str(w, "first_name", p->zFirstName);
  jw_kv_str(w, "last_name", p->zLastName);
  if (access_sees(eRel, PF_RELATIONSHIP)) jw_kv_str(w, "relationship", p->zRelationship);
  if (access_sees(eRel, PF_GENDER)) jw_kv_str(w, "gender", p->zGender);
  if (access_sees(eRel, PF_BIRTH_DATE)) jw_kv_str(w, "birth_date", p->zBirthDate);
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

void api_household_json(JsonW *w, const Household *h, Relation eRel, const Person *aMember,
                        const Relation *aRel, int nMember) {
  char zToday[11];
  date_today(zToday);
  Household hSize = *h;
  hSize.nMember = nMember;
  jw_obj(w);
  household_fields(w, &hSize, eRel);
  if (access_sees(eRel, PF_HOUSEHOLD_FACTS)) {
    jw_kv_int(w, "minors", household_minors(aMember, nMember, zToday));
    jw_kv_bool(w, "single_parent_with_minors",
               household_single_parent(aMember, nMember, zToday));
  }
  jw_key(w, "members");
  jw_arr(w);
  for (int i = 0; i < nMember; i++) {
    if (aRel[i] != REL_NONE) household_member_json(w, &aMember[i], aRel[i]);
  }
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
  int bManager = (r->user.mRoles & ROLE_MANAGER) != 0;
  for (int i = 0; i < nH; i++) {
    Relation eRel = bManager ? REL_MANAGER : access_household(r->db, &r->user, aH[i].id);
    if (eRel == REL_NONE) continue;
    jw_obj(&w);
    household_fields(&w, &aH[i], eRel);
    jw_obj_end(&w);
  }
  api_list_end(r, &w, api_cursor_text(r, iNext));
}

/* Answers household `id` with its members as relation eRel shows them,
** with status iStatus. */
static void household_answer(Req *r, int64_t id, Relation eRel, int iStatus) {
  Household h;
  Person *aMember;
  int nMember;
  int rc = household_with_members(r->db, &r->a, r->iAgency, id, &h, &aMember, &nMember);
  Relation *aRel = arena_alloc(&r->a, sizeof(Relation) * (size_t)(nMember + 1));
  if (!rc) rc = access_members(r->db, &r->user, id, aMember, nMember, aRel);
  if (rc) {
    api_domain_error(r, rc, "household");
    return;
  }
  JsonW w;
  req_json_begin(r, iStatus);
  jw_init(&w, &r->out);
  api_household_json(&w, &h, eRel, aMember, aRel, nMember);
  buf_putc(&r->out, '\n');
}

/* GET /api/v1/households/{id} */
void api_household_get(Req *r) {
  Relation eRel = guard_household(r, r->aId[0]);
  if (eRel == REL_NONE) {
    api_not_found(r, "household");
    return;
  }
  household_answer(r, r->aId[0], eRel, 200);
}

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
  household_answer(r, h.id, access_household(r->db, &r->user, h.id), 201);
  if (r->iStatus == 201) api_created(r, "/api/v1/households", h.id);
}

/* PATCH /api/v1/households/{id}: municipality (household_ref only if it
** stays the same). */
void api_household_update(Req *r) {
  Household h;
  if (guard_household_edit(r, r->aId[0]) == REL_NONE) {
    api_not_found(r, "household");
    return;
  }
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
  household_answer(r, h.id, access_household(r->db, &r->user, h.id), 200);
}
