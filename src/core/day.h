/*
 * day.h: "Day N" of a tracker (DESIGN §2).
 *
 * Day 1 is started_on. Days are counted in the tracker's time zone, up to
 * today while the tracker runs and up to ended_on once it has ended: the
 * sample tracker, started 2019-11-15 in Asia/Tehran, reads Day 44 on
 * 2019-12-28 and forever after it ended that day.
 */
#ifndef VIGIL_CORE_DAY_H
#define VIGIL_CORE_DAY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/err.h"

struct day_info {
    int64_t number;      /* Day N; 0 before day 1 */
    struct vg_date date; /* the local date that N counts to */
    bool ended;          /* coverage ended: date is ended_on */
};

/* Computes the day at UTC time `now`. Fails only for a tracker whose time
 * zone is not known (VG_EINVAL). */
int tracker_day(const struct tracker *t, int64_t now, struct day_info *out,
                struct vg_err *err);

/* The local date of UTC time t in the tracker's time zone (for grouping
 * updates by day); falls back to the UTC date for an unknown zone. */
struct vg_date tracker_local_date(const struct tracker *t, int64_t at);

/* The UTC time at which Day `number` begins in the tracker's time zone;
 * falls back to UTC midnight for an unknown zone. */
int64_t tracker_day_start(const struct tracker *t, int64_t number);

/* When the tracker's Day N next changes (its next local midnight) after
 * the day described by d; 0 when it never will (coverage ended). */
int64_t tracker_day_changes_at(const struct tracker *t,
                               const struct day_info *d);

/* The local date and clock time ("14:05") of UTC time `at`. */
struct vg_date tracker_local_clock(const struct tracker *t, int64_t at,
                                   char hhmm[6]);

#endif
