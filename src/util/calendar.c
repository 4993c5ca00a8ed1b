/*
 * calendar.c: dates and numbers in a reader's language (calendar.h),
 * through ICU's date and number formatters and its Persian calendar.
 *
 * Opening a formatter costs far more than using one (it loads the
 * locale's data), and a formatter may not be shared between threads, so
 * each thread keeps the ones it opened last, for one locale, as tz.c
 * keeps its calendar; they are closed when the thread ends.
 */
#include "util/calendar.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "util/xmalloc.h"

enum {
    LOCALE_MAX = ULOC_FULLNAME_CAPACITY, /* an ICU locale id, with keywords */
    OUT_MAX = 128,                       /* UChars of one formatted value */
};

static const double DAY_MS = 86400000.0;

/* ==== The thread's formatters ==== */

struct held {
    char locale[LOCALE_MAX];
    UDateFormat *date_long, *date_short;
    UNumberFormat *number;
    UChar32 digits[10]; /* the locale's digits, zero to nine */
};

static pthread_key_t held_key;
static pthread_once_t held_once = PTHREAD_ONCE_INIT;

static void held_close(struct held *h)
{
    udat_close(h->date_long);
    udat_close(h->date_short);
    unum_close(h->number);
    h->date_long = h->date_short = NULL;
    h->number = NULL;
    h->locale[0] = '\0';
}

static void held_free(void *p)
{
    held_close(p);
    free(p);
}

static void held_init(void)
{
    pthread_key_create(&held_key, held_free);
}

/* Whether tag looks like a BCP 47 language tag: letters, digits and
 * '-', starting with a letter, at most CAL_LANG_MAX bytes. */
static bool tag_ok(const char *tag)
{
    size_t n = tag ? strlen(tag) : 0;
    if (n == 0 || n > CAL_LANG_MAX ||
        !((tag[0] >= 'a' && tag[0] <= 'z') || (tag[0] >= 'A' && tag[0] <= 'Z')))
        return false;
    return strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "0123456789-") == n;
}

/* The ICU locale id of a style: its language with the calendar and, for
 * Latin digits, the numbering system as keywords. false when the style's
 * language is not a tag. */
static bool locale_of(const struct cal_style *s, char out[LOCALE_MAX])
{
    UErrorCode st = U_ZERO_ERROR;
    if (!tag_ok(s->lang))
        return false;
    uloc_forLanguageTag(s->lang, out, LOCALE_MAX, NULL, &st);
    uloc_setKeywordValue("calendar",
                         s->calendar == CAL_PERSIAN ? "persian" : "gregorian",
                         out, LOCALE_MAX, &st);
    if (s->digits == CAL_DIGITS_LATIN)
        uloc_setKeywordValue("numbers", "latn", out, LOCALE_MAX, &st);
    return U_SUCCESS(st) && out[0] != '\0';
}

static UDateFormat *open_date(const char *locale, const char *pattern,
                              bool gregorian)
{
    UChar p[32];
    UErrorCode st = U_ZERO_ERROR;
    u_uastrcpy(p, pattern);
    UDateFormat *f =
        udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, u"UTC", -1, p, -1, &st);
    if (U_SUCCESS(st) && gregorian) {
        /* The record's dates are proleptic Gregorian (util/date.h), not
         * Julian before 1582. */
        UCalendar *c = ucal_clone(udat_getCalendar(f), &st);
        ucal_setGregorianChange(c, -8.64e15, &st);
        if (U_SUCCESS(st))
            udat_setCalendar(f, c);
        ucal_close(c);
    }
    if (U_FAILURE(st)) {
        udat_close(f);
        return NULL;
    }
    return f;
}

/* The ten digits of locale's numbering system (ICU's description of a
 * decimal system is its digits, zero first); false for none. */
static bool digits_of(const char *locale, UChar32 out[10])
{
    UErrorCode st = U_ZERO_ERROR;
    UNumberingSystem *ns = unumsys_open(locale, &st);
    UChar desc[32];
    int32_t n = U_SUCCESS(st) && !unumsys_isAlgorithmic(ns)
                    ? unumsys_getDescription(ns, desc, 32, &st)
                    : 0;
    unumsys_close(ns);
    int32_t i = 0, k = 0;
    while (U_SUCCESS(st) && i < n && k < 10) {
        UChar32 c;
        U16_NEXT(desc, i, n, c);
        out[k++] = c;
    }
    return U_SUCCESS(st) && k == 10 && i == n;
}

