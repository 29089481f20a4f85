/*
** intake.h — the first half of a participant's path (DOMAIN.md, steps
** 1-3): the candidacy of a person in a round (a case_file row with a
** round, schema 003), from the shortlist through the first interview (the
** Access and Evaluation Form and its suitability screening) and the
** second interviews, to the stage "agreed" that project.c sets when the
** participant agrees the Personalised Individual Project.
**
** Stages (case_file.stage) only move forward, in this order:
**
**   shortlisted -> first_interview -> second_interview -> agreed
**        \               \                  \
**         +---------------+------------------+--> not_suitable | withdrew
**
** "first_interview" means the first interview ended with the outcome
** "continue"; "second_interview" that at least one second interview was
** held; "agreed" that the project was agreed (project.c).  A candidate
** leaves as not_suitable (first interview only) or withdrew (any stage
** before agreed); both are final.  A step out of order answers
** DOMAIN_CONFLICT with the reason in the Errors under "stage".
**
** Every function takes the caller's agency and touches only its rows
** (another agency's case is DOMAIN_NOT_FOUND).  Record-level access (is
** this case mine?) is the caller's: see intake_case_relation().  Status
** codes: 0, DOMAIN_NOT_FOUND, DOMAIN_INVALID (Errors filled, nothing
** written), DOMAIN_CONFLICT, or a db.h code.  No function opens a
** transaction; the caller wraps each write in one.  Strings returned live
** in the caller's arena.  Dates are "YYYY-MM-DD"; zToday parameters make
** the clock testable (NULL: today, UTC).
*/
#ifndef ALI_INTAKE_H
#define ALI_INTAKE_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../lib/arena.h"
#include "../lib/errors.h"
#include "domain.h"
#include "policy.h"
#include "programme.h"
#include "user.h"

/* ---- stages ---- */

typedef enum Stage {
  STAGE_SHORTLISTED = 0,
  STAGE_FIRST_INTERVIEW,
  STAGE_SECOND_INTERVIEW,
  STAGE_AGREED,
  STAGE_NOT_SUITABLE,
  STAGE_WITHDREW,
  STAGE_COUNT
} Stage;

/* "shortlisted", ... as stored; NULL out of range. */
const char *stage_code(Stage e);
/* The stage of a code, or -1. */
int stage_from_code(const char *z);
/* 1 for not_suitable and withdrew. */
int stage_is_exit(Stage e);
/* Why a step that needs a later stage cannot be taken from stage e, as
** every conflict on "stage" words it (a msgid): shortlisted "the first
** interview has not been held", first_interview "no second interview
** has been held", second_interview "the project has not been agreed",
** agreed "the project has already been agreed", not_suitable "the
** candidate was found not suitable", withdrew "the candidate has
** withdrawn".  Pure. */
const char *stage_obstacle(Stage e);

/* ---- checks shared by the intake files (intake.c, access_form.c,
** project.c) ---- */

/* Check free text that may hold line breaks and tabs: once trimmed, at
** most nMax characters (500, 2000 or 4000) of UTF-8 without other
** control characters; when bRequired, not blank.  At most one error,
** under zField. */
void intake_check_text(Errors *pErr, const char *zField, const char *z, long nMax,
                       int bRequired);
/* The length in characters of z[0..n) counting line breaks and tabs as
** characters, or -1 when it is not UTF-8 or holds another control
** character. */
long intake_multiline_len(const char *z, size_t n);
/* Check a date that must not be in the future (UTC today); required when
** bRequired.  At most one error, under zField. */
void intake_check_date(Errors *pErr, const char *zField, const char *z, int bRequired);
/* 1 if iUser is an active account of agency iAgency holding role zRole
** ("social_worker", ...) and, when iOrganisation is not 0, belonging to
** that organisation. */
int intake_user_has_role(Db *db, int64_t iAgency, int64_t iUser, const char *zRole,
                         int64_t iOrganisation);

/* ---- withdrawal reasons (a list, as the funnel reports them) ---- */
#define WITHDRAWAL_REASON_COUNT 7
/* The i-th code: expected_benefit ("expected a benefit in exchange"),
** found_job, health, moved_away, family, not_interested, other. */
const char *withdrawal_reason_code(int i);
/* Its English label (a msgid: translate with tr()). */
const char *withdrawal_reason_label(int i);
/* Index of a code, or -1. */
int withdrawal_reason_find(const char *zCode);

/* ---- the candidacy (a case in a round) ---- */

