/* mirror.c: rendering a tracker's pages into files. */
#define _GNU_SOURCE /* memmem */
#include "http/mirror.h"

#include <errno.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/events.h"
#include "core/trackers.h"
#include "http/routes.h"
#include "media/media.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/xmalloc.h"
#include "util/sha256.h"
#include "util/i18n.h"
#include "util/paths.h"

/* Makes every directory of path's parent. */
static int make_parents(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

static int write_all(const char *path, const char *data, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    bool ok = write(fd, data, len) == (ssize_t)len;
    close(fd);
    return ok && rename(tmp, path) == 0 ? 0 : -1;
}

struct mirror {
    struct app *app;
    const char *dir;
    size_t files;
    struct buf *manifest;
    struct buf media; /* "/media/NAME\n" of each file a page shows, once */
    bool missing_ok;  /* a 404 writes nothing and is no error */
};

/* Notes each "/media/<sha256>.webp|jpg" that page[0..len) names, for the
 * mirror to hold the images its pages show. */
static void note_media(struct mirror *m, const char *page, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const char *end = page + len;
    for (const char *p = page;
         (p = memmem(p, (size_t)(end - p), "/media/", 7)) != NULL; p += 7) {
        const char *name = p + 7;
        size_t n = 0;
        while (name + n < end && n < MEDIA_HASH_HEX && strchr(hex, name[n]) &&
               name[n] != '\0')
            n++;
        size_t ext = 0;
        if (n == MEDIA_HASH_HEX && end - (name + n) > 5)
            ext = strncmp(name + n, ".webp", 5) == 0  ? 5
                  : strncmp(name + n, ".jpg", 4) == 0 ? 4
                                                      : 0;
        if (ext == 0)
            continue;
        char line[MEDIA_HASH_HEX + 16];
        snprintf(line, sizeof line, "/media/%.*s\n", (int)(n + ext), name);
        if (m->media.len == 0 || strstr(buf_cstr(&m->media), line) == NULL)
            buf_puts(&m->media, line);
    }
}

/* Adds "<sha256 hex>  <path below dir>" to the manifest. */
static void manifest_add(struct mirror *m, const char *file, const void *data,
                         size_t len)
{
    unsigned char sum[SHA256_LEN];
    char hex[2 * sizeof sum + 1];
    sha256(data, len, sum);
    sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
    buf_printf(m->manifest, "%s  %s\n", hex, file + strlen(m->dir) + 1);
}

/* False for the formats that are compressed already: no .gz sibling. */
static bool compressible(const char *type)
{
    static const char *const packed[] = {"image/png", "image/webp",
                                         "image/jpeg"};
    for (size_t i = 0; i < sizeof packed / sizeof *packed; i++)
        if (strncmp(type, packed[i], strlen(packed[i])) == 0)
            return false;
    return true;
}

/* Renders one path with its route's handler and writes the answer. A
 * path whose last segment has no dot is a page: PATH/index.html. */
static int mirror_path(struct mirror *m, const char *path, struct vg_err *err)
{
    struct req r = {.app = m->app, .method = "GET", .path = path};
    char allow[64];
    r.body = (struct buf)BUF_INIT(PAGE_BODY_MAX);
    int64_t now;
    int status = clock_now(&now, err);
    r.now = now;
    if (status == 0)
        status = route_find(&r, "GET", path, allow, sizeof allow);
    if (status == 0)
        status = r.route->handler(&r);
    int rc = 0;
    if (status == 404 && m->missing_ok) {
        /* nothing to copy */
    } else if (status != 200) {
        rc =
            vg_err_set(err, VG_EIO, "path", "%s: %d %s", path, status, r.error);
    } else {
        const char *last = strrchr(path, '/');
        bool page = strchr(last ? last : path, '.') == NULL;
        char file[4200];
        snprintf(file, sizeof file, "%s%s%s", m->dir, path,
                 page ? (path[strlen(path) - 1] == '/' ? "index.html"
                                                       : "/index.html")
                      : "");
        size_t gz_len = 0;
        if (strncmp(r.content_type, "image/", 6) != 0)
            note_media(m, buf_cstr(&r.body), r.body.len);
        char *gz = compressible(r.content_type)
                       ? cache_gzip(buf_cstr(&r.body), r.body.len, &gz_len)
                       : NULL;
        char gz_file[4300];
        snprintf(gz_file, sizeof gz_file, "%s.gz", file);
        if (make_parents(file) != 0 ||
            write_all(file, buf_cstr(&r.body), r.body.len) != 0 ||
            (gz && write_all(gz_file, gz, gz_len) != 0))
            rc = vg_err_set(err, VG_EIO, "dir", "cannot write %s: %s", file,
                            strerror(errno));
        manifest_add(m, file, buf_cstr(&r.body), r.body.len);
        if (gz)
            manifest_add(m, gz_file, gz, gz_len);
        m->files += 1 + (gz != NULL);
        free(gz);
    }
    if (r.st)
        pool_give(&m->app->pool, r.st);
    arena_release(&r.arena);
    buf_release(&r.body);
    return rc;
}

/* Writes each image file the pages showed, as the server sends it. A
 * file the record lacks (a body imported without its images links one)
 * is left out: the page's link to it is all there was. */
static int mirror_media(struct mirror *m, struct vg_err *err)
{
    char path[MEDIA_HASH_HEX + 16];
    int rc = 0;
    m->missing_ok = true;
    for (const char *p = buf_cstr(&m->media); rc == 0 && *p;) {
        size_t n = strcspn(p, "\n");
        snprintf(path, sizeof path, "%.*s", (int)n, p);
        rc = mirror_path(m, path, err);
        p += n + (p[n] == '\n');
    }
    return rc;
}

/* The paths of every public page of tracker t. */
static int mirror_all(struct mirror *m, struct store *st, struct arena *a,
                      const struct tracker *t, struct vg_err *err)
{
    static const char *const pages[] = {"",
                                        "/days",
                                        "/lite",
                                        "/tallies",
                                        "/events",
                                        "/victims",
                                        "/feed.atom",
                                        "/feed.json",
                                        "/export.csv",
                                        "/export.geojson"};
    char path[512];
    struct metric *mt;
    struct update *u;
    struct event *e;
    size_t nm, nu, ne;
    struct event_filter all = {0};
    int rc = 0;
    const char *const site[] = {"/", "/sources", "/favicon.ico"};
    for (size_t i = 0; rc == 0 && i < 3; i++)
        rc = mirror_path(m, site[i], err);
    const struct static_file *files[] = {
        &m->app->statics.css, &m->app->statics.icon, &m->app->statics.live_js};
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        snprintf(path, sizeof path, "/static/%s", files[i]->name);
        rc = mirror_path(m, path, err);
    }
    for (size_t i = 0; rc == 0 && i < sizeof pages / sizeof *pages; i++) {
        snprintf(path, sizeof path, "/t/%s%s", t->slug, pages[i]);
        rc = mirror_path(m, path, err);
    }
    if (rc == 0)
        rc = store_metric_list(st, a, t->id, &mt, &nm, err);
    for (size_t i = 0; rc == 0 && i < nm; i++) {
        snprintf(path, sizeof path, "/t/%s/tallies/%s", t->slug, mt[i].key);
        rc = mirror_path(m, path, err);
    }
    if (rc == 0)
        rc = store_update_list(st, a, t->id, UPDATES_PUBLIC, 0, &u, &nu, err);
    for (size_t i = 0; rc == 0 && i < nu; i++) {
        snprintf(path, sizeof path, "/t/%s/u/%lld", t->slug,
                 (long long)u[i].number);
        rc = mirror_path(m, path, err);
    }
    struct day_info d = {0};
    int64_t now = 0;
    if (rc == 0)
        rc = clock_now(&now, err);
    if (rc == 0)
        rc = tracker_day(t, now, &d, err);
    for (int64_t day = 1; rc == 0 && day <= d.number; day++) {
        snprintf(path, sizeof path, "/t/%s/day/%lld", t->slug, (long long)day);
        rc = mirror_path(m, path, err);
    }
    if (rc == 0)
        rc = store_event_list(st, a, t->id, &all, &e, &ne, err);
    for (size_t i = 0; rc == 0 && i < ne; i++) {
        char id[17];
        event_place_id(&e[i], id);
        snprintf(path, sizeof path, "/t/%s/places/%s", t->slug, id);
        char file[4200];
        struct stat sb;
        snprintf(file, sizeof file, "%s%s/index.html", m->dir, path);
        if (stat(file, &sb) != 0) /* one page per place */
            rc = mirror_path(m, path, err);
    }
    return rc ? rc : mirror_media(m, err);
}

