#!/usr/bin/env bash
# extract_places.sh: `vigil extract` finds places in Persian and Arabic
# prose (no capitals to go by): names of one to three words, Arabic's
# attached prefixes and article, offsets in bytes; and leaves alone the
# words that are also some place's name, names of bodies and regions.
# Also what it does without --published.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh
export VIGIL_GAZETTEER=data/gazetteer/test.tsv

# places TEXT [ARGS...]: the places `vigil extract` finds in TEXT, one
# "name|country|text" line each, after checking every offset.
places() {
    local text=$1
    shift
    printf '%s' "$text" >"$TMP/in.txt"
    run extract "$TMP/in.txt" --published 2022-11-09 "$@"
    python3 -c 'import json, sys
data = open(sys.argv[1], "rb").read()
for p in json.loads(sys.stdin.read())["places"]:
    t = p["text"].encode()
    assert data[p["offset"]:p["offset"] + len(t)] == t, p
    print(p["name"], p["country"], p["text"], sep="|")' "$TMP/in.txt" <<<"$OUT"
}

got=$(places 'اعتراض‌ها در تهران، مشهد و بهبهان ادامه یافت.' --country IR)
check "Persian: three cities, in text order" \
    [ "$got" = $'Tehran|IR|تهران\nMashhad|IR|مشهد\nBehbahān|IR|بهبهان' ]
got=$(places 'تظاهر المئات بأم درمان والخرطوم بحري وفي الخرطوم.' --country SD)
check "Arabic: two-word names behind a prefix, the span the whole words" \
    [ "$got" = $'Omdurman|SD|بأم درمان\nKhartoum North|SD|والخرطوم بحري\nKhartoum|SD|الخرطوم' ]
got=$(places 'قتل متظاهر بالخرطوم.' --country SD)
check "Arabic: بـ and the article off: بالخرطوم is Khartoum" \
    [ "$got" = 'Khartoum|SD|بالخرطوم' ]
# False positives: صحنه is a town in Kermanshah and the word "scene";
# بيان a town in Kuwait and "statement".
got=$(places 'شهرهای مختلف صحنه اعتراضات مردمی بوده است.' --country IR)
check "a common word that names a town is no place" [ -z "$got" ]
got=$(places 'معترضان در شهر صحنه تجمع کردند.' --country IR)
check "the same word after شهر (city) is the town" \
    [ "$got" = 'Şaḩneh|IR|صحنه' ]
got=$(places 'وقالت اللجنة في بيان إن المتظاهرين قتلوا.' --country SD)
check "a one-word town abroad without a cue is no place" [ -z "$got" ]
got=$(places 'تظاهر المئات في مدينة بيان.' --country SD)
check "the town abroad after مدينة (city) is a place" \
    [ "$got" = 'Bayān|KW|بيان' ]
got=$(places 'دانشجویان دانشگاه تهران در استان تهران و لجنة أطباء السودان' --country IR)
check "names inside a body's name or after a region word are no places" \
    [ -z "$got" ]
# Letters the two scripts write differently reach the gazetteer folded:
# Arabic kaf (كرمانشاه), teh marbuta (القاهرة), alef with hamza (أم).
got=$(places 'تظاهر الآلاف في كرمانشاه وفي مدينة القاهرة.' --country IR)
check "Arabic kaf and teh marbuta find Kermanshah and Cairo" \
    [ "$got" = $'Kermanshah|IR|كرمانشاه\nCairo|EG|القاهرة' ]
got=$(places 'Protesters gathered in Tehran and Mashhad.' --country IR)
check "English text keeps its own scanner" \
    [ "$got" = $'Tehran|IR|Tehran\nMashhad|IR|Mashhad' ]

# Without a publication date nothing relative is guessed, and stderr says
# so; with one, "on Tuesday" resolves and dates the figure.
printf 'Police said on Tuesday that 20 people were arrested.' >"$TMP/undated.txt"
run extract "$TMP/undated.txt"
expect_ok "extract without --published"
check "without --published: no date, no as-of" python3 -c 'import json, sys
d = json.loads(sys.argv[1])
t = d["tallies"][0]
assert d["published"] is None and d["dates"] == [], d
assert t["as_of"] is None and t["as_of_why"] == "none", t' "$OUT"
check "without --published: stderr says what is left out" \
    grep -q 'no --published date: relative dates' "$TMP/stderr"
run extract "$TMP/undated.txt" --published 2022-11-10
check "with --published: Tuesday dates the figure, with its words" \
    python3 -c 'import json, sys
t = json.loads(sys.argv[1])["tallies"][0]
assert t["as_of"] == "2022-11-08" and t["as_of_why"] == "statement", t
assert t["as_of_words"]["text"] == "Tuesday", t
assert t["source"] == "Police" and t["source_why"] == "sentence", t' "$OUT"
check "with --published: stderr says nothing of it" \
    bash -c '! grep -q "no --published" "$1"' _ "$TMP/stderr"

finish
