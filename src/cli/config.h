/*
 * config.h: a command's settings from a configuration file
 * (vigil.conf(5)): `vigil serve` reads SYSCONFDIR/vigil/vigil.conf, or
 * the file --config or $VIGIL_CONFIG names.
 *
 * Format: one "KEY = VALUE" a line, KEY the name of one of the command's
 * own options (its table is the list of settings) or "db"; a line whose
 * first non-blank character is '#' is a comment, and blank lines are
 * ignored. VALUE runs to the end of the line, blanks around it dropped;
 * a flag's VALUE is true or false (yes or no). A repeatable option
 * (metavariable "...") may be set on several lines; any other, once. An
 * option given on the command line wins over the file's.
 */
#ifndef VIGIL_CLI_CONFIG_H
#define VIGIL_CLI_CONFIG_H

#include "cli/cli.h"

/* Fills c's options not given on the command line from its configuration
 * file: --config FILE, else $VIGIL_CONFIG, else paths_config() (which may
 * be missing). Returns 0, or EXIT_REFUSED when a named file cannot be
 * read, or EXIT_USAGE for a bad line ("FILE:LINE: ..."), reported. */
int cli_config(struct cli *c);

#endif
