/*
** page_intervention.c — one intervention of a project (GET
** /interventions/{id}): service, member, provider, operator, planned
** against delivered, status with its history and the changes allowed
** (date + reason), the school of a home educational service, the
** placement of an internship with its hiring, the attendance log and the
** sessions; and the writes behind its forms.  Also the status of a
** referral to a specialised service (on the case page).
**
** Who may do what is delivery_can_record() (docs/access.md, "Delivery"):
** readers of the case and whoever delivers the intervention read it;
** the case manager and the manager change its status and placement; the
** operator who delivers it (or the placement's cooperative tutor) records
** attendance and sessions.  Anyone else gets the 404 of a missing
** intervention.  Notes of psychological support are shown only where
** policy_sensitive_visible(SENS_PSYCH_NOTES) allows, each showing audited
** as read_sensitive.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/delivery.h"
#include "../domain/intake.h"
#include "../domain/iv_session.h"
#include "../domain/placement.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "page_project.h"
#include "pages.h"

/* What every handler of the page reads first. */
typedef struct IvPage {
  IvRecord rec;
  unsigned mRight;   /* DELIVERY_* */
  Relation eRel;     /* the caller's relation to the participant */
} IvPage;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* "4:30" for 270 minutes. */
static const char *iv_hm(Req *r, int64_t nMinutes) {
  return arena_printf(&r->a, "%" PRId64 ":%02d", nMinutes / 60, (int)(nMinutes % 60));
}

/* Minutes from "H", "H:MM" or "H.5"-less forms: "4", "4:30"; -1 when not. */
int intervention_parse_time(const char *z) {
  if (!z || !*z) return -1;
  char *zEnd;
  long h = strtol(z, &zEnd, 10);
  if (zEnd == z || h < 0 || h > 24) return -1;
  long m = 0;
  if (*zEnd == ':') {
    const char *zM = zEnd + 1;
    if (strlen(zM) != 2) return -1;
    m = strtol(zM, &zEnd, 10);
    if (*zEnd || m < 0 || m > 59) return -1;
  } else if (*zEnd) {
    return -1;
  }
  return (int)(h * 60 + m);
}

/* An optional integer form field: -1 when blank, -2 when not a number. */
static int64_t iv_form_int(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  if (domain_blank(z)) return -1;
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  return (*zEnd || v < 0) ? -2 : v;
}

/* The submitted value of zName when re-showing a failed form, else zDflt. */
static const char *iv_val(Req *r, const char *zName, const char *zDflt) {
  const char *z = strcmp(r->zMethod, "POST") == 0 ? req_form(r, zName) : NULL;
  return z ? z : zDflt;
}

/* Starts the field scope zScope of the form posted to ".../zScope" (the
** attendance and session forms share field names): 1 when this request
** posted it, so that its values and errors are shown in it only. */
static int iv_form_scope(Req *r, const char *zScope) {
  const char *zTail = strrchr(r->zPath, '/');
  int bPosted = strcmp(r->zMethod, "POST") == 0 && zTail && strcmp(zTail + 1, zScope) == 0;
  form_scope(r, zScope, bPosted);
  return bPosted;
}

