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
#include "util/csv.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

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
    C_ASSOC1,
    C_ASSOC2,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "event_date",    "time_precision", "event_type",   "sub_event_type",
    "actor1",        "actor2",         "iso",          "country",
    "admin1",        "location",       "latitude",     "longitude",
    "geo_precision", "source",         "notes",        "fatalities",
    "tags",          "assoc_actor_1",  "assoc_actor_2"};

enum {
    MAX_COLUMNS = 64,
    FIELD_MAX = 8192,
    BATCH_ROWS = 1024, /* events handed from the parser to the writer */
    BATCHES = 4,       /* in flight: being parsed, queued, being written */
};

/* A batch of events and the strings they point into, filled by the
 * parser and then written; recycled when written. */
struct batch {
    struct arena arena;
    struct event events[BATCH_ROWS];
    const char *bodies[BATCH_ROWS]; /* a retracted event's first revision */
    size_t n;
    struct event_batch *rows; /* the store's prepared form */
};

/* The batches between the parsing thread and the writing one. */
struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct batch *full[BATCHES]; /* to write, oldest first */
    size_t full_start, nfull;
    struct batch *empty[BATCHES];
    size_t nempty;
    bool parsed;   /* the parser has handed over its last batch */
    bool stopping; /* the writer failed: the parser stops early */
};

struct reader {
    struct op op; /* the import's, with the batch's arena */
    struct tracker t;
    int map[MAX_COLUMNS]; /* file column -> enum col, or -1 */
    int ncols;
    char *field[C_COUNT]; /* this row's values (NULL: empty) */
    int col;              /* the next field's column in the row */
    int64_t row;          /* 1-based, the header included */
    int64_t next_number, count;
    int64_t first_id, last_id; /* the ids the events were given */
    int rc;
    struct vg_err *err;
    struct source *sources; /* every source, to match by slug or name */
    size_t nsources;
    bool *cited; /* per source: an event of the file cites it (the
                    parser's, read after it has stopped) */
    struct event_bulk *bulk;
    struct batch *cur; /* being filled */
    struct pipe *pipe; /* NULL: each full batch is written at once */
    struct store *st;  /* for writing at once */
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
    /* Straight into the batch's arena: the event points at it until the
     * batch is written. */
    r->field[r->map[c]] = len ? arena_strndup(&r->cur->arena, s, len) : NULL;
}

/* A field as text, with the apostrophe our export puts before what a
 * spreadsheet would read as a formula taken off again. */
static const char *text(struct reader *r, enum col c)
{
    const char *v = r->field[c];
    if (v && v[0] == '\'' && csv_is_formula(v + 1))
        return v + 1;
    return v;
}

/* ==== ACLED's columns the record has no field for ==== */

const char *const acled_kept_names[ACLED_KEPT] = {"assoc_actor_1",
                                                  "assoc_actor_2", "tags"};

size_t acled_notes_split(const char *notes, struct acled_span kept[ACLED_KEPT])
{
    size_t len = notes ? strlen(notes) : 0;
    for (int k = ACLED_KEPT - 1; k >= 0; k--) {
        kept[k] = (struct acled_span){NULL, 0};
        size_t start = len; /* the last paragraph's */
        while (start > 0 && !(start >= 2 && notes[start - 1] == '\n' &&
                              notes[start - 2] == '\n'))
            start--;
        size_t nl = strlen(acled_kept_names[k]);
        const char *p = notes + start;
        if (len - start < nl + 2 || memcmp(p, acled_kept_names[k], nl) != 0 ||
            memcmp(p + nl, ": ", 2) != 0 ||
            memchr(p, '\n', len - start) != NULL)
            continue;
        kept[k] = (struct acled_span){p + nl + 2, len - start - nl - 2};
        len = start >= 2 ? start - 2 : 0;
    }
    return len;
}

/* ACLED's generic actor names and the inter code each stands for
 * (reference/acled-hxl.md, "Inter codes"). */
static const struct {
    const char *prefix;
    int inter;
} actor_kinds[] = {
    {"Military Forces of ", 1},
    {"Police Forces of ", 1},
    {"Unidentified Armed Group (", 3},
    {"Rioters (", 5},
    {"Protesters (", 6},
    {"Civilians (", 7},
};

