/*
 * test_markdown.c: core/markdown.h, update bodies to safe HTML.
 *
 * Every test gets a fresh output buffer and scratch input from its setup,
 * released by its teardown, so a failing assertion leaks nothing.
 */
#include "core/markdown.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/xmalloc.h"

struct md {
    struct buf html;
    char *input; /* scratch, xmalloc'ed by the test, or NULL */
};

static int setup(void **state)
{
    struct md *m = xcalloc(1, sizeof *m);
    m->html = (struct buf)BUF_INIT(1u << 22);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    struct md *m = *state;
    buf_release(&m->html);
    free(m->input);
    free(m);
    return 0;
}

/* Renders md into m->html (emptied first) as field "body". */
static int render(struct md *m, const char *md, size_t len, struct vg_err *err)
{
    buf_reset(&m->html);
    return markdown_render("body", md, len, &m->html, err);
}

static int render_str(struct md *m, const char *md, struct vg_err *err)
{
    return render(m, md, strlen(md), err);
}

/* The output lowercased, for checks that must ignore case; in m->input. */
static const char *lowered(struct md *m)
{
    free(m->input);
    m->input = xstrdup(buf_cstr(&m->html));
    for (char *p = m->input; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return m->input;
}

/* Builds `count` copies of unit followed by tail into m->input. */
static const char *repeat(struct md *m, const char *head, const char *unit,
                          size_t count, const char *tail)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
    free(m->input);
    m->input = xmalloc(h + u * count + t + 1);
    memcpy(m->input, head, h);
    for (size_t i = 0; i < count; i++)
        memcpy(m->input + h + i * u, unit, u);
    memcpy(m->input + h + u * count, tail, t + 1);
    return m->input;
}

/* Asserts a refusal: code, field "body", and the buffer left empty. */
static void check_refused(struct md *m, const char *label, int rc, int want,
                          const struct vg_err *err)
{
    CHECK_CODE(label, rc, want);
    CHECK_CODE(label, err->code, want);
    CHECK_STR(label, err->field, "body");
    CHECK_INT(label, m->html.len, 0);
    CHECK_STR(label, buf_cstr(&m->html), "");
}

/* ==== Rendering ==== */

static void renders_commonmark(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *html;
    } cases[] = {
        {"*a*", "<p><em>a</em></p>\n"},
        {"**b**", "<p><strong>b</strong></p>\n"},
        {"# Day 44", "<h1>Day 44</h1>\n"},
        {"a & b", "<p>a &amp; b</p>\n"},
        {"- x\n- y\n", "<ul>\n<li>x</li>\n<li>y</li>\n</ul>\n"},
        {"> q", "<blockquote>\n<p>q</p>\n</blockquote>\n"},
        {"`<b>`", "<p><code>&lt;b&gt;</code></p>\n"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_STR(cases[i].md, buf_cstr(&m->html), cases[i].html);
        CHECK_INT(cases[i].md, err.code, 0);
    }
}

/* GitHub's extensions: bare addresses linked, tables, ~~strikethrough~~
 * (two tildes only: "~300" means about 300). */
static void renders_github_extensions(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *want;
    } cases[] = {
        {"see https://e.com/a?b=1 now",
         "<p>see <a href=\"https://e.com/a?b=1\">https://e.com/a?b=1</a> "
         "now</p>\n"},
        {"at www.e.com.", "<p>at <a href=\"http://www.e.com\">www.e.com</a>."
                          "</p>\n"},
        {"ask desk@e.com", "<p>ask <a href=\"mailto:desk@e.com\">desk@e.com"
                           "</a></p>\n"},
        {"~~300~~ 400", "<p><del>300</del> 400</p>\n"},
        {"~300 to ~400", "<p>~300 to ~400</p>\n"},
        {"| City | Dead |\n|:-----|-----:|\n| Shiraz | 40 |\n",
         "<table>\n<thead>\n<tr>\n<th align=\"left\">City</th>\n"
         "<th align=\"right\">Dead</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
         "<td align=\"left\">Shiraz</td>\n<td align=\"right\">40</td>\n"
         "</tr>\n</tbody>\n</table>\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_STR(cases[i].md, buf_cstr(&m->html), cases[i].want);
    }
}

