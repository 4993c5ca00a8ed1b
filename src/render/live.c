/*
 * live.c: the live page and its relatives.
 *
 * User text always carries dir="auto" (and lang where known) so that
 * Persian or Arabic renders right to left inside a left-to-right page and
 * the reverse. Update bodies are the HTML cmark rendered, safely, when the
 * revision was saved.
 */
#include "render/live.h"

#include <string.h>

#include "core/entity_json.h"
#include "model/enums.h"
#include "core/figure.h"
#include "render/embed.h"
#include "render/html.h"
#include "render/jsonld.h"
#include "util/i18n.h"

/* ==== Small pieces ==== */

void render_day_line(struct buf *b, const struct day_info *day)
{
    if (day->number == 0) {
        html_text(b, _("Not started yet"));
        return;
    }
    html_msg_num(b, _("Day %s"), day->number);
    if (day->ended) {
        struct buf date = BUF_INIT(128);
        html_date_long(&date, day->date);
        HTML_LIT(b, " \xe2\x80\x94 ");
        html_msg(b, _("coverage ended %s"),
                 &(struct html_frag){buf_cstr(&date), date.len}, 1);
        buf_release(&date);
    }
}

static void time_element(struct buf *b, const struct tracker *t, int64_t at,
                         bool with_date)
{
    char iso[TIMESTAMP_LEN + 1], hhmm[6];
    timestamp_format(at, iso);
    struct vg_date d = tracker_local_clock(t, at, hhmm);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", iso);
    HTML_LIT(b, ">");
    if (with_date) {
        html_date_long(b, d);
        html_text(b, _(", "));
    }
    html_clock(b, hhmm);
    HTML_LIT(b, "</time>");
}

static void figure(struct buf *b, const struct claim *c)
{
    struct buf f = BUF_INIT(128);
    figure_phrase(c, &f);
    html_text(b, buf_cstr(&f));
    buf_release(&f);
}

/* ==== Highlights ==== */

static void highlight_range(struct buf *b, const struct highlight *h)
{
    HTML_LIT(b, "<dd class=\"range\">");
    figure(b, h->lowest);
    if (h->highest != h->lowest &&
        (figure_top(h->highest) != figure_top(h->lowest) ||
         h->highest->low != h->lowest->low)) {
        HTML_LIT(b, " \xe2\x80\x93 ");
        figure(b, h->highest);
    }
    HTML_LIT(b, " (");
    html_msg_num(b, P_("%s source", "%s sources", h->sources),
                 (int64_t)h->sources);
    HTML_LIT(b, ")");
    HTML_LIT(b, "</dd>\n");
}

static void highlight_claims(struct buf *b, const struct highlight *h)
{
    HTML_LIT(b, "<dd><ul class=\"claims\">\n");
    for (size_t i = 0; i < h->sources; i++) {
        const struct claim *c = h->latest[i];
        HTML_LIT(b, "<li><b>");
        figure(b, c);
        HTML_LIT(b, "</b> <span class=\"src\" dir=\"auto\">");
        html_text(b, c->source_name);
        char iso[DATE_LEN + 1];
        date_format(c->as_of, iso);
        HTML_LIT(b, "</span> <time");
        html_attr(b, "datetime", iso);
        HTML_LIT(b, ">");
        html_date_long(b, c->as_of);
        HTML_LIT(b, "</time></li>\n");
    }
    HTML_LIT(b, "</ul></dd>\n");
}

/* "Identified by name: N of at least M reported killed", M the highest
 * lower bound among the sources' latest figures for "killed". */
static void identified_line(struct buf *b, const struct tracker *t,
                            const struct highlight *h, size_t n,
                            int64_t identified)
{
    int64_t reported = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(h[i].metric->key, "killed") == 0)
            for (size_t j = 0; j < h[i].sources; j++)
                if (h[i].latest[j]->low > reported)
                    reported = h[i].latest[j]->low;
    struct buf link = BUF_INIT(256), num = BUF_INIT(64);
    HTML_LIT(&link, "<a");
    layout_href(&link, t, "%s", "/victims");
    HTML_LIT(&link, ">");
    html_number(&link, identified);
    HTML_LIT(&link, "</a>");
    html_number(&num, reported);
    const struct html_frag args[] = {{buf_cstr(&link), link.len},
                                     {buf_cstr(&num), num.len}};
    HTML_LIT(b, "<p class=\"identified\">");
    html_msg(b,
             reported ? _("Identified by name: %s of at least %s reported "
                          "killed")
                      : _("Identified by name: %s"),
             args, 2);
    HTML_LIT(b, "</p>\n");
    buf_release(&link);
    buf_release(&num);
}

