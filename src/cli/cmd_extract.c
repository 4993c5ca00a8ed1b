/* cmd_extract.c: `vigil extract`: proposals from an article (DESIGN §7). */
#include "cli/cmd_extract.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_place.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "extract/extract.h"

/* What --tracker brings: the country places rank towards (unless
 * --country names one) and the sources attributions may name. Returns 0
 * or an exit status (reported). */
static int tracker_opts(struct cli *c, struct extract_opts *o)
{
    o->country = cli_opt(c, "country");
    if (cli_opt(c, "tracker") == NULL)
        return 0;
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (tracker_lookup(c->st, &c->arena, "tracker", cli_opt(c, "tracker"), &t,
                       &err) != 0 ||
        tracker_extract_opts(c->st, &c->arena, &t, o, &err) != 0)
        return cli_fail(c, &err);
    return 0;
}

/* Prints x as indented JSON. Returns 0 or EXIT_REFUSED. */
static int print_extraction(struct cli *c, const struct extraction *x,
                            const char *text)
{
    json_t *j = extraction_json(x, text);
    char *s = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(10));
    struct buf out = BUF_INIT(1 << 28);
    buf_puts(&out, s);
    buf_putc(&out, '\n');
    int rc = cli_print(c, &out);
    buf_release(&out);
    free(s);
    json_decref(j);
    return rc;
}

/* extract FILE [--published DATE] [--tracker SLUG] [--country CC] */
int cmd_extract(struct cli *c)
{
    struct extract_opts o = {.sources = NULL};
    const char *pub = cli_opt(c, "published");
    if (pub && date_parse(pub, strlen(pub), &o.published) != 0)
        return cli_usage_error(c,
                               "--published: \"%.40s\" is not a date "
                               "(YYYY-MM-DD)",
                               pub);
    int rc = tracker_opts(c, &o);
    if (rc != 0)
        return rc;
    /* Nothing relative is guessed from today's date: the editor is told
     * what is left out, as the desk asks for the date. */
    if (pub == NULL)
        fprintf(stderr,
                "vigil %s: no --published date: relative dates, the "
                "day counter and as-of dates from it are left out\n",
                c->path);
    struct gazetteer *g;
    struct buf text = BUF_INIT(EXTRACT_MAX_BYTES + 1);
    rc = cli_gazetteer(c, false, &g);
    if (rc == 0)
        rc = cli_read_file(c, cli_pos(c, 0), EXTRACT_MAX_BYTES, &text);
    if (rc != 0) {
        gazetteer_free(g);
        buf_release(&text);
        return rc;
    }
    o.gaz = g;
    struct extraction x;
    struct vg_err err = VG_ERR_INIT;
    if (extract_text(buf_cstr(&text), text.len, &o, &x, &err) != 0) {
        rc = cli_fail(c, &err);
    } else {
        if (x.dateline.at.len) {
            char day[DATE_LEN + 1];
            date_format(x.dateline.start, day);
            fprintf(stderr,
                    "vigil %s: the text's head gives %s (\"%.*s\"); "
                    "if it was published then, run again with "
                    "--published %s\n",
                    c->path, day, (int)x.dateline.at.len,
                    buf_cstr(&text) + x.dateline.at.off, day);
        }
        rc = print_extraction(c, &x, buf_cstr(&text));
    }
    extraction_free(&x);
    gazetteer_free(g);
    buf_release(&text);
    return rc;
}

const struct cli_opt extract_opts[] = {
    {"published", "DATE", "the publication date: relative dates read from it"},
    {"tracker", "SLUG",
     "rank places in this tracker's country first; name its sources"},
    {"country", "CC", "rank places in this country (ISO code) first"},
    {"gazetteer", "FILE",
     "the gazetteer (default $VIGIL_GAZETTEER, or "
     "gazetteer/world.tsv in the data folder)"},
    {NULL, NULL, NULL},
};