/* A small JSON audit detail of key/value pairs ending with NULL. */
static const char *iv_detail(Req *r, const char *const *azKv) {
  Buf b = {0};
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  for (int i = 0; azKv[i]; i += 2) {
    if (azKv[i + 1]) jw_kv_str(&w, azKv[i], azKv[i + 1]);
  }
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

static void iv_not_found(Req *r) {
  req_error(r, 404, N_("No such intervention, or it is not one you work on."));
}

/* Read intervention r->aId[0] and the caller's rights; answers 404 (the
** refusal audited) when the caller may not read it, or mNeed is missing
** (403 then).  0 when the page may go on. */
static int iv_load(Req *r, IvPage *p, unsigned mNeed) {
  int rc = iv_get(r->db, &r->a, r->iAgency, r->aId[0], r->iLang, &p->rec);
  if (rc == DOMAIN_NOT_FOUND) {
    guard_denied(r, "intervention", r->aId[0], 0);
    iv_not_found(r);
    return -1;
  }
  if (rc) {
    req_error(r, 500, N_("The intervention could not be read."));
    return -1;
  }
  p->mRight = delivery_can_record(r->db, &r->user, &p->rec, &p->eRel);
  if (!(p->mRight & DELIVERY_READ)) {
    guard_denied(r, "intervention", r->aId[0], p->rec.iCasePerson);
    iv_not_found(r);
    return -1;
  }
  if ((p->mRight & mNeed) != mNeed) {
    req_error(r, 403, mNeed & DELIVERY_PLAN
                          ? N_("Only the case manager following this case, or the manager, can "
                               "change this intervention.")
                          : N_("Only the operator who delivers this intervention, its case "
                               "manager or the manager can record it."));
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

static void render_dl(Req *r, const char *zLabel, const char *zValue) {
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\">", zLabel);
  if (domain_blank(zValue)) html_raw(&r->out, "<span class=\"ali-muted\">—</span>");
  else html_txt(&r->out, zValue);
  html_raw(&r->out, "</dd>");
}

static void render_summary(Req *r, const IvPage *p) {
  const Intervention *iv = &p->rec.iv;
  IvDelivered d;
  iv_delivered(r->db, r->iAgency, iv->id, &d);
  html_raw(&r->out, "<dl class=\"row\" id=\"summary\">");
  render_dl(r, _("Member"), iv->zPersonName);
  render_dl(r, _("Provider"), iv->zOrganisation);
  render_dl(r, _("Operator"), iv->zOperator);
  render_dl(r, _("Planned"),
            arena_printf(&r->a, "%s – %s", iv->zPlannedStart ? ui_date(r, iv->zPlannedStart) : "…",
                         iv->zPlannedEnd ? ui_date(r, iv->zPlannedEnd) : "…"));
  render_dl(r, _("Planned hours"),
            iv->iPlannedHours >= 0 ? arena_printf(&r->a, "%d", iv->iPlannedHours) : NULL);
  render_dl(r, _("Planned sessions"),
            iv->iPlannedSessions >= 0 ? arena_printf(&r->a, "%d", iv->iPlannedSessions) : NULL);
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\" id=\"delivered\">%s</dd>",
         _("Delivered"),
         arena_printf(&r->a, _n("%s hours in %d session", "%s hours in %d sessions", d.nSessions),
                      iv_hm(r, d.nMinutes), d.nSessions));
  render_dl(r, _("Started on"), ui_date(r, p->rec.zStartedOn));
  render_dl(r, _("Ended on"), ui_date(r, p->rec.zEndedOn));
  html_raw(&r->out, "</dl>");
}

static void render_history(Req *r, const IvPage *p) {
  IvEvent *a;
  int n;
  if (iv_events(r->db, &r->a, r->iAgency, p->rec.iv.id, &a, &n)) n = 0;
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-status\">%s</h2><p>%s: <strong id=\"status\">%s</strong></p>",
         _("Status"), _("Status"), _(iv_status_label(p->rec.iv.zStatus)));
  if (!n) return;
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table ali-table\" id=\"history\"><thead><tr>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th></tr></thead><tbody>",
         _("Date"), _("Change"), _("Reason"), _("By"));
  for (int i = 0; i < n; i++) {
    html_f(&r->out, "<tr><td>%s</td><td>%s → %s</td><td>%s</td><td>%s</td></tr>",
           ui_date(r, a[i].zOn), _(iv_status_label(a[i].zFrom)), _(iv_status_label(a[i].zTo)),
           a[i].zReason ? a[i].zReason : "", a[i].zBy ? a[i].zBy : "");
  }
  html_raw(&r->out, "</tbody></table></div>");
}