void render_highlights(struct buf *b, const struct tracker *t,
                       const struct highlight *h, size_t n, int64_t identified)
{
    HTML_LIT(b, "<section class=\"highlights\" aria-labelledby=\"hl\">\n"
                "<h2 id=\"hl\">");
    html_text(b, _("Highlights"));
    HTML_LIT(b, "</h2>\n<dl>\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<div class=\"metric\"><dt><a");
        struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
        layout_tracker_path(&path, t, "/tallies/");
        html_url_path(&path, h[i].metric->key);
        html_attr(b, "href", buf_cstr(&path));
        buf_release(&path);
        HTML_LIT(b, " dir=\"auto\">");
        html_text(b, h[i].metric->label);
        HTML_LIT(b, "</a></dt>\n");
        if (h[i].sources == 0) {
            HTML_LIT(b, "<dd class=\"muted\">");
            html_text(b, _("No figures yet"));
            HTML_LIT(b, "</dd>\n");
        } else {
            highlight_range(b, &h[i]);
            highlight_claims(b, &h[i]);
        }
        HTML_LIT(b, "</div>\n");
    }
    HTML_LIT(b, "</dl>\n");
    if (identified > 0)
        identified_line(b, t, h, n, identified);
    HTML_LIT(b, "</section>\n");
}

/* ==== Updates ==== */

static void update_tags(struct buf *b, const struct update *u)
{
    if (u->pinned) {
        HTML_LIT(b, "<span class=\"tag\">");
        html_text(b, _("Pinned"));
        HTML_LIT(b, "</span>");
    }
    if (u->key_event) {
        HTML_LIT(b, "<span class=\"tag keyev\">");
        html_text(b, _("Key event"));
        HTML_LIT(b, "</span>");
    }
    if (u->kind != UPDATE_UPDATE) {
        HTML_LIT(b, "<span class=\"tag\">");
        html_text(b, _(enum_label(&update_kind_names, (int)u->kind)));
        HTML_LIT(b, "</span>");
    }
    if (u->status == UPDATE_RETRACTED) {
        HTML_LIT(b, "<span class=\"tag\">");
        html_text(b, _("Retracted"));
        HTML_LIT(b, "</span>");
    }
}

/* A corrected update links to its correction; a correction to what it
 * corrects. */
static void correction_notices(struct buf *b, const struct tracker *t,
                               const struct update *u)
{
    struct buf link = BUF_INIT(256);
    if (u->corrected_by) {
        HTML_LIT(&link, "<a");
        layout_href(&link, t, "/u/%lld", (long long)u->corrected_by);
        HTML_LIT(&link, ">");
        html_text(&link, _("read the correction"));
        HTML_LIT(&link, "</a>");
        HTML_LIT(b, "<p class=\"notice corrected\">");
        html_msg(b, _("This update was corrected: %s."),
                 &(struct html_frag){buf_cstr(&link), link.len}, 1);
        HTML_LIT(b, "</p>\n");
    }
    if (u->corrects) {
        buf_reset(&link);
        HTML_LIT(&link, "<a");
        layout_href(&link, t, "/u/%lld", (long long)u->corrects);
        HTML_LIT(&link, ">");
        html_msg_num(&link, _("update %s"), u->corrects);
        HTML_LIT(&link, "</a>");
        HTML_LIT(b, "<p class=\"notice\">");
        html_msg(b, _("This corrects %s."),
                 &(struct html_frag){buf_cstr(&link), link.len}, 1);
        HTML_LIT(b, "</p>\n");
    }
    buf_release(&link);
}

/* The attributes of an element holding an update's own text: its
 * language and that language's direction when the editor gave one, else
 * the direction of its first strong letter. Never set by a label beside
 * it (a key event's tag used to turn a Persian update left to right). */
