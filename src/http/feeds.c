/*
 * feeds.c: handlers of a tracker's feeds, Atom and JSON Feed.
 *
 * A feed holds the latest FEED_UPDATES public updates, the claims
 * withdrawn, and the head of the updates' hash chain, read in one
 * transaction so that the head is the one those updates were chained
 * under (or a later one).
 */
#include "http/handlers.h"

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/images.h"
#include "core/trackers.h"
#include "render/feed.h"
#include "store/store.h"
#include "util/chain.h"

static const char ATOM_TYPE[] = "application/atom+xml; charset=utf-8";
static const char JSON_FEED_TYPE[] = "application/feed+json; charset=utf-8";

struct feed_data {
    struct tracker tracker;
    struct update *updates; /* newest first, in the request's arena */
    size_t n;
    struct claim *claims; /* every claim: the withdrawn ones are entries */
    size_t nclaims;
    char chain_head[2 * CHAIN_HASH_LEN + 1]; /* hex, "" for no chain */
};

static int load(struct req *r, struct feed_data *f, struct vg_err *err)
{
    struct store *st = req_store(r);
    int rc = tracker_lookup(st, &r->arena, "tracker", req_param(r, 0),
                            &f->tracker, err);
    if (rc == 0)
        rc = store_update_list(st, &r->arena, f->tracker.id, UPDATES_PUBLIC,
                               FEED_UPDATES, &f->updates, &f->n, err);
    if (rc == 0)
        rc = store_claim_list(st, &r->arena, f->tracker.id, 0, &f->claims,
                              &f->nclaims, err);
    if (rc == 0)
        rc = bylines_fill(st, &r->arena, &f->tracker, f->updates, f->n, err);
    if (rc == 0)
        rc = embeds_fill(st, &r->arena, f->updates, f->n, err);
    if (rc == 0)
        rc = images_fill(st, &r->arena, &f->tracker, f->updates, f->n, err);
    if (rc == 0)
        rc = store_chain_head(st, "update_rev", f->chain_head, err);
    return rc;
}

/* Loads tracker :slug's feed data. Returns 0, or the status of the error
 * recorded: 404 for an unknown tracker, 500 when the store failed. */
static int load_feed(struct req *r, struct feed_data *f)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = store_read_begin(req_store(r), &err);
    if (rc == 0) {
        rc = load(r, f, &err);
        store_read_end(req_store(r));
    }
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No tracker named \"%.64s\".",
                         req_param(r, 0));
    if (rc != 0)
        return req_error(r, 500, "The record could not be read.");
    return 0;
}

/* GET /t/:slug/feed.atom */
int feed_atom(struct req *r)
{
    struct feed_data f;
    int rc = load_feed(r, &f);
    if (rc != 0)
        return rc;
    r->content_type = ATOM_TYPE;
    render_atom(&r->body, &r->app->site, &f.tracker, f.updates, f.n, f.claims,
                f.nclaims, f.chain_head);
    return 200;
}

/* GET /t/:slug/feed.json */
int feed_json(struct req *r)
{
    struct feed_data f;
    int rc = load_feed(r, &f);
    if (rc != 0)
        return rc;
    if (render_json_feed(&r->body, &r->app->site, &f.tracker, f.updates, f.n,
                         f.claims, f.nclaims, f.chain_head) != 0)
        return req_error(r, 500, "The record could not be encoded.");
    r->content_type = JSON_FEED_TYPE;
    return 200;
}
