/*
** page_my_day.c — GET /my-day, where every account lands after logging
** in (GET / redirects here): what needs the caller today, from
** coord_my_day() (src/domain/coordination.h) — requests assigned to
** them (overdue first), the visits, meetings and calls planned for today
** in the registers of their cases (agenda_of_user, agenda.h: those they
** planned or take part in) and those whose day has passed, the sessions
** of the course editions they train
** this week, the interventions of their cases (or that they deliver)
** starting or ending in the next two weeks, the forms to complete
** (first interviews without a form, projects to write, evaluations
** due) — and, for a manager, the active cases without an active worker
** (handover_orphans), with the way to hand them over.  Reads only; the
** lists hold only the caller's own cases, so no record-level check is
** needed beyond that.
*/
#include <inttypes.h>
#include <string.h>

#include "../domain/agenda.h"
#include "../domain/coordination.h"
#include "../domain/handover.h"
#include "../domain/request.h"
#include "../lib/i18n.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* clang-format off */
/* The forms to complete: kind, label (msgid), the case page it opens. */
static const char *const my_azForm[] = {
    "access_form", N_("First interview: the Access and Evaluation Form"), "/form",
    "project",     N_("Second interview: the personalised project"),       "/project",
    "evaluation",  N_("Conclusive evaluation due"),                        "",
    0,
};
/* clang-format on */

static void my_requests(Req *r, const MyDay *d) {
  html_f(&r->out, "<section id=\"my-requests\"><h2 class=\"h4\">%s</h2>",
         _("Requests assigned to me"));
  if (!d->nReq) {
    html_f(&r->out, "<p>%s</p></section>", _("No request waits for you."));
    return;
  }
  html_f(&r->out,
         "<table class=\"table\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
         "</tr></thead><tbody>",
         _("Participant"), _("Kind"), _("Request"), _("Due"));
  for (int i = 0; i < d->nReq; i++) {
    const Request *p = &d->aReq[i];
    const char *zDue = p->eStatus == REQ_RAISED ? p->zAckDue : p->zResolveDue;
    html_f(&r->out,
           "<tr%s><td><a href=\"/cases/%D/requests\">%s %s</a></td><td>%s</td><td>%s</td>"
           "<td>%s",
           p->bOverdue ? " class=\"table-danger overdue\"" : "", p->iCase, p->zLastName,
           p->zFirstName, _(request_kind_label(p->eKind)), p->zText,
           ui_date(r, arena_strndup(&r->a, zDue, 10)));
    if (p->bOverdue) html_f(&r->out, " <span class=\"badge bg-danger\">%s</span>", _("overdue"));
    html_raw(&r->out, "</td></tr>");
  }
  html_raw(&r->out, "</tbody></table></section>");
}

/* One planned activity: when, what, for whom (a link to it), why. */
static void my_planned_item(Req *r, const AgendaItem *p) {
  const Activity *x = &p->x;
  html_f(&r->out, "<li id=\"my-planned-%D\">", x->id);
  if (p->bOverdue) html_f(&r->out, "%s ", ui_date(r, x->zOn));
  if (x->zPlannedTime) html_f(&r->out, "%s ", x->zPlannedTime);
  html_f(&r->out, "%s — <a href=\"/cases/%D/register#planned-%D\">%s %s</a>: %s",
         _(register_kind_label(x->eKind)), x->iCase, x->id, p->zLastName, p->zFirstName, x->zText);
  if (x->nWorker) {
    html_f(&r->out, " <span class=\"small\">(%s: %s", _("With"), x->zAuthor);
    for (int i = 0; i < x->nWorker; i++) html_f(&r->out, ", %s", x->aWorker[i].zFullName);
    html_raw(&r->out, ")</span>");
  }
  html_raw(&r->out, "</li>");
}

/* The visits, meetings and calls planned for today, and the line of
** those whose day has passed without being recorded or cancelled. */
static void my_planned(Req *r) {
  AgendaItem *a;
  int n, nOverdue = 0;
  if (agenda_of_user(r->db, &r->a, &r->user, NULL, &a, &n)) n = 0;
  for (int i = 0; i < n; i++) nOverdue += a[i].bOverdue;
  html_f(&r->out, "<section id=\"my-planned\"><h2 class=\"h4\">%s</h2>",
         _("Visits and meetings planned today"));
  if (n == nOverdue) {
    html_f(&r->out, "<p>%s</p>", _("Nothing planned for today."));
  } else {
    html_raw(&r->out, "<ul id=\"my-planned-today\">");
    for (int i = 0; i < n; i++) {
      if (!a[i].bOverdue) my_planned_item(r, &a[i]);
    }
    html_raw(&r->out, "</ul>");
  }
  if (nOverdue) {
    html_f(&r->out, "<p class=\"text-danger\" id=\"my-planned-overdue\">%s</p><ul id=\"my-overdue-list\">",
           arena_printf(&r->a,
                        _n("%d planned activity is past its day: record it as done or cancel it.",
                           "%d planned activities are past their day: record them as done or "
                           "cancel them.",
                           nOverdue),
                        nOverdue));
    for (int i = 0; i < n; i++) {
      if (a[i].bOverdue) my_planned_item(r, &a[i]);
    }
    html_raw(&r->out, "</ul>");
  }
  html_raw(&r->out, "</section>");
}

