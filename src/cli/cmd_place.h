/* cmd_place.h: `vigil place`: the gazetteer. */
#ifndef VIGIL_CLI_CMD_PLACE_H
#define VIGIL_CLI_CMD_PLACE_H

#include "cli/cli.h"

#include "geo/gazetteer.h"

/* The gazetteer a command uses: --gazetteer FILE, $VIGIL_GAZETTEER, or
 * the data folder's (paths_gazetteer). Returns 0 with *out loaded, or 0 with
 * *out NULL when the default is missing and not required (a warning on stderr),
 * or 1 (a message on stderr). */
int cli_gazetteer(struct cli *c, bool required, struct gazetteer **out);

extern const struct cli_cmd place_cmds[];
extern const struct cli_cmd event_cmds[];
extern const struct cli_cmd victim_cmds[];

#endif
