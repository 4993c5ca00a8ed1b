/*
 * tallies.c: the tally scanner: an amount, its qualifier, the metric it
 * counts and the body it is attributed to.
 *
 * Amounts: "1500", "12,000", "1.5 million", "26million", "twelve",
 * "twenty-five", "300+", ranges "100,000-150,000", "15 million to 26
 * million", "between 200 and 300", and the vague "dozens", "(many)
 * hundreds", "thousands", "tens of thousands", "hundreds of thousands".
 * Not tallies: numbers taken by a date or the day counter, ordinals,
 * years alone, times, ages and durations ("18-day", "23-year-old"),
 * percentages and money.
 *
 * The metric, in order: an outcome verb just before the amount ("killing
 * at least 300", "identified 601"); the noun the amount counts ("191
 * cities", "martyrs", "300 dead"); for people, an outcome verb after them
 * in the clause ("1500 protesters were killed"), then one before in the
 * clause, then a verb of gathering ("rallied": participants); a word before
 * it on the line ("Number of martyrs: At least 1500", "the death toll rose
 * to 304"). An amount with none of these is no tally.
 *
 * Whose figure it is and as of when: attribution.c.
 */
#include <math.h>
#include <string.h>

#include "extract/scan.h"
#include "util/buf.h"

/* An amount as read: tokens first..end (exclusive). */
struct amount {
    size_t first, end;
    long long low, high; /* high -1 unless a range */
    bool range, plus;    /* a range or a vague amount; written "N+" */
};

/* ==== Amounts ==== */

static const struct token *tok(const struct tokens *ts, size_t i)
{
    return i < ts->count ? &ts->t[i] : NULL;
}

/* "twelve", "twenty-five": the value of a number word, or 0. */
static long word_number(const struct tokens *ts, size_t i)
{
    const struct token *t = tok(ts, i);
    /* "مستشفى الأربعين": a number word with the article names */
    if (!t || t->kind != TK_WORD || (t->flags & TF_ARTICLE))
        return 0;
    if (tok_class(ts, i, LX_NUMBER))
        return t->lex->value;
    return lexicon_compound(t->low, LX_NUMBER);
}

/* Number words at i: "twelve", "two thousand", "three hundred and
 * sixty-one". Returns the value (0 when none) and sets *end. */
static double read_words(const struct tokens *ts, size_t i, size_t *end)
{
    double total = 0, current = 0;
    bool any = false;
    size_t j = i;
    for (;; j++) {
        long v = (ts->t[i].flags & TF_USED) ? 0 : word_number(ts, j);
        if (v) {
            current += (double)v, any = true;
        } else if (any && tok_class(ts, j, LX_SCALE)) {
            double scale = ts->t[j].lex->value;
            if (scale == 100) {
                current *= scale;
            } else {
                total += current * scale;
                current = 0;
            }
        } else if (!(any && tok_class(ts, j, LX_AND) &&
                     word_number(ts, j + 1))) {
            break;
        }
    }
    *end = j;
    return total + current;
}

/* One number at i ("1.5 million", "twelve", "two thousand"): its value;
 * sets *end. 0 when none. */
static double read_number(const struct tokens *ts, size_t i, size_t *end)
{
    const struct token *t = tok(ts, i);
    if (!t || (t->flags & TF_USED))
        return 0;
    if (t->kind != TK_NUM)
        return read_words(ts, i, end);
    if (t->flags & TF_ORDINAL)
        return 0;
    double v = t->value;
    *end = i + 1;
    if (tok_class(ts, i + 1, LX_SCALE)) {
        v *= ts->t[i + 1].lex->value;
        *end = i + 2;
    }
    return v;
}

/* The vague amount's size at j (0 dozens, 1 hundreds, 2 thousands), or
 * -1; *j moves to its last token. "ده ها" and "صد ها" ("tens",
 * "hundreds" written with a space) would read as 10 and 100. */
static int vague_at(const struct tokens *ts, size_t *j)
{
    if (tok_is(ts, *j + 1, "ها") &&
        (tok_is(ts, *j, "ده") || tok_is(ts, *j, "صد"))) {
        int size = tok_is(ts, *j, "صد");
        ++*j;
        return size;
    }
    if (!tok_class(ts, *j, LX_VAGUE) || (ts->t[*j].flags & TF_USED))
        return -1;
    /* "آلاف" is also the scale of "ثلاثة آلاف": its value is 1,000. */
    return tok_class(ts, *j, LX_SCALE) ? 2 : (int)ts->t[*j].lex->value;
}

