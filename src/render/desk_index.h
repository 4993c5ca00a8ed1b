/*
 * desk_index.h: /admin: the trackers to work on and the pages of each.
 */
#ifndef VIGIL_RENDER_DESK_INDEX_H
#define VIGIL_RENDER_DESK_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* /admin: the trackers to work on (those the user holds a role on;
 * every one for an admin) and what the user may do on each. */
void render_desk_index(struct buf *b, const struct desk *d,
                       const struct tracker *t, size_t n);

#endif