/* The extensions open no way around safe mode: raw HTML in a table cell
 * or next to a bare URL is dropped, and only http(s) and mail addresses
 * are linked bare. */
static void extensions_stay_safe(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *banned;
    } cases[] = {
        {"| a |\n|---|\n| <script>x</script> |", "<script"},
        {"| a |\n|---|\n| <img src=x onerror=alert(1)> |", "onerror"},
        {"https://e.com/<script>alert(1)</script>", "<script"},
        {"javascript:alert(1)", "href"},
        {"www.e.com/\"onmouseover=\"alert(1)", "\"onmouseover"},
        {"~~<iframe src=x>~~", "<iframe"},
        {"| [x](javascript:alert(1)) |\n|---|", "javascript:"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_LACKS(cases[i].md, lowered(m), cases[i].banned);
    }
}

static void appends_to_the_buffer(void **state)
{
    struct md *m = *state;
    BUF_LIT(&m->html, "<div>");
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(NULL, markdown_render("body", "*a*", 3, &m->html, &err), 0);
    CHECK_STR(NULL, buf_cstr(&m->html), "<div><p><em>a</em></p>\n");
}

static void drops_raw_html(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *banned;
    } cases[] = {
        {"<script>alert(1)</script>", "<script"},
        {"<img src=x onerror=alert(1)>", "onerror"},
        {"<img src=x onerror=alert(1)>", "<img"},
        {"a <span onclick=alert(1)>b</span>", "onclick"},
        {"<iframe src=\"http://e.com\"></iframe>", "<iframe"},
        {"text\n\n<div>\n<script>x</script>\n</div>", "<script"},
        {"<a href=\"javascript:alert(1)\">x</a>", "javascript"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_LACKS(cases[i].md, lowered(m), cases[i].banned);
    }
}

static void drops_dangerous_link_targets(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *banned; /* banned: in the lowercased output */
    } cases[] = {
        {"[x](javascript:alert(1))", "javascript:"},
        {"[x](JAVASCRIPT:alert(1))", "javascript:"},
        {"[x](  javascript:alert(1) )", "javascript:"},
        {"[x](<javascript:alert(1)>)", "javascript:"},
        {"[x](java&#x73;cript:alert(1))", "javascript:"},
        {"[x](vbscript:x)", "vbscript:"},
        {"[x](data:text/html,x)", "data:"},
        {"[x](data:image/png;base64,AAAA)", "data:"},
        {"[x](file:///etc/passwd)", "file:"},
        {"[x](ftp://e.com/a)", "ftp:"},
        {"<javascript:alert(1)>", "href=\"javascript"},
        {"[x][r]\n\n[r]: javascript:alert(1)", "javascript:"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_LACKS(cases[i].md, lowered(m), cases[i].banned);
    }
}

static void keeps_safe_link_targets(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *want;
    } cases[] = {
        {"[a](http://e.com/p)", "<a href=\"http://e.com/p\">a</a>"},
        {"[a](https://e.com/p?q=1#f)",
         "<a href=\"https://e.com/p?q=1#f\">a</a>"},
        {"[a](HTTPS://E.COM)", "<a href=\"HTTPS://E.COM\">a</a>"},
        {"[a](mailto:desk@e.com)", "<a href=\"mailto:desk@e.com\">a</a>"},
        {"[a](/t/iran-nov-2019/u/3)", "<a href=\"/t/iran-nov-2019/u/3\">a</a>"},
        {"[a](u/3)", "<a href=\"u/3\">a</a>"},
        {"[a](#day-44)", "<a href=\"#day-44\">a</a>"},
        {"<https://e.com>", "<a href=\"https://e.com\">https://e.com</a>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_HAS(cases[i].md, buf_cstr(&m->html), cases[i].want);
    }
}

static void images_become_links(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *want;
    } cases[] = {
        {"![alt](http://e.com/a.png)",
         "<a href=\"http://e.com/a.png\">alt</a>"},
        {"![a *b*](https://e.com/a.png \"T\")",
         "<a href=\"https://e.com/a.png\" title=\"T\">a <em>b</em></a>"},
        {"see ![x](javascript:alert(1)) here", "<a href=\"\">x</a>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].md, render_str(m, cases[i].md, &err), 0);
        CHECK_HAS(cases[i].md, buf_cstr(&m->html), cases[i].want);
        CHECK_LACKS(cases[i].md, lowered(m), "<img");
        CHECK_LACKS(cases[i].md, lowered(m), "javascript:");
    }
}

