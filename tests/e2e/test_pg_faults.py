"""test_pg_faults.py: Vigil nodes on PostgreSQL through the database's
faults, none of them restarted.

- PostgreSQL restarted, fast and immediately (as in a crash), twice, while
  a client posts through a node: every acknowledged write is in the
  record afterwards, each node's /readyz is 200 again and its writes
  succeed, and a live reader on each node got every change of the log.
- A node's LISTEN connection cut (its backend terminated), and kept from
  coming back for a while: /readyz says 503 meanwhile, then the node
  connects again, rereads the change log, and its reader has everything
  posted before, during and after the cut.
- The primary killed and its streaming standby promoted, with the nodes
  given both hosts in their URI: writes resume without restarting any
  node (the test prints how long after the kill the first write was
  acknowledged), with every acknowledged write on the new primary (the
  replication is synchronous) and the reader missing nothing.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from editors import add_user, api_token  # noqa: E402
from harness import Server, Suite, vigil  # noqa: E402
from nodes import (Api, Reader, changes, health, listen_backend,  # noqa: E402
                   update_numbers, within)
from pg import Cluster, sql  # noqa: E402

S = Suite("e2e-pg-faults")
WAIT = 60  # seconds any one step may take
DB = "faults"


class Load:
    """A client posting updates through one node, one after another, until
    stopped; it remembers every answer."""

    def __init__(self, api):
        self.api = api
        # (monotonic times the request was sent and answered, status,
        # number)
        self.answers = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        i = 0
        while not self._stop.is_set():
            sent = time.monotonic()
            status, number = self.api.post(f"Under load {i}")
            self.answers.append((sent, time.monotonic(), status, number))
            i += 1
            if status != 201:
                time.sleep(0.05)  # the database is away: do not spin

    def acked(self):
        return [n for _, _, s, n in self.answers if s == 201]

    def refused(self):
        return [s for _, _, s, _ in self.answers if s != 201]

    def acked_after(self, t):
        """The time the first write sent after monotonic time t was
        acknowledged, or None (one sent before t and answered after may
        have committed before it)."""
        for sent, at, s, _ in list(self.answers):
            if sent > t and s == 201:
                return at
        return None

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=WAIT)
        return not self._thread.is_alive()


def readers_complete(readers, db, after):
    """Waits until every reader has every change after `after`; returns the
    log and whether each reader got exactly it."""
    log = [s for s, _, _ in changes(db, after)]

    def got(r):
        return [i for i in r.ids() if i > after]
    within(WAIT, lambda: all(len(got(r)) >= len(log) for r in readers))
    time.sleep(0.3)  # an event sent twice would have come by now
    return log, [got(r) == log for r in readers]


with Cluster() as pg:
    db = pg.newdb(DB)
    admin = pg.admin_uri(DB)  # reads while the role vigil is kept out
    vigil("init", db=db)
    vigil("demo", db=db)
    add_user(db, "amina", "editor")
    token = api_token(db, "amina")
    a, b = Server(db), Server(db)

    # ==== PostgreSQL restarted under write load ====
    start = changes(admin)[-1][0]
    on_a, on_b = Reader(a.port), Reader(b.port)
    S.check(within(WAIT, lambda: on_a.ready() and on_b.ready()),
            "a live reader on each node")
    load = Load(Api(a.port, token))
    S.check(within(WAIT, lambda: len(load.acked()) >= 5),
            "writes acknowledged before the restarts")
    for how in ("restart", "kill") * 2:
        if how == "kill":
            pg.kill()  # immediate: crash recovery at the next start
        pg.restart()
        t = time.monotonic()
        S.check(within(WAIT, lambda: load.acked_after(t)),
                f"writes acknowledged again after the {how}")
    S.check(load.stop(), "the writing client stops")
    failed = load.refused()
    acked = load.acked()
    print(f"e2e-pg-faults: {len(acked)} writes acknowledged, "
          f"{len(failed)} refused ({sorted(set(failed))}) across two restarts "
          "and two crashes")
    lost = sorted(set(acked) - update_numbers(admin))
    S.check(not lost,
            f"every acknowledged write is in the record: lost {lost}")
    # The database away says nothing of the token: the client is told to
    # come back (503), not that its token is bad (401).
    S.check(401 not in failed, f"a valid token is never refused: {failed}")
    S.check(set(failed) <= {0, 503},
            f"a write refused while the record is away is 503, try again: "
            f"{sorted(set(failed))}")
    for name, n in (("A", a), ("B", b)):
        S.check(within(WAIT, lambda: health(n.port)[0] == 200),
                f"/readyz on {name} is 200 again: {health(n.port)}")
        status, number = Api(n.port, token).post(f"After the restarts, {name}")
        S.check(status == 201, f"{name} takes writes again: {status}")
    log, ok = readers_complete([on_a, on_b], admin, start)
    for name, r, good in (("A", on_a, ok[0]), ("B", on_b, ok[1])):
        S.check(good, f"the reader on {name} got every change once, in "
                f"order: {len(r.ids())} events, {len(log)} changes; "
                f"missing {sorted(set(log) - set(r.ids()))[:10]}")
    on_a.close()

    # ==== B's LISTEN connection cut, and kept out for a while ====
    start = changes(admin)[-1][0]
    api = Api(a.port, token)
    before = [api.post(f"Before the cut {i}")[1] for i in range(2)]
    pid = within(WAIT, lambda: listen_backend(admin, b.proc.pid, pg.port))
    S.check(pid, "B's LISTEN connection found in pg_stat_activity")
    name = sql(admin, "SELECT application_name FROM pg_stat_activity "
                      f"WHERE pid = {int(pid or 0)}")
    S.check(name == "vigil", f"its connection is named Vigil's: {name!r}")
    # New connections of the role vigil are refused: B cannot listen
    # again until this is undone; A's open connections go on.
    sql(admin, "ALTER ROLE vigil CONNECTION LIMIT 0")
    try:
        sql(admin, f"SELECT pg_terminate_backend({int(pid or 0)})")
        S.check(within(WAIT, lambda: health(b.port)[0] == 503),
                f"B's /readyz is 503 while it hears of nothing: "
                f"{health(b.port)}")
        during = [api.post(f"During the cut {i}")[1] for i in range(3)]
        S.check(all(during), f"A takes writes meanwhile: {during}")
        time.sleep(0.5)
        S.check(not any(d["number"] in during for _, _, d in on_b.events()),
                "B's reader has not heard of them yet")
    finally:
        sql(admin, "ALTER ROLE vigil CONNECTION LIMIT -1")
    S.check(within(WAIT, lambda: health(b.port)[0] == 200),
            f"B's /readyz is 200 once it listens again: {health(b.port)}")
    again = within(WAIT, lambda: listen_backend(admin, b.proc.pid, pg.port))
    S.check(again and again != pid, f"B listens on a new connection: "
            f"{pid} then {again}")
    after = [api.post(f"After the cut {i}")[1] for i in range(2)]
    log, ok = readers_complete([on_b], admin, start)
    numbers = [d["number"] for i, _, d in on_b.events() if i > start]
    S.check(ok[0] and numbers == before + during + after,
            f"B's reader has everything posted around the cut, once, in "
            f"order: {numbers} vs {before + during + after}")
    on_b.close()
    for name, n in (("A", a), ("B", b)):
        status, err = n.stop()
        S.check(status == 0, f"{name} exits cleanly: {status} {err[-500:]}")

    # ==== The primary killed, its standby promoted ====
    standby = pg.standby()
    # Synchronous replication, set on the primary only (the standby was
    # copied before): an acknowledged commit is on the standby too, so the
    # failover loses none.
    sql(pg.admin_uri(), "ALTER SYSTEM SET synchronous_standby_names = '*'")
    sql(pg.admin_uri(), "SELECT pg_reload_conf()")
    S.check(within(WAIT, lambda: sql(pg.admin_uri(), "SELECT sync_state FROM "
                                      "pg_stat_replication") == "sync",
                   step=0.2), "the standby replicates synchronously")
    both = (f"postgresql://vigil@127.0.0.1:{pg.port},127.0.0.1:{standby.port}"
            f"/{DB}?target_session_attrs=read-write")
    c, d = Server(both), Server(both)
    new_admin = standby.admin_uri(DB)
    start = changes(admin)[-1][0]
    on_d = Reader(d.port)
    S.check(within(WAIT, on_d.ready), "a live reader on D")
    load = Load(Api(c.port, token))
    S.check(within(WAIT, lambda: len(load.acked()) >= 5),
            "writes acknowledged through C before the failover")
    pg.kill()  # returns once the primary has stopped
    killed = time.monotonic()
    S.check(within(WAIT, lambda: 201 not in [
        s for sent, _, s, _ in load.answers if sent > killed] and
        any(sent > killed for sent, _, _, _ in load.answers)),
        "with the primary gone and the standby read-only, no write is "
        "acknowledged")
    standby.promote()
    promoted = time.monotonic()
    resumed = within(WAIT, lambda: load.acked_after(killed))
    S.check(resumed, "writes resume through C after the promotion")
    if resumed:
        print(f"e2e-pg-faults: failover: first write acknowledged "
              f"{resumed - killed:.2f} s after the primary was killed "
              f"(pg_ctl promote returned after {promoted - killed:.2f} s)")
    S.check(within(WAIT, lambda: len(load.acked()) >= 5 + 3 and
                   load.acked_after(killed)), "and go on")
    S.check(load.stop(), "the writing client stops")
    acked = load.acked()
    S.check(401 not in load.refused(), "a valid token is never refused")
    lost = sorted(set(acked) - update_numbers(new_admin))
    S.check(not lost, f"every acknowledged write is on the new primary: "
            f"lost {lost}")
    for name, n in (("C", c), ("D", d)):
        S.check(within(WAIT, lambda: health(n.port)[0] == 200),
                f"/readyz on {name} is 200 after the failover: "
                f"{health(n.port)}")
        status, _ = Api(n.port, token).post(f"After the failover, {name}")
        S.check(status == 201, f"{name} takes writes: {status}")
    log, ok = readers_complete([on_d], new_admin, start)
    S.check(ok[0], f"D's reader got every change once, in order: "
            f"{len(on_d.ids())} events, {len(log)} changes; missing "
            f"{sorted(set(log) - set(on_d.ids()))[:10]}")
    on_d.close()
    rc, out, err = vigil("check", db=standby.uri_for(DB), check=False)
    S.check(rc == 0, f"vigil check on the new primary: {out} {err}")
    for name, n in (("C", c), ("D", d)):
        status, err = n.stop()
        S.check(status == 0, f"{name} exits cleanly: {status} {err[-500:]}")
S.finish()
