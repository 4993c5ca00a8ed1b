#!/usr/bin/env bash
# systemd.sh: the packaged unit, debian/vigil.service, is valid (systemd-
# analyze verify, with ExecStart pointed at the built binary) and
# sandboxed: `systemd-analyze security` rates its exposure 2.0 or less
# (--threshold=20 fails above), where the same service with no sandboxing
# fails.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

UNIT=debian/vigil.service
REL=$PWD/build/release/vigil
sed "s|^ExecStart=/usr/bin/vigil |ExecStart=$REL |" "$UNIT" >"$TMP/vigil.service"
check "ExecStart is /usr/bin/vigil serve" grep -qx 'ExecStart=/usr/bin/vigil serve' "$UNIT"
out=$(timeout 120 systemd-analyze verify --man=no "$TMP/vigil.service" 2>&1)
check "systemd-analyze verify finds nothing: $out" [ -z "$out" ]

out=$(timeout 120 systemd-analyze security --offline=true --threshold=20 \
    --no-pager "$UNIT" 2>&1)
RC=$? ERR=$out
expect_ok "systemd-analyze security --threshold=20"
level=$(sed -n 's/.*Overall exposure level for vigil.service: \([0-9.]*\).*/\1/p' <<<"$out")
check "the exposure is 2.0 or less (it is $level)" \
    awk -v l="$level" 'BEGIN { exit !(l != "" && l + 0 <= 2.0) }'
for s in 'User=vigil' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
    'StateDirectory=vigil' 'PrivateTmp=yes' 'CapabilityBoundingSet=' \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
    'SystemCallFilter=@system-service' 'MemoryDenyWriteExecute=yes'; do
    check "the unit sets $s" grep -qx "$s" "$UNIT"
done

# The check can fail: the same service without its sandbox.
grep -v -e '^[A-Z][A-Za-z]*=\(yes\|strict\|invisible\|pid\|private\|closed\|native\)$' \
    -e '^SystemCall' -e '^Restrict' -e '^Capability' -e '^Ambient' \
    -e '^UMask' "$UNIT" >"$TMP/bare.service"
timeout 120 systemd-analyze security --offline=true --threshold=20 \
    --no-pager "$TMP/bare.service" >/dev/null 2>&1
check "an unsandboxed unit fails the threshold" [ $? -ne 0 ]
finish
