/*
 * view.h: everything a tracker's front page shows, loaded in one read
 * transaction so that its parts agree with each other.
 *
 * Used by `vigil tracker show` and by the renderers of the live page.
 */
#ifndef VIGIL_CORE_VIEW_H
#define VIGIL_CORE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "core/highlights.h"
#include "store/store.h"

/* A tracker's figures: its metrics, their claims and the highlights built
 * from them, as every page, feed and live event that shows figures reads
 * them. */
struct tracker_figures {
    struct metric *metrics; /* by position */
    size_t nmetrics;
    struct claim *claims; /* every claim of those metrics */
    size_t nclaims;
    struct highlight *highlights; /* one per metric */
};

/* Loads the figures of tracker_id (every metric; with `metric`, a key,
 * that one only: VG_ENOTFOUND when the tracker counts no such thing),
 * in the arena, in the caller's read transaction if any. */
int tracker_figures_load(struct store *st, struct arena *a, int64_t tracker_id,
                         const char *metric, struct tracker_figures *out,
                         struct vg_err *err);

struct tracker_view {
    struct tracker tracker;
    struct day_info day;
    struct tracker_figures figures;
    struct update *updates; /* published, newest first */
    size_t nupdates;
    struct update *pinned; /* the pinned published update, or NULL */
    int64_t last_change;   /* the change log's last seq when loaded */
    int64_t identified;    /* people the registry names as killed */
};

/* Loads tracker `slug` as of `now` with at most `limit` latest updates
 * (0: all) of those `which` selects, everything in the arena. Fails with
 * VG_ENOTFOUND (field "tracker") for an unknown slug. */
int tracker_view_load(struct store *st, struct arena *a, const char *slug,
                      int64_t now, enum update_filter which, size_t limit,
                      struct tracker_view *out, struct vg_err *err);

#endif
