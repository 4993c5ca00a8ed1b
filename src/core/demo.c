/* demo.c: loading the embedded demo bundle (demo_data.S). */
#include "core/demo.h"

#include <stdint.h>

#include "core/bundle.h"

extern const char demo_bundle[];
extern const uint64_t demo_bundle_len;

const char *demo_data(size_t *len)
{
    *len = (size_t)demo_bundle_len;
    return demo_bundle;
}

int demo_load(struct op *op, const char **slug, struct vg_err *err)
{
    size_t len;
    const char *data = demo_data(&len);
    return bundle_import(op, data, len, slug, err);
}
