/*
 * dates.c: the date and day-counter scanners.
 *
 * Dates written: "28 December 2019", "28th of December", "December 28,
 * 2019", "Dec. 28", "Saturday, December 28" (the weekday is part of the
 * date), "2019-12-28", "November 2019", a bare month ("in November"),
 * ranges ("From December 24 to December 26, 2019", "24-26 December",
 * "December 24-26", "between 24 and 26 December"), and words relative to
 * the publication date: "yesterday", "today", "tomorrow", a weekday ("on
 * Thursday": the latest on or before publication; the next one after it
 * when the sentence points ahead: "will", "next"), "last Friday", "this
 * week" / "last week" (Monday to Sunday), "this month" / "last month". A
 * date without a year takes the year that puts it on or before
 * publication, unless the sentence points ahead. Years alone, durations,
 * times and ages are not dates. Without a publication date, only dates
 * that give their year are found.
 *
 * Persian and Arabic: months of the Solar Hijri calendar ("۷ دی ۱۳۹۸",
 * converted through util/calendar.h; without a year, the Solar Hijri year
 * that puts them on or before publication), Gregorian months as Persian
 * and Arabic write them ("۲۸ دسامبر", "28 ديسمبر", "كانون الأول"), in
 * any digits; "دیروز", "أمس", "امروز", "اليوم"; a weekday, and one
 * followed by "گذشته" / "الماضي" (the previous one).
 *
 * Day counters: "Day 44", "the 44th day", "the fourth night", "the first
 * 10 days", "روز ۴۴", "روز چهل و چهارم", "اليوم الـ44". Day N is the date
 * written in the same sentence, or else the publication date; day 1 is N - 1
 * days before it.
 */
#include <string.h>

#include "extract/scan.h"
#include "util/calendar.h"

/* A date as read, before its year is settled: day 0 means a whole month,
 * year 0 "not written"; solar: of the Solar Hijri calendar. */
struct partial {
    int year, month, day;
    bool solar;
};

/* ==== Reading the parts ==== */

static const struct token *tok(const struct tokens *ts, size_t i)
{
    return i < ts->count ? &ts->t[i] : NULL;
}

/* Digits in a number token: Persian and Arabic-Indic ones take two
 * bytes each. */
static size_t digits_of(const struct token *t)
{
    return (t->flags & TF_NATIVE) ? t->len / 2 : t->len;
}

static bool whole(const struct token *t)
{
    return t && t->kind == TK_NUM && !(t->flags & TF_GROUPED) &&
           t->value < 1e9 && t->value == (double)(long)t->value;
}

/* A day of the month: "28", "28th". */
static int day_at(const struct tokens *ts, size_t i)
{
    const struct token *t = tok(ts, i);
    if (t && (t->flags & TF_UNCASED) && tok_class(ts, i, LX_ORDINAL) &&
        t->lex->value <= 31)
        return t->lex->value; /* "چهارم آذر": the fourth of Azar */
    if (!whole(t) || t->value < 1 || t->value > 31 || digits_of(t) > 4)
        return 0;
    /* "10:30" is a time, "28-year-old" an age. */
    if (tok_is(ts, i + 1, ":") && tok(ts, i + 2) && ts->t[i + 2].kind == TK_NUM)
        return 0;
    return (int)t->value;
}

static int year_at(const struct tokens *ts, size_t i)
{
    const struct token *t = tok(ts, i);
    if (!whole(t) || digits_of(t) != 4 || t->value < 1000 || t->value > 9999)
        return 0;
    return (int)t->value;
}

/* Words before "May" or "March" that make it a month. */
static bool month_context(const struct tokens *ts, size_t i)
{
    static const char *const before[] = {
        "in",      "since",  "of",      "early", "late", "mid",
        "last",    "until",  "by",      "from",  "this", "next",
        "between", "during", "through", "till",  "and",  "to"};
    if (i == 0)
        return false;
    for (size_t k = 0; k < sizeof before / sizeof *before; k++)
        if (tok_is(ts, i - 1, before[k]))
            return true;
    return false;
}

/* A month name at i: its number, and in *next the token after it (and
 * after the "." of "Dec."). 0 when none. */
