/*
** page_course.c — training courses in the web UI:
**
**   GET  /courses                          the editions by course, seats
**                                          taken and waiting; the form of a
**                                          new edition; with ?intervention=
**                                          the editions that intervention
**                                          can be enrolled in
**   POST /courses                          create an edition
**   GET  /courses/{id}                     the edition's page for the
**                                          trainer: dates, place, seats,
**                                          participants and waiting list,
**                                          the register of attendance, the
**                                          completion and certificate
**   POST /courses/{id}                     edit it, or move it (start,
**                                          finish, cancel: field "status")
**   POST /courses/{id}/enrolments          enrol an intervention
**   POST /courses/{id}/enrolments/{id}     complete, withdraw, fail
**   POST /courses/{id}/sessions            add a session
**   POST /courses/{id}/sessions/{id}/attendance  record its register
**
** and course_intervention_link(), the link on a project's training
** intervention.  Record-level rules (docs/access.md): the trainer and the
** manager record attendance; managers and case managers set up editions
** and enrol the interventions of cases they may plan; completion is for
** the trainer, the manager and the case's case manager, withdrawal for
** the last two; names of participants follow course_sees_person().
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/course.h"
#include "../domain/intake.h"
#include "../domain/project.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* ------------------------------------------------------------------ */
/* Shared helpers                                                      */
/* ------------------------------------------------------------------ */

/* The form value zName, NULL when absent or blank. */
static const char *course_opt(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  return domain_blank(z) ? NULL : z;
}

/* A positive id or number from z: 0 when blank, -1 when not a number. */
static int64_t course_num(const char *z) {
  if (domain_blank(z)) return 0;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  return *zEnd || v < 0 || v > 1000000000000LL ? -1 : v;
}

/* Answer a domain failure that is not a form error. */
static void course_fail(Req *r, int rc) {
  if (rc == DOMAIN_NOT_FOUND) {
    req_error(r, 404, N_("There is no such course edition."));
  } else if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409,
              r->err.n ? r->err.a[0].zMsg : N_("Not possible in the edition's present state."));
  } else if (rc == DOMAIN_INVALID) {
    req_error(r, 422, r->err.n ? r->err.a[0].zMsg : N_("The form holds mistakes."));
  } else if (rc == DB_BUSY) {
    req_error(r, 503, N_("The database is busy; try again in a moment."));
  } else {
    fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    req_error(r, 500, N_("The course edition could not be read or saved."));
  }
}

/* Read edition r->aId[0]; answers 404 and returns -1 when missing. */
static int course_load(Req *r, Edition *p) {
  int rc = course_edition_get(r->db, &r->a, r->iAgency, r->aId[0], r->iLang, p);
  if (rc) course_fail(r, rc);
  return rc ? -1 : 0;
}

/* "12 seats taken of 20, 3 waiting" */
static const char *course_seats_text(Req *r, const Edition *p) {
  return arena_printf(&r->a,
                      _n("%d seat taken of %d, %d waiting", "%d seats taken of %d, %d waiting",
                         p->nTaken),
                      p->nTaken, p->nSeats, p->nWaiting);
}

/* ------------------------------------------------------------------ */
/* GET /courses                                                        */
/* ------------------------------------------------------------------ */

static void render_edition_row(Req *r, const Edition *p, int64_t iIv) {
  html_f(&r->out, "<tr id=\"edition-%D\"><td>%s</td><td><a href=\"/courses/%D\">%s</a> (%s)</td>",
         p->id, p->zServiceName, p->id, p->zTitle, p->zCode);
  html_f(&r->out, "<td class=\"text-nowrap\">%s – %s</td><td>%s</td><td>%s</td>",
         ui_date(r, p->zStartsOn), ui_date(r, p->zEndsOn), course_seats_text(r, p),
         _(course_label(course_azEditionStatus, p->zStatus)));
  html_raw(&r->out, "<td>");
  if (iIv && auth_can(r, CAP_COURSE_ADMIN)) {
    char zAction[64];
    snprintf(zAction, sizeof zAction, "/courses/%lld/enrolments", (long long)p->id);
    form_begin(r, zAction, " class=\"d-inline\"");
    html_f(&r->out,
           "<input type=\"hidden\" name=\"intervention_id\" value=\"%D\">"
           "<button type=\"submit\" class=\"btn btn-sm btn-primary\">%s</button></form>",
           iIv, _("Enrol"));
  }
  html_raw(&r->out, "</td></tr>");
}

