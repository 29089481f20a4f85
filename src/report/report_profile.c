/*
** report_profile.c — reports "profile" and "countries": who the
** participants were at entry, per round and in total (the reference
** chapter's Tables 8.1-8.4; DOMAIN.md "Definitions the reports use").
**
** The participants of a round are its cases at stage agreed; each is
** counted as it was on its entry date, from its row of entry_profile
** (src/domain/entry.h, migration 012) — a household that grows later
** does not change a past round's table.  A participant without that row
** (none is expected: project_agree, the demo, the history import and
** `ali migrate` write it) counts as a missing value in every dimension.
** Percentages are of the known values, one decimal; the missing values
** are stated apart, as the chapter does ("one missing value").  The
** total counts participations: a person in two rounds counts twice.
** --from/--to keep the participants whose entry date falls in the
** period; --social-worker/--cooperative those whose case is held by that
** social worker / followed by that cooperative.
**
** profile, data (CSV): dimension,category,round,count,percent — the
**   dimensions gender (F, M), origin (italy, other), age_band (le24,
**   25-34, 35-44, 45-54, 55plus), household_size (1..5, 6plus),
**   single_mother (yes, no), each with a "missing" category (percent
**   empty); round is the round's code or "total" (without --round).
**   Views: one per dimension (categories down; number and % per round
**   and in total; the missing values as notes; a bar chart on gender
**   and age), and the mean age at entry.
** countries, data (CSV): country,round,count,percent — the ISO 3166-1
**   code of the country of birth (or "missing"); view: the countries by
**   name, most frequent first.
*/
#include <stdlib.h>
#include <string.h>

#include "../domain/country.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "report.h"
#include "report_scope.h"

enum { DIM_GENDER, DIM_ORIGIN, DIM_AGE, DIM_HOUSEHOLD, DIM_SINGLE_MOTHER, DIM_COUNT };
#define MAX_CAT 6
#define MISSING MAX_CAT /* the index of the missing count */

typedef struct ProfDim {
  const char *zCode;
  const char *zTitle; /* msgid */
  int nCat;
  const char *azCat[MAX_CAT];
  const char *azLabel[MAX_CAT]; /* msgids */
} ProfDim;

static const ProfDim aDim[DIM_COUNT] = {
    {"gender", N_("Gender of participants"), 2, {"F", "M"}, {N_("Female"), N_("Male")}},
    {"origin", N_("Country of origin"), 2, {"italy", "other"}, {N_("Italy"), N_("Other country")}},
    {"age_band",
     N_("Age at entry"),
     5,
     {"le24", "25-34", "35-44", "45-54", "55plus"},
     {"≤ 24", "25–34", "35–44", "45–54", "55+"}},
    {"household_size",
     N_("Number of household members"),
     6,
     {"1", "2", "3", "4", "5", "6plus"},
     {"1", "2", "3", "4", "5", N_("6 or more")}},
    {"single_mother", N_("Single mothers with children"), 2, {"yes", "no"},
     {N_("Yes"), N_("No")}},
};

/* A country of birth and its count per group. */
typedef struct ProfCountry {
  const char *zCode; /* NULL: missing */
  int64_t *aN;       /* per group */
  int64_t nTotal;
} ProfCountry;

/* The counts of every group: the rounds covered, then the total. */
typedef struct Prof {
  Arena *a;
  int nRound;
  ReportRound *aRound;
  int nGroup;              /* nRound, + 1 for the total without --round */
  int64_t (*aN)[DIM_COUNT][MAX_CAT + 1]; /* per group */
  int64_t *aAgeSum, *aAgeN;             /* per group: ages known, their sum */
  int nCountry, nCountryAlloc;
  ProfCountry *aCountry;
} Prof;

/* ------------------------------------------------------------------ */
/* Counting                                                            */
/* ------------------------------------------------------------------ */

/* The index of zCode in the categories of dimension d, or MISSING. */
static int prof_cat(int d, const char *zCode) {
  for (int k = 0; zCode && k < aDim[d].nCat; k++) {
    if (strcmp(aDim[d].azCat[k], zCode) == 0) return k;
  }
  return MISSING;
}

static int prof_household_cat(DbStmt *s, int i) {
  if (db_col_null(s, i)) return MISSING;
  int64_t n = db_col_int(s, i);
  return n < 1 ? MISSING : n >= 6 ? 5 : (int)n - 1;
}

