/*
** country.h — ISO 3166-1 alpha-2 country codes: validation and names.
**
** Countries of birth and citizenship are stored as the two capital
** letters of ISO 3166-1 alpha-2 ("IT", "RO", "MA").  The table behind
** these functions holds every officially assigned code plus XK (Kosovo,
** user-assigned but used by the EU), each with an English and an Italian
** short name.  The table is constant: every function is thread-safe and
** nothing allocates.
*/
#ifndef ALI_COUNTRY_H
#define ALI_COUNTRY_H

/* 1 if zCode is a code of the table, compared case-insensitively ("it"
** and "IT" are both valid; store the upper-case form), else 0.  NULL,
** "", and anything not exactly two ASCII letters give 0. */
int country_valid(const char *zCode);

/* The short name of zCode (case-insensitive) in Italian when bItalian is
** non-zero, else in English ("Costa d'Avorio" / "Côte d'Ivoire"), as a
** static UTF-8 string.  NULL when country_valid(zCode) is 0. */
const char *country_name(const char *zCode, int bItalian);

/* The number of codes in the table, and the i-th code (0-based, in
** ascending order; NULL outside 0..country_count()-1): for select lists. */
int country_count(void);
const char *country_code_at(int i);

#endif
