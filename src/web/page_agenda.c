/*
** page_agenda.c — the activities planned in a case's register (agenda.h)
** in the web UI, on the register page (page_register.c):
**
**   the "Planned" section   the planned activities the caller sees, by
**                           day and hour, overdue ones marked, each with
**                           a form to record it as done and one to cancel
**                           it for those who may (agenda_can_close); the
**                           cancelled ones below
**   POST /cases/{id}/register/plan         plan one: on_date, time, kind,
**                           member_ID=1, worker_ID=1, intervention,
**                           restricted=1, text (its purpose)
**   POST /cases/{id}/register/{id}/done    record it as done: on_date,
**                           minutes, text (what happened)
**   POST /cases/{id}/register/{id}/cancel  cancel it: reason
**
** Every form has its own field ids (form_scope: "f-plan-NAME",
** "f-done-ID-NAME", "f-cancel-ID-NAME") and shows values and errors only
** when it is the one posted.  Writing needs register_can_write() on the
** case (else the case's 404, audited); an activity the caller does not
** see is a 404 ("denied" audited), one they see but may not close a 403.
** A move that is not from planned is a 409; a field that fails a 422
** re-rendering the page; a success is audited ("create" or "update",
** entity activity, the status) and answers 303.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/agenda.h"
#include "../domain/domain.h"
#include "../http/guard.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "page_register.h"
#include "pages.h"

/* 1 when this request posted the form whose action is zAction. */
static int ag_posted(Req *r, const char *zAction) {
  return strcmp(r->zMethod, "POST") == 0 && strcmp(r->zPath, zAction) == 0;
}

/* The posted value of zName when bPosted, else zDefault. */
static const char *ag_value(Req *r, int bPosted, const char *zName, const char *zDefault) {
  const char *z = bPosted ? req_form(r, zName) : NULL;
  return z ? z : zDefault;
}

/* ---- the planned list ---- */

/* The form to record planned activity x as done. */
static void render_done_form(Req *r, const Case *c, const Activity *x) {
  const char *zAction =
      arena_printf(&r->a, "/cases/%" PRId64 "/register/%" PRId64 "/done", c->id, x->id);
  int bPosted = ag_posted(r, zAction);
  char zToday[11];
  date_today(zToday);
  html_f(&r->out, "<details class=\"mt-2\"%s><summary id=\"done-open-%D\">%s</summary>",
         bPosted ? " open" : "", x->id, _("Record as done"));
  form_begin(r, zAction,
             arena_printf(&r->a, " id=\"done-form-%" PRId64 "\" class=\"mt-2\"", x->id));
  form_scope(r, arena_printf(&r->a, "done-%" PRId64, x->id), bPosted);
  form_input(r, "on_date", _("Date it happened"), "date",
             ag_value(r, bPosted, "on_date", strcmp(x->zOn, zToday) <= 0 ? x->zOn : zToday), 1);
  form_input(r, "minutes", _("Time spent (minutes)"), "number", ag_value(r, bPosted, "minutes", ""),
             1);
  form_text_area(r, "text", _("What happened"), ag_value(r, bPosted, "text", ""), 3, 1);
  html_f(&r->out,
         "<button class=\"btn btn-primary btn-sm\" type=\"submit\">%s</button></form></details>",
         _("Record as done"));
}

/* The form to cancel planned activity x. */
static void render_cancel_form(Req *r, const Case *c, const Activity *x) {
  const char *zAction =
      arena_printf(&r->a, "/cases/%" PRId64 "/register/%" PRId64 "/cancel", c->id, x->id);
  int bPosted = ag_posted(r, zAction);
  html_f(&r->out, "<details class=\"mt-2\"%s><summary id=\"cancel-open-%D\">%s</summary>",
         bPosted ? " open" : "", x->id, _("Cancel"));
  form_begin(r, zAction,
             arena_printf(&r->a, " id=\"cancel-form-%" PRId64 "\" class=\"mt-2\"", x->id));
  form_scope(r, arena_printf(&r->a, "cancel-%" PRId64, x->id), bPosted);
  form_input(r, "reason", _("Reason"), "text", ag_value(r, bPosted, "reason", ""), 1);
  html_f(&r->out,
         "<button class=\"btn btn-outline-danger btn-sm\" "
         "type=\"submit\">%s</button></form></details>",
         _("Cancel the activity"));
}

/* The people of x: members involved and workers taking part. */
static void render_people(Req *r, const Activity *x) {
  if (x->nMember) {
    html_f(&r->out, "<div class=\"small\">%s:", _("Members involved"));
    for (int i = 0; i < x->nMember; i++)
      html_f(&r->out, "%s %s %s", i ? "," : "", x->aMember[i].zFirstName, x->aMember[i].zLastName);
    html_raw(&r->out, "</div>");
  }
  html_f(&r->out, "<div class=\"small\">%s: %s", _("With"), x->zAuthor);
  for (int i = 0; i < x->nWorker; i++) html_f(&r->out, ", %s", x->aWorker[i].zFullName);
  html_raw(&r->out, "</div>");
}