int acled_inter(const char *actor)
{
    for (size_t i = 0; actor && i < sizeof actor_kinds / sizeof *actor_kinds;
         i++)
        if (strncmp(actor, actor_kinds[i].prefix,
                    strlen(actor_kinds[i].prefix)) == 0)
            return actor_kinds[i].inter;
    return 0;
}

int acled_interaction(const char *actor1, const char *actor2)
{
    int a = acled_inter(actor1), b = actor2 ? acled_inter(actor2) : 0;
    if (a == 0 || (actor2 && b == 0))
        return 0;
    return b == 0 ? a * 10 : a < b ? a * 10 + b : b * 10 + a;
}

const char *acled_source_scale(int kind)
{
    switch (kind) {
    case SOURCE_WITNESS: return "Local";
    case SOURCE_GOVERNMENT: return "National";
    case SOURCE_INTERGOVERNMENTAL: return "International";
    default: return NULL;
    }
}

/* One item of ACLED's tags column that is Vigil's own (its export writes
 * them): read into the event. False for any other tag. */
static bool own_tag(const char *tag, size_t n, struct event_input *in,
                    struct event *e, struct arena *a)
{
    if (n > 11 && memcmp(tag, "vigil type=", 11) == 0) {
        for (size_t i = 0; event_types[i][0]; i++)
            if (strlen(event_types[i][0]) == n - 11 &&
                memcmp(tag + 11, event_types[i][0], n - 11) == 0)
                in->type = in->sub_type = event_types[i][0];
        return true;
    }
    if (n > 11 && memcmp(tag, "crowd size=", 11) == 0 &&
        memchr(tag + 11, ' ', n - 11) == NULL) { /* "hundreds" */
        in->size_words = arena_strndup(a, tag + 11, n - 11);
        return true;
    }
    if (n == 9 && memcmp(tag, "retracted", 9) == 0) {
        e->status = EVENT_RETRACTED;
        return true;
    }
    if (n == 32 && memcmp(tag, "date range=", 11) == 0 && tag[21] == '/') {
        in->date = arena_strndup(a, tag + 11, 10);
        in->end_date = arena_strndup(a, tag + 22, 10);
        return true;
    }
    return false;
}

/* Reads Vigil's own details from ACLED's tags column; the other tags
 * (semicolon-separated) go to *others, to be kept. */
static void from_tags(struct reader *r, struct event_input *in, struct event *e,
                      struct buf *others)
{
    const char *tags = r->field[C_TAGS];
    for (const char *p = tags; p && *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, ";");
        size_t t = n;
        while (t > 0 && p[t - 1] == ' ')
            t--;
        if (t > 0 && !own_tag(p, t, in, e, &r->cur->arena)) {
            if (others->len)
                BUF_LIT(others, "; ");
            buf_append(others, p, t);
        }
        p += n + (p[n] == ';');
    }
}

/* The notes as recorded: the row's, the source Vigil does not know, and
 * the columns kept (acled_notes_split reads them back). */
