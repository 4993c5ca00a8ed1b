/* acled.c: ACLED-style CSV into events, with libcsv. */
#include "core/acled.h"

#include <csv.h>
#include <pthread.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/events.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "geo/countries.h"

/* The columns read, by ACLED's names. */
enum col {
    C_DATE,
    C_TIME_PRECISION,
    C_TYPE,
    C_SUB_TYPE,
    C_ACTOR1,
    C_ACTOR2,
    C_ISO,
    C_COUNTRY,
    C_ADMIN1,
    C_LOCATION,
    C_LAT,
    C_LON,
    C_GEO_PRECISION,
    C_SOURCE,
    C_NOTES,
    C_FATALITIES,
    C_TAGS,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "event_date",    "time_precision", "event_type", "sub_event_type",
    "actor1",        "actor2",         "iso",        "country",
    "admin1",        "location",       "latitude",   "longitude",
    "geo_precision", "source",         "notes",      "fatalities",
    "tags"};

enum { MAX_COLUMNS = 64, FIELD_MAX = 8192 };

struct reader {
    struct op *op;
    struct tracker t;
    int map[MAX_COLUMNS]; /* file column -> enum col, or -1 */
    int ncols;
    char *field[C_COUNT]; /* this row's values (NULL: empty) */
    char row_buf[MAX_COLUMNS][FIELD_MAX];
    int col;     /* the next field's column in the row */
    int64_t row; /* 1-based, the header included */
    int64_t next_number, count;
    int rc;
    struct vg_err *err;
    struct arena row_arena;
    struct source *sources; /* every source, to match by slug or name */
    size_t nsources;
};

static void on_field(void *s, size_t len, void *data)
{
    struct reader *r = data;
    if (r->rc != 0)
        return;
    int c = r->col++;
    if (c >= MAX_COLUMNS)
        return;
    if (r->row == 1) { /* the header: find ACLED's names */
        r->map[c] = -1;
        for (int k = 0; k < C_COUNT; k++)
            if (strlen(col_names[k]) == len &&
                memcmp(s, col_names[k], len) == 0)
                r->map[c] = k;
        r->ncols = c + 1;
        return;
    }
    if (c >= r->ncols || r->map[c] < 0)
        return;
    if (len >= FIELD_MAX) {
        r->rc = vg_err_set(r->err, VG_ELIMIT, col_names[r->map[c]],
                           "row %lld: is longer than %d bytes",
                           (long long)r->row, FIELD_MAX);
        return;
    }
    memcpy(r->row_buf[c], s, len);
    r->row_buf[c][len] = '\0';
    r->field[r->map[c]] = len ? r->row_buf[c] : NULL;
}

/* A field as text, with the apostrophe our export puts before what a
 * spreadsheet would read as a formula taken off again. */