int mirror_tracker(const char *db, const char *slug, const char *dir,
                   const char *base_url, const struct gazetteer *g,
                   size_t *files, struct buf *manifest, struct vg_err *err)
{
    struct app *app = xcalloc(1, sizeof *app);
    struct arena a = {0};
    struct tracker t;
    char root[4096];
    snprintf(app->base_url, sizeof app->base_url, "%s",
             base_url ? base_url : "");
    app->gazetteer = g;
    app_site_init(app);
    snprintf(root, sizeof root, "%s/", dir);
    int rc = make_parents(root) == 0
                 ? 0
                 : vg_err_set(err, VG_EIO, "dir", "cannot make %s: %s", dir,
                              strerror(errno));
    if (rc == 0)
        rc = pool_open(&app->pool, db, 1, err);
    struct mirror m = {app, dir, 0, manifest, BUF_INIT(1 << 24), false};
    /* The handlers read through the pool; the list of pages comes from a
     * connection of its own. */
    struct store *st = NULL;
    if (rc == 0)
        rc = store_open(db, STORE_READ_ONLY, &st, err);
    if (rc == 0)
        rc = tracker_lookup(st, &a, "tracker", slug, &t, err);
    /* The pages in the tracker's language, as the server writes them
     * (a missing locale: English). */
    i18n_init(paths_locale(), NULL);
    struct cal_style style;
    if (rc == 0)
        tracker_style(&t, &style);
    struct i18n_scope lang =
        i18n_begin(rc == 0 ? tracker_lang(&t) : NULL, rc == 0 ? &style : NULL);
    if (rc == 0)
        rc = mirror_all(&m, st, &a, &t, err);
    i18n_end(lang);
    store_close(st);
    if (app->pool.n)
        pool_close(&app->pool);
    arena_release(&a);
    buf_release(&m.media);
    free(app);
    *files = m.files;
    return rc;
}
