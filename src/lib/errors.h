/*
** Errors: the validation errors of one input (a form, a JSON body, a CSV
** row), field by field.  Messages are English string literals that double
** as gettext msgids: the web UI translates them, the CLI prints them as
** they are, the API returns both.  Validation collects every error at
** once so that a person fixes a form in one pass.
*/
#ifndef ALI_ERRORS_H
#define ALI_ERRORS_H

#define ERRORS_MAX 32

typedef struct FieldError {
  const char *zField; /* the field's name as in the form / JSON / CSV */
  const char *zMsg;   /* a string literal (a msgid), never data */
} FieldError;

typedef struct Errors {
  FieldError a[ERRORS_MAX];
  int n;
} Errors;

/* Adds an error; beyond ERRORS_MAX the extra ones are dropped. */
void errors_add(Errors *p, const char *zField, const char *zMsg);
/* The message for zField, or NULL when the field is fine. */
const char *errors_get(const Errors *p, const char *zField);

#endif
