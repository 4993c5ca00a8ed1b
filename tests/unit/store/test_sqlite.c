/*
 * test_sqlite.c: store/store.h on SQLite, on real files.
 *
 * Each test gets a fresh directory from mkdtemp under /tmp; its teardown
 * closes what is open and removes every file the test may have made (the
 * database, its -wal and -shm, backups and their .part) and the directory,
 * failing if anything else was left behind. Tampering goes through the
 * sqlite3 C API directly, the way an attacker with the file would.
 */
#define _POSIX_C_SOURCE 200809L
#include "store/store.h"

#include <sqlite3.h>
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
#include "util/xmalloc.h"

struct fixture {
    char dir[64];     /* /tmp/vigil-unit-XXXXXX */
    char db[128];     /* dir/vigil.db */
    char backup[128]; /* dir/backup.db */
    struct store *st;
    sqlite3 *raw;
    struct arena arena;
    struct buf report;
};

/* Files a test may leave in dir; the teardown removes them. */
static const char *const leftovers[] = {
    "vigil.db",         "vigil.db-wal",   "vigil.db-shm",
    "vigil.db-journal", "backup.db",      "backup.db-wal",
    "backup.db-shm",    "backup.db.part", "missing.db",
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/vigil-unit-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->db, sizeof f->db, "%s/vigil.db", f->dir);
    snprintf(f->backup, sizeof f->backup, "%s/backup.db", f->dir);
    f->report = (struct buf)BUF_INIT(1 << 16);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    sqlite3_close(f->raw);
    arena_release(&f->arena);
    buf_release(&f->report);
    for (size_t i = 0; i < sizeof leftovers / sizeof *leftovers; i++) {
        char path[192];
        snprintf(path, sizeof path, "%s/%s", f->dir, leftovers[i]);
        unlink(path);
    }
    int rc = rmdir(f->dir);
    if (rc != 0)
        fprintf(stderr, "teardown: %s is not empty\n", f->dir);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* ==== Records ==== */

enum { NOW = 1577534400 }; /* 2019-12-28T12:00:00Z */

static struct tracker sample_tracker(const char *slug)
{
    struct tracker t;
    memset(&t, 0, sizeof t);
    t.slug = slug;
    t.title = "Iran, November 2019";
    t.summary = "";
    t.started_on = (struct vg_date){2019, 11, 15};
    t.timezone = "Asia/Tehran";
    t.status = TRACKER_LIVE;
    t.country = "IR";
    t.languages = "fa,en";
    t.created_at = NOW;
    return t;
}

static struct update sample_update(int64_t tracker_id, int64_t rev_no,
                                   const char *body_md)
{
    struct update u;
    memset(&u, 0, sizeof u);
    u.tracker_id = tracker_id;
    u.number = 1;
    u.rev_no = rev_no;
    u.kind = UPDATE_UPDATE;
    u.status = UPDATE_PUBLISHED;
    u.title = rev_no == 1 ? "Protests" : "Protests spread";
    u.body_md = body_md;
    u.body_html = "<p>rendered</p>\n";
    u.author = "editor";
    u.reason = rev_no == 1 ? "create" : "edit";
    u.created_at = NOW;
    u.revised_at = NOW + rev_no;
    u.published_at = NOW;
    return u;
}

/* Ids of what fill() stored. */
struct filled {
    int64_t tracker, source, metric, claim, update, audit;
};

/* Creates the database and stores one of each record in one transaction:
 * a tracker, a source, a metric, a claim, an update with two revisions
 * and an audit row. */
