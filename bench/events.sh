#!/usr/bin/env bash
# bench/events.sh — events per second through bounce_events() in one backend,
# against the same extraction written by hand in SQL (bench/events_baseline.sql).
#
# BATCHES SendGrid event webhook batches of EVENTS_PER_BATCH events each (a
# stream's mix: mostly processed, delivered, open and click events; deferrals
# with the receiver's reply; bounces with a reply and a bounce_classification;
# a few drops, complaints and unsubscribes), stored as jsonb in a table.  Both
# queries produce every column of every event (all are aggregated, so none is
# optimized away); their answers are checked to agree first.  Target (issue 14):
# bounce_events at least 5x the SQL's events per second.
#
# Installs what it needs (as root, like test/run), builds into a private staging
# directory (bench/stage.sh) and runs on a throwaway cluster (pg_virtualenv).
# A benchmark reports: it exits 0 whatever the figures.
#   bench/events.sh          BATCHES=1000 EVENTS_PER_BATCH=100 RUNS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."

BATCHES=${BATCHES:-1000}
EVENTS_PER_BATCH=${EVENTS_PER_BATCH:-100}
RUNS=${RUNS:-3}

if [ "${1:-}" = "--in-cluster" ]; then
	PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
	SESSION="SET jit = off; SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB'; SELECT classify_bounce('warm-up: the library and its phrase automaton load before the timing');"
	Q_EVENTS="SELECT 'sendgrid'::text AS provider, e.event, e.recipient, e.occurred_at, e.code, e.kind,
	                 e.diagnostic, e.provider_type
	          FROM webhook_batches b CROSS JOIN LATERAL bounce_events(b.payload) AS e"
	Q_BASELINE=$(grep -v '^--' bench/events_baseline.sql)
	# Every column consumed, so that neither side can skip computing one.
	consume() {
		echo "SELECT count(*), count(event), count(recipient), max(occurred_at), sum(code::int),
		             count(kind), sum(length(diagnostic)), count(provider_type) FROM ($1) q"
	}

	echo "== building $BATCHES batches of $EVENTS_PER_BATCH SendGrid events"
	"${PSQL[@]}" >/dev/null <<-SQL
		CREATE EXTENSION bouncecode;
		SELECT setseed(0.14);
		CREATE TABLE webhook_batches AS
		SELECT b AS id, jsonb_agg(ev ORDER BY i) AS payload
		FROM (
			SELECT b, i, r, jsonb_strip_nulls(jsonb_build_object(
				'email', 'user' || (b * $EVENTS_PER_BATCH + i) % 50000 || '@' ||
				         ('{gmail.com,yahoo.com,example.org,corp.example.com}'::text[])[1 + i % 4],
				'timestamp', 1700000000 + b * 60 + i,
				'smtp-id', '<14c5d75ce93.dfd.64b469@ismtpd-555>',
				'sg_event_id', md5(b || '.' || i), 'sg_message_id', md5(i || '.' || b),
				'category', 'newsletter',
				'event', CASE WHEN r < 0.30 THEN 'processed' WHEN r < 0.60 THEN 'delivered'
				              WHEN r < 0.80 THEN 'open' WHEN r < 0.90 THEN 'click'
				              WHEN r < 0.94 THEN 'deferred' WHEN r < 0.98 THEN 'bounce'
				              WHEN r < 0.99 THEN 'dropped' WHEN r < 0.995 THEN 'spamreport'
				              ELSE 'unsubscribe' END,
				'response', CASE WHEN r >= 0.30 AND r < 0.60 THEN '250 2.0.0 OK  1700000000 a1si123456qkb.1 - gsmtp'
				                 WHEN r >= 0.90 AND r < 0.94 THEN '421 4.7.0 Try again later, closing connection.' END,
				'attempt', CASE WHEN r >= 0.90 AND r < 0.94 THEN '1' END,
				'reason', CASE WHEN r >= 0.94 AND r < 0.96 THEN '550 5.1.1 The email account that you tried to reach does not exist.'
				               WHEN r >= 0.96 AND r < 0.97 THEN '552 5.2.2 The email account that you tried to reach is over quota.'
				               WHEN r >= 0.97 AND r < 0.98 THEN '550 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org'
				               WHEN r >= 0.98 AND r < 0.99 THEN 'Bounced Address' END,
				'status', CASE WHEN r >= 0.94 AND r < 0.98 THEN '5.0.0' END,
				'bounce_classification', CASE WHEN r >= 0.94 AND r < 0.96 THEN 'Invalid Address'
				                              WHEN r >= 0.96 AND r < 0.97 THEN 'Mailbox Unavailable'
				                              WHEN r >= 0.97 AND r < 0.98 THEN 'Reputation' END,
				'useragent', CASE WHEN r >= 0.60 AND r < 0.90 THEN 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' END,
				'url', CASE WHEN r >= 0.80 AND r < 0.90 THEN 'https://www.example.org/offer' END)) AS ev
			FROM generate_series(1, $BATCHES) b, generate_series(1, $EVENTS_PER_BATCH) i, LATERAL (SELECT random() + 0 * i * b AS r) rr
		) s
		GROUP BY b;
		VACUUM ANALYZE webhook_batches;
	SQL
	"${PSQL[@]}" -c "SELECT format('   %s batches, %s events, %s', count(*), sum(jsonb_array_length(payload)),
	                                pg_size_pretty(pg_table_size('webhook_batches'))) FROM webhook_batches"

	echo "== checking answers"
	"${PSQL[@]}" -c "$SESSION CREATE TABLE by_function AS $Q_EVENTS" -c "$SESSION CREATE TABLE by_sql AS $Q_BASELINE"
	"${PSQL[@]}" -c "SELECT format('   %s events; by code: %s; %s differ between the function and the SQL',
	                  (SELECT count(*) FROM by_function),
	                  (SELECT string_agg(coalesce(code::text, 'NULL') || ' ' || n, ', ' ORDER BY code)
	                     FROM (SELECT code, count(*) n FROM by_function GROUP BY code) c),
	                  (SELECT count(*) FROM ((TABLE by_function EXCEPT ALL TABLE by_sql)
	                                         UNION ALL (TABLE by_sql EXCEPT ALL TABLE by_function)) d))"

	CPU_TICKS="SELECT 'cpu ' || (s[14]::bigint + s[15]::bigint) FROM string_to_array(pg_read_file('/proc/self/stat'), ' ') s"
	TICK_MS=$(awk "BEGIN { print 1000 / $(getconf CLK_TCK) }")
	# run QUERY: "wall_ms cpu_ms" of one run in one backend.
	run() {
		"${PSQL[@]}" -c "$SESSION" -c "$CPU_TICKS" -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $1" -c "$CPU_TICKS" |
			awk -v tick="$TICK_MS" '/^Execution Time:/ { wall = $3 } /^cpu / { c[n++] = $2 }
			                        END { printf "%s %.0f\n", wall, (c[1] - c[0]) * tick }'
	}
	median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	total=$((BATCHES * EVENTS_PER_BATCH))
	fn=() sql=() fn_cpu=() sql_cpu=()
	echo "== timing (median of $RUNS runs)"
	for i in $(seq "$RUNS"); do
		read -r wall cpu < <(run "$(consume "$Q_EVENTS")")
		fn+=("$wall") fn_cpu+=("$cpu")
		read -r wall cpu < <(run "$(consume "$Q_BASELINE")")
		sql+=("$wall") sql_cpu+=("$cpu")
		echo "   run $i: bounce_events ${fn[-1]} ms (cpu ${fn_cpu[-1]}), SQL ${sql[-1]} ms (cpu ${sql_cpu[-1]})"
	done
	t_fn=$(median "${fn[@]}") t_sql=$(median "${sql[@]}")
	awk -v n="$total" -v f="$t_fn" -v s="$t_sql" -v fc="$(median "${fn_cpu[@]}")" -v sc="$(median "${sql_cpu[@]}")" 'BEGIN {
		printf "   bounce_events: %.0f events/s (%.2f us/event), cpu %s ms\n", n / f * 1000, f * 1000 / n, fc
		printf "   SQL by hand:   %.0f events/s (%.2f us/event), cpu %s ms\n", n / s * 1000, s * 1000 / n, sc
		printf "   bounce_events is %.1fx the SQL (target: at least 5x)\n", s / f
	}'
	exit 0
fi

. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
PG_CONFIG=$PG_BINDIR/pg_config
. bench/stage.sh
pg_virtualenv -t -v "$PG_MAJOR" -o "extension_destdir=$STAGE" \
	-o "dynamic_library_path=$STAGE$("$PG_CONFIG" --pkglibdir):\$libdir" \
	env BATCHES="$BATCHES" EVENTS_PER_BATCH="$EVENTS_PER_BATCH" RUNS="$RUNS" "$(pwd)/bench/events.sh" --in-cluster
