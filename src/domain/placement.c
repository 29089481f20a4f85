/*
** placement.c — internships (see placement.h): host firms (rows of
** organisation of kind host_firm with the columns migration 004 adds),
** the placement of an internship intervention with its hiring, and the
** attendance log in minutes.
**
** Uniqueness (a host firm's code, a day of attendance) is checked by a
** query before writing, never left to the constraint: on PostgreSQL a
** failed statement aborts the request's transaction.
*/
#include "placement.h"

#include <stdio.h>
#include <string.h>

#include "../lib/date.h"
#include "intake.h"
#include "programme.h"

/* z, or NULL when blank (stored as SQL NULL). */
static const char *plc_or_null(const char *z) { return domain_blank(z) ? NULL : z; }

/* Bind v, or NULL when below iMin. */
static void plc_bind_opt(DbStmt *q, int i, int64_t v, int64_t iMin) {
  if (v < iMin) db_bind_null(q, i);
  else db_bind_int(q, i, v);
}

/* Step a write and release it; 0 or a db.h code. */
static int plc_run(DbStmt *q) {
  int rc = db_step(q);
  db_done(q);
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* Host firms                                                          */
/* ------------------------------------------------------------------ */

int host_firm_ateco_valid(const char *z) {
  return z && z[0] >= 'A' && z[0] <= 'U' && z[1] == 0;
}

/* A phone number: 5..30 of digits, spaces and + - ( ) . / */
static int plc_phone_valid(const char *z) {
  size_t n = strlen(z);
  if (n < 5 || n > 30) return 0;
  for (size_t i = 0; i < n; i++) {
    if (!strchr("0123456789 +-()./", z[i])) return 0;
  }
  return 1;
}

/* An e-mail address as far as a form can tell: local@domain.tld, no spaces. */
static int plc_email_valid(const char *z) {
  const char *zAt = strchr(z, '@');
  if (!zAt || zAt == z || strchr(zAt + 1, '@') || strpbrk(z, " \t<>\"")) return 0;
  const char *zDot = strrchr(zAt, '.');
  return zDot && zDot > zAt + 1 && zDot[1] != 0 && strlen(z) <= 200;
}

void host_firm_validate(const HostFirm *p, Errors *pErr) {
  domain_check_code(pErr, "code", p->zCode);
  domain_check_text(pErr, "name", p->zName, 200, 1);
  if (domain_blank(p->zVatNumber)) {
    errors_add(pErr, "vat_number", N_("required"));
  } else if (!organisation_vat_valid(p->zVatNumber)) {
    errors_add(pErr, "vat_number", N_("not a valid partita IVA (11 digits)"));
  }
  if (!domain_blank(p->zAteco) && !host_firm_ateco_valid(p->zAteco)) {
    errors_add(pErr, "ateco_section", N_("an ATECO section: one letter from A to U"));
  }
  domain_check_text(pErr, "address", p->zAddress, 200, 0);
  domain_check_text(pErr, "contact_name", p->zContactName, 100, 0);
  if (!domain_blank(p->zContactPhone) && !plc_phone_valid(p->zContactPhone)) {
    errors_add(pErr, "contact_phone", N_("not a valid phone number"));
  }
  if (!domain_blank(p->zContactEmail) && !plc_email_valid(p->zContactEmail)) {
    errors_add(pErr, "contact_email", N_("not a valid e-mail address"));
  }
}

static int plc_firm_write(Db *db, int64_t iAgency, HostFirm *p) {
  if (p->id) {
    return plc_run(db_query(db,
                            "UPDATE organisation SET code=$1, name=$2, vat_number=$3,"
                            " ateco_section=$4, address=$5, contact_name=$6, contact_phone=$7,"
                            " contact_email=$8 WHERE id=$9 AND agency_id=$10",
                            "ttttttttii", p->zCode, p->zName, p->zVatNumber, plc_or_null(p->zAteco),
                            plc_or_null(p->zAddress), plc_or_null(p->zContactName),
                            plc_or_null(p->zContactPhone), plc_or_null(p->zContactEmail), p->id,
                            iAgency));
  }
  DbStmt *q = db_query(db,
                       "INSERT INTO organisation(agency_id, code, name, kind, vat_number,"
                       " ateco_section, address, contact_name, contact_phone, contact_email)"
                       " VALUES ($1,$2,$3,'host_firm',$4,$5,$6,$7,$8,$9) RETURNING id",
                       "itttttttt", iAgency, p->zCode, p->zName, p->zVatNumber,
                       plc_or_null(p->zAteco), plc_or_null(p->zAddress),
                       plc_or_null(p->zContactName), plc_or_null(p->zContactPhone),
                       plc_or_null(p->zContactEmail));
  int rc = db_step(q);
  if (rc == DB_ROW) p->id = db_col_int(q, 0);
  db_done(q);
  return rc < 0 ? rc : 0;
}

int host_firm_save(Db *db, int64_t iAgency, HostFirm *p, Errors *pErr) {
  int nErr = pErr->n;
  host_firm_validate(p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  if (p->id && db_int(db, 0,
                      "SELECT count(*) FROM organisation WHERE id=$1 AND agency_id=$2"
                      " AND kind='host_firm'",
                      "ii", p->id, iAgency) == 0) {
    return DOMAIN_NOT_FOUND;
  }
  if (db_int(db, 0, "SELECT count(*) FROM organisation WHERE agency_id=$1 AND code=$2 AND id<>$3",
             "iti", iAgency, p->zCode, p->id) > 0) {
    errors_add(pErr, "code", N_("another organisation already has this code"));
    return DOMAIN_CONFLICT;
  }
  return plc_firm_write(db, iAgency, p);
}

#define FIRM_COLUMNS                                                                             \
  "id, code, name, vat_number, ateco_section, address, contact_name, contact_phone,"            \
  " contact_email"

static void plc_firm_from_row(DbStmt *q, Arena *a, HostFirm *p) {
  p->id = db_col_int(q, 0);
  const char **az[] = {&p->zCode, &p->zName, &p->zVatNumber, &p->zAteco, &p->zAddress,
                       &p->zContactName, &p->zContactPhone, &p->zContactEmail};
  for (int i = 0; i < 8; i++) *az[i] = arena_strdup(a, db_col_text(q, i + 1));
}

int host_firm_get(Db *db, Arena *a, int64_t iAgency, int64_t id, HostFirm *p) {
  DbStmt *q = db_query(db,
                       "SELECT " FIRM_COLUMNS " FROM organisation"
                       " WHERE id=$1 AND agency_id=$2 AND kind='host_firm'",
                       "ii", id, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) plc_firm_from_row(q, a, p);
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

int host_firm_list(Db *db, Arena *a, int64_t iAgency, HostFirm **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT " FIRM_COLUMNS " FROM organisation"
                       " WHERE agency_id=$1 AND kind='host_firm' ORDER BY name, id",
                       "i", iAgency);
  int n = 0, nAlloc = 0, rc;
  HostFirm *aF = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      HostFirm *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aF, sizeof *aNew * (size_t)n);
      aF = aNew;
    }
    plc_firm_from_row(q, a, &aF[n++]);
  }
  db_done(q);
  *pa = aF;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ */
