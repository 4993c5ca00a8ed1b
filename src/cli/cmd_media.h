/* cmd_media.h: `vigil media`: images added from the host, listed, and
 * their renditions written out. */
#ifndef VIGIL_CLI_CMD_MEDIA_H
#define VIGIL_CLI_CMD_MEDIA_H

#include "cli/cli.h"

extern const struct cli_cmd media_cmds[];

#endif
