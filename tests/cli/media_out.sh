#!/usr/bin/env bash
# media_out.sh: images wherever a tracker goes outside the live server.
# The JSON bundle carries each image, its revisions and its files' bytes
# (and an update whose post shows one as its still imports):
# export -> import -> export gives the same bytes, signed; the import
# stores the same files under the same names (one already present is
# not stored twice), its bodies show <picture>, `vigil check` passes; a
# file whose bytes no longer hash to its name is refused with nothing
# stored; a public bundle holds only the images its updates show.
# `vigil copy` to the other backend carries them. The static mirror
# holds every file its pages show, in its signed manifest; the snapshot
# inlines images within its budget and names the ones it leaves out.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
T=iran-nov-2019
M=tests/media
DB=$(new_db media_out)
v() { run --db "$DB" "$@"; }

# add FILE ALT [ARGS...]: stores FILE as media of T; its key in KEY.
add() {
    local f=$1 alt=$2
    shift 2
    v media add "$M/$f" --tracker $T --alt "$alt" "$@"
    expect_ok "media add $f"
    KEY=${OUT%% *}
}

add gps.webp "A drawn face at the square" --caption "Tehran, 16 November" \
    --credit-withheld
K1=$KEY
add gps-p3.jpg "A face, redacted" --redact "310,170,180,180" \
    --credit "Staff photographer"
K2=$KEY
add gps.webp "A drawn face, described again" # a second revision of K1
check "the same file again is the same image" [ "$KEY" = "$K1" ]
add gps.png "Shown by no public update"
K3=$KEY
printf '![A drawn face](/media/%s)\n\nSeen at the square.\n' "$K1" |
    "$VIGIL" --db "$DB" post $T --title "The square" >/dev/null
printf 'The face is hidden. ![](/media/%s)\n' "$K2" |
    "$VIGIL" --db "$DB" post $T >/dev/null
# A video shown by its still, one of the tracker's images.
printf 'A video of the march.\n' | "$VIGIL" --db "$DB" post $T \
    --embed "https://www.youtube.com/watch?v=dQw4w9WgXcQ" \
    --embed-author "A witness" --embed-still "$K1" --embed-duration 95 >/dev/null

# ==== The bundle ====

v export $T --output "$TMP/a.json"
expect_ok "export with media"
run verify "$TMP/a.json"
expect_ok "the bundle's signature verifies"
media_keys() {
    /usr/bin/python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
for m in b.get("media", []):
    print(m["key"], len(m["files"]), len(m["revisions"]))' "$1"
}
check "the bundle lists the three images" [ "$(media_keys "$TMP/a.json" | wc -l)" = 3 ]
check "with both revisions of the first" grep -q "^$K1 [0-9]* 2\$" <(media_keys "$TMP/a.json")
check "the credit withheld and the caption kept" /usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["media"][0]["revisions"][0]
assert m["credit_withheld"] is True and m["caption"] == "Tehran, 16 November", m' \
    "$TMP/a.json"
check "every file's bytes hash to its name" /usr/bin/python3 -c '
import base64, hashlib, json, sys
for m in json.load(open(sys.argv[1]))["media"]:
    for f in m["files"]:
        assert hashlib.sha256(base64.b64decode(f["bytes"])).hexdigest() == f["sha256"], f["sha256"]' \
    "$TMP/a.json"

# Into a database that holds one of the files already, for another tracker.
B=$(empty_db b)
"$VIGIL" --db "$B" tracker create other --title "Other" \
    --started-on 2019-11-15 --timezone UTC >/dev/null
