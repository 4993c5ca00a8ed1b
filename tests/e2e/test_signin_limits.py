"""test_signin_limits.py: what signing in costs the rest of the site, and
the limits that cannot be worked around (reference/security.md C4, T23,
T31).

- The sign-in form writes nothing: 300 views leave the sessions table
  and the database (SQLite: its files; PostgreSQL: every table's rows)
  as they were. Its CSRF token is a MAC of the browser's pre-login
  cookie and a 15-minute window: it signs in; a forged one, another
  browser's, or one over 30 minutes old is refused (403, the form again)
  and nothing is written.
- Wrong current passwords on /admin/password count against the account:
  30 of them, each from its own address, reach 429.
- An account's lock holds: after it, 5,000 distinct junk logins from 500
  addresses do not free it, not even the 32 among them that the old
  unkeyed table (FNV-1a, 4,096 slots) put in the account's own slot.
- A sign-in flood (40 addresses, 10 wrong passwords each) runs on the
  hashing threads: the cached live page keeps at least half the rate it
  had just before, and a known-device sign-in takes at most 3 times its
  own time without the flood (medians of 3).
Every phase is bounded in count and time; the flood's processes are
ended on every exit path, and the server then stops with hashes still
queued (each waiting request is resumed and answered 503).
"""
import json
import multiprocessing
import os
import re
import statistics
import sys
import threading
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Server, Suite, backend_is, demo_db,  # noqa: E402
                     pg_tables_state, sql_value)
from editors import PASSWORD, Client, add_user  # noqa: E402

S = Suite("e2e-signin-limits")
NOW = 1577534400  # 2019-12-28T12:00:00Z, the harness's VIGIL_NOW
SLUG = "iran-nov-2019"
db = demo_db(S)
add_user(db, "ed", "editor")
add_user(db, "owner", "editor")


def at(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW + seconds))


def sessions():
    return int(sql_value(db, "SELECT count(*) FROM sessions"))


def files():
    """SQLite: the sizes of the database file and its WAL, which any write
    grows; PostgreSQL: every table's rows (its files may grow without a
    write of Vigil's, by autovacuum)."""
    if backend_is("sqlite"):
        return tuple(os.path.getsize(p) if os.path.exists(p) else -1
                     for p in (db, db + "-wal"))
    return pg_tables_state(db)


def form_token(body):
    return re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()


def form_sign_in(c, token, password=PASSWORD):
    return c.request("POST", "/login", {"csrf": token, "login": "ed",
                                        "password": password},
                     form=True, csrf=False)


# ==== The sign-in form writes nothing ====

srv = Server(db, "--demo")
before, size = sessions(), files()
for i in range(300):
    r = srv.get("/login")
    if not S.check(r.status == 200, f"GET /login #{i}: {r.status}"):
        break
S.check(sessions() == before, f"300 views of the form: {before} sessions "
        f"before, {sessions()} after")
S.check(files() == size, f"the database files: {size} -> {files()}")

a, b = Client(srv), Client(srv)
ta = form_token(a.request("GET", "/login").body)
tb = form_token(b.request("GET", "/login").body)
S.check("vigil_pre" in a.cookies and a.cookies != b.cookies,
        f"each browser gets its own pre-login cookie: {a.cookies}")
window, _, mac = ta.partition(".")
forged = window + "." + ("A" if mac[0] != "A" else "B") + mac[1:]
before, size = sessions(), files()
for what, client, token in [("a forged token", a, forged),
                            ("another browser's token", a, tb),
                            ("no token", a, ""),
                            ("a token from another window",
                             a, f"{int(window) - 2}.{mac}")]:
    r = form_sign_in(client, token)
    S.check(r.status == 403 and b'name="csrf"' in r.body,
            f"{what}: {r.status}, the form again")
S.check(sessions() == before and files() == size,
        "the refusals wrote nothing")
r = form_sign_in(b, tb)
S.check(r.status == 303 and r.headers.get("Location") == "/admin",
        f"the form's own token signs in: {r.status} {r.body[:120]}")
S.check("vigil_pre" not in b.cookies and "vigil_sid" in b.cookies,
        f"the session replaces the pre-login cookie: {b.cookies}")
S.check(b.request("GET", "/api/v1/me").status == 200, "signed in")
srv.stop()

# The token holds in its window and the next (15 to 30 minutes), not after.
c = Client(Server(db, "--demo"))
token = form_token(c.request("GET", "/login").body)
c.server.stop()
for minutes, ok in [(29, True), (31, False)]:
    srv = Server(db, "--demo", now=at(minutes * 60))
    c.server = srv
    c.origin = f"http://127.0.0.1:{srv.port}"
    before, size = sessions(), files()
    r = form_sign_in(c, token)
    if ok:
        S.check(r.status == 303, f"a token {minutes} minutes old: {r.status}")
    else:
        S.check(r.status == 403 and sessions() == before and files() == size,
                f"a token {minutes} minutes old: {r.status}, nothing written")
    srv.stop()

# ==== /admin/password: wrong current passwords count ====

srv = Server(db, "--demo")
me = Client(srv, source="127.0.5.1")
S.check(me.login("ed").status == 200, "ed signs in")
statuses = []
for i in range(30):
    me.source = f"127.0.6.{i + 1}"  # each from its own address
    r = me.request("POST", "/admin/password",
                   {"current_password": f"not it, try {i}",
                    "password": "a new and longer passphrase",
                    "password_again": "a new and longer passphrase"},
                   form=True)
    statuses.append(r.status)