static int month_at(const struct tokens *ts, size_t i, size_t *next)
{
    const struct token *t = tok(ts, i);
    if (t && (t->flags & TF_HYPHEN) && !tok_class(ts, i, LX_MONTH)) {
        /* "mid-September", "early-March": the month as a whole */
        static const char *const parts[] = {"mid-", "early-", "late-"};
        for (size_t k = 0; k < 3; k++) {
            size_t n = strlen(parts[k]);
            const struct lex_entry *m = strncmp(t->low, parts[k], n) == 0
                                            ? lexicon_find(t->low + n)
                                            : NULL;
            if (m && (m->classes & LX_MONTH)) {
                *next = i + 1;
                return m->value;
            }
        }
        return 0;
    }
    if (!t || t->kind != TK_WORD || !(t->flags & (TF_CAP | TF_UNCASED)) ||
        !tok_class(ts, i, LX_MONTH))
        return 0;
    *next = i + 1;
    if ((t->lex->classes & LX_ABBREV) && tok_is(ts, i + 1, "."))
        *next = i + 2;
    int m = t->lex->value;
    if (t->lex->classes & LX_PAIRED) {
        /* "كانون الثاني" (January), "تشرين الأول" (October) */
        long ord =
            tok_class(ts, i + 1, LX_ORDINAL) ? ts->t[i + 1].lex->value : 0;
        if (ord != 1 && ord != 2)
            return 0;
        m = (int)(m + ord - 2) % 12 + 1;
        *next = i + 2;
    }
    if ((t->flags & TF_UNCASED) && tok_is(ts, *next, "ماه"))
        (*next)++; /* "آبان ماه ۱۳۹۸": the month's "month" */
    size_t also;
    if ((t->flags & TF_UNCASED) && tok_is(ts, *next, "/") &&
        month_at(ts, *next + 1, &also) == m)
        *next = also; /* "أكتوبر/تشرين الأول": one month, two names */
    if ((t->lex->classes & LX_AMBIG) && !month_context(ts, i) &&
        !day_at(ts, *next) && !year_at(ts, *next) &&
        !(i > 0 && day_at(ts, i - 1)))
        return 0;
    return m;
}

/* An optional comma then a year: returns the year, sets *next. */
static int year_after(const struct tokens *ts, size_t i, size_t *next)
{
    size_t j = tok_is(ts, i, ",") ? i + 1 : i;
    int y = year_at(ts, j);
    if (y)
        *next = j + 1;
    return y;
}

/* A year after a Solar Hijri month: as year_after, or written with two
 * digits ("آبان ۹۸" is Aban 1398, "دی ۰۱" Dey 1401). */
static int solar_year_after(const struct tokens *ts, size_t i, size_t *next)
{
    int y = year_after(ts, i, next);
    const struct token *t = tok(ts, i);
    if (y || !whole(t) || digits_of(t) != 2)
        return y;
    *next = i + 1;
    return t->value >= 50 ? 1300 + (int)t->value : 1400 + (int)t->value;
}

/* ==== One date ==== */

/* "28 December 2019", "28th of December": DAY [of] MONTH [[,] YEAR]. */
static size_t read_day_month(const struct tokens *ts, size_t i,
                             struct partial *p)
{
    int d = day_at(ts, i);
    if (!d)
        return 0;
    size_t j = i + 1, next;
    if (tok_is(ts, j, "of") || tok_is(ts, j, "من")) /* "الأول من أكتوبر" */
        j++;
    int m = month_at(ts, j, &next);
    if (!m)
        return 0;
    bool solar = tok_class(ts, j, LX_SOLAR);
    int y =
        solar ? solar_year_after(ts, next, &next) : year_after(ts, next, &next);
    *p = (struct partial){y, m, d, solar};
    return next - i;
}

/* "December 28, 2019", "Dec. 28", "November 2019", "November". */
static size_t read_month_first(const struct tokens *ts, size_t i,
                               struct partial *p)
{
    size_t next;
    int m = month_at(ts, i, &next);
    if (!m)
        return 0;
    bool solar = tok_class(ts, i, LX_SOLAR);
    int d = day_at(ts, next);
    if (d && !year_at(ts, next)) {
        *p = (struct partial){0, m, d, solar};
        next++;
        p->year = year_after(ts, next, &next);
        return next - i;
    }
    int y =
        solar ? solar_year_after(ts, next, &next) : year_after(ts, next, &next);
    *p = (struct partial){y, m, 0, solar};
    return next - i;
}

/* "2019-12-28"; a year before 1700 is Solar Hijri ("۱۳۹۶-۱۰-۱۴"), as
 * cal_parse_date reads an editor's date. */