/* An image from the media store is shown, its text as alt; a look-alike
 * address (short hash, capitals, a path after it) stays a link. */
static void own_images_are_shown(void **state)
{
    struct md *m = *state;
    static const char hash[] = "0123456789abcdef0123456789abcdef"
                               "0123456789abcdef0123456789abcdef";
    static const struct {
        const char *head, *tail, *want_head, *want_tail;
    } shown[] = {
        {"![Crowd at *Azadi*](/media/", ".webp)", "<p><img src=\"/media/",
         ".webp\" alt=\"Crowd at Azadi\" loading=\"lazy\" "
         "decoding=\"async\"></p>\n"},
        {"![a \"b\" & c](/media/", " \"T&\")", "<p><img src=\"/media/",
         "\" alt=\"a &quot;b&quot; &amp; c\" title=\"T&amp;\" "
         "loading=\"lazy\" decoding=\"async\"></p>\n"},
    };
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        char md[256], want[512];
        snprintf(md, sizeof md, "%s%s%s", shown[i].head, hash, shown[i].tail);
        snprintf(want, sizeof want, "%s%s%s", shown[i].want_head, hash,
                 shown[i].want_tail);
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(md, render_str(m, md, &err), 0);
        CHECK_STR(md, buf_cstr(&m->html), want);
    }
    /* An image in an own image's text is left out of its alt text (found
     * by fuzzing: the inner image was freed with the outer one, then
     * rewritten). */
    char nested[320];
    snprintf(nested, sizeof nested, "![a ![b](/media/%s) c](/media/%s.png)",
             hash, hash);
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(nested, render_str(m, nested, &err), 0);
    CHECK_HAS(nested, buf_cstr(&m->html), "alt=\"a  c\"");
    /* A table cell may not hold the markup's node: the image is the one
     * cmark writes (found by fuzzing: the node leaked, the image was
     * lost). */
    char cell[320];
    snprintf(cell, sizeof cell,
             "| City | Photo |\n|---|---|\n| Shiraz | ![Crowd](/media/%s.webp "
             "\"T\") |\n",
             hash);
    CHECK_CODE(cell, render_str(m, cell, &err), 0);
    CHECK_HAS(cell, buf_cstr(&m->html), "<td><img src=\"/media/");
    CHECK_HAS(cell, buf_cstr(&m->html),
              ".webp\" alt=\"Crowd\" title=\"T\" /></td>");
    static const char *const linked[] = {
        "![x](/media/0123456789abcdef)",
        "![x](/media/0123456789ABCDEF0123456789abcdef"
        "0123456789abcdef0123456789abcdef.png)",
        "![x](/media/0123456789abcdef0123456789abcdef"
        "0123456789abcdef0123456789abcdef/../../a.png)",
        "![x](/media/0123456789abcdef0123456789abcdef"
        "0123456789abcdef0123456789abcdef.png?x=1)",
        "![x](https://e.com/media/0123456789abcdef0123456789abcdef"
        "0123456789abcdef0123456789abcdef.png)",
    };
    for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(linked[i], render_str(m, linked[i], &err), 0);
        CHECK_HAS(linked[i], buf_cstr(&m->html), "<a href=");
        CHECK_LACKS(linked[i], buf_cstr(&m->html), "<img");
    }
}

/* ==== Limits ==== */

static void refuses_more_than_64_kib(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    const char *md = repeat(m, "", "a", MARKDOWN_MAX_BYTES + 1, "");
    int rc = render(m, md, MARKDOWN_MAX_BYTES + 1, &err);
    check_refused(m, "65537 bytes", rc, VG_ELIMIT, &err);
    CHECK_HAS("65537 bytes", err.msg, "65537");
}

static void accepts_exactly_64_kib(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    /* 8,192 lines of "word 12\n" (8 bytes each) */
    const char *md = repeat(m, "", "word 12\n", MARKDOWN_MAX_BYTES / 8, "");
    CHECK_INT("length", strlen(md), MARKDOWN_MAX_BYTES);
    CHECK_CODE("65536 bytes", render(m, md, MARKDOWN_MAX_BYTES, &err), 0);
    CHECK_HAS("65536 bytes", buf_cstr(&m->html), "<p>word 12\nword 12\n");
}

