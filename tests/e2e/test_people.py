"""test_people.py: people and trackers managed in the browser, and
bylines, with the real server on loopback.

- An admin invites someone with roles on one tracker: the one-time link
  (48 hours) lets them choose a password and enrol a second factor, signs
  them in, and works once; they post to that tracker and get 403 on
  another. A wrong code, two different passwords and a common password
  are refused with the form again, changing nothing.
- Roles per tracker set at the desk; a second factor reset by an admin
  (the old one stops working, their sessions end, a link enrols a new one
  with their password); disabling ends sessions and API tokens at once.
  Every action leaves one audit row and needs an admin, a session and
  the CSRF token.
- Trackers: archived (read-only: every write refused with a clear 409,
  still public) and unlisted (off the index and the API's list, still at
  its address), each audited and undone.
- Bylines: a display name, shown on the live page, the update's page,
  Atom, JSON Feed and the API only when the tracker says so; a new
  pseudonym renames every update; the login is never shown.
"""
import base64
import html
import json
import os
import re
import sys
import time
from urllib.parse import urlparse, parse_qs

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, row_counts, vigil  # noqa: E402
from editors import PASSWORD, Client, add_user, api_token, totp  # noqa: E402

S = Suite("e2e-people")
NOW = 1577534400  # 2019-12-28T12:00:00Z, the harness's VIGIL_NOW
SLUG = "iran-nov-2019"
OTHER = "city-a"
db = demo_db(S)
vigil("tracker", "create", OTHER, "--title", "Protests in City A",
      "--started-on", "2019-12-20", "--timezone", "Europe/Paris", db=db)
admin_secret = add_user(db, "boss", "admin")
srv = Server(db)
addresses = iter(f"127.0.2.{i}" for i in range(1, 250))


def audit_rows():
    return row_counts(db, ("audit_log",))[0]


def last_audit():
    return json.loads(vigil("audit", "--last", "1", db=db)[1].splitlines()[-1])


def client():
    return Client(srv, source=next(addresses))


def sign_in(login, secret=None, step=0):
    """Signs in with a code of secret, `step` 30-second steps off (each
    code counts once, and the clock stands still), or, on the demo server
    of the test's second half, with the password alone."""
    c = client()
    r = c.login(login, code=totp(secret, NOW, step) if secret else None)
    S.check(r.status == 200, f"{login} signs in: {r.status} {r.body[:200]}")
    return c


def link_in(page):
    """The one-time link a desk page shows, as a path."""
    m = re.search(rb'class="invite-link" href="([^"]+)"', page)
    if not m:
        return None
    url = urlparse(html.unescape(m.group(1).decode()))
    return url.path + "?" + url.query


def form_of(page):
    """The secret a link's page offers (bytes) and its hidden fields."""
    text = page.decode()
    secret = re.search(r'name="secret" value="([A-Z2-7]{32})"', text).group(1)
    token = re.search(r'name="token" value="([^"]+)"', text).group(1)
    return base64.b32decode(secret), {"token": html.unescape(token),
                                      "secret": secret}


boss = sign_in("boss", admin_secret, 0)

# ==== An invitation, with roles on one tracker ====

before = audit_rows()
r = boss.request("POST", "/admin/users",
                 {"login": "nadia", "display_name": "N. Reporter",
                  "tracker": OTHER, "there.contributor": "1",
                  "there.editor": "1"}, form=True)
link = link_in(r.body)
S.check(r.status == 200 and link and link.startswith("/invite?token="),
        f"the admin invites nadia: {r.status} {r.body[:300]}")
S.check(audit_rows() == before + 1 and last_audit()["action"] == "user.invite",
        "the invitation leaves one audit row")
row = last_audit()
S.check(row["after"]["trackers"] == {OTHER: "contributor,editor"} and
        row["after"]["roles"] == "" and "token" not in json.dumps(row),
        f"the row has her roles, never the link: {row['after']}")
token = parse_qs(urlparse(link).query)["token"][0]
S.check(token not in vigil("audit", db=db)[1], "no token in the audit log")

# Refused: no role at all, and the same login again.
for body, what in [({"login": "noroles"}, "no role"),
                   ({"login": "nadia", "all.editor": "1"}, "a taken login")]:
    before = audit_rows()
    r = boss.request("POST", "/admin/users", body, form=True)
    S.check(r.status in (409, 422) and b"<form" in r.body and
            audit_rows() == before, f"an invitation with {what}: {r.status}")

