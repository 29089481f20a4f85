/*
** report_caseload.c — `ali report caseload-gaps`: the agency's active
** cases without an active social worker or case manager
** (handover_orphans, src/domain/handover.h), for the manager to hand
** them over before someone waits for an answer that never comes.
**
**   text  an aligned table: case, reference, participant, round, stage,
**         what is missing ("social worker", "case manager" or both) and
**         the inactive holder's name when there is one; then a count
**   csv   header "case_id,person_ref,last_name,first_name,round,stage,
**         no_social_worker,no_case_manager,social_worker,case_manager"
**   json  {"items": [{"case_id", "person_ref", "last_name", "first_name",
**         "round", "stage", "no_social_worker", "no_case_manager",
**         "social_worker", "case_manager"}], "next_cursor": null}, the
**         whole list as GET /api/v1/caseload/orphans pages it
** Exit status 0 (also when there is no gap), 1 on a database error.
*/
#include <stdio.h>

#include "../domain/handover.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/csv.h"
#include "../lib/jsonw.h"
#include "cmd.h"

static const char *caseload_missing(const Orphan *p) {
  return p->bNoSocialWorker && p->bNoCaseManager ? "social worker, case manager"
         : p->bNoSocialWorker                    ? "social worker"
                                                 : "case manager";
}

static void caseload_text(Arena *a, const Orphan *aO, int n) {
  enum { NCOL = 7 };
  const char **az = arena_alloc(a, sizeof *az * NCOL * (size_t)(n + 1));
  static const char *const azHead[NCOL] = {"CASE",  "REF",     "PARTICIPANT",    "ROUND",
                                           "STAGE", "MISSING", "INACTIVE HOLDER"};
  for (int k = 0; k < NCOL; k++) az[k] = azHead[k];
  for (int i = 0; i < n; i++) {
    const Orphan *p = &aO[i];
    const char **azRow = az + NCOL * (i + 1);
    azRow[0] = arena_printf(a, "%lld", (long long)p->iCase);
    azRow[1] = p->zPersonRef;
    azRow[2] = arena_printf(a, "%s %s", p->zLastName, p->zFirstName);
    azRow[3] = p->zRoundCode ? p->zRoundCode : "-";
    azRow[4] = stage_code(p->eStage);
    azRow[5] = caseload_missing(p);
    azRow[6] = p->bNoSocialWorker && p->zSocialWorker ? p->zSocialWorker
               : p->bNoCaseManager && p->zCaseManager ? p->zCaseManager
                                                      : "-";
  }
  if (n) cli_print_table(az, n + 1, NCOL);
  printf("%d active case(s) without an active social worker or case manager\n", n);
}

/* One CSV field, quoted when it needs to be. */
static void caseload_csv_field(Buf *b, const char *z, int bLast) {
  csv_write_field(b, z ? z : "");
  buf_append(b, bLast ? "\n" : ",", 1);
}

static void caseload_csv(const Orphan *aO, int n) {
  Buf b = BUF_INIT;
  buf_printf(&b,
             "case_id,person_ref,last_name,first_name,round,stage,no_social_worker,"
             "no_case_manager,social_worker,case_manager\n");
  for (int i = 0; i < n; i++) {
    const Orphan *p = &aO[i];
    buf_printf(&b, "%lld,", (long long)p->iCase);
    caseload_csv_field(&b, p->zPersonRef, 0);
    caseload_csv_field(&b, p->zLastName, 0);
    caseload_csv_field(&b, p->zFirstName, 0);
    caseload_csv_field(&b, p->zRoundCode, 0);
    buf_printf(&b, "%s,%d,%d,", stage_code(p->eStage), p->bNoSocialWorker, p->bNoCaseManager);
    caseload_csv_field(&b, p->zSocialWorker, 0);
    caseload_csv_field(&b, p->zCaseManager, 1);
  }
  fputs(buf_str(&b), stdout);
  buf_free(&b);
}

static void caseload_json(JsonW *w, const Orphan *aO, int n) {
  jw_obj(w);
  jw_key(w, "items");
  jw_arr(w);
  for (int i = 0; i < n; i++) {
    const Orphan *p = &aO[i];
    jw_obj(w);
    jw_kv_int(w, "case_id", p->iCase);
    jw_kv_str(w, "person_ref", p->zPersonRef);
    jw_kv_str(w, "last_name", p->zLastName);
    jw_kv_str(w, "first_name", p->zFirstName);
    jw_kv_str(w, "round", p->zRoundCode);
    jw_kv_str(w, "stage", stage_code(p->eStage));
    jw_kv_bool(w, "no_social_worker", p->bNoSocialWorker);
    jw_kv_bool(w, "no_case_manager", p->bNoCaseManager);
    jw_kv_str(w, "social_worker", p->zSocialWorker);
    jw_kv_str(w, "case_manager", p->zCaseManager);
    jw_obj_end(w);
  }
  jw_arr_end(w);
  jw_kv_null(w, "next_cursor");
  jw_obj_end(w);
}

int report_caseload_gaps(Db *db, int64_t iAgency, int eFormat) {
  Arena a = ARENA_INIT;
  Orphan *aO;
  int n;
  if (handover_orphans(db, &a, iAgency, &aO, &n)) {
    fprintf(stderr, "ali: cannot read the cases: %s\n", db_errmsg(db));
    arena_free(&a);
    return 1;
  }
  if (eFormat == 1) {
    caseload_csv(aO, n);
  } else if (eFormat == 2) {
    Buf b = BUF_INIT;
    JsonW w;
    jw_init(&w, &b);
    caseload_json(&w, aO, n);
    printf("%s\n", buf_str(&b));
    buf_free(&b);
  } else {
    caseload_text(&a, aO, n);
  }
  arena_free(&a);
  return 0;
}
