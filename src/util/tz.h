/*
 * tz.h: local calendar dates in a named IANA time zone ("Asia/Tehran").
 *
 * Zone names are checked against the system's tz database
 * (/usr/share/zoneinfo, Debian's tzdata), because the C library silently
 * treats an unknown zone as UTC.
 */
#ifndef VIGIL_UTIL_TZ_H
#define VIGIL_UTIL_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"

/* Returns true when `zone` is a well-formed name of an installed zone. */
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

#endif
