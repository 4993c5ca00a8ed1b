"""test_search.py: the search box, on the real server.

- The public site: the box in every page's header is a GET form
  (/t/SLUG/search in a tracker's pages, /search elsewhere) that works
  without JavaScript; results are ranked, linked to their records, with
  the matches marked (<mark>) in escaped text; the pages parse as HTML.
- Folding: Persian written with Arabic letters (ي, ك), a ZWNJ and
  tashkeel is found by the Persian spelling, and the other way round.
- Never drafts, scheduled updates or retracted events on the public
  site; never a victim's sealed name, on the site or the desk. The desk
  (/admin/search, contributors and editors) finds drafts too, and links
  them to their desk pages.
- Roles on one tracker: the desk searches the trackers the user writes
  on. An unlisted tracker is searched from its pages, not from /search.
- An edit through the API is found at once (the index is written in the
  edit's transaction), its old words no longer.
- Bad input is a 4xx with the page and a message: no word, too many
  words, too long (422), a page out of range (422), not UTF-8 (400); an
  unknown tracker 404. Hostile text (<script>, quotes, RTL overrides)
  shows as text.
"""
import json
import os
import subprocess
import sys
import time
from urllib.parse import quote

import html5lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402

S = Suite("e2e-search")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SLUG = "iran-nov-2019"
db = demo_db(S)
key = os.path.join(S.tmp, "master.key")
with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
    f.write(os.urandom(32))
vigil("victim", "add", SLUG, "--name", "Sealedname Person", "--circumstance",
      "detained", "--visibility", "name=custodians", "--master-key", key,
      db=db)
vigil("victim", "add", SLUG, "--name", "Openname Person", "--circumstance",
      "killed", "--master-key", key, db=db)
add_user(db, "ed", "editor")
add_user(db, "con", "contributor")
add_user(db, "ver", "verifier")
srv = Server(db, "--demo")
addresses = iter(f"127.0.4.{i}" for i in range(1, 250))


def signed_in(login):
    c = Client(srv, source=next(addresses))
    S.check(c.login(login).status == 200, f"{login} signs in")
    return c


def valid_html(what, text):
    try:
        return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False
                                   ).parse(text)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        S.check(False, f"{what} is not valid HTML: {e}")
        return html5lib.parse(text, namespaceHTMLElements=False)


def search(path, client=None):
    """GET a search page: (status, parsed tree, text)."""
    r = (client or Client(srv)).request("GET", path)
    text = r.body.decode("utf-8")
    return r.status, valid_html(path, text), text


def hits(doc):
    """Each result: (its link, the text of its heading)."""
    out = []
    for li in doc.iter("li"):
        if li.get("class") == "hit":
            a = li.find("a")
            out.append((a.get("href"), "".join(a.itertext())))
    return out


def marks(doc):
    return ["".join(m.itertext()) for m in doc.iter("mark")]


ed, con, ver = signed_in("ed"), signed_in("con"), signed_in("ver")
API = f"/api/v1/trackers/{SLUG}/updates"

# ==== The box ====

status, doc, page = search(f"/t/{SLUG}")
forms = [f for f in doc.iter("form") if f.get("role") == "search"]
S.check(len(forms) == 1 and forms[0].get("method") == "get" and
        forms[0].get("action") == f"/t/{SLUG}/search" and
        forms[0].find("input").get("name") == "q",
        "the live page's header holds the tracker's search box (GET)")
status, doc, page = search("/")
forms = [f for f in doc.iter("form") if f.get("role") == "search"]
S.check(forms and forms[0].get("action") == "/search",
        "the front page's box searches every tracker")
status, doc, page = search("/search")
S.check(status == 200 and not hits(doc), "the empty box: no results")

# ==== Results ====

status, doc, page = search(f"/t/{SLUG}/search?q=internet+shutdown")
found = hits(doc)
S.check(status == 200 and
        (f"/t/{SLUG}/u/2", "Near-total internet shutdown") in found,
        f"the update is found and linked: {found}")
S.check(any(h.startswith(f"/t/{SLUG}/places/") and "Internet shutdown" in t
            for h, t in found), "events link to their place")
S.check("internet" in [m.lower() for m in marks(doc)] and
        "shutdown" in [m.lower() for m in marks(doc)],
        "the matches are marked")
status, doc, page = search("/search?q=amnesty")
S.check(any(h == f"/t/{SLUG}/tallies/killed" for h, _ in hits(doc)),
        "a claim links to its metric's tallies")
S.check("Protests in Iran" in page or SLUG in page,
        "a search of every tracker names each result's tracker")
