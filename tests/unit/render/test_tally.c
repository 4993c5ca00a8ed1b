/*
 * test_tally.c: render/tally.h, the figures pages.
 *
 * One fixture, in memory: a tracker from 15 November to 28 December 2019
 * (Day 44, ended), three metrics and the claims of five sources. One source
 * has a hostile name and a javascript: citation, one claim is retracted,
 * and one source's claims fall before the start and after the end. Tests
 * render a page and look for (or rule out) pieces of the markup.
 */
#include "render/tally.h"

#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/arena.h"

enum { KILLED = 1, INJURED = 2, ARRESTED = 3 };
enum { AMNESTY = 10, HOSTILE = 20, GOVT = 30, IHRM = 40, WITNESS = 50 };

#define HOSTILE_NAME "<script>alert(1)</script>"

static const struct site site = {"https://example.org", "/style.css",
                                 "/icon.svg", NULL, NULL};

static const struct tracker tracker = {
    .id = 1,
    .slug = "iran-nov-2019",
    .title = "Iran \"protests\" <2019>",
    .started_on = {2019, 11, 15},
    .ended_on = {2019, 12, 28},
    .timezone = "UTC",
    .status = TRACKER_ENDED,
    .languages = "en",
};

static const struct day_info day = {44, {2019, 12, 28}, true};

static const struct metric metrics[] = {
    {KILLED, 1, "killed", "Killed", 1},
    {INJURED, 1, "injured", "Injured & <wounded>", 2},
    {ARRESTED, 1, "arrested", "Arrested", 3},
};

#define CLAIM(num, metric, source, name, qual, lo, hi, y, m, d, st)          \
    {                                                                        \
        .id = 100 + (num), .number = (num), .metric_id = (metric),           \
        .source_id = (source), .source_name = (name), .qualifier = (qual),   \
        .low = (lo), .high = (hi), .as_of = {(y), (m), (d)}, .status = (st), \
        .source_slug = (name)                                                \
    }

/* In as-of order, as the store lists them. */
static const struct claim claims[] = {
    /* Before started_on: clamped to the left edge. */
    CLAIM(1, KILLED, WITNESS, "A witness", QUAL_EXACT, 7, -1, 2019, 11, 1,
          CLAIM_REPORTED),
    CLAIM(2, KILLED, AMNESTY, "Amnesty International", QUAL_AT_LEAST, 106, -1,
          2019, 11, 19, CLAIM_VERIFIED),
    CLAIM(3, KILLED, IHRM, "Iran HRM", QUAL_RANGE, 150, 450, 2019, 12, 1,
          CLAIM_REPORTED),
    CLAIM(4, ARRESTED, AMNESTY, "Amnesty International", QUAL_MORE_THAN, 12000,
          -1, 2019, 12, 2, CLAIM_REPORTED),
    CLAIM(5, KILLED, AMNESTY, "Amnesty International", QUAL_AT_LEAST, 304, -1,
          2019, 12, 16, CLAIM_VERIFIED),
    /* Government's only claim, retracted: listed, never plotted. */
    CLAIM(6, KILLED, GOVT, "Government", QUAL_EXACT, 5000, -1, 2019, 12, 20,
          CLAIM_RETRACTED),
    CLAIM(7, KILLED, HOSTILE, HOSTILE_NAME, QUAL_ABOUT, 1500, -1, 2019, 12, 23,
          CLAIM_DISPUTED),
    /* After the date Day 44 counts to: clamped to the right edge. */
    CLAIM(8, KILLED, WITNESS, "A witness", QUAL_EXACT, 9, -1, 2020, 1, 5,
          CLAIM_REPORTED),
};

enum {
    NM = sizeof metrics / sizeof *metrics,
    NC = sizeof claims / sizeof *claims,
    SOURCES_PLOTTED = 4, /* witness, Amnesty, Iran HRM, hostile */
    CLAIMS_PLOTTED = 6,  /* killed, not retracted */
};

