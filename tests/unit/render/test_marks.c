/*
 * test_marks.c: render/marks.h, highlighted spans of an extracted text.
 *
 * Each case renders a text with spans given as byte offsets and compares
 * the markup: escaping, spans widened to whole UTF-8 characters, spans
 * cut at the end of the text, and overlapping spans that never nest or
 * cross.
 */
#include "render/marks.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../check.h"

/* Renders text with spans (class "m", no title); returns the markup,
 * lent until the next call. */
static const char *marked(const char *text, struct mark_span *s, size_t n)
{
    static struct buf b = BUF_INIT(1 << 16);
    buf_reset(&b);
    for (size_t i = 0; i < n; i++)
        s[i].cls = "m";
    html_marked(&b, text, strlen(text), s, n);
    return buf_cstr(&b);
}

static void marks_escape_text_and_title(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(4096);
    const char *text = "<script>alert(\"x\")</script> & 12 killed";
    struct mark_span s = {30, 9, "m", "a \"title\" <b>"};
    html_marked(&b, text, strlen(text), &s, 1);
    CHECK_STR(NULL, buf_cstr(&b),
              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
              "<mark class=\"m\" title=\"a &quot;title&quot; "
              "&lt;b&gt;\">12 killed</mark>");
    buf_release(&b);
}

static void marks_never_split_a_character(void **state)
{
    (void)state;
    /* "تهران" is 10 bytes; a span from byte 1 to 3 lies inside its first
     * two characters and widens to both. */
    struct mark_span s[] = {{1, 2, NULL, NULL}};
    CHECK_STR(
        "inside", marked("\xd8\xaa\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86", s, 1),
        "<mark class=\"m\">\xd8\xaa\xd9\x87</mark>\xd8\xb1\xd8\xa7\xd9\x86");
    struct mark_span e[] = {{3, 1, NULL, NULL}};
    CHECK_STR("one continuation byte",
              marked("a\xe2\x80\x8f"
                     "b",
                     e, 1),
              "a<mark class=\"m\">\xe2\x80\x8f</mark>b");
}

static void marks_are_cut_at_the_end(void **state)
{
    (void)state;
    struct mark_span s[] = {
        {4, 100, NULL, NULL}, {50, 3, NULL, NULL}, {2, SIZE_MAX, NULL, NULL}};
    CHECK_STR(NULL, marked("Day 44", s, 3), "Da<mark class=\"m\">y 44</mark>");
}

static void overlaps_never_nest_or_cross(void **state)
{
    (void)state;
    /* "over 1500 killed": [0,9) and [5,16) overlap, [5,9) lies inside the
     * first; the second keeps only " killed". */
    struct mark_span s[] = {
        {5, 11, NULL, NULL}, {0, 9, NULL, NULL}, {5, 4, NULL, NULL}};
    CHECK_STR(NULL, marked("over 1500 killed", s, 3),
              "<mark class=\"m\">over 1500</mark><mark class=\"m\"> "
              "killed</mark>");
    struct mark_span same[] = {{0, 4, NULL, NULL}, {0, 9, NULL, NULL}};
    CHECK_STR("same start: the longer wins",
              marked("over 1500 killed", same, 2),
              "<mark class=\"m\">over 1500</mark> killed");
}

static void no_spans_is_the_text(void **state)
{
    (void)state;
    CHECK_STR(NULL, marked("a 'b'", NULL, 0), "a &#39;b&#39;");
}

int test_render_marks(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(marks_escape_text_and_title),
        cmocka_unit_test(marks_never_split_a_character),
        cmocka_unit_test(marks_are_cut_at_the_end),
        cmocka_unit_test(overlaps_never_nest_or_cross),
        cmocka_unit_test(no_spans_is_the_text),
    };
    return cmocka_run_group_tests_name("render/marks", tests, NULL, NULL);
}
