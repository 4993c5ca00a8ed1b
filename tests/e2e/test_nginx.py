"""test_nginx.py: the sample configuration deploy/nginx/vigil.conf, run by
Debian's nginx in front of a real `vigil serve` (--trusted-proxy
127.0.0.1), as a site would run it. Only its addresses, ports and paths
are rewritten (each exactly once, so that a changed file fails here
rather than drift): a self-signed certificate, free loopback ports, the
test's own prefix, pid file and logs.

- HTTPS with HTTP/2 (curl negotiates h2); a page through nginx is the
  very bytes Vigil serves directly; plain HTTP answers 301 to https.
- An image over nginx's default body limit uploads; a body over Vigil's
  own limits (the upload routes', any other route's) is refused by nginx
  itself with 413, as Vigil would.
- The live stream through nginx over HTTP/2: an update posted after the
  reader connected reaches it while the stream is still open, not
  gzipped; a reader that comes back with Last-Event-ID gets what it
  missed.
- Vigil sees the reader's address, neither nginx's nor one the reader
  forged in X-Forwarded-For (the security log names it).
- On PostgreSQL, two nodes in the upstream: with one killed, the other
  answers every request (not the mirror).
- With Vigil killed, nginx serves the static mirror's pages (marked
  X-Vigil-Mirror), refuses a write with 503, and closes a live stream
  without an answer, so that an EventSource reconnects.
"""
import atexit
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ROOT, Server, Suite, backend_is, demo_db, own,  # noqa: E402
                     vigil)
from editors import add_user, api_token  # noqa: E402

S = Suite("e2e-nginx")
SLUG = "iran-nov-2019"
READER = "127.0.0.5"  # the reader's own address; nginx's is 127.0.0.1
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CURL = shutil.which("curl") or "/usr/bin/curl"
SAMPLE = os.path.join(ROOT, "deploy", "nginx", "vigil.conf")
WAIT = 30  # seconds: the longest any step may take before it fails

os.chmod(S.tmp, 0o755)  # nginx's workers read the mirror and certificate
db = demo_db(S)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


HTTP_PORT, HTTPS_PORT = free_port(), free_port()
BASE = f"https://127.0.0.1:{HTTPS_PORT}"

# ==== The mirror, the certificate, the node ====

mirror = os.path.join(S.tmp, "mirror")
vigil("export", SLUG, "--format", "static", "--output", mirror,
      "--base-url", BASE, db=db)
cert, key = os.path.join(S.tmp, "cert.pem"), os.path.join(S.tmp, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
               check=True, capture_output=True, timeout=60)

NODE_ARGS = ("--trusted-proxy", "127.0.0.1", "--base-url", BASE)
srv = Server(db, *NODE_ARGS)
# Nodes share a record in PostgreSQL only (README, "Many machines").
nodes = [srv, Server(db, *NODE_ARGS)] if backend_is("postgresql") else [srv]

# ==== nginx from the sample, rewritten for the test ====


def rewrite(text, old, new):
    """text with old, which must occur exactly once, replaced by new."""
    n = text.count(old)
    if n != 1:
        sys.exit(f"{SAMPLE}: {old!r} occurs {n} times, expected once")
    return text.replace(old, new)


with open(SAMPLE) as f:
    site = f.read()
for old, new in [
        ("server 127.0.0.1:8080 ", f"server 127.0.0.1:{srv.port} "),
        ("# server 10.0.0.12:8080 ", f"server 127.0.0.1:{nodes[-1].port} "
         if len(nodes) > 1 else "# server 10.0.0.12:8080 "),
        ("listen 80;", f"listen 127.0.0.1:{HTTP_PORT};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{HTTPS_PORT} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/ssl/vigil/fullchain.pem", cert),
        ("/etc/ssl/vigil/privkey.pem", key),
        ("root /var/lib/vigil/mirror;", f"root {mirror};")]:
    site = rewrite(site, old, new)
prefix = os.path.join(S.tmp, "nginx")
os.mkdir(prefix)
with open(os.path.join(prefix, "vigil.conf"), "w") as f:
    f.write(site)
# What Debian's /etc/nginx/nginx.conf puts around a site, gzip on
# included, with the test's own files.
conf = os.path.join(prefix, "nginx.conf")
with open(conf, "w") as f:
    f.write(f"""pid {prefix}/nginx.pid;
{'user root;' if os.geteuid() == 0 else ''}
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
    gzip on;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/vigil.conf;
}}
""")
nginx_err = open(os.path.join(prefix, "error.log"), "w+")
# In the test's process group, which tests/suite.sh kills whole when the
# test is killed; the handler below ends it on every other way out.
nginx = subprocess.Popen([NGINX, "-p", prefix, "-e", nginx_err.name,
                          "-c", conf, "-g", "daemon off;"],
                         stdin=subprocess.DEVNULL, stdout=nginx_err,
                         stderr=nginx_err)


