"""test_access.py: the access-control wall (reference/security.md T18,
T19, T21) and the audit trail of editors' actions (issue 5).

- T19: every route of `vigil routes` is in policy.txt with the same
  roles and scope; every editor route is tried by anonymous, each role, an
  API token, without a CSRF token and from another site: 401 / 303 to
  /login, 403, and nothing changes; the right role gets through. Each
  role is also held on one other tracker only: on a route that names a
  tracker it is 403 on the demo tracker and gets through on its own;
  elsewhere it counts as held.
- An admin who creates a tracker at the desk lands on its settings, which
  they may use.
- T21: a body naming another object than the URL gets 403, no change;
  a contributor cannot touch another person's draft.
- T18: a figure without a source gets 422, self-approval 403, a second
  verifier's approval publishes it.
- Every editor action leaves exactly one audit row; the audit page and
  API answer admins only.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, row_counts, vigil  # noqa: E402
from editors import ROLES, Client, add_user, api_token  # noqa: E402

S = Suite("e2e-access")
SLUG = "iran-nov-2019"
db = demo_db(S)

# ==== The policy file matches the route table ====

policy = {}
with open(os.path.join(os.path.dirname(__file__), "policy.txt")) as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            method, pattern, *rest = line.split()
            policy[(method, pattern)] = " ".join(rest)
routes = [json.loads(line) for line in vigil("routes", db=db)[1].splitlines()]
for rt in routes:
    key = (rt["method"], rt["pattern"])
    said = rt["roles"] + ("" if rt["roles"] == "public" else " " + rt["scope"])
    S.check(key in policy, f"{key} is missing from policy.txt")
    S.check(policy.get(key) == said,
            f"{key}: route table says {said}, policy {policy.get(key)}")
    S.check(rt["scope"] == ("tracker" if ":slug" in rt["pattern"] else "site"),
            f"{key}: scope {rt['scope']}")
S.check(len(routes) == len(policy), "policy.txt lists routes that do not exist")

# ==== Principals ====

for role in ROLES:
    add_user(db, "u-" + role, role)
add_user(db, "u-editor2", "editor")
add_user(db, "u-verifier2", "verifier")
token = api_token(db, "u-editor")
# Roles on one tracker only: OTHER's, never the demo's. Admin is global.
OTHER = "other"
vigil("tracker", "create", OTHER, "--title", "Another crisis",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)
TRACKER_ROLES = [role for role in ROLES if role != "admin"]
for role in TRACKER_ROLES:
    add_user(db, "a-" + role, role, tracker=OTHER)
other_token = api_token(db, "a-editor")
srv = Server(db, "--demo")


def fingerprint():
    """Row counts of every table a write could touch (not sessions)."""
    return row_counts(db, ("trackers", "sources", "metrics", "updates",
                           "update_rev", "claims", "claim_rev",
                           "claim_proposals", "users", "api_tokens",
                           "audit_log"))


def audit_rows():
    return fingerprint()[-1]


clients = {}
addresses = iter(f"127.0.1.{i}" for i in range(1, 250))


def signed_in(role, login=None):
    # Each sign-in from its own address: sign-ins are rate-limited per
    # client address (test_signin.py tests that).
    c = Client(srv, source=next(addresses))
    r = c.login(login or "u-" + role)
    S.check(r.status == 200, f"sign-in of {role}: {r.status} {r.body[:200]}")
    clients[role] = c
    return c


for role in ROLES:
    signed_in(role)
for role in TRACKER_ROLES:
    signed_in("a-" + role, login="a-" + role)


def fill(pattern, real, slug=None):
    """A path for a pattern: the demo tracker and update 1 (real), or
    objects that do not exist (so an allowed request changes nothing) on
    tracker `slug` (default: none)."""
    slug, n = (SLUG, "1") if real else (slug or "nosuch", "999")
    return (pattern.replace(":slug", slug).replace(":n", n)
            .replace(":login", "nosuch"))


def refused_without_change(what, send, want):
    before = fingerprint()
    r = send()
    S.check(r.status == want, f"{what}: {r.status}, want {want}")
    S.check(fingerprint() == before, f"{what}: the record changed")
    return r


# ==== T19: the matrix ====

combos = 0
for rt in routes:
    if rt["roles"] == "public":
        continue
    method, pattern = rt["method"], rt["pattern"]
    allowed = rt["roles"].split(",")
    html = rt["family"] == "html"
    real = fill(pattern, True)
    body = {} if method == "POST" else None

    # Anonymous: 401 for the API, 303 to the sign-in page for pages.
    anon = Client(srv)
    r = refused_without_change(f"anonymous {method} {pattern}",
                               lambda: anon.request(method, real, body),
                               303 if html else 401)
    if html:
        S.check(r.headers.get("Location") == "/login",
                f"anonymous {pattern}: Location {r.headers.get('Location')}")
    combos += 1
    # A token that is no token.
    refused_without_change(
        f"bad token {method} {pattern}",
        lambda: anon.request(method, real, body,
                             {"Authorization": "Bearer not-a-token"}),
        303 if html else 401)

    for role in ROLES:
        c = clients[role]
        combos += 1
        if role not in allowed:
            refused_without_change(f"{role} {method} {pattern}",
                                   lambda: c.request(method, real, body), 403)
            continue
        if method == "POST":
            refused_without_change(
                f"{role} {method} {pattern} without CSRF token",
                lambda: c.request(method, real, body, csrf=False), 403)
            refused_without_change(
                f"{role} {method} {pattern} with a wrong CSRF token",
                lambda: c.request(method, real, body,
                                  {"X-CSRF-Token": "x" * 43}), 403)
            refused_without_change(
                f"{role} {method} {pattern} from another site",
                lambda: c.request(method, real, body,
                                  origin="https://evil.example"), 403)
            refused_without_change(
                f"{role} {method} {pattern} cross-site fetch",
                lambda: c.request(method, real, body,
                                  {"Sec-Fetch-Site": "cross-site"}), 403)
        r = c.request(method, fill(pattern, False), body)
        S.check(r.status not in (401, 403),
                f"{role} {method} {pattern}: {r.status} {r.body[:160]}")
        if "logout" in pattern:
            signed_in(role)

    # A script's token: no cookie, no CSRF token, no Origin.
    script = Client(srv, origin=False)
    r = script.request(method, fill(pattern, False), body,
                       {"Authorization": "Bearer " + token})
    want_ok = "editor" in allowed and "logout" not in pattern
    if want_ok:
        S.check(r.status not in (401, 403),
                f"token {method} {pattern}: {r.status} {r.body[:160]}")
    elif "logout" not in pattern:
        S.check(r.status == 403, f"token {method} {pattern}: {r.status}")

    # Each role held on tracker OTHER only. The record is compared for
    # writes only (each comparison reads every table: the matrix's cost).
    on_tracker = rt["scope"] == "tracker"
    for role in TRACKER_ROLES:
        c = clients["a-" + role]
        combos += 1
        if on_tracker and method == "POST":
            refused_without_change(
                f"{role} on {OTHER} only: {method} {pattern} on {SLUG}",
                lambda: c.request(method, real, body), 403)
        elif on_tracker:
            r = c.request(method, real, body)
            S.check(r.status == 403, f"{role} on {OTHER} only: {method} "
                    f"{pattern} on {SLUG}: {r.status}")
        mine = fill(pattern, False, OTHER)
        if role not in allowed:
            r = c.request(method, mine, body)
            S.check(r.status == 403,
                    f"{role} on {OTHER}: {method} {mine}: {r.status}")
            continue
        r = c.request(method, mine, body)
        S.check(r.status not in (401, 403),
                f"{role} on {OTHER}: {method} {mine}: {r.status} "
                f"{r.body[:160]}")
        if "logout" in pattern:
            signed_in("a-" + role, login="a-" + role)
    if on_tracker:
        # The token of an editor of OTHER only.
        refused_without_change(
            f"token of {OTHER}'s editor: {method} {pattern} on {SLUG}",
            lambda: script.request(method, real, body,
                                   {"Authorization": "Bearer " + other_token}),
            403)
print(f"  {combos} route x principal combinations")

# ==== T21: the object in the URL is the object ====

ed = clients["editor"]
base = f"/api/v1/trackers/{SLUG}"
for path, body in [
        (f"{base}/updates", {"tracker": "another", "body": "x"}),
        (f"{base}/updates/1", {"tracker": "another", "body": "x"}),
        (f"{base}/updates/1", {"number": 2, "body": "x"}),
        (f"{base}/updates/1", {"number": "2", "body": "x"}),
        (f"{base}/updates/1/retract", {"number": 3}),
        (f"{base}/updates/1/pin", {"tracker": "x"}),
        (f"{base}/proposals", {"tracker": "another", "metric": "killed"}),
        (f"/api/v1/trackers/{SLUG}", {"slug": "another", "title": "x"}),
        (f"{base}/metrics", {"tracker": "x", "key": "k", "label": "K"})]:
    refused_without_change(f"T21 {path} {body}",
                           lambda: ed.request("POST", path, body), 403)

# A contributor's draft is theirs: another contributor may not edit it.
add_user(db, "u-contributor2", "contributor")
con2 = Client(srv, source=next(addresses))
con2.login("u-contributor2")
con = clients["contributor"]
r = con.request("POST", f"{base}/updates", {"body": "A draft"})
S.check(r.status == 201 and r.json["status"] == "draft",
        f"contributor posts a draft: {r.status} {r.body[:200]}")
draft = r.json["number"]
refused_without_change(
    "another contributor edits the draft",
    lambda: con2.request("POST", f"{base}/updates/{draft}", {"body": "x"}),
    403)
refused_without_change(
    "a contributor edits a published update",
    lambda: con.request("POST", f"{base}/updates/1", {"body": "x"}), 403)
refused_without_change(
    "a contributor publishes their draft",
    lambda: con.request("POST", f"{base}/updates/{draft}/publish", {}), 403)
r = con.request("POST", f"{base}/updates/{draft}",
                {"body": "My draft", "rev": 1})
S.check(r.status == 200, f"a contributor edits their own draft: {r.status}")
S.check(srv.get(f"/t/{SLUG}/u/{draft}").status == 404,
        "a draft is not public")
r = ed.request("POST", f"{base}/updates/{draft}/publish", {})
S.check(r.status == 200 and r.json["status"] == "published",
        f"an editor publishes the draft: {r.status}")
S.check(srv.get(f"/t/{SLUG}/u/{draft}").status == 200,
        "the published draft is public")

# ==== T18: two people stand behind every published figure ====

ver = clients["verifier"]
ver2 = Client(srv, source=next(addresses))
ver2.login("u-verifier2")
figure = {"metric": "killed", "qualifier": "at_least", "low": 2345,
          "as_of": "2019-12-27", "quote": "at least 2,345 people"}
refused_without_change(
    "T18 a figure without a source",
    lambda: ver.request("POST", f"{base}/proposals", figure), 422)
r = ed.request("POST", f"{base}/proposals", dict(figure, source="amnesty"))
S.check(r.status == 201 and r.json["state"] == "pending",
        f"an editor proposes a figure: {r.status} {r.body[:200]}")
pid = r.json["id"]


def public_2345():
    return "2345" in srv.get(f"/api/v1/trackers/{SLUG}/claims").text()


S.check(not public_2345(), "a pending figure is not public")
refused_without_change(
    "T18 the proposer approves their own figure (an editor, not verifier)",
    lambda: ed.request("POST", f"{base}/proposals/{pid}/approve", {}), 403)
r = ver.request("POST", f"{base}/proposals", dict(figure, source="amnesty",
                                                   low=3456))
pid2 = r.json["id"]
refused_without_change(
    "T18 self-approval by a verifier",
    lambda: ver.request("POST", f"{base}/proposals/{pid2}/approve", {}), 403)
rows = audit_rows()
r = ver.request("POST", f"{base}/proposals/{pid}/approve", {})
S.check(r.status == 200 and r.json["state"] == "approved",
        f"T18 a second verifier approves: {r.status} {r.body[:200]}")
S.check(public_2345(), "the approved figure is public")
S.check(audit_rows() == rows + 1, "an approval leaves one audit row")
refused_without_change(
    "T18 approving twice",
    lambda: ver2.request("POST", f"{base}/proposals/{pid}/approve", {}), 409)
r = ver2.request("POST", f"{base}/proposals/{pid2}/approve", {})
S.check(r.status == 200, f"T18 another verifier approves: {r.status}")

# ==== One audit row per editor action ====

adm = clients["admin"]
rev1 = ed.request("GET", f"{base}/updates/1").json["update"]["rev"]
actions = [
    (ed, f"{base}/updates", {"title": "T", "body": "**Hello** audit"}),
    (ed, f"{base}/updates/1", {"body": "An edit", "rev": rev1}),
    (ed, f"{base}/updates/1/pin", {}),
    (ed, f"{base}/updates/1/pin", {"on": False}),
    (ed, f"{base}/updates/1/key", {}),
    (ed, f"{base}/updates/2/retract", {}),
    (ed, f"{base}/proposals", dict(figure, source="amnesty", low=99)),
    (ed, "/api/v1/sources", {"slug": "audit-src", "name": "Audit source",
                             "kind": "ngo"}),
    (ed, f"{base}/metrics", {"key": "wounded", "label": "Wounded"}),
    (ed, f"/api/v1/trackers/{SLUG}", {"summary": "A new summary"}),
    (adm, "/api/v1/trackers", {"slug": "another", "title": "Another",
                               "started_on": "2019-12-01",
                               "timezone": "Asia/Tehran"}),
]
for who, path, body in actions:
    rows = audit_rows()
    r = who.request("POST", path, body)
    S.check(r.status in (200, 201), f"{path} {body}: {r.status} {r.body[:200]}")
    S.check(audit_rows() == rows + 1,
            f"{path}: {audit_rows() - rows} audit rows, want 1")
r = ed.request("POST", f"{base}/proposals", dict(figure, source="amnesty",
                                                  low=7))
rows = audit_rows()
r = ver.request("POST", f"{base}/proposals/{r.json['id']}/reject", {})
S.check(r.status == 200 and audit_rows() == rows + 1,
        f"a rejection leaves one audit row: {r.status}")

# The audit log: admins only.
r = adm.request("GET", "/admin/audit")
S.check(r.status == 200 and b"claim.approve" in r.body and
        b"update.retract" in r.body, f"the admin reads the audit page: {r.status}")
r = adm.request("GET", "/api/v1/audit")
S.check(r.status == 200 and any(e["action"] == "tracker.create"
                                for e in r.json["audit"]),
        f"the admin reads the audit API: {r.status}")
for role in ROLES:
    if role != "admin":
        S.check(clients[role].request("GET", "/admin/audit").status == 403,
                f"{role} may not read the audit page")
        S.check(clients[role].request("GET", "/api/v1/audit").status == 403,
                f"{role} may not read the audit API")

# ==== The desk's forms for trackers and metrics ====

r = adm.request("POST", "/admin/trackers",
                {"slug": "desk-made", "title": "Made at the desk",
                 "started_on": "2019-12-20", "timezone": "Europe/Paris"},
                form=True)
S.check(r.status == 303 and
        r.headers.get("Location") == "/admin/t/desk-made/settings",
        f"an admin creates a tracker with the form: {r.status} {r.body[:200]}")
# The admin holds no editor role, yet lands on a page they may use: the
# creator of a tracker becomes its editor (and of no other tracker).
r = adm.request("GET", "/admin/t/desk-made/settings")
S.check(r.status == 200 and b"Made at the desk" in r.body,
        f"the admin who made it opens its settings: {r.status} {r.body[:200]}")
S.check(adm.request("GET", f"/admin/t/{SLUG}/settings").status == 403,
        "the admin is still no editor of the demo tracker")
last = json.loads(vigil("audit", "--last", "1", db=db)[1].splitlines()[-1])
S.check(last["action"] == "tracker.create" and
        last["after"].get("editor") == "u-admin",
        f"the audit row names the admin as the new tracker's editor: {last}")
r = ed.request("POST", "/admin/t/desk-made/settings",
               {"title": "Made at the desk", "summary": "Set by the form",
                "timezone": "Europe/Paris", "languages": "fr,en",
                "status": "live"}, form=True)
S.check(r.status == 303, f"an editor saves the settings: {r.status}")
r = ed.request("POST", "/admin/t/desk-made/metrics",
               {"key": "arrested", "label": "Arrested"}, form=True)
S.check(r.status == 303, f"an editor adds a metric: {r.status}")
page = ed.request("GET", "/admin/t/desk-made/settings")
S.check(b"Set by the form" in page.body and b"Arrested" in page.body,
        "the settings page shows them")
r = ed.request("POST", "/admin/t/desk-made/settings",
               {"timezone": "Mars/Olympus"}, form=True)
S.check(r.status == 422 and b"timezone: is not a known IANA" in r.body and
        b"<form" in r.body,
        f"a refused setting comes back with the form and the reason: {r.status}")

# The desk's event form: ACLED's type and sub-type as one choice.
r = ed.request("POST", f"/admin/t/{SLUG}/events",
               {"date": "2019-12-20", "kind": "Protests|Peaceful protest",
                "place": "Tehran", "size_words": "hundreds",
                "notes": "From the desk"}, form=True)
S.check(r.status == 303, f"an editor records an event with the form: {r.status}")
events = json.loads(srv.get(f"/api/v1/trackers/{SLUG}/events").text())["events"]
desk_event = [e for e in events if e["notes"] == "From the desk"]
S.check(len(desk_event) == 1 and desk_event[0]["location"] == "Tehran" and
        desk_event[0]["size"]["words"] == "hundreds", "the event is recorded")
r = ed.request("POST", f"/admin/t/{SLUG}/events",
               {"date": "2019-12-20", "kind": "Protests|Attack",
                "place": "Tehran"}, form=True)
S.check(r.status == 422 and b"sub_type" in r.body and b"<form" in r.body,
        f"a refused event comes back with the form: {r.status}")
if desk_event:
    r = ed.request("POST", f"/admin/t/{SLUG}/events/"
                   f"{desk_event[0]['number']}/retract", {}, form=True)
    S.check(r.status == 303, f"the desk retracts it: {r.status}")

# ==== Scheduled updates ====

r = ed.request("POST", f"{base}/updates",
               {"body": "Embargoed until 12:05", "publish_at": "2019-12-28T12:05:00Z"})
S.check(r.status == 201 and r.json["status"] == "scheduled",
        f"an editor schedules an update: {r.status} {r.body[:200]}")
later = r.json["number"]
S.check(srv.get(f"/t/{SLUG}/u/{later}").status == 404,
        "a scheduled update is not public before its time")
refused_without_change(
    "a malformed publication time",
    lambda: ed.request("POST", f"{base}/updates",
                       {"body": "x", "publish_at": "tomorrow"}), 422)
r = con.request("POST", f"{base}/updates",
                {"body": "A contributor cannot schedule",
                 "publish_at": "2019-12-28T12:05:00Z"})
S.check(r.status == 201 and r.json["status"] == "draft",
        "a contributor's scheduled post is a draft")

status, err = srv.stop()
S.check(status == 0, f"server exit status {status}")
S.check("Sanitizer" not in err and "runtime error" not in err,
        "no sanitizer report: " + err[-2000:])
S.check('"event":"forbidden"' in err and '"event":"csrf"' in err,
        "refusals are in the security log")
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")

# At 12:06 the server publishes it by itself, as "scheduler".
srv = Server(db, now="2019-12-28T12:06:00Z")
for _ in range(50):
    if srv.get(f"/t/{SLUG}/u/{later}").status == 200:
        break
    time.sleep(0.1)
S.check(srv.get(f"/t/{SLUG}/u/{later}").status == 200,
        "the scheduled update is published when its time has come")
last = json.loads(vigil("audit", "--last", "1", db=db)[1].splitlines()[-1])
S.check(last["action"] == "update.publish" and last["actor"] == "scheduler",
        f"the publication is audited as the scheduler's: {last}")
srv.stop()
S.finish()
