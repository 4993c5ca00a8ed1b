/*
 * test_extract.c: src/extract, rule by rule, as tables: one sentence and
 * what must come of it. The corpus (tests/extract/cases, scored by
 * tests/extract/score) measures the rules on real texts; these pin the
 * forms DESIGN §7 and issue 7 name, one each, so that a change that
 * breaks one says which. Places use the checked-in data/gazetteer/test.tsv
 * (the unit tests run from the repository's root).
 */
#include "extract/extract.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../check.h"
#include "geo/gazetteer.h"

static const struct vg_date published = {2019, 12, 28}; /* a Saturday */

/* Extracts text with no gazetteer; fails the test on an error. */
static void run(const char *text, struct extraction *x)
{
    struct extract_opts o = {.published = published};
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(text, extract_text(text, strlen(text), &o, x, &err), 0);
}

/* ==== Tallies ==== */

static const struct tally_case {
    const char *text;
    const char *metric, *qualifier; /* NULL metric: no tally at all */
    long long low, high;            /* high -1: none */
    const char *source;             /* NULL: none */
} tallies[] = {
    {"Security forces killed 12,000 people.", "killed", "exact", 12000, -1,
     NULL},
    {"Police detained 1.5 million people.", "detained", "exact", 1500000, -1,
     NULL},
    {"Some 26million people marched.", "participants", "about", 26000000, -1,
     NULL},
    {"At least 1,5 million protesters rallied.", "participants", "at_least",
     1500000, -1, NULL},
    {"Twelve protesters were killed.", "killed", "exact", 12, -1, NULL},
    {"Three hundred and sixty-one (361) people were injured.", "injured",
     "exact", 361, -1, NULL},
    {"Between 100,000-150,000 people marched.", "participants", "range", 100000,
     150000, NULL},
    {"Estimates ranged from 15 million to 26 million protesters.",
     "participants", "range", 15000000, 26000000, NULL},
    {"Dozens of people were arrested.", "detained", "range", 24, 99, NULL},
    /* a people counted */
    {"Thousands of Mozambicans marched on Monday.", "participants", "range",
     2000, 9999, NULL},
    /* people as the police count them, coordinated */
    {"A few dozens of offenders and troublemakers were detained.", "detained",
     "range", 24, 99, NULL},
    {"Many hundreds of students gathered.", "participants", "range", 200, 999,
     NULL},
    {"Tens of thousands of people took to the streets.", "participants",
     "range", 20000, 99999, NULL},
    {"Hundreds of thousands of people marched.", "participants", "range",
     200000, 999999, NULL},
    {"Several people were injured.", NULL, NULL, 0, 0, NULL},
    {"A handful of protesters were arrested.", NULL, NULL, 0, 0, NULL},
    {"300+ people were detained.", "detained", "at_least", 300, -1, NULL},
    {"No less than 40 were killed.", "killed", "at_least", 40, -1, NULL},
    {"The toll exceeded 200.", "killed", "more_than", 200, -1, NULL},
    {"As many as 2,000 were arrested.", "detained", "up_to", 2000, -1, NULL},
    {"Nearly 500 people were wounded.", "injured", "up_to", 500, -1, NULL},
    {"Almost 300 were arrested.", "detained", "up_to", 300, -1, NULL},
    {"An estimated 500 people were wounded.", "injured", "about", 500, -1,
     NULL},
    {"The group had earlier estimated 208 deaths.", "killed", "exact", 208, -1,
     NULL},
    {"Protests spread to 191 cities.", "localities", "exact", 191, -1, NULL},
    {"The MEK has so far identified 601 of the martyrs by name.",
     "identified_victims", "exact", 601, -1, "MEK"},
    {"According to Amnesty International, 304 people were killed.", "killed",
     "exact", 304, -1, "Amnesty International"},
    {"At least 106 were killed, Amnesty said.", "killed", "at_least", 106, -1,
     "Amnesty"},
    {"Five protesters were killed, officials said.", "killed", "exact", 5, -1,
     NULL},
    {"Five protesters were killed, police said.", "killed", "exact", 5, -1,
     "police"},
    {"Police arrested 40 people, according to organisers.", "detained", "exact",
     40, -1, "organisers"},
    /* Metrics by meaning, not by the noun that counts the people. */
    {"Doctors said at least 27 demonstrators had been treated in hospital.",
     "injured", "at_least", 27, -1, NULL},
    {"One protester was shot in the chest and later died.", "killed", "exact",
     1, -1, NULL},
    {"Hundreds of people were rounded up, Amnesty International said.",
     "detained", "range", 200, 999, "Amnesty International"},
    /* People counted doing nothing a metric counts: no tally. */
    {"Lawyers said dozens had reported beatings in custody.", NULL, NULL, 0, 0,
     NULL},
    {"Security forces fatally shot at least five people.", "killed", "at_least",
     5, -1, NULL},
    {"The death toll surpasses 50.", "killed", "more_than", 50, -1, NULL},
    {"Doctors treated 45 people for gunshot wounds.", "injured", "exact", 45,
     -1, NULL},
    {"Forty people were beaten by police.", "injured", "exact", 40, -1, NULL},
    {"Rescuers found 40 bodies in the river.", "killed", "exact", 40, -1, NULL},
    {"Nine people lost their lives.", "killed", "exact", 9, -1, NULL},
    {"More than 90 people were taken into custody.", "detained", "more_than",
     90, -1, NULL},
    {"The commission received 300 complaints of abuse.", NULL, NULL, 0, 0,
     NULL},
    {"There were over 50 reports of torture.", NULL, NULL, 0, 0, NULL},
    /* A projection or a threat is no count. */
    {"Authorities said 5,000 people would be arrested if the protests "
     "continued.",
     NULL, NULL, 0, 0, NULL},
    {"The 18-day strike cost $5 million, 80 percent more.", NULL, NULL, 0, 0,
     NULL},
    {"A 23-year-old man aged 23 was shot at 10:30 in 2019.", NULL, NULL, 0, 0,
     NULL},
};

