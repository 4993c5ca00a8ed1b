"""test_xss.py: the XSS matrix (reference/security.md T7). Every payload
of xss-payloads.json goes into every field that reaches a public output;
every output is parsed by a real parser (HTML by html5lib, Atom by
xmllint and ElementTree, JSON by json) and checked against an allowlist.
A field whose validation refuses a payload keeps a neutral value (and the
refusal is counted), so each payload reaches every field that takes it."""
import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import html5lib

from harness import Suite, Server, empty_db, vigil

s = Suite("e2e-xss")
here = os.path.dirname(os.path.abspath(__file__))
payloads = json.load(open(os.path.join(here, "xss-payloads.json"), encoding="utf-8"))
s.check(len(payloads) >= 100, f"only {len(payloads)} payloads")

ELEMENTS = set("""html head meta title link body header footer main nav section
article aside h1 h2 h3 h4 h5 h6 p a ul ol li dl dt dd div span b strong em i
code pre blockquote time table thead tbody tr th td details summary br hr
small del sup sub svg g path line circle text rect polyline script form
label select option input button q bdi abbr""".split())
ATTRIBUTES = set("""lang dir class id href rel type content name charset
datetime title role viewbox d x y x1 x2 y1 y2 cx cy r width height points
start stroke-width text-anchor colspan scope xmlns aria-labelledby property
aria-label aria-current aria-hidden focusable data-stream data-filter
defer src method action value selected data-newbar translate""".split())
SCHEMES = {"http", "https", "mailto"}


def url_ok(url):
    u = "".join(ch for ch in url if ord(ch) > 0x20).lower()
    m = re.match(r"^([a-z][a-z0-9+.-]*):", u)
    return m is None or m.group(1) in SCHEMES


def html_violations(text):
    out = []
    doc = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    for el in doc.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.split("}")[-1].lower()
        if not tag or tag.startswith("<"):
            continue
        if tag not in ELEMENTS:
            out.append(f"element <{tag}>")
        if tag == "script" and el.get("src") is not None:
            if not re.fullmatch(r"/static/live\.[0-9a-f]+\.js", el.get("src")) \
                    or (el.text or "").strip():
                out.append(f"script src={el.get('src')!r}")
        elif tag == "script":
            if el.get("type") != "application/ld+json":
                out.append("script that is not JSON-LD")
            else:
                try:
                    json.loads(el.text or "")
                except ValueError:
                    out.append("JSON-LD that does not parse")
        for name, value in el.attrib.items():
            n = name.split("}")[-1].lower()
            if n.startswith("on") or n == "style":
                out.append(f"attribute {n} on <{tag}>")
            elif n not in ATTRIBUTES and not n.startswith("aria-"):
                out.append(f"attribute {n} on <{tag}>")
            if n == "src" and tag != "script":
                out.append(f"src on <{tag}>")
            if n in ("href", "src", "action", "formaction") and not url_ok(value):
                out.append(f"{n}={value!r}")
    return out


def bundle(i, p):
    slug = f"x{i}"
    return {
        "vigil_bundle": 1,
        "tracker": {"slug": slug, "title": p, "summary": p,
                    "started_on": "2019-11-15", "ended_on": None,
                    "timezone": "Asia/Tehran", "status": "live",
                    "country": "IR", "languages": "en",
                    "created_at": "2019-11-15T10:00:00Z", "bylines": True},
        "metrics": [{"key": "m", "label": p, "position": 1}],
        "sources": [{"slug": f"s{i}", "name": p, "kind": "ngo", "url": p,
                     "note": p, "grade": None,
                     "created_at": "2019-11-15T10:00:00Z"}],
        "claims": [{"number": 1, "metric": "m", "source": f"s{i}",
                    "qualifier": "at_least", "low": 5, "high": None,
                    "words": None, "as_of": "2019-12-01", "url": p,
                    "quote": p, "note": p, "scope": p, "status": "reported",
                    "recorded_by": "t", "recorded_at": "2019-12-01T10:00:00Z"}],
        "updates": [{"number": 1, "revisions": [{
            "rev": 1, "kind": "update", "status": "published",
            "pinned": True, "key_event": True, "lang": None, "title": p,
            "body": p, "author": f"w{i}", "reason": "create",
            "created_at": "2019-12-01T10:00:00Z",
            "revised_at": "2019-12-01T10:00:00Z",
            "published_at": "2019-12-01T10:00:00Z"}]}],
        "events": [{"number": 1, "date": "2019-12-01", "end_date": None,
                    "time_precision": 1, "type": "Protests",
                    "sub_type": "Peaceful protest", "location": p,
                    "country": "IR", "admin1": p, "latitude": 35.7,
                    "longitude": 51.4, "geo_precision": 1, "actor1": p,
                    "actor2": p, "size": None, "fatalities": 1,
                    "source": f"s{i}", "url": p, "notes": p,
                    "status": "published", "recorded_by": "t",
                    "recorded_at": "2019-12-01T10:00:00Z"}],
    }


def neutralize(b, field):
    """Replaces the refused field (a path like claims[0].quote) with a
    neutral value; returns False when the path is unknown."""
    m = re.match(r"^(\w+)(?:\[(\d+)\])?(?:\.revisions\[(\d+)\])?\.(\w+)$", field)
    if not m:
        return False
    part, idx, rev, key = m.group(1), m.group(2), m.group(3), m.group(4)
    obj = b[part] if idx is None else b[part][int(idx)]
    if rev is not None:
        obj = obj["revisions"][int(rev)]
    key = {"body": "body", "place": "location"}.get(key, key)
    if key not in obj:
        return False
    obj[key] = "https://example.org/neutral" if key == "url" else "neutral"
    return True


