/*
** Tests of the demo's delivery (the files demo_delivery_common.h lists):
** `ali demo` (the sanitized binary, $ALI_BIN or build/asan/ali) fills a
** fresh SQLite database with the pilot's 207 participants, and again a
** fresh PostgreSQL database when ALI_TEST_PG holds the URL of a server's
** "postgres" database (demo_fixture.c); the tests then read what it
** wrote:
**
**   - every intervention ended (completed, interrupted or cancelled) with
**     dates inside the round and a history that chains from "planned" to
**     its status, with a reason where one is due;
**   - the services activated per round are still the pilot's table;
**   - course editions: seats never exceeded, the one who waited was asked
**     last and took the freed seat, attendance inside the edition,
**     certificates unique;
**   - internships: valid partite IVA, hirings with a contract, attendance
**     inside the placement, the daughter (or son) hired;
**   - registers and requests: entries inside the path, members of the
**     household, timestamps in order, most answers within target and
**     some overdue;
**   - every path closed with one evaluation, its outcome consistent
**     (employed_host only with a hiring), objectives judged;
**   - the handover of the social worker who left, and the team meetings.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka.h needs the four headers above it. */
#include <cmocka.h>

#include "../../src/db/db.c"
#include "../../src/db/postgres.c"
#include "../../src/db/sqlite.c"
#include "../../src/lib/arena.c"
#include "../../src/lib/date.c"
#include "../../src/lib/mem.c"
#include "../../src/lib/workdays.c"

#define FX_NAME "demo_delivery"
#include "demo_fixture.c"

/* The count a query gives (no parameters). */
static int64_t n_of(Db *db, const char *zSql) { return db_int(db, -1, zSql, ""); }

/* ---- interventions ---- */

static void test_intervention_dates(void **state) {
  Db *db = world_db(state);
  /* nothing left open: the rounds are over */
  assert_int_equal(n_of(db, "SELECT count(*) FROM intervention"
                            " WHERE status NOT IN ('completed','interrupted','cancelled')"),
                   0);
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM intervention i JOIN project p ON p.id=i.project_id"
               " JOIN case_file c ON c.id=p.case_id JOIN round r ON r.id=c.round_id WHERE"
               " (i.status='cancelled') <> (i.started_on IS NULL) OR i.ended_on IS NULL"
               " OR i.started_on < c.agreed_on OR i.ended_on < i.started_on"
               " OR i.ended_on < c.agreed_on OR i.started_on > r.end_date"
               " OR (i.status<>'cancelled' AND i.ended_on > r.end_date)"
               " OR (i.status IN ('interrupted','cancelled') AND i.status_reason IS NULL)"),
      0);
  /* a few of each ending, and the pandemic's suspensions in round 1 */
  assert_true(n_of(db, "SELECT count(*) FROM intervention WHERE status='interrupted'") >= 10);
  assert_true(n_of(db, "SELECT count(*) FROM intervention WHERE status='cancelled'") >= 1);
  assert_true(n_of(db, "SELECT count(*) FROM intervention_event WHERE to_status='suspended'"
                       " AND on_date < '2021-07-01'") >= 3);
  assert_true(n_of(db, "SELECT count(*) FROM intervention_event WHERE reason LIKE"
                       " 'postponed: health emergency%' AND on_date < '2022-01-01'") >= 1);
  assert_true(n_of(db, "SELECT count(*) FROM intervention WHERE status='completed'") >
              2 * n_of(db, "SELECT count(*) FROM intervention WHERE status<>'completed'"));
}

