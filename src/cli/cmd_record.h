/* cmd_record.h: `vigil source|post|update|claim ...`: adding to a record. */
#ifndef VIGIL_CLI_CMD_RECORD_H
#define VIGIL_CLI_CMD_RECORD_H

#include "cli/cli.h"

extern const struct cli_cmd source_cmds[];
extern const struct cli_cmd update_cmds[];
extern const struct cli_cmd claim_cmds[];
int cmd_post(struct cli *c);
extern const struct cli_opt post_opts[];

#endif
