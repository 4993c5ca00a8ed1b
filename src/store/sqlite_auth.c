/*
 * sqlite_auth.c: the SQLite store's queries for people: users, sessions,
 * API tokens and the per-install secrets.
 */
#include <string.h>

#include "model/enums.h"
#include "store/sqlite_int.h"

/* ==== Users ==== */

#define USER_COLS                                                              \
    "id, login, pwhash, roles, disabled, created_at, totp_secret, totp_step, " \
    "display_name, lang"

static const char SQL_USER_INSERT[] =
    "INSERT INTO users (login, pwhash, roles, disabled, created_at, "
    "totp_secret, totp_step, display_name, lang) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_USER_GET[] =
    "SELECT " USER_COLS " FROM users WHERE login = ?1";
static const char SQL_USER_BY_ID[] =
    "SELECT " USER_COLS " FROM users WHERE id = ?1";
static const char SQL_USER_SAVE[] =
    "UPDATE users SET pwhash = ?2, roles = ?3, disabled = ?4, "
    "totp_secret = ?5, totp_step = ?6, display_name = ?7, lang = ?8 WHERE id = "
    "?1";
static const char SQL_USER_LIST[] =
    "SELECT " USER_COLS " FROM users ORDER BY login";

static unsigned read_roles(sqlite3_stmt *s, int i)
{
    int roles = roles_parse((const char *)sqlite3_column_text(s, i));
    return roles < 0 ? 0 : (unsigned)roles;
}

static void read_user(struct arena *a, sqlite3_stmt *s, struct user *u)
{
    u->id = sqlite3_column_int64(s, 0);
    u->login = sq_text(a, s, 1);
    u->pwhash = sq_text(a, s, 2);
    u->roles = read_roles(s, 3);
    u->disabled = sqlite3_column_int(s, 4) != 0;
    u->created_at = sq_time(s, 5);
    u->has_totp = sqlite3_column_bytes(s, 6) == TOTP_SECRET_LEN;
    memset(u->totp_secret, 0, sizeof u->totp_secret);
    if (u->has_totp)
        memcpy(u->totp_secret, sqlite3_column_blob(s, 6), TOTP_SECRET_LEN);
    u->totp_step = sqlite3_column_int64(s, 7);
    u->display_name = sq_text(a, s, 8);
    u->lang = sq_text(a, s, 9);
}

static void bind_totp(sqlite3_stmt *s, int i, const struct user *u)
{
    if (u->has_totp)
        sqlite3_bind_blob(s, i, u->totp_secret, TOTP_SECRET_LEN,
                          SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
    sqlite3_bind_int64(s, i + 1, u->totp_step);
}

int sqlite_user_insert(struct store *base, struct user *u, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    sqlite3_stmt *s = sq_prepare(st, SQL_USER_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, u->login);
    sq_bind_text(s, 2, u->pwhash);
    sq_bind_text(s, 3, roles);
    sqlite3_bind_int(s, 4, u->disabled);
    sq_bind_time(s, 5, u->created_at);
    bind_totp(s, 6, u);
    sq_bind_text(s, 8, u->display_name);
    sq_bind_text(s, 9, u->lang);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        u->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_user_get(struct store *base, struct arena *a, const char *login,
                    struct user *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_USER_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, login);
    READ_ONE(st, a, s, read_user, out, err);
}

int sqlite_user_by_id(struct store *base, struct arena *a, int64_t id,
                      struct user *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_USER_BY_ID, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, id);
    READ_ONE(st, a, s, read_user, out, err);
}

int sqlite_user_save(struct store *base, const struct user *u,
                     struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    sqlite3_stmt *s = sq_prepare(st, SQL_USER_SAVE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, u->id);
    sq_bind_text(s, 2, u->pwhash);
    sq_bind_text(s, 3, roles);
    sqlite3_bind_int(s, 4, u->disabled);
    bind_totp(s, 5, u);
    sq_bind_text(s, 7, u->display_name);
    sq_bind_text(s, 8, u->lang);
    return sq_exec(st, s, err);
}

int sqlite_user_list(struct store *base, struct arena *a, struct user **out,
                     size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_USER_LIST, err);
    if (s == NULL)
        return VG_EIO;
    COLLECT(st, a, s, struct user, read_user, out, n, err);
}

/* ==== Sessions ==== */

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, seen_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_SESSION_GET[] =
    "SELECT s.token_hash, s.user_id, s.csrf, s.created_at, s.seen_at, "
    "u.login, u.roles, u.disabled, u.lang FROM sessions s "
    "LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1";
static const char SQL_SESSION_TOUCH[] =
    "UPDATE sessions SET seen_at = ?2 WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE[] =
    "DELETE FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE_USER[] =
    "DELETE FROM sessions WHERE user_id = ?1 AND "
    "(?2 IS NULL OR token_hash <> ?2)";
static const char SQL_SESSION_EXPIRE[] =
    "DELETE FROM sessions WHERE seen_at < ?1 OR created_at < ?2";

