#!/usr/bin/env bash
# sources.sh: sources per tracker, with aliases. A source is one record
# linked into the lists of the trackers that draw on it; extraction
# proposes only the tracker's own sources, matching names and aliases
# folded ("Georgia's Public Defender" is "Public Defender of Georgia"),
# and names a new source when none matches. A record made before lists
# existed gets each source linked to the trackers whose records cite it.
cd "$(dirname "$0")/../.." || exit 1
export VIGIL_NOW=2024-12-02T12:00:00Z # the Georgian tracker's time
. tests/cli/lib.sh

DB=$(new_db sources)
IR=iran-nov-2019
GE=georgia-2024
v() { run --db "$DB" "$@"; }

# ==== The demo's list ====

v source list --tracker $IR
expect_ok "source list --tracker"
check "the demo tracker lists the sources it cites" \
    grep -q $'^reuters\tmedia\tReuters, citing three Interior Ministry officials$' <<<"$OUT"
check "all ten of them" [ "$(wc -l <<<"$OUT")" -eq 10 ]

# ==== A second tracker, with a list of its own ====

v tracker create $GE --title "Protests in Georgia" --started-on 2024-11-28 \
    --timezone Asia/Tbilisi --country GE
expect_ok "tracker create"
v source list --tracker $GE
check "a new tracker lists no source" [ -z "$OUT" ]
v source add pdg --name "Public Defender of Georgia" --kind government \
    --tracker $GE
expect_ok "source add --tracker"
v source alias pdg "Georgian Ombudsman"
expect_ok "source alias"
v source list --tracker $GE
check "the tracker lists it, with its alias" [ "$OUT" = \
    "$(printf 'pdg\tgovernment\tPublic Defender of Georgia\tGeorgian Ombudsman')" ]
v source list --tracker $IR
# shellcheck disable=SC2016 # $1 is bash -c's own
check "the other tracker does not" bash -c '! grep -q "^pdg" <<<"$1"' _ "$OUT"

before=$(audit_count "$DB")
v source alias pdg "Georgian Ombudsman"
check "the same alias twice is refused" [ "$RC" -eq 1 ]
check "it says why" grep -q "already goes by" <<<"$ERR"
v source alias pdg "..."
check "an alias without a word is refused" [ "$RC" -eq 1 ]
v source alias nosuch "Anyone"
check "an alias of no source is refused" [ "$RC" -eq 1 ]
v source link pdg $GE
check "linking twice is refused" [ "$RC" -eq 1 ]
check "refusals leave no audit row" [ "$(audit_count "$DB")" = "$before" ]
v source link amnesty $GE
expect_ok "source link"
check "one audit row per link" [ "$(audit_count "$DB")" = "$((before + 1))" ]
v audit --last 1
check "the link is audited" grep -q '"action":"source.link"' <<<"$OUT"

# ==== Extraction proposes the tracker's own sources ====

cat >"$TMP/article.txt" <<'EOF'
At least 300 people were detained in Tbilisi, Georgia's Public Defender said on Sunday.
Officials said 44 people were hospitalised.
The Georgian Ombudsman said 20 people were injured on Saturday.
According to Transparency International Georgia, 12 journalists were injured.
According to Amnesty, 9 people were injured.
EOF
# tally TEXT: the source and source_slug of the tally whose text is TEXT.
tally() {
    python3 -c 'import json, sys
for t in json.load(sys.stdin)["tallies"]:
    if t["text"] == sys.argv[1]:
        print(t["source"], t["source_slug"], sep="|")' "$1" <<<"$OUT"
}
v extract "$TMP/article.txt" --tracker $GE --published 2024-12-01
expect_ok "extract --tracker"
check "Georgia's Public Defender is the Public Defender of Georgia" \
    [ "$(tally "At least 300 people were detained")" = "Georgia's Public Defender|pdg" ]
check "the alias names the same source" \
    [ "$(tally "20 people were injured")" = "Georgian Ombudsman|pdg" ]
check "unnamed officials are no source, not another tracker's Reuters" \
    [ "$(tally "44 people were hospitalised")" = "None|None" ]
