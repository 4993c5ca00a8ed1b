/*
 * test_html.c: render/html.h's messages in the reader's language: a
 * translated sentence with its placeholders, numbers and dates in the
 * thread's style.
 */
#include "render/html.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/i18n.h"

#define FRAG(s) ((struct html_frag){(s), sizeof(s) - 1})

static void messages(void **state)
{
    (void)state;
    const struct html_frag link = FRAG("<a href=\"/t/x/u/3\">update 3</a>");
    const struct html_frag two[] = {FRAG("<b>A</b>"), FRAG("<i>B</i>")};
    const struct {
        const char *msg;
        const struct html_frag *args;
        size_t nargs;
        const char *want;
    } cases[] = {
        {"This corrects %s.", &link, 1,
         "This corrects <a href=\"/t/x/u/3\">update 3</a>."},
        {"این %s را اصلاح می‌کند.", &link, 1,
         "این <a href=\"/t/x/u/3\">update 3</a> را اصلاح "
         "می‌کند."},
        {"%s then %s", two, 2, "<b>A</b> then <i>B</i>"},
        {"%2$s before %1$s", two, 2, "<i>B</i> before <b>A</b>"},
        {"100%% & <sure>", NULL, 0, "100% &amp; &lt;sure&gt;"},
        {"a lone % sign", NULL, 0, "a lone % sign"},
        {"ends with %", NULL, 0, "ends with %"},
        {"missing %s and %3$s", two, 2, "missing <b>A</b> and "},
        {"", NULL, 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(256);
        html_msg(&b, cases[i].msg, cases[i].args, cases[i].nargs);
        CHECK_STR(cases[i].msg, buf_cstr(&b), cases[i].want);
        buf_release(&b);
    }
}

static void numbers_and_dates_in_style(void **state)
{
    (void)state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, i18n_init(VIGIL_LOCALEDIR, &err), 0);
    const struct vg_date d = {2019, 12, 28};
    struct buf b = BUF_INIT(256);
    html_number(&b, 1500);
    HTML_LIT(&b, " | ");
    html_date_long(&b, d);
    CHECK_STR("English outside a scope", buf_cstr(&b),
              "1,500 | 28 December 2019");
    buf_reset(&b);
    struct i18n_scope s = i18n_begin(i18n_lang_find("fa"), NULL);
    html_number(&b, 1500);
    HTML_LIT(&b, " | ");
    html_date_long(&b, d);
    HTML_LIT(&b, " | ");
    html_date_short(&b, d);
    i18n_end(s);
    CHECK_STR("Persian", buf_cstr(&b), "۱٬۵۰۰ | ۷ دی ۱۳۹۸ | ۷ دی");
    buf_reset(&b);
    html_date_long(&b, (struct vg_date){2019, 2, 30});
    CHECK_STR("a date that is not one: as stored", buf_cstr(&b), "2019-02-30");
    buf_release(&b);
}

/* Escaped by construction, also what no page may hold: a refused form
 * echoes the bytes it was sent. */
static void escapes(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(1 << 10);
    html_text(&b, "<b a='1'>&\"\tx\n");
    CHECK_STR("markup", buf_cstr(&b),
              "&lt;b a=&#39;1&#39;&gt;&amp;&quot;\tx\n");
    buf_reset(&b);
    html_text(&b, "<\x01x\xff\xc3(\x7f>");
    CHECK_STR("controls and bytes that are not UTF-8", buf_cstr(&b),
              "&lt;\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD(\xEF\xBF\xBD&gt;");
    buf_release(&b);
}

int test_render_html(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(messages),
        cmocka_unit_test(numbers_and_dates_in_style),
        cmocka_unit_test(escapes),
    };
    return cmocka_run_group_tests_name("render_html", tests, NULL, NULL);
}
