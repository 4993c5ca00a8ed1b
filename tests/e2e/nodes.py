"""nodes.py: several `vigil serve` nodes on one PostgreSQL record, for
test_nodes.py and test_pg_faults.py: live readers on raw sockets, a write
API client, the change log as PostgreSQL holds it, nginx as the load
balancer, and a node's own connections to the database.

Every process started here is registered with harness.own, so it ends
with the test however the test ends; the clusters are pg.py's."""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time

from harness import api_answer, own
from pg import sql

SLUG = "iran-nov-2019"


def within(seconds, pred, step=0.05):
    """Polls pred until it is true or seconds have passed; returns its last
    value."""
    end = time.monotonic() + seconds
    while True:
        v = pred()
        if v or time.monotonic() >= end:
            return v
        time.sleep(step)


class Reader:
    """One EventSource-like reader of /t/SLUG/live on a raw socket, read by
    a thread of its own (the test reconnects it by hand, as a browser's
    EventSource would, with Last-Event-ID)."""

    def __init__(self, port, last_id=None, slug=SLUG):
        self.raw = b""
        self.eof = False
        self._lock = threading.Lock()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        extra = f"Last-Event-ID: {last_id}\r\n" if last_id is not None else ""
        self.sock.sendall(f"GET /t/{slug}/live HTTP/1.1\r\nHost: x\r\n"
                          f"Accept: text/event-stream\r\n{extra}\r\n"
                          .encode())
        self.sock.settimeout(None)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            with self._lock:
                if not chunk:
                    self.eof = True
                    return
                self.raw += chunk

    def head(self):
        with self._lock:
            head, sep, _ = self.raw.partition(b"\r\n\r\n")
        return head.decode(errors="replace") if sep else ""

    def status(self):
        m = re.match(r"HTTP/1\.[01] (\d+)", self.head())
        return int(m.group(1)) if m else 0

    def header(self, name):
        m = re.search(rf"^{name}: *(.*?)\r?$", self.head(), re.M | re.I)
        return m.group(1) if m else None

    def ready(self):
        """The stream is open (its first frame, retry:, has come)."""
        with self._lock:
            return b"retry:" in self.raw

    def events(self):
        """The events with an id received so far: [(id, name, data)]."""
        with self._lock:
            raw = self.raw
        _, _, body = raw.partition(b"\r\n\r\n")
        if "chunked" in self.head().lower():
            body = re.sub(rb"\r\n[0-9a-fA-F]+\r\n", b"", b"\r\n" + body)
        out = []
        # A block cut by the end of what came so far is not an event yet.
        for block in body.decode(errors="replace").split("\n\n")[:-1]:
            f = {}
            for line in block.split("\n"):
                k, _, v = line.partition(": ")
                if k in ("id", "event", "data"):
                    f[k] = v
            if "id" in f and "event" in f:
                out.append((int(f["id"]), f["event"],
                            json.loads(f["data"]) if "data" in f else None))
        return out

    def ids(self):
        return [e[0] for e in self.events()]

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self._thread.join(timeout=5)


class Api:
    """The write API of one node, as one token's holder."""

    def __init__(self, port, token):
        self.port = port
        self.token = token

    def call(self, method, path, body=None, timeout=30):
        """Returns (status, JSON answer or None); status 0 when the node
        could not be reached or did not answer."""
        h = {"Authorization": "Bearer " + self.token}
        data = None
        if body is not None:
            h["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port,
                                           timeout=timeout)
            c.request(method, path, body=data, headers=h)
            r = c.getresponse()
            raw = r.read()
            c.close()
        except (OSError, http.client.HTTPException):
            return 0, None
        api_answer(method, path, r.status, r.getheader, raw)
        try:
            return r.status, json.loads(raw) if raw else None
        except ValueError:
            return r.status, None

    def post(self, title, body="Posted by the test.", **fields):
        """Posts an update; returns (status, its number or None)."""
        status, j = self.call("POST", f"/api/v1/trackers/{SLUG}/updates",
                              dict(fields, title=title, body=body))
        return status, (j or {}).get("number") if status == 201 else None