# Nobody can sign in as nadia before she sets a password.
S.check(client().login("nadia", password="").status in (400, 401),
        "an invited account cannot sign in yet")

# The link's page: her login, a key for the authenticator app.
browser = client()
r = browser.request("GET", link)
S.check(r.status == 200 and b"nadia" in r.body and b"otpauth://" in r.body,
        f"the link's page: {r.status} {r.body[:300]}")
S.check(r.headers.get("Cache-Control") == "no-store", "the page is no-store")
secret, hidden = form_of(r.body)
S.check(audit_rows() == before, "showing the link's page writes nothing")

for extra, what in [
        ({"password": PASSWORD, "password_again": PASSWORD,
          "code": "000000" if totp(secret, NOW) != "000000" else "111111"},
         "a wrong code"),
        ({"password": PASSWORD, "password_again": PASSWORD + "x",
          "code": totp(secret, NOW)}, "two different passwords"),
        ({"password": "WinnieThePooh", "password_again": "WinnieThePooh",
          "code": totp(secret, NOW)}, "a common password")]:
    before = audit_rows()
    r = browser.request("POST", "/invite", dict(hidden, **extra), form=True,
                        csrf=False)
    S.check(r.status == 422 and b"<form" in r.body and audit_rows() == before,
            f"the link refuses {what}: {r.status} {r.body[:200]}")
    S.check(hidden["secret"].encode() in r.body,
            f"after {what} the form offers the same key")

r = browser.request("POST", "/invite",
                    dict(hidden, password=PASSWORD, password_again=PASSWORD,
                         code=totp(secret, NOW), display_name="N. Reporter"),
                    form=True, csrf=False)
S.check(r.status == 303 and r.headers.get("Location") == "/admin",
        f"nadia sets her password and second factor: {r.status} {r.body[:300]}")
S.check(last_audit()["action"] == "user.signup" and
        last_audit()["actor"] == "nadia", f"audited as hers: {last_audit()}")
me = browser.request("GET", "/api/v1/me")
S.check(me.status == 200 and me.json["trackers"] == {OTHER: "contributor,editor"},
        f"the link signed her in: {me.status} {me.body[:200]}")
browser.csrf = me.json["csrf"]

# She posts to her tracker, not to another.
r = browser.request("POST", f"/api/v1/trackers/{OTHER}/updates",
                    {"title": "First", "body": "Crowds at the town hall."})
S.check(r.status == 201 and r.json["status"] == "published",
        f"nadia posts to {OTHER}: {r.status} {r.body[:200]}")
before = row_counts(db, ("updates", "audit_log"))
r = browser.request("POST", f"/api/v1/trackers/{SLUG}/updates",
                    {"title": "Elsewhere", "body": "Not hers."})
S.check(r.status == 403 and row_counts(db, ("updates", "audit_log")) == before,
        f"nadia may not post to {SLUG}: {r.status} {r.body[:200]}")
r = browser.request("GET", f"/admin/t/{SLUG}")
S.check(r.status == 403, f"nor open its desk: {r.status}")
desk = browser.request("GET", "/admin")
S.check(f'href="/admin/t/{OTHER}"'.encode() in desk.body and
        f'href="/admin/t/{SLUG}"'.encode() not in desk.body,
        "her desk lists her tracker only")

# The link works once; another one expires after 48 hours.
r = client().request("GET", link)
S.check(r.status == 404 and b"not valid" in r.body,
        f"a used link is closed: {r.status}")
r = boss.request("POST", "/admin/users",
                 {"login": "late", "all.verifier": "1"}, form=True)
late = link_in(r.body)
srv.stop()
srv = Server(db, now="2019-12-30T12:00:01Z")
r = Client(srv).request("GET", late)
S.check(r.status == 404, f"a link 48 hours and a second old is closed: {r.status}")
srv.stop()
srv = Server(db, now="2019-12-30T11:59:00Z")
r = Client(srv).request("GET", late)
S.check(r.status == 200, f"a link 47 hours and 59 minutes old is open: {r.status}")
srv.stop()
# From here on a sign-in needs no code (--demo): the clock stands still, and
# each code counts once. A code given is still checked.
srv = Server(db, "--demo")
boss = sign_in("boss")
browser = sign_in("nadia")

# A new link for someone who has not signed up replaces the old one.
r = boss.request("POST", "/admin/users/late/invite", {}, form=True)
again = link_in(r.body)
S.check(r.status == 200 and again and again != late,
        f"a new invitation link: {r.status}")
