/*
** page_team_meeting.c — the weekly team meeting of a social worker with
** the case managers of their cases (coordination.h):
**
**   GET  /team-meeting[?social_worker=ID]  what to discuss: each active
**        case of the social worker with its new register entries and
**        requests since the last meeting, overdue requests, interventions
**        starting or ending in the next two weeks; the form to record the
**        meeting; the last meetings
**   POST /team-meeting  record it: social_worker, held_on, notes and a
**        field "minute.<case id>" per case discussed (blank: not
**        discussed); each minute goes into that case's register
**
** Whose meeting (record level, on top of CAP_TEAM_MEETING): a social
** worker their own; a manager picks any social worker; a case manager
** picks a social worker they share cases with and sees -- and writes
** minutes for -- only the cases they manage.  Anything else answers 404.
** A recorded meeting is audited once per case discussed (action
** "team_meeting", entity "case") and answers 303 back to the page; a
** form that fails validation re-renders with 422.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/coordination.h"
#include "../domain/handover.h"
#include "../lib/date.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

void my_day_interventions(Req *r, const IvSoon *a, int n); /* page_my_day.c */

/* Whose meeting the caller asks for: the social worker's id (0: none
** chosen yet) and the case manager filter; -1 when not allowed. */
static int tm_whose(Req *r, int64_t iAsked, int64_t *piWorker, int64_t *piCaseManager) {
  *piWorker = iAsked;
  *piCaseManager = 0;
  if (r->user.mRoles & ROLE_MANAGER) return 0;
  if ((r->user.mRoles & ROLE_SOCIAL_WORKER) && (!iAsked || iAsked == r->user.id)) {
    *piWorker = r->user.id;
    return 0;
  }
  if (!(r->user.mRoles & ROLE_CASE_MANAGER)) return -1;
  *piCaseManager = r->user.id;
  if (!iAsked) return 0;
  User *aU;
  int n;
  if (coord_social_workers_of(r->db, &r->a, r->iAgency, r->user.id, &aU, &n)) return -1;
  for (int i = 0; i < n; i++) {
    if (aU[i].id == iAsked) return 0;
  }
  return -1;
}

/* The social worker picker (manager, case manager). */
static void tm_picker(Req *r, int64_t iWorker, int64_t iCaseManager) {
  const char *const *az;
  if (iCaseManager) {
    User *aU;
    int n = 0;
    if (coord_social_workers_of(r->db, &r->a, r->iAgency, iCaseManager, &aU, &n)) n = 0;
    const char **azOpt = arena_alloc(&r->a, sizeof *azOpt * (size_t)(2 * n + 3));
    azOpt[0] = "";
    azOpt[1] = _("Choose a social worker");
    for (int i = 0; i < n; i++) {
      azOpt[2 + 2 * i] = arena_printf(&r->a, "%" PRId64, aU[i].id);
      azOpt[3 + 2 * i] = aU[i].zFullName;
    }
    az = azOpt;
  } else {
    az = form_user_options(r, ROLE_SOCIAL_WORKER, 0, 0, _("Choose a social worker"));
  }
  html_raw(&r->out, "<form method=\"get\" action=\"/team-meeting\" class=\"mb-4\" id=\"tm-pick\">");
  form_select(r, "social_worker", _("Social worker"), az,
              iWorker ? arena_printf(&r->a, "%" PRId64, iWorker) : "");
  html_f(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
         _("Show"));
}

