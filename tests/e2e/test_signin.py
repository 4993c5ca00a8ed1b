"""test_signin.py: signing in, sessions and passwords
(reference/security.md C4, T23, T24, T31), with the clock injected
(VIGIL_NOW, a server restarted later) rather than waited for.

- T23: Set-Cookie exactly as C4 over TLS (__Host-, Secure, HttpOnly,
  SameSite=Strict); the sign-in form's pre-login cookie is no session,
  and sign-in clears it; a cookie replayed after sign-out gets 401; 16 idle minutes get 401
  (14 do not); a password change ends every session. The second factor:
  required, single-use, wrong or missing refused.
- T24: argon2id at m=64 MiB, t=2; 11 characters refused, 12 and 128
  accepted, 129 refused, common passwords refused; an unknown login and
  a wrong password take the same time (medians within 10%).
- T31: 2,000 wrong passwords at 200/s from one address: at most 2 hashes
  at once, at most 20 hashes for that address, 429 with Retry-After,
  memory bounded, and the account's owner still signs in from another
  address with their known-device cookie.
"""
import json
import os
import re
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ENV, Server, Suite, demo_db, sql_value, vigil  # noqa: E402
from editors import PASSWORD, Client, add_user, totp  # noqa: E402

S = Suite("e2e-signin")
NOW = 1577534400  # 2019-12-28T12:00:00Z, the harness's VIGIL_NOW
SITE = "https://vigil.example"
db = demo_db(S)
secret = add_user(db, "ed", "editor")

# ==== T23: cookies, the sign-in form's session, sign-out ====

srv = Server(db, "--base-url", SITE)
COOKIE = r"__Host-sid=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict"
PRE = r"__Host-pre=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict"
PRE_CLEARED = "__Host-pre=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict"
DEVICE = (r"__Host-device=[A-Za-z0-9_-]{43}\.ed; Path=/; Max-Age=31536000; "
          r"Secure; HttpOnly; SameSite=Strict")

browser = Client(srv, origin=False)
browser.origin = SITE
r = browser.request("GET", "/login")
S.check(r.status == 200, f"GET /login: {r.status}")
S.check(len(browser.set_cookies) == 1 and
        re.fullmatch(PRE, browser.set_cookies[0]),
        f"the sign-in form's cookie: {browser.set_cookies}")
S.check(r.headers.get("Cache-Control") == "no-store", "/login is no-store")
pre = browser.cookies["__Host-pre"]
csrf = re.search(rb'name="csrf" value="([^"]+)"', r.body).group(1).decode()

form = {"csrf": csrf, "login": "ed", "password": PASSWORD,
        "code": totp(secret, NOW, -1)}
r = browser.request("POST", "/login", form, form=True, csrf=False)
S.check(r.status == 303 and r.headers.get("Location") == "/admin",
        f"sign-in by form: {r.status} {r.body[:200]}")
S.check(len(browser.set_cookies) == 3, f"cookies: {browser.set_cookies}")
S.check(all(re.fullmatch(COOKIE, c) or re.fullmatch(DEVICE, c) or
            c == PRE_CLEARED for c in browser.set_cookies),
        f"Set-Cookie as C4: {browser.set_cookies}")
S.check("__Host-pre" not in browser.cookies,
        "signing in clears the pre-login cookie")
session = browser.cookies["__Host-sid"]
S.check(session != pre, "signing in makes a new session")
r = browser.request("GET", "/api/v1/me")
S.check(r.status == 200 and r.json["login"] == "ed",
        f"the new session is signed in: {r.status}")
old = Client(srv)
old.cookies = {"__Host-sid": pre}
S.check(old.request("GET", "/api/v1/me").status == 401,
        "the sign-in form's cookie is no session after sign-in")
S.check(old.request("GET", "/admin").status == 303,
        "... and sent to /login from a page")

