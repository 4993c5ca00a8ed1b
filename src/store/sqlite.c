/*
 * sqlite.c: the SQLite store: connection, migrations, transactions,
 * chains, checks and backups.
 *
 * Settings follow DESIGN §10 and reference/security.md C2: WAL with
 * synchronous=FULL (a commit that returned survives power loss), one writer
 * connection per process, foreign keys on, secure_delete, defensive mode,
 * and length limits. Every statement is prepared once and bound.
 */
#define _POSIX_C_SOURCE 200809L
#include "store/sqlite_int.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/enums.h"
#include "store/media_check.h"
#include "store/migrations.h"
#include "util/chain.h"
#include "util/xmalloc.h"

/* ==== Statements ==== */

int sq_fail(struct sq_store *st, struct vg_err *err)
{
    int ext = sqlite3_extended_errcode(st->db);
    int code =
        ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY
            ? VG_ECONFLICT
            : VG_EIO;
    return vg_err_set(err, code, NULL, "database: %s", sqlite3_errmsg(st->db));
}

sqlite3_stmt *sq_prepare(struct sq_store *st, const char *sql,
                         struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare_rebind(st, sql, err);
    if (s)
        sqlite3_clear_bindings(s);
    return s;
}

sqlite3_stmt *sq_prepare_rebind(struct sq_store *st, const char *sql,
                                struct vg_err *err)
{
    for (size_t i = 0; i < st->cached; i++) {
        if (st->cache[i].sql == sql) {
            sqlite3_stmt *s = st->cache[i].stmt;
            sqlite3_reset(s);
            return s;
        }
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                           NULL) != SQLITE_OK) {
        sq_fail(st, err);
        return NULL;
    }
    if (st->cached < STMT_CACHE) {
        st->cache[st->cached].sql = sql;
        st->cache[st->cached].stmt = s;
        st->cached++;
    } else {
        /* The cache is sized for every literal in the store; running out
         * means a new query was added without raising STMT_CACHE. */
        fprintf(stderr, "vigil: statement cache full\n");
        abort();
    }
    return s;
}

int sq_exec(struct sq_store *st, sqlite3_stmt *s, struct vg_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return sq_fail(st, err);
    return 0;
}

int sq_step_one(struct sq_store *st, sqlite3_stmt *s, struct vg_err *err)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

int sq_scalar(struct sq_store *st, const char *sql, int64_t arg, int64_t *out,
              struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, sql, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, arg);
    int rc = sq_step_one(st, s, err);
    if (rc <= 0)
        return rc == 0 ? VG_EIO : rc;
    *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

/* ==== Binding and reading ==== */

void sq_bind_text(sqlite3_stmt *s, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

void sq_bind_date(sqlite3_stmt *s, int i, struct vg_date d)
{
    if (d.year == 0) {
        sqlite3_bind_null(s, i);
        return;
    }
    char buf[DATE_LEN + 1];
    date_format(d, buf);
    sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

void sq_bind_time(sqlite3_stmt *s, int i, int64_t t)
{
    if (t == 0) {
        sqlite3_bind_null(s, i);
        return;
    }
    char buf[TIMESTAMP_LEN + 1];
    timestamp_format(t, buf);
    sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

const char *sq_text(struct arena *a, sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (t == NULL || a == NULL)
        return (const char *)t;
    return arena_strndup(a, (const char *)t,
                         (size_t)sqlite3_column_bytes(s, i));
}

struct vg_date sq_date(sqlite3_stmt *s, int i)
{
    struct vg_date d = {0, 0, 0};
    const char *t = (const char *)sqlite3_column_text(s, i);
    if (t)
        date_parse(t, strlen(t), &d);
    return d;
}

int64_t sq_time(sqlite3_stmt *s, int i)
{
    int64_t t = 0;
    const char *p = (const char *)sqlite3_column_text(s, i);
    if (p)
        timestamp_parse(p, strlen(p), &t);
    return t;
}

int sq_enum(sqlite3_stmt *s, int i, const struct enum_names *e)
{
    return enum_parse(e, (const char *)sqlite3_column_text(s, i));
}

/* ==== Opening ==== */

static int exec_sql(struct sq_store *st, const char *sql, struct vg_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    vg_err_set(err, VG_EIO, NULL, "database: %s",
               msg ? msg : sqlite3_errmsg(st->db));
    sqlite3_free(msg);
    return VG_EIO;
}

static int read_version(struct sq_store *st, int *version, struct vg_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) !=
        SQLITE_OK)
        return sq_fail(st, err);
    int rc = sqlite3_step(s);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : sq_fail(st, err);
}

int sqlite_schema_version(struct store *base)
{
    struct sq_store *st = sq_of(base);
    int v = -1;
    read_version(st, &v, NULL);
    return v;
}

static int migrate(struct sq_store *st, struct vg_err *err)
{
    int version;
    int rc = read_version(st, &version, err);
    if (rc != 0)
        return rc;
    if (version > (int)migration_count)
        return vg_err_set(err, VG_EIO, "db",
                          "database schema %d is newer than this vigil (%zu)",
                          version, migration_count);
    if (version < (int)migration_count && st->mode == STORE_READ_ONLY)
        return vg_err_set(err, VG_EIO, "db",
                          "database schema %d is older than this vigil "
                          "(%zu); run 'vigil init' to upgrade it",
                          version, migration_count);
    for (size_t i = (size_t)version; i < migration_count; i++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %zu", i + 1);
        if ((rc = exec_sql(st, "BEGIN IMMEDIATE", err)) != 0)
            return rc;
        if ((rc = exec_sql(st, migrations[i], err)) != 0 ||
            (rc = exec_sql(st, bump, err)) != 0 ||
            (rc = exec_sql(st, "COMMIT", err)) != 0) {
            exec_sql(st, "ROLLBACK", NULL);
            return rc;
        }
    }
    return 0;
}

static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)type, (void)p, (void)x;
    struct sq_store *st = ctx;
    atomic_fetch_add(&st->statements, 1);
    return 0;
}

