/*
 * fuzz_extract.c: libFuzzer target for the extractor (src/extract).
 *
 * Any bytes go to extract_text() with a publication date and the test
 * gazetteer, then the result is turned into JSON: the extractor must not
 * crash, leak or overflow, every proposal must point inside the input,
 * and refused input (not UTF-8, a NUL) must leave nothing behind.
 * Built and run for 60 s by `make test` (tests/run-all.sh).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "geo/gazetteer.h"

static struct gazetteer *gaz;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("VIGIL_GAZETTEER");
    struct vg_err err = VG_ERR_INIT;
    if (gazetteer_open(path ? path : "data/gazetteer/test.tsv", &gaz, &err))
        abort();
    return 0;
}

static void check_span(struct ex_span s, size_t size)
{
    if (s.off > size || s.len > size - s.off || s.len == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct extract_opts o = {.published = {2019, 12, 28},
                             .gaz = gaz,
                             .country = size % 2 ? "IR" : NULL};
    struct extraction x;
    struct vg_err err = VG_ERR_INIT;
    if (extract_text((const char *)data, size, &o, &x, &err) == 0) {
        for (size_t i = 0; i < x.ndates; i++)
            check_span(x.dates[i].at, size);
        for (size_t i = 0; i < x.ntallies; i++)
            check_span(x.tallies[i].at, size);
        for (size_t i = 0; i < x.nplaces; i++)
            check_span(x.places[i].at, size);
        if (x.counter.day)
            check_span(x.counter.at, size);
        json_t *j = extraction_json(&x, (const char *)data);
        if (j == NULL)
            abort();
        json_decref(j);
    } else if (x.ndates || x.ntallies || x.nplaces) {
        abort();
    }
    extraction_free(&x);
    return 0;
}
