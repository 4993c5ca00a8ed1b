/*
 * events.h: what readers' pages receive when something changes: each
 * change of the log (model/model.h, struct change) becomes one event, a
 * name and one line of JSON holding the rendered HTML fragment.
 *
 * Events: "update" (a post, edit, retraction, pin or key mark: the
 * article to put or replace, its day and the section for a new day),
 * "figures" (the highlights box again), "tracker" (the tracker itself
 * changed: reload), "day" (Day N moved on).
 */
#ifndef VIGIL_LIVE_EVENTS_H
#define VIGIL_LIVE_EVENTS_H

#include "core/day.h"
#include "store/store.h"

struct live_event {
    int64_t tracker_id;
    const char *name; /* static */
    char *data;       /* owned JSON, one line; NULL: nothing to send */
};

/* Renders the event of change c. Returns 0 (ev->data NULL when readers
 * see nothing, e.g. a draft), or a VG_E* code. */
int live_event_render(struct store *st, struct arena *a, const struct change *c,
                      struct live_event *ev, struct vg_err *err);

/* The data of a "day" event of tracker t, in its language: {"day": N,
 * "dayline": "Day 45", "title": the live page's new <title>}; owned. */
char *live_day_data(const struct tracker *t, const struct day_info *d);

#endif
