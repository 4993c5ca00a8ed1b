/*
 * pg_auth.c: the PostgreSQL store's queries for people: users, sessions,
 * API tokens and the per-install secrets (the twin of sqlite_auth.c).
 */
#include <string.h>

#include "model/enums.h"
#include "store/pg_int.h"

/* ==== Users ==== */

#define USER_COLS                                                              \
    "id, login, pwhash, roles, disabled, created_at, totp_secret, totp_step, " \
    "display_name, lang"

static const char SQL_USER_INSERT[] =
    "INSERT INTO users (id, login, pwhash, roles, disabled, created_at, "
    "totp_secret, totp_step, display_name, lang) VALUES ((SELECT "
    "coalesce(max(id), "
    "0) + 1 FROM users), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
static const char SQL_USER_GET[] =
    "SELECT " USER_COLS " FROM users WHERE login = $1";
static const char SQL_USER_BY_ID[] =
    "SELECT " USER_COLS " FROM users WHERE id = $1";
static const char SQL_USER_SAVE[] =
    "UPDATE users SET pwhash = $2, roles = $3, disabled = $4, "
    "totp_secret = $5, totp_step = $6, display_name = $7, lang = $8 WHERE id = "
    "$1";
/* Byte order, as SQLite's BINARY collation sorts, whatever the
 * database's locale. */
static const char SQL_USER_LIST[] =
    "SELECT " USER_COLS " FROM users ORDER BY login COLLATE \"C\"";

static unsigned read_roles(const PGresult *res, int r, int c)
{
    int roles = roles_parse(pg_text(NULL, res, r, c));
    return roles < 0 ? 0 : (unsigned)roles;
}

/* A TOKEN_HASH_LEN or TOTP_SECRET_LEN blob into out (len bytes); false,
 * and out zeroed, when the column is NULL or of another length. The hex
 * text is decoded into a. */
static bool read_fixed(struct arena *a, const PGresult *res, int r, int c,
                       uint8_t *out, size_t len)
{
    size_t n;
    const uint8_t *b = pg_blob(a, res, r, c, &n);
    bool ok = b != NULL && n == len;
    memset(out, 0, len);
    if (ok)
        memcpy(out, b, len);
    return ok;
}

static void read_user(struct arena *a, const PGresult *res, int r,
                      struct user *u)
{
    u->id = pg_int(res, r, 0);
    u->login = pg_text(a, res, r, 1);
    u->pwhash = pg_text(a, res, r, 2);
    u->roles = read_roles(res, r, 3);
    u->disabled = pg_int(res, r, 4) != 0;
    u->created_at = pg_time(res, r, 5);
    u->has_totp = read_fixed(a, res, r, 6, u->totp_secret, TOTP_SECRET_LEN);
    u->totp_step = pg_int(res, r, 7);
    u->display_name = pg_text(a, res, r, 8);
    u->lang = pg_text(a, res, r, 9);
}

static void bind_totp(struct pg_params *p, int i, const struct user *u)
{
    if (u->has_totp)
        pg_bind_blob(p, i, u->totp_secret, TOTP_SECRET_LEN);
    else
        pg_bind_null(p, i);
    pg_bind_int(p, i + 1, u->totp_step);
}

int pg_user_insert(struct store *base, struct user *u, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, u->login);
    pg_bind_text(&p, 2, u->pwhash);
    pg_bind_text(&p, 3, roles);
    pg_bind_int(&p, 4, u->disabled);
    pg_bind_time(&p, 5, u->created_at);
    bind_totp(&p, 6, u);
    pg_bind_text(&p, 8, u->display_name);
    pg_bind_text(&p, 9, u->lang);
    return pg_insert_id(st, SQL_USER_INSERT, &p, &u->id, err);
}

int pg_user_get(struct store *base, struct arena *a, const char *login,
                struct user *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(login))
        return VG_ENOTFOUND;
    pg_bind_text(&p, 1, login);
    PG_READ_ONE(st, a, SQL_USER_GET, &p, read_user, out, err);
}

int pg_user_by_id(struct store *base, struct arena *a, int64_t id,
                  struct user *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, id);
    PG_READ_ONE(st, a, SQL_USER_BY_ID, &p, read_user, out, err);
}