static void bind_hash(sqlite3_stmt *s, int i, const uint8_t *hash)
{
    if (hash)
        sqlite3_bind_blob(s, i, hash, TOKEN_HASH_LEN, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void read_hash(sqlite3_stmt *s, int i, uint8_t out[TOKEN_HASH_LEN])
{
    memset(out, 0, TOKEN_HASH_LEN);
    if (sqlite3_column_bytes(s, i) == TOKEN_HASH_LEN)
        memcpy(out, sqlite3_column_blob(s, i), TOKEN_HASH_LEN);
}

static void read_session(struct arena *a, sqlite3_stmt *s, struct session *x)
{
    read_hash(s, 0, x->token_hash);
    x->user_id = sqlite3_column_int64(s, 1);
    x->csrf = sq_text(a, s, 2);
    x->created_at = sq_time(s, 3);
    x->seen_at = sq_time(s, 4);
    x->login = sq_text(a, s, 5);
    x->roles = x->login ? read_roles(s, 6) : 0;
    x->disabled = sqlite3_column_int(s, 7) != 0;
    x->lang = sq_text(a, s, 8);
}

int sqlite_session_insert(struct store *base, const struct session *x,
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, x->token_hash);
    if (x->user_id)
        sqlite3_bind_int64(s, 2, x->user_id);
    sq_bind_text(s, 3, x->csrf);
    sq_bind_time(s, 4, x->created_at);
    sq_bind_time(s, 5, x->seen_at);
    return sq_exec(st, s, err);
}

int sqlite_session_get(struct store *base, struct arena *a,
                       const uint8_t hash[TOKEN_HASH_LEN], struct session *out,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_GET, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, hash);
    READ_ONE(st, a, s, read_session, out, err);
}

int sqlite_session_touch(struct store *base, const uint8_t hash[TOKEN_HASH_LEN],
                         int64_t seen_at, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_TOUCH, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, hash);
    sq_bind_time(s, 2, seen_at);
    return sq_exec(st, s, err);
}

int sqlite_session_delete(struct store *base,
                          const uint8_t hash[TOKEN_HASH_LEN],
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_DELETE, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, hash);
    return sq_exec(st, s, err);
}

int sqlite_session_delete_user(struct store *base, int64_t user_id,
                               const uint8_t *keep, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_DELETE_USER, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, user_id);
    bind_hash(s, 2, keep);
    return sq_exec(st, s, err);
}

int sqlite_session_expire(struct store *base, int64_t idle_before,
                          int64_t made_before, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SESSION_EXPIRE, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_time(s, 1, idle_before);
    sq_bind_time(s, 2, made_before);
    return sq_exec(st, s, err);
}

/* ==== API tokens ==== */

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_tokens (token_hash, user_id, label, created_at) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_TOKEN_GET[] =
    "SELECT t.id, t.token_hash, t.user_id, t.label, t.created_at, "
    "t.revoked_at, u.login, u.roles, u.disabled FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1";

static const char SQL_TOKEN_REVOKE_USER[] =
    "UPDATE api_tokens SET revoked_at = ?2 "
    "WHERE user_id = ?1 AND revoked_at IS NULL";

static void read_token(struct arena *a, sqlite3_stmt *s, struct api_token *t)
{
    t->id = sqlite3_column_int64(s, 0);
    read_hash(s, 1, t->token_hash);
    t->user_id = sqlite3_column_int64(s, 2);
    t->label = sq_text(a, s, 3);
    t->created_at = sq_time(s, 4);
    t->revoked_at = sq_time(s, 5);
    t->login = sq_text(a, s, 6);
    t->roles = read_roles(s, 7);
    t->disabled = sqlite3_column_int(s, 8) != 0;
}

int sqlite_token_insert(struct store *base, struct api_token *t,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TOKEN_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, t->token_hash);
    sqlite3_bind_int64(s, 2, t->user_id);
    sq_bind_text(s, 3, t->label);
    sq_bind_time(s, 4, t->created_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        t->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_token_revoke_user(struct store *base, int64_t user_id, int64_t at,
                             struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TOKEN_REVOKE_USER, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, user_id);
    sq_bind_time(s, 2, at);
    return sq_exec(st, s, err);
}

int sqlite_token_get(struct store *base, struct arena *a,
                     const uint8_t hash[TOKEN_HASH_LEN], struct api_token *out,
                     struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TOKEN_GET, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, hash);
    READ_ONE(st, a, s, read_token, out, err);
}

/* ==== Roles on one tracker ==== */

static const char SQL_GRANT_LIST[] =
    "SELECT g.user_id, g.tracker_id, g.roles, u.login, t.slug "
    "FROM user_roles g JOIN users u ON u.id = g.user_id "
    "JOIN trackers t ON t.id = g.tracker_id "
    "WHERE ?1 IN (0, g.user_id) ORDER BY u.login, t.slug";
static const char SQL_GRANT_PUT[] =
    "INSERT INTO user_roles (user_id, tracker_id, roles) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (user_id, tracker_id) DO UPDATE SET roles = excluded.roles";
