/*
 * images.c: an upload stored as media (images.h). The costly part,
 * decoding and encoding, runs before the write transaction opens; the
 * transaction stores the renditions, the record and its audit row.
 */
#include "core/images.h"

#include <assert.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "render/html.h"
#include "render/media.h"
#include "store/store.h"

static bool empty(const char *s)
{
    return s == NULL || *s == '\0';
}

int images_check_words(const struct image_input *in, struct vg_err *err)
{
    int rc = check_line("alt", in->alt ? in->alt : "", 1, IMAGE_ALT_MAX, err);
    if (rc == 0 && !empty(in->caption))
        rc = check_text("caption", in->caption, IMAGE_CAPTION_MAX, err);
    if (rc == 0 && !empty(in->credit))
        rc = check_line("credit", in->credit, 1, IMAGE_CREDIT_MAX, err);
    if (rc == 0 && in->credit_withheld && !empty(in->credit))
        rc = vg_err_set(err, VG_EINVAL, "credit",
                        "a credit withheld for safety names no one: leave "
                        "it empty");
    return rc;
}

/* The record for set s: its files lent from s, its key the largest
 * WebP's hash. */
static void record_of(struct op *op, const struct image_input *in,
                      const struct media_set *s, struct media_record *m)
{
    struct media_file *f = arena_alloc(op->arena, s->n * sizeof *f);
    const struct media_rendition *largest = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const struct media_rendition *r = &s->r[i];
        f[i] = (struct media_file){arena_strdup(op->arena, r->sha256),
                                   media_format_ext(r->format),
                                   r->width,
                                   r->height,
                                   r->bytes,
                                   r->len};
        if (r->format == MEDIA_WEBP)
            largest = r;
    }
    assert(largest != NULL);
    *m = (struct media_record){
        .key = arena_strdup(op->arena, largest->sha256),
        .alt = in->alt,
        .caption = empty(in->caption) ? NULL : in->caption,
        .credit = empty(in->credit) ? NULL : in->credit,
        .credit_withheld = in->credit_withheld,
        .width = largest->width,
        .height = largest->height,
        .created_by = op->actor,
        .created_at = op->now,
        .files = f,
        .nfiles = s->n,
    };
}

struct add_ctx {
    const char *slug;
    struct media_record *m;
    /* images_keep: the upload waiting under token, for user_id */
    const struct image_input *in;
    const char *token;
    int64_t user_id;
};

/* Fills x->m from the upload waiting under x->token (in the tracker t). */
static int take_pending(struct op *op, struct add_ctx *x,
                        const struct tracker *t, struct vg_err *err)
{
    struct media_file *f;
    size_t n;
    struct media_set set = MEDIA_SET_INIT;
    int rc = store_media_pending_get(op->st, op->arena, x->token, x->user_id,
                                     t->id, &f, &n, err);
    if (rc == 0 && (n == 0 || n > MEDIA_MAX_RENDITIONS))
        rc = vg_err_set(err, VG_ENOTFOUND, "token",
                        "this upload is no longer waiting (kept, discarded, "
                        "or an hour old): upload it again");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct media_rendition *r = &set.r[set.n++];
        r->format = media_format_from_ext(f[i].format);
        r->width = (int)f[i].width;
        r->height = (int)f[i].height;
        r->bytes = (uint8_t *)f[i].bytes; /* the arena's; not released */
        r->len = f[i].len;
        snprintf(r->sha256, sizeof r->sha256, "%s", f[i].sha256);
    }
    if (rc == 0)
        record_of(op, x->in, &set, x->m);
    return rc ? rc : store_media_pending_drop(op->st, x->token, err);
}

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *x = p;
    struct tracker t;
    int rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0 && x->token)
        rc = take_pending(op, x, &t, err);
    if (rc != 0)
        return rc;
    x->m->tracker_id = t.id;
    rc = store_media_insert(op->st, x->m, err);
    if (rc != 0)
        return rc;
    json_t *after = json_pack(
        "{s:s, s:I, s:s, s:s?, s:s?, s:b, s:I, s:I}", "key", x->m->key, "rev",
        (json_int_t)x->m->rev_no, "alt", x->m->alt, "caption", x->m->caption,
        "credit", x->m->credit, "credit_withheld", x->m->credit_withheld,
        "width", (json_int_t)x->m->width, "height", (json_int_t)x->m->height);
    return audit_record(
        op, "media.add",
        audit_entity(op, "tracker/%s/media/%s", t.slug, x->m->key), NULL, after,
        err);
}

int images_prepare(const struct image_input *in, struct media_set *set,
                   struct vg_err *err)
{
    int rc = images_check_words(in, err);
    return rc ? rc
              : media_process(in->bytes, in->len, in->type, in->regions,
                              in->nregions, set, err);
}

int images_add(struct op *op, const char *slug, const struct image_input *in,
               const struct media_set *set, struct media_record *out,
               struct vg_err *err)
{
    int rc = op_require(op, ROLE_EDITOR, "add an image", err);
    if (rc != 0)
        return rc;
    record_of(op, in, set, out);
    struct add_ctx x = {slug, out, in, NULL, 0};
    rc = audit_transaction(op, add_body, &x, err);
    for (size_t i = 0; i < out->nfiles; i++)
        out->files[i].bytes = NULL; /* the set's, released by the caller */
    return rc;
}

/* ==== Uploads seen before they are kept ==== */