static void user_text_attrs(struct buf *b, const char *lang)
{
    if (lang == NULL) {
        HTML_LIT(b, " dir=\"auto\"");
        return;
    }
    html_attr(b, "lang", lang);
    if (html_lang_is_rtl(lang))
        HTML_LIT(b, " dir=\"rtl\"");
    else
        HTML_LIT(b, " dir=\"ltr\"");
}

/* One update as an <article>; `with_date` for pages not grouped by day.
 * Its title is a heading of `level`, one below the page's own heading
 * above it (a screen reader's outline skips none). */
static void update_article(struct buf *b, const struct tracker *t,
                           const struct update *u, bool with_date, int level)
{
    HTML_LIT(b, "<article");
    html_attrf(b, "id", "u%lld", (long long)u->number);
    HTML_LIT(b, " class=\"update");
    if (u->pinned)
        HTML_LIT(b, " pinned");
    if (u->key_event)
        HTML_LIT(b, " key");
    if (u->status == UPDATE_RETRACTED)
        HTML_LIT(b, " retracted");
    /* The article is in the page's language and direction: its labels
     * are; only the update's own text carries its language. */
    HTML_LIT(b, "\">\n<p class=\"meta\">");
    update_tags(b, u);
    HTML_LIT(b, "<a");
    layout_href(b, t, "/u/%lld", (long long)u->number);
    HTML_LIT(b, ">");
    time_element(b, t, u->published_at ? u->published_at : u->created_at,
                 with_date);
    HTML_LIT(b, "</a>");
    if (u->edited_at) {
        HTML_LIT(b, " \xc2\xb7 ");
        html_text(b, _("edited"));
    }
    if (u->byline) {
        struct buf who = BUF_INIT(256);
        HTML_LIT(&who, "<bdi class=\"byline\">");
        html_text(&who, u->byline);
        HTML_LIT(&who, "</bdi>");
        HTML_LIT(b, " \xc2\xb7 ");
        html_msg(b, _("by %s"), &(struct html_frag){buf_cstr(&who), who.len},
                 1);
        buf_release(&who);
    }
    HTML_LIT(b, "</p>\n");
    if (u->title && *u->title) {
        buf_printf(b, "<h%d", level);
        user_text_attrs(b, u->lang);
        HTML_LIT(b, ">");
        html_text(b, u->title);
        buf_printf(b, "</h%d>\n", level);
    }
    if (u->status == UPDATE_RETRACTED) {
        HTML_LIT(b, "<p class=\"notice\">");
        html_text(b, _("This update was retracted. Its text is kept below "
                       "for the record."));
        HTML_LIT(b, "</p>\n");
    }
    correction_notices(b, t, u);
    HTML_LIT(b, "<div class=\"body\"");
    user_text_attrs(b, u->lang);
    HTML_LIT(b, ">");
    html_frag(b, (struct html_frag){u->body_html, strlen(u->body_html)});
    HTML_LIT(b, "</div>\n");
    if (u->embed)
        render_embed_facade(b, u->embed);
    HTML_LIT(b, "</article>\n");
}

static int64_t day_of(const struct tracker *t, const struct update *u)
{
    struct vg_date d = tracker_local_date(t, u->published_at ? u->published_at
                                                             : u->created_at);
    return date_to_days(d) - date_to_days(t->started_on) + 1;
}

static void day_heading(struct buf *b, const struct tracker *t, int64_t n)
{
    struct vg_date d = date_from_days(date_to_days(t->started_on) + n - 1);
    html_msg_num(b, _("Day %s"), n);
    HTML_LIT(b, " \xe2\x80\x94 ");
    html_date_long(b, d);
}

/* Opens the section of day d, with its heading. */
static void day_section_open(struct buf *b, const struct tracker *t, int64_t d)
{
    HTML_LIT(b, "<section class=\"day\"");
    html_attrf(b, "id", "day-%lld", (long long)d);
    HTML_LIT(b, ">\n<h2><a");
    layout_href(b, t, "/day/%lld", (long long)d);
    HTML_LIT(b, ">");
    day_heading(b, t, d);
    HTML_LIT(b, "</a></h2>\n");
}

void render_day_section(struct buf *b, const struct tracker *t, int64_t number)
{
    day_section_open(b, t, number);
    HTML_LIT(b, "</section>\n");
}