static void tallies_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof tallies / sizeof *tallies; i++) {
        const struct tally_case *c = &tallies[i];
        struct extraction x;
        run(c->text, &x);
        CHECK_INT(c->text, x.ntallies, c->metric ? 1 : 0);
        if (c->metric && x.ntallies == 1) {
            const struct ex_tally *t = &x.tallies[0];
            CHECK_STR(c->text, ex_metric_name(t->metric), c->metric);
            CHECK_STR(c->text, ex_qualifier_name(t->qualifier), c->qualifier);
            CHECK_INT(c->text, t->low, c->low);
            CHECK_INT(c->text, t->high, c->high);
            CHECK_STR(c->text, t->source, c->source);
            /* The proposal points at its words. */
            CHECK_INT(c->text, t->at.off + t->at.len <= strlen(c->text), 1);
        }
        extraction_free(&x);
    }
}

/* ==== Attribution and as-of ==== */

/* Whose figure it is and as of when, as a coder reads it (attribution.c;
 * tests/extract/README.md, "Attribution and as-of"). */
static const struct attribution_case {
    const char *text, *figure; /* the tally whose words start with figure */
    const char *source, *source_why, *source_words; /* NULL: none */
    const char *as_of, *as_of_why, *as_of_words;
} attributions[] = {
    /* A body's own release: its unattributed figures are its own. */
    {"(Washington, DC) – Police have killed protesters since April, Human "
     "Rights Watch said today. Thousands of people took to the streets in "
     "dozens of cities.",
     "Thousands", "Human Rights Watch", "document",
     "Human Rights Watch said today", "2019-12-28", "published", NULL},
    /* A release's byline, alone on a line of its head. */
    {"Thailand: activists arrested\n\n20 August 2020\n\nAmnesty "
     "International\n\nThousands of people will not be scared away.",
     "Thousands", "Amnesty International", "document", "Amnesty International",
     "2019-12-28", "published", NULL},
    /* A release speaking of itself after a head of lines with no stop,
     * which are not its opening sentences. */
    {"Update on the protests\n\n1 July 2024\nNairobi\npress "
     "release\n\nToday marks two weeks of "
     "protests. The Kenya National Commission on Human Rights (KNCHR) has "
     "been monitoring them. It is in touch with families. Its monitors are "
     "in every county. This is the fourth report that we are issuing. "
     "Thirty-nine (39) people have died.",
     "Thirty-nine", "KNCHR", "document", "we", "2019-12-28", "published", NULL},
    /* A body in a title-case headline, which a release's "we" refers
     * to; a photo's credit is no body speaking. */
    {"Comment by UN Human Rights Office Spokesperson Marta Hurtado on "
     "Peru\n\n10 January 2023\n\nA demonstrator. \u00A9 REUTERS/Hugo "
     "Courotto\n\nWe are very concerned. Since 7 December, 40 people have "
     "died.",
     "40 people", "UN Human Rights Office", "document", "We", "2019-12-28",
     "published", NULL},
    {"Statement on Peru\n\nA demonstrator. \u00A9 REUTERS/Hugo "
     "Courotto\n\nWe are very concerned. Since 7 December, 40 people have "
     "died.",
     "40 people", NULL, "none", NULL, "2019-12-28", "published", NULL},
    /* A figure said twice is the speaker's who gives it, not the
     * document's default where it came first. */
    {"Ministry: 46, not 108, killed in sit-in dispersal\nKHARTOUM (Reuters) "
     "- The Central Committee of Sudanese Doctors said 108 people were "
     "killed.",
     "108", "Central Committee of Sudanese Doctors", "sentence",
     "Central Committee of Sudanese Doctors said", "2019-12-28", "published",
     NULL},
    /* An agency's tag in the dateline. */
    {"LONDON (Reuters) - At least 20 people were killed in the capital.",
     "At least 20", "Reuters", "document", "(Reuters)", "2019-12-28",
     "published", NULL},
    /* A name set off after a role speaks for the body; after anything
     * else it is the speaker's own, not the place before it. */
    {"U.N. Human Rights Office spokesperson, Ravina Shamdasani, said at "
     "least 11 people were killed.",
     "at least 11", "Human Rights Office", "sentence",
     "Human Rights Office spokesperson, Ravina Shamdasani, said", "2019-12-28",
     "published", NULL},
    {"The head of Peru's National Police in Lima, Victor Sanabria, told "
     "reporters that nearly 12,000 police officers were deployed.",
     "nearly 12,000", "Victor Sanabria", "sentence", "Victor Sanabria, told",
     "2019-12-28", "published", NULL},
    /* A nearer speaker wins over the document's source. */
    {"LONDON (Reuters) - Police said 30 people were arrested.", "30 people",
     "Police", "sentence", "Police said", "2019-12-28", "published", NULL},
    /* A name before a role set off by commas is the speaker; "he said"
     * after it is that person, and after a body no one in particular. */
    {"Serik Shalabayev, head of the criminal prosecution service in the "
     "general prosecutor's office, said 19 police officers were among the "
     "dead, news reports said.",
     "19 police", "Serik Shalabayev", "sentence",
     "Serik Shalabayev, head of the criminal prosecution service in the "
     "general prosecutor's office, said",
     "2019-12-28", "published", NULL},
    {"Serik Shalabayev, head of the prosecution service, said 19 police "
     "officers died. More than 4,300 people were injured, he said.",
     "More than 4,300", "Serik Shalabayev", "earlier", "he said", "2019-12-28",
     "published", NULL},
    {"Amnesty International said 10 people died. More than 40 people were "
     "injured, he said.",
     "More than 40", NULL, "uncertain", "he said", "2019-12-28", "published",
     NULL},
    /* Dotted initials name a body. */
    {"Security forces have killed scores, and the U.N. has put the death "
     "toll at 149 since the coup.",
     "149", "U.N.", "sentence", "U.N. has put", "2019-12-28", "published",
     NULL},
    /* Coreference: the body named before, of the kind described. */
    {"Amnesty International published its report on Monday. The "
     "London-based rights group said 304 people were killed.",
     "304", "Amnesty International", "earlier",
     "The London-based rights group said", "2019-12-28", "published", NULL},
    {"The Health Ministry gave no figures. Later, the ministry said 46 "
     "people had died.",
     "46", "Health Ministry", "earlier", "the ministry said", "2019-12-28",
     "published", NULL},
    /* A link opening the text has no word before it (found by fuzzing:
     * the name's walk back read the token before the first). */
    {"-Amnesty International published figures. The group said 30 people "
     "were killed.",
     "30", "Amnesty International", "earlier", "The group said", "2019-12-28",
     "published", NULL},
    {"HRANA published new figures. It said 18,000 people had been arrested.",
     "18,000", "HRANA", "earlier", "It said", "2019-12-28", "published", NULL},
    /* Described, but nothing of its kind named before: no guess. */
    {"The committee said 12 protesters were detained.", "12", NULL, "uncertain",
     "The committee said", "2019-12-28", "published", NULL},
    /* No one in particular: no source, and the words say why. */
    {"Officials said 12 protesters were detained.", "12", NULL, "uncertain",
     "Officials said", "2019-12-28", "published", NULL},
    {"At least 9 people were killed, witnesses told reporters.", "At least 9",
     NULL, "uncertain", "witnesses told", "2019-12-28", "published", NULL},
    /* Reported speech in any position. */
    {"The agency counted 40 deaths, citing the Kenya National Commission on "
     "Human Rights.",
     "40 deaths", "Kenya National Commission on Human Rights", "sentence",
     "citing the Kenya National Commission on Human Rights", "2019-12-28",
     "published", NULL},
    {"Police arrested 40 people, according to organisers.", "arrested",
     "organisers", "sentence", "according to organisers", "2019-12-28",
     "published", NULL},
    /* As-of: the date the figure is given as of, resolved. */
    {"1,300 people had been detained as of Tuesday, Amnesty said.", "1,300",
     "Amnesty", "sentence", "Amnesty said", "2019-12-24", "explicit",
     "as of Tuesday"},
    /* "as of" after a figure holds for that one; before, for all unless
     * it trails a figure of its own. */
    {"Amnesty said the crackdown has led to at least 212 deaths, 1,337 "
     "persons wounded as of June 19, and 507 persons detained as of June 6.",
     "at least 212", "Amnesty", "sentence", "Amnesty said", "2019-12-28",
     "published", NULL},
    {"Amnesty said the crackdown has led to at least 212 deaths, 1,337 "
     "persons wounded as of June 19, and 507 persons detained as of June 6.",
     "1,337", "Amnesty", "sentence", "Amnesty said", "2019-06-19", "explicit",
     "as of June 19"},
    {"Amnesty said the crackdown has led to at least 212 deaths, 1,337 "
     "persons wounded as of June 19, and 507 persons detained as of June 6.",
     "507", "Amnesty", "sentence", "Amnesty said", "2019-06-06", "explicit",
     "as of June 6"},
    {"As of Tuesday, 1,300 people had been detained and 40 killed, Amnesty "
     "said.",
     "40", "Amnesty", "sentence", "Amnesty said", "2019-12-24", "explicit",
     "As of Tuesday"},
    /* The day of the statement. */
    {"Amnesty said on Thursday that 106 protesters were killed.", "106",
     "Amnesty", "sentence", "Amnesty said", "2019-12-26", "statement",
     "Thursday"},
    /* A period's first day is not the figure's date. */
    {"Since 17 September, at least 300 people have been killed, HRANA said.",
     "at least 300", "HRANA", "sentence", "HRANA said", "2019-12-28",
     "published", NULL},
    /* ...nor is a day a "since" after the figure leads to. */
    {"The toll rose to 117 since police broke up the sit-in on Monday, "
     "Amnesty said.",
     "117", "Amnesty", "sentence", "Amnesty said", "2019-12-28", "published",
     NULL},
    {"ارتفع عدد القتلى إلى 117 منذ فض الاعتصام الاثنين الماضي.", "117", NULL,
     "none", NULL, "2019-12-28", "published", NULL},
    /* "and Monday", not "and the two". */
    {"والاثنين الماضي، أعلنت قوى المعارضة عن مقتل 35 شخصاً على الأقل.",
     "مقتل 35", "قوى المعارضة", "sentence", "أعلنت قوى المعارضة", "2019-12-23",
     "statement", "والاثنين الماضي"},
    /* Persian and Arabic: the body named before, from its noun with the
     * article; an outlet's tag opening the text. */
    {"أعلنت لجنة أطباء السودان المركزية ارتفاع عدد الضحايا. وقالت اللجنة إن "
     "10 قتلى سقطوا برصاص الأمن.",
     "10 قتلى", "لجنة أطباء السودان المركزية", "earlier", "وقالت اللجنة",
     "2019-12-28", "published", NULL},
    {"رادیو فردا : تبریز یکی از ۹۰ شهر ایران بود که اعتراضات در آنها شکل "
     "گرفت.",
     "۹۰ شهر", "رادیو فردا", "document", "رادیو فردا :", "2019-12-28",
     "published", NULL},
    {"به گفته یک منبع آگاه بیش از 200 نفر بازداشت شدند.", "بیش از 200", NULL,
     "uncertain", "به گفته یک", "2019-12-28", "published", NULL},
    /* "the media", written with its ZWNJ: no one in particular, where the
     * list's form kept the ZWNJ the matching form drops, and the source
     * was "رسانه‌ها بیش" (the media more). */
    {"به گزارش رسانه‌ها بیش از 200 نفر بازداشت "
     "شدند.",
     "بیش از 200", NULL, "uncertain",
     "به گزارش رسانه‌ها بیش", "2019-12-28", "published",
     NULL},
    /* A news story's unattributed figure names no source. */
    {"Thousands of people marched in the capital on Friday.", "Thousands", NULL,
     "none", NULL, "2019-12-27", "statement", "Friday"},
};

