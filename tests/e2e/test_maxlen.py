"""test_maxlen.py: a tracker whose every text field is at the longest the
CLI accepts, in Persian (two- and three-byte characters, and & and " that
grow when escaped), renders whole: every public page, the desk and the
static export are valid UTF-8 and parse (HTML by html5lib, strictly; JSON;
Atom as XML; CSV), and the full tracker title appears uncut in each page's
<title>. Pages were once formatted into fixed arrays, which cut a long
title mid-character."""
import csv
import html
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import html5lib  # Debian's python3 has it (run-all.sh)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, empty_db, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402

S = Suite("e2e-maxlen")

# The limits of core/validate.h, in characters.
TITLE_MAX, NAME_MAX, LABEL_MAX, DISPLAY_NAME_MAX = 200, 200, 100, 80
SUMMARY_MAX, NOTE_MAX, QUOTE_MAX, URL_MAX = 2000, 2000, 4000, 2048

# Persian words, a zero-width non-joiner (three bytes) inside some, and
# characters that grow when escaped.
WORDS = ["اعتراض", "می\u200cشود", "تهران", "خیابان\u200cها", "گزارش",
         "&", "«نام»", "\"", "کشته\u200cشدگان", "آبان"]


def fa(n, salt=0, lines=False):
    """Exactly n characters of Persian text, no space at either end; with
    lines, words are sometimes separated by line breaks."""
    out, i = "", salt
    while len(out) < n:
        sep = "\n" if lines and i % 7 == 6 else " "
        out += WORDS[i % len(WORDS)] + sep
        i += 1
    out = out[:n]
    return out[:-1] + "ه" if out[-1] in " \n\u200c" else out


def long_url(salt):
    """An https URL of exactly URL_MAX bytes."""
    head = f"https://example.org/{salt}/"
    return head + "%D8%A7" * ((URL_MAX - len(head)) // 6) + \
        "a" * ((URL_MAX - len(head)) % 6)


SLUG = "maxlen-" + "f" * 57                  # 64, SLUG_MAX
SOURCE = "src-" + "s" * 60
METRIC = "k" * 64
LOGIN = "e" * 64                             # LOGIN_MAX
TITLE = fa(TITLE_MAX, 0)
assert len(SLUG) == 64 and len(TITLE) == TITLE_MAX
db = empty_db(S, "maxlen")
key = os.path.join(S.tmp, "master.key")
with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
    f.write(os.urandom(32))

# ==== The tracker, through the CLI ====

vigil("tracker", "create", SLUG, "--title", TITLE, "--started-on",
      "2019-11-15", "--timezone", "Asia/Tehran", "--summary",
      fa(SUMMARY_MAX, 1, lines=True), "--country", "IR", "--languages",
      "fa-Arab-IR,en-GB", db=db)
vigil("source", "add", SOURCE, "--name", fa(NAME_MAX, 2), "--kind", "media",
      "--url", long_url("source"), "--note", fa(NOTE_MAX, 3), "--grade", "B",
      db=db)
vigil("metric", "add", SLUG, METRIC, "--label", fa(LABEL_MAX, 4), db=db)
BODY = ("# " + fa(150, 5) + "\n\n" + "\n\n".join(
    fa(900, 6 + i, lines=True) for i in range(30)))
assert len(BODY.encode()) <= 65536
for i in range(3):
    args = ["post", SLUG, "--title", fa(TITLE_MAX, 10 + i), "--lang",
            "fa-Arab-IR", "--file", "-"]
    if i == 1:
        args += ["--key", "--pin"]
    vigil(*args, db=db, stdin=BODY.encode())
vigil("update", "edit", SLUG, "1", "--rev", "1", "--title", fa(TITLE_MAX, 20),
      "--file", "-", db=db, stdin=BODY.encode())
vigil("update", "retract", SLUG, "3", db=db)
vigil("claim", "add", SLUG, "--metric", METRIC, "--source", SOURCE,
      "--qualifier", "range", "--low", "1000", "--high", "2000", "--as-of",
      "2019-11-20", "--url", long_url("claim"), "--quote",
      fa(QUOTE_MAX, 30, lines=True), "--note", fa(NOTE_MAX, 31), "--scope",
      fa(NAME_MAX, 32), db=db)
vigil("event", "add", SLUG, "--date", "2019-11-16", "--type", "Protests",
      "--sub-type", "Peaceful protest", "--place", fa(NAME_MAX, 40),
      "--country", "IR", "--lat", "35.7", "--lon", "51.4", "--actor1",
      fa(NAME_MAX, 41), "--actor2", fa(NAME_MAX, 42), "--size-words",
      "thousands", "--fatalities", "3", "--source", SOURCE, "--url",
      long_url("event"), "--notes", fa(NOTE_MAX, 43, lines=True), db=db)
vigil("victim", "add", SLUG, "--name", fa(NAME_MAX, 50), "--name-native",
      fa(NAME_MAX, 51), "--age", "130", "--gender", fa(NAME_MAX, 52),
      "--date", "2019-11-16", "--place", fa(NAME_MAX, 53), "--circumstance",
      "killed", "--family-contact", fa(NAME_MAX, 54), "--witness",
      fa(NAME_MAX, 55), "--notes", fa(NOTE_MAX, 56, lines=True),
      "--visibility", "family_contact=public,witness=public,notes=public",
      "--sources", SOURCE, "--master-key", key, db=db)
add_user(db, LOGIN, "editor,verifier,custodian,admin")
# Bylines, with the longest display name; an invitation's page with it too.
BYLINE = fa(DISPLAY_NAME_MAX, 60)
vigil("user", "name", LOGIN, BYLINE, db=db)
vigil("tracker", "set", SLUG, "--bylines", "on", db=db)
INVITE = re.search(r"(/invite\?token=\S+)", vigil(
    "user", "invite", "i" * 64, "--roles", "editor", "--tracker", SLUG,
    "--name", fa(DISPLAY_NAME_MAX, 61), db=db)[1]).group(1)

# ==== Checks ====


def strings(doc):
    """Every string in a JSON document, one per line."""
    if isinstance(doc, dict):
        return "\n".join(strings(v) for v in doc.values())
    if isinstance(doc, list):
        return "\n".join(strings(v) for v in doc)
    return doc if isinstance(doc, str) else ""


def utf8(what, body):
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        S.check(False, f"{what}: invalid UTF-8 at byte {e.start}: "
                f"{body[max(0, e.start - 40):e.start + 8]!r}")
        return None


def titled(what, doc):
    """The page's <title> holds the whole tracker title."""
    node = doc.find(".//title")
    text = node.text if node is not None else ""
    return S.check(TITLE in (text or ""),
                   f"{what}: the full title in <title> ({len(text or '')} "
                   f"characters: {(text or '')[-40:]!r})")


def html_ok(what, body, with_title=True):
    text = utf8(what, body)
    if text is None:
        return
    try:
        doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False
                                  ).parse(text)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        S.check(False, f"{what}: not valid HTML: {e}")
        return
    S.check(True, f"{what}: parses")
    if with_title:
        titled(what, doc)


