/*
 * desk_events.h: a tracker's events on the desk.
 */
#ifndef VIGIL_RENDER_DESK_EVENTS_H
#define VIGIL_RENDER_DESK_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* /admin/t/SLUG/events: the form to record an event (type and sub-type
 * as one choice, ACLED's), and every event with a link to its edit form
 * and a retract button. */
void render_desk_events(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct source *s,
                        size_t ns, const struct event *e, size_t ne);

#endif
