/*
** report_services.c — report "services": the services activated for the
** individual projects, per round and in total (the reference chapter's
** Table 8.5; DOMAIN.md "Services activated"), and how the interventions
** of each service went.
**
** Services activated: for a round and a service, the projects of the
** round's participants (cases at stage agreed) that include at least one
** intervention of the service that actually started — status active,
** suspended, completed or interrupted, or cancelled after it started
** (started_on set); one only planned, or cancelled before it started,
** does not count.  A service the round does not offer (round_service) is
** "not active" there, whatever its projects; the total is the sum of the
** rounds that offer it, "not active" when none does.  Totals count
** participations.  --social-worker/--cooperative keep the cases held by
** that social worker / followed by that cooperative.
**
** Data (CSV): service,round,status,projects — every service of the
** catalogue (its code), every round covered and "total" (without
** --round); status active or not_active; projects empty when not active.
** Views:
**   services      services down (those some round covered offers),
**                 rounds across, "not active" where the round does not
**                 offer it; a bar chart of the total
**   interventions per service, the interventions of the rounds covered
**                 by status: planned, in progress (active or suspended),
**                 completed, interrupted, cancelled
**   hours         per service, the hours planned (interventions not
**                 cancelled before they started) and delivered (minutes
**                 of sessions, of the days present of internships'
**                 attendance, and of the course sessions attended)
*/
#include <stdlib.h>
#include <string.h>

#include "../lib/mem.h"

#include "../lib/i18n.h"
#include "report.h"
#include "report_scope.h"

/* One service of the catalogue and its figures. */
typedef struct SvcRow {
  int64_t id;
  const char *zCode, *zName;
  int *abOffered;    /* per round */
  int64_t *aProject; /* per round: projects that include it */
  int bOffered;      /* by some round covered */
  int64_t aStatus[5]; /* planned, in progress, completed, interrupted, cancelled */
  int64_t nPlannedHours, nDeliveredMinutes;
} SvcRow;

typedef struct Svc {
  Arena *a;
  int nRound;
  ReportRound *aRound;
  int bTotal;
  int nService;
  SvcRow *aService;
  int64_t *aOutside; /* per round: projects counted for services it does not offer */
} Svc;

/* The scope every query shares ($1 agency, $2 round, $3 social worker,
** $4 cooperative), on case_file c. */
#define SVC_SCOPE                                                                    \
  " c.agency_id = $1 AND c.stage = 'agreed' AND c.agreed_on IS NOT NULL"             \
  " AND c.round_id IS NOT NULL AND ($2 = 0 OR c.round_id = $2)"                      \
  " AND ($3 = 0 OR c.social_worker_id = $3) AND ($4 = 0 OR c.organisation_id = $4)"

/* Started: counts as activated. */
#define SVC_STARTED \
  "(i.status IN ('active','suspended','completed','interrupted') OR i.started_on IS NOT NULL)"

static SvcRow *svc_find(Svc *p, int64_t iService) {
  for (int i = 0; i < p->nService; i++) {
    if (p->aService[i].id == iService) return &p->aService[i];
  }
  return NULL;
}

static int svc_round(const Svc *p, int64_t iRound) {
  for (int i = 0; i < p->nRound; i++) {
    if (p->aRound[i].id == iRound) return i;
  }
  return -1;
}

