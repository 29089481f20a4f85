/*
** The Italian codice fiscale of a person (DM 23/12/1976): 16 characters,
**
**   RSS MRA 85 T 10 A562 S
**   |   |   |  | |  |    `- check character
**   |   |   |  | |  `------ Belfiore code of the birthplace (Z... abroad)
**   |   |   |  | `--------- day of birth, +40 for women
**   |   |   |  `----------- month letter (ABCDEHLMPRST = Jan..Dec)
**   |   |   `-------------- last two digits of the birth year
**   |   `------------------ three letters of the first name
**   `---------------------- three letters of the surname
**
** Omocodia: when two people would get the same code, the Agenzia delle
** Entrate replaces digits, from the right, with the letters LMNPQRSTUV
** (for 0..9) and recomputes the check character; such codes are valid.
**
** Validation, normalization, computation and a decoder of the birth
** date.  Nothing here allocates or keeps state.
*/
#ifndef ALI_CODICE_FISCALE_H
#define ALI_CODICE_FISCALE_H

/* Results of cf_validate(); 0 is valid, each error a distinct negative. */
enum {
  CF_OK = 0,
  CF_ERR_LENGTH = -1, /* not exactly 16 characters */
  CF_ERR_CHARS = -2,  /* a letter where a digit belongs, or vice versa */
  CF_ERR_MONTH = -3,  /* position 9 is not a month letter */
  CF_ERR_DAY = -4,    /* day of birth not in 1..31 or 41..71 */
  CF_ERR_CHECK = -5   /* the check character does not match */
};

/*
** 0 (CF_OK) if z is a well-formed codice fiscale, else the first
** CF_ERR_* found, tested in the order of the enum.  Case-insensitive;
** omocodia letters are accepted in the numeric positions.  Spaces are
** not skipped (use cf_normalize() first).  z may be NULL
** (CF_ERR_LENGTH).  The day is checked against 1..31 only, not against
** the month: codes with impossible dates exist and stay valid.
*/
int cf_validate(const char *z);

/*
** A plain English sentence for a cf_validate() result, e.g. "the check
** character is wrong".  Each one is a string literal, usable as a
** gettext msgid.  Static: do not free.
*/
const char *cf_error_message(int code);

/*
** Copy zIn to zOut upper-cased (ASCII), without spaces or tabs.  If the
** result would be longer than 16 characters, or zIn is NULL, zOut is "".
** zOut is not checked: pass the result to cf_validate().
*/
void cf_normalize(const char *zIn, char zOut[17]);

/*
** Compute the codice fiscale of a person into zOut.  zLast and zFirst
** are UTF-8: Latin accented letters fold to their base letter (Ò -> O,
** Ł -> L, ß -> SS, Æ -> AE), apostrophes, spaces, hyphens and dots are
** ignored.  zBirth is "YYYY-MM-DD", cGender 'F' or 'M' (either case),
** zBelfiore a letter and three digits ("G702", "Z600").  Returns 0, or
** -1 with zOut "" when an input is invalid: a name with no letters or
** with another character, a bad date, gender or Belfiore code.
** The result is the base code; omocodic variants are assigned by the
** Agenzia delle Entrate and cannot be computed.
*/
int cf_compute(char zOut[17], const char *zLast, const char *zFirst,
               const char *zBirth, char cGender, const char *zBelfiore);

/*
** Decode the birth date and gender of a valid code (omocodia letters
** included) into zOut ("YYYY-MM-DD") and *pcGender ('F' or 'M'; pcGender
** may be NULL).  The two-digit year becomes 20yy if that is no later
** than iCenturyCutYear (usually the current year), else 19yy.  Returns
** 0, or -1 with zOut "" if the code is invalid, the date does not exist
** (Feb 30) or even 19yy is after iCenturyCutYear.
*/
int cf_birth_date(const char *zCf, int iCenturyCutYear, char zOut[11],
                  char *pcGender);

/* Turns zCf (valid) into its omocodia variant of level iLevel (1..7): the
** iLevel rightmost digits replaced by letters, the check character
** recomputed, as the Agenzia delle Entrate does when two people would
** share a code.  0, or -1 (zCf untouched) on bad input. */
int cf_omocode(char zCf[17], int iLevel);

#endif
