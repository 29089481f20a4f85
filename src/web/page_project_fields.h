/*
** page_project_fields.h — the fields of the intake forms of the project
** and case pages (page_project_fields.c), for page_project_forms.c.
** Nothing else includes it.
**
** A field shows its label (a msgid of the table in page_project_fields.c,
** looked up by the field's name), the value given or, when its form was
** just posted, the value submitted and its error.  Strings returned are
** in the request's arena.
*/
#ifndef ALI_PAGE_PROJECT_FIELDS_H
#define ALI_PAGE_PROJECT_FIELDS_H
#include "page_project.h"

/* A form of the page: where it posts, the prefix of its field ids, and
** whether it is the form just submitted (then it shows the submitted
** values and r->err). */
typedef struct PForm {
  const char *zAction;
  const char *zKey;
  int bPosted;
} PForm;

/* Opens form f posting to zAction, its field ids "f-zKey-NAME", with the
** summary of r->err when it is the form just posted. */
void pf_begin(Req *r, PForm *f, const char *zAction, const char *zKey);
/* The submit button zButton and the end of the form. */
void pf_end(Req *r, const char *zButton);

/* An <input type=zType>, a <textarea>, a <select> of azOpt (value, label
** pairs, labels ready to show, ending with NULL) labelled zLabel (NULL:
** the field's label); zDflt when the form was not just posted; bReq
** marks the field required. */
void pf_input(Req *r, const PForm *f, const char *zName, const char *zType, const char *zDflt,
              int bReq);
void pf_textarea(Req *r, const PForm *f, const char *zName, const char *zDflt, int bReq);
void pf_select(Req *r, const PForm *f, const char *zName, const char *zLabel,
               const char *const *azOpt, const char *zDflt, int bReq);

/* The reason field every form of an agreed project carries (nothing
** when the project is not agreed). */
void pf_reason(Req *r, const PForm *f, const ProjectView *pv);

/* Two columns: pf_row() opens the row and the first, pf_col() the next,
** pf_row_end() closes the row. */
void pf_row(Req *r);
void pf_col(Req *r);
void pf_row_end(Req *r);

/* An option list with room for n + 1 pairs (+ the NULL end), the first
** "" → zNone when zNone is not NULL; *pk gets the next free index. */
const char **pf_options_new(Req *r, int n, const char *zNone, int *pk);

/* The text of an id ("" when not > 0) and of a count ("" when < 0). */
const char *pf_id(Req *r, int64_t id);
const char *pf_int(Req *r, int v);

/* The option lists of the project page: the household's members, the
** catalogue (marking services the round does not offer), the providers
** (not the specialised services), the operators, the funding streams. */
const char *const *pf_member_options(Req *r, const ProjectView *pv);
const char *const *pf_service_options(Req *r, const ProjectView *pv);
const char *const *pf_org_options(Req *r, const ProjectView *pv);
const char *const *pf_operator_options(Req *r, const ProjectView *pv);
const char *const *pf_stream_options(Req *r, const ProjectView *pv);

#endif
