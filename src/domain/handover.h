/*
** handover.h — who holds a case, over time (issue 5, "Coordination"):
** the assignment history of a case's three roles (social worker, case
** manager, psychotherapist), the caseload handover when a worker leaves
** (the pilot lost social workers on temporary contracts), and the check
** of active cases left without an active social worker or case manager.
**
** The history (table case_assignment, migration 008) is kept by triggers
** on case_file: whoever writes case_file.social_worker_id,
** case_manager_id or psychotherapist_id (intake_shortlist, intake_assign,
** intake_form_save, the demo) closes the open row of that role and opens
** one, so the history cannot drift from case_file.  What a trigger cannot
** know -- the handover note and who reassigned -- only handover_reassign()
** adds: every reassignment made on purpose (a handover, a manager moving
** one case) must go through it.  The first interview's form keeps the
** social worker who held the interview (access_form.social_worker_id): it
** is a record of who did it, not an assignment, and is never changed here.
**
** An active case is one not closed (case_file.closed_at NULL) whose
** candidacy has not ended (stage not not_suitable nor withdrew).
**
** Status codes and conventions as in intake.h: the agency's rows only
** (another agency's case or user is DOMAIN_NOT_FOUND or an error on the
** field), DOMAIN_INVALID with the Errors by field, no transaction opened
** here (a handover is one transaction: the caller's), strings in the
** caller's arena.
*/
#ifndef ALI_HANDOVER_H
#define ALI_HANDOVER_H
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "intake.h"
#include "user.h"

#define HANDOVER_NOTE_MAX 2000 /* characters of a handover note */
#define HANDOVER_TO_MAX 20     /* colleagues of one handover */

/* The roles a case names, as stored in case_assignment.role. */
typedef enum CaseRole {
  CASE_ROLE_SOCIAL_WORKER = 0, /* "social_worker" */
  CASE_ROLE_CASE_MANAGER,      /* "case_manager" */
  CASE_ROLE_PSYCHOTHERAPIST,   /* "psychotherapist" */
  CASE_ROLE_COUNT
} CaseRole;

/* Code of a role; NULL out of range.  Pure. */
const char *case_role_code(CaseRole e);
/* Its English label, a msgid ("Social worker", "Case manager",
** "Psychotherapist"): translate with tr().  NULL out of range.  Pure. */
const char *case_role_label(CaseRole e);
/* The role of a code, or -1.  Pure. */
int case_role_from_code(const char *z);
/* The policy.h ROLE_* bit an account needs to hold the role.  Pure. */
unsigned case_role_bit(CaseRole e);

/*
** The spread of a handover: case i of nCase (in their stable order, by
** case id) goes to colleague aiTo[i] = i mod nTo (colleagues in the order
** given), so that no colleague gets more than one case more than
** another.  nTo > 0.  Pure.
*/
void handover_spread(int nCase, int nTo, int *aiTo);

/* One case of a handover, and where it goes. */
typedef struct HandoverItem {
  int64_t iCase;
  int64_t iPerson; /* the participant */
  const char *zPersonRef, *zFirstName, *zLastName;
  Stage eStage;
  int iTo;           /* index in HandoverPlan.aTo */
  const char *zNote; /* the note for this case (NULL: the plan's) */
} HandoverItem;

/* A handover, planned (handover_plan) then applied (handover_apply). */
typedef struct HandoverPlan {
  CaseRole eRole;
  User from; /* the leaving user (may be already inactive) */
  User *aTo; /* the colleagues, in the order given */
  int nTo;
  const char *zNote;   /* the note for every case (NULL: none) */
  HandoverItem *aItem; /* the active cases of from in eRole, by id */
  int nItem;
} HandoverPlan;

