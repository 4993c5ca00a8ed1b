/* cmd_place.h: `vigil place`: the gazetteer. */
#ifndef VIGIL_CLI_CMD_PLACE_H
#define VIGIL_CLI_CMD_PLACE_H

#include "cli/cli.h"

extern const struct cli_cmd place_cmds[];

#endif
