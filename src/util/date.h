/*
 * date.h: calendar dates and UTC timestamps, as Vigil stores them.
 *
 * Formats accepted and written: dates "YYYY-MM-DD" (proleptic Gregorian,
 * years 1000-9999), timestamps "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fractions,
 * no other offsets). Parsing is strict: exactly these shapes, real calendar
 * days. Day numbers count days since 1970-01-01 (which is day 0).
 */
#ifndef VIGIL_UTIL_DATE_H
#define VIGIL_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vg_date {
    int year;  /* 1000-9999; 0 means "no date" */
    int month; /* 1-12 */
    int day;   /* 1-31 */
};

enum { DATE_LEN = 10, TIMESTAMP_LEN = 20 };

/* ==== Dates ==== */

/* Parses exactly "YYYY-MM-DD" from s[0..n). Returns 0 or VG_EINVAL. */
int date_parse(const char *s, size_t n, struct vg_date *out);
/* Writes "YYYY-MM-DD" and a NUL into out. */
void date_format(struct vg_date d, char out[DATE_LEN + 1]);
/* Returns true when d names a real day (year 0 is "no date": false). */
bool date_valid(struct vg_date d);
/* Days since 1970-01-01 for a valid date. */
int64_t date_to_days(struct vg_date d);
/* The date of a day number. */
struct vg_date date_from_days(int64_t days);
/* Compares two dates like strcmp. */
int date_cmp(struct vg_date a, struct vg_date b);
/* Writes "28 December 2019" into out (at least 24 bytes). */
void date_format_long(struct vg_date d, char *out, size_t size);

/* ==== Timestamps (seconds since the epoch, UTC) ==== */

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ". Returns 0 or VG_EINVAL. */
int timestamp_parse(const char *s, size_t n, int64_t *out);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" and a NUL into out. */
void timestamp_format(int64_t t, char out[TIMESTAMP_LEN + 1]);
/* The UTC calendar date of a timestamp. */
struct vg_date timestamp_utc_date(int64_t t);

#endif
