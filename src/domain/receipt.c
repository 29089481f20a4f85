/*
** receipt.c — checking, storing and reading back the receipts of
** expenses (see receipt.h).  SHA-256 is libsodium's.
*/
#include "receipt.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/i18n.h"
#include "domain.h"

const char *receipt_type_of(const void *pData, size_t n) {
  const unsigned char *p = pData;
  static const unsigned char aPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (n >= 5 && memcmp(p, "%PDF-", 5) == 0) return "application/pdf";
  if (n >= 8 && memcmp(p, aPng, 8) == 0) return "image/png";
  if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
  return 0;
}

const char *receipt_problem(const void *p, size_t n, const char *zDeclared, const char **pzType) {
  *pzType = 0;
  if (n == 0) return N_("The receipt is empty.");
  if (n > RECEIPT_MAX_BYTES) return N_("The receipt is larger than 5 MB.");
  const char *zType = receipt_type_of(p, n);
  if (!zType) return N_("The receipt must be a PDF or an image (PNG, JPEG): this file is neither.");
  if (zDeclared) {
    size_t nType = strcspn(zDeclared, "; ");
    if (strlen(zType) != nType || strncmp(zType, zDeclared, nType) != 0)
      return N_("The file's content does not match its declared type (Content-Type).");
  }
  *pzType = zType;
  return 0;
}

void receipt_sha256(const void *p, size_t n, char zOut[RECEIPT_SHA256_HEX + 1]) {
  unsigned char aHash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(aHash, p, n);
  sodium_bin2hex(zOut, RECEIPT_SHA256_HEX + 1, aHash, sizeof aHash);
}

/* mkdir zPath unless it exists; 0 or -1. */
static int rc_mkdir(const char *zPath) {
  if (mkdir(zPath, 0700) == 0 || errno == EEXIST) return 0;
  return -1;
}

/* Writes the n bytes at p to zPath, flushed to disk; 0 or -1. */
static int rc_write_all(const char *zPath, const void *p, size_t n) {
  int fd = open(zPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  const char *z = p;
  while (n > 0) {
    ssize_t k = write(fd, z, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      close(fd);
      unlink(zPath);
      return -1;
    }
    z += k;
    n -= (size_t)k;
  }
  if (fsync(fd) != 0) {
    close(fd);
    unlink(zPath);
    return -1;
  }
  return close(fd);
}

int receipt_store(const char *zDir, const void *p, size_t n, char zSha[RECEIPT_SHA256_HEX + 1],
                  char *zErr, size_t nErr) {
  receipt_sha256(p, n, zSha);
  char zSub[4096], zPath[4200], zTmp[4300];
  snprintf(zSub, sizeof zSub, "%s/%.2s", zDir, zSha);
  snprintf(zPath, sizeof zPath, "%s/%s", zSub, zSha);
  if (rc_mkdir(zDir) || rc_mkdir(zSub)) {
    snprintf(zErr, nErr, "cannot create %s: %s", zSub, strerror(errno));
    return -1;
  }
  struct stat st;
  if (stat(zPath, &st) == 0 && (size_t)st.st_size == n) return 0; /* stored already */
  unsigned char aRand[8];
  char zRand[17];
  randombytes_buf(aRand, sizeof aRand);
  sodium_bin2hex(zRand, sizeof zRand, aRand, sizeof aRand);
  snprintf(zTmp, sizeof zTmp, "%s/.tmp-%s", zSub, zRand);
  if (rc_write_all(zTmp, p, n) || rename(zTmp, zPath)) {
    snprintf(zErr, nErr, "cannot write %s: %s", zPath, strerror(errno));
    unlink(zTmp);
    return -1;
  }
  return 0;
}

int receipt_load(const char *zDir, const char *zSha, Buf *pOut, char *zErr, size_t nErr) {
  if (!zSha || strlen(zSha) != RECEIPT_SHA256_HEX ||
      strspn(zSha, "0123456789abcdef") != RECEIPT_SHA256_HEX) {
    snprintf(zErr, nErr, "not a stored receipt's name");
    return -1;
  }
  char zPath[4200];
  snprintf(zPath, sizeof zPath, "%s/%.2s/%s", zDir, zSha, zSha);
  FILE *in = fopen(zPath, "rb");
  if (!in) {
    snprintf(zErr, nErr, "cannot open %s: %s", zPath, strerror(errno));
    return -1;
  }
  size_t nStart = pOut->n;
  char z[65536];
  size_t k;
  while ((k = fread(z, 1, sizeof z, in)) > 0 && pOut->n - nStart <= RECEIPT_MAX_BYTES)
    buf_append(pOut, z, k);
  int bErr = ferror(in);
  fclose(in);
  char zHash[RECEIPT_SHA256_HEX + 1];
  receipt_sha256(pOut->z ? pOut->z + nStart : "", pOut->n - nStart, zHash);
  if (bErr || strcmp(zHash, zSha) != 0) {
    snprintf(zErr, nErr, "%s does not match its hash", zPath);
    return -1;
  }
  return 0;
}

const char *receipt_clean_name(const char *zName, char *zOut, size_t nOut) {
  if (!zName || nOut < 2) return NULL;
  const char *zBase = zName;
  for (const char *z = zName; *z; z++) {
    if (*z == '/' || *z == '\\') zBase = z + 1;
  }
  size_t nMax = nOut - 1 < 100 ? nOut - 1 : 100, n = 0;
  for (const unsigned char *s = (const unsigned char *)zBase; *s && n < nMax; s++) {
    if (*s < 0x20 || *s == 0x7F || *s == '"' || *s == '\\') continue;
    zOut[n++] = (char)*s;
  }
  /* cut a character split at the end, then refuse what is not UTF-8 */
  while (n && ((unsigned char)zOut[n - 1] & 0xC0) == 0x80 && domain_text_len(zOut, n) < 0) n--;
  if (n && (unsigned char)zOut[n - 1] >= 0xC0) n--;
  zOut[n] = 0;
  if (domain_text_len(zOut, n) < 0) {
    for (size_t i = 0; i < n; i++) {
      if ((unsigned char)zOut[i] >= 0x80) zOut[i] = '_';
    }
  }
  while (n && zOut[n - 1] == ' ') zOut[--n] = 0;
  return n ? zOut : NULL;
}
