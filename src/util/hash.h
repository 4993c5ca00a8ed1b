/*
 * hash.h: the one string hash of Vigil's in-memory tables (the
 * extractor's lexicon, the gazetteer's name sets, country names). Not for
 * anything an attacker chooses to collide on at scale: these tables hold
 * fixed data, and their hashes are never stored.
 *
 * It reads a string eight bytes at a time and mixes with a 64 x 64 ->
 * 128-bit multiply (the scheme of wyhash, public domain). It replaced
 * FNV-1a, whose multiply for every byte was a tenth of the extractor's
 * instructions (benchmark P5, bench/RESULTS.md): the extractor hashes
 * every word of a text, most of them four to ten bytes, which this hashes
 * with two multiplies. Only the hash's value changes what the tables do,
 * never what they answer (keys are compared, or the sets are filters in
 * front of a real lookup).
 */
#ifndef VIGIL_UTIL_HASH_H
#define VIGIL_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t hash_mix(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t hash_read8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t hash_read4(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The hash of s[0..n). */
static inline uint32_t hash_bytes(const void *s, size_t n)
{
    static const uint64_t k0 = 0xa0761d6478bd642fULL,
                          k1 = 0xe7037ed1a0b428dbULL,
                          k2 = 0x8ebc6af09c88c6e3ULL;
    const unsigned char *p = s;
    uint64_t a, b, seed = k0;
    if (n <= 16) {
        if (n >= 4) { /* two overlapping pairs of four bytes */
            size_t m = (n >> 3) << 2;
            a = (hash_read4(p) << 32) | hash_read4(p + m);
            b = (hash_read4(p + n - 4) << 32) | hash_read4(p + n - 4 - m);
        } else if (n > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        size_t left = n;
        for (; left > 16; left -= 16, p += 16)
            seed = hash_mix(hash_read8(p) ^ k1, hash_read8(p + 8) ^ seed);
        /* The last sixteen bytes, overlapping those before them. */
        a = hash_read8(p + left - 16);
        b = hash_read8(p + left - 8);
    }
    uint64_t h = hash_mix(k2 ^ n, hash_mix(a ^ k1, b ^ seed));
    return (uint32_t)(h ^ (h >> 32));
}

#endif
