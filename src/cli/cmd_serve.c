/* cmd_serve.c: serving the public site. */
#include "cli/cmd_serve.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>

#include "model/enums.h"
#include "cli/cmd_place.h"
#include "cli/config.h"
#include "core/victims.h"
#include "http/proxy.h"
#include "http/routes.h"

#include "http/server.h"
#include "util/i18n.h"
#include "util/paths.h"

const struct cli_opt serve_opts[] = {
    {"listen", "ADDR:PORT",
     "where to listen (default 127.0.0.1:8080; "
     "port 0 picks a free one)"},
    {"base-url", "URL",
     "the site's public address, for feeds and links "
     "(default http://ADDR:PORT)"},
    {"threads", "N", "request threads (default: one per core)"},
    {"trusted-proxy", "CIDR...",
     "a reverse proxy's address or network (repeatable): its requests' "
     "client is read from --proxy-header, and it has no per-address "
     "connection limit"},
    {"proxy-header", "NAME",
     "the header the trusted proxies write the client into: "
     "X-Forwarded-For (default) or Forwarded"},
    {"metrics", NULL, "serve counters at /metrics"},
    {"access-log", "-|off|FILE",
     "one JSON line per request: to stderr (-, the default), nowhere "
     "(off), or appended to FILE"},
    {"node", "NAME",
     "this server's name in the access log (default: the "
     "host's name)"},
    {"db-read", "DB",
     "a hot standby of a PostgreSQL record to read from (writes and change "
     "notices stay on --db)"},
    {"master-key", "FILE",
     "the victims registry's master key (default $VIGIL_MASTER_KEY, or "
     "DB.key if present)"},
    {"gazetteer", "FILE",
     "places events by name (default $VIGIL_GAZETTEER, or "
     "gazetteer/world.tsv in the data folder, if built)"},
    {"demo", NULL,
     "a local demonstration: editors sign in without the second factor "
     "(never on a real site)"},
    {"sse-max", "N", "live readers in all (default 6000; over it: 503)"},
    {"sse-per-ip", "N",
     "live readers per address or IPv6 /64 "
     "(default 32)"},
    {"max-connections", "N",
     "connections in all (default 8192, or sse-max + 1024; over it: 503)"},
    {"config", "FILE",
     "the settings file (default $VIGIL_CONFIG, or /etc/vigil/vigil.conf "
     "if present): these options and db, one \"KEY = VALUE\" a line; "
     "the command line wins"},
    {NULL, NULL, NULL},
};

/* --trusted-proxy and --proxy-header into p: 0, or EXIT_USAGE
 * (reported). */
static int proxy_options(struct cli *c, struct proxies *p)
{
    const char *nets = cli_opt(c, "trusted-proxy");
    const char *header = cli_opt(c, "proxy-header");
    if (proxy_add(p, nets) != 0)
        return cli_usage_error(c,
                               "--trusted-proxy: \"%.60s\" is not a list "
                               "of at most %d addresses or networks (CIDR)",
                               nets, PROXY_NETS_MAX);
    if (header && proxy_set_header(p, header) != 0)
        return cli_usage_error(c,
                               "--proxy-header: \"%.40s\" is neither "
                               "X-Forwarded-For nor Forwarded",
                               header);
    return 0;
}

/* serve [--listen ADDR:PORT] [--base-url URL] */
int cmd_serve(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_config(c);
    if (rc != 0)
        return rc;
    const char *listen = cli_opt(c, "listen");
    struct app_config cfg = {
        .db = c->db,
        .listen = listen ? listen : "127.0.0.1:8080",
        .base_url = cli_opt(c, "base-url"),
        .metrics = cli_flag(c, "metrics"),
        .demo = cli_flag(c, "demo"),
        .db_read = cli_opt(c, "db-read"),
        .access_log = cli_opt(c, "access-log"),
        .node = cli_opt(c, "node"),
    };
    if (cfg.access_log == NULL)
        cfg.access_log = "-";
    if (cfg.db_read &&
        (store_db_is_file(c->db) || store_db_is_file(cfg.db_read)))
        return cli_usage_error(c, "--db-read names a PostgreSQL standby of "
                                  "a PostgreSQL --db");
    if (cli_opt_uint(c, "threads", 1, 64, &cfg.threads) ||
        cli_opt_uint(c, "sse-max", 1, 1000000, &cfg.sse_max) ||
        cli_opt_uint(c, "sse-per-ip", 1, 1000000, &cfg.sse_per_ip) ||
        cli_opt_uint(c, "max-connections", 1, 1000000, &cfg.connections))
        return EXIT_USAGE;
    if (proxy_options(c, &cfg.proxies) != 0)
        return EXIT_USAGE;
    /* Opening the database for writing here reports a missing file the
     * CLI's way and applies pending migrations; the server then reads
     * through read-only connections. */
    rc = cli_open(c, STORE_READ_WRITE);
    if (rc != 0)
        return rc;
    store_close(c->st);
    c->st = NULL;
    struct gazetteer *g;
    struct vault vault;
    struct vg_err none = VG_ERR_INIT;
    char key_path[1100];
    if (cli_gazetteer(c, false, &g) != 0)
        return 1;
    cfg.places = g;
    /* Pages in their trackers' languages; without a language's locale,
     * its pages stay English, and the rest works. */
    if (i18n_init(paths_locale(), &none) != 0) {
        fprintf(stderr, "vigil serve: %s\n", none.msg);
        none = (struct vg_err)VG_ERR_INIT;
    }
    /* The registry's master key, if this install has one: custodians
     * open sealed fields through the API with it. */
    const char *key =
        cli_key_file(c, &CLI_MASTER_KEY, key_path, sizeof key_path);
    if (key && vault_open(key, false, &vault, &none) == 0) {
        cfg.vault = &vault;
    } else if (cli_opt(c, "master-key")) {
        gazetteer_free(g); /* a key asked for and unusable: say so, stop */
        return cli_fail(c, &none);
    } else {
        fprintf(stderr,
                "vigil serve: no master key (%s): the victims registry's "
                "sealed fields stay closed over HTTP (503); `vigil victim "
                "add` makes the key\n",
                key ? key : "none given: --master-key FILE");
    }
    rc = server_run(&cfg, &err);
    gazetteer_free(g);
    sodium_memzero(&vault, sizeof vault);
    if (rc != 0)
        return cli_fail(c, &err);
    return 0;
}

/* routes: the route table as JSON lines, one per route: the access
 * policy the tests check every route against (reference/security.md
 * T19). "scope" says whose roles count: "tracker" for a route whose path
 * names one (the roles held on it), "site" for the others. */
int cmd_routes(struct cli *c)
{
    (void)c;
    for (const struct route *rt = routes; rt->pattern; rt++) {
        char roles[128] = "";
        roles_format(rt->roles, roles, sizeof roles);
        const char *family = rt->flags & R_API      ? "api"
                             : rt->flags & R_FEED   ? "feed"
                             : rt->flags & R_STREAM ? "stream"
                             : rt->flags & R_HTML   ? "html"
                                                    : "file";
        json_t *j =
            json_pack("{s:s, s:s, s:s, s:s, s:s}", "method", rt->method,
                      "pattern", rt->pattern, "family", family, "roles",
                      rt->roles ? roles : "public", "scope",
                      route_tracker_param(rt) >= 0 ? "tracker" : "site");
        char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        printf("%s\n", line);
        free(line);
        json_decref(j);
    }
    return 0;
}
