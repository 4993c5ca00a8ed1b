"""test_front.py: the front of the request threads (src/http/front.c),
which answers cached pages and live streams itself and hands every other
connection to libmicrohttpd: pipelined GETs; a head sent byte by byte;
HEAD; keep-alive connections whose later requests (a POST with a body, a
cache miss) are handed over and answered right; heads over the front's
bound; the per-address limit counted once across the handover; and the
15 s deadline (security.md C1) for an idle keep-alive connection and for
a head trickled in byte by byte (slowloris), checked while the rest
runs."""
import re
import socket
import time
import zlib

from harness import Suite, Server, demo_db

T = "/t/iran-nov-2019"
s = Suite("e2e-front")
db = demo_db(s)
srv = Server(db)


def connect(source=None):
    c = socket.socket()
    if source:
        c.bind((source, 0))
    c.settimeout(10)
    c.connect(("127.0.0.1", srv.port))
    return c


def get(path, extra=b"", method=b"GET"):
    return (method + b" " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n" +
            extra + b"\r\n")


def read_answers(c, n, heads=()):
    """Reads n answers from c; heads: indexes of answers to HEAD requests
    (no body). Returns [(status, headers dict, body)]."""
    buf = b""
    out = []
    while len(out) < n:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            lines = buf[:end].decode("latin-1").split("\r\n")
            hdrs = {}
            for line in lines[1:]:
                k, _, v = line.partition(":")
                hdrs[k.strip().lower()] = v.strip()
            length = 0 if len(out) in heads else int(
                hdrs.get("content-length", "0"))
            if len(buf) >= end + 4 + length:
                status = int(lines[0].split()[1])
                out.append((status, hdrs, buf[end + 4:end + 4 + length]))
                buf = buf[end + 4 + length:]
                continue
        chunk = c.recv(65536)
        if not chunk:
            break
        buf += chunk
    return out, buf


class socket_from_bytes:
    """A socket whose first recv returns bytes already read."""

    def __init__(self, data, sock):
        self.data, self.sock = data, sock

    def recv(self, n):
        if self.data:
            out, self.data = self.data, b""
            return out
        return self.sock.recv(n)


def closed_within(c, seconds):
    """True when the server closes c (EOF or reset) within seconds."""
    c.settimeout(seconds)
    try:
        while c.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


# The page, cached by a first GET.
page = srv.get(T)
s.check(page.status == 200, f"GET {T}: {page.status}")
etag = page.header("etag")

# Deadlines, checked at the end: an idle keep-alive connection after one
# answer, and a head trickled in one byte a second.
idle = connect()
idle.sendall(get(T))
answers, _ = read_answers(idle, 1)
s.check(answers and answers[0][0] == 200, "a keep-alive connection answered")
idle_since = time.monotonic()
slow = connect()
slow_since = time.monotonic()
slow_head = get(T)
slow.sendall(slow_head[:1])
slow_sent = 1



def counts():
    """(answered by the front, handed over), the /metrics request itself
    counted as one handover (it is no cached page)."""
    text = srv.get("/metrics").text()
    return tuple(int(re.search(rf"^vigil_front_{name}_total (\d+)$", text,
                               re.M).group(1))
                 for name in ("answers", "handovers"))


before = counts()

# Pipelined GETs: three at once, answered in order, whole.
c = connect()
c.sendall(get(T) * 2 + get(T, b"Accept-Encoding: gzip\r\n"))
answers, rest = read_answers(c, 3)
s.check([a[0] for a in answers] == [200, 200, 200] and rest == b"",
        f"three pipelined GETs: {[a[0] for a in answers]}")
s.check(all(a[2] == page.body for a in answers[:2]),
        "pipelined answers carry the page")
s.check(len(answers) == 3 and answers[2][1].get("content-encoding") == "gzip",
        "the third (gzip) answer is compressed")

