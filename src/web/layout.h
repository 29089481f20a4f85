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
** that changes something starts here. */
void form_begin(Req *r, const char *zAction, const char *zAttrs);

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
/* A checkbox sending zName=1 when ticked; bChecked ticks it. */
void form_checkbox(Req *r, const char *zName, const char *zLabel, int bChecked);
/* The summary above a form that failed validation ("2 fields need fixing"). */
void form_error_summary(Req *r);
/* The same summary followed by one line per error, linked to its field:
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