/* This thread's formatters for style s, or NULL for a style that names
 * no language. */
static struct held *formatters(const struct cal_style *s)
{
    char locale[LOCALE_MAX];
    if (!locale_of(s, locale))
        return NULL;
    pthread_once(&held_once, held_init);
    struct held *h = pthread_getspecific(held_key);
    if (h && strcmp(h->locale, locale) == 0)
        return h;
    if (h == NULL) {
        h = xcalloc(1, sizeof *h);
        pthread_setspecific(held_key, h);
    }
    held_close(h);
    bool greg = s->calendar == CAL_GREGORIAN;
    UErrorCode st = U_ZERO_ERROR;
    h->date_long = open_date(locale, "d MMMM y", greg);
    h->date_short = open_date(locale, "d MMMM", greg);
    h->number = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &st);
    if (h->date_long == NULL || h->date_short == NULL || U_FAILURE(st) ||
        !digits_of(locale, h->digits)) {
        held_close(h);
        return NULL;
    }
    memcpy(h->locale, locale, sizeof h->locale);
    return h;
}

/* Appends ICU's UTF-16 text u[0..n) as UTF-8. */
static int append_utf16(struct buf *b, const UChar *u, int32_t n)
{
    char out[OUT_MAX * 3 + 1];
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8(out, sizeof out, &len, u, n, &st);
    if (U_FAILURE(st))
        return VG_EINVAL;
    buf_append(b, out, (size_t)len);
    return 0;
}

/* ==== Writing ==== */

static int format_date(struct buf *b, const struct cal_style *s,
                       struct vg_date d, bool with_year)
{
    struct held *h = formatters(s);
    if (h == NULL || !date_valid(d))
        return VG_EINVAL;
    UChar out[OUT_MAX];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n =
        udat_format(with_year ? h->date_long : h->date_short,
                    (UDate)date_to_days(d) * DAY_MS, out, OUT_MAX, NULL, &st);
    return U_FAILURE(st) ? VG_EINVAL : append_utf16(b, out, n);
}

int cal_date_long(struct buf *b, const struct cal_style *s, struct vg_date d)
{
    return format_date(b, s, d, true);
}

int cal_date_short(struct buf *b, const struct cal_style *s, struct vg_date d)
{
    return format_date(b, s, d, false);
}

int cal_number(struct buf *b, const struct cal_style *s, int64_t n)
{
    struct held *h = formatters(s);
    if (h == NULL)
        return VG_EINVAL;
    UChar out[OUT_MAX];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = unum_formatInt64(h->number, n, out, OUT_MAX, NULL, &st);
    return U_FAILURE(st) ? VG_EINVAL : append_utf16(b, out, len);
}

int cal_digits(struct buf *b, const struct cal_style *s, const char *text)
{
    struct held *h = formatters(s);
    if (h == NULL)
        return VG_EINVAL;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9') {
            buf_putc(b, *p);
            continue;
        }
        char u8[U8_MAX_LENGTH];
        int32_t n = 0;
        U8_APPEND_UNSAFE(u8, n, h->digits[*p - '0']); /* room for any */
        buf_append(b, u8, (size_t)n);
    }
    return 0;
}

/* ==== The Persian calendar ==== */

/* A strict Solar Hijri calendar in UTC: a field out of range is an
 * error, not carried into the next month. */
static UCalendar *persian_calendar(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *c =
        ucal_open(u"UTC", -1, "fa@calendar=persian", UCAL_DEFAULT, &st);
    if (U_FAILURE(st)) {
        ucal_close(c);
        return NULL;
    }
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    return c;
}

/* The thread's last answers of cal_from_persian, by day. Opening ICU's
 * calendar for each was 3% of the extractor's time (benchmark P5), and
 * a Persian article writes the same few dates again and again. */
enum { PERSIAN_MEMO = 256 };
static _Thread_local struct {
    int y, m, d, rc; /* y 0: empty */
    struct vg_date out;
} persian_memo[PERSIAN_MEMO];

static int from_persian(int y, int m, int d, struct vg_date *out);

