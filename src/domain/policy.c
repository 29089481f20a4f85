/*
** policy.c — the policy table: which role has which capability, and which
** relation to a case may read which special-category field (policy.h).
** Changing who may do what is changing these two tables, nothing else.
*/
#include "policy.h"

#include <string.h>

#define ANY_STAFF                                                                        \
  (ROLE_ADMIN | ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER | \
   ROLE_OPERATOR | ROLE_EVALUATOR | ROLE_AUDITOR)
#define CASE_ROLES \
  (ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER | ROLE_OPERATOR)

/* Capability -> the roles that have it. */
static const unsigned aCapRoles[CAP_COUNT] = {
    [CAP_PUBLIC] = ANY_STAFF,
    [CAP_LOGGED_IN] = ANY_STAFF,
    [CAP_PERSON_SEARCH] = ROLE_MANAGER | ROLE_SOCIAL_WORKER,
    [CAP_PERSON_READ] = CASE_ROLES,
    [CAP_PERSON_WRITE] = ROLE_MANAGER | ROLE_SOCIAL_WORKER,
    [CAP_PROGRAMME_READ] = ROLE_ADMIN | CASE_ROLES | ROLE_EVALUATOR,
    [CAP_PROGRAMME_WRITE] = ROLE_ADMIN | ROLE_MANAGER,
    [CAP_USER_ADMIN] = ROLE_ADMIN,
    [CAP_AUDIT_READ] = ROLE_MANAGER | ROLE_AUDITOR,
    [CAP_BREAK_GLASS] = ROLE_MANAGER | ROLE_SOCIAL_WORKER,
    [CAP_REPORT_READ] = ROLE_MANAGER | ROLE_EVALUATOR,
    [CAP_SENSITIVE_WRITE] = ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST,
    [CAP_BREAK_GLASS_REVIEW] = ROLE_MANAGER,
    [CAP_SHORTLIST] = ROLE_MANAGER | ROLE_SOCIAL_WORKER,
    [CAP_INTAKE_WRITE] = ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST,
    [CAP_CASE_ASSIGN] = ROLE_MANAGER,
    [CAP_PROJECT_WRITE] = ROLE_MANAGER | ROLE_CASE_MANAGER,
    [CAP_FUNNEL_READ] = ROLE_MANAGER | ROLE_SOCIAL_WORKER,
    [CAP_DELIVERY_WRITE] = ROLE_MANAGER | ROLE_CASE_MANAGER | ROLE_OPERATOR,
    [CAP_COURSE_ADMIN] = ROLE_MANAGER | ROLE_CASE_MANAGER,
    [CAP_REGISTER_WRITE] = CASE_ROLES,
    [CAP_REQUEST_WRITE] = CASE_ROLES,
    [CAP_CASE_CLOSE] = ROLE_MANAGER | ROLE_CASE_MANAGER,
    [CAP_TEAM_MEETING] = ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_CASE_MANAGER,
    [CAP_CASELOAD_ADMIN] = ROLE_MANAGER,
    [CAP_MONEY_READ] = ROLE_MANAGER | ROLE_CASE_MANAGER,
    [CAP_EXPENSE_WRITE] = ROLE_MANAGER | ROLE_CASE_MANAGER,
    [CAP_STATEMENT_REVIEW] = ROLE_MANAGER,
    [CAP_MICRODATA_EXPORT] = ROLE_MANAGER | ROLE_EVALUATOR,
    [CAP_DASHBOARD] = ROLE_MANAGER,
};

static const char *const azCap[CAP_COUNT] = {
    "public", "logged_in", "person.search", "person.read", "person.write",
    "programme.read", "programme.write", "user.admin", "audit.read",
    "break_glass", "report.read", "sensitive.write", "break_glass.review",
    "shortlist", "intake.write", "case.assign", "project.write", "funnel.read",
    "delivery.write", "course.admin", "register.write", "request.write", "case.close",
    "team_meeting", "caseload.admin", "money.read", "expense.write", "statement.review",
    "microdata.export", "dashboard",
};

/* Sensitive field -> the relations that may read it.  Operators and the
** registry view never see them; a case manager sees the psychological
** notes of the cases they follow (the support is coordinated with them). */
#define BIT(r) (1u << (r))
static const unsigned aSensitiveRelations[SENS_COUNT] = {
    [SENS_HEALTH] = BIT(REL_HOLDER) | BIT(REL_PSYCHOTHERAPIST) | BIT(REL_CASE_MANAGER) |
                    BIT(REL_BREAK_GLASS) | BIT(REL_MANAGER),
    [SENS_PSYCH_NOTES] = BIT(REL_PSYCHOTHERAPIST) | BIT(REL_CASE_MANAGER) | BIT(REL_MANAGER),
    [SENS_COURT_NOTES] = BIT(REL_HOLDER) | BIT(REL_BREAK_GLASS) | BIT(REL_MANAGER),
    [SENS_ADDICTION] = BIT(REL_HOLDER) | BIT(REL_PSYCHOTHERAPIST) | BIT(REL_BREAK_GLASS) |
                       BIT(REL_MANAGER),
};

static const char *const azSensitive[SENS_COUNT] = {"health", "psych_notes", "court_notes",
                                                    "addiction"};

static const struct {
  unsigned mBit;
  const char *zCode;
} aRole[ROLE_COUNT] = {
    {ROLE_ADMIN, "admin"},
    {ROLE_MANAGER, "manager"},
    {ROLE_SOCIAL_WORKER, "social_worker"},
    {ROLE_PSYCHOTHERAPIST, "psychotherapist"},
    {ROLE_CASE_MANAGER, "case_manager"},
    {ROLE_OPERATOR, "operator"},
    {ROLE_EVALUATOR, "evaluator"},
    {ROLE_AUDITOR, "auditor"},
};

int policy_allows(unsigned mRoles, Cap eCap) {
  if (eCap < 0 || eCap >= CAP_COUNT) return 0;
  return (aCapRoles[eCap] & mRoles) != 0;
}

int policy_sensitive_visible(Relation eRel, Sensitive eField) {
  if (eField < 0 || eField >= SENS_COUNT) return 0;
  return (aSensitiveRelations[eField] & BIT(eRel)) != 0;
}

unsigned policy_role_bit(const char *zCode) {
  for (int i = 0; zCode && i < ROLE_COUNT; i++) {
    if (strcmp(aRole[i].zCode, zCode) == 0) return aRole[i].mBit;
  }
  return 0;
}

const char *policy_role_code(unsigned mBit) {
  for (int i = 0; i < ROLE_COUNT; i++) {
    if (aRole[i].mBit == mBit) return aRole[i].zCode;
  }
  return 0;
}

unsigned policy_role_at(int i) { return i >= 0 && i < ROLE_COUNT ? aRole[i].mBit : 0; }

const char *policy_cap_code(Cap eCap) {
  return eCap >= 0 && eCap < CAP_COUNT ? azCap[eCap] : 0;
}

const char *policy_sensitive_code(Sensitive eField) {
  return eField >= 0 && eField < SENS_COUNT ? azSensitive[eField] : 0;
}