static void limits_quote_nesting(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("16 quotes", render_str(m, repeat(m, "", "> ", 16, "a\n"), &err),
               0);
    CHECK_HAS("16 quotes", buf_cstr(&m->html), "<p>a</p>");

    err = (struct vg_err)VG_ERR_INIT;
    int rc = render_str(m, repeat(m, "", "> ", 17, "a\n"), &err);
    check_refused(m, "17 quotes", rc, VG_ELIMIT, &err);
    CHECK_HAS("17 quotes", err.msg, "line 1");

    /* The message names the line that goes too deep. */
    err = (struct vg_err)VG_ERR_INIT;
    rc =
        render_str(m, repeat(m, "Day 44.\n\n> ok\n", ">", 17, " deep\n"), &err);
    check_refused(m, "17 quotes on line 4", rc, VG_ELIMIT, &err);
    CHECK_HAS("17 quotes on line 4", err.msg, "line 4");
}

/* Writes n list items, each nested in the one before by indentation. */
static const char *nested_list(struct md *m, size_t n)
{
    free(m->input);
    m->input = xmalloc(n * (2 * n + 8) + 1);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        memset(m->input + used, ' ', 2 * i);
        used += 2 * i;
        memcpy(m->input + used, "- item\n", 7);
        used += 7;
    }
    m->input[used] = '\0';
    return m->input;
}

static void limits_list_nesting(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("16 lists", render_str(m, nested_list(m, 16), &err), 0);
    CHECK_INT("16 lists", m->html.len > 0, 1);

    err = (struct vg_err)VG_ERR_INIT;
    int rc = render_str(m, nested_list(m, 17), &err);
    check_refused(m, "17 lists", rc, VG_ELIMIT, &err);
    CHECK_HAS("17 lists", err.msg, "line 17");

    /* Markers on one line nest as well: "- - - ... item". */
    err = (struct vg_err)VG_ERR_INIT;
    rc = render_str(m, repeat(m, "", "- ", 17, "item\n"), &err);
    check_refused(m, "17 markers on a line", rc, VG_ELIMIT, &err);
    CHECK_HAS("17 markers on a line", err.msg, "line 1");

    err = (struct vg_err)VG_ERR_INIT;
    rc = render_str(m, repeat(m, "", "1. ", 17, "item\n"), &err);
    check_refused(m, "17 ordered markers", rc, VG_ELIMIT, &err);
}

static void fenced_code_is_not_nesting(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *label, *open, *close;
    } fences[] = {
        {"``` fence", "```\n", "```\n"},
        {"~~~ fence", "~~~\n", "~~~\n"},
        {"``` fence with info", "```text\n", "```\n"},
        {"unclosed fence", "```\n", ""},
    };
    /* 40 quotes, then 20 list markers, inside each fence */
    const char *deep = repeat(m, "", "> ", 40,
                              "a\n- - - - - - - - - - - - - "
                              "- - - - - - - x\n");
    for (size_t i = 0; i < sizeof fences / sizeof *fences; i++) {
        char md[256];
        snprintf(md, sizeof md, "%s%s%s", fences[i].open, deep,
                 fences[i].close);
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(fences[i].label, render_str(m, md, &err), 0);
        CHECK_HAS(fences[i].label, buf_cstr(&m->html), "<pre><code");
        CHECK_LACKS(fences[i].label, buf_cstr(&m->html), "<blockquote>");
        CHECK_LACKS(fences[i].label, buf_cstr(&m->html), "<li>");
    }
}

/* A "~~~" line inside a ``` block is code, not a fence (CommonMark §4.5:
 * the closing fence uses the opening's character). */
static void tilde_line_inside_backtick_fence_is_code(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    const char *md = repeat(m, "```\n~~~\n", "> ", 17, "a\n```\n");
    int rc = render_str(m, md, &err);
    CHECK_STR("~~~ inside ```", err.msg, "");
    CHECK_CODE("~~~ inside ```", rc, 0);
    CHECK_HAS("~~~ inside ```", buf_cstr(&m->html), "<pre><code>~~~\n");
}