/* "dozens", "many hundreds", "tens of thousands", "hundreds of
 * thousands" at i. */
static bool read_vague(const struct tokens *ts, size_t i, struct amount *a)
{
    size_t j = tok_is(ts, i, "many") ? i + 1 : i;
    bool tens = tok_is(ts, j, "tens");
    if (tens && !(tok_is(ts, j + 1, "of") && tok_is(ts, j + 2, "thousands")))
        return false;
    if (tens)
        j += 2;
    int size = vague_at(ts, &j);
    if (size < 0)
        return false;
    bool scale = tok_class(ts, j, LX_SCALE);
    lexicon_vague(size, &a->low, &a->high);
    if (tens) {
        a->low = 20000, a->high = 99999;
    } else if (tok_is(ts, j, "hundreds") && tok_is(ts, j + 1, "of") &&
               tok_is(ts, j + 2, "thousands")) {
        a->low = 200000, a->high = 999999;
        j += 2;
    } else if (!scale && size < 2 && tok_class(ts, j + 1, LX_SCALE) &&
               ts->t[j + 1].lex->value == 1000) {
        /* "ده‌ها هزار", "مئات الآلاف": tens or hundreds
         * of thousands */
        a->low = size ? 200000 : 20000;
        a->high = size ? 999999 : 99999;
        j++;
    }
    a->first = i, a->end = j + 1, a->range = true;
    return true;
}

/* A range's second half after "-" or "to": "100,000-150,000", "15 to 26
 * million". */
static void read_range_end(const struct tokens *ts, struct amount *a, double v,
                           bool scaled)
{
    size_t j = a->end;
    if (!(tok_is(ts, j, "-") || tok_is(ts, j, "to") || tok_is(ts, j, "and") ||
          tok_is(ts, j, "تا")))
        return;
    size_t end;
    double w = read_number(ts, j + 1, &end);
    if (w <= 0 || w > 1e10)
        return;
    if (!scaled && end == j + 3) /* "15 to 26 million": both in millions */
        v *= ts->t[j + 2].lex->value;
    if (w <= v)
        return;
    a->low = llround(v), a->high = llround(w);
    a->end = end, a->range = true;
}

static bool read_amount(struct tokens *ts, size_t i, struct amount *a)
{
    *a = (struct amount){i, i, 0, -1, false, false};
    if (read_vague(ts, i, a))
        return true;
    size_t end;
    double v = read_number(ts, i, &end);
    if (v < 1 || v > 1e10)
        return false;
    a->end = end, a->low = llround(v);
    read_range_end(ts, a, v, end == i + 2 && ts->t[i].kind == TK_NUM);
    /* "thirty-nine (39)": the digits restate the words. */
    if (tok_is(ts, a->end, "(") && tok(ts, a->end + 1) &&
        ts->t[a->end + 1].kind == TK_NUM &&
        llround(ts->t[a->end + 1].value) == a->low &&
        tok_is(ts, a->end + 2, ")")) {
        ts->t[a->end + 1].flags |= TF_USED;
        a->end += 3;
    }
    if (!a->range && tok_is(ts, a->end, "+") &&
        ts->t[a->end].off == ts->t[a->end - 1].off + ts->t[a->end - 1].len) {
        a->plus = true;
        a->end++;
    }
    return true;
}

/* ==== What is no tally ==== */

static bool money_before(const struct tokens *ts, size_t i)
{
    if (i == 0)
        return false;
    const struct token *t = &ts->t[i - 1];
    /* "$", "#", and the non-ASCII signs "€", "£" (no ASCII form) */
    return (t->kind == TK_PUNCT &&
            (strcmp(t->low, "$") == 0 || strcmp(t->low, "#") == 0 ||
             t->low[0] == '\0')) ||
           strcmp(t->low, "us$") == 0;
}

