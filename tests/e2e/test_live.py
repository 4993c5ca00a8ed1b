"""test_live.py: the live stream (issue 4's first acceptance point):
1,000 concurrent subscribers on loopback, spread over 40 client
addresses, each receive a posted update exactly once; a reconnect with
Last-Event-ID receives exactly the events it missed; a subscriber over the
per-address cap gets 503 with Retry-After; CR and LF in user text never
break an event's framing (one data line per event)."""
import json
import re
import selectors
import socket
import time

from harness import Suite, Server, demo_db, vigil

T = "iran-nov-2019"
s = Suite("e2e-live")
db = demo_db(s)
srv = Server(db)


class Subscriber:
    """One EventSource-like reader on a raw socket."""

    def __init__(self, source, last_id=None, path=f"/t/{T}/live"):
        self.sock = socket.socket()
        self.sock.bind((source, 0))
        self.sock.settimeout(10)
        self.sock.connect(("127.0.0.1", srv.port))
        extra = f"Last-Event-ID: {last_id}\r\n" if last_id is not None else ""
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n"
                          f"Accept: text/event-stream\r\n{extra}\r\n".encode())
        self.raw = b""
        self.sock.setblocking(False)

    def feed(self):
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return False
                self.raw += chunk
        except BlockingIOError:
            return True

    def events(self):
        """The SSE events received so far, as (id, name, data lines)."""
        head, _, body = self.raw.partition(b"\r\n\r\n")
        text = re.sub(rb"\r\n[0-9a-fA-F]+\r\n", b"", b"\r\n" + body)  # dechunk
        out = []
        for block in text.decode(errors="replace").split("\n\n"):
            fields = [l for l in block.split("\n") if l and not l.startswith(":")]
            if not any(f.startswith("event:") for f in fields):
                continue
            ev = {"id": None, "event": None, "data": []}
            for f in fields:
                k, _, v = f.partition(": ")
                if k == "data":
                    ev["data"].append(v)
                elif k in ("id", "event"):
                    ev[k] = v
            out.append(ev)
        return out

    def status(self):
        m = re.match(rb"HTTP/1\.1 (\d+)", self.raw)
        return int(m.group(1)) if m else 0

    def close(self):
        self.sock.close()


def pump(subs, until, timeout=20):
    sel = selectors.DefaultSelector()
    for sub in subs:
        sel.register(sub.sock, selectors.EVENT_READ, sub)
    end = time.time() + timeout
    while time.time() < end and not until():
        for key, _ in sel.select(0.2):
            if not key.data.feed():
                sel.unregister(key.fileobj)
    sel.close()


def post(title, body):
    rc, out, err = vigil("post", T, "--title", title, db=db, stdin=body.encode())
    return int(re.search(r"posted update (\d+)", out).group(1))


# 1,000 readers from 127.0.0.1 .. 127.0.0.40, 25 each (under both caps).
subs = [Subscriber(f"127.0.0.{1 + i % 40}") for i in range(1000)]
pump(subs, lambda: all(b"retry: 5000" in x.raw for x in subs))
s.check(all(x.status() == 200 for x in subs),
        f"{sum(x.status() == 200 for x in subs)}/1000 streams opened")
n = post("Sent to a thousand readers", "One update.\r\n\r\ndata: forged\n\nid: 99")
got = lambda x: [e for e in x.events() if e["event"] == "update"]
pump(subs, lambda: all(got(x) for x in subs))
counts = [len(got(x)) for x in subs]
s.check(all(c == 1 for c in counts),
        f"each reader got the update once: {sum(c == 1 for c in counts)}/1000 "
        f"(min {min(counts)}, max {max(counts)})")
framing_ok = True
for x in subs:
    for e in x.events():
        if len(e["data"]) != 1:
            framing_ok = False
        else:
            d = json.loads(e["data"][0])
            if e["event"] == "update" and d["number"] != n:
                framing_ok = False
s.check(framing_ok, "CR and LF in user text did not break any event's framing")
first = got(subs[0])[0]
s.check(first["id"] is not None and "Sent to a thousand readers" in
        json.loads(first["data"][0])["html"], "the event carries the article")
last_id = int(first["id"])
for x in subs:
    x.close()

# A reader that drops out misses three events, then resumes.
missed = [post(f"Missed {i}", f"Missed while away, {i}.") for i in range(3)]
time.sleep(0.5)
back = Subscriber("127.0.0.2", last_id=last_id)
pump([back], lambda: len(got(back)) >= 3)
numbers = [json.loads(e["data"][0])["number"] for e in got(back)]
s.check(numbers == missed, f"the reconnect got exactly {numbers}, "
        f"expected {missed}")
later = post("After the reconnect", "Live again.")
pump([back], lambda: len(got(back)) >= 4)
numbers = [json.loads(e["data"][0])["number"] for e in got(back)]
s.check(numbers == missed + [later], f"then live again: {numbers}")
back.close()

# The page's ?after= resumes the same way (the change the page was
# rendered at).
page = srv.get(f"/t/{T}").text()
m = re.search(r'data-stream="(/t/[^"]+/live\?after=(\d+))"', page)
s.check(m is not None, "the live page names its stream")
if m:
    post("After the page", "Posted after the page was rendered.")
    late = Subscriber("127.0.0.3", path=m.group(1))
    pump([late], lambda: len(got(late)) >= 1)
    s.check(len(got(late)) == 1 and "After the page" in
            json.loads(got(late)[0]["data"][0])["html"],
            "a page connecting late gets what was posted after it was "
            "rendered, once")
    late.close()

# Over the per-address cap: 503 with Retry-After.
held = [Subscriber("127.0.0.50") for _ in range(32)]
pump(held, lambda: all(b"retry:" in x.raw for x in held))
over = Subscriber("127.0.0.50")
pump([over], lambda: b"\r\n\r\n" in over.raw)
s.check(over.status() == 503 and b"Retry-After: 30" in over.raw,
        f"the 33rd stream from one address: {over.raw[:200]!r}")
other = Subscriber("127.0.0.51")
pump([other], lambda: b"retry:" in other.raw)
s.check(other.status() == 200, "another address still gets a stream")
for x in held + [over, other]:
    x.close()

status, err = srv.stop()
s.check(status == 0, f"server exit {status}: {err[-500:]}")
s.finish()
