/*
 * test_feed.c: render/feed.h (Atom and JSON Feed) and the public trimming
 * of render/api.h's documents.
 *
 * Records are built in memory with hostile text (reference/security.md T7:
 * "<script>", "]]>", "&", quotes, U+2028 and a control character XML
 * forbids). Atom must stay well-formed XML: besides substring checks each
 * feed is written to a temporary file and checked with `xmllint --noout`
 * (Debian libxml2-utils). JSON must round-trip each field byte-exactly.
 */
#include "render/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "render/api.h"
#include "util/err.h"

/* Every dangerous thing at once: markup, CDATA end, entity, quotes, U+2028
 * (LINE SEPARATOR), and \x01, which XML 1.0 forbids outright. */
#define HOSTILE                                                        \
    "<script>alert(1)</script> ]]> AT&T \"dq\" 'sq' \xe2\x80\xa8 sep " \
    "\x01 ctl"
#define HOSTILE_BODY \
    "<p>Body &amp; more ]]> \xe2\x80\xa8 \x01</p>\n<script>alert(2)</script>"
#define HEAD   "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define CANARY "editor-login-canary"

static const struct site SITE = {"https://vigil.test", "/static/s.css",
                                 "/static/i.svg", NULL, NULL};

/* ==== Fixtures ==== */

static struct tracker tracker(const char *title)
{
    return (struct tracker){
        .id = 1,
        .slug = "iran-nov-2019",
        .title = title,
        .summary = "Summary & \"more\"",
        .started_on = {2019, 11, 15},
        .ended_on = {2019, 12, 28},
        .timezone = "Asia/Tehran",
        .status = TRACKER_ENDED,
        .country = "IR",
        .languages = "fa,en",
        .created_at = 1573776000, /* 2019-11-15T00:00:00Z */
    };
}

static struct update update(int64_t number, enum update_status status,
                            const char *title, const char *html)
{
    return (struct update){
        .id = number,
        .tracker_id = 1,
        .number = number,
        .rev_no = 1,
        .status = status,
        .title = title,
        .body_md = "md",
        .body_html = html,
        .author = CANARY,
        .reason = "create",
        .created_at = 1577520000 + number * 60, /* 2019-12-28T08:00Z + n */
        .revised_at = 1577520000 + number * 60,
        .published_at = status == UPDATE_DRAFT ? 0 : 1577520000 + number * 60,
    };
}

enum { NUPDATES = 4 };

/* Newest first, as the store lists them: a key event with a language, a
 * draft (never shown), a retracted update without a title, and the
 * hostile one (edited last). */
static void updates(struct update u[NUPDATES])
{
    u[0] = update(4, UPDATE_PUBLISHED, "Key moment", "<p>key</p>");
    u[0].key_event = true;
    u[0].lang = "en";
    u[1] = update(3, UPDATE_DRAFT, "Secret draft", "<p>draft</p>");
    u[2] = update(2, UPDATE_RETRACTED, "", "<p>wrong</p>");
    u[3] = update(1, UPDATE_PUBLISHED, HOSTILE, HOSTILE_BODY);
    u[3].rev_no = 2;
    u[3].revised_at = 1577534400; /* 2019-12-28T12:00:00Z */
}

/* ==== Helpers ==== */

static char *atom(const struct site *s, const struct tracker *t,
                  const struct update *u, size_t n, const char *head)
{
    struct buf b = BUF_INIT(1 << 22);
    render_atom(&b, s, t, u, n, NULL, 0, head);
    assert_false(b.failed);
    return buf_detach(&b);
}

static char *json_feed(const struct tracker *t, const struct update *u,
                       size_t n, const char *head)
{
    struct buf b = BUF_INIT(1 << 22);
    CHECK_CODE(NULL, render_json_feed(&b, &SITE, t, u, n, NULL, 0, head), 0);
    return buf_detach(&b);
}

