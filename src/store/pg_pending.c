/*
 * pg_pending.c: the PostgreSQL operations not written yet, each refusing.
 * Removed section by section as pg_records.c, pg_auth.c, pg_events.c and
 * pg_victims.c are written; gone before the backend ships.
 */
#include "store/pg_int.h"

/* ==== auth (pg_auth.c) ==== */

int pg_user_insert(struct store *st, struct user *u, struct vg_err *err)
{
    (void)st, (void)u, (void)err;
    return VG_EIO;
}

int pg_user_get(struct store *st, struct arena *a, const char *login,
                struct user *out, struct vg_err *err)
{
    (void)st, (void)a, (void)login, (void)out, (void)err;
    return VG_EIO;
}

int pg_user_by_id(struct store *st, struct arena *a, int64_t id,
                  struct user *out, struct vg_err *err)
{
    (void)st, (void)a, (void)id, (void)out, (void)err;
    return VG_EIO;
}

int pg_user_save(struct store *st, const struct user *u, struct vg_err *err)
{
    (void)st, (void)u, (void)err;
    return VG_EIO;
}

int pg_user_list(struct store *st, struct arena *a, struct user **out,
                 size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_session_insert(struct store *st, const struct session *s,
                      struct vg_err *err)
{
    (void)st, (void)s, (void)err;
    return VG_EIO;
}

int pg_session_get(struct store *st, struct arena *a,
                   const uint8_t hash[TOKEN_HASH_LEN], struct session *out,
                   struct vg_err *err)
{
    (void)st, (void)a, (void)hash, (void)out, (void)err;
    return VG_EIO;
}

int pg_session_touch(struct store *st, const uint8_t hash[TOKEN_HASH_LEN],
                     int64_t seen_at, struct vg_err *err)
{
    (void)st, (void)hash, (void)seen_at, (void)err;
    return VG_EIO;
}

int pg_session_delete(struct store *st, const uint8_t hash[TOKEN_HASH_LEN],
                      struct vg_err *err)
{
    (void)st, (void)hash, (void)err;
    return VG_EIO;
}

int pg_session_delete_user(struct store *st, int64_t user_id,
                           const uint8_t *keep, struct vg_err *err)
{
    (void)st, (void)user_id, (void)keep, (void)err;
    return VG_EIO;
}

int pg_session_expire(struct store *st, int64_t idle_before,
                      int64_t made_before, struct vg_err *err)
{
    (void)st, (void)idle_before, (void)made_before, (void)err;
    return VG_EIO;
}

int pg_token_insert(struct store *st, struct api_token *t, struct vg_err *err)
{
    (void)st, (void)t, (void)err;
    return VG_EIO;
}

int pg_token_revoke_user(struct store *st, int64_t user_id, int64_t at,
                         struct vg_err *err)
{
    (void)st, (void)user_id, (void)at, (void)err;
    return VG_EIO;
}

int pg_token_get(struct store *st, struct arena *a,
                 const uint8_t hash[TOKEN_HASH_LEN], struct api_token *out,
                 struct vg_err *err)
{
    (void)st, (void)a, (void)hash, (void)out, (void)err;
    return VG_EIO;
}

int pg_secret(struct store *st, const char *name, uint8_t *out, size_t size,
              size_t *len, struct vg_err *err)
{
    (void)st, (void)name, (void)out, (void)size, (void)len, (void)err;
    return VG_EIO;
}

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