S.check(Client(srv).request("GET", late).status == 404,
        "the older link is closed by the new one")

# ==== Roles per tracker at the desk ====

before = audit_rows()
r = boss.request("POST", "/admin/users/nadia/roles",
                 {f"on.{OTHER}.editor": "1", f"on.{SLUG}.contributor": "1"},
                 form=True)
S.check(r.status == 303 and audit_rows() == before + 1 and
        last_audit()["action"] == "user.roles",
        f"the admin sets nadia's roles: {r.status} {r.body[:200]}")
S.check(last_audit()["before"]["trackers"] == {OTHER: "contributor,editor"} and
        last_audit()["after"]["trackers"] == {OTHER: "editor", SLUG: "contributor"},
        f"the row has both: {last_audit()}")
S.check(browser.request("GET", "/api/v1/me").status == 401,
        "new roles end her sessions")
browser = sign_in("nadia")
r = browser.request("POST", f"/api/v1/trackers/{SLUG}/updates",
                    {"body": "A draft for the demo's editors."})
S.check(r.status == 201 and r.json["status"] == "draft",
        f"a contributor there now, her post is a draft: {r.status}")
refused = [({"all.editor": "1", "csrf": "x" * 43}, boss, "a wrong CSRF token"),
           ({}, browser, "someone who is no admin")]
for body, who, what in refused:
    before = audit_rows()
    r = who.request("POST", "/admin/users/nadia/roles", body, form=True,
                    csrf=what != "a wrong CSRF token")
    S.check(r.status == 403 and audit_rows() == before,
            f"roles set by {what}: {r.status}")
r = boss.request("POST", "/admin/users/boss/roles", {"all.editor": "1"},
                 form=True)
S.check(r.status == 422 and b"your own admin role" in r.body,
        f"an admin cannot drop their own admin role: {r.status}")
before = audit_rows()
r = boss.request("POST", "/admin/users/nadia/roles",
                 {f"on.{OTHER}.admin": "1"}, form=True)
S.check(r.status == 422 and b"admin is held on every tracker" in r.body and
        audit_rows() == before, f"admin is never a role on one tracker: "
        f"{r.status}")
vigil("user", "roles", "nadia", "editor", "--tracker", OTHER, db=db)
ok, out, err = vigil("user", "roles", "nadia", "admin", "--tracker", OTHER,
                     db=db, check=False)
S.check(ok == 1 and "admin is held on every tracker" in err,
        f"nor on the command line: {ok} {err}")
browser = sign_in("nadia")

# ==== A second factor reset ====

token_text = api_token(db, "nadia")
before = audit_rows()
r = boss.request("POST", "/admin/users/nadia/totp", {}, form=True)
reset = link_in(r.body)
S.check(r.status == 200 and reset and audit_rows() == before + 1 and
        last_audit()["action"] == "user.totp-reset",
        f"the admin resets nadia's second factor: {r.status}")
S.check(browser.request("GET", "/api/v1/me").status == 401,
        "the reset ends her sessions")
S.check(client().login("nadia", code=totp(secret, NOW, 1)).status == 401,
        "her old second factor no longer signs in")
page = client()
r = page.request("GET", reset)
S.check(r.status == 200 and b'name="password_again"' not in r.body,
        f"the reset's page asks for her password only: {r.status}")
secret2, hidden = form_of(r.body)
before = audit_rows()
r = page.request("POST", "/invite",
                 dict(hidden, password="not her password at all",
                      code=totp(secret2, NOW)), form=True, csrf=False)
S.check(r.status == 422 and b"is not your password" in r.body and
        audit_rows() == before, f"a wrong password is refused: {r.status}")
r = page.request("POST", "/invite",
                 dict(hidden, password=PASSWORD, code=totp(secret2, NOW)),
                 form=True, csrf=False)
S.check(r.status == 303 and last_audit()["action"] == "user.enrol",
        f"she enrols a new second factor: {r.status} {r.body[:200]}")
browser = sign_in("nadia", secret2, 1)

# ==== Disabling ends sessions and tokens ====

script = Client(srv, origin=False)
S.check(script.request("GET", "/api/v1/me", None,
                       {"Authorization": "Bearer " + token_text}).status == 200,
        "her API token works")
before = audit_rows()
r = boss.request("POST", "/admin/users/nadia/disable", {}, form=True)
S.check(r.status == 303 and audit_rows() == before + 1 and
        last_audit()["action"] == "user.disable", f"disabled: {r.status}")
S.check(browser.request("GET", "/api/v1/me").status == 401,
        "her session ended at once")
