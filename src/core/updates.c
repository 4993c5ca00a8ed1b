/* updates.c: the life of an update, one revision per change. */
#include "core/updates.h"

#include <assert.h>

#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "model/enums.h"
#include "core/images.h"
#include "core/markdown.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "core/webhooks.h"
#include "util/i18n.h"

int update_save_checked(struct op *op, struct update *u, bool own_images,
                        struct vg_err *err)
{
    int rc = check_line("title", u->title, 0, TITLE_MAX, err);
    if (rc == 0 && u->lang)
        rc = check_lang("lang", u->lang, err);
    if (rc != 0)
        return rc;
    size_t len = strlen(u->body_md);
    if (len == 0)
        return vg_err_set(err, VG_EINVAL, "body", "is empty");
    struct buf html = BUF_INIT(8 * MARKDOWN_MAX_BYTES);
    struct images_body images = {op, u->tracker_id, own_images};
    struct markdown_media media = {images_markdown_html, &images};
    rc = markdown_render_media("body", u->body_md, len, &media, &html, err);
    if (rc == 0 && html.failed)
        rc = vg_err_set(err, VG_ELIMIT, "body", "renders too large");
    if (rc == 0) {
        u->body_html = arena_strndup(op->arena, buf_cstr(&html), html.len);
        rc = store_update_save(op->st, u, err);
    }
    buf_release(&html);
    return rc;
}

/* Copies a body (which may hold NUL bytes) so that the checks see all of
 * it: a NUL is refused by the UTF-8 check, by position. */
static int take_body(struct op *op, const struct update_input *in,
                     const char **out, struct vg_err *err)
{
    if (in->body_len > MARKDOWN_MAX_BYTES)
        return vg_err_set(err, VG_ELIMIT, "body",
                          "is %zu bytes; at most %d are accepted", in->body_len,
                          MARKDOWN_MAX_BYTES);
    const char *nul = memchr(in->body, '\0', in->body_len);
    if (nul)
        return vg_err_set(err, VG_EINVAL, "body", "NUL byte at byte %zu",
                          (size_t)(nul - in->body));
    *out = arena_strndup(op->arena, in->body, in->body_len);
    return 0;
}

static int apply_input(struct op *op, struct update *u,
                       const struct update_input *in, struct vg_err *err)
{
    int kind, rc = 0;
    if (in->title)
        u->title = in->title;
    if (in->lang)
        u->lang = *in->lang ? in->lang : NULL;
    if (in->body)
        rc = take_body(op, in, &u->body_md, err);
    if (rc == 0 && in->kind &&
        (rc = parse_enum("kind", in->kind, &update_kind_names, &kind, err)) ==
            0)
        u->kind = (enum update_kind)kind;
    return rc;
}

static const char *reason_name(enum revision_reason r)
{
    return enum_name(&revision_reason_names, (int)r);
}

/* Makes u the next revision of itself, by this op, for `reason`. */
static void next_revision(struct op *op, struct update *u, const char *reason)
{
    u->rev_no++;
    u->author = op->actor;
    u->reason = reason;
    u->revised_at = op->now;
}

void update_note_edit(const struct update *prev, struct update *next)
{
    bool seen =
        prev->status == UPDATE_PUBLISHED || prev->status == UPDATE_RETRACTED;
    next->edited_at = prev->edited_at;
    if (seen && (strcmp(prev->title, next->title) != 0 ||
                 strcmp(prev->body_md, next->body_md) != 0))
        next->edited_at = next->revised_at;
}

/* Unpins whichever other update of the tracker is pinned (with its own
 * revision) and stores its number in *unpinned (0 if none). The caller's
 * audit row records it, so that one command leaves one row. */
static int unpin_others(struct op *op, const struct tracker *t, int64_t keep,
                        int64_t *unpinned, struct vg_err *err)
{
    struct update u;
    *unpinned = 0;
    int rc = store_update_pinned(op->st, op->arena, t->id, &u, err);
    if (rc == VG_ENOTFOUND || (rc == 0 && u.number == keep))
        return 0;
    if (rc != 0)
        return rc;
    u.pinned = false;
    next_revision(op, &u, reason_name(REASON_UNPIN));
    *unpinned = u.number;
    return store_update_save(op->st, &u, err);
}

