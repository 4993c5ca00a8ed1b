#!/usr/bin/python3
"""hxl_check.py FILE.csv: the errors libhxl's validation (`hxlvalidate`
with its built-in default schema) reports on an HXL-tagged CSV, by the
same rules, for a machine without libhxl (a Python package Debian does
not ship): the hashtag row's syntax (HXL standard 1.1, "hashtags and
attributes": #token, then +token attributes, a token a letter and then
letters, digits or underscores), every value under #date a date, and
every value under #population, #affected, #inneed, #targeted, #reached,
#indicator+num, #output+num and #value a number (the default schema's
two rules of severity "error"). Empty cells are no error: the default
schema requires no column. A date is read as libhxl's
datatypes.normalise_date reads one: ISO 8601 (year, year-month,
year-month-day, week or quarter) or a Unix timestamp of 10 digits or
more; anything else is "expected a date". Prints one line per error and
exits 1 when there is any."""
import csv
import re
import sys

TOKEN = r"[A-Za-z][_0-9A-Za-z]*"
HASHTAG = re.compile(rf"^#{TOKEN}(\s*\+\s*{TOKEN})*$")
ISO_DATE = re.compile(
    r"^(?P<year>[12]\d\d\d)(?:Q(?P<quarter>[1-4])|W(?P<week>\d\d?)|"
    r"-(?P<month>\d\d?)(?:-(?P<day>\d\d?))?)?$", re.IGNORECASE)
NUMBER_TAGS = {"#population", "#affected", "#inneed", "#targeted",
               "#reached", "#value"}
NUMBER_TAGS_ATTR = {("#indicator", "num"), ("#output", "num")}


def is_date(value):
    value = value.strip()
    m = ISO_DATE.match(value)
    if m:
        if m["week"] and not 1 <= int(m["week"]) <= 53:
            return False
        month, day = m["month"], m["day"]
        if month and not 1 <= int(month) <= 12:
            return False
        if day:
            d, mo = int(day), int(month)
            return 1 <= d <= 31 and not (mo in (4, 6, 9, 11) and d > 30) \
                and not (mo == 2 and d > 29)
        return True
    return value.isnumeric() and len(value) >= 10


def is_number(value):
    try:
        float(value)
        return True
    except ValueError:
        return False


def check(rows):
    errors = []
    head = next((i for i, r in enumerate(rows[:25])
                 if any(c.strip() for c in r) and
                 all(not c.strip() or c.strip().startswith("#") for c in r)),
                None)
    if head is None:
        return ["no hashtag row in the first 25 rows"]
    tags = []
    for col, spec in enumerate(rows[head]):
        spec = spec.strip()
        if spec and not HASHTAG.match(spec):
            errors.append(f"column {col + 1}: {spec!r} is not a hashtag")
        parts = [p.strip() for p in spec.split("+")] if spec else [""]
        tags.append((parts[0].lower(), {a.lower() for a in parts[1:]}))
    for n, row in enumerate(rows[head + 1:], start=head + 2):
        for col, value in enumerate(row):
            if col >= len(tags) or not value.strip():
                continue
            tag, attrs = tags[col]
            if tag == "#date" and not is_date(value):
                errors.append(f"row {n}, column {col + 1} ({tag}): "
                              f"expected a date, got {value!r}")
            numeric = tag in NUMBER_TAGS or any(
                tag == t and a in attrs for t, a in NUMBER_TAGS_ATTR)
            if numeric and not is_number(value):
                errors.append(f"row {n}, column {col + 1} ({tag}): "
                              f"expected a number, got {value!r}")
    return errors


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    errors = check(rows)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
