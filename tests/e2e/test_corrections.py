"""test_corrections.py: corrections as records, end to end, on the real
server (either backend).

- An editor proposes retracting a published figure and a verifier
  approves it (the two-person rule: the editor may not, nor may a
  verifier approve their own): the highlights change at once for an
  anonymous reader of the live stream; the tally page strikes the claim
  through with the reason and date; Atom, JSON Feed, the read API, the
  bundle and the static export carry the retraction with its reason;
  `vigil check` passes; export -> import -> export is byte-identical.
- A figure corrected by a new claim: both link to each other.
- The desk: the figures page lists each published claim with the forms to
  withdraw it, and a correction's form; an event's edit form; a victim's
  record edited by a custodian, its sealed field sealed still.
- An update of kind correction names the update it corrects: the
  corrected update shows a notice linking to it on its page, in the
  feeds and over the live stream.
"""
import json
import os
import re
import selectors
import socket
import subprocess
import sys
import time
from xml.etree import ElementTree

import html5lib  # Debian's python3 has it (run-all.sh)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, empty_db, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402

S = Suite("e2e-corrections")
SLUG = "iran-nov-2019"
API = f"/api/v1/trackers/{SLUG}"
REASON = "Reuters withdrew the <figure> & its \"sourcing\""
CANARY = "witness-canary-7f3a"
db = demo_db(S)
key = os.path.join(S.tmp, "master.key")  # the registry's, for the server
with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
    f.write(os.urandom(32))
for login, roles in [("u-editor", "editor"), ("u-verifier", "verifier"),
                     ("u-verifier2", "verifier"), ("u-custodian", "custodian")]:
    add_user(db, login, roles)
srv = Server(db, "--demo", "--master-key", key)
addresses = iter(f"127.0.3.{i}" for i in range(1, 250))


def signed_in(login):
    c = Client(srv, source=next(addresses))
    r = c.login(login)
    S.check(r.status == 200, f"sign-in of {login}: {r.status}")
    return c


ed, ver, ver2, cus = (signed_in(x) for x in
                      ("u-editor", "u-verifier", "u-verifier2", "u-custodian"))


