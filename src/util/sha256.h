/*
 * sha256.h: SHA-256 of whole files (an import's audit row, a mirror's
 * manifest). GnuTLS, which libmicrohttpd already brings in, hashes with
 * the CPU's SHA instructions: a 283 MB import takes 0.2 s where
 * libsodium's portable code takes 1.4 s (bench P6). Same digest.
 */
#ifndef VIGIL_UTIL_SHA256_H
#define VIGIL_UTIL_SHA256_H

#include <stddef.h>

enum { SHA256_LEN = 32 };

void sha256(const void *data, size_t len, unsigned char out[SHA256_LEN]);

#endif
