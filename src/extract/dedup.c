/*
 * dedup.c: an index of the items a scanner has found, by a hash of what
 * makes two of them the same (scan.h, struct dedup).
 *
 * Tallies, places and dates are each proposed once: a scanner adding an
 * item looked for its duplicate by walking every item found so far,
 * which made the scan quadratic in a long text (benchmark P5). The index
 * holds each item's hash and position; the arrays stay as they were.
 */
#include <assert.h>
#include <string.h>

#include "extract/scan.h"

/* Rebuilds d with twice the slots (16 at first), from its hashes. */
static void grow(struct dedup *d, struct arena *a)
{
    size_t slots = d->mask ? 2 * (d->mask + 1) : 16;
    uint32_t *hash = arena_alloc(a, slots * sizeof *hash);
    uint32_t *item = arena_alloc(a, slots * sizeof *item);
    for (size_t s = 0; d->mask && s <= d->mask; s++) {
        if (d->item[s] == 0)
            continue;
        size_t t = d->hash[s] & (slots - 1);
        while (item[t])
            t = (t + 1) & (slots - 1);
        hash[t] = d->hash[s], item[t] = d->item[s];
    }
    d->hash = hash, d->item = item, d->mask = slots - 1;
}

void dedup_add(struct dedup *d, struct arena *a, uint32_t h, size_t index)
{
    assert(index < UINT32_MAX);
    if (2 * (d->n + 1) > d->mask + 1) /* at most half full */
        grow(d, a);
    size_t s = h & d->mask;
    while (d->item[s])
        s = (s + 1) & d->mask;
    d->hash[s] = h;
    d->item[s] = (uint32_t)(index + 1);
    d->n++;
}
