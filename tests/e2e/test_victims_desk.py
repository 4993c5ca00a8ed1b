"""test_victims_desk.py: the victims registry over HTTP: the write API
(POST /api/v1/trackers/SLUG/victims) and the desk's pages
(/admin/t/SLUG/victims, its form, and /admin/t/SLUG/victims/N).

- A custodian records people through the API and the desk's form; the
  public memorial shows their public fields only.
- The desk's list opens nothing (no audit row); a record's page opens
  what the role allows: all for custodians, fields marked editors for
  editors; an admin is refused (403, logged), unless also custodian.
- T22: the audit log has exactly one victim.read row per custodian read.
- Without the master key: 503 and no row written; bad input: 422 naming
  the field, nothing written; an unknown tracker: 404.
"""
import json
import os
import sys

import html5lib  # Debian's python3 has it (run-all.sh)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, row_counts, vigil  # noqa: E402
from editors import Client, add_user, api_token  # noqa: E402

S = Suite("e2e-victims-desk")
SLUG = "iran-nov-2019"
API = f"/api/v1/trackers/{SLUG}/victims"
DESK = f"/admin/t/{SLUG}/victims"
db = demo_db(S)
key = os.path.join(S.tmp, "master.key")
with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
    f.write(os.urandom(32))

for login, roles in (("keeper", "custodian"), ("desk", "editor"),
                     ("boss", "admin"), ("chief", "admin,custodian")):
    add_user(db, login, roles)
keeper_token = api_token(db, "keeper")


def counts():
    """Rows of the registry and of the audit log."""
    return row_counts(db, ("victims", "victim_rev", "audit_log"))


def reads():
    audit = [json.loads(x) for x in vigil("audit", db=db)[1].splitlines()]
    return sum(a["action"] == "victim.read" for a in audit)


addresses = iter(f"127.0.7.{i}" for i in range(1, 250))


def signed_in(srv, login):
    c = Client(srv, source=next(addresses))
    S.check(c.login(login).status == 200, f"{login} signs in")
    return c


RECORD = {"name": "Desk Person", "name_native": "شخص میز", "age": 29,
          "gender": "male", "date": "2019-11-17", "place": "Karaj",
          "circumstance": "killed", "family_contact": "QzFamilyContact",
          "witness": "QzWitnessName", "notes": "QzEditorsNote",
          "sources": ["amnesty"],
          "visibility": {"place": "editors", "gender": "custodians"}}

# ==== Without the master key: 503, nothing written ====

srv = Server(db, "--demo")
keeper = signed_in(srv, "keeper")
before = counts()
r = keeper.request("POST", API, RECORD)
S.check(r.status == 503 and "master key" in r.json["error"]["message"],
        f"no master key: 503 saying so ({r.status} {r.body[:200]})")
r = keeper.request("POST", DESK, {"name": "X", "circumstance": "killed"},
                   form=True)
S.check(r.status == 503, f"the desk's form without the key: {r.status}")
S.check(counts() == before, "nothing was written without the master key")
page = keeper.request("GET", DESK)
S.check(page.status == 200 and b"no master key" in page.body and
        b'name="visibility_name"' not in page.body,
        "the registry page says the form needs the master key")
srv.stop()

# ==== With it ====

srv = Server(db, "--demo", "--master-key", key)
keeper, desk, boss, chief = (signed_in(srv, x)
                             for x in ("keeper", "desk", "boss", "chief"))
anon = Client(srv)

# The API: a custodian records a person.
before, reads_before = counts(), reads()
r = keeper.request("POST", API, RECORD)
S.check(r.status == 201, f"the custodian records a person: {r.status} "
        f"{r.body[:300]}")
api_n = r.json["number"]
pub = r.json["public"]
S.check(pub["name"] == "Desk Person" and pub["age"] == "29" and
        "place" not in pub and "gender" not in pub and
        "family_contact" not in pub and "notes" not in pub and
        sorted(pub["sealed"]) == ["family_contact", "gender", "notes",
                                  "place", "witness"],
        f"the answer is the public view: {pub}")
S.check(r.headers.get("Location") == f"{API}/{api_n}",
        f"Location {r.headers.get('Location')}")
S.check(counts()[0] == before[0] + 1 and counts()[2] == before[2] + 1,
        "one record, one audit row")
S.check(reads() == reads_before, "recording is not a read")

# With an API token (no session, no CSRF token).
script = Client(srv, origin=False)
r = script.request("POST", API, {"name": "Token Person",
                                 "circumstance": "detained"},
                   {"Authorization": "Bearer " + keeper_token})
S.check(r.status == 201, f"a custodian's API token records: {r.status}")

