/*
** programme.h — how an agency's programme is set up: the agency itself,
** its rounds ("edizioni"), funding streams, the service catalogue and the
** organisations it works with.
**
** Rounds, streams, services and organisations are each identified within
** the agency by a code (1..32 of A-Z a-z 0-9 _ -) and saved by upsert on
** (agency_id, code): saving a code that exists updates that row.  Every
** function takes the caller's agency id and touches only its rows.
** Status codes: 0, DOMAIN_NOT_FOUND, DOMAIN_INVALID (Errors filled, nothing
** written) or a db.h code (see domain.h).  No function opens a
** transaction: the caller wraps each write request in one.  Strings
** returned by get/list functions live in the caller's arena.
*/
#ifndef ALI_PROGRAMME_H
#define ALI_PROGRAMME_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "person.h"

/* ---- Agency ---- */

/* The id of agency zCode through *pId, creating it with zName (zCode
** when NULL) if missing; an existing agency is not renamed.  0 or a db.h
** code. */
int agency_ensure(Db *db, const char *zCode, const char *zName, int64_t *pId);

/* The id of agency zCode, or 0 when there is none (or on a DB error). */
int64_t agency_find(Db *db, const char *zCode);

/* The name of agency iAgency into *pzName (arena string).  0,
** DOMAIN_NOT_FOUND or a db.h code. */
int agency_get_name(Db *db, Arena *a, int64_t iAgency, const char **pzName);

/* ---- Rounds ---- */

typedef struct Round {
  int64_t id;                /* 0 until saved */
  const char *zCode;         /* e.g. "R1" */
  const char *zName;         /* 1..200 characters */
  const char *zStartDate;    /* "YYYY-MM-DD" */
  const char *zEndDate;      /* "YYYY-MM-DD", not before zStartDate */
  int iMaxParticipants;      /* -1: no cap; else >= 1 */
  const char **azService;    /* codes of the services the round offers */
  int nService;              /* (read: in catalogue order) */
} Round;

/* Pure checks, one error per wrong field: code; name (required, at most
** 200 characters); start_date and end_date (valid dates; end_date not
** before start_date, the error then on end_date); max_participants (-1
** or >= 1); services (each a well-formed code, error on "services"). */
void round_validate(const Round *p, Errors *pErr);

/*
** Validate, then check that every code of p->azService is in the agency's
** catalogue (else DOMAIN_INVALID with "unknown service" on "services"),
** then upsert the round on its code and replace its services: exactly
** p->azService, or every service of the catalogue when p->nService is 0
** (duplicates in azService are harmless).  Sets p->id.
*/
int round_save(Db *db, int64_t iAgency, Round *p, Errors *pErr);

/* Read round id (services included) into *p.  0, DOMAIN_NOT_FOUND or a
** db.h code. */
int round_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Round *p);

/* The id of the agency's round zCode, or 0 (also on a DB error). */
int64_t round_find(Db *db, int64_t iAgency, const char *zCode);

/* Every round of the agency, services included, by start date then id,
** into a new arena array (*pa NULL when none).  0 or a db.h code. */
int round_list(Db *db, Arena *a, int64_t iAgency, Round **pa, int *pn);

/* ---- Funding streams ---- */

typedef struct FundingStream {
  int64_t id;
  const char *zCode;         /* e.g. "fondo_poverta" */
  const char *zName;         /* 1..200 characters */
  int64_t iAllocationCents;  /* 0..MONEY_MAX_CENTS */
  int bEsf;                  /* 1: co-financed by the European Social Fund */
  const char *zRule;         /* NULL (open) or a rule: stream_rule_check() */
} FundingStream;

/* Pure checks: code, name, allocation_cents, esf (0 or 1), rule (absent,
** or well formed: stream_rule_problem(); "" counts as absent). */
void stream_validate(const FundingStream *p, Errors *pErr);

/* Validate, then upsert on code (rule "" stored as NULL).  Sets p->id. */
int stream_save(Db *db, int64_t iAgency, FundingStream *p, Errors *pErr);
int stream_get(Db *db, Arena *a, int64_t iAgency, int64_t id, FundingStream *p);
int64_t stream_find(Db *db, int64_t iAgency, const char *zCode); /* 0: none */
/* Every stream of the agency, in the order they were created (id). */
int stream_list(Db *db, Arena *a, int64_t iAgency, FundingStream **pa, int *pn);

