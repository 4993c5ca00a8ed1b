/*
 * extract.c: the extraction pipeline and its JSON.
 *
 * Order matters: dates first (their tokens are no tallies), then the day
 * counter (it reads the dates of its sentence), then tallies (their
 * "as of" reads the dates), then places.
 */
#include "extract/extract.h"

#include <math.h>
#include <string.h>

#include "extract/scan.h"
#include "util/utf8.h"

static const char *const metric_names[] = {
    [EX_KILLED] = "killed",
    [EX_INJURED] = "injured",
    [EX_DETAINED] = "detained",
    [EX_LOCALITIES] = "localities",
    [EX_PARTICIPANTS] = "participants",
    [EX_IDENTIFIED] = "identified_victims",
    [EX_OTHER] = "other",
};

static const char *const qualifier_names[] = {
    [EX_EXACT] = "exact",         [EX_AT_LEAST] = "at_least",
    [EX_MORE_THAN] = "more_than", [EX_UP_TO] = "up_to",
    [EX_ABOUT] = "about",         [EX_RANGE] = "range",
};

static const char *const source_why_names[] = {
    [EX_SOURCE_NONE] = "none",           [EX_SOURCE_SENTENCE] = "sentence",
    [EX_SOURCE_EARLIER] = "earlier",     [EX_SOURCE_DOCUMENT] = "document",
    [EX_SOURCE_UNCERTAIN] = "uncertain",
};

static const char *const as_of_why_names[] = {
    [EX_AS_OF_NONE] = "none",
    [EX_AS_OF_EXPLICIT] = "explicit",
    [EX_AS_OF_STATEMENT] = "statement",
    [EX_AS_OF_PUBLISHED] = "published",
};

const char *ex_source_why_name(enum ex_source_why w)
{
    return source_why_names[w];
}

const char *ex_as_of_why_name(enum ex_as_of_why w)
{
    return as_of_why_names[w];
}

const char *ex_metric_name(enum ex_metric m)
{
    return metric_names[m];
}

const char *ex_qualifier_name(enum ex_qualifier q)
{
    return qualifier_names[q];
}

int extract_text(const char *text, size_t n, const struct extract_opts *opts,
                 struct extraction *out, struct vg_err *err)
{
    memset(out, 0, sizeof *out);
    if (n > EXTRACT_MAX_BYTES)
        return vg_err_set(err, VG_ELIMIT, "text",
                          "the text is %zu bytes, over the limit of %d", n,
                          EXTRACT_MAX_BYTES);
    size_t bad;
    const char *why;
    if (utf8_check(text, n, UTF8_MULTI_LINE, &bad, &why) != 0)
        return vg_err_set(err, VG_EINVAL, "text", "%s at byte %zu", why, bad);
    out->published = opts->published;
    struct tokens ts;
    tokenize(text, n, &out->arena, &ts);
    scan_dates(&ts, out);
    scan_counter(&ts, out);
    scan_dateline(&ts, out);
    scan_tallies(&ts, out);
    scan_places(&ts, opts, out);
    match_sources(opts, out);
    match_metrics(opts, out);
    return 0;
}

void extraction_free(struct extraction *x)
{
    arena_release(&x->arena);
    memset(x, 0, sizeof *x);
}

/* ==== JSON ==== */

static json_t *span_text(const char *text, struct ex_span s)
{
    return json_stringn(text + s.off, s.len);
}

static json_t *date_json(struct vg_date d)
{
    char s[DATE_LEN + 1];
    if (d.year == 0)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

/* Coordinates to five decimals, as the gazetteer writes them. */
static json_t *coordinate(double v)
{
    return json_real(round(v * 1e5) / 1e5);
}

static json_t *dates_json(const struct extraction *x, const char *text)
{
    json_t *a = json_array();
    for (size_t i = 0; i < x->ndates; i++) {
        const struct ex_date *d = &x->dates[i];
        json_array_append_new(
            a, json_pack("{s:o, s:o, s:o, s:I}", "text", span_text(text, d->at),
                         "start", date_json(d->start), "end", date_json(d->end),
                         "offset", (json_int_t)d->at.off));
    }
    return a;
}

/* The words a source or as-of came from, or null. */
static json_t *words_json(const char *text, struct ex_span s)
{
    if (s.len == 0)
        return json_null();
    return json_pack("{s:o, s:I}", "text", span_text(text, s), "offset",
                     (json_int_t)s.off);
}

static json_t *tallies_json(const struct extraction *x, const char *text)
{
    json_t *a = json_array();
    for (size_t i = 0; i < x->ntallies; i++) {
        const struct ex_tally *t = &x->tallies[i];
        json_array_append_new(
            a,
            json_pack(
                "{s:o, s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:o, s:o, s:s, s:o,"
                " s:I}",
                "text", span_text(text, t->at), "metric",
                ex_metric_name(t->metric), "qualifier",
                ex_qualifier_name(t->qualifier), "low", (json_int_t)t->low,
                "high", t->high < 0 ? json_null() : json_integer(t->high),
                "source", t->source ? json_string(t->source) : json_null(),
                "source_slug",
                t->source_slug ? json_string(t->source_slug) : json_null(),
                "source_why", ex_source_why_name(t->source_why), "source_words",
                words_json(text, t->source_words), "as_of", date_json(t->as_of),
                "as_of_why", ex_as_of_why_name(t->as_of_why), "as_of_words",
                words_json(text, t->as_of_words), "offset",
                (json_int_t)t->at.off));
    }
    return a;
}

static json_t *places_json(const struct extraction *x, const char *text)
{
    json_t *a = json_array();
    for (size_t i = 0; i < x->nplaces; i++) {
        const struct ex_place *p = &x->places[i];
        json_array_append_new(
            a, json_pack("{s:o, s:s, s:s, s:s, s:o, s:o, s:I}", "text",
                         span_text(text, p->at), "name", p->name, "country",
                         p->country, "kind", p->kind, "lat", coordinate(p->lat),
                         "lon", coordinate(p->lon), "offset",
                         (json_int_t)p->at.off));
    }
    return a;
}

static json_t *counter_json(const struct extraction *x, const char *text)
{
    const struct ex_counter *c = &x->counter;
    if (c->day == 0)
        return json_null();
    return json_pack("{s:o, s:I, s:o, s:I}", "text", span_text(text, c->at),
                     "day", (json_int_t)c->day, "start", date_json(c->start),
                     "offset", (json_int_t)c->at.off);
}

static json_t *dateline_json(const struct extraction *x, const char *text)
{
    if (x->dateline.at.len == 0)
        return json_null();
    return json_pack("{s:o, s:o, s:I}", "text", span_text(text, x->dateline.at),
                     "date", date_json(x->dateline.start), "offset",
                     (json_int_t)x->dateline.at.off);
}

json_t *extraction_json(const struct extraction *x, const char *text)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "published",
                     date_json(x->published), "dateline",
                     dateline_json(x, text), "dates", dates_json(x, text),
                     "day_counter", counter_json(x, text), "tallies",
                     tallies_json(x, text), "places", places_json(x, text));
}
