/*
** placement.h — internships (DOMAIN.md step 4): the host firms (an
** organisation of kind host_firm with its partita IVA, ATECO section,
** address and contact), the placement of an internship intervention
** (host firm, company tutor, cooperative tutor, dates, weekly hours,
** monthly indemnity, end reason, hiring) and its attendance log.
**
** Attendance is kept in minutes (an integer, 0..1440 a day): hours and
** minutes as the tutor writes them ("4:30") are converted by the caller;
** a day of absence has 0 minutes.  A placement that records a hiring
** (hired_on with contract_type) is what closing.c reads as the outcome
** employed_host.  Status codes and conventions as in intake.h.
*/
#ifndef ALI_PLACEMENT_H
#define ALI_PLACEMENT_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"

/* ---- host firms ---- */

typedef struct HostFirm {
  int64_t id;
  const char *zCode;             /* unique in the agency (domain_check_code) */
  const char *zName;             /* required, <= 200 characters */
  const char *zVatNumber;        /* partita IVA, required (organisation_vat_valid) */
  const char *zAteco;            /* ATECO section: one letter A..U, or NULL */
  const char *zAddress;          /* <= 200 characters, or NULL */
  const char *zContactName;      /* <= 100 */
  const char *zContactPhone;     /* digits, spaces, + - ( ) . /, 5..30 characters */
  const char *zContactEmail;     /* something@domain, <= 200 */
} HostFirm;

/* Pure checks, fields named code, name, vat_number, ateco_section,
** address, contact_name, contact_phone, contact_email. */
void host_firm_validate(const HostFirm *p, Errors *pErr);
/* 1 if z is an ATECO 2007 section (one capital letter A..U).  Pure. */
int host_firm_ateco_valid(const char *z);
/* Validate, then insert (id 0) or update host firm p->id (DOMAIN_NOT_FOUND
** when it is not a host firm of the agency).  A code already used by
** another organisation of the agency: DOMAIN_CONFLICT on "code".  Sets
** p->id. */
int host_firm_save(Db *db, int64_t iAgency, HostFirm *p, Errors *pErr);
int host_firm_get(Db *db, Arena *a, int64_t iAgency, int64_t id, HostFirm *p);
/* The host firms of the agency by name. */
int host_firm_list(Db *db, Arena *a, int64_t iAgency, HostFirm **pa, int *pn);

/* ---- placements ---- */

/* contract_type codes, in order: permanent, fixed_term, apprenticeship,
** other; their English labels (msgids). */
#define CONTRACT_TYPE_COUNT 4
const char *placement_contract_code(int i);
const char *placement_contract_label(int i);
int placement_contract_find(const char *z); /* -1: unknown */

typedef struct Placement {
  int64_t iIntervention;
  int64_t iHostFirm;             /* required: a host firm of the agency */
  const char *zHostFirm;         /* read */
  const char *zCompanyTutor;     /* the firm's tutor, <= 100 characters */
  int64_t iCoopTutor;            /* an active operator of the agency (of the
                                 ** intervention's provider when it has one); 0 none */
  const char *zCoopTutor;        /* read */
  const char *zStartOn;          /* required date */
  const char *zEndOn;            /* date, not before the start, or NULL */
  int iWeeklyHours;              /* 0..60; -1 unknown */
  int64_t iMonthlyIndemnityCents; /* >= 0; -1 unknown */
  const char *zEndReason;        /* <= 500 characters */
  const char *zHiredOn;          /* date of hiring, not before the start nor in the
                                 ** future; with zContractType, both or neither */
  const char *zContractType;     /* a contract_type code */
} Placement;

/*
** Create or replace the placement of internship intervention
** p->iIntervention: DOMAIN_NOT_FOUND when it is not the agency's,
** DOMAIN_CONFLICT when its service is not an internship ("service") or
** its case is closed ("status"); DOMAIN_INVALID field by field
** (host_firm_id, company_tutor, coop_tutor_id, start_on, end_on,
** weekly_hours, monthly_indemnity_cents, end_reason, hired_on,
** contract_type).
*/
int placement_save(Db *db, int64_t iAgency, const Placement *p, Errors *pErr);
/* The placement of an intervention: 0, DOMAIN_NOT_FOUND (none yet) or a
** db.h code. */
int placement_get(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention, Placement *p);

/* ---- attendance ---- */

typedef struct Attendance {
  int64_t id;
  const char *zOn;               /* the day */
  int iMinutes;                  /* 0..1440; 0 when absent, >= 1 when present */
  int bPresent;
  const char *zNote;             /* <= 500 characters */
  const char *zBy;               /* read: who recorded it */
} Attendance;

/*
** Record a day of attendance of the placement of intervention
** iIntervention by iBy: DOMAIN_NOT_FOUND without a placement (or another
** agency's); DOMAIN_CONFLICT when the intervention has not started or
** was cancelled, or the case is closed ("status"), or that day is
** already recorded ("on_date"); DOMAIN_INVALID for on_date (a date, not
** in the future, within the placement's start and end), minutes, note.
** Sets p->id.
*/
int placement_attend(Db *db, int64_t iAgency, int64_t iIntervention, Attendance *p, int64_t iBy,
                     Errors *pErr);
/* The attendance log, newest day first. */
int placement_attendance(Db *db, Arena *a, int64_t iAgency, int64_t iIntervention,
                         Attendance **pa, int *pn);

#endif
