#!/usr/bin/env bash
# test/sharding.sh — bounce events sharded by recipient address over three
# throwaway PostgreSQL servers on this machine: a coordinator whose
# hash-partitioned table has postgres_fdw foreign tables on two shards as its
# partitions.  Checks that
#   (a) a classify_bounce() filter runs on the shards (it is in the remote SQL),
#   (b) the grouped bounce_invalid() verdict runs per shard under
#       enable_partitionwise_aggregate (the aggregate is in the remote SQL),
#   (c) the answers equal those of the same query on one unsharded table,
#   (d) the shards are scanned asynchronously (Async Foreign Scan),
#   (e) with a shard down the query fails with a connection error, never a
#       partial answer.
# EVENTS=... sets the number of events (default 300000).  BENCH=1 also times
# the grouped verdict query, sharded vs single (bench/sharding.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PG_MAJOR:-}" ]; then
	. test/lib/deps.sh
fi
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
EVENTS=${EVENTS:-300000}
BASE_PORT=${BASE_PORT:-54330}

base=$(mktemp -d /tmp/bouncecode-sharding.XXXXXX)
chmod 755 "$base"
run_as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres "$base"
		# From /: postgres may not enter the caller's working directory.
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}
nodes="coord shard1 shard2"
port_of() {
	case $1 in coord) echo $BASE_PORT ;; shard1) echo $((BASE_PORT + 1)) ;; shard2) echo $((BASE_PORT + 2)) ;; esac
}
stop_all() {
	for n in $nodes; do
		[ -f "$base/$n/postmaster.pid" ] && run_as_postgres "$PGBIN/pg_ctl" -D "$base/$n" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$base"
}
trap stop_all EXIT

for n in $nodes; do
	run_as_postgres "$PGBIN/initdb" -D "$base/$n" -A trust -E UTF8 --locale=C -U postgres >/dev/null
	run_as_postgres "$PGBIN/pg_ctl" -D "$base/$n" -l "$base/$n.log" -w \
		-o "-p $(port_of $n) -k $base -c listen_addresses='' -c max_parallel_workers_per_gather=0" start >/dev/null
done
sql() {
	local node=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -h "$base" -p "$(port_of "$node")" -U postgres -d postgres "$@"
}

passed=0
failed=0
check() {
	if [ "$2" = yes ]; then
		echo "ok: $1"
		passed=$((passed + 1))
	else
		echo "FAILED: $1"
		failed=$((failed + 1))
	fi
}

# Shards: the extension and one partition each.
for s in 1 2; do
	sql shard$s <<SQL
CREATE EXTENSION bouncecode;
CREATE TABLE bounces_p$s (address text NOT NULL, code bounce_code, at timestamptz, response text);
SQL
done

# Coordinator: foreign servers that may ship bouncecode's functions, the
# partitioned table, and an unsharded copy of the same rows for comparison.
sql coord <<SQL
CREATE EXTENSION bouncecode;
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$base', port '$(port_of shard1)', dbname 'postgres', extensions 'bouncecode',
	         async_capable 'true', fetch_size '10000', batch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$base', port '$(port_of shard2)', dbname 'postgres', extensions 'bouncecode',
	         async_capable 'true', fetch_size '10000', batch_size '1000');
CREATE USER MAPPING FOR postgres SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER shard2 OPTIONS (user 'postgres');
CREATE TABLE bounces (address text NOT NULL, code bounce_code, at timestamptz, response text)
	PARTITION BY HASH (address);
CREATE FOREIGN TABLE bounces_p1 PARTITION OF bounces FOR VALUES WITH (MODULUS 2, REMAINDER 0)
	SERVER shard1 OPTIONS (table_name 'bounces_p1');
CREATE FOREIGN TABLE bounces_p2 PARTITION OF bounces FOR VALUES WITH (MODULUS 2, REMAINDER 1)
	SERVER shard2 OPTIONS (table_name 'bounces_p2');

CREATE TABLE single (address text NOT NULL, code bounce_code, at timestamptz, response text);
INSERT INTO single
SELECT 'user' || (i % ($EVENTS / 10)) || '@example' || (i % ($EVENTS / 10) % 7) || '.com', classify_bounce(r.response),
       timestamptz '2026-01-01' + (i::bigint * 7919 % 8000000) * interval '1 second', r.response
FROM generate_series(1, $EVENTS) i
JOIN (VALUES (0, '550 5.1.1 User unknown'), (1, '452 4.2.2 Mailbox full'), (2, '452 4.2.2 Mailbox full'),
             (3, 'Host or domain name not found'), (4, '421 4.7.0 Try again later'),
             (5, 'Out of office until Monday'), (6, '250 2.0.0 OK'), (7, '554 5.7.1 blocked using zen.spamhaus.org'),
             (8, '452 4.2.2 Mailbox full'), (9, 'connect to mx.example.com: Connection timed out'),
             (10, '452 4.2.2 Mailbox full'), (11, '452 4.2.2 Mailbox full'), (12, '250 2.0.0 OK'))
	AS r(n, response) ON r.n = (i * 31 + i / 13) % 13;
