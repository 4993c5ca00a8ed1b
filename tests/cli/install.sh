#!/usr/bin/env bash
# install.sh: `make install` puts the binary under $PREFIX/bin and what it
# reads at run time under $PREFIX/share (the gazetteer in vigil/, the
# catalogs in locale/), and the installed binary finds them from any
# folder: `vigil serve` started elsewhere places events by name and
# writes translated pages. DESTDIR stages the same tree under another
# root, for a package, with the binary still naming $PREFIX's folders.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

# install ARGS...: `make install ARGS`, its output in $TMP/make.log. The
# two backends' passes may run this at once: the lock keeps one build of
# build/install/ at a time.
install_vigil() {
    timeout 900 flock build/install.lock \
        make --no-print-directory install "$@" >"$TMP/make.log" 2>&1
}

# serve_up ARGS...: runs ARGS (a vigil serve) in the background in the
# current folder and waits (at most 60 s) for its "serving" line; sets
# SERVE_PID and URL. Its stderr is in $TMP/serve.err.
serve_up() {
    timeout 300 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    SERVE_PID=$!
    for _ in $(seq 600); do
        URL=$(sed -n 's|^vigil: serving .* at \(http://[^ ]*\)/ .*|\1|p' \
            "$TMP/serve.out")
        [ -n "$URL" ] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sleep 0.1
    done
    return 1
}

# serve_down: stops the server serve_up started; its exit status is 0.
serve_down() {
    kill -TERM "$SERVE_PID" 2>/dev/null
    timeout 30 tail --pid="$SERVE_PID" -f /dev/null
    wait "$SERVE_PID"
}

# not_in TEXT FILE: FILE does not hold TEXT.
not_in() { ! grep -qaF -- "$1" "$2"; }

mkdir -p build
P=$TMP/prefix
install_vigil PREFIX="$P" SYSCONFDIR="$TMP/etc"
RC=$? ERR=$(tail -20 "$TMP/make.log")
expect_ok "make install PREFIX=$P"
for f in bin/vigil share/vigil/gazetteer/world.tsv \
    share/vigil/gazetteer/world-outlines.tsv share/vigil/gazetteer/places.tsv \
    share/vigil/gazetteer/aliases.tsv share/locale/fa/LC_MESSAGES/vigil.mo \
    share/locale/ar/LC_MESSAGES/vigil.mo share/man/man1/vigil.1 \
    share/man/man1/vigil-serve.1 share/man/man5/vigil.conf.5 \
    share/doc/vigil/DATA-LICENSES.md; do
    check "installed: $f" [ -s "$P/$f" ]
done
check "the binary is executable" [ -x "$P/bin/vigil" ]

# From a folder with no data/ in it, with no gazetteer named.
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere" || exit 1
unset VIGIL_GAZETTEER
OUT=$("$P/bin/vigil" place find Tehran --country IR 2>"$TMP/stderr")
RC=$?
expect_ok "place find from another folder"
check "finds Tehran in the installed gazetteer" \
    jq -e -s '.[0].name == "Tehran" and .[0].country == "IR"' <<<"$OUT" >/dev/null

DB=$(new_db installed)
if serve_up "$P/bin/vigil" --db "$DB" serve --listen 127.0.0.1:0; then
    pass
    check "serve from another folder has a gazetteer" \
        not_in "no gazetteer" "$TMP/serve.err"
    check "and says nothing of one" not_in "gazetteer" "$TMP/serve.err"
    curl -s -m 30 -o "$TMP/fa.html" "$URL/t/iran-nov-2019-fa"
    check "the Persian edition is written through the installed catalog" \
        grep -qF 'هر رقم یک ادعاست' "$TMP/fa.html"
    check "the server stops cleanly" serve_down
else
    fail "the installed server did not start: $(cat "$TMP/serve.err")"
fi
cd - >/dev/null || exit 1

# A staged install (DESTDIR) names the final folders, not the stage's.
S=$TMP/stage
install_vigil DESTDIR="$S" PREFIX=/usr
RC=$? ERR=$(tail -20 "$TMP/make.log")
expect_ok "make install DESTDIR=$S PREFIX=/usr"
check "staged: the binary" [ -x "$S/usr/bin/vigil" ]
check "staged: the gazetteer" [ -s "$S/usr/share/vigil/gazetteer/world.tsv" ]
check "staged: a catalog" [ -s "$S/usr/share/locale/fa/LC_MESSAGES/vigil.mo" ]
check "staged: the manual" [ -s "$S/usr/share/man/man1/vigil-tracker.1" ]
check "the staged binary reads /usr/share/vigil" \
    grep -qaF /usr/share/vigil/gazetteer/world.tsv "$S/usr/bin/vigil"
check "and /usr/share/locale" grep -qaF /usr/share/locale "$S/usr/bin/vigil"
check "and not the stage" not_in "$S" "$S/usr/bin/vigil"
finish