/* Years, times, ages, durations, percentages, money, "Article 19". */
static bool not_a_tally(const struct tokens *ts, const struct amount *a)
{
    const struct token *t = &ts->t[a->first];
    size_t e = a->end;
    if (t->kind == TK_NUM && money_before(ts, a->first))
        return true;
    /* "یک معترض" ("a protester"), "أحد المحتجين" ("one of the
     * protesters"): the article or a part of a figure, not a count */
    if (e == a->first + 1 && (t->flags & TF_UNCASED) && a->low == 1)
        return true;
    if (tok_is(ts, e, "%") || tok_class(ts, e, LX_UNIT) ||
        (tok_is(ts, e, "-") && tok_class(ts, e + 1, LX_UNIT)) ||
        tok_is(ts, e, ":"))
        return true;
    if (a->first >= 3 &&
        (tok_is(ts, a->first - 1, "and") || tok_is(ts, a->first - 1, ",")) &&
        ts->t[a->first - 2].kind == TK_NUM && tok_is(ts, a->first - 3, "aged"))
        return true; /* "aged 15 and 17" */
    if (tok_is(ts, a->first - 1, "aged") || tok_is(ts, a->first - 1, "age") ||
        (a->first >= 2 && tok_is(ts, a->first - 1, "as") &&
         (tok_is(ts, a->first - 2, "young") ||
          tok_is(ts, a->first - 2, "old"))))
        return true; /* ages: "aged 15", "as young as 15" */
    if (tok_is(ts, e, "of") && a->low == 1 && !a->range)
        return true; /* "one of seven people" */
    /* "Nairobi (17)": a breakdown of the figure before, by place */
    if (a->first >= 2 && tok_is(ts, a->first - 1, "(") && tok_is(ts, e, ")") &&
        ts->t[a->first - 2].kind == TK_WORD &&
        (ts->t[a->first - 2].flags & TF_CAP))
        return true;
    if (t->kind == TK_NUM && !(t->flags & TF_GROUPED) && t->len == 4 &&
        t->value >= 1900 && t->value <= 2100 && !a->range &&
        !tok_class(ts, e, LX_METRIC | LX_PERSON | LX_THING))
        return true;
    /* "Article 19", "Covid 19": a name's number. */
    if (a->first > 0 && ts->t[a->first - 1].kind == TK_WORD &&
        (ts->t[a->first - 1].flags & TF_CAP) &&
        !(ts->t[a->first - 1].flags & TF_SENT) &&
        ts->t[a->first - 1].lex == NULL)
        return true;
    /* "في ال 19 من الشهر الماضي": the article written apart makes the
     * number a day or an ordinal. */
    if (a->first > 0 && (ts->t[a->first - 1].flags & TF_UNCASED) &&
        tok_is(ts, a->first - 1, "ال"))
        return true;
    /* "[40]": a citation mark. */
    return a->first > 0 && tok_is(ts, a->first - 1, "[") &&
           tok_is(ts, a->end, "]");
}

/* ==== Metrics ==== */

static bool stops_clause(const struct tokens *ts, size_t j)
{
    return tok_clause_end(ts, j) || ts->t[j].kind == TK_NUM ||
           (ts->t[j].flags & TF_SENT) || tok_is(ts, j, "(") ||
           tok_is(ts, j, ")");
}

/* Past an aside at j: "(NCRI)", ", including another child aged 13,";
 * returns the token after it, or j when there is none. */
static size_t skip_aside(const struct tokens *ts, size_t j)
{
    const char *close =
        tok_is(ts, j, "(") ? ")"
        : tok_is(ts, j, ",") &&
                (tok_is(ts, j + 1, "including") || tok_is(ts, j + 1, "among"))
            ? ","
            : NULL;
    for (size_t k = j + 1; close && k < j + 14 && k < ts->count; k++) {
        if (tok_is(ts, k, close))
            return k + 1;
        if (tok_clause_end(ts, k))
            break;
    }
    return j;
}

static bool outcome(const struct tokens *ts, size_t j)
{
    return tok_class(ts, j, LX_METRIC) && ts->t[j].lex->role == ROLE_OUTCOME;
}

/* "in 21 cities", "aged 15": a number inside a phrase, not a new amount. */
static bool inner_number(const struct tokens *ts, size_t j)
{
    return ts->t[j].kind == TK_NUM && j > 0 &&
           (tok_is(ts, j - 1, "in") || tok_is(ts, j - 1, "across") ||
            tok_is(ts, j - 1, "from") || tok_is(ts, j - 1, "aged") ||
            /* "۳۱۴ شهروند از جمله ۴۲ کودک و ۲۴ زن کشته": Persian
             * puts the verb after the subsets */
            tok_is(ts, j - 1, "جمله") ||
            (tok_is(ts, j - 1, "و") && (ts->t[j].flags & TF_NATIVE)));
}

