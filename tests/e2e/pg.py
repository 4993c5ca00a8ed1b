"""pg.py: throwaway PostgreSQL 15 clusters for the end-to-end tests.

Every step is tests/pg/cluster.sh's (see there what each does); this
module only runs it and keeps the clusters' folders, so that whatever
ends the test (the end of the script, an exception, sys.exit, SIGTERM
or SIGHUP from the runner's timeout) every cluster it started is stopped
and its folder removed.

    with Cluster() as pg:            # started; destroyed at the end
        uri = pg.newdb("feeds")      # postgresql://vigil@127.0.0.1:PORT/feeds
        standby = pg.standby()       # a Cluster too, destroyed with pg
        standby.promote()
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests/pg/cluster.sh")
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
# No step of cluster.sh waits longer than its PG_WAIT (60 s); this bounds
# a step that hangs anyway.
STEP_TIMEOUT = 180

_clusters = []


class ClusterError(RuntimeError):
    pass


def _run(*args):
    """Runs one cluster.sh command; returns its stdout's lines."""
    p = subprocess.run(["bash", SCRIPT, *args], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=STEP_TIMEOUT)
    if p.returncode != 0:
        raise ClusterError(f"cluster.sh {' '.join(args)}: exit "
                           f"{p.returncode}: {p.stderr.strip()}")
    return p.stdout.splitlines()


def _new_dir():
    # Under /tmp rather than $TMPDIR: the server's user (postgres, when the
    # test runs as root) must be able to reach the folder.
    return tempfile.mkdtemp(prefix="vigil-pg.", dir="/tmp")


class Cluster:
    """One cluster of tests/pg/cluster.sh in a temporary folder of its own.
    uri is the database vigil's as the role vigil, port the server's."""

    def __init__(self):
        self.dir = None
        self.uri = None
        self.port = None
        self._standbys = []  # destroyed with this cluster
        self._borrowed = False  # another process's: never destroyed here

    @classmethod
    def existing(cls, folder):
        """The running cluster in folder, which whoever started it will
        destroy: this process only uses it (destroy() and the end of the
        test leave it alone, standbys made from it excepted)."""
        c = cls()
        c.dir = os.path.abspath(folder)
        c._borrowed = True
        c.uri = _run("uri", c.dir)[0]
        c.port = int(c.uri.rsplit(":", 1)[1].split("/", 1)[0])
        return c

    def _adopt(self, lines):
        self.uri, self.port = lines[0], int(lines[1])

    def _own_dir(self):
        if self.dir is None:
            self.dir = _new_dir()
            _clusters.append(self)

    def start(self):
        """Creates and starts the cluster (or starts it again after stop or
        kill, on the same port); returns self."""
        self._own_dir()
        self._adopt(_run("start", self.dir))
        return self

    def newdb(self, name):
        """A new empty database owned by vigil; returns its URI."""
        return _run("newdb", self.dir, name)[0]

    def uri_for(self, name):
        """The URI of database name, as the role vigil."""
        return _run("uri", self.dir, name)[0]

    def admin_uri(self, name="postgres"):
        """The URI of database name as the superuser postgres, for what a
        test does behind Vigil's back (terminating a backend, say)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def standby(self):
        """A streaming hot standby of this cluster, started; returns it."""
        s = Cluster()
        s._own_dir()
        self._standbys.append(s)
        s._adopt(_run("standby", self.dir, s.dir))
        return s

    def promote(self):
        """Promotes this standby; returns once it accepts writes."""
        _run("promote", self.dir)

    def stop(self):
        """Fast shutdown; the folder is kept."""
        _run("stop", self.dir)

    def kill(self):
        """Immediate shutdown, as in a crash; the folder is kept."""
        _run("kill", self.dir)

    def restart(self):
        _run("restart", self.dir)

    def pids(self):
        """The cluster's running processes."""
        return [int(p) for p in _run("pids", self.dir)]

    def _family(self):
        """This cluster and its standbys, theirs included."""
        return [self] + [c for s in self._standbys for c in s._family()]

    def destroy(self):
        """Stops the server at once and removes the folder, and so for its
        standbys, all servers first. Safe to repeat."""
        doomed = [c for c in self._family() if not c._borrowed]
        dirs = [c.dir for c in doomed if c.dir]
        if not dirs:
            return
        try:
            _run("destroy", *dirs)
        finally:
            for c in doomed:
                if c.dir:
                    shutil.rmtree(c.dir, ignore_errors=True)
                    _clusters.remove(c)
                    c.dir = None

    def __enter__(self):
        if self.port is None:
            self.start()
        return self

    def __exit__(self, *_exc):
        self.destroy()


def sql(uri, query):
    """Runs query with psql; returns its rows unaligned ("a|b" a line).
    Raises subprocess.CalledProcessError when psql fails."""
    p = subprocess.run([os.path.join(PG_BIN, "psql"), "-X", "-q", "-At",
                        "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", query],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=STEP_TIMEOUT, check=True)
    return p.stdout.strip()


@atexit.register
def _destroy_all():
    """Every cluster still there, in one step: all servers stopped first."""
    dirs = [c.dir for c in _clusters]
    if not dirs:
        return
    try:
        _run("destroy", *dirs)
    except (ClusterError, OSError, subprocess.SubprocessError) as e:
        print(f"pg.py: {e}", file=sys.stderr)
    for c in list(_clusters):
        shutil.rmtree(c.dir, ignore_errors=True)
        _clusters.remove(c)
        c.dir = None


def _exit_on_signal(signum, _frame):
    sys.exit(128 + signum)  # runs the atexit handlers, unlike the default


# As harness.py does; a handler the test set itself is kept.
for _sig in (signal.SIGTERM, signal.SIGHUP):
    if signal.getsignal(_sig) == signal.SIG_DFL:
        signal.signal(_sig, _exit_on_signal)
