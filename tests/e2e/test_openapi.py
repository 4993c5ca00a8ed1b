"""test_openapi.py: the API's OpenAPI description, served and applied.

- GET /api/v1/openapi.json answers web/openapi.json byte for byte, as
  JSON, cacheable (an ETag that a conditional GET answers 304 to).
- Every read operation answers what the description says on the demo
  (the harness validates each answer of /api/v1: see harness.py), and so
  do a path and a method it does not have (404 and 405, as errors).
- The validation catches answers made wrong on purpose: a field missing,
  an editor's login where none may be, a victim's sealed field in a
  public view, a status or a Content-Type the operation does not have, a
  success on a path the description lacks, an error document without
  its code. So the harness's check cannot pass by checking nothing.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Server, Suite, demo_db  # noqa: E402
from openapi_check import DESCRIPTION  # noqa: E402

S = Suite("e2e-openapi")
SLUG = "iran-nov-2019"
srv = Server(demo_db(S))

# ==== The description, served ====
with open(DESCRIPTION, "rb") as f:
    FILE = f.read()
r = srv.get("/api/v1/openapi.json")
S.check(r.status == 200, f"openapi.json: {r.status}")
S.check(r.body == FILE, "openapi.json is web/openapi.json byte for byte")
S.check((r.header("content-type") or "").startswith("application/json"),
        f"openapi.json's type: {r.header('content-type')}")
S.check(json.loads(r.body)["openapi"].startswith("3.1."), "OpenAPI 3.1")
etag = r.header("etag")
S.check(bool(etag), "openapi.json has an ETag")
if etag:
    again = srv.get("/api/v1/openapi.json", {"If-None-Match": etag})
    S.check(again.status == 304 and not again.body,
            f"a conditional GET: {again.status}")
head = srv.request("HEAD", "/api/v1/openapi.json")
S.check(head.status == 200 and not head.body, f"HEAD: {head.status}")

# ==== Real answers match it ====
before = len(harness.api_problems)
for path in ("/api/v1/trackers", f"/api/v1/trackers/{SLUG}",
             f"/api/v1/trackers/{SLUG}/updates",
             f"/api/v1/trackers/{SLUG}/updates/1",
             f"/api/v1/trackers/{SLUG}/claims",
             f"/api/v1/trackers/{SLUG}/events", "/api/v1/sources",
             "/api/v1/trackers/no-such-tracker",
             f"/api/v1/trackers/{SLUG}/updates/99999",
             "/api/v1/no-such-thing"):
    r = srv.get(path)
    S.check(r.status in (200, 404), f"{path}: {r.status}")
r = srv.request("DELETE", "/api/v1/sources")
S.check(r.status == 405, f"DELETE /api/v1/sources: {r.status}")
r = srv.request("POST", "/api/v1/sources", {"Content-Type": "application/json"},
                b"{}")
S.check(r.status == 401, f"POST /api/v1/sources, signed out: {r.status}")
S.check(len(harness.api_problems) == before,
        f"the demo's answers match the description: {harness.api_problems}")

# ==== Wrong answers are caught ====
sources = json.loads(srv.get("/api/v1/sources").body)
claims = json.loads(srv.get(f"/api/v1/trackers/{SLUG}/claims").body)
JSON = {"content-type": "application/json; charset=utf-8"}


def caught(what, method, path, status, body, headers=JSON):
    """The harness finds a problem with this answer (then forgets it: it
    was made wrong on purpose)."""
    n = len(harness.api_problems)
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    problem = harness.api_answer(method, path, status, headers.get, raw,
                                 report=False)
    S.check(problem is not None and len(harness.api_problems) == n + 1,
            f"not caught: {what}")
    del harness.api_problems[n:]
    return problem or ""


no_name = json.loads(json.dumps(sources))
del no_name["sources"][0]["name"]
p = caught("a source without its name", "GET", "/api/v1/sources", 200, no_name)
S.check("'name' is a required property" in p and "sources/0" in p,
        f"the message names the field and where: {p}")
S.check("GET /api/v1/sources 200" in p, f"and the request: {p}")

leak = json.loads(json.dumps(claims))
leak["claims"][0]["recorded_by"] = "amina"
caught("an editor's login in a public claim", "GET",
       f"/api/v1/trackers/{SLUG}/claims", 200, leak)

public = {"number": 1, "sources": [], "invented": False,
          "sealed": ["family_contact", "witness"], "name": "A. N.",
          "family_contact": "+98 21 0000 0000"}
p = caught("a sealed field in a victim's public view", "POST",
           f"/api/v1/trackers/{SLUG}/victims", 201,
           {"number": 1, "public": public})
S.check("public" in p, f"the message says where: {p}")
del public["family_contact"]
S.check(harness.api_answer("POST", f"/api/v1/trackers/{SLUG}/victims", 201,
                           JSON.get, json.dumps({"number": 1,
                                                 "public": public}).encode(),
                           report=False) is None, "the same view without the sealed field passes")

caught("a status the operation does not have", "GET", "/api/v1/sources",
       201, sources)
caught("another Content-Type", "GET", "/api/v1/sources", 200,
       b"<!doctype html>", {"content-type": "text/html; charset=utf-8"})
caught("a success on a path it does not have", "GET", "/api/v1/nothing",
       200, {})
caught("an error without its code", "GET", "/api/v1/sources", 404,
       {"error": {"message": "No such thing.", "field": None}})
caught("a body that is not JSON", "GET", "/api/v1/sources", 200, b"{")

status, err = srv.stop()
S.check(status == 0, f"server exit {status}: {err[-2000:]}")
S.finish()
