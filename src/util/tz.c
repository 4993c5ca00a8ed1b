/*
 * tz.c: conversion to a named zone through ICU's calendar (ucal).
 *
 * A calendar may not be shared between threads, so each thread keeps its
 * own, for the last zone it converted in (opening one costs more than the
 * conversion: rendering a live page took 10.9 million instructions with a
 * calendar opened per call, against 6.3 million before ICU); a thread's
 * is closed when the thread ends. ICU loads its zone data once behind its
 * own locks. Nothing here reads or writes process state such as the TZ
 * environment variable, so request threads may convert at the same time.
 * Callers that convert often (a server rendering "Day N") also cache the
 * result until the next local midnight.
 */
#include "util/tz.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "util/err.h"
#include "util/xmalloc.h"

enum {
    ZONE_MAX = 64,       /* longest zone name accepted, in bytes */
    CANONICAL_MAX = 128, /* room for ICU's canonical form of a name */
};

/* Letters, digits, '_', '-', '+' and '/' between parts, no "." parts. */
static bool well_formed(const char *zone)
{
    size_t n = strlen(zone);
    if (n == 0 || n > ZONE_MAX || zone[0] == '/' || zone[n - 1] == '/')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = zone[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
                  c == '/';
        if (!ok || (c == '/' && zone[i + 1] == '/'))
            return false;
    }
    return true;
}

/* Opens a Gregorian calendar in `zone`; NULL for a name that is not one of
 * ICU's system zones (ucal_open itself would silently fall back to GMT). */
static UCalendar *open_zone(const char *zone)
{
    if (zone == NULL || !well_formed(zone) || strcmp(zone, "Etc/Unknown") == 0)
        return NULL;
    UChar id[ZONE_MAX + 1], canonical[CANONICAL_MAX];
    int32_t n = (int32_t)strlen(zone);
    u_charsToUChars(zone, id, n);
    UBool system = false;
    UErrorCode st = U_ZERO_ERROR;
    ucal_getCanonicalTimeZoneID(id, n, canonical, CANONICAL_MAX, &system, &st);
    if (U_FAILURE(st) || !system)
        return NULL;
    UCalendar *cal = ucal_open(id, n, "en_US_POSIX", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) {
        ucal_close(cal);
        return NULL;
    }
    /* Vigil's dates are proleptic Gregorian (util/date.h). */
    ucal_setGregorianChange(cal, -8.64e15, &st);
    /* A day starts at its first existing second: a skipped midnight
     * moves to the end of the gap, a repeated one is its first pass. */
    ucal_setAttribute(cal, UCAL_SKIPPED_WALL_TIME, UCAL_WALLTIME_NEXT_VALID);
    ucal_setAttribute(cal, UCAL_REPEATED_WALL_TIME, UCAL_WALLTIME_FIRST);
    return cal;
}

/* The thread's calendar and its zone. */
struct held {
    char zone[ZONE_MAX + 1];
    UCalendar *cal;
};

static pthread_key_t held_key;
static pthread_once_t held_once = PTHREAD_ONCE_INIT;

static void held_free(void *p)
{
    struct held *h = p;
    ucal_close(h->cal);
    free(h);
}

static void held_init(void)
{
    pthread_key_create(&held_key, held_free);
}

/* The calendar of this thread in `zone` (not to be closed), or NULL as
 * for open_zone. */
static UCalendar *zone_calendar(const char *zone)
{
    pthread_once(&held_once, held_init);
    struct held *h = pthread_getspecific(held_key);
    if (h && zone && strcmp(h->zone, zone) == 0)
        return h->cal;
    UCalendar *cal = open_zone(zone);
    if (cal == NULL)
        return NULL;
    if (h == NULL) {
        h = xcalloc(1, sizeof *h);
        pthread_setspecific(held_key, h);
    } else {
        ucal_close(h->cal);
    }
    h->cal = cal;
    memcpy(h->zone, zone, strlen(zone) + 1); /* well_formed: <= ZONE_MAX */
    return cal;
}

bool tz_valid(const char *zone)
{
    return zone_calendar(zone) != NULL;
}

int tz_local_date(const char *zone, int64_t t, struct vg_date *out,
                  long *offset)
{
    UCalendar *cal = zone_calendar(zone);
    if (cal == NULL)
        return VG_EINVAL;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(cal, (UDate)t * 1000.0, &st);
    struct vg_date d = {ucal_get(cal, UCAL_EXTENDED_YEAR, &st),
                        ucal_get(cal, UCAL_MONTH, &st) + 1,
                        ucal_get(cal, UCAL_DATE, &st)};
    int32_t ms = ucal_get(cal, UCAL_ZONE_OFFSET, &st) +
                 ucal_get(cal, UCAL_DST_OFFSET, &st);
    if (U_FAILURE(st))
        return VG_EINVAL;
    *out = d;
    if (offset)
        *offset = ms / 1000;
    return 0;
}

int tz_day_start(const char *zone, struct vg_date d, int64_t *out)
{
    return tz_wall_time(zone, d, 0, out);
}

int tz_wall_time(const char *zone, struct vg_date d, int minute, int64_t *out)
{
    UCalendar *cal = zone_calendar(zone);
    if (cal == NULL || minute < 0 || minute >= 24 * 60)
        return VG_EINVAL;
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(cal);
    ucal_set(cal, UCAL_EXTENDED_YEAR, d.year);
    ucal_set(cal, UCAL_MONTH, d.month - 1);
    ucal_set(cal, UCAL_DATE, d.day);
    ucal_set(cal, UCAL_HOUR_OF_DAY, minute / 60);
    ucal_set(cal, UCAL_MINUTE, minute % 60);
    UDate ms = ucal_getMillis(cal, &st);
    if (U_FAILURE(st))
        return VG_EINVAL;
    /* Whole seconds: a zone's offsets and its midnights are. */
    *out = (int64_t)(ms / 1000.0);
    return 0;
}