/* Each history chains planned -> ... -> the status, dates in order. */
static void test_intervention_history(void **state) {
  Db *db = world_db(state);
  DbStmt *q = db_query(db,
                       "SELECT e.intervention_id, e.from_status, e.to_status, e.on_date,"
                       " e.reason, i.status, i.started_on, i.ended_on FROM intervention_event e"
                       " JOIN intervention i ON i.id=e.intervention_id"
                       " ORDER BY e.intervention_id, e.id",
                       "");
  int64_t iLast = 0;
  char zAt[16] = "", zOn[11] = "", zStatus[16] = "";
  int nBad = 0, nIv = 0;
  while (db_step(q) == DB_ROW) {
    int64_t id = db_col_int(q, 0);
    const char *zFrom = db_col_text(q, 1), *zTo = db_col_text(q, 2), *zDate = db_col_text(q, 3);
    if (id != iLast) {
      if (iLast && strcmp(zAt, zStatus) != 0) nBad++;
      nIv++;
      iLast = id;
      snprintf(zAt, sizeof zAt, "planned");
      zOn[0] = 0;
      snprintf(zStatus, sizeof zStatus, "%s", db_col_text(q, 5));
      /* the first event starts it on started_on, or cancels it */
      if (strcmp(zTo, "active") == 0 && strcmp(zDate, db_col_text(q, 6)) != 0) nBad++;
    }
    if (strcmp(zFrom, zAt) != 0 || strcmp(zDate, zOn) < 0) nBad++;
    int bReason = strcmp(zTo, "suspended") == 0 || strcmp(zTo, "interrupted") == 0 ||
                  strcmp(zTo, "cancelled") == 0;
    if (bReason && db_col_null(q, 4)) nBad++;
    if ((strcmp(zTo, "completed") == 0 || bReason) && strcmp(zTo, "suspended") != 0 &&
        strcmp(zDate, db_col_text(q, 7)) != 0)
      nBad++;
    snprintf(zAt, sizeof zAt, "%s", zTo);
    snprintf(zOn, sizeof zOn, "%s", zDate);
  }
  db_done(q);
  if (iLast && strcmp(zAt, zStatus) != 0) nBad++;
  assert_int_equal(nBad, 0);
  assert_int_equal(nIv, n_of(db, "SELECT count(*) FROM intervention"));
}

/* Issue 4's services activated, unchanged by the delivery. */
static void test_services(void **state) {
  static const struct {
    const char *zCode;
    int a[2];
  } aWant[] = {
      {"internship", {43, 12}},    {"forklift", {21, 19}},    {"italian_l2", {27, 13}},
      {"haccp", {46, 17}},         {"safety", {68, 39}},      {"home_education", {47, 19}},
      {"it_training", {-1, 29}},   {"soft_skills", {-1, 9}},  {"home_care", {5, 4}},
      {"psych_support", {34, 12}}, {"orientation", {17, 12}},
  };
  static const char *const azRound[2] = {"R1", "R2"};
  Db *db = world_db(state);
  for (size_t k = 0; k < sizeof aWant / sizeof aWant[0]; k++) {
    for (int r = 0; r < 2; r++) {
      int n = (int)db_int(db, -1,
                          "SELECT count(DISTINCT p.id) FROM project p"
                          " JOIN case_file c ON c.id=p.case_id JOIN round r ON r.id=c.round_id"
                          " JOIN intervention i ON i.project_id=p.id"
                          " JOIN service s ON s.id=i.service_id"
                          " WHERE r.code=$1 AND s.code=$2 AND c.stage='agreed'"
                          " AND i.status IN ('active','suspended','completed','interrupted')",
                          "tt", azRound[r], aWant[k].zCode);
      assert_int_equal(n, aWant[k].a[r] < 0 ? 0 : aWant[k].a[r]);
    }
  }
}

/* ---- courses ---- */

