/*
** money.h — amounts of euros as integer cents: parsing what people type
** and formatting for display.  Money never travels as a floating-point
** number anywhere in ali.  Nothing here allocates or keeps state.
*/
#ifndef ALI_MONEY_H
#define ALI_MONEY_H
#include <stddef.h>
#include <stdint.h>

/* The largest amount accepted: 10^15 cents (ten thousand billion euros),
** far above any budget and far below INT64_MAX. */
#define MONEY_MAX_CENTS 1000000000000000LL

/*
** Parse a non-negative amount of euros into cents.  Accepted, with
** optional spaces around and an optional leading "€" (U+20AC, followed
** by optional spaces):
**
**   "1234"  "1234.5"  "1234,50"  "1.234,50"  "1,234.50"  "1.234"  "0,05"
**
** Rules: the integer part has at least one digit.  When both '.' and ','
** occur, the later one is the decimal separator and the other groups
** thousands.  When only one of them occurs, a single occurrence followed
** by one or two digits is the decimal separator ("1234.5", "12,50");
** otherwise it groups thousands ("1.234", "1,234,567").  Thousands groups
** are exactly three digits, the first group one to three digits.  At most
** two decimals.  Rejected: an empty string, a sign ('-' or '+'), any other
** character, more than two decimals ("1,234" with three digits is read as
** thousands, never as 1.234 euros), amounts above MONEY_MAX_CENTS.
**
** Returns 0 and stores the cents through pCents, or -1 leaving *pCents
** untouched.  z may be NULL (-1).
*/
int money_parse_euros(const char *z, int64_t *pCents);

/*
** Write iCents as euros into zOut (n bytes, always NUL-terminated,
** truncated if too small; 32 bytes always suffice):
**   bItalian != 0:  "€ 1.234,50"   (negative: "-€ 1.234,50")
**   bItalian == 0:  "€1,234.50"    (negative: "-€1,234.50")
** Two decimals always; "€" is UTF-8 (3 bytes).
*/
void money_format(int64_t iCents, int bItalian, char *zOut, size_t n);

#endif
