/*
 * hash.h: FNV-1a, 32 bits: the one string hash of Vigil's in-memory
 * tables (the extractor's lexicon, the gazetteer's name sets, country
 * names). Not for anything an attacker chooses to collide on at scale:
 * these tables hold fixed data.
 */
#ifndef VIGIL_UTIL_HASH_H
#define VIGIL_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

enum { FNV32_BASIS = 2166136261u, FNV32_PRIME = 16777619u };

/* Folds byte c into hash h: start from FNV32_BASIS. */
static inline uint32_t fnv32_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * FNV32_PRIME;
}

/* The FNV-1a hash of s[0..n). */
static inline uint32_t fnv32(const void *s, size_t n)
{
    const unsigned char *p = s;
    uint32_t h = FNV32_BASIS;
    for (size_t i = 0; i < n; i++)
        h = fnv32_step(h, p[i]);
    return h;
}

#endif
