/* cmd_data.c: creating, loading, exporting, backing up and checking the
 * database. */
#define _GNU_SOURCE /* memmem */
#include "cli/cmd_data.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/acled.h"
#include "core/bundle.h"
#include "core/trackers.h"
#include "render/events.h"
#include "core/signing.h"
#include "core/snapshot_images.h"
#include "core/victims.h"
#include "core/view.h"
#include "cli/cmd_place.h"
#include "http/mirror.h"
#include "http/static.h"
#include "render/snapshot.h"
#include "util/clock.h"
#include "core/demo.h"
#include "core/entity_json.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/sha256.h"
#include "util/i18n.h"
#include "util/paths.h"

/* init */
int cmd_init(struct cli *c)
{
    int rc = cli_open(c, STORE_CREATE);
    if (rc != 0)
        return rc;
    printf("%s is ready (schema %d)\n", c->db, store_schema_version(c->st));
    return 0;
}

/* demo */
int cmd_demo(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    const char *slugs[DEMO_TRACKERS];
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (demo_load(&op, slugs, &err) != 0)
        return cli_fail(c, &err);
    for (size_t i = 0; i < DEMO_TRACKERS; i++)
        printf("loaded the demo tracker %s (see: vigil tracker show %s)\n",
               slugs[i], slugs[i]);
    return 0;
}

const struct cli_opt export_opts[] = {
    {"format", "FORMAT",
     "json (the whole tracker, default), snapshot (one HTML file), "
     "static (the public pages as files, into --output DIR), csv (events, "
     "ACLED's columns) or geojson"},
    {"output", "PATH",
     "write to PATH instead of standard output, signed (PATH.sig, or "
     "inside a snapshot)"},
    {"signing-key", "FILE",
     "the signing key (default $VIGIL_SIGNING_KEY, or DB.sign)"},
    {"public", NULL,
     "json: only what readers see, for publishing (no drafts, no "
     "scheduled updates; the default keeps them, for the editors' "
     "backup)"},
    {"base-url", "URL", "the site's address, named in a snapshot or mirror"},
    {"gazetteer", "FILE", "for the map of a static export"},
    {NULL, NULL, NULL},
};

const struct cli_opt verify_opts[] = {
    {"key", "BASE64", "require this public key (as verify prints it)"},
    {NULL, NULL, NULL},
};

/* Writes all of b to a new file at path, synced before it is renamed
 * into place. */
static int write_file(struct cli *c, const char *path, const struct buf *b)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write(fd, buf_cstr(b), b->len) == (ssize_t)b->len &&
              fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return 0;
    fprintf(stderr, "vigil %s: %s: %s\n", c->path, path, strerror(errno));
    unlink(tmp);
    return EXIT_REFUSED;
}

/* The install's signing key (cli_key_file; made at the first signed
 * export). */
static int open_signing_key(struct cli *c, struct signing_key *k)
{
    struct vg_err err = VG_ERR_INIT;
    char path[1100];
    const char *p = cli_key_file(c, &CLI_SIGNING_KEY, path, sizeof path);
    if (p == NULL)
        return cli_usage_error(c, "a PostgreSQL record's signed exports "
                                  "need --signing-key FILE (or "
                                  "VIGIL_SIGNING_KEY)");
    if (signing_key_open(p, true, k, &err) != 0)
        return cli_fail(c, &err);
    return 0;
}

/* Renders snap into out with as many of its images inlined as
 * SNAPSHOT_MAX_BYTES allows: measured with every image left out first,
 * the room left (less the signature line's) is what images may add. */