static void render_actions(Req *r, const IvPage *p) {
  const char *azOpt[2 * IV_ACTION_COUNT + 1];
  int n = 0;
  for (int e = 0; e < IV_ACTION_COUNT; e++) {
    if (!iv_next_status(p->rec.iv.zStatus, (IvAction)e)) continue;
    azOpt[n++] = iv_action_code((IvAction)e);
    azOpt[n++] = _(iv_action_label((IvAction)e));
  }
  azOpt[n] = NULL;
  if (!n || p->rec.zClosedAt || !p->rec.bAgreed) return;
  char zToday[11];
  date_today(zToday);
  form_begin(r, arena_printf(&r->a, "/interventions/%" PRId64 "/transition", p->rec.iv.id),
             " id=\"transition-form\" class=\"mt-3\"");
  form_select(r, "action", _("Change of status"), azOpt, iv_val(r, "action", NULL));
  form_input(r, "on", _("Date"), "date", iv_val(r, "on", zToday), 1);
  form_input(r, "reason", _("Reason (required to suspend, interrupt or cancel)"), "text",
             iv_val(r, "reason", NULL), 0);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-primary\">%s</button></form>",
         _("Record the change"));
}

static void render_school(Req *r, const IvPage *p) {
  if (strcmp(p->rec.iv.zServiceKind, "home_education") != 0) return;
  html_f(&r->out, "<h2 class=\"h4 mt-4\">%s</h2><dl class=\"row\" id=\"school\">", _("School"));
  render_dl(r, _("School"), p->rec.zSchool);
  render_dl(r, _("Hours a week"),
            p->rec.iWeeklyHours >= 0 ? arena_printf(&r->a, "%d", p->rec.iWeeklyHours) : NULL);
  html_raw(&r->out, "</dl>");
  if (!(p->mRight & DELIVERY_PLAN) || !auth_can(r, CAP_DELIVERY_WRITE) || p->rec.zClosedAt) return;
  form_begin(r, arena_printf(&r->a, "/interventions/%" PRId64 "/school", p->rec.iv.id),
             " id=\"school-form\"");
  form_input(r, "school", _("School"), "text", iv_val(r, "school", p->rec.zSchool), 0);
  form_input(r, "weekly_hours", _("Hours a week"), "number",
             iv_val(r, "weekly_hours",
                    p->rec.iWeeklyHours >= 0 ? arena_printf(&r->a, "%d", p->rec.iWeeklyHours) : NULL),
             0);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-outline-primary\">%s</button></form>",
         _("Save"));
}

static const char *const *contract_options(Req *r) {
  const char **az = arena_alloc(&r->a, sizeof *az * (2 * CONTRACT_TYPE_COUNT + 3));
  int n = 0;
  az[n++] = "";
  az[n++] = _("Not hired");
  for (int i = 0; i < CONTRACT_TYPE_COUNT; i++) {
    az[n++] = placement_contract_code(i);
    az[n++] = _(placement_contract_label(i));
  }
  az[n] = NULL;
  return az;
}

static const char *contract_label(Req *r, const char *z) {
  int i = placement_contract_find(z);
  return i < 0 ? z : _(placement_contract_label(i));
}

static void render_placement_view(Req *r, const Placement *pl) {
  html_raw(&r->out, "<dl class=\"row\" id=\"placement\">");
  render_dl(r, _("Host firm"), pl->zHostFirm);
  render_dl(r, _("Company tutor"), pl->zCompanyTutor);
  render_dl(r, _("Cooperative tutor"), pl->zCoopTutor);
  render_dl(r, _("From"), ui_date(r, pl->zStartOn));
  render_dl(r, _("To"), ui_date(r, pl->zEndOn));
  render_dl(r, _("Hours a week"),
            pl->iWeeklyHours >= 0 ? arena_printf(&r->a, "%d", pl->iWeeklyHours) : NULL);
  render_dl(r, _("Monthly indemnity"),
            pl->iMonthlyIndemnityCents >= 0 ? project_money(r, pl->iMonthlyIndemnityCents) : NULL);
  render_dl(r, _("End reason"), pl->zEndReason);
  html_f(&r->out, "<dt class=\"col-sm-4\">%s</dt><dd class=\"col-sm-8\" id=\"hiring\">", _("Hired"));
  if (pl->zHiredOn) {
    html_txt(&r->out, arena_printf(&r->a, _("on %s, %s"), ui_date(r, pl->zHiredOn),
                                   contract_label(r, pl->zContractType)));
  } else {
    html_txt(&r->out, _("no"));
  }
  html_raw(&r->out, "</dd></dl>");
}

