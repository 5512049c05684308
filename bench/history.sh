#!/usr/bin/env bash
# bench/history.sh — how fast bounce_invalid() decides address invalidity over a
# large bounce history.  Prints, measured in this one run on a throwaway cluster:
#
#   1. bounce_invalid(code, at) grouped by address vs count(*) grouped by address
#      over the same table: the floor of any per-address aggregate.  Target: at
#      most 1.5x.
#   2. the same decision in plain SQL (bench/history_baseline.sql: window
#      functions and FILTER, as a user would write it) vs bounce_invalid.
#      Target: bounce_invalid at least 5x faster.  The answers must be identical
#      on every address: the script fails otherwise.
#   3. bounce_invalid with 2 parallel workers vs none (answers checked too), and
#      the same for count(*) to compare with.
#
# The table holds SCALE x 10,000,000 events for SCALE x 1,000,000 addresses over
# two years, with the code mix below and 2% redelivered duplicate rows.  Times are
# the server's execution times (EXPLAIN ANALYZE with TIMING OFF, so no rows travel
# to the client and no per-row clock reads), the median of RUNS runs; for the
# serial queries also the CPU time of the backend, which other busy processes on
# the machine do not inflate as they do wall time.
#
#   sudo ./bench/history.sh                  # installs missing packages as test/run does
#   SCALE=0.1 RUNS=5 ./bench/history.sh      # a tenth of the size
#
# The extension is installed into a private directory that only the throwaway
# cluster reads (extension_destdir, dynamic_library_path), never into the
# system server's directories.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-1}
RUNS=${RUNS:-3}

