/* rows.c: rows as every store backend writes and hashes them (rows.h). */
#include "store/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "store/search.h"
#include "util/xmalloc.h"

struct col col_int(int64_t v)
{
    return (struct col){'I', v, NULL, 0};
}

struct col col_text(const char *s)
{
    if (s == NULL)
        return (struct col){'N', 0, NULL, 0};
    return (struct col){'T', 0, s, strlen(s)};
}

struct col col_date(struct vg_date d, char buf[DATE_LEN + 1])
{
    if (d.year == 0)
        return col_text(NULL);
    date_format(d, buf);
    return col_text(buf);
}

struct col col_time(int64_t t, char buf[TIMESTAMP_LEN + 1])
{
    if (t == 0)
        return col_text(NULL);
    timestamp_format(t, buf);
    return col_text(buf);
}

void row_hash_col(struct chain_hasher *h, const struct col *c)
{
    switch (c->type) {
    case 'I': chain_add_int(h, c->i); break;
    case 'T': chain_add_text(h, c->p, c->n); break;
    case 'B': chain_add_blob(h, c->p, c->n); break;
    default: chain_add_null(h); break;
    }
}

struct col col_int_or_null(bool present, int64_t v)
{
    return present ? col_int(v) : col_text(NULL);
}

void event_cols(const struct event *e, struct event_texts *t,
                struct col cols[EVENT_INSERT_NCOLS])
{
    struct col c[EVENT_INSERT_NCOLS] = {
        col_int(e->tracker_id),
        col_int(e->number),
        col_date(e->date, t->date),
        col_date(e->end_date, t->end),
        col_int(e->time_precision),
        col_text(e->type),
        col_text(e->sub_type),
        col_text(e->location),
        col_text(e->country),
        col_text(e->admin1),
        col_int_or_null(e->has_coords, e->lat_e5),
        col_int_or_null(e->has_coords, e->lon_e5),
        col_int(e->geo_precision),
        col_text(e->actor1),
        col_text(e->actor2),
        col_text(e->has_size
                     ? enum_name(&qualifier_names, (int)e->size_qualifier)
                     : NULL),
        col_int_or_null(e->has_size, e->size_low),
        col_int_or_null(e->has_size && e->size_high >= 0, e->size_high),
        col_text(e->size_words),
        col_int_or_null(e->fatalities >= 0, e->fatalities),
        col_int_or_null(e->source_id > 0, e->source_id),
        col_text(e->url),
        col_text(e->notes),
        col_text(e->recorded_by),
        col_time(e->recorded_at, t->at),
        col_int(e->rev_no),
        col_text(enum_name(&event_status_names, (int)e->status)),
    };
    memcpy(cols, c, sizeof c);
}

struct event_batch *store_event_batch_new(size_t cap)
{
    struct event_batch *b = xcalloc(1, sizeof *b);
    b->cap = cap;
    b->rows = xcalloc(cap, sizeof *b->rows);
    b->revs = xcalloc(cap, sizeof *b->revs);
    return b;
}

void store_event_batch_free(struct event_batch *b)
{
    if (b == NULL)
        return;
    free(b->rows);
    free(b->revs);
    free(b);
}

/* The run of events from e[i] that one first revision can cover: the
 * published ones without a body of their own, recorded by the same
 * actor at the same time. */
static size_t run_length(const struct event *e, const char *const *bodies,
                         size_t i, size_t n)
{
    if (bodies && bodies[i])
        return 1;
    size_t j = i + 1;
    while (j < n && !(bodies && bodies[j]) &&
           e[j].recorded_at == e[i].recorded_at &&
           strcmp(e[j].recorded_by, e[i].recorded_by) == 0)
        j++;
    return j - i;
}

/* The same rows and hashes as store_event_insert and append_rev give,
 * except that a run of published events shares one first revision. */
void store_event_bulk_prepare(struct event_bulk *bulk, struct event_batch *b,
                              struct event *e, const char *const *bodies,
                              size_t n)
{
    b->n = n < b->cap ? n : b->cap;
    b->nrevs = 0;
    for (size_t i = 0; i < b->n; i++) {
        e[i].id = b->rows[i].id = bulk->next_id++;
        event_cols(&e[i], &b->rows[i].texts, b->rows[i].cols);
    }
    for (size_t i = 0; i < b->n;) {
        struct rev_row *r = &b->revs[b->nrevs++];
        r->seq = bulk->next_seq++;
        r->first = i;
        r->count = run_length(e, bodies, i, b->n);
        if (bodies && bodies[i])
            r->body = bodies[i];
        else if (r->count == 1)
            r->body = "";
        else {
            snprintf(r->block, sizeof r->block, "{\"events\":%zu}", r->count);
            r->body = r->block;
        }
        memcpy(r->prev, bulk->hash, CHAIN_HASH_LEN);
        const struct col *first = b->rows[i].cols;
        struct col own[] = {
            col_int(r->seq),
            col_int(b->rows[i].id),
            col_int(e[i].rev_no),
            col_text(r->body),
            first[EVENT_RECORDED_NCOLS - 2], /* recorded_by */
            first[EVENT_RECORDED_NCOLS - 1], /* recorded_at */
            {'B', 0, (const char *)r->prev, CHAIN_HASH_LEN},
        };
        struct chain_hasher h;
        chain_begin(&h, r->prev);
        for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
            row_hash_col(&h, &own[k]);
        bool rows_stand_for_it = !(bodies && bodies[i]);
        for (size_t x = i; rows_stand_for_it && x < i + r->count; x++)
            for (size_t k = 0; k < EVENT_RECORDED_NCOLS; k++)
                row_hash_col(&h, &b->rows[x].cols[k]);
        chain_end(&h, r->hash);
        memcpy(bulk->hash, r->hash, CHAIN_HASH_LEN);
        i += r->count;
    }
}
