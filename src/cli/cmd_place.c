/* cmd_place.c: looking places up in the gazetteer. */
#include "cli/cmd_place.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gazetteer.h"
#include "util/paths.h"

int cli_gazetteer(struct cli *c, bool required, struct gazetteer **out)
{
    struct vg_err err = VG_ERR_INIT;
    const char *path = cli_opt(c, "gazetteer");
    bool chosen = path != NULL || getenv("VIGIL_GAZETTEER") != NULL;
    if (path == NULL)
        path = getenv("VIGIL_GAZETTEER");
    if (path == NULL)
        path = paths_gazetteer();
    *out = NULL;
    int rc = gazetteer_open(path, out, &err);
    if (rc == VG_ENOTFOUND && !chosen && !required) {
        fprintf(stderr,
                "vigil %s: no gazetteer (%s; make gazetteer builds it): "
                "places are not located\n",
                c->path, path);
        return 0;
    }
    if (rc != 0) {
        fprintf(stderr, "vigil %s: %s%s\n", c->path, err.msg,
                rc == VG_ENOTFOUND ? " (make gazetteer builds it, or give "
                                     "--gazetteer FILE)"
                                   : "");
        return 1;
    }
    return 0;
}

/* place find NAME [--country CC] [--gazetteer FILE] */
static int cmd_place_find(struct cli *c)
{
    struct gazetteer *g;
    if (cli_gazetteer(c, true, &g) != 0)
        return 1;
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
     "the gazetteer (default $VIGIL_GAZETTEER, or "
     "gazetteer/world.tsv in the data folder)"},
    {NULL, NULL, NULL},
};

const struct cli_cmd place_cmds[] = {
    {"find", cmd_place_find, "NAME [--country CC] [--gazetteer FILE]",
     "the places a name may mean, best first (JSON lines)", find_opts, 1, 1,
     NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
