/* cmd_tracker.h: `vigil tracker ...` and `vigil metric ...`. */
#ifndef VIGIL_CLI_CMD_TRACKER_H
#define VIGIL_CLI_CMD_TRACKER_H

#include "cli/cli.h"

extern const struct cli_cmd tracker_cmds[];
extern const struct cli_cmd metric_cmds[];

#endif