# Bad input: 422 naming the field, nothing written.
for body, field in [
        ({"circumstance": "killed"}, "name"),
        ({"name": "X", "circumstance": "vanished"}, "circumstance"),
        ({"name": "X", "circumstance": "killed", "age": "old"}, "age"),
        ({"name": "X", "circumstance": "killed", "date": "17/11/2019"},
         "date"),
        ({"name": "X", "circumstance": "killed", "name_native": ["a"]},
         "name_native"),
        ({"name": "X", "circumstance": "killed", "family-contact": "y"},
         "family-contact"),
        ({"name": "X", "circumstance": "killed",
          "visibility": {"witness": "everyone"}}, "visibility"),
        ({"name": "X", "circumstance": "killed",
          "visibility": {"witness": "public,name=public"}}, "visibility"),
        ({"name": "X", "circumstance": "killed",
          "visibility": {"nickname": "public"}}, "visibility"),
        ({"name": "X", "circumstance": "killed", "visibility": "public"},
         "visibility"),
        ({"name": "X", "circumstance": "killed", "sources": ["nosuch"]},
         "sources"),
        ({"name": "X", "circumstance": "killed", "sources": [1]}, "sources")]:
    before = counts()
    r = keeper.request("POST", API, body)
    S.check(r.status == 422 and r.json["error"]["field"] == field,
            f"{body}: {r.status} {r.body[:200]}, want 422 naming {field}")
    S.check(counts() == before, f"{body}: nothing written")
r = keeper.request("POST", "/api/v1/trackers/nosuch/victims", RECORD)
S.check(r.status == 404, f"an unknown tracker: {r.status}")
r = keeper.request("POST", API, dict(RECORD, tracker="another"))
S.check(r.status == 403, f"a body naming another tracker (T21): {r.status}")

# The desk's form, with a visibility per field.
page = keeper.request("GET", DESK)
S.check(page.status == 200 and b'name="visibility_family_contact"' in page.body
        and b'<option value="custodians" selected>custodians</option>'
        in page.body,
        "the custodian's registry page has the form, defaults as the CLI's")
form = {"name": "Form Person", "age": "41", "circumstance": "detained",
        "place": "Tabriz", "witness": "QzFormWitness", "notes": "QzFormNote",
        "visibility_name": "public", "visibility_place": "public",
        "visibility_witness": "custodians", "visibility_notes": "editors",
        "visibility_age": "editors", "sources": "amnesty"}
before = counts()
r = keeper.request("POST", DESK, form, form=True)
S.check(r.status == 303 and r.headers.get("Location") == DESK,
        f"the custodian records with the form: {r.status} {r.body[:200]}")
S.check(counts()[0] == before[0] + 1, "the form made one record")
r = keeper.request("POST", DESK, dict(form, circumstance="vanished"),
                   form=True)
S.check(r.status == 422 and b"circumstance: must be" in r.body and
        b'value="Form Person"' in r.body,
        f"a refused form comes back with the reason: {r.status}")
form_n = api_n + 2

# The public memorial: public fields only.
memorial = srv.get(f"/t/{SLUG}/victims").text()
S.check("Desk Person" in memorial and "Form Person" in memorial and
        "Tabriz" in memorial and "Karaj" not in memorial and
        "Qz" not in memorial and "41, detained" not in memorial,
        "the memorial shows the public fields only")

# The list opens nothing, for anyone.
reads_before = reads()
for who in (keeper, desk, chief):
    page = who.request("GET", DESK)
    S.check(page.status == 200 and b"Desk Person" in page.body and
            b"Qz" not in page.body and b"Karaj" not in page.body,
            "the registry list shows public fields only")
S.check(b'name="visibility_name"' not in desk.request("GET", DESK).body,
        "an editor gets no form")
S.check(reads() == reads_before, "listing is no read: no audit row")

# A record's page: custodians see every field, editors their level.
page = keeper.request("GET", f"{DESK}/{api_n}")
S.check(page.status == 200 and b"QzFamilyContact" in page.body and
        b"QzWitnessName" in page.body and b"Karaj" in page.body and
        b"male" in page.body, "the custodian's record page opens every field")
page = desk.request("GET", f"{DESK}/{api_n}")
S.check(page.status == 200 and b"QzEditorsNote" in page.body and
        b"Karaj" in page.body and b"QzFamilyContact" not in page.body and
        b"QzWitnessName" not in page.body and b">male<" not in page.body,
        "an editor's record page lacks the custodian fields")
r = desk.request("GET", f"{API}/{form_n}")
S.check(r.status == 200 and r.json.get("age") == "41" and
        "witness" not in r.json, "an editor opens the editors' age")
