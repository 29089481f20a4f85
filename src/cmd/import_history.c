/*
** import_history.c — `ali import history FILE`: past participations
** from an agency's spreadsheets, one row per person and round, so that
** the reports cover the years before ali.  A kind of cmd_import.c's
** driver (import.h): all or nothing, "FILE:LINE: field: message".
**
** The columns are a contract (docs/cli.md): person_ref, round,
** funding_stream, shortlisted_on, agreed_on (empty: the candidate never
** reached a project), services (catalogue codes separated by "|", each
** an intervention that started), outcome (empty: ongoing) and ended_on.
**
** Pass 1 checks each row on its own -- required fields, codes, dates
** (not in the future, shortlisted_on <= agreed_on <= ended_on), the
** outcome a known code, the outcome and ended_on together, what a row
** without agreed_on may hold, a service listed twice -- and that no
** person appears twice in a round.  Pass 2 resolves what only the
** database knows -- the person, round, stream and services exist, the
** round offers each service, the stream's rule admits the person on
** shortlisted_on, employed_host has an internship -- and saves the row
** (history_save, src/domain/history.h: what a row becomes, and why a
** second import changes nothing).
**
** The audit trail: one entry per case created or updated (action create
** or update, record "case ID", the fields of the participation that
** changed, as history.h views them), none for a row unchanged, and one
** entry for the import itself (action "import", record "history", the
** counts), all in the import's transaction -- as is the profile at entry
** (entry_snapshot_fill, entry.h) of every participation that reached a
** project and has none yet.
*/
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/closing.h"
#include "../domain/domain.h"
#include "../domain/entry.h"
#include "../domain/history.h"
#include "../domain/intake.h"
#include "../domain/person.h"
#include "../domain/programme.h"
#include "../lib/arena.h"
#include "../lib/date.h"
#include "../lib/jsonw.h"
#include "../lib/mem.h"
#include "import.h"

_Static_assert(HISTORY_N_COL <= IMPORT_MAX_COL, "Import.aiCol holds every column");

const CsvColumn import_history_aCol[HISTORY_N_COL] = {
    {"person_ref", 1},     {"round", 1},    {"funding_stream", 1}, {"shortlisted_on", 1},
    {"agreed_on", 0},      {"services", 0}, {"outcome", 0},        {"ended_on", 0},
};

typedef struct HistoryState {
  StrSet keys;        /* person_ref "\x1f" round -> first line */
  int bBegun;         /* the audit chain is begun */
  long nCreated, nUpdated, nUnchanged;
  AuditChain chain;
  char zCliUser[128]; /* the audit trail's username for this run */
  char zNow[21];      /* the import's timestamp: imported_at */
} HistoryState;

/* A record's fields; blank ones NULL.  Strings point into the record. */
typedef struct HistRec {
  const char *zRef, *zRound, *zStream, *zShortlistedOn, *zAgreedOn, *zServices, *zOutcome,
      *zEndedOn;
  const char **azService; /* zServices split at "|", trimmed (arena) */
  int nService;
} HistRec;

void import_history_begin(Import *p) {
  HistoryState *s = xcalloc(1, sizeof(HistoryState));
  audit_cli_username(s->zCliUser, sizeof s->zCliUser);
  timestamp_now(s->zNow);
  p->pState = s;
}

void import_history_end(Import *p) {
  HistoryState *s = p->pState;
  if (!s) return;
  strset_free(&s->keys);
  free(s);
  p->pState = 0;
}

int64_t import_history_worker(Db *db, int64_t iAgency, const char *zUsername, FILE *pErr) {
  int64_t id = db_int(db, 0,
                      "SELECT u.id FROM app_user u JOIN user_role r ON r.user_id=u.id"
                      " WHERE u.username=$1 AND u.agency_id=$2 AND u.active=1"
                      " AND r.role='social_worker'",
                      "ti", zUsername, iAgency);
  if (!id) fprintf(pErr, "ali: --social-worker %s: not an active social worker of the agency\n",
                   zUsername);
  return id;
}

/* Field k of r, or NULL when blank. */
static const char *hist_value(const Import *p, const CsvRecord *r, int k) {
  const char *z = import_field(p, r, k);
  return domain_blank(z) ? NULL : z;
}