static int snapshot_fit(struct cli *c, struct tracker_view *v,
                        const struct site *site, struct snapshot *snap,
                        struct buf *out, struct vg_err *err)
{
    enum { SIGNATURE_ROOM = 512 }; /* the "<!-- ... -->" line, bytes */
    struct snapshot_images x = {0};
    struct buf bare = BUF_INIT(BUNDLE_MAX_BYTES);
    int rc =
        snapshot_images_render(c->st, &c->arena, &v->tracker, site->base_url,
                               v->updates, v->nupdates, &x, err);
    snap->images_left_out = x.left_out;
    if (rc == 0 && x.left_out) {
        render_snapshot(&bare, site, snap);
        if (bare.len + SIGNATURE_ROOM < SNAPSHOT_MAX_BYTES)
            x.budget = SNAPSHOT_MAX_BYTES - SIGNATURE_ROOM - bare.len;
        rc = snapshot_images_render(c->st, &c->arena, &v->tracker,
                                    site->base_url, v->updates, v->nupdates, &x,
                                    err);
        snap->images_left_out = x.left_out;
    }
    buf_release(&bare);
    if (rc == 0)
        render_snapshot(out, site, snap);
    return rc;
}

/* The snapshot of a tracker: every public update, events, victims. */
static int snapshot(struct cli *c, struct buf *out, struct vg_err *err)
{
    struct tracker_view v;
    struct event *e;
    struct victim *vic;
    size_t ne, nv;
    struct event_filter f = {0};
    struct statics st;
    int64_t now;
    int rc = clock_now(&now, err);
    if (rc == 0)
        rc = tracker_view_load(c->st, &c->arena, cli_pos(c, 0), now,
                               UPDATES_PUBLIC, 0, &v, err);
    if (rc == 0)
        rc = store_event_list(c->st, &c->arena, v.tracker.id, &f, &e, &ne, err);
    if (rc == 0)
        rc = store_victim_list(c->st, &c->arena, v.tracker.id, &vic, &nv, err);
    if (rc != 0)
        return rc;
    json_t **pub = arena_alloc(&c->arena, (nv ? nv : 1) * sizeof *pub);
    for (size_t i = 0; i < nv; i++)
        pub[i] = victim_public(&vic[i]);
    statics_init(&st);
    const char *base = cli_opt(c, "base-url");
    struct site site = {base ? base : "", NULL, NULL, NULL, NULL};
    struct snapshot snap = {&v,          e,          ne,  pub, nv,
                            st.css.data, st.css.len, now, 0};
    /* In the tracker's language (a missing locale: English). */
    i18n_init(paths_locale(), NULL);
    struct cal_style style;
    tracker_style(&v.tracker, &style);
    struct i18n_scope lang = i18n_begin(tracker_lang(&v.tracker), &style);
    rc = snapshot_fit(c, &v, &site, &snap, out, err);
    i18n_end(lang);
    for (size_t i = 0; i < nv; i++)
        json_decref(pub[i]);
    return rc;
}

/* A CSV export on its way out: rows gather in `out` and go to the file a
 * chunk at a time. */
struct csv_sink {
    int fd;         /* the PATH.part file, or -1 for standard output */
    struct buf out; /* rows not written yet; limited to what the export
                       may still add (ACLED_MAX_BYTES in all) */
    size_t chunk;   /* bytes gathered before a write */
    int io_error;   /* the errno of a failed write, open or sync; or 0 */
    size_t written; /* bytes in the file so far */
};

enum { EXPORT_CHUNK = 1 << 20 };

