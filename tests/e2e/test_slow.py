"""test_slow.py: slow clients, full servers and malformed heads
(security.md C1, C3).

- Every request has a whole-head and a whole-body deadline, wherever it
  is read: a head trickled a byte at a time (also one past 8 KiB, which
  the front once handed to libmicrohttpd unfinished), a body trickled
  the same way (read by libmicrohttpd), and the next head of a kept-alive
  connection libmicrohttpd answered, are all cut about 15 s in, while
  they are still trickling (libmicrohttpd's own timeout restarts on every
  byte).
- The connection limit is one count for the whole server: with
  --max-connections 24 and 4 threads, 24 live readers are all held, and
  the 25th gets a 503 with Retry-After and the C3 headers, as one
  answer. At the limit, a new connection takes the place of one still
  sending its head or its body (a slowloris cannot fill the server), never
  of a live reader.
- A malformed head (an HTTP/1.1 request without Host, a bare LF, a
  folded line, a chunked body, a head past the limit in bytes or in
  lines) gets exactly
  one answer, with the C3 headers, then the connection closes; a well-formed 15 KiB head still
  reaches libmicrohttpd and is answered.
"""
import socket
import threading
import time

from harness import Suite, Server, demo_db, COMMON_HEADERS

T = "/t/iran-nov-2019"
s = Suite("e2e-slow")
db = demo_db(s)
srv = Server(db, "--threads", "4", "--max-connections", "24")


def connect(source="127.0.0.1"):
    c = socket.socket()
    c.bind((source, 0))
    c.settimeout(10)
    c.connect(("127.0.0.1", srv.port))
    return c


def read_all(c):
    """Everything the server sends until it closes."""
    out = b""
    try:
        while chunk := c.recv(65536):
            out += chunk
    except OSError:
        pass
    c.close()
    return out


def answers(raw):
    """(number of answers, the first's status line, its lowercased
    headers): answers are counted by their Content-Length framing."""
    n, first, hdrs0 = 0, "", {}
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        hdrs = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        if n == 0:
            first, hdrs0 = lines[0], hdrs
        n += 1
        length = hdrs.get("content-length", "")
        raw = rest[int(length):] if length.isdigit() else b""
    return n, first, hdrs0


def one_answer(raw, status, what):
    n, line, hdrs = answers(raw)
    s.check(line.startswith(f"HTTP/1.1 {status} "), f"{what}: {line!r}")
    s.check(n == 1, f"{what}: {n} answers")
    missing = [k for k, v in COMMON_HEADERS.items() if hdrs.get(k) != v]
    s.check(not missing and "content-security-policy" in hdrs,
            f"{what}: C3 headers missing: {missing}")
    return hdrs


# ==== Slow clients, in parallel (each trickles for up to 40 s) ====

cut = {}


def trickle(name, c, rest, start):
    """Sends rest a byte per 0.5 s until the server closes c; records
    after how long (from start), or None when the server never did."""
    c.settimeout(0.5)
    took = None
    for i in range(len(rest)):
        try:
            c.sendall(rest[i:i + 1])
            if c.recv(65536) == b"":
                took = time.monotonic() - start
                break
        except socket.timeout:
            continue
        except OSError:
            took = time.monotonic() - start
            break
    cut[name] = took
    c.close()