static const char *iv_id_text(Req *r, int64_t id) {
  return id > 0 ? arena_printf(&r->a, "%" PRId64, id) : NULL;
}

static void render_placement_form(Req *r, const IvPage *p, const Placement *pl) {
  form_begin(r, arena_printf(&r->a, "/interventions/%" PRId64 "/placement", p->rec.iv.id),
             " id=\"placement-form\"");
  form_select(r, "host_firm_id", _("Host firm"),
              form_organisation_options(r, "host_firm", _("Choose…"), NULL),
              iv_val(r, "host_firm_id", iv_id_text(r, pl->iHostFirm)));
  form_input(r, "company_tutor", _("Company tutor"), "text",
             iv_val(r, "company_tutor", pl->zCompanyTutor), 0);
  form_select(r, "coop_tutor_id", _("Cooperative tutor"),
              form_user_options(r, ROLE_OPERATOR, 0, 0, _("None")),
              iv_val(r, "coop_tutor_id", iv_id_text(r, pl->iCoopTutor)));
  form_input(r, "start_on", _("From"), "date", iv_val(r, "start_on", pl->zStartOn), 1);
  form_input(r, "end_on", _("To"), "date", iv_val(r, "end_on", pl->zEndOn), 0);
  form_input(r, "weekly_hours", _("Hours a week"), "number",
             iv_val(r, "weekly_hours",
                    pl->iWeeklyHours >= 0 ? arena_printf(&r->a, "%d", pl->iWeeklyHours) : NULL),
             0);
  form_input(r, "monthly_indemnity_cents", _("Monthly indemnity (cents)"), "number",
             iv_val(r, "monthly_indemnity_cents",
                    pl->iMonthlyIndemnityCents >= 0
                        ? arena_printf(&r->a, "%" PRId64, pl->iMonthlyIndemnityCents)
                        : NULL),
             0);
  form_input(r, "end_reason", _("End reason"), "text", iv_val(r, "end_reason", pl->zEndReason), 0);
  form_input(r, "hired_on", _("Hired on"), "date", iv_val(r, "hired_on", pl->zHiredOn), 0);
  form_select(r, "contract_type", _("Contract"), contract_options(r),
              iv_val(r, "contract_type", pl->zContractType));
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-outline-primary\">%s</button></form>",
         _("Save the placement"));
}

