"""openapi_check.py: an answer of /api/v1 held to the API's OpenAPI
description, web/openapi.json (what /api/v1/openapi.json serves).

problem() finds the operation the request's method and path name (a
path with no parameter before one with, as OpenAPI matches them; HEAD
is GET's), the response its status names (the status itself, else for
an error the "default" one), checks that the Content-Type is one the
response describes (or that there is no body where it describes none),
and validates a JSON body against the response's schema with
python3-jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1; $refs
resolved within the description). A path or method the description
does not have must be refused with an error document. It returns None,
or what is wrong in one line: method, path, status and the validator's
message.

The description is read at the first answer and each schema compiled
once per process.
"""
import gzip
import json
import os
import re

from jsonschema import Draft202012Validator, FormatChecker, RefResolver
from jsonschema.exceptions import best_match

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DESCRIPTION = os.path.join(ROOT, "web/openapi.json")
PREFIX = "/api/v1"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def is_api(target):
    """Whether a request target (path and query) is under /api/v1."""
    path = target.split("?", 1)[0]
    return path == PREFIX or path.startswith(PREFIX + "/")


class Description:
    """web/openapi.json (or doc), its paths as patterns, and a cache of
    compiled schemas."""

    def __init__(self, doc=None):
        if doc is None:
            with open(DESCRIPTION, encoding="utf-8") as f:
                doc = json.load(f)
        self.doc = doc
        self._resolver = RefResolver.from_schema(doc)
        self._validators = {}
        paths = sorted(doc["paths"], key=lambda p: (p.count("{"), p))
        self._paths = [(re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+",
                                                re.escape(p)) + "$"), p)
                       for p in paths]

    def _validator(self, key, schema):
        v = self._validators.get(key)
        if v is None:
            v = Draft202012Validator(schema, resolver=self._resolver,
                                     format_checker=FormatChecker())
            self._validators[key] = v
        return v

    def _deref(self, obj):
        """obj, or what its $ref names in the description."""
        while isinstance(obj, dict) and "$ref" in obj:
            _, resolved = self._resolver.resolve(obj["$ref"])
            obj = resolved
        return obj

    def operation(self, method, path):
        """(template, operation) for method on path; (template, None)
        when the path is described without that method; (None, None)
        when no path matches."""
        name = "get" if method.upper() == "HEAD" else method.lower()
        found = None
        for rx, template in self._paths:
            if rx.match(path):
                op = self.doc["paths"][template].get(name)
                if op is not None:
                    return template, op
                found = found or template
        return found, None

    def _body_problem(self, key, schema, body):
        try:
            doc = json.loads(body)
        except ValueError as e:
            return f"the body is not JSON ({e})"
        err = best_match(self._validator(key, schema).iter_errors(doc))
        if err is None:
            return None
        where = "/".join(str(p) for p in err.absolute_path) or "(the root)"
        return f"at {where}: {err.message}"

    def problem(self, method, target, status, content_type, body):
        """What is wrong with this answer, or None (see the head
        comment). body is the decoded body (bytes)."""
        method = method.upper()
        path = target.split("?", 1)[0].split("#", 1)[0]
        what = f"{method} {target} {status}"
        template, op = self.operation(method, path)
        if op is None:
            if status < 400:
                return (f"{what}: {method} {path} is not described, yet "
                        f"answered {status}")
            return self._content_problem(
                what, "error", {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Error"}}}},
                method, status, content_type, body)
        responses = op["responses"]
        response = responses.get(str(status))
        if response is None and status >= 400:
            response = responses.get("default")
        if response is None:
            return (f"{what}: status {status} is not a response of "
                    f"{op['operationId']} (described: "
                    f"{', '.join(sorted(responses))})")
        return self._content_problem(what, f"{template} {method} {status}",
                                     self._deref(response), method, status,
                                     content_type, body)

    def _content_problem(self, what, key, response, method, status,
                         content_type, body):
        content = response.get("content")
        if method == "HEAD":
            return None
        if not content:
            if body:
                return f"{what}: a body where the description has none"
            return None
        media = (content_type or "").split(";", 1)[0].strip().lower()
        if media not in content:
            return (f"{what}: Content-Type {content_type!r} is not one of "
                    f"{', '.join(content)}")
        if not media.endswith("json"):
            return None
        schema = content[media].get("schema", {})
        problem = self._body_problem(f"{key} {media}", schema, body)
        return f"{what}: {problem}" if problem else None


_description = None


def problem(method, target, status, headers, body):
    """What is wrong with an answer of /api/v1 by the description
    (Description.problem), or None. headers: a function of a header's
    name that returns its value or None; body: the bytes received."""
    global _description
    if _description is None:
        _description = Description()
    if headers("content-encoding") == "gzip" and body:
        body = gzip.decompress(body)
    return _description.problem(method, target, status,
                                headers("content-type"), body)
