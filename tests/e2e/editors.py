"""editors.py: editor accounts and signed-in clients for the end-to-end
tests: users made with the real CLI, TOTP codes computed here (RFC 6238),
and a client that keeps its cookies and CSRF token."""
import base64
import hashlib
import hmac
import http.client
import json
import re
import struct
import uuid

from harness import api_answer, vigil

PASSWORD = "a long enough passphrase"
ROLES = ["contributor", "editor", "verifier", "custodian", "admin"]


def add_user(db, login, roles, password=PASSWORD, tracker=None):
    """Adds a user with the CLI, holding roles on every tracker or on
    `tracker` only; returns the TOTP secret (bytes)."""
    on = ["--tracker", tracker] if tracker else []
    _, out, _ = vigil("user", "add", login, "--roles", roles, *on, db=db,
                      stdin=(password + "\n").encode())
    m = re.search(r"secret: ([A-Z2-7]+)", out)
    return base64.b32decode(m.group(1))


def api_token(db, login):
    return vigil("user", "token", login, db=db)[1].strip()


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes). files maps a
    field to (file name, content type, bytes)."""
    b = "----vigil" + uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += (f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n"
                f"\r\n{v}\r\n").encode()
    for k, (name, ctype, data) in files.items():
        out += (f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"; "
                f"filename=\"{name}\"\r\nContent-Type: {ctype}\r\n\r\n"
                ).encode() + data + b"\r\n"
    out += f"--{b}--\r\n".encode()
    return f"multipart/form-data; boundary={b}", out


def add_image(server, slug, token, path, alt, ctype="image/jpeg"):
    """Uploads the image at path through the write API and keeps it with
    alt text; returns the media record the API answers (a dict)."""
    with open(path, "rb") as f:
        t, body = multipart({}, {"file": (path.rsplit("/", 1)[-1], ctype,
                                          f.read())})
    auth = {"Authorization": "Bearer " + token}
    r = server.request("POST", f"/api/v1/trackers/{slug}/media",
                       dict(auth, **{"Content-Type": t}), body)
    assert r.status == 202, (r.status, r.body[:300])
    r = server.request("POST", json.loads(r.body)["keep"],
                       dict(auth, **{"Content-Type": "application/json"}),
                       json.dumps({"alt": alt}))
    assert r.status == 201, (r.status, r.body[:300])
    return json.loads(r.body)


def totp(secret, at, step=0):
    """The 6-digit code for Unix time `at`, `step` 30-second steps off."""
    counter = at // 30 + step
    mac = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    o = mac[-1] & 15
    n = (struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000
    return f"{n:06d}"


class Client:
    """One browser or script: its cookies, CSRF token and Origin."""

    def __init__(self, server, source=None, origin=True):
        self.server = server
        self.source = source
        self.cookies = {}
        self.csrf = None
        self.origin = f"http://127.0.0.1:{server.port}" if origin else None

    def request(self, method, path, body=None, headers=None, form=False,
                csrf=True, origin=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET" and (origin or self.origin):
            h["Origin"] = origin or self.origin
        if body is not None:
            if form:
                from urllib.parse import urlencode
                data = urlencode(body).encode()
                h["Content-Type"] = "application/x-www-form-urlencoded"
            else:
                data = json.dumps(body).encode()
                h["Content-Type"] = "application/json"
        else:
            data = None
        if csrf and self.csrf and method != "GET":
            h.setdefault("X-CSRF-Token", self.csrf)
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.server.port, timeout=30,
            source_address=(self.source, 0) if self.source else None)
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        conn.close()
        self.set_cookies = r.headers.get_all("Set-Cookie") or []
        for c in self.set_cookies:
            name, _, rest = c.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        r.body = raw
        api_answer(method, path, r.status, r.getheader, raw)
        try:
            r.json = json.loads(raw) if raw else None
        except ValueError:
            r.json = None
        return r

    def login(self, login, password=PASSWORD, code=None):
        body = {"login": login, "password": password}
        if code:
            body["code"] = code
        r = self.request("POST", "/api/v1/login", body)
        if r.status == 200:
            self.csrf = r.json["csrf"]
        return r