/* Writes what `out` holds to the file; 0, or -1 with k->io_error set. */
static int sink_flush(struct csv_sink *k)
{
    const char *p = buf_cstr(&k->out);
    size_t n = k->out.len;
    while (n > 0) {
        ssize_t w = write(k->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            k->io_error = w < 0 ? errno : EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    /* Start the disk on what is written, so the final fsync has little
     * left to wait for. */
    sync_file_range(k->fd, (off_t)k->written, (off_t)k->out.len,
                    SYNC_FILE_RANGE_WRITE);
    k->written += k->out.len;
    k->out.limit -= k->out.len;
    buf_reset(&k->out);
    return 0;
}

/* The rows of a CSV export, rendered as the table is read (in storage
 * order, sequentially) and put in the events list's order, by date then
 * number, by sorting small keys: reading through the date index instead
 * cost a random seek a row (bench P6). */
struct csv_rows {
    struct buf text; /* every row, in storage order */
    struct csv_key {
        int64_t day, number; /* the order: event_date, then number */
        size_t off, len;     /* the row's bytes in text */
    } * keys;
    size_t n, cap;
};

/* Events copied out of the scan, rendered on a second thread while the
 * next batch is read: reading and rendering each take about half the
 * export (bench P6). */
enum { CSV_BATCH = 4096 };

struct csv_batch {
    struct arena strings; /* the events' strings */
    struct event ev[CSV_BATCH];
    size_t n;
};

struct csv_scan {
    struct csv_rows *rows; /* touched only by the rendering thread */
    struct csv_batch batch[2];
    int filling;        /* the batch the scan fills */
    pthread_t renderer; /* renders batch[!filling] while running */
    bool rendering;
};

/* Renders batch b into rows (on the rendering thread). */
static void render_batch(struct csv_rows *r, struct csv_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 1024;
            r->keys = xrealloc(r->keys, r->cap * sizeof *r->keys);
        }
        size_t off = r->text.len;
        render_events_csv_row(&r->text, &b->ev[i]);
        r->keys[r->n++] =
            (struct csv_key){date_to_days(b->ev[i].date), b->ev[i].number, off,
                             r->text.len - off};
    }
}

static void *on_render(void *p)
{
    struct csv_scan *x = p;
    render_batch(x->rows, &x->batch[!x->filling]);
    return NULL;
}

/* Waits for the batch being rendered, and empties it. */
static void render_wait(struct csv_scan *x)
{
    if (x->rendering)
        pthread_join(x->renderer, NULL);
    x->rendering = false;
    arena_release(&x->batch[!x->filling].strings);
    x->batch[!x->filling].n = 0;
}

/* Hands the filled batch to a rendering thread (or renders it here when
 * no thread can start) and starts filling the other one. */
static void render_start(struct csv_scan *x)
{
    render_wait(x);
    x->filling = !x->filling;
    x->rendering = pthread_create(&x->renderer, NULL, on_render, x) == 0;
    if (!x->rendering)
        on_render(x);
}

static int on_csv_event(const struct event *e, void *ctx)
{
    struct csv_scan *x = ctx;
    struct csv_batch *b = &x->batch[x->filling];
    struct arena *a = &b->strings;
    struct event *c = &b->ev[b->n++];
    *c = *e; /* its strings are lent until the next row: copy them */
    c->type = arena_strdup(a, e->type);
    c->sub_type = arena_strdup(a, e->sub_type);
    c->location = arena_strdup(a, e->location);
    c->country = arena_strdup(a, e->country);
    c->admin1 = arena_strdup(a, e->admin1);
    c->actor1 = arena_strdup(a, e->actor1);
    c->actor2 = arena_strdup(a, e->actor2);
    c->size_words = arena_strdup(a, e->size_words);
    c->url = arena_strdup(a, e->url);
    c->notes = arena_strdup(a, e->notes);
    c->recorded_by = arena_strdup(a, e->recorded_by);
    c->source_slug = arena_strdup(a, e->source_slug);
    c->source_name = arena_strdup(a, e->source_name);
    if (b->n == CSV_BATCH)
        render_start(x);
    return 0;
}

/* Reads and renders tracker t's rows into r, in storage order. */
static int csv_scan_rows(struct cli *c, const struct tracker *t,
                         struct csv_rows *r, struct vg_err *err)
{
    struct csv_scan *x = xcalloc(1, sizeof *x);
    x->rows = r;
    int rc = store_event_scan(c->st, t->id, on_csv_event, x, err);
    render_start(x); /* the last, partial batch */
    render_wait(x);
    arena_release(&x->batch[x->filling].strings);
    free(x);
    return rc;
}

static int by_date_then_number(const void *a, const void *b)
{
    const struct csv_key *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->number < y->number ? -1 : x->number > y->number;
}