static void test_courses(void **state) {
  Db *db = world_db(state);
  /* every training intervention in exactly one edition of its course */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
               " WHERE s.kind='training' AND (SELECT count(*) FROM enrolment e JOIN course_edition d"
               " ON d.id=e.edition_id WHERE e.intervention_id=i.id AND d.service_id=i.service_id)"
               " <> 1"),
      0);
  /* seats never exceeded; nobody left waiting in a finished edition */
  assert_int_equal(n_of(db, "SELECT count(*) FROM course_edition d WHERE d.seats < (SELECT"
                            " count(*) FROM enrolment e WHERE e.edition_id=d.id"
                            " AND e.status IN ('enrolled','completed'))"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM enrolment WHERE status IN ('waiting','enrolled')"
                            " OR position IS NOT NULL"),
                   0);
  /* the waiting list: a seat freed by a withdrawal went to the one asked
  ** last, who started that day */
  int64_t nWithdrawn = n_of(db, "SELECT count(*) FROM enrolment WHERE status='withdrawn'");
  assert_true(nWithdrawn >= 1);
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM enrolment w WHERE w.status='withdrawn' AND NOT EXISTS"
               " (SELECT 1 FROM enrolment l JOIN intervention i ON i.id=l.intervention_id"
               "  WHERE l.edition_id=w.edition_id AND l.status IN ('completed','failed')"
               "  AND i.started_on=w.completed_on AND l.enrolled_at >= (SELECT max(enrolled_at)"
               "  FROM enrolment m WHERE m.edition_id=w.edition_id))"),
      0);
  /* enrolment and intervention agree; dates inside the edition */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM enrolment e JOIN intervention i ON i.id=e.intervention_id"
               " JOIN course_edition d ON d.id=e.edition_id WHERE"
               " (e.status='completed') <> (i.status='completed')"
               " OR i.started_on < d.starts_on OR i.ended_on > d.ends_on"
               " OR e.completed_on <> i.ended_on"
               " OR CAST(e.enrolled_at AS TEXT) > CAST(i.started_on AS TEXT)"
               " OR (e.certificate_number IS NULL) <> (e.certificate_on IS NULL)"
               " OR (e.certificate_number IS NOT NULL AND e.status<>'completed')"),
      0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM course_attendance a"
                            " JOIN course_session s ON s.id=a.session_id"
                            " JOIN enrolment e ON e.id=a.enrolment_id"
                            " JOIN course_edition d ON d.id=s.edition_id"
                            " WHERE e.edition_id<>s.edition_id OR s.on_date < d.starts_on"
                            " OR s.on_date > d.ends_on"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) - count(DISTINCT certificate_number) FROM enrolment"
                            " WHERE certificate_number IS NOT NULL"),
                   0);
  assert_true(n_of(db, "SELECT count(*) FROM enrolment WHERE certificate_number LIKE 'HACCP/%'") >
              20);
  assert_true(n_of(db, "SELECT count(*) FROM enrolment WHERE certificate_number LIKE 'PCE/%'") > 10);
  /* a realistic absence rate: between 3% and 20% */
  int64_t nAll = n_of(db, "SELECT count(*) FROM course_attendance");
  int64_t nAbsent = n_of(db, "SELECT count(*) FROM course_attendance WHERE present=0");
  assert_true(nAll > 0 && nAbsent * 100 >= nAll * 3 && nAbsent * 100 <= nAll * 20);
}

/* ---- internships ---- */