/* The span's words, or NULL for an empty span, in a scratch buffer. */
static const char *span_words(const char *text, struct ex_span at, char *out,
                              size_t cap)
{
    if (at.len == 0)
        return NULL;
    assert_true(at.off + at.len <= strlen(text) && at.len < cap);
    memcpy(out, text + at.off, at.len);
    out[at.len] = '\0';
    return out;
}

static void attribution_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof attributions / sizeof *attributions; i++) {
        const struct attribution_case *c = &attributions[i];
        struct extraction x;
        run(c->text, &x);
        const struct ex_tally *t = NULL;
        for (size_t k = 0; k < x.ntallies; k++)
            if (strncmp(c->text + x.tallies[k].at.off, c->figure,
                        strlen(c->figure)) == 0)
                t = &x.tallies[k];
        CHECK_INT(c->text, t != NULL, 1);
        if (t) {
            char words[256], day[DATE_LEN + 1] = "";
            CHECK_STR(c->text, t->source, c->source);
            CHECK_STR(c->text, ex_source_why_name(t->source_why),
                      c->source_why);
            CHECK_STR(c->text,
                      span_words(c->text, t->source_words, words, sizeof words),
                      c->source_words);
            if (t->as_of.year)
                date_format(t->as_of, day);
            CHECK_STR(c->text, t->as_of.year ? day : NULL, c->as_of);
            CHECK_STR(c->text, ex_as_of_why_name(t->as_of_why), c->as_of_why);
            CHECK_STR(c->text,
                      span_words(c->text, t->as_of_words, words, sizeof words),
                      c->as_of_words);
        }
        extraction_free(&x);
    }
}

