#!/usr/bin/env bash
# bench/domains.sh — how fast bounce_domain_health() judges domains over a large
# sending log.  Prints, measured in this one run on a throwaway cluster:
#
#   1. bounce_domain_health(code, at) grouped by domain vs count(*) grouped by
#      domain over the same table: the floor of any per-domain aggregate.
#      Target: at most 1.5x.
#   2. the same rule in plain SQL with window functions (bench/domains_baseline.sql)
#      vs bounce_domain_health.  Target: bounce_domain_health at least 5x faster.
#      Also the fastest plain SQL we know, FILTERed aggregates without windows
#      (bench/domains_filter.sql), for an honest comparison.  The states must be
#      identical on every domain: the script fails otherwise.
#   3. bounce_domain_health with 2 parallel workers vs none (answers checked too).
#
# The table holds SCALE x 10,000,000 rows for up to SCALE x 100,000 domains over
# two years: a few domains carry most of the mail (as the large providers do),
# and each domain has a character (healthy, blocking, dead, throttling, mixed)
# that sets its code mix.  Times are the server's execution times (EXPLAIN
# ANALYZE with TIMING OFF), the median of RUNS runs, and for the serial queries
# also the backend's CPU time.
#
#   sudo ./bench/domains.sh                  # installs missing packages as test/run does
#   SCALE=0.1 RUNS=5 ./bench/domains.sh      # a tenth of the size
#
# The extension is installed into a private directory that only the throwaway
# cluster reads (bench/stage.sh), never into the system server's directories.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-1}
RUNS=${RUNS:-3}

