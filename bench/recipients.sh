#!/usr/bin/env bash
# bench/recipients.sh — bounce_recipients speed in one backend (no parallel
# workers, JIT off): recipients per second over MESSAGES multi-recipient DSNs
# of RECIPIENTS recipients each (five outcomes in turn, as in the regression
# test), next to the floor of reading the messages (sum(octet_length)) and to
# classify_bounce over the same messages; then one DSN of BIG recipients
# alone.  The fastest of three runs counts (bench/best_ms.sql).  A benchmark
# reports; it exits 0 whatever the figures, and fails only when it cannot
# measure.
#
# Builds into a private staging directory (bench/stage.sh) and runs on a
# throwaway cluster (pg_virtualenv), like the other benchmarks.
#
#   bench/recipients.sh                                   MESSAGES=10000 RECIPIENTS=10 BIG=100000
#   MESSAGES=1000 bench/recipients.sh                     a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-10000}
RECIPIENTS=${RECIPIENTS:-10}
BIG=${BIG:-100000}

if [ "${1:-}" = "--in-cluster" ]; then
	export PGDATABASE=postgres
	# One DSN of n recipients (SQL), the outcomes of sql/recipients.sql in turn.
	dsn() {
		cat <<-SQL
		E'From: MAILER-DAEMON@mx.example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary="F"\n\n--F\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n'
		|| (SELECT string_agg(format(E'Final-Recipient: rfc822; user%s.%s@example.com\nAction: %s\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n',
		                             $2, i, (ARRAY['failed','failed','delayed','delivered','failed'])[i % 5 + 1],
		                             (ARRAY['5.1.1','5.2.2','4.4.7','2.0.0','5.7.1'])[i % 5 + 1],
		                             (ARRAY['550 5.1.1 User unknown','552 5.2.2 Mailbox full','451 4.4.7 Delivery time expired, will retry',
		                                    '250 2.0.0 Ok','550 5.7.1 Message rejected as spam'])[i % 5 + 1]), '' ORDER BY i)
		    FROM generate_series(1, $1) i)
		|| E'--F--\n'
		SQL
	}
	psql -X -q -At -v ON_ERROR_STOP=1 <<-SQL
		SET jit = off;
		SET max_parallel_workers_per_gather = 0;
		CREATE EXTENSION bouncecode;
		\i bench/best_ms.sql
		CREATE TEMP TABLE msgs AS SELECT m, $(dsn "$RECIPIENTS" m) AS raw FROM generate_series(1, $MESSAGES) m;
		CREATE TEMP TABLE big AS SELECT $(dsn "$BIG" 0) AS raw;
		VACUUM ANALYZE msgs;
		SELECT format('== %s messages of %s recipients (%s), and one of %s recipients (%s)',
		              (SELECT count(*) FROM msgs), $RECIPIENTS, pg_size_pretty(pg_table_size('msgs')),
		              $BIG, pg_size_pretty((SELECT octet_length(raw)::bigint FROM big)));
		SELECT pg_temp.best_ms('SELECT sum(octet_length(raw)) FROM msgs') AS floor_ms \gset
		SELECT pg_temp.best_ms('SELECT count(*) FROM msgs, LATERAL bounce_recipients(raw)') AS rcpt_ms \gset
		SELECT pg_temp.best_ms('SELECT count(classify_bounce(raw)) FROM msgs') AS classify_ms \gset
		SELECT pg_temp.best_ms('SELECT count(*) FROM big, LATERAL bounce_recipients(raw)') AS big_ms \gset
		SELECT format('   floor (read the messages)      %10s ms', :'floor_ms');
		SELECT format('   classify_bounce                %10s ms   %s messages/s', :'classify_ms',
		              round($MESSAGES / (:'classify_ms'::numeric / 1000)));
		SELECT format('   bounce_recipients              %10s ms   %s recipients/s, %s messages/s', :'rcpt_ms',
		              round($MESSAGES * $RECIPIENTS / (:'rcpt_ms'::numeric / 1000)),
		              round($MESSAGES / (:'rcpt_ms'::numeric / 1000)));
		SELECT format('   one DSN of %s recipients   %10s ms   %s recipients/s', $BIG, :'big_ms',
		              round($BIG / (:'big_ms'::numeric / 1000)));
	SQL
	exit 0
fi

. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
export PG_CONFIG=$PG_BINDIR/pg_config

# Build, and install into a private staging directory the cluster reads first.
. bench/stage.sh

# -t: a cluster of our own even as root, so other throwaway clusters can run meanwhile.
MESSAGES=$MESSAGES RECIPIENTS=$RECIPIENTS BIG=$BIG pg_virtualenv -t -v "$PG_MAJOR" \
	-o "extension_destdir=$STAGE" \
	-o "dynamic_library_path=$STAGE$($PG_CONFIG --pkglibdir):\$libdir" \
	"$PWD/bench/recipients.sh" --in-cluster
