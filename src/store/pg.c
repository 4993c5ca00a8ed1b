/*
 * pg.c: the PostgreSQL store: connection, migrations, transactions,
 * chains, checks (see pg_int.h for the conventions).
 *
 * Durability: PostgreSQL's defaults (fsync, synchronous_commit on): a
 * commit that returned is on the primary's disk. A connection that broke
 * is reset once, outside a transaction, before its next statement; within
 * one, the transaction fails and the caller's write is not acknowledged.
 */
#define _POSIX_C_SOURCE 200809L
#include "store/pg_int.h"

#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "store/media_check.h"
#include "store/migrations.h"
#include "store/pg_schema.h"
#include "util/xmalloc.h"

/* SQLSTATE of a unique violation (PostgreSQL's errcodes.h). */
static const char UNIQUE_VIOLATION[] = "23505";

/* ==== Parameters ==== */

static void set(struct pg_params *p, int i, const char *v, int len, int fmt)
{
    assert(i >= 1 && i <= PG_PARAMS_MAX);
    p->values[i - 1] = v;
    p->lengths[i - 1] = len;
    p->formats[i - 1] = fmt;
    if (i > p->n)
        p->n = i;
}

void pg_bind_text(struct pg_params *p, int i, const char *text)
{
    set(p, i, text, 0, 0);
}

void pg_bind_int(struct pg_params *p, int i, int64_t v)
{
    assert(i >= 1 && i <= PG_PARAMS_MAX);
    snprintf(p->ints[i - 1], sizeof p->ints[i - 1], "%" PRId64, v);
    set(p, i, p->ints[i - 1], 0, 0);
}

void pg_bind_null(struct pg_params *p, int i)
{
    set(p, i, NULL, 0, 0);
}

void pg_bind_blob(struct pg_params *p, int i, const void *data, size_t n)
{
    set(p, i, data, (int)n, 1);
}

void pg_bind_date(struct pg_params *p, int i, struct vg_date d)
{
    assert(i >= 1 && i <= PG_PARAMS_MAX);
    if (d.year == 0) {
        pg_bind_null(p, i);
        return;
    }
    _Static_assert(DATE_LEN < sizeof p->ints[0], "a date fits");
    date_format(d, p->ints[i - 1]);
    set(p, i, p->ints[i - 1], 0, 0);
}

void pg_bind_time(struct pg_params *p, int i, int64_t t)
{
    assert(i >= 1 && i <= PG_PARAMS_MAX);
    if (t == 0) {
        pg_bind_null(p, i);
        return;
    }
    _Static_assert(TIMESTAMP_LEN < sizeof p->ints[0], "a timestamp fits");
    timestamp_format(t, p->ints[i - 1]);
    set(p, i, p->ints[i - 1], 0, 0);
}

void pg_bind_col(struct pg_params *p, int i, const struct col *c)
{
    switch (c->type) {
    case 'I': pg_bind_int(p, i, c->i); break;
    case 'T': set(p, i, c->p, (int)c->n, 0); break;
    case 'B': pg_bind_blob(p, i, c->p, c->n); break;
    default: pg_bind_null(p, i); break;
    }
}

bool pg_is_utf8(const char *text)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
    while (left > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(s, left, &c);
        if (k < 0)
            return false;
        s += k;
        left -= k;
    }
    return true;
}

/* ==== Running ==== */

/* Fills err from a failed result (or the connection); returns the code. */
static int fail(struct pg_store *st, const PGresult *res, struct vg_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    int code =
        state && strcmp(state, UNIQUE_VIOLATION) == 0 ? VG_ECONFLICT : VG_EIO;
    return vg_err_set(err, code, NULL, "database: %s",
                      msg ? msg : PQerrorMessage(st->conn));
}

/* A connection that broke is reset between transactions, not inside one:
 * there its transaction is gone and the write must fail. */
static void reconnect_if_broken(struct pg_store *st)
{
    if (PQstatus(st->conn) != CONNECTION_BAD || st->in_write || st->in_read)
        return;
    PQreset(st->conn);
    if (st->listening && PQstatus(st->conn) == CONNECTION_OK) {
        PQclear(PQexec(st->conn, "LISTEN vigil_changes"));
        st->missed = true; /* notices sent meanwhile are lost */
    }
}

/* True for a statement that may be sent again on a new connection when
 * the old one turned out broken: outside a transaction, one that starts
 * one or only reads (nothing of it can have been done twice). */
static bool retryable(const struct pg_store *st, const char *sql)
{
    return !st->in_write && !st->in_read &&
           (strncmp(sql, "BEGIN", 5) == 0 || strncmp(sql, "SELECT", 6) == 0);
}

static PGresult *send_query(struct pg_store *st, const char *sql,
                            const struct pg_params *p)
{
    atomic_fetch_add(&st->statements, 1);
    /* Without parameters, the simple protocol: it also runs a script of
     * several statements (a migration). */
    return p ? PQexecParams(st->conn, sql, p->n, NULL, p->values, p->lengths,
                            p->formats, 0)
             : PQexec(st->conn, sql);
}