run --db "$B" media add "$M/gps.webp" --tracker other --alt "Elsewhere"
expect_ok "the same photo in another tracker"
files_before=$(sql "$B" "SELECT count(*) FROM media_files")
run --db "$B" import "$TMP/a.json"
expect_ok "import with media"
run --db "$B" check
expect_ok "the import passes its check"
files=$(/usr/bin/python3 -c 'import json, sys
print(len({f["sha256"] for m in json.load(open(sys.argv[1]))["media"] for f in m["files"]}))' "$TMP/a.json")
shared=$(/usr/bin/python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
print(len([f for f in b["media"][0]["files"]]))' "$TMP/a.json")
check "a file present already is not stored twice ($files_before + $files - $shared)" \
    [ "$(sql "$B" "SELECT count(*) FROM media_files")" = $((files_before + files - shared)) ]
run --db "$B" export $T --output "$TMP/b.json"
check "export -> import -> export: the same bytes" cmp -s "$TMP/a.json" "$TMP/b.json"
run --db "$B" media file "${K2}" --output "$TMP/k2.webp"
check "a file read back from the import has its name's hash" \
    [ "$(sha256sum <"$TMP/k2.webp" | cut -d' ' -f1)" = "$K2" ]
check "the imported body shows a <picture>, not a link" [ "$(sql "$B" \
    "SELECT count(*) FROM update_rev WHERE body_md LIKE '%/media/$K1%'
     AND body_html LIKE '%<picture class=\"media\">%'")" -ge 1 ]
check "... and no bare link to the image" [ "$(sql "$B" \
    "SELECT count(*) FROM update_rev WHERE body_html LIKE '%<a href=\"/media/$K1\"%'")" = 0 ]

# A file changed in the bundle: refused, nothing stored.
/usr/bin/python3 - "$TMP/a.json" "$TMP/bad.json" <<'EOF'
import base64, json, sys
b = json.load(open(sys.argv[1]))
f = b["media"][1]["files"][0]
raw = bytearray(base64.b64decode(f["bytes"]))
raw[len(raw) // 2] ^= 1
f["bytes"] = base64.b64encode(bytes(raw)).decode()
json.dump(b, open(sys.argv[2], "w"), indent=1)
EOF
C=$(empty_db c)
run --db "$C" import "$TMP/bad.json"
check "a file whose bytes changed is refused" [ "$RC" -eq 1 ]
check "the error names it" grep -q "media\[1\].files\[0\].bytes" <<<"$ERR"
check "nothing stored" [ "$(sql "$C" "SELECT count(*) FROM media_files")" = 0 ]
check "no tracker made" [ "$(sql "$C" "SELECT count(*) FROM trackers")" = 0 ]

# A public bundle: the images the public updates show, not the one none
# shows.
v export $T --public --output "$TMP/pub.json"
expect_ok "public export"
check "the public bundle holds the two shown" \
    [ "$(media_keys "$TMP/pub.json" | cut -d' ' -f1 | sort | tr '\n' ' ')" = \
    "$(printf '%s\n' "$K1" "$K2" | sort | tr '\n' ' ')" ]
P=$(empty_db p)
run --db "$P" import "$TMP/pub.json"
expect_ok "the public bundle imports"
run --db "$P" export $T --public --output "$TMP/pub2.json"
check "public export -> import -> export: the same bytes" \
    cmp -s "$TMP/pub.json" "$TMP/pub2.json"

# ==== vigil copy to the other backend ====

if backend_is sqlite; then
    own_cluster
    O=$(pg_newdb "$PGDIR" "media_out_copy")
    export VIGIL_SIGNING_KEY=$TMP/copy-signing.key
else
    O=$TMP/copy.db
fi
run copy --from "$DB" --to "$O"
expect_ok "copy to the other backend"
run --db "$O" check
expect_ok "the copy passes its check"
run --db "$O" export $T --output "$TMP/o.json"
check "the copy exports the same bundle, images and all" cmp -s "$TMP/a.json" "$TMP/o.json"

# ==== The static mirror ====

run --db "$DB" export $T --format static --output "$TMP/mirror"
expect_ok "static export"
shown=$(grep -rhoE '/media/[0-9a-f]{64}\.(webp|jpg)' "$TMP/mirror/t" | sort -u)
check "the mirror's pages show images" [ -n "$shown" ]
missing=0
for p in $shown; do
    f=$TMP/mirror$p
    if [ ! -f "$f" ] || [ "$(sha256sum <"$f" | cut -d' ' -f1)" != "$(basename "${p%.*}")" ] ||
        ! grep -q "  ${p#/}\$" "$TMP/mirror/SHA256SUMS"; then
        missing=$((missing + 1))
    fi
done
check "each image file a page shows is there, named by its hash, in the manifest ($missing not)" [ $missing = 0 ]
check "no .gz beside an image" [ -z "$(find "$TMP/mirror/media" -name '*.gz')" ]
check "the image no page shows is not in the mirror" \
    [ -z "$(find "$TMP/mirror/media" -name "$K3.*")" ]
run verify "$TMP/mirror/SHA256SUMS"
expect_ok "the mirror verifies"
# A bundle without its images: the pages link files the record lacks.
/usr/bin/python3 -c 'import json, sys
b = json.load(open(sys.argv[1])); del b["media"]
json.dump(b, open(sys.argv[2], "w"), indent=1)' "$TMP/a.json" "$TMP/bare.json"
N=$(empty_db bare)
run --db "$N" import "$TMP/bare.json"
expect_ok "a bundle without its images imports (its bodies link them)"
run --db "$N" export $T --format static --output "$TMP/bare-mirror"
expect_ok "its mirror is written, without the files it lacks"
check "... and holds no image" [ ! -e "$TMP/bare-mirror/media" ]
printf 'x' >>"$TMP/mirror/media/$K1.webp"
run verify "$TMP/mirror/SHA256SUMS"
check "an image changed in the mirror: refused" [ "$RC" -eq 1 ]

# ==== The snapshot ====

S=$TMP/snap.html
v export $T --format snapshot --output "$S" --base-url https://vigil.example
expect_ok "snapshot with images"
check "the images and the still inlined as data: URIs" \
    [ "$(grep -o '<img class="media" src="data:image/webp;base64,' "$S" | wc -l)" = 3 ]
check "no <picture> to load" refused grep -q '<picture' "$S"
check "no image fetched from anywhere" \
    bash -c "! grep -Eo '<img[^>]*>' '$S' | grep -v 'src=\"data:image/webp;base64,'"
run verify "$S"
expect_ok "the snapshot verifies"
# Four more updates showing the image twenty times each: more than the
# budget holds.
for u in 1 2 3 4; do
    for i in $(seq 20); do
        printf 'Again: ![Seen again %d.%d](/media/%s)\n\n' "$u" "$i" "$K2"
    done | "$VIGIL" --db "$DB" post $T >/dev/null
done
v export $T --format snapshot --output "$S" --base-url https://vigil.example
expect_ok "snapshot over its budget"
size=$(wc -c <"$S")
check "the snapshot stays under its budget, 200,000 bytes ($size)" [ "$size" -lt 200000 ]
inlined=$(grep -o 'src="data:image/webp;base64,' "$S" | wc -l)
left=$(grep -o 'class="media-left-out"' "$S" | wc -l)
check "some images inlined ($inlined), some left out ($left), 83 in all" \
    [ "$inlined" -gt 0 -a "$left" -gt 0 -a $((inlined + left)) = 83 ]
check "each left out is named by its alt text and address" grep -q \
    "An image not in this snapshot: “<bdi>Seen again [0-9.]*</bdi>”, at <a dir=\"ltr\" href=\"https://vigil.example/media/$K2.webp\">" "$S"
check "the notice counts them" grep -q "$left images did not fit in it" "$S"
run verify "$S"
expect_ok "the snapshot over budget verifies"
finish