/* The audit row's "after": the new revision, its embed when it changed,
 * and what it unpinned. */
static json_t *after_json(const struct update *u, int64_t unpinned)
{
    json_t *j = update_rev_json(u);
    if (u->embed)
        json_object_set_new(j, "embed", embed_json(u->embed));
    if (u->corrects)
        json_object_set_new(j, "corrects", json_integer(u->corrects));
    if (unpinned)
        json_object_set_new(j, "unpinned", json_integer(unpinned));
    return j;
}

/* Records the change of u (and of the update it unpinned) for readers;
 * a public correction changes the notice on the update it corrects. */
static int changed(struct op *op, const struct update *u, int64_t unpinned,
                   struct vg_err *err)
{
    int rc = audit_change(op, u->tracker_id, CHANGE_UPDATE, u->number, err);
    if (rc == 0 && unpinned)
        rc = audit_change(op, u->tracker_id, CHANGE_UPDATE, unpinned, err);
    bool public =
        u->status == UPDATE_PUBLISHED || u->status == UPDATE_RETRACTED;
    if (rc == 0 && u->corrects && public)
        rc = audit_change(op, u->tracker_id, CHANGE_UPDATE, u->corrects, err);
    return rc;
}

/* ==== Corrections ==== */

/* Whether u may name update `number` as the one it corrects (kind
 * correction, which naming one implies when no other kind is asked for);
 * sets its kind. */
static int may_correct(struct update *u, const struct update_input *in,
                       struct vg_err *err)
{
    if (u->corrects && in->corrects != u->corrects)
        return vg_err_set(err, VG_ECONFLICT, "corrects",
                          "update %lld corrects update %lld; a correction "
                          "names one update, once",
                          (long long)u->number, (long long)u->corrects);
    if (in->kind == NULL)
        u->kind = UPDATE_CORRECTION;
    if (u->kind != UPDATE_CORRECTION)
        return vg_err_set(err, VG_EINVAL, "corrects",
                          "only an update of kind correction names the "
                          "update it corrects");
    if (in->corrects == u->number)
        return vg_err_set(err, VG_EINVAL, "corrects",
                          "an update does not correct itself");
    return 0;
}

/* Records that saved update u corrects update in->corrects of tracker t,
 * a public one. */
static int link_correction(struct op *op, const struct tracker *t,
                           struct update *u, const struct update_input *in,
                           struct vg_err *err)
{
    struct update target;
    if (in->corrects == 0 || u->corrects == in->corrects)
        return 0;
    int rc =
        store_update_get(op->st, op->arena, t->id, in->corrects, &target, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "corrects", "tracker %s has no update %lld",
                          t->slug, (long long)in->corrects);
    if (rc == 0 && target.status != UPDATE_PUBLISHED &&
        target.status != UPDATE_RETRACTED)
        return vg_err_set(err, VG_EINVAL, "corrects",
                          "update %lld was never published: there is nothing "
                          "to correct",
                          (long long)in->corrects);
    if (rc == 0)
        rc = store_update_corrects(op->st, u->id, target.id, op->actor, op->now,
                                   err);
    u->corrects = target.number;
    return rc;
}

/* Applies the input to u (posted or edited): a correction names what it
 * corrects once, and stays a correction. */
static int take_input(struct op *op, struct update *u,
                      const struct update_input *in, struct vg_err *err)
{
    int rc = apply_input(op, u, in, err);
    if (rc == 0 && in->corrects)
        rc = may_correct(u, in, err);
    if (rc == 0 && u->corrects && u->kind != UPDATE_CORRECTION)
        rc = vg_err_set(err, VG_EINVAL, "kind",
                        "update %lld corrects update %lld: it stays a "
                        "correction",
                        (long long)u->number, (long long)u->corrects);
    return rc;
}

/* ==== Embeds ==== */

/* Checks the input's embed, before anything is saved; *e gets the row to
 * append (platform "none": take it away), or NULL for none. */
