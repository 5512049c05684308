# test/lib/deps.sh — sourced by test/run, demo/run and bench scripts: make sure
# the Debian packages bouncecode needs are installed, installing them when we
# are root, or naming exactly what is missing when we are not.  Works on any
# Debian release: the PostgreSQL major and the clang are the ones the machine
# has, or else the ones the distribution ships.

# Clusters, psql and the tests in UTF-8 whatever the caller's locale (a minimal
# container has none and would make SQL_ASCII clusters): C.UTF-8 is in every
# Debian's libc-bin, and its collation is the one the expected outputs assume.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE

# apt_lists_ready: does apt know the distribution's packages?  As root on a
# fresh machine (no package lists yet), fetch them first.
apt_updated=
apt_lists_ready() {
	if [ -z "$apt_updated" ] && ! apt-cache show --no-all-versions postgresql-common >/dev/null 2>&1 &&
		[ "$(id -u)" -eq 0 ]; then
		echo "bouncecode: apt-get update" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq
		apt_updated=1
	fi
}

# distribution_major PACKAGE PREFIX: the version N of the PREFIX-N package the
# distribution's metapackage PACKAGE depends on (postgresql -> postgresql-15).
distribution_major() {
	apt_lists_ready
	apt-cache depends "$1" 2>/dev/null | sed -n "s/^ *Depends: $2-\([0-9][0-9]*\)\$/\1/p" | head -n 1
}

# detect_pg_major: the newest PostgreSQL server installed, else the one the
# distribution's "postgresql" package stands for.
detect_pg_major() {
	local v
	v=$(for f in /usr/lib/postgresql/*/bin/postgres; do [ -x "$f" ] && basename "$(dirname "$(dirname "$f")")"; done |
		sort -n | tail -n 1)
	[ -n "$v" ] || v=$(distribution_major postgresql postgresql)
	if [ -z "$v" ]; then
		echo "bouncecode: no PostgreSQL server installed and none found in apt's package lists" >&2
		echo "(run apt-get update, or set PG_MAJOR)" >&2
		exit 1
	fi
	echo "$v"
}

# detect_clang_major: the clang installed (clang-N), else the distribution's.
detect_clang_major() {
	local v
	v=$(for f in /usr/bin/clang-[0-9]*; do [ -x "$f" ] && basename "$f"; done |
		sed -n 's/^clang-\([0-9][0-9]*\)$/\1/p' | sort -n | tail -n 1)
	[ -n "$v" ] || v=$(distribution_major clang clang)
	echo "$v"
}

PG_MAJOR=${PG_MAJOR:-$(detect_pg_major)}
PG_BINDIR=/usr/lib/postgresql/$PG_MAJOR/bin
export PG_MAJOR

# Packages every script needs (the build, a server, pg_virtualenv).
BASE_PACKAGES="make gcc libc6-dev postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-common"

# What the test command needs besides: sanitizers, libFuzzer and valgrind, from
# the distribution's clang.  Since LLVM 14 the sanitizer and libFuzzer
# runtimes are their own package, libclang-rt-N-dev; before they came with
# clang-N (libclang-common-N-dev).
CLANG_MAJOR=${CLANG_MAJOR:-$(detect_clang_major)}
if [ -n "$CLANG_MAJOR" ]; then
	FUZZ_CC=clang-$CLANG_MAJOR
	TEST_PACKAGES="clang-$CLANG_MAJOR valgrind"
	if apt-cache show --no-all-versions "libclang-rt-$CLANG_MAJOR-dev" >/dev/null 2>&1 ||
		dpkg-query -W "libclang-rt-$CLANG_MAJOR-dev" >/dev/null 2>&1; then
		TEST_PACKAGES="$TEST_PACKAGES libclang-rt-$CLANG_MAJOR-dev"
	fi
else
	FUZZ_CC=clang
	TEST_PACKAGES="clang valgrind"
fi
export FUZZ_CC

# Print the packages of the list "$@" that are not installed.
missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
	done
}

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
	[ -n "$apt_updated" ] || apt-get update -qq
	apt_updated=1
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

# throwaway_cluster CMD...: run CMD against a temporary cluster of PostgreSQL
# $PG_MAJOR (pg_virtualenv), made in UTF-8 with the C.UTF-8 locale, from /
# so that no server program started as postgres complains that it cannot
# change to the caller's (perhaps private) working directory.
throwaway_cluster() {
	local dir
	dir=$(pwd)
	(cd / && pg_virtualenv -v "$PG_MAJOR" -c "--locale=C.UTF-8" sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@")
}
