/*
** esf_record.c — the ESF+ data of a case beyond the access form (table
** esf_participant, migration 013): who reads and writes which field,
** validation, reading and writing (see esf_record.h).  The row is looked
** up first and then inserted or updated, like person_sensitive
** (sensitive.c), so that a failed statement never aborts the caller's
** PostgreSQL transaction.
*/
#include "esf_record.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "audit.h"
#include "domain.h"
#include "intake.h"

const char *const esf_azAnswer[] = {
    "yes",        N_("Yes"),
    "no",         N_("No"),
    "not_stated", N_("Not stated (declined or does not know)"),
    0,
};

static const char *const azField[ESF_FIELD_COUNT] = {"parents_born_abroad", "disability",
                                                     "minority", "situation"};

const char *esf_field_code(EsfField e) {
  return e >= 0 && e < ESF_FIELD_COUNT ? azField[e] : NULL;
}

int esf_field_readable(Relation eRel, EsfField e) {
  switch (e) {
    case ESF_DISABILITY: return policy_sensitive_visible(eRel, SENS_HEALTH);
    case ESF_MINORITY: return intake_can_interview(eRel) || eRel == REL_BREAK_GLASS;
    case ESF_PARENTS_ABROAD:
    case ESF_SITUATION: return intake_can_read(eRel);
    default: return 0;
  }
}

int esf_field_writable(Relation eRel, EsfField e) {
  if (!esf_field_readable(eRel, e)) return 0;
  return e == ESF_SITUATION ? intake_can_plan(eRel) : intake_can_interview(eRel);
}

unsigned esf_readable_mask(Relation eRel) {
  unsigned m = 0;
  for (int i = 0; i < ESF_FIELD_COUNT; i++) {
    if (esf_field_readable(eRel, (EsfField)i)) m |= 1u << i;
  }
  return m;
}

unsigned esf_writable_mask(Relation eRel) {
  unsigned m = 0;
  for (int i = 0; i < ESF_FIELD_COUNT; i++) {
    if (esf_field_writable(eRel, (EsfField)i)) m |= 1u << i;
  }
  return m;
}

unsigned esf_sensitive_mask(unsigned mFields) {
  return mFields & ((1u << ESF_DISABILITY) | (1u << ESF_MINORITY));
}

int esf_answer_value(const char *zCode) {
  if (!zCode) return -1;
  if (strcmp(zCode, "yes") == 0) return 1;
  if (strcmp(zCode, "no") == 0) return 0;
  return -1;
}

