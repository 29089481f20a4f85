/*
** microdata.h — pseudonymised microdata for evaluators: one row per
** participation and one per intervention, keyed by a pseudonym, with
** nothing that names or locates a person (no name, codice fiscale,
** address, municipality, birth date, free text).  `ali export microdata`
** (src/cmd/cmd_export.c) writes them to two files, /exports/microdata
** (src/web/page_microdata.c) hands them out as two downloads; both audit
** the export (who, when, round, row counts — never the key).
**
** The pseudonym of a person is HMAC-SHA256 (libsodium) under the export
** key of "ali-microdata-v1:" and the person's internal id in decimal,
** its first 8 bytes in lowercase hex (16 characters): the same for the
** same key and person in every export, unrelated across keys.  The key
** is the caller's (a file, an environment variable, a form field), at
** least MICRODATA_KEY_MIN bytes; it is never stored.
**
** participants.csv, one row per participation (a case with an agreed
** project, DOMAIN.md), ordered by round and pseudonym:
**   pseudonym, round, funding_stream, gender (F, M), age_band (le24,
**   25-34, 35-44, 45-54, 55plus: at entry), origin (italy, other),
**   citizenship_group (eu, non_eu), household_size (1..5, 6plus: at
**   entry), single_mother (yes, no), labour_status (employed,
**   unemployed, inactive: at entry), isced (0..8), screening_decision
**   (suitable, refer, job_only), entry_month (YYYY-MM), outcome (an
**   outcome code; empty while the path is open), exit_month (YYYY-MM)
** interventions.csv, one row per intervention of those projects, in the
** same order, then by service and start month:
**   pseudonym (the participant's), round, service (catalogue code),
**   recipient (participant, household_member), status, start_month,
**   end_month (YYYY-MM of the actual start and end; empty when it did
**   not start or end), planned_hours, delivered_hours (sessions, days
**   present at the internship and course lessons attended, in hours
**   with one decimal)
** An empty cell is an unknown value.
*/
#ifndef ALI_MICRODATA_H
#define ALI_MICRODATA_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "rdoc.h"

#define MICRODATA_KEY_MIN 32     /* bytes */
#define MICRODATA_PSEUDONYM_HEX 16

/* The pseudonym of person iPerson under the key pKey[0..nKey) into zOut
** (MICRODATA_PSEUDONYM_HEX hex digits).  Pure. */
void microdata_pseudonym(const unsigned char *pKey, size_t nKey, int64_t iPerson,
                         char zOut[MICRODATA_PSEUDONYM_HEX + 1]);

/* What an export produced. */
typedef struct MicrodataCounts {
  int nParticipants, nInterventions;
  int nUnique; /* participation rows alone in their round with their gender,
               ** age band, origin and citizenship group (small cells) */
} MicrodataCounts;

/* Builds both files of agency iAgency (round iRound, 0: every round) into
** pPart and pIv (each rdoc_init()ed here, in arena a; write them with
** rdoc_csv).  The key must be at least MICRODATA_KEY_MIN bytes (assert:
** callers refuse shorter ones with a message).  Writes the missing
** profiles at entry first (entry_snapshot_fill), so it belongs in the
** caller's transaction with the audit entry.  0 or a db.h code. */
int microdata_build(Db *db, Arena *a, int64_t iAgency, int64_t iRound, const unsigned char *pKey,
                    size_t nKey, RDoc *pPart, RDoc *pIv, MicrodataCounts *pN);

/* The audit detail of an export: {"round":"R1"|null,"participants":N,
** "interventions":N} with only the counts of the files handed out
** (bPart, bIv), in arena a. */
const char *microdata_audit_detail(Arena *a, const char *zRound, const MicrodataCounts *pN,
                                   int bPart, int bIv);

#endif
