/*
 * sitemap.h: robots.txt and the sitemaps (sitemaps.org protocol 0.9) that
 * tell search engines which pages are public.
 *
 * Every URL is absolute (the site's base URL) and written through
 * xml_text; times are W3C Datetimes in UTC.
 */
#ifndef VIGIL_RENDER_SITEMAP_H
#define VIGIL_RENDER_SITEMAP_H

#include "core/sitemap.h"
#include "render/layout.h"

/* robots.txt: the public pages allowed, the desk, sign-in and the write
 * API disallowed, and where the sitemap is. */
void render_robots(struct buf *b, const struct site *s);
/* The sitemap index: one sitemap per tracker of t[0..n). */
void render_sitemap_index(struct buf *b, const struct site *s,
                          const struct tracker *t, size_t n);
/* A tracker's sitemap: its URLs u[0..n). */
void render_sitemap(struct buf *b, const struct site *s,
                    const struct tracker *t, const struct sitemap_url *u,
                    size_t n);

#endif
