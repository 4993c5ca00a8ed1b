"""test_extract.py: the extractor for editors (issue 7): POST
/api/v1/extract and the desk's page /admin/t/SLUG/extract, on the real
server.

- The API answers exactly what `vigil extract` prints for the day-44
  sample (DESIGN §7: Day 44 so day 1 on 2019-11-15, killed more than 1,500
  attributed to the PMOI/MEK), by session + CSRF token and by API token.
- Refusals, each changing nothing: no session (401), no CSRF token, a
  contributor (403), text that is not UTF-8 or holds a NUL (400: it
  cannot be read), missing text or a bad date (422 naming the field), an
  unknown tracker (404), a text over the limit (413).
- The desk page: the form, published today in the tracker's time zone;
  the result marks every proposal in the text, offers a prefilled Accept
  form per figure that goes through the existing proposal route, parses
  as valid HTML and shows hostile text (<script>, quotes, RTL
  overrides) as text.
"""
import json
import os
import re
import sys
from html import unescape
from urllib.parse import urlencode

import html5lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Server, Suite, demo_db, row_counts, vigil  # noqa: E402
from editors import Client, add_user, api_token  # noqa: E402

S = Suite("e2e-extract")
SLUG = "iran-nov-2019"
SAMPLE = os.path.join(ROOT, "data", "samples",
                      "article-2019-12-28-day44.txt")
ARTICLE = open(SAMPLE, encoding="utf-8").read()
db = demo_db(S)
add_user(db, "ed", "editor")
add_user(db, "ver", "verifier")
add_user(db, "con", "contributor")
token = api_token(db, "ed")
srv = Server(db, "--demo")
addresses = iter(f"127.0.2.{i}" for i in range(1, 250))


def signed_in(login):
    c = Client(srv, source=next(addresses))
    r = c.login(login)
    S.check(r.status == 200, f"sign-in of {login}: {r.status}")
    return c


def fingerprint():
    """Row counts of every table a write could touch (not sessions)."""
    return row_counts(db, ("trackers", "sources", "metrics", "updates",
                           "claims", "claim_proposals", "events",
                           "audit_log"))


def changes_nothing(what, send, want, field=None):
    before = fingerprint()
    r = send()
    S.check(r.status == want, f"{what}: {r.status}, want {want}: "
            f"{r.body[:200]}")
    S.check(fingerprint() == before, f"{what}: the record changed")
    if field is not None:
        got = (r.json or {}).get("error", {}).get("field")
        S.check(got == field, f"{what}: the error names {got!r}, want "
                f"{field!r}")
    return r


ed = signed_in("ed")
con = signed_in("con")
ver = signed_in("ver")
script = Client(srv, origin=False)
BEARER = {"Authorization": "Bearer " + token}
API = "/api/v1/extract"
body = {"text": ARTICLE, "published": "2019-12-28", "tracker": SLUG}

# ==== The API ====

cli = json.loads(vigil("extract", SAMPLE, "--published", "2019-12-28",
                       "--tracker", SLUG, db=db)[1])
r = changes_nothing("extraction by session", lambda: ed.request(
    "POST", API, body), 200)
S.check(r.getheader("Content-Type", "").startswith("application/json"),
        f"JSON answer: {r.getheader('Content-Type')}")
x = r.json or {}
S.check(x == cli, "the API answers what `vigil extract` prints")
S.check(x.get("published") == "2019-12-28", f"published: {x.get('published')}")
counter = x.get("day_counter") or {}
S.check(counter.get("day") == 44 and counter.get("start") == "2019-11-15",
        f"day 44, so day 1 on 2019-11-15: {counter}")
S.check(ARTICLE.encode()[counter.get("offset", 0):].startswith(b"Day 44"),
        "the counter's offset is a byte offset into the text")
killed = [t for t in x.get("tallies", []) if t["metric"] == "killed" and
          t["qualifier"] == "more_than" and t["low"] == 1500]
S.check(len(killed) == 1 and killed[0]["source"] == "PMOI/MEK",
        f"killed more than 1,500 according to the PMOI/MEK: {killed}")
S.check(any(p["name"] == "Paris" and p["country"] == "FR"
            for p in x.get("places", [])), "Paris is placed in France")
SOURCE_WHY = {"none", "sentence", "earlier", "document", "uncertain"}
AS_OF_WHY = {"none", "explicit", "statement", "published"}


def words_ok(w):
    """The words a reason came from: null, or their text at their byte
    offset."""
    return w is None or (set(w) == {"text", "offset"} and ARTICLE.encode()[
        w["offset"]:].startswith(w["text"].encode()))