/* Writes text to a new temporary file; returns its path (free() it). */
static char *temp_file(const char *text)
{
    char *path = strdup("/tmp/vigil-feed-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_true(write(fd, text, len) == (ssize_t)len);
    close(fd);
    return path;
}

/* Prints what xmllint said, and returns how many bytes it was. */
static long diagnostics(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    long n = 0;
    while (fgets(line, sizeof line, f)) {
        n += (long)strlen(line);
        print_error("xmllint: %s", line);
    }
    fclose(f);
    return n;
}

/*
 * Runs `xmllint --noout` on text. Returns its exit status, or 100 when it
 * exited 0 but reported something: xmllint counts namespace errors (an
 * undeclared prefix) only as diagnostics, and those must fail too.
 */
static int xmllint(const char *text)
{
    char *path = temp_file(text);
    char cmd[128], err[64];
    snprintf(err, sizeof err, "%s.err", path);
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s 2>%s", path, err);
    int status = system(cmd);
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (diagnostics(err) > 0 && rc == 0)
        rc = 100;
    unlink(err);
    unlink(path);
    free(path);
    return rc;
}

static size_t count(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &e);
    if (j == NULL)
        fail_msg("JSON does not parse: %s (line %d)", e.text, e.line);
    return j;
}

static const char *str_at(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (s == NULL)
        fail_msg("no string \"%s\"", key);
    return s;
}

/* ==== Atom ==== */

static void atom_has_what_rfc4287_requires(void **state)
{
    (void)state;
    struct tracker t = tracker("Iran protests");
    struct update u[NUPDATES];
    updates(u);
    char *x = atom(&SITE, &t, u, NUPDATES, HEAD);
    CHECK_HAS(NULL, x,
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
              "xmlns=\"http://www.w3.org/2005/Atom\"");
    CHECK_HAS(NULL, x, "xmlns:vigil=\"" FEED_NS "\" xml:lang=\"fa\">");
    CHECK_HAS(NULL, x, "<id>https://vigil.test/t/iran-nov-2019</id>");
    CHECK_HAS(NULL, x, "<title type=\"text\">Iran protests</title>");
    CHECK_HAS(NULL, x, "<subtitle>Summary &amp; &quot;more&quot;</subtitle>");
    /* the latest revision anywhere, not the newest update */
    CHECK_HAS(NULL, x, "<updated>2019-12-28T12:00:00Z</updated>\n<author>");
    CHECK_HAS(NULL, x, "<author><name>Vigil</name>");
    CHECK_HAS(NULL, x,
              "<link rel=\"self\" type=\"application/atom+xml\" "
              "href=\"https://vigil.test/t/iran-nov-2019/"
              "feed.atom\"/>");
    CHECK_HAS(NULL, x,
              "<link rel=\"alternate\" type=\"text/html\" "
              "href=\"https://vigil.test/t/iran-nov-2019\"/>");
    CHECK_HAS(NULL, x, "<vigil:chain-head>" HEAD "</vigil:chain-head>");
    CHECK_INT(NULL, count(x, "<entry"), 3);
    CHECK_HAS(NULL, x,
              "<entry xml:lang=\"en\">\n<id>https://vigil.test/t/"
              "iran-nov-2019/u/4</id>");
    CHECK_HAS(NULL, x, "<published>2019-12-28T08:04:00Z</published>");
    CHECK_HAS(NULL, x,
              "<link rel=\"alternate\" type=\"text/html\" "
              "href=\"https://vigil.test/t/iran-nov-2019/u/1\"/>");
    CHECK_HAS(NULL, x, "<category term=\"key-event\"");
    CHECK_HAS(NULL, x,
              "<content type=\"html\">&lt;p&gt;key&lt;/p&gt;</content>");
    CHECK_INT(NULL, xmllint(x), 0);
    free(x);
}

