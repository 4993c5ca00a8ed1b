/*
 * events.c: handlers of a tracker's events: the page (filters in the
 * query: type, place, from, to), the API, and the CSV and GeoJSON
 * exports (DESIGN §5).
 */
#include <microhttpd.h>
#include <string.h>

#include "core/claims.h"
#include "core/events.h"
#include "core/view.h"
#include "http/form.h"
#include "http/handlers.h"
#include "render/events.h"
#include "render/html.h"

static const char *query(struct req *r, const char *name)
{
    /* A page rendered for the static export has no connection. */
    const char *v =
        r->conn
            ? MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name)
            : NULL;
    return v && *v ? v : NULL;
}

/* The filter from the query; 400 for a malformed date. */
static int filter_from(struct req *r, struct event_filter *f)
{
    const char *from = query(r, "from"), *to = query(r, "to");
    *f = (struct event_filter){.type = query(r, "type"),
                               .location = query(r, "place")};
    if ((from && date_parse(from, strlen(from), &f->from) != 0) ||
        (to && date_parse(to, strlen(to), &f->to) != 0))
        return req_error(r, 400, "Dates in the filter are YYYY-MM-DD.");
    return 0;
}

/* The sources' claims for the metric "localities", if it exists. */
static const struct highlight *claimed_localities(struct req *r,
                                                  const struct tracker *t)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_figures f;
    if (tracker_figures_load(req_store(r), &r->arena, t->id, "localities", &f,
                             &err) != 0)
        return NULL;
    const struct highlight *h = f.highlights;
    return h && h->sources ? h : NULL;
}

/* A dot per place at home with coordinates, sized by its published
 * events, linked to the place's page. */
static struct map_dot *map_dots(struct req *r, const struct tracker *t,
                                const struct event *e, size_t n, size_t *nd)
{
    struct map_dot *d = arena_alloc(&r->arena, (n ? n : 1) * sizeof *d);
    *nd = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].status != EVENT_PUBLISHED || !e[i].has_coords ||
            (t->country && strcmp(e[i].country, t->country) != 0))
            continue;
        size_t j = 0;
        while (j < *nd && strcmp(d[j].label, e[i].location) != 0)
            j++;
        if (j == *nd) {
            char id[17];
            struct buf href = BUF_INIT(512);
            event_place_id(&e[i], id);
            buf_puts(&href, "/t/");
            html_url_path(&href, t->slug);
            buf_printf(&href, "/places/%s", id);
            d[(*nd)++] = (struct map_dot){
                e[i].location, e[i].lon_e5 / 1e5, e[i].lat_e5 / 1e5, 0,
                arena_strdup(&r->arena, buf_cstr(&href))};
            buf_release(&href);
        }
        d[j].count++;
    }
    return d;
}

/* GET /t/:slug/events */
int page_events(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event_filter f, all = {0};
    struct event *e, *every;
    size_t n, nall;
    int status = req_tracker(r, &t, NULL);
    if (status == 0)
        status = filter_from(r, &f);
    if (status != 0)
        return status;
    if (store_event_list(req_store(r), &r->arena, t.id, &f, &e, &n, &err) !=
            0 ||
        store_event_list(req_store(r), &r->arena, t.id, &all, &every, &nall,
                         &err) != 0)
        return req_read_failed(r);
    struct events_page p = {
        .tracker = &t,
        .events = e,
        .n = n,
        .filter = &f,
        .localities = event_localities(t.country, every, nall),
        .claimed = claimed_localities(r, &t),
        .outline = gazetteer_outline(r->app->gazetteer, t.country)};
    p.dots = map_dots(r, &t, e, n, &p.ndots); /* as filtered */
    render_events_page(&r->body, &r->app->site, &p);
    r->content_type = "text/html; charset=utf-8";
    return 200;
}

/* GET /t/:slug/places/:id: the events at one place (event_place_id) */
int page_place(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event *e;
    size_t n;
    struct event_filter all = {0};
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    if (store_event_list(req_store(r), &r->arena, t.id, &all, &e, &n, &err) !=
        0)
        return req_read_failed(r);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char id[17];
        event_place_id(&e[i], id);
        if (strcmp(id, req_param(r, 1)) == 0)
            e[k++] = e[i];
    }
    if (k == 0)
        return req_error(r, 404, "This tracker has no events at that place.");
    struct event_filter f = {.location = e[0].location};
    struct events_page p = {.tracker = &t,
                            .events = e,
                            .n = k,
                            .filter = &f,
                            .place = e[0].location};
    if (t.country && strcmp(e[0].country, t.country) == 0) {
        p.outline = gazetteer_outline(r->app->gazetteer, t.country);
        p.dots = map_dots(r, &t, e, k, &p.ndots);
    }
    render_events_page(&r->body, &r->app->site, &p);
    r->content_type = "text/html; charset=utf-8";
    return 200;
}

