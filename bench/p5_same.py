#!/usr/bin/python3
"""p5_same.py: whether the extractor's output is unchanged, byte for byte.

Work on the extractor's speed (benchmark P5) must not change what it
proposes. This runs `vigil extract FILE --published D --country CC` on:

  - every test case's text (tests/extract/cases, the header's published
    and tracker, as tests/extract/score runs them), with the full
    gazetteer (data/gazetteer/world.tsv) and with data/gazetteer/test.tsv;
  - data/samples/* and the fuzz seeds (tests/fuzz/corpus/extract), with
    the full gazetteer;
  - variants of each case's text that reach corners the corpus does not:
    upper, lower and title case, its words shuffled within lines, one
    word a line, curly apostrophes and en dashes, cut short at three
    places, and all texts joined (the benchmark's input); seeded, so the
    same every run;

and writes each run's exit status, stdout and stderr under DIR.

Usage: bench/p5_same.py save DIR   (before a change)
       bench/p5_same.py check DIR  (after: exit 1 and name the runs that
                                    differ)
The binary is build/release/vigil (`make build/release/vigil`), or $P5_BIN.
"""
import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("P5_BIN", os.path.join(ROOT, "build/release/vigil"))
WORLD = os.path.join(ROOT, "data/gazetteer/world.tsv")
TEST = os.path.join(ROOT, "data/gazetteer/test.tsv")


def read_case(path):
    """The header fields and text of a .case file, as score reads them."""
    raw = open(path, "rb").read().decode("utf-8")
    head, _, rest = raw.partition("=== text\n")
    fields = {}
    for line in head.splitlines():
        if line.startswith("# ") and ":" in line:
            k, _, v = line[2:].partition(":")
            fields[k.strip()] = v.strip()
    text, _, _ = rest.partition("\n=== expected\n")
    return fields, text


def variants(name, text, rng):
    """(suffix, text) pairs derived from one case's text."""
    out = [("upper", text.upper()), ("lower", text.lower()),
           ("title", text.title())]
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        rng.shuffle(words)
        lines.append(" ".join(words))
    out.append(("shuffled", "\n".join(lines)))
    out.append(("word-a-line", "\n".join(text.split())))
    out.append(("curly", text.replace("'", "\u2019").replace("-", "\u2013")))
    for k in range(3):
        out.append(("cut%d" % k, text[:rng.randrange(1, len(text) + 1)]))
    return out


def runs():
    """(name, path of text, published, country, gazetteer) to run."""
    work = tempfile.mkdtemp(prefix="p5-same-")
    try:
        yield from texts(work)
    finally:
        shutil.rmtree(work)


def texts(work):
    """runs() in the temporary folder work."""
    rng = random.Random(5)
    joined = []

    def write(name, text):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))
        return path

    for path in sorted(glob.glob(os.path.join(ROOT,
                                              "tests/extract/cases/*.case"))):
        fields, text = read_case(path)
        name = os.path.basename(path)[:-5]
        pub, cc = fields.get("published"), fields.get("tracker")
        p = write(name, text)
        joined.append(text)
        yield name + ".world", p, pub, cc, WORLD
        yield name + ".test", p, pub, cc, TEST
        yield name + ".nocountry", p, pub, None, WORLD
        for suffix, t in variants(name, text, rng):
            yield name + "." + suffix, write(name + "." + suffix, t), pub, \
                cc, WORLD
    yield "joined", write("joined", "\n".join(joined)), "2019-12-28", "IR", \
        WORLD
    for path in sorted(glob.glob(os.path.join(ROOT, "data/samples/*"))):
        name = "sample-" + os.path.basename(path)
        yield name, path, "2019-12-28", "IR", WORLD
    for path in sorted(glob.glob(os.path.join(ROOT,
                                              "tests/fuzz/corpus/extract/*"))):
        name = "fuzz-" + os.path.basename(path)
        yield name, path, "2019-12-28", None, WORLD


def run_one(path, pub, cc, gaz):
    args = [BIN, "extract", path]
    if pub:
        args += ["--published", pub]
    if cc:
        args += ["--country", cc]
    env = dict(os.environ, VIGIL_GAZETTEER=gaz)
    p = subprocess.run(args, capture_output=True, env=env)
    return b"rc %d\n--- stdout\n%s--- stderr\n%s" % (p.returncode, p.stdout,
                                                      p.stderr)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "check"):
        sys.exit(__doc__)
    mode, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    same = differ = 0
    for name, path, pub, cc, gaz in runs():
        got = run_one(path, pub, cc, gaz)
        dest = os.path.join(out, name)
        if mode == "save":
            with open(dest, "wb") as f:
                f.write(got)
            same += 1
            continue
        if open(dest, "rb").read() == got:
            same += 1
        else:
            differ += 1
            print("DIFFERS: %s" % name)
    print("p5_same: %d same, %d differ" % (same, differ))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