/* The partita IVA check digit, written out again. */
static int vat_ok(const char *z) {
  if (!z || strlen(z) != 11) return 0;
  int sum = 0;
  for (int i = 0; i < 11; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    int d = z[i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

static void test_internships(void **state) {
  Db *db = world_db(state);
  DbStmt *q = db_query(db,
                       "SELECT DISTINCT o.vat_number, o.ateco_section, o.address FROM placement p"
                       " JOIN organisation o ON o.id=p.host_firm_id",
                       "");
  int nFirm = 0, nBad = 0;
  while (db_step(q) == DB_ROW) {
    nFirm++;
    nBad += !vat_ok(db_col_text(q, 0)) || db_col_null(q, 1) || db_col_null(q, 2);
  }
  db_done(q);
  assert_int_equal(nBad, 0);
  assert_true(nFirm >= 5);
  /* every started internship has its placement, inside its dates */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM intervention i JOIN service s ON s.id=i.service_id"
               " LEFT JOIN placement p ON p.intervention_id=i.id WHERE s.code='internship'"
               " AND i.status<>'cancelled' AND (p.intervention_id IS NULL"
               " OR p.start_on <> i.started_on OR p.end_on <> i.ended_on"
               " OR p.coop_tutor_id IS NULL OR p.company_tutor IS NULL)"),
      0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM placement_attendance a JOIN placement p"
                            " ON p.intervention_id=a.intervention_id WHERE a.on_date < p.start_on"
                            " OR a.on_date > p.end_on OR (a.present=0) <> (a.minutes=0)"),
                   0);
  /* hirings: only after a completed internship, with a contract */
  assert_int_equal(n_of(db, "SELECT count(*) FROM placement p JOIN intervention i"
                            " ON i.id=p.intervention_id WHERE p.hired_on IS NOT NULL AND"
                            " (i.status<>'completed' OR p.hired_on < p.end_on"
                            " OR p.contract_type IS NULL)"),
                   0);
  assert_true(n_of(db, "SELECT count(*) FROM placement WHERE hired_on IS NOT NULL") >= 5);
  /* the pilot's story: the internship moved to an adult child, who was hired */
  assert_true(n_of(db, "SELECT count(*) FROM placement p JOIN intervention i"
                       " ON i.id=p.intervention_id JOIN project j ON j.id=i.project_id"
                       " JOIN case_file c ON c.id=j.case_id WHERE p.hired_on IS NOT NULL"
                       " AND i.person_id<>c.person_id") >= 1);
  /* sessions of the services delivered in sessions, inside the dates */
  assert_int_equal(n_of(db, "SELECT count(*) FROM intervention_session s JOIN intervention i"
                            " ON i.id=s.intervention_id WHERE s.on_date < i.started_on"
                            " OR s.on_date > i.ended_on"),
                   0);
  assert_true(n_of(db, "SELECT count(DISTINCT v.code) FROM intervention_session s"
                       " JOIN intervention i ON i.id=s.intervention_id"
                       " JOIN service v ON v.id=i.service_id") == 4);
}

/* ---- registers and requests ---- */

