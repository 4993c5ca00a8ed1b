/*
 * desk.c: the editors' pages under /admin (render/admin.h): forms that
 * post back here and answer with a redirect (303) to the page that shows
 * the result, or with the form again and the reason when core refused.
 * The dispatcher has checked the session, the role and the CSRF token.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/embeds.h"
#include "core/claims.h"
#include "core/editing.h"
#include "model/enums.h"
#include "core/events.h"
#include "core/images.h"
#include "core/markdown.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/updates.h"
#include "http/extract.h"
#include "http/form.h"
#include "http/handlers.h"
#include "render/admin.h"
#include "render/desk_audit.h"
#include "render/desk_claims.h"
#include "render/desk_events.h"
#include "render/desk_extract.h"
#include "render/desk_index.h"
#include "render/desk_settings.h"
#include "render/corrections.h"
#include "render/desk_updates.h"
#include "render/sources_desk.h"
#include "store/store.h"
#include "util/utf8.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

struct desk desk_of(struct req *r)
{
    return (struct desk){
        &r->app->site, r->who.login,        r->who.roles,  r->who.session.csrf,
        NULL,          r->who.global_roles, r->who.grants, r->who.ngrants};
}

/* Renders a desk page: 200, or `status` after a refused write (the
 * message on top). */
static int shown(struct req *r, int status)
{
    r->content_type = HTML_TYPE;
    return status;
}

/* The message of a refused write, for the page shown again. */
static const char *refusal(struct req *r, const struct vg_err *err)
{
    char m[sizeof r->error + 48];
    snprintf(m, sizeof m, "%s%s%s", err->field ? err->field : "",
             err->field ? ": " : "", err->msg);
    return arena_strdup(&r->arena, m);
}

/* The refusal req_error recorded, for the page shown again. */
static const char *recorded(struct req *r)
{
    struct vg_err err = {VG_EINVAL, r->error_field[0] ? r->error_field : NULL,
                         ""};
    snprintf(err.msg, sizeof err.msg, "%s", r->error);
    return refusal(r, &err);
}

/* GET /admin */
int desk_index(struct req *r)
{
    struct tracker *t;
    struct day_info *days;
    size_t n;
    int status = req_trackers(r, &t, &days, &n);
    if (status != 0)
        return status;
    struct desk d = desk_of(r);
    render_desk_index(&r->body, &d, t, n);
    return shown(r, 200);
}

/* ==== Updates ==== */

static void post_form_from(struct req *r, struct post_form *f)
{
    f->title = form_field(r, "title");
    f->body = form_field(r, "body");
    f->kind = form_field(r, "kind");
    f->key_event = form_flag(r, "key_event");
    f->pinned = form_flag(r, "pinned");
    f->draft = form_flag(r, "draft");
    f->publish_at = form_field(r, "publish_at");
    f->corrects = form_field(r, "corrects");
    f->rev = form_field(r, "rev");
    const struct embed_input *given;
    form_embed(r, &f->embed, &given); /* a NUL: refused when saved */
}

/* The form's embed for the update input: none when its link is empty on
 * a new update (an edit's empty link takes the embed away). */
static int embed_of(struct req *r, struct post_form *f, bool new_post,
                    const struct embed_input **out)
{
    int status = form_embed(r, &f->embed, out);
    if (status == 0 && new_post && *out && (*out)->url[0] == '\0')
        *out = NULL;
    return status;
}

/* On a preview, the form's embed as the record would keep it (its link
 * recognised); a refusal goes to err. A missing author becomes the handle
 * the link shows, for the editor to confirm. */
static void preview_embed(struct req *r, struct post_form *f,
                          struct vg_err *err)
{
    if (f->embed.url == NULL || f->embed.url[0] == '\0')
        return;
    struct op op = {NULL, &r->arena, r->who.login, r->now, r->who.roles};
    struct embed *e = arena_alloc(&r->arena, sizeof *e);
    int rc = embed_prepare(&op, &f->embed, e, err);
    if ((f->embed.author == NULL || f->embed.author[0] == '\0') && e->handle)
        f->embed.author = e->handle;
    if (rc == 0)
        f->embed_preview = e;
}

/* Renders the form's Markdown for a preview (as it would be saved): the
 * tracker's images as the <picture>s readers get, an unknown one
 * refused. */
static const char *preview(struct req *r, const char *md, struct vg_err *err)
{
    struct buf html = BUF_INIT(8 * MARKDOWN_MAX_BYTES);
    struct op op = {req_store(r), &r->arena, r->who.login, r->now,
                    r->who.roles};
    struct tracker t;
    struct images_body images = {&op, 0, true};
    struct markdown_media media = {images_markdown_html, &images};
    const char *out = NULL;
    if (tracker_lookup(op.st, &r->arena, "tracker", req_param(r, 0), &t, err) ==
        0)
        images.tracker_id = t.id;
    if (md && err->code == 0 &&
        markdown_render_media("body", md, strlen(md), &media, &html, err) ==
            0 &&
        !html.failed)
        out = arena_strndup(&r->arena, buf_cstr(&html), html.len);
    buf_release(&html);
    return out;
}