static const char SQL_GRANT_DROP[] =
    "DELETE FROM user_roles WHERE user_id = ?1 AND tracker_id = ?2";

static void read_grant(struct arena *a, sqlite3_stmt *s, struct grant *g)
{
    g->user_id = sqlite3_column_int64(s, 0);
    g->tracker_id = sqlite3_column_int64(s, 1);
    g->roles = read_roles(s, 2);
    g->login = sq_text(a, s, 3);
    g->tracker_slug = sq_text(a, s, 4);
}

int sqlite_grant_list(struct store *base, struct arena *a, int64_t user_id,
                      struct grant **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_GRANT_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, user_id);
    COLLECT(st, a, s, struct grant, read_grant, out, n, err);
}

int sqlite_grant_set(struct store *base, const struct grant *g,
                     struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char roles[128];
    roles_format(g->roles, roles, sizeof roles);
    sqlite3_stmt *s =
        sq_prepare(st, g->roles ? SQL_GRANT_PUT : SQL_GRANT_DROP, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, g->user_id);
    sqlite3_bind_int64(s, 2, g->tracker_id);
    if (g->roles)
        sq_bind_text(s, 3, roles);
    return sq_exec(st, s, err);
}

/* ==== One-time links ==== */

#define INVITE_COLS                                              \
    "id, token_hash, user_id, purpose, created_by, created_at, " \
    "expires_at, closed_at"

static const char SQL_INVITE_INSERT[] =
    "INSERT INTO invites (token_hash, user_id, purpose, created_by, "
    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INVITE_GET[] =
    "SELECT " INVITE_COLS " FROM invites WHERE token_hash = ?1";
static const char SQL_INVITE_CLOSE_USER[] =
    "UPDATE invites SET closed_at = ?2 "
    "WHERE user_id = ?1 AND closed_at IS NULL";

static void read_invite(struct arena *a, sqlite3_stmt *s, struct invite *i)
{
    i->id = sqlite3_column_int64(s, 0);
    read_hash(s, 1, i->token_hash);
    i->user_id = sqlite3_column_int64(s, 2);
    i->purpose = (enum invite_purpose)sq_enum(s, 3, &invite_purpose_names);
    i->created_by = sq_text(a, s, 4);
    i->created_at = sq_time(s, 5);
    i->expires_at = sq_time(s, 6);
    i->closed_at = sq_time(s, 7);
}

int sqlite_invite_insert(struct store *base, struct invite *i,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_INVITE_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, i->token_hash);
    sqlite3_bind_int64(s, 2, i->user_id);
    sq_bind_text(s, 3, enum_name(&invite_purpose_names, (int)i->purpose));
    sq_bind_text(s, 4, i->created_by);
    sq_bind_time(s, 5, i->created_at);
    sq_bind_time(s, 6, i->expires_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        i->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_invite_get(struct store *base, struct arena *a,
                      const uint8_t hash[TOKEN_HASH_LEN], struct invite *out,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_INVITE_GET, err);
    if (s == NULL)
        return VG_EIO;
    bind_hash(s, 1, hash);
    READ_ONE(st, a, s, read_invite, out, err);
}

int sqlite_invite_close_user(struct store *base, int64_t user_id, int64_t at,
                             struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_INVITE_CLOSE_USER, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, user_id);
    sq_bind_time(s, 2, at);
    return sq_exec(st, s, err);
}

/* ==== Bylines ==== */

/* Who wrote each update: its first revision's author, by the index on
 * (update_id, rev_no); only authors with a display name. */
static const char SQL_BYLINE_LIST[] =
    "SELECT up.number, us.display_name FROM updates up "
    "JOIN update_rev r ON r.update_id = up.id AND r.rev_no = 1 "
    "JOIN users us ON us.login = r.author "
    "WHERE up.tracker_id = ?1 AND up.number BETWEEN ?2 AND ?3 "
    "AND us.display_name IS NOT NULL ORDER BY up.number";

static void read_byline(struct arena *a, sqlite3_stmt *s, struct byline *b)
{
    b->number = sqlite3_column_int64(s, 0);
    b->name = sq_text(a, s, 1);
}

int sqlite_byline_list(struct store *base, struct arena *a, int64_t tracker_id,
                       int64_t from, int64_t to, struct byline **out, size_t *n,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_BYLINE_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, from);
    sqlite3_bind_int64(s, 3, to);
    COLLECT(st, a, s, struct byline, read_byline, out, n, err);
}

/* ==== Secrets ==== */

static const char SQL_SECRET_GET[] =
    "SELECT value FROM secrets WHERE name = ?1";

int sqlite_secret(struct store *base, const char *name, uint8_t *out,
                  size_t size, size_t *len, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SECRET_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, name);
    int rc = sq_step_one(st, s, err);
    if (rc <= 0)
        return rc == 0 ? VG_ENOTFOUND : rc;
    size_t n = (size_t)sqlite3_column_bytes(s, 0);
    *len = n < size ? n : size;
    memcpy(out, sqlite3_column_blob(s, 0), *len);
    sqlite3_reset(s);
    return 0;
}