static void render_attendance(Req *r, const IvPage *p) {
  Attendance *a;
  int n;
  if (placement_attendance(r->db, &r->a, r->iAgency, p->rec.iv.id, &a, &n)) n = 0;
  html_f(&r->out, "<h3 class=\"h5 mt-4\">%s</h3>", _("Attendance"));
  if (n) {
    html_f(&r->out,
           "<table class=\"table ali-table\" id=\"attendance\"><thead><tr><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th></tr></thead><tbody>",
           _("Date"), _("Present"), _("Hours"), _("Note"), _("By"));
    for (int i = 0; i < n; i++) {
      html_f(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
             ui_date(r, a[i].zOn), a[i].bPresent ? _("yes") : _("absent"),
             iv_hm(r, a[i].iMinutes), a[i].zNote ? a[i].zNote : "", a[i].zBy ? a[i].zBy : "");
    }
    html_raw(&r->out, "</tbody></table>");
  } else {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No attendance recorded."));
  }
  if (!(p->mRight & DELIVERY_RECORD) || !auth_can(r, CAP_DELIVERY_WRITE) || p->rec.zClosedAt) return;
  char zToday[11];
  date_today(zToday);
  form_begin(r, arena_printf(&r->a, "/interventions/%" PRId64 "/attendance", p->rec.iv.id),
             " id=\"attendance-form\"");
  int bPosted = iv_form_scope(r, "attendance");
  form_input(r, "on_date", _("Date"), "date", bPosted ? iv_val(r, "on_date", zToday) : zToday, 1);
  form_checkbox(r, "absent", _("Absent"), bPosted && iv_val(r, "absent", NULL) != NULL);
  form_input(r, "time", _("Hours present (h or h:mm)"), "text",
             bPosted ? iv_val(r, "time", NULL) : NULL, 0);
  form_input(r, "note", _("Note"), "text", bPosted ? iv_val(r, "note", NULL) : NULL, 0);
  html_f(&r->out, "<button type=\"submit\" class=\"btn btn-outline-primary\">%s</button></form>",
         _("Record attendance"));
}

static void render_placement(Req *r, const IvPage *p) {
  if (strcmp(p->rec.iv.zServiceKind, "internship") != 0) return;
  Placement pl;
  int rc = placement_get(r->db, &r->a, r->iAgency, p->rec.iv.id, &pl);
  if (rc) {
    memset(&pl, 0, sizeof pl);
    pl.iWeeklyHours = -1;
    pl.iMonthlyIndemnityCents = -1;
  }
  html_f(&r->out, "<section class=\"mt-4\" id=\"internship\"><h2 class=\"h4\">%s</h2>",
         _("Internship"));
  if (!rc) render_placement_view(r, &pl);
  else html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No placement yet."));
  if ((p->mRight & DELIVERY_PLAN) && auth_can(r, CAP_DELIVERY_WRITE) && !p->rec.zClosedAt) {
    render_placement_form(r, p, &pl);
  }
  if (!rc) render_attendance(r, p);
  html_raw(&r->out, "</section>");
}

static void render_sessions(Req *r, const IvPage *p) {
  int bRestricted = iv_session_restricted(r->db, r->iAgency, p->rec.iv.id);
  int bNotes = !bRestricted || policy_sensitive_visible(p->eRel, SENS_PSYCH_NOTES);
  IvSession *a;
  int n;
  if (iv_sessions(r->db, &r->a, r->iAgency, p->rec.iv.id, bNotes, &a, &n)) n = 0;
  if (bRestricted && bNotes && n) guard_sensitive_read(r, p->rec.iCasePerson, 1u << SENS_PSYCH_NOTES);
  html_f(&r->out, "<section class=\"mt-4\" id=\"sessions\"><h2 class=\"h4\">%s</h2>", _("Sessions"));
  if (bRestricted && !bNotes) {
    html_f(&r->out, "<p class=\"ali-muted\" id=\"notes-restricted\">%s</p>",
           _("The notes of psychological support are visible only to the psychotherapist and the "
             "case manager."));
  }
  if (n) {
    html_f(&r->out,
           "<table class=\"table ali-table\" id=\"session-table\"><thead><tr><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
           "<tbody>",
           _("Date"), _("Hours"), _("Note"), _("By"));
    for (int i = 0; i < n; i++) {
      html_f(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", ui_date(r, a[i].zOn),
             iv_hm(r, a[i].iMinutes), a[i].zNote ? a[i].zNote : "", a[i].zBy ? a[i].zBy : "");
    }
    html_raw(&r->out, "</tbody></table>");
  } else {
    html_f(&r->out, "<p class=\"ali-muted\">%s</p>", _("No session recorded."));
  }
  if ((p->mRight & DELIVERY_RECORD) && auth_can(r, CAP_DELIVERY_WRITE) && !p->rec.zClosedAt &&
      p->rec.zStartedOn) {
    char zToday[11];
    date_today(zToday);
    form_begin(r, arena_printf(&r->a, "/interventions/%" PRId64 "/sessions", p->rec.iv.id),
               " id=\"session-form\"");
    int bPosted = iv_form_scope(r, "sessions");
    form_input(r, "on_date", _("Date"), "date", bPosted ? iv_val(r, "on_date", zToday) : zToday,
               1);
    form_input(r, "time", _("Duration (h or h:mm)"), "text",
               bPosted ? iv_val(r, "time", NULL) : NULL, 1);
    form_input(r, "note", _("Note"), "text", bPosted ? iv_val(r, "note", NULL) : NULL, 0);
    html_f(&r->out, "<button type=\"submit\" class=\"btn btn-outline-primary\">%s</button></form>",
           _("Record the session"));
  }
  html_raw(&r->out, "</section>");
}