int images_pend(struct op *op, const char *slug, int64_t user_id,
                const struct media_set *set, char token[IMAGE_TOKEN_HEX + 1],
                struct vg_err *err)
{
    unsigned char raw[IMAGE_TOKEN_HEX / 2];
    struct media_file f[MEDIA_MAX_RENDITIONS];
    struct tracker t;
    int rc = op_require(op, ROLE_EDITOR, "add an image", err);
    if (rc != 0)
        return rc;
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, IMAGE_TOKEN_HEX + 1, raw, sizeof raw);
    for (size_t i = 0; i < set->n; i++) {
        const struct media_rendition *r = &set->r[i];
        f[i] = (struct media_file){r->sha256, media_format_ext(r->format),
                                   r->width,  r->height,
                                   r->bytes,  r->len};
    }
    rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    rc = tracker_find(op, "tracker", slug, &t, err);
    if (rc == 0)
        rc = store_media_pending_put(op->st, token, user_id, t.id, f, set->n,
                                     op->now, op->now - IMAGE_PENDING_SECONDS,
                                     err);
    if (rc == 0)
        return store_commit(op->st, err);
    store_rollback(op->st);
    return rc;
}

int images_keep(struct op *op, const char *slug, int64_t user_id,
                const char *token, const struct image_input *in,
                struct media_record *out, struct vg_err *err)
{
    int rc = op_require(op, ROLE_EDITOR, "add an image", err);
    rc = rc ? rc : images_check_words(in, err);
    if (rc != 0)
        return rc;
    struct add_ctx x = {slug, out, in, token, user_id};
    rc = audit_transaction(op, add_body, &x, err);
    for (size_t i = 0; rc == 0 && i < out->nfiles; i++)
        out->files[i].bytes = NULL; /* lent by the store's read */
    return rc;
}

/* The largest WebP waiting under token, into *out (the op's arena). */
static int largest_pending(struct op *op, const char *slug, int64_t user_id,
                           const char *token, struct media_file *out,
                           struct vg_err *err)
{
    struct tracker t;
    struct media_file *f;
    size_t n;
    int rc = tracker_find(op, "tracker", slug, &t, err);
    rc = rc ? rc
            : store_media_pending_get(op->st, op->arena, token, user_id, t.id,
                                      &f, &n, err);
    if (rc != 0)
        return rc;
    out->bytes = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].format, "webp") == 0)
            *out = f[i];
    if (out->bytes == NULL)
        return vg_err_set(err, VG_ENOTFOUND, "token",
                          "this upload is no longer waiting (kept, discarded, "
                          "or an hour old): upload it again");
    return 0;
}

int images_redact_pending(struct op *op, const char *slug, int64_t user_id,
                          const char *token, const struct media_region *regions,
                          size_t n, char new_token[IMAGE_TOKEN_HEX + 1],
                          struct vg_err *err)
{
    struct media_file big = {0};
    struct media_set set = MEDIA_SET_INIT;
    int rc = op_require(op, ROLE_EDITOR, "add an image", err);
    rc = rc ? rc : largest_pending(op, slug, user_id, token, &big, err);
    rc = rc ? rc
            : media_process(big.bytes, big.len, "image/webp", regions, n, &set,
                            err);
    rc = rc ? rc : images_pend(op, slug, user_id, &set, new_token, err);
    media_set_release(&set);
    return rc ? rc : images_discard(op, token, err);
}

int images_discard(struct op *op, const char *token, struct vg_err *err)
{
    int rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    rc = store_media_pending_drop(op->st, token, err);
    if (rc == 0)
        return store_commit(op->st, err);
    store_rollback(op->st);
    return rc;
}

int images_markdown_html(void *ctx, const char *key, const char *alt,
                         struct buf *out, struct vg_err *err)
{
    struct images_body *x = ctx;
    struct media_record m;
    int rc =
        store_media_get(x->op->st, x->op->arena, x->tracker_id, key, &m, err);
    if (rc == VG_ENOTFOUND && !x->refuse_unknown) {
        vg_err_clear(err);
        HTML_LIT(out, "<a");
        html_attrf(out, "href", "/media/%s", key);
        HTML_LIT(out, ">");
        html_text(out, alt);
        HTML_LIT(out, "</a>");
        return 0;
    }
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, VG_EINVAL, "body",
                          "shows /media/%.64s, which is no image of this "
                          "tracker",
                          key);
    if (rc != 0)
        return rc;
    render_picture(out, &m, alt);
    return 0;
}

/* The key of the first "](/media/KEY)" in a Markdown body, into key. */
static bool first_key(const char *md, char key[MEDIA_HASH_HEX + 1])
{
    for (const char *p = md; p && (p = strstr(p, "](/media/")) != NULL;
         p += 9) {
        size_t n = strspn(p + 9, "0123456789abcdef");
        if (n == MEDIA_HASH_HEX && p[9 + n] == ')') {
            memcpy(key, p + 9, MEDIA_HASH_HEX);
            key[MEDIA_HASH_HEX] = '\0';
            return true;
        }
    }
    return false;
}

int images_fill(struct store *st, struct arena *a, const struct tracker *t,
                struct update *u, size_t n, struct vg_err *err)
{
    char key[MEDIA_HASH_HEX + 1];
    for (size_t i = 0; i < n; i++) {
        u[i].image = NULL;
        if (!first_key(u[i].body_md, key))
            continue;
        struct media_record *m = arena_alloc(a, sizeof *m);
        int rc = store_media_get(st, a, t->id, key, m, err);
        if (rc == 0)
            u[i].image = m;
        else if (rc != VG_ENOTFOUND)
            return rc;
    }
    return 0;
}