static ProfCountry *prof_country(Prof *p, const char *zCode) {
  for (int i = 0; i < p->nCountry; i++) {
    const char *z = p->aCountry[i].zCode;
    if ((!z && !zCode) || (z && zCode && strcmp(z, zCode) == 0)) return &p->aCountry[i];
  }
  if (p->nCountry == p->nCountryAlloc) {
    p->nCountryAlloc = p->nCountryAlloc ? 2 * p->nCountryAlloc : 16;
    ProfCountry *aNew = arena_alloc(p->a, sizeof *aNew * (size_t)p->nCountryAlloc);
    if (p->nCountry) memcpy(aNew, p->aCountry, sizeof *aNew * (size_t)p->nCountry);
    p->aCountry = aNew;
  }
  ProfCountry *c = &p->aCountry[p->nCountry++];
  c->zCode = zCode ? arena_strdup(p->a, zCode) : NULL;
  c->aN = arena_alloc(p->a, sizeof(int64_t) * (size_t)p->nGroup);
  memset(c->aN, 0, sizeof(int64_t) * (size_t)p->nGroup);
  c->nTotal = 0;
  return c;
}

/* Adds one participant (a row of prof_load's query) to group g. */
static void prof_add(Prof *p, int g, DbStmt *s) {
  int aCat[DIM_COUNT];
  aCat[DIM_GENDER] = prof_cat(DIM_GENDER, db_col_text(s, 1));
  aCat[DIM_ORIGIN] = prof_cat(DIM_ORIGIN, db_col_text(s, 2));
  aCat[DIM_AGE] = db_col_null(s, 3) ? MISSING : prof_cat(DIM_AGE, age_band((int)db_col_int(s, 3)));
  aCat[DIM_HOUSEHOLD] = prof_household_cat(s, 4);
  aCat[DIM_SINGLE_MOTHER] = db_col_null(s, 5) ? MISSING : db_col_int(s, 5) ? 0 : 1;
  for (int d = 0; d < DIM_COUNT; d++) p->aN[g][d][aCat[d]]++;
  if (!db_col_null(s, 3)) {
    p->aAgeSum[g] += db_col_int(s, 3);
    p->aAgeN[g]++;
  }
  ProfCountry *c = prof_country(p, db_col_text(s, 6));
  c->aN[g]++;
  if (g < p->nRound) c->nTotal++;
}

/* The group of round iRound, or -1 when the report does not cover it. */
static int prof_group(const Prof *p, int64_t iRound) {
  for (int i = 0; i < p->nRound; i++) {
    if (p->aRound[i].id == iRound) return i;
  }
  return -1;
}

/* Reads the participants q covers into *p: 0 or a db.h code. */
static int prof_load(Db *db, Arena *a, const ReportQuery *q, Prof *p) {
  memset(p, 0, sizeof *p);
  p->a = a;
  p->nRound = report_rounds(db, a, q, &p->aRound);
  if (p->nRound < 0) return p->nRound;
  p->nGroup = p->nRound + (q->iRound == 0 ? 1 : 0);
  size_t nG = (size_t)(p->nGroup > 0 ? p->nGroup : 1);
  p->aN = arena_alloc(a, sizeof *p->aN * nG);
  memset(p->aN, 0, sizeof *p->aN * nG);
  p->aAgeSum = arena_alloc(a, sizeof(int64_t) * nG * 2);
  memset(p->aAgeSum, 0, sizeof(int64_t) * nG * 2);
  p->aAgeN = p->aAgeSum + nG;
  DbStmt *s = db_query(db,
                       "SELECT c.round_id, e.gender, e.origin, e.age, e.household_size,"
                       " e.single_mother, e.birth_country"
                       " FROM case_file c LEFT JOIN entry_profile e ON e.case_id = c.id"
                       " WHERE c.agency_id = $1 AND c.stage = 'agreed'"
                       " AND c.agreed_on IS NOT NULL AND c.round_id IS NOT NULL"
                       " AND ($2 = 0 OR c.round_id = $2)"
                       " AND c.agreed_on >= $3 AND c.agreed_on <= $4"
                       " AND ($5 = 0 OR c.social_worker_id = $5)"
                       " AND ($6 = 0 OR c.organisation_id = $6)",
                       "iittii", q->iAgency, q->iRound, q->zFrom ? q->zFrom : "1800-01-01",
                       q->zTo ? q->zTo : "2200-12-31", q->iSocialWorker, q->iOrganisation);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int g = prof_group(p, db_col_int(s, 0));
    if (g < 0) continue;
    prof_add(p, g, s);
    if (p->nGroup > p->nRound) prof_add(p, p->nRound, s);
  }
  db_done(s);
  return rc == DB_DONE ? 0 : rc;
}