/* Four spaces of indentation make "```" an indented code line, not a
 * fence: what follows is ordinary Markdown, and its nesting must still be
 * caught by the line scan (which names the line) before cmark parses it. */
static void indented_backticks_do_not_hide_nesting(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    const char *md = repeat(m, "    ```\n", "> ", 17, "a\n");
    int rc = render_str(m, md, &err);
    check_refused(m, "indented ```", rc, VG_ELIMIT, &err);
    CHECK_HAS("indented ```", err.msg, "line 2");
}

static void refuses_bad_text(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *label;
        const char *md;
        size_t len;
    } cases[] = {
        {"0xff",
         "a\xff"
         "b",
         3},
        {"lone continuation byte", "\x80", 1},
        {"overlong '/'", "\xc0\xaf", 2},
        {"surrogate", "\xed\xa0\x80", 3},
        {"truncated sequence", "a\xe2\x80", 3},
        {"SOH",
         "a\x01"
         "b",
         3},
        {"ESC", "a\x1b[31mred", 9},
        {"DEL", "a\x7f", 2},
        {"NUL", "a\0b", 3},
        {"C1 NEL", "a\xc2\x85", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = render(m, cases[i].md, cases[i].len, &err);
        check_refused(m, cases[i].label, rc, VG_EINVAL, &err);
    }
}

static void accepts_tabs_and_line_breaks(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("tab, CRLF", render_str(m, "a\tb\r\nc\n", &err), 0);
    CHECK_STR("tab, CRLF", buf_cstr(&m->html), "<p>a\tb\nc</p>\n");
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("Persian", render_str(m, "\xd8\xb1\xd9\x88\xd8\xb2 44", &err),
               0);
    CHECK_STR("Persian", buf_cstr(&m->html),
              "<p>\xd8\xb1\xd9\x88\xd8\xb2 44</p>\n");
}

static void refusal_leaves_the_buffer_alone(void **state)
{
    struct md *m = *state;
    static const char *const bad[] = {"a\xff", "> > > > > > > > > > > > > > "
                                               "> > > > deep"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        buf_reset(&m->html);
        BUF_LIT(&m->html, "<p>kept</p>");
        struct vg_err err = VG_ERR_INIT;
        int rc =
            markdown_render("body", bad[i], strlen(bad[i]), &m->html, &err);
        CHECK_INT(bad[i], rc < 0, 1);
        CHECK_STR(bad[i], buf_cstr(&m->html), "<p>kept</p>");
        CHECK_INT(bad[i], m->html.len, 11);
        CHECK_INT(bad[i], m->html.failed, 0);
    }
}

/* cmark's test/pathological_tests.py, "empty lines in deeply nested lists"
 * ("- " * 1000 + "x" + "\n" * 1000), repeated up to 64 KiB; and the same
 * within the depth limit. No timing is asserted: the test must return. */
static void survives_pathological_lists(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *label, *head;
        size_t depth;
        bool allowed;
    } cases[] = {
        {"1000 deep", "", 1000, false},
        {"1000 deep in a quote", "> ", 1000, false},
        {"16 deep", "", 16, true},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t unit = 2 * cases[c].depth + 1 + 1000;
        size_t hlen = strlen(cases[c].head);
        size_t reps = (MARKDOWN_MAX_BYTES - hlen) / unit, used = hlen;
        free(m->input);
        m->input = xmalloc(MARKDOWN_MAX_BYTES + 1);
        memcpy(m->input, cases[c].head, hlen);
        for (size_t r = 0; r < reps; r++) {
            for (size_t i = 0; i < cases[c].depth; i++, used += 2)
                memcpy(m->input + used, "- ", 2);
            m->input[used++] = 'x';
            memset(m->input + used, '\n', 1000);
            used += 1000;
        }
        m->input[used] = '\0';
        struct vg_err err = VG_ERR_INIT;
        int rc = render(m, m->input, used, &err);
        if (cases[c].allowed) {
            CHECK_CODE(cases[c].label, rc, 0);
            CHECK_HAS(cases[c].label, buf_cstr(&m->html), "<li>x</li>");
        } else {
            check_refused(m, cases[c].label, rc, VG_ELIMIT, &err);
        }
    }
}

