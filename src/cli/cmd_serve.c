/* cmd_serve.c: serving the public site. */
#include "cli/cmd_serve.h"

#include <stdio.h>
#include <stdlib.h>

#include "http/server.h"

const struct cli_opt serve_opts[] = {
    {"listen", "ADDR:PORT",
     "where to listen (default 127.0.0.1:8080; "
     "port 0 picks a free one)"},
    {"base-url", "URL",
     "the site's public address, for feeds and links "
     "(default http://ADDR:PORT)"},
    {"threads", "N", "request threads (default: one per core)"},
    {"behind-proxy", NULL, "no per-IP connection limit (the proxy sets it)"},
    {"metrics", NULL, "serve counters at /metrics"},
    {NULL, NULL, NULL},
};

/* serve [--listen ADDR:PORT] [--base-url URL] */
int cmd_serve(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    char base[160];
    const char *listen = cli_opt(c, "listen");
    const char *threads = cli_opt(c, "threads");
    struct app_config cfg = {
        .db = c->db,
        .listen = listen ? listen : "127.0.0.1:8080",
        .base_url = cli_opt(c, "base-url"),
        .metrics = cli_flag(c, "metrics"),
        .behind_proxy = cli_flag(c, "behind-proxy"),
        .threads = threads ? (unsigned)atoi(threads) : 0,
    };
    if (threads && (cfg.threads < 1 || cfg.threads > 64))
        return cli_usage_error(c, "--threads takes a number from 1 to 64");
    if (cfg.base_url == NULL) {
        snprintf(base, sizeof base, "http://%s", cfg.listen);
        cfg.base_url = base;
    }
    /* Opening the database here reports a missing file the CLI's way. */
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (server_run(&cfg, &err) != 0)
        return cli_fail(c, &err);
    return 0;
}
