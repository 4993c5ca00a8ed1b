"""harness.py: start the real `vigil serve` on a free loopback port
against a temporary database, talk HTTP to it, and count results.

Each test module builds its database with the real CLI, starts a Server,
and records checks with Suite.check(); the last line it prints is
"NAME: N passed, N failed".

The backend is VIGIL_TEST_BACKEND's: unset or "sqlite", a file in the
suite's folder; "postgresql", a new database of the cluster whose folder
VIGIL_TEST_PG_DIR names (tests/run-all.sh starts one for the whole run)
or, without it, of a cluster this test starts and destroys at its end
(tests/e2e/pg.py). A database is made with demo_db or empty_db, copied
with db_copy and read behind Vigil's back with sql (sql_admin to tamper);
backend_is guards what only means something on one backend.

Every answer of /api/v1 that Server.request (or editors.py's and
nodes.py's clients, through api_answer) receives is held to the API's
OpenAPI description (openapi_check.py): a mismatch prints its path,
status and the validator's message, and fails the suite at its finish.
"""
import atexit
import gzip
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

# Before this module's own exit handler: atexit runs handlers last in,
# first out, so the servers are stopped before a cluster of this test is
# destroyed.
import pg
import openapi_check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BACKENDS = ("sqlite", "postgresql")
BACKEND = os.environ.get("VIGIL_TEST_BACKEND") or "sqlite"
if BACKEND not in BACKENDS:
    sys.exit(f"VIGIL_TEST_BACKEND={BACKEND}: use one of {', '.join(BACKENDS)}")
VIGIL = os.path.abspath(os.environ.get("VIGIL", os.path.join(ROOT, "build/asan/vigil")))
ENV = dict(os.environ,
           VIGIL_NOW=os.environ.get("VIGIL_NOW", "2019-12-28T12:00:00Z"),
           ASAN_OPTIONS="exitcode=86:detect_leaks=1",
           UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86",
           LSAN_OPTIONS="exitcode=86",
           VIGIL_GAZETTEER=os.path.join(ROOT, "data/gazetteer/test.tsv"),
           USER="tester")

# The headers of reference/security.md C3 on every response.
COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
CSP_HTML = ("default-src 'none'; script-src 'self'; style-src 'self'; "
            "img-src 'self'; connect-src 'self'; font-src 'self'; "
            "manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
CSP_DATA = "default-src 'none'; frame-ancestors 'none'; sandbox"

# Every process a test starts ends with the test, however it ends: a
# failed check, an exception, SIGTERM from the runner's timeout. A
# server left running would hold the runner's output pipe open.
_children = []
_tmpdirs = []
_databases = []  # made in a cluster this test did not start: dropped at exit


def own(proc):
    """Registers a child process (subprocess.Popen) to be killed when the
    test exits; returns it."""
    _children.append(proc)
    return proc


@atexit.register
def _end_test():
    # A runner's timeout may signal the whole process group again: that
    # must not cut the cleanup short (nor pg.py's, which runs after it).
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    for proc in _children:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _drop_databases()
    for tmp in _tmpdirs:
        shutil.rmtree(tmp, ignore_errors=True)


def _exit_on_signal(signum, _frame):
    sys.exit(128 + signum)  # runs the atexit handlers, unlike the default


for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _exit_on_signal)


# What api_answer found wrong, not yet counted by a Suite's finish.
api_problems = []


def api_answer(method, target, status, header, body, report=True):
    """Holds an answer to the API's description when target is under
    /api/v1 (openapi_check.problem; header: a function of a header's
    name). Records what is wrong (and prints it, with report); returns
    it, or None."""
    if not openapi_check.is_api(target):
        return None
    problem = openapi_check.problem(method, target, status, header, body)
    if problem:
        api_problems.append(problem)
        if report:
            print(f"FAIL openapi: {problem}", file=sys.stderr)
    return problem


class Suite:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.tmp = tempfile.mkdtemp(prefix="vigil-e2e.")
        _tmpdirs.append(self.tmp)
        if backend_is("postgresql"):
            # A record in PostgreSQL has no DB.key or DB.sign beside it:
            # the CLI and the server find the keys through these, named
            # as a file's would be (a test's own keys have other names).
            ENV["VIGIL_MASTER_KEY"] = os.path.join(self.tmp, "record.key")
            ENV["VIGIL_SIGNING_KEY"] = os.path.join(self.tmp, "record.sign")

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {self.name}: {what}", file=sys.stderr)
        return ok

    def finish(self):
        # Each answer of /api/v1 that did not match the description.
        self.failed += len(api_problems)
        api_problems.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def vigil(*args, db, stdin=None, check=True, env=None):
    """Runs the CLI; returns (status, stdout, stderr)."""
    p = subprocess.run([VIGIL, "--db", db, *args], input=stdin,
                       env=env or ENV, capture_output=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"vigil {' '.join(args)}: {p.returncode}: "
                           f"{p.stderr.decode(errors='replace')}")
    return p.returncode, p.stdout.decode(), p.stderr.decode()