/* Without a publication date nothing relative is guessed: no day counter,
 * no "on Tuesday", and a figure's as-of only when the text dates it. */
static void undated_text(void **state)
{
    (void)state;
    const char *text = "Day 44 of the protests. On Tuesday police said 20 "
                       "people were arrested. The group said 300 were "
                       "killed as of 3 December 2019.";
    struct extract_opts o = {0};
    struct extraction x;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(text, extract_text(text, strlen(text), &o, &x, &err), 0);
    CHECK_INT(text, x.published.year, 0);
    CHECK_INT(text, x.counter.day, 0);
    CHECK_INT(text, x.ndates, 1); /* "3 December 2019" only */
    CHECK_INT(text, x.ntallies, 2);
    if (x.ntallies == 2) {
        CHECK_INT(text, x.tallies[0].as_of.year, 0);
        CHECK_STR(text, ex_as_of_why_name(x.tallies[0].as_of_why), "none");
        CHECK_INT(text, x.tallies[1].as_of.day, 3);
        CHECK_STR(text, ex_as_of_why_name(x.tallies[1].as_of_why), "explicit");
    }
    extraction_free(&x);
}

/* A text without a publication date whose head opens a line with a
 * whole day proposes it, without using it. */
static const struct dateline_case {
    const char *text;
    const char *date, *words; /* NULL: none */
} datelines[] = {
    {"Update on the protests\n\n1 July 2024\nKenya National Commission on "
     "Human Rights (Nairobi)\n\nOn Tuesday 39 people died.",
     "2024-07-01", "1 July 2024"},
    {"Sudan MOH: 46 killed\n\nJune 6, 2019 at 10:31 am | Published in: "
     "Africa\nThe ministry said 46 people died.",
     "2019-06-06", "June 6, 2019"},
    /* a date inside a line is the text's, not its head's */
    {"Statement\n\nOn 1 July 2024 police killed 39 people.", NULL, NULL},
    /* past the head's four lines */
    {"a\nb\nc\nd\n1 July 2024\nPolice killed 39 people.", NULL, NULL},
    /* relative: nothing to resolve it by */
    {"Statement\nTuesday\nPolice killed 39 people.", NULL, NULL},
};

