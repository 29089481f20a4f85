/*
** screening.c — the suitability screening of the first interview (see
** intake.h): its rules are data (table screening_rule, seeded by schema
** 003), read in evaluation order by screening_rules(); screening_suggest()
** applies them to a form, purely.  The suggestion is only that: the
** social worker's decision and any override live in the form
** (access_form.c).
*/
#include "intake.h"

#include <string.h>

int screening_rules(Db *db, Arena *a, ScreeningRule **pa, int *pn) {
  DbStmt *q = db_query(db,
                       "SELECT id, vulnerability, min_mean_score_x10, max_other_vulnerabilities,"
                       " suggestion, referral_kind, reason_it, reason_en"
                       " FROM screening_rule ORDER BY position, id",
                       "");
  ScreeningRule *aR = NULL;
  int n = 0, nAlloc = 0, rc;
  while ((rc = db_step(q)) == DB_ROW) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 8;
      ScreeningRule *aNew = arena_alloc(a, sizeof *aR * (size_t)nAlloc);
      if (n) memcpy(aNew, aR, sizeof *aR * (size_t)n);
      aR = aNew;
    }
    ScreeningRule *p = &aR[n++];
    p->id = db_col_int(q, 0);
    p->zVulnerability = arena_strdup(a, db_col_text(q, 1));
    p->iMinMeanScoreX10 = db_col_null(q, 2) ? -1 : (int)db_col_int(q, 2);
    p->iMaxOtherVulnerabilities = db_col_null(q, 3) ? -1 : (int)db_col_int(q, 3);
    p->zSuggestion = arena_strdup(a, db_col_text(q, 4));
    p->zReferralKind = arena_strdup(a, db_col_text(q, 5));
    p->zReasonIt = arena_strdup(a, db_col_text(q, 6));
    p->zReasonEn = arena_strdup(a, db_col_text(q, 7));
  }
  db_done(q);
  *pa = aR;
  *pn = n;
  return rc < 0 ? rc : 0;
}

/* 1 if the form has vulnerability zCode checked. */
static int screening_has(const AccessForm *p, const char *zCode) {
  for (int i = 0; i < p->nVulnerability; i++) {
    if (p->azVulnerability[i] && strcmp(p->azVulnerability[i], zCode) == 0) return 1;
  }
  return 0;
}

/* 1 if the mean of the scored areas (1..4) times ten is at least iMinX10;
** 0 when no area is scored.  Exact: sum*10 >= min*count. */
static int screening_mean_at_least(const AccessForm *p, int iMinX10) {
  int nSum = 0, nScored = 0;
  for (int i = 0; i < p->nScore; i++) {
    if (p->aScore[i].iScore < 1 || p->aScore[i].iScore > 4) continue;
    nSum += p->aScore[i].iScore;
    nScored++;
  }
  return nScored > 0 && nSum * 10 >= iMinX10 * nScored;
}

/* The checked vulnerabilities besides unemployment. */
static int screening_others(const AccessForm *p) {
  return p->nVulnerability - screening_has(p, "unemployment");
}

/* 1 if every condition rule r sets holds for form p. */
static int screening_matches(const ScreeningRule *r, const AccessForm *p) {
  if (r->zVulnerability && !screening_has(p, r->zVulnerability)) return 0;
  if (r->iMinMeanScoreX10 >= 0 && !screening_mean_at_least(p, r->iMinMeanScoreX10)) return 0;
  if (r->iMaxOtherVulnerabilities >= 0 && screening_others(p) > r->iMaxOtherVulnerabilities) {
    return 0;
  }
  return 1;
}

const char *screening_suggest(const ScreeningRule *a, int n, const AccessForm *pForm,
                              const ScreeningRule **ppRule) {
  for (int i = 0; i < n; i++) {
    if (screening_matches(&a[i], pForm)) {
      if (ppRule) *ppRule = &a[i];
      return a[i].zSuggestion;
    }
  }
  if (ppRule) *ppRule = NULL;
  return "suitable";
}
