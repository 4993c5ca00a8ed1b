/* media.c: an image of the record as HTML (media.h). */
#include "render/media.h"

#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

/* The page's column is 40rem at most (web/style.css): the browser picks
 * the rendition for that, times the screen's pixel ratio. */
static const char SIZES[] = "(max-width: 40rem) 100vw, 40rem";

void render_media_url(struct buf *b, const struct media_file *f)
{
    buf_puts(b, "/media/");
    buf_puts(b, f->sha256);
    buf_putc(b, '.');
    buf_puts(b, f->format);
}

void render_media_jpeg_url(struct buf *b, const char *base_url,
                           const struct media_record *m)
{
    const struct media_file *f = NULL;
    for (size_t i = 0; i < m->nfiles; i++)
        if (strcmp(m->files[i].format, "jpg") == 0 &&
            (f == NULL || m->files[i].width > f->width))
            f = &m->files[i];
    if (f == NULL)
        return;
    if (base_url)
        buf_puts(b, base_url);
    render_media_url(b, f);
}

/* srcset="URL 320w, URL 640w" of the files in one format. */
static void srcset(struct buf *b, const struct media_record *m,
                   const char *format)
{
    struct buf v = BUF_INIT(4096);
    for (size_t i = 0; i < m->nfiles; i++) {
        if (strcmp(m->files[i].format, format) != 0)
            continue;
        if (v.len)
            buf_puts(&v, ", ");
        render_media_url(&v, &m->files[i]);
        buf_printf(&v, " %lldw", (long long)m->files[i].width);
    }
    html_attr(b, "srcset", buf_cstr(&v));
    buf_release(&v);
}

/* The largest JPEG: the <img>'s own src, for browsers without srcset. */
static const struct media_file *largest_jpeg(const struct media_record *m)
{
    const struct media_file *f = NULL;
    for (size_t i = 0; i < m->nfiles; i++)
        if (strcmp(m->files[i].format, "jpg") == 0 &&
            (f == NULL || m->files[i].width > f->width))
            f = &m->files[i];
    return f;
}

void render_media_credit(struct buf *b, const struct media_record *m)
{
    if (!m->caption && !m->credit && !m->credit_withheld)
        return;
    HTML_LIT(b, "<small class=\"media-credit\">");
    if (m->caption) {
        HTML_LIT(b, "<span dir=\"auto\">");
        html_text(b, m->caption);
        HTML_LIT(b, "</span>");
    }
    if (m->caption && (m->credit || m->credit_withheld))
        HTML_LIT(b, " ");
    if (m->credit) {
        struct buf who = BUF_INIT(256);
        HTML_LIT(&who, "<bdi>");
        html_text(&who, m->credit);
        HTML_LIT(&who, "</bdi>");
        html_msg(b, _("Photo: %s"),
                 &(struct html_frag){buf_cstr(&who), who.len}, 1);
        buf_release(&who);
    } else if (m->credit_withheld) {
        html_text(b, _("Photo: credit withheld for safety"));
    }
    HTML_LIT(b, "</small>");
}

void render_picture(struct buf *b, const struct media_record *m,
                    const char *alt)
{
    const struct media_file *img = largest_jpeg(m);
    struct buf src = BUF_INIT(256);
    if (img == NULL)
        return;
    HTML_LIT(b, "<picture class=\"media\"><source type=\"image/webp\"");
    srcset(b, m, "webp");
    html_attr(b, "sizes", SIZES);
    HTML_LIT(b, "><img");
    render_media_url(&src, img);
    html_attr(b, "src", buf_cstr(&src));
    srcset(b, m, "jpg");
    html_attr(b, "sizes", SIZES);
    html_attrf(b, "width", "%lld", (long long)img->width);
    html_attrf(b, "height", "%lld", (long long)img->height);
    html_attr(b, "alt", alt && *alt ? alt : m->alt);
    HTML_LIT(b, " loading=\"lazy\" decoding=\"async\"></picture>");
    render_media_credit(b, m);
    buf_release(&src);
}

/* "Image: <alt>", the alt text isolated from the label's direction. */
static void alt_label(struct buf *b, const char *alt)
{
    struct buf text = BUF_INIT(1024);
    HTML_LIT(&text, "<bdi>");
    html_text(&text, alt);
    HTML_LIT(&text, "</bdi>");
    html_msg(b, _("Image: %s"), &(struct html_frag){buf_cstr(&text), text.len},
             1);
    buf_release(&text);
}

void render_media_link(struct buf *b, const struct media_record *m)
{
    const struct media_file *img = largest_jpeg(m);
    struct buf href = BUF_INIT(256);
    if (img == NULL)
        return;
    render_media_url(&href, img);
    HTML_LIT(b, "<a");
    html_attr(b, "href", buf_cstr(&href));
    HTML_LIT(b, ">");
    alt_label(b, m->alt);
    HTML_LIT(b, "</a>");
    render_media_credit(b, m);
    buf_release(&href);
}