/* Writes tracker t's rows into k in the list's order. */
static int csv_fill_rows(struct cli *c, const struct tracker *t,
                         struct csv_sink *k, struct vg_err *err)
{
    struct csv_rows r = {BUF_INIT(k->out.limit - k->out.len), NULL, 0, 0};
    int rc = csv_scan_rows(c, t, &r, err);
    if (rc == 0)
        qsort(r.keys, r.n, sizeof *r.keys, by_date_then_number);
    for (size_t i = 0; rc == 0 && !r.text.failed && i < r.n; i++) {
        buf_append(&k->out, r.text.p + r.keys[i].off, r.keys[i].len);
        if (k->out.len >= k->chunk)
            rc = sink_flush(k);
    }
    if (r.text.failed)
        k->out.failed = true;
    buf_release(&r.text);
    free(r.keys);
    return rc;
}

/* Writes tracker t's events as ACLED CSV into k. */
static int csv_fill(struct cli *c, const struct tracker *t, struct csv_sink *k)
{
    struct vg_err err = VG_ERR_INIT;
    render_events_csv_head(&k->out);
    int rc = csv_fill_rows(c, t, k, &err);
    if (rc == 0 && k->fd >= 0)
        rc = sink_flush(k);
    if (k->io_error)
        return -1;
    if (k->out.failed)
        return cli_fail(c, &(struct vg_err){VG_ELIMIT, "tracker",
                                            "the export is too large"});
    return rc ? cli_fail(c, &err) : 0;
}

/* export TRACKER --format csv [--output FILE]: the events as
 * /t/SLUG/export.csv gives them. A file is written as FILE.part, synced
 * and renamed, so it appears whole or not at all; standard output gets
 * the text once it is complete. */
static int export_csv(struct cli *c, const struct tracker *t)
{
    const char *path = cli_opt(c, "output");
    struct csv_sink k = {-1, BUF_INIT(ACLED_MAX_BYTES), SIZE_MAX, 0, 0};
    char tmp[4200];
    if (path) {
        snprintf(tmp, sizeof tmp, "%s.part", path);
        k.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        k.chunk = EXPORT_CHUNK;
        k.io_error = k.fd < 0 ? errno : 0;
    }
    int rc = k.io_error ? -1 : csv_fill(c, t, &k);
    if (rc == 0 && path == NULL)
        rc = cli_print(c, &k.out);
    if (rc == 0 && path) {
        bool ok = fsync(k.fd) == 0;
        ok = close(k.fd) == 0 && ok;
        k.fd = -1;
        if (!ok || rename(tmp, path) != 0)
            k.io_error = errno;
    }
    if (k.io_error)
        fprintf(stderr, "vigil %s: %s: %s\n", c->path, path,
                strerror(k.io_error));
    if (k.fd >= 0)
        close(k.fd);
    if (path && (rc != 0 || k.io_error))
        unlink(tmp);
    buf_release(&k.out);
    return k.io_error ? EXIT_REFUSED : rc;
}

/* export TRACKER --format csv|geojson [--output FILE]: the events, as
 * /t/SLUG/export.csv and .geojson give them. */