status, doc, page = search(f"/t/{SLUG}/search?q=tehran")
S.check(f'href="/t/{SLUG}/places/' in page and "<h2>Places</h2>" in page,
        "the places of the events found are listed")
status, doc, page = search(f"/t/{SLUG}/search?q=openname")
S.check([h for h, _ in hits(doc)] == [f"/t/{SLUG}/victims"],
        f"a public name of the memorial is found: {hits(doc)}")

# ==== Folding: Persian and Arabic spellings ====

arabic = "كتابخانه‌ي مركزي بسته شد. مُحَمَّد"
r = ed.request("POST", API, {"title": "Persian", "body": arabic})
S.check(r.status == 201, f"an update in Arabic letters: {r.status}")
fa, fa_rev = (r.json["number"], r.json["rev"]) if r.json else (0, 0)
for q in ("کتابخانهی مرکزی", "كتابخانه‌ي", "محمد", "مُحمّد"):
    status, doc, page = search(f"/t/{SLUG}/search?q={quote(q)}")
    S.check((f"/t/{SLUG}/u/{fa}", "Persian") in hits(doc),
            f"{q!r} finds the update")

# ==== Drafts: the desk only ====

r = ed.request("POST", API, {"title": "Embargoed zebrafish",
                             "body": "Not yet", "draft": True})
draft = r.json["number"] if r.json else 0
r = ed.request("POST", API, {"title": "Scheduled zebrafish", "body": "Later",
                             "publish_at": "2019-12-30T10:00:00Z"})
later = r.json["number"] if r.json else 0
S.check(draft and later, "a draft and a scheduled update")
for path in ("/search?q=zebrafish", f"/t/{SLUG}/search?q=zebrafish"):
    status, doc, page = search(path)
    S.check(status == 200 and not hits(doc) and "Nothing found" in page
            and "Embargoed" not in page and "Scheduled" not in page,
            f"{path}: readers find no draft")
status, doc, page = search("/admin/search?q=zebrafish", ed)
found = [h for h, _ in hits(doc)]
S.check(sorted(found) == sorted([f"/admin/t/{SLUG}/u/{draft}",
                                 f"/admin/t/{SLUG}/u/{later}"]),
        f"the desk finds them, linked to the desk: {found}")
S.check("draft" in page and "scheduled" in page, "their state is shown")
status, doc, page = search(f"/admin/search?q=zebrafish&tracker={SLUG}", con)
S.check(status == 200 and len(hits(doc)) == 2,
        "a contributor searches the desk too, in one tracker")
status, _, _ = search("/admin/search?q=zebrafish", ver)
S.check(status == 403, f"a verifier has no desk search: {status}")
status, _, _ = search("/admin/search?q=zebrafish&tracker=nosuch", ed)
S.check(status == 404, f"the desk: an unknown tracker: {status}")
# Roles on one tracker: the desk searches that one only.
vigil("tracker", "create", "other", "--title", "Another crisis",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)
add_user(db, "ed-other", "editor", tracker="other")
ed_other = signed_in("ed-other")
status, doc, page = search("/admin/search?q=zebrafish", ed_other)
S.check(status == 200 and not hits(doc) and "Embargoed" not in page,
        f"an editor of another tracker finds no draft of this one: {status}")
status, doc, page = search(f"/admin/search?q=zebrafish&tracker={SLUG}",
                           ed_other)
S.check(not hits(doc) and "Embargoed" not in page,
        f"not when naming it either: {status}")
r = ed.request("POST", f"{API}/{draft}/publish", {})
status, doc, page = search(f"/t/{SLUG}/search?q=zebrafish")
S.check([h for h, _ in hits(doc)] == [f"/t/{SLUG}/u/{draft}"],
        "once published it is found by readers")

# An unlisted tracker: found from its own pages, not from the index's.
vigil("tracker", "create", "quiet", "--title", "A quiet one",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)
vigil("post", "quiet", "--title", "Okapi sighted", "--file", "-", db=db,
      stdin=b"An okapi in the park.")
vigil("tracker", "unlist", "quiet", db=db)
status, doc, _ = search("/search?q=okapi")
S.check(status == 200 and not hits(doc), "the site-wide search skips it")
status, doc, _ = search("/t/quiet/search?q=okapi")
S.check([h for h, _ in hits(doc)] == ["/t/quiet/u/1"],
        f"its own search finds it: {hits(doc)}")

# A retracted event: gone from the site, on the desk marked.
vigil("event", "add", SLUG, "--date", "2019-12-20", "--type", "Protests",
      "--sub-type", "Peaceful protest", "--place", "Sabzevar", "--country",
      "IR", "--notes", "At the Vakilabad gate", db=db)
events = [json.loads(x) for x in
          vigil("event", "list", SLUG, db=db)[1].strip().splitlines()]
