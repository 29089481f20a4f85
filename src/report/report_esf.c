/*
** report_esf.c — report "esf": the ESF+ common indicators for
** participants (Regulation (EU) 2021/1057, Annex I) of the agency's
** ESF-co-financed funding streams, by gender, per round and in total.
** The rules of each indicator are src/domain/esf.h; which field feeds
** which indicator, docs/esf.md.
**
** Gender and age are those at entry (entry_profile, src/domain/entry.h).
** Who counts: a participation (a case with an agreed project, DOMAIN.md)
** whose funding stream is flagged ESF (funding_stream.esf), or one of
** whose project's interventions that started is charged to such a
** stream.  The output indicators count the participations that entered
** (agreed the project) in the period; the result indicators those that
** left (the path closed) in it — without a period, all of them.
**
** CSV (the data table), header "indicator,gender,round,count,missing":
**   indicator  EECO01..EECO17, "leavers", EECR01..EECR04, in that order
**   gender     F, M, total (total also counts those of unknown gender)
**   round      the round's code, or "total" (without --round)
**   count      participants counted under the indicator; empty when
**              the field it needs is recorded for none of them ("not
**              recorded")
**   missing    participants for whom it could not be told (a field not
**              recorded); for EECO01 and "leavers" always 0
** Views: for each round and the total, the output indicators and the
** result indicators (women, men, total, missing), with notes naming what
** is missing.
*/
#include <string.h>

#include "../domain/degurba.h"
#include "../domain/entry.h"
#include "../domain/esf.h"
#include "../domain/esf_record.h"
#include "../lib/i18n.h"
#include "report.h"
#include "report_scope.h"

/* The rows of the data table: the indicators with "leavers" before the
** results.  Index ESF_INDICATORS stands for "leavers". */
#define ESF_LEAVERS ESF_INDICATORS
#define ESF_ROWS (ESF_INDICATORS + 1)
enum { G_F, G_M, G_TOTAL, G_COUNT };

/* Counts of one group (a round, or the total) and gender. */
typedef struct EsfCell {
  int aN[ESF_ROWS];       /* counted */
  int aMissing[ESF_ROWS]; /* could not tell */
} EsfCell;

typedef struct Esf {
  const ReportQuery *q;
  Arena *a;
  ReportRound *aRound;
  int nRound, nGroup;     /* groups: the rounds, then the total when q has no round */
  EsfCell *aCell;         /* [group][gender] */
  Degurba *aDegurba;      /* the agency's municipalities */
  int nDegurba;
} Esf;

static EsfCell *esf_cell(Esf *p, int g, int k) { return &p->aCell[g * G_COUNT + k]; }

/* The population of row e: the participants (outputs) or the leavers. */
static int esf_population(const EsfCell *c, int e) {
  return e < ESF_OUTPUTS ? c->aN[EECO01] : c->aN[ESF_LEAVERS];
}

/* Adds one participation's indicators a to group g, gender k: the
** outputs when bIn (it entered in the period), the results when bOut
** (it left in the period). */
static void esf_add(Esf *p, int g, int k, const signed char *a, int bIn, int bOut) {
  EsfCell *c = esf_cell(p, g, k);
  for (int e = 0; e < ESF_INDICATORS; e++) {
    if (e < ESF_OUTPUTS ? !bIn : !bOut) continue;
    if (a[e] < 0) c->aMissing[e]++;
    else c->aN[e] += a[e];
  }
  if (bOut) c->aN[ESF_LEAVERS]++;
}

/* "YYYY-MM-DD" within the query's period. */
static int esf_in_period(const ReportQuery *q, const char *zDate) {
  if (!zDate) return 0;
  return (!q->zFrom || strcmp(zDate, q->zFrom) >= 0) && (!q->zTo || strcmp(zDate, q->zTo) <= 0);
}

/* Text column i of row s as an arena string (NULL stays NULL). */
static const char *col(Esf *p, DbStmt *s, int i) { return arena_strdup(p->a, db_col_text(s, i)); }
static int col_int(DbStmt *s, int i) { return db_col_null(s, i) ? -1 : (int)db_col_int(s, i); }

