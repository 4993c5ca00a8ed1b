#!/usr/bin/env python3
"""test_webhooks.py: webhooks delivered by the real `vigil serve` to a
receiver on loopback.

The receiver checks every request's HMAC-SHA256 signature with the secret
`vigil webhook add` printed, answers 500 to the first attempts so that
the courier must retry, and records what it accepted. The changes are
made with the CLI while two servers share the record (two nodes: no row
may be delivered twice once accepted), then more while the receiver is
down; the servers are killed with SIGKILL and a new one started, and
every notification arrives, each webhook's in the order of the changes.
Run on either backend (VIGIL_TEST_BACKEND).
"""
import hashlib
import hmac
import http.server
import json
import os
import re
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Server, Suite, empty_db, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402

FAILS = 3          # attempts at /all the receiver refuses, then accepts
WAIT_S = 60        # the longest a test waits for deliveries
T = "hooks"


class Receiver:
    """An HTTP server on 127.0.0.1 that verifies and records webhooks."""

    def __init__(self, secrets_by_path, port=0):
        self.secrets = secrets_by_path
        self.lock = threading.Lock()
        self.attempts = []   # (path, key, kind, signature ok)
        self.accepted = []   # (path, key, kind, payload) in arrival order
        self.refuse = {"/all": FAILS}  # attempts to refuse, by path
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.receive(self.path, self.headers, body, self)

            def log_message(self, *args):
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def receive(self, path, headers, body, handler):
        ts = headers.get("Vigil-Timestamp", "")
        sig = headers.get("Vigil-Signature", "")
        key = headers.get("Idempotency-Key", "")
        kind = headers.get("Vigil-Event", "")
        secret = self.secrets.get(path, "")
        want = "sha256=" + hmac.new(secret.encode(), ts.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
        ok = (hmac.compare_digest(want, sig) and ts.isdigit()
              and abs(int(ts) - time.time()) < 300)
        with self.lock:
            self.attempts.append((path, key, kind, ok))
            status = 204
            if not ok:
                status = 401
            elif self.refuse.get(path, 0) > 0:
                self.refuse[path] -= 1
                status = 500
            else:
                self.accepted.append((path, key, kind, json.loads(body)))
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def kinds(self, path):
        with self.lock:
            return [k for p, _, k, _ in self.accepted if p == path]


def wait_for(pred):
    """Polls pred until it holds or WAIT_S passes; returns its last value."""
    end = time.monotonic() + WAIT_S
    while True:
        v = pred()
        if v or time.monotonic() > end:
            return v
        time.sleep(0.05)


def post(db, title, *extra):
    _, out, _ = vigil("post", T, "--title", title, *extra, db=db,
                      stdin=f"{title}: the text.\n".encode())
    return int(out.split()[2])  # "posted update N to T"


def webhook_list(db):
    _, out, _ = vigil("webhook", "list", "--tracker", T, db=db)
    return [line.split("\t") for line in out.splitlines()]


def desk(s, db, srv):
    """The desk's page of webhooks: admins only, with CSRF; adds one and
    shows its secret once; refuses what the CLI refuses; removes."""
    add_user(db, "adm", "admin")
    add_user(db, "ed", "editor")
    adm, ed = Client(srv), Client(srv)
    s.check(adm.login("adm").status == 200 and ed.login("ed").status == 200,
            "an admin and an editor sign in")
    page = f"/admin/t/{T}/webhooks"
    r = adm.request("GET", page)
    s.check(r.status == 200 and b"/all" in r.body and b"/published" in r.body
            and r.body.count(b'type="checkbox"') == 7,
            f"an admin sees the webhooks and a box per kind: {r.status}")
    s.check(ed.request("GET", page).status == 403,
            "an editor may not see them")
    form = {"url": "https://bridge.example.org/hook",
            "kind-update.published": "1", "kind-figure.retracted": "1"}
    s.check(ed.request("POST", page, form, form=True).status == 403,
            "nor add one")
    s.check(adm.request("POST", page, form, form=True, csrf=False).status
            == 403, "a form without the CSRF token is refused")
    r = adm.request("POST", page, form, form=True)
    secret = re.search(rb'<code class="secret">([0-9a-f]{64})</code>', r.body)
    s.check(r.status == 200 and secret,
            f"an admin adds one and sees its secret: {r.status}")
    rows = webhook_list(db)
    s.check(rows[-1][2:4] == ["https://bridge.example.org/hook",
                              "update.published,figure.retracted"],
            f"with the kinds ticked: {rows[-1]}")
    again = adm.request("GET", page)
    s.check(secret and secret.group(1) not in again.body,
            "the secret is shown that once")
    n = len(rows)
    r = adm.request("POST", page, dict(form, url="ftp://example.org/"),
                    form=True)
    s.check(r.status == 422 and b"must start with http" in r.body and
            len(webhook_list(db)) == n,
            f"a refused URL says why and adds nothing: {r.status}")
    r = adm.request("POST", page, {"url": "https://example.org/none"},
                    form=True)
    s.check(r.status == 422 and len(webhook_list(db)) == n,
            f"nor does a webhook of no kind: {r.status}")
    hook = rows[-1][0]
    vigil("tracker", "create", "elsewhere", "--title", "Elsewhere",
          "--started-on", "2019-11-15", "--timezone", "UTC", db=db)
    r = adm.request("POST", f"/admin/t/elsewhere/webhooks/{hook}/remove",
                    {}, form=True)
    s.check(r.status == 404 and len(webhook_list(db)) == n,
            f"another tracker's page cannot remove it: {r.status}")
    r = adm.request("POST", f"{page}/{hook}/remove", {}, form=True)
    s.check(r.status == 303 and len(webhook_list(db)) == n - 1,
            f"an admin removes it: {r.status}")


def main():
    s = Suite("webhooks")
    harness.ENV["VIGIL_WEBHOOK_RETRY_MS"] = "100"
    db = empty_db(s)
    vigil("tracker", "create", T, "--title", "Hooks", "--started-on",
          "2019-11-15", "--timezone", "UTC", db=db)
    vigil("metric", "add", T, "killed", "--label", "Killed", db=db)
    vigil("source", "add", "amnesty", "--name", "Amnesty", "--kind", "ngo",
          "--tracker", T, db=db)

    # ==== Two webhooks: every kind, and published updates only ====
    _, out, _ = vigil("webhook", "add", T, "http://127.0.0.1:1/all", db=db)
    s.check(out.startswith("added webhook 1"), f"added: {out!r}")
    secret_all = out.split("secret ")[1].strip()
    s.check(len(secret_all) == 64, "the secret is 64 hex digits")
    receiver = Receiver({"/all": secret_all})
    # The first was added at a port nothing listens on: remove it, and add
    # the receiver's (removal is what the CLI test checks in depth).
    vigil("webhook", "remove", "1", db=db)
    base = f"http://127.0.0.1:{receiver.port}"
    _, out, _ = vigil("webhook", "add", T, base + "/all", db=db)
    secret_all = out.split("secret ")[1].strip()
    _, out, _ = vigil("webhook", "add", T, base + "/published", "--kinds",
                      "update.published", db=db)
    receiver.secrets.update({"/all": secret_all,
                             "/published": out.split("secret ")[1].strip()})

    a = Server(db)
    b = Server(db)  # a second node of the same record

    # ==== Changes, in order ====
    u1 = post(db, "First")
    u2 = post(db, "Second")
    vigil("update", "edit", T, str(u1), "--rev", "1", "--title",
          "First, edited", db=db)
    vigil("claim", "add", T, "--metric", "killed", "--source", "amnesty",
          "--low", "10", "--as-of", "2019-11-16", db=db)
    vigil("update", "retract", T, str(u2), db=db)
    post(db, "Correction", "--kind", "correction", "--corrects", str(u1))
    vigil("claim", "correct", T, "1", "--reason", "a new count", "--low",
          "12", db=db)
    # A refused change queues nothing.
    st, _, _ = vigil("update", "retract", T, "99", db=db, check=False)
    s.check(st == 1, "a refused retraction fails")
    expected = ["update.published", "update.published", "update.edited",
                "figure.published", "update.retracted", "update.corrected",
                "figure.corrected"]

    got = wait_for(lambda: len(receiver.kinds("/all")) >= len(expected) and
                   len(receiver.kinds("/published")) >= 2)
    s.check(got, "every notification arrived")
    s.check(receiver.kinds("/all") == expected,
            f"in the order of the changes: {receiver.kinds('/all')}")
    s.check(receiver.kinds("/published") == ["update.published"] * 2,
            f"a webhook gets only its kinds: {receiver.kinds('/published')}")
    with receiver.lock:
        attempts = list(receiver.attempts)
        accepted = list(receiver.accepted)
    s.check(all(ok for *_, ok in attempts), "every signature verifies")
    first_key = next(k for p, k, _, _ in attempts if p == "/all")
    s.check(sum(1 for a_ in attempts if a_[1] == first_key) == FAILS + 1,
            "a refused notification is retried with the same key until "
            "accepted")
    keys = [k for _, k, _, _ in accepted]
    s.check(len(keys) == len(set(keys)),
            "two nodes deliver no accepted notification twice")
    s.check(len(attempts) == len(accepted) + FAILS,
            f"no attempt beyond the retries: {len(attempts)} attempts, "
            f"{len(accepted)} accepted")
    by_kind = {k: p for path, _, k, p in accepted if path == "/all"}
    up = by_kind["update.edited"]
    s.check(up["tracker"]["slug"] == T and up["update"]["number"] == u1 and
            up["update"]["title"] == "First, edited",
            f"the payload is the change as committed: {up}")
    s.check(by_kind["update.corrected"]["update"]["corrects"] == u1,
            "a correction names the update it corrects")
    fc = by_kind["figure.corrected"]
    s.check(fc["figure"]["low"] == 12 and fc["withdrawn"] == 1 and
            fc["reason"] == "a new count",
            f"a corrected figure names the one withdrawn: {fc}")
    rows = webhook_list(db)
    s.check([r[4:] for r in rows] == [["pending 0", "delivered 7"],
                                      ["pending 0", "delivered 2"]],
            f"webhook list counts the deliveries: {rows}")

    # ==== Durable: the receiver down, the servers killed ====
    port = receiver.port
    receiver.stop()
    post(db, "Third")
    vigil("claim", "retract", T, "2", "--reason", "withdrawn", db=db)
    # The courier tries, fails, and backs off.
    tried = wait_for(lambda: int(harness.sql_value(
        db, "SELECT count(*) FROM outbox WHERE attempts > 0 AND "
        "delivered_at IS NULL")) >= 1)
    s.check(tried, "attempts fail while the receiver is down")
    for srv in (a, b):
        srv.proc.send_signal(signal.SIGKILL)
        srv.proc.wait()
    post(db, "Fourth")  # written while no server runs
    rows = webhook_list(db)
    s.check([r[4] for r in rows] == ["pending 3", "pending 2"],
            f"the outbox keeps what is undelivered: {rows}")
    receiver = Receiver(receiver.secrets, port=port)
    receiver.refuse = {}
    c = Server(db, "--demo")  # --demo: sign in without a second factor
    more = ["update.published", "figure.retracted", "update.published"]
    got = wait_for(lambda: len(receiver.kinds("/all")) >= 3 and
                   len(receiver.kinds("/published")) >= 2)
    s.check(got and receiver.kinds("/all") == more,
            f"after a restart every one arrives, in order: "
            f"{receiver.kinds('/all')}")
    s.check(receiver.kinds("/published") == ["update.published"] * 2,
            "and the other webhook's too")
    titles = [p["update"]["title"] for path, _, k, p in receiver.accepted
              if path == "/published"]
    s.check(titles == ["Third", "Fourth"], f"in order: {titles}")
    s.check(all(ok for *_, ok in receiver.attempts),
            "every signature verifies after the restart")

    desk(s, db, c)

    status, err = c.stop()
    s.check(status == 0, f"the server stops cleanly: {status} {err[-2000:]}")
    receiver.stop()
    st, out, _ = vigil("check", db=db, check=False)
    s.check(st == 0, f"check passes: {out}")
    s.finish()


if __name__ == "__main__":
    main()
