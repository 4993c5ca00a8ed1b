/* cmd_user.h: `vigil user ...`. */
#ifndef VIGIL_CLI_CMD_USER_H
#define VIGIL_CLI_CMD_USER_H

#include "cli/cli.h"

extern const struct cli_cmd user_cmds[];

#endif
