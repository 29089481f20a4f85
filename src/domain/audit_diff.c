/*
** audit_diff.c — the detail of an audit entry for a create or an update:
** a JSON object of the fields that changed, each with its value before
** and after (see audit.h), written with the structural writer of
** src/lib/jsonw.h so that any value is escaped.  Special-category fields
** are recorded as "[changed]" only.  Then the field lists of the records
** the command line and the pages write: person, round, funding stream.
*/
#include <string.h>

#include "../lib/arena.h"
#include "audit.h"
#include "person.h"
#include "programme.h"

void audit_diff_init(AuditDiff *p) {
  memset(p, 0, sizeof *p);
  jw_init(&p->w, &p->b);
  jw_obj(&p->w);
}

/* 1 if two optional texts hold the same value (NULL is the same as ""). */
static int diff_same_text(const char *zA, const char *zB) {
  return strcmp(zA ? zA : "", zB ? zB : "") == 0;
}

void audit_diff_add(AuditDiff *p, const char *zField, const char *zBefore, const char *zAfter) {
  if (diff_same_text(zBefore, zAfter)) return;
  jw_key(&p->w, zField);
  jw_obj(&p->w);
  jw_kv_str(&p->w, "before", zBefore && *zBefore ? zBefore : NULL);
  jw_kv_str(&p->w, "after", zAfter && *zAfter ? zAfter : NULL);
  jw_obj_end(&p->w);
  p->n++;
}

/* An optional integer: bNull says it has no value. */
static void diff_int_value(JsonW *w, const char *zKey, int bNull, int64_t i) {
  if (bNull)
    jw_kv_null(w, zKey);
  else
    jw_kv_int(w, zKey, i);
}

/* Records zField if the two optional integers differ. */
static void diff_int(AuditDiff *p, const char *zField, int bNullBefore, int64_t iBefore,
                     int bNullAfter, int64_t iAfter) {
  if (bNullBefore == bNullAfter && (bNullBefore || iBefore == iAfter)) return;
  jw_key(&p->w, zField);
  jw_obj(&p->w);
  diff_int_value(&p->w, "before", bNullBefore, iBefore);
  diff_int_value(&p->w, "after", bNullAfter, iAfter);
  jw_obj_end(&p->w);
  p->n++;
}

void audit_diff_add_int(AuditDiff *p, const char *zField, int64_t iBefore, int64_t iAfter) {
  diff_int(p, zField, 0, iBefore, 0, iAfter);
}

void audit_diff_add_redacted(AuditDiff *p, const char *zField, const char *zBefore,
                             const char *zAfter) {
  if (diff_same_text(zBefore, zAfter)) return;
  jw_kv_str(&p->w, zField, "[changed]");
  p->n++;
}

int audit_diff_count(const AuditDiff *p) { return p->n; }

char *audit_diff_finish(AuditDiff *p, Arena *a) {
  jw_obj_end(&p->w);
  char *z = p->n ? arena_strdup(a, buf_str(&p->b)) : NULL;
  audit_diff_free(p);
  return z;
}

void audit_diff_free(AuditDiff *p) {
  buf_free(&p->b);
  p->n = 0;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

/* minimum_income as the detail shows it: "yes", "no", NULL (unknown). */
static const char *diff_yes_no(int i) { return i == 1 ? "yes" : i == 0 ? "no" : NULL; }

void audit_diff_person(AuditDiff *p, const Person *pBefore, const Person *pAfter) {
  static const Person empty = {.iMinimumIncome = -1};
  const Person *b = pBefore ? pBefore : &empty, *o = pAfter;
  audit_diff_add(p, "person_ref", b->zPersonRef, o->zPersonRef);
  audit_diff_add(p, "household_ref", b->zHouseholdRef, o->zHouseholdRef);
  audit_diff_add(p, "relationship", b->zRelationship, o->zRelationship);
  audit_diff_add(p, "codice_fiscale", b->zCodiceFiscale, o->zCodiceFiscale);
  audit_diff_add(p, "first_name", b->zFirstName, o->zFirstName);
  audit_diff_add(p, "last_name", b->zLastName, o->zLastName);
  audit_diff_add(p, "gender", b->zGender, o->zGender);
  audit_diff_add(p, "birth_date", b->zBirthDate, o->zBirthDate);
  audit_diff_add(p, "birth_country", b->zBirthCountry, o->zBirthCountry);
  audit_diff_add(p, "citizenship", b->zCitizenship, o->zCitizenship);
  audit_diff_add(p, "municipality", b->zMunicipality, o->zMunicipality);
  audit_diff_add(p, "minimum_income", diff_yes_no(b->iMinimumIncome),
                 diff_yes_no(o->iMinimumIncome));
}

/* The service codes of r joined by ",", in the arena; NULL when none. */
static const char *diff_services(Arena *a, const Round *r) {
  if (!r || r->nService == 0) return NULL;
  size_t n = 0;
  for (int i = 0; i < r->nService; i++) n += strlen(r->azService[i]) + 1;
  char *z = arena_alloc(a, n), *zEnd = z;
  for (int i = 0; i < r->nService; i++) {
    size_t k = strlen(r->azService[i]);
    if (i) *zEnd++ = ',';
    memcpy(zEnd, r->azService[i], k);
    zEnd += k;
  }
  *zEnd = 0;
  return z;
}

void audit_diff_round(AuditDiff *p, Arena *a, const Round *pBefore, const Round *pAfter) {
  static const Round empty = {.iMaxParticipants = -1};
  const Round *b = pBefore ? pBefore : &empty, *o = pAfter;
  audit_diff_add(p, "code", b->zCode, o->zCode);
  audit_diff_add(p, "name", b->zName, o->zName);
  audit_diff_add(p, "start_date", b->zStartDate, o->zStartDate);
  audit_diff_add(p, "end_date", b->zEndDate, o->zEndDate);
  diff_int(p, "max_participants", b->iMaxParticipants < 0, b->iMaxParticipants,
           o->iMaxParticipants < 0, o->iMaxParticipants);
  audit_diff_add(p, "services", diff_services(a, pBefore), diff_services(a, pAfter));
}

void audit_diff_stream(AuditDiff *p, const FundingStream *pBefore, const FundingStream *pAfter) {
  const FundingStream *o = pAfter;
  int bNew = pBefore == NULL;
  audit_diff_add(p, "code", bNew ? NULL : pBefore->zCode, o->zCode);
  audit_diff_add(p, "name", bNew ? NULL : pBefore->zName, o->zName);
  diff_int(p, "allocation_cents", bNew, bNew ? 0 : pBefore->iAllocationCents, 0,
           o->iAllocationCents);
  diff_int(p, "esf", bNew, bNew ? 0 : pBefore->bEsf, 0, o->bEsf);
  audit_diff_add(p, "rule", bNew ? NULL : pBefore->zRule, o->zRule);
}
