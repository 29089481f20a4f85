/*
** esf_record.h — what the ESF+ indicators need of a participant beyond
** the Access and Evaluation Form (table esf_participant, migration 013),
** one row per case:
**
**   at entry (asked at the first interview, as the ESF+ entry
**   questionnaire asks them; each "yes", "no" or "not_stated", NULL when
**   not asked):
**     parents_born_abroad  both parents born abroad (foreign background,
**                          EECO14, the UNECE definition)
**     disability           a certified disability (Law 104/1992 or
**                          68/1999; EECO12) — health data, GDPR art. 9
**     minority             belongs to a minority, incl. marginalised
**                          communities such as the Roma (EECO15) —
**                          ethnic origin, GDPR art. 9
**   within four weeks of leaving (EECR01, EECR02):
**     situation_on         the date the situation refers to
**     job_searching        1 / 0
**     in_education         in education or training, 1 / 0
**
** Who reads and writes which field is decided here, from the caller's
** relation to the case's participant (access.h), in one table:
**
**   field                read                            write
**   parents_born_abroad  intake_can_read                 intake_can_interview
**   disability           policy_sensitive_visible(HEALTH) intake_can_interview
**   minority             holder, psychotherapist,        intake_can_interview
**                        break glass, manager
**   the situation        intake_can_read                 intake_can_plan
**
** (a field is written only by one who also reads it).  Reading the two
** special-category fields is the caller's to audit ("read_sensitive",
** field names only); writes are audited with disability and minority as
** "[changed]".  Conventions as in intake.h: the agency's rows only,
** DOMAIN_NOT_FOUND / DOMAIN_INVALID (Errors under the field names above)
** or a db.h code; no transaction opened here; strings in the caller's
** arena.
*/
#ifndef ALI_ESF_RECORD_H
#define ALI_ESF_RECORD_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "policy.h"

typedef enum EsfField {
  ESF_PARENTS_ABROAD = 0,
  ESF_DISABILITY,
  ESF_MINORITY,
  ESF_SITUATION, /* situation_on, job_searching, in_education together */
  ESF_FIELD_COUNT
} EsfField;

/* Answer codes of the three entry questions, with labels (msgids), as
** code, label pairs ending with NULL: yes, no, not_stated. */
extern const char *const esf_azAnswer[];

typedef struct EsfRecord {
  int64_t iCase;
  const char *zParentsAbroad, *zDisability, *zMinority; /* codes; NULL: not asked */
  const char *zSituationOn;                             /* date; NULL: not recorded */
  int eJobSearching, eInEducation;                      /* 1, 0, -1 not recorded */
  const char *zUpdatedAt;                               /* NULL: no row yet */
} EsfRecord;

/* The field's code as the forms and the audit name it ("disability";
** "situation" for ESF_SITUATION). */
const char *esf_field_code(EsfField e);
/* Whether relation eRel reads / writes field e (the table above). Pure. */
int esf_field_readable(Relation eRel, EsfField e);
int esf_field_writable(Relation eRel, EsfField e);
/* The fields eRel reads (or writes) as a mask of 1 << EsfField. */
unsigned esf_readable_mask(Relation eRel);
unsigned esf_writable_mask(Relation eRel);
/* The special-category fields among mFields (disability, minority). */
unsigned esf_sensitive_mask(unsigned mFields);
/* The answer to "1 counts, 0 does not, -1 unknown" of an entry code:
** yes 1, no 0, not_stated and NULL -1.  Pure. */
int esf_answer_value(const char *zCode);

/* Reads the record of case iCase (every field NULL / -1 when it has
** none; DOMAIN_NOT_FOUND when the case is not the agency's).  Only the
** fields of mFields are filled. */
int esf_record_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, unsigned mFields,
                   EsfRecord *p);

/* Checks the fields of mFields of p: answers among esf_azAnswer (or
** NULL); situation_on a date not in the future, not before zExit when
** the path has closed (zExit its date, else NULL: the situation needs a
** closed path, "situation_on": "the path has not ended yet"), and with
** it both job_searching and in_education (0 or 1).  One error per wrong
** field. */
void esf_record_validate(const EsfRecord *p, unsigned mFields, const char *zExit,
                         Errors *pErr);

/* Writes the fields of mFields of p for case iCase, creating its row if
** needed; *pzDetail gets the audit detail of what changed (a JSON object
** in a, disability and minority as "[changed]"), NULL when nothing did.
** Validates first (DOMAIN_INVALID, nothing written).  zNow a timestamp,
** iBy the user. */
int esf_record_save(Db *db, Arena *a, int64_t iAgency, int64_t iCase, unsigned mFields,
                    const EsfRecord *p, int64_t iBy, const char *zNow, const char **pzDetail,
                    Errors *pErr);

/* The date the path of case iCase closed (its evaluation's date, else
** the date of case_file.closed_at) into zOut, or "" when open. */
int esf_case_exit(Db *db, int64_t iAgency, int64_t iCase, char zOut[11]);

/* The rule of an ESF participation, written once for esf_case_is_esf()
** and the esf report: a case whose stream (s) is flagged ESF, or with an
** intervention that started charged to such a stream.  This is the FROM
** and WHERE of those interventions (i, its project j, its stream s2). */
#define ESF_INTERVENTION_SQL                                                      \
  " FROM intervention i JOIN project j ON j.id=i.project_id"                     \
  " JOIN funding_stream s2 ON s2.id=i.funding_stream_id"                         \
  " WHERE s2.esf=1 AND i.status IN ('active','suspended','completed','interrupted')"

/* 1 if the participation of case iCase is an ESF one (the rule above),
** else 0. */
int esf_case_is_esf(Db *db, int64_t iAgency, int64_t iCase);

#endif
