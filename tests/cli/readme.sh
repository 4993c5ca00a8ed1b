#!/usr/bin/env bash
# readme.sh: the README's walkthrough works as written: every command of
# its "Start a tracker", "Figures are claims" and "Nothing is overwritten"
# blocks runs and succeeds, in order, on a fresh database (the default
# file, or on PostgreSQL a database given to every command).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

mkdir -p "$TMP/bin" "$TMP/work"
if backend_is sqlite; then
    ln -s "$VIGIL" "$TMP/bin/vigil" # its default database, ./vigil.db
else
    # The walkthrough names no database: `vigil` is given this one.
    printf '#!/bin/sh\nexec "%s" --db "%s" "$@"\n' "$VIGIL" "$(blank_db readme)" \
        >"$TMP/bin/vigil"
    chmod +x "$TMP/bin/vigil"
fi
export VIGIL_NOW=2026-11-29T12:00:00Z
# The ```sh blocks after the quick start, joined into one script.
awk '/^## Start a tracker/ {on = 1} /^## The public site/ {on = 0}
     on && /^```sh$/ {code = 1; next} /^```$/ {code = 0}
     on && code' README.md >"$TMP/walkthrough.sh"
check "the walkthrough has commands" [ "$(grep -c '^vigil ' "$TMP/walkthrough.sh")" -ge 10 ]
(cd "$TMP/work" && PATH=$TMP/bin:$PATH && vigil init >/dev/null &&
    bash -e "$TMP/walkthrough.sh") >"$TMP/out" 2>&1
status=$?
check "every README command succeeds ($(tail -1 "$TMP/out"))" [ $status -eq 0 ]
check "tracker show printed Day 10" grep -q "^Day 10$" "$TMP/out"
check "the audit log ends with the retraction" \
    grep -q '"action":"update.retract"' "$TMP/out"
finish
