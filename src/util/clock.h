/*
 * clock.h: the one place Vigil reads the current time.
 *
 * VIGIL_NOW=2019-12-28T12:00:00Z in the environment (read once, at the
 * first call) fixes "now", so every "today" (Day N, timestamps of new
 * records) is testable and a demo can be shown as of a chosen moment. Core
 * functions take `now` as a parameter and never call this themselves.
 */
#ifndef VIGIL_UTIL_CLOCK_H
#define VIGIL_UTIL_CLOCK_H

#include <stdint.h>

#include "util/err.h"

/* Stores the current UTC time in *out (seconds since the epoch). Returns 0,
 * or VG_EINVAL (with err filled) when VIGIL_NOW is set but malformed. */
int clock_now(int64_t *out, struct vg_err *err);

#endif
