/*
 * fuzz_acled.c: libFuzzer target for the ACLED CSV import
 * (core/acled.c): any bytes are imported into the demo tracker of a real
 * SQLite database made at start. The import must refuse or accept without
 * a crash, a leak or a read past the input (which is copied to a buffer
 * of exactly its size), and a refusal must say why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/acled.h"
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
    int64_t count = 0;
    char *copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    int rc = acled_import(&op, "iran-nov-2019", copy, size, &count, &err);
    if (rc != 0 && err.msg[0] == '\0')
        abort(); /* refused without a reason */
    free(copy);
    arena_release(&a);
    return 0;
}
