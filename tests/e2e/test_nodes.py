"""test_nodes.py: three `vigil serve` nodes on loopback sharing one
PostgreSQL record, behind nginx as the load balancer.

- An update posted through node A's write API reaches live readers on B
  and C, with the same event id: the change's id in the change log.
- A reader that came through nginx to B, whose node is killed with
  kill -9, reconnects through nginx with Last-Event-ID, lands on another
  node and gets exactly the events posted meanwhile, once each, in the
  change log's order (which a page reload shows too).
- Two nodes writing claims to the same metric at once (threads, many
  each): every acknowledged claim is in the record, and `vigil check`
  finds one valid chain.
- A scheduled update is published once with three nodes running: one
  "publish" revision in its history, no scheduler error on any node.
- GET /readyz is 200 on every node.
"""
import http.client
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# The nodes run on the real clock: a scheduled update must fall due.
harness.ENV["VIGIL_NOW"] = ""

from editors import add_user, api_token  # noqa: E402
from harness import Server, Suite, vigil  # noqa: E402
from nodes import (SLUG, Api, Reader, changes, health, nginx,  # noqa: E402
                   within)
from pg import Cluster, sql  # noqa: E402

S = Suite("e2e-nodes")
WAIT = 30  # seconds any one step may take
CLAIMS_EACH = 15  # claims per writing thread
THREADS = 2  # writing threads per node

