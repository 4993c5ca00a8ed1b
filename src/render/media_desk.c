/* media_desk.c: the desk's pages of images (media_desk.h). */
#include "render/media_desk.h"

#include <string.h>

#include "render/html.h"
#include "render/media.h"
#include "util/i18n.h"

/* The upload form: multipart, the file from the phone's camera or its
 * library (accepting any image type lets a phone offer both; `capture`
 * would allow the camera only), or dropped on the form (the desk's script);
 * the regions to redact as numbers, also markable on the preview. */
static void upload_form(struct buf *b, const struct desk *d,
                        const struct tracker *t)
{
    struct buf action = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Add an image"));
    HTML_LIT(b, "</h2>\n<form method=\"post\" class=\"upload\" "
                "enctype=\"multipart/form-data\"");
    html_attr(b, "action",
              render_desk_scratchf(&action, "/admin/t/%s/media", t->slug));
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, ">\n<label>");
    html_text(b, _("Photo (JPEG, PNG, WebP or HEIC)"));
    HTML_LIT(b, " <input type=\"file\" name=\"file\" accept=\"image/*\" "
                "required></label>\n<p>");
    html_text(b, _("Location, camera and every other detail in the file are "
                   "removed; the file itself is not kept. You will see the "
                   "result before it is kept."));
    HTML_LIT(b, "</p>\n");
    render_desk_input(b,
                      "Hide regions (faces, plates: X,Y,WIDTH,HEIGHT in "
                      "pixels of the upright photo, ; between)",
                      "regions", NULL, "text", false);
    HTML_LIT(b, "<button>");
    /* TRANSLATORS: the button that sends a photo to the server. */
    html_text(b, _("Upload"));
    HTML_LIT(b, "</button>\n</form>\n");
    buf_release(&action);
}

/* "1200 × 800": an image's size in pixels, in the reader's digits. */
static void dimensions(struct buf *b, int64_t width, int64_t height)
{
    html_number(b, width);
    HTML_LIT(b, " × ");
    html_number(b, height);
}

void render_desk_media(struct buf *b, const struct desk *d,
                       const struct tracker *t, const struct media_record *m,
                       size_t n)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    /* TRANSLATORS: a page's title; %s is the tracker's. */
    i18n_msg(&title, _("Images of %s"), &t->title, 1);
    render_desk_begin_script(b, d, buf_cstr(&title), LAYOUT_DESK);
    upload_form(b, d, t);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Images"));
    HTML_LIT(b, "</h2>\n");
    if (n == 0) {
        HTML_LIT(b, "<p>");
        /* TRANSLATORS: a tracker has no image yet. */
        html_text(b, _("None yet."));
        HTML_LIT(b, "</p>\n");
    } else
        HTML_LIT(b, "<ul class=\"media-list\">\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<li><a");
        html_attr(b, "href",
                  render_desk_scratchf(&title, "/admin/t/%s/media/%s", t->slug,
                                       m[i].key));
        HTML_LIT(b, ">");
        html_text(b, m[i].alt);
        HTML_LIT(b, "</a> ");
        dimensions(b, m[i].width, m[i].height);
        HTML_LIT(b, "</li>\n");
    }
    if (n)
        HTML_LIT(b, "</ul>\n");
    render_desk_end(b, d);
    buf_release(&title);
}

/* The Markdown that shows image m in an update, "![ALT](/media/KEY)",
 * into md. The alt text's characters that Markdown would read (brackets,
 * emphasis, code, HTML, entities, backslashes) are backslash-escaped, so
 * that readers get exactly the alt text kept; a line break becomes a
 * space. */