/* The fixture with citations, quotes and notes filled in. */
static void fixture(struct claim out[NC])
{
    memcpy(out, claims, sizeof claims);
    out[1].url = "https://www.amnesty.org/en/latest/news/2019/11/iran/";
    out[1].quote = "\"At least 106 protesters\" were killed & <many> hurt";
    out[1].note = "Counted town by town";
    out[6].url = "javascript:alert(1)";
    out[6].quote = "'about 1,500' <b>killed</b>";
    out[6].note = "<img src=x onerror=alert(1)>";
    out[2].scope = "Tehran & Karaj";
}

/* What a test rendered; teardown frees it, so a failed check (which does
 * not return) leaks nothing. */
struct out {
    struct buf page;
    char *svg; /* the page's <svg>...</svg>, copied, or NULL */
    struct arena arena;
};

static int setup(void **state)
{
    struct out *o = calloc(1, sizeof *o);
    o->page = (struct buf)BUF_INIT(1 << 20);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    struct out *o = *state;
    buf_release(&o->page);
    free(o->svg);
    arena_release(&o->arena);
    free(o);
    return 0;
}

/* Renders metric `mi`'s page into o and returns it. */
static const char *tally_page(struct out *o, size_t mi, const struct claim *c,
                              size_t n)
{
    buf_reset(&o->page);
    render_tally(&o->page, &site, &tracker, &day, &metrics[mi], c, n);
    const char *page = buf_cstr(&o->page);
    const char *start = strstr(page, "<svg");
    const char *end = start ? strstr(start, "</svg>") : NULL;
    free(o->svg);
    o->svg = NULL;
    if (end != NULL) {
        size_t len = (size_t)(end - start) + 6;
        o->svg = malloc(len + 1);
        memcpy(o->svg, start, len);
        o->svg[len] = '\0';
    }
    return page;
}

/* The fixture's Killed page; the claims live in o's arena. */
static const char *killed_page(struct out *o)
{
    struct claim *c = arena_alloc(&o->arena, sizeof claims);
    fixture(c);
    return tally_page(o, 0, c, NC);
}

