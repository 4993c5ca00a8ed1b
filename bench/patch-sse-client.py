"""patch-sse-client.py: the kit's sse-client, as Vigil's benchmarks use
it (a copy, patched in place; the shared kit stays as it is): its RESULT
line also gives first_ms, the median over messages of the first
subscriber's latency (P3), and it keeps 1 KB of each data line, since
Vigil's event data carries the stamp inside a JSON header.
Usage: patch-sse-client.py PATH/sse-client.c"""
import sys
p = sys.argv[1]
s = open(p).read()
edits = [
    ("double p50s[o_msgs], p99s[o_msgs], maxs[o_msgs];",
     "double p50s[o_msgs], p99s[o_msgs], maxs[o_msgs], firsts[o_msgs];"),
    ("maxs[nm] = v[cnt - 1] / 1000.0;",
     "maxs[nm] = v[cnt - 1] / 1000.0;\n            firsts[nm] = v[0] / 1000.0;"),
    ('"RESULT mode=fanout n=%d subscribed=%d size=%d msgs=%u p50_ms=%.3f',
     '"RESULT mode=fanout n=%d subscribed=%d size=%d msgs=%u first_ms=%.3f p50_ms=%.3f'),
    ("o_n, nsub, o_size, published, median(p50s, nm)",
     "o_n, nsub, o_size, published, median(firsts, nm), median(p50s, nm)"),
    # Vigil's event data is a JSON header with the rendered update in it,
    # so the stamp stands a few hundred bytes into the line, not at its
    # start: the client keeps 1 KB of each line instead of 72 bytes.
    ("char line[72];", "char line[1024];"),
]
for old, new in edits:
    assert s.count(old) == 1, old
    s = s.replace(old, new)
open(p, "w").write(s)
