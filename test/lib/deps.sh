# test/lib/deps.sh — sourced by test/run, demo/run and bench scripts: make sure
# the Debian packages bouncecode needs are installed, installing them when we
# are root, or naming exactly what is missing when we are not.

PG_MAJOR=${PG_MAJOR:-15}
PG_BINDIR=/usr/lib/postgresql/$PG_MAJOR/bin

# Packages every script needs (the build, a server, pg_virtualenv).
BASE_PACKAGES="make gcc libc6-dev postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-common"

# Print the packages of the list "$@" that are not installed.
missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
	done
}

# What the test command needs besides: sanitizers, libFuzzer and valgrind.
TEST_PACKAGES="clang-14 libclang-rt-14-dev valgrind"

# ensure_packages PKG...: install what is missing (as root), or explain and fail.
ensure_packages() {
	local missing
	missing=$(missing_packages "$@")
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "bouncecode: missing Debian packages: $missing" >&2
		echo "Install them with:  sudo apt-get update && sudo apt-get install -y $missing" >&2
		echo "or run this script as root (sudo) and it will install them." >&2
		exit 1
	fi
	echo "bouncecode: installing $missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# The extension is installed into the server's directories: that needs root.
require_root_for_install() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "bouncecode: installing the extension into PostgreSQL $PG_MAJOR needs root; run with sudo." >&2
		exit 1
	fi
}