PGresult *pg_query(struct pg_store *st, const char *sql,
                   const struct pg_params *p, struct vg_err *err)
{
    assert(st->raw_table == NULL); /* a COPY holds the connection */
    reconnect_if_broken(st);
    PGresult *res = send_query(st, sql, p);
    /* libpq learns that the server went away (a restart, a failover) only
     * by using the connection: the first statement after fails. One that
     * can be sent again is, on a connection made anew. */
    if (PQresultStatus(res) == PGRES_FATAL_ERROR &&
        PQstatus(st->conn) == CONNECTION_BAD && retryable(st, sql)) {
        PQclear(res);
        reconnect_if_broken(st);
        res = send_query(st, sql, p);
    }
    ExecStatusType s = PQresultStatus(res);
    if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK)
        return res;
    fail(st, res, err);
    PQclear(res);
    return NULL;
}

int pg_exec(struct pg_store *st, const char *sql, const struct pg_params *p,
            struct vg_err *err)
{
    /* The failure's own code (VG_ECONFLICT for a unique violation), also
     * for a caller that passes no error record. */
    struct vg_err local = VG_ERR_INIT;
    PGresult *res = pg_query(st, sql, p, err ? err : &local);
    if (res == NULL)
        return (err ? err : &local)->code;
    PQclear(res);
    return 0;
}

int pg_insert_id(struct pg_store *st, const char *sql,
                 const struct pg_params *p, int64_t *id, struct vg_err *err)
{
    struct vg_err local = VG_ERR_INIT;
    PGresult *res = pg_query(st, sql, p, err ? err : &local);
    if (res == NULL)
        return (err ? err : &local)->code;
    assert(PQntuples(res) == 1);
    *id = pg_int(res, 0, 0);
    PQclear(res);
    return 0;
}

int pg_scalar(struct pg_store *st, const char *sql, int64_t arg, int64_t *out,
              struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    if (strstr(sql, "$1"))
        pg_bind_int(&p, 1, arg);
    PGresult *res = pg_query(st, sql, &p, err);
    if (res == NULL)
        return VG_EIO;
    int rc = PQntuples(res) > 0 ? 0 : VG_ENOTFOUND;
    if (rc == 0)
        *out = pg_int(res, 0, 0);
    PQclear(res);
    return rc;
}

/* ==== Reading ==== */

bool pg_is_null(const PGresult *res, int r, int c)
{
    return PQgetisnull(res, r, c);
}

const char *pg_text(struct arena *a, const PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return NULL;
    const char *v = PQgetvalue(res, r, c);
    return a ? arena_strdup(a, v) : v;
}

int64_t pg_int(const PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return 0;
    return strtoll(PQgetvalue(res, r, c), NULL, 10);
}

struct vg_date pg_date(const PGresult *res, int r, int c)
{
    struct vg_date d = {0};
    if (!PQgetisnull(res, r, c))
        date_parse(PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c), &d);
    return d;
}

int64_t pg_time(const PGresult *res, int r, int c)
{
    int64_t t = 0;
    if (!PQgetisnull(res, r, c))
        timestamp_parse(PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c),
                        &t);
    return t;
}

