#!/usr/bin/python3
"""man.py: writes Vigil's manual pages (roff) from the CLI's own help.

    scripts/man.py VIGIL OUTDIR

Runs `VIGIL --help` and `VIGIL COMMAND [SUB] --help` for every command
and writes OUTDIR/vigil.1, one OUTDIR/vigil-COMMAND.1 per top-level
command (a group's page holds each of its commands) and OUTDIR/vigil.conf.5
(the settings are `serve`'s options). The usage lines, summaries and
options come from the help text, so the pages say what the binary does;
the prose below adds only what --help cannot say (files, environment,
exit status). `make man` rewrites man/; tests/cli/man.sh checks that man/
is what this writes.
"""
import re
import subprocess
import sys

DATE = "2026-12-06"
SOURCE = "Vigil"  # main() adds the version `vigil --version` prints
MANUAL = "Vigil Manual"

OPTION = re.compile(r"^  (--[a-z0-9-]+)(?: (\S+))? +(.*)$")
COMMAND = re.compile(r"^  ([a-z-]+) +(.*)$")


def run_help(vigil, words):
    out = subprocess.run([vigil, *words, "--help"], check=True,
                         capture_output=True, text=True).stdout
    return parse_help(out)


def parse_help(text):
    """The usage, summary, commands and options of one --help text."""
    h = {"usage": "", "summary": "", "commands": [], "options": []}
    part = None
    for line in text.split("\n"):
        if line.startswith("usage: vigil"):
            h["usage"] = line[len("usage: vigil"):].strip()
        elif line in ("commands:", "options:"):
            part = line[:-1]
        elif part == "commands" and COMMAND.match(line):
            h["commands"].append(COMMAND.match(line).groups())
        elif part == "options" and OPTION.match(line):
            h["options"].append(OPTION.match(line).groups())
        elif line and part is None:
            h["summary"] = line
    return h


