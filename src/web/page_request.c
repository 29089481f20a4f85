/*
** page_request.c — requests and quick answers (request.h) in the web UI:
**
**   GET  /cases/{id}/requests         the case's requests, newest first:
**                                     kind, who raised it, assignee, the
**                                     raised / acknowledged / resolved
**                                     times against their due instants,
**                                     overdue ones highlighted; the form
**                                     to raise one; the buttons to answer
**   POST /cases/{id}/requests         raise one: kind, raised_by
**                                     (participant|operator), assignee
**                                     (empty: the case manager, else the
**                                     social worker), text
**   POST /requests/{id}/acknowledge   raised -> acknowledged
**   POST /requests/{id}/resolve       acknowledged -> resolved (resolution)
**   GET  /requests                    the caller's open requests, overdue
**                                     first; for a manager (CAP_CASELOAD_
**                                     ADMIN) also every open request of the
**                                     agency, the response times per worker
**                                     and per kind, and the targets form
**   POST /requests/targets            the targets per kind (the manager:
**                                     CAP_CASELOAD_ADMIN on the route)
**
** Reading a case's requests needs register_can_read() of the caller's
** relation to the case (the people who read its register: holder,
** psychotherapist, case manager, linked operator, break glass, manager);
** raising one register_can_write(); answering one, on top of reading the
** case, request_can_answer() (its assignee, the holder, a manager: else
** 403).  A case the caller may not read is the case's 404 (case_guard,
** audited).  The answer forms send back=list to come back to /requests
** instead of the case's page.  Every write is audited (entity "request",
** or "request_target" for the targets) and answers 303; a form that fails
** validation re-renders with 422, an illegal order (acknowledging twice,
** resolving first) is a 409 with the reason and writes nothing.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/domain.h"
#include "../domain/intake.h"
#include "../domain/register.h"
#include "../domain/request.h"
#include "../http/guard.h"
#include "../lib/i18n.h"
#include "../lib/jsonw.h"
#include "html.h"
#include "layout.h"
#include "pages.h"

/* The roles a request may be assigned to (request_raise checks the rest). */
#define RQ_ASSIGNABLE \
  (ROLE_MANAGER | ROLE_SOCIAL_WORKER | ROLE_PSYCHOTHERAPIST | ROLE_CASE_MANAGER | ROLE_OPERATOR)

/* A timestamp as the UI writes it: the date by ui_date(), then HH:MM
** (UTC); "" for NULL. */
static const char *rq_when(Req *r, const char *zTs) {
  if (!zTs || strlen(zTs) < 16) return "";
  return arena_printf(&r->a, "%s %.5s", ui_date(r, arena_strndup(&r->a, zTs, 10)), zTs + 11);
}

/* value, label pairs of the kinds after a first "" option zNone. */
static const char *const *rq_kind_options(Req *r, const char *zNone) {
  const char **az = arena_alloc(&r->a, (2 * REQ_KIND_COUNT + 3) * sizeof *az);
  int j = 0;
  az[j++] = "";
  az[j++] = zNone;
  for (int e = 0; e < REQ_KIND_COUNT; e++) {
    az[j++] = request_kind_code((RequestKind)e);
    az[j++] = _(request_kind_label((RequestKind)e));
  }
  az[j] = NULL;
  return az;
}

/* The caller's relation to case iCase (REL_NONE when unknown). */
static Relation rq_relation(Req *r, int64_t iCase) {
  Case c;
  if (intake_case_get(r->db, &r->a, r->iAgency, iCase, &c)) return REL_NONE;
  return intake_case_relation(r->db, &r->user, &c);
}