static void dateline_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof datelines / sizeof *datelines; i++) {
        const struct dateline_case *c = &datelines[i];
        struct extract_opts o = {0};
        struct extraction x;
        struct vg_err err = VG_ERR_INIT;
        char day[DATE_LEN + 1] = "", words[64];
        CHECK_CODE(c->text,
                   extract_text(c->text, strlen(c->text), &o, &x, &err), 0);
        if (x.dateline.at.len)
            date_format(x.dateline.start, day);
        CHECK_STR(c->text, x.dateline.at.len ? day : NULL, c->date);
        CHECK_STR(c->text,
                  span_words(c->text, x.dateline.at, words, sizeof words),
                  c->words);
        CHECK_INT(c->text, x.published.year, 0); /* proposed, not used */
        extraction_free(&x);
        /* given a publication date, none is proposed */
        run(c->text, &x);
        CHECK_INT(c->text, x.dateline.at.len, 0);
        extraction_free(&x);
    }
}

/* ==== Dates and day counters ==== */

static const struct date_case {
    const char *text;
    const char *start, *end; /* NULL start: no date */
} dates[] = {
    {"It happened on 28 December 2019.", "2019-12-28", "2019-12-28"},
    {"Saturday, December 28 marks it.", "2019-12-28", "2019-12-28"},
    {"They rallied on Thursday.", "2019-12-26", "2019-12-26"},
    {"They will march on Monday.", "2019-12-30", "2019-12-30"},
    {"It began yesterday.", "2019-12-27", "2019-12-27"},
    {"It began last week.", "2019-12-16", "2019-12-22"},
    {"It began this week.", "2019-12-23", "2019-12-29"},
    {"It began last month.", "2019-11-01", "2019-11-30"},
    {"It began in November.", "2019-11-01", "2019-11-30"},
    {"From December 24 to December 26, 2019, they marched.", "2019-12-24",
     "2019-12-26"},
    {"It lasted 24-26 December.", "2019-12-24", "2019-12-26"},
    {"It started on 3 March.", "2019-03-03", "2019-03-03"},
    {"It was on 2019-06-03.", "2019-06-03", "2019-06-03"},
    {"In 2019 an 18-day strike began at 10:30.", NULL, NULL},
    {"You may go.", NULL, NULL},
};

static void dates_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        const struct date_case *c = &dates[i];
        struct extraction x;
        run(c->text, &x);
        CHECK_INT(c->text, x.ndates, c->start ? 1 : 0);
        if (c->start && x.ndates == 1) {
            char s[DATE_LEN + 1], e[DATE_LEN + 1];
            date_format(x.dates[0].start, s);
            date_format(x.dates[0].end, e);
            CHECK_STR(c->text, s, c->start);
            CHECK_STR(c->text, e, c->end);
        }
        extraction_free(&x);
    }
}

static const struct counter_case {
    const char *text;
    long day;
    const char *start;
} counters[] = {
    {"Day 44 of the protests", 44, "2019-11-15"},
    {"It is the 44th day since the protests began.", 44, "2019-11-15"},
    {"Protesters marched for the fourth night.", 4, "2019-12-25"},
    {"In the first 10 days, hundreds died.", 10, "2019-12-19"},
    /* The length of a period the text names: no counter. */
    {"Martyrs of the first 18 days of the uprising were remembered.", 0, NULL},
    {"It is the forty-fourth day.", 44, "2019-11-15"},
    {"Monday, December 23 was the ninth night.", 9, "2019-12-15"},
    /* Counted from the night it names, not from the publication date. */
    {"Protesters took to the streets for the eighth consecutive night on "
     "Thursday.",
     8, "2019-12-19"},
};

static void counters_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
        const struct counter_case *c = &counters[i];
        struct extraction x;
        run(c->text, &x);
        char s[DATE_LEN + 1];
        date_format(x.counter.start, s);
        CHECK_INT(c->text, x.counter.day, c->day);
        if (c->start)
            CHECK_STR(c->text, s, c->start);
        extraction_free(&x);
    }
}

/* ==== Places ==== */