void render_update_article(struct buf *b, const struct tracker *t,
                           const struct update *u)
{
    update_article(b, t, u, u->pinned, 3);
}

int64_t render_update_day(const struct tracker *t, const struct update *u)
{
    return day_of(t, u);
}

/* Updates grouped under one heading per day, newest day first. Returns
 * the oldest day shown (or the current day when none). */
static int64_t updates_by_day(struct buf *b, const struct tracker_view *v)
{
    int64_t current = -1;
    int64_t oldest = v->day.number;
    for (size_t i = 0; i < v->nupdates; i++) {
        const struct update *u = &v->updates[i];
        if (v->pinned && u->number == v->pinned->number)
            continue;
        int64_t d = day_of(&v->tracker, u);
        if (d != current) {
            if (current != -1)
                HTML_LIT(b, "</section>\n");
            day_section_open(b, &v->tracker, d);
            current = d;
            oldest = d;
        }
        update_article(b, &v->tracker, u, false, 3);
    }
    if (current != -1)
        HTML_LIT(b, "</section>\n");
    return oldest;
}

/* Plain links to every day before `before`, newest first. */
/* Links to days from..to (newest first). */
static void day_links(struct buf *b, const struct tracker *t, int64_t from,
                      int64_t to)
{
    HTML_LIT(b, "<ul class=\"days\">");
    for (int64_t d = from; d >= to; d--) {
        HTML_LIT(b, "<li><a");
        layout_href(b, t, "/day/%lld", (long long)d);
        HTML_LIT(b, ">");
        html_msg_num(b, _("Day %s"), d);
        HTML_LIT(b, "</a></li>");
    }
    HTML_LIT(b, "</ul>\n");
}

/* Plain links to the EARLIER_DAYS days before `before`, and to the list
 * of all days beyond them: the live page stays the same size however
 * long the coverage runs. */
static void earlier_days(struct buf *b, const struct tracker *t, int64_t before)
{
    if (before <= 1)
        return;
    int64_t last = before - EARLIER_DAYS > 1 ? before - EARLIER_DAYS : 1;
    HTML_LIT(b, "<nav class=\"older\" aria-labelledby=\"older\">\n"
                "<h2 id=\"older\">");
    html_text(b, _("Earlier days"));
    HTML_LIT(b, "</h2>\n");
    day_links(b, t, before - 1, last);
    if (last > 1) {
        HTML_LIT(b, "<p><a");
        layout_href(b, t, "%s", "/days");
        HTML_LIT(b, ">");
        html_text(b, _("Every day since day 1"));
        HTML_LIT(b, "</a></p>\n");
    }
    HTML_LIT(b, "</nav>\n");
}

void render_days_page(struct buf *b, const struct site *s,
                      const struct tracker *t, const struct day_info *today)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&title, _("Every day"));
    buf_puts(&title, " \xe2\x80\x94 ");
    buf_puts(&title, t->title);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "/days");
    struct layout l = {
        buf_cstr(&title), t->languages, t, NULL, buf_cstr(&canonical), 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Every day"));
    HTML_LIT(b, "</h1>\n<p class=\"dayline\">");
    render_day_line(b, today);
    HTML_LIT(b, "</p>\n");
    if (today->number > 0)
        day_links(b, t, today->number, 1);
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
}

/* ==== Pages ==== */

void render_live_title(struct buf *out, const struct tracker *t,
                       const struct day_info *day)
{
    if (day->number > 0) {
        i18n_msg_num(out, _("Day %s"), day->number);
        buf_puts(out, " \xe2\x80\x94 ");
    }
    buf_puts(out, t->title);
}

static void page_title(struct buf *out, const struct tracker_view *v)
{
    render_live_title(out, &v->tracker, &v->day);
}

/* The live page's image for link previews: the pinned update's, else the
 * newest shown update's that has one. */
static void page_image(struct buf *out, const struct site *s,
                       const struct tracker_view *v)
{
    if (v->pinned)
        jsonld_image_url(out, s, v->pinned);
    for (size_t i = 0; i < v->nupdates && out->len == 0; i++)
        jsonld_image_url(out, s, &v->updates[i]);
}

