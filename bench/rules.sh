#!/usr/bin/env bash
# bench/rules.sh — what a user rule set costs (issue 13).
#
# Targets: classify_bounce(response, recipient, ruleset) with a set of 1,000
# rules at most 1.2x classify_bounce(response, recipient) per row; reading and
# compiling a set of 1,000 rules under 50 ms.
#
# Per row: ROWS rows (the labelled corpus's responses and recipients,
# repeated) classified without a set, with an empty set and with the set of
# 1,000 rules (phrases of MIN_WORDS to MIN_WORDS + SPREAD - 1 words and a
# two-letter tag, a quarter of them scoped, and 50 large-provider domains),
# REPS times each, interleaved; the medians are compared.  By default 2 to 4
# words, about 23 bytes a phrase: longer than the built-in phrases (14 bytes
# on average), so the set's automaton is as large as a real set's or larger.
# The per-row cost grows with the phrases' bytes: beyond 32,766 bytes in all
# a set takes a second automaton (MIN_WORDS=3 gives about 35 bytes a phrase).  Compile: the set is invalidated (a statement on its table) and
# then used once, REPS * 5 times; the median of that call, less the median of
# a call on the cached set, is the read and compile time.
#
# Builds into a private staging directory (bench/stage.sh) that only the
# throwaway cluster reads.  A benchmark reports: it exits 0 whatever the
# figures, and fails only when it cannot measure.
#   bench/rules.sh              ROWS=200000 REPS=5 MIN_WORDS=2 SPREAD=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-200000}
REPS=${REPS:-5}
MIN_WORDS=${MIN_WORDS:-2}
SPREAD=${SPREAD:-3}

if [ "${1:-}" != "--in-cluster" ]; then
	. test/lib/deps.sh
	ensure_packages $BASE_PACKAGES
	PG_CONFIG=$PG_BINDIR/pg_config
	. bench/stage.sh
	pg_virtualenv -t -v "$PG_MAJOR" -o "extension_destdir=$STAGE" \
		-o "dynamic_library_path=$STAGE$("$PG_CONFIG" --pkglibdir):\$libdir" \
		env ROWS="$ROWS" REPS="$REPS" MIN_WORDS="$MIN_WORDS" SPREAD="$SPREAD" "$(pwd)/bench/rules.sh" --in-cluster
	exit 0
fi

# --- inside the throwaway cluster -------------------------------------------
export PGDATABASE=postgres
run_sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "bench/rules.sh: preparing $ROWS rows and a set of 1,000 rules" >&2
run_sql -v rows="$ROWS" -v min_words="$MIN_WORDS" -v spread="$SPREAD" <<'SQL'
CREATE EXTENSION bouncecode;
\i bench/corpus.sql
CREATE TABLE rows AS
	SELECT nullif(c.recipient, '') AS rcpt, c.response AS resp
	FROM generate_series(1, :rows) i
	JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS n, * FROM corpus) c
	  ON c.n = i % (SELECT count(*) FROM corpus);
VACUUM ANALYZE rows;

INSERT INTO bounce_rulesets VALUES ('thousand'), ('empty');
-- Words a deliverability team would write rules with, combined into distinct phrases.
CREATE TEMP TABLE words AS
	SELECT w, row_number() OVER () - 1 AS n
	FROM unnest(string_to_array('account mailbox recipient sender message delivery policy quota domain '
		|| 'address server relay spam content reputation volume rate limit blocked rejected refused disabled '
		|| 'suspended inactive expired unknown invalid closed frozen dormant deferred throttled quarantined '
		|| 'filtered listed banned locked', ' ')) w;
