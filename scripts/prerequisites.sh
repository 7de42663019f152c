# Sourced by scripts/console and scripts/test: makes sure the system packages rootmail builds
# and tests with are present, installing them when it can and saying the one line that does
# when it cannot.
set -euo pipefail

rootmail_missing_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    echo "${missing[@]:-}"
}

rootmail_require_packages() {
    local missing
    missing=$(rootmail_missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "rootmail: installing $missing" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
    else
        echo "rootmail needs these Debian packages: $missing" >&2
        echo "Install them with: sudo apt-get install -y $missing" >&2
        exit 1
    fi
}

rootmail_require_swift() {
    if ! command -v swift >/dev/null; then
        echo "rootmail needs Swift 6 on PATH (https://www.swift.org/install/linux/)." >&2
        exit 1
    fi
}
