/*
 * test_desk_extract.c: render/desk_extract.h, the extraction page.
 *
 * The extraction is built by hand, not by the extractor: one tally per
 * reason a source or an as-of date can have, each pointing at its words
 * in one text, so the page is tested apart from the extractor's rules.
 * One source's name is hostile markup. Tests render the page and look for
 * (or rule out) pieces of the markup.
 */
#include "render/desk_extract.h"

#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "extract/extract.h"

#define HOSTILE "<script>alert(1)</script>"

static const char text[] =
    "LONDON (Reuters) - Amnesty International said 20 people were killed. "
    "The group said 45 people were injured on Tuesday. "
    "Officials said 12 protesters were detained as of 4 March. "
    "Four were hurt. " HOSTILE " said 3 were killed. "
    "Police said 9 were killed.";

static const struct site site = {"https://example.org", "/style.css",
                                 "/icon.svg", NULL, NULL};

static const struct tracker tracker = {
    .id = 1,
    .slug = "iran",
    .title = "Iran",
    .started_on = {2024, 3, 1},
    .timezone = "UTC",
    .languages = "en",
};

static const struct metric metrics[] = {
    {1, 1, "killed", "Killed", 1},
    {2, 1, "injured", "Injured", 2},
};

static const struct source sources[] = {
    {.id = 10, .slug = "amnesty", .name = "Amnesty International"},
};

/* The span of the first `words` in the text. */
static struct ex_span at(const char *words)
{
    const char *p = strstr(text, words);
    assert_non_null(p);
    return (struct ex_span){(size_t)(p - text), strlen(words)};
}

/* A tally of `figure` with its source and as-of and their reasons. */
static struct ex_tally tally(const char *figure, const char *source,
                             enum ex_source_why sw, const char *swords,
                             struct vg_date as_of, enum ex_as_of_why aw,
                             const char *awords)
{
    return (struct ex_tally){
        .at = at(figure),
        .metric = EX_KILLED,
        .qualifier = EX_EXACT,
        .low = 1,
        .high = -1,
        .source = source,
        .as_of = as_of,
        .source_why = sw,
        .source_words = swords ? at(swords) : (struct ex_span){0, 0},
        .as_of_why = aw,
        .as_of_words = awords ? at(awords) : (struct ex_span){0, 0},
    };
}

static const struct vg_date none = {0, 0, 0};

/* What a test rendered; teardown frees it, so a failed check (which does
 * not return) leaks nothing. */
struct out {
    struct buf page;
    struct ex_tally t[6];
    struct extraction x;
};

static int setup(void **state)
{
    struct out *o = calloc(1, sizeof *o);
    o->page = (struct buf)BUF_INIT(1 << 20);
    o->t[0] = tally("20 people were killed", "Amnesty International",
                    EX_SOURCE_SENTENCE, "Amnesty International said", none,
                    EX_AS_OF_PUBLISHED, NULL);
    o->t[1] =
        tally("45 people were injured", "Amnesty International",
              EX_SOURCE_EARLIER, "The group said", (struct vg_date){2024, 3, 5},
              EX_AS_OF_STATEMENT, "on Tuesday");
    o->t[2] = tally("12 protesters were detained", NULL, EX_SOURCE_UNCERTAIN,
                    "Officials said", (struct vg_date){2024, 3, 4},
                    EX_AS_OF_EXPLICIT, "as of 4 March");
    o->t[3] = tally("Four were hurt", "Reuters", EX_SOURCE_DOCUMENT,
                    "(Reuters)", none, EX_AS_OF_PUBLISHED, NULL);
    o->t[4] = tally("3 were killed", HOSTILE, EX_SOURCE_SENTENCE,
                    HOSTILE " said", none, EX_AS_OF_PUBLISHED, NULL);
    o->t[5] = tally("9 were killed", NULL, EX_SOURCE_NONE, NULL, none,
                    EX_AS_OF_PUBLISHED, NULL);
    o->x = (struct extraction){
        .published = {2024, 3, 7}, .tallies = o->t, .ntallies = 6};
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    struct out *o = *state;
    buf_release(&o->page);
    free(o);
    return 0;
}