static void fill(struct fixture *f, struct filled *ids)
{
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_open(f->db, STORE_CREATE, &f->st, &err), 0);
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);

    struct tracker t = sample_tracker("iran-nov-2019");
    CHECK_CODE(err.msg, store_tracker_insert(f->st, &t, &err), 0);
    struct source s = {0,
                       "amnesty",
                       "Amnesty International",
                       SOURCE_NGO,
                       "https://www.amnesty.org/",
                       NULL,
                       "A",
                       NOW};
    CHECK_CODE(err.msg, store_source_insert(f->st, &s, &err), 0);
    struct metric m = {0, t.id, "killed", "Killed", 1};
    CHECK_CODE(err.msg, store_metric_insert(f->st, &m, &err), 0);

    struct claim c;
    memset(&c, 0, sizeof c);
    c.tracker_id = t.id;
    c.number = 1;
    c.metric_id = m.id;
    c.source_id = s.id;
    c.qualifier = QUAL_AT_LEAST;
    c.low = 304;
    c.high = -1;
    c.as_of = (struct vg_date){2019, 12, 16};
    c.url = "https://www.amnesty.org/en/latest/news/2019/12/iran/";
    c.status = CLAIM_VERIFIED;
    c.recorded_by = "editor";
    c.recorded_at = NOW;
    CHECK_CODE(err.msg, store_claim_insert(f->st, &c, &err), 0);
    /* A claim's source is in its tracker's list (core links it). */
    int64_t added = 0;
    CHECK_CODE(err.msg, store_source_link(f->st, t.id, s.id, NOW, &added, &err),
               0);
    CHECK_CODE(err.msg, (int)added, 1);
    CHECK_CODE(err.msg, store_source_link(f->st, t.id, s.id, NOW, &added, &err),
               0);
    CHECK_CODE(err.msg, (int)added, 0);

    struct update u1 = sample_update(t.id, 1, "Protests in 21 cities.");
    CHECK_CODE(err.msg, store_update_save(f->st, &u1, &err), 0);
    struct update u2 = sample_update(t.id, 2, "Protests in 29 cities.");
    CHECK_CODE(err.msg, store_update_save(f->st, &u2, &err), 0);

    struct audit_entry e = {
        0,    NOW, "editor", "update.create", "tracker:iran-nov-2019/update:1",
        NULL, "{}"};
    CHECK_CODE(err.msg, store_audit_append(f->st, &e, &err), 0);
    CHECK_CODE(err.msg, store_commit(f->st, &err), 0);

    *ids = (struct filled){t.id, s.id, m.id, c.id, u1.id, e.seq};
    CHECK_INT("update id kept", u2.id, u1.id);
}

/* ==== Tests ==== */

static void stores_and_checks_clean(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    CHECK_INT("audit seq", ids.audit, 1);
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_check(f->st, &f->report, &err), 0);
    CHECK_STR("report", buf_cstr(&f->report), "");

    /* What was stored reads back. */
    struct update u;
    CHECK_CODE(err.msg,
               store_update_get(f->st, &f->arena, ids.tracker, 1, &u, &err), 0);
    CHECK_INT("current revision", u.rev_no, 2);
    CHECK_STR("current body", u.body_md, "Protests in 29 cities.");
    struct update *revs = NULL;
    size_t n = 0;
    CHECK_CODE(
        err.msg,
        store_update_revisions(f->st, &f->arena, ids.update, &revs, &n, &err),
        0);
    CHECK_INT("revisions", n, 2);
    CHECK_STR("first body", revs[0].body_md, "Protests in 21 cities.");
    char head[65];
    CHECK_CODE(err.msg, store_chain_head(f->st, "update_rev", head, &err), 0);
    CHECK_INT("chain head is hex", strlen(head), 64);
}

static void raw_sql_cannot_change_history(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    store_close(f->st);
    f->st = NULL;
    CHECK_INT("sqlite3_open", sqlite3_open(f->db, &f->raw), SQLITE_OK);
    static const char *const attempts[] = {
        "UPDATE update_rev SET title = 'x'", "DELETE FROM update_rev",
        "UPDATE claim_rev SET note = 'x'",   "DELETE FROM claim_rev",
        "UPDATE audit_log SET actor = 'x'",  "DELETE FROM audit_log",
    };
    for (size_t i = 0; i < sizeof attempts / sizeof *attempts; i++) {
        int rc = sqlite3_exec(f->raw, attempts[i], NULL, NULL, NULL);
        CHECK_INT(attempts[i], rc != SQLITE_OK, 1);
        CHECK_HAS(attempts[i], sqlite3_errmsg(f->raw), "append-only");
    }
    /* Nothing changed. */
    sqlite3_stmt *s = NULL;
    CHECK_INT("count",
              sqlite3_prepare_v2(f->raw,
                                 "SELECT (SELECT count(*) FROM "
                                 "update_rev), (SELECT count(*) "
                                 "FROM claim_rev), (SELECT count(*) "
                                 "FROM audit_log)",
                                 -1, &s, NULL),
              SQLITE_OK);
    int step = sqlite3_step(s);
    int revs = sqlite3_column_int(s, 0), claims = sqlite3_column_int(s, 1),
        audit = sqlite3_column_int(s, 2);
    sqlite3_finalize(s);
    CHECK_INT("step", step, SQLITE_ROW);
    CHECK_INT("update_rev rows", revs, 2);
    CHECK_INT("claim_rev rows", claims, 1);
    CHECK_INT("audit_log rows", audit, 1);
}