static void render_page(Req *r, const IvPage *p) {
  const Intervention *iv = &p->rec.iv;
  layout_begin(r, iv->zServiceName, NAV_PEOPLE);
  html_f(&r->out, "<h1>%s</h1>", iv->zServiceName);
  if (intake_can_read(p->eRel)) {
    html_f(&r->out, "<p><a href=\"/cases/%D/project\">%s</a> · <a href=\"/cases/%D\">%s</a></p>",
           p->rec.iCase, _("Back to the project"), p->rec.iCase, _("Back to the case"));
  }
  static const char *const azLabel[] = {NULL};
  form_error_summary_fields(r, azLabel);
  render_summary(r, p);
  render_history(r, p);
  if ((p->mRight & DELIVERY_PLAN) && auth_can(r, CAP_DELIVERY_WRITE)) render_actions(r, p);
  render_school(r, p);
  render_placement(r, p);
  render_sessions(r, p);
  layout_end(r);
}

void intervention_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, 0)) return;
  render_page(r, &p);
}

/* ------------------------------------------------------------------ */
/* Writes                                                              */
/* ------------------------------------------------------------------ */

/* After a write: redirect to the page (its section zAnchor), or re-show
** the page with the errors (422 / 409), or an error page. */
static void iv_write_done(Req *r, int rc, const char *zAnchor) {
  if (rc == 0) {
    req_redirect(r, arena_printf(&r->a, "/interventions/%" PRId64 "#%s", r->aId[0], zAnchor));
    return;
  }
  if (rc == DOMAIN_NOT_FOUND) {
    iv_not_found(r);
    return;
  }
  if (rc != DOMAIN_INVALID && rc != DOMAIN_CONFLICT) {
    fprintf(stderr, "ali: %s %s: %d %s\n", r->zMethod, r->zPath, rc, db_errmsg(r->db));
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The intervention could not be saved."));
    return;
  }
  IvPage p;
  if (iv_get(r->db, &r->a, r->iAgency, r->aId[0], r->iLang, &p.rec)) {
    iv_not_found(r);
    return;
  }
  p.mRight = delivery_can_record(r->db, &r->user, &p.rec, &p.eRel);
  buf_reset(&r->out);
  r->iStatus = rc == DOMAIN_CONFLICT ? 409 : 422;
  render_page(r, &p);
}

void intervention_transition_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, DELIVERY_PLAN)) return;
  const char *zAction = req_form(r, "action");
  int e = iv_action_from_code(zAction);
  int rc = DOMAIN_INVALID;
  if (e < 0) errors_add(&r->err, "action", N_("not one of the choices"));
  else rc = iv_transition(r->db, r->iAgency, p.rec.iv.id, (IvAction)e, req_form(r, "on"),
                          req_form(r, "reason"), r->user.id, &r->err);
  if (rc == 0) {
    const char *const az[] = {"action", zAction, "from", p.rec.iv.zStatus, "on", req_form(r, "on"),
                              "reason", req_form(r, "reason"), NULL};
    req_audit(r, "update", "intervention", p.rec.iv.id, p.rec.iv.iPerson, iv_detail(r, az));
  }
  iv_write_done(r, rc, "h-status");
}

