/*
 * tz.h: local calendar dates in a named IANA time zone ("Asia/Tehran").
 *
 * Conversions use ICU's time zone data (Debian's libicu) and are safe to
 * call from many threads at once: they touch no process state (no TZ
 * variable, no tzset). Zone names are checked against ICU's system zones,
 * because ICU, like the C library, silently treats an unknown zone as GMT.
 */
#ifndef VIGIL_UTIL_TZ_H
#define VIGIL_UTIL_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"

/* Returns true when `zone` is a well-formed name of a zone ICU knows. */
bool tz_valid(const char *zone);

/*
 * Stores in *out the calendar date in `zone` at UTC time `t` (seconds since
 * the epoch) and, if offset is not NULL, the zone's UTC offset in seconds
 * then. Returns 0, or VG_EINVAL for an invalid zone.
 */
int tz_local_date(const char *zone, int64_t t, struct vg_date *out,
                  long *offset);

/*
 * Stores in *out the UTC time at which local date `d` begins in `zone`
 * (its first existing second, where a clock change skips midnight).
 * Returns 0, or VG_EINVAL for an invalid zone.
 */
int tz_day_start(const char *zone, struct vg_date d, int64_t *out);

/*
 * Stores in *out the UTC time of the wall-clock time `minute` minutes
 * after midnight (0..1439) of local date d in `zone`. A time a clock
 * change skips is read as the first time after the gap (02:30, on a
 * night the clocks go from 02:00 to 03:00, is 03:00); one it repeats is
 * its first pass. Returns 0, or VG_EINVAL for an invalid zone or minute.
 */
int tz_wall_time(const char *zone, struct vg_date d, int minute, int64_t *out);

#endif