/* Keep of a[0..*pn) the requests whose case the caller may read, overdue
** first, then by when they were raised (oldest first). */
static int rq_cmp_urgent(const void *p1, const void *p2) {
  const Request *x = p1, *y = p2;
  if (x->bOverdue != y->bOverdue) return y->bOverdue - x->bOverdue;
  int c = strcmp(x->zRaisedAt, y->zRaisedAt);
  return c ? c : (x->id > y->id) - (x->id < y->id);
}
static void rq_keep_readable(Req *r, Request *a, int *pn) {
  int n = 0;
  for (int i = 0; i < *pn; i++) {
    if (register_can_read(rq_relation(r, a[i].iCase))) a[n++] = a[i];
  }
  *pn = n;
  if (n > 1) qsort(a, (size_t)n, sizeof *a, rq_cmp_urgent);
}

/* ------------------------------------------------------------------ */
/* One request                                                         */
/* ------------------------------------------------------------------ */

/* The status badge of p (overdue in red). */
static void render_status(Req *r, const Request *p) {
  static const char *const azClass[] = {"bg-primary", "bg-info text-dark", "bg-success"};
  html_f(&r->out, "<span class=\"badge %s\">%s</span>", azClass[p->eStatus],
         _(request_status_label(p->eStatus)));
  if (p->bOverdue)
    html_f(&r->out, " <span class=\"badge bg-danger ali-overdue\">%s</span>", _("Overdue"));
}

/* "time" or "due time" of one step: when it happened, else its due. */
static void render_step(Req *r, const char *zAt, const char *zBy, const char *zDue) {
  if (zAt) {
    html_f(&r->out, "<td>%s<div class=\"small\">%s</div></td>", rq_when(r, zAt), zBy);
  } else {
    html_f(&r->out, "<td class=\"small\">%s</td>",
           arena_printf(&r->a, _("due by %s"), rq_when(r, zDue)));
  }
}

/* The answer form of p for a caller who may answer it: a button to
** acknowledge, or the resolution with a button to resolve.  bList sends
** back=list.  iFailed names the request whose resolution failed. */
static void render_answer(Req *r, const Request *p, int bList, int64_t iFailed) {
  const char *zBack = bList ? "<input type=\"hidden\" name=\"back\" value=\"list\">" : "";
  if (p->eStatus == REQ_RAISED) {
    form_begin(r, arena_printf(&r->a, "/requests/%" PRId64 "/acknowledge", p->id),
               " class=\"d-inline\"");
    html_raw(&r->out, zBack);
    html_f(
        &r->out,
        "<button class=\"btn btn-sm btn-primary\" type=\"submit\" id=\"ack-%D\">%s</button></form>",
        p->id, _("Acknowledge"));
  } else if (p->eStatus == REQ_ACKNOWLEDGED) {
    form_begin(r, arena_printf(&r->a, "/requests/%" PRId64 "/resolve", p->id), "");
    html_raw(&r->out, zBack);
    const char *zErr = p->id == iFailed ? errors_get(&r->err, "resolution") : NULL;
    html_f(&r->out,
           "<label class=\"visually-hidden\" for=\"resolution-%D\">%s</label>"
           "<textarea class=\"form-control form-control-sm%s\" id=\"resolution-%D\" "
           "name=\"resolution\" rows=\"2\" required placeholder=\"%s\"></textarea>",
           p->id, _("Resolution"), zErr ? " is-invalid" : "", p->id, _("How it was answered"));
    if (zErr) html_f(&r->out, "<div class=\"invalid-feedback d-block\">%s</div>", _(zErr));
    html_f(&r->out,
           "<button class=\"btn btn-sm btn-success mt-1\" type=\"submit\" "
           "id=\"resolve-%D\">%s</button></form>",
           p->id, _("Resolve"));
  }
}