/* cmark-gfm 0.29's table extension is quadratic in a row's cells (a
 * 64 KiB row of '|' took 22 s), its autolink one in a long run without a
 * space that holds "www.", '@' or ')': both are refused before parsing;
 * long runs of other text are not. */
static void limits_table_cells_and_long_addresses(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("128 '|'",
               render_str(m, repeat(m, "a|b\n-|-\n", "|", 128, ""), &err), 0);
    CHECK_HAS("128 '|'", buf_cstr(&m->html), "<table>");

    static const struct {
        const char *label, *head, *unit;
        size_t count;
        const char *line;
    } refused[] = {
        {"129 '|'", "a|b\n-|-\n", "|", 129, "line 3"},
        {"a row of empty cells", "a|b\n-|-\n", "|", 65000, "line 3"},
        {"'|' in code spans", "a|b\n-|-\n", "`|`", 20000, "line 3"},
        {"www. repeated", "ok\n\n", "www.a_", 700, "line 3"},
        {"trailing parentheses", "www.a", ")", 4100, "line 1"},
        {"'@' repeated", "", "a@", 3000, "line 1"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        err = (struct vg_err)VG_ERR_INIT;
        const char *md =
            repeat(m, refused[i].head, refused[i].unit, refused[i].count, "");
        int rc = render(m, md, strlen(md), &err);
        check_refused(m, refused[i].label, rc, VG_ELIMIT, &err);
        CHECK_HAS(refused[i].label, err.msg, refused[i].line);
    }

    /* 21,000 bytes of Chinese without a space, and a 4,096-byte address */
    err = (struct vg_err)VG_ERR_INIT;
    const char *cjk = repeat(m, "", "\xe6\x8a\x97\xe8\xae\xae", 3500, "");
    CHECK_CODE("CJK", render_str(m, cjk, &err), 0);
    err = (struct vg_err)VG_ERR_INIT;
    const char *url = repeat(m, "https://e.com/", "a", 4096 - 14, "");
    CHECK_CODE("4096-byte address", render_str(m, url, &err), 0);
    CHECK_HAS("4096-byte address", buf_cstr(&m->html), "<a href=");
}

/* ==== Plain text (the lite page) ==== */

/* markdown_plain of md, in m->html (emptied first); the test fails on a
 * refusal. */
static const char *plain(struct md *m, const char *md)
{
    struct vg_err err = VG_ERR_INIT;
    buf_reset(&m->html);
    CHECK_CODE(md, markdown_plain(md, strlen(md), &m->html, &err), 0);
    return buf_cstr(&m->html);
}

static void plain_text_from_the_tree(void **state)
{
    struct md *m = *state;
    static const struct {
        const char *md, *text;
    } cases[] = {
        {"Police used **tear gas**. [Video](https://example.org/v)",
         "Police used tear gas. Video (https://example.org/v)"},
        {"# Curfew\n\nFrom *22:00*,\nsaid `the mayor`.",
         "Curfew From 22:00, said the mayor."},
        {"- chants\n- a [sit-in](http://x.example/s \"t\")\n\n> quoted",
         "chants a sit-in (http://x.example/s) quoted"},
        {"<https://example.org/a> and <ada@example.org>",
         "https://example.org/a and ada@example.org"},
        {"A <b>bold</b> move\n\n<div>raw</div>", "A bold move"},
        {"![A photo](https://example.org/p.jpg)",
         "A photo (https://example.org/p.jpg)"},
        {"[bad](javascript:alert(1)) [](https://example.org/e)",
         "bad https://example.org/e"},
        {"```\ncode  here\n```\nline one  \nline two",
         "code here line one line two"},
        {"\xd8\xaa\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86 "
         "*\xd8\xa7\xd9\x85\xd8\xb1\xd9\x88\xd8\xb2*",
         "\xd8\xaa\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86 "
         "\xd8\xa7\xd9\x85\xd8\xb1\xd9\x88\xd8\xb2"},
        {"a\\*b\\* 2 * 3", "a*b* 2 * 3"},
        {"Live at https://example.org/l and www.example.org, or "
         "desk@example.org.",
         "Live at https://example.org/l and www.example.org, or "
         "desk@example.org."},
        {"| City | Dead |\n|---|---|\n| Shiraz | ~~40~~ 41 |\n\nAfter.",
         "City Dead Shiraz 40 41 After."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(cases[i].md, plain(m, cases[i].md), cases[i].text);
}

static void plain_text_refuses_what_html_refuses(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    buf_puts(&m->html, "kept");
    CHECK_CODE(NULL, markdown_plain("a\xff", 2, &m->html, &err), VG_EINVAL);
    CHECK_STR(NULL, err.field, "body");
    CHECK_STR(NULL, buf_cstr(&m->html), "kept");
}

/* A media store of one image: its key is 64 'a's. */
static int one_image(void *ctx, const char *key, const char *alt,
                     struct buf *out, struct vg_err *err)
{
    (void)ctx;
    if (strspn(key, "a") != 64)
        return vg_err_set(err, VG_EINVAL, "body", "no image %s", key);
    buf_printf(out, "<picture data-alt=\"%s\"></picture>", alt);
    return 0;
}

static void media_keys_use_the_store(void **state)
{
    struct md *m = *state;
    struct vg_err err = VG_ERR_INIT;
    struct markdown_media mm = {one_image, NULL};
    char md[256];
    snprintf(md, sizeof md,
             "![A *crowd*](/media/%064d) ![x](https://t.example/p.png) "
             "![y](/media/%063d)\n",
             0, 0);
    char *key = strstr(md, "/media/") + 7;
    memset(key, 'a', 64); /* the first image's */
    CHECK_CODE(
        NULL,
        markdown_render_media("body", md, strlen(md), &mm, &m->html, &err), 0);
    CHECK_HAS(NULL, buf_cstr(&m->html),
              "<p><picture data-alt=\"A crowd\"></picture> ");
    CHECK_HAS(NULL, buf_cstr(&m->html),
              "<a href=\"https://t.example/p.png\">x</a>");
    CHECK_LACKS(NULL, buf_cstr(&m->html), "<img");
    buf_reset(&m->html);
    key[0] = 'b'; /* a key the store does not have */
    CHECK_CODE(
        NULL,
        markdown_render_media("body", md, strlen(md), &mm, &m->html, &err),
        VG_EINVAL);
    CHECK_STR(NULL, buf_cstr(&m->html), "");
    /* In a table cell, where the picture cannot go, it is refused with
     * where it is. */
    snprintf(md, sizeof md, "| a |\n|---|\n| ![x](/media/%064d) |\n", 0);
    memset(strstr(md, "/media/") + 7, 'a', 64);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE(
        md, markdown_render_media("body", md, strlen(md), &mm, &m->html, &err),
        VG_EINVAL);
    CHECK_STR(md, err.field, "body");
    CHECK_HAS(md, err.msg, "in a table cell (line 3)");
    CHECK_STR(md, buf_cstr(&m->html), "");
}

#define MD_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int test_core_markdown(void)
{
    const struct CMUnitTest tests[] = {
        MD_TEST(renders_commonmark),
        MD_TEST(renders_github_extensions),
        MD_TEST(extensions_stay_safe),
        MD_TEST(appends_to_the_buffer),
        MD_TEST(drops_raw_html),
        MD_TEST(drops_dangerous_link_targets),
        MD_TEST(keeps_safe_link_targets),
        MD_TEST(images_become_links),
        MD_TEST(own_images_are_shown),
        MD_TEST(refuses_more_than_64_kib),
        MD_TEST(accepts_exactly_64_kib),
        MD_TEST(limits_quote_nesting),
        MD_TEST(limits_list_nesting),
        MD_TEST(fenced_code_is_not_nesting),
        MD_TEST(tilde_line_inside_backtick_fence_is_code),
        MD_TEST(indented_backticks_do_not_hide_nesting),
        MD_TEST(refuses_bad_text),
        MD_TEST(accepts_tabs_and_line_breaks),
        MD_TEST(refusal_leaves_the_buffer_alone),
        MD_TEST(survives_pathological_lists),
        MD_TEST(limits_table_cells_and_long_addresses),
        MD_TEST(plain_text_from_the_tree),
        MD_TEST(plain_text_refuses_what_html_refuses),
        MD_TEST(media_keys_use_the_store),
    };
    return cmocka_run_group_tests_name("core/markdown", tests, NULL, NULL);
}