/* The participation of row s (the columns of ESF_SQL below). */
static void esf_row(Esf *p, DbStmt *s, EsfParticipation *e) {
  memset(e, 0, sizeof *e);
  e->iAge = col_int(s, 3);
  e->zCitizenship = col(p, s, 4);
  const char *zMunicipality = db_col_null(s, 5) ? col(p, s, 6) : col(p, s, 5);
  int iClass = degurba_find(p->a, p->aDegurba, p->nDegurba, zMunicipality);
  e->eRural = iClass ? iClass == 3 : -1;
  e->zEntry = col(p, s, 7);
  int bForm = !db_col_null(s, 8);
  e->zLabourStatus = col(p, s, 9);
  e->iUnemployedMonths = col_int(s, 10);
  e->iIsced = col_int(s, 11);
  e->eHousing = bForm ? db_col_int(s, 12) > 0 : -1;
  e->eParentsAbroad = esf_answer_value(db_col_text(s, 13));
  e->eDisability = esf_answer_value(db_col_text(s, 14));
  e->eMinority = esf_answer_value(db_col_text(s, 15));
  e->zSituationOn = col(p, s, 16);
  e->eJobSearching = col_int(s, 17);
  e->eInEducation = col_int(s, 18);
  const char *zClosed = db_col_null(s, 19) ? col(p, s, 22) : col(p, s, 19);
  e->zExit = zClosed ? arena_strndup(p->a, zClosed, 10) : NULL;
  e->zOutcome = col(p, s, 20);
  e->zOutcomeOn = col(p, s, 21);
  e->zHiredOn = col(p, s, 23);
  e->zCertificateOn = col(p, s, 24);
}

/* The group of round id iRound, or -1. */
static int esf_group(const Esf *p, int64_t iRound) {
  for (int g = 0; g < p->nRound; g++) {
    if (p->aRound[g].id == iRound) return g;
  }
  return -1;
}

/* One row per participation of an ESF stream; the columns esf_row reads. */
static const char ESF_SQL[] =
    "SELECT c.id, c.round_id, ep.gender, ep.age, p.citizenship, p.municipality,"
    " h.municipality, c.agreed_on, f.case_id, f.labour_status, f.unemployed_months,"
    " f.education_isced, (SELECT count(*) FROM access_form_vulnerability v"
    "  WHERE v.case_id=c.id AND v.vulnerability='housing'),"
    " e.parents_born_abroad, e.disability, e.minority, e.situation_on, e.job_searching,"
    " e.in_education, ev.written_on, ev.outcome, ev.outcome_on, c.closed_at,"
    " (SELECT min(pl.hired_on) FROM placement pl JOIN intervention i ON i.id=pl.intervention_id"
    "  JOIN project j ON j.id=i.project_id WHERE j.case_id=c.id AND i.person_id=c.person_id),"
    " (SELECT min(n.certificate_on) FROM enrolment n JOIN intervention i ON i.id=n.intervention_id"
    "  JOIN project j ON j.id=i.project_id WHERE j.case_id=c.id AND n.person_id=c.person_id"
    "  AND n.certificate_on >= c.agreed_on)"
    " FROM case_file c JOIN person p ON p.id=c.person_id JOIN household h ON h.id=p.household_id"
    " LEFT JOIN entry_profile ep ON ep.case_id=c.id"
    " LEFT JOIN funding_stream s ON s.id=c.funding_stream_id"
    " LEFT JOIN access_form f ON f.case_id=c.id"
    " LEFT JOIN esf_participant e ON e.case_id=c.id"
    " LEFT JOIN evaluation ev ON ev.case_id=c.id"
    /* the cases with an ESF intervention, listed once and joined: a
    ** subquery per case read the streams again for each of 120,000
    ** cases, and PostgreSQL runs "c.id IN (...)" as one whenever the
    ** list outgrows work_mem (at a million, more than 120 s) */
    " LEFT JOIN (SELECT DISTINCT j.case_id" ESF_INTERVENTION_SQL ") ei ON ei.case_id=c.id"
    " WHERE c.agency_id=$1 AND ($2=0 OR c.round_id=$2) AND c.round_id IS NOT NULL"
    " AND c.agreed_on IS NOT NULL AND (s.esf=1 OR ei.case_id IS NOT NULL)"
    " ORDER BY c.id";