int pg_enum(const PGresult *res, int r, int c, const struct enum_names *e)
{
    if (PQgetisnull(res, r, c))
        return -1;
    return enum_parse(e, PQgetvalue(res, r, c));
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const uint8_t *pg_blob(struct arena *a, const PGresult *res, int r, int c,
                       size_t *n)
{
    *n = 0;
    if (PQgetisnull(res, r, c))
        return NULL;
    /* bytea in text results: "\x" and two hex digits a byte (the
     * server's default bytea_output, set at connect). */
    const char *v = PQgetvalue(res, r, c);
    size_t len = (size_t)PQgetlength(res, r, c);
    if (len < 2 || v[0] != '\\' || v[1] != 'x')
        return NULL;
    size_t bytes = (len - 2) / 2;
    uint8_t *out = arena_alloc(a, bytes ? bytes : 1);
    for (size_t i = 0; i < bytes; i++) {
        int hi = hex_digit(v[2 + 2 * i]), lo = hex_digit(v[3 + 2 * i]);
        if (hi < 0 || lo < 0)
            return NULL;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *n = bytes;
    return out;
}

/* PostgreSQL's type OIDs (catalog/pg_type_d.h) of the columns Vigil has. */
enum { OID_BYTEA = 17, OID_INT8 = 20, OID_INT4 = 23, OID_INT2 = 21 };

struct col pg_read_col(struct arena *a, const PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return col_text(NULL);
    switch (PQftype(res, c)) {
    case OID_INT8:
    case OID_INT4:
    case OID_INT2: return col_int(pg_int(res, r, c));
    case OID_BYTEA: {
        size_t n;
        const uint8_t *b = pg_blob(a, res, r, c, &n);
        return (struct col){'B', 0, (const char *)b, n};
    }
    }
    return (struct col){'T', 0, PQgetvalue(res, r, c),
                        (size_t)PQgetlength(res, r, c)};
}

/* ==== Opening and migrations ==== */

static const char SQL_VERSION_TABLE[] =
    "CREATE TABLE IF NOT EXISTS vigil_schema (version BIGINT NOT NULL);"
    "INSERT INTO vigil_schema SELECT 0 WHERE NOT EXISTS "
    "(SELECT 1 FROM vigil_schema)";
static const char SQL_VERSION[] = "SELECT version FROM vigil_schema";
/* Held while one node migrates: another starting at once waits, then
 * finds the schema current. */
static const char SQL_MIGRATE_LOCK[] =
    "SELECT pg_advisory_xact_lock(1449741617)";

int pg_schema_version(struct store *base)
{
    int64_t v = 0;
    if (pg_scalar(pg_of(base), SQL_VERSION, 0, &v, NULL) != 0)
        return -1;
    return (int)v;
}

/* Applies the migrations the database lacks, each in its transaction. */
static int migrate(struct pg_store *st, struct vg_err *err)
{
    assert(pg_migration_count == migration_count);
    for (;;) {
        int rc = pg_exec(st, "BEGIN", NULL, err);
        if (rc == 0)
            rc = pg_exec(st, SQL_MIGRATE_LOCK, NULL, err);
        if (rc == 0)
            rc = pg_exec(st, SQL_VERSION_TABLE, NULL, err);
        int64_t v = 0;
        if (rc == 0)
            rc = pg_scalar(st, SQL_VERSION, 0, &v, err);
        if (rc == 0 && v > (int64_t)pg_migration_count)
            rc = vg_err_set(err, VG_EIO, "db",
                            "the database's schema (version %lld) is newer "
                            "than this Vigil's (%zu)",
                            (long long)v, pg_migration_count);
        if (rc == 0 && v == (int64_t)pg_migration_count)
            return pg_exec(st, "COMMIT", NULL, err);
        if (rc == 0)
            rc = pg_exec(st, pg_migrations[v], NULL, err);
        if (rc == 0) {
            struct pg_params p = PG_PARAMS_INIT;
            pg_bind_int(&p, 1, v + 1);
            rc = pg_exec(st, "UPDATE vigil_schema SET version = $1", &p, err);
        }
        if (rc == 0)
            rc = pg_exec(st, "COMMIT", NULL, err);
        if (rc != 0) {
            pg_exec(st, "ROLLBACK", NULL, NULL);
            return rc;
        }
    }
}

/* A reader migrates nothing: as SQLite's refuses a missing file, it
 * refuses a database that holds no record (a blank one) and names the
 * command that makes one. An older schema is left to the queries: a
 * standby may still be replaying the migration its primary just ran. */
static int check_record(struct pg_store *st, struct vg_err *err)
{
    int64_t made = 0;
    int rc = pg_scalar(st,
                       "SELECT count(*) FROM pg_class"
                       " WHERE oid = to_regclass('vigil_schema')",
                       0, &made, err);
    if (rc == 0 && made == 0)
        rc = vg_err_set(err, VG_ENOTFOUND, "db",
                        "no record in this database (create one with "
                        "'vigil init')");
    return rc;
}

static void on_notice(void *arg, const char *message)
{
    (void)arg, (void)message; /* "relation already exists, skipping" */
}

int pg_open(const char *conninfo, enum store_mode mode, struct store **out,
            struct vg_err *err)
{
    struct pg_store *st = xcalloc(1, sizeof *st);
    st->base.ops = &pg_ops;
    st->mode = mode;
    /* Named in pg_stat_activity and the server's log as Vigil's, unless
     * the connection string names itself. */
    static const char *const keys[] = {"dbname", "fallback_application_name",
                                       NULL};
    const char *const values[] = {conninfo, "vigil", NULL};
    st->conn = PQconnectdbParams(keys, values, 1);
    int rc = 0;
    if (PQstatus(st->conn) != CONNECTION_OK)
        rc = vg_err_set(err, VG_EIO, "db", "cannot connect to PostgreSQL: %s",
                        PQerrorMessage(st->conn));
    if (rc == 0) {
        PQsetNoticeProcessor(st->conn, on_notice, NULL);
        /* Text the readers parse: UTF-8, hex bytea, no surprises from a
         * role's own settings. */
        rc = pg_exec(st,
                     "SET client_encoding = 'UTF8'; SET bytea_output = 'hex';"
                     "SET standard_conforming_strings = on;"
                     "SET synchronous_commit = on",
                     NULL, err);
    }
    if (rc == 0 && mode != STORE_READ_ONLY)
        rc = migrate(st, err);
    if (rc == 0 && mode == STORE_READ_ONLY)
        rc = check_record(st, err);
    if (rc == 0 && mode == STORE_READ_ONLY)
        rc = pg_exec(st, "SET default_transaction_read_only = on", NULL, err);
    if (rc != 0) {
        pg_close(&st->base);
        return rc;
    }
    *out = &st->base;
    return 0;
}

void pg_close(struct store *base)
{
    struct pg_store *st = pg_of(base);
    buf_release(&st->raw_lines);
    PQfinish(st->conn);
    free(st);
}

/* Nothing to ready before: COPY already writes in bulk, and durability is
 * the server's. After: the planner's statistics, which still describe the
 * tables before the load (until autovacuum comes by). With a million new
 * events counted as none, a page of an export's scan was planned as a
 * scan of the whole table: 70 s for a CSV export that takes 2 s once the
 * statistics are fresh; and a search for a word in every row, planned as
 * rare, read every row instead of the newest (pg_search.c). The search
 * index's GIN pending list is merged too: a search reads all of it. */
int pg_bulk_load(struct store *base, bool on, struct vg_err *err)
{
    if (on)
        return 0;
    return pg_exec(pg_of(base),
                   "ANALYZE events; ANALYZE event_rev; ANALYZE search_index;"
                   "SELECT gin_clean_pending_list('search_index_doc')",
                   NULL, err);
}

/* ==== Transactions ==== */

static const char SQL_WRITE_LOCK[] = "SELECT pg_advisory_xact_lock($1)";

int pg_begin(struct store *base, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    if (st->mode == STORE_READ_ONLY)
        return vg_err_set(err, VG_EIO, "db", "a read-only connection");
    int rc = pg_exec(st, "BEGIN ISOLATION LEVEL READ COMMITTED", NULL, err);
    if (rc != 0)
        return rc;
    st->in_write = true;
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, PG_WRITE_LOCK);
    rc = pg_exec(st, SQL_WRITE_LOCK, &p, err);
    if (rc != 0)
        pg_rollback(base);
    return rc;
}

static int raw_flush(struct pg_store *st, struct vg_err *err);
static void raw_drop(struct pg_store *st);

int pg_commit(struct store *base, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = raw_flush(st, err);
    if (rc == 0)
        rc = pg_exec(st, "COMMIT", NULL, err);
    st->in_write = false;
    if (rc != 0)
        pg_exec(st, "ROLLBACK", NULL, NULL);
    return rc;
}

void pg_rollback(struct store *base)
{
    struct pg_store *st = pg_of(base);
    raw_drop(st);
    if (st->in_write)
        pg_exec(st, "ROLLBACK", NULL, NULL);
    st->in_write = false;
}

int pg_read_begin(struct store *base, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = pg_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     NULL, err);
    st->in_read = rc == 0;
    return rc;
}

