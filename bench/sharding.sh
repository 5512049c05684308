#!/usr/bin/env bash
# bench/sharding.sh — the grouped verdict query (bounce_invalid per address) on
# a table sharded over two postgres_fdw shards vs the same rows in one table,
# all three servers on this machine (test/sharding.sh with BENCH=1).  On one
# machine this measures the overhead of distribution, not a speed-up.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
require_root_for_install
make --no-print-directory -s PG_CONFIG=$PG_BINDIR/pg_config
make --no-print-directory -s install PG_CONFIG=$PG_BINDIR/pg_config
BENCH=1 EVENTS=${EVENTS:-1000000} ./test/sharding.sh