def slow_head():
    c = connect("127.0.0.2")
    start = time.monotonic()
    c.sendall(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n")
    trickle("head", c, b"X-Slow: " + b"a" * 80 + b"\r\n\r\n", start)


def slow_big_head():
    c = connect("127.0.0.3")
    start = time.monotonic()
    c.sendall(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n" +
              b"X-Pad: " + b"p" * 8300 + b"\r\n")
    trickle("big head", c, b"X-Slow: " + b"a" * 80 + b"\r\n\r\n", start)


def slow_body():
    c = connect("127.0.0.4")
    start = time.monotonic()
    c.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 90\r\n\r\n")
    trickle("body", c, b"l" * 89, start)


def slow_next_head():
    """A kept-alive connection libmicrohttpd answered (a cache miss),
    then the next head trickled."""
    c = connect("127.0.0.6")
    c.sendall(b"GET " + T.encode() + b"?miss=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    got = b""
    while b"\r\n\r\n" not in got:
        got += c.recv(65536)
    start = time.monotonic()
    trickle("next head", c, b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " +
            b"a" * 80 + b"\r\n\r\n", start)


slow = [threading.Thread(target=f) for f in
        (slow_head, slow_big_head, slow_body, slow_next_head)]
for t in slow:
    t.start()

# ==== Malformed heads: one answer each, with the C3 headers ====

for what, head, status in [
        ("HTTP/1.1 without Host", b"GET " + T.encode() + b" HTTP/1.1\r\n\r\n",
         400),
        ("bare LF", b"GET / HTTP/1.1\nHost: x\n\n", 400),
        ("folded line", b"GET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n", 400),
        ("API path without Host", b"GET /api/v1/trackers HTTP/1.1\r\n\r\n",
         400),
        ("HTTP/2.0", b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("20 KiB head", b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " +
         b"p" * 20000 + b"\r\n\r\n", 431),
        ("chunked body", b"POST /api/v1/trackers HTTP/1.1\r\nHost: x\r\n"
         b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 411),
        ("1,000 header lines", b"GET / HTTP/1.1\r\nHost: x\r\n" +
         b"a:b\r\n" * 1000 + b"\r\n", 431)]:
    c = connect()
    c.sendall(head)
    hdrs = one_answer(read_all(c), status, what)
    s.check(hdrs.get("connection") == "close", f"{what}: closes")
    if what.startswith("API"):
        s.check(hdrs.get("content-type", "").startswith("application/json"),
                f"{what}: a JSON error under /api/")

# A well-formed head of 15 KiB is handed over whole and answered.
c = connect()
c.sendall(b"GET " + T.encode() + b"?big=1 HTTP/1.1\r\nHost: x\r\n"
          b"Connection: close\r\n" + b"X-Pad: " + b"p" * 15000 +
          b"\r\n\r\n")
n, line, _ = answers(read_all(c))
s.check(line.startswith("HTTP/1.1 200 ") and n == 1,
        f"a 15 KiB head is answered: {line!r}")

# ==== The deadlines ====

for t in slow:
    t.join(timeout=60)
for name in ("head", "big head", "body", "next head"):
    took = cut.get(name)
    s.check(took is not None and 13 <= took <= 25,
            f"a slow {name} is cut at its deadline: "
            f"{'never' if took is None else f'{took:.1f} s'}")

# ==== One connection limit for the server ====


def is_open(h):
    """True while the server keeps h open (a live reader's events may
    be waiting: they count as open)."""
    h.setblocking(False)
    try:
        return h.recv(65536) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        h.settimeout(10)


def stream(source):
    """A live reader: answered 200, then held open (never cut to make
    room)."""
    h = connect(source)
    h.sendall(b"GET " + T.encode() + b"/live HTTP/1.1\r\nHost: x\r\n\r\n")
    got = b""
    while b"\r\n\r\n" not in got:
        got += h.recv(65536)
    s.check(got.startswith(b"HTTP/1.1 200 "), f"a live reader: {got[:40]!r}")
    return h


def waiting(source, body=False):
    """A connection that has sent only part of its head (or, handed to
    libmicrohttpd, its head and part of its body)."""
    h = connect(source)
    if body:
        h.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  b"application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 90\r\n\r\nlog")
    else:
        h.sendall(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n")
    return h


def page(source):
    c = connect(source)
    c.sendall(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n"
              b"Connection: close\r\n\r\n")
    return read_all(c)


# 24 live readers over 4 threads fill the limit; none may be cut for a
# newcomer, so the 25th connection gets a 503.
readers = [stream(f"127.0.1.{i + 1}") for i in range(24)]
time.sleep(0.3)
s.check(sum(is_open(h) for h in readers) == 24,
        "all 24 live readers are held")
hdrs = one_answer(page("127.0.2.1"), 503, "past the limit")
s.check(hdrs.get("retry-after", "").isdigit(), f"Retry-After: {hdrs}")
readers.pop().close()
time.sleep(0.3)
n, line, _ = answers(page("127.0.2.2"))
s.check(line.startswith("HTTP/1.1 200 "), f"a freed place is taken: {line}")
for h in readers:
    h.close()

# ==== At the limit, a connection still sending makes room ====

# One thread (the one accepting makes room from its own connections),
# a limit of 8: 7 live readers and one connection trickling its head,
# then its body, then the readers alone.
one = Server(db, "--threads", "1", "--max-connections", "8")
srv, srv4 = one, srv
for case in ("head", "body"):
    evicted0 = one.metric("vigil_connections_evicted_total")
    readers = [stream(f"127.0.3.{i + 1}") for i in range(7)]
    slow1 = waiting("127.0.4.1", body=case == "body")
    time.sleep(0.3)
    s.check(is_open(slow1), f"a slow {case} is held at the limit")
    n, line, _ = answers(page("127.0.4.2"))
    s.check(line.startswith("HTTP/1.1 200 "),
            f"at the limit a new reader gets its page (a slow {case} "
            f"waits): {line}")
    time.sleep(0.3)
    s.check(not is_open(slow1), f"the slow {case} made room")
    s.check(all(is_open(h) for h in readers),
            f"the live readers were kept ({case})")
    s.check(one.metric("vigil_connections_evicted_total") == evicted0 + 1,
            f"one connection evicted ({case})")
    slow1.close()
    if case == "body":
        readers.append(stream("127.0.3.8"))
        hdrs = one_answer(page("127.0.4.3"), 503,
                          "readers only: nothing to make room from")
    for h in readers:
        h.close()
    time.sleep(0.3)
status, err = one.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")
srv = srv4

status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")
s.finish()
