/*
 * p5_extract.c: benchmark P5 (DESIGN §6): how many megabytes of news text
 * the extractor reads per second on one core, and memchr's speed over
 * the same bytes, the ceiling of any pass over them.
 *
 * Loads the gazetteer once (as `vigil serve` does), reads FILE, then runs
 * extract_text() over it again and again for at least SECONDS and prints
 * "MB/s" (10^6 bytes), the runs and the proposals found per run; then
 * memchr for a byte the text never holds (NUL: utf8_check refuses it),
 * each call a scan of the whole text, for as long, and its MB/s.
 * Both are per second of the thread's CPU time: on a shared machine the
 * time the thread waits for the core is not the extractor's. Wall-clock
 * MB/s follow in parentheses.
 * Usage: p5-extract GAZETTEER FILE [SECONDS]
 * With SECONDS negative, runs the extractor exactly -SECONDS times (for
 * callgrind) and skips memchr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "geo/gazetteer.h"

/* Seconds of clock c. */
static double now(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = malloc(EXTRACT_MAX_BYTES + 1);
    *n = buf ? fread(buf, 1, EXTRACT_MAX_BYTES, f) : 0;
    fclose(f);
    return buf;
}

/* What a timed loop did: runs, CPU and wall seconds. */
struct timing {
    long runs;
    double cpu, wall;
};

static void print_rate(const char *what, size_t n, struct timing t,
                       const char *tail)
{
    printf("%.1f MB/s %s: %ld runs over %zu bytes in %.2f s CPU (%.1f MB/s "
           "wall)%s\n",
           (double)n * (double)t.runs / t.cpu / 1e6, what, t.runs, n, t.cpu,
           (double)n * (double)t.runs / t.wall / 1e6, tail);
}

/* memchr for NUL over text[0..n) for at least limit CPU seconds. */
static struct timing time_memchr(const char *text, size_t n, double limit)
{
    /* Called through a volatile pointer: memchr is a pure function, and
     * the compiler would otherwise scan once for sixteen calls. */
    void *(*volatile scan)(const void *, int, size_t) = memchr;
    double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
    struct timing t = {0, 0, 0};
    size_t found = 0;
    do { /* the CPU clock is a system call: read it every 16 scans */
        for (int k = 0; k < 16; k++)
            found += scan(text, '\0', n) != NULL;
        t.runs += 16;
        t.cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
    } while (t.cpu < limit);
    t.wall = now(CLOCK_MONOTONIC) - w0;
    if (found) /* never: keeps the calls from being optimised away */
        printf("p5-extract: a NUL in the text\n");
    return t;
}

int main(int argc, char **argv)
{
    struct gazetteer *g;
    struct vg_err err = VG_ERR_INIT;
    size_t n;
    char *text = argc >= 3 ? slurp(argv[2], &n) : NULL;
    if (text == NULL || gazetteer_open(argv[1], &g, &err) != 0) {
        fprintf(stderr, "usage: p5-extract GAZETTEER FILE [SECONDS] (%s)\n",
                err.msg);
        return 2;
    }
    double limit = argc > 3 ? atof(argv[3]) : 5;
    double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
    struct extract_opts o = {.published = {2019, 12, 28}, .gaz = g};
    struct timing t = {0, 0, 0};
    size_t found = 0;
    do {
        struct extraction x;
        if (extract_text(text, n, &o, &x, &err) != 0) {
            fprintf(stderr, "p5-extract: %s\n", err.msg);
            return 1;
        }
        found = x.ndates + x.ntallies + x.nplaces + (x.counter.day != 0);
        extraction_free(&x);
        t.runs++;
        t.cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
    } while (limit < 0 ? t.runs < (long)-limit : t.cpu < limit);
    t.wall = now(CLOCK_MONOTONIC) - w0;
    char tail[64];
    snprintf(tail, sizeof tail, ", %zu proposals a run", found);
    print_rate("extract", n, t, tail);
    if (limit > 0)
        print_rate("memchr", n, time_memchr(text, n, limit), "");
    gazetteer_free(g);
    free(text);
    return 0;
}