/* One row of a table of requests; bCase: the table of one case (no
** participant column). */
static void render_row(Req *r, const Request *p, int bCase, int bAnswer, int64_t iFailed) {
  html_f(&r->out, "<tr id=\"request-%D\"", p->id);
  html_raw(&r->out, p->bOverdue ? " class=\"table-danger\">" : ">");
  if (!bCase)
    html_f(&r->out, "<td><a href=\"/cases/%D/requests\">%s %s</a></td>", p->iCase, p->zLastName,
           p->zFirstName);
  html_f(&r->out, "<td>%s</td><td>", _(request_kind_label(p->eKind)));
  render_status(r, p);
  html_f(&r->out, "<div class=\"ali-pre\" style=\"white-space: pre-line\">%s</div>", p->zText);
  if (p->zResolution)
    html_f(&r->out, "<div class=\"small\"><strong>%s:</strong> %s</div>", _("Resolution"),
           p->zResolution);
  html_raw(&r->out, "</td><td>");
  if (p->bByParticipant)
    html_f(&r->out, "%s<div class=\"small\">%s</div>", _("The participant"),
           arena_printf(&r->a, _("recorded by %s"), p->zRaisedBy));
  else
    html_f(&r->out, "%s", p->zRaisedBy);
  html_f(&r->out, "</td><td>%s</td><td>%s</td>", p->zAssignee, rq_when(r, p->zRaisedAt));
  render_step(r, p->zAckAt, p->zAckBy, p->zAckDue);
  render_step(r, p->zResolvedAt, p->zResolvedBy, p->zResolveDue);
  html_raw(&r->out, "<td>");
  if (bAnswer) render_answer(r, p, !bCase, iFailed);
  html_raw(&r->out, "</td></tr>");
}

/* A table of requests a[0..n); eRel is the relation to their case when
** bCase, else each row's relation is looked up to decide the answer form. */
static void render_table(Req *r, const char *zId, const Request *a, int n, int bCase, Relation eRel,
                         int64_t iFailed) {
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table table-sm\" id=\"%s\"><thead><tr>",
         zId);
  if (!bCase) html_f(&r->out, "<th scope=\"col\">%s</th>", _("Participant"));
  html_f(&r->out,
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>"
         "</tr></thead><tbody>",
         _("Kind"), _("Request"), _("Raised by"), _("Assignee"), _("Raised"), _("Acknowledged"),
         _("Resolved"), _("Answer"));
  int bWrite = auth_can(r, CAP_REQUEST_WRITE);
  for (int i = 0; i < n; i++) {
    Relation e = bCase ? eRel : rq_relation(r, a[i].iCase);
    render_row(r, &a[i], bCase, bWrite && request_can_answer(&r->user, e, &a[i]), iFailed);
  }
  html_raw(&r->out, "</tbody></table></div>");
}

/* ------------------------------------------------------------------ */
/* The requests of a case                                              */
/* ------------------------------------------------------------------ */

/* The value of zName on a re-render, else zDefault. */
static const char *rq_value(Req *r, const char *zName, const char *zDefault) {
  const char *z = r->nForm ? req_form(r, zName) : NULL;
  return z ? z : zDefault;
}

/* The form raising a request on case c. */
static void render_raise_form(Req *r, const Case *c) {
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-raise\">%s</h2>", _("Raise a request"));
  form_begin(r, arena_printf(&r->a, "/cases/%" PRId64 "/requests", c->id), " id=\"request-form\"");
  form_select(r, "kind", _("Kind"), rq_kind_options(r, _("Choose…")), rq_value(r, "kind", ""));
  const char *const azBy[] = {"participant", _("The participant (recorded by me)"), "operator",
                              _("Me, as a professional"), NULL};
  form_select(r, "raised_by", _("Raised by"), azBy, rq_value(r, "raised_by", "participant"));
  form_select(
      r, "assignee", _("Assignee"),
      form_user_options(r, RQ_ASSIGNABLE, 0, 0, _("The case manager (else the social worker)")),
      rq_value(r, "assignee", ""));
  const char *zErr = errors_get(&r->err, "text");
  html_f(&r->out,
         "<div class=\"form-group\"><label class=\"active\" for=\"f-text\">%s</label>"
         "<textarea class=\"form-control%s\" id=\"f-text\" name=\"text\" rows=\"3\" "
         "required>\n%s</textarea>",
         _("What is needed"), zErr ? " is-invalid" : "", rq_value(r, "text", ""));
  if (zErr) html_f(&r->out, "<div class=\"invalid-feedback d-block\">%s</div>", _(zErr));
  html_f(&r->out, "</div><button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
         _("Raise"));
}

