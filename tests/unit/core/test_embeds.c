/*
 * test_embeds.c: core/embeds.h, checking what an editor types about a
 * post from elsewhere or a video (nothing here touches a store).
 */
#include "core/embeds.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/arena.h"

enum { NOW = 1577534400 }; /* 2019-12-28T12:00:00Z */

/* Prepares in (link and author filled in when not given); returns the
 * code, with *e and *err filled. */
static int prepare(struct arena *a, struct embed_input in, struct embed *e,
                   struct vg_err *err)
{
    struct op op = {NULL, a, "tester", NOW, ROLE_EDITOR};
    if (in.url == NULL)
        in.url = "https://youtu.be/dQw4w9WgXcQ";
    if (in.author == NULL)
        in.author = "A witness";
    *err = (struct vg_err)VG_ERR_INIT;
    return embed_prepare(&op, &in, e, err);
}

static void reads_durations(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t seconds; /* 0: refused */
    } cases[] = {
        {"95", 95},        {"1:35", 95},     {"1:02:03", 3723}, {"0:59", 59},
        {"600:00", 36000}, {"1:75", 0},      {"1:2", 0},        {"0", 0},
        {"1:02:03:04", 0}, {"a", 0},         {"-5", 0},         {"1:", 0},
        {":30", 0},        {"168:00:01", 0}, {"99999999", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a = ARENA_INIT;
        struct embed e;
        struct vg_err err;
        int rc = prepare(&a, (struct embed_input){.duration = cases[i].in}, &e,
                         &err);
        CHECK_CODE(cases[i].in, rc, cases[i].seconds ? 0 : VG_EINVAL);
        if (rc == 0)
            CHECK_INT(cases[i].in, e.duration_s, cases[i].seconds);
        else
            CHECK_STR(cases[i].in, err.field, "embed_duration");
        arena_release(&a);
    }
}

static void checks_each_field(void **state)
{
    (void)state;
    struct arena a = ARENA_INIT;
    struct embed e;
    struct vg_err err;
    static const char hex[] =
        "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    CHECK_CODE("still",
               prepare(&a, (struct embed_input){.still = hex}, &e, &err), 0);
    CHECK_STR(
        "still kept lowercase", e.still,
        "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    CHECK_CODE("video without text", err.code, 0);
    CHECK_STR("canonical", e.url,
              "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    CHECK_INT("captured now", e.captured_at, NOW);
    static const struct {
        struct embed_input in;
        const char *field;
    } bad[] = {
        {{.still = "abc"}, "embed_still"},
        {{.still = "g123456789abcdef0123456789abcdef0123456789abcdef0123456789a"
                   "bcdef"},
         "embed_still"},
        {{.url = "https://t.me/channel_x/5"}, "embed_text"},
        {{.author = ""}, "embed_author"},
        {{.author = "a\nb"}, "embed_author"},
        {{.date = "2019-02-30"}, "embed_date"},
        {{.captured = "2030-01-01T00:00:00Z"}, "embed_captured"},
        {{.captured = "yesterday"}, "embed_captured"},
        {{.source = "a\x01"}, "embed_source"},
        {{.url = "ftp://x.com/a/status/1"}, "embed"},
        {{.url = ""}, "embed"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_CODE(bad[i].field, prepare(&a, bad[i].in, &e, &err), VG_EINVAL);
        CHECK_STR(bad[i].field, err.field, bad[i].field);
    }
    CHECK_CODE("a post with its text",
               prepare(&a,
                       (struct embed_input){.url = "https://t.me/channel_x/5",
                                            .text = "Words",
                                            .date = "2019-11-19",
                                            .captured = "2019-11-20T08:00:00Z"},
                       &e, &err),
               0);
    CHECK_STR("platform", e.platform, "telegram");
    CHECK_STR("handle", e.handle, "channel_x");
    CHECK_INT("posted on", e.posted_on.day, 19);
    CHECK_INT("captured", e.captured_at, 1574236800);
    arena_release(&a);
}

static void formats_durations(void **state)
{
    (void)state;
    struct buf out = BUF_INIT(16);
    embed_duration_append(&out, 95);
    CHECK_STR("95", buf_cstr(&out), "1:35");
    buf_reset(&out);
    embed_duration_append(&out, 3723);
    CHECK_STR("3723", buf_cstr(&out), "1:02:03");
    buf_release(&out);
}

int test_core_embeds(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_durations),
        cmocka_unit_test(checks_each_field),
        cmocka_unit_test(formats_durations),
    };
    return cmocka_run_group_tests_name("core/embeds", tests, NULL, NULL);
}
