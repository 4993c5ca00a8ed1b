/*
 * fuzz_bundle.c: libFuzzer target for the bundle import
 * (core/bundle.c): any bytes are imported as a new tracker into a real
 * SQLite database holding the demo, made at start. The import must refuse or
 * accept without a crash, a leak or a read past the input (which is copied to a
 * buffer of exactly its size), and a refusal must say why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle.h"
#include "fuzz_db.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char path[64];
    st = fuzz_demo_db(path);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct vg_err err = VG_ERR_INIT;
    struct op op = {st, &a, "host:fuzz", 1577534400, ROLE_ALL};
    const char *slug = NULL;
    char *copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    int rc = bundle_import(&op, copy, size, &slug, &err);
    if (rc != 0 && err.msg[0] == '\0')
        abort(); /* refused without a reason */
    free(copy);
    arena_release(&a);
    return 0;
}
