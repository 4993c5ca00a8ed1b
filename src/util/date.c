/*
 * date.c: civil-date arithmetic without the C library's time zone state.
 *
 * Day numbers use the days-from-civil algorithm (H. Hinnant, "chrono-
 * Compatible Low-Level Date Algorithms"), exact for the Gregorian calendar.
 */
#include "util/date.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `width` ASCII digits. */
static bool digits(const char *s, int width, int *out)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool date_valid(struct vg_date d)
{
    return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= month_days(d.year, d.month);
}

int date_parse(const char *s, size_t n, struct vg_date *out)
{
    struct vg_date d;
    if (n != DATE_LEN || s[4] != '-' || s[7] != '-' || !digits(s, 4, &d.year) ||
        !digits(s + 5, 2, &d.month) || !digits(s + 8, 2, &d.day) ||
        !date_valid(d))
        return VG_EINVAL;
    *out = d;
    return 0;
}

/* Writes v's last `width` decimal digits, zero-padded, at p: the
 * formatters run once or more per stored row, where snprintf's cost
 * showed (bench P6). */
static char *put_digits(char *p, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10u);
        v /= 10u;
    }
    return p + width;
}

void date_format(struct vg_date d, char out[DATE_LEN + 1])
{
    char *p = put_digits(out, (unsigned)d.year, 4);
    *p++ = '-';
    p = put_digits(p, (unsigned)d.month, 2);
    *p++ = '-';
    p = put_digits(p, (unsigned)d.day, 2);
    *p = '\0';
}

void date_format_long(struct vg_date d, char *out, size_t size)
{
    snprintf(out, size, "%d %s %04d", d.day, month_names[(d.month - 1) % 12],
             d.year);
}

int64_t date_to_days(struct vg_date d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct vg_date date_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    struct vg_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

int date_cmp(struct vg_date a, struct vg_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

struct vg_date timestamp_utc_date(int64_t t)
{
    return date_from_days(floor_div(t, 86400));
}

int timestamp_parse(const char *s, size_t n, int64_t *out)
{
    struct vg_date d;
    int hh, mm, ss;
    if (n != TIMESTAMP_LEN || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != 'Z' || date_parse(s, DATE_LEN, &d) != 0 ||
        !digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mm) ||
        !digits(s + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59)
        return VG_EINVAL;
    *out = date_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
    return 0;
}

void timestamp_format(int64_t t, char out[TIMESTAMP_LEN + 1])
{
    int64_t days = floor_div(t, 86400);
    int64_t secs = t - days * 86400;
    struct vg_date d = date_from_days(days);
    unsigned s = (unsigned)secs % 86400u;
    date_format(d, out);
    char *p = out + DATE_LEN;
    *p++ = 'T';
    p = put_digits(p, s / 3600u, 2);
    *p++ = ':';
    p = put_digits(p, s / 60u % 60u, 2);
    *p++ = ':';
    p = put_digits(p, s % 60u, 2);
    *p++ = 'Z';
    *p = '\0';
}