class Reader:
    """An anonymous reader of the live stream, on a raw socket."""

    def __init__(self):
        self.sock = socket.create_connection(("127.0.0.1", srv.port),
                                             timeout=10)
        self.sock.sendall(f"GET /t/{SLUG}/live HTTP/1.1\r\nHost: x\r\n"
                          f"Accept: text/event-stream\r\n\r\n".encode())
        self.sock.setblocking(False)
        self.raw = b""

    def events(self, name):
        _, _, body = self.raw.partition(b"\r\n\r\n")
        text = re.sub(rb"\r\n[0-9a-fA-F]+\r\n", b"", b"\r\n" + body)
        out = []
        for block in text.decode(errors="replace").split("\n\n"):
            lines = dict(l.split(": ", 1) for l in block.split("\n")
                         if ": " in l and not l.startswith(":"))
            if lines.get("event") == name and "data" in lines:
                out.append(json.loads(lines["data"]))
        return out

    def wait(self, until, timeout=20):
        sel = selectors.DefaultSelector()
        sel.register(self.sock, selectors.EVENT_READ)
        end = time.time() + timeout
        while time.time() < end and not until():
            for _ in sel.select(0.2):
                try:
                    chunk = self.sock.recv(65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    sel.close()
                    return until()
                self.raw += chunk
        sel.close()
        return until()

    def close(self):
        self.sock.close()


def valid(what, text):
    """Whether text parses as HTML with no error (html5lib, strictly)."""
    try:
        html5lib.HTMLParser(strict=True).parse(text)
        return S.check(True, what)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        return S.check(False, f"{what} is not valid HTML: {e}")


def claims():
    return {c["number"]: c for c in
            json.loads(srv.get(f"{API}/claims").text())["claims"]}


def highlights_box():
    """The live page's highlights box, as HTML."""
    m = re.search(r'<section class="highlights".*?</section>',
                  srv.get(f"/t/{SLUG}").text(), re.S)
    return m.group(0) if m else ""


def highlight_numbers():
    doc = json.loads(srv.get(API).text())
    return {c["number"] for h in doc["highlights"] for c in h["sources"]}


# ==== A verifier and an editor retract a published figure ====

reader = Reader()
S.check(reader.wait(lambda: b"retry:" in reader.raw),
        "an anonymous reader opens the live stream")
S.check(14 in highlight_numbers(), "claim 14 (Reuters, about 1,500) stands "
        "in the highlights")
S.check("about 1,500" in highlights_box(), "the live page's box shows it")

r = ed.request("POST", f"{API}/claims/14/retract", {"reason": REASON})
S.check(r.status == 201 and r.json["kind"] == "retract" and
        r.json["target"] == 14 and r.json["state"] == "pending" and
        r.json["reason"] == REASON,
        f"the editor proposes the retraction: {r.status} {r.body[:300]}")
pid = r.json["id"] if r.json else 0
S.check(r.headers.get("Location") == f"{API}/proposals/{pid}",
        f"Location names the proposal: {r.headers.get('Location')}")
S.check(claims()[14]["retraction"] is None and 14 in highlight_numbers(),
        "a proposed retraction changes nothing public")
S.check(ed.request("POST", f"{API}/claims/14/retract", {}).status == 422,
        "a retraction without a reason is refused (422)")
S.check(ed.request("POST", f"{API}/claims/14/retract",
                   {"reason": "x", "number": 13}).status == 403,
        "a body naming another claim is refused (403)")
S.check(ed.request("POST", f"{API}/claims/999/retract",
                   {"reason": "x"}).status == 404, "no claim 999: 404")
S.check(ed.request("POST", f"{API}/proposals/{pid}/approve", {}).status == 403,
        "the editor cannot approve it")
r = ver.request("POST", f"{API}/claims/12/retract", {"reason": "Own"})
own = r.json["id"] if r.json else 0
S.check(ver.request("POST", f"{API}/proposals/{own}/approve", {}).status == 403,
        "a verifier cannot approve their own retraction")
r = ver.request("POST", f"{API}/proposals/{pid}/approve", {})
S.check(r.status == 200 and r.json["state"] == "approved" and
        r.json.get("number") == 14,
        f"the verifier approves: {r.status} {r.body[:300]}")
S.check(ver2.request("POST", f"{API}/proposals/{pid}/approve", {}).status
        == 409, "approving twice: 409")

# The highlights change at once, for the anonymous reader too.
S.check(reader.wait(lambda: any("about 1,500" not in e["html"] for e in
                                reader.events("figures"))),
        "the live reader gets highlights without the retracted figure")
S.check(14 not in highlight_numbers(), "the API's highlights drop it")
S.check("about 1,500" not in highlights_box() and
        "at least 1,500" in highlights_box(), "so does the live page's box")

c14 = claims()[14]
S.check(c14["status"] == "retracted" and c14["retraction"] is not None and
        c14["retraction"]["reason"] == REASON and
        c14["retraction"]["at"] == "2019-12-28T12:00:00Z" and
        c14["retraction"]["corrected_by"] is None,
        f"the API shows the retraction with its reason: {c14}")
S.check("proposed_by" not in c14["retraction"] and
        "u-editor" not in srv.get(f"{API}/claims").text(),
        "the API names no editor")
tally = srv.get(f"/t/{SLUG}/tallies/killed").text()
valid("the tally page", tally)
row = re.search(r'<tr id="claim-14" class="retracted">.*?</tr>', tally, re.S)
S.check(row is not None, "the tally page keeps the claim, struck through")
S.check(row is not None and
        "Retracted on <time datetime=\"2019-12-28\">28 December 2019</time>"
        in row.group(0) and
        "Reuters withdrew the &lt;figure&gt; &amp; its &quot;sourcing&quot;"
        in row.group(0),
        "with the date and the reason, escaped")
atom = srv.get(f"/t/{SLUG}/feed.atom").text()
ElementTree.fromstring(atom.encode())  # well-formed, or the test fails
S.check(f"/t/{SLUG}/tallies/killed#claim-14</id>" in atom and
        "Figure retracted: killed: about 1,500 (Reuters" in atom and
        "Reuters withdrew the &amp;lt;figure&amp;gt;" in atom,
        "Atom carries the retraction with its reason")
feed = json.loads(srv.get(f"/t/{SLUG}/feed.json").text())
item = [i for i in feed["items"] if i["_vigil"].get("claim") == 14]
S.check(len(item) == 1 and item[0]["_vigil"]["status"] == "retracted" and
        "Reuters withdrew the &lt;figure&gt;" in item[0]["content_html"],
        f"JSON Feed carries it: {item}")

# ==== A figure corrected by a new claim ====

r = ver.request("POST", f"{API}/claims/11/correct",
                {"reason": "Amnesty's count was 305", "low": 305,
                 "qualifier": "at_least"})
S.check(r.status == 201 and r.json["kind"] == "correct" and
        r.json["low"] == 305 and r.json["source"] == "amnesty" and
        r.json["as_of"] == "2019-12-16",
        f"a verifier proposes a correction (the rest kept): {r.body[:300]}")
cid = r.json["id"] if r.json else 0
r = ver2.request("POST", f"{API}/proposals/{cid}/approve", {})
new = r.json.get("number") if r.json else None
S.check(r.status == 200 and new, f"another verifier approves: {r.status}")
all_claims = claims()
S.check(all_claims[11]["retraction"]["corrected_by"] == new and
        all_claims[new]["corrects"] == 11 and all_claims[new]["low"] == 305,
        "the old claim names its correction, the new one what it corrects")
S.check(new in highlight_numbers() and 11 not in highlight_numbers(),
        "the correction stands in the highlights in its place")
S.check(f'by <a href="#claim-{new}">claim {new}</a>' in
        srv.get(f"/t/{SLUG}/tallies/killed").text(),
        "the tally page links the correction")
S.check(ver.request("POST", f"{API}/claims/11/correct",
                    {"reason": "again", "low": 306}).status == 409,
        "a withdrawn claim is not withdrawn again (409)")

# ==== The desk ====

page = ed.request("GET", f"/admin/t/{SLUG}/claims").body.decode()
valid("the desk's figures page", page)
S.check("Published figures" in page and
        f'action="/admin/t/{SLUG}/claims/13/retract"' in page and
        f'href="/admin/t/{SLUG}/claims/13/correct"' in page,
        "the figures page offers to retract or correct a standing claim")
S.check(f'action="/admin/t/{SLUG}/claims/14/retract"' not in page and
        "Reuters withdrew the &lt;figure&gt;" in page,
        "a retracted claim shows its reason, with no form")
r = ed.request("POST", f"/admin/t/{SLUG}/claims/13/retract",
               {"reason": "From the desk"}, form=True)
S.check(r.status == 303, f"the desk proposes a retraction: {r.status}")
r = ed.request("POST", f"/admin/t/{SLUG}/claims/13/retract", {"reason": ""},
               form=True)
S.check(r.status == 422 and b"reason" in r.body and b"<form" in r.body,
        f"without a reason: the page again, with why: {r.status}")
page = ed.request("GET", f"/admin/t/{SLUG}/claims/12/correct")
S.check(page.status == 200 and b'name="reason"' in page.body and
        b'value="366"' in page.body,
        "the correction form holds the claim's figure")
valid("the correction form", page.body.decode())
r = ed.request("POST", f"/admin/t/{SLUG}/claims/12/correct",
               {"reason": "Kalameh said 367", "metric": "killed",
                "source": "kalameh", "qualifier": "at_least", "low": "367",
                "as_of": "2019-12-16", "url": "", "quote": "", "note": "",
                "scope": ""}, form=True)
S.check(r.status == 303, f"the desk proposes a correction: {r.status}")
props = json.loads(ed.request("GET", f"{API}/proposals").body)["proposals"]
S.check(any(p["kind"] == "retract" and p["target"] == 13 and
            p["reason"] == "From the desk" for p in props) and
        any(p["kind"] == "correct" and p["target"] == 12 and p["low"] == 367
            for p in props), "both wait for a verifier")

# An event edited on the desk and over the API: a new revision.
r = ed.request("GET", f"/admin/t/{SLUG}/events/4")
S.check(r.status == 200 and b'value="Tehran"' in r.body,
        f"the event's edit form: {r.status}")
valid("the event's edit form", r.body.decode())
r = ed.request("POST", f"/admin/t/{SLUG}/events/4",
               {"date": "2019-11-17", "kind": "Protests|Peaceful protest",
                "place": "Tehran", "country": "IR", "notes": "Edited on the "
                "desk", "fatalities": "2"}, form=True)
S.check(r.status == 303, f"the desk saves the edit: {r.status}")
r = ed.request("POST", f"{API}/events/4", {"actor2": "Police (Iran)"})
S.check(r.status == 200 and r.json["notes"] == "Edited on the desk" and
        r.json["fatalities"] == 2 and r.json["actor2"] == "Police (Iran)" and
        r.json["location"] == "Tehran" and r.json["latitude"] is not None,
        f"the API edits it again, the rest kept: {r.body[:300]}")
S.check(ed.request("POST", f"{API}/events/4", {"number": 5}).status == 403,
        "a body naming another event: 403")
S.check(ed.request("POST", f"{API}/events/4",
                   {"date": "2030-01-01"}).status == 422,
        "an edit into the future: 422")

# A victim's record edited by a custodian: the sealed field stays sealed.
r = cus.request("POST", f"{API}/victims/1",
                {"witness": CANARY, "age": "25",
                 "visibility": {"witness": "custodians"}})
S.check(r.status == 200 and r.json["public"]["age"] == "25" and
        "witness" in r.json["public"]["sealed"] and CANARY not in r.body.decode(),
        f"a custodian edits the record: {r.status} {r.body[:300]}")
S.check(ed.request("POST", f"{API}/victims/1", {"age": "26"}).status == 403,
        "an editor may not use the registry's write API")
opened = cus.request("GET", f"{API}/victims/1").json
S.check(opened and opened.get("witness") == CANARY and opened["age"] == "25",
        "the custodian opens the edited field")
page = cus.request("GET", f"/admin/t/{SLUG}/victims/1")
S.check(page.status == 200 and
        f'action="/admin/t/{SLUG}/victims/1"'.encode() in page.body,
        "the record's page has the custodians' edit form")
valid("the record's page", page.body.decode())
r = cus.request("POST", f"/admin/t/{SLUG}/victims/1",
                {"name": "Sample Person One", "age": "27",
                 "circumstance": "killed", "witness": CANARY,
                 "sources": "amnesty"}, form=True)
S.check(r.status == 303, f"the desk saves the edit: {r.status}")
for path in (f"/t/{SLUG}/victims", f"{API}/claims", f"/t/{SLUG}/feed.atom"):
    S.check(CANARY not in srv.get(path).text(), f"{path} lacks the canary")

# ==== An update of kind correction names the update it corrects ====

before = len(reader.events("update"))
r = ed.request("POST", f"{API}/updates",
               {"title": "Correction", "body": "Update 3 misstated a date.",
                "kind": "correction", "corrects": 3})
S.check(r.status == 201 and r.json, f"a correction is posted: {r.status}")
fix = r.json["number"] if r.json else 0
S.check(ed.request("POST", f"{API}/updates",
                   {"body": "x", "corrects": "three"}).status == 422,
        "corrects must be a number (422)")
S.check(ed.request("POST", f"{API}/updates",
                   {"body": "x", "corrects": 999}).status == 404,
        "corrects must name an update (404)")


def corrected_live():
    return [e for e in reader.events("update")[before:] if e["number"] == 3]


S.check(reader.wait(lambda: corrected_live()),
        "the live reader gets update 3 again")
html = corrected_live()[0]["html"] if corrected_live() else ""
S.check("This update was corrected" in html and
        f'href="/t/{SLUG}/u/{fix}"' in html,
        "with a notice linking to the correction")
page = srv.get(f"/t/{SLUG}/u/3").text()
S.check(f'This update was corrected: <a href="/t/{SLUG}/u/{fix}">' in page,
        "its page shows the notice")
valid("the corrected update's page", page)
S.check(f'This corrects <a href="/t/{SLUG}/u/3">update 3</a>'
        in srv.get(f"/t/{SLUG}/u/{fix}").text(),
        "the correction names what it corrects")
S.check(f"/t/{SLUG}/u/{fix}&quot;&gt;read the correction" in
        srv.get(f"/t/{SLUG}/feed.atom").text(),
        "the Atom entry of update 3 links the correction")
api3 = json.loads(srv.get(f"{API}/updates/3").text())["update"]
S.check(api3["corrected_by"] == fix, f"the API says so: {api3}")
reader.close()

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err and "runtime error" not in err,
        "the server stopped cleanly: " + err[-1500:])