static const char *text(struct reader *r, enum col c)
{
    const char *v = r->field[c];
    if (v && v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
        return v + 1;
    return v;
}

/* Vigil's own details, kept in ACLED's tags column by its export. */
static void from_tags(struct reader *r, struct event_input *in, struct event *e,
                      char *words, size_t size)
{
    const char *tags = r->field[C_TAGS];
    if (tags == NULL)
        return;
    const char *vt = strstr(tags, "vigil type=");
    if (vt) {
        for (size_t i = 0; event_types[i][0]; i++)
            if (strncmp(vt + 11, event_types[i][0],
                        strlen(event_types[i][0])) == 0) {
                in->type = in->sub_type = event_types[i][0];
            }
    }
    const char *cs = strstr(tags, "crowd size=");
    if (cs) {
        snprintf(words, size, "%.*s", (int)strcspn(cs + 11, ";"), cs + 11);
        if (strchr(words, ' ') == NULL) /* "hundreds", not "at least 300" */
            in->size_words = words;
    }
    if (strstr(tags, "retracted"))
        e->status = EVENT_RETRACTED;
}

static void on_row(int ch, void *data)
{
    (void)ch;
    struct reader *r = data;
    int64_t row = r->row++;
    r->col = 0;
    if (r->rc != 0 || row == 1)
        return;
    const char *first = r->field[C_DATE];
    if (first && first[0] == '#') { /* the HXL hashtag row */
        memset(r->field, 0, sizeof r->field);
        return;
    }
    /* What a row loads lives in an arena of its own, freed after it: a
     * million rows must not hold a million rows' worth of memory. */
    struct arena *keep = r->op->arena;
    r->op->arena = &r->row_arena;
    char words[64];
    struct event_input in = {
        .date = text(r, C_DATE),
        .time_precision = text(r, C_TIME_PRECISION),
        .type = text(r, C_TYPE),
        .sub_type = text(r, C_SUB_TYPE),
        .actor1 = text(r, C_ACTOR1),
        .actor2 = text(r, C_ACTOR2),
        .admin1 = text(r, C_ADMIN1),
        .place = text(r, C_LOCATION),
        .lat = text(r, C_LAT),
        .lon = text(r, C_LON),
        .geo_precision = text(r, C_GEO_PRECISION),
        .notes = text(r, C_NOTES),
        .fatalities = text(r, C_FATALITIES),
    };
    struct event e = {.number = r->next_number,
                      .status = EVENT_PUBLISHED,
                      .recorded_by = r->op->actor,
                      .recorded_at = r->op->now};
    const struct country *c = country_by_numeric(text(r, C_ISO));
    if (c == NULL)
        c = country_by_name(text(r, C_COUNTRY));
    in.country = c ? c->alpha2 : NULL;
    from_tags(r, &in, &e, words, sizeof words);
    /* ACLED's source is free text: a source Vigil knows by that slug is
     * linked, any other is kept in the notes. */
    char notes[FIELD_MAX + 256];
    const char *src = text(r, C_SOURCE);
    const char *slug = NULL;
    for (size_t i = 0; src && i < r->nsources && !slug; i++)
        if (strcmp(src, r->sources[i].slug) == 0 ||
            strcmp(src, r->sources[i].name) == 0)
            slug = r->sources[i].slug;
    if (slug) {
        in.source = slug;
    } else if (src) {
        snprintf(notes, sizeof notes, "%s%sSource: %s",
                 in.notes ? in.notes : "", in.notes ? " " : "", src);
        in.notes = notes;
    }
    if (in.country == NULL)
        r->rc = vg_err_set(r->err, VG_EINVAL, "country",
                           "row %lld: names no country ISO 3166 knows",
                           (long long)row);
    else
        r->rc = event_insert_checked(r->op, NULL, &r->t, &in, &e, r->err);
    if (r->rc != 0 && r->err->msg[0] && strncmp(r->err->msg, "row ", 4)) {
        char msg[sizeof r->err->msg + 32];
        int n = snprintf(msg, sizeof msg, "row %lld: ", (long long)row);
        size_t len = strlen(r->err->msg);
        if ((size_t)n + len >= sizeof r->err->msg)
            len = sizeof r->err->msg - (size_t)n - 1;
        memcpy(msg + n, r->err->msg, len);
        memcpy(r->err->msg, msg, (size_t)n + len);
        r->err->msg[n + len] = '\0';
    }
    r->next_number++;
    r->count++;
    memset(r->field, 0, sizeof r->field);
    r->op->arena = keep;
    arena_release(&r->row_arena);
}

struct import_ctx {
    const char *slug;
    const char *data;
    size_t len;
    struct reader *r;
};

/* The file's SHA-256 for the audit row, computed on another thread while
 * the rows load: on one core it cost a sixth of the import (bench P6). */
struct file_hash {
    const unsigned char *data;
    size_t len;
    unsigned char sum[crypto_hash_sha256_BYTES];
    pthread_t thread;
    bool threaded; /* else the sum was computed in hash_start */
};

static void *hash_file(void *p)
{
    struct file_hash *h = p;
    crypto_hash_sha256(h->sum, h->data, h->len);
    return NULL;
}

static void hash_start(struct file_hash *h, const char *data, size_t len)
{
    h->data = (const unsigned char *)data;
    h->len = len;
    h->threaded = pthread_create(&h->thread, NULL, hash_file, h) == 0;
    if (!h->threaded)
        hash_file(h);
}

/* Waits for the sum; every path that called hash_start must call this. */
static void hash_finish(struct file_hash *h)
{
    if (h->threaded)
        pthread_join(h->thread, NULL);
    h->threaded = false;
}

/* Parses every row of the file into events (on_row inserts them). */
static int parse_rows(struct import_ctx *x, struct vg_err *err)
{
    struct reader *r = x->r;
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return vg_err_set(err, VG_EIO, "csv", "cannot start the parser");
    size_t done = csv_parse(&parser, x->data, x->len, on_field, on_row, r);
    if (r->rc == 0 && done != x->len)
        r->rc = vg_err_set(err, VG_EINVAL, "csv", "row %lld: %s",
                           (long long)r->row, csv_strerror(csv_error(&parser)));
    if (r->rc == 0 && csv_fini(&parser, on_field, on_row, r) != 0)
        r->rc = vg_err_set(err, VG_EINVAL, "csv", "row %lld: %s",
                           (long long)r->row, csv_strerror(csv_error(&parser)));
    csv_free(&parser);
    if (r->rc == 0 && r->count == 0)
        r->rc = vg_err_set(err, VG_EINVAL, "csv", "holds no events");
    return r->rc;
}

static int import_body(struct op *op, void *p, struct vg_err *err)
{
    struct import_ctx *x = p;
    struct reader *r = x->r;
    int rc = tracker_find(op, "tracker", x->slug, &r->t, err);
    if (rc == 0)
        rc = op_require(op, ROLE_EDITOR, "import events", err);
    if (rc == 0)
        rc = store_event_next_number(op->st, r->t.id, &r->next_number, err);
    if (rc == 0)
        rc = store_source_list(op->st, op->arena, 0, &r->sources, &r->nsources,
                               err);
    if (rc != 0)
        return rc;
    struct file_hash h;
    hash_start(&h, x->data, x->len);
    rc = parse_rows(x, err);
    hash_finish(&h);
    if (rc == 0)
        rc = audit_change(op, r->t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0)
        return rc;
    char hex[2 * sizeof h.sum + 1];
    sodium_bin2hex(hex, sizeof hex, h.sum, sizeof h.sum);
    return audit_record(
        op, "events.import", audit_entity(op, "tracker/%s", r->t.slug), NULL,
        json_pack("{s:I, s:s}", "events", (json_int_t)r->count, "sha256", hex),
        err);
}

int acled_import(struct op *op, const char *tracker_slug, const char *data,
                 size_t len, int64_t *count, struct vg_err *err)
{
    struct reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return vg_err_set(err, VG_EIO, "csv", "out of memory");
    r->op = op;
    r->row = 1;
    r->err = err;
    struct import_ctx x = {tracker_slug, data, len, r};
    int rc = store_cache_size(op->st, STORE_BULK_CACHE_KIB, err);
    if (rc == 0)
        rc = audit_transaction(op, import_body, &x, err);
    store_cache_size(op->st, STORE_CACHE_KIB, NULL);
    if (rc == 0 && count)
        *count = r->count;
    free(r);
    return rc;
}
