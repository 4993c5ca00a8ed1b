"""test_metrics.py: what operators read off a running node.

- /metrics parses with the Prometheus client library's own parser
  (prometheus_client.parser), every family has # HELP and # TYPE, and
  the counters move as they should: a page served from the cache moves
  the hits and the front's answers; a write moves the write-latency
  histogram's count; a live reader shows in vigil_live_readers and goes
  when it leaves; a live reader over --sse-max, a body over the limit
  and a head over its limit, and a head cut at its time limit move their
  causes of vigil_refusals_total.
- The access log: one JSON line per request, from the front and from
  libmicrohttpd alike, with time, client, method, path, status, bytes,
  duration_ms, route and node; the client is the one a trusted proxy
  names, and the peer when the peer is not trusted; --access-log FILE
  writes there, off writes nothing, the default is stderr.
- /healthz is 200 while the process runs; /readyz is 200 while the node
  can serve, and on PostgreSQL 503 with a reason while the database is
  stopped, then 200 again.
"""
import json
import os
import re
import socket

from prometheus_client.parser import text_string_to_metric_families

from editors import add_user, api_token
from harness import Server, Suite, backend_is, demo_db, vigil
from nodes import within

T = "iran-nov-2019"
WAIT = 20
S = Suite("e2e-metrics")
db = demo_db(S)
add_user(db, "amina", "editor")
token = api_token(db, "amina")


def scrape(srv):
    """{(sample name, frozenset of labels): value}, and the raw text."""
    text = srv.get("/metrics").text()
    samples = {}
    for fam in text_string_to_metric_families(text):
        for smp in fam.samples:
            samples[(smp.name, frozenset(smp.labels.items()))] = smp.value
    return samples, text


def value(srv, name, **labels):
    return scrape(srv)[0].get((name, frozenset(labels.items())), -1)


