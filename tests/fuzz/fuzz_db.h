/*
 * fuzz_db.h: the database the import targets write to: a fresh file in a
 * temporary folder with the demo tracker loaded, made once when the
 * fuzzer starts, and an op for the host (every role).
 */
#ifndef VIGIL_TESTS_FUZZ_DB_H
#define VIGIL_TESTS_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>

#include "core/demo.h"
#include "core/model.h"
#include "core/op.h"
#include "store/store.h"

/* Opens the demo database in a new temporary folder, its path in
 * path[64]; aborts on failure (a fuzzer that cannot start must not report
 * success). */
static inline struct store *fuzz_demo_db(char *path)
{
    static char dir[] = "/tmp/vigil-fuzz.XXXXXX";
    struct store *st = NULL;
    struct vg_err err = VG_ERR_INIT;
    struct arena a = ARENA_INIT;
    const char *slug;
    if (mkdtemp(dir) == NULL)
        abort();
    snprintf(path, 64, "%s/fuzz.db", dir);
    struct op op = {NULL, &a, "host:fuzz", 1577534400, ROLE_ALL};
    if (store_open(path, STORE_CREATE, &st, &err) != 0)
        abort();
    op.st = st;
    if (demo_load(&op, &slug, &err) != 0) {
        fprintf(stderr, "fuzz: demo: %s\n", err.msg);
        abort();
    }
    arena_release(&a);
    return st;
}

#endif
