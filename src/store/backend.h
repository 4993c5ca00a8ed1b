/*
 * backend.h: what a store backend provides, for store.c and the backends
 * (sqlite.c; pg.c), and nothing else. store.h is the interface the rest of
 * Vigil uses; each of its functions that takes a store is one row of
 * STORE_OPS, which makes the table of operations every backend fills and
 * the store_* functions that call through it (store.c). The compiler
 * checks each row against its declaration in store.h.
 */
#ifndef VIGIL_STORE_BACKEND_H
#define VIGIL_STORE_BACKEND_H

#include "store/rows.h"
#include "store/store.h"

struct store_ops;

/* The head of every backend's connection (its first member). */
struct store {
    const struct store_ops *ops;
};

/* X(return type, name, (parameters), (arguments)); V(...) for void. */
#define STORE_OPS(X, V)                                                        \
    X(int, schema_version, (struct store * st), (st))                          \
    X(int, bulk_load, (struct store * st, bool on, struct vg_err *err),        \
      (st, on, err))                                                           \
    X(int, begin, (struct store * st, struct vg_err * err), (st, err))         \
    X(int, commit, (struct store * st, struct vg_err * err), (st, err))        \
    V(rollback, (struct store * st), (st))                                     \
    X(int, read_begin, (struct store * st, struct vg_err * err), (st, err))    \
    V(read_end, (struct store * st), (st))                                     \
    X(int, tracker_insert,                                                     \
      (struct store * st, struct tracker * t, struct vg_err * err),            \
      (st, t, err))                                                            \
    X(int, tracker_save,                                                       \
      (struct store * st, const struct tracker *t, struct vg_err *err),        \
      (st, t, err))                                                            \
    X(int, tracker_get,                                                        \
      (struct store * st, struct arena * a, const char *slug,                  \
       struct tracker *out, struct vg_err *err),                               \
      (st, a, slug, out, err))                                                 \
    X(int, tracker_by_id,                                                      \
      (struct store * st, struct arena * a, int64_t id, struct tracker * out,  \
       struct vg_err * err),                                                   \
      (st, a, id, out, err))                                                   \
    X(int, tracker_list,                                                       \
      (struct store * st, struct arena * a, struct tracker * *out, size_t * n, \
       struct vg_err * err),                                                   \
      (st, a, out, n, err))                                                    \
    X(int, source_insert,                                                      \
      (struct store * st, struct source * s, struct vg_err * err),             \
      (st, s, err))                                                            \
    X(int, source_get,                                                         \
      (struct store * st, struct arena * a, const char *slug,                  \
       struct source *out, struct vg_err *err),                                \
      (st, a, slug, out, err))                                                 \
    X(int, source_list,                                                        \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct source * *out, size_t * n, struct vg_err * err),                 \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, source_link,                                                        \
      (struct store * st, int64_t tracker_id, int64_t source_id, int64_t at,   \
       int64_t * added, struct vg_err * err),                                  \
      (st, tracker_id, source_id, at, added, err))                             \
    X(int, source_alias_insert,                                                \
      (struct store * st, struct source_alias * a, struct vg_err * err),       \
      (st, a, err))                                                            \
    X(int, source_alias_list,                                                  \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct source_alias * *out, size_t * n, struct vg_err * err),           \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, metric_insert,                                                      \
      (struct store * st, struct metric * m, struct vg_err * err),             \
      (st, m, err))                                                            \
    X(int, metric_get,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       const char *key, struct metric *out, struct vg_err *err),               \
      (st, a, tracker_id, key, out, err))                                      \
    X(int, metric_list,                                                        \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct metric * *out, size_t * n, struct vg_err * err),                 \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, update_next_number,                                                 \
      (struct store * st, int64_t tracker_id, int64_t * out,                   \
       struct vg_err * err),                                                   \
      (st, tracker_id, out, err))                                              \
    X(int, update_save,                                                        \
      (struct store * st, struct update * u, struct vg_err * err),             \
      (st, u, err))                                                            \
    X(int, update_get,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t number, struct update * out, struct vg_err * err),              \
      (st, a, tracker_id, number, out, err))                                   \
    X(int, update_list,                                                        \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       enum update_filter which, size_t limit, struct update * *out,           \
       size_t * n, struct vg_err * err),                                       \
      (st, a, tracker_id, which, limit, out, n, err))                          \
    X(int, update_between,                                                     \
      (struct store * st, struct arena * a, int64_t tracker_id, int64_t from,  \
       int64_t to, struct update * *out, size_t * n, struct vg_err * err),     \
      (st, a, tracker_id, from, to, out, n, err))                              \
    X(int, update_due,                                                         \
      (struct store * st, struct arena * a, int64_t now, size_t limit,         \
       struct update * *out, size_t * n, struct vg_err * err),                 \
      (st, a, now, limit, out, n, err))                                        \
    X(int, update_pinned,                                                      \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct update * out, struct vg_err * err),                              \
      (st, a, tracker_id, out, err))                                           \
    X(int, update_revisions,                                                   \
      (struct store * st, struct arena * a, int64_t update_id,                 \
       struct update * *out, size_t * n, struct vg_err * err),                 \
      (st, a, update_id, out, n, err))                                         \
    X(int, update_corrects,                                                    \
      (struct store * st, int64_t update_id, int64_t corrects_id,              \
       const char *author, int64_t at, struct vg_err *err),                    \
      (st, update_id, corrects_id, author, at, err))                           \
    X(int, embed_append,                                                       \
      (struct store * st, struct embed * e, struct vg_err * err),              \
      (st, e, err))                                                            \
    X(int, embed_list,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id, int64_t from,  \
       int64_t to, struct embed * *out, size_t * n, struct vg_err * err),      \
      (st, a, tracker_id, from, to, out, n, err))                              \
    X(int, claim_next_number,                                                  \
      (struct store * st, int64_t tracker_id, int64_t * out,                   \
       struct vg_err * err),                                                   \
      (st, tracker_id, out, err))                                              \
    X(int, claim_insert,                                                       \
      (struct store * st, struct claim * c, struct vg_err * err),              \
      (st, c, err))                                                            \
    X(int, claim_list,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t metric_id, struct claim * *out, size_t * n,                     \
       struct vg_err * err),                                                   \
      (st, a, tracker_id, metric_id, out, n, err))                             \
    X(int, claim_get,                                                          \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t number, struct claim * out, struct vg_err * err),               \
      (st, a, tracker_id, number, out, err))                                   \
    X(int, claim_retract,                                                      \
      (struct store * st, const struct claim *c, int64_t by_id,                \
       const struct retraction *r, struct vg_err *err),                        \
      (st, c, by_id, r, err))                                                  \
    X(int, event_next_number,                                                  \
      (struct store * st, int64_t tracker_id, int64_t * out,                   \
       struct vg_err * err),                                                   \
      (st, tracker_id, out, err))                                              \
    X(int, event_insert,                                                       \
      (struct store * st, struct event * e, const char *rev,                   \
       struct vg_err *err),                                                    \
      (st, e, rev, err))                                                       \
    X(int, event_bulk_begin,                                                   \
      (struct store * st, struct event_bulk * *out, struct vg_err * err),      \
      (st, out, err))                                                          \
    X(int, event_bulk_insert,                                                  \
      (struct store * st, struct event_batch * b, struct vg_err * err),        \
      (st, b, err))                                                            \
    X(int, event_bulk_end,                                                     \
      (struct store * st, struct event_bulk * bulk, bool keep,                 \
       struct vg_err *err),                                                    \
      (st, bulk, keep, err))                                                   \
    X(int, event_save,                                                         \
      (struct store * st, const struct event *e, const char *rev,              \
       struct vg_err *err),                                                    \
      (st, e, rev, err))                                                       \
    X(int, event_edit,                                                         \
      (struct store * st, const struct event *e, const char *rev,              \
       struct vg_err *err),                                                    \
      (st, e, rev, err))                                                       \
    X(int, event_get,                                                          \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t number, struct event * out, struct vg_err * err),               \
      (st, a, tracker_id, number, out, err))                                   \
    X(int, event_list,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       const struct event_filter *f, struct event **out, size_t *n,            \
       struct vg_err *err),                                                    \
      (st, a, tracker_id, f, out, n, err))                                     \
    X(int, event_scan,                                                         \
      (struct store * st, int64_t tracker_id,                                  \
       int (*fn)(const struct event *e, void *ctx), void *ctx,                 \
       struct vg_err *err),                                                    \
      (st, tracker_id, fn, ctx, err))                                          \
    X(int, event_scan_ids,                                                     \
      (struct store * st, const struct search_backlog *range,                  \
       int (*fn)(const struct event *e, void *ctx), void *ctx,                 \
       struct vg_err *err),                                                    \
      (st, range, fn, ctx, err))                                               \
    X(int, victim_next_number,                                                 \
      (struct store * st, int64_t tracker_id, int64_t * out,                   \
       struct vg_err * err),                                                   \
      (st, tracker_id, out, err))                                              \
    X(int, victim_insert,                                                      \
      (struct store * st, struct victim * v, struct vg_err * err),             \
      (st, v, err))                                                            \
    X(int, victim_save,                                                        \
      (struct store * st, const struct victim *v, struct vg_err *err),         \
      (st, v, err))                                                            \
    X(int, victim_get,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t number, struct victim * out, struct vg_err * err),              \
      (st, a, tracker_id, number, out, err))                                   \
    X(int, victim_identified,                                                  \
      (struct store * st, int64_t tracker_id, int64_t * out,                   \
       struct vg_err * err),                                                   \
      (st, tracker_id, out, err))                                              \
    X(int, victim_list,                                                        \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct victim * *out, size_t * n, struct vg_err * err),                 \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, proposal_insert,                                                    \
      (struct store * st, struct proposal * p, struct vg_err * err),           \
      (st, p, err))                                                            \
    X(int, proposal_get,                                                       \
      (struct store * st, struct arena * a, int64_t tracker_id, int64_t id,    \
       struct proposal * out, struct vg_err * err),                            \
      (st, a, tracker_id, id, out, err))                                       \
    X(int, proposal_decide,                                                    \
      (struct store * st, const struct proposal *p, struct vg_err *err),       \
      (st, p, err))                                                            \
    X(int, proposal_list,                                                      \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       bool pending_only, struct proposal **out, size_t *n,                    \
       struct vg_err *err),                                                    \
      (st, a, tracker_id, pending_only, out, n, err))                          \
    X(int, search_put,                                                         \
      (struct store * st, const struct search_doc *d, struct vg_err *err),     \
      (st, d, err))                                                            \
    X(int, search_find,                                                        \
      (struct store * st, struct arena * a, const struct search_query *q,      \
       struct search_hit **out, size_t *n, struct vg_err *err),                \
      (st, a, q, out, n, err))                                                 \
    X(int, search_stale, (struct store * st, bool *stale, struct vg_err *err), \
      (st, stale, err))                                                        \
    X(int, search_backlog_add,                                                 \
      (struct store * st, const struct search_backlog *b, struct vg_err *err), \
      (st, b, err))                                                            \
    X(int, search_backlog_take,                                                \
      (struct store * st, int64_t max, struct search_backlog * out,            \
       bool *found, struct vg_err *err),                                       \
      (st, max, out, found, err))                                              \
    X(int, search_backlog_count,                                               \
      (struct store * st, int64_t * out, struct vg_err * err), (st, out, err)) \
    X(int, user_insert,                                                        \
      (struct store * st, struct user * u, struct vg_err * err), (st, u, err)) \
    X(int, user_get,                                                           \
      (struct store * st, struct arena * a, const char *login,                 \
       struct user *out, struct vg_err *err),                                  \
      (st, a, login, out, err))                                                \
    X(int, user_by_id,                                                         \
      (struct store * st, struct arena * a, int64_t id, struct user * out,     \
       struct vg_err * err),                                                   \
      (st, a, id, out, err))                                                   \
    X(int, user_save,                                                          \
      (struct store * st, const struct user *u, struct vg_err *err),           \
      (st, u, err))                                                            \
    X(int, user_list,                                                          \
      (struct store * st, struct arena * a, struct user * *out, size_t * n,    \
       struct vg_err * err),                                                   \
      (st, a, out, n, err))                                                    \
    X(int, session_insert,                                                     \
      (struct store * st, const struct session *s, struct vg_err *err),        \
      (st, s, err))                                                            \
    X(int, session_get,                                                        \
      (struct store * st, struct arena * a,                                    \
       const uint8_t hash[TOKEN_HASH_LEN], struct session *out,                \
       struct vg_err *err),                                                    \
      (st, a, hash, out, err))                                                 \
    X(int, session_touch,                                                      \
      (struct store * st, const uint8_t hash[TOKEN_HASH_LEN], int64_t seen_at, \
       struct vg_err *err),                                                    \
      (st, hash, seen_at, err))                                                \
    X(int, session_delete,                                                     \
      (struct store * st, const uint8_t hash[TOKEN_HASH_LEN],                  \
       struct vg_err *err),                                                    \
      (st, hash, err))                                                         \
    X(int, session_delete_user,                                                \
      (struct store * st, int64_t user_id, const uint8_t *keep,                \
       struct vg_err *err),                                                    \
      (st, user_id, keep, err))                                                \
    X(int, session_expire,                                                     \
      (struct store * st, int64_t idle_before, int64_t made_before,            \
       struct vg_err * err),                                                   \
      (st, idle_before, made_before, err))                                     \
    X(int, token_insert,                                                       \
      (struct store * st, struct api_token * t, struct vg_err * err),          \
      (st, t, err))                                                            \
    X(int, token_revoke_user,                                                  \
      (struct store * st, int64_t user_id, int64_t at, struct vg_err * err),   \
      (st, user_id, at, err))                                                  \
    X(int, token_get,                                                          \
      (struct store * st, struct arena * a,                                    \
       const uint8_t hash[TOKEN_HASH_LEN], struct api_token *out,              \
       struct vg_err *err),                                                    \
      (st, a, hash, out, err))                                                 \
    X(int, autosave_put,                                                       \
      (struct store * st, const struct autosave *as, struct vg_err *err),      \
      (st, as, err))                                                           \
    X(int, autosave_get,                                                       \
      (struct store * st, struct arena * a, int64_t user_id,                   \
       int64_t tracker_id, int64_t number, struct autosave * out,              \
       struct vg_err * err),                                                   \
      (st, a, user_id, tracker_id, number, out, err))                          \
    X(int, autosave_delete,                                                    \
      (struct store * st, int64_t user_id, int64_t tracker_id, int64_t number, \
       struct vg_err * err),                                                   \
      (st, user_id, tracker_id, number, err))                                  \
    X(int, presence_touch,                                                     \
      (struct store * st, int64_t user_id, int64_t tracker_id, int64_t number, \
       int64_t at, struct vg_err * err),                                       \
      (st, user_id, tracker_id, number, at, err))                              \
    X(int, presence_list,                                                      \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       int64_t number, int64_t since, struct presence * *out, size_t * n,      \
       struct vg_err * err),                                                   \
      (st, a, tracker_id, number, since, out, n, err))                         \
    X(int, grant_list,                                                         \
      (struct store * st, struct arena * a, int64_t user_id,                   \
       struct grant * *out, size_t * n, struct vg_err * err),                  \
      (st, a, user_id, out, n, err))                                           \
    X(int, grant_set,                                                          \
      (struct store * st, const struct grant *g, struct vg_err *err),          \
      (st, g, err))                                                            \
    X(int, invite_insert,                                                      \
      (struct store * st, struct invite * i, struct vg_err * err),             \
      (st, i, err))                                                            \
    X(int, invite_get,                                                         \
      (struct store * st, struct arena * a,                                    \
       const uint8_t hash[TOKEN_HASH_LEN], struct invite *out,                 \
       struct vg_err *err),                                                    \
      (st, a, hash, out, err))                                                 \
    X(int, invite_close_user,                                                  \
      (struct store * st, int64_t user_id, int64_t at, struct vg_err * err),   \
      (st, user_id, at, err))                                                  \
    X(int, byline_list,                                                        \
      (struct store * st, struct arena * a, int64_t tracker_id, int64_t from,  \
       int64_t to, struct byline * *out, size_t * n, struct vg_err * err),     \
      (st, a, tracker_id, from, to, out, n, err))                              \
    X(int, secret,                                                             \
      (struct store * st, const char *name, uint8_t *out, size_t size,         \
       size_t *len, struct vg_err *err),                                       \
      (st, name, out, size, len, err))                                         \
    X(int, media_insert,                                                       \
      (struct store * st, struct media_record * m, struct vg_err * err),       \
      (st, m, err))                                                            \
    X(int, media_get,                                                          \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       const char *key, struct media_record *out, struct vg_err *err),         \
      (st, a, tracker_id, key, out, err))                                      \
    X(int, media_list,                                                         \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct media_record * *out, size_t * n, struct vg_err * err),           \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, media_history,                                                      \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct media_record * *out, size_t * n, struct vg_err * err),           \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, media_file_get,                                                     \
      (struct store * st, struct arena * a, const char *sha256,                \
       struct media_file *out, struct vg_err *err),                            \
      (st, a, sha256, out, err))                                               \
    X(int, media_pending_put,                                                  \
      (struct store * st, const char *token, int64_t user_id,                  \
       int64_t tracker_id, const struct media_file *files, size_t n,           \
       int64_t at, int64_t expired, struct vg_err *err),                       \
      (st, token, user_id, tracker_id, files, n, at, expired, err))            \
    X(int, media_pending_get,                                                  \
      (struct store * st, struct arena * a, const char *token,                 \
       int64_t user_id, int64_t tracker_id, struct media_file **out,           \
       size_t *n, struct vg_err *err),                                         \
      (st, a, token, user_id, tracker_id, out, n, err))                        \
    X(int, media_pending_drop,                                                 \
      (struct store * st, const char *token, struct vg_err *err),              \
      (st, token, err))                                                        \
    X(int, webhook_insert,                                                     \
      (struct store * st, struct webhook * w, struct vg_err * err),            \
      (st, w, err))                                                            \
    X(int, webhook_list,                                                       \
      (struct store * st, struct arena * a, int64_t tracker_id,                \
       struct webhook * *out, size_t * n, struct vg_err * err),                \
      (st, a, tracker_id, out, n, err))                                        \
    X(int, webhook_delete,                                                     \
      (struct store * st, int64_t id, struct vg_err * err), (st, id, err))     \
    X(int, outbox_enqueue,                                                     \
      (struct store * st, int64_t tracker_id, const char *kind,                \
       const char *payload, const char *key_prefix, int64_t at,                \
       int64_t due_ms, size_t *queued, struct vg_err *err),                    \
      (st, tracker_id, kind, payload, key_prefix, at, due_ms, queued, err))    \
    X(int, outbox_take,                                                        \
      (struct store * st, struct arena * a, int64_t now_ms, int64_t lease_ms,  \
       size_t limit, struct delivery * *out, size_t * n, struct vg_err * err), \
      (st, a, now_ms, lease_ms, limit, out, n, err))                           \
    X(int, outbox_settle,                                                      \
      (struct store * st, int64_t id, int64_t at, const char *error,           \
       int64_t due_ms, struct vg_err *err),                                    \
      (st, id, at, error, due_ms, err))                                        \
    X(int, audit_append,                                                       \
      (struct store * st, struct audit_entry * e, struct vg_err * err),        \
      (st, e, err))                                                            \
    X(int, audit_list,                                                         \
      (struct store * st, struct arena * a, size_t limit,                      \
       struct audit_entry * *out, size_t * n, struct vg_err * err),            \
      (st, a, limit, out, n, err))                                             \
    X(int, change_append,                                                      \
      (struct store * st, struct change * c, struct vg_err * err),             \
      (st, c, err))                                                            \
    X(int, change_list,                                                        \
      (struct store * st, struct arena * a, int64_t after, size_t limit,       \
       struct change * *out, size_t * n, struct vg_err * err),                 \
      (st, a, after, limit, out, n, err))                                      \
    X(int, change_last,                                                        \
      (struct store * st, int64_t * out, struct vg_err * err), (st, out, err)) \
    X(int, changes_listen, (struct store * st, struct vg_err * err),           \
      (st, err))                                                               \
    X(int, changes_wait,                                                       \
      (struct store * st, int timeout_ms, struct vg_err *err),                 \
      (st, timeout_ms, err))                                                   \
    X(int, rows_scan,                                                          \
      (struct store * st, const char *table, store_row_fn *fn, void *ctx,      \
       struct vg_err *err),                                                    \
      (st, table, fn, ctx, err))                                               \
    X(int, rows_insert,                                                        \
      (struct store * st, const char *table, const struct col *cols, size_t n, \
       bool replace, struct vg_err *err),                                      \
      (st, table, cols, n, replace, err))                                      \
    X(int, data_version,                                                       \
      (struct store * st, int64_t * out, struct vg_err * err), (st, out, err)) \
    X(uint64_t, statement_count, (const struct store *st), (st))               \
    X(int, check,                                                              \
      (struct store * st, struct buf * report, struct vg_err * err),           \
      (st, report, err))                                                       \
    X(int, chain_head,                                                         \
      (struct store * st, const char *table, char out[2 * 32 + 1],             \
       struct vg_err *err),                                                    \
      (st, table, out, err))                                                   \
    X(int, backup, (struct store * st, const char *path, struct vg_err *err),  \
      (st, path, err))

#define STORE_OP_FIELD(ret, name, params, args) ret(*name) params;
#define STORE_OP_VFIELD(name, params, args)     void(*name) params;
struct store_ops {
    const char *name; /* "sqlite", "postgresql" */
    STORE_OPS(STORE_OP_FIELD, STORE_OP_VFIELD)
    void (*close)(struct store *st);
};

/* The SQLite backend (a file path). */
int sqlite_open(const char *path, enum store_mode mode, struct store **out,
                struct vg_err *err);
/* The PostgreSQL backend (a libpq connection string or URI). */
int pg_open(const char *conninfo, enum store_mode mode, struct store **out,
            struct vg_err *err);

#endif