/* ------------------------------------------------------------------ */
/* What the report covers                                              */
/* ------------------------------------------------------------------ */

/* The code of group g ("R1", "total") and its label in headers. */
static const char *prof_group_code(const Prof *p, int g) {
  return g < p->nRound ? p->aRound[g].zCode : "total";
}
static const char *prof_group_label(const Prof *p, int iLang, int g) {
  return g < p->nRound ? p->aRound[g].zCode : tr(iLang, "Total");
}

/* ------------------------------------------------------------------ */
/* profile                                                             */
/* ------------------------------------------------------------------ */

static int64_t prof_known(const Prof *p, int g, int d) {
  int64_t n = 0;
  for (int k = 0; k < aDim[d].nCat; k++) n += p->aN[g][d][k];
  return n;
}

static void prof_data(const Prof *p, RDoc *d) {
  static const char *const azCode[] = {"dimension", "category", "round", "count", "percent"};
  RTable *t = rdoc_data(d, 5, azCode, NULL);
  for (int k = 0; k < DIM_COUNT; k++) {
    for (int c = 0; c <= aDim[k].nCat; c++) {
      int iCat = c < aDim[k].nCat ? c : MISSING;
      for (int g = 0; g < p->nGroup; g++) {
        rt_text(t, aDim[k].zCode);
        rt_text(t, iCat == MISSING ? "missing" : aDim[k].azCat[c]);
        rt_text(t, prof_group_code(p, g));
        rt_int(t, p->aN[g][k][iCat]);
        if (iCat == MISSING)
          rt_null(t);
        else
          rt_percent(t, p->aN[g][k][iCat], prof_known(p, g, k));
      }
    }
  }
}

/* The column codes and labels of a view: the category, then number and
** % of each group ("R1_count", "R1 number"...), in arena a. */
static void prof_columns(const Prof *p, Arena *a, int iLang, const char *zFirst,
                         const char ***pazCode, const char ***pazLabel) {
  int nCol = 1 + 2 * p->nGroup;
  const char **azCode = arena_alloc(a, sizeof(char *) * (size_t)nCol);
  const char **azLabel = arena_alloc(a, sizeof(char *) * (size_t)nCol);
  azCode[0] = "category";
  azLabel[0] = zFirst;
  for (int g = 0; g < p->nGroup; g++) {
    azCode[1 + 2 * g] = arena_printf(a, "%s_count", prof_group_code(p, g));
    azCode[2 + 2 * g] = arena_printf(a, "%s_percent", prof_group_code(p, g));
    azLabel[1 + 2 * g] =
        arena_printf(a, "%s %s", prof_group_label(p, iLang, g), tr(iLang, "number"));
    azLabel[2 + 2 * g] = arena_printf(a, "%s %%", prof_group_label(p, iLang, g));
  }
  *pazCode = azCode;
  *pazLabel = azLabel;
}

/* The missing values of column group g as a note ("R1: one missing
** value."), when there are any. */
static void prof_missing_note(const Prof *p, RTable *t, int iLang, int g, int64_t n) {
  const char *z = report_missing(t->a, iLang, n);
  if (!z) return;
  if (p->nGroup == 1)
    rt_note(t, "%c%s.", z[0] >= 'a' && z[0] <= 'z' ? z[0] - 'a' + 'A' : z[0], z + 1);
  else
    rt_note(t, "%s: %s.", prof_group_label(p, iLang, g), z);
}

static void prof_view(const Prof *p, const ReportQuery *q, RDoc *d, int k) {
  const char **azCode, **azLabel;
  prof_columns(p, d->a, q->iLang, tr(q->iLang, aDim[k].zTitle), &azCode, &azLabel);
  RTable *t = rdoc_view(d, aDim[k].zCode, tr(q->iLang, aDim[k].zTitle), 1 + 2 * p->nGroup,
                        azCode, azLabel);
  for (int c = 0; c < aDim[k].nCat; c++) {
    rt_text(t, tr(q->iLang, aDim[k].azLabel[c]));
    for (int g = 0; g < p->nGroup; g++) {
      rt_int(t, p->aN[g][k][c]);
      rt_percent(t, p->aN[g][k][c], prof_known(p, g, k));
    }
  }
  for (int g = 0; g < p->nGroup; g++) prof_missing_note(p, t, q->iLang, g, p->aN[g][k][MISSING]);
  if (k == DIM_SINGLE_MOTHER) {
    rt_note(t, "%s", tr(q->iLang, "A woman who is the reference person of her household, with"
                                  " a child under 18 and no partner at entry; percentages of"
                                  " all participants whose gender is known."));
  }
  if ((k == DIM_GENDER || k == DIM_AGE) && p->nGroup > 0) rt_chart(t, 2 * p->nGroup - 1, 0);
}

