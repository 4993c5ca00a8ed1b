/*
 * sitemap.h: which pages of a tracker a sitemap announces to search
 * engines (sitemaps.org 0.9), and when each last changed.
 *
 * A tracker's sitemap lists its main pages, the day pages of the days
 * that have published updates, and its published updates' pages; a draft,
 * a scheduled update and a retracted one are left out, and so is an
 * unlisted tracker (reached by its address only). The protocol allows
 * SITEMAP_MAX URLs in one file: each update adds at most two (its page
 * and its day's), so a tracker lists its newest SITEMAP_UPDATES_MAX
 * updates; older ones stay reachable through the pages listed.
 */
#ifndef VIGIL_CORE_SITEMAP_H
#define VIGIL_CORE_SITEMAP_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum {
    SITEMAP_MAX = 50000, /* URLs in one sitemap (sitemaps.org) */
    SITEMAP_PAGES = 5,   /* a tracker's main pages */
    SITEMAP_UPDATES_MAX = (SITEMAP_MAX - SITEMAP_PAGES) / 2,
};

enum sitemap_kind {
    SITEMAP_PAGE,   /* a main page: path */
    SITEMAP_DAY,    /* /day/NUMBER */
    SITEMAP_UPDATE, /* /u/NUMBER */
};

/* One URL of a tracker's sitemap, below /t/SLUG. */
struct sitemap_url {
    enum sitemap_kind kind;
    const char *path; /* SITEMAP_PAGE: "", "/days", ...; else NULL */
    int64_t number;   /* the day's or the update's number */
    int64_t lastmod;  /* UTC seconds; 0 when unknown */
};

/* Loads the URLs of tracker t (listed or not: the caller decides) into
 * *out, at most SITEMAP_MAX, in the arena: main pages, then each day with
 * updates and its updates, newest first. */
int sitemap_load(struct store *st, struct arena *a, const struct tracker *t,
                 struct sitemap_url **out, size_t *n, struct vg_err *err);

#endif