/* What the user chose on a form: "merge", "discard" (a kept copy, or
 * their text against someone else's), or NULL (save or preview). */
static const char *resolution(struct req *r)
{
    return form_field(r, "resolve");
}

/* ==== Text kept as it is typed (core/editing.h) ==== */

static const char *number_text(struct req *r, int64_t n)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", (long long)n);
    return arena_strdup(&r->arena, s);
}

/* Fills f from the text this user kept for the form of update `number`
 * (0: a new update) of tracker_id; false when none was kept. */
static bool restore(struct req *r, int64_t tracker_id, int64_t number,
                    struct post_form *f, int64_t *base)
{
    struct autosave as;
    struct vg_err err = VG_ERR_INIT;
    if (store_autosave_get(req_store(r), &r->arena, r->who.user_id, tracker_id,
                           number, &as, &err) != 0)
        return false;
    f->title = as.title;
    f->body = as.body;
    f->kind = as.kind;
    f->kept = true;
    if (as.base_rev)
        f->rev = number_text(r, as.base_rev);
    *base = as.base_rev;
    return true;
}

/* Keeps the form's text for this user (a stale edit's, so that it
 * survives the page); a failure only loses that copy. */
static void keep(struct req *r, int64_t number, const struct post_form *f)
{
    struct vg_err err = VG_ERR_INIT;
    struct autosave_input in = {r->who.user_id, f->title, f->body, f->kind,
                                f->rev};
    struct op op;
    req_write_begin(r, &op);
    autosave_keep(&op, req_param(r, 0), number, &in, NULL, &err);
    req_write_end(r);
}

/* Drops the text kept for a form once it is saved or discarded. */
static void drop(struct req *r, int64_t number)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct op op;
    if (req_tracker(r, &t, NULL) != 0)
        return;
    req_write_begin(r, &op);
    autosave_drop(&op, r->who.user_id, t.id, number, &err);
    req_write_end(r);
}

/* The autosave address of update `number`'s form (0: the new one). */
static const char *autosave_path(struct req *r, int64_t number)
{
    char p[200];
    if (number)
        snprintf(p, sizeof p, "/admin/t/%s/u/%lld/autosave", req_param(r, 0),
                 (long long)number);
    else
        snprintf(p, sizeof p, "/admin/t/%s/autosave", req_param(r, 0));
    return arena_strdup(&r->arena, p);
}

static int tracker_page(struct req *r, const struct post_form *given,
                        const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct update *u;
    struct post_form f = {0};
    int64_t unused;
    size_t n;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (given)
        f = *given;
    else if (restore(r, t.id, 0, &f, &unused))
        notice = "The text you had not yet posted is back in the form.";
    if (store_update_list(req_store(r), &r->arena, t.id, UPDATES_ALL, 200, &u,
                          &n, &err) != 0)
        return req_read_failed(r);
    f.autosave = autosave_path(r, 0);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_tracker(&r->body, &d, &t, &f, u, n);
    return shown(r, status);
}

/* GET /admin/t/:slug */
int desk_tracker(struct req *r)
{
    return tracker_page(r, NULL, NULL, 200);
}

