/* cmd_data.h: whole-database commands: init, demo, export, import,
 * backup, check, audit. */
#ifndef VIGIL_CLI_CMD_DATA_H
#define VIGIL_CLI_CMD_DATA_H

#include "cli/cli.h"

int cmd_init(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_export(struct cli *c);
int cmd_verify(struct cli *c);
int cmd_import(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_copy(struct cli *c);
extern const struct cli_opt copy_opts[];
int cmd_check(struct cli *c);
int cmd_audit(struct cli *c);
extern const struct cli_opt export_opts[];
extern const struct cli_opt verify_opts[];
extern const struct cli_opt import_opts[];
extern const struct cli_opt audit_opts[];

#endif