/* One planned activity, with its forms when the caller may close it. */
static void render_planned(Req *r, const Case *c, Relation eRel, const Activity *x,
                           const char *zToday) {
  int bOverdue = strcmp(x->zOn, zToday) < 0;
  html_f(&r->out, "<li class=\"list-group-item%s\" id=\"planned-%D\"><div><strong>%s",
         bOverdue ? " list-group-item-warning overdue" : "", x->id, ui_date(r, x->zOn));
  if (x->zPlannedTime) html_f(&r->out, " %s", x->zPlannedTime);
  html_f(&r->out, "</strong> · %s", _(register_kind_label(x->eKind)));
  if (bOverdue) html_f(&r->out, " <span class=\"badge bg-danger\">%s</span>", _("overdue"));
  if (x->bRestricted)
    html_f(&r->out, " <span class=\"badge bg-warning text-dark\">%s</span>", _("Restricted"));
  html_raw(&r->out, "</div>");
  render_people(r, x);
  if (x->iIntervention)
    html_f(&r->out, "<div class=\"small\">%s: %s</div>", _("Intervention"),
           r->iLang == LANG_EN ? x->zServiceEn : x->zServiceIt);
  html_f(&r->out, "<div style=\"white-space: pre-line\">%s</div>", x->zText);
  if (auth_can(r, CAP_REGISTER_WRITE) && agenda_can_close(eRel, r->user.id, x)) {
    render_done_form(r, c, x);
    render_cancel_form(r, c, x);
  }
  html_raw(&r->out, "</li>");
}

/* The cancelled activities, folded. */
static void render_cancelled(Req *r, const Case *c, Relation eRel) {
  Activity *a;
  int n;
  if (agenda_list(r->db, &r->a, r->iAgency, c->id, ACT_CANCELLED, eRel, r->user.id, NULL, &a, &n) ||
      !n)
    return;
  html_f(&r->out, "<details class=\"mt-2\" id=\"cancelled\"><summary>%s</summary><ul>",
         arena_printf(&r->a, _n("%d cancelled activity", "%d cancelled activities", n), n));
  for (int i = 0; i < n; i++) {
    html_f(&r->out, "<li id=\"cancelled-%D\">%s · %s: %s — %s (%s)</li>", a[i].id,
           ui_date(r, a[i].zOn), _(register_kind_label(a[i].eKind)), a[i].zText,
           a[i].zCancelReason ? a[i].zCancelReason : "", a[i].zClosedBy ? a[i].zClosedBy : "");
  }
  html_raw(&r->out, "</ul></details>");
}

void agenda_render_upcoming(Req *r, const Case *c, Relation eRel) {
  Activity *a;
  int n;
  int rc =
      agenda_list(r->db, &r->a, r->iAgency, c->id, ACT_PLANNED, eRel, r->user.id, NULL, &a, &n);
  if (rc) n = 0;
  char zToday[11];
  date_today(zToday);
  html_f(&r->out,
         "<section id=\"planned\" aria-labelledby=\"h-planned\" class=\"mb-4\">"
         "<h2 class=\"h4\" id=\"h-planned\">%s</h2>",
         _("Planned"));
  if (!n) {
    html_f(&r->out, "<p id=\"planned-empty\">%s</p>", _("Nothing planned."));
  } else {
    html_raw(&r->out, "<ul class=\"list-group mb-2\" id=\"planned-list\">");
    for (int i = 0; i < n; i++) render_planned(r, c, eRel, &a[i], zToday);
    html_raw(&r->out, "</ul>");
  }
  render_cancelled(r, c, eRel);
  form_scope(r, NULL, 1);
  html_raw(&r->out, "</section>");
}

/* ---- the plan form ---- */

/* The workers who may take part, as checkboxes worker_ID (the caller
** is the author: not offered). */
static void render_workers(Req *r, int bPosted, const Case *c) {
  User *aU;
  int n;
  if (agenda_case_workers(r->db, &r->a, r->iAgency, c, &aU, &n)) n = 0;
  html_f(&r->out, "<fieldset class=\"mb-3\"><legend class=\"h6\">%s</legend>",
         _("Other workers taking part"));
  for (int i = 0; i < n; i++) {
    if (aU[i].id == r->user.id) continue;
    const char *zName = arena_printf(&r->a, "worker_%" PRId64, aU[i].id);
    form_checkbox(r, zName, aU[i].zFullName, bPosted && req_form(r, zName) != NULL);
  }
  form_group_error(r, "workers");
  html_raw(&r->out, "</fieldset>");
}

