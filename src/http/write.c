/*
 * write.c: the write API under /api/v1 (DESIGN §5), for a signed-in
 * browser (session and CSRF token) or a script (API token).
 *
 * Bodies are JSON objects (or HTML forms) whose fields are core's input
 * fields. A body that names the object it is about ("tracker", "number",
 * "id") must name the one in the URL, or it is refused with 403 and
 * nothing changes (reference/security.md T21). Answers: 201 with Location
 * for what was made, 200 with the object's state otherwise, and the
 * error format of §5 from core's messages.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/claims.h"
#include "core/embeds.h"
#include "core/entity_json.h"
#include "model/enums.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/updates.h"
#include "http/form.h"
#include "http/handlers.h"
#include "store/store.h"

/* Refuses a body naming another object than the URL (T21). */
static int same_object(struct req *r, const char *field, const char *in_url)
{
    const char *v = form_field(r, field);
    if (form_has(r, field) && (v == NULL || strcmp(v, in_url) != 0))
        return req_error(
            r, 403, "The body's \"%s\" is not the one in the address.", field);
    return 0;
}

/* The checks of a route on /trackers/:slug[/(updates|proposals)/:n]. */
static int same_objects(struct req *r, const char *number_field)
{
    int status = same_object(r, "tracker", req_param(r, 0));
    if (status == 0 && number_field && req_param_number(r, 1) < 1)
        return req_error(r, 404, "No such %s.", number_field);
    if (status == 0 && number_field)
        status = same_object(r, number_field, req_param(r, 1));
    return status;
}

/* Runs one core write for the request's principal. */
#define WRITE(r, call)              \
    ({                              \
        struct op op_;              \
        req_write_begin((r), &op_); \
        struct op *op = &op_;       \
        int rc_ = (call);           \
        req_write_end(r);           \
        rc_;                        \
    })

/* ==== Updates ==== */

static void update_input_from(struct req *r, struct update_input *in)
{
    in->title = form_field(r, "title");
    in->body = form_field(r, "body");
    in->body_len = in->body ? strlen(in->body) : 0;
    in->kind = form_field(r, "kind");
    in->lang = form_field(r, "lang");
    in->pinned = form_flag(r, "pinned");
    in->key_event = form_flag(r, "key_event");
    in->draft = form_flag(r, "draft");
    in->rev = form_field(r, "rev"); /* an edit's base revision */
}

/* The state of update `number` after a write, as the answer. */
static int update_answer(struct req *r, int status, int64_t number)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct update u;
    char url[160];
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0 ||
        store_update_get(req_store(r), &r->arena, t.id, number, &u, &err) !=
            0 ||
        embeds_fill(req_store(r), &r->arena, &u, 1, &err) != 0)
        return req_read_failed(r);
    snprintf(url, sizeof url, "/t/%s/u/%lld", t.slug, (long long)number);
    if (status == 201)
        r->location = arena_strdup(&r->arena, url);
    json_t *j = update_rev_json(&u);
    json_object_set_new(j, "url", json_string(url));
    if (u.embed)
        json_object_set_new(j, "embed", embed_json(u.embed));
    return req_json(r, status, j);
}

/* POST /api/v1/trackers/:slug/updates */
int api_post_update(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct update_input in = {0};
    int64_t number = 0;
    int status = same_objects(r, NULL);
    if (status == 0)
        status = publish_time(r, &in.publish_at);
    if (status == 0)
        status = form_number(r, "corrects", &in.corrects);
    struct embed_input embed;
    if (status == 0)
        status = form_embed(r, &embed, &in.embed);
    if (status != 0)
        return status;
    update_input_from(r, &in);
    if (WRITE(r, update_post(op, req_param(r, 0), &in, &number, &err)) != 0)
        return req_fail(r, &err);
    return update_answer(r, 201, number);
}

/* POST /api/v1/trackers/:slug/updates/:n: "rev", the revision the edit
 * started from, is required; 409 when someone changed the text since */
int api_edit_update(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct update_input in = {0};
    int status = same_objects(r, "number");
    if (status == 0)
        status = form_number(r, "corrects", &in.corrects);
    struct embed_input embed;
    if (status == 0)
        status = form_embed(r, &embed, &in.embed);
    if (status != 0)
        return status;
    update_input_from(r, &in);
    int64_t n = req_param_number(r, 1);
    if (WRITE(r, update_edit(op, req_param(r, 0), n, &in, &err)) != 0)
        return req_fail(r, &err);
    return update_answer(r, 200, n);
}

