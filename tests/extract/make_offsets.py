#!/usr/bin/env python3
"""make_offsets.py: fills in and checks the byte offsets of extractor cases.

A case (tests/extract/cases/NAME.case) is a header of "# key: value" lines,
then "=== text", the text, "=== expected" and the expected JSON. The text is
the bytes after the line "=== text\\n" up to (not including) the "\\n" before
"=== expected"; every "offset" is a UTF-8 byte offset into those bytes.

    make_offsets.py fill FILE...   for each date, day counter, tally and place
                                   whose "offset" is null, or does not point at
                                   its "text", sets it to the first occurrence
                                   of "text" at or after the hint: the optional
                                   key "after" (a string: search from its first
                                   occurrence, then the key is dropped), else a
                                   wrong numeric offset, else the start. Places
                                   of kind other than "country" get lat/lon
                                   from the gazetteer (key "admin1" picks among
                                   namesakes and is dropped). Items are sorted
                                   by offset; the file is rewritten.
    make_offsets.py check FILE...  checks every offset, the keys, dates,
                                   places' coordinates against the gazetteer,
                                   that each span is a whole word or words,
                                   and that "published" matches the header.
Exits non-zero on any problem.
"""
import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.join(HERE, "..", "..", "data", "gazetteer")
ISO = "/usr/share/iso-codes/json/iso_3166-1.json"

KEYS = {
    "top": ["published", "dates", "day_counter", "tallies", "places"],
    "dates": ["text", "start", "end", "offset"],
    "day_counter": ["text", "day", "start", "offset"],
    "tallies": ["text", "metric", "qualifier", "low", "high", "source",
                "as_of", "offset"],
    "places": ["text", "name", "country", "kind", "lat", "lon", "offset"],
}
METRICS = {"killed", "injured", "detained", "localities", "participants",
           "identified_victims", "other"}
QUALIFIERS = {"exact", "at_least", "more_than", "up_to", "about", "range"}


MUST = {}


def read_case(path):
    with open(path, "rb") as f:
        data = f.read()
    head, sep, rest = data.partition(b"=== text\n")
    if not sep:
        raise ValueError("no '=== text' line")
    text, sep, expected = rest.partition(b"\n=== expected\n")
    if not sep:
        raise ValueError("no '=== expected' line")
    # The optional "=== must" section (score's acceptance list) is kept
    # as it is.
    expected, sep, must = expected.partition(b"\n=== must\n")
    MUST[path] = sep + must
    header = {}
    for line in head.decode("utf-8").splitlines():
        if line.startswith("# ") and ":" in line:
            k, _, v = line[2:].partition(":")
            header[k.strip()] = v.strip()
    return head, text, header, json.loads(expected.decode("utf-8"))


def write_case(path, head, text, exp):
    body = json.dumps(exp, ensure_ascii=False, indent=2)
    with open(path, "wb") as f:
        f.write(head + b"=== text\n" + text + b"\n=== expected\n" +
                body.encode("utf-8") + (MUST.get(path) or b"\n"))