static size_t read_iso(const struct tokens *ts, size_t i, struct partial *p)
{
    int y = year_at(ts, i);
    if (!y || !tok_is(ts, i + 1, "-") || !whole(tok(ts, i + 2)) ||
        !tok_is(ts, i + 3, "-") || !whole(tok(ts, i + 4)))
        return 0;
    *p = (struct partial){y, (int)ts->t[i + 2].value, (int)ts->t[i + 4].value,
                          y < 1700};
    return 5;
}

/* "۱۳۹۸ آذر ۴": YEAR MONTH DAY, as Persian bylines write it. */
static size_t read_year_first(const struct tokens *ts, size_t i,
                              struct partial *p)
{
    size_t next;
    int y = year_at(ts, i);
    int m = y && tok(ts, i + 1) && (ts->t[i + 1].flags & TF_UNCASED)
                ? month_at(ts, i + 1, &next)
                : 0;
    int d = m ? day_at(ts, next) : 0;
    if (!d)
        return 0;
    *p = (struct partial){y, m, d, tok_class(ts, i + 1, LX_SOLAR)};
    return next + 1 - i;
}

static size_t read_one(const struct tokens *ts, size_t i, struct partial *p)
{
    size_t n = read_iso(ts, i, p);
    if (!n)
        n = read_year_first(ts, i, p);
    if (!n)
        n = read_day_month(ts, i, p);
    if (!n)
        n = read_month_first(ts, i, p);
    return n;
}

/* ==== Settling years and ranges ==== */

static bool points_ahead(const struct tokens *ts, size_t i)
{
    size_t lo = i > SENTENCE_REACH ? i - SENTENCE_REACH : 0;
    for (size_t j = i; j-- > lo && ts->t[j].sent == ts->t[i].sent;)
        if (tok_class(ts, j, LX_FUTURE))
            return true;
    return false;
}

static struct vg_date last_of_month(int y, int m)
{
    struct vg_date d = {m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1};
    return date_from_days(date_to_days(d) - 1);
}

/* The Gregorian span of p, a Solar Hijri day or month; its year is
 * settled against publication as settle does. */
static bool settle_solar(struct partial p, struct vg_date pub, bool ahead,
                         struct vg_date *start, struct vg_date *end)
{
    struct vg_date next;
    if (p.year == 0) {
        int pm, pd;
        if (pub.year == 0)
            return false;
        cal_to_persian(pub, &p.year, &pm, &pd);
        int cmp = p.month != pm ? p.month - pm : p.day - pd;
        if (!ahead && cmp > 0)
            p.year--;
        else if (ahead && (p.month < pm || (p.day && cmp < 0)))
            p.year++;
    }
    if (cal_from_persian(p.year, p.month, p.day ? p.day : 1, start) != 0)
        return false;
    if (p.day) {
        *end = *start;
        return true;
    }
    int ny = p.month == 12 ? p.year + 1 : p.year, nm = p.month % 12 + 1;
    if (cal_from_persian(ny, nm, 1, &next) != 0)
        return false;
    *end = date_from_days(date_to_days(next) - 1);
    return true;
}

/* The span of p, its year settled against publication; false when it
 * cannot be settled or is no real day. */
static bool settle(struct partial p, struct vg_date pub, bool ahead,
                   struct vg_date *start, struct vg_date *end)
{
    if (p.solar)
        return settle_solar(p, pub, ahead, start, end);
    if (p.year == 0) {
        if (pub.year == 0)
            return false;
        p.year = pub.year;
        struct vg_date d = {p.year, p.month, p.day ? p.day : 1};
        if (!ahead && date_cmp(d, pub) > 0)
            p.year--;
        else if (ahead &&
                 date_cmp(p.day ? d : last_of_month(p.year, p.month), pub) < 0)
            p.year++;
    }
    *start = (struct vg_date){p.year, p.month, p.day ? p.day : 1};
    *end = p.day ? *start : last_of_month(p.year, p.month);
    return date_valid(*start) && date_valid(*end);
}

/* A connector between the two ends of a range ("and" only after
 * "between": "June 12 and June 16" are two dates). */
static bool range_word(const struct tokens *ts, size_t i, bool between)
{
    return tok_is(ts, i, "-") || tok_is(ts, i, "to") || tok_is(ts, i, "تا") ||
           tok_is(ts, i, "until") || tok_is(ts, i, "through") ||
           tok_is(ts, i, "till") || (between && tok_is(ts, i, "and"));
}