def esc(text):
    """text for roff: backslashes, dashes and non-ASCII escaped."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def head(name, section, purpose):
    return [
        '.TH "%s" "%s" "%s" "%s" "%s"' % (esc(name.upper()), section, DATE,
                                         SOURCE, MANUAL),
        ".SH NAME",
        "%s \\- %s" % (esc(name), esc(purpose)),
        ".nh",
        ".ad l",
    ]


def options_block(options):
    lines = []
    for name, arg, text in options:
        lines.append(".TP")
        lines.append("\\fB%s\\fR%s" % (esc(name),
                                       " \\fI%s\\fR" % esc(arg) if arg else ""))
        lines.append(esc(text))
    return lines


def command_block(words, h, level=".SS"):
    lines = [level + " " + esc("vigil " + " ".join(words)),
             ".PP", synopsis(h["usage"])]
    if h["summary"]:
        lines += [".PP", esc(h["summary"]) + "."]
    own = [o for o in h["options"] if o[0] not in ("--db", "--help")]
    if own:
        lines += [".PP", "Options:", ".RS"] + options_block(own) + [".RE"]
    return lines


def synopsis(usage):
    """A usage line ("tracker create SLUG --title TEXT"): the words
    before the first argument bold."""
    words = usage.split(" ")
    n = 0
    while n < len(words) and re.fullmatch(r"[a-z-]+", words[n]):
        n += 1
    rest = " ".join(words[n:])
    return "\\fBvigil %s\\fR%s" % (esc(" ".join(words[:n])),
                                   " " + esc(rest) if rest else "")


def see_also(names):
    out = []
    for i, (name, sec) in enumerate(names):
        out.append("\\fB%s\\fR(%s)%s" % (esc(name), sec,
                                         "," if i < len(names) - 1 else ""))
    return [".SH SEE ALSO"] + out


COMMON = [
    ".SH COMMON OPTIONS",
    ".TP", "\\fB\\-\\-db\\fR \\fIPATH\\fR",
    "The database: a file (default \\fIvigil.db\\fR) or a "
    "\\fBpostgresql://\\fR URI or libpq connection string. It may also "
    "come before the command.",
    ".TP", "\\fB\\-\\-help\\fR", "Print the command's usage and options.",
]

EXIT = [
    ".SH EXIT STATUS",
    ".TP", "0", "Success.",
    ".TP", "1",
    "The input was refused or the operation failed; the database is "
    "unchanged.",
    ".TP", "2", "A usage error: an unknown command or option, a missing "
    "argument, a bad configuration line.",
]

# What a page says beyond its commands' help: (section title, lines).
EXTRA = {
    "serve": [
        ".SH CONFIGURATION",
        "Before anything else, \\fBvigil serve\\fR reads its settings from "
        "the file \\fB\\-\\-config\\fR names, else the one "
        "\\fBVIGIL_CONFIG\\fR names (either must exist), else "
        "\\fI/etc/vigil/vigil.conf\\fR if it exists. Every option above "
        "but \\fB\\-\\-config\\fR, and \\fBdb\\fR, may be set there; an "
        "option given on the command line wins. See \\fBvigil.conf\\fR(5).",
        ".SH SIGNALS",
        "SIGTERM or SIGINT stops the server.",
    ],
}

ENVIRONMENT = [
    ".SH ENVIRONMENT",
    ".TP", "\\fBVIGIL_CONFIG\\fR",
    "The configuration file \\fBvigil serve\\fR reads "
    "(see \\fBvigil.conf\\fR(5)).",
    ".TP", "\\fBVIGIL_GAZETTEER\\fR",
    "The gazetteer, when \\fB\\-\\-gazetteer\\fR names none.",
    ".TP", "\\fBVIGIL_MASTER_KEY\\fR",
    "The victims registry's master key file, when "
    "\\fB\\-\\-master\\-key\\fR names none (default: \\fIDB\\fR.key "
    "beside a database file).",
    ".TP", "\\fBVIGIL_SIGNING_KEY\\fR",
    "The export signing key file (default: \\fIDB\\fR.sign beside a "
    "database file).",
    ".TP", "\\fBVIGIL_NOW\\fR",
    "A fixed current time, such as 2019\\-12\\-28T12:00:00Z, for tests "
    "and for showing a tracker as of a moment.",
]

FILES = [
    ".SH FILES",
    ".TP", "\\fI/etc/vigil/vigil.conf\\fR",
    "The settings of \\fBvigil serve\\fR, if present.",
    ".TP", "\\fI/usr/share/vigil/gazetteer/world.tsv\\fR",
    "The gazetteer (GeoNames' cities), with \\fIplaces.tsv\\fR, "
    "\\fIaliases.tsv\\fR and \\fIworld\\-outlines.tsv\\fR beside it; "
    "under \\fI/usr/local/share\\fR for an install with the default "
    "prefix, and the source tree's \\fIdata/gazetteer\\fR for the binary "
    "built there.",
    ".TP", "\\fI/usr/share/locale/*/LC_MESSAGES/vigil.mo\\fR",
    "The pages' translations.",
    ".TP", "\\fI/var/lib/vigil/vigil.db\\fR",
    "The record of the packaged service (its working folder is "
    "\\fI/var/lib/vigil\\fR).",
]

COPYING = [
    ".SH COPYING",
    "Vigil is free software under the GNU Affero General Public License, "
    "version 3 or later. The data sets it ships and their licences are "
    "listed in \\fIDATA\\-LICENSES.md\\fR.",
]


def page_main(top, commands):
    lines = head("vigil", "1", "a sourced, live record of an unfolding crisis")
    lines += [".SH SYNOPSIS", "\\fBvigil\\fR [\\fB\\-\\-db\\fR \\fIPATH\\fR] "
              "\\fICOMMAND\\fR [\\fIARGS\\fR]",
              ".br", "\\fBvigil \\-\\-version\\fR | \\fB\\-V\\fR",
              ".SH DESCRIPTION",
              "Vigil keeps a sourced, live record of an unfolding crisis: "
              "trackers, their updates and figures (each a source's claim), "
              "events and places, and a public site and editors' desk "
              "served by \\fBvigil serve\\fR. Each command has its own page, "
              "\\fBvigil\\-\\fR\\fICOMMAND\\fR(1).",
              ".SH COMMANDS"]
    for name, text in top["commands"]:
        lines += [".TP", "\\fB%s\\fR" % esc(name),
                  "%s; see \\fBvigil\\-%s\\fR(1)." % (esc(text), esc(name))]
    lines += [".SH OPTIONS"] + options_block(top["options"])
    lines += EXIT + ENVIRONMENT + FILES + COPYING
    lines += see_also([("vigil-" + n, "1") for n, _ in commands] +
                      [("vigil.conf", "5")])
    return lines


def page_command(vigil, name, h):
    lines = head("vigil-" + name, "1", h["summary"])
    lines += [".SH SYNOPSIS", synopsis(h["usage"])]
    lines += [".SH DESCRIPTION", esc(h["summary"][:1].upper() +
                                     h["summary"][1:]) + "."]
    if h["commands"]:
        lines += [".SH COMMANDS"]
        for sub, _ in h["commands"]:
            lines += command_block([name, sub], run_help(vigil, [name, sub]))
    else:
        own = [o for o in h["options"] if o[0] not in ("--db", "--help")]
        if own:
            lines += [".SH OPTIONS"] + options_block(own)
    lines += COMMON + EXTRA.get(name, []) + EXIT
    lines += see_also([("vigil", "1")] +
                      ([("vigil.conf", "5")] if name == "serve" else []))
    return lines


def page_conf(serve):
    lines = head("vigil.conf", "5", "settings of vigil serve")
    lines += [
        ".SH SYNOPSIS", "\\fI/etc/vigil/vigil.conf\\fR",
        ".SH DESCRIPTION",
        "\\fBvigil serve\\fR reads its settings from this file when it "
        "exists, or from the file \\fB\\-\\-config\\fR \\fIFILE\\fR or the "
        "environment variable \\fBVIGIL_CONFIG\\fR names, which must then "
        "exist. An option given on the command line wins over the "
        "file's setting.",
        ".PP",
        "Each line is \\fIKEY\\fR \\fB=\\fR \\fIVALUE\\fR, blanks around "
        "either ignored. A line whose first character other than a blank "
        "is \\fB#\\fR is a comment; blank lines are ignored. \\fIVALUE\\fR "
        "runs to the end of the line. A flag's value is \\fBtrue\\fR or "
        "\\fBfalse\\fR (\\fByes\\fR or \\fBno\\fR). A setting whose "
        "metavariable ends in ... may be given on several lines, its "
        "values joined; any other may be given once. An unknown key, a "
        "line without \\fB=\\fR, an empty value or a number that is not "
        "one stops \\fBvigil serve\\fR with the file and line named "
        "(exit status 2).",
        ".SH SETTINGS",
        ".TP", "\\fBdb\\fR = \\fIPATH\\fR",
        "The database: a file or a \\fBpostgresql://\\fR URI "
        "(\\fB\\-\\-db\\fR).",
    ]
    for name, arg, text in serve["options"]:
        if name in ("--db", "--help", "--config"):
            continue
        lines += [".TP", "\\fB%s\\fR = %s" % (esc(name[2:]), "\\fI%s\\fR" %
                                              esc(arg) if arg else
                                              "\\fBtrue\\fR|\\fBfalse\\fR"),
                  esc(text[:1].upper() + text[1:]) + "."]
    lines += [
        ".SH EXAMPLE",
        ".EX",
        "# /etc/vigil/vigil.conf",
        "db = /var/lib/vigil/vigil.db",
        "listen = 127.0.0.1:8080",
        "base\\-url = https://news.example.org",
        "trusted\\-proxy = 127.0.0.1",
        "proxy\\-header = X\\-Forwarded\\-For",
        ".EE",
    ]
    lines += see_also([("vigil", "1"), ("vigil-serve", "1")])
    return lines


def write(path, lines):
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def main():
    global SOURCE
    vigil, outdir = sys.argv[1], sys.argv[2]
    SOURCE = subprocess.run([vigil, "--version"], check=True,
                            capture_output=True, text=True).stdout.strip()
    SOURCE = SOURCE.replace("vigil", "Vigil", 1)
    top = run_help(vigil, [])
    commands = top["commands"]
    write("%s/vigil.1" % outdir, page_main(top, commands))
    for name, _ in commands:
        write("%s/vigil-%s.1" % (outdir, name),
              page_command(vigil, name, run_help(vigil, [name])))
    write("%s/vigil.conf.5" % outdir,
          page_conf(run_help(vigil, ["serve"])))


if __name__ == "__main__":
    main()