/* The fixture's index page. */
static const char *index_page(struct out *o)
{
    struct claim *c = arena_alloc(&o->arena, sizeof claims);
    fixture(c);
    const struct highlight *h = highlights_build(&o->arena, metrics, NM, c, NC);
    buf_reset(&o->page);
    render_tallies(&o->page, &site, &tracker, &day, h, NM);
    return buf_cstr(&o->page);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* True when every value of attribute `attr` (" cx=\"") is in [lo, hi]. */
static bool all_within(const char *svg, const char *attr, double lo, double hi)
{
    for (const char *p = strstr(svg, attr); p; p = strstr(p + 1, attr)) {
        double v = strtod(p + strlen(attr), NULL);
        if (v < lo || v > hi)
            return false;
    }
    return true;
}

/* ==== The chart ==== */

static void chart_has_one_line_per_source(void **state)
{
    struct out *o = *state;
    const char *page = killed_page(o);
    const char *svg = o->svg ? o->svg : "";
    CHECK_HAS("svg", page, "<svg class=\"chart\" viewBox=\"0 0 ");
    CHECK_HAS("svg", page, "role=\"img\" aria-labelledby=\"chart-title\"");
    CHECK_HAS("svg title", svg, "<title id=\"chart-title\">Killed: ");
    CHECK_INT("paths", count(svg, "<path"), SOURCES_PLOTTED);
    CHECK_INT("points", count(svg, "<circle"), CLAIMS_PLOTTED);
    /* Colours by first appearance: the witness's claim is the oldest. */
    CHECK_HAS("first source", svg, "<path class=\"s0\" d=\"M64 ");
    CHECK_HAS("fourth source", svg, "<path class=\"s3\"");
    /* The range 150-450 gets a bar, in Iran HRM's colour (third). */
    CHECK_HAS("range bar", svg, "<line class=\"s2\"");
    /* Every line runs on to the right edge. */
    CHECK_INT("to the edge", count(svg, " H624\"/>"), SOURCES_PLOTTED);
    CHECK_INT("legend", count(page, "<span class=\"sw s"), SOURCES_PLOTTED);
    CHECK_HAS("legend", page, "<span dir=\"auto\">Iran HRM</span>");
}

static void chart_axes_are_round_and_dated(void **state)
{
    struct out *o = *state;
    killed_page(o);
    const char *svg = o->svg ? o->svg : "";
    /* Top figure 1,500: the axis goes to 2,000 in steps of 500. */
    CHECK_HAS("top", svg, ">2,000</text>");
    CHECK_HAS("step", svg, ">500</text>");
    CHECK_HAS("zero", svg, ">0</text>");
    CHECK_LACKS("no 2,500", svg, ">2,500</text>");
    /* Figures end at the axis; dates sit inside the plot's ends. */
    CHECK_HAS("figure label", svg, "<text text-anchor=\"end\" x=\"58\"");
    CHECK_HAS("first date", svg,
              "<text text-anchor=\"start\" x=\"64\" y=\"232\">15 November "
              "2019</text>");
    CHECK_HAS("last date", svg, ">28 December 2019</text>");
    /* Claims before the start and after the end are clamped. */
    CHECK_INT("cx in plot", all_within(svg, " cx=\"", 64, 624), 1);
    CHECK_INT("cy in plot", all_within(svg, " cy=\"", 12, 212), 1);
    CHECK_HAS("clamped left", svg, " cx=\"64\"");
    CHECK_HAS("clamped right", svg, " cx=\"624\"");
}

static void rtl_page_keeps_labels_in_place(void **state)
{
    struct out *o = *state;
    struct tracker fa = tracker;
    fa.languages = "fa,en";
    render_tally(&o->page, &site, &fa, &day, &metrics[0], claims, NC);
    const char *page = buf_cstr(&o->page);
    /* The svg inherits dir="rtl", which swaps start and end. */
    CHECK_HAS("rtl page", page, "<html lang=\"fa\" dir=\"rtl\">");
    CHECK_HAS("figure label", page, "<text text-anchor=\"start\" x=\"58\"");
    CHECK_HAS("first date", page, "<text text-anchor=\"end\" x=\"64\"");
    CHECK_HAS("last date", page, "<text text-anchor=\"start\" x=\"624\"");
}

static void points_name_source_figure_and_date(void **state)
{
    struct out *o = *state;
    killed_page(o);
    const char *svg = o->svg ? o->svg : "";
    CHECK_HAS("point title", svg,
              "<title>Amnesty International: at least 304, 16 December "
              "2019</title>");
    CHECK_HAS("range title", svg,
              "<title>Iran HRM: 150\xe2\x80\x93"
              "450, 1 December 2019</title>");
}

static void retracted_claim_is_listed_not_plotted(void **state)
{
    struct out *o = *state;
    const char *page = killed_page(o);
    const char *svg = o->svg ? o->svg : "";
    CHECK_HAS("in the table", page,
              "<tr id=\"claim-6\" class=\"retracted\"><td><time "
              "datetime=\"2019-12-20\">");
    CHECK_HAS("figure", page, "<td class=\"num\">5,000</td>");
    CHECK_HAS("status", page, "<td class=\"why\">retracted</td>");
    CHECK_LACKS("not plotted", svg, "Government");
    CHECK_LACKS("not plotted", svg, "5,000");
    CHECK_LACKS("not in legend", page, "<span dir=\"auto\">Government");
}

static void single_zero_claim_still_charts(void **state)
{
    struct out *o = *state;
    static const struct claim one[] = {
        CLAIM(1, KILLED, AMNESTY, "Amnesty", QUAL_EXACT, 0, -1, 2019, 12, 1,
              CLAIM_REPORTED),
    };
    const char *page = tally_page(o, 0, one, 1);
    const char *svg = o->svg ? o->svg : "";
    CHECK_HAS("svg", page, "<svg");
    CHECK_INT("one path", count(svg, "<path"), 1);
    CHECK_INT("one point", count(svg, "<circle"), 1);
    /* All figures 0: the axis still has a top (5, in steps of 1). */
    CHECK_HAS("top", svg, ">5</text>");
    CHECK_HAS("step", svg, ">1</text>");
    CHECK_HAS("on the 0 line", svg, " cy=\"212\"");
    CHECK_INT("cx in plot", all_within(svg, " cx=\"", 64, 624), 1);
}

static void all_retracted_lists_without_chart(void **state)
{
    struct out *o = *state;
    static const struct claim gone[] = {
        CLAIM(1, KILLED, GOVT, "Government", QUAL_EXACT, 5000, -1, 2019, 12, 20,
              CLAIM_RETRACTED),
    };
    const char *page = tally_page(o, 0, gone, 1);
    CHECK_LACKS("no svg", page, "<svg");
    CHECK_HAS("said so", page, "every claim was retracted");
    CHECK_HAS("listed", page, "<tr id=\"claim-1\" class=\"retracted\">");
}

/* A withdrawn claim says when and why; a correction links both ways. */
static void withdrawal_shows_reason_date_and_correction(void **state)
{
    struct out *o = *state;
    struct claim c[] = {
        CLAIM(1, KILLED, AMNESTY, "Amnesty", QUAL_AT_LEAST, 143, -1, 2019, 11,
              25, CLAIM_RETRACTED),
        CLAIM(2, KILLED, GOVT, "Government", QUAL_EXACT, 5000, -1, 2019, 11, 26,
              CLAIM_RETRACTED),
        CLAIM(3, KILLED, AMNESTY, "Amnesty", QUAL_EXACT, 134, -1, 2019, 11, 25,
              CLAIM_REPORTED),
    };
    /* 2019-12-28T12:00Z and 2019-12-27T10:00Z (the tracker is in UTC). */
    c[0].retraction = (struct retraction){"Misread <134>", 1577534400, 3,
                                          "ed-canary", "ver-canary"};
    c[1].retraction =
        (struct retraction){"Withdrawn & denied", 1577440800, 0, "a", "b"};
    c[2].corrects = 1;
    const char *page = tally_page(o, 0, c, 3);
    CHECK_HAS("corrected, dated, linked", page,
              "<td class=\"why\">Corrected on <time datetime=\"2019-12-28\">"
              "28 December 2019</time> by <a href=\"#claim-3\">claim 3</a>: "
              "<span dir=\"auto\">Misread &lt;134&gt;</span></td>");
    CHECK_HAS("retracted with its reason", page,
              "Retracted on <time datetime=\"2019-12-27\">27 December "
              "2019</time>: <span dir=\"auto\">Withdrawn &amp; denied</span>");
    CHECK_HAS("the correction names what it corrects", page,
              "<td class=\"why\">reported <small>(corrects <a "
              "href=\"#claim-1\">claim 1</a>)</small></td>");
    CHECK_LACKS("no login", page, "canary");
    CHECK_HAS("struck through", page,
              "<tr id=\"claim-1\" class=\"retracted\">");
    CHECK_HAS("stands", page, "<tr id=\"claim-3\"><td>");
}

static void no_claims_no_chart(void **state)
{
    struct out *o = *state;
    const char *page = tally_page(o, 1, claims, NC);
    CHECK_HAS("message", page, "No figures yet.");
    CHECK_LACKS("no svg", page, "<svg");
    CHECK_LACKS("no table", page, "<table");
    CHECK_HAS("label escaped", page, "Injured &amp; &lt;wounded&gt;");
    page = tally_page(o, 0, NULL, 0);
    CHECK_HAS("no claims at all", page, "No figures yet.");
    CHECK_LACKS("no claims at all", page, "<svg");
}

/* ==== The table ==== */

static void table_gives_figures_in_words(void **state)
{
    struct out *o = *state;
    const char *page = killed_page(o);
    CHECK_HAS("at least", page, "<td class=\"num\">at least 304</td>");
    CHECK_HAS("about", page, "<td class=\"num\">about 1,500</td>");
    CHECK_HAS("range", page,
              "<td class=\"num\">150\xe2\x80\x93"
              "450</td>");
    CHECK_HAS("date", page,
              "<time datetime=\"2019-11-19\">19 November 2019</time>");
    CHECK_HAS("citation", page,
              "<a href=\"https://www.amnesty.org/en/latest/news/2019/11/"
              "iran/\">Citation</a>");
    CHECK_HAS("scope", page, "Scope: <bdi>Tehran &amp; Karaj</bdi>");
    /* Another metric's claim stays off this page. */
    CHECK_LACKS("other metric", page, "12,000");
    /* Oldest first, clamped claims included. */
    const char *table = strstr(page, "<table");
    const char *a = table ? strstr(table, "2019-11-01") : NULL;
    const char *b = table ? strstr(table, "at least 106") : NULL;
    const char *c = table ? strstr(table, "at least 304") : NULL;
    const char *d = table ? strstr(table, "2020-01-05") : NULL;
    CHECK_INT("oldest first", a && b && c && d && a < b && b < c && c < d, 1);
}

/* ==== Escaping ==== */

static void hostile_text_is_escaped(void **state)
{
    struct out *o = *state;
    const char *page = killed_page(o);
    CHECK_LACKS("name raw", page, HOSTILE_NAME);
    CHECK_HAS("name escaped", page, "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK_HAS("quote escaped", page,
              "&quot;At least 106 protesters&quot; were killed &amp; "
              "&lt;many&gt; hurt");
    CHECK_HAS("quote escaped", page,
              "&#39;about 1,500&#39; &lt;b&gt;killed&lt;/b&gt;");
    CHECK_LACKS("note raw", page, "<img");
    CHECK_LACKS("title raw", page, "\"protests\" <2019>");
    CHECK_HAS("title escaped", page, "Iran &quot;protests&quot; &lt;2019&gt;");
}

static void javascript_url_never_in_href(void **state)
{
    struct out *o = *state;
    const char *page = killed_page(o);
    CHECK_LACKS("javascript: href", page, "href=\"javascript:");
    CHECK_LACKS("javascript: anywhere", page, "javascript:");
    CHECK_HAS("replaced", page, "<a href=\"#\">Citation</a>");
}

static void no_style_attributes(void **state)
{
    struct out *o = *state;
    CHECK_LACKS("tally", killed_page(o), "style=");
    CHECK_LACKS("tally", buf_cstr(&o->page), "<script");
    CHECK_LACKS("tallies", index_page(o), "style=");
}

static void output_is_deterministic(void **state)
{
    struct out *o = *state;
    struct buf again = BUF_INIT(1 << 20);
    struct claim c[NC];
    fixture(c);
    render_tally(&again, &site, &tracker, &day, &metrics[0], c, NC);
    bool same = strcmp(killed_page(o), buf_cstr(&again)) == 0;
    buf_release(&again);
    CHECK_INT("same bytes", same, 1);
}

/* ==== The index ==== */

static void index_links_every_metric_with_its_range(void **state)
{
    struct out *o = *state;
    const char *page = index_page(o);
    CHECK_HAS("link", page,
              "<a href=\"/t/iran-nov-2019/tallies/killed\" dir=\"auto\">"
              "Killed</a>");
    /* Latest per source: witness 9, Amnesty 304, Iran HRM 150-450,
     * hostile about 1,500; Government's retracted claim does not count. */
    CHECK_HAS("range", page, "<td>9 \xe2\x80\x93 about 1,500 (4 sources)</td>");
    CHECK_HAS("one source", page, "<td>more than 12,000 (1 source)</td>");
    CHECK_HAS("empty", page, "No figures yet");
    CHECK_HAS("label escaped", page, "Injured &amp; &lt;wounded&gt;</a>");
    CHECK_HAS("day", page, "Day 44");
    CHECK_LACKS("no svg", page, "<svg");
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int test_render_tally(void)
{
    const struct CMUnitTest tests[] = {
        TEST(chart_has_one_line_per_source),
        TEST(chart_axes_are_round_and_dated),
        TEST(rtl_page_keeps_labels_in_place),
        TEST(points_name_source_figure_and_date),
        TEST(retracted_claim_is_listed_not_plotted),
        TEST(single_zero_claim_still_charts),
        TEST(all_retracted_lists_without_chart),
        TEST(withdrawal_shows_reason_date_and_correction),
        TEST(no_claims_no_chart),
        TEST(table_gives_figures_in_words),
        TEST(hostile_text_is_escaped),
        TEST(javascript_url_never_in_href),
        TEST(no_style_attributes),
        TEST(output_is_deterministic),
        TEST(index_links_every_metric_with_its_range),
    };
    return cmocka_run_group_tests_name("render/tally", tests, NULL, NULL);
}
