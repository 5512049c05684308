#!/usr/bin/env bash
# test/lib/in-chroot.sh — what test/matrix runs inside each release's chroot,
# on the copy of the source tree in /build: the strict build (-Wall -Wextra
# -Werror), the core unit tests, make install, make installcheck (with the
# soft-input-error tests on 16+ and COPY ON_ERROR on 17+), dump/restore and
# the upgrade walk, each on a throwaway UTF-8 cluster.  The last line is the
# summary test/matrix reads: "in-chroot: <server version>: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
export PG_CONFIG=$PG_BINDIR/pg_config
server=$($PG_CONFIG --version | sed 's/^PostgreSQL //')
echo "in-chroot: PostgreSQL $server ($(. /etc/os-release && echo "$PRETTY_NAME"), $(gcc --version | head -n 1))"
. test/lib/steps.sh

make --no-print-directory clean >/dev/null
step "build (strict warnings)" make --no-print-directory -s STRICT=1 PG_CONFIG="$PG_CONFIG"
step "core unit tests" make --no-print-directory -s unittest
step "install" make --no-print-directory -s install PG_CONFIG="$PG_CONFIG"
echo "regression tests: $(make --no-print-directory -s -f Makefile PG_CONFIG="$PG_CONFIG" print-regress 2>/dev/null || true)"
step "pg_regress" regress
step "dump and restore" throwaway_cluster ./test/dump_restore.sh
step "upgrade path" throwaway_cluster ./test/upgrade.sh
step "rule sets across sessions" throwaway_cluster ./test/rule_sessions.sh

echo "in-chroot: $server: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