static int back_to_tracker(struct req *r)
{
    char to[160];
    snprintf(to, sizeof to, "/admin/t/%s", req_param(r, 0));
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/updates: preview, post, or discard kept text */
int desk_post(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct post_form f = {0};
    struct tracker t;
    post_form_from(r, &f);
    const char *resolve = resolution(r);
    if (resolve && strcmp(resolve, "discard") == 0) {
        drop(r, 0);
        return back_to_tracker(r);
    }
    if (form_flag(r, "preview")) {
        f.preview_html = preview(r, f.body, &err);
        preview_embed(r, &f, &err);
        return tracker_page(r, &f, err.code ? refusal(r, &err) : NULL,
                            err.code ? 422 : 200);
    }
    struct update_input in = {.title = f.title,
                              .body = f.body,
                              .body_len = f.body ? strlen(f.body) : 0,
                              .kind = f.kind,
                              .pinned = f.pinned,
                              .key_event = f.key_event,
                              .draft = f.draft};
    int status = req_tracker(r, &t, NULL);
    if (status == 0)
        status = publish_time_in(r, t.timezone, &in.publish_at);
    if (status == 0)
        status = form_number(r, "corrects", &in.corrects);
    if (status == 0)
        status = embed_of(r, &f, true, &in.embed);
    if (status != 0)
        return tracker_page(r, &f, recorded(r), status);
    struct op op;
    int64_t number;
    req_write_begin(r, &op);
    int rc = update_post(&op, req_param(r, 0), &in, &number, &err);
    req_write_end(r);
    if (rc != 0)
        return tracker_page(r, &f, refusal(r, &err), req_fail(r, &err));
    drop(r, 0);
    return back_to_tracker(r);
}

/* The form's fields for the embed an update shows. */
static void embed_form(struct req *r, const struct embed *e,
                       struct embed_input *out)
{
    char date[DATE_LEN + 1] = "";
    struct buf len = BUF_INIT(16);
    if (e->posted_on.year)
        date_format(e->posted_on, date);
    if (e->duration_s > 0)
        embed_duration_append(&len, e->duration_s);
    *out = (struct embed_input){
        .url = e->url,
        .author = e->author,
        .text = e->quote,
        .date = arena_strdup(&r->arena, date),
        .still = e->still,
        .duration = arena_strdup(&r->arena, buf_cstr(&len)),
        .source = e->source,
    };
    buf_release(&len);
}

/* How the edit form is shown. */
enum form_mode {
    FORM_PLAIN,    /* as given, or the saved text */
    FORM_CONFLICT, /* the editor's text beside the text saved meanwhile */
    FORM_MERGE,    /* both texts in the editor's box, to merge by hand */
};

/* Whether an edit that started from revision base of u would be refused
 * as stale (update_edit's rule). */
static bool stale(const struct update *u, const struct update *revs,
                  size_t nrev, int64_t base)
{
    return base >= 1 && base < u->rev_no && (size_t)base <= nrev &&
           !update_text_same(&revs[base - 1], u);
}

/* Sets up f for `mode` against the update as it is now. */
static void form_against(struct req *r, struct post_form *f,
                         enum form_mode mode, const struct update *u,
                         const struct update *revs, size_t nrev)
{
    if (mode == FORM_PLAIN)
        return;
    f->rev = number_text(r, u->rev_no); /* saving it is now deliberate */
    f->kept = true;
    if (mode == FORM_CONFLICT) {
        f->theirs = u;
        f->theirs_by = update_text_author(revs, nrev);
        return;
    }
    struct buf both = BUF_INIT(2 * MARKDOWN_MAX_BYTES + 4);
    buf_puts(&both, f->body ? f->body : "");
    buf_puts(&both, "\n\n");
    buf_puts(&both, u->body_md);
    f->body = arena_strndup(&r->arena, buf_cstr(&both), both.len);
    buf_release(&both);
}

/* The others who have the update open, noting that this user has. */
static void presence(struct req *r, const struct update *u, struct post_form *f)
{
    struct vg_err err = VG_ERR_INIT;
    struct presence *p;
    size_t n, kept = 0;
    struct op op;
    req_write_begin(r, &op);
    presence_note(&op, r->who.user_id, u->tracker_id, u->number, &err);
    req_write_end(r);
    if (store_presence_list(req_store(r), &r->arena, u->tracker_id, u->number,
                            r->now - PRESENCE_WINDOW, &p, &n, &err) != 0)
        return;
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].login, r->who.login) != 0)
            p[kept++] = p[i];
    f->others = p;
    f->nothers = kept;
}

static int update_page(struct req *r, const struct post_form *given,
                       const char *notice, int status, enum form_mode mode)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct update u, *revs;
    size_t nrev;
    int64_t n = req_param_number(r, 1), base = 0;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    rc = n < 1 ? VG_ENOTFOUND
               : store_update_get(req_store(r), &r->arena, t.id, n, &u, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "This tracker has no update %.20s.",
                         req_param(r, 1));
    if (rc != 0 ||
        store_update_revisions(req_store(r), &r->arena, u.id, &revs, &nrev,
                               &err) != 0 ||
        embeds_fill(req_store(r), &r->arena, &u, 1, &err) != 0)
        return req_read_failed(r);
    char corrects[24];
    snprintf(corrects, sizeof corrects, "%lld", (long long)u.corrects);
    struct post_form f = {.title = u.title,
                          .body = u.body_md,
                          .kind = enum_name(&update_kind_names, (int)u.kind),
                          .rev = number_text(r, u.rev_no),
                          .corrects = u.corrects ? corrects : NULL};
    if (u.embed)
        embed_form(r, u.embed, &f.embed);
    if (given) {
        f = *given;
    } else if (restore(r, t.id, n, &f, &base)) {
        notice = "Your unsaved text is back in the form.";
        if (stale(&u, revs, nrev, base))
            mode = FORM_CONFLICT;
    }
    form_against(r, &f, mode, &u, revs, nrev);
    f.autosave = autosave_path(r, n);
    presence(r, &u, &f);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_update(&r->body, &d, &t, &u, &f, revs, nrev);
    return shown(r, status);
}

/* GET /admin/t/:slug/u/:n */
int desk_update(struct req *r)
{
    return update_page(r, NULL, NULL, 200, FORM_PLAIN);
}

static int back_to_update(struct req *r)
{
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%s/u/%s", req_param(r, 0),
             req_param(r, 1));
    return req_redirect(r, to);
}

/* A refused edit: a stale one comes back beside the text saved meanwhile
 * (its text also kept, should the page be closed); others with the
 * reason. */
static int edit_refused(struct req *r, const struct post_form *f,
                        const struct vg_err *err)
{
    if (err->code == VG_ECONFLICT && err->field &&
        strcmp(err->field, "rev") == 0) {
        keep(r, req_param_number(r, 1), f);
        return update_page(r, f, refusal(r, err), req_fail(r, err),
                           FORM_CONFLICT);
    }
    return update_page(r, f, refusal(r, err), req_fail(r, err), FORM_PLAIN);
}