def json_ok(what, body):
    text = utf8(what, body)
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except ValueError as e:
        S.check(False, f"{what}: not JSON: {e}")
        return None
    S.check(True, f"{what}: parses as JSON")
    return doc


def atom_ok(what, body):
    if utf8(what, body) is None:
        return
    try:
        feed = ET.fromstring(body)
    except ET.ParseError as e:
        S.check(False, f"{what}: not XML: {e}")
        return
    t = feed.find("{http://www.w3.org/2005/Atom}title")
    S.check(t is not None and t.text == TITLE,
            f"{what}: the feed's title is whole")


def csv_ok(what, body):
    text = utf8(what, body)
    if text is not None:
        rows = list(csv.reader(io.StringIO(text)))
        S.check(len(rows) >= 3, f"{what}: parses as CSV ({len(rows)} rows)")


def check(what, kind, body):
    if kind == "html":
        html_ok(what, body)
    elif kind == "html-untitled":
        html_ok(what, body, with_title=False)
    elif kind == "json":
        doc = json_ok(what, body)
        if doc is not None and what.endswith("feed.json"):
            S.check(doc.get("title") == TITLE, f"{what}: the title is whole")
    elif kind == "atom":
        atom_ok(what, body)
    elif kind == "csv":
        csv_ok(what, body)
    else:
        S.check(utf8(what, body) is not None, f"{what}: UTF-8")


T = f"/t/{SLUG}"
A = f"/api/v1/trackers/{SLUG}"
PUBLIC = [
    ("/", "html-untitled"), ("/sources", "html-untitled"),
    ("/login", "html-untitled"), (T, "html"), (T + "?filter=key", "html"),
    (T + "/u/1", "html"), (T + "/u/2", "html"), (T + "/u/3", "html"),
    (T + "/day/44", "html"), (T + "/day/1", "html"), (T + "/days", "html"),
    (T + "/tallies", "html"), (T + f"/tallies/{METRIC}", "html"),
    (T + "/lite", "html"), (T + "/events", "html"),
    (T + "/victims", "html"), (T + "/export.csv", "csv"),
    (T + "/export.geojson", "json"), (T + "/feed.atom", "atom"),
    (T + "/feed.json", "json"), ("/api/v1/trackers", "json"), (A, "json"),
    (A + "/updates", "json"), (A + "/updates/1", "json"),
    (A + "/claims", "json"), (A + "/events", "json"),
    ("/api/v1/sources", "json"),
    (T + "/u/99", "html-untitled"),        # the error page
]
DESK = ["/admin", "/admin/sources", "/admin/audit", "/admin/password",
        "/admin/users", f"/admin/users/{LOGIN}", "/admin/users/" + "i" * 64,
        "/admin/trackers",
        f"/admin/t/{SLUG}", f"/admin/t/{SLUG}/u/1", f"/admin/t/{SLUG}/u/3",
        f"/admin/t/{SLUG}/claims", f"/admin/t/{SLUG}/events",
        f"/admin/t/{SLUG}/extract", f"/admin/t/{SLUG}/settings",
        f"/admin/t/{SLUG}/victims", f"/admin/t/{SLUG}/victims/1"]
