/* cmd_search.h: `vigil search`: the record searched as the site does. */
#ifndef VIGIL_CLI_CMD_SEARCH_H
#define VIGIL_CLI_CMD_SEARCH_H

#include "cli/cli.h"

int cmd_search(struct cli *c);
extern const struct cli_opt search_opts[];

#endif