/* The mean age at entry per group. */
static void prof_mean_age(const Prof *p, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {"round", "known", "mean_age"};
  const char *azLabel[] = {tr(q->iLang, "Round"), tr(q->iLang, "Participants with a known age"),
                           tr(q->iLang, "Mean age")};
  RTable *t = rdoc_view(d, "mean_age", tr(q->iLang, "Mean age at entry"), 3, azCode, azLabel);
  for (int g = 0; g < p->nGroup; g++) {
    rt_text(t, prof_group_label(p, q->iLang, g));
    rt_int(t, p->aAgeN[g]);
    if (p->aAgeN[g])
      rt_real(t, (double)p->aAgeSum[g] / (double)p->aAgeN[g], 1);
    else
      rt_null(t);
  }
  for (int g = 0; g < p->nGroup; g++) {
    prof_missing_note(p, t, q->iLang, g, p->aN[g][DIM_AGE][MISSING]);
  }
}

int report_profile(Db *db, const ReportQuery *q, RDoc *d) {
  Prof p;
  int rc = prof_load(db, d->a, q, &p);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound, tr(q->iLang, "entry"), d);
  prof_data(&p, d);
  for (int k = 0; k < DIM_COUNT; k++) {
    prof_view(&p, q, d, k);
    if (k == DIM_AGE) prof_mean_age(&p, q, d);
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* countries                                                           */
/* ------------------------------------------------------------------ */

/* Most frequent first, then by code; missing last. */
static int country_cmp(const void *pA, const void *pB) {
  const ProfCountry *a = pA, *b = pB;
  if (!a->zCode || !b->zCode) return (!a->zCode) - (!b->zCode);
  if (a->nTotal != b->nTotal) return a->nTotal > b->nTotal ? -1 : 1;
  return strcmp(a->zCode, b->zCode);
}

/* The known countries of group g: the participants with a country. */
static int64_t country_known(const Prof *p, int g) {
  int64_t n = 0;
  for (int i = 0; i < p->nCountry; i++) {
    if (p->aCountry[i].zCode) n += p->aCountry[i].aN[g];
  }
  return n;
}

static void country_data(const Prof *p, RDoc *d) {
  static const char *const azCode[] = {"country", "round", "count", "percent"};
  RTable *t = rdoc_data(d, 4, azCode, NULL);
  for (int i = 0; i < p->nCountry; i++) {
    const ProfCountry *c = &p->aCountry[i];
    for (int g = 0; g < p->nGroup; g++) {
      rt_text(t, c->zCode ? c->zCode : "missing");
      rt_text(t, prof_group_code(p, g));
      rt_int(t, c->aN[g]);
      if (c->zCode)
        rt_percent(t, c->aN[g], country_known(p, g));
      else
        rt_null(t);
    }
  }
}

static void country_view(const Prof *p, const ReportQuery *q, RDoc *d) {
  const char **azCode, **azLabel;
  prof_columns(p, d->a, q->iLang, tr(q->iLang, "Country of birth"), &azCode, &azLabel);
  azCode[0] = "country";
  RTable *t = rdoc_view(d, "countries", tr(q->iLang, "Country of birth"), 1 + 2 * p->nGroup,
                        azCode, azLabel);
  for (int i = 0; i < p->nCountry; i++) {
    const ProfCountry *c = &p->aCountry[i];
    if (!c->zCode) {
      for (int g = 0; g < p->nGroup; g++) prof_missing_note(p, t, q->iLang, g, c->aN[g]);
      continue;
    }
    const char *zName = country_name(c->zCode, q->iLang == LANG_IT);
    rt_text(t, zName ? zName : c->zCode);
    for (int g = 0; g < p->nGroup; g++) {
      rt_int(t, c->aN[g]);
      rt_percent(t, c->aN[g], country_known(p, g));
    }
  }
}

int report_countries(Db *db, const ReportQuery *q, RDoc *d) {
  Prof p;
  int rc = prof_load(db, d->a, q, &p);
  if (rc) return rc;
  if (p.nCountry > 1) qsort(p.aCountry, (size_t)p.nCountry, sizeof *p.aCountry, country_cmp);
  report_scope_subtitle(db, q, p.aRound, p.nRound, tr(q->iLang, "entry"), d);
  country_data(&p, d);
  country_view(&p, q, d);
  return 0;
}
