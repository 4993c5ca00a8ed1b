"""test_canary.py: the canary leak test (reference/security.md T20).

Unique canary strings go into every sealed field of the victims
registry (names in both scripts, gender, place, family contacts,
witnesses, notes), and a canary age into a sealed age. Then every public
route the route table lists, a live stream while a record is added, the
server's log, the database file, its WAL, a backup and an export are
searched: 0 occurrences. So are the registry's API and desk routes (a
record added through the API; every page and answer to an editor, an
admin and anonymous readers, and the custodian's list, which opens
nothing). A custodian's read opens them (and is audited); a purge makes
them unreadable for good."""
import json
import os
import re
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Server, Suite, backend_is, demo_db,  # noqa: E402
                     pg_database_files, pg_dump, vigil)

S = Suite("e2e-canary")
SLUG = "iran-nov-2019"
db = demo_db(S)
key = os.path.join(S.tmp, "master.key")
CANARIES = []


def canary(field, i):
    c = f"Qz{field.upper().replace('_', '')}{i}canary"
    CANARIES.append(c)
    return c


SEALED = ("name", "name-native", "gender", "place", "family-contact",
          "witness", "notes")


def add_record(i, extra=()):
    args = ["victim", "add", SLUG, "--circumstance", "killed", "--date",
            "2019-11-16", "--age", str(100 + i), "--master-key", key,
            "--visibility", ",".join(f"{f.replace('-', '_')}=custodians"
                                     for f in SEALED) + ",age=custodians"]
    for f in SEALED:
        args += [f"--{f}", canary(f, i)]
    return vigil(*args, *extra, db=db)


for i in range(3):
    add_record(i)
S.check(os.stat(key).st_mode & 0o777 == 0o600, "the master key is 0600")

from editors import Client, add_user  # noqa: E402

for login, roles in (("keeper", "custodian"), ("desk", "editor"),
                     ("boss", "admin")):
    add_user(db, login, roles)
srv = Server(db, "--demo", "--master-key", key)
# Paths for every public GET route, filled with real values.
routes = [json.loads(line) for line in vigil("routes", db=db)[1].splitlines()]
events = json.loads(srv.get(f"/t/{SLUG}/export.geojson").text())
place = re.search(r'/t/[^"]+/places/[0-9a-f]{16}',
                  srv.get(f"/t/{SLUG}/events").text()).group(0)
live = srv.get(f"/t/{SLUG}").text()
static = re.findall(r'/static/[\w.]+', live)
fill = {":slug": SLUG, ":n": "1", ":metric": "killed", ":file": None,
        ":id": place.rsplit("/", 1)[1]}
paths = set(static) | {place}
for rt in routes:
    if rt["roles"] != "public" or rt["method"] != "GET" or \
            rt["family"] == "stream" or ":file" in rt["pattern"]:
        continue
    p = rt["pattern"]
    for k, v in fill.items():
        if v:
            p = p.replace(k, v)
    paths.add(p)
    if ":n" in rt["pattern"]:
        for n in range(2, 10):
            paths.add(rt["pattern"].replace(":slug", SLUG).replace(":n", str(n)))
paths |= {"/no/such/page", f"/t/{SLUG}/u/999", "/api/v1/trackers/nosuch",
          f"/t/{SLUG}/events?type=Protests", "/metrics"}

# A live stream open while a fourth record is added.
stream = []


def listen():
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=4)
    s.sendall(f"GET /t/{SLUG}/live HTTP/1.1\r\nHost: x\r\n"
              "Accept: text/event-stream\r\n\r\n".encode())
    end = time.time() + 3
    try:
        while time.time() < end:
            chunk = s.recv(65536)
            if not chunk:
                break
            stream.append(chunk)
    except socket.timeout:
        pass
    s.close()


t = threading.Thread(target=listen)
t.start()
time.sleep(0.5)
add_record(3)
t.join()
S.check(any(b"event: figures" in c for c in stream),
        "the stream carried the figures change")

outputs = {"the live stream": b"".join(stream)}
for p in sorted(paths):
    r = srv.get(p, {"Accept-Encoding": "identity"})
    outputs[p] = r.body
    outputs[p + " headers"] = json.dumps(r.headers).encode()
S.check(len(outputs) > 60, f"{len(outputs)} outputs searched")
memorial = srv.get(f"/t/{SLUG}/victims").text()
S.check(memorial.count("Name withheld") == 4 and
        memorial.count("Sample Person") == 3,
        "sealed names read Name withheld")

# A custodian's read opens every field, and is audited; ages too. (The
# demo's three invented records come first: the last canary record is 7.)
rc, out, _ = vigil("victim", "show", SLUG, "7", "--master-key", key, db=db)
shown = json.loads(out)
S.check(shown["name"] == CANARIES[-7] and shown["age"] == "103",
        "the host's custodian read opens the sealed fields")
audit = [json.loads(x) for x in vigil("audit", db=db)[1].splitlines()]
S.check(sum(a["action"] == "victim.read" for a in audit) == 1,
        "one audit row for the one read")
api = json.loads(srv.get(f"/api/v1/trackers/{SLUG}").text())
S.check("103" not in memorial and '"age"' not in json.dumps(api),
        "no sealed age in public outputs")

# Over the API: a custodian opens a record (one audit row each time); an
# editor sees no custodian field; an admin is refused.
reads_before = sum(a["action"] == "victim.read" for a in
                   (json.loads(x) for x in vigil("audit", db=db)[1].splitlines()))
people = {}
for i, login in enumerate(("keeper", "desk", "boss")):
    c = Client(srv, source=f"127.0.5.{i + 1}")
    S.check(c.login(login).status == 200, f"{login} signs in")
    people[login] = c