void pg_read_end(struct store *base)
{
    struct pg_store *st = pg_of(base);
    if (st->in_read)
        pg_exec(st, "COMMIT", NULL, NULL);
    st->in_read = false;
}

/* ==== Chained rows ==== */

int pg_chain_append(struct pg_store *st, const char *head_sql,
                    const char *insert_sql, struct col *cols, size_t ncols,
                    const struct col *extra, size_t nextra, int64_t *seq,
                    struct vg_err *err)
{
    assert(st->in_write);
    struct arena a = ARENA_INIT;
    PGresult *res = pg_query(st, head_sql, NULL, err);
    if (res == NULL)
        return VG_EIO;
    int64_t head_seq = 0;
    unsigned char prev[CHAIN_HASH_LEN] = {0};
    if (PQntuples(res) > 0) {
        size_t n;
        const uint8_t *h = pg_blob(&a, res, 0, 1, &n);
        head_seq = pg_int(res, 0, 0);
        if (h && n == CHAIN_HASH_LEN)
            memcpy(prev, h, CHAIN_HASH_LEN);
    }
    PQclear(res);
    arena_release(&a);
    unsigned char hash[CHAIN_HASH_LEN];
    cols[0] = col_int(head_seq + 1);
    cols[ncols - 2] = (struct col){'B', 0, (const char *)prev, CHAIN_HASH_LEN};
    struct chain_hasher h;
    chain_begin(&h, prev);
    for (size_t i = 0; i < ncols - 1; i++)
        row_hash_col(&h, &cols[i]);
    for (size_t i = 0; i < nextra; i++)
        row_hash_col(&h, &extra[i]);
    chain_end(&h, hash);
    cols[ncols - 1] = (struct col){'B', 0, (const char *)hash, sizeof hash};
    struct pg_params p = PG_PARAMS_INIT;
    for (size_t i = 0; i < ncols; i++)
        pg_bind_col(&p, (int)i + 1, &cols[i]);
    int rc = pg_exec(st, insert_sql, &p, err);
    if (rc == 0)
        *seq = head_seq + 1;
    return rc;
}

/* ==== Rows as they are (store_copy) ==== */

/* Rows read per FETCH: memory stays bounded for a table of any size. */
enum { SCAN_BATCH = 5000 };

static int scan_cursor(struct pg_store *st, const char *table, store_row_fn *fn,
                       void *ctx, struct vg_err *err)
{
    char sql[128];
    snprintf(sql, sizeof sql,
             "DECLARE vigil_scan NO SCROLL CURSOR FOR SELECT * FROM %s "
             "ORDER BY 1",
             table);
    int rc = pg_exec(st, sql, NULL, err);
    snprintf(sql, sizeof sql, "FETCH %d FROM vigil_scan", SCAN_BATCH);
    for (int rows = SCAN_BATCH; rc == 0 && rows == SCAN_BATCH;) {
        PGresult *res = pg_query(st, sql, NULL, err);
        if (res == NULL)
            return VG_EIO;
        rows = PQntuples(res);
        int n = PQnfields(res);
        assert(n <= ROW_COLS_MAX);
        for (int r = 0; rc == 0 && r < rows; r++) {
            struct arena a = ARENA_INIT;
            struct col cols[ROW_COLS_MAX];
            for (int i = 0; i < n; i++)
                cols[i] = pg_read_col(&a, res, r, i);
            rc = fn(cols, (size_t)n, ctx);
            arena_release(&a);
        }
        PQclear(res);
    }
    pg_exec(st, "CLOSE vigil_scan", NULL, NULL);
    return rc;
}

int pg_rows_scan(struct store *base, const char *table, store_row_fn *fn,
                 void *ctx, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    if (!store_is_record_table(table))
        return vg_err_set(err, VG_EINVAL, "table", "no table named %s", table);
    if (st->in_read || st->in_write)
        return scan_cursor(st, table, fn, ctx, err);
    /* A cursor lives in a transaction. */
    int rc = pg_read_begin(base, err);
    if (rc == 0)
        rc = scan_cursor(st, table, fn, ctx, err);
    pg_read_end(base);
    return rc;
}