# The second factor.
for what, code in [("the same code again", totp(secret, NOW, -1)),
                   ("a wrong code", "000000" if totp(secret, NOW) != "000000"
                    else "111111"),
                   ("no code", None),
                   ("an expired code", totp(secret, NOW, -2))]:
    c = Client(srv, source="127.0.2.1")
    c.origin = SITE
    r = c.login("ed", code=code)
    S.check(r.status == 401, f"sign-in with {what}: {r.status}")
    S.check(not any(k.startswith("__Host-sid") for k in c.cookies),
            f"no session cookie after {what}")
api = Client(srv, source="127.0.2.2")
api.origin = SITE
r = api.login("ed", code=totp(secret, NOW))
S.check(r.status == 200, f"sign-in with the next code: {r.status} {r.body}")

# Sign-out ends the session; its cookie replayed gets 401.
r = browser.request("POST", "/logout", {"csrf": browser.cookies and ""},
                    form=True, csrf=False)
S.check(r.status == 403, "sign-out without the CSRF token is refused")
me = browser.request("GET", "/api/v1/me").json
browser.csrf = me["csrf"]
r = browser.request("POST", "/logout", {})
S.check(r.status == 303, f"sign-out: {r.status}")
replay = Client(srv)
replay.cookies = {"__Host-sid": session}
S.check(replay.request("GET", "/api/v1/me").status == 401,
        "a cookie replayed after sign-out gets 401")
S.check(any(c.startswith("__Host-sid=;") and "Max-Age=0" in c
            for c in browser.set_cookies), "sign-out clears the cookie")
srv.stop()

# ==== T23: idle expiry and password change, with the clock moved ====


def at(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW + seconds))


kept = api.cookies["__Host-sid"]
srv = Server(db, "--base-url", SITE, now=at(14 * 60))
c = Client(srv)
c.cookies = {"__Host-sid": kept}
S.check(c.request("GET", "/api/v1/me").status == 200,
        "after 14 idle minutes the session holds")
srv.stop()
srv = Server(db, "--base-url", SITE, now=at(14 * 60 + 16 * 60))
c = Client(srv)
c.cookies = {"__Host-sid": kept}
S.check(c.request("GET", "/api/v1/me").status == 401,
        "after 16 idle minutes it is over: 401")
srv.stop()

srv = Server(db, "--base-url", SITE, now=at(3600))
two = []
for i, step in enumerate((0, 1)):
    c = Client(srv, source=f"127.0.2.{10 + i}")
    c.origin = SITE
    r = c.login("ed", code=totp(secret, NOW + 3600, step))
    S.check(r.status == 200, f"session {i + 1} signs in: {r.status}")
    two.append(c)
vigil("user", "passwd", "ed", db=db, stdin=b"another long passphrase\n",
      env=dict(ENV, VIGIL_NOW=at(3600)))
S.check(all(c.request("GET", "/api/v1/me").status == 401 for c in two),
        "a password change ends every session")
srv.stop()

# ==== One's own password, from the desk ====

OLD, NEW = "another long passphrase", "a new and longer passphrase"


def pwhash():
    return sql_value(db, "SELECT pwhash FROM users WHERE login = 'ed'")


srv = Server(db, "--base-url", SITE, now=at(7200))
me, other = Client(srv, source="127.0.2.20"), Client(srv, source="127.0.2.21")
for i, c in enumerate((me, other)):
    c.origin = SITE
    r = c.login("ed", password=OLD, code=totp(secret, NOW + 7200, i))
    S.check(r.status == 200, f"browser {i + 1} signs in: {r.status}")
page = me.request("GET", "/admin/password")
S.check(page.status == 200 and b'name="current_password"' in page.body and
        b'autocomplete="new-password"' in page.body and
        b'href="/admin/password"' in page.body,
        f"the desk's password page: {page.status}")
S.check(b'href="/admin/password"' in me.request("GET", "/admin").body,
        "the desk links it")
S.check(b"revokes your API tokens" in page.body,
        "the page says a new password revokes API tokens")
TOKEN = vigil("user", "token", "ed", "--label", "bot", db=db)[1].strip()


def token_status():
    return srv.request("GET", "/api/v1/me", headers={
        "Authorization": f"Bearer {TOKEN}"}).status