static void check_finds_tampering(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    /* A third revision, so that the row tampered with is a middle one. */
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
    struct update u3 = sample_update(ids.tracker, 3, "Protests in 30 cities.");
    CHECK_CODE(err.msg, store_update_save(f->st, &u3, &err), 0);
    CHECK_CODE(err.msg, store_commit(f->st, &err), 0);
    store_close(f->st);
    f->st = NULL;
    CHECK_INT("sqlite3_open", sqlite3_open(f->db, &f->raw), SQLITE_OK);
    static const char *const tamper[] = {
        "DROP TRIGGER update_rev_no_update",
        /* one byte of revision 2's body: "29" becomes "28" */
        "UPDATE update_rev SET body_md = 'Protests in 28 cities.' "
        "WHERE seq = 2 AND body_md = 'Protests in 29 cities.'",
    };
    for (size_t i = 0; i < sizeof tamper / sizeof *tamper; i++) {
        int step = sqlite3_exec(f->raw, tamper[i], NULL, NULL, NULL);
        CHECK_INT(sqlite3_errmsg(f->raw), step, SQLITE_OK);
    }
    CHECK_INT("rows tampered", sqlite3_changes(f->raw), 1);
    sqlite3_close(f->raw);
    f->raw = NULL;

    CHECK_CODE(err.msg, store_open(f->db, STORE_READ_WRITE, &f->st, &err), 0);
    int rc = store_check(f->st, &f->report, &err);
    const char *report = buf_cstr(&f->report);
    CHECK_CODE(report, rc, VG_ECORRUPT);
    CHECK_HAS("row", report,
              "update_rev row 2: hash does not match its contents");
    CHECK_HAS("trigger", report, "update_rev_no_update");
    /* Only what was touched is named. */
    CHECK_LACKS("row 1", report, "update_rev row 1");
    CHECK_LACKS("row 3", report, "update_rev row 3");
    CHECK_LACKS("update head", report, "differs");
    CHECK_LACKS("delete trigger", report, "update_rev_no_delete");
    CHECK_LACKS("claim chain", report, "claim_rev");
    CHECK_LACKS("audit chain", report, "audit_log");
}

static void open_missing_file_is_not_found(void **state)
{
    struct fixture *f = *state;
    char path[192];
    snprintf(path, sizeof path, "%s/missing.db", f->dir);
    static const enum store_mode modes[] = {STORE_READ_ONLY, STORE_READ_WRITE};
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        struct vg_err err = VG_ERR_INIT;
        struct store *st = NULL;
        int rc = store_open(path, modes[i], &st, &err);
        store_close(st);
        CHECK_CODE(path, rc, VG_ENOTFOUND);
        CHECK_INT("store left NULL", st == NULL, 1);
        CHECK_INT("no file created", access(path, F_OK) != 0, 1);
    }
}

static void duplicate_slug_conflicts(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
    struct tracker t = sample_tracker("iran-nov-2019");
    CHECK_CODE(err.msg, store_tracker_insert(f->st, &t, &err), VG_ECONFLICT);
    CHECK_CODE("err.code", err.code, VG_ECONFLICT);
    store_rollback(f->st);
    struct source s = {0,    "amnesty", "Other", SOURCE_MEDIA,
                       NULL, NULL,      NULL,    NOW};
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
    CHECK_CODE(err.msg, store_source_insert(f->st, &s, &err), VG_ECONFLICT);
    store_rollback(f->st);
}

