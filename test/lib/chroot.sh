# test/lib/chroot.sh — sourced by test/matrix: one cached Debian chroot per
# release (debootstrap --variant=minbase from Debian's archive) with the
# distribution's PostgreSQL server and server-dev packages, and a way to run a
# command inside it with /proc, /dev and /dev/shm mounted.
#
# Layout of the cache (MATRIX_CACHE, default /var/cache/bouncecode/matrix):
#   <release>/root      the chroot
#   <release>/stamp     written last when the chroot is complete: the recipe
#                       version, the PostgreSQL major and the date of the last
#                       apt-get dist-upgrade.  Without it (or with an older
#                       recipe) the packages are installed again; if that
#                       fails, or the chroot does not run, it is made anew
#   <release>/bootstrapped  debootstrap finished
#   <release>/lock      flock: one matrix run per release at a time
#   <release>/*.log     debootstrap's and apt's output
#   debs/<release>/     debootstrap's .deb cache (kept, so a rebuild downloads
#                       nothing the archive has not changed); the chroot keeps
#                       its own apt archives in /var/cache/apt/archives, moved
#                       to debs/<release>/apt/ and back when it is made anew
#
# Every command inside a chroot runs in fresh mount, network and PID
# namespaces (unshare --kill-child): the mounts vanish with the namespace
# however the run ends, the servers the tests start cannot collide with the
# host's ports, and no process outlives the run.

