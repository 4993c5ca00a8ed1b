/*
 * api.c: handlers of the read API under /api/v1 (DESIGN §5).
 *
 * Documents are render/api.h's: entity_json.c's objects without editors'
 * logins. Errors are recorded with req_error; the dispatcher turns them
 * into {"error": {...}}. Answers that show Day N expire at the next local
 * midnight of a live tracker, when the number changes.
 */
#include "http/handlers.h"

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/trackers.h"
#include "core/view.h"
#include "render/api.h"
#include "store/store.h"

static const char JSON_TYPE[] = "application/json; charset=utf-8";

/* ==== Shared steps ==== */

/* The status of a rendered document: 200, or 500 when render failed. */
static int sent(struct req *r, int render_rc)
{
    if (render_rc != 0)
        return req_error(r, 500, "The record could not be encoded.");
    r->content_type = JSON_TYPE;
    return 200;
}

/* ==== Handlers ==== */

/* GET /api/v1/trackers */
int api_trackers(struct req *r)
{
    struct tracker *t;
    struct day_info *days;
    size_t n;
    int rc = req_listed_trackers(r, &t, &days, &n);
    if (rc != 0)
        return rc;
    return sent(r, render_api_trackers(&r->body, &r->app->site, t, days, n));
}

/* GET /api/v1/trackers/:slug */
int api_tracker(struct req *r)
{
    struct tracker_view v;
    /* One update is the least a view loads; only the pinned one is shown. */
    int rc = req_view(r, UPDATES_PUBLIC, 1, &v);
    if (rc != 0)
        return rc;
    return sent(r, render_api_tracker(&r->body, &r->app->site, &v));
}

/* GET /api/v1/trackers/:slug/updates */
int api_updates(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct update *u;
    size_t n;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (store_update_list(req_store(r), &r->arena, t.id, UPDATES_PUBLIC,
                          API_UPDATES, &u, &n, &err) != 0 ||
        bylines_fill(req_store(r), &r->arena, &t, u, n, &err) != 0 ||
        embeds_fill(req_store(r), &r->arena, u, n, &err) != 0)
        return req_read_failed(r);
    return sent(r, render_api_updates(&r->body, &r->app->site, &t, u, n));
}

/* GET /api/v1/trackers/:slug/updates/:n */
int api_update(struct req *r)
{
    struct tracker t;
    struct update u, *revs;
    size_t nrev;
    int rc = req_tracker(r, &t, NULL);
    if (rc == 0)
        rc = req_public_update(r, &t, &u, &revs, &nrev);
    if (rc != 0)
        return rc;
    return sent(r,
                render_api_update(&r->body, &r->app->site, &t, &u, revs, nrev));
}

/* GET /api/v1/trackers/:slug/claims */
int api_claims(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct claim *c;
    size_t n;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (store_claim_list(req_store(r), &r->arena, t.id, 0, &c, &n, &err) != 0)
        return req_read_failed(r);
    return sent(r, render_api_claims(&r->body, c, n));
}

/* GET /api/v1/sources */
int api_sources(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct source *s;
    size_t n;
    if (store_source_list(req_store(r), &r->arena, 0, &s, &n, &err) != 0)
        return req_read_failed(r);
    return sent(r, render_api_sources(&r->body, s, n));
}

/* GET /api/v1/openapi.json: this API's OpenAPI 3.1 description
 * (web/openapi.json, embedded); tests/unit/http/test_openapi.c holds it
 * to the route table */
int api_description(struct req *r)
{
    const struct static_file *f = &r->app->statics.openapi;
    r->content_type = f->content_type;
    buf_append(&r->body, f->data, f->len);
    return 200;
}
