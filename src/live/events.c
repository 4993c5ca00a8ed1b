/* events.c: rendering a change into an event for readers. */
#include "live/events.h"

#include <jansson.h>
#include <stdlib.h>

#include "core/embeds.h"
#include "core/bylines.h"
#include "model/enums.h"
#include "core/view.h"
#include "core/trackers.h"
#include "render/live.h"

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static int update_event(struct store *st, struct arena *a,
                        const struct tracker *t, int64_t number,
                        struct live_event *ev, struct vg_err *err)
{
    struct update u;
    int rc = store_update_get(st, a, t->id, number, &u, err);
    if (rc != 0 ||
        (u.status != UPDATE_PUBLISHED && u.status != UPDATE_RETRACTED))
        return rc == VG_ENOTFOUND ? 0 : rc; /* drafts are not news */
    rc = bylines_fill(st, a, t, &u, 1, err);
    if (rc == 0)
        rc = embeds_fill(st, a, &u, 1, err);
    if (rc != 0)
        return rc;
    struct buf html = BUF_INIT(1 << 20), section = BUF_INIT(4096);
    char at[TIMESTAMP_LEN + 1];
    int64_t day = render_update_day(t, &u);
    /* Where it goes in its day: the order of a reload, by this time (as
     * its <time datetime>) and then by number. */
    timestamp_format(u.published_at ? u.published_at : u.created_at, at);
    render_update_article(&html, t, &u);
    render_day_section(&section, t, day);
    ev->name = "update";
    ev->data = dump(json_pack("{s:I, s:s, s:b, s:b, s:I, s:s, s:s, s:s}",
                              "number", (json_int_t)number, "status",
                              enum_name(&update_status_names, (int)u.status),
                              "pinned", u.pinned, "key", u.key_event, "day",
                              (json_int_t)day, "at", at, "html",
                              buf_cstr(&html), "section", buf_cstr(&section)));
    buf_release(&html);
    buf_release(&section);
    return 0;
}

static int figures_event(struct store *st, struct arena *a,
                         const struct tracker *t, struct live_event *ev,
                         struct vg_err *err)
{
    struct tracker_figures f;
    int64_t identified = 0;
    int rc = tracker_figures_load(st, a, t->id, NULL, &f, err);
    if (rc == 0)
        rc = store_victim_identified(st, t->id, &identified, err);
    if (rc != 0)
        return rc;
    struct buf html = BUF_INIT(1 << 20);
    render_highlights(&html, t, f.highlights, f.nmetrics, identified);
    ev->name = "figures";
    ev->data = dump(json_pack("{s:s}", "html", buf_cstr(&html)));
    buf_release(&html);
    return 0;
}

int live_event_render(struct store *st, struct arena *a, const struct change *c,
                      struct live_event *ev, struct vg_err *err)
{
    struct tracker t;
    *ev = (struct live_event){c->tracker_id, NULL, NULL};
    int rc = store_read_begin(st, err);
    if (rc == 0)
        rc = store_tracker_by_id(st, a, c->tracker_id, &t, err);
    /* What readers of the tracker get, in its language. */
    struct cal_style style;
    if (rc == 0)
        tracker_style(&t, &style);
    struct i18n_scope lang =
        i18n_begin(rc == 0 ? tracker_lang(&t) : NULL, rc == 0 ? &style : NULL);
    if (rc == 0 && c->kind == CHANGE_UPDATE)
        rc = update_event(st, a, &t, c->number, ev, err);
    else if (rc == 0 && c->kind == CHANGE_FIGURES)
        rc = figures_event(st, a, &t, ev, err);
    else if (rc == 0) {
        ev->name = "tracker";
        ev->data = dump(json_pack("{s:b}", "reload", 1));
    }
    i18n_end(lang);
    store_read_end(st);
    return rc;
}

char *live_day_data(const struct tracker *t, const struct day_info *d)
{
    struct cal_style style;
    tracker_style(t, &style);
    struct i18n_scope lang = i18n_begin(tracker_lang(t), &style);
    struct buf line = BUF_INIT(256), title = BUF_INIT(1024);
    render_day_line(&line, d);
    render_live_title(&title, t, d);
    i18n_end(lang);
    char *s =
        dump(json_pack("{s:I, s:s, s:s}", "day", (json_int_t)d->number,
                       "dayline", buf_cstr(&line), "title", buf_cstr(&title)));
    buf_release(&line);
    buf_release(&title);
    return s;
}
