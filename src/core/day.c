/* day.c: day numbers in a tracker's time zone. */
#include "core/day.h"

#include <stdio.h>

#include "util/tz.h"

int tracker_day(const struct tracker *t, int64_t now, struct day_info *out,
                struct vg_err *err)
{
    struct vg_date today;
    if (tz_local_date(t->timezone, now, &today, NULL) != 0)
        return vg_err_set(err, VG_EINVAL, "timezone",
                          "time zone %s is not known", t->timezone);
    out->ended = t->ended_on.year != 0 && date_cmp(today, t->ended_on) >= 0;
    out->date = out->ended ? t->ended_on : today;
    int64_t n = date_to_days(out->date) - date_to_days(t->started_on) + 1;
    out->number = n > 0 ? n : 0;
    return 0;
}

struct vg_date tracker_local_date(const struct tracker *t, int64_t at)
{
    struct vg_date d;
    if (tz_local_date(t->timezone, at, &d, NULL) != 0)
        d = timestamp_utc_date(at);
    return d;
}

int64_t tracker_day_start(const struct tracker *t, int64_t number)
{
    struct vg_date d = date_from_days(date_to_days(t->started_on) + number - 1);
    int64_t start;
    if (tz_day_start(t->timezone, d, &start) != 0)
        start = date_to_days(d) * 86400;
    return start;
}

int64_t tracker_day_changes_at(const struct tracker *t,
                               const struct day_info *d)
{
    if (d->ended)
        return 0;
    int64_t today = date_to_days(d->date) - date_to_days(t->started_on) + 1;
    return tracker_day_start(t, today + 1);
}

struct vg_date tracker_local_clock(const struct tracker *t, int64_t at,
                                   char hhmm[6])
{
    struct vg_date d;
    long offset = 0;
    if (tz_local_date(t->timezone, at, &d, &offset) != 0)
        d = timestamp_utc_date(at);
    int64_t secs = ((at + offset) % 86400 + 86400) % 86400;
    snprintf(hhmm, 6, "%02u:%02u", (unsigned)(secs / 3600) % 24u,
             (unsigned)(secs / 60 % 60));
    return d;
}
