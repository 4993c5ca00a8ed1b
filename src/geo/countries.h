/*
 * countries.h: ISO 3166-1 countries by alpha-2 code, from Debian's
 * iso-codes (embedded at build time), for exports that name a country or
 * give its numeric code (ACLED's `country` and `iso` columns).
 */
#ifndef VIGIL_GEO_COUNTRIES_H
#define VIGIL_GEO_COUNTRIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct country {
    const char *alpha2, *alpha3, *numeric, *name;
};

/* The country with alpha-2 code cc ("IR"), or NULL. */
const struct country *country_find(const char *cc);
/* The country with this numeric code ("364") or name ("Iran, Islamic
 * Republic of"; also its common name, "Iran", and the names news use,
 * "Russia", "UK"), or NULL. */
const struct country *country_by_numeric(const char *numeric);
const struct country *country_by_name(const char *name);
/* country_by_name of s[0..n), not NUL-terminated. */
const struct country *country_by_name_n(const char *s, size_t n);
/* Whether some country's name may begin with a word whose lower-case
 * ASCII form (the extractor's matching form of an ASCII word) has hash
 * `hash` (hash_bytes, util/hash.h): false when none does. Names whose
 * first word is not ASCII never match an ASCII word, so are left out. */
bool country_may_begin(uint32_t hash);

/* The name people use: iso-codes' common name ("Iran") when it has one,
 * else its name ("France"). Lent for the process's life. */
const char *country_short_name(const struct country *c);

#endif