void agenda_render_plan_form(Req *r, const Case *c, const Person *aMember, int nMember) {
  const char *zAction = arena_printf(&r->a, "/cases/%" PRId64 "/register/plan", c->id);
  int bPosted = ag_posted(r, zAction);
  char zToday[11];
  date_today(zToday);
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-plan\">%s</h2>",
         _("Plan a visit, a meeting or a call"));
  form_begin(r, zAction, " id=\"plan-form\"");
  form_scope(r, "plan", bPosted);
  form_input(r, "on_date", _("Date"), "date", ag_value(r, bPosted, "on_date", zToday), 1);
  form_input(r, "time", _("Time (optional)"), "time", ag_value(r, bPosted, "time", ""), 0);
  form_select(r, "kind", _("Kind"), register_kind_choices(r, 1), ag_value(r, bPosted, "kind", ""));
  register_member_fields(r, bPosted, aMember, nMember);
  render_workers(r, bPosted, c);
  register_entry_fields(r, bPosted, c);
  form_text_area(r, "text", _("Purpose"), ag_value(r, bPosted, "text", ""), 3, 1);
  html_f(&r->out, "<button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
         _("Plan"));
  form_scope(r, NULL, 1);
}

/* ---- the writes ---- */

/* After a write of case c: redirect with ?done=zDone, or re-show the page
** with the errors (422), or answer the failure. */
static void ag_write_done(Req *r, const Case *c, Relation eRel, int rc, const char *zDone) {
  if (rc == 0) {
    req_redirect(r,
                 arena_printf(&r->a, "/cases/%" PRId64 "/register?done=%s#planned", c->id, zDone));
  } else if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409, r->err.a[0].zMsg);
  } else if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    register_render(r, c, eRel);
    r->iStatus = 422;
  } else {
    case_fail(r, rc);
  }
}

void register_plan_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_write);
  if (e == REL_NONE) return;
  PlanInput p;
  memset(&p, 0, sizeof p);
  register_form_input(r, &p.in);
  p.zTime = req_form(r, "time");
  p.nWorker = register_form_ids(r, "worker_", &p.aWorker);
  int64_t id = 0;
  int rc = agenda_plan(r->db, r->iAgency, c.id, &p, r->user.id, NULL, &id, &r->err);
  if (rc == 0)
    req_audit(r, "create", "activity", id, c.iPerson,
              p.in.bRestricted ? "{\"status\":\"planned\",\"confidentiality\":\"restricted\"}"
                               : "{\"status\":\"planned\"}");
  ag_write_done(r, &c, e, rc, "planned");
}

/* The planned activity of the path when the caller may close it: its
** case's relation; else REL_NONE after answering 404 (audited) or 403. */
static Relation ag_closable(Req *r, Case *c, Activity *x) {
  Relation e = case_guard(r, r->aId[0], c, register_can_write);
  if (e == REL_NONE) return REL_NONE;
  int rc = register_get(r->db, &r->a, r->iAgency, c->id, r->aId[1], x);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    case_fail(r, rc);
    return REL_NONE;
  }
  if (rc || !agenda_visible(e, r->user.id, x)) {
    guard_denied(r, "activity", r->aId[1], c->iPerson);
    req_error(r, 404, N_("No such activity."));
    return REL_NONE;
  }
  if (!agenda_can_close(e, r->user.id, x)) {
    req_error(r, 403,
              N_("Only its author, a worker taking part, the social worker holding the "
                 "case, the case manager or a manager may record or cancel this activity."));
    return REL_NONE;
  }
  return e;
}

void register_done_page(Req *r) {
  Case c;
  Activity x;
  Relation e = ag_closable(r, &c, &x);
  if (e == REL_NONE) return;
  DoneInput in = {req_form(r, "on_date"), register_form_minutes(r), req_form(r, "text")};
  int rc = agenda_done(r->db, r->iAgency, c.id, x.id, &in, r->user.id, NULL, NULL, &r->err);
  if (rc == 0) req_audit(r, "update", "activity", x.id, c.iPerson, "{\"status\":\"done\"}");
  ag_write_done(r, &c, e, rc, "recorded");
}

void register_cancel_page(Req *r) {
  Case c;
  Activity x;
  Relation e = ag_closable(r, &c, &x);
  if (e == REL_NONE) return;
  int rc = agenda_cancel(r->db, r->iAgency, c.id, x.id, req_form(r, "reason"), r->user.id, NULL,
                         &r->err);
  if (rc == 0) req_audit(r, "update", "activity", x.id, c.iPerson, "{\"status\":\"cancelled\"}");
  ag_write_done(r, &c, e, rc, "cancelled");
}
