/* demo.c: loading the embedded demo bundle (demo_data.S). */
#include "core/demo.h"

#include <stdint.h>

#include "core/bundle.h"
#include "core/victims.h"

extern const char demo_bundle[], demo_bundle_fa[];
extern const uint64_t demo_bundle_len, demo_bundle_fa_len;

/* The demo's trackers, in the order they load: the English tracker, then
 * its Persian edition (the same events and figures, written for readers
 * of Persian). */
static const struct {
    const char *data;
    const uint64_t *len;
} bundles[DEMO_TRACKERS] = {
    {demo_bundle, &demo_bundle_len},
    {demo_bundle_fa, &demo_bundle_fa_len},
};

const char *demo_data(size_t *len)
{
    *len = (size_t)demo_bundle_len;
    return demo_bundle;
}

/* A few records for the victims registry, with made-up names marked as
 * such: the demo shows the memorial list and "identified N of at least M"
 * without naming anyone real. */
static const struct victim_input demo_victims[] = {
    {.value = {[VF_NAME] = "Sample Person One",
               [VF_AGE] = "23",
               [VF_DATE] = "2019-11-16",
               [VF_PLACE] = "Shiraz",
               [VF_CIRCUMSTANCE] = "killed"},
     .sources = "amnesty",
     .invented = true},
    {.value = {[VF_NAME] = "Sample Person Two",
               [VF_AGE] = "31",
               [VF_DATE] = "2019-11-17",
               [VF_PLACE] = "Shahriar",
               [VF_CIRCUMSTANCE] = "killed"},
     .sources = "amnesty",
     .invented = true},
    {.value = {[VF_NAME] = "Sample Person Three",
               [VF_DATE] = "2019-11-18",
               [VF_PLACE] = "Tehran",
               [VF_CIRCUMSTANCE] = "detained"},
     .invented = true},
};

int demo_load(struct op *op, const char *slugs[DEMO_TRACKERS],
              struct vg_err *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < DEMO_TRACKERS; i++)
        rc = bundle_import(op, bundles[i].data, (size_t)*bundles[i].len,
                           &slugs[i], err);
    /* Public fields only: no master key is needed. The memorial is the
     * English tracker's. */
    for (size_t i = 0;
         rc == 0 && i < sizeof demo_victims / sizeof demo_victims[0]; i++)
        rc = victim_add(op, NULL, slugs[0], &demo_victims[i], NULL, err);
    return rc;
}