static void atom_escapes_hostile_text(void **state)
{
    (void)state;
    struct tracker t = tracker(HOSTILE);
    struct update u[NUPDATES];
    updates(u);
    char *x = atom(&SITE, &t, u, NUPDATES, HEAD);
    CHECK_LACKS(NULL, x, "<script");
    CHECK_LACKS(NULL, x, "]]>");
    CHECK_LACKS(NULL, x, "\x01");
    CHECK_LACKS(NULL, x, "\"dq\"");
    CHECK_HAS(NULL, x,
              "<title type=\"text\">&lt;script&gt;alert(1)&lt;/"
              "script&gt; ]]&gt; AT&amp;T &quot;dq&quot; &#39;sq"
              "&#39; \xe2\x80\xa8 sep  ctl</title>");
    /* the body's markup is text inside <content>, escaped once more */
    CHECK_HAS(NULL, x,
              "&lt;p&gt;Body &amp;amp; more ]]&gt; \xe2\x80\xa8 "
              "&lt;/p&gt;\n&lt;script&gt;alert(2)&lt;/script&gt;");
    CHECK_INT(NULL, xmllint(x), 0);
    free(x);
}

static void atom_escapes_the_base_url(void **state)
{
    (void)state;
    const struct site odd = {"https://vigil.test/a?b=1&c=\"<x>\"", NULL, NULL,
                             NULL, NULL};
    struct tracker t = tracker("T");
    struct update u[NUPDATES];
    updates(u);
    char *x = atom(&odd, &t, u, NUPDATES, HEAD);
    CHECK_HAS(NULL, x,
              "href=\"https://vigil.test/a?b=1&amp;c=&quot;&lt;x&gt;"
              "&quot;/t/iran-nov-2019/feed.atom\"");
    CHECK_INT(NULL, xmllint(x), 0);
    free(x);
}

static void atom_marks_retractions_and_skips_drafts(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    struct update u[NUPDATES];
    updates(u);
    char *x = atom(&SITE, &t, u, NUPDATES, HEAD);
    CHECK_HAS(NULL, x, "<title type=\"text\">Retracted: Update 2</title>");
    CHECK_HAS(NULL, x, "<vigil:status>retracted</vigil:status>");
    CHECK_HAS(NULL, x,
              "&lt;p class=&quot;notice&quot;&gt;This update was "
              "retracted.");
    CHECK_LACKS(NULL, x, "Secret draft");
    CHECK_LACKS(NULL, x, "/u/3<");
    CHECK_LACKS(NULL, x, CANARY);
    free(x);
}

static void atom_holds_at_most_50_entries(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    enum { MANY = FEED_UPDATES + 10 };
    struct update u[MANY];
    for (size_t i = 0; i < MANY; i++)
        u[i] = update(MANY - (int64_t)i, UPDATE_PUBLISHED, "", "<p>x</p>");
    char *x = atom(&SITE, &t, u, MANY, HEAD);
    CHECK_INT(NULL, count(x, "<entry>"), FEED_UPDATES);
    CHECK_HAS(NULL, x, "/u/60</id>");
    CHECK_LACKS(NULL, x, "/u/10</id>");
    CHECK_INT(NULL, xmllint(x), 0);
    free(x);
}

static void atom_without_updates_is_still_valid(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    t.languages = NULL;
    char *x = atom(&SITE, &t, NULL, 0, "");
    CHECK_HAS(NULL, x, "xml:lang=\"en\"");
    CHECK_HAS(NULL, x, "<updated>2019-11-15T00:00:00Z</updated>");
    CHECK_HAS(NULL, x, "<vigil:chain-head></vigil:chain-head>");
    CHECK_LACKS(NULL, x, "<entry");
    CHECK_INT(NULL, xmllint(x), 0);
    free(x);
}

static void atom_is_deterministic(void **state)
{
    (void)state;
    struct tracker t = tracker(HOSTILE);
    struct update u[NUPDATES];
    updates(u);
    char *a = atom(&SITE, &t, u, NUPDATES, HEAD);
    char *b = atom(&SITE, &t, u, NUPDATES, HEAD);
    CHECK_STR(NULL, a, b);
    free(a);
    free(b);
}