/* Split z at "|" into trimmed codes in arena a (an empty one kept, for
** the check to report). */
static void hist_split(Arena *a, const char *z, HistRec *o) {
  if (!z) return;
  int n = 1;
  for (const char *c = z; *c; c++) n += *c == '|';
  o->azService = arena_alloc(a, sizeof(char *) * (size_t)n);
  for (const char *zStart = z;; zStart++) {
    const char *zEnd = strchr(zStart, '|');
    size_t nLen;
    const char *zTrim = domain_trim(arena_strndup(a, zStart, zEnd ? (size_t)(zEnd - zStart)
                                                                  : strlen(zStart)),
                                    &nLen);
    o->azService[o->nService++] = arena_strndup(a, zTrim, nLen);
    if (!zEnd) break;
    zStart = zEnd;
  }
}

static HistRec hist_rec(const Import *p, const CsvRecord *r, Arena *a) {
  HistRec o = {0};
  o.zRef = hist_value(p, r, HISTORY_PERSON_REF);
  o.zRound = hist_value(p, r, HISTORY_ROUND);
  o.zStream = hist_value(p, r, HISTORY_FUNDING_STREAM);
  o.zShortlistedOn = hist_value(p, r, HISTORY_SHORTLISTED_ON);
  o.zAgreedOn = hist_value(p, r, HISTORY_AGREED_ON);
  o.zServices = hist_value(p, r, HISTORY_SERVICES);
  o.zOutcome = hist_value(p, r, HISTORY_OUTCOME);
  o.zEndedOn = hist_value(p, r, HISTORY_ENDED_ON);
  hist_split(a, o.zServices, &o);
  return o;
}

/* ------------------------------------------------------------------ */
/* Pass 1                                                              */
/* ------------------------------------------------------------------ */

