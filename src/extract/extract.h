/*
 * extract.h: proposals from a pasted article (DESIGN §7).
 *
 * Reads UTF-8 text and its publication date and finds, each with the byte
 * offset and length of its exact words: dates and date ranges (relative
 * ones resolved against the publication date), the day counter ("Day 44",
 * "the fourth night"), tallies (metric, qualifier, number or range, the
 * source it is attributed to) and places (through the gazetteer). Rule
 * based: no model, no network; one pass of the tokenizer, then small
 * scanners over the tokens driven by the tables in lexicon.c.
 *
 * Formats written: extraction_json() gives the object of `vigil extract`
 * and POST /api/v1/extract, exactly these keys:
 *   {"published", "dateline": null | {"text","date","offset"},
 *    "dates": [{"text","start","end","offset"}],
 *    "day_counter": null | {"text","day","start","offset"},
 *    "tallies": [{"text","metric","qualifier","low","high","source",
 *                 "source_slug","source_why","source_words","as_of",
 *                 "as_of_why","as_of_words","offset"}],
 *    "places": [{"text","name","country","kind","lat","lon","offset"}]}
 * "source" is the attribution as written; "source_slug" the tracker's
 * source it names (extract_opts.sources), or null: a new source.
 * "source_why" and "as_of_why" say where they came from (the names of
 * enum ex_source_why and enum ex_as_of_why below), "source_words" and
 * "as_of_words" the words that gave them, {"text","offset"} or null, so
 * that an editor sees the reason before accepting a figure. "dateline"
 * is the date a line of the text's head opens with ("1 July 2024"),
 * given only when no publication date was: the desk proposes it as that
 * date, and nothing relative is resolved until an editor gives one.
 */
#ifndef VIGIL_EXTRACT_EXTRACT_H
#define VIGIL_EXTRACT_EXTRACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

struct gazetteer;

enum { EXTRACT_MAX_BYTES = 4 << 20 }; /* longest text read, bytes */

enum ex_metric {
    EX_KILLED,
    EX_INJURED,
    EX_DETAINED,
    EX_LOCALITIES,
    EX_PARTICIPANTS,
    EX_IDENTIFIED,
    EX_OTHER,
};

enum ex_qualifier {
    EX_EXACT,
    EX_AT_LEAST,
    EX_MORE_THAN,
    EX_UP_TO,
    EX_ABOUT,
    EX_RANGE,
};

struct ex_span {
    size_t off, len; /* bytes into the text */
};

struct ex_date {
    struct ex_span at;
    struct vg_date start, end; /* equal for one day */
};

struct ex_counter {
    struct ex_span at;
    long day;             /* N of "Day N"; 0 when there is none */
    struct vg_date start; /* the date of day 1 */
};

/* Where a tally's source came from. A coder attributes a figure to whoever
 * reports it nearest; an attribution that names nobody ("officials said")
 * is uncertain and proposes no source rather than a guess. */
enum ex_source_why {
    EX_SOURCE_NONE,      /* no attribution anywhere: no source */
    EX_SOURCE_SENTENCE,  /* reported speech in the figure's sentence */
    EX_SOURCE_EARLIER,   /* "the group said": the body named before */
    EX_SOURCE_DOCUMENT,  /* the text's own: "(Reuters)", "X said today" */
    EX_SOURCE_UNCERTAIN, /* "officials said": words, but no one named */
};

/* Where a tally's as-of date came from. */
enum ex_as_of_why {
    EX_AS_OF_NONE,      /* no date known: no publication date either */
    EX_AS_OF_EXPLICIT,  /* "as of 14 March", "by Tuesday" */
    EX_AS_OF_STATEMENT, /* the day the sentence dates: "said on Tuesday" */
    EX_AS_OF_PUBLISHED, /* the text's publication date */
};

struct ex_tally {
    struct ex_span at;
    enum ex_metric metric;
    enum ex_qualifier qualifier;
    long long low, high;     /* high is -1 unless a range */
    const char *source;      /* in the extraction's arena, or NULL */
    struct vg_date as_of;    /* year 0 when the text gives none */
    const char *source_slug; /* the tracker's source it names (lent from
                                extract_opts.sources), or NULL */
    const char *metric_key;  /* the tracker's metric it is recorded under
                                (lent from extract_opts.metric_keys), or
                                NULL */
    enum ex_source_why source_why;
    struct ex_span source_words; /* len 0: none (EX_SOURCE_NONE) */
    enum ex_as_of_why as_of_why;
    struct ex_span as_of_words; /* len 0: none (published, none) */
};

struct ex_place {
    struct ex_span at;
    const char *name, *country, *kind; /* the gazetteer's (lent) */
    double lat, lon;
};

struct extraction {
    struct vg_date published; /* year 0 when unknown */
    struct ex_date dateline;  /* at.len 0: none, or published known */
    struct ex_date *dates;
    size_t ndates;
    struct ex_counter counter;
    struct ex_tally *tallies;
    size_t ntallies;
    struct ex_place *places;
    size_t nplaces;
    struct arena arena; /* owns the arrays and strings above */
};

/* A name one of a tracker's sources goes by: its name or an alias. */
struct ex_source_name {
    const char *slug, *name;
};

struct extract_opts {
    struct vg_date published;    /* year 0: relative dates stay unresolved */
    const struct gazetteer *gaz; /* NULL: no places */
    const char *country;         /* rank places in it first ("IR"), or NULL */
    const struct ex_source_name *sources; /* the tracker's, or NULL: an */
    size_t nsources; /* attribution then names no source (source_slug) */
    const char *const *metric_keys; /* the tracker's metrics, or NULL: a */
    size_t nmetric_keys;            /* tally then maps to none (metric_key) */
};

/*
 * Reads text[0..n) and fills *out (release it with extraction_free, also
 * after an error). Fails with VG_EINVAL when the text is not UTF-8 or
 * holds a NUL (err names the byte offset), VG_ELIMIT above
 * EXTRACT_MAX_BYTES.
 */
int extract_text(const char *text, size_t n, const struct extract_opts *opts,
                 struct extraction *out, struct vg_err *err);
/* The extraction as the JSON object above (caller owns it). */
json_t *extraction_json(const struct extraction *x, const char *text);
/* Frees what extract_text allocated. */
void extraction_free(struct extraction *x);

/* "killed", "at_least", "earlier", ...: the names used in JSON. */
const char *ex_metric_name(enum ex_metric m);
const char *ex_qualifier_name(enum ex_qualifier q);
const char *ex_source_why_name(enum ex_source_why w);
const char *ex_as_of_why_name(enum ex_as_of_why w);

#endif