static void render_edition_form(Req *r) {
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-new-edition\">%s</h2>", _("New edition"));
  form_error_summary(r);
  form_begin(r, "/courses", " id=\"edition-form\"");
  const char *zService = req_form(r, "service");
  form_input(r, "service", _("Course (catalogue code, e.g. haccp)"), "text", zService, 1);
  form_input(r, "code", _("Code"), "text", req_form(r, "code"), 1);
  form_input(r, "title", _("Title"), "text", req_form(r, "title"), 1);
  form_input(r, "starts_on", _("Starts on"), "date", req_form(r, "starts_on"), 1);
  form_input(r, "ends_on", _("Ends on"), "date", req_form(r, "ends_on"), 1);
  form_input(r, "seats", _("Seats"), "number", req_form(r, "seats"), 1);
  form_select(r, "trainer_id", _("Trainer"),
              form_user_options(r, ROLE_OPERATOR, 0, 0, _("No trainer yet")),
              req_form(r, "trainer_id"));
  form_select(r, "organisation_id", _("Provider"),
              form_organisation_options(r, "cooperative", _("None"), NULL),
              req_form(r, "organisation_id"));
  form_input(r, "place", _("Place"), "text", req_form(r, "place"), 0);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
         _("Create the edition"));
}

static void course_list_render(Req *r) {
  int64_t iIv = course_num(req_query(r, "intervention"));
  int64_t iService = course_num(req_query(r, "service"));
  Edition *a;
  int n;
  int rc =
      course_edition_list(r->db, &r->a, r->iAgency, iService > 0 ? iService : 0, r->iLang, &a, &n);
  if (rc) return course_fail(r, rc);
  layout_begin(r, _("Training courses"), NAV_PROGRAMME);
  html_f(&r->out, "<h1>%s</h1>", _("Training courses"));
  if (iIv > 0)
    html_f(&r->out, "<p class=\"lead\" id=\"enrol-hint\">%s</p>",
           _("Choose the edition to enrol the intervention in."));
  if (!n)
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No course edition yet."));
  else {
    html_f(&r->out,
           "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"edition-table\">"
           "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th></th></tr></thead><tbody>",
           _("Course"), _("Edition"), _("Dates"), _("Seats"), _("Status"));
    for (int i = 0; i < n; i++) render_edition_row(r, &a[i], iIv);
    html_raw(&r->out, "</tbody></table></div>");
  }
  if (auth_can(r, CAP_COURSE_ADMIN)) render_edition_form(r);
  layout_end(r);
}

void course_list_page(Req *r) { course_list_render(r); }

/* Read the edition fields of a form into p. */
static void course_read_form(Req *r, Edition *p) {
  p->zServiceCode = req_form(r, "service");
  p->zCode = req_form(r, "code");
  p->zTitle = req_form(r, "title");
  p->zStartsOn = req_form(r, "starts_on");
  p->zEndsOn = req_form(r, "ends_on");
  int64_t v = course_num(req_form(r, "seats"));
  p->nSeats = v > 0 && v <= COURSE_SEATS_MAX ? (int)v : 0;
  p->iTrainer = course_num(req_form(r, "trainer_id"));
  p->iOrganisation = course_num(req_form(r, "organisation_id"));
  if (p->iTrainer < 0) errors_add(&r->err, "trainer_id", N_("not an active operator"));
  if (p->iOrganisation < 0)
    errors_add(&r->err, "organisation_id", N_("not a cooperative of the agency"));
  p->zPlace = course_opt(r, "place");
}

void course_create_page(Req *r) {
  Edition ed = {0};
  course_read_form(r, &ed);
  int rc =
      r->err.n ? DOMAIN_INVALID : course_edition_save(r->db, r->iAgency, &ed, r->user.id, &r->err);
  if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    return course_list_render(r);
  }
  if (rc) return course_fail(r, rc);
  req_audit(r, "create", "course_edition", ed.id, 0, NULL);
  req_redirect(r, arena_printf(&r->a, "/courses/%lld", (long long)ed.id));
}

