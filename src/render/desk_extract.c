/* desk_extract.c: the extraction page: an article pasted, what was found in it,
 * each figure to accept. */
#include "render/desk_extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "render/html.h"
#include "render/marks.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* ==== Extraction ==== */

/* What the page's pieces are built from. */
struct extract_page {
    struct buf *b;
    const struct desk *d;
    const struct tracker *t;
    const struct extract_form *f;
    const struct extraction *x;
    const struct metric *m;
    const struct source *s;
    size_t nm, ns;
};

/* The words of span `at`, as the text has them. */
static void span_text(const struct extract_page *p, struct ex_span at)
{
    html_span(p->b, p->f->text, p->f->len, at.off, at.len);
}

static void date_text(struct buf *b, struct vg_date d)
{
    char s[DATE_LEN + 1];
    date_format(d, s);
    html_text(b, s);
}

/* ==== Why a figure's source and as-of ==== */

/* What the page says of a reason: `words` quotes the words it came from
 * (its last argument), `bare` is for a reason the extractor kept no words
 * for. A named source is the first argument of both. NULL: no such
 * message (the other one is used). */
struct why_msg {
    const char *words, *bare;
};

static const struct why_msg source_msgs[] = {
    [EX_SOURCE_NONE] = {NULL, N_("no source proposed: nothing in the text "
                                 "attributes the figure")},
    [EX_SOURCE_SENTENCE] = {N_("source: %1$s — the figure's own sentence "
                               "attributes it: %2$s"),
                            N_("source: %s — named in the figure's sentence")},
    [EX_SOURCE_EARLIER] = {N_("source: %1$s — %2$s refers back to the body "
                              "named earlier"),
                           N_("source: %s — the body named earlier in the "
                              "text")},
    [EX_SOURCE_DOCUMENT] = {N_("source: %1$s — the text's own source, from "
                               "%2$s"),
                            N_("source: %s — the text's own source")},
    [EX_SOURCE_UNCERTAIN] = {N_("no source proposed: %s names no one"),
                             N_("no source proposed: the attribution names "
                                "no one")},
};

static const struct why_msg as_of_msgs[] = {
    [EX_AS_OF_NONE] = {N_("no as-of date: %s counts from the publication "
                          "date, which the text lacks"),
                       N_("no as-of date: the text has no publication date")},
    [EX_AS_OF_EXPLICIT] = {N_("as of %1$s — from %2$s"),
                           N_("as of %s — the date the text gives")},
    [EX_AS_OF_STATEMENT] = {N_("as of %1$s — the day of the statement, from "
                               "%2$s"),
                            N_("as of %s — the day of the statement")},
    [EX_AS_OF_PUBLISHED] = {NULL, N_("as of the report's date, %s")},
};

/* The words of span `at` quoted into scratch (emptied first), as a
 * fragment for html_msg valid until scratch changes. */
static struct html_frag quoted(const struct extract_page *p,
                               struct buf *scratch, struct ex_span at)
{
    buf_reset(scratch);
    HTML_LIT(scratch, "<q dir=\"auto\">");
    html_span(scratch, p->f->text, p->f->len, at.off, at.len);
    HTML_LIT(scratch, "</q>");
    return (struct html_frag){buf_cstr(scratch), scratch->len};
}

/* Writes m with args[0..n) and, when the reason kept words and m has a
 * message for them, the words quoted after them. */
static void why_line(const struct extract_page *p, const struct why_msg *m,
                     struct html_frag *args, size_t n, struct ex_span words)
{
    struct buf q = BUF_INIT(HTML_SCRATCH_MAX);
    bool quote = words.len > 0 && m->words != NULL;
    if (quote)
        args[n++] = quoted(p, &q, words);
    html_msg(p->b, _(quote ? m->words : m->bare), args, n);
    buf_release(&q);
}

/* The reason a source is shown with: a named source has one of the
 * reasons that name one (an extractor that gave none is taken to have
 * found it in the sentence, as it did before it gave reasons); without a
 * source, uncertain or none. */
static enum ex_source_why source_reason(const struct ex_tally *x)
{
    if (x->source == NULL)
        return x->source_why == EX_SOURCE_UNCERTAIN ? EX_SOURCE_UNCERTAIN
                                                    : EX_SOURCE_NONE;
    if (x->source_why == EX_SOURCE_NONE || x->source_why == EX_SOURCE_UNCERTAIN)
        return EX_SOURCE_SENTENCE;
    return x->source_why;
}

/* The reason the as-of date `*when` is shown with, which it sets: the
 * tally's own date, or else the publication date, or none. */