static void my_sessions(Req *r, const MyDay *d) {
  if (!d->nSession) return;
  html_f(&r->out, "<section id=\"my-sessions\"><h2 class=\"h4\">%s</h2><ul>",
         _("Course sessions this week"));
  for (int i = 0; i < d->nSession; i++) {
    const DaySession *p = &d->aSession[i];
    html_f(&r->out, "<li>%s — <a href=\"/courses/%D\">%s</a>", ui_date(r, p->zOn),
           p->iEdition, p->zTitle);
    if (p->zPlace) html_f(&r->out, " (%s)", p->zPlace);
    html_raw(&r->out, "</li>");
  }
  html_raw(&r->out, "</ul></section>");
}

/* Interventions starting or ending soon (shared with the team meeting). */
void my_day_interventions(Req *r, const IvSoon *a, int n) {
  html_raw(&r->out, "<ul class=\"iv-soon\">");
  for (int i = 0; i < n; i++) {
    const IvSoon *p = &a[i];
    const char *zWhat =
        p->bStarting ? _("%s for %s %s starts on %s") : _("%s for %s %s ends on %s");
    html_f(&r->out, "<li><a href=\"/cases/%D/project\">", p->iCase);
    html_txt(&r->out, arena_printf(&r->a, zWhat, p->zService, p->zFirstName, p->zLastName,
                                   ui_date(r, p->zOn)));
    html_raw(&r->out, "</a></li>");
  }
  html_raw(&r->out, "</ul>");
}

static void my_forms(Req *r, const MyDay *d) {
  html_f(&r->out, "<section id=\"my-forms\"><h2 class=\"h4\">%s</h2>", _("Forms to complete"));
  if (!d->nForm) {
    html_f(&r->out, "<p>%s</p></section>", _("No form waits for you."));
    return;
  }
  html_raw(&r->out, "<ul>");
  for (int i = 0; i < d->nForm; i++) {
    const DueForm *p = &d->aForm[i];
    int k = 0;
    while (my_azForm[k] && strcmp(my_azForm[k], p->zKind) != 0) k += 3;
    if (!my_azForm[k]) continue;
    html_f(&r->out, "<li class=\"form-%s\"><a href=\"/cases/%D%s\">%s %s</a>: %s", p->zKind,
           p->iCase, my_azForm[k + 2], p->zLastName, p->zFirstName, _(my_azForm[k + 1]));
    if (p->zDue) html_f(&r->out, " — %s", tr_date(&r->a, r->iLang, p->zDue));
    html_raw(&r->out, "</li>");
  }
  html_raw(&r->out, "</ul></section>");
}

/* The manager's part: active cases without an active worker. */
static void my_orphans(Req *r) {
  Orphan *aO;
  int nO;
  if (handover_orphans(r->db, &r->a, r->iAgency, &aO, &nO)) nO = 0;
  html_f(&r->out, "<section id=\"my-orphans\"><h2 class=\"h4\">%s</h2>",
         _("Cases without an active worker"));
  if (!nO) {
    html_f(&r->out, "<p>%s</p></section>", _("Every active case has its workers."));
    return;
  }
  html_f(
      &r->out, "<p class=\"text-danger\">%s</p>",
      arena_printf(&r->a,
                   _n("%d active case has no active social worker or case manager.",
                      "%d active cases have no active social worker or case manager.", nO),
                   nO));
  html_f(&r->out, "<p><a href=\"/caseload/orphans\">%s</a> · <a href=\"/handover\">%s</a></p>",
         _("See them"), _("Hand cases over"));
  html_raw(&r->out, "</section>");
}

void my_day_page(Req *r) {
  MyDay d;
  int rc = coord_my_day(r->db, &r->a, r->iAgency, &r->user, NULL, NULL, r->iLang, &d);
  if (rc) {
    req_error(r, rc == DB_BUSY ? 503 : 500, N_("The page cannot be shown now; try again."));
    return;
  }
  layout_begin(r, _("My day"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1>", _("My day"));
  html_f(&r->out, "<p class=\"lead\">%s</p>",
         arena_printf(&r->a,
                      _n("%s, you follow %d active case.", "%s, you follow %d active cases.",
                         d.nCases),
                      r->user.zFullName, d.nCases));
  if (r->user.mRoles & ROLE_MANAGER) my_orphans(r);
  my_requests(r, &d);
  my_planned(r);
  my_sessions(r, &d);
  html_f(&r->out, "<section id=\"my-interventions\"><h2 class=\"h4\">%s</h2>",
         _("Interventions starting or ending in the next two weeks"));
  if (d.nIv) {
    my_day_interventions(r, d.aIv, d.nIv);
  } else {
    html_f(&r->out, "<p>%s</p>", _("None."));
  }
  html_raw(&r->out, "</section>");
  my_forms(r, &d);
  if (auth_can(r, CAP_TEAM_MEETING)) {
    html_f(&r->out, "<p><a href=\"/team-meeting\">%s</a></p>", _("Team meeting"));
  }
  layout_end(r);
}