int pg_user_save(struct store *base, const struct user *u, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, u->id);
    pg_bind_text(&p, 2, u->pwhash);
    pg_bind_text(&p, 3, roles);
    pg_bind_int(&p, 4, u->disabled);
    bind_totp(&p, 5, u);
    pg_bind_text(&p, 7, u->display_name);
    pg_bind_text(&p, 8, u->lang);
    return pg_exec(st, SQL_USER_SAVE, &p, err);
}

int pg_user_list(struct store *base, struct arena *a, struct user **out,
                 size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    PG_COLLECT(st, a, SQL_USER_LIST, &p, struct user, read_user, out, n, err);
}

/* ==== Sessions ==== */

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, seen_at) "
    "VALUES ($1, $2, $3, $4, $5)";
static const char SQL_SESSION_GET[] =
    "SELECT s.token_hash, s.user_id, s.csrf, s.created_at, s.seen_at, "
    "u.login, u.roles, u.disabled, u.lang FROM sessions s "
    "LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1";
static const char SQL_SESSION_TOUCH[] =
    "UPDATE sessions SET seen_at = $2 WHERE token_hash = $1";
static const char SQL_SESSION_DELETE[] =
    "DELETE FROM sessions WHERE token_hash = $1";
/* $2 is cast: alone in "IS NULL" PostgreSQL cannot infer its type. */
static const char SQL_SESSION_DELETE_USER[] =
    "DELETE FROM sessions WHERE user_id = $1 AND "
    "($2::bytea IS NULL OR token_hash <> $2::bytea)";
/* Timestamps are text of one fixed format: compared byte by byte, as
 * SQLite compares them, they sort as the times do. */
static const char SQL_SESSION_EXPIRE[] =
    "DELETE FROM sessions WHERE seen_at < $1 COLLATE \"C\" "
    "OR created_at < $2 COLLATE \"C\"";

static void bind_hash(struct pg_params *p, int i, const uint8_t *hash)
{
    if (hash)
        pg_bind_blob(p, i, hash, TOKEN_HASH_LEN);
    else
        pg_bind_null(p, i);
}

static void read_session(struct arena *a, const PGresult *res, int r,
                         struct session *x)
{
    read_fixed(a, res, r, 0, x->token_hash, TOKEN_HASH_LEN);
    x->user_id = pg_int(res, r, 1);
    x->csrf = pg_text(a, res, r, 2);
    x->created_at = pg_time(res, r, 3);
    x->seen_at = pg_time(res, r, 4);
    x->login = pg_text(a, res, r, 5);
    x->roles = x->login ? read_roles(res, r, 6) : 0;
    x->disabled = pg_int(res, r, 7) != 0;
    x->lang = pg_text(a, res, r, 8);
}

int pg_session_insert(struct store *base, const struct session *x,
                      struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, x->token_hash);
    if (x->user_id)
        pg_bind_int(&p, 2, x->user_id);
    else
        pg_bind_null(&p, 2);
    pg_bind_text(&p, 3, x->csrf);
    pg_bind_time(&p, 4, x->created_at);
    pg_bind_time(&p, 5, x->seen_at);
    return pg_exec(st, SQL_SESSION_INSERT, &p, err);
}

int pg_session_get(struct store *base, struct arena *a,
                   const uint8_t hash[TOKEN_HASH_LEN], struct session *out,
                   struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, hash);
    PG_READ_ONE(st, a, SQL_SESSION_GET, &p, read_session, out, err);
}

int pg_session_touch(struct store *base, const uint8_t hash[TOKEN_HASH_LEN],
                     int64_t seen_at, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, hash);
    pg_bind_time(&p, 2, seen_at);
    return pg_exec(st, SQL_SESSION_TOUCH, &p, err);
}

int pg_session_delete(struct store *base, const uint8_t hash[TOKEN_HASH_LEN],
                      struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, hash);
    return pg_exec(st, SQL_SESSION_DELETE, &p, err);
}

int pg_session_delete_user(struct store *base, int64_t user_id,
                           const uint8_t *keep, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, user_id);
    bind_hash(&p, 2, keep);
    return pg_exec(st, SQL_SESSION_DELETE_USER, &p, err);
}

