/* cmd_serve.h: `vigil serve`. */
#ifndef VIGIL_CLI_CMD_SERVE_H
#define VIGIL_CLI_CMD_SERVE_H

#include "cli/cli.h"

int cmd_serve(struct cli *c);
int cmd_routes(struct cli *c);
extern const struct cli_opt serve_opts[];

#endif
