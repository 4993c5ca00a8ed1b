/*
 * pg_pending.c: the PostgreSQL operations not written yet, each refusing.
 * Removed section by section as pg_records.c, pg_auth.c, pg_events.c and
 * pg_victims.c are written; gone before the backend ships.
 */
#include "store/pg_int.h"

/* ==== events (pg_events.c) ==== */

int pg_event_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_event_insert(struct store *st, struct event *e, const char *rev,
                    struct vg_err *err)
{
    (void)st, (void)e, (void)rev, (void)err;
    return VG_EIO;
}

int pg_event_bulk_begin(struct store *st, struct event_bulk **out,
                        struct vg_err *err)
{
    (void)st, (void)out, (void)err;
    return VG_EIO;
}

int pg_event_bulk_insert(struct store *st, struct event_batch *b,
                         struct vg_err *err)
{
    (void)st, (void)b, (void)err;
    return VG_EIO;
}

int pg_event_save(struct store *st, const struct event *e, const char *rev,
                  struct vg_err *err)
{
    (void)st, (void)e, (void)rev, (void)err;
    return VG_EIO;
}

int pg_event_get(struct store *st, struct arena *a, int64_t tracker_id,
                 int64_t number, struct event *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)number, (void)out, (void)err;
    return VG_EIO;
}

int pg_event_list(struct store *st, struct arena *a, int64_t tracker_id,
                  const struct event_filter *f, struct event **out, size_t *n,
                  struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)f, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_event_scan(struct store *st, int64_t tracker_id,
                  int (*fn)(const struct event *e, void *ctx), void *ctx,
                  struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)fn, (void)ctx, (void)err;
    return VG_EIO;
}

int pg_event_rev_stood_for(struct pg_store *st, const char *body,
                           int64_t event_id, struct chain_hasher *h)
{
    (void)st, (void)body, (void)event_id, (void)h;
    return VG_EIO;
}

/* ==== victims (pg_victims.c) ==== */

int pg_victim_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                          struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_victim_insert(struct store *st, struct victim *v, struct vg_err *err)
{
    (void)st, (void)v, (void)err;
    return VG_EIO;
}

int pg_victim_save(struct store *st, const struct victim *v, struct vg_err *err)
{
    (void)st, (void)v, (void)err;
    return VG_EIO;
}

int pg_victim_get(struct store *st, struct arena *a, int64_t tracker_id,
                  int64_t number, struct victim *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)number, (void)out, (void)err;
    return VG_EIO;
}

int pg_victim_identified(struct store *st, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_victim_list(struct store *st, struct arena *a, int64_t tracker_id,
                   struct victim **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)out, (void)n, (void)err;
    return VG_EIO;
}