/* POST /admin/t/:slug/u/:n: preview, save the edit, or resolve one that
 * someone else's overtook (merge by hand, or drop it: take theirs) */
int desk_edit(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct post_form f = {0};
    post_form_from(r, &f);
    const char *resolve = resolution(r);
    if (resolve && strcmp(resolve, "discard") == 0) {
        drop(r, req_param_number(r, 1));
        return back_to_update(r);
    }
    if (resolve && strcmp(resolve, "merge") == 0)
        return update_page(r, &f,
                           "Both texts are in your box, yours first: edit "
                           "them into one and save.",
                           200, FORM_MERGE);
    if (form_flag(r, "preview")) {
        f.preview_html = preview(r, f.body, &err);
        preview_embed(r, &f, &err);
        return update_page(r, &f, err.code ? refusal(r, &err) : NULL,
                           err.code ? 422 : 200, FORM_PLAIN);
    }
    struct update_input in = {.title = f.title,
                              .body = f.body,
                              .body_len = f.body ? strlen(f.body) : 0,
                              .kind = f.kind,
                              .rev = f.rev};
    int status = form_number(r, "corrects", &in.corrects);
    if (status == 0)
        status = embed_of(r, &f, false, &in.embed);
    if (status != 0)
        return update_page(r, &f, recorded(r), status, FORM_PLAIN);
    struct op op;
    req_write_begin(r, &op);
    int rc =
        update_edit(&op, req_param(r, 0), req_param_number(r, 1), &in, &err);
    req_write_end(r);
    if (rc != 0)
        return edit_refused(r, &f, &err);
    drop(r, req_param_number(r, 1));
    return back_to_update(r);
}

/* POST /admin/t/:slug/autosave and /admin/t/:slug/u/:n/autosave: keeps
 * the form's text as it is typed (the desk's script); with "ping" alone,
 * only says the page is open. Answers who else has the update open. */
int desk_autosave(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t n = r->nparams > 1 ? req_param_number(r, 1) : 0, tracker_id = 0;
    struct autosave_input in = {r->who.user_id, form_field(r, "title"),
                                form_field(r, "body"), form_field(r, "kind"),
                                form_field(r, "rev")};
    struct tracker t;
    struct op op;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (n < 0 || (r->nparams > 1 && n < 1))
        return req_error(r, 404, "This tracker has no such update.");
    req_write_begin(r, &op);
    rc = form_flag(r, "ping")
             ? 0
             : autosave_keep(&op, t.slug, n, &in, &tracker_id, &err);
    req_write_end(r);
    if (rc != 0)
        return req_fail(r, &err);
    struct update u = {.tracker_id = t.id, .number = n};
    struct post_form f = {0};
    if (n > 0)
        presence(r, &u, &f);
    json_t *others = json_array();
    for (size_t i = 0; i < f.nothers; i++)
        json_array_append_new(others, json_string(f.others[i].login));
    char at[TIMESTAMP_LEN + 1];
    timestamp_format(r->now, at);
    return req_json(r, 200,
                    json_pack("{s:s, s:o}", "saved_at", at, "others", others));
}

/* POST /admin/t/:slug/u/:n/publish, retract, pin, unpin, key, unkey: the
 * one-button changes of an update (core's update_acts), named by the
 * path's last segment. */
int desk_update_act(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    const struct update_act_row *act =
        update_act_named(strrchr(r->path, '/') + 1);
    assert(act != NULL); /* the route table names only its rows */
    struct op op;
    req_write_begin(r, &op);
    int rc = update_act(&op, req_param(r, 0), req_param_number(r, 1), act->act,
                        &err);
    req_write_end(r);
    if (rc != 0)
        return update_page(r, NULL, refusal(r, &err), req_fail(r, &err),
                           FORM_PLAIN);
    return back_to_update(r);
}

/* ==== Figures ==== */