static int configure(struct sq_store *st, struct vg_err *err)
{
    sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, on_statement, st);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, 1000000);
    sqlite3_limit(st->db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    if (st->mode == STORE_READ_ONLY)
        return exec_sql(st, "PRAGMA trusted_schema = OFF;", err);
    return exec_sql(st,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;"
                    "PRAGMA trusted_schema = OFF;"
                    "PRAGMA journal_size_limit = 67108864;",
                    err);
}

/* What a process killed mid-write leaves (a hot rollback journal from a
 * bulk load, store_bulk_load, or a WAL index to rebuild) must be
 * recovered by the next connection, and a read-only one cannot
 * ("attempt to write a readonly database"): a read-write connection then
 * reads once, which recovers it (or waits its busy timeout while a live
 * writer holds it), and the read-only open is tried again. */
static bool needs_recovery(sqlite3 *db)
{
    int ext = db ? sqlite3_extended_errcode(db) : 0;
    return ext == SQLITE_READONLY_ROLLBACK || ext == SQLITE_READONLY_RECOVERY ||
           ext == SQLITE_READONLY_CANTINIT;
}

static void recover(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL,
                     NULL);
    }
    sqlite3_close(db);
}

int sqlite_open(const char *path, enum store_mode mode, struct store **out,
                struct vg_err *err)
{
    struct stat sb;
    if (mode != STORE_CREATE && stat(path, &sb) != 0)
        return vg_err_set(err, VG_ENOTFOUND, "db",
                          "no database at %s (create one with 'vigil init')",
                          path);
    sqlite3_hard_heap_limit64(256LL << 20);
    struct sq_store *st = xcalloc(1, sizeof *st);
    st->base.ops = &sqlite_ops;
    st->mode = mode;
    snprintf(st->path, sizeof st->path, "%s", path);
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (mode == STORE_READ_ONLY)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE;
    if (mode == STORE_CREATE)
        flags |= SQLITE_OPEN_CREATE;
    int rc = 0;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK)
        rc = vg_err_set(err, VG_EIO, "db", "cannot open %s: %s", path,
                        st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if (rc == 0)
        rc = configure(st, err);
    if (rc == 0)
        rc = migrate(st, err);
    if (rc != 0 && mode == STORE_READ_ONLY && needs_recovery(st->db)) {
        sqlite3_close(st->db);
        st->db = NULL;
        recover(path);
        if (err)
            *err = (struct vg_err)VG_ERR_INIT;
        rc = 0;
        if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK)
            rc = vg_err_set(err, VG_EIO, "db", "cannot open %s: %s", path,
                            st->db ? sqlite3_errmsg(st->db) : "out of memory");
        if (rc == 0)
            rc = configure(st, err);
        if (rc == 0)
            rc = migrate(st, err);
    }
    if (rc != 0) {
        sqlite_close(&st->base);
        return rc;
    }
    *out = &st->base;
    return 0;
}

