/*
 * pg_media.c: the PostgreSQL store's queries for media (the twin of
 * sqlite_media.c): files as BYTEA named by their SHA-256, the renditions
 * of a set, and media records, one row per revision.
 */
#include "store/pg_int.h"

#include <string.h>

static const char SQL_FILE_PUT[] =
    "INSERT INTO media_files (sha256, format, width, height, bytes, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (sha256) DO NOTHING";
static const char SQL_RENDITION_PUT[] =
    "INSERT INTO media_renditions (key, sha256) VALUES ($1, $2) "
    "ON CONFLICT (key, sha256) DO NOTHING";
static const char SQL_MEDIA_PUT[] =
    "INSERT INTO media (id, tracker_id, key, rev_no, alt, caption, credit, "
    "credit_withheld, width, height, created_by, created_at) VALUES "
    "((SELECT coalesce(max(id), 0) + 1 FROM media), $1, $2, "
    "(SELECT coalesce(max(rev_no), 0) + 1 FROM media "
    "WHERE tracker_id = $1 AND key = $2), $3, $4, $5, $6, $7, $8, $9, $10) "
    "RETURNING id";
static const char SQL_MEDIA_REV[] = "SELECT rev_no FROM media WHERE id = $1";
#define MEDIA_COLS                                                         \
    "id, tracker_id, key, rev_no, alt, caption, credit, credit_withheld, " \
    "width, height, created_by, created_at"
static const char SQL_MEDIA_GET[] =
    "SELECT " MEDIA_COLS " FROM media WHERE key = $2 "
    "AND ($1::bigint = 0 OR tracker_id = $1::bigint) "
    "ORDER BY id DESC LIMIT 1";
static const char SQL_MEDIA_LIST[] =
    "SELECT " MEDIA_COLS " FROM media m WHERE tracker_id = $1 AND rev_no = "
    "(SELECT max(rev_no) FROM media x WHERE x.tracker_id = m.tracker_id "
    "AND x.key = m.key) ORDER BY id DESC";
static const char SQL_MEDIA_HISTORY[] =
    "SELECT " MEDIA_COLS " FROM media WHERE tracker_id = $1 ORDER BY id";
static const char SQL_FILES_OF[] =
    "SELECT f.sha256, f.format, f.width, f.height FROM media_renditions r "
    "JOIN media_files f ON f.sha256 = r.sha256 WHERE r.key = $1 "
    "ORDER BY f.width, f.format = 'jpg', f.sha256";
static const char SQL_FILE_GET[] =
    "SELECT sha256, format, width, height, bytes FROM media_files "
    "WHERE sha256 = $1";

/* ==== Writing ==== */

static int put_file(struct pg_store *st, const struct media_file *f, int64_t at,
                    struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, f->sha256);
    pg_bind_text(&p, 2, f->format);
    pg_bind_int(&p, 3, f->width);
    pg_bind_int(&p, 4, f->height);
    pg_bind_blob(&p, 5, f->bytes, f->len);
    pg_bind_time(&p, 6, at);
    return pg_exec(st, SQL_FILE_PUT, &p, err);
}

static int put_rendition(struct pg_store *st, const char *key,
                         const char *sha256, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, key);
    pg_bind_text(&p, 2, sha256);
    return pg_exec(st, SQL_RENDITION_PUT, &p, err);
}

static int put_media(struct pg_store *st, struct media_record *m,
                     struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, m->tracker_id);
    pg_bind_text(&p, 2, m->key);
    pg_bind_text(&p, 3, m->alt);
    pg_bind_text(&p, 4, m->caption);
    pg_bind_text(&p, 5, m->credit);
    pg_bind_int(&p, 6, m->credit_withheld);
    pg_bind_int(&p, 7, m->width);
    pg_bind_int(&p, 8, m->height);
    pg_bind_text(&p, 9, m->created_by);
    pg_bind_time(&p, 10, m->created_at);
    int rc = pg_insert_id(st, SQL_MEDIA_PUT, &p, &m->id, err);
    return rc ? rc : pg_scalar(st, SQL_MEDIA_REV, m->id, &m->rev_no, err);
}

int pg_media_insert(struct store *base, struct media_record *m,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->nfiles; i++) {
        rc = put_file(st, &m->files[i], m->created_at, err);
        rc = rc ? rc : put_rendition(st, m->key, m->files[i].sha256, err);
    }
    return rc ? rc : put_media(st, m, err);
}

/* ==== Reading ==== */

static void read_media(struct arena *a, const PGresult *res, int r,
                       struct media_record *m)
{
    *m = (struct media_record){0};
    m->id = pg_int(res, r, 0);
    m->tracker_id = pg_int(res, r, 1);
    m->key = pg_text(a, res, r, 2);
    m->rev_no = pg_int(res, r, 3);
    m->alt = pg_text(a, res, r, 4);
    m->caption = pg_text(a, res, r, 5);
    m->credit = pg_text(a, res, r, 6);
    m->credit_withheld = pg_int(res, r, 7) != 0;
    m->width = pg_int(res, r, 8);
    m->height = pg_int(res, r, 9);
    m->created_by = pg_text(a, res, r, 10);
    m->created_at = pg_time(res, r, 11);
}

