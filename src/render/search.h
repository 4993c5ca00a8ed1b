/*
 * search.h: the search page, the public site's (/search, /t/SLUG/search)
 * and the desk's (/admin/search): the box, a GET form that works without
 * JavaScript, and the ranked results, each linked to its record with its
 * matches marked (<mark>) in text escaped as any other.
 */
#ifndef VIGIL_RENDER_SEARCH_H
#define VIGIL_RENDER_SEARCH_H

#include "core/search.h"
#include "render/admin.h"
#include "render/layout.h"
#include "util/buf.h"

struct search_page {
    const struct tracker *tracker;      /* the tracker searched, or NULL: all */
    const char *q;                      /* the query as typed, or NULL */
    const char *notice;                 /* why the query was refused, or NULL */
    const struct search_results *found; /* NULL: nothing searched yet */
    int page;                           /* the page shown, from 1 */
    const struct desk *desk;       /* the desk's search, or NULL: the site's */
    const struct tracker *choices; /* the desk's: trackers to pick from */
    size_t nchoices;
};

void render_search_page(struct buf *b, const struct site *s,
                        const struct search_page *p);

#endif