static void test_register(void **state) {
  Db *db = world_db(state);
  assert_int_equal(n_of(db, "SELECT count(*) FROM case_file c WHERE c.stage='agreed' AND"
                            " (SELECT count(*) FROM activity a WHERE a.case_id=c.id) < 5"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM activity a JOIN case_file c ON c.id=a.case_id"
                            " JOIN evaluation e ON e.case_id=c.id WHERE a.status='done' AND"
                            " (a.on_date < c.agreed_on OR a.on_date > e.written_on)"),
                   0);
  /* members involved belong to the household */
  assert_int_equal(n_of(db, "SELECT count(*) FROM activity_member m JOIN activity a"
                            " ON a.id=m.activity_id JOIN case_file c ON c.id=a.case_id"
                            " JOIN person pc ON pc.id=c.person_id JOIN person pm ON pm.id=m.person_id"
                            " WHERE pm.household_id<>pc.household_id"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(DISTINCT kind) FROM activity"), 7);
  assert_true(n_of(db, "SELECT count(*) FROM activity WHERE confidentiality='restricted'") >= 10);
}

static void test_requests(void **state) {
  Db *db = world_db(state);
  DbStmt *q = db_query(db,
                       "SELECT raised_at, acknowledged_at, resolved_at FROM request ORDER BY id",
                       "");
  int nAll = 0, nBad = 0;
  while (db_step(q) == DB_ROW) {
    const char *zRaised = db_col_text(q, 0), *zAck = db_col_text(q, 1), *zRes = db_col_text(q, 2);
    nAll++;
    if (!zAck || !zRes || strcmp(zRaised, zAck) >= 0 || strcmp(zAck, zRes) >= 0) nBad++;
  }
  db_done(q);
  assert_int_equal(nBad, 0);
  assert_true(nAll >= 150);
  /* response times against the default targets (emergency 0/1, health
  ** 1/5, rent 2/10, school 2/10, documents 2/15, other 3/20) */
  static const struct {
    const char *zKind;
    int nAck, nRes;
  } aTarget[] = {{"emergency", 0, 1}, {"health", 1, 5},     {"rent", 2, 10},
                 {"school", 2, 10},   {"documents", 2, 15}, {"other", 3, 20}};
  int nLate = 0, nOnTime = 0;
  q = db_query(db, "SELECT kind, raised_at, acknowledged_at, resolved_at FROM request", "");
  while (db_step(q) == DB_ROW) {
    for (size_t k = 0; k < sizeof aTarget / sizeof aTarget[0]; k++) {
      if (strcmp(aTarget[k].zKind, db_col_text(q, 0)) != 0) continue;
      char zAckDue[21], zResDue[21];
      workdays_due(db_col_text(q, 1), aTarget[k].nAck, zAckDue);
      workdays_due(db_col_text(q, 1), aTarget[k].nRes, zResDue);
      int bLate = strcmp(db_col_text(q, 2), zAckDue) > 0 || strcmp(db_col_text(q, 3), zResDue) > 0;
      nLate += bLate;
      nOnTime += !bLate;
    }
  }
  db_done(q);
  assert_int_equal(nLate + nOnTime, nAll);
  assert_true(nOnTime > nLate * 2); /* most within target ... */
  assert_true(nLate * 10 >= nAll);  /* ... some overdue */
  assert_int_equal(n_of(db, "SELECT count(DISTINCT kind) FROM request"), 6);
}

/* ---- closing ---- */

static void test_closing(void **state) {
  Db *db = world_db(state);
  assert_int_equal(n_of(db, "SELECT count(*) FROM case_file c WHERE c.stage='agreed' AND"
                            " (c.closed_at IS NULL OR (SELECT count(*) FROM evaluation e"
                            " WHERE e.case_id=c.id) <> 1)"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM evaluation e JOIN case_file c ON c.id=e.case_id"
                            " WHERE c.stage<>'agreed' OR e.outcome_on > e.written_on"
                            " OR e.outcome_on < c.agreed_on"
                            " OR (e.contract_type IS NULL) <> (e.outcome NOT LIKE 'employed%')"
                            " OR (e.interruption_reason IS NULL) <> (e.outcome<>'interrupted')"
                            " OR (e.withdrawal_reason IS NULL) <> (e.outcome<>'withdrew')"),
                   0);
  /* no intervention ends after the evaluation */
  assert_int_equal(n_of(db, "SELECT count(*) FROM intervention i JOIN project p"
                            " ON p.id=i.project_id JOIN evaluation e ON e.case_id=p.case_id"
                            " WHERE i.ended_on > e.written_on"),
                   0);
  /* employed_host exactly when the host firm of an internship hired */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM evaluation e JOIN project p ON p.case_id=e.case_id"
               " WHERE (e.outcome='employed_host') <> EXISTS (SELECT 1 FROM intervention i"
               " JOIN placement pl ON pl.intervention_id=i.id WHERE i.project_id=p.id"
               " AND pl.hired_on IS NOT NULL)"),
      0);
  /* training_completed / qualification only after a completed course */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM evaluation e JOIN project p ON p.case_id=e.case_id"
               " WHERE e.outcome IN ('training_completed','qualification') AND NOT EXISTS"
               " (SELECT 1 FROM intervention i JOIN enrolment n ON n.intervention_id=i.id"
               " WHERE i.project_id=p.id AND n.status='completed')"),
      0);
  /* every objective judged */
  assert_int_equal(n_of(db, "SELECT count(*) FROM project_objective o LEFT JOIN objective_result r"
                            " ON r.objective_id=o.id WHERE r.objective_id IS NULL"),
                   0);
  /* every outcome occurs; round 2 paths cut by the round's end */
  assert_int_equal(n_of(db, "SELECT count(DISTINCT outcome) FROM evaluation"), 7);
  assert_true(n_of(db, "SELECT count(*) FROM evaluation e JOIN case_file c ON c.id=e.case_id"
                       " JOIN round r ON r.id=c.round_id WHERE r.code='R2'"
                       " AND e.interruption_reason='round_ended'") >= 8);
}