INSERT INTO bounce_rules (ruleset, name, phrase, code, recipient_domain, remote_host, reply_class)
SELECT 'thousand', 'r' || i,
       (SELECT string_agg(w, ' ' ORDER BY k) FROM
          (SELECT k, (SELECT w FROM words WHERE n = (i * (k * 7 + 3) + k * k * 5) % (SELECT count(*) FROM words)) AS w
           FROM generate_series(1, :min_words + i % :spread) k) s) || ' ' || 'x' || chr(97 + i % 26) || chr(97 + (i / 26) % 26),
       (ARRAY['10', '20', '22', '50', '51', '52', '54', '59']::bounce_code[])[1 + i % 8],
       CASE WHEN i % 8 = 1 THEN 'customer' || i % 50 || '.example' END,
       CASE WHEN i % 8 = 2 THEN 'mx' || i % 20 || '.provider.example' END,
       CASE WHEN i % 8 = 3 THEN 5 END
FROM generate_series(1, 1000) i;
INSERT INTO bounce_large_providers SELECT 'thousand', 'isp' || i || '.example' FROM generate_series(1, 50) i;
SQL

run_sql <<SQL
SELECT classify_bounce('warm-up', NULL, 'thousand'), classify_bounce('warm-up', NULL, 'empty');
SELECT count(*) FROM rows;  -- the pages into shared buffers, untimed
CREATE TEMP TABLE timings (what text, ms float8);
DO \$\$
DECLARE
	t0 timestamptz;
	rep int;
	k int;
BEGIN
	FOR rep IN 1..$REPS LOOP
		t0 := clock_timestamp();
		PERFORM count(classify_bounce(resp, rcpt)) FROM rows;
		INSERT INTO timings VALUES ('rows, no rule set', extract(epoch FROM clock_timestamp() - t0) * 1000);
		t0 := clock_timestamp();
		PERFORM count(classify_bounce(resp, rcpt, 'empty')) FROM rows;
		INSERT INTO timings VALUES ('rows, empty rule set', extract(epoch FROM clock_timestamp() - t0) * 1000);
		t0 := clock_timestamp();
		PERFORM count(classify_bounce(resp, rcpt, 'thousand')) FROM rows;
		INSERT INTO timings VALUES ('rows, 1,000 rules', extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	FOR k IN 1..$REPS * 5 LOOP
		-- A statement on the table invalidates the cached set; the next use reads and compiles it.
		-- (The text varies, so that the call is not folded into a constant when planned.)
		UPDATE bounce_rulesets SET comment = comment WHERE false;
		t0 := clock_timestamp();
		PERFORM classify_bounce('550 warm-up ' || k, NULL, 'thousand');
		INSERT INTO timings VALUES ('one call, set read and compiled', extract(epoch FROM clock_timestamp() - t0) * 1000);
		t0 := clock_timestamp();
		PERFORM classify_bounce('550 warm-up ' || k, NULL, 'thousand');
		INSERT INTO timings VALUES ('one call, set cached', extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
END
\$\$;
\pset footer off
SELECT count(*) AS rules, round(avg(octet_length(phrase)), 1) AS avg_phrase_bytes, sum(octet_length(phrase)) AS phrase_bytes
FROM bounce_rules WHERE ruleset = 'thousand';
SELECT what, count(*) AS runs, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS median_ms,
       round(min(ms)::numeric, 3) AS min_ms
FROM timings GROUP BY what ORDER BY what;
WITH m AS (SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings GROUP BY what)
SELECT round(((SELECT ms FROM m WHERE what = 'rows, 1,000 rules') /
              (SELECT ms FROM m WHERE what = 'rows, no rule set'))::numeric, 3) AS per_row_ratio_1000_rules,
       round(((SELECT ms FROM m WHERE what = 'rows, empty rule set') /
              (SELECT ms FROM m WHERE what = 'rows, no rule set'))::numeric, 3) AS per_row_ratio_empty_set,
       round(((SELECT ms FROM m WHERE what = 'one call, set read and compiled') -
              (SELECT ms FROM m WHERE what = 'one call, set cached'))::numeric, 3) AS read_and_compile_ms,
       (SELECT count(*) FROM rows WHERE classify_bounce(resp, rcpt, 'thousand') IS DISTINCT FROM classify_bounce(resp, rcpt))
           AS rows_a_rule_changed;
SQL
