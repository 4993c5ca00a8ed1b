/*
 * events.h: a tracker's events as a page (with filters, the localities
 * counted from the events beside the sources' claimed counts, and the
 * "solidarity abroad" timeline), as ACLED-compatible CSV with an HXL
 * hashtag row, and as GeoJSON (RFC 7946). reference/acled-hxl.md.
 */
#ifndef VIGIL_RENDER_EVENTS_H
#define VIGIL_RENDER_EVENTS_H

#include <stddef.h>

#include "core/highlights.h"
#include "render/layout.h"
#include "render/map.h"
#include "model/model.h"

/* What the events page shows beside the list. */
struct events_page {
    const struct tracker *tracker;
    const struct event *events; /* filtered, oldest first */
    size_t n;
    const struct event_filter *filter; /* as asked (for the form) */
    size_t localities;                 /* distinct places at home */
    const struct highlight *claimed;   /* the localities metric, or NULL */
    const struct outline *outline;     /* the tracker's country, or NULL */
    const struct map_dot *dots;        /* its places with events */
    size_t ndots;
    const char *place; /* a place page's name (then no filter form) */
};

void render_events_page(struct buf *b, const struct site *s,
                        const struct events_page *p);
/* ACLED's columns, then HXL's hashtags, then one row per event. */
void render_events_csv(struct buf *b, const struct event *e, size_t n);
/* The same in pieces, for an export written as it is read: the two head
 * rows, then one event's row. */
void render_events_csv_head(struct buf *b);
void render_events_csv_row(struct buf *b, const struct event *e);
/* A FeatureCollection: a Point per event with coordinates (null
 * geometry without), the event's fields as properties. */
int render_events_geojson(struct buf *b, const struct event *e, size_t n);

#endif
