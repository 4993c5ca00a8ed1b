#!/usr/bin/env bash
# man.sh: the manual in man/ is what scripts/man.py writes from the
# binary's own --help (so it says what the binary does): vigil(1), a page
# for every command, vigil.conf(5) with every serve option; each page is
# roff that groff reads with no warning and man renders, and `make
# install` installs them (install.sh checks).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

mkdir -p "$TMP/man"
check "scripts/man.py runs" /usr/bin/python3 scripts/man.py "$VIGIL" "$TMP/man"
check "man/ is what scripts/man.py writes (make man)" \
    diff -r man "$TMP/man"

run --help
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' <<<"$OUT")
check "vigil --help lists commands" [ "$(wc -w <<<"$commands")" -gt 20 ]
for c in $commands; do
    check "vigil-$c(1) exists" [ -s "man/vigil-$c.1" ]
    check "vigil(1) lists $c" grep -q "^\\\\fB$c\\\\fR\$" man/vigil.1
done
run serve --help
options=$(sed -n 's/^  --\([a-z-]*\).*/\1/p' <<<"$OUT")
check "serve has options" [ "$(wc -w <<<"$options")" -gt 10 ]
for o in $options; do
    check "vigil-serve(1) has --$o" grep -qF "\\fB\\-\\-${o//-/\\-}\\fR" man/vigil-serve.1
    case $o in db | help | config) continue ;; esac
    check "vigil.conf(5) has $o" grep -qF "\\fB${o//-/\\-}\\fR = " man/vigil.conf.5
done
check "vigil.conf(5) has db" grep -qF '\fBdb\fR = ' man/vigil.conf.5

for f in man/*.[15]; do
    warnings=$(groff -man -ww -z "$f" 2>&1)
    check "groff reads $f with no warning: $warnings" [ -z "$warnings" ]
    text=$(MANWIDTH=80 MANPAGER=cat timeout 60 man -l "$f" 2>"$TMP/man.err")
    check "man renders $f" grep -q '^NAME' <<<"$text"
    check "man says nothing on stderr for $f" [ ! -s "$TMP/man.err" ]
done
finish