static enum ex_as_of_why as_of_reason(const struct extract_page *p,
                                      const struct ex_tally *x,
                                      struct vg_date *when)
{
    *when = x->as_of.year ? x->as_of : p->x->published;
    if (when->year == 0)
        return EX_AS_OF_NONE;
    if (x->as_of.year == 0)
        return EX_AS_OF_PUBLISHED;
    return x->as_of_why == EX_AS_OF_NONE ? EX_AS_OF_EXPLICIT : x->as_of_why;
}

/* The figure's source and as-of, each with why it is proposed. */
static void reasons(const struct extract_page *p, const struct ex_tally *x)
{
    struct buf *b = p->b;
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    struct html_frag args[2];
    enum ex_source_why sw = source_reason(x);
    size_t n = 0;
    if (x->source) /* so sw names it (source_reason) */
        args[n++] = html_frag_bdi(&who, x->source);
    HTML_LIT(b, "<ul class=\"why\">\n<li class=\"why-source\">");
    why_line(p, &source_msgs[sw], args, n, x->source_words);
    struct vg_date when;
    enum ex_as_of_why aw = as_of_reason(p, x, &when);
    n = 0;
    if (aw != EX_AS_OF_NONE) {
        buf_reset(&who);
        html_date_long(&who, when);
        args[n++] = (struct html_frag){buf_cstr(&who), who.len};
    }
    HTML_LIT(b, "</li>\n<li class=\"why-as-of\">");
    why_line(p, &as_of_msgs[aw], args, n, x->as_of_words);
    HTML_LIT(b, "</li>\n</ul>\n");
    buf_release(&who);
}