static void live_filters(struct buf *b, const struct tracker *t, bool key_only)
{
    HTML_LIT(b, "<nav class=\"filters\"");
    html_attr(b, "aria-label", _("Filter"));
    HTML_LIT(b, "><a");
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&path, t, "");
    html_attr(b, "href", buf_cstr(&path));
    if (!key_only)
        HTML_LIT(b, " aria-current=\"page\"");
    HTML_LIT(b, ">");
    html_text(b, _("All updates"));
    HTML_LIT(b, "</a> \xc2\xb7 <a");
    buf_puts(&path, "?filter=key");
    html_attr(b, "href", buf_cstr(&path));
    buf_release(&path);
    if (key_only)
        HTML_LIT(b, " aria-current=\"page\"");
    HTML_LIT(b, ">");
    html_text(b, _("Key events only"));
    HTML_LIT(b, "</a></nav>\n");
}

/* Where the live script finds its stream: the change the page was
 * rendered at, so that nothing between render and connect is missed. */
static void live_hook(struct buf *b, const struct tracker_view *v,
                      bool key_only)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&path, &v->tracker, "");
    buf_printf(&path, "/live?after=%lld", (long long)v->last_change);
    HTML_LIT(b, "<div id=\"live\"");
    html_attr(b, "data-stream", buf_cstr(&path));
    html_attr(b, "data-filter", key_only ? "key" : "all");
    /* The bar that waits for a reader further down: its words, in the
     * page's language; live.js writes the count in the page's digits. */
    html_attr(b, "data-newbar", _("New updates: %s"));
    HTML_LIT(b, "></div>\n");
    buf_release(&path);
}

/* The live page's content, below the site's frame. */
static void live_content(struct buf *b, const struct tracker_view *v,
                         bool key_only, bool embedded)
{
    const struct tracker *t = &v->tracker;
    HTML_LIT(b, "<h1 dir=\"auto\">");
    html_text(b, t->title);
    HTML_LIT(b, "</h1>\n<p class=\"dayline\">");
    render_day_line(b, &v->day);
    HTML_LIT(b, "</p>\n");
    if (t->archived_at) {
        HTML_LIT(b, "<p class=\"notice archived\">");
        html_text(b, _("This tracker is archived: it is kept as it was and "
                       "no longer changes."));
        HTML_LIT(b, "</p>\n");
    }
    if (t->summary && *t->summary) {
        HTML_LIT(b, "<p class=\"summary\" dir=\"auto\">");
        html_text(b, t->summary);
        HTML_LIT(b, "</p>\n");
    }
    render_highlights(b, t, v->figures.highlights, v->figures.nmetrics,
                      v->identified);
    if (v->pinned && !key_only)
        update_article(b, t, v->pinned, true, 3);
    if (!embedded)
        live_filters(b, t, key_only);
    live_hook(b, v, key_only);
    if (v->nupdates == 0) {
        HTML_LIT(b, "<p class=\"none muted\">");
        html_text(b, _("No updates yet."));
        HTML_LIT(b, "</p>\n");
    }
    int64_t oldest = updates_by_day(b, v);
    if (!embedded)
        earlier_days(b, t, oldest);
}

void render_live(struct buf *b, const struct site *s,
                 const struct tracker_view *v, bool key_only)
{
    const struct tracker *t = &v->tracker;
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    page_title(&title, v);
    struct buf image = BUF_INIT(HTML_SCRATCH_MAX);
    page_image(&image, s, v);
    json_t *ld = jsonld_live(s, v, image.len ? buf_cstr(&image) : NULL);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "");
    struct layout l = {buf_cstr(&title),     t->languages, t, ld,
                       buf_cstr(&canonical), LAYOUT_LIVE};
    layout_begin(b, s, &l);
    live_content(b, v, key_only, false);
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
    buf_release(&image);
    json_decref(ld);
}

