/* chain.c: row hashing for the append-only tables. */
#include "util/chain.h"

#include <string.h>

static void put(struct chain_hasher *h, const void *p, size_t n)
{
    if (h->used + n > sizeof h->buf) {
        crypto_generichash_update(&h->state, h->buf, h->used);
        h->used = 0;
        if (n > sizeof h->buf) {
            crypto_generichash_update(&h->state, p, n);
            return;
        }
    }
    memcpy(h->buf + h->used, p, n);
    h->used += n;
}

static void add_tagged(struct chain_hasher *h, char tag, uint64_t len,
                       const void *p, size_t n)
{
    unsigned char head[9];
    head[0] = (unsigned char)tag;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)(len >> (8 * i));
    put(h, head, sizeof head);
    if (n)
        put(h, p, n);
}

void chain_begin(struct chain_hasher *h, const unsigned char *prev)
{
    crypto_generichash_init(&h->state, NULL, 0, CHAIN_HASH_LEN);
    h->used = 0;
    put(h, prev, CHAIN_HASH_LEN);
}

void chain_add_null(struct chain_hasher *h)
{
    add_tagged(h, 'N', 0, NULL, 0);
}

void chain_add_int(struct chain_hasher *h, int64_t v)
{
    add_tagged(h, 'I', (uint64_t)v, NULL, 0);
}

void chain_add_text(struct chain_hasher *h, const char *s, size_t n)
{
    add_tagged(h, 'T', n, s, n);
}

void chain_add_blob(struct chain_hasher *h, const void *p, size_t n)
{
    add_tagged(h, 'B', n, p, n);
}

void chain_end(struct chain_hasher *h, unsigned char out[CHAIN_HASH_LEN])
{
    crypto_generichash_update(&h->state, h->buf, h->used);
    h->used = 0;
    crypto_generichash_final(&h->state, out, CHAIN_HASH_LEN);
}

void chain_hex(const unsigned char hash[CHAIN_HASH_LEN],
               char out[2 * CHAIN_HASH_LEN + 1])
{
    sodium_bin2hex(out, 2 * CHAIN_HASH_LEN + 1, hash, CHAIN_HASH_LEN);
}