/* Reads every participation and counts it: 0 or a db.h code. */
static int esf_load(Db *db, Esf *p) {
  DbStmt *s = db_query(db, ESF_SQL, "ii", p->q->iAgency, p->q->iRound);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int g = esf_group(p, db_col_int(s, 1));
    if (g < 0) continue;
    EsfParticipation e;
    esf_row(p, s, &e);
    signed char a[ESF_INDICATORS];
    esf_indicators(&e, a);
    int bIn = esf_in_period(p->q, e.zEntry), bOut = esf_in_period(p->q, e.zExit);
    if (!bIn && !bOut) continue;
    const char *zGender = db_col_text(s, 2);
    int k = zGender && zGender[0] == 'F' ? G_F : zGender && zGender[0] == 'M' ? G_M : -1;
    for (int i = 0; i < 2; i++) {
      int gg = i == 0 ? g : p->nRound; /* the round, then the total */
      if (i == 1 && p->nGroup == p->nRound) break;
      if (k >= 0) esf_add(p, gg, k, a, bIn, bOut);
      esf_add(p, gg, G_TOTAL, a, bIn, bOut);
    }
  }
  db_done(s);
  return rc == DB_DONE ? 0 : rc;
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */
/* ------------------------------------------------------------------ */

/* The i-th row of the data table (outputs, "leavers", results). */
static int esf_row_at(int i) {
  return i < ESF_OUTPUTS ? i : i == ESF_OUTPUTS ? ESF_LEAVERS : i - 1;
}
static const char *esf_row_code(int e) { return e == ESF_LEAVERS ? "leavers" : esf_code(e); }
static const char *esf_row_name(int iLang, int e) {
  return tr(iLang, e == ESF_LEAVERS ? "Participants who left" : esf_name(e));
}

/* Where the field of an indicator that is missing gets recorded (msgid). */
static const char *esf_hint(int e) {
  switch (e) {
    case EECO02: case EECO03: case EECO04: case EECO05: case EECO09: case EECO10: case EECO11:
    case EECO16: return N_("recorded on the access form of the first interview");
    case EECO06: case EECO07: case EECO08: return N_("from the birth date in the registry");
    case EECO13: return N_("from the citizenship in the registry");
    case EECO12: case EECO14: case EECO15:
      return N_("asked at the first interview, on the case's ESF+ data page");
    case EECO17:
      return N_("classify the municipalities with: ali municipality set NAME --class 1|2|3");
    case EECR01: case EECR02:
      return N_("recorded on the case's ESF+ data page within four weeks of leaving");
    default: return NULL;
  }
}

/* The code of group g ("R1", "total") and its label. */
static const char *esf_group_code(const Esf *p, int g) {
  return g < p->nRound ? p->aRound[g].zCode : "total";
}
static const char *esf_group_label(const Esf *p, int g) {
  return g < p->nRound ? arena_printf(p->a, tr(p->q->iLang, "round %s"), p->aRound[g].zCode)
                       : tr(p->q->iLang, "total");
}

/* 1 when nobody of the population has the field of row e. */
static int esf_unrecorded(const EsfCell *c, int e) {
  int n = esf_population(c, e);
  return n > 0 && c->aMissing[e] == n;
}

static void esf_data(Esf *p, RDoc *d) {
  static const char *const azCode[] = {"indicator", "gender", "round", "count", "missing"};
  static const char *const azGender[G_COUNT] = {"F", "M", "total"};
  int iLang = p->q->iLang;
  const char *azLabel[] = {tr(iLang, "Indicator"), tr(iLang, "Gender"), tr(iLang, "Round"),
                           tr(iLang, "Count"), tr(iLang, "Missing values")};
  RTable *t = rdoc_data(d, 5, azCode, azLabel);
  for (int g = 0; g < p->nGroup; g++) {
    for (int i = 0; i < ESF_ROWS; i++) {
      int e = esf_row_at(i);
      for (int k = 0; k < G_COUNT; k++) {
        const EsfCell *c = esf_cell(p, g, k);
        rt_text(t, esf_row_code(e));
        rt_text(t, azGender[k]);
        rt_text(t, esf_group_code(p, g));
        if (esf_unrecorded(c, e)) rt_null(t);
        else rt_int(t, c->aN[e]);
        rt_int(t, c->aMissing[e]);
      }
    }
  }
}

/* One line of a view: code, name, women, men, total, missing. */
static void esf_view_row(Esf *p, RTable *t, int g, int e) {
  const EsfCell *c = esf_cell(p, g, G_TOTAL);
  rt_text(t, esf_row_code(e));
  rt_text(t, esf_row_name(p->q->iLang, e));
  for (int k = 0; k < G_COUNT; k++) {
    if (esf_unrecorded(c, e)) rt_text(t, tr(p->q->iLang, "not recorded"));
    else rt_int(t, esf_cell(p, g, k)->aN[e]);
  }
  rt_int(t, c->aMissing[e]);
}