/* POST /api/v1/trackers/:slug/updates/:n/publish|retract|pin|key: the
 * path's last segment names the change (core's update_acts); pin and key
 * take {"on": false} to undo, on by default. */
int api_update_act(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int status = same_objects(r, "number");
    if (status != 0)
        return status;
    const struct update_act_row *act =
        update_act_named(strrchr(r->path, '/') + 1);
    assert(act != NULL); /* the route table names only its rows */
    if (form_has(r, "on") && !form_flag(r, "on"))
        act = &update_acts[act->undo];
    const char *slug = req_param(r, 0);
    int64_t n = req_param_number(r, 1);
    if (WRITE(r, update_act(op, slug, n, act->act, &err)) != 0)
        return req_fail(r, &err);
    return update_answer(r, 200, n);
}

/* GET /api/v1/trackers/:slug/drafts: every update, drafts included */
int api_drafts(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct update *u;
    size_t n;
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    if (store_update_list(req_store(r), &r->arena, t.id, UPDATES_ALL, 0, &u, &n,
                          &err) != 0)
        return req_read_failed(r);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_DRAFT || u[i].status == UPDATE_SCHEDULED)
            json_array_append_new(list, update_rev_json(&u[i]));
    return req_json(r, 200, json_pack("{s:o}", "drafts", list));
}

/* ==== Figures: the two-person rule ==== */

static int proposal_answer(struct req *r, int status, int64_t id)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct proposal p;
    char url[160];
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0 ||
        store_proposal_get(req_store(r), &r->arena, t.id, id, &p, &err) != 0)
        return req_read_failed(r);
    snprintf(url, sizeof url, "/api/v1/trackers/%s/proposals/%lld", t.slug,
             (long long)id);
    if (status == 201)
        r->location = arena_strdup(&r->arena, url);
    return req_json(r, status, proposal_json(&p));
}

/* GET /api/v1/trackers/:slug/proposals */
int api_proposals(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct proposal *p;
    size_t n;
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    if (store_proposal_list(req_store(r), &r->arena, t.id, false, &p, &n,
                            &err) != 0)
        return req_read_failed(r);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, proposal_json(&p[i]));
    return req_json(r, 200, json_pack("{s:o}", "proposals", list));
}

/* A figure's fields in the body. */
static struct claim_input claim_input_from(struct req *r)
{
    return (struct claim_input){
        .metric = form_field(r, "metric"),
        .source = form_field(r, "source"),
        .qualifier = form_field(r, "qualifier"),
        .low = form_field(r, "low"),
        .high = form_field(r, "high"),
        .words = form_field(r, "words"),
        .as_of = form_field(r, "as_of"),
        .url = form_field(r, "url"),
        .quote = form_field(r, "quote"),
        .note = form_field(r, "note"),
        .scope = form_field(r, "scope"),
    };
}

/* POST /api/v1/trackers/:slug/proposals */
int api_propose(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t id = 0;
    int status = same_objects(r, NULL);
    if (status != 0)
        return status;
    struct claim_input in = claim_input_from(r);
    if (WRITE(r, claim_propose(op, req_param(r, 0), &in, &id, &err)) != 0)
        return req_fail(r, &err);
    return proposal_answer(r, 201, id);
}

/* Proposes withdrawing claim :n: retracted, or corrected by the figure
 * in the body (fields not given are the claim's). */
static int withdraw_claim(struct req *r, bool correct)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t id = 0;
    int status = same_objects(r, "number");
    if (status != 0)
        return status;
    struct claim_input fix = claim_input_from(r);
    struct retraction_input in = {
        req_param_number(r, 1), form_field(r, "reason"), correct ? &fix : NULL};
    if (WRITE(r, claim_retract_propose(op, req_param(r, 0), &in, &id, &err)) !=
        0)
        return req_fail(r, &err);
    return proposal_answer(r, 201, id);
}

/* POST /api/v1/trackers/:slug/claims/:n/retract {"reason"} */
int api_retract_claim(struct req *r)
{
    return withdraw_claim(r, false);
}

/* POST /api/v1/trackers/:slug/claims/:n/correct {"reason", figure} */
int api_correct_claim(struct req *r)
{
    return withdraw_claim(r, true);
}