/* The outcome codes, "a, b, c", in arena a. */
static const char *hist_outcomes(Arena *a) {
  Buf b = BUF_INIT;
  for (int i = 0; closing_azOutcome[i]; i += 2) {
    if (i) buf_append(&b, ", ", 2);
    buf_append(&b, closing_azOutcome[i], strlen(closing_azOutcome[i]));
  }
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* The dates: each valid and not in the future, and in order. */
static void hist_check_dates(Import *p, long iLine, const HistRec *o) {
  Errors err = {0};
  intake_check_date(&err, "shortlisted_on", o->zShortlistedOn, 1);
  intake_check_date(&err, "agreed_on", o->zAgreedOn, 0);
  intake_check_date(&err, "ended_on", o->zEndedOn, 0);
  import_errors(p, iLine, &err);
  int bShort = o->zShortlistedOn && !errors_get(&err, "shortlisted_on");
  int bAgreed = o->zAgreedOn && !errors_get(&err, "agreed_on");
  int bEnded = o->zEndedOn && !errors_get(&err, "ended_on");
  if (bShort && bAgreed && strcmp(o->zAgreedOn, o->zShortlistedOn) < 0) {
    import_problem(p, iLine, "agreed_on", "cannot be before shortlisted_on (%s)",
                   o->zShortlistedOn);
  }
  if (bEnded && bAgreed && strcmp(o->zEndedOn, o->zAgreedOn) < 0) {
    import_problem(p, iLine, "ended_on", "cannot be before agreed_on (%s)", o->zAgreedOn);
  } else if (bEnded && bShort && !o->zAgreedOn && strcmp(o->zEndedOn, o->zShortlistedOn) < 0) {
    import_problem(p, iLine, "ended_on", "cannot be before shortlisted_on (%s)",
                   o->zShortlistedOn);
  }
}

/* The outcome: a known code, with ended_on, and one a candidate without
** a project may have. */
static void hist_check_outcome(Import *p, long iLine, Arena *a, const HistRec *o) {
  if (o->zOutcome && closing_find(closing_azOutcome, o->zOutcome) < 0) {
    import_problem(p, iLine, "outcome", "unknown outcome %s (one of %s)", o->zOutcome,
                   hist_outcomes(a));
  } else if (o->zOutcome && history_stage(o->zAgreedOn, o->zOutcome) < 0) {
    import_problem(p, iLine, "outcome",
                   "%s needs agreed_on: a candidate who never reached a project can only have "
                   "withdrawn (withdrew) or been stopped (interrupted)",
                   o->zOutcome);
  }
  if (o->zOutcome && !o->zEndedOn) {
    import_problem(p, iLine, "ended_on", "required when outcome is set");
  } else if (o->zEndedOn && !o->zOutcome) {
    import_problem(p, iLine, "outcome",
                   "required when ended_on is set (how the path ended; empty both while it is "
                   "ongoing)");
  }
}

/* The services: codes, each once; present exactly when agreed_on is. */
static void hist_check_services(Import *p, long iLine, const HistRec *o) {
  if (o->zAgreedOn && !o->nService) {
    import_problem(p, iLine, "services",
                   "required with agreed_on (an agreed project has at least one intervention)");
  } else if (!o->zAgreedOn && o->nService) {
    import_problem(p, iLine, "services",
                   "must be empty without agreed_on (a candidate who never reached a project "
                   "had no interventions)");
  }
  for (int i = 0; i < o->nService; i++) {
    Errors err = {0};
    domain_check_code(&err, "services", o->azService[i]);
    if (err.n && !o->azService[i][0]) {
      import_problem(p, iLine, "services", "an empty code (codes are separated by |)");
    } else if (err.n) {
      import_problem(p, iLine, "services", "%s: %s", o->azService[i], err.a[0].zMsg);
    }
    for (int j = 0; j < i && !err.n; j++) {
      if (strcmp(o->azService[i], o->azService[j]) == 0) {
        import_problem(p, iLine, "services", "%s is listed twice", o->azService[i]);
        break;
      }
    }
  }
}

void import_history_check(Import *p, const CsvRecord *r) {
  HistoryState *s = p->pState;
  Arena a = ARENA_INIT;
  HistRec o = hist_rec(p, r, &a);
  Errors err = {0};
  domain_check_ref(&err, "person_ref", o.zRef);
  domain_check_code(&err, "round", o.zRound);
  domain_check_code(&err, "funding_stream", o.zStream);
  import_errors(p, r->iLine, &err);
  hist_check_dates(p, r->iLine, &o);
  hist_check_services(p, r->iLine, &o);
  hist_check_outcome(p, r->iLine, &a, &o);
  if (!errors_get(&err, "person_ref") && !errors_get(&err, "round")) {
    const SetEntry *e = strset_add(&s->keys, arena_printf(&a, "%s\x1f%s", o.zRef, o.zRound),
                                   r->iLine, 0);
    if (e) {
      import_problem(p, r->iLine, "person_ref", "%s is already in round %s on line %ld", o.zRef,
                     o.zRound, e->iLine);
    }
  }
  arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Pass 2                                                              */
/* ------------------------------------------------------------------ */

/* The person, round and stream of the row, and the stream's rule on
** shortlisted_on, into h; each problem reported.  0 or a db.h code. */
static int hist_resolve(Import *p, long iLine, Arena *a, const HistRec *o, HistoryRow *h) {
  h->iPerson = person_find(p->db, p->iAgency, o->zRef);
  if (!h->iPerson) import_problem(p, iLine, "person_ref", "no person %s in the registry", o->zRef);
  h->iRound = round_find(p->db, p->iAgency, o->zRound);
  if (!h->iRound) import_problem(p, iLine, "round", "no round %s in the agency", o->zRound);
  h->iStream = stream_find(p->db, p->iAgency, o->zStream);
  FundingStream fs;
  if (!h->iStream || stream_get(p->db, a, p->iAgency, h->iStream, &fs)) {
    import_problem(p, iLine, "funding_stream", "unknown funding stream %s", o->zStream);
    h->iStream = 0;
  }
  if (!h->iPerson || !h->iStream) return 0;
  Person person;
  int rc = person_get(p->db, a, p->iAgency, h->iPerson, &person);
  if (rc) return rc;
  const char *zWhy = NULL;
  if (!stream_rule_check(&fs, &person, o->zShortlistedOn, &zWhy)) {
    import_problem(p, iLine, "funding_stream", "%s", zWhy);
  }
  return 0;
}

/* The services of the row: in the catalogue, offered by the round, an
** internship for employed_host; their ids into h.  0 or a db.h code. */
static int hist_resolve_services(Import *p, long iLine, Arena *a, const HistRec *o,
                                 HistoryRow *h) {
  int64_t *aId = arena_alloc(a, sizeof(int64_t) * (size_t)(o->nService + 1));
  int bInternship = 0;
  for (int i = 0; i < o->nService; i++) {
    DbStmt *q = db_query(p->db,
                         "SELECT s.id, s.kind, (SELECT count(*) FROM round_service rs"
                         " WHERE rs.round_id=$3 AND rs.service_id=s.id)"
                         " FROM service s WHERE s.agency_id=$1 AND s.code=$2",
                         "iti", p->iAgency, o->azService[i], h->iRound);
    int rc = db_step(q);
    if (rc == DB_ROW) {
      aId[i] = db_col_int(q, 0);
      bInternship |= strcmp(db_col_text(q, 1), "internship") == 0;
      if (h->iRound && db_col_int(q, 2) == 0) {
        import_problem(p, iLine, "services", "round %s does not offer %s", o->zRound,
                       o->azService[i]);
      }
    } else if (rc == DB_DONE) {
      import_problem(p, iLine, "services", "unknown service %s", o->azService[i]);
    }
    db_done(q);
    if (rc < 0) return rc;
  }
  if (o->zOutcome && strcmp(o->zOutcome, "employed_host") == 0 && !bInternship) {
    import_problem(p, iLine, "outcome",
                   "employed_host needs an internship among the services (hired by the "
                   "internship's host firm)");
  }
  h->aiService = aId;
  return 0;
}

/* The audit entry of a case created or updated by row h. */
static int hist_audit(Import *p, Arena *a, const HistRec *o, const HistoryRow *h,
                      const HistorySaved *pSaved) {
  HistoryState *s = p->pState;
  AuditDiff d;
  audit_diff_init(&d);
  if (pSaved->eChange == HISTORY_CREATED) audit_diff_add(&d, "round", NULL, o->zRound);
  history_view_diff(&d, &pSaved->before, &pSaved->after);
  AuditEntry e = {.iAgency = p->iAgency, .zUsername = s->zCliUser,
                  .zAction = pSaved->eChange == HISTORY_CREATED ? "create" : "update",
                  .zEntity = "case", .iEntityId = pSaved->iCase, .iPerson = h->iPerson,
                  .zDetail = audit_diff_finish(&d, a)};
  return audit_chain_append(p->db, &s->chain, &e);
}

/* Save the checked, resolved row; count what happened. */
static int hist_store(Import *p, long iLine, Arena *a, const HistRec *o, HistoryRow *h) {
  HistoryState *s = p->pState;
  h->zStream = o->zStream;
  h->zShortlistedOn = o->zShortlistedOn;
  h->zAgreedOn = o->zAgreedOn;
  h->azService = o->azService;
  h->nService = o->nService;
  h->zOutcome = o->zOutcome;
  h->zEndedOn = o->zEndedOn;
  HistorySaved saved;
  Errors err = {0};
  int rc = history_save(p->db, a, p->iAgency, h, p->iSocialWorker, s->zNow, &saved, &err);
  if (rc == DOMAIN_CONFLICT || rc == DOMAIN_INVALID) {
    import_errors(p, iLine, &err);
    return 0;
  }
  if (rc) return rc;
  if (saved.eChange == HISTORY_UNCHANGED) {
    s->nUnchanged++;
    return 0;
  }
  if (saved.eChange == HISTORY_CREATED) s->nCreated++;
  else s->nUpdated++;
  return hist_audit(p, a, o, h, &saved);
}

/* Begin the audit chain once, at the first write of the run (inside the
** transaction).  0 or a db.h code. */
static int hist_chain(Import *p) {
  HistoryState *s = p->pState;
  if (s->bBegun) return 0;
  int rc = audit_chain_begin(p->db, &s->chain);
  s->bBegun = rc == 0;
  return rc;
}

int import_history_save(Import *p, const CsvRecord *r) {
  int rc = hist_chain(p);
  if (rc) return rc;
  Arena a = ARENA_INIT;
  HistRec o = hist_rec(p, r, &a);
  HistoryRow h = {0};
  long nBefore = p->nProblem;
  rc = hist_resolve(p, r->iLine, &a, &o, &h);
  if (!rc) rc = hist_resolve_services(p, r->iLine, &a, &o, &h);
  if (!rc && p->nProblem == nBefore) rc = hist_store(p, r->iLine, &a, &o, &h);
  arena_free(&a);
  return rc;
}

/* Once every row is saved: the profile at entry of the participations
** that reached a project (entry.h), the audit entry of the import itself
** with its counts, then the chain's head. */
int import_history_finish(Import *p) {
  HistoryState *s = p->pState;
  int rc = entry_snapshot_fill(p->db, p->iAgency);
  if (!rc) rc = hist_chain(p);
  if (rc) return rc;
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  jw_kv_int(&w, "created", s->nCreated);
  jw_kv_int(&w, "updated", s->nUpdated);
  jw_kv_int(&w, "unchanged", s->nUnchanged);
  jw_obj_end(&w);
  AuditEntry e = {.iAgency = p->iAgency, .zUsername = s->zCliUser, .zAction = "import",
                  .zEntity = "history", .zDetail = buf_str(&b)};
  rc = audit_chain_append(p->db, &s->chain, &e);
  buf_free(&b);
  return rc ? rc : audit_chain_end(p->db, &s->chain);
}

void import_history_summary(Import *p) {
  HistoryState *s = p->pState;
  fprintf(p->pOut, "imported %ld participation%s (%ld created, %ld updated, %ld unchanged)\n",
          p->nRow, p->nRow == 1 ? "" : "s", s->nCreated, s->nUpdated, s->nUnchanged);
}
