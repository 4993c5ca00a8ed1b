/* cmd_place.c: looking places up in the gazetteer. */
#include "cli/cmd_place.h"

#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gazetteer.h"

/* The gazetteer file: --gazetteer, $VIGIL_GAZETTEER, or the one `make
 * gazetteer` builds in the source tree. */
static const char *gazetteer_path(struct cli *c)
{
    const char *p = cli_opt(c, "gazetteer");
    if (p == NULL)
        p = getenv("VIGIL_GAZETTEER");
    return p ? p : "data/gazetteer/world.tsv";
}

/* place find NAME [--country CC] [--gazetteer FILE] */
static int cmd_place_find(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct gazetteer *g;
    char dir[1024], file[1024];
    snprintf(dir, sizeof dir, "%s", gazetteer_path(c));
    snprintf(file, sizeof file, "%s", gazetteer_path(c));
    if (gazetteer_load(dirname(dir), basename(file), &g, &err) != 0) {
        if (err.code == VG_ENOTFOUND)
            fprintf(stderr,
                    "vigil place find: %s (make gazetteer builds "
                    "it, or give --gazetteer FILE)\n",
                    err.msg);
        else
            fprintf(stderr, "vigil place find: %s\n", err.msg);
        return 1;
    }
    const struct place *hit[10];
    size_t n = gazetteer_find(g, cli_pos(c, 0), cli_opt(c, "country"), hit, 10);
    for (size_t i = 0; i < n; i++) {
        json_t *j =
            json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:s}", "name",
                      hit[i]->name, "country", hit[i]->country, "admin1",
                      hit[i]->admin1, "region", hit[i]->region, "lat",
                      hit[i]->lat, "lon", hit[i]->lon, "kind", hit[i]->kind);
        char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(8));
        printf("%s\n", line);
        free(line);
        json_decref(j);
    }
    gazetteer_free(g);
    if (n == 0) {
        fprintf(stderr, "vigil place find: no place named \"%.80s\"\n",
                cli_pos(c, 0));
        return 1;
    }
    return 0;
}

static const struct cli_opt find_opts[] = {
    {"country", "CC", "rank places in this country (ISO code) first"},
    {"gazetteer", "FILE",
     "the gazetteer (default $VIGIL_GAZETTEER, or data/gazetteer/world.tsv)"},
    {NULL, NULL, NULL},
};

const struct cli_cmd place_cmds[] = {
    {"find", cmd_place_find, "NAME [--country CC] [--gazetteer FILE]",
     "the places a name may mean, best first (JSON lines)", find_opts, 1, 1,
     NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
