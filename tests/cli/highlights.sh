#!/usr/bin/env bash
# highlights.sh: the demo's highlights box shows each source's latest
# figure in words, and the range across sources; a newer claim of a source
# replaces its older one in the box while both stay in the record.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db highlights)
T=iran-nov-2019
box() { "$VIGIL" --db "$DB" tracker show $T | sed -n '/^  Killed:/,/^  [A-Z]/p'; }

run --db "$DB" tracker show $T
expect_ok "tracker show"
check "Day 44, coverage ended" grep -q "^Day 44 — coverage ended 28 December 2019$" <<<"$OUT"
check "the range runs from 5 to 1,500 across 8 sources" \
    grep -q "^  Killed: 5 – .*1,500 (8 sources)$" <<<"$OUT"
KILLED=$(box)
for line in \
    "at least 1,500 — People's Mojahedin Organization of Iran (PMOI/MEK), 28 December 2019" \
    "about 1,500 — Reuters, citing three Interior Ministry officials, 23 December 2019" \
    "more than 1,000 — US State Department, 5 December 2019" \
    "at least 366 — Kalameh, 16 December 2019" \
    "at least 304 — Amnesty International, 16 December 2019" \
    "at least 208 — UN Human Rights Office (OHCHR), 6 December 2019" \
    "at least 6 — Radio Free Europe/Radio Liberty, 19 November 2019" \
    "5 — Iranian authorities, 16 December 2019"; do
    check "box shows: $line" grep -qxF "      $line" <<<"$KILLED"
done
check "one line per source, no older figure" \
    [ "$(grep -c '^      ' <<<"$KILLED")" -eq 8 ]
check "Amnesty's older figures are not in the box" \
    bash -c '! grep -q "at least 208 — Amnesty" <<<"$1"' _ "$KILLED"
check "the vague-free range prints digits with separators" \
    grep -q "^  Participants: 120,000–200,000 (1 source)$" <<<"$OUT"
check "more than 12,000 detained" grep -q "more than 12,000 — People" <<<"$OUT"

# A newer Amnesty figure replaces the older one in the box.
run --db "$DB" claim add $T --metric killed --source amnesty \
    --qualifier more_than --low 321 --as-of 2019-12-27
expect_ok "claim add"
KILLED=$(box)
check "the newer claim stands in the box" \
    grep -qxF "      more than 321 — Amnesty International, 27 December 2019" <<<"$KILLED"
check "the older claim left the box" \
    bash -c '! grep -q "at least 304 — Amnesty" <<<"$1"' _ "$KILLED"
check "still one line per source" [ "$(grep -c '^      ' <<<"$KILLED")" -eq 8 ]
run --db "$DB" claim list $T --metric killed
check "both Amnesty claims stay in the history" \
    [ "$(grep -c $'\tamnesty\t' <<<"$OUT")" -eq 4 ]
check "the history keeps at least 304" grep -q $'\tat least 304\t' <<<"$OUT"

# Vague amounts keep their words.
run --db "$DB" claim add $T --metric participants --source rferl \
    --words "tens of thousands" --as-of 2019-11-20
expect_ok "vague claim"
run --db "$DB" tracker show $T
check "a vague amount prints as words" \
    grep -qxF "      tens of thousands — Radio Free Europe/Radio Liberty, 20 November 2019" <<<"$OUT"
finish