S.check(token_status() == 200, "ed's API token works before the change")
before = pwhash()
for what, form, status, says in [
        ("a wrong current password", {"current_password": "not it at all",
                                      "password": NEW, "password_again": NEW},
         422, b"current_password: is not your current password"),
        ("two different new ones", {"current_password": OLD, "password": NEW,
                                    "password_again": NEW + "!"},
         422, b"password_again: is not the same"),
        ("a short one", {"current_password": OLD, "password": "short",
                         "password_again": "short"},
         422, b"password: must be 12 to 128 characters"),
        ("the same one", {"current_password": OLD, "password": OLD,
                          "password_again": OLD},
         422, b"password: is the password you have now")]:
    r = me.request("POST", "/admin/password", form, form=True)
    S.check(r.status == status and says in r.body and
            b'name="current_password"' in r.body,
            f"{what}: {r.status}, the form again with the reason")
r = me.request("POST", "/admin/password", {"current_password": OLD,
                                           "password": NEW,
                                           "password_again": NEW},
               form=True, csrf=False)
S.check(r.status == 403, f"without the CSRF token: {r.status}")
S.check(pwhash() == before, "refusals changed nothing")
r = me.request("POST", "/admin/password", {"current_password": OLD,
                                           "password": NEW,
                                           "password_again": NEW}, form=True)
S.check(r.status == 303 and r.headers.get("Location") == "/admin",
        f"the password changes: {r.status} {r.body[:200]}")
S.check(any(re.fullmatch(COOKIE, c) for c in me.set_cookies),
        f"a new session cookie: {me.set_cookies}")
S.check(me.request("GET", "/api/v1/me").status == 200,
        "this browser stays signed in, with a new session")
S.check(other.request("GET", "/api/v1/me").status == 401,
        "every other session of theirs has ended")
S.check(token_status() == 401, "ed's API token is revoked by the change")
anon = Client(srv)
r = anon.request("POST", "/admin/password", {"current_password": NEW,
                                             "password": OLD,
                                             "password_again": OLD},
                 form=True)
S.check(r.status in (401, 303), f"anonymous: {r.status}")
status, err = srv.stop()
S.check(err.count('"event":"password.failed"') == 1 and
        '"event":"password.changed"' in err and OLD not in err and
        NEW not in err,
        "the security log has the failure and the change, no password")
audit = [json.loads(x) for x in vigil("audit", db=db)[1].splitlines()]
S.check(any(a["action"] == "user.passwd" and a["actor"] == "ed"
            for a in audit), "the audit log has the change, by ed")
srv = Server(db, "--base-url", SITE, now=at(7300))  # codes not used yet
fresh = Client(srv, source="127.0.2.22")
fresh.origin = SITE
S.check(fresh.login("ed", password=OLD,
                    code=totp(secret, NOW + 7300)).status == 401,
        "the old password no longer signs in")
S.check(fresh.login("ed", password=NEW,
                    code=totp(secret, NOW + 7300)).status == 200,
        "the new one does")
srv.stop()
vigil("user", "passwd", "ed", db=db, stdin=(OLD + "\n").encode(),
      env=dict(ENV, VIGIL_NOW=at(7300)))  # what the tests below sign in with

# ==== T24: passwords ====