/* ------------------------------------------------------------------ */
/* GET /courses/{id}                                                   */
/* ------------------------------------------------------------------ */

/* What the caller may do on an edition's page. */
typedef struct CourseView {
  Edition ed;
  Enrolment *aE;
  int nE;
  CourseSession *aS;
  int nS;
  int bTrainer, bSetup, bRecord;
} CourseView;

/* The participant's name, or "Participant N" when the caller may not see it. */
static const char *course_name(Req *r, const CourseView *v, const Enrolment *e, int i) {
  if (course_sees_person(r->db, &r->user, &v->ed, e->iPerson)) return e->zPersonName;
  return arena_printf(&r->a, _("Participant %d"), i + 1);
}

/* 1 when the caller may complete (bComplete) or withdraw enrolment e. */
static int course_may_change(Req *r, const CourseView *v, const Enrolment *e, int bComplete) {
  if (r->user.mRoles & ROLE_MANAGER) return 1;
  if (bComplete && v->bTrainer) return 1;
  if (!(r->user.mRoles & ROLE_CASE_MANAGER)) return 0;
  return course_sees_person(r->db, &r->user, &v->ed, e->iPerson);
}

static void render_edition_head(Req *r, const CourseView *v) {
  const Edition *p = &v->ed;
  html_f(&r->out, "<h1 id=\"edition-title\">%s</h1><p class=\"lead\">%s · %s</p>", p->zTitle,
         p->zServiceName, p->zCode);
  html_f(&r->out,
         "<dl class=\"row\" id=\"edition-facts\"><dt class=\"col-sm-3\">%s</dt>"
         "<dd class=\"col-sm-9\">%s – %s</dd><dt class=\"col-sm-3\">%s</dt>"
         "<dd class=\"col-sm-9\">%s</dd><dt class=\"col-sm-3\">%s</dt>"
         "<dd class=\"col-sm-9\" id=\"edition-seats\">%s</dd>",
         _("Dates"), ui_date(r, p->zStartsOn), ui_date(r, p->zEndsOn), _("Place"),
         p->zPlace ? p->zPlace : "—", _("Seats"), course_seats_text(r, p));
  html_f(&r->out,
         "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\">%s</dd>"
         "<dt class=\"col-sm-3\">%s</dt><dd class=\"col-sm-9\" id=\"edition-status\">%s</dd></dl>",
         _("Trainer"), p->zTrainer ? p->zTrainer : "—", _("Status"),
         _(course_label(course_azEditionStatus, p->zStatus)));
}

/* The buttons that move the edition, for those who set it up. */
static void render_edition_moves(Req *r, const CourseView *v) {
  static const char *const az[] = {
      "planned", "start",  N_("Start the edition"),  "planned", "cancel", N_("Cancel the edition"),
      "running", "finish", N_("Finish the edition"), NULL};
  char zAction[48];
  snprintf(zAction, sizeof zAction, "/courses/%lld", (long long)v->ed.id);
  for (int i = 0; az[i]; i += 3) {
    if (strcmp(az[i], v->ed.zStatus) != 0) continue;
    form_begin(r, zAction, " class=\"d-inline me-2\"");
    html_f(&r->out,
           "<input type=\"hidden\" name=\"status\" value=\"%s\">"
           "<button type=\"submit\" class=\"btn btn-outline-primary\" "
           "id=\"move-%s\">%s</button></form>",
           az[i + 1], az[i + 1], _(az[i + 2]));
  }
}