/* "24 to 26 December 2019" / "December 24-26" / "24 December to 2 January
 * 2020": sets *a and *b; returns the tokens read, 0 when no range. */
static size_t read_range(const struct tokens *ts, size_t i, struct partial *a,
                         struct partial *b)
{
    size_t n = read_one(ts, i, a);
    int d = day_at(ts, i);
    bool between = i > 0 && tok_is(ts, i - 1, "between");
    if (n && a->day && range_word(ts, i + n, between)) {
        size_t m = read_one(ts, i + n + 1, b);
        if (m && b->day)
            return n + 1 + m;
        int d2 = day_at(ts, i + n + 1);
        if (d2 && !a->year && !month_at(ts, i + n + 2, &m)) {
            size_t next = i + n + 2;
            *b = (struct partial){year_after(ts, next, &next), a->month, d2,
                                  a->solar};
            return next - i;
        }
    }
    if (d && !n && range_word(ts, i + 1, between)) {
        size_t m = read_day_month(ts, i + 2, b);
        if (m) {
            *a = (struct partial){0, b->month, d, b->solar};
            return 2 + m;
        }
    }
    return 0;
}

/* The weekday at i (0 Monday), -1 when none; sets *n to its tokens.
 * Persian also writes a weekday as a number and "شنبه": "سه شنبه" is
 * Tuesday, the third day after Saturday. */
static int weekday_at(const struct tokens *ts, size_t i, size_t *n)
{
    *n = 1;
    if (tok_class(ts, i, LX_WEEKDAY) &&
        (ts->t[i].flags & (TF_CAP | TF_UNCASED)))
        return ts->t[i].lex->value;
    if (tok_class(ts, i, LX_NUMBER) && (ts->t[i].flags & TF_UNCASED) &&
        ts->t[i].lex->value <= 5 && tok_is(ts, i + 1, "شنبه")) {
        *n = 2;
        return (5 + ts->t[i].lex->value) % 7;
    }
    return -1;
}

/* ==== Relative dates ==== */

static struct vg_date add_days(struct vg_date d, long n)
{
    return date_from_days(date_to_days(d) + n);
}

static int weekday_of(struct vg_date d)
{
    return (int)((date_to_days(d) % 7 + 7 + 3) % 7); /* 1970-01-01: Thu */
}

/* A weekday relative to publication: the latest on or before it, the
 * latest before it ("last"), or the first on or after it (ahead). */
static struct vg_date weekday_date(struct vg_date pub, int wd, int how)
{
    int diff = (weekday_of(pub) - wd + 7) % 7;
    if (how > 0)
        return add_days(pub, (wd - weekday_of(pub) + 7) % 7);
    if (how < 0 && diff == 0)
        diff = 7;
    return add_days(pub, -diff);
}