db = empty_db(s, "xss")
accepted = {}  # slug -> the bundle as imported
refusals = 0
refused_whole = 0  # payloads no field can hold (NUL: JSON refuses it)
for i, p in enumerate(payloads):
    b = bundle(i, p)
    path = os.path.join(s.tmp, f"b{i}.json")
    for _ in range(20):
        json.dump(b, open(path, "w", encoding="utf-8"))
        rc, out, err = vigil("import", path, db=db, check=False)
        if rc == 0:
            accepted[f"x{i}"] = b
            break
        if "\0" in p and err.startswith("vigil import: bundle:") and \
                "\\u0000" in err:
            refused_whole += 1
            break
        m = re.match(r"vigil import: ([\w\[\].]+): ", err)
        if rc != 1 or not m or not neutralize(b, m.group(1)):
            s.check(False, f"payload {i}: import failed oddly ({rc}): {err}")
            break
        refusals += 1
s.check(len(accepted) + refused_whole == len(payloads),
        f"{len(accepted)} of {len(payloads)} imported")

# Each tracker shows bylines: its update's author, invited with the
# payload as their display name (a neutral one when refused).
for slug in accepted:
    p = payloads[int(slug[1:])]
    login = "w" + slug[1:]
    rc, out, err = vigil("user", "invite", login, "--roles", "editor",
                         "--name", p, db=db, check=False)
    if rc != 0:
        s.check(rc == 1 and "display_name" in err,
                f"{slug}: the display name refused oddly ({rc}): {err}")
        refusals += 1
        vigil("user", "invite", login, "--roles", "editor", "--name",
              "neutral", db=db)

srv = Server(db)
pages = ["", "/u/1", "/day/17", "/tallies", "/tallies/m", "/lite"]
violations = 0
outputs = 0


def html_check(path):
    global violations, outputs
    r = srv.get(path)
    outputs += 1
    if not s.check(r.status == 200, f"GET {path}: {r.status}"):
        return
    for v in html_violations(r.text()):
        violations += 1
        s.check(False, f"{path}: {v}")


bylines = 0
for slug, b in accepted.items():
    for rest in pages + ["/events"]:
        html_check(f"/t/{slug}{rest}")
    bylines += 'class="byline"' in srv.get(f"/t/{slug}").text()
    ev = b["events"][0]
    page = srv.get(f"/t/{slug}/events").text()
    m = re.search(r'href="(/t/[^"]*/places/[^"]*)"', page)
    if s.check(m is not None, f"{slug}: the events page links the place"):
        html_check(m.group(1))
    csv_text = srv.get(f"/t/{slug}/export.csv").text()
    rows = list(csv.reader(io.StringIO(csv_text, newline="")))
    outputs += 2
    row = dict(zip(rows[0], rows[2])) if len(rows) == 3 else {}

    def in_csv(v):  # a spreadsheet formula is kept as text
        return "'" + v if v[:1] in ("=", "+", "-", "@") else v
    if not s.check(row.get("notes") == in_csv(ev["notes"]) and
                   row.get("location") == in_csv(ev["location"]),
                   f"{slug}: the CSV does not round-trip the text"):
        violations += 1
    geo = json.loads(srv.get(f"/t/{slug}/export.geojson").text())
    if not s.check(geo["features"][0]["properties"]["notes"] == ev["notes"],
                   f"{slug}: GeoJSON does not round-trip the text"):
        violations += 1
    atom = srv.get(f"/t/{slug}/feed.atom").body
    outputs += 1
    with open(os.path.join(s.tmp, "feed.xml"), "wb") as f:
        f.write(atom)
    lint = subprocess.run(["xmllint", "--noout", os.path.join(s.tmp, "feed.xml")],
                          capture_output=True)
    if not s.check(lint.returncode == 0, f"{slug} Atom: {lint.stderr[:300]}"):
        violations += 1
    try:
        ET.fromstring(atom)
    except ET.ParseError as e:
        violations += 1
        s.check(False, f"{slug} Atom: {e}")
    feed = json.loads(srv.get(f"/t/{slug}/feed.json").text())
    api = json.loads(srv.get(f"/api/v1/trackers/{slug}").text())
    claims = json.loads(srv.get(f"/api/v1/trackers/{slug}/claims").text())
    outputs += 3
    rev = b["updates"][0]["revisions"][0]
    ok = (feed["items"][0]["title"] == rev["title"] and
          api["tracker"]["title"] == b["tracker"]["title"] and
          api["tracker"]["summary"] == b["tracker"]["summary"] and
          claims["claims"][0]["quote"] == b["claims"][0]["quote"])
    if not s.check(ok, f"{slug}: JSON does not round-trip the text"):
        violations += 1
for path in ["/", "/sources"]:
    html_check(path)
sources = json.loads(srv.get("/api/v1/sources").text())
names = {x["slug"]: x["name"] for x in sources["sources"]}
s.check(all(names.get(f"s{i[1:]}") == b["sources"][0]["name"]
            for i, b in accepted.items()), "source names round-trip in JSON")

s.check(bylines == len(accepted), f"{bylines} of {len(accepted)} live pages "
        "show their update's byline")
print(f"  {len(payloads)} payloads, {refusals} refusals by validation, "
      f"{outputs} outputs parsed, {violations} violations")
s.check(violations == 0, f"{violations} violations")
status, err = srv.stop()
s.check(status == 0, f"server exit {status}: {err[-300:]}")
s.finish()
