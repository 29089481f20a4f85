/*
** history.h — past participations brought in from an agency's
** spreadsheets (`ali import history`, src/cmd/import_history.c), so that
** the reports cover the years before ali.
**
** One row — a person in a round on a funding stream, shortlisted on a
** date, perhaps agreed a project (the entry date), the services that
** started, and perhaps an outcome and the date the path ended — becomes
** what the live workflow would have left:
**
**   case_file     in the round, on the stream, shortlisted_on and opened
**                 that day, marked imported (imported_at, migration 011),
**                 held by the social worker the caller gives (or none).
**                 Its stage: agreed when agreed_on is set (and then
**                 first_interview_on and second_interview_on are agreed_on
**                 too: both interviews were held by then, and the file
**                 has no dates for them); without agreed_on the candidate
**                 never reached a project: withdrew (outcome withdrew),
**                 not_suitable (outcome interrupted: the candidacy was
**                 stopped), else shortlisted; an exit's exit_on is ended_on.
**   project       agreed on agreed_on, version 1 (its snapshot), no
**                 objectives.
**   intervention  one per service, for the participant, on the case's
**                 stream, started on agreed_on (events planned -> active);
**                 active while the path is open; when it ended, completed
**                 -- interrupted when the outcome is interrupted or withdrew
**                 -- on ended_on (event active -> completed|interrupted).
**   evaluation    when an agreed path has an outcome: the outcome, written
**                 and outcome on ended_on, no author; closed_at is ended_on
**                 (midnight UTC).
**
** Importing a row again (the same person and round) makes nothing new:
**   - a case recorded in ali (not imported) is never touched:
**     DOMAIN_CONFLICT under "person_ref";
**   - an imported case whose view (below) already says what the row says
**     is unchanged (nothing written);
**   - otherwise the case is updated: the import adds and corrects, it never
**     takes anything away.  Stream, dates and stage are set; a project is
**     created if missing, or its agreed_on corrected (interventions that
**     started on the old date move with it, and the profile at entry,
**     entry.h, is dropped for the caller to take again on the new date:
**     entry_snapshot_fill); an intervention is added for
**     each service without a started one; an outcome closes the path as
**     closing does (open interventions ended through iv_transition) or
**     corrects the evaluation (the interventions that ended with the path
**     move to the new date and take the new outcome's status).  What the
**     row does not mention stays: interventions added in ali, a later stage
**     reached in ali.  A row that would remove something is refused:
**     no agreed_on for a case with a project ("agreed_on"), no outcome for
**     a closed path ("outcome").
**
** The view of a participation, as the file would say it (for the
** comparison and the audit trail): funding_stream (code), stage,
** shortlisted_on, agreed_on, services (the codes of the services with an
** intervention that started -- active, suspended, completed, interrupted,
** or cancelled after it started -- sorted, joined by "|"), outcome (the
** evaluation's; for an exit without a project: withdrew, or interrupted
** for not_suitable) and ended_on (the evaluation's written_on, or exit_on).
**
** Conventions as in intake.h: the agency's rows only; DOMAIN_INVALID /
** DOMAIN_CONFLICT with field errors named as the file's columns; no
** transaction opened here (the import's one holds every row).
*/
#ifndef ALI_HISTORY_H
#define ALI_HISTORY_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "audit.h"
#include "domain.h"
#include "intake.h"

/* One row of the history file, its references resolved by the caller
** (who checked them: the person, round and stream of the agency, the
** stream's rule, the services in the catalogue and offered by the round,
** the dates in order, the outcome a known code). */
typedef struct HistoryRow {
  int64_t iPerson, iRound, iStream;
  const char *zStream;        /* the stream's code */
  const char *zShortlistedOn; /* "YYYY-MM-DD" */
  const char *zAgreedOn;      /* NULL: the candidate never reached a project */
  const char **azService;     /* distinct service codes; none without zAgreedOn */
  const int64_t *aiService;   /* their ids */
  int nService;
  const char *zOutcome;       /* an outcome code (closing.h); NULL: ongoing */
  const char *zEndedOn;       /* set exactly when zOutcome is */
} HistoryRow;

/* A participation as the history file would say it (strings in an arena;
** NULL for no value). */
typedef struct HistoryView {
  const char *zStream, *zStage, *zShortlistedOn, *zAgreedOn, *zServices, *zOutcome, *zEndedOn;
} HistoryView;

typedef enum HistoryChange {
  HISTORY_UNCHANGED = 0,
  HISTORY_CREATED,
  HISTORY_UPDATED
} HistoryChange;

/* What history_save() did. */
typedef struct HistorySaved {
  HistoryChange eChange;
  int64_t iCase;
  HistoryView before, after; /* before: all NULL when created */
} HistorySaved;

/* The stage a row leaves its case at: agreed with zAgreedOn; else
** withdrew (outcome withdrew), not_suitable (interrupted), shortlisted
** (none); -1 for another outcome without zAgreedOn (only a path that
** reached a project has one of those).  Pure. */
int history_stage(const char *zAgreedOn, const char *zOutcome);

/* The status of an intervention of a row's project: "active" while the
** path is open (zOutcome NULL), "interrupted" when it ended interrupted
** or withdrawn, "completed" otherwise.  Pure. */
const char *history_iv_status(const char *zOutcome);

/*
** Save row p in agency iAgency (see above) at zNow (the import's UTC
** timestamp, imported_at of the cases it creates); a case created is held
** by iSocialWorker (0: nobody).  *pOut says what was done.  0,
** DOMAIN_CONFLICT (nothing to roll back but the caller's transaction:
** person_ref, agreed_on, outcome, ended_on -- "an open intervention
** changed status after this date" -- or round: "the round has no places
** left", its cap counting candidates who have not left), or a db.h code.
*/
int history_save(Db *db, Arena *a, int64_t iAgency, const HistoryRow *p, int64_t iSocialWorker,
                 const char *zNow, HistorySaved *pOut, Errors *pErr);

/* Add to d the fields of the view that differ between pBefore and
** pAfter, named as the file's columns (stage besides). */
void history_view_diff(AuditDiff *d, const HistoryView *pBefore, const HistoryView *pAfter);

#endif
