#!/usr/bin/env bash
# bench/classify.sh — classify_bounce speed, measured in one run:
#   1. classify_bounce(resp) vs octet_length(resp) over 1,000,000 rows (the floor:
#      reading the row and calling a C function), one backend, no parallel workers;
#   2. the regular-expression CASE ladder of bench/baseline.sql vs classify_bounce;
#   3. the pure C core's throughput on a 100 MB input, outside PostgreSQL.
# Each query runs 3 times; the fastest run counts.  ROWS=... changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib/deps.sh
ensure_packages $BASE_PACKAGES
require_root_for_install
ROWS=${ROWS:-1000000}
make --no-print-directory -s PG_CONFIG=$PG_BINDIR/pg_config
make --no-print-directory -s install PG_CONFIG=$PG_BINDIR/pg_config
cc -std=c99 -O2 -Isrc -o bench/core_throughput.bin bench/core_throughput.c src/core/*.c

echo "== the pure C core (100 MB of corpus responses)"
./bench/core_throughput.bin test/corpus/responses.tsv 100

echo "== in PostgreSQL ($ROWS rows)"
pg_virtualenv -v "$PG_MAJOR" -o shared_buffers=1GB -o max_parallel_workers_per_gather=0 \
	psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" <<'SQL'
CREATE EXTENSION bouncecode;
CREATE TABLE corpus (id text, accept text, recipient text, source text, lang text, resp text);
\copy corpus FROM PROGRAM 'tail -n +2 test/corpus/responses.tsv'
-- Realistic rows: the corpus responses, each made unique by a queue id.
CREATE TABLE responses AS
	SELECT i AS id, c.resp || ' [queue ' || md5(i::text) || ']' AS resp
	FROM generate_series(1, :rows) i
	JOIN (SELECT row_number() OVER () - 1 AS n, resp FROM corpus) c ON c.n = i % (SELECT count(*) FROM corpus);
VACUUM ANALYZE responses;
\i bench/baseline.sql

\i bench/best_ms.sql

SELECT pg_size_pretty(pg_relation_size('responses')) AS table_size,
       round(avg(octet_length(resp))) AS avg_bytes FROM responses;
SELECT pg_temp.best_ms('SELECT max(octet_length(resp)) FROM responses') AS floor_ms \gset
SELECT pg_temp.best_ms('SELECT max(classify_bounce(resp)) FROM responses') AS classify_ms \gset
SELECT pg_temp.best_ms('SELECT max(pg_temp.regex_bounce_code(resp)) FROM responses') AS regex_ms \gset
SELECT :floor_ms AS octet_length_ms, :classify_ms AS classify_bounce_ms, :regex_ms AS regex_ladder_ms;
SELECT round(:classify_ms / :floor_ms, 2) AS "classify_bounce / octet_length (target <= 1.5)",
       round(:regex_ms / :classify_ms, 1) AS "regex ladder / classify_bounce (target >= 30)";
SELECT round(100.0 * count(*) FILTER (WHERE classify_bounce(resp)::int = pg_temp.regex_bounce_code(resp)) / count(*), 1)
	AS "regex ladder agrees with classify_bounce (%)"
FROM responses;
SQL