static const char *rq_done_message(Req *r) {
  const char *z = req_query(r, "done");
  if (!z) return NULL;
  if (strcmp(z, "ack") == 0) return _("Request acknowledged.");
  if (strcmp(z, "resolved") == 0) return _("Request resolved.");
  return _("Request raised.");
}

static void render_case_page(Req *r, const Case *c, Relation eRel, int64_t iFailed) {
  RequestFilter f = {.iCase = c->id};
  Request *a;
  int n;
  int rc = request_list(r->db, &r->a, r->iAgency, &f, NULL, &a, &n);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  int iStatus = r->iStatus;
  layout_begin(r, _("Requests"), NAV_PEOPLE);
  html_f(&r->out,
         "<h1>%s</h1><p><a href=\"/cases/%D\">%s %s</a> · <a href=\"/requests\">%s</a></p>",
         _("Requests"), c->id, c->zFirstName, c->zLastName, _("All my requests"));
  const char *zDone = rq_done_message(r);
  if (zDone) html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\">%s</div>", zDone);
  if (iStatus == 422) form_error_summary(r);
  if (n)
    render_table(r, "requests", a, n, 1, eRel, iFailed);
  else
    html_f(&r->out, "<p id=\"requests-empty\">%s</p>", _("No requests."));
  if (auth_can(r, CAP_REQUEST_WRITE) && register_can_write(eRel) && !c->zClosedAt)
    render_raise_form(r, c);
  layout_end(r);
}

void request_case_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_read);
  if (e != REL_NONE) render_case_page(r, &c, e, 0);
}

/* {"k": "v", ...} of the NULL-terminated pairs azKv, for req_audit. */
static const char *rq_detail(Req *r, const char *const *azKv) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  for (int i = 0; azKv[i]; i += 2) jw_kv_str(&w, azKv[i], azKv[i + 1]);
  jw_obj_end(&w);
  const char *z = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  return z;
}

void request_raise_page(Req *r) {
  Case c;
  Relation e = case_guard(r, r->aId[0], &c, register_can_write);
  if (e == REL_NONE) return;
  RequestInput in = {0};
  in.zKind = req_form(r, "kind");
  in.zText = req_form(r, "text");
  const char *zBy = req_form(r, "raised_by");
  in.bByParticipant = !zBy || strcmp(zBy, "operator") != 0;
  const char *zAssignee = req_form(r, "assignee");
  in.iAssignee = zAssignee ? strtoll(zAssignee, NULL, 10) : 0;
  if (in.iAssignee < 0) in.iAssignee = 0;
  int64_t id = 0;
  int rc = request_raise(r->db, r->iAgency, c.id, &in, r->user.id, NULL, &id, &r->err);
  if (rc == 0) {
    const char *const azKv[] = {"kind", in.zKind, 0};
    req_audit(r, "create", "request", id, c.iPerson, rq_detail(r, azKv));
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "/requests?done=raised", c.id));
    return;
  }
  if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409, r->err.a[0].zMsg);
    return;
  }
  if (rc != DOMAIN_INVALID) {
    case_fail(r, rc);
    return;
  }
  r->iStatus = 422;
  render_case_page(r, &c, e, 0);
  r->iStatus = 422;
}

/* ------------------------------------------------------------------ */
/* Answering                                                           */
/* ------------------------------------------------------------------ */

