/* view.c: loading a tracker's front page. */
#include "core/view.h"

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/images.h"
#include "core/trackers.h"

int tracker_figures_load(struct store *st, struct arena *a, int64_t tracker_id,
                         const char *metric, struct tracker_figures *out,
                         struct vg_err *err)
{
    *out = (struct tracker_figures){0};
    int rc;
    if (metric) {
        out->metrics = arena_alloc(a, sizeof *out->metrics);
        rc = store_metric_get(st, a, tracker_id, metric, out->metrics, err);
        out->nmetrics = rc == 0;
    } else {
        rc = store_metric_list(st, a, tracker_id, &out->metrics, &out->nmetrics,
                               err);
    }
    if (rc == 0)
        rc =
            store_claim_list(st, a, tracker_id, metric ? out->metrics[0].id : 0,
                             &out->claims, &out->nclaims, err);
    if (rc == 0)
        out->highlights = highlights_build(a, out->metrics, out->nmetrics,
                                           out->claims, out->nclaims);
    return rc;
}

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
    rc = tracker_figures_load(st, a, id, NULL, &v->figures, err);
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
    return rc;
}
