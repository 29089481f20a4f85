/*
** policy.h — who may do what: the one policy table of ali.
**
** Roles (DOMAIN.md) are codes stored with each account; capabilities are
** what routes require.  policy.c holds the table role -> capabilities as
** data, and the table of special-category fields -> the relations to a
** case that may read them.  The dispatcher checks a route's capability
** before its handler runs; record-level rules (is this case mine?) are in
** access.c and use the same tables.
*/
#ifndef ALI_POLICY_H
#define ALI_POLICY_H

/* Roles, as bits of a mask (a user may hold several). */
enum {
  ROLE_ADMIN = 1 << 0,           /* accounts and programme set-up; no case data */
  ROLE_MANAGER = 1 << 1,         /* the agency's programme manager: all its data */
  ROLE_SOCIAL_WORKER = 1 << 2,   /* holds cases; searches the registry */
  ROLE_PSYCHOTHERAPIST = 1 << 3, /* first interview, psychological support */
  ROLE_CASE_MANAGER = 1 << 4,    /* a cooperative's counsellor: assigned cases */
  ROLE_OPERATOR = 1 << 5,        /* educator, home-care worker, tutor, trainer */
  ROLE_EVALUATOR = 1 << 6,       /* aggregated, pseudonymised data only */
  ROLE_AUDITOR = 1 << 7,         /* reads the audit trail */
};
#define ROLE_COUNT 8

/* Capabilities a route may require. */
typedef enum Cap {
  CAP_PUBLIC = 0,       /* no login: the login page, assets, health check */
  CAP_LOGGED_IN,        /* any account: home, logout, own password */
  CAP_PERSON_SEARCH,    /* search the registry (basics of everyone) */
  CAP_PERSON_READ,      /* open people's records (access.c decides which) */
  CAP_PERSON_WRITE,     /* create and edit people in the registry */
  CAP_PROGRAMME_READ,   /* rounds, funding streams, catalogue */
  CAP_PROGRAMME_WRITE,  /* set them up */
  CAP_USER_ADMIN,       /* manage accounts */
  CAP_AUDIT_READ,       /* read the audit trail */
  CAP_BREAK_GLASS,      /* emergency access to a case one does not hold */
  CAP_REPORT_READ,      /* aggregated reports */
  CAP_SENSITIVE_WRITE,  /* write special-category fields (which ones: the
                        ** relation to the case, policy_sensitive_visible) */
  CAP_BREAK_GLASS_REVIEW, /* list the agency's emergency accesses */
  CAP_SHORTLIST,        /* shortlist candidates into a round */
  CAP_INTAKE_WRITE,     /* the first interview: form, screening, outcome,
                        ** referral, withdrawal (on cases one holds) */
  CAP_CASE_ASSIGN,      /* assign a cooperative's case manager to a case */
  CAP_PROJECT_WRITE,    /* second interviews and the personalised project
                        ** (on cases one follows) */
  CAP_FUNNEL_READ,      /* a round's funnel, with the lists of candidates */
  CAP_DELIVERY_WRITE,   /* run interventions: transitions, attendance,
                        ** sessions (on interventions one follows or delivers) */
  CAP_COURSE_ADMIN,     /* set up course editions and enrol */
  CAP_REGISTER_WRITE,   /* write the activity register of cases one works on */
  CAP_REQUEST_WRITE,    /* raise, acknowledge and resolve requests */
  CAP_CASE_CLOSE,       /* the conclusive evaluation that closes a path */
  CAP_TEAM_MEETING,     /* the weekly team meeting of a social worker */
  CAP_CASELOAD_ADMIN,   /* handovers, round-end planning, cases without a worker */
  CAP_MONEY_READ,       /* funding streams' money; a cooperative's own expenses */
  CAP_EXPENSE_WRITE,    /* a cooperative records expenses, submits statements */
  CAP_STATEMENT_REVIEW, /* the agency approves or rejects statements' lines */
  CAP_MICRODATA_EXPORT, /* pseudonymised microdata for evaluators */
  CAP_DASHBOARD,        /* the manager's dashboard of the current round */
  CAP_COUNT
} Cap;

/* How a user relates to a person's record (access.c computes it). */
typedef enum Relation {
  REL_NONE = 0,         /* no right to the record at all */
  REL_REGISTRY,         /* registry basics only: name, age, household */
  REL_OPERATOR,         /* serves this member through an intervention */
  REL_CASE_MANAGER,     /* the case's case manager, same cooperative */
  REL_PSYCHOTHERAPIST,  /* the case's psychotherapist */
  REL_HOLDER,           /* the social worker holding the case */
  REL_BREAK_GLASS,      /* emergency access, with a reason, for 60 minutes */
  REL_MANAGER,          /* the agency's manager */
} Relation;

/* Special-category fields (GDPR art. 9-10). */
typedef enum Sensitive {
  SENS_HEALTH = 0,      /* psycho-physical health */
  SENS_PSYCH_NOTES,     /* psychological support notes */
  SENS_COURT_NOTES,     /* court-related notes */
  SENS_ADDICTION,       /* addiction, suspected or known */
  SENS_COUNT
} Sensitive;

/* 1 if a user holding the roles in mRoles has capability eCap. */
int policy_allows(unsigned mRoles, Cap eCap);
/* 1 if a user related to a record by eRel may read field eField of it. */
int policy_sensitive_visible(Relation eRel, Sensitive eField);

/* Role codes ("social_worker") and their bits; 0 / NULL when unknown. */
unsigned policy_role_bit(const char *zCode);
const char *policy_role_code(unsigned mBit);
/* The i-th role (0 <= i < ROLE_COUNT), for listings. */
unsigned policy_role_at(int i);
/* The code of a capability and of a sensitive field (for the policy page,
** audit details and tests). */
const char *policy_cap_code(Cap eCap);
const char *policy_sensitive_code(Sensitive eField);

#endif