INSERT INTO bounces SELECT * FROM single;
ANALYZE single;
ANALYZE bounces;
SQL
shard_rows=$(( $(sql shard1 -At -c "SELECT count(*) FROM bounces_p1") + $(sql shard2 -At -c "SELECT count(*) FROM bounces_p2") ))
check "all $EVENTS events landed on the shards ($shard_rows)" $([ "$shard_rows" -eq "$EVENTS" ] && echo yes || echo no)

# (a) the classify_bounce() filter is in the remote SQL of both shards.
plan_a=$(sql coord -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT address, at FROM bounces WHERE classify_bounce(response) = '10'")
echo "$plan_a" | sed 's/^/    /'
check "(a) classify_bounce() filter runs on the shards" \
	$([ "$(echo "$plan_a" | grep -c 'Remote SQL:.*classify_bounce(response) OPERATOR(public.=) .10.')" -eq 2 ] && echo yes || echo no)

# (b) the grouped verdict runs per shard: the aggregate is in the remote SQL.
verdict="SELECT address, bounce_invalid(code, at) AS invalid FROM bounces GROUP BY address"
plan_b=$(sql coord -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $verdict")
echo "$plan_b" | sed 's/^/    /'
check "(b) bounce_invalid() runs per shard under enable_partitionwise_aggregate" \
	$([ "$(echo "$plan_b" | grep -c 'Remote SQL:.*bounce_invalid(code, at).*GROUP BY')" -eq 2 ] && echo yes || echo no)

# (d) the shards are scanned at the same time.
check "(d) the shards are scanned asynchronously" \
	$(echo "$plan_b" | grep -q 'Async Foreign Scan' && echo yes || echo no)

# (c) the same answers as one unsharded table.
diff_c=$(sql coord -At -c "SET enable_partitionwise_aggregate = on" -c "
	SELECT count(*) FROM (
		(SELECT address, bounce_invalid(code, at) FROM bounces GROUP BY address
		 EXCEPT ALL SELECT address, bounce_invalid(code, at) FROM single GROUP BY address)
		UNION ALL
		(SELECT address, bounce_invalid(code, at) FROM single GROUP BY address
		 EXCEPT ALL SELECT address, bounce_invalid(code, at) FROM bounces GROUP BY address)) d")
invalid=$(sql coord -At -c "SELECT count(*) FILTER (WHERE v) || ' of ' || count(*) FROM (SELECT bounce_invalid(code, at) v FROM single GROUP BY address) s")
check "(c) sharded verdicts equal the unsharded ones ($invalid addresses invalid; $diff_c differences)" \
	$([ "$diff_c" = 0 ] && echo yes || echo no)
diff_a=$(sql coord -At -c "SELECT (SELECT count(*) FROM bounces WHERE classify_bounce(response) = '10') - (SELECT count(*) FROM single WHERE classify_bounce(response) = '10')")
check "(c) sharded classify_bounce() filter equals the unsharded one" $([ "$diff_a" = 0 ] && echo yes || echo no)

if [ "${BENCH:-0}" = 1 ]; then
	sql coord <<SQL
\i bench/best_ms.sql
SET enable_partitionwise_aggregate = on;
SELECT pg_temp.best_ms('SELECT count(*) FILTER (WHERE invalid) FROM ($verdict) s') AS sharded_ms \gset
SELECT pg_temp.best_ms('SELECT count(*) FILTER (WHERE invalid) FROM (SELECT address, bounce_invalid(code, at) AS invalid FROM single GROUP BY address) s') AS single_ms \gset
SELECT $EVENTS AS events, :sharded_ms AS sharded_ms, :single_ms AS single_ms,
       round(:sharded_ms / :single_ms, 2) AS "sharded / single";
SQL
fi

# (e) a shard that is down fails the query with a connection error.
run_as_postgres "$PGBIN/pg_ctl" -D "$base/shard2" -m fast stop >/dev/null
set +e
out=$(sql coord -At -c "SET enable_partitionwise_aggregate = on" -c "$verdict" 2>&1)
rc=$?
set -e
echo "    with shard2 down: exit $rc: $(echo "$out" | grep -m1 -i 'error')"
check "(e) a shard down is a connection error, not a partial answer" \
	$([ "$rc" -ne 0 ] && echo "$out" | grep -qi 'could not connect\|connection' && ! echo "$out" | grep -q '@example' && echo yes || echo no)

echo "sharding: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
