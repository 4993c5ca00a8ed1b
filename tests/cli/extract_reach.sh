#!/usr/bin/env bash
# extract_reach.sh: a text read as one sentence (a list, a page without
# stops) costs `vigil extract` no more than the same words in sentences.
# Each figure reads its sentence for a speaker and a date as far as
# SENTENCE_REACH tokens (src/extract/scan.h); reading all of it made such
# a text cost its length squared. The two texts are timed in the same
# run (CPU seconds), so the check compares the command with itself.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh
export VIGIL_GAZETTEER=data/gazetteer/test.tsv

# The same clauses, 6,000 of them, with and without stops.
python3 - "$TMP" <<'EOF'
import sys
clause = "police said 5 people were killed as of 1 May 2020 in Shiraz"
sentence = clause[0].upper() + clause[1:]
open(sys.argv[1] + "/stops.txt", "w").write(
    "Reports. " + ". ".join(sentence for _ in range(6000)) + ".")
open(sys.argv[1] + "/runon.txt", "w").write(
    "Reports. " + ", ".join(clause for _ in range(6000)) + ".")
EOF

# cpu FILE: the CPU seconds `vigil extract FILE` took; its tally count
# into $TMP/FILE.n.
cpu() {
    python3 - "$VIGIL" "$1" <<'EOF'
import json, resource, subprocess, sys
out = subprocess.run([sys.argv[1], "extract", sys.argv[2], "--published",
                      "2020-06-01"], capture_output=True, check=True).stdout
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[2] + ".n", "w").write(str(len(json.loads(out)["tallies"])))
print(f"{r.ru_utime + r.ru_stime:.3f}")
EOF
}

stops=$(cpu "$TMP/stops.txt")
runon=$(cpu "$TMP/runon.txt")
echo "  $stops s with stops, $runon s as one sentence"
check "both read: one tally each (equal figures are one)" \
    [ "$(cat "$TMP/stops.txt.n") $(cat "$TMP/runon.txt.n")" = "1 1" ]
check "one sentence costs at most four times the sentences ($runon s, $stops s)" \
    python3 -c "import sys; sys.exit(not float('$runon') <= 4 * max(float('$stops'), 0.05))"
finish
