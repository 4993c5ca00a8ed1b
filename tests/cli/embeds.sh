#!/usr/bin/env bash
# embeds.sh: posts from elsewhere and videos from the host: `vigil post
# --embed` keeps the canonical link and what the editor typed, with one
# audit row; hostile links are refused with nothing stored; `update edit
# --embed ""` takes the embed away with a new row, and marks the update
# edited. update_embeds is
# append-only (the triggers refuse a change) and hash-chained (`vigil
# check` finds a forged row); `vigil copy` carries it, and a bundle
# carries each update's embed: export -> import -> export is
# byte-identical.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
T=iran-nov-2019
db=$(new_db embeds)
v() { run --db "$db" "$@"; }
embeds() { sql "$db" "SELECT count(*) FROM update_embeds"; }

audit=$(audit_count "$db")
printf 'Footage from Shiraz.' >"$TMP/body.md"
v post $T --file "$TMP/body.md" \
    --embed "https://youtu.be/dQw4w9WgXcQ?si=tracking" \
    --embed-author "A witness" --embed-text "Shiraz, 17 November" \
    --embed-date 2019-11-17 --embed-duration 2:05 --embed-source "Witness"
expect_ok "a post with a video"
n=$(sql "$db" "SELECT max(number) FROM updates")
check "one audit row" [ "$(audit_count "$db")" -eq $((audit + 1)) ]
check "the canonical link, without tracking" [ "$(sql "$db" \
    "SELECT url FROM update_embeds")" = "https://www.youtube.com/watch?v=dQw4w9WgXcQ" ]
check "the length in seconds" [ "$(sql "$db" "SELECT duration_s FROM update_embeds")" = 125 ]
check "the audit row holds the embed" grep -q '"platform":"youtube"' \
    <<<"$("$VIGIL" --db "$db" audit --last 1)"

before=$(db_state "$db")
for bad in "javascript:alert(1)" "http://x.com/a/status/1" \
    "https://x.com/a/status/1\"><b>" "https://user@x.com/a/status/1" \
    "https://x.com:444/a/status/1" "https://10.0.0.1/v.mp4" \
    "https://x.com/settings" "https://vm.tiktok.com/ZMabc/"; do
    v post $T --file "$TMP/body.md" --embed "$bad" --embed-author a \
        --embed-text b
    check "refused: $bad" [ "$RC" -eq 1 ]
    check "names --embed: $bad" grep -q -- "--embed:" <<<"$ERR"
done
v post $T --file "$TMP/body.md" --embed "https://t.me/chan_x/1" \
    --embed-author a
check "a post's text is required" grep -q -- "--embed-text" <<<"$ERR"
check "refusals changed nothing" [ "$(db_state "$db")" = "$before" ]

v update edit $T "$n" --rev 1 --embed ""
expect_ok "an edit takes the embed away"
check "a new row records it" [ "$(embeds)" -eq 2 ]
check "the latest row is the removal" [ "$(sql "$db" \
    "SELECT platform FROM update_embeds ORDER BY seq DESC LIMIT 1")" = none ]
check "readers see it as an edit" [ -n "$(sql "$db" \
    "SELECT edited_at FROM updates WHERE number = $n")" ]
rows=$(embeds)
v update edit $T "$n" --rev 2 --embed ""
expect_ok "taking away an embed that is gone"
check "appends nothing" [ "$(embeds)" -eq "$rows" ]

v check
expect_ok "vigil check passes"
check "an embed cannot be changed in place" \
    refused sql "$db" "UPDATE update_embeds SET quote = 'forged'"
check "nor deleted" refused sql "$db" "DELETE FROM update_embeds"
copy=$(db_copy "$db" forged)
sql_admin "$copy" "$(trigger_off "$db" update_embeds update_embeds_no_update)
    UPDATE update_embeds SET quote = 'forged' WHERE seq = 1" >/dev/null 2>&1
run --db "$copy" check
check "a forged quote: check fails" [ "$RC" -ne 0 ]
check "and says where" grep -q "update_embeds row 1: hash does not match" \
    <<<"$ERR$OUT"

run copy --from "$db" --to "$TMP/copied.db"
expect_ok "vigil copy"
check "the copy holds the embeds" [ "$(sql "$TMP/copied.db" \
    "SELECT count(*) FROM update_embeds")" -eq 2 ]

v post $T --file "$TMP/body.md" --embed "https://bsky.app/profile/hrw.org/post/3kxyz" \
    --embed-author "Human Rights Watch" --embed-text "Statement <on> Iran" \
    --embed-still "$(printf 'ab%.0s' {1..32})"
check "a still not in the tracker's media is refused" [ "$RC" -eq 1 ]
check "naming it" grep -q -- "--embed-still: no image" <<<"$ERR"
v media add tests/media/gps-p3.jpg --tracker $T --alt "The statement's card"
still=$(head -n 1 <<<"$OUT" | cut -d' ' -f1)
v post $T --file "$TMP/body.md" --embed "https://bsky.app/profile/hrw.org/post/3kxyz" \
    --embed-author "Human Rights Watch" --embed-text "Statement <on> Iran" \
    --embed-still "$still"
expect_ok "a post from Bluesky with a still"
run --db "$db" export $T
one=$OUT
check "the bundle carries the embed" jq -e \
    '[.updates[] | select(.embed)] | length == 1 and .[0].embed.platform == "bluesky"' \
    <<<"$one" >/dev/null
copy=$(empty_db imported)
"$VIGIL" --db "$copy" import - <<<"$one" >/dev/null
run --db "$copy" export $T
check "export -> import -> export is byte-identical" [ "$one" = "$OUT" ]
run --db "$copy" check
expect_ok "the imported record checks"
check "the bundle carries the still's image" jq -e \
    --arg k "$still" '[.media[] | select(.key == $k)] | length == 1' \
    <<<"$one" >/dev/null
run --db "$(empty_db no-media)" import - <<<"$(jq -c 'del(.media)' <<<"$one")"
check "a bundle without the still's image imports, as without a body's" \
    [ "$RC" -eq 0 ]
bad=$(jq -c '(.updates[] | select(.embed) | .embed.url) = "javascript:alert(1)"' <<<"$one")
run --db "$(empty_db refused)" import - <<<"$bad"
check "a bundle's hostile link is refused" [ "$RC" -eq 1 ]
check "naming it" grep -q "embed" <<<"$ERR"
finish