static void read_file(struct arena *a, const PGresult *res, int r,
                      struct media_file *f)
{
    *f = (struct media_file){0};
    f->sha256 = pg_text(a, res, r, 0);
    f->format = pg_text(a, res, r, 1);
    f->width = pg_int(res, r, 2);
    f->height = pg_int(res, r, 3);
}

static int files_of(struct pg_store *st, struct arena *a, const char *key,
                    struct media_file **out, size_t *n, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, key);
    PG_COLLECT(st, a, SQL_FILES_OF, &p, struct media_file, read_file, out, n,
               err);
}

static int media_head(struct pg_store *st, struct arena *a, int64_t tracker_id,
                      const char *key, struct media_record *out,
                      struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(key))
        return VG_ENOTFOUND;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_text(&p, 2, key);
    PG_READ_ONE(st, a, SQL_MEDIA_GET, &p, read_media, out, err);
}

int pg_media_get(struct store *base, struct arena *a, int64_t tracker_id,
                 const char *key, struct media_record *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = media_head(st, a, tracker_id, key, out, err);
    return rc ? rc : files_of(st, a, out->key, &out->files, &out->nfiles, err);
}

int pg_media_list(struct store *base, struct arena *a, int64_t tracker_id,
                  struct media_record **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, SQL_MEDIA_LIST, &p, struct media_record, read_media, out,
               n, err);
}

int pg_media_history(struct store *base, struct arena *a, int64_t tracker_id,
                     struct media_record **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, SQL_MEDIA_HISTORY, &p, struct media_record, read_media,
               out, n, err);
}

static void read_file_bytes(struct arena *a, const PGresult *res, int r,
                            struct media_file *f)
{
    read_file(a, res, r, f);
    f->bytes = pg_blob(a, res, r, 4, &f->len);
}

int pg_media_file_get(struct store *base, struct arena *a, const char *sha256,
                      struct media_file *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(sha256))
        return VG_ENOTFOUND;
    pg_bind_text(&p, 1, sha256);
    PG_READ_ONE(st, a, SQL_FILE_GET, &p, read_file_bytes, out, err);
}

/* ==== Uploads not yet kept ==== */

static const char SQL_PENDING_EXPIRE[] =
    "DELETE FROM media_pending WHERE created_at < $1";
static const char SQL_PENDING_PUT[] =
    "INSERT INTO media_pending (token, user_id, tracker_id, sha256, format, "
    "width, height, bytes, created_at) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (token, sha256) DO NOTHING";
static const char SQL_PENDING_GET[] =
    "SELECT sha256, format, width, height, bytes FROM media_pending "
    "WHERE token = $1 AND user_id = $2 AND tracker_id = $3 "
    "ORDER BY width, format = 'jpg', sha256";
static const char SQL_PENDING_DROP[] =
    "DELETE FROM media_pending WHERE token = $1";

int pg_media_pending_put(struct store *base, const char *token, int64_t user_id,
                         int64_t tracker_id, const struct media_file *files,
                         size_t n, int64_t at, int64_t expired,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_time(&p, 1, expired);
    int rc = pg_exec(st, SQL_PENDING_EXPIRE, &p, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        p = (struct pg_params)PG_PARAMS_INIT;
        pg_bind_text(&p, 1, token);
        pg_bind_int(&p, 2, user_id);
        pg_bind_int(&p, 3, tracker_id);
        pg_bind_text(&p, 4, files[i].sha256);
        pg_bind_text(&p, 5, files[i].format);
        pg_bind_int(&p, 6, files[i].width);
        pg_bind_int(&p, 7, files[i].height);
        pg_bind_blob(&p, 8, files[i].bytes, files[i].len);
        pg_bind_time(&p, 9, at);
        rc = pg_exec(st, SQL_PENDING_PUT, &p, err);
    }
    return rc;
}

int pg_media_pending_get(struct store *base, struct arena *a, const char *token,
                         int64_t user_id, int64_t tracker_id,
                         struct media_file **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(token))
        return VG_ENOTFOUND;
    pg_bind_text(&p, 1, token);
    pg_bind_int(&p, 2, user_id);
    pg_bind_int(&p, 3, tracker_id);
    PG_COLLECT(st, a, SQL_PENDING_GET, &p, struct media_file, read_file_bytes,
               out, n, err);
}

int pg_media_pending_drop(struct store *base, const char *token,
                          struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(token))
        return 0;
    pg_bind_text(&p, 1, token);
    return pg_exec(st, SQL_PENDING_DROP, &p, err);
}
