/*
 * embed.c: facades of posts from elsewhere and of videos (see embed.h).
 *
 * "Load from <platform>" is a plain link that opens the post, with or
 * without JavaScript; it does not swap the facade for the platform's own
 * embed. That is the safer choice: an embed runs the platform's script
 * (or frame) inside Vigil's page, where it can set cookies, follow the
 * reader across sites and read what else the page shows, and allowing it
 * would loosen every page's Content-Security-Policy (script-src,
 * frame-src) for all readers, not only the one who clicked. A link leaves
 * the page and its policy as they are; with rel="noreferrer" the platform
 * does not even learn which tracker the reader came from.
 */
#include "render/embed.h"

#include <string.h>

#include "core/embeds.h"
#include "core/platforms.h"
#include "render/html.h"
#include "render/media.h"
#include "util/i18n.h"

/* What the link says: "Load from X", or the host for a video elsewhere. */
static void load_label(struct buf *b, const struct embed *e)
{
    enum platform p = platform_by_key(e->platform);
    struct buf where = BUF_INIT(512);
    /* Vigil's own label or an ASCII host: nothing for an isolate to
     * guard. */
    if (p == PLATFORM_VIDEO) {
        const char *h = e->url + strlen("https://");
        html_textn(&where, h, strcspn(h, "/?"));
    } else {
        html_text(&where, platform_label(p));
    }
    html_msg(b, _("Load from %s"),
             &(struct html_frag){buf_cstr(&where), where.len}, 1);
    buf_release(&where);
}

/* The link to the post: the only place its URL appears. */
static void load_link(struct buf *b, const struct embed *e)
{
    HTML_LIT(b, "<a class=\"embed-load\"");
    html_url_attr(b, "href", e->url);
    HTML_LIT(b, " rel=\"noopener noreferrer nofollow\" "
                "referrerpolicy=\"no-referrer\" target=\"_blank\">");
    load_label(b, e);
    HTML_LIT(b, "</a>");
}

/* The author as posted, then the handle when it differs. */
static void author(struct buf *b, const struct embed *e)
{
    HTML_LIT(b, "<span class=\"embed-author\" dir=\"auto\">");
    html_text(b, e->author);
    HTML_LIT(b, "</span>");
    if (e->handle && strcmp(e->handle, e->author) != 0) {
        HTML_LIT(b, " (<span dir=\"ltr\">");
        html_text(b, e->handle);
        HTML_LIT(b, "</span>)");
    }
}

/* "Amnesty Iran (@AmnestyIran) on X, 19 November 2019", one whole
 * sentence per combination, the date in the reader's calendar. */
static void who_when(struct buf *b, const struct embed *e)
{
    enum platform p = platform_by_key(e->platform);
    bool on = p != PLATFORM_VIDEO, dated = e->posted_on.year != 0;
    struct buf who = BUF_INIT(1024), date = BUF_INIT(128);
    author(&who, e);
    if (dated)
        html_date_long(&date, e->posted_on);
    const char *where = on ? platform_label(p) : "";
    const struct html_frag args[] = {{buf_cstr(&who), who.len},
                                     {where, strlen(where)},
                                     {buf_cstr(&date), date.len}};
    if (on && dated)
        html_msg(b, _("%1$s on %2$s, %3$s"), args, 3);
    else if (on)
        html_msg(b, _("%1$s on %2$s"), args, 2);
    else if (dated)
        html_msg(b, _("%1$s, %2$s"),
                 (const struct html_frag[]){args[0], args[2]}, 2);
    else
        html_frag(b, args[0]);
    buf_release(&who);
    buf_release(&date);
}

/* " · video, 1:02:03 · source: BBC · captured 6 December 2026". */
static void details(struct buf *b, const struct embed *e)
{
    struct buf part = BUF_INIT(512);
    if (platform_is_video(platform_by_key(e->platform))) {
        HTML_LIT(b, " \xc2\xb7 ");
        html_text(b, _("video"));
    }
    if (e->duration_s > 0) {
        HTML_LIT(b, ", ");
        embed_duration_append(b, e->duration_s);
    }
    if (e->source) {
        HTML_LIT(&part, "<span dir=\"auto\">");
        html_text(&part, e->source);
        HTML_LIT(&part, "</span>");
        HTML_LIT(b, " \xc2\xb7 ");
        html_msg(b, _("source: %s"),
                 &(struct html_frag){buf_cstr(&part), part.len}, 1);
    }
    buf_reset(&part);
    html_date_long(&part, timestamp_utc_date(e->captured_at));
    HTML_LIT(b, " \xc2\xb7 ");
    html_msg(b, _("captured %s"),
             &(struct html_frag){buf_cstr(&part), part.len}, 1);
    buf_release(&part);
}

void render_embed_facade(struct buf *b, const struct embed *e)
{
    HTML_LIT(b, "<figure class=\"embed\"");
    html_attr(b, "data-platform", e->platform);
    HTML_LIT(b, ">\n");
    /* The still is Vigil's own rendition: showing it asks the platform
     * for nothing. */
    if (e->still_image)
        render_picture(b, e->still_image, NULL);
    if (e->quote && *e->quote) {
        HTML_LIT(b, "<blockquote dir=\"auto\">");
        html_text(b, e->quote);
        HTML_LIT(b, "</blockquote>\n");
    }
    HTML_LIT(b, "<figcaption>");
    who_when(b, e);
    details(b, e);
    HTML_LIT(b, "<br>");
    load_link(b, e);
    HTML_LIT(b, "</figcaption>\n</figure>\n");
}

void render_embed_lite(struct buf *b, const struct embed *e)
{
    HTML_LIT(b, "<blockquote dir=\"auto\">");
    if (e->quote && *e->quote) {
        html_text(b, e->quote);
        HTML_LIT(b, "<br>");
    }
    HTML_LIT(b, "\xe2\x80\x94 ");
    who_when(b, e);
    details(b, e);
    HTML_LIT(b, " ");
    load_link(b, e);
    if (e->still_image) {
        HTML_LIT(b, "<br>");
        render_media_link(b, e->still_image);
    }
    HTML_LIT(b, "</blockquote>\n");
}