# Inside the throwaway cluster (pg_virtualenv runs this script again).
if [ "${1:-}" = "--in-cluster" ]; then
	# PSQL, SERIAL, PARALLEL and the timing helpers every bench shares.
	. bench/timing.sh
	EVENTS=$(awk "BEGIN { printf \"%d\", $SCALE * 10000000 }")
	ADDRESSES=$(awk "BEGIN { printf \"%d\", $SCALE * 1000000 }")

	Q_FLOOR="SELECT address, count(*) FROM bounce_events GROUP BY address"
	Q_HISTORY="SELECT address, bounce_invalid(code, at) AS invalid FROM bounce_events GROUP BY address"
	Q_BASELINE=$(grep -v '^--' bench/history_baseline.sql)

	echo "== building $EVENTS events for $ADDRESSES addresses"
	"${PSQL[@]}" >/dev/null <<-SQL
		CREATE EXTENSION bouncecode;
		-- Per mille of events per code: deliveries and auto-replies (resets), hard,
		-- soft, and the many Other codes of a sender's bounce log.
		CREATE TEMP TABLE code_mix (code bounce_code, weight int);
		INSERT INTO code_mix VALUES
			('0', 255), ('60', 40), ('100', 5), ('10', 60), ('90', 15),
			('20', 80), ('21', 40), ('22', 60), ('29', 50),
			('23', 10), ('30', 10), ('40', 50), ('50', 40), ('51', 20), ('52', 40), ('53', 5),
			('54', 10), ('59', 30), ('70', 60), ('110', 20), ('120', 10), ('121', 20),
			('122', 30), ('123', 15), ('200', 25);
		SELECT setseed(0.42);
		CREATE UNLOGGED TABLE bounce_events AS
		WITH m AS (SELECT array_agg(code) AS codes FROM code_mix, generate_series(1, weight)),
		     u AS (SELECT floor(random() * $ADDRESSES)::int AS id, i FROM generate_series(1, ($EVENTS * 0.98)::int) i)
		SELECT 'user' || u.id || '@' ||
		       ('{gmail.com,yahoo.com,hotmail.com,outlook.com,example.org,mail.example.se,corp.example.com,aol.com}'::text[])[1 + u.id % 8]
		           AS address,
		       m.codes[1 + floor(random() * cardinality(m.codes))::int] AS code,
		       '2023-01-01'::timestamptz + floor(random() * 63072000) * interval '1 second' AS at
		FROM u, m;
		-- Webhooks redeliver: 2% of events arrive twice.
		INSERT INTO bounce_events SELECT * FROM bounce_events TABLESAMPLE BERNOULLI (2.04) REPEATABLE (7);
		VACUUM ANALYZE bounce_events;
	SQL
	"${PSQL[@]}" -c "SELECT format('   %s rows, %s addresses, %s', count(*), count(DISTINCT address),
	                                pg_size_pretty(pg_table_size('bounce_events'))) FROM bounce_events"

	echo "== checking answers"
	"${PSQL[@]}" -c "$SERIAL CREATE TABLE by_history AS $Q_HISTORY" \
		-c "$SERIAL CREATE TABLE by_sql AS $Q_BASELINE" \
		-c "$PARALLEL CREATE TABLE by_history_parallel AS $Q_HISTORY"
	differ_sql=$("${PSQL[@]}" -c "SELECT count(*) FROM by_history h FULL JOIN by_sql s USING (address)
	                             WHERE h.invalid IS DISTINCT FROM s.invalid")
	differ_parallel=$("${PSQL[@]}" -c "SELECT count(*) FROM by_history h FULL JOIN by_history_parallel p USING (address)
	                                  WHERE h.invalid IS DISTINCT FROM p.invalid")
	"${PSQL[@]}" -c "SELECT format('   %s addresses: %s invalid, %s valid; %s differ from the SQL baseline, %s differ in parallel',
	                               count(*), count(*) FILTER (WHERE invalid), count(*) FILTER (WHERE NOT invalid),
	                               $differ_sql, $differ_parallel) FROM by_history"

	echo "== timing (median of $RUNS runs; plans:"
	echo "   count(*):        $(top_node "$SERIAL" "$Q_FLOOR")"
	echo "   bounce_invalid:  $(top_node "$SERIAL" "$Q_HISTORY")"
	echo "   SQL baseline:    $(top_node "$SERIAL" "$Q_BASELINE")"
	echo "   parallel:        $(top_node "$PARALLEL" "$Q_HISTORY"); count(*): $(top_node "$PARALLEL" "$Q_FLOOR"))"
	floor=() history=() baseline=() parallel=() floor_parallel=()
	floor_cpu=() history_cpu=() baseline_cpu=()
	for i in $(seq "$RUNS"); do
		read -r wall cpu < <(run "$SERIAL" "$Q_FLOOR")
		floor+=("$wall") floor_cpu+=("$cpu")
		read -r wall cpu < <(run "$SERIAL" "$Q_HISTORY")
		history+=("$wall") history_cpu+=("$cpu")
		read -r wall cpu < <(run "$SERIAL" "$Q_BASELINE")
		baseline+=("$wall") baseline_cpu+=("$cpu")
		read -r wall cpu < <(run "$PARALLEL" "$Q_HISTORY")
		parallel+=("$wall")
		read -r wall cpu < <(run "$PARALLEL" "$Q_FLOOR")
		floor_parallel+=("$wall")
		echo "   run $i: count(*) ${floor[-1]} ms (cpu ${floor_cpu[-1]}), bounce_invalid ${history[-1]} ms" \
			"(cpu ${history_cpu[-1]}), SQL ${baseline[-1]} ms (cpu ${baseline_cpu[-1]});" \
			"2 workers: bounce_invalid ${parallel[-1]} ms, count(*) ${floor_parallel[-1]} ms"
	done
	t_floor=$(median "${floor[@]}")
	t_history=$(median "${history[@]}")
	t_baseline=$(median "${baseline[@]}")
	t_parallel=$(median "${parallel[@]}")
	t_floor_parallel=$(median "${floor_parallel[@]}")
	c_floor=$(median "${floor_cpu[@]}")
	c_history=$(median "${history_cpu[@]}")
	c_baseline=$(median "${baseline_cpu[@]}")

	vs_floor=$(ratio "$t_history" "$t_floor")
	vs_baseline=$(ratio "$t_baseline" "$t_history")
	cpu_vs_floor=$(ratio "$c_history" "$c_floor")
	cpu_vs_baseline=$(ratio "$c_baseline" "$c_history")
	vs_serial=$(ratio "$t_history" "$t_parallel")
	floor_vs_serial=$(ratio "$t_floor" "$t_floor_parallel")
	echo "== results ($EVENTS events, $ADDRESSES addresses, PostgreSQL $("${PSQL[@]}" -c 'SHOW server_version'), $(nproc) CPUs)"
	printf '   %-44s %10s ms   cpu %6s ms\n' "count(*) GROUP BY address" "$t_floor" "$c_floor" \
		"bounce_invalid(code, at) GROUP BY address" "$t_history" "$c_history" \
		"plain SQL baseline" "$t_baseline" "$c_baseline"
	printf '   %-44s %10s ms\n' "bounce_invalid, 2 parallel workers" "$t_parallel" \
		"count(*), 2 parallel workers" "$t_floor_parallel"
	echo "   bounce_invalid / count(*):        ${vs_floor}x, cpu ${cpu_vs_floor}x   (target <= 1.5x: $(verdict "$vs_floor" "<=" 1.5))"
	echo "   SQL baseline / bounce_invalid:    ${vs_baseline}x, cpu ${cpu_vs_baseline}x   (target >= 5x: $(verdict "$vs_baseline" ">=" 5))"
	echo "   no workers / 2 parallel workers:  ${vs_serial}x   (count(*): ${floor_vs_serial}x)"
	if [ "$differ_sql" != 0 ] || [ "$differ_parallel" != 0 ]; then
		echo "bench/history.sh: answers differ" >&2
		exit 1
	fi
	exit 0
fi

. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
export PG_CONFIG=$PG_BINDIR/pg_config

# Build, and install into a private staging directory the cluster reads first.
. bench/stage.sh

bench_in_cluster bench/history.sh