/* The noun the amount counts: within a few words after it (two after
 * number words; "of the" allowed after a vague amount or an outcome
 * verb). Returns its index or SIZE_MAX. */
static size_t head_noun(const struct tokens *ts, const struct amount *a,
                        bool via_of)
{
    size_t span = ts->t[a->first].kind == TK_NUM || a->range ? 4 : 2;
    for (size_t j = a->end; j < a->end + span && j < ts->count; j++) {
        if (stops_clause(ts, j) || tok_is(ts, j, ","))
            return SIZE_MAX;
        if (tok_class(ts, j, LX_METRIC | LX_PERSON | LX_THING))
            return j;
        if (tok_is(ts, j, "of") && !via_of)
            return SIZE_MAX;
        if (tok_class(ts, j, LX_SAY | LX_GATHER))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The first token of class c (an outcome when c is 0) from `from`
 * forwards (dir 1, past asides and numbers inside phrases) or backwards
 * (dir -1), at most `span` tokens, within the clause. */
static size_t find_in_clause(const struct tokens *ts, size_t from, int dir,
                             size_t span, uint32_t c)
{
    size_t j = from;
    for (size_t k = 0; k < span && j < ts->count; k++) {
        if (dir > 0)
            j = skip_aside(ts, j);
        if (j >= ts->count ||
            (stops_clause(ts, j) && !(dir > 0 && inner_number(ts, j))) ||
            (dir < 0 && j + 1 < ts->count && (ts->t[j + 1].flags & TF_SENT) &&
             k > 0))
            return SIZE_MAX;
        if (c == 0 ? outcome(ts, j) : tok_class(ts, j, c))
            return j;
        if (dir < 0 && j == 0)
            break;
        j += (size_t)dir;
    }
    return SIZE_MAX;
}

/* A metric word before the amount in its sentence, past no other number:
 * "Number of martyrs: At least 1500", "the death toll ... rose to more
 * than 35". */
static size_t metric_before(const struct tokens *ts, size_t first)
{
    for (size_t k = 1; k <= 16 && k <= first; k++) {
        size_t j = first - k;
        /* a number taken by a date ("تا پایان ۳۰ آبان") is no figure */
        if ((ts->t[j].kind == TK_NUM && !(ts->t[j].flags & TF_USED)) ||
            tok_clause_end(ts, j))
            return SIZE_MAX;
        if (tok_class(ts, j, LX_METRIC) && ts->t[j].lex->strength >= 2)
            return j;
        if (ts->t[j].flags & (TF_LINE | TF_SENT))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

struct found {
    enum ex_metric metric;
    size_t from, to; /* the tally's text: tokens from..to inclusive */
};

static bool found_at(const struct tokens *ts, size_t j, struct found *f)
{
    if (j == SIZE_MAX)
        return false;
    f->metric = ts->t[j].lex->metric;
    return true;
}

/* People counted: what happened to them, in the clause, else a metric
 * word before, else whether they gathered. */
static void people_metric(const struct tokens *ts, size_t qstart, size_t head,
                          struct found *f)
{
    const struct lex_entry *h = ts->t[head].lex;
    size_t v = find_in_clause(ts, head + 1, 1, 16, 0);
    /* "مئات السودانيين في مدينة أم درمان": a town after the people says
     * where they were, not what befell them. */
    if (v != SIZE_MAX && (ts->t[head].flags & TF_UNCASED) &&
        ts->t[v].lex->metric == EX_LOCALITIES)
        v = SIZE_MAX;
    if (found_at(ts, v, f)) {
        f->to = v;
        return;
    }
    if (qstart > 0 && found_at(ts, find_in_clause(ts, qstart - 1, -1, 8, 0), f))
        return;
    if (found_at(ts, metric_before(ts, qstart), f))
        return;
    if (h->classes & LX_METRIC)
        f->metric = EX_PARTICIPANTS;
    else
        /* "they rallied", "تجمع اعتراضی صدها هزار نفر" (a gathering of) */
        f->metric =
            find_in_clause(ts, head + 1, 1, 14, LX_GATHER) != SIZE_MAX ||
                    (qstart > 0 && (ts->t[qstart].flags & TF_UNCASED) &&
                     find_in_clause(ts, qstart - 1, -1, 3, LX_GATHER) !=
                         SIZE_MAX)
                ? EX_PARTICIPANTS
                : EX_OTHER;
}

static bool metric_of(const struct tokens *ts, const struct amount *a,
                      size_t qstart, struct found *f)
{
    f->from = qstart, f->to = a->end - 1;
    if (a->end == a->first + 1 && tok_class(ts, a->first, LX_METRIC)) {
        f->metric = ts->t[a->first].lex->metric; /* "شهيدين": two dead */
        return true;
    }
    size_t verb = qstart > 0 && outcome(ts, qstart - 1) ? qstart - 1 : SIZE_MAX;
    size_t head = head_noun(ts, a, a->range || verb != SIZE_MAX);
    if (head != SIZE_MAX)
        f->to = head;
    if (found_at(ts, verb, f)) {
        f->from = verb;
        return true;
    }
    if (head != SIZE_MAX && (ts->t[head].lex->classes & LX_OF) &&
        tok_is(ts, head + 1, "of")) {
        size_t m = find_in_clause(ts, head + 2, 1, 4, LX_METRIC);
        f->metric = m != SIZE_MAX ? ts->t[m].lex->metric : EX_OTHER;
        f->to = m != SIZE_MAX ? m : head;
        return true;
    }
    if (head != SIZE_MAX) {
        const struct lex_entry *h = ts->t[head].lex;
        if ((h->classes & LX_METRIC) && h->metric != EX_PARTICIPANTS)
            f->metric = h->metric; /* cities, martyrs, detainees */
        else
            people_metric(ts, qstart, head, f);
        return true;
    }
    size_t v = find_in_clause(ts, a->end, 1, 3, 0);
    if (v != SIZE_MAX && v <= a->end + 2 && found_at(ts, v, f)) {
        f->to = v;
        return true;
    }
    return found_at(ts, metric_before(ts, qstart), f);
}

/* "including 60 children", "of whom 149": part of the figure before. */
static bool subset(const struct tokens *ts, size_t qstart)
{
    for (size_t k = 1; k <= 3 && k <= qstart; k++) {
        size_t j = qstart - k;
        if (tok_is(ts, j, "including") || tok_is(ts, j, "جمله") ||
            ((tok_is(ts, j, "of") || tok_is(ts, j, "among")) &&
             (tok_is(ts, j + 1, "whom") || tok_is(ts, j + 1, "them"))))
            return true;
        if (stops_clause(ts, j))
            return false;
    }
    return false;
}

/* ==== Scanning ==== */

/* Whether t says whose figure it is more nearly than o: a named source
 * over none, and one that speaks it over the document's default
 * ("Sudan MOH: 46, not 108" in a headline, then "the Central Committee
 * of Doctors reported that the death toll stands at 108"). */
static bool says_whose(const struct ex_tally *t, const struct ex_tally *o)
{
    if (t->source == NULL)
        return false;
    return o->source == NULL || (o->source_why == EX_SOURCE_DOCUMENT &&
                                 t->source_why != EX_SOURCE_DOCUMENT);
}

/* Adds t unless a tally of its metric, qualifier and number is there:
 * once each; the words that say whose figure it is win. */
static void add_tally(struct extraction *x, size_t *cap, struct dedup *seen,
                      struct ex_tally t)
{
    uint64_t key[2] = {(uint64_t)t.metric << 32 | (uint32_t)t.qualifier,
                       (uint64_t)t.low};
    uint32_t h = hash_bytes(key, sizeof key);
    size_t slot = (size_t)DEDUP_START, k;
    while ((k = dedup_find(seen, h, &slot)) != 0) {
        struct ex_tally *o = &x->tallies[k - 1];
        if (o->metric == t.metric && o->qualifier == t.qualifier &&
            o->low == t.low) {
            if (says_whose(&t, o))
                *o = t;
            return;
        }
    }
    dedup_add(seen, &x->arena, h, x->ntallies);
    EX_PUSH(&x->arena, x->tallies, x->ntallies, *cap, t);
}

/* The scanner's state: the last tally, for "including N", and the
 * document's own source. */
struct last {
    struct doc_source doc;
    size_t cap;
    struct dedup *seen; /* the tallies added, by add_tally */
    bool any;
    bool part; /* itself part of the figure before: "of whom 224" */
    uint32_t sent;
    enum ex_metric metric;
};

/* What amount a counts, into *f: its own metric, or the figure's before
 * it when it is part of that one ("including 60 children", "of whom 224
 * are women and 149 are children", but "and 19 people were injured"
 * says its own). Sets *part; false when it counts nothing known. */
static bool tally_metric(const struct tokens *ts, const struct amount *a,
                         size_t qstart, const struct last *last,
                         struct found *f, bool *part)
{
    *part = subset(ts, qstart);
    if (!*part && last->part && qstart > 0 &&
        tok_class(ts, qstart - 1, LX_AND)) {
        /* "of whom 224 are women and 149 are children": a part like
         * the one before, unless it says what happened to it */
        if (metric_of(ts, a, qstart, f) && f->metric != EX_OTHER)
            return true;
        *part = true;
    }
    if (*part && last->any && last->sent == ts->t[a->first].sent) {
        size_t head = head_noun(ts, a, true);
        *f = (struct found){last->metric, qstart,
                            head != SIZE_MAX ? head : a->end - 1};
        return true;
    }
    return metric_of(ts, a, qstart, f);
}

/* Whether the outcome after the amount, in tokens from..to, is one that
 * has not happened: "5,000 people would be arrested", "could face
 * death". A projection or a threat is no count. */
static bool projected(const struct tokens *ts, size_t from, size_t to)
{
    static const char *const modal[] = {"would", "will",   "could", "might",
                                        "may",   "should", "must",  NULL};
    for (size_t j = from; j <= to && j < ts->count; j++)
        for (const char *const *m = modal; *m; m++)
            if (tok_is(ts, j, *m))
                return true;
    return false;
}

/* The tally whose amount starts at i; returns the token after it. */
static size_t tally_at(struct tokens *ts, size_t i, struct extraction *x,
                       struct last *last)
{
    struct amount a;
    if (!read_amount(ts, i, &a) || not_a_tally(ts, &a))
        return i + 1;
    enum ex_qualifier q = a.range ? EX_RANGE : a.plus ? EX_AT_LEAST : EX_EXACT;
    size_t qstart = a.range ? a.first : lexicon_qualifier(ts, a.first, &q);
    if (qstart > 0 && tok_is(ts, qstart - 1, "between") && a.range &&
        !tok_class(ts, a.first, LX_VAGUE))
        qstart--;
    struct found f;
    bool part;
    if (!tally_metric(ts, &a, qstart, last, &f, &part) ||
        projected(ts, a.end, f.to))
        return a.end;
    for (size_t j = a.end; q == EX_EXACT && j <= f.to + 1; j++) {
        size_t n = lexicon_qualifier_after(ts, j, &q);
        if (n && j + n - 1 > f.to)
            f.to = j + n - 1;
    }
    const struct token *from = &ts->t[f.from], *to = &ts->t[f.to];
    struct ex_tally t = {
        .at = {from->off, to->off + to->len - from->off},
        .metric = f.metric,
        .qualifier = q,
        .low = a.low,
        .high = a.range ? a.high : -1,
    };
    attribute(ts, qstart, &last->doc, &x->arena, &t);
    date_figure(ts, a.first, a.end, x->published, &t);
    *last = (struct last){last->doc, last->cap,     last->seen, true,
                          part,      ts->t[i].sent, f.metric};
    add_tally(x, &last->cap, last->seen, t);
    return a.end;
}

void scan_tallies(struct tokens *ts, struct extraction *x)
{
    struct dedup seen = {NULL, NULL, 0, 0};
    struct last last = {{NULL, {0, 0}}, 0, &seen, false, false, 0, EX_OTHER};
    document_source(ts, &x->arena, &last.doc);
    for (size_t i = 0; i < ts->count;) {
        const struct token *t = &ts->t[i];
        bool maybe = !(t->flags & TF_USED) &&
                     (t->kind == TK_NUM ||
                      tok_class(ts, i, LX_NUMBER | LX_VAGUE | LX_AMOUNT) ||
                      (t->flags & TF_HYPHEN));
        i = maybe ? tally_at(ts, i, x, &last) : i + 1;
    }
}