void render_embed(struct buf *b, const struct site *s,
                  const struct tracker_view *v)
{
    const struct tracker *t = &v->tracker;
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    page_title(&title, v);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "");
    struct layout l = {buf_cstr(&title),     t->languages, t, NULL,
                       buf_cstr(&canonical), LAYOUT_EMBED};
    layout_begin(b, s, &l);
    live_content(b, v, false, true);
    /* The full page, out of the frame: links in the frame stay in it. */
    struct buf full = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&full, s->base_url);
    buf_puts(&full, buf_cstr(&canonical));
    HTML_LIT(b, "<p class=\"muted\"><a target=\"_blank\" rel=\"noopener\"");
    html_url_attr(b, "href", buf_cstr(&full));
    HTML_LIT(b, ">");
    html_text(b, _("The whole coverage, every day and figure"));
    HTML_LIT(b, "</a></p>\n");
    layout_end(b, s, &l);
    buf_release(&full);
    buf_release(&canonical);
    buf_release(&title);
}

static void revision_item(struct buf *b, const struct tracker *t,
                          const struct update *r)
{
    HTML_LIT(b, "<li><details><summary>");
    html_msg_num(b, _("Revision %s"), r->rev_no);
    html_text(b, _(", "));
    time_element(b, t, r->revised_at, true);
    HTML_LIT(b, " \xe2\x80\x94 ");
    html_text(b, _(enum_label_of(&revision_reason_names, r->reason)));
    HTML_LIT(b, "</summary>\n");
    if (r->title && *r->title) {
        HTML_LIT(b, "<h3 dir=\"auto\">");
        html_text(b, r->title);
        HTML_LIT(b, "</h3>\n");
    }
    HTML_LIT(b, "<div class=\"body\" dir=\"auto\">");
    html_frag(b, (struct html_frag){r->body_html, strlen(r->body_html)});
    HTML_LIT(b, "</div></details></li>\n");
}

void render_update_page(struct buf *b, const struct site *s,
                        const struct tracker *t, const struct day_info *day,
                        const struct update *u, const struct update *revs,
                        size_t nrev)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&title, "%s \xe2\x80\x94 %s",
               u->title && *u->title ? u->title : _("Update"), t->title);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "");
    buf_printf(&canonical, "/u/%lld", (long long)u->number);
    json_t *ld = jsonld_update(s, t, u);
    struct layout l = {
        buf_cstr(&title), t->languages, t, ld, buf_cstr(&canonical), 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<p class=\"dayline\">");
    render_day_line(b, day);
    HTML_LIT(b, "</p>\n");
    update_article(b, t, u, true, 1);
    HTML_LIT(b, "<section aria-labelledby=\"hist\"><h2 id=\"hist\">");
    html_text(b, _("History"));
    HTML_LIT(b, "</h2>\n");
    html_msg_num(b,
                 P_("%s revision. Earlier text is never erased.",
                    "%s revisions. Earlier text is never erased.", nrev),
                 (int64_t)nrev);
    HTML_LIT(b, "\n<ol>\n");
    for (size_t i = nrev; i-- > 0;)
        revision_item(b, t, &revs[i]);
    HTML_LIT(b, "</ol>\n</section>\n");
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
    json_decref(ld);
}

void render_day_page(struct buf *b, const struct site *s,
                     const struct tracker *t, const struct day_info *today,
                     int64_t number, const struct update *u, size_t n)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg_num(&title, _("Day %s"), number);
    buf_puts(&title, " \xe2\x80\x94 ");
    buf_puts(&title, t->title);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "");
    buf_printf(&canonical, "/day/%lld", (long long)number);
    struct layout l = {
        buf_cstr(&title), t->languages, t, NULL, buf_cstr(&canonical), 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    day_heading(b, t, number);
    HTML_LIT(b, "</h1>\n<nav class=\"filters\">");
    if (number > 1) {
        HTML_LIT(b, "<a rel=\"prev\"");
        layout_href(b, t, "/day/%lld", (long long)(number - 1));
        HTML_LIT(b, ">");
        html_text(b, _("Previous day"));
        HTML_LIT(b, "</a> ");
    }
    if (number < today->number) {
        HTML_LIT(b, "<a rel=\"next\"");
        layout_href(b, t, "/day/%lld", (long long)(number + 1));
        HTML_LIT(b, ">");
        html_text(b, _("Next day"));
        HTML_LIT(b, "</a>");
    }
    HTML_LIT(b, "</nav>\n");
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("No updates on this day."));
        HTML_LIT(b, "</p>\n");
    }
    for (size_t i = 0; i < n; i++)
        update_article(b, t, &u[i], false, 2);
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
}