static const char *row_notes(struct reader *r, const char *src,
                             const char *tags)
{
    const char *notes = text(r, C_NOTES);
    const char *kept[ACLED_KEPT] = {text(r, C_ASSOC1), text(r, C_ASSOC2), tags};
    bool keeps = false;
    for (int k = 0; k < ACLED_KEPT; k++)
        keeps = keeps || (kept[k] && *kept[k]);
    if (src == NULL && !keeps) /* the usual row: its notes as they are */
        return notes;
    struct buf b = BUF_INIT(4 * FIELD_MAX);
    if (notes)
        buf_puts(&b, notes);
    if (src) /* "NOTES Source: SRC" */
        buf_printf(&b, "%sSource: %s", b.len ? " " : "", src);
    for (int k = 0; k < ACLED_KEPT; k++) {
        if (kept[k] == NULL || *kept[k] == '\0')
            continue;
        buf_printf(&b, "%s%s: ", b.len ? "\n\n" : "", acled_kept_names[k]);
        for (const char *p = kept[k]; *p; p++) /* one line each */
            buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
    const char *out = b.len ? arena_strdup(&r->cur->arena, buf_cstr(&b)) : NULL;
    buf_release(&b);
    return out;
}

/* ==== Handing batches from the parser to the writer ==== */

static struct batch *batch_new(void)
{
    struct batch *b = xcalloc(1, sizeof *b);
    b->rows = store_event_batch_new(BATCH_ROWS);
    return b;
}

static void batch_free(struct batch *b)
{
    if (b == NULL)
        return;
    arena_release(&b->arena);
    store_event_batch_free(b->rows);
    free(b);
}

/* Writes a prepared batch on the connection (the writer's side). */
static int batch_write(struct store *st, struct batch *b, struct vg_err *err)
{
    int rc = store_event_bulk_insert(st, b->rows, err);
    b->n = 0;
    arena_release(&b->arena);
    return rc;
}

/* The parser's side: prepares the full batch and hands it over, taking
 * an empty one back (waiting while all are in flight). False when the
 * writer has stopped. */
static bool hand_over(struct reader *r)
{
    struct batch *b = r->cur;
    store_event_bulk_prepare(r->bulk, b->rows, b->events, b->bodies, b->n);
    if (b->n > 0) { /* ids run up from batch to batch */
        if (r->first_id == 0)
            r->first_id = b->events[0].id;
        r->last_id = b->events[b->n - 1].id;
    }
    if (r->pipe == NULL) { /* no second thread: write at once */
        r->rc = batch_write(r->st, b, r->err);
        return r->rc == 0;
    }
    struct pipe *p = r->pipe;
    pthread_mutex_lock(&p->mu);
    p->full[(p->full_start + p->nfull) % BATCHES] = b;
    p->nfull++;
    pthread_cond_broadcast(&p->cv);
    while (p->nempty == 0 && !p->stopping)
        pthread_cond_wait(&p->cv, &p->mu);
    bool ok = !p->stopping;
    r->cur = ok ? p->empty[--p->nempty] : NULL;
    pthread_mutex_unlock(&p->mu);
    return ok;
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
    struct batch *b = r->cur;
    r->op.arena = &b->arena;
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
    struct event *e = &b->events[b->n];
    *e = (struct event){.number = r->next_number,
                        .status = EVENT_PUBLISHED,
                        .recorded_by = r->op.actor,
                        .recorded_at = r->op.now};
    const struct country *c = country_by_numeric(text(r, C_ISO));
    if (c == NULL)
        c = country_by_name(text(r, C_COUNTRY));
    in.country = c ? c->alpha2 : NULL;
    struct buf others = BUF_INIT(FIELD_MAX);
    from_tags(r, &in, e, &others);
    /* ACLED's source is free text: a source Vigil knows by that slug or
     * name is linked, any other is kept in the notes. */
    const char *src = text(r, C_SOURCE);
    const struct source *known = NULL;
    for (size_t i = 0; src && i < r->nsources && !known; i++)
        if (strcmp(src, r->sources[i].slug) == 0 ||
            strcmp(src, r->sources[i].name) == 0)
            known = &r->sources[i];
    in.notes = row_notes(r, known ? NULL : src, buf_cstr(&others));
    buf_release(&others);
    if (in.country == NULL)
        r->rc = vg_err_set(r->err, VG_EINVAL, "country",
                           "row %lld: names no country ISO 3166 knows",
                           (long long)row);
    else
        r->rc = event_check(&r->op, NULL, &r->t, &in, e, r->err);
    if (r->rc == 0 && known) {
        r->cited[known - r->sources] = true;
        e->source_id = known->id;
        e->source_slug = known->slug;
        e->source_name = known->name;
        e->source_kind = (int)known->kind;
    }
    /* Only a published event's row can stand for its first revision. */
    b->bodies[b->n] = NULL;
    if (r->rc == 0 && e->status != EVENT_PUBLISHED &&
        (b->bodies[b->n] = event_rev_body(e, &b->arena)) == NULL)
        r->rc = vg_err_set(r->err, VG_ELIMIT, "notes",
                           "row %lld: the event is too large", (long long)row);
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
    if (r->rc == 0 && ++b->n == BATCH_ROWS && !hand_over(r))
        r->rc = VG_EIO; /* the writer's error is the one reported */
}

struct import_ctx {
    const char *slug;
    const char *data;
    size_t len;
    struct reader *r;
};

/* The file's SHA-256 for the audit row, computed on another thread while
 * the rows load (bench P6). */
struct file_hash {
    const unsigned char *data;
    size_t len;
    unsigned char sum[SHA256_LEN];
    pthread_t thread;
    bool threaded; /* else the sum was computed in hash_start */
};

static void *hash_file(void *p)
{
    struct file_hash *h = p;
    sha256(h->data, h->len, h->sum);
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

/* Parses every row of the file into events and hands them over in
 * batches; the last, partial batch too. */
static int parse_rows(struct import_ctx *x)
{
    struct reader *r = x->r;
    struct vg_err *err = r->err;
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return r->rc =
                   vg_err_set(err, VG_EIO, "csv", "cannot start the parser");
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
    if (r->rc == 0 && r->cur->n > 0 && !hand_over(r) && r->rc == 0)
        r->rc = VG_EIO;
    return r->rc;
}

static void *parse_thread(void *p)
{
    struct import_ctx *x = p;
    parse_rows(x);
    struct pipe *q = x->r->pipe;
    pthread_mutex_lock(&q->mu);
    q->parsed = true;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* The writer's side: writes batches as the parser hands them over, until
 * it has parsed the last. On an error, tells the parser to stop. */
static int write_batches(struct store *st, struct pipe *p, struct vg_err *err)
{
    int rc = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->nfull == 0 && !p->parsed)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->nfull == 0)
            break;
        struct batch *b = p->full[p->full_start];
        p->full_start = (p->full_start + 1) % BATCHES;
        p->nfull--;
        pthread_mutex_unlock(&p->mu);
        if (rc == 0)
            rc = batch_write(st, b, err);
        pthread_mutex_lock(&p->mu);
        p->empty[p->nempty++] = b;
        if (rc != 0)
            p->stopping = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/* Parses on a second thread while this one writes; alone when no thread
 * can be started. */
static int load_rows(struct import_ctx *x, struct vg_err *err)
{
    struct reader *r = x->r;
    struct pipe p = {.nempty = BATCHES - 1};
    for (size_t i = 0; i < BATCHES - 1; i++)
        p.empty[i] = batch_new();
    r->cur = batch_new();
    pthread_t parser;
    bool threaded = pthread_mutex_init(&p.mu, NULL) == 0 &&
                    pthread_cond_init(&p.cv, NULL) == 0;
    r->pipe = &p;
    if (threaded && pthread_create(&parser, NULL, parse_thread, x) != 0)
        threaded = false;
    int rc;
    if (threaded) {
        struct vg_err werr = VG_ERR_INIT;
        int wrc = write_batches(r->st, &p, &werr);
        pthread_join(parser, NULL);
        rc = wrc ? wrc : r->rc;
        if (wrc)
            *err = werr;
    } else {
        r->pipe = NULL;
        rc = parse_rows(x);
    }
    for (size_t i = 0; i < p.nempty; i++)
        batch_free(p.empty[i]);
    for (size_t i = 0; i < p.nfull; i++)
        batch_free(p.full[(p.full_start + i) % BATCHES]);
    batch_free(r->cur);
    if (threaded) {
        pthread_cond_destroy(&p.cv);
        pthread_mutex_destroy(&p.mu);
    }
    return rc;
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
    if (rc == 0)
        rc = store_event_bulk_begin(op->st, &r->bulk, err);
    if (rc != 0)
        return rc;
    r->cited = xcalloc(r->nsources + 1, sizeof *r->cited);

    r->op = *op;
    r->st = op->st;
    struct file_hash h;
    hash_start(&h, x->data, x->len);
    rc = load_rows(x, err);
    hash_finish(&h);
    /* The events' search rows are written after the commit (store.h,
     * the search backlog). */
    struct search_backlog added = {r->t.id, r->first_id, r->last_id};
    int end = store_event_bulk_end(op->st, r->bulk, rc == 0, err);
    if (rc == 0 && end == 0 && added.first_id > 0)
        end = store_search_backlog_add(op->st, &added, err);
    if (rc == 0)
        rc = end;
    /* The sources the events cite join the tracker's list: each by its
     * id, rather than a search of every event of the tracker (0.6 s for
     * a million on PostgreSQL). */
    for (size_t i = 0; rc == 0 && i < r->nsources; i++)
        if (r->cited[i])
            rc = store_source_link(op->st, r->t.id, r->sources[i].id, op->now,
                                   NULL, err);
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
    r->row = 1;
    r->err = err;
    struct import_ctx x = {tracker_slug, data, len, r};
    int rc = store_bulk_load(op->st, true, err);
    if (rc == 0)
        rc = audit_transaction(op, import_body, &x, err);
    store_bulk_load(op->st, false, NULL);
    if (rc == 0 && count)
        *count = r->count;
    free(r->cited);
    free(r);
    return rc;
}