# HEAD between two GETs: headers only, with the page's length.
c.sendall(get(T, method=b"HEAD") + get(T, b"If-None-Match: " +
                                        etag.encode() + b"\r\n"))
answers, rest = read_answers(c, 2, heads=(0,))
s.check(len(answers) == 2 and answers[0][0] == 200 and
        answers[0][1].get("content-length") == str(len(page.body)) and
        answers[0][2] == b"", "HEAD: the length, no body")
s.check(len(answers) == 2 and answers[1][0] == 304 and rest == b"",
        "then a 304 on the same connection")

# A head arriving byte by byte.
for byte in get(T):
    c.sendall(bytes([byte]))
    time.sleep(0.002)
answers, _ = read_answers(c, 1)
s.check(answers and answers[0][0] == 200 and answers[0][2] == page.body,
        "a head sent byte by byte is answered")
after = counts()
s.check(after[0] - before[0] == 6 and after[1] - before[1] == 1,
        f"the front answered those six itself: {before} -> {after}")

# Keep-alive: a cached page, then a POST with a body (handed over: 405 as
# for any public route), then the page again from libmicrohttpd.
c.sendall(get(T))
answers, _ = read_answers(c, 1)
s.check(answers and answers[0][0] == 200, "the first answer, from the front")
c.sendall(get(T, b"Content-Length: 5\r\n", method=b"POST") + b"hello" + get(T))
answers, _ = read_answers(c, 2)
s.check([a[0] for a in answers] == [405, 200],
        f"a POST then a GET after a cached page: {[a[0] for a in answers]}")
s.check(len(answers) == 2 and answers[0][1].get("allow") == "GET, HEAD" and
        answers[0][1].get("x-frame-options") == "DENY",
        "the handed-over answer has its Allow and C3 headers")
s.check(len(answers) == 2 and answers[1][2] == page.body,
        "the page again, after the handover")
c.close()
now = counts()
s.check(now[0] - after[0] == 1 and now[1] - after[1] == 2,
        f"one answer, then one handover: {after} -> {now}")

# A live stream is the front's too.
c = connect()
c.sendall(get(T + "/live", b"Accept: text/event-stream\r\n"))
head = b""
while b"retry: 5000" not in head:
    chunk = c.recv(4096)
    if not chunk:
        break
    head += chunk
s.check(head.startswith(b"HTTP/1.1 200 OK\r\n") and
        b"Transfer-Encoding: chunked\r\n" in head and b"retry: 5000" in head,
        "a live stream starts")
c.close()
later = counts()
s.check(later[0] - now[0] == 1, f"the front serves it: {now} -> {later}")

# Keep-alive: a cached page, then a cache miss (rendered by libmicrohttpd).
c = connect()
c.sendall(get(T) + get(T + "/days") + get("/no-such-page"))
answers, _ = read_answers(c, 3)
s.check([a[0] for a in answers] == [200, 200, 404],
        f"cached, then a miss, then a 404: {[a[0] for a in answers]}")
s.check(len(answers) == 3 and b"<html" in answers[1][2] and
        answers[1][1].get("etag"), "the miss is rendered whole")
c.close()

# A page of 8 KiB or more goes out of its memfd with sendfile
# (PAGE_FILE_MIN): to a reader with a small receive buffer that reads
# slowly, three pipelined answers arrive whole and in order, and so does
# the gzip form, sent from memory, after them.
s.check(len(page.body) >= 8192,
        f"the live page is big enough for sendfile: {len(page.body)}")
slow_reader = socket.socket()
slow_reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
slow_reader.settimeout(10)
slow_reader.connect(("127.0.0.1", srv.port))
slow_reader.sendall(get(T) * 3 + get(T, b"Accept-Encoding: gzip\r\n"))
got = b""
deadline = time.monotonic() + 20
while time.monotonic() < deadline and len(got) < 4 * len(page.body):
    time.sleep(0.002)
    chunk = slow_reader.recv(1500)
    if not chunk:
        break
    got += chunk
    if got.count(b"HTTP/1.1 200") == 4 and b"gzip" in got:
        break