/* One participant row: name, status, attendance, completion. */
static void render_participant(Req *r, const CourseView *v, const Enrolment *e, int i) {
  html_f(&r->out, "<tr id=\"enrolment-%D\"><td>%s</td><td>%s", e->id, course_name(r, v, e, i),
         _(course_label(course_azEnrolmentStatus, e->zStatus)));
  if (e->iPosition) html_f(&r->out, " (%d)", e->iPosition);
  html_f(&r->out, "</td><td>%d / %d</td><td>", e->nPresent, v->nS);
  if (e->zCertificateNumber)
    html_f(&r->out, "%s · %s", e->zCertificateNumber, ui_date(r, e->zCertificateOn));
  html_raw(&r->out, "</td><td>");
  int bOpen = !strcmp(e->zStatus, "enrolled") || !strcmp(e->zStatus, "completed");
  if (bOpen && course_may_change(r, v, e, 1)) {
    char zAction[80];
    snprintf(zAction, sizeof zAction, "/courses/%lld/enrolments/%lld", (long long)v->ed.id,
             (long long)e->id);
    form_begin(r, zAction, " class=\"row g-1\"");
    html_f(&r->out,
           "<input type=\"hidden\" name=\"action\" value=\"complete\">"
           "<input class=\"form-control form-control-sm col\" name=\"certificate_number\""
           " aria-label=\"%s\" placeholder=\"%s\" value=\"%s\">"
           "<input class=\"form-control form-control-sm col\" type=\"date\" name=\"certificate_on\""
           " aria-label=\"%s\" value=\"%s\">"
           "<button type=\"submit\" class=\"btn btn-sm btn-success col-auto\">%s</button></form>",
           _("Certificate number"), _("Certificate number"), e->zCertificateNumber,
           _("Certificate date"), e->zCertificateOn, _("Completed"));
  }
  html_raw(&r->out, "</td></tr>");
}

static void render_participants(Req *r, const CourseView *v) {
  html_f(&r->out,
         "<section class=\"mb-4\" id=\"participants\"><h2 class=\"h4\">%s</h2>"
         "<div class=\"table-responsive\"><table class=\"table ali-table\">"
         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th></th></tr></thead><tbody>",
         _("Participants and waiting list"), _("Participant"), _("Status"), _("Attendance"),
         _("Certificate"));
  for (int i = 0; i < v->nE; i++) render_participant(r, v, &v->aE[i], i);
  html_raw(&r->out, "</tbody></table></div></section>");
}

/* The register: sessions as rows, enrolled participants as columns, one
** form per session. */
static void render_register_row(Req *r, const CourseView *v, const CourseSession *s) {
  char zAction[96];
  snprintf(zAction, sizeof zAction, "/courses/%lld/sessions/%lld/attendance", (long long)v->ed.id,
           (long long)s->id);
  html_f(&r->out, "<tr id=\"session-%D\"><td class=\"text-nowrap\">%s</td><td>%s", s->id,
         ui_date(r, s->zOn), s->zTopic);
  /* a form cannot wrap table cells: the checkboxes name it (form="...") */
  if (v->bRecord) {
    html_f(&r->out, "<form method=\"post\" action=\"%s\" id=\"attendance-%D\">", zAction, s->id);
    if (r->zCsrf) html_f(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->zCsrf);
    html_raw(&r->out, "</form>");
  }
  html_raw(&r->out, "</td>");
  for (int i = 0; i < v->nE; i++) {
    const Enrolment *e = &v->aE[i];
    if (strcmp(e->zStatus, "enrolled") && strcmp(e->zStatus, "completed")) continue;
    int b = course_attended(r->db, s->id, e->id);
    if (v->bRecord && !strcmp(e->zStatus, "enrolled"))
      html_f(&r->out,
             "<td><input type=\"checkbox\" class=\"form-check-input\" name=\"present\""
             " form=\"attendance-%D\" value=\"%D\" aria-label=\"%s\"%s></td>",
             s->id, e->id, course_name(r, v, e, i), b == 1 ? " checked" : "");
    else
      html_f(&r->out, "<td>%s</td>", b == 1 ? "✓" : b == 0 ? "✗" : "—");
  }
  if (v->bRecord)
    html_f(&r->out,
           "<td><button type=\"submit\" form=\"attendance-%D\" class=\"btn btn-sm "
           "btn-primary\">%s</button></td>",
           s->id, _("Save"));
  html_raw(&r->out, "</tr>");
}

