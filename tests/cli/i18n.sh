#!/usr/bin/env bash
# i18n.sh: the translations (po/) are whole. Each language's file passes
# `msgfmt --check` (formats, plural forms, header), has no untranslated
# and no fuzzy message, and holds every message of po/vigil.pot; the
# template holds exactly the messages the sources mark (so a message
# added to the code and not to the template, or left in the template
# after the code dropped it, fails here: run `make pot`).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

langs=()
for f in po/*.po; do
    langs+=("$(basename "$f" .po)")
done
check "Persian and Arabic are translated" \
    [ "$(printf '%s\n' "${langs[@]}" | grep -cx 'fa\|ar')" -eq 2 ]

make --no-print-directory -s pot-only POT_OUT="$TMP/now.pot" 2>"$TMP/xgettext.err"
check "xgettext reads the sources" [ -s "$TMP/now.pot" ]
check "po/vigil.pot has every message the sources mark" \
    msgcmp --use-untranslated po/vigil.pot "$TMP/now.pot"
check "and none they no longer mark" \
    msgcmp --use-untranslated "$TMP/now.pot" po/vigil.pot
total=$(msgattrib --no-obsolete po/vigil.pot | grep -c '^msgid ')
check "the template marks messages" [ "$total" -gt 1 ]

for l in "${langs[@]}"; do
    po=po/$l.po
    check "$l: msgfmt --check" msgfmt --check -o /dev/null "$po"
    check "$l: no untranslated message" \
        [ -z "$(msgattrib --untranslated --no-obsolete "$po")" ]
    check "$l: no fuzzy message" [ -z "$(msgattrib --only-fuzzy "$po")" ]
    check "$l: every message of the template" \
        msgcmp "$po" po/vigil.pot
    check "$l: its language and plural forms in the header" \
        grep -q "^\"Language: $l\\\\n\"" "$po"
    check "$l: UTF-8" grep -q 'charset=UTF-8' "$po"
done

# A message left out fails the check above: shown on a copy.
bad=$TMP/bad.po
msgattrib --no-obsolete po/fa.po | awk '
    /^msgid "Key event"$/ { skip = 1 }
    skip && /^msgstr / { print "msgstr \"\""; skip = 0; next }
    { print }' >"$bad"
check "a message left untranslated is found" \
    [ -n "$(msgattrib --untranslated "$bad")" ]
finish
