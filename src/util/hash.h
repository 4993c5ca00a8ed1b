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
 * with two multiplies. A string of up to sixteen bytes hashes as its two
 * little-endian words, zero past its end (hash_words): the tokenizer has
 * a word's form in registers as it reads it, and hashing it there spares
 * reading back bytes just stored, which the processor cannot forward
 * from several narrower stores. Only the hash's value changes what the
 * tables do, never what they answer (keys are compared, or the sets are
 * filters in front of a real lookup).
 */
#ifndef VIGIL_UTIL_HASH_H
#define VIGIL_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const uint64_t hash_keys[3] = {
    0xa0761d6478bd642fULL, 0xe7037ed1a0b428dbULL, 0x8ebc6af09c88c6e3ULL};

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

/* The hash of n bytes whose last sixteen (zero past the end when n <
 * 16) are the little-endian words lo, hi, after the blocks before them
 * mixed into seed. */
static inline uint32_t hash_finish(uint64_t lo, uint64_t hi, uint64_t seed,
                                   size_t n)
{
    /* Three independent 64-bit multiplies, summed, their top half kept
     * (its bits depend on every bit of the input): the tables index by
     * the low bits of this, and the tokenizer waits on it for every word
     * before the lexicon's probe can load, so its latency is one
     * multiply, where mixing twice through 128-bit products was two. */
    uint64_t h = (lo ^ seed) * hash_keys[1] + hi * hash_keys[2] +
                 (n ^ hash_keys[0]) * UINT64_C(0x9E3779B97F4A7C15);
    return (uint32_t)(h >> 32);
}

/* The n <= 16 bytes at p as two little-endian words, zero past the end,
 * reading no byte beyond them. */
static inline void hash_load16(const unsigned char *p, size_t n, uint64_t *lo,
                               uint64_t *hi)
{
    if (n > 8) {
        *lo = hash_read8(p);
        *hi = hash_read8(p + n - 8) >> (8 * (16 - n));
    } else if (n >= 4) {
        *lo = hash_read4(p) | (hash_read4(p + n - 4) >> (8 * (8 - n))) << 32;
        *hi = 0;
    } else {
        *lo = (n > 0 ? p[0] : 0) | (uint64_t)(n > 1 ? p[1] : 0) << 8 |
              (uint64_t)(n > 2 ? p[2] : 0) << 16;
        *hi = 0;
    }
}

/* The hash of a string of n <= 16 bytes given as hash_load16's words. */
static inline uint32_t hash_words(uint64_t lo, uint64_t hi, size_t n)
{
    return hash_finish(lo, hi, hash_keys[0], n);
}

/* The hash of s[0..n). */
static inline uint32_t hash_bytes(const void *s, size_t n)
{
    const unsigned char *p = s;
    if (n <= 16) {
        uint64_t lo, hi;
        hash_load16(p, n, &lo, &hi);
        return hash_words(lo, hi, n);
    }
    uint64_t seed = hash_keys[0];
    size_t left = n;
    for (; left > 16; left -= 16, p += 16)
        seed = hash_mix(hash_read8(p) ^ hash_keys[1], hash_read8(p + 8) ^ seed);
    /* The last sixteen bytes, overlapping those before them. */
    return hash_finish(hash_read8(p + left - 16), hash_read8(p + left - 8),
                       seed, n);
}

#endif