/* The first column of a record table: its key. */
static const char SQL_KEY_COLUMN[] =
    "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass "
    "AND attnum = 1";

/*
 * Rows as they are go in with COPY, one a table (`vigil copy` of a million
 * events: a statement a row is a round trip a row). The open COPY's lines
 * gather in raw_lines and are sent a megabyte at a time; the COPY ends at
 * a replace, at another table's first row or at the commit.
 */
enum { RAW_SEND_AT = 1 << 20 };

static int raw_flush(struct pg_store *st, struct vg_err *err)
{
    if (st->raw_table == NULL)
        return 0;
    int rc = pg_copy_send(st, &st->raw_lines, err);
    int end = pg_copy_end(st, rc ? "the rows could not be sent" : NULL,
                          rc ? NULL : err);
    st->raw_table = NULL;
    buf_release(&st->raw_lines);
    return rc ? rc : end;
}

/* The transaction is abandoned: so is its COPY. */
static void raw_drop(struct pg_store *st)
{
    if (st->raw_table)
        pg_copy_end(st, "rolled back", NULL);
    st->raw_table = NULL;
    buf_release(&st->raw_lines);
}

/* Adds the row to table's COPY, starting it (after ending another's). */
static int raw_copy(struct pg_store *st, const char *table,
                    const struct col *cols, size_t n, struct vg_err *err)
{
    int rc = 0;
    if (st->raw_table && strcmp(st->raw_table, table) != 0)
        rc = raw_flush(st, err);
    if (rc == 0 && st->raw_table == NULL) {
        struct buf sql = BUF_INIT(256);
        buf_printf(&sql, "COPY %s FROM STDIN", table);
        rc = pg_copy_start(st, buf_cstr(&sql), err);
        buf_release(&sql);
        if (rc != 0)
            return rc;
        for (size_t i = 0; record_tables[i]; i++) /* a name that lasts */
            if (strcmp(record_tables[i], table) == 0)
                st->raw_table = record_tables[i];
        st->raw_lines = (struct buf)BUF_INIT(2 * RAW_SEND_AT);
    }
    if (rc != 0)
        return rc;
    pg_copy_line(&st->raw_lines, cols, n);
    if (st->raw_lines.len < RAW_SEND_AT)
        return 0;
    rc = pg_copy_send(st, &st->raw_lines, err);
    buf_reset(&st->raw_lines);
    return rc;
}

int pg_rows_insert(struct store *base, const char *table,
                   const struct col *cols, size_t n, bool replace,
                   struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    if (!store_is_record_table(table))
        return vg_err_set(err, VG_EINVAL, "table", "no table named %s", table);
    if (!st->in_write)
        return vg_err_set(err, VG_EIO, "db",
                          "an insert needs a write "
                          "transaction");
    if (!replace)
        return raw_copy(st, table, cols, n, err);
    int rc = raw_flush(st, err);
    if (rc != 0)
        return rc;
    assert(n <= PG_PARAMS_MAX);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, table);
    PGresult *res = pg_query(st, SQL_KEY_COLUMN, &p, err);
    if (res == NULL)
        return VG_EIO;
    struct buf sql = BUF_INIT(1024);
    if (PQntuples(res) == 1)
        buf_printf(&sql, "DELETE FROM %s WHERE \"%s\" = $1", table,
                   PQgetvalue(res, 0, 0));
    PQclear(res);
    p = (struct pg_params)PG_PARAMS_INIT;
    pg_bind_col(&p, 1, &cols[0]);
    rc = sql.len ? pg_exec(st, buf_cstr(&sql), &p, err) : VG_EIO;
    buf_reset(&sql);
    p = (struct pg_params)PG_PARAMS_INIT;
    buf_printf(&sql, "INSERT INTO %s VALUES (", table);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&sql, "%s$%zu", i ? ", " : "", i + 1);
        pg_bind_col(&p, (int)i + 1, &cols[i]);
    }
    buf_puts(&sql, ")");
    if (rc == 0)
        rc = pg_exec(st, buf_cstr(&sql), &p, err);
    buf_release(&sql);
    return rc;
}

/* ==== Change detection and counters ==== */

/* Every write appends one audit row: its last seq moves with each commit,
 * from any node (SQLite's data_version moves likewise). */
int pg_data_version(struct store *base, int64_t *out, struct vg_err *err)
{
    return pg_scalar(pg_of(base), "SELECT coalesce(max(seq), 0) FROM audit_log",
                     0, out, err);
}

/* The channel store_change_append notifies on (pg_records.c). */
static const char SQL_LISTEN[] = "LISTEN vigil_changes";

int pg_changes_listen(struct store *base, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = pg_exec(st, SQL_LISTEN, NULL, err);
    st->listening = rc == 0;
    return rc;
}

/* Takes the notices libpq has read (also while other queries ran on this
 * connection); returns how many. */
static int take_notices(struct pg_store *st)
{
    int n = 0;
    PGnotify *note;
    while ((note = PQnotifies(st->conn)) != NULL) {
        PQfreemem(note);
        n++;
    }
    return n;
}

/* Makes the connection again and listens again: notices sent meanwhile
 * are lost, so the caller rereads the change log (returns 1). */