typedef struct Case {
  int64_t id;
  int64_t iPerson, iHousehold;   /* the participant and their household */
  const char *zPersonRef, *zFirstName, *zLastName;
  int64_t iRound;
  const char *zRoundCode, *zRoundEnd; /* the round's code and end date */
  int64_t iStream;
  const char *zStreamCode;
  int64_t iSocialWorker, iPsychotherapist, iOrganisation, iCaseManager; /* 0: none */
  const char *zSocialWorker, *zPsychotherapist, *zOrganisation, *zCaseManager; /* names */
  Stage eStage;
  const char *zShortlistedOn, *zFirstInterviewOn, *zSecondInterviewOn, *zAgreedOn;
  const char *zExitOn, *zExitReason, *zExitNote; /* NULL unless an exit */
  const char *zClosedAt;         /* NULL while open */
} Case;

/* One candidate to shortlist, as the form, the API and the CSV give it. */
typedef struct ShortlistEntry {
  int64_t iPerson;
  const char *zStream;           /* funding stream code */
  const char *zSocialWorker;     /* username of a social worker of the agency */
  const char *zShortlistedOn;    /* date; NULL or "": today */
} ShortlistEntry;

/*
** Shortlist one candidate into round iRound: checks the stream exists and
** its rule admits the person (stream_rule_check, the reason under
** "funding_stream"), the social worker is an active account of the agency
** with the social_worker role ("social_worker"), the date ("shortlisted_on"),
** that the person is not already a candidate of the round (DOMAIN_CONFLICT,
** "person") and that the round has a place left (DOMAIN_CONFLICT, "round").
** Then inserts the case (stage shortlisted, shortlisted_by iBy) and sets
** *piCase.  DOMAIN_NOT_FOUND when the round or the person is not the
** agency's.
*/
int intake_shortlist(Db *db, int64_t iAgency, int64_t iRound, const ShortlistEntry *p,
                     int64_t iBy, int64_t *piCase, Errors *pErr);

/* Places left in a round: max_participants minus its candidates that
** have not left (not_suitable and withdrew free their place); -1 when
** the round has no cap.  0 or a db.h code. */
int intake_places_left(Db *db, int64_t iAgency, int64_t iRound, int *pnLeft);

/* Read case id.  0, DOMAIN_NOT_FOUND or a db.h code. */
int intake_case_get(Db *db, Arena *a, int64_t iAgency, int64_t id, Case *p);

/* The cases of a person (all rounds), newest round first. */
int intake_cases_of_person(Db *db, Arena *a, int64_t iAgency, int64_t iPerson, Case **pa,
                           int *pn);

/* The caller's relation to the case's participant (access_person). */
Relation intake_case_relation(Db *db, const User *pUser, const Case *p);

/* What a relation to a case's participant allows, in one place (every
** page and API route of a case asks these; a refusal is answered as a
** missing case, 404, when the case cannot even be read):
**   read     holder, psychotherapist, case manager, break glass, manager
**   interview (first interview: form, outcome, referral, withdrawal)
**            holder, psychotherapist, manager
**   project  (second interviews, the project) case manager, manager
** Pure. */
int intake_can_read(Relation e);
int intake_can_interview(Relation e);
int intake_can_plan(Relation e);

/* Filter of intake_case_list(); zero fields do not filter. */
typedef struct CaseFilter {
  int64_t iRound;
  int eStage;                    /* -1: any */
  int64_t iSocialWorker;
  int64_t iOrganisation;
  int64_t iCaseManager;
  int64_t iAfter;                /* keyset: cases with id > iAfter */
  int nLimit;                    /* 0: no limit */
} CaseFilter;

/* The agency's cases matching f, by id. */
int intake_case_list(Db *db, Arena *a, int64_t iAgency, const CaseFilter *f, Case **pa, int *pn);

/* ---- the first interview: Access and Evaluation Form ---- */

#define EMPLOYABILITY_AREAS 11
#define VULNERABILITY_MAX 16

/* A row of a catalogue table (vulnerability, employability_area). */
typedef struct CatalogueItem {
  const char *zCode, *zNameIt, *zNameEn;
} CatalogueItem;
/* The vulnerabilities / employability areas in form order. */
int intake_vulnerabilities(Db *db, Arena *a, CatalogueItem **pa, int *pn);
int intake_areas(Db *db, Arena *a, CatalogueItem **pa, int *pn);