def children(pid):
    """The processes whose parent is pid: nginx's workers."""
    out = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                # "PID (COMM) STATE PPID ...": COMM may hold spaces.
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return out


@atexit.register  # before harness.py's handler: last in, first out
def _stop_nginx():
    """SIGQUIT: the master stops its workers and exits; SIGKILL to each
    of them if it has not within 10 s."""
    if nginx.poll() is not None:
        return
    workers = children(nginx.pid)
    nginx.send_signal(signal.SIGQUIT)
    try:
        nginx.wait(timeout=10)
    except subprocess.TimeoutExpired:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        nginx.kill()
        nginx.wait()


def wait_for_port(port):
    end = time.monotonic() + WAIT
    while time.monotonic() < end and nginx.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


if not (wait_for_port(HTTPS_PORT) and wait_for_port(HTTP_PORT)):
    nginx_err.seek(0)
    sys.exit(f"nginx did not start: {nginx_err.read()}")

# ==== Through nginx with curl ====


class Answer:
    def __init__(self, rc, version, status, headers, body):
        self.rc, self.version, self.status = rc, version, status
        self.headers, self.body = headers, body

    def header(self, name):
        return self.headers.get(name.lower())


def parse_head(raw):
    """The headers of the last head in curl's -D output, lowercased."""
    heads = [h for h in raw.split("\r\n\r\n") if h.strip()]
    out = {}
    for line in (heads[-1].split("\r\n")[1:] if heads else []):
        name, _, value = line.partition(":")
        out[name.strip().lower()] = value.strip()
    return out


def curl(url, *args, source=None):
    """One request with curl (certificate not checked: it is the test's
    own); the negotiated HTTP version, status, headers and body."""
    head = os.path.join(S.tmp, "head")
    body = os.path.join(S.tmp, "body")
    for path in (head, body):
        if os.path.exists(path):
            os.unlink(path)
    cmd = [CURL, "-sSk", "--max-time", str(WAIT), "-D", head, "-o", body,
           "-w", "%{http_version} %{http_code}", *args, url]
    if source:
        cmd[1:1] = ["--interface", source]
    p = subprocess.run(cmd, capture_output=True, timeout=WAIT + 10)
    version, _, status = p.stdout.decode().partition(" ")
    raw = open(head, "rb").read().decode() if os.path.exists(head) else ""
    data = open(body, "rb").read() if os.path.exists(body) else b""
    return Answer(p.returncode, version, int(status or 0), parse_head(raw),
                  data)


def https(path, *args, **kw):
    return curl(BASE + path, "--http2", *args, **kw)


HSTS = "max-age=63072000"

# HTTP/2 to readers, the very bytes of the node.
css = re.search(r'href="(/static/[^"]+\.css)"', srv.get(f"/t/{SLUG}").text())
for path in (f"/t/{SLUG}", f"/t/{SLUG}/feed.atom",
             css.group(1) if css else "/static/(no stylesheet)"):
    a = https(path)
    direct = srv.get(path)
    S.check(a.rc == 0 and a.version == "2" and a.status == 200,
            f"{path}: HTTP/2 and 200 through nginx ({a.rc} {a.version} "
            f"{a.status})")
    S.check(direct.status == 200 and a.body == direct.body,
            f"{path}: the same bytes as the node's ({len(a.body)} vs "
            f"{len(direct.body)})")
    S.check(a.header("strict-transport-security") == HSTS and
            a.header("x-vigil-mirror") is None,
            f"{path}: HSTS, and not the mirror: {a.headers}")
a = https(f"/t/{SLUG}", "-H", "Accept-Encoding: gzip")
S.check(a.status == 200 and a.header("content-encoding") == "gzip" and
        gzip.decompress(a.body) == srv.get(f"/t/{SLUG}").body,
        "gzip from the node's own cache passes through")
a = https("/metrics")
S.check(a.status == 404 and srv.get("/metrics").status == 200,
        f"/metrics is the monitoring's, not the world's: {a.status}")

# An image upload bigger than nginx's default body limit (1 MiB) reaches
# the node; a body over Vigil's own limit is refused at the edge.
photo = os.path.join(S.tmp, "photo.jpg")
bands = [os.path.join(S.tmp, f"noise{i}.v") for i in range(3)]
for band in bands:  # noise: JPEG cannot make it small
    subprocess.run(["vips", "gaussnoise", band, "1200", "1200", "--sigma",
                    "80"], check=True, capture_output=True, timeout=WAIT)