void sqlite_close(struct store *base)
{
    struct sq_store *st = sq_of(base);
    for (size_t i = 0; i < st->cached; i++)
        sqlite3_finalize(st->cache[i].stmt);
    sqlite3_finalize(st->raw_insert);
    sqlite3_close(st->db);
    free(st);
}

/* Sets the journal mode, returning the mode in force after it. */
static bool journal_mode_is(struct sq_store *st, const char *set,
                            const char *want)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", set);
    sqlite3_stmt *s = NULL;
    bool is = false;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(s, 0);
        is = mode && strcmp(mode, want) == 0;
    }
    sqlite3_finalize(s);
    return is;
}

int sqlite_bulk_load(struct store *base, bool on, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    if (!sqlite3_get_autocommit(st->db))
        return vg_err_set(err, VG_EIO, "db",
                          "a bulk load is set up between transactions");
    if (on) {
        /* With no other connection open (no server), a rollback journal
         * writes each new page once, where WAL writes it twice (the log,
         * then the checkpoint). TRUNCATE, not DELETE: the commit is the
         * journal's truncation, synced, so it survives a power cut. With
         * another connection open the switch fails at once and the load
         * runs in WAL. */
        sqlite3_busy_timeout(st->db, 0);
        st->bulk_rollback = journal_mode_is(st, "TRUNCATE", "truncate");
        sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    } else if (st->bulk_rollback) {
        st->bulk_rollback = false;
        if (!journal_mode_is(st, "WAL", "wal"))
            return vg_err_set(err, VG_EIO, "db",
                              "cannot return the database to WAL mode");
    }
    return exec_sql(st,
                    on ? "PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF"
                       : "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON",
                    err);
}

/* ==== Transactions ==== */

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_READ_BEGIN[] = "BEGIN DEFERRED";

int sqlite_begin(struct store *base, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    if (st->mode == STORE_READ_ONLY)
        return vg_err_set(err, VG_EIO, "db", "database opened read-only");
    st->nheads = 0;
    sqlite3_stmt *s = sq_prepare(st, SQL_BEGIN, err);
    return s ? sq_exec(st, s, err) : VG_EIO;
}

int sqlite_commit(struct store *base, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    st->nheads = 0;
    sqlite3_stmt *s = sq_prepare(st, SQL_COMMIT, err);
    int rc = s ? sq_exec(st, s, err) : VG_EIO;
    if (rc != 0)
        store_rollback(&st->base);
    return rc;
}

void sqlite_rollback(struct store *base)
{
    struct sq_store *st = sq_of(base);
    st->nheads = 0;
    if (sqlite3_get_autocommit(st->db))
        return;
    sqlite3_stmt *s = sq_prepare(st, SQL_ROLLBACK, NULL);
    if (s)
        sq_exec(st, s, NULL);
}

int sqlite_read_begin(struct store *base, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_READ_BEGIN, err);
    return s ? sq_exec(st, s, err) : VG_EIO;
}

void sqlite_read_end(struct store *base)
{
    struct sq_store *st = sq_of(base);
    if (sqlite3_get_autocommit(st->db))
        return;
    sqlite3_stmt *s = sq_prepare(st, SQL_COMMIT, NULL);
    if (s)
        sq_exec(st, s, NULL);
}

/* ==== Chained rows ==== */

void sq_bind_col(sqlite3_stmt *s, int i, const struct col *c)
{
    switch (c->type) {
    case 'I': sqlite3_bind_int64(s, i, c->i); break;
    case 'T': sqlite3_bind_text(s, i, c->p, (int)c->n, SQLITE_STATIC); break;
    case 'B': sqlite3_bind_blob(s, i, c->p, (int)c->n, SQLITE_STATIC); break;
    default: sqlite3_bind_null(s, i); break;
    }
}

struct chain_head *sq_chain_head(struct sq_store *st, const char *head_sql,
                                 struct chain_head *scratch, struct vg_err *err)
{
    bool in_write = !sqlite3_get_autocommit(st->db);
    for (size_t i = 0; in_write && i < st->nheads; i++)
        if (st->heads[i].head_sql == head_sql)
            return &st->heads[i];
    struct chain_head *h = scratch;
    if (in_write && st->nheads < CHAIN_HEADS)
        h = &st->heads[st->nheads];
    *h = (struct chain_head){head_sql, 0, {0}};
    sqlite3_stmt *s = sq_prepare(st, head_sql, err);
    if (s == NULL)
        return NULL;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        h->seq = sqlite3_column_int64(s, 0);
        if (sqlite3_column_bytes(s, 1) == CHAIN_HASH_LEN)
            memcpy(h->hash, sqlite3_column_blob(s, 1), CHAIN_HASH_LEN);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sq_fail(st, err);
        return NULL;
    }
    if (h != scratch)
        st->nheads++;
    return h;
}