static int relisten(struct pg_store *st, int timeout_ms, struct vg_err *err)
{
    PQreset(st->conn);
    if (PQstatus(st->conn) == CONNECTION_OK &&
        pg_exec(st, SQL_LISTEN, NULL, err) == 0)
        return 1;
    struct timespec pause = {timeout_ms / 1000, timeout_ms % 1000 * 1000000L};
    nanosleep(&pause, NULL);
    return vg_err_set(err, VG_EIO, "db", "PostgreSQL is unreachable: %s",
                      PQerrorMessage(st->conn));
}

int pg_changes_wait(struct store *base, int timeout_ms, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    assert(st->listening);
    if (st->missed) {
        st->missed = false;
        return 1;
    }
    if (PQstatus(st->conn) == CONNECTION_BAD)
        return relisten(st, timeout_ms, err);
    if (!PQconsumeInput(st->conn))
        return relisten(st, timeout_ms, err);
    if (take_notices(st))
        return 1;
    struct pollfd pfd = {PQsocket(st->conn), POLLIN, 0};
    int ready = poll(&pfd, 1, timeout_ms);
    if (ready <= 0)
        return 0; /* timeout (or a signal): the caller comes back */
    if (!PQconsumeInput(st->conn))
        return relisten(st, timeout_ms, err);
    return take_notices(st) > 0;
}

uint64_t pg_statement_count(const struct store *base)
{
    const struct pg_store *st = pg_const_of(base);
    return atomic_load(&((struct pg_store *)st)->statements);
}

/* ==== Checks ==== */

/* Chains whose rows stand for rows of another table (see sqlite.c). */
static int event_rev_extra(struct pg_store *st, struct arena *a,
                           const PGresult *res, int r, struct chain_hasher *h)
{
    (void)a;
    /* event_rev: seq, event_id, rev_no, body, ... */
    return pg_event_rev_stood_for(st, pg_int(res, r, 2), PQgetvalue(res, r, 3),
                                  pg_int(res, r, 1), h);
}

struct chain_extra {
    const char *table;
    int (*stood_for)(struct pg_store *st, struct arena *a, const PGresult *res,
                     int r, struct chain_hasher *h);
};

static const struct chain_extra chain_extras[] = {
    {"event_rev", event_rev_extra},
};

/* Rows of a chain read per query: memory stays bounded for any length. */
enum { CHECK_BATCH = 10000 };

static bool check_row(struct pg_store *st, const PGresult *res, int r,
                      const char *table, const struct chain_extra *extra,
                      unsigned char prev[CHAIN_HASH_LEN], struct buf *report)
{
    struct arena a = ARENA_INIT;
    int n = PQnfields(res);
    int64_t seq = pg_int(res, r, 0);
    struct col stored_prev = pg_read_col(&a, res, r, n - 2),
               stored = pg_read_col(&a, res, r, n - 1);
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
        struct col c = pg_read_col(&a, res, r, i);
        row_hash_col(&h, &c);
    }
    if (extra && extra->stood_for(st, &a, res, r, &h) != 0) {
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
    if (stored.n == CHAIN_HASH_LEN)
        memcpy(prev, stored.p, CHAIN_HASH_LEN);
    arena_release(&a);
    return ok;
}

static int check_chain(struct pg_store *st, const char *table,
                       struct buf *report, int *problems, struct vg_err *err)
{
    const struct chain_extra *extra = NULL;
    for (size_t i = 0; i < sizeof chain_extras / sizeof chain_extras[0]; i++)
        if (strcmp(chain_extras[i].table, table) == 0)
            extra = &chain_extras[i];
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT * FROM %s WHERE seq > $1 ORDER BY seq LIMIT %d", table,
             CHECK_BATCH);
    unsigned char prev[CHAIN_HASH_LEN] = {0};
    int64_t expect = 1, after = 0;
    for (;;) {
        struct pg_params p = PG_PARAMS_INIT;
        pg_bind_int(&p, 1, after);
        PGresult *res = pg_query(st, sql, &p, err);
        if (res == NULL)
            return VG_EIO;
        int rows = PQntuples(res);
        for (int r = 0; r < rows; r++) {
            int64_t seq = pg_int(res, r, 0);
            if (seq != expect) {
                buf_printf(report, "%s: row %lld missing\n", table,
                           (long long)expect);
                (*problems)++;
            }
            expect = seq + 1;
            after = seq;
            if (!check_row(st, res, r, table, extra, prev, report))
                (*problems)++;
        }
        PQclear(res);
        if (rows < CHECK_BATCH)
            return 0;
    }
}

static const char SQL_TRIGGER[] =
    "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE c.relname = $1 AND t.tgname = $2 AND t.tgenabled <> 'D'";

static int check_triggers(struct pg_store *st, const char *table,
                          const char *const suffixes[3], struct buf *report,
                          int *problems, struct vg_err *err)
{
    for (size_t i = 0; i < 3; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s_%s", table, suffixes[i]);
        struct pg_params p = PG_PARAMS_INIT;
        pg_bind_text(&p, 1, table);
        pg_bind_text(&p, 2, name);
        PGresult *res = pg_query(st, SQL_TRIGGER, &p, err);
        if (res == NULL)
            return VG_EIO;
        const char *def = PQntuples(res) ? PQgetvalue(res, 0, 0) : NULL;
        if (def == NULL || strstr(def, "vigil_refuse") == NULL) {
            buf_printf(report, "%s: trigger %s is missing or altered\n", table,
                       name);
            (*problems)++;
        }
        PQclear(res);
    }
    return 0;
}

