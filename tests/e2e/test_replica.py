"""test_replica.py: a node reading from a hot standby (--db-read).

A node given a PostgreSQL primary (--db: writes, change notices) and its
streaming standby (--db-read) reads pages from the standby, yet never
serves a change before the standby has it:
- its read connections are on the standby;
- after each live event for a new update, the page (rendered anew)
  already shows that update;
- with the standby's replay paused, an update still reaches the live
  reader (after the bounded wait), the page shows it (read from the
  primary meanwhile: vigil_standby_behind 1), and once replay resumes
  reads go back to the standby (vigil_standby_behind 0);
- --db-read with a database file is refused.
"""
import re
import selectors
import socket
import time

from harness import Suite, Server, vigil
from pg import Cluster, sql

T = "iran-nov-2019"
S = Suite("e2e-replica")


class Reader:
    """One live reader on a raw socket (as test_live.py's)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(f"GET /t/{T}/live HTTP/1.1\r\nHost: x\r\n"
                          f"Accept: text/event-stream\r\n\r\n".encode())
        self.sock.setblocking(False)
        self.raw = b""

    def ids(self):
        """The ids of the update events received so far."""
        return re.findall(rb"id: (\d+)\nevent: update\n", self.raw.replace(
            b"\r\n", b"\n"))

    def wait_for(self, count, timeout=20):
        sel = selectors.DefaultSelector()
        sel.register(self.sock, selectors.EVENT_READ)
        end = time.time() + timeout
        while time.time() < end and len(self.ids()) < count:
            if sel.select(0.2):
                try:
                    self.raw += self.sock.recv(65536)
                except BlockingIOError:
                    pass
        sel.close()
        return len(self.ids()) >= count


def post(db, title):
    vigil("post", T, "--title", title, db=db, stdin=f"{title}.\n".encode())


with Cluster() as pg:
    primary = pg.newdb("replica")
    vigil("init", db=primary)
    vigil("demo", db=primary)
    standby_cluster = pg.standby()
    standby = standby_cluster.uri_for("replica")
    srv = Server(primary, "--db-read", standby, "--threads", "2")

    # The pool's connections (and the watch's check) are on the standby.
    conns = int(sql(standby_cluster.admin_uri(),
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = 'replica' AND usename = 'vigil'"))
    S.check(conns >= 3, f"the node's reads are on the standby ({conns} "
            "connections there)")

    reader = Reader(srv.port)
    S.check(srv.get(f"/t/{T}").status == 200, "the live page")  # cached
    for i in range(3):
        title = f"Replica check {i}"
        post(primary, title)
        S.check(reader.wait_for(i + 1), f"the event for update {i} came")
        page = srv.get(f"/t/{T}").text()
        S.check(title in page,
                f"after its event, the page shows update {i}")
    S.check(srv.metric("vigil_standby_behind") == 0, "the standby keeps up")

    # Replay paused: the node waits, then reads from the primary.
    sql(standby_cluster.admin_uri(), "SELECT pg_wal_replay_pause()")
    post(primary, "While the standby lags")
    S.check(reader.wait_for(4), "the event still comes with replay paused")
    S.check("While the standby lags" in srv.get(f"/t/{T}").text(),
            "the page shows it: read from the primary")
    S.check(srv.metric("vigil_standby_behind") == 1,
            "vigil_standby_behind says so")
    sql(standby_cluster.admin_uri(), "SELECT pg_wal_replay_resume()")
    end = time.time() + 20
    while time.time() < end and srv.metric("vigil_standby_behind") != 0:
        time.sleep(0.2)
    S.check(srv.metric("vigil_standby_behind") == 0,
            "back on the standby once it caught up")
    status, err = srv.stop()
    S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}")

status, _, err = vigil("serve", "--db-read", "other.db", db="x.db",
                       check=False)
S.check(status == 2 and "--db-read" in err, f"--db-read with a file: {err}")
S.finish()
