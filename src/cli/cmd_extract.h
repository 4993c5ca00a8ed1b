/* cmd_extract.h: `vigil extract`: proposals from a pasted article. */
#ifndef VIGIL_CLI_CMD_EXTRACT_H
#define VIGIL_CLI_CMD_EXTRACT_H

#include "cli/cli.h"

int cmd_extract(struct cli *c);
extern const struct cli_opt extract_opts[];

#endif
