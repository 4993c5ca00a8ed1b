/*
 * tz.c: conversion to a named zone through the C library.
 *
 * glibc converts only in the zone named by the TZ environment variable, which
 * is process state. Every conversion therefore sets TZ, calls tzset() and
 * localtime_r() and puts TZ back, all under one mutex; nothing else in Vigil
 * reads TZ. Callers that convert often (a server rendering "Day N") cache the
 * result until the next local midnight.
 */
#define _POSIX_C_SOURCE 200809L
#include "util/tz.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/err.h"
#include "util/xmalloc.h"

enum { ZONE_MAX = 64 };

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

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

bool tz_valid(const char *zone)
{
    if (zone == NULL || !well_formed(zone))
        return false;
    char path[sizeof "/usr/share/zoneinfo/" + ZONE_MAX];
    strcpy(path, "/usr/share/zoneinfo/");
    strcat(path, zone);
    /* A compiled zone starts with the TZif magic; the directory also holds
     * text files (leapseconds, zone.tab) that glibc would read as UTC. */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(path, "rb");
    char magic[4] = {0};
    bool is_zone =
        f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
    if (f)
        fclose(f);
    return is_zone;
}

/* Runs fn with TZ set to zone, under the lock; see the file comment. */
static void in_zone(const char *zone, void (*fn)(void *), void *arg)
{
    char spec[ZONE_MAX + 2] = ":";
    strcat(spec, zone);
    pthread_mutex_lock(&tz_lock);
    const char *old = getenv("TZ");
    char *saved = old ? xstrdup(old) : NULL;
    setenv("TZ", spec, 1);
    tzset();
    fn(arg);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    pthread_mutex_unlock(&tz_lock);
    free(saved);
}

struct local_call {
    time_t t;
    struct tm tm;
    bool ok;
};

static void to_local(void *p)
{
    struct local_call *c = p;
    c->ok = localtime_r(&c->t, &c->tm) != NULL;
}

static void from_local(void *p)
{
    struct local_call *c = p;
    c->tm.tm_isdst = -1;
    c->t = mktime(&c->tm);
    c->ok = c->t != (time_t)-1;
}

int tz_local_date(const char *zone, int64_t t, struct vg_date *out,
                  long *offset)
{
    if (!tz_valid(zone))
        return VG_EINVAL;
    struct local_call c = {.t = (time_t)t};
    in_zone(zone, to_local, &c);
    if (!c.ok)
        return VG_EINVAL;
    out->year = c.tm.tm_year + 1900;
    out->month = c.tm.tm_mon + 1;
    out->day = c.tm.tm_mday;
    if (offset)
        *offset = c.tm.tm_gmtoff;
    return 0;
}

int tz_day_start(const char *zone, struct vg_date d, int64_t *out)
{
    if (!tz_valid(zone))
        return VG_EINVAL;
    struct local_call c = {0};
    c.tm.tm_year = d.year - 1900;
    c.tm.tm_mon = d.month - 1;
    c.tm.tm_mday = d.day;
    in_zone(zone, from_local, &c);
    if (!c.ok)
        return VG_EINVAL;
    /* Where midnight does not exist, mktime moves it forward or back by
     * the gap; the day starts at the first second that is on date d. */
    struct vg_date got;
    if (tz_local_date(zone, c.t, &got, NULL) == 0 && date_cmp(got, d) < 0)
        c.t += 3600;
    *out = (int64_t)c.t;
    return 0;
}