def gazetteer():
    rows = {}
    for name in ("world.tsv", "places.tsv"):
        with open(os.path.join(GAZ, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                r = line.rstrip("\n").split("\t")
                rows.setdefault((r[0], r[1]), []).append(r)
    return rows


def countries():
    with open(ISO, encoding="utf-8") as f:
        return {c["alpha_2"]: c.get("common_name", c["name"])
                for c in json.load(f)["3166-1"]}


def items(exp):
    for key in ("dates", "tallies", "places"):
        for it in exp.get(key, []):
            yield key, it
    if exp.get("day_counter"):
        yield "day_counter", exp["day_counter"]


def fill(path, gaz, iso):
    head, text, header, exp = read_case(path)
    for key, it in items(exp):
        needle = it["text"].encode("utf-8")
        off = it.get("offset")
        if isinstance(off, int) and text[off:off + len(needle)] == needle:
            it.pop("after", None)
            continue
        start = off if isinstance(off, int) else 0
        after = it.pop("after", None)
        if after is not None:
            start = text.find(after.encode("utf-8"))
            if start < 0:
                raise ValueError(f"{key}: 'after' {after!r} not in the text")
        found = text.find(needle, start)
        if found < 0:
            raise ValueError(f"{key}: {it['text']!r} not in the text")
        it["offset"] = found
    for it in exp.get("places", []):
        admin1 = it.pop("admin1", None)
        if it["kind"] == "country":
            it["name"] = iso[it["country"]]
            continue
        rows = [r for r in gaz.get((it["name"], it["country"]), [])
                if (admin1 is None or r[2] == admin1) and r[6] == it["kind"]]
        if len(rows) != 1:
            raise ValueError(f"place {it['name']!r}: {len(rows)} gazetteer "
                             "rows (give admin1)")
        it["lat"], it["lon"] = float(rows[0][4]), float(rows[0][5])
        it["kind"] = rows[0][6]
    for key in ("dates", "tallies", "places"):
        exp[key].sort(key=lambda it: it["offset"])
    exp["dates"] = [{k: d[k] for k in KEYS["dates"]} for d in exp["dates"]]
    exp["tallies"] = [{k: t[k] for k in KEYS["tallies"]}
                      for t in exp["tallies"]]
    exp["places"] = [{k: p[k] for k in KEYS["places"]} for p in exp["places"]]
    if exp.get("day_counter"):
        exp["day_counter"] = {k: exp["day_counter"][k]
                              for k in KEYS["day_counter"]}
    exp = {k: exp[k] for k in KEYS["top"]}
    write_case(path, head, text, exp)


def whole_word(text, off, n):
    """Whether text[off:off+n] starts and ends at word boundaries: no letter
    next to a letter, no digit next to a digit ("Date24 May" is fine, a
    place inside "Georgian" is not)."""
    span = text[off:off + n].decode("utf-8", "replace")
    before = text[:off].decode("utf-8", "replace")[-1:]
    after = text[off + n:].decode("utf-8", "replace")[:1]

    def same(a, b):
        return bool(a and b) and ((a.isalpha() and b.isalpha()) or
                                  (a.isdigit() and b.isdigit()))
    return not (same(before, span[:1]) or same(span[-1:], after))


def is_date(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


def check(path, gaz, iso):
    problems = []
    head, text, header, exp = read_case(path)
    if list(exp) != KEYS["top"]:
        problems.append(f"top-level keys {list(exp)}")
    if exp.get("published") != header.get("published"):
        problems.append("published differs from the header")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("text is not UTF-8")
    for key, it in items(exp):
        if list(it) != KEYS[key]:
            problems.append(f"{key} {it.get('text')!r}: keys {list(it)}")
            continue
        needle = it["text"].encode("utf-8")
        off = it["offset"]
        if not isinstance(off, int) or text[off:off + len(needle)] != needle:
            problems.append(f"{key} {it['text']!r}: not at offset {off}")
        elif not whole_word(text, off, len(needle)):
            problems.append(f"{key} {it['text']!r}: inside a word at {off}")
        if key == "dates" and not (is_date(it["start"]) and
                                   is_date(it["end"]) and
                                   it["start"] <= it["end"]):
            problems.append(f"date {it['text']!r}: bad start/end")
        if key == "day_counter" and not (is_date(it["start"]) and
                                         isinstance(it["day"], int)):
            problems.append("day counter: bad day/start")
        if key == "tallies":
            if it["metric"] not in METRICS:
                problems.append(f"tally {it['text']!r}: metric")
            if it["qualifier"] not in QUALIFIERS:
                problems.append(f"tally {it['text']!r}: qualifier")
            if (it["high"] is None) == (it["qualifier"] == "range"):
                problems.append(f"tally {it['text']!r}: high vs range")
            if it["as_of"] is not None and not is_date(it["as_of"]):
                problems.append(f"tally {it['text']!r}: as_of")
        if key == "places":
            if it["kind"] == "country":
                if iso.get(it["country"]) != it["name"]:
                    problems.append(f"country {it['name']!r}: iso name")
                continue
            rows = [r for r in gaz.get((it["name"], it["country"]), [])
                    if float(r[4]) == it["lat"] and float(r[5]) == it["lon"]
                    and r[6] == it["kind"]]
            if not rows:
                problems.append(f"place {it['name']!r}: not in the "
                                "gazetteer with these lat/lon/kind")
    seen = set()
    for t in exp["tallies"]:
        k = (t["metric"], t["qualifier"], t["low"])
        if k in seen:
            problems.append(f"tally {k} twice")
        seen.add(k)
    for what, key in (("dates", lambda d: (d["start"], d["end"])),
                      ("places", lambda p: (p["name"], p["country"]))):
        ks = [key(x) for x in exp[what]]
        if len(ks) != len(set(ks)):
            problems.append(f"{what}: a duplicate")
    for p in problems:
        print(f"{path}: {p}")
    return not problems


def main(argv):
    if len(argv) < 3 or argv[1] not in ("fill", "check"):
        sys.stderr.write(__doc__)
        return 2
    gaz, iso = gazetteer(), countries()
    ok = True
    for path in argv[2:]:
        try:
            if argv[1] == "fill":
                fill(path, gaz, iso)
            ok = check(path, gaz, iso) and ok
        except (ValueError, KeyError, json.JSONDecodeError) as e:
            print(f"{path}: {e}")
            ok = False
    print(f"{len(argv) - 2} case(s), {'ok' if ok else 'PROBLEMS'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