print(f"  30 wrong current passwords: {statuses}")
S.check(statuses[:10] == [422] * 10, "the first ten are refused (422)")
S.check(429 in statuses and set(statuses[10:]) == {429},
        "from the 11th on: 429")
srv.stop()

# ==== The account's lock holds against junk logins ====

srv = Server(db, "--demo")


def attempt(source, login, password):
    c = Client(srv, source=source)
    body = {"login": login}
    if password is not None:
        body["password"] = password
    return c.request("POST", "/api/v1/login", body).status


lock = [threading.Thread(target=attempt,
                         args=(f"127.0.7.{i + 1}", "owner", f"guess {i}"))
        for i in range(10)]
for t in lock:
    t.start()
for t in lock:
    t.join()
S.check(attempt("127.0.7.100", "owner", PASSWORD) == 429,
        "after 10 failures the account is locked")
junk_status = {}


def fnv1a(text):
    h = 1469598103934665603
    for byte in text.encode():
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


slot = fnv1a("user:owner") % 4096
aimed = []
for i in range(1 << 22):
    if fnv1a(f"user:aim{i}") % 4096 == slot:
        aimed.append(f"aim{i}")
        if len(aimed) == 32:
            break
logins = aimed + [f"junk{i}" for i in range(5000 - len(aimed))]


def junk(k):
    for i in range(k, 5000, 8):
        st = attempt(f"127.1.{i // 10 // 250}.{i // 10 % 250 + 1}",
                     logins[i], None)
        junk_status[st] = junk_status.get(st, 0) + 1


workers = [threading.Thread(target=junk, args=(k,)) for k in range(8)]
for t in workers:
    t.start()
for t in workers:
    t.join()
print(f"  5,000 junk logins: {junk_status}")
S.check(sum(junk_status.values()) == 5000 and 429 not in junk_status,
        "the junk logins each reached the check")
S.check(attempt("127.0.7.101", "owner", PASSWORD) == 429,
        "after 5,000 junk logins the account is still locked")
srv.stop()

# ==== A sign-in flood runs off the request threads ====


def page_rate(port, seconds):
    """Requests a second a keep-alive client gets for the cached page (a
    request that times out ends the count)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds)
    n, end = 0, time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            conn.request("GET", f"/t/{SLUG}")
            r = conn.getresponse()
            r.read()
            n += r.status == 200
    except OSError:
        pass
    conn.close()
    return n / seconds


def flood(port, net):
    """40 addresses, 10 wrong passwords each, all at once, for logins
    that name no account (counted per address only, so every try that
    finds room in the queue is hashed)."""
    def one(i):
        for k in range(10):
            try:
                c = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=30,
                    source_address=(f"127.{net}.0.{i + 1}", 0))
                c.request("POST", "/api/v1/login",
                          json.dumps({"login": f"stranger{i}",
                                      "password": f"flood {i} {k}"}),
                          {"Content-Type": "application/json"})
                c.getresponse().read()
                c.close()
            except OSError:
                pass
    ts = [threading.Thread(target=one, args=(i,)) for i in range(40)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def start_flood(port, net):
    p = multiprocessing.get_context("fork").Process(target=flood,
                                                    args=(port, net))
    p.start()
    return p


def sign_in_time(source, device):
    c = Client(srv, source=source)
    c.cookies = dict(device)
    t = time.perf_counter()
    st = c.login("ed").status
    return time.perf_counter() - t, st


srv = Server(db, "--demo")
procs = []
try:
    dev = Client(srv, source="127.0.8.1")
    S.check(dev.login("ed").status == 200, "ed signs in once (device cookie)")
    device = {k: v for k, v in dev.cookies.items() if "device" in k}
    srv.get(f"/t/{SLUG}")  # cached from here on
    quiet = statistics.median(sign_in_time("127.0.8.2", device)[0]
                              for _ in range(3))
    base = page_rate(srv.port, 2)
    hashes0 = srv.metric("vigil_password_hashes_total")
    procs.append(start_flood(srv.port, 20))
    time.sleep(0.3)
    during = page_rate(srv.port, 2)
    hashed = srv.metric("vigil_password_hashes_total") - hashes0
    queued = srv.metric("vigil_password_hashes_queued")
    times = []
    for i in range(3):  # each during a flood from fresh addresses
        procs.append(start_flood(srv.port, 21 + i))
        time.sleep(1)  # its requests are in, its hashes queued
        took, st = sign_in_time(f"127.0.8.{3 + i}", device)
        S.check(st == 200, f"ed signs in during the flood: {st}")
        S.check(srv.metric("vigil_password_hashes_queued") >= 1,
                "the flood's hashes were still queued after it")
        times.append(took)
    took = statistics.median(times)
    print(f"  cached page: {base:.0f} req/s quiet, {during:.0f} during the "
          f"flood ({hashed} hashes meanwhile, {queued} still queued); "
          f"known-device sign-in "
          f"{quiet * 1000:.0f} ms quiet, {took * 1000:.0f} ms during")
    S.check(hashed >= 1 and queued >= 1,
            f"the flood kept the hashing thread busy throughout: {hashed} "
            f"hashes, {queued} queued at the end")
    S.check(during >= 0.5 * base,
            f"the cached page keeps half its rate: {during:.0f} vs "
            f"{base:.0f} req/s")
    S.check(took <= 3 * quiet,
            f"a known-device sign-in within 3x its quiet time: "
            f"{took * 1000:.0f} vs {quiet * 1000:.0f} ms")
finally:
    for p in procs:  # what they still wait for is cancelled at the stop
        if p.is_alive():
            p.kill()
        p.join()
status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}")
S.finish()