typedef struct AreaScore {
  const char *zArea;             /* employability_area code */
  int iScore;                    /* 1 serious obstacle .. 4 strength; 0 not scored */
  const char *zDescriptor;       /* what the score rests on; may be NULL */
} AreaScore;

typedef struct AccessForm {
  int64_t iCase;
  const char *zInterviewOn;      /* required date, not in the future */
  int64_t iSocialWorker, iPsychotherapist; /* 0: none */
  int bPrivacyNotice;            /* notice given */
  const char *zPrivacySignedOn;  /* date; required when bPrivacyNotice */
  const char *azVulnerability[VULNERABILITY_MAX]; /* checked codes */
  int nVulnerability;
  const char *zVulnerabilityOther; /* what "other" is */
  AreaScore aScore[EMPLOYABILITY_AREAS]; /* nScore used */
  int nScore;
  const char *zPastWork, *zSkills, *zWorkDifficulties, *zAspirations; /* <= 2000 chars each */
  int iEducationIsced;           /* 0..8; -1 unknown */
  const char *zLabourStatus;     /* employed|unemployed|inactive; NULL unknown */
  int iUnemployedMonths;         /* -1 unknown; only when unemployed */
  const char **azService;        /* codes of services that could be activated */
  int nService;
  /* the screening (read; intake_form_save computes it) */
  const char *zScreening;        /* suitable|refer|job_only */
  const char *zScreeningReason;  /* the rule's reason in the request language (read) */
  const char *zReferralKind;     /* addiction|mental_health when refer */
  const char *zDecision;         /* the social worker's: suitable|refer|job_only */
  const char *zOverrideReason;   /* required when zDecision differs */
  const char *zOutcome;          /* NULL (open) | continue|not_suitable|withdrew (read) */
  const char *zOutcomeOn;
  const char *zUpdatedAt;
} AccessForm;

/* The labels of the form's scales, in one place for the page, the PDF
** and the reports: English msgids (translate with tr()), NULL out of
** range.  ISCED 2011 levels 0..8 ("Less than primary education" ...),
** employability scores 1..4 ("serious obstacle" ... "strength"), and
** labour-market statuses (employed, unemployed, inactive). */
const char *intake_isced_label(int iLevel);
/* The screening's suggestions and decisions with their labels, as code,
** label pairs ending with NULL: suitable, refer, job_only. */
extern const char *const intake_azScreening[];
const char *intake_score_label(int iScore);
const char *intake_labour_label(const char *zCode);

/* Pure checks of a form's fields, one error per wrong field (names as in
** the JSON: interview_on, privacy_signed_on, vulnerabilities, scores.AREA,
** past_work..., education_isced, labour_status, unemployed_months,
** services, decision, override_reason). */
void intake_form_validate(const AccessForm *p, Errors *pErr);

/*
** Save (create or replace) the form of case p->iCase: validates, checks
** the codes against the catalogues, runs the screening
** (screening_suggest) and stores its suggestion beside the decision.  The
** case must be at stage shortlisted and the form's outcome still open
** (else DOMAIN_CONFLICT).  Fills p->zScreening and p->zReferralKind.
** Errors beyond intake_form_validate: vulnerabilities / scores /
** services "unknown ...", social_worker_id / psychotherapist_id (an
** active user of the agency with that role), override_reason (required
** when the decision differs from the screening).  A psychotherapist
** given becomes the case's (case_file.psychotherapist_id), so that they
** reach the case.
*/
int intake_form_save(Db *db, Arena *a, int64_t iAgency, AccessForm *p, Errors *pErr);

/* Read the form of case iCase (DOMAIN_NOT_FOUND when none yet); iLang
** chooses the language of zScreeningReason. */
int intake_form_get(Db *db, Arena *a, int64_t iAgency, int64_t iCase, int iLang, AccessForm *p);

/*
** The outcome of the first interview, on date zOn: "continue" (the case
** moves to first_interview; needs a saved form whose decision is
** "suitable" -- else DOMAIN_CONFLICT), "not_suitable" (needs a saved
** form; exit), "withdrew" (zReason a withdrawal reason code, required;
** exit).  zNote is free text.  Only from stage shortlisted.  Errors on
** "outcome", "outcome_on" (a date, not in the future), "reason", "note"
** (<= 2000 characters).  "continue" sets first_interview_on to the
** form's interview date; an exit sets exit_on, exit_reason (the reason,
** or for not_suitable the form's decision), exit_note and exit_by.
*/
int intake_first_outcome(Db *db, int64_t iAgency, int64_t iCase, const char *zOutcome,
                         const char *zOn, const char *zReason, const char *zNote, int64_t iBy,
                         Errors *pErr);