subprocess.run(["vips", "bandjoin", " ".join(bands), photo + ".v"],
               check=True, capture_output=True, timeout=WAIT)
subprocess.run(["vips", "jpegsave", photo + ".v", photo, "--Q", "95"],
               check=True, capture_output=True, timeout=WAIT)
add_user(db, "uploader", "editor")
token = api_token(db, "uploader")
a = https(f"/api/v1/trackers/{SLUG}/media", "-H",
          f"Authorization: Bearer {token}", "-F",
          f"file=@{photo};type=image/jpeg")
S.check(os.path.getsize(photo) > 2 << 20 and a.status == 202,
        f"a {os.path.getsize(photo)}-byte image uploads through nginx: "
        f"{a.status} {a.body[:200]!r}")
big = os.path.join(S.tmp, "big")
with open(big, "wb") as f:
    f.truncate(27 << 20)
small = os.path.join(S.tmp, "small")
with open(small, "wb") as f:
    f.truncate(1 << 20)
a = https(f"/api/v1/trackers/{SLUG}/media", "-H",
          f"Authorization: Bearer {token}", "-H",
          "Content-Type: application/octet-stream", "--data-binary", f"@{big}")
# Vigil's every answer has its security headers; nginx's own has none.
S.check(a.status == 413 and a.header("x-content-type-options") is None,
        f"27 MiB: 413 from nginx itself ({a.status} {a.headers})")

# Another route's body over Vigil's 256 KB: nginx refuses it as Vigil
# would, rather than pass it on for the node to cut short.
# (Vigil answers the head alone: it does not read such a body.)
direct, _ = srv.raw(b"POST /api/v1/login HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/json\r\n"
                    b"Content-Length: 1048576\r\n\r\n")
a = https("/api/v1/login", "-H", f"Origin: {BASE}", "-H",
          "Content-Type: application/json", "--data-binary", f"@{small}")
S.check(direct == 413 and a.status == 413 and
        a.header("x-content-type-options") is None and
        a.header("x-vigil-mirror") is None,
        f"1 MiB to sign-in: 413 from nginx as from Vigil ({a.status}, "
        f"directly {direct})")

# Plain HTTP: a redirect to the same path over HTTPS.
a = curl(f"http://127.0.0.1:{HTTP_PORT}/t/{SLUG}?x=1")
S.check(a.status == 301 and
        a.header("location") == f"https://127.0.0.1/t/{SLUG}?x=1",
        f"plain HTTP answers 301 to https: {a.status} {a.header('location')}")

# ==== The live stream through nginx ====


class Reader:
    """A live reader: curl over HTTP/2, unbuffered, its output read as it
    comes."""

    def __init__(self, *args):
        self.head = os.path.join(S.tmp, f"live-head-{id(self)}")
        self.proc = own(subprocess.Popen(
            [CURL, "-sSkN", "--http2", "--max-time", str(4 * WAIT),
             "-D", self.head, "-H", "Accept: text/event-stream",
             "-H", "Accept-Encoding: gzip", *args, f"{BASE}/t/{SLUG}/live"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL))
        self.data = b""
        self.done = False  # the stream ended
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            with self.cond:
                if not chunk:
                    self.done = True
                    self.cond.notify_all()
                    return
                self.data += chunk
                self.cond.notify_all()

    def wait(self, pred):
        """Waits up to WAIT seconds for pred(); whether it held, and
        whether the stream was still open then."""
        with self.cond:
            ok = self.cond.wait_for(lambda: pred() or self.done, WAIT)
            return bool(ok and pred()), self.proc.poll() is None

    def updates(self):
        """(id, number) of each update event so far."""
        out = []
        for block in self.data.decode(errors="replace").split("\n\n"):
            f = dict(line.split(": ", 1) for line in block.split("\n")
                     if ": " in line and not line.startswith(":"))
            if f.get("event") == "update":
                out.append((int(f["id"]), json.loads(f["data"])["number"]))
        return out

    def headers(self):
        with open(self.head) as f:
            return f.read()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=WAIT)


def post(title):
    _, out, _ = vigil("post", SLUG, "--title", title, db=db,
                      stdin=f"{title}, posted.".encode())
    return int(re.search(r"posted update (\d+)", out).group(1))


live = Reader()
opened, _ = live.wait(lambda: b"retry:" in live.data)
S.check(opened, f"the stream opened through nginx: {live.data[:200]!r}")
head = live.headers()
S.check(head.startswith("HTTP/2 200") and
        "content-type: text/event-stream" in head.lower() and
        "content-encoding" not in head.lower(),
        f"an HTTP/2 event stream, not gzipped: {head!r}")