/* One case of the meeting, with its minute field. */
static void tm_case(Req *r, const MeetingCase *p) {
  const char *zField = arena_printf(&r->a, "minute.%" PRId64, p->iCase);
  html_f(&r->out, "<div class=\"card mb-3 tm-case%s\" id=\"case-%D\"><div class=\"card-body\">",
         p->bToDiscuss ? " to-discuss" : "", p->iCase);
  html_f(&r->out, "<h3 class=\"h5\"><a href=\"/cases/%D\">%s %s</a> <small>%s</small></h3>",
         p->iCase, p->zLastName, p->zFirstName, p->zPersonRef);
  if (p->zCaseManager) html_f(&r->out, "<p>%s: %s</p>", _("Case manager"), p->zCaseManager);
  html_f(&r->out,
         "<p><span class=\"badge bg-primary new-activity\">%s</span> "
         "<span class=\"badge bg-secondary new-requests\">%s</span> ",
         arena_printf(&r->a, _n("%d new register entry", "%d new register entries", p->nNewActivity),
                      p->nNewActivity),
         arena_printf(&r->a, _n("%d new request", "%d new requests", p->nNewRequests),
                      p->nNewRequests));
  if (p->nOverdue) {
    html_f(&r->out, "<span class=\"badge bg-danger overdue\">%s</span>",
           arena_printf(&r->a, _n("%d overdue request", "%d overdue requests", p->nOverdue),
                        p->nOverdue));
  }
  html_raw(&r->out, "</p>");
  if (p->nIv) my_day_interventions(r, p->aIv, p->nIv);
  const char *zErr = errors_get(&r->err, zField);
  html_f(&r->out,
         "<label for=\"f-%s\">%s</label><textarea class=\"form-control%s\" id=\"f-%s\""
         " name=\"%s\" rows=\"2\">%s</textarea>",
         zField, _("Minute (blank: not discussed)"), zErr ? " is-invalid" : "", zField, zField,
         req_form(r, zField));
  if (zErr) html_f(&r->out, "<div class=\"invalid-feedback\">%s</div>", _(zErr));
  html_raw(&r->out, "</div></div>");
}

static void tm_past(Req *r, int64_t iWorker) {
  Meeting *aM;
  int n;
  if (coord_meetings(r->db, &r->a, r->iAgency, iWorker, 10, &aM, &n) || !n) return;
  html_f(&r->out, "<h2 class=\"h4\">%s</h2><ul id=\"tm-past\">", _("Last meetings"));
  for (int i = 0; i < n; i++) {
    html_f(&r->out, "<li>%s — %s", ui_date(r, aM[i].zHeldOn),
           arena_printf(&r->a, _n("%d case discussed", "%d cases discussed", aM[i].nCase),
                        aM[i].nCase));
    if (aM[i].zNotes) html_f(&r->out, ": %s", aM[i].zNotes);
    html_raw(&r->out, "</li>");
  }
  html_raw(&r->out, "</ul>");
}

static void tm_render(Req *r, const MeetingView *v) {
  html_f(&r->out, "<h2 class=\"h3\">%s</h2>", v->zSocialWorker);
  html_f(&r->out, "<p>%s</p>",
         v->zLastHeldOn ? arena_printf(&r->a, _("Last meeting: %s. New items count from then."),
                                       ui_date(r, v->zLastHeldOn))
                        : _("No meeting recorded yet: new items count from the last 7 days."));
  form_error_summary(r);
  form_begin(r, "/team-meeting", "id=\"tm-form\"");
  html_f(&r->out, "<input type=\"hidden\" name=\"social_worker\" value=\"%D\">", v->iSocialWorker);
  char zToday[11];
  date_today(zToday);
  const char *zHeld = req_form(r, "held_on");
  form_input(r, "held_on", _("Date of the meeting"), "date", zHeld ? zHeld : zToday, 1);
  form_input(r, "notes", _("Notes (who attended, general decisions)"), "text", req_form(r, "notes"),
             0);
  if (!v->nCase) html_f(&r->out, "<p>%s</p>", _("No active case to discuss."));
  for (int i = 0; i < v->nCase; i++) tm_case(r, &v->aCase[i]);
  html_f(&r->out, "<button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
         _("Record the meeting"));
  tm_past(r, v->iSocialWorker);
}