with Cluster() as pg:
    db = pg.newdb("nodes")
    vigil("init", db=db)
    vigil("demo", db=db)
    add_user(db, "amina", "editor,verifier")
    add_user(db, "omid", "verifier")
    editor, verifier = api_token(db, "amina"), api_token(db, "omid")

    a, b, c = Server(db), Server(db), Server(db)
    nodes = {"A": a, "B": b, "C": c}
    for name, n in nodes.items():
        status, body = health(n.port)
        S.check(status == 200 and body.startswith("ready "),
                f"/readyz on {name}: {status} {body!r}")
    os.chmod(S.tmp, 0o755)  # nginx's workers write their temp files there
    lb, lb_port = nginx(S.tmp, b.port, [a.port, c.port])
    status, body = health(lb_port)
    S.check(status == 200, f"/readyz through nginx: {status} {body!r}")

    # ==== Fan-out: a post on A reaches readers on B and C ====
    on_b, on_c, via_lb = Reader(b.port), Reader(c.port), Reader(lb_port)
    S.check(within(WAIT, lambda: on_b.ready() and on_c.ready() and
                   via_lb.ready()), "the three live streams open")
    S.check(via_lb.header("X-Node") == f"127.0.0.1:{b.port}",
            f"nginx sends the reader to B: {via_lb.header('X-Node')}")
    S.check(on_b.header("X-Accel-Buffering") == "no",
            "the live route asks nginx not to buffer it")
    api_a = Api(a.port, editor)
    start = changes(db)[-1][0]
    status, number = api_a.post("Posted on A")
    S.check(status == 201 and number, f"posted on A: {status}")
    log = changes(db, start)
    S.check([(k, n) for _, k, n in log] == [("update", number)],
            f"one change in the log: {log}")
    got = within(WAIT, lambda: on_b.events() and on_c.events() and
                 via_lb.events())
    S.check(got, "the update reaches the readers of B, C and nginx")
    for name, r in (("B", on_b), ("C", on_c), ("nginx", via_lb)):
        ev = r.events()
        S.check([(i, e, d["number"]) for i, e, d in ev] ==
                [(log[0][0], "update", number)],
                f"{name}'s reader: the update once, its id the change's "
                f"{log[0][0]}: {[(i, e) for i, e, _ in ev]}")
    on_b.close()
    on_c.close()

    # ==== A scheduled update, published once by three nodes ====
    due = time.time() + 3
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(due))
    status, later = api_a.post("Scheduled", publish_at=at)
    S.check(status == 201 and later, f"scheduled on A for {at}: {status}")
    # Its change is no event: readers hear of it when it is published.
    unseen = changes(db, start)[-1][0]
    published = within(WAIT, lambda: sql(
        db, "SELECT u.status FROM updates u JOIN trackers t ON t.id = "
            f"u.tracker_id WHERE t.slug = '{SLUG}' AND u.number = {later}")
        == "published", step=0.2)
    S.check(published, "the scheduled update is published when due")
    time.sleep(2.5)  # every node's scheduler has run at least twice since
    _, hist, _ = vigil("update", "history", SLUG, str(later), db=db)
    reasons = [line.split("\t")[2] for line in hist.splitlines()]
    S.check(reasons.count("publish") == 1,
            f"one publish revision in its history: {reasons}")
    S.check(within(WAIT, lambda: any(d["number"] == later for _, e, d in
                                     via_lb.events() if e == "update")),
            "its publication reaches the reader through nginx")

    # ==== Two nodes writing claims to the same metric at once ====
    acked, refused = [], []
    barrier = threading.Barrier(2 * THREADS)

    def write_claims(node, who):
        prop, ver = Api(node.port, editor), Api(node.port, verifier)
        barrier.wait(timeout=WAIT)
        for i in range(CLAIMS_EACH):
            note = f"{who}-{i}"
            path = f"/api/v1/trackers/{SLUG}/proposals"
            st, j = prop.call("POST", path, {
                "metric": "killed", "source": "amnesty",
                "qualifier": "at_least", "low": 100 + i,
                "as_of": "2019-12-16", "quote": f"at least {100 + i}",
                "note": note})
            if st == 201:
                st, j = ver.call("POST", f"{path}/{j['id']}/approve", {})
            (acked if st == 200 else refused).append((note, st))

    writers = [threading.Thread(target=write_claims,
                                args=(node, f"{name}{t}"))
               for name, node in (("A", a), ("B", b))
               for t in range(THREADS)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=5 * WAIT)
    S.check(not any(w.is_alive() for w in writers), "the writers finished")
    S.check(len(acked) == 2 * THREADS * CLAIMS_EACH and not refused,
            f"every claim acknowledged: {len(acked)}, refused {refused[:5]}")
    notes = sql(db, "SELECT c.note FROM claims c JOIN metrics m ON "
                    "m.id = c.metric_id WHERE m.key = 'killed' AND "
                    "c.note IS NOT NULL").split("\n")
    missing = [n for n, _ in acked if n not in notes]
    S.check(not missing, f"every acknowledged claim is in the record: "
            f"missing {missing}")
    S.check(len(notes) == len(set(notes)), "and each once")
    rc, out, err = vigil("check", db=db, check=False)
    S.check(rc == 0, f"vigil check after the concurrent writes: {out} {err}")

    # ==== kill -9 B under a reader that came through nginx ====
    before = via_lb.ids()
    S.check(before == [s for s, _, _ in changes(db, start) if s != unseen],
            f"the reader through nginx got every change so far: {before}")
    last = before[-1]
    b.proc.send_signal(signal.SIGKILL)
    b.proc.wait(timeout=WAIT)
    S.check(within(WAIT, lambda: via_lb.eof),
            "the reader's stream ends when its node dies")
    via_lb.close()
    missed = [api_a.post(f"Missed {i}")[1] for i in range(3)]
    S.check(all(missed), f"posted on A meanwhile: {missed}")
    back = Reader(lb_port, last_id=last)
    S.check(within(WAIT, back.ready), "the reader reconnects through nginx")
    # nginx names every node it tried: B refused, then a backup answered.
    node = (back.header("X-Node") or "").split(", ")[-1]
    S.check(node in (f"127.0.0.1:{a.port}", f"127.0.0.1:{c.port}"),
            f"to another node than B: {node} (B was {b.port})")
    expected = changes(db, last)
    S.check(within(WAIT, lambda: len(back.events()) >= len(expected)),
            "the missed events come")
    time.sleep(0.5)  # an event sent twice would have come by now
    got = back.events()
    S.check([i for i, _, _ in got] == [s for s, _, _ in expected],
            f"exactly the missed events, once each, in the log's order: "
            f"{[i for i, _, _ in got]} vs {[s for s, _, _ in expected]}")
    S.check([d["number"] for _, e, d in got if e == "update"] == missed,
            f"the missed updates in order: {missed}")
    conn = http.client.HTTPConnection("127.0.0.1", lb_port, timeout=10)
    conn.request("GET", f"/t/{SLUG}")
    html = conn.getresponse().read().decode()
    conn.close()
    S.check(f"/live?after={got[-1][0]}" in html if got else False,
            "a page reload is at the reader's last event")
    order = [html.find(f'href="/t/{SLUG}/u/{n}"') for n in missed]
    S.check(all(p >= 0 for p in order) and
            order == sorted(order, reverse=True),
            f"and lists the missed updates, newest first: {order}")
    back.close()
    S.check(health(b.port)[0] == 0 and health(lb_port)[0] == 200,
            "B is gone, nginx still answers")

    rc, out, err = vigil("check", db=db, check=False)
    S.check(rc == 0, f"vigil check at the end: {out} {err}")
    for name, n in (("A", a), ("C", c)):
        status, err = n.stop()
        S.check(status == 0, f"{name} exits cleanly: {status} {err[-500:]}")
        S.check("scheduler" not in err,
                f"no scheduler error on {name}: {err[-500:]}")
    b.errfile.seek(0)
    err = b.errfile.read().decode(errors="replace")
    S.check("scheduler" not in err, f"no scheduler error on B: {err[-500:]}")
    lb.terminate()
    lb.wait(timeout=WAIT)
S.finish()