/* Claims for the withdrawal tests: 5 retracted (hostile reason), 6
 * corrected by 9, and 7 standing. */
static void withdrawn(struct claim c[4])
{
    for (int i = 0; i < 4; i++)
        c[i] = (struct claim){.number = 5 + i,
                              .metric_key = "killed",
                              .source_name = "Amnesty",
                              .qualifier = QUAL_AT_LEAST,
                              .low = 100 + i,
                              .high = -1,
                              .as_of = {2019, 12, 2},
                              .status = CLAIM_REPORTED};
    c[3].number = 9;
    c[0].status = c[1].status = CLAIM_RETRACTED;
    c[0].retraction = (struct retraction){HOSTILE, 1577527200, 0, CANARY,
                                          CANARY}; /* 10:00Z */
    c[1].retraction = (struct retraction){"Misread", 1577538000, 9, CANARY,
                                          CANARY}; /* 13:00Z */
    c[3].corrects = 6;
}

static void feeds_carry_withdrawals_and_corrections(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    struct update u[NUPDATES];
    struct claim c[4];
    updates(u);
    withdrawn(c);
    u[0].corrected_by = 7;
    struct buf b = BUF_INIT(1 << 22);
    render_atom(&b, &SITE, &t, u, NUPDATES, c, 4, HEAD);
    char *x = buf_detach(&b);
    CHECK_INT("three updates, two withdrawals", count(x, "<entry"), 5);
    CHECK_HAS("the newest first", x,
              "<updated>2019-12-28T13:00:00Z</updated>\n<author>");
    CHECK_HAS("a correction's entry", x,
              "<entry>\n<id>https://vigil.test/t/iran-nov-2019/tallies/"
              "killed#claim-6</id>\n<title type=\"text\">Figure corrected: "
              "killed: at least 101 (Amnesty), as of 2019-12-02</title>");
    CHECK_HAS("its reason and correction", x,
              "Corrected on 2019-12-28: Misread&lt;/p&gt;\n&lt;p&gt;Claim 6, "
              "killed: at least 101 (Amnesty), as of 2019-12-02. Corrected by "
              "claim 9, killed: at least 103 (Amnesty), as of 2019-12-02.");
    CHECK_HAS("a retraction's status", x,
              "<vigil:status>retracted</vigil:status>");
    CHECK_HAS("the corrected update's notice", x,
              "This update was corrected: &lt;a "
              "href=&quot;https://vigil.test/t/iran-nov-2019/u/7&quot;&gt;"
              "read the correction&lt;/a&gt;");
    CHECK_LACKS("no login", x, CANARY);
    CHECK_LACKS("escaped", x, "<script");
    CHECK_INT(NULL, xmllint(x), 0);
    /* Merged by time: 13:00 and 10:00, then update 4 (08:04). */
    const char *c6 = strstr(x, "#claim-6"), *c5 = strstr(x, "#claim-5"),
               *u4 = strstr(x, "/u/4</id>");
    CHECK_INT("in order", c6 && c5 && u4 && c6 < c5 && c5 < u4, 1);
    free(x);
    b = (struct buf)BUF_INIT(1 << 22);
    CHECK_CODE(NULL, render_json_feed(&b, &SITE, &t, u, NUPDATES, c, 4, HEAD),
               0);
    json_t *j = parse(buf_cstr(&b));
    json_t *item = json_array_get(json_object_get(j, "items"), 0);
    CHECK_STR(NULL, str_at(item, "id"),
              "https://vigil.test/t/iran-nov-2019/tallies/killed#claim-6");
    CHECK_INT(NULL,
              json_integer_value(
                  json_object_get(json_object_get(item, "_vigil"), "claim")),
              6);
    CHECK_HAS(NULL, str_at(item, "content_html"), "Misread");
    CHECK_LACKS("no login", buf_cstr(&b), CANARY);
    json_decref(j);
    buf_release(&b);
}

