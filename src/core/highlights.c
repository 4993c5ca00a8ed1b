/* highlights.c: latest claim per source, and the range across sources. */
#include "core/highlights.h"

#include <stdlib.h>
#include <string.h>

#include "core/figure.h"

/* True when a is a later statement than b by the same source. */
static bool later(const struct claim *a, const struct claim *b)
{
    int c = date_cmp(a->as_of, b->as_of);
    return c > 0 || (c == 0 && a->number > b->number);
}

static int by_figure_desc(const void *pa, const void *pb)
{
    const struct claim *a = *(const struct claim *const *)pa;
    const struct claim *b = *(const struct claim *const *)pb;
    int64_t ta = figure_top(a), tb = figure_top(b);
    if (ta != tb)
        return ta > tb ? -1 : 1;
    if (a->low != b->low)
        return a->low > b->low ? -1 : 1;
    return strcmp(a->source_slug ? a->source_slug : "",
                  b->source_slug ? b->source_slug : "");
}

/* Replaces or adds c in the per-source list h->latest[0..sources). */
static void keep_latest(struct highlight *h, const struct claim *c)
{
    for (size_t i = 0; i < h->sources; i++) {
        if (h->latest[i]->source_id == c->source_id) {
            if (later(c, h->latest[i]))
                h->latest[i] = c;
            return;
        }
    }
    h->latest[h->sources++] = c;
}

static void find_range(struct highlight *h)
{
    for (size_t i = 0; i < h->sources; i++) {
        const struct claim *c = h->latest[i];
        if (h->lowest == NULL || c->low < h->lowest->low)
            h->lowest = c;
        if (h->highest == NULL || figure_top(c) > figure_top(h->highest))
            h->highest = c;
    }
}

struct highlight *highlights_build(struct arena *a,
                                   const struct metric *metrics, size_t nm,
                                   const struct claim *claims, size_t nc)
{
    struct highlight *out = arena_alloc(a, (nm ? nm : 1) * sizeof *out);
    for (size_t m = 0; m < nm; m++) {
        struct highlight *h = &out[m];
        h->metric = &metrics[m];
        h->latest = arena_alloc(a, (nc ? nc : 1) * sizeof *h->latest);
        for (size_t i = 0; i < nc; i++)
            if (claims[i].metric_id == metrics[m].id &&
                claims[i].status != CLAIM_RETRACTED)
                keep_latest(h, &claims[i]);
        qsort(h->latest, h->sources, sizeof *h->latest, by_figure_desc);
        find_range(h);
    }
    return out;
}
