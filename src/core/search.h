/*
 * search.h: searching the record, for the public site's search box and
 * the desk's (DESIGN §5): updates, claims with their quotes, events, the
 * places of the events found, and the memorial's public names.
 *
 * Accepted input: a query of at most SEARCH_Q_MAX bytes of UTF-8 and
 * SEARCH_TERMS_MAX words. Its words are folded as the index's are
 * (util/fold.h: case, diacritics, Persian and Arabic spellings), and a
 * result holds every one of them: as whole words, or, when those find
 * fewer than SEARCH_CANDIDATES, the longer ones (SEARCH_PREFIX_MIN
 * characters and more) also at the start of a word ("protest" finds
 * "protesters"; store.h). The store's own engine (SQLite FTS5,
 * PostgreSQL full-text search) finds the newest SEARCH_CANDIDATES
 * matches, which are ranked, SEARCH_PAGE to a page.
 *
 * What readers may find: published and retracted updates, claims,
 * published events, and the names the memorial shows. The desk also
 * finds drafts, scheduled updates and retracted events, of the trackers
 * it searches. A victim's sealed fields are never indexed. Each result
 * is read back from the record, which is checked again: a record readers
 * may not see never reaches a public page, even from a stale index.
 *
 * Matches are given as byte spans of the texts shown (a result's title
 * and a passage of its text around the first match), for the renderer to
 * mark while it escapes everything.
 */
#ifndef VIGIL_CORE_SEARCH_H
#define VIGIL_CORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

enum {
    SEARCH_Q_MAX = 200,    /* bytes of a query: a few words, not a text */
    SEARCH_TERMS_MAX = 8,  /* words of a query: each narrows the search */
    SEARCH_PAGE = 20,      /* results a page */
    SEARCH_PAGES_MAX = 50, /* the last page one may ask for */
};

struct search_request {
    const char *q;                  /* as typed */
    const struct tracker *trackers; /* where to search; NULL: everywhere */
    size_t ntrackers;
    bool drafts; /* the desk: what readers may not see too */
    int page;    /* from 1 */
};

/* A match in a text shown: bytes [off, off + len). */
struct search_span {
    size_t off, len;
};

/* A text shown with its matches marked. */
struct search_text {
    const char *text; /* in the arena; "" when there is none */
    struct search_span *marks;
    size_t nmarks;
    bool cut_before, cut_after; /* a passage of a longer text */
};

struct search_result {
    enum search_kind kind;
    const struct tracker *tracker;
    int64_t ref;        /* its number in the tracker */
    const char *status; /* "draft", "retracted", ... as the desk shows
                           it, or NULL when published */
    struct search_text title, passage;
    const char *metric; /* a claim's metric key: its tally page */
    char place[17];     /* an event's place (event_place_id) */
};

/* A place of the events found whose name holds a term. */
struct search_place {
    const struct tracker *tracker;
    char id[17]; /* event_place_id */
    struct search_text name;
    const char *country;
};

struct search_results {
    const char **terms; /* the query's folded words */
    size_t nterms;
    struct search_result *r;
    size_t n;
    struct search_place *places;
    size_t nplaces;
    bool more;         /* another page follows */
    int64_t unindexed; /* events imported lately that no search finds yet
                          (the search backlog: store.h) */
};

/* Folds query q into its terms (in the arena, without repeats). Fails
 * with VG_EINVAL naming "q" for text that is not UTF-8 or holds control
 * characters, a query without a word or with more than SEARCH_TERMS_MAX,
 * and VG_ELIMIT for one over SEARCH_Q_MAX bytes. */
int search_terms(struct arena *a, const char *q, const char ***terms, size_t *n,
                 struct vg_err *err);

/* Runs the search into *out (in the arena). Fails as search_terms does,
 * with VG_EINVAL naming "page" for a page outside 1..SEARCH_PAGES_MAX,
 * or with the store's error. */
int search_run(struct store *st, struct arena *a,
               const struct search_request *rq, struct search_results *out,
               struct vg_err *err);

#endif
