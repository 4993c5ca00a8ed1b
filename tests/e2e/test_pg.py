"""test_pg.py: pg.py, the end-to-end tests' PostgreSQL clusters. A
cluster used as `with Cluster() as pg:` takes writes in a database of its
own, feeds a standby that can be promoted, survives an immediate kill,
and is gone with its folder when the block ends; a test that started one
and then fails, or gets SIGTERM, leaves nothing of it running."""
import os
import re
import signal
import subprocess
import sys
import time

from harness import Suite
from pg import SCRIPT, Cluster, sql

s = Suite("e2e-pg")


def running(pids):
    """The pids that still run (a zombie has ended: it only waits for
    PID 1 to reap it)."""
    out = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(pid)
    return out


def within(seconds, pred):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def fails(uri, query):
    try:
        sql(uri, query)
        return None
    except subprocess.CalledProcessError as e:
        return e.stderr


with Cluster() as pg:
    folder = pg.dir
    s.check(re.fullmatch(rf"postgresql://vigil@127\.0\.0\.1:{pg.port}/vigil",
                         pg.uri), f"uri and port: {pg.uri} {pg.port}")
    a = pg.newdb("alpha")
    s.check(a == pg.uri_for("alpha"), f"newdb's URI: {a}")
    sql(a, "CREATE TABLE note (id int PRIMARY KEY, body text);"
           "INSERT INTO note VALUES (1, 'one')")
    s.check(sql(a, "SELECT body FROM note") == "one", "a write read back")
    s.check(sql(pg.uri, "SHOW is_superuser") == "off", "vigil is no superuser")
    s.check(sql(pg.admin_uri(), "SHOW is_superuser") == "on",
            "admin_uri is the superuser's")

    st = pg.standby()
    sa = st.uri_for("alpha")
    s.check(st.port != pg.port, "the standby has a port of its own")
    sql(a, "INSERT INTO note VALUES (2, 'two')")
    s.check(within(30, lambda: sql(sa, "SELECT count(*) FROM note") == "2"),
            "a row written on the primary reaches the standby")
    err = fails(sa, "INSERT INTO note VALUES (3, 'three')")
    s.check(err and "read-only" in err, f"the standby refuses writes: {err}")
    st.promote()
    err = fails(sa, "INSERT INTO note VALUES (3, 'three')")
    s.check(err is None, f"the promoted standby takes writes: {err}")

    before = pg.pids()
    s.check(len(before) >= 3, f"the primary's processes: {before}")
    pg.kill()
    s.check(not running(before), f"nothing of it runs after kill: "
            f"{running(before)}")
    pg.restart()
    s.check(sql(a, "SELECT count(*) FROM note") == "2",
            "restarted after the kill, with every committed row")
    everything = pg.pids() + st.pids()
s.check(not os.path.exists(folder), "the block's end removes the folder")
s.check(st.dir is None, "and the standby's")
s.check(not running(everything), f"and leaves nothing running: "
        f"{running(everything)}")

# A test that started a cluster and then fails, or is stopped by SIGTERM.
CHILD = r"""
import sys, time
from pg import Cluster
pg = Cluster().start()
print(pg.dir, *pg.pids(), flush=True)
if sys.argv[1] == "fail":
    raise RuntimeError("the test failed")
# Short sleeps: a signal that lands just before a long one starts would
# wait for its end to be handled.
for _ in range(600):
    time.sleep(0.1)
"""
here = os.path.dirname(os.path.abspath(__file__))
for how, sig, status in (("fail", None, 1), ("term", signal.SIGTERM, 143)):
    child = subprocess.Popen([sys.executable, "-c", CHILD, how], cwd=here,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, PYTHONPATH=here))
    try:
        line = child.stdout.readline().split()
        if sig:
            child.send_signal(sig)
        _, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        err += "(did not end within 60 s: killed)"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    s.check(child.returncode == status,
            f"{how}: exit {child.returncode}: {err}")
    s.check(len(line) >= 4, f"{how}: the child's cluster started: {line}")
    if line:
        left = running([int(p) for p in line[1:]])
        s.check(not left, f"{how}: nothing of its cluster runs: {left}")
        s.check(not os.path.exists(line[0]), f"{how}: its folder is gone")
        # What a failed child left behind does not outlive this test.
        subprocess.run(["bash", SCRIPT, "destroy", line[0]], timeout=120)
s.finish()