h = pwhash()
S.check(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$"), f"hash {h[:32]}")
for n, ok in [(11, False), (12, True), (128, True), (129, False)]:
    st, _, err = vigil("user", "add", f"len{n}", "--roles", "editor", db=db,
                       stdin=("x" * (n - 1) + "é\n").encode(), check=False)
    S.check((st == 0) == ok, f"a password of {n} characters: exit {st} {err}")
common = [w for w in open(os.path.join(os.path.dirname(__file__), "..", "..",
                                       "data", "common-passwords.txt"),
                          encoding="latin-1").read().splitlines()
          if not w.startswith("#!comment") and len(w) >= 12]
S.check(len(common) >= 1, "the list has entries of 12 characters or more")
for w in common + [w.upper() for w in common]:
    st, _, err = vigil("user", "add", "common", "--roles", "editor", db=db,
                       stdin=(w + "\n").encode(), check=False)
    S.check(st == 1 and "common passwords" in err, f"common password {w}: {st}")

# Timing: an unknown login against a wrong password, interleaved, each
# from its own address (10 sign-ins a minute each), the account's
# failures not locking it (its known-device cookie).
srv = Server(db, "--demo")
dev = Client(srv, source="127.0.3.1")
r = dev.login("ed", password="another long passphrase")
S.check(r.status == 200, f"sign-in for the device cookie: {r.status}")
device = {k: v for k, v in dev.cookies.items() if "device" in k}
unknown, wrong = [], []
for i in range(200):
    for kind, out in (("unknown", unknown), ("wrong", wrong)):
        c = Client(srv, source=f"127.0.{4 + i // 5}.{1 + i % 5 + (kind == 'wrong') * 10}")
        c.cookies = dict(device)
        t = time.perf_counter()
        r = c.login(f"ghost{i}" if kind == "unknown" else "ed",
                    password="not the password at all")
        out.append(time.perf_counter() - t)
        S.check(r.status == 401, f"{kind} #{i}: {r.status} {r.body[:100]}")
mu, mw = statistics.median(unknown), statistics.median(wrong)
print(f"  median sign-in refusal: unknown login {mu * 1000:.1f} ms, "
      f"wrong password {mw * 1000:.1f} ms")
S.check(abs(mu - mw) <= 0.10 * max(mu, mw),
        f"unknown login and wrong password take the same time: {mu:.4f} "
        f"vs {mw:.4f}")
srv.stop()

# ==== T31: the sign-in flood ====

add_user(db, "owner", "editor")
srv = Server(db, "--demo")
owner = Client(srv, source="127.0.0.4")
S.check(owner.login("owner").status == 200, "the owner signs in once")
owner_device = {k: v for k, v in owner.cookies.items() if "device" in k}
pid = srv.proc.pid


def rss():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024


rss0 = rss()
hashes0 = srv.metric("vigil_password_hashes_total")
statuses, retry_after = {}, []
lock = threading.Lock()


def flood(k):
    c = Client(srv, source="127.0.0.3")
    start = time.perf_counter()
    for i in range(k, 2000, 8):  # 8 threads, 25 a second each
        delay = start + (i - k) / 200 - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        r = c.request("POST", "/api/v1/login",
                      {"login": "owner", "password": f"guess number {i}"})
        with lock:
            statuses[r.status] = statuses.get(r.status, 0) + 1
            if r.status == 429:
                retry_after.append(r.headers.get("Retry-After"))


threads = [threading.Thread(target=flood, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
time.sleep(3)
c = Client(srv, source="127.0.0.4")
c.cookies = dict(owner_device)
t0 = time.perf_counter()
r = c.login("owner")
took = time.perf_counter() - t0
S.check(r.status == 200, f"the owner signs in during the flood: {r.status}")
for t in threads:
    t.join()
hashes = srv.metric("vigil_password_hashes_total") - hashes0 - 1
print(f"  flood: {statuses}; {hashes} hashes for 127.0.0.3; owner's sign-in "
      f"{took * 1000:.0f} ms; RSS {rss0} -> {rss()} MiB")
S.check(sum(statuses.values()) == 2000, "2,000 answers")
S.check(statuses.get(429, 0) >= 1980 and set(statuses) <= {401, 429},
        f"after the threshold: 429 ({statuses})")
S.check(all(a and a.isdigit() and int(a) > 0 for a in retry_after),
        "every 429 has Retry-After")
S.check(0 < hashes <= 20, f"hashes for the flooding address: {hashes}")
S.check(srv.metric("vigil_password_hashes_running_max") <= 2,
        "at most 2 hashes at once")
S.check(rss() - rss0 <= 160, f"RSS grew {rss() - rss0} MiB")
status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}")
S.check('"event":"sign-in.throttled"' in err and "guess number" not in err,
        "the flood is logged, passwords are not")
S.finish()
