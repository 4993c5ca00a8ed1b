"""harness.py: start the real `vigil serve` on a free loopback port
against a temporary database, talk HTTP to it, and count results.

Each test module builds its database with the real CLI, starts a Server,
and records checks with Suite.check(); the last line it prints is
"NAME: N passed, N failed".
"""
import atexit
import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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


def own(proc):
    """Registers a child process (subprocess.Popen) to be killed when the
    test exits; returns it."""
    _children.append(proc)
    return proc


@atexit.register
def _end_test():
    for proc in _children:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for tmp in _tmpdirs:
        shutil.rmtree(tmp, ignore_errors=True)


def _exit_on_signal(signum, _frame):
    sys.exit(128 + signum)  # runs the atexit handlers, unlike the default


for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _exit_on_signal)


class Suite:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.tmp = tempfile.mkdtemp(prefix="vigil-e2e.")
        _tmpdirs.append(self.tmp)

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {self.name}: {what}", file=sys.stderr)
        return ok

    def finish(self):
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


def demo_db(suite, name="demo"):
    db = os.path.join(suite.tmp, name + ".db")
    vigil("init", db=db)
    vigil("demo", db=db)
    return db


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
        return Response(r.status, hdrs, data)

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
