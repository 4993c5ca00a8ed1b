"""test_sources.py: sources per tracker, with aliases, on the desk.

- Pasting an article into a second tracker (Georgia) proposes only that
  tracker's sources: "Officials said ..." no longer prefills the Iran
  demo's "Reuters, citing three Interior Ministry officials"; "Georgia's
  Public Defender" picks the source "Public Defender of Georgia", and an
  alias added on the desk ("Georgian Ombudsman") picks it too.
- An attribution that names none of the tracker's sources is proposed as
  a new source: accepting the figure adds it, in the tracker's list only,
  with the proposal (one transaction, an audit row each).
- The figures page offers the tracker's own sources; its sources page
  lists them with their aliases, links another tracker's source, and
  refuses a repeated alias with the form and the reason (409).
- The API's extraction names the tracker's source (source_slug).
- Hostile names show as text, the pages parse as HTML, `vigil check`
  passes.
"""
import os
import sys

import html5lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, row_counts, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402

S = Suite("e2e-sources")
IR, GE = "iran-nov-2019", "georgia-2019"
db = demo_db(S)
vigil("tracker", "create", GE, "--title", "Protests in Georgia",
      "--started-on", "2019-12-01", "--timezone", "Asia/Tbilisi",
      "--country", "GE", db=db)
vigil("source", "add", "pdg", "--name", "Public Defender of Georgia",
      "--kind", "government", db=db)
vigil("metric", "add", GE, "injured", "--label", "Injured", db=db)
vigil("metric", "add", GE, "detained", "--label", "Detained", db=db)
# A figure citing the Public Defender puts it in Georgia's list.
vigil("claim", "add", GE, "--metric", "detained", "--source", "pdg",
      "--low", "100", "--as-of", "2019-12-02", db=db)
add_user(db, "ed", "editor")
srv = Server(db, "--demo")
ed = Client(srv, source="127.0.3.1")
S.check(ed.login("ed").status == 200, "the editor signs in")

ARTICLE = """At least 300 people were detained in Tbilisi, Georgia's Public \
Defender said on Sunday.
Officials said 44 people were hospitalised.
The Georgian Ombudsman said 20 people were injured on Saturday.
According to Transparency International Georgia, 12 journalists were injured.
"""


def audit_rows():
    return row_counts(db, ("audit_log",))[0]


def valid_html(what, text):
    try:
        return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False
                                   ).parse(text)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        S.check(False, f"{what} is not valid HTML: {e}")
        return html5lib.parse(text, namespaceHTMLElements=False)


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
            out[name] = chosen[0].get("value") if chosen else None
            out[name + " choices"] = [o.get("value")
                                      for o in el.findall("option")]
    return out


def accept_forms():
    r = ed.request("POST", f"/admin/t/{GE}/extract",
                   {"text": ARTICLE, "published": "2019-12-28",
                    "csrf": ed.csrf}, form=True)
    S.check(r.status == 200, f"extraction on the desk: {r.status}")
    doc = valid_html("the extraction page", r.body.decode())
    forms = [fields(f) for f in doc.findall(".//form")
             if f.get("action") == f"/admin/t/{GE}/claims"]
    return {f.get("quote", "").strip(): f for f in forms}


# ==== The figures page offers the tracker's own sources ====

doc = valid_html("the figures page",
                 ed.request("GET", f"/admin/t/{GE}/claims").body.decode())
offered = [f for f in map(fields, doc.findall(".//form"))
           if "source choices" in f]
S.check(offered and offered[0]["source choices"] == ["", "pdg"],
        f"Georgia's figures offer its own source only: {offered[:1]}")

# ==== An alias, on the desk ====

rows = audit_rows()
r = ed.request("POST", "/admin/sources/pdg/aliases",
               {"alias": "Georgian Ombudsman", "tracker": GE,
                "csrf": ed.csrf}, form=True)
S.check(r.status == 303 and
        r.getheader("Location") == f"/admin/t/{GE}/sources",
        f"an alias is added, back to the tracker's sources: {r.status}")
S.check(audit_rows() == rows + 1, "one audit row")
r = ed.request("POST", "/admin/sources/pdg/aliases",
               {"alias": "Georgian Ombudsman", "tracker": GE,
                "csrf": ed.csrf}, form=True)
S.check(r.status == 409 and b"already goes by" in r.body and
        b"<form" in r.body, f"the same alias twice: 409 with the form: "
        f"{r.status}")
S.check(audit_rows() == rows + 1, "a refusal leaves no audit row")
hostile = '<script>alert(1)</script> "Ombuds" \u202eevil'
r = ed.request("POST", "/admin/sources/pdg/aliases",
               {"alias": hostile, "tracker": GE, "csrf": ed.csrf}, form=True)