/* Reads the whole row into *p; *pbRow says whether it exists.  0,
** DOMAIN_NOT_FOUND (no such case in the agency) or a db.h code. */
static int esf_read(Db *db, Arena *a, int64_t iAgency, int64_t iCase, EsfRecord *p, int *pbRow) {
  memset(p, 0, sizeof *p);
  p->iCase = iCase;
  p->eJobSearching = p->eInEducation = -1;
  *pbRow = 0;
  DbStmt *q = db_query(db,
                       "SELECT e.case_id, e.parents_born_abroad, e.disability, e.minority,"
                       " e.situation_on, e.job_searching, e.in_education, e.updated_at"
                       " FROM case_file c LEFT JOIN esf_participant e ON e.case_id=c.id"
                       " WHERE c.id=$1 AND c.agency_id=$2",
                       "ii", iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    *pbRow = !db_col_null(q, 0);
    p->zParentsAbroad = arena_strdup(a, db_col_text(q, 1));
    p->zDisability = arena_strdup(a, db_col_text(q, 2));
    p->zMinority = arena_strdup(a, db_col_text(q, 3));
    p->zSituationOn = arena_strdup(a, db_col_text(q, 4));
    p->eJobSearching = db_col_null(q, 5) ? -1 : (int)db_col_int(q, 5);
    p->eInEducation = db_col_null(q, 6) ? -1 : (int)db_col_int(q, 6);
    p->zUpdatedAt = arena_strdup(a, db_col_text(q, 7));
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int esf_record_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, unsigned mFields,
                   EsfRecord *p) {
  int bRow;
  int rc = esf_read(db, a, iAgency, iCase, p, &bRow);
  if (!(mFields & (1u << ESF_PARENTS_ABROAD))) p->zParentsAbroad = 0;
  if (!(mFields & (1u << ESF_DISABILITY))) p->zDisability = 0;
  if (!(mFields & (1u << ESF_MINORITY))) p->zMinority = 0;
  if (!(mFields & (1u << ESF_SITUATION))) {
    p->zSituationOn = 0;
    p->eJobSearching = p->eInEducation = -1;
  }
  return rc;
}

/* An answer code, or NULL, must be among esf_azAnswer. */
static void check_answer(Errors *pErr, const char *zField, const char *z) {
  for (int i = 0; z && esf_azAnswer[i]; i += 2) {
    if (strcmp(esf_azAnswer[i], z) == 0) return;
  }
  if (z) errors_add(pErr, zField, N_("not one of the allowed values"));
}

static void check_situation(const EsfRecord *p, const char *zExit, Errors *pErr) {
  if (!zExit || !*zExit) {
    errors_add(pErr, "situation_on", N_("the path has not ended yet"));
    return;
  }
  char zToday[11];
  date_today(zToday);
  if (!date_valid(p->zSituationOn))
    errors_add(pErr, "situation_on", N_("a date is required"));
  else if (strcmp(p->zSituationOn, zToday) > 0)
    errors_add(pErr, "situation_on", N_("cannot be in the future"));
  else if (strcmp(p->zSituationOn, zExit) < 0)
    errors_add(pErr, "situation_on", N_("cannot be before the path ended"));
  if (p->eJobSearching != 0 && p->eJobSearching != 1)
    errors_add(pErr, "job_searching", N_("answer yes or no"));
  if (p->eInEducation != 0 && p->eInEducation != 1)
    errors_add(pErr, "in_education", N_("answer yes or no"));
}

void esf_record_validate(const EsfRecord *p, unsigned mFields, const char *zExit,
                         Errors *pErr) {
  if (mFields & (1u << ESF_PARENTS_ABROAD))
    check_answer(pErr, "parents_born_abroad", p->zParentsAbroad);
  if (mFields & (1u << ESF_DISABILITY)) check_answer(pErr, "disability", p->zDisability);
  if (mFields & (1u << ESF_MINORITY)) check_answer(pErr, "minority", p->zMinority);
  if (mFields & (1u << ESF_SITUATION)) check_situation(p, zExit, pErr);
}

int esf_case_exit(Db *db, int64_t iAgency, int64_t iCase, char zOut[11]) {
  zOut[0] = 0;
  DbStmt *q = db_query(db,
                       "SELECT e.written_on, c.closed_at FROM case_file c"
                       " LEFT JOIN evaluation e ON e.case_id=c.id"
                       " WHERE c.id=$1 AND c.agency_id=$2",
                       "ii", iCase, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    const char *z = db_col_null(q, 0) ? db_col_text(q, 1) : db_col_text(q, 0);
    if (z) snprintf(zOut, 11, "%.10s", z);
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* The audit detail of the change from o to n over the fields of m. */
static const char *esf_diff(Arena *a, unsigned m, const EsfRecord *o, const EsfRecord *n) {
  AuditDiff d;
  audit_diff_init(&d);
  if (m & (1u << ESF_PARENTS_ABROAD))
    audit_diff_add(&d, "parents_born_abroad", o->zParentsAbroad, n->zParentsAbroad);
  if (m & (1u << ESF_DISABILITY))
    audit_diff_add_redacted(&d, "disability", o->zDisability, n->zDisability);
  if (m & (1u << ESF_MINORITY)) audit_diff_add_redacted(&d, "minority", o->zMinority, n->zMinority);
  if (m & (1u << ESF_SITUATION)) {
    audit_diff_add(&d, "situation_on", o->zSituationOn, n->zSituationOn);
    audit_diff_add_int(&d, "job_searching", o->eJobSearching, n->eJobSearching);
    audit_diff_add_int(&d, "in_education", o->eInEducation, n->eInEducation);
  }
  return audit_diff_finish(&d, a);
}

/* The record o with the fields of m taken from p. */
static EsfRecord esf_merge(const EsfRecord *o, unsigned m, const EsfRecord *p) {
  EsfRecord n = *o;
  if (m & (1u << ESF_PARENTS_ABROAD)) n.zParentsAbroad = p->zParentsAbroad;
  if (m & (1u << ESF_DISABILITY)) n.zDisability = p->zDisability;
  if (m & (1u << ESF_MINORITY)) n.zMinority = p->zMinority;
  if (m & (1u << ESF_SITUATION)) {
    n.zSituationOn = p->zSituationOn;
    n.eJobSearching = p->eJobSearching;
    n.eInEducation = p->eInEducation;
  }
  return n;
}

/* Binds flag e (-1: NULL) as parameter i of q. */
static void esf_bind_flag(DbStmt *q, int i, int e) {
  if (e < 0) db_bind_null(q, i);
  else db_bind_int(q, i, e);
}

int esf_record_save(Db *db, Arena *a, int64_t iAgency, int64_t iCase, unsigned mFields,
                    const EsfRecord *p, int64_t iBy, const char *zNow, const char **pzDetail,
                    Errors *pErr) {
  assert(zNow && pErr);
  *pzDetail = NULL;
  char zExit[11];
  int rc = esf_case_exit(db, iAgency, iCase, zExit);
  if (rc) return rc;
  int nErr = pErr->n;
  esf_record_validate(p, mFields, zExit, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  EsfRecord o;
  int bRow;
  rc = esf_read(db, a, iAgency, iCase, &o, &bRow);
  if (rc) return rc;
  EsfRecord n = esf_merge(&o, mFields, p);
  *pzDetail = esf_diff(a, mFields, &o, &n);
  if (!*pzDetail) return 0;
  DbStmt *q = db_prepare(db, bRow ? "UPDATE esf_participant SET parents_born_abroad=$3,"
                                    " disability=$4, minority=$5, situation_on=$6,"
                                    " job_searching=$7, in_education=$8, updated_at=$9,"
                                    " updated_by=$10 WHERE case_id=$1 AND agency_id=$2"
                                  : "INSERT INTO esf_participant(case_id, agency_id,"
                                    " parents_born_abroad, disability, minority, situation_on,"
                                    " job_searching, in_education, updated_at, updated_by)"
                                    " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)");
  db_bind_int(q, 1, iCase);
  db_bind_int(q, 2, iAgency);
  db_bind_text(q, 3, n.zParentsAbroad);
  db_bind_text(q, 4, n.zDisability);
  db_bind_text(q, 5, n.zMinority);
  db_bind_text(q, 6, n.zSituationOn);
  esf_bind_flag(q, 7, n.eJobSearching);
  esf_bind_flag(q, 8, n.eInEducation);
  db_bind_text(q, 9, zNow);
  if (iBy) db_bind_int(q, 10, iBy);
  else db_bind_null(q, 10);
  rc = db_step(q);
  db_done(q);
  return rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERROR;
}

int esf_case_is_esf(Db *db, int64_t iAgency, int64_t iCase) {
  return db_int(db, 0,
                "SELECT count(*) FROM case_file c"
                " LEFT JOIN funding_stream s ON s.id=c.funding_stream_id"
                " WHERE c.id=$1 AND c.agency_id=$2 AND (s.esf=1 OR EXISTS (SELECT 1"
                ESF_INTERVENTION_SQL " AND j.case_id=c.id))",
                "ii", iCase, iAgency) > 0;
}