n = post("Through nginx")
got, open_then = live.wait(lambda: any(u[1] == n for u in live.updates()))
S.check(got and open_then,
        f"the update posted after connecting came while the stream was "
        f"open: {live.updates()} (open: {open_then})")
S.check([u[1] for u in live.updates()] == [n],
        f"exactly once: {live.updates()}")
last_id = live.updates()[0][0] if live.updates() else 0
live.close()

missed = [post(f"Missed {i}") for i in range(2)]
back = Reader("-H", f"Last-Event-ID: {last_id}")
got, open_then = back.wait(lambda: len(back.updates()) >= 2)
S.check(got and open_then and [u[1] for u in back.updates()] == missed,
        f"Last-Event-ID through nginx resumes with what was missed: "
        f"{back.updates()}, expected {missed}")
back.close()

# ==== The reader's address, as the node sees it ====

a = https("/api/v1/login", "-X", "POST", "-H", f"Origin: {BASE}",
          "-H", "Content-Type: application/json",
          "-H", "X-Forwarded-For: 203.0.113.9",  # forged by the reader
          "--data", json.dumps({"login": "nobody",
                                "password": "wrong password!"}),
          source=READER)
S.check(a.status == 401, f"a wrong sign-in through nginx: {a.status}")


def logged_ips(event):
    """The "ip" of every security-log line of event on any node."""
    ips = []
    text = ""
    for node in nodes:
        node.errfile.seek(0)
        text += node.errfile.read().decode(errors="replace")
    for line in text.splitlines():
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if isinstance(j, dict) and j.get("event") == event:
            ips.append(j.get("ip"))
    return ips


ips = logged_ips("sign-in.failed")
S.check(ips == [READER], f"the node logs the reader {READER}, not nginx "
        f"(127.0.0.1) nor the forged address: {ips}")

# ==== A node down: the others answer ====

if len(nodes) > 1:
    nodes[-1].proc.kill()
    nodes[-1].proc.wait(timeout=WAIT)
    want = srv.get(f"/t/{SLUG}").body
    answers = [https(f"/t/{SLUG}") for _ in range(2 * len(nodes))]
    S.check(all(a.status == 200 and a.header("x-vigil-mirror") is None and
                a.body == want for a in answers),
            f"one node killed, the other answers every request: "
            f"{[(a.status, a.header('x-vigil-mirror')) for a in answers]}")

# ==== Vigil down: the mirror ====

srv.proc.kill()
srv.proc.wait(timeout=WAIT)
for path, file in ((f"/t/{SLUG}", f"t/{SLUG}/index.html"),
                   (f"/t/{SLUG}/feed.atom", f"t/{SLUG}/feed.atom")):
    a = https(path)
    with open(os.path.join(mirror, file), "rb") as f:
        want = f.read()
    S.check(a.status == 200 and a.version == "2" and
            a.header("x-vigil-mirror") == "static" and a.body == want,
            f"{path} with Vigil down: the mirror's file ({a.status} "
            f"{a.headers.get('x-vigil-mirror')}, {len(a.body)} vs "
            f"{len(want)} bytes)")
    S.check(a.header("strict-transport-security") == HSTS,
            f"{path}: the mirror keeps HSTS")
a = https(f"/t/{SLUG}", "-H", "Accept-Encoding: gzip")
S.check(a.status == 200 and a.header("content-encoding") == "gzip" and
        a.header("x-vigil-mirror") == "static" and
        gzip.decompress(a.body) == open(
            os.path.join(mirror, "t", SLUG, "index.html"), "rb").read(),
        "the mirror's .gz copy, sent as is")
a = https("/t/no-such-tracker")
S.check(a.status == 404 and a.header("x-vigil-mirror") == "static",
        f"a page the mirror lacks: 404 from the mirror ({a.status})")
a = https("/api/v1/login", "-X", "POST", "-H", f"Origin: {BASE}",
          "-H", "Content-Type: application/json", "--data", "{}")
S.check(a.status == 503 and a.header("x-vigil-mirror") == "static",
        f"a write with Vigil down: 503, not a page ({a.status})")
a = https(f"/t/{SLUG}/live", "-H", "Accept: text/event-stream")
S.check(a.rc != 0 and a.status == 0,
        f"the live stream closes without an answer, for an EventSource "
        f"to retry: curl {a.rc}, status {a.status}")

S.check(nginx.poll() is None, "nginx ran throughout")
_stop_nginx()
nginx_err.seek(0)
errors = [line for line in nginx_err.read().splitlines()
          if "[emerg]" in line or "[alert]" in line or "[crit]" in line]
S.check(not errors, f"nginx logged no serious error: {errors[:3]}")
S.finish()
