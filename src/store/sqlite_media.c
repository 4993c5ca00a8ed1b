/*
 * sqlite_media.c: the SQLite store's queries for media (store.h,
 * "Media"): files as BLOBs named by their SHA-256, the renditions of a
 * set, and media records, one row per revision. Nothing is updated.
 */
#include "store/sqlite_int.h"

#include <string.h>

static const char SQL_FILE_PUT[] =
    "INSERT INTO media_files (sha256, format, width, height, bytes, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (sha256) DO NOTHING";
static const char SQL_RENDITION_PUT[] =
    "INSERT INTO media_renditions (key, sha256) VALUES (?1, ?2) "
    "ON CONFLICT (key, sha256) DO NOTHING";
static const char SQL_MEDIA_PUT[] =
    "INSERT INTO media (tracker_id, key, rev_no, alt, caption, credit, "
    "credit_withheld, width, height, created_by, created_at) VALUES "
    "(?1, ?2, (SELECT coalesce(max(rev_no), 0) + 1 FROM media "
    "WHERE tracker_id = ?1 AND key = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_MEDIA_REV[] = "SELECT rev_no FROM media WHERE id = ?1";
#define MEDIA_COLS                                                         \
    "id, tracker_id, key, rev_no, alt, caption, credit, credit_withheld, " \
    "width, height, created_by, created_at"
static const char SQL_MEDIA_GET[] =
    "SELECT " MEDIA_COLS " FROM media WHERE key = ?2 "
    "AND (?1 = 0 OR tracker_id = ?1) ORDER BY id DESC LIMIT 1";
static const char SQL_MEDIA_LIST[] =
    "SELECT " MEDIA_COLS " FROM media m WHERE tracker_id = ?1 AND rev_no = "
    "(SELECT max(rev_no) FROM media x WHERE x.tracker_id = m.tracker_id "
    "AND x.key = m.key) ORDER BY id DESC";
static const char SQL_MEDIA_HISTORY[] =
    "SELECT " MEDIA_COLS " FROM media WHERE tracker_id = ?1 ORDER BY id";
static const char SQL_FILES_OF[] =
    "SELECT f.sha256, f.format, f.width, f.height FROM media_renditions r "
    "JOIN media_files f ON f.sha256 = r.sha256 WHERE r.key = ?1 "
    "ORDER BY f.width, f.format = 'jpg', f.sha256";
static const char SQL_FILE_GET[] =
    "SELECT sha256, format, width, height, bytes FROM media_files "
    "WHERE sha256 = ?1";

/* ==== Writing ==== */

static int put_file(struct sq_store *st, const struct media_file *f, int64_t at,
                    struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_FILE_PUT, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, f->sha256);
    sq_bind_text(s, 2, f->format);
    sqlite3_bind_int64(s, 3, f->width);
    sqlite3_bind_int64(s, 4, f->height);
    sqlite3_bind_blob64(s, 5, f->bytes, f->len, SQLITE_STATIC);
    sq_bind_time(s, 6, at);
    return sq_exec(st, s, err);
}

static int put_rendition(struct sq_store *st, const char *key,
                         const char *sha256, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_RENDITION_PUT, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, key);
    sq_bind_text(s, 2, sha256);
    return sq_exec(st, s, err);
}

static int put_media(struct sq_store *st, struct media_record *m,
                     struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_MEDIA_PUT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, m->tracker_id);
    sq_bind_text(s, 2, m->key);
    sq_bind_text(s, 3, m->alt);
    sq_bind_text(s, 4, m->caption);
    sq_bind_text(s, 5, m->credit);
    sqlite3_bind_int(s, 6, m->credit_withheld);
    sqlite3_bind_int64(s, 7, m->width);
    sqlite3_bind_int64(s, 8, m->height);
    sq_bind_text(s, 9, m->created_by);
    sq_bind_time(s, 10, m->created_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        m->id = sqlite3_last_insert_rowid(st->db);
    return rc ? rc : sq_scalar(st, SQL_MEDIA_REV, m->id, &m->rev_no, err);
}

int sqlite_media_insert(struct store *base, struct media_record *m,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->nfiles; i++) {
        rc = put_file(st, &m->files[i], m->created_at, err);
        rc = rc ? rc : put_rendition(st, m->key, m->files[i].sha256, err);
    }
    return rc ? rc : put_media(st, m, err);
}

/* ==== Reading ==== */

static void read_media(struct arena *a, sqlite3_stmt *s, struct media_record *m)
{
    *m = (struct media_record){0};
    m->id = sqlite3_column_int64(s, 0);
    m->tracker_id = sqlite3_column_int64(s, 1);
    m->key = sq_text(a, s, 2);
    m->rev_no = sqlite3_column_int64(s, 3);
    m->alt = sq_text(a, s, 4);
    m->caption = sq_text(a, s, 5);
    m->credit = sq_text(a, s, 6);
    m->credit_withheld = sqlite3_column_int(s, 7) != 0;
    m->width = sqlite3_column_int64(s, 8);
    m->height = sqlite3_column_int64(s, 9);
    m->created_by = sq_text(a, s, 10);
    m->created_at = sq_time(s, 11);
}

