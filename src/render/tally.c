/*
 * tally.c: the figures pages: the index of metrics, and one metric's claims
 * over time as a chart and a table.
 *
 * The chart is inline SVG drawn on the server: no script, and no style
 * attributes (the CSP forbids inline styles), so its colours come only from
 * the stylesheet's classes .s0 to .s9, one per source in order of first
 * appearance, cycling after ten. The x axis is linear in days from the
 * tracker's started_on to the date Day N counts to; claims dated outside are
 * clamped to its ends. The y axis runs from 0 to a round top (nice_top). A
 * source's line steps: flat from one claim's as-of date to the next claim's,
 * then up or down to its figure, and flat to the right edge after its last.
 * A claim is plotted at `low`; a range also gets a bar up to `high`.
 * Retracted claims are listed in the table but not plotted.
 *
 * Coordinates are kept in tenths of a viewBox unit and written by coord()
 * as "12" or "12.5": never with %f, whose decimal point follows the locale.
 */
#include "render/tally.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/day.h"
#include "model/enums.h"
#include "core/figure.h"
#include "render/html.h"
#include "util/i18n.h"
#include "render/live.h"
#include "util/xmalloc.h"

/* ==== Chart geometry ==== */

/* In viewBox units. */
enum {
    CHART_W = 640,
    CHART_H = 240,
    PLOT_LEFT = 64, /* room for y labels as long as "1,000,000" */
    PLOT_RIGHT = 624,
    PLOT_TOP = 12,
    PLOT_BOTTOM = 212, /* the dates go below */
    PALETTE = 10,      /* .s0 ... .s9 in web/style.css */
};

struct chart {
    int64_t first, last; /* day numbers of the x axis' ends; first < last */
    int64_t top;         /* the figure at the top of the y axis, > 0 */
    int intervals;       /* gridlines above the 0 line */
    bool rtl;            /* the page is right to left (see text_open) */
};

/* One source's line. */
struct series {
    int64_t source_id;
    const char *name;
};

/* Tops as tenths of a power of ten (1, 2, 2.5 and 5 x 10^k), each with a
 * number of intervals that splits it into whole, round steps; tried in
 * this order at each power. */
static const struct {
    int64_t tenths;
    int intervals;
} nice[] = {
    {10, 4}, {10, 5}, {20, 4}, {25, 5}, {50, 5},
};

static bool plotted(const struct claim *c)
{
    return c->status != CLAIM_RETRACTED;
}

/* Sets the y axis' top: the smallest nice figure at or above max whose
 * gridlines fall on whole numbers. That is never below 5 (steps of 1),
 * so there are always 4 or 5 gridlines above 0, even when max is 0. */
static void nice_top(int64_t max, struct chart *ch)
{
    for (int64_t scale = 1; scale <= INT64_MAX / 100; scale *= 10) {
        for (size_t i = 0; i < sizeof nice / sizeof *nice; i++) {
            int64_t top = nice[i].tenths * scale / 10;
            if (nice[i].tenths * scale % 10 != 0 ||
                top % nice[i].intervals != 0 || top < max)
                continue;
            ch->top = top;
            ch->intervals = nice[i].intervals;
            return;
        }
    }
    ch->top = max; /* past 10^16: no count is that large */
    ch->intervals = 4;
}

/* The x of a date, in tenths, clamped to the plot. */
static int64_t x_of(const struct chart *ch, struct vg_date d)
{
    int64_t day = date_to_days(d);
    int64_t span = ch->last - ch->first;
    int64_t width = (PLOT_RIGHT - PLOT_LEFT) * 10;
    if (day < ch->first)
        day = ch->first;
    if (day > ch->last)
        day = ch->last;
    return PLOT_LEFT * 10 + ((day - ch->first) * width * 2 + span) / (2 * span);
}

/* The y of a figure, in tenths (figures past the top are clamped). */
static int64_t y_of(const struct chart *ch, int64_t v)
{
    double height = (PLOT_BOTTOM - PLOT_TOP) * 10;
    if (v < 0)
        v = 0;
    if (v > ch->top)
        v = ch->top;
    /* double: v * height could pass int64 for the largest figures. */
    return PLOT_BOTTOM * 10 -
           (int64_t)((double)v / (double)ch->top * height + 0.5);
}

/* ==== Small writers ==== */