/* ==== JSON Feed ==== */

static void json_feed_has_what_1_1_requires(void **state)
{
    (void)state;
    struct tracker t = tracker("Iran protests");
    struct update u[NUPDATES];
    updates(u);
    char *text = json_feed(&t, u, NUPDATES, HEAD);
    json_t *j = parse(text);
    CHECK_STR(NULL, str_at(j, "version"), "https://jsonfeed.org/version/1.1");
    CHECK_STR(NULL, str_at(j, "title"), "Iran protests");
    CHECK_STR(NULL, str_at(j, "home_page_url"),
              "https://vigil.test/t/iran-nov-2019");
    CHECK_STR(NULL, str_at(j, "feed_url"),
              "https://vigil.test/t/iran-nov-2019/feed.json");
    CHECK_STR(NULL, str_at(j, "language"), "fa");
    CHECK_STR(NULL, str_at(json_object_get(j, "_vigil"), "chain_head"), HEAD);
    json_t *items = json_object_get(j, "items");
    CHECK_INT(NULL, json_array_size(items), 3);
    static const char *const keys[] = {
        "id",           "url", "title", "content_html", "date_published",
        "date_modified"};
    for (size_t i = 0; i < json_array_size(items); i++)
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            str_at(json_array_get(items, i), keys[k]);
    json_t *first = json_array_get(items, 0);
    CHECK_STR(NULL, str_at(first, "id"),
              "https://vigil.test/t/iran-nov-2019/u/4");
    CHECK_STR(NULL, str_at(first, "date_published"), "2019-12-28T08:04:00Z");
    CHECK_STR(NULL, str_at(first, "language"), "en");
    CHECK_STR(NULL, str_at(json_array_get(items, 1), "title"),
              "Retracted: Update 2");
    CHECK_LACKS(NULL, text, "Secret draft");
    CHECK_LACKS(NULL, text, CANARY);
    json_decref(j);
    free(text);
}

static void json_feed_round_trips_hostile_text(void **state)
{
    (void)state;
    struct tracker t = tracker(HOSTILE);
    struct update u[NUPDATES];
    updates(u);
    char *text = json_feed(&t, u, NUPDATES, HEAD);
    json_t *j = parse(text);
    CHECK_STR(NULL, str_at(j, "title"), HOSTILE);
    json_t *item = json_array_get(json_object_get(j, "items"), 2);
    CHECK_STR(NULL, str_at(item, "title"), HOSTILE);
    CHECK_STR(NULL, str_at(item, "content_html"), HOSTILE_BODY);
    CHECK_STR(NULL, str_at(item, "date_modified"), "2019-12-28T12:00:00Z");
    json_decref(j);
    free(text);
}

static void json_feed_refuses_invalid_utf8(void **state)
{
    (void)state;
    struct tracker t = tracker("bad \xff byte");
    struct buf b = BUF_INIT(1 << 20);
    CHECK_CODE(NULL, render_json_feed(&b, &SITE, &t, NULL, 0, NULL, 0, HEAD),
               VG_EINVAL);
    CHECK_INT(NULL, b.len, 0);
    buf_release(&b);
}

