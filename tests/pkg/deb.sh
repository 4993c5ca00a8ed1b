#!/usr/bin/env bash
# deb.sh: the Debian package. Builds it with `dpkg-buildpackage -b` from
# a copy of the working tree (the gazetteer copied too when built, so no
# download is needed), checks it with lintian (no error or warning),
# installs it with dpkg -i on this machine and checks what it installed:
# the binary (its version, the gazetteer found from any folder), the
# vigil system user, the manual, the unit (sandboxed), the conffile. The
# package is purged on every exit path, as it was not installed before.
# Run as root, on demand: bash tests/pkg/deb.sh (not in `make test`: it
# builds the whole tree again and installs a package on the machine).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

if [ "$(id -u)" -ne 0 ]; then
    fail "run as root: it installs the package"
    finish
    exit
fi
if dpkg-query -W -f='${Status}' vigil 2>/dev/null | grep -q 'install ok'; then
    fail "a vigil package is installed already: this test would replace it"
    finish
    exit
fi
trap 'end_jobs; dpkg --purge vigil >/dev/null 2>&1; rm -rf "$TMP"' EXIT
not() { ! "$@"; }
quiet() { "$@" >/dev/null 2>&1; }
# as_vigil ARGS...: runs ARGS as the vigil user, in place (no process
# between: a signal to the caller's job reaches ARGS).
as_vigil() { setpriv --reuid=vigil --regid=vigil --clear-groups "$@"; }

version=$(dpkg-parsechangelog -l debian/changelog -S Version)
SRC=$TMP/vigil-$version
mkdir -p "$SRC"
# The tree's files: git's list in a checkout; elsewhere (CI tests a copy
# with no .git) every file but build outputs and installed modules.
tree_files() {
    if git rev-parse --git-dir >/dev/null 2>&1; then
        git ls-files -co --exclude-standard
    else
        find . \( -path ./build -o -path ./.git -o -name node_modules \
            -o -path ./tests/artifacts \) -prune -o -type f -print |
            sed 's|^\./||'
    fi
}
{
    tree_files
    ls data/gazetteer/world.tsv data/gazetteer/world-outlines.tsv 2>/dev/null
} | sort -u | tar -cf - -T - | tar -xpf - -C "$SRC"

(cd "$SRC" && DEB_BUILD_OPTIONS=parallel=2 timeout 1800 \
    dpkg-buildpackage -b -uc -us) >"$TMP/build.log" 2>&1
RC=$? ERR=$(tail -30 "$TMP/build.log")
expect_ok "dpkg-buildpackage -b"
DEB=$(ls "$TMP"/vigil_"$version"_*.deb 2>/dev/null | head -1)
check "the package was built" [ -f "$DEB" ]

timeout 600 lintian --fail-on error,warning --tag-display-limit 0 "$DEB" \
    >"$TMP/lintian.log" 2>&1
RC=$? ERR=$(cat "$TMP/lintian.log")
expect_ok "lintian finds no error or warning"
check "lintian reports no E: or W: line" not grep -q '^[EW]: ' "$TMP/lintian.log"

timeout 600 dpkg -i "$DEB" >"$TMP/dpkg.log" 2>&1
RC=$? ERR=$(cat "$TMP/dpkg.log")
expect_ok "dpkg -i"
check "vigil --version" [ "$(/usr/bin/vigil --version)" = "vigil $version" ]
check "the vigil system user" getent passwd vigil
check "with no login shell" \
    grep -q 'nologin\|/bin/false' <<<"$(getent passwd vigil | cut -d: -f7)"
for f in /usr/share/vigil/gazetteer/world.tsv /usr/share/man/man1/vigil.1.gz \
    /usr/share/man/man1/vigil-serve.1.gz /usr/share/man/man5/vigil.conf.5.gz \
    /usr/share/locale/fa/LC_MESSAGES/vigil.mo /usr/share/doc/vigil/copyright \
    /lib/systemd/system/vigil.service /usr/lib/sysusers.d/vigil.conf \
    /etc/vigil/vigil.conf; do
    check "installed: $f" [ -s "$f" ]
done
check "installed: the data's licences" \
    quiet ls /usr/share/doc/vigil/DATA-LICENSES.md*
check "vigil.conf is a conffile" grep -qx '/etc/vigil/vigil.conf' \
    /var/lib/dpkg/info/vigil.conffiles
check "man finds vigil-serve(1)" man -w vigil-serve
check "the installed unit's exposure is 2.0 or less" \
    timeout 120 systemd-analyze security --offline=true --threshold=20 \
    /lib/systemd/system/vigil.service

# The installed binary from another folder: its gazetteer, and a record
# created and served as the vigil user with the shipped settings.
cd "$TMP" || exit 1
unset VIGIL_GAZETTEER
check "place find from another folder" \
    quiet jq -e -s '.[0].name == "Tehran"' <<<"$(/usr/bin/vigil place find Tehran)"
mkdir -p "$TMP/state" && chown vigil: "$TMP/state" && chmod 755 "$TMP"
(cd "$TMP/state" && as_vigil /usr/bin/vigil init >/dev/null &&
    as_vigil /usr/bin/vigil demo >/dev/null)
check "vigil init and demo as the vigil user" [ -s "$TMP/state/vigil.db" ]
(cd "$TMP/state" && exec timeout 300 setpriv --reuid=vigil --regid=vigil \
    --clear-groups /usr/bin/vigil serve --listen 127.0.0.1:0 \
    >"$TMP/serve.out" 2>"$TMP/serve.err") &
SERVE_PID=$!
URL=
for _ in $(seq 600); do
    URL=$(sed -n 's|^vigil: serving .* at \(http://[^ ]*\)/ .*|\1|p' "$TMP/serve.out")
    [ -n "$URL" ] && break
    sleep 0.1
done
check "the installed server starts: $(cat "$TMP/serve.err")" [ -n "$URL" ]
check "and serves the demo" \
    grep -q 'Iran protests' <<<"$(curl -s -m 30 "$URL/t/iran-nov-2019")"
check "with its gazetteer" not grep -q 'no gazetteer' "$TMP/serve.err"
kill -TERM "$SERVE_PID"
timeout 30 tail --pid="$SERVE_PID" -f /dev/null
wait "$SERVE_PID"
check "the server stops cleanly" [ $? -eq 0 ]
cd - >/dev/null || exit 1

timeout 600 dpkg --purge vigil >"$TMP/purge.log" 2>&1
RC=$? ERR=$(cat "$TMP/purge.log")
expect_ok "dpkg --purge"
check "purged: the binary is gone" [ ! -e /usr/bin/vigil ]
check "purged: the conffile is gone" [ ! -e /etc/vigil/vigil.conf ]
finish