int cal_from_persian(int y, int m, int d, struct vg_date *out)
{
    if (y < 1 || y > 9000 || m < 1 || m > 12 || d < 1 || d > 31)
        return VG_EINVAL;
    unsigned slot = ((unsigned)(y * 12 * 32 + m * 32 + d) * 2654435761u) >> 24;
    if (persian_memo[slot].y != y || persian_memo[slot].m != m ||
        persian_memo[slot].d != d) {
        struct vg_date g = {0, 0, 0};
        int rc = from_persian(y, m, d, &g);
        persian_memo[slot].y = y, persian_memo[slot].m = m;
        persian_memo[slot].d = d, persian_memo[slot].rc = rc;
        persian_memo[slot].out = g;
    }
    if (persian_memo[slot].rc == 0)
        *out = persian_memo[slot].out;
    return persian_memo[slot].rc;
}

static int from_persian(int y, int m, int d, struct vg_date *out)
{
    UCalendar *c = persian_calendar();
    if (c == NULL)
        return VG_EINVAL;
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(c);
    ucal_set(c, UCAL_EXTENDED_YEAR, y);
    ucal_set(c, UCAL_MONTH, m - 1);
    ucal_set(c, UCAL_DATE, d);
    UDate ms = ucal_getMillis(c, &st);
    ucal_close(c);
    if (U_FAILURE(st))
        return VG_EINVAL;
    struct vg_date g = date_from_days((int64_t)floor(ms / DAY_MS));
    if (!date_valid(g))
        return VG_EINVAL;
    *out = g;
    return 0;
}

void cal_to_persian(struct vg_date d, int *y, int *m, int *day)
{
    assert(date_valid(d));
    UCalendar *c = persian_calendar();
    UErrorCode st = U_ZERO_ERROR;
    *y = *m = *day = 0;
    if (c == NULL)
        return;
    ucal_setMillis(c, (UDate)date_to_days(d) * DAY_MS, &st);
    *y = ucal_get(c, UCAL_EXTENDED_YEAR, &st);
    *m = ucal_get(c, UCAL_MONTH, &st) + 1;
    *day = ucal_get(c, UCAL_DATE, &st);
    ucal_close(c);
}

/* ==== Reading what an editor types ==== */

int cal_ascii_digits(struct buf *b, const char *text, size_t n)
{
    const uint8_t *s = (const uint8_t *)text;
    int32_t i = 0, len = (int32_t)n;
    UChar32 c;
    assert(n <= INT32_MAX);
    while (i < len) { /* all of it UTF-8 before anything is appended */
        U8_NEXT(s, i, len, c);
        if (c < 0)
            return VG_EINVAL;
    }
    for (i = 0; i < len;) {
        int32_t at = i;
        U8_NEXT(s, i, len, c);
        if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
            buf_putc(b, (char)('0' + u_charDigitValue(c)));
        else if (c == 0x066B) /* ARABIC DECIMAL SEPARATOR */
            buf_putc(b, '.');
        else if (c == 0x066C) /* ARABIC THOUSANDS SEPARATOR */
            buf_putc(b, ',');
        else
            buf_append(b, text + at, (size_t)(i - at));
    }
    return 0;
}

/* Reads 1..max ASCII digits at *p into *v; advances *p. */
static bool digits(const char **p, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n > 0;
}

int cal_parse_date(const char *text, struct vg_date *out, const char *field,
                   struct vg_err *err)
{
    struct buf a = BUF_INIT(32);
    int y, m, d, rc = VG_EINVAL;
    if (text && cal_ascii_digits(&a, text, strlen(text)) == 0) {
        const char *p = buf_cstr(&a);
        char sep = 0;
        bool shape = digits(&p, 4, &y) && p - buf_cstr(&a) == 4 &&
                     (*p == '-' || *p == '/') && (sep = *p++) &&
                     digits(&p, 2, &m) && *p++ == sep && digits(&p, 2, &d) &&
                     *p == '\0';
        if (shape && y < 1700)
            rc = cal_from_persian(y, m, d, out);
        else if (shape) {
            struct vg_date g = {y, m, d};
            rc = date_valid(g) ? 0 : VG_EINVAL;
            if (rc == 0)
                *out = g;
        }
    }
    buf_release(&a);
    if (rc != 0)
        return vg_err_set(err, VG_EINVAL, field,
                          "is not a date: write YYYY-MM-DD (a year before "
                          "1700 is of the Solar Hijri calendar: 1398-10-07)");
    return 0;
}