# ==== Databases on either backend ====


def backend_is(name):
    """Whether the tests run on that backend: "sqlite" or "postgresql"."""
    assert name in BACKENDS, name
    return BACKEND == name


_cluster = None


def cluster():
    """The PostgreSQL cluster of this test's databases: VIGIL_TEST_PG_DIR's,
    or one of its own, started at the first call (pg.py destroys it)."""
    global _cluster
    if _cluster is None:
        folder = os.environ.get("VIGIL_TEST_PG_DIR")
        _cluster = (pg.Cluster.existing(folder) if folder
                    else pg.Cluster().start())
    return _cluster


def _new_name(suite, name):
    """A database name unique in the cluster (other tests may share it),
    which the test drops at its end if the cluster is not its own."""
    base = re.sub(r"[^a-z0-9_]", "_", f"{suite.name}_{name}".lower())[:40]
    dbname = f"{base}_{os.getpid()}_{secrets.token_hex(3)}"
    if os.environ.get("VIGIL_TEST_PG_DIR"):
        _databases.append(dbname)
    return dbname


def _drop_databases():
    """Drops the databases this test made in a cluster it shares; a
    cluster of its own goes whole."""
    if not _databases or _cluster is None:
        return
    for d in _databases:
        try:  # one statement a call: DROP DATABASE refuses a transaction
            pg.sql(_cluster.admin_uri(),
                   f"DROP DATABASE IF EXISTS {d} WITH (FORCE)")
        except (OSError, subprocess.SubprocessError) as e:
            print(f"harness: database {d} was not dropped: {e}",
                  file=sys.stderr)
    _databases.clear()


def empty_db(suite, name="empty"):
    """A new record, initialised and empty: a file in the suite's folder,
    or a new PostgreSQL database; returns what --db takes."""
    if backend_is("postgresql"):
        db = cluster().newdb(_new_name(suite, name))
    else:
        db = os.path.join(suite.tmp, name + ".db")
    vigil("init", db=db)
    return db


def demo_db(suite, name="demo"):
    """As empty_db, with the demo tracker loaded."""
    db = empty_db(suite, name)
    vigil("demo", db=db)
    return db


def db_copy(suite, src, name):
    """A copy of record src, which no process may have open meanwhile;
    returns what --db takes."""
    if backend_is("sqlite"):
        db = os.path.join(suite.tmp, name + ".db")
        shutil.copyfile(src, db)
        return db
    dbname = _new_name(suite, name)
    pg.sql(cluster().admin_uri(), f"CREATE DATABASE {dbname} OWNER vigil "
           f"TEMPLATE {uri_dbname(src)}")
    return cluster().uri_for(dbname)


def uri_dbname(uri):
    """The database name in a URI of cluster()'s."""
    return uri.rsplit("/", 1)[1].split("?", 1)[0]


def _admin_uri(uri):
    """The same database's URI as the superuser, postgres."""
    return re.sub(r"^postgresql://[^@/]*@", "postgresql://postgres@", uri)


# Rows come back as psql and sqlite3 print them: text, NULL as "".
_FIELD, _RECORD = "\x1f", "\x1e"


def _query(db, query, admin):
    if backend_is("postgresql"):
        cmd = [os.path.join(pg.PG_BIN, "psql"), "-X", "-q", "-A", "-t",
               "-F", _FIELD, "-R", _RECORD, "-v", "ON_ERROR_STOP=1",
               "-d", _admin_uri(db) if admin else db, "-c", query]
    else:
        cmd = ["sqlite3", "-batch", "-bail", "-noheader", "-list",
               "-separator", _FIELD, "-newline", _RECORD,
               "-cmd", ".timeout 10000", db, query]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]}: {query}: {p.returncode}: "
                           f"{p.stderr.decode(errors='replace')}")
    out = p.stdout.decode()
    if not out:
        return []
    # psql ends the last row with a newline, sqlite3 every row with _RECORD.
    out = out[:-1]
    return [tuple(r.split(_FIELD)) for r in out.split(_RECORD)]


