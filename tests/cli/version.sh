#!/usr/bin/env bash
# version.sh: `vigil --version` and `vigil -V` print "vigil X.Y.Z" and
# exit 0; the version is the one src/cli/version.h defines, and the
# Debian package's (debian/changelog's newest entry) is the same.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

want=$(sed -n 's/^#define VIGIL_VERSION "\(.*\)"$/\1/p' src/cli/version.h)
check "version.h defines X.Y.Z" grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$' <<<"$want"
for flag in --version -V; do
    run "$flag"
    expect_ok "vigil $flag"
    check "vigil $flag prints \"vigil $want\"" [ "$OUT" = "vigil $want" ]
    check "vigil $flag says nothing on stderr" [ -z "$ERR" ]
done
run --help
check "vigil --help lists --version" grep -q -- "--version" <<<"$OUT"
run --version extra
check "anything after --version is a usage error" [ "$RC" -eq 2 ]
deb=$(dpkg-parsechangelog -l debian/changelog -S Version)
check "debian/changelog's version is vigil's ($deb)" \
    [ "${deb%%-*}" = "$want" ]
finish
