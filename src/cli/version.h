/*
 * version.h: Vigil's version, written only here: `vigil --version`
 * prints it, and debian/changelog's newest entry must name it
 * (tests/cli/version.sh checks).
 */
#ifndef VIGIL_CLI_VERSION_H
#define VIGIL_CLI_VERSION_H

#define VIGIL_VERSION "0.1.0"

#endif
