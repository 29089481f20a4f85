/*
** layout.h — the frame every page shares: the agency's name, the
** navigation, the language switch (Bootstrap Italia's header), and the
** form helpers every form uses so that errors sit next to their field.
*/
#ifndef ALI_LAYOUT_H
#define ALI_LAYOUT_H
#include "../http/req.h"

enum { NAV_NONE, NAV_PEOPLE, NAV_PROGRAMME, NAV_EMERGENCY, NAV_AUDIT };

/* Starts an HTML page: sets the content type, writes the head, the header
** and opens <main>.  zTitle is already translated. */
void layout_begin(Req *r, const char *zTitle, int eNav);
void layout_end(Req *r); /* closes <main>, writes the footer */

/* Opens a POST form to zAction (escaped) with the session's CSRF token;
** zAttrs is a literal of further attributes ("" for none).  Every form
** that changes something starts here.  Ends any form_scope(). */
void form_begin(Req *r, const char *zAction, const char *zAttrs);

/*
** The ids of the fields of a page with several forms.  The form_*
** helpers give a field named NAME the id "f-NAME" and its error message
** the id "e-NAME".  After form_scope(r, zScope, bErrors), until the next
** form_begin() or form_scope(r, NULL, 1), they write "f-zScope-NAME" and
** "e-zScope-NAME" instead, so that two forms of one page that have a
** field of the same name (a filter and an entry form, the forms of each
** row of a list) give every element its own id and every label the
** right "for"; and they show r->err's messages only when bErrors (the
** form that was submitted), not under the same-named fields of the
** others.  zScope is a literal or lives in r's arena; letters, digits,
** '-' and '_' only.
*/
void form_scope(Req *r, const char *zScope, int bErrors);
/* The id of field zName in the current scope ("f-NAME", "f-SCOPE-NAME"),
** for a field written by hand (a textarea); an arena string. */
const char *form_field_id(Req *r, const char *zName);
/* The error message (a msgid) of field zName the current scope shows, or
** NULL: r->err's, unless the scope is quiet. */
const char *form_field_message(Req *r, const char *zName);

/* A text input with its label and, when r->err has one for zName, the
** error under it (Bootstrap Italia's is-invalid).  zType: "text", "date"... */
void form_input(Req *r, const char *zName, const char *zLabel, const char *zType,
                const char *zValue, int bRequired);
/* A <select>; azOption holds value, label pairs (labels translated),
** ending with NULL.  zValue selects one. */
void form_select(Req *r, const char *zName, const char *zLabel, const char *const *azOption,
                 const char *zValue);
/* Options for form_select() of the agency's organisations of kind zKind
** ("cooperative", "specialised_service"...), the value their id, after a
** first option "" labelled zNone; *pn (may be NULL) is set to how many
** organisations are offered. */
const char *const *form_organisation_options(Req *r, const char *zKind, const char *zNone,
                                             int *pn);
/* The same for the agency's accounts holding any role of mRoles, the
** value their id, or their username when bByUsername; disabled accounts
** are offered only when bAll. */
const char *const *form_user_options(Req *r, unsigned mRoles, int bByUsername, int bAll,
                                     const char *zNone);
/* A <textarea> of nRows rows with its label and error, as form_input(). */
void form_text_area(Req *r, const char *zName, const char *zLabel, const char *zValue, int nRows,
                   int bRequired);
/* The error message of a group of fields named zName (the checkboxes
** of a fieldset), when the current scope shows one, with its id. */
void form_group_error(Req *r, const char *zName);
/* A checkbox sending zName=1 when ticked; bChecked ticks it. */
void form_checkbox(Req *r, const char *zName, const char *zLabel, int bChecked);
/* The summary above a form that failed validation ("2 fields need fixing"). */
void form_error_summary(Req *r);
/* The same summary followed by one line per error, linked to its field
** (its id in the current form_scope()):
** "Codice fiscale: the check character is wrong".  azLabel holds field
** name, translated label pairs, ending with NULL; an error on a field
** without a label shows its message alone.  Writes nothing without
** errors. */
void form_error_summary_fields(Req *r, const char *const *azLabel);

/* A date "YYYY-MM-DD" as the UI language writes it: "31/12/1985" in
** Italian, "1985-12-31" in English.  NULL in, NULL out; anything that is
** not a date comes back as it is.  The result lives in r's arena. */
const char *ui_date(Req *r, const char *zIso);

#endif