S.check(script.request("GET", "/api/v1/me", None,
                       {"Authorization": "Bearer " + token_text}).status == 401,
        "her API token too")
S.check(client().login("nadia").status == 401,
        "a disabled account cannot sign in")
r = boss.request("POST", "/admin/users/boss/disable", {}, form=True)
S.check(r.status == 422, f"an admin cannot disable themselves: {r.status}")
r = boss.request("POST", "/admin/users/nadia/enable", {}, form=True)
S.check(r.status == 303 and last_audit()["action"] == "user.disable",
        f"enabled again: {r.status}")
S.check(script.request("GET", "/api/v1/me", None,
                       {"Authorization": "Bearer " + token_text}).status == 401,
        "enabling again does not bring the token back")
browser = sign_in("nadia")
page = boss.request("GET", "/admin/users")
S.check(page.status == 200 and b"nadia" in page.body and
        b"N. Reporter" in page.body, f"the people page: {page.status}")

# ==== Archived and unlisted trackers ====

before = audit_rows()
r = boss.request("POST", f"/admin/t/{OTHER}/archive", {}, form=True)
S.check(r.status == 303 and audit_rows() == before + 1 and
        last_audit()["action"] == "tracker.archive", f"archived: {r.status}")
counts = row_counts(db, ("updates", "update_rev", "metrics", "audit_log"))
for path, body in [(f"/api/v1/trackers/{OTHER}/updates", {"body": "x"}),
                   (f"/api/v1/trackers/{OTHER}/updates/1", {"body": "x"}),
                   (f"/api/v1/trackers/{OTHER}/updates/1/pin", {}),
                   (f"/api/v1/trackers/{OTHER}/metrics",
                    {"key": "k", "label": "K"}),
                   (f"/api/v1/trackers/{OTHER}", {"title": "New title"})]:
    r = browser.request("POST", path, body)
    S.check(r.status == 409 and b"archived" in r.body and b"read-only" in r.body,
            f"{path} on an archived tracker: {r.status} {r.body[:200]}")
r = browser.request("POST", f"/admin/t/{OTHER}/updates",
                    {"body": "From the desk"}, form=True)
S.check(r.status == 409 and b"is archived" in r.body and b"<form" in r.body,
        f"the desk says why: {r.status}")
S.check(row_counts(db, ("updates", "update_rev", "metrics", "audit_log")) ==
        counts, "an archived tracker does not change")
ok, _, err = vigil("post", OTHER, db=db, stdin=b"From the host", check=False)
S.check(ok == 1 and "archived" in err, f"nor from the command line: {err}")
live = srv.get(f"/t/{OTHER}")
S.check(live.status == 200 and "is archived" in live.text() and
        "Crowds at the town hall" in live.text(),
        "an archived tracker is still public, and says so")
S.check(b"Unarchive" in boss.request("GET", "/admin/trackers").body,
        "the trackers page offers to unarchive it")
r = boss.request("POST", f"/admin/t/{OTHER}/archive", {}, form=True)
S.check(r.status == 409, f"archiving twice is refused: {r.status}")
r = boss.request("POST", f"/admin/t/{OTHER}/unarchive", {}, form=True)
S.check(r.status == 303 and last_audit()["action"] == "tracker.unarchive",
        f"unarchived: {r.status}")
r = browser.request("POST", f"/api/v1/trackers/{OTHER}/updates",
                    {"body": "Writable again."})
S.check(r.status == 201, f"writes are taken again: {r.status}")
r = browser.request("POST", f"/admin/t/{OTHER}/archive", {}, form=True)
S.check(r.status == 403, f"an editor may not archive: {r.status}")

# A tracker with a scheduled update cannot be archived (it could not be
# published).
r = browser.request("POST", f"/api/v1/trackers/{OTHER}/updates",
                    {"body": "Later", "publish_at": "2019-12-29T10:00:00Z"})
later = r.json["number"]
r = boss.request("POST", f"/admin/t/{OTHER}/archive", {}, form=True)
S.check(r.status == 409 and b"scheduled" in r.body,
        f"archiving with a scheduled update: {r.status}")
browser.request("POST", f"/api/v1/trackers/{OTHER}/updates/{later}/publish", {})

before = audit_rows()
r = boss.request("POST", f"/admin/t/{SLUG}/unlist", {}, form=True)
S.check(r.status == 303 and audit_rows() == before + 1 and
        last_audit()["action"] == "tracker.unlist", f"unlisted: {r.status}")