static int export_events(struct cli *c, bool csv)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event *e;
    size_t n;
    struct event_filter all = {.with_retracted = true};
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err))
        return cli_fail(c, &err);
    if (csv)
        return export_csv(c, &t);
    if (store_event_list(c->st, &c->arena, t.id, &all, &e, &n, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(ACLED_MAX_BYTES);
    if (render_events_geojson(&out, e, n) != 0)
        out.failed = true;
    if (out.failed)
        rc = cli_fail(c, &(struct vg_err){VG_ELIMIT, "tracker",
                                          "the export is too large"});
    else if (cli_opt(c, "output"))
        rc = write_file(c, cli_opt(c, "output"), &out);
    else
        rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* export TRACKER --format static --output DIR: the public pages as files
 * for any web server (http/mirror.h). */
static int export_static(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct gazetteer *g;
    size_t files = 0;
    const char *dir = cli_opt(c, "output");
    if (dir == NULL)
        return cli_usage_error(c, "--format static needs --output DIR");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc == 0)
        rc = cli_gazetteer(c, false, &g);
    if (rc != 0)
        return rc;
    struct buf manifest = BUF_INIT(1 << 26), sig = BUF_INIT(1024);
    struct signing_key key;
    char path[4200];
    if (mirror_tracker(c->db, cli_pos(c, 0), dir, cli_opt(c, "base-url"), g,
                       &files, &manifest, &err) != 0)
        rc = cli_fail(c, &err);
    gazetteer_free(g);
    /* SHA256SUMS lists every file (sha256sum -c reads it); its signature
     * in SHA256SUMS.sig vouches for them all. */
    if (rc == 0)
        rc = open_signing_key(c, &key);
    if (rc == 0) {
        signing_line(&key, manifest.p, manifest.len, &sig);
        sodium_memzero(key.secret, sizeof key.secret);
        snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
        rc = write_file(c, path, &manifest);
        snprintf(path, sizeof path, "%s/SHA256SUMS.sig", dir);
        if (rc == 0)
            rc = write_file(c, path, &sig);
    }
    buf_release(&manifest);
    buf_release(&sig);
    if (rc == 0)
        printf("wrote %zu files of %s to %s (signed: %s/SHA256SUMS)\n", files,
               cli_pos(c, 0), dir, dir);
    return rc;
}

/* export TRACKER [--format json|snapshot|static] [--output PATH] */
int cmd_export(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct signing_key key;
    const char *format = cli_opt(c, "format"), *output = cli_opt(c, "output");
    bool snap = format && strcmp(format, "snapshot") == 0;
    if (format && strcmp(format, "static") == 0)
        return export_static(c);
    if (format &&
        (strcmp(format, "csv") == 0 || strcmp(format, "geojson") == 0))
        return export_events(c, format[0] == 'c');
    if (format && strcmp(format, "json") != 0 && !snap)
        return cli_usage_error(c,
                               "--format: \"%.20s\" is not a format "
                               "(json, snapshot, static, csv, geojson)",
                               format);
    if (snap && output == NULL)
        return cli_usage_error(c, "--format snapshot needs --output FILE");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc == 0 && output)
        rc = open_signing_key(c, &key);
    if (rc != 0)
        return rc;
    struct buf out = BUF_INIT(BUNDLE_MAX_BYTES);
    if ((snap
             ? snapshot(c, &out, &err)
             : bundle_export(c->st, &c->arena, cli_pos(c, 0),
                             cli_flag(c, "public") ? BUNDLE_PUBLIC : BUNDLE_ALL,
                             &out, &err)) != 0) {
        buf_release(&out);
        return cli_fail(c, &err);
    }
    if (output == NULL) {
        rc = cli_print(c, &out);
        buf_release(&out);
        return rc;
    }
    /* Signed: a snapshot inside its last line, anything else in
     * FILE.sig beside it. */
    struct buf sig = BUF_INIT(1024);
    signing_line(&key, out.p, out.len, &sig);
    sodium_memzero(key.secret, sizeof key.secret);
    char sig_path[4200];
    snprintf(sig_path, sizeof sig_path, "%s.sig", output);
    if (snap) {
        buf_puts(&out, "<!-- ");
        buf_append(&out, sig.p, sig.len - 1);
        buf_puts(&out, " -->\n");
        rc = write_file(c, output, &out);
    } else {
        rc = write_file(c, output, &out);
        if (rc == 0)
            rc = write_file(c, sig_path, &sig);
    }
    buf_release(&sig);
    buf_release(&out);
    return rc;
}

/* For a static export's SHA256SUMS (signature checked): true, with a
 * message, when a listed file is missing or not as listed. */