/* The request of the path, its case and the caller's relation, when the
** caller may read the case and answer it; else answers (404 as a missing
** case, 403 when they read it but may not answer) and returns REL_NONE. */
static Relation rq_answerable(Req *r, Request *p, Case *c) {
  int rc = request_get(r->db, &r->a, r->iAgency, r->aId[0], NULL, p);
  if (rc && rc != DOMAIN_NOT_FOUND) {
    case_fail(r, rc);
    return REL_NONE;
  }
  if (rc) {
    guard_denied(r, "request", r->aId[0], 0);
    case_not_found(r);
    return REL_NONE;
  }
  Relation e = case_guard(r, p->iCase, c, register_can_read);
  if (e == REL_NONE) return REL_NONE;
  if (!request_can_answer(&r->user, e, p)) {
    guard_denied(r, "request", p->id, c->iPerson);
    req_error(r, 403,
              N_("Only the assignee, the social worker holding the case or a manager may answer "
                 "this request."));
    return REL_NONE;
  }
  return e;
}

/* After an answer: back to /requests (back=list) or the case's page. */
static void rq_answered(Req *r, const Request *p, const char *zDone) {
  const char *zBack = req_form(r, "back");
  if (zBack && strcmp(zBack, "list") == 0)
    req_redirect(r, arena_printf(&r->a, "/requests?done=%s", zDone));
  else
    req_redirect(r, arena_printf(&r->a, "/cases/%" PRId64 "/requests?done=%s", p->iCase, zDone));
}

void request_ack_page(Req *r) {
  Request p;
  Case c;
  if (rq_answerable(r, &p, &c) == REL_NONE) return;
  int rc = request_acknowledge(r->db, r->iAgency, p.id, r->user.id, NULL, &r->err);
  if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409, r->err.a[0].zMsg);
    return;
  }
  if (rc) {
    case_fail(r, rc);
    return;
  }
  req_audit(r, "update", "request", p.id, c.iPerson, "{\"status\":\"acknowledged\"}");
  rq_answered(r, &p, "ack");
}

void request_resolve_page(Req *r) {
  Request p;
  Case c;
  Relation e = rq_answerable(r, &p, &c);
  if (e == REL_NONE) return;
  int rc = request_resolve(r->db, r->iAgency, p.id, r->user.id, req_form(r, "resolution"), NULL,
                           &r->err);
  if (rc == DOMAIN_CONFLICT) {
    req_error(r, 409, r->err.a[0].zMsg);
    return;
  }
  if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_case_page(r, &c, e, p.id);
    r->iStatus = 422;
    return;
  }
  if (rc) {
    case_fail(r, rc);
    return;
  }
  req_audit(r, "update", "request", p.id, c.iPerson, "{\"status\":\"resolved\"}");
  rq_answered(r, &p, "resolved");
}

/* ------------------------------------------------------------------ */
/* The list: mine, and the manager's view                              */
/* ------------------------------------------------------------------ */

/* The open requests matching f that the caller may read, urgent first;
** the number overdue through *pnOverdue.  0 or a db.h code. */
static int rq_open(Req *r, int64_t iAssignee, Request **pa, int *pn, int *pnOverdue) {
  RequestFilter f = {.iAssignee = iAssignee, .bOpen = 1};
  int rc = request_list(r->db, &r->a, r->iAgency, &f, NULL, pa, pn);
  if (rc) return rc;
  rq_keep_readable(r, *pa, pn);
  *pnOverdue = 0;
  for (int i = 0; i < *pn; i++) *pnOverdue += (*pa)[i].bOverdue;
  return 0;
}

/* A section: heading, the overdue alert, the table or "none". */
static int render_open(Req *r, const char *zId, const char *zTitle, int64_t iAssignee) {
  Request *a;
  int n, nOverdue;
  int rc = rq_open(r, iAssignee, &a, &n, &nOverdue);
  if (rc) return rc;
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-%s\">%s</h2>", zId, zTitle);
  if (nOverdue)
    html_f(&r->out, "<div class=\"alert alert-danger\" role=\"alert\" id=\"%s-overdue\">%s</div>",
           zId, arena_printf(&r->a, _("Overdue requests: %d. Answer them first."), nOverdue));
  if (n)
    render_table(r, zId, a, n, 0, REL_NONE, 0);
  else
    html_f(&r->out, "<p id=\"%s-empty\">%s</p>", zId, _("No open requests."));
  return 0;
}