/*
** Plan the handover of every active case that user iFrom holds in role
** eRole to the colleagues aiTo[0..nTo), spread by handover_spread().
** Checks: iFrom a user of the agency ("from"); 1..HANDOVER_TO_MAX
** colleagues, none twice nor iFrom, each an active account of the agency
** holding the role and, for case managers, of iFrom's cooperative ("to");
** zNote at most HANDOVER_NOTE_MAX characters ("note").  DOMAIN_INVALID
** then; 0 with p filled otherwise (p->nItem may be 0: nothing to hand
** over).  Reads only.
*/
int handover_plan(Db *db, Arena *a, int64_t iAgency, int64_t iFrom, CaseRole eRole,
                  const int64_t *aiTo, int nTo, const char *zNote, HandoverPlan *p, Errors *pErr);

/*
** Apply a plan by iBy (0: the command line): handover_reassign() of each
** item to p->aTo[item.iTo] with the item's note, else the plan's.
** Re-checks each case is still active and still held by p->from
** (DOMAIN_CONFLICT under "case" otherwise: the plan is stale).  Each
** item's note is checked ("note.<case id>", the field name in a).  The
** caller audits.
*/
int handover_apply(Db *db, Arena *a, int64_t iAgency, const HandoverPlan *p, int64_t iBy,
                   Errors *pErr);

/* The audit detail of item i of a plan, as JSON in a: {"role", "from",
** "to" (usernames), "note"}.  The CLI, the page and the API append one
** entry per case moved (action "handover", entity "case", the
** participant as person). */
const char *handover_audit_detail(Arena *a, const HandoverPlan *p, int i);

/*
** Give role eRole of case iCase to iTo (an active account of the agency
** with the role; for the case manager, of the case's cooperative -- or,
** when the case has none yet, any cooperative, which becomes the case's)
** with the handover note zNote (optional, at most HANDOVER_NOTE_MAX
** characters, "note"), by iBy.  Updates case_file (the trigger closes the
** previous holder's row and opens iTo's) and records the note and iBy on
** the row opened.  Giving the role to its present holder changes nothing.
** Also moves the case's open requests (request table, migration 006)
** assigned to the previous holder to iTo, so that nothing raised waits on
** someone who left.  DOMAIN_NOT_FOUND for a case not of the agency;
** DOMAIN_INVALID ("to", "note"); DOMAIN_CONFLICT ("case") for a case that
** is not active.
*/
int handover_reassign(Db *db, int64_t iAgency, int64_t iCase, CaseRole eRole, int64_t iTo,
                      const char *zNote, int64_t iBy, Errors *pErr);

/* One row of a case's assignment history. */
typedef struct Assignment {
  int64_t id;
  CaseRole eRole;
  int64_t iUser;
  const char *zUsername, *zUser; /* the holder's username and full name */
  const char *zFromAt, *zToAt;   /* zToAt NULL while current */
  const char *zNote;
  const char *zAssignedBy; /* full name, NULL when not recorded */
} Assignment;

/* The history of case iCase, oldest first (by from_at, then id).  0 or a
** db.h code; an unknown case gives an empty list. */
int handover_history(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Assignment **pa, int *pn);

/* An active case left without someone it needs. */
typedef struct Orphan {
  int64_t iCase;
  const char *zPersonRef, *zFirstName, *zLastName;
  const char *zRoundCode;
  Stage eStage;
  int bNoSocialWorker;       /* none, or an inactive account */
  int bNoCaseManager;        /* idem; only from stage first_interview on */
  const char *zSocialWorker; /* the holder's full name, NULL when none */
  const char *zCaseManager;  /* idem */
} Orphan;

/*
** The agency's active cases without an active social worker (any stage),
** or without an active case manager once the first interview has
** continued (stage first_interview, second_interview, agreed: the case
** manager follows the case from the second interview on).  An inactive
** account counts as none.  By case id.  0 or a db.h code.
*/
int handover_orphans(Db *db, Arena *a, int64_t iAgency, Orphan **pa, int *pn);

/* The number of active cases user iUser holds in role eRole, or -1 on a
** database error. */
int handover_caseload(Db *db, int64_t iAgency, int64_t iUser, CaseRole eRole);

#endif