/* ---- handover and team meetings ---- */

static void test_handover(void **state) {
  Db *db = world_db(state);
  int64_t iTemp = n_of(db, "SELECT id FROM app_user WHERE username='social_temp' AND active=0");
  assert_true(iTemp > 0);
  /* one open holder per case and role */
  assert_int_equal(n_of(db, "SELECT count(*) FROM (SELECT case_id, role FROM case_assignment"
                            " WHERE to_at IS NULL GROUP BY case_id, role HAVING count(*) <> 1) t"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM case_assignment a JOIN app_user u"
                            " ON u.id=a.user_id WHERE u.username='social_temp' AND a.to_at IS NULL"),
                   0);
  /* each of her cases: she held it from the opening, then one colleague
  ** from the day she left, with a note, assigned by the manager */
  assert_int_equal(
      n_of(db, "SELECT count(*) FROM case_assignment t JOIN app_user u ON u.id=t.user_id"
               " WHERE u.username='social_temp' AND NOT EXISTS (SELECT 1 FROM case_assignment n"
               " JOIN app_user m ON m.id=n.assigned_by JOIN app_user w ON w.id=n.user_id"
               " WHERE n.case_id=t.case_id AND n.role='social_worker' AND n.to_at IS NULL"
               " AND n.from_at=t.to_at AND n.note IS NOT NULL AND m.username='manager'"
               " AND w.username IN ('social1','social2'))"),
      0);
  assert_true(n_of(db, "SELECT count(*) FROM case_assignment a JOIN app_user u ON u.id=a.user_id"
                       " WHERE u.username='social_temp'") >= 10);
  assert_int_equal(n_of(db, "SELECT count(DISTINCT n.user_id) FROM case_assignment t"
                            " JOIN app_user u ON u.id=t.user_id JOIN case_assignment n"
                            " ON n.case_id=t.case_id AND n.role='social_worker' AND n.to_at IS NULL"
                            " WHERE u.username='social_temp'"),
                   2);
  /* she did the first interviews of her cases */
  assert_int_equal(n_of(db, "SELECT count(*) FROM case_assignment t JOIN app_user u"
                            " ON u.id=t.user_id JOIN access_form f ON f.case_id=t.case_id"
                            " WHERE u.username='social_temp' AND f.social_worker_id<>u.id"),
                   0);
  /* team meetings: each with cases, each minute in the case's register */
  assert_true(n_of(db, "SELECT count(*) FROM team_meeting") >= 40);
  assert_int_equal(n_of(db, "SELECT count(*) FROM team_meeting m WHERE NOT EXISTS"
                            " (SELECT 1 FROM team_meeting_case c WHERE c.meeting_id=m.id)"),
                   0);
  assert_int_equal(n_of(db, "SELECT count(*) FROM team_meeting_case c"
                            " JOIN team_meeting m ON m.id=c.meeting_id WHERE NOT EXISTS"
                            " (SELECT 1 FROM activity a WHERE a.case_id=c.case_id"
                            " AND a.kind='team_meeting' AND a.on_date=m.held_on"
                            " AND a.text=c.minute AND a.author_id=m.social_worker_id)"),
                   0);
}

int main(void) {
  const struct CMUnitTest aTest[] = {
      cmocka_unit_test(test_intervention_dates), cmocka_unit_test(test_intervention_history),
      cmocka_unit_test(test_services),           cmocka_unit_test(test_courses),
      cmocka_unit_test(test_internships),        cmocka_unit_test(test_register),
      cmocka_unit_test(test_requests),           cmocka_unit_test(test_closing),
      cmocka_unit_test(test_handover),
  };
  int rc = cmocka_run_group_tests_name("sqlite", aTest, setup_sqlite, teardown);
  if (getenv("ALI_TEST_PG") && *getenv("ALI_TEST_PG"))
    rc |= cmocka_run_group_tests_name("postgresql", aTest, setup_pg, teardown);
  return rc;
}
