"""test_limits.py: connection limits of security.md C1: at most 64
connections from one IPv4 address while another address is still served
(T27's shape), the same for IPv6, none for a trusted proxy
(--trusted-proxy); slots come back when connections close. The 256 per
IPv6 /64 is tested in tests/unit/http/test_proxy.c (one host has one
/64 address here)."""
import socket
import time

from harness import Suite, Server, demo_db

s = Suite("e2e-limits")
db = demo_db(s)
PARTIAL = b"GET /t/iran-nov-2019 HTTP/1.1\r\nHost: x\r\n"  # headers unfinished


def hold(host, port, n, source=None):
    """Opens n connections that have sent part of a request."""
    socks = []
    for _ in range(n):
        c = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        if source:
            c.bind((source, 0))
        c.settimeout(5)
        c.connect((host, port))
        c.sendall(PARTIAL)
        socks.append(c)
    return socks


def served(host, port, source=None):
    """True when a whole request on a new connection gets an answer."""
    c = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    if source:
        c.bind((source, 0))
    c.settimeout(5)
    try:
        c.connect((host, port))
        c.sendall(b"GET /t/iran-nov-2019 HTTP/1.1\r\nHost: x\r\n"
                  b"Connection: close\r\n\r\n")
        return c.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False
    finally:
        c.close()


# IPv4: 64 per address.
srv = Server(db)
held = hold("127.0.0.1", srv.port, 64)
time.sleep(0.3)
s.check(not served("127.0.0.1", srv.port), "the 65th connection from one "
        "address is refused")
ok = sum(served("127.0.0.1", srv.port, "127.0.0.2") for _ in range(20))
s.check(ok == 20, f"another address is served meanwhile ({ok}/20)")
for c in held:
    c.close()
time.sleep(0.3)
s.check(served("127.0.0.1", srv.port), "slots come back when they close")
status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")

# IPv6: 64 per address too.
srv = Server(db, host="::1")
held = hold("::1", srv.port, 64)
time.sleep(0.3)
s.check(not served("::1", srv.port), "the 65th connection from ::1 "
        "is refused")
for c in held[:10]:
    c.close()
time.sleep(0.3)
s.check(served("::1", srv.port), "a closed connection frees a slot")
for c in held[10:]:
    c.close()
status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")

# A trusted proxy: no limit per address or /64.
srv = Server(db, "--trusted-proxy", "::1", host="::1")
held = hold("::1", srv.port, 300)
time.sleep(0.3)
s.check(served("::1", srv.port), "the 301st connection from a trusted "
        "proxy is served")
for c in held:
    c.close()
status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")
s.finish()