static int check_embed(struct op *op, int64_t tracker_id,
                       const struct update_input *in, struct embed **e,
                       struct vg_err *err)
{
    *e = NULL;
    if (in->embed == NULL)
        return 0;
    *e = arena_alloc(op->arena, sizeof **e);
    if (embed_input_removes(in->embed)) {
        embed_removal(op, *e);
        return 0;
    }
    int rc = embed_prepare(op, in->embed, *e, err);
    return rc ? rc : embed_check_still(op, tracker_id, *e, err);
}

static bool same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Whether e says what the update's embed `now` says (its capture time
 * aside: a form sent again re-states the embed it shows). */
static bool same_embed(const struct embed *e, const struct embed *now)
{
    return strcmp(e->url, now->url) == 0 &&
           strcmp(e->author, now->author) == 0 &&
           strcmp(e->quote, now->quote) == 0 &&
           date_cmp(e->posted_on, now->posted_on) == 0 &&
           same_text(e->still, now->still) &&
           e->duration_s == now->duration_s &&
           same_text(e->source, now->source);
}

/* Whether appending e (when any) would change what update u shows: not
 * a removal from an update that shows none, nor the embed it shows
 * already. */
static int embed_changes(struct op *op, const struct update *u,
                         const struct embed *e, bool *yes, struct vg_err *err)
{
    struct embed *now;
    size_t n = 0;
    *yes = false;
    if (e == NULL)
        return 0;
    int rc = u->id ? store_embed_list(op->st, op->arena, u->tracker_id,
                                      u->number, u->number, &now, &n, err)
                   : 0;
    bool none = strcmp(e->platform, "none") == 0;
    *yes = rc == 0 && !(none && n == 0) && !(!none && n && same_embed(e, now));
    return rc;
}

/* Appends e for saved revision u, which then shows it. */
static int save_embed(struct op *op, struct update *u, struct embed *e,
                      struct vg_err *err)
{
    e->update_id = u->id;
    e->rev_no = u->rev_no;
    e->number = u->number;
    u->embed = e;
    return store_embed_append(op->st, e, err);
}

/* ==== Posting ==== */

struct post_ctx {
    const char *slug;
    const struct update_input *in;
    int64_t number;
};

