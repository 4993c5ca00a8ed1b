"""test_proxy.py: behind a trusted reverse proxy (--trusted-proxy), the
limits and the security log count the client the proxy names, never the
proxy; from any other peer the header is ignored.

- Sign-in (reference/security.md T31): from the trusted 127.0.0.1, one
  client (X-Forwarded-For) over its per-address limit gets 429 while 40
  other clients behind the same proxy still reach the password check;
  a client forged to the left of the proxy's hop does not count; the
  log names the client. From the untrusted 127.0.0.2 the header changes
  nothing: the peer's own limit holds whatever it names.
- Live readers (--sse-per-ip): per client behind the proxy, per peer
  otherwise; a closed stream gives its slot back.
- Forwarded (RFC 7239) with --proxy-header Forwarded, quoted IPv6 too.
"""
import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db  # noqa: E402
from editors import Client  # noqa: E402

S = Suite("e2e-proxy")
db = demo_db(S)
LIVE = "/t/iran-nov-2019/live"


def sign_in(srv, header, source=None, n=0):
    """One wrong sign-in (an unknown login each time, so that only the
    per-address limit can refuse it); returns the status."""
    c = Client(srv, source=source)
    r = c.request("POST", "/api/v1/login",
                  {"login": f"nobody{n}", "password": "wrong password!"},
                  headers={"X-Forwarded-For": header} if header else None)
    return r.status


def log_ips(srv, event):
    """The "ip" of every security-log line of event so far."""
    srv.errfile.seek(0)
    ips = []
    for line in srv.errfile.read().decode(errors="replace").splitlines():
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if isinstance(j, dict) and j.get("event") == event:
            ips.append(j.get("ip"))
    return ips


# ==== Sign-in limits, per client behind the proxy ====

srv = Server(db, "--trusted-proxy", "127.0.0.1", "--trusted-proxy",
             "10.0.0.0/8")
try:
    A = "198.51.100.1"
    got = [sign_in(srv, A, n=i) for i in range(10)]
    S.check(got == [401] * 10, f"client A's 10 tries reach the check: {got}")
    S.check(sign_in(srv, A, n=10) == 429, "client A's 11th gets 429")
    S.check(sign_in(srv, f"{A}, 10.0.0.7", n=11) == 429,
            "... also through a second trusted proxy")
    others = [sign_in(srv, f"198.51.100.{i}", n=100 + i)
              for i in range(2, 42)]
    S.check(others == [401] * 40,
            f"40 other clients behind the proxy are not locked: "
            f"{[s for s in others if s != 401]}")
    S.check(sign_in(srv, f"{A}, 198.51.100.99", n=200) == 401,
            "a client forged left of the proxy's hop is not the client")
    S.check(sign_in(srv, None, n=201) == 401,
            "the proxy's own requests (no header) have their own count")
    ips = log_ips(srv, "sign-in.throttled")
    S.check(ips and set(ips) == {A},
            f"the log names the client, not the proxy: {ips}")
    failed = log_ips(srv, "sign-in.failed")
    S.check("198.51.100.41" in failed and "127.0.0.1" in failed,
            f"failed sign-ins logged by client: {sorted(set(failed))[:5]}")

    # From an untrusted peer the header is ignored.
    got = [sign_in(srv, f"203.0.113.{i}", source="127.0.0.2", n=300 + i)
           for i in range(10)]
    S.check(got == [401] * 10, f"127.0.0.2's 10 tries: {got}")
    got = [sign_in(srv, f"203.0.113.{i}", source="127.0.0.2", n=400 + i)
           for i in range(50, 53)]
    S.check(got == [429] * 3,
            f"127.0.0.2 is locked whatever X-Forwarded-For says: {got}")
    S.check("203.0.113.50" not in log_ips(srv, "sign-in.throttled"),
            "the untrusted header is not logged as the client")
finally:
    status, err = srv.stop()
S.check(status == 0, f"exit {status}: {err[-300:]}")


# ==== Live readers, per client behind the proxy ====

def stream(header=None, source=None, name="X-Forwarded-For"):
    """Opens a live stream; returns (status, socket) (socket open on 200)."""
    s = socket.socket(socket.AF_INET)
    s.settimeout(10)
    if source:
        s.bind((source, 0))
    s.connect(("127.0.0.1", srv.port))
    extra = f"{name}: {header}\r\n" if header else ""
    s.sendall(f"GET {LIVE} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode())
    head = b""
    while b"\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head[9:12]) if head.startswith(b"HTTP/1.1 ") else 0
    if status != 200:
        s.close()
    return status, s


srv = Server(db, "--trusted-proxy", "127.0.0.1", "--sse-per-ip", "3")
held = []
try:
    for who in ("192.0.2.1", "192.0.2.2"):
        for i in range(3):
            st, s = stream(who)
            S.check(st == 200, f"stream {i + 1} of {who}: {st}")
            held.append(s)
    st, _ = stream("192.0.2.1")
    S.check(st == 503, f"a 4th stream of one client behind the proxy: {st}")
    st, s = stream("192.0.2.3")
    S.check(st == 200, f"another client behind the proxy: {st}")
    held.append(s)
    held.pop(0).close()
    time.sleep(0.3)
    st, s = stream("192.0.2.1")
    S.check(st == 200, f"a closed stream gives its slot back: {st}")
    held.append(s)
    for i in range(3):
        st, s = stream(f"192.0.2.{10 + i}", source="127.0.0.2")
        S.check(st == 200, f"untrusted stream {i + 1}: {st}")
        held.append(s)
    st, _ = stream("192.0.2.20", source="127.0.0.2")
    S.check(st == 503, f"an untrusted peer's header opens no slot: {st}")
finally:
    for s in held:
        s.close()
    status, err = srv.stop()
S.check(status == 0, f"exit {status}: {err[-300:]}")

# ==== Forwarded (RFC 7239) ====

srv = Server(db, "--trusted-proxy", "127.0.0.1", "--proxy-header",
             "Forwarded", "--sse-per-ip", "1")
held = []
try:
    st, s = stream('for="[2001:db8::1]:4711";proto=https', name="Forwarded")
    S.check(st == 200, f"a quoted IPv6 client: {st}")
    held.append(s)
    st, _ = stream("for=\"[2001:db8::2]\"", name="Forwarded")
    S.check(st == 503, f"the same /64 is at its cap: {st}")
    st, s = stream("for=192.0.2.9, for=\"[2001:db8:1::1]\"", name="Forwarded")
    S.check(st == 200, f"another /64, rightmost hop: {st}")
    held.append(s)
    st, s = stream("198.51.100.1")
    S.check(st == 200, f"no Forwarded: the proxy itself is the client: {st}")
    held.append(s)
    st, _ = stream("198.51.100.2")
    S.check(st == 503, f"X-Forwarded-For is not read then: {st}")
    st, _ = stream("for=unknown", name="Forwarded")
    S.check(st == 503, f"an unknown client is the proxy: {st}")
finally:
    for s in held:
        s.close()
    status, err = srv.stop()
S.check(status == 0, f"exit {status}: {err[-300:]}")

# ==== Bad flags ====

for bad in (["--trusted-proxy", "10.0.0.0/33"],
            ["--trusted-proxy", "proxy.example"],
            ["--proxy-header", "X-Real-IP"]):
    try:
        Server(db, *bad).stop()
        S.check(False, f"{bad} is refused")
    except RuntimeError as e:
        S.check("--" in str(e), f"{bad} is refused: {str(e)[-120:]}")
S.finish()
