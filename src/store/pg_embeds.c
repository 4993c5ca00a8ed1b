/*
 * pg_embeds.c: the PostgreSQL store's embedded posts and videos (the twin
 * of sqlite_embeds.c).
 */
#include "store/pg_int.h"

static const char SQL_EMBED_HEAD[] =
    "SELECT seq, hash FROM update_embeds ORDER BY seq DESC LIMIT 1";
static const char SQL_EMBED_INSERT[] =
    "INSERT INTO update_embeds VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, $15, $16, $17, $18)";
static const char SQL_EMBED_LIST[] =
    "SELECT u.number, e.seq, e.update_id, e.rev_no, e.platform, e.url, "
    "e.handle, e.post_id, e.author, e.posted_on, e.quote, e.captured_at, "
    "e.still, e.duration_s, e.source, e.recorded_by, e.recorded_at "
    "FROM updates u JOIN update_embeds e ON e.update_id = u.id "
    "WHERE u.tracker_id = $1 AND u.number BETWEEN $2 AND $3 "
    "AND e.seq = (SELECT max(seq) FROM update_embeds "
    "WHERE update_id = u.id) AND e.platform <> 'none' ORDER BY u.number";

int pg_embed_append(struct store *base, struct embed *e, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
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
    return pg_chain_append(st, SQL_EMBED_HEAD, SQL_EMBED_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &e->seq, err);
}

static void read_embed(struct arena *a, const PGresult *res, int r,
                       struct embed *e)
{
    e->number = pg_int(res, r, 0);
    e->seq = pg_int(res, r, 1);
    e->update_id = pg_int(res, r, 2);
    e->rev_no = pg_int(res, r, 3);
    e->platform = pg_text(a, res, r, 4);
    e->url = pg_text(a, res, r, 5);
    e->handle = pg_text(a, res, r, 6);
    e->post_id = pg_text(a, res, r, 7);
    e->author = pg_text(a, res, r, 8);
    e->posted_on = pg_date(res, r, 9);
    e->quote = pg_text(a, res, r, 10);
    e->captured_at = pg_time(res, r, 11);
    e->still = pg_text(a, res, r, 12);
    e->duration_s = pg_int(res, r, 13);
    e->source = pg_text(a, res, r, 14);
    e->recorded_by = pg_text(a, res, r, 15);
    e->recorded_at = pg_time(res, r, 16);
}

int pg_embed_list(struct store *base, struct arena *a, int64_t tracker_id,
                  int64_t from, int64_t to, struct embed **out, size_t *n,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, from);
    pg_bind_int(&p, 3, to);
    PG_COLLECT(st, a, SQL_EMBED_LIST, &p, struct embed, read_embed, out, n,
               err);
}