# Inside the throwaway cluster (pg_virtualenv runs this script again).
if [ "${1:-}" = "--in-cluster" ]; then
	# PSQL, SERIAL, PARALLEL and the timing helpers every bench shares.
	. bench/timing.sh
	EVENTS=$(awk "BEGIN { printf \"%d\", $SCALE * 10000000 }")
	DOMAINS=$(awk "BEGIN { printf \"%d\", $SCALE * 100000 }")

	Q_FLOOR="SELECT domain, count(*) FROM domain_events GROUP BY domain"
	Q_HEALTH="SELECT domain, (bounce_domain_health(code, at)).state FROM domain_events GROUP BY domain"
	Q_BASELINE=$(grep -v '^--' bench/domains_baseline.sql)
	Q_FILTER=$(grep -v '^--' bench/domains_filter.sql)

	echo "== building $EVENTS rows for up to $DOMAINS domains"
	"${PSQL[@]}" >/dev/null <<-SQL
		CREATE EXTENSION bouncecode;
		SELECT setseed(0.15);
		-- A domain's character (its id modulo 10) sets its code mix.
		CREATE TEMP TABLE mix (character int, codes bounce_code[]);
		INSERT INTO mix VALUES
			(0, '{0,0,0,0,0,0,0,0,10,22}'), (1, '{0,0,0,0,0,0,0,0,0,60}'), (2, '{0,0,0,0,0,0,10,20,70,29}'),
			(3, '{0,0,0,0,0,0,0,0,200,51}'), (4, '{0,0,0,0,0,0,0,0,100,90}'), (5, '{0,0,0,59,59,59,52,51,50,0}'),
			(6, '{29,29,29,21,29,29,29,29,10,0}'), (7, '{70,70,20,70,0,0,70,70,70,0}'),
			(8, '{29,51,70,0,0,29,51,70,20,0}'), (9, '{0,0,0,0,0,0,0,0,0,0}');
		CREATE UNLOGGED TABLE domain_events AS
		WITH r AS (SELECT floor($DOMAINS * power(random(), 3))::int AS id FROM generate_series(1, $EVENTS))
		SELECT 'd' || r.id || '.example' AS domain,
		       m.codes[1 + floor(random() * 10)::int] AS code,
		       '2023-01-01'::timestamptz + floor(random() * 63072000) * interval '1 second' AS at
		FROM r JOIN mix m ON m.character = r.id % 10;
		VACUUM ANALYZE domain_events;
	SQL
	"${PSQL[@]}" -c "SELECT format('   %s rows, %s domains, %s', count(*), count(DISTINCT domain),
	                                pg_size_pretty(pg_table_size('domain_events'))) FROM domain_events"

	echo "== checking answers"
	"${PSQL[@]}" -c "$SERIAL CREATE TABLE by_health AS $Q_HEALTH" \
		-c "$SERIAL CREATE TABLE by_window AS $Q_BASELINE" \
		-c "$SERIAL CREATE TABLE by_filter AS $Q_FILTER" \
		-c "$PARALLEL CREATE TABLE by_health_parallel AS $Q_HEALTH"
	differ() {
		"${PSQL[@]}" -c "SELECT count(*) FROM by_health h FULL JOIN $1 o USING (domain) WHERE h.state IS DISTINCT FROM o.state"
	}
	differ_window=$(differ by_window)
	differ_filter=$(differ by_filter)
	differ_parallel=$(differ by_health_parallel)
	"${PSQL[@]}" -c "SELECT '   ' || string_agg(state || ' ' || n, ', ' ORDER BY state) FROM
	                 (SELECT state, count(*) AS n FROM by_health GROUP BY state) s"
	echo "   differ from the window baseline: $differ_window, from the FILTER SQL: $differ_filter, in parallel: $differ_parallel"

	echo "== timing (median of $RUNS runs; plans:"
	echo "   count(*):             $(top_node "$SERIAL" "$Q_FLOOR")"
	echo "   bounce_domain_health: $(top_node "$SERIAL" "$Q_HEALTH")"
	echo "   window baseline:      $(top_node "$SERIAL" "$Q_BASELINE")"
	echo "   FILTER SQL:           $(top_node "$SERIAL" "$Q_FILTER")"
	echo "   parallel:             $(top_node "$PARALLEL" "$Q_HEALTH"))"
	floor=() health=() window=() filter=() parallel=()
	floor_cpu=() health_cpu=() window_cpu=() filter_cpu=()
	for i in $(seq "$RUNS"); do
		read -r wall cpu < <(run "$SERIAL" "$Q_FLOOR")
		floor+=("$wall") floor_cpu+=("$cpu")
		read -r wall cpu < <(run "$SERIAL" "$Q_HEALTH")
		health+=("$wall") health_cpu+=("$cpu")
		read -r wall cpu < <(run "$SERIAL" "$Q_BASELINE")
		window+=("$wall") window_cpu+=("$cpu")
		read -r wall cpu < <(run "$SERIAL" "$Q_FILTER")
		filter+=("$wall") filter_cpu+=("$cpu")
		read -r wall cpu < <(run "$PARALLEL" "$Q_HEALTH")
		parallel+=("$wall")
		echo "   run $i: count(*) ${floor[-1]} ms (cpu ${floor_cpu[-1]}), bounce_domain_health ${health[-1]} ms" \
			"(cpu ${health_cpu[-1]}), window SQL ${window[-1]} ms (cpu ${window_cpu[-1]}), FILTER SQL ${filter[-1]} ms" \
			"(cpu ${filter_cpu[-1]}); 2 workers: bounce_domain_health ${parallel[-1]} ms"
	done
	t_floor=$(median "${floor[@]}") t_health=$(median "${health[@]}") t_window=$(median "${window[@]}")
	t_filter=$(median "${filter[@]}") t_parallel=$(median "${parallel[@]}")
	c_floor=$(median "${floor_cpu[@]}") c_health=$(median "${health_cpu[@]}") c_window=$(median "${window_cpu[@]}")
	c_filter=$(median "${filter_cpu[@]}")

	vs_floor=$(ratio "$t_health" "$t_floor")
	vs_window=$(ratio "$t_window" "$t_health")
	vs_filter=$(ratio "$t_filter" "$t_health")
	echo "== results ($EVENTS rows, PostgreSQL $("${PSQL[@]}" -c 'SHOW server_version'), $(nproc) CPUs)"
	printf '   %-50s %10s ms   cpu %6s ms\n' "count(*) GROUP BY domain" "$t_floor" "$c_floor" \
		"bounce_domain_health(code, at) GROUP BY domain" "$t_health" "$c_health" \
		"plain SQL with window functions" "$t_window" "$c_window" \
		"plain SQL, FILTERed aggregates" "$t_filter" "$c_filter"
	printf '   %-50s %10s ms\n' "bounce_domain_health, 2 parallel workers" "$t_parallel"
	echo "   bounce_domain_health / count(*):      ${vs_floor}x, cpu $(ratio "$c_health" "$c_floor")x   (target <= 1.5x: $(verdict "$vs_floor" "<=" 1.5))"
	echo "   window SQL / bounce_domain_health:    ${vs_window}x, cpu $(ratio "$c_window" "$c_health")x   (target >= 5x: $(verdict "$vs_window" ">=" 5))"
	echo "   FILTER SQL / bounce_domain_health:    ${vs_filter}x, cpu $(ratio "$c_filter" "$c_health")x"
	echo "   no workers / 2 parallel workers:      $(ratio "$t_health" "$t_parallel")x"
	if [ "$differ_window" != 0 ] || [ "$differ_filter" != 0 ] || [ "$differ_parallel" != 0 ]; then
		echo "bench/domains.sh: answers differ" >&2
		exit 1
	fi
	exit 0
fi

. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
export PG_CONFIG=$PG_BINDIR/pg_config

# Build, and install into a private staging directory the cluster reads first.
. bench/stage.sh

bench_in_cluster bench/domains.sh