# ==== The record: checked, exported, imported, exported again ====

S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
_, one, _ = vigil("export", SLUG, db=db)
bundle = json.loads(one)
b14 = [c for c in bundle["claims"] if c["number"] == 14][0]
S.check(b14["retraction"]["reason"] == REASON and
        b14["retraction"]["proposed_by"] == "u-editor" and
        b14["retraction"]["approved_by"] == "u-verifier",
        f"the bundle keeps the retraction and who did it: {b14}")
S.check([u for u in bundle["updates"] if u["number"] == fix][0]
        .get("corrects") == 3, "and the link of the correction")
copy = empty_db(S, "copy")
vigil("import", "-", db=copy, stdin=one.encode())
_, two, _ = vigil("export", SLUG, db=copy)
S.check(one == two, "export -> import -> export is byte-identical")
S.check(vigil("check", db=copy, check=False)[0] == 0,
        "vigil check passes on the imported record")
mirror = os.path.join(S.tmp, "mirror")
vigil("export", SLUG, "--format", "static", "--output", mirror, db=db)
with open(os.path.join(mirror, "t", SLUG, "tallies", "killed",
                       "index.html")) as f:
    S.check("Reuters withdrew the &lt;figure&gt;" in f.read(),
            "the static export's tally page shows the reason")
with open(os.path.join(mirror, "t", SLUG, "feed.json")) as f:
    S.check("Reuters withdrew the &lt;figure&gt;" in f.read(),
            "and its JSON Feed")
S.check(subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"],
                       cwd=mirror, capture_output=True).returncode == 0,
        "the mirror's files match its SHA256SUMS")
S.finish()