/* The page, for the social worker asked (422 re-renders pass iStatus). */
static void tm_page(Req *r, int64_t iAsked, int iStatus) {
  int64_t iWorker, iCaseManager;
  if (tm_whose(r, iAsked, &iWorker, &iCaseManager)) {
    req_error(r, 404, N_("There is no such team meeting, or it is not yours."));
    return;
  }
  MeetingView v;
  int rc = iWorker ? coord_meeting_view(r->db, &r->a, r->iAgency, iWorker, iCaseManager, NULL, NULL,
                                        r->iLang, &v)
                   : 0;
  if (rc) {
    req_error(r, rc == DOMAIN_NOT_FOUND ? 404 : 500,
              rc == DOMAIN_NOT_FOUND ? N_("There is no such social worker.")
                                     : N_("The page cannot be shown now; try again."));
    return;
  }
  r->iStatus = iStatus;
  layout_begin(r, _("Team meeting"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1>", _("Team meeting"));
  if (req_query(r, "saved")) {
    html_f(&r->out, "<div class=\"alert alert-success\" id=\"tm-saved\">%s</div>",
           _("The meeting is recorded and each minute is in its case's register."));
  }
  if (!(r->user.mRoles & ROLE_SOCIAL_WORKER) || (r->user.mRoles & ROLE_MANAGER) || iCaseManager) {
    tm_picker(r, iWorker, iCaseManager);
  }
  if (iWorker) tm_render(r, &v);
  layout_end(r);
}

void team_meeting_page(Req *r) {
  tm_page(r, req_query_int(r, "social_worker", 0, 1, INT64_MAX / 2), 200);
}

/* The minutes of the form: every non-blank "minute.<id>". */
static MeetingMinute *tm_minutes(Req *r, int *pn) {
  MeetingMinute *a = arena_alloc(&r->a, sizeof *a * (size_t)(r->nForm + 1));
  int n = 0;
  for (int i = 0; i + 1 < 2 * r->nForm; i += 2) {
    const char *zName = r->azForm[i], *zVal = r->azForm[i + 1];
    if (strncmp(zName, "minute.", 7) != 0 || domain_blank(zVal)) continue;
    char *zEnd;
    long long id = strtoll(zName + 7, &zEnd, 10);
    if (*zEnd || id <= 0) continue;
    a[n].iCase = id;
    a[n++].zMinute = zVal;
  }
  *pn = n;
  return a;
}

void team_meeting_record_page(Req *r) {
  int64_t iAsked = 0;
  const char *zWorker = req_form(r, "social_worker");
  if (zWorker) iAsked = strtoll(zWorker, NULL, 10);
  int64_t iWorker, iCaseManager;
  if (iAsked <= 0 || tm_whose(r, iAsked, &iWorker, &iCaseManager) || !iWorker) {
    req_error(r, 404, N_("There is no such team meeting, or it is not yours."));
    return;
  }
  MeetingInput in = {iWorker, req_form(r, "held_on"), req_form(r, "notes"), NULL, 0, iCaseManager};
  MeetingMinute *aM = tm_minutes(r, &in.nMinute);
  in.aMinute = aM;
  int64_t iMeeting = 0;
  int rc = coord_meeting_record(r->db, &r->a, r->iAgency, &in, r->user.id, &iMeeting, &r->err);
  if (rc == DOMAIN_INVALID) {
    tm_page(r, iWorker, 422);
    return;
  }
  if (rc) {
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The meeting could not be recorded; try again."));
    return;
  }
  for (int i = 0; i < in.nMinute; i++) {
    Case c;
    int64_t iPerson = intake_case_get(r->db, &r->a, r->iAgency, aM[i].iCase, &c) ? 0 : c.iPerson;
    req_audit(r, "team_meeting", "case", aM[i].iCase, iPerson,
              arena_printf(&r->a, "{\"meeting_id\":%" PRId64 "}", iMeeting));
  }
  req_redirect(r, arena_printf(&r->a, "/team-meeting?social_worker=%" PRId64 "&saved=1", iWorker));
}