/* Appends a non-negative coordinate given in tenths: "12" or "12.5". */
static void coord(struct buf *b, int64_t tenths)
{
    buf_printf(b, "%lld", (long long)(tenths / 10));
    if (tenths % 10 != 0)
        buf_printf(b, ".%d", (int)(tenths % 10));
}

/* Appends ` name="12.5"`; name is a literal attribute name. */
static void coord_attr(struct buf *b, const char *name, int64_t tenths)
{
    buf_putc(b, ' ');
    buf_puts(b, name);
    HTML_LIT(b, "=\"");
    coord(b, tenths);
    buf_putc(b, '"');
}

/* Appends ` class="PREFIXsN"`, the colour of the k-th source. */
static void colour_attr(struct buf *b, const char *prefix, size_t k)
{
    html_attrf(b, "class", "%ss%zu", prefix, k % PALETTE);
}

static void figure(struct buf *b, const struct claim *c)
{
    struct buf f = BUF_INIT(128);
    figure_phrase(c, &f);
    html_text(b, buf_cstr(&f));
    buf_release(&f);
}

/* A gridline's figure, in the reader's digits and grouping. */
static void number(struct buf *b, int64_t n)
{
    html_number(b, n);
}

/* Appends <time datetime="2019-12-28">28 December 2019</time>. */
static void date_time(struct buf *b, struct vg_date d)
{
    char iso[DATE_LEN + 1];
    date_format(d, iso);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", iso);
    HTML_LIT(b, ">");
    html_date_long(b, d);
    HTML_LIT(b, "</time>");
}

/* A day of the chart in the reader's calendar and digits. */
static void date_text(struct buf *b, int64_t day)
{
    html_date_alone(b, date_from_days(day));
}

/* Appends ` href="/t/SLUG/tallies/KEY"`. */
static void metric_href(struct buf *b, const struct tracker *t,
                        const struct metric *m)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&path, t, "/tallies/");
    html_url_path(&path, m->key);
    html_attr(b, "href", buf_cstr(&path));
    buf_release(&path);
}

/* ==== The claims of one metric ==== */

static int by_as_of(const void *pa, const void *pb)
{
    const struct claim *a = *(const struct claim *const *)pa;
    const struct claim *b = *(const struct claim *const *)pb;
    int c = date_cmp(a->as_of, b->as_of);
    if (c != 0)
        return c;
    return (a->number > b->number) - (a->number < b->number);
}

/* The metric's claims, oldest first (then in recording order), as a new
 * array the caller frees; *count gets its length. */
