#!/usr/bin/env bash
# check.sh: the quick tier, `make check` (under a minute): the unit
# suites, a smoke test of what `make run` does (smoke.sh: the demo
# served, an update posted and pushed live), the CLI's refusals and the
# end-to-end tests of the request path (routes, the front, any byte
# anywhere) and the layers of src/ (layers.sh), under the sanitizer
# build. `make test` runs everything CI
# runs.
cd "$(dirname "$0")/.." || exit 1
. tests/suite.sh
units build/asan/unit-tests
suite tests/cli/smoke.sh bash tests/cli/smoke.sh
suite tests/cli/refusals.sh bash tests/cli/refusals.sh
suite tests/cli/layers.sh bash tests/cli/layers.sh
for t in tests/e2e/test_http.py tests/e2e/test_front.py \
    tests/e2e/test_bytes.py; do
    suite "$t" /usr/bin/python3 "$t"
done
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