S.check(r.status == 303, f"a hostile alias is only text: {r.status}")
page = ed.request("GET", f"/admin/t/{GE}/sources").body.decode()
valid_html("the tracker's sources page", page)
S.check("Georgian Ombudsman" in page and "<script>alert" not in page and
        "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
        "the sources page lists the aliases, escaped")
S.check('value="reuters"' in page and 'value="pdg"' not in page.split(
    "List a source of another tracker")[-1].split("</form>")[0],
    "the link form offers the sources Georgia does not list")

# ==== Extraction: the tracker's sources, by name and by alias ====

forms = accept_forms()
detained = forms.get("At least 300 people were detained", {})
S.check(detained.get("source") == "pdg",
        f"Georgia's Public Defender is the Public Defender of Georgia: "
        f"{detained}")
hospital = forms.get("44 people were hospitalised", {})
S.check(hospital.get("source") is None or hospital.get("source") == "",
        f"officials are not the Iran demo's Reuters: {hospital}")
S.check("reuters" not in hospital.get("source choices", ["reuters"]),
        "another tracker's sources are not offered")
injured = forms.get("20 people were injured", {})
S.check(injured.get("source") == "pdg",
        f"the alias names the Public Defender: {injured}")
journalists = forms.get("12 journalists were injured", {})
S.check(journalists.get("new_source") == "Transparency International Georgia"
        and not journalists.get("source"),
        f"an unknown attribution is proposed as a new source: {journalists}")

# Accepting it adds the source to Georgia's list, with the proposal.
rows = audit_rows()
sources_before = row_counts(db, ("sources",))[0]
r = ed.request("POST", f"/admin/t/{GE}/claims",
               {k: v for k, v in journalists.items() if " " not in k and v},
               form=True)
S.check(r.status == 303, f"accepting with a new source: {r.status} "
        f"{r.body[:300]}")
S.check(audit_rows() == rows + 2, "the source and the proposal: two rows")
S.check(row_counts(db, ("sources",))[0] == sources_before + 1,
        "one source more")
_, listed, _ = vigil("source", "list", "--tracker", GE, db=db)
S.check("transparency-international-georgia\tother\t"
        "Transparency International Georgia" in listed,
        f"Georgia lists the new source: {listed}")
_, iran, _ = vigil("source", "list", "--tracker", IR, db=db)
S.check("transparency" not in iran and "pdg" not in iran,
        "the Iran tracker's list is its own")
props = ed.request("GET", f"/api/v1/trackers/{GE}/proposals").json or {}
S.check(any(p.get("source") == "transparency-international-georgia" and
            p.get("quote") == "12 journalists were injured"
            for p in props.get("proposals", [])),
        f"the proposal cites it: {props}")

# A refused figure adds no source either.
rows = audit_rows()
r = ed.request("POST", f"/admin/t/{GE}/claims",
               {"metric": "injured", "low": "x", "as_of": "2019-12-28",
                "new_source": "Nobody Yet", "csrf": ed.csrf}, form=True)
S.check(r.status == 422 and audit_rows() == rows and
        "nobody" not in vigil("source", "list", db=db)[1],
        f"a refused figure leaves no new source behind: {r.status}")

# ==== Linking another tracker's source ====

rows = audit_rows()
r = ed.request("POST", f"/admin/t/{GE}/sources",
               {"source": "amnesty", "csrf": ed.csrf}, form=True)
S.check(r.status == 303 and audit_rows() == rows + 1,
        f"Amnesty joins Georgia's list: {r.status}")
r = ed.request("POST", f"/admin/t/{GE}/sources",
               {"source": "amnesty", "csrf": ed.csrf}, form=True)
S.check(r.status == 409 and audit_rows() == rows + 1,
        f"listed twice: 409: {r.status}")
doc = valid_html("the figures page",
                 ed.request("GET", f"/admin/t/{GE}/claims").body.decode())
offered = [f for f in map(fields, doc.findall(".//form"))
           if "source choices" in f]
S.check(offered and "amnesty" in offered[0]["source choices"] and
        "reuters" not in offered[0]["source choices"],
        "the figures page offers what the list holds")

# ==== The API names the tracker's source ====

for tracker, want in ((GE, "pdg"), (IR, None)):
    r = ed.request("POST", "/api/v1/extract",
                   {"text": ARTICLE, "published": "2019-12-28",
                    "tracker": tracker})
    tallies = {t["text"]: t for t in (r.json or {}).get("tallies", [])}
    got = tallies.get("At least 300 people were detained", {})
    S.check(r.status == 200 and got.get("source_slug", "?") == want,
            f"API extraction for {tracker}: source_slug {got}")

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err and "runtime error" not in err,
        "the server stops cleanly: " + err[-2000:])
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
