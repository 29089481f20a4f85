/*
** guard.h — record-level checks for handlers, on top of access.h: the
** caller's relation to a person or a household, with every refusal and
** every read or write of special-category data recorded in the audit
** trail (req_audit).  Handlers answer a refusal exactly as they answer an
** unknown id (404), so that a record's existence never leaks.
*/
#ifndef ALI_GUARD_H
#define ALI_GUARD_H
#include "../domain/access.h"
#include "req.h"

/* The caller's relation to person iPerson; REL_NONE (an unknown id
** included) is audited as "denied".  The caller answers 404 then. */
Relation guard_person(Req *r, int64_t iPerson);

/* The same for a household as a whole (access_household). */
Relation guard_household(Req *r, int64_t iHousehold);

/* The relation, when it may change the record (access_can_edit);
** otherwise audits "denied" and returns REL_NONE. */
Relation guard_person_edit(Req *r, int64_t iPerson);
Relation guard_household_edit(Req *r, int64_t iHousehold);

/* Records a refusal of entity zEntity ("person", "household") iId. */
void guard_denied(Req *r, const char *zEntity, int64_t iId, int64_t iPerson);

/* Records one read of the special-category fields mFields of person
** iPerson ("read_sensitive", the field names, never the values).  Does
** nothing when mFields is 0. */
void guard_sensitive_read(Req *r, int64_t iPerson, unsigned mFields);

/* Records a write of the fields mChanged ("update_sensitive", each field
** as "[changed]").  Does nothing when mChanged is 0. */
void guard_sensitive_write(Req *r, int64_t iPerson, unsigned mChanged);

/* Records an emergency access to person iPerson with its reason. */
void guard_break_glass(Req *r, int64_t iPerson, const char *zReason, const char *zExpires);

#endif
