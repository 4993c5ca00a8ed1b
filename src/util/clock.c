/* clock.c: wall clock, overridable by VIGIL_NOW. */
#include "util/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/date.h"

int clock_now(int64_t *out, struct vg_err *err)
{
    const char *fixed = getenv("VIGIL_NOW");
    if (fixed == NULL || *fixed == '\0') {
        *out = (int64_t)time(NULL);
        return 0;
    }
    if (timestamp_parse(fixed, strlen(fixed), out) != 0)
        return vg_err_set(err, VG_EINVAL, "VIGIL_NOW",
                          "must be a UTC time like 2019-12-28T12:00:00Z");
    return 0;
}
