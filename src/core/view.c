/* view.c: loading a tracker's front page. */
#include "core/view.h"

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/images.h"
#include "core/trackers.h"

static int load_pinned(struct store *st, struct arena *a,
                       struct tracker_view *v, struct vg_err *err)
{
    struct update *pin = arena_alloc(a, sizeof *pin);
    int rc = store_update_pinned(st, a, v->tracker.id, pin, err);
    if (rc == VG_ENOTFOUND)
        return 0;
    if (rc == 0 && pin->status == UPDATE_PUBLISHED)
        v->pinned = pin;
    return rc;
}

static int load(struct store *st, struct arena *a, const char *slug,
                enum update_filter which, size_t limit, struct tracker_view *v,
                struct vg_err *err)
{
    int64_t id;
    int rc = tracker_lookup(st, a, "tracker", slug, &v->tracker, err);
    if (rc != 0)
        return rc;
    id = v->tracker.id;
    rc = store_metric_list(st, a, id, &v->metrics, &v->nmetrics, err);
    if (rc == 0)
        rc = store_claim_list(st, a, id, 0, &v->claims, &v->nclaims, err);
    if (rc == 0)
        rc = store_update_list(st, a, id, which, limit, &v->updates,
                               &v->nupdates, err);
    if (rc == 0)
        rc = bylines_fill(st, a, &v->tracker, v->updates, v->nupdates, err);
    if (rc == 0)
        rc = embeds_fill(st, a, v->updates, v->nupdates, err);
    if (rc == 0)
        rc = load_pinned(st, a, v, err);
    if (rc == 0 && v->pinned)
        rc = bylines_fill(st, a, &v->tracker, v->pinned, 1, err);
    if (rc == 0 && v->pinned)
        rc = embeds_fill(st, a, v->pinned, 1, err);
    /* The page's image for link previews and search engines. */
    if (rc == 0)
        rc = images_fill(st, a, &v->tracker, v->updates, v->nupdates, err);
    if (rc == 0 && v->pinned)
        rc = images_fill(st, a, &v->tracker, v->pinned, 1, err);
    if (rc == 0)
        rc = store_change_last(st, &v->last_change, err);
    if (rc == 0)
        rc = store_victim_identified(st, id, &v->identified, err);
    return rc;
}

int tracker_view_load(struct store *st, struct arena *a, const char *slug,
                      int64_t now, enum update_filter which, size_t limit,
                      struct tracker_view *out, struct vg_err *err)
{
    *out = (struct tracker_view){0};
    int rc = store_read_begin(st, err);
    if (rc != 0)
        return rc;
    rc = load(st, a, slug, which, limit, out, err);
    store_read_end(st);
    if (rc == 0)
        rc = tracker_day(&out->tracker, now, &out->day, err);
    if (rc == 0)
        out->highlights = highlights_build(a, out->metrics, out->nmetrics,
                                           out->claims, out->nclaims);
    return rc;
}
