/*
 * test_platforms.c: core/platforms.h, the recogniser of pasted links to
 * posts and videos.
 *
 * Each platform's accepted shapes, with the canonical URL, handle and id
 * expected; then refusals, each naming the field given.
 */
#include "core/platforms.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

struct accept_case {
    const char *in;
    enum platform platform;
    const char *url, *handle, *id;
};

static void accepts_each_platform(void **state)
{
    (void)state;
    static const struct accept_case cases[] = {
        {"https://twitter.com/AmnestyIran/status/1197080302338203648?s=20",
         PLATFORM_X, "https://x.com/AmnestyIran/status/1197080302338203648",
         "@AmnestyIran", "1197080302338203648"},
        {"https://x.com/i/web/status/42", PLATFORM_X,
         "https://x.com/i/web/status/42", "", "42"},
        {"HTTPS://Mobile.Twitter.com/a_b/status/7/photo/1", PLATFORM_X,
         "https://x.com/a_b/status/7", "@a_b", "7"},
        {"https://t.me/bbcpersian/123456", PLATFORM_TELEGRAM,
         "https://t.me/bbcpersian/123456", "bbcpersian", "123456"},
        {"https://t.me/s/bbcpersian/9", PLATFORM_TELEGRAM,
         "https://t.me/bbcpersian/9", "bbcpersian", "9"},
        {"https://www.instagram.com/p/CxYz123AbC/?igsh=abc", PLATFORM_INSTAGRAM,
         "https://www.instagram.com/p/CxYz123AbC/", "", "CxYz123AbC"},
        {"https://instagram.com/someone/reel/Cabcdef/", PLATFORM_INSTAGRAM,
         "https://www.instagram.com/reel/Cabcdef/", "", "Cabcdef"},
        {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", PLATFORM_YOUTUBE,
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "", "dQw4w9WgXcQ"},
        {"https://youtu.be/dQw4w9WgXcQ?si=xyz", PLATFORM_YOUTUBE,
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "", "dQw4w9WgXcQ"},
        {"https://m.youtube.com/shorts/dQw4w9WgXcQ", PLATFORM_YOUTUBE,
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "", "dQw4w9WgXcQ"},
        {"https://www.facebook.com/bbcnews/posts/pfbid0abcDEF123",
         PLATFORM_FACEBOOK,
         "https://www.facebook.com/bbcnews/posts/pfbid0abcDEF123", "bbcnews",
         "pfbid0abcDEF123"},
        {"https://m.facebook.com/watch/?v=123456789", PLATFORM_FACEBOOK,
         "https://www.facebook.com/watch/?v=123456789", "", "123456789"},
        {"https://www.tiktok.com/@some.user/video/7301234567890123456?lang=en",
         PLATFORM_TIKTOK,
         "https://www.tiktok.com/@some.user/video/7301234567890123456",
         "@some.user", "7301234567890123456"},
        {"https://mastodon.social/@Gargron/111111111111111111",
         PLATFORM_MASTODON,
         "https://mastodon.social/@Gargron/111111111111111111",
         "@Gargron@mastodon.social", "111111111111111111"},
        {"https://bsky.app/profile/hrw.org/post/3kxyzabcdefgh",
         PLATFORM_BLUESKY,
         "https://bsky.app/profile/hrw.org/post/3kxyzabcdefgh", "@hrw.org",
         "3kxyzabcdefgh"},
        {"https://video.newsroom.example/2019/11/protest.mp4#t=10",
         PLATFORM_VIDEO, "https://video.newsroom.example/2019/11/protest.mp4",
         "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct accept_case *c = &cases[i];
        struct post_ref r;
        struct vg_err err = VG_ERR_INIT;
        int rc = platform_recognise("embed", c->in, strlen(c->in), &r, &err);
        CHECK_CODE(c->in, rc, 0);
        CHECK_STR(c->in, platform_key(r.platform), platform_key(c->platform));
        CHECK_STR(c->in, r.url, c->url);
        CHECK_STR(c->in, r.handle, c->handle);
        CHECK_STR(c->in, r.id, c->id);
        /* The canonical URL is recognised as itself. */
        struct post_ref again;
        rc = platform_recognise("embed", r.url, strlen(r.url), &again, &err);
        CHECK_CODE(c->in, rc, 0);
        CHECK_STR(c->in, again.url, r.url);
    }
}

struct refuse_case {
    const char *in;
    const char *msg_has;
};

static void refuses_hostile_and_unknown(void **state)
{
    (void)state;
    static const struct refuse_case cases[] = {
        {"http://x.com/a/status/1", "https://"},
        {"javascript:alert(1)//https://x.com/a/status/1", "https://"},
        {"data:text/html,<script>alert(1)</script>", "https://"},
        {"https://x.com/a/status/1\"onmouseover=\"alert(1)", "byte"},
        {"https://x.com/a/status/1'x", "byte"},
        {"https://x.com/a/status/<script>", "byte"},
        {"https://x.com/a/status/1 x", "byte"},
        {"https://x.com\\@evil.example/a", "byte"},
        {"https://user@x.com/a/status/1", "host"},
        {"https://x.com:8443/a/status/1", "host"},
        {"https://127.0.0.1/video.mp4", "address"},
        {"https://localhost/video.mp4", "host"},
        {"https://[::1]/video.mp4", "byte"},
        {"https://x.com/home", "X link"},
        {"https://twitter.com/AmnestyIran", "X link"},
        {"https://t.me/c/123456/7", "Telegram link"},
        {"https://www.youtube.com/watch?v=short", "YouTube link"},
        {"https://www.youtube.com/@channel", "YouTube link"},
        {"https://www.instagram.com/someone/", "Instagram link"},
        {"https://www.facebook.com/", "Facebook link"},
        {"https://www.tiktok.com/@u", "TikTok link"},
        {"https://bsky.app/profile/hrw.org", "Bluesky link"},
        {"https://vm.tiktok.com/ZMabcdef/", "TikTok link"},
        {"https://evil.x.com/@a/1", "X link"},
        {"https://news.example/", "front page"},
        {"https://news.example/a/../b", "dot"},
        {"https://news.example//a", "empty"},
        {"https://news.example/%zz", "hex"},
        {"https://", "host"},
        {"https://-bad.example/x", "begins"},
        {"https://x.com/a/status/1\x01", "byte"},
        {"https://x.com/a/status/1\xc3\xa9", "byte"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct refuse_case *c = &cases[i];
        struct post_ref r;
        struct vg_err err = VG_ERR_INIT;
        int rc = platform_recognise("embed", c->in, strlen(c->in), &r, &err);
        CHECK_CODE(c->in, rc, VG_EINVAL);
        CHECK_STR(c->in, err.field, "embed");
        CHECK_HAS(c->in, err.msg, c->msg_has);
    }
}

static void refuses_nul_and_length(void **state)
{
    (void)state;
    static const char nul[] = "https://x.com/a/status/1\0/evil";
    struct post_ref r;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("nul",
               platform_recognise("embed", nul, sizeof nul - 1, &r, &err),
               VG_EINVAL);
    char big[POST_URL_MAX + 2];
    memset(big, 'a', sizeof big);
    memcpy(big, "https://news.example/", 21);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("long", platform_recognise("embed", big, sizeof big, &r, &err),
               VG_ELIMIT);
}

static void names_round_trip(void **state)
{
    (void)state;
    for (int p = 0; p < PLATFORM_COUNT; p++)
        CHECK_INT(platform_key((enum platform)p),
                  platform_by_key(platform_key((enum platform)p)), p);
    CHECK_INT("unknown", platform_by_key("myspace"), PLATFORM_COUNT);
    CHECK_INT("youtube", platform_is_video(PLATFORM_YOUTUBE), 1);
    CHECK_INT("x", platform_is_video(PLATFORM_X), 0);
}

int test_core_platforms(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_each_platform),
        cmocka_unit_test(refuses_hostile_and_unknown),
        cmocka_unit_test(refuses_nul_and_length),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests_name("core/platforms", tests, NULL, NULL);
}
