/*
 * search.h: the search index's rows as both store backends write them
 * (store.h, "Search"), for the backends only.
 *
 * A row is built from the record it stands for, so that every write that
 * saves the record can rewrite it in its own transaction, whichever
 * backend and whichever path (a post, an edit, an import, a copy). Its
 * text is folded (util/fold.h): title holds the words that name the
 * record, body the rest; an engine weighs the title higher.
 *
 * Each record has one row, keyed by its own table's id and its kind
 * (search_row_id), so a rewrite replaces it. The key runs down as ids
 * run up: an engine walks its index in key order, and the newest matches
 * come first.
 */
#ifndef VIGIL_STORE_SEARCH_H
#define VIGIL_STORE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "store/store.h"
#include "util/buf.h"

struct search_doc {
    int64_t row_id; /* search_row_id(record id, kind) */
    int64_t tracker_id;
    enum search_kind kind;
    int64_t ref;            /* the record's number in its tracker */
    bool public;            /* readers may find it */
    struct buf title, body; /* folded words, one space between two */
};

/* An empty row, its buffers ready (release with search_doc_release). */
void search_doc_init(struct search_doc *d);
void search_doc_release(struct search_doc *d);
/* True when the row holds no word: the record is not to be found, and
 * its row, if any, is removed. */
bool search_doc_empty(const struct search_doc *d);

/* The row of each kind of record (d initialised; filled anew). An
 * update's title and Markdown body; a claim's source and metric, then its
 * quote, words, note and scope; an event's type, sub-type, place and
 * region, then its actors, crowd words and notes; a victim's public names
 * only (a name the record seals is not in its public record). */
void search_doc_update(struct search_doc *d, const struct update *u);
void search_doc_claim(struct search_doc *d, const struct claim *c);
void search_doc_event(struct search_doc *d, const struct event *e);
void search_doc_victim(struct search_doc *d, const struct victim *v);

/* Rewrites the row of the record just saved, through st's search_put:
 * what each backend's write of such a record calls, in its transaction. */
int search_index_update(struct store *st, const struct update *u,
                        struct vg_err *err);
int search_index_claim(struct store *st, const struct claim *c,
                       struct vg_err *err);
int search_index_event(struct store *st, const struct event *e,
                       struct vg_err *err);
int search_index_victim(struct store *st, const struct victim *v,
                        struct vg_err *err);

/* The key of a record's row: (SEARCH_ROW_IDS - its id in its own table)
 * * 8 + its kind; ids are below SEARCH_ROW_IDS. */
#define SEARCH_ROW_IDS ((int64_t)1 << 59)
int64_t search_row_id(int64_t record_id, enum search_kind kind);

/* SQLite's scope column: "t<tracker id>", then " p" for a public row
 * (FTS5 matches the tracker and the visibility as words). */
void search_scope(struct buf *out, const struct search_doc *d);

#endif