/* The role's own rights it must not have on an append-only table. */
static const char SQL_RIGHTS[] =
    "SELECT has_table_privilege(current_user, $1, 'UPDATE'), "
    "has_table_privilege(current_user, $1, 'DELETE'), "
    "has_table_privilege(current_user, $1, 'TRUNCATE')";

static int check_rights(struct pg_store *st, const char *table,
                        bool update_allowed, struct buf *report, int *problems,
                        struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, table);
    PGresult *res = pg_query(st, SQL_RIGHTS, &p, err);
    if (res == NULL)
        return VG_EIO;
    static const char *const what[3] = {"UPDATE", "DELETE", "TRUNCATE"};
    for (int i = update_allowed ? 1 : 0; i < 3; i++)
        if (PQntuples(res) && strcmp(PQgetvalue(res, 0, i), "t") == 0) {
            buf_printf(report, "%s: Vigil's role may %s it\n", table, what[i]);
            (*problems)++;
        }
    PQclear(res);
    return 0;
}

/* Runs a query whose rows each name a problem: column 0 is the text. */
static int check_query(struct pg_store *st, const char *sql, const char *what,
                       struct buf *report, int *problems, struct vg_err *err)
{
    PGresult *res = pg_query(st, sql, NULL, err);
    if (res == NULL)
        return VG_EIO;
    for (int r = 0; r < PQntuples(res); r++) {
        buf_printf(report, "%s: %s\n", what, PQgetvalue(res, r, 0));
        (*problems)++;
    }
    PQclear(res);
    return 0;
}

/* As sqlite.c's: heads that differ from their latest revision. */
static const char SQL_CHECK_UPDATE_HEADS[] =
    "SELECT 'update ' || u.id || ' differs from its latest revision'"
    " FROM updates u LEFT JOIN update_rev r"
    " ON r.update_id = u.id AND r.rev_no = u.rev_no"
    " WHERE r.seq IS NULL"
    " OR u.rev_no <> (SELECT max(rev_no) FROM update_rev x"
    "                 WHERE x.update_id = u.id)"
    " OR r.kind IS DISTINCT FROM u.kind OR r.status IS DISTINCT FROM u.status"
    " OR r.pinned IS DISTINCT FROM u.pinned"
    " OR r.key_event IS DISTINCT FROM u.key_event"
    " OR r.lang IS DISTINCT FROM u.lang OR r.title IS DISTINCT FROM u.title"
    " OR r.body_md IS DISTINCT FROM u.body_md"
    " OR r.body_html IS DISTINCT FROM u.body_html"
    " OR r.author IS DISTINCT FROM u.author"
    " OR r.reason IS DISTINCT FROM u.reason"
    " OR r.created_at IS DISTINCT FROM u.created_at"
    " OR r.revised_at IS DISTINCT FROM u.revised_at"
    " OR r.published_at IS DISTINCT FROM u.published_at";

static const char SQL_CHECK_CLAIM_HEADS[] =
    "SELECT 'claim ' || c.id || ' differs from its latest revision'"
    " FROM claims c LEFT JOIN claim_rev r ON r.claim_id = c.id"
    " AND r.rev_no = (SELECT max(rev_no) FROM claim_rev x"
    "                 WHERE x.claim_id = c.id)"
    " WHERE r.seq IS NULL OR r.metric_id IS DISTINCT FROM c.metric_id"
    " OR r.source_id IS DISTINCT FROM c.source_id"
    " OR r.qualifier IS DISTINCT FROM c.qualifier"
    " OR r.low IS DISTINCT FROM c.low OR r.high IS DISTINCT FROM c.high"
    " OR r.words IS DISTINCT FROM c.words OR r.as_of IS DISTINCT FROM c.as_of"
    " OR r.url IS DISTINCT FROM c.url OR r.quote IS DISTINCT FROM c.quote"
    " OR r.note IS DISTINCT FROM c.note OR r.scope IS DISTINCT FROM c.scope"
    " OR r.status IS DISTINCT FROM c.status";