static int all_events(struct req *r, struct tracker *t, struct event **e,
                      size_t *n)
{
    struct vg_err err = VG_ERR_INIT;
    struct event_filter f = {.with_retracted = true};
    int status = req_tracker(r, t, NULL);
    if (status != 0)
        return status;
    if (store_event_list(req_store(r), &r->arena, t->id, &f, e, n, &err) != 0)
        return req_read_failed(r);
    return 0;
}

/* GET /t/:slug/export.csv */
int export_csv(struct req *r)
{
    struct tracker t;
    struct event *e;
    size_t n;
    int status = all_events(r, &t, &e, &n);
    if (status != 0)
        return status;
    render_events_csv(&r->body, e, n);
    r->content_type = "text/csv; charset=utf-8; header=present";
    return 200;
}

/* GET /t/:slug/export.geojson */
int export_geojson(struct req *r)
{
    struct tracker t;
    struct event *e;
    size_t n;
    int status = all_events(r, &t, &e, &n);
    if (status != 0)
        return status;
    if (render_events_geojson(&r->body, e, n) != 0)
        return req_error(r, 500, "The events could not be encoded.");
    r->content_type = "application/geo+json; charset=utf-8";
    return 200;
}

/* GET /api/v1/trackers/:slug/events */
int api_events(struct req *r)
{
    struct tracker t;
    struct event *e;
    size_t n;
    int status = all_events(r, &t, &e, &n);
    if (status != 0)
        return status;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, event_json(&e[i]));
    return req_json(r, 200, json_pack("{s:o}", "events", list));
}

static int event_answer(struct req *r, int status, int64_t number)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event e;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (store_event_get(req_store(r), &r->arena, t.id, number, &e, &err) != 0)
        return req_read_failed(r);
    return req_json(r, status, event_json(&e));
}

/* Refuses a body naming another object than the URL (T21). */
static int same_object(struct req *r, const char *field, int param)
{
    const char *v = form_field(r, field);
    if (form_has(r, field) && (v == NULL || strcmp(v, req_param(r, param))))
        return req_error(
            r, 403, "The body's \"%s\" is not the one in the address.", field);
    return 0;
}

/* The event fields of a body. */
static struct event_input event_input_from(struct req *r)
{
    return (struct event_input){
        .date = form_field(r, "date"),
        .end_date = form_field(r, "end_date"),
        .time_precision = form_field(r, "time_precision"),
        .type = form_field(r, "type"),
        .sub_type = form_field(r, "sub_type"),
        .place = form_field(r, "place"),
        .country = form_field(r, "country"),
        .lat = form_field(r, "lat"),
        .lon = form_field(r, "lon"),
        .geo_precision = form_field(r, "geo_precision"),
        .actor1 = form_field(r, "actor1"),
        .actor2 = form_field(r, "actor2"),
        .size_qualifier = form_field(r, "size_qualifier"),
        .size_low = form_field(r, "size_low"),
        .size_high = form_field(r, "size_high"),
        .size_words = form_field(r, "size_words"),
        .fatalities = form_field(r, "fatalities"),
        .source = form_field(r, "source"),
        .url = form_field(r, "url"),
        .notes = form_field(r, "notes"),
    };
}

/* POST /api/v1/trackers/:slug/events */
int api_add_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int status = same_object(r, "tracker", 0);
    if (status != 0)
        return status;
    struct event_input in = event_input_from(r);
    struct op op;
    int64_t number;
    req_write_begin(r, &op);
    int rc =
        event_add(&op, r->app->gazetteer, req_param(r, 0), &in, &number, &err);
    req_write_end(r);
    if (rc != 0)
        return req_fail(r, &err);
    return event_answer(r, 201, number);
}

/* POST /api/v1/trackers/:slug/events/:n: the fields given replace the
 * event's ("" or null clears one) */
int api_edit_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int status = same_object(r, "tracker", 0);
    if (status == 0)
        status = same_object(r, "number", 1);
    if (status != 0)
        return status;
    int64_t n = req_param_number(r, 1);
    struct event_input in = event_input_from(r);
    struct op op;
    req_write_begin(r, &op);
    int rc = n < 1 ? vg_err_set(&err, VG_ENOTFOUND, "number", "no such event")
                   : event_edit(&op, r->app->gazetteer, req_param(r, 0), n, &in,
                                &err);
    req_write_end(r);
    if (rc != 0)
        return req_fail(r, &err);
    return event_answer(r, 200, n);
}

/* POST /api/v1/trackers/:slug/events/:n/retract */
int api_retract_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t n = req_param_number(r, 1);
    int status = same_object(r, "number", 1);
    if (status != 0)
        return status;
    struct op op;
    req_write_begin(r, &op);
    int rc = n < 1 ? vg_err_set(&err, VG_ENOTFOUND, "number", "no such event")
                   : event_retract(&op, req_param(r, 0), n, &err);
    req_write_end(r);
    if (rc != 0)
        return req_fail(r, &err);
    return event_answer(r, 200, n);
}
