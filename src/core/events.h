/*
 * events.h: recording what happened, where (DESIGN §2 Event), with the
 * fields of ACLED's codebook where they overlap (reference/acled-hxl.md):
 * a date or range with its time precision, the event type and sub-type
 * (ACLED's hierarchy, plus Vigil's "Internet shutdown" and "Statement"),
 * a place from the gazetteer (or named freely, with its country) and its
 * geo precision, actors, a crowd size as a qualified figure, fatalities,
 * a source. Nothing is overwritten: an edit or a retraction is a new
 * revision, and the event as first recorded stays in the record.
 */
#ifndef VIGIL_CORE_EVENTS_H
#define VIGIL_CORE_EVENTS_H

#include <jansson.h>

#include "core/op.h"
#include "geo/gazetteer.h"
#include "util/buf.h"

struct event_input {
    const char *date;           /* YYYY-MM-DD */
    const char *end_date;       /* optional, a range's last day */
    const char *time_precision; /* 1, 2, 3 (default 1, or 2 for a range) */
    const char *type;           /* "Protests" */
    const char *sub_type;       /* "Peaceful protest" */
    const char *place;          /* a name the gazetteer knows, or any name */
    const char *country;        /* ISO code: ranks the gazetteer's places;
                                   required for a place it does not know */
    const char *admin1;         /* the region, with lat and lon */
    const char *lat, *lon;      /* decimal degrees, to place it exactly */
    const char *geo_precision;  /* 1, 2, 3 (default 1) */
    const char *actor1, *actor2;
    const char *size_qualifier, *size_low, *size_high, *size_words;
    const char *fatalities;
    const char *source; /* source slug */
    const char *url, *notes;
};

/* The event types and their sub-types, in ACLED's order ("" ends each
 * list; NULL ends the table). */
extern const char *const event_types[][9];

/* Records an event in tracker `slug`; g (may be NULL) places it. Stores
 * its number in *number. Needs the editor role. */
int event_add(struct op *op, const struct gazetteer *g,
              const char *tracker_slug, const struct event_input *in,
              int64_t *number, struct vg_err *err);
/*
 * Validates an event for tracker t into e, all but its source (a slug
 * looked up in the store): e->number, status, recorded_by and
 * recorded_at must be set; the rest comes from in. Reads nothing from the
 * store, so an import may run it beside the thread that writes.
 */
int event_check(struct op *op, const struct gazetteer *g,
                const struct tracker *t, const struct event_input *in,
                struct event *e, struct vg_err *err);
/*
 * Validates an event for tracker t and inserts it with its first
 * revision, inside the op's open transaction, without an audit row.
 * e->number, status, recorded_by and recorded_at must be set; the rest
 * comes from in. For event_add and imports.
 */
int event_insert_checked(struct op *op, const struct gazetteer *g,
                         const struct tracker *t, const struct event_input *in,
                         struct event *e, struct vg_err *err);
/* The input that records event e again (its text in arena a). */
struct event_input event_input_of(struct arena *a, const struct event *e);

/*
 * Edits an event of tracker `slug`: each field of in that is given
 * replaces the event's (NULL keeps it; "" clears an optional one; the
 * crowd size only as a whole). A new place without coordinates is placed
 * anew by g (may be NULL). A new revision whose body is the whole event;
 * VG_ECONFLICT for a retracted event, VG_EINVAL when nothing changes.
 * Needs the editor role.
 */
int event_edit(struct op *op, const struct gazetteer *g,
               const char *tracker_slug, int64_t number,
               const struct event_input *in, struct vg_err *err);
/* Marks an event retracted (a new revision; it stays in the record). */
int event_retract(struct op *op, const char *tracker_slug, int64_t number,
                  struct vg_err *err);

/* A place's id in addresses (/t/SLUG/places/ID): 16 hex digits of a
 * hash of its country and name as recorded, stable and URL-safe. */
void event_place_id(const struct event *e, char out[17]);

/* The localities derived from events (DESIGN §2): the distinct places in
 * country (NULL: anywhere) of published events placed at a town or near
 * one (geo precision 1 or 2; a region is not a locality). */
size_t event_localities(const char *country, const struct event *e, size_t n);

/* The event as the API and exports show it. */
json_t *event_json(const struct event *e);
/*
 * Appends the body of e's revision row to b: event_json's keys in its
 * order, then "recorded_by" and "recorded_at", as compact ASCII JSON, the
 * same bytes json_dumps writes for that object (JSON_COMPACT |
 * JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10)), but
 * written directly: an import writes one per row.
 */
void event_rev_json(const struct event *e, struct buf *b);
/* The same as text in arena a; NULL when it would exceed a revision's
 * limit. */
const char *event_rev_body(const struct event *e, struct arena *a);

#endif