static bool manifest_bad(struct cli *c, const char *path, const struct buf *m)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (strcmp(name, "SHA256SUMS") != 0)
        return false;
    int dir_len = slash ? (int)(slash - path) : 1;
    const char *dir = slash ? path : ".";
    size_t checked = 0;
    for (const char *p = m->p; p && p < m->p + m->len;) {
        const char *nl = memchr(p, '\n', (size_t)(m->p + m->len - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(m->p + m->len - p);
        char file[4200];
        struct buf body = BUF_INIT(1 << 28);
        unsigned char sum[SHA256_LEN];
        char hex[2 * sizeof sum + 1];
        bool ok = len > 66;
        if (ok) {
            snprintf(file, sizeof file, "%.*s/%.*s", dir_len, dir,
                     (int)(len - 66), p + 66);
            ok = cli_read_file(c, file, 1 << 28, &body) == 0;
        }
        if (ok) {
            sha256(body.p, body.len, sum);
            sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
            ok = memcmp(hex, p, 64) == 0;
        }
        buf_release(&body);
        if (!ok) {
            fprintf(stderr,
                    "vigil verify: %.*s: changed or missing since it was "
                    "signed\n",
                    (int)(len > 66 ? len - 66 : len), len > 66 ? p + 66 : p);
            return true;
        }
        checked++;
        p = nl ? nl + 1 : NULL;
    }
    printf("%zu files as listed\n", checked);
    return false;
}

/* verify FILE [--key BASE64]: the signature of a snapshot (its last
 * line) or of an export (FILE.sig). */
int cmd_verify(struct cli *c)
{
    static const char MARK[] = "<!-- vigil-signature ";
    struct buf data = BUF_INIT(BUNDLE_MAX_BYTES), sig = BUF_INIT(1024);
    const char *path = cli_pos(c, 0), *want = cli_opt(c, "key");
    uint8_t pk[32];
    char sig_path[4200], pk_text[48];
    int rc = cli_read_file(c, path, BUNDLE_MAX_BYTES, &data);
    if (rc != 0)
        return rc;
    const char *line = NULL;
    size_t line_len = 0, signed_len = data.len;
    for (const char *p = data.p;
         p && (p = memmem(p, data.len - (size_t)(p - data.p), MARK,
                          sizeof MARK - 1));
         p++) {
        line = p + 5;
        signed_len = (size_t)(p - data.p);
    }
    if (line) {
        const char *end =
            memmem(line, data.len - (size_t)(line - data.p), " -->", 4);
        line_len = end ? (size_t)(end - line) : 0;
    } else {
        snprintf(sig_path, sizeof sig_path, "%s.sig", path);
        rc = cli_read_file(c, sig_path, 1024, &sig);
        line = sig.p;
        line_len = sig.len;
    }
    if (rc == 0) {
        rc = line_len ? signing_check(line, line_len, data.p, signed_len, pk)
                      : VG_EINVAL;
        signing_public_text(pk, pk_text);
        if (rc == VG_EINVAL)
            fprintf(stderr, "vigil verify: %s: no signature found\n", path);
        else if (rc == VG_EDENIED)
            fprintf(stderr,
                    "vigil verify: %s: the signature does NOT match: the "
                    "file was changed after it was signed\n",
                    path);
        else if (want && strcmp(want, pk_text) != 0) {
            fprintf(stderr, "vigil verify: %s: signed, but by key %s, not %s\n",
                    path, pk_text, want);
            rc = VG_EDENIED;
        } else if (manifest_bad(c, path, &data))
            rc = VG_EDENIED;
        else
            printf("%s: signed by %s, unchanged\n", path, pk_text);
        rc = rc ? EXIT_REFUSED : 0;
    }
    buf_release(&data);
    buf_release(&sig);
    return rc;
}

/* import FILE.csv --tracker SLUG: ACLED-style events */
static int import_csv(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct cli_file data;
    const char *slug = cli_opt(c, "tracker");
    int64_t count = 0;
    if (slug == NULL)
        return cli_usage_error(c, "a CSV of events needs --tracker SLUG");
    int rc = cli_map_file(c, cli_pos(c, 0), ACLED_MAX_BYTES, &data);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && acled_import(&op, slug, data.p, data.len, &count, &err) != 0)
        rc = cli_fail(c, &err);
    cli_file_release(&data);
    if (rc == 0)
        printf("imported %lld events into %s\n", (long long)count, slug);
    return rc;
}

const struct cli_opt import_opts[] = {
    {"tracker", "SLUG", "the tracker a CSV of events goes into"},
    {NULL, NULL, NULL},
};