S.check(all(t.get("source_why") in SOURCE_WHY and
            t.get("as_of_why") in AS_OF_WHY and
            words_ok(t.get("source_words", 0)) and
            words_ok(t.get("as_of_words", 0)) for t in x.get("tallies", [])),
        "each tally says why it has its source and as-of, and the words: "
        f"{[(t.get('source_why'), t.get('as_of_why')) for t in x.get('tallies', [])]}")
r = changes_nothing("extraction by API token", lambda: script.request(
    "POST", API, body, BEARER), 200)
S.check(r.json == cli, "a token gets the same answer")
r = changes_nothing("without a publication date", lambda: script.request(
    "POST", API, {"text": ARTICLE}, BEARER), 200)
S.check(r.json is not None and r.json["published"] is None and
        "last month" not in [d["text"] for d in r.json["dates"]] and
        "December 24 to December 26, 2019" in [d["text"]
                                               for d in r.json["dates"]],
        f"relative dates are left out, absolute ones found: {r.json}")

# ==== Refusals ====

changes_nothing("no session", lambda: Client(srv).request("POST", API, body),
                401)
changes_nothing("a token that is no token", lambda: script.request(
    "POST", API, body, {"Authorization": "Bearer nope"}), 401)
changes_nothing("no CSRF token", lambda: ed.request("POST", API, body,
                                                     csrf=False), 403)
changes_nothing("from another site", lambda: ed.request(
    "POST", API, body, origin="https://evil.example"), 403)
changes_nothing("a contributor", lambda: con.request("POST", API, body), 403)
changes_nothing("a verifier", lambda: ver.request("POST", API, body), 403)
changes_nothing("no text", lambda: ed.request(
    "POST", API, {"published": "2019-12-28"}), 422, "text")
changes_nothing("empty text", lambda: ed.request(
    "POST", API, {"text": ""}), 422, "text")
for bad in ("2019-13-45", "28/12/2019", "yesterday"):
    changes_nothing(f"bad date {bad}", lambda: ed.request(
        "POST", API, dict(body, published=bad)), 422, "published")
changes_nothing("unknown tracker", lambda: ed.request(
    "POST", API, dict(body, tracker="no-such-tracker")), 404, "tracker")
r = changes_nothing("not UTF-8 (a form)", lambda: srv.request(
    "POST", API, dict(BEARER, **{
        "Content-Type": "application/x-www-form-urlencoded"}),
    b"published=2019-12-28&text=Day+44%FF%FE+of"), 400)
err = json.loads(r.body)["error"]
S.check(err["field"] == "text" and "UTF-8" in err["message"],
        f"the refusal names the text and says why: {err}")
r = changes_nothing("not UTF-8 (JSON)", lambda: srv.request(
    "POST", API, dict(BEARER, **{"Content-Type": "application/json"}),
    b'{"text": "Day 44 \xff\xfe"}'), 400)
r = changes_nothing("a NUL in the text", lambda: srv.request(
    "POST", API, dict(BEARER, **{
        "Content-Type": "application/x-www-form-urlencoded"}),
    b"text=Day+44%00+of+the+protests"), 400)
err = json.loads(r.body)["error"]
S.check(err["field"] == "text" and "byte 6" in err["message"],
        f"the NUL is found, not cut off: {err}")
r = changes_nothing("text over 128 KB", lambda: ed.request(
    "POST", API, {"text": "Day 44 of the protests. " * 6000}), 413, "text")
changes_nothing("a body over 256 KB", lambda: ed.request(
    "POST", API, {"text": "x" * 300000}), 413)
changes_nothing("GET is not the route", lambda: ed.request("GET", API), 405)

# ==== The desk page ====

PAGE = f"/admin/t/{SLUG}/extract"
r = changes_nothing("the form", lambda: ed.request("GET", PAGE), 200)
page = r.body.decode()
S.check('name="published" value="2019-12-28"' in page,
        "the publication date defaults to today")
S.check('<textarea name="text"' in page and 'name="csrf"' in page,
        "the form has the text and the CSRF token")
index = ed.request("GET", "/admin").body.decode()
S.check(f'href="{PAGE}"' in index, "the desk index links the page")
claims = ed.request("GET", f"/admin/t/{SLUG}/claims").body.decode()
S.check(f'href="{PAGE}"' in claims, "the figures page links it")
S.check(f'href="{PAGE}"' not in ver.request("GET", "/admin").body.decode(),
        "a verifier is not offered it")
changes_nothing("a verifier opens it", lambda: ver.request("GET", PAGE), 403)
changes_nothing("anonymous", lambda: Client(srv).request("GET", PAGE), 303)
changes_nothing("unknown tracker page", lambda: ed.request(
    "GET", "/admin/t/no-such-tracker/extract"), 404)


