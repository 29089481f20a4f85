/*
** i18n.h — translations, per request.
**
** Messages are written in English in the sources, wrapped in _() (inside a
** page, where `r` is the request) or tr(iLang, ...).  po/it.po holds the
** Italian; the Makefile compiles it with msgfmt and builds the .mo into the
** binary, and tr() looks messages up in it directly: no global locale,
** so two requests in two languages can run at once on two threads.
** English needs no catalogue: the msgid is the English text.
*/
#ifndef ALI_I18N_H
#define ALI_I18N_H

enum { LANG_IT = 0, LANG_EN = 1 };

/* The translation of zMsgid in iLang; zMsgid itself when there is none. */
const char *tr(int iLang, const char *zMsgid);

/* The form of a message with a count n in iLang: the catalogue's plural
** entry whose msgid is zSingular and msgid_plural zPlural (ngettext), form
** 0 when n is 1 and form 1 otherwise (the rule of Italian and English,
** "n != 1").  Without a plural entry (a plain entry for zSingular does
** not count), zSingular when n is 1, else zPlural.
** Both are usually formats with the count: arena_printf(a, trn(iLang,
** "%d case", "%d cases", n), n).  The Makefile's xgettext takes them
** with -ktrn:2,3. */
const char *trn(int iLang, const char *zSingular, const char *zPlural, long n);

struct Arena;
/* A date "YYYY-MM-DD" as language iLang writes it ("31/12/2022" in
** Italian, as is in English), in arena a; zIso itself when NULL or not
** a date. */
const char *tr_date(struct Arena *a, int iLang, const char *zIso);
/* LANG_IT or LANG_EN from "it", "en", or an Accept-Language header;
** LANG_IT (the default) when nothing matches. */
int i18n_lang(const char *zHeader);
const char *i18n_code(int iLang); /* "it" or "en" */

#define _(z) tr(r->iLang, (z))
#define N_(z) (z) /* marks a msgid for xgettext without translating it */
/* trn() in the language of the request r. */
#define _n(zS, zP, n) trn(r->iLang, (zS), (zP), (n))

#endif