/* The Accept form of tally x: a figure proposal, prefilled. */
static void accept_form(const struct extract_page *p, const struct ex_tally *x)
{
    struct buf *b = p->b;
    char low[DECIMAL_MAX], high[DECIMAL_MAX], as_of[DATE_LEN + 1] = "";
    struct vg_date when = x->as_of.year ? x->as_of : p->x->published;
    const char *key = x->metric_key;
    decimal_format(x->low, low);
    decimal_format(x->high, high);
    if (when.year)
        date_format(when, as_of);
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_form(
        b, p->d, render_desk_scratchf(&path, "/admin/t/%s/claims", p->t->slug));
    buf_release(&path);
    render_desk_select_metric(b, p->m, p->nm, key, key == NULL);
    /* The tracker's source the attribution names; an attribution that
     * names none of them is proposed as a new source. */
    bool new_source = x->source && x->source_slug == NULL;
    render_desk_pick_source(b, p->s, p->ns,
                            new_source ? _("(the new source below)")
                                       : _("(choose)"),
                            !new_source, x->source_slug);
    if (new_source)
        render_desk_input(b, "New source (none of this tracker's is named)",
                          "new_source", x->source, "text", false);
    render_desk_select(b, "Qualifier", "qualifier", &qualifier_names,
                       ex_qualifier_name(x->qualifier));
    render_desk_input(b, "Number (or a range's low end)", "low", low, "number",
                      false);
    render_desk_input(b, "Range's high end", "high", x->high >= 0 ? high : NULL,
                      "number", false);
    render_desk_input(b, "As of", "as_of", as_of, "date", true);
    /* The parser drops a newline just after <textarea>: give it one. */
    HTML_LIT(b, "<label>");
    html_text(b, _("Quote (the words it came from)"));
    HTML_LIT(b, " <textarea name=\"quote\" rows=\"2\" dir=\"auto\">\n");
    span_text(p, x->at);
    HTML_LIT(b, "</textarea></label>\n");
    render_desk_input(b, "Citation URL", "url", p->f->url, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Accept"));
    HTML_LIT(b, "</button>\n</form>\n");
}

static void tally_item(const struct extract_page *p, const struct ex_tally *x)
{
    struct buf *b = p->b;
    HTML_LIT(b, "<li class=\"proposal\"><q dir=\"auto\">");
    span_text(p, x->at);
    HTML_LIT(b, "</q> <span class=\"muted\">");
    html_text(b, ex_metric_name(x->metric));
    HTML_LIT(b, ", ");
    html_text(b, ex_qualifier_name(x->qualifier));
    html_textf(b, " %lld", x->low);
    if (x->high >= 0)
        html_textf(b, "–%lld", x->high);
    HTML_LIT(b, "</span>\n");
    reasons(p, x);
    accept_form(p, x);
    HTML_LIT(b, "</li>\n");
}

static void dates_list(const struct extract_page *p)
{
    struct buf *b = p->b;
    const struct extraction *x = p->x;
    if (x->counter.day > 0) {
        HTML_LIT(b, "<h3>");
        html_text(b, _("Day counter"));
        HTML_LIT(b, "</h3>\n<p><q dir=\"auto\">");
        span_text(p, x->counter.at);
        HTML_LIT(b, "</q>: ");
        struct buf day = BUF_INIT(HTML_SCRATCH_MAX);
        struct buf start = BUF_INIT(HTML_SCRATCH_MAX);
        html_number(&day, x->counter.day);
        date_text(&start, x->counter.start);
        html_msg(b, _("day %1$s, so day 1 was %2$s"),
                 (struct html_frag[]){{buf_cstr(&day), day.len},
                                      {buf_cstr(&start), start.len}},
                 2);
        buf_release(&day);
        buf_release(&start);
        HTML_LIT(b, "</p>\n");
    }
    HTML_LIT(b, "<h3>");
    html_text(b, _("Dates"));
    HTML_LIT(b, "</h3>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < x->ndates; i++) {
        HTML_LIT(b, "<li><q dir=\"auto\">");
        span_text(p, x->dates[i].at);
        HTML_LIT(b, "</q>: ");
        date_text(b, x->dates[i].start);
        if (date_cmp(x->dates[i].start, x->dates[i].end) != 0) {
            HTML_LIT(b, " to ");
            date_text(b, x->dates[i].end);
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

static void places_list(const struct extract_page *p)
{
    struct buf *b = p->b;
    HTML_LIT(b, "<h3>");
    html_text(b, _("Places"));
    HTML_LIT(b, "</h3>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < p->x->nplaces; i++) {
        const struct ex_place *pl = &p->x->places[i];
        HTML_LIT(b, "<li><q dir=\"auto\">");
        span_text(p, pl->at);
        HTML_LIT(b, "</q>: <bdi>");
        html_text(b, pl->name);
        HTML_LIT(b, "</bdi> <span class=\"muted\">");
        html_textf(b, "%s, %s, %.5f %.5f", pl->country ? pl->country : "?",
                   pl->kind ? pl->kind : "place", pl->lat, pl->lon);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

/* Span *n of the marks: its place in the text, class and title (which
 * title[*n] keeps). */
static void add_mark(struct mark_span *m, struct buf *title, size_t *n,
                     struct ex_span at, const char *cls)
{
    m[*n] = (struct mark_span){at.off, at.len, cls, buf_cstr(&title[*n])};
    ++*n;
}

/* The text with every proposal marked. */
static void marked_text(const struct extract_page *p)
{
    const struct extraction *x = p->x;
    size_t max = x->ndates + x->ntallies + x->nplaces + 1, n = 0;
    struct mark_span *m = xcalloc(max, sizeof *m);
    struct buf *title = xcalloc(max, sizeof *title);
    for (size_t i = 0; i < max; i++)
        title[i] = (struct buf)BUF_INIT(HTML_SCRATCH_MAX);
    for (size_t i = 0; i < x->ntallies; i++) {
        const struct ex_tally *y = &x->tallies[i];
        buf_printf(&title[n], "figure: %s, %s %lld", ex_metric_name(y->metric),
                   ex_qualifier_name(y->qualifier), y->low);
        if (y->high >= 0)
            buf_printf(&title[n], "–%lld", y->high);
        add_mark(m, title, &n, y->at, "ex-tally");
    }
    if (x->counter.day > 0) {
        BUF_LIT(&title[n], "day counter");
        add_mark(m, title, &n, x->counter.at, "ex-day");
    }
    for (size_t i = 0; i < x->ndates; i++) {
        char date[DATE_LEN + 1];
        date_format(x->dates[i].start, date);
        buf_puts(&title[n], date);
        add_mark(m, title, &n, x->dates[i].at, "ex-date");
    }
    for (size_t i = 0; i < x->nplaces; i++) {
        buf_printf(&title[n], "%s, %s", x->places[i].name,
                   x->places[i].country ? x->places[i].country : "?");
        add_mark(m, title, &n, x->places[i].at, "ex-place");
    }
    HTML_LIT(p->b, "<div class=\"extracted\" dir=\"auto\">");
    html_marked(p->b, p->f->text, p->f->len, m, n);
    HTML_LIT(p->b, "</div>\n");
    for (size_t i = 0; i < max; i++)
        buf_release(&title[i]);
    free(title);
    free(m);
}

/* Whether the page asks for the text's publication date: an extraction
 * without one resolves no relative date, no day counter and no as-of
 * date, and guesses none. */
static bool asks_published(const struct extract_page *p)
{
    return p->x && p->f->text && p->x->published.year == 0;
}

/* The notice that asks for the publication date, which the form's date
 * field refers to (aria-describedby). */
static void no_published(const struct extract_page *p)
{
    struct buf *b = p->b;
    HTML_LIT(b, "<div class=\"notice\" role=\"alert\" "
                "id=\"no-published\">\n<p><strong>");
    html_text(b, _("This text has no publication date."));
    HTML_LIT(b, "</strong> ");
    html_text(b, _("Relative dates such as “on Tuesday”, the day counter and "
                   "the figures' as-of dates count from it, so none of them "
                   "is proposed: nothing was guessed."));
    HTML_LIT(b, "</p>\n");
    if (p->x->dateline.at.len) {
        /* proposed, not used: the editor confirms it by finding again */
        struct buf day = BUF_INIT(HTML_SCRATCH_MAX);
        struct buf words = BUF_INIT(HTML_SCRATCH_MAX);
        html_date_long(&day, p->x->dateline.start);
        HTML_LIT(&words, "<q dir=\"auto\">");
        html_span(&words, p->f->text, p->f->len, p->x->dateline.at.off,
                  p->x->dateline.at.len);
        HTML_LIT(&words, "</q>");
        struct html_frag args[] = {{buf_cstr(&day), day.len},
                                   {buf_cstr(&words), words.len}};
        HTML_LIT(b, "<p id=\"dateline\">");
        html_msg(b,
                 _("Its head is dated %2$s, so %1$s is filled in below: if it "
                   "was published then, find the proposals again."),
                 args, 2);
        HTML_LIT(b, "</p>\n");
        buf_release(&day);
        buf_release(&words);
    }
    HTML_LIT(b, "<p><a href=\"#published\">");
    html_text(b, _("Enter the date it was published below, then find the "
                   "proposals again."));
    HTML_LIT(b, "</a></p>\n</div>\n");
}

/* What the extractor found: the text marked, and the proposals. */
static void found(const struct extract_page *p)
{
    struct buf *b = p->b;
    if (asks_published(p))
        no_published(p);
    HTML_LIT(b,
             "<div class=\"extract\">\n<section class=\"extract-text\"><h2>");
    html_text(b, _("The text"));
    HTML_LIT(b, "</h2>\n");
    marked_text(p);
    HTML_LIT(b, "</section>\n<section class=\"extract-found\"><h2>");
    html_text(b, _("Proposals"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(
        b,
        _("Accept proposes a figure; a verifier other than you publishes it."));
    HTML_LIT(b, "</p>\n<h3>");
    html_text(b, _("Figures"));
    HTML_LIT(b, "</h3>\n<ol class=\"desk-list\">\n");
    for (size_t i = 0; i < p->x->ntallies; i++)
        tally_item(p, &p->x->tallies[i]);
    HTML_LIT(b, "</ol>\n");
    dates_list(p);
    places_list(p);
    HTML_LIT(b, "</section>\n</div>\n");
}

/* The publication date field; marked, and described by the notice,
 * when the page asks for it. */
static void published_field(const struct extract_page *p)
{
    struct buf *b = p->b;
    bool ask = asks_published(p);
    if (ask)
        HTML_LIT(b, "<label class=\"notice\">");
    else
        HTML_LIT(b, "<label>");
    html_text(b, _("Published on (relative dates count from it)"));
    HTML_LIT(b, " <input type=\"date\" name=\"published\"");
    const char *value = p->f->published;
    char day[DATE_LEN + 1];
    if ((value == NULL || *value == '\0') && ask && p->x->dateline.at.len) {
        date_format(p->x->dateline.start, day); /* the head's, proposed */
        value = day;
    }
    if (value)
        html_attr(b, "value", value);
    HTML_LIT(b, " id=\"published\"");
    if (ask)
        HTML_LIT(b, " aria-describedby=\"no-published\"");
    HTML_LIT(b, " dir=\"auto\"></label>\n");
}

/* The form to paste an article into (again, with what it held). */
static void extract_fields(const struct extract_page *p)
{
    struct buf *b = p->b;
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_form(
        b, p->d,
        render_desk_scratchf(&path, "/admin/t/%s/extract", p->t->slug));
    buf_release(&path);
    HTML_LIT(b, "<label>");
    html_text(b, _("The article's text"));
    HTML_LIT(b,
             " <textarea name=\"text\" rows=\"12\" required dir=\"auto\">\n");
    if (p->f->text)
        html_textn(b, p->f->text, p->f->len);
    HTML_LIT(b, "</textarea></label>\n");
    published_field(p);
    render_desk_input(b, "Its address (the citation of accepted figures)",
                      "url", p->f->url, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Find proposals"));
    HTML_LIT(b, "</button>\n</form>\n");
}

void render_desk_extract(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct extract_form *f,
                         const struct metric *m, size_t nm,
                         const struct source *s, size_t ns)
{
    struct extract_page p = {b, d, t, f, f->found, m, s, nm, ns};
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(
        b, d, render_desk_scratchf(&title, _("Extract — %s"), t->title));
    buf_release(&title);
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("Paste an article: dates, the day counter, figures and "
                   "places are proposed with the words they came from. Nothing "
                   "is saved until you accept a figure."));
    HTML_LIT(b, "</p>\n");
    if (p.x && f->text)
        found(&p);
    extract_fields(&p);
    render_desk_end(b, d);
}