static const struct place_case {
    const char *text;
    const char *name, *country; /* NULL name: no place */
} places[] = {
    {"Protesters gathered in Tehran's main square.", "Tehran", "IR"},
    {"They rallied at Place de Trocadero.", "Place du Trocadéro", "FR"},
    {"Hundreds marched in Paris.", "Paris", "FR"}, /* the most populous */
    {"Youths torched banners in Soufian.", "Şūfīān", "IR"},
    {"TEHRAN (Reuters) - Officials spoke.", NULL, NULL},
    {"The People's Mojahedin Organization of Iran spoke.", NULL, NULL},
    {"France condemned the crackdown.", NULL, NULL},
    {"Iran's government denied it.", NULL, NULL},
    {"Police deployed across the Yangon region.", NULL, NULL},
    /* The subset's gazetteer names Iraq, but it has no outline there: a
     * country with no point is left out, whichever list names it. */
    {"Pompeo warned of harm in Iraq.", NULL, NULL},
    /* A currency, not the country. */
    {"The government pledged US$5 million to the victims.", NULL, NULL},
};

static void places_table(void **state)
{
    (void)state;
    struct gazetteer *g;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(NULL, gazetteer_open("data/gazetteer/test.tsv", &g, &err), 0);
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        const struct place_case *c = &places[i];
        struct extract_opts o = {.published = published, .gaz = g};
        struct extraction x;
        CHECK_CODE(c->text,
                   extract_text(c->text, strlen(c->text), &o, &x, &err), 0);
        CHECK_INT(c->text, x.nplaces, c->name ? 1 : 0);
        if (c->name && x.nplaces == 1) {
            CHECK_STR(c->text, x.places[0].name, c->name);
            CHECK_STR(c->text, x.places[0].country, c->country);
        }
        extraction_free(&x);
    }
    gazetteer_free(g);
}

/* ==== Persian and Arabic ==== */

/* One proposal of a Persian or Arabic sentence, with the exact words it
 * must point at: their byte offset is where `span` is in the text. */
