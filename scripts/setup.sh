# Shared by scripts/run and scripts/test (sourced, not run): installs the
# Debian 12 packages adpa needs when one is missing (apt-get, with sudo when
# not root; nothing at all when everything is present), then configures and
# builds in build/. The README explains why each package is here.

ADPA_PACKAGES="gcc libc6-dev meson ninja-build pkg-config libcmark-dev libyaml-dev libsqlite3-dev
libncurses-dev libunistring-dev libjansson-dev uuid-dev libcurl4-openssl-dev"
ADPA_TEST_PACKAGES="tmux python3 python3-yaml python3-jsonschema sqlite3 zsh groff-base less cmark lowdown
ncurses-term chromium poppler-utils"

adpa_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

adpa_missing() {
    local p missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    echo "$missing"
}

adpa_install() {
    local missing
    missing=$(adpa_missing "$@")
    [ -z "$missing" ] && return 0
    echo "adpa: installing:$missing" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "adpa: need root or sudo to install:$missing" >&2; return 1; }
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
}

# node and npm for the LRS test (tests/trainer/lrs.sh): Debian's, unless a
# node with its npm is there already (another packaging of node ships npm
# itself, and Debian's npm package would conflict with it).
adpa_install_node() {
    command -v node >/dev/null && command -v npm >/dev/null && return 0
    adpa_install nodejs npm
}

adpa_build() { # adpa_build DIR [meson options...]
    local dir=$1; shift
    if [ ! -f "$adpa_root/$dir/build.ninja" ]; then
        meson setup "$adpa_root/$dir" "$adpa_root" "$@" >&2 || return 1
    fi
    ninja -C "$adpa_root/$dir" >&2
}