def health(port):
    """GET /readyz: (status, body), (0, '') when it does not answer."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/readyz")
        r = c.getresponse()
        body = r.read().decode(errors="replace")
        c.close()
        return r.status, body
    except (OSError, http.client.HTTPException):
        return 0, ""


def changes(db, after=0):
    """The change log after `after`, in order: [(seq, kind, number)] of the
    demo tracker (the ids its live readers get)."""
    rows = sql(db, "SELECT c.seq, c.kind, c.number FROM changes c "
                   "JOIN trackers t ON t.id = c.tracker_id "
                   f"WHERE t.slug = '{SLUG}' AND c.seq > {int(after)} "
                   "ORDER BY c.seq")
    out = []
    for line in rows.splitlines():
        seq, kind, number = line.split("|")
        out.append((int(seq), kind, int(number)))
    return out


def update_numbers(db):
    """The numbers of the demo tracker's updates in the record."""
    rows = sql(db, "SELECT u.number FROM updates u JOIN trackers t "
                   f"ON t.id = u.tracker_id WHERE t.slug = '{SLUG}'")
    return {int(n) for n in rows.split()}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def nginx(tmp, primary, backups):
    """nginx on a free loopback port in front of the nodes: primary first,
    the others `backup` (used only when the primary cannot be reached), so
    a reader's node is known. Every answer names the node that gave it
    (X-Node). Returns (process, port)."""
    port = free_port()
    servers = f"server 127.0.0.1:{primary} max_fails=1 fail_timeout=60s;\n"
    servers += "".join(f"    server 127.0.0.1:{p} backup;\n" for p in backups)
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        # One process, no master: killed (as the harness ends what a test
        # left running), it leaves no worker behind.
        f.write(f"""daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
{'user root;' if os.geteuid() == 0 else ''}
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  upstream vigil {{
    {servers}  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://vigil;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_read_timeout 1h;
      proxy_connect_timeout 2s;
      add_header X-Node $upstream_addr always;
    }}
  }}
}}
""")
    proc = own(subprocess.Popen(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", conf, "-p", tmp],
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE))
    up = within(10, lambda: _listening(port) or proc.poll() is not None)
    if not up or proc.poll() is not None:
        raise RuntimeError("nginx did not start: " +
                           proc.stderr.read().decode(errors="replace"))
    return proc, port


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def local_ports(pid, remote_port):
    """The local ports of process pid's TCP connections to remote_port on
    loopback (its connections to the database)."""
    inodes = set()
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            m = re.match(r"socket:\[(\d+)\]", os.readlink(f"{fd_dir}/{fd}"))
        except OSError:
            continue
        if m:
            inodes.add(m.group(1))
    ports = set()
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            cols = line.split()
            local, remote, inode = cols[1], cols[2], cols[9]
            if (inode in inodes and
                    int(remote.split(":")[1], 16) == remote_port):
                ports.add(int(local.split(":")[1], 16))
    return ports


# The watch's own statements: the LISTEN, and the check it makes every
# 100 ms (store_data_version); no other connection of a node runs these.
WATCH_QUERIES = ("query LIKE 'LISTEN%' OR "
                 "query = 'SELECT coalesce(max(seq), 0) FROM audit_log'")


def listen_backend(admin_uri, node_pid, pg_port):
    """The pid of the backend serving node_pid's LISTEN connection, or
    None while it cannot be told apart (just after a change the watch runs
    other statements; a moment later its check again)."""
    ports = local_ports(node_pid, pg_port)
    if not ports:
        return None
    rows = sql(admin_uri, "SELECT pid FROM pg_stat_activity WHERE "
                          f"client_port IN ({','.join(map(str, ports))}) "
                          f"AND ({WATCH_QUERIES})").split()
    return int(rows[0]) if len(rows) == 1 else None