static void render_register(Req *r, const CourseView *v) {
  html_f(&r->out,
         "<section class=\"mb-4\" id=\"register\"><h2 class=\"h4\">%s</h2>"
         "<div class=\"table-responsive\"><table class=\"table ali-table\"><thead><tr>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
         _("Register of attendance"), _("Date"), _("Topic"));
  for (int i = 0; i < v->nE; i++) {
    const Enrolment *e = &v->aE[i];
    if (strcmp(e->zStatus, "enrolled") && strcmp(e->zStatus, "completed")) continue;
    html_f(&r->out, "<th scope=\"col\">%s</th>", course_name(r, v, e, i));
  }
  html_raw(&r->out, "<th></th></tr></thead><tbody>");
  for (int i = 0; i < v->nS; i++) render_register_row(r, v, &v->aS[i]);
  html_raw(&r->out, "</tbody></table></div>");
  if (v->bTrainer || v->bSetup) {
    char zAction[64];
    snprintf(zAction, sizeof zAction, "/courses/%lld/sessions", (long long)v->ed.id);
    form_begin(r, zAction, " id=\"session-form\"");
    form_input(r, "on_date", _("Date"), "date", req_form(r, "on_date"), 1);
    form_input(r, "minutes", _("Minutes"), "number", req_form(r, "minutes"), 1);
    form_input(r, "topic", _("Topic"), "text", req_form(r, "topic"), 0);
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
           _("Add a session"));
  }
  html_raw(&r->out, "</section>");
}

static void course_page_render(Req *r, CourseView *v) {
  int rc = course_enrolments(r->db, &r->a, r->iAgency, v->ed.id, &v->aE, &v->nE);
  if (!rc) rc = course_sessions(r->db, &r->a, r->iAgency, v->ed.id, &v->aS, &v->nS);
  if (rc) return course_fail(r, rc);
  v->bTrainer = course_is_trainer(&r->user, &v->ed);
  v->bSetup = course_can_setup(&r->user) && auth_can(r, CAP_COURSE_ADMIN);
  v->bRecord = (v->bTrainer || (r->user.mRoles & ROLE_MANAGER)) && auth_can(r, CAP_DELIVERY_WRITE);
  layout_begin(r, v->ed.zTitle, NAV_PROGRAMME);
  form_error_summary(r);
  render_edition_head(r, v);
  if (v->bSetup) render_edition_moves(r, v);
  render_participants(r, v);
  render_register(r, v);
  layout_end(r);
}

void course_page(Req *r) {
  CourseView v = {0};
  if (course_load(r, &v.ed)) return;
  course_page_render(r, &v);
}

/* Re-render the edition's page with the form errors (422), or answer
** another failure. */
static void course_answer(Req *r, int rc, const char *zAction, const char *zEntity, int64_t id,
                          int64_t iPerson) {
  if (rc == DOMAIN_INVALID) {
    CourseView v = {0};
    r->iStatus = 422;
    if (course_load(r, &v.ed)) return;
    return course_page_render(r, &v);
  }
  if (rc) return course_fail(r, rc);
  req_audit(r, zAction, zEntity, id, iPerson, NULL);
  req_redirect(r, arena_printf(&r->a, "/courses/%lld", (long long)r->aId[0]));
}

/* ------------------------------------------------------------------ */
/* The writes                                                          */
/* ------------------------------------------------------------------ */

void course_update_page(Req *r) {
  Edition ed;
  if (course_load(r, &ed)) return;
  const char *zMove = course_opt(r, "status");
  int rc;
  if (zMove) {
    rc = course_edition_move(r->db, r->iAgency, ed.id, zMove, course_opt(r, "on"), r->user.id,
                             &r->err);
    if (rc == DOMAIN_INVALID) rc = DOMAIN_CONFLICT;
  } else {
    Edition nw = {0};
    nw.id = ed.id;
    course_read_form(r, &nw);
    rc = r->err.n ? DOMAIN_INVALID
                  : course_edition_save(r->db, r->iAgency, &nw, r->user.id, &r->err);
  }
  course_answer(r, rc, "update", "course_edition", ed.id, 0);
}