static int claims_page(struct req *r, const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct metric *m;
    struct source *s;
    struct proposal *p;
    struct claim *c;
    size_t nm, ns, np, nc;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    struct store *st = req_store(r);
    if (store_metric_list(st, &r->arena, t.id, &m, &nm, &err) != 0 ||
        store_source_list(st, &r->arena, t.id, &s, &ns, &err) != 0 ||
        store_proposal_list(st, &r->arena, t.id, false, &p, &np, &err) != 0 ||
        store_claim_list(st, &r->arena, t.id, 0, &c, &nc, &err) != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_claims(&r->body, &d, &t, m, nm, s, ns, p, np, c, nc);
    return shown(r, status);
}

/* GET /admin/t/:slug/claims */
int desk_claims(struct req *r)
{
    return claims_page(r, NULL, 200);
}

/* An empty form field means "not given". */
static const char *given(struct req *r, const char *name)
{
    const char *v = form_field(r, name);
    return v && *v ? v : NULL;
}

static int back_to_claims(struct req *r)
{
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%s/claims", req_param(r, 0));
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/claims */
int desk_propose(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct claim_input in = {
        .metric = given(r, "metric"),
        .source = given(r, "source"),
        .new_source = given(r, "new_source"),
        .qualifier = given(r, "qualifier"),
        .low = given(r, "low"),
        .high = given(r, "high"),
        .words = given(r, "words"),
        .as_of = given(r, "as_of"),
        .url = given(r, "url"),
        .quote = given(r, "quote"),
    };
    if (in.words && in.qualifier && strcmp(in.qualifier, "exact") == 0)
        in.qualifier = NULL; /* the form's default; words make a range */
    struct op op;
    req_write_begin(r, &op);
    int rc = claim_propose(&op, req_param(r, 0), &in, NULL, &err);
    req_write_end(r);
    if (rc != 0)
        return claims_page(r, refusal(r, &err), req_fail(r, &err));
    return back_to_claims(r);
}

static int decide(struct req *r, bool approve)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = claim_decide(&op, req_param(r, 0), req_param_number(r, 1), approve,
                          NULL, &err);
    req_write_end(r);
    if (rc != 0)
        return claims_page(r, refusal(r, &err), req_fail(r, &err));
    return back_to_claims(r);
}

/* POST /admin/t/:slug/claims/:n/approve */
int desk_approve(struct req *r)
{
    return decide(r, true);
}

/* POST /admin/t/:slug/claims/:n/reject */
int desk_reject(struct req *r)
{
    return decide(r, false);
}

/* POST /admin/t/:slug/claims/:n/retract: propose retracting claim n */
int desk_retract_claim(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct retraction_input in = {req_param_number(r, 1), given(r, "reason"),
                                  NULL};
    struct op op;
    req_write_begin(r, &op);
    int rc = claim_retract_propose(&op, req_param(r, 0), &in, NULL, &err);
    req_write_end(r);
    if (rc != 0)
        return claims_page(r, refusal(r, &err), req_fail(r, &err));
    return back_to_claims(r);
}

/* The correction form of claim :n, holding f (NULL: the claim's own
 * figure); 404 for no such claim. */
static int correct_page(struct req *r, const struct correct_form *f,
                        const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct claim c;
    struct metric *m;
    struct source *s;
    size_t nm, ns;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    int64_t n = req_param_number(r, 1);
    rc = n < 1 ? VG_ENOTFOUND
               : store_claim_get(req_store(r), &r->arena, t.id, n, &c, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "This tracker has no claim %.20s.",
                         req_param(r, 1));
    if (rc != 0 ||
        store_metric_list(req_store(r), &r->arena, t.id, &m, &nm, &err) != 0 ||
        store_source_list(req_store(r), &r->arena, t.id, &s, &ns, &err) != 0)
        return req_read_failed(r);
    struct correct_form own = {claim_input_of(&r->arena, &c), NULL};
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_correct(&r->body, &d, &t, &c, f ? f : &own, m, nm, s, ns);
    return shown(r, status);
}

/* GET /admin/t/:slug/claims/:n/correct */
int desk_correct(struct req *r)
{
    return correct_page(r, NULL, NULL, 200);
}

/* POST /admin/t/:slug/claims/:n/correct: propose the correcting figure
 * (the form holds every field: an empty text clears it) */
int desk_correct_claim(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct correct_form f = {.in = {.metric = given(r, "metric"),
                                    .source = given(r, "source"),
                                    .qualifier = given(r, "qualifier"),
                                    .low = given(r, "low"),
                                    .high = given(r, "high"),
                                    .words = given(r, "words"),
                                    .as_of = given(r, "as_of"),
                                    .url = form_field(r, "url"),
                                    .quote = form_field(r, "quote"),
                                    .note = form_field(r, "note"),
                                    .scope = form_field(r, "scope")},
                             .reason = given(r, "reason")};
    if (f.in.words)
        f.in.qualifier = NULL; /* words make a range */
    struct retraction_input in = {req_param_number(r, 1), f.reason, &f.in};
    struct op op;
    req_write_begin(r, &op);
    int rc = claim_retract_propose(&op, req_param(r, 0), &in, NULL, &err);
    req_write_end(r);
    if (rc != 0)
        return correct_page(r, &f, refusal(r, &err), req_fail(r, &err));
    return back_to_claims(r);
}

/* ==== Extraction: proposals from an article ==== */

static int extract_page(struct req *r, const struct tracker *t,
                        struct extract_form *f, const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct metric *m;
    struct source *s;
    size_t nm, ns;
    if (store_metric_list(req_store(r), &r->arena, t->id, &m, &nm, &err) != 0 ||
        store_source_list(req_store(r), &r->arena, t->id, &s, &ns, &err) != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_extract(&r->body, &d, t, f, m, nm, s, ns);
    return shown(r, status);
}

/* GET /admin/t/:slug/extract: the form, published today by default */
int desk_extract(struct req *r)
{
    struct tracker t;
    char today[DATE_LEN + 1];
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    date_format(tracker_local_date(&t, r->now), today);
    struct extract_form f = {.published = today};
    return extract_page(r, &t, &f, NULL, 200);
}

/* Whether refused text may be shown again: not when it is not UTF-8
 * (or holds control characters), which the page must not carry. */
static bool shows_as_text(const char *s, size_t n)
{
    size_t bad;
    const char *why;
    return utf8_check(s, n, UTF8_MULTI_LINE, &bad, &why) == 0;
}

/* POST /admin/t/:slug/extract: the text marked, and the proposals */
int desk_extract_run(struct req *r)
{
    struct tracker t;
    struct extraction x;
    struct extract_form f = {.published = form_field(r, "published"),
                             .url = given(r, "url")};
    struct extract_opts o = {.gaz = r->app->gazetteer};
    int status = req_tracker(r, &t, NULL);
    if (status == 0)
        status = extract_req_tracker(r, &t, &o);
    if (status != 0)
        return status;
    status = extract_req_input(r, &f.text, &f.len, &o);
    if (status == 0)
        status = extract_req_run(r, f.text, f.len, &o, &x);
    if (status != 0) {
        if (f.text && !shows_as_text(f.text, f.len))
            f.text = NULL;
        return extract_page(r, &t, &f, recorded(r), status);
    }
    f.found = &x;
    status = extract_page(r, &t, &f, NULL, 200);
    extraction_free(&x);
    return status;
}

/* ==== Trackers and their metrics ==== */

/* The settings page; with in (a change refused as stale), the form holds
 * the editor's values beside the ones saved now. */
static int settings_page(struct req *r, const struct tracker_input *in,
                         const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t, mine;
    struct metric *m;
    size_t nm;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (store_metric_list(req_store(r), &r->arena, t.id, &m, &nm, &err) != 0)
        return req_read_failed(r);
    mine = t;
    bool stale = in && tracker_apply(&mine, in, &err) == 0;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_settings(&r->body, &d, &t, stale ? &mine : NULL, m, nm);
    return shown(r, status);
}

/* GET /admin/t/:slug/settings */
int desk_settings(struct req *r)
{
    return settings_page(r, NULL, NULL, 200);
}

static int back_to_settings(struct req *r, const char *slug)
{
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%s/settings", slug);
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/settings: refused when someone else changed the
 * settings since the form was shown ("version") */
int desk_save_settings(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = {
        .title = given(r, "title"),
        .summary = form_field(r, "summary"),
        .ended_on = form_field(r, "ended_on"),
        .timezone = given(r, "timezone"),
        .status = given(r, "status"),
        .country = form_field(r, "country"),
        .languages = given(r, "languages"),
        .version = given(r, "version"),
        .bylines = given(r, "bylines"),
        .gregorian = given(r, "gregorian"),
        .frame_origins = form_field(r, "frame_origins"),
    };
    struct op op;
    req_write_begin(r, &op);
    int rc = tracker_set(&op, req_param(r, 0), &in, &err);
    req_write_end(r);
    if (rc != 0) {
        bool stale = rc == VG_ECONFLICT && err.field &&
                     strcmp(err.field, "version") == 0;
        return settings_page(r, stale ? &in : NULL, refusal(r, &err),
                             req_fail(r, &err));
    }
    return back_to_settings(r, req_param(r, 0));
}

/* POST /admin/t/:slug/metrics */
int desk_add_metric(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct metric_input in = {.key = given(r, "key"),
                              .label = given(r, "label")};
    struct op op;
    req_write_begin(r, &op);
    int rc = metric_add(&op, req_param(r, 0), &in, &err);
    req_write_end(r);
    if (rc != 0)
        return settings_page(r, NULL, refusal(r, &err), req_fail(r, &err));
    return back_to_settings(r, req_param(r, 0));
}

/* POST /admin/trackers */
int desk_create_tracker(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = {
        .slug = given(r, "slug"),
        .title = given(r, "title"),
        .started_on = given(r, "started_on"),
        .timezone = given(r, "timezone"),
        .country = given(r, "country"),
        .languages = given(r, "languages"),
    };
    struct tracker t;
    struct op op;
    req_write_begin(r, &op);
    int rc = tracker_create(&op, &in, &t, &err);
    req_write_end(r);
    if (rc != 0) {
        struct tracker *all;
        struct day_info *days;
        size_t n;
        if (req_trackers(r, &all, &days, &n) != 0)
            return 500;
        struct desk d = desk_of(r);
        d.notice = refusal(r, &err);
        buf_reset(&r->body);
        render_desk_index(&r->body, &d, all, n);
        return shown(r, req_fail(r, &err));
    }
    return back_to_settings(r, in.slug);
}

/* ==== Events ==== */

static int events_page(struct req *r, const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct source *s;
    struct event *e;
    size_t ns, ne;
    struct event_filter all = {.with_retracted = true};
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (store_source_list(req_store(r), &r->arena, t.id, &s, &ns, &err) != 0 ||
        store_event_list(req_store(r), &r->arena, t.id, &all, &e, &ne, &err) !=
            0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_events(&r->body, &d, &t, s, ns, e, ne);
    return shown(r, status);
}

/* GET /admin/t/:slug/events */
int desk_events(struct req *r)
{
    return events_page(r, NULL, 200);
}

static int back_to_events(struct req *r)
{
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%s/events", req_param(r, 0));
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/events: "kind" is "Type|Sub-type" */
int desk_add_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    char type[96] = "";
    const char *kind = given(r, "kind"), *bar = kind ? strchr(kind, '|') : NULL;
    if (bar)
        snprintf(type, sizeof type, "%.*s", (int)(bar - kind), kind);
    struct event_input in = {
        .date = given(r, "date"),
        .end_date = given(r, "end_date"),
        .type = bar ? type : kind,
        .sub_type = bar ? bar + 1 : NULL,
        .place = given(r, "place"),
        .country = given(r, "country"),
        .actor1 = given(r, "actor1"),
        .size_words = given(r, "size_words"),
        .fatalities = given(r, "fatalities"),
        .source = given(r, "source"),
        .url = given(r, "url"),
        .notes = given(r, "notes"),
    };
    struct op op;
    req_write_begin(r, &op);
    int rc =
        event_add(&op, r->app->gazetteer, req_param(r, 0), &in, NULL, &err);
    req_write_end(r);
    if (rc != 0)
        return events_page(r, refusal(r, &err), req_fail(r, &err));
    return back_to_events(r);
}

/* The edit form of event :n, holding f (NULL: the event as it stands);
 * 404 for no such event. */
static int event_page(struct req *r, const struct event_input *f,
                      const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event e;
    struct source *s;
    size_t ns;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    int64_t n = req_param_number(r, 1);
    rc = n < 1 ? VG_ENOTFOUND
               : store_event_get(req_store(r), &r->arena, t.id, n, &e, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "This tracker has no event %.20s.",
                         req_param(r, 1));
    if (rc != 0 ||
        store_source_list(req_store(r), &r->arena, t.id, &s, &ns, &err) != 0)
        return req_read_failed(r);
    struct event_input own = event_input_of(&r->arena, &e);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_event(&r->body, &d, &t, &e, f ? f : &own, s, ns);
    return shown(r, status);
}

/* GET /admin/t/:slug/events/:n */
int desk_event(struct req *r)
{
    return event_page(r, NULL, NULL, 200);
}

/* The event form as sent: "kind" is "Type|Sub-type". */
static struct event_input event_form_from(struct req *r)
{
    const char *kind = form_field(r, "kind");
    const char *bar = kind ? strchr(kind, '|') : NULL;
    return (struct event_input){
        .date = form_field(r, "date"),
        .end_date = form_field(r, "end_date"),
        .type =
            bar ? arena_strndup(&r->arena, kind, (size_t)(bar - kind)) : kind,
        .sub_type = bar ? bar + 1 : NULL,
        .place = form_field(r, "place"),
        .country = form_field(r, "country"),
        .actor1 = form_field(r, "actor1"),
        .actor2 = form_field(r, "actor2"),
        .size_words = form_field(r, "size_words"),
        .fatalities = form_field(r, "fatalities"),
        .source = form_field(r, "source"),
        .url = form_field(r, "url"),
        .notes = form_field(r, "notes"),
    };
}

/* What the editor changed: sent's value ("" when emptied), or NULL when
 * it still says what the event says (now). */
static const char *changed(const char *sent, const char *now)
{
    return sent && strcmp(sent, now ? now : "") != 0 ? sent : NULL;
}

/* POST /admin/t/:slug/events/:n: the fields changed make a revision */
int desk_edit_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event e;
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    int rc = store_event_get(req_store(r), &r->arena, t.id,
                             req_param_number(r, 1), &e, &err);
    if (rc != 0) /* 404 when there is no such event */
        return rc == VG_ENOTFOUND ? event_page(r, NULL, NULL, 404)
                                  : req_read_failed(r);
    struct event_input now = event_input_of(&r->arena, &e);
    struct event_input sent = event_form_from(r);
    bool kind =
        changed(sent.type, now.type) || changed(sent.sub_type, now.sub_type);
    struct event_input in = {
        .date = changed(sent.date, now.date),
        .end_date = changed(sent.end_date, now.end_date),
        .type = kind ? sent.type : NULL,
        .sub_type = kind ? sent.sub_type : NULL,
        .place = changed(sent.place, now.place),
        .country = changed(sent.country, now.country),
        .actor1 = changed(sent.actor1, now.actor1),
        .actor2 = changed(sent.actor2, now.actor2),
        .size_words = changed(sent.size_words, now.size_words),
        .fatalities = changed(sent.fatalities, now.fatalities),
        .source = changed(sent.source, now.source),
        .url = changed(sent.url, now.url),
        .notes = changed(sent.notes, now.notes),
    };
    struct op op;
    req_write_begin(r, &op);
    rc = event_edit(&op, r->app->gazetteer, t.slug, e.number, &in, &err);
    req_write_end(r);
    if (rc != 0)
        return event_page(r, &sent, refusal(r, &err), req_fail(r, &err));
    return back_to_events(r);
}

/* POST /admin/t/:slug/events/:n/retract */
int desk_retract_event(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = event_retract(&op, req_param(r, 0), req_param_number(r, 1), &err);
    req_write_end(r);
    if (rc != 0)
        return events_page(r, refusal(r, &err), req_fail(r, &err));
    return back_to_events(r);
}

/* ==== Sources and the audit log ==== */

/* The sources of tracker t's list (t NULL: all), with their aliases. */
static int load_sources(struct req *r, const struct tracker *t,
                        struct sources_page *p)
{
    struct vg_err err = VG_ERR_INIT;
    struct source *s;
    struct source_alias *al;
    int64_t id = t ? t->id : 0;
    if (store_source_list(req_store(r), &r->arena, id, &s, &p->n, &err) != 0 ||
        store_source_alias_list(req_store(r), &r->arena, id, &al, &p->naliases,
                                &err) != 0)
        return req_read_failed(r);
    p->s = s;
    p->aliases = al;
    return 0;
}

static int sources_page(struct req *r, const char *notice, int status)
{
    struct sources_page p = {0};
    struct tracker *all;
    struct day_info *days;
    int rc = load_sources(r, NULL, &p);
    if (rc == 0)
        rc = req_trackers(r, &all, &days, &p.ntrackers);
    if (rc != 0)
        return rc;
    p.trackers = all;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_sources(&r->body, &d, &p);
    return shown(r, status);
}

/* The sources of the whole record that t's list lacks, into p->others. */
static int other_sources(struct req *r, struct sources_page *p)
{
    struct vg_err err = VG_ERR_INIT;
    struct source *all, *others;
    size_t n, k = 0;
    if (store_source_list(req_store(r), &r->arena, 0, &all, &n, &err) != 0)
        return req_read_failed(r);
    others = arena_alloc(&r->arena, (n + 1) * sizeof *others);
    for (size_t i = 0; i < n; i++) {
        bool listed = false;
        for (size_t j = 0; j < p->n && !listed; j++)
            listed = p->s[j].id == all[i].id;
        if (!listed)
            others[k++] = all[i];
    }
    p->others = others;
    p->nothers = k;
    return 0;
}

static int tracker_sources_page(struct req *r, const char *slug,
                                const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct sources_page p = {.tracker = &t};
    if (tracker_lookup(req_store(r), &r->arena, "tracker", slug, &t, &err) != 0)
        return err.code == VG_ENOTFOUND ? req_fail(r, &err)
                                        : req_read_failed(r);
    int rc = load_sources(r, &t, &p);
    if (rc == 0)
        rc = other_sources(r, &p);
    if (rc != 0)
        return rc;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_sources(&r->body, &d, &p);
    return shown(r, status);
}

/* Back to the page a sources form was on: the tracker's (its slug in
 * field "tracker") or the page of all sources; a refusal shows it again
 * with the reason. */
static int back_to_sources(struct req *r, int rc, const struct vg_err *err)
{
    const char *slug = given(r, "tracker");
    if (rc != 0 && slug)
        return tracker_sources_page(r, slug, refusal(r, err), req_fail(r, err));
    if (rc != 0)
        return sources_page(r, refusal(r, err), req_fail(r, err));
    if (slug == NULL)
        return req_redirect(r, "/admin/sources");
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%.64s/sources", slug);
    return req_redirect(r, to);
}

/* GET /admin/sources */
int desk_sources(struct req *r)
{
    return sources_page(r, NULL, 200);
}

/* POST /admin/sources: a new source, listed in "tracker" when given */
int desk_add_source(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct source_input in = {.slug = given(r, "slug"),
                              .name = given(r, "name"),
                              .kind = given(r, "kind"),
                              .url = given(r, "url"),
                              .note = given(r, "note"),
                              .grade = given(r, "grade"),
                              .tracker = given(r, "tracker")};
    struct op op;
    req_write_begin(r, &op);
    int rc = source_add(&op, &in, &err);
    req_write_end(r);
    return back_to_sources(r, rc, &err);
}

/* GET /admin/t/:slug/sources: the tracker's own list */
int desk_tracker_sources(struct req *r)
{
    return tracker_sources_page(r, req_param(r, 0), NULL, 200);
}

/* POST /admin/t/:slug/sources: list "source" in the tracker's list */
int desk_link_source(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = source_link(&op, req_param(r, 0), given(r, "source"), &err);
    req_write_end(r);
    if (rc != 0)
        return tracker_sources_page(r, req_param(r, 0), refusal(r, &err),
                                    req_fail(r, &err));
    char to[200];
    snprintf(to, sizeof to, "/admin/t/%s/sources", req_param(r, 0));
    return req_redirect(r, to);
}

/* POST /admin/sources/:source/aliases: another name, "alias" */
int desk_add_alias(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = source_alias_add(&op, req_param(r, 0), given(r, "alias"), &err);
    req_write_end(r);
    return back_to_sources(r, rc, &err);
}

/* GET /admin/audit */
int desk_audit(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct audit_entry *e;
    size_t n;
    if (store_audit_list(req_store(r), &r->arena, 200, &e, &n, &err) != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    render_desk_audit(&r->body, &d, e, n);
    return shown(r, 200);
}
