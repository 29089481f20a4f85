/*
** i18n.c — message lookup in the compiled Italian catalogue (see i18n.h).
**
** The GNU .mo format: a header of 32-bit words (magic, revision, count,
** offset of the originals table, offset of the translations table, size
** and offset of a hash table), then (length, offset) pairs.  Lookup
** probes msgfmt's hash table, as gettext does: one hash of the message and
** usually one comparison, over the embedded bytes, with no allocation.  (A
** page translates a hundred labels; a binary search of the 1,500 entries
** took 4 % of the person page's time.)  A plural entry's original is
** "singular\0plural" and its translation "form 0\0form 1": hashed and
** found by its singular, the form chosen by n.
*/
#include "i18n.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "date.h"
#include "embedded.h"

static uint32_t mo_word(const unsigned char *p, uint32_t iOff) {
  uint32_t v;
  memcpy(&v, p + iOff, 4);
  return v; /* msgfmt writes the build machine's byte order: ours */
}

static const unsigned char *pItalian; /* the catalogue; NULL if unusable */

/* Found once: embedded_find walks the list of embedded files. */
static void catalogue_load(void) {
  const Embedded *p = embedded_find("po/it.mo");
  if (!p) return;
  uint32_t nSize = (uint32_t)embedded_size(p);
  if (nSize < 28 || mo_word(p->pData, 0) != 0x950412de) return;
  uint32_t nHash = mo_word(p->pData, 20), iHash = mo_word(p->pData, 24);
  if (nHash < 3 || iHash > nSize || nHash > (nSize - iHash) / 4) return; /* msgfmt --no-hash */
  pItalian = p->pData;
}

static const unsigned char *catalogue(int iLang) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  if (iLang != LANG_IT) return 0;
  pthread_once(&once, catalogue_load);
  return pItalian;
}

/* gettext's hash of a message (hashpjw), up to its first NUL. */
static uint32_t mo_hash(const char *z) {
  uint32_t h = 0;
  for (; *z; z++) {
    h = (h << 4) + (unsigned char)*z;
    uint32_t g = h & 0xf0000000u;
    if (g) h ^= (g >> 24) ^ g;
  }
  return h;
}

/* The entry of zMsgid in the catalogue of iLang: 1 and its translation
** (*pzTr, *pnTr bytes, the plural forms of a plural entry separated by
** NULs) and the length of its original (*pnOrig: longer than zMsgid for
** a plural entry, "singular\0plural"); 0 when there is none.  Open
** addressing with double hashing, as msgfmt built the table: an empty
** slot (0) ends the probe, slot k names entry k - 1. */
static int mo_find(int iLang, const char *zMsgid, const char **pzTr, uint32_t *pnTr,
                   uint32_t *pnOrig) {
  const unsigned char *pMo = catalogue(iLang);
  if (!pMo || !zMsgid || !*zMsgid) return 0;
  uint32_t n = mo_word(pMo, 8), iOrig = mo_word(pMo, 12), iTrans = mo_word(pMo, 16);
  uint32_t nHash = mo_word(pMo, 20), iHash = mo_word(pMo, 24);
  uint32_t h = mo_hash(zMsgid), iSlot = h % nHash, iStep = 1 + h % (nHash - 2);
  for (uint32_t nProbe = 0; nProbe < nHash; nProbe++) {
    uint32_t k = mo_word(pMo, iHash + 4 * iSlot);
    if (k == 0 || k > n) return 0;
    k--;
    const char *zKey = (const char *)pMo + mo_word(pMo, iOrig + 8 * k + 4);
    if (strcmp(zMsgid, zKey) == 0) { /* a plural entry's key ends at its singular */
      *pnOrig = mo_word(pMo, iOrig + 8 * k);
      *pnTr = mo_word(pMo, iTrans + 8 * k);
      *pzTr = (const char *)pMo + mo_word(pMo, iTrans + 8 * k + 4);
      return *pnTr > 0;
    }
    iSlot = iSlot >= nHash - iStep ? iSlot - (nHash - iStep) : iSlot + iStep;
  }
  return 0;
}

const char *tr(int iLang, const char *zMsgid) {
  const char *zTr;
  uint32_t nTr, nOrig;
  return mo_find(iLang, zMsgid, &zTr, &nTr, &nOrig) ? zTr : zMsgid;
}

const char *trn(int iLang, const char *zSingular, const char *zPlural, long n) {
  int iForm = n != 1; /* Italian and English: one form for 1, one for the rest */
  const char *zTr;
  uint32_t nTr, nOrig;
  if (!mo_find(iLang, zSingular, &zTr, &nTr, &nOrig) || nOrig == strlen(zSingular)) {
    return iForm ? zPlural : zSingular; /* no plural entry: the English */
  }
  const char *zEnd = zTr + nTr;
  for (int i = 0; i < iForm && zTr < zEnd; i++) zTr += strlen(zTr) + 1;
  return zTr < zEnd && *zTr ? zTr : (iForm ? zPlural : zSingular);
}

int i18n_lang(const char *zHeader) {
  if (!zHeader) return LANG_IT;
  /* The first language we speak, in the order the browser lists them
  ** (q-values are almost always in decreasing order already). */
  for (const char *z = zHeader; *z;) {
    while (*z == ' ' || *z == ',') z++;
    if (strncasecmp(z, "it", 2) == 0 && (z[2] == 0 || strchr("-_;, ", z[2]))) return LANG_IT;
    if (strncasecmp(z, "en", 2) == 0 && (z[2] == 0 || strchr("-_;, ", z[2]))) return LANG_EN;
    while (*z && *z != ',') z++;
  }
  return LANG_IT;
}

const char *i18n_code(int iLang) { return iLang == LANG_EN ? "en" : "it"; }

const char *tr_date(Arena *a, int iLang, const char *zIso) {
  int y, m, d;
  if (!zIso || iLang != LANG_IT || date_parse(zIso, &y, &m, &d)) return zIso;
  return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}
