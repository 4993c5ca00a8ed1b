/*
 * chain.h: the hash chain over append-only tables.
 *
 * Each row's hash is BLAKE2b-256 (libsodium crypto_generichash) of the
 * previous row's hash followed by the row's columns in table order, each
 * encoded as a type byte ('N' null, 'I' integer, 'T' text, 'B' blob), an
 * 8-byte little-endian length (integers: the value itself) and the bytes.
 * The first row's previous hash is 32 zero bytes. Changing, removing or
 * reordering any row changes every hash after it.
 */
#ifndef VIGIL_UTIL_CHAIN_H
#define VIGIL_UTIL_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

enum { CHAIN_HASH_LEN = 32 };

/* Columns are gathered into `buf` and hashed a block at a time: a row is
 * dozens of small fields, and BLAKE2b's update costs per call (bench P6). */
enum { CHAIN_BUF = 1024 };

struct chain_hasher {
    crypto_generichash_state state;
    size_t used;
    unsigned char buf[CHAIN_BUF];
};

/* Starts the hash of one row; prev is the previous row's hash. */
void chain_begin(struct chain_hasher *h, const unsigned char *prev);
void chain_add_null(struct chain_hasher *h);
void chain_add_int(struct chain_hasher *h, int64_t v);
void chain_add_text(struct chain_hasher *h, const char *s, size_t n);
void chain_add_blob(struct chain_hasher *h, const void *p, size_t n);
/* Finishes the row's hash into out. */
void chain_end(struct chain_hasher *h, unsigned char out[CHAIN_HASH_LEN]);

/* Writes 64 lowercase hex digits and a NUL. */
void chain_hex(const unsigned char hash[CHAIN_HASH_LEN],
               char out[2 * CHAIN_HASH_LEN + 1]);

#endif
