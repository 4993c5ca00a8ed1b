/* cmd_webhook.h: `vigil webhook`: where a tracker's changes are sent. */
#ifndef VIGIL_CLI_CMD_WEBHOOK_H
#define VIGIL_CLI_CMD_WEBHOOK_H

#include "cli/cli.h"

extern const struct cli_cmd webhook_cmds[];

#endif