int sq_chain_append(struct sq_store *st, const char *head_sql,
                    const char *insert_sql, struct col *cols, size_t ncols,
                    int64_t *seq, struct vg_err *err)
{
    return sq_chain_append_with(st, head_sql, insert_sql, cols, ncols, NULL, 0,
                                seq, err);
}

int sq_chain_append_with(struct sq_store *st, const char *head_sql,
                         const char *insert_sql, struct col *cols, size_t ncols,
                         const struct col *extra, size_t nextra, int64_t *seq,
                         struct vg_err *err)
{
    struct chain_head scratch;
    struct chain_head *head = sq_chain_head(st, head_sql, &scratch, err);
    if (head == NULL)
        return VG_EIO;
    unsigned char hash[CHAIN_HASH_LEN];
    cols[0] = col_int(head->seq + 1);
    cols[ncols - 2] =
        (struct col){'B', 0, (const char *)head->hash, CHAIN_HASH_LEN};
    struct chain_hasher h;
    chain_begin(&h, head->hash);
    for (size_t i = 0; i < ncols - 1; i++)
        row_hash_col(&h, &cols[i]);
    for (size_t i = 0; i < nextra; i++)
        row_hash_col(&h, &extra[i]);
    chain_end(&h, hash);
    cols[ncols - 1] = (struct col){'B', 0, (const char *)hash, sizeof hash};
    sqlite3_stmt *s = sq_prepare(st, insert_sql, err);
    if (s == NULL)
        return VG_EIO;
    for (size_t i = 0; i < ncols; i++)
        sq_bind_col(s, (int)i + 1, &cols[i]);
    int rc = sq_exec(st, s, err);
    if (rc != 0)
        return rc;
    head->seq++;
    memcpy(head->hash, hash, CHAIN_HASH_LEN);
    *seq = head->seq;
    return 0;
}

/* ==== Rows as they are (store_copy) ==== */

int sqlite_rows_scan(struct store *base, const char *table, store_row_fn *fn,
                     void *ctx, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    if (!store_is_record_table(table))
        return vg_err_set(err, VG_EINVAL, "table", "no table named %s", table);
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1", table);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    int n = sqlite3_column_count(s), rc, stop = 0;
    assert(n <= ROW_COLS_MAX);
    struct col cols[ROW_COLS_MAX];
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            cols[i] = sq_read_col(s, i);
        stop = fn(cols, (size_t)n, ctx);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = sq_fail(st, err);
    sqlite3_finalize(s);
    return stop;
}

/* The raw insert's statement, kept while rows of one table come. */
static sqlite3_stmt *raw_insert(struct sq_store *st, const char *table,
                                size_t n, struct vg_err *err)
{
    if (st->raw_table && strcmp(st->raw_table, table) == 0)
        return st->raw_insert;
    sqlite3_finalize(st->raw_insert);
    st->raw_insert = NULL;
    st->raw_table = NULL;
    struct buf sql = BUF_INIT(1024);
    buf_printf(&sql, "INSERT INTO %s VALUES (", table);
    for (size_t i = 0; i < n; i++)
        buf_puts(&sql, i ? ", ?" : "?");
    buf_puts(&sql, ")");
    if (sqlite3_prepare_v2(st->db, buf_cstr(&sql), -1, &st->raw_insert, NULL) !=
        SQLITE_OK)
        sq_fail(st, err);
    else
        st->raw_table = table;
    buf_release(&sql);
    return st->raw_insert;
}