int pg_session_expire(struct store *base, int64_t idle_before,
                      int64_t made_before, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_time(&p, 1, idle_before);
    pg_bind_time(&p, 2, made_before);
    return pg_exec(st, SQL_SESSION_EXPIRE, &p, err);
}

/* ==== API tokens ==== */

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_tokens (id, token_hash, user_id, label, created_at) "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM api_tokens), "
    "$1, $2, $3, $4) RETURNING id";
static const char SQL_TOKEN_GET[] =
    "SELECT t.id, t.token_hash, t.user_id, t.label, t.created_at, "
    "t.revoked_at, u.login, u.roles, u.disabled FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1";

static const char SQL_TOKEN_REVOKE_USER[] =
    "UPDATE api_tokens SET revoked_at = $2 "
    "WHERE user_id = $1 AND revoked_at IS NULL";

static void read_token(struct arena *a, const PGresult *res, int r,
                       struct api_token *t)
{
    t->id = pg_int(res, r, 0);
    read_fixed(a, res, r, 1, t->token_hash, TOKEN_HASH_LEN);
    t->user_id = pg_int(res, r, 2);
    t->label = pg_text(a, res, r, 3);
    t->created_at = pg_time(res, r, 4);
    t->revoked_at = pg_time(res, r, 5);
    t->login = pg_text(a, res, r, 6);
    t->roles = read_roles(res, r, 7);
    t->disabled = pg_int(res, r, 8) != 0;
}

int pg_token_insert(struct store *base, struct api_token *t, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, t->token_hash);
    pg_bind_int(&p, 2, t->user_id);
    pg_bind_text(&p, 3, t->label);
    pg_bind_time(&p, 4, t->created_at);
    return pg_insert_id(st, SQL_TOKEN_INSERT, &p, &t->id, err);
}

int pg_token_revoke_user(struct store *base, int64_t user_id, int64_t at,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, user_id);
    pg_bind_time(&p, 2, at);
    return pg_exec(st, SQL_TOKEN_REVOKE_USER, &p, err);
}

int pg_token_get(struct store *base, struct arena *a,
                 const uint8_t hash[TOKEN_HASH_LEN], struct api_token *out,
                 struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, hash);
    PG_READ_ONE(st, a, SQL_TOKEN_GET, &p, read_token, out, err);
}

/* ==== Roles on one tracker ==== */

static const char SQL_GRANT_LIST[] =
    "SELECT g.user_id, g.tracker_id, g.roles, u.login, t.slug "
    "FROM user_roles g JOIN users u ON u.id = g.user_id "
    "JOIN trackers t ON t.id = g.tracker_id "
    "WHERE $1::bigint IN (0, g.user_id) "
    "ORDER BY u.login COLLATE \"C\", t.slug COLLATE \"C\"";
static const char SQL_GRANT_PUT[] =
    "INSERT INTO user_roles (user_id, tracker_id, roles) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id, tracker_id) DO UPDATE SET roles = excluded.roles";
static const char SQL_GRANT_DROP[] =
    "DELETE FROM user_roles WHERE user_id = $1 AND tracker_id = $2";

static void read_grant(struct arena *a, const PGresult *res, int r,
                       struct grant *g)
{
    g->user_id = pg_int(res, r, 0);
    g->tracker_id = pg_int(res, r, 1);
    g->roles = read_roles(res, r, 2);
    g->login = pg_text(a, res, r, 3);
    g->tracker_slug = pg_text(a, res, r, 4);
}

int pg_grant_list(struct store *base, struct arena *a, int64_t user_id,
                  struct grant **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, user_id);
    PG_COLLECT(st, a, SQL_GRANT_LIST, &p, struct grant, read_grant, out, n,
               err);
}

int pg_grant_set(struct store *base, const struct grant *g, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    char roles[128];
    roles_format(g->roles, roles, sizeof roles);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, g->user_id);
    pg_bind_int(&p, 2, g->tracker_id);
    if (g->roles)
        pg_bind_text(&p, 3, roles);
    return pg_exec(st, g->roles ? SQL_GRANT_PUT : SQL_GRANT_DROP, &p, err);
}

