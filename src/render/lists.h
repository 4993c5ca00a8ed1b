/*
 * lists.h: the site's index of trackers, the sources page, and the error
 * page.
 */
#ifndef VIGIL_RENDER_LISTS_H
#define VIGIL_RENDER_LISTS_H

#include <stddef.h>

#include "core/day.h"
#include "render/layout.h"

/* GET /: every tracker with its Day N; days[i] belongs to t[i]. */
void render_index(struct buf *b, const struct site *s, const struct tracker *t,
                  const struct day_info *days, size_t n);
/* GET /sources: every source, with kind, note, grade and site. */
void render_sources(struct buf *b, const struct site *s,
                    const struct source *src, size_t n);
/* An error page: "404 Not found" and a sentence. */
void render_error_page(struct buf *b, const struct site *s, int status,
                       const char *reason, const char *message);

#endif
