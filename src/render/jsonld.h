/*
 * jsonld.h: what the public pages tell search engines in schema.org's
 * vocabulary (https://schema.org), as JSON-LD for layout.h's <script>
 * (written there through html_json, so no text can end the element).
 *
 * Times are DateTimes in UTC ("2019-11-15T20:30:00Z"); coverage starts at
 * the first local midnight of Day 1 and ends at the midnight after its
 * last day. The publisher is the site, named by its host.
 */
#ifndef VIGIL_RENDER_JSONLD_H
#define VIGIL_RENDER_JSONLD_H

#include <jansson.h>

#include "core/view.h"
#include "render/layout.h"

/* The live page's LiveBlogPosting: the tracker, its coverage, the Event
 * it is about (placed in its country, when it has one) and the shown
 * updates as liveBlogUpdate items; image is the absolute URL of the page's
 * image, or NULL. Returns a new reference. */
json_t *jsonld_live(const struct site *s, const struct tracker_view *v,
                    const char *image);
/* An update page's BlogPosting, part of the tracker's LiveBlogPosting.
 * Returns a new reference. */
json_t *jsonld_update(const struct site *s, const struct tracker *t,
                      const struct update *u);
/* Appends the absolute URL of the largest JPEG of u's image (images_fill)
 * to b; nothing when u has none. */
void jsonld_image_url(struct buf *b, const struct site *s,
                      const struct update *u);

#endif
