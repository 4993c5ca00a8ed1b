/* day.c: day numbers in a tracker's time zone. */
#include "core/day.h"

#include "util/tz.h"

int tracker_day(const struct tracker *t, int64_t now, struct day_info *out,
                struct vg_err *err)
{
    struct vg_date today;
    if (tz_local_date(t->timezone, now, &today, NULL) != 0)
        return vg_err_set(err, VG_EINVAL, "timezone",
                          "time zone %s is not installed", t->timezone);
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