static void json_feed_without_chain_has_null_head(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    char *text = json_feed(&t, NULL, 0, "");
    json_t *j = parse(text);
    assert_true(json_is_null(
        json_object_get(json_object_get(j, "_vigil"), "chain_head")));
    CHECK_INT(NULL, json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    free(text);
}

static void json_feed_is_deterministic(void **state)
{
    (void)state;
    struct tracker t = tracker(HOSTILE);
    struct update u[NUPDATES];
    updates(u);
    char *a = json_feed(&t, u, NUPDATES, HEAD);
    char *b = json_feed(&t, u, NUPDATES, HEAD);
    CHECK_STR(NULL, a, b);
    free(a);
    free(b);
}

/* ==== API documents: no editor logins (render/api.h) ==== */

static void api_updates_hide_the_author(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    struct update u[NUPDATES];
    updates(u);
    struct buf b = BUF_INIT(1 << 20);
    CHECK_CODE(NULL, render_api_updates(&b, &SITE, &t, u, NUPDATES), 0);
    json_t *j = parse(buf_cstr(&b));
    json_t *first = json_array_get(json_object_get(j, "updates"), 0);
    assert_null(json_object_get(first, "author"));
    CHECK_STR(NULL, str_at(first, "url"),
              "https://vigil.test/t/iran-nov-2019/u/4");
    CHECK_STR(NULL, str_at(first, "body_html"), "<p>key</p>");
    CHECK_LACKS(NULL, buf_cstr(&b), CANARY);
    json_decref(j);
    buf_release(&b);
}

static void api_update_leaves_out_draft_revisions(void **state)
{
    (void)state;
    struct tracker t = tracker("T");
    struct update revs[2] = {
        update(1, UPDATE_DRAFT, "Draft wording", "<p>d</p>"),
        update(1, UPDATE_PUBLISHED, "Published", "<p>p</p>"),
    };
    revs[1].rev_no = 2;
    struct buf b = BUF_INIT(1 << 20);
    CHECK_CODE(NULL, render_api_update(&b, &SITE, &t, &revs[1], revs, 2), 0);
    json_t *j = parse(buf_cstr(&b));
    CHECK_INT(NULL, json_array_size(json_object_get(j, "revisions")), 1);
    CHECK_LACKS(NULL, buf_cstr(&b), "Draft wording");
    CHECK_LACKS(NULL, buf_cstr(&b), CANARY);
    json_decref(j);
    buf_release(&b);
}

static void api_claims_hide_the_recorder(void **state)
{
    (void)state;
    struct claim c = {
        .number = 7,
        .qualifier = QUAL_AT_LEAST,
        .low = 304,
        .high = -1,
        .as_of = {2019, 12, 16},
        .quote = HOSTILE,
        .status = CLAIM_REPORTED,
        .recorded_by = CANARY,
        .recorded_at = 1576500000,
        .metric_key = "killed",
        .source_slug = "amnesty",
        .source_name = "Amnesty International",
    };
    struct buf b = BUF_INIT(1 << 20);
    CHECK_CODE(NULL, render_api_claims(&b, &c, 1), 0);
    json_t *j = parse(buf_cstr(&b));
    json_t *first = json_array_get(json_object_get(j, "claims"), 0);
    assert_null(json_object_get(first, "recorded_by"));
    CHECK_STR(NULL, str_at(first, "figure"), "at least 304");
    CHECK_STR(NULL, str_at(first, "quote"), HOSTILE);
    CHECK_LACKS(NULL, buf_cstr(&b), CANARY);
    json_decref(j);
    buf_release(&b);
}

int test_render_feed(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(atom_has_what_rfc4287_requires),
        cmocka_unit_test(atom_escapes_hostile_text),
        cmocka_unit_test(atom_escapes_the_base_url),
        cmocka_unit_test(atom_marks_retractions_and_skips_drafts),
        cmocka_unit_test(atom_holds_at_most_50_entries),
        cmocka_unit_test(atom_without_updates_is_still_valid),
        cmocka_unit_test(atom_is_deterministic),
        cmocka_unit_test(feeds_carry_withdrawals_and_corrections),
        cmocka_unit_test(json_feed_has_what_1_1_requires),
        cmocka_unit_test(json_feed_round_trips_hostile_text),
        cmocka_unit_test(json_feed_refuses_invalid_utf8),
        cmocka_unit_test(json_feed_without_chain_has_null_head),
        cmocka_unit_test(json_feed_is_deterministic),
        cmocka_unit_test(api_updates_hide_the_author),
        cmocka_unit_test(api_update_leaves_out_draft_revisions),
        cmocka_unit_test(api_claims_hide_the_recorder),
    };
    return cmocka_run_group_tests_name("render/feed", tests, NULL, NULL);
}