static const struct rtl_case {
    const char *text;
    char kind;        /* 't' tally, 'd' date, 'c' day counter */
    const char *span; /* the proposal's words */
    const char *metric, *qualifier, *source; /* tallies */
    long long low, high;
    const char *start, *end; /* dates; counters: start */
    long day;                /* counters */
} rtl[] = {
    /* Digits, separators, qualifiers, metrics, sources */
    {"به گزارش خبرگزاری هرانا، دست‌کم ۳۰۴ "
     "نفر "
     "کشته "
     "شدند.",
     't', "دست‌کم ۳۰۴ نفر کشته", "killed", "at_least",
     "خبرگزاری هرانا", 304, -1, .day = 0},
    {"بیش از ۱۲٬۰۰۰ نفر بازداشت شده‌اند.", 't',
     "بیش از ۱۲٬۰۰۰ نفر بازداشت", "detained", "more_than", NULL, 12000, -1,
     .day = 0},
    {"حدود ۱٫۵ میلیون نفر تظاهرات کردند.", 't', "حدود ۱٫۵ میلیون نفر",
     "participants", "about", NULL, 1500000, -1, .day = 0},
    {"۲۰ نفر زخمی شدند.", 't', "۲۰ نفر زخمی", "injured", "exact", NULL, 20, -1,
     .day = 0},
    {"ده‌ها نفر مجروح شدند.", 't',
     "ده‌ها نفر مجروح", "injured", "range", NULL, 24, 99,
     .day = 0},
    /* "until today, 29 dead": a figure to date, not day 29 */
    {"وبلغت الحصيلة حتى اليوم 29 قتيلا.", 't', "29 قتيلا", "killed", "exact",
     NULL, 29, -1, .day = 0},
    /* the article written apart: a day of the month, no count */
    {"وبلغت حصيلة قتلى الاحتجاجات التي اندلعت في ال 19 من الشهر الماضي 29 "
     "قتيلا.",
     't', "29 قتيلا", "killed", "exact", NULL, 29, -1, .day = 0},
    /* a people counted, holding a sit-in */
    {"وكان آلاف السودانيين يعتصمون أمام مقر قيادة الجيش.", 't',
     "آلاف السودانيين", "participants", "range", NULL, 2000, 9999, .day = 0},
    /* a dual: two protesters */
    {"قتل متظاهران في الخرطوم.", 't', "قتل متظاهران", "killed", "exact", NULL,
     2, -1, .day = 0},
    {"صدها نفر دستگیر شدند.", 't', "صدها نفر دستگیر", "detained", "range", NULL,
     200, 999, .day = 0},
    /* "tens" and "hundreds" written with a space: not 10 and 100 */
    {"ده ها تن بازداشت شدند.", 't', "ده ها تن بازداشت", "detained", "range",
     NULL, 24, 99, .day = 0},
    {"صد ها نفر دستگیر شدند.", 't', "صد ها نفر دستگیر", "detained", "range",
     NULL, 200, 999, .day = 0},
    {"سیصد و شصت و یک نفر کشته شدند.", 't', "سیصد و شصت و یک نفر کشته",
     "killed", "exact", NULL, 361, -1, .day = 0},
    {"عفو بین‌الملل اعلام کرد که ۱۴۳ نفر جان "
     "باختند.",
     't', "۱۴۳ نفر جان", "killed", "exact", "عفو بین‌الملل", 143,
     -1, .day = 0},
    {"دستکم ۳۱۴ شهروند کشته شده‌اند.", 't',
     "دستکم ۳۱۴ شهروند کشته", "killed", "at_least", NULL, 314, -1, .day = 0},
    {"قتل أكثر من ٣٠٠ شخص في الاحتجاجات.", 't', "قتل أكثر من ٣٠٠ شخص", "killed",
     "more_than", NULL, 300, -1, .day = 0},
    {"وفقا لمفوضية حقوق الإنسان، أصيب ما لا يقل عن 135 متظاهرا.", 't',
     "أصيب ما لا يقل عن 135 متظاهرا", "injured", "at_least",
     "مفوضية حقوق الإنسان", 135, -1, .day = 0},
    /* "medical sources said": no one in particular, no source */
    {"قالت مصادر طبية إن عشرات المتظاهرين جرحوا.", 't',
     "عشرات المتظاهرين جرحوا", "injured", "range", NULL, 24, 99, .day = 0},
    {"وأصيب نحو ثلاثة آلاف شخص.", 't', "وأصيب نحو ثلاثة آلاف شخص", "injured",
     "about", NULL, 3000, -1, .day = 0},
    {"سقط خمسة وعشرون قتيلا.", 't', "خمسة وعشرون قتيلا", "killed", "exact",
     NULL, 25, -1, .day = 0},
    {"اعتقال حوالي ٢٠٠ شخص.", 't', "اعتقال حوالي ٢٠٠ شخص", "detained", "about",
     NULL, 200, -1, .day = 0},
    {"إن 143 متظاهرا على الأقل قتلوا.", 't', "143 متظاهرا على الأقل قتلوا",
     "killed", "at_least", NULL, 143, -1, .day = 0},
    {"قالت الوزارة إن عددهم لا يتجاوز 61 قتيلا.", 't', "لا يتجاوز 61 قتيلا",
     "killed", "up_to", "الوزارة", 61, -1, .day = 0},
    /* Dates, against publication on Saturday 28 December 2019 */
    {"اعتراضات در ۷ دی ۱۳۹۸ ادامه یافت.", 'd', "۷ دی ۱۳۹۸",
     .start = "2019-12-28", .end = "2019-12-28"},
    {"اعتراضات از ۲۴ آبان آغاز شد.", 'd', "۲۴ آبان", .start = "2019-11-15",
     .end = "2019-11-15"},
    {"در آبان ۱۳۹۸ اعتراض شد.", 'd', "آبان ۱۳۹۸", .start = "2019-10-23",
     .end = "2019-11-21"},
    {"این حادثه در ۲۸ دسامبر ۲۰۱۹ رخ داد.", 'd', "۲۸ دسامبر ۲۰۱۹",
     .start = "2019-12-28", .end = "2019-12-28"},
    {"معترضان پنجشنبه گذشته تجمع کردند.", 'd', "پنجشنبه گذشته",
     .start = "2019-12-26", .end = "2019-12-26"},
    {"سه شنبه ۱۷ آبان ماه ۱۴۰۱ اعتراض شد.", 'd', "سه شنبه ۱۷ آبان ماه ۱۴۰۱",
     .start = "2022-11-08", .end = "2022-11-08"},
    {"در اعتراضات هفته گذشته", 'd', "هفته گذشته", .start = "2019-12-16",
     .end = "2019-12-22"},
    {"قتل 5 في الشهر الماضي.", 'd', "الشهر الماضي", .start = "2019-11-01",
     .end = "2019-11-30"},
    {"در آبان ۹۸ اعتراض شد.", 'd', "آبان ۹۸", .start = "2019-10-23",
     .end = "2019-11-21"},
    {"تاریخ: ۱۳۹۶-۱۰-۱۴", 'd', "۱۳۹۶-۱۰-۱۴", .start = "2018-01-04",
     .end = "2018-01-04"},
    {"أصيب في 28 أكتوبر /تشرين الأول الحالي.", 'd', "28 أكتوبر /تشرين الأول",
     .start = "2019-10-28", .end = "2019-10-28"},
    {"روز گذشته تظاهرات شد.", 'd', "روز گذشته", .start = "2019-12-27",
     .end = "2019-12-27"},
    {"طی دو ماه گذشته تظاهرات شد.", 'd', .span = NULL},
    {"دیروز تظاهرات شد.", 'd', "دیروز", .start = "2019-12-27",
     .end = "2019-12-27"},
    {"بدأت الاحتجاجات في 1 تشرين الأول 2019.", 'd', "1 تشرين الأول 2019",
     .start = "2019-10-01", .end = "2019-10-01"},
    {"وقعت المواجهات في ٢٥ كانون الثاني ٢٠١٩.", 'd', "٢٥ كانون الثاني ٢٠١٩",
     .start = "2019-01-25", .end = "2019-01-25"},
    {"تظاهروا في 3 يونيو.", 'd', "3 يونيو", .start = "2019-06-03",
     .end = "2019-06-03"},
    {"تظاهر الآلاف الخميس الماضي.", 'd', "الخميس الماضي", .start = "2019-12-26",
     .end = "2019-12-26"},
    {"قتل متظاهر أمس.", 'd', "أمس", .start = "2019-12-27", .end = "2019-12-27"},
    {"پیکان تیر به او خورد.", 'd', .span = NULL},
    {"رادیو فردا گزارش داد.", 'd', .span = NULL},
    {"یک معترض بازداشت شد.", 't', .span = NULL},
    {"إن أحد المحتجين قتل على الفور.", 't', .span = NULL},
    {"نقل إلى مستشفى الأربعين.", 't', .span = NULL},
    {"سجلت ارتقاء شهيدين جديدين.", 't', "شهيدين", "killed", "exact", NULL, 2,
     -1, .day = 0},
    {"قتل أكثر من 300 شخص منذ الأول من أكتوبر.", 'd', "الأول من أكتوبر",
     .start = "2019-10-01", .end = "2019-10-01"},
    /* Day counters */
    {"روز چهل و چهارم اعتراضات", 'c', "روز چهل و چهارم", .start = "2019-11-15",
     .day = 44},
    {"روز ۴۴ اعتراضات", 'c', "روز ۴۴", .start = "2019-11-15", .day = 44},
    {"پنجمین روز اعتراضات", 'c', "پنجمین روز", .start = "2019-12-24", .day = 5},
    {"اليوم الـ44 من الاحتجاجات", 'c', "اليوم الـ44", .start = "2019-11-15",
     .day = 44},
};