/* Deletes the row of a record table whose first column (its key) is key. */
static int delete_by_key(struct sq_store *st, const char *table,
                         const struct col *key, struct vg_err *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT name FROM pragma_table_info(?1) "
                           "WHERE cid = 0",
                           -1, &q, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    char sql[160] = "";
    if (sqlite3_step(q) == SQLITE_ROW)
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE \"%s\" = ?1", table,
                 (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_stmt *d = NULL;
    if (!sql[0] || sqlite3_prepare_v2(st->db, sql, -1, &d, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    sq_bind_col(d, 1, key);
    int rc = sqlite3_step(d);
    sqlite3_finalize(d);
    return rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

int sqlite_rows_insert(struct store *base, const char *table,
                       const struct col *cols, size_t n, bool replace,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    if (!store_is_record_table(table))
        return vg_err_set(err, VG_EINVAL, "table", "no table named %s", table);
    if (replace) {
        int rc = delete_by_key(st, table, &cols[0], err);
        if (rc != 0)
            return rc;
    }
    sqlite3_stmt *s = raw_insert(st, table, n, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_reset(s);
    for (size_t i = 0; i < n; i++)
        sq_bind_col(s, (int)i + 1, &cols[i]);
    return sq_exec(st, s, err);
}

/* ==== Change detection and counters ==== */

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int sqlite_data_version(struct store *base, int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_DATA_VERSION, err);
    if (s == NULL)
        return VG_EIO;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : sq_fail(st, err);
}

/* SQLite tells no one of a commit: the watch polls data_version, and a
 * write in the same process pokes it (live/watch.h). */
int sqlite_changes_listen(struct store *base, struct vg_err *err)
{
    (void)base;
    return vg_err_set(err, VG_EINVAL, "db", "SQLite sends no change notices");
}

int sqlite_changes_wait(struct store *base, int timeout_ms, struct vg_err *err)
{
    (void)base, (void)timeout_ms;
    return vg_err_set(err, VG_EINVAL, "db", "SQLite sends no change notices");
}

uint64_t sqlite_statement_count(const struct store *base)
{
    const struct sq_store *st = sq_const_of(base);
    return atomic_load(&((struct sq_store *)st)->statements);
}

/* ==== Checks ==== */

struct col sq_read_col(sqlite3_stmt *s, int i)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return col_int(sqlite3_column_int64(s, i));
    case SQLITE_TEXT: {
        const char *p = (const char *)sqlite3_column_text(s, i);
        return (struct col){'T', 0, p, (size_t)sqlite3_column_bytes(s, i)};
    }
    case SQLITE_BLOB: {
        const char *p = sqlite3_column_blob(s, i);
        return (struct col){'B', 0, p, (size_t)sqlite3_column_bytes(s, i)};
    }
    }
    return col_text(NULL);
}

/* Chains whose rows stand for rows of another table: the hook adds those
 * rows' columns to the hash after the row's own (util/chain.h). */
struct chain_extra {
    const char *table;
    int (*stood_for)(struct sq_store *st, sqlite3_stmt *row,
                     struct chain_hasher *h);
};

static const struct chain_extra chain_extras[] = {
    {"event_rev", sq_event_rev_stood_for},
};

/* Verifies one row of a chain; returns false and reports when it fails. */
static bool check_row(struct sq_store *st, sqlite3_stmt *s, const char *table,
                      const struct chain_extra *extra,
                      unsigned char prev[CHAIN_HASH_LEN], struct buf *report)
{
    int n = sqlite3_column_count(s);
    int64_t seq = sqlite3_column_int64(s, 0);
    struct col stored_prev = sq_read_col(s, n - 2),
               stored = sq_read_col(s, n - 1);
    bool ok = true;
    if (stored_prev.n != CHAIN_HASH_LEN ||
        memcmp(stored_prev.p, prev, CHAIN_HASH_LEN) != 0) {
        buf_printf(report,
                   "%s row %lld: prev_hash does not link to the "
                   "row before it\n",
                   table, (long long)seq);
        ok = false;
    }
    struct chain_hasher h;
    unsigned char hash[CHAIN_HASH_LEN];
    chain_begin(&h, prev);
    for (int i = 0; i < n - 1; i++) {
        struct col c = sq_read_col(s, i);
        row_hash_col(&h, &c);
    }
    if (extra && extra->stood_for(st, s, &h) != 0) {
        buf_printf(report, "%s row %lld: cannot read the rows it stands for\n",
                   table, (long long)seq);
        ok = false;
    }
    chain_end(&h, hash);
    if (stored.n != CHAIN_HASH_LEN ||
        memcmp(stored.p, hash, CHAIN_HASH_LEN) != 0) {
        buf_printf(report, "%s row %lld: hash does not match its contents\n",
                   table, (long long)seq);
        ok = false;
    }
    /* Continue from the stored hash, so one bad row is reported once. */
    if (stored.n == CHAIN_HASH_LEN)
        memcpy(prev, stored.p, CHAIN_HASH_LEN);
    return ok;
}

static int check_chain(struct sq_store *st, const char *table,
                       struct buf *report, int *problems, struct vg_err *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY seq", table);
    const struct chain_extra *extra = NULL;
    for (size_t i = 0; i < sizeof chain_extras / sizeof chain_extras[0]; i++)
        if (strcmp(chain_extras[i].table, table) == 0)
            extra = &chain_extras[i];
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    unsigned char prev[CHAIN_HASH_LEN] = {0};
    int64_t expect = 1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(s, 0);
        if (seq != expect) {
            buf_printf(report, "%s: row %lld missing\n", table,
                       (long long)expect);
            (*problems)++;
        }
        expect = seq + 1;
        if (!check_row(st, s, table, extra, prev, report))
            (*problems)++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

static int check_triggers(struct sq_store *st, const char *table,
                          const char *const suffixes[2], struct buf *report,
                          int *problems, struct vg_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT sql FROM sqlite_schema WHERE "
                           "type = 'trigger' AND name = ?1",
                           -1, &s, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    for (size_t i = 0; i < 2; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s_%s", table, suffixes[i]);
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
        const char *sql = sqlite3_step(s) == SQLITE_ROW
                              ? (const char *)sqlite3_column_text(s, 0)
                              : NULL;
        if (sql == NULL || strstr(sql, "RAISE(ABORT") == NULL) {
            buf_printf(report, "%s: trigger %s is missing or altered\n", table,
                       name);
            (*problems)++;
        }
    }
    sqlite3_finalize(s);
    return 0;
}

/* Runs a query whose rows each name a problem: column 0 is the text. */
static int check_query(struct sq_store *st, const char *sql, const char *what,
                       struct buf *report, int *problems, struct vg_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && strcmp(t, "ok") == 0)
            continue;
        buf_printf(report, "%s: %s\n", what, t ? t : "(null)");
        (*problems)++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

/* Heads that differ from their latest revision. */
static const char SQL_CHECK_UPDATE_HEADS[] =
    "SELECT 'update ' || u.id || ' differs from its latest revision'"
    " FROM updates u LEFT JOIN update_rev r"
    " ON r.update_id = u.id AND r.rev_no = u.rev_no"
    " WHERE r.seq IS NULL"
    " OR u.rev_no <> (SELECT max(rev_no) FROM update_rev x"
    "                 WHERE x.update_id = u.id)"
    " OR r.kind IS NOT u.kind OR r.status IS NOT u.status"
    " OR r.pinned IS NOT u.pinned OR r.key_event IS NOT u.key_event"
    " OR r.lang IS NOT u.lang OR r.title IS NOT u.title"
    " OR r.body_md IS NOT u.body_md OR r.body_html IS NOT u.body_html"
    " OR r.author IS NOT u.author OR r.reason IS NOT u.reason"
    " OR r.created_at IS NOT u.created_at"
    " OR r.revised_at IS NOT u.revised_at"
    " OR r.published_at IS NOT u.published_at";

static const char SQL_CHECK_CLAIM_HEADS[] =
    "SELECT 'claim ' || c.id || ' differs from its latest revision'"
    " FROM claims c LEFT JOIN claim_rev r ON r.claim_id = c.id"
    " AND r.rev_no = (SELECT max(rev_no) FROM claim_rev x"
    "                 WHERE x.claim_id = c.id)"
    " WHERE r.seq IS NULL OR r.metric_id IS NOT c.metric_id"
    " OR r.source_id IS NOT c.source_id OR r.qualifier IS NOT c.qualifier"
    " OR r.low IS NOT c.low OR r.high IS NOT c.high"
    " OR r.words IS NOT c.words OR r.as_of IS NOT c.as_of"
    " OR r.url IS NOT c.url OR r.quote IS NOT c.quote"
    " OR r.note IS NOT c.note OR r.scope IS NOT c.scope"
    " OR r.status IS NOT c.status";

/* Events whose revision number, status or fields are not their latest
 * revision's. A first revision with an empty body recorded its event
 * published as its row stands (unedited); one whose body is
 * {"events":N} recorded N published events from its event_id on (a
 * block an import wrote), so an event without a revision of its own must
 * lie in the block that starts nearest before it. Any other body is the
 * whole event (event_rev_json), the same as its current fields. */
static const char SQL_CHECK_EVENT_HEADS[] =
    "SELECT 'event ' || e.id || ' differs from its latest revision'"
    " FROM " EVENTS_NOW " LEFT JOIN event_rev r"
    " ON r.event_id = e.id AND r.rev_no = e.rev_no"
    " LEFT JOIN sources so ON so.id = e.source_id"
    " WHERE CASE WHEN r.seq IS NULL THEN e.edited_id IS NOT "
    "NULL OR"
    "   e.rev_no <> 1 OR e.status <> 'published' OR NOT EXISTS "
    "("
    "     SELECT 1 FROM (SELECT b.event_id, b.body FROM "
    "event_rev b"
    "       WHERE b.event_id < e.id AND b.rev_no = 1"
    "       ORDER BY b.event_id DESC LIMIT 1) b"
    "     WHERE b.body LIKE '{\"events\":%'"
    "     AND b.event_id + json_extract(b.body, '$.events') > "
    "e.id)"
    " ELSE"
    "   e.rev_no <> (SELECT max(rev_no) FROM event_rev x"
    "                WHERE x.event_id = e.id)"
    "   OR e.status IS NOT CASE WHEN r.body = '' OR r.body "
    "LIKE '{\"events\":%'"
    "     THEN 'published' ELSE json_extract(r.body, "
    "'$.status') END"
    "   OR CASE WHEN r.body = '' OR r.body LIKE '{\"events\":%'"
    "     THEN e.edited_id IS NOT NULL ELSE"
    "     e.event_date IS NOT json_extract(r.body, '$.date')"
    "     OR e.end_date IS NOT json_extract(r.body, "
    "'$.end_date')"
    "     OR e.time_precision IS NOT json_extract(r.body, "
    "'$.time_precision')"
    "     OR e.event_type IS NOT json_extract(r.body, '$.type')"
    "     OR e.sub_event_type IS NOT json_extract(r.body, "
    "'$.sub_type')"
    "     OR e.location IS NOT json_extract(r.body, "
    "'$.location')"
    "     OR e.country IS NOT json_extract(r.body, '$.country')"
    "     OR e.admin1 IS NOT json_extract(r.body, '$.admin1')"
    "     OR e.lat_e5 IS NOT"
    "       CAST(round(json_extract(r.body, '$.latitude') * "
    "100000) AS INTEGER)"
    "     OR e.lon_e5 IS NOT"
    "       CAST(round(json_extract(r.body, '$.longitude') * "
    "100000) AS INTEGER)"
    "     OR e.geo_precision IS NOT json_extract(r.body, "
    "'$.geo_precision')"
    "     OR e.actor1 IS NOT json_extract(r.body, '$.actor1')"
    "     OR e.actor2 IS NOT json_extract(r.body, '$.actor2')"
    "     OR e.size_qualifier IS NOT json_extract(r.body, "
    "'$.size.qualifier')"
    "     OR e.size_low IS NOT json_extract(r.body, "
    "'$.size.low')"
    "     OR e.size_high IS NOT json_extract(r.body, "
    "'$.size.high')"
    "     OR e.size_words IS NOT json_extract(r.body, "
    "'$.size.words')"
    "     OR e.fatalities IS NOT json_extract(r.body, "
    "'$.fatalities')"
    "     OR so.slug IS NOT json_extract(r.body, '$.source')"
    "     OR e.url IS NOT json_extract(r.body, '$.url')"
    "     OR e.notes IS NOT json_extract(r.body, '$.notes')"
    "   END"
    " END";

/* Sources a tracker's records cite that its list lacks: every write that
 * cites a source links it (migration 13 linked the earlier ones). */
static const char SQL_CHECK_SOURCE_LINKS[] =
    "SELECT 'tracker ' || u.tracker_id || ' cites source ' || u.source_id"
    " || ' without listing it'"
    " FROM (SELECT tracker_id, source_id FROM claims"
    " UNION SELECT tracker_id, source_id FROM claim_proposals"
    " UNION SELECT tracker_id, source_id FROM events"
    " WHERE source_id IS NOT NULL"
    " UNION SELECT e.tracker_id, x.source_id FROM event_edits x"
    " JOIN events e ON e.id = x.event_id WHERE x.source_id IS NOT NULL) u"
    " WHERE NOT EXISTS (SELECT 1 FROM tracker_sources l"
    " WHERE l.tracker_id = u.tracker_id AND l.source_id = u.source_id)";

/* The record's own rules: queries whose rows each name a problem. */
static const struct {
    const char *sql, *what;
} record_checks[] = {
    {SQL_CHECK_UPDATE_HEADS, "updates"}, {SQL_CHECK_EVENT_HEADS, "events"},
    {SQL_CHECK_CLAIM_HEADS, "claims"},   {sq_check_retractions, "claims"},
    {sq_check_update_links, "updates"},  {SQL_CHECK_SOURCE_LINKS, "sources"},
};

int sqlite_check(struct store *base, struct buf *report, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int problems = 0, rc = 0;
    rc = check_query(st, "PRAGMA integrity_check", "integrity", report,
                     &problems, err);
    if (rc == 0)
        rc = check_query(st,
                         "SELECT \"table\" || ' row ' || rowid || "
                         "' refers to a missing ' || parent "
                         "FROM pragma_foreign_key_check",
                         "foreign keys", report, &problems, err);
    static const char *const append_only[2] = {"no_update", "no_delete"};
    static const char *const fixed[2] = {"recorded_fixed", "no_delete"};
    for (size_t i = 0; rc == 0 && chained_tables[i]; i++) {
        rc = check_triggers(st, chained_tables[i], append_only, report,
                            &problems, err);
        if (rc == 0)
            rc = check_chain(st, chained_tables[i], report, &problems, err);
    }
    if (rc == 0) /* first event revisions stand for these rows */
        rc = check_triggers(st, "events", fixed, report, &problems, err);
    if (rc == 0) /* a figure is corrected by a new claim, never changed */
        rc = check_triggers(st, "claims", fixed, report, &problems, err);
    for (size_t i = 0; rc == 0 && content_tables[i]; i++)
        rc = check_triggers(st, content_tables[i], append_only, report,
                            &problems, err);
    if (rc == 0)
        rc = media_check_files(base, report, &problems, err);
    for (size_t i = 0;
         rc == 0 && i < sizeof record_checks / sizeof *record_checks; i++)
        rc = check_query(st, record_checks[i].sql, record_checks[i].what,
                         report, &problems, err);
    if (rc != 0)
        return rc;
    return problems ? VG_ECORRUPT : 0;
}

int sqlite_chain_head(struct store *base, const char *table,
                      char out[2 * CHAIN_HASH_LEN + 1], struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    out[0] = '\0';
    bool known = false;
    for (size_t i = 0; chained_tables[i]; i++)
        known = known || strcmp(chained_tables[i], table) == 0;
    if (!known)
        return vg_err_set(err, VG_EINVAL, "table", "no chain named %s", table);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT hash FROM %s ORDER BY seq DESC LIMIT 1",
             table);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sq_fail(st, err);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == CHAIN_HASH_LEN)
        chain_hex(sqlite3_column_blob(s, 0), out);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

/* ==== Backup ==== */

static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/*
 * The copy is one backup step over all pages. In WAL mode a step holds only
 * a read snapshot, so writers (this process or another) go on meanwhile and
 * cannot force the copy to restart, which a paged copy suffers whenever
 * another connection writes between steps.
 */
static int copy_to(struct sq_store *st, const char *tmp, struct vg_err *err)
{
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    sqlite3_backup *b = NULL;
    if (rc == SQLITE_OK) {
        b = sqlite3_backup_init(dst, "main", st->db, "main");
        rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
        if (b && sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
            rc = sqlite3_errcode(dst);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
        vg_err_set(err, VG_EIO, "file", "backup to %s failed: %s", tmp,
                   dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
    sqlite3_close(dst);
    return rc == SQLITE_DONE || rc == SQLITE_OK ? 0 : VG_EIO;
}

int sqlite_backup(struct store *base, const char *path, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    struct stat sb;
    if (stat(path, &sb) == 0)
        return vg_err_set(err, VG_ECONFLICT, "file",
                          "%s already exists; choose a new file name", path);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    unlink(tmp);
    int rc = copy_to(st, tmp, err);
    if (rc == 0 && (sync_path(tmp, O_RDONLY) != 0 || rename(tmp, path) != 0))
        rc = vg_err_set(err, VG_EIO, "file", "cannot write %s: %s", path,
                        strerror(errno));
    if (rc != 0) {
        unlink(tmp);
        return rc;
    }
    char *dir = xstrdup(path);
    sync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
    free(dir);
    return 0;
}

/* ==== The backend's table (store/backend.h) ==== */

#define SQ_OP(ret, name, params, args) .name = sqlite_##name,
#define SQ_VOP(name, params, args)     .name = sqlite_##name,
const struct store_ops sqlite_ops = {
    .name = "sqlite",
    STORE_OPS(SQ_OP, SQ_VOP).close = sqlite_close,
};