def live_reader(port):
    """A live reader's socket, its answer's head read."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(f"GET /t/{T}/live HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    return s, head


def log_lines(text):
    """The access log's lines in text (the security log's have no route)."""
    out = []
    for line in text.splitlines():
        if line.startswith("{") and '"route":' in line:
            out.append(json.loads(line))
    return out


# ==== /metrics ====

logfile = os.path.join(S.tmp, "access.log")
srv = Server(db, "--sse-max", "1", "--trusted-proxy", "127.0.0.1",
             "--node", "node-a", "--access-log", logfile)
# A head that never ends: cut at its time limit (HTTP_IDLE_TIMEOUT, 15 s)
# while the rest runs, then counted as slow.
slow0 = value(srv, "vigil_refusals_total", cause="slow")
slowpoke = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
slowpoke.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
samples, text = scrape(srv)
families = list(text_string_to_metric_families(text))
S.check(len(families) >= 20, f"the families parse: {len(families)}")
for fam in families:
    base = fam.name + ("_total" if fam.type == "counter" else "")
    S.check(re.search(rf"^# HELP {base} \S", text, re.M) is not None and
            re.search(rf"^# TYPE {base} {fam.type}$", text, re.M) is not None,
            f"{base} has # HELP and # TYPE ({fam.type})")
    S.check(fam.type in ("counter", "gauge", "histogram"),
            f"{fam.name} is typed: {fam.type}")
names = {n for n, _ in samples}
for want in ("vigil_requests_total", "vigil_front_answers_total",
             "vigil_mhd_requests_total", "vigil_cache_hits_total",
             "vigil_cache_misses_total", "vigil_live_readers",
             "vigil_sign_in_throttled_total", "vigil_write_seconds_count",
             "vigil_write_seconds_sum", "vigil_write_seconds_bucket",
             "vigil_refusals_total"):
    S.check(want in names, f"/metrics has {want}")
causes = {dict(lb)["cause"] for n, lb in samples
          if n == "vigil_refusals_total"}
S.check({"conns", "client_conns", "size", "slow", "rate", "live", "hashing",
         "evicted"} <= causes, f"the refusals' causes: {sorted(causes)}")
S.check(srv.metric("vigil_sql_statements_total") >= 0,
        "the harness still reads a bare counter")

# A page rendered once, then served by the front from the cache.
srv.get(f"/t/{T}")
hits, front = (value(srv, "vigil_cache_hits_total"),
               value(srv, "vigil_front_answers_total"))
page = srv.get(f"/t/{T}")
S.check(page.status == 200, f"the live page: {page.status}")
S.check(value(srv, "vigil_cache_hits_total") == hits + 1,
        "a page from the cache moves the hits")
S.check(value(srv, "vigil_front_answers_total") >= front + 1,
        "the front answered it")

# A write moves the histogram.
count = value(srv, "vigil_write_seconds_count")
r = srv.request("POST", f"/api/v1/trackers/{T}/updates",
                headers={"Authorization": f"Bearer {token}",
                         "Content-Type": "application/json"},
                body=json.dumps({"title": "Metric", "body": "A write."}))
S.check(r.status == 201, f"the write: {r.status} {r.text()[:200]!r}")
samples, _ = scrape(srv)
S.check(samples[("vigil_write_seconds_count", frozenset())] == count + 1,
        "a write moves vigil_write_seconds_count")
S.check(samples[("vigil_write_seconds_bucket",
                 frozenset({("le", "+Inf")}))] == count + 1,
        "the +Inf bucket holds every write")
S.check(samples[("vigil_write_seconds_sum", frozenset())] > 0,
        "the writes took some time")

# A live reader comes and goes; a second one is over --sse-max 1.
refused_live = value(srv, "vigil_refusals_total", cause="live")
one, head = live_reader(srv.port)
S.check(head.startswith(b"HTTP/1.1 200"), f"a live reader: {head[:40]!r}")
S.check(within(WAIT, lambda: value(srv, "vigil_live_readers") == 1),
        "it shows in vigil_live_readers")
two, head = live_reader(srv.port)
S.check(head.startswith(b"HTTP/1.1 503"), f"a second one: {head[:40]!r}")
two.close()
S.check(value(srv, "vigil_refusals_total", cause="live") == refused_live + 1,
        "it moves refusals{cause=live}")
one.close()
S.check(within(WAIT, lambda: value(srv, "vigil_live_readers") == 0),
        "the reader that left is gone from vigil_live_readers")

# A body over the limit (libmicrohttpd) and a head over its limit (the
# front) are refusals for size.
size = value(srv, "vigil_refusals_total", cause="size")
status, _ = srv.raw(b"POST /api/v1/login HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/json\r\n"
                    b"Content-Length: 999999999\r\n\r\n")
S.check(status == 413, f"a body too large: {status}")
status, _ = srv.raw(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
S.check(status == 414, f"an address too long: {status}")
S.check(value(srv, "vigil_refusals_total", cause="size") == size + 2,
        "both move refusals{cause=size}")

S.check(within(40, lambda: value(srv, "vigil_refusals_total", cause="slow")
               == slow0 + 1), "a head cut at its time limit moves "
        "refusals{cause=slow}")
slowpoke.close()

# ==== /healthz and /readyz ====

r = srv.get("/healthz")
S.check(r.status == 200 and r.text() == "ok\n", f"/healthz: {r.status}")
r = srv.get("/readyz")
S.check(r.status == 200 and r.text().startswith("ready "),
        f"/readyz: {r.status} {r.text()!r}")
S.check(r.header("cache-control") and "no-store" in r.header("cache-control"),
        f"/readyz is never cached: {r.header('cache-control')}")

# ==== The access log, to a file, through a trusted proxy ====

fwd = {"X-Forwarded-For": "203.0.113.7"}
srv.get(f"/t/{T}/days", fwd)  # rendered by libmicrohttpd
srv.get(f"/t/{T}/days", fwd)  # from the cache, by the front
srv.request("HEAD", f"/t/{T}/days", fwd)
srv.get("/no/such/page", fwd)
status, _ = srv.stop()
S.check(status == 0, f"the server stops: {status}")
with open(logfile) as f:
    lines = log_lines(f.read())
S.check(len(lines) >= 10, f"lines in --access-log FILE: {len(lines)}")
KEYS = ["time", "client", "method", "path", "status", "bytes", "duration_ms",
        "route", "node"]
S.check(all(list(j) == KEYS for j in lines),
        f"each line has its fields in order: {lines[0]}")
S.check(all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", j["time"])
            for j in lines), f"times are UTC to the ms: {lines[0]['time']}")
S.check(all(isinstance(j["duration_ms"], float) and j["duration_ms"] >= 0
            for j in lines), "durations are milliseconds, as numbers")
S.check(all(j["node"] == "node-a" for j in lines), "--node names the node")
days = [j for j in lines if j["path"] == f"/t/{T}/days"]
S.check(len(days) == 3, f"three lines for the days page: {days}")
S.check(all(j["client"] == "203.0.113.7" and j["route"] == "/t/:slug/days"
            and j["status"] == 200 for j in days),
        f"the client the trusted proxy names, the route's pattern: {days}")
# libmicrohttpd's line is written when its answer is sent: the front's
# may come before it.
got = sorted((j["method"], j["bytes"]) for j in days)
S.check([m for m, _ in got] == ["GET", "GET", "HEAD"] and got[0][1] > 0 and
        got[1][1] == got[0][1] and got[2][1] == 0,
        f"methods and bytes of the body, none for HEAD: {got}")
missing = [j for j in lines if j["path"] == "/no/such/page"]
S.check(len(missing) == 1 and missing[0]["status"] == 404 and
        missing[0]["route"] is None, f"a 404 has no route: {missing}")
writes = [j for j in lines if j["method"] == "POST" and j["status"] == 201]
S.check(len(writes) == 1 and writes[0]["route"] ==
        "/api/v1/trackers/:slug/updates", f"the write's line: {writes}")
lives = [j for j in lines if j["route"] == "/t/:slug/live"]
S.check(sorted(j["status"] for j in lives) == [200, 503] and
        all(j["path"] == f"/t/{T}/live" for j in lives),
        f"the live readers' lines, from the front: {lives}")
long = [j for j in lines if j["status"] == 414]
S.check(len(long) == 1 and long[0]["route"] is None and
        long[0]["path"] == "/" + "a" * 2047 + "...",
        "the head refused by the front has its line, its path cut at 2 KB")
S.check(any(j["status"] == 413 for j in lines),
        "the body refused by libmicrohttpd has its line")
st, out, err = vigil("check", db=db, check=False)
S.check(st == 0, f"vigil check after the writes: {out} {err}")

# ==== The default: stderr; a peer not trusted is its own client ====

plain = Server(db)
plain.get(f"/t/{T}", fwd)
plain.get(f"/t/{T}", fwd)
status, err = plain.stop()
lines = log_lines(err)
mine = [j for j in lines if j["path"] == f"/t/{T}"]
S.check(len(mine) == 2 and all(j["client"] == "127.0.0.1" for j in mine),
        f"an untrusted peer's X-Forwarded-For is not believed: {mine}")
S.check(all(j["node"] == socket.gethostname() for j in lines),
        f"the node defaults to the host's name: {lines[:1]}")

quiet = Server(db, "--access-log", "off")
quiet.get(f"/t/{T}")
status, err = quiet.stop()
S.check(status == 0 and log_lines(err) == [],
        f"--access-log off writes no line: {err[-300:]}")

try:
    Server(db, "--node", "a\tb").stop()
    S.check(False, "a node name with a tab is refused")
except RuntimeError as e:
    S.check("node" in str(e), f"a node name with a tab is refused: {e}")

# ==== /readyz while PostgreSQL is away ====

if backend_is("postgresql"):
    from pg import Cluster  # noqa: E402

    with Cluster() as pg:
        own = pg.newdb("readyz")
        vigil("init", db=own)
        node = Server(own)

        def ready():
            try:
                return node.get("/readyz").status
            except OSError:
                return 0
        S.check(ready() == 200, "/readyz with the database up")
        pg.stop()
        S.check(within(WAIT, lambda: ready() == 503),
                "/readyz is 503 while PostgreSQL is stopped")
        r = node.get("/readyz")
        S.check("cannot be read" in r.text() or "hears" in r.text(),
                f"with the reason: {r.text()[:300]!r}")
        S.check(node.get("/healthz").status == 200,
                "/healthz stays 200: the process is alive")
        pg.start()
        S.check(within(WAIT, lambda: ready() == 200),
                "/readyz is 200 again once PostgreSQL is back")
        status, _ = node.stop()
        S.check(status == 0, f"the node stops: {status}")

S.finish()
