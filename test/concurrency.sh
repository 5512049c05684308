#!/usr/bin/env bash
# test/concurrency.sh — several loaders at once into one table with the
# classification trigger: 8 pgbench clients inserting batches of rows and 4
# psql COPYs, all at the same time.  Afterwards every row of the known set must
# be there exactly once, and every stored code must equal
# classify_bounce(response, recipient).  Takes seconds.
#
# Runs against the server the PG* variables name, with bouncecode installed;
# test/run runs it inside a throwaway cluster:
#   pg_virtualenv -v 15 test/concurrency.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-40000}			# the known set; half by pgbench, half by COPY
CLIENTS=8
COPIES=4
BATCH=100					# rows per pgbench transaction
DB=bouncecode_concurrency

if [ $((ROWS % (2 * CLIENTS * BATCH))) -ne 0 ]; then
	echo "concurrency: ROWS must be a multiple of $((2 * CLIENTS * BATCH))" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export PGDATABASE=$DB
run_sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The known set: the labeled corpus's responses and recipients, repeated, with
# some NULL responses and NULL recipients among them.
run_sql -v rows="$ROWS" <<'SQL'
CREATE EXTENSION bouncecode;
CREATE TABLE corpus (id text, accept text, recipient text, source text, lang text, response text);
\copy corpus FROM PROGRAM 'tail -n +2 test/corpus/responses.tsv'
CREATE TABLE source AS
	SELECT i AS id,
	       CASE WHEN i % 53 = 0 THEN NULL ELSE c.response END AS response,
	       nullif(c.recipient, '') AS recipient
	FROM generate_series(1, :rows) i
	JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS n, * FROM corpus) c
	  ON c.n = i % (SELECT count(*) FROM corpus);
-- No unique constraint: a duplicated row must be seen, not refused.
CREATE TABLE bounces (id int, smtp_response text, code bounce_code, email text);
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bounces FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email');
CREATE SEQUENCE batch;
SQL

# The COPY half: ids above ROWS/2, split into one file per loader.
for i in $(seq 0 $((COPIES - 1))); do
	run_sql -c "\\copy (SELECT id, response, recipient FROM source WHERE id > $ROWS / 2 AND id % $COPIES = $i) TO '$work/copy$i.tsv'"
done

# The pgbench half: each transaction takes the next batch of ids up to ROWS/2.
cat > "$work/insert.sql" <<SQL
SELECT nextval('batch') AS b \\gset
INSERT INTO bounces (id, smtp_response, email)
	SELECT id, response, recipient FROM source WHERE id > (:b - 1) * $BATCH AND id <= :b * $BATCH;
SQL

start=$(date +%s%N)
pids=()
pgbench -n -c "$CLIENTS" -j "$CLIENTS" -t $((ROWS / 2 / BATCH / CLIENTS)) -f "$work/insert.sql" \
	> "$work/pgbench.log" 2>&1 &
pids+=($!)
for i in $(seq 0 $((COPIES - 1))); do
	run_sql -c "\\copy bounces (id, smtp_response, email) FROM '$work/copy$i.tsv'" > /dev/null &
	pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
	wait "$pid" || status=1
done
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
if [ "$status" -ne 0 ]; then
	cat "$work/pgbench.log" >&2
	echo "concurrency: a loader failed" >&2
	exit 1
fi

# The checks: each prints nothing when it holds.
problems=$(run_sql -At -v rows="$ROWS" <<'SQL'
SELECT format('%s rows stored, %s distinct ids, %s expected', count(*), count(DISTINCT id), :rows)
FROM bounces HAVING count(*) <> :rows OR count(DISTINCT id) <> :rows;
SELECT format('lost: id %s', id) FROM (
	SELECT id, response, recipient FROM source
	EXCEPT ALL SELECT id, smtp_response, email FROM bounces) lost;
SELECT format('duplicated or unknown: id %s', id) FROM (
	SELECT id, smtp_response, email FROM bounces
	EXCEPT ALL SELECT id, response, recipient FROM source) extra;
SELECT format('id %s: stored code %s, classify_bounce says %s', id, code, classify_bounce(smtp_response, email))
FROM bounces WHERE code IS DISTINCT FROM classify_bounce(smtp_response, email);
SQL
)
if [ -n "$problems" ]; then
	echo "$problems" | head -20 >&2
	echo "concurrency: FAILED" >&2
	exit 1
fi
classified=$(run_sql -At -c "SELECT count(code) FROM bounces")
printf 'concurrency: %d rows by %d pgbench clients and %d COPYs at once in %d ms: none lost, none duplicated, all %d codes equal classify_bounce()\n' \
	"$ROWS" "$CLIENTS" "$COPIES" "$elapsed_ms" "$classified"