/* "1.5" working days, or "–" without any. */
static const char *rq_days(Req *r, int n, double v) {
  return n ? arena_printf(&r->a, "%.1f", v) : "–";
}

/* The table of response times a[0..n); bKind: its rows are kinds. */
static void render_stats(Req *r, const char *zId, const char *zHead, const RequestStats *a, int n,
                         int bKind) {
  html_f(&r->out,
         "<div class=\"table-responsive\"><table class=\"table table-sm\" id=\"%s\"><thead><tr>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
         zId, zHead, _("Requests"), _("Acknowledged: median"), _("Acknowledged: 90th percentile"),
         _("Resolved: median"), _("Resolved: 90th percentile"), _("Resolved"), _("Overdue now"));
  for (int i = 0; i < n; i++) {
    const RequestStats *s = &a[i];
    const char *zName =
        bKind ? _(request_kind_label((RequestKind)request_kind_from_code(s->zName))) : s->zName;
    html_raw(&r->out, s->nOverdue ? "<tr class=\"table-danger\">" : "<tr>");
    html_f(&r->out,
           "<th scope=\"row\">%s</th><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
           "<td>%s</td><td>%d</td><td>%d</td></tr>",
           zName, s->nRequests, rq_days(r, s->nAcked, s->rAckMedian),
           rq_days(r, s->nAcked, s->rAckP90), rq_days(r, s->nResolved, s->rResolveMedian),
           rq_days(r, s->nResolved, s->rResolveP90), s->nResolved, s->nOverdue);
  }
  html_raw(&r->out, "</tbody></table></div>");
}

/* The manager's response times per worker and per kind. */
static int render_times(Req *r) {
  RequestStats *aW, *aK;
  int nW, nK;
  int rc = request_stats(r->db, &r->a, r->iAgency, 0, NULL, &aW, &nW, &aK, &nK);
  if (rc) return rc;
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-times\">%s</h2><p class=\"small\">%s</p>",
         _("Response times"), _("In working days from when the request was raised."));
  render_stats(r, "times-worker", _("Worker"), aW, nW, 0);
  render_stats(r, "times-kind", _("Kind"), aK, nK, 1);
  return 0;
}

/* The targets form: per kind, working days to acknowledge and to resolve. */
static int render_targets(Req *r) {
  RequestTarget aT[REQ_KIND_COUNT];
  int rc = request_targets(r->db, r->iAgency, aT);
  if (rc) return rc;
  html_f(&r->out, "<h2 class=\"h4 mt-4\" id=\"h-targets\">%s</h2><p class=\"small\">%s</p>",
         _("Target times"),
         _("Working days (Monday to Friday, national holidays excepted); 0 means the same working "
           "day."));
  form_begin(r, "/requests/targets", " id=\"targets-form\"");
  html_f(&r->out,
         "<table class=\"table table-sm\"><thead><tr><th scope=\"col\">%s</th>"
         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
         _("Kind"), _("To acknowledge"), _("To resolve"));
  for (int e = 0; e < REQ_KIND_COUNT; e++) {
    const char *zCode = request_kind_code((RequestKind)e);
    html_f(&r->out, "<tr><th scope=\"row\">%s</th><td>", _(request_kind_label((RequestKind)e)));
    form_input(r, arena_printf(&r->a, "ack_days_%s", zCode), _("Working days"), "number",
               rq_value(r, arena_printf(&r->a, "ack_days_%s", zCode),
                        arena_printf(&r->a, "%d", aT[e].nAckDays)),
               1);
    html_raw(&r->out, "</td><td>");
    form_input(r, arena_printf(&r->a, "resolve_days_%s", zCode), _("Working days"), "number",
               rq_value(r, arena_printf(&r->a, "resolve_days_%s", zCode),
                        arena_printf(&r->a, "%d", aT[e].nResolveDays)),
               1);
    html_raw(&r->out, "</td></tr>");
  }
  html_f(&r->out,
         "</tbody></table><button class=\"btn btn-primary\" type=\"submit\">%s</button></form>",
         _("Save the targets"));
  return 0;
}