page = keeper.request("GET", f"{DESK}/999")
S.check(page.status == 404, f"a record that does not exist: {page.status}")

# Admins: no access unless also custodian; refusals change nothing.
before = counts()
for method, path, body in [("GET", DESK, None), ("GET", f"{DESK}/{api_n}", None),
                           ("POST", DESK, {"name": "Y"}),
                           ("POST", API, RECORD),
                           ("GET", f"{API}/{api_n}", None)]:
    r = boss.request(method, path, body, form=path == DESK)
    S.check(r.status == 403, f"an admin {method} {path}: {r.status}")
    S.check(b"Qz" not in r.body, "the refusal shows nothing")
    r = desk.request(method, path, body, form=path == DESK) \
        if method == "POST" else None
    S.check(r is None or r.status == 403, f"an editor {method} {path}")
    r = anon.request(method, path, body)
    S.check(r.status in (401, 303), f"anonymous {method} {path}: {r.status}")
S.check(counts() == before, "refusals wrote nothing")
page = chief.request("GET", f"{DESK}/{api_n}")
S.check(page.status == 200 and b"QzWitnessName" in page.body,
        "an admin who is also custodian opens the record")

# T22: one audit row per custodian read, exactly.
reads_before = reads()
for _ in range(3):
    keeper.request("GET", f"{DESK}/{api_n}")
keeper.request("GET", f"{API}/{form_n}")
chief.request("GET", f"{DESK}/{form_n}")
S.check(reads() - reads_before == 5,
        f"five custodian reads, {reads() - reads_before} audit rows")
audit = [json.loads(x) for x in vigil("audit", db=db)[1].splitlines()]
S.check(not any("Qz" in json.dumps(a) for a in audit),
        "the audit rows name fields, never values")

# The desk links the registry.
index = keeper.request("GET", "/admin")
S.check(f'href="{DESK}"'.encode() in index.body,
        "the desk links the custodian to the registry")
tracker = desk.request("GET", f"/admin/t/{SLUG}")
S.check(f'href="{DESK}"'.encode() in tracker.body,
        "the tracker's desk page links the registry")
S.check("script-src 'self'" in page.headers.get("Content-Security-Policy", "")
        and b"<script" not in page.body and b" style=" not in page.body,
        "the record page is clean under the CSP")

# A hostile record: escaped on the desk's pages, which stay valid HTML
# with no script (STYLE.md rule 29).
evil = "<script>alert(1)</script>\"' <b onmouseover=x>"
r = keeper.request("POST", API, {"name": evil, "name_native": "‏نام‎ ‮x",
                                 "circumstance": "killed", "witness": evil})
S.check(r.status == 201, f"a hostile record is recorded: {r.status}")
for path in (DESK, f"{DESK}/{r.json['number']}"):
    body = keeper.request("GET", path).body.decode()
    doc = html5lib.HTMLParser(strict=False).parse(body)
    bad = [e for e in doc.iter() if isinstance(e.tag, str) and
           (e.tag.endswith("script") or
            any(a.startswith("on") for a in e.attrib))]
    S.check(not bad and "&lt;script&gt;alert(1)" in body,
            f"{path}: escaped, no script or handler ({len(bad)})")

# A purged record: the desk marks it and says its sealed fields are gone
# for everyone; the public memorial does not say which was purged.
vigil("victim", "purge", SLUG, str(api_n), db=db)
page = keeper.request("GET", DESK)
line = next((ln for ln in page.body.decode().splitlines()
             if f"/victims/{api_n}\"" in ln), "")
S.check('<span class="tag">purged</span>' in line,
        f"the registry marks the purged record: {line[:200]}")
reads_before = reads()
page = keeper.request("GET", f"{DESK}/{api_n}")
S.check(page.status == 200 and b"Purged:" in page.body and
        b"destroyed when the record was purged" in page.body and
        b"Qz" not in page.body and b"Karaj" not in page.body and
        b"Desk Person" in page.body,
        "the purged record's page: public fields, sealed ones destroyed")
r = keeper.request("GET", f"{API}/{api_n}")
S.check(r.status == 200 and r.json.get("purged") is True and
        "family_contact" not in r.json, f"the API says purged: {r.json}")
S.check(reads() == reads_before, "nothing could be opened: no read audited")
memorial = srv.get(f"/t/{SLUG}/victims").text()
S.check("Desk Person" in memorial and "purged" not in memorial.lower(),
        "the memorial still lists the person, without a word of the purge")

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err and "runtime error" not in err,
        "no sanitizer report: " + err[-2000:])
S.check(err.count('"event":"forbidden"') >= 5,
        "the admin's refusals are in the security log")
S.check("Qz" not in err, "no private value in the log")
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
