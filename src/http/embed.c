/*
 * embed.c: a tracker inside a newsroom's own article.
 *
 * - /t/SLUG/embed: the live page without the site's frame. Only the
 *   origins the tracker lists (frame_origins) may frame it: the page
 *   carries its own CSP frame-ancestors (http/reply.h); every other page
 *   keeps frame-ancestors 'none' and X-Frame-Options: DENY.
 * - /embed.js: the script the article loads to size the frame to the
 *   page's height, which the embedded live script posts.
 * - /oembed: oEmbed 1.0 (oembed.com), JSON only, type "rich", for a CMS
 *   given the address of one of a tracker's pages.
 */
#include "http/handlers.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "core/view.h"
#include "render/html.h"
#include "render/live.h"
#include "store/store.h"

enum {
    OEMBED_WIDTH = 600,  /* CSS pixels, before maxwidth */
    OEMBED_HEIGHT = 800, /* the frame's height until embed.js sizes it */
};

/* GET /t/:slug/embed */
int page_embed(struct req *r)
{
    struct tracker_view v;
    int rc = req_view(r, UPDATES_PUBLIC, LIVE_PAGE_UPDATES, &v);
    if (rc != 0)
        return rc;
    r->content_type = "text/html; charset=utf-8";
    /* With none listed, the page keeps every page's headers. */
    if (v.tracker.frame_origins && *v.tracker.frame_origins)
        r->frame_origins = v.tracker.frame_origins;
    render_embed(&r->body, &r->app->site, &v);
    return 200;
}

/* GET /embed.js */
int embed_script(struct req *r)
{
    const struct static_file *f = &r->app->statics.embed_js;
    r->content_type = f->content_type;
    buf_append(&r->body, f->data, f->len);
    return 200;
}

/* ==== oEmbed ==== */

/* The query argument name, or NULL. */
static const char *arg(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* The slug in url, the address of a tracker's page on this site
 * ("BASE/t/SLUG", "BASE/t/SLUG/day/3"), into the arena; or NULL. */
static const char *slug_of(struct req *r, const char *url)
{
    const char *base = r->app->site.base_url;
    size_t n = strlen(base);
    if (strncmp(url, base, n) != 0 || strncmp(url + n, "/t/", 3) != 0)
        return NULL;
    const char *slug = url + n + 3;
    size_t len = strcspn(slug, "/?#");
    return len ? arena_strndup(&r->arena, slug, len) : NULL;
}

/* The argument name as a whole number of pixels, at most max (absent or
 * not a positive number: max). */
static long pixels(struct req *r, const char *name, long max)
{
    const char *s = arg(r, name);
    if (s == NULL || *s < '0' || *s > '9')
        return max;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return *end || errno || v <= 0 || v > max ? max : v;
}

/* The markup a CMS puts in its article: the frame, and the script that
 * sizes it. */
static void embed_html(struct buf *b, const char *base, const struct tracker *t,
                       long width, long height)
{
    struct buf src = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&src, base);
    BUF_LIT(&src, "/t/");
    html_url_path(&src, t->slug);
    BUF_LIT(&src, "/embed");
    HTML_LIT(b, "<iframe");
    html_url_attr(b, "src", buf_cstr(&src));
    html_attrf(b, "width", "%ld", width);
    html_attrf(b, "height", "%ld", height);
    html_attr(b, "title", t->title);
    HTML_LIT(b, " style=\"border:0;max-width:100%\" loading=\"lazy\">"
                "</iframe><script async");
    buf_reset(&src);
    buf_puts(&src, base);
    BUF_LIT(&src, "/embed.js");
    html_url_attr(b, "src", buf_cstr(&src));
    HTML_LIT(b, "></script>");
    buf_release(&src);
}

/* GET /oembed?url=URL[&format=json][&maxwidth=N][&maxheight=N]: 404 for
 * an address that is no tracker's here, 501 for any format but JSON (the
 * spec's answer to one a provider does not give). */
int oembed(struct req *r)
{
    const char *format = arg(r, "format"), *url = arg(r, "url");
    if (format && strcmp(format, "json") != 0)
        return req_error(r, 501, "Only format=json is given.");
    if (url == NULL || *url == '\0')
        return req_error(r, 400, "url is required.");
    const char *slug = slug_of(r, url);
    if (slug == NULL)
        return req_error(r, 404, "No tracker has that address here.");
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    int rc = store_tracker_get(req_store(r), &r->arena, slug, &t, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No tracker has that address here.");
    if (rc != 0)
        return req_read_failed(r);
    long width = pixels(r, "maxwidth", OEMBED_WIDTH);
    long height = pixels(r, "maxheight", OEMBED_HEIGHT);
    const char *base = r->app->site.base_url;
    struct buf html = BUF_INIT(HTML_SCRATCH_MAX);
    embed_html(&html, base, &t, width, height);
    json_t *j =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "version", "1.0",
                  "type", "rich", "title", t.title, "provider_name", "Vigil",
                  "provider_url", base, "html", buf_cstr(&html), "width",
                  (json_int_t)width, "height", (json_int_t)height);
    buf_release(&html);
    return req_json(r, 200, j);
}
