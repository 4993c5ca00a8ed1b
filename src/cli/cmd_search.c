/*
 * cmd_search.c: `vigil search`: the record searched as the site's box
 * searches it (core/search.h), one result a line:
 *   KIND TAB TRACKER TAB NUMBER TAB STATUS TAB TITLE TAB PASSAGE
 * (STATUS "-" when published; matches in [brackets]), then a line per
 * place found, "place TAB TRACKER TAB ID TAB - TAB NAME TAB COUNTRY".
 */
#include "cli/cmd_search.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/search.h"
#include "core/trackers.h"
#include "render/text.h"

/* Appends t's text, cleaned, with its matches in [brackets]. */
static void marked(struct buf *out, const struct search_text *t)
{
    struct buf part = BUF_INIT(1 << 20);
    size_t at = 0;
    if (t->cut_before)
        BUF_LIT(out, "…");
    for (size_t i = 0; i <= t->nmarks; i++) {
        size_t end = i < t->nmarks ? t->marks[i].off : strlen(t->text);
        buf_reset(&part);
        buf_append(&part, t->text + at, end - at);
        text_clean(out, buf_cstr(&part));
        if (i == t->nmarks)
            break;
        buf_reset(&part);
        buf_append(&part, t->text + end, t->marks[i].len);
        BUF_LIT(out, "[");
        text_clean(out, buf_cstr(&part));
        BUF_LIT(out, "]");
        at = end + t->marks[i].len;
    }
    if (t->cut_after)
        BUF_LIT(out, "…");
    buf_release(&part);
}

static void print_results(struct buf *out, const struct search_results *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct search_result *r = &s->r[i];
        buf_printf(out, "%s\t%s\t%lld\t%s\t", search_kind_name(r->kind),
                   r->tracker->slug, (long long)r->ref,
                   r->status ? r->status : "-");
        marked(out, &r->title);
        BUF_LIT(out, "\t");
        marked(out, &r->passage);
        BUF_LIT(out, "\n");
    }
    for (size_t i = 0; i < s->nplaces; i++) {
        const struct search_place *p = &s->places[i];
        buf_printf(out, "place\t%s\t%s\t-\t", p->tracker->slug, p->id);
        marked(out, &p->name);
        buf_printf(out, "\t%s\n", p->country);
    }
}

/* search QUERY [--tracker SLUG] [--drafts] [--page N] */
int cmd_search(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    unsigned page = 1;
    struct search_request rq = {.q = cli_pos(c, 0),
                                .drafts = cli_flag(c, "drafts")};
    int rc = cli_opt_uint(c, "page", 1, SEARCH_PAGES_MAX, &page);
    /* Read-write where it may: the open writes the search rows an
     * import left behind (store.h, the search backlog) before the search
     * reads the index. */
    bool writable = !store_db_is_file(c->db) || access(c->db, W_OK) == 0;
    if (rc == 0)
        rc = cli_open(c, writable ? STORE_READ_WRITE : STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rq.page = (int)page;
    if (cli_opt(c, "tracker")) {
        if (tracker_lookup(c->st, &c->arena, "tracker", cli_opt(c, "tracker"),
                           &t, &err) != 0)
            return cli_fail(c, &err);
        rq.trackers = &t;
        rq.ntrackers = 1;
    }
    struct search_results s;
    if (search_run(c->st, &c->arena, &rq, &s, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    print_results(&out, &s);
    if (s.more)
        buf_printf(&out, "more: --page %u\n", page + 1);
    if (s.unindexed > 0)
        fprintf(stderr,
                "vigil search: %lld imported events are not in the index "
                "yet: a read-write open of the record (vigil serve does it "
                "in the background) adds them\n",
                (long long)s.unindexed);
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_opt search_opts[] = {
    {"tracker", "SLUG", "search this tracker only"},
    {"drafts", NULL,
     "also what readers may not see: drafts, scheduled updates, retracted "
     "events (the desk's search)"},
    {"page", "N", "the page of results, 20 a page (default 1)"},
    {NULL, NULL, NULL},
};