def valid_html(what, text):
    """Parses strictly (html5lib raises on any parse error); returns the
    tree."""
    try:
        return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False
                                   ).parse(text)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        S.check(False, f"{what} is not valid HTML: {e}")
        return html5lib.parse(text, namespaceHTMLElements=False)


def submit(client, text, published="2019-12-28", **more):
    return client.request("POST", PAGE, dict(text=text, published=published,
                                              csrf=client.csrf, **more),
                          form=True)


r = changes_nothing("extraction on the desk", lambda: submit(
    ed, ARTICLE, url="https://example.org/day-44"), 200)
page = r.body.decode()
doc = valid_html("the result page", page)
marks = doc.findall(".//mark")
S.check(len(marks) >= len(cli["tallies"]) + len(cli["dates"]),
        f"every proposal is marked: {len(marks)} marks")
texts = ["".join(m.itertext()) for m in marks]
S.check("over 1500 protesters were killed" in texts and "Day 44" in texts
        and "Place de Trocadero" in texts,
        f"marks hold the proposals' words: {texts[:8]}")
shown = doc.find(".//div[@class='extracted']")
S.check(shown is not None and "".join(shown.itertext()) == ARTICLE,
        "the marked text is the text, every byte")
forms = [f for f in doc.findall(".//form")
         if f.get("action") == f"/admin/t/{SLUG}/claims"]
S.check(len(forms) == len(cli["tallies"]),
        f"one Accept form per figure: {len(forms)}")


def fields(form):
    out = {}
    for el in form.iter():
        name = el.get("name")
        if el.tag == "input" and name:
            out[name] = el.get("value", "")
        elif el.tag == "textarea" and name:
            out[name] = (el.text or "")
        elif el.tag == "select" and name:
            chosen = [o for o in el.findall("option")
                      if o.get("selected") is not None]
            out[name] = (chosen[0].get("value") or chosen[0].text) \
                if chosen else None
    return out


accept = [fields(f) for f in forms
          if fields(f).get("quote") == "over 1500 protesters were killed"]
want = {"metric": "killed", "source": "pmoi", "qualifier": "more_than",
        "low": "1500", "high": "", "as_of": "2019-12-28",
        "url": "https://example.org/day-44", "csrf": ed.csrf}
got = accept[0] if accept else {}
S.check(all(got.get(k, "") == v for k, v in want.items()),
        f"the Accept form is prefilled: {got}")
victims = [fields(f) for f in forms
           if fields(f).get("quote") == "identified 601 of the martyrs"]
S.check(victims and victims[0]["metric"] == "identified_victims" and
        victims[0]["source"] == "pmoi",
        f"identified victims go to their metric, MEK to the PMOI: {victims}")
crowd = [fields(f) for f in forms
         if fields(f).get("quote") == "Hundreds of NCRI Supporters"]
S.check(crowd and crowd[0]["qualifier"] == "range" and
        crowd[0]["high"] == "999" and crowd[0]["source"] is None,
        f"a range keeps its high end; no attribution, no source: {crowd}")

# Accepting is an ordinary proposal: one proposal, one audit row, pending.
before = fingerprint()
r = ed.request("POST", f"/admin/t/{SLUG}/claims", got, form=True)
S.check(r.status == 303, f"Accept posts a proposal: {r.status} {r.body[:200]}")
after = fingerprint()
S.check(after[5] == before[5] + 1 and after[7] == before[7] + 1 and
        after[4] == before[4], "one pending proposal, one audit row, no claim")
props = ed.request("GET", f"/api/v1/trackers/{SLUG}/proposals").json
mine = [p for p in props["proposals"]
        if p.get("quote") == "over 1500 protesters were killed"]
S.check(len(mine) == 1 and mine[0]["state"] == "pending" and
        mine[0]["proposed_by"] == "ed",
        f"the proposal carries the exact words: {mine}")

# A tracker without the extractor's metric names: the editor chooses.
vigil("tracker", "create", "elsewhere", "--title", "Elsewhere",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)
vigil("metric", "add", "elsewhere", "deaths", "--label", "Deaths", db=db)
r = ed.request("POST", "/admin/t/elsewhere/extract",
               {"text": "Officials said 12 people were injured.",
                "published": "2019-12-20", "csrf": ed.csrf}, form=True)
doc = valid_html("a tracker without those metrics", r.body.decode())
forms = [fields(f) for f in doc.findall(".//form")
         if f.get("action") == "/admin/t/elsewhere/claims"]
S.check(r.status == 200 and len(forms) == 1 and forms[0]["metric"] in ("",
                                                                       None),
        f"no metric is guessed: {r.status} {forms}")

