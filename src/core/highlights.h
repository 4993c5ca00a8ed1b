/*
 * highlights.h: the highlights box (DESIGN §2): per metric, the latest
 * claim of each source and the range across sources.
 *
 * A source's latest claim is its claim with the latest as-of date (then the
 * highest number: the one recorded last); retracted claims do not count.
 * Older claims stay in the record and in the tally history; they just do
 * not stand in the box.
 */
#ifndef VIGIL_CORE_HIGHLIGHTS_H
#define VIGIL_CORE_HIGHLIGHTS_H

#include <stddef.h>

#include "model/model.h"
#include "util/arena.h"

struct highlight {
    const struct metric *metric;
    const struct claim **latest; /* one per source, highest figure first */
    size_t sources;              /* entries in latest */
    const struct claim *lowest;  /* the claim with the lowest figure */
    const struct claim *highest; /* the claim with the highest figure */
};

/*
 * Builds one highlight per metric, in the metrics' order, from a tracker's
 * claims (any order). The result and its arrays are in the arena and point
 * into metrics and claims, which must outlive it. Metrics without claims
 * get sources == 0 and NULL lowest/highest.
 */
struct highlight *highlights_build(struct arena *a,
                                   const struct metric *metrics, size_t nm,
                                   const struct claim *claims, size_t nc);

#endif