static void rollback_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_open(f->db, STORE_CREATE, &f->st, &err), 0);
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
    struct tracker t = sample_tracker("rolled-back");
    CHECK_CODE(err.msg, store_tracker_insert(f->st, &t, &err), 0);
    struct update u = sample_update(t.id, 1, "gone");
    CHECK_CODE(err.msg, store_update_save(f->st, &u, &err), 0);
    struct audit_entry e = {
        0, NOW, "editor", "tracker.create", "tracker:rolled-back", NULL, "{}"};
    CHECK_CODE(err.msg, store_audit_append(f->st, &e, &err), 0);
    store_rollback(f->st);

    struct tracker got;
    CHECK_CODE("tracker",
               store_tracker_get(f->st, &f->arena, "rolled-back", &got, &err),
               VG_ENOTFOUND);
    CHECK_CODE("not found fills no error", err.code, 0);
    CHECK_CODE("update", store_update_get(f->st, &f->arena, t.id, 1, &u, &err),
               VG_ENOTFOUND);
    struct audit_entry *rows = NULL;
    size_t n = 99;
    CHECK_CODE(err.msg, store_audit_list(f->st, &f->arena, 0, &rows, &n, &err),
               0);
    CHECK_INT("audit rows", n, 0);
    char head[65];
    CHECK_CODE(err.msg, store_chain_head(f->st, "update_rev", head, &err), 0);
    CHECK_STR("update_rev head", head, "");
    /* A second rollback, with no transaction open, does nothing. */
    store_rollback(f->st);
    CHECK_CODE(err.msg, store_check(f->st, &f->report, &err), 0);
}

static void skipped_revision_conflicts(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    static const int64_t wrong[] = {4, 2, 1};
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        char label[32];
        snprintf(label, sizeof label, "rev_no %lld", (long long)wrong[i]);
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
        struct update u = sample_update(ids.tracker, wrong[i], "late");
        CHECK_CODE(label, store_update_save(f->st, &u, &err), VG_ECONFLICT);
        store_rollback(f->st);
    }
    /* The update is still at revision 2, with nothing appended. */
    struct vg_err err = VG_ERR_INIT;
    struct update cur;
    CHECK_CODE(err.msg,
               store_update_get(f->st, &f->arena, ids.tracker, 1, &cur, &err),
               0);
    CHECK_INT("rev_no", cur.rev_no, 2);
    CHECK_CODE(err.msg, store_check(f->st, &f->report, &err), 0);
    /* The right next one is accepted. */
    CHECK_CODE(err.msg, store_begin(f->st, &err), 0);
    struct update u3 = sample_update(ids.tracker, 3, "Protests in 30 cities.");
    CHECK_CODE(err.msg, store_update_save(f->st, &u3, &err), 0);
    CHECK_CODE(err.msg, store_commit(f->st, &err), 0);
}

static void backup_makes_a_sound_copy(void **state)
{
    struct fixture *f = *state;
    struct filled ids;
    fill(f, &ids);
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, store_backup(f->st, f->backup, &err), 0);
    char part[192];
    snprintf(part, sizeof part, "%s.part", f->backup);
    CHECK_INT("no .part left", access(part, F_OK) != 0, 1);

    struct store *copy = NULL;
    int rc = store_open(f->backup, STORE_READ_WRITE, &copy, &err);
    int check = rc == 0 ? store_check(copy, &f->report, &err) : rc;
    struct tracker t;
    int get =
        rc == 0 ? store_tracker_get(copy, &f->arena, "iran-nov-2019", &t, &err)
                : rc;
    char head[65] = "", orig[65] = "";
    if (rc == 0)
        store_chain_head(copy, "audit_log", head, &err);
    store_close(copy);
    store_chain_head(f->st, "audit_log", orig, &err);
    CHECK_CODE(err.msg, rc, 0);
    CHECK_CODE(buf_cstr(&f->report), check, 0);
    CHECK_CODE("tracker in the copy", get, 0);
    CHECK_STR("audit chain head", head, orig);

    /* An existing file is never overwritten. */
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("existing path", store_backup(f->st, f->backup, &err),
               VG_ECONFLICT);
    CHECK_CODE("err.code", err.code, VG_ECONFLICT);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("existing db", store_backup(f->st, f->db, &err), VG_ECONFLICT);
}

#define STORE_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int test_store_sqlite(void)
{
    const struct CMUnitTest tests[] = {
        STORE_TEST(stores_and_checks_clean),
        STORE_TEST(raw_sql_cannot_change_history),
        STORE_TEST(check_finds_tampering),
        STORE_TEST(open_missing_file_is_not_found),
        STORE_TEST(duplicate_slug_conflicts),
        STORE_TEST(rollback_leaves_nothing),
        STORE_TEST(skipped_revision_conflicts),
        STORE_TEST(backup_makes_a_sound_copy),
    };
    return cmocka_run_group_tests_name("store/sqlite", tests, NULL, NULL);
}