/* The notes under a view of group g over rows eFirst..eLast: what is
** missing, and where it is recorded. */
static void esf_view_notes(Esf *p, RTable *t, int g, int eFirst, int eLast) {
  int iLang = p->q->iLang;
  const EsfCell *c = esf_cell(p, g, G_TOTAL);
  for (int e = eFirst; e <= eLast; e++) {
    if (!c->aMissing[e]) continue;
    const char *zHint = esf_hint(e);
    if (esf_unrecorded(c, e))
      rt_note(t, tr(iLang, "%s: not recorded for anyone (%s)."), esf_code(e),
              zHint ? tr(iLang, zHint) : "");
    else
      rt_note(t, "%s: %s (%s).", esf_code(e), report_missing(p->a, iLang, c->aMissing[e]),
              zHint ? tr(iLang, zHint) : "");
  }
}

static RTable *esf_view_new(Esf *p, RDoc *d, const char *zName, const char *zTitle) {
  static const char *const azCode[] = {"indicator", "name", "F", "M", "total", "missing"};
  int iLang = p->q->iLang;
  const char *azLabel[] = {tr(iLang, "Code"), tr(iLang, "Indicator"), tr(iLang, "Women"),
                           tr(iLang, "Men"), tr(iLang, "Total"), tr(iLang, "Missing values")};
  return rdoc_view(d, zName, zTitle, 6, azCode, azLabel);
}

/* The two views of group g: outputs at entry, results upon leaving. */
static void esf_views(Esf *p, RDoc *d, int g) {
  int iLang = p->q->iLang;
  const char *zGroup = esf_group_label(p, g);
  RTable *t = esf_view_new(p, d, arena_printf(p->a, "outputs_%s", esf_group_code(p, g)),
                           arena_printf(p->a, tr(iLang, "Output indicators at entry: %s"), zGroup));
  for (int e = 0; e < ESF_OUTPUTS; e++) esf_view_row(p, t, g, e);
  const EsfCell *aC = esf_cell(p, g, 0);
  int nUnknown = aC[G_TOTAL].aN[EECO01] - aC[G_F].aN[EECO01] - aC[G_M].aN[EECO01];
  if (nUnknown > 0)
    rt_note(t, tr(iLang, "Participants of unknown gender (in the total only): %d."), nUnknown);
  esf_view_notes(p, t, g, 0, ESF_OUTPUTS - 1);
  t = esf_view_new(p, d, arena_printf(p->a, "results_%s", esf_group_code(p, g)),
                   arena_printf(p->a, tr(iLang, "Immediate result indicators upon leaving: %s"),
                                zGroup));
  esf_view_row(p, t, g, ESF_LEAVERS);
  for (int e = ESF_OUTPUTS; e < ESF_INDICATORS; e++) esf_view_row(p, t, g, e);
  rt_note(t, "%s", tr(iLang, "A result counts when it was reached by four weeks after leaving."));
  esf_view_notes(p, t, g, ESF_OUTPUTS, ESF_INDICATORS - 1);
}

int report_esf(Db *db, const ReportQuery *q, RDoc *d) {
  Esf p;
  memset(&p, 0, sizeof p);
  p.q = q;
  p.a = d->a;
  p.nRound = report_rounds(db, d->a, q, &p.aRound);
  if (p.nRound < 0) return p.nRound;
  p.nGroup = p.nRound + (q->iRound == 0 ? 1 : 0);
  size_t nCell = sizeof(EsfCell) * G_COUNT * (size_t)(p.nGroup > 0 ? p.nGroup : 1);
  p.aCell = arena_alloc(d->a, nCell);
  memset(p.aCell, 0, nCell);
  int rc = entry_snapshot_fill(db, q->iAgency); /* the profiles at entry, if not yet written */
  if (!rc) rc = degurba_list(db, d->a, q->iAgency, &p.aDegurba, &p.nDegurba);
  if (!rc) rc = esf_load(db, &p);
  if (rc) return rc;
  report_scope_subtitle(db, q, p.aRound, p.nRound,
                        tr(q->iLang, "entry (outputs) or leaving (results)"), d);
  esf_data(&p, d);
  int gFirst = 2 * p.nGroup <= RDOC_MAX_VIEW ? 0 : p.nGroup - 1; /* too many: the total only */
  for (int g = gFirst; g < p.nGroup; g++) esf_views(&p, d, g);
  return 0;
}