/* import FILE (a JSON bundle), or FILE.csv --tracker SLUG */
int cmd_import(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf data = BUF_INIT(BUNDLE_MAX_BYTES);
    const char *slug;
    size_t n = strlen(cli_pos(c, 0));
    if (n > 4 && strcmp(cli_pos(c, 0) + n - 4, ".csv") == 0)
        return import_csv(c);
    int rc = cli_read_file(c, cli_pos(c, 0), BUNDLE_MAX_BYTES, &data);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && bundle_import(&op, data.p, data.len, &slug, &err) != 0)
        rc = cli_fail(c, &err);
    buf_release(&data);
    if (rc == 0)
        printf("imported tracker %s\n", slug);
    return rc;
}

/* backup FILE */
int cmd_backup(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (store_backup(c->st, cli_pos(c, 0), &err) != 0)
        return cli_fail(c, &err);
    printf("backed up %s to %s\n", c->db, cli_pos(c, 0));
    return 0;
}

const struct cli_opt copy_opts[] = {
    {"from", "DB", "the record to copy: a file or a postgresql:// URI"},
    {"to", "DB", "where to: a new file, or an empty PostgreSQL database"},
    {NULL, NULL, NULL},
};

/* copy --from DB --to DB: the whole record, between files and
 * PostgreSQL, chains verified on both sides. */
int cmd_copy(struct cli *c)
{
    const char *from_db = cli_opt(c, "from"), *to_db = cli_opt(c, "to");
    if (from_db == NULL || to_db == NULL)
        return cli_usage_error(c, "copy needs --from DB and --to DB");
    if (strcmp(from_db, to_db) == 0)
        return cli_usage_error(c, "--from and --to name the same database");
    struct vg_err err = VG_ERR_INIT;
    struct store *from = NULL, *to = NULL;
    struct buf report = BUF_INIT(1 << 20);
    int rc = store_open(from_db, STORE_READ_ONLY, &from, &err);
    if (rc == 0)
        rc = store_open(to_db, STORE_CREATE, &to, &err);
    if (rc == 0)
        rc = store_copy(from, to, &report, &err);
    store_close(to);
    store_close(from);
    if (report.len)
        fprintf(stderr, "%s", buf_cstr(&report));
    buf_release(&report);
    if (rc != 0)
        return cli_fail(c, &err);
    printf("copied %s to %s (checked)\n", from_db, to_db);
    return 0;
}

/* check */
int cmd_check(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct buf report = BUF_INIT(1 << 20);
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = store_check(c->st, &report, &err);
    if (rc == VG_ECORRUPT) {
        fprintf(stderr, "vigil check: %s FAILED:\n%s", c->db,
                buf_cstr(&report));
        rc = EXIT_REFUSED;
    } else if (rc != 0) {
        rc = cli_fail(c, &err);
    } else {
        char head[65];
        store_chain_head(c->st, "audit_log", head, NULL);
        printf("%s: ok (integrity, foreign keys, append-only triggers, "
               "hash chains; audit head %s)\n",
               c->db, head[0] ? head : "empty");
    }
    buf_release(&report);
    return rc;
}

const struct cli_opt audit_opts[] = {
    {"last", "N", "only the last N rows (default: all)"},
    {NULL, NULL, NULL},
};

/* audit [--last N]: one line per row, as JSON lines. */
int cmd_audit(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct audit_entry *e;
    size_t n;
    long long last = 0;
    const char *l = cli_opt(c, "last");
    if (l && (sscanf(l, "%lld", &last) != 1 || last < 1))
        return cli_usage_error(c, "--last takes a number from 1");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (store_audit_list(c->st, &c->arena, (size_t)last, &e, &n, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 28);
    for (size_t i = 0; i < n; i++) {
        json_t *j = audit_entry_json(&e[i]);
        char *line = json_dumps(j, JSON_COMPACT);
        buf_puts(&out, line);
        buf_putc(&out, '\n');
        free(line);
        json_decref(j);
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}