static const struct claim **metric_claims(const struct claim *claims, size_t n,
                                          int64_t metric_id, size_t *count)
{
    const struct claim **out = xmalloc((n ? n : 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (claims[i].metric_id == metric_id)
            out[k++] = &claims[i];
    qsort(out, k, sizeof *out, by_as_of);
    *count = k;
    return out;
}

/* Fills out (room for n) with the plotted sources in order of first
 * appearance; returns how many there are. */
static size_t find_series(const struct claim **list, size_t n,
                          struct series *out)
{
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (!plotted(list[i]))
            continue;
        size_t k = 0;
        while (k < ns && out[k].source_id != list[i]->source_id)
            k++;
        if (k == ns)
            out[ns++] =
                (struct series){list[i]->source_id, list[i]->source_name};
    }
    return ns;
}

/* The index of c's source in sr[0..ns). */
static size_t series_of(const struct series *sr, size_t ns,
                        const struct claim *c)
{
    size_t k = 0;
    while (k + 1 < ns && sr[k].source_id != c->source_id)
        k++;
    return k;
}

/* Sets the axes: across, started_on to day->date (at least one day apart);
 * up, 0 to a nice top above every plotted figure. list holds n > 0 claims. */
static void chart_axes(struct chart *ch, const struct tracker *t,
                       const struct day_info *day, const struct claim **list,
                       size_t n)
{
    struct vg_date first = list[0]->as_of, last = list[n - 1]->as_of;
    if (date_valid(t->started_on))
        first = t->started_on;
    if (date_valid(day->date))
        last = day->date;
    ch->rtl = html_lang_is_rtl(t->languages);
    ch->first = date_to_days(first);
    ch->last = date_to_days(last);
    if (ch->last <= ch->first)
        ch->last = ch->first + 1;
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (plotted(list[i]) && figure_top(list[i]) > max)
            max = figure_top(list[i]);
    nice_top(max, ch);
}

/* ==== The chart ==== */

/* Opens a <text> whose right (or left) end is at its x. The svg inherits
 * the page's direction, and on a right-to-left page (layout_begin's
 * dir="rtl", decided by the same test) "start" is the right end. */
static void text_open(struct buf *b, const struct chart *ch, bool right)
{
    if (right != ch->rtl)
        HTML_LIT(b, "<text text-anchor=\"end\"");
    else
        HTML_LIT(b, "<text text-anchor=\"start\"");
}

/* Horizontal gridlines with their figures, and the first and last dates. */
static void chart_grid(struct buf *b, const struct chart *ch)
{
    HTML_LIT(b, "<g>\n");
    for (int i = 0; i <= ch->intervals; i++) {
        int64_t v = ch->top / ch->intervals * i;
        int64_t y = y_of(ch, v);
        HTML_LIT(b, "<line class=\"axis\"");
        coord_attr(b, "x1", PLOT_LEFT * 10);
        coord_attr(b, "y1", y);
        coord_attr(b, "x2", PLOT_RIGHT * 10);
        coord_attr(b, "y2", y);
        HTML_LIT(b, "/>\n");
        text_open(b, ch, true);
        coord_attr(b, "x", (PLOT_LEFT - 6) * 10);
        coord_attr(b, "y", y + 40);
        HTML_LIT(b, ">");
        number(b, v);
        HTML_LIT(b, "</text>\n");
    }
    text_open(b, ch, false);
    coord_attr(b, "x", PLOT_LEFT * 10);
    coord_attr(b, "y", (PLOT_BOTTOM + 20) * 10);
    HTML_LIT(b, ">");
    date_text(b, ch->first);
    HTML_LIT(b, "</text>\n");
    text_open(b, ch, true);
    coord_attr(b, "x", PLOT_RIGHT * 10);
    coord_attr(b, "y", (PLOT_BOTTOM + 20) * 10);
    HTML_LIT(b, ">");
    date_text(b, ch->last);
    HTML_LIT(b, "</text>\n</g>\n");
}

/* Source k's step line through its plotted claims, on to the right edge. */
static void chart_line(struct buf *b, const struct chart *ch,
                       const struct claim **list, size_t n,
                       const struct series *s, size_t k)
{
    bool started = false;
    HTML_LIT(b, "<path");
    colour_attr(b, "", k);
    HTML_LIT(b, " d=\"");
    for (size_t i = 0; i < n; i++) {
        const struct claim *c = list[i];
        if (!plotted(c) || c->source_id != s->source_id)
            continue;
        if (started)
            HTML_LIT(b, " H");
        else
            HTML_LIT(b, "M");
        coord(b, x_of(ch, c->as_of));
        if (started)
            HTML_LIT(b, " V");
        else
            HTML_LIT(b, " ");
        coord(b, y_of(ch, c->low));
        started = true;
    }
    HTML_LIT(b, " H");
    coord(b, PLOT_RIGHT * 10);
    HTML_LIT(b, "\"/>\n");
}

/* "HRANA: at least 300, 28 December 2019": plain text in a <title>. */
static void point_title(struct buf *b, const struct claim *c)
{
    struct buf f = BUF_INIT(128), d = BUF_INIT(128), t = BUF_INIT(512);
    figure_phrase(c, &f);
    html_date_long(&d, c->as_of); /* digits and month names: no markup */
    i18n_msg(&t, _("%1$s: %2$s, %3$s"),
             (const char *const[]){c->source_name, buf_cstr(&f), buf_cstr(&d)},
             3);
    html_text(b, buf_cstr(&t));
    buf_release(&f);
    buf_release(&d);
    buf_release(&t);
}

/* One claim: a bar from low to high for a range, then a dot at low that
 * names the source, the figure and the date. */
static void chart_point(struct buf *b, const struct chart *ch,
                        const struct claim *c, size_t k)
{
    int64_t x = x_of(ch, c->as_of);
    if (c->high > c->low) {
        HTML_LIT(b, "<line");
        colour_attr(b, "", k);
        coord_attr(b, "x1", x);
        coord_attr(b, "y1", y_of(ch, c->low));
        coord_attr(b, "x2", x);
        coord_attr(b, "y2", y_of(ch, c->high));
        HTML_LIT(b, " stroke-width=\"2\"/>\n");
    }
    HTML_LIT(b, "<circle");
    colour_attr(b, "", k);
    coord_attr(b, "cx", x);
    coord_attr(b, "cy", y_of(ch, c->low));
    HTML_LIT(b, " r=\"3.5\"><title>");
    point_title(b, c);
    HTML_LIT(b, "</title></circle>\n");
}

static void chart_legend(struct buf *b, const struct series *sr, size_t ns)
{
    HTML_LIT(b, "<ul class=\"legend\">\n");
    for (size_t k = 0; k < ns; k++) {
        HTML_LIT(b, "<li><span");
        colour_attr(b, "sw ", k);
        HTML_LIT(b, "></span><span dir=\"auto\">");
        html_text(b, sr[k].name);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

/* "Killed: each source's figures from 1 to 9 December 2019". */
static void chart_title(struct buf *b, const struct metric *m,
                        const struct chart *ch)
{
    struct buf from = BUF_INIT(128), to = BUF_INIT(128);
    date_text(&from, ch->first);
    date_text(&to, ch->last);
    struct buf label = BUF_INIT(HTML_SCRATCH_MAX);
    html_text(&label, m->label);
    html_msg(b, _("%1$s: each source\xe2\x80\x99s figures from %2$s to %3$s"),
             (const struct html_frag[]){{buf_cstr(&label), label.len},
                                        {buf_cstr(&from), from.len},
                                        {buf_cstr(&to), to.len}},
             3);
    buf_release(&label);
    buf_release(&from);
    buf_release(&to);
}

/* The <svg>, labelled by its <title>. Time runs left to right on
 * right-to-left pages too. */
static void chart_svg(struct buf *b, const struct metric *m,
                      const struct chart *ch, const struct claim **list,
                      size_t n, const struct series *sr, size_t ns)
{
    HTML_LIT(b, "<svg class=\"chart\" viewBox=\"0 0 ");
    buf_printf(b, "%d %d", CHART_W, CHART_H);
    HTML_LIT(b, "\" role=\"img\" aria-labelledby=\"chart-title\">\n"
                "<title id=\"chart-title\">");
    chart_title(b, m, ch);
    HTML_LIT(b, "</title>\n");
    chart_grid(b, ch);
    HTML_LIT(b, "<g>\n");
    for (size_t k = 0; k < ns; k++)
        chart_line(b, ch, list, n, &sr[k], k);
    for (size_t i = 0; i < n; i++)
        if (plotted(list[i]))
            chart_point(b, ch, list[i], series_of(sr, ns, list[i]));
    HTML_LIT(b, "</g>\n</svg>\n");
}

/* The chart section for n > 0 claims, oldest first. */
static void chart_section(struct buf *b, const struct tracker *t,
                          const struct day_info *day, const struct metric *m,
                          const struct claim **list, size_t n)
{
    struct series *sr = xmalloc(n * sizeof *sr);
    size_t ns = find_series(list, n, sr);
    HTML_LIT(b, "<section aria-labelledby=\"over-time\">\n"
                "<h2 id=\"over-time\">");
    html_text(b, _("Over time"));
    HTML_LIT(b, "</h2>\n");
    if (ns == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("Nothing to plot: every claim was retracted."));
        HTML_LIT(b, "</p>\n");
    } else {
        struct chart ch;
        chart_axes(&ch, t, day, list, n);
        chart_svg(b, m, &ch, list, n, sr, ns);
        chart_legend(b, sr, ns);
    }
    HTML_LIT(b, "</section>\n");
    free(sr);
}

/* ==== The table of claims ==== */

/* The quote, citation and note cells. */
static void claim_evidence(struct buf *b, const struct claim *c)
{
    HTML_LIT(b, "<td>");
    if (c->quote && *c->quote) {
        HTML_LIT(b, "<blockquote dir=\"auto\">");
        html_text(b, c->quote);
        HTML_LIT(b, "</blockquote>");
    }
    HTML_LIT(b, "</td><td>");
    if (c->url && *c->url) {
        HTML_LIT(b, "<a");
        html_url_attr(b, "href", c->url);
        HTML_LIT(b, ">");
        html_text(b, _("Citation"));
        HTML_LIT(b, "</a>");
    }
    HTML_LIT(b, "</td><td dir=\"auto\">");
    html_text(b, c->note);
    if (c->scope && *c->scope) {
        struct buf scope = BUF_INIT(HTML_SCRATCH_MAX);
        HTML_LIT(&scope, "<bdi>");
        html_text(&scope, c->scope);
        HTML_LIT(&scope, "</bdi>");
        HTML_LIT(b, " <small>");
        html_msg(b, _("Scope: %s"),
                 &(struct html_frag){buf_cstr(&scope), scope.len}, 1);
        HTML_LIT(b, "</small>");
        buf_release(&scope);
    }
    HTML_LIT(b, "</td>");
}

/* "claim N", linked to its row when the table holds it. */
static void claim_ref(struct buf *b, const struct claim **list, size_t n,
                      int64_t number)
{
    bool here = false;
    for (size_t i = 0; i < n && !here; i++)
        here = list[i]->number == number;
    if (here) {
        HTML_LIT(b, "<a");
        html_attrf(b, "href", "#claim-%lld", (long long)number);
        HTML_LIT(b, ">");
    }
    html_msg_num(b, _("claim %s"), number);
    if (here)
        HTML_LIT(b, "</a>");
}

/* "Corrected on DATE by claim N: REASON" or "Retracted on DATE: REASON",
 * each a whole sentence; the reason in its own isolate. */
static void withdrawal(struct buf *b, const struct tracker *t,
                       const struct claim *c, const struct claim **list,
                       size_t n)
{
    const struct retraction *r = &c->retraction;
    struct buf when = BUF_INIT(256), by = BUF_INIT(256),
               why = BUF_INIT(HTML_SCRATCH_MAX);
    date_time(&when, tracker_local_date(t, r->at));
    HTML_LIT(&why, "<span dir=\"auto\">");
    html_text(&why, r->reason);
    HTML_LIT(&why, "</span>");
    if (r->corrected_by) {
        claim_ref(&by, list, n, r->corrected_by);
        html_msg(b, _("Corrected on %1$s by %2$s: %3$s"),
                 (const struct html_frag[]){{buf_cstr(&when), when.len},
                                            {buf_cstr(&by), by.len},
                                            {buf_cstr(&why), why.len}},
                 3);
    } else {
        html_msg(b, _("Retracted on %1$s: %2$s"),
                 (const struct html_frag[]){{buf_cstr(&when), when.len},
                                            {buf_cstr(&why), why.len}},
                 2);
    }
    buf_release(&when);
    buf_release(&by);
    buf_release(&why);
}

/* The status cell: a withdrawn claim says when and why, and what
 * corrects it; a correction says what it corrects. Not struck through:
 * the reason is for reading. */
static void claim_status(struct buf *b, const struct tracker *t,
                         const struct claim *c, const struct claim **list,
                         size_t n)
{
    const struct retraction *r = &c->retraction;
    HTML_LIT(b, "<td class=\"why\">");
    if (r->reason == NULL)
        html_text(b, _(enum_label(&claim_status_names, (int)c->status)));
    else
        withdrawal(b, t, c, list, n);
    if (c->corrects) {
        struct buf ref = BUF_INIT(256);
        claim_ref(&ref, list, n, c->corrects);
        HTML_LIT(b, " <small>");
        html_msg(b, _("(corrects %s)"),
                 &(struct html_frag){buf_cstr(&ref), ref.len}, 1);
        HTML_LIT(b, "</small>");
        buf_release(&ref);
    }
    HTML_LIT(b, "</td>");
}

static void claim_row(struct buf *b, const struct tracker *t,
                      const struct claim *c, const struct claim **list,
                      size_t n)
{
    HTML_LIT(b, "<tr");
    html_attrf(b, "id", "claim-%lld", (long long)c->number);
    if (c->status == CLAIM_RETRACTED)
        HTML_LIT(b, " class=\"retracted\"");
    HTML_LIT(b, "><td>");
    date_time(b, c->as_of);
    HTML_LIT(b, "</td><td dir=\"auto\">");
    html_text(b, c->source_name);
    HTML_LIT(b, "</td><td class=\"num\">");
    figure(b, c);
    HTML_LIT(b, "</td>");
    claim_evidence(b, c);
    claim_status(b, t, c, list, n);
    HTML_LIT(b, "</tr>\n");
}

/* The column heads of the claims table and of the figures index. */
static const char *const CLAIM_HEADS[] = {
    N_("As of"),    N_("Source"), N_("Figure"), N_("Quote"),
    N_("Citation"), N_("Note"),   N_("Status")};
static const char *const TALLY_HEADS[] = {N_("Metric"),
                                          N_("Range across sources")};

static void table_head(struct buf *b, const char *const *heads, size_t n)
{
    HTML_LIT(b, "<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<th>");
        html_text(b, _(heads[i]));
        HTML_LIT(b, "</th>");
    }
    HTML_LIT(b, "</tr></thead>\n");
}

static void claims_table(struct buf *b, const struct tracker *t,
                         const struct claim **list, size_t n)
{
    HTML_LIT(b, "<section aria-labelledby=\"every-claim\">\n"
                "<h2 id=\"every-claim\">");
    html_text(b, _("Every claim"));
    HTML_LIT(b, "</h2>\n<table>\n");
    table_head(b, CLAIM_HEADS, sizeof CLAIM_HEADS / sizeof CLAIM_HEADS[0]);
    HTML_LIT(b, "<tbody>\n");
    for (size_t i = 0; i < n; i++)
        claim_row(b, t, list[i], list, n);
    HTML_LIT(b, "</tbody>\n</table>\n</section>\n");
}

/* ==== Pages ==== */

/* "Killed — Iran protests": a plain-text page title, lent from title. */
static const char *page_title(struct buf *title, const char *what,
                              const struct tracker *t)
{
    i18n_msg(title, _("%1$s \xe2\x80\x94 %2$s"),
             (const char *const[]){what, t->title}, 2);
    return buf_cstr(title);
}

static void page_heading(struct buf *b, const char *h1,
                         const struct day_info *day)
{
    HTML_LIT(b, "<h1 dir=\"auto\">");
    html_text(b, h1);
    HTML_LIT(b, "</h1>\n<p class=\"dayline\">");
    render_day_line(b, day);
    HTML_LIT(b, "</p>\n");
}

static void index_link(struct buf *b, const struct tracker *t)
{
    HTML_LIT(b, "<p><a");
    layout_href(b, t, "%s", "/tallies");
    HTML_LIT(b, ">");
    html_text(b, _("All figures"));
    HTML_LIT(b, "</a></p>\n");
}

/* "lowest – highest (N sources)", as render_highlights writes it. */
static void range_cell(struct buf *b, const struct highlight *h)
{
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
}

static void tallies_row(struct buf *b, const struct tracker *t,
                        const struct highlight *h)
{
    HTML_LIT(b, "<tr><td><a");
    metric_href(b, t, h->metric);
    HTML_LIT(b, " dir=\"auto\">");
    html_text(b, h->metric->label);
    HTML_LIT(b, "</a></td><td>");
    if (h->sources == 0) {
        HTML_LIT(b, "<span class=\"muted\">");
        html_text(b, _("No figures yet"));
        HTML_LIT(b, "</span>");
    } else {
        range_cell(b, h);
    }
    HTML_LIT(b, "</td></tr>\n");
}

void render_tallies(struct buf *b, const struct site *s,
                    const struct tracker *t, const struct day_info *day,
                    const struct highlight *h, size_t n)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX),
               canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "/tallies");
    struct layout l = {page_title(&title, _("Figures"), t),
                       t->languages,
                       t,
                       NULL,
                       buf_cstr(&canonical),
                       0};
    layout_begin(b, s, &l);
    page_heading(b, _("Figures"), day);
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("This tracker counts nothing yet."));
        HTML_LIT(b, "</p>\n");
    } else {
        HTML_LIT(b, "<table>\n");
        table_head(b, TALLY_HEADS, sizeof TALLY_HEADS / sizeof TALLY_HEADS[0]);
        HTML_LIT(b, "<tbody>\n");
        for (size_t i = 0; i < n; i++)
            tallies_row(b, t, &h[i]);
        HTML_LIT(b, "</tbody>\n</table>\n");
    }
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
}

void render_tally(struct buf *b, const struct site *s, const struct tracker *t,
                  const struct day_info *day, const struct metric *m,
                  const struct claim *claims, size_t nclaims)
{
    size_t n;
    const struct claim **list = metric_claims(claims, nclaims, m->id, &n);
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX),
               canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "/tallies/");
    html_url_path(&canonical, m->key);
    struct layout l = {page_title(&title, m->label, t),
                       t->languages,
                       t,
                       NULL,
                       buf_cstr(&canonical),
                       0};
    layout_begin(b, s, &l);
    page_heading(b, m->label, day);
    index_link(b, t);
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("No figures yet."));
        HTML_LIT(b, "</p>\n");
    } else {
        chart_section(b, t, day, m, list, n);
        claims_table(b, t, list, n);
    }
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
    free(list);
}
