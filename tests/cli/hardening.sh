#!/usr/bin/env bash
# hardening.sh: the release binary carries the protections of
# reference/security.md C6 (test T6): PIE, full RELRO, no executable
# stack, fortified calls, stack protector.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

BIN=build/release/vigil
check "the release binary exists" [ -x "$BIN" ]
headers=$(readelf -h -l -d "$BIN")
check "position-independent (Type: DYN)" grep -q "Type:.*DYN" <<<"$headers"
check "read-only relocations (GNU_RELRO)" grep -q "GNU_RELRO" <<<"$headers"
check "immediate binding (BIND_NOW)" grep -qE "BIND_NOW|FLAGS_1.*NOW" <<<"$headers"
check "non-executable stack" \
    bash -c '! grep -A1 GNU_STACK <<<"$1" | grep -q "RWE"' _ "$headers"
symbols=$(readelf --dyn-syms -W "$BIN")
check "fortified libc calls (_FORTIFY_SOURCE)" grep -q "__.*_chk" <<<"$symbols"
check "stack protector" grep -q "__stack_chk_fail" <<<"$symbols"

# STYLE's ban list in the source: no call of gets, strcpy, strcat,
# sprintf, strtok, atoi, localtime or gmtime.
banned=$(grep -nE '(^|[^_a-z0-9])(gets|strcpy|strcat|sprintf|strtok|atoi|localtime|gmtime)[[:space:]]*\(' \
    $(find src -name '*.c' -o -name '*.h' | sort) || true)
check "no banned libc call in src/ ($banned)" [ -z "$banned" ]
finish