# Hostile text: shown as text, never as markup.
HOSTILE = ("<script>alert(1)</script> \"quoted\" & 'single' "
           "\u202eevil\u202c \u0627\u0644\u0642\u062a\u0644\u0649 "
           "<img src=x onerror=alert(2)> "
           "According to Amnesty <b>International</b>, "
           "at least 12 people were killed in Tehran on 20 December 2019.")
r = changes_nothing("hostile text", lambda: submit(ed, HOSTILE), 200)
page = r.body.decode()
doc = valid_html("the hostile page", page)
S.check(not any(s.get("src") is None for s in doc.iter("script")),
        "no inline script")
S.check(doc.find(".//img") is None and doc.find(".//b") is None,
        "no element from the text")
S.check("&lt;script&gt;alert(1)&lt;/script&gt;" in page and
        "&quot;quoted&quot;" in page and "&#39;single&#39;" in page,
        "tags and quotes are escaped")
shown = doc.find(".//div[@class='extracted']")
S.check(shown is not None and "".join(shown.itertext()) == HOSTILE,
        "the hostile text shows as itself, RTL overrides included")
S.check(shown is not None and shown.get("dir") == "auto",
        "the text is isolated (dir=auto)")
S.check(any("at least 12" in "".join(m.itertext())
            for m in doc.iter("mark")), "its figure is still marked")
S.check(not [(el.tag, a) for el in doc.iter() for a in el.attrib
             if a.lower().startswith("on") or a.lower() == "style"],
        "no style or event attribute anywhere")

# Without a publication date the page asks for it: nothing relative is
# resolved, and the date field points to the notice.
r = changes_nothing("desk: no publication date", lambda: submit(
    ed, "Amnesty International said on Tuesday that 3 people were killed.",
    published=""), 200)
page = r.body.decode()
doc = valid_html("the page without a publication date", page)
notice = doc.find(".//div[@id='no-published']")
field = [i for i in doc.iter("input") if i.get("name") == "published"]
S.check(notice is not None and notice.get("role") == "alert" and
        "no publication date" in "".join(notice.itertext()),
        "the page asks for the publication date")
S.check(len(field) == 1 and field[0].get("aria-describedby") ==
        "no-published", "the date field is described by the notice")
S.check("no as-of date: the text has no publication date" in unescape(page)
        and not [m for m in doc.iter("mark")
                 if m.get("class") == "ex-date"],
        "no as-of date and no relative date without it")
r = changes_nothing("desk: the date given", lambda: submit(
    ed, "Amnesty International said on Tuesday that 3 people were killed.",
    published="2019-12-28"), 200)
S.check('id="no-published"' not in r.body.decode() and
        "2019-12-24" in r.body.decode(),
        "given the date, Tuesday is 24 December and the notice is gone")

# The desk's refusals: the form again with the reason, nothing changed.
r = changes_nothing("desk: bad date", lambda: submit(
    ed, "Day 44 of the protests.", published="soon"), 422)
page = r.body.decode()
S.check("published: is not a date" in unescape(page) and
        "Day 44 of the protests." in page and "<mark" not in page,
        "the refusal names the date and keeps the text")
r = changes_nothing("desk: not UTF-8", lambda: srv.request(
    "POST", PAGE, {"Content-Type": "application/x-www-form-urlencoded",
                   "Origin": ed.origin, "X-CSRF-Token": ed.csrf,
                   "Cookie": "; ".join(f"{k}={v}"
                                       for k, v in ed.cookies.items())},
    urlencode({"published": "2019-12-28"}).encode() +
    b"&text=Day+44%FF+of"), 400)
page = r.body.decode("utf-8", errors="strict")
S.check("text: invalid UTF-8" in page, "the refusal says the text is not "
        "UTF-8 (and the page is UTF-8)")
changes_nothing("desk: without CSRF token", lambda: ed.request(
    "POST", PAGE, {"text": ARTICLE}, form=True, csrf=False), 403)
changes_nothing("desk: unknown tracker", lambda: ed.request(
    "POST", "/admin/t/no-such-tracker/extract",
    {"text": ARTICLE, "csrf": ed.csrf}, form=True), 404)

status, err = srv.stop()
S.check(status == 0, f"server exit status {status}")
S.check("Sanitizer" not in err and "runtime error" not in err,
        "no sanitizer report: " + err[-2000:])

# Today is the tracker's: 22:00 UTC is already the next day in Tehran.
srv = Server(db, "--demo", now="2019-12-28T22:00:00Z")
late = Client(srv, source=next(addresses))
late.login("ed")
page = late.request("GET", PAGE).body.decode()
S.check('name="published" value="2019-12-29"' in page,
        "the default date is today in the tracker's time zone")
status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"exit {status}")
S.finish()