check "an unknown attribution is a new source" \
    [ "$(tally "12 journalists were injured")" = "Transparency International Georgia|None" ]
check "a linked source matches by a word of its name" \
    [ "$(tally "9 people were injured")" = "Amnesty|amnesty" ]
v extract "$TMP/article.txt" --published 2024-12-01
check "without a tracker, no source is named" \
    [ "$(tally "At least 300 people were detained")" = "Georgia's Public Defender|None" ]

# ==== Citing a source links it ====

v metric add $GE injured --label Injured
v claim add $GE --metric injured --source rferl --low 5 --as-of 2024-12-01
expect_ok "a claim citing another tracker's source"
v source list --tracker $GE
check "citing a source links it" grep -q "^rferl" <<<"$OUT"
v event add $GE --date 2024-11-30 --type Protests --sub-type "Peaceful protest" \
    --place Tbilisi --country GE
expect_ok "an event citing no source"
v event edit $GE 1 --source amnesty
expect_ok "an edit that cites another tracker's source"
v source list --tracker $GE
check "an edited event's source is linked too" grep -q "^amnesty" <<<"$OUT"

# ==== The bundle carries the list and the aliases ====

v export $GE --format json
expect_ok "export"
echo "$OUT" >"$TMP/ge.json"
check "the bundle lists the alias" grep -q '"Georgian Ombudsman"' "$TMP/ge.json"
DB2=$(empty_db sources2)
run --db "$DB2" import "$TMP/ge.json"
expect_ok "import"
run --db "$DB2" source list --tracker $GE
check "the imported tracker lists its sources and aliases" \
    grep -q $'^pdg\tgovernment\tPublic Defender of Georgia\tGeorgian Ombudsman$' <<<"$OUT"
run --db "$DB2" export $GE --format json
check "export, import, export: the same bundle" [ "$OUT" = "$(cat "$TMP/ge.json")" ]
run --db "$DB2" check
expect_ok "check after the import"

v check
expect_ok "check"

# ==== A record from before: sources linked where they are cited ====

OLD=$(db_copy "$DB" old)
# The schema as it was before lists and aliases: version 12, without the
# tables of migration 13 (this one) and every one after it (the search
# index and its backlog, embeds, the frame origins, media; what a new
# migration adds joins the list).
sql "$OLD" "DROP TABLE tracker_sources; DROP TABLE source_aliases;
    DROP TABLE search_index; DROP TABLE search_backlog;
    DROP TABLE update_embeds; ALTER TABLE trackers DROP COLUMN frame_origins;
    DROP TABLE media_pending; DROP TABLE media; DROP TABLE media_renditions;
    DROP TABLE media_files; ALTER TABLE users DROP COLUMN lang;
    ALTER TABLE trackers DROP COLUMN gregorian_beside;" >/dev/null
undo_migration_23 "$OLD"
undo_migration_22 "$OLD"
back=12
if is_pg "$OLD"; then
    sql "$OLD" "UPDATE vigil_schema SET version = $back" >/dev/null
else
    sql "$OLD" "PRAGMA user_version = $back" >/dev/null
fi
run --db "$OLD" init
expect_ok "init upgrades the record"
run --db "$OLD" source list --tracker $IR
check "the demo's cited sources are linked to it" \
    [ "$(wc -l <<<"$OUT")" -eq 10 ]
run --db "$OLD" source list --tracker $GE
check "and the Georgian tracker's to it: those it cites, as edited too" \
    [ "$(cut -f1 <<<"$OUT" | tr '\n' ' ')" = "amnesty rferl " ]
run --db "$OLD" check
expect_ok "check after the upgrade"

# ==== check finds a cited source missing from the list ====

sql_admin "$DB" "DELETE FROM tracker_sources WHERE source_id =
    (SELECT id FROM sources WHERE slug = 'rferl')
    AND tracker_id = (SELECT id FROM trackers WHERE slug = '$GE')" >/dev/null
v check
check "check fails" [ "$RC" -ne 0 ]
check "and names the tracker and the source" grep -q "cites source" <<<"$OUT$ERR"
finish