/* Placements                                                          */
/* ------------------------------------------------------------------ */

static const char *const plc_azContract[CONTRACT_TYPE_COUNT][2] = {
    {"permanent", N_("Permanent")},
    {"fixed_term", N_("Fixed-term")},
    {"apprenticeship", N_("Apprenticeship")},
    {"other", N_("Other contract")},
};

const char *placement_contract_code(int i) {
  return i >= 0 && i < CONTRACT_TYPE_COUNT ? plc_azContract[i][0] : NULL;
}
const char *placement_contract_label(int i) {
  return i >= 0 && i < CONTRACT_TYPE_COUNT ? plc_azContract[i][1] : NULL;
}
int placement_contract_find(const char *z) {
  for (int i = 0; z && i < CONTRACT_TYPE_COUNT; i++) {
    if (strcmp(z, plc_azContract[i][0]) == 0) return i;
  }
  return -1;
}

/* What a placement write needs of its intervention. */
typedef struct PlcCtx {
  char zKind[24], zStatus[16];
  int64_t iProvider;
  int bClosed;
} PlcCtx;

static int plc_ctx(Db *db, int64_t iAgency, int64_t iIntervention, PlcCtx *p) {
  DbStmt *q = db_query(db,
                       "SELECT s.kind, i.status, i.organisation_id, c.closed_at"
                       " FROM intervention i JOIN service s ON s.id=i.service_id"
                       " JOIN project j ON j.id=i.project_id JOIN case_file c ON c.id=j.case_id"
                       " WHERE i.id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    snprintf(p->zKind, sizeof p->zKind, "%s", db_col_text(q, 0));
    snprintf(p->zStatus, sizeof p->zStatus, "%s", db_col_text(q, 1));
    p->iProvider = db_col_int(q, 2);
    p->bClosed = !db_col_null(q, 3);
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

static void plc_check_dates(const Placement *p, Errors *pErr) {
  if (domain_blank(p->zStartOn)) errors_add(pErr, "start_on", N_("required"));
  else if (!date_valid(p->zStartOn)) errors_add(pErr, "start_on", N_("not a valid date (YYYY-MM-DD)"));
  if (!domain_blank(p->zEndOn)) {
    if (!date_valid(p->zEndOn)) errors_add(pErr, "end_on", N_("not a valid date (YYYY-MM-DD)"));
    else if (date_valid(p->zStartOn) && strcmp(p->zEndOn, p->zStartOn) < 0)
      errors_add(pErr, "end_on", N_("cannot be before the start"));
  }
  int bHired = !domain_blank(p->zHiredOn), bContract = !domain_blank(p->zContractType);
  intake_check_date(pErr, "hired_on", p->zHiredOn, bContract);
  if (bHired && !errors_get(pErr, "hired_on") && date_valid(p->zStartOn) &&
      strcmp(p->zHiredOn, p->zStartOn) < 0) {
    errors_add(pErr, "hired_on", N_("cannot be before the start"));
  }
  if (bContract && placement_contract_find(p->zContractType) < 0) {
    errors_add(pErr, "contract_type",
               N_("must be one of permanent, fixed_term, apprenticeship, other"));
  } else if (bHired && !bContract) {
    errors_add(pErr, "contract_type", N_("required"));
  }
}

static void plc_check(Db *db, int64_t iAgency, const PlcCtx *c, const Placement *p,
                      Errors *pErr) {
  if (p->iHostFirm <= 0) {
    errors_add(pErr, "host_firm_id", N_("required"));
  } else if (!db_int(db, 0, "SELECT count(*) FROM organisation WHERE id=$1 AND agency_id=$2"
                            " AND kind='host_firm'", "ii", p->iHostFirm, iAgency)) {
    errors_add(pErr, "host_firm_id", N_("not a host firm of the agency"));
  }
  domain_check_text(pErr, "company_tutor", p->zCompanyTutor, 100, 0);
  if (p->iCoopTutor > 0 &&
      !intake_user_has_role(db, iAgency, p->iCoopTutor, "operator", c->iProvider)) {
    errors_add(pErr, "coop_tutor_id", c->iProvider
                                          ? N_("not an active operator of this organisation")
                                          : N_("not an active operator of the agency"));
  }
  plc_check_dates(p, pErr);
  if (p->iWeeklyHours > 60) errors_add(pErr, "weekly_hours", N_("a number from 0 to 60, or empty"));
  if (p->iMonthlyIndemnityCents < -1)
    errors_add(pErr, "monthly_indemnity_cents", N_("cannot be negative"));
  intake_check_text(pErr, "end_reason", p->zEndReason, 500, 0);
}

static int plc_write(Db *db, const Placement *p) {
  char zNow[21];
  timestamp_now(zNow);
  DbStmt *q = db_prepare(db,
                         "INSERT INTO placement(intervention_id, host_firm_id, company_tutor,"
                         " coop_tutor_id, start_on, end_on, weekly_hours, monthly_indemnity_cents,"
                         " end_reason, hired_on, contract_type, updated_at)"
                         " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
                         " ON CONFLICT (intervention_id) DO UPDATE SET"
                         " host_firm_id=excluded.host_firm_id, company_tutor=excluded.company_tutor,"
                         " coop_tutor_id=excluded.coop_tutor_id, start_on=excluded.start_on,"
                         " end_on=excluded.end_on, weekly_hours=excluded.weekly_hours,"
                         " monthly_indemnity_cents=excluded.monthly_indemnity_cents,"
                         " end_reason=excluded.end_reason, hired_on=excluded.hired_on,"
                         " contract_type=excluded.contract_type, updated_at=excluded.updated_at");
  db_bind_int(q, 1, p->iIntervention);
  db_bind_int(q, 2, p->iHostFirm);
  db_bind_text(q, 3, plc_or_null(p->zCompanyTutor));
  plc_bind_opt(q, 4, p->iCoopTutor, 1);
  db_bind_text(q, 5, p->zStartOn);
  db_bind_text(q, 6, plc_or_null(p->zEndOn));
  plc_bind_opt(q, 7, p->iWeeklyHours, 0);
  plc_bind_opt(q, 8, p->iMonthlyIndemnityCents, 0);
  db_bind_text(q, 9, plc_or_null(p->zEndReason));
  db_bind_text(q, 10, plc_or_null(p->zHiredOn));
  db_bind_text(q, 11, plc_or_null(p->zContractType));
  db_bind_text(q, 12, zNow);
  return plc_run(q);
}

int placement_save(Db *db, int64_t iAgency, const Placement *p, Errors *pErr) {
  PlcCtx c;
  int rc = plc_ctx(db, iAgency, p->iIntervention, &c);
  if (rc) return rc;
  if (strcmp(c.zKind, "internship") != 0) {
    errors_add(pErr, "service", N_("only an internship has a placement"));
    return DOMAIN_CONFLICT;
  }
  if (c.bClosed) {
    errors_add(pErr, "status", N_("the case is closed"));
    return DOMAIN_CONFLICT;
  }
  int nErr = pErr->n;
  plc_check(db, iAgency, &c, p, pErr);
  if (pErr->n > nErr) return DOMAIN_INVALID;
  return plc_write(db, p);
}

int placement_get(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, Placement *p) {
  DbStmt *q = db_query(db,
                       "SELECT p.host_firm_id, o.name, p.company_tutor, p.coop_tutor_id,"
                       " u.full_name, p.start_on, p.end_on, p.weekly_hours,"
                       " p.monthly_indemnity_cents, p.end_reason, p.hired_on, p.contract_type"
                       " FROM placement p JOIN intervention i ON i.id=p.intervention_id"
                       " JOIN organisation o ON o.id=p.host_firm_id"
                       " LEFT JOIN app_user u ON u.id=p.coop_tutor_id"
                       " WHERE p.intervention_id=$1 AND i.agency_id=$2",
                       "ii", iIntervention, iAgency);
  int rc = db_step(q);
  if (rc == DB_ROW) {
    memset(p, 0, sizeof *p);
    p->iIntervention = iIntervention;
    p->iHostFirm = db_col_int(q, 0);
    p->zHostFirm = arena_strdup(a, db_col_text(q, 1));
    p->zCompanyTutor = arena_strdup(a, db_col_text(q, 2));
    p->iCoopTutor = db_col_int(q, 3);
    p->zCoopTutor = arena_strdup(a, db_col_text(q, 4));
    p->zStartOn = arena_strdup(a, db_col_text(q, 5));
    p->zEndOn = arena_strdup(a, db_col_text(q, 6));
    p->iWeeklyHours = db_col_null(q, 7) ? -1 : (int)db_col_int(q, 7);
    p->iMonthlyIndemnityCents = db_col_null(q, 8) ? -1 : db_col_int(q, 8);
    p->zEndReason = arena_strdup(a, db_col_text(q, 9));
    p->zHiredOn = arena_strdup(a, db_col_text(q, 10));
    p->zContractType = arena_strdup(a, db_col_text(q, 11));
  }
  db_done(q);
  return rc == DB_ROW ? 0 : rc == DB_DONE ? DOMAIN_NOT_FOUND : rc;
}

/* ------------------------------------------------------------------ */
/* Attendance                                                          */
/* ------------------------------------------------------------------ */

static void plc_check_attendance(const Placement *pl, const Attendance *p, Errors *pErr) {
  intake_check_date(pErr, "on_date", p->zOn, 1);
  if (!errors_get(pErr, "on_date")) {
    if (strcmp(p->zOn, pl->zStartOn) < 0) {
      errors_add(pErr, "on_date", N_("before the start of the placement"));
    } else if (pl->zEndOn && strcmp(p->zOn, pl->zEndOn) > 0) {
      errors_add(pErr, "on_date", N_("after the end of the placement"));
    }
  }
  if (p->bPresent && (p->iMinutes < 1 || p->iMinutes > 1440)) {
    errors_add(pErr, "minutes", N_("a time from 1 minute to 24 hours"));
  } else if (!p->bPresent && p->iMinutes != 0) {
    errors_add(pErr, "minutes", N_("a day of absence has no time"));
  }
  intake_check_text(pErr, "note", p->zNote, 500, 0);
}

int placement_attend(Db *db, int64_t iAgency, int64_t iIntervention, Attendance *p, int64_t iBy,
                     Errors *pErr) {
  Arena a = ARENA_INIT;
  Placement pl;
  PlcCtx c;
  int rc = placement_get(db, &a, iAgency, iIntervention, &pl);
  if (!rc) rc = plc_ctx(db, iAgency, iIntervention, &c);
  if (!rc && (c.bClosed || strcmp(c.zStatus, "planned") == 0 || strcmp(c.zStatus, "cancelled") == 0)) {
    errors_add(pErr, "status", c.bClosed ? N_("the case is closed")
                                         : N_("the intervention has not started"));
    rc = DOMAIN_CONFLICT;
  }
  int nErr = pErr->n;
  if (!rc) plc_check_attendance(&pl, p, pErr);
  if (!rc && pErr->n > nErr) rc = DOMAIN_INVALID;
  if (!rc && db_int(db, 0, "SELECT count(*) FROM placement_attendance"
                           " WHERE intervention_id=$1 AND on_date=$2", "it", iIntervention, p->zOn)) {
    errors_add(pErr, "on_date", N_("attendance is already recorded for this day"));
    rc = DOMAIN_CONFLICT;
  }
  if (!rc) {
    char zNow[21];
    timestamp_now(zNow);
    size_t n = 0;
    const char *zNote = domain_blank(p->zNote) ? NULL : domain_trim(p->zNote, &n);
    DbStmt *q = db_query(db,
                         "INSERT INTO placement_attendance(intervention_id, on_date, minutes,"
                         " present, note, recorded_by, created_at)"
                         " VALUES ($1,$2,$3,$4,$5,NULLIF($6,0),$7) RETURNING id",
                         "itiitit", iIntervention, p->zOn, (int64_t)p->iMinutes,
                         (int64_t)(p->bPresent != 0), zNote ? arena_strndup(&a, zNote, n) : NULL,
                         iBy, zNow);
    rc = db_step(q);
    if (rc == DB_ROW) p->id = db_col_int(q, 0);
    db_done(q);
    rc = rc < 0 ? rc : 0;
  }
  arena_free(&a);
  return rc;
}

int placement_attendance(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention,
                         Attendance **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT t.id, t.on_date, t.minutes, t.present, t.note, u.full_name"
                       " FROM placement_attendance t JOIN intervention i ON i.id=t.intervention_id"
                       " LEFT JOIN app_user u ON u.id=t.recorded_by"
                       " WHERE t.intervention_id=$1 AND i.agency_id=$2 ORDER BY t.on_date DESC",
                       "ii", iIntervention, iAgency);
  int n = 0, nAlloc = 0, rc;
  Attendance *aT = NULL;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      Attendance *aNew = arena_alloc(a, sizeof *aNew * (size_t)nAlloc);
      if (n) memcpy(aNew, aT, sizeof *aNew * (size_t)n);
      aT = aNew;
    }
    Attendance *p = &aT[n++];
    p->id = db_col_int(q, 0);
    p->zOn = arena_strdup(a, db_col_text(q, 1));
    p->iMinutes = (int)db_col_int(q, 2);
    p->bPresent = (int)db_col_int(q, 3);
    p->zNote = arena_strdup(a, db_col_text(q, 4));
    p->zBy = arena_strdup(a, db_col_text(q, 5));
  }
  db_done(q);
  *pa = aT;
  *pn = n;
  return rc < 0 ? rc : 0;
}
