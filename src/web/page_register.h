/*
** page_register.h — what page_register.c (the register page: the
** timeline, the entry form, the PDF) and page_agenda.c (the activities
** planned: the upcoming list, the plan form, recording as done,
** cancelling) share.  Nothing outside these two files includes it; their
** routes are declared in pages.h.
*/
#ifndef ALI_PAGE_REGISTER_H
#define ALI_PAGE_REGISTER_H
#include "../domain/household.h"
#include "../domain/intake.h"
#include "../domain/register.h"
#include "../http/req.h"

/* page_register.c */

/* The whole register page of case c for a caller with relation eRel (a
** GET, or the re-render of a form that failed with r->iStatus 422). */
void register_render(Req *r, const Case *c, Relation eRel);
/* The kinds as form_select() options after "Choose…"; only those that
** may be planned when bPlannable. */
const char *const *register_kind_choices(Req *r, int bPlannable);
/* The household members' checkboxes (member_ID), ticked as posted when
** bPosted, with the error on "members". */
void register_member_fields(Req *r, int bPosted, const Person *aMember, int nMember);
/* The intervention select and the restricted checkbox of an entry. */
void register_entry_fields(Req *r, int bPosted, const Case *c);
/* The ids of the posted fields named zPrefix + ID ("member_12=1") into
** a new arena array *pa; returns how many. */
int register_form_ids(Req *r, const char *zPrefix, const int64_t **pa);
/* The posted "minutes": its value, or -1 when blank or not a number. */
long register_form_minutes(Req *r);
/* The posted fields of an entry (on_date, kind, member_ID, intervention,
** restricted, text) into *in; nMinutes left 0. */
void register_form_input(Req *r, ActivityInput *in);

/* page_agenda.c */

/* The "Planned" section of the register page: the planned activities the
** caller sees (overdue ones marked), each with the forms to record it as
** done or cancel it for those who may (agenda_can_close), and the list
** of those cancelled. */
void agenda_render_upcoming(Req *r, const Case *c, Relation eRel);
/* The form to plan an activity (its field ids "f-plan-NAME"). */
void agenda_render_plan_form(Req *r, const Case *c, const Person *aMember, int nMember);

#endif