static int post_body(struct op *op, void *p, struct vg_err *err)
{
    struct post_ctx *c = p;
    struct tracker t;
    int rc =
        op_require(op, ROLE_EDITOR | ROLE_CONTRIBUTOR, "post an update", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", c->slug, &t, err);
    if (rc != 0)
        return rc;
    bool draft = c->in->draft || !op_holds(op, ROLE_EDITOR);
    bool later = !draft && c->in->publish_at > op->now;
    struct update u = {
        .tracker_id = t.id,
        .rev_no = 0,
        .title = "",
        .status = draft   ? UPDATE_DRAFT
                  : later ? UPDATE_SCHEDULED
                          : UPDATE_PUBLISHED,
        .pinned = c->in->pinned && !draft && !later,
        .key_event = c->in->key_event,
        .created_at = op->now,
        /* A scheduled update keeps its time here until it is published. */
        .published_at = draft   ? 0
                        : later ? c->in->publish_at
                                : op->now};
    int64_t unpinned = 0;
    struct embed *e = NULL;
    bool embed_new = false;
    if (c->in->body == NULL)
        rc = vg_err_set(err, VG_EINVAL, "body", "is required");
    if (rc == 0)
        rc = take_input(op, &u, c->in, err);
    if (rc == 0)
        rc = check_embed(op, t.id, c->in, &e, err);
    if (rc == 0)
        rc = embed_changes(op, &u, e, &embed_new, err);
    if (rc == 0)
        rc = store_update_next_number(op->st, t.id, &u.number, err);
    if (rc == 0 && u.pinned)
        rc = unpin_others(op, &t, u.number, &unpinned, err);
    if (rc != 0)
        return rc;
    next_revision(op, &u, reason_name(REASON_CREATE));
    if ((rc = update_save_checked(op, &u, true, err)) == 0)
        rc = link_correction(op, &t, &u, c->in, err);
    if (rc == 0 && embed_new)
        rc = save_embed(op, &u, e, err);
    if (rc == 0)
        rc = changed(op, &u, unpinned, err);
    if (rc == 0)
        rc = webhook_on_update(op, &t, NULL, &u, err);
    if (rc != 0)
        return rc;
    c->number = u.number;
    return audit_record(
        op,
        draft   ? "update.draft"
        : later ? "update.schedule"
                : "update.post",
        audit_entity(op, "tracker/%s/update/%lld", t.slug, (long long)u.number),
        NULL, after_json(&u, unpinned), err);
}

int update_post(struct op *op, const char *tracker_slug,
                const struct update_input *in, int64_t *number,
                struct vg_err *err)
{
    struct post_ctx c = {tracker_slug, in, 0};
    int rc = audit_transaction(op, post_body, &c, err);
    if (rc == 0 && number)
        *number = c.number;
    return rc;
}

/* ==== Changing ==== */

static bool offer_publish(const struct update *u)
{
    return u->status == UPDATE_DRAFT || u->status == UPDATE_SCHEDULED;
}
static bool offer_retract(const struct update *u)
{
    return u->status == UPDATE_PUBLISHED;
}
static bool offer_pin(const struct update *u)
{
    return u->status == UPDATE_PUBLISHED && !u->pinned;
}
static bool offer_unpin(const struct update *u)
{
    return u->pinned;
}
static bool offer_key(const struct update *u)
{
    return !u->key_event && !offer_publish(u);
}
static bool offer_unkey(const struct update *u)
{
    return u->key_event;
}

const struct update_act_row update_acts[UPDATE_ACT_COUNT] = {
    [UPDATE_ACT_EDIT] = {UPDATE_ACT_EDIT, NULL, NULL, "update.edit",
                         "edit an update", UPDATE_ACT_EDIT, NULL},
    [UPDATE_ACT_PUBLISH] = {UPDATE_ACT_PUBLISH, "publish", N_("Publish"),
                            "update.publish", "publish a draft",
                            UPDATE_ACT_PUBLISH, offer_publish},
    [UPDATE_ACT_RETRACT] = {UPDATE_ACT_RETRACT, "retract", N_("Retract"),
                            "update.retract", "retract an update",
                            UPDATE_ACT_RETRACT, offer_retract},
    [UPDATE_ACT_PIN] = {UPDATE_ACT_PIN, "pin", N_("Pin"), "update.pin",
                        "pin an update", UPDATE_ACT_UNPIN, offer_pin},
    [UPDATE_ACT_UNPIN] = {UPDATE_ACT_UNPIN, "unpin", N_("Unpin"), "update.pin",
                          "pin an update", UPDATE_ACT_UNPIN, offer_unpin},
    [UPDATE_ACT_KEY] = {UPDATE_ACT_KEY, "key", N_("Mark as key event"),
                        "update.key", "mark a key event", UPDATE_ACT_UNKEY,
                        offer_key},
    [UPDATE_ACT_UNKEY] = {UPDATE_ACT_UNKEY, "unkey", N_("Unmark key event"),
                          "update.key", "mark a key event", UPDATE_ACT_UNKEY,
                          offer_unkey},
};

const struct update_act_row *update_act_named(const char *name)
{
    for (int i = 0; name && i < UPDATE_ACT_COUNT; i++)
        if (update_acts[i].name && strcmp(update_acts[i].name, name) == 0)
            return &update_acts[i];
    return NULL;
}

struct change_ctx {
    const char *slug;
    int64_t number;
    enum update_act what;
    const struct update_input *in;
};

bool update_text_same(const struct update *a, const struct update *b)
{
    bool lang = (a->lang == NULL && b->lang == NULL) ||
                (a->lang && b->lang && strcmp(a->lang, b->lang) == 0);
    return lang && a->kind == b->kind && strcmp(a->title, b->title) == 0 &&
           strcmp(a->body_md, b->body_md) == 0;
}

const struct update *update_text_author(const struct update *revs, size_t n)
{
    size_t i = n;
    while (i > 1 && update_text_same(&revs[i - 1], &revs[i - 2]))
        i--;
    return n ? &revs[i - 1] : NULL;
}

/* Refuses an edit of u that started from revision `rev` (as given) when
 * u's text changed since (someone else's edit): saving it would replace
 * text its editor never saw. */
static int check_base(struct op *op, const struct update *u, const char *rev,
                      struct vg_err *err)
{
    int64_t base;
    if (rev == NULL || *rev == '\0')
        return vg_err_set(err, VG_EINVAL, "rev",
                          "is required: the revision this edit started from "
                          "(the update's latest when it was read)");
    int rc = parse_count("rev", rev, &base, err);
    if (rc == 0 && (base < 1 || base > u->rev_no))
        rc = vg_err_set(err, VG_EINVAL, "rev",
                        "update %lld has revisions 1 to %lld, not %lld",
                        (long long)u->number, (long long)u->rev_no,
                        (long long)base);
    if (rc != 0 || base == u->rev_no)
        return rc;
    struct update *revs;
    size_t n;
    rc = store_update_revisions(op->st, op->arena, u->id, &revs, &n, err);
    if (rc != 0 || (size_t)base > n || update_text_same(&revs[base - 1], u))
        return rc;
    const struct update *by = update_text_author(revs, n);
    char at[TIMESTAMP_LEN + 1];
    timestamp_format(by->revised_at, at);
    return vg_err_set(err, VG_ECONFLICT, "rev",
                      "%s changed it at %s (revision %lld) after revision "
                      "%lld, which this edit started from",
                      by->author, at, (long long)by->rev_no, (long long)base);
}

/* Applies the change to u; returns the revision's reason or NULL (err
 * set) when the change does not apply. */
static const char *apply_change(struct op *op, struct change_ctx *c,
                                struct update *u, struct vg_err *err)
{
    if (u->status == UPDATE_RETRACTED && c->what != UPDATE_ACT_UNKEY) {
        vg_err_set(err, VG_ECONFLICT, "update",
                   "update %lld is retracted; it takes no more changes",
                   (long long)u->number);
        return NULL;
    }
    switch (c->what) {
    case UPDATE_ACT_EDIT:
        return check_base(op, u, c->in->rev, err) == 0 &&
                       take_input(op, u, c->in, err) == 0
                   ? reason_name(REASON_EDIT)
                   : NULL;
    case UPDATE_ACT_RETRACT:
        u->status = UPDATE_RETRACTED;
        u->pinned = false;
        return reason_name(REASON_RETRACT);
    case UPDATE_ACT_PIN:
    case UPDATE_ACT_UNPIN:
        u->pinned = c->what == UPDATE_ACT_PIN;
        return reason_name(u->pinned ? REASON_PIN : REASON_UNPIN);
    case UPDATE_ACT_KEY:
    case UPDATE_ACT_UNKEY:
        u->key_event = c->what == UPDATE_ACT_KEY;
        return reason_name(u->key_event ? REASON_KEY : REASON_UNKEY);
    case UPDATE_ACT_COUNT: break;
    case UPDATE_ACT_PUBLISH:
        if (u->status != UPDATE_DRAFT && u->status != UPDATE_SCHEDULED) {
            vg_err_set(err, VG_ECONFLICT, "update",
                       "update %lld is already published",
                       (long long)u->number);
            return NULL;
        }
        u->status = UPDATE_PUBLISHED;
        u->published_at = op->now;
        return reason_name(REASON_PUBLISH);
    }
    return NULL;
}

/* An editor may make any change; a contributor only edits a draft they
 * started. */
static int may_change(struct op *op, const struct change_ctx *c,
                      const struct update *u, struct vg_err *err)
{
    if (op_holds(op, ROLE_EDITOR))
        return 0;
    int rc = op_require(
        op, c->what == UPDATE_ACT_EDIT ? ROLE_CONTRIBUTOR : ROLE_EDITOR,
        update_acts[c->what].deed, err);
    if (rc != 0)
        return rc;
    struct update *revs;
    size_t n;
    rc = store_update_revisions(op->st, op->arena, u->id, &revs, &n, err);
    if (rc != 0)
        return rc;
    if (u->status != UPDATE_DRAFT || n == 0 ||
        strcmp(revs[0].author, op->actor) != 0)
        return vg_err_set(err, VG_EDENIED, "number",
                          "a contributor edits only their own drafts");
    return 0;
}

static int change_body(struct op *op, void *p, struct vg_err *err)
{
    struct change_ctx *c = p;
    struct tracker t;
    struct update u;
    int rc = tracker_find(op, "tracker", c->slug, &t, err);
    if (rc == 0 && (rc = store_update_get(op->st, op->arena, t.id, c->number,
                                          &u, err)) == VG_ENOTFOUND)
        vg_err_set(err, rc, "number", "tracker %s has no update %lld", t.slug,
                   (long long)c->number);
    if (rc == 0)
        rc = may_change(op, c, &u, err);
    if (rc != 0)
        return rc;
    struct embed *e = NULL;
    bool embed_new = false;
    if (c->what == UPDATE_ACT_EDIT &&
        (rc = check_embed(op, u.tracker_id, c->in, &e, err)) == 0)
        rc = embed_changes(op, &u, e, &embed_new, err);
    if (rc != 0)
        return rc;
    json_t *before = update_rev_json(&u);
    struct update prev = u;
    const char *reason = apply_change(op, c, &u, err);
    if (reason == NULL) {
        json_decref(before);
        return err->code ? err->code : VG_EINVAL;
    }
    int64_t unpinned = 0;
    if (c->what == UPDATE_ACT_PIN)
        rc = unpin_others(op, &t, u.number, &unpinned, err);
    next_revision(op, &u, reason);
    update_note_edit(&prev, &u);
    /* Readers saw the post it quoted: another one is an edit too. */
    if (embed_new &&
        (prev.status == UPDATE_PUBLISHED || prev.status == UPDATE_RETRACTED))
        u.edited_at = u.revised_at;
    if (rc == 0)
        rc = update_save_checked(op, &u, true, err);
    if (rc == 0 && c->what == UPDATE_ACT_EDIT)
        rc = link_correction(op, &t, &u, c->in, err);
    if (rc == 0 && embed_new)
        rc = save_embed(op, &u, e, err);
    if (rc == 0)
        rc = changed(op, &u, unpinned, err);
    if (rc == 0)
        rc = webhook_on_update(op, &t, &prev, &u, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    return audit_record(
        op, update_acts[c->what].audit,
        audit_entity(op, "tracker/%s/update/%lld", t.slug, (long long)u.number),
        before, after_json(&u, unpinned), err);
}

static int change(struct op *op, struct change_ctx *c, struct vg_err *err)
{
    return audit_transaction(op, change_body, c, err);
}

int update_edit(struct op *op, const char *tracker_slug, int64_t number,
                const struct update_input *in, struct vg_err *err)
{
    if (!in->title && !in->body && !in->kind && !in->lang && !in->corrects &&
        !in->embed)
        return vg_err_set(err, VG_EINVAL, "update", "nothing to change");
    struct change_ctx c = {tracker_slug, number, UPDATE_ACT_EDIT, in};
    return change(op, &c, err);
}

int update_act(struct op *op, const char *tracker_slug, int64_t number,
               enum update_act what, struct vg_err *err)
{
    assert(what != UPDATE_ACT_EDIT && what < UPDATE_ACT_COUNT);
    struct change_ctx c = {tracker_slug, number, what, NULL};
    return change(op, &c, err);
}

int update_publish_due(struct op *op, size_t *count, struct vg_err *err)
{
    struct update *due;
    size_t n;
    *count = 0;
    int rc = store_update_due(op->st, op->arena, op->now, 64, &due, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct tracker t;
        rc = store_tracker_by_id(op->st, op->arena, due[i].tracker_id, &t, err);
        /* An archived tracker waits (one imported so, with its scheduled
         * updates): archiving refuses a tracker that has any. */
        if (rc == 0 && t.archived_at)
            continue;
        if (rc == 0)
            rc = update_act(op, t.slug, due[i].number, UPDATE_ACT_PUBLISH, err);
        if (rc == 0)
            (*count)++;
        /* Another node's scheduler published it first: nodes sharing a
         * PostgreSQL record each see it due, and their writes queue on
         * the store's write lock, so exactly one publishes and the others
         * find it published. */
        if (rc == VG_ECONFLICT) {
            *err = (struct vg_err)VG_ERR_INIT;
            rc = 0;
        }
    }
    return rc;
}

size_t update_public_revisions(struct update *revs, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (revs[i].status == UPDATE_PUBLISHED ||
            revs[i].status == UPDATE_RETRACTED)
            revs[kept++] = revs[i];
    return kept;
}