/* ==== One-time links ==== */

#define INVITE_COLS                                              \
    "id, token_hash, user_id, purpose, created_by, created_at, " \
    "expires_at, closed_at"

static const char SQL_INVITE_INSERT[] =
    "INSERT INTO invites (id, token_hash, user_id, purpose, created_by, "
    "created_at, expires_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM "
    "invites), $1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_INVITE_GET[] =
    "SELECT " INVITE_COLS " FROM invites WHERE token_hash = $1";
static const char SQL_INVITE_CLOSE_USER[] =
    "UPDATE invites SET closed_at = $2 "
    "WHERE user_id = $1 AND closed_at IS NULL";

static void read_invite(struct arena *a, const PGresult *res, int r,
                        struct invite *i)
{
    i->id = pg_int(res, r, 0);
    read_fixed(a, res, r, 1, i->token_hash, TOKEN_HASH_LEN);
    i->user_id = pg_int(res, r, 2);
    i->purpose = (enum invite_purpose)pg_enum(res, r, 3, &invite_purpose_names);
    i->created_by = pg_text(a, res, r, 4);
    i->created_at = pg_time(res, r, 5);
    i->expires_at = pg_time(res, r, 6);
    i->closed_at = pg_time(res, r, 7);
}

int pg_invite_insert(struct store *base, struct invite *i, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, i->token_hash);
    pg_bind_int(&p, 2, i->user_id);
    pg_bind_text(&p, 3, enum_name(&invite_purpose_names, (int)i->purpose));
    pg_bind_text(&p, 4, i->created_by);
    pg_bind_time(&p, 5, i->created_at);
    pg_bind_time(&p, 6, i->expires_at);
    return pg_insert_id(st, SQL_INVITE_INSERT, &p, &i->id, err);
}

int pg_invite_get(struct store *base, struct arena *a,
                  const uint8_t hash[TOKEN_HASH_LEN], struct invite *out,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_hash(&p, 1, hash);
    PG_READ_ONE(st, a, SQL_INVITE_GET, &p, read_invite, out, err);
}

int pg_invite_close_user(struct store *base, int64_t user_id, int64_t at,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, user_id);
    pg_bind_time(&p, 2, at);
    return pg_exec(st, SQL_INVITE_CLOSE_USER, &p, err);
}

/* ==== Bylines ==== */

/* Who wrote each update: its first revision's author (sqlite_auth.c). */
static const char SQL_BYLINE_LIST[] =
    "SELECT up.number, us.display_name FROM updates up "
    "JOIN update_rev r ON r.update_id = up.id AND r.rev_no = 1 "
    "JOIN users us ON us.login = r.author "
    "WHERE up.tracker_id = $1 AND up.number BETWEEN $2 AND $3 "
    "AND us.display_name IS NOT NULL ORDER BY up.number";

static void read_byline(struct arena *a, const PGresult *res, int r,
                        struct byline *b)
{
    b->number = pg_int(res, r, 0);
    b->name = pg_text(a, res, r, 1);
}

int pg_byline_list(struct store *base, struct arena *a, int64_t tracker_id,
                   int64_t from, int64_t to, struct byline **out, size_t *n,
                   struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, from);
    pg_bind_int(&p, 3, to);
    PG_COLLECT(st, a, SQL_BYLINE_LIST, &p, struct byline, read_byline, out, n,
               err);
}

/* ==== Secrets ==== */

static const char SQL_SECRET_GET[] =
    "SELECT value FROM secrets WHERE name = $1";

int pg_secret(struct store *base, const char *name, uint8_t *out, size_t size,
              size_t *len, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, name);
    PGresult *res = pg_query(st, SQL_SECRET_GET, &p, err);
    if (res == NULL)
        return VG_EIO;
    int rc = PQntuples(res) > 0 ? 0 : VG_ENOTFOUND;
    if (rc == 0) {
        struct arena a = ARENA_INIT;
        size_t n;
        const uint8_t *v = pg_blob(&a, res, 0, 0, &n);
        *len = n < size ? n : size;
        if (*len)
            memcpy(out, v, *len);
        arena_release(&a);
    }
    PQclear(res);
    return rc;
}