void intervention_school_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, DELIVERY_PLAN)) return;
  int64_t iHours = iv_form_int(r, "weekly_hours");
  int rc = DOMAIN_INVALID;
  if (iHours < -1 || iHours > 40) errors_add(&r->err, "weekly_hours", N_("a number from 0 to 40, or empty"));
  else rc = iv_set_school(r->db, r->iAgency, p.rec.iv.id, req_form(r, "school"), (int)iHours, &r->err);
  if (rc == 0) {
    const char *const az[] = {"school", req_form(r, "school"), "weekly_hours",
                              req_form(r, "weekly_hours"), NULL};
    req_audit(r, "update", "intervention", p.rec.iv.id, p.rec.iv.iPerson, iv_detail(r, az));
  }
  iv_write_done(r, rc, "school");
}

/* The placement a form submits; bad numbers as errors in r->err. */
static void iv_placement_from_form(Req *r, int64_t iIntervention, Placement *pl) {
  memset(pl, 0, sizeof *pl);
  pl->iIntervention = iIntervention;
  static const char *const azNum[] = {"host_firm_id", "coop_tutor_id", "weekly_hours",
                                      "monthly_indemnity_cents"};
  int64_t aV[4];
  for (int i = 0; i < 4; i++) {
    aV[i] = iv_form_int(r, azNum[i]);
    if (aV[i] == -2 || (i < 2 && aV[i] == 0)) errors_add(&r->err, azNum[i], N_("not a valid number"));
  }
  pl->iHostFirm = aV[0] > 0 ? aV[0] : 0;
  pl->iCoopTutor = aV[1] > 0 ? aV[1] : 0;
  pl->iWeeklyHours = aV[2] >= 0 && aV[2] <= 1000 ? (int)aV[2] : aV[2] == -1 ? -1 : 1000;
  pl->iMonthlyIndemnityCents = aV[3] >= 0 ? aV[3] : -1;
  pl->zCompanyTutor = req_form(r, "company_tutor");
  pl->zStartOn = req_form(r, "start_on");
  pl->zEndOn = req_form(r, "end_on");
  pl->zEndReason = req_form(r, "end_reason");
  pl->zHiredOn = req_form(r, "hired_on");
  pl->zContractType = req_form(r, "contract_type");
}

void intervention_placement_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, DELIVERY_PLAN)) return;
  Placement pl;
  iv_placement_from_form(r, p.rec.iv.id, &pl);
  int rc = r->err.n ? DOMAIN_INVALID : placement_save(r->db, r->iAgency, &pl, &r->err);
  if (rc == 0) {
    const char *const az[] = {"placement", "saved", "host_firm_id", req_form(r, "host_firm_id"),
                              "hired_on", pl.zHiredOn, "contract_type", pl.zContractType, NULL};
    req_audit(r, "update", "intervention", p.rec.iv.id, p.rec.iv.iPerson, iv_detail(r, az));
  }
  iv_write_done(r, rc, "internship");
}

void intervention_attendance_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, DELIVERY_RECORD)) return;
  Attendance t = {0, req_form(r, "on_date"), 0, req_form(r, "absent") == NULL, req_form(r, "note"),
                  NULL};
  const char *zTime = req_form(r, "time");
  int rc = DOMAIN_INVALID;
  if (t.bPresent) {
    t.iMinutes = intervention_parse_time(zTime);
    if (t.iMinutes < 0) errors_add(&r->err, "time", N_("hours as h or h:mm, e.g. 4:30"));
  } else if (!domain_blank(zTime)) {
    errors_add(&r->err, "time", N_("a day of absence has no time"));
  }
  if (!r->err.n) rc = placement_attend(r->db, r->iAgency, p.rec.iv.id, &t, r->user.id, &r->err);
  if (rc == DOMAIN_INVALID && errors_get(&r->err, "minutes")) {
    errors_add(&r->err, "time", errors_get(&r->err, "minutes"));
  }
  if (rc == 0) {
    const char *const az[] = {"attendance", t.zOn, "present", t.bPresent ? "1" : "0", NULL};
    req_audit(r, "update", "intervention", p.rec.iv.id, p.rec.iv.iPerson, iv_detail(r, az));
  }
  iv_write_done(r, rc, "attendance");
}

