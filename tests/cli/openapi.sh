#!/usr/bin/env bash
# openapi.sh: web/openapi.json, the description /api/v1/openapi.json
# serves, passes Redocly's linter (npm @redocly/cli, tests/api/) with its
# strictest ruleset, every finding an error; and a description made
# wrong on purpose does not, so the check cannot pass by checking
# nothing. Needs no database: the same on either backend.
# (tests/unit/http/test_openapi.c holds the description to the route
# table; tests/e2e/harness.py holds every API answer of the end-to-end
# tests to it.)
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

REDOCLY=tests/api/node_modules/.bin/redocly
# No telemetry or update check: the test talks to nobody.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
lint() {
    timeout 120 "$REDOCLY" lint --config tests/api/redocly.yaml "$1" \
        >"$TMP/lint.out" 2>&1
}

check "the linter is installed ($REDOCLY; scripts/install-deps.sh)" \
    [ -x "$REDOCLY" ]
if lint web/openapi.json; then
    pass
else
    fail "web/openapi.json: $(cat "$TMP/lint.out")"
fi
check "it says the file is valid" grep -q 'API description is valid' "$TMP/lint.out"

# Wrong on purpose: an operation without responses, a schema of a type
# that does not exist, and a $ref to nothing. Each must be found.
jq '.paths["/api/v1/sources"].get |= del(.responses)' web/openapi.json \
    >"$TMP/no-responses.json"
jq '.components.schemas.Source.properties.slug.type = "text"' \
    web/openapi.json >"$TMP/bad-type.json"
jq '.components.schemas.SourceList.properties.sources.items["$ref"] =
    "#/components/schemas/Nothing"' web/openapi.json >"$TMP/bad-ref.json"
for f in no-responses bad-type bad-ref; do
    check "a description with $f is refused" refused lint "$TMP/$f.json"
done
finish