static int64_t *svc_zeros(Arena *a, int n) {
  int64_t *a0 = arena_alloc(a, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
  memset(a0, 0, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
  return a0;
}

/* The catalogue, in its order. */
static int svc_catalogue(Db *db, const ReportQuery *q, Svc *p) {
  int n = (int)db_int(db, 0, "SELECT count(*) FROM service WHERE agency_id = $1", "i", q->iAgency);
  p->aService = arena_alloc(p->a, sizeof(SvcRow) * (size_t)(n > 0 ? n : 1));
  DbStmt *s = db_query(db,
                       "SELECT id, code, name_it, name_en FROM service WHERE agency_id = $1"
                       " ORDER BY id",
                       "i", q->iAgency);
  int rc;
  while ((rc = db_step(s)) == DB_ROW && p->nService < n) {
    SvcRow *r = &p->aService[p->nService++];
    memset(r, 0, sizeof *r);
    r->id = db_col_int(s, 0);
    r->zCode = arena_strdup(p->a, db_col_text(s, 1));
    r->zName = arena_strdup(p->a, db_col_text(s, q->iLang == LANG_IT ? 2 : 3));
    r->aProject = svc_zeros(p->a, p->nRound);
    r->abOffered = arena_alloc(p->a, sizeof(int) * (size_t)(p->nRound > 0 ? p->nRound : 1));
    memset(r->abOffered, 0, sizeof(int) * (size_t)(p->nRound > 0 ? p->nRound : 1));
  }
  db_done(s);
  return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

/* What each round offers. */
static int svc_offered(Db *db, const ReportQuery *q, Svc *p) {
  DbStmt *s = db_query(db,
                       "SELECT rs.round_id, rs.service_id FROM round_service rs"
                       " JOIN round r ON r.id = rs.round_id WHERE r.agency_id = $1",
                       "i", q->iAgency);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int g = svc_round(p, db_col_int(s, 0));
    SvcRow *r = svc_find(p, db_col_int(s, 1));
    if (g >= 0 && r) r->abOffered[g] = r->bOffered = 1;
  }
  db_done(s);
  return rc == DB_DONE ? 0 : rc;
}

/* The index in SvcRow.aStatus of an intervention's status. */
static int svc_status(const char *z) {
  static const char *const az[] = {"planned", "active", "suspended", "completed", "interrupted",
                                   "cancelled"};
  static const int aiIndex[] = {0, 1, 1, 2, 3, 4};
  for (int i = 0; z && i < 6; i++) {
    if (strcmp(z, az[i]) == 0) return aiIndex[i];
  }
  return -1;
}

/* Which services each project has counted already: a bit per service,
** per project id (8 bytes a project for a catalogue of up to 64). */
typedef struct SvcSeen {
  uint64_t *a;
  int64_t nProject; /* projects allocated */
  int nWord;        /* words per project */
} SvcSeen;

/* 1 the first time project iProject is seen with service index k. */
static int svc_first(SvcSeen *p, int64_t iProject, int k) {
  if (iProject < 0) return 0;
  if (iProject >= p->nProject) {
    int64_t n = p->nProject ? p->nProject : 4096;
    while (n <= iProject) n *= 2;
    p->a = xrealloc(p->a, (size_t)(n * p->nWord) * sizeof *p->a);
    memset(p->a + p->nProject * p->nWord, 0, (size_t)((n - p->nProject) * p->nWord) * sizeof *p->a);
    p->nProject = n;
  }
  uint64_t *w = &p->a[iProject * p->nWord + k / 64], bit = (uint64_t)1 << (k % 64);
  if (*w & bit) return 0;
  *w |= bit;
  return 1;
}

/* One pass over the interventions of the cases in scope: per service,
** the projects per round that include one that started, the
** interventions by status, the hours planned and delivered (the minutes
** migration 016's triggers keep on each intervention).  The rows are
** aggregated here, as they stream: grouping them in SQL sorted them
** twice (0.75 s and 0.65 s at 100,000 participants). */
static int svc_interventions(Db *db, const ReportQuery *q, Svc *p) {
  DbStmt *s = db_query(db,
                       DB_STREAM "SELECT c.round_id, i.project_id, i.service_id, i.status,"
                       " CASE WHEN " SVC_STARTED " THEN 1 ELSE 0 END, i.planned_hours,"
                       " i.delivered_minutes FROM intervention i JOIN project j ON j.id = i.project_id"
                       " JOIN case_file c ON c.id = j.case_id WHERE" SVC_SCOPE,
                       "iiii", q->iAgency, q->iRound, q->iSocialWorker, q->iOrganisation);
  SvcSeen seen = {.nWord = (p->nService + 63) / 64};
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    SvcRow *r = svc_find(p, db_col_int(s, 2));
    int k = svc_status(db_col_text(s, 3)), bStarted = db_col_int(s, 4) != 0;
    if (!r || k < 0) continue;
    r->aStatus[k]++;
    if (k != 4 || bStarted) r->nPlannedHours += db_col_int(s, 5);
    r->nDeliveredMinutes += db_col_int(s, 6);
    int g = svc_round(p, db_col_int(s, 0));
    if (bStarted && g >= 0 && svc_first(&seen, db_col_int(s, 1), (int)(r - p->aService)))
      r->aProject[g]++;
  }
  db_done(s);
  free(seen.a);
  return rc == DB_DONE ? 0 : rc;
}

static int svc_load(Db *db, Arena *a, const ReportQuery *q, Svc *p) {
  memset(p, 0, sizeof *p);
  p->a = a;
  p->nRound = report_rounds(db, a, q, &p->aRound);
  if (p->nRound < 0) return p->nRound;
  p->bTotal = q->iRound == 0;
  p->aOutside = svc_zeros(a, p->nRound);
  int rc = svc_catalogue(db, q, p);
  if (!rc) rc = svc_offered(db, q, p);
  if (!rc) rc = svc_interventions(db, q, p);
  for (int i = 0; !rc && i < p->nService; i++) {
    for (int g = 0; g < p->nRound; g++) {
      if (!p->aService[i].abOffered[g]) p->aOutside[g] += p->aService[i].aProject[g];
    }
  }
  return rc;
}

/* The total of service r: the projects of the rounds that offer it. */
static int64_t svc_total(const Svc *p, const SvcRow *r) {
  int64_t n = 0;
  for (int g = 0; g < p->nRound; g++) {
    if (r->abOffered[g]) n += r->aProject[g];
  }
  return n;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

static void svc_data(const Svc *p, RDoc *d) {
  static const char *const azCode[] = {"service", "round", "status", "projects"};
  RTable *t = rdoc_data(d, 4, azCode, NULL);
  for (int i = 0; i < p->nService; i++) {
    const SvcRow *r = &p->aService[i];
    for (int g = 0; g <= p->nRound; g++) {
      if (g == p->nRound && !p->bTotal) break;
      int bActive = g < p->nRound ? r->abOffered[g] : r->bOffered;
      rt_text(t, r->zCode);
      rt_text(t, g < p->nRound ? p->aRound[g].zCode : "total");
      rt_text(t, bActive ? "active" : "not_active");
      if (bActive)
        rt_int(t, g < p->nRound ? r->aProject[g] : svc_total(p, r));
      else
        rt_null(t);
    }
  }
}

static void svc_view(const Svc *p, const ReportQuery *q, RDoc *d) {
  int nCol = 1 + p->nRound + (p->bTotal ? 1 : 0);
  const char **azCode = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  const char **azLabel = arena_alloc(d->a, sizeof(char *) * (size_t)nCol);
  azCode[0] = "service";
  azLabel[0] = tr(q->iLang, "Service");
  for (int g = 0; g < p->nRound; g++) azCode[1 + g] = azLabel[1 + g] = p->aRound[g].zCode;
  if (p->bTotal) {
    azCode[nCol - 1] = "total";
    azLabel[nCol - 1] = tr(q->iLang, "Total");
  }
  RTable *t = rdoc_view(d, "services", tr(q->iLang, "Services activated for the individual projects"),
                        nCol, azCode, azLabel);
  Buf b = BUF_INIT;
  for (int i = 0; i < p->nService; i++) {
    const SvcRow *r = &p->aService[i];
    if (!r->bOffered) {
      buf_printf(&b, "%s%s", b.n ? ", " : "", r->zName);
      continue;
    }
    rt_text(t, r->zName);
    for (int g = 0; g < p->nRound; g++) {
      if (r->abOffered[g])
        rt_int(t, r->aProject[g]);
      else
        rt_text(t, tr(q->iLang, "not active"));
    }
    if (p->bTotal) rt_int(t, svc_total(p, r));
  }
  rt_note(t, "%s", tr(q->iLang, "Projects that include at least one intervention of the service"
                                " that started; a project can include several services."));
  if (b.n) rt_note(t, "%s: %s.", tr(q->iLang, "Not offered in these rounds"), buf_str(&b));
  for (int g = 0; g < p->nRound; g++) {
    if (p->aOutside[g]) {
      rt_note(t,
              trn(q->iLang,
                  "%s: %lld service activated that the round does not offer is not counted.",
                  "%s: %lld services activated that the round does not offer are not counted.",
                  (long)p->aOutside[g]),
              p->aRound[g].zCode, (long long)p->aOutside[g]);
    }
  }
  buf_free(&b);
  if (t->nRow > 0) rt_chart(t, nCol - 1, 0);
}

/* A service with interventions (or offered): shown in the two last views. */
static int svc_shown(const SvcRow *r) {
  int64_t n = 0;
  for (int k = 0; k < 5; k++) n += r->aStatus[k];
  return n > 0 || r->bOffered;
}

static void svc_status_view(const Svc *p, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {"service",     "planned",   "in_progress", "completed",
                                       "interrupted", "cancelled", "total"};
  const char *azLabel[] = {tr(q->iLang, "Service"),     tr(q->iLang, "Planned"),
                           tr(q->iLang, "In progress"), tr(q->iLang, "Completed"),
                           tr(q->iLang, "Interrupted"), tr(q->iLang, "Cancelled"),
                           tr(q->iLang, "Total")};
  RTable *t = rdoc_view(d, "interventions", tr(q->iLang, "Interventions by status"), 7, azCode,
                        azLabel);
  for (int i = 0; i < p->nService; i++) {
    const SvcRow *r = &p->aService[i];
    if (!svc_shown(r)) continue;
    int64_t n = 0;
    rt_text(t, r->zName);
    for (int k = 0; k < 5; k++) {
      rt_int(t, r->aStatus[k]);
      n += r->aStatus[k];
    }
    rt_int(t, n);
  }
  rt_note(t, "%s", tr(q->iLang, "The interventions of the rounds covered; in progress: active or"
                                " suspended."));
}

static void svc_hours_view(const Svc *p, const ReportQuery *q, RDoc *d) {
  static const char *const azCode[] = {"service", "planned_hours", "delivered_hours",
                                       "delivered_percent"};
  const char *azLabel[] = {tr(q->iLang, "Service"), tr(q->iLang, "Hours planned"),
                           tr(q->iLang, "Hours delivered"), tr(q->iLang, "% delivered")};
  RTable *t = rdoc_view(d, "hours", tr(q->iLang, "Hours planned and delivered"), 4, azCode,
                        azLabel);
  for (int i = 0; i < p->nService; i++) {
    const SvcRow *r = &p->aService[i];
    if (!svc_shown(r)) continue;
    rt_text(t, r->zName);
    rt_int(t, r->nPlannedHours);
    rt_real(t, (double)r->nDeliveredMinutes / 60.0, 1);
    if (r->nPlannedHours > 0)
      rt_real(t, 100.0 * (double)r->nDeliveredMinutes / 60.0 / (double)r->nPlannedHours, 1);
    else
      rt_null(t);
  }
  rt_note(t, "%s", tr(q->iLang, "Planned: the hours of the interventions not cancelled before"
                                " they started. Delivered: sessions, days present at internships"
                                " and course sessions attended."));
}

int report_services(Db *db, const ReportQuery *q, RDoc *d) {
  Svc p;
  int rc = svc_load(db, d->a, q, &p);
  if (rc) return rc;
  ReportQuery qScope = *q; /* no period here: the subtitle names none */
  qScope.zFrom = qScope.zTo = NULL;
  report_scope_subtitle(db, &qScope, p.aRound, p.nRound, NULL, d);
  svc_data(&p, d);
  svc_view(&p, q, d);
  svc_status_view(&p, q, d);
  svc_hours_view(&p, q, d);
  return 0;
}
