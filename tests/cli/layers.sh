#!/usr/bin/env bash
# layers.sh: the layers of src/ include only what is below them, and SQL
# is written only in src/store/ (STYLE.md; README.md's Layout).
#
#   util        includes nothing of Vigil's but util
#   model       util
#   store       util, model
#   geo,extract util, model, geo
#   media       util, model
#   core        util, model, store, geo, extract, media
#   render      util, model, core, geo, extract, media, cache (types)
#   live, cache, http, cli: above them all
#
# A rule broken names the file and the include.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

# allowed LAYER: the directories a file of LAYER may include from.
allowed() {
    case $1 in
    util) echo "util" ;;
    model) echo "util model" ;;
    store) echo "util model store" ;;
    geo) echo "util model geo" ;;
    extract) echo "util model geo extract" ;;
    media) echo "util model media" ;;
    core) echo "util model store geo extract media core" ;;
    render) echo "util model core geo extract media cache render" ;;
    *) echo "*" ;;
    esac
}

# Known bends, each with its reason; a new one fails. The Markdown of an
# update becomes the HTML the record keeps (core/markdown.c) and images
# in it become <picture> elements (core/images.c); the snapshot's images
# are inlined while its budget allows (core/snapshot_images.c): core
# writes that HTML with render's escaping writers rather than keep a
# second set.
bends=" src/core/images.c:render/html.h src/core/images.c:render/media.h
 src/core/markdown.c:render/html.h
 src/core/snapshot_images.c:render/snapshot.h "

# breaches ROOT: each include under ROOT/src that its layer may not make.
breaches() {
    local f layer ok inc dir
    for f in $(cd "$1" && find src -name '*.[ch]' | sort); do
        layer=${f#src/}
        layer=${layer%%/*}
        ok=$(allowed "$layer")
        [ "$ok" = "*" ] && continue
        while read -r inc; do
            dir=${inc%%/*}
            [[ " $ok " == *" $dir "* ]] ||
                [[ $bends == *[[:space:]]"$f:$inc"[[:space:]]* ]] ||
                echo "$f includes $inc"
        done < <(sed -n 's/^#include "\([a-z_]*\/[^"]*\)".*/\1/p' "$1/$f")
    done
}
bad=$(breaches .)
check "each layer includes only those below it: $bad" [ -z "$bad" ]

# SQL: a statement keyword opening a C string outside src/store/.
sql=$(grep -rnE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE) ' \
    src --include=*.c --include=*.h | grep -v '^src/store/' || true)
check "SQL only in src/store/: $sql" [ -z "$sql" ]

# The test itself can fail: a file of store/ that included core/ would.
probe=$(mktemp -d)
mkdir -p "$probe/src/store"
printf '#include "core/trackers.h"\n' >"$probe/src/store/x.c"
check "a store file including core is a breach" \
    [ "$(breaches "$probe")" = "src/store/x.c includes core/trackers.h" ]
rm -rf "$probe"

finish