index = srv.get("/").text()
# (The demo's Persian edition, iran-nov-2019-fa, stays listed.)
S.check(re.search(f'/t/{SLUG}["/]', index) is None and
        f"/t/{OTHER}" in index, "an unlisted tracker is not on the index")
listed = [t["slug"] for t in json.loads(srv.get("/api/v1/trackers").text())
          ["trackers"]]
S.check(listed == [OTHER, SLUG + "-fa"], f"nor in the API's list: {listed}")
S.check(srv.get(f"/t/{SLUG}").status == 200 and
        srv.get(f"/api/v1/trackers/{SLUG}").status == 200 and
        srv.get(f"/t/{SLUG}/feed.atom").status == 200,
        "it is still at its address")
r = boss.request("POST", f"/admin/t/{SLUG}/list", {}, form=True)
S.check(r.status == 303 and last_audit()["action"] == "tracker.list" and
        f"/t/{SLUG}".encode() in srv.get("/").body, "listed again")

# ==== Bylines ====

def public_texts(n):
    """What readers get of update n of OTHER: pages, feeds, API."""
    return {"live": srv.get(f"/t/{OTHER}").text(),
            "update": srv.get(f"/t/{OTHER}/u/{n}").text(),
            "atom": srv.get(f"/t/{OTHER}/feed.atom").text(),
            "json feed": srv.get(f"/t/{OTHER}/feed.json").text(),
            "api": srv.get(f"/api/v1/trackers/{OTHER}/updates").text(),
            "api one": srv.get(f"/api/v1/trackers/{OTHER}/updates/{n}").text()}


S.check(all("N. Reporter" not in t for t in public_texts(1).values()),
        "no byline while the tracker does not show them")
r = browser.request("POST", f"/admin/t/{OTHER}/settings",
                    {"title": "Protests in City A", "timezone": "Europe/Paris",
                     "languages": "en", "status": "live", "bylines": "on"},
                    form=True)
S.check(r.status == 303 and last_audit()["action"] == "tracker.set" and
        last_audit()["after"].get("bylines") is True,
        f"an editor turns bylines on: {r.status} {r.body[:200]}")
vigil("post", OTHER, "--title", "From the host", db=db, stdin=b"Host text.")
texts = public_texts(1)
for where, text in texts.items():
    S.check("N. Reporter" in text, f"the byline is on the {where}")
    S.check("nadia" not in text, f"the login is not on the {where}")
feed = json.loads(texts["json feed"])
by_title = {i["title"]: i for i in feed["items"]}
S.check(by_title["First"].get("authors") == [{"name": "N. Reporter"}] and
        "authors" not in by_title["From the host"],
        "JSON Feed names her as the item's author; the host's post has none")
api_one = json.loads(texts["api one"])
S.check(api_one["update"]["byline"] == "N. Reporter"
        if "update" in api_one else api_one.get("byline") == "N. Reporter",
        f"the API's update has its byline: {texts['api one'][:300]}")
S.check('<author><name>N. Reporter</name></author>' in
        texts["atom"].replace("\n", ""), "Atom names her in the entry")

# A pseudonym taken later renames every update she wrote.
r = browser.request("POST", "/admin/name", {"display_name": "Sara K."},
                    form=True)
S.check(r.status == 303 and last_audit()["action"] == "user.name",
        f"she changes her display name: {r.status}")
texts = public_texts(1)
S.check(all("Sara K." in t and "N. Reporter" not in t
            for t in texts.values()), "every page, feed and answer follows")
# Renamed from the host while the server runs: its cached pages follow
# (SQLite: the file changed; PostgreSQL: the change log's notice).
vigil("user", "name", "nadia", "Third Name", db=db)
for _ in range(50):
    if "Third Name" in srv.get(f"/t/{OTHER}").text():
        break
    time.sleep(0.1)
S.check("Third Name" in srv.get(f"/t/{OTHER}").text() and
        "Third Name" in srv.get(f"/t/{OTHER}/feed.atom").text(),
        "a name changed on the host reaches the cached pages")
r = browser.request("POST", "/admin/name", {"display_name": "x" * 81},
                    form=True)
S.check(r.status == 413 and b"display_name" in r.body,
        f"a display name over 80 characters: {r.status}")

status, err = srv.stop()
S.check(status == 0, f"server exit status {status}")
S.check("Sanitizer" not in err and "runtime error" not in err,
        "no sanitizer report: " + err[-2000:])
S.check(token not in err, "the link's token is not in the server's log")
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
