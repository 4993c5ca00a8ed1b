/*
 * calendar.h: dates and numbers as a reader of one language reads them,
 * through ICU (Debian's libicu): the Solar Hijri (Jalali) calendar and
 * Persian digits for Persian, Arabic month names and Arabic-Indic or
 * Latin digits for Arabic, and back from what an editor types.
 *
 * The record keeps proleptic Gregorian dates and Latin digits
 * (util/date.h); feeds and the API write those. Only pages for people
 * go through here.
 *
 * Safe to call from many threads: each keeps its own ICU formatters
 * (they may not be shared), for the last style it wrote.
 */
#ifndef VIGIL_UTIL_CALENDAR_H
#define VIGIL_UTIL_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

enum cal_calendar {
    CAL_GREGORIAN = 0,
    CAL_PERSIAN = 1, /* Solar Hijri: 1 Farvardin is Nowruz */
};

enum cal_digits {
    CAL_DIGITS_NATIVE = 0, /* the language's own: ۰–۹ for fa, ٠–٩ for ar */
    CAL_DIGITS_LATIN = 1, /* 0–9 */
};

/* How one tracker writes dates and numbers for its readers. */
struct cal_style {
    const char *lang; /* BCP 47 language: "en", "fa", "ar"... */
    enum cal_calendar calendar;
    enum cal_digits digits;
    bool gregorian_beside; /* another calendar's dates in full show the
                              Gregorian one beside them */
};

/* The longest language tag a style may name (bytes). */
enum { CAL_LANG_MAX = 35 };

/* Appends date d as the style writes a day in full: "28 December 2019",
 * "۷ دی ۱۳۹۸", "٢٨ ديسمبر ٢٠١٩". VG_EINVAL for an invalid date or a
 * language tag that is not one (nothing appended). */
int cal_date_long(struct buf *b, const struct cal_style *s, struct vg_date d);
/* The same without the year: "28 December", "۷ دی". */
int cal_date_short(struct buf *b, const struct cal_style *s, struct vg_date d);
/* Appends n with the style's digits and grouping: "12,000", "۱۲٬۰۰۰". */
int cal_number(struct buf *b, const struct cal_style *s, int64_t n);

/* Appends text with each ASCII digit in the style's digits, the rest as
 * it is: "14:05" is "۱۴:۰۵" in Persian. VG_EINVAL for a style that
 * names no language (nothing appended). */
int cal_digits(struct buf *b, const struct cal_style *s, const char *text);

/* The Gregorian date of Solar Hijri year y, month m (1 = Farvardin), day
 * d. VG_EINVAL for a day that calendar does not have (1403-12-30 exists,
 * 1402-12-30 does not). */
int cal_from_persian(int y, int m, int d, struct vg_date *out);
/* The Solar Hijri year, month and day of a valid Gregorian date. */
void cal_to_persian(struct vg_date d, int *y, int *m, int *day);

/*
 * Appends text[0..n) with every decimal digit of any script (Persian
 * ۰–۹, Arabic-Indic ٠–٩, ...) as its ASCII digit, the Arabic decimal
 * and thousands separators (U+066B, U+066C) as '.' and ',', and the rest
 * as it is: what an editor types, ready for the record's parsers. The
 * text must be UTF-8 (VG_EINVAL otherwise; nothing appended).
 */
int cal_ascii_digits(struct buf *b, const char *text, size_t n);

/*
 * Parses a date as an editor types it: "YYYY-MM-DD" or "YYYY/MM/DD" in
 * any digits; a year below 1700 is Solar Hijri ("۱۳۹۸/۱۰/۰۷" is
 * 2019-12-28), from 1700 Gregorian. VG_EINVAL with a message in err
 * (field `field`) for anything else.
 */
int cal_parse_date(const char *text, struct vg_date *out, const char *field,
                   struct vg_err *err);

#endif
