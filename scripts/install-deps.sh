#!/usr/bin/env bash
# Installs the Debian packages Vigil needs to build and test, skipping those
# already present. Runs as root on a fresh Debian 12 machine (CI included).
set -euo pipefail

packages=(
    gcc make pkg-config
    libsqlite3-dev sqlite3
    libsodium-dev libjansson-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
    libutf8proc-dev libcurl4-openssl-dev
    libmicrohttpd-dev libgnutls28-dev zlib1g-dev liboath-dev iso-codes libcsv-dev wamerican
    libicu-dev libvips-dev libvips-tools libimage-exiftool-perl
    libcmocka-dev tzdata gettext locales
    jq binutils clang-format clang libclang-rt-14-dev
    python3 python3-html5lib python3-prometheus-client libxml2-utils curl nginx openssl
    chromium default-jre-headless
    postgresql-15 libpq-dev
    groff-base man-db systemd debhelper lintian dpkg-dev
    python3-jsonschema
)

# Node.js for the browser tests; the machine may have its own, newer one.
command -v node >/dev/null && command -v npm >/dev/null ||
    packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$p")
done
browser_modules() {
    # playwright-core drives Debian's chromium; it downloads no browser.
    # axe-core is the accessibility checker the pages are run through,
    # vnu-jar the W3C Nu HTML checker (run on the JRE above).
    [ -d tests/browser/node_modules/playwright-core ] &&
        [ -d tests/browser/node_modules/axe-core ] &&
        [ -d tests/browser/node_modules/vnu-jar ] && return 0
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
}
# The locales the translated pages are written through (util/i18n.h):
# glibc's gettext finds a language's catalog by its locale's name.
LOCALES=(fa_IR ar_EG)
locales_missing() {
    local l
    for l in "${LOCALES[@]}"; do
        locale -a 2>/dev/null | grep -qx "$l.utf8" || return 0
    done
    return 1
}
make_locales() {
    local l
    locales_missing || return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: run as root to generate the locales ${LOCALES[*]}" >&2
        return 1
    fi
    for l in "${LOCALES[@]}"; do
        localedef -i "$l" -f UTF-8 "$l.UTF-8"
    done
}
api_modules() {
    # Redocly's linter, which checks the API's OpenAPI description.
    [ -d tests/api/node_modules/@redocly/cli ] && return 0
    (cd tests/api && npm ci --no-audit --no-fund --loglevel=error)
}
cd "$(dirname "$0")/.."
if [ ${#missing[@]} -eq 0 ]; then
    make_locales
    browser_modules
    api_modules
    exit
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
browser_modules
api_modules
make_locales