/*
** The eligibility rule of a funding stream is data: a list of conditions
** separated by commas, each of which the person must meet:
**   minimum_income      receives the minimum income (unknown is not enough)
**   age_min=N           at least N whole years old on the date (0..120)
**   age_max=N           at most N (0..120)
**   municipality=NAME   resident in NAME (compared without case, accents
**                       or punctuation, as names are searched)
** NULL or "" admits everyone.  Spaces around items (and around "=") are
** ignored; an empty item, an unknown or repeated condition, an age out
** of range, age_min above age_max or a rule over 200 characters is
** malformed.
*/

/* NULL when zRule is a well-formed rule, else the problem (a msgid).
** Pure. */
const char *stream_rule_problem(const char *zRule);

/*
** The one rule function: 1 if person p meets stream s's rule on date zOn
** ("YYYY-MM-DD"), else 0 with *pzReason set to why (a msgid with no
** data, e.g. "receives no minimum income" -- the caller translates it;
** for a malformed rule "the stream's rule is not valid").  pzReason may
** be NULL.  Pure.
*/
int stream_rule_check(const FundingStream *s, const Person *p, const char *zOn,
                      const char **pzReason);

/* The rule zRule in words, in language iLang, in arena a:
** "minimum-income recipients; aged at least 18; resident in Pisa";
** "open to everyone" when blank; a malformed rule as it is stored. */
struct Arena;
const char *stream_rule_words(struct Arena *a, int iLang, const char *zRule);

/* ---- Service catalogue ---- */

typedef struct Service {
  int64_t id;
  const char *zCode;         /* e.g. "haccp" */
  const char *zNameIt, *zNameEn; /* 1..200 characters each */
  const char *zKind;         /* internship|training|home_education|home_care|
                             ** psych_support|orientation|other */
} Service;

/* Pure checks: code, name_it, name_en, kind. */
void service_validate(const Service *p, Errors *pErr);
/* Validate, then upsert on code.  Sets p->id. */
int service_save(Db *db, int64_t iAgency, Service *p, Errors *pErr);
int service_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Service *p);
int64_t service_find(Db *db, int64_t iAgency, const char *zCode); /* 0: none */
/* The agency's catalogue in the order services were added (id). */
int service_list(Db *db, Arena *a, int64_t iAgency, Service **pa, int *pn);

/*
** Install the standard catalogue of DOMAIN.md into the agency: internship,
** forklift, italian_l2, haccp, safety, home_education, it_training,
** soft_skills, home_care, psych_support, orientation, green_maintenance,
** furniture, with Italian and English names and their kinds (the courses
** are "training").  Idempotent: a code the agency already has is left as
** it is (its names may have been edited); missing ones are added.  0 or a
** db.h code.
*/
int programme_install_catalogue(Db *db, int64_t iAgency);

/* ---- Organisations ---- */

typedef struct Organisation {
  int64_t id;
  const char *zCode;
  const char *zName;         /* 1..200 characters */
  const char *zKind;         /* cooperative|host_firm|specialised_service */
  const char *zVatNumber;    /* partita IVA: NULL, or 11 digits whose last is
                             ** the check digit (Luhn, as the Agenzia delle
                             ** Entrate computes it) */
} Organisation;

/* Pure checks: code, name, kind, vat_number. */
void organisation_validate(const Organisation *p, Errors *pErr);
/* Validate, then upsert on code ("" vat_number stored as NULL).  Sets p->id. */
int organisation_save(Db *db, int64_t iAgency, Organisation *p, Errors *pErr);
int organisation_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Organisation *p);
int64_t organisation_find(Db *db, int64_t iAgency, const char *zCode); /* 0: none */
/* Every organisation of the agency, in the order they were created (id). */
int organisation_list(Db *db, Arena *a, int64_t iAgency, Organisation **pa, int *pn);

/* 1 if z is a partita IVA: 11 digits with a valid check digit.  Pure. */
int organisation_vat_valid(const char *z);

#endif