void course_enrol_page(Req *r) {
  Edition ed;
  if (course_load(r, &ed)) return;
  int64_t iIv = course_num(req_form(r, "intervention_id"));
  int64_t iCase = iIv > 0 ? course_intervention_case(r->db, r->iAgency, iIv) : 0;
  Case c = {0};
  if (iCase && (intake_case_get(r->db, &r->a, r->iAgency, iCase, &c) != 0 ||
                !intake_can_plan(intake_case_relation(r->db, &r->user, &c))))
    iCase = 0;
  if (!iCase) {
    errors_add(&r->err, "intervention_id", N_("no such intervention"));
    return course_answer(r, DOMAIN_INVALID, NULL, NULL, 0, 0);
  }
  int64_t id = 0;
  int rc = course_enrol(r->db, r->iAgency, ed.id, iIv, r->user.id, &id, &r->err);
  course_answer(r, rc, "create", "enrolment", id, c.iPerson);
}

void course_enrolment_page(Req *r) {
  CourseView v = {0};
  if (course_load(r, &v.ed)) return;
  v.bTrainer = course_is_trainer(&r->user, &v.ed);
  Enrolment e;
  int rc = course_enrolment_get(r->db, &r->a, r->iAgency, v.ed.id, r->aId[1], &e);
  if (rc) return course_fail(r, rc);
  EnrolmentChange ch = {req_form(r, "action"), course_opt(r, "on"), course_opt(r, "reason"),
                        course_opt(r, "certificate_number"), course_opt(r, "certificate_on")};
  int bComplete = ch.zAction && !strcmp(ch.zAction, "complete");
  if (!course_may_change(r, &v, &e, bComplete))
    return req_error(r, 403,
                     N_("Only the trainer, the manager or the participant's case manager can "
                        "change this enrolment."));
  rc = course_enrolment_change(r->db, r->iAgency, v.ed.id, e.id, &ch, r->user.id, &r->err);
  course_answer(r, rc, "update", "enrolment", e.id, e.iPerson);
}

void course_session_page(Req *r) {
  Edition ed;
  if (course_load(r, &ed)) return;
  if (!course_is_trainer(&r->user, &ed) && !course_can_setup(&r->user))
    return req_error(r, 403,
                     N_("Only the trainer or those who set up the edition can add sessions."));
  int64_t nMin = course_num(req_form(r, "minutes"));
  CourseSession s = {0,
                     req_form(r, "on_date"),
                     nMin > 0 && nMin <= COURSE_MINUTES_MAX ? (int)nMin : 0,
                     course_opt(r, "topic"),
                     0,
                     0};
  int rc = course_session_add(r->db, r->iAgency, ed.id, &s, &r->err);
  course_answer(r, rc, "create", "course_session", s.id, 0);
}

void course_attendance_page(Req *r) {
  Edition ed;
  if (course_load(r, &ed)) return;
  if (!course_is_trainer(&r->user, &ed) && !(r->user.mRoles & ROLE_MANAGER))
    return req_error(r, 403, N_("Only the trainer of this edition records its attendance."));
  int64_t *aP = arena_alloc(&r->a, sizeof *aP * (size_t)(r->nForm + 1));
  int n = 0;
  for (int i = 0; i < r->nForm; i++) {
    if (strcmp(r->azForm[2 * i], "present") == 0) aP[n++] = course_num(r->azForm[2 * i + 1]);
  }
  int rc = course_attendance_record(r->db, r->iAgency, ed.id, r->aId[1], aP, n, &r->err);
  if (rc == DOMAIN_INVALID) rc = DOMAIN_CONFLICT;
  course_answer(r, rc, "update", "course_attendance", r->aId[1], 0);
}

/* ------------------------------------------------------------------ */
/* On the project page                                                 */
/* ------------------------------------------------------------------ */

void course_intervention_link(Req *r, const Intervention *iv) {
  if (!iv->zServiceKind || strcmp(iv->zServiceKind, "training") != 0) return;
  int64_t iEd = course_edition_of(r->db, r->iAgency, iv->id);
  if (iEd)
    html_f(&r->out, " <a class=\"small\" href=\"/courses/%D\">%s</a>", iEd, _("course edition"));
  else if (auth_can(r, CAP_COURSE_ADMIN) && !strcmp(iv->zStatus, "planned"))
    html_f(&r->out, " <a class=\"small\" href=\"/courses?service=%D&amp;intervention=%D\">%s</a>",
           iv->iService, iv->id, _("enrol in a course"));
}