/* The page of o's extraction, the form holding `published`. */
static const char *page(struct out *o, const char *published)
{
    static const struct desk desk = {
        .site = &site, .login = "desk", .roles = ROLE_EDITOR, .csrf = "token"};
    struct extract_form f = {text, sizeof text - 1, published,
                             "https://example.org/a", &o->x};
    buf_reset(&o->page);
    render_desk_extract(&o->page, &desk, &tracker, &f, metrics, 2, sources, 1);
    assert_false(o->page.failed);
    return buf_cstr(&o->page);
}

/* The list item of the figure whose words are `figure`, from its <li> to
 * the next, copied into out[0..size). */
static const char *item(const char *page, const char *figure, char *out,
                        size_t size)
{
    char want[128];
    snprintf(want, sizeof want, "<li class=\"proposal\"><q dir=\"auto\">%s",
             figure);
    const char *p = strstr(page, want);
    assert_non_null(p);
    const char *end = strstr(p + 1, "<li class=\"proposal\">");
    size_t n = end ? (size_t)(end - p) : strlen(p);
    assert_true(n < size);
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

enum { ITEM_MAX = 16 << 10 };

/* ==== Sources ==== */

static void sentence_quotes_the_attribution(void **state)
{
    char li[ITEM_MAX];
    const char *p =
        item(page(*state, "2024-03-07"), "20 people", li, sizeof li);
    CHECK_HAS("sentence", p,
              "source: <bdi>Amnesty International</bdi> — the figure&#39;s own "
              "sentence attributes it: <q dir=\"auto\">Amnesty International "
              "said</q>");
}

static void earlier_names_the_words_that_refer_back(void **state)
{
    char li[ITEM_MAX];
    const char *p =
        item(page(*state, "2024-03-07"), "45 people", li, sizeof li);
    CHECK_HAS("earlier", p,
              "source: <bdi>Amnesty International</bdi> — <q dir=\"auto\">The "
              "group said</q> refers back to the body named earlier");
}

static void document_source_is_the_texts_own(void **state)
{
    char li[ITEM_MAX];
    const char *p =
        item(page(*state, "2024-03-07"), "Four were", li, sizeof li);
    CHECK_HAS("document", p,
              "source: <bdi>Reuters</bdi> — the text&#39;s own source, from "
              "<q dir=\"auto\">(Reuters)</q>");
}

static void uncertain_proposes_no_source(void **state)
{
    char li[ITEM_MAX];
    const char *p =
        item(page(*state, "2024-03-07"), "12 protesters", li, sizeof li);
    CHECK_HAS("uncertain", p,
              "no source proposed: <q dir=\"auto\">Officials said</q> names "
              "no one");
    CHECK_LACKS("no new source", p, "name=\"new_source\"");
}

static void none_says_nothing_attributes(void **state)
{
    char li[ITEM_MAX];
    const char *p = item(page(*state, "2024-03-07"), "9 were", li, sizeof li);
    CHECK_HAS("none", p,
              "no source proposed: nothing in the text attributes the figure");
}

static void hostile_source_and_words_are_escaped(void **state)
{
    const char *all = page(*state, "2024-03-07");
    char li[ITEM_MAX];
    const char *p = item(all, "3 were", li, sizeof li);
    CHECK_HAS("name", p,
              "source: <bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi> — "
              "the figure&#39;s own sentence attributes it: <q dir=\"auto\">"
              "&lt;script&gt;alert(1)&lt;/script&gt; said</q>");
    CHECK_LACKS("no script", all, "<script>alert");
}

/* A source without reasons (an extractor that kept none) is still shown
 * with the one it had: the sentence's. */
static void source_without_words_has_a_reason(void **state)
{
    struct out *o = *state;
    o->t[3].source_words = (struct ex_span){0, 0};
    o->t[3].source_why = EX_SOURCE_NONE;
    char li[ITEM_MAX];
    const char *p = item(page(o, "2024-03-07"), "Four were", li, sizeof li);
    CHECK_HAS(
        "bare", p,
        "source: <bdi>Reuters</bdi> — named in the figure&#39;s sentence");
}

/* ==== As-of dates ==== */

static void as_of_reasons_and_words(void **state)
{
    const char *all = page(*state, "2024-03-07");
    char li[ITEM_MAX];
    CHECK_HAS("statement", item(all, "45 people", li, sizeof li),
              "as of 5 March 2024 — the day of the statement, from "
              "<q dir=\"auto\">on Tuesday</q>");
    CHECK_HAS("explicit", item(all, "12 protesters", li, sizeof li),
              "as of 4 March 2024 — from <q dir=\"auto\">as of 4 March</q>");
    CHECK_HAS("published", item(all, "20 people", li, sizeof li),
              "as of the report&#39;s date, 7 March 2024");
    CHECK_LACKS("no notice", all, "no-published");
}

/* Without a publication date: no as-of date, and the page asks for it. */
static void no_publication_date_is_asked_for(void **state)
{
    struct out *o = *state;
    o->x.published = none;
    for (size_t i = 0; i < o->x.ntallies; i++)
        if (o->t[i].as_of_why != EX_AS_OF_EXPLICIT) {
            o->t[i].as_of = none;
            o->t[i].as_of_why = EX_AS_OF_NONE;
            o->t[i].as_of_words = (struct ex_span){0, 0};
        }
    const char *all = page(o, "");
    char li[ITEM_MAX];
    CHECK_HAS("none", item(all, "20 people", li, sizeof li),
              "no as-of date: the text has no publication date");
    CHECK_HAS("explicit kept", item(all, "12 protesters", li, sizeof li),
              "as of 4 March 2024 — from <q dir=\"auto\">as of 4 March</q>");
    CHECK_HAS("notice", all,
              "<div class=\"notice\" role=\"alert\" id=\"no-published\">");
    CHECK_HAS("why", all, "This text has no publication date.");
    CHECK_HAS("field", all,
              "<input type=\"date\" name=\"published\" value=\"\" "
              "id=\"published\" aria-describedby=\"no-published\"");
    /* The notice comes before the results. */
    CHECK_INT("notice first",
              strstr(all, "no-published") < strstr(all, "class=\"extract\""),
              1);
}

/* A date opening a line of the text's head is proposed: the notice
 * quotes it and the field holds it, for the editor to confirm. */
static void dateline_is_proposed(void **state)
{
    struct out *o = *state;
    o->x.published = none;
    o->x.dateline = (struct ex_date){at("4 March"), {2024, 3, 4}, {2024, 3, 4}};
    const char *all = page(o, "");
    CHECK_HAS(
        "notice", all,
        "<p id=\"dateline\">Its head is dated <q dir=\"auto\">4 March</q>, so "
        "4 March 2024 is filled in below: if it was published then, find "
        "the proposals again.</p>");
    CHECK_HAS("field", all,
              "<input type=\"date\" name=\"published\" value=\"2024-03-04\" "
              "id=\"published\" aria-describedby=\"no-published\"");
    /* the date the editor typed wins over the head's */
    all = page(o, "2024-03-01");
    CHECK_HAS("typed", all, "name=\"published\" value=\"2024-03-01\"");
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int test_render_desk_extract(void)
{
    const struct CMUnitTest tests[] = {
        TEST(sentence_quotes_the_attribution),
        TEST(earlier_names_the_words_that_refer_back),
        TEST(document_source_is_the_texts_own),
        TEST(uncertain_proposes_no_source),
        TEST(none_says_nothing_attributes),
        TEST(hostile_source_and_words_are_escaped),
        TEST(source_without_words_has_a_reason),
        TEST(as_of_reasons_and_words),
        TEST(no_publication_date_is_asked_for),
        TEST(dateline_is_proposed),
    };
    return cmocka_run_group_tests_name("render/desk_extract", tests, NULL,
                                       NULL);
}
