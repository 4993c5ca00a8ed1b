/* snapshot_images.c: the images of a snapshot, inlined or named
 * (snapshot_images.h). */
#include "core/snapshot_images.h"

#include <sodium.h>
#include <string.h>

#include "core/markdown.h"
#include "render/snapshot.h"
#include "util/xmalloc.h"

struct inlining {
    struct store *st;
    struct arena *a;
    int64_t tracker_id;
    const char *base_url;
    struct snapshot_images *x;
};

/* The smallest WebP of m (its files are by width, WebP first). */
static const struct media_file *smallest_webp(const struct media_record *m)
{
    for (size_t i = 0; i < m->nfiles; i++)
        if (strcmp(m->files[i].format, "webp") == 0)
            return &m->files[i];
    return NULL;
}

/* "data:image/webp;base64,..." of f's bytes, into uri. */
static void data_uri(struct buf *uri, const struct media_file *f)
{
    size_t size =
        sodium_base64_ENCODED_LEN(f->len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(size);
    sodium_bin2base64(b64, size, f->bytes, f->len,
                      sodium_base64_VARIANT_ORIGINAL);
    buf_puts(uri, "data:image/webp;base64,");
    buf_puts(uri, b64);
    free(b64);
}

/* markdown_media's html(): the image inlined when the budget allows. */
static int on_image(void *ctx, const char *key, const char *alt,
                    struct buf *out, struct vg_err *err)
{
    struct inlining *c = ctx;
    struct media_record m;
    struct media_file f;
    int rc = store_media_get(c->st, c->a, c->tracker_id, key, &m, err);
    if (rc == VG_ENOTFOUND) { /* as the page shows it: a link */
        vg_err_clear(err);
        render_snapshot_left_out(out, c->base_url, key, alt);
        c->x->left_out++;
        return 0;
    }
    const struct media_file *small = rc == 0 ? smallest_webp(&m) : NULL;
    if (small)
        rc = store_media_file_get(c->st, c->a, small->sha256, &f, err);
    if (rc != 0)
        return rc;
    struct buf uri = BUF_INIT(1 << 26), img = BUF_INIT(1 << 27);
    if (small) {
        data_uri(&uri, &f);
        render_snapshot_image(&img, &m, small, buf_cstr(&uri), alt);
    }
    if (small && !img.failed && c->x->used + img.len <= c->x->budget) {
        buf_append(out, img.p, img.len);
        c->x->used += img.len;
        c->x->inlined++;
    } else {
        render_snapshot_left_out(out, c->base_url, key, alt ? alt : m.alt);
        c->x->left_out++;
    }
    buf_release(&uri);
    buf_release(&img);
    return 0;
}

/* A post's still goes with the body, inlined or named as the body's
 * images are; the facade then shows none (it would load the file). */
static int still_here(struct inlining *c, struct update *u, struct buf *html,
                      struct vg_err *err)
{
    struct embed *e = arena_alloc(c->a, sizeof *e);
    *e = *u->embed;
    e->still_image = NULL;
    u->embed = e;
    return on_image(c, e->still, NULL, html, err);
}

int snapshot_images_render(struct store *st, struct arena *a,
                           const struct tracker *t, const char *base_url,
                           struct update *u, size_t n,
                           struct snapshot_images *x, struct vg_err *err)
{
    struct inlining c = {st, a, t->id, base_url, x};
    struct markdown_media media = {on_image, &c};
    x->used = x->inlined = x->left_out = 0;
    for (size_t i = 0; i < n; i++) {
        struct buf html = BUF_INIT(1 << 28);
        int rc = markdown_render_media(
            "body", u[i].body_md, strlen(u[i].body_md), &media, &html, err);
        if (rc == 0 && u[i].embed && u[i].embed->still)
            rc = still_here(&c, &u[i], &html, err);
        /* A body saved before its rules changed: kept as it was saved. */
        if (rc == 0 && !html.failed)
            u[i].body_html = arena_strndup(a, buf_cstr(&html), html.len);
        buf_release(&html);
        if (rc != 0 && rc != VG_EINVAL && rc != VG_ELIMIT)
            return rc;
        vg_err_clear(err);
    }
    return 0;
}
