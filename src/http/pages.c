/* pages.c: handlers of the HTML pages readers see. */
#include "http/handlers.h"

#include <stdio.h>
#include <string.h>

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/images.h"
#include "core/trackers.h"
#include "core/view.h"
#include "http/static.h"
#include "live/watch.h"
#include "render/lists.h"
#include "render/live.h"
#include "render/lite.h"
#include "render/tally.h"
#include "store/migrations.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* GET / */
int page_index(struct req *r)
{
    struct tracker *t;
    struct day_info *days;
    size_t n;
    int rc = req_listed_trackers(r, &t, &days, &n);
    if (rc != 0)
        return rc;
    r->content_type = HTML_TYPE;
    render_index(&r->body, &r->app->site, t, days, n);
    return 200;
}

/* GET /sources */
int page_sources(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct source *s;
    size_t n;
    if (store_source_list(req_store(r), &r->arena, 0, &s, &n, &err) != 0)
        return req_read_failed(r);
    r->content_type = HTML_TYPE;
    render_sources(&r->body, &r->app->site, s, n);
    return 200;
}

/* GET /t/:slug (?filter=key: key events only) */
int page_live(struct req *r)
{
    struct tracker_view v;
    int rc = req_view(r, r->key_only ? UPDATES_KEY : UPDATES_PUBLIC,
                      LIVE_PAGE_UPDATES, &v);
    if (rc != 0)
        return rc;
    r->content_type = HTML_TYPE;
    render_live(&r->body, &r->app->site, &v, r->key_only);
    return 200;
}

/* GET /t/:slug/u/:n */
int page_update(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct day_info d;
    struct update u, *revs;
    size_t nrev;
    int rc = req_tracker(r, &t, &d);
    if (rc == 0)
        rc = req_public_update(r, &t, &u, &revs, &nrev);
    if (rc != 0)
        return rc;
    if (images_fill(req_store(r), &r->arena, &t, &u, 1, &err) != 0)
        return req_read_failed(r);
    r->content_type = HTML_TYPE;
    render_update_page(&r->body, &r->app->site, &t, &d, &u, revs, nrev);
    return 200;
}

/* GET /t/:slug/day/:n */
int page_day(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct day_info d;
    struct update *u;
    size_t n;
    int rc = req_tracker(r, &t, &d);
    if (rc != 0)
        return rc;
    int64_t day = req_param_number(r, 1);
    if (day < 1 || day > d.number)
        return req_error(r, 404, "This tracker has no day %.20s yet.",
                         req_param(r, 1));
    if (store_update_between(
            req_store(r), &r->arena, t.id, tracker_day_start(&t, day),
            tracker_day_start(&t, day + 1), &u, &n, &err) != 0 ||
        bylines_fill(req_store(r), &r->arena, &t, u, n, &err) != 0 ||
        embeds_fill(req_store(r), &r->arena, u, n, &err) != 0)
        return req_read_failed(r);
    r->content_type = HTML_TYPE;
    render_day_page(&r->body, &r->app->site, &t, &d, day, u, n);
    return 200;
}

/* GET /t/:slug/days */
int page_days(struct req *r)
{
    struct tracker t;
    struct day_info d;
    int rc = req_tracker(r, &t, &d);
    if (rc != 0)
        return rc;
    r->content_type = HTML_TYPE;
    render_days_page(&r->body, &r->app->site, &t, &d);
    return 200;
}

/* What the figures pages show: the tracker, its day, metrics, claims. */
struct figures {
    struct tracker t;
    struct day_info d;
    struct tracker_figures fig;
};

static int load_figures(struct req *r, struct figures *f)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = req_tracker(r, &f->t, &f->d);
    if (rc != 0)
        return rc;
    if (tracker_figures_load(req_store(r), &r->arena, f->t.id, NULL, &f->fig,
                             &err) != 0)
        return req_read_failed(r);
    return 0;
}

/* GET /t/:slug/tallies */
int page_tallies(struct req *r)
{
    struct figures f;
    int rc = load_figures(r, &f);
    if (rc != 0)
        return rc;
    r->content_type = HTML_TYPE;
    render_tallies(&r->body, &r->app->site, &f.t, &f.d, f.fig.highlights,
                   f.fig.nmetrics);
    return 200;
}

/* GET /t/:slug/tallies/:metric */
int page_tally(struct req *r)
{
    struct figures f;
    int rc = load_figures(r, &f);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < f.fig.nmetrics; i++) {
        if (strcmp(f.fig.metrics[i].key, req_param(r, 1)) != 0)
            continue;
        r->content_type = HTML_TYPE;
        render_tally(&r->body, &r->app->site, &f.t, &f.d, &f.fig.metrics[i],
                     f.fig.claims, f.fig.nclaims);
        return 200;
    }
    return req_error(r, 404, "This tracker counts no \"%.64s\".",
                     req_param(r, 1));
}

/* GET /t/:slug/lite */
int page_lite(struct req *r)
{
    struct tracker_view v;
    int rc = req_view(r, UPDATES_PUBLIC, LITE_PAGE_UPDATES, &v);
    if (rc != 0)
        return rc;
    r->content_type = HTML_TYPE;
    render_lite(&r->body, &v);
    return 200;
}

/* GET /static/:file */
int static_file(struct req *r)
{
    const struct static_file *f =
        statics_find(&r->app->statics, req_param(r, 0));
    if (f == NULL)
        return req_error(r, 404, "No such file.");
    r->content_type = f->content_type;
    buf_append(&r->body, f->data, f->len);
    return 200;
}

/* GET /favicon.ico: the icon, for clients that ask without reading the
 * page's link to it. */
int favicon(struct req *r)
{
    const struct static_file *f = &r->app->statics.icon;
    r->content_type = f->content_type;
    buf_append(&r->body, f->data, f->len);
    return 200;
}

/* GET /healthz: 200 while the process runs and answers (for a
 * supervisor: restart it when this fails). Reads nothing. */
int healthz(struct req *r)
{
    r->content_type = "text/plain; charset=utf-8";
    BUF_LIT(&r->body, "ok\n");
    return 200;
}

/* GET /readyz: for a load balancer, 200 only while this node can serve:
 * it reads the record (a read now, on a pooled connection) at the schema
 * this build knows, and its watch is sound (with PostgreSQL: its LISTEN
 * connection is up, live/watch.h); else 503 and the reason, and the
 * balancer sends readers to another node. */
int readyz(struct req *r)
{
    int64_t last;
    r->content_type = "text/plain; charset=utf-8";
    if (store_change_last(req_store(r), &last, NULL) != 0)
        return req_error(r, 503, "The record cannot be read.");
    int version = store_schema_version(req_store(r));
    if (version != (int)migration_count)
        return req_error(r, 503,
                         "The record is at schema %d; this build needs %d.",
                         version, (int)migration_count);
    if (r->app->watch && !watch_healthy(r->app->watch))
        return req_error(r, 503, "This node no longer hears of changes.");
    buf_printf(&r->body, "ready %lld\n", (long long)last);
    return 200;
}