/* As sqlite.c's, with PostgreSQL's JSON operators: j is the body. */
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
    "     AND b.event_id + (b.body::json->>'events')::bigint > "
    "e.id)"
    " ELSE"
    "   e.rev_no <> (SELECT max(rev_no) FROM event_rev x"
    "                WHERE x.event_id = e.id)"
    "   OR e.status IS DISTINCT FROM CASE WHEN r.body = ''"
    "     OR r.body LIKE '{\"events\":%'"
    "     THEN 'published' ELSE r.body::json->>'status' END"
    "   OR CASE WHEN r.body = '' OR r.body LIKE '{\"events\":%'"
    "     THEN e.edited_id IS NOT NULL ELSE"
    "     e.event_date IS DISTINCT FROM r.body::json->>'date'"
    "     OR e.end_date IS DISTINCT FROM "
    "r.body::json->>'end_date'"
    "     OR e.time_precision IS DISTINCT FROM"
    "       (r.body::json->>'time_precision')::bigint"
    "     OR e.event_type IS DISTINCT FROM "
    "r.body::json->>'type'"
    "     OR e.sub_event_type IS DISTINCT FROM "
    "r.body::json->>'sub_type'"
    "     OR e.location IS DISTINCT FROM "
    "r.body::json->>'location'"
    "     OR e.country IS DISTINCT FROM "
    "r.body::json->>'country'"
    "     OR e.admin1 IS DISTINCT FROM r.body::json->>'admin1'"
    "     OR e.lat_e5 IS DISTINCT FROM"
    "       round((r.body::json->>'latitude')::numeric * "
    "100000)::bigint"
    "     OR e.lon_e5 IS DISTINCT FROM"
    "       round((r.body::json->>'longitude')::numeric * "
    "100000)::bigint"
    "     OR e.geo_precision IS DISTINCT FROM"
    "       (r.body::json->>'geo_precision')::bigint"
    "     OR e.actor1 IS DISTINCT FROM r.body::json->>'actor1'"
    "     OR e.actor2 IS DISTINCT FROM r.body::json->>'actor2'"
    "     OR e.size_qualifier IS DISTINCT FROM"
    "       r.body::json->'size'->>'qualifier'"
    "     OR e.size_low IS DISTINCT FROM"
    "       (r.body::json->'size'->>'low')::bigint"
    "     OR e.size_high IS DISTINCT FROM"
    "       (r.body::json->'size'->>'high')::bigint"
    "     OR e.size_words IS DISTINCT FROM "
    "r.body::json->'size'->>'words'"
    "     OR e.fatalities IS DISTINCT FROM"
    "       (r.body::json->>'fatalities')::bigint"
    "     OR so.slug IS DISTINCT FROM r.body::json->>'source'"
    "     OR e.url IS DISTINCT FROM r.body::json->>'url'"
    "     OR e.notes IS DISTINCT FROM r.body::json->>'notes'"
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
    {SQL_CHECK_CLAIM_HEADS, "claims"},   {pg_check_retractions, "claims"},
    {pg_check_update_links, "updates"},  {SQL_CHECK_SOURCE_LINKS, "sources"},
};

int pg_check(struct store *base, struct buf *report, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int problems = 0, rc = pg_read_begin(base, err);
    static const char *const append_only[3] = {"no_update", "no_delete",
                                               "no_truncate"};
    static const char *const fixed[3] = {"recorded_fixed", "no_delete",
                                         "no_truncate"};
    for (size_t i = 0; rc == 0 && chained_tables[i]; i++) {
        rc = check_triggers(st, chained_tables[i], append_only, report,
                            &problems, err);
        if (rc == 0)
            rc = check_rights(st, chained_tables[i], false, report, &problems,
                              err);
        if (rc == 0)
            rc = check_chain(st, chained_tables[i], report, &problems, err);
    }
    /* First event revisions stand for events' rows; a claim's figure is
     * corrected by a new claim, never changed. */
    static const char *const fixed_tables[] = {"events", "claims"};
    for (size_t i = 0; rc == 0 && i < 2; i++) {
        rc = check_triggers(st, fixed_tables[i], fixed, report, &problems, err);
        if (rc == 0)
            rc =
                check_rights(st, fixed_tables[i], true, report, &problems, err);
    }
    /* Media: a foreign key's check needs the UPDATE right on the files
     * (pg_schema.c), so there only the trigger refuses an update. */
    for (size_t i = 0; rc == 0 && content_tables[i]; i++) {
        rc = check_triggers(st, content_tables[i], append_only, report,
                            &problems, err);
        if (rc == 0)
            rc = check_rights(st, content_tables[i], i == 0, report, &problems,
                              err);
    }
    if (rc == 0)
        rc = media_check_files(base, report, &problems, err);
    for (size_t i = 0;
         rc == 0 && i < sizeof record_checks / sizeof *record_checks; i++)
        rc = check_query(st, record_checks[i].sql, record_checks[i].what,
                         report, &problems, err);
    pg_read_end(base);
    if (rc != 0)
        return rc;
    return problems ? VG_ECORRUPT : 0;
}

int pg_chain_head(struct store *base, const char *table,
                  char out[2 * CHAIN_HASH_LEN + 1], struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    out[0] = '\0';
    bool known = false;
    for (size_t i = 0; chained_tables[i]; i++)
        known = known || strcmp(chained_tables[i], table) == 0;
    if (!known)
        return vg_err_set(err, VG_EINVAL, "table", "no chain named %s", table);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT hash FROM %s ORDER BY seq DESC LIMIT 1",
             table);
    PGresult *res = pg_query(st, sql, NULL, err);
    if (res == NULL)
        return VG_EIO;
    struct arena a = ARENA_INIT;
    size_t n = 0;
    const uint8_t *h = PQntuples(res) ? pg_blob(&a, res, 0, 0, &n) : NULL;
    if (h && n == CHAIN_HASH_LEN)
        chain_hex(h, out);
    arena_release(&a);
    PQclear(res);
    return 0;
}

/* A PostgreSQL record is backed up by PostgreSQL's own tools; `vigil copy`
 * writes it to an SQLite file. */
int pg_backup(struct store *base, const char *path, struct vg_err *err)
{
    (void)base, (void)path;
    return vg_err_set(err, VG_EINVAL, "db",
                      "a PostgreSQL record is backed up with pg_dump or "
                      "pg_basebackup (or copied to a file with vigil copy)");
}

/* ==== The backend's table (store/backend.h) ==== */

#define PG_OP(ret, name, params, args) .name = pg_##name,
#define PG_VOP(name, params, args)     .name = pg_##name,
const struct store_ops pg_ops = {
    .name = "postgresql",
    STORE_OPS(PG_OP, PG_VOP).close = pg_close,
};
