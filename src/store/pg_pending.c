/*
 * pg_pending.c: the PostgreSQL operations not written yet, each refusing.
 * Removed section by section as pg_records.c, pg_auth.c, pg_events.c and
 * pg_victims.c are written; gone before the backend ships.
 */
#include "store/pg_int.h"

/* ==== records (pg_records.c) ==== */

int pg_tracker_insert(struct store *st, struct tracker *t, struct vg_err *err)
{
    (void)st, (void)t, (void)err;
    return VG_EIO;
}

int pg_tracker_save(struct store *st, const struct tracker *t,
                    struct vg_err *err)
{
    (void)st, (void)t, (void)err;
    return VG_EIO;
}

int pg_tracker_get(struct store *st, struct arena *a, const char *slug,
                   struct tracker *out, struct vg_err *err)
{
    (void)st, (void)a, (void)slug, (void)out, (void)err;
    return VG_EIO;
}

int pg_tracker_by_id(struct store *st, struct arena *a, int64_t id,
                     struct tracker *out, struct vg_err *err)
{
    (void)st, (void)a, (void)id, (void)out, (void)err;
    return VG_EIO;
}

int pg_tracker_list(struct store *st, struct arena *a, struct tracker **out,
                    size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_source_insert(struct store *st, struct source *s, struct vg_err *err)
{
    (void)st, (void)s, (void)err;
    return VG_EIO;
}

int pg_source_get(struct store *st, struct arena *a, const char *slug,
                  struct source *out, struct vg_err *err)
{
    (void)st, (void)a, (void)slug, (void)out, (void)err;
    return VG_EIO;
}

int pg_source_list(struct store *st, struct arena *a, int64_t tracker_id,
                   struct source **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_metric_insert(struct store *st, struct metric *m, struct vg_err *err)
{
    (void)st, (void)m, (void)err;
    return VG_EIO;
}

int pg_metric_get(struct store *st, struct arena *a, int64_t tracker_id,
                  const char *key, struct metric *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)key, (void)out, (void)err;
    return VG_EIO;
}

int pg_metric_list(struct store *st, struct arena *a, int64_t tracker_id,
                   struct metric **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_update_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                          struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_update_save(struct store *st, struct update *u, struct vg_err *err)
{
    (void)st, (void)u, (void)err;
    return VG_EIO;
}

int pg_update_get(struct store *st, struct arena *a, int64_t tracker_id,
                  int64_t number, struct update *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)number, (void)out, (void)err;
    return VG_EIO;
}

int pg_update_list(struct store *st, struct arena *a, int64_t tracker_id,
                   enum update_filter which, size_t limit, struct update **out,
                   size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)which, (void)limit, (void)out,
        (void)n, (void)err;
    return VG_EIO;
}

int pg_update_between(struct store *st, struct arena *a, int64_t tracker_id,
                      int64_t from, int64_t to, struct update **out, size_t *n,
                      struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)from, (void)to, (void)out,
        (void)n, (void)err;
    return VG_EIO;
}

int pg_update_due(struct store *st, struct arena *a, int64_t now, size_t limit,
                  struct update **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)now, (void)limit, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_update_pinned(struct store *st, struct arena *a, int64_t tracker_id,
                     struct update *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_update_revisions(struct store *st, struct arena *a, int64_t update_id,
                        struct update **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)update_id, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_claim_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    (void)st, (void)tracker_id, (void)out, (void)err;
    return VG_EIO;
}

int pg_claim_insert(struct store *st, struct claim *c, struct vg_err *err)
{
    (void)st, (void)c, (void)err;
    return VG_EIO;
}

int pg_claim_list(struct store *st, struct arena *a, int64_t tracker_id,
                  int64_t metric_id, struct claim **out, size_t *n,
                  struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)metric_id, (void)out, (void)n,
        (void)err;
    return VG_EIO;
}

int pg_proposal_insert(struct store *st, struct proposal *p, struct vg_err *err)
{
    (void)st, (void)p, (void)err;
    return VG_EIO;
}

int pg_proposal_get(struct store *st, struct arena *a, int64_t tracker_id,
                    int64_t id, struct proposal *out, struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)id, (void)out, (void)err;
    return VG_EIO;
}

int pg_proposal_decide(struct store *st, const struct proposal *p,
                       struct vg_err *err)
{
    (void)st, (void)p, (void)err;
    return VG_EIO;
}

int pg_proposal_list(struct store *st, struct arena *a, int64_t tracker_id,
                     bool pending_only, struct proposal **out, size_t *n,
                     struct vg_err *err)
{
    (void)st, (void)a, (void)tracker_id, (void)pending_only, (void)out, (void)n,
        (void)err;
    return VG_EIO;
}

int pg_audit_append(struct store *st, struct audit_entry *e, struct vg_err *err)
{
    (void)st, (void)e, (void)err;
    return VG_EIO;
}

int pg_audit_list(struct store *st, struct arena *a, size_t limit,
                  struct audit_entry **out, size_t *n, struct vg_err *err)
{
    (void)st, (void)a, (void)limit, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_change_append(struct store *st, struct change *c, struct vg_err *err)
{
    (void)st, (void)c, (void)err;
    return VG_EIO;
}

int pg_change_list(struct store *st, struct arena *a, int64_t after,
                   size_t limit, struct change **out, size_t *n,
                   struct vg_err *err)
{
    (void)st, (void)a, (void)after, (void)limit, (void)out, (void)n, (void)err;
    return VG_EIO;
}

int pg_change_last(struct store *st, int64_t *out, struct vg_err *err)
{
    (void)st, (void)out, (void)err;
    return VG_EIO;
}

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