for _ in range(3):
    r = people["keeper"].request("GET", f"/api/v1/trackers/{SLUG}/victims/5")
    S.check(r.status == 200 and r.json.get("witness") == CANARIES[12],
            f"the custodian opens the sealed fields: {r.status}")
r = people["desk"].request("GET", f"/api/v1/trackers/{SLUG}/victims/5")
S.check(r.status == 200 and "witness" not in r.json and "name" not in r.json,
        "an editor sees the public fields only")
r = people["boss"].request("GET", f"/api/v1/trackers/{SLUG}/victims/5")
S.check(r.status == 403, f"an admin is refused: {r.status}")
reads = sum(a["action"] == "victim.read" for a in
            (json.loads(x) for x in vigil("audit", db=db)[1].splitlines()))
S.check(reads - reads_before == 3, f"three custodian reads, three audit rows "
        f"({reads - reads_before})")

# The registry's API and desk: a custodian records a fifth canary record
# through the API (its answer is the public view), and every output of
# the registry's routes to an editor, an admin and anonymous readers,
# and the custodian's list, joins the outputs searched.
body = {"circumstance": "killed", "date": "2019-11-16",
        "visibility": {f.replace("-", "_"): "custodians" for f in SEALED}}
for f in SEALED:
    body[f.replace("-", "_")] = canary(f, 4)
r = people["keeper"].request("POST", f"/api/v1/trackers/{SLUG}/victims", body)
S.check(r.status == 201, f"the custodian records through the API: {r.status}")
outputs["the API's answer to the custodian"] = r.body
desk_paths = [f"/admin/t/{SLUG}/victims"] + \
    [f"/admin/t/{SLUG}/victims/{n}" for n in range(1, 10)] + \
    [f"/api/v1/trackers/{SLUG}/victims/{n}" for n in range(1, 10)]
for who in ("desk", "boss", None):
    c = people[who] if who else Client(srv)
    for p in desk_paths:
        outputs[f"{p} to {who or 'anonymous'}"] = c.request("GET", p).body
    for p, form in ((f"/admin/t/{SLUG}/victims", True),
                    (f"/api/v1/trackers/{SLUG}/victims", False)):
        outputs[f"POST {p} by {who or 'anonymous'}"] = c.request(
            "POST", p, body, form=form).body
outputs["the custodian's registry list"] = people["keeper"].request(
    "GET", f"/admin/t/{SLUG}/victims").body
S.check(b"Name withheld" not in outputs["the custodian's registry list"] and
        b"/victims/8" in outputs["the custodian's registry list"],
        "the custodian's list shows record 8 without opening it")
S.check(CANARIES[-1].encode() in people["keeper"].request(
    "GET", f"/admin/t/{SLUG}/victims/8").body,
    "the custodian's record page opens them (so the search can see a leak)")

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}")
outputs["the server's log"] = err.encode()
backup = os.path.join(S.tmp, "backup.db")
if backend_is("sqlite"):
    vigil("backup", backup, db=db)
else:  # vigil backup is for files; a record in PostgreSQL is copied to one
    vigil("copy", "--from", db, "--to", backup, db=db)
outputs["a backup"] = open(backup, "rb").read()
outputs["the export"] = vigil("export", SLUG, db=db)[1].encode()
snap = os.path.join(S.tmp, "snapshot.html")
vigil("export", SLUG, "--format", "snapshot", "--output", snap, db=db)
outputs["the snapshot"] = open(snap, "rb").read()
S.check(b"Name withheld" in outputs["the snapshot"], "the snapshot withholds")
mirror = os.path.join(S.tmp, "mirror")
vigil("export", SLUG, "--format", "static", "--output", mirror, db=db)
for root, _, files in os.walk(mirror):
    for name in files:
        path = os.path.join(root, name)
        data = open(path, "rb").read()
        if name.endswith(".gz"):
            import gzip
            data = gzip.decompress(data)
        outputs["the static export's " + path[len(mirror):]] = data
for name in ("csv", "geojson"):
    outputs["the " + name] = vigil("export", SLUG, "--format", name,
                                   db=db)[1].encode()
outputs["the audit log (CLI)"] = json.dumps(audit).encode()
if backend_is("sqlite"):
    for suffix in ("", "-wal"):
        if os.path.exists(db + suffix):
            outputs["vigil.db" + suffix] = open(db + suffix, "rb").read()
if backend_is("postgresql"):
    # The database's files (dead rows included), and its rows as pg_dump
    # writes them.
    files = pg_database_files(db)
    S.check(any(b"Sample Person" in data for _, data in files),
            "the database's files hold the record's text (a leak would show)")
    for path, data in files:
        outputs["the database's " + path] = data
    outputs["pg_dump"] = pg_dump(db)

leaks = 0
for name, data in outputs.items():
    for c in CANARIES:
        if c.encode() in data:
            leaks += 1
            S.check(False, f"canary {c} in {name}")
print(f"  {len(CANARIES)} canaries, {len(outputs)} outputs searched, "
      f"{leaks} found")
S.check(leaks == 0, f"{leaks} leaks")

# A purge destroys the key: the sealed fields never open again, and the
# chain still verifies.
vigil("victim", "purge", SLUG, "4", db=db)
rc, out, _ = vigil("victim", "show", SLUG, "4", "--master-key", key, db=db)
S.check(rc == 0 and "name" not in json.loads(out),
        "after the purge the sealed fields do not open")
S.check(vigil("check", db=db, check=False)[0] == 0,
        "the hash chains verify after the purge")
S.finish()