/* Refer the participant of case iCase to specialised service iOrganisation
** (an organisation of kind specialised_service, "organisation") with a
** reason ("reason", required).  Sets *piReferral.  Any stage. */
int intake_refer(Db *db, int64_t iAgency, int64_t iCase, int64_t iOrganisation,
                 const char *zReason, int64_t iBy, int64_t *piReferral, Errors *pErr);

typedef struct Referral {
  int64_t id, iOrganisation;
  const char *zOrganisation, *zReason, *zStatus, *zCreatedAt;
} Referral;
int intake_referrals(Db *db, Arena *a, int64_t iAgency, int64_t iCase, Referral **pa, int *pn);

/* ---- screening (pure, rules are data: table screening_rule) ---- */

typedef struct ScreeningRule {
  int64_t id;
  const char *zVulnerability;    /* NULL: any */
  int iMinMeanScoreX10;          /* -1: no condition */
  int iMaxOtherVulnerabilities;  /* -1: no condition; "other" = besides unemployment */
  const char *zSuggestion;       /* suitable|refer|job_only */
  const char *zReferralKind;     /* NULL unless refer */
  const char *zReasonIt, *zReasonEn;
} ScreeningRule;

/* The rules in evaluation order. */
int screening_rules(Db *db, Arena *a, ScreeningRule **pa, int *pn);

/*
** The suggestion for a form: the first rule of a[0..n) whose every
** condition holds (mean score over the scored areas, none scored fails a
** score condition); *ppRule set to it, or NULL and "suitable" when none
** matches.  Pure.
*/
const char *screening_suggest(const ScreeningRule *a, int n, const AccessForm *pForm,
                              const ScreeningRule **ppRule);

/* ---- second interviews and the case manager ---- */

/*
** Assign the cooperative iOrganisation (kind cooperative) and its case
** manager iCaseManager (an active user of that organisation with the
** case_manager role) to case iCase, which must be at stage
** first_interview, second_interview or agreed (a new case manager may
** take over).  The previous assignment is in the audit trail.
*/
int intake_assign(Db *db, int64_t iAgency, int64_t iCase, int64_t iOrganisation,
                  int64_t iCaseManager, Errors *pErr);

typedef struct SecondInterview {
  int64_t id;
  const char *zHeldOn;
  int64_t iCaseManager;
  const char *zCaseManager;
  const char *zNotes;
} SecondInterview;

/* Record a second interview: the case must have a case manager and be at
** stage first_interview or second_interview (agreed: a later interview is
** allowed too); moves it to second_interview and sets
** second_interview_on on the first one.  "held_on" required. */
int intake_second_interview(Db *db, int64_t iAgency, int64_t iCase, const SecondInterview *p,
                            int64_t *piId, Errors *pErr);
int intake_second_interviews(Db *db, Arena *a, int64_t iAgency, int64_t iCase,
                             SecondInterview **pa, int *pn);

/* Withdraw a candidate at any stage before agreed (zReason a withdrawal
** reason code, required; zOn the date, not in the future).  Errors on
** "withdrawn_on", "reason", "note" (<= 2000 characters); an open first
** interview form gets the outcome "withdrew". */
int intake_withdraw(Db *db, int64_t iAgency, int64_t iCase, const char *zOn, const char *zReason,
                    const char *zNote, int64_t iBy, Errors *pErr);

/* ---- the funnel ---- */

typedef struct Funnel {
  int nShortlisted;              /* every candidate of the round */
  int nFirstInterview;           /* reached first_interview or beyond */
  int nSecondInterview;          /* reached second_interview or beyond */
  int nAgreed;
  int nNotSuitable;
  int nWithdrew;
  int nWithdrewAt[STAGE_COUNT];  /* withdrew, by the stage they had reached */
  int nWithdrewReason[WITHDRAWAL_REASON_COUNT];
  int nScreening[3], nOverride;  /* decisions suitable/refer/job_only; overrides */
} Funnel;

/* The funnel of round iRound, optionally only the cases of one social
** worker and/or one cooperative (0: any). */
int intake_funnel(Db *db, int64_t iAgency, int64_t iRound, int64_t iSocialWorker,
                  int64_t iOrganisation, Funnel *p);

#endif
