/* text.c: terminal views of a tracker. */
#include "render/text.h"

#include <string.h>

#include "core/figure.h"

void text_clean(struct buf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            buf_putc(out, ' ');
        else if (*p < 0x20 || *p == 0x7f)
            BUF_LIT(out, "\xef\xbf\xbd");
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) {
            BUF_LIT(out, "\xef\xbf\xbd"); /* C1 controls */
            p++;
        } else
            buf_putc(out, (char)*p);
    }
}

static void long_date(struct buf *out, struct vg_date d)
{
    char s[32];
    date_format_long(d, s, sizeof s);
    buf_puts(out, s);
}

void text_day(struct buf *out, const struct day_info *day)
{
    if (day->number == 0) {
        BUF_LIT(out, "Not started");
        return;
    }
    buf_printf(out, "Day %lld", (long long)day->number);
    if (day->ended) {
        BUF_LIT(out, " \xe2\x80\x94 coverage ended ");
        long_date(out, day->date);
    }
}

static void range_line(struct buf *out, const struct highlight *h)
{
    BUF_LIT(out, "  ");
    text_clean(out, h->metric->label);
    BUF_LIT(out, ": ");
    if (h->sources == 0) {
        BUF_LIT(out, "no figures yet\n");
        return;
    }
    figure_phrase(h->lowest, out);
    if (figure_top(h->highest) != figure_top(h->lowest) ||
        h->highest->low != h->lowest->low) {
        BUF_LIT(out, " \xe2\x80\x93 ");
        figure_phrase(h->highest, out);
    }
    buf_printf(out, " (%zu source%s)\n", h->sources,
               h->sources == 1 ? "" : "s");
}

void text_highlights(struct buf *out, const struct highlight *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        range_line(out, &h[i]);
        for (size_t j = 0; j < h[i].sources; j++) {
            const struct claim *c = h[i].latest[j];
            BUF_LIT(out, "      ");
            figure_phrase(c, out);
            BUF_LIT(out, " \xe2\x80\x94 ");
            text_clean(out, c->source_name);
            BUF_LIT(out, ", ");
            long_date(out, c->as_of);
            BUF_LIT(out, "\n");
        }
    }
}

/* Appends at most `max` bytes of s, cut at a character boundary. */
static void excerpt(struct buf *out, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        text_clean(out, s);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    struct buf cut = BUF_INIT(max + 1);
    buf_append(&cut, s, max);
    text_clean(out, buf_cstr(&cut));
    buf_release(&cut);
    BUF_LIT(out, "\xe2\x80\xa6");
}

void text_updates(struct buf *out, const struct tracker *t,
                  const struct update *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_printf(out, "  #%lld  ", (long long)u[i].number);
        long_date(out,
                  tracker_local_date(t, u[i].published_at ? u[i].published_at
                                                          : u[i].created_at));
        if (u[i].pinned)
            BUF_LIT(out, "  [pinned]");
        if (u[i].key_event)
            BUF_LIT(out, "  [key event]");
        if (u[i].status == UPDATE_RETRACTED)
            BUF_LIT(out, "  [retracted]");
        if (u[i].edited_at)
            BUF_LIT(out, "  [edited]");
        BUF_LIT(out, "\n      ");
        if (u[i].title && *u[i].title) {
            text_clean(out, u[i].title);
            BUF_LIT(out, ": ");
        }
        excerpt(out, u[i].body_md, 160);
        BUF_LIT(out, "\n");
    }
}

void text_tracker(struct buf *out, const struct tracker_view *v)
{
    const struct update *pinned = v->pinned;
    text_clean(out, v->tracker.title);
    BUF_LIT(out, "\n");
    text_day(out, &v->day);
    BUF_LIT(out, "\n\nHighlights\n");
    text_highlights(out, v->figures.highlights, v->figures.nmetrics);
    BUF_LIT(out, "\nLatest updates\n");
    if (v->nupdates == 0 && pinned == NULL)
        BUF_LIT(out, "  none yet\n");
    if (pinned)
        text_updates(out, &v->tracker, pinned, 1);
    for (size_t i = 0; i < v->nupdates; i++)
        if (pinned == NULL || v->updates[i].number != pinned->number)
            text_updates(out, &v->tracker, &v->updates[i], 1);
}