# The desk's pages of one tracker name it in their <title>.
DESK_TITLED = {f"/admin/t/{SLUG}", f"/admin/t/{SLUG}/claims",
               f"/admin/t/{SLUG}/events", f"/admin/t/{SLUG}/extract",
               f"/admin/t/{SLUG}/settings", f"/admin/t/{SLUG}/victims",
               f"/admin/t/{SLUG}/victims/1"}

srv = Server(db, "--demo", "--master-key", key)
try:
    for path, kind in PUBLIC:
        r = srv.get(path)
        want = 404 if path.endswith("/u/99") else 200
        if S.check(r.status == want, f"GET {path}: {r.status}"):
            check(f"GET {path}", kind, r.body)
    # A place's page, linked from the events page.
    events = srv.get(T + "/events").body.decode("utf-8", "replace")
    m = re.search(r'href="(/t/[^"]+/places/[^"]+)"', events)
    if S.check(m is not None, "the events page links a place"):
        r = srv.get(m.group(1))
        S.check(r.status == 200, f"GET {m.group(1)}: {r.status}")
        check(f"GET {m.group(1)}", "html", r.body)

    editor = Client(srv, source="127.0.9.1")
    S.check(editor.login(LOGIN).status == 200, "the editor signs in")
    for path in DESK:
        r = editor.request("GET", path)
        if S.check(r.status == 200, f"desk GET {path}: {r.status}"):
            check(f"desk GET {path}",
                  "html" if path in DESK_TITLED else "html-untitled", r.body)
    # The extractor's page, given a long Persian article to mark.
    r = editor.request("POST", f"/admin/t/{SLUG}/extract",
                       {"text": fa(20000, 60, lines=True) +
                        " 1,500 people were killed in Tehran.",
                        "published": "2019-12-01", "csrf": editor.csrf},
                       form=True)
    if S.check(r.status == 200, f"desk POST extract: {r.status}"):
        check("desk POST extract", "html", r.body)
    # An update of the editor's: its byline whole on the pages, feeds and
    # API.
    r = editor.request("POST", f"/api/v1/trackers/{SLUG}/updates",
                       {"title": fa(TITLE_MAX, 62), "body": BODY})
    if S.check(r.status == 201, f"the editor posts: {r.status}"):
        n = r.json["number"]
        for path, kind in [(T, "html"), (f"{T}/u/{n}", "html"),
                           (T + "/feed.atom", "atom"),
                           (T + "/feed.json", "json"), (A + "/updates", "json"),
                           (f"{A}/updates/{n}", "json")]:
            r = srv.get(path)
            check(f"bylined {path}", kind, r.body)
            S.check(BYLINE in (html.unescape(r.text()) if kind != "json"
                               else strings(json.loads(r.text()))),
                    f"{path}: the whole byline")
    r = Client(srv).request("GET", INVITE)
    if S.check(r.status == 200, f"the invitation's page: {r.status}"):
        check("GET /invite", "html-untitled", r.body)
        S.check(fa(DISPLAY_NAME_MAX, 61) in html.unescape(r.body.decode()),
                "the invitee's name whole")
finally:
    srv.stop()

# ==== The static export and the snapshot ====

mirror = os.path.join(S.tmp, "mirror")
vigil("export", SLUG, "--format", "static", "--output", mirror,
      "--base-url", "https://vigil.example", db=db)
KINDS = {".html": "html", ".json": "json", ".geojson": "json",
         ".atom": "atom", ".csv": "csv"}
files = 0
for top, _, names in os.walk(mirror):
    for name in names:
        path = os.path.join(top, name)
        rel = os.path.relpath(path, mirror)
        ext = os.path.splitext(name)[1]
        if ext == ".gz" or ext in (".css", ".js", ".svg", ".ico", ".sig"):
            continue
        with open(path, "rb") as f:
            body = f.read()
        kind = KINDS.get(ext, "text")
        if kind == "html" and not rel.startswith(os.path.join("t", SLUG)):
            kind = "html-untitled"
        check(f"export {rel}", kind, body)
        files += 1
S.check(files >= 20, f"the export holds the tracker's pages ({files} files)")
snap = os.path.join(S.tmp, "snapshot.html")
vigil("export", SLUG, "--format", "snapshot", "--output", snap, db=db)
with open(snap, "rb") as f:
    check("snapshot", "html", f.read())
S.finish()