MATRIX_CACHE=${MATRIX_CACHE:-/var/cache/bouncecode/matrix}
MATRIX_MIRROR=${MATRIX_MIRROR:-http://deb.debian.org/debian}
MATRIX_SECURITY_MIRROR=${MATRIX_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# Where old releases go when deb.debian.org drops them.
MATRIX_ARCHIVE_MIRROR=${MATRIX_ARCHIVE_MIRROR:-http://archive.debian.org/debian}
MATRIX_ARCHIVE_SECURITY_MIRROR=${MATRIX_ARCHIVE_SECURITY_MIRROR:-http://archive.debian.org/debian-security}
# A cached chroot is brought up to date (apt-get upgrade: new minor releases)
# when its last upgrade is older than this many days.
MATRIX_REFRESH_DAYS=${MATRIX_REFRESH_DAYS:-7}
# Bump when the recipe below changes, so cached chroots are rebuilt.
CHROOT_RECIPE=4

# What the chroot needs besides the server: the build, pg_regress's diff.
CHROOT_PACKAGES="make gcc libc6-dev diffutils postgresql-common"

# chroot_run ROOT CMD...: run CMD inside the chroot ROOT (as root, from /), with
# /proc, /dev and a private /dev/shm mounted, in a network namespace of its own
# with only the loopback interface up.  chroot_run_online: the same, on the
# host's network (for apt).
chroot_run() {
	_chroot_run --net "$@"
}
chroot_run_online() {
	_chroot_run "" "$@"
}
_chroot_run() {
	local net=$1 root=$2
	shift 2
	# shellcheck disable=SC2086
	unshare --mount $net --pid --fork --kill-child --propagation private \
		/bin/sh -ec '
			net=$1; root=$2; shift 2
			mount -t proc proc "$root/proc"
			mount --bind /dev "$root/dev"
			mkdir -p "$root/dev/shm" "$root/dev/pts"
			mount -t tmpfs -o mode=1777,size=512m shm "$root/dev/shm"
			mount --bind /dev/pts "$root/dev/pts" 2>/dev/null || true
			if [ -n "$net" ]; then ip link set lo up; fi
			cd "$root"
			exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
				HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
				chroot "$root" /bin/sh -c "cd / && exec \"\$@\"" sh "$@"
		' sh "$net" "$root" "$@"
}

# chroot_apt ROOT ARGS...: apt-get inside the chroot, quietly.
chroot_apt() {
	local root=$1
	shift
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	chroot_run_online "$root" apt-get -q -o Dpkg::Use-Pty=0 -o APT::Keep-Downloaded-Packages=true "$@"
}

# chroot_mirror_ok MIRROR RELEASE: does MIRROR still serve RELEASE?
chroot_mirror_ok() {
	if command -v curl >/dev/null; then
		curl -fsI --max-time 20 "$1/dists/$2/Release" >/dev/null
	else
		wget -q --spider --timeout=20 "$1/dists/$2/Release"
	fi
}

# chroot_sources RELEASE MIRROR SECURITY: the chroot's sources.list.
chroot_sources() {
	echo "deb $2 $1 main"
	case $1 in
	sid | unstable) ;;
	*)
		echo "deb $2 $1-updates main"
		echo "deb $3 $1-security main"
		;;
	esac
}

# chroot_major ROOT: the PostgreSQL major the distribution's "postgresql"
# metapackage depends on.
chroot_major() {
	chroot_run "$1" apt-cache depends postgresql |
		sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1
}

# chroot_healthy ROOT MAJOR: does the chroot run, with that server installed?
chroot_healthy() {
	[ -x "$1/usr/lib/postgresql/$2/bin/pg_config" ] &&
		[ -x "$1/usr/lib/postgresql/$2/bin/postgres" ] &&
		[ -x "$1/usr/bin/pg_virtualenv" ] &&
		chroot_run "$1" dpkg-query -W "postgresql-server-dev-$2" make gcc >/dev/null 2>&1
}

# chroot_mounted ROOT: is anything mounted below ROOT in this namespace?
chroot_mounted() {
	awk -v r="$1/" '{ if (index($2 "/", r) == 1) found = 1 } END { exit !found }' /proc/mounts
}

# chroot_bootstrap RELEASE: debootstrap a minimal chroot and configure apt.
chroot_bootstrap() {
	local release=$1 dir=$MATRIX_CACHE/$1 root=$MATRIX_CACHE/$1/root
	local mirror=$MATRIX_MIRROR security=$MATRIX_SECURITY_MIRROR
	rm -f "$dir/bootstrapped"
	if chroot_mounted "$root"; then
		echo "matrix: $release: something is still mounted below $root; refusing to delete it" >&2
		return 1
	fi
	mkdir -p "$dir" "$MATRIX_CACHE/debs/$release/apt"
	# The packages apt downloaded into the old chroot are kept for the new one.
	find "$root/var/cache/apt/archives" -maxdepth 1 -name '*.deb' \
		-exec mv -f -t "$MATRIX_CACHE/debs/$release/apt" {} + 2>/dev/null || true
	rm -rf "$root"
	if ! chroot_mirror_ok "$mirror" "$release" && chroot_mirror_ok "$MATRIX_ARCHIVE_MIRROR" "$release"; then
		echo "matrix: $release is no longer on $mirror; using $MATRIX_ARCHIVE_MIRROR" >&2
		mirror=$MATRIX_ARCHIVE_MIRROR
		security=$MATRIX_ARCHIVE_SECURITY_MIRROR
	fi
	echo "matrix: $release: debootstrap --variant=minbase from $mirror" >&2
	if ! debootstrap --variant=minbase --cache-dir="$MATRIX_CACHE/debs/$release" \
		"$release" "$root" "$mirror" >"$dir/debootstrap.log" 2>&1; then
		echo "matrix: $release: debootstrap failed; the end of $dir/debootstrap.log:" >&2
		tail -n 20 "$dir/debootstrap.log" >&2
		return 1
	fi
	chroot_sources "$release" "$mirror" "$security" >"$root/etc/apt/sources.list"
	find "$MATRIX_CACHE/debs/$release/apt" -maxdepth 1 -name '*.deb' \
		-exec mv -f -t "$root/var/cache/apt/archives" {} + 2>/dev/null || true
	touch "$dir/bootstrapped"
}

# chroot_configure ROOT: the chroot's apt and service policy.
chroot_configure() {
	local root=$1
	# Nothing installed here starts a service; the tests start their own clusters.
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	rm -f "$root/etc/apt/apt.conf.d/docker-clean"
	cat >"$root/etc/apt/apt.conf.d/90bouncecode" <<'APT'
// test/matrix: keep the downloaded packages (a rebuild of the chroot reuses
// them), no recommends, retry flaky downloads.
APT::Keep-Downloaded-Packages "true";
APT::Install-Recommends "false";
Acquire::Retries "3";
// unstable's Release files carry a Valid-Until date; a mirror or snapshot that
// lags behind makes them "expired".  The signatures are still checked.
Acquire::Check-Valid-Until "false";
APT
}

# chroot_install_server ROOT MAJOR: postgresql-MAJOR and its server-dev, of the
# same version: the newest, or else the newest older one the archive still
# serves (a mirror may lack a file of the newest).
chroot_install_server() {
	local root=$1 major=$2 v
	chroot_apt "$root" -y install "postgresql-$major" "postgresql-server-dev-$major" && return 0
	for v in $(chroot_run "$root" apt-cache madison "postgresql-server-dev-$major" |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | tail -n +2); do
		echo "matrix: the newest postgresql-server-dev-$major cannot be fetched; trying $v" >&2
		chroot_apt "$root" -y install "postgresql-$major=$v" "postgresql-server-dev-$major=$v" \
			"postgresql-client-$major=$v" && return 0
	done
	return 1
}

# chroot_install RELEASE: install the build tools and the distribution's
# PostgreSQL server and server-dev packages into the bootstrapped chroot, and
# write the stamp.
chroot_install() {
	local release=$1 dir=$MATRIX_CACHE/$1 root=$MATRIX_CACHE/$1/root major
	echo "matrix: $release: installing $CHROOT_PACKAGES and the distribution's PostgreSQL" >&2
	chroot_configure "$root"
	chroot_apt "$root" update >"$dir/apt.log" 2>&1 || return 1
	if grep -q '^[WE]: Failed to fetch' "$dir/apt.log"; then
		echo "matrix: $release: apt-get update failed:" >&2
		grep '^[WE]:' "$dir/apt.log" >&2
		return 1
	fi
	# shellcheck disable=SC2086
	chroot_apt "$root" -y install $CHROOT_PACKAGES >>"$dir/apt.log" 2>&1 || return 1
	# The tests make their own clusters: no "main" cluster on installing the server.
	sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' \
		"$root/etc/postgresql-common/createcluster.conf"
	major=$(chroot_major "$root")
	if [ -z "$major" ]; then
		echo "matrix: $release: cannot tell which PostgreSQL the distribution ships" >&2
		return 1
	fi
	chroot_install_server "$root" "$major" >>"$dir/apt.log" 2>&1 || return 1
	chroot_healthy "$root" "$major" || return 1
	echo "$CHROOT_RECIPE $major $(date +%s)" >"$dir/stamp"
}

# chroot_ensure RELEASE: make sure a complete chroot for RELEASE exists in the
# cache (build it, finish an interrupted build, or bring it up to date), and
# print "ROOT MAJOR".  The caller holds the release's lock.
chroot_ensure() {
	local release=$1 dir=$MATRIX_CACHE/$1 root=$MATRIX_CACHE/$1/root stamp=$MATRIX_CACHE/$1/stamp
	local major recipe refreshed now
	if [ -f "$stamp" ]; then
		read -r recipe major refreshed <"$stamp" || true
		if [ "$recipe" = "$CHROOT_RECIPE" ] && [ -n "$major" ] && chroot_healthy "$root" "$major"; then
			now=$(date +%s)
			if [ $((now - ${refreshed:-0})) -gt $((MATRIX_REFRESH_DAYS * 86400)) ]; then
				echo "matrix: $release: refreshing the cached chroot (apt-get dist-upgrade)" >&2
				if ! chroot_apt "$root" update >"$dir/apt.log" 2>&1 ||
					! chroot_apt "$root" -y dist-upgrade >>"$dir/apt.log" 2>&1; then
					echo "matrix: $release: refresh failed (see $dir/apt.log), testing the cached packages" >&2
				fi
				# Tried either way: the next try is due in MATRIX_REFRESH_DAYS.
				echo "$CHROOT_RECIPE $major $now" >"$stamp"
			fi
			echo "$root $major"
			return 0
		fi
		echo "matrix: $release: cached chroot incomplete or outdated, completing it" >&2
		rm -f "$stamp"
	fi
	# A finished debootstrap is kept: only the package installation is redone,
	# and the chroot made anew if that fails.
	if ! [ -f "$dir/bootstrapped" ] || ! chroot_run "$root" true 2>/dev/null; then
		chroot_bootstrap "$release" || return 1
	fi
	if ! chroot_install "$release"; then
		echo "matrix: $release: installing into the chroot failed (the end of $dir/apt.log:)" >&2
		tail -n 20 "$dir/apt.log" >&2
		echo "matrix: $release: making the chroot anew" >&2
		if ! chroot_bootstrap "$release" || ! chroot_install "$release"; then
			echo "matrix: $release: installing into the new chroot failed too (the end of $dir/apt.log:)" >&2
			tail -n 20 "$dir/apt.log" >&2
			return 1
		fi
	fi
	read -r recipe major refreshed <"$stamp"
	echo "$root $major"
}