/* "yesterday", "last week", "Thursday", ...: returns tokens read. */
static size_t read_relative(const struct tokens *ts, size_t i,
                            struct vg_date pub, struct vg_date *s,
                            struct vg_date *e)
{
    int last = tok_is(ts, i, "last") ? -1 : tok_is(ts, i, "this") ? 0 : 1;
    bool named = (ts->t[i].flags & TF_CAP) && !(ts->t[i].flags & TF_SENT) &&
                 i > 0 && ts->t[i - 1].kind == TK_WORD &&
                 (ts->t[i - 1].flags & TF_CAP) &&
                 !tok_class(ts, i - 1, LX_STOP);
    /* "Russia Today" is a name; "اليوم الـ44" a day counter. */
    bool counter = tok_class(ts, i, LX_DAYNOUN) && i + 1 < ts->count &&
                   (ts->t[i + 1].kind == TK_NUM || tok_is(ts, i + 1, "ال") ||
                    tok_class(ts, i + 1, LX_ORDINAL));
    if (tok_class(ts, i, LX_RELDAY) && !named && !counter) {
        *s = *e = add_days(pub, ts->t[i].lex->value);
        return 1;
    }
    /* "هفته گذشته", "الشهر الماضي", "روز گذشته": the period, then
     * "past"; "دو ماه گذشته" (the past two months) is a duration */
    bool after =
        (ts->t[i].flags & TF_UNCASED) &&
        tok_class(ts, i, LX_DATEWORD | LX_DAYNOUN) &&
        ts->t[i].lex->value >= 1 && tok_class(ts, i + 1, LX_PASTAFTER) &&
        !(i > 0 &&
          (ts->t[i - 1].kind == TK_NUM || tok_class(ts, i - 1, LX_NUMBER)));
    if (after && ts->t[i].lex->value == 1) {
        *s = *e = add_days(pub, -1);
        return 2;
    }
    size_t p = after ? i : i + 1; /* the period's token */
    if (after)
        last = -1;
    if (last <= 0 &&
        (tok_is(ts, p, "week") || tok_is(ts, p, "month") || after)) {
        bool week = after ? ts->t[p].lex->value == 7 : tok_is(ts, p, "week");
        if (week) {
            *s = add_days(pub, -weekday_of(pub) + 7 * last);
            *e = add_days(*s, 6);
        } else {
            int m = pub.month + last, y = pub.year;
            if (m == 0)
                m = 12, y--;
            *s = (struct vg_date){y, m, 1};
            *e = last_of_month(y, m);
        }
        return 2;
    }
    size_t w = last == 1 && !tok_is(ts, i, "next") ? i : i + 1, wn;
    int wd = weekday_at(ts, w, &wn);
    if (wd < 0)
        return 0;
    bool bare = w == i; /* no "last" or "next" before it */
    w += wn - 1;
    bool past = tok_class(ts, w + 1, LX_PASTAFTER); /* "پنجشنبه گذشته" */
    if (past)
        last = -1;
    int how = tok_is(ts, i, "next") || (bare && !past && points_ahead(ts, i))
                  ? 1
              : last == -1 ? -1
                           : 0;
    *s = *e = weekday_date(pub, wd, how);
    return w - i + 1 + past;
}

/* ==== Scanning ==== */

/* The dates proposed, for record. */
struct proposed {
    size_t cap;
    struct dedup seen; /* by start and end */
};