static void read_file(struct arena *a, sqlite3_stmt *s, struct media_file *f)
{
    *f = (struct media_file){0};
    f->sha256 = sq_text(a, s, 0);
    f->format = sq_text(a, s, 1);
    f->width = sqlite3_column_int64(s, 2);
    f->height = sqlite3_column_int64(s, 3);
}

static int files_of(struct sq_store *st, struct arena *a, const char *key,
                    struct media_file **out, size_t *n, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_FILES_OF, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, key);
    COLLECT(st, a, s, struct media_file, read_file, out, n, err);
}

static int media_head(struct sq_store *st, struct arena *a, int64_t tracker_id,
                      const char *key, struct media_record *out,
                      struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_MEDIA_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sq_bind_text(s, 2, key);
    READ_ONE(st, a, s, read_media, out, err);
}

int sqlite_media_get(struct store *base, struct arena *a, int64_t tracker_id,
                     const char *key, struct media_record *out,
                     struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int rc = media_head(st, a, tracker_id, key, out, err);
    return rc ? rc : files_of(st, a, out->key, &out->files, &out->nfiles, err);
}

int sqlite_media_list(struct store *base, struct arena *a, int64_t tracker_id,
                      struct media_record **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_MEDIA_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct media_record, read_media, out, n, err);
}

int sqlite_media_history(struct store *base, struct arena *a,
                         int64_t tracker_id, struct media_record **out,
                         size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_MEDIA_HISTORY, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct media_record, read_media, out, n, err);
}

static void read_file_bytes(struct arena *a, sqlite3_stmt *s,
                            struct media_file *f)
{
    read_file(a, s, f);
    f->len = (size_t)sqlite3_column_bytes(s, 4);
    uint8_t *p = arena_alloc(a, f->len + 1);
    if (f->len)
        memcpy(p, sqlite3_column_blob(s, 4), f->len);
    f->bytes = p;
}

int sqlite_media_file_get(struct store *base, struct arena *a,
                          const char *sha256, struct media_file *out,
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_FILE_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, sha256);
    READ_ONE(st, a, s, read_file_bytes, out, err);
}

/* ==== Uploads not yet kept ==== */

static const char SQL_PENDING_EXPIRE[] =
    "DELETE FROM media_pending WHERE created_at < ?1";
static const char SQL_PENDING_PUT[] =
    "INSERT INTO media_pending (token, user_id, tracker_id, sha256, format, "
    "width, height, bytes, created_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (token, sha256) DO NOTHING";
static const char SQL_PENDING_GET[] =
    "SELECT sha256, format, width, height, bytes FROM media_pending "
    "WHERE token = ?1 AND user_id = ?2 AND tracker_id = ?3 "
    "ORDER BY width, format = 'jpg', sha256";
static const char SQL_PENDING_DROP[] =
    "DELETE FROM media_pending WHERE token = ?1";

static int pending_file(struct sq_store *st, const char *token, int64_t user_id,
                        int64_t tracker_id, const struct media_file *f,
                        int64_t at, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_PENDING_PUT, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, token);
    sqlite3_bind_int64(s, 2, user_id);
    sqlite3_bind_int64(s, 3, tracker_id);
    sq_bind_text(s, 4, f->sha256);
    sq_bind_text(s, 5, f->format);
    sqlite3_bind_int64(s, 6, f->width);
    sqlite3_bind_int64(s, 7, f->height);
    sqlite3_bind_blob64(s, 8, f->bytes, f->len, SQLITE_STATIC);
    sq_bind_time(s, 9, at);
    return sq_exec(st, s, err);
}

int sqlite_media_pending_put(struct store *base, const char *token,
                             int64_t user_id, int64_t tracker_id,
                             const struct media_file *files, size_t n,
                             int64_t at, int64_t expired, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PENDING_EXPIRE, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_time(s, 1, expired);
    int rc = sq_exec(st, s, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = pending_file(st, token, user_id, tracker_id, &files[i], at, err);
    return rc;
}

int sqlite_media_pending_get(struct store *base, struct arena *a,
                             const char *token, int64_t user_id,
                             int64_t tracker_id, struct media_file **out,
                             size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PENDING_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, token);
    sqlite3_bind_int64(s, 2, user_id);
    sqlite3_bind_int64(s, 3, tracker_id);
    COLLECT(st, a, s, struct media_file, read_file_bytes, out, n, err);
}

int sqlite_media_pending_drop(struct store *base, const char *token,
                              struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PENDING_DROP, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, token);
    return sq_exec(st, s, err);
}
