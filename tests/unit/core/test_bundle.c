/*
 * test_bundle.c: core/bundle.h's two scopes on a real SQLite file: the
 * editors' bundle keeps drafts, scheduled updates and a draft's earlier
 * text; the public one holds none of them, numbers the public revisions
 * from 1, and imports into a fresh database.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/bundle.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "core/trackers.h"
#include "core/updates.h"
#include "util/xmalloc.h"

enum { T0 = 1577534400 }; /* 2019-12-28T12:00:00Z */

struct fixture {
    char dir[64];
    char db[2][128];
    struct store *st[2];
    struct arena arena;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    struct vg_err err = VG_ERR_INIT;
    snprintf(f->dir, sizeof f->dir, "/tmp/vigil-unit-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    for (int i = 0; i < 2; i++) {
        char path[sizeof f->db[i]];
        snprintf(path, sizeof path, "%s/vigil%d.db", f->dir, i);
        memcpy(f->db[i], path, sizeof path);
        if (store_open(f->db[i], STORE_CREATE, &f->st[i], &err) != 0)
            return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        store_close(f->st[i]);
        for (int k = 0; k < 3; k++) {
            char p[160];
            snprintf(p, sizeof p, "%s%s", f->db[i], suffix[k]);
            unlink(p);
        }
    }
    arena_release(&f->arena);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void post(struct op *op, const char *body, bool draft, int64_t at)
{
    struct vg_err err = VG_ERR_INIT;
    struct update_input in = {.body = body,
                              .body_len = strlen(body),
                              .draft = draft,
                              .publish_at = at};
    int64_t number;
    CHECK_CODE(body, update_post(op, "t", &in, &number, &err), 0);
}

/* Edits update `number` from its revision `rev`. */
static void edit(struct op *op, int64_t number, const char *rev,
                 const char *body)
{
    struct vg_err err = VG_ERR_INIT;
    struct update_input in = {
        .body = body, .body_len = strlen(body), .rev = rev};
    CHECK_CODE(body, update_edit(op, "t", number, &in, &err), 0);
}

/* Update 1 published; 2 a draft; 3 scheduled; 4 drafted, edited,
 * published, edited; 5 published and retracted. */
static void fill(struct op *op)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct tracker_input in = {.slug = "t",
                               .title = "T",
                               .started_on = "2019-12-01",
                               .timezone = "UTC"};
    CHECK_CODE(NULL, tracker_create(op, &in, &t, &err), 0);
    post(op, "Published one.", false, 0);
    post(op, "SECRET-DRAFT never published.", true, 0);
    post(op, "SECRET-SCHEDULED for later.", false, T0 + 86400);
    post(op, "SECRET-FIRST-TEXT of a draft.", true, 0);
    edit(op, 4, "1", "Second text of the draft, then published.");
    CHECK_CODE(NULL, update_act(op, "t", 4, UPDATE_ACT_PUBLISH, &err), 0);
    edit(op, 4, "3", "Edited after publishing.");
    post(op, "Retracted one.", false, 0);
    CHECK_CODE(NULL, update_act(op, "t", 5, UPDATE_ACT_RETRACT, &err), 0);
}

/* Appends the rev numbers and statuses of one update's revisions to out
 * ("1:published 2:published"). */
static void revs_of(json_t *revisions, char *out, size_t size)
{
    for (size_t k = 0; k < json_array_size(revisions); k++) {
        json_t *r = json_array_get(revisions, k);
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%lld:%s", k ? " " : "",
                 (long long)json_integer_value(json_object_get(r, "rev")),
                 json_string_value(json_object_get(r, "status")));
    }
}

/* The numbers of the bundle's updates ("1,4,5") and update 4's
 * revisions (revs_of). */
static void summary(const char *bundle, char numbers[64], char revs[256])
{
    json_t *j = json_loads(bundle, 0, NULL);
    assert_non_null(j);
    json_t *u = json_object_get(j, "updates");
    numbers[0] = revs[0] = '\0';
    for (size_t i = 0; i < json_array_size(u); i++) {
        json_t *x = json_array_get(u, i);
        int64_t n = json_integer_value(json_object_get(x, "number"));
        size_t len = strlen(numbers);
        snprintf(numbers + len, 64 - len, "%s%lld", i ? "," : "", (long long)n);
        if (n == 4)
            revs_of(json_object_get(x, "revisions"), revs, 256);
    }
    json_decref(j);
}

static void public_bundles_hold_no_drafts(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    struct op op = {f->st[0], &f->arena, "tester", T0, ROLE_ALL};
    fill(&op);
    struct buf all = BUF_INIT(1 << 20), pub = BUF_INIT(1 << 20);
    CHECK_CODE("all",
               bundle_export(f->st[0], &f->arena, "t", BUNDLE_ALL, &all, &err),
               0);
    CHECK_CODE(
        "public",
        bundle_export(f->st[0], &f->arena, "t", BUNDLE_PUBLIC, &pub, &err), 0);
    char numbers[64], revs[256];
    summary(buf_cstr(&all), numbers, revs);
    CHECK_STR("the editors' bundle", numbers, "1,2,4,5,3");
    CHECK_STR("its update 4", revs, "1:draft 2:draft 3:published 4:published");
    CHECK_HAS("a draft kept", buf_cstr(&all), "SECRET-DRAFT");
    summary(buf_cstr(&pub), numbers, revs);
    CHECK_STR("the public bundle", numbers, "1,4,5");
    CHECK_STR("its update 4", revs, "1:published 2:published");
    CHECK_LACKS("no draft", buf_cstr(&pub), "SECRET-");
    CHECK_HAS("the retraction", buf_cstr(&pub), "Retracted one.");
    CHECK_HAS("the text as published", buf_cstr(&pub), "Second text");
    /* It imports, and exports again as the same bytes. */
    const char *slug;
    struct op into = {f->st[1], &f->arena, "tester", T0, ROLE_ALL};
    CHECK_CODE("import", bundle_import(&into, pub.p, pub.len, &slug, &err), 0);
    struct buf again = BUF_INIT(1 << 20);
    CHECK_CODE(
        "again",
        bundle_export(f->st[1], &f->arena, "t", BUNDLE_ALL, &again, &err), 0);
    CHECK_STR("export -> import -> export", buf_cstr(&again), buf_cstr(&pub));
    buf_release(&all);
    buf_release(&pub);
    buf_release(&again);
}

int test_core_bundle(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(public_bundles_hold_no_drafts, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("core_bundle", tests, NULL, NULL);
}