static bool same_day(struct vg_date a, struct vg_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* Records the date written at tokens first.. (n of them), and proposes it
 * unless a date of the same days is: once each. */
static void record(struct tokens *ts, struct extraction *x, struct proposed *p,
                   size_t first, size_t n, struct vg_date s, struct vg_date e)
{
    struct mention m = {first, first + n - 1, s, e};
    EX_PUSH(&x->arena, ts->dates, ts->ndates, ts->dates_cap, m);
    for (size_t k = first; k < first + n; k++)
        ts->t[k].flags |= TF_USED;
    int32_t key[6] = {s.year, s.month, s.day, e.year, e.month, e.day};
    uint32_t h = hash_bytes(key, sizeof key);
    size_t slot = (size_t)DEDUP_START, k;
    while ((k = dedup_find(&p->seen, h, &slot)) != 0)
        if (same_day(x->dates[k - 1].start, s) &&
            same_day(x->dates[k - 1].end, e))
            return;
    const struct token *a = &ts->t[first], *b = &ts->t[first + n - 1];
    struct ex_date d = {{a->off, b->off + b->len - a->off}, s, e};
    dedup_add(&p->seen, &x->arena, h, x->ndates);
    EX_PUSH(&x->arena, x->dates, x->ndates, p->cap, d);
}

/* The year, in p's calendar, of d: the day p was settled to. */
static int year_of(struct partial p, struct vg_date d)
{
    int y, m, day;
    if (!p.solar)
        return d.year;
    cal_to_persian(d, &y, &m, &day);
    return y;
}

/* Reads the date or range at i (after an optional weekday and "from" /
 * "between"); returns the tokens read from i, 0 when none. */
/* A Solar Hijri date without its year takes the year last written with
 * one in the text ("جمعه ۲۵ آبان ۱۳۹۸ ... روزهای ۲۴ تا ۲۸ آبان"), as
 * Persian reports leave it out once given; *solar keeps that year (0:
 * none yet, and publication settles it). */
static void solar_context(struct partial *p, int *solar)
{
    if (!p->solar)
        return;
    if (p->year)
        *solar = p->year;
    else
        p->year = *solar;
}

static size_t read_at(const struct tokens *ts, size_t i, struct vg_date pub,
                      int *solar, struct vg_date *s, struct vg_date *e)
{
    size_t j = i, wn;
    if (weekday_at(ts, j, &wn) >= 0)
        j += wn + tok_is(ts, j + wn, ",");
    if (tok_is(ts, j, "from") || tok_is(ts, j, "between"))
        j++;
    struct partial a, b;
    size_t n = read_range(ts, j, &a, &b);
    bool ahead = n || read_one(ts, j, &a) ? points_ahead(ts, i) : false;
    if (n) {
        struct vg_date e1, s2;
        solar_context(&a, solar);
        solar_context(&b, solar);
        if (!settle(b, pub, ahead, &s2, e))
            return 0;
        if (!b.year) /* "۲۴ تا ۲۸ آبان": both ends in the year of the end */
            b.year = year_of(b, s2);
        if (!a.year)
            a.year = a.month > b.month ? b.year - 1 : b.year;
        if (settle(a, pub, ahead, s, &e1) && date_cmp(*s, *e) <= 0)
            return j + n - i;
        return 0;
    }
    n = read_one(ts, j, &a);
    if (n)
        solar_context(&a, solar);
    if (n && settle(a, pub, ahead, s, e))
        return j + n - i;
    if (pub.year == 0)
        return 0;
    n = read_relative(ts, i, pub, s, e);
    return n;
}

/* Whether a date can begin at the number at i: a month within four
 * tokens ("24 to 26 December"), or "2019-12-28". */
static bool month_near(const struct tokens *ts, size_t i)
{
    for (size_t j = i + 1; j <= i + 4 && j < ts->count; j++)
        if (tok_class(ts, j, LX_MONTH))
            return true;
    return year_at(ts, i) && tok_is(ts, i + 1, "-");
}

void scan_dates(struct tokens *ts, struct extraction *x)
{
    struct proposed proposed = {0, {NULL, NULL, 0, 0}};
    int solar = 0; /* the Solar Hijri year last written (solar_context) */
    for (size_t i = 0; i < ts->count;) {
        struct vg_date s, e;
        bool maybe =
            ts->t[i].kind == TK_NUM
                ? month_near(ts, i)
                : tok_class(ts, i,
                            LX_MONTH | LX_WEEKDAY | LX_DATEWORD | LX_DAYNOUN) ||
                      (ts->t[i].flags & TF_HYPHEN) ||
                      /* a Persian word: only in a text that has them */
                      (ts->uncased && tok_is(ts, i + 1, "شنبه")) ||
                      (tok_class(ts, i, LX_ORDINAL) && day_at(ts, i));
        size_t n = maybe ? read_at(ts, i, x->published, &solar, &s, &e) : 0;
        /* "from" / "between" belong to the range, not its text. */
        size_t skip =
            n > 1 && (tok_is(ts, i, "from") || tok_is(ts, i, "between"));
        if (n) {
            record(ts, x, &proposed, i + skip, n - skip, s, e);
            i += n;
        } else {
            i++;
        }
    }
}

/* ==== Day counters ==== */

/* The value of an ordinal at i: "44th", "fourth", "forty-fourth". */
static long ordinal_at(const struct tokens *ts, size_t i)
{
    const struct token *t = tok(ts, i);
    if (!t)
        return 0;
    if (tok_class(ts, i, LX_NUMBER) && tok_class(ts, i + 1, LX_AND) &&
        tok_class(ts, i + 2, LX_ORDINAL) && t->lex->value % 10 == 0 &&
        ts->t[i + 2].lex->value < 10) /* "چهل و چهارم" */
        return t->lex->value + ts->t[i + 2].lex->value;
    if (t->kind == TK_NUM)
        return (t->flags & TF_ORDINAL) && whole(t) ? (long)t->value : 0;
    if (tok_class(ts, i, LX_ORDINAL))
        return t->lex->value;
    return lexicon_compound(t->low, LX_ORDINAL);
}

/* "Day 44" / "the 44th day" / "the fourth (consecutive) night" / "the
 * first 10 days" at i: returns tokens read and sets *day. */
static size_t read_counter(const struct tokens *ts, size_t i, long *day)
{
    if (tok_class(ts, i, LX_DAYNOUN)) {
        /* "روز ۴۴", "اليوم الـ44", "روز چهل و چهارم" */
        size_t j = i + 1 + tok_is(ts, i + 1, "ال");
        long n = ts->t[i].flags & TF_UNCASED ? ordinal_at(ts, j) : 0;
        if (n) {
            *day = n;
            return j - i + (tok_class(ts, j + 1, LX_AND) ? 3 : 1);
        }
        /* "حتى اليوم 29 قتيلا" (to date, 29 dead): a figure with its
         * metric after "until today" is a tally, not day 29. */
        bool to_date = (ts->t[i].flags & TF_UNCASED) && i > 0 &&
                       tok_is(ts, i - 1, "حتی") &&
                       tok_class(ts, j + 1, LX_METRIC | LX_PERSON);
        if (!to_date && whole(tok(ts, j)) && !(ts->t[j].flags & TF_ORDINAL) &&
            ts->t[j].value >= 1 && !(ts->t[j].flags & TF_USED)) {
            *day = (long)ts->t[j].value;
            return j - i + 1;
        }
    }
    long n = ordinal_at(ts, i);
    size_t j = i + 1;
    if (tok_is(ts, j, "consecutive") || tok_is(ts, j, "straight"))
        j++;
    if (n && (tok_class(ts, j, LX_DAYNOUN) || tok_is(ts, j, "night"))) {
        *day = n;
        return j - i + 1;
    }
    /* "the first 18 days of the uprising": the length of a period the
     * text names, not the count of today's day */
    if (tok_is(ts, i, "first") && whole(tok(ts, i + 1)) &&
        (tok_is(ts, i + 2, "days") || tok_is(ts, i + 2, "nights")) &&
        !tok_is(ts, i + 3, "of")) {
        *day = (long)ts->t[i + 1].value;
        return 3;
    }
    return 0;
}

/* The single day written in the sentence of token i, or year 0. */
static struct vg_date sentence_day(const struct tokens *ts, size_t i)
{
    for (size_t k = 0; k < ts->ndates; k++)
        if (ts->t[ts->dates[k].first].sent == ts->t[i].sent &&
            date_cmp(ts->dates[k].start, ts->dates[k].end) == 0)
            return ts->dates[k].start;
    return (struct vg_date){0, 0, 0};
}

/* When the text's period begins: the first date after "since" or
 * "from", or year 0. */
static struct vg_date period_start(const struct tokens *ts)
{
    for (size_t k = 0; k < ts->ndates; k++) {
        size_t f = ts->dates[k].first;
        if (f > 0 && (tok_is(ts, f - 1, "since") || tok_is(ts, f - 1, "from")))
            return ts->dates[k].start;
    }
    return (struct vg_date){0, 0, 0};
}

/* The date of day `day`, counted at token i: the date written beside
 * "the first day", the start of the period the text names; else the
 * date written beside that day's counter (this one or a later one for
 * the same day); else the publication date. */
static struct vg_date counter_date(const struct tokens *ts, size_t i, long day,
                                   struct vg_date pub)
{
    struct vg_date p = day == 1 ? period_start(ts) : (struct vg_date){0, 0, 0};
    if (p.year)
        return p;
    for (size_t k = i; k < ts->count; k++) {
        long d;
        size_t n = read_counter(ts, k, &d);
        struct vg_date on =
            n && d == day ? sentence_day(ts, k) : (struct vg_date){0, 0, 0};
        if (on.year)
            return on;
    }
    return pub;
}

void scan_counter(struct tokens *ts, struct extraction *x)
{
    for (size_t i = 0; i < ts->count; i++) {
        long day;
        size_t n = read_counter(ts, i, &day);
        if (!n || day < 1 || day > 100000)
            continue;
        struct vg_date on = counter_date(ts, i, day, x->published);
        if (on.year == 0)
            return;
        for (size_t k = i; k < i + n; k++)
            ts->t[k].flags |= TF_USED;
        const struct token *a = &ts->t[i], *b = &ts->t[i + n - 1];
        x->counter = (struct ex_counter){
            {a->off, b->off + b->len - a->off}, day, add_days(on, 1 - day)};
        return;
    }
}

void scan_dateline(const struct tokens *ts, struct extraction *x)
{
    if (x->published.year)
        return;
    size_t lines = 0, k = 0;
    for (size_t i = 0; i < ts->count && k < ts->ndates; i++) {
        if (ts->t[i].flags & TF_LINE)
            if (++lines > HEAD_LINES)
                return;
        if (ts->dates[k].first != i)
            continue;
        const struct mention *m = &ts->dates[k++];
        /* A relative date resolves to nothing without a publication
         * date, so a resolved one is written whole. */
        if (m->start.year && date_cmp(m->start, m->end) == 0 &&
            (ts->t[i].flags & TF_LINE)) {
            const struct token *a = &ts->t[m->first], *b = &ts->t[m->last];
            x->dateline = (struct ex_date){
                {a->off, b->off + b->len - a->off}, m->start, m->end};
            return;
        }
    }
}
