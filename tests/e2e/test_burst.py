"""test_burst.py: 128 and 256 keep-alive connections that each send a
request at once are all answered, round after round, within seconds.
libmicrohttpd 0.9.75's own epoll loop stalled exactly here (up to the 15 s
connection timeout when 128 or 256 connections were ready together); the
server now runs its daemons from its own loop (src/http/loop.h)."""
import selectors
import socket
import time

from harness import Suite, Server, demo_db

s = Suite("e2e-burst")
db = demo_db(s)
REQUEST = b"GET /t/iran-nov-2019 HTTP/1.1\r\nHost: x\r\n\r\n"


def round_trip(socks, deadline):
    """Sends one request on every socket, then reads every answer's
    headers and body; returns how many came back whole before deadline."""
    for c in socks:
        c.sendall(REQUEST)
    sel = selectors.DefaultSelector()
    state = {}
    for c in socks:
        sel.register(c, selectors.EVENT_READ)
        state[c] = b""
    done = 0
    while state and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.2):
            c = key.fileobj
            data = c.recv(1 << 16)
            if not data:
                sel.unregister(c)
                del state[c]
                continue
            buf = state[c] + data
            head, sep, body = buf.partition(b"\r\n\r\n")
            if sep:
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                if len(body) >= length:
                    sel.unregister(c)
                    del state[c]
                    done += 1
                    continue
            state[c] = buf
    sel.close()
    return done


srv = Server(db, "--trusted-proxy", "127.0.0.1", "--threads", "1")
srv.get("/t/iran-nov-2019")  # cached from here on
for n in (128, 256):
    socks = [socket.create_connection(("127.0.0.1", srv.port), timeout=5)
             for _ in range(n)]
    for r in range(3):
        done = round_trip(socks, time.monotonic() + 5)
        s.check(done == n, f"{n} connections, round {r + 1}: "
                f"{done}/{n} answered within 5 s")
    for c in socks:
        c.close()
status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")
s.finish()
