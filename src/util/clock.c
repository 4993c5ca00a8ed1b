/*
 * clock.c: wall clock, overridable by VIGIL_NOW.
 *
 * VIGIL_NOW is read once, on the first call, and kept: the environment is
 * process state that request threads must not read while anything could
 * change it, so nothing reads it again after start.
 */
#include "util/clock.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/date.h"

/* VIGIL_NOW as read once: written by read_fixed only, under `once`. */
static struct {
    pthread_once_t once;
    bool set;    /* VIGIL_NOW was set and not empty */
    int status;  /* 0, or VG_EINVAL when it was malformed */
    int64_t now; /* its time, seconds since the epoch */
} fixed = {PTHREAD_ONCE_INIT, false, 0, 0};

static void read_fixed(void)
{
    const char *s = getenv("VIGIL_NOW");
    if (s == NULL || *s == '\0')
        return;
    fixed.set = true;
    if (timestamp_parse(s, strlen(s), &fixed.now) != 0)
        fixed.status = VG_EINVAL;
}

int clock_now(int64_t *out, struct vg_err *err)
{
    pthread_once(&fixed.once, read_fixed);
    if (!fixed.set) {
        *out = (int64_t)time(NULL);
        return 0;
    }
    if (fixed.status != 0)
        return vg_err_set(err, VG_EINVAL, "VIGIL_NOW",
                          "must be a UTC time like 2019-12-28T12:00:00Z");
    *out = fixed.now;
    return 0;
}