void intervention_session_page(Req *r) {
  IvPage p;
  if (iv_load(r, &p, DELIVERY_RECORD)) return;
  IvSession s = {0, req_form(r, "on_date"), intervention_parse_time(req_form(r, "time")),
                 req_form(r, "note"), NULL, NULL};
  int rc = DOMAIN_INVALID;
  if (s.iMinutes <= 0) errors_add(&r->err, "time", N_("hours as h or h:mm, e.g. 4:30"));
  else rc = iv_session_add(r->db, r->iAgency, p.rec.iv.id, &s, r->user.id, &r->err);
  if (rc == 0) {
    /* the note itself never goes to the audit trail */
    const char *const az[] = {"session", s.zOn, NULL};
    req_audit(r, "update", "intervention", p.rec.iv.id, p.rec.iv.iPerson, iv_detail(r, az));
  }
  iv_write_done(r, rc, "sessions");
}

/* ------------------------------------------------------------------ */
/* Referrals (on the case page)                                        */
/* ------------------------------------------------------------------ */

void intervention_referral_forms(Req *r, const Case *c, Relation eRel, const Referral *a, int n) {
  if (!intake_can_interview(eRel) || !auth_can(r, CAP_INTAKE_WRITE) || c->zClosedAt) return;
  for (int i = 0; i < n; i++) {
    const char *z0 = referral_next(a[i].zStatus, 0), *z1 = referral_next(a[i].zStatus, 1);
    if (!z0) continue;
    form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/referrals/%" PRId64 "/status", c->id, a[i].id),
               " class=\"d-inline referral-status\"");
    html_f(&r->out, "<span>%s: </span>", a[i].zOrganisation);
    const char *az[2] = {z0, z1};
    for (int k = 0; k < 2 && az[k]; k++) {
      html_f(&r->out,
             "<button type=\"submit\" name=\"status\" value=\"%s\" class=\"btn btn-sm "
             "btn-outline-primary ms-1\">%s</button>",
             az[k], _(strcmp(az[k], "accepted") == 0   ? N_("Accepted")
                      : strcmp(az[k], "declined") == 0 ? N_("Declined")
                                                        : N_("Closed")));
    }
    html_raw(&r->out, "</form> ");
  }
}

void intervention_referral_status_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, intake_can_interview);
  if (e == REL_NONE) return;
  const char *zFrom = NULL, *zTo = req_form(r, "status");
  int rc = DOMAIN_INVALID;
  if (!zTo || (strcmp(zTo, "accepted") && strcmp(zTo, "declined") && strcmp(zTo, "closed")))
    errors_add(&r->err, "status", N_("must be one of accepted, declined, closed"));
  else rc = referral_set_status(r->db, r->iAgency, c.id, r->aId[1], zTo, &zFrom, &r->err);
  if (rc == 0) {
    const char *const az[] = {"referral", arena_printf(&r->a, "%" PRId64, r->aId[1]), "from", zFrom,
                              "to", zTo, NULL};
    req_audit(r, "update", "case", c.id, c.iPerson, iv_detail(r, az));
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "#referrals", c.id));
  } else if (rc == DOMAIN_INVALID || rc == DOMAIN_CONFLICT) {
    req_error(r, rc == DOMAIN_CONFLICT ? 409 : 422, r->err.n ? r->err.a[0].zMsg : N_("not one of the choices"));
  } else if (rc == DOMAIN_NOT_FOUND) {
    case_not_found(r);
  } else {
    case_fail(r, rc);
  }
}
