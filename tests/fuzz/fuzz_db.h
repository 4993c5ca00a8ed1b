/*
 * fuzz_db.h: the database the import targets write to: a fresh file in a
 * temporary folder with the demo tracker loaded, made once when the
 * fuzzer starts, and an op for the host (every role).
 */
#ifndef VIGIL_TESTS_FUZZ_DB_H
#define VIGIL_TESTS_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/demo.h"
#include "model/model.h"
#include "core/op.h"
#include "store/store.h"

static char fuzz_dir[] = "/tmp/vigil-fuzz.XXXXXX";

/* Removes the database and its folder when the fuzzer exits. */
static inline void fuzz_remove_db(void)
{
    static const char *const files[] = {"fuzz.db", "fuzz.db-wal", "fuzz.db-shm",
                                        "fuzz.db-journal"};
    char path[64];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_dir, files[i]);
        unlink(path);
    }
    rmdir(fuzz_dir);
}

/* Opens the demo database in a new temporary folder, its path in
 * path[64]; aborts on failure (a fuzzer that cannot start must not report
 * success). */
static inline struct store *fuzz_demo_db(char *path)
{
    struct store *st = NULL;
    struct vg_err err = VG_ERR_INIT;
    struct arena a = ARENA_INIT;
    const char *slug[DEMO_TRACKERS];
    if (mkdtemp(fuzz_dir) == NULL)
        abort();
    atexit(fuzz_remove_db);
    snprintf(path, 64, "%s/fuzz.db", fuzz_dir);
    struct op op = {NULL, &a, "host:fuzz", 1577534400, ROLE_ALL};
    if (store_open(path, STORE_CREATE, &st, &err) != 0)
        abort();
    op.st = st;
    if (demo_load(&op, slug, &err) != 0) {
        fprintf(stderr, "fuzz: demo: %s\n", err.msg);
        abort();
    }
    arena_release(&a);
    return st;
}

#endif