static void render_list_page(Req *r) {
  int iStatus = r->iStatus, bManager = auth_can(r, CAP_CASELOAD_ADMIN);
  layout_begin(r, _("Requests"), NAV_NONE);
  html_f(&r->out, "<h1>%s</h1>", _("Requests"));
  const char *zDone = req_query(r, "done");
  if (zDone)
    html_f(&r->out, "<div class=\"alert alert-success\" role=\"status\">%s</div>",
           strcmp(zDone, "targets") == 0 ? _("Targets saved.") : rq_done_message(r));
  if (iStatus == 422) form_error_summary(r);
  int rc = render_open(r, "mine", _("Assigned to me"), r->user.id);
  if (rc == 0 && bManager) rc = render_open(r, "agency", _("Every open request of the agency"), 0);
  if (rc == 0 && bManager) rc = render_times(r);
  if (rc == 0 && bManager) rc = render_targets(r);
  if (rc) {
    case_fail(r, rc);
    return;
  }
  layout_end(r);
}

void request_list_page(Req *r) { render_list_page(r); }

/* An integer form field, or -1 when absent or not digits. */
static int rq_form_days(Req *r, const char *zName) {
  const char *z = req_form(r, zName);
  if (!z || !*z || strlen(z) > 4 || strspn(z, "0123456789") != strlen(z)) return -1;
  return atoi(z);
}

/* Set the target of kind e from its two fields; the domain's errors are
** renamed to the kind's fields.  0, DOMAIN_INVALID or a db.h code. */
static int rq_target_set(Req *r, RequestKind e, JsonW *w) {
  const char *zCode = request_kind_code(e);
  const char *zAck = arena_printf(&r->a, "ack_days_%s", zCode);
  const char *zRes = arena_printf(&r->a, "resolve_days_%s", zCode);
  int nAck = rq_form_days(r, zAck), nRes = rq_form_days(r, zRes), nErr = r->err.n;
  int rc = request_target_set(r->db, r->iAgency, e, nAck, nRes, &r->err);
  for (int i = nErr; i < r->err.n; i++) /* the domain names the field without the kind */
    r->err.a[i].zField = strcmp(r->err.a[i].zField, "ack_days") == 0 ? zAck : zRes;
  jw_key(w, zCode);
  jw_arr(w);
  jw_int(w, nAck);
  jw_int(w, nRes);
  jw_arr_end(w);
  return rc;
}

void request_targets_page(Req *r) {
  Buf b = BUF_INIT;
  JsonW w;
  jw_init(&w, &b);
  jw_obj(&w);
  int rc = 0;
  for (int e = 0; e < REQ_KIND_COUNT && (rc == 0 || rc == DOMAIN_INVALID); e++) {
    int rcKind = rq_target_set(r, (RequestKind)e, &w);
    if (rcKind) rc = rcKind;
  }
  jw_obj_end(&w);
  const char *zDetail = arena_strdup(&r->a, buf_str(&b));
  buf_free(&b);
  if (rc == DOMAIN_INVALID) {
    r->iStatus = 422;
    render_list_page(r);
    r->iStatus = 422;
    return;
  }
  if (rc) {
    case_fail(r, rc);
    return;
  }
  req_audit(r, "update", "request_target", 0, 0, zDetail);
  req_redirect(r, "/requests?done=targets");
}