slow_reader.setblocking(True)
answers, _ = read_answers(socket_from_bytes(got, slow_reader), 4)
s.check(len(answers) == 4 and all(a[2] == page.body for a in answers[:3]),
        "three pages sent with sendfile to a slow reader arrive whole")
s.check(len(answers) == 4 and
        answers[3][1].get("content-encoding") == "gzip" and
        zlib.decompress(answers[3][2], 31) == page.body,
        "the gzip form after them is whole")
slow_reader.close()

# A head over the front's bound (8 KiB) goes to libmicrohttpd whole: it
# answers (its pool holds 32 KiB), and refuses a head beyond that with 431.
status, out = srv.raw(get(T, b"X-Filler: " + b"a" * 9000 + b"\r\n"))
s.check(status == 200 and b"Content-Length: %d" % len(page.body) in out,
        f"a 9 KB head is answered: {status}")
status, _ = srv.raw(get(T, b"X-Filler: " + b"a" * 40000 + b"\r\n"))
s.check(status == 431, f"a 40 KB head: {status}")
status, _ = srv.raw(get(T + "?x=" + "a" * 3000))
s.check(status == 414, f"a 3 KB address: {status}")
status, _ = srv.raw(b"GET " + T.encode() + b" HTTP/1.1\r\n\r\n")
s.check(status == 400, f"HTTP/1.1 without Host: {status}")

# The per-address limit (64) counts the front's connections and the
# handed-over ones once each: 32 partial heads (held by the front) and 32
# unfinished POST bodies (held by libmicrohttpd) fill it.
held = []
for i in range(32):
    h = connect("127.0.0.5")
    h.sendall(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n")
    held.append(h)
    h = connect("127.0.0.5")
    h.sendall(get(T, b"Content-Length: 100\r\n", method=b"POST") + b"x")
    held.append(h)
time.sleep(0.3)
probe = connect("127.0.0.5")
answer = b""
try:
    probe.sendall(get(T, b"Connection: close\r\n"))
    while chunk := probe.recv(65536):
        answer += chunk
except OSError:
    pass
probe.close()
s.check(answer.startswith(b"HTTP/1.1 503 ") and b"\r\nRetry-After: " in answer,
        f"the 65th connection of one address gets 503: {answer[:40]!r}")
for h in held:
    h.close()
time.sleep(0.5)
probe = connect("127.0.0.5")
probe.sendall(get(T, b"Connection: close\r\n"))
s.check(probe.recv(12).startswith(b"HTTP/1.1 200"),
        "all 64 slots come back when they close")
probe.close()

# The deadlines: the slow head keeps trickling until the server closes it
# (15 s after its accept, however busy it is), the idle one after 15 s.
slow.settimeout(0.05)
closed_at = None
while time.monotonic() - slow_since < 20 and closed_at is None:
    try:
        if slow_sent < len(slow_head) - 1:  # never the last byte
            slow.sendall(slow_head[slow_sent:slow_sent + 1])
            slow_sent += 1
        if slow.recv(1) == b"":
            closed_at = time.monotonic()
    except socket.timeout:
        time.sleep(0.5)
    except OSError:
        closed_at = time.monotonic()
took = (closed_at or time.monotonic()) - slow_since
s.check(closed_at is not None and 14 <= took <= 17.5,
        f"a trickled head is closed after {took:.1f} s")
s.check(closed_within(idle, max(0.5, 17.5 - (time.monotonic() - idle_since))),
        "an idle keep-alive connection is closed after 15 s")
took = time.monotonic() - idle_since
s.check(took >= 14, f"not before the deadline ({took:.1f} s)")

status, err = srv.stop()
s.check(status == 0, f"exit {status}: {err[-300:]}")
s.finish()