status, doc, _ = search(f"/t/{SLUG}/search?q=vakilabad")
S.check(len(hits(doc)) == 1, "a new event is found")
ev = [e["number"] for e in events if "Vakilabad" in (e["notes"] or "")]
vigil("event", "retract", SLUG, str(ev[-1] if ev else 0), db=db)
status, doc, _ = search(f"/t/{SLUG}/search?q=vakilabad")
S.check(not hits(doc), "a retracted event is not found by readers")
status, doc, page = search("/admin/search?q=vakilabad", ed)
S.check(len(hits(doc)) == 1 and "retracted" in page,
        "the desk finds it, marked retracted")

# ==== A bulk import: the server writes its search rows after it ====
# The import leaves its events' search rows to the backlog (store.h); the
# server's background round writes them, newest first, a chunk of 20,000
# a transaction. Nothing else writes meanwhile: only the server's round
# can make the oldest imported event findable.

bulk_csv = os.path.join(S.tmp, "bulk.csv")
subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_acled.py"),
                "25000", bulk_csv], check=True, capture_output=True)
vigil("tracker", "create", "bulk", "--title", "Bulk", "--started-on",
      "2019-01-01", "--timezone", "Asia/Tehran", "--country", "IR", db=db)
vigil("import", bulk_csv, "--tracker", "bulk", db=db)
# Each event's notes end with its row's number: 4999 is the oldest
# chunk's last, 24999 the file's last (no number in the file starts with
# either).
for number in ("24999", "4999"):
    deadline = time.monotonic() + 120
    while True:
        status, doc, page = search(f"/t/bulk/search?q={number}")
        if len(hits(doc)) == 1 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    S.check(status == 200 and len(hits(doc)) == 1,
            f"the server indexes imported event {number} in the background")
S.check("not searchable yet" not in page, "and says nothing is left out")

# ==== Sealed names: never ====

for path, who in (("/search?q=sealedname", None),
                  (f"/t/{SLUG}/search?q=sealedname", None),
                  ("/admin/search?q=sealedname", ed)):
    status, doc, page = search(path, who)
    S.check(status == 200 and not hits(doc) and
            "Sealedname Person" not in page, f"{path}: no sealed name")

# ==== The index follows every edit ====

r = ed.request("POST", f"{API}/{fa}", {"title": "Library closed",
                                      "rev": fa_rev})
S.check(r.status == 200, f"an edit: {r.status}")
status, doc, _ = search(f"/t/{SLUG}/search?q=library")
S.check((f"/t/{SLUG}/u/{fa}", "Library closed") in hits(doc),
        "the new title is found at once")
status, doc, _ = search(f"/t/{SLUG}/search?q=persian")
# (The demo's pinned update names its Persian edition: not this one.)
S.check(all(link != f"/t/{SLUG}/u/{fa}" for link, _ in hits(doc)),
        "the old one no longer")

# ==== Hostile text ====

hostile = "<script>alert(1)</script> \"quoted\" 'single' \u202eevil"
r = ed.request("POST", API, {"title": hostile, "body": "hostilemarker"})
S.check(r.status == 201, f"a hostile title: {r.status} {r.body[:200]}")
status, doc, page = search(f"/t/{SLUG}/search?q=hostilemarker+script")
S.check(status == 200 and len(hits(doc)) == 1 and "<script>alert" not in page
        and "&lt;<mark" in page, f"hostile text is escaped: {hits(doc)}")
status, doc, page = search(f"/search?q={quote(hostile)}")
S.check(status == 200 and "<script>alert" not in page and
        'value="&lt;script&gt;' in page, "the query is shown again, escaped")

# ==== Bad input ====

for path, want, says in (
        ("/search?q=...", 422, "no word"),
        ("/search?q=" + "+".join("abcdefghi"), 422, "more than 8 words"),
        ("/search?q=" + "x" * 201, 422, "at most 200"),
        ("/search?q=tehran&page=0", 422, "page"),
        ("/search?q=tehran&page=51", 422, "page"),
        ("/search?q=tehran&page=two", 422, "page"),
        ("/search?q=%FF%FE", 400, "UTF-8"),
        (f"/t/{SLUG}/search?q=%01", 400, "control"),
        ("/t/nosuch/search?q=tehran", 404, "")):
    status, doc, page = search(path)
    S.check(status == want and says in page,
            f"{path[:40]}: {status}, want {want} saying {says!r}")
    if want != 404:
        S.check('role="search"' in page and "<form" in page,
                f"{path[:40]}: the box comes back")

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err and "runtime error" not in err,
        "the server stops cleanly: " + err[-2000:])
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
