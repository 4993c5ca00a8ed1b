/*
 * signing.h: Ed25519 signatures (libsodium) on exports and snapshots, so
 * that a copy passed around when the site is blocked can be checked
 * against the newsroom's published key (`vigil verify`).
 *
 * The install's signing key lives in a file outside the database
 * (DB.sign by default, made 0600 at the first signed export). A
 * signature is one line:
 *     vigil-signature ed25519 <public key, base64> <signature, base64>
 * over every byte before it: inside a trailing HTML comment for a
 * snapshot, or in a FILE.sig beside any other export.
 */
#ifndef VIGIL_CORE_SIGNING_H
#define VIGIL_CORE_SIGNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

struct signing_key {
    uint8_t secret[64];
    uint8_t public[32];
};

/* Reads the key at path; with create, makes it first if it is missing. */
int signing_key_open(const char *path, bool create, struct signing_key *out,
                     struct vg_err *err);
/* Appends the signature line of data (with a newline) to out. */
void signing_line(const struct signing_key *k, const void *data, size_t len,
                  struct buf *out);
/* The public key in base64, for printing. */
void signing_public_text(const uint8_t pk[32], char out[48]);
/*
 * Checks a signature line `line` (no newline needed) over data. On
 * success stores the signer's public key in pk. Returns 0, VG_EINVAL
 * for a malformed line, VG_EDENIED when the signature does not match.
 */
int signing_check(const char *line, size_t line_len, const void *data,
                  size_t len, uint8_t pk[32]);

#endif