/* Whether proposal span `at` is exactly `want` in text. */
static void check_span(const char *text, struct ex_span at, const char *want)
{
    const char *p = strstr(text, want);
    CHECK_INT(text, p != NULL, 1);
    if (p) {
        CHECK_INT(text, at.off, (size_t)(p - text));
        CHECK_INT(text, at.len, strlen(want));
    }
}

static void check_rtl_tally(const struct rtl_case *c,
                            const struct extraction *x)
{
    CHECK_INT(c->text, x->ntallies, c->span ? 1 : 0);
    if (!c->span || x->ntallies != 1)
        return;
    const struct ex_tally *t = &x->tallies[0];
    check_span(c->text, t->at, c->span);
    CHECK_STR(c->text, ex_metric_name(t->metric), c->metric);
    CHECK_STR(c->text, ex_qualifier_name(t->qualifier), c->qualifier);
    CHECK_INT(c->text, t->low, c->low);
    CHECK_INT(c->text, t->high, c->high);
    CHECK_STR(c->text, t->source, c->source);
}

static void check_rtl_date(const struct rtl_case *c, const struct extraction *x)
{
    CHECK_INT(c->text, x->ndates, c->span ? 1 : 0);
    if (!c->span || x->ndates != 1)
        return;
    char s[DATE_LEN + 1], e[DATE_LEN + 1];
    date_format(x->dates[0].start, s);
    date_format(x->dates[0].end, e);
    check_span(c->text, x->dates[0].at, c->span);
    CHECK_STR(c->text, s, c->start);
    CHECK_STR(c->text, e, c->end);
}

static void persian_arabic_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++) {
        const struct rtl_case *c = &rtl[i];
        struct extraction x;
        run(c->text, &x);
        if (c->kind == 't') {
            check_rtl_tally(c, &x);
        } else if (c->kind == 'd') {
            check_rtl_date(c, &x);
        } else {
            char s[DATE_LEN + 1];
            date_format(x.counter.start, s);
            CHECK_INT(c->text, x.counter.day, c->day);
            CHECK_STR(c->text, s, c->start);
            check_span(c->text, x.counter.at, c->span);
        }
        extraction_free(&x);
    }
}

/* ==== Refusals ==== */

static void refuses_bad_text(void **state)
{
    (void)state;
    struct extract_opts o = {.published = published};
    struct extraction x;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(NULL, extract_text("a\xff b", 4, &o, &x, &err), VG_EINVAL);
    CHECK_HAS(NULL, err.msg, "byte 1");
    CHECK_INT(NULL, x.ntallies + x.ndates + x.nplaces, 0);
    extraction_free(&x);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE(NULL, extract_text("a\0b", 3, &o, &x, &err), VG_EINVAL);
    extraction_free(&x);
}

/* A tally maps to the tracker's own metric by its likeliest key, in the
 * tracker's order of preference; to none when the tracker has none. */
static void maps_to_tracker_metrics(void **state)
{
    (void)state;
    static const char *const keys[] = {"participants", "deaths", "arrested",
                                       "detained"};
    struct extract_opts o = {
        .published = published, .metric_keys = keys, .nmetric_keys = 4};
    static const struct {
        const char *text, *key; /* key NULL: none */
    } cases[] = {
        {"Security forces killed 12 people.", "deaths"},
        {"Police detained 40 people.", "detained"}, /* before "arrested" */
        {"Three hundred people were injured.", NULL},
        {"Some 2,000 people marched.", "participants"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct extraction x;
        struct vg_err err = VG_ERR_INIT;
        const char *t = cases[i].text;
        CHECK_CODE(t, extract_text(t, strlen(t), &o, &x, &err), 0);
        CHECK_INT(t, (int)x.ntallies, 1);
        CHECK_STR(t, x.tallies[0].metric_key, cases[i].key);
        extraction_free(&x);
    }
}

int test_extract_extract(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tallies_table),
        cmocka_unit_test(attribution_table),
        cmocka_unit_test(undated_text),
        cmocka_unit_test(dateline_table),
        cmocka_unit_test(dates_table),
        cmocka_unit_test(counters_table),
        cmocka_unit_test(places_table),
        cmocka_unit_test(refuses_bad_text),
        cmocka_unit_test(persian_arabic_table),
        cmocka_unit_test(maps_to_tracker_metrics),
    };
    return cmocka_run_group_tests_name("extract_extract", tests, NULL, NULL);
}
