/*
 * sqlite_embeds.c: the SQLite store's embedded posts and videos
 * (update_embeds, hash-chained and append-only; core/embeds.h).
 */
#include "store/sqlite_int.h"

static const char SQL_EMBED_HEAD[] =
    "SELECT seq, hash FROM update_embeds ORDER BY seq DESC LIMIT 1";
static const char SQL_EMBED_INSERT[] =
    "INSERT INTO update_embeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?)";
/* Each update's latest row, for a range of numbers: the index on
 * (update_id, seq) answers the inner max. */
static const char SQL_EMBED_LIST[] =
    "SELECT u.number, e.seq, e.update_id, e.rev_no, e.platform, e.url, "
    "e.handle, e.post_id, e.author, e.posted_on, e.quote, e.captured_at, "
    "e.still, e.duration_s, e.source, e.recorded_by, e.recorded_at "
    "FROM updates u JOIN update_embeds e ON e.update_id = u.id "
    "WHERE u.tracker_id = ?1 AND u.number BETWEEN ?2 AND ?3 "
    "AND e.seq = (SELECT max(seq) FROM update_embeds "
    "WHERE update_id = u.id) AND e.platform <> 'none' ORDER BY u.number";

int sqlite_embed_append(struct store *base, struct embed *e, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char posted[DATE_LEN + 1], captured[TIMESTAMP_LEN + 1],
        at[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),
        col_int(e->update_id),
        col_int(e->rev_no),
        col_text(e->platform),
        col_text(e->url),
        col_text(e->handle),
        col_text(e->post_id),
        col_text(e->author),
        col_date(e->posted_on, posted),
        col_text(e->quote),
        col_time(e->captured_at, captured),
        col_text(e->still),
        col_int_or_null(e->duration_s > 0, e->duration_s),
        col_text(e->source),
        col_text(e->recorded_by),
        col_time(e->recorded_at, at),
        col_int(0),
        col_int(0),
    };
    return sq_chain_append(st, SQL_EMBED_HEAD, SQL_EMBED_INSERT, cols,
                           sizeof cols / sizeof cols[0], &e->seq, err);
}

static void read_embed(struct arena *a, sqlite3_stmt *s, struct embed *e)
{
    e->number = sqlite3_column_int64(s, 0);
    e->seq = sqlite3_column_int64(s, 1);
    e->update_id = sqlite3_column_int64(s, 2);
    e->rev_no = sqlite3_column_int64(s, 3);
    e->platform = sq_text(a, s, 4);
    e->url = sq_text(a, s, 5);
    e->handle = sq_text(a, s, 6);
    e->post_id = sq_text(a, s, 7);
    e->author = sq_text(a, s, 8);
    e->posted_on = sq_date(s, 9);
    e->quote = sq_text(a, s, 10);
    e->captured_at = sq_time(s, 11);
    e->still = sq_text(a, s, 12);
    e->duration_s = sqlite3_column_int64(s, 13);
    e->source = sq_text(a, s, 14);
    e->recorded_by = sq_text(a, s, 15);
    e->recorded_at = sq_time(s, 16);
}

int sqlite_embed_list(struct store *base, struct arena *a, int64_t tracker_id,
                      int64_t from, int64_t to, struct embed **out, size_t *n,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_EMBED_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, from);
    sqlite3_bind_int64(s, 3, to);
    COLLECT(st, a, s, struct embed, read_embed, out, n, err);
}
