/*
 * p5_extract.c: benchmark P5 (DESIGN §6): how many megabytes of news text
 * the extractor reads per second on one core.
 *
 * Loads the gazetteer once (as `vigil serve` does), reads FILE, then runs
 * extract_text() over it again and again for at least SECONDS and prints
 * "MB/s" (10^6 bytes), the runs and the proposals found per run.
 * Usage: p5-extract GAZETTEER FILE [SECONDS]
 * With SECONDS negative, runs exactly -SECONDS times (for callgrind).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "extract/extract.h"
#include "geo/gazetteer.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
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
    double limit = argc > 3 ? atof(argv[3]) : 5, t0 = now(), t;
    struct extract_opts o = {.published = {2019, 12, 28}, .gaz = g};
    long runs = 0;
    size_t found = 0;
    do {
        struct extraction x;
        if (extract_text(text, n, &o, &x, &err) != 0) {
            fprintf(stderr, "p5-extract: %s\n", err.msg);
            return 1;
        }
        found = x.ndates + x.ntallies + x.nplaces + (x.counter.day != 0);
        extraction_free(&x);
        runs++;
        t = now() - t0;
    } while (limit < 0 ? runs < (long)-limit : t < limit);
    printf("%.1f MB/s: %ld runs over %zu bytes in %.2f s, %zu proposals a "
           "run\n",
           (double)n * (double)runs / t / 1e6, runs, n, t, found);
    gazetteer_free(g);
    free(text);
    return 0;
}