static void markdown_of(struct buf *md, const struct media_record *m)
{
    BUF_LIT(md, "![");
    for (const char *p = m->alt; *p; p++) {
        if (strchr("\\[]<&*_`~", *p))
            buf_putc(md, '\\');
        buf_putc(md, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
    buf_printf(md, "](/media/%s)", m->key);
}

/* The Markdown to copy, and a button that opens the tracker's form of a
 * new update with it in the text, previewed (a form, so no script is
 * needed and the CSRF token goes with it). */
static void use_it(struct buf *b, const struct desk *d, const struct tracker *t,
                   const struct media_record *m)
{
    struct buf md = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf s = BUF_INIT(HTML_SCRATCH_MAX);
    markdown_of(&md, m);
    HTML_LIT(b, "<p>");
    html_text(b, _("To show it in an update, write:"));
    HTML_LIT(b, "</p>\n<pre class=\"md\"><code>");
    html_text(b, buf_cstr(&md));
    HTML_LIT(b, "</code></pre>\n");
    render_desk_form(b, d,
                     render_desk_scratchf(&s, "/admin/t/%s/updates", t->slug));
    HTML_LIT(b, "<input type=\"hidden\" name=\"body\"");
    html_attr(b, "value", buf_cstr(&md));
    HTML_LIT(b, "><button name=\"preview\" value=\"1\">");
    html_text(b, _("Write an update with it"));
    HTML_LIT(b, "</button>\n</form>\n");
    buf_release(&s);
    buf_release(&md);
}

void render_desk_media_item(struct buf *b, const struct desk *d,
                            const struct tracker *t,
                            const struct media_record *m)
{
    struct buf s = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d, "The image as readers will see it");
    HTML_LIT(b, "<p>");
    render_picture(b, m, NULL);
    HTML_LIT(b, "</p>\n<p>");
    html_text(b, _("Check that nothing in it identifies someone who must "
                   "not be; if something does, upload it again with that "
                   "region hidden."));
    HTML_LIT(b, "</p>\n");
    use_it(b, d, t, m);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Files served"));
    HTML_LIT(b, "</h2>\n<ul class=\"media-files\">\n");
    for (size_t i = 0; i < m->nfiles; i++) {
        buf_reset(&s);
        render_media_url(&s, &m->files[i]);
        HTML_LIT(b, "<li><a");
        html_attr(b, "href", buf_cstr(&s));
        HTML_LIT(b, ">");
        html_text(b, buf_cstr(&s));
        HTML_LIT(b, "</a> ");
        dimensions(b, m->files[i].width, m->files[i].height);
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n<p><a");
    html_attr(b, "href",
              render_desk_scratchf(&s, "/admin/t/%s/media", t->slug));
    HTML_LIT(b, ">");
    html_text(b, _("All images"));
    HTML_LIT(b, "</a></p>\n");
    render_desk_end(b, d);
    buf_release(&s);
}

/* The words of an image, asked when it is kept. */
static void words_form(struct buf *b)
{
    render_desk_input(b, "Describe it for who cannot see it (alt text)", "alt",
                      NULL, "text", true);
    render_desk_input(b, "Caption", "caption", NULL, "text", false);
    render_desk_input(b, "Credit", "credit", NULL, "text", false);
    render_desk_checkbox(b, "Credit withheld for safety", "credit_withheld",
                         false);
}

/* "The picture is 1200 × 800 pixels.": the size regions are given in. */
static void picture_size(struct buf *b, const struct media_file *f)
{
    struct buf w = BUF_INIT(64), h = BUF_INIT(64);
    html_number(&w, f->width);
    html_number(&h, f->height);
    const struct html_frag args[] = {{buf_cstr(&w), w.len},
                                     {buf_cstr(&h), h.len}};
    html_msg(b, _("The picture is %1$s × %2$s pixels."), args, 2);
    buf_release(&w);
    buf_release(&h);
}

void render_desk_media_pending(struct buf *b, const struct desk *d,
                               const struct tracker *t, const char *token,
                               const struct media_file *f, size_t n)
{
    struct buf s = BUF_INIT(HTML_SCRATCH_MAX);
    const struct media_file *big = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].format, "webp") == 0)
            big = &f[i];
    render_desk_begin_script(b, d, "Check the image before keeping it",
                             LAYOUT_DESK);
    if (big) {
        /* .mark: where the desk's script lets regions be dragged out on
         * the picture, in its pixels (width and height below). */
        HTML_LIT(b, "<p class=\"mark\"><img");
        html_attr(b, "src",
                  render_desk_scratchf(&s, "/admin/t/%s/media/pending/%s/%s.%s",
                                       t->slug, token, big->sha256,
                                       big->format));
        html_attrf(b, "width", "%lld", (long long)big->width);
        html_attrf(b, "height", "%lld", (long long)big->height);
        html_attr(b, "alt", _("The upload, as readers would see it"));
        HTML_LIT(b, "></p>\n");
    }
    HTML_LIT(b, "<p>");
    html_text(b, _("Does anything in it identify someone who must not be "
                   "identified (a face, a tattoo, a plate, a sign)? Hide "
                   "those regions: they are filled solid in every size. "
                   "Nothing of it is in the record until you keep it; if "
                   "you do not, it is dropped within the hour."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d,
                     render_desk_scratchf(&s,
                                          "/admin/t/%s/media/pending/%s/redact",
                                          t->slug, token));
    if (big)
        picture_size(b, big);
    render_desk_input(b,
                      "Hide regions (X,Y,WIDTH,HEIGHT in its pixels, ; "
                      "between)",
                      "regions", NULL, "text", true);
    HTML_LIT(b, "<button>");
    /* TRANSLATORS: the button that hides the regions of a photo typed
     * or marked. */
    html_text(b, _("Hide them"));
    HTML_LIT(b, "</button>\n</form>\n");
    render_desk_form(b, d,
                     render_desk_scratchf(&s,
                                          "/admin/t/%s/media/pending/%s/keep",
                                          t->slug, token));
    words_form(b);
    HTML_LIT(b, "<button>");
    html_text(b, _("Keep this image"));
    HTML_LIT(b, "</button>\n</form>\n");
    render_desk_button(
        b, d,
        render_desk_scratchf(&s, "/admin/t/%s/media/pending/%s/discard",
                             t->slug, token),
        "Discard it");
    render_desk_end(b, d);
    buf_release(&s);
}
