#!/usr/bin/env bash
# media.sh: `vigil media add` on the photos in tests/media, which carry
# EXIF GPS, a serial number, XMP, IPTC, embedded thumbnails, an ICC
# profile and an orientation. Every stored rendition is read back and
# checked with exiftool: no metadata block, none of the original's
# strings, its name the SHA-256 of its bytes; a redacted face is uniform
# in every rendition. Hostile files are refused and change nothing.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db media)
IR=iran-nov-2019
M=tests/media
v() { run --db "$DB" "$@"; }

# exiftool's groups a rendition may show: the file itself, the image's
# own structure (JFIF density, RIFF chunks) and what exiftool derives.
clean_groups() {
    exiftool -G -a -s "$1" | awk '{print $1}' | sort -u |
        grep -v -x -e '\[ExifTool\]' -e '\[File\]' -e '\[JFIF\]' \
            -e '\[RIFF\]' -e '\[Composite\]'
}

# check_renditions LABEL: every file the last `media add` listed.
check_renditions() {
    local label=$1 line name sha ext n=0
    while read -r line; do
        name=${line%% *}
        sha=${name%.*} ext=${name##*.}
        v media file "$sha" --output "$TMP/r.$ext"
        [ "$RC" -eq 0 ] || { fail "$label: media file $sha"; continue; }
        check "$label $name: named by its SHA-256" \
            [ "$(sha256sum <"$TMP/r.$ext" | cut -d' ' -f1)" = "$sha" ]
        check "$label $name: exiftool finds no metadata block" \
            [ -z "$(clean_groups "$TMP/r.$ext")" ]
        check "$label $name: no GPS, serial or name" \
            refused grep -q -a -e GPS -e SN-0042 -e 'Secret Photographer' \
            -e Tehran <(exiftool -a -b "$TMP/r.$ext") "$TMP/r.$ext"
        n=$((n + 1))
    done < <(tail -n +2 <<<"$OUT")
    check "$label: renditions were listed" [ "$n" -ge 2 ]
}

# ==== Photos with metadata ====

for f in gps-oriented.jpg gps-p3.jpg gps.png gps.webp gps.heic; do
    check "$f carries GPS before" grep -q GPS <(exiftool -G "$M/$f")
    v media add "$M/$f" --tracker $IR --alt "A drawn face, $f" \
        --credit "Staff photographer"
    expect_ok "media add $f"
    check_renditions "$f"
done
v media add "$M/gps-oriented.jpg" --tracker $IR --alt "turned"
check "the EXIF orientation is applied (600 x 800 upright)" \
    grep -q '^[0-9a-f]\{64\} 600x800$' <<<"$OUT"

# ==== Redaction ====

# The face in gps-p3.jpg, at 800 x 600, and its place in each rendition,
# 8 pixels in from the edges (resampling blurs those only).
v media add "$M/gps-p3.jpg" --tracker $IR --alt "A face, redacted" \
    --credit-withheld --redact "310,170,180,180"
expect_ok "media add --redact"
while read -r line; do
    name=${line%% *} size=${line##* }
    w=${size%x*}
    v media file "${name%.*}" --output "$TMP/red.${name##*.}"
    read -r x y s < <(awk -v w="$w" 'BEGIN { k = w / 800;
        printf "%d %d %d\n", 310 * k + 8, 170 * k + 8, 180 * k - 16 }')
    vips extract_area "$TMP/red.${name##*.}" "$TMP/area.v" "$x" "$y" "$s" "$s"
    spread=$(($(vips max "$TMP/area.v" | cut -d. -f1) - $(vips min "$TMP/area.v" | cut -d. -f1)))
    check "$name: the redacted face is uniform (spread $spread)" [ "$spread" -le 12 ]
done < <(tail -n +2 <<<"$OUT")

# ==== Words ====

v media add "$M/gps.webp" --tracker $IR --alt ""
check "alt text is required" [ "$RC" -eq 1 ]
v media add "$M/gps.webp" --tracker $IR --alt "x" --credit "A. Name" \
    --credit-withheld
check "a withheld credit names no one" [ "$RC" -eq 1 ]
v media list $IR
check "the list holds each image once, newest first" \
    [ "$(wc -l <<<"$OUT")" -eq 6 ] && grep -q 'A face, redacted$' <<<"$(head -1 <<<"$OUT")"

# ==== In an update, and through an export ====

v media list $IR
KEY=$(head -1 <<<"$OUT" | cut -d' ' -f1)
printf 'Before.\n\n![The face](/media/%s)\n' "$KEY" >"$TMP/with-image.md"
run_in "$TMP/with-image.md" --db "$DB" post $IR --title "With an image"
expect_ok "post an update showing an image"
check "its body holds the picture" grep -q '<picture class="media">' \
    <<<"$(sql "$DB" "SELECT body_html FROM updates ORDER BY id DESC LIMIT 1")"
printf '![x](/media/%064d)\n' 0 >"$TMP/unknown.md"
run_in "$TMP/unknown.md" --db "$DB" post $IR --title "Unknown image"
check "an image the tracker lacks is refused" [ "$RC" -eq 1 ]
check "and the message says so" grep -q "no image of this tracker" <<<"$ERR"
run --db "$DB" export $IR --output "$TMP/ir.json"
expect_ok "export"
FRESH=$(empty_db media-import)
run --db "$FRESH" import "$TMP/ir.json"
expect_ok "a bundle whose update shows an image imports"
check "there, the image came with the bundle: a picture" grep -q \
    '<picture class="media">' \
    <<<"$(sql "$FRESH" "SELECT body_html FROM updates ORDER BY id DESC LIMIT 1")"

# ==== Hostile files ====

before=$(db_content "$DB")
audits=$(audit_count "$DB")
refuse() {
    local desc=$1 want=$2
    shift 2
    v media add "$@" --tracker $IR --alt "hostile"
    check "$desc: refused" [ "$RC" -eq 1 ]
    check "$desc: says why ($want)" grep -q "$want" <<<"$ERR"
}
refuse "a 50,000 x 50,000 PNG" "50000 x 50000" "$M/hostile/bomb.png"
refuse "a truncated JPEG" "truncated" "$M/hostile/truncated.jpg"
refuse "a truncated PNG" "truncated" "$M/hostile/truncated.png"
refuse "a JPEG with a ZIP after it" "other data after" "$M/hostile/polyglot-zip.jpg"
refuse "a PNG with HTML after it" "other data after" "$M/hostile/html-after.png"
refuse "SVG" "not a JPEG, PNG, WebP or HEIC" "$M/hostile/image.svg" --type image/svg+xml
refuse "SVG named .png" "not a JPEG, PNG, WebP or HEIC" "$M/hostile/image.svg" --type image/png
cp "$M/gps.png" "$TMP/photo.jpg"
refuse "a PNG named .jpg" "a PNG image, but was sent as image/jpeg" "$TMP/photo.jpg"
check "hostile files stored nothing" [ "$(db_content "$DB")" = "$before" ]
check "and left no audit row" [ "$(audit_count "$DB")" = "$audits" ]

# ==== The record ====

check "one audit row per image" [ "$(sql "$DB" \
    "SELECT count(*) FROM audit_log WHERE action = 'media.add'")" -eq 7 ]
check "media rows are append-only" \
    refused sql "$DB" "UPDATE media SET alt = 'changed'"
check "media files are append-only" \
    refused sql "$DB" "DELETE FROM media_files"
check "the same image again is a new revision of its media, not new files" \
    [ "$(sql "$DB" "SELECT max(rev_no) || ' ' || count(*) FROM media")" = "2 7" ]
v check
expect_ok "vigil check"

# ==== Tampering: a file whose bytes are not its name ====

TAMPERED=$(db_copy "$DB" media-tampered)
sha=$(sql "$TAMPERED" "SELECT sha256 FROM media_files ORDER BY sha256 LIMIT 1")
sql_admin "$TAMPERED" "$(trigger_off "$TAMPERED" media_files media_files_no_update)
    UPDATE media_files SET bytes = (SELECT bytes FROM media_files
    WHERE sha256 <> '$sha' ORDER BY sha256 LIMIT 1) WHERE sha256 = '$sha';" \
    >/dev/null
run --db "$TAMPERED" check
check "vigil check finds a file swapped for another" [ "$RC" -eq 1 ]
check "and names it" grep -q "media_files $sha: its bytes hash to" <<<"$ERR"
check "and the trigger turned off" \
    grep -q "trigger media_files_no_update is missing or altered" <<<"$ERR"

# ==== A copy of the record holds the images ====

COPY=$(blank_db media-copy)
"$VIGIL" --db "$COPY" init >/dev/null
run copy --from "$DB" --to "$COPY"
expect_ok "vigil copy"
q="SELECT count(*) || ' ' || sum(length(bytes)) FROM media_files"
check "the copy holds every rendition, byte for byte" \
    [ "$(sql "$COPY" "$q")" = "$(sql "$DB" "$q")" ]
run --db "$COPY" media list $IR
check "and every media record" [ "$(wc -l <<<"$OUT")" -eq 6 ]

finish