static int decide(struct req *r, bool approve)
{
    struct vg_err err = VG_ERR_INIT;
    int status = same_objects(r, "id");
    if (status != 0)
        return status;
    int64_t id = req_param_number(r, 1);
    if (WRITE(r, claim_decide(op, req_param(r, 0), id, approve, NULL, &err)) !=
        0)
        return req_fail(r, &err);
    return proposal_answer(r, 200, id);
}

/* POST /api/v1/trackers/:slug/proposals/:n/approve */
int api_approve(struct req *r)
{
    return decide(r, true);
}

/* POST /api/v1/trackers/:slug/proposals/:n/reject */
int api_reject(struct req *r)
{
    return decide(r, false);
}

/* ==== Sources, metrics, trackers ==== */

/* POST /api/v1/sources */
int api_add_source(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct source_input in = {
        .slug = form_field(r, "slug"),
        .name = form_field(r, "name"),
        .kind = form_field(r, "kind"),
        .url = form_field(r, "url"),
        .note = form_field(r, "note"),
        .grade = form_field(r, "grade"),
    };
    if (WRITE(r, source_add(op, &in, &err)) != 0)
        return req_fail(r, &err);
    struct source s;
    if (store_source_get(req_store(r), &r->arena, in.slug, &s, &err) != 0)
        return req_read_failed(r);
    return req_json(r, 201, source_json(&s));
}

/* POST /api/v1/trackers/:slug/metrics */
int api_add_metric(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int status = same_objects(r, NULL);
    if (status != 0)
        return status;
    struct metric_input in = {
        .key = form_field(r, "key"),
        .label = form_field(r, "label"),
        .position = form_field(r, "position"),
    };
    if (WRITE(r, metric_add(op, req_param(r, 0), &in, &err)) != 0)
        return req_fail(r, &err);
    return req_json(
        r, 201,
        json_pack("{s:s, s:s}", "tracker", req_param(r, 0), "key", in.key));
}

static void tracker_input_from(struct req *r, struct tracker_input *in)
{
    in->title = form_field(r, "title");
    in->summary = form_field(r, "summary");
    in->started_on = form_field(r, "started_on");
    in->ended_on = form_field(r, "ended_on");
    in->timezone = form_field(r, "timezone");
    in->status = form_field(r, "status");
    in->country = form_field(r, "country");
    in->languages = form_field(r, "languages");
    in->frame_origins = form_field(r, "frame_origins");
    /* true or false in JSON, or "on" or "off" as text (core checks it) */
    in->bylines = form_field(r, "bylines");
    if (in->bylines == NULL && form_has(r, "bylines"))
        in->bylines = form_flag(r, "bylines") ? "on" : "off";
    in->gregorian = form_field(r, "gregorian");
    if (in->gregorian == NULL && form_has(r, "gregorian"))
        in->gregorian = form_flag(r, "gregorian") ? "on" : "off";
}

/* POST /api/v1/trackers */
int api_create_tracker(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = {.slug = form_field(r, "slug")};
    struct tracker t;
    tracker_input_from(r, &in);
    if (WRITE(r, tracker_create(op, &in, &t, &err)) != 0)
        return req_fail(r, &err);
    char url[160];
    snprintf(url, sizeof url, "/t/%s", in.slug);
    r->location = arena_strdup(&r->arena, url);
    return req_json(r, 201, tracker_json(&t));
}

/* POST /api/v1/trackers/:slug: changes the given fields */
int api_set_tracker(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = {0};
    struct tracker t;
    int status = same_object(r, "slug", req_param(r, 0));
    if (status != 0)
        return status;
    tracker_input_from(r, &in);
    if (WRITE(r, tracker_set(op, req_param(r, 0), &in, &err)) != 0)
        return req_fail(r, &err);
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0)
        return req_read_failed(r);
    return req_json(r, 200, tracker_json(&t));
}

/* GET /api/v1/audit?limit=N: the audit log, newest last */
int api_audit(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct audit_entry *e;
    size_t n;
    if (store_audit_list(req_store(r), &r->arena, 500, &e, &n, &err) != 0)
        return req_read_failed(r);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, audit_entry_json(&e[i]));
    return req_json(r, 200, json_pack("{s:o}", "audit", list));
}
