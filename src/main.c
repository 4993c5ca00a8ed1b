/* main.c: the command table of `vigil`. Each entry prints its own usage
 * with --help; the commands live in cli/. */
#include <sodium.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_data.h"
#include "cli/cmd_extract.h"
#include "cli/cmd_media.h"
#include "cli/cmd_place.h"
#include "cli/cmd_record.h"
#include "cli/cmd_search.h"
#include "cli/cmd_serve.h"
#include "cli/cmd_tracker.h"
#include "cli/cmd_user.h"
#include "cli/cmd_webhook.h"

static const struct cli_cmd commands[] = {
    {"init", cmd_init, "",
     "create the database, or bring its schema up to "
     "date",
     NULL, 0, 0, NULL},
    {"serve", cmd_serve, "[--listen ADDR:PORT] [--base-url URL]",
     "publish every tracker over HTTP", serve_opts, 0, 0, NULL},
    {"routes", cmd_routes, "",
     "print every HTTP route and who may use it (JSON lines)", NULL, 0, 0,
     NULL},
    {"tracker", NULL, "create|list|show|set|archive|unlist",
     "trackers: one per crisis "
     "covered",
     NULL, 0, 0, tracker_cmds},
    {"source", NULL, "add|list|link|alias", "sources: who claims what", NULL, 0,
     0, source_cmds},
    {"metric", NULL, "add|list", "metrics: what a tracker counts", NULL, 0, 0,
     metric_cmds},
    {"post", cmd_post, "TRACKER [--title T] [--file PATH] < body.md",
     "publish an update (Markdown)", post_opts, 1, 1, NULL},
    {"update", NULL, "edit|retract|pin|key|show|history",
     "change updates; every change is a new revision", NULL, 0, 0, update_cmds},
    {"claim", NULL, "add|list", "claims: a source's figure for a metric", NULL,
     0, 0, claim_cmds},
    {"user", NULL, "add|invite|passwd|roles|name|disable|totp|token|list",
     "editor accounts", NULL, 0, 0, user_cmds},
    {"event", NULL, "add|retract|list", "events: what happened, where", NULL, 0,
     0, event_cmds},
    {"victim", NULL, "add|list|show|purge",
     "the victims registry: fields public or sealed", NULL, 0, 0, victim_cmds},
    {"media", NULL, "add|list|file",
     "images: renditions without metadata, redacted before use", NULL, 0, 0,
     media_cmds},
    {"webhook", NULL, "add|list|remove|kinds",
     "send a tracker's changes to a newsroom's systems, signed", NULL, 0, 0,
     webhook_cmds},
    {"place", NULL, "find", "the gazetteer: places by name", NULL, 0, 0,
     place_cmds},
    {"extract", cmd_extract,
     "FILE [--published DATE] [--tracker SLUG] [--country CC]",
     "propose the dates, day counter, tallies and places in an article "
     "(JSON)",
     extract_opts, 1, 1, NULL},
    {"search", cmd_search, "QUERY [--tracker SLUG] [--drafts] [--page N]",
     "search updates, claims, events, places and the memorial's names",
     search_opts, 1, 1, NULL},
    {"demo", cmd_demo, "",
     "load the demo tracker (Iran, November 2019) and its Persian edition",
     NULL, 0, 0, NULL},
    {"export", cmd_export, "TRACKER [--format json|snapshot] [--output PATH]",
     "write a tracker as a JSON bundle or one HTML file, signed", export_opts,
     1, 1, NULL},
    {"verify", cmd_verify, "FILE [--key BASE64]",
     "check the signature of an export or snapshot", verify_opts, 1, 1, NULL},
    {"import", cmd_import, "FILE [--tracker SLUG]",
     "load a JSON bundle as a new tracker, or an ACLED-style CSV of events",
     import_opts, 1, 1, NULL},
    {"backup", cmd_backup, "FILE", "copy the database safely while in use",
     NULL, 1, 1, NULL},
    {"copy", cmd_copy, "--from DB --to DB",
     "copy the whole record between a file and PostgreSQL, chains checked",
     copy_opts, 0, 0, NULL},
    {"check", cmd_check, "", "verify integrity and the hash chains", NULL, 0, 0,
     NULL},
    {"audit", cmd_audit, "[--last N]", "print the audit log as JSON lines",
     audit_opts, 0, 0, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

int main(int argc, char **argv)
{
    /* Before any other libsodium call, as its manual asks: it also picks
     * the fastest BLAKE2b this CPU runs, which every hash chain uses. */
    if (sodium_init() < 0) {
        fputs("vigil: libsodium cannot start\n", stderr);
        return 1;
    }
    return cli_main(commands, argc, argv);
}