def sql(db, query):
    """Runs SQL on record db as Vigil does (the role vigil; the file
    itself); returns the rows of its statements as tuples of text,
    NULL as "". Raises RuntimeError when it fails."""
    return _query(db, query, admin=False)


def sql_admin(db, query):
    """As sql, as the superuser: for what no Vigil role may do, such as
    tampering with an append-only table (SQLite: the file itself)."""
    return _query(db, query, admin=True)


def row_counts(db, tables):
    """The number of rows of each table, a tuple of ints, read at once."""
    row = sql(db, "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})"
                                        for t in tables))[0]
    return tuple(int(n) for n in row)


def pg_tables_state(db):
    """What a write to any of the record's tables would change, in
    PostgreSQL: each table's rows with the transaction that wrote each
    (xmin: an update in place shows too), as (table, md5) pairs."""
    assert backend_is("postgresql")
    tables = [r[0] for r in sql(db, "SELECT tablename FROM pg_tables WHERE "
                                "schemaname = 'public' ORDER BY tablename")]
    return sql(db, " UNION ALL ".join(
        f"SELECT '{t}', md5(coalesce(string_agg(x.xmin::text || ' ' || "
        f"x::text, E'\\n' ORDER BY x.xmin::text || ' ' || x::text), '')) "
        f"FROM {t} x" for t in tables))


def pg_database_files(db):
    """The files of database db in its cluster, after a checkpoint has
    written every change to them: [(path in the data folder, bytes)]."""
    assert backend_is("postgresql")
    sql_admin(db, "CHECKPOINT")
    data = sql_admin(db, "SHOW data_directory")[0][0]
    rel = sql_admin(db, "SELECT 'base/' || oid FROM pg_database "
                    "WHERE datname = current_database()")[0][0]
    out = []
    for top, _, names in os.walk(os.path.join(data, rel)):
        for name in sorted(names):
            path = os.path.join(top, name)
            with open(path, "rb") as f:
                out.append((os.path.relpath(path, data), f.read()))
    return out


def pg_dump(db):
    """Database db as pg_dump writes it (plain SQL), as bytes."""
    assert backend_is("postgresql")
    return subprocess.run([os.path.join(pg.PG_BIN, "pg_dump"), "-d",
                           _admin_uri(db)], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=300,
                          check=True).stdout


def sql_value(db, query):
    """The first column of the first row of sql(db, query); None when it
    returns no rows."""
    rows = sql(db, query)
    return rows[0][0] if rows else None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lowercased name -> list of values
        self.body = body

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    def text(self):
        body = self.body
        if self.header("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8")


class Server:
    """`vigil serve` on 127.0.0.1 with a port the kernel picks."""

    def __init__(self, db, *extra, host="127.0.0.1", now=None):
        listen = f"[{host}]:0" if ":" in host else f"{host}:0"
        self.host = host
        # stderr goes to a file: a pipe nobody reads would fill and block
        # the server.
        self.errfile = tempfile.TemporaryFile()
        self.proc = own(subprocess.Popen(
            [VIGIL, "--db", db, "serve", "--listen", listen,
             "--metrics", *extra],
            env=dict(ENV, VIGIL_NOW=now) if now else ENV,
            stdout=subprocess.PIPE, stderr=self.errfile))
        line = self.proc.stdout.readline().decode()
        m = re.search(r"http://.*:(\d+)/", line)
        if not m:
            self.proc.kill()
            self.errfile.seek(0)
            raise RuntimeError("server did not start: " + line +
                               self.errfile.read().decode())
        self.port = int(m.group(1))

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        hdrs = {}
        for k, v in r.getheaders():
            hdrs.setdefault(k.lower(), []).append(v)
        conn.close()
        answer = Response(r.status, hdrs, data)
        api_answer(method, path, r.status, answer.header, data)
        return answer

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def raw(self, data, read=65536):
        """Sends raw bytes; returns the status code of the answer (or 0 when
        the server closed without one) and the raw answer."""
        s = socket.create_connection((self.host, self.port), timeout=10)
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        out = b""
        try:
            while len(out) < read:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
                if b"\r\n\r\n" in out:
                    break
        except (ConnectionResetError, socket.timeout):
            pass
        s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
        return (int(m.group(1)) if m else 0), out

    def metric(self, name):
        text = self.get("/metrics").text()
        m = re.search(rf"^{name} (\d+)$", text, re.M)
        return int(m.group(1)) if m else -1

    def stop(self):
        """SIGTERM; returns the exit status and stderr."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = -9
        self.errfile.seek(0)
        err = self.errfile.read().decode(errors="replace")
        return status, err
